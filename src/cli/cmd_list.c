#include "cli_out.h"
#include "commands.h"
#include "vmjob.h"
#include "vmstore.h"

int cmd_count_processes(const char *name)
{
    DWORD pids[VMJOB_MAX_PROCESSES];
    HANDLE job = vmjob_open(name);
    int n;

    if (!job)
        return 0;
    n = vmjob_pids(job, pids, VMJOB_MAX_PROCESSES);
    CloseHandle(job);
    return n < 0 ? 0 : n;
}

static void list_one(void *ctx, const struct vm_record *rec)
{
    int procs = cmd_count_processes(rec->name);

    (void)ctx;
    out_print("%-32s  %-7s  %5d  %s\n", rec->name, procs ? "running" : "stopped", procs, rec->created);
}

static void list_bad(void *ctx, const WCHAR *folder, const char *reason)
{
    char *name = NULL;
    int n = WideCharToMultiByte(CP_UTF8, 0, folder, -1, NULL, 0, NULL, NULL);

    (void)ctx;
    if (n > 0 && (name = HeapAlloc(GetProcessHeap(), 0, (SIZE_T)n)))
        WideCharToMultiByte(CP_UTF8, 0, folder, -1, name, n, NULL, NULL);
    out_error("list: skipping folder '%s': %s", name ? name : "?", reason);
    if (name)
        HeapFree(GetProcessHeap(), 0, name);
}

int cmd_list(const struct cli_request *req)
{
    (void)req;
    out_print("%-32s  %-7s  %5s  %s\n", "NAME", "STATE", "PROCS", "CREATED");
    vmstore_list(list_one, list_bad, NULL);
    return EXIT_OK;
}
