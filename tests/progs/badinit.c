/* badinit.dll: stands in for plume64.dll in the test of a failed injection.
 * Its DllMain refuses to load, as plume64.dll does when it cannot hook. */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reserved;
    return reason != DLL_PROCESS_ATTACH;
}

/* Ordinal 1, the one the injected import asks for. */
__declspec(dllexport) int WINAPI PlumeGetVmName(char *buffer, int size)
{
    (void)buffer;
    (void)size;
    return 0;
}
