/* Import-table injection, computed on plain bytes.
 *
 * To put plume64.dll into a new process before any of the program's code runs,
 * the launcher gives the suspended image a new import directory whose first
 * entry is plume64.dll, followed by the program's own entries. The loader
 * then loads and initialises plume64.dll before every DLL the program imports.
 * This file does the PE arithmetic on buffers only; src/win/inject.c moves the
 * bytes in and out of the child. Keeping it portable lets the native tests and
 * the fuzzer feed it hostile headers. */
#ifndef PLUME_CORE_PE_INJECT_H
#define PLUME_CORE_PE_INJECT_H

#include <stddef.h>
#include <stdint.h>

#include "boot.h"

#define PE_MACHINE_AMD64 0x8664
#define PE_DIR_IMPORT       1
#define PE_DIR_BOUND_IMPORT 11
#define PE_DIR_CLR          14
#define PE_IMPORT_DESC_SIZE 20
#define PE_MAX_IMPORTS      4096 /* descriptors we are willing to carry over */
#define PE_HEADER_READ      4096 /* bytes of header the launcher reads */

enum pe_error {
    PE_OK = 0,
    PE_TRUNCATED,     /* the buffer ends inside a header */
    PE_NOT_MZ,
    PE_NOT_PE,
    PE_NOT_AMD64,     /* a 32-bit or foreign image: plume64.dll cannot load there */
    PE_NOT_PE32PLUS,
    PE_NO_DIRECTORY,  /* too few data directories to hold the import entry */
    PE_BAD_IMPORTS,   /* import descriptors without a terminator */
    PE_NO_SPACE,      /* the output buffer is too small */
    PE_BAD_ARGUMENT
};

struct pe_image_info {
    uint16_t machine;
    uint32_t size_of_image;
    uint32_t datadir_offset;  /* offset of DataDirectory[0] from the image base */
    uint32_t datadir_count;
    uint32_t import_rva, import_size;
    uint32_t bound_rva, bound_size;
    int is_dotnet;            /* has a CLR header */
};

struct pe_inject_layout {
    uint32_t block_size;      /* bytes of the block to write at block_rva */
    uint32_t import_rva;      /* the new import directory */
    uint32_t import_size;
};

/* Parses the DOS and NT headers at the start of BUF. */
enum pe_error pe_parse_headers(const uint8_t *buf, size_t len, struct pe_image_info *info);

/* Counts the import descriptors in BUF up to the all-zero one. Returns the
 * count without the terminator, or -1 if there is none within LEN bytes or
 * within PE_MAX_IMPORTS entries. */
long pe_count_imports(const uint8_t *buf, size_t len);

/* Bytes that pe_build_block needs for COUNT old descriptors and DLL_PATH. */
size_t pe_block_size(size_t count, const char *dll_path);

/* Builds the block that will sit at BLOCK_RVA in the child: BOOT (with its
 * block_rva and original directories filled in here), then the new import
 * descriptors (plume first, importing ORDINAL from DLL_PATH, then the COUNT
 * descriptors of OLD), then plume's thunks and the DLL path. */
enum pe_error pe_build_block(const struct pe_image_info *info, uint32_t block_rva,
                             const uint8_t *old, size_t count, const char *dll_path,
                             uint16_t ordinal, const struct plume_boot *boot,
                             uint8_t *out, size_t cap, struct pe_inject_layout *layout);

/* Distance from the start of the block (the boot block) to the new import
 * directory: the DLL finds its boot block this far before the imports. */
uint32_t pe_boot_to_imports(void);

/* Offset from the image base of data directory INDEX (its RVA; size follows). */
uint32_t pe_directory_offset(const struct pe_image_info *info, unsigned index);

/* A short English description of ERR. */
const char *pe_error_text(enum pe_error err);

#endif
