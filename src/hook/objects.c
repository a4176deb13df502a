/* Named kernel objects (principle 1): mutexes, events, semaphores, timers,
 * sections, jobs, I/O completion ports, keyed events, event pairs, object
 * directories and symbolic links.
 *
 * Every create and open goes through the same three steps:
 *  1. objcall_begin copies the program's OBJECT_ATTRIBUTES and name (safely,
 *     so a bad pointer is an error code and not a crash, and so another
 *     thread cannot change the name between the check and the call), joins a
 *     RootDirectory's name to the relative name, and asks core/objname.c
 *     what the full name means inside this VM;
 *  2. the original system call runs on plume's copy, with the rewritten
 *     name and no RootDirectory;
 *  3. objcall_end asks the kernel which object was actually reached and
 *     closes it again if that object is not this VM's to use. */
#include <windows.h>
#include <winternl.h>
#include <string.h>

#include "../core/objname.h"
#include "hook_table.h"
#include "objects.h"
#include "safe_copy.h"
#include "trace.h"
#include "vm_state.h"

#define STATUS_OBJECT_PATH_SYNTAX_BAD_ ((NTSTATUS)0xC000003BL)
#define STATUS_OBJECT_NAME_INVALID_    ((NTSTATUS)0xC0000033L)
#define STATUS_ACCESS_VIOLATION_       ((NTSTATUS)0xC0000005L)

struct obj_context obj_ctx;

/* Size of the buffer NtQueryObject fills with an OBJECT_NAME_INFORMATION. */
#define OBJ_NAME_INFO_BYTES (sizeof(OBJECT_NAME_INFORMATION) + (OBJ_NAME_MAX + 1) * sizeof(WCHAR))

/* The full NT name of HANDLE into OUT. Returns 0, or a failure status; an
 * unnamed object gives length 0. */
NTSTATUS obj_query_name(HANDLE handle, uint16_t *out, size_t cap, size_t *len)
{
    union {
        OBJECT_NAME_INFORMATION info;
        BYTE raw[OBJ_NAME_INFO_BYTES];
    } buffer;
    ULONG returned = 0;
    NTSTATUS status;
    size_t n;

    *len = 0;
    status = NtQueryObject(handle, ObjectNameInformation, &buffer, sizeof(buffer), &returned);
    if (!NT_SUCCESS(status))
        return status;
    n = buffer.info.Name.Length / sizeof(WCHAR);
    if (n > cap)
        return (NTSTATUS)obj_deny_status(OBJR_TOO_LONG, 0);
    if (n)
        memcpy(out, buffer.info.Name.Buffer, n * sizeof(WCHAR));
    *len = n;
    return 0;
}

/* The names of BaseNamedObjects directory handles used as RootDirectory.
 * kernelbase opens its session's directory once and names every Win32
 * object relative to it, so asking the kernel for that handle's name on
 * every call would double the cost of a named call. Only handles whose name
 * is a BaseNamedObjects directory are kept. Should the program close one and
 * the value come back for another directory, the name plume builds is still
 * inside this VM's namespace, and the reached object is checked after the
 * call anyway: a stale entry can misplace an object, never leak one. */
#define OBJ_ROOT_CACHE 16
#define OBJ_ROOT_NAME_MAX 64

struct obj_root_entry {
    volatile LONG state; /* 0 free, 1 being written, 2 ready */
    HANDLE handle;
    size_t length;
    uint16_t name[OBJ_ROOT_NAME_MAX];
};

static struct obj_root_entry obj_root_cache[OBJ_ROOT_CACHE];

int obj_root_lookup(HANDLE root, uint16_t *out, size_t *len)
{
    int i;

    for (i = 0; i < OBJ_ROOT_CACHE; i++) {
        struct obj_root_entry *e = &obj_root_cache[i];

        if (e->state == 2 && e->handle == root) {
            memcpy(out, e->name, e->length * sizeof(uint16_t));
            *len = e->length;
            return 1;
        }
    }
    return 0;
}

void obj_root_add(HANDLE root, const uint16_t *name, size_t len)
{
    int i;

    if (len > OBJ_ROOT_NAME_MAX)
        return;
    for (i = 0; i < OBJ_ROOT_CACHE; i++) {
        struct obj_root_entry *e = &obj_root_cache[i];

        if (InterlockedCompareExchange(&e->state, 1, 0) != 0)
            continue;
        e->handle = root;
        e->length = len;
        memcpy(e->name, name, len * sizeof(uint16_t));
        MemoryBarrier();
        e->state = 2;
        return;
    }
}

static void obj_root_remember(HANDLE root, const uint16_t *name, size_t len)
{
    struct obj_parsed parsed;

    if (obj_parse(name, len, &parsed) || parsed.scope == OBJ_SCOPE_OTHER || parsed.rest_len != 0)
        return;
    obj_root_add(root, name, len);
}

int objcall_copy_name(struct obj_call *c, POBJECT_ATTRIBUTES user, UNICODE_STRING *name)
{
    if (!user)
        return 0;
    if (!safe_copy(&c->attr, user, sizeof(c->attr))) {
        c->status = STATUS_ACCESS_VIOLATION_;
        return -1;
    }
    if (!c->attr.ObjectName)
        return 0;
    /* The kernel reads Length bytes and would fault on a NULL buffer. */
    if (!safe_copy(name, c->attr.ObjectName, sizeof(*name)) || (name->Length && !name->Buffer)) {
        c->status = STATUS_ACCESS_VIOLATION_;
        return -1;
    }
    return 1;
}

static void obj_decider(const void *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                        struct obj_decision *d)
{
    obj_decide(ctx, path, len, mode, d);
}

static int objcall_begin(struct obj_call *c, POBJECT_ATTRIBUTES user, const char *call, const char *type,
                         int is_create, POBJECT_ATTRIBUTES *use)
{
    return objcall_begin_with(c, user, call, type, is_create, obj_decider, &obj_ctx, use);
}

int objcall_begin_with(struct obj_call *c, POBJECT_ATTRIBUTES user, const char *call, const char *type,
                       int is_create, objcall_decider decide, const void *decide_ctx, POBJECT_ATTRIBUTES *use)
{
    UNICODE_STRING user_name;
    size_t root_len = 0, name_len;

    c->call = call;
    c->type = type;
    c->is_create = is_create;
    c->named = 0;
    c->decide = decide;
    c->decide_ctx = decide_ctx;
    *use = user;
    if (!vm_self.in_vm)
        return 1;
    switch (objcall_copy_name(c, user, &user_name)) {
    case 0: return 1;
    case -1: return 0;
    }
    /* An odd length is not a name. MaximumLength plays no part in a lookup. */
    if (user_name.Length & 1) {
        c->status = STATUS_OBJECT_NAME_INVALID_;
        return 0;
    }
    name_len = user_name.Length / sizeof(WCHAR);
    c->named = 1;

    if (c->attr.RootDirectory && !obj_root_lookup(c->attr.RootDirectory, c->path, &root_len)) {
        NTSTATUS status = obj_query_name(c->attr.RootDirectory, c->path, OBJ_NAME_MAX, &root_len);

        if (!NT_SUCCESS(status)) {
            c->status = status;
            return 0;
        }
        obj_root_remember(c->attr.RootDirectory, c->path, root_len);
        if (root_len == 0) {
            /* An unnamed directory is reachable only through its handle:
             * nothing a name could confine. */
            c->named = 0;
            return 1;
        }
    }
    if (root_len + 1 + name_len > OBJ_NAME_MAX) {
        c->path_len = 0;
        c->d.verdict = OBJ_DENY;
        c->d.reason = OBJR_TOO_LONG;
        c->d.length = 0;
        trace_object(call, type, c->path, 0, &c->d);
        c->status = (NTSTATUS)obj_deny_status(OBJR_TOO_LONG, is_create);
        return 0;
    }
    if (root_len && name_len)
        c->path[root_len++] = '\\';
    if (name_len && !safe_copy(c->path + root_len, user_name.Buffer, name_len * sizeof(WCHAR))) {
        c->status = STATUS_ACCESS_VIOLATION_;
        return 0;
    }
    c->path_len = root_len + name_len;
    /* A relative name needs a root; an absolute one must not have one. */
    if ((c->attr.RootDirectory && name_len && c->path[root_len] == '\\') ||
        (!c->attr.RootDirectory && (!name_len || c->path[0] != '\\'))) {
        c->status = STATUS_OBJECT_PATH_SYNTAX_BAD_;
        return 0;
    }

    c->decide(c->decide_ctx, c->path, c->path_len, OBJ_MODE_REQUEST, &c->d);
    trace_object(call, type, c->path, c->path_len, &c->d);
    if (c->d.verdict == OBJ_DENY) {
        c->status = (NTSTATUS)obj_deny_status(c->d.reason, is_create);
        return 0;
    }
    c->name.Buffer = (PWSTR)c->d.name;
    c->name.Length = c->name.MaximumLength = (USHORT)(c->d.length * sizeof(WCHAR));
    c->attr.Length = sizeof(c->attr);
    c->attr.ObjectName = &c->name;
    c->attr.RootDirectory = NULL;
    *use = &c->attr;
    return 1;
}

/* After a successful call: is the object that was reached this VM's to use?
 * A symbolic link, or a name the policy let through, could lead elsewhere. */
NTSTATUS objcall_end(struct obj_call *c, PHANDLE user_handle, NTSTATUS status)
{
    HANDLE handle = NULL, none = NULL;
    size_t len;

    if (!c->named || !NT_SUCCESS(status) || !safe_copy(&handle, user_handle, sizeof(handle)) || !handle)
        return status;
    /* The decision buffer is free now: reuse it for the reached name. */
    if (!NT_SUCCESS(obj_query_name(handle, c->path, OBJ_NAME_MAX, &len)) || !len)
        return status;
    c->decide(c->decide_ctx, c->path, len, OBJ_MODE_REACHED, &c->d);
    if (c->d.verdict != OBJ_DENY)
        return status;
    trace_reached(c->call, c->type, c->path, len, &c->d);
    NtClose(handle);
    safe_copy(user_handle, &none, sizeof(none));
    return (NTSTATUS)obj_deny_status(c->d.reason == OBJR_HOST ? OBJR_HOST : OBJR_OTHER_VM, c->is_create);
}

#define OBJ_UNPACK(...) __VA_ARGS__

/* One handler per system call of the form
 * NTSTATUS Nt<Call>(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, EXTRA...). */
#define OBJ_HOOK(function, type, is_create, params, args)                                          \
    void *orig_##function;                                                                         \
    NTSTATUS NTAPI hook_##function(PHANDLE handle, ACCESS_MASK access,                             \
                                   POBJECT_ATTRIBUTES attr OBJ_UNPACK params);                    \
    NTSTATUS NTAPI hook_##function(PHANDLE handle, ACCESS_MASK access,                             \
                                   POBJECT_ATTRIBUTES attr OBJ_UNPACK params)                     \
    {                                                                                              \
        struct obj_call call;                                                                      \
        POBJECT_ATTRIBUTES use;                                                                    \
        NTSTATUS status;                                                                           \
                                                                                                   \
        if (!objcall_begin(&call, attr, #function, type, is_create, &use))                         \
            return call.status;                                                                    \
        status = HOOK_ORIGINAL(function)(handle, access, use OBJ_UNPACK args);                     \
        return objcall_end(&call, handle, status);                                                 \
    }

OBJ_HOOK(NtCreateMutant, "mutex", 1, (, BOOLEAN owner), (, owner))
OBJ_HOOK(NtOpenMutant, "mutex", 0, (), ())
OBJ_HOOK(NtCreateEvent, "event", 1, (, ULONG event_type, BOOLEAN state), (, event_type, state))
OBJ_HOOK(NtOpenEvent, "event", 0, (), ())
OBJ_HOOK(NtCreateSemaphore, "semaphore", 1, (, LONG initial, LONG maximum), (, initial, maximum))
OBJ_HOOK(NtOpenSemaphore, "semaphore", 0, (), ())
OBJ_HOOK(NtCreateTimer, "timer", 1, (, ULONG timer_type), (, timer_type))
OBJ_HOOK(NtOpenTimer, "timer", 0, (), ())
OBJ_HOOK(NtCreateSection, "section", 1,
         (, PLARGE_INTEGER size, ULONG protect, ULONG attributes, HANDLE file),
         (, size, protect, attributes, file))
OBJ_HOOK(NtCreateSectionEx, "section", 1,
         (, PLARGE_INTEGER size, ULONG protect, ULONG attributes, HANDLE file, PVOID parameters, ULONG count),
         (, size, protect, attributes, file, parameters, count))
OBJ_HOOK(NtOpenSection, "section", 0, (), ())
OBJ_HOOK(NtCreateJobObject, "job", 1, (), ())
OBJ_HOOK(NtOpenJobObject, "job", 0, (), ())
OBJ_HOOK(NtCreateIoCompletion, "iocompletion", 1, (, ULONG threads), (, threads))
OBJ_HOOK(NtOpenIoCompletion, "iocompletion", 0, (), ())
OBJ_HOOK(NtCreateKeyedEvent, "keyedevent", 1, (, ULONG flags), (, flags))
OBJ_HOOK(NtOpenKeyedEvent, "keyedevent", 0, (), ())
OBJ_HOOK(NtCreateEventPair, "eventpair", 1, (), ())
OBJ_HOOK(NtOpenEventPair, "eventpair", 0, (), ())
OBJ_HOOK(NtCreateDirectoryObject, "directory", 1, (), ())
OBJ_HOOK(NtCreateDirectoryObjectEx, "directory", 1, (, HANDLE shadow, ULONG flags), (, shadow, flags))
OBJ_HOOK(NtOpenDirectoryObject, "directory", 0, (), ())
OBJ_HOOK(NtOpenSymbolicLinkObject, "symlink", 0, (), ())

/* A symbolic link has a second name, its target, which the VM must also
 * not be able to point at another VM's objects. */
void *orig_NtCreateSymbolicLinkObject;
NTSTATUS NTAPI hook_NtCreateSymbolicLinkObject(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr,
                                               PUNICODE_STRING target);
NTSTATUS NTAPI hook_NtCreateSymbolicLinkObject(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attr,
                                               PUNICODE_STRING target)
{
    struct obj_call call;
    struct obj_decision target_d;
    uint16_t target_path[OBJ_NAME_MAX];
    UNICODE_STRING user_target, new_target;
    POBJECT_ATTRIBUTES use;
    size_t target_len;
    NTSTATUS status;

    if (!objcall_begin(&call, attr, "NtCreateSymbolicLinkObject", "symlink", 1, &use))
        return call.status;
    if (!vm_self.in_vm || !target)
        return objcall_end(&call, handle, HOOK_ORIGINAL(NtCreateSymbolicLinkObject)(handle, access, use, target));
    if (!safe_copy(&user_target, target, sizeof(user_target)))
        return STATUS_ACCESS_VIOLATION_;
    target_len = user_target.Length / sizeof(WCHAR);
    if (target_len && !user_target.Buffer)
        return STATUS_ACCESS_VIOLATION_;
    if ((user_target.Length & 1) || target_len > OBJ_NAME_MAX)
        return STATUS_OBJECT_NAME_INVALID_;
    if (target_len && !safe_copy(target_path, user_target.Buffer, target_len * sizeof(WCHAR)))
        return STATUS_ACCESS_VIOLATION_;
    obj_decide(&obj_ctx, target_path, target_len, OBJ_MODE_REQUEST, &target_d);
    trace_object("NtCreateSymbolicLinkObject", "symlink-target", target_path, target_len, &target_d);
    if (target_d.verdict == OBJ_DENY)
        return (NTSTATUS)obj_deny_status(target_d.reason, 1);
    new_target.Buffer = (PWSTR)target_d.name;
    new_target.Length = new_target.MaximumLength = (USHORT)(target_d.length * sizeof(WCHAR));
    status = HOOK_ORIGINAL(NtCreateSymbolicLinkObject)(handle, access, use, &new_target);
    return objcall_end(&call, handle, status);
}
