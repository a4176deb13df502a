/* Object policy lists: the built-in defaults, what policy_add accepts, how
 * patterns are classified and matched, and the [objects] section of vm.ini. */
#include "unit.h"
#include "u16.h"

#include "core/policy.h"

#include <stdio.h>
#include <string.h>

#define PT_CAP 4096

#define pt_u16 unit_u16

/* Whether entry I of LIST is the UTF-8 pattern EXPECTED, unit for unit. */
static int pt_entry_is(const struct policy_list *list, size_t i, const char *expected)
{
    uint16_t units[PT_CAP];
    size_t n = pt_u16(expected, units, PT_CAP);

    return i < list->count && list->length[i] == n && !memcmp(list->pattern[i], units, n * sizeof(units[0]));
}

#define CHECK_ENTRY(list, i, expected) unit_check(pt_entry_is((list), (i), (expected)), __FILE__, __LINE__, \
                                                  "entry " #i " of " #list " is " #expected)

/* policy_match with VIEW and BARE (NULL: none) as UTF-8. */
static int pm(const struct policy_list *list, const char *view, const char *bare)
{
    uint16_t v[PT_CAP], b[PT_CAP];
    size_t vlen = pt_u16(view, v, PT_CAP), blen = bare ? pt_u16(bare, b, PT_CAP) : 0;

    return policy_match(list, v, vlen, bare ? b : NULL, blen);
}

static int pt_load(struct policy *p, const char *text, char *err, size_t errlen)
{
    policy_init(p);
    if (err && errlen)
        err[0] = 0;
    return policy_load_ini(p, text, strlen(text), err, errlen);
}

static struct policy pt_policy; /* large: kept off the stack */

/* Index of PATTERN among the built-in defaults, or their count. */
static size_t pt_default_index(const char *pattern)
{
    size_t i;

    for (i = 0; i < policy_default_open_count; i++)
        if (!strcmp(policy_default_open[i].pattern, pattern))
            break;
    return i;
}

#define ND policy_default_open_count

TEST(policy_defaults_present)
{
    struct policy *p = &pt_policy;
    size_t i;

    memset(p, 0x5a, sizeof(*p));
    policy_init(p);
    CHECK(policy_default_open_count >= 5);
    CHECK_EQ_U64(p->open.count, policy_default_open_count);
    CHECK_EQ_U64(p->closed.count, 0);
    for (i = 0; i < policy_default_open_count; i++) {
        CHECK(pt_entry_is(&p->open, i, policy_default_open[i].pattern));
        CHECK_EQ_INT(p->open.bare[i], 1);
        CHECK(policy_default_open[i].why && strlen(policy_default_open[i].why) > 10);
    }
    /* The ones the README documents are there (in whatever order). */
    CHECK(pt_default_index("__wine_*") < policy_default_open_count);
    CHECK(pt_default_index("DBWinMutex") < policy_default_open_count);
    CHECK(pt_default_index("DBWIN_BUFFER") < policy_default_open_count);
    CHECK(pt_default_index("DBWIN_BUFFER_READY") < policy_default_open_count);
    CHECK(pt_default_index("DBWIN_DATA_READY") < policy_default_open_count);
    CHECK_EQ_U64(pt_default_index("*"), policy_default_open_count);

    /* They open those names in every namespace, in any case... */
    CHECK_EQ_INT(pm(&p->open, "Global\\__wine_server", "__wine_server"), 1);
    CHECK_EQ_INT(pm(&p->open, "Local\\__WINE_fonts", "__WINE_fonts"), 1);
    CHECK_EQ_INT(pm(&p->open, "Session\\3\\dbwinmutex", "dbwinmutex"), 1);
    CHECK_EQ_INT(pm(&p->open, "Global\\DBWIN_BUFFER", "DBWIN_BUFFER"), 1);
    /* ...and nothing else. */
    CHECK_EQ_INT(pm(&p->open, "Global\\DBWinMutex2", "DBWinMutex2"), 0);
    CHECK_EQ_INT(pm(&p->open, "Global\\DBWIN_BUFFER_", "DBWIN_BUFFER_"), 0);
    CHECK_EQ_INT(pm(&p->open, "Global\\_wine_x", "_wine_x"), 0);
    CHECK_EQ_INT(pm(&p->open, "Local\\MyAppMutex", "MyAppMutex"), 0);
    /* Bare defaults do not apply to names outside BaseNamedObjects. */
    CHECK_EQ_INT(pm(&p->open, "\\__wine_x", NULL), 0);
    CHECK_EQ_INT(pm(&p->closed, "Global\\__wine_server", "__wine_server"), 0);
}

TEST(policy_add_accepts_and_converts)
{
    struct policy_list *l = &pt_policy.open;
    char err[128];
    size_t i;

    memset(l, 0, sizeof(*l));
    CHECK_EQ_INT(policy_add(l, "Foo", err, sizeof(err)), 0);
    CHECK_EQ_INT(policy_add(l, "caf\xc3\xa9", err, sizeof(err)), 0);           /* é: one unit */
    CHECK_EQ_INT(policy_add(l, "\xe2\x82\xac", err, sizeof(err)), 0);          /* €: one unit */
    CHECK_EQ_INT(policy_add(l, "\xf0\x9f\x98\x80", err, sizeof(err)), 0);      /* two units */
    REQUIRE(l->count == 4);
    CHECK_EQ_INT(l->length[0], 3);
    CHECK_EQ_INT(l->pattern[0][0], 'F');
    CHECK_EQ_INT(l->pattern[0][2], 'o');
    CHECK_EQ_INT(l->length[1], 4);
    CHECK_EQ_INT(l->pattern[1][3], 0x00e9);
    CHECK_EQ_INT(l->length[2], 1);
    CHECK_EQ_INT(l->pattern[2][0], 0x20ac);
    CHECK_EQ_INT(l->length[3], 2);
    CHECK_EQ_INT(l->pattern[3][0], 0xd83d);
    CHECK_EQ_INT(l->pattern[3][1], 0xde00);

    /* Exactly 128 units is allowed, counted in UTF-16 units. */
    memset(l, 0, sizeof(*l));
    {
        char buf[600];

        memset(buf, 'a', 128);
        buf[128] = 0;
        CHECK_EQ_INT(policy_add(l, buf, err, sizeof(err)), 0);
        CHECK_EQ_INT(l->length[0], 128);
        buf[0] = 0;
        for (i = 0; i < 64; i++)
            strcat(buf, "\xf0\x9f\x98\x80");
        CHECK_EQ_INT(policy_add(l, buf, err, sizeof(err)), 0);
        CHECK_EQ_INT(l->length[1], 128);
        CHECK_EQ_U64(l->count, 2);
        /* NULL ERR is fine. */
        CHECK_EQ_INT(policy_add(l, "x", NULL, 0), 0);
        CHECK_EQ_U64(l->count, 3);
    }
}

TEST(policy_add_errors)
{
    struct policy_list *l = &pt_policy.open;
    char err[128], buf[700];
    size_t i;

    memset(l, 0, sizeof(*l));

    strcpy(err, "unset");
    CHECK_EQ_INT(policy_add(l, "", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "empty");
    CHECK_EQ_INT(policy_add(l, NULL, err, sizeof(err)), -1);
    CHECK_EQ_INT(policy_add(NULL, "x", err, sizeof(err)), -1);
    CHECK_EQ_INT(policy_add(l, "", NULL, 0), -1);
    CHECK_EQ_U64(l->count, 0);

    /* 129 units. */
    memset(buf, 'a', 129);
    buf[129] = 0;
    strcpy(err, "unset");
    CHECK_EQ_INT(policy_add(l, buf, err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "128");
    CHECK_EQ_U64(l->count, 0);
    /* 127 units and a surrogate pair: 129 units. */
    memset(buf, 'a', 127);
    strcpy(buf + 127, "\xf0\x9f\x98\x80");
    CHECK_EQ_INT(policy_add(l, buf, err, sizeof(err)), -1);
    /* 65 pairs: 130 units. */
    buf[0] = 0;
    for (i = 0; i < 65; i++)
        strcat(buf, "\xf0\x9f\x98\x80");
    CHECK_EQ_INT(policy_add(l, buf, err, sizeof(err)), -1);
    CHECK_EQ_U64(l->count, 0);

    /* Not UTF-8. */
    {
        static const char *const bad[] = {
            "\xff",                  /* never valid */
            "\x80",                  /* lone continuation */
            "a\xc3",                 /* truncated at the end */
            "\xc3(",                 /* bad continuation */
            "\xe2\x82",              /* truncated three-byte */
            "\xed\xa0\x80",          /* UTF-16 surrogate D800 */
            "\xed\xbf\xbf",          /* surrogate DFFF */
            "\xc0\xaf",              /* overlong '/' */
            "\xc1\x9c",              /* overlong '\\' */
            "\xc0\x80",              /* overlong NUL */
            "\xe0\x80\xaf",          /* overlong three-byte */
            "\xf0\x80\x80\xaf",      /* overlong four-byte */
            "\xf4\x90\x80\x80",      /* U+110000, beyond Unicode */
            "\xf7\xbf\xbf\xbf",      /* U+1FFFFF */
            "\xf8\x88\x80\x80\x80",  /* five-byte form */
        };

        for (i = 0; i < UNIT_COUNT(bad); i++) {
            strcpy(err, "unset");
            if (!CHECK_EQ_INT(policy_add(l, bad[i], err, sizeof(err)), -1))
                printf("    bad UTF-8 #%zu was accepted\n", i);
            CHECK_CONTAINS(err, "UTF-8");
        }
        CHECK_EQ_U64(l->count, 0);
        /* The largest and smallest of each length are fine. */
        CHECK_EQ_INT(policy_add(l, "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
                                err, sizeof(err)), 0);
        REQUIRE(l->count == 1);
        CHECK_EQ_INT(l->length[0], 8);
        CHECK_EQ_INT(l->pattern[0][0], 0x80);
        CHECK_EQ_INT(l->pattern[0][1], 0x7ff);
        CHECK_EQ_INT(l->pattern[0][2], 0x800);
        CHECK_EQ_INT(l->pattern[0][3], 0xffff);
        CHECK_EQ_INT(l->pattern[0][4], 0xd800);
        CHECK_EQ_INT(l->pattern[0][5], 0xdc00);
        CHECK_EQ_INT(l->pattern[0][6], 0xdbff);
        CHECK_EQ_INT(l->pattern[0][7], 0xdfff);
    }

    /* The 65th pattern. */
    memset(l, 0, sizeof(*l));
    for (i = 0; i < POLICY_MAX_PATTERNS; i++) {
        snprintf(buf, sizeof(buf), "p%zu", i);
        CHECK_EQ_INT(policy_add(l, buf, err, sizeof(err)), 0);
    }
    CHECK_EQ_U64(l->count, 64);
    strcpy(err, "unset");
    CHECK_EQ_INT(policy_add(l, "one-too-many", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "64");
    CHECK_CONTAINS(err, "one-too-many");
    CHECK_EQ_U64(l->count, 64);
    CHECK(pt_entry_is(l, 63, "p63"));
}

TEST(policy_bare_or_prefixed)
{
    static const struct {
        const char *pattern;
        int bare;
    } cases[] = {
        { "Foo", 1 },
        { "*", 1 },
        { "Foo*Bar", 1 },
        { "*\\Foo", 1 },          /* a backslash later on does not qualify */
        { "Global", 1 },
        { "Globalx\\y", 1 },
        { "Local", 1 },
        { "Session", 1 },
        { "Sessions\\1", 1 },
        { "Global\\Foo", 0 },
        { "GLOBAL\\Foo", 0 },
        { "global\\*", 0 },
        { "Local\\Foo", 0 },
        { "lOcAl\\x", 0 },
        { "Session\\2\\Foo", 0 },
        { "SESSION\\*", 0 },
        { "\\KnownDlls\\*", 0 },
        { "\\", 0 },
    };
    struct policy_list *l = &pt_policy.closed;
    size_t i;

    memset(l, 0, sizeof(*l));
    for (i = 0; i < UNIT_COUNT(cases); i++) {
        REQUIRE(policy_add(l, cases[i].pattern, NULL, 0) == 0);
        if (!CHECK_EQ_INT(l->bare[i], cases[i].bare))
            printf("    pattern %s\n", cases[i].pattern);
    }
}

TEST(policy_match_forms)
{
    struct policy_list *l = &pt_policy.open;
    static const char *const patterns[] = {
        "Global\\G*", "Local\\L", "Session\\3\\S?", "\\KnownDlls\\*", "bare*", "*Thing*",
    };
    size_t i;

    memset(l, 0, sizeof(*l));
    CHECK_EQ_INT(pm(l, "Global\\Gx", "Gx"), 0); /* empty list */
    for (i = 0; i < UNIT_COUNT(patterns); i++)
        REQUIRE(policy_add(l, patterns[i], NULL, 0) == 0);

    /* Global\ only in the global namespace. */
    CHECK_EQ_INT(pm(l, "Global\\Gx", "Gx"), 1);
    CHECK_EQ_INT(pm(l, "global\\gX\\y", "gX\\y"), 1);
    CHECK_EQ_INT(pm(l, "Local\\Gx", "Gx"), 0);
    CHECK_EQ_INT(pm(l, "Session\\1\\Gx", "Gx"), 0);
    /* Local\ only in the program's session. */
    CHECK_EQ_INT(pm(l, "Local\\L", "L"), 1);
    CHECK_EQ_INT(pm(l, "LOCAL\\l", "l"), 1);
    CHECK_EQ_INT(pm(l, "Global\\L", "L"), 0);
    CHECK_EQ_INT(pm(l, "Local\\LL", "LL"), 0);
    CHECK_EQ_INT(pm(l, "Session\\3\\L", "L"), 0);
    /* Session\N\ only in session N. */
    CHECK_EQ_INT(pm(l, "Session\\3\\S1", "S1"), 1);
    CHECK_EQ_INT(pm(l, "Session\\4\\S1", "S1"), 0);
    CHECK_EQ_INT(pm(l, "Session\\3\\S12", "S12"), 0);
    CHECK_EQ_INT(pm(l, "Global\\S1", "S1"), 0);
    /* NT paths against the path. */
    CHECK_EQ_INT(pm(l, "\\KnownDlls\\kernel32.dll", NULL), 1);
    CHECK_EQ_INT(pm(l, "\\knowndlls\\X", NULL), 1);
    CHECK_EQ_INT(pm(l, "\\Device\\Null", NULL), 0);
    CHECK_EQ_INT(pm(l, "\\KnownDlls32\\x", NULL), 0);
    /* Bare patterns against the bare name, in any namespace... */
    CHECK_EQ_INT(pm(l, "Global\\bare1", "bare1"), 1);
    CHECK_EQ_INT(pm(l, "Local\\BARE", "BARE"), 1);
    CHECK_EQ_INT(pm(l, "Session\\9\\bareX", "bareX"), 1);
    CHECK_EQ_INT(pm(l, "Global\\xbare", "xbare"), 0);
    CHECK_EQ_INT(pm(l, "Session\\2\\aThingb", "aThingb"), 1);
    /* ...never against an NT path (no bare name)... */
    CHECK_EQ_INT(pm(l, "\\Device\\Thing", NULL), 0);
    CHECK_EQ_INT(pm(l, "\\bare", NULL), 0);
    /* ...and prefixed patterns never against the bare name. */
    CHECK_EQ_INT(pm(l, "Global\\X", "Local\\L"), 0);
    CHECK_EQ_INT(pm(l, "Global\\X", "\\KnownDlls\\x"), 0);
}

TEST(policy_ini_lists)
{
    struct policy *p = &pt_policy;
    char err[200];

    CHECK_EQ_INT(pt_load(p, "[objects]\nopen = A, B ,\tC\nclosed=D,E\n", err, sizeof(err)), 0);
    CHECK_STR(err, "");
    REQUIRE(p->open.count == ND + 3);
    CHECK_ENTRY(&p->open, 0, policy_default_open[0].pattern);
    CHECK_ENTRY(&p->open, ND, "A");
    CHECK_ENTRY(&p->open, ND + 1, "B");
    CHECK_ENTRY(&p->open, ND + 2, "C");
    REQUIRE(p->closed.count == 2);
    CHECK_ENTRY(&p->closed, 0, "D");
    CHECK_ENTRY(&p->closed, 1, "E");

    /* Repeated keys append; empty items are skipped; inner blanks stay. */
    CHECK_EQ_INT(pt_load(p, "[objects]\nopen = Local\\Foo*\nclosed = X\nopen = , Bar Baz,,Global\\Q ,\n"
                            "closed = \\Device\\*\n", err, sizeof(err)), 0);
    REQUIRE(p->open.count == ND + 3);
    CHECK_ENTRY(&p->open, ND, "Local\\Foo*");
    CHECK_ENTRY(&p->open, ND + 1, "Bar Baz");
    CHECK_ENTRY(&p->open, ND + 2, "Global\\Q");
    CHECK_EQ_INT(p->open.bare[ND], 0);
    CHECK_EQ_INT(p->open.bare[ND + 1], 1);
    REQUIRE(p->closed.count == 2);
    CHECK_ENTRY(&p->closed, 0, "X");
    CHECK_ENTRY(&p->closed, 1, "\\Device\\*");
    CHECK_EQ_INT(pm(&p->open, "Local\\FooBar", "FooBar"), 1);
    CHECK_EQ_INT(pm(&p->closed, "\\Device\\Null", NULL), 1);

    /* An empty value and an empty section are fine. */
    CHECK_EQ_INT(pt_load(p, "[objects]\nopen =\nclosed = ,\n", err, sizeof(err)), 0);
    CHECK_EQ_U64(p->open.count, ND);
    CHECK_EQ_U64(p->closed.count, 0);
    CHECK_EQ_INT(pt_load(p, "", err, sizeof(err)), 0);
    CHECK_EQ_U64(p->open.count, ND);

    /* A BOM, CRLF line breaks and comments, as Notepad writes them. */
    CHECK_EQ_INT(pt_load(p, "\xef\xbb\xbf; vm.ini\r\n[objects]\r\n# shared\r\nopen = caf\xc3\xa9\r\n", err,
                         sizeof(err)), 0);
    REQUIRE(p->open.count == ND + 1);
    CHECK_ENTRY(&p->open, ND, "caf\xc3\xa9");
}

TEST(policy_ini_defaults_switch)
{
    struct policy *p = &pt_policy;
    char err[200];

    CHECK_EQ_INT(pt_load(p, "[objects]\ndefaults = no\nopen = A\n", err, sizeof(err)), 0);
    REQUIRE(p->open.count == 1);
    CHECK_ENTRY(&p->open, 0, "A");
    CHECK_EQ_INT(pm(&p->open, "Global\\__wine_server", "__wine_server"), 0);

    CHECK_EQ_INT(pt_load(p, "[objects]\ndefaults = false\n", err, sizeof(err)), 0);
    CHECK_EQ_U64(p->open.count, 0);
    CHECK_EQ_INT(pt_load(p, "[objects]\ndefaults = 0\n", err, sizeof(err)), 0);
    CHECK_EQ_U64(p->open.count, 0);
    CHECK_EQ_INT(pt_load(p, "[objects]\ndefaults = yes\nopen = A\n", err, sizeof(err)), 0);
    CHECK_EQ_U64(p->open.count, ND + 1);
    CHECK_EQ_INT(pt_load(p, "[objects]\ndefaults = true\ndefaults = 1\n", err, sizeof(err)), 0);
    CHECK_EQ_U64(p->open.count, ND);

    /* "defaults = no" drops the built-in list, not what the file itself
     * opened on an earlier line, and leaves the closed list alone. */
    CHECK_EQ_INT(pt_load(p, "[objects]\nopen = A\nclosed = C\ndefaults = no\nopen = B\n", err, sizeof(err)), 0);
    REQUIRE(p->open.count == 2);
    CHECK_ENTRY(&p->open, 0, "A");
    CHECK_ENTRY(&p->open, 1, "B");
    CHECK_EQ_U64(p->closed.count, 1);
    CHECK_EQ_INT(pt_load(p, "[objects]\ndefaults = no\nopen = A\ndefaults = no\n", err, sizeof(err)), 0);
    REQUIRE(p->open.count == 1);
    CHECK_ENTRY(&p->open, 0, "A");

    strcpy(err, "unset");
    CHECK_EQ_INT(pt_load(p, "[objects]\n\ndefaults = maybe\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 3:");
    CHECK_CONTAINS(err, "yes or no");
    /* Values are exact words. */
    CHECK_EQ_INT(pt_load(p, "[objects]\ndefaults = No\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 2:");
}

TEST(policy_ini_errors)
{
    struct policy *p = &pt_policy;
    char err[200], text[2000];

    strcpy(err, "unset");
    CHECK_EQ_INT(pt_load(p, "[objects]\nopen = A\n\nshare = X\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_CONTAINS(err, "share");
    CHECK_CONTAINS(err, "unknown key");
    /* Key names are exact. */
    CHECK_EQ_INT(pt_load(p, "[objects]\nOpen = A\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 2:");

    /* Malformed INI, with the INI reader's line. */
    strcpy(err, "unset");
    CHECK_EQ_INT(pt_load(p, "[objects]\nopen = A\njunk\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 3:");
    CHECK_CONTAINS(err, "key = value");
    CHECK_EQ_INT(pt_load(p, "; x\n[objects\nopen = A\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 2:");
    CHECK_CONTAINS(err, "]");
    /* Even in a section that is otherwise ignored. */
    CHECK_EQ_INT(pt_load(p, "[vm]\nname = x\nbroken line\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 3:");

    /* A bad pattern, with its line. */
    memset(text, 0, sizeof(text));
    strcpy(text, "[objects]\nopen = ok,\n");
    strcat(text, "closed = fine, ");
    memset(text + strlen(text), 'a', 129);
    strcat(text, "\n");
    CHECK_EQ_INT(pt_load(p, text, err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 3:");
    CHECK_CONTAINS(err, "128");
    /* Longer than the item buffer. */
    memset(text, 0, sizeof(text));
    strcpy(text, "[objects]\nopen = ");
    memset(text + strlen(text), 'b', 900);
    CHECK_EQ_INT(pt_load(p, text, err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 2:");
    CHECK_CONTAINS(err, "128");
    CHECK_EQ_INT(pt_load(p, "[objects]\n\n\nopen = \xff\n", err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "line 4:");
    CHECK_CONTAINS(err, "UTF-8");

    /* The 65th pattern of one list, over two lines. */
    {
        size_t i;

        strcpy(text, "[objects]\ndefaults = no\nclosed = ");
        for (i = 0; i < 40; i++)
            sprintf(text + strlen(text), "c%zu,", i);
        strcat(text, "\nclosed = ");
        for (i = 40; i < 65; i++)
            sprintf(text + strlen(text), "c%zu,", i);
        strcat(text, "\n");
        CHECK_EQ_INT(pt_load(p, text, err, sizeof(err)), -1);
        CHECK_CONTAINS(err, "line 4:");
        CHECK_CONTAINS(err, "64");
        /* 64 are fine, and the other list has its own 64. */
        text[strlen(text) - 5] = 0; /* drops "c64,\n" */
        strcat(text, "\nopen = o1\n");
        CHECK_EQ_INT(pt_load(p, text, err, sizeof(err)), 0);
        CHECK_EQ_U64(p->closed.count, 64);
        CHECK_EQ_U64(p->open.count, 1);
    }

    /* A NULL or tiny ERR buffer is fine. */
    policy_init(p);
    CHECK_EQ_INT(policy_load_ini(p, "[objects]\nx = 1\n", 16, NULL, 0), -1);
    CHECK_EQ_INT(policy_load_ini(p, "[objects]\njunk\n", 15, NULL, 0), -1);
    strcpy(err, "zzzz");
    CHECK_EQ_INT(policy_load_ini(p, "[objects]\nx = 1\n", 16, err, 4), -1);
    CHECK_STR(err, "lin");
}

TEST(policy_ini_other_sections_ignored)
{
    struct policy *p = &pt_policy;
    char err[200];

    CHECK_EQ_INT(pt_load(p, "open = Top\n[vm]\nname = x\nopen = Z\nclosed = Z\nanything = goes\n"
                            "[objects]\nopen = A\n[trace]\nclosed = Q\n", err, sizeof(err)), 0);
    REQUIRE(p->open.count == ND + 1);
    CHECK_ENTRY(&p->open, ND, "A");
    CHECK_EQ_U64(p->closed.count, 0);
    /* LEN bounds the text: the second line is not read. */
    policy_init(p);
    CHECK_EQ_INT(policy_load_ini(p, "[objects]\nopen = A\nbad line", 19, err, sizeof(err)), 0);
    REQUIRE(p->open.count == ND + 1);
    CHECK_ENTRY(&p->open, ND, "A");
}
