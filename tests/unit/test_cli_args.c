/* The plume command line: every command, its options and every way to get
 * it wrong. */
#include "unit.h"

#include "core/cli_args.h"

#include <stdio.h>
#include <string.h>

#define CA_ERR_MAX 256

struct ca_run {
    int rc;
    struct cli_request req;
    char err[CA_ERR_MAX];
    const char *const *argv;
    int argc;
};

static void ca_parse(struct ca_run *r, const char *const *argv, int argc)
{
    memset(r, 0, sizeof(*r));
    /* A stale message must not survive a successful parse. */
    memset(r->err, 'X', sizeof(r->err) - 1);
    r->argv = argv;
    r->argc = argc;
    r->rc = cli_parse(argc, argv, &r->req, r->err, sizeof(r->err));
}

/* Parses "plume ARGS...". */
#define CA(r, ...)                                                          \
    do {                                                                    \
        static const char *const ca_argv_[] = { "plume", __VA_ARGS__ };     \
        ca_parse((r), ca_argv_, (int)UNIT_COUNT(ca_argv_));                 \
    } while (0)

/* Expects the parse in R to fail with a message containing TEXT. */
#define CA_FAILS(r, text)                         \
    do {                                          \
        CHECK_EQ_INT((r)->rc, -1);                \
        CHECK_CONTAINS((r)->err, (text));         \
        CHECK(strlen((r)->err) < CA_ERR_MAX);     \
    } while (0)

#define CA_OK(r)                                  \
    do {                                          \
        CHECK_EQ_INT((r)->rc, 0);                 \
        CHECK_STR((r)->err, "");                  \
    } while (0)

TEST(cli_no_arguments)
{
    static const char *const argv[] = { "plume" };
    struct ca_run r;

    ca_parse(&r, argv, 1);
    CA_FAILS(&r, "no command given; try 'plume --help'");
    CHECK_EQ_INT(r.req.command, CLI_HELP);

    ca_parse(&r, NULL, 2);
    CHECK_EQ_INT(r.rc, -1);
    ca_parse(&r, argv, 0);
    CHECK_EQ_INT(r.rc, -1);
    {
        static const char *const null_word[] = { "plume", NULL };

        ca_parse(&r, null_word, 2);
        CHECK_EQ_INT(r.rc, -1);
    }
}

TEST(cli_null_request_and_null_err)
{
    static const char *const argv[] = { "plume", "list" };
    static const char *const bad[] = { "plume", "frob" };
    struct cli_request req;
    char err[64];

    CHECK_EQ_INT(cli_parse(2, argv, NULL, err, sizeof(err)), -1);
    CHECK_CONTAINS(err, "internal error");
    /* No error buffer: the result is still reported. */
    CHECK_EQ_INT(cli_parse(2, argv, &req, NULL, 0), 0);
    CHECK_EQ_INT(req.command, CLI_LIST);
    CHECK_EQ_INT(cli_parse(2, bad, &req, NULL, 0), -1);
    CHECK_EQ_INT(cli_parse(2, bad, &req, err, 0), -1);
}

TEST(cli_global_help_and_version)
{
    struct ca_run r;

    CA(&r, "--help");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_HELP);
    CHECK_EQ_INT(r.req.help_topic, CLI_NONE);
    CA(&r, "-h");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_HELP);
    CA(&r, "help");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_HELP);
    CHECK_EQ_INT(r.req.help_topic, CLI_NONE);
    CA(&r, "--version");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_VERSION);
    CA(&r, "version");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_VERSION);
}

TEST(cli_every_command)
{
    static const struct {
        const char *name;
        enum cli_command command;
        int takes_vm;
    } commands[] = {
        { "create", CLI_CREATE, 1 }, { "list", CLI_LIST, 0 }, { "info", CLI_INFO, 1 },
        { "ps", CLI_PS, 1 },         { "stop", CLI_STOP, 1 }, { "rm", CLI_RM, 1 },
    };
    size_t i;

    for (i = 0; i < UNIT_COUNT(commands); i++) {
        const char *argv[3] = { "plume", commands[i].name, "web" };
        struct ca_run r;

        ca_parse(&r, argv, commands[i].takes_vm ? 3 : 2);
        CA_OK(&r);
        CHECK_EQ_INT(r.req.command, commands[i].command);
        if (commands[i].takes_vm)
            CHECK(r.req.vm == argv[2]);
        else
            CHECK(r.req.vm == NULL);
        CHECK_EQ_INT(r.req.detach | r.req.create | r.req.force, 0);
        CHECK_EQ_INT(r.req.program_argc, 0);
        CHECK(r.req.program_argv == NULL);
    }
    {
        struct ca_run r;

        CA(&r, "run", "web", "prog.exe");
        CA_OK(&r);
        CHECK_EQ_INT(r.req.command, CLI_RUN);
        CHECK_STR(r.req.vm, "web");
        CHECK_EQ_INT(r.req.program_argc, 1);
        REQUIRE(r.req.program_argv != NULL);
        CHECK(r.req.program_argv == r.argv + 3);
        CHECK_STR(r.req.program_argv[0], "prog.exe");
    }
}

TEST(cli_help_of_each_command)
{
    static const struct {
        const char *name;
        enum cli_command command;
    } commands[] = {
        { "create", CLI_CREATE }, { "list", CLI_LIST }, { "info", CLI_INFO }, { "run", CLI_RUN },
        { "ps", CLI_PS },         { "stop", CLI_STOP }, { "rm", CLI_RM },
    };
    static const char *const flags[] = { "--help", "-h" };
    size_t i, f;

    for (i = 0; i < UNIT_COUNT(commands); i++) {
        for (f = 0; f < UNIT_COUNT(flags); f++) {
            const char *argv[3] = { "plume", commands[i].name, flags[f] };
            const char *after_vm[4] = { "plume", commands[i].name, "web", flags[f] };
            const char *help_topic[3] = { "plume", "help", commands[i].name };
            struct ca_run r;

            ca_parse(&r, argv, 3);
            CA_OK(&r);
            CHECK_EQ_INT(r.req.command, CLI_HELP);
            CHECK_EQ_INT(r.req.help_topic, commands[i].command);

            /* After the VM name too (but for list, which takes none). */
            ca_parse(&r, after_vm, 4);
            if (commands[i].command == CLI_LIST) {
                CA_FAILS(&r, "list: unexpected argument 'web'");
            } else {
                CA_OK(&r);
                CHECK_EQ_INT(r.req.command, CLI_HELP);
                CHECK_EQ_INT(r.req.help_topic, commands[i].command);
            }

            ca_parse(&r, help_topic, 3);
            CA_OK(&r);
            CHECK_EQ_INT(r.req.command, CLI_HELP);
            CHECK_EQ_INT(r.req.help_topic, commands[i].command);
        }
    }
}

TEST(cli_help_command_errors)
{
    struct ca_run r;

    CA(&r, "help", "run");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.help_topic, CLI_RUN);
    CA(&r, "help", "help");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.help_topic, CLI_HELP);
    /* Help about help is help's own usage. */
    CA(&r, "help", "--help");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_HELP);
    CHECK_EQ_INT(r.req.help_topic, CLI_HELP);
    CA(&r, "help", "frob");
    CA_FAILS(&r, "help: unknown command 'frob'");
    /* A second topic is an extra argument, not an unknown command. */
    CA(&r, "help", "run", "ps");
    CA_FAILS(&r, "help: unexpected argument 'ps'");
}

TEST(cli_unknown_command_and_option)
{
    struct ca_run r;

    CA(&r, "frob");
    CA_FAILS(&r, "unknown command 'frob'; try 'plume --help'");
    CA(&r, "");
    CA_FAILS(&r, "unknown command ''");
    CA(&r, "RUN", "a", "b");
    CA_FAILS(&r, "unknown command 'RUN'");
    CA(&r, "-x");
    CA_FAILS(&r, "unknown option '-x'; try 'plume --help'");
    CA(&r, "--detach", "run", "a", "p");
    CA_FAILS(&r, "unknown option '--detach'");

    CA(&r, "create", "a", "--detach");
    CA_FAILS(&r, "create: unknown option '--detach'");
    CA(&r, "rm", "a", "-d");
    CA_FAILS(&r, "rm: unknown option '-d'");
    CA(&r, "run", "a", "-f", "prog");
    CA_FAILS(&r, "run: unknown option '-f'");
    CA(&r, "run", "a", "--force", "prog");
    CA_FAILS(&r, "run: unknown option '--force'");
    CA(&r, "list", "--force");
    CA_FAILS(&r, "list: unknown option '--force'");
    CA(&r, "ps", "-d", "a");
    CA_FAILS(&r, "ps: unknown option '-d'");
    CA(&r, "run", "a", "--detach=1", "prog");
    CA_FAILS(&r, "run: unknown option '--detach=1'");
}

TEST(cli_missing_vm_name)
{
    static const char *const commands[] = { "create", "info", "run", "ps", "stop", "rm" };
    size_t i;

    for (i = 0; i < UNIT_COUNT(commands); i++) {
        const char *argv[2] = { "plume", commands[i] };
        char expected[96];
        struct ca_run r;

        snprintf(expected, sizeof(expected), "%s: missing VM name; try 'plume %s --help'", commands[i],
                 commands[i]);
        ca_parse(&r, argv, 2);
        CA_FAILS(&r, expected);
    }
    {
        struct ca_run r;

        CA(&r, "run", "--");
        CA_FAILS(&r, "run: missing VM name");
        CA(&r, "run", "-d");
        CA_FAILS(&r, "run: missing VM name");
        CA(&r, "rm", "--force");
        CA_FAILS(&r, "rm: missing VM name");
    }
}

TEST(cli_run_missing_or_empty_program)
{
    struct ca_run r;

    CA(&r, "run", "a");
    CA_FAILS(&r, "run: missing PROGRAM; try 'plume run --help'");
    CA(&r, "run", "a", "-d");
    CA_FAILS(&r, "run: missing PROGRAM");
    CA(&r, "run", "a", "--");
    CA_FAILS(&r, "run: missing PROGRAM");
    CA(&r, "run", "a", "--create", "--detach", "--");
    CA_FAILS(&r, "run: missing PROGRAM");
    CA(&r, "run", "a", "");
    CA_FAILS(&r, "run: PROGRAM cannot be an empty string");
    CA(&r, "run", "a", "--", "");
    CA_FAILS(&r, "run: PROGRAM cannot be an empty string");
    /* An empty argument after the program is the program's business. */
    CA(&r, "run", "a", "p", "");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.program_argc, 2);
}

TEST(cli_extra_arguments)
{
    struct ca_run r;

    CA(&r, "create", "a", "b");
    CA_FAILS(&r, "create: unexpected argument 'b'");
    CA(&r, "list", "x");
    CA_FAILS(&r, "list: unexpected argument 'x'");
    CA(&r, "info", "a", "b");
    CA_FAILS(&r, "info: unexpected argument 'b'");
    CA(&r, "ps", "a", "b");
    CA_FAILS(&r, "ps: unexpected argument 'b'");
    CA(&r, "stop", "a", "b", "c");
    CA_FAILS(&r, "stop: unexpected argument 'b'");
    CA(&r, "rm", "a", "-f", "b");
    CA_FAILS(&r, "rm: unexpected argument 'b'");
    CA(&r, "create", "a", "--", "b");
    CA_FAILS(&r, "create: unexpected argument 'b'");
    CA(&r, "version", "x");
    CA_OK(&r); /* documented as "plume --version": the rest is ignored */
}

TEST(cli_double_dash)
{
    struct ca_run r;

    CA(&r, "create", "--", "-x");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_CREATE);
    CHECK_STR(r.req.vm, "-x");
    CA(&r, "create", "--", "--help");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_CREATE);
    CHECK_STR(r.req.vm, "--help");
    /* A lone "-" is a name (stdin by convention), not an option. */
    CA(&r, "info", "-");
    CA_OK(&r);
    CHECK_STR(r.req.vm, "-");

    CA(&r, "run", "a", "--", "prog", "--detach");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.detach, 0);
    REQUIRE(r.req.program_argc == 2);
    CHECK_STR(r.req.program_argv[0], "prog");
    CHECK_STR(r.req.program_argv[1], "--detach");

    CA(&r, "run", "a", "--", "--help");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_RUN);
    REQUIRE(r.req.program_argc == 1);
    CHECK_STR(r.req.program_argv[0], "--help");

    CA(&r, "run", "--", "a", "-d", "prog");
    CA_OK(&r);
    CHECK_STR(r.req.vm, "a");
    CHECK_EQ_INT(r.req.detach, 0);
    REQUIRE(r.req.program_argc == 2);
    CHECK_STR(r.req.program_argv[0], "-d");
}

TEST(cli_run_options)
{
    struct ca_run r;

    CA(&r, "run", "a", "-d", "prog", "x", "y");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.detach, 1);
    CHECK_EQ_INT(r.req.create, 0);
    CHECK_STR(r.req.vm, "a");
    REQUIRE(r.req.program_argc == 3);
    CHECK(r.req.program_argv == r.argv + 4);
    CHECK_STR(r.req.program_argv[0], "prog");
    CHECK_STR(r.req.program_argv[1], "x");
    CHECK_STR(r.req.program_argv[2], "y");

    CA(&r, "run", "--detach", "--create", "a", "prog");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.detach, 1);
    CHECK_EQ_INT(r.req.create, 1);
    CHECK_STR(r.req.vm, "a");
    CHECK_EQ_INT(r.req.program_argc, 1);

    CA(&r, "run", "a", "--create", "--", "prog");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.create, 1);
    CHECK_EQ_INT(r.req.detach, 0);
    CHECK_EQ_INT(r.req.program_argc, 1);

    CA(&r, "rm", "-f", "a");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.force, 1);
    CA(&r, "rm", "a", "--force");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.force, 1);
    CHECK_STR(r.req.vm, "a");
}

TEST(cli_options_after_program_belong_to_it)
{
    struct ca_run r;

    CA(&r, "run", "a", "prog", "-d");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.detach, 0);
    REQUIRE(r.req.program_argc == 2);
    CHECK_STR(r.req.program_argv[1], "-d");

    CA(&r, "run", "a", "prog", "--help");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.command, CLI_RUN);
    REQUIRE(r.req.program_argc == 2);
    CHECK_STR(r.req.program_argv[1], "--help");

    CA(&r, "run", "a", "prog", "--create", "--", "x");
    CA_OK(&r);
    CHECK_EQ_INT(r.req.create, 0);
    REQUIRE(r.req.program_argc == 4);
    CHECK_STR(r.req.program_argv[2], "--");
}

TEST(cli_error_text_is_bounded)
{
    static char huge[100000];
    const char *argv[4] = { "plume", huge, NULL, NULL };
    char err[CA_ERR_MAX + 8];
    struct cli_request req;
    size_t i;

    /* A huge unknown command with control characters in it: cut to 60
     * bytes, each control character shown as '?'. */
    for (i = 0; i + 1 < sizeof(huge); i++)
        huge[i] = (i % 10 == 3) ? '\x1b' : 'w';
    huge[sizeof(huge) - 1] = 0;
    memset(err, 'X', sizeof(err));
    CHECK_EQ_INT(cli_parse(2, argv, &req, err, CA_ERR_MAX), -1);
    for (i = CA_ERR_MAX; i < sizeof(err); i++)
        CHECK_EQ_INT(err[i], 'X');
    CHECK_STR(err, "unknown command '"
                   "www?wwwwwwwww?wwwwwwwww?wwwwwwwww?wwwwwwwww?wwwwwwwww?www..."
                   "'; try 'plume --help'");
    for (i = 0; err[i]; i++)
        if (!CHECK((unsigned char)err[i] >= 0x20))
            break;

    /* 60 bytes are shown whole, 61 are cut. */
    huge[60] = 0;
    CHECK_EQ_INT(cli_parse(2, argv, &req, err, CA_ERR_MAX), -1);
    CHECK_STR(err, "unknown command '"
                   "www?wwwwwwwww?wwwwwwwww?wwwwwwwww?wwwwwwwww?wwwwwwwww?wwwwww"
                   "'; try 'plume --help'");
    huge[60] = 'w';
    huge[61] = 0;
    CHECK_EQ_INT(cli_parse(2, argv, &req, err, CA_ERR_MAX), -1);
    CHECK_CONTAINS(err, "?www...'");
    huge[61] = 'w';

    /* The same through the other messages that quote an argument. */
    argv[1] = "create";
    argv[2] = "a";
    argv[3] = huge;
    CHECK_EQ_INT(cli_parse(4, argv, &req, err, CA_ERR_MAX), -1);
    CHECK(strlen(err) < 100);
    CHECK_CONTAINS(err, "create: unexpected argument 'www?");
    huge[0] = '-';
    argv[1] = "rm";
    CHECK_EQ_INT(cli_parse(4, argv, &req, err, CA_ERR_MAX), -1);
    CHECK(strlen(err) < 100);
    CHECK_CONTAINS(err, "rm: unknown option '-ww?");
    argv[1] = "help";
    argv[2] = huge;
    CHECK_EQ_INT(cli_parse(3, argv, &req, err, CA_ERR_MAX), -1);
    CHECK(strlen(err) < 120);
    CHECK_CONTAINS(err, "help: unknown command '-ww?");
    huge[0] = 'w';

    /* A tiny error buffer is cut and terminated, never overrun. */
    argv[1] = huge;
    memset(err, 'X', sizeof(err));
    CHECK_EQ_INT(cli_parse(2, argv, &req, err, 8), -1);
    CHECK_STR(err, "unknown");
    CHECK_EQ_INT(err[8], 'X');
    memset(err, 'X', sizeof(err));
    CHECK_EQ_INT(cli_parse(2, argv, &req, err, 1), -1);
    CHECK_EQ_INT(err[0], 0);
    CHECK_EQ_INT(err[1], 'X');
}

TEST(cli_command_names)
{
    CHECK_STR(cli_command_name(CLI_CREATE), "create");
    CHECK_STR(cli_command_name(CLI_LIST), "list");
    CHECK_STR(cli_command_name(CLI_INFO), "info");
    CHECK_STR(cli_command_name(CLI_RUN), "run");
    CHECK_STR(cli_command_name(CLI_PS), "ps");
    CHECK_STR(cli_command_name(CLI_STOP), "stop");
    CHECK_STR(cli_command_name(CLI_RM), "rm");
    CHECK_STR(cli_command_name(CLI_HELP), "help");
    CHECK_STR(cli_command_name(CLI_VERSION), "--version");
    CHECK(cli_command_name(CLI_NONE) == NULL);
    CHECK(cli_command_name(CLI_COMMAND_COUNT) == NULL);
}

TEST(cli_usage_texts)
{
    enum cli_command c;

    CHECK_CONTAINS(cli_usage(CLI_NONE), "usage: plume COMMAND [OPTIONS] [ARGS]\n");
    CHECK(cli_usage(CLI_COMMAND_COUNT) == cli_usage(CLI_NONE));
    CHECK_CONTAINS(cli_usage(CLI_HELP), "usage: plume help [COMMAND]\n");
    CHECK_CONTAINS(cli_usage(CLI_RUN), "usage: plume run NAME [--detach] [--create] [--] PROGRAM [ARGS...]\n");
    CHECK_CONTAINS(cli_usage(CLI_RUN), "-d, --detach");
    CHECK_CONTAINS(cli_usage(CLI_RM), "--force (-f)");
    /* Each command has its own text, and the overview lists it. */
    for (c = CLI_CREATE; c < CLI_COMMAND_COUNT; c++) {
        char head[64], line[64];
        const char *usage = cli_usage(c);

        snprintf(head, sizeof(head), "usage: plume %s", cli_command_name(c));
        snprintf(line, sizeof(line), "\n  %s ", cli_command_name(c));
        REQUIRE(usage != NULL);
        CHECK(strncmp(usage, head, strlen(head)) == 0);
        CHECK_CONTAINS(cli_usage(CLI_NONE), line);
        CHECK(usage[strlen(usage) - 1] == '\n');
    }
}
