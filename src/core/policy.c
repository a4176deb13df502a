#include "policy.h"

#include <stdio.h>
#include <string.h>

#include "glob.h"
#include "ini.h"

/* Every entry here is a host object that ordinary programs need to share
 * with programs outside their VM for the system itself to work. Anything a
 * program uses to find *another copy of itself* must not be here. */
const struct policy_default policy_default_open[] = {
    { "__wine_*", "Wine's own cross-process locks (the font cache, the print spooler): Wine internals shared by every process of the prefix, not program IPC" },
    { "display_device_init", "Wine's user32 serialises the set-up of display devices in the registry, which VMs share with the host" },
    { "PowerProfileRegistrySemaphore", "powrprof guards the power-profile registry keys, which VMs share with the host" },
    { "DBWinMutex", "OutputDebugString: lets a debugger on the host see a VM program's debug output" },
    { "DBWIN_BUFFER", "OutputDebugString's shared buffer" },
    { "DBWIN_BUFFER_READY", "OutputDebugString's handshake event" },
    { "DBWIN_DATA_READY", "OutputDebugString's handshake event" },
};
const size_t policy_default_open_count = sizeof(policy_default_open) / sizeof(policy_default_open[0]);

/* Pipes a VM shares with the host until plume runs those brokers per VM
 * (principle 3, a later step): without them COM and the service API fail. */
const struct policy_default policy_default_pipes[] = {
    { "lrpc\\epmapper", "the RPC endpoint mapper of the host's RPCSS (ncalrpc under Wine), until each VM has its own" },
    { "epmapper", "the same endpoint mapper over ncacn_np" },
    { "lrpc\\irot", "the running object table of the host's RPCSS (COM), until each VM has its own" },
    { "lrpc\\irpcss", "COM class activation by the host's RPCSS, until each VM has its own" },
    { "svcctl", "the host's service control manager (OpenSCManager), until each VM has its own" },
    { "plugplay", "the host's Plug and Play service (device notifications)" },
    { "ntsvcs", "the same service under its Windows name" },
};
const size_t policy_default_pipes_count = sizeof(policy_default_pipes) / sizeof(policy_default_pipes[0]);

/* No system mailslot is needed by ordinary programs. */
const struct policy_default policy_default_mailslots[] = { { NULL, NULL } };
const size_t policy_default_mailslots_count = 0;

/* The endpoint mapper's port, for the same reason as its pipe. */
const struct policy_default policy_default_ports[] = {
    { "epmapper", "the RPC endpoint mapper of the host's RPCSS (ncalrpc on Windows), until each VM has its own" },
};
const size_t policy_default_ports_count = sizeof(policy_default_ports) / sizeof(policy_default_ports[0]);

static int policy_fail(char *err, size_t errlen, const char *fmt, const char *arg)
{
    if (err && errlen)
        snprintf(err, errlen, fmt, arg);
    return -1;
}

/* Decodes UTF-8 into UTF-16; returns the number of units or -1. */
static long policy_utf8_to_16(const char *in, uint16_t *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t n = 0;

    while (*s) {
        uint32_t c;
        int extra;

        if (s[0] < 0x80) {
            c = s[0];
            extra = 0;
        } else if ((s[0] & 0xe0) == 0xc0) {
            c = s[0] & 0x1f;
            extra = 1;
        } else if ((s[0] & 0xf0) == 0xe0) {
            c = s[0] & 0x0f;
            extra = 2;
        } else if ((s[0] & 0xf8) == 0xf0) {
            c = s[0] & 0x07;
            extra = 3;
        } else {
            return -1;
        }
        s++;
        {
            static const uint32_t least[4] = { 0, 0x80, 0x800, 0x10000 };
            uint32_t min = least[extra];

            while (extra--) {
                if ((*s & 0xc0) != 0x80)
                    return -1;
                c = (c << 6) | (*s++ & 0x3f);
            }
            /* Overlong forms and code points past U+10FFFF are not UTF-8. */
            if (c < min || c > 0x10ffff)
                return -1;
        }
        if (c >= 0xd800 && c <= 0xdfff)
            return -1;
        if (c >= 0x10000) {
            if (n + 2 > cap)
                return -1;
            c -= 0x10000;
            out[n++] = (uint16_t)(0xd800 | (c >> 10));
            out[n++] = (uint16_t)(0xdc00 | (c & 0x3ff));
        } else {
            if (n + 1 > cap)
                return -1;
            out[n++] = (uint16_t)c;
        }
    }
    return (long)n;
}

static int policy_has_prefix(const uint16_t *s, size_t len, const char *prefix)
{
    size_t i, plen = strlen(prefix);

    if (len < plen)
        return 0;
    for (i = 0; i < plen; i++)
        if (glob_fold16(s[i]) != glob_fold16((uint16_t)prefix[i]))
            return 0;
    return 1;
}

int policy_add(struct policy_list *list, const char *pattern, char *err, size_t errlen)
{
    uint16_t *slot;
    long n;

    if (!list || !pattern || !*pattern)
        return policy_fail(err, errlen, "empty pattern%s", "");
    if (list->count >= POLICY_MAX_PATTERNS)
        return policy_fail(err, errlen, "more than 64 patterns in one list (at '%.40s')", pattern);
    slot = list->pattern[list->count];
    n = policy_utf8_to_16(pattern, slot, POLICY_PATTERN_MAX);
    if (n <= 0)
        return policy_fail(err, errlen, "pattern '%.40s' is longer than 128 characters or not UTF-8", pattern);
    list->length[list->count] = (uint16_t)n;
    list->bare[list->count] = !(slot[0] == '\\' || policy_has_prefix(slot, (size_t)n, "global\\") ||
                                policy_has_prefix(slot, (size_t)n, "local\\") ||
                                policy_has_prefix(slot, (size_t)n, "session\\"));
    list->count++;
    return 0;
}

void policy_init_for(struct policy *policy, const char *section, const struct policy_default *defaults,
                     size_t count)
{
    size_t i;

    memset(policy, 0, sizeof(*policy));
    policy->section = section;
    policy->defaults = defaults;
    policy->default_count = count;
    for (i = 0; i < count; i++)
        policy_add(&policy->open, defaults[i].pattern, NULL, 0);
}

void policy_init(struct policy *policy)
{
    policy_init_for(policy, "objects", policy_default_open, policy_default_open_count);
}

struct policy_ini_ctx {
    struct policy *policy;
    char *err;
    size_t errlen;
    int failed;
};

static int policy_add_list(struct policy_ini_ctx *c, struct policy_list *list, const char *value, unsigned line)
{
    char item[POLICY_PATTERN_MAX * 4 + 1], reason[128];
    const char *p = value;

    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t a = 0, b = n;

        while (a < b && (p[a] == ' ' || p[a] == '\t'))
            a++;
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
            b--;
        if (b > a) {
            if (b - a >= sizeof(item)) {
                snprintf(c->err, c->errlen, "line %u: a pattern is longer than 128 characters", line);
                return 1;
            }
            memcpy(item, p + a, b - a);
            item[b - a] = 0;
            if (policy_add(list, item, reason, sizeof(reason))) {
                snprintf(c->err, c->errlen, "line %u: %s", line, reason);
                return 1;
            }
        }
        if (!end)
            break;
        p = end + 1;
    }
    return 0;
}

/* Removes the built-in defaults that policy_init put at the head of LIST,
 * keeping the patterns a vm.ini added before its "defaults = no". */
static void policy_drop_defaults(struct policy *policy)
{
    struct policy_list *list = &policy->open;
    uint16_t units[POLICY_PATTERN_MAX];
    size_t i, n = policy->default_count;

    if (list->count < n)
        return;
    for (i = 0; i < n; i++) {
        long len = policy_utf8_to_16(policy->defaults[i].pattern, units, POLICY_PATTERN_MAX);

        if (len != (long)list->length[i] || memcmp(units, list->pattern[i], (size_t)len * sizeof(units[0])))
            return;
    }
    list->count -= n;
    memmove(list->length, list->length + n, list->count * sizeof(list->length[0]));
    memmove(list->bare, list->bare + n, list->count * sizeof(list->bare[0]));
    memmove(list->pattern, list->pattern + n, list->count * sizeof(list->pattern[0]));
}

static int policy_ini_key(void *ctx, const char *section, const char *key, const char *value, unsigned line)
{
    struct policy_ini_ctx *c = ctx;

    if (!c->policy->section || strcmp(section, c->policy->section))
        return 0;
    if (!strcmp(key, "open"))
        return policy_add_list(c, &c->policy->open, value, line);
    if (!strcmp(key, "closed"))
        return policy_add_list(c, &c->policy->closed, value, line);
    if (!strcmp(key, "defaults")) {
        if (!strcmp(value, "no") || !strcmp(value, "false") || !strcmp(value, "0")) {
            policy_drop_defaults(c->policy);
            return 0;
        }
        if (!strcmp(value, "yes") || !strcmp(value, "true") || !strcmp(value, "1"))
            return 0;
        snprintf(c->err, c->errlen, "line %u: defaults must be yes or no", line);
        return 1;
    }
    snprintf(c->err, c->errlen, "line %u: unknown key '%.32s' in [%s] (expected open, closed or defaults)",
             line, key, c->policy->section);
    return 1;
}

int policy_load_ini(struct policy *policy, const char *text, size_t len, char *err, size_t errlen)
{
    char scratch[2];
    struct policy_ini_ctx ctx = { policy, err ? err : scratch, err ? errlen : sizeof(scratch), 0 };
    struct ini_error ierr;
    int rc;

    rc = ini_parse(text, len, policy_ini_key, &ctx, &ierr);
    if (rc == -1) {
        if (err && errlen)
            snprintf(err, errlen, "line %u: %s", ierr.line, ierr.message);
        return -1;
    }
    return rc ? -1 : 0;
}

int policy_match(const struct policy_list *list, const uint16_t *view, size_t view_len,
                 const uint16_t *bare_name, size_t bare_len)
{
    size_t i;

    for (i = 0; i < list->count; i++) {
        if (list->bare[i]) {
            if (bare_name && glob_match16(list->pattern[i], list->length[i], bare_name, bare_len))
                return 1;
        } else if (glob_match16(list->pattern[i], list->length[i], view, view_len)) {
            return 1;
        }
    }
    return 0;
}
