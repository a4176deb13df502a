#include "cli_args.h"

#include <stdio.h>
#include <string.h>

struct cli_command_info {
    enum cli_command command;
    const char *name;
    int positional;       /* how many positional arguments before a program */
    const char *usage;
};

static const char cli_overview[] =
    "usage: plume COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Feather-weight VMs: groups of processes whose IPC stays inside the group.\n"
    "\n"
    "commands:\n"
    "  create NAME                     create a VM\n"
    "  list                            list VMs and whether they run\n"
    "  info NAME                       show one VM's state and settings\n"
    "  run NAME [--detach] [--create] -- PROGRAM [ARGS...]\n"
    "                                  start PROGRAM inside VM NAME\n"
    "  ps NAME                         show the process tree of a VM\n"
    "  stop NAME                       end every process of a VM\n"
    "  rm NAME [--force]               delete a VM\n"
    "  trace NAME [--on|--off|--clear] show, switch or clear a VM's IPC trace\n"
    "  help [COMMAND]                  show help for a command\n"
    "\n"
    "options for every command: -h, --help; plume --version prints the version.\n"
    "VM names are 1 to 32 characters of A-Z a-z 0-9 _ - and ignore case.\n"
    "State lives in %ProgramData%\\plume (override with PLUME_HOME).\n";

static const struct cli_command_info cli_commands[] = {
    { CLI_HELP, "help", 0,
      "usage: plume help [COMMAND]\n\nShows the overview, or the help of COMMAND.\n" },
    { CLI_CREATE, "create", 1,
      "usage: plume create NAME\n"
      "\n"
      "Creates VM NAME: a folder under %ProgramData%\\plume\\vms holding vm.ini.\n"
      "Fails if a VM of that name (in any letter case) exists.\n" },
    { CLI_LIST, "list", 0,
      "usage: plume list\n"
      "\n"
      "Lists every VM with its state (running or stopped), its number of\n"
      "processes and when it was created.\n" },
    { CLI_INFO, "info", 1,
      "usage: plume info NAME\n"
      "\n"
      "Shows VM NAME: state, processes, creation time, state folder and job.\n" },
    { CLI_RUN, "run", 1,
      "usage: plume run NAME [--detach] [--create] [--] PROGRAM [ARGS...]\n"
      "\n"
      "Starts PROGRAM inside VM NAME. plume's DLL is in the program before any\n"
      "of the program's own code runs, and every child it starts joins the VM.\n"
      "\n"
      "  -d, --detach   return once the program has started; its output goes to\n"
      "                 the VM's output.log\n"
      "      --create   create VM NAME first if it does not exist\n"
      "\n"
      "Without --detach, plume waits and exits with the program's exit code.\n"
      "plume's own failures exit with 125 (plume could not act), 126 (the\n"
      "program could not be started inside the VM) or 127 (program not found).\n" },
    { CLI_PS, "ps", 1,
      "usage: plume ps NAME\n"
      "\n"
      "Shows the processes of VM NAME as a tree: PID, parent PID and image.\n" },
    { CLI_STOP, "stop", 1,
      "usage: plume stop NAME\n"
      "\n"
      "Ends every process of VM NAME, children included, and waits for them.\n" },
    { CLI_TRACE, "trace", 1,
      "usage: plume trace NAME [--on | --off | --clear]\n"
      "\n"
      "Without an option, prints VM NAME's trace: one line per IPC decision,\n"
      "with time, process id, image, call, object type, the name asked for,\n"
      "the name used and the verdict (private, host or deny, with the reason).\n"
      "\n"
      "  --on     record decisions (sets [trace] enabled = yes in vm.ini);\n"
      "           applies to processes started from then on\n"
      "  --off    stop recording, for processes started from then on\n"
      "  --clear  empty the trace\n" },
    { CLI_RM, "rm", 1,
      "usage: plume rm NAME [--force]\n"
      "\n"
      "Deletes VM NAME and its state folder. Refuses a running VM unless\n"
      "--force (-f) is given, which stops it first.\n" },
};

static const struct cli_command_info *cli_find(enum cli_command command)
{
    size_t i;

    for (i = 0; i < sizeof(cli_commands) / sizeof(cli_commands[0]); i++)
        if (cli_commands[i].command == command)
            return &cli_commands[i];
    return NULL;
}

static const struct cli_command_info *cli_find_by_name(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(cli_commands) / sizeof(cli_commands[0]); i++)
        if (!strcmp(cli_commands[i].name, name))
            return &cli_commands[i];
    return NULL;
}

const char *cli_command_name(enum cli_command command)
{
    const struct cli_command_info *info = cli_find(command);

    if (command == CLI_VERSION)
        return "--version";
    return info ? info->name : NULL;
}

const char *cli_usage(enum cli_command command)
{
    const struct cli_command_info *info = cli_find(command);

    if (!info)
        return cli_overview;
    return info->usage;
}

static int cli_is_help_flag(const char *arg)
{
    return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

/* Printable form of a user argument for an error message: bounded, and with
 * control characters replaced. */
static const char *cli_shown(const char *arg, char buf[64])
{
    size_t i;

    for (i = 0; arg[i] && i < 60; i++)
        buf[i] = ((unsigned char)arg[i] < 0x20 || arg[i] == 0x7f) ? '?' : arg[i];
    buf[i] = 0;
    if (arg[i])
        strcpy(buf + 57, "...");
    return buf;
}

static int cli_fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    char shown_a[64], shown_b[64];

    if (err && errlen)
        snprintf(err, errlen, fmt, a ? cli_shown(a, shown_a) : "", b ? cli_shown(b, shown_b) : "");
    return -1;
}

/* Options of COMMAND. Returns 1 when ARG was one, 0 when it is unknown, -1
 * when it contradicts an option already given. */
static int cli_take_option(enum cli_command command, const char *arg, struct cli_request *req)
{
    switch (command) {
    case CLI_RUN:
        if (!strcmp(arg, "-d") || !strcmp(arg, "--detach")) {
            req->detach = 1;
            return 1;
        }
        if (!strcmp(arg, "--create")) {
            req->create = 1;
            return 1;
        }
        return 0;
    case CLI_TRACE: {
        int action = !strcmp(arg, "--on") ? 1 : !strcmp(arg, "--off") ? 2 : !strcmp(arg, "--clear") ? 3 : 0;

        if (!action)
            return 0;
        if (req->trace_action && req->trace_action != action)
            return -1;
        req->trace_action = action;
        return 1;
    }
    case CLI_RM:
        if (!strcmp(arg, "-f") || !strcmp(arg, "--force")) {
            req->force = 1;
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

int cli_parse(int argc, const char *const *argv, struct cli_request *req, char *err, size_t errlen)
{
    const struct cli_command_info *info;
    const char *word;
    int i, positional = 0, options_done = 0;

    if (err && errlen)
        err[0] = 0;
    if (!req)
        return cli_fail(err, errlen, "internal error: no request%s%s", NULL, NULL);
    memset(req, 0, sizeof(*req));
    if (argc < 2 || !argv || !argv[1]) {
        req->command = CLI_HELP;
        return cli_fail(err, errlen, "no command given; try 'plume --help'%s%s", NULL, NULL);
    }
    word = argv[1];
    if (cli_is_help_flag(word)) {
        req->command = CLI_HELP;
        return 0;
    }
    if (!strcmp(word, "--version") || !strcmp(word, "version")) {
        req->command = CLI_VERSION;
        return 0;
    }
    info = cli_find_by_name(word);
    if (!info) {
        if (word[0] == '-')
            return cli_fail(err, errlen, "unknown option '%s'; try 'plume --help'%s", word, NULL);
        return cli_fail(err, errlen, "unknown command '%s'; try 'plume --help'%s", word, NULL);
    }
    req->command = info->command;

    for (i = 2; i < argc; i++) {
        const char *arg = argv[i];

        if (!arg)
            return cli_fail(err, errlen, "internal error: missing argument%s%s", NULL, NULL);
        if (info->command == CLI_HELP) {
            const struct cli_command_info *topic = cli_find_by_name(arg);

            if (cli_is_help_flag(arg)) {
                req->help_topic = CLI_HELP;
                continue;
            }
            /* A second word is an extra argument even when it names a
             * command: "help run ps" must not call ps unknown. */
            if (positional)
                return cli_fail(err, errlen, "help: unexpected argument '%s'%s", arg, NULL);
            if (!topic)
                return cli_fail(err, errlen, "help: unknown command '%s'; try 'plume --help'%s", arg, NULL);
            req->help_topic = topic->command;
            positional++;
            continue;
        }
        if (!options_done && !strcmp(arg, "--")) {
            options_done = 1;
            continue;
        }
        if (!options_done && cli_is_help_flag(arg)) {
            req->help_topic = info->command;
            req->command = CLI_HELP;
            return 0;
        }
        if (!options_done && arg[0] == '-' && arg[1]) {
            int taken = cli_take_option(info->command, arg, req);

            if (taken < 0)
                return cli_fail(err, errlen, "%s: '%s' contradicts an option given before it", info->name, arg);
            if (!taken)
                return cli_fail(err, errlen, "%s: unknown option '%s'", info->name, arg);
            continue;
        }
        if (positional < info->positional) {
            req->vm = arg;
            positional++;
            continue;
        }
        if (info->command == CLI_RUN)
            break; /* the program starts here */
        return cli_fail(err, errlen, "%s: unexpected argument '%s'", info->name, arg);
    }

    if (positional < info->positional)
        return cli_fail(err, errlen, "%s: missing VM name; try 'plume %s --help'", info->name, info->name);
    if (info->command == CLI_RUN) {
        if (i >= argc)
            return cli_fail(err, errlen, "run: missing PROGRAM; try 'plume run --help'%s%s", NULL, NULL);
        if (!argv[i][0])
            return cli_fail(err, errlen, "run: PROGRAM cannot be an empty string%s%s", NULL, NULL);
        req->program_argc = argc - i;
        req->program_argv = argv + i;
    } else if (i < argc) {
        return cli_fail(err, errlen, "%s: unexpected argument '%s'", info->name, argv[i]);
    }
    return 0;
}
