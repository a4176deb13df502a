#include "pe_inject.h"

#include <string.h>

#define PE_DOS_LFANEW       0x3c
#define PE_FILE_HEADER_SIZE 20
#define PE_OPT_MAGIC_PE32PLUS 0x20b
#define PE_OPT_SIZEOFIMAGE  56
#define PE_OPT_NUMRVA       108
#define PE_OPT_DATADIR      112
#define PE_ORDINAL_FLAG64   UINT64_C(0x8000000000000000)
#define PE_BLOCK_ALIGN      16

static uint16_t pe_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t pe_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void pe_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void pe_put64(uint8_t *p, uint64_t v)
{
    pe_put32(p, (uint32_t)v);
    pe_put32(p + 4, (uint32_t)(v >> 32));
}

static size_t pe_align(size_t v)
{
    return (v + PE_BLOCK_ALIGN - 1) & ~(size_t)(PE_BLOCK_ALIGN - 1);
}

enum pe_error pe_parse_headers(const uint8_t *buf, size_t len, struct pe_image_info *info)
{
    uint32_t nt, opt, datadir;
    uint16_t opt_size;

    if (!buf || !info)
        return PE_BAD_ARGUMENT;
    memset(info, 0, sizeof(*info));
    if (len < 0x40)
        return PE_TRUNCATED;
    if (buf[0] != 'M' || buf[1] != 'Z')
        return PE_NOT_MZ;
    nt = pe_u32(buf + PE_DOS_LFANEW);
    if (nt > len || len - nt < 4 + PE_FILE_HEADER_SIZE)
        return PE_TRUNCATED;
    if (memcmp(buf + nt, "PE\0\0", 4))
        return PE_NOT_PE;
    info->machine = pe_u16(buf + nt + 4);
    if (info->machine != PE_MACHINE_AMD64)
        return PE_NOT_AMD64;
    opt_size = pe_u16(buf + nt + 4 + 16);
    opt = nt + 4 + PE_FILE_HEADER_SIZE;
    if (opt_size < PE_OPT_DATADIR || len - opt < PE_OPT_DATADIR)
        return PE_TRUNCATED;
    if (pe_u16(buf + opt) != PE_OPT_MAGIC_PE32PLUS)
        return PE_NOT_PE32PLUS;
    info->size_of_image = pe_u32(buf + opt + PE_OPT_SIZEOFIMAGE);
    info->datadir_count = pe_u32(buf + opt + PE_OPT_NUMRVA);
    datadir = opt + PE_OPT_DATADIR;
    info->datadir_offset = datadir;
    if (info->datadir_count > 16)
        info->datadir_count = 16;
    /* The directories plume rewrites must exist and lie inside what was read
     * and inside the optional header the file declares. */
    if (info->datadir_count <= PE_DIR_BOUND_IMPORT ||
        (uint32_t)opt_size < PE_OPT_DATADIR + 8 * (PE_DIR_BOUND_IMPORT + 1))
        return PE_NO_DIRECTORY;
    if (len - datadir < 8 * (size_t)info->datadir_count)
        return PE_TRUNCATED;
    info->import_rva = pe_u32(buf + datadir + 8 * PE_DIR_IMPORT);
    info->import_size = pe_u32(buf + datadir + 8 * PE_DIR_IMPORT + 4);
    info->bound_rva = pe_u32(buf + datadir + 8 * PE_DIR_BOUND_IMPORT);
    info->bound_size = pe_u32(buf + datadir + 8 * PE_DIR_BOUND_IMPORT + 4);
    if (info->datadir_count > PE_DIR_CLR)
        info->is_dotnet = pe_u32(buf + datadir + 8 * PE_DIR_CLR) != 0;
    return PE_OK;
}

long pe_count_imports(const uint8_t *buf, size_t len)
{
    static const uint8_t zero[PE_IMPORT_DESC_SIZE];
    size_t n;

    if (!buf)
        return -1;
    for (n = 0; n < PE_MAX_IMPORTS && (n + 1) * PE_IMPORT_DESC_SIZE <= len; n++)
        if (!memcmp(buf + n * PE_IMPORT_DESC_SIZE, zero, PE_IMPORT_DESC_SIZE))
            return (long)n;
    return -1;
}

/* Block layout, each part 16-byte aligned:
 *   boot block | descriptors (1 + count + terminator) | INT (2 x 8) | IAT (2 x 8) | path */
struct pe_block_parts {
    size_t desc, lookup, address, path, end;
};

static void pe_block_parts(size_t count, size_t path_len, struct pe_block_parts *parts)
{
    parts->desc = pe_align(sizeof(struct plume_boot));
    parts->lookup = pe_align(parts->desc + (count + 2) * PE_IMPORT_DESC_SIZE);
    parts->address = parts->lookup + 16;
    parts->path = parts->address + 16;
    parts->end = pe_align(parts->path + path_len + 1);
}

size_t pe_block_size(size_t count, const char *dll_path)
{
    struct pe_block_parts parts;

    if (!dll_path || count > PE_MAX_IMPORTS)
        return 0;
    pe_block_parts(count, strlen(dll_path), &parts);
    return parts.end;
}

enum pe_error pe_build_block(const struct pe_image_info *info, uint32_t block_rva,
                             const uint8_t *old, size_t count, const char *dll_path,
                             uint16_t ordinal, const struct plume_boot *boot,
                             uint8_t *out, size_t cap, struct pe_inject_layout *layout)
{
    struct pe_block_parts parts;
    struct plume_boot header;
    size_t path_len;
    uint8_t *desc;

    if (!info || !dll_path || !boot || !out || !layout || (count && !old) || count > PE_MAX_IMPORTS)
        return PE_BAD_ARGUMENT;
    path_len = strlen(dll_path);
    if (!path_len || path_len > 1024)
        return PE_BAD_ARGUMENT;
    pe_block_parts(count, path_len, &parts);
    if (cap < parts.end)
        return PE_NO_SPACE;
    /* Every RVA in the block must fit in 32 bits. */
    if ((uint64_t)block_rva + parts.end > UINT32_MAX)
        return PE_BAD_ARGUMENT;

    memset(out, 0, parts.end);
    header = *boot;
    header.magic = PLUME_BOOT_MAGIC;
    header.size = sizeof(header);
    header.version = PLUME_BOOT_VERSION;
    header.block_rva = block_rva;
    header.orig_import_rva = info->import_rva;
    header.orig_import_size = info->import_size;
    header.orig_bound_rva = info->bound_rva;
    header.orig_bound_size = info->bound_size;
    memcpy(out, &header, sizeof(header));

    desc = out + parts.desc;
    pe_put32(desc + 0, block_rva + (uint32_t)parts.lookup);   /* OriginalFirstThunk */
    pe_put32(desc + 12, block_rva + (uint32_t)parts.path);    /* Name */
    pe_put32(desc + 16, block_rva + (uint32_t)parts.address); /* FirstThunk */
    if (count)
        memcpy(desc + PE_IMPORT_DESC_SIZE, old, count * PE_IMPORT_DESC_SIZE);
    /* The terminator is already zero. */
    pe_put64(out + parts.lookup, PE_ORDINAL_FLAG64 | ordinal);
    pe_put64(out + parts.address, PE_ORDINAL_FLAG64 | ordinal);
    memcpy(out + parts.path, dll_path, path_len + 1);

    layout->block_size = (uint32_t)parts.end;
    layout->import_rva = block_rva + (uint32_t)parts.desc;
    layout->import_size = (uint32_t)((count + 2) * PE_IMPORT_DESC_SIZE);
    return PE_OK;
}

uint32_t pe_boot_to_imports(void)
{
    return (uint32_t)pe_align(sizeof(struct plume_boot));
}

uint32_t pe_directory_offset(const struct pe_image_info *info, unsigned index)
{
    return info->datadir_offset + 8 * index;
}

const char *pe_error_text(enum pe_error err)
{
    switch (err) {
    case PE_OK: return "no error";
    case PE_TRUNCATED: return "the image headers are truncated";
    case PE_NOT_MZ: return "not an executable (no MZ header)";
    case PE_NOT_PE: return "not a PE executable";
    case PE_NOT_AMD64: return "not a 64-bit x64 program (plume runs x64 programs only)";
    case PE_NOT_PE32PLUS: return "not a PE32+ image";
    case PE_NO_DIRECTORY: return "the image has no room for an import directory";
    case PE_BAD_IMPORTS: return "the image's import table is malformed";
    case PE_NO_SPACE: return "internal error: injection buffer too small";
    case PE_BAD_ARGUMENT: return "internal error: bad injection argument";
    }
    return "unknown PE error";
}
