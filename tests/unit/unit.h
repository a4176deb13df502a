/* A tiny unit-test harness for the portable core: no dependencies, one
 * executable, one line per failing check.
 *
 *     TEST(vmname_rejects_empty)
 *     {
 *         CHECK_EQ_INT(vmname_check(""), VMNAME_EMPTY);
 *     }
 *
 * TEST registers the function from a constructor, so a new test_*.c file
 * (picked up by CMake's GLOB) needs no table to be edited. A failing CHECK
 * records file:line and the expression and lets the test go on, so one run
 * shows every broken expectation; REQUIRE also returns from the test, for
 * checks that later ones depend on (a parse that must succeed before its
 * result is read). */
#ifndef PLUME_UNIT_H
#define PLUME_UNIT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct unit_test {
    const char *name;
    const char *file;
    int line;
    void (*run)(void);
    struct unit_test *next;
};

void unit_register(struct unit_test *test);

/* Each returns 1 when the check held, 0 after recording the failure. */
int unit_check(int ok, const char *file, int line, const char *expr);
int unit_check_int(long long a, long long b, const char *file, int line, const char *ea, const char *eb);
int unit_check_u64(uint64_t a, uint64_t b, const char *file, int line, const char *ea, const char *eb);
int unit_check_str(const char *a, const char *b, const char *file, int line, const char *ea, const char *eb);
int unit_check_mem(const void *a, const void *b, size_t n, const char *file, int line,
                   const char *ea, const char *eb);
int unit_check_contains(const char *hay, const char *needle, const char *file, int line,
                        const char *eh, const char *en);

#define TEST(fn)                                                              \
    static void fn(void);                                                     \
    static struct unit_test unit_entry_##fn = { #fn, __FILE__, __LINE__, fn, NULL }; \
    __attribute__((constructor)) static void unit_register_##fn(void)         \
    {                                                                         \
        unit_register(&unit_entry_##fn);                                      \
    }                                                                         \
    static void fn(void)

#define CHECK(cond) unit_check(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ_INT(a, b) unit_check_int((long long)(a), (long long)(b), __FILE__, __LINE__, #a, #b)
#define CHECK_EQ_U64(a, b) unit_check_u64((uint64_t)(a), (uint64_t)(b), __FILE__, __LINE__, #a, #b)
#define CHECK_STR(a, b) unit_check_str((a), (b), __FILE__, __LINE__, #a, #b)
#define CHECK_MEM(a, b, n) unit_check_mem((a), (b), (n), __FILE__, __LINE__, #a, #b)
/* HAY holds NEEDLE as a substring (for error messages, whose exact wording
 * may be polished without breaking the meaning a test asserts). */
#define CHECK_CONTAINS(hay, needle) unit_check_contains((hay), (needle), __FILE__, __LINE__, #hay, #needle)

/* Stops the current test when COND is false. */
#define REQUIRE(cond)            \
    do {                         \
        if (!CHECK(cond))        \
            return;              \
    } while (0)

#define UNIT_COUNT(array) (sizeof(array) / sizeof((array)[0]))

#endif
