/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Winsock 1.1 asynchronous database functions: WSAAsyncGetHostByName,
 * WSAAsyncGetHostByAddr, WSAAsyncGetProtoByName, WSAAsyncGetProtoByNumber,
 * WSAAsyncGetServByName, WSAAsyncGetServByPort and WSACancelAsyncRequest.
 *
 * A call copies its arguments into a task, queues it and returns the task
 * handle at once; the arguments are judged only when the task runs, and a
 * bad one is reported in the completion message like a failed lookup.  One
 * thread-pool work item at a time drains the queue in order (Windows
 * documents that these requests are not resolved in parallel), lays each
 * result out in the caller's buffer and posts
 * wMsg(wParam = task handle, lParam = WSAMAKEASYNCREPLY(length, error)).
 *
 * Task handles come from a counter, so WSACancelAsyncRequest can tell a
 * request that has finished (WSAEALREADY) from a value that was never a
 * handle (WSAEINVAL) without remembering finished tasks.
 */
#include "ws2_32_private.h"
#include "resolve.h"

enum async_kind
{
    ASYNC_PROTO_BY_NAME,
    ASYNC_PROTO_BY_NUMBER,
    ASYNC_SERV_BY_NAME,
    ASYNC_SERV_BY_PORT,
    ASYNC_HOST_BY_NAME,
    ASYNC_HOST_BY_ADDR,
};

struct async_task
{
    struct async_task *next;    /* in the queue */
    ULONG handle;
    enum async_kind kind;
    BOOL cancelled;             /* cancelled while its lookup was running */
    HWND hwnd;
    UINT msg;
    char *buf;
    SIZE_T buflen;
    DWORD error;                /* an argument known bad at call time */
    int number;                 /* protocol number or port (network order) */
    char *name;                 /* copies of the caller's strings (in this block) or NULL */
    char *proto;
    struct ws2_addr addr;       /* WSAAsyncGetHostByAddr's address */
};

/* One lookup's result, ready to be laid out in the caller's buffer. */
struct async_result
{
    struct ws2_netdb_entry netdb;   /* protocols and services */
    struct ws2_hostinfo *host;      /* hosts */
};

static SRWLOCK async_lock = SRWLOCK_INIT;
/* All under async_lock: */
static struct async_task *queue_head, **queue_tail = &queue_head;
static struct async_task *running;  /* being looked up; not yet delivered */
static BOOL worker_active;          /* a work item is draining the queue */
static ULONG last_handle;           /* the last handle given out */
static BOOL handles_wrapped;        /* every nonzero 32-bit value was given out */

typedef BOOL (WINAPI *post_message_fn)(HWND, UINT, WPARAM, LPARAM);
static post_message_fn post_message;

static void *heap_alloc(SIZE_T size)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
}

static void heap_free(void *p)
{
    HeapFree(GetProcessHeap(), 0, p);
}

/* ---- completion ---- */

/* user32 is loaded only when a message has to be posted, so the DLL itself
 * imports nothing but kernel32 and ntdll. */
static post_message_fn get_post_message(void)
{
    HMODULE user32;
    post_message_fn fn;

    if (post_message) return post_message;
    if (!(user32 = LoadLibraryW(L"user32.dll"))) return NULL;
    fn = (post_message_fn)GetProcAddress(user32, "PostMessageA");
    if (!fn || InterlockedCompareExchangePointer((void **)&post_message, fn, NULL))
        FreeLibrary(user32);    /* another worker got there first */
    return post_message;
}

static void post_reply(const struct async_task *task, SIZE_T length, DWORD error)
{
    post_message_fn post;

    TRACE("task %lu: length %lu error %lu\n", task->handle, (ULONG)length, error);
    /* A NULL window would mean the worker thread's own queue, which nobody
     * reads: there is no one to tell. */
    if (!task->hwnd) return;
    /* A Winsock 1.1 layer may have named its own routine (WSApSetPostRoutine). */
    if (!(post = (post_message_fn)ws2_post_routine()) && !(post = get_post_message())) return;
    if (length > 0xffff) length = 0xffff;  /* the reply has 16 bits for it */
    if (!post(task->hwnd, task->msg, (WPARAM)task->handle, WSAMAKEASYNCREPLY(length, error)))
        WARN("task %lu: cannot post to window %p\n", task->handle, task->hwnd);
}

/* ---- the lookups ---- */

static DWORD lookup(const struct async_task *task, struct async_result *result)
{
    switch (task->kind)
    {
    case ASYNC_PROTO_BY_NAME:
        return ws2_netdb_find_protocol(task->name, 0, &result->netdb);
    case ASYNC_PROTO_BY_NUMBER:
        return ws2_netdb_find_protocol(NULL, task->number, &result->netdb);
    case ASYNC_SERV_BY_NAME:
        return ws2_netdb_find_service(task->name, 0, task->proto, &result->netdb);
    case ASYNC_SERV_BY_PORT:
        return ws2_netdb_find_service(NULL, task->number, task->proto, &result->netdb);
    case ASYNC_HOST_BY_NAME:
        /* as gethostbyname: IPv4 only, inet_addr's forms are addresses */
        return ws2_resolve_name(task->name, AF_INET, WS2_RESOLVE_LOOSE_IPV4, &result->host);
    case ASYNC_HOST_BY_ADDR:
        return ws2_resolve_address(&task->addr, 0, &result->host);
    }
    return WSAEINVAL;
}

static BOOL is_host(const struct async_task *task)
{
    return task->kind == ASYNC_HOST_BY_NAME || task->kind == ASYNC_HOST_BY_ADDR;
}

/* Bytes the result needs; written to buf only if that fits in size. */
static SIZE_T pack(const struct async_task *task, const struct async_result *result, void *buf, SIZE_T size)
{
    if (is_host(task))
        return ws2_hostent_pack(result->host, task->kind == ASYNC_HOST_BY_ADDR ? task->addr.family : AF_INET,
                                buf, size, FALSE);
    return ws2_netdb_pack(&result->netdb, buf, size);
}

static void release_result(const struct async_task *task, struct async_result *result)
{
    if (is_host(task)) ws2_hostinfo_free(result->host);
}

/* Copies a successful result to the caller and posts the reply: the bytes
 * used, or with WSAENOBUFS the bytes that would be needed. */
static void deliver(const struct async_task *task, const struct async_result *result)
{
    SIZE_T needed = pack(task, result, NULL, 0);

    if (needed > task->buflen)
        post_reply(task, needed, WSAENOBUFS);
    else if (!ws2_writable(task->buf, needed))
        post_reply(task, 0, WSAEFAULT);
    else
    {
        pack(task, result, task->buf, needed);
        post_reply(task, needed, 0);
    }
}

static void run_task(struct async_task *task)
{
    struct async_result result;
    DWORD error = task->error;
    BOOL cancelled;

    if (!error) error = lookup(task, &result);

    /* From here on a cancel is too late: the reply goes out. */
    AcquireSRWLockExclusive(&async_lock);
    cancelled = task->cancelled;
    running = NULL;
    ReleaseSRWLockExclusive(&async_lock);

    if (cancelled) TRACE("task %lu: cancelled\n", task->handle);
    else if (error) post_reply(task, 0, error);
    else deliver(task, &result);
    if (!error) release_result(task, &result);
    heap_free(task);
}

/* Drains the queue, one task at a time in the order they were made. */
static void CALLBACK worker(TP_CALLBACK_INSTANCE *instance, void *module)
{
    struct async_task *task;

    CallbackMayRunLong(instance);
    for (;;)
    {
        AcquireSRWLockExclusive(&async_lock);
        if ((task = queue_head))
        {
            if (!(queue_head = task->next)) queue_tail = &queue_head;
            running = task;
        }
        else worker_active = FALSE;
        ReleaseSRWLockExclusive(&async_lock);
        if (!task) break;
        run_task(task);
    }
    /* the reference taken in start_worker keeps the code here until now */
    FreeLibraryWhenCallbackReturns(instance, module);
}

/* Called with async_lock held.  The work item holds a reference on this
 * DLL so that a FreeLibrary cannot unload the code it runs. */
static BOOL start_worker(void)
{
    HMODULE module;

    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (const WCHAR *)worker, &module))
        return FALSE;
    if (TrySubmitThreadpoolCallback(worker, module, NULL)) return TRUE;
    FreeLibrary(module);
    return FALSE;
}

/* ---- making requests ---- */

/* Copies the request into a new task; NULL with the error set when the
 * request cannot be made.  An unreadable string is not refused here:
 * Windows starts the request and reports WSAEFAULT in its reply. */
static struct async_task *new_task(enum async_kind kind, HWND hwnd, UINT msg, const char *name,
                                   const char *proto, int number, char *buf, int buflen)
{
    SSIZE_T name_len, proto_len;
    struct async_task *task;
    char *strings;
    DWORD err;

    if ((err = ws2_enter_check()))
    {
        SetLastError(err);
        return NULL;
    }
    name_len = name ? ws2_string_length(name) : -1;
    proto_len = proto ? ws2_string_length(proto) : -1;
    task = heap_alloc(sizeof(*task) + (name_len >= 0 ? name_len + 1 : 0) + (proto_len >= 0 ? proto_len + 1 : 0));
    if (!task)
    {
        SetLastError(WSAENOBUFS);
        return NULL;
    }
    task->kind = kind;
    task->hwnd = hwnd;
    task->msg = msg;
    task->buf = buf;
    task->buflen = buflen > 0 ? buflen : 0;
    task->number = number;
    if ((name && name_len < 0) || (proto && proto_len < 0)) task->error = WSAEFAULT;
    /* getprotobyname and getservbyname refuse a NULL name with WSAEFAULT */
    if (!name && (kind == ASYNC_PROTO_BY_NAME || kind == ASYNC_SERV_BY_NAME)) task->error = WSAEFAULT;
    strings = (char *)(task + 1);
    /* terminated here, in case another thread is changing the string */
    if (name_len >= 0)
    {
        task->name = memcpy(strings, name, name_len);
        task->name[name_len] = 0;
        strings += name_len + 1;
    }
    if (proto_len >= 0)
    {
        task->proto = memcpy(strings, proto, proto_len);
        task->proto[proto_len] = 0;
    }
    return task;
}

/* Queues the task and returns its handle; NULL with the error set when it
 * cannot be queued (the task is freed). */
static HANDLE submit(struct async_task *task)
{
    ULONG handle;

    AcquireSRWLockExclusive(&async_lock);
    if (!++last_handle)
    {
        handles_wrapped = TRUE;
        last_handle = 1;
    }
    task->handle = handle = last_handle;
    *queue_tail = task;
    queue_tail = &task->next;
    if (!worker_active)
    {
        /* no worker: the queue held nothing before this task */
        if (!(worker_active = start_worker()))
        {
            queue_head = NULL;
            queue_tail = &queue_head;
            handle = 0;
        }
    }
    ReleaseSRWLockExclusive(&async_lock);

    if (!handle)
    {
        heap_free(task);
        SetLastError(WSAEWOULDBLOCK);   /* "cannot be scheduled at this time" */
        return NULL;
    }
    TRACE("task %lu queued\n", handle);
    return (HANDLE)(ULONG_PTR)handle;
}

static HANDLE start_request(enum async_kind kind, HWND hwnd, UINT msg, const char *name, const char *proto,
                            int number, char *buf, int buflen)
{
    struct async_task *task = new_task(kind, hwnd, msg, name, proto, number, buf, buflen);

    return task ? submit(task) : NULL;
}

/* ---- exports ---- */

HANDLE WINAPI WSAAsyncGetProtoByName(HWND hwnd, UINT msg, const char *name, char *buf, int buflen)
{
    TRACE("%p %#x %p %p %d\n", hwnd, msg, name, buf, buflen);
    return start_request(ASYNC_PROTO_BY_NAME, hwnd, msg, name, NULL, 0, buf, buflen);
}

HANDLE WINAPI WSAAsyncGetProtoByNumber(HWND hwnd, UINT msg, int number, char *buf, int buflen)
{
    TRACE("%p %#x %d %p %d\n", hwnd, msg, number, buf, buflen);
    return start_request(ASYNC_PROTO_BY_NUMBER, hwnd, msg, NULL, NULL, number, buf, buflen);
}

HANDLE WINAPI WSAAsyncGetServByName(HWND hwnd, UINT msg, const char *name, const char *proto, char *buf, int buflen)
{
    TRACE("%p %#x %p %p %p %d\n", hwnd, msg, name, proto, buf, buflen);
    return start_request(ASYNC_SERV_BY_NAME, hwnd, msg, name, proto, 0, buf, buflen);
}

HANDLE WINAPI WSAAsyncGetServByPort(HWND hwnd, UINT msg, int port, const char *proto, char *buf, int buflen)
{
    TRACE("%p %#x %d %p %p %d\n", hwnd, msg, port, proto, buf, buflen);
    return start_request(ASYNC_SERV_BY_PORT, hwnd, msg, NULL, proto, port, buf, buflen);
}

HANDLE WINAPI WSAAsyncGetHostByName(HWND hwnd, UINT msg, const char *name, char *buf, int buflen)
{
    struct async_task *task;
    struct ws2_addr addr;

    TRACE("%p %#x %p %p %d\n", hwnd, msg, name, buf, buflen);
    if (!(task = new_task(ASYNC_HOST_BY_NAME, hwnd, msg, name, NULL, 0, buf, buflen))) return NULL;
    /* As gethostbyname: only IPv4, so IPv6 address text names no host.
     * A NULL name, like "", is the local host. */
    if (!task->error && task->name && ws2_parse_numeric_host(task->name, FALSE, &addr) && addr.family == AF_INET6)
        task->error = WSANO_DATA;
    return submit(task);
}

/* The address is checked as gethostbyaddr checks it; a bad one is
 * reported in the reply. */
static DWORD copy_host_address(struct ws2_addr *out, const char *addr, int len, int type)
{
    if (type != AF_INET && type != AF_INET6) return WSAEAFNOSUPPORT;
    if (type == AF_INET6 && len != 16) return WSAEINVAL;
    if (type == AF_INET && len < 4) return WSAEFAULT;
    if (!addr || !ws2_readable(addr, type == AF_INET ? 4 : 16)) return WSAEFAULT;
    out->family = (USHORT)type;
    memcpy(out->bytes, addr, type == AF_INET ? 4 : 16);
    return 0;
}

HANDLE WINAPI WSAAsyncGetHostByAddr(HWND hwnd, UINT msg, const char *addr, int len, int type, char *buf, int buflen)
{
    struct async_task *task;

    TRACE("%p %#x %p %d %d %p %d\n", hwnd, msg, addr, len, type, buf, buflen);
    if (!(task = new_task(ASYNC_HOST_BY_ADDR, hwnd, msg, NULL, NULL, 0, buf, buflen))) return NULL;
    task->error = copy_host_address(&task->addr, addr, len, type);
    return submit(task);
}

/* Unlinks the queued task with this handle; NULL if none is queued. */
static struct async_task *dequeue(ULONG_PTR handle)
{
    struct async_task **p, *task;

    for (p = &queue_head; (task = *p); p = &task->next)
    {
        if (task->handle != handle) continue;
        if (!(*p = task->next)) queue_tail = p;
        return task;
    }
    return NULL;
}

int WINAPI WSACancelAsyncRequest(HANDLE handle)
{
    ULONG_PTR value = (ULONG_PTR)handle;
    struct async_task *task;
    DWORD err = 0;

    TRACE("%p\n", handle);
    if ((err = ws2_enter_check())) return ws2_fail(err);

    AcquireSRWLockExclusive(&async_lock);
    if (!(task = dequeue(value)))
    {
        if (running && running->handle == value && !running->cancelled)
            running->cancelled = TRUE;  /* its worker drops the result */
        else if (value && (ULONG)value == value && (handles_wrapped || value <= last_handle))
            err = WSAEALREADY;          /* finished, or cancelled before */
        else
            err = WSAEINVAL;            /* never a task handle */
    }
    ReleaseSRWLockExclusive(&async_lock);

    heap_free(task);
    if (err) return ws2_fail(err);
    return 0;
}

void ws2_async_cancel_all(void)
{
    struct async_task *list, *next;

    AcquireSRWLockExclusive(&async_lock);
    list = queue_head;
    queue_head = NULL;
    queue_tail = &queue_head;
    if (running) running->cancelled = TRUE;
    ReleaseSRWLockExclusive(&async_lock);

    for (; list; list = next)
    {
        next = list->next;
        heap_free(list);
    }
}
