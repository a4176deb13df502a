/* Runs the registered unit tests.
 *
 *   unit_tests [SUBSTRING]
 *
 * runs every test, or only those whose name contains SUBSTRING; prints one
 * line per failing check and finally "N passed, M failed" (counting test
 * functions), and exits 1 if any test failed. A SUBSTRING that selects no
 * test also exits 1, so that a mistyped filter cannot look like success. */
#include "unit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_MAX_TESTS 1024
#define UNIT_SHOWN_MAX 160 /* bytes of a string value quoted in a failure */

static struct unit_test *unit_list;
static const struct unit_test *unit_current;
static unsigned unit_current_failures;

void unit_register(struct unit_test *test)
{
    test->next = unit_list;
    unit_list = test;
}

static void unit_report(const char *file, int line, const char *what)
{
    unit_current_failures++;
    printf("%s:%d: %s: %s\n", file, line, unit_current ? unit_current->name : "?", what);
}

int unit_check(int ok, const char *file, int line, const char *expr)
{
    char what[512];

    if (ok)
        return 1;
    snprintf(what, sizeof(what), "CHECK(%s) failed", expr);
    unit_report(file, line, what);
    return 0;
}

int unit_check_int(long long a, long long b, const char *file, int line, const char *ea, const char *eb)
{
    char what[512];

    if (a == b)
        return 1;
    snprintf(what, sizeof(what), "CHECK_EQ_INT(%s, %s) failed: %lld != %lld", ea, eb, a, b);
    unit_report(file, line, what);
    return 0;
}

int unit_check_u64(uint64_t a, uint64_t b, const char *file, int line, const char *ea, const char *eb)
{
    char what[512];

    if (a == b)
        return 1;
    snprintf(what, sizeof(what), "CHECK_EQ_U64(%s, %s) failed: 0x%" PRIx64 " != 0x%" PRIx64, ea, eb, a, b);
    unit_report(file, line, what);
    return 0;
}

/* A C-escaped, bounded rendering of S, so that a failure involving control
 * characters or a huge string stays one readable line. */
static const char *unit_shown(const char *s, char *buf, size_t cap)
{
    size_t i, n = 0;

    if (!s)
        return "NULL";
    buf[n++] = '"';
    for (i = 0; s[i] && n + 12 < cap; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '"' || c == '\\') {
            buf[n++] = '\\';
            buf[n++] = (char)c;
        } else if (c == '\n') {
            buf[n++] = '\\';
            buf[n++] = 'n';
        } else if (c < 0x20 || c >= 0x7f) {
            n += (size_t)snprintf(buf + n, cap - n, "\\x%02x", c);
        } else {
            buf[n++] = (char)c;
        }
    }
    buf[n++] = '"';
    if (s[i]) {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = 0;
    return buf;
}

int unit_check_str(const char *a, const char *b, const char *file, int line, const char *ea, const char *eb)
{
    char what[1024], sa[UNIT_SHOWN_MAX + 16], sb[UNIT_SHOWN_MAX + 16];

    if (a && b && !strcmp(a, b))
        return 1;
    if (!a && !b)
        return 1;
    snprintf(what, sizeof(what), "CHECK_STR(%s, %s) failed: %s != %s", ea, eb,
             unit_shown(a, sa, UNIT_SHOWN_MAX), unit_shown(b, sb, UNIT_SHOWN_MAX));
    unit_report(file, line, what);
    return 0;
}

int unit_check_mem(const void *a, const void *b, size_t n, const char *file, int line,
                   const char *ea, const char *eb)
{
    const unsigned char *pa = a, *pb = b;
    char what[512];
    size_t i;

    if (!a || !b) {
        snprintf(what, sizeof(what), "CHECK_MEM(%s, %s) failed: NULL pointer", ea, eb);
        unit_report(file, line, what);
        return 0;
    }
    for (i = 0; i < n && pa[i] == pb[i]; i++)
        ;
    if (i == n)
        return 1;
    snprintf(what, sizeof(what), "CHECK_MEM(%s, %s, %zu) failed: first difference at offset %zu: 0x%02x != 0x%02x",
             ea, eb, n, i, pa[i], pb[i]);
    unit_report(file, line, what);
    return 0;
}

int unit_check_contains(const char *hay, const char *needle, const char *file, int line,
                        const char *eh, const char *en)
{
    char what[1024], sh[UNIT_SHOWN_MAX + 16], sn[UNIT_SHOWN_MAX + 16];

    if (hay && needle && strstr(hay, needle))
        return 1;
    snprintf(what, sizeof(what), "CHECK_CONTAINS(%s, %s) failed: %s does not contain %s", eh, en,
             unit_shown(hay, sh, UNIT_SHOWN_MAX), unit_shown(needle, sn, UNIT_SHOWN_MAX));
    unit_report(file, line, what);
    return 0;
}

/* Source order (file, then line), so runs are reproducible whatever order
 * the constructors ran in. */
static int unit_compare(const void *pa, const void *pb)
{
    const struct unit_test *a = *(const struct unit_test *const *)pa;
    const struct unit_test *b = *(const struct unit_test *const *)pb;
    int c = strcmp(a->file, b->file);

    if (c)
        return c;
    return (a->line > b->line) - (a->line < b->line);
}

int main(int argc, char **argv)
{
    static struct unit_test *tests[UNIT_MAX_TESTS];
    const char *filter = argc > 1 ? argv[1] : NULL;
    struct unit_test *t;
    size_t count = 0, i;
    unsigned passed = 0, failed = 0;

    for (t = unit_list; t; t = t->next) {
        if (count == UNIT_MAX_TESTS) {
            fprintf(stderr, "unit: more than %d tests; raise UNIT_MAX_TESTS\n", UNIT_MAX_TESTS);
            return 1;
        }
        tests[count++] = t;
    }
    qsort(tests, count, sizeof(tests[0]), unit_compare);

    /* Failure lines and the summary go to stdout in order. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < count; i++) {
        if (filter && !strstr(tests[i]->name, filter))
            continue;
        unit_current = tests[i];
        unit_current_failures = 0;
        tests[i]->run();
        if (unit_current_failures)
            failed++;
        else
            passed++;
    }
    unit_current = NULL;
    if (filter && passed + failed == 0)
        fprintf(stderr, "unit: no test name contains '%s'\n", filter);
    printf("%u passed, %u failed\n", passed, failed);
    return failed || passed + failed == 0 ? 1 : 0;
}
