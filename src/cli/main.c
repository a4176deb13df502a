/* plume.exe: the command line. Parsing lives in core/cli_args.c. */
#include <windows.h>
#include <stdio.h>

#include "../core/cli_args.h"
#include "../win/utf.h"
#include "cli_out.h"
#include "commands.h"

#ifndef PLUME_VERSION
#define PLUME_VERSION "0.0.0"
#endif

/* The VM this plume.exe itself runs in, or NULL on the host. */
static const char *main_own_vm(char buf[40])
{
    HMODULE dll = GetModuleHandleW(L"plume64.dll");
    int(WINAPI * get)(char *, int) = dll ? (int(WINAPI *)(char *, int))(void *)GetProcAddress(dll, "PlumeGetVmName") : NULL;

    return get && get(buf, 40) > 0 ? buf : NULL;
}

int wmain(int argc, WCHAR **argv)
{
    char own_vm[40];
    struct cli_request req;
    char err[256];
    char **args;
    int i, rc;

    args = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, (SIZE_T)(argc + 1) * sizeof(char *));
    if (!args) {
        out_error("out of memory");
        return EXIT_FAILED;
    }
    for (i = 0; i < argc; i++) {
        args[i] = utf_to_utf8(argv[i]);
        if (!args[i]) {
            out_error("argument %d is not valid Unicode", i);
            return CLI_EXIT_USAGE;
        }
    }
    if (cli_parse(argc, (const char *const *)args, &req, err, sizeof(err))) {
        out_error("%s", err);
        return CLI_EXIT_USAGE;
    }
    /* Managing VMs is the host's business: a VM may not start, stop or look
     * into other VMs, nor nest a VM inside itself. */
    if (req.command != CLI_HELP && req.command != CLI_VERSION && main_own_vm(own_vm)) {
        out_error("%s: not available inside a VM (this process is in VM '%s')", cli_command_name(req.command), own_vm);
        return EXIT_FAILED;
    }
    switch (req.command) {
    case CLI_HELP:
        fputs(cli_usage(req.help_topic), stdout);
        rc = EXIT_OK;
        break;
    case CLI_VERSION:
        out_print("plume %s\n", PLUME_VERSION);
        rc = EXIT_OK;
        break;
    case CLI_CREATE: rc = cmd_create(&req); break;
    case CLI_LIST: rc = cmd_list(&req); break;
    case CLI_INFO: rc = cmd_info(&req); break;
    case CLI_RUN: rc = cmd_run(&req); break;
    case CLI_PS: rc = cmd_ps(&req); break;
    case CLI_STOP: rc = cmd_stop(&req); break;
    case CLI_RM: rc = cmd_rm(&req); break;
    case CLI_TRACE: rc = cmd_trace(&req); break;
    default:
        out_error("internal error: unhandled command");
        rc = EXIT_FAILED;
        break;
    }
    fflush(stdout);
    return rc;
}
