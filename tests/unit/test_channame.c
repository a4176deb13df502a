/* Message channels inside a VM: recognising named pipes, mailslots and
 * LPC/ALPC ports in all their spellings, renaming them per VM, the pipe and
 * port policies, and the bare pipe name of FSCTL_PIPE_WAIT. */
#include "unit.h"
#include "u16.h"

#include "core/channame.h"
#include "core/objname.h"
#include "core/policy.h"

#include <stdio.h>
#include <string.h>

#define CT_CAP (OBJ_NAME_MAX + 64)

#define ct_u16 unit_u16

#define ct_u8 unit_u8

#define ct_long(path, prefix, fill, len) unit_u16_long(path, CT_CAP, prefix, fill, len)

/* ---- chan_parse --------------------------------------------------------- */

static void ct_expect_parse(const char *file, int line, const char *prefix, const char *name,
                            enum chan_kind kind)
{
    static uint16_t p[CT_CAP];
    char path[600];
    size_t plen = ct_u16(prefix, p, CT_CAP), n;
    struct chan_parsed o;
    enum chan_kind got;
    int ok;

    snprintf(path, sizeof(path), "%s%s", prefix, name);
    n = ct_u16(path, p, CT_CAP);
    memset(&o, 0x5a, sizeof(o));
    got = chan_parse(p, n, &o);
    ok = unit_check_str(chan_kind_name(got), chan_kind_name(kind), file, line, "chan_parse", "expected kind");
    ok &= unit_check_str(chan_kind_name(o.kind), chan_kind_name(kind), file, line, "out.kind", "expected kind");
    if (kind == CHAN_NONE) {
        ok &= unit_check_int((long long)o.name, 0, file, line, "out.name", "0");
        ok &= unit_check_int((long long)o.name_len, 0, file, line, "out.name_len", "0");
    } else {
        ok &= unit_check_int((long long)o.name, (long long)plen, file, line, "out.name", "prefix length");
        ok &= unit_check_int((long long)o.name_len, (long long)(n - plen), file, line, "out.name_len",
                             "name length");
    }
    if (!ok)
        printf("    path %s\n", path);
}

/* PREFIX + NAME is a channel of KIND whose own name is NAME. */
#define EXPECT_CHAN(prefix, name, kind) ct_expect_parse(__FILE__, __LINE__, (prefix), (name), (kind))
#define EXPECT_NOT_CHAN(path) ct_expect_parse(__FILE__, __LINE__, (path), "", CHAN_NONE)

TEST(channame_parse_pipe_spellings)
{
    static const char *const pipes[] = {
        "\\??\\pipe\\",
        "\\Device\\NamedPipe\\",
        "\\device\\namedpipe\\",
        "\\DEVICE\\NAMEDPIPE\\",
        "\\DosDevices\\pipe\\",
        "\\GLOBAL??\\pipe\\",
        "\\global??\\PIPE\\",
        "\\??\\GLOBALROOT\\Device\\NamedPipe\\",
        "\\??\\UNC\\.\\pipe\\",
        "\\??\\UNC\\localhost\\pipe\\",
        "\\??\\unc\\LocalHost\\Pipe\\",
        "\\??\\UNC\\127.0.0.1\\pipe\\",
    };
    size_t i;

    for (i = 0; i < UNIT_COUNT(pipes); i++) {
        EXPECT_CHAN(pipes[i], "svc", CHAN_PIPE);
        EXPECT_CHAN(pipes[i], "lrpc\\X", CHAN_PIPE);
        EXPECT_CHAN(pipes[i], "", CHAN_PIPE);
    }
    /* Exact offsets of a few. */
    {
        uint16_t p[64];
        struct chan_parsed o;
        size_t n;

        n = ct_u16("\\??\\pipe\\svc", p, 64);
        CHECK_EQ_INT(chan_parse(p, n, &o), CHAN_PIPE);
        CHECK_EQ_U64(o.name, 9);
        CHECK_EQ_U64(o.name_len, 3);
        n = ct_u16("\\Device\\NamedPipe\\svc", p, 64);
        CHECK_EQ_INT(chan_parse(p, n, &o), CHAN_PIPE);
        CHECK_EQ_U64(o.name, 18);
        CHECK_EQ_U64(o.name_len, 3);
        n = ct_u16("\\??\\UNC\\127.0.0.1\\pipe\\a\\b", p, 64);
        CHECK_EQ_INT(chan_parse(p, n, &o), CHAN_PIPE);
        CHECK_EQ_U64(o.name, 23);
        CHECK_EQ_U64(o.name_len, 3);
        /* The root without its final backslash: an empty name at its end. */
        n = ct_u16("\\Device\\NamedPipe", p, 64);
        CHECK_EQ_INT(chan_parse(p, n, &o), CHAN_PIPE);
        CHECK_EQ_U64(o.name, 17);
        CHECK_EQ_U64(o.name_len, 0);
        n = ct_u16("\\??\\UNC\\localhost\\pipe", p, 64);
        CHECK_EQ_INT(chan_parse(p, n, &o), CHAN_PIPE);
        CHECK_EQ_U64(o.name, 22);
        CHECK_EQ_U64(o.name_len, 0);
    }
}

TEST(channame_parse_mailslots_and_ports)
{
    static const char *const slots[] = {
        "\\Device\\Mailslot\\",
        "\\device\\MAILSLOT\\",
        "\\??\\mailslot\\",
        "\\DosDevices\\mailslot\\",
        "\\GLOBAL??\\mailslot\\",
        "\\??\\GLOBALROOT\\Device\\Mailslot\\",
        "\\??\\UNC\\.\\mailslot\\",
        "\\??\\UNC\\localhost\\mailslot\\",
        "\\??\\UNC\\127.0.0.1\\mailslot\\",
    };
    size_t i;

    for (i = 0; i < UNIT_COUNT(slots); i++) {
        EXPECT_CHAN(slots[i], "slot", CHAN_MAILSLOT);
        EXPECT_CHAN(slots[i], "a\\b", CHAN_MAILSLOT);
    }
    EXPECT_CHAN("\\RPC Control\\", "epmapper", CHAN_PORT);
    EXPECT_CHAN("\\rpc control\\", "OLE1234", CHAN_PORT);
    EXPECT_CHAN("\\RPC CONTROL\\", "", CHAN_PORT);
    EXPECT_CHAN("\\RPC Control", "", CHAN_PORT);
}

TEST(channame_parse_other_paths)
{
    uint16_t p[8] = { '\\', '?', '?', '\\' };
    struct chan_parsed o;

    /* Remote machines and anything else are not this machine's channels. */
    EXPECT_NOT_CHAN("\\??\\UNC\\server\\pipe\\x");
    EXPECT_NOT_CHAN("\\??\\UNC\\127.0.0.2\\pipe\\x");
    EXPECT_NOT_CHAN("\\??\\UNC\\localhost2\\pipe\\x");
    EXPECT_NOT_CHAN("\\??\\UNC\\server\\mailslot\\x");
    EXPECT_NOT_CHAN("\\??\\C:\\pipe\\x");
    EXPECT_NOT_CHAN("\\??\\pipes\\x");
    EXPECT_NOT_CHAN("\\??\\pip");
    EXPECT_NOT_CHAN("\\Device\\NamedPipeX\\y");
    EXPECT_NOT_CHAN("\\Device\\NamedPip");
    EXPECT_NOT_CHAN("\\Device\\HarddiskVolume1\\pipe\\x");
    EXPECT_NOT_CHAN("\\Device\\MailslotX");
    EXPECT_NOT_CHAN("\\RPC ControlX\\y");
    EXPECT_NOT_CHAN("\\RPC");
    EXPECT_NOT_CHAN("\\Windows\\ApiPort");
    EXPECT_NOT_CHAN("\\Sessions\\1\\Windows\\ApiPort");
    EXPECT_NOT_CHAN("\\BaseNamedObjects\\pipe\\x");
    EXPECT_NOT_CHAN("pipe\\x");
    EXPECT_NOT_CHAN("\\\\.\\pipe\\x");
    EXPECT_NOT_CHAN("");

    /* NULL arguments. */
    CHECK_EQ_INT(chan_parse(p, 4, NULL), CHAN_NONE);
    memset(&o, 0x5a, sizeof(o));
    CHECK_EQ_INT(chan_parse(NULL, 9, &o), CHAN_NONE);
    CHECK_EQ_INT(o.kind, CHAN_NONE);
    CHECK_EQ_U64(o.name, 0);
    CHECK_EQ_U64(o.name_len, 0);
    CHECK_EQ_INT(chan_parse(p, 0, &o), CHAN_NONE);

    CHECK_STR(chan_kind_name(CHAN_PIPE), "pipe");
    CHECK_STR(chan_kind_name(CHAN_MAILSLOT), "mailslot");
    CHECK_STR(chan_kind_name(CHAN_PORT), "port");
    CHECK_STR(chan_kind_name(CHAN_NONE), "file");
}

/* ---- chan_decide -------------------------------------------------------- */

static struct policy ct_pipes, ct_mailslots, ct_ports, ct_pipes_closing;

/* The built-in defaults of each kind, plus:
 *   pipes      open shared\*, closed shared\secret* and evil*
 *   mailslots  open broadcast, closed forbidden
 *   ports      open OLE*, closed OLEsecret
 * and a second pipe policy that closes the default svcctl. */
static void ct_policies(void)
{
    policy_init_for(&ct_pipes, "pipes", policy_default_pipes, policy_default_pipes_count);
    policy_add(&ct_pipes.open, "shared\\*", NULL, 0);
    policy_add(&ct_pipes.closed, "shared\\secret*", NULL, 0);
    policy_add(&ct_pipes.closed, "evil*", NULL, 0);
    policy_init_for(&ct_mailslots, "mailslots", policy_default_mailslots, policy_default_mailslots_count);
    policy_add(&ct_mailslots.open, "broadcast", NULL, 0);
    policy_add(&ct_mailslots.closed, "forbidden", NULL, 0);
    policy_init_for(&ct_ports, "ports", policy_default_ports, policy_default_ports_count);
    policy_add(&ct_ports.open, "OLE*", NULL, 0);
    policy_add(&ct_ports.closed, "OLEsecret", NULL, 0);
    policy_init_for(&ct_pipes_closing, "pipes", policy_default_pipes, policy_default_pipes_count);
    policy_add(&ct_pipes_closing.closed, "svcctl", NULL, 0);
}

#define CT_CTX(name, vm) \
    const struct chan_context name = { (vm), &ct_pipes, &ct_mailslots, &ct_ports }

static struct obj_decision ct_d; /* kept off the stack */

static void ct_check(const char *file, int line, const char *what, const char *vm, int mode,
                     enum obj_verdict verdict, enum obj_reason reason, const char *name)
{
    static char got[CT_CAP * 4];
    int ok;

    ok = unit_check_str(obj_verdict_text(ct_d.verdict), obj_verdict_text(verdict), file, line, "verdict",
                        "expected verdict");
    ok &= unit_check_str(obj_reason_text(ct_d.reason), obj_reason_text(reason), file, line, "reason",
                         "expected reason");
    if (name) {
        ct_u8(ct_d.name, ct_d.length <= OBJ_NAME_MAX ? ct_d.length : 0, got, sizeof(got));
        ok &= unit_check_str(got, name, file, line, "decided name", "expected name");
    } else {
        /* A denial carries no name. */
        ok &= unit_check_int((long long)ct_d.length, 0, file, line, "length", "0");
    }
    if (!ok)
        printf("    for %s (vm %s, %s)\n", what, vm ? vm : "-",
               mode < 0 ? "pipe name" : mode == OBJ_MODE_REQUEST ? "request" : "reached");
}

static void ct_expect(const char *file, int line, const struct chan_context *ctx, const char *path,
                      enum obj_mode mode, enum obj_verdict verdict, enum obj_reason reason, const char *name)
{
    static uint16_t p[CT_CAP];
    size_t n = ct_u16(path, p, CT_CAP);

    memset(&ct_d, 0x5a, sizeof(ct_d));
    chan_decide(ctx, p, n, mode, &ct_d);
    ct_check(file, line, path, ctx ? ctx->vm : NULL, (int)mode, verdict, reason, name);
}

static void ct_expect_wait(const char *file, int line, const struct chan_context *ctx, const char *pipe,
                           enum obj_verdict verdict, enum obj_reason reason, const char *name)
{
    static uint16_t p[CT_CAP];
    size_t n = ct_u16(pipe, p, CT_CAP);

    memset(&ct_d, 0x5a, sizeof(ct_d));
    chan_decide_pipe_name(ctx, p, n, &ct_d);
    ct_check(file, line, pipe, ctx ? ctx->vm : NULL, -1, verdict, reason, name);
}

#define EXPECT(ctx, path, mode, verdict, reason, name) \
    ct_expect(__FILE__, __LINE__, (ctx), (path), (mode), (verdict), (reason), (name))
#define EXPECT_WAIT(ctx, pipe, verdict, reason, name) \
    ct_expect_wait(__FILE__, __LINE__, (ctx), (pipe), (verdict), (reason), (name))
#define RQ OBJ_MODE_REQUEST
#define RC OBJ_MODE_REACHED

TEST(channame_decide_pipe_spellings)
{
    static const char *const spellings[] = {
        "\\??\\pipe\\",
        "\\??\\PIPE\\",
        "\\Device\\NamedPipe\\",
        "\\device\\namedpipe\\",
        "\\DEVICE\\NAMEDPIPE\\",
        "\\DosDevices\\pipe\\",
        "\\dosdevices\\Pipe\\",
        "\\GLOBAL??\\pipe\\",
        "\\Global??\\pipe\\",
        "\\??\\GLOBALROOT\\Device\\NamedPipe\\",
        "\\??\\globalroot\\device\\NAMEDPIPE\\",
        "\\??\\UNC\\.\\pipe\\",
        "\\??\\UNC\\localhost\\pipe\\",
        "\\??\\UNC\\LOCALHOST\\PIPE\\",
        "\\??\\UNC\\127.0.0.1\\pipe\\",
    };
    char path[200];
    size_t i;

    ct_policies();
    {
        CT_CTX(web, "Web");
        CT_CTX(web_upper, "WEB");
        CT_CTX(db, "db-2");

        for (i = 0; i < UNIT_COUNT(spellings); i++) {
            snprintf(path, sizeof(path), "%ssvc", spellings[i]);
            EXPECT(&web, path, RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!svc");
            EXPECT(&web_upper, path, RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!svc");
            EXPECT(&db, path, RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!db-2!svc");
            /* Names with backslashes are renamed whole. */
            snprintf(path, sizeof(path), "%slrpc\\X", spellings[i]);
            EXPECT(&web, path, RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!lrpc\\X");
        }
        EXPECT(&web, "\\??\\pipe\\svc", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!svc");
        /* The pipe's own name keeps its case, its units and its depth. */
        EXPECT(&web, "\\??\\pipe\\MySvc_1.0", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!MySvc_1.0");
        EXPECT(&web, "\\??\\pipe\\\xc3\x91\x61me\xf0\x9f\x98\x80", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!\xc3\x91\x61me\xf0\x9f\x98\x80");
        EXPECT(&web, "\\Device\\NamedPipe\\a\\b\\c", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!a\\b\\c");
        EXPECT(&web, "\\??\\pipe\\...", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!...");
        EXPECT(&web, "\\??\\pipe\\.x\\..y", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!.x\\..y");
        /* Names that only look like the tag. */
        EXPECT(&web, "\\??\\pipe\\plume", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!plume");
        EXPECT(&web, "\\??\\pipe\\xplume!db!y", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!xplume!db!y");
        EXPECT(&web, "\\??\\pipe\\dir\\plume!db!y", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!dir\\plume!db!y");
        /* Spellings of other policies' names are just names here. */
        EXPECT(&web, "\\??\\pipe\\broadcast", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!broadcast");
        EXPECT(&web, "\\??\\pipe\\OLE1", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!OLE1");
    }
    {
        /* A NUL is an ordinary unit of a counted name. */
        const uint16_t nul[] = { '\\', '?', '?', '\\', 'p', 'i', 'p', 'e', '\\', 'x', 0, 'y' };
        const uint16_t expect[] = { '\\', 'D', 'e', 'v', 'i', 'c', 'e', '\\', 'N', 'a', 'm', 'e', 'd', 'P', 'i',
                                    'p', 'e', '\\', 'p', 'l', 'u', 'm', 'e', '!', 'w', 'e', 'b', '!', 'x', 0, 'y' };
        CT_CTX(web, "Web");

        chan_decide(&web, nul, UNIT_COUNT(nul), RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_PRIVATE);
        CHECK_EQ_INT(ct_d.reason, OBJR_RENAMED);
        REQUIRE(ct_d.length == UNIT_COUNT(expect));
        CHECK_MEM(ct_d.name, expect, sizeof(expect));
    }
}

TEST(channame_decide_not_channels)
{
    ct_policies();
    {
        CT_CTX(web, "Web");

        /* Remote machines' pipes are not confined here: left alone. */
        EXPECT(&web, "\\??\\UNC\\server\\pipe\\x", RQ, OBJ_PASS, OBJR_SYSTEM, "\\??\\UNC\\server\\pipe\\x");
        EXPECT(&web, "\\??\\UNC\\server\\pipe\\x", RC, OBJ_PASS, OBJR_SYSTEM, "\\??\\UNC\\server\\pipe\\x");
        EXPECT(&web, "\\??\\UNC\\10.0.0.1\\pipe\\svcctl", RQ, OBJ_PASS, OBJR_SYSTEM,
               "\\??\\UNC\\10.0.0.1\\pipe\\svcctl");
        EXPECT(&web, "\\??\\UNC\\server\\mailslot\\x", RQ, OBJ_PASS, OBJR_SYSTEM, "\\??\\UNC\\server\\mailslot\\x");
        /* Other ports. */
        EXPECT(&web, "\\Windows\\ApiPort", RQ, OBJ_PASS, OBJR_SYSTEM, "\\Windows\\ApiPort");
        EXPECT(&web, "\\Windows\\ApiPort", RC, OBJ_PASS, OBJR_SYSTEM, "\\Windows\\ApiPort");
        EXPECT(&web, "\\Sessions\\1\\Windows\\ApiPort", RQ, OBJ_PASS, OBJR_SYSTEM, "\\Sessions\\1\\Windows\\ApiPort");
        EXPECT(&web, "\\RPC ControlX\\epmapper", RQ, OBJ_PASS, OBJR_SYSTEM, "\\RPC ControlX\\epmapper");
        /* Files, and names that only resemble a channel root. */
        EXPECT(&web, "\\??\\C:\\pipe\\x", RQ, OBJ_PASS, OBJR_SYSTEM, "\\??\\C:\\pipe\\x");
        EXPECT(&web, "\\Device\\NamedPipeX\\y", RQ, OBJ_PASS, OBJR_SYSTEM, "\\Device\\NamedPipeX\\y");
        EXPECT(&web, "\\??\\pipes\\x", RQ, OBJ_PASS, OBJR_SYSTEM, "\\??\\pipes\\x");
        /* Tags and malformed names mean nothing outside the channels. */
        EXPECT(&web, "\\??\\C:\\plume!db!x\\..\\\\y\\", RQ, OBJ_PASS, OBJR_SYSTEM, "\\??\\C:\\plume!db!x\\..\\\\y\\");
        EXPECT(&web, "", RQ, OBJ_PASS, OBJR_SYSTEM, "");
    }
}

TEST(channame_decide_roots)
{
    ct_policies();
    {
        CT_CTX(web, "Web");

        /* The file system's root (WaitNamedPipe opens it) and the port
         * directory pass unchanged, in either mode. */
        EXPECT(&web, "\\Device\\NamedPipe", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\Device\\NamedPipe");
        EXPECT(&web, "\\Device\\NamedPipe\\", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\Device\\NamedPipe\\");
        EXPECT(&web, "\\Device\\NamedPipe\\", RC, OBJ_PASS, OBJR_DIRECTORY, "\\Device\\NamedPipe\\");
        EXPECT(&web, "\\device\\namedpipe\\", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\device\\namedpipe\\");
        EXPECT(&web, "\\??\\pipe\\", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\??\\pipe\\");
        EXPECT(&web, "\\??\\pipe", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\??\\pipe");
        EXPECT(&web, "\\??\\UNC\\localhost\\pipe", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\??\\UNC\\localhost\\pipe");
        EXPECT(&web, "\\??\\GLOBALROOT\\Device\\NamedPipe\\", RQ, OBJ_PASS, OBJR_DIRECTORY,
               "\\??\\GLOBALROOT\\Device\\NamedPipe\\");
        EXPECT(&web, "\\Device\\Mailslot\\", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\Device\\Mailslot\\");
        EXPECT(&web, "\\??\\mailslot", RC, OBJ_PASS, OBJR_DIRECTORY, "\\??\\mailslot");
        EXPECT(&web, "\\RPC Control", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\RPC Control");
        EXPECT(&web, "\\RPC Control\\", RQ, OBJ_PASS, OBJR_DIRECTORY, "\\RPC Control\\");
        EXPECT(&web, "\\rpc control\\", RC, OBJ_PASS, OBJR_DIRECTORY, "\\rpc control\\");
    }
}

TEST(channame_decide_mailslots)
{
    static const char *const spellings[] = {
        "\\Device\\Mailslot\\",
        "\\DEVICE\\MAILSLOT\\",
        "\\??\\mailslot\\",
        "\\DosDevices\\mailslot\\",
        "\\GLOBAL??\\mailslot\\",
        "\\??\\GLOBALROOT\\Device\\Mailslot\\",
        "\\??\\UNC\\.\\mailslot\\",
        "\\??\\UNC\\localhost\\mailslot\\",
        "\\??\\UNC\\127.0.0.1\\mailslot\\",
    };
    char path[200];
    size_t i;

    ct_policies();
    {
        CT_CTX(web, "Web");

        for (i = 0; i < UNIT_COUNT(spellings); i++) {
            snprintf(path, sizeof(path), "%sslot", spellings[i]);
            EXPECT(&web, path, RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\Mailslot\\plume!web!slot");
            snprintf(path, sizeof(path), "%sBroadcast", spellings[i]);
            EXPECT(&web, path, RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\Mailslot\\Broadcast");
        }
        EXPECT(&web, "\\??\\mailslot\\app\\events", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\Mailslot\\plume!web!app\\events");
        EXPECT(&web, "\\??\\mailslot\\forbidden", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&web, "\\??\\mailslot\\plume!web!slot", RQ, OBJ_PRIVATE, OBJR_OWN, "\\Device\\Mailslot\\plume!web!slot");
        EXPECT(&web, "\\??\\mailslot\\plume!db!slot", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\mailslot\\a\\..\\b", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&web, "\\Device\\Mailslot\\slot", RC, OBJ_DENY, OBJR_HOST, NULL);
        /* The pipe defaults do not open mailslots of the same name. */
        EXPECT(&web, "\\??\\mailslot\\svcctl", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\Mailslot\\plume!web!svcctl");
        EXPECT(&web, "\\??\\mailslot\\lrpc\\epmapper", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\Mailslot\\plume!web!lrpc\\epmapper");
    }
    CHECK_EQ_U64(policy_default_mailslots_count, 0);
}

TEST(channame_decide_ports)
{
    ct_policies();
    {
        CT_CTX(web, "Web");

        EXPECT(&web, "\\RPC Control\\LRPC-1234", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\RPC Control\\plume!web!LRPC-1234");
        EXPECT(&web, "\\rpc control\\LRPC-1234", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\RPC Control\\plume!web!LRPC-1234");
        EXPECT(&web, "\\RPC CONTROL\\a\\b", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\RPC Control\\plume!web!a\\b");
        /* The default: the endpoint mapper, spelt canonically. */
        EXPECT(&web, "\\RPC Control\\epmapper", RQ, OBJ_PASS, OBJR_OPEN, "\\RPC Control\\epmapper");
        EXPECT(&web, "\\rpc control\\EPMAPPER", RQ, OBJ_PASS, OBJR_OPEN, "\\RPC Control\\EPMAPPER");
        EXPECT(&web, "\\RPC Control\\epmapper", RC, OBJ_PASS, OBJR_OPEN, "\\RPC Control\\epmapper");
        EXPECT(&web, "\\RPC Control\\OLE5F3A", RQ, OBJ_PASS, OBJR_OPEN, "\\RPC Control\\OLE5F3A");
        EXPECT(&web, "\\RPC Control\\OLEsecret", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&web, "\\RPC Control\\olesecret", RC, OBJ_DENY, OBJR_CLOSED, NULL);
        /* Pipe defaults are not port defaults. */
        EXPECT(&web, "\\RPC Control\\svcctl", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\RPC Control\\plume!web!svcctl");
        EXPECT(&web, "\\RPC Control\\plume!web!LRPC-1", RQ, OBJ_PRIVATE, OBJR_OWN, "\\RPC Control\\plume!web!LRPC-1");
        EXPECT(&web, "\\RPC Control\\plume!db!LRPC-1", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\RPC Control\\..", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&web, "\\RPC Control\\LRPC-1", RC, OBJ_DENY, OBJR_HOST, NULL);
    }
}

TEST(channame_decide_default_pipes)
{
    char path[200], expect[200];
    size_t i;

    ct_policies();
    {
        CT_CTX(web, "Web");

        /* Every built-in open pipe passes, spelt canonically. */
        REQUIRE(policy_default_pipes_count == 7);
        for (i = 0; i < policy_default_pipes_count; i++) {
            snprintf(path, sizeof(path), "\\??\\pipe\\%s", policy_default_pipes[i].pattern);
            snprintf(expect, sizeof(expect), "\\Device\\NamedPipe\\%s", policy_default_pipes[i].pattern);
            EXPECT(&web, path, RQ, OBJ_PASS, OBJR_OPEN, expect);
            EXPECT(&web, path, RC, OBJ_PASS, OBJR_OPEN, expect);
            snprintf(path, sizeof(path), "\\??\\UNC\\localhost\\pipe\\%s", policy_default_pipes[i].pattern);
            EXPECT(&web, path, RQ, OBJ_PASS, OBJR_OPEN, expect);
            snprintf(path, sizeof(path), "\\Device\\NamedPipe\\%s", policy_default_pipes[i].pattern);
            EXPECT(&web, path, RC, OBJ_PASS, OBJR_OPEN, expect);
        }
        EXPECT(&web, "\\??\\pipe\\lrpc\\epmapper", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\lrpc\\epmapper");
        EXPECT(&web, "\\DosDevices\\pipe\\svcctl", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\svcctl");
        EXPECT(&web, "\\GLOBAL??\\pipe\\epmapper", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\epmapper");
        EXPECT(&web, "\\??\\UNC\\127.0.0.1\\pipe\\ntsvcs", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\ntsvcs");
        EXPECT(&web, "\\??\\GLOBALROOT\\Device\\NamedPipe\\lrpc\\irot", RQ, OBJ_PASS, OBJR_OPEN,
               "\\Device\\NamedPipe\\lrpc\\irot");
        EXPECT(&web, "\\??\\UNC\\.\\pipe\\plugplay", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\plugplay");
        /* Any case; the name keeps its own. */
        EXPECT(&web, "\\??\\PIPE\\SvcCtl", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\SvcCtl");
        EXPECT(&web, "\\??\\pipe\\LRPC\\IRPCSS", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\LRPC\\IRPCSS");
        /* Exact names only. */
        EXPECT(&web, "\\??\\pipe\\svcctl2", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!svcctl2");
        EXPECT(&web, "\\??\\pipe\\svcctl\\x", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!svcctl\\x");
        EXPECT(&web, "\\??\\pipe\\x\\svcctl", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!x\\svcctl");
        EXPECT(&web, "\\??\\pipe\\lrpc\\epmapperx", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\Device\\NamedPipe\\plume!web!lrpc\\epmapperx");
        EXPECT(&web, "\\??\\pipe\\irot", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!irot");
        /* The file's own patterns: shared\* open. */
        EXPECT(&web, "\\??\\pipe\\shared\\bus", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\shared\\bus");
        EXPECT(&web, "\\??\\pipe\\shared", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!shared");
    }
    {
        /* Without policies, every channel is private. */
        const struct chan_context bare = { "Web", NULL, NULL, NULL };

        EXPECT(&bare, "\\??\\pipe\\svcctl", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\NamedPipe\\plume!web!svcctl");
        EXPECT(&bare, "\\RPC Control\\epmapper", RQ, OBJ_PRIVATE, OBJR_RENAMED,
               "\\RPC Control\\plume!web!epmapper");
        EXPECT(&bare, "\\??\\mailslot\\x", RQ, OBJ_PRIVATE, OBJR_RENAMED, "\\Device\\Mailslot\\plume!web!x");
        EXPECT(&bare, "\\Device\\NamedPipe\\svcctl", RC, OBJ_DENY, OBJR_HOST, NULL);
    }
}

TEST(channame_decide_closed_wins)
{
    ct_policies();
    {
        CT_CTX(web, "Web");
        const struct chan_context closing = { "Web", &ct_pipes_closing, &ct_mailslots, &ct_ports };

        EXPECT(&web, "\\??\\pipe\\shared\\secret", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&web, "\\??\\pipe\\SHARED\\SecretKeys", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&web, "\\Device\\NamedPipe\\shared\\secret", RC, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&web, "\\??\\pipe\\evil", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&web, "\\??\\pipe\\evil\\inner", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
        /* A closed pattern beats a built-in open one. */
        EXPECT(&closing, "\\??\\pipe\\svcctl", RQ, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&closing, "\\Device\\NamedPipe\\SVCCTL", RC, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&closing, "\\??\\pipe\\epmapper", RQ, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\epmapper");
        EXPECT_WAIT(&closing, "svcctl", OBJ_DENY, OBJR_CLOSED, NULL);
        /* A VM's own tagged name is its own even when the bare name is closed. */
        EXPECT(&closing, "\\??\\pipe\\plume!web!svcctl", RQ, OBJ_PRIVATE, OBJR_OWN,
               "\\Device\\NamedPipe\\plume!web!svcctl");
    }
}

TEST(channame_decide_tags)
{
    ct_policies();
    {
        CT_CTX(web, "Web");
        CT_CTX(web_upper, "WEB");

        /* The VM's own names, in any case: the root is spelt canonically,
         * the name kept as it is. */
        EXPECT(&web, "\\??\\pipe\\plume!web!x", RQ, OBJ_PRIVATE, OBJR_OWN, "\\Device\\NamedPipe\\plume!web!x");
        EXPECT(&web, "\\Device\\NamedPipe\\plume!web!x", RQ, OBJ_PRIVATE, OBJR_OWN,
               "\\Device\\NamedPipe\\plume!web!x");
        EXPECT(&web, "\\??\\UNC\\.\\pipe\\PLUME!WEB!x", RQ, OBJ_PRIVATE, OBJR_OWN,
               "\\Device\\NamedPipe\\PLUME!WEB!x");
        EXPECT(&web_upper, "\\global??\\pipe\\Plume!Web!lrpc\\X", RQ, OBJ_PRIVATE, OBJR_OWN,
               "\\Device\\NamedPipe\\Plume!Web!lrpc\\X");
        EXPECT(&web, "\\??\\UNC\\127.0.0.1\\pipe\\plume!web!svcctl", RQ, OBJ_PRIVATE, OBJR_OWN,
               "\\Device\\NamedPipe\\plume!web!svcctl");
        EXPECT(&web, "\\Device\\NamedPipe\\plume!web!x", RC, OBJ_PRIVATE, OBJR_OWN, "\\Device\\NamedPipe\\plume!web!x");

        /* Other VMs' names, in any case and either mode, do not exist. */
        EXPECT(&web, "\\??\\pipe\\plume!db!x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\PLUME!DB!x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\Device\\NamedPipe\\Plume!Db!x", RC, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\plume!webx!x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\plume!we!x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\plume!db!svcctl", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\plume!db!lrpc\\epmapper", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\mailslot\\pLuMe!db!x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\RPC Control\\PLUME!other!x", RC, OBJ_DENY, OBJR_OTHER_VM, NULL);
        /* The reserved tag alone, or this VM's with no name. */
        EXPECT(&web, "\\??\\pipe\\plume!", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\Plume!", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\plume!!x", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\plume!web!", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\??\\pipe\\plume!web", RQ, OBJ_DENY, OBJR_OTHER_VM, NULL);
    }
}

TEST(channame_decide_malformed)
{
    static const char *const bad[] = {
        "x\\..\\y", "x\\.\\y", "x\\\\y", "x\\", "\\x", "\\", ".", "..", "..\\x", "x\\..", "x\\.",
        "svcctl\\", "lrpc\\epmapper\\", "plume!web!x\\..\\y", "plume!db!x\\", "shared\\..\\evil",
    };
    char path[200];
    size_t i;

    ct_policies();
    {
        CT_CTX(web, "Web");

        for (i = 0; i < UNIT_COUNT(bad); i++) {
            snprintf(path, sizeof(path), "\\??\\pipe\\%s", bad[i]);
            EXPECT(&web, path, RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
            snprintf(path, sizeof(path), "\\Device\\NamedPipe\\%s", bad[i]);
            EXPECT(&web, path, RC, OBJ_DENY, OBJR_BAD_NAME, NULL);
            snprintf(path, sizeof(path), "\\Device\\Mailslot\\%s", bad[i]);
            EXPECT(&web, path, RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
            snprintf(path, sizeof(path), "\\RPC Control\\%s", bad[i]);
            EXPECT(&web, path, RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
            EXPECT_WAIT(&web, bad[i], OBJ_DENY, OBJR_BAD_NAME, NULL);
        }
        EXPECT(&web, "\\Device\\NamedPipe\\\\", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&web, "\\??\\UNC\\localhost\\pipe\\\\x", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
    }
    {
        /* No valid VM: nothing is decided. */
        const struct chan_context none = { NULL, &ct_pipes, &ct_mailslots, &ct_ports };
        const struct chan_context empty = { "", &ct_pipes, &ct_mailslots, &ct_ports };
        const struct chan_context spaced = { "a b", &ct_pipes, &ct_mailslots, &ct_ports };
        const struct chan_context device = { "CON", &ct_pipes, &ct_mailslots, &ct_ports };
        const struct chan_context *ctxs[] = { NULL, &none, &empty, &spaced, &device };

        for (i = 0; i < UNIT_COUNT(ctxs); i++) {
            EXPECT(ctxs[i], "\\??\\pipe\\svc", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
            EXPECT(ctxs[i], "\\Windows\\ApiPort", RQ, OBJ_DENY, OBJR_BAD_NAME, NULL);
            EXPECT_WAIT(ctxs[i], "svc", OBJ_DENY, OBJR_BAD_NAME, NULL);
        }
    }
    {
        /* A missing buffer with a length is not a name. */
        CT_CTX(web, "Web");

        memset(&ct_d, 0x5a, sizeof(ct_d));
        chan_decide(&web, NULL, 5, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_BAD_NAME);
        CHECK_EQ_U64(ct_d.length, 0);
        chan_decide(&web, NULL, 0, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_PASS);
        CHECK_EQ_INT(ct_d.reason, OBJR_SYSTEM);
        CHECK_EQ_U64(ct_d.length, 0);
    }
}

TEST(channame_decide_lengths)
{
    static uint16_t path[CT_CAP], expect[CT_CAP];
    size_t n;

    ct_policies();
    {
        CT_CTX(web, "Web");

        /* \Device\NamedPipe\ is 18 units and plume!web! 10: an input of
         * OBJ_NAME_MAX - 10 units becomes exactly OBJ_NAME_MAX. */
        n = ct_long(path, "\\Device\\NamedPipe\\", 'a', OBJ_NAME_MAX - 10);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_PRIVATE);
        CHECK_EQ_INT(ct_d.reason, OBJR_RENAMED);
        REQUIRE(ct_d.length == OBJ_NAME_MAX);
        ct_long(expect, "\\Device\\NamedPipe\\plume!web!", 'a', OBJ_NAME_MAX);
        CHECK_MEM(ct_d.name, expect, OBJ_NAME_MAX * sizeof(uint16_t));
        /* One more does not fit. */
        n = ct_long(path, "\\Device\\NamedPipe\\", 'a', OBJ_NAME_MAX - 9);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        CHECK_EQ_U64(ct_d.length, 0);
        /* ...but as the name actually reached it is a host pipe. */
        chan_decide(&web, path, n, RC, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_HOST);
        /* A short spelling whose canonical root is longer: \??\pipe\ is 9. */
        n = ct_long(path, "\\??\\pipe\\", 'a', OBJ_NAME_MAX - 19);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_RENAMED);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        n = ct_long(path, "\\??\\pipe\\", 'a', OBJ_NAME_MAX - 18);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        n = ct_long(path, "\\??\\pipe\\", 'a', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);

        /* Open and own names get no tag: exactly OBJ_NAME_MAX fits when the
         * root is already canonical... */
        n = ct_long(path, "\\Device\\NamedPipe\\shared\\", 's', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_PASS);
        CHECK_EQ_INT(ct_d.reason, OBJR_OPEN);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        CHECK_MEM(ct_d.name, path, OBJ_NAME_MAX * sizeof(uint16_t));
        n = ct_long(path, "\\Device\\NamedPipe\\plume!web!", 'a', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_PRIVATE);
        CHECK_EQ_INT(ct_d.reason, OBJR_OWN);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        CHECK_MEM(ct_d.name, path, OBJ_NAME_MAX * sizeof(uint16_t));
        /* ...or shorter (\??\UNC\127.0.0.1\pipe\ is 23 units)... */
        n = ct_long(path, "\\??\\UNC\\127.0.0.1\\pipe\\plume!web!", 'a', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_OWN);
        REQUIRE(ct_d.length == OBJ_NAME_MAX - 5);
        ct_long(expect, "\\Device\\NamedPipe\\plume!web!", 'a', OBJ_NAME_MAX - 5);
        CHECK_MEM(ct_d.name, expect, (OBJ_NAME_MAX - 5) * sizeof(uint16_t));
        n = ct_long(path, "\\??\\UNC\\127.0.0.1\\pipe\\", 'a', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG); /* 18 + 10 + 1001 */
        /* ...and not when it is longer. */
        n = ct_long(path, "\\??\\pipe\\shared\\", 's', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        n = ct_long(path, "\\??\\pipe\\plume!web!", 'a', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        n = ct_long(path, "\\??\\pipe\\plume!web!", 'a', OBJ_NAME_MAX - 9);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_OWN);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        /* Ports: \RPC Control\ is 13 units. */
        n = ct_long(path, "\\RPC Control\\", 'p', OBJ_NAME_MAX - 10);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_RENAMED);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        n = ct_long(path, "\\RPC Control\\", 'p', OBJ_NAME_MAX - 9);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);

        /* Roots and other paths of exactly OBJ_NAME_MAX pass unchanged. */
        n = ct_long(path, "\\KnownDlls\\", 'k', OBJ_NAME_MAX);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_SYSTEM);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        CHECK_MEM(ct_d.name, path, OBJ_NAME_MAX * sizeof(uint16_t));

        /* Over OBJ_NAME_MAX is too long whatever it is. */
        n = ct_long(path, "\\KnownDlls\\", 'k', OBJ_NAME_MAX + 1);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        CHECK_EQ_U64(ct_d.length, 0);
        n = ct_long(path, "\\Device\\NamedPipe\\plume!web!", 'a', OBJ_NAME_MAX + 1);
        chan_decide(&web, path, n, RC, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        n = ct_long(path, "\\Device\\NamedPipe\\", '\\', OBJ_NAME_MAX + 50);
        chan_decide(&web, path, n, RQ, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
    }
}

TEST(channame_decide_reached)
{
    ct_policies();
    {
        CT_CTX(web, "Web");

        /* A host channel the policy does not open was reached: refused. */
        EXPECT(&web, "\\Device\\NamedPipe\\svc", RC, OBJ_DENY, OBJR_HOST, NULL);
        EXPECT(&web, "\\Device\\NamedPipe\\lrpc\\X", RC, OBJ_DENY, OBJR_HOST, NULL);
        EXPECT(&web, "\\??\\pipe\\svc", RC, OBJ_DENY, OBJR_HOST, NULL);
        EXPECT(&web, "\\Device\\Mailslot\\slot", RC, OBJ_DENY, OBJR_HOST, NULL);
        EXPECT(&web, "\\RPC Control\\LRPC-1", RC, OBJ_DENY, OBJR_HOST, NULL);
        /* Everything else as requested. */
        EXPECT(&web, "\\Device\\NamedPipe\\plume!web!svc", RC, OBJ_PRIVATE, OBJR_OWN,
               "\\Device\\NamedPipe\\plume!web!svc");
        EXPECT(&web, "\\??\\pipe\\plume!web!svc", RC, OBJ_PRIVATE, OBJR_OWN, "\\Device\\NamedPipe\\plume!web!svc");
        EXPECT(&web, "\\Device\\NamedPipe\\svcctl", RC, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\svcctl");
        EXPECT(&web, "\\Device\\NamedPipe\\shared\\x", RC, OBJ_PASS, OBJR_OPEN, "\\Device\\NamedPipe\\shared\\x");
        EXPECT(&web, "\\Device\\NamedPipe\\shared\\secret", RC, OBJ_DENY, OBJR_CLOSED, NULL);
        EXPECT(&web, "\\Device\\NamedPipe\\plume!db!svc", RC, OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT(&web, "\\Device\\NamedPipe\\x\\..\\y", RC, OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT(&web, "\\Device\\NamedPipe\\", RC, OBJ_PASS, OBJR_DIRECTORY, "\\Device\\NamedPipe\\");
        EXPECT(&web, "\\Device\\Null", RC, OBJ_PASS, OBJR_SYSTEM, "\\Device\\Null");
    }
}

TEST(channame_decide_renamed_is_own)
{
    static const char *const inputs[] = {
        "\\??\\pipe\\svc", "\\??\\UNC\\localhost\\pipe\\lrpc\\X", "\\??\\mailslot\\slot", "\\RPC Control\\LRPC-9",
    };
    static uint16_t p[CT_CAP];
    static struct obj_decision first, again;
    size_t i, n;

    ct_policies();
    {
        CT_CTX(web, "Web");
        CT_CTX(db, "db-2");

        /* A renamed name, decided again: the VM's own, unchanged, in both
         * modes; another VM's: denied. */
        for (i = 0; i < UNIT_COUNT(inputs); i++) {
            n = ct_u16(inputs[i], p, CT_CAP);
            chan_decide(&web, p, n, RQ, &first);
            REQUIRE(first.verdict == OBJ_PRIVATE && first.reason == OBJR_RENAMED);
            chan_decide(&web, first.name, first.length, RQ, &again);
            CHECK_EQ_INT(again.verdict, OBJ_PRIVATE);
            CHECK_EQ_INT(again.reason, OBJR_OWN);
            REQUIRE(again.length == first.length);
            CHECK_MEM(again.name, first.name, first.length * sizeof(uint16_t));
            chan_decide(&web, first.name, first.length, RC, &again);
            CHECK_EQ_INT(again.reason, OBJR_OWN);
            CHECK_EQ_U64(again.length, first.length);
            chan_decide(&db, first.name, first.length, RQ, &again);
            CHECK_EQ_INT(again.verdict, OBJ_DENY);
            CHECK_EQ_INT(again.reason, OBJR_OTHER_VM);
        }
    }
}

/* ---- chan_decide_pipe_name ---------------------------------------------- */

TEST(channame_pipe_wait_names)
{
    static uint16_t name[CT_CAP], expect[CT_CAP];
    size_t n;

    ct_policies();
    {
        CT_CTX(web, "Web");
        CT_CTX(db, "db-2");

        EXPECT_WAIT(&web, "svc", OBJ_PRIVATE, OBJR_RENAMED, "plume!web!svc");
        EXPECT_WAIT(&db, "svc", OBJ_PRIVATE, OBJR_RENAMED, "plume!db-2!svc");
        EXPECT_WAIT(&web, "lrpc\\X", OBJ_PRIVATE, OBJR_RENAMED, "plume!web!lrpc\\X");
        EXPECT_WAIT(&web, "MySvc", OBJ_PRIVATE, OBJR_RENAMED, "plume!web!MySvc");
        /* Open pipes: the bare name unchanged. */
        EXPECT_WAIT(&web, "lrpc\\epmapper", OBJ_PASS, OBJR_OPEN, "lrpc\\epmapper");
        EXPECT_WAIT(&web, "SVCCTL", OBJ_PASS, OBJR_OPEN, "SVCCTL");
        EXPECT_WAIT(&web, "ntsvcs", OBJ_PASS, OBJR_OPEN, "ntsvcs");
        EXPECT_WAIT(&web, "shared\\bus", OBJ_PASS, OBJR_OPEN, "shared\\bus");
        EXPECT_WAIT(&web, "shared\\secret", OBJ_DENY, OBJR_CLOSED, NULL);
        /* Tags. */
        EXPECT_WAIT(&web, "plume!web!svc", OBJ_PRIVATE, OBJR_OWN, "plume!web!svc");
        EXPECT_WAIT(&web, "PLUME!Web!svc", OBJ_PRIVATE, OBJR_OWN, "PLUME!Web!svc");
        EXPECT_WAIT(&web, "plume!db-2!svc", OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT_WAIT(&db, "plume!web!svc", OBJ_DENY, OBJR_OTHER_VM, NULL);
        EXPECT_WAIT(&web, "plume!web!", OBJ_DENY, OBJR_OTHER_VM, NULL);
        /* Only pipe policies apply, and spellings are not parsed: the name
         * is already relative to \Device\NamedPipe\. */
        EXPECT_WAIT(&web, "broadcast", OBJ_PRIVATE, OBJR_RENAMED, "plume!web!broadcast");
        EXPECT_WAIT(&web, "OLE1", OBJ_PRIVATE, OBJR_RENAMED, "plume!web!OLE1");
        EXPECT_WAIT(&web, "\\Device\\NamedPipe\\svc", OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT_WAIT(&web, "??\\pipe\\svc", OBJ_PRIVATE, OBJR_RENAMED, "plume!web!??\\pipe\\svc");
        /* Malformed and empty. */
        EXPECT_WAIT(&web, "", OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT_WAIT(&web, "x\\..\\y", OBJ_DENY, OBJR_BAD_NAME, NULL);
        EXPECT_WAIT(&web, "x\\", OBJ_DENY, OBJR_BAD_NAME, NULL);

        memset(&ct_d, 0x5a, sizeof(ct_d));
        chan_decide_pipe_name(&web, NULL, 3, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_BAD_NAME);
        CHECK_EQ_U64(ct_d.length, 0);
        chan_decide_pipe_name(&web, name, 0, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_BAD_NAME);

        /* Lengths: plume!web! is 10 units. */
        n = ct_long(name, "", 'a', OBJ_NAME_MAX - 10);
        chan_decide_pipe_name(&web, name, n, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_RENAMED);
        REQUIRE(ct_d.length == OBJ_NAME_MAX);
        ct_long(expect, "plume!web!", 'a', OBJ_NAME_MAX);
        CHECK_MEM(ct_d.name, expect, OBJ_NAME_MAX * sizeof(uint16_t));
        n = ct_long(name, "", 'a', OBJ_NAME_MAX - 9);
        chan_decide_pipe_name(&web, name, n, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        CHECK_EQ_U64(ct_d.length, 0);
        n = ct_long(name, "shared\\", 's', OBJ_NAME_MAX);
        chan_decide_pipe_name(&web, name, n, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_OPEN);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        CHECK_MEM(ct_d.name, name, OBJ_NAME_MAX * sizeof(uint16_t));
        n = ct_long(name, "plume!web!", 'a', OBJ_NAME_MAX);
        chan_decide_pipe_name(&web, name, n, &ct_d);
        CHECK_EQ_INT(ct_d.reason, OBJR_OWN);
        CHECK_EQ_U64(ct_d.length, OBJ_NAME_MAX);
        n = ct_long(name, "shared\\", 's', OBJ_NAME_MAX + 1);
        chan_decide_pipe_name(&web, name, n, &ct_d);
        CHECK_EQ_INT(ct_d.verdict, OBJ_DENY);
        CHECK_EQ_INT(ct_d.reason, OBJR_TOO_LONG);
        CHECK_EQ_U64(ct_d.length, 0);
    }
}

TEST(channame_pipe_wait_matches_full_path)
{
    static const char *const names[] = {
        "svc", "lrpc\\X", "lrpc\\epmapper", "svcctl", "shared\\x", "shared\\secret", "evil",
        "plume!web!x", "plume!db!x", "a\\..\\b", "x\\",
    };
    static uint16_t p[CT_CAP];
    static struct obj_decision full, bare;
    static const char root[] = "\\Device\\NamedPipe\\";
    char path[200];
    size_t i, n, r = strlen(root);

    ct_policies();
    {
        CT_CTX(web, "Web");

        /* WaitNamedPipe's bare name and the full path agree. */
        for (i = 0; i < UNIT_COUNT(names); i++) {
            snprintf(path, sizeof(path), "%s%s", root, names[i]);
            n = ct_u16(path, p, CT_CAP);
            chan_decide(&web, p, n, RQ, &full);
            chan_decide_pipe_name(&web, p + r, n - r, &bare);
            CHECK_EQ_INT(bare.verdict, full.verdict);
            CHECK_EQ_INT(bare.reason, full.reason);
            if (full.verdict != OBJ_DENY) {
                REQUIRE(full.length == r + bare.length);
                CHECK_MEM(full.name + r, bare.name, bare.length * sizeof(uint16_t));
            }
        }
    }
}
