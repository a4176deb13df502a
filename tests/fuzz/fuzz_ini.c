/* libFuzzer target for the INI reader: any bytes give 0, an error with its
 * line, or the callback's stop value, and every string the callback sees is
 * terminated within its documented limit. */
#include <stdint.h>
#include <string.h>

#include "core/ini.h"

#define FI_ASSERT(cond)              \
    do {                             \
        if (!(cond))                 \
            __builtin_trap();        \
    } while (0)

#define FI_STOP 3

struct fi_state {
    unsigned calls;
    unsigned last_line;
    unsigned sum; /* every byte of every string, so that each is read whole */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned fi_touch(const char *s, size_t max)
{
    size_t n = strlen(s);
    unsigned sum = 0;

    FI_ASSERT(n <= max);
    while (n--)
        sum += (unsigned char)s[n];
    return sum;
}

static int fi_callback(void *ctx, const char *section, const char *key, const char *value, unsigned line)
{
    struct fi_state *st = ctx;

    FI_ASSERT(section && key && value);
    FI_ASSERT(key[0] != 0);
    FI_ASSERT(line > st->last_line); /* one key per line, lines in order */
    st->last_line = line;
    st->calls++;
    st->sum += fi_touch(section, INI_SECTION_MAX) + fi_touch(key, INI_KEY_MAX) + fi_touch(value, INI_LINE_MAX);
    /* Keys and values have no surrounding blanks. */
    FI_ASSERT(key[0] != ' ' && key[0] != '\t' && key[strlen(key) - 1] != ' ');
    FI_ASSERT(!value[0] || (value[0] != ' ' && value[strlen(value) - 1] != ' '));
    return strcmp(value, "stop") ? 0 : FI_STOP;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fi_state st = { 0, 0, 0 };
    struct ini_error err;
    int rc;

    rc = ini_parse((const char *)data, size, fi_callback, &st, &err);
    FI_ASSERT(rc == 0 || rc == -1 || rc == FI_STOP);
    FI_ASSERT(memchr(err.message, 0, sizeof(err.message)) != NULL);
    if (rc == -1) {
        FI_ASSERT(err.line >= 1 && err.message[0]);
        FI_ASSERT(err.line > st.last_line);
    } else {
        FI_ASSERT(err.line == 0 && !err.message[0]);
    }
    /* Without a callback the same text gives the same verdict, unless the
     * callback stopped the first parse. */
    if (rc != FI_STOP)
        FI_ASSERT(ini_parse((const char *)data, size, NULL, NULL, NULL) == rc);
    return 0;
}
