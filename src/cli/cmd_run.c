/* plume run: the launcher.
 *
 * The program is created suspended, put in the VM's job, given plume64.dll
 * as its first import (with the VM's identity beside it), and only then
 * resumed. It runs no instruction of its own outside the VM, and if plume
 * cannot be put into it, it never runs at all. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "../core/cmdline.h"
#include "../win/inject.h"
#include "../win/utf.h"
#include "cli_out.h"
#include "commands.h"
#include "vmjob.h"
#include "vmstore.h"

#define RUN_EXIT_PLUME      125 /* plume could not act */
#define RUN_EXIT_NO_START   126 /* the program could not be started inside the VM */
#define RUN_EXIT_NOT_FOUND  127
#define RUN_LOCK_TIMEOUT_MS 30000

struct run_target {
    HANDLE process, thread;
    DWORD pid;
};

static BOOL WINAPI run_ctrl_handler(DWORD type)
{
    /* The program shares our console and gets the same Ctrl+C; plume stays
     * to report its exit code. */
    return type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT;
}

/* Wine starts its desktop process (explorer.exe /desktop) from whichever
 * process first needs a desktop window. If that were a VM process, the
 * desktop of every program would join the VM and die with it; so plume,
 * outside every VM, makes sure it exists first. Windows needs none of this. */
static void run_ensure_wine_desktop(void)
{
    HMODULE user32;
    HWND(WINAPI * get_desktop)(void);

    HANDLE clipboard;

    if (!GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version"))
        return;
    /* The desktop process holds this mutex for its clipboard thread: when it
     * exists, one server call has answered, and loading user32 (tens of
     * milliseconds under Wine) is not needed. */
    clipboard = OpenMutexW(SYNCHRONIZE, FALSE, L"__wine_clipboard_WinSta0");
    if (clipboard) {
        CloseHandle(clipboard);
        return;
    }
    user32 = LoadLibraryW(L"user32.dll");
    if (!user32)
        return;
    get_desktop = (HWND(WINAPI *)(void))(void *)GetProcAddress(user32, "GetDesktopWindow");
    if (get_desktop)
        get_desktop();
}

static BOOL run_dll_path(char *out, DWORD cap, char *err, size_t errlen)
{
    WCHAR wide[MAX_PATH];
    WCHAR *slash;
    DWORD n = GetEnvironmentVariableW(L"PLUME_DLL", wide, ARRAYSIZE(wide));

    /* PLUME_DLL replaces the injected DLL: for plume's own tests of a DLL
     * that fails to load, and for debugging builds. */
    if (n == 0 || n >= ARRAYSIZE(wide)) {
        n = GetModuleFileNameW(NULL, wide, ARRAYSIZE(wide));
        slash = n && n < ARRAYSIZE(wide) ? wcsrchr(wide, L'\\') : NULL;
        if (!slash || (size_t)(slash - wide) + 13 >= ARRAYSIZE(wide)) {
            snprintf(err, errlen, "cannot locate plume64.dll");
            return FALSE;
        }
        wcscpy(slash + 1, L"plume64.dll");
    }
    if (GetFileAttributesW(wide) == INVALID_FILE_ATTRIBUTES) {
        char *shown = utf_to_utf8(wide);

        snprintf(err, errlen, "plume64.dll is missing: %s", shown ? shown : "?");
        utf_free(shown);
        return FALSE;
    }
    if (!inject_ansi_path(wide, out, cap)) {
        snprintf(err, errlen, "plume64.dll's path cannot be written in ASCII");
        return FALSE;
    }
    return TRUE;
}

static HANDLE run_inheritable(HANDLE h)
{
    if (h && h != INVALID_HANDLE_VALUE)
        SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    return h;
}

/* --detach: the program outlives plume, so it must not hold plume's console
 * or pipes; its output is kept in the VM's output.log instead. */
static BOOL run_detached_stdio(const struct vm_record *rec, STARTUPINFOW *si, HANDLE opened[2])
{
    SECURITY_ATTRIBUTES inherit = { sizeof(inherit), NULL, TRUE };
    WCHAR log[VM_PATH_MAX + 16];

    _snwprintf(log, ARRAYSIZE(log), L"%ls\\output.log", rec->dir);
    log[ARRAYSIZE(log) - 1] = 0;
    opened[0] = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                            OPEN_EXISTING, 0, NULL);
    opened[1] = CreateFileW(log, FILE_APPEND_DATA | SYNCHRONIZE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                            &inherit, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (opened[0] == INVALID_HANDLE_VALUE || opened[1] == INVALID_HANDLE_VALUE)
        return FALSE;
    si->hStdInput = opened[0];
    si->hStdOutput = opened[1];
    si->hStdError = opened[1];
    return TRUE;
}

static const char *run_status_text(DWORD code)
{
    switch (code) {
    case 0xC0000135: return "a DLL it needs was not found";
    case 0xC0000142: return "a DLL failed to initialise";
    case 0xC000007B: return "an image is not valid for this machine";
    case 0xC0000139: return "an entry point was not found";
    default: return "it ended during loading";
    }
}

/* Waits for plume64.dll inside the program to report that the process is
 * confined, or for the program to die trying. */
static int run_await_ready(HANDLE ready, const struct run_target *t, const char *program, const char *vm)
{
    HANDLE waits[2] = { ready, t->process };
    DWORD wait = WaitForMultipleObjects(2, waits, FALSE, INFINITE), code = 0;

    if (wait == WAIT_OBJECT_0)
        return 0;
    GetExitCodeProcess(t->process, &code);
    out_error("run: '%s' could not start inside VM '%s': plume64.dll did not take hold "
              "(status 0x%08lX: %s)", program, vm, (unsigned long)code, run_status_text(code));
    return RUN_EXIT_NO_START;
}

/* The program inherits its three standard handles and nothing else of
 * plume's. Inheriting everything would hand a detached program plume's own
 * stdout, keeping the caller's pipe open for as long as the program runs. */
static LPPROC_THREAD_ATTRIBUTE_LIST run_handle_list(const STARTUPINFOW *si, HANDLE list[3])
{
    LPPROC_THREAD_ATTRIBUTE_LIST attrs;
    HANDLE std[3] = { si->hStdInput, si->hStdOutput, si->hStdError };
    SIZE_T size = 0;
    int i, j, n = 0;

    for (i = 0; i < 3; i++) {
        BOOL seen = FALSE;

        if (!std[i] || std[i] == INVALID_HANDLE_VALUE)
            continue;
        for (j = 0; j < n; j++)
            seen |= list[j] == std[i];
        if (!seen)
            list[n++] = std[i];
    }
    if (!n)
        return NULL;
    InitializeProcThreadAttributeList(NULL, 1, 0, &size);
    attrs = HeapAlloc(GetProcessHeap(), 0, size);
    if (!attrs)
        return NULL;
    if (!InitializeProcThreadAttributeList(attrs, 1, 0, &size) ||
        !UpdateProcThreadAttribute(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, list, n * sizeof(HANDLE), NULL,
                                   NULL)) {
        HeapFree(GetProcessHeap(), 0, attrs);
        return NULL;
    }
    return attrs;
}

static void run_free_handle_list(LPPROC_THREAD_ATTRIBUTE_LIST attrs)
{
    if (attrs) {
        DeleteProcThreadAttributeList(attrs);
        HeapFree(GetProcessHeap(), 0, attrs);
    }
}

static int run_launch(const struct cli_request *req, const struct vm_record *rec, WCHAR *cmdline,
                      const char *dll_path, struct run_target *t)
{
    STARTUPINFOEXW six = { { sizeof(six) } };
    STARTUPINFOW si = { sizeof(si) };
    HANDLE inherited[3];
    PROCESS_INFORMATION pi;
    HANDLE lock, job, ready, remote_ready = NULL, remote_job = NULL, detached[2] = { INVALID_HANDLE_VALUE, INVALID_HANDLE_VALUE };
    struct plume_boot boot;
    char err[256], reason[160];
    const char *program = req->program_argv[0];
    DWORD code;
    int rc;

    si.dwFlags = STARTF_USESTDHANDLES;
    if (req->detach) {
        if (!run_detached_stdio(rec, &si, detached)) {
            out_error("run: cannot open the VM's output.log: %s", out_win_error(GetLastError(), reason, sizeof(reason)));
            rc = RUN_EXIT_PLUME;
            goto close_stdio;
        }
    } else {
        si.hStdInput = run_inheritable(GetStdHandle(STD_INPUT_HANDLE));
        si.hStdOutput = run_inheritable(GetStdHandle(STD_OUTPUT_HANDLE));
        si.hStdError = run_inheritable(GetStdHandle(STD_ERROR_HANDLE));
    }

    lock = vm_lock(rec->name, RUN_LOCK_TIMEOUT_MS);
    if (!lock) {
        out_error("run: VM '%s' is busy (its lock was not free within %d s)", rec->name, RUN_LOCK_TIMEOUT_MS / 1000);
        rc = RUN_EXIT_PLUME;
        goto close_stdio;
    }
    job = vmjob_start(rec->name, err, sizeof(err));
    if (!job) {
        vm_unlock(lock);
        out_error("run: cannot start VM '%s': %s", rec->name, err);
        rc = RUN_EXIT_PLUME;
        goto close_stdio;
    }
    six.StartupInfo = si;
    six.StartupInfo.cb = sizeof(six);
    six.lpAttributeList = run_handle_list(&si, inherited);
    if (!CreateProcessW(NULL, cmdline, NULL, NULL, six.lpAttributeList != NULL,
                        CREATE_SUSPENDED | CREATE_UNICODE_ENVIRONMENT | EXTENDED_STARTUPINFO_PRESENT, NULL, NULL,
                        &six.StartupInfo, &pi)) {
        code = GetLastError();
        run_free_handle_list(six.lpAttributeList);
        vm_unlock(lock);
        CloseHandle(job);
        if (code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND || code == ERROR_INVALID_NAME) {
            out_error("run: cannot find program '%s'", program);
            rc = RUN_EXIT_NOT_FOUND;
        } else {
            out_error("run: cannot start '%s': %s", program, out_win_error(code, reason, sizeof(reason)));
            rc = RUN_EXIT_NO_START;
        }
        goto close_stdio;
    }
    run_free_handle_list(six.lpAttributeList);
    t->process = pi.hProcess;
    t->thread = pi.hThread;
    t->pid = pi.dwProcessId;

    rc = 0;
    ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!AssignProcessToJobObject(job, pi.hProcess)) {
        out_error("run: cannot put '%s' into VM '%s': %s", program, rec->name,
                  out_win_error(GetLastError(), reason, sizeof(reason)));
        rc = RUN_EXIT_PLUME;
    } else if (!ready ||
               !DuplicateHandle(GetCurrentProcess(), ready, pi.hProcess, &remote_ready, EVENT_MODIFY_STATE, FALSE, 0) ||
               !DuplicateHandle(GetCurrentProcess(), job, pi.hProcess, &remote_job, JOB_OBJECT_QUERY, FALSE, 0)) {
        out_error("run: cannot hand '%s' its start-up event and job: %s", program,
                  out_win_error(GetLastError(), reason, sizeof(reason)));
        rc = RUN_EXIT_PLUME;
    } else {
        memset(&boot, 0, sizeof(boot));
        snprintf(boot.vm_name, sizeof(boot.vm_name), "%s", rec->name);
        memcpy(boot.state_dir, rec->dir, sizeof(boot.state_dir));
        boot.state_dir[PLUME_PATH_MAX - 1] = 0;
        boot.ready_event = (uint64_t)(ULONG_PTR)remote_ready;
        boot.job_handle = (uint64_t)(ULONG_PTR)remote_job;
        if (!inject_into_process(pi.hProcess, dll_path, &boot, err, sizeof(err))) {
            out_error("run: cannot put plume into '%s': %s", program, err);
            rc = RUN_EXIT_NO_START;
        }
    }
    vm_unlock(lock);
    CloseHandle(job);
    if (rc) {
        TerminateProcess(pi.hProcess, (UINT)rc);
        WaitForSingleObject(pi.hProcess, 5000);
    } else {
        ResumeThread(pi.hThread);
        rc = run_await_ready(ready, t, program, rec->name);
    }
    if (ready)
        CloseHandle(ready);
close_stdio:
    if (detached[0] != INVALID_HANDLE_VALUE)
        CloseHandle(detached[0]);
    if (detached[1] != INVALID_HANDLE_VALUE)
        CloseHandle(detached[1]);
    return rc;
}

int cmd_run(const struct cli_request *req)
{
    struct vm_record rec;
    struct run_target t = { NULL, NULL, 0 };
    char dll_path[MAX_PATH], err[256];
    char *cmdline8;
    WCHAR *cmdline;
    DWORD code = 0;
    long len;
    int rc = vmstore_open_for_command("run", req->vm, req->create, &rec);

    if (rc)
        return rc == CLI_EXIT_USAGE ? rc : RUN_EXIT_PLUME;
    if (!run_dll_path(dll_path, sizeof(dll_path), err, sizeof(err))) {
        out_error("run: %s", err);
        return RUN_EXIT_PLUME;
    }
    cmdline8 = HeapAlloc(GetProcessHeap(), 0, CMDLINE_MAX * 3 + 1);
    if (!cmdline8)
        return RUN_EXIT_PLUME;
    len = cmdline_build(req->program_argv, req->program_argc, cmdline8, CMDLINE_MAX * 3 + 1);
    cmdline = len < 0 ? NULL : utf_to_utf16(cmdline8);
    utf_free(cmdline8);
    if (!cmdline || wcslen(cmdline) >= CMDLINE_MAX) {
        out_error("run: the command line is too long or a program name holds a quote");
        utf_free(cmdline);
        return CLI_EXIT_USAGE;
    }
    run_ensure_wine_desktop();
    SetConsoleCtrlHandler(run_ctrl_handler, TRUE);

    rc = run_launch(req, &rec, cmdline, dll_path, &t);
    utf_free(cmdline);
    if (!rc && req->detach)
        out_print("started '%s' in VM '%s' (pid %lu)\n", req->program_argv[0], rec.name, (unsigned long)t.pid);
    if (!rc && !req->detach) {
        WaitForSingleObject(t.process, INFINITE);
        GetExitCodeProcess(t.process, &code);
        rc = (int)code;
    }
    if (t.thread)
        CloseHandle(t.thread);
    if (t.process)
        CloseHandle(t.process);
    return rc;
}
