/* The boot block: how the launcher hands a new process its VM identity.
 *
 * The injector writes this block into the child's memory, right before the
 * import descriptors that make the loader pull plume64.dll in first. The DLL
 * finds it from the image's import directory. Nothing travels through the
 * environment, so a program that starts a child with an empty environment
 * cannot drop its child out of the VM. The layout is fixed-width so that the
 * CLI, the DLL and the native tests agree on it. */
#ifndef PLUME_CORE_BOOT_H
#define PLUME_CORE_BOOT_H

#include <stdint.h>

#include "vmname.h"

#define PLUME_BOOT_MAGIC   UINT64_C(0x314d56454d554c50) /* "PLUMEVM1" */
#define PLUME_BOOT_VERSION 1
#define PLUME_PATH_MAX     300 /* UTF-16 units, terminator included */

/* plume_boot.status, written by the DLL */
#define PLUME_BOOT_PENDING 0u
#define PLUME_BOOT_READY   1u

struct plume_boot {
    uint64_t magic;
    uint32_t size;              /* sizeof(struct plume_boot) */
    uint32_t version;
    uint32_t block_rva;         /* where this block starts, relative to the image */
    uint32_t status;            /* PLUME_BOOT_* */
    uint64_t ready_event;       /* an event handle valid in the child, or 0 */
    uint64_t job_handle;        /* the VM's job, valid in the child, query access only */
    uint32_t orig_import_rva;   /* the image's own import directory */
    uint32_t orig_import_size;
    uint32_t orig_bound_rva;    /* and bound import directory, cleared meanwhile */
    uint32_t orig_bound_size;
    char vm_name[VM_NAME_MAX + 8];       /* NUL-terminated, as the user spelt it */
    uint16_t state_dir[PLUME_PATH_MAX];  /* the VM's state folder, UTF-16, NUL-terminated */
};

/* Returns 1 when BOOT looks like a block written by this version of plume for
 * the block at BLOCK_RVA: magic, size, version, a valid terminated VM name and
 * a terminated state folder. */
int boot_is_valid(const struct plume_boot *boot, uint32_t block_rva);

#endif
