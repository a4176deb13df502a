/* plume.h: the call a program uses to learn which plume VM it runs in.
 *
 * Every process of a VM has plume64.dll loaded. On the host it is absent,
 * or present but inert. Header-only: no import library needed.
 *
 *     char vm[PLUME_VM_NAME_SIZE];
 *     if (plume_current_vm(vm, sizeof(vm)) > 0)
 *         printf("inside VM %s\n", vm);
 */
#ifndef PLUME_H
#define PLUME_H

#include <windows.h>

#define PLUME_VM_NAME_SIZE 33 /* 32 characters and the terminator */

/* Exported by plume64.dll as ordinal 1:
 * int WINAPI PlumeGetVmName(char *buffer, int size);
 * Returns the length of the VM's name, 0 outside any VM. Copies the name
 * with its terminator into BUFFER when SIZE is larger than that length,
 * otherwise leaves BUFFER empty. */
typedef int(WINAPI *PlumeGetVmName_fn)(char *buffer, int size);

/* Returns the name's length (0 on the host, or when plume is not loaded). */
static inline int plume_current_vm(char *buffer, int size)
{
    HMODULE dll = GetModuleHandleA("plume64.dll");
    PlumeGetVmName_fn get = dll ? (PlumeGetVmName_fn)(void *)GetProcAddress(dll, "PlumeGetVmName") : NULL;

    if (buffer && size > 0)
        buffer[0] = 0;
    return get ? get(buffer, size) : 0;
}

#endif
