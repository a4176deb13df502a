/* Named pipes and mailslots (principle 1 for message channels).
 *
 * Servers create with NtCreateNamedPipeFile / NtCreateMailslotFile; clients
 * open with NtCreateFile / NtOpenFile on a pipe or mailslot path, in any
 * spelling; WaitNamedPipe sends FSCTL_PIPE_WAIT with the pipe's name inside
 * its input buffer. All of them are renamed by core/channame.c.
 *
 * NtCreateFile and NtOpenFile see every file a program opens, so they do
 * the least work that stays safe: they copy the program's attributes and
 * name (so that no other thread can turn a checked file name into a pipe
 * name before the kernel reads it), and only a channel path goes on to the
 * full decision. A name relative to a RootDirectory is a channel only when
 * that handle is a pipe or mailslot root plume saw being opened. */
#include <windows.h>
#include <winternl.h>
#include <string.h>

#include "../core/channame.h"
#include "hook_table.h"
#include "objects.h"
#include "safe_copy.h"
#include "trace.h"
#include "vm_state.h"

#define FSCTL_PIPE_WAIT_ 0x00110018
#define PIPE_WAIT_NAME_OFFSET 14 /* FILE_PIPE_WAIT_FOR_BUFFER: Timeout, NameLength, TimeoutSpecified, Name */
#define STATUS_ACCESS_VIOLATION_ ((NTSTATUS)0xC0000005L)
#define STATUS_OBJECT_NAME_INVALID_ ((NTSTATUS)0xC0000033L)

struct chan_context chan_ctx;

static void chan_decider(const void *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                         struct obj_decision *d)
{
    chan_decide(ctx, path, len, mode, d);
}

/* A server end or mailslot: always a channel, named like any object. */
#define CHAN_CREATE_HOOK(function, type, params, args)                                              \
    void *orig_##function;                                                                          \
    NTSTATUS NTAPI hook_##function(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr,     \
                                   PIO_STATUS_BLOCK io OBJ_UNPACK params);                          \
    NTSTATUS NTAPI hook_##function(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr,     \
                                   PIO_STATUS_BLOCK io OBJ_UNPACK params)                           \
    {                                                                                               \
        struct obj_call call;                                                                       \
        POBJECT_ATTRIBUTES use;                                                                     \
                                                                                                    \
        if (!objcall_begin_with(&call, attr, #function, type, 1, chan_decider, &chan_ctx, &use))    \
            return call.status;                                                                     \
        return objcall_end(&call, handle, HOOK_ORIGINAL(function)(handle, access, use, io OBJ_UNPACK args)); \
    }
#define OBJ_UNPACK(...) __VA_ARGS__

CHAN_CREATE_HOOK(NtCreateNamedPipeFile, "pipe",
                 (, ULONG share, ULONG disposition, ULONG options, ULONG pipe_type, ULONG read_mode,
                  ULONG completion, ULONG instances, ULONG in_quota, ULONG out_quota, PLARGE_INTEGER timeout),
                 (, share, disposition, options, pipe_type, read_mode, completion, instances, in_quota, out_quota,
                  timeout))
CHAN_CREATE_HOOK(NtCreateMailslotFile, "mailslot",
                 (, ULONG options, ULONG quota, ULONG max_message, PLARGE_INTEGER timeout),
                 (, options, quota, max_message, timeout))

/* The client side. Returns 1 to call the kernel with *USE, 0 to answer
 * C->status. C->named says whether the result must be checked after. */
static int file_begin(struct obj_call *c, POBJECT_ATTRIBUTES user, const char *call, POBJECT_ATTRIBUTES *use)
{
    UNICODE_STRING user_name;
    struct chan_parsed parsed;
    size_t name_len, root_len = 0;
    enum chan_kind kind;

    c->call = call;
    c->named = 0;
    c->is_create = 0;
    c->heap = NULL;
    c->decide = chan_decider;
    c->decide_ctx = &chan_ctx;
    *use = user;
    switch (objcall_copy_name(c, user, &user_name)) {
    case 0: return 1;
    case -1: return 0;
    }
    name_len = user_name.Length / sizeof(WCHAR);
    if (c->attr.RootDirectory) {
        if (!obj_root_lookup(c->attr.RootDirectory, c->path, &root_len) ||
            chan_parse(c->path, root_len, &parsed) == CHAN_NONE)
            root_len = 0; /* an ordinary directory: an ordinary file */
        else if (root_len && c->path[root_len - 1] != '\\' && name_len)
            c->path[root_len++] = '\\';
    }
    if (root_len + name_len > OBJ_NAME_MAX) {
        /* Too long for plume's buffer. A channel name this long is refused;
         * any other name is checked on a heap copy, so that it too reaches
         * the kernel exactly as checked. */
        WCHAR *copy;
        UNICODE_STRING *heap_name;

        if (root_len) {
            c->status = (NTSTATUS)obj_deny_status(OBJR_TOO_LONG, 0);
            return 0;
        }
        copy = HeapAlloc(GetProcessHeap(), 0, user_name.Length + sizeof(UNICODE_STRING));
        if (!copy) {
            c->status = (NTSTATUS)0xC000009AL; /* STATUS_INSUFFICIENT_RESOURCES */
            return 0;
        }
        heap_name = (UNICODE_STRING *)copy;
        heap_name->Buffer = (PWSTR)(heap_name + 1);
        heap_name->Length = heap_name->MaximumLength = user_name.Length;
        if (!safe_copy(heap_name->Buffer, user_name.Buffer, user_name.Length)) {
            HeapFree(GetProcessHeap(), 0, copy);
            c->status = STATUS_ACCESS_VIOLATION_;
            return 0;
        }
        kind = chan_parse((const uint16_t *)heap_name->Buffer, name_len, &parsed);
        if (kind == CHAN_PIPE || kind == CHAN_MAILSLOT) {
            HeapFree(GetProcessHeap(), 0, copy);
            c->status = (NTSTATUS)obj_deny_status(OBJR_TOO_LONG, 0);
            return 0;
        }
        /* Not a channel: the kernel gets this copy, as checked. */
        c->heap = copy;
        c->attr.ObjectName = heap_name;
        *use = &c->attr;
        return 1;
    }
    if (name_len && !safe_copy(c->path + root_len, user_name.Buffer, name_len * sizeof(WCHAR))) {
        c->status = STATUS_ACCESS_VIOLATION_;
        return 0;
    }
    c->path_len = root_len + name_len;
    kind = chan_parse(c->path, c->path_len, &parsed);
    if ((kind != CHAN_PIPE && kind != CHAN_MAILSLOT) || (!root_len && c->attr.RootDirectory)) {
        /* An ordinary file: the kernel gets plume's copy of its name. */
        c->name.Buffer = (PWSTR)c->path;
        c->name.Length = c->name.MaximumLength = (USHORT)(name_len * sizeof(WCHAR));
        c->attr.ObjectName = &c->name;
        *use = &c->attr;
        return 1;
    }
    c->type = chan_kind_name(kind);
    c->named = parsed.name_len != 0;
    chan_decide(&chan_ctx, c->path, c->path_len, OBJ_MODE_REQUEST, &c->d);
    trace_object(call, c->type, c->path, c->path_len, &c->d);
    if (c->d.verdict == OBJ_DENY) {
        c->status = (NTSTATUS)obj_deny_status(c->d.reason, 0);
        return 0;
    }
    c->name.Buffer = (PWSTR)c->d.name;
    c->name.Length = c->name.MaximumLength = (USHORT)(c->d.length * sizeof(WCHAR));
    c->attr.ObjectName = &c->name;
    c->attr.RootDirectory = NULL;
    *use = &c->attr;
    return 1;
}

/* A root handle opened now is remembered, so that names relative to it are
 * recognised as channels. */
static void file_remember_root(struct obj_call *c, PHANDLE user_handle, NTSTATUS status)
{
    struct chan_parsed parsed;
    HANDLE handle = NULL;

    if (!NT_SUCCESS(status) || c->named || !c->d.length ||
        chan_parse(c->d.name, c->d.length, &parsed) == CHAN_NONE || parsed.name_len ||
        !safe_copy(&handle, user_handle, sizeof(handle)) || !handle)
        return;
    obj_root_add(handle, c->d.name, c->d.length);
}

void *orig_NtCreateFile;
NTSTATUS NTAPI hook_NtCreateFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr, PIO_STATUS_BLOCK io,
                                 PLARGE_INTEGER size, ULONG attributes, ULONG share, ULONG disposition,
                                 ULONG options, PVOID ea, ULONG ea_length);
NTSTATUS NTAPI hook_NtCreateFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr, PIO_STATUS_BLOCK io,
                                 PLARGE_INTEGER size, ULONG attributes, ULONG share, ULONG disposition,
                                 ULONG options, PVOID ea, ULONG ea_length)
{
    struct obj_call call;
    POBJECT_ATTRIBUTES use;
    NTSTATUS status;

    call.d.length = 0;
    if (!file_begin(&call, attr, "NtCreateFile", &use))
        return call.status;
    status = HOOK_ORIGINAL(NtCreateFile)(handle, access, use, io, size, attributes, share, disposition, options,
                                         ea, ea_length);
    if (call.heap)
        HeapFree(GetProcessHeap(), 0, call.heap);
    file_remember_root(&call, handle, status);
    return call.named ? objcall_end(&call, handle, status) : status;
}

void *orig_NtOpenFile;
NTSTATUS NTAPI hook_NtOpenFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr, PIO_STATUS_BLOCK io,
                               ULONG share, ULONG options);
NTSTATUS NTAPI hook_NtOpenFile(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr, PIO_STATUS_BLOCK io,
                               ULONG share, ULONG options)
{
    struct obj_call call;
    POBJECT_ATTRIBUTES use;
    NTSTATUS status;

    call.d.length = 0;
    if (!file_begin(&call, attr, "NtOpenFile", &use))
        return call.status;
    status = HOOK_ORIGINAL(NtOpenFile)(handle, access, use, io, share, options);
    if (call.heap)
        HeapFree(GetProcessHeap(), 0, call.heap);
    file_remember_root(&call, handle, status);
    return call.named ? objcall_end(&call, handle, status) : status;
}

/* WaitNamedPipe: the name travels inside the FSCTL_PIPE_WAIT buffer,
 * relative to \Device\NamedPipe\. Every other control code passes at once. */
void *orig_NtFsControlFile;
NTSTATUS NTAPI hook_NtFsControlFile(HANDLE file, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                                    ULONG code, PVOID in, ULONG in_length, PVOID out, ULONG out_length);
NTSTATUS NTAPI hook_NtFsControlFile(HANDLE file, HANDLE event, PVOID apc, PVOID apc_context, PIO_STATUS_BLOCK io,
                                    ULONG code, PVOID in, ULONG in_length, PVOID out, ULONG out_length)
{
    union {
        BYTE raw[PIPE_WAIT_NAME_OFFSET + (OBJ_NAME_MAX + 1) * sizeof(WCHAR)];
        ULONGLONG align;
    } buffer;
    uint16_t name[OBJ_NAME_MAX];
    struct obj_decision d;
    ULONG name_bytes;

    if (code != FSCTL_PIPE_WAIT_ || !vm_self.in_vm)
        return HOOK_ORIGINAL(NtFsControlFile)(file, event, apc, apc_context, io, code, in, in_length, out, out_length);
    if (!in || in_length < PIPE_WAIT_NAME_OFFSET || !safe_copy(buffer.raw, in, PIPE_WAIT_NAME_OFFSET))
        return HOOK_ORIGINAL(NtFsControlFile)(file, event, apc, apc_context, io, code, in, in_length, out, out_length);
    memcpy(&name_bytes, buffer.raw + 8, sizeof(name_bytes));
    if ((name_bytes & 1) || name_bytes > in_length - PIPE_WAIT_NAME_OFFSET)
        return STATUS_OBJECT_NAME_INVALID_;
    if (name_bytes / sizeof(WCHAR) > OBJ_NAME_MAX)
        return (NTSTATUS)obj_deny_status(OBJR_TOO_LONG, 0);
    if (!safe_copy(name, (const BYTE *)in + PIPE_WAIT_NAME_OFFSET, name_bytes))
        return STATUS_ACCESS_VIOLATION_;
    chan_decide_pipe_name(&chan_ctx, name, name_bytes / sizeof(WCHAR), &d);
    trace_object("NtFsControlFile(FSCTL_PIPE_WAIT)", "pipe", name, name_bytes / sizeof(WCHAR), &d);
    if (d.verdict == OBJ_DENY)
        return (NTSTATUS)obj_deny_status(d.reason, 0);
    name_bytes = (ULONG)(d.length * sizeof(WCHAR));
    memcpy(buffer.raw + 8, &name_bytes, sizeof(name_bytes));
    memcpy(buffer.raw + PIPE_WAIT_NAME_OFFSET, d.name, name_bytes);
    return HOOK_ORIGINAL(NtFsControlFile)(file, event, apc, apc_context, io, code, buffer.raw,
                                          PIPE_WAIT_NAME_OFFSET + name_bytes, out, out_length);
}
