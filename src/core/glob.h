/* Case-insensitive glob matching of object names against policy patterns. */
#ifndef PLUME_CORE_GLOB_H
#define PLUME_CORE_GLOB_H

#include <stddef.h>
#include <stdint.h>

/* Matches the UTF-16 NAME (LEN units) against PATTERN (UTF-16, PLEN units).
 * '*' matches any run of units, including backslashes; '?' matches one unit.
 * ASCII letters match without regard to case, as the object manager's
 * case-insensitive lookup does; other units must be equal. Iterative, with
 * no recursion, so hostile patterns and names cost O(LEN * PLEN) at worst. */
int glob_match16(const uint16_t *pattern, size_t plen, const uint16_t *name, size_t len);

/* ASCII lower case of one UTF-16 unit. */
uint16_t glob_fold16(uint16_t c);

#endif
