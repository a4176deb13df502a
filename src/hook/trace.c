#include "trace.h"

#include <stdio.h>
#include <string.h>

#include "vm_state.h"

#define TRACE_LINE_MAX 4096

BOOL trace_on;
static HANDLE trace_file = INVALID_HANDLE_VALUE;
static char trace_image[64];

void trace_init(BOOL enabled)
{
    WCHAR path[PLUME_PATH_MAX + 16], image[MAX_PATH];
    const WCHAR *base;
    DWORD n;

    if (!enabled || !vm_self.state_dir[0])
        return;
    if (_snwprintf(path, ARRAYSIZE(path), L"%ls\\trace.log", vm_self.state_dir) < 0)
        return;
    path[ARRAYSIZE(path) - 1] = 0;
    /* Opened once: a hook must not open files (which may be hooked calls). */
    trace_file = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                             OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (trace_file == INVALID_HANDLE_VALUE)
        return;
    n = GetModuleFileNameW(NULL, image, ARRAYSIZE(image));
    base = n ? wcsrchr(image, L'\\') : NULL;
    WideCharToMultiByte(CP_UTF8, 0, base ? base + 1 : image, -1, trace_image, sizeof(trace_image), NULL, NULL);
    trace_image[sizeof(trace_image) - 1] = 0;
    trace_on = TRUE;
}

/* Appends NAME as UTF-8 with tabs and line breaks made visible. */
static int trace_put_name(char *out, int cap, const uint16_t *name, size_t len)
{
    int n;

    if (!len)
        return snprintf(out, (size_t)cap, "-");
    n = WideCharToMultiByte(CP_UTF8, 0, (const WCHAR *)name, (int)len, out, cap - 1, NULL, NULL);
    if (n <= 0)
        return snprintf(out, (size_t)cap, "?");
    for (int i = 0; i < n; i++)
        if (out[i] == '\t' || out[i] == '\n' || out[i] == '\r')
            out[i] = ' ';
    return n;
}

static void trace_write(const char *call, const char *type, const uint16_t *requested, size_t requested_len,
                        const uint16_t *resolved, size_t resolved_len, const char *verdict, const char *reason)
{
    char line[TRACE_LINE_MAX];
    SYSTEMTIME now;
    DWORD written;
    int n;

    GetSystemTime(&now);
    n = snprintf(line, sizeof(line), "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ\t%lu\t%s\t%s\t%s\t", now.wYear,
                 now.wMonth, now.wDay, now.wHour, now.wMinute, now.wSecond, now.wMilliseconds,
                 GetCurrentProcessId(), trace_image, call, type);
    if (n < 0 || n > (int)sizeof(line) - 64)
        return;
    n += trace_put_name(line + n, (int)sizeof(line) / 2 - n, requested, requested_len);
    line[n++] = '\t';
    n += trace_put_name(line + n, (int)sizeof(line) - 40 - n, resolved, resolved_len);
    n += snprintf(line + n, sizeof(line) - (size_t)n, "\t%s/%s\n", verdict, reason);
    if (n > (int)sizeof(line))
        n = (int)sizeof(line);
    WriteFile(trace_file, line, (DWORD)n, &written, NULL);
}

void trace_object(const char *call, const char *type, const uint16_t *requested, size_t requested_len,
                  const struct obj_decision *d)
{
    if (!trace_on)
        return;
    trace_write(call, type, requested, requested_len, d->name, d->verdict == OBJ_DENY ? 0 : d->length,
                obj_verdict_text(d->verdict), obj_reason_text(d->reason));
}

void trace_reached(const char *call, const char *type, const uint16_t *reached, size_t reached_len,
                   const struct obj_decision *d)
{
    if (!trace_on)
        return;
    trace_write(call, type, reached, reached_len, reached, reached_len, "deny-after",
                obj_reason_text(d->reason));
}
