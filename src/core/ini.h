/* A small INI reader, the format of Windows profile files: [section],
 * key = value, and ';' or '#' comments. Used for every plume configuration
 * file, so one parser's errors and limits apply everywhere. */
#ifndef PLUME_CORE_INI_H
#define PLUME_CORE_INI_H

#include <stddef.h>

#define INI_LINE_MAX    1024 /* bytes in one line, without the line break */
#define INI_SECTION_MAX 64
#define INI_KEY_MAX     64

/* Called for each key; returns 0 to go on, or non-zero to stop the parse
 * (ini_parse then returns that value). SECTION is "" before any header. */
typedef int (*ini_callback)(void *ctx, const char *section, const char *key,
                            const char *value, unsigned line);

struct ini_error {
    unsigned line;    /* 1-based line of the problem, 0 if none */
    char message[96];
};

/* Parses LEN bytes of TEXT (need not be NUL-terminated). Returns 0, the
 * callback's non-zero value, or -1 with ERR filled for malformed input:
 * an over-long line, a section header without ']', a line without '=',
 * an empty key, an over-long section or key, or a NUL byte. */
int ini_parse(const char *text, size_t len, ini_callback callback, void *ctx, struct ini_error *err);

#endif
