/* Windows command lines: argv in, one string out, quoted so that
 * CommandLineToArgvW and the C runtimes give the program back the same argv. */
#ifndef PLUME_CORE_CMDLINE_H
#define PLUME_CORE_CMDLINE_H

#include <stddef.h>

/* CreateProcess refuses command lines longer than this (in UTF-16 units). */
#define CMDLINE_MAX 32767

/* Writes the quoted command line for ARGV[0..ARGC-1] into OUT (capacity CAP
 * bytes, UTF-8). Returns the length written (without terminator), or -1 when
 * an argument is NULL, ARGC < 1, or OUT is too small; OUT is then left as an
 * empty string when CAP > 0. */
long cmdline_build(const char *const *argv, int argc, char *out, size_t cap);

#endif
