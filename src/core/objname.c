#include "objname.h"

#include <string.h>

#include "glob.h"
#include "vmname.h"

#define OBJ_MAX_LINKS 8 /* Global\Local\Session hops followed before giving up */

static int obj_component_is(const uint16_t *s, size_t len, const char *word)
{
    size_t i, n = strlen(word);

    if (len != n)
        return 0;
    for (i = 0; i < n; i++)
        if (glob_fold16(s[i]) != (uint16_t)word[i])
            return 0;
    return 1;
}

static int obj_component_number(const uint16_t *s, size_t len, uint32_t *value)
{
    uint64_t v = 0;
    size_t i;

    if (len == 0 || len > 9)
        return 0;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *value = (uint32_t)v;
    return 1;
}

/* The component starting at POS: its length up to the next backslash. */
static size_t obj_component_len(const uint16_t *path, size_t len, size_t pos)
{
    size_t end = pos;

    while (end < len && path[end] != '\\')
        end++;
    return end - pos;
}

int obj_parse(const uint16_t *path, size_t len, struct obj_parsed *out)
{
    size_t i, pos, c1, c2, c3;
    uint32_t number;
    int hops;

    if (!path || !out || len == 0 || path[0] != '\\')
        return -1;
    out->scope = OBJ_SCOPE_OTHER;
    out->session = 0;
    out->rest = 0;
    out->rest_len = len;
    if (len == 1)
        return 0; /* the root directory */
    /* The object manager refuses empty components; so do we, so that what
     * we classify is what the kernel would parse. A NUL is an ordinary
     * character of a counted name, to the kernel and to us. */
    for (i = 0; i < len; i++)
        if (path[i] == '\\' && (i + 1 == len || path[i + 1] == '\\'))
            return -1;

    pos = 1;
    c1 = obj_component_len(path, len, pos);
    if (obj_component_is(path + pos, c1, "basenamedobjects")) {
        out->scope = OBJ_SCOPE_GLOBAL;
        pos += c1 + 1;
    } else if (obj_component_is(path + pos, c1, "sessions") && pos + c1 < len) {
        size_t p2 = pos + c1 + 1;

        c2 = obj_component_len(path, len, p2);
        if (p2 + c2 >= len)
            return 0;
        c3 = obj_component_len(path, len, p2 + c2 + 1);
        if (obj_component_number(path + p2, c2, &number) &&
            obj_component_is(path + p2 + c2 + 1, c3, "basenamedobjects")) {
            out->scope = OBJ_SCOPE_SESSION;
            out->session = number;
            pos = p2 + c2 + 1 + c3 + 1;
        } else if (obj_component_is(path + p2, c2, "bnolinks") &&
                   obj_component_number(path + p2 + c2 + 1, c3, &number)) {
            out->scope = OBJ_SCOPE_SESSION;
            out->session = number;
            pos = p2 + c2 + 1 + c3 + 1;
        } else {
            return 0;
        }
    } else {
        return 0;
    }

    /* Follow the links every BaseNamedObjects directory holds: Global leads
     * to \BaseNamedObjects, Local to the directory itself, Session\N to
     * session N's directory. A name with more links than OBJ_MAX_LINKS is
     * refused: left in the name, a link would be seen by the policy as part
     * of the object's name while the kernel follows it. */
    for (hops = 0; pos < len; hops++) {
        size_t c = obj_component_len(path, len, pos);

        if (pos + c >= len)
            break; /* the last component is the object itself */
        if (obj_component_is(path + pos, c, "global")) {
            out->scope = OBJ_SCOPE_GLOBAL;
            out->session = 0;
            pos += c + 1;
        } else if (obj_component_is(path + pos, c, "local")) {
            pos += c + 1;
        } else if (obj_component_is(path + pos, c, "session")) {
            size_t cn = obj_component_len(path, len, pos + c + 1);

            if (pos + c + 1 + cn >= len || !obj_component_number(path + pos + c + 1, cn, &number))
                break;
            out->scope = OBJ_SCOPE_SESSION;
            out->session = number;
            pos += c + 1 + cn + 1;
        } else {
            break;
        }
        if (hops + 1 > OBJ_MAX_LINKS)
            return -1;
    }
    if (pos > len)
        pos = len;
    out->rest = pos;
    out->rest_len = len - pos;
    return 0;
}

struct obj_writer {
    uint16_t *out;
    size_t cap, len;
    int overflow;
};

static void obj_put_ascii(struct obj_writer *w, const char *s)
{
    for (; *s; s++) {
        if (w->len >= w->cap) {
            w->overflow = 1;
            return;
        }
        w->out[w->len++] = (uint16_t)(unsigned char)*s;
    }
}

static void obj_put_units(struct obj_writer *w, const uint16_t *s, size_t n)
{
    if (w->len + n > w->cap) {
        w->overflow = 1;
        return;
    }
    memcpy(w->out + w->len, s, n * sizeof(*s));
    w->len += n;
}

static void obj_put_number(struct obj_writer *w, uint32_t v)
{
    char digits[12];
    int i = 11;

    digits[i] = 0;
    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v && i > 0);
    obj_put_ascii(w, digits + i);
}

static void obj_put_directory(struct obj_writer *w, enum obj_scope scope, uint32_t session)
{
    if (scope == OBJ_SCOPE_GLOBAL) {
        obj_put_ascii(w, "\\BaseNamedObjects\\");
    } else {
        obj_put_ascii(w, "\\Sessions\\");
        obj_put_number(w, session);
        obj_put_ascii(w, "\\BaseNamedObjects\\");
    }
}

/* The namespace-qualified form that policy patterns match: Global\X,
 * Local\X (the program's own session) or Session\N\X. */
static size_t obj_view(const struct obj_context *ctx, enum obj_scope scope, uint32_t session,
                       const uint16_t *name, size_t len, uint16_t *out, size_t cap)
{
    struct obj_writer w = { out, cap, 0, 0 };

    if (scope == OBJ_SCOPE_GLOBAL) {
        obj_put_ascii(&w, "Global\\");
    } else if (session == ctx->session) {
        obj_put_ascii(&w, "Local\\");
    } else {
        obj_put_ascii(&w, "Session\\");
        obj_put_number(&w, session);
        obj_put_ascii(&w, "\\");
    }
    obj_put_units(&w, name, len);
    return w.overflow ? 0 : w.len;
}

/* Whether LIST matches NAME in SCOPE. The program's own session is named
 * both Local\X and Session\N\X, so a pattern in either form matches. */
static int obj_policy_match(const struct obj_context *ctx, const struct policy_list *list, enum obj_scope scope,
                            uint32_t session, const uint16_t *name, size_t len)
{
    uint16_t view[OBJ_NAME_MAX + 32];
    size_t view_len = obj_view(ctx, scope, session, name, len, view, sizeof(view) / sizeof(view[0]));

    if (view_len && policy_match(list, view, view_len, name, len))
        return 1;
    if (scope == OBJ_SCOPE_SESSION && session == ctx->session) {
        struct obj_context other = *ctx;

        other.session = session + 1; /* any other number: the Session\N\ form */
        view_len = obj_view(&other, scope, session, name, len, view, sizeof(view) / sizeof(view[0]));
        if (view_len && policy_match(list, view, view_len, name, len))
            return 1;
    }
    return 0;
}

/* Length of "plume!VM!" when NAME starts with this VM's tag, else 0. */
size_t obj_private_prefix(const struct obj_context *ctx, const uint16_t *name, size_t len)
{
    size_t tag = strlen(OBJ_PRIVATE_TAG), vm = strlen(ctx->vm), i;

    if (len <= tag + vm + 1)
        return 0;
    for (i = 0; i < tag; i++)
        if (glob_fold16(name[i]) != (uint16_t)OBJ_PRIVATE_TAG[i])
            return 0;
    for (i = 0; i < vm; i++)
        if (glob_fold16(name[tag + i]) != glob_fold16((uint16_t)(unsigned char)ctx->vm[i]))
            return 0;
    if (name[tag + vm] != '!')
        return 0;
    return tag + vm + 1;
}

static int obj_has_tag(const uint16_t *name, size_t len)
{
    size_t tag = strlen(OBJ_PRIVATE_TAG), i;

    if (len < tag)
        return 0;
    for (i = 0; i < tag; i++)
        if (glob_fold16(name[i]) != (uint16_t)OBJ_PRIVATE_TAG[i])
            return 0;
    return 1;
}

static void obj_set(struct obj_decision *d, enum obj_verdict verdict, enum obj_reason reason)
{
    d->verdict = verdict;
    d->reason = reason;
}

static void obj_copy_input(struct obj_decision *d, const uint16_t *path, size_t len)
{
    memcpy(d->name, path, len * sizeof(*path));
    d->length = len;
}

void obj_decide(const struct obj_context *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                struct obj_decision *d)
{
    uint16_t view[OBJ_NAME_MAX + 32];
    struct obj_parsed parsed;
    struct obj_writer w;
    const uint16_t *rest;
    size_t view_len;

    d->length = 0;
    if (len > OBJ_NAME_MAX) {
        obj_set(d, OBJ_DENY, OBJR_TOO_LONG);
        return;
    }
    if (!ctx || !ctx->vm || vmname_check(ctx->vm) != VMNAME_OK || obj_parse(path, len, &parsed)) {
        obj_set(d, OBJ_DENY, OBJR_BAD_NAME);
        return;
    }
    obj_copy_input(d, path, len);
    if (parsed.scope == OBJ_SCOPE_OTHER) {
        if (ctx->policy && policy_match(&ctx->policy->closed, path, len, NULL, 0))
            obj_set(d, OBJ_DENY, OBJR_CLOSED);
        else
            obj_set(d, OBJ_PASS, OBJR_SYSTEM);
        return;
    }
    if (parsed.rest_len == 0) {
        obj_set(d, OBJ_PASS, OBJR_DIRECTORY);
        return;
    }
    rest = path + parsed.rest;

    /* Names carrying the reserved tag: this VM's own (reached through a
     * handle plume gave it, or spelt out) stay as they are; any other is
     * another VM's, which does not exist as far as this VM can tell. */
    if (obj_private_prefix(ctx, rest, parsed.rest_len)) {
        w.out = d->name;
        w.cap = OBJ_NAME_MAX;
        w.len = 0;
        w.overflow = 0;
        obj_put_directory(&w, parsed.scope, parsed.session);
        obj_put_units(&w, rest, parsed.rest_len);
        d->length = w.len;
        obj_set(d, w.overflow ? OBJ_DENY : OBJ_PRIVATE, w.overflow ? OBJR_TOO_LONG : OBJR_OWN);
        return;
    }
    if (obj_has_tag(rest, parsed.rest_len)) {
        obj_set(d, OBJ_DENY, OBJR_OTHER_VM);
        return;
    }

    view_len = obj_view(ctx, parsed.scope, parsed.session, rest, parsed.rest_len, view, sizeof(view) / sizeof(view[0]));
    if (!view_len) {
        obj_set(d, OBJ_DENY, OBJR_TOO_LONG);
        return;
    }
    if (ctx->policy &&
        obj_policy_match(ctx, &ctx->policy->closed, parsed.scope, parsed.session, rest, parsed.rest_len)) {
        obj_set(d, OBJ_DENY, OBJR_CLOSED);
        return;
    }
    if (ctx->policy &&
        obj_policy_match(ctx, &ctx->policy->open, parsed.scope, parsed.session, rest, parsed.rest_len)) {
        obj_set(d, OBJ_PASS, OBJR_OPEN);
        return;
    }
    if (mode == OBJ_MODE_REACHED) {
        obj_set(d, OBJ_DENY, OBJR_HOST);
        return;
    }
    w.out = d->name;
    w.cap = OBJ_NAME_MAX;
    w.len = 0;
    w.overflow = 0;
    obj_put_directory(&w, parsed.scope, parsed.session);
    obj_put_ascii(&w, OBJ_PRIVATE_TAG);
    {
        char folded[VM_NAME_MAX + 1];

        vmname_fold(ctx->vm, folded);
        obj_put_ascii(&w, folded);
    }
    obj_put_ascii(&w, "!");
    obj_put_units(&w, rest, parsed.rest_len);
    if (w.overflow) {
        d->length = 0;
        obj_set(d, OBJ_DENY, OBJR_TOO_LONG);
        return;
    }
    d->length = w.len;
    obj_set(d, OBJ_PRIVATE, OBJR_RENAMED);
}

int obj_listing_shows(const struct obj_context *ctx, enum obj_scope scope, uint32_t session,
                      const uint16_t *name, size_t len)
{
    uint16_t view[OBJ_NAME_MAX + 32];
    size_t view_len;

    if (!ctx || !ctx->vm || !name || !len)
        return 0;
    if (obj_private_prefix(ctx, name, len))
        return 1;
    if (obj_has_tag(name, len) || !ctx->policy)
        return 0;
    view_len = obj_view(ctx, scope, session, name, len, view, sizeof(view) / sizeof(view[0]));
    if (!view_len || obj_policy_match(ctx, &ctx->policy->closed, scope, session, name, len))
        return 0;
    return obj_policy_match(ctx, &ctx->policy->open, scope, session, name, len);
}

uint32_t obj_deny_status(enum obj_reason reason, int is_create)
{
    switch (reason) {
    case OBJR_BAD_NAME: return 0xC0000033u;  /* STATUS_OBJECT_NAME_INVALID */
    case OBJR_TOO_LONG: return 0xC0000106u;  /* STATUS_NAME_TOO_LONG */
    case OBJR_CLOSED: return 0xC0000022u;    /* STATUS_ACCESS_DENIED */
    case OBJR_OTHER_VM:
    case OBJR_HOST:
        return is_create ? 0xC0000022u : 0xC0000034u; /* ACCESS_DENIED : OBJECT_NAME_NOT_FOUND */
    default: return 0xC0000022u;
    }
}

const char *obj_reason_text(enum obj_reason reason)
{
    switch (reason) {
    case OBJR_SYSTEM: return "system";
    case OBJR_DIRECTORY: return "directory";
    case OBJR_OPEN: return "open";
    case OBJR_RENAMED: return "renamed";
    case OBJR_OWN: return "own";
    case OBJR_CLOSED: return "closed";
    case OBJR_OTHER_VM: return "other-vm";
    case OBJR_HOST: return "host";
    case OBJR_BAD_NAME: return "bad-name";
    case OBJR_TOO_LONG: return "too-long";
    }
    return "?";
}

const char *obj_verdict_text(enum obj_verdict verdict)
{
    switch (verdict) {
    case OBJ_PASS: return "host";
    case OBJ_PRIVATE: return "private";
    case OBJ_DENY: return "deny";
    }
    return "?";
}
