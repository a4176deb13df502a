#include "cli_out.h"
#include "commands.h"
#include "vmjob.h"
#include "vmstore.h"

#define STOP_TIMEOUT_MS 15000

int cmd_stop(const struct cli_request *req)
{
    struct vm_record rec;
    HANDLE job;
    int rc = vmstore_open_for_command("stop", req->vm, 0, &rec), ended;

    if (rc)
        return rc;
    job = vmjob_open(rec.name);
    if (!job) {
        out_print("VM '%s' is not running\n", rec.name);
        return EXIT_OK;
    }
    ended = vmjob_stop(job, STOP_TIMEOUT_MS);
    CloseHandle(job);
    if (ended < 0) {
        out_error("stop: VM '%s' still has processes after %d seconds", rec.name, STOP_TIMEOUT_MS / 1000);
        return EXIT_FAILED;
    }
    out_print("stopped VM '%s' (%d process%s)\n", rec.name, ended, ended == 1 ? "" : "es");
    return EXIT_OK;
}
