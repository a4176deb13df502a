/* VM names: the rule every entry point shares, its explanations and folding. */
#include "unit.h"

#include "core/vmname.h"

#include <stdio.h>
#include <string.h>

/* A string of N copies of C in BUF (capacity at least N + 1). */
static const char *vt_repeat(char *buf, char c, size_t n)
{
    memset(buf, c, n);
    buf[n] = 0;
    return buf;
}

TEST(vmname_null_and_empty)
{
    CHECK_EQ_INT(vmname_check(NULL), VMNAME_NULL);
    CHECK_EQ_INT(vmname_check(""), VMNAME_EMPTY);
}

TEST(vmname_length_limit)
{
    char buf[200];

    CHECK_EQ_INT(vmname_check("a"), VMNAME_OK);
    CHECK_EQ_INT(vmname_check(vt_repeat(buf, 'a', 31)), VMNAME_OK);
    CHECK_EQ_INT(vmname_check(vt_repeat(buf, 'a', VM_NAME_MAX)), VMNAME_OK);
    CHECK_EQ_INT(vmname_check(vt_repeat(buf, 'a', VM_NAME_MAX + 1)), VMNAME_TOO_LONG);
    CHECK_EQ_INT(vmname_check(vt_repeat(buf, 'Z', 150)), VMNAME_TOO_LONG);
    /* 32 good characters then a bad one: the length is the first problem. */
    vt_repeat(buf, 'a', VM_NAME_MAX);
    strcat(buf, ".");
    CHECK_EQ_INT(vmname_check(buf), VMNAME_TOO_LONG);
    /* A bad character early in an over-long name is found first. */
    vt_repeat(buf, 'a', 40);
    buf[2] = ' ';
    CHECK_EQ_INT(vmname_check(buf), VMNAME_BAD_CHAR);
}

TEST(vmname_allowed_characters)
{
    static const char *const good[] = {
        "web", "Web_01", "A-Z", "_", "-", "-x", "x-", "0", "123", "abcdefghijklmnopqrstuvwxyz012345",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-6789",
    };
    size_t i;

    for (i = 0; i < UNIT_COUNT(good); i++)
        if (!CHECK_EQ_INT(vmname_check(good[i]), VMNAME_OK))
            printf("    name: %s\n", good[i]);
}

TEST(vmname_bad_characters)
{
    static const char *const bad[] = {
        "a b", " a", "a ", "a.b", ".", "..", "a\\b", "\\", "a/b", "a:b", "a*b", "a?b", "a\"b",
        "a<b", "a>b", "a|b", "a\tb", "a\nb", "a\x01", "a$", "conin$", "CONOUT$", "a+b", "a=b", "a@b",
        "caf\xc3\xa9",  /* UTF-8 e-acute */
        "\x80", "\xff", "a\xe2\x80\x8b" /* zero-width space */, "~1", "a,b", "a;b", "a'b", "a%b",
    };
    size_t i;

    for (i = 0; i < UNIT_COUNT(bad); i++)
        if (!CHECK_EQ_INT(vmname_check(bad[i]), VMNAME_BAD_CHAR))
            printf("    name index %zu\n", i);
}

TEST(vmname_reserved_device_names)
{
    static const char *const reserved[] = {
        "CON", "con", "Con", "cOn", "PRN", "prn", "AUX", "aux", "NUL", "nul", "Nul",
        "COM1", "Com1", "com9", "COM0", "LPT1", "lpt5", "LPT9", "Lpt9",
    };
    static const char *const allowed[] = {
        "COM10", "com99", "LPT10", "console", "CONS", "co", "nul1", "nul_", "null", "aux1", "prn0",
        "COM", "LPT", "COMA", "LPTx", "xcon", "con-", "_con", "com1a", "LPT-1",
    };
    size_t i;

    for (i = 0; i < UNIT_COUNT(reserved); i++)
        if (!CHECK_EQ_INT(vmname_check(reserved[i]), VMNAME_RESERVED))
            printf("    name: %s\n", reserved[i]);
    for (i = 0; i < UNIT_COUNT(allowed); i++)
        if (!CHECK_EQ_INT(vmname_check(allowed[i]), VMNAME_OK))
            printf("    name: %s\n", allowed[i]);
}

TEST(vmname_explain_texts)
{
    char buf[256];

    vmname_explain(VMNAME_NULL, NULL, buf, sizeof(buf));
    CHECK_STR(buf, "no VM name was given");
    vmname_explain(VMNAME_EMPTY, "", buf, sizeof(buf));
    CHECK_STR(buf, "a VM name cannot be empty");
    vmname_explain(VMNAME_TOO_LONG, "abc", buf, sizeof(buf));
    CHECK_STR(buf, "VM name 'abc' is longer than 32 characters");
    vmname_explain(VMNAME_BAD_CHAR, "a b", buf, sizeof(buf));
    CHECK_STR(buf, "VM name 'a b' has a character outside A-Z, a-z, 0-9, '_' and '-'");
    vmname_explain(VMNAME_RESERVED, "CON", buf, sizeof(buf));
    CHECK_STR(buf, "VM name 'CON' is a reserved Windows device name");
    vmname_explain(VMNAME_OK, "web", buf, sizeof(buf));
    CHECK_STR(buf, "'web' is a valid VM name");
    vmname_explain((enum vmname_error)99, "x", buf, sizeof(buf));
    CHECK_STR(buf, "VM name 'x' is not valid");
    /* A NULL name with an error that quotes it shows it as empty. */
    vmname_explain(VMNAME_BAD_CHAR, NULL, buf, sizeof(buf));
    CHECK_CONTAINS(buf, "VM name ''");
}

TEST(vmname_explain_tiny_buffers)
{
    char buf[16];

    /* BUFLEN 0 writes nothing at all; a NULL buffer is ignored. */
    memset(buf, 'X', sizeof(buf));
    vmname_explain(VMNAME_BAD_CHAR, "a b", buf, 0);
    CHECK_EQ_INT(buf[0], 'X');
    vmname_explain(VMNAME_BAD_CHAR, "a b", NULL, 10);

    memset(buf, 'X', sizeof(buf));
    vmname_explain(VMNAME_BAD_CHAR, "a b", buf, 1);
    CHECK_EQ_INT(buf[0], 0);
    CHECK_EQ_INT(buf[1], 'X');

    memset(buf, 'X', sizeof(buf));
    vmname_explain(VMNAME_TOO_LONG, "abcdef", buf, 5);
    CHECK_STR(buf, "VM n");
    CHECK_EQ_INT(buf[5], 'X');
}

TEST(vmname_explain_hostile_names)
{
    static char name[10000];
    char buf[512 + 8];
    size_t i;

    /* Escape sequences, bytes above 0x7f and a huge length: the quoted part
     * stays at 40 bytes, all printable. */
    for (i = 0; i + 1 < sizeof(name); i++)
        name[i] = (char)("\x1b[2J\x07\xff\x80\r\n"[i % 9]);
    name[sizeof(name) - 1] = 0;
    memset(buf, 'X', sizeof(buf));
    vmname_explain(VMNAME_BAD_CHAR, name, buf, 512);
    for (i = 512; i < sizeof(buf); i++)
        CHECK_EQ_INT(buf[i], 'X');
    CHECK(strlen(buf) < 120);
    for (i = 0; buf[i]; i++)
        if (!CHECK((unsigned char)buf[i] >= 0x20 && (unsigned char)buf[i] < 0x7f))
            break;
    CHECK_STR(buf, "VM name '"
                   "?[2J?????" "?[2J?????" "?[2J?????" "?[2J?????" "?" "..."
                   "' has a character outside A-Z, a-z, 0-9, '_' and '-'");

    /* Exactly 40 bytes are quoted whole; 41 are cut to 37 and "...". */
    vt_repeat(name, 'n', 40);
    vmname_explain(VMNAME_TOO_LONG, name, buf, sizeof(buf));
    CHECK_STR(buf, "VM name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn' is longer than 32 characters");
    vt_repeat(name, 'n', 41);
    vmname_explain(VMNAME_TOO_LONG, name, buf, sizeof(buf));
    CHECK_STR(buf, "VM name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...' is longer than 32 characters");

    /* Every length up to well past the cut, into a buffer just big enough
     * for a few bytes: never more than BUFLEN - 1 characters. */
    for (i = 0; i < 100; i++) {
        char small[12];

        vt_repeat(name, (char)0xc3, i);
        memset(small, 'X', sizeof(small));
        vmname_explain(VMNAME_RESERVED, name, small, 8);
        CHECK_EQ_INT(strlen(small), 7);
        CHECK_EQ_INT(small[8], 'X');
    }
}

TEST(vmname_fold_lowers_ascii_only)
{
    char out[VM_NAME_MAX + 8];
    char name[VM_NAME_MAX + 1];

    vmname_fold("Web_01-XYZ", out);
    CHECK_STR(out, "web_01-xyz");
    vmname_fold("already-lower", out);
    CHECK_STR(out, "already-lower");

    /* A 32-character name is folded whole and terminated at 32. */
    memset(out, 'X', sizeof(out));
    vt_repeat(name, 'Q', VM_NAME_MAX);
    vmname_fold(name, out);
    CHECK_EQ_INT(strlen(out), VM_NAME_MAX);
    CHECK_EQ_INT(out[0], 'q');
    CHECK_EQ_INT(out[VM_NAME_MAX - 1], 'q');
    CHECK_EQ_INT(out[VM_NAME_MAX + 1], 'X');

    /* Folding makes names that differ in case equal, and only those. */
    {
        char a[VM_NAME_MAX + 1], b[VM_NAME_MAX + 1];

        vmname_fold("MyVM", a);
        vmname_fold("myvm", b);
        CHECK_STR(a, b);
        vmname_fold("my-vm", b);
        CHECK(strcmp(a, b) != 0);
    }
}
