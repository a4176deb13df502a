/* plume64.dll: loaded first into every VM process, inert in any other. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "../core/pe_inject.h"
#include "../core/vmconfig.h"
#include "../win/inject.h"
#include "hook_table.h"
#include "../core/channame.h"
#include "objects.h"
#include "safe_copy.h"
#include "trace.h"
#include "vm_state.h"
#include "vmlog.h"

#ifndef PLUME_VERSION
#define PLUME_VERSION "0.0.0"
#endif

struct vm_state vm_self;
extern struct chan_context chan_ctx;
static struct vm_config vm_config;

BOOL vm_make_child_boot(HANDLE child, struct plume_boot *boot)
{
    HANDLE remote = NULL;

    memset(boot, 0, sizeof(*boot));
    memcpy(boot->vm_name, vm_self.vm_name, sizeof(vm_self.vm_name));
    memcpy(boot->state_dir, vm_self.state_dir, sizeof(boot->state_dir));
    if (!DuplicateHandle(GetCurrentProcess(), vm_self.job, child, &remote, JOB_OBJECT_QUERY, FALSE, 0))
        return FALSE;
    boot->job_handle = (uint64_t)(ULONG_PTR)remote;
    return TRUE;
}

static BOOL attach_is_readable(const void *addr, SIZE_T len)
{
    MEMORY_BASIC_INFORMATION mbi;
    const BYTE *p = addr, *end = p + len;

    while (p < end) {
        if (!VirtualQuery(p, &mbi, sizeof(mbi)) || mbi.State != MEM_COMMIT ||
            (mbi.Protect & (PAGE_NOACCESS | PAGE_GUARD)) ||
            !(mbi.Protect & (PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ |
                             PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)))
            return FALSE;
        p = (const BYTE *)mbi.BaseAddress + mbi.RegionSize;
    }
    return TRUE;
}

/* The boot block sits right before the import directory the launcher gave
 * the main image. A process that loaded plume64.dll some other way has none
 * and so is not in a VM. */
static struct plume_boot *attach_find_boot(void)
{
    BYTE *base = (BYTE *)GetModuleHandleW(NULL);
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)base;
    IMAGE_NT_HEADERS64 *nt;
    struct plume_boot *boot;
    DWORD rva, gap = pe_boot_to_imports();

    if (!base || !attach_is_readable(dos, sizeof(*dos)) || dos->e_magic != IMAGE_DOS_SIGNATURE)
        return NULL;
    nt = (IMAGE_NT_HEADERS64 *)(base + dos->e_lfanew);
    if (!attach_is_readable(nt, sizeof(*nt)) || nt->Signature != IMAGE_NT_SIGNATURE ||
        nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC ||
        nt->OptionalHeader.NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_IMPORT)
        return NULL;
    rva = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
    if (rva < gap)
        return NULL;
    boot = (struct plume_boot *)(base + rva - gap);
    if (!attach_is_readable(boot, sizeof(*boot)) || !boot_is_valid(boot, rva - gap))
        return NULL;
    return boot;
}

/* Reads the VM's vm.ini: the policy and the trace switch. plume.exe checked
 * it before starting the VM's first program; reading it here makes an edit
 * apply to every process started afterwards. */
static BOOL attach_load_config(char *err, size_t errlen)
{
    WCHAR path[PLUME_PATH_MAX + 16];
    static char text[VMCONFIG_MAX_BYTES];
    DWORD got = 0, size;
    HANDLE file;
    char reason[160];

    if (_snwprintf(path, ARRAYSIZE(path), L"%ls\\vm.ini", vm_self.state_dir) < 0) {
        snprintf(err, errlen, "the VM's folder path is too long");
        return FALSE;
    }
    path[ARRAYSIZE(path) - 1] = 0;
    file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        snprintf(err, errlen, "cannot open the VM's vm.ini (error %lu)", GetLastError());
        return FALSE;
    }
    size = GetFileSize(file, NULL);
    if (size == INVALID_FILE_SIZE || size > sizeof(text) || !ReadFile(file, text, size, &got, NULL) || got != size) {
        CloseHandle(file);
        snprintf(err, errlen, "cannot read the VM's vm.ini");
        return FALSE;
    }
    CloseHandle(file);
    if (vmconfig_parse(text, got, &vm_config, reason, sizeof(reason))) {
        snprintf(err, errlen, "vm.ini %s", reason);
        return FALSE;
    }
    return TRUE;
}

static BOOL attach(HINSTANCE self)
{
    struct plume_boot *boot = attach_find_boot();
    char err[256];

    if (!boot)
        return TRUE;
    memcpy(vm_self.vm_name, boot->vm_name, sizeof(vm_self.vm_name) - 1);
    vm_self.vm_name[sizeof(vm_self.vm_name) - 1] = 0;
    memcpy(vm_self.state_dir, boot->state_dir, sizeof(vm_self.state_dir));
    vm_self.state_dir[PLUME_PATH_MAX - 1] = 0;
    vm_self.job = (HANDLE)(ULONG_PTR)boot->job_handle;

    if (!inject_module_path_ansi(self, vm_self.dll_path, sizeof(vm_self.dll_path))) {
        vmlog_error("cannot confine this process: plume64.dll cannot name its own path");
        return FALSE;
    }
    if (!attach_load_config(err, sizeof(err))) {
        vmlog_error("cannot confine this process: %s", err);
        return FALSE;
    }
    if (!safe_copy_init()) {
        vmlog_error("cannot confine this process: no exception handler for pointer checks");
        return FALSE;
    }
    {
        DWORD session = 0;

        ProcessIdToSessionId(GetCurrentProcessId(), &session);
        obj_ctx.vm = vm_self.vm_name;
        obj_ctx.session = session;
        obj_ctx.policy = &vm_config.policy;
        chan_ctx.vm = vm_self.vm_name;
        chan_ctx.pipes = &vm_config.pipes;
        chan_ctx.mailslots = &vm_config.mailslots;
        chan_ctx.ports = &vm_config.ports;
    }
    trace_init(vm_config.trace);
    vm_self.in_vm = TRUE;
    if (!hook_install_all(hook_table, hook_table_count, err, sizeof(err))) {
        vmlog_error("cannot confine this process: %s", err);
        return FALSE;
    }
    boot->status = PLUME_BOOT_READY;
    if (boot->ready_event) {
        HANDLE ready = (HANDLE)(ULONG_PTR)boot->ready_event;

        boot->ready_event = 0;
        SetEvent(ready);
        CloseHandle(ready);
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
        return attach(instance);
    }
    return TRUE;
}

/* Documented in include/plume.h. */
__declspec(dllexport) int WINAPI PlumeGetVmName(char *buffer, int size)
{
    int len;

    if (!vm_self.in_vm) {
        if (buffer && size > 0)
            buffer[0] = 0;
        return 0;
    }
    len = (int)strlen(vm_self.vm_name);
    if (buffer && size > len)
        memcpy(buffer, vm_self.vm_name, (size_t)len + 1);
    else if (buffer && size > 0)
        buffer[0] = 0;
    return len;
}

__declspec(dllexport) const char *WINAPI PlumeGetVersion(void)
{
    return PLUME_VERSION;
}
