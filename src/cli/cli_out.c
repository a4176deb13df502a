#include "cli_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../win/utf.h"

void out_error(const char *fmt, ...)
{
    va_list args;

    fflush(stdout);
    fputs("plume: ", stderr);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
    fflush(stderr);
}

void out_print(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vfprintf(stdout, fmt, args);
    va_end(args);
}

void out_print_wide(const WCHAR *text)
{
    char *utf8 = utf_to_utf8(text);

    fputs(utf8 ? utf8 : "?", stdout);
    utf_free(utf8);
}

const char *out_win_error(DWORD code, char *buf, size_t len)
{
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code,
                             MAKELANGID(LANG_ENGLISH, SUBLANG_DEFAULT), buf, (DWORD)len, NULL);

    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == '.' || buf[n - 1] == ' '))
        buf[--n] = 0;
    if (!n)
        snprintf(buf, len, "error %lu", (unsigned long)code);
    return buf;
}
