/* The INI reader: what it hands the callback, and every error with its line. */
#include "unit.h"

#include "core/ini.h"

#include <stdio.h>
#include <string.h>

#define IT_MAX_ENTRIES 16

struct it_entry {
    char section[INI_SECTION_MAX + 1];
    char key[INI_KEY_MAX + 1];
    char value[INI_LINE_MAX + 1];
    unsigned line;
};

struct it_log {
    int count;
    int stop_at;    /* return STOP_WITH from the STOP_AT-th call (1-based), 0: never */
    int stop_with;
    struct it_entry entries[IT_MAX_ENTRIES];
};

static int it_collect(void *ctx, const char *section, const char *key, const char *value, unsigned line)
{
    struct it_log *log = ctx;

    if (log->count < IT_MAX_ENTRIES) {
        struct it_entry *e = &log->entries[log->count];

        snprintf(e->section, sizeof(e->section), "%s", section);
        snprintf(e->key, sizeof(e->key), "%s", key);
        snprintf(e->value, sizeof(e->value), "%s", value);
        e->line = line;
    }
    log->count++;
    return log->count == log->stop_at ? log->stop_with : 0;
}

/* Parses the NUL-terminated TEXT into LOG; returns ini_parse's value. */
static int it_parse(const char *text, struct it_log *log, struct ini_error *err)
{
    memset(log, 0, sizeof(*log));
    memset(err, 'X', sizeof(*err));
    return ini_parse(text, strlen(text), it_collect, log, err);
}

static void it_expect_entry(const char *file, int line, const struct it_log *log, int index,
                            const char *section, const char *key, const char *value, unsigned at)
{
    const struct it_entry *e;

    if (!unit_check(index < log->count, file, line, "entry exists"))
        return;
    e = &log->entries[index];
    unit_check_str(e->section, section, file, line, "section", "expected section");
    unit_check_str(e->key, key, file, line, "key", "expected key");
    unit_check_str(e->value, value, file, line, "value", "expected value");
    unit_check_int(e->line, at, file, line, "line", "expected line");
}

#define IT_ENTRY(log, index, section, key, value, at) \
    it_expect_entry(__FILE__, __LINE__, (log), (index), (section), (key), (value), (at))

/* Expects TEXT to fail at line AT with MESSAGE. */
#define IT_FAILS(text_, at_, message_)                          \
    do {                                                        \
        struct it_log it_log_;                                  \
        struct ini_error it_err_;                               \
        CHECK_EQ_INT(it_parse((text_), &it_log_, &it_err_), -1); \
        CHECK_EQ_INT(it_err_.line, (at_));                      \
        CHECK_STR(it_err_.message, (message_));                 \
    } while (0)

TEST(ini_sections_and_keys)
{
    struct it_log log;
    struct ini_error err;

    CHECK_EQ_INT(it_parse("top = 1\n[main]\nname = web\ncount=3\n[other]\nname=x\n", &log, &err), 0);
    CHECK_EQ_INT(err.line, 0);
    CHECK_STR(err.message, "");
    REQUIRE(log.count == 4);
    IT_ENTRY(&log, 0, "", "top", "1", 1);
    IT_ENTRY(&log, 1, "main", "name", "web", 3);
    IT_ENTRY(&log, 2, "main", "count", "3", 4);
    IT_ENTRY(&log, 3, "other", "name", "x", 6);
}

TEST(ini_comments_and_blank_lines)
{
    struct it_log log;
    struct ini_error err;

    CHECK_EQ_INT(it_parse("; comment\n# comment\n\n   \t\n  ; indented comment\n[s]\n"
                          "k = v ; stays in the value\nh = #also\n",
                          &log, &err), 0);
    REQUIRE(log.count == 2);
    IT_ENTRY(&log, 0, "s", "k", "v ; stays in the value", 7);
    IT_ENTRY(&log, 1, "s", "h", "#also", 8);

    CHECK_EQ_INT(it_parse("\n\n\n", &log, &err), 0);
    CHECK_EQ_INT(log.count, 0);
    CHECK_EQ_INT(it_parse(";only a comment", &log, &err), 0);
    CHECK_EQ_INT(log.count, 0);
}

TEST(ini_byte_order_mark)
{
    struct it_log log;
    struct ini_error err;

    CHECK_EQ_INT(it_parse("\xef\xbb\xbf[s]\nk=v\n", &log, &err), 0);
    REQUIRE(log.count == 1);
    IT_ENTRY(&log, 0, "s", "k", "v", 2);
    CHECK_EQ_INT(it_parse("\xef\xbb\xbfk=v", &log, &err), 0);
    REQUIRE(log.count == 1);
    IT_ENTRY(&log, 0, "", "k", "v", 1);
    /* Only a whole mark at the very start is skipped. */
    CHECK_EQ_INT(it_parse("\xef\xbbk=v", &log, &err), 0);
    REQUIRE(log.count == 1);
    IT_ENTRY(&log, 0, "", "\xef\xbbk", "v", 1);
    CHECK_EQ_INT(it_parse("\xef\xbb\xbf", &log, &err), 0);
    CHECK_EQ_INT(log.count, 0);
}

TEST(ini_crlf_line_ends)
{
    struct it_log log;
    struct ini_error err;

    CHECK_EQ_INT(it_parse("[s]\r\nk = v\r\n\r\nempty=\r\nlast=x\r", &log, &err), 0);
    REQUIRE(log.count == 3);
    IT_ENTRY(&log, 0, "s", "k", "v", 2);
    IT_ENTRY(&log, 1, "s", "empty", "", 4);
    IT_ENTRY(&log, 2, "s", "last", "x", 5);
    IT_FAILS("[s]\r\n[broken\r\n", 2, "section header is missing ']'");
}

TEST(ini_whitespace_trimming)
{
    struct it_log log;
    struct ini_error err;

    CHECK_EQ_INT(it_parse("  [ \tname\t ]  \n \t key \t =  \t value with  spaces \t \nk2=\nk3 =   \na = b=c\n",
                          &log, &err), 0);
    REQUIRE(log.count == 4);
    IT_ENTRY(&log, 0, "name", "key", "value with  spaces", 2);
    IT_ENTRY(&log, 1, "name", "k2", "", 3);
    IT_ENTRY(&log, 2, "name", "k3", "", 4);
    IT_ENTRY(&log, 3, "name", "a", "b=c", 5);
    /* Inner spaces of keys and sections are kept. */
    CHECK_EQ_INT(it_parse("[my section]\nmy key = 1\n", &log, &err), 0);
    REQUIRE(log.count == 1);
    IT_ENTRY(&log, 0, "my section", "my key", "1", 2);
}

TEST(ini_text_without_trailing_newline)
{
    struct it_log log;
    struct ini_error err;

    CHECK_EQ_INT(it_parse("a=1\nb=2", &log, &err), 0);
    REQUIRE(log.count == 2);
    IT_ENTRY(&log, 1, "", "b", "2", 2);
    IT_FAILS("a=1\n[s", 2, "section header is missing ']'");
}

TEST(ini_length_is_honoured)
{
    static const char text[] = "a=1\nb=2\n";
    struct it_log log;
    struct ini_error err;

    /* The parse stops at LEN even though the text goes on. */
    memset(&log, 0, sizeof(log));
    CHECK_EQ_INT(ini_parse(text, 3, it_collect, &log, &err), 0);
    REQUIRE(log.count == 1);
    IT_ENTRY(&log, 0, "", "a", "1", 1);
    memset(&log, 0, sizeof(log));
    CHECK_EQ_INT(ini_parse(text, 2, it_collect, &log, &err), 0);
    REQUIRE(log.count == 1);
    IT_ENTRY(&log, 0, "", "a", "", 1);

    /* Empty and absent texts. */
    memset(&log, 0, sizeof(log));
    CHECK_EQ_INT(ini_parse(text, 0, it_collect, &log, &err), 0);
    CHECK_EQ_INT(ini_parse(NULL, 0, it_collect, &log, &err), 0);
    CHECK_EQ_INT(log.count, 0);
    CHECK_EQ_INT(ini_parse(NULL, 5, it_collect, &log, &err), -1);
    CHECK_STR(err.message, "no text");
    /* No callback and no error record are fine. */
    CHECK_EQ_INT(ini_parse(text, sizeof(text) - 1, NULL, NULL, NULL), 0);
    CHECK_EQ_INT(ini_parse("[x", 2, NULL, NULL, NULL), -1);
}

TEST(ini_section_errors)
{
    IT_FAILS("k=v\n\n[sect\n", 3, "section header is missing ']'");
    IT_FAILS("[", 1, "section header is missing ']'");
    IT_FAILS("[a]x\n", 1, "section header is missing ']'");
    IT_FAILS("]\n", 1, "expected 'key = value'");
    IT_FAILS("[]\n", 1, "section name is empty");
    IT_FAILS("[ \t ]\n", 1, "section name is empty");
}

TEST(ini_key_errors)
{
    IT_FAILS("k=v\njunk\n", 2, "expected 'key = value'");
    IT_FAILS("[s]\n\n\nno equals sign here", 4, "expected 'key = value'");
    IT_FAILS("= v\n", 1, "key is empty");
    IT_FAILS(" \t = v\n", 1, "key is empty");
    IT_FAILS("=\n", 1, "key is empty");
}

TEST(ini_name_length_limits)
{
    char text[300];
    struct it_log log;
    struct ini_error err;

    /* 64 bytes are allowed for a section and a key, 65 are not. */
    snprintf(text, sizeof(text), "[%0*d]\n%0*d=v\n", INI_SECTION_MAX, 0, INI_KEY_MAX, 0);
    CHECK_EQ_INT(it_parse(text, &log, &err), 0);
    REQUIRE(log.count == 1);
    CHECK_EQ_INT(strlen(log.entries[0].section), INI_SECTION_MAX);
    CHECK_EQ_INT(strlen(log.entries[0].key), INI_KEY_MAX);

    snprintf(text, sizeof(text), "[s]\n[%0*d]\n", INI_SECTION_MAX + 1, 0);
    IT_FAILS(text, 2, "section name is too long");
    snprintf(text, sizeof(text), "[s]\nk=1\n%0*d=v\n", INI_KEY_MAX + 1, 0);
    IT_FAILS(text, 3, "key is too long");
}

TEST(ini_line_length_limit)
{
    static char text[INI_LINE_MAX * 3];
    struct it_log log;
    struct ini_error err;

    /* "k=" and a value filling the line to exactly INI_LINE_MAX bytes. */
    memcpy(text, "k=", 2);
    memset(text + 2, 'v', INI_LINE_MAX - 2);
    text[INI_LINE_MAX] = 0;
    CHECK_EQ_INT(it_parse(text, &log, &err), 0);
    REQUIRE(log.count == 1);
    CHECK_EQ_INT(strlen(log.entries[0].value), INI_LINE_MAX - 2);

    /* The same line with a line break: LF or CRLF, which is not content. */
    strcpy(text + INI_LINE_MAX, "\n");
    CHECK_EQ_INT(it_parse(text, &log, &err), 0);
    CHECK_EQ_INT(log.count, 1);
    strcpy(text + INI_LINE_MAX, "\r\n");
    CHECK_EQ_INT(it_parse(text, &log, &err), 0);
    CHECK_EQ_INT(log.count, 1);

    /* One byte more (1025) is refused, with or without a line break, and
     * also when the extra bytes are only spaces that trimming would drop. */
    text[INI_LINE_MAX] = 'v';
    text[INI_LINE_MAX + 1] = 0;
    IT_FAILS(text, 1, "line is too long");
    strcpy(text + INI_LINE_MAX + 1, "\r\n");
    IT_FAILS(text, 1, "line is too long");
    text[INI_LINE_MAX] = ' ';
    text[INI_LINE_MAX + 1] = 0;
    IT_FAILS(text, 1, "line is too long");
    /* ...and at its own line number. */
    memcpy(text, "a=1\n", 4);
    memset(text + 4, 'x', INI_LINE_MAX + 1);
    strcpy(text + 4 + INI_LINE_MAX + 1, "\nz=1\n");
    IT_FAILS(text, 2, "line is too long");
}

TEST(ini_nul_byte)
{
    static const char text[] = "k=v\nk2=a\0b\nk3=c\n";
    struct it_log log;
    struct ini_error err;

    memset(&log, 0, sizeof(log));
    CHECK_EQ_INT(ini_parse(text, sizeof(text) - 1, it_collect, &log, &err), -1);
    CHECK_EQ_INT(err.line, 2);
    CHECK_STR(err.message, "line holds a NUL byte");
    /* Keys before the bad line were delivered; none after. */
    CHECK_EQ_INT(log.count, 1);
    memset(&log, 0, sizeof(log));
    CHECK_EQ_INT(ini_parse("\0", 1, it_collect, &log, &err), -1);
    CHECK_EQ_INT(err.line, 1);
}

TEST(ini_callback_stop_value)
{
    static const char text[] = "a=1\nb=2\nc=3\n";
    struct it_log log;
    struct ini_error err;

    memset(&log, 0, sizeof(log));
    log.stop_at = 2;
    log.stop_with = 7;
    CHECK_EQ_INT(ini_parse(text, sizeof(text) - 1, it_collect, &log, &err), 7);
    CHECK_EQ_INT(log.count, 2);
    CHECK_EQ_INT(err.line, 0);

    memset(&log, 0, sizeof(log));
    log.stop_at = 1;
    log.stop_with = -5;
    CHECK_EQ_INT(ini_parse(text, sizeof(text) - 1, it_collect, &log, &err), -5);
    CHECK_EQ_INT(log.count, 1);

    memset(&log, 0, sizeof(log));
    log.stop_at = 3;
    log.stop_with = 1;
    CHECK_EQ_INT(ini_parse(text, sizeof(text) - 1, it_collect, &log, &err), 1);
    CHECK_EQ_INT(log.count, 3);
}

TEST(ini_error_record_is_reset)
{
    struct it_log log;
    struct ini_error err;

    CHECK_EQ_INT(it_parse("[x", &log, &err), -1);
    CHECK_EQ_INT(err.line, 1);
    CHECK_EQ_INT(it_parse("k=v", &log, &err), 0);
    CHECK_EQ_INT(err.line, 0);
    CHECK_STR(err.message, "");
}
