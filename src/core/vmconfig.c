#include "vmconfig.h"

#include <stdio.h>
#include <string.h>

#include "ini.h"

struct vmconfig_ctx {
    struct vm_config *cfg;
    char *err;
    size_t errlen;
    int have_name;
};

static int vmconfig_bool(const char *value, int *out)
{
    if (!strcmp(value, "yes") || !strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "on")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(value, "no") || !strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "off")) {
        *out = 0;
        return 0;
    }
    return -1;
}

static int vmconfig_key(void *ctx, const char *section, const char *key, const char *value, unsigned line)
{
    struct vmconfig_ctx *c = ctx;

    if (!strcmp(section, "vm")) {
        if (!strcmp(key, "name")) {
            if (vmname_check(value) != VMNAME_OK) {
                snprintf(c->err, c->errlen, "line %u: [vm] name is not a valid VM name", line);
                return 1;
            }
            snprintf(c->cfg->name, sizeof(c->cfg->name), "%s", value);
            c->have_name = 1;
            return 0;
        }
        if (!strcmp(key, "created")) {
            snprintf(c->cfg->created, sizeof(c->cfg->created), "%s", value);
            return 0;
        }
        snprintf(c->err, c->errlen, "line %u: unknown key '%.32s' in [vm]", line, key);
        return 1;
    }
    if (!strcmp(section, "trace")) {
        if (!strcmp(key, "enabled") && !vmconfig_bool(value, &c->cfg->trace))
            return 0;
        snprintf(c->err, c->errlen, "line %u: [trace] takes 'enabled = yes|no'", line);
        return 1;
    }
    return 0;
}

int vmconfig_parse(const char *text, size_t len, struct vm_config *cfg, char *err, size_t errlen)
{
    char scratch[160];
    struct vmconfig_ctx ctx = { cfg, err ? err : scratch, err ? errlen : sizeof(scratch), 0 };
    struct ini_error ierr;
    int rc;

    memset(cfg, 0, sizeof(*cfg));
    policy_init(&cfg->policy);
    policy_init_for(&cfg->pipes, "pipes", policy_default_pipes, policy_default_pipes_count);
    policy_init_for(&cfg->mailslots, "mailslots", policy_default_mailslots, policy_default_mailslots_count);
    policy_init_for(&cfg->ports, "ports", policy_default_ports, policy_default_ports_count);
    if (len > VMCONFIG_MAX_BYTES) {
        snprintf(ctx.err, ctx.errlen, "larger than 64 KiB");
        return -1;
    }
    rc = ini_parse(text, len, vmconfig_key, &ctx, &ierr);
    if (rc == -1) {
        snprintf(ctx.err, ctx.errlen, "line %u: %s", ierr.line, ierr.message);
        return -1;
    }
    if (rc)
        return -1;
    if (!ctx.have_name) {
        snprintf(ctx.err, ctx.errlen, "no valid [vm] name");
        return -1;
    }
    if (policy_load_ini(&cfg->policy, text, len, ctx.err, ctx.errlen) ||
        policy_load_ini(&cfg->pipes, text, len, ctx.err, ctx.errlen) ||
        policy_load_ini(&cfg->mailslots, text, len, ctx.err, ctx.errlen) ||
        policy_load_ini(&cfg->ports, text, len, ctx.err, ctx.errlen))
        return -1;
    return 0;
}

struct vmconfig_out {
    char *out;
    size_t cap, len;
    int overflow;
};

static void vmconfig_emit(struct vmconfig_out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        o->overflow = 1;
        return;
    }
    memcpy(o->out + o->len, s, n);
    o->len += n;
    o->out[o->len] = 0;
}

static void vmconfig_emit_key(struct vmconfig_out *o, const char *key, const char *value)
{
    vmconfig_emit(o, key, strlen(key));
    vmconfig_emit(o, " = ", 3);
    vmconfig_emit(o, value, strlen(value));
    vmconfig_emit(o, "\r\n", 2);
}

/* The section name of a "[name]" line, trimmed, into NAME; 0 if not one. */
static int vmconfig_section_of(const char *a, const char *b, char *name, size_t cap)
{
    while (a < b && (*a == ' ' || *a == '\t'))
        a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
        b--;
    if (b - a < 2 || *a != '[' || b[-1] != ']')
        return 0;
    a++;
    b--;
    while (a < b && (*a == ' ' || *a == '\t'))
        a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
        b--;
    if ((size_t)(b - a) >= cap)
        return 0;
    memcpy(name, a, (size_t)(b - a));
    name[b - a] = 0;
    return 1;
}

static int vmconfig_line_has_key(const char *a, const char *b, const char *key)
{
    size_t n = strlen(key);

    while (a < b && (*a == ' ' || *a == '\t'))
        a++;
    if ((size_t)(b - a) < n || memcmp(a, key, n))
        return 0;
    a += n;
    while (a < b && (*a == ' ' || *a == '\t'))
        a++;
    return a < b && *a == '=';
}

long vmconfig_set(const char *text, size_t len, const char *section, const char *key, const char *value,
                  char *out, size_t cap)
{
    struct vmconfig_out o = { out, cap, 0, 0 };
    char current[INI_SECTION_MAX + 1] = "";
    const char *p = text, *end = text + len;
    int in_section = 0, done = 0;

    if (!out || !cap || !section || !key || !value || (!text && len))
        return -1;
    out[0] = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        const char *line_end = eol ? eol : end;
        char name[INI_SECTION_MAX + 1];
        size_t line_len = (size_t)(line_end - p);

        /* As ini_parse counts it: the CR of a CRLF is not part of the line. */
        if (eol && line_len && line_end[-1] == '\r')
            line_len--;
        if (line_len > INI_LINE_MAX)
            return -1;
        if (vmconfig_section_of(p, line_end, name, sizeof(name))) {
            if (in_section && !done) {
                vmconfig_emit_key(&o, key, value);
                done = 1;
            }
            snprintf(current, sizeof(current), "%s", name);
            in_section = !strcmp(current, section);
        } else if (in_section && !done && vmconfig_line_has_key(p, line_end, key)) {
            vmconfig_emit_key(&o, key, value);
            done = 1;
            p = next;
            continue;
        }
        vmconfig_emit(&o, p, (size_t)(next - p));
        if (!eol && next == end && p < end)
            vmconfig_emit(&o, "\r\n", 2);
        p = next;
    }
    if (!done) {
        if (!in_section) {
            vmconfig_emit(&o, "[", 1);
            vmconfig_emit(&o, section, strlen(section));
            vmconfig_emit(&o, "]\r\n", 3);
        }
        vmconfig_emit_key(&o, key, value);
    }
    return o.overflow ? -1 : (long)o.len;
}
