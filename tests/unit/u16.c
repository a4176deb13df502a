#include "u16.h"

size_t unit_u16(const char *s, uint16_t *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;

    while (*p && n + 2 <= cap) {
        uint32_t c;
        int extra;

        if (p[0] < 0x80) {
            c = p[0];
            extra = 0;
        } else if ((p[0] & 0xe0) == 0xc0) {
            c = p[0] & 0x1f;
            extra = 1;
        } else if ((p[0] & 0xf0) == 0xe0) {
            c = p[0] & 0x0f;
            extra = 2;
        } else {
            c = p[0] & 0x07;
            extra = 3;
        }
        p++;
        while (extra-- && *p)
            c = (c << 6) | (*p++ & 0x3f);
        if (c >= 0x10000) {
            c -= 0x10000;
            out[n++] = (uint16_t)(0xd800 | (c >> 10));
            out[n++] = (uint16_t)(0xdc00 | (c & 0x3ff));
        } else {
            out[n++] = (uint16_t)c;
        }
    }
    return n;
}

const char *unit_u8(const uint16_t *s, size_t n, char *out, size_t cap)
{
    size_t i, o = 0;

    for (i = 0; i < n && o + 8 < cap; i++) {
        uint32_t c = s[i];

        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
            i++;
        }
        if (c == 0) {
            out[o++] = '\\';
            out[o++] = '0';
        } else if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xc0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out[o++] = (char)(0xe0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[o++] = (char)(0xf0 | (c >> 18));
            out[o++] = (char)(0x80 | ((c >> 12) & 0x3f));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (c & 0x3f));
        }
    }
    out[o] = 0;
    return out;
}

size_t unit_u16_long(uint16_t *path, size_t cap, const char *prefix, uint16_t fill, size_t len)
{
    size_t n = unit_u16(prefix, path, cap), i;

    for (i = n; i < len; i++)
        path[i] = fill;
    return len;
}
