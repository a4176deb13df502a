#include "vmjob.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "../win/vmobjects.h"
#include "cli_out.h"

#define VMJOB_ACCESS (JOB_OBJECT_ASSIGN_PROCESS | JOB_OBJECT_QUERY | JOB_OBJECT_TERMINATE | SYNCHRONIZE)
#define VMJOB_MONITOR_WAIT_MS 15000

/* A VM runs while its monitor lives; the monitor keeps its ready event set
 * for exactly that long. */
static BOOL vmjob_monitor_alive(const char *name)
{
    WCHAR object[128];
    HANDLE ready;
    BOOL alive;

    if (!vm_object_name(name, "ready", object, ARRAYSIZE(object)))
        return FALSE;
    ready = OpenEventW(SYNCHRONIZE, FALSE, object);
    if (!ready)
        return FALSE;
    alive = WaitForSingleObject(ready, 0) == WAIT_OBJECT_0;
    CloseHandle(ready);
    return alive;
}

/* Each run of a VM gets a job of its own name, recorded in the VM's folder.
 * A fixed name would be unsafe under Wine, where a job's name can keep
 * resolving to the previous run's emptied job after its monitor let go. */
static BOOL vmjob_record_path(const char *name, WCHAR *out, size_t cap)
{
    WCHAR dir[VM_PATH_MAX];
    int len;

    if (!vm_state_dir(name, dir, ARRAYSIZE(dir)))
        return FALSE;
    len = _snwprintf(out, cap, L"%ls\\job", dir);
    return len > 0 && (size_t)len < cap;
}

static BOOL vmjob_read_record(const char *name, WCHAR *job, size_t cap)
{
    WCHAR path[VM_PATH_MAX + 8];
    char text[128];
    DWORD got = 0;
    HANDLE file;
    int n;

    if (!vmjob_record_path(name, path, ARRAYSIZE(path)))
        return FALSE;
    file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return FALSE;
    ReadFile(file, text, sizeof(text) - 1, &got, NULL);
    CloseHandle(file);
    text[got] = 0;
    text[strcspn(text, "\r\n")] = 0;
    /* Only a name of the shape plume writes is trusted. */
    if (strncmp(text, "Global\\plume.vm.", 16) || strchr(text + 16, '\\'))
        return FALSE;
    n = MultiByteToWideChar(CP_UTF8, 0, text, -1, job, (int)cap);
    return n > 0;
}

static BOOL vmjob_write_record(const char *name, const WCHAR *job)
{
    WCHAR path[VM_PATH_MAX + 8], temp[VM_PATH_MAX + 16];
    char text[128];
    DWORD written;
    HANDLE file;
    int n;

    if (!vmjob_record_path(name, path, ARRAYSIZE(path)) ||
        _snwprintf(temp, ARRAYSIZE(temp), L"%ls.new", path) < 0)
        return FALSE;
    n = WideCharToMultiByte(CP_UTF8, 0, job, -1, text, sizeof(text) - 2, NULL, NULL);
    if (n <= 0)
        return FALSE;
    text[n - 1] = '\n';
    file = CreateFileW(temp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return FALSE;
    if (!WriteFile(file, text, (DWORD)n, &written, NULL) || written != (DWORD)n) {
        CloseHandle(file);
        DeleteFileW(temp);
        return FALSE;
    }
    CloseHandle(file);
    return MoveFileExW(temp, path, MOVEFILE_REPLACE_EXISTING);
}

HANDLE vmjob_open(const char *name)
{
    WCHAR object[128];

    if (!vmjob_monitor_alive(name) || !vmjob_read_record(name, object, ARRAYSIZE(object)))
        return NULL;
    return OpenJobObjectW(VMJOB_ACCESS, FALSE, object);
}

static BOOL vmjob_monitor_path(WCHAR *out, DWORD cap)
{
    DWORD n = GetModuleFileNameW(NULL, out, cap);
    WCHAR *slash;

    if (!n || n >= cap)
        return FALSE;
    slash = wcsrchr(out, L'\\');
    if (!slash || (size_t)(slash - out) + 14 >= cap)
        return FALSE;
    wcscpy(slash + 1, L"plumemon.exe");
    return TRUE;
}

/* Starts plumemon.exe NAME and waits until it holds the job, so the job
 * outlives this plume.exe. */
static BOOL vmjob_start_monitor(const char *name, const WCHAR *job, char *err, size_t errlen)
{
    WCHAR path[MAX_PATH], cmdline[MAX_PATH + 64], ready_name[128];
    STARTUPINFOW si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE ready, waits[2];
    DWORD wait;
    char reason[160];

    if (!vmjob_monitor_path(path, ARRAYSIZE(path)) || !vm_object_name(name, "ready", ready_name, ARRAYSIZE(ready_name))) {
        snprintf(err, errlen, "cannot locate plumemon.exe");
        return FALSE;
    }
    ready = CreateEventW(NULL, TRUE, FALSE, ready_name);
    if (!ready) {
        snprintf(err, errlen, "cannot create the monitor's ready event: %s",
                 out_win_error(GetLastError(), reason, sizeof(reason)));
        return FALSE;
    }
    ResetEvent(ready);
    _snwprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" %hs %ls", path, name, job);
    cmdline[ARRAYSIZE(cmdline) - 1] = 0;
    /* Detached and inheriting nothing: the monitor must not hold the user's
     * console or pipes open, and must not sit in any job of ours. */
    if (!CreateProcessW(path, cmdline, NULL, NULL, FALSE,
                        DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP | CREATE_UNICODE_ENVIRONMENT,
                        NULL, NULL, &si, &pi)) {
        snprintf(err, errlen, "cannot start the VM monitor plumemon.exe: %s",
                 out_win_error(GetLastError(), reason, sizeof(reason)));
        CloseHandle(ready);
        return FALSE;
    }
    CloseHandle(pi.hThread);
    waits[0] = ready;
    waits[1] = pi.hProcess;
    wait = WaitForMultipleObjects(2, waits, FALSE, VMJOB_MONITOR_WAIT_MS);
    CloseHandle(pi.hProcess);
    CloseHandle(ready);
    if (wait == WAIT_OBJECT_0)
        return TRUE;
    snprintf(err, errlen, wait == WAIT_OBJECT_0 + 1 ? "the VM monitor exited at start"
                                                    : "the VM monitor did not start in time");
    return FALSE;
}

HANDLE vmjob_start(const char *name, char *err, size_t errlen)
{
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
    WCHAR object[128], base[100];
    HANDLE job = NULL;
    char reason[160];
    int attempt;

    job = vmjob_open(name);
    if (job)
        return job;
    if (!vm_object_name(name, "job", base, ARRAYSIZE(base))) {
        snprintf(err, errlen, "bad VM name");
        return NULL;
    }
    for (attempt = 0; attempt < 8 && !job; attempt++) {
        _snwprintf(object, ARRAYSIZE(object), L"%ls.%lx%lx", base, (unsigned long)GetCurrentProcessId(),
                   (unsigned long)(GetTickCount() + attempt));
        object[ARRAYSIZE(object) - 1] = 0;
        job = CreateJobObjectW(NULL, object);
        if (job && GetLastError() == ERROR_ALREADY_EXISTS) {
            CloseHandle(job);
            job = NULL;
        } else if (!job) {
            break;
        }
    }
    if (!job) {
        snprintf(err, errlen, "cannot create the VM's job object: %s",
                 out_win_error(GetLastError(), reason, sizeof(reason)));
        return NULL;
    }
    /* No breakaway of any kind: every descendant stays in the VM. Killing on
     * close means a VM never outlives the monitor that stands for it. */
    ZeroMemory(&limits, sizeof(limits));
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof(limits))) {
        snprintf(err, errlen, "cannot set the VM's job limits: %s",
                 out_win_error(GetLastError(), reason, sizeof(reason)));
        CloseHandle(job);
        return NULL;
    }
    if (!vmjob_write_record(name, object)) {
        snprintf(err, errlen, "cannot record the VM's job in its folder: %s",
                 out_win_error(GetLastError(), reason, sizeof(reason)));
        CloseHandle(job);
        return NULL;
    }
    if (!vmjob_start_monitor(name, object, err, errlen)) {
        CloseHandle(job);
        return NULL;
    }
    return job;
}

BOOL vmjob_name(const char *name, WCHAR *out, size_t cap)
{
    return vmjob_monitor_alive(name) && vmjob_read_record(name, out, cap);
}

int vmjob_pids(HANDLE job, DWORD *pids, int cap)
{
    /* JOBOBJECT_BASIC_PROCESS_ID_LIST: two DWORD counts, then the ids. */
    static ULONG_PTR list[1 + VMJOB_MAX_PROCESSES];
    DWORD listed;
    int i, n;

    ZeroMemory(list, sizeof(list[0]));
    if (!QueryInformationJobObject(job, JobObjectBasicProcessIdList, list, sizeof(list), NULL) &&
        GetLastError() != ERROR_MORE_DATA)
        return -1;
    memcpy(&listed, (const BYTE *)list + sizeof(DWORD), sizeof(listed));
    n = listed > VMJOB_MAX_PROCESSES ? VMJOB_MAX_PROCESSES : (int)listed;
    if (n > cap)
        n = cap;
    for (i = 0; i < n; i++)
        pids[i] = (DWORD)list[1 + i];
    return n;
}

static DWORD vmjob_active(HANDLE job)
{
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;

    if (!QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &acct, sizeof(acct), NULL))
        return (DWORD)-1;
    return acct.ActiveProcesses;
}

int vmjob_stop(HANDLE job, DWORD timeout_ms)
{
    DWORD start = GetTickCount(), active = vmjob_active(job);

    if (active == 0)
        return 0;
    if (!TerminateJobObject(job, 1))
        return -1;
    for (;;) {
        DWORD left = vmjob_active(job);

        if (left == 0)
            return (int)active;
        if (GetTickCount() - start > timeout_ms)
            return -1;
        Sleep(20);
    }
}
