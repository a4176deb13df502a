/* A VM's vm.ini, read whole: identity, object policy and trace switch.
 * plume.exe checks it before starting anything; plume64.dll reads it when
 * each VM process starts. */
#ifndef PLUME_CORE_VMCONFIG_H
#define PLUME_CORE_VMCONFIG_H

#include <stddef.h>

#include "policy.h"
#include "vmname.h"

#define VMCONFIG_MAX_BYTES 65536

struct vm_config {
    char name[VM_NAME_MAX + 1];
    char created[32];
    int trace;               /* [trace] enabled */
    struct policy policy;    /* defaults plus [objects] */
    struct policy pipes;     /* defaults plus [pipes] */
    struct policy mailslots; /* defaults plus [mailslots] */
    struct policy ports;     /* defaults plus [ports] */
};

/* Parses TEXT. Returns 0, or -1 with ERR ("line N: ...") filled. A missing
 * or invalid [vm] name is an error; unknown sections are ignored (later
 * versions add some); unknown keys in known sections are errors. */
int vmconfig_parse(const char *text, size_t len, struct vm_config *cfg, char *err, size_t errlen);

/* Writes into OUT a copy of TEXT in which [SECTION] KEY is set to VALUE:
 * the existing line is replaced, or the key is added at the end of its
 * section, or the section is appended. Comments and everything else are
 * kept. Returns the new length, or -1 if OUT is too small or TEXT has a line
 * over INI_LINE_MAX. */
long vmconfig_set(const char *text, size_t len, const char *section, const char *key, const char *value,
                  char *out, size_t cap);

#endif
