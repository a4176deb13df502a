/* Named kernel objects inside a VM: shared state of objects.c and objdir.c. */
#ifndef PLUME_HOOK_OBJECTS_H
#define PLUME_HOOK_OBJECTS_H

#include <windows.h>
#include <winternl.h>

#include "../core/objname.h"

/* This process's VM, session and policy: set once at attach. */
extern struct obj_context obj_ctx;

typedef void (*objcall_decider)(const void *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                               struct obj_decision *d);

/* One intercepted call that names something: plume's copy of the
 * program's attributes, the full name asked for, and the decision. */
struct obj_call {
    const char *call, *type;
    int is_create;
    int named;                     /* 0: unnamed, the call went through untouched */
    NTSTATUS status;               /* the answer when the call is refused */
    objcall_decider decide;
    const void *decide_ctx;
    OBJECT_ATTRIBUTES attr;        /* plume's copy, passed to the kernel */
    UNICODE_STRING name;
    size_t path_len;
    uint16_t path[OBJ_NAME_MAX + 1]; /* the full name the program asked for */
    struct obj_decision d;
    void *heap;                    /* a copy of an over-long file name, freed after the call */
};

/* Copies the program's OBJECT_ATTRIBUTES into C and its name's header into
 * NAME, never trusting a pointer. Returns 1 when there is a name to look
 * at, 0 when there is none (the call goes on untouched), or -1 with
 * C->status set (a bad pointer: STATUS_ACCESS_VIOLATION, as the kernel). */
int objcall_copy_name(struct obj_call *c, POBJECT_ATTRIBUTES user, UNICODE_STRING *name);

/* Copies and resolves the program's attributes (a RootDirectory joined to
 * the relative name), decides with DECIDE, and traces. Returns 1 to go on
 * with the call on *USE, or 0 to answer C->status instead. */
int objcall_begin_with(struct obj_call *c, POBJECT_ATTRIBUTES user, const char *call, const char *type,
                       int is_create, objcall_decider decide, const void *decide_ctx, POBJECT_ATTRIBUTES *use);

/* After the call: closes what was reached if the VM may not use it. */
NTSTATUS objcall_end(struct obj_call *c, PHANDLE user_handle, NTSTATUS status);

/* Names of directory-like handles used as RootDirectory (BaseNamedObjects
 * directories, the named-pipe and mailslot roots). */
int obj_root_lookup(HANDLE root, uint16_t *out, size_t *len);
void obj_root_add(HANDLE root, const uint16_t *name, size_t len);

/* The full NT name of the object behind HANDLE (0 units if unnamed).
 * Returns 0 or a failure status. */
NTSTATUS obj_query_name(HANDLE handle, uint16_t *out, size_t cap, size_t *len);

#endif
