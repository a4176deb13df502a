/* Principle 1 for message channels: named pipes, mailslots and LPC/ALPC
 * ports.
 *
 * A pipe is reached through the named-pipe file system under many
 * spellings (\\.\pipe\X becomes \??\pipe\X; \\?\pipe\X, \Device\NamedPipe\X,
 * \GLOBAL??\pipe\X, \??\UNC\localhost\pipe\X...), a mailslot likewise, a
 * port under \RPC Control. Inside VM "a", channel X becomes plume!a!X in its
 * file system or directory, always spelt canonically
 * (\Device\NamedPipe\plume!a!X). Pipe names may hold backslashes
 * (lrpc\X); an empty, "." or ".." component is refused, since it is the
 * kind of name a file system might fold onto another. */
#ifndef PLUME_CORE_CHANNAME_H
#define PLUME_CORE_CHANNAME_H

#include <stddef.h>
#include <stdint.h>

#include "objname.h"
#include "policy.h"

enum chan_kind {
    CHAN_NONE = 0,  /* not a channel path: leave it alone */
    CHAN_PIPE,
    CHAN_MAILSLOT,
    CHAN_PORT
};

struct chan_parsed {
    enum chan_kind kind;
    size_t name;       /* offset of the channel's own name in the path */
    size_t name_len;   /* 0: the file system's root (\Device\NamedPipe\) */
};

struct chan_context {
    const char *vm;
    const struct policy *pipes, *mailslots, *ports;
};

/* Recognises a channel path. Case-insensitive, like the lookups. Returns the
 * kind (CHAN_NONE for anything else). */
enum chan_kind chan_parse(const uint16_t *path, size_t len, struct chan_parsed *out);

/* Like obj_decide, for channel paths: the verdicts, reasons and modes mean
 * the same. A path that is not a channel is OBJ_PASS/OBJR_SYSTEM. */
void chan_decide(const struct chan_context *ctx, const uint16_t *path, size_t len, enum obj_mode mode,
                 struct obj_decision *d);

/* Rewrites the pipe name NAME (as FSCTL_PIPE_WAIT carries it: relative to
 * \Device\NamedPipe\) for the VM. Same verdicts as chan_decide; D->name then
 * holds the bare pipe name to send. */
void chan_decide_pipe_name(const struct chan_context *ctx, const uint16_t *name, size_t len,
                           struct obj_decision *d);

const char *chan_kind_name(enum chan_kind kind);

#endif
