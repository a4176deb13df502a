#include "vmlog.h"

#include <stdarg.h>
#include <stdio.h>
#include <windows.h>

#include "vm_state.h"

static void vmlog_append_file(const char *line, DWORD len)
{
    WCHAR path[PLUME_PATH_MAX + 16];
    HANDLE file;
    DWORD written;

    if (!vm_self.state_dir[0])
        return;
    if (_snwprintf(path, ARRAYSIZE(path), L"%ls\\events.log", vm_self.state_dir) < 0)
        return;
    path[ARRAYSIZE(path) - 1] = 0;
    file = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return;
    WriteFile(file, line, len, &written, NULL);
    CloseHandle(file);
}

void vmlog_error(const char *fmt, ...)
{
    char line[600];
    int prefix, body;
    va_list args;
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    DWORD written;

    prefix = snprintf(line, sizeof(line), "plume: [vm %s, pid %lu] ",
                      vm_self.vm_name[0] ? vm_self.vm_name : "?", GetCurrentProcessId());
    if (prefix < 0)
        return;
    va_start(args, fmt);
    body = vsnprintf(line + prefix, sizeof(line) - prefix - 2, fmt, args);
    va_end(args);
    if (body < 0)
        body = 0;
    if ((size_t)(prefix + body) > sizeof(line) - 3)
        body = (int)(sizeof(line) - 3 - prefix);
    line[prefix + body] = '\n';
    line[prefix + body + 1] = 0;

    OutputDebugStringA(line);
    if (err && err != INVALID_HANDLE_VALUE)
        WriteFile(err, line, (DWORD)(prefix + body + 1), &written, NULL);
    vmlog_append_file(line, (DWORD)(prefix + body + 1));
}
