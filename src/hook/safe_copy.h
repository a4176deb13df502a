/* Reading a program's pointers without trusting them.
 *
 * A hook receives whatever pointers the program passed to the system call.
 * The kernel would answer a bad one with STATUS_ACCESS_VIOLATION; a hook
 * that dereferenced it would crash the program instead. safe_copy is a copy
 * loop whose every faulting instruction is known: a vectored exception
 * handler turns a fault there into a FALSE return. It costs nothing more
 * than a plain copy when the pointers are good. */
#ifndef PLUME_HOOK_SAFE_COPY_H
#define PLUME_HOOK_SAFE_COPY_H

#include <windows.h>

/* Installs the exception handler; call once at attach. */
BOOL safe_copy_init(void);

/* Copies LEN bytes from SRC to DST. Returns FALSE, with DST partly written,
 * if reading SRC or writing DST faults. */
BOOL safe_copy(void *dst, const void *src, SIZE_T len);

#endif
