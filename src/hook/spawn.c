/* NtCreateUserProcess: every process a VM process creates joins its VM.
 *
 * The job object already holds the child (children inherit it and the VM's
 * job forbids breakaway); this hook adds the other half: the child gets
 * plume64.dll as its first import, with the VM's identity in its memory. */
#include <windows.h>
#include <winternl.h>
#include <stdio.h>

#include "../win/inject.h"
#include "hook_table.h"
#include "vm_state.h"
#include "vmlog.h"

#define THREAD_CREATE_FLAGS_CREATE_SUSPENDED 0x00000001
#ifndef STATUS_DLL_INIT_FAILED
#define STATUS_DLL_INIT_FAILED ((NTSTATUS)0xC0000142L)
#endif

void *orig_NtCreateUserProcess;

/* A child normally inherits the VM's job. One created with another process
 * as its parent (PROC_THREAD_ATTRIBUTE_PARENT_PROCESS) inherits that
 * process's job instead, and would be outside the VM. */
static BOOL spawn_check_membership(HANDLE child, char *err, size_t errlen)
{
    BOOL in_vm = FALSE;

    if (!IsProcessInJob(child, vm_self.job, &in_vm)) {
        snprintf(err, errlen, "cannot check the child's job (error %lu)", GetLastError());
        return FALSE;
    }
    if (!in_vm) {
        snprintf(err, errlen, "the child would be outside the VM's job (was it given a parent outside the VM?)");
        return FALSE;
    }
    return TRUE;
}

NTSTATUS NTAPI hook_NtCreateUserProcess(PHANDLE process_handle, PHANDLE thread_handle,
                                        ACCESS_MASK process_access, ACCESS_MASK thread_access,
                                        POBJECT_ATTRIBUTES process_attributes,
                                        POBJECT_ATTRIBUTES thread_attributes, ULONG process_flags,
                                        ULONG thread_flags, PVOID parameters, PVOID create_info,
                                        PVOID attribute_list)
{
    struct plume_boot boot;
    char err[256] = "";
    NTSTATUS status;

    status = HOOK_ORIGINAL(NtCreateUserProcess)(process_handle, thread_handle,
                                      process_access | INJECT_PROCESS_ACCESS,
                                      thread_access | THREAD_SUSPEND_RESUME, process_attributes,
                                      thread_attributes, process_flags,
                                      thread_flags | THREAD_CREATE_FLAGS_CREATE_SUSPENDED,
                                      parameters, create_info, attribute_list);
    if (!NT_SUCCESS(status))
        return status;

    if (!spawn_check_membership(*process_handle, err, sizeof(err)) ||
        !vm_make_child_boot(*process_handle, &boot) ||
        !inject_into_process(*process_handle, vm_self.dll_path, &boot, err, sizeof(err))) {
        /* A child outside plume's control would be a hole in the VM: it never
         * runs. The caller sees CreateProcess fail with ERROR_DLL_INIT_FAILED. */
        if (!err[0])
            snprintf(err, sizeof(err), "cannot hand the child the VM's job (error %lu)", GetLastError());
        vmlog_error("refused to start a child process: %s", err);
        TerminateProcess(*process_handle, (UINT)STATUS_DLL_INIT_FAILED);
        CloseHandle(*thread_handle);
        CloseHandle(*process_handle);
        *thread_handle = NULL;
        *process_handle = NULL;
        return STATUS_DLL_INIT_FAILED;
    }
    if (!(thread_flags & THREAD_CREATE_FLAGS_CREATE_SUSPENDED))
        ResumeThread(*thread_handle);
    return status;
}
