/* libFuzzer target for the command line: the input, split on NUL bytes, is
 * what follows "plume" on the command line. Any argv must give a bounded
 * error or a request whose pointers lie in argv, and quoting the same
 * strings as a child's command line must stay within its buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli_args.h"
#include "core/cmdline.h"

#define FC_ASSERT(cond)              \
    do {                             \
        if (!(cond))                 \
            __builtin_trap();        \
    } while (0)

#define FC_ARGS_MAX 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns 1 when P is one of the ARGC pointers of ARGV. */
static int fc_in_argv(const char *p, const char *const *argv, int argc)
{
    int i;

    for (i = 0; i < argc; i++)
        if (argv[i] == p)
            return 1;
    return 0;
}

static void fc_parse(const char *const *argv, int argc, size_t errlen)
{
    struct cli_request req;
    char err[256];
    int rc;

    memset(err, 'X', sizeof(err));
    rc = cli_parse(argc, argv, &req, err, errlen);
    FC_ASSERT(rc == 0 || rc == -1);
    if (errlen) {
        FC_ASSERT(memchr(err, 0, errlen) != NULL);
        FC_ASSERT(rc != 0 || err[0] == 0);
    }
    FC_ASSERT(errlen == sizeof(err) || err[errlen] == 'X');
    if (rc != 0)
        return;
    FC_ASSERT(req.command > CLI_NONE && req.command < CLI_COMMAND_COUNT);
    if (req.command == CLI_HELP || req.command == CLI_VERSION || req.command == CLI_LIST) {
        FC_ASSERT(req.program_argc == 0);
        return;
    }
    FC_ASSERT(req.vm && fc_in_argv(req.vm, argv, argc));
    if (req.command == CLI_RUN) {
        FC_ASSERT(req.program_argc >= 1 && req.program_argv);
        FC_ASSERT(req.program_argv >= argv + 2 && req.program_argv + req.program_argc == argv + argc);
        FC_ASSERT(req.program_argv[0][0] != 0);
    } else {
        FC_ASSERT(req.program_argc == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *argv[FC_ARGS_MAX + 1];
    char *copy = malloc(size + 1);
    char *out;
    size_t start = 0, i, cap;
    int argc = 1;
    long n;

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = 0;
    argv[0] = "plume";
    for (i = 0; i <= size && argc < FC_ARGS_MAX; i++) {
        if (i < size && copy[i])
            continue;
        argv[argc++] = copy + start;
        start = i + 1;
    }
    argv[argc] = NULL;

    fc_parse(argv, argc, 256);
    fc_parse(argv, argc, size ? (size_t)(data[0] % 24) : 0);

    /* The pieces as a child's argv (without "plume"). */
    cap = size * 3 + 16;
    out = malloc(cap);
    if (out) {
        n = cmdline_build(argv + 1, argc - 1, out, cap);
        FC_ASSERT(n >= -1);
        if (n >= 0) {
            FC_ASSERT((size_t)n == strlen(out) && (size_t)n < cap);
            FC_ASSERT(!strchr(argv[1], '"'));
            /* One byte less than needed must be refused cleanly. */
            FC_ASSERT(cmdline_build(argv + 1, argc - 1, out, (size_t)n) == -1);
            FC_ASSERT(n == 0 || out[0] == 0);
        } else {
            FC_ASSERT(out[0] == 0);
        }
        free(out);
    }
    free(copy);
    return 0;
}
