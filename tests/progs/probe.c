/* probe.exe: the program the integration tests run inside VMs.
 *
 *   probe info [FILE]          print "probe: pid=N ppid=N vm=NAME injob=0|1 early=0|1",
 *                              and append it to FILE too (for children whose
 *                              standard output is not ours, as ShellExecuteEx's)
 *   probe exit N               exit with status N
 *   probe sleep MS             sleep, then exit 0
 *   probe child ARGS...        run "probe ARGS..." with CreateProcess, wait, pass its status on
 *   probe cmd ARGS...          the same through "cmd.exe /c probe ARGS..."
 *   probe shell ARGS...        the same through ShellExecuteEx
 *   probe envchild ARGS...     the same with an explicit, minimal environment block
 *   probe breakaway            try CREATE_BREAKAWAY_FROM_JOB; print breakaway=denied|allowed
 *   probe tree DEPTH MS        a chain of DEPTH processes, each sleeping MS
 *   probe spoofchild ARGS...   run "probe ARGS..." with a host process (Wine's
 *                              explorer.exe) as its parent; print spoof=refused|started
 *   probe window MS            create a top-level window (which makes Wine start
 *                              its desktop process if none runs), then sleep MS
 */
#include <windows.h>
#include <shellapi.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "plume.h"

__declspec(dllimport) int probedll_saw_plume(void);

static WCHAR probe_self[MAX_PATH];

static void probe_quote_args(WCHAR *out, size_t cap, int argc, WCHAR **argv)
{
    int i;

    out[0] = 0;
    for (i = 0; i < argc; i++) {
        if (i)
            wcsncat(out, L" ", cap - wcslen(out) - 1);
        /* The tests pass plain words only. */
        wcsncat(out, argv[i], cap - wcslen(out) - 1);
    }
}

static int probe_wait(HANDLE process)
{
    DWORD code = 1;

    WaitForSingleObject(process, INFINITE);
    GetExitCodeProcess(process, &code);
    CloseHandle(process);
    return (int)code;
}

static int probe_spawn(const WCHAR *how, int argc, WCHAR **argv)
{
    STARTUPINFOW si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    WCHAR args[2048], cmdline[4096];
    DWORD flags = CREATE_UNICODE_ENVIRONMENT;
    void *env = NULL;
    static WCHAR minimal_env[] = L"PROBE_MINIMAL=1\0";

    probe_quote_args(args, ARRAYSIZE(args), argc, argv);
    if (!wcscmp(how, L"shell")) {
        SHELLEXECUTEINFOW sei = { sizeof(sei) };

        sei.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI;
        sei.lpFile = probe_self;
        sei.lpParameters = args;
        sei.nShow = SW_HIDE;
        if (!ShellExecuteExW(&sei) || !sei.hProcess) {
            printf("probe: shell failed %lu\n", GetLastError());
            return 90;
        }
        return probe_wait(sei.hProcess);
    }
    if (!wcscmp(how, L"cmd"))
        _snwprintf(cmdline, ARRAYSIZE(cmdline), L"cmd.exe /c \"\"%ls\" %ls\"", probe_self, args);
    else
        _snwprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" %ls", probe_self, args);
    cmdline[ARRAYSIZE(cmdline) - 1] = 0;
    if (!wcscmp(how, L"envchild"))
        env = minimal_env;
    fflush(stdout);
    if (!CreateProcessW(NULL, cmdline, NULL, NULL, TRUE, flags, env, NULL, &si, &pi)) {
        printf("probe: %ls failed %lu\n", how, GetLastError());
        return 91;
    }
    CloseHandle(pi.hThread);
    return probe_wait(pi.hProcess);
}

static int probe_info(const WCHAR *report)
{
    char vm[PLUME_VM_NAME_SIZE], line[200];
    BOOL in_job = FALSE;
    int len;

    plume_current_vm(vm, sizeof(vm));
    IsProcessInJob(GetCurrentProcess(), NULL, &in_job);
    len = snprintf(line, sizeof(line), "probe: pid=%lu vm=%s injob=%d early=%d\n", GetCurrentProcessId(), vm,
                   in_job ? 1 : 0, probedll_saw_plume());
    fputs(line, stdout);
    if (report) {
        HANDLE file = CreateFileW(report, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                                  FILE_ATTRIBUTE_NORMAL, NULL);
        DWORD written;

        if (file == INVALID_HANDLE_VALUE)
            return 3;
        WriteFile(file, line, (DWORD)len, &written, NULL);
        CloseHandle(file);
    }
    return 0;
}

static int probe_breakaway(void)
{
    STARTUPINFOW si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    WCHAR cmdline[MAX_PATH + 16];

    _snwprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" exit 0", probe_self);
    cmdline[ARRAYSIZE(cmdline) - 1] = 0;
    if (CreateProcessW(NULL, cmdline, NULL, NULL, FALSE, CREATE_BREAKAWAY_FROM_JOB, NULL, NULL, &si, &pi)) {
        printf("probe: breakaway=allowed\n");
        CloseHandle(pi.hThread);
        probe_wait(pi.hProcess);
        return 1;
    }
    printf("probe: breakaway=denied error=%lu\n", GetLastError());
    return 0;
}

static int probe_tree(int depth, int ms)
{
    WCHAR depth_s[16], ms_s[16];
    WCHAR *args[3] = { L"tree", depth_s, ms_s };

    probe_info(NULL);
    fflush(stdout);
    if (depth > 1) {
        STARTUPINFOW si = { sizeof(si) };
        PROCESS_INFORMATION pi;
        WCHAR cmdline[MAX_PATH + 64];

        _snwprintf(depth_s, 16, L"%d", depth - 1);
        _snwprintf(ms_s, 16, L"%d", ms);
        _snwprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" %ls %ls %ls", probe_self, args[0], args[1], args[2]);
        cmdline[ARRAYSIZE(cmdline) - 1] = 0;
        if (CreateProcessW(NULL, cmdline, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
            CloseHandle(pi.hThread);
            CloseHandle(pi.hProcess);
        }
    }
    Sleep((DWORD)ms);
    return 0;
}

static DWORD probe_find_process(const WCHAR *image)
{
    PROCESSENTRY32W entry = { sizeof(entry) };
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    DWORD pid = 0;

    if (snap == INVALID_HANDLE_VALUE)
        return 0;
    if (Process32FirstW(snap, &entry)) {
        do {
            if (!_wcsicmp(entry.szExeFile, image))
                pid = entry.th32ProcessID;
        } while (!pid && Process32NextW(snap, &entry));
    }
    CloseHandle(snap);
    return pid;
}

/* Parent-process spoofing: the child would inherit the fake parent's job. */
static int probe_spoofchild(int argc, WCHAR **argv)
{
    STARTUPINFOEXW six = { { sizeof(six) } };
    PROCESS_INFORMATION pi;
    WCHAR args[2048], cmdline[4096];
    SIZE_T size = 0;
    DWORD pid = probe_find_process(L"explorer.exe");
    HANDLE parent = pid ? OpenProcess(PROCESS_CREATE_PROCESS, FALSE, pid) : NULL;

    if (!parent) {
        printf("probe: spoof=noparent\n");
        return 92;
    }
    InitializeProcThreadAttributeList(NULL, 1, 0, &size);
    six.lpAttributeList = HeapAlloc(GetProcessHeap(), 0, size);
    InitializeProcThreadAttributeList(six.lpAttributeList, 1, 0, &size);
    UpdateProcThreadAttribute(six.lpAttributeList, 0, PROC_THREAD_ATTRIBUTE_PARENT_PROCESS, &parent, sizeof(parent),
                              NULL, NULL);
    probe_quote_args(args, ARRAYSIZE(args), argc, argv);
    _snwprintf(cmdline, ARRAYSIZE(cmdline), L"\"%ls\" %ls", probe_self, args);
    cmdline[ARRAYSIZE(cmdline) - 1] = 0;
    if (!CreateProcessW(NULL, cmdline, NULL, NULL, FALSE, EXTENDED_STARTUPINFO_PRESENT, NULL, NULL,
                        &six.StartupInfo, &pi)) {
        printf("probe: spoof=refused error=%lu\n", GetLastError());
        return 0;
    }
    printf("probe: spoof=started\n");
    CloseHandle(pi.hThread);
    return probe_wait(pi.hProcess);
}

static int probe_window(int ms)
{
    HWND window = CreateWindowExW(0, L"STATIC", L"plume probe", WS_OVERLAPPEDWINDOW, 0, 0, 100, 100, NULL, NULL,
                                  NULL, NULL);

    printf("probe: window=%s\n", window ? "created" : "failed");
    Sleep((DWORD)ms);
    if (window)
        DestroyWindow(window);
    return window ? 0 : 1;
}

int wmain(int argc, WCHAR **argv)
{
    GetModuleFileNameW(NULL, probe_self, ARRAYSIZE(probe_self));
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 2)
        return probe_info(NULL);
    if (!wcscmp(argv[1], L"info"))
        return probe_info(argc > 2 ? argv[2] : NULL);
    if (!wcscmp(argv[1], L"exit") && argc > 2)
        return _wtoi(argv[2]);
    if (!wcscmp(argv[1], L"sleep") && argc > 2) {
        Sleep((DWORD)_wtoi(argv[2]));
        return 0;
    }
    if ((!wcscmp(argv[1], L"child") || !wcscmp(argv[1], L"cmd") || !wcscmp(argv[1], L"shell") ||
         !wcscmp(argv[1], L"envchild")) && argc > 2)
        return probe_spawn(argv[1], argc - 2, argv + 2);
    if (!wcscmp(argv[1], L"spoofchild") && argc > 2)
        return probe_spoofchild(argc - 2, argv + 2);
    if (!wcscmp(argv[1], L"breakaway"))
        return probe_breakaway();
    if (!wcscmp(argv[1], L"window") && argc > 2)
        return probe_window(_wtoi(argv[2]));
    if (!wcscmp(argv[1], L"tree") && argc > 3)
        return probe_tree(_wtoi(argv[2]), _wtoi(argv[3]));
    fprintf(stderr, "probe: unknown command\n");
    return 64;
}
