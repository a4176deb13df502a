#include "safe_copy.h"

/* BOOL safe_copy_bytes(void *dst (rcx), const void *src (rdx), SIZE_T len (r8))
 * Uses volatile registers only and touches no stack, so resuming at the
 * fix-up label after a fault needs no unwinding. */
__asm__(".text\n"
        ".p2align 4\n"
        ".globl safe_copy_bytes\n"
        "safe_copy_bytes:\n"
        "    testq %r8, %r8\n"
        "    jz 2f\n"
        ".globl safe_copy_fault_begin\n"
        "safe_copy_fault_begin:\n"
        "1:  movb (%rdx), %al\n"
        "    movb %al, (%rcx)\n"
        ".globl safe_copy_fault_end\n"
        "safe_copy_fault_end:\n"
        "    incq %rdx\n"
        "    incq %rcx\n"
        "    decq %r8\n"
        "    jnz 1b\n"
        "2:  movl $1, %eax\n"
        "    ret\n"
        ".globl safe_copy_fixup\n"
        "safe_copy_fixup:\n"
        "    xorl %eax, %eax\n"
        "    ret\n");

extern BOOL safe_copy_bytes(void *dst, const void *src, SIZE_T len);
extern const char safe_copy_fault_begin[], safe_copy_fault_end[], safe_copy_fixup[];

static LONG CALLBACK safe_copy_handler(EXCEPTION_POINTERS *info)
{
    DWORD code = info->ExceptionRecord->ExceptionCode;
    DWORD64 rip = info->ContextRecord->Rip;

    if ((code == EXCEPTION_ACCESS_VIOLATION || code == EXCEPTION_IN_PAGE_ERROR) &&
        rip >= (DWORD64)(ULONG_PTR)safe_copy_fault_begin && rip < (DWORD64)(ULONG_PTR)safe_copy_fault_end) {
        info->ContextRecord->Rip = (DWORD64)(ULONG_PTR)safe_copy_fixup;
        return EXCEPTION_CONTINUE_EXECUTION;
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

BOOL safe_copy_init(void)
{
    return AddVectoredExceptionHandler(1, safe_copy_handler) != NULL;
}

BOOL safe_copy(void *dst, const void *src, SIZE_T len)
{
    return safe_copy_bytes(dst, src, len);
}
