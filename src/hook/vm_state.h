/* What this process knows about its VM, set once at attach and read-only
 * afterwards, so hooks read it without locks. */
#ifndef PLUME_HOOK_VM_STATE_H
#define PLUME_HOOK_VM_STATE_H

#include <windows.h>

#include "../core/boot.h"

struct vm_state {
    BOOL in_vm;                             /* FALSE on the host: plume stays inert */
    char vm_name[VM_NAME_MAX + 1];
    WCHAR state_dir[PLUME_PATH_MAX];
    char dll_path[MAX_PATH];                /* ANSI path of plume64.dll, for children */
    HANDLE job;                             /* the VM's job (query access), for checking children */
};

extern struct vm_state vm_self;

/* Fills a boot block that puts CHILD into this process's VM, handing it the
 * VM's job handle. Returns FALSE if the handle cannot be given. */
BOOL vm_make_child_boot(HANDLE child, struct plume_boot *boot);

#endif
