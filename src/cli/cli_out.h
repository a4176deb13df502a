/* How plume.exe talks to its user. */
#ifndef PLUME_CLI_OUT_H
#define PLUME_CLI_OUT_H

#include <windows.h>

/* Exit statuses shared by the commands (run adds 125-127, see cmd_run.c). */
#define EXIT_OK      0
#define EXIT_FAILED  1
/* CLI_EXIT_USAGE (2) comes from core/cli_args.h */

/* "plume: MESSAGE" on standard error. */
void out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Text on standard output. */
void out_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A UTF-16 string (a path) as UTF-8 on standard output. */
void out_print_wide(const WCHAR *text);
/* The system's message for CODE, trimmed, into BUF. */
const char *out_win_error(DWORD code, char *buf, size_t len);

#endif
