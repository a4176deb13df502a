#include "vmname.h"

#include <stdio.h>
#include <string.h>

static int vmname_is_allowed_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static char vmname_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int vmname_equal_nocase(const char *a, const char *b)
{
    while (*a && *b) {
        if (vmname_lower(*a) != vmname_lower(*b))
            return 0;
        a++;
        b++;
    }
    return *a == *b;
}

/* Windows refuses these as file names in any folder, so a VM called "con"
 * could never have a state folder. */
static int vmname_is_dos_device(const char *name)
{
    static const char *const fixed[] = { "con", "prn", "aux", "nul", "conin$", "conout$" };
    size_t i;

    for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        if (vmname_equal_nocase(name, fixed[i]))
            return 1;
    if (strlen(name) == 4 && name[3] >= '0' && name[3] <= '9') {
        char stem[4] = { vmname_lower(name[0]), vmname_lower(name[1]), vmname_lower(name[2]), 0 };
        if (!strcmp(stem, "com") || !strcmp(stem, "lpt"))
            return 1;
    }
    return 0;
}

enum vmname_error vmname_check(const char *name)
{
    size_t len;

    if (!name)
        return VMNAME_NULL;
    for (len = 0; name[len]; len++) {
        if (len >= VM_NAME_MAX)
            return VMNAME_TOO_LONG;
        if (!vmname_is_allowed_char(name[len]))
            return VMNAME_BAD_CHAR;
    }
    if (len == 0)
        return VMNAME_EMPTY;
    if (vmname_is_dos_device(name))
        return VMNAME_RESERVED;
    return VMNAME_OK;
}

void vmname_explain(enum vmname_error err, const char *name, char *buf, size_t buflen)
{
    char shown[48];
    size_t i;

    if (!buf || !buflen)
        return;
    /* Quote at most 40 bytes of the name, with anything unprintable as '?',
     * so that a hostile name cannot flood or corrupt the terminal. */
    shown[0] = 0;
    if (name) {
        for (i = 0; name[i] && i < 40; i++)
            shown[i] = (name[i] >= 0x20 && name[i] < 0x7f) ? name[i] : '?';
        shown[i] = 0;
        if (name[i])
            strcpy(shown + 37, "...");
    }
    switch (err) {
    case VMNAME_OK:
        snprintf(buf, buflen, "'%s' is a valid VM name", shown);
        break;
    case VMNAME_NULL:
        snprintf(buf, buflen, "no VM name was given");
        break;
    case VMNAME_EMPTY:
        snprintf(buf, buflen, "a VM name cannot be empty");
        break;
    case VMNAME_TOO_LONG:
        snprintf(buf, buflen, "VM name '%s' is longer than %d characters", shown, VM_NAME_MAX);
        break;
    case VMNAME_BAD_CHAR:
        snprintf(buf, buflen,
                 "VM name '%s' has a character outside A-Z, a-z, 0-9, '_' and '-'", shown);
        break;
    case VMNAME_RESERVED:
        snprintf(buf, buflen, "VM name '%s' is a reserved Windows device name", shown);
        break;
    default:
        snprintf(buf, buflen, "VM name '%s' is not valid", shown);
        break;
    }
}

void vmname_fold(const char *name, char out[VM_NAME_MAX + 1])
{
    size_t i;

    for (i = 0; i < VM_NAME_MAX && name[i]; i++)
        out[i] = vmname_lower(name[i]);
    out[i] = 0;
}
