/* bench_objects.exe N: the cost of the system calls plume intercepts.
 *
 * In one process, for each operation below: N/10 untimed calls (warm-up),
 * then N calls timed with QueryPerformanceCounter in BENCH_BATCHES batches
 * of N/BENCH_BATCHES calls. Prints one line per operation,
 *
 *     op NAME median_ns=M mean_ns=A min_ns=L max_ns=H n=C
 *
 * in nanoseconds per call: M, L and H over the batches (each batch's time
 * divided by its calls), A over all C timed calls. Operations:
 *
 *   create_mutex_named    CreateMutexW(L"Local\\bench_m_<i>") + CloseHandle
 *   open_mutex            OpenMutexW on one existing named mutex + CloseHandle
 *   create_event_named    CreateEventW(L"Local\\bench_e_<i>") + CloseHandle
 *   open_event            OpenEventW on one existing named event + CloseHandle
 *   create_section_named  CreateFileMappingW(pagefile, 4096 bytes,
 *                         L"Local\\bench_s_<i>") + CloseHandle
 *   open_section          OpenFileMappingW on one existing section + CloseHandle
 *   create_mutex_unnamed  CreateMutexW(NULL, FALSE, NULL) + CloseHandle
 *   not_intercepted       NtQueryInformationProcess(ProcessBasicInformation)
 *
 * Names are unique (<i> counts across the warm-up and the timed calls) and
 * each object is closed at once, so every named create creates; a create
 * that finds its object already there is an error. The names are built
 * before the timing starts, so that only the calls are measured.
 *
 * On the host these are plain calls; inside a VM (plume run VM --
 * bench_objects.exe N) every NtCreate/NtOpen of a mutex, event or section
 * goes through plume64.dll's hook (the name copied, resolved and renamed
 * into the VM, then the reached object's name queried and checked), an
 * unnamed create takes the hook's fast path, and NtQueryInformationProcess
 * is not hooked at all. CloseHandle (NtClose) is not hooked either.
 *
 * Exit status: 0; 2 on bad usage; 3 if a call failed (the figures would not
 * describe what they claim). */
#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define BENCH_BATCHES 21
#define BENCH_MIN_N BENCH_BATCHES
#define BENCH_MAX_N 1000000
#define BENCH_NAME_MAX 40

typedef NTSTATUS(NTAPI *query_process_fn)(HANDLE, PROCESSINFOCLASS, PVOID, ULONG, PULONG);

enum bench_op {
    OP_CREATE_MUTEX_NAMED,
    OP_OPEN_MUTEX,
    OP_CREATE_EVENT_NAMED,
    OP_OPEN_EVENT,
    OP_CREATE_SECTION_NAMED,
    OP_OPEN_SECTION,
    OP_CREATE_MUTEX_UNNAMED,
    OP_NOT_INTERCEPTED,
    OP_COUNT
};

static const char *const bench_op_names[OP_COUNT] = {
    "create_mutex_named", "open_mutex",   "create_event_named",   "open_event",
    "create_section_named", "open_section", "create_mutex_unnamed", "not_intercepted",
};

/* The existing objects the open_* operations reach. */
static const WCHAR bench_open_mutex_name[] = L"Local\\bench_m_open";
static const WCHAR bench_open_event_name[] = L"Local\\bench_e_open";
static const WCHAR bench_open_section_name[] = L"Local\\bench_s_open";

static query_process_fn bench_query_process;
static WCHAR (*bench_names)[BENCH_NAME_MAX]; /* the unique names of one create_* operation */

static int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static BOOL bench_fail(enum bench_op op, const char *what)
{
    fprintf(stderr, "bench_objects: %s: %s failed: error %lu\n", bench_op_names[op], what, GetLastError());
    return FALSE;
}

/* Closes a handle a create_* call returned, after checking that the call
 * created the object rather than finding it. */
static BOOL bench_close_created(enum bench_op op, HANDLE h, const char *what)
{
    if (!h)
        return bench_fail(op, what);
    if (GetLastError() == ERROR_ALREADY_EXISTS) {
        fprintf(stderr, "bench_objects: %s: %s found an existing object; the names are not unique\n",
                bench_op_names[op], what);
        CloseHandle(h);
        return FALSE;
    }
    return CloseHandle(h) ? TRUE : bench_fail(op, "CloseHandle");
}

static BOOL bench_close_opened(enum bench_op op, HANDLE h, const char *what)
{
    if (!h)
        return bench_fail(op, what);
    return CloseHandle(h) ? TRUE : bench_fail(op, "CloseHandle");
}

/* Calls OP COUNT times; names FIRST... for the named creates. */
static BOOL bench_run(enum bench_op op, long first, long count)
{
    PROCESS_BASIC_INFORMATION info;
    long i, end = first + count;
    ULONG returned;
    NTSTATUS status;
    HANDLE h;

    switch (op) {
    case OP_CREATE_MUTEX_NAMED:
        for (i = first; i < end; i++) {
            SetLastError(0);
            h = CreateMutexW(NULL, FALSE, bench_names[i]);
            if (!bench_close_created(op, h, "CreateMutexW"))
                return FALSE;
        }
        return TRUE;
    case OP_OPEN_MUTEX:
        for (i = first; i < end; i++) {
            h = OpenMutexW(SYNCHRONIZE, FALSE, bench_open_mutex_name);
            if (!bench_close_opened(op, h, "OpenMutexW"))
                return FALSE;
        }
        return TRUE;
    case OP_CREATE_EVENT_NAMED:
        for (i = first; i < end; i++) {
            SetLastError(0);
            h = CreateEventW(NULL, TRUE, FALSE, bench_names[i]);
            if (!bench_close_created(op, h, "CreateEventW"))
                return FALSE;
        }
        return TRUE;
    case OP_OPEN_EVENT:
        for (i = first; i < end; i++) {
            h = OpenEventW(SYNCHRONIZE, FALSE, bench_open_event_name);
            if (!bench_close_opened(op, h, "OpenEventW"))
                return FALSE;
        }
        return TRUE;
    case OP_CREATE_SECTION_NAMED:
        for (i = first; i < end; i++) {
            SetLastError(0);
            h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, bench_names[i]);
            if (!bench_close_created(op, h, "CreateFileMappingW"))
                return FALSE;
        }
        return TRUE;
    case OP_OPEN_SECTION:
        for (i = first; i < end; i++) {
            h = OpenFileMappingW(FILE_MAP_READ, FALSE, bench_open_section_name);
            if (!bench_close_opened(op, h, "OpenFileMappingW"))
                return FALSE;
        }
        return TRUE;
    case OP_CREATE_MUTEX_UNNAMED:
        for (i = first; i < end; i++) {
            h = CreateMutexW(NULL, FALSE, NULL);
            if (!bench_close_opened(op, h, "CreateMutexW"))
                return FALSE;
        }
        return TRUE;
    case OP_NOT_INTERCEPTED:
        for (i = first; i < end; i++) {
            status = bench_query_process(GetCurrentProcess(), ProcessBasicInformation, &info, sizeof(info), &returned);
            if (!NT_SUCCESS(status)) {
                fprintf(stderr, "bench_objects: %s: NtQueryInformationProcess failed: status 0x%08lX\n",
                        bench_op_names[op], (unsigned long)status);
                return FALSE;
            }
        }
        return TRUE;
    default:
        return FALSE;
    }
}

/* The unique names of a create_* operation, for its warm-up and timed calls. */
static void bench_make_names(enum bench_op op, long total)
{
    const WCHAR *stem = op == OP_CREATE_MUTEX_NAMED ? L"bench_m" : op == OP_CREATE_EVENT_NAMED ? L"bench_e" : L"bench_s";
    long i;

    for (i = 0; i < total; i++)
        _snwprintf(bench_names[i], BENCH_NAME_MAX, L"Local\\%ls_%ld", stem, i);
}

/* Warm-up, then the timed batches; prints the op line. */
static BOOL bench_op(enum bench_op op, long n, LARGE_INTEGER freq)
{
    double batch_ns[BENCH_BATCHES], sorted[BENCH_BATCHES], total_ns = 0;
    long warmup = n / 10, per_batch = n / BENCH_BATCHES, next;
    LARGE_INTEGER t0, t1;
    int b;

    if (op == OP_CREATE_MUTEX_NAMED || op == OP_CREATE_EVENT_NAMED || op == OP_CREATE_SECTION_NAMED)
        bench_make_names(op, warmup + per_batch * BENCH_BATCHES);
    if (!bench_run(op, 0, warmup))
        return FALSE;
    next = warmup;
    for (b = 0; b < BENCH_BATCHES; b++) {
        QueryPerformanceCounter(&t0);
        if (!bench_run(op, next, per_batch))
            return FALSE;
        QueryPerformanceCounter(&t1);
        next += per_batch;
        batch_ns[b] = (double)(t1.QuadPart - t0.QuadPart) * 1e9 / (double)freq.QuadPart;
        total_ns += batch_ns[b];
        sorted[b] = batch_ns[b] / (double)per_batch;
    }
    qsort(sorted, BENCH_BATCHES, sizeof(*sorted), bench_cmp);
    printf("op %s median_ns=%.0f mean_ns=%.0f min_ns=%.0f max_ns=%.0f n=%ld\n", bench_op_names[op],
           sorted[BENCH_BATCHES / 2], total_ns / (double)(per_batch * BENCH_BATCHES), sorted[0],
           sorted[BENCH_BATCHES - 1], per_batch * BENCH_BATCHES);
    fflush(stdout);
    return TRUE;
}

int wmain(int argc, WCHAR **argv)
{
    HANDLE open_mutex, open_event, open_section;
    LARGE_INTEGER freq;
    long n;
    int op;

    if (argc != 2 || (n = wcstol(argv[1], NULL, 10)) < BENCH_MIN_N || n > BENCH_MAX_N) {
        fprintf(stderr, "usage: bench_objects N   (%d <= N <= %d)\n", BENCH_MIN_N, BENCH_MAX_N);
        return 2;
    }
    bench_query_process =
        (query_process_fn)(void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryInformationProcess");
    bench_names = malloc(sizeof(*bench_names) * (size_t)(n / 10 + n));
    if (!bench_query_process || !bench_names || !QueryPerformanceFrequency(&freq)) {
        fprintf(stderr, "bench_objects: no NtQueryInformationProcess, no memory or no performance counter\n");
        return 3;
    }

    /* The objects the open_* operations reach, held for the whole run. */
    open_mutex = CreateMutexW(NULL, FALSE, bench_open_mutex_name);
    open_event = CreateEventW(NULL, TRUE, FALSE, bench_open_event_name);
    open_section = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, bench_open_section_name);
    if (!open_mutex || !open_event || !open_section) {
        fprintf(stderr, "bench_objects: cannot create the objects to open: error %lu\n", GetLastError());
        return 3;
    }

    for (op = 0; op < OP_COUNT; op++) {
        if (!bench_op((enum bench_op)op, n, freq))
            return 3;
    }
    CloseHandle(open_section);
    CloseHandle(open_event);
    CloseHandle(open_mutex);
    free(bench_names);
    return 0;
}
