/* NtQueryDirectoryObject: what a VM sees when it lists a BaseNamedObjects
 * directory. Its own objects appear under the names it gave them (plume's
 * tag removed), host objects only when its policy opens them, and other
 * VMs' objects never. Listings of any other directory are left alone: the
 * VM's own subdirectories hold only its objects, and the system's
 * directories hold no program's named objects. */
#include <windows.h>
#include <winternl.h>
#include <string.h>

#include "../core/objname.h"
#include "hook_table.h"
#include "objects.h"
#include "safe_copy.h"
#include "vm_state.h"

#define STATUS_MORE_ENTRIES_    ((NTSTATUS)0x00000105L)
#define STATUS_NO_MORE_ENTRIES_ ((NTSTATUS)0x8000001AL)
#define OBJDIR_MAX_ROUNDS 65536 /* hidden entries skipped in one call, at most */

struct objdir_entry {
    UNICODE_STRING name;
    UNICODE_STRING type;
};

void *orig_NtQueryDirectoryObject;
NTSTATUS NTAPI hook_NtQueryDirectoryObject(HANDLE directory, PVOID buffer, ULONG length, BOOLEAN single,
                                           BOOLEAN restart, PULONG context, PULONG returned);

/* Keeps the entries a VM may see, compacted, tag stripped, and terminated.
 * Returns how many remain. */
static ULONG objdir_filter(struct objdir_entry *entries, ULONG length, const struct obj_parsed *dir)
{
    ULONG max = length / sizeof(*entries), in, out = 0;

    for (in = 0; in < max && (entries[in].name.Buffer || entries[in].name.Length); in++) {
        struct objdir_entry e = entries[in];
        size_t units = e.name.Length / sizeof(WCHAR), skip;

        if (!obj_listing_shows(&obj_ctx, dir->scope, dir->session, (const uint16_t *)e.name.Buffer, units))
            continue;
        skip = obj_private_prefix(&obj_ctx, (const uint16_t *)e.name.Buffer, units);
        e.name.Buffer += skip;
        e.name.Length -= (USHORT)(skip * sizeof(WCHAR));
        e.name.MaximumLength = (USHORT)(e.name.MaximumLength > skip * sizeof(WCHAR)
                                            ? e.name.MaximumLength - skip * sizeof(WCHAR)
                                            : e.name.Length);
        entries[out++] = e;
    }
    if (out < max)
        memset(&entries[out], 0, sizeof(entries[out]));
    return out;
}

NTSTATUS NTAPI hook_NtQueryDirectoryObject(HANDLE directory, PVOID buffer, ULONG length, BOOLEAN single,
                                           BOOLEAN restart, PULONG context, PULONG returned)
{
    uint16_t path[OBJ_NAME_MAX];
    struct obj_parsed dir;
    size_t len;
    NTSTATUS status;
    int round;

    status = HOOK_ORIGINAL(NtQueryDirectoryObject)(directory, buffer, length, single, restart, context, returned);
    if (!vm_self.in_vm || status < 0 || status == STATUS_NO_MORE_ENTRIES_)
        return status;
    if (!NT_SUCCESS(obj_query_name(directory, path, OBJ_NAME_MAX, &len)) || obj_parse(path, len, &dir) ||
        dir.scope == OBJ_SCOPE_OTHER || dir.rest_len != 0)
        return status;

    for (round = 0; round < OBJDIR_MAX_ROUNDS; round++) {
        if (objdir_filter(buffer, length, &dir) > 0)
            return status;
        /* Everything in this batch was hidden: read on from where the
         * kernel's context says the batch ended. */
        ULONG before;

        if (!single && status != STATUS_MORE_ENTRIES_)
            return STATUS_NO_MORE_ENTRIES_;
        if (!context || !safe_copy(&before, context, sizeof(before)))
            return STATUS_NO_MORE_ENTRIES_;
        status = HOOK_ORIGINAL(NtQueryDirectoryObject)(directory, buffer, length, single, FALSE, context, returned);
        if (status < 0 || status == STATUS_NO_MORE_ENTRIES_)
            return status;
        /* A context that does not move would make this loop forever. */
        if (*context == before)
            return STATUS_NO_MORE_ENTRIES_;
    }
    return STATUS_NO_MORE_ENTRIES_;
}
