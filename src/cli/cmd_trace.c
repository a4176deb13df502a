/* plume trace: the per-VM record of IPC decisions. */
#include <windows.h>
#include <stdio.h>

#include "cli_out.h"
#include "commands.h"
#include "vmstore.h"

static BOOL trace_path(const struct vm_record *rec, WCHAR *out, size_t cap)
{
    int n = _snwprintf(out, cap, L"%ls\\trace.log", rec->dir);

    return n > 0 && (size_t)n < cap;
}

static int trace_show(const struct vm_record *rec, const WCHAR *path)
{
    char buffer[16384];
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD got;

    if (!rec->trace)
        out_error("trace: tracing is off for VM '%s'; turn it on with 'plume trace %s --on'", rec->name, rec->name);
    out_print("TIME\tPID\tIMAGE\tCALL\tTYPE\tREQUESTED\tRESOLVED\tVERDICT/REASON\n");
    if (file == INVALID_HANDLE_VALUE)
        return EXIT_OK;
    while (ReadFile(file, buffer, sizeof(buffer), &got, NULL) && got)
        fwrite(buffer, 1, got, stdout);
    CloseHandle(file);
    return EXIT_OK;
}

int cmd_trace(const struct cli_request *req)
{
    struct vm_record rec;
    WCHAR path[VM_PATH_MAX + 16];
    char err[256];
    int rc = vmstore_open_for_command("trace", req->vm, 0, &rec);

    if (rc)
        return rc;
    if (!trace_path(&rec, path, ARRAYSIZE(path))) {
        out_error("trace: the VM's folder path is too long");
        return EXIT_FAILED;
    }
    switch (req->trace_action) {
    case 1:
    case 2:
        if (vmstore_set_option(&rec, "trace", "enabled", req->trace_action == 1 ? "yes" : "no", err,
                               sizeof(err)) != VMSTORE_OK) {
            out_error("trace: %s", err);
            return EXIT_FAILED;
        }
        out_print("trace of VM '%s' is %s for processes started from now on\n", rec.name,
                  req->trace_action == 1 ? "on" : "off");
        return EXIT_OK;
    case 3:
        if (!DeleteFileW(path) && GetLastError() != ERROR_FILE_NOT_FOUND) {
            out_error("trace: cannot clear the trace: %s", out_win_error(GetLastError(), err, sizeof(err)));
            return EXIT_FAILED;
        }
        out_print("cleared the trace of VM '%s'\n", rec.name);
        return EXIT_OK;
    default:
        return trace_show(&rec, path);
    }
}
