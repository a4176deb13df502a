#include "glob.h"

uint16_t glob_fold16(uint16_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint16_t)(c - 'A' + 'a') : c;
}

int glob_match16(const uint16_t *pattern, size_t plen, const uint16_t *name, size_t len)
{
    size_t p = 0, n = 0;
    size_t star_p = (size_t)-1, star_n = 0;

    if (!pattern || (!name && len))
        return 0;
    while (n < len) {
        if (p < plen && pattern[p] == '*') {
            star_p = p++;
            star_n = n;
        } else if (p < plen && (pattern[p] == '?' || glob_fold16(pattern[p]) == glob_fold16(name[n]))) {
            p++;
            n++;
        } else if (star_p != (size_t)-1) {
            /* Let the last star swallow one more unit and retry. */
            p = star_p + 1;
            n = ++star_n;
        } else {
            return 0;
        }
    }
    while (p < plen && pattern[p] == '*')
        p++;
    return p == plen;
}
