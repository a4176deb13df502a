/* Principle 1 for named kernel objects: where does a name lead, and where
 * should it lead inside a VM.
 *
 * Input is a full NT path (the hook has already joined a RootDirectory
 * handle's name with the relative name). The BaseNamedObjects directories,
 * global (\BaseNamedObjects) and per session (\Sessions\N\BaseNamedObjects),
 * hold what programs name with Global\, Local\ and Session\N\. Inside VM
 * "a", a name X in one of them becomes plume!a!X in the same directory, so
 * Global and Local keep their meaning, two VMs never meet, and the host
 * never sees a VM's object under the name it asked for. Names outside those
 * directories (\KnownDlls, \Device...) are the system's and pass unchanged
 * unless the policy closes them. */
#ifndef PLUME_CORE_OBJNAME_H
#define PLUME_CORE_OBJNAME_H

#include <stddef.h>
#include <stdint.h>

#include "policy.h"

#define OBJ_NAME_MAX 1024   /* UTF-16 units of any name plume reads or writes */
#define OBJ_PRIVATE_TAG "plume!" /* reserved: VM-private names start with plume!VM! */

enum obj_scope {
    OBJ_SCOPE_OTHER = 0,   /* outside every BaseNamedObjects directory */
    OBJ_SCOPE_GLOBAL,      /* \BaseNamedObjects */
    OBJ_SCOPE_SESSION      /* \Sessions\N\BaseNamedObjects */
};

struct obj_parsed {
    enum obj_scope scope;
    uint32_t session;      /* with OBJ_SCOPE_SESSION */
    size_t rest;           /* offset of the name below the directory */
    size_t rest_len;       /* 0: the directory itself */
};

enum obj_verdict {
    OBJ_PASS,     /* reach the name unchanged (host or system object) */
    OBJ_PRIVATE,  /* reach the rewritten name in the VM's namespace */
    OBJ_DENY
};

enum obj_reason {
    OBJR_SYSTEM,       /* outside BaseNamedObjects */
    OBJR_DIRECTORY,    /* a BaseNamedObjects directory itself */
    OBJR_OPEN,         /* the policy opens it to the host */
    OBJR_RENAMED,      /* made private */
    OBJR_OWN,          /* already in this VM's namespace */
    OBJR_CLOSED,       /* the policy closes it */
    OBJR_OTHER_VM,     /* another VM's private name, or the reserved tag */
    OBJR_HOST,         /* (reached) a host object the policy does not open */
    OBJR_BAD_NAME,     /* malformed: empty component, not absolute, too many links */
    OBJR_TOO_LONG
};

enum obj_mode {
    OBJ_MODE_REQUEST,  /* a name a program asks for */
    OBJ_MODE_REACHED   /* the name of the object actually opened */
};

struct obj_context {
    const char *vm;               /* the VM's name, any case */
    uint32_t session;             /* the program's session: Local\ means this one */
    const struct policy *policy;
};

struct obj_decision {
    enum obj_verdict verdict;
    enum obj_reason reason;
    size_t length;                /* of NAME, in units */
    uint16_t name[OBJ_NAME_MAX];  /* the name to use (PASS: a copy of the input) */
};

/* Splits PATH into namespace and name, following the Global, Local and
 * Session links of the BaseNamedObjects directories. Returns 0, or -1 for a
 * malformed path: empty, not absolute, or with an empty component. A NUL is
 * an ordinary character of a counted name, to the kernel and to plume. */
int obj_parse(const uint16_t *path, size_t len, struct obj_parsed *out);

/* Decides what PATH means inside the VM of CTX. Never fails: a problem is a
 * DENY with its reason. */
void obj_decide(const struct obj_context *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                struct obj_decision *d);

/* The name a program inside the VM should see for the private name NAME
 * (plume!vm!X becomes X) within a BaseNamedObjects directory listing.
 * Returns the offset to skip, or 0 if NAME is not this VM's. */
size_t obj_private_prefix(const struct obj_context *ctx, const uint16_t *name, size_t len);

/* Whether a listing of a BaseNamedObjects directory inside the VM shows the
 * entry NAME of that directory (scope and session of the directory). */
int obj_listing_shows(const struct obj_context *ctx, enum obj_scope scope, uint32_t session,
                      const uint16_t *name, size_t len);

/* NTSTATUS a program gets for a DENY, as native Windows would answer a
 * missing (open) or forbidden (create) object. */
uint32_t obj_deny_status(enum obj_reason reason, int is_create);

const char *obj_reason_text(enum obj_reason reason);
const char *obj_verdict_text(enum obj_verdict verdict);

#endif
