/* The per-VM trace: one line per decision, for discovering what IPC a
 * program performs. Off by default; when off, a hook pays one branch. */
#ifndef PLUME_HOOK_TRACE_H
#define PLUME_HOOK_TRACE_H

#include <windows.h>

#include "../core/objname.h"

extern BOOL trace_on;

/* Opens the VM's trace.log for appending if ENABLED; call once at attach. */
void trace_init(BOOL enabled);

/* Records a name decision:
 * time, pid, image, call, type, requested name, resolved name, verdict/reason. */
void trace_object(const char *call, const char *type, const uint16_t *requested, size_t requested_len,
                  const struct obj_decision *d);

/* Records a refusal found after the call (the object actually reached). */
void trace_reached(const char *call, const char *type, const uint16_t *reached, size_t reached_len,
                   const struct obj_decision *d);

#endif
