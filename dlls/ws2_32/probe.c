/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Pointer checks.  Windows answers WSAEFAULT for a buffer the caller cannot
 * access; it never crashes.  The DLL has no compiler support for structured
 * exception handling, so the checks touch the memory from a few small
 * assembly routines, and a vectored exception handler turns a fault inside
 * them into a "no" answer.  A touch costs nanoseconds where asking the
 * kernel for the page protection (VirtualQuery) costs microseconds.
 *
 * Writability is probed with an atomic OR of zero, which stores back the
 * value already there even if another thread writes the byte meanwhile.
 */
#include "ws2_32_private.h"

/* The probe_* routines (declared in ws2_32_private.h) are below; a fault
 * inside them resumes at probe_fault, which returns -1.  Faults are
 * expected only between probe_start and probe_end. */
extern char probe_start[], probe_end[], probe_fault[];

#define PAGE_MASK_ASM "0xfff"

#ifdef __x86_64__
/* Microsoft x64 calling convention: rcx, rdx; result in rax. */
__asm__(
    ".text\n"
    ".globl probe_start, probe_end, probe_fault, probe_read, probe_write, probe_strlen, probe_copy, probe_zero\n"
    "probe_start:\n"
    "probe_read:\n"
    "    test %rdx, %rdx\n"
    "    jz 2f\n"
    "    lea -1(%rcx,%rdx), %rdx\n"         /* last byte */
    "1:  movb (%rcx), %al\n"
    "    or $" PAGE_MASK_ASM ", %rcx\n"
    "    inc %rcx\n"                         /* next page */
    "    cmp %rdx, %rcx\n"
    "    jbe 1b\n"
    "    movb (%rdx), %al\n"
    "2:  mov $1, %eax\n"
    "    ret\n"
    "probe_write:\n"
    "    test %rdx, %rdx\n"
    "    jz 2f\n"
    "    lea -1(%rcx,%rdx), %rdx\n"
    "1:  lock orb $0, (%rcx)\n"
    "    or $" PAGE_MASK_ASM ", %rcx\n"
    "    inc %rcx\n"
    "    cmp %rdx, %rcx\n"
    "    jbe 1b\n"
    "    lock orb $0, (%rdx)\n"
    "2:  mov $1, %eax\n"
    "    ret\n"
    /* Eight bytes at a time from aligned words, which never straddle a
     * page: bytes before the string are forced non-zero, and
     * (w - 0x01..01) & ~w & 0x80..80 has its lowest bit in the first
     * zero byte. */
    "probe_strlen:\n"
    "    mov %rcx, %r11\n"                 /* start */
    "    mov %rcx, %rdx\n"
    "    and $-8, %rdx\n"                  /* its aligned word */
    "    and $7, %ecx\n"
    "    shl $3, %ecx\n"
    "    mov $1, %r10\n"
    "    shl %cl, %r10\n"
    "    dec %r10\n"                       /* bytes before the start */
    "    mov (%rdx), %rax\n"
    "    or %r10, %rax\n"
    "    movabs $0x0101010101010101, %r8\n"
    "    movabs $0x8080808080808080, %r9\n"
    "1:  mov %rax, %rcx\n"
    "    sub %r8, %rcx\n"
    "    not %rax\n"
    "    and %rax, %rcx\n"
    "    and %r9, %rcx\n"
    "    jnz 2f\n"
    "    add $8, %rdx\n"
    "    mov (%rdx), %rax\n"
    "    jmp 1b\n"
    "2:  bsf %rcx, %rcx\n"
    "    shr $3, %rcx\n"
    "    lea (%rdx,%rcx), %rax\n"
    "    sub %r11, %rax\n"
    "    ret\n"
    /* probe_copy(dst, src, len): eight bytes at a time, then the rest. */
    "probe_copy:\n"
    "    cmp $8, %r8\n"
    "    jb 2f\n"
    "1:  mov (%rdx), %rax\n"
    "    mov %rax, (%rcx)\n"
    "    add $8, %rdx\n"
    "    add $8, %rcx\n"
    "    sub $8, %r8\n"
    "    cmp $8, %r8\n"
    "    jae 1b\n"
    "2:  test %r8, %r8\n"
    "    jz 4f\n"
    "3:  movb (%rdx), %al\n"
    "    movb %al, (%rcx)\n"
    "    inc %rdx\n"
    "    inc %rcx\n"
    "    dec %r8\n"
    "    jnz 3b\n"
    "4:  mov $1, %eax\n"
    "    ret\n"
    /* probe_zero(dst, len): the same with zeros. */
    "probe_zero:\n"
    "    xor %eax, %eax\n"
    "    cmp $8, %rdx\n"
    "    jb 2f\n"
    "1:  mov %rax, (%rcx)\n"
    "    add $8, %rcx\n"
    "    sub $8, %rdx\n"
    "    cmp $8, %rdx\n"
    "    jae 1b\n"
    "2:  test %rdx, %rdx\n"
    "    jz 4f\n"
    "3:  movb %al, (%rcx)\n"
    "    inc %rcx\n"
    "    dec %rdx\n"
    "    jnz 3b\n"
    "4:  mov $1, %eax\n"
    "    ret\n"
    "probe_end:\n"
    "probe_fault:\n"
    "    mov $-1, %rax\n"
    "    ret\n"
);
#define CONTEXT_PC(c) ((c)->Rip)
#define CONTEXT_RESULT(c) ((c)->Rax)
#else
/* cdecl: arguments on the stack; result in eax. */
__asm__(
    ".text\n"
    ".globl _probe_start, _probe_end, _probe_fault, _probe_read, _probe_write, _probe_strlen, _probe_copy, _probe_zero\n"
    "_probe_start:\n"
    "_probe_read:\n"
    "    movl 4(%esp), %ecx\n"
    "    movl 8(%esp), %edx\n"
    "    test %edx, %edx\n"
    "    jz 2f\n"
    "    lea -1(%ecx,%edx), %edx\n"
    "1:  movb (%ecx), %al\n"
    "    or $" PAGE_MASK_ASM ", %ecx\n"
    "    inc %ecx\n"
    "    cmp %edx, %ecx\n"
    "    jbe 1b\n"
    "    movb (%edx), %al\n"
    "2:  mov $1, %eax\n"
    "    ret\n"
    "_probe_write:\n"
    "    movl 4(%esp), %ecx\n"
    "    movl 8(%esp), %edx\n"
    "    test %edx, %edx\n"
    "    jz 2f\n"
    "    lea -1(%ecx,%edx), %edx\n"
    "1:  lock orb $0, (%ecx)\n"
    "    or $" PAGE_MASK_ASM ", %ecx\n"
    "    inc %ecx\n"
    "    cmp %edx, %ecx\n"
    "    jbe 1b\n"
    "    lock orb $0, (%edx)\n"
    "2:  mov $1, %eax\n"
    "    ret\n"
    "_probe_strlen:\n"
    "    movl 4(%esp), %ecx\n"
    "    mov %ecx, %eax\n"
    "1:  cmpb $0, (%eax)\n"
    "    je 2f\n"
    "    inc %eax\n"
    "    jmp 1b\n"
    "2:  sub %ecx, %eax\n"
    "    ret\n"
    /* _probe_copy(dst, src, len): byte by byte; the end pointer is kept in
     * the len argument's slot, which belongs to the callee. */
    "_probe_copy:\n"
    "    movl 4(%esp), %ecx\n"
    "    movl 8(%esp), %edx\n"
    "    movl 12(%esp), %eax\n"
    "    add %edx, %eax\n"
    "    movl %eax, 12(%esp)\n"
    "    sub %edx, %ecx\n"                 /* dst - src */
    "1:  cmp 12(%esp), %edx\n"
    "    jae 2f\n"
    "    movb (%edx), %al\n"
    "    movb %al, (%edx,%ecx)\n"
    "    inc %edx\n"
    "    jmp 1b\n"
    "2:  mov $1, %eax\n"
    "    ret\n"
    "_probe_zero:\n"
    "    movl 4(%esp), %ecx\n"
    "    movl 8(%esp), %edx\n"
    "    test %edx, %edx\n"
    "    jz 2f\n"
    "1:  movb $0, (%ecx)\n"
    "    inc %ecx\n"
    "    dec %edx\n"
    "    jnz 1b\n"
    "2:  mov $1, %eax\n"
    "    ret\n"
    "_probe_end:\n"
    "_probe_fault:\n"
    "    mov $-1, %eax\n"
    "    ret\n"
);
#define CONTEXT_PC(c) ((c)->Eip)
#define CONTEXT_RESULT(c) ((c)->Eax)
#endif

static void *handler;

/* A fault inside the probes resumes at probe_fault. */
static LONG CALLBACK probe_handler(EXCEPTION_POINTERS *info)
{
    EXCEPTION_RECORD *rec = info->ExceptionRecord;
    char *pc = rec->ExceptionAddress;

    if (rec->ExceptionCode != (DWORD)STATUS_ACCESS_VIOLATION && rec->ExceptionCode != (DWORD)STATUS_GUARD_PAGE_VIOLATION)
        return EXCEPTION_CONTINUE_SEARCH;
    if (pc < probe_start || pc >= probe_end) return EXCEPTION_CONTINUE_SEARCH;
    CONTEXT_PC(info->ContextRecord) = (ULONG_PTR)probe_fault;
    return EXCEPTION_CONTINUE_EXECUTION;
}

BOOL ws2_probe_init(void)
{
    handler = AddVectoredExceptionHandler(TRUE, probe_handler);
    return handler != NULL;
}

void ws2_probe_cleanup(void)
{
    if (handler) RemoveVectoredExceptionHandler(handler);
    handler = NULL;
}
