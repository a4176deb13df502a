/* UTF-8 <-> UTF-16 at the Windows boundary; the core speaks UTF-8. */
#ifndef PLUME_WIN_UTF_H
#define PLUME_WIN_UTF_H

#include <windows.h>

/* Returns a new UTF-8 copy of WIDE (free with utf_free), or NULL. */
char *utf_to_utf8(const WCHAR *wide);
/* Returns a new UTF-16 copy of TEXT (free with utf_free), or NULL. */
WCHAR *utf_to_utf16(const char *text);
void utf_free(void *p);

#endif
