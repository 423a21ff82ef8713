/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * DLL entry, WSAStartup/WSACleanup, the thread's last error and per-thread
 * state.
 */
#include "ws2_32_private.h"

void ws2_trace_init(void);

static CRITICAL_SECTION startup_lock;
static LONG startup_count;      /* WSAStartup calls not yet balanced */
static WORD startup_version;    /* version negotiated by the first WSAStartup */
DWORD ws2_thread_slot = TLS_OUT_OF_INDEXES;

/* ---- per-thread state ---- */

static void free_thread(struct ws2_thread *t)
{
    if (!t) return;
    if (t->sync_event) CloseHandle(t->sync_event);
    HeapFree(GetProcessHeap(), 0, t->netdb);
    HeapFree(GetProcessHeap(), 0, t->hostent);
    HeapFree(GetProcessHeap(), 0, t->free_node);
    HeapFree(GetProcessHeap(), 0, t);
}

/* ws2_peek_thread for a slot past the TEB's 64. */
struct ws2_thread *ws2_peek_thread_expansion(void)
{
    DWORD saved = GetLastError();   /* TlsGetValue clears the last error */
    struct ws2_thread *t = TlsGetValue(ws2_thread_slot);

    SetLastError(saved);
    return t;
}

struct ws2_thread *ws2_get_thread(void)
{
    DWORD saved;
    struct ws2_thread *t = ws2_peek_thread();

    if (t) return t;
    saved = GetLastError();   /* CreateEvent and TlsSetValue may change it */
    t = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*t));
    if (t && !(t->sync_event = CreateEventW(NULL, FALSE, FALSE, NULL)))
    {
        HeapFree(GetProcessHeap(), 0, t);
        t = NULL;
    }
    if (t) TlsSetValue(ws2_thread_slot, t);
    SetLastError(saved);
    return t;
}

BOOL WINAPI DllMainCRTStartup(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        InitializeCriticalSection(&startup_lock);
        ws2_thread_slot = TlsAlloc();
        if (ws2_thread_slot == TLS_OUT_OF_INDEXES) return FALSE;
        if (!ws2_probe_init()) return FALSE;
        ws2_trace_init();
        break;
    case DLL_THREAD_DETACH:
        free_thread(TlsGetValue(ws2_thread_slot));
        TlsSetValue(ws2_thread_slot, NULL);     /* later DllMains may still call in */
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break;    /* process exit: the system reclaims everything */
        free_thread(TlsGetValue(ws2_thread_slot));
        TlsFree(ws2_thread_slot);
        ws2_probe_cleanup();
        DeleteCriticalSection(&startup_lock);
        break;
    }
    return TRUE;
}

/* ---- startup ---- */

BOOL ws2_is_started(void)
{
    return startup_count > 0;
}

WORD ws2_version(void)
{
    return startup_version;
}

DWORD ws2_enter_check(void)
{
    if (!ws2_is_started()) return WSANOTINITIALISED;
    if (ws2_in_blocking_call()) return WSAEINPROGRESS;
    return 0;
}

/* The version WSAStartup grants for a request: Windows offers 1.0, 1.1 and
 * 2.0-2.2, granting the highest it has that is not above the request; a
 * request for 0.x is refused but still answered with 2.2. */
static WORD negotiate_version(WORD requested)
{
    BYTE major = LOBYTE(requested), minor = HIBYTE(requested);

    if (major == 1) return MAKEWORD(1, minor ? 1 : 0);
    if (major == 2) return MAKEWORD(2, minor > 2 ? 2 : minor);
    return MAKEWORD(2, 2);
}

static void copy_string(char *dst, const char *src)
{
    while ((*dst++ = *src++));
}

int WINAPI WSAStartup(WORD requested, WSADATA *data)
{
    WORD version = negotiate_version(requested);
    BOOL v1 = LOBYTE(requested) == 1;

    TRACE("requested %#x\n", requested);
    if (!LOBYTE(requested) && !data) return WSAVERNOTSUPPORTED;
    if (!data || !ws2_writable(data, sizeof(*data))) return WSAEFAULT;

    /* Windows fills WSADATA even when it refuses the version, and never
     * touches lpVendorInfo. */
    data->wVersion = version;
    data->wHighVersion = MAKEWORD(2, 2);
    memset(data->szDescription, 0, sizeof(data->szDescription));
    memset(data->szSystemStatus, 0, sizeof(data->szSystemStatus));
    copy_string(data->szDescription, "WinSock 2.0");
    copy_string(data->szSystemStatus, "Running");
    /* The Winsock 1.1 limits are reported only to 1.x callers. */
    data->iMaxSockets = v1 ? 32767 : 0;
    data->iMaxUdpDg = v1 ? 65467 : 0;
    if (!LOBYTE(requested)) return WSAVERNOTSUPPORTED;

    EnterCriticalSection(&startup_lock);
    if (!startup_count++) startup_version = version;
    LeaveCriticalSection(&startup_lock);
    return 0;
}

int WINAPI WSACleanup(void)
{
    BOOL last;

    if (!ws2_is_started()) return ws2_fail(WSANOTINITIALISED);
    if (ws2_in_blocking_call()) return ws2_fail(WSAEINPROGRESS);

    EnterCriticalSection(&startup_lock);
    last = startup_count > 0 && !--startup_count;
    if (last)
    {
        /* documented: pending asynchronous calls end without a message */
        ws2_async_cancel_all();
        ws2_close_all_sockets();
    }
    LeaveCriticalSection(&startup_lock);
    SetLastError(0);
    return 0;
}

/* The thread's last error is the same slot GetLastError reads. */
int WINAPI WSAGetLastError(void)
{
    return GetLastError();
}

void WINAPI WSASetLastError(int error)
{
    SetLastError(error);
}
