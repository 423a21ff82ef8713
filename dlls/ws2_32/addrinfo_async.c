/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * GetAddrInfoExW, synchronous and asynchronous, GetAddrInfoExCancel and
 * GetAddrInfoExOverlappedResult.
 *
 * An asynchronous query runs on the thread pool.  It completes exactly
 * once, by whichever comes first: the lookup finishing, the timeout, or
 * GetAddrInfoExCancel.  Completing stores the result through the caller's
 * pointer (OVERLAPPED.Pointer holds its address, as on Windows), the error
 * in OVERLAPPED.Internal, and then sets the event or calls the completion
 * routine on a pool thread.  A lookup that loses the race frees its
 * result; the query's memory goes when the last of its users lets go.
 */
#include "resolve.h"
#include "addrinfo.h"

typedef void (CALLBACK *completion_fn)(DWORD error, DWORD bytes, OVERLAPPED *overlapped);

struct ai_request
{
    struct ai_request *next;    /* in the list of cancellable requests */
    LONG refs;
    LONG completed;
    HANDLE id;                  /* what GetAddrInfoExCancel is given */
    struct ws2_ai_query query;
    ADDRINFOEXW **result;
    OVERLAPPED *overlapped;
    completion_fn routine;
    HANDLE timer;               /* timer-queue timer, or NULL */
    LONG timer_done;            /* the timer callback has run or will not */
};

static SRWLOCK requests_lock = SRWLOCK_INIT;
static struct ai_request *requests;
static ULONG_PTR last_id;

static void release(struct ai_request *req)
{
    if (InterlockedDecrement(&req->refs)) return;
    if (req->timer) DeleteTimerQueueTimer(NULL, req->timer, NULL);
    ws2_ai_query_clear(&req->query);
    HeapFree(GetProcessHeap(), 0, req);
}

static void unlink_request(struct ai_request *req)
{
    struct ai_request **p;

    AcquireSRWLockExclusive(&requests_lock);
    for (p = &requests; *p; p = &(*p)->next)
        if (*p == req)
        {
            *p = req->next;
            break;
        }
    ReleaseSRWLockExclusive(&requests_lock);
}

static void CALLBACK call_routine(TP_CALLBACK_INSTANCE *instance, void *context)
{
    struct ai_request *req = context;

    req->routine((DWORD)req->overlapped->Internal, 0, req->overlapped);
    release(req);
}

/* Completes the request once; FALSE (and nothing done) if it already was. */
static BOOL complete(struct ai_request *req, DWORD err, ADDRINFOEXW *list, BOOL on_pool_thread)
{
    if (InterlockedCompareExchange(&req->completed, 1, 0)) return FALSE;
    unlink_request(req);
    *req->result = list;
    req->overlapped->Internal = err;
    if (req->routine)
    {
        InterlockedIncrement(&req->refs);
        if (on_pool_thread) call_routine(NULL, req);
        else if (!TrySubmitThreadpoolCallback(call_routine, req, NULL)) call_routine(NULL, req);
    }
    else SetEvent(req->overlapped->hEvent);
    /* Let a pending timer fire now, so that it drops its reference. */
    if (req->timer && !InterlockedCompareExchange(&req->timer_done, 0, 0))
        ChangeTimerQueueTimer(NULL, req->timer, 0, 0);
    return TRUE;
}

static void CALLBACK lookup_work(TP_CALLBACK_INSTANCE *instance, void *context)
{
    struct ai_request *req = context;
    void *list = NULL;
    DWORD err = ws2_ai_resolve(&req->query, TRUE, TRUE, &list);

    if (!complete(req, err, list, TRUE)) ws2_ai_free_list(list, TRUE);
    release(req);
}

static void CALLBACK timeout_fired(void *context, BOOLEAN fired)
{
    struct ai_request *req = context;

    if (!InterlockedExchange(&req->timer_done, 1))
    {
        complete(req, WSAETIMEDOUT, NULL, TRUE);
        release(req);
    }
}

static DWORD timeout_ms(const struct timeval *timeout)
{
    ULONGLONG ms;

    if (timeout->tv_sec < 0 || timeout->tv_usec < 0) return 0;
    ms = (ULONGLONG)timeout->tv_sec * 1000 + (ULONGLONG)timeout->tv_usec / 1000;
    return ms >= 0xfffffffe ? 0xfffffffe : (DWORD)ms;
}

/* Starts the lookup; the query moves into the request.  WSA_IO_PENDING or
 * an error (the query is then still the caller's). */
static DWORD start_request(struct ws2_ai_query *query, ADDRINFOEXW **result, OVERLAPPED *overlapped,
                           completion_fn routine, const struct timeval *timeout, HANDLE *handle)
{
    struct ai_request *req = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*req));

    if (!req) return WSA_NOT_ENOUGH_MEMORY;
    req->refs = 2;  /* the starter's and the lookup's */
    req->query = *query;
    req->result = result;
    req->overlapped = overlapped;
    req->routine = routine;
    overlapped->Internal = WSAEINPROGRESS;
    overlapped->Pointer = result;

    AcquireSRWLockExclusive(&requests_lock);
    last_id++;
    if (!last_id) last_id = 1;
    req->id = (HANDLE)last_id;
    req->next = requests;
    requests = req;
    ReleaseSRWLockExclusive(&requests_lock);
    if (handle) *handle = req->id;

    memset(query, 0, sizeof(*query));
    if (!TrySubmitThreadpoolCallback(lookup_work, req, NULL))
    {
        /* Unless a cancel got in first and completed it, fail at once. */
        BOOL ours = !InterlockedCompareExchange(&req->completed, 1, 0);

        if (ours)
        {
            unlink_request(req);
            *query = req->query;    /* the caller's again */
            memset(&req->query, 0, sizeof(req->query));
        }
        release(req);
        release(req);
        return ours ? WSA_NOT_ENOUGH_MEMORY : WSA_IO_PENDING;
    }
    if (timeout)
    {
        InterlockedIncrement(&req->refs);   /* the timer's */
        if (!CreateTimerQueueTimer(&req->timer, NULL, timeout_fired, req, timeout_ms(timeout), 0,
                                   WT_EXECUTEONLYONCE))
        {
            req->timer = NULL;
            release(req);
        }
        else if (InterlockedCompareExchange(&req->completed, 0, 0))
            ChangeTimerQueueTimer(NULL, req->timer, 0, 0);   /* already done: fire now */
    }
    release(req);   /* the starter's */
    return WSA_IO_PENDING;
}

int WINAPI GetAddrInfoExW(const WCHAR *name, const WCHAR *service, DWORD name_space, GUID *provider,
                          const ADDRINFOEXW *hints, ADDRINFOEXW **result, struct timeval *timeout,
                          OVERLAPPED *overlapped, void *routine, HANDLE *handle)
{
    struct ws2_ai_query q = { 0 };
    OVERLAPPED own;
    DWORD err;

    TRACE("%p %p %lu %p %p %p %p %p %p %p\n", name, service, name_space, provider, hints, result,
          timeout, overlapped, routine, handle);
    if ((err = ws2_enter_check())) goto done;
    err = WSAEFAULT;
    if (!result || !ws2_writable(result, sizeof(*result))) goto done;
    *result = NULL;
    if (timeout && !ws2_readable(timeout, sizeof(*timeout))) goto done;
    if (overlapped && !ws2_writable(overlapped, sizeof(*overlapped))) goto done;
    if (handle && !ws2_writable(handle, sizeof(*handle))) goto done;
    err = WSAEINVAL;
    /* An event or a completion routine, not both. */
    if (overlapped && overlapped->hEvent && routine) goto done;
    if (!overlapped && (routine || handle)) goto done;
    if ((err = ws2_ai_check_namespace(name_space, provider))) goto done;
    ws2_ai_set_namespace(&q, name_space, provider);
    if ((err = ws2_ai_read_hints_ex(&q, hints))) goto done;
    if ((err = ws2_ai_query_from_wide(&q, name, service))) goto done;
    /* Argument errors come back at once, even for an asynchronous call. */
    if (!q.node && !q.service)
    {
        err = WSAHOST_NOT_FOUND;
        goto done;
    }

    if (overlapped)
        err = start_request(&q, result, overlapped, (completion_fn)routine, timeout, handle);
    else if (timeout)
    {
        /* A synchronous call with a timeout waits for its own request. */
        memset(&own, 0, sizeof(own));
        if (!(own.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL))) err = WSA_NOT_ENOUGH_MEMORY;
        else
        {
            err = start_request(&q, result, &own, NULL, timeout, NULL);
            if (err == WSA_IO_PENDING)
            {
                WaitForSingleObject(own.hEvent, INFINITE);
                err = (DWORD)own.Internal;
            }
            CloseHandle(own.hEvent);
        }
    }
    else err = ws2_ai_resolve(&q, TRUE, TRUE, (void **)result);
done:
    ws2_ai_query_clear(&q);
    SetLastError(err);
    return err;
}

int WINAPI GetAddrInfoExCancel(HANDLE *handle)
{
    struct ai_request *req;
    HANDLE id;

    TRACE("%p\n", handle);
    if (!handle || !ws2_readable(handle, sizeof(*handle))) return WSA_INVALID_HANDLE;
    id = *handle;
    AcquireSRWLockExclusive(&requests_lock);
    for (req = requests; req; req = req->next)
        if (req->id == id) break;
    if (req) InterlockedIncrement(&req->refs);
    ReleaseSRWLockExclusive(&requests_lock);
    if (!req) return WSA_INVALID_HANDLE;
    complete(req, WSA_E_CANCELLED, NULL, FALSE);
    release(req);
    return 0;
}

int WINAPI GetAddrInfoExOverlappedResult(OVERLAPPED *overlapped)
{
    TRACE("%p\n", overlapped);
    if (!overlapped || !ws2_readable(overlapped, sizeof(*overlapped))) return WSAEINVAL;
    return (int)overlapped->Internal;
}
