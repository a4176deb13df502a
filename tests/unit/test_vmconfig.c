/* A VM's vm.ini: vmconfig_parse (identity, trace switch, the object, pipe,
 * mailslot and port policies) and vmconfig_set (one key changed, the rest of
 * the file kept). */
#include "unit.h"

#include "core/ini.h"
#include "core/policy.h"
#include "core/vmconfig.h"

#include <stdio.h>
#include <string.h>

static struct vm_config vc_cfg; /* several KiB: kept off the stack */

static int vc_parse(const char *text, char *err, size_t errlen)
{
    if (err && errlen)
        snprintf(err, errlen, "unset");
    return vmconfig_parse(text, strlen(text), &vc_cfg, err, errlen);
}

/* Whether the ASCII NAME matches LIST as a bare name (as channels match). */
static int vc_match(const struct policy_list *list, const char *name)
{
    uint16_t u[256];
    size_t n;

    for (n = 0; name[n] && n < UNIT_COUNT(u); n++)
        u[n] = (uint16_t)(unsigned char)name[n];
    return policy_match(list, u, n, u, n);
}

/* ---- vmconfig_parse ----------------------------------------------------- */

TEST(vmconfig_parse_minimal)
{
    char err[200];

    CHECK_EQ_INT(vc_parse("[vm]\nname = Web\n", err, sizeof(err)), 0);
    CHECK_STR(vc_cfg.name, "Web");
    CHECK_STR(vc_cfg.created, "");
    CHECK_EQ_INT(vc_cfg.trace, 0);
    /* Every policy starts from its defaults, in its own section. */
    CHECK_STR(vc_cfg.policy.section, "objects");
    CHECK_STR(vc_cfg.pipes.section, "pipes");
    CHECK_STR(vc_cfg.mailslots.section, "mailslots");
    CHECK_STR(vc_cfg.ports.section, "ports");
    CHECK_EQ_U64(vc_cfg.policy.open.count, policy_default_open_count);
    CHECK_EQ_U64(vc_cfg.pipes.open.count, policy_default_pipes_count);
    CHECK_EQ_U64(vc_cfg.mailslots.open.count, policy_default_mailslots_count);
    CHECK_EQ_U64(vc_cfg.ports.open.count, policy_default_ports_count);
    CHECK_EQ_U64(vc_cfg.policy.closed.count + vc_cfg.pipes.closed.count + vc_cfg.mailslots.closed.count +
                     vc_cfg.ports.closed.count, 0);
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.open, "svcctl"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.ports.open, "epmapper"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.ports.open, "svcctl"), 0);

    /* The full form: comments, CRLF, a BOM, created, spacing. */
    CHECK_EQ_INT(vc_parse("\xef\xbb\xbf; plume VM\r\n[vm]\r\n  name=db-2  \r\ncreated = 2024-05-01T10:00:00Z\r\n",
                          err, sizeof(err)), 0);
    CHECK_STR(vc_cfg.name, "db-2");
    CHECK_STR(vc_cfg.created, "2024-05-01T10:00:00Z");
    /* The last name wins; unknown sections are ignored. */
    CHECK_EQ_INT(vc_parse("[future]\nanything = 1\n[vm]\nname = a\nname = b\n[later]\nx = y\n", err, sizeof(err)),
                 0);
    CHECK_STR(vc_cfg.name, "b");
}

TEST(vmconfig_parse_name_required)
{
    char err[200];

    CHECK_EQ_INT(vc_parse("", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "no valid [vm] name");
    CHECK_EQ_INT(vc_parse("[vm]\ncreated = today\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "no valid [vm] name");
    /* A name in another section is not the VM's. */
    CHECK_EQ_INT(vc_parse("name = web\n[other]\nname = web\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "no valid [vm] name");
    /* An invalid name, with its line. */
    CHECK_EQ_INT(vc_parse("[vm]\n\nname = bad name\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 3:");
    CHECK_CONTAINS(err, "not a valid VM name");
    CHECK_EQ_INT(vc_parse("[vm]\nname =\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 2:");
    CHECK_EQ_INT(vc_parse("[vm]\nname = CON\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 2:");
    CHECK_EQ_INT(vc_parse("[vm]\nname = abcdefghijklmnopqrstuvwxyz0123456\n", err, sizeof(err)), -1);
    CHECK_EQ_INT(vc_parse("[vm]\nname = abcdefghijklmnopqrstuvwxyz012345\n", err, sizeof(err)), 0);
    CHECK_STR(vc_cfg.name, "abcdefghijklmnopqrstuvwxyz012345");
    /* Unknown keys in [vm]. */
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\ncolour = blue\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 3:");
    CHECK_CONTAINS(err, "unknown key 'colour' in [vm]");
    /* Malformed INI, with the reader's line. */
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\njunk\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 3:");
    CHECK_CONTAINS(err, "key = value");
    /* Too large to be a vm.ini. */
    {
        static char big[VMCONFIG_MAX_BYTES + 2];
        size_t i;

        /* Comment lines of 100 bytes after the name. */
        for (i = 0; i < sizeof(big) - 1; i++)
            big[i] = i % 100 == 99 ? '\n' : ';';
        memcpy(big, "[vm]\nname = web\n", 16);
        CHECK_EQ_INT(vmconfig_parse(big, VMCONFIG_MAX_BYTES + 1, &vc_cfg, err, sizeof(err)), -1);
        CHECK_CONTAINS(err, "64 KiB");
        big[VMCONFIG_MAX_BYTES] = 0;
        CHECK_EQ_INT(vmconfig_parse(big, VMCONFIG_MAX_BYTES, &vc_cfg, err, sizeof(err)), 0);
    }
    /* Without an error buffer, the same verdicts. */
    CHECK_EQ_INT(vmconfig_parse("[vm]\n", 5, &vc_cfg, NULL, 0), -1);
    CHECK_EQ_INT(vmconfig_parse("[vm]\nx = 1\n", 11, &vc_cfg, NULL, 0), -1);
    CHECK_EQ_INT(vmconfig_parse("[vm]\nname = a\n", 14, &vc_cfg, NULL, 0), 0);
    /* The length is honoured: the text need not end in NUL. */
    CHECK_EQ_INT(vmconfig_parse("[vm]\nname = ab\nname = bad name\n", 15, &vc_cfg, err, sizeof(err)), 0);
    CHECK_STR(vc_cfg.name, "ab");
}

TEST(vmconfig_parse_trace)
{
    static const char *const yes[] = { "yes", "true", "1", "on" };
    static const char *const no[] = { "no", "false", "0", "off" };
    char text[200], err[200];
    size_t i;

    for (i = 0; i < UNIT_COUNT(yes); i++) {
        snprintf(text, sizeof(text), "[vm]\nname = web\n[trace]\nenabled = %s\n", yes[i]);
        CHECK_EQ_INT(vc_parse(text, err, sizeof(err)), 0);
        CHECK_EQ_INT(vc_cfg.trace, 1);
    }
    for (i = 0; i < UNIT_COUNT(no); i++) {
        snprintf(text, sizeof(text), "[trace]\nenabled = yes\nenabled = %s\n[vm]\nname = web\n", no[i]);
        CHECK_EQ_INT(vc_parse(text, err, sizeof(err)), 0);
        CHECK_EQ_INT(vc_cfg.trace, 0);
    }
    /* A bad value, or another key, names [trace] and its line. */
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[trace]\nenabled = maybe\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_CONTAINS(err, "[trace]");
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[trace]\nenabled = Yes\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[trace]\nenabled =\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[trace]\n\nlevel = 3\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 5:");
    CHECK_CONTAINS(err, "[trace]");
}

TEST(vmconfig_parse_channel_policies)
{
    char err[200];

    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n"
                          "[pipes]\nopen = mypipe, app\\*\nclosed = svcctl\n"
                          "[ports]\nopen = OLE*\nclosed = epmapper\n"
                          "[mailslots]\nopen = slot1\n"
                          "[objects]\nopen = Local\\Foo\n",
                          err, sizeof(err)), 0);
    /* [pipes] in the pipe policy only. */
    REQUIRE(vc_cfg.pipes.open.count == policy_default_pipes_count + 2);
    REQUIRE(vc_cfg.pipes.closed.count == 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.open, "mypipe"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.open, "app\\x"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.open, "svcctl"), 1); /* still a default... */
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.closed, "SVCCTL"), 1); /* ...but closed wins */
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.open, "OLE1"), 0);
    /* [ports] in the port policy only. */
    REQUIRE(vc_cfg.ports.open.count == policy_default_ports_count + 1);
    REQUIRE(vc_cfg.ports.closed.count == 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.ports.open, "OLE1"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.ports.closed, "epmapper"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.ports.open, "mypipe"), 0);
    /* [mailslots] and [objects] likewise. */
    REQUIRE(vc_cfg.mailslots.open.count == 1);
    CHECK_EQ_U64(vc_cfg.mailslots.closed.count, 0);
    CHECK_EQ_INT(vc_match(&vc_cfg.mailslots.open, "slot1"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.mailslots.open, "mypipe"), 0);
    CHECK_EQ_U64(vc_cfg.policy.open.count, policy_default_open_count + 1);
    CHECK_EQ_U64(vc_cfg.policy.closed.count, 0);
    CHECK_EQ_INT(vc_match(&vc_cfg.policy.open, "mypipe"), 0);
    CHECK_EQ_INT(vc_match(&vc_cfg.policy.open, "OLE1"), 0);

    /* defaults = no drops one section's built-in list only. */
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[pipes]\ndefaults = no\nopen = mine\n", err, sizeof(err)), 0);
    REQUIRE(vc_cfg.pipes.open.count == 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.open, "mine"), 1);
    CHECK_EQ_INT(vc_match(&vc_cfg.pipes.open, "svcctl"), 0);
    CHECK_EQ_U64(vc_cfg.ports.open.count, policy_default_ports_count);
    CHECK_EQ_U64(vc_cfg.policy.open.count, policy_default_open_count);
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[ports]\ndefaults = no\n", err, sizeof(err)), 0);
    CHECK_EQ_U64(vc_cfg.ports.open.count, 0);
    CHECK_EQ_U64(vc_cfg.pipes.open.count, policy_default_pipes_count);
}

TEST(vmconfig_parse_unknown_keys_name_their_section)
{
    char err[200];

    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[pipes]\nopen = a\nshare = b\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 5:");
    CHECK_CONTAINS(err, "unknown key 'share' in [pipes]");
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[ports]\n\nallow = b\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 5:");
    CHECK_CONTAINS(err, "unknown key 'allow' in [ports]");
    CHECK_EQ_INT(vc_parse("[mailslots]\nopened = x\n[vm]\nname = web\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 2:");
    CHECK_CONTAINS(err, "unknown key 'opened' in [mailslots]");
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[objects]\nOpen = x\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_CONTAINS(err, "unknown key 'Open' in [objects]");
    /* The same key in another section is not confused with it. */
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[pipes]\nopen = a\n[ports]\nshare = b\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 6:");
    CHECK_CONTAINS(err, "in [ports]");
    /* A bad pattern or defaults value, with its line. */
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[ports]\ndefaults = maybe\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_CONTAINS(err, "yes or no");
    CHECK_EQ_INT(vc_parse("[vm]\nname = web\n[pipes]\nopen = \xff\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_CONTAINS(err, "UTF-8");
}

/* ---- vmconfig_set ------------------------------------------------------- */

static char vc_out[4096];

/* Sets [SECTION] KEY = VALUE in TEXT and checks the result is EXPECT. */
static void vc_expect_set(const char *file, int line, const char *text, const char *section, const char *key,
                          const char *value, const char *expect)
{
    long n;

    memset(vc_out, 'X', sizeof(vc_out));
    n = vmconfig_set(text, strlen(text), section, key, value, vc_out, sizeof(vc_out));
    if (unit_check_int(n, (long long)strlen(expect), file, line, "vmconfig_set", "strlen(expect)"))
        unit_check_str(vc_out, expect, file, line, "output", "expected output");
    else
        printf("    output \"%.*s\"\n", n > 0 ? (int)n : 0, vc_out);
}

#define EXPECT_SET(text, section, key, value, expect) \
    vc_expect_set(__FILE__, __LINE__, (text), (section), (key), (value), (expect))

TEST(vmconfig_set_edits)
{
    static const char base[] = "[vm]\r\nname = web\r\n[trace]\r\nenabled = no\r\n";

    /* An existing key is replaced where it stands. */
    EXPECT_SET(base, "trace", "enabled", "yes", "[vm]\r\nname = web\r\n[trace]\r\nenabled = yes\r\n");
    EXPECT_SET(base, "vm", "name", "db", "[vm]\r\nname = db\r\n[trace]\r\nenabled = no\r\n");
    EXPECT_SET("[trace]\r\n  enabled\t=no\r\n", "trace", "enabled", "yes", "[trace]\r\nenabled = yes\r\n");
    /* A new key goes at the end of its section... */
    EXPECT_SET(base, "vm", "created", "2024", "[vm]\r\nname = web\r\ncreated = 2024\r\n[trace]\r\nenabled = no\r\n");
    EXPECT_SET(base, "trace", "level", "2", "[vm]\r\nname = web\r\n[trace]\r\nenabled = no\r\nlevel = 2\r\n");
    /* ...or in a new section appended to the file. */
    EXPECT_SET(base, "pipes", "open", "x", "[vm]\r\nname = web\r\n[trace]\r\nenabled = no\r\n[pipes]\r\nopen = x\r\n");
    EXPECT_SET("", "trace", "enabled", "yes", "[trace]\r\nenabled = yes\r\n");
    /* Only the key in its own section, and only that key. */
    EXPECT_SET("[vm]\r\nenabled = no\r\nname = web\r\n", "trace", "enabled", "yes",
               "[vm]\r\nenabled = no\r\nname = web\r\n[trace]\r\nenabled = yes\r\n");
    EXPECT_SET("[trace]\r\nenabledx = 1\r\nenabled2=1\r\n", "trace", "enabled", "yes",
               "[trace]\r\nenabledx = 1\r\nenabled2=1\r\nenabled = yes\r\n");
    EXPECT_SET("[traces]\r\nenabled = no\r\n", "trace", "enabled", "yes",
               "[traces]\r\nenabled = no\r\n[trace]\r\nenabled = yes\r\n");
    /* A header with blanks is still its section. */
    EXPECT_SET("[ trace ]\r\nenabled = no\r\n", "trace", "enabled", "yes", "[ trace ]\r\nenabled = yes\r\n");
    /* A text without a final line break gets one before what is added. */
    EXPECT_SET("[vm]\r\nname = web", "trace", "enabled", "yes", "[vm]\r\nname = web\r\n[trace]\r\nenabled = yes\r\n");
    EXPECT_SET("[trace]\r\nenabled = no", "trace", "enabled", "yes", "[trace]\r\nenabled = yes\r\n");
    EXPECT_SET("[trace]\r\nx = 1", "trace", "enabled", "yes", "[trace]\r\nx = 1\r\nenabled = yes\r\n");
}

TEST(vmconfig_set_keeps_the_rest)
{
    static const char text[] =
        "; plume vm.ini\r\n"
        "[vm]\r\n"
        "# the name\r\n"
        "name = web\r\n"
        "\r\n"
        "[trace]\r\n"
        "; enabled = yes\r\n"
        "enabled = no ; trailing words stay part of the old value\r\n"
        "\r\n"
        "[pipes]\r\n"
        "open = a, b\r\n";

    /* Comments (even one that reads like the key), blank lines and other
     * sections are kept byte for byte, CRLF included. */
    EXPECT_SET(text, "trace", "enabled", "yes",
               "; plume vm.ini\r\n[vm]\r\n# the name\r\nname = web\r\n\r\n[trace]\r\n; enabled = yes\r\n"
               "enabled = yes\r\n\r\n[pipes]\r\nopen = a, b\r\n");
    EXPECT_SET(text, "vm", "created", "now",
               "; plume vm.ini\r\n[vm]\r\n# the name\r\nname = web\r\n\r\ncreated = now\r\n[trace]\r\n"
               "; enabled = yes\r\nenabled = no ; trailing words stay part of the old value\r\n\r\n[pipes]\r\n"
               "open = a, b\r\n");
    /* LF lines stay LF; the line written is CRLF. */
    EXPECT_SET("[vm]\nname = web\n[trace]\nenabled = no\n", "trace", "enabled", "yes",
               "[vm]\nname = web\n[trace]\nenabled = yes\r\n");

    /* What is written reads back. */
    {
        long n = vmconfig_set(text, strlen(text), "trace", "enabled", "yes", vc_out, sizeof(vc_out));
        char err[200];

        REQUIRE(n > 0);
        CHECK_EQ_INT(vmconfig_parse(vc_out, (size_t)n, &vc_cfg, err, sizeof(err)), 0);
        CHECK_EQ_INT(vc_cfg.trace, 1);
        CHECK_STR(vc_cfg.name, "web");
        CHECK_EQ_U64(vc_cfg.pipes.open.count, policy_default_pipes_count + 2);
    }
}

TEST(vmconfig_set_limits)
{
    static const char text[] = "[vm]\r\nname = web\r\n";
    static const char expect[] = "[vm]\r\nname = web\r\n[trace]\r\nenabled = yes\r\n";
    static char buf[INI_LINE_MAX + 64], line[INI_LINE_MAX + 2], out[2 * INI_LINE_MAX + 200];
    size_t len = strlen(expect);
    long n;

    /* The output and its terminator must fit. */
    memset(vc_out, 'X', sizeof(vc_out));
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", "enabled", "yes", vc_out, len + 1), (long)len);
    CHECK_STR(vc_out, expect);
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", "enabled", "yes", vc_out, len), -1);
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", "enabled", "yes", vc_out, 10), -1);
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", "enabled", "yes", vc_out, 1), -1);
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", "enabled", "yes", vc_out, 0), -1);
    /* Missing arguments. */
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", "enabled", "yes", NULL, 100), -1);
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), NULL, "enabled", "yes", vc_out, 100), -1);
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", NULL, "yes", vc_out, 100), -1);
    CHECK_EQ_INT(vmconfig_set(text, strlen(text), "trace", "enabled", NULL, vc_out, 100), -1);
    CHECK_EQ_INT(vmconfig_set(NULL, 3, "trace", "enabled", "yes", vc_out, 100), -1);
    CHECK_EQ_INT(vmconfig_set(NULL, 0, "trace", "enabled", "yes", vc_out, 100), 24);
    CHECK_STR(vc_out, "[trace]\r\nenabled = yes\r\n");
    /* Only LEN bytes are read. */
    CHECK_EQ_INT(vmconfig_set("[trace]\r\nenabled = no\r\n", 9, "trace", "enabled", "yes", vc_out, 100), 24);
    CHECK_STR(vc_out, "[trace]\r\nenabled = yes\r\n");

    /* A line of INI_LINE_MAX bytes is fine, with LF or CRLF (the line break
     * is not part of the line, as for ini_parse); one more is refused. */
    memset(line, 0, sizeof(line));
    memset(line, ';', INI_LINE_MAX);
    snprintf(buf, sizeof(buf), "%s\r\n[trace]\r\n", line);
    n = vmconfig_set(buf, strlen(buf), "trace", "enabled", "yes", out, sizeof(out));
    CHECK_EQ_INT(n, (long)(INI_LINE_MAX + 2 + 9 + 15));
    CHECK_EQ_INT(vmconfig_parse(buf, strlen(buf), &vc_cfg, NULL, 0), -1); /* no name, but no line error */
    {
        char err[200];

        vmconfig_parse(buf, strlen(buf), &vc_cfg, err, sizeof(err));
        CHECK_CONTAINS(err, "no valid [vm] name");
    }
    snprintf(buf, sizeof(buf), "%s\n[trace]\n", line);
    CHECK_EQ_INT(vmconfig_set(buf, strlen(buf), "trace", "enabled", "yes", out, sizeof(out)),
                 (long)(INI_LINE_MAX + 1 + 8 + 15));
    snprintf(buf, sizeof(buf), "[trace]\r\n%s", line);
    CHECK_EQ_INT(vmconfig_set(buf, strlen(buf), "trace", "enabled", "yes", out, sizeof(out)),
                 (long)(9 + INI_LINE_MAX + 2 + 15));
    line[INI_LINE_MAX] = ';';
    snprintf(buf, sizeof(buf), "%s\r\n[trace]\r\n", line);
    CHECK_EQ_INT(vmconfig_set(buf, strlen(buf), "trace", "enabled", "yes", out, sizeof(out)), -1);
    snprintf(buf, sizeof(buf), "%s\n", line);
    CHECK_EQ_INT(vmconfig_set(buf, strlen(buf), "trace", "enabled", "yes", out, sizeof(out)), -1);
    snprintf(buf, sizeof(buf), "[trace]\r\n%s", line);
    CHECK_EQ_INT(vmconfig_set(buf, strlen(buf), "trace", "enabled", "yes", out, sizeof(out)), -1);
}
