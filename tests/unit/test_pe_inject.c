/* Import-table injection on synthetic PE32+ headers: every parse error, the
 * descriptor count, and the injected block checked byte by byte. */
#include "unit.h"

#include "core/pe_inject.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the synthetic image puts things. The values follow the PE format
 * (pecoff.docx), written out here rather than taken from pe_inject.c. */
#define PT_LFANEW      0x80
#define PT_OPT         (PT_LFANEW + 4 + 20)  /* 0x98: after "PE\0\0" and the file header */
#define PT_DATADIR     (PT_OPT + 112)        /* 0x108 */
#define PT_FULL        (PT_DATADIR + 16 * 8) /* 0x188: end of the 16 directories */
#define PT_BUF         0x200
#define PT_IMPORT_RVA  0x2040
#define PT_IMPORT_SIZE 60
#define PT_BOUND_RVA   0x2a0
#define PT_BOUND_SIZE  0x28
#define PT_IMAGE_SIZE  0x7000

static void pt_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void pt_put32(uint8_t *p, uint32_t v)
{
    pt_put16(p, (uint16_t)v);
    pt_put16(p + 2, (uint16_t)(v >> 16));
}

static uint32_t pt_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t pt_get64(const uint8_t *p)
{
    return pt_get32(p) | ((uint64_t)pt_get32(p + 4) << 32);
}

/* A minimal valid x64 image header: MZ, e_lfanew, PE signature, AMD64, a
 * PE32+ optional header with 16 directories, import and bound import set. */
static void pt_make(uint8_t buf[PT_BUF])
{
    memset(buf, 0, PT_BUF);
    buf[0] = 'M';
    buf[1] = 'Z';
    pt_put32(buf + 0x3c, PT_LFANEW);
    memcpy(buf + PT_LFANEW, "PE\0\0", 4);
    pt_put16(buf + PT_LFANEW + 4, 0x8664);        /* Machine */
    pt_put16(buf + PT_LFANEW + 6, 3);             /* NumberOfSections */
    pt_put16(buf + PT_LFANEW + 20, 112 + 16 * 8); /* SizeOfOptionalHeader */
    pt_put16(buf + PT_OPT, 0x20b);                /* Magic: PE32+ */
    pt_put32(buf + PT_OPT + 56, PT_IMAGE_SIZE);   /* SizeOfImage */
    pt_put32(buf + PT_OPT + 108, 16);             /* NumberOfRvaAndSizes */
    pt_put32(buf + PT_DATADIR + 8 * 1, PT_IMPORT_RVA);
    pt_put32(buf + PT_DATADIR + 8 * 1 + 4, PT_IMPORT_SIZE);
    pt_put32(buf + PT_DATADIR + 8 * 11, PT_BOUND_RVA);
    pt_put32(buf + PT_DATADIR + 8 * 11 + 4, PT_BOUND_SIZE);
}

TEST(pe_parse_valid_header)
{
    uint8_t buf[PT_BUF];
    struct pe_image_info info;

    pt_make(buf);
    REQUIRE(pe_parse_headers(buf, sizeof(buf), &info) == PE_OK);
    CHECK_EQ_INT(info.machine, 0x8664);
    CHECK_EQ_INT(info.size_of_image, PT_IMAGE_SIZE);
    CHECK_EQ_INT(info.datadir_offset, PT_DATADIR);
    CHECK_EQ_INT(info.datadir_count, 16);
    CHECK_EQ_INT(info.import_rva, PT_IMPORT_RVA);
    CHECK_EQ_INT(info.import_size, PT_IMPORT_SIZE);
    CHECK_EQ_INT(info.bound_rva, PT_BOUND_RVA);
    CHECK_EQ_INT(info.bound_size, PT_BOUND_SIZE);
    CHECK_EQ_INT(info.is_dotnet, 0);
    CHECK_EQ_INT(pe_directory_offset(&info, PE_DIR_IMPORT), PT_DATADIR + 8);
    CHECK_EQ_INT(pe_directory_offset(&info, PE_DIR_BOUND_IMPORT), PT_DATADIR + 88);

    /* The headers need not be followed by anything. */
    CHECK_EQ_INT(pe_parse_headers(buf, PT_FULL, &info), PE_OK);
}

TEST(pe_parse_dotnet_flag)
{
    uint8_t buf[PT_BUF];
    struct pe_image_info info;

    pt_make(buf);
    pt_put32(buf + PT_DATADIR + 8 * 14, 0x2008);
    pt_put32(buf + PT_DATADIR + 8 * 14 + 4, 0x48);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_OK);
    CHECK_EQ_INT(info.is_dotnet, 1);
    /* With only 14 directories the CLR entry does not exist. */
    pt_put32(buf + PT_OPT + 108, 14);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_OK);
    CHECK_EQ_INT(info.is_dotnet, 0);
    CHECK_EQ_INT(info.datadir_count, 14);
}

TEST(pe_parse_truncated_at_every_length)
{
    uint8_t buf[PT_BUF];
    struct pe_image_info info;
    size_t len;

    pt_make(buf);
    for (len = 0; len <= PT_FULL; len++) {
        /* A heap copy of exactly LEN bytes, so that AddressSanitizer stops
         * any read past what the launcher would have read. */
        uint8_t *copy = malloc(len ? len : 1);
        enum pe_error got;

        REQUIRE(copy != NULL);
        memcpy(copy, buf, len);
        got = pe_parse_headers(copy, len, &info);
        free(copy);
        if (!CHECK_EQ_INT(got, len < PT_FULL ? PE_TRUNCATED : PE_OK)) {
            printf("    length %zu\n", len);
            break;
        }
    }
}

TEST(pe_parse_errors)
{
    uint8_t buf[PT_BUF];
    struct pe_image_info info;

    pt_make(buf);
    CHECK_EQ_INT(pe_parse_headers(NULL, sizeof(buf), &info), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), NULL), PE_BAD_ARGUMENT);

    pt_make(buf);
    buf[1] = 'X';
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_MZ);
    buf[0] = 'Z';
    buf[1] = 'M';
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_MZ);

    pt_make(buf);
    buf[PT_LFANEW + 3] = 1;
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_PE);
    pt_make(buf);
    memcpy(buf + PT_LFANEW, "NE\0\0", 4);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_PE);
    pt_make(buf);
    pt_put32(buf + 0x3c, 0); /* the signature would be "MZ" itself */
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_PE);

    pt_make(buf);
    pt_put16(buf + PT_LFANEW + 4, 0x14c); /* i386 */
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_AMD64);
    CHECK_EQ_INT(info.machine, 0x14c);
    pt_put16(buf + PT_LFANEW + 4, 0xaa64); /* ARM64 */
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_AMD64);

    pt_make(buf);
    pt_put16(buf + PT_OPT, 0x10b); /* PE32 */
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_PE32PLUS);
    pt_put16(buf + PT_OPT, 0x107); /* ROM */
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NOT_PE32PLUS);
}

TEST(pe_parse_directory_count)
{
    uint8_t buf[PT_BUF];
    struct pe_image_info info;

    /* The bound import entry (index 11) must exist: 12 directories. */
    pt_make(buf);
    pt_put32(buf + PT_OPT + 108, 11);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NO_DIRECTORY);
    pt_put32(buf + PT_OPT + 108, 0);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NO_DIRECTORY);
    pt_put32(buf + PT_OPT + 108, 12);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_OK);
    CHECK_EQ_INT(info.datadir_count, 12);
    CHECK_EQ_INT(info.bound_rva, PT_BOUND_RVA);
    /* 12 directories need only 12 entries of header. */
    CHECK_EQ_INT(pe_parse_headers(buf, PT_DATADIR + 12 * 8, &info), PE_OK);
    CHECK_EQ_INT(pe_parse_headers(buf, PT_DATADIR + 12 * 8 - 1, &info), PE_TRUNCATED);

    /* A count above 16 is read as the 16 that exist. */
    pt_put32(buf + PT_OPT + 108, 17);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_OK);
    CHECK_EQ_INT(info.datadir_count, 16);
    pt_put32(buf + PT_OPT + 108, 0xffffffff);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_OK);
    CHECK_EQ_INT(info.datadir_count, 16);

    /* The declared optional header must hold the directories too. */
    pt_make(buf);
    pt_put16(buf + PT_LFANEW + 20, 112 + 8 * 11);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_NO_DIRECTORY);
    pt_put16(buf + PT_LFANEW + 20, 112 + 8 * 12);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_OK);
    pt_put16(buf + PT_LFANEW + 20, 100); /* shorter than its fixed part */
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_TRUNCATED);
}

TEST(pe_parse_lfanew_out_of_bounds)
{
    static const uint32_t bad[] = { PT_BUF, PT_BUF - 4, PT_BUF - 23, 0x10000, 0x7fffffff, 0xfffffff0, 0xffffffff };
    uint8_t buf[PT_BUF];
    struct pe_image_info info;
    size_t i;

    for (i = 0; i < UNIT_COUNT(bad); i++) {
        pt_make(buf);
        pt_put32(buf + 0x3c, bad[i]);
        if (!CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_TRUNCATED))
            printf("    e_lfanew 0x%x\n", (unsigned)bad[i]);
    }
    /* Room for the file header but not the optional header. */
    pt_make(buf);
    memmove(buf + PT_BUF - 24, buf + PT_LFANEW, 24);
    pt_put32(buf + 0x3c, PT_BUF - 24);
    CHECK_EQ_INT(pe_parse_headers(buf, sizeof(buf), &info), PE_TRUNCATED);
}

/* COUNT descriptors with recognisable non-zero bytes, then the terminator. */
static void pt_make_imports(uint8_t *buf, size_t count)
{
    size_t i;

    memset(buf, 0, (count + 1) * PE_IMPORT_DESC_SIZE);
    for (i = 0; i < count * PE_IMPORT_DESC_SIZE; i++)
        buf[i] = (uint8_t)(0x10 + i);
}

TEST(pe_count_imports_cases)
{
    static uint8_t buf[(PE_MAX_IMPORTS + 2) * PE_IMPORT_DESC_SIZE];

    pt_make_imports(buf, 3);
    CHECK_EQ_INT(pe_count_imports(buf, 4 * PE_IMPORT_DESC_SIZE), 3);
    CHECK_EQ_INT(pe_count_imports(buf, 10 * PE_IMPORT_DESC_SIZE), 3);
    /* The terminator must lie wholly inside LEN. */
    CHECK_EQ_INT(pe_count_imports(buf, 4 * PE_IMPORT_DESC_SIZE - 1), -1);
    CHECK_EQ_INT(pe_count_imports(buf, 3 * PE_IMPORT_DESC_SIZE), -1);
    CHECK_EQ_INT(pe_count_imports(buf, 0), -1);
    CHECK_EQ_INT(pe_count_imports(NULL, 100), -1);
    /* An empty table. */
    pt_make_imports(buf, 0);
    CHECK_EQ_INT(pe_count_imports(buf, PE_IMPORT_DESC_SIZE), 0);
    /* One non-zero byte anywhere makes a descriptor, not a terminator. */
    memset(buf, 0, sizeof(buf));
    pt_make_imports(buf, 1);
    buf[PE_IMPORT_DESC_SIZE + 19] = 1;
    CHECK_EQ_INT(pe_count_imports(buf, 3 * PE_IMPORT_DESC_SIZE), 2);

    /* At most PE_MAX_IMPORTS descriptors are accepted. */
    memset(buf, 0x41, sizeof(buf));
    memset(buf + (PE_MAX_IMPORTS - 1) * PE_IMPORT_DESC_SIZE, 0, PE_IMPORT_DESC_SIZE);
    CHECK_EQ_INT(pe_count_imports(buf, sizeof(buf)), PE_MAX_IMPORTS - 1);
    memset(buf, 0x41, sizeof(buf));
    memset(buf + PE_MAX_IMPORTS * PE_IMPORT_DESC_SIZE, 0, PE_IMPORT_DESC_SIZE);
    CHECK_EQ_INT(pe_count_imports(buf, sizeof(buf)), -1);
}

/* The block layout, computed here from the documented rule ("each part
 * 16-byte aligned: boot | descriptors | INT | IAT | path"). */
static size_t pt_align16(size_t v)
{
    return (v + 15) / 16 * 16;
}

struct pt_expected {
    size_t desc, lookup, address, path, end;
};

static struct pt_expected pt_layout(size_t count, const char *path)
{
    struct pt_expected e;

    e.desc = pt_align16(sizeof(struct plume_boot));
    e.lookup = pt_align16(e.desc + (count + 2) * PE_IMPORT_DESC_SIZE);
    e.address = e.lookup + 16;
    e.path = e.address + 16;
    e.end = pt_align16(e.path + strlen(path) + 1);
    return e;
}

static void pt_make_boot(struct plume_boot *boot)
{
    static const char dir[] = "C:\\ProgramData\\plume\\vms\\web";
    size_t i;

    memset(boot, 0, sizeof(*boot));
    strcpy(boot->vm_name, "Web");
    for (i = 0; dir[i]; i++)
        boot->state_dir[i] = (uint16_t)dir[i];
    boot->ready_event = 0x1234;
    boot->job_handle = 0x5678;
    boot->status = PLUME_BOOT_PENDING;
}

TEST(pe_boot_block_layout_is_fixed)
{
    /* The CLI, the DLL and the tests share this layout; a change is a
     * protocol change and must be deliberate. */
    CHECK_EQ_INT(offsetof(struct plume_boot, magic), 0);
    CHECK_EQ_INT(offsetof(struct plume_boot, size), 8);
    CHECK_EQ_INT(offsetof(struct plume_boot, block_rva), 16);
    CHECK_EQ_INT(offsetof(struct plume_boot, ready_event), 24);
    CHECK_EQ_INT(offsetof(struct plume_boot, job_handle), 32);
    CHECK_EQ_INT(offsetof(struct plume_boot, orig_import_rva), 40);
    CHECK_EQ_INT(offsetof(struct plume_boot, vm_name), 56);
    CHECK_EQ_INT(offsetof(struct plume_boot, state_dir), 96);
    CHECK_EQ_INT(sizeof(struct plume_boot), 696);
    CHECK_EQ_INT(pe_boot_to_imports(), 704);
}

static const char pt_dll[] = "C:\\Program Files\\plume\\plume64.dll";

/* Builds a block for COUNT old descriptors and checks every byte of it. */
static void pt_check_block_path(size_t count, uint32_t block_rva, uint16_t ordinal, const char *dll)
{
    static uint8_t out[8192];
    uint8_t hdr[PT_BUF], old[8 * PE_IMPORT_DESC_SIZE]; /* up to 7 and the terminator */
    struct pe_image_info info;
    struct pe_inject_layout layout;
    struct plume_boot boot, got;
    struct pt_expected e = pt_layout(count, dll);
    size_t i;

    pt_make(hdr);
    REQUIRE(pe_parse_headers(hdr, sizeof(hdr), &info) == PE_OK);
    REQUIRE(count < 8);
    pt_make_imports(old, count);
    pt_make_boot(&boot);
    memset(out, 0xaa, sizeof(out));
    memset(&layout, 0xee, sizeof(layout));

    REQUIRE(pe_build_block(&info, block_rva, count ? old : NULL, count, dll, ordinal, &boot, out,
                           sizeof(out), &layout) == PE_OK);
    CHECK_EQ_INT(layout.block_size, e.end);
    CHECK_EQ_INT(layout.import_rva, block_rva + e.desc);
    CHECK_EQ_INT(layout.import_rva, block_rva + pe_boot_to_imports());
    CHECK_EQ_INT(layout.import_size, (count + 2) * PE_IMPORT_DESC_SIZE);
    CHECK_EQ_INT(pe_block_size(count, dll), e.end);

    /* The boot block: identity fields set, the caller's fields kept. */
    CHECK_MEM(out, "PLUMEVM1", 8);
    memcpy(&got, out, sizeof(got));
    CHECK_EQ_U64(got.magic, PLUME_BOOT_MAGIC);
    CHECK_EQ_INT(got.size, sizeof(struct plume_boot));
    CHECK_EQ_INT(got.version, PLUME_BOOT_VERSION);
    CHECK_EQ_INT(got.block_rva, block_rva);
    CHECK_EQ_INT(got.status, PLUME_BOOT_PENDING);
    CHECK_EQ_U64(got.ready_event, 0x1234);
    CHECK_EQ_U64(got.job_handle, 0x5678);
    CHECK_EQ_INT(got.orig_import_rva, PT_IMPORT_RVA);
    CHECK_EQ_INT(got.orig_import_size, PT_IMPORT_SIZE);
    CHECK_EQ_INT(got.orig_bound_rva, PT_BOUND_RVA);
    CHECK_EQ_INT(got.orig_bound_size, PT_BOUND_SIZE);
    CHECK_STR(got.vm_name, "Web");
    CHECK_MEM(got.state_dir, boot.state_dir, sizeof(boot.state_dir));
    CHECK_EQ_INT(boot_is_valid(&got, block_rva), 1);
    CHECK_EQ_INT(boot_is_valid(&got, block_rva + 16), 0);
    /* Byte-wise too, at the documented offsets. */
    CHECK_EQ_INT(pt_get32(out + 16), block_rva);
    CHECK_EQ_INT(pt_get32(out + 40), PT_IMPORT_RVA);
    CHECK_EQ_INT(pt_get32(out + 44), PT_IMPORT_SIZE);

    /* Descriptor 0: plume, by ordinal, through its own INT and IAT. */
    CHECK_EQ_INT(pt_get32(out + e.desc + 0), block_rva + e.lookup);  /* OriginalFirstThunk */
    CHECK_EQ_INT(pt_get32(out + e.desc + 4), 0);                     /* TimeDateStamp */
    CHECK_EQ_INT(pt_get32(out + e.desc + 8), 0);                     /* ForwarderChain */
    CHECK_EQ_INT(pt_get32(out + e.desc + 12), block_rva + e.path);   /* Name */
    CHECK_EQ_INT(pt_get32(out + e.desc + 16), block_rva + e.address); /* FirstThunk */
    /* Then the program's descriptors unchanged, then the terminator. */
    if (count)
        CHECK_MEM(out + e.desc + PE_IMPORT_DESC_SIZE, old, count * PE_IMPORT_DESC_SIZE);
    for (i = e.desc + (count + 1) * PE_IMPORT_DESC_SIZE; i < e.lookup; i++)
        if (!CHECK_EQ_INT(out[i], 0))
            break;
    CHECK_EQ_INT(pe_count_imports(out + e.desc, e.lookup - e.desc), (long)count + 1);

    /* INT and IAT: the ordinal with the 64-bit ordinal flag, then zero. */
    CHECK_EQ_U64(pt_get64(out + e.lookup), UINT64_C(0x8000000000000000) | ordinal);
    CHECK_EQ_U64(pt_get64(out + e.lookup + 8), 0);
    CHECK_EQ_U64(pt_get64(out + e.address), UINT64_C(0x8000000000000000) | ordinal);
    CHECK_EQ_U64(pt_get64(out + e.address + 8), 0);

    /* The path, terminated, and zero padding to the end. */
    CHECK_STR((const char *)out + e.path, dll);
    for (i = e.path + strlen(dll); i < e.end; i++)
        if (!CHECK_EQ_INT(out[i], 0))
            break;
    /* Nothing past the block is written. */
    for (i = e.end; i < sizeof(out); i++)
        if (!CHECK_EQ_INT(out[i], 0xaa))
            break;
}

static void pt_check_block(size_t count, uint32_t block_rva, uint16_t ordinal)
{
    pt_check_block_path(count, block_rva, ordinal, pt_dll);
}

TEST(pe_build_block_bytes)
{
    pt_check_block(2, 0x50000, 1);
    pt_check_block(0, 0x50000, 1);
    pt_check_block(3, 0x7ff000, 0x1234);
    pt_check_block(7, 0x1000, 0xffff);
}

TEST(pe_build_block_path_lengths)
{
    char path[64];
    size_t len;

    /* Every length across two alignment steps: the terminator always lies
     * inside the block, also when the path ends on a 16-byte boundary. */
    for (len = 1; len < 40; len++) {
        memset(path, 'a' + (int)(len % 26), len);
        path[len] = 0;
        pt_check_block_path(1, 0x4000, 1, path);
    }
}

TEST(pe_build_block_space)
{
    static uint8_t out[4096];
    uint8_t hdr[PT_BUF], old[3 * PE_IMPORT_DESC_SIZE];
    struct pe_image_info info;
    struct pe_inject_layout layout;
    struct plume_boot boot;
    size_t need = pe_block_size(2, pt_dll);

    pt_make(hdr);
    REQUIRE(pe_parse_headers(hdr, sizeof(hdr), &info) == PE_OK);
    pt_make_imports(old, 2);
    pt_make_boot(&boot);
    REQUIRE(need > 0 && need < sizeof(out));

    memset(out, 0xaa, sizeof(out));
    CHECK_EQ_INT(pe_build_block(&info, 0x9000, old, 2, pt_dll, 1, &boot, out, need - 1, &layout), PE_NO_SPACE);
    CHECK_EQ_INT(out[0], 0xaa); /* refused before writing */
    CHECK_EQ_INT(pe_build_block(&info, 0x9000, old, 2, pt_dll, 1, &boot, out, 0, &layout), PE_NO_SPACE);
    CHECK_EQ_INT(pe_build_block(&info, 0x9000, old, 2, pt_dll, 1, &boot, out, need, &layout), PE_OK);
    CHECK_EQ_INT(layout.block_size, need);
}

TEST(pe_build_block_bad_arguments)
{
    static uint8_t out[8192];
    static char long_path[1100];
    uint8_t hdr[PT_BUF], old[3 * PE_IMPORT_DESC_SIZE];
    struct pe_image_info info;
    struct pe_inject_layout layout;
    struct plume_boot boot;

    pt_make(hdr);
    REQUIRE(pe_parse_headers(hdr, sizeof(hdr), &info) == PE_OK);
    pt_make_imports(old, 2);
    pt_make_boot(&boot);

#define PT_BUILD(i, rva, o, n, path, b, dst, cap, lay) pe_build_block((i), (rva), (o), (n), (path), 1, (b), (dst), (cap), (lay))
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, 2, NULL, &boot, out, sizeof(out), &layout), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, 2, "", &boot, out, sizeof(out), &layout), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(NULL, 0x9000, old, 2, pt_dll, &boot, out, sizeof(out), &layout), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, 2, pt_dll, NULL, out, sizeof(out), &layout), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, 2, pt_dll, &boot, NULL, sizeof(out), &layout), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, 2, pt_dll, &boot, out, sizeof(out), NULL), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, NULL, 2, pt_dll, &boot, out, sizeof(out), &layout), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, PE_MAX_IMPORTS + 1, pt_dll, &boot, out, sizeof(out), &layout),
                 PE_BAD_ARGUMENT);
    /* Paths up to 1024 bytes are taken, longer ones refused. */
    memset(long_path, 'p', 1024);
    long_path[1024] = 0;
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, 2, long_path, &boot, out, sizeof(out), &layout), PE_OK);
    long_path[1024] = 'p';
    long_path[1025] = 0;
    CHECK_EQ_INT(PT_BUILD(&info, 0x9000, old, 2, long_path, &boot, out, sizeof(out), &layout), PE_BAD_ARGUMENT);
    /* Every RVA of the block must fit in 32 bits. */
    CHECK_EQ_INT(PT_BUILD(&info, 0xffffff00u, old, 2, pt_dll, &boot, out, sizeof(out), &layout), PE_BAD_ARGUMENT);
    CHECK_EQ_INT(PT_BUILD(&info, (uint32_t)(UINT32_MAX - pe_block_size(2, pt_dll)), old, 2, pt_dll, &boot, out,
                          sizeof(out), &layout),
                 PE_OK);
#undef PT_BUILD

    CHECK_EQ_INT(pe_block_size(2, NULL), 0);
    CHECK_EQ_INT(pe_block_size(PE_MAX_IMPORTS + 1, pt_dll), 0);
    CHECK(pe_block_size(PE_MAX_IMPORTS, pt_dll) > (size_t)PE_MAX_IMPORTS * PE_IMPORT_DESC_SIZE);
}

TEST(pe_error_texts)
{
    enum pe_error e;
    size_t i, j;
    const char *texts[PE_BAD_ARGUMENT + 1];

    CHECK_STR(pe_error_text(PE_OK), "no error");
    CHECK_CONTAINS(pe_error_text(PE_NOT_AMD64), "x64");
    CHECK_STR(pe_error_text((enum pe_error)77), "unknown PE error");
    for (e = PE_OK; e <= PE_BAD_ARGUMENT; e++) {
        texts[e] = pe_error_text(e);
        REQUIRE(texts[e] != NULL);
        CHECK(strlen(texts[e]) > 4);
        CHECK(strcmp(texts[e], "unknown PE error") != 0);
    }
    for (i = 0; i < UNIT_COUNT(texts); i++)
        for (j = i + 1; j < UNIT_COUNT(texts); j++)
            CHECK(strcmp(texts[i], texts[j]) != 0);
}
