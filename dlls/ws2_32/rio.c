/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Registered I/O: the function table WSAIoctl hands out for
 * SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER with WSAID_MULTIPLE_RIO.
 *
 * Buffers, completion queues (CQ) and request queues (RQ) are ours, kept
 * in tables behind one lock, so a bad handle is recognised instead of
 * followed.  RIOCreateRequestQueue binds the socket to a completion port
 * of ours; a send or receive is then an ordinary driver request
 * (IOCTL_AFD_WINE_SENDMSG/RECVMSG) the caller's thread issues, whose
 * completion packet one worker thread of ours takes from that port: it
 * appends a RIORESULT to the request's CQ and fires the notification
 * RIONotify armed.  Requests come from pools of ours, so a packet for
 * anything else (an application's own overlapped request on the socket)
 * is recognised and dropped.
 *
 * Capacity is counted as Windows documents it: an RQ reserves its
 * outstanding sends and receives in its CQs, and a request holds its slot
 * until its completion is dequeued, so a CQ never overflows.
 *
 * What differs from Windows, by design:
 * - RIO_MSG_DEFER requests wait for the next request without it (on any
 *   RQ) or for RIO_MSG_COMMIT_ONLY; nothing else starts them.  An error
 *   the driver finds when a deferred request starts arrives as its
 *   RIORESULT's Status.
 * - RIORESULT.Status is a Winsock error code (0 for success); a request
 *   ended by closing its socket gives WSA_OPERATION_ABORTED.
 * - a socket already bound to a completion port (or given an RQ before)
 *   cannot have an RQ: WSAEINVAL.  Once it has one, the application cannot
 *   bind it to a port of its own.
 * - RIOReceiveEx leaves the local address buffer as it is.
 * - the socket table does not record WSA_FLAG_REGISTERED_IO, so any
 *   overlapped TCP or UDP socket is accepted.
 * - an RQ lives until every CQ it completes to is closed (Windows frees
 *   it with its socket).
 */
#include "ws2_32_private.h"
#include "rio.h"

#define RIO_SEND_FLAGS (RIO_MSG_DONT_NOTIFY | RIO_MSG_DEFER | RIO_MSG_COMMIT_ONLY)
#define RIO_RECV_FLAGS (RIO_SEND_FLAGS | RIO_MSG_WAITALL)

/* ---- state ---- */

struct rio_region
{
    char *base;                 /* NULL: slot free */
    DWORD length;
    USHORT generation;          /* part of the id, so a stale id fails */
};

struct rio_rq;

/* One completion waiting in a CQ. */
struct rio_entry
{
    RIORESULT result;
    struct rio_rq *rq;          /* its slot is released when dequeued */
    BOOL send;
    BOOL notify;                /* may fire RIONotify's notification */
};

struct rio_cq
{
    struct rio_cq *next;        /* in the list of open CQs */
    ULONG size;                 /* entries it can hold */
    ULONG reserved;             /* slots the RQs using it reserved */
    struct rio_entry *ring;
    ULONG head, count;
    ULONG notify_count;         /* entries with notify set */
    BOOL has_notify;
    RIO_NOTIFICATION_COMPLETION notify;
    BOOL armed;                 /* RIONotify waits for an entry */
    LONG inflight;              /* requests that will complete here */
    BOOL closed;                /* freed when inflight drops to 0 */
};

struct rio_rq
{
    struct rio_rq *next;        /* in the list of RQs */
    SOCKET socket;
    int type;
    ULONG max_recv, max_send;
    ULONG recv_out, send_out;   /* requests not yet dequeued */
    struct rio_cq *recv_cq, *send_cq;
    ULONGLONG context;
    int cq_refs;                /* open CQs it completes to */
};

/* A request between the call and its completion. */
struct rio_request
{
    struct rio_request *next;   /* in the deferred queue, or free */
    BOOL live;                  /* between the call and its completion */
    IO_STATUS_BLOCK io;
    struct rio_cq *cq;
    struct rio_rq *rq;
    SOCKET socket;
    BOOL send, notify;
    BOOL waitall;               /* a stream receive that fills its buffer */
    ULONG done;                 /* bytes a waitall receive already has */
    ULONGLONG context;
    WSABUF data;
    DWORD count;                /* 0 or 1 buffers */
    /* a receive's source address and flags, or a send's destination */
    SOCKADDR_INET addr;
    int addr_len;
    char *addr_out;             /* ReceiveEx: where the source goes */
    DWORD *flags_out;           /* ReceiveEx: where the flags go */
    WSABUF control;
    BOOL want_control;
    DWORD ws_flags;
    union
    {
        struct afd_sendmsg_params send;
        struct afd_recvmsg_params recv;
    } params;
};

static CRITICAL_SECTION rio_cs;
static CRITICAL_SECTION_DEBUG rio_cs_debug =
{
    0, 0, &rio_cs,
    { &rio_cs_debug.ProcessLocksList, &rio_cs_debug.ProcessLocksList },
    0, 0, 0
};
static CRITICAL_SECTION rio_cs = { &rio_cs_debug, -1, 0, 0, 0, 0 };

static struct rio_region *regions;
static ULONG region_count, region_capacity;
static struct rio_cq *cq_list;
static struct rio_rq *rq_list;
static struct rio_request *queue_head, *queue_tail;   /* RIO_MSG_DEFER */
static HANDLE worker, rio_port;

/* Requests come from chunks of ours, so a completion packet is known to
 * be for one of them before it is followed. */
#define CHUNK_REQUESTS 64
struct rio_chunk
{
    struct rio_chunk *next;
    struct rio_request requests[CHUNK_REQUESTS];
};
static struct rio_chunk *chunks;
static struct rio_request *free_requests;
#define RIO_PORT_KEY 0x52494f

#define REGION_INDEX_BITS 20
#define REGION_INDEX_MASK ((1u << REGION_INDEX_BITS) - 1)

static void *rio_alloc(SIZE_T size)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
}

static void rio_free(void *p)
{
    HeapFree(GetProcessHeap(), 0, p);
}

/* Under rio_cs: a cleared request, or NULL. */
static struct rio_request *request_alloc(void)
{
    struct rio_request *req;
    struct rio_chunk *c;
    int i;

    if (!free_requests)
    {
        if (!(c = rio_alloc(sizeof(*c)))) return NULL;
        c->next = chunks;
        chunks = c;
        for (i = 0; i < CHUNK_REQUESTS; i++)
        {
            c->requests[i].next = free_requests;
            free_requests = &c->requests[i];
        }
    }
    req = free_requests;
    free_requests = req->next;
    memset(req, 0, sizeof(*req));
    req->live = TRUE;
    return req;
}

/* Under rio_cs. */
static void request_free(struct rio_request *req)
{
    req->live = FALSE;
    req->next = free_requests;
    free_requests = req;
}

/* Under rio_cs: the live request at p, or NULL when p is not one. */
static struct rio_request *request_at(const void *p)
{
    struct rio_chunk *c;
    ULONG_PTR offset;

    for (c = chunks; c; c = c->next)
    {
        offset = (ULONG_PTR)p - (ULONG_PTR)c->requests;
        if (offset < sizeof(c->requests) && !(offset % sizeof(struct rio_request)))
            return c->requests[offset / sizeof(struct rio_request)].live ? (struct rio_request *)p : NULL;
    }
    return NULL;
}

static BOOL fail_bool(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

/* ---- lookups (under rio_cs) ---- */

static struct rio_cq *find_cq(RIO_CQ handle)
{
    struct rio_cq *cq;

    for (cq = cq_list; cq; cq = cq->next)
        if ((RIO_CQ)cq == handle) return cq;
    return NULL;
}

static struct rio_rq *find_rq(RIO_RQ handle)
{
    struct rio_rq *rq;

    for (rq = rq_list; rq; rq = rq->next)
        if ((RIO_RQ)rq == handle) return rq;
    return NULL;
}

static struct rio_region *find_region(RIO_BUFFERID id)
{
    ULONG_PTR value = (ULONG_PTR)id;
    ULONG index = (value & REGION_INDEX_MASK) - 1;

    if (!value || value > 0x7fffffff || index >= region_count) return NULL;
    if (!regions[index].base || regions[index].generation != (value >> REGION_INDEX_BITS)) return NULL;
    return &regions[index];
}

/* The memory a RIO_BUF names, or NULL if the buffer is not registered or
 * the range leaves it. */
static char *resolve(const RIO_BUF *buf)
{
    struct rio_region *r = find_region(buf->BufferId);

    if (!r || buf->Offset > r->length || buf->Length > r->length - buf->Offset) return NULL;
    return r->base + buf->Offset;
}

/* ---- completion ---- */

static void issue(struct rio_request *req);

static void fire(struct rio_cq *cq)
{
    cq->armed = FALSE;
    if (cq->notify.Type == RIO_EVENT_COMPLETION)
        SetEvent(cq->notify.Event.EventHandle);
    else
        PostQueuedCompletionStatus(cq->notify.Iocp.IocpHandle, 0, (ULONG_PTR)cq->notify.Iocp.CompletionKey,
                                   cq->notify.Iocp.Overlapped);
}

static void free_cq(struct rio_cq *cq)
{
    rio_free(cq->ring);
    rio_free(cq);
}

/* The request ended with the status in req->io: its result goes to its CQ. */
static void finish(struct rio_request *req)
{
    NTSTATUS status = req->io.Status;
    struct rio_cq *cq = req->cq, *gone = NULL;
    struct rio_entry *e;
    LONG error;

    /* The driver has no MSG_WAITALL: a stream receive that got part of
     * its buffer asks again for the rest (a 0-byte end or an error ends it). */
    if (req->waitall && !status && req->io.Information && req->io.Information < req->data.len)
    {
        req->done += req->io.Information;
        req->data.buf += req->io.Information;
        req->data.len -= req->io.Information;
        issue(req);
        return;
    }
    req->io.Information += req->done;
    if (!status) error = 0;
    else if (status == STATUS_BUFFER_OVERFLOW) error = WSAEMSGSIZE;
    else error = ws2_overlapped_error(status);

    if (!req->send && !NT_ERROR(status))
    {
        /* ReceiveEx's outputs live in registered memory. */
        if (req->addr_out) ws2_copy(req->addr_out, &req->addr, sizeof(req->addr));
        if (req->flags_out) ws2_copy(req->flags_out, &req->ws_flags, sizeof(DWORD));
    }

    EnterCriticalSection(&rio_cs);
    cq->inflight--;
    if (cq->closed)
    {
        if (!cq->inflight) gone = cq;
    }
    else
    {
        e = &cq->ring[(cq->head + cq->count) % cq->size];
        e->result.Status = error;
        e->result.BytesTransferred = NT_ERROR(status) ? 0 : (ULONG)req->io.Information;
        e->result.SocketContext = req->rq->context;
        e->result.RequestContext = req->context;
        e->rq = req->rq;
        e->send = req->send;
        e->notify = req->notify;
        cq->count++;
        if (req->notify)
        {
            cq->notify_count++;
            if (cq->armed) fire(cq);
        }
    }
    request_free(req);
    LeaveCriticalSection(&rio_cs);
    if (gone) free_cq(gone);
}

/* Hand a request to the driver; its completion goes to rio_port.  The
 * driver's status: an error at once means no packet will come. */
static NTSTATUS start(struct rio_request *req)
{
    NTSTATUS status;
    ULONG code, size;
    void *params;

    if (req->send)
    {
        struct afd_sendmsg_params *p = &req->params.send;

        p->addr_ptr = req->addr_len ? (ULONG_PTR)&req->addr : 0;
        p->addr_len = req->addr_len;
        p->ws_flags = 0;
        p->force_async = TRUE;
        p->count = req->count;
        p->buffers_ptr = (ULONG_PTR)&req->data;
        code = IOCTL_AFD_WINE_SENDMSG;
        params = p;
        size = sizeof(*p);
    }
    else
    {
        struct afd_recvmsg_params *p = &req->params.recv;

        p->control_ptr = req->want_control ? (ULONG_PTR)&req->control : 0;
        p->addr_ptr = req->addr_len ? (ULONG_PTR)&req->addr : 0;
        p->addr_len_ptr = req->addr_len ? (ULONG_PTR)&req->addr_len : 0;
        p->ws_flags_ptr = (ULONG_PTR)&req->ws_flags;
        p->force_async = TRUE;
        p->count = req->count;
        p->buffers_ptr = (ULONG_PTR)&req->data;
        code = IOCTL_AFD_WINE_RECVMSG;
        params = p;
        size = sizeof(*p);
    }
    req->io.Status = STATUS_PENDING;
    req->io.Information = 0;
    status = afd_call_port(req->socket, code, params, size, &req->io, req);
    return status != STATUS_PENDING && NT_ERROR(status) ? status : STATUS_PENDING;
}

/* Start a request whose failure can only be reported in its RIORESULT. */
static void issue(struct rio_request *req)
{
    NTSTATUS status = start(req);

    if (status != STATUS_PENDING)
    {
        req->io.Status = status;
        req->io.Information = 0;
        finish(req);
    }
}

/* Start the deferred requests taken from the queue, in order. */
static void issue_list(struct rio_request *req)
{
    struct rio_request *next;

    for (; req; req = next)
    {
        next = req->next;
        issue(req);
    }
}

/* Under rio_cs: take the whole deferred queue. */
static struct rio_request *take_deferred(void)
{
    struct rio_request *list = queue_head;

    queue_head = queue_tail = NULL;
    return list;
}

/* The worker: every packet on rio_port that is one of our requests ends it. */
static DWORD CALLBACK worker_main(void *unused)
{
    OVERLAPPED_ENTRY entries[32];
    struct rio_request *req;
    ULONG i, n;

    for (;;)
    {
        if (!GetQueuedCompletionStatusEx(rio_port, entries, ARRAYSIZE(entries), &n, INFINITE, FALSE)) continue;
        for (i = 0; i < n; i++)
        {
            if (entries[i].lpCompletionKey != RIO_PORT_KEY) continue;
            EnterCriticalSection(&rio_cs);
            req = request_at(entries[i].lpOverlapped);
            LeaveCriticalSection(&rio_cs);
            if (!req) continue;
            /* The packet carries the ending status and count. */
            req->io.Status = (NTSTATUS)entries[i].Internal;
            req->io.Information = entries[i].dwNumberOfBytesTransferred;
            finish(req);
        }
    }
    return 0;
}

/* Under rio_cs: the port and its worker, made on first use; FALSE if they
 * cannot be. */
static BOOL have_worker(void)
{
    if (!rio_port && !(rio_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1))) return FALSE;
    if (!worker) worker = CreateThread(NULL, 0, worker_main, NULL, 0, NULL);
    return worker != NULL;
}

/* ---- buffers ---- */

static RIO_BUFFERID WINAPI rio_RegisterBuffer(PCHAR buffer, DWORD length)
{
    struct rio_region *r;
    ULONG index;
    DWORD err;

    TRACE("%p %lu\n", buffer, length);
    if ((err = ws2_enter_check())) return SetLastError(err), RIO_INVALID_BUFFERID;
    if (!length) return SetLastError(WSAEINVAL), RIO_INVALID_BUFFERID;
    if (!buffer || !ws2_writable(buffer, length)) return SetLastError(WSAEFAULT), RIO_INVALID_BUFFERID;

    EnterCriticalSection(&rio_cs);
    for (index = 0; index < region_count; index++)
        if (!regions[index].base) break;
    if (index == region_count)
    {
        if (region_count == region_capacity)
        {
            ULONG capacity = region_capacity ? region_capacity * 2 : 16;
            struct rio_region *grown;

            if (capacity > REGION_INDEX_MASK ||
                !(grown = rio_alloc(capacity * sizeof(*grown))))
            {
                LeaveCriticalSection(&rio_cs);
                SetLastError(WSAENOBUFS);
                return RIO_INVALID_BUFFERID;
            }
            if (regions) memcpy(grown, regions, region_count * sizeof(*grown));
            rio_free(regions);
            regions = grown;
            region_capacity = capacity;
        }
        region_count++;
    }
    r = &regions[index];
    r->base = buffer;
    r->length = length;
    /* Generations 1..0x7ff keep the id away from 0 and RIO_INVALID_BUFFERID. */
    r->generation = r->generation % 0x7ff + 1;
    LeaveCriticalSection(&rio_cs);
    SetLastError(0);
    return (RIO_BUFFERID)(ULONG_PTR)(((ULONG)r->generation << REGION_INDEX_BITS) | (index + 1));
}

static void WINAPI rio_DeregisterBuffer(RIO_BUFFERID id)
{
    struct rio_region *r;

    TRACE("%p\n", id);
    /* An id that is not registered is ignored (documented). */
    EnterCriticalSection(&rio_cs);
    if ((r = find_region(id))) r->base = NULL;
    LeaveCriticalSection(&rio_cs);
}

/* ---- completion queues ---- */

static RIO_CQ WINAPI rio_CreateCompletionQueue(DWORD size, PRIO_NOTIFICATION_COMPLETION notify)
{
    RIO_NOTIFICATION_COMPLETION n;
    struct rio_cq *cq;
    DWORD err;

    TRACE("%lu %p\n", size, notify);
    if ((err = ws2_enter_check())) return SetLastError(err), RIO_INVALID_CQ;
    if (!size || size > RIO_MAX_CQ_SIZE) return SetLastError(WSAEINVAL), RIO_INVALID_CQ;
    if (notify)
    {
        if (!ws2_copy(&n, notify, sizeof(n))) return SetLastError(WSAEFAULT), RIO_INVALID_CQ;
        /* An event needs its handle; a port its handle and an OVERLAPPED. */
        if (n.Type == RIO_EVENT_COMPLETION)
        {
            if (!n.Event.EventHandle) return SetLastError(WSAEINVAL), RIO_INVALID_CQ;
        }
        else if (n.Type == RIO_IOCP_COMPLETION)
        {
            if (!n.Iocp.IocpHandle || !n.Iocp.Overlapped) return SetLastError(WSAEINVAL), RIO_INVALID_CQ;
        }
        else return SetLastError(WSAEINVAL), RIO_INVALID_CQ;
    }
    if (!(cq = rio_alloc(sizeof(*cq))) || !(cq->ring = rio_alloc((SIZE_T)size * sizeof(*cq->ring))))
    {
        rio_free(cq);
        SetLastError(WSAENOBUFS);
        return RIO_INVALID_CQ;
    }
    cq->size = size;
    if (notify)
    {
        cq->has_notify = TRUE;
        cq->notify = n;
    }
    EnterCriticalSection(&rio_cs);
    cq->next = cq_list;
    cq_list = cq;
    LeaveCriticalSection(&rio_cs);
    SetLastError(0);
    return (RIO_CQ)cq;
}

static void WINAPI rio_CloseCompletionQueue(RIO_CQ handle)
{
    struct rio_cq *cq, **pcq;
    struct rio_rq *rq, **prq;
    BOOL now = FALSE;

    TRACE("%p\n", handle);
    EnterCriticalSection(&rio_cs);
    for (pcq = &cq_list; (cq = *pcq); pcq = &cq->next)
        if ((RIO_CQ)cq == handle) break;
    if (cq)
    {
        struct rio_request *req, **preq;

        *pcq = cq->next;
        cq->closed = TRUE;
        cq->count = 0;
        /* Deferred requests for it never started: they go now. */
        queue_tail = NULL;
        for (preq = &queue_head; (req = *preq);)
        {
            if (req->cq == cq)
            {
                *preq = req->next;
                cq->inflight--;
                request_free(req);
                continue;
            }
            queue_tail = req;
            preq = &req->next;
        }
        /* Its RQs go once none of their CQs is left. */
        for (prq = &rq_list; (rq = *prq);)
        {
            if (rq->recv_cq == cq || rq->send_cq == cq)
            {
                if (rq->recv_cq == cq) rq->recv_cq = NULL;
                if (rq->send_cq == cq) rq->send_cq = NULL;
                if (!--rq->cq_refs)
                {
                    *prq = rq->next;
                    rio_free(rq);
                    continue;
                }
            }
            prq = &rq->next;
        }
        now = !cq->inflight;
    }
    LeaveCriticalSection(&rio_cs);
    if (now) free_cq(cq);
    SetLastError(cq ? 0 : WSAEINVAL);
}

static INT WINAPI rio_Notify(RIO_CQ handle)
{
    struct rio_cq *cq;
    INT ret = 0;

    TRACE("%p\n", handle);
    EnterCriticalSection(&rio_cs);
    if (!(cq = find_cq(handle)) || !cq->has_notify) ret = WSAEINVAL;
    else if (cq->armed) ret = WSAEALREADY;
    else
    {
        if (cq->notify.Type == RIO_EVENT_COMPLETION && cq->notify.Event.NotifyReset)
            ResetEvent(cq->notify.Event.EventHandle);
        /* A queue that already holds a notifying entry fires at once. */
        cq->armed = TRUE;
        if (cq->notify_count) fire(cq);
    }
    LeaveCriticalSection(&rio_cs);
    return ret;
}

static ULONG WINAPI rio_DequeueCompletion(RIO_CQ handle, PRIORESULT results, ULONG size)
{
    struct rio_entry *e;
    struct rio_cq *cq;
    ULONG i, n;

    TRACE("%p %p %lu\n", handle, results, size);
    EnterCriticalSection(&rio_cs);
    if (!(cq = find_cq(handle)))
    {
        LeaveCriticalSection(&rio_cs);
        SetLastError(WSAEINVAL);
        return RIO_CORRUPT_CQ;
    }
    n = min(size, cq->count);
    if (n && (!results || n > MAXDWORD / sizeof(*results) || !ws2_writable(results, n * sizeof(*results))))
    {
        LeaveCriticalSection(&rio_cs);
        SetLastError(WSAEFAULT);
        return RIO_CORRUPT_CQ;
    }
    for (i = 0; i < n; i++)
    {
        e = &cq->ring[cq->head];
        results[i] = e->result;
        /* The request's slot in its RQ is free again. */
        if (e->send) e->rq->send_out--;
        else e->rq->recv_out--;
        if (e->notify) cq->notify_count--;
        cq->head = (cq->head + 1) % cq->size;
        cq->count--;
    }
    LeaveCriticalSection(&rio_cs);
    return n;
}

static BOOL WINAPI rio_ResizeCompletionQueue(RIO_CQ handle, DWORD size)
{
    struct rio_entry *ring;
    struct rio_cq *cq;
    ULONG i;

    TRACE("%p %lu\n", handle, size);
    if (!size || size > RIO_MAX_CQ_SIZE) return fail_bool(WSAEINVAL);
    if (!(ring = rio_alloc((SIZE_T)size * sizeof(*ring)))) return fail_bool(WSAENOBUFS);
    EnterCriticalSection(&rio_cs);
    if (!(cq = find_cq(handle)))
    {
        LeaveCriticalSection(&rio_cs);
        rio_free(ring);
        return fail_bool(WSAEINVAL);
    }
    /* It must still hold what it holds and what its RQs may bring. */
    if (size < cq->count || size < cq->reserved)
    {
        LeaveCriticalSection(&rio_cs);
        rio_free(ring);
        return fail_bool(WSAETOOMANYREFS);
    }
    for (i = 0; i < cq->count; i++) ring[i] = cq->ring[(cq->head + i) % cq->size];
    rio_free(cq->ring);
    cq->ring = ring;
    cq->head = 0;
    cq->size = size;
    LeaveCriticalSection(&rio_cs);
    SetLastError(0);
    return TRUE;
}

/* ---- request queues ---- */

/* Can cq take delta more reserved slots (delta may be negative)? */
static BOOL cq_has_room(const struct rio_cq *cq, LONGLONG delta)
{
    return (LONGLONG)cq->reserved + delta <= (LONGLONG)cq->size;
}

static RIO_RQ WINAPI rio_CreateRequestQueue(SOCKET s, ULONG max_recv, ULONG max_recv_bufs, ULONG max_send,
                                            ULONG max_send_bufs, RIO_CQ recv_handle, RIO_CQ send_handle,
                                            PVOID context)
{
    FILE_MODE_INFORMATION mode;
    struct rio_cq *rcq, *scq;
    struct ws2_socket info;
    IO_STATUS_BLOCK io;
    struct rio_rq *rq;
    DWORD err = 0;

    TRACE("%#Ix %lu %lu %lu %lu %p %p %p\n", s, max_recv, max_recv_bufs, max_send, max_send_bufs,
          recv_handle, send_handle, context);
    if ((err = ws2_enter_socket(s, &info))) return SetLastError(err), RIO_INVALID_RQ;
    if (info.type != SOCK_STREAM && info.type != SOCK_DGRAM) return SetLastError(WSAEOPNOTSUPP), RIO_INVALID_RQ;
    /* One data buffer per request (the documented limit); none only for
     * a direction with no requests. */
    if ((!max_recv && !max_send) || max_recv_bufs > 1 || max_send_bufs > 1 ||
        (max_recv && !max_recv_bufs) || (max_send && !max_send_bufs))
        return SetLastError(WSAEINVAL), RIO_INVALID_RQ;
    /* The worker's requests must not block it: the handle must be overlapped. */
    if (NtQueryInformationFile((HANDLE)s, &io, &mode, sizeof(mode), FileModeInformation) ||
        (mode.Mode & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)))
        return SetLastError(WSAEINVAL), RIO_INVALID_RQ;
    if (!(rq = rio_alloc(sizeof(*rq)))) return SetLastError(WSAENOBUFS), RIO_INVALID_RQ;

    EnterCriticalSection(&rio_cs);
    rcq = find_cq(recv_handle);
    scq = find_cq(send_handle);
    if (!rcq || !scq) err = WSAEINVAL;
    /* Every outstanding request must find room in its CQ. */
    else if (rcq == scq ? !cq_has_room(rcq, (LONGLONG)max_recv + max_send)
                        : !cq_has_room(rcq, max_recv) || !cq_has_room(scq, max_send))
        err = WSAENOBUFS;
    else if (!have_worker()) err = WSAENOBUFS;
    /* Completions come to our port: a socket bound to another one (or
     * already given an RQ) cannot have it. */
    else if (!CreateIoCompletionPort((HANDLE)s, rio_port, RIO_PORT_KEY, 0)) err = WSAEINVAL;
    if (err)
    {
        LeaveCriticalSection(&rio_cs);
        rio_free(rq);
        SetLastError(err);
        return RIO_INVALID_RQ;
    }
    rq->socket = s;
    rq->type = info.type;
    rq->max_recv = max_recv;
    rq->max_send = max_send;
    rq->recv_cq = rcq;
    rq->send_cq = scq;
    rq->context = (ULONG_PTR)context;
    rq->cq_refs = rcq == scq ? 1 : 2;
    rcq->reserved += max_recv;
    scq->reserved += max_send;
    rq->next = rq_list;
    rq_list = rq;
    LeaveCriticalSection(&rio_cs);
    /* Its data now moves through driver requests of ours: a host-path
     * send or receive beside them could reorder it. */
    ws2_socket_set_state(s, WS2_SOCKET_DRIVER_ONLY);
    SetLastError(0);
    return (RIO_RQ)rq;
}

static BOOL WINAPI rio_ResizeRequestQueue(RIO_RQ handle, DWORD max_recv, DWORD max_send)
{
    LONGLONG drecv, dsend;
    struct rio_rq *rq;
    DWORD err = 0;

    TRACE("%p %lu %lu\n", handle, max_recv, max_send);
    if (!max_recv && !max_send) return fail_bool(WSAEINVAL);
    EnterCriticalSection(&rio_cs);
    if (!(rq = find_rq(handle)) || !rq->recv_cq || !rq->send_cq) err = WSAEINVAL;
    else if (max_recv < rq->recv_out || max_send < rq->send_out) err = WSAETOOMANYREFS;
    else
    {
        drecv = (LONGLONG)max_recv - rq->max_recv;
        dsend = (LONGLONG)max_send - rq->max_send;
        if (rq->recv_cq == rq->send_cq ? !cq_has_room(rq->recv_cq, drecv + dsend)
                                       : !cq_has_room(rq->recv_cq, drecv) || !cq_has_room(rq->send_cq, dsend))
            err = WSAENOBUFS;
        else
        {
            rq->recv_cq->reserved += drecv;
            rq->send_cq->reserved += dsend;
            rq->max_recv = max_recv;
            rq->max_send = max_send;
        }
    }
    LeaveCriticalSection(&rio_cs);
    if (err) return fail_bool(err);
    SetLastError(0);
    return TRUE;
}

/* ---- sends and receives ---- */

/* The RIO_BUF a caller passes (NULL allowed): copied into *buf; FALSE
 * when the pointer is bad. */
static BOOL read_buf(const RIO_BUF *p, RIO_BUF *buf, BOOL *present)
{
    *present = p != NULL;
    return !p || ws2_copy(buf, p, sizeof(*buf));
}

/* The common body of RIOSend(Ex) and RIOReceive(Ex). */
static BOOL submit(RIO_RQ handle, const RIO_BUF *data, ULONG count, const RIO_BUF *remote,
                   const RIO_BUF *control, const RIO_BUF *flags_buf, DWORD flags, void *context, BOOL send)
{
    RIO_BUF d, r, c, f;
    BOOL has_d, has_r, has_c, has_f;
    struct rio_request *req, *deferred = NULL;
    NTSTATUS status;
    struct rio_rq *rq;
    char *mem = NULL;
    DWORD err = 0;

    if ((err = ws2_enter_check())) return fail_bool(err);
    if (flags & ~(send ? RIO_SEND_FLAGS : RIO_RECV_FLAGS)) return fail_bool(WSAEINVAL);
    if (flags & RIO_MSG_COMMIT_ONLY)
    {
        /* A commit carries nothing and no other flag. */
        if (flags != RIO_MSG_COMMIT_ONLY || data || count || context) return fail_bool(WSAEINVAL);
        EnterCriticalSection(&rio_cs);
        if (!find_rq(handle)) err = WSAEINVAL;
        else deferred = take_deferred();
        LeaveCriticalSection(&rio_cs);
        if (err) return fail_bool(err);
        issue_list(deferred);
        SetLastError(0);
        return TRUE;
    }
    if (!read_buf(data, &d, &has_d) || !read_buf(remote, &r, &has_r) ||
        !read_buf(control, &c, &has_c) || !read_buf(flags_buf, &f, &has_f))
        return fail_bool(WSAEFAULT);
    /* One buffer, or (a datagram send only) none at all. */
    if (count > 1 || has_d != (count == 1)) return fail_bool(WSAEINVAL);

    EnterCriticalSection(&rio_cs);
    if (!(req = request_alloc()))
    {
        LeaveCriticalSection(&rio_cs);
        return fail_bool(WSAENOBUFS);
    }
    rq = find_rq(handle);
    if (!rq || !rq->recv_cq || !rq->send_cq) err = WSAEINVAL;
    else if (!count && (!send || rq->type != SOCK_DGRAM)) err = WSAEINVAL;
    else if (send ? rq->send_out >= rq->max_send : rq->recv_out >= rq->max_recv) err = WSAENOBUFS;
    if (!err && has_d)
    {
        if (!(mem = resolve(&d))) err = WSAEINVAL;
        req->data.buf = mem;
        req->data.len = d.Length;
        req->count = 1;
    }
    if (!err && has_r && rq->type == SOCK_DGRAM)
    {
        /* The address is a SOCKADDR_INET in registered memory. */
        if (r.Length < sizeof(SOCKADDR_INET) || !(mem = resolve(&r))) err = WSAEINVAL;
        else if (send)
        {
            if (!ws2_copy(&req->addr, mem, sizeof(req->addr))) err = WSAEFAULT;
            else req->addr_len = req->addr.si_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                                 : sizeof(struct sockaddr_in);
        }
        else
        {
            req->addr_out = mem;
            req->addr_len = sizeof(req->addr);
        }
    }
    if (!err && has_c && !send)
    {
        if (!(mem = resolve(&c))) err = WSAEINVAL;
        req->control.buf = mem;
        req->control.len = c.Length;
        req->want_control = TRUE;
    }
    if (!err && has_f && !send)
    {
        if (f.Length < sizeof(DWORD) || !(mem = resolve(&f))) err = WSAEINVAL;
        req->flags_out = (DWORD *)mem;
    }
    if (err)
    {
        request_free(req);
        LeaveCriticalSection(&rio_cs);
        return fail_bool(err);
    }
    req->socket = rq->socket;
    req->rq = rq;
    req->send = send;
    req->notify = !(flags & RIO_MSG_DONT_NOTIFY);
    req->context = (ULONG_PTR)context;
    /* MSG_WAITALL exists only on streams. */
    req->waitall = !send && (flags & RIO_MSG_WAITALL) && rq->type == SOCK_STREAM;
    req->cq = send ? rq->send_cq : rq->recv_cq;
    req->cq->inflight++;
    if (send) rq->send_out++;
    else rq->recv_out++;
    if (flags & RIO_MSG_DEFER)
    {
        if (queue_tail) queue_tail->next = req;
        else queue_head = req;
        queue_tail = req;
        LeaveCriticalSection(&rio_cs);
        SetLastError(0);
        return TRUE;
    }
    /* What was deferred goes first, then this request. */
    deferred = take_deferred();
    LeaveCriticalSection(&rio_cs);
    issue_list(deferred);
    if ((status = start(req)) != STATUS_PENDING)
    {
        /* Refused at once: nothing was queued, and the call fails. */
        struct rio_cq *cq = req->cq, *gone = NULL;

        EnterCriticalSection(&rio_cs);
        if (send) rq->send_out--;
        else rq->recv_out--;
        if (!--cq->inflight && cq->closed) gone = cq;
        request_free(req);
        LeaveCriticalSection(&rio_cs);
        if (gone) free_cq(gone);
        return fail_bool(ws2_status_to_error(status));
    }
    SetLastError(0);
    return TRUE;
}

static BOOL WINAPI rio_Send(RIO_RQ rq, PRIO_BUF data, ULONG count, DWORD flags, PVOID context)
{
    TRACE("%p %p %lu %#lx %p\n", rq, data, count, flags, context);
    return submit(rq, data, count, NULL, NULL, NULL, flags, context, TRUE);
}

static BOOL WINAPI rio_SendEx(RIO_RQ rq, PRIO_BUF data, ULONG count, PRIO_BUF local, PRIO_BUF remote,
                              PRIO_BUF control, PRIO_BUF flags_buf, DWORD flags, PVOID context)
{
    TRACE("%p %p %lu %p %p %p %p %#lx %p\n", rq, data, count, local, remote, control, flags_buf, flags, context);
    return submit(rq, data, count, remote, NULL, NULL, flags, context, TRUE);
}

static BOOL WINAPI rio_Receive(RIO_RQ rq, PRIO_BUF data, ULONG count, DWORD flags, PVOID context)
{
    TRACE("%p %p %lu %#lx %p\n", rq, data, count, flags, context);
    return submit(rq, data, count, NULL, NULL, NULL, flags, context, FALSE);
}

static int WINAPI rio_ReceiveEx(RIO_RQ rq, PRIO_BUF data, ULONG count, PRIO_BUF local, PRIO_BUF remote,
                                PRIO_BUF control, PRIO_BUF flags_buf, DWORD flags, PVOID context)
{
    TRACE("%p %p %lu %p %p %p %p %#lx %p\n", rq, data, count, local, remote, control, flags_buf, flags, context);
    return submit(rq, data, count, remote, control, flags_buf, flags, context, FALSE);
}

/* ---- the table ---- */

static const RIO_EXTENSION_FUNCTION_TABLE rio_table =
{
    sizeof(RIO_EXTENSION_FUNCTION_TABLE),
    rio_Receive,
    rio_ReceiveEx,
    rio_Send,
    rio_SendEx,
    rio_CloseCompletionQueue,
    rio_CreateCompletionQueue,
    rio_CreateRequestQueue,
    rio_DequeueCompletion,
    rio_DeregisterBuffer,
    rio_Notify,
    rio_RegisterBuffer,
    rio_ResizeCompletionQueue,
    rio_ResizeRequestQueue,
};

DWORD ws2_multiple_extension(const void *in, DWORD in_size, void *out, DWORD out_size, DWORD *size)
{
    static const GUID rio_guid = WSAID_MULTIPLE_RIO;
    GUID guid;

    *size = 0;
    if (!in || in_size < sizeof(guid) || !ws2_copy(&guid, in, sizeof(guid))) return WSAEFAULT;
    if (memcmp(&guid, &rio_guid, sizeof(guid))) return WSAEINVAL;
    if (!out || out_size < sizeof(rio_table)) return WSAEFAULT;
    if (!ws2_copy(out, &rio_table, sizeof(rio_table))) return WSAEFAULT;
    *size = sizeof(rio_table);
    return 0;
}
