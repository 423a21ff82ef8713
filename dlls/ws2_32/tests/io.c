/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sending and receiving in the states and with the flags that must not
 * wait: a datagram socket's default peer removed again, recv and send on a
 * listening socket, and recv's refused flag combinations.
 *
 * Windows facts, from Microsoft's documentation:
 *  - connect: on a connectionless socket, "if the address member of the
 *    structure specified by the name parameter is filled with zeros, the
 *    socket will be disconnected" (libuv's uv_udp_connect(NULL) does it
 *    with a zeroed sockaddr of AF_UNSPEC).
 *  - recv/send: WSAENOTCONN when the socket is not connected; a listening
 *    socket never is.
 *  - recv: MSG_WAITALL together with MSG_OOB, MSG_PEEK or MSG_PARTIAL
 *    fails with WSAEOPNOTSUPP; a blocking receive waits at most
 *    SO_RCVTIMEO and then fails with WSAETIMEDOUT.
 */
#include <stdarg.h>

#include <winsock2.h>
#include <ws2tcpip.h>

#include "wine/test.h"
#include "loopback.h"
#include "wineversion.h"

/* A datagram from "from" reaches s within a short wait. */
static BOOL datagram_arrives(SOCKET s, SOCKET from, const SOCKADDR_STORAGE *to, int to_len, const char *text)
{
    char buf[32];
    int ret;

    ret = sendto(from, text, strlen(text), 0, (const struct sockaddr *)to, to_len);
    ok(ret == (int)strlen(text), "sendto failed: %d %d\n", ret, WSAGetLastError());
    if (!lb_readable(s, 400)) return FALSE;
    ret = recv(s, buf, sizeof(buf) - 1, 0);
    ok(ret == (int)strlen(text), "recv gave %d error %d\n", ret, WSAGetLastError());
    if (ret > 0) buf[ret] = 0;
    ok(ret > 0 && !strcmp(buf, text), "got the wrong datagram\n");
    return TRUE;
}

/* A datagram socket bound to a port chosen here, not by the host: the
 * host keeps an ephemeral port only while the socket is connected (see
 * test_udp_disconnect_ephemeral). */
static SOCKET bound_to_fixed_port(int family, SOCKADDR_STORAGE *addr, int *len)
{
    SOCKET probe = lb_bound(family, SOCK_DGRAM, addr, len);
    SOCKET s = socket(family, SOCK_DGRAM, 0);

    closesocket(probe);     /* its port is free again, and now ours */
    ok(!bind(s, LB_ADDR(addr), *len), "bind failed: %d\n", WSAGetLastError());
    return s;
}

static void test_udp_disconnect(int family, const void *zeros, int zeros_len, const char *what)
{
    SOCKADDR_STORAGE a_addr, b_addr, c_addr, peer;
    int a_len, b_len, c_len, peer_len = sizeof(peer), ret;
    /* The wildcard address of a family, rather than storage of zeros. */
    BOOL wildcard = ((const struct sockaddr *)zeros)->sa_family != AF_UNSPEC;
    BOOL arrived;
    SOCKET a, b, c;

    winetest_push_context("%s", what);
    a = bound_to_fixed_port(family, &a_addr, &a_len);
    b = lb_bound(family, SOCK_DGRAM, &b_addr, &b_len);
    c = lb_bound(family, SOCK_DGRAM, &c_addr, &c_len);

    ok(!connect(a, LB_ADDR(&b_addr), b_len), "connect failed: %d\n", WSAGetLastError());
    /* Connected: the default peer takes send, and only it is heard. */
    ok(send(a, "to-b", 4, 0) == 4, "send failed: %d\n", WSAGetLastError());
    ok(!datagram_arrives(a, c, &a_addr, a_len, "from-c-1"), "a stranger's datagram arrived\n");

    WSASetLastError(0x5eed);
    ret = connect(a, zeros, zeros_len);
    ok(!ret, "disconnecting gave %d error %d\n", ret, WSAGetLastError());

    /* Disconnected (connect's documentation: an all-zero address
     * disconnects, and send then fails with WSAENOTCONN): no default peer,
     * and anyone is heard again.  Wine's builtin keeps the peer, or refuses
     * the zeroed storage (WSAEINVAL); Wine 10.0's takes the zeroed storage,
     * but takes a family's wildcard address for a peer, which getpeername
     * then reports (documented: WSAENOTCONN when not connected). */
    WSASetLastError(0x5eed);
    ret = send(a, "nowhere", 7, 0);
    todo_wine_if(wildcard || !on_wine_at_least(10, 0))
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN,
       "send without a peer gave %d error %d\n", ret, WSAGetLastError());
    WSASetLastError(0x5eed);
    ret = getpeername(a, LB_ADDR(&peer), &peer_len);
    todo_wine_if(wildcard && on_wine_at_least(10, 0))
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN,
       "getpeername gave %d error %d\n", ret, WSAGetLastError());
    arrived = datagram_arrives(a, c, &a_addr, a_len, "from-c-2");
    ok(arrived, "a datagram from another socket did not arrive\n");
    arrived = datagram_arrives(a, b, &a_addr, a_len, "from-b");
    ok(arrived, "the old peer's datagram did not arrive\n");
    /* The socket keeps its address. */
    ok(sendto(a, "to-c", 4, 0, LB_ADDR(&c_addr), c_len) == 4, "sendto failed: %d\n", WSAGetLastError());

    closesocket(a);
    closesocket(b);
    closesocket(c);
    winetest_pop_context();
}

static void test_udp_disconnects(void)
{
    SOCKADDR_STORAGE storage;
    struct sockaddr_in any4;
    struct sockaddr_in6 any6;

    memset(&storage, 0, sizeof(storage));
    memset(&any4, 0, sizeof(any4));
    memset(&any6, 0, sizeof(any6));
    any4.sin_family = AF_INET;
    any6.sin6_family = AF_INET6;
    test_udp_disconnect(AF_INET, &storage, sizeof(storage), "IPv4, zeroed storage");
    test_udp_disconnect(AF_INET, &any4, sizeof(any4), "IPv4, 0.0.0.0 port 0");
    test_udp_disconnect(AF_INET6, &any6, sizeof(any6), "IPv6, :: port 0");
    test_udp_disconnect(AF_INET6, &storage, sizeof(storage), "IPv6, zeroed storage");
}

/* A socket bound to an ephemeral port keeps it on Windows when its peer
 * is removed.  Linux gives an ephemeral port back at a disconnect, and
 * Wine's driver refuses a second bind, so the socket hears nothing until
 * it sends again: a gap of the driver, whichever DLL drives it. */
static void test_udp_disconnect_ephemeral(void)
{
    SOCKADDR_STORAGE a_addr, b_addr, zeros;
    int a_len, b_len;
    BOOL arrived;
    SOCKET a = lb_bound(AF_INET, SOCK_DGRAM, &a_addr, &a_len);
    SOCKET b = lb_bound(AF_INET, SOCK_DGRAM, &b_addr, &b_len);

    memset(&zeros, 0, sizeof(zeros));
    ok(!connect(a, LB_ADDR(&b_addr), b_len), "connect failed: %d\n", WSAGetLastError());
    ok(!connect(a, LB_ADDR(&zeros), sizeof(zeros)), "disconnect failed: %d\n", WSAGetLastError());
    arrived = datagram_arrives(a, b, &a_addr, a_len, "after");
    todo_if(1) ok(arrived, "the ephemeral port was lost\n");
    closesocket(a);
    closesocket(b);
}

/* A stream socket's zero address is still refused. */
static void test_tcp_zero_address(void)
{
    SOCKADDR_STORAGE storage;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    int ret;

    memset(&storage, 0, sizeof(storage));
    WSASetLastError(0x5eed);
    ret = connect(s, LB_ADDR(&storage), sizeof(storage));
    todo_wine     /* Wine's builtin reports success */
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEAFNOSUPPORT,
       "got %d error %d\n", ret, WSAGetLastError());
    closesocket(s);
}

/* recv and send on a listening socket fail at once. */
static void test_listening(BOOL blocking)
{
    struct lb_call call = { 0 };
    char buf[8];
    SOCKET l = lb_listener(NULL, NULL);
    int timeout = 2000;

    winetest_push_context(blocking ? "blocking" : "non-blocking");
    if (!blocking) lb_set_blocking(l, FALSE);
    /* A bound on the wait: with it a wrong answer ends in time. */
    setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));
    call.s = l;
    call.buf = buf;
    call.len = sizeof(buf);
    call.func = lb_do_recv;
    lb_call_start(&call);
    ok(lb_call_wait(&call, 4000), "recv did not return\n");
    todo_wine_if(blocking)
    ok(call.ret == SOCKET_ERROR && call.error == WSAENOTCONN && call.elapsed < 1000,
       "recv gave %lld error %d after %lu ms\n", (long long)call.ret, call.error, call.elapsed);

    call.func = lb_do_send;
    lb_call_start(&call);
    /* Wine's builtin waits (blocking) or says WSAECONNRESET. */
    if (lb_call_wait(&call, 4000))
        todo_wine
        ok(call.ret == SOCKET_ERROR && call.error == WSAENOTCONN,
           "send gave %lld error %d\n", (long long)call.ret, call.error);
    else
        todo_wine ok(0, "send did not return\n");
    closesocket(l);     /* ends a call still waiting */
    winetest_pop_context();
}

/* ---- recv's flags ---- */

static void test_waitall_combinations(void)
{
    static const struct { int flags; const char *name; } refused[] =
    {
        { MSG_WAITALL | MSG_PEEK, "WAITALL|PEEK" },
        { MSG_WAITALL | MSG_OOB, "WAITALL|OOB" },
        { MSG_WAITALL | MSG_PEEK | MSG_OOB, "WAITALL|PEEK|OOB" },
    };
    SOCKET client, server;
    char buf[16];
    unsigned int i;
    int ret;

    lb_tcp_pair(&client, &server);
    ok(send(server, "queued", 6, 0) == 6, "send failed: %d\n", WSAGetLastError());
    ok(lb_readable(client, 1000), "the data did not arrive\n");
    /* Non-blocking, so an implementation that takes MSG_OOB|MSG_WAITALL
     * cannot hang here; Windows refuses these combinations either way
     * (MSG_WAITALL is also refused on non-blocking sockets). */
    lb_set_blocking(client, FALSE);
    for (i = 0; i < ARRAY_SIZE(refused); i++)
    {
        WSASetLastError(0x5eed);
        memset(buf, 0x3c, sizeof(buf));
        ret = recv(client, buf, sizeof(buf), refused[i].flags);
        todo_wine   /* the builtin peeks, or waits for urgent data */
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP,
           "%s: got %d error %d\n", refused[i].name, ret, WSAGetLastError());
    }
    /* Nothing was consumed. */
    ret = recv(client, buf, sizeof(buf), 0);
    ok(ret == 6 && !memcmp(buf, "queued", 6), "recv gave %d error %d\n", ret, WSAGetLastError());
    closesocket(client);
    closesocket(server);
}

/* Out-of-band data asked for when only ordinary data is queued: a
 * blocking socket waits SO_RCVTIMEO, a non-blocking one does not wait. */
static void test_oob_without_urgent_data(void)
{
    struct lb_call call = { 0 };
    SOCKET client, server;
    char buf[16];
    int timeout = 300, ret;

    lb_tcp_pair(&client, &server);
    ok(send(server, "ordinary", 8, 0) == 8, "send failed: %d\n", WSAGetLastError());
    ok(lb_readable(client, 1000), "the data did not arrive\n");
    ok(!setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)),
       "SO_RCVTIMEO failed: %d\n", WSAGetLastError());

    call.s = client;
    call.buf = buf;
    call.len = sizeof(buf);
    call.flags = MSG_OOB;
    call.func = lb_do_recv;
    lb_call_start(&call);
    if (lb_call_wait(&call, 10000))  /* generous: a loaded machine */
        ok(call.ret == SOCKET_ERROR && call.error == WSAETIMEDOUT && call.elapsed >= 200,
           "recv(MSG_OOB) gave %lld error %d after %lu ms\n", (long long)call.ret, call.error, call.elapsed);
    else
        todo_wine ok(0, "recv(MSG_OOB) ignored SO_RCVTIMEO\n");
    closesocket(client);     /* ends a call still waiting */

    lb_tcp_pair(&client, &server);
    ok(send(server, "ordinary", 8, 0) == 8, "send failed: %d\n", WSAGetLastError());
    ok(lb_readable(client, 1000), "the data did not arrive\n");
    lb_set_blocking(client, FALSE);
    WSASetLastError(0x5eed);
    ret = recv(client, buf, sizeof(buf), MSG_OOB);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "non-blocking recv(MSG_OOB) gave %d error %d\n", ret, WSAGetLastError());
    ret = recv(client, buf, sizeof(buf), 0);
    ok(ret == 8, "the ordinary data is gone: %d error %d\n", ret, WSAGetLastError());
    closesocket(client);
    closesocket(server);
}

START_TEST(io)
{
    WSADATA data;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_udp_disconnects();
    test_udp_disconnect_ephemeral();
    test_tcp_zero_address();
    test_listening(TRUE);
    test_listening(FALSE);
    test_waitall_combinations();
    test_oob_without_urgent_data();
    WSACleanup();
}
