#include "stub.h"

#include <string.h>

/* 0xff marks the four syscall-number bytes, which vary. */
static const uint8_t stub_windows_shape[STUB_WINDOWS_LEN] = {
    0x4c, 0x8b, 0xd1,                               /* mov r10, rcx */
    0xb8, 0xff, 0xff, 0xff, 0xff,                   /* mov eax, N */
    0xf6, 0x04, 0x25, 0x08, 0x03, 0xfe, 0x7f, 0x01, /* test byte [7ffe0308h], 1 */
    0x75, 0x03,                                     /* jnz +3 */
    0x0f, 0x05,                                     /* syscall */
    0xc3,                                           /* ret */
    0xcd, 0x2e,                                     /* int 2eh */
    0xc3                                            /* ret */
};

static const uint8_t stub_wine_shape[STUB_WINE_LEN] = {
    0x4c, 0x8b, 0xd1,
    0xb8, 0xff, 0xff, 0xff, 0xff,
    0xf6, 0x04, 0x25, 0x08, 0x03, 0xfe, 0x7f, 0x01,
    0x75, 0x03,
    0x0f, 0x05,
    0xc3,
    0xeb, 0x01,                                     /* jmp +1 */
    0xc3,                                           /* ret */
    0xff, 0x14, 0x25, 0x00, 0x10, 0xfe, 0x7f,       /* call [7ffe1000h] */
    0xc3                                            /* ret */
};

static int stub_matches(const uint8_t *code, size_t len, const uint8_t *shape, size_t shape_len)
{
    size_t i;

    if (len < shape_len)
        return 0;
    for (i = 0; i < shape_len; i++) {
        if (i >= 4 && i < 8)
            continue;
        if (code[i] != shape[i])
            return 0;
    }
    return 1;
}

enum stub_kind stub_classify(const uint8_t *code, size_t len, struct stub_info *info)
{
    struct stub_info found = { STUB_UNKNOWN, 0, 0 };

    if (code) {
        /* Wine's shape starts like Windows' for 21 bytes, so test it first. */
        if (stub_matches(code, len, stub_wine_shape, STUB_WINE_LEN)) {
            found.kind = STUB_WINE_X64;
            found.length = STUB_WINE_LEN;
        } else if (stub_matches(code, len, stub_windows_shape, STUB_WINDOWS_LEN)) {
            found.kind = STUB_WINDOWS_X64;
            found.length = STUB_WINDOWS_LEN;
        }
        if (found.kind != STUB_UNKNOWN)
            found.syscall_number = (uint32_t)code[4] | ((uint32_t)code[5] << 8) |
                                   ((uint32_t)code[6] << 16) | ((uint32_t)code[7] << 24);
    }
    if (info)
        *info = found;
    return found.kind;
}

void stub_make_jump(uint8_t patch[STUB_PATCH_LEN], uint64_t target)
{
    int i;

    patch[0] = 0xff; /* jmp qword ptr [rip+0] */
    patch[1] = 0x25;
    patch[2] = patch[3] = patch[4] = patch[5] = 0;
    for (i = 0; i < 8; i++)
        patch[6 + i] = (uint8_t)(target >> (8 * i));
}

const char *stub_kind_name(enum stub_kind kind)
{
    switch (kind) {
    case STUB_WINDOWS_X64: return "windows-x64";
    case STUB_WINE_X64: return "wine-x64";
    default: return "unknown";
    }
}
