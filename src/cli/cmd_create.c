#include "cli_out.h"
#include "commands.h"
#include "vmstore.h"

int cmd_create(const struct cli_request *req)
{
    struct vm_record rec;
    char err[256];
    enum vmstore_result rc = vmstore_create(req->vm, &rec, err, sizeof(err));

    if (rc != VMSTORE_OK) {
        out_error("create: %s", err);
        return rc == VMSTORE_BAD_NAME ? CLI_EXIT_USAGE : EXIT_FAILED;
    }
    out_print("created VM '%s'\n", rec.name);
    return EXIT_OK;
}
