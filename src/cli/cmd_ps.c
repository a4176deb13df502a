#include <windows.h>
#include <tlhelp32.h>

#include "../win/utf.h"
#include "cli_out.h"
#include "commands.h"
#include "vmjob.h"
#include "vmstore.h"

#define PS_MAX_DEPTH 64

struct ps_entry {
    DWORD pid, ppid;
    char image[MAX_PATH];
    BOOL printed;
};

static BOOL ps_is_member(const struct ps_entry *procs, int count, DWORD pid)
{
    int i;

    for (i = 0; i < count; i++)
        if (procs[i].pid == pid)
            return TRUE;
    return FALSE;
}

static void ps_print_tree(struct ps_entry *procs, int count, int index, int depth)
{
    int i;

    procs[index].printed = TRUE;
    out_print("%-8lu %-8lu %*s%s%s\n", (unsigned long)procs[index].pid, (unsigned long)procs[index].ppid,
              depth * 3, "", depth ? "\\_ " : "", procs[index].image);
    if (depth >= PS_MAX_DEPTH)
        return;
    for (i = 0; i < count; i++)
        if (!procs[i].printed && procs[i].ppid == procs[index].pid && i != index)
            ps_print_tree(procs, count, i, depth + 1);
}

int cmd_ps(const struct cli_request *req)
{
    static DWORD pids[VMJOB_MAX_PROCESSES];
    static struct ps_entry procs[VMJOB_MAX_PROCESSES];
    struct vm_record rec;
    PROCESSENTRY32W entry = { sizeof(entry) };
    HANDLE job, snap;
    int rc = vmstore_open_for_command("ps", req->vm, 0, &rec), count, i;

    if (rc)
        return rc;
    out_print("%-8s %-8s %s\n", "PID", "PPID", "IMAGE");
    job = vmjob_open(rec.name);
    if (!job)
        return EXIT_OK;
    count = vmjob_pids(job, pids, VMJOB_MAX_PROCESSES);
    CloseHandle(job);
    if (count <= 0)
        return count < 0 ? EXIT_FAILED : EXIT_OK;
    for (i = 0; i < count; i++) {
        procs[i].pid = pids[i];
        procs[i].ppid = 0;
        procs[i].printed = FALSE;
        lstrcpyA(procs[i].image, "?");
    }
    snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snap != INVALID_HANDLE_VALUE) {
        if (Process32FirstW(snap, &entry)) {
            do {
                for (i = 0; i < count; i++) {
                    if (procs[i].pid != entry.th32ProcessID)
                        continue;
                    procs[i].ppid = entry.th32ParentProcessID;
                    WideCharToMultiByte(CP_UTF8, 0, entry.szExeFile, -1, procs[i].image,
                                        sizeof(procs[i].image), NULL, NULL);
                }
            } while (Process32NextW(snap, &entry));
        }
        CloseHandle(snap);
    }
    /* Roots first (parent outside the VM), each followed by its subtree. */
    for (i = 0; i < count; i++)
        if (!procs[i].printed && !ps_is_member(procs, count, procs[i].ppid))
            ps_print_tree(procs, count, i, 0);
    for (i = 0; i < count; i++)
        if (!procs[i].printed)
            ps_print_tree(procs, count, i, 0);
    return EXIT_OK;
}
