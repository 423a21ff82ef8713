/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ProcessSocketNotifications: socket state notifications posted to a
 * completion port.
 *
 * The registrations live in one list under one lock.  A worker thread of
 * ours (started with the first registration) watches every registered
 * socket with one driver poll (IOCTL_AFD_POLL, the readiness query of
 * select and WSAPoll) and posts the notifications.  Each round it asks the
 * driver, without waiting, what holds now for every enabled registration
 * and posts what is due; then it waits, in one poll, for what could make
 * a new notification due, and for our wake event (set when a registration
 * changes).  Every notification is posted, and every registration
 * changed, under the lock, so nothing is posted for a registration after
 * its SOCK_NOTIFY_EVENT_REMOVE packet or after a disable has returned.
 *
 * What the driver cannot tell us, and what we do instead:
 * - A level-triggered notification is not posted again while the last one
 *   is still queued (Windows coalesces them).  We cannot see the port's
 *   queue per packet, so one counts as taken when the port's queue is
 *   empty, when ProcessSocketNotifications dequeued a packet of ours with
 *   the registration's key, or after NOTIFY_STALE ms (a port that never
 *   empties then gets a second packet); until then the registration is
 *   checked again every NOTIFY_TICK ms.
 * - Edge-triggered: the driver's poll only waits for a condition to hold.
 *   A condition that held at the last check is left out of the wait and
 *   checked again every NOTIFY_TICK ms; once seen not holding, it is
 *   waited for again.  A condition that stops and starts holding again
 *   within one tick (a receive drained the socket and new data came at
 *   once) is not seen as a new edge.
 * - A closed socket's registration goes away without a packet (documented)
 *   when the worker sees the close: the driver's AFD_POLL_CLOSE, or the
 *   socket gone from our table.
 */
#include "ws2_32_private.h"

#include "ws2sdk.h"

/* ntdll's completion port query (not in the MinGW headers). */
typedef struct
{
    LONG Depth;
} WS2_IO_COMPLETION_BASIC_INFORMATION;
NTSTATUS NTAPI NtQueryIoCompletion(HANDLE port, int info_class, void *info, ULONG size, ULONG *ret_size);

/* How often conditions the driver cannot wait for are checked again (ms). */
#define NOTIFY_TICK 10
/* How long a level notification may stay untaken before the registration
 * notifies again anyway (ms): a port that never empties must not starve
 * it. */
#define NOTIFY_STALE 250

/* What a notification may report: the asked-for conditions and ERR. */
#define NOTIFY_ASKABLE (SOCK_NOTIFY_EVENT_IN | SOCK_NOTIFY_EVENT_OUT | SOCK_NOTIFY_EVENT_HANGUP)

struct notify_reg
{
    struct notify_reg *next;
    SOCKET socket;
    BOOL tracked;           /* in the socket table when registered */
    HANDLE app_port;        /* the port as the application named it */
    HANDLE port;            /* our duplicate, kept while the registration lives */
    ULONG_PTR key;          /* fixed when the registration is created */
    UINT16 filter;          /* SOCK_NOTIFY_REGISTER_EVENT_* */
    UINT8 trigger;          /* SOCK_NOTIFY_TRIGGER_* */
    BOOL enabled;
    BOOL outstanding;       /* level: a packet posted, not known to be taken */
    DWORD posted_at;        /* GetTickCount() when it was posted */
    UINT32 held;            /* edge: the events that held at the last check */
};

static SRWLOCK notify_lock = SRWLOCK_INIT;
static struct notify_reg *notify_list;
static HANDLE notify_wake;
static INIT_ONCE notify_once = INIT_ONCE_STATIC_INIT;

/* ---- conditions, in driver bits and in notification events ---- */

/* The driver bits to ask for some events; a close is always asked for. */
static int afd_flags(UINT32 events)
{
    int flags = AFD_POLL_CLOSE;

    if (events & SOCK_NOTIFY_EVENT_IN) flags |= AFD_POLL_READ | AFD_POLL_ACCEPT;
    if (events & SOCK_NOTIFY_EVENT_OUT) flags |= AFD_POLL_WRITE | AFD_POLL_CONNECT;
    if (events & SOCK_NOTIFY_EVENT_HANGUP) flags |= AFD_POLL_HUP | AFD_POLL_RESET;
    if (events & SOCK_NOTIFY_EVENT_ERR) flags |= AFD_POLL_CONNECT_ERR | AFD_POLL_RESET;
    return flags;
}

/* The events of what the driver reported, for a registration's filter:
 * SOCK_NOTIFY_EVENT_ERR is reported whatever the filter (documented). */
static UINT32 notify_events(int flags, UINT16 filter)
{
    UINT32 events = 0;

    if (flags & (AFD_POLL_READ | AFD_POLL_ACCEPT)) events |= SOCK_NOTIFY_EVENT_IN;
    if (flags & (AFD_POLL_WRITE | AFD_POLL_CONNECT)) events |= SOCK_NOTIFY_EVENT_OUT;
    if (flags & (AFD_POLL_HUP | AFD_POLL_RESET)) events |= SOCK_NOTIFY_EVENT_HANGUP;
    events &= filter;
    if (flags & (AFD_POLL_CONNECT_ERR | AFD_POLL_RESET)) events |= SOCK_NOTIFY_EVENT_ERR;
    return events;
}

/* A poll request for n sockets; *size gets its size. */
static struct afd_poll_params *poll_alloc(ULONG n, ULONG *size)
{
    struct afd_poll_params *params;

    *size = offsetof(struct afd_poll_params, sockets[n]);
    if (!(params = HeapAlloc(GetProcessHeap(), 0, *size))) return NULL;
    params->count = 0;
    params->exclusive = FALSE;
    params->padding[0] = params->padding[1] = params->padding[2] = 0;
    return params;
}

static void poll_add(struct afd_poll_params *params, SOCKET s, int flags)
{
    params->sockets[params->count].socket = s;
    params->sockets[params->count].flags = flags;
    params->sockets[params->count].status = 0;
    params->count++;
}

/* What the driver reported for s in a finished poll (0: nothing). */
static int poll_result(const struct afd_poll_params *params, SOCKET s)
{
    unsigned int i;

    for (i = 0; i < params->count; i++)
        if (params->sockets[i].socket == s) return params->sockets[i].flags;
    return 0;
}

/* ---- the registration list (callers hold notify_lock) ---- */

static struct notify_reg *reg_find(SOCKET s)
{
    struct notify_reg *reg;

    for (reg = notify_list; reg; reg = reg->next)
        if (reg->socket == s) return reg;
    return NULL;
}

static void reg_free(struct notify_reg *reg)
{
    struct notify_reg **p;

    for (p = &notify_list; *p; p = &(*p)->next)
    {
        if (*p != reg) continue;
        *p = reg->next;
        break;
    }
    CloseHandle(reg->port);
    HeapFree(GetProcessHeap(), 0, reg);
}

/* Whether the registration's socket was closed: gone from the handle
 * table, or (like select) taken out of our table by closesocket. */
static BOOL reg_closed(const struct notify_reg *reg)
{
    struct ws2_socket info;

    if (ws2_socket_get(reg->socket, &info)) return TRUE;
    return reg->tracked && (info.state & WS2_SOCKET_UNTRACKED);
}

static BOOL is_edge(const struct notify_reg *reg)
{
    return (reg->trigger & SOCK_NOTIFY_TRIGGER_EDGE) != 0;
}

/* The notification: events in the byte count, the registration's key; the
 * OVERLAPPED is reserved (documented) and left NULL. */
static void reg_post(struct notify_reg *reg, UINT32 events)
{
    TRACE("socket %#Ix key %#Ix events %#x\n", reg->socket, reg->key, events);
    PostQueuedCompletionStatus(reg->port, events, reg->key, NULL);
}

/* ---- the worker ---- */

/* Run a poll to its end in the worker thread. */
static NTSTATUS poll_now(struct afd_poll_params *params, ULONG size, HANDLE event)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    status = afd_call_start(params->sockets[0].socket, IOCTL_AFD_POLL, params,
                            offsetof(struct afd_poll_params, sockets[params->count]),
                            params, size, &io, event);
    if (status == STATUS_PENDING)
    {
        WaitForSingleObject(event, INFINITE);
        status = io.Status;
    }
    if (status == STATUS_TIMEOUT)
    {
        params->count = 0;
        status = STATUS_SUCCESS;
    }
    return status;
}

/* Whether a port's queue is empty (so a packet posted to it was taken). */
static BOOL port_drained(HANDLE port)
{
    WS2_IO_COMPLETION_BASIC_INFORMATION info;

    if (NtQueryIoCompletion(port, 0, &info, sizeof(info), NULL)) return TRUE;
    return info.Depth == 0;
}

/* One round under the lock: forget closed sockets, post what is due, and
 * build the request that waits for what could become due.  Returns how
 * long that wait may last (INFINITE, or NOTIFY_TICK when something must be
 * looked at again); *wait is NULL when nothing is registered. */
static DWORD notify_round(HANDLE event, struct afd_poll_params **wait, ULONG *wait_size)
{
    struct notify_reg *reg, *next;
    struct afd_poll_params *now;
    ULONG n = 0, size;
    BOOL again = FALSE;

    *wait = NULL;
    for (reg = notify_list; reg; reg = next)
    {
        next = reg->next;
        if (reg_closed(reg)) reg_free(reg);
        else n++;
    }
    if (!n) return INFINITE;

    /* What holds now, for every enabled registration. */
    if (!(now = poll_alloc(n, &size))) return NOTIFY_TICK;
    now->timeout = 0;
    for (reg = notify_list; reg; reg = reg->next)
    {
        if (reg->outstanding && (GetTickCount() - reg->posted_at >= NOTIFY_STALE || port_drained(reg->port)))
            reg->outstanding = FALSE;
        if (reg->enabled) poll_add(now, reg->socket, afd_flags(reg->filter | SOCK_NOTIFY_EVENT_ERR));
    }
    if (now->count && poll_now(now, size, event))
    {
        /* A socket closed under us: the next round forgets it. */
        HeapFree(GetProcessHeap(), 0, now);
        return NOTIFY_TICK;
    }

    for (reg = notify_list; reg; reg = next)
    {
        int flags;
        UINT32 events;

        next = reg->next;
        if (!reg->enabled) continue;
        flags = poll_result(now, reg->socket);
        if (flags & AFD_POLL_CLOSE)
        {
            reg_free(reg);
            continue;
        }
        events = notify_events(flags, reg->filter);
        if (is_edge(reg))
        {
            UINT32 rising = events & ~reg->held;

            reg->held = events;
            events = rising;
        }
        else if (reg->outstanding) events = 0;
        if (!events) continue;
        reg_post(reg, events);
        /* One-shot: disabled (not removed) by its notification. */
        if (reg->trigger & SOCK_NOTIFY_TRIGGER_ONESHOT) reg->enabled = FALSE;
        else if (!is_edge(reg))
        {
            reg->outstanding = TRUE;
            reg->posted_at = GetTickCount();
        }
    }
    HeapFree(GetProcessHeap(), 0, now);

    /* The wait: every registered socket (for its close), with what each
     * enabled registration could be notified of next. */
    n = 0;
    for (reg = notify_list; reg; reg = reg->next) n++;
    if (!n || !(*wait = poll_alloc(n, wait_size))) return n ? NOTIFY_TICK : INFINITE;
    for (reg = notify_list; reg; reg = reg->next)
    {
        UINT32 events = 0;

        if (reg->enabled)
        {
            events = reg->filter | SOCK_NOTIFY_EVENT_ERR;
            if (is_edge(reg)) events &= ~reg->held;
            else if (reg->outstanding) events = 0;
            if ((is_edge(reg) && reg->held) || reg->outstanding) again = TRUE;
        }
        poll_add(*wait, reg->socket, afd_flags(events));
    }
    (*wait)->timeout = MAXLONGLONG;
    return again ? NOTIFY_TICK : INFINITE;
}

static DWORD WINAPI notify_worker(void *arg)
{
    HANDLE event = arg;

    for (;;)
    {
        struct afd_poll_params *wait;
        IO_STATUS_BLOCK io;
        HANDLE handles[2];
        NTSTATUS status;
        ULONG size;
        DWORD timeout;

        AcquireSRWLockExclusive(&notify_lock);
        timeout = notify_round(event, &wait, &size);
        ReleaseSRWLockExclusive(&notify_lock);

        if (!wait)
        {
            WaitForSingleObject(notify_wake, timeout);
            continue;
        }
        status = afd_call_start(wait->sockets[0].socket, IOCTL_AFD_POLL, wait,
                                offsetof(struct afd_poll_params, sockets[wait->count]),
                                wait, size, &io, event);
        if (status == STATUS_PENDING)
        {
            handles[0] = notify_wake;
            handles[1] = event;
            if (WaitForMultipleObjects(2, handles, FALSE, timeout) != WAIT_OBJECT_0 + 1)
                afd_call_cancel(wait->sockets[0].socket, &io, event);
        }
        else if (NT_ERROR(status))
        {
            /* The first socket was closed meanwhile: the next round sees it. */
            WaitForSingleObject(notify_wake, NOTIFY_TICK);
        }
        HeapFree(GetProcessHeap(), 0, wait);
    }
    return 0;
}

/* Start the worker once; it lives as long as the process, so the DLL is
 * pinned. */
static BOOL WINAPI notify_start(INIT_ONCE *once, void *param, void **context)
{
    HMODULE module;
    HANDLE event, thread;

    if (!(notify_wake = CreateEventW(NULL, FALSE, FALSE, NULL))) return FALSE;
    if (!(event = CreateEventW(NULL, TRUE, FALSE, NULL))) goto fail;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       (const WCHAR *)notify_worker, &module);
    if (!(thread = CreateThread(NULL, 0, notify_worker, event, 0, NULL)))
    {
        CloseHandle(event);
        goto fail;
    }
    CloseHandle(thread);
    return TRUE;

fail:
    CloseHandle(notify_wake);
    notify_wake = NULL;
    return FALSE;
}

/* ---- registration operations (under notify_lock) ---- */

/* ENABLE's trigger flags: exactly one of level and edge, at most one of
 * one-shot and persistent (neither: persistent), nothing else. */
static BOOL trigger_valid(UINT8 trigger)
{
    UINT8 kind = trigger & (SOCK_NOTIFY_TRIGGER_LEVEL | SOCK_NOTIFY_TRIGGER_EDGE);
    UINT8 life = trigger & (SOCK_NOTIFY_TRIGGER_ONESHOT | SOCK_NOTIFY_TRIGGER_PERSISTENT);

    if (trigger & ~SOCK_NOTIFY_TRIGGER_ALL) return FALSE;
    if (kind != SOCK_NOTIFY_TRIGGER_LEVEL && kind != SOCK_NOTIFY_TRIGGER_EDGE) return FALSE;
    return life != (SOCK_NOTIFY_TRIGGER_ONESHOT | SOCK_NOTIFY_TRIGGER_PERSISTENT);
}

/* The events that hold now on a socket (for an edge registration, which
 * reports only what starts holding after it was enabled). */
static UINT32 events_now(SOCKET s, UINT16 filter)
{
    struct afd_poll_params *params;
    ULONG size;
    UINT32 events = 0;

    if (!(params = poll_alloc(1, &size))) return 0;
    params->timeout = 0;
    poll_add(params, s, afd_flags(filter | SOCK_NOTIFY_EVENT_ERR));
    if (!afd_call(s, IOCTL_AFD_POLL, params, size, params, size, NULL) && params->count)
        events = notify_events(params->sockets[0].flags, filter);
    HeapFree(GetProcessHeap(), 0, params);
    return events;
}

static DWORD reg_enable(HANDLE port, const SOCK_NOTIFY_REGISTRATION *info, const struct ws2_socket *sock)
{
    struct notify_reg *reg = reg_find(info->socket);

    if (!trigger_valid(info->triggerFlags) || (info->eventFilter & ~SOCK_NOTIFY_REGISTER_EVENTS_ALL))
        return ERROR_INVALID_PARAMETER;
    /* A socket is registered with one port at a time. */
    if (reg && reg->app_port != port) return ERROR_INVALID_PARAMETER;
    if (!reg)
    {
        if (!(reg = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*reg))))
            return ERROR_NOT_ENOUGH_MEMORY;
        if (!DuplicateHandle(GetCurrentProcess(), port, GetCurrentProcess(), &reg->port,
                             0, FALSE, DUPLICATE_SAME_ACCESS))
        {
            HeapFree(GetProcessHeap(), 0, reg);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        reg->socket = info->socket;
        reg->tracked = !(sock->state & WS2_SOCKET_UNTRACKED);
        reg->app_port = port;
        /* The key is the one given when the registration is created. */
        reg->key = (ULONG_PTR)info->completionKey;
        reg->next = notify_list;
        notify_list = reg;
    }
    reg->filter = info->eventFilter;
    reg->trigger = info->triggerFlags;
    reg->enabled = TRUE;
    reg->held = is_edge(reg) ? events_now(reg->socket, reg->filter) : 0;
    return ERROR_SUCCESS;
}

static DWORD reg_apply(HANDLE port, const SOCK_NOTIFY_REGISTRATION *info)
{
    struct ws2_socket sock;
    struct notify_reg *reg;

    switch (info->operation)
    {
    case SOCK_NOTIFY_OP_NONE:
        return ERROR_SUCCESS;
    case SOCK_NOTIFY_OP_ENABLE:
    case SOCK_NOTIFY_OP_DISABLE:
    case SOCK_NOTIFY_OP_REMOVE:
        break;
    default:
        /* At most one operation at a time (documented). */
        return ERROR_INVALID_PARAMETER;
    }
    if (ws2_socket_get(info->socket, &sock)) return WSAENOTSOCK;
    /* Notified sockets move their data through the driver only. */
    if (info->operation == SOCK_NOTIFY_OP_ENABLE)
    {
        ws2_socket_set_state(info->socket, WS2_SOCKET_DRIVER_ONLY);
        return reg_enable(port, info, &sock);
    }

    if (!(reg = reg_find(info->socket)) || reg_closed(reg)) return ERROR_NOT_FOUND;
    if (info->operation == SOCK_NOTIFY_OP_DISABLE)
    {
        reg->enabled = FALSE;
        return ERROR_SUCCESS;
    }
    /* Removal: its packet is the registration's last. */
    reg_post(reg, SOCK_NOTIFY_EVENT_REMOVE);
    reg_free(reg);
    return ERROR_SUCCESS;
}

/* Packets of ours that were dequeued: a level registration may notify
 * again. */
static void note_taken(HANDLE port, const OVERLAPPED_ENTRY *entries, ULONG count)
{
    struct notify_reg *reg;
    BOOL wake = FALSE;
    ULONG i;

    AcquireSRWLockExclusive(&notify_lock);
    for (i = 0; i < count; i++)
    {
        if (entries[i].lpOverlapped) continue;
        for (reg = notify_list; reg; reg = reg->next)
        {
            if (reg->app_port != port || reg->key != entries[i].lpCompletionKey || !reg->outstanding)
                continue;
            reg->outstanding = FALSE;
            wake = TRUE;
        }
    }
    ReleaseSRWLockExclusive(&notify_lock);
    if (wake) SetEvent(notify_wake);
}

static BOOL is_port(HANDLE port)
{
    WS2_IO_COMPLETION_BASIC_INFORMATION info;

    return !NtQueryIoCompletion(port, 0, &info, sizeof(info), NULL);
}

static BOOL ranges_overlap(const void *a, SIZE_T a_size, const void *b, SIZE_T b_size)
{
    ULONG_PTR a0 = (ULONG_PTR)a, b0 = (ULONG_PTR)b;

    return a0 < b0 + b_size && b0 < a0 + a_size;
}

/* The documented rules on the arguments: 0, or the error of the call. */
static DWORD check_args(HANDLE port, UINT32 reg_count, SOCK_NOTIFY_REGISTRATION *regs, UINT32 timeout,
                        ULONG count, OVERLAPPED_ENTRY *entries, UINT32 *received)
{
    const SIZE_T max = MAXLONG;

    if (!reg_count && regs) return WSAEINVAL;
    if (reg_count && (reg_count > max / sizeof(*regs) || !ws2_writable(regs, reg_count * sizeof(*regs))))
        return WSAEFAULT;
    if (!count)
    {
        /* Registration only: no timeout, no entries, no count. */
        if (timeout || entries || received) return WSAEINVAL;
    }
    else
    {
        if (count > max / sizeof(*entries) || !ws2_writable(entries, count * sizeof(*entries)) ||
            !ws2_writable(received, sizeof(*received)))
            return WSAEFAULT;
        if (reg_count && ranges_overlap(regs, reg_count * sizeof(*regs), entries, count * sizeof(*entries)))
            return WSAEINVAL;
    }
    if (!is_port(port)) return WSA_INVALID_HANDLE;
    return 0;
}

DWORD WINAPI ProcessSocketNotifications(HANDLE port, UINT32 reg_count, SOCK_NOTIFY_REGISTRATION *regs,
                                        UINT32 timeout, ULONG count, OVERLAPPED_ENTRY *entries,
                                        UINT32 *received)
{
    ULONG removed;
    DWORD err;
    UINT32 i;

    TRACE("%p %u %p %u %lu %p %p\n", port, reg_count, regs, timeout, count, entries, received);
    /* The error is the result; the thread's last error says the same. */
    if ((err = ws2_enter_check()) ||
        (err = check_args(port, reg_count, regs, timeout, count, entries, received)))
    {
        SetLastError(err);
        return err;
    }
    if (reg_count && !InitOnceExecuteOnce(&notify_once, notify_start, NULL, NULL))
    {
        SetLastError(WSAENOBUFS);
        return WSAENOBUFS;
    }

    AcquireSRWLockExclusive(&notify_lock);
    for (i = 0; i < reg_count; i++)
    {
        SOCK_NOTIFY_REGISTRATION info;

        /* Checked writable above; a copy guards against a racing unmap. */
        if (!ws2_copy(&info, &regs[i], sizeof(info))) continue;
        info.registrationResult = reg_apply(port, &info);
        ws2_copy(&regs[i].registrationResult, &info.registrationResult, sizeof(info.registrationResult));
    }
    ReleaseSRWLockExclusive(&notify_lock);
    if (reg_count) SetEvent(notify_wake);

    if (!count) return ERROR_SUCCESS;
    *received = 0;
    if (!GetQueuedCompletionStatusEx(port, entries, count, &removed, timeout, FALSE))
    {
        err = GetLastError();
        return err == WAIT_TIMEOUT ? WAIT_TIMEOUT : err;
    }
    *received = removed;
    note_taken(port, entries, removed);
    return ERROR_SUCCESS;
}
