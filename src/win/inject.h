/* Putting plume64.dll into a suspended child before its first instruction.
 * Shared by the launcher (plume.exe) and by the DLL itself, which uses it to
 * carry the VM into every child a VM process creates. */
#ifndef PLUME_WIN_INJECT_H
#define PLUME_WIN_INJECT_H

#include <windows.h>

#include "../core/boot.h"

/* The ordinal of plume64.dll's export that the injected import names. */
#define INJECT_IMPORT_ORDINAL 1

/* Rewrites the import directory of the main image of PROCESS (created
 * suspended, its loader not yet run) so that DLL_PATH (an ANSI path) loads
 * first, and stores BOOT in the child next to it. PROCESS needs
 * PROCESS_QUERY_INFORMATION | PROCESS_VM_OPERATION | PROCESS_VM_READ |
 * PROCESS_VM_WRITE. Returns TRUE, or FALSE with a sentence in ERR. */
BOOL inject_into_process(HANDLE process, const char *dll_path, const struct plume_boot *boot,
                         char *err, size_t errlen);

/* Import names must be ASCII and, for Wine, under 252 characters. */
#define INJECT_PATH_MAX 250

/* WIDE as an ASCII path usable as an import name: itself if it is one,
 * otherwise its 8.3 short path. */
BOOL inject_ansi_path(const WCHAR *wide, char *out, DWORD cap);

/* The ANSI path of MODULE's file in OUT, usable as an import name: the long
 * path if it converts losslessly, otherwise the 8.3 short path. */
BOOL inject_module_path_ansi(HMODULE module, char *out, DWORD cap);

/* Rights inject_into_process needs on the process handle. */
#define INJECT_PROCESS_ACCESS \
    (PROCESS_QUERY_INFORMATION | PROCESS_VM_OPERATION | PROCESS_VM_READ | PROCESS_VM_WRITE | \
     PROCESS_DUP_HANDLE | PROCESS_TERMINATE)

#endif
