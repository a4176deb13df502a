#include "ini.h"

#include <stdio.h>
#include <string.h>

static int ini_fail(struct ini_error *err, unsigned line, const char *message)
{
    if (err) {
        err->line = line;
        snprintf(err->message, sizeof(err->message), "%s", message);
    }
    return -1;
}

static int ini_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Trims [*start, *end) in place of spaces on both sides. */
static void ini_trim(const char **start, const char **end)
{
    while (*start < *end && ini_is_space(**start))
        (*start)++;
    while (*end > *start && ini_is_space((*end)[-1]))
        (*end)--;
}

static int ini_copy(char *out, size_t cap, const char *start, const char *end)
{
    size_t n = (size_t)(end - start);

    if (n >= cap)
        return -1;
    memcpy(out, start, n);
    out[n] = 0;
    return 0;
}

int ini_parse(const char *text, size_t len, ini_callback callback, void *ctx, struct ini_error *err)
{
    char section[INI_SECTION_MAX + 1] = "";
    char key[INI_KEY_MAX + 1];
    char value[INI_LINE_MAX + 1];
    const char *p, *end;
    unsigned line = 0;

    if (err) {
        err->line = 0;
        err->message[0] = 0;
    }
    if (!text && len)
        return ini_fail(err, 0, "no text");
    if (!text)
        return 0;
    p = text;
    end = text + len;
    /* A UTF-8 byte order mark, as Notepad writes. */
    if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
        p += 3;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        const char *a = p, *b = eol ? eol : end;
        const char *eq;

        line++;
        p = next;
        /* The CR of a CRLF is part of the line break, which INI_LINE_MAX
         * does not count: a line Notepad saved must not be refused where
         * the same line with LF passes. */
        if (eol && b > a && b[-1] == '\r')
            b--;
        if ((size_t)(b - a) > INI_LINE_MAX)
            return ini_fail(err, line, "line is too long");
        if (memchr(a, 0, (size_t)(b - a)))
            return ini_fail(err, line, "line holds a NUL byte");
        ini_trim(&a, &b);
        if (a == b || *a == ';' || *a == '#')
            continue;
        if (*a == '[') {
            if (b[-1] != ']' || b - a < 2)
                return ini_fail(err, line, "section header is missing ']'");
            a++;
            b--;
            ini_trim(&a, &b);
            if (a == b)
                return ini_fail(err, line, "section name is empty");
            if (ini_copy(section, sizeof(section), a, b))
                return ini_fail(err, line, "section name is too long");
            continue;
        }
        eq = memchr(a, '=', (size_t)(b - a));
        if (!eq)
            return ini_fail(err, line, "expected 'key = value'");
        {
            const char *ka = a, *kb = eq, *va = eq + 1, *vb = b;
            int rc;

            ini_trim(&ka, &kb);
            ini_trim(&va, &vb);
            if (ka == kb)
                return ini_fail(err, line, "key is empty");
            if (ini_copy(key, sizeof(key), ka, kb))
                return ini_fail(err, line, "key is too long");
            ini_copy(value, sizeof(value), va, vb);
            rc = callback ? callback(ctx, section, key, value, line) : 0;
            if (rc)
                return rc;
        }
    }
    return 0;
}
