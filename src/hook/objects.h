/* Named kernel objects inside a VM: shared state of objects.c and objdir.c. */
#ifndef PLUME_HOOK_OBJECTS_H
#define PLUME_HOOK_OBJECTS_H

#include <windows.h>

#include "../core/objname.h"

/* This process's VM, session and policy: set once at attach. */
extern struct obj_context obj_ctx;

/* The full NT name of the object behind HANDLE (0 units if unnamed).
 * Returns 0 or a failure status. */
NTSTATUS obj_query_name(HANDLE handle, uint16_t *out, size_t cap, size_t *len);

#endif
