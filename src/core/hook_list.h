/* Every system call that plume intercepts, one row each.
 *
 * This table is the single source of truth: the hook DLL installs exactly
 * these rows (src/hook/hook_table.c), the README's coverage table is
 * generated from it (tools/gen_coverage.c), and tests/unit/test_hook_list.c
 * checks that each row names a test that exists.
 *
 * X(module, function, family, principle, where, what plume does, test)
 *   where: all      exported by Windows 10/11 and Wine 8: tested under Wine
 *          windows  absent from Wine 8: installed on Windows when exported;
 *                   its decision is unit-tested, its call only on Windows */
#ifndef PLUME_CORE_HOOK_LIST_H
#define PLUME_CORE_HOOK_LIST_H

#define PLUME_OBJ_WHAT(type) "a named " type " is renamed into the VM (P1), checked after the call"
#define PLUME_OBJ_TEST "tests/wine/t_objects.sh"

#define PLUME_CHAN_TEST "tests/wine/t_channels.sh"

#define PLUME_HOOKS(X)                                                                      \
    X(ntdll, NtCreateUserProcess, process, membership, all,                                 \
      "every child (CreateProcess, cmd /c, ShellExecuteEx, explicit environment) starts "  \
      "suspended, gets plume64.dll as its first import and the VM's identity; a child "    \
      "outside the VM's job (given a host parent) is refused",                             \
      "tests/wine/t_propagation.sh")                                                        \
    X(ntdll, NtCreateMutant, objects, rename, all, PLUME_OBJ_WHAT("mutex"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenMutant, objects, rename, all, PLUME_OBJ_WHAT("mutex"), PLUME_OBJ_TEST)   \
    X(ntdll, NtCreateEvent, objects, rename, all, PLUME_OBJ_WHAT("event"), PLUME_OBJ_TEST)  \
    X(ntdll, NtOpenEvent, objects, rename, all, PLUME_OBJ_WHAT("event"), PLUME_OBJ_TEST)    \
    X(ntdll, NtCreateSemaphore, objects, rename, all, PLUME_OBJ_WHAT("semaphore"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenSemaphore, objects, rename, all, PLUME_OBJ_WHAT("semaphore"), PLUME_OBJ_TEST)   \
    X(ntdll, NtCreateTimer, objects, rename, all, PLUME_OBJ_WHAT("waitable timer"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenTimer, objects, rename, all, PLUME_OBJ_WHAT("waitable timer"), PLUME_OBJ_TEST)   \
    X(ntdll, NtCreateSection, objects, rename, all, PLUME_OBJ_WHAT("section"), PLUME_OBJ_TEST)      \
    X(ntdll, NtCreateSectionEx, objects, rename, windows, PLUME_OBJ_WHAT("section"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenSection, objects, rename, all, PLUME_OBJ_WHAT("section"), PLUME_OBJ_TEST)        \
    X(ntdll, NtCreateJobObject, objects, rename, all, PLUME_OBJ_WHAT("job"), PLUME_OBJ_TEST)        \
    X(ntdll, NtOpenJobObject, objects, rename, all, PLUME_OBJ_WHAT("job"), PLUME_OBJ_TEST)          \
    X(ntdll, NtCreateIoCompletion, objects, rename, all, PLUME_OBJ_WHAT("I/O completion port"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenIoCompletion, objects, rename, all, PLUME_OBJ_WHAT("I/O completion port"), PLUME_OBJ_TEST)   \
    X(ntdll, NtCreateKeyedEvent, objects, rename, all, PLUME_OBJ_WHAT("keyed event"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenKeyedEvent, objects, rename, all, PLUME_OBJ_WHAT("keyed event"), PLUME_OBJ_TEST)   \
    X(ntdll, NtCreateEventPair, objects, rename, windows, PLUME_OBJ_WHAT("event pair"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenEventPair, objects, rename, windows, PLUME_OBJ_WHAT("event pair"), PLUME_OBJ_TEST)   \
    X(ntdll, NtCreateDirectoryObject, objects, rename, all, PLUME_OBJ_WHAT("object directory"), PLUME_OBJ_TEST) \
    X(ntdll, NtCreateDirectoryObjectEx, objects, rename, windows, PLUME_OBJ_WHAT("object directory"), PLUME_OBJ_TEST) \
    X(ntdll, NtOpenDirectoryObject, objects, rename, all, PLUME_OBJ_WHAT("object directory"), PLUME_OBJ_TEST)   \
    X(ntdll, NtQueryDirectoryObject, objects, rename, all,                                  \
      "listings of BaseNamedObjects show the VM's own objects (without plume's tag) and "  \
      "the host objects its policy opens, nothing else", PLUME_OBJ_TEST)                    \
    X(ntdll, NtCreateSymbolicLinkObject, objects, rename, all,                              \
      "the link's name is renamed into the VM and its target is resolved as the VM would " \
      "name it; a target in another VM is refused", PLUME_OBJ_TEST)                         \
    X(ntdll, NtOpenSymbolicLinkObject, objects, rename, all, PLUME_OBJ_WHAT("symbolic link"), PLUME_OBJ_TEST) \
    X(ntdll, NtCreateNamedPipeFile, pipes, rename, all,                                     \
      "a pipe server's name is renamed into the VM (\\Device\\NamedPipe\\plume!VM!X), " \
      "checked after the call", PLUME_CHAN_TEST)                                            \
    X(ntdll, NtCreateMailslotFile, pipes, rename, all,                                      \
      "a mailslot's name is renamed into the VM, checked after the call", PLUME_CHAN_TEST)  \
    X(ntdll, NtCreateFile, pipes, rename, all,                                              \
      "a client's pipe or mailslot path, in every spelling, is renamed like the server's; " \
      "other files pass on plume's copy of their name", PLUME_CHAN_TEST)                    \
    X(ntdll, NtOpenFile, pipes, rename, all, "as NtCreateFile", PLUME_CHAN_TEST)            \
    X(ntdll, NtFsControlFile, pipes, rename, all,                                           \
      "FSCTL_PIPE_WAIT (WaitNamedPipe, CallNamedPipe): the pipe name inside the buffer is " \
      "renamed; every other control code passes untouched", PLUME_CHAN_TEST)                \
    X(ntdll, NtCreatePort, ports, rename, all,                                              \
      "a port under \\RPC Control is renamed into the VM (Wine: not implemented, decision " \
      "traced)", PLUME_CHAN_TEST)                                                           \
    X(ntdll, NtCreateWaitablePort, ports, rename, windows, "as NtCreatePort", PLUME_CHAN_TEST) \
    X(ntdll, NtConnectPort, ports, rename, all,                                             \
      "a client's port name is renamed like the server's (Wine: not implemented, decision " \
      "traced)", PLUME_CHAN_TEST)                                                           \
    X(ntdll, NtSecureConnectPort, ports, rename, all, "as NtConnectPort", PLUME_CHAN_TEST)  \
    X(ntdll, NtAlpcCreatePort, ports, rename, windows, "as NtCreatePort", PLUME_CHAN_TEST)  \
    X(ntdll, NtAlpcConnectPort, ports, rename, windows, "as NtConnectPort", PLUME_CHAN_TEST) \
    X(ntdll, NtAlpcConnectPortEx, ports, rename, windows,                                   \
      "the server's port, named in OBJECT_ATTRIBUTES, is renamed like NtConnectPort's",     \
      PLUME_CHAN_TEST)

#endif
