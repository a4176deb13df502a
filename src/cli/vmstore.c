#include "vmstore.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "../core/vmconfig.h"
#include "../win/utf.h"
#include "cli_out.h"

#define VMSTORE_RM_DEPTH 8

static enum vmstore_result vmstore_fail(enum vmstore_result code, char *err, size_t errlen,
                                        const char *fmt, const char *arg)
{
    if (err && errlen)
        snprintf(err, errlen, fmt, arg);
    return code;
}

static BOOL vmstore_ini_path(const WCHAR *dir, WCHAR *out, size_t cap)
{
    int len = _snwprintf(out, cap, L"%ls\\vm.ini", dir);

    return len > 0 && (size_t)len < cap;
}

static BOOL vmstore_ensure_dir(const WCHAR *dir)
{
    return CreateDirectoryW(dir, NULL) || GetLastError() == ERROR_ALREADY_EXISTS;
}

static void vmstore_now_iso(char *out, size_t cap)
{
    SYSTEMTIME now;

    GetSystemTime(&now);
    snprintf(out, cap, "%04u-%02u-%02uT%02u:%02u:%02uZ", now.wYear, now.wMonth, now.wDay, now.wHour,
             now.wMinute, now.wSecond);
}

enum vmstore_result vmstore_create(const char *name, struct vm_record *rec, char *err, size_t errlen)
{
    WCHAR home[VM_PATH_MAX], root[VM_PATH_MAX], ini[VM_PATH_MAX];
    char text[256], reason[160];
    HANDLE file;
    DWORD written;
    int len;
    enum vmname_error bad = vmname_check(name);

    if (bad != VMNAME_OK) {
        vmname_explain(bad, name, reason, sizeof(reason));
        return vmstore_fail(VMSTORE_BAD_NAME, err, errlen, "%s", reason);
    }
    memset(rec, 0, sizeof(*rec));
    if (!vm_home_dir(home, ARRAYSIZE(home)) || !vm_root_dir(root, ARRAYSIZE(root)) ||
        !vm_state_dir(name, rec->dir, ARRAYSIZE(rec->dir)) || !vmstore_ini_path(rec->dir, ini, ARRAYSIZE(ini)))
        return vmstore_fail(VMSTORE_IO, err, errlen, "the state folder path is too long%s", "");
    if (!vmstore_ensure_dir(home) || !vmstore_ensure_dir(root))
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot create the state folder: %s",
                            out_win_error(GetLastError(), reason, sizeof(reason)));
    if (!CreateDirectoryW(rec->dir, NULL)) {
        if (GetLastError() == ERROR_ALREADY_EXISTS)
            return vmstore_fail(VMSTORE_EXISTS, err, errlen, "a VM named '%s' already exists", name);
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot create the VM folder: %s",
                            out_win_error(GetLastError(), reason, sizeof(reason)));
    }
    snprintf(rec->name, sizeof(rec->name), "%s", name);
    vmstore_now_iso(rec->created, sizeof(rec->created));
    len = snprintf(text, sizeof(text),
                   "; plume VM configuration\r\n"
                   "[vm]\r\n"
                   "name = %s\r\n"
                   "created = %s\r\n",
                   rec->name, rec->created);
    file = CreateFileW(ini, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE || !WriteFile(file, text, (DWORD)len, &written, NULL) ||
        written != (DWORD)len) {
        DWORD code = GetLastError();

        if (file != INVALID_HANDLE_VALUE)
            CloseHandle(file);
        DeleteFileW(ini);
        RemoveDirectoryW(rec->dir);
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot write vm.ini: %s",
                            out_win_error(code, reason, sizeof(reason)));
    }
    CloseHandle(file);
    return VMSTORE_OK;
}

/* Reads DIR\vm.ini whole into TEXT (VMCONFIG_MAX_BYTES + 1). */
static enum vmstore_result vmstore_read_file(const WCHAR *dir, char *text, DWORD *size, char *err, size_t errlen)
{
    WCHAR ini[VM_PATH_MAX];
    DWORD got = 0;
    HANDLE file;

    if (!vmstore_ini_path(dir, ini, ARRAYSIZE(ini)))
        return vmstore_fail(VMSTORE_IO, err, errlen, "path too long%s", "");
    file = CreateFileW(ini, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        if (GetLastError() == ERROR_FILE_NOT_FOUND || GetLastError() == ERROR_PATH_NOT_FOUND)
            return vmstore_fail(VMSTORE_CORRUPT, err, errlen, "vm.ini is missing%s", "");
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot open vm.ini%s", "");
    }
    *size = GetFileSize(file, NULL);
    if (*size == INVALID_FILE_SIZE || *size > VMCONFIG_MAX_BYTES) {
        CloseHandle(file);
        return vmstore_fail(VMSTORE_CORRUPT, err, errlen, "vm.ini is larger than 64 KiB%s", "");
    }
    if (!ReadFile(file, text, *size, &got, NULL) || got != *size) {
        CloseHandle(file);
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot read vm.ini%s", "");
    }
    CloseHandle(file);
    text[got] = 0;
    return VMSTORE_OK;
}

/* vm.ini is checked whole, the policy included, so that a mistake is
 * reported by every command and never met first inside a VM process. */
static enum vmstore_result vmstore_read_ini(const WCHAR *dir, struct vm_record *rec, char *err, size_t errlen)
{
    static char text[VMCONFIG_MAX_BYTES + 1];
    static struct vm_config cfg;
    char reason[200];
    DWORD size = 0;
    enum vmstore_result rc = vmstore_read_file(dir, text, &size, err, errlen);

    if (rc != VMSTORE_OK)
        return rc;
    if (vmconfig_parse(text, size, &cfg, reason, sizeof(reason))) {
        if (err && errlen)
            snprintf(err, errlen, "vm.ini %s", reason);
        return VMSTORE_CORRUPT;
    }
    snprintf(rec->name, sizeof(rec->name), "%s", cfg.name);
    snprintf(rec->created, sizeof(rec->created), "%s", cfg.created);
    rec->trace = cfg.trace;
    return VMSTORE_OK;
}

enum vmstore_result vmstore_set_option(const struct vm_record *rec, const char *section, const char *key,
                                       const char *value, char *err, size_t errlen)
{
    static char text[VMCONFIG_MAX_BYTES + 1], updated[VMCONFIG_MAX_BYTES + 256];
    WCHAR ini[VM_PATH_MAX], temp[VM_PATH_MAX + 8];
    char reason[160];
    DWORD size = 0, written;
    HANDLE file;
    long len;
    enum vmstore_result rc = vmstore_read_file(rec->dir, text, &size, err, errlen);

    if (rc != VMSTORE_OK)
        return rc;
    len = vmconfig_set(text, size, section, key, value, updated, sizeof(updated));
    if (len < 0 || len > VMCONFIG_MAX_BYTES)
        return vmstore_fail(VMSTORE_CORRUPT, err, errlen, "vm.ini cannot take the change%s", "");
    if (!vmstore_ini_path(rec->dir, ini, ARRAYSIZE(ini)) || _snwprintf(temp, ARRAYSIZE(temp), L"%ls.new", ini) < 0)
        return vmstore_fail(VMSTORE_IO, err, errlen, "path too long%s", "");
    /* Written beside it and renamed over it: a crash leaves the old or the
     * new file, never half of one. */
    file = CreateFileW(temp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot write vm.ini: %s",
                            out_win_error(GetLastError(), reason, sizeof(reason)));
    if (!WriteFile(file, updated, (DWORD)len, &written, NULL) || written != (DWORD)len) {
        CloseHandle(file);
        DeleteFileW(temp);
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot write vm.ini%s", "");
    }
    CloseHandle(file);
    if (!MoveFileExW(temp, ini, MOVEFILE_REPLACE_EXISTING)) {
        DeleteFileW(temp);
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot replace vm.ini: %s",
                            out_win_error(GetLastError(), reason, sizeof(reason)));
    }
    return VMSTORE_OK;
}

enum vmstore_result vmstore_load(const char *name, struct vm_record *rec, char *err, size_t errlen)
{
    char reason[160];
    enum vmname_error bad = vmname_check(name);
    enum vmstore_result rc;
    DWORD attrs;

    if (bad != VMNAME_OK) {
        vmname_explain(bad, name, reason, sizeof(reason));
        return vmstore_fail(VMSTORE_BAD_NAME, err, errlen, "%s", reason);
    }
    memset(rec, 0, sizeof(*rec));
    if (!vm_state_dir(name, rec->dir, ARRAYSIZE(rec->dir)))
        return vmstore_fail(VMSTORE_IO, err, errlen, "the state folder path is too long%s", "");
    attrs = GetFileAttributesW(rec->dir);
    if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_DIRECTORY))
        return vmstore_fail(VMSTORE_NOT_FOUND, err, errlen, "no VM named '%s'", name);
    rc = vmstore_read_ini(rec->dir, rec, err, errlen);
    if (rc != VMSTORE_OK)
        return rc;
    if (_stricmp(rec->name, name))
        return vmstore_fail(VMSTORE_CORRUPT, err, errlen, "vm.ini names another VM than its folder '%s'", name);
    return VMSTORE_OK;
}

/* Deletes DIR and what it holds. A VM folder holds plain files, but stay
 * bounded anyway. */
static BOOL vmstore_remove_tree(const WCHAR *dir, int depth)
{
    WCHAR pattern[VM_PATH_MAX], child[VM_PATH_MAX];
    WIN32_FIND_DATAW found;
    HANDLE search;
    BOOL ok = TRUE;

    if (depth > VMSTORE_RM_DEPTH || _snwprintf(pattern, ARRAYSIZE(pattern), L"%ls\\*", dir) < 0)
        return FALSE;
    pattern[ARRAYSIZE(pattern) - 1] = 0;
    search = FindFirstFileW(pattern, &found);
    if (search != INVALID_HANDLE_VALUE) {
        do {
            if (!wcscmp(found.cFileName, L".") || !wcscmp(found.cFileName, L".."))
                continue;
            if (_snwprintf(child, ARRAYSIZE(child), L"%ls\\%ls", dir, found.cFileName) < 0) {
                ok = FALSE;
                continue;
            }
            child[ARRAYSIZE(child) - 1] = 0;
            if ((found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) &&
                !(found.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
                ok = vmstore_remove_tree(child, depth + 1) && ok;
            else {
                SetFileAttributesW(child, FILE_ATTRIBUTE_NORMAL);
                ok = DeleteFileW(child) && ok;
            }
        } while (FindNextFileW(search, &found));
        FindClose(search);
    }
    return RemoveDirectoryW(dir) && ok;
}

enum vmstore_result vmstore_remove(const struct vm_record *rec, char *err, size_t errlen)
{
    char reason[160];

    if (!vmstore_remove_tree(rec->dir, 0))
        return vmstore_fail(VMSTORE_IO, err, errlen, "cannot delete the VM folder: %s",
                            out_win_error(GetLastError(), reason, sizeof(reason)));
    return VMSTORE_OK;
}

static int vmstore_compare(const void *a, const void *b)
{
    return _stricmp(((const struct vm_record *)a)->name, ((const struct vm_record *)b)->name);
}

int vmstore_list(vmstore_visit_fn visit, vmstore_bad_fn bad, void *ctx)
{
    WCHAR root[VM_PATH_MAX], pattern[VM_PATH_MAX];
    WIN32_FIND_DATAW found;
    struct vm_record *records = NULL;
    size_t count = 0, cap = 0, i;
    HANDLE search;

    if (!vm_root_dir(root, ARRAYSIZE(root)) || _snwprintf(pattern, ARRAYSIZE(pattern), L"%ls\\*", root) < 0)
        return 0;
    search = FindFirstFileW(pattern, &found);
    if (search == INVALID_HANDLE_VALUE)
        return 0;
    do {
        char name[VM_NAME_MAX + 8], err[160];
        struct vm_record rec;
        int n;

        if (!(found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || !wcscmp(found.cFileName, L".") ||
            !wcscmp(found.cFileName, L".."))
            continue;
        n = WideCharToMultiByte(CP_UTF8, 0, found.cFileName, -1, name, sizeof(name), NULL, NULL);
        if (n <= 0 || vmname_check(name) != VMNAME_OK) {
            if (bad)
                bad(ctx, found.cFileName, "not a valid VM name");
            continue;
        }
        if (vmstore_load(name, &rec, err, sizeof(err)) != VMSTORE_OK) {
            if (bad)
                bad(ctx, found.cFileName, err);
            continue;
        }
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            void *grown = records ? HeapReAlloc(GetProcessHeap(), 0, records, ncap * sizeof(*records))
                                  : HeapAlloc(GetProcessHeap(), 0, ncap * sizeof(*records));
            if (!grown)
                break;
            records = grown;
            cap = ncap;
        }
        records[count++] = rec;
    } while (FindNextFileW(search, &found));
    FindClose(search);
    if (count)
        qsort(records, count, sizeof(*records), vmstore_compare);
    for (i = 0; i < count; i++)
        visit(ctx, &records[i]);
    utf_free(records);
    return (int)count;
}

int vmstore_open_for_command(const char *command, const char *name, int create, struct vm_record *rec)
{
    char err[256];
    enum vmstore_result rc = vmstore_load(name, rec, err, sizeof(err));

    if (rc == VMSTORE_NOT_FOUND && create)
        rc = vmstore_create(name, rec, err, sizeof(err));
    if (rc == VMSTORE_OK)
        return 0;
    if (rc == VMSTORE_NOT_FOUND)
        out_error("%s: no VM named '%s'; create it with 'plume create %s'%s", command, name, name,
                  !strcmp(command, "run") ? " or pass --create" : "");
    else
        out_error("%s: %s", command, err);
    return rc == VMSTORE_BAD_NAME ? 2 : 1;
}
