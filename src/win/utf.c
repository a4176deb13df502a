#include "utf.h"

char *utf_to_utf8(const WCHAR *wide)
{
    int n;
    char *out;

    if (!wide)
        return NULL;
    n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return NULL;
    out = HeapAlloc(GetProcessHeap(), 0, (SIZE_T)n);
    if (out && WideCharToMultiByte(CP_UTF8, 0, wide, -1, out, n, NULL, NULL) != n) {
        HeapFree(GetProcessHeap(), 0, out);
        return NULL;
    }
    return out;
}

WCHAR *utf_to_utf16(const char *text)
{
    int n;
    WCHAR *out;

    if (!text)
        return NULL;
    n = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
    if (n <= 0)
        return NULL;
    out = HeapAlloc(GetProcessHeap(), 0, (SIZE_T)n * sizeof(WCHAR));
    if (out && MultiByteToWideChar(CP_UTF8, 0, text, -1, out, n) != n) {
        HeapFree(GetProcessHeap(), 0, out);
        return NULL;
    }
    return out;
}

void utf_free(void *p)
{
    if (p)
        HeapFree(GetProcessHeap(), 0, p);
}
