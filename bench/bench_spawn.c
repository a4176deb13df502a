/* bench_spawn.exe N PROGRAM [ARGS...]: the cost of starting a process.
 *
 * Starts PROGRAM ARGS N times, one after another: CreateProcessW, wait for
 * its end, read its exit status. Prints one line
 *
 *     spawn_us median=M mean=A min=L max=H n=N
 *
 * in microseconds per spawn (QueryPerformanceCounter), measured from before
 * CreateProcessW to after GetExitCodeProcess. Two untimed spawns come first,
 * so that the figures describe warm starts.
 *
 * On the host its children are plain processes; run inside a VM (plume run
 * VM -- bench_spawn.exe ...) each child goes through plume64.dll's
 * NtCreateUserProcess hook: injection of plume64.dll and the VM's job.
 *
 * Exit status: 0; 2 on bad usage; 3 if a spawn failed or a child exited
 * with a status other than 0 (the figures would not describe what they
 * claim). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define BENCH_WARMUP 2
#define BENCH_MAX_N 100000
#define BENCH_CMDLINE_MAX 32768

static int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Appends one argument, quoted the way CommandLineToArgvW reads it back. */
static BOOL bench_append_arg(WCHAR *out, size_t cap, size_t *len, const WCHAR *arg)
{
    BOOL quote = !arg[0] || wcspbrk(arg, L" \t\"") != NULL;
    const WCHAR *p;

#define PUT(c)                     \
    do {                           \
        if (*len + 1 >= cap)       \
            return FALSE;          \
        out[(*len)++] = (c);       \
    } while (0)
    if (*len)
        PUT(L' ');
    if (!quote) {
        for (p = arg; *p; p++)
            PUT(*p);
    } else {
        PUT(L'"');
        for (p = arg;; p++) {
            size_t slashes = 0, i;

            while (*p == L'\\') {
                slashes++;
                p++;
            }
            if (!*p) {
                for (i = 0; i < slashes * 2; i++)
                    PUT(L'\\');
                break;
            }
            if (*p == L'"') {
                for (i = 0; i < slashes * 2 + 1; i++)
                    PUT(L'\\');
            } else {
                for (i = 0; i < slashes; i++)
                    PUT(L'\\');
            }
            PUT(*p);
        }
        PUT(L'"');
    }
    out[*len] = 0;
    return TRUE;
#undef PUT
}

/* One spawn: returns its duration in microseconds, or a negative value on
 * failure (after reporting it). CreateProcessW may write to its command
 * line, hence the copy each time. */
static double bench_spawn_once(const WCHAR *cmdline, WCHAR *scratch, size_t cap, LARGE_INTEGER freq)
{
    STARTUPINFOW si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    LARGE_INTEGER t0, t1;
    DWORD code = 0;

    wcsncpy(scratch, cmdline, cap);
    scratch[cap - 1] = 0;
    QueryPerformanceCounter(&t0);
    if (!CreateProcessW(NULL, scratch, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        fprintf(stderr, "bench_spawn: CreateProcessW failed: error %lu\n", GetLastError());
        return -1;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    QueryPerformanceCounter(&t1);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    if (code != 0) {
        fprintf(stderr, "bench_spawn: the child exited with status %lu (0x%08lX)\n", code, code);
        return -1;
    }
    return (double)(t1.QuadPart - t0.QuadPart) * 1e6 / (double)freq.QuadPart;
}

int wmain(int argc, WCHAR **argv)
{
    static WCHAR cmdline[BENCH_CMDLINE_MAX], scratch[BENCH_CMDLINE_MAX];
    LARGE_INTEGER freq;
    double *samples, sum = 0, median;
    size_t len = 0;
    long n;
    int i;

    if (argc < 3 || (n = wcstol(argv[1], NULL, 10)) < 1 || n > BENCH_MAX_N) {
        fprintf(stderr, "usage: bench_spawn N PROGRAM [ARGS...]   (1 <= N <= %d)\n", BENCH_MAX_N);
        return 2;
    }
    for (i = 2; i < argc; i++) {
        if (!bench_append_arg(cmdline, ARRAYSIZE(cmdline), &len, argv[i])) {
            fprintf(stderr, "bench_spawn: the command line is too long\n");
            return 2;
        }
    }
    samples = malloc(sizeof(*samples) * (size_t)n);
    if (!samples || !QueryPerformanceFrequency(&freq)) {
        fprintf(stderr, "bench_spawn: out of memory or no performance counter\n");
        return 3;
    }
    for (i = 0; i < BENCH_WARMUP; i++) {
        if (bench_spawn_once(cmdline, scratch, ARRAYSIZE(scratch), freq) < 0)
            return 3;
    }
    for (i = 0; i < n; i++) {
        samples[i] = bench_spawn_once(cmdline, scratch, ARRAYSIZE(scratch), freq);
        if (samples[i] < 0)
            return 3;
        sum += samples[i];
    }
    qsort(samples, (size_t)n, sizeof(*samples), bench_cmp);
    median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    printf("spawn_us median=%.0f mean=%.0f min=%.0f max=%.0f n=%ld\n", median, sum / (double)n, samples[0],
           samples[n - 1], n);
    fflush(stdout);
    free(samples);
    return 0;
}
