#include "inject.h"

#include <stdio.h>
#include <string.h>
#include <winternl.h>

#include "../core/pe_inject.h"

#define INJECT_ALLOC_GRANULE 0x10000
#define INJECT_ALLOC_TRIES   4096 /* 256 MiB of address space above the image */
#define PEB_IMAGE_BASE_OFFSET 0x10

static BOOL inject_fail(char *err, size_t errlen, const char *what, DWORD code)
{
    if (err && errlen) {
        if (code)
            snprintf(err, errlen, "%s (error %lu)", what, (unsigned long)code);
        else
            snprintf(err, errlen, "%s", what);
    }
    return FALSE;
}

static BOOL inject_read(HANDLE process, ULONG_PTR addr, void *buf, SIZE_T len)
{
    SIZE_T got = 0;

    return ReadProcessMemory(process, (LPCVOID)addr, buf, len, &got) && got == len;
}

static BOOL inject_write(HANDLE process, ULONG_PTR addr, const void *buf, SIZE_T len)
{
    SIZE_T put = 0;

    return WriteProcessMemory(process, (LPVOID)addr, buf, len, &put) && put == len;
}

/* Reads descriptors one page-bounded piece at a time, so that an import
 * table at the end of a mapping is read without touching the next page. */
static long inject_read_imports(HANDLE process, ULONG_PTR addr, uint8_t *buf, size_t cap)
{
    size_t have = 0;

    while (have < cap) {
        size_t room = 0x1000 - ((addr + have) & 0xfff);
        long count;

        if (room > cap - have)
            room = cap - have;
        if (!inject_read(process, addr + have, buf + have, room))
            return -1;
        have += room;
        count = pe_count_imports(buf, have);
        if (count >= 0)
            return count;
    }
    return -1;
}

static ULONG_PTR inject_alloc_near(HANDLE process, ULONG_PTR image_base, uint32_t size_of_image, size_t size)
{
    ULONG_PTR addr = (image_base + size_of_image + INJECT_ALLOC_GRANULE - 1) & ~(ULONG_PTR)(INJECT_ALLOC_GRANULE - 1);
    int i;

    for (i = 0; i < INJECT_ALLOC_TRIES; i++, addr += INJECT_ALLOC_GRANULE) {
        void *p;

        if (addr - image_base + size > 0x7fffffff)
            break;
        p = VirtualAllocEx(process, (LPVOID)addr, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        if (p)
            return (ULONG_PTR)p;
    }
    return 0;
}

static BOOL inject_write_directories(HANDLE process, ULONG_PTR image_base,
                                     const struct pe_image_info *info,
                                     const struct pe_inject_layout *layout)
{
    ULONG_PTR import_dir = image_base + pe_directory_offset(info, PE_DIR_IMPORT);
    ULONG_PTR bound_dir = image_base + pe_directory_offset(info, PE_DIR_BOUND_IMPORT);
    uint32_t import_entry[2] = { layout->import_rva, layout->import_size };
    uint32_t bound_entry[2] = { 0, 0 };
    ULONG_PTR first = import_dir < bound_dir ? import_dir : bound_dir;
    SIZE_T span = (bound_dir > import_dir ? bound_dir - import_dir : import_dir - bound_dir) + 8;
    DWORD old = 0, ignored;
    BOOL ok;

    if (!VirtualProtectEx(process, (LPVOID)first, span, PAGE_READWRITE, &old))
        return FALSE;
    /* Bound imports promise addresses that the new table no longer matches;
     * without them the loader simply resolves every import. */
    ok = inject_write(process, import_dir, import_entry, sizeof(import_entry)) &&
         inject_write(process, bound_dir, bound_entry, sizeof(bound_entry));
    VirtualProtectEx(process, (LPVOID)first, span, old, &ignored);
    return ok;
}

BOOL inject_into_process(HANDLE process, const char *dll_path, const struct plume_boot *boot,
                         char *err, size_t errlen)
{
    PROCESS_BASIC_INFORMATION pbi;
    struct pe_image_info info;
    struct pe_inject_layout layout;
    uint8_t headers[PE_HEADER_READ];
    uint8_t *imports = NULL, *block = NULL;
    ULONG_PTR image_base = 0, block_addr;
    size_t block_size;
    long count = 0;
    enum pe_error pe;
    NTSTATUS status;
    ULONG len = 0;
    BOOL ok = FALSE;

    if (!process || !dll_path || !boot)
        return inject_fail(err, errlen, "internal error: bad injection arguments", 0);
    status = NtQueryInformationProcess(process, ProcessBasicInformation, &pbi, sizeof(pbi), &len);
    if (status < 0 || !pbi.PebBaseAddress)
        return inject_fail(err, errlen, "cannot query the new process", (DWORD)status);
    if (!inject_read(process, (ULONG_PTR)pbi.PebBaseAddress + PEB_IMAGE_BASE_OFFSET, &image_base, sizeof(image_base)) ||
        !image_base)
        return inject_fail(err, errlen, "cannot find the new process's image", GetLastError());
    if (!inject_read(process, image_base, headers, sizeof(headers)))
        return inject_fail(err, errlen, "cannot read the new process's image headers", GetLastError());
    pe = pe_parse_headers(headers, sizeof(headers), &info);
    if (pe != PE_OK)
        return inject_fail(err, errlen, pe_error_text(pe), 0);

    imports = HeapAlloc(GetProcessHeap(), 0, (PE_MAX_IMPORTS + 1) * PE_IMPORT_DESC_SIZE);
    if (!imports)
        return inject_fail(err, errlen, "out of memory", 0);
    if (info.import_rva) {
        count = inject_read_imports(process, image_base + info.import_rva, imports,
                                    (PE_MAX_IMPORTS + 1) * PE_IMPORT_DESC_SIZE);
        if (count < 0) {
            inject_fail(err, errlen, pe_error_text(PE_BAD_IMPORTS), 0);
            goto done;
        }
    }
    block_size = pe_block_size((size_t)count, dll_path);
    block = HeapAlloc(GetProcessHeap(), 0, block_size);
    if (!block_size || !block) {
        inject_fail(err, errlen, "out of memory", 0);
        goto done;
    }
    block_addr = inject_alloc_near(process, image_base, info.size_of_image, block_size);
    if (!block_addr) {
        inject_fail(err, errlen, "no free memory above the image for the import table", GetLastError());
        goto done;
    }
    pe = pe_build_block(&info, (uint32_t)(block_addr - image_base), imports, (size_t)count, dll_path,
                        INJECT_IMPORT_ORDINAL, boot, block, block_size, &layout);
    if (pe != PE_OK) {
        inject_fail(err, errlen, pe_error_text(pe), 0);
        goto done;
    }
    if (!inject_write(process, block_addr, block, layout.block_size)) {
        inject_fail(err, errlen, "cannot write the import table into the new process", GetLastError());
        goto done;
    }
    if (!inject_write_directories(process, image_base, &info, &layout)) {
        inject_fail(err, errlen, "cannot update the new process's import directory", GetLastError());
        goto done;
    }
    ok = TRUE;
done:
    if (block)
        HeapFree(GetProcessHeap(), 0, block);
    HeapFree(GetProcessHeap(), 0, imports);
    return ok;
}

BOOL inject_ansi_path(const WCHAR *wide, char *out, DWORD cap)
{
    WCHAR shortw[MAX_PATH * 2];
    const WCHAR *path = wide;
    size_t i;

    /* Loaders take import names in ASCII (Wine: under 252 characters), so a
     * path outside that falls back to its 8.3 form, which is ASCII. */
    for (i = 0; wide[i]; i++)
        if (wide[i] >= 0x80)
            break;
    if (wide[i] || i >= INJECT_PATH_MAX) {
        DWORD n = GetShortPathNameW(wide, shortw, ARRAYSIZE(shortw));

        if (!n || n >= ARRAYSIZE(shortw))
            return FALSE;
        path = shortw;
    }
    for (i = 0; path[i]; i++) {
        if (path[i] >= 0x80 || i + 1 >= cap || i >= INJECT_PATH_MAX)
            return FALSE;
        out[i] = (char)path[i];
    }
    out[i] = 0;
    return TRUE;
}

BOOL inject_module_path_ansi(HMODULE module, char *out, DWORD cap)
{
    WCHAR wide[MAX_PATH * 2];
    DWORD n = GetModuleFileNameW(module, wide, ARRAYSIZE(wide));

    if (!n || n >= ARRAYSIZE(wide))
        return FALSE;
    return inject_ansi_path(wide, out, cap);
}
