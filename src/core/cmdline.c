#include "cmdline.h"

#include <string.h>

struct cmdline_writer {
    char *out;
    size_t cap;
    size_t len;
    int overflow;
};

static void cmdline_put(struct cmdline_writer *w, char c)
{
    if (w->len + 1 >= w->cap) {
        w->overflow = 1;
        return;
    }
    w->out[w->len++] = c;
}

static void cmdline_put_repeated(struct cmdline_writer *w, char c, size_t n)
{
    while (n--)
        cmdline_put(w, c);
}

static int cmdline_needs_quotes(const char *arg)
{
    if (!*arg)
        return 1;
    return strpbrk(arg, " \t\n\v\"") != NULL;
}

/* The program name is split by CreateProcess itself, which knows no
 * backslash escapes: it only needs quotes around spaces. */
static void cmdline_put_program(struct cmdline_writer *w, const char *arg)
{
    int quote = cmdline_needs_quotes(arg);

    if (quote)
        cmdline_put(w, '"');
    for (; *arg; arg++)
        cmdline_put(w, *arg);
    if (quote)
        cmdline_put(w, '"');
}

/* The rules of CommandLineToArgvW: backslashes are literal unless they come
 * before a quote, where 2n backslashes give n and 2n+1 give n plus a quote. */
static void cmdline_put_argument(struct cmdline_writer *w, const char *arg)
{
    size_t backslashes = 0;

    if (!cmdline_needs_quotes(arg)) {
        for (; *arg; arg++)
            cmdline_put(w, *arg);
        return;
    }
    cmdline_put(w, '"');
    for (; *arg; arg++) {
        if (*arg == '\\') {
            backslashes++;
            continue;
        }
        if (*arg == '"') {
            cmdline_put_repeated(w, '\\', backslashes * 2 + 1);
        } else {
            cmdline_put_repeated(w, '\\', backslashes);
        }
        backslashes = 0;
        cmdline_put(w, *arg);
    }
    cmdline_put_repeated(w, '\\', backslashes * 2);
    cmdline_put(w, '"');
}

long cmdline_build(const char *const *argv, int argc, char *out, size_t cap)
{
    struct cmdline_writer w = { out, cap, 0, 0 };
    int i;

    if (!out || !cap)
        return -1;
    out[0] = 0;
    if (!argv || argc < 1)
        return -1;
    for (i = 0; i < argc; i++)
        if (!argv[i])
            return -1;
    /* A program name holding a quote cannot be expressed at all. */
    if (strchr(argv[0], '"'))
        return -1;
    cmdline_put_program(&w, argv[0]);
    for (i = 1; i < argc; i++) {
        cmdline_put(&w, ' ');
        cmdline_put_argument(&w, argv[i]);
    }
    if (w.overflow) {
        out[0] = 0;
        return -1;
    }
    out[w.len] = 0;
    return (long)w.len;
}
