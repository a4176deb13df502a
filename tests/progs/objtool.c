/* objtool.exe: named kernel objects, as the Wine tests drive them inside and
 * outside VMs. Every result is one line on stdout:
 *   objtool: OP TYPE NAME -> RESULT status=0xXXXXXXXX
 * RESULT is created, exists (created but already there), opened, notfound,
 * denied, invalid, or error.
 *
 *   objtool create TYPE NAME [MS]     NtCreate<TYPE>, hold MS milliseconds
 *   objtool open TYPE NAME            NtOpen<TYPE>
 *   objtool wcreate TYPE NAME [MS]    the Win32 call (CreateMutexW...), hold MS
 *   objtool wopen TYPE NAME           the Win32 call (OpenMutexW...)
 *   objtool rcreate TYPE DIR NAME [MS] NtCreate<TYPE> with RootDirectory DIR
 *   objtool ropen TYPE DIR NAME       NtOpen<TYPE> with RootDirectory DIR
 *   objtool swrite NAME TEXT MS       a named section holding TEXT, kept MS
 *   objtool sread NAME                open the section and print its text
 *   objtool symlink LINK TARGET [MS]  NtCreateSymbolicLinkObject
 *   objtool list DIR                  NtQueryDirectoryObject: "entry NAME TYPE" lines
 *   objtool waitevent NAME MS         open event NAME, wait MS: signaled, timeout or notfound
 *   objtool setevent NAME             open event NAME and set it
 *   objtool single NAME               exit 3 if Global\NAME exists, else hold it 30 s
 *   objtool bad                       hostile arguments; must not crash
 * TYPE: mutex event semaphore timer section job iocp keyedevent directory symlink
 * NAME: an NT path (\BaseNamedObjects\X) for Nt calls, a Win32 name (Global\X)
 * for the w* calls. A NAME of "@N" is N characters of 'x' below \BaseNamedObjects. */
#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

typedef NTSTATUS(NTAPI *create2_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES);
typedef NTSTATUS(NTAPI *mutant_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, BOOLEAN);
typedef NTSTATUS(NTAPI *event_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, ULONG, BOOLEAN);
typedef NTSTATUS(NTAPI *semaphore_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, LONG, LONG);
typedef NTSTATUS(NTAPI *ulong_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, ULONG);
typedef NTSTATUS(NTAPI *section_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, PLARGE_INTEGER, ULONG, ULONG, HANDLE);
typedef NTSTATUS(NTAPI *symlink_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, PUNICODE_STRING);
typedef NTSTATUS(NTAPI *querydir_fn)(HANDLE, PVOID, ULONG, BOOLEAN, BOOLEAN, PULONG, PULONG);

static HMODULE ntdll;
static WCHAR long_name[40000];

static void *nt(const char *name)
{
    void *p = (void *)GetProcAddress(ntdll, name);

    if (!p) {
        printf("objtool: %s missing\n", name);
        exit(70);
    }
    return p;
}

static const char *result_of(NTSTATUS status, int create)
{
    switch ((ULONG)status) {
    case 0: return create ? "created" : "opened";
    case 0x40000000: return "exists"; /* STATUS_OBJECT_NAME_EXISTS */
    case 0xC0000034: return "notfound";
    case 0xC000003A: return "notfound"; /* path not found */
    case 0xC0000022: return "denied";
    case 0xC0000033: return "invalid";
    case 0xC000003B: return "invalid"; /* path syntax bad */
    case 0xC0000106: return "toolong";
    case 0xC0000005: return "fault";
    case 0xC0000024: return "wrongtype"; /* object type mismatch */
    default: return "error";
    }
}

static void report(const char *op, const char *type, const WCHAR *name, NTSTATUS status, int create)
{
    WCHAR shown[80];

    lstrcpynW(shown, name ? name : L"(null)", ARRAYSIZE(shown));
    printf("objtool: %s %s %ls -> %s status=0x%08lX\n", op, type, shown, result_of(status, create), (ULONG)status);
    fflush(stdout);
}

static const WCHAR *expand_name(const WCHAR *name)
{
    if (name[0] == L'@') {
        int n = _wtoi(name + 1), i;

        if (n < 0 || n > 39000)
            n = 39000;
        wcscpy(long_name, L"\\BaseNamedObjects\\");
        for (i = 0; i < n; i++)
            long_name[18 + i] = L'x';
        long_name[18 + n] = 0;
        return long_name;
    }
    return name;
}

static NTSTATUS nt_object(int create, const char *type, POBJECT_ATTRIBUTES oa, HANDLE *h)
{
    if (!strcmp(type, "mutex"))
        return create ? ((mutant_fn)nt("NtCreateMutant"))(h, MUTANT_ALL_ACCESS, oa, FALSE)
                      : ((create2_fn)nt("NtOpenMutant"))(h, MUTANT_ALL_ACCESS, oa);
    if (!strcmp(type, "event"))
        return create ? ((event_fn)nt("NtCreateEvent"))(h, EVENT_ALL_ACCESS, oa, 0, FALSE)
                      : ((create2_fn)nt("NtOpenEvent"))(h, EVENT_ALL_ACCESS, oa);
    if (!strcmp(type, "semaphore"))
        return create ? ((semaphore_fn)nt("NtCreateSemaphore"))(h, SEMAPHORE_ALL_ACCESS, oa, 1, 5)
                      : ((create2_fn)nt("NtOpenSemaphore"))(h, SEMAPHORE_ALL_ACCESS, oa);
    if (!strcmp(type, "timer"))
        return create ? ((ulong_fn)nt("NtCreateTimer"))(h, TIMER_ALL_ACCESS, oa, 0)
                      : ((create2_fn)nt("NtOpenTimer"))(h, TIMER_ALL_ACCESS, oa);
    if (!strcmp(type, "section")) {
        LARGE_INTEGER size;

        size.QuadPart = 4096;
        return create ? ((section_fn)nt("NtCreateSection"))(h, SECTION_ALL_ACCESS, oa, &size, PAGE_READWRITE,
                                                            SEC_COMMIT, NULL)
                      : ((create2_fn)nt("NtOpenSection"))(h, SECTION_ALL_ACCESS, oa);
    }
    if (!strcmp(type, "job"))
        return create ? ((create2_fn)nt("NtCreateJobObject"))(h, JOB_OBJECT_ALL_ACCESS, oa)
                      : ((create2_fn)nt("NtOpenJobObject"))(h, JOB_OBJECT_ALL_ACCESS, oa);
    if (!strcmp(type, "iocp"))
        return create ? ((ulong_fn)nt("NtCreateIoCompletion"))(h, 0x1f0003, oa, 0)
                      : ((create2_fn)nt("NtOpenIoCompletion"))(h, 0x1f0003, oa);
    if (!strcmp(type, "keyedevent"))
        return create ? ((ulong_fn)nt("NtCreateKeyedEvent"))(h, 0xf0003, oa, 0)
                      : ((create2_fn)nt("NtOpenKeyedEvent"))(h, 0xf0003, oa);
    if (!strcmp(type, "directory"))
        return create ? ((create2_fn)nt("NtCreateDirectoryObject"))(h, 0xf000f, oa)
                      : ((create2_fn)nt("NtOpenDirectoryObject"))(h, 0xf000f, oa);
    if (!strcmp(type, "symlink") && !create)
        return ((create2_fn)nt("NtOpenSymbolicLinkObject"))(h, 0xf0001, oa);
    printf("objtool: unknown type %s\n", type);
    exit(64);
}

static NTSTATUS open_directory(const WCHAR *path, HANDLE *dir)
{
    UNICODE_STRING us;
    OBJECT_ATTRIBUTES oa;

    RtlInitUnicodeString(&us, path);
    InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, NULL, NULL);
    return ((create2_fn)nt("NtOpenDirectoryObject"))(dir, 0xf000f, &oa);
}

static int do_nt(const char *op, int create, const char *type, const WCHAR *root, const WCHAR *name, int hold_ms)
{
    UNICODE_STRING us;
    OBJECT_ATTRIBUTES oa;
    HANDLE h = NULL, dir = NULL;
    NTSTATUS status;

    name = expand_name(name);
    if (root) {
        status = open_directory(root, &dir);
        if (status) {
            report(op, "rootdir", root, status, 0);
            return 1;
        }
    }
    RtlInitUnicodeString(&us, name);
    if (wcslen(name) * 2 > 0xfffe) {
        us.Length = us.MaximumLength = 0xfffe;
    }
    InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE | (create ? OBJ_OPENIF : 0), dir, NULL);
    status = nt_object(create, type, &oa, &h);
    report(op, type, name, status, create);
    if (h && hold_ms > 0)
        Sleep((DWORD)hold_ms);
    if (h)
        CloseHandle(h);
    if (dir)
        CloseHandle(dir);
    return NT_SUCCESS(status) ? 0 : 1;
}

static int do_win32(const char *op, int create, const char *type, const WCHAR *name, int hold_ms)
{
    HANDLE h = NULL;
    DWORD err;
    NTSTATUS status;

    SetLastError(0);
    if (!strcmp(type, "mutex"))
        h = create ? CreateMutexW(NULL, FALSE, name) : OpenMutexW(MUTEX_ALL_ACCESS, FALSE, name);
    else if (!strcmp(type, "event"))
        h = create ? CreateEventW(NULL, TRUE, FALSE, name) : OpenEventW(EVENT_ALL_ACCESS, FALSE, name);
    else if (!strcmp(type, "semaphore"))
        h = create ? CreateSemaphoreW(NULL, 1, 5, name) : OpenSemaphoreW(SEMAPHORE_ALL_ACCESS, FALSE, name);
    else if (!strcmp(type, "timer"))
        h = create ? CreateWaitableTimerW(NULL, TRUE, name) : OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, name);
    else if (!strcmp(type, "section"))
        h = create ? CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, name)
                   : OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, name);
    else if (!strcmp(type, "job"))
        h = create ? CreateJobObjectW(NULL, name) : OpenJobObjectW(JOB_OBJECT_ALL_ACCESS, FALSE, name);
    else {
        printf("objtool: no Win32 call for %s\n", type);
        return 64;
    }
    err = GetLastError();
    if (h)
        status = err == ERROR_ALREADY_EXISTS ? 0x40000000 : 0;
    else if (err == ERROR_FILE_NOT_FOUND)
        status = (NTSTATUS)0xC0000034;
    else if (err == ERROR_ACCESS_DENIED)
        status = (NTSTATUS)0xC0000022;
    else if (err == ERROR_INVALID_NAME || err == ERROR_BAD_PATHNAME)
        status = (NTSTATUS)0xC0000033;
    else if (err == ERROR_PATH_NOT_FOUND)
        status = (NTSTATUS)0xC000003A;
    else
        status = (NTSTATUS)(0xE0000000 | err);
    report(op, type, name, status, create);
    if (h && hold_ms > 0)
        Sleep((DWORD)hold_ms);
    if (h)
        CloseHandle(h);
    return h ? 0 : 1;
}

static int do_section_write(const WCHAR *name, const char *text, int hold_ms)
{
    HANDLE h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, name);
    char *view;

    if (!h) {
        printf("objtool: swrite section %ls -> error %lu\n", name, GetLastError());
        return 1;
    }
    view = MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 4096);
    if (!view)
        return 1;
    lstrcpynA(view, text, 4000);
    printf("objtool: swrite section %ls -> written\n", name);
    fflush(stdout);
    Sleep((DWORD)hold_ms);
    UnmapViewOfFile(view);
    CloseHandle(h);
    return 0;
}

static int do_section_read(const WCHAR *name)
{
    HANDLE h = OpenFileMappingW(FILE_MAP_READ, FALSE, name);
    const char *view;

    if (!h) {
        printf("objtool: sread section %ls -> notfound error=%lu\n", name, GetLastError());
        return 1;
    }
    view = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 4096);
    printf("objtool: sread section %ls -> text=%s\n", name, view ? view : "(unmapped)");
    if (view)
        UnmapViewOfFile(view);
    CloseHandle(h);
    return 0;
}

static int do_symlink(const WCHAR *link, const WCHAR *target, int hold_ms)
{
    UNICODE_STRING us, ts;
    OBJECT_ATTRIBUTES oa;
    HANDLE h = NULL;
    NTSTATUS status;

    RtlInitUnicodeString(&us, link);
    RtlInitUnicodeString(&ts, target);
    InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ((symlink_fn)nt("NtCreateSymbolicLinkObject"))(&h, 0xf0001, &oa, &ts);
    report("symlink", "symlink", link, status, 1);
    if (h && hold_ms > 0)
        Sleep((DWORD)hold_ms);
    if (h)
        CloseHandle(h);
    return NT_SUCCESS(status) ? 0 : 1;
}

static int do_list(const WCHAR *path)
{
    HANDLE dir;
    ULONG context = 0, returned;
    NTSTATUS status = open_directory(path, &dir);
    union {
        struct {
            UNICODE_STRING name, type;
        } entry;
        BYTE raw[4096];
    } buf;
    int first = 1, count = 0;

    if (status) {
        report("list", "directory", path, status, 0);
        return 1;
    }
    while (count < 10000) {
        status = ((querydir_fn)nt("NtQueryDirectoryObject"))(dir, &buf, sizeof(buf), TRUE, first, &context, &returned);
        first = 0;
        if (status)
            break;
        printf("entry %.*ls %.*ls\n", buf.entry.name.Length / 2, buf.entry.name.Buffer, buf.entry.type.Length / 2,
               buf.entry.type.Buffer);
        count++;
    }
    printf("objtool: list directory %ls -> %d entries status=0x%08lX\n", path, count, (ULONG)status);
    CloseHandle(dir);
    return 0;
}

/* The single-instance idiom: a Global\ mutex that already exists means
 * another copy runs. */
static int do_single(const WCHAR *name)
{
    WCHAR full[300];
    HANDLE h;

    _snwprintf(full, ARRAYSIZE(full), L"Global\\%ls", name);
    full[ARRAYSIZE(full) - 1] = 0;
    h = CreateMutexW(NULL, FALSE, full);
    if (h && GetLastError() == ERROR_ALREADY_EXISTS) {
        printf("objtool: single %ls -> already running\n", name);
        return 3;
    }
    printf("objtool: single %ls -> first instance\n", name);
    fflush(stdout);
    Sleep(30000);
    return 0;
}

/* Hostile arguments a hook must survive: a bad OBJECT_ATTRIBUTES pointer, a
 * bad name pointer, a name buffer that is NULL, an odd length, a length
 * beyond its maximum, a bad RootDirectory handle. */
static int do_bad(void)
{
    mutant_fn create_mutant = (mutant_fn)nt("NtCreateMutant");
    OBJECT_ATTRIBUTES oa;
    UNICODE_STRING us;
    HANDLE h;
    NTSTATUS status;

    status = create_mutant(&h, MUTANT_ALL_ACCESS, (POBJECT_ATTRIBUTES)(ULONG_PTR)0x10, FALSE);
    report("bad", "attributes-pointer", L"0x10", status, 1);
    InitializeObjectAttributes(&oa, (PUNICODE_STRING)(ULONG_PTR)0x20, 0, NULL, NULL);
    status = create_mutant(&h, MUTANT_ALL_ACCESS, &oa, FALSE);
    report("bad", "name-pointer", L"0x20", status, 1);
    us.Buffer = (PWSTR)(ULONG_PTR)0x30;
    us.Length = us.MaximumLength = 8;
    InitializeObjectAttributes(&oa, &us, 0, NULL, NULL);
    status = create_mutant(&h, MUTANT_ALL_ACCESS, &oa, FALSE);
    report("bad", "name-buffer", L"0x30", status, 1);
    us.Buffer = NULL;
    us.Length = us.MaximumLength = 8;
    status = create_mutant(&h, MUTANT_ALL_ACCESS, &oa, FALSE);
    report("bad", "null-buffer", L"NULL", status, 1);
    RtlInitUnicodeString(&us, L"\\BaseNamedObjects\\odd");
    us.Length = 7;
    status = create_mutant(&h, MUTANT_ALL_ACCESS, &oa, FALSE);
    report("bad", "odd-length", L"odd", status, 1);
    {
        /* Length beyond MaximumLength, but inside a real buffer. */
        static WCHAR over[] = L"\\BaseNamedObjects\\over";

        us.Buffer = over;
        us.Length = (USHORT)((wcslen(over)) * sizeof(WCHAR));
        us.MaximumLength = (USHORT)(us.Length - 4);
    }
    status = create_mutant(&h, MUTANT_ALL_ACCESS, &oa, FALSE);
    report("bad", "over-length", L"over", status, 1);
    RtlInitUnicodeString(&us, L"rel");
    InitializeObjectAttributes(&oa, &us, 0, (HANDLE)(ULONG_PTR)0x1234, NULL);
    status = create_mutant(&h, MUTANT_ALL_ACCESS, &oa, FALSE);
    report("bad", "root-handle", L"0x1234", status, 1);
    RtlInitUnicodeString(&us, L"\\BaseNamedObjects\\\\double");
    InitializeObjectAttributes(&oa, &us, 0, NULL, NULL);
    status = create_mutant(&h, MUTANT_ALL_ACCESS, &oa, FALSE);
    report("bad", "double-separator", L"double", status, 1);
    printf("objtool: bad -> survived\n");
    return 0;
}

static int do_wait_event(const WCHAR *name, int ms)
{
    HANDLE h = OpenEventW(SYNCHRONIZE, FALSE, name);
    DWORD wait;

    if (!h) {
        printf("objtool: waitevent event %ls -> notfound error=%lu\n", name, GetLastError());
        return 1;
    }
    printf("objtool: waitevent event %ls -> waiting\n", name);
    fflush(stdout);
    wait = WaitForSingleObject(h, (DWORD)ms);
    printf("objtool: waitevent event %ls -> %s\n", name, wait == WAIT_OBJECT_0 ? "signaled" : "timeout");
    CloseHandle(h);
    return wait == WAIT_OBJECT_0 ? 0 : 1;
}

static int do_set_event(const WCHAR *name)
{
    HANDLE h = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);

    if (!h) {
        printf("objtool: setevent event %ls -> notfound error=%lu\n", name, GetLastError());
        return 1;
    }
    SetEvent(h);
    printf("objtool: setevent event %ls -> set\n", name);
    CloseHandle(h);
    return 0;
}

static char *narrow(const WCHAR *w)
{
    static char buf[4096];

    WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, sizeof(buf), NULL, NULL);
    return buf;
}

int wmain(int argc, WCHAR **argv)
{
    char op[32], type[32] = "";

    ntdll = GetModuleHandleW(L"ntdll.dll");
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: objtool OP ... (see the source)\n");
        return 64;
    }
    lstrcpynA(op, narrow(argv[1]), sizeof(op));
    if (argc > 2)
        lstrcpynA(type, narrow(argv[2]), sizeof(type));
    if (!strcmp(op, "create") && argc > 3)
        return do_nt(op, 1, type, NULL, argv[3], argc > 4 ? _wtoi(argv[4]) : 0);
    if (!strcmp(op, "open") && argc > 3)
        return do_nt(op, 0, type, NULL, argv[3], 0);
    if (!strcmp(op, "rcreate") && argc > 4)
        return do_nt(op, 1, type, argv[3], argv[4], argc > 5 ? _wtoi(argv[5]) : 0);
    if (!strcmp(op, "ropen") && argc > 4)
        return do_nt(op, 0, type, argv[3], argv[4], 0);
    if (!strcmp(op, "wcreate") && argc > 3)
        return do_win32(op, 1, type, argv[3], argc > 4 ? _wtoi(argv[4]) : 0);
    if (!strcmp(op, "wopen") && argc > 3)
        return do_win32(op, 0, type, argv[3], 0);
    if (!strcmp(op, "swrite") && argc > 4)
        return do_section_write(argv[2], narrow(argv[3]), argc > 4 ? _wtoi(argv[4]) : 0);
    if (!strcmp(op, "sread") && argc > 2)
        return do_section_read(argv[2]);
    if (!strcmp(op, "symlink") && argc > 3)
        return do_symlink(argv[2], argv[3], argc > 4 ? _wtoi(argv[4]) : 0);
    if (!strcmp(op, "list") && argc > 2)
        return do_list(argv[2]);
    if (!strcmp(op, "waitevent") && argc > 3)
        return do_wait_event(argv[2], _wtoi(argv[3]));
    if (!strcmp(op, "setevent") && argc > 2)
        return do_set_event(argv[2]);
    if (!strcmp(op, "single") && argc > 2)
        return do_single(argv[2]);
    if (!strcmp(op, "bad"))
        return do_bad();
    fprintf(stderr, "objtool: unknown operation\n");
    return 64;
}
