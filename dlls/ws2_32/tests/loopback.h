/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Loopback sockets for the conformance tests: bound sockets, connected
 * TCP pairs and a thread runner for calls that may block.  Everything is
 * static, so each test file that includes this gets its own copy.
 */
#ifndef WS2_TESTS_LOOPBACK_H
#define WS2_TESTS_LOOPBACK_H

#include <winsock2.h>
#include <ws2tcpip.h>

#include "wine/test.h"

#define LB_ADDR(a) ((struct sockaddr *)(a))

static inline struct sockaddr_in lb_addr4(USHORT port)
{
    struct sockaddr_in addr;

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = port;
    return addr;
}

static inline struct sockaddr_in6 lb_addr6(USHORT port)
{
    struct sockaddr_in6 addr;

    memset(&addr, 0, sizeof(addr));
    addr.sin6_family = AF_INET6;
    addr.sin6_addr.s6_addr[15] = 1;
    addr.sin6_port = port;
    return addr;
}

/* A socket of the family bound to loopback on a free port; *addr (of
 * *len bytes, both may be NULL) gets the bound address. */
static inline SOCKET lb_bound(int family, int type, SOCKADDR_STORAGE *addr, int *len)
{
    SOCKADDR_STORAGE local;
    int local_len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    SOCKET s = socket(family, type, 0);

    ok(s != INVALID_SOCKET, "socket(%d, %d) failed: %d\n", family, type, WSAGetLastError());
    if (s == INVALID_SOCKET) return s;
    memset(&local, 0, sizeof(local));
    if (family == AF_INET) *(struct sockaddr_in *)&local = lb_addr4(0);
    else *(struct sockaddr_in6 *)&local = lb_addr6(0);
    ok(!bind(s, LB_ADDR(&local), local_len), "bind failed: %d\n", WSAGetLastError());
    ok(!getsockname(s, LB_ADDR(&local), &local_len), "getsockname failed: %d\n", WSAGetLastError());
    if (addr) *addr = local;
    if (len) *len = local_len;
    return s;
}

static inline SOCKET lb_listener(SOCKADDR_STORAGE *addr, int *len)
{
    SOCKET s = lb_bound(AF_INET, SOCK_STREAM, addr, len);

    ok(!listen(s, 4), "listen failed: %d\n", WSAGetLastError());
    return s;
}

/* A connected IPv4 TCP pair. */
static inline void lb_tcp_pair(SOCKET *client, SOCKET *server)
{
    SOCKADDR_STORAGE addr;
    int len;
    SOCKET l = lb_listener(&addr, &len);

    *client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(*client, LB_ADDR(&addr), len), "connect failed: %d\n", WSAGetLastError());
    *server = accept(l, NULL, NULL);
    ok(*server != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    closesocket(l);
}

static inline void lb_set_blocking(SOCKET s, BOOL blocking)
{
    u_long mode = !blocking;

    ok(!ioctlsocket(s, FIONBIO, &mode), "FIONBIO failed: %d\n", WSAGetLastError());
}

/* Send from a non-blocking s until its buffers are full; the bytes sent.
 * The peer must not be reading. */
static inline int lb_fill(SOCKET s)
{
    static char chunk[16384];
    int total = 0, ret;

    lb_set_blocking(s, FALSE);
    while ((ret = send(s, chunk, sizeof(chunk), 0)) > 0) total += ret;
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "filling the buffers ended with %d, error %d\n", ret, WSAGetLastError());
    return total;
}

/* TRUE if s has data (or an end) to read within ms milliseconds. */
static inline BOOL lb_readable(SOCKET s, int ms)
{
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    fd_set set;

    FD_ZERO(&set);
    FD_SET(s, &set);
    return select(0, &set, NULL, NULL, &tv) == 1;
}

/* A call run on a thread of its own, so that a call which should end
 * but does not cannot hang the test: the caller waits with a limit. */
struct lb_call
{
    HANDLE thread;
    LONG_PTR (*func)(struct lb_call *call);
    SOCKET s;
    char *buf;
    int len, flags;
    LONG_PTR ret;           /* what func returned */
    int error;              /* WSAGetLastError() after it */
    DWORD elapsed;          /* milliseconds the call took */
};

static DWORD WINAPI lb_call_thread(void *arg)
{
    struct lb_call *call = arg;
    DWORD start = GetTickCount();

    WSASetLastError(0x5eed);
    call->ret = call->func(call);
    call->error = WSAGetLastError();
    call->elapsed = GetTickCount() - start;
    return 0;
}

static inline void lb_call_start(struct lb_call *call)
{
    call->ret = 0x7a7a;
    call->error = 0;
    call->thread = CreateThread(NULL, 0, lb_call_thread, call, 0, NULL);
    ok(call->thread != NULL, "CreateThread failed: %lu\n", GetLastError());
}

/* TRUE if the call ended within ms milliseconds; the thread is released
 * either way (a call still running keeps running). */
static inline BOOL lb_call_wait(struct lb_call *call, DWORD ms)
{
    DWORD ret = WaitForSingleObject(call->thread, ms);

    CloseHandle(call->thread);
    call->thread = NULL;
    return ret == WAIT_OBJECT_0;
}

static inline LONG_PTR lb_do_recv(struct lb_call *call)
{
    return recv(call->s, call->buf, call->len, call->flags);
}

static inline LONG_PTR lb_do_send(struct lb_call *call)
{
    return send(call->s, call->buf, call->len, call->flags);
}

static inline LONG_PTR lb_do_accept(struct lb_call *call)
{
    return (LONG_PTR)accept(call->s, NULL, NULL);
}

#endif
