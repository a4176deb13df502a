/* Handlers and trampolines for every row of src/core/hook_list.h. */
#ifndef PLUME_HOOK_TABLE_H
#define PLUME_HOOK_TABLE_H

#include <windows.h>
#include <winternl.h>

#include "hook_engine.h"

typedef NTSTATUS(NTAPI *NtCreateUserProcess_fn)(PHANDLE, PHANDLE, ACCESS_MASK, ACCESS_MASK,
                                                POBJECT_ATTRIBUTES, POBJECT_ATTRIBUTES, ULONG,
                                                ULONG, PVOID, PVOID, PVOID);

extern NtCreateUserProcess_fn orig_NtCreateUserProcess;
NTSTATUS NTAPI hook_NtCreateUserProcess(PHANDLE, PHANDLE, ACCESS_MASK, ACCESS_MASK,
                                        POBJECT_ATTRIBUTES, POBJECT_ATTRIBUTES, ULONG, ULONG,
                                        PVOID, PVOID, PVOID);

extern const struct hook_slot hook_table[];
extern const size_t hook_table_count;

#endif
