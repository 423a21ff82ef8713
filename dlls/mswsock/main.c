/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mswsock.dll: the entry point and the helpers every family uses.
 */
#include "mswsock_private.h"

HINSTANCE msw_instance;
DWORD msw_tls_slot = TLS_OUT_OF_INDEXES;

BOOL WINAPI DllMainCRTStartup(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        msw_instance = instance;
        msw_tls_slot = TlsAlloc();
        if (msw_tls_slot == TLS_OUT_OF_INDEXES) return FALSE;
        break;
    case DLL_THREAD_DETACH:
        msw_thread_detach();
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break;    /* process exit: the system reclaims everything */
        msw_thread_detach();
        TlsFree(msw_tls_slot);
        break;
    }
    return TRUE;
}

/* Whether every page of [p, p+len) is committed with one of the wanted
 * protections.  VirtualQuery walks the regions without touching memory. */
static BOOL range_has_access(const void *p, SIZE_T len, DWORD wanted)
{
    const char *cur = p, *end;
    MEMORY_BASIC_INFORMATION info;

    if (!p) return FALSE;
    if (!len) len = 1;
    end = cur + len;
    if (end < cur) return FALSE;
    while (cur < end)
    {
        if (!VirtualQuery(cur, &info, sizeof(info))) return FALSE;
        if (info.State != MEM_COMMIT) return FALSE;
        if (info.Protect & (PAGE_GUARD | PAGE_NOACCESS)) return FALSE;
        if (!(info.Protect & wanted)) return FALSE;
        cur = (const char *)info.BaseAddress + info.RegionSize;
    }
    return TRUE;
}

#define READ_ACCESS (PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ | \
                     PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)
#define WRITE_ACCESS (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)

BOOL msw_readable(const void *p, SIZE_T len)
{
    return range_has_access(p, len, READ_ACCESS);
}

BOOL msw_writable(void *p, SIZE_T len)
{
    return range_has_access(p, len, WRITE_ACCESS);
}

/* Strings are checked a page at a time up to their terminator. */
static SSIZE_T checked_length(const void *s, SIZE_T unit)
{
    const char *p = s;
    SIZE_T n = 0;

    if (!p) return -1;
    for (;;)
    {
        SIZE_T page_left = 0x1000 - ((ULONG_PTR)(p + n * unit) & 0xfff);
        SIZE_T i, count = page_left / unit ? page_left / unit : 1;

        if (!msw_readable(p + n * unit, count * unit)) return -1;
        for (i = 0; i < count; i++, n++)
        {
            if (unit == 1 ? !p[n] : !((const WCHAR *)p)[n]) return n;
        }
    }
}

SSIZE_T msw_strlen(const char *s)
{
    return checked_length(s, 1);
}

SSIZE_T msw_wcslen(const WCHAR *s)
{
    return checked_length(s, sizeof(WCHAR));
}

WCHAR *msw_strdup_aw(const char *s)
{
    int len = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w;

    if (len <= 0 || !(w = msw_alloc(len * sizeof(WCHAR)))) return NULL;
    MultiByteToWideChar(CP_ACP, 0, s, -1, w, len);
    return w;
}

/* The compiler may call strchr for us; the DLL imports no C runtime. */
char *strchr(const char *s, int c)
{
    for (;; s++)
    {
        if (*s == (char)c) return (char *)s;
        if (!*s) return NULL;
    }
}

/* Decimal text of v into buf (room for 11 characters); returns buf.
 * wsprintf lives in user32, which this DLL does not import. */
char *msw_utoa(ULONG v, char *buf)
{
    char tmp[12];
    int n = 0, i = 0;

    do tmp[n++] = '0' + v % 10; while (v /= 10);
    while (n) buf[i++] = tmp[--n];
    buf[i] = 0;
    return buf;
}
