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

/* The slot's value once DLL_THREAD_DETACH has freed the thread's state.
 * Code still runs in a thread after that: an executable's TLS callbacks
 * (where C++ thread_local destructors live) are called after every DLL's
 * detach, and may close sockets or format addresses. */
char ws2_thread_gone;
#define THREAD_GONE ((void *)&ws2_thread_gone)

/* State made for a thread after its detach: nothing will free it when the
 * thread ends, so it waits here, with a handle on its thread, until a
 * later attach, detach or unload sees that thread finished. */
struct late_state
{
    struct late_state *next;
    HANDLE thread;
    struct ws2_thread *state;
};
static SRWLOCK late_lock = SRWLOCK_INIT;
static struct late_state *late_list;

static void free_thread(struct ws2_thread *t)
{
    if (!t) return;
    if (t->sync_event) CloseHandle(t->sync_event);
    HeapFree(GetProcessHeap(), 0, t->netdb);
    HeapFree(GetProcessHeap(), 0, t->hostent);
    HeapFree(GetProcessHeap(), 0, t->free_node);
    HeapFree(GetProcessHeap(), 0, t);
}

/* Free the late states of threads that have ended (all of them when
 * unloading). */
static void sweep_late_states(BOOL all)
{
    struct late_state **p, *done;

    if (!late_list) return;
    AcquireSRWLockExclusive(&late_lock);
    for (p = &late_list; *p;)
    {
        if (!all && WaitForSingleObject((*p)->thread, 0) != WAIT_OBJECT_0)
        {
            p = &(*p)->next;
            continue;
        }
        done = *p;
        *p = done->next;
        CloseHandle(done->thread);
        free_thread(done->state);
        HeapFree(GetProcessHeap(), 0, done);
    }
    ReleaseSRWLockExclusive(&late_lock);
}

/* Remember state made after the thread's detach; FALSE if it cannot be
 * tracked, and then it must not be used. */
static BOOL track_late_state(struct ws2_thread *t)
{
    struct late_state *late = HeapAlloc(GetProcessHeap(), 0, sizeof(*late));

    if (!late) return FALSE;
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(),
                         &late->thread, SYNCHRONIZE, FALSE, 0))
    {
        HeapFree(GetProcessHeap(), 0, late);
        return FALSE;
    }
    late->state = t;
    AcquireSRWLockExclusive(&late_lock);
    late->next = late_list;
    late_list = late;
    ReleaseSRWLockExclusive(&late_lock);
    return TRUE;
}

/* The slot's value, marker included. */
static struct ws2_thread *slot_value(void)
{
    if (ws2_thread_slot < ARRAYSIZE(((TEB *)0)->TlsSlots))
        return (struct ws2_thread *)WS2_TEB_SLOT(ws2_thread_slot);
    return ws2_peek_thread_expansion();
}

/* ws2_peek_thread for a slot past the TEB's 64 (the marker passes through:
 * the inline caller maps it). */
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
    struct ws2_thread *t = slot_value();
    BOOL late = t == THREAD_GONE;

    if (t && !late) return t;
    saved = GetLastError();   /* CreateEvent and TlsSetValue may change it */
    if (late) sweep_late_states(FALSE);
    t = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*t));
    if (t && !(t->sync_event = CreateEventW(NULL, FALSE, FALSE, NULL)))
    {
        HeapFree(GetProcessHeap(), 0, t);
        t = NULL;
    }
    if (t && late && !track_late_state(t))
    {
        free_thread(t);
        t = NULL;
    }
    if (t) TlsSetValue(ws2_thread_slot, t);
    SetLastError(saved);
    return t;
}

/* DLL_THREAD_DETACH: free the state, and mark the slot so that a later
 * call in this thread makes tracked state instead of using freed memory. */
static void detach_thread(void)
{
    struct ws2_thread *t = slot_value();

    if (t == THREAD_GONE) return;
    /* A thread's own late state is still in use: never free it here. */
    if (t)
    {
        struct late_state *late;
        BOOL tracked = FALSE;

        AcquireSRWLockShared(&late_lock);
        for (late = late_list; late; late = late->next)
            if (late->state == t) tracked = TRUE;
        ReleaseSRWLockShared(&late_lock);
        if (tracked) return;
    }
    free_thread(t);
    TlsSetValue(ws2_thread_slot, THREAD_GONE);
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
    case DLL_THREAD_ATTACH:
        sweep_late_states(FALSE);
        break;
    case DLL_THREAD_DETACH:
        detach_thread();
        sweep_late_states(FALSE);
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break;    /* process exit: the system reclaims everything */
        detach_thread();
        sweep_late_states(TRUE);
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

static BOOL in_provider(void)
{
    struct ws2_thread *t = ws2_peek_thread();

    return t && t->provider_depth;
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
    /* A provider starting us from inside our own call into it (our
     * mswsock's WSPStartup does) does not keep us started: the
     * application's last WSACleanup must still end everything. */
    if (!startup_count || !in_provider())
    {
        if (!startup_count++) startup_version = version;
    }
    LeaveCriticalSection(&startup_lock);
    return 0;
}

int WINAPI WSACleanup(void)
{
    BOOL last;

    if (!ws2_is_started()) return ws2_fail(WSANOTINITIALISED);
    if (ws2_in_blocking_call()) return ws2_fail(WSAEINPROGRESS);

    EnterCriticalSection(&startup_lock);
    /* The matching cleanup of such a provider changes nothing either. */
    last = !in_provider() && startup_count > 0 && !--startup_count;
    if (last)
    {
        /* documented: pending asynchronous calls end without a message */
        ws2_async_cancel_all();
        ws2_close_all_sockets();
        ws2_provider_cleanup();
        ws2_nsp_cleanup();
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
