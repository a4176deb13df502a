/* System-call stub recognition: the two byte shapes plume patches, and a
 * refusal for every other byte sequence near them. */
#include "unit.h"

#include "core/stub.h"

#include <stdio.h>
#include <string.h>

/* An ntdll stub of Windows 10/11 x64, byte for byte, with NUMBER in it. */
static void st_windows(uint8_t code[STUB_WINDOWS_LEN], uint32_t number)
{
    static const uint8_t bytes[STUB_WINDOWS_LEN] = {
        0x4c, 0x8b, 0xd1,                               /* mov r10, rcx */
        0xb8, 0, 0, 0, 0,                               /* mov eax, N */
        0xf6, 0x04, 0x25, 0x08, 0x03, 0xfe, 0x7f, 0x01, /* test byte [7ffe0308h], 1 */
        0x75, 0x03,                                     /* jnz +3 */
        0x0f, 0x05,                                     /* syscall */
        0xc3,                                           /* ret */
        0xcd, 0x2e,                                     /* int 2eh */
        0xc3,                                           /* ret */
    };
    memcpy(code, bytes, sizeof(bytes));
    code[4] = (uint8_t)number;
    code[5] = (uint8_t)(number >> 8);
    code[6] = (uint8_t)(number >> 16);
    code[7] = (uint8_t)(number >> 24);
}

/* The Wine 8 x64 stub: the same head, then the call through the user
 * shared data's dispatcher slot. */
static void st_wine(uint8_t code[STUB_WINE_LEN], uint32_t number)
{
    static const uint8_t tail[STUB_WINE_LEN - 21] = {
        0xeb, 0x01,                               /* jmp +1 */
        0xc3,                                     /* ret */
        0xff, 0x14, 0x25, 0x00, 0x10, 0xfe, 0x7f, /* call [7ffe1000h] */
        0xc3,                                     /* ret */
    };
    uint8_t head[STUB_WINDOWS_LEN];

    st_windows(head, number);
    memcpy(code, head, 21);
    memcpy(code + 21, tail, sizeof(tail));
}

TEST(stub_windows_shape)
{
    uint8_t code[64];
    struct stub_info info;

    memset(code, 0xcc, sizeof(code));
    st_windows(code, 0x55);
    memset(&info, 0xee, sizeof(info));
    CHECK_EQ_INT(stub_classify(code, STUB_WINDOWS_LEN, &info), STUB_WINDOWS_X64);
    CHECK_EQ_INT(info.kind, STUB_WINDOWS_X64);
    CHECK_EQ_INT(info.syscall_number, 0x55);
    CHECK_EQ_INT(info.length, STUB_WINDOWS_LEN);
    /* Followed by the next stub's padding: still Windows. */
    CHECK_EQ_INT(stub_classify(code, sizeof(code), &info), STUB_WINDOWS_X64);
    CHECK_EQ_INT(info.length, 24);

    st_windows(code, 0x1234);
    CHECK_EQ_INT(stub_classify(code, STUB_WINDOWS_LEN, &info), STUB_WINDOWS_X64);
    CHECK_EQ_INT(info.syscall_number, 0x1234);
    st_windows(code, 0xdeadbeef);
    CHECK_EQ_INT(stub_classify(code, STUB_WINDOWS_LEN, &info), STUB_WINDOWS_X64);
    CHECK_EQ_INT(info.syscall_number, 0xdeadbeef);
    /* INFO is optional. */
    CHECK_EQ_INT(stub_classify(code, STUB_WINDOWS_LEN, NULL), STUB_WINDOWS_X64);
}

TEST(stub_wine_shape)
{
    uint8_t code[STUB_WINE_LEN + 8];
    struct stub_info info;

    st_wine(code, 0x55);
    CHECK_EQ_INT(stub_classify(code, STUB_WINE_LEN, &info), STUB_WINE_X64);
    CHECK_EQ_INT(info.kind, STUB_WINE_X64);
    CHECK_EQ_INT(info.syscall_number, 0x55);
    CHECK_EQ_INT(info.length, STUB_WINE_LEN);
    st_wine(code, 0x1234);
    CHECK_EQ_INT(stub_classify(code, sizeof(code), &info), STUB_WINE_X64);
    CHECK_EQ_INT(info.syscall_number, 0x1234);
    CHECK_EQ_INT(info.length, 32);
}

TEST(stub_short_or_null_buffers)
{
    uint8_t code[STUB_WINE_LEN];
    struct stub_info info;
    size_t len;

    st_windows(code, 7);
    for (len = 0; len < STUB_WINDOWS_LEN; len++) {
        memset(&info, 0xee, sizeof(info));
        if (!CHECK_EQ_INT(stub_classify(code, len, &info), STUB_UNKNOWN))
            printf("    windows stub, length %zu\n", len);
        CHECK_EQ_INT(info.kind, STUB_UNKNOWN);
        CHECK_EQ_INT(info.syscall_number, 0);
        CHECK_EQ_INT(info.length, 0);
    }
    /* A Wine stub cut short is not a Windows stub either. */
    st_wine(code, 7);
    for (len = 0; len < STUB_WINE_LEN; len++)
        if (!CHECK_EQ_INT(stub_classify(code, len, &info), STUB_UNKNOWN))
            printf("    wine stub, length %zu\n", len);

    memset(&info, 0xee, sizeof(info));
    CHECK_EQ_INT(stub_classify(NULL, 32, &info), STUB_UNKNOWN);
    CHECK_EQ_INT(info.kind, STUB_UNKNOWN);
    CHECK_EQ_INT(info.length, 0);
    CHECK_EQ_INT(stub_classify(NULL, 0, NULL), STUB_UNKNOWN);
}

/* Changing any one byte outside the syscall number, to any of several
 * values, makes the stub unknown: a hooked or rewritten stub is refused. */
static void st_check_mutations(const uint8_t *good, size_t len, const char *what)
{
    static const uint8_t flips[] = { 0x01, 0x02, 0x10, 0x80, 0xff };
    uint8_t code[STUB_MAX_LEN];
    size_t pos, f;

    for (pos = 0; pos < len; pos++) {
        for (f = 0; f < UNIT_COUNT(flips); f++) {
            struct stub_info info;
            enum stub_kind kind;

            memcpy(code, good, len);
            code[pos] ^= flips[f];
            kind = stub_classify(code, len, &info);
            if (pos >= 4 && pos < 8) {
                /* The number varies: still recognised, number read back. */
                if (!CHECK(kind != STUB_UNKNOWN) ||
                    !CHECK_EQ_INT(info.syscall_number,
                                  (uint32_t)code[4] | (uint32_t)code[5] << 8 | (uint32_t)code[6] << 16 |
                                      (uint32_t)code[7] << 24))
                    printf("    %s, position %zu\n", what, pos);
            } else if (!CHECK_EQ_INT(kind, STUB_UNKNOWN)) {
                printf("    %s, position %zu, xor 0x%02x\n", what, pos, flips[f]);
            }
        }
    }
}

TEST(stub_one_byte_changes_are_refused)
{
    uint8_t code[STUB_MAX_LEN];

    st_windows(code, 0x55);
    st_check_mutations(code, STUB_WINDOWS_LEN, "windows");
    st_wine(code, 0x55);
    st_check_mutations(code, STUB_WINE_LEN, "wine");
}

TEST(stub_hooked_stub_is_refused)
{
    uint8_t code[STUB_MAX_LEN];
    struct stub_info info;

    /* Another product's jump over the head of the stub. */
    st_windows(code, 0x55);
    stub_make_jump(code, UINT64_C(0x7ff612340000));
    CHECK_EQ_INT(stub_classify(code, STUB_WINDOWS_LEN, &info), STUB_UNKNOWN);
    memset(code, 0, sizeof(code));
    CHECK_EQ_INT(stub_classify(code, sizeof(code), &info), STUB_UNKNOWN);
}

TEST(stub_jump_bytes)
{
    uint8_t patch[STUB_PATCH_LEN + 2];
    static const uint8_t expected[STUB_PATCH_LEN] = {
        0xff, 0x25, 0x00, 0x00, 0x00, 0x00,             /* jmp qword [rip+0] */
        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, /* target, little endian */
    };

    CHECK_EQ_INT(STUB_PATCH_LEN, 14);
    memset(patch, 0xcc, sizeof(patch));
    stub_make_jump(patch, UINT64_C(0x0102030405060708));
    CHECK_MEM(patch, expected, STUB_PATCH_LEN);
    CHECK_EQ_INT(patch[STUB_PATCH_LEN], 0xcc);
    CHECK_EQ_INT(patch[STUB_PATCH_LEN + 1], 0xcc);

    memset(patch, 0xcc, sizeof(patch));
    stub_make_jump(patch, 0);
    CHECK_MEM(patch, "\xff\x25\0\0\0\0\0\0\0\0\0\0\0\0", STUB_PATCH_LEN);
    stub_make_jump(patch, UINT64_MAX);
    CHECK_MEM(patch + 6, "\xff\xff\xff\xff\xff\xff\xff\xff", 8);
}

TEST(stub_kind_names)
{
    CHECK_STR(stub_kind_name(STUB_WINDOWS_X64), "windows-x64");
    CHECK_STR(stub_kind_name(STUB_WINE_X64), "wine-x64");
    CHECK_STR(stub_kind_name(STUB_UNKNOWN), "unknown");
    CHECK_STR(stub_kind_name((enum stub_kind)42), "unknown");
}
