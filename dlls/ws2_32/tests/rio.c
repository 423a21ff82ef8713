/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Registered I/O: the function table from
 * WSAIoctl(SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER, WSAID_MULTIPLE_RIO)
 * and what its functions do over loopback.
 *
 * Windows facts, from Microsoft's documentation of each function:
 *  - RIORegisterBuffer: a zero length is WSAEINVAL, a bad pointer
 *    WSAEFAULT; RIODeregisterBuffer ignores an id that is not registered,
 *    and later calls naming a deregistered id fail;
 *  - RIOCreateCompletionQueue: a size of 0 or above RIO_MAX_CQ_SIZE is
 *    WSAEINVAL; an IOCP notification needs an OVERLAPPED; no notification
 *    at all means polling;
 *  - RIONotify returns its error: WSAEINVAL for a bad queue, WSAEALREADY
 *    while an earlier RIONotify has not fired; a queue already holding a
 *    completion fires at once; RIO_MSG_DONT_NOTIFY entries never fire it;
 *    NotifyReset makes RIONotify reset the event;
 *  - RIODequeueCompletion returns RIO_CORRUPT_CQ for a bad queue, 0 when
 *    nothing is there; a request keeps its place in its RQ until its
 *    completion is dequeued;
 *  - RIOCreateRequestQueue: both counts 0 or a bad CQ is WSAEINVAL, not a
 *    socket WSAENOTSOCK, no room in the CQ WSAENOBUFS; one data buffer
 *    per request (Windows 8);
 *  - RIOSend/RIOReceive: a full RQ is WSAENOBUFS, bad buffer ids,
 *    ranges, counts and flags WSAEINVAL; RIO_MSG_COMMIT_ONLY carries no
 *    data, context or other flag;
 *  - the resize functions: WSAEINVAL for bad arguments, WSAETOOMANYREFS
 *    when the queue would be smaller than what it must still hold.
 * Wine's builtin ws2_32 has no Registered I/O (Windows has it since 8):
 * there the table cannot be had and the rest is skipped.
 */
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>

#include "wine/test.h"
#include "loopback.h"
#include "rio.h"

#define PATTERN 0x6b            /* fill of receive areas */
#define WAIT_MS 5000            /* longest a completion may take */

static RIO_EXTENSION_FUNCTION_TABLE rio;

/* Our own request contexts, so every result can be told apart. */
#define CTX(n) ((void *)(ULONG_PTR)(0x7e110000 + (n)))
#define SOCK_CTX(n) ((void *)(ULONG_PTR)(0x50c40000 + (n)))

static SOCKET rio_socket(int family, int type)
{
    SOCKET s = WSASocketW(family, type, 0, NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_REGISTERED_IO);

    ok(s != INVALID_SOCKET, "WSASocket(%d, %d) failed: %d\n", family, type, WSAGetLastError());
    return s;
}

/* A connected TCP pair made of registered-I/O sockets. */
static void rio_tcp_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr = lb_addr4(0);
    int len = sizeof(addr);
    SOCKET l = rio_socket(AF_INET, SOCK_STREAM);

    ok(!bind(l, LB_ADDR(&addr), len), "bind failed: %d\n", WSAGetLastError());
    ok(!getsockname(l, LB_ADDR(&addr), &len), "getsockname failed: %d\n", WSAGetLastError());
    ok(!listen(l, 2), "listen failed: %d\n", WSAGetLastError());
    *client = rio_socket(AF_INET, SOCK_STREAM);
    ok(!connect(*client, LB_ADDR(&addr), len), "connect failed: %d\n", WSAGetLastError());
    *server = accept(l, NULL, NULL);
    ok(*server != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    closesocket(l);
}

/* Dequeue until want results are in (or time runs out); the count. */
static ULONG collect(RIO_CQ cq, RIORESULT *results, ULONG want)
{
    DWORD start = GetTickCount();
    ULONG got = 0, n;

    while (got < want && GetTickCount() - start < WAIT_MS)
    {
        n = rio.RIODequeueCompletion(cq, results + got, want - got);
        if (n == RIO_CORRUPT_CQ)
        {
            ok(FALSE, "RIODequeueCompletion failed: %d\n", WSAGetLastError());
            break;
        }
        got += n;
        if (got < want) Sleep(5);
    }
    return got;
}

static RIO_BUF rio_buf(RIO_BUFFERID id, ULONG offset, ULONG length)
{
    RIO_BUF b;

    b.BufferId = id;
    b.Offset = offset;
    b.Length = length;
    return b;
}

static void check_result(const RIORESULT *r, LONG status, ULONG bytes, void *sock_ctx, void *req_ctx)
{
    ok(r->Status == status, "Status %ld, expected %ld\n", r->Status, status);
    ok(r->BytesTransferred == bytes, "BytesTransferred %lu, expected %lu\n", r->BytesTransferred, bytes);
    ok(r->SocketContext == (ULONG_PTR)sock_ctx, "SocketContext %#lx\n", (ULONG)r->SocketContext);
    ok(r->RequestContext == (ULONG_PTR)req_ctx, "RequestContext %#lx\n", (ULONG)r->RequestContext);
}

/* ---- the table ---- */

static BOOL get_table(void)
{
    static const GUID rio_guid = WSAID_MULTIPLE_RIO;
    /* Some GUID nobody hands out. */
    static const GUID other = { 0x3d1ce5a7, 0x42b0, 0x4c19, { 0x8e, 0x07, 0x61, 0xa2, 0x9f, 0x14, 0xd3, 0x58 } };
    char small[sizeof(rio) - sizeof(void *)];
    SOCKET s = rio_socket(AF_INET, SOCK_STREAM);
    DWORD size = 0x5eed;
    void **fn;
    int ret, i;

    memset(&rio, 0, sizeof(rio));
    ret = WSAIoctl(s, SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER, (void *)&rio_guid, sizeof(rio_guid),
                   &rio, sizeof(rio), &size, NULL, NULL);
    if (ret)
    {
        /* Wine's builtin has no Registered I/O; Windows 8 and later do. */
        skip("no Registered I/O table (error %d)\n", WSAGetLastError());
        closesocket(s);
        return FALSE;
    }
    ok(size == sizeof(rio), "size %lu\n", size);
    ok(rio.cbSize == sizeof(rio), "cbSize %lu\n", rio.cbSize);
    /* Every one of the 13 functions is there. */
    for (i = 0, fn = (void **)&rio.RIOReceive; fn < (void **)(&rio + 1); fn++, i++)
        ok(*fn != NULL, "function %d is missing\n", i);
    ok(i == 13, "%d functions\n", i);

    /* The output must hold the whole table. */
    ret = WSAIoctl(s, SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER, (void *)&rio_guid, sizeof(rio_guid),
                   small, sizeof(small), &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short output: %d, %d\n", ret, WSAGetLastError());
    /* The input must hold a GUID. */
    ret = WSAIoctl(s, SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER, (void *)&rio_guid, sizeof(rio_guid) - 1,
                   &rio, sizeof(rio), &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "short input: %d, %d\n", ret, WSAGetLastError());
    /* A GUID that names no table. */
    ret = WSAIoctl(s, SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER, (void *)&other, sizeof(other),
                   &rio, sizeof(rio), &size, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "other GUID: %d, %d\n", ret, WSAGetLastError());
    ok(rio.RIOSend != NULL, "the table was overwritten\n");
    closesocket(s);
    return TRUE;
}

/* ---- buffers ---- */

static void test_buffers(void)
{
    static char area[96];
    RIO_BUFFERID a, b;
    char *locked = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_NOACCESS);

    a = rio.RIORegisterBuffer(area, sizeof(area));
    ok(a != RIO_INVALID_BUFFERID, "register failed: %d\n", WSAGetLastError());
    b = rio.RIORegisterBuffer(area + 10, 20);
    ok(b != RIO_INVALID_BUFFERID && b != a, "second register: %p %p\n", a, b);

    /* A zero length is WSAEINVAL, memory that is not there WSAEFAULT. */
    WSASetLastError(0x4141);
    ok(rio.RIORegisterBuffer(area, 0) == RIO_INVALID_BUFFERID, "zero length registered\n");
    ok(WSAGetLastError() == WSAEINVAL, "zero length: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIORegisterBuffer(locked, 64) == RIO_INVALID_BUFFERID, "no-access page registered\n");
    ok(WSAGetLastError() == WSAEFAULT, "no-access page: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIORegisterBuffer(NULL, 64) == RIO_INVALID_BUFFERID, "NULL registered\n");
    ok(WSAGetLastError() == WSAEFAULT, "NULL: %d\n", WSAGetLastError());

    /* Deregistering ignores what is not registered. */
    rio.RIODeregisterBuffer(a);
    rio.RIODeregisterBuffer(a);
    rio.RIODeregisterBuffer(RIO_INVALID_BUFFERID);
    rio.RIODeregisterBuffer(b);
    VirtualFree(locked, 0, MEM_RELEASE);
}

/* ---- completion queues ---- */

static void test_cq_arguments(void)
{
    RIO_NOTIFICATION_COMPLETION n;
    RIORESULT r[2];
    OVERLAPPED ov;
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    RIO_CQ cq;

    /* Size 1 .. RIO_MAX_CQ_SIZE. */
    WSASetLastError(0x4141);
    ok(rio.RIOCreateCompletionQueue(0, NULL) == RIO_INVALID_CQ, "size 0 accepted\n");
    ok(WSAGetLastError() == WSAEINVAL, "size 0: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIOCreateCompletionQueue(RIO_MAX_CQ_SIZE + 1, NULL) == RIO_INVALID_CQ, "oversized accepted\n");
    ok(WSAGetLastError() == WSAEINVAL, "oversized: %d\n", WSAGetLastError());

    /* A notification of no known type, and a port without an OVERLAPPED. */
    memset(&n, 0, sizeof(n));
    n.Type = 7;
    WSASetLastError(0x4141);
    ok(rio.RIOCreateCompletionQueue(4, &n) == RIO_INVALID_CQ, "type 7 accepted\n");
    ok(WSAGetLastError() == WSAEINVAL, "type 7: %d\n", WSAGetLastError());
    n.Type = RIO_IOCP_COMPLETION;
    n.Iocp.IocpHandle = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    n.Iocp.CompletionKey = (void *)0x33;
    n.Iocp.Overlapped = NULL;
    WSASetLastError(0x4141);
    ok(rio.RIOCreateCompletionQueue(4, &n) == RIO_INVALID_CQ, "port without OVERLAPPED accepted\n");
    ok(WSAGetLastError() == WSAEINVAL, "port without OVERLAPPED: %d\n", WSAGetLastError());
    n.Iocp.Overlapped = &ov;
    cq = rio.RIOCreateCompletionQueue(4, &n);
    ok(cq != RIO_INVALID_CQ, "port queue failed: %d\n", WSAGetLastError());
    rio.RIOCloseCompletionQueue(cq);
    CloseHandle(n.Iocp.IocpHandle);

    /* A polled queue: empty, and RIONotify has nothing to arm. */
    cq = rio.RIOCreateCompletionQueue(RIO_MAX_CQ_SIZE / 4096, NULL);
    ok(cq != RIO_INVALID_CQ, "polled queue failed: %d\n", WSAGetLastError());
    ok(rio.RIODequeueCompletion(cq, r, ARRAY_SIZE(r)) == 0, "an empty queue gave results\n");
    ok(rio.RIONotify(cq) == WSAEINVAL, "RIONotify on a polled queue\n");
    rio.RIOCloseCompletionQueue(cq);

    /* Queues that are not there. */
    ok(rio.RIONotify(RIO_INVALID_CQ) == WSAEINVAL, "RIONotify(RIO_INVALID_CQ)\n");
    ok(rio.RIODequeueCompletion(RIO_INVALID_CQ, r, 1) == RIO_CORRUPT_CQ, "dequeue from RIO_INVALID_CQ\n");
    ok(rio.RIODequeueCompletion(cq, r, 1) == RIO_CORRUPT_CQ, "dequeue from a closed queue\n");

    /* An event queue: RIONotify arms once. */
    n.Type = RIO_EVENT_COMPLETION;
    n.Event.EventHandle = event;
    n.Event.NotifyReset = FALSE;
    cq = rio.RIOCreateCompletionQueue(2, &n);
    ok(cq != RIO_INVALID_CQ, "event queue failed: %d\n", WSAGetLastError());
    ok(rio.RIONotify(cq) == 0, "first RIONotify failed\n");
    ok(rio.RIONotify(cq) == WSAEALREADY, "second RIONotify while armed\n");
    ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "an empty queue set the event\n");
    rio.RIOCloseCompletionQueue(cq);
    CloseHandle(event);
}

/* NotifyReset: RIONotify resets the event before it waits. */
static void test_notify_reset(void)
{
    RIO_NOTIFICATION_COMPLETION n;
    HANDLE event = CreateEventW(NULL, TRUE, TRUE, NULL);
    RIO_CQ cq;

    n.Type = RIO_EVENT_COMPLETION;
    n.Event.EventHandle = event;
    n.Event.NotifyReset = TRUE;
    cq = rio.RIOCreateCompletionQueue(3, &n);
    ok(cq != RIO_INVALID_CQ, "queue failed: %d\n", WSAGetLastError());
    ok(rio.RIONotify(cq) == 0, "RIONotify failed\n");
    ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "the event was left set\n");
    rio.RIOCloseCompletionQueue(cq);
    CloseHandle(event);
}

/* ---- request queues ---- */

static void test_rq_arguments(void)
{
    SOCKET s = rio_socket(AF_INET, SOCK_STREAM), t = rio_socket(AF_INET, SOCK_DGRAM);
    RIO_CQ small, big;
    RIO_RQ rq, rq2;

    small = rio.RIOCreateCompletionQueue(3, NULL);
    big = rio.RIOCreateCompletionQueue(40, NULL);

    WSASetLastError(0x4141);
    ok(rio.RIOCreateRequestQueue((SOCKET)0xfff0, 1, 1, 1, 1, big, big, NULL) == RIO_INVALID_RQ, "not a socket\n");
    ok(WSAGetLastError() == WSAENOTSOCK, "not a socket: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIOCreateRequestQueue(s, 0, 1, 0, 1, big, big, NULL) == RIO_INVALID_RQ, "no requests at all\n");
    ok(WSAGetLastError() == WSAEINVAL, "no requests: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIOCreateRequestQueue(s, 1, 1, 1, 1, RIO_INVALID_CQ, big, NULL) == RIO_INVALID_RQ, "no receive CQ\n");
    ok(WSAGetLastError() == WSAEINVAL, "no receive CQ: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIOCreateRequestQueue(s, 1, 1, 1, 1, big, RIO_INVALID_CQ, NULL) == RIO_INVALID_RQ, "no send CQ\n");
    ok(WSAGetLastError() == WSAEINVAL, "no send CQ: %d\n", WSAGetLastError());
    /* Windows 8's limit: one data buffer per request. */
    WSASetLastError(0x4141);
    ok(rio.RIOCreateRequestQueue(s, 1, 3, 1, 1, big, big, NULL) == RIO_INVALID_RQ, "3 receive buffers\n");
    ok(WSAGetLastError() == WSAEINVAL, "3 receive buffers: %d\n", WSAGetLastError());

    /* 2 receives + 2 sends do not fit a queue of 3 ... */
    WSASetLastError(0x4141);
    ok(rio.RIOCreateRequestQueue(s, 2, 1, 2, 1, small, small, NULL) == RIO_INVALID_RQ, "overbooked CQ\n");
    ok(WSAGetLastError() == WSAENOBUFS, "overbooked CQ: %d\n", WSAGetLastError());
    /* ... 2 + 1 do, and then nothing more does. */
    rq = rio.RIOCreateRequestQueue(s, 2, 1, 1, 1, small, small, SOCK_CTX(1));
    ok(rq != RIO_INVALID_RQ, "2 + 1 in 3 failed: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIOCreateRequestQueue(t, 1, 1, 0, 0, small, big, NULL) == RIO_INVALID_RQ, "a full CQ took more\n");
    ok(WSAGetLastError() == WSAENOBUFS, "full CQ: %d\n", WSAGetLastError());
    /* A send-only queue needs no receive buffers. */
    rq2 = rio.RIOCreateRequestQueue(t, 0, 0, 5, 1, small, big, SOCK_CTX(2));
    ok(rq2 != RIO_INVALID_RQ, "send-only queue failed: %d\n", WSAGetLastError());

    rio.RIOCloseCompletionQueue(small);
    rio.RIOCloseCompletionQueue(big);
    closesocket(s);
    closesocket(t);
}

/* ---- TCP echo ---- */

struct echo
{
    SOCKET client, server;
    char area[256];
    RIO_BUFFERID id;
    RIO_CQ cq;
    RIO_RQ rq;
};

static BOOL echo_setup(struct echo *e, RIO_NOTIFICATION_COMPLETION *n, ULONG size)
{
    rio_tcp_pair(&e->client, &e->server);
    memset(e->area, PATTERN, sizeof(e->area));
    e->id = rio.RIORegisterBuffer(e->area, sizeof(e->area));
    ok(e->id != RIO_INVALID_BUFFERID, "register failed: %d\n", WSAGetLastError());
    e->cq = rio.RIOCreateCompletionQueue(size, n);
    ok(e->cq != RIO_INVALID_CQ, "CQ failed: %d\n", WSAGetLastError());
    e->rq = rio.RIOCreateRequestQueue(e->server, size / 2, 1, size / 2, 1, e->cq, e->cq, SOCK_CTX(9));
    ok(e->rq != RIO_INVALID_RQ, "RQ failed: %d\n", WSAGetLastError());
    return e->rq != RIO_INVALID_RQ;
}

static void echo_done(struct echo *e)
{
    rio.RIOCloseCompletionQueue(e->cq);
    rio.RIODeregisterBuffer(e->id);
    closesocket(e->client);
    closesocket(e->server);
}

/* The client's bytes come back through a receive and a send of ours. */
static void test_tcp_event(void)
{
    static const char hello[] = "registered hello";
    RIO_NOTIFICATION_COMPLETION n;
    RIORESULT r[3];
    RIO_BUF buf;
    struct echo e;
    char back[64];
    int got;

    n.Type = RIO_EVENT_COMPLETION;
    n.Event.EventHandle = CreateEventW(NULL, TRUE, FALSE, NULL);
    n.Event.NotifyReset = FALSE;
    if (!echo_setup(&e, &n, 8)) return;

    /* Nothing yet: armed, the event stays clear. */
    buf = rio_buf(e.id, 40, 100);
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(1)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(rio.RIONotify(e.cq) == 0, "RIONotify failed\n");
    ok(WaitForSingleObject(n.Event.EventHandle, 100) == WAIT_TIMEOUT, "event set with nothing done\n");

    ok(send(e.client, hello, sizeof(hello), 0) == sizeof(hello), "send failed\n");
    ok(WaitForSingleObject(n.Event.EventHandle, WAIT_MS) == WAIT_OBJECT_0, "no event for the receive\n");
    ok(rio.RIODequeueCompletion(e.cq, r, ARRAY_SIZE(r)) == 1, "not one result\n");
    check_result(&r[0], 0, sizeof(hello), SOCK_CTX(9), CTX(1));
    ok(!memcmp(e.area + 40, hello, sizeof(hello)), "received bytes differ\n");
    ok((unsigned char)e.area[39] == PATTERN && (unsigned char)e.area[40 + sizeof(hello)] == PATTERN,
       "bytes outside the range were written\n");

    /* Send the same range back. */
    ResetEvent(n.Event.EventHandle);
    buf.Length = sizeof(hello);
    ok(rio.RIOSend(e.rq, &buf, 1, 0, CTX(2)), "RIOSend failed: %d\n", WSAGetLastError());
    ok(rio.RIONotify(e.cq) == 0, "RIONotify failed\n");
    ok(WaitForSingleObject(n.Event.EventHandle, WAIT_MS) == WAIT_OBJECT_0, "no event for the send\n");
    ok(rio.RIODequeueCompletion(e.cq, r, ARRAY_SIZE(r)) == 1, "not one result\n");
    check_result(&r[0], 0, sizeof(hello), SOCK_CTX(9), CTX(2));
    got = recv(e.client, back, sizeof(back), 0);
    ok(got == sizeof(hello) && !memcmp(back, hello, sizeof(hello)), "echo: %d bytes\n", got);

    /* A queue that holds a completion fires as soon as it is armed. */
    ResetEvent(n.Event.EventHandle);
    ok(send(e.client, "xy", 2, 0) == 2, "send failed\n");
    buf = rio_buf(e.id, 0, 16);
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(3)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(collect(e.cq, r, 1) == 1, "no result\n");
    check_result(&r[0], 0, 2, SOCK_CTX(9), CTX(3));

    /* RIO_MSG_DONT_NOTIFY completions never fire the notification. */
    ResetEvent(n.Event.EventHandle);
    ok(rio.RIOReceive(e.rq, &buf, 1, RIO_MSG_DONT_NOTIFY, CTX(4)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(rio.RIONotify(e.cq) == 0, "RIONotify failed\n");
    ok(send(e.client, "q", 1, 0) == 1, "send failed\n");
    ok(WaitForSingleObject(n.Event.EventHandle, 300) == WAIT_TIMEOUT, "a DONT_NOTIFY completion fired\n");
    ok(collect(e.cq, r, 1) == 1, "no result\n");
    check_result(&r[0], 0, 1, SOCK_CTX(9), CTX(4));
    ok(e.area[0] == 'q', "got %#x\n", e.area[0]);
    /* Still armed: the next ordinary completion fires it. */
    ok(rio.RIONotify(e.cq) == WSAEALREADY, "notification was not pending any more\n");
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(5)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(send(e.client, "zz", 2, 0) == 2, "send failed\n");
    ok(WaitForSingleObject(n.Event.EventHandle, WAIT_MS) == WAIT_OBJECT_0, "no event\n");
    ok(collect(e.cq, r, 1) == 1, "no result\n");
    check_result(&r[0], 0, 2, SOCK_CTX(9), CTX(5));

    echo_done(&e);
    CloseHandle(n.Event.EventHandle);
}

/* A completion port gets one packet per RIONotify. */
static void test_tcp_port(void)
{
    RIO_NOTIFICATION_COMPLETION n;
    OVERLAPPED ov, *got_ov;
    ULONG_PTR key;
    DWORD bytes;
    RIORESULT r[4];
    RIO_BUF b1, b2;
    struct echo e;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);

    memset(&ov, 0, sizeof(ov));
    n.Type = RIO_IOCP_COMPLETION;
    n.Iocp.IocpHandle = port;
    n.Iocp.CompletionKey = (void *)0x6a1;
    n.Iocp.Overlapped = &ov;
    if (!echo_setup(&e, &n, 6)) return;

    b1 = rio_buf(e.id, 0, 4);
    b2 = rio_buf(e.id, 128, 64);
    ok(rio.RIOReceive(e.rq, &b1, 1, 0, CTX(11)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(rio.RIOReceive(e.rq, &b2, 1, 0, CTX(12)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(rio.RIONotify(e.cq) == 0, "RIONotify failed\n");
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 50), "a packet with nothing done\n");

    ok(send(e.client, "abcdefgh", 8, 0) == 8, "send failed\n");
    got_ov = NULL;
    ok(GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, WAIT_MS), "no packet: %lu\n", GetLastError());
    ok(key == 0x6a1 && got_ov == &ov, "packet key %#lx overlapped %p\n", (ULONG)key, got_ov);
    /* The stream fills the first receive, then the second. */
    ok(collect(e.cq, r, 2) == 2, "not two results\n");
    check_result(&r[0], 0, 4, SOCK_CTX(9), CTX(11));
    check_result(&r[1], 0, 4, SOCK_CTX(9), CTX(12));
    ok(!memcmp(e.area, "abcd", 4) && !memcmp(e.area + 128, "efgh", 4), "data landed wrong\n");
    /* One packet only, however many completions came. */
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 200), "a second packet\n");

    /* A completion that came while nothing was armed: RIONotify posts at once. */
    ok(rio.RIOReceive(e.rq, &b1, 1, 0, CTX(13)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(send(e.client, "ij", 2, 0) == 2, "send failed\n");
    Sleep(100);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 0), "a packet without RIONotify\n");
    ok(rio.RIONotify(e.cq) == 0, "RIONotify failed\n");
    got_ov = NULL;
    ok(GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, WAIT_MS) && got_ov == &ov, "no packet at once\n");
    ok(collect(e.cq, r, 1) == 1, "no result\n");
    check_result(&r[0], 0, 2, SOCK_CTX(9), CTX(13));

    echo_done(&e);
    CloseHandle(port);
}

/* RIO_MSG_WAITALL: one receive gathers bytes sent apart. */
static void test_waitall(void)
{
    RIORESULT r[2];
    RIO_BUF buf;
    struct echo e;

    if (!echo_setup(&e, NULL, 4)) return;
    buf = rio_buf(e.id, 200, 9);
    ok(rio.RIOReceive(e.rq, &buf, 1, RIO_MSG_WAITALL, CTX(21)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(send(e.client, "1234", 4, 0) == 4, "send failed\n");
    Sleep(100);
    ok(rio.RIODequeueCompletion(e.cq, r, 2) == 0, "completed with part of the bytes\n");
    ok(send(e.client, "56789", 5, 0) == 5, "send failed\n");
    ok(collect(e.cq, r, 1) == 1, "no result\n");
    check_result(&r[0], 0, 9, SOCK_CTX(9), CTX(21));
    ok(!memcmp(e.area + 200, "123456789", 9), "data differ\n");
    echo_done(&e);
}

/* Deferred sends go out with the commit. */
static void test_defer(void)
{
    RIORESULT r[4];
    RIO_BUF b1, b2;
    struct echo e;
    char back[16];
    int got = 0, ret;

    if (!echo_setup(&e, NULL, 8)) return;
    memcpy(e.area, "first-", 6);
    memcpy(e.area + 64, "second", 6);
    b1 = rio_buf(e.id, 0, 6);
    b2 = rio_buf(e.id, 64, 6);
    ok(rio.RIOSend(e.rq, &b1, 1, RIO_MSG_DEFER, CTX(31)), "deferred send failed: %d\n", WSAGetLastError());
    ok(rio.RIOSend(e.rq, &b2, 1, RIO_MSG_DEFER, CTX(32)), "deferred send failed: %d\n", WSAGetLastError());
    ok(rio.RIOSend(e.rq, NULL, 0, RIO_MSG_COMMIT_ONLY, NULL), "commit failed: %d\n", WSAGetLastError());
    ok(collect(e.cq, r, 2) == 2, "not two results\n");
    check_result(&r[0], 0, 6, SOCK_CTX(9), CTX(31));
    check_result(&r[1], 0, 6, SOCK_CTX(9), CTX(32));
    while (got < 12 && (ret = recv(e.client, back + got, sizeof(back) - got, 0)) > 0) got += ret;
    ok(got == 12 && !memcmp(back, "first-second", 12), "received %d bytes\n", got);
    echo_done(&e);
}

/* An ordinary overlapped receive on a socket with an RQ still ends
 * through its own event, and puts nothing in the RQ's CQ. */
static void test_mixed_overlapped(void)
{
    WSAOVERLAPPED ov;
    RIORESULT r[2];
    RIO_BUF buf;
    struct echo e;
    WSABUF wsabuf;
    DWORD got = 0, flags = 0;
    char plain[12];
    int ret;

    if (!echo_setup(&e, NULL, 4)) return;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    wsabuf.buf = plain;
    wsabuf.len = sizeof(plain);
    ret = WSARecv(e.server, &wsabuf, 1, NULL, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecv: %d, %d\n", ret, WSAGetLastError());
    ok(send(e.client, "plain", 5, 0) == 5, "send failed\n");
    ok(WaitForSingleObject(ov.hEvent, WAIT_MS) == WAIT_OBJECT_0, "the receive's event was not set\n");
    ok(WSAGetOverlappedResult(e.server, &ov, &got, FALSE, &flags) && got == 5, "received %lu\n", got);
    ok(!memcmp(plain, "plain", 5), "data differ\n");
    Sleep(50);
    ok(rio.RIODequeueCompletion(e.cq, r, 2) == 0, "the overlapped receive reached the CQ\n");
    /* RIO requests on the same socket go on working. */
    buf = rio_buf(e.id, 0, 8);
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(99)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(send(e.client, "rio", 3, 0) == 3, "send failed\n");
    ok(collect(e.cq, r, 1) == 1, "no result\n");
    check_result(&r[0], 0, 3, SOCK_CTX(9), CTX(99));
    WSACloseEvent(ov.hEvent);
    echo_done(&e);
}

/* ---- queue capacity ---- */

static void test_queue_full(void)
{
    RIORESULT r[4];
    RIO_BUF buf;
    struct echo e;

    if (!echo_setup(&e, NULL, 4)) return;   /* 2 receives, 2 sends */
    buf = rio_buf(e.id, 0, 8);
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(41)), "receive 1 failed: %d\n", WSAGetLastError());
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(42)), "receive 2 failed: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, &buf, 1, 0, CTX(43)), "a third receive was taken\n");
    ok(WSAGetLastError() == WSAENOBUFS, "third receive: %d\n", WSAGetLastError());

    /* Complete one: its place comes back only once it is dequeued. */
    ok(send(e.client, "k", 1, 0) == 1, "send failed\n");
    Sleep(100);
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, &buf, 1, 0, CTX(44)), "a completed, undequeued receive freed its place\n");
    ok(WSAGetLastError() == WSAENOBUFS, "receive before dequeue: %d\n", WSAGetLastError());
    ok(collect(e.cq, r, 1) == 1, "no result\n");
    check_result(&r[0], 0, 1, SOCK_CTX(9), CTX(41));
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(45)), "receive after dequeue failed: %d\n", WSAGetLastError());

    /* Sends count apart from receives. */
    ok(rio.RIOSend(e.rq, &buf, 1, 0, CTX(46)), "send 1 failed: %d\n", WSAGetLastError());
    ok(rio.RIOSend(e.rq, &buf, 1, 0, CTX(47)), "send 2 failed: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(e.rq, &buf, 1, 0, CTX(48)), "a third send was taken\n");
    ok(WSAGetLastError() == WSAENOBUFS, "third send: %d\n", WSAGetLastError());
    ok(collect(e.cq, r, 2) == 2, "sends did not complete\n");
    echo_done(&e);
}

/* ---- bad arguments to sends and receives ---- */

static void test_bad_requests(void)
{
    RIO_BUFFERID gone;
    RIO_BUF buf, two[2];
    struct echo e;
    char other[32];
    char *locked = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_NOACCESS);

    if (!echo_setup(&e, NULL, 6)) return;
    gone = rio.RIORegisterBuffer(other, sizeof(other));
    rio.RIODeregisterBuffer(gone);

    /* Ranges must lie inside the registration (256 bytes). */
    buf = rio_buf(e.id, 257, 0);
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, &buf, 1, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "offset past the end: %d\n", WSAGetLastError());
    buf = rio_buf(e.id, 250, 7);
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(e.rq, &buf, 1, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "range past the end: %d\n", WSAGetLastError());
    buf = rio_buf(e.id, 8, 0xfffffffc);
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, &buf, 1, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "wrapping range: %d\n", WSAGetLastError());
    /* Ids that are not registered. */
    buf = rio_buf(gone, 0, 4);
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(e.rq, &buf, 1, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "deregistered id: %d\n", WSAGetLastError());
    buf = rio_buf(RIO_INVALID_BUFFERID, 0, 4);
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, &buf, 1, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "RIO_INVALID_BUFFERID: %d\n", WSAGetLastError());
    /* One buffer per request, and a stream receive needs it. */
    two[0] = two[1] = rio_buf(e.id, 0, 4);
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, two, 2, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "two buffers: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, NULL, 0, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "no buffer: %d\n", WSAGetLastError());
    /* The descriptor itself in memory that is not there. */
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(e.rq, (RIO_BUF *)locked, 1, 0, NULL) && WSAGetLastError() == WSAEFAULT,
       "unreadable RIO_BUF: %d\n", WSAGetLastError());
    /* Flags: an unknown one; WAITALL is for receives; COMMIT_ONLY alone. */
    buf = rio_buf(e.id, 0, 4);
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, &buf, 1, 0x40, NULL) && WSAGetLastError() == WSAEINVAL,
       "unknown flag: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(e.rq, &buf, 1, RIO_MSG_WAITALL, NULL) && WSAGetLastError() == WSAEINVAL,
       "WAITALL on a send: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(e.rq, &buf, 1, RIO_MSG_COMMIT_ONLY, NULL) && WSAGetLastError() == WSAEINVAL,
       "commit with data: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, NULL, 0, RIO_MSG_COMMIT_ONLY | RIO_MSG_DEFER, NULL) && WSAGetLastError() == WSAEINVAL,
       "commit with DEFER: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(e.rq, NULL, 0, RIO_MSG_COMMIT_ONLY, CTX(50)) && WSAGetLastError() == WSAEINVAL,
       "commit with a context: %d\n", WSAGetLastError());
    ok(rio.RIOReceive(e.rq, NULL, 0, RIO_MSG_COMMIT_ONLY, NULL), "bare commit failed: %d\n", WSAGetLastError());
    /* A queue that is not there. */
    WSASetLastError(0x4141);
    ok(!rio.RIOSend(RIO_INVALID_RQ, &buf, 1, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "RIO_INVALID_RQ: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOSend((RIO_RQ)&buf, &buf, 1, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "a stack address as the queue: %d\n", WSAGetLastError());

    echo_done(&e);
    VirtualFree(locked, 0, MEM_RELEASE);
}

/* ---- resizing ---- */

static void test_resize(void)
{
    RIORESULT r[8];
    RIO_BUF buf;
    struct echo e;
    int i;

    if (!echo_setup(&e, NULL, 4)) return;   /* 2 + 2 reserved of 4 */
    buf = rio_buf(e.id, 0, 1);

    /* The CQ: never below what its RQs reserved, never 0. */
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeCompletionQueue(e.cq, 0) && WSAGetLastError() == WSAEINVAL, "size 0: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeCompletionQueue(e.cq, RIO_MAX_CQ_SIZE + 1) && WSAGetLastError() == WSAEINVAL,
       "oversized: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeCompletionQueue(RIO_INVALID_CQ, 9) && WSAGetLastError() == WSAEINVAL,
       "RIO_INVALID_CQ: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeCompletionQueue(e.cq, 3) && WSAGetLastError() == WSAETOOMANYREFS,
       "below the reservations: %d\n", WSAGetLastError());

    /* The RQ: no larger than its CQ has room for. */
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeRequestQueue(e.rq, 0, 0) && WSAGetLastError() == WSAEINVAL, "0 and 0: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeRequestQueue(RIO_INVALID_RQ, 1, 1) && WSAGetLastError() == WSAEINVAL,
       "RIO_INVALID_RQ: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeRequestQueue(e.rq, 5, 2) && WSAGetLastError() == WSAENOBUFS,
       "more than the CQ holds: %d\n", WSAGetLastError());

    /* Grow the CQ with completions in it; they stay, in order. */
    for (i = 0; i < 2; i++)
        ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(60 + i)), "receive %d failed: %d\n", i, WSAGetLastError());
    ok(send(e.client, "m", 1, 0) == 1, "send failed\n");
    Sleep(100);
    ok(send(e.client, "n", 1, 0) == 1, "send failed\n");
    Sleep(100);
    ok(rio.RIOResizeCompletionQueue(e.cq, 10), "growing the CQ failed: %d\n", WSAGetLastError());
    /* Then the RQ: 6 receives now fit. */
    ok(rio.RIOResizeRequestQueue(e.rq, 6, 2), "growing the RQ failed: %d\n", WSAGetLastError());
    for (i = 0; i < 4; i++)
        ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(70 + i)), "receive %d failed: %d\n", i, WSAGetLastError());
    WSASetLastError(0x4141);
    ok(!rio.RIOReceive(e.rq, &buf, 1, 0, NULL) && WSAGetLastError() == WSAENOBUFS,
       "a seventh receive: %d\n", WSAGetLastError());
    /* Not below what is outstanding. */
    WSASetLastError(0x4141);
    ok(!rio.RIOResizeRequestQueue(e.rq, 3, 2) && WSAGetLastError() == WSAETOOMANYREFS,
       "below the outstanding receives: %d\n", WSAGetLastError());
    ok(collect(e.cq, r, 2) == 2, "results lost in the resize\n");
    check_result(&r[0], 0, 1, SOCK_CTX(9), CTX(60));
    check_result(&r[1], 0, 1, SOCK_CTX(9), CTX(61));
    echo_done(&e);
}

/* ---- closing a socket with receives pending ---- */

static void test_close_pending(void)
{
    RIORESULT r[4];
    int first;
    RIO_BUF buf;
    struct echo e;

    if (!echo_setup(&e, NULL, 4)) return;
    buf = rio_buf(e.id, 0, 32);
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(81)), "receive failed: %d\n", WSAGetLastError());
    ok(rio.RIOReceive(e.rq, &buf, 1, 0, CTX(82)), "receive failed: %d\n", WSAGetLastError());
    Sleep(50);
    closesocket(e.server);
    e.server = INVALID_SOCKET;
    ok(collect(e.cq, r, 2) == 2, "closing did not end the receives\n");
    /* Both end aborted, in whichever order. */
    first = r[0].RequestContext == (ULONG_PTR)CTX(81) ? 0 : 1;
    check_result(&r[first], WSA_OPERATION_ABORTED, 0, SOCK_CTX(9), CTX(81));
    check_result(&r[!first], WSA_OPERATION_ABORTED, 0, SOCK_CTX(9), CTX(82));
    echo_done(&e);
}

/* ---- UDP with addresses ---- */

static void test_udp(int family)
{
    struct
    {
        SOCKADDR_INET to, from;     /* send destination, receive source */
        DWORD flags;
        char payload[64], inbox[64];
    } mem;
    SOCKADDR_STORAGE a_addr, b_addr;
    int a_len, b_len;
    SOCKET a = rio_socket(family, SOCK_DGRAM), b = rio_socket(family, SOCK_DGRAM);
    SOCKADDR_INET any;
    int any_len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    RIO_BUF data, in, to, from, flags;
    RIORESULT r[4];
    RIO_BUFFERID id;
    RIO_CQ cq;
    RIO_RQ qa, qb;

    memset(&any, 0, sizeof(any));
    if (family == AF_INET) any.Ipv4 = lb_addr4(0);
    else any.Ipv6 = lb_addr6(0);
    ok(!bind(a, LB_ADDR(&any), any_len), "bind failed: %d\n", WSAGetLastError());
    ok(!bind(b, LB_ADDR(&any), any_len), "bind failed: %d\n", WSAGetLastError());
    a_len = sizeof(a_addr);
    b_len = sizeof(b_addr);
    getsockname(a, LB_ADDR(&a_addr), &a_len);
    getsockname(b, LB_ADDR(&b_addr), &b_len);

    memset(&mem, PATTERN, sizeof(mem));
    memset(&mem.to, 0, sizeof(mem.to));
    memcpy(&mem.to, &b_addr, b_len);
    memcpy(mem.payload, "datagram by RIOSendEx", 21);
    id = rio.RIORegisterBuffer((char *)&mem, sizeof(mem));
    cq = rio.RIOCreateCompletionQueue(8, NULL);
    qa = rio.RIOCreateRequestQueue(a, 1, 1, 2, 1, cq, cq, SOCK_CTX(0xa));
    qb = rio.RIOCreateRequestQueue(b, 2, 1, 1, 1, cq, cq, SOCK_CTX(0xb));
    ok(qa != RIO_INVALID_RQ && qb != RIO_INVALID_RQ, "RQs failed: %d\n", WSAGetLastError());

    in = rio_buf(id, offsetof(typeof(mem), inbox), sizeof(mem.inbox));
    from = rio_buf(id, offsetof(typeof(mem), from), sizeof(SOCKADDR_INET));
    flags = rio_buf(id, offsetof(typeof(mem), flags), sizeof(DWORD));
    ok(rio.RIOReceiveEx(qb, &in, 1, NULL, &from, NULL, &flags, 0, CTX(91)), "RIOReceiveEx failed: %d\n",
       WSAGetLastError());
    /* The destination must be a whole SOCKADDR_INET. */
    to = rio_buf(id, offsetof(typeof(mem), to), sizeof(SOCKADDR_INET) - 4);
    data = rio_buf(id, offsetof(typeof(mem), payload), 21);
    WSASetLastError(0x4141);
    ok(!rio.RIOSendEx(qa, &data, 1, NULL, &to, NULL, NULL, 0, NULL) && WSAGetLastError() == WSAEINVAL,
       "short address: %d\n", WSAGetLastError());
    to.Length = sizeof(SOCKADDR_INET);
    ok(rio.RIOSendEx(qa, &data, 1, NULL, &to, NULL, NULL, 0, CTX(92)), "RIOSendEx failed: %d\n", WSAGetLastError());

    ok(collect(cq, r, 2) == 2, "not two results\n");
    if (r[0].RequestContext == (ULONG_PTR)CTX(91))
    {
        RIORESULT t = r[0];
        r[0] = r[1];
        r[1] = t;
    }
    check_result(&r[0], 0, 21, SOCK_CTX(0xa), CTX(92));
    check_result(&r[1], 0, 21, SOCK_CTX(0xb), CTX(91));
    ok(!memcmp(mem.inbox, "datagram by RIOSendEx", 21), "datagram differs\n");
    /* The source is the sender's own address (the port sits at the same
     * place in both families). */
    ok(mem.from.si_family == family && !memcmp(&mem.from, &a_addr, a_len),
       "source %u port %u\n", mem.from.si_family, ntohs(mem.from.Ipv4.sin_port));
    ok(mem.flags == 0, "flags %#lx\n", mem.flags);

    /* A connected datagram socket may send nothing at all: an empty datagram. */
    ok(!connect(a, LB_ADDR(&b_addr), b_len), "connect failed: %d\n", WSAGetLastError());
    ok(rio.RIOReceive(qb, &in, 1, 0, CTX(93)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(rio.RIOSend(qa, NULL, 0, 0, CTX(94)), "empty RIOSend failed: %d\n", WSAGetLastError());
    ok(collect(cq, r, 2) == 2, "not two results\n");
    ok(r[0].BytesTransferred == 0 && r[1].BytesTransferred == 0 && !r[0].Status && !r[1].Status,
       "empty datagram: %lu/%ld %lu/%ld\n", r[0].BytesTransferred, r[0].Status, r[1].BytesTransferred, r[1].Status);

    rio.RIOCloseCompletionQueue(cq);
    rio.RIODeregisterBuffer(id);
    closesocket(a);
    closesocket(b);
}

/* A datagram larger than the receive: the buffer fills and the result
 * says WSAEMSGSIZE, as an overlapped WSARecv reports it. */
static void test_udp_truncated(void)
{
    char area[40];
    SOCKET a = rio_socket(AF_INET, SOCK_DGRAM), b = rio_socket(AF_INET, SOCK_DGRAM);
    struct sockaddr_in addr = lb_addr4(0);
    int len = sizeof(addr);
    RIORESULT r[2];
    RIO_BUFFERID id;
    RIO_BUF buf;
    RIO_CQ cq;
    RIO_RQ rq;

    ok(!bind(b, LB_ADDR(&addr), len), "bind failed\n");
    getsockname(b, LB_ADDR(&addr), &len);
    memset(area, PATTERN, sizeof(area));
    id = rio.RIORegisterBuffer(area, sizeof(area));
    cq = rio.RIOCreateCompletionQueue(2, NULL);
    rq = rio.RIOCreateRequestQueue(b, 1, 1, 1, 1, cq, cq, SOCK_CTX(0x7));
    ok(rq != RIO_INVALID_RQ, "RQ failed: %d\n", WSAGetLastError());
    buf = rio_buf(id, 8, 6);
    ok(rio.RIOReceive(rq, &buf, 1, 0, CTX(101)), "RIOReceive failed: %d\n", WSAGetLastError());
    ok(sendto(a, "twelve bytes", 12, 0, LB_ADDR(&addr), len) == 12, "sendto failed\n");
    ok(collect(cq, r, 1) == 1, "no result\n");
    check_result(&r[0], WSAEMSGSIZE, 6, SOCK_CTX(0x7), CTX(101));
    ok(!memcmp(area + 8, "twelve", 6) && (unsigned char)area[14] == PATTERN, "buffer: %.6s\n", area + 8);
    rio.RIOCloseCompletionQueue(cq);
    rio.RIODeregisterBuffer(id);
    closesocket(a);
    closesocket(b);
}

/* Threads that each use their own queues need no locking of their own
 * (documented); ours run echoes side by side. */
#define ROUNDS 150

static DWORD WINAPI echo_thread(void *arg)
{
    struct echo *e = arg;
    RIORESULT r[2];
    RIO_BUF in, out;
    char back[8], msg[8];
    int i, bad = 0;

    in = rio_buf(e->id, 0, 8);
    for (i = 0; i < ROUNDS && !bad; i++)
    {
        sprintf(msg, "m%06d", i);
        if (!rio.RIOReceive(e->rq, &in, 1, 0, CTX(i))) bad = 1;
        if (send(e->client, msg, 8, 0) != 8) bad = 2;
        if (collect(e->cq, r, 1) != 1 || r[0].BytesTransferred != 8) bad = 3;
        out = rio_buf(e->id, 0, 8);
        if (!bad && !rio.RIOSend(e->rq, &out, 1, 0, CTX(i))) bad = 4;
        if (!bad && collect(e->cq, r, 1) != 1) bad = 5;
        if (!bad && (recv(e->client, back, 8, MSG_WAITALL) != 8 || memcmp(back, msg, 8))) bad = 6;
    }
    return bad;
}

static void test_threads(void)
{
    struct echo e[2];
    HANDLE thread[2];
    DWORD code;
    int i;

    for (i = 0; i < 2; i++)
        if (!echo_setup(&e[i], NULL, 2)) return;
    for (i = 0; i < 2; i++) thread[i] = CreateThread(NULL, 0, echo_thread, &e[i], 0, NULL);
    for (i = 0; i < 2; i++)
    {
        ok(WaitForSingleObject(thread[i], 60000) == WAIT_OBJECT_0, "thread %d did not end\n", i);
        GetExitCodeThread(thread[i], &code);
        ok(code == 0, "thread %d failed at step %lu\n", i, code);
        CloseHandle(thread[i]);
        echo_done(&e[i]);
    }
}

/* After the last WSACleanup the functions refuse. */
static void test_not_started(void)
{
    WSADATA data;
    char area[8];

    WSACleanup();
    WSASetLastError(0x4141);
    ok(rio.RIOCreateCompletionQueue(4, NULL) == RIO_INVALID_CQ, "a queue without WSAStartup\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "queue: %d\n", WSAGetLastError());
    WSASetLastError(0x4141);
    ok(rio.RIORegisterBuffer(area, sizeof(area)) == RIO_INVALID_BUFFERID, "a buffer without WSAStartup\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "buffer: %d\n", WSAGetLastError());
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
}

START_TEST(rio)
{
    WSADATA data;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    if (get_table())
    {
        test_buffers();
        test_cq_arguments();
        test_notify_reset();
        test_rq_arguments();
        test_tcp_event();
        test_tcp_port();
        test_waitall();
        test_defer();
        test_mixed_overlapped();
        test_queue_full();
        test_bad_requests();
        test_resize();
        test_close_pending();
        test_udp(AF_INET);
        test_udp(AF_INET6);
        test_udp_truncated();
        test_threads();
        test_not_started();
    }
    WSACleanup();
}
