/* One function per plume subcommand; each returns the process exit code. */
#ifndef PLUME_CLI_COMMANDS_H
#define PLUME_CLI_COMMANDS_H

#include "../core/cli_args.h"

int cmd_create(const struct cli_request *req);
int cmd_list(const struct cli_request *req);
int cmd_info(const struct cli_request *req);
int cmd_run(const struct cli_request *req);
int cmd_ps(const struct cli_request *req);
int cmd_stop(const struct cli_request *req);
int cmd_rm(const struct cli_request *req);
int cmd_trace(const struct cli_request *req);

/* Processes of VM NAME (0 if it is not running). */
int cmd_count_processes(const char *name);

#endif
