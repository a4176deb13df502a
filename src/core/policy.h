/* Which object names a VM shares with the host (open), which it may not
 * touch at all (closed); every other name is private to the VM.
 *
 * Patterns are globs (see glob.h) in one of three forms:
 *   Global\NAME, Local\NAME, Session\N\NAME   one namespace only
 *   NAME                                       NAME in any of them
 *   \NT\PATH                                   a full NT path outside them
 * Closed wins over open. */
#ifndef PLUME_CORE_POLICY_H
#define PLUME_CORE_POLICY_H

#include <stddef.h>
#include <stdint.h>

#define POLICY_MAX_PATTERNS 64
#define POLICY_PATTERN_MAX  128 /* UTF-16 units */

struct policy_list {
    size_t count;
    uint16_t length[POLICY_MAX_PATTERNS];
    uint8_t bare[POLICY_MAX_PATTERNS]; /* no namespace prefix: matches the name in any */
    uint16_t pattern[POLICY_MAX_PATTERNS][POLICY_PATTERN_MAX];
};

/* One built-in default: what it opens and why. */
struct policy_default {
    const char *pattern;
    const char *why;
};

struct policy {
    struct policy_list open;
    struct policy_list closed;
    const char *section;                   /* its vm.ini section: "objects", "pipes"... */
    const struct policy_default *defaults; /* the built-in open list it started with */
    size_t default_count;
};

/* The built-in open lists, documented in the README. */
extern const struct policy_default policy_default_open[];   /* [objects] */
extern const size_t policy_default_open_count;
extern const struct policy_default policy_default_pipes[];  /* [pipes] */
extern const size_t policy_default_pipes_count;
extern const struct policy_default policy_default_mailslots[]; /* [mailslots] */
extern const size_t policy_default_mailslots_count;
extern const struct policy_default policy_default_ports[];  /* [ports] */
extern const size_t policy_default_ports_count;

/* Empties POLICY and adds the built-in defaults of named objects. */
void policy_init(struct policy *policy);

/* Empties POLICY, for vm.ini section SECTION, with DEFAULTS as its
 * built-in open list. */
void policy_init_for(struct policy *policy, const char *section, const struct policy_default *defaults,
                     size_t count);

/* Adds one UTF-8 pattern to LIST. Returns 0, or -1 with ERR filled when the
 * pattern is empty, too long, not valid UTF-8, or the list is full. */
int policy_add(struct policy_list *list, const char *pattern, char *err, size_t errlen);

/* Reads POLICY's section of a vm.ini text: keys "open" and "closed",
 * each a comma-separated list of patterns, repeatable; "defaults = no"
 * drops the built-in open list. Unknown keys in that section are errors, other
 * sections are ignored. Returns 0, or -1 with ERR ("line N: ...") filled. */
int policy_load_ini(struct policy *policy, const char *text, size_t len, char *err, size_t errlen);

/* Matches a name against LIST. VIEW is the namespace-qualified form
 * (Global\X, Local\X, Session\N\X, or a full NT path); BARE_NAME is X alone,
 * or NULL for names outside the BaseNamedObjects namespaces. */
int policy_match(const struct policy_list *list, const uint16_t *view, size_t view_len,
                 const uint16_t *bare_name, size_t bare_len);

#endif
