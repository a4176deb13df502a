/* libFuzzer target for object names and object policies. The input is read
 * twice: as UTF-16LE (an odd last byte dropped), an NT path decided for two
 * VMs in both modes; and as vm.ini text, loaded with policy_load_ini and
 * then used as the policy for a second round of the same decisions.
 *
 * Invariants (a violation traps):
 *  - every decided name is at most OBJ_NAME_MAX units;
 *  - PASS in REQUEST mode hands back the input unchanged;
 *  - PRIVATE output parses, lies in a BaseNamedObjects directory spelt
 *    plainly, and has this VM's tag right below it; deciding it again is
 *    OWN/PRIVATE with the same name in both modes, and another VM is denied;
 *  - REACHED agrees with REQUEST except that a renamed (host) name is DENY;
 *  - when both VMs get a PRIVATE name, the names differ;
 *  - a name that passes to the host, or is renamed, does not lead to a
 *    tagged name once every link in it is followed;
 *  - a loaded policy's lists stay within their limits, and a failed load
 *    says on which line.
 *
 * The same path is also decided as a message channel (core/channame.c): as
 * a pipe, mailslot or port path, and as the bare pipe name FSCTL_PIPE_WAIT
 * carries, with fixed channel policies, none, and the [pipes], [mailslots]
 * and [ports] sections of the input; see the block before
 * LLVMFuzzerTestOneInput for those invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/channame.h"
#include "core/objname.h"
#include "core/policy.h"

#define FO_ASSERT(cond)              \
    do {                             \
        if (!(cond))                 \
            __builtin_trap();        \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct policy fo_fixed;
static struct policy fo_loaded;
static struct obj_decision fo_req, fo_reached, fo_again, fo_other_req;

static void fo_fixed_policy(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    policy_init(&fo_fixed);
    FO_ASSERT(policy_add(&fo_fixed.open, "Local\\Foo*", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fo_fixed.open, "Global\\Shared?", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fo_fixed.open, "*App*", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fo_fixed.closed, "Local\\FooBad", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fo_fixed.closed, "__wine_evil", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fo_fixed.closed, "\\Device\\*", NULL, 0) == 0);
}

static int fo_same(const struct obj_decision *a, const struct obj_decision *b)
{
    return a->length == b->length && !memcmp(a->name, b->name, a->length * sizeof(a->name[0]));
}

static int fo_equal_nocase(const uint16_t *a, size_t alen, const uint16_t *b, size_t blen)
{
    size_t i;

    if (alen != blen)
        return 0;
    for (i = 0; i < alen; i++) {
        uint16_t x = a[i], y = b[i];

        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y)
            return 0;
    }
    return 1;
}

/* Whether NAME starts with the plain spelling of its directory. */
static int fo_plain_directory(const uint16_t *name, const struct obj_parsed *o)
{
    static const char global[] = "\\BaseNamedObjects\\";
    char expect[64];
    size_t i, n;

    if (o->scope == OBJ_SCOPE_GLOBAL) {
        memcpy(expect, global, sizeof(global));
    } else {
        char digits[12];
        uint32_t v = o->session;
        int d = 11;

        digits[d] = 0;
        do {
            digits[--d] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        strcpy(expect, "\\Sessions\\");
        strcat(expect, digits + d);
        strcat(expect, global);
    }
    n = strlen(expect);
    if (o->rest != n)
        return 0;
    for (i = 0; i < n; i++)
        if (name[i] != (uint16_t)expect[i])
            return 0;
    return 1;
}

static int fo_word(const uint16_t *s, size_t n, const char *word)
{
    size_t i;

    if (n != strlen(word))
        return 0;
    for (i = 0; i < n; i++) {
        uint16_t c = s[i];

        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != (uint16_t)word[i])
            return 0;
    }
    return 1;
}

/* Whether the name below the directory, once the kernel has followed every
 * Global, Local and Session\N link (with no limit), starts with the reserved
 * tag: such a name must never pass to the host. */
static int fo_resolves_to_tag(const uint16_t *path, size_t len, size_t pos)
{
    for (;;) {
        size_t c = 0, d = 0, k;

        while (pos + c < len && path[pos + c] != '\\')
            c++;
        if (pos + c >= len)
            break;
        if (fo_word(path + pos, c, "global") || fo_word(path + pos, c, "local")) {
            pos += c + 1;
            continue;
        }
        if (!fo_word(path + pos, c, "session"))
            break;
        while (pos + c + 1 + d < len && path[pos + c + 1 + d] != '\\')
            d++;
        if (pos + c + 1 + d >= len || d == 0 || d > 9)
            break;
        for (k = 0; k < d; k++)
            if (path[pos + c + 1 + k] < '0' || path[pos + c + 1 + k] > '9')
                break;
        if (k < d)
            break;
        pos += c + 1 + d + 1;
    }
    return len - pos >= 6 && fo_word(path + pos, 6, "plume!");
}

static void fo_check_private(const struct obj_context *ctx, const struct obj_context *other,
                             const uint16_t *path, size_t len, const struct obj_decision *d)
{
    struct obj_parsed o, in;

    FO_ASSERT(d->length > 0 && d->length <= OBJ_NAME_MAX);
    FO_ASSERT(d->reason == OBJR_RENAMED || d->reason == OBJR_OWN);
    FO_ASSERT(obj_parse(d->name, d->length, &o) == 0);
    FO_ASSERT(o.scope != OBJ_SCOPE_OTHER && o.rest_len > 0);
    FO_ASSERT(o.rest + o.rest_len == d->length);
    FO_ASSERT(fo_plain_directory(d->name, &o));
    FO_ASSERT(obj_private_prefix(ctx, d->name + o.rest, o.rest_len) > 0);
    FO_ASSERT(obj_private_prefix(other, d->name + o.rest, o.rest_len) == 0);
    FO_ASSERT(obj_listing_shows(ctx, o.scope, o.session, d->name + o.rest, o.rest_len));
    FO_ASSERT(!obj_listing_shows(other, o.scope, o.session, d->name + o.rest, o.rest_len));
    if (d->reason == OBJR_RENAMED) {
        /* Never a host object's name: the input was not tagged. */
        FO_ASSERT(!fo_equal_nocase(d->name, d->length, path, len));
        FO_ASSERT(obj_parse(path, len, &in) == 0 && in.scope != OBJ_SCOPE_OTHER && in.rest_len > 0);
        FO_ASSERT(!obj_private_prefix(ctx, path + in.rest, in.rest_len));
        FO_ASSERT(in.scope == o.scope && in.session == o.session);
    }
    obj_decide(ctx, d->name, d->length, OBJ_MODE_REQUEST, &fo_again);
    FO_ASSERT(fo_again.verdict == OBJ_PRIVATE && fo_again.reason == OBJR_OWN && fo_same(&fo_again, d));
    obj_decide(ctx, d->name, d->length, OBJ_MODE_REACHED, &fo_again);
    FO_ASSERT(fo_again.verdict == OBJ_PRIVATE && fo_again.reason == OBJR_OWN && fo_same(&fo_again, d));
    obj_decide(other, d->name, d->length, OBJ_MODE_REQUEST, &fo_again);
    FO_ASSERT(fo_again.verdict == OBJ_DENY && fo_again.reason == OBJR_OTHER_VM);
    obj_decide(other, d->name, d->length, OBJ_MODE_REACHED, &fo_again);
    FO_ASSERT(fo_again.verdict == OBJ_DENY && fo_again.reason == OBJR_OTHER_VM);
}

static void fo_decide_all(const struct policy *policy, const uint16_t *path, size_t len)
{
    const struct obj_context web = { "Web", 1, policy };
    const struct obj_context db = { "db-2", 3, policy };
    const struct obj_context *ctxs[2] = { &web, &db };
    struct obj_parsed parsed;
    int parse_rc, v;

    parse_rc = obj_parse(path, len, &parsed);
    if (parse_rc == 0) {
        FO_ASSERT(parsed.rest <= len && parsed.rest + parsed.rest_len == len);
        if (parsed.scope == OBJ_SCOPE_OTHER)
            FO_ASSERT(parsed.rest == 0 && parsed.session == 0);
        else if (parsed.rest_len)
            FO_ASSERT(parsed.rest > 0 && path[parsed.rest - 1] == '\\');
        if (parsed.scope == OBJ_SCOPE_GLOBAL)
            FO_ASSERT(parsed.session == 0);
    }

    for (v = 0; v < 2; v++) {
        const struct obj_context *ctx = ctxs[v], *other = ctxs[!v];

        obj_decide(ctx, path, len, OBJ_MODE_REQUEST, &fo_req);
        FO_ASSERT(fo_req.length <= OBJ_NAME_MAX);
        FO_ASSERT(fo_req.verdict <= OBJ_DENY && fo_req.reason <= OBJR_TOO_LONG);
        if (len > OBJ_NAME_MAX)
            FO_ASSERT(fo_req.verdict == OBJ_DENY && fo_req.reason == OBJR_TOO_LONG);
        else
            FO_ASSERT((parse_rc != 0) == (fo_req.reason == OBJR_BAD_NAME));
        switch (fo_req.reason) {
        case OBJR_SYSTEM:
            FO_ASSERT(parse_rc == 0 && parsed.scope == OBJ_SCOPE_OTHER && fo_req.verdict == OBJ_PASS);
            break;
        case OBJR_DIRECTORY:
            FO_ASSERT(parse_rc == 0 && parsed.scope != OBJ_SCOPE_OTHER && parsed.rest_len == 0);
            break;
        case OBJR_RENAMED:
        case OBJR_OWN:
        case OBJR_OTHER_VM:
            FO_ASSERT(parse_rc == 0 && parsed.scope != OBJ_SCOPE_OTHER && parsed.rest_len > 0);
            break;
        default:
            break;
        }
        if (fo_req.verdict == OBJ_PASS)
            FO_ASSERT(fo_req.length == len && !memcmp(fo_req.name, path, len * sizeof(path[0])));
        /* Nothing tagged reaches the host, however many links lead to it;
         * and a renamed name was not tagged at its end either. */
        if ((fo_req.verdict == OBJ_PASS || fo_req.reason == OBJR_RENAMED) && parsed.scope != OBJ_SCOPE_OTHER &&
            parsed.rest_len > 0)
            FO_ASSERT(!fo_resolves_to_tag(path, len, parsed.rest));
        if (fo_req.verdict == OBJ_PRIVATE)
            fo_check_private(ctx, other, path, len, &fo_req);
        FO_ASSERT(obj_deny_status(fo_req.reason, 0) >= 0xC0000000u);
        FO_ASSERT(obj_deny_status(fo_req.reason, 1) >= 0xC0000000u);

        obj_decide(ctx, path, len, OBJ_MODE_REACHED, &fo_reached);
        FO_ASSERT(fo_reached.length <= OBJ_NAME_MAX);
        if (fo_req.reason == OBJR_RENAMED) {
            FO_ASSERT(fo_reached.verdict == OBJ_DENY && fo_reached.reason == OBJR_HOST);
        } else if (fo_req.reason == OBJR_TOO_LONG && len <= OBJ_NAME_MAX && fo_reached.reason == OBJR_HOST) {
            /* Too long only once renamed; as reached, a host object. */
        } else {
            FO_ASSERT(fo_reached.verdict == fo_req.verdict && fo_reached.reason == fo_req.reason);
            if (fo_req.verdict != OBJ_DENY)
                FO_ASSERT(fo_same(&fo_reached, &fo_req));
        }
        if (fo_reached.verdict == OBJ_PASS)
            FO_ASSERT(fo_reached.length == len && !memcmp(fo_reached.name, path, len * sizeof(path[0])));

        /* The input as an entry of each directory listing. */
        if (len <= OBJ_NAME_MAX) {
            int own = obj_private_prefix(ctx, path, len) != 0;
            int shown_global = obj_listing_shows(ctx, OBJ_SCOPE_GLOBAL, 0, path, len);

            FO_ASSERT(!own || shown_global);
            (void)obj_listing_shows(ctx, OBJ_SCOPE_SESSION, ctx->session, path, len);
            (void)obj_listing_shows(ctx, OBJ_SCOPE_SESSION, ctx->session + 1, path, len);
        }

        if (v == 0)
            memcpy(&fo_other_req, &fo_req, sizeof(fo_req));
    }
    /* fo_other_req is web's decision, fo_req db's. */
    if (fo_other_req.verdict == OBJ_PRIVATE && fo_req.verdict == OBJ_PRIVATE)
        FO_ASSERT(!fo_equal_nocase(fo_other_req.name, fo_other_req.length, fo_req.name, fo_req.length));
}

static void fo_check_list(const struct policy_list *list)
{
    size_t i;

    FO_ASSERT(list->count <= POLICY_MAX_PATTERNS);
    for (i = 0; i < list->count; i++)
        FO_ASSERT(list->length[i] >= 1 && list->length[i] <= POLICY_PATTERN_MAX);
}

/* ---- Message channels ---------------------------------------------------
 *
 * Invariants (a violation traps):
 *  - every decided name is at most OBJ_NAME_MAX units, and a denial has none;
 *  - chan_parse's name ends the path and follows a backslash (or is empty,
 *    for a root spelt without its final backslash);
 *  - a path that is not a channel passes as SYSTEM, a channel root as
 *    DIRECTORY, both unchanged;
 *  - PASS for a channel is OPEN, spelt as the canonical root of its kind +
 *    the name, and that name does not carry the reserved tag;
 *  - PRIVATE output is the canonical root of its kind followed by
 *    plume!<vm>! (RENAMED: in lower case, then the name exactly; OWN: the
 *    name as given, whose tag names this VM in any case); deciding it again
 *    for the same VM gives OWN with the identical name in both modes, and
 *    for the other VM is DENY/OTHER_VM;
 *  - BAD_NAME exactly for names with an empty, "." or ".." component;
 *  - TOO_LONG only when root, tag and name could not fit;
 *  - REACHED agrees with REQUEST, except that a renamed name is a host
 *    channel (DENY/HOST);
 *  - two VMs never get the same renamed name;
 *  - a bare pipe name (FSCTL_PIPE_WAIT) is decided as \Device\NamedPipe\
 *    followed by it would be, without the root. */

static struct policy fc_pipes, fc_mailslots, fc_ports;    /* fixed */
static struct policy fc_lpipes, fc_lmailslots, fc_lports; /* the input's sections */
static struct obj_decision fc_req, fc_reached, fc_again, fc_first, fc_full;
static uint16_t fc_full_path[OBJ_NAME_MAX];

static void fc_fixed_policies(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    policy_init_for(&fc_pipes, "pipes", policy_default_pipes, policy_default_pipes_count);
    FO_ASSERT(policy_add(&fc_pipes.open, "shared\\*", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fc_pipes.open, "*App*", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fc_pipes.closed, "shared\\secret*", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fc_pipes.closed, "svcctl", NULL, 0) == 0);
    policy_init_for(&fc_mailslots, "mailslots", policy_default_mailslots, policy_default_mailslots_count);
    FO_ASSERT(policy_add(&fc_mailslots.open, "broad?ast", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fc_mailslots.closed, "x*", NULL, 0) == 0);
    policy_init_for(&fc_ports, "ports", policy_default_ports, policy_default_ports_count);
    FO_ASSERT(policy_add(&fc_ports.open, "OLE*", NULL, 0) == 0);
    FO_ASSERT(policy_add(&fc_ports.closed, "OLEsecret", NULL, 0) == 0);
}

static const char *fc_root(enum chan_kind kind)
{
    switch (kind) {
    case CHAN_PIPE: return "\\Device\\NamedPipe\\";
    case CHAN_MAILSLOT: return "\\Device\\Mailslot\\";
    default: return "\\RPC Control\\";
    }
}

/* Whether S (N units) starts with the ASCII PREFIX, exactly or ignoring
 * ASCII case. */
static int fc_starts(const uint16_t *s, size_t n, const char *prefix, int nocase)
{
    size_t i, p = strlen(prefix);

    if (n < p)
        return 0;
    for (i = 0; i < p; i++) {
        uint16_t c = s[i], e = (uint16_t)(unsigned char)prefix[i];

        if (nocase) {
            if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            if (e >= 'A' && e <= 'Z')
                e += 'a' - 'A';
        }
        if (c != e)
            return 0;
    }
    return 1;
}

/* An empty, "." or ".." component (a trailing backslash makes an empty
 * last one), written independently of channame.c. */
static int fc_malformed(const uint16_t *name, size_t len)
{
    size_t a = 0;

    for (;;) {
        size_t b = a;

        while (b < len && name[b] != '\\')
            b++;
        if (b == a || (b - a == 1 && name[a] == '.') || (b - a == 2 && name[a] == '.' && name[a + 1] == '.'))
            return 1;
        if (b == len)
            return 0;
        a = b + 1;
    }
}

/* "plume!" + the VM's name in lower case + "!" into OUT. */
static size_t fc_tag(const char *vm, char *out)
{
    size_t i, n = 0;

    memcpy(out, "plume!", 6);
    n = 6;
    for (i = 0; vm[i]; i++)
        out[n++] = (char)(vm[i] >= 'A' && vm[i] <= 'Z' ? vm[i] - 'A' + 'a' : vm[i]);
    out[n++] = '!';
    out[n] = 0;
    return n;
}

/* D is the PRIVATE decision for the channel name NAME; ROOT is its kind's
 * canonical root, or NULL for a bare pipe name. */
static void fc_check_private(const struct chan_context *ctx, const struct chan_context *other, const char *root,
                             const uint16_t *name, size_t name_len, const struct obj_decision *d)
{
    char tag[64];
    size_t t = fc_tag(ctx->vm, tag), r = root ? strlen(root) : 0;

    FO_ASSERT(d->length > r + t && d->length <= OBJ_NAME_MAX);
    FO_ASSERT(!root || fc_starts(d->name, d->length, root, 0));
    if (d->reason == OBJR_RENAMED) {
        FO_ASSERT(fc_starts(d->name + r, d->length - r, tag, 0));
        FO_ASSERT(d->length == r + t + name_len && !memcmp(d->name + r + t, name, name_len * sizeof(name[0])));
    } else {
        FO_ASSERT(d->reason == OBJR_OWN);
        FO_ASSERT(fc_starts(d->name + r, d->length - r, tag, 1));
        FO_ASSERT(d->length == r + name_len && !memcmp(d->name + r, name, name_len * sizeof(name[0])));
    }
    if (root) {
        chan_decide(ctx, d->name, d->length, OBJ_MODE_REQUEST, &fc_again);
        FO_ASSERT(fc_again.verdict == OBJ_PRIVATE && fc_again.reason == OBJR_OWN && fo_same(&fc_again, d));
        chan_decide(ctx, d->name, d->length, OBJ_MODE_REACHED, &fc_again);
        FO_ASSERT(fc_again.verdict == OBJ_PRIVATE && fc_again.reason == OBJR_OWN && fo_same(&fc_again, d));
        chan_decide(other, d->name, d->length, OBJ_MODE_REQUEST, &fc_again);
        FO_ASSERT(fc_again.verdict == OBJ_DENY && fc_again.reason == OBJR_OTHER_VM && fc_again.length == 0);
        chan_decide(other, d->name, d->length, OBJ_MODE_REACHED, &fc_again);
        FO_ASSERT(fc_again.verdict == OBJ_DENY && fc_again.reason == OBJR_OTHER_VM && fc_again.length == 0);
    } else {
        chan_decide_pipe_name(ctx, d->name, d->length, &fc_again);
        FO_ASSERT(fc_again.verdict == OBJ_PRIVATE && fc_again.reason == OBJR_OWN && fo_same(&fc_again, d));
        chan_decide_pipe_name(other, d->name, d->length, &fc_again);
        FO_ASSERT(fc_again.verdict == OBJ_DENY && fc_again.reason == OBJR_OTHER_VM && fc_again.length == 0);
    }
}

static void fc_decide_paths(const struct policy *pipes, const struct policy *mailslots, const struct policy *ports,
                            const uint16_t *path, size_t len)
{
    const struct chan_context web = { "Web", pipes, mailslots, ports };
    const struct chan_context db = { "db-2", pipes, mailslots, ports };
    const struct chan_context *ctxs[2] = { &web, &db };
    struct chan_parsed parsed;
    enum chan_kind kind = chan_parse(path, len, &parsed);
    const uint16_t *name = path + parsed.name;
    const char *root = fc_root(kind);
    size_t r = strlen(root);
    int v;

    FO_ASSERT(kind == parsed.kind && kind <= CHAN_PORT);
    if (kind == CHAN_NONE) {
        FO_ASSERT(parsed.name == 0 && parsed.name_len == 0);
    } else {
        FO_ASSERT(parsed.name > 0 && parsed.name + parsed.name_len == len);
        FO_ASSERT(path[parsed.name - 1] == '\\' || parsed.name_len == 0);
    }

    for (v = 0; v < 2; v++) {
        const struct chan_context *ctx = ctxs[v], *other = ctxs[!v];
        char tag[64];
        size_t t = fc_tag(ctx->vm, tag);

        chan_decide(ctx, path, len, OBJ_MODE_REQUEST, &fc_req);
        FO_ASSERT(fc_req.length <= OBJ_NAME_MAX);
        FO_ASSERT(fc_req.verdict <= OBJ_DENY && fc_req.reason <= OBJR_TOO_LONG);
        if (fc_req.verdict == OBJ_DENY)
            FO_ASSERT(fc_req.length == 0);
        if (len > OBJ_NAME_MAX) {
            FO_ASSERT(fc_req.verdict == OBJ_DENY && fc_req.reason == OBJR_TOO_LONG);
        } else if (kind == CHAN_NONE || parsed.name_len == 0) {
            FO_ASSERT(fc_req.verdict == OBJ_PASS);
            FO_ASSERT(fc_req.reason == (kind == CHAN_NONE ? OBJR_SYSTEM : OBJR_DIRECTORY));
            FO_ASSERT(fc_req.length == len && !memcmp(fc_req.name, path, len * sizeof(path[0])));
        } else {
            FO_ASSERT((fc_req.reason == OBJR_BAD_NAME) == fc_malformed(name, parsed.name_len));
            switch (fc_req.verdict) {
            case OBJ_PASS:
                FO_ASSERT(fc_req.reason == OBJR_OPEN);
                FO_ASSERT(fc_req.length == r + parsed.name_len && fc_starts(fc_req.name, fc_req.length, root, 0));
                FO_ASSERT(!memcmp(fc_req.name + r, name, parsed.name_len * sizeof(name[0])));
                FO_ASSERT(!fc_starts(name, parsed.name_len, "plume!", 1));
                break;
            case OBJ_PRIVATE:
                fc_check_private(ctx, other, root, name, parsed.name_len, &fc_req);
                break;
            default:
                FO_ASSERT(fc_req.reason == OBJR_BAD_NAME || fc_req.reason == OBJR_OTHER_VM ||
                          fc_req.reason == OBJR_CLOSED || fc_req.reason == OBJR_TOO_LONG);
                if (fc_req.reason == OBJR_OTHER_VM)
                    FO_ASSERT(fc_starts(name, parsed.name_len, "plume!", 1) &&
                              !(parsed.name_len > t && fc_starts(name, parsed.name_len, tag, 1)));
                if (fc_req.reason == OBJR_TOO_LONG)
                    FO_ASSERT(r + t + parsed.name_len > OBJ_NAME_MAX);
                break;
            }
        }

        chan_decide(ctx, path, len, OBJ_MODE_REACHED, &fc_reached);
        FO_ASSERT(fc_reached.length <= OBJ_NAME_MAX);
        FO_ASSERT(fc_reached.verdict <= OBJ_DENY && fc_reached.reason <= OBJR_TOO_LONG);
        if (fc_reached.verdict == OBJ_DENY)
            FO_ASSERT(fc_reached.length == 0);
        if (fc_req.reason == OBJR_RENAMED) {
            FO_ASSERT(fc_reached.verdict == OBJ_DENY && fc_reached.reason == OBJR_HOST);
        } else if (fc_req.reason == OBJR_TOO_LONG && len <= OBJ_NAME_MAX && fc_reached.reason == OBJR_HOST) {
            /* Too long only once renamed; as reached, a host channel. */
        } else {
            FO_ASSERT(fc_reached.verdict == fc_req.verdict && fc_reached.reason == fc_req.reason);
            if (fc_req.verdict != OBJ_DENY)
                FO_ASSERT(fo_same(&fc_reached, &fc_req));
        }
        if (v == 0)
            memcpy(&fc_first, &fc_req, sizeof(fc_req));
    }
    /* fc_first is web's decision, fc_req db's. */
    if (fc_first.reason == OBJR_RENAMED && fc_req.reason == OBJR_RENAMED)
        FO_ASSERT(!fo_equal_nocase(fc_first.name, fc_first.length, fc_req.name, fc_req.length));
}

static void fc_decide_pipe_names(const struct policy *pipes, const struct policy *mailslots,
                                 const struct policy *ports, const uint16_t *name, size_t len)
{
    const struct chan_context web = { "Web", pipes, mailslots, ports };
    const struct chan_context db = { "db-2", pipes, mailslots, ports };
    const struct chan_context *ctxs[2] = { &web, &db };
    const char *root = fc_root(CHAN_PIPE);
    size_t r = strlen(root), i;
    int v;

    for (v = 0; v < 2; v++) {
        const struct chan_context *ctx = ctxs[v], *other = ctxs[!v];

        chan_decide_pipe_name(ctx, name, len, &fc_req);
        FO_ASSERT(fc_req.length <= OBJ_NAME_MAX);
        FO_ASSERT(fc_req.verdict <= OBJ_DENY && fc_req.reason <= OBJR_TOO_LONG);
        if (fc_req.verdict == OBJ_DENY)
            FO_ASSERT(fc_req.length == 0);
        if (len == 0) {
            FO_ASSERT(fc_req.verdict == OBJ_DENY && fc_req.reason == OBJR_BAD_NAME);
            continue;
        }
        if (len > OBJ_NAME_MAX) {
            FO_ASSERT(fc_req.verdict == OBJ_DENY && fc_req.reason == OBJR_TOO_LONG);
            continue;
        }
        FO_ASSERT((fc_req.reason == OBJR_BAD_NAME) == fc_malformed(name, len));
        FO_ASSERT(fc_req.reason != OBJR_SYSTEM && fc_req.reason != OBJR_DIRECTORY && fc_req.reason != OBJR_HOST);
        if (fc_req.verdict == OBJ_PASS)
            FO_ASSERT(fc_req.reason == OBJR_OPEN && fc_req.length == len &&
                      !memcmp(fc_req.name, name, len * sizeof(name[0])) && !fc_starts(name, len, "plume!", 1));
        if (fc_req.verdict == OBJ_PRIVATE)
            fc_check_private(ctx, other, NULL, name, len, &fc_req);
        /* The same as the full path, wherever both fit. */
        if (len + r + 16 <= OBJ_NAME_MAX) {
            for (i = 0; i < r; i++)
                fc_full_path[i] = (uint16_t)(unsigned char)root[i];
            memcpy(fc_full_path + r, name, len * sizeof(name[0]));
            chan_decide(ctx, fc_full_path, r + len, OBJ_MODE_REQUEST, &fc_full);
            FO_ASSERT(fc_full.verdict == fc_req.verdict && fc_full.reason == fc_req.reason);
            if (fc_req.verdict != OBJ_DENY)
                FO_ASSERT(fc_full.length == r + fc_req.length &&
                          !memcmp(fc_full.name + r, fc_req.name, fc_req.length * sizeof(name[0])));
        }
    }
}

/* Every channel decision for PATH under the policies P, M and O. */
static void fc_decide_all(const struct policy *p, const struct policy *m, const struct policy *o,
                          const uint16_t *path, size_t len)
{
    struct chan_parsed parsed;

    fc_decide_paths(p, m, o, path, len);
    fc_decide_pipe_names(p, m, o, path, len);
    if (chan_parse(path, len, &parsed) == CHAN_PIPE)
        fc_decide_pipe_names(p, m, o, path + parsed.name, parsed.name_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = size / 2, i;
    uint16_t *path;
    char err[160];
    int rc;

    fo_fixed_policy();
    /* Exactly LEN units, so that ASan sees any read past the name. */
    path = malloc(len ? len * sizeof(*path) : 1);
    FO_ASSERT(path != NULL);
    for (i = 0; i < len; i++)
        path[i] = (uint16_t)(data[2 * i] | (data[2 * i + 1] << 8));

    fo_decide_all(&fo_fixed, path, len);
    fo_decide_all(NULL, path, len);

    /* The same bytes as vm.ini text. */
    policy_init(&fo_loaded);
    memset(err, 'X', sizeof(err));
    err[sizeof(err) - 1] = 0;
    rc = policy_load_ini(&fo_loaded, (const char *)data, size, err, sizeof(err));
    FO_ASSERT(rc == 0 || rc == -1);
    if (rc == -1)
        FO_ASSERT(!strncmp(err, "line ", 5) && memchr(err, 0, sizeof(err)));
    fo_check_list(&fo_loaded.open);
    fo_check_list(&fo_loaded.closed);
    if (rc == 0)
        fo_decide_all(&fo_loaded, path, len);
    /* Without an error buffer, the same verdict. */
    policy_init(&fo_loaded);
    FO_ASSERT(policy_load_ini(&fo_loaded, (const char *)data, size, NULL, 0) == rc);

    /* Message channels: fixed policies, none, and the input's own. */
    fc_fixed_policies();
    fc_decide_all(&fc_pipes, &fc_mailslots, &fc_ports, path, len);
    fc_decide_all(NULL, NULL, NULL, path, len);
    policy_init_for(&fc_lpipes, "pipes", policy_default_pipes, policy_default_pipes_count);
    policy_init_for(&fc_lmailslots, "mailslots", policy_default_mailslots, policy_default_mailslots_count);
    policy_init_for(&fc_lports, "ports", policy_default_ports, policy_default_ports_count);
    if (policy_load_ini(&fc_lpipes, (const char *)data, size, NULL, 0) == 0 &&
        policy_load_ini(&fc_lmailslots, (const char *)data, size, NULL, 0) == 0 &&
        policy_load_ini(&fc_lports, (const char *)data, size, NULL, 0) == 0) {
        fo_check_list(&fc_lpipes.open);
        fo_check_list(&fc_lpipes.closed);
        fo_check_list(&fc_lports.open);
        fc_decide_all(&fc_lpipes, &fc_lmailslots, &fc_lports, path, len);
    }
    free(path);
    return 0;
}
