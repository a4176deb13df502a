#include "hook_table.h"

#include "../core/hook_list.h"

/* Each row's handler is hook_FUNCTION, and its trampoline orig_FUNCTION,
 * defined in the family's file (spawn.c, objects.c, objdir.c). */
#define HOOK_DECLARE(module, function, family, principle, where, what, test) \
    extern void *orig_##function;                                            \
    NTSTATUS NTAPI hook_##function();
PLUME_HOOKS(HOOK_DECLARE)

#define HOOK_OPTIONAL_all 0
#define HOOK_OPTIONAL_windows 1
#define HOOK_SLOT(module, function, family, principle, where, what, test) \
    { #module ".dll", #function, (void *)hook_##function, &orig_##function, HOOK_OPTIONAL_##where },

const struct hook_slot hook_table[] = { PLUME_HOOKS(HOOK_SLOT) };
const size_t hook_table_count = sizeof(hook_table) / sizeof(hook_table[0]);
