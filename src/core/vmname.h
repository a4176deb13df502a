/* VM names: the one rule every entry point (CLI, monitor, DLL) shares. */
#ifndef PLUME_CORE_VMNAME_H
#define PLUME_CORE_VMNAME_H

#include <stddef.h>

#define VM_NAME_MAX 32 /* characters, not counting the terminator */

enum vmname_error {
    VMNAME_OK = 0,
    VMNAME_NULL,
    VMNAME_EMPTY,
    VMNAME_TOO_LONG,
    VMNAME_BAD_CHAR,
    VMNAME_RESERVED
};

/* Checks NAME against the rule: 1 to 32 characters of [A-Za-z0-9_-], and not
 * a DOS device name (CON, NUL, COM1...), which Windows cannot use as a folder
 * name. Returns VMNAME_OK or the first problem found. */
enum vmname_error vmname_check(const char *name);

/* A sentence that explains ERR for NAME, for error messages. Always
 * NUL-terminates BUF when BUFLEN > 0. */
void vmname_explain(enum vmname_error err, const char *name, char *buf, size_t buflen);

/* Copies NAME in lower case into OUT (VM_NAME_MAX + 1 bytes). VM names are
 * case-insensitive because both the file system and the object namespace
 * that hold them are. NAME must already pass vmname_check. */
void vmname_fold(const char *name, char out[VM_NAME_MAX + 1]);

#endif
