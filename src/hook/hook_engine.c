#include "hook_engine.h"

#include <stdio.h>
#include <string.h>

#include "../core/stub.h"

#define HOOK_MAX_SLOTS 64

struct hook_plan {
    uint8_t *target;
    struct stub_info stub;
};

static BOOL hook_fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    if (err && errlen)
        snprintf(err, errlen, fmt, a, b);
    return FALSE;
}

static BOOL hook_patch(uint8_t *target, const uint8_t *bytes, size_t len)
{
    DWORD old, ignored;

    if (!VirtualProtect(target, len, PAGE_EXECUTE_READWRITE, &old))
        return FALSE;
    memcpy(target, bytes, len);
    VirtualProtect(target, len, old, &ignored);
    FlushInstructionCache(GetCurrentProcess(), target, len);
    return TRUE;
}

BOOL hook_install_all(const struct hook_slot *slots, size_t count, char *err, size_t errlen)
{
    struct hook_plan plan[HOOK_MAX_SLOTS];
    uint8_t *trampolines;
    DWORD old;
    size_t i;

    if (count > HOOK_MAX_SLOTS)
        return hook_fail(err, errlen, "too many hooks (%s%s)", "", "");
    /* Look at every stub before changing any, so a refusal leaves the
     * process exactly as it was. */
    for (i = 0; i < count; i++) {
        HMODULE module = GetModuleHandleA(slots[i].module);

        if (!module)
            return hook_fail(err, errlen, "%s is not loaded (needed for %s)", slots[i].module, slots[i].function);
        plan[i].target = (uint8_t *)GetProcAddress(module, slots[i].function);
        if (!plan[i].target && slots[i].optional)
            continue;
        if (!plan[i].target)
            return hook_fail(err, errlen, "%s does not export %s", slots[i].module, slots[i].function);
        if (stub_classify(plan[i].target, STUB_MAX_LEN, &plan[i].stub) == STUB_UNKNOWN)
            return hook_fail(err, errlen,
                             "%s!%s is not a system-call stub of a known shape; refusing to patch it",
                             slots[i].module, slots[i].function);
    }
    trampolines = VirtualAlloc(NULL, count * STUB_MAX_LEN + 1, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    if (!trampolines)
        return hook_fail(err, errlen, "cannot allocate trampolines%s%s", "", "");
    for (i = 0; i < count; i++)
        if (plan[i].target)
            memcpy(trampolines + i * STUB_MAX_LEN, plan[i].target, plan[i].stub.length);
    if (!VirtualProtect(trampolines, count * STUB_MAX_LEN + 1, PAGE_EXECUTE_READ, &old)) {
        VirtualFree(trampolines, 0, MEM_RELEASE);
        return hook_fail(err, errlen, "cannot make trampolines executable%s%s", "", "");
    }
    for (i = 0; i < count; i++) {
        uint8_t jump[STUB_PATCH_LEN];

        if (!plan[i].target)
            continue;
        /* The copy keeps the stub's layout, which Wine's dispatcher relies
         * on (it returns to the call site minus 11 bytes). */
        *slots[i].original = trampolines + i * STUB_MAX_LEN;
        stub_make_jump(jump, (uint64_t)(ULONG_PTR)slots[i].handler);
        if (!hook_patch(plan[i].target, jump, sizeof(jump))) {
            size_t j;

            for (j = 0; j < i; j++)
                if (plan[j].target)
                    hook_patch(plan[j].target, trampolines + j * STUB_MAX_LEN, STUB_PATCH_LEN);
            return hook_fail(err, errlen, "cannot write the hook into %s!%s", slots[i].module, slots[i].function);
        }
    }
    return TRUE;
}
