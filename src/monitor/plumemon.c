/* plumemon.exe NAME: the monitor of one running VM.
 *
 * A job object lives only while someone holds a handle to it, and the VM's
 * processes do not. The monitor holds the VM's job for as long as the VM has
 * processes, so `plume run --detach`, `ps` and `stop` find it by name, and it
 * exits once the last process has gone. plume.exe starts it on the first
 * `run` of a stopped VM, naming the job it made for this run. Later issues give it the VM's trace and services. */
#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>

#include "../core/vmname.h"
#include "../win/utf.h"
#include "../win/vmobjects.h"

#define MON_POLL_MS 1000
#define MON_GRACE_MS 15000 /* an empty job waits this long for its first process */

/* One line per event in the VM's monitor.log: when the VM came up and went
 * down, for a user wondering why a VM stopped. */
static void mon_log(const char *name, const char *fmt, ...)
{
    WCHAR dir[VM_PATH_MAX], path[VM_PATH_MAX + 16];
    char line[256];
    SYSTEMTIME now;
    va_list args;
    HANDLE file;
    DWORD written;
    int n, m;

    if (!vm_state_dir(name, dir, ARRAYSIZE(dir)) || _snwprintf(path, ARRAYSIZE(path), L"%ls\\monitor.log", dir) < 0)
        return;
    path[ARRAYSIZE(path) - 1] = 0;
    GetSystemTime(&now);
    n = snprintf(line, sizeof(line), "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ pid %lu: ", now.wYear, now.wMonth,
                 now.wDay, now.wHour, now.wMinute, now.wSecond, now.wMilliseconds, GetCurrentProcessId());
    va_start(args, fmt);
    m = vsnprintf(line + n, sizeof(line) - n - 2, fmt, args);
    va_end(args);
    if (m < 0)
        return;
    n += m < (int)(sizeof(line) - n - 2) ? m : (int)(sizeof(line) - n - 3);
    line[n++] = '\r';
    line[n++] = '\n';
    /* Bounded: past 64 KiB the log starts again, the previous one kept. */
    {
        WIN32_FILE_ATTRIBUTE_DATA info;
        WCHAR old[VM_PATH_MAX + 24];

        if (GetFileAttributesExW(path, GetFileExInfoStandard, &info) && (info.nFileSizeHigh || info.nFileSizeLow > 65536) &&
            _snwprintf(old, ARRAYSIZE(old), L"%ls.old", path) > 0)
            MoveFileExW(path, old, MOVEFILE_REPLACE_EXISTING);
    }
    file = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return;
    WriteFile(file, line, (DWORD)n, &written, NULL);
    CloseHandle(file);
}

static DWORD mon_active(HANDLE job)
{
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;

    if (!QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct, sizeof(acct), NULL))
        return (DWORD)-1;
    return acct.ActiveProcesses;
}

static int mon_run(const char *name, const WCHAR *job_name)
{
    WCHAR ready_name[128];
    JOBOBJECT_ASSOCIATE_COMPLETION_PORT port_info;
    HANDLE job, port, ready;
    DWORD start = GetTickCount();
    BOOL seen = FALSE;

    if (!vm_object_name(name, "ready", ready_name, ARRAYSIZE(ready_name)))
        return 2;
    job = OpenJobObjectW(JOB_OBJECT_QUERY | JOB_OBJECT_SET_ATTRIBUTES | SYNCHRONIZE, FALSE, job_name);
    if (!job) {
        mon_log(name, "cannot open the VM's job (error %lu)", GetLastError());
        return 1;
    }
    mon_log(name, "monitoring VM '%s' (job %ls)", name, job_name);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    if (port) {
        port_info.CompletionKey = job;
        port_info.CompletionPort = port;
        /* Without the port the monitor still works, only by polling. */
        SetInformationJobObject(job, JobObjectAssociateCompletionPortInformation, &port_info, sizeof(port_info));
    }
    /* The ready event doubles as the monitor's sign of life: it exists, set,
     * for exactly as long as this process holds the job. plume.exe checks it
     * rather than the job's name, which Wine can keep resolving for a moment
     * after the last handle is closed. */
    ready = OpenEventW(EVENT_MODIFY_STATE | SYNCHRONIZE, FALSE, ready_name);
    if (!ready) {
        mon_log(name, "cannot open the ready event (error %lu)", GetLastError());
        CloseHandle(job);
        return 1;
    }
    SetEvent(ready);

    for (;;) {
        DWORD message = 0;
        ULONG_PTR key;
        LPOVERLAPPED data;
        HANDLE lock;
        DWORD active;

        if (port)
            GetQueuedCompletionStatus(port, &message, &key, &data, MON_POLL_MS);
        else
            Sleep(MON_POLL_MS);
        if (message == JOB_OBJECT_MSG_NEW_PROCESS)
            seen = TRUE;
        /* Decide under the VM's lock, so that a `plume run` that found the
         * job a moment ago is not left assigning to a job about to vanish. */
        lock = vm_lock(name, INFINITE);
        active = mon_active(job);
        if (active > 0 && active != (DWORD)-1)
            seen = TRUE;
        if (active == 0 && (seen || GetTickCount() - start > MON_GRACE_MS)) {
            mon_log(name, "VM '%s' has no processes left; monitor exits", name);
            ResetEvent(ready);
            CloseHandle(ready);
            CloseHandle(job);
            vm_unlock(lock);
            break;
        }
        vm_unlock(lock);
    }
    if (port)
        CloseHandle(port);
    return 0;
}

int wmain(int argc, WCHAR **argv)
{
    char *name;
    int rc;

    if (argc != 3 || wcsncmp(argv[2], L"Global\\plume.vm.", 16)) {
        fprintf(stderr, "usage: plumemon NAME JOB (started by plume.exe, not by hand)\n");
        return 2;
    }
    name = utf_to_utf8(argv[1]);
    if (!name || vmname_check(name) != VMNAME_OK) {
        fprintf(stderr, "plumemon: invalid VM name\n");
        utf_free(name);
        return 2;
    }
    rc = mon_run(name, argv[2]);
    utf_free(name);
    return rc;
}
