/*
 * Pointer checks.  Windows answers WSAEFAULT for a buffer the caller cannot
 * access, so arguments are checked against the address space instead of
 * being touched (the DLL has no structured exception handling).
 */
#include "ws2_32_private.h"

#define READ_PROTECT  (PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ | \
                       PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)
#define WRITE_PROTECT (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)

static BOOL range_has(const void *p, SIZE_T len, DWORD wanted)
{
    const char *cur = p, *end = (const char *)p + len;
    MEMORY_BASIC_INFORMATION mbi;

    if (!p) return FALSE;
    if (!len) return TRUE;
    if (end < cur) return FALSE;   /* wraps around */
    while (cur < end)
    {
        if (!VirtualQuery(cur, &mbi, sizeof(mbi))) return FALSE;
        if (mbi.State != MEM_COMMIT) return FALSE;
        if (mbi.Protect & (PAGE_GUARD | PAGE_NOACCESS)) return FALSE;
        if (!(mbi.Protect & wanted)) return FALSE;
        cur = (const char *)mbi.BaseAddress + mbi.RegionSize;
    }
    return TRUE;
}

BOOL ws2_readable(const void *p, SIZE_T len)
{
    return range_has(p, len, READ_PROTECT);
}

BOOL ws2_writable(void *p, SIZE_T len)
{
    return range_has(p, len, WRITE_PROTECT);
}
