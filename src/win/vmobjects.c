#include "vmobjects.h"

#include <stdio.h>
#include <wchar.h>

#include "../core/vmname.h"

BOOL vm_home_dir(WCHAR *out, size_t cap)
{
    WCHAR base[VM_PATH_MAX];
    DWORD n = GetEnvironmentVariableW(L"PLUME_HOME", out, (DWORD)cap);
    int len;

    if (n > 0 && n < cap)
        return TRUE;
    n = GetEnvironmentVariableW(L"ProgramData", base, ARRAYSIZE(base));
    if (n == 0 || n >= ARRAYSIZE(base))
        wcscpy(base, L"C:\\ProgramData");
    len = _snwprintf(out, cap, L"%ls\\plume", base);
    return len > 0 && (size_t)len < cap;
}

BOOL vm_root_dir(WCHAR *out, size_t cap)
{
    WCHAR home[VM_PATH_MAX];
    int len;

    if (!vm_home_dir(home, ARRAYSIZE(home)))
        return FALSE;
    len = _snwprintf(out, cap, L"%ls\\vms", home);
    return len > 0 && (size_t)len < cap;
}

BOOL vm_state_dir(const char *name, WCHAR *out, size_t cap)
{
    WCHAR root[VM_PATH_MAX];
    int len;

    if (vmname_check(name) != VMNAME_OK || !vm_root_dir(root, ARRAYSIZE(root)))
        return FALSE;
    len = _snwprintf(out, cap, L"%ls\\%hs", root, name);
    return len > 0 && (size_t)len < cap;
}

BOOL vm_object_name(const char *name, const char *kind, WCHAR *out, size_t cap)
{
    char folded[VM_NAME_MAX + 1];
    int len;

    if (vmname_check(name) != VMNAME_OK)
        return FALSE;
    vmname_fold(name, folded);
    len = _snwprintf(out, cap, L"Global\\plume.vm.%hs.%hs", folded, kind);
    return len > 0 && (size_t)len < cap;
}

HANDLE vm_lock(const char *name, DWORD timeout_ms)
{
    WCHAR object[128];
    HANDLE lock;
    DWORD wait;

    if (!vm_object_name(name, "lock", object, ARRAYSIZE(object)))
        return NULL;
    lock = CreateMutexW(NULL, FALSE, object);
    if (!lock)
        return NULL;
    wait = WaitForSingleObject(lock, timeout_ms);
    if (wait != WAIT_OBJECT_0 && wait != WAIT_ABANDONED) {
        CloseHandle(lock);
        SetLastError(WAIT_TIMEOUT);
        return NULL;
    }
    return lock;
}

void vm_unlock(HANDLE lock)
{
    if (lock) {
        ReleaseMutex(lock);
        CloseHandle(lock);
    }
}
