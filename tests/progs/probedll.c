/* probedll.dll: a static import of probe.exe. Its DllMain runs before any of
 * probe's own code, so it records whether plume64.dll was already loaded at
 * that moment: the test of "plume is in before the program's imports". */
#include <windows.h>

static int probedll_plume_first = -1;

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        probedll_plume_first = GetModuleHandleA("plume64.dll") != NULL;
    return TRUE;
}

__declspec(dllexport) int probedll_saw_plume(void)
{
    return probedll_plume_first;
}
