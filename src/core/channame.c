#include "channame.h"

#include <string.h>

#include "glob.h"
#include "vmname.h"

struct chan_prefix {
    const char *text;      /* lower case, ends with a backslash */
    enum chan_kind kind;
};

/* Every way to the named-pipe and mailslot file systems and to the port
 * directory. \??\UNC\<local>\pipe\ reaches this machine's pipes through the
 * redirector, so it counts as local. */
static const struct chan_prefix chan_prefixes[] = {
    { "\\device\\namedpipe\\", CHAN_PIPE },
    { "\\??\\pipe\\", CHAN_PIPE },
    { "\\dosdevices\\pipe\\", CHAN_PIPE },
    { "\\global??\\pipe\\", CHAN_PIPE },
    { "\\??\\globalroot\\device\\namedpipe\\", CHAN_PIPE },
    { "\\??\\unc\\.\\pipe\\", CHAN_PIPE },
    { "\\??\\unc\\localhost\\pipe\\", CHAN_PIPE },
    { "\\??\\unc\\127.0.0.1\\pipe\\", CHAN_PIPE },
    { "\\??\\global\\pipe\\", CHAN_PIPE },
    { "\\global??\\unc\\localhost\\pipe\\", CHAN_PIPE },
    { "\\global??\\unc\\127.0.0.1\\pipe\\", CHAN_PIPE },
    { "\\dosdevices\\unc\\localhost\\pipe\\", CHAN_PIPE },
    { "\\dosdevices\\unc\\127.0.0.1\\pipe\\", CHAN_PIPE },
    { "\\device\\mup\\localhost\\pipe\\", CHAN_PIPE },
    { "\\device\\mup\\127.0.0.1\\pipe\\", CHAN_PIPE },
    { "\\device\\mailslot\\", CHAN_MAILSLOT },
    { "\\??\\global\\mailslot\\", CHAN_MAILSLOT },
    { "\\??\\mailslot\\", CHAN_MAILSLOT },
    { "\\dosdevices\\mailslot\\", CHAN_MAILSLOT },
    { "\\global??\\mailslot\\", CHAN_MAILSLOT },
    { "\\??\\globalroot\\device\\mailslot\\", CHAN_MAILSLOT },
    { "\\??\\unc\\.\\mailslot\\", CHAN_MAILSLOT },
    { "\\??\\unc\\localhost\\mailslot\\", CHAN_MAILSLOT },
    { "\\??\\unc\\127.0.0.1\\mailslot\\", CHAN_MAILSLOT },
    { "\\rpc control\\", CHAN_PORT },
};

static size_t chan_match_prefix(const uint16_t *path, size_t len, const char *prefix)
{
    size_t i, n = strlen(prefix);

    /* The root itself may come without its final backslash. */
    if (len == n - 1) {
        for (i = 0; i + 1 < n; i++)
            if (glob_fold16(path[i]) != (uint16_t)(unsigned char)prefix[i])
                return 0;
        return len;
    }
    if (len < n)
        return 0;
    for (i = 0; i < n; i++)
        if (glob_fold16(path[i]) != (uint16_t)(unsigned char)prefix[i])
            return 0;
    return n;
}

enum chan_kind chan_parse(const uint16_t *path, size_t len, struct chan_parsed *out)
{
    size_t i;

    if (!out)
        return CHAN_NONE;
    out->kind = CHAN_NONE;
    out->name = 0;
    out->name_len = 0;
    if (!path || !len)
        return CHAN_NONE;
    for (i = 0; i < sizeof(chan_prefixes) / sizeof(chan_prefixes[0]); i++) {
        size_t n = chan_match_prefix(path, len, chan_prefixes[i].text);

        if (n) {
            out->kind = chan_prefixes[i].kind;
            out->name = n;
            out->name_len = len - n;
            return out->kind;
        }
    }
    return CHAN_NONE;
}

/* Empty, "." and ".." components, and a trailing backslash. */
static int chan_name_is_malformed(const uint16_t *name, size_t len)
{
    size_t start = 0, i;

    for (i = 0; i <= len; i++) {
        if (i < len && name[i] != '\\')
            continue;
        if (i == start)
            return 1;
        if (i - start == 1 && name[start] == '.')
            return 1;
        if (i - start == 2 && name[start] == '.' && name[start + 1] == '.')
            return 1;
        start = i + 1;
    }
    return 0;
}

static const struct policy *chan_policy(const struct chan_context *ctx, enum chan_kind kind)
{
    switch (kind) {
    case CHAN_PIPE: return ctx->pipes;
    case CHAN_MAILSLOT: return ctx->mailslots;
    case CHAN_PORT: return ctx->ports;
    default: return NULL;
    }
}

static const char *chan_root(enum chan_kind kind)
{
    switch (kind) {
    case CHAN_PIPE: return "\\Device\\NamedPipe\\";
    case CHAN_MAILSLOT: return "\\Device\\Mailslot\\";
    default: return "\\RPC Control\\";
    }
}

static size_t chan_tag_len(const char *vm)
{
    return strlen(OBJ_PRIVATE_TAG) + strlen(vm) + 1;
}

/* Writes ROOT (may be NULL) + [tag] + NAME into D. Returns 0 on overflow. */
static int chan_write(struct obj_decision *d, const char *root, const char *vm, int tag, const uint16_t *name,
                      size_t len)
{
    size_t n = 0, i;
    char folded[VM_NAME_MAX + 1];

    if (root) {
        for (i = 0; root[i]; i++) {
            if (n >= OBJ_NAME_MAX)
                return 0;
            d->name[n++] = (uint16_t)(unsigned char)root[i];
        }
    }
    if (tag) {
        const char *t = OBJ_PRIVATE_TAG;

        vmname_fold(vm, folded);
        if (n + chan_tag_len(vm) > OBJ_NAME_MAX)
            return 0;
        for (i = 0; t[i]; i++)
            d->name[n++] = (uint16_t)(unsigned char)t[i];
        for (i = 0; folded[i]; i++)
            d->name[n++] = (uint16_t)(unsigned char)folded[i];
        d->name[n++] = '!';
    }
    if (n + len > OBJ_NAME_MAX)
        return 0;
    memcpy(d->name + n, name, len * sizeof(*name));
    d->length = n + len;
    return 1;
}

static void chan_set(struct obj_decision *d, enum obj_verdict verdict, enum obj_reason reason)
{
    d->verdict = verdict;
    d->reason = reason;
}

/* The decision about the channel name NAME of KIND; ROOT is prefixed to the
 * result (NULL: the bare name, for FSCTL_PIPE_WAIT). */
static void chan_decide_name(const struct chan_context *ctx, enum chan_kind kind, const uint16_t *name,
                             size_t len, enum obj_mode mode, const char *root, struct obj_decision *d)
{
    const struct obj_context octx = { ctx->vm, 0, NULL };
    const struct policy *policy = chan_policy(ctx, kind);

    d->length = 0;
    if (chan_name_is_malformed(name, len)) {
        chan_set(d, OBJ_DENY, OBJR_BAD_NAME);
        return;
    }
    if (obj_private_prefix(&octx, name, len)) {
        if (!chan_write(d, root, ctx->vm, 0, name, len)) {
            chan_set(d, OBJ_DENY, OBJR_TOO_LONG);
            return;
        }
        chan_set(d, OBJ_PRIVATE, OBJR_OWN);
        return;
    }
    if (len >= strlen(OBJ_PRIVATE_TAG)) {
        size_t i;

        for (i = 0; i < strlen(OBJ_PRIVATE_TAG); i++)
            if (glob_fold16(name[i]) != (uint16_t)OBJ_PRIVATE_TAG[i])
                break;
        if (i == strlen(OBJ_PRIVATE_TAG)) {
            chan_set(d, OBJ_DENY, OBJR_OTHER_VM);
            return;
        }
    }
    if (policy && policy_match(&policy->closed, name, len, name, len)) {
        chan_set(d, OBJ_DENY, OBJR_CLOSED);
        return;
    }
    if (policy && policy_match(&policy->open, name, len, name, len)) {
        if (!chan_write(d, root, ctx->vm, 0, name, len)) {
            chan_set(d, OBJ_DENY, OBJR_TOO_LONG);
            return;
        }
        chan_set(d, OBJ_PASS, OBJR_OPEN);
        return;
    }
    if (mode == OBJ_MODE_REACHED) {
        chan_set(d, OBJ_DENY, OBJR_HOST);
        return;
    }
    if (!chan_write(d, root, ctx->vm, 1, name, len)) {
        chan_set(d, OBJ_DENY, OBJR_TOO_LONG);
        return;
    }
    chan_set(d, OBJ_PRIVATE, OBJR_RENAMED);
}

void chan_decide(const struct chan_context *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                 struct obj_decision *d)
{
    struct chan_parsed parsed;

    d->length = 0;
    if (!ctx || !ctx->vm || vmname_check(ctx->vm) != VMNAME_OK) {
        chan_set(d, OBJ_DENY, OBJR_BAD_NAME);
        return;
    }
    if (!path && len) {
        /* A length without a buffer: nothing to copy or to pass. */
        chan_set(d, OBJ_DENY, OBJR_BAD_NAME);
        return;
    }
    if (len > OBJ_NAME_MAX) {
        chan_set(d, OBJ_DENY, OBJR_TOO_LONG);
        return;
    }
    if (chan_parse(path, len, &parsed) == CHAN_NONE) {
        if (path && len)
            memcpy(d->name, path, len * sizeof(*path));
        d->length = len;
        chan_set(d, OBJ_PASS, OBJR_SYSTEM);
        return;
    }
    if (parsed.name_len == 0) {
        /* The file system's root (WaitNamedPipe opens it) or the port
         * directory itself. */
        memcpy(d->name, path, len * sizeof(*path));
        d->length = len;
        chan_set(d, OBJ_PASS, OBJR_DIRECTORY);
        return;
    }
    chan_decide_name(ctx, parsed.kind, path + parsed.name, parsed.name_len, mode, chan_root(parsed.kind), d);
}

void chan_decide_pipe_name(const struct chan_context *ctx, const uint16_t *name, size_t len,
                           struct obj_decision *d)
{
    d->length = 0;
    if (!ctx || !ctx->vm || vmname_check(ctx->vm) != VMNAME_OK || !name || !len) {
        chan_set(d, OBJ_DENY, OBJR_BAD_NAME);
        return;
    }
    if (len > OBJ_NAME_MAX) {
        chan_set(d, OBJ_DENY, OBJR_TOO_LONG);
        return;
    }
    chan_decide_name(ctx, CHAN_PIPE, name, len, OBJ_MODE_REQUEST, NULL, d);
}

const char *chan_kind_name(enum chan_kind kind)
{
    switch (kind) {
    case CHAN_PIPE: return "pipe";
    case CHAN_MAILSLOT: return "mailslot";
    case CHAN_PORT: return "port";
    default: return "file";
    }
}
