/* Windows command lines: exact outputs for the quoting rules, the refusals,
 * and a round trip through an independent parser of the Microsoft rules. */
#include "unit.h"

#include "core/cmdline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CT_OUT_MAX 4096
#define CT_ARGS_MAX 16

/* Builds ARGV into a fresh buffer and compares with EXPECTED. */
static int ct_expect(const char *file, int line, const char *const *argv, int argc, const char *expected)
{
    char out[CT_OUT_MAX];
    long n;

    memset(out, 'X', sizeof(out));
    n = cmdline_build(argv, argc, out, sizeof(out));
    return unit_check_int(n, (long long)strlen(expected), file, line, "cmdline_build(...)", "strlen(expected)") &
           unit_check_str(out, expected, file, line, "out", "expected");
}

#define CT_EXPECT(expected, ...)                                                            \
    do {                                                                                    \
        static const char *const ct_argv_[] = { __VA_ARGS__ };                              \
        ct_expect(__FILE__, __LINE__, ct_argv_, (int)UNIT_COUNT(ct_argv_), (expected));     \
    } while (0)

/* ---- A reference parser -------------------------------------------------
 * Written from Microsoft's description of CommandLineToArgvW and the C
 * runtime (2008 and later), not from cmdline.c, so that the round trip
 * checks cmdline_build against the rules rather than against itself:
 *  - the program name ends at the next quote when it starts with one (no
 *    escapes), otherwise at the first space or tab;
 *  - other arguments are split on unquoted spaces and tabs;
 *  - 2n backslashes before a quote give n backslashes and the quote toggles
 *    quoting; 2n+1 give n backslashes and a literal quote;
 *  - backslashes not before a quote are literal;
 *  - inside quotes, "" gives a literal quote. */
struct ct_args {
    int argc;
    char *argv[CT_ARGS_MAX + 1];
    char storage[CT_OUT_MAX * 2];
    size_t used;
};

static int ct_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static char *ct_begin(struct ct_args *a)
{
    return a->storage + a->used;
}

static void ct_append(struct ct_args *a, char c)
{
    if (a->used + 2 < sizeof(a->storage))
        a->storage[a->used++] = c;
}

static void ct_finish(struct ct_args *a, char *start)
{
    a->storage[a->used++] = 0;
    if (a->argc < CT_ARGS_MAX)
        a->argv[a->argc++] = start;
}

static void ct_parse(const char *p, struct ct_args *a)
{
    char *start;

    memset(a, 0, sizeof(*a));
    start = ct_begin(a);
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            ct_append(a, *p);
        if (*p == '"')
            p++;
    } else {
        for (; *p && !ct_is_blank(*p); p++)
            ct_append(a, *p);
    }
    ct_finish(a, start);

    for (;;) {
        int quoted = 0;

        while (ct_is_blank(*p))
            p++;
        if (!*p)
            break;
        start = ct_begin(a);
        for (;;) {
            size_t n = 0, k;

            while (*p == '\\') {
                n++;
                p++;
            }
            if (*p == '"') {
                for (k = 0; k < n / 2; k++)
                    ct_append(a, '\\');
                if (n % 2) {
                    ct_append(a, '"');
                    p++;
                } else if (quoted && p[1] == '"') {
                    ct_append(a, '"');
                    p += 2;
                } else {
                    quoted = !quoted;
                    p++;
                }
                continue;
            }
            for (k = 0; k < n; k++)
                ct_append(a, '\\');
            if (!*p || (!quoted && ct_is_blank(*p)))
                break;
            ct_append(a, *p++);
        }
        ct_finish(a, start);
    }
    a->argv[a->argc] = NULL;
}

/* The reference parser itself, on Microsoft's documented examples. */
TEST(cmdline_reference_parser_matches_documented_examples)
{
    static struct ct_args a;

    ct_parse("prog \"abc\" d e", &a);
    REQUIRE(a.argc == 4);
    CHECK_STR(a.argv[1], "abc");
    CHECK_STR(a.argv[2], "d");
    CHECK_STR(a.argv[3], "e");

    ct_parse("prog a\\\\\\b d\"e f\"g h", &a);
    REQUIRE(a.argc == 4);
    CHECK_STR(a.argv[1], "a\\\\\\b");
    CHECK_STR(a.argv[2], "de fg");
    CHECK_STR(a.argv[3], "h");

    ct_parse("prog a\\\\\\\"b c d", &a);
    REQUIRE(a.argc == 4);
    CHECK_STR(a.argv[1], "a\\\"b");

    ct_parse("prog a\\\\\\\\\"b c\" d e", &a);
    REQUIRE(a.argc == 4);
    CHECK_STR(a.argv[1], "a\\\\b c");
    CHECK_STR(a.argv[2], "d");

    ct_parse("\"C:\\Program Files\\x.exe\" \"\"", &a);
    REQUIRE(a.argc == 2);
    CHECK_STR(a.argv[0], "C:\\Program Files\\x.exe");
    CHECK_STR(a.argv[1], "");
}

TEST(cmdline_plain_words_are_not_quoted)
{
    CT_EXPECT("prog", "prog");
    CT_EXPECT("prog a b c", "prog", "a", "b", "c");
    CT_EXPECT("C:\\bin\\prog.exe --x=1 /y", "C:\\bin\\prog.exe", "--x=1", "/y");
    /* Backslashes away from quotes are literal, even at the end. */
    CT_EXPECT("prog a\\b c:\\dir\\ \\\\", "prog", "a\\b", "c:\\dir\\", "\\\\");
    /* Bytes above 0x7f (UTF-8) pass through untouched. */
    CT_EXPECT("prog caf\xc3\xa9", "prog", "caf\xc3\xa9");
}

TEST(cmdline_spaces_and_empty_arguments)
{
    CT_EXPECT("prog \"a b\"", "prog", "a b");
    CT_EXPECT("prog \" \"", "prog", " ");
    CT_EXPECT("prog \"\"", "prog", "");
    CT_EXPECT("prog \"\" \"\" x", "prog", "", "", "x");
    CT_EXPECT("prog \"a\tb\"", "prog", "a\tb");
    CT_EXPECT("prog \"a\nb\"", "prog", "a\nb");
    CT_EXPECT("prog \"a\vb\"", "prog", "a\vb");
}

TEST(cmdline_quotes_and_backslashes)
{
    CT_EXPECT("prog \"\\\"\"", "prog", "\"");
    CT_EXPECT("prog \"a\\\"b\"", "prog", "a\"b");
    /* a\"b: one backslash before a quote becomes three. */
    CT_EXPECT("prog \"a\\\\\\\"b\"", "prog", "a\\\"b");
    /* a\\"b: two become five. */
    CT_EXPECT("prog \"a\\\\\\\\\\\"b\"", "prog", "a\\\\\"b");
    /* Trailing backslashes of a quoted argument are doubled before the
     * closing quote, and only there. */
    CT_EXPECT("prog \"dir x\\\\\"", "prog", "dir x\\");
    CT_EXPECT("prog \"dir x\\\\\\\\\"", "prog", "dir x\\\\");
    CT_EXPECT("prog \"a\\b c\"", "prog", "a\\b c");
    CT_EXPECT("prog \"\\\\\\\"\"", "prog", "\\\"");
}

TEST(cmdline_program_name)
{
    /* CreateProcess splits the program name without escapes: quotes around
     * spaces, backslashes as they are, even a trailing one. */
    CT_EXPECT("\"C:\\Program Files\\app\\x.exe\" a", "C:\\Program Files\\app\\x.exe", "a");
    CT_EXPECT("\"C:\\my dir\\\"", "C:\\my dir\\");
    CT_EXPECT("\"\"", "");
    CT_EXPECT("\"\" x", "", "x");
}

TEST(cmdline_refusals_leave_empty_output)
{
    char out[64];
    const char *quoted_program[] = { "a\"b.exe", "x" };
    const char *null_arg[] = { "prog", "a", NULL, "b" };
    const char *null_program[] = { NULL };
    const char *ok[] = { "prog" };

    memset(out, 'X', sizeof(out));
    CHECK_EQ_INT(cmdline_build(quoted_program, 2, out, sizeof(out)), -1);
    CHECK_STR(out, "");
    memset(out, 'X', sizeof(out));
    CHECK_EQ_INT(cmdline_build(null_arg, 4, out, sizeof(out)), -1);
    CHECK_STR(out, "");
    memset(out, 'X', sizeof(out));
    CHECK_EQ_INT(cmdline_build(null_program, 1, out, sizeof(out)), -1);
    CHECK_STR(out, "");
    memset(out, 'X', sizeof(out));
    CHECK_EQ_INT(cmdline_build(ok, 0, out, sizeof(out)), -1);
    CHECK_STR(out, "");
    memset(out, 'X', sizeof(out));
    CHECK_EQ_INT(cmdline_build(ok, -3, out, sizeof(out)), -1);
    CHECK_STR(out, "");
    memset(out, 'X', sizeof(out));
    CHECK_EQ_INT(cmdline_build(NULL, 1, out, sizeof(out)), -1);
    CHECK_STR(out, "");
    CHECK_EQ_INT(cmdline_build(ok, 1, NULL, 10), -1);
    /* CAP 0: nothing may be written, not even a terminator. */
    memset(out, 'X', sizeof(out));
    CHECK_EQ_INT(cmdline_build(ok, 1, out, 0), -1);
    CHECK_EQ_INT(out[0], 'X');
    /* Only the program name is bound by the quote rule. */
    {
        const char *quote_arg[] = { "prog", "\"" };

        CHECK_EQ_INT(cmdline_build(quote_arg, 2, out, sizeof(out)), 9);
        CHECK_STR(out, "prog \"\\\"\"");
    }
}

TEST(cmdline_overflow_at_every_capacity)
{
    static const char *const argv[] = { "C:\\a b\\p.exe", "x y", "q\"", "", "t\\" };
    static const char expected[] = "\"C:\\a b\\p.exe\" \"x y\" \"q\\\"\" \"\" t\\";
    const size_t len = sizeof(expected) - 1;
    char out[sizeof(expected) + 8];
    size_t cap, i;

    for (cap = 1; cap <= len + 3; cap++) {
        long n;

        memset(out, 'X', sizeof(out));
        n = cmdline_build(argv, (int)UNIT_COUNT(argv), out, cap);
        if (cap <= len) {
            if (!CHECK_EQ_INT(n, -1) || !CHECK_STR(out, ""))
                printf("    cap %zu\n", cap);
        } else {
            if (!CHECK_EQ_INT(n, (long)len) || !CHECK_STR(out, expected))
                printf("    cap %zu\n", cap);
        }
        /* Nothing at or past CAP is touched. */
        for (i = cap; i < sizeof(out); i++)
            if (!CHECK_EQ_INT(out[i], 'X'))
                break;
    }
}

TEST(cmdline_long_argument_fills_exactly)
{
    static char big[CMDLINE_MAX + 16];
    static char out[CMDLINE_MAX + 16];
    const char *argv[2] = { "p", big };

    /* "p " plus the argument fills CMDLINE_MAX bytes exactly. */
    memset(big, 'a', CMDLINE_MAX - 2);
    big[CMDLINE_MAX - 2] = 0;
    CHECK_EQ_INT(cmdline_build(argv, 2, out, CMDLINE_MAX + 1), CMDLINE_MAX);
    CHECK_EQ_INT(strlen(out), CMDLINE_MAX);
    CHECK_EQ_INT(cmdline_build(argv, 2, out, CMDLINE_MAX), -1);
    CHECK_STR(out, "");
}

/* Prints LINE for a failure report, with anything unprintable escaped. */
static void ct_show(int round, int arg, const char *line)
{
    printf("    round %d, argument %d: command line [", round, arg);
    for (; *line; line++) {
        unsigned char c = (unsigned char)*line;

        if (c < 0x20 || c >= 0x7f)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    printf("]\n");
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t ct_rand_state = 12345;

static uint32_t ct_rand(void)
{
    ct_rand_state = ct_rand_state * 1103515245u + 12345u;
    return (ct_rand_state >> 16) & 0x7fff;
}

static void ct_random_string(char *buf, size_t maxlen, const char *alphabet)
{
    size_t n = ct_rand() % (maxlen + 1), i, k = strlen(alphabet);

    for (i = 0; i < n; i++)
        buf[i] = alphabet[ct_rand() % k];
    buf[n] = 0;
}

TEST(cmdline_round_trip_random_vectors)
{
    /* Heavy on the characters that matter: blanks, quotes, backslashes. */
    static const char arg_alphabet[] = "ab \t\"\\\\\\\"\n\xc3\xa9-";
    static const char prog_alphabet[] = "ab \\\\.:\xc3";
    static char args[CT_ARGS_MAX][24];
    static char out[CT_OUT_MAX];
    static struct ct_args parsed;
    const char *argv[CT_ARGS_MAX];
    int round, failures = 0;

    ct_rand_state = 12345;
    for (round = 0; round < 500 && failures < 5; round++) {
        int argc = 1 + (int)(ct_rand() % 7), i;
        long n;

        ct_random_string(args[0], 12, prog_alphabet);
        for (i = 1; i < argc; i++)
            ct_random_string(args[i], 10, arg_alphabet);
        for (i = 0; i < argc; i++)
            argv[i] = args[i];
        n = cmdline_build(argv, argc, out, sizeof(out));
        if (!CHECK(n >= 0) || !CHECK_EQ_INT(n, strlen(out))) {
            failures++;
            continue;
        }
        ct_parse(out, &parsed);
        if (!CHECK_EQ_INT(parsed.argc, argc)) {
            ct_show(round, -1, out);
            failures++;
            continue;
        }
        for (i = 0; i < argc; i++) {
            if (!CHECK_STR(parsed.argv[i], argv[i])) {
                ct_show(round, i, out);
                failures++;
            }
        }
    }
    CHECK_EQ_INT(round, 500);
}
