#include "cli_out.h"
#include "commands.h"
#include "vmjob.h"
#include "vmstore.h"

int cmd_info(const struct cli_request *req)
{
    struct vm_record rec;
    WCHAR job[128];
    int rc = vmstore_open_for_command("info", req->vm, 0, &rec), procs;

    if (rc)
        return rc;
    procs = cmd_count_processes(rec.name);
    if (!vmjob_name(rec.name, job, ARRAYSIZE(job)))
        lstrcpyW(job, L"(none: not running)");
    out_print("name:       %s\n", rec.name);
    out_print("state:      %s\n", procs ? "running" : "stopped");
    out_print("processes:  %d\n", procs);
    out_print("created:    %s\n", rec.created);
    out_print("folder:     ");
    out_print_wide(rec.dir);
    out_print("\nconfig:     ");
    out_print_wide(rec.dir);
    out_print("\\vm.ini\njob:        ");
    out_print_wide(job);
    out_print("\n");
    return EXIT_OK;
}
