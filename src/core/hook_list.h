/* Every system call that plume intercepts, one row each.
 *
 * This table is the single source of truth: the hook DLL installs exactly
 * these rows (src/hook/hook_table.c), the README's coverage table is
 * generated from it (tools/gen_coverage.c), and tests/unit/test_hook_list.c
 * checks that each row names a test that exists.
 *
 * X(module, function, family, principle, what plume does, test that proves it) */
#ifndef PLUME_CORE_HOOK_LIST_H
#define PLUME_CORE_HOOK_LIST_H

#define PLUME_HOOKS(X)                                                                      \
    X(ntdll, NtCreateUserProcess, process, membership,                                      \
      "every child (CreateProcess, cmd /c, ShellExecuteEx, explicit environment) starts "  \
      "suspended, gets plume64.dll as its first import and the VM's identity; a child "    \
      "outside the VM's job (given a host parent) is refused",                             \
      "tests/wine/t_propagation.sh")

#endif
