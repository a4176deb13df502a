/* UTF-16 helpers shared by the unit tests of the name-handling core. */
#ifndef PLUME_TESTS_U16_H
#define PLUME_TESTS_U16_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the (valid) UTF-8 string S into UTF-16 OUT; returns the units. */
size_t unit_u16(const char *s, uint16_t *out, size_t cap);

/* Encodes N units of S as UTF-8 into OUT (surrogate pairs joined, a NUL
 * unit shown as "\0"), for readable comparisons. Returns OUT. */
const char *unit_u8(const uint16_t *s, size_t n, char *out, size_t cap);

/* PREFIX followed by FILL up to LEN units in all (PATH holds at least LEN
 * and CAP units). Returns LEN. */
size_t unit_u16_long(uint16_t *path, size_t cap, const char *prefix, uint16_t fill, size_t len);

#endif
