/* LPC and ALPC ports (principle 1): a port a VM creates under \RPC Control
 * is renamed into the VM, and a VM's connection to \RPC Control\X reaches
 * the VM's own X. Servers name the port in OBJECT_ATTRIBUTES, clients mostly
 * in a bare UNICODE_STRING.
 *
 * Wine 8 implements none of these (NtCreatePort and NtConnectPort answer
 * STATUS_NOT_IMPLEMENTED, NtAlpc* is not exported): under Wine the decision
 * and the trace are what the tests see; the calls themselves only run on
 * Windows. */
#include <windows.h>
#include <winternl.h>
#include <string.h>

#include "../core/channame.h"
#include "hook_table.h"
#include "objects.h"
#include "safe_copy.h"
#include "trace.h"
#include "vm_state.h"

#define STATUS_ACCESS_VIOLATION_ ((NTSTATUS)0xC0000005L)
#define STATUS_OBJECT_NAME_INVALID_ ((NTSTATUS)0xC0000033L)
#define OBJ_UNPACK(...) __VA_ARGS__

extern struct chan_context chan_ctx;

static void port_decider(const void *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                         struct obj_decision *d)
{
    chan_decide(ctx, path, len, mode, d);
}

/* A port name given as a bare UNICODE_STRING (client side). */
struct port_name {
    UNICODE_STRING name;
    uint16_t path[OBJ_NAME_MAX];
    struct obj_decision d;
    NTSTATUS status;
};

/* Returns 1 with *USE set to plume's rewritten name (or the program's
 * NULL), 0 to answer PN->status. */
static int port_name_begin(struct port_name *pn, PUNICODE_STRING user, const char *call, PUNICODE_STRING *use)
{
    UNICODE_STRING copy;
    size_t len;

    *use = user;
    if (!vm_self.in_vm || !user)
        return 1;
    if (!safe_copy(&copy, user, sizeof(copy)) || (copy.Length && !copy.Buffer)) {
        pn->status = STATUS_ACCESS_VIOLATION_;
        return 0;
    }
    if (copy.Length & 1) {
        pn->status = STATUS_OBJECT_NAME_INVALID_;
        return 0;
    }
    len = copy.Length / sizeof(WCHAR);
    if (len > OBJ_NAME_MAX) {
        pn->status = (NTSTATUS)obj_deny_status(OBJR_TOO_LONG, 0);
        return 0;
    }
    if (len && !safe_copy(pn->path, copy.Buffer, copy.Length)) {
        pn->status = STATUS_ACCESS_VIOLATION_;
        return 0;
    }
    chan_decide(&chan_ctx, pn->path, len, OBJ_MODE_REQUEST, &pn->d);
    trace_object(call, "port", pn->path, len, &pn->d);
    if (pn->d.verdict == OBJ_DENY) {
        pn->status = (NTSTATUS)obj_deny_status(pn->d.reason, 0);
        return 0;
    }
    pn->name.Buffer = (PWSTR)pn->d.name;
    pn->name.Length = pn->name.MaximumLength = (USHORT)(pn->d.length * sizeof(WCHAR));
    *use = &pn->name;
    return 1;
}

/* Servers: NtCreatePort, NtCreateWaitablePort, NtAlpcCreatePort. */
#define PORT_CREATE_HOOK(function, params, args)                                                   \
    void *orig_##function;                                                                         \
    NTSTATUS NTAPI hook_##function(PHANDLE handle, POBJECT_ATTRIBUTES attr OBJ_UNPACK params);    \
    NTSTATUS NTAPI hook_##function(PHANDLE handle, POBJECT_ATTRIBUTES attr OBJ_UNPACK params)     \
    {                                                                                              \
        struct obj_call call;                                                                      \
        POBJECT_ATTRIBUTES use;                                                                    \
                                                                                                   \
        if (!objcall_begin_with(&call, attr, #function, "port", 1, port_decider, &chan_ctx, &use)) \
            return call.status;                                                                    \
        return objcall_end(&call, handle, HOOK_ORIGINAL(function)(handle, use OBJ_UNPACK args));   \
    }

PORT_CREATE_HOOK(NtCreatePort, (, ULONG info_length, ULONG message_length, ULONG pool),
                 (, info_length, message_length, pool))
PORT_CREATE_HOOK(NtCreateWaitablePort, (, ULONG info_length, ULONG message_length, ULONG pool),
                 (, info_length, message_length, pool))
PORT_CREATE_HOOK(NtAlpcCreatePort, (, PVOID port_attributes), (, port_attributes))

/* Clients naming the port in a UNICODE_STRING. */
void *orig_NtConnectPort;
NTSTATUS NTAPI hook_NtConnectPort(PHANDLE handle, PUNICODE_STRING name, PVOID qos, PVOID client_view,
                                  PVOID server_view, PULONG max_message, PVOID info, PULONG info_length);
NTSTATUS NTAPI hook_NtConnectPort(PHANDLE handle, PUNICODE_STRING name, PVOID qos, PVOID client_view,
                                  PVOID server_view, PULONG max_message, PVOID info, PULONG info_length)
{
    struct port_name pn;
    PUNICODE_STRING use;

    if (!port_name_begin(&pn, name, "NtConnectPort", &use))
        return pn.status;
    return HOOK_ORIGINAL(NtConnectPort)(handle, use, qos, client_view, server_view, max_message, info, info_length);
}

void *orig_NtSecureConnectPort;
NTSTATUS NTAPI hook_NtSecureConnectPort(PHANDLE handle, PUNICODE_STRING name, PVOID qos, PVOID client_view,
                                        PVOID server_sid, PVOID server_view, PULONG max_message, PVOID info,
                                        PULONG info_length);
NTSTATUS NTAPI hook_NtSecureConnectPort(PHANDLE handle, PUNICODE_STRING name, PVOID qos, PVOID client_view,
                                        PVOID server_sid, PVOID server_view, PULONG max_message, PVOID info,
                                        PULONG info_length)
{
    struct port_name pn;
    PUNICODE_STRING use;

    if (!port_name_begin(&pn, name, "NtSecureConnectPort", &use))
        return pn.status;
    return HOOK_ORIGINAL(NtSecureConnectPort)(handle, use, qos, client_view, server_sid, server_view, max_message,
                                              info, info_length);
}

void *orig_NtAlpcConnectPort;
NTSTATUS NTAPI hook_NtAlpcConnectPort(PHANDLE handle, PUNICODE_STRING name, POBJECT_ATTRIBUTES attr,
                                      PVOID port_attributes, ULONG flags, PVOID server_sid, PVOID message,
                                      PVOID buffer_length, PVOID out_attributes, PVOID in_attributes,
                                      PLARGE_INTEGER timeout);
NTSTATUS NTAPI hook_NtAlpcConnectPort(PHANDLE handle, PUNICODE_STRING name, POBJECT_ATTRIBUTES attr,
                                      PVOID port_attributes, ULONG flags, PVOID server_sid, PVOID message,
                                      PVOID buffer_length, PVOID out_attributes, PVOID in_attributes,
                                      PLARGE_INTEGER timeout)
{
    struct port_name pn;
    PUNICODE_STRING use;

    if (!port_name_begin(&pn, name, "NtAlpcConnectPort", &use))
        return pn.status;
    return HOOK_ORIGINAL(NtAlpcConnectPort)(handle, use, attr, port_attributes, flags, server_sid, message,
                                            buffer_length, out_attributes, in_attributes, timeout);
}

/* NtAlpcConnectPortEx names the server's port in OBJECT_ATTRIBUTES. */
void *orig_NtAlpcConnectPortEx;
NTSTATUS NTAPI hook_NtAlpcConnectPortEx(PHANDLE handle, POBJECT_ATTRIBUTES connection, POBJECT_ATTRIBUTES client,
                                        PVOID port_attributes, ULONG flags, PVOID server_sd, PVOID message,
                                        PVOID buffer_length, PVOID out_attributes, PVOID in_attributes,
                                        PLARGE_INTEGER timeout);
NTSTATUS NTAPI hook_NtAlpcConnectPortEx(PHANDLE handle, POBJECT_ATTRIBUTES connection, POBJECT_ATTRIBUTES client,
                                        PVOID port_attributes, ULONG flags, PVOID server_sd, PVOID message,
                                        PVOID buffer_length, PVOID out_attributes, PVOID in_attributes,
                                        PLARGE_INTEGER timeout)
{
    struct obj_call call;
    POBJECT_ATTRIBUTES use;

    if (!objcall_begin_with(&call, connection, "NtAlpcConnectPortEx", "port", 0, port_decider, &chan_ctx, &use))
        return call.status;
    return HOOK_ORIGINAL(NtAlpcConnectPortEx)(handle, use, client, port_attributes, flags, server_sd, message,
                                              buffer_length, out_attributes, in_attributes, timeout);
}
