/* Where a VM lives: its state folder and the names of plume's own kernel
 * objects for it. Shared by plume.exe and plumemon.exe so they agree. */
#ifndef PLUME_WIN_VMOBJECTS_H
#define PLUME_WIN_VMOBJECTS_H

#include <windows.h>

#include "../core/boot.h"

#define VM_PATH_MAX PLUME_PATH_MAX

/* %PLUME_HOME% if set, else %ProgramData%\plume. */
BOOL vm_home_dir(WCHAR *out, size_t cap);
/* HOME\vms, the folder holding one folder per VM. */
BOOL vm_root_dir(WCHAR *out, size_t cap);
/* HOME\vms\NAME. NAME must pass vmname_check. */
BOOL vm_state_dir(const char *name, WCHAR *out, size_t cap);

/* plume's objects for VM NAME, in the global namespace and in lower case:
 * Global\plume.vm.NAME.KIND, KIND being "job", "lock" or "ready". */
BOOL vm_object_name(const char *name, const char *kind, WCHAR *out, size_t cap);

/* Serialises plume.exe and plumemon.exe over one VM's job: who creates it,
 * who assigns to it, and the monitor's decision to let it go. */
HANDLE vm_lock(const char *name, DWORD timeout_ms);
void vm_unlock(HANDLE lock);

#endif
