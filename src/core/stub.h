/* Recognising system-call stubs before patching them.
 *
 * plume hooks a system call by copying its ntdll stub aside (the copy is the
 * trampoline that reaches the kernel) and overwriting the stub with a jump to
 * plume's handler. That is only safe for stubs whose every byte we know: both
 * shapes below are position-independent, so the copy runs anywhere. Any other
 * shape is refused, loudly. */
#ifndef PLUME_CORE_STUB_H
#define PLUME_CORE_STUB_H

#include <stddef.h>
#include <stdint.h>

enum stub_kind {
    STUB_UNKNOWN = 0,
    STUB_WINDOWS_X64, /* Windows 10/11: mov r10,rcx; mov eax,N; test; jnz; syscall; ret; int 2e; ret */
    STUB_WINE_X64     /* Wine 8: the same head, then a call through the syscall dispatcher */
};

#define STUB_WINDOWS_LEN 24
#define STUB_WINE_LEN    32
#define STUB_MAX_LEN     32
#define STUB_PATCH_LEN   14 /* jmp qword [rip+0]; dq target */

struct stub_info {
    enum stub_kind kind;
    uint32_t syscall_number; /* read from the stub, never assumed */
    size_t length;           /* bytes the trampoline copies */
};

/* Classifies the LEN bytes at CODE. Returns the kind (also stored in INFO). */
enum stub_kind stub_classify(const uint8_t *code, size_t len, struct stub_info *info);

/* Writes the 14-byte absolute jump to TARGET into PATCH. */
void stub_make_jump(uint8_t patch[STUB_PATCH_LEN], uint64_t target);

const char *stub_kind_name(enum stub_kind kind);

#endif
