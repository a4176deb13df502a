/* Case-insensitive UTF-16 globs: '*', '?', ASCII-only case folding, and a
 * cost that stays polynomial for hostile patterns. */
#include "unit.h"
#include "u16.h"

#include "core/glob.h"

#include <stdio.h>
#include <string.h>

#define GT_CAP 10000

#define gt_u16 unit_u16

/* glob_match16 on two UTF-8 literals. */
static int gm(const char *pattern, const char *name)
{
    static uint16_t p[GT_CAP], n[GT_CAP];
    size_t plen = gt_u16(pattern, p, GT_CAP), len = gt_u16(name, n, GT_CAP);

    return glob_match16(p, plen, n, len);
}

TEST(glob_exact)
{
    CHECK_EQ_INT(gm("Foo", "Foo"), 1);
    CHECK_EQ_INT(gm("Foo", "Fo"), 0);
    CHECK_EQ_INT(gm("Foo", "Fooo"), 0);
    CHECK_EQ_INT(gm("Foo", "Bar"), 0);
    CHECK_EQ_INT(gm("Fo", "Foo"), 0);
    CHECK_EQ_INT(gm("Global\\X", "Global\\X"), 1);
    CHECK_EQ_INT(gm("Global\\X", "Global/X"), 0);
}

TEST(glob_star)
{
    /* Empty run. */
    CHECK_EQ_INT(gm("*", ""), 1);
    CHECK_EQ_INT(gm("a*", "a"), 1);
    CHECK_EQ_INT(gm("*a", "a"), 1);
    CHECK_EQ_INT(gm("a*c", "ac"), 1);
    /* Middle. */
    CHECK_EQ_INT(gm("a*c", "abbbc"), 1);
    CHECK_EQ_INT(gm("a*c", "abbbcd"), 0);
    CHECK_EQ_INT(gm("a*c", "xabc"), 0);
    /* Trailing. */
    CHECK_EQ_INT(gm("__wine_*", "__wine_server"), 1);
    CHECK_EQ_INT(gm("__wine_*", "__wine_"), 1);
    CHECK_EQ_INT(gm("__wine_*", "__win"), 0);
    CHECK_EQ_INT(gm("__wine_*", "x__wine_server"), 0);
    /* Multiple, adjacent and with backtracking. */
    CHECK_EQ_INT(gm("a**b", "ab"), 1);
    CHECK_EQ_INT(gm("***", "anything"), 1);
    CHECK_EQ_INT(gm("*a*b*", "xxaxxbxx"), 1);
    CHECK_EQ_INT(gm("*a*b*", "xxbxxaxx"), 0);
    CHECK_EQ_INT(gm("*ab", "aab"), 1);
    CHECK_EQ_INT(gm("*aab", "aaab"), 1);
    CHECK_EQ_INT(gm("*x", "xyx"), 1);
    CHECK_EQ_INT(gm("*x", "xyxy"), 0);
    CHECK_EQ_INT(gm("a*b*c", "abcbc"), 1);
    CHECK_EQ_INT(gm("a*b*c", "acb"), 0);
    /* '*' runs over backslashes: a pattern is not a path glob. */
    CHECK_EQ_INT(gm("*", "a\\b\\c"), 1);
    CHECK_EQ_INT(gm("Global\\*", "Global\\x\\y"), 1);
    CHECK_EQ_INT(gm("*\\*", "a\\b"), 1);
    CHECK_EQ_INT(gm("*\\*", "ab"), 0);
    CHECK_EQ_INT(gm("\\Device\\*", "\\Device\\Harddisk0\\Partition1"), 1);
    CHECK_EQ_INT(gm("\\Device\\*", "\\Devices\\x"), 0);
}

TEST(glob_question_mark)
{
    CHECK_EQ_INT(gm("?", "a"), 1);
    CHECK_EQ_INT(gm("?", ""), 0);
    CHECK_EQ_INT(gm("?", "ab"), 0);
    CHECK_EQ_INT(gm("a?c", "abc"), 1);
    CHECK_EQ_INT(gm("a?c", "ac"), 0);
    CHECK_EQ_INT(gm("a?c", "abbc"), 0);
    CHECK_EQ_INT(gm("?", "\\"), 1);
    CHECK_EQ_INT(gm("?", "*"), 1);
    /* One unit: a BMP character is one, a supplementary one is two. */
    CHECK_EQ_INT(gm("?", "\xc3\xa9"), 1);                  /* U+00E9 */
    CHECK_EQ_INT(gm("?", "\xf0\x9f\x98\x80"), 0);          /* U+1F600 */
    CHECK_EQ_INT(gm("??", "\xf0\x9f\x98\x80"), 1);
    CHECK_EQ_INT(gm("Session\\?\\*", "Session\\1\\Foo"), 1);
    CHECK_EQ_INT(gm("Session\\?\\*", "Session\\12\\Foo"), 0);
    CHECK_EQ_INT(gm("*?", ""), 0);
    CHECK_EQ_INT(gm("*?", "x"), 1);
    CHECK_EQ_INT(gm("?*?", "x"), 0);
}

TEST(glob_ascii_case_folding)
{
    CHECK_EQ_INT(gm("ABC", "abc"), 1);
    CHECK_EQ_INT(gm("abc", "ABC"), 1);
    CHECK_EQ_INT(gm("DBWinMutex", "dbwinmutex"), 1);
    CHECK_EQ_INT(gm("__WINE_*", "__wine_Server"), 1);
    CHECK_EQ_INT(gm("a*Z", "AbcZ"), 1);
    CHECK_EQ_INT(gm("a*Z", "Abcz"), 1);
    /* Only letters fold: characters 0x20 apart that are not a letter pair
     * stay different (a naive c | 0x20 would merge them). */
    CHECK_EQ_INT(gm("@", "`"), 0);
    CHECK_EQ_INT(gm("[", "{"), 0);
    CHECK_EQ_INT(gm("]", "}"), 0);
    CHECK_EQ_INT(gm("^", "~"), 0);
    CHECK_EQ_INT(gm("\\", "|"), 0);

    CHECK_EQ_INT(glob_fold16('A'), 'a');
    CHECK_EQ_INT(glob_fold16('Z'), 'z');
    CHECK_EQ_INT(glob_fold16('a'), 'a');
    CHECK_EQ_INT(glob_fold16('z'), 'z');
    CHECK_EQ_INT(glob_fold16('@'), '@');
    CHECK_EQ_INT(glob_fold16('['), '[');
    CHECK_EQ_INT(glob_fold16('0'), '0');
    CHECK_EQ_INT(glob_fold16(0x00c9), 0x00c9);
    CHECK_EQ_INT(glob_fold16(0xff21), 0xff21);
    CHECK_EQ_INT(glob_fold16(0x0141), 0x0141);
    CHECK_EQ_INT(glob_fold16(0x0000), 0x0000);
    CHECK_EQ_INT(glob_fold16(0xffff), 0xffff);
}

TEST(glob_non_ascii_exact)
{
    CHECK_EQ_INT(gm("\xc3\xa9", "\xc3\xa9"), 1);                 /* é = é */
    CHECK_EQ_INT(gm("\xc3\x89", "\xc3\xa9"), 0);                 /* É != é */
    CHECK_EQ_INT(gm("\xc3\x84*", "\xc3\x84x"), 1);               /* Ä* */
    CHECK_EQ_INT(gm("\xc3\x84*", "\xc3\xa4x"), 0);               /* Ä* vs ä */
    CHECK_EQ_INT(gm("K", "\xe2\x84\xaa"), 0);                    /* K vs KELVIN SIGN */
    CHECK_EQ_INT(gm("\xef\xbc\xa1", "\xef\xbd\x81"), 0);         /* fullwidth A vs a */
    CHECK_EQ_INT(gm("x\xf0\x9f\x98\x80y", "X\xf0\x9f\x98\x80Y"), 1);
    CHECK_EQ_INT(gm("x\xf0\x9f\x98\x80y", "x\xf0\x9f\x98\x81y"), 0);
    /* A unit that folds to an ASCII letter only by dropping its high byte
     * does not match it. */
    {
        const uint16_t pattern[] = { 'a' };
        const uint16_t name[] = { 0x0161 }; /* 0x61 in the low byte */
        const uint16_t name2[] = { 0x0141 }; /* 'A' in the low byte */

        CHECK_EQ_INT(glob_match16(pattern, 1, name, 1), 0);
        CHECK_EQ_INT(glob_match16(pattern, 1, name2, 1), 0);
    }
}

TEST(glob_empty_and_lengths)
{
    const uint16_t abc[] = { 'a', 'b', 'c' };
    const uint16_t with_nul[] = { 'a', 0, 'b' };
    const uint16_t star[] = { '*' };

    CHECK_EQ_INT(gm("", ""), 1);
    CHECK_EQ_INT(gm("", "a"), 0);
    CHECK_EQ_INT(gm("a", ""), 0);
    CHECK_EQ_INT(gm("*", ""), 1);
    CHECK_EQ_INT(gm("**", ""), 1);
    CHECK_EQ_INT(gm("*a", ""), 0);
    /* Lengths, not terminators, bound both strings. */
    CHECK_EQ_INT(glob_match16(abc, 2, abc, 2), 1);
    CHECK_EQ_INT(glob_match16(abc, 2, abc, 3), 0);
    CHECK_EQ_INT(glob_match16(abc, 3, abc, 2), 0);
    CHECK_EQ_INT(glob_match16(abc, 0, abc, 0), 1);
    CHECK_EQ_INT(glob_match16(with_nul, 3, with_nul, 3), 1);
    CHECK_EQ_INT(glob_match16(with_nul, 3, abc, 3), 0);
    CHECK_EQ_INT(glob_match16(star, 1, with_nul, 3), 1);
    /* NULL pattern never matches; a NULL name is the empty name only. */
    CHECK_EQ_INT(glob_match16(NULL, 0, abc, 3), 0);
    CHECK_EQ_INT(glob_match16(NULL, 0, NULL, 0), 0);
    CHECK_EQ_INT(glob_match16(star, 1, NULL, 0), 1);
    CHECK_EQ_INT(glob_match16(abc, 1, NULL, 0), 0);
    CHECK_EQ_INT(glob_match16(star, 1, NULL, 5), 0);
}

/* Patterns that make a backtracking matcher exponential. The sizes are
 * chosen so that the documented O(LEN * PLEN) bound is a few hundred
 * thousand steps, while a recursive matcher would need more steps than
 * there are atoms in the universe: the test cannot pass slowly. */
TEST(glob_pathological_is_polynomial)
{
    static uint16_t name[8193], pattern[64];
    size_t i, plen = 0;

    for (i = 0; i < 8192; i++)
        name[i] = 'a';
    CHECK_EQ_INT(gm("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0);
    CHECK_EQ_INT(gm("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"), 1);

    for (i = 0; i < 24; i++) {
        pattern[plen++] = '*';
        pattern[plen++] = 'a';
    }
    pattern[plen++] = '*';
    pattern[plen++] = 'b';
    CHECK_EQ_INT(glob_match16(pattern, plen, name, 8192), 0);
    name[8192] = 'b';
    CHECK_EQ_INT(glob_match16(pattern, plen, name, 8193), 1);
    name[8192] = 'B';
    CHECK_EQ_INT(glob_match16(pattern, plen, name, 8193), 1);
    /* Too few a's for the pattern's 24. */
    CHECK_EQ_INT(glob_match16(pattern, plen, name + 8192 - 20, 21), 0);
    /* '?' runs. */
    plen = 0;
    for (i = 0; i < 30; i++) {
        pattern[plen++] = '*';
        pattern[plen++] = '?';
    }
    pattern[plen++] = 'c';
    CHECK_EQ_INT(glob_match16(pattern, plen, name, 8193), 0);
}

/* A plainly correct (and exponential) matcher, for short strings only. */
static int gt_reference(const uint16_t *p, size_t plen, const uint16_t *n, size_t len)
{
    if (plen == 0)
        return len == 0;
    if (p[0] == '*')
        return gt_reference(p + 1, plen - 1, n, len) || (len > 0 && gt_reference(p, plen, n + 1, len - 1));
    if (len == 0)
        return 0;
    if (p[0] == '?' || glob_fold16(p[0]) == glob_fold16(n[0]))
        return gt_reference(p + 1, plen - 1, n + 1, len - 1);
    return 0;
}

TEST(glob_agrees_with_reference)
{
    static const uint16_t alphabet[] = { 'a', 'b', 'A', 'B', '\\', '*', '?', 0xe9 };
    uint32_t seed = 0x12345678u;
    unsigned i, matches = 0, mismatches = 0;

    for (i = 0; i < 20000; i++) {
        uint16_t p[8], n[10];
        size_t plen, len, k;

        seed = seed * 1103515245u + 12345u;
        plen = (seed >> 16) % 8;
        seed = seed * 1103515245u + 12345u;
        len = (seed >> 16) % 10;
        for (k = 0; k < plen; k++) {
            seed = seed * 1103515245u + 12345u;
            p[k] = alphabet[(seed >> 16) % 8];
        }
        for (k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            /* Names without wildcards, mostly: '*' and '?' in a name are
             * ordinary units. */
            n[k] = alphabet[(seed >> 16) % (((seed >> 8) & 15) ? 5 : 8)];
        }
        if (gt_reference(p, plen, n, len) != glob_match16(p, plen, n, len)) {
            if (mismatches++ < 5)
                CHECK_EQ_INT(glob_match16(p, plen, n, len), gt_reference(p, plen, n, len));
        }
        matches += gt_reference(p, plen, n, len);
    }
    CHECK_EQ_INT(mismatches, 0);
    /* Both outcomes were exercised. */
    CHECK(matches > 500);
    CHECK(matches < 19500);
}
