/* Patching ntdll/win32u system-call stubs. */
#ifndef PLUME_HOOK_ENGINE_H
#define PLUME_HOOK_ENGINE_H

#include <windows.h>

struct hook_slot {
    const char *module;   /* "ntdll.dll" */
    const char *function; /* "NtCreateUserProcess" */
    void *handler;        /* plume's replacement */
    void **original;      /* receives the trampoline that reaches the kernel */
    int optional;         /* absent on some systems (Wine): skipped when not exported */
};

/* Installs every slot, or none: on any failure nothing is patched and ERR
 * says which stub was refused and why. Call once, while the process has a
 * single thread (from DllMain of an injected process). */
BOOL hook_install_all(const struct hook_slot *slots, size_t count, char *err, size_t errlen);

#endif
