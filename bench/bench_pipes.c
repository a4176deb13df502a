/* bench_pipes.exe N: the cost of named pipes, and of opening a file, in a VM.
 *
 * One process. A server thread owns BENCH_INSTANCES instances of the
 * message-mode pipe \\.\pipe\bench_<pid> (overlapped handles, so that every
 * instance it is not serving keeps listening) and loops: wait for a client
 * on any instance (ConnectNamedPipe), then ReadFile of up to 4096 bytes /
 * WriteFile of them back until the client closes, DisconnectNamedPipe, and
 * ConnectNamedPipe again on that instance. The main thread then times, like
 * bench_objects.exe (N/10 untimed calls, then N calls in BENCH_BATCHES
 * batches), one line per operation,
 *
 *     op NAME median_ns=M mean_ns=A min_ns=L max_ns=H n=C [busy=B]
 *
 * in nanoseconds per call: M, L and H over the batches (each batch's time
 * divided by its calls), A over all C timed calls. Operations:
 *
 *   pipe_connect     CreateFileW(\\.\pipe\bench_<pid>, read/write) +
 *                    CloseHandle; the server reconnects after each. Each
 *                    connect is timed alone: before it, the client waits
 *                    (untimed) until the server has dealt with the previous
 *                    connection, since the server does more calls per
 *                    connection (wait, read, disconnect, listen) than the
 *                    client and a loop of back-to-back connects would time
 *                    the server's throughput. Should every instance still be
 *                    busy all the same (ERROR_PIPE_BUSY), the client waits
 *                    with WaitNamedPipeW and tries again, within the timed
 *                    span; B counts those waits.
 *   pipe_round_trip  on one connection (message read mode): WriteFile of
 *                    4096 bytes + ReadFile of the 4096 bytes echoed back
 *   file_open        CreateFileW(OPEN_EXISTING, read) of a small regular file
 *                    in %TEMP% (made at the start, deleted at the end) +
 *                    CloseHandle
 *   not_intercepted  NtQueryInformationProcess(ProcessBasicInformation)
 *
 * Both ends are in this process, so run inside a VM (plume run VM --
 * bench_pipes.exe N) both are in the VM: plume64.dll's NtCreateNamedPipeFile
 * hook renames the server's pipe into the VM and its NtCreateFile hook does
 * the same for the client's open (name copied, decided, renamed, then the
 * reached pipe's name queried and checked). The data of a round trip moves
 * on the open handle: NtWriteFile and NtReadFile are not hooked. A plain
 * file open goes through the same NtCreateFile hook, which only copies the
 * name of a path that is no pipe or mailslot before passing it on: what
 * every file open in a VM pays. NtQueryInformationProcess and CloseHandle
 * (NtClose) are not hooked.
 *
 * Exit status: 0; 2 on bad usage; 3 if a call failed or the echo came back
 * wrong (the figures would not describe what they claim). */
#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define BENCH_BATCHES 21
#define BENCH_MIN_N BENCH_BATCHES
#define BENCH_MAX_N 1000000
#define BENCH_INSTANCES 8
#define BENCH_MESSAGE 4096
#define BENCH_BUSY_TRIES 50
#define BENCH_WAIT_MS 2000

typedef NTSTATUS(NTAPI *query_process_fn)(HANDLE, PROCESSINFOCLASS, PVOID, ULONG, PULONG);

enum bench_op { OP_PIPE_CONNECT, OP_PIPE_ROUND_TRIP, OP_FILE_OPEN, OP_NOT_INTERCEPTED, OP_COUNT };

static const char *const bench_op_names[OP_COUNT] = {
    "pipe_connect",
    "pipe_round_trip",
    "file_open",
    "not_intercepted",
};

static query_process_fn bench_query_process;
static WCHAR bench_pipe_name[64];
static WCHAR bench_file_name[MAX_PATH + 64];
static HANDLE bench_rt_pipe; /* the client end of the round trips */
static unsigned char bench_out[BENCH_MESSAGE], bench_in[BENCH_MESSAGE];
static long bench_busy;      /* ERROR_PIPE_BUSY waits during the current op */

/* The server's instances, each with its pending ConnectNamedPipe. */
static HANDLE srv_pipe[BENCH_INSTANCES];
static HANDLE srv_event[BENCH_INSTANCES];
static OVERLAPPED srv_ov[BENCH_INSTANCES];
static HANDLE srv_io_event;
static HANDLE srv_ready; /* auto-reset: set each time the server is idle again */
static unsigned char srv_buf[BENCH_MESSAGE];

static int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static BOOL bench_fail(enum bench_op op, const char *what)
{
    fprintf(stderr, "bench_pipes: %s: %s failed: error %lu\n", bench_op_names[op], what, GetLastError());
    return FALSE;
}

/* A server failure ends the process: the client would wait for it forever. */
static void srv_die(const char *what, DWORD error)
{
    fprintf(stderr, "bench_pipes: server: %s failed: error %lu\n", what, error);
    fflush(stderr);
    DeleteFileW(bench_file_name);
    ExitProcess(3);
}

/* Starts listening on instance I; a client that came first sets its event. */
static void srv_listen(int i)
{
    DWORD error;

    memset(&srv_ov[i], 0, sizeof(srv_ov[i]));
    srv_ov[i].hEvent = srv_event[i];
    ResetEvent(srv_event[i]);
    if (ConnectNamedPipe(srv_pipe[i], &srv_ov[i])) {
        SetEvent(srv_event[i]);
        return;
    }
    error = GetLastError();
    if (error == ERROR_PIPE_CONNECTED || error == ERROR_NO_DATA) /* connected, maybe closed already */
        SetEvent(srv_event[i]);
    else if (error != ERROR_IO_PENDING)
        srv_die("ConnectNamedPipe", error);
}

/* One overlapped read or write on instance I, waited for; FALSE when the
 * client has gone. */
static BOOL srv_io(int i, BOOL write, DWORD length, DWORD *done)
{
    OVERLAPPED ov;
    BOOL ok;

    memset(&ov, 0, sizeof(ov));
    ov.hEvent = srv_io_event;
    ok = write ? WriteFile(srv_pipe[i], srv_buf, length, NULL, &ov)
               : ReadFile(srv_pipe[i], srv_buf, sizeof(srv_buf), NULL, &ov);
    if (!ok && GetLastError() != ERROR_IO_PENDING)
        return FALSE;
    return GetOverlappedResult(srv_pipe[i], &ov, done, TRUE);
}

static DWORD WINAPI srv_thread(void *unused)
{
    DWORD got, put, error;
    int i;

    for (i = 0; i < BENCH_INSTANCES; i++)
        srv_listen(i);
    for (;;) {
        DWORD w = WaitForMultipleObjects(BENCH_INSTANCES, srv_event, FALSE, INFINITE);

        if (w >= WAIT_OBJECT_0 + BENCH_INSTANCES)
            srv_die("WaitForMultipleObjects", GetLastError());
        i = (int)(w - WAIT_OBJECT_0);
        /* Echo each message until the client closes its end. */
        while (srv_io(i, FALSE, 0, &got)) {
            if (!srv_io(i, TRUE, got, &put) || put != got)
                break;
        }
        if (!DisconnectNamedPipe(srv_pipe[i])) {
            error = GetLastError();
            srv_die("DisconnectNamedPipe", error);
        }
        srv_listen(i);
        SetEvent(srv_ready);
    }
    return 0;
}

/* The instances are made before the server thread starts, so that the
 * first connect finds them; the first claims the name. */
static BOOL srv_create(void)
{
    int i;

    for (i = 0; i < BENCH_INSTANCES; i++) {
        srv_pipe[i] = CreateNamedPipeW(bench_pipe_name,
                                       PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED |
                                           (i == 0 ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0),
                                       PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                                       PIPE_UNLIMITED_INSTANCES, BENCH_MESSAGE, BENCH_MESSAGE, 0, NULL);
        if (srv_pipe[i] == INVALID_HANDLE_VALUE) {
            fprintf(stderr, "bench_pipes: CreateNamedPipeW(%ls) #%d failed: error %lu\n", bench_pipe_name, i,
                    GetLastError());
            return FALSE;
        }
        srv_event[i] = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (!srv_event[i])
            return FALSE;
    }
    srv_io_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    srv_ready = CreateEventW(NULL, FALSE, TRUE, NULL);
    return srv_io_event && srv_ready;
}

/* A client connection; on ERROR_PIPE_BUSY waits for a free instance. */
static HANDLE bench_connect(enum bench_op op)
{
    HANDLE h;
    int tries;

    for (tries = 0; tries < BENCH_BUSY_TRIES; tries++) {
        h = CreateFileW(bench_pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (h != INVALID_HANDLE_VALUE)
            return h;
        if (GetLastError() != ERROR_PIPE_BUSY) {
            bench_fail(op, "CreateFileW on the pipe");
            return INVALID_HANDLE_VALUE;
        }
        bench_busy++;
        if (!WaitNamedPipeW(bench_pipe_name, BENCH_WAIT_MS) && GetLastError() != ERROR_SEM_TIMEOUT) {
            bench_fail(op, "WaitNamedPipeW");
            return INVALID_HANDLE_VALUE;
        }
    }
    fprintf(stderr, "bench_pipes: %s: every instance stayed busy %d times in a row\n", bench_op_names[op],
            BENCH_BUSY_TRIES);
    return INVALID_HANDLE_VALUE;
}

static BOOL bench_round_trip(long seq)
{
    DWORD put = 0, got = 0;

    memcpy(bench_out, &seq, sizeof(seq));
    if (!WriteFile(bench_rt_pipe, bench_out, sizeof(bench_out), &put, NULL) || put != sizeof(bench_out))
        return bench_fail(OP_PIPE_ROUND_TRIP, "WriteFile");
    if (!ReadFile(bench_rt_pipe, bench_in, sizeof(bench_in), &got, NULL))
        return bench_fail(OP_PIPE_ROUND_TRIP, "ReadFile");
    if (got != sizeof(bench_in) || memcmp(bench_in, bench_out, sizeof(bench_in)) != 0) {
        fprintf(stderr, "bench_pipes: pipe_round_trip: the echo of message %ld came back wrong (%lu bytes)\n", seq,
                got);
        return FALSE;
    }
    return TRUE;
}

/* COUNT connects, each timed alone into *TICKS: before each, the client
 * waits (untimed) until the server has dealt with the previous connection
 * and listens again, so that what is timed is the connect itself and not
 * the server's throughput. */
static BOOL bench_connects(long count, LONGLONG *ticks)
{
    LARGE_INTEGER t0, t1;
    long i;
    HANDLE h;

    for (i = 0; i < count; i++) {
        if (WaitForSingleObject(srv_ready, BENCH_WAIT_MS * 5) != WAIT_OBJECT_0) {
            fprintf(stderr, "bench_pipes: pipe_connect: the server did not get ready again within %d ms\n",
                    BENCH_WAIT_MS * 5);
            return FALSE;
        }
        QueryPerformanceCounter(&t0);
        h = bench_connect(OP_PIPE_CONNECT);
        if (h == INVALID_HANDLE_VALUE)
            return FALSE;
        if (!CloseHandle(h))
            return bench_fail(OP_PIPE_CONNECT, "CloseHandle");
        QueryPerformanceCounter(&t1);
        *ticks += t1.QuadPart - t0.QuadPart;
    }
    return TRUE;
}

/* Calls OP COUNT times, timed into *TICKS; FIRST numbers the round trips'
 * messages. */
static BOOL bench_run(enum bench_op op, long first, long count, LONGLONG *ticks)
{
    PROCESS_BASIC_INFORMATION info;
    long i, end = first + count;
    LARGE_INTEGER t0, t1;
    ULONG returned;
    NTSTATUS status;
    HANDLE h;

    if (op == OP_PIPE_CONNECT)
        return bench_connects(count, ticks);
    QueryPerformanceCounter(&t0);
    switch (op) {
    case OP_PIPE_ROUND_TRIP:
        for (i = first; i < end; i++) {
            if (!bench_round_trip(i))
                return FALSE;
        }
        break;
    case OP_FILE_OPEN:
        for (i = first; i < end; i++) {
            h = CreateFileW(bench_file_name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                            NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
            if (h == INVALID_HANDLE_VALUE)
                return bench_fail(op, "CreateFileW");
            if (!CloseHandle(h))
                return bench_fail(op, "CloseHandle");
        }
        break;
    case OP_NOT_INTERCEPTED:
        for (i = first; i < end; i++) {
            status = bench_query_process(GetCurrentProcess(), ProcessBasicInformation, &info, sizeof(info), &returned);
            if (!NT_SUCCESS(status)) {
                fprintf(stderr, "bench_pipes: %s: NtQueryInformationProcess failed: status 0x%08lX\n",
                        bench_op_names[op], (unsigned long)status);
                return FALSE;
            }
        }
        break;
    default:
        return FALSE;
    }
    QueryPerformanceCounter(&t1);
    *ticks += t1.QuadPart - t0.QuadPart;
    return TRUE;
}

/* Warm-up, then the timed batches; prints the op line. */
static BOOL bench_op(enum bench_op op, long n, LARGE_INTEGER freq)
{
    double batch_ns[BENCH_BATCHES], sorted[BENCH_BATCHES], total_ns = 0;
    long warmup = n / 10, per_batch = n / BENCH_BATCHES, next;
    LONGLONG ticks = 0;
    int b;

    if (!bench_run(op, 0, warmup, &ticks))
        return FALSE;
    bench_busy = 0;
    next = warmup;
    for (b = 0; b < BENCH_BATCHES; b++) {
        ticks = 0;
        if (!bench_run(op, next, per_batch, &ticks))
            return FALSE;
        next += per_batch;
        batch_ns[b] = (double)ticks * 1e9 / (double)freq.QuadPart;
        total_ns += batch_ns[b];
        sorted[b] = batch_ns[b] / (double)per_batch;
    }
    qsort(sorted, BENCH_BATCHES, sizeof(*sorted), bench_cmp);
    printf("op %s median_ns=%.0f mean_ns=%.0f min_ns=%.0f max_ns=%.0f n=%ld", bench_op_names[op],
           sorted[BENCH_BATCHES / 2], total_ns / (double)(per_batch * BENCH_BATCHES), sorted[0],
           sorted[BENCH_BATCHES - 1], per_batch * BENCH_BATCHES);
    if (op == OP_PIPE_CONNECT)
        printf(" busy=%ld", bench_busy);
    printf("\n");
    fflush(stdout);
    return TRUE;
}

/* The regular file of file_open, in %TEMP%. */
static BOOL bench_make_file(void)
{
    WCHAR dir[MAX_PATH + 1];
    DWORD len = GetTempPathW(ARRAYSIZE(dir), dir), put;
    HANDLE h;

    if (!len || len >= ARRAYSIZE(dir)) {
        fprintf(stderr, "bench_pipes: GetTempPathW failed: error %lu\n", GetLastError());
        return FALSE;
    }
    _snwprintf(bench_file_name, ARRAYSIZE(bench_file_name), L"%lsbench_pipes_%lu.tmp", dir,
               GetCurrentProcessId());
    bench_file_name[ARRAYSIZE(bench_file_name) - 1] = 0;
    h = CreateFileW(bench_file_name, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "bench_pipes: cannot create %ls: error %lu\n", bench_file_name, GetLastError());
        bench_file_name[0] = 0; /* not ours: not to be deleted */
        return FALSE;
    }
    if (!WriteFile(h, "plume\n", 6, &put, NULL) || put != 6) {
        fprintf(stderr, "bench_pipes: cannot write %ls: error %lu\n", bench_file_name, GetLastError());
        CloseHandle(h);
        return FALSE;
    }
    return CloseHandle(h);
}

static int bench_main(long n)
{
    LARGE_INTEGER freq;
    DWORD mode = PIPE_READMODE_MESSAGE;
    HANDLE server;
    int op;

    bench_query_process =
        (query_process_fn)(void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryInformationProcess");
    if (!bench_query_process || !QueryPerformanceFrequency(&freq)) {
        fprintf(stderr, "bench_pipes: no NtQueryInformationProcess or no performance counter\n");
        return 3;
    }
    if (!bench_make_file())
        return 3;
    _snwprintf(bench_pipe_name, ARRAYSIZE(bench_pipe_name), L"\\\\.\\pipe\\bench_%lu", GetCurrentProcessId());
    if (!srv_create())
        return 3;
    server = CreateThread(NULL, 0, srv_thread, NULL, 0, NULL);
    if (!server) {
        fprintf(stderr, "bench_pipes: CreateThread failed: error %lu\n", GetLastError());
        return 3;
    }
    CloseHandle(server);

    if (!bench_op(OP_PIPE_CONNECT, n, freq))
        return 3;
    bench_rt_pipe = bench_connect(OP_PIPE_ROUND_TRIP);
    if (bench_rt_pipe == INVALID_HANDLE_VALUE)
        return 3;
    if (!SetNamedPipeHandleState(bench_rt_pipe, &mode, NULL, NULL)) {
        bench_fail(OP_PIPE_ROUND_TRIP, "SetNamedPipeHandleState");
        return 3;
    }
    if (!bench_op(OP_PIPE_ROUND_TRIP, n, freq))
        return 3;
    CloseHandle(bench_rt_pipe);
    for (op = OP_FILE_OPEN; op < OP_COUNT; op++) {
        if (!bench_op((enum bench_op)op, n, freq))
            return 3;
    }
    return 0;
}

int wmain(int argc, WCHAR **argv)
{
    long n;
    int status;

    if (argc != 2 || (n = wcstol(argv[1], NULL, 10)) < BENCH_MIN_N || n > BENCH_MAX_N) {
        fprintf(stderr, "usage: bench_pipes N   (%d <= N <= %d)\n", BENCH_MIN_N, BENCH_MAX_N);
        return 2;
    }
    status = bench_main(n);
    if (bench_file_name[0] && !DeleteFileW(bench_file_name) && status == 0) {
        fprintf(stderr, "bench_pipes: cannot delete %ls: error %lu\n", bench_file_name, GetLastError());
        status = 3;
    }
    fflush(stdout);
    /* ExitProcess, not return: the server thread is still waiting. */
    ExitProcess((UINT)status);
}
