/* The hook table, the single source of truth for what plume intercepts:
 * each row must be well-formed and name a test that exists. */
#include "unit.h"

#include "core/hook_list.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PLUME_SOURCE_DIR
#error "PLUME_SOURCE_DIR must be defined (CMakeLists.txt does)"
#endif

struct hl_row {
    const char *module, *function, *family, *principle, *where, *what, *test;
};

#define HL_ROW(module, function, family, principle, where, what, test) \
    { #module, #function, #family, #principle, #where, what, test },

static const struct hl_row hl_rows[] = { PLUME_HOOKS(HL_ROW) };

TEST(hook_list_is_not_empty)
{
    CHECK(UNIT_COUNT(hl_rows) >= 1);
}

TEST(hook_list_where)
{
    size_t i;

    /* "all" rows are installed everywhere; "windows" rows only where exported. */
    for (i = 0; i < UNIT_COUNT(hl_rows); i++)
        if (!CHECK(!strcmp(hl_rows[i].where, "all") || !strcmp(hl_rows[i].where, "windows")))
            printf("    row %zu: where %s\n", i, hl_rows[i].where);
}

TEST(hook_list_modules)
{
    size_t i;

    /* The hook engine patches syscall stubs, which live in these two. */
    for (i = 0; i < UNIT_COUNT(hl_rows); i++)
        if (!CHECK(!strcmp(hl_rows[i].module, "ntdll") || !strcmp(hl_rows[i].module, "win32u")))
            printf("    row %zu: module %s\n", i, hl_rows[i].module);
}

TEST(hook_list_functions_unique)
{
    size_t i, j;

    for (i = 0; i < UNIT_COUNT(hl_rows); i++) {
        /* System calls are exported as Nt*; Zw* aliases are the same stub. */
        if (!CHECK(strncmp(hl_rows[i].function, "Nt", 2) == 0))
            printf("    row %zu: %s\n", i, hl_rows[i].function);
        for (j = i + 1; j < UNIT_COUNT(hl_rows); j++)
            if (!CHECK(strcmp(hl_rows[i].function, hl_rows[j].function) != 0))
                printf("    rows %zu and %zu: %s\n", i, j, hl_rows[i].function);
    }
}

TEST(hook_list_text_fields)
{
    size_t i;

    /* Every field ends up in a one-line Markdown table cell. */
    for (i = 0; i < UNIT_COUNT(hl_rows); i++) {
        const struct hl_row *r = &hl_rows[i];

        CHECK(r->family[0] && r->principle[0] && r->what[0] && r->test[0]);
        if (!CHECK(!strpbrk(r->what, "\r\n") && !strpbrk(r->test, "\r\n| ")))
            printf("    row %zu: %s\n", i, r->function);
    }
}

TEST(hook_list_tests_exist)
{
    size_t i;

    for (i = 0; i < UNIT_COUNT(hl_rows); i++) {
        const char *test = hl_rows[i].test;
        char path[4096];
        struct stat st;

        /* A path inside the source tree, not an absolute or escaping one. */
        CHECK(strncmp(test, "tests/", 6) == 0);
        CHECK(strstr(test, "..") == NULL);
        REQUIRE(snprintf(path, sizeof(path), "%s/%s", PLUME_SOURCE_DIR, test) < (int)sizeof(path));
        if (!CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode)))
            printf("    row %zu (%s): no file %s\n", i, hl_rows[i].function, path);
    }
}
