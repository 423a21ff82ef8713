/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Pointer checks.  Windows answers WSAEFAULT for a buffer the caller cannot
 * access, and decides so in the kernel: an application's exception
 * handlers never see a fault for it.  Here, in user mode, the answer comes
 * from what is known about the address, without touching anything that is
 * known to be bad:
 *   1. By the address alone: NULL and the first 64 KiB, ranges that wrap
 *      or leave user space, and the calling thread's stack below its
 *      limit (the guard page and the reserve under it, where a touch is a
 *      stack overflow) are bad; the thread's committed stack is good
 *      (ws2_in_own_stack, inline).
 *   2. Regions this thread found accessible lately (a cache of eight in
 *      its ws2_thread).
 *   3. The memory manager: NtQueryVirtualMemory for every region the range
 *      spans.  Committed, neither PAGE_NOACCESS nor PAGE_GUARD, and
 *      readable (or writable) is good; the range is then remembered.
 * Memory judged good in 2 or 3 is then used from small assembly routines
 * under a vectored exception handler that turns a fault inside them into
 * a "no".  That handler is the last resort: it only acts when a
 * remembered region was freed or protected since, or when another thread
 * frees the memory during the call (docs/design.md, "Bad pointers").
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
    ".globl probe_start, probe_end, probe_fault, probe_read, probe_write, probe_strnlen, probe_copy, probe_zero\n"
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
    /* probe_strnlen(p, max): sixteen bytes at a time from aligned blocks,
     * which never straddle a page, so none reaches past the page that
     * holds p + max - 1.  The zero bytes of a block are a bit mask; those
     * before p are shifted out. */
    "probe_strnlen:\n"
    "    mov %rcx, %r11\n"                 /* start */
    "    add %rcx, %rdx\n"                 /* end */
    "    cmp %rdx, %rcx\n"
    "    jae 3f\n"
    "    mov %rcx, %r10\n"
    "    and $-16, %r10\n"                 /* the block holding p */
    "    and $15, %ecx\n"
    "    pxor %xmm0, %xmm0\n"
    "    movdqa (%r10), %xmm1\n"
    "    pcmpeqb %xmm0, %xmm1\n"
    "    pmovmskb %xmm1, %eax\n"
    "    shr %cl, %eax\n"
    "    shl %cl, %eax\n"                  /* zero bytes from p on */
    "    test %eax, %eax\n"
    "    jnz 2f\n"
    "1:  add $16, %r10\n"
    "    cmp %rdx, %r10\n"
    "    jae 3f\n"
    "    movdqa (%r10), %xmm1\n"
    "    pcmpeqb %xmm0, %xmm1\n"
    "    pmovmskb %xmm1, %eax\n"
    "    test %eax, %eax\n"
    "    jz 1b\n"
    "2:  bsf %eax, %eax\n"
    "    add %r10, %rax\n"                 /* the NUL */
    "    cmp %rdx, %rax\n"
    "    jae 3f\n"
    "    sub %r11, %rax\n"
    "    ret\n"
    "3:  mov %rdx, %rax\n"                 /* no NUL before the end: max */
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
    ".globl _probe_start, _probe_end, _probe_fault, _probe_read, _probe_write, _probe_strnlen, _probe_copy, _probe_zero\n"
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
    "_probe_strnlen:\n"
    "    movl 4(%esp), %ecx\n"
    "    movl 8(%esp), %edx\n"
    "    add %ecx, %edx\n"                 /* end */
    "    mov %ecx, %eax\n"
    "1:  cmp %edx, %eax\n"
    "    jae 2f\n"
    "    cmpb $0, (%eax)\n"
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
static ULONG_PTR user_end;      /* one past the highest user-mode address */

/* A fault inside the probes resumes at probe_fault.  A stack overflow is
 * listed too, though the stack test below keeps the probes away from the
 * thread's guard page. */
static LONG CALLBACK probe_handler(EXCEPTION_POINTERS *info)
{
    EXCEPTION_RECORD *rec = info->ExceptionRecord;
    char *pc = rec->ExceptionAddress;

    switch (rec->ExceptionCode)
    {
    case (DWORD)STATUS_ACCESS_VIOLATION:
    case (DWORD)STATUS_GUARD_PAGE_VIOLATION:
    case (DWORD)STATUS_STACK_OVERFLOW:
    case (DWORD)STATUS_IN_PAGE_ERROR:
        break;
    default:
        return EXCEPTION_CONTINUE_SEARCH;
    }
    if (pc < probe_start || pc >= probe_end) return EXCEPTION_CONTINUE_SEARCH;
    CONTEXT_PC(info->ContextRecord) = (ULONG_PTR)probe_fault;
    return EXCEPTION_CONTINUE_EXECUTION;
}

BOOL ws2_probe_init(void)
{
    SYSTEM_INFO info;

    GetSystemInfo(&info);
    user_end = (ULONG_PTR)info.lpMaximumApplicationAddress + 1;
    handler = AddVectoredExceptionHandler(TRUE, probe_handler);
    return handler != NULL;
}

void ws2_probe_cleanup(void)
{
    if (handler) RemoveVectoredExceptionHandler(handler);
    handler = NULL;
}

/* ---- what the address says ---- */

NTSTATUS NTAPI NtQueryVirtualMemory(HANDLE process, const void *addr, ULONG info_class,
                                    void *info, SIZE_T size, SIZE_T *ret_size);
#define MEMORY_BASIC_INFORMATION_CLASS 0
#define CURRENT_PROCESS ((HANDLE)~(ULONG_PTR)0)

C_ASSERT(WS2_DEALLOCATION_STACK == FIELD_OFFSET(TEB, TlsSlots) - sizeof(void *));

#define LOW_END 0x10000         /* the first 64 KiB are never mapped */

enum verdict { BAD, GOOD, ASK };

/* What [a, a+len) (len > 0) is known to be without looking at memory:
 * BAD, GOOD (the thread's committed stack) or ASK. */
static inline __attribute__((always_inline)) enum verdict by_address(ULONG_PTR a, SIZE_T len)
{
    ULONG_PTR bottom = WS2_TEB_FIELD(WS2_DEALLOCATION_STACK), limit = WS2_TIB(StackLimit);
    ULONG_PTR base = WS2_TIB(StackBase);

    if (a < LOW_END || a >= user_end || len > user_end - a) return BAD;
    /* Below the stack limit are the guard page and the reserve: a touch
     * there grows the stack, overflows it near the bottom, or faults. */
    if (a < limit && a + len > bottom) return BAD;
    if (a >= limit && a < base && len <= base - a) return GOOD;
    return ASK;
}

/* WS2_READ and WS2_WRITE as a region allows them. */
static ULONG region_access(const MEMORY_BASIC_INFORMATION *info)
{
    if (info->State != MEM_COMMIT || (info->Protect & (PAGE_GUARD | PAGE_NOACCESS))) return 0;
    switch (info->Protect & 0xff)
    {
    case PAGE_READWRITE:
    case PAGE_WRITECOPY:
    case PAGE_EXECUTE_READWRITE:
    case PAGE_EXECUTE_WRITECOPY:
        return WS2_READ | WS2_WRITE;
    case PAGE_READONLY:
    case PAGE_EXECUTE_READ:
        return WS2_READ;
    }
    return 0;
}

/* ---- regions found good, per thread ---- */

/* The entries hold only regions that were committed and accessible when
 * asked about, so they never reach into the thread's stack guard region:
 * that has never been accessible while the thread ran on this stack.  A
 * fiber switch changes the stack, so the entries belong to one stack
 * (known_stack, its DeallocationStack) and are dropped when it changes. */
static inline struct ws2_thread *known_thread(void)
{
    struct ws2_thread *t = ws2_peek_thread();

    if (t && t->known_stack != WS2_TEB_FIELD(WS2_DEALLOCATION_STACK))
    {
        memset(t->known, 0, sizeof(t->known));
        t->known_stack = WS2_TEB_FIELD(WS2_DEALLOCATION_STACK);
    }
    return t;
}

static inline BOOL known_covers(const struct ws2_known_region *r, ULONG_PTR a, SIZE_T len, ULONG access)
{
    return (r->access & access) == access && a >= r->start && a < r->end && len <= r->end - a;
}

/* The remembered region that covers [a, a+len) (len > 0) for access
 * (WS2_READ or WS2_WRITE), the one that answered last tried first. */
static inline struct ws2_known_region *known_lookup(ULONG_PTR a, SIZE_T len, ULONG access)
{
    struct ws2_thread *t = known_thread();
    unsigned int i, *last;

    if (!t) return NULL;
    last = &t->known_last[access - 1];
    if (known_covers(&t->known[*last], a, len, access)) return &t->known[*last];
    for (i = 0; i < ARRAYSIZE(t->known); i++)
    {
        if (!known_covers(&t->known[i], a, len, access)) continue;
        *last = i;
        return &t->known[i];
    }
    return NULL;
}

/* Remember [start, end) as allowing access, in place of an entry it
 * overlaps (the same region asked about again) or else the oldest. */
static void known_add(ULONG_PTR start, ULONG_PTR end, ULONG access)
{
    struct ws2_thread *t;
    unsigned int i;

    if (!ws2_get_thread() || !(t = known_thread())) return;
    for (i = 0; i < ARRAYSIZE(t->known); i++)
        if (t->known[i].access && start < t->known[i].end && t->known[i].start < end) break;
    if (i == ARRAYSIZE(t->known))
    {
        i = t->known_next;
        t->known_next = (i + 1) % ARRAYSIZE(t->known);
    }
    t->known[i].start = start;
    t->known[i].end = end;
    t->known[i].access = access;
    if (access & WS2_READ) t->known_last[0] = i;
    if (access & WS2_WRITE) t->known_last[1] = i;
}

/* A touch faulted in [a, a+len): whatever was remembered there is wrong. */
static void known_forget(ULONG_PTR a, SIZE_T len)
{
    struct ws2_thread *t = ws2_peek_thread();
    unsigned int i;

    if (!t) return;
    for (i = 0; i < ARRAYSIZE(t->known); i++)
        if (a < t->known[i].end && t->known[i].start < a + len) t->known[i].access = 0;
}

/* ---- asking the memory manager ---- */

static BOOL query(ULONG_PTR a, MEMORY_BASIC_INFORMATION *info)
{
    return !NtQueryVirtualMemory(CURRENT_PROCESS, (void *)a, MEMORY_BASIC_INFORMATION_CLASS,
                                 info, sizeof(*info), NULL);
}

/* Whether [a, a+len) (len > 0) may be used for access, short of touching
 * it, when no remembered region answers: by the address, else by asking
 * about every region the range spans.  A range found good is remembered. */
static BOOL __attribute__((noinline)) allowed_slow(ULONG_PTR a, SIZE_T len, ULONG access)
{
    MEMORY_BASIC_INFORMATION info;
    ULONG_PTR pos = a, end = a + len, start = 0;
    ULONG common = WS2_READ | WS2_WRITE;

    switch (by_address(a, len))
    {
    case BAD: return FALSE;
    case GOOD: return TRUE;
    case ASK: break;
    }
    while (pos < end)
    {
        if (!query(pos, &info)) return FALSE;
        common &= region_access(&info);
        if ((common & access) != access) return FALSE;
        if (!start) start = (ULONG_PTR)info.BaseAddress;
        pos = (ULONG_PTR)info.BaseAddress + info.RegionSize;
    }
    known_add(start, pos, common);
    return TRUE;
}

/* The end of the readable run that holds a, or 0, when no remembered
 * region answers. */
static ULONG_PTR __attribute__((noinline)) readable_end_slow(ULONG_PTR a)
{
    MEMORY_BASIC_INFORMATION info;
    ULONG_PTR end;

    switch (by_address(a, 1))
    {
    case BAD: return 0;
    case GOOD: return WS2_TIB(StackBase);
    case ASK: break;
    }
    if (!query(a, &info) || !(region_access(&info) & WS2_READ)) return 0;
    end = (ULONG_PTR)info.BaseAddress + info.RegionSize;
    known_add((ULONG_PTR)info.BaseAddress, end, region_access(&info));
    return end;
}

static inline BOOL allowed(ULONG_PTR a, SIZE_T len, ULONG access)
{
    if (ws2_in_own_stack((const void *)a, len) || known_lookup(a, len, access)) return TRUE;
    return allowed_slow(a, len, access);
}

static inline ULONG_PTR readable_end(ULONG_PTR a)
{
    struct ws2_known_region *r;

    if (ws2_in_own_stack((const void *)a, 1)) return WS2_TIB(StackBase);
    if ((r = known_lookup(a, 1, WS2_READ))) return r->end;
    return readable_end_slow(a);
}

/* ---- the checks behind the inline wrappers ---- */

BOOL ws2_check_failed(const void *p, SIZE_T len)
{
    known_forget((ULONG_PTR)p, len);
    return FALSE;
}

BOOL ws2_check_access(const void *p, SIZE_T len, ULONG access)
{
    ULONG_PTR a = (ULONG_PTR)p;
    int ret;

    if (!len) return TRUE;
    if (!allowed(a, len, access)) return FALSE;
    ret = access & WS2_WRITE ? probe_write((void *)p, len) : probe_read(p, len);
    if (ret == 1) return TRUE;
    known_forget(a, len);
    return FALSE;
}

BOOL ws2_check_copy(void *dst, const void *src, SIZE_T len)
{
    if (!len) return TRUE;
    if (!allowed((ULONG_PTR)dst, len, WS2_WRITE) || !allowed((ULONG_PTR)src, len, WS2_READ)) return FALSE;
    if (probe_copy(dst, src, len) == 1) return TRUE;
    known_forget((ULONG_PTR)dst, len);
    known_forget((ULONG_PTR)src, len);
    return FALSE;
}

BOOL ws2_check_zero(void *dst, SIZE_T len)
{
    if (!len) return TRUE;
    if (!allowed((ULONG_PTR)dst, len, WS2_WRITE)) return FALSE;
    if (probe_zero(dst, len) == 1) return TRUE;
    known_forget((ULONG_PTR)dst, len);
    return FALSE;
}

/* A string is read one readable run at a time, so that the scan never
 * reaches memory that was not found good. */
SSIZE_T ws2_check_string(const char *p)
{
    ULONG_PTR pos = (ULONG_PTR)p, end;
    SSIZE_T n;

    while ((end = readable_end(pos)))
    {
        if ((n = probe_strnlen((const char *)pos, end - pos)) < 0)
        {
            known_forget(pos, end - pos);
            return -1;
        }
        if ((SIZE_T)n < end - pos) return pos + n - (ULONG_PTR)p;
        pos = end;
    }
    return -1;
}
