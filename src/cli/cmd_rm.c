#include "cli_out.h"
#include "commands.h"
#include "vmjob.h"
#include "vmstore.h"

#define RM_STOP_TIMEOUT_MS 15000

int cmd_rm(const struct cli_request *req)
{
    struct vm_record rec;
    char err[256];
    HANDLE job;
    int rc = vmstore_open_for_command("rm", req->vm, 0, &rec);

    if (rc)
        return rc;
    job = vmjob_open(rec.name);
    if (job) {
        int procs = cmd_count_processes(rec.name);

        if (!req->force) {
            CloseHandle(job);
            out_error("rm: VM '%s' is running (%d process%s); stop it first or pass --force", rec.name,
                      procs, procs == 1 ? "" : "es");
            return EXIT_FAILED;
        }
        if (vmjob_stop(job, RM_STOP_TIMEOUT_MS) < 0) {
            CloseHandle(job);
            out_error("rm: cannot stop VM '%s'; nothing was deleted", rec.name);
            return EXIT_FAILED;
        }
        CloseHandle(job);
    }
    if (vmstore_remove(&rec, err, sizeof(err)) != VMSTORE_OK) {
        out_error("rm: %s", err);
        return EXIT_FAILED;
    }
    out_print("removed VM '%s'\n", rec.name);
    return EXIT_OK;
}
