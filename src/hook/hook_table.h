/* The installed form of src/core/hook_list.h. */
#ifndef PLUME_HOOK_TABLE_H
#define PLUME_HOOK_TABLE_H

#include <windows.h>
#include <winternl.h>

#include "hook_engine.h"

extern const struct hook_slot hook_table[];
extern const size_t hook_table_count;

/* Calls the trampoline of FUNCTION with the handler's own signature. */
#define HOOK_ORIGINAL(function) ((__typeof__(&hook_##function))orig_##function)

#endif
