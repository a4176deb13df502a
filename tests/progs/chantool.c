/* chantool.exe: pipes, mailslots and ports, as the Wine tests drive them
 * inside and outside VMs. Every result is one line on stdout:
 *   chantool: OP NAME -> RESULT [detail]
 *
 *   chantool serve PATH TOKEN MS     a pipe server at PATH (\\.\pipe\X or any spelling):
 *                                    answers each client's message with TOKEN, for MS
 *   chantool call PATH               connect, send "hello", print "answer=TOKEN" (4 KiB round trip)
 *   chantool wait PATH MS            WaitNamedPipe: available, notfound or timeout
 *   chantool callpipe PATH           CallNamedPipe: answer=TOKEN or notfound
 *   chantool mailserve PATH MS       a mailslot at PATH; prints "got=TEXT" for the first message
 *   chantool mailsend PATH TEXT      write TEXT to the mailslot
 *   chantool portcreate NTNAME       NtCreatePort (Wine: not implemented)
 *   chantool portconnect NTNAME      NtConnectPort (Wine: not implemented)
 *   chantool ntopen NTPATH           NtOpenFile on an NT path, e.g. \Device\NamedPipe\X
 *   chantool rootopen DIR NAME       NtOpenFile of NAME relative to the opened DIR
 */
#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define MSG_SIZE 4096

static const char *result_of_error(DWORD err)
{
    switch (err) {
    case ERROR_FILE_NOT_FOUND: return "notfound";
    case ERROR_PATH_NOT_FOUND: return "notfound";
    case ERROR_BAD_PATHNAME: return "invalid";
    case ERROR_INVALID_NAME: return "invalid";
    case ERROR_ACCESS_DENIED: return "denied";
    case ERROR_PIPE_BUSY: return "busy";
    case ERROR_SEM_TIMEOUT: return "timeout";
    case ERROR_FILENAME_EXCED_RANGE: return "toolong";
    default: return "error";
    }
}

static void report_error(const char *op, const WCHAR *name, DWORD err)
{
    printf("chantool: %s %ls -> %s error=%lu\n", op, name, result_of_error(err), err);
    fflush(stdout);
}

static int do_serve(const WCHAR *path, const char *token, int ms)
{
    DWORD start = GetTickCount();
    char in[MSG_SIZE], out[MSG_SIZE];
    int first = 1;

    memset(out, 0, sizeof(out));
    lstrcpynA(out, token, 200);
    while ((int)(GetTickCount() - start) < ms) {
        HANDLE pipe = CreateNamedPipeW(path, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                                       PIPE_UNLIMITED_INSTANCES, MSG_SIZE, MSG_SIZE, 0, NULL);
        DWORD got, put;

        if (pipe == INVALID_HANDLE_VALUE) {
            report_error("serve", path, GetLastError());
            return 1;
        }
        if (first) {
            printf("chantool: serve %ls -> listening\n", path);
            fflush(stdout);
            first = 0;
        }
        if (ConnectNamedPipe(pipe, NULL) || GetLastError() == ERROR_PIPE_CONNECTED) {
            if (ReadFile(pipe, in, sizeof(in), &got, NULL))
                WriteFile(pipe, out, sizeof(out), &put, NULL);
            FlushFileBuffers(pipe);
            DisconnectNamedPipe(pipe);
        }
        CloseHandle(pipe);
    }
    return 0;
}

static int do_call(const WCHAR *path)
{
    HANDLE pipe = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    char in[MSG_SIZE], out[MSG_SIZE] = "hello";
    DWORD mode = PIPE_READMODE_MESSAGE, got = 0, put;

    if (pipe == INVALID_HANDLE_VALUE) {
        report_error("call", path, GetLastError());
        return 1;
    }
    SetNamedPipeHandleState(pipe, &mode, NULL, NULL);
    if (!WriteFile(pipe, out, sizeof(out), &put, NULL) || !ReadFile(pipe, in, sizeof(in), &got, NULL) || !got) {
        report_error("call", path, GetLastError());
        CloseHandle(pipe);
        return 1;
    }
    in[sizeof(in) - 1] = 0;
    printf("chantool: call %ls -> answer=%s\n", path, in);
    CloseHandle(pipe);
    return 0;
}

static int do_wait(const WCHAR *path, int ms)
{
    if (WaitNamedPipeW(path, (DWORD)ms)) {
        printf("chantool: wait %ls -> available\n", path);
        return 0;
    }
    report_error("wait", path, GetLastError());
    return 1;
}

static int do_callpipe(const WCHAR *path)
{
    char in[MSG_SIZE], out[MSG_SIZE] = "hello";
    DWORD got = 0;

    if (!CallNamedPipeW(path, out, sizeof(out), in, sizeof(in), &got, 3000) || !got) {
        report_error("callpipe", path, GetLastError());
        return 1;
    }
    in[sizeof(in) - 1] = 0;
    printf("chantool: callpipe %ls -> answer=%s\n", path, in);
    return 0;
}

static int do_mailserve(const WCHAR *path, int ms)
{
    HANDLE slot = CreateMailslotW(path, 0, (DWORD)ms, NULL);
    char text[512];
    DWORD got = 0;

    if (slot == INVALID_HANDLE_VALUE) {
        report_error("mailserve", path, GetLastError());
        return 1;
    }
    printf("chantool: mailserve %ls -> listening\n", path);
    fflush(stdout);
    if (!ReadFile(slot, text, sizeof(text) - 1, &got, NULL)) {
        printf("chantool: mailserve %ls -> nothing\n", path);
        CloseHandle(slot);
        return 1;
    }
    text[got] = 0;
    printf("chantool: mailserve %ls -> got=%s\n", path, text);
    CloseHandle(slot);
    return 0;
}

static int do_mailsend(const WCHAR *path, const char *text)
{
    HANDLE slot = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    DWORD put;

    if (slot == INVALID_HANDLE_VALUE) {
        report_error("mailsend", path, GetLastError());
        return 1;
    }
    WriteFile(slot, text, (DWORD)strlen(text), &put, NULL);
    printf("chantool: mailsend %ls -> sent\n", path);
    CloseHandle(slot);
    return 0;
}

static const char *nt_result(NTSTATUS status)
{
    switch ((ULONG)status) {
    case 0: return "opened";
    case 0xC0000034: return "notfound";
    case 0xC000003A: return "notfound";
    case 0xC0000033: return "invalid";
    case 0xC0000022: return "denied";
    case 0xC0000106: return "toolong";
    default: return "error";
    }
}

typedef NTSTATUS(NTAPI *create_port_fn)(PHANDLE, POBJECT_ATTRIBUTES, ULONG, ULONG, ULONG);
typedef NTSTATUS(NTAPI *connect_port_fn)(PHANDLE, PUNICODE_STRING, PVOID, PVOID, PVOID, PULONG, PVOID, PULONG);
typedef NTSTATUS(NTAPI *open_file_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, PIO_STATUS_BLOCK, ULONG, ULONG);

static int do_port(const char *op, const WCHAR *name)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    UNICODE_STRING us;
    OBJECT_ATTRIBUTES oa;
    HANDLE h = NULL;
    NTSTATUS status;

    RtlInitUnicodeString(&us, name);
    if (!strcmp(op, "portcreate")) {
        InitializeObjectAttributes(&oa, &us, 0, NULL, NULL);
        status = ((create_port_fn)(void *)GetProcAddress(ntdll, "NtCreatePort"))(&h, &oa, 0, 256, 0);
    } else {
        status = ((connect_port_fn)(void *)GetProcAddress(ntdll, "NtConnectPort"))(&h, &us, NULL, NULL, NULL, NULL,
                                                                                   NULL, NULL);
    }
    printf("chantool: %s %ls -> status=0x%08lX\n", op, name, (ULONG)status);
    if (h)
        CloseHandle(h);
    return 0;
}

static int do_ntopen(const WCHAR *root_path, const WCHAR *path)
{
    open_file_fn open_file = (open_file_fn)(void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtOpenFile");
    UNICODE_STRING us, rs;
    OBJECT_ATTRIBUTES oa;
    IO_STATUS_BLOCK io;
    HANDLE h = NULL, root = NULL;
    NTSTATUS status;

    if (root_path) {
        RtlInitUnicodeString(&rs, root_path);
        InitializeObjectAttributes(&oa, &rs, OBJ_CASE_INSENSITIVE, NULL, NULL);
        status = open_file(&root, GENERIC_READ | SYNCHRONIZE, &oa, &io, FILE_SHARE_READ | FILE_SHARE_WRITE, 0);
        if (status) {
            printf("chantool: rootopen %ls -> root status=0x%08lX\n", root_path, (ULONG)status);
            return 1;
        }
    }
    RtlInitUnicodeString(&us, path);
    InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, root, NULL);
    status = open_file(&h, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &oa, &io, FILE_SHARE_READ | FILE_SHARE_WRITE,
                       FILE_SYNCHRONOUS_IO_NONALERT);
    printf("chantool: %s %ls -> %s status=0x%08lX\n", root ? "rootopen" : "ntopen", path, nt_result(status),
           (ULONG)status);
    if (h)
        CloseHandle(h);
    if (root)
        CloseHandle(root);
    return status ? 1 : 0;
}

static char *narrow(const WCHAR *w)
{
    static char buf[1024];

    WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, sizeof(buf), NULL, NULL);
    return buf;
}

int wmain(int argc, WCHAR **argv)
{
    char op[32];

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 3) {
        fprintf(stderr, "usage: chantool OP ARGS (see the source)\n");
        return 64;
    }
    lstrcpynA(op, narrow(argv[1]), sizeof(op));
    if (!strcmp(op, "serve") && argc > 4)
        return do_serve(argv[2], narrow(argv[3]), _wtoi(argv[4]));
    if (!strcmp(op, "call"))
        return do_call(argv[2]);
    if (!strcmp(op, "wait") && argc > 3)
        return do_wait(argv[2], _wtoi(argv[3]));
    if (!strcmp(op, "callpipe"))
        return do_callpipe(argv[2]);
    if (!strcmp(op, "mailserve") && argc > 3)
        return do_mailserve(argv[2], _wtoi(argv[3]));
    if (!strcmp(op, "mailsend") && argc > 3)
        return do_mailsend(argv[2], narrow(argv[3]));
    if (!strcmp(op, "portcreate") || !strcmp(op, "portconnect"))
        return do_port(op, argv[2]);
    if (!strcmp(op, "ntopen"))
        return do_ntopen(NULL, argv[2]);
    if (!strcmp(op, "rootopen") && argc > 3)
        return do_ntopen(argv[2], argv[3]);
    fprintf(stderr, "chantool: unknown operation\n");
    return 64;
}
