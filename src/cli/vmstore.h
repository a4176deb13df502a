/* The VMs on disk: one folder each under %ProgramData%\plume\vms, holding
 * vm.ini. Surviving every process restart is the point of keeping it here. */
#ifndef PLUME_CLI_VMSTORE_H
#define PLUME_CLI_VMSTORE_H

#include <windows.h>

#include "../core/vmname.h"
#include "../win/vmobjects.h"

struct vm_record {
    char name[VM_NAME_MAX + 1];  /* as created */
    char created[32];            /* ISO 8601, UTC */
    int trace;                   /* [trace] enabled */
    WCHAR dir[VM_PATH_MAX];
};

enum vmstore_result {
    VMSTORE_OK = 0,
    VMSTORE_NOT_FOUND,
    VMSTORE_EXISTS,
    VMSTORE_BAD_NAME,
    VMSTORE_CORRUPT,   /* vm.ini unreadable or malformed */
    VMSTORE_IO
};

/* Each returns VMSTORE_OK or a code with a sentence in ERR. */
enum vmstore_result vmstore_create(const char *name, struct vm_record *rec, char *err, size_t errlen);
enum vmstore_result vmstore_load(const char *name, struct vm_record *rec, char *err, size_t errlen);
enum vmstore_result vmstore_remove(const struct vm_record *rec, char *err, size_t errlen);

/* Sets [SECTION] KEY = VALUE in the VM's vm.ini, keeping the rest. */
enum vmstore_result vmstore_set_option(const struct vm_record *rec, const char *section, const char *key,
                                       const char *value, char *err, size_t errlen);

/* Calls VISIT for each VM folder in name order; folders that are not valid
 * VMs are reported through BAD with a reason. Returns the number visited. */
typedef void (*vmstore_visit_fn)(void *ctx, const struct vm_record *rec);
typedef void (*vmstore_bad_fn)(void *ctx, const WCHAR *folder, const char *reason);
int vmstore_list(vmstore_visit_fn visit, vmstore_bad_fn bad, void *ctx);

/* Loads VM NAME for a command, printing the error itself. With CREATE,
 * a missing VM is created. Returns the process exit code to use on failure,
 * or 0 on success. */
int vmstore_open_for_command(const char *command, const char *name, int create, struct vm_record *rec);

#endif
