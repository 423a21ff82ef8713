/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sends and receives where our DLL may move the data with the host's own
 * socket calls instead of a request to Wine's server (host.c), at the
 * boundaries where that must not show: a socket that gains an event select
 * while data flows, a receive that waits, a reset, implicit binds, sends
 * too large for the buffers, MSG_PEEK, FIONREAD and select after such
 * traffic, shut-down sides and datagram details; readiness (select,
 * WSAPoll) around a handle closed with CloseHandle and its reused value;
 * a blocking accept that waits.  Every check states
 * Windows behaviour, so the unit passes with WS2_32_HOST_PATH=0 (the
 * driver path only) and without it.
 *
 * Windows facts, from Microsoft's documentation unless noted:
 *  - WSAEventSelect: FD_READ is recorded at once when data is already
 *    waiting, and re-enabled by a receive that leaves data or by new data
 *    after a receive.
 *  - recv: a blocking socket waits for data; MSG_PEEK copies without
 *    removing; a datagram larger than the buffer fills it and fails with
 *    WSAEMSGSIZE, the rest being lost; a gracefully closed stream gives 0.
 *  - send on a blocking stream returns only when everything was taken.
 *  - sendto on an unbound datagram socket binds it to a local port.
 *  - After shutdown(SD_SEND) sends fail with WSAESHUTDOWN; after
 *    shutdown(SD_RECEIVE) receives do.
 *  - An abortive close (SO_LINGER on, time 0) resets the connection: the
 *    peer's receive fails with WSAECONNRESET.
 *  - select and WSAPoll report readiness as it is when called; a value
 *    that is not a socket handle is WSAENOTSOCK.  Socket handles are
 *    file handles, and CloseHandle closes them (socket's documentation).
 *  - accept on a blocking socket waits for a connection.
 */
#include <stdarg.h>

#include <winsock2.h>
#include <ws2tcpip.h>

#include "wine/test.h"
#include "loopback.h"
#include "wineversion.h"

/* A byte pattern of our own, so that misplaced bytes are noticed. */
static char pattern_byte(unsigned int i)
{
    return (char)((i * 7 + i / 251) ^ 0x5a);
}

static void fill_pattern(char *buf, unsigned int offset, unsigned int len)
{
    unsigned int i;

    for (i = 0; i < len; i++) buf[i] = pattern_byte(offset + i);
}

/* Receive exactly len bytes (blocking) and compare with the pattern. */
static BOOL recv_pattern(SOCKET s, unsigned int offset, unsigned int len)
{
    static char buf[65536];
    unsigned int done = 0, i;
    int ret;

    while (done < len)
    {
        ret = recv(s, buf, min(sizeof(buf), len - done), 0);
        if (ret <= 0) return FALSE;
        for (i = 0; i < (unsigned int)ret; i++)
            if (buf[i] != pattern_byte(offset + done + i)) return FALSE;
        done += ret;
    }
    return TRUE;
}

static u_long bytes_waiting(SOCKET s)
{
    u_long n = 0x3c3c3c3c;

    ok(!ioctlsocket(s, FIONREAD, &n), "FIONREAD failed: %d\n", WSAGetLastError());
    return n;
}

static BOOL lb_writable(SOCKET s, int ms)
{
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    fd_set set;

    FD_ZERO(&set);
    FD_SET(s, &set);
    return select(0, NULL, &set, NULL, &tv) == 1;
}

/* An abortive close: the peer sees a reset. */
static void close_abortive(SOCKET s)
{
    struct linger abort_close = { 1, 0 };

    ok(!setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&abort_close, sizeof(abort_close)),
       "SO_LINGER failed: %d\n", WSAGetLastError());
    ok(!closesocket(s), "closesocket failed: %d\n", WSAGetLastError());
}

/* Rule: an event select added after data moved still records FD_READ for
 * data already waiting, and again for data that comes after a receive. */
static void test_event_select_midstream(void)
{
    WSANETWORKEVENTS events;
    SOCKET client, server;
    HANDLE event;
    char buf[16];
    int i, ret;

    lb_tcp_pair(&client, &server);
    for (i = 0; i < 5; i++)
    {
        ok(send(client, "tick", 4, 0) == 4, "send %d failed: %d\n", i, WSAGetLastError());
        ret = recv(server, buf, sizeof(buf), 0);
        ok(ret == 4 && !memcmp(buf, "tick", 4), "round %d: recv gave %d\n", i, ret);
    }
    ok(send(client, "tock!", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
    ok(lb_readable(server, 2000), "the data never arrived\n");

    event = WSACreateEvent();
    ok(!WSAEventSelect(server, event, FD_READ | FD_CLOSE), "WSAEventSelect failed: %d\n", WSAGetLastError());
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "no event for waiting data\n");
    memset(&events, 0x77, sizeof(events));
    ok(!WSAEnumNetworkEvents(server, event, &events), "WSAEnumNetworkEvents failed: %d\n", WSAGetLastError());
    ok(events.lNetworkEvents == FD_READ, "events %#lx\n", events.lNetworkEvents);

    /* Now non-blocking; the receive re-enables FD_READ. */
    ret = recv(server, buf, sizeof(buf), 0);
    ok(ret == 5 && !memcmp(buf, "tock!", 5), "recv gave %d\n", ret);
    ret = recv(server, buf, sizeof(buf), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "empty recv gave %d, error %d\n",
       ret, WSAGetLastError());
    ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "event set with nothing new\n");

    ok(send(client, "again", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "no event for new data\n");
    ok(!WSAEnumNetworkEvents(server, event, &events), "WSAEnumNetworkEvents failed: %d\n", WSAGetLastError());
    ok(events.lNetworkEvents == FD_READ, "events %#lx\n", events.lNetworkEvents);
    ret = recv(server, buf, sizeof(buf), 0);
    ok(ret == 5 && !memcmp(buf, "again", 5), "recv gave %d\n", ret);

    /* The peer's orderly close is FD_CLOSE. */
    closesocket(client);
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "no event for the close\n");
    ok(!WSAEnumNetworkEvents(server, event, &events), "WSAEnumNetworkEvents failed: %d\n", WSAGetLastError());
    ok(events.lNetworkEvents & FD_CLOSE, "events %#lx\n", events.lNetworkEvents);
    ok(!recv(server, buf, sizeof(buf), 0), "recv after the close did not give 0\n");

    closesocket(server);
    WSACloseEvent(event);
}

/* Rule: a blocking receive with nothing waiting waits, and ends with the
 * data that arrives later. */
static void test_receive_waits(void)
{
    struct lb_call call;
    SOCKET client, server;
    char buf[32];

    lb_tcp_pair(&client, &server);
    /* Traffic first, so that the wait follows host-path receives. */
    ok(send(client, "warm", 4, 0) == 4, "send failed: %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 4, "recv failed: %d\n", WSAGetLastError());

    memset(buf, 0x3c, sizeof(buf));
    call.func = lb_do_recv;
    call.s = server;
    call.buf = buf;
    call.len = sizeof(buf);
    call.flags = 0;
    lb_call_start(&call);
    ok(WaitForSingleObject(call.thread, 300) == WAIT_TIMEOUT, "recv ended with nothing sent: %d\n", (int)call.ret);
    ok(send(client, "late data", 9, 0) == 9, "send failed: %d\n", WSAGetLastError());
    ok(lb_call_wait(&call, 5000), "recv did not end\n");
    ok(call.ret == 9 && !memcmp(buf, "late data", 9), "recv gave %d, error %d\n", (int)call.ret, call.error);
    ok((unsigned char)buf[9] == 0x3c, "byte past the data written: %#x\n", (unsigned char)buf[9]);

    /* A datagram socket waits the same way. */
    {
        SOCKADDR_STORAGE addr;
        int len;
        SOCKET rx = lb_bound(AF_INET, SOCK_DGRAM, &addr, &len), tx = lb_bound(AF_INET, SOCK_DGRAM, NULL, NULL);

        call.s = rx;
        call.len = sizeof(buf);
        lb_call_start(&call);
        ok(WaitForSingleObject(call.thread, 300) == WAIT_TIMEOUT, "recv ended with nothing sent: %d\n", (int)call.ret);
        ok(sendto(tx, "gram", 4, 0, LB_ADDR(&addr), len) == 4, "sendto failed: %d\n", WSAGetLastError());
        ok(lb_call_wait(&call, 5000), "recv did not end\n");
        ok(call.ret == 4 && !memcmp(buf, "gram", 4), "recv gave %d, error %d\n", (int)call.ret, call.error);
        closesocket(rx);
        closesocket(tx);
    }
    closesocket(client);
    closesocket(server);
}

/* Rule: a reset is reported as WSAECONNRESET by the receive that finds it,
 * whether earlier receives moved data or not, and by the ones after it;
 * a send after it fails. */
static void test_reset(void)
{
    SOCKET client, server;
    char buf[16];
    int ret, err;

    lb_tcp_pair(&client, &server);
    ok(send(client, "before", 6, 0) == 6, "send failed: %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 6, "recv failed: %d\n", WSAGetLastError());
    close_abortive(client);
    /* Time for the reset to arrive, with nothing asking about it. */
    Sleep(150);

    /* Wine 8's socket driver (wineserver and ntdll, under our DLL as under
     * its own) takes the reset from the host socket itself and then
     * receives from an ended connection: 0, where Windows (and Wine 10)
     * report the reset, here and on every later receive. */
    ret = recv(server, buf, sizeof(buf), 0);
    err = WSAGetLastError();
    todo_driver_before(10, 0)
    ok(ret == SOCKET_ERROR && err == WSAECONNRESET, "recv after the reset gave %d, error %d\n", ret, err);
    ret = recv(server, buf, sizeof(buf), 0);
    err = WSAGetLastError();
    todo_driver_before(10, 0)
    ok(ret == SOCKET_ERROR && err == WSAECONNRESET, "second recv after the reset gave %d, error %d\n", ret, err);
    /* The connection is gone for sends as well. */
    ret = send(server, "x", 1, 0);
    err = WSAGetLastError();
    ok(ret == SOCKET_ERROR && (err == WSAECONNRESET || err == WSAECONNABORTED),
       "send after the reset gave %d, error %d\n", ret, err);
    closesocket(server);

    /* A reset that select saw first. */
    lb_tcp_pair(&client, &server);
    ok(send(client, "seen", 4, 0) == 4, "send failed: %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 4, "recv failed: %d\n", WSAGetLastError());
    close_abortive(client);
    ok(lb_readable(server, 2000), "select did not see the reset\n");
    ret = recv(server, buf, sizeof(buf), 0);
    err = WSAGetLastError();
    todo_driver_before(10, 0)
    ok(ret == SOCKET_ERROR && err == WSAECONNRESET, "recv after select gave %d, error %d\n", ret, err);
    closesocket(server);

    /* A reset reaching a receive that is already waiting. */
    {
        struct lb_call call;

        lb_tcp_pair(&client, &server);
        ok(send(client, "ab", 2, 0) == 2, "send failed: %d\n", WSAGetLastError());
        ok(recv(server, buf, sizeof(buf), 0) == 2, "recv failed: %d\n", WSAGetLastError());
        call.func = lb_do_recv;
        call.s = server;
        call.buf = buf;
        call.len = sizeof(buf);
        call.flags = 0;
        lb_call_start(&call);
        ok(WaitForSingleObject(call.thread, 200) == WAIT_TIMEOUT, "recv ended early: %d\n", (int)call.ret);
        close_abortive(client);
        ok(lb_call_wait(&call, 5000), "recv did not end\n");
        ok(call.ret == SOCKET_ERROR && call.error == WSAECONNRESET, "waiting recv gave %d, error %d\n",
           (int)call.ret, call.error);
        closesocket(server);
    }
}

/* Rule: the first sendto binds an unbound datagram socket; the port it got
 * stays, replies reach it, and later calls of every kind see the same
 * socket. */
static void test_implicit_bind(void)
{
    SOCKADDR_STORAGE peer_addr, local, again, from;
    SOCKET peer, s;
    int peer_len, local_len = sizeof(local), again_len = sizeof(again), from_len, i, ret;
    struct sockaddr_in *sin = (struct sockaddr_in *)&local;
    struct lb_call call;
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    DWORD got, flags;
    char buf[32];
    BOOL ended;

    peer = lb_bound(AF_INET, SOCK_DGRAM, &peer_addr, &peer_len);
    s = socket(AF_INET, SOCK_DGRAM, 0);
    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());

    /* Not bound yet: receiving is refused at once (on a socket of its
     * own, as Wine's builtin waits instead), getsockname too. */
    call.func = lb_do_recv;
    call.s = socket(AF_INET, SOCK_DGRAM, 0);
    call.buf = buf;
    call.len = sizeof(buf);
    call.flags = 0;
    lb_call_start(&call);
    ended = lb_call_wait(&call, 2000);
    todo_wine ok(ended, "recv on an unbound socket waited\n");
    if (ended) ok(call.ret == SOCKET_ERROR && call.error == WSAEINVAL, "recv unbound gave %d, error %d\n",
                  (int)call.ret, call.error);
    closesocket(call.s);
    ret = getsockname(s, LB_ADDR(&local), &local_len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "getsockname unbound gave %d, error %d\n",
       ret, WSAGetLastError());

    for (i = 0; i < 3; i++)
    {
        ret = sendto(s, "ping", 4, 0, LB_ADDR(&peer_addr), peer_len);
        ok(ret == 4, "sendto %d gave %d, error %d\n", i, ret, WSAGetLastError());
    }
    local_len = sizeof(local);
    ok(!getsockname(s, LB_ADDR(&local), &local_len), "getsockname failed: %d\n", WSAGetLastError());
    ok(sin->sin_family == AF_INET && sin->sin_port, "not bound: family %u port %u\n", sin->sin_family,
       ntohs(sin->sin_port));

    /* Every datagram came from that port. */
    for (i = 0; i < 3; i++)
    {
        from_len = sizeof(from);
        ret = recvfrom(peer, buf, sizeof(buf), 0, LB_ADDR(&from), &from_len);
        ok(ret == 4, "recvfrom %d gave %d, error %d\n", i, ret, WSAGetLastError());
        ok(from_len == sizeof(struct sockaddr_in), "from length %d\n", from_len);
        ok(((struct sockaddr_in *)&from)->sin_port == sin->sin_port, "datagram %d from port %u\n", i,
           ntohs(((struct sockaddr_in *)&from)->sin_port));
    }

    /* A reply through an overlapped receive (the driver), then one through
     * a plain receive. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    flags = 0;
    ret = WSARecv(s, &wsabuf, 1, &got, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecv gave %d, error %d\n",
       ret, WSAGetLastError());
    ok(sendto(peer, "pong-1", 6, 0, LB_ADDR(&local), local_len) == 6, "sendto failed: %d\n", WSAGetLastError());
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "the overlapped receive did not end\n");
    ok(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags) && got == 6 && !memcmp(buf, "pong-1", 6),
       "overlapped receive: %lu bytes, error %d\n", got, WSAGetLastError());
    ok(sendto(peer, "pong-2", 6, 0, LB_ADDR(&local), local_len) == 6, "sendto failed: %d\n", WSAGetLastError());
    ret = recv(s, buf, sizeof(buf), 0);
    ok(ret == 6 && !memcmp(buf, "pong-2", 6), "recv gave %d, error %d\n", ret, WSAGetLastError());
    ok(!getsockname(s, LB_ADDR(&again), &again_len) && again_len == local_len && !memcmp(&again, &local, local_len),
       "the local address changed\n");

    WSACloseEvent(ov.hEvent);
    closesocket(s);
    closesocket(peer);
}

/* Rule: a connected datagram socket sends to its peer without an address
 * and its receives report that peer. */
static void test_connected_datagram(void)
{
    SOCKADDR_STORAGE a_addr, b_addr, from;
    int a_len, b_len, from_len, ret;
    SOCKET a, b;
    char buf[16];

    a = lb_bound(AF_INET, SOCK_DGRAM, &a_addr, &a_len);
    b = socket(AF_INET, SOCK_DGRAM, 0);
    ok(!connect(b, LB_ADDR(&a_addr), a_len), "connect failed: %d\n", WSAGetLastError());
    b_len = sizeof(b_addr);
    ok(!getsockname(b, LB_ADDR(&b_addr), &b_len), "getsockname failed: %d\n", WSAGetLastError());
    ok(send(b, "conn-dg", 7, 0) == 7, "send failed: %d\n", WSAGetLastError());
    from_len = sizeof(from);
    memset(&from, 0x77, sizeof(from));
    ret = recvfrom(a, buf, sizeof(buf), 0, LB_ADDR(&from), &from_len);
    ok(ret == 7 && !memcmp(buf, "conn-dg", 7), "recvfrom gave %d, error %d\n", ret, WSAGetLastError());
    ok(from_len == b_len && !memcmp(&from, &b_addr, b_len), "source is not the connected socket\n");
    /* Again into a buffer of exactly an IPv4 address's size. */
    {
        struct sockaddr_in from4;
        int from4_len = sizeof(from4);

        ok(send(b, "exact", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
        memset(&from4, 0x77, sizeof(from4));
        ret = recvfrom(a, buf, sizeof(buf), 0, LB_ADDR(&from4), &from4_len);
        ok(ret == 5 && !memcmp(buf, "exact", 5), "recvfrom gave %d, error %d\n", ret, WSAGetLastError());
        ok(from4_len == b_len && !memcmp(&from4, &b_addr, b_len), "source is not the connected socket\n");
    }
    ok(sendto(a, "back", 4, 0, LB_ADDR(&b_addr), b_len) == 4, "sendto failed: %d\n", WSAGetLastError());
    ret = recv(b, buf, sizeof(buf), 0);
    ok(ret == 4 && !memcmp(buf, "back", 4), "recv gave %d, error %d\n", ret, WSAGetLastError());
    closesocket(a);
    closesocket(b);
}

struct drain_args
{
    SOCKET s;
    unsigned int len;
    DWORD delay;        /* milliseconds before reading starts */
    BOOL good;
};

static DWORD WINAPI drain_thread(void *arg)
{
    struct drain_args *d = arg;

    Sleep(d->delay);
    d->good = recv_pattern(d->s, 0, d->len);
    return 0;
}

/* Rule: a blocking send of more than the buffers hold returns only when
 * all of it went, in order, from one buffer or several. */
static void test_large_sends(void)
{
    static const unsigned int sizes[3] = { 700001, 3, 1500017 };
    unsigned int total = 0, offset = 0, i;
    struct drain_args d;
    SOCKET client, server;
    WSABUF bufs[3];
    HANDLE thread;
    DWORD sent = 0x5a5a5a5a;
    int ret, filled, drained;
    char *data;

    for (i = 0; i < 3; i++) total += sizes[i];
    data = HeapAlloc(GetProcessHeap(), 0, total);
    fill_pattern(data, 0, total);
    lb_tcp_pair(&client, &server);

    /* One buffer: the reader starts late, so the send must wait. */
    d.s = server;
    d.len = sizes[0];
    d.delay = 250;
    d.good = FALSE;
    thread = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    ret = send(client, data, sizes[0], 0);
    ok(ret == (int)sizes[0], "send gave %d, error %d\n", ret, WSAGetLastError());
    ok(!WaitForSingleObject(thread, 10000), "the reader did not finish\n");
    ok(d.good, "the bytes received differ\n");
    CloseHandle(thread);

    /* Three buffers of odd sizes in one WSASend: the pieces continue
     * where the first part left off. */
    for (i = 0; i < 3; i++)
    {
        bufs[i].buf = data + offset;
        bufs[i].len = sizes[i];
        offset += sizes[i];
    }
    d.len = total;
    d.delay = 0;
    d.good = FALSE;
    thread = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    ret = WSASend(client, bufs, 3, &sent, 0, NULL, NULL);
    ok(!ret && sent == total, "WSASend gave %d, %lu bytes, error %d\n", ret, sent, WSAGetLastError());
    ok(!WaitForSingleObject(thread, 10000), "the reader did not finish\n");
    ok(d.good, "the bytes received differ\n");
    CloseHandle(thread);

    /* Non-blocking: once the buffers are full, WSAEWOULDBLOCK; when the
     * peer has read everything, writable again. */
    filled = lb_fill(client);
    ok(filled > 0, "nothing could be sent\n");
    ret = send(client, "z", 1, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "send gave %d, error %d\n",
       ret, WSAGetLastError());
    for (drained = 0; drained < filled && lb_readable(server, 2000); drained += ret)
        if ((ret = recv(server, data, 65536, 0)) <= 0) break;
    ok(drained == filled, "drained %d of %d bytes\n", drained, filled);
    ok(lb_writable(client, 2000), "not writable after the peer read everything\n");

    closesocket(client);
    closesocket(server);
    HeapFree(GetProcessHeap(), 0, data);
}

/* Rule: MSG_PEEK leaves the data in place; FIONREAD and select report what
 * is left after each receive. */
static void test_peek_and_counts(void)
{
    SOCKADDR_STORAGE rx_addr, tx_addr, from;
    int rx_len, tx_len, from_len, ret;
    SOCKET client, server, rx, tx;
    char buf[64];

    lb_tcp_pair(&client, &server);
    ok(lb_writable(client, 0), "a fresh connection is not writable\n");
    ok(!lb_readable(server, 0), "readable with nothing sent\n");
    ok(bytes_waiting(server) == 0, "bytes waiting before any send\n");

    ok(send(client, "0123456789abcdef", 16, 0) == 16, "send failed: %d\n", WSAGetLastError());
    ok(lb_readable(server, 2000), "the data never arrived\n");
    ok(bytes_waiting(server) == 16, "FIONREAD %lu\n", bytes_waiting(server));

    memset(buf, 0x3c, sizeof(buf));
    ret = recv(server, buf, 6, MSG_PEEK);
    ok(ret == 6 && !memcmp(buf, "012345", 6), "peek gave %d\n", ret);
    ret = recv(server, buf, sizeof(buf), MSG_PEEK);
    ok(ret == 16 && !memcmp(buf, "0123456789abcdef", 16), "second peek gave %d\n", ret);
    ok(bytes_waiting(server) == 16, "peeking removed data: %lu left\n", bytes_waiting(server));

    ret = recv(server, buf, 10, 0);
    ok(ret == 10 && !memcmp(buf, "0123456789", 10), "recv gave %d\n", ret);
    ok(bytes_waiting(server) == 6, "FIONREAD after a partial receive %lu\n", bytes_waiting(server));
    ok(lb_readable(server, 0), "not readable with data left\n");
    ret = recv(server, buf, sizeof(buf), 0);
    ok(ret == 6 && !memcmp(buf, "abcdef", 6), "recv of the rest gave %d\n", ret);
    ok(bytes_waiting(server) == 0, "FIONREAD after draining %lu\n", bytes_waiting(server));
    ok(!lb_readable(server, 0), "readable after draining\n");

    /* Datagrams: a peek shows the next one, with its source. */
    rx = lb_bound(AF_INET6, SOCK_DGRAM, &rx_addr, &rx_len);
    tx = lb_bound(AF_INET6, SOCK_DGRAM, &tx_addr, &tx_len);
    ok(sendto(tx, "first gram", 10, 0, LB_ADDR(&rx_addr), rx_len) == 10, "sendto failed: %d\n", WSAGetLastError());
    ok(sendto(tx, "second", 6, 0, LB_ADDR(&rx_addr), rx_len) == 6, "sendto failed: %d\n", WSAGetLastError());
    ok(lb_readable(rx, 2000), "no datagram arrived\n");
    from_len = sizeof(from);
    ret = recvfrom(rx, buf, sizeof(buf), MSG_PEEK, LB_ADDR(&from), &from_len);
    ok(ret == 10 && !memcmp(buf, "first gram", 10), "peek gave %d, error %d\n", ret, WSAGetLastError());
    ok(from_len == sizeof(struct sockaddr_in6) && !memcmp(&from, &tx_addr, tx_len), "peek's source differs\n");
    from_len = sizeof(from);
    ret = recvfrom(rx, buf, sizeof(buf), 0, LB_ADDR(&from), &from_len);
    ok(ret == 10 && !memcmp(buf, "first gram", 10), "recvfrom gave %d, error %d\n", ret, WSAGetLastError());
    ok(from_len == sizeof(struct sockaddr_in6) && ((struct sockaddr_in6 *)&from)->sin6_family == AF_INET6,
       "source family %u length %d\n", ((struct sockaddr_in6 *)&from)->sin6_family, from_len);
    ret = recv(rx, buf, sizeof(buf), 0);
    ok(ret == 6 && !memcmp(buf, "second", 6), "recv gave %d, error %d\n", ret, WSAGetLastError());

    closesocket(rx);
    closesocket(tx);
    closesocket(client);
    closesocket(server);
}

/* Rule: a datagram larger than the buffer fills it, fails with
 * WSAEMSGSIZE, and its rest is gone. */
static void test_truncation(void)
{
    SOCKADDR_STORAGE addr;
    SOCKET rx, tx;
    char buf[8];
    WSABUF wsabuf;
    DWORD got = 0x5a5a5a5a, flags = 0;
    int len, ret;

    rx = lb_bound(AF_INET, SOCK_DGRAM, &addr, &len);
    tx = lb_bound(AF_INET, SOCK_DGRAM, NULL, NULL);
    ok(sendto(tx, "ABCDEFGHIJKLMNOP", 16, 0, LB_ADDR(&addr), len) == 16, "sendto failed: %d\n", WSAGetLastError());
    ok(sendto(tx, "qrstuvwxyz", 10, 0, LB_ADDR(&addr), len) == 10, "sendto failed: %d\n", WSAGetLastError());
    ok(sendto(tx, "short", 5, 0, LB_ADDR(&addr), len) == 5, "sendto failed: %d\n", WSAGetLastError());
    ok(lb_readable(rx, 2000), "no datagram arrived\n");

    memset(buf, 0x77, sizeof(buf));
    ret = recv(rx, buf, 5, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "recv gave %d, error %d\n", ret, WSAGetLastError());
    ok(!memcmp(buf, "ABCDE", 5) && (unsigned char)buf[5] == 0x77, "buffer holds %.8s\n", buf);

    wsabuf.buf = buf;
    wsabuf.len = 4;
    ret = WSARecv(rx, &wsabuf, 1, &got, &flags, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "WSARecv gave %d, error %d\n",
       ret, WSAGetLastError());
    ok(!memcmp(buf, "qrst", 4), "buffer holds %.4s\n", buf);

    ret = recv(rx, buf, sizeof(buf), 0);
    ok(ret == 5 && !memcmp(buf, "short", 5), "the next datagram gave %d\n", ret);
    closesocket(rx);
    closesocket(tx);
}

/* Rule: a shut-down side refuses data, whatever moved before. */
static void test_shutdown_sides(void)
{
    SOCKADDR_STORAGE addr;
    SOCKET client, server, rx, tx;
    char buf[16];
    int len, ret;

    lb_tcp_pair(&client, &server);
    ok(send(client, "pre", 3, 0) == 3, "send failed: %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 3, "recv failed: %d\n", WSAGetLastError());
    ok(!shutdown(client, SD_SEND), "shutdown failed: %d\n", WSAGetLastError());
    ret = send(client, "post", 4, 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "send after SD_SEND gave %d, error %d\n",
       ret, WSAGetLastError());
    /* The peer sees the orderly end, more than once. */
    ok(!recv(server, buf, sizeof(buf), 0), "first recv after the end is not 0\n");
    ok(!recv(server, buf, sizeof(buf), 0), "second recv after the end is not 0\n");
    /* The other direction still works. */
    ok(send(server, "reply", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
    ret = recv(client, buf, sizeof(buf), 0);
    ok(ret == 5 && !memcmp(buf, "reply", 5), "recv gave %d, error %d\n", ret, WSAGetLastError());
    ok(!shutdown(client, SD_RECEIVE), "shutdown failed: %d\n", WSAGetLastError());
    ret = recv(client, buf, sizeof(buf), 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "recv after SD_RECEIVE gave %d, error %d\n",
       ret, WSAGetLastError());
    closesocket(client);
    closesocket(server);

    rx = lb_bound(AF_INET, SOCK_DGRAM, &addr, &len);
    tx = lb_bound(AF_INET, SOCK_DGRAM, NULL, NULL);
    ok(sendto(tx, "dg", 2, 0, LB_ADDR(&addr), len) == 2, "sendto failed: %d\n", WSAGetLastError());
    ok(recv(rx, buf, sizeof(buf), 0) == 2, "recv failed: %d\n", WSAGetLastError());
    ok(!shutdown(tx, SD_SEND), "shutdown failed: %d\n", WSAGetLastError());
    ret = sendto(tx, "dg", 2, 0, LB_ADDR(&addr), len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "sendto after SD_SEND gave %d, error %d\n",
       ret, WSAGetLastError());
    closesocket(rx);
    closesocket(tx);
}

/* Rule: an overlapped receive posted first gets the first data; plain
 * receives afterwards get what follows, in order. */
static void test_overlapped_first(void)
{
    SOCKET client, server;
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    DWORD got, flags = 0;
    char obuf[8], buf[8];
    int ret;

    lb_tcp_pair(&client, &server);
    ok(send(client, "one", 3, 0) == 3, "send failed: %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 3, "recv failed: %d\n", WSAGetLastError());

    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    wsabuf.buf = obuf;
    wsabuf.len = 3;
    ret = WSARecv(server, &wsabuf, 1, &got, &flags, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecv gave %d, error %d\n",
       ret, WSAGetLastError());
    ok(send(client, "twothree", 8, 0) == 8, "send failed: %d\n", WSAGetLastError());
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "the overlapped receive did not end\n");
    ok(WSAGetOverlappedResult(server, &ov, &got, FALSE, &flags) && got == 3 && !memcmp(obuf, "two", 3),
       "overlapped receive: %lu bytes\n", got);
    ret = recv(server, buf, sizeof(buf), 0);
    ok(ret == 5 && !memcmp(buf, "three", 5), "recv gave %d, error %d\n", ret, WSAGetLastError());
    WSACloseEvent(ov.hEvent);
    closesocket(client);
    closesocket(server);
}

/* select over one socket with no wait: 1 if it is in the condition the
 * set stands for (0 read, 1 write), 0 if not, SOCKET_ERROR on failure. */
static int select_now(SOCKET s, int which)
{
    struct timeval no_wait = { 0, 0 };
    fd_set set;

    FD_ZERO(&set);
    FD_SET(s, &set);
    return select(0, which ? NULL : &set, which ? &set : NULL, NULL, &no_wait);
}

/* Rule (select, WSAPoll): readiness is reported as it stands, data waiting
 * being readable and room to send writable; a closed handle is not a
 * socket, so asking about it fails with WSAENOTSOCK, and closing a
 * socket's handle (CloseHandle works on socket handles) closes its
 * connection, whatever was asked about it before. */
static void test_readiness_and_closehandle(void)
{
    SOCKET client, server;
    WSAPOLLFD fds[2];
    char buf[8];
    fd_set set;
    struct timeval no_wait = { 0, 0 };
    int ret;

    lb_tcp_pair(&client, &server);
    ok(send(client, "ready", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
    ok(lb_readable(server, 2000), "the data never arrived\n");

    FD_ZERO(&set);
    FD_SET(client, &set);
    FD_SET(server, &set);
    ret = select(0, &set, NULL, NULL, &no_wait);
    ok(ret == 1 && set.fd_count == 1 && set.fd_array[0] == server, "select gave %d, %u sockets\n",
       ret, set.fd_count);
    fds[0].fd = client;
    fds[0].events = POLLRDNORM | POLLWRNORM;
    fds[1].fd = server;
    fds[1].events = POLLRDNORM | POLLWRNORM;
    fds[0].revents = fds[1].revents = 0x1234;
    ret = WSAPoll(fds, 2, 0);
    ok(ret == 2, "WSAPoll gave %d, error %d\n", ret, WSAGetLastError());
    ok(fds[0].revents == POLLWRNORM, "client revents %#x\n", fds[0].revents);
    ok(fds[1].revents == (POLLRDNORM | POLLWRNORM), "server revents %#x\n", fds[1].revents);

    /* Read everything, so that the close is an orderly one. */
    ok(recv(server, buf, sizeof(buf), 0) == 5, "recv failed: %d\n", WSAGetLastError());
    ok(select_now(server, 0) == 0, "a drained socket is readable\n");
    ok(CloseHandle((HANDLE)server), "CloseHandle failed: %lu\n", GetLastError());

    /* The peer sees the end of the stream. */
    ok(lb_readable(client, 5000), "the close never reached the peer\n");
    ret = recv(client, buf, sizeof(buf), 0);
    ok(ret == 0, "recv after the close gave %d, error %d\n", ret, WSAGetLastError());

    /* The value no longer names a socket. */
    WSASetLastError(0xbad);
    ret = select_now(server, 1);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "select gave %d, error %d\n",
       ret, WSAGetLastError());
    closesocket(client);
}

/* Rule (send, select): a non-blocking stream socket that refused more
 * data (WSAEWOULDBLOCK) is writable again once the peer has read it all.
 * (Whether it is writable at the very moment of the refusal depends on
 * how fast the connection moves the data, so that is not asked.) */
static void test_writable_after_drain(void)
{
    SOCKET client, server;
    WSAPOLLFD fd;
    static char buf[65536];
    int filled, drained = 0, ret;

    lb_tcp_pair(&client, &server);
    ok(select_now(client, 1) == 1, "a fresh connection is not writable\n");
    filled = lb_fill(client);
    ok(filled > 0, "nothing was sent\n");
    while (drained < filled)
    {
        ret = recv(server, buf, sizeof(buf), 0);
        if (ret <= 0) break;
        drained += ret;
    }
    ok(drained == filled, "drained %d of %d bytes\n", drained, filled);
    ok(lb_writable(client, 5000), "not writable after the peer read everything\n");
    fd.fd = client;
    fd.events = POLLWRNORM | POLLRDNORM;
    fd.revents = 0x1234;
    ret = WSAPoll(&fd, 1, 0);
    ok(ret == 1 && fd.revents == POLLWRNORM, "WSAPoll gave %d, revents %#x\n", ret, fd.revents);
    closesocket(client);
    closesocket(server);
}

/* Rule (select): a handle value freed by CloseHandle and given to a new
 * socket describes the new socket only. */
static void test_readiness_reused_value(void)
{
    SOCKET client, server, client2, server2;
    char buf[8];

    lb_tcp_pair(&client, &server);
    ok(select_now(server, 0) == 0, "an idle socket is readable\n");
    ok(select_now(server, 1) == 1, "an idle socket is not writable\n");
    ok(CloseHandle((HANDLE)server), "CloseHandle failed: %lu\n", GetLastError());
    ok(lb_readable(client, 5000), "the close never reached the peer\n");
    ok(recv(client, buf, sizeof(buf), 0) == 0, "no end of stream: %d\n", WSAGetLastError());

    lb_tcp_pair(&client2, &server2);
    if (client2 == server || server2 == server) trace("the freed value was reused\n");
    ok(select_now(server2, 0) == 0 && select_now(client2, 0) == 0, "a new socket is readable\n");
    ok(select_now(server2, 1) == 1 && select_now(client2, 1) == 1, "a new socket is not writable\n");
    ok(send(client2, "x", 1, 0) == 1, "send failed: %d\n", WSAGetLastError());
    ok(lb_readable(server2, 2000), "the data never arrived\n");
    ok(select_now(client2, 0) == 0, "the sender is readable\n");
    ok(recv(server2, buf, sizeof(buf), 0) == 1, "recv failed: %d\n", WSAGetLastError());
    closesocket(client);
    closesocket(client2);
    closesocket(server2);
}

/* Rule (accept): a blocking accept waits for a connection, however long
 * it takes to come, and the connection it returns carries data; a
 * connection already waiting is taken at once. */
static void test_accept_waits(void)
{
    SOCKET listener, client, client2, server;
    SOCKADDR_STORAGE addr;
    struct lb_call call;
    char buf[8];
    int len;

    listener = lb_listener(&addr, &len);
    memset(&call, 0, sizeof(call));
    call.func = lb_do_accept;
    call.s = listener;
    lb_call_start(&call);
    ok(WaitForSingleObject(call.thread, 300) == WAIT_TIMEOUT, "accept ended with no connection: %d, error %d\n",
       (int)call.ret, call.error);
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, LB_ADDR(&addr), len), "connect failed: %d\n", WSAGetLastError());
    ok(lb_call_wait(&call, 5000), "accept did not end\n");
    server = (SOCKET)call.ret;
    ok(server != INVALID_SOCKET, "accept failed: %d\n", call.error);
    ok(send(client, "late", 4, 0) == 4, "send failed: %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "late", 4), "recv failed: %d\n",
       WSAGetLastError());
    closesocket(server);

    client2 = socket(AF_INET, SOCK_STREAM, 0);
    len = sizeof(addr);
    ok(!getsockname(listener, LB_ADDR(&addr), &len), "getsockname failed: %d\n", WSAGetLastError());
    ok(!connect(client2, LB_ADDR(&addr), len), "connect failed: %d\n", WSAGetLastError());
    ok(lb_readable(listener, 2000), "the connection is not waiting\n");
    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    ok(send(server, "early", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
    ok(recv(client2, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "early", 5), "recv failed: %d\n",
       WSAGetLastError());
    closesocket(server);
    closesocket(client);
    closesocket(client2);
    closesocket(listener);
}

START_TEST(hostpath)
{
    char value[8];
    WSADATA data;

    /* Which path our DLL takes does not change any expectation. */
    if (GetEnvironmentVariableA("WS2_32_HOST_PATH", value, sizeof(value)) == 1 && value[0] == '0')
        trace("running with WS2_32_HOST_PATH=0\n");
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_event_select_midstream();
    test_receive_waits();
    test_reset();
    test_implicit_bind();
    test_connected_datagram();
    test_large_sends();
    test_peek_and_counts();
    test_truncation();
    test_shutdown_sides();
    test_overlapped_first();
    test_readiness_and_closehandle();
    test_writable_after_drain();
    test_readiness_reused_value();
    test_accept_waits();
    WSACleanup();
}
