/* libFuzzer target for the PE arithmetic: hostile headers must never make
 * the launcher read or write out of bounds, and every block it builds must
 * be one the DLL accepts.
 *
 * The input is the header page the launcher reads from a child (at most
 * PE_HEADER_READ bytes in real use, but longer inputs cost nothing) and,
 * for the import count and the copied descriptors, also the image's import
 * table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/boot.h"
#include "core/pe_inject.h"

/* Checks an invariant; a crash is how libFuzzer reports it. */
#define FP_ASSERT(cond)              \
    do {                             \
        if (!(cond))                 \
            __builtin_trap();        \
    } while (0)

#define FP_OUT_MAX (sizeof(struct plume_boot) + (PE_MAX_IMPORTS + 2) * PE_IMPORT_DESC_SIZE + 2048)

static const char fp_dll[] = "C:\\Program Files\\plume\\plume64.dll";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t out[FP_OUT_MAX];
    struct pe_image_info info;
    struct pe_inject_layout layout;
    struct plume_boot boot, got;
    enum pe_error err;
    long count;
    size_t need, cap;
    uint32_t block_rva;

    err = pe_parse_headers(data, size, &info);
    FP_ASSERT(pe_error_text(err) != NULL);
    if (err == PE_OK) {
        FP_ASSERT(info.machine == PE_MACHINE_AMD64);
        FP_ASSERT(info.datadir_count > PE_DIR_BOUND_IMPORT && info.datadir_count <= 16);
        FP_ASSERT((size_t)info.datadir_offset + 8 * info.datadir_count <= size);
        FP_ASSERT(pe_directory_offset(&info, PE_DIR_BOUND_IMPORT) + 8 <= size);
    }

    count = pe_count_imports(data, size);
    FP_ASSERT(count >= -1 && count < PE_MAX_IMPORTS);
    FP_ASSERT(count < 0 || (size_t)(count + 1) * PE_IMPORT_DESC_SIZE <= size);
    if (err != PE_OK)
        return 0;

    /* The launcher puts the block just past the image; the input decides
     * where, including RVAs that would overflow 32 bits. */
    memset(&boot, 0, sizeof(boot));
    memcpy(boot.vm_name, "fuzz", 5);
    boot.state_dir[0] = 'C';
    block_rva = (uint32_t)(((uint64_t)info.size_of_image + 0xfff) & ~(uint64_t)0xfff);
    if (count < 0)
        count = 0;
    need = pe_block_size((size_t)count, fp_dll);
    FP_ASSERT(need > 0 && need <= sizeof(out));
    /* One byte of the input also picks a buffer one byte too small. */
    cap = (data[size - 1] & 1) ? need - 1 : sizeof(out);

    err = pe_build_block(&info, block_rva, data, (size_t)count, fp_dll, 1, &boot, out, cap, &layout);
    if (cap < need) {
        FP_ASSERT(err == PE_NO_SPACE);
        return 0;
    }
    if ((uint64_t)block_rva + need > UINT32_MAX) {
        FP_ASSERT(err == PE_BAD_ARGUMENT);
        return 0;
    }
    FP_ASSERT(err == PE_OK);
    FP_ASSERT(layout.block_size == need);
    FP_ASSERT(layout.import_rva == block_rva + pe_boot_to_imports());
    FP_ASSERT(layout.import_size == (uint32_t)(count + 2) * PE_IMPORT_DESC_SIZE);
    memcpy(&got, out, sizeof(got));
    FP_ASSERT(boot_is_valid(&got, block_rva));
    FP_ASSERT(got.orig_import_rva == info.import_rva && got.orig_import_size == info.import_size);
    /* The new table: plume's descriptor, the program's, the terminator. */
    FP_ASSERT(pe_count_imports(out + pe_boot_to_imports(), layout.import_size) == count + 1);
    return 0;
}
