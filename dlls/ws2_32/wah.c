/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Wah* helpers: the service functions Windows' ws2_32 (earlier
 * ws2help.dll) offers providers and itself.  Microsoft does not document
 * them.  What each one takes and does is known from public descriptions
 * of the interface (ReactOS's ws2help headers and implementation, read for
 * facts only, and the export lists of Windows' ws2_32); every function
 * says what it relies on.  Errors are Win32 codes returned as the result,
 * not the thread's last error, as those descriptions have it.
 */
#include "ws2_32_private.h"

static void *heap_alloc(SIZE_T size)
{
    return HeapAlloc(GetProcessHeap(), 0, size);
}

static void heap_free(void *p)
{
    HeapFree(GetProcessHeap(), 0, p);
}

/* ---- handle-context tables ---- */

/* Contexts are hashed by handle into chains.  One lock per table: lookups
 * are short, and the lock is re-entrant so an enumeration callback may
 * look contexts up or remove the one it was given. */
struct wah_link
{
    struct wah_link *next;
    WAH_HANDLE *context;
};

#define WAH_TABLE_MAGIC 0x54686157  /* "WahT" */
#define WAH_FIRST_SIZE  64          /* chains in a new table, a power of two */

struct ws2_wah_table
{
    DWORD magic;
    CRITICAL_SECTION lock;
    struct wah_link **chains;
    SIZE_T size;                    /* number of chains, a power of two */
    SIZE_T count;                   /* contexts filed */
};

/* Handle values are multiples of four; the rest is mixed so neighbouring
 * handles land on different chains. */
static SIZE_T wah_chain(const struct ws2_wah_table *table, HANDLE handle)
{
    ULONG_PTR v = (ULONG_PTR)handle >> 2;

    v ^= v >> 13;
    v *= 0x9e3779b1;
    return (v ^ (v >> 16)) & (table->size - 1);
}

static BOOL wah_valid_table(const struct ws2_wah_table *table)
{
    return table && ws2_readable(table, sizeof(*table)) && table->magic == WAH_TABLE_MAGIC;
}

/* Twice the chains once there are as many contexts as chains; a table
 * that cannot grow keeps working with longer chains. */
static void wah_grow(struct ws2_wah_table *table)
{
    struct wah_link **chains, *link, *next;
    SIZE_T i, size = table->size * 2, old = table->size;

    if (!(chains = heap_alloc(size * sizeof(*chains)))) return;
    memset(chains, 0, size * sizeof(*chains));
    table->size = size;
    for (i = 0; i < old; i++)
    {
        for (link = table->chains[i]; link; link = next)
        {
            SIZE_T n = wah_chain(table, link->context->Handle);

            next = link->next;
            link->next = chains[n];
            chains[n] = link;
        }
    }
    heap_free(table->chains);
    table->chains = chains;
}

/* WahCreateHandleContextTable(PWAH_HANDLE_TABLE *table) -> DWORD: a new,
 * empty table in *table; 0, or an error (ReactOS's ws2help.h gives the
 * prototype; a missing result pointer is ERROR_INVALID_PARAMETER as in its
 * other helpers, and a failed allocation WSA_NOT_ENOUGH_MEMORY). */
DWORD WINAPI WahCreateHandleContextTable(PWAH_HANDLE_TABLE *result)
{
    struct ws2_wah_table *table;

    TRACE("%p\n", result);
    if (!result || !ws2_writable(result, sizeof(*result))) return ERROR_INVALID_PARAMETER;
    *result = NULL;
    if (!(table = heap_alloc(sizeof(*table)))) return WSA_NOT_ENOUGH_MEMORY;
    if (!(table->chains = heap_alloc(WAH_FIRST_SIZE * sizeof(*table->chains))))
    {
        heap_free(table);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    memset(table->chains, 0, WAH_FIRST_SIZE * sizeof(*table->chains));
    table->size = WAH_FIRST_SIZE;
    table->count = 0;
    InitializeCriticalSection(&table->lock);
    table->magic = WAH_TABLE_MAGIC;
    *result = table;
    return 0;
}

/* WahDestroyHandleContextTable(table) -> DWORD: frees the table; the
 * contexts still in it belong to the caller and are left alone.  A NULL
 * table is ERROR_INVALID_PARAMETER (ReactOS's implementation). */
DWORD WINAPI WahDestroyHandleContextTable(PWAH_HANDLE_TABLE table)
{
    struct wah_link *link, *next;
    SIZE_T i;

    TRACE("%p\n", table);
    if (!wah_valid_table(table)) return ERROR_INVALID_PARAMETER;
    table->magic = 0;
    for (i = 0; i < table->size; i++)
    {
        for (link = table->chains[i]; link; link = next)
        {
            next = link->next;
            heap_free(link);
        }
    }
    heap_free(table->chains);
    DeleteCriticalSection(&table->lock);
    heap_free(table);
    return 0;
}

/* WahInsertHandleContext(table, context) -> WAH_HANDLE *: files context
 * under context->Handle.  A context already filed under that handle is
 * replaced and returned, so its owner can release it; otherwise the new
 * context itself is returned (ReactOS's implementation).  NULL when the
 * table is bad or memory ran out. */
WAH_HANDLE * WINAPI WahInsertHandleContext(PWAH_HANDLE_TABLE table, WAH_HANDLE *context)
{
    struct wah_link *link, *fresh;
    WAH_HANDLE *previous;
    SIZE_T n;

    TRACE("%p %p\n", table, context);
    if (!wah_valid_table(table) || !context || !ws2_readable(context, sizeof(*context))) return NULL;
    /* Allocated outside the lock; freed again if the handle is filed already. */
    if (!(fresh = heap_alloc(sizeof(*fresh)))) return NULL;
    fresh->context = context;

    EnterCriticalSection(&table->lock);
    n = wah_chain(table, context->Handle);
    for (link = table->chains[n]; link; link = link->next)
        if (link->context->Handle == context->Handle) break;
    if (link)
    {
        previous = link->context;
        link->context = context;
    }
    else
    {
        fresh->next = table->chains[n];
        table->chains[n] = fresh;
        previous = context;
        fresh = NULL;
        if (++table->count > table->size) wah_grow(table);
    }
    LeaveCriticalSection(&table->lock);
    if (fresh) heap_free(fresh);
    return previous;
}

/* WahReferenceContextByHandle(table, handle) -> WAH_HANDLE *: the context
 * filed under handle, or NULL.  The lookup holds the table's lock, so a
 * WahRemoveHandleContext on another thread either happened before (NULL)
 * or waits until the lookup has returned: a context removed and then
 * released by its owner is never handed out.  Keeping it alive after the
 * return is the owner's business (its own count), as in Windows' ws2_32,
 * which counts references in the contexts it files. */
WAH_HANDLE * WINAPI WahReferenceContextByHandle(PWAH_HANDLE_TABLE table, HANDLE handle)
{
    struct wah_link *link;
    WAH_HANDLE *found = NULL;

    if (!wah_valid_table(table)) return NULL;
    EnterCriticalSection(&table->lock);
    for (link = table->chains[wah_chain(table, handle)]; link; link = link->next)
    {
        if (link->context->Handle != handle) continue;
        found = link->context;
        break;
    }
    LeaveCriticalSection(&table->lock);
    return found;
}

/* WahRemoveHandleContext(table, context) -> DWORD: takes context out of
 * the table if it is the one filed under its handle: 0; else
 * ERROR_INVALID_PARAMETER (a context replaced by a later insert stays
 * where it is; ReactOS's implementation). */
DWORD WINAPI WahRemoveHandleContext(PWAH_HANDLE_TABLE table, WAH_HANDLE *context)
{
    struct wah_link **prev, *link = NULL;

    TRACE("%p %p\n", table, context);
    if (!wah_valid_table(table) || !context || !ws2_readable(context, sizeof(*context)))
        return ERROR_INVALID_PARAMETER;
    EnterCriticalSection(&table->lock);
    for (prev = &table->chains[wah_chain(table, context->Handle)]; *prev; prev = &(*prev)->next)
    {
        if ((*prev)->context != context) continue;
        link = *prev;
        *prev = link->next;
        table->count--;
        break;
    }
    LeaveCriticalSection(&table->lock);
    if (!link) return ERROR_INVALID_PARAMETER;
    heap_free(link);
    return 0;
}

/* WahEnumerateHandleContexts(table, callback, param) -> BOOL: calls
 * callback(param, context) for every context, with the table locked,
 * until one returns FALSE; returns the last callback's answer (TRUE for an
 * empty table).  Prototype and behaviour from ReactOS's ws2help. */
BOOL WINAPI WahEnumerateHandleContexts(PWAH_HANDLE_TABLE table, PWAH_HANDLE_ENUMERATE_PROC callback,
                                       void *param)
{
    struct wah_link *link, *next;
    BOOL more = TRUE;
    SIZE_T i;

    TRACE("%p %p %p\n", table, callback, param);
    if (!wah_valid_table(table) || !callback)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    EnterCriticalSection(&table->lock);
    for (i = 0; more && i < table->size; i++)
    {
        /* The next link is taken first: the callback may remove its own. */
        for (link = table->chains[i]; more && link; link = next)
        {
            next = link->next;
            more = callback(param, link->context);
        }
    }
    LeaveCriticalSection(&table->lock);
    return more;
}

/* ---- the APC helper and thread ids ---- */

/* The helper "handles" only say which helper the caller opened: Windows
 * hands out a constant value for them (ReactOS's notes), and so do we:
 * the address of a tag of ours, which no real handle can equal. */
static const char apc_helper_tag[] = "ws2 apc helper";
static const char notify_helper_tag[] = "ws2 notification helper";
#define APC_HELPER    ((HANDLE)apc_helper_tag)
#define NOTIFY_HELPER ((HANDLE)notify_helper_tag)

/* WahOpenApcHelper(HANDLE *helper) -> DWORD: 0 and the helper in *helper;
 * ERROR_INVALID_PARAMETER without a place for it (ReactOS's ws2help). */
DWORD WINAPI WahOpenApcHelper(HANDLE *helper)
{
    TRACE("%p\n", helper);
    if (!helper || !ws2_writable(helper, sizeof(*helper))) return ERROR_INVALID_PARAMETER;
    *helper = APC_HELPER;
    return 0;
}

/* WahCloseApcHelper(helper) -> DWORD: 0, or ERROR_INVALID_PARAMETER for
 * anything WahOpenApcHelper did not return. */
DWORD WINAPI WahCloseApcHelper(HANDLE helper)
{
    TRACE("%p\n", helper);
    return helper == APC_HELPER ? 0 : ERROR_INVALID_PARAMETER;
}

/* WahOpenCurrentThread(helper, WSATHREADID *id) -> DWORD: a real handle
 * to the calling thread (a duplicate of its pseudo-handle) in
 * id->ThreadHandle, for WahQueueUserApc; Reserved gets the thread's id
 * (ReactOS's ws2help: the same duplicate; what Reserved holds is ours). */
DWORD WINAPI WahOpenCurrentThread(HANDLE helper, LPWSATHREADID id)
{
    HANDLE thread;

    TRACE("%p %p\n", helper, id);
    if (helper != APC_HELPER || !id || !ws2_writable(id, sizeof(*id))) return ERROR_INVALID_PARAMETER;
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &thread,
                         0, FALSE, DUPLICATE_SAME_ACCESS))
        return GetLastError();
    id->ThreadHandle = thread;
    id->Reserved = GetCurrentThreadId();
    return 0;
}

/* WahCloseThread(helper, WSATHREADID *id) -> DWORD: closes the handle
 * WahOpenCurrentThread made and clears the id (ReactOS's ws2help). */
DWORD WINAPI WahCloseThread(HANDLE helper, LPWSATHREADID id)
{
    TRACE("%p %p\n", helper, id);
    if (helper != APC_HELPER || !id || !ws2_writable(id, sizeof(*id)) || !id->ThreadHandle)
        return ERROR_INVALID_PARAMETER;
    if (!CloseHandle(id->ThreadHandle)) return GetLastError();
    id->ThreadHandle = NULL;
    id->Reserved = 0;
    return 0;
}

/* WahQueueUserApc(helper, WSATHREADID *id, LPWSAUSERAPC routine, context)
 * -> INT: queues routine(context) as a user APC to the thread; it runs
 * when that thread next waits alertably (ReactOS's ws2help: QueueUserAPC). */
INT WINAPI WahQueueUserApc(HANDLE helper, LPWSATHREADID id, LPWSAUSERAPC routine, void *context)
{
    TRACE("%p %p %p %p\n", helper, id, routine, context);
    if (helper != APC_HELPER || !id || !ws2_readable(id, sizeof(*id)) || !id->ThreadHandle || !routine)
        return ERROR_INVALID_PARAMETER;
    if (!QueueUserAPC((PAPCFUNC)routine, id->ThreadHandle, (ULONG_PTR)context)) return GetLastError();
    return 0;
}

/* ---- the handle helper: socket handles for non-IFS providers ---- */

#define HANDLE_HELPER_MAGIC 0x48686157  /* "WahH" */

struct handle_helper
{
    DWORD magic;
};

static BOOL valid_handle_helper(HANDLE helper)
{
    const struct handle_helper *h = helper;

    return h && ws2_readable(h, sizeof(*h)) && h->magic == HANDLE_HELPER_MAGIC;
}

/* WahOpenHandleHelper(HANDLE *helper) -> DWORD: the helper that makes
 * socket handles for providers without handles of their own.  Windows
 * opens its ws2ifsl driver here (ReactOS's ws2help); our handles need no
 * such driver, so the helper is only a token of ours. */
DWORD WINAPI WahOpenHandleHelper(HANDLE *helper)
{
    struct handle_helper *h;

    TRACE("%p\n", helper);
    if (!helper || !ws2_writable(helper, sizeof(*helper))) return ERROR_INVALID_PARAMETER;
    if (!(h = heap_alloc(sizeof(*h)))) return ERROR_NOT_ENOUGH_MEMORY;
    h->magic = HANDLE_HELPER_MAGIC;
    *helper = h;
    return 0;
}

/* WahCloseHandleHelper(helper) -> DWORD: 0, or ERROR_INVALID_PARAMETER. */
DWORD WINAPI WahCloseHandleHelper(HANDLE helper)
{
    struct handle_helper *h = helper;

    TRACE("%p\n", helper);
    if (!valid_handle_helper(helper)) return ERROR_INVALID_PARAMETER;
    h->magic = 0;
    heap_free(h);
    return 0;
}

/* WahCreateSocketHandle(helper, SOCKET *s) -> DWORD: a new socket handle
 * (ReactOS's ws2help: a ws2ifsl handle).  Ours is the same kind of handle
 * WPUCreateSocketHandle makes, filed without a provider, so it can be
 * completed with WahCompleteRequest or WPUCompleteOverlappedRequest. */
DWORD WINAPI WahCreateSocketHandle(HANDLE helper, SOCKET *s)
{
    HANDLE handle;
    DWORD err;

    TRACE("%p %p\n", helper, s);
    if (!valid_handle_helper(helper) || !s || !ws2_writable(s, sizeof(*s))) return ERROR_INVALID_PARAMETER;
    if ((err = ws2_nonifs_create(&handle))) return err;
    if (!ws2_nonifs_register(handle, 0, 0))
    {
        CloseHandle(handle);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *s = (SOCKET)handle;
    return 0;
}

/* WahCloseSocketHandle(helper, s) -> DWORD: closes a handle made by
 * WahCreateSocketHandle; 0 and INVALID_SOCKET are ERROR_INVALID_PARAMETER
 * (ReactOS's ws2help). */
DWORD WINAPI WahCloseSocketHandle(HANDLE helper, SOCKET s)
{
    int err;

    TRACE("%p %#Ix\n", helper, s);
    if (!valid_handle_helper(helper) || !s || s == INVALID_SOCKET) return ERROR_INVALID_PARAMETER;
    /* Forget the filing first: the handle value may be reused at once. */
    if (WPUCloseSocketHandle(s, &err)) return ERROR_INVALID_PARAMETER;
    return 0;
}

/* WahCompleteRequest(helper, s, overlapped, error, bytes) -> DWORD:
 * completes an overlapped request on such a handle, as
 * WPUCompleteOverlappedRequest does (prototype from ReactOS's ws2help). */
DWORD WINAPI WahCompleteRequest(HANDLE helper, SOCKET s, LPWSAOVERLAPPED overlapped, DWORD error, DWORD bytes)
{
    int err;

    TRACE("%p %#Ix %p %lu %lu\n", helper, s, overlapped, error, bytes);
    if (!valid_handle_helper(helper)) return ERROR_INVALID_PARAMETER;
    if (WPUCompleteOverlappedRequest(s, overlapped, error, bytes, &err)) return err;
    return 0;
}

/* WahEnableNonIFSHandleSupport() / WahDisableNonIFSHandleSupport() -> INT:
 * Windows switches its ws2ifsl driver's service on and off here (ReactOS's
 * ws2help).  Our non-IFS handles need no driver: there is nothing to
 * switch, and both succeed. */
INT WINAPI WahEnableNonIFSHandleSupport(void)
{
    TRACE("\n");
    return 0;
}

INT WINAPI WahDisableNonIFSHandleSupport(void)
{
    TRACE("\n");
    return 0;
}

/* ---- catalog-change notifications between processes ---- */

/* Windows' ws2_32 tells every process that the catalog changed through
 * these (a named pipe per listener; ReactOS's notes).  Ours: every
 * notification handle is a named manual-reset event, listed in a small
 * section shared by the processes of the prefix; WahNotifyAllProcesses
 * sets each listed event, dropping the names nobody holds any more. */
#define NOTIFY_SLOTS 256

struct notify_list
{
    ULONG serial;                       /* last number given out */
    ULONG slots[NOTIFY_SLOTS];          /* event numbers in use; 0 free */
};

static const WCHAR notify_section_name[] = L"ws2_32_wah_notify_list";
static const WCHAR notify_mutex_name[] = L"ws2_32_wah_notify_lock";

/* "ws2_32_wah_notify_" and the number in hex. */
static void notify_event_name(ULONG number, WCHAR *name)
{
    static const WCHAR prefix[] = L"ws2_32_wah_notify_";
    static const char digits[] = "0123456789abcdef";
    int i;

    memcpy(name, prefix, sizeof(prefix) - sizeof(WCHAR));
    name += ARRAYSIZE(prefix) - 1;
    for (i = 7; i >= 0; i--) *name++ = digits[(number >> (i * 4)) & 0xf];
    *name = 0;
}

/* The shared list, mapped once and kept: a named section lives only as
 * long as someone holds it, and the list must outlive the calls. */
static struct notify_list *notify_view;
static HANDLE notify_mutex;
static INIT_ONCE notify_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK notify_open(INIT_ONCE *once, void *param, void **context)
{
    HANDLE section;

    if (!(notify_mutex = CreateMutexW(NULL, FALSE, notify_mutex_name))) return FALSE;
    if (!(section = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                                       sizeof(struct notify_list), notify_section_name)))
        return FALSE;
    /* The handle stays open: a view keeps the section, but only a handle
     * keeps its name, by which the other processes find it. */
    notify_view = MapViewOfFile(section, FILE_MAP_WRITE, 0, 0, sizeof(*notify_view));
    return notify_view != NULL;
}

/* The shared list, locked; NULL (and the last error) when it cannot be had. */
static struct notify_list *notify_lock(void)
{
    if (!InitOnceExecuteOnce(&notify_once, notify_open, NULL, NULL) || !notify_view) return NULL;
    /* A holder that died leaves the mutex abandoned; the list is still whole. */
    WaitForSingleObject(notify_mutex, INFINITE);
    return notify_view;
}

static void notify_unlock(void)
{
    ReleaseMutex(notify_mutex);
}

/* WahOpenNotificationHandleHelper(HANDLE *helper) -> DWORD; like the APC
 * helper, a constant token (ReactOS's ws2help). */
DWORD WINAPI WahOpenNotificationHandleHelper(HANDLE *helper)
{
    TRACE("%p\n", helper);
    if (!helper || !ws2_writable(helper, sizeof(*helper))) return ERROR_INVALID_PARAMETER;
    *helper = NOTIFY_HELPER;
    return 0;
}

DWORD WINAPI WahCloseNotificationHandleHelper(HANDLE helper)
{
    TRACE("%p\n", helper);
    return helper == NOTIFY_HELPER ? 0 : ERROR_INVALID_PARAMETER;
}

/* WahCreateNotificationHandle(helper, HANDLE *notify) -> DWORD: a new
 * handle that WahNotifyAllProcesses, in any process, signals; the caller
 * closes it with CloseHandle.  It is a waitable event: unset until a
 * notification, and reset again by WahWaitForNotification. */
DWORD WINAPI WahCreateNotificationHandle(HANDLE helper, HANDLE *notify)
{
    WCHAR name[40];
    struct notify_list *list;
    HANDLE event = NULL, other;
    DWORD err = ERROR_NOT_ENOUGH_MEMORY;
    ULONG i, number;

    TRACE("%p %p\n", helper, notify);
    if (helper != NOTIFY_HELPER || !notify || !ws2_writable(notify, sizeof(*notify)))
        return ERROR_INVALID_PARAMETER;
    if (!(list = notify_lock())) return GetLastError() ? GetLastError() : ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < NOTIFY_SLOTS; i++)
    {
        if (list->slots[i])
        {
            /* A slot whose event nobody holds any more is free again. */
            notify_event_name(list->slots[i], name);
            if ((other = OpenEventW(SYNCHRONIZE, FALSE, name)))
            {
                CloseHandle(other);
                continue;
            }
        }
        if (!(number = ++list->serial)) number = ++list->serial;
        notify_event_name(number, name);
        if (!(event = CreateEventW(NULL, TRUE, FALSE, name))) err = GetLastError();
        else list->slots[i] = number;
        break;
    }
    notify_unlock();
    if (!event) return err;
    *notify = event;
    return 0;
}

/* WahNotifyAllProcesses(helper) -> INT: signals every notification handle
 * of every process. */
INT WINAPI WahNotifyAllProcesses(HANDLE helper)
{
    WCHAR name[40];
    struct notify_list *list;
    HANDLE event;
    ULONG i;

    TRACE("%p\n", helper);
    if (helper != NOTIFY_HELPER) return ERROR_INVALID_PARAMETER;
    if (!(list = notify_lock())) return GetLastError() ? GetLastError() : ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < NOTIFY_SLOTS; i++)
    {
        if (!list->slots[i]) continue;
        notify_event_name(list->slots[i], name);
        if (!(event = OpenEventW(EVENT_MODIFY_STATE, FALSE, name)))
        {
            list->slots[i] = 0;     /* its handles are all closed */
            continue;
        }
        SetEvent(event);
        CloseHandle(event);
    }
    notify_unlock();
    return 0;
}

/* A wait for a notification that the caller asked to be told about
 * through an OVERLAPPED. */
struct notify_wait
{
    HANDLE notify;
    HANDLE thread;                      /* for the completion routine */
    WSAOVERLAPPED *overlapped;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
};

static void CALLBACK notify_routine_apc(ULONG_PTR arg)
{
    struct notify_wait *w = (struct notify_wait *)arg;

    w->routine(0, 0, w->overlapped, 0);
    heap_free(w);
}

/* The waiting thread of an overlapped WahWaitForNotification. */
static DWORD WINAPI notify_waiter(void *arg)
{
    struct notify_wait *w = arg;
    HANDLE event = (HANDLE)((ULONG_PTR)w->overlapped->hEvent & ~(ULONG_PTR)1);

    WaitForSingleObject(w->notify, INFINITE);
    ResetEvent(w->notify);
    CloseHandle(w->notify);
    w->overlapped->InternalHigh = 0;
    w->overlapped->Internal = STATUS_SUCCESS;
    if (event) SetEvent(event);
    if (w->routine && QueueUserAPC(notify_routine_apc, w->thread, (ULONG_PTR)w))
    {
        CloseHandle(w->thread);
        return 0;
    }
    if (w->thread) CloseHandle(w->thread);
    heap_free(w);
    return 0;
}

/* WahWaitForNotification(helper, notify, overlapped, routine) -> INT:
 * waits until notify is signalled and resets it.  Without an OVERLAPPED
 * the call blocks and returns 0; with one it returns WSA_IO_PENDING and
 * completes the OVERLAPPED later (its event, then the routine as an APC
 * of the calling thread).  Prototype from ReactOS's ws2help. */
INT WINAPI WahWaitForNotification(HANDLE helper, HANDLE notify, LPWSAOVERLAPPED overlapped,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct notify_wait *w;
    HANDLE waiter;

    TRACE("%p %p %p %p\n", helper, notify, overlapped, routine);
    if (helper != NOTIFY_HELPER || !notify) return ERROR_INVALID_PARAMETER;
    if (!overlapped)
    {
        if (WaitForSingleObject(notify, INFINITE) != WAIT_OBJECT_0) return GetLastError();
        ResetEvent(notify);
        return 0;
    }
    if (!ws2_writable(overlapped, sizeof(*overlapped))) return WSAEFAULT;
    if (!(w = heap_alloc(sizeof(*w)))) return ERROR_NOT_ENOUGH_MEMORY;
    memset(w, 0, sizeof(*w));
    w->overlapped = overlapped;
    w->routine = routine;
    /* Our own handle to the event: the caller may close theirs meanwhile. */
    if (!DuplicateHandle(GetCurrentProcess(), notify, GetCurrentProcess(), &w->notify, 0, FALSE,
                         DUPLICATE_SAME_ACCESS) ||
        (routine && !DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(),
                                     &w->thread, 0, FALSE, DUPLICATE_SAME_ACCESS)))
    {
        DWORD err = GetLastError();

        if (w->notify) CloseHandle(w->notify);
        heap_free(w);
        return err;
    }
    overlapped->Internal = STATUS_PENDING;
    overlapped->InternalHigh = 0;
    if (!(waiter = CreateThread(NULL, 0, notify_waiter, w, 0, NULL)))
    {
        DWORD err = GetLastError();

            CloseHandle(w->notify);
        if (w->thread) CloseHandle(w->thread);
        heap_free(w);
        return err;
    }
    CloseHandle(waiter);
    return WSA_IO_PENDING;
}

/* WahWriteLSPEvent(...): Windows writes a record of an LSP's activity to
 * its event log here; the arguments are not described anywhere public
 * (ReactOS's spec lists it as (ptr ptr) and leaves it out).  There is no
 * log to write to, so nothing is recorded and the call succeeds. */
INT WINAPI WahWriteLSPEvent(void *record, void *size)
{
    TRACE("%p %p\n", record, size);
    return 0;
}
