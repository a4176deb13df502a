/* The plume command line, parsed without touching the system, so that every
 * wrong invocation can be tested natively. */
#ifndef PLUME_CORE_CLI_ARGS_H
#define PLUME_CORE_CLI_ARGS_H

#include <stddef.h>

enum cli_command {
    CLI_NONE = 0,
    CLI_HELP,    /* plume help [COMMAND], plume --help */
    CLI_VERSION, /* plume --version */
    CLI_CREATE,
    CLI_LIST,
    CLI_INFO,
    CLI_RUN,
    CLI_PS,
    CLI_STOP,
    CLI_RM,
    CLI_TRACE,
    CLI_COMMAND_COUNT
};

struct cli_request {
    enum cli_command command;
    enum cli_command help_topic; /* with CLI_HELP: the command asked about, or CLI_NONE */
    const char *vm;              /* the VM name argument, unchecked */
    int detach;                  /* run --detach */
    int create;                  /* run --create */
    int force;                   /* rm --force */
    int trace_action;            /* trace: 0 show, 1 --on, 2 --off, 3 --clear */
    int program_argc;            /* run: the program and its arguments */
    const char *const *program_argv;
};

/* Exit status for a command line that makes no sense. */
#define CLI_EXIT_USAGE 2

/* Parses ARGV[1..ARGC-1] (ARGV[0] is plume itself). Returns 0 and fills REQ,
 * or returns -1 and writes a one-line reason into ERR. The strings in REQ
 * point into ARGV. */
int cli_parse(int argc, const char *const *argv, struct cli_request *req, char *err, size_t errlen);

/* The name a user types for COMMAND ("run"), or NULL. */
const char *cli_command_name(enum cli_command command);

/* The --help text of COMMAND; CLI_NONE gives the overview. */
const char *cli_usage(enum cli_command command);

#endif
