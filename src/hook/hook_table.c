#include "hook_table.h"

#include "../core/hook_list.h"

#define HOOK_SLOT(module, function, family, principle, what, test) \
    { #module ".dll", #function, (void *)hook_##function, (void **)&orig_##function },

const struct hook_slot hook_table[] = { PLUME_HOOKS(HOOK_SLOT) };
const size_t hook_table_count = sizeof(hook_table) / sizeof(hook_table[0]);
