/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests: WSAConnectByNameA, WSAConnectByNameW, WSAConnectByList,
 * and setsockopt(SO_UPDATE_CONNECT_CONTEXT) on the sockets they connect.
 *
 * Expected values are Windows': Microsoft's documentation and the results
 * Wine's conformance tests record for Windows (test_WSAConnectByName in
 * dlls/ws2_32/tests/sock.c).  Everything runs on loopback: listeners on
 * 127.0.0.1 and ::1 with ephemeral ports.  The time limit is tested with
 * a listener whose accept queue is full (Linux then drops new SYNs, so a
 * connect stalls), and, under tools/with-dns inside tools/no-net, with
 * multi.ws2.test, whose TEST-NET addresses stall there.
 *
 * Wine 8.0's builtin has WSAConnectByNameA/W but not WSAConnectByList,
 * and its time limit is a stub (a stalled connect would block for
 * minutes), so those parts are skipped there.
 */
#include <stddef.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "wine/test.h"
#include "wineversion.h"

typedef BOOL (WINAPI *by_name_a_fn)(SOCKET, LPSTR, LPSTR, LPDWORD, LPSOCKADDR, LPDWORD, LPSOCKADDR,
                                    const PTIMEVAL, LPWSAOVERLAPPED);
typedef BOOL (WINAPI *by_name_w_fn)(SOCKET, LPWSTR, LPWSTR, LPDWORD, LPSOCKADDR, LPDWORD, LPSOCKADDR,
                                    const PTIMEVAL, LPWSAOVERLAPPED);
typedef BOOL (WINAPI *by_list_fn)(SOCKET, PSOCKET_ADDRESS_LIST, LPDWORD, LPSOCKADDR, LPDWORD, LPSOCKADDR,
                                  const PTIMEVAL, LPWSAOVERLAPPED);

static by_name_a_fn pWSAConnectByNameA;
static by_name_w_fn pWSAConnectByNameW;
static by_list_fn pWSAConnectByList;
static BOOL have_ipv6, have_dns;

/* This file's sentinels: the last error before a call that must set it,
 * and the byte an address buffer is filled with where nothing may be
 * written.  A service name that no services file lists. */
#define CBN_ERROR_FILL 0x71c471c4
#define CBN_ADDR_FILL 0xa7
#define UNLISTED_SERVICE "ws2-unlisted-svc"
#define UNLISTED_SERVICE_W L"ws2-unlisted-svc"

/* ---- helpers ---- */

static BOOL is_builtin(void)
{
    return winetest_platform_is_wine();
}

/* Check a BOOL result and the last error; the call is evaluated once. */
static void check_result_(const char *file, int line, BOOL ret, BOOL expect_ret, int expect_err)
{
    int err = WSAGetLastError();
    ok_(file, line)(ret == expect_ret && (expect_ret || err == expect_err),
                    "got %d error %d, expected %d error %d\n", ret, err, expect_ret, expect_err);
}
#define check_result(ret, expect_ret, expect_err) \
    check_result_(__FILE__, __LINE__, (ret), (expect_ret), (expect_err))

/* An address buffer still holds CBN_ADDR_FILL everywhere. */
static BOOL untouched(const SOCKADDR_STORAGE *addr)
{
    const BYTE *p = (const BYTE *)addr;
    size_t i;

    for (i = 0; i < sizeof(*addr); i++) if (p[i] != CBN_ADDR_FILL) return FALSE;
    return TRUE;
}

static USHORT port_of(const SOCKADDR_STORAGE *addr)
{
    return ntohs(((const SOCKADDR_IN *)addr)->sin_port);  /* sin6_port is at the same place */
}

static void loopback(int family, USHORT port, SOCKADDR_STORAGE *addr, int *len)
{
    memset(addr, 0, sizeof(*addr));
    if (family == AF_INET)
    {
        SOCKADDR_IN *in = (SOCKADDR_IN *)addr;

        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        *len = sizeof(*in);
    }
    else
    {
        SOCKADDR_IN6 *in6 = (SOCKADDR_IN6 *)addr;

        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        in6->sin6_addr.s6_addr[15] = 1;
        *len = sizeof(*in6);
    }
}

/* ::ffff:127.0.0.1 with a port. */
static void mapped_loopback(USHORT port, SOCKADDR_IN6 *addr)
{
    memset(addr, 0, sizeof(*addr));
    addr->sin6_family = AF_INET6;
    addr->sin6_port = htons(port);
    addr->sin6_addr.s6_addr[10] = addr->sin6_addr.s6_addr[11] = 0xff;
    addr->sin6_addr.s6_addr[12] = 127;
    addr->sin6_addr.s6_addr[15] = 1;
}

/* A listening socket on the loopback address of `family`. */
static SOCKET listener(int family, int backlog, USHORT *port)
{
    SOCKADDR_STORAGE addr;
    SOCKET s;
    int len;

    if ((s = socket(family, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET) return s;
    loopback(family, 0, &addr, &len);
    if (bind(s, (SOCKADDR *)&addr, len) || listen(s, backlog) || getsockname(s, (SOCKADDR *)&addr, &len))
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    *port = port_of(&addr);
    return s;
}

/* A loopback port nothing listens on (it was free a moment ago). */
static USHORT closed_port(int family)
{
    SOCKADDR_STORAGE addr;
    SOCKET s = socket(family, SOCK_STREAM, IPPROTO_TCP);
    int len;

    loopback(family, 0, &addr, &len);
    ok(!bind(s, (SOCKADDR *)&addr, len), "bind failed: %d\n", WSAGetLastError());
    ok(!getsockname(s, (SOCKADDR *)&addr, &len), "getsockname failed: %d\n", WSAGetLastError());
    closesocket(s);
    return port_of(&addr);
}

static SOCKET tcp_socket(int family)
{
    SOCKET s = socket(family, SOCK_STREAM, IPPROTO_TCP);

    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    return s;
}

/* An IPv6 socket that takes IPv4 addresses as v4-mapped ones. */
static SOCKET dual_stack_socket(void)
{
    SOCKET s = tcp_socket(AF_INET6);
    int value = 1, len = sizeof(value);
    DWORD off = 0;

    /* IPV6_V6ONLY is on by default on Windows. */
    ok(!getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&value, &len) && value == 1,
       "IPV6_V6ONLY: error %d, value %d\n", WSAGetLastError(), value);
    ok(!setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&off, sizeof(off)),
       "setsockopt(IPV6_V6ONLY) failed: %d\n", WSAGetLastError());
    return s;
}

/* Accepts the connection of `client` on `l` (within 5 s) and checks it is
 * the same connection: the accepted socket's peer is the client's own
 * address. */
static void check_accepted_(const char *file, int line, SOCKET l, SOCKET client)
{
    SOCKADDR_STORAGE mine, peer;
    int len = sizeof(mine), plen = sizeof(peer);
    struct timeval tv = { 5, 0 };
    fd_set set;
    SOCKET a;
    char c = 'x';

    FD_ZERO(&set);
    FD_SET(l, &set);
    ok_(file, line)(select(0, &set, NULL, NULL, &tv) == 1, "no connection to accept\n");
    if (!FD_ISSET(l, &set)) return;
    a = accept(l, (SOCKADDR *)&peer, &plen);
    ok_(file, line)(a != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    ok_(file, line)(!getsockname(client, (SOCKADDR *)&mine, &len), "getsockname failed: %d\n", WSAGetLastError());
    if (mine.ss_family == AF_INET6 && peer.ss_family == AF_INET)
    {
        /* a dual-stack client of an IPv4 listener: its v4-mapped address */
        const SOCKADDR_IN6 *in6 = (const SOCKADDR_IN6 *)&mine;
        const SOCKADDR_IN *in = (const SOCKADDR_IN *)&peer;

        ok_(file, line)(in6->sin6_port == in->sin_port && !memcmp(in6->sin6_addr.s6_addr + 12, &in->sin_addr, 4),
                        "the accepted peer is not the client\n");
    }
    else ok_(file, line)(len == plen && !memcmp(&mine, &peer, len), "the accepted peer is not the client\n");
    /* and data goes through */
    ok_(file, line)(send(client, &c, 1, 0) == 1, "send failed: %d\n", WSAGetLastError());
    c = 0;
    ok_(file, line)(recv(a, &c, 1, 0) == 1 && c == 'x', "recv failed: %d\n", WSAGetLastError());
    closesocket(a);
}
#define check_accepted(l, client) check_accepted_(__FILE__, __LINE__, (l), (client))

/* Checks what a successful call reported against the socket: the remote
 * address is getpeername's; the local one is getsockname's with port 0. */
static void check_addresses_(const char *file, int line, SOCKET s, const SOCKADDR_STORAGE *local, DWORD llen,
                             const SOCKADDR_STORAGE *remote, DWORD rlen)
{
    SOCKADDR_STORAGE name;
    int len = sizeof(name);

    /* Windows wants this before getsockname/getpeername on the socket. */
    ok_(file, line)(!setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0),
                    "SO_UPDATE_CONNECT_CONTEXT failed: %d\n", WSAGetLastError());
    ok_(file, line)(!getpeername(s, (SOCKADDR *)&name, &len), "getpeername failed: %d\n", WSAGetLastError());
    ok_(file, line)(rlen == (DWORD)len && !memcmp(&name, remote, len), "remote address differs from getpeername's\n");
    len = sizeof(name);
    ok_(file, line)(!getsockname(s, (SOCKADDR *)&name, &len), "getsockname failed: %d\n", WSAGetLastError());
    ok_(file, line)(llen == (DWORD)len, "local length %lu, getsockname's %d\n", llen, len);
    ok_(file, line)(port_of(&name) != 0, "getsockname gives no port\n");
    ok_(file, line)(port_of(local) == 0, "local port %u, expected 0\n", port_of(local));
    ((SOCKADDR_IN *)&name)->sin_port = 0;
    ((SOCKADDR_IN *)local)->sin_port = 0;
    ok_(file, line)(!memcmp(&name, local, len), "local address differs from getsockname's\n");
}
#define check_addresses(s, local, llen, remote, rlen) \
    check_addresses_(__FILE__, __LINE__, (s), (local), (llen), (remote), (rlen))

static BOOL by_name(SOCKET s, const char *node, const char *service, DWORD *llen, SOCKADDR_STORAGE *local,
                    DWORD *rlen, SOCKADDR_STORAGE *remote, const struct timeval *timeout)
{
    WSASetLastError(CBN_ERROR_FILL);
    return pWSAConnectByNameA(s, (char *)node, (char *)service, llen, (SOCKADDR *)local, rlen,
                              (SOCKADDR *)remote, (PTIMEVAL)timeout, NULL);
}

static BOOL by_name_w(SOCKET s, const WCHAR *node, const WCHAR *service, DWORD *llen, SOCKADDR_STORAGE *local,
                      DWORD *rlen, SOCKADDR_STORAGE *remote, const struct timeval *timeout)
{
    WSASetLastError(CBN_ERROR_FILL);
    return pWSAConnectByNameW(s, (WCHAR *)node, (WCHAR *)service, llen, (SOCKADDR *)local, rlen,
                              (SOCKADDR *)remote, (PTIMEVAL)timeout, NULL);
}

/* A SOCKET_ADDRESS_LIST of up to four addresses. */
struct address_list
{
    SOCKET_ADDRESS_LIST list;
    SOCKET_ADDRESS more[3];
    SOCKADDR_STORAGE addrs[4];
};

static void list_init(struct address_list *l)
{
    memset(l, 0, sizeof(*l));
}

static void list_add(struct address_list *l, const void *addr, int len)
{
    int i = l->list.iAddressCount++;

    memcpy(&l->addrs[i], addr, len);
    l->list.Address[i].lpSockaddr = (SOCKADDR *)&l->addrs[i];
    l->list.Address[i].iSockaddrLength = len;
}

static void list_add_loopback(struct address_list *l, int family, USHORT port)
{
    SOCKADDR_STORAGE addr;
    int len;

    loopback(family, port, &addr, &len);
    list_add(l, &addr, len);
}

static BOOL by_list(SOCKET s, struct address_list *l, DWORD *llen, SOCKADDR_STORAGE *local,
                    DWORD *rlen, SOCKADDR_STORAGE *remote, const struct timeval *timeout)
{
    WSASetLastError(CBN_ERROR_FILL);
    return pWSAConnectByList(s, &l->list, llen, (SOCKADDR *)local, rlen, (SOCKADDR *)remote,
                             (PTIMEVAL)timeout, NULL);
}

/* ---- tests ---- */

static void test_not_started(void)
{
    BOOL ret;

    WSASetLastError(CBN_ERROR_FILL);
    ret = pWSAConnectByNameA(INVALID_SOCKET, (char *)"localhost", (char *)"80", NULL, NULL, NULL, NULL, NULL, NULL);
    /* Every Winsock function but a few fails before WSAStartup; Wine's
     * builtin gets as far as the socket (WSAENOTSOCK). */
    todo_wine check_result(ret, FALSE, WSANOTINITIALISED);
}

/* Argument errors (test_WSAConnectByName's Windows results). */
static void test_arguments(void)
{
    SOCKADDR_STORAGE local, remote;
    DWORD llen, rlen;
    USHORT port;
    char service[8];
    WCHAR wservice[8];
    SOCKET l, s;
    BOOL ret;

    l = listener(AF_INET, 5, &port);
    sprintf(service, "%u", port);
    swprintf(wservice, ARRAYSIZE(wservice), L"%u", port);

    /* node or service NULL: WSAEINVAL, even before a closed socket is noticed */
    s = tcp_socket(AF_INET);
    check_result(by_name(s, NULL, service, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
    check_result(by_name_w(s, NULL, L"80", NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
    closesocket(s);
    check_result(by_name(s, "127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
    check_result(by_name_w(s, L"127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);

    /* Reserved must be NULL */
    s = tcp_socket(AF_INET);
    WSASetLastError(CBN_ERROR_FILL);
    ret = pWSAConnectByNameA(s, (char *)"127.0.0.1", service, NULL, NULL, NULL, NULL, NULL,
                             (WSAOVERLAPPED *)&local);
    check_result(ret, FALSE, WSAEINVAL);
    closesocket(s);

    /* not a socket */
    check_result(by_name(INVALID_SOCKET, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL), FALSE, WSAENOTSOCK);
    check_result(by_name(s, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL), FALSE, WSAENOTSOCK);
    check_result(by_name_w(s, L"127.0.0.1", L"80", NULL, NULL, NULL, NULL, NULL), FALSE, WSAENOTSOCK);

    /* a connectionless socket: WSAEINVAL on current Windows (Wine's builtin
     * says WSAEFAULT, as Windows 10 1809 did) */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ret = by_name(s, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL);
    todo_wine check_result(ret, FALSE, WSAEINVAL);
    closesocket(s);

    /* the service is resolved for a stream socket */
    s = tcp_socket(AF_INET);
    check_result(by_name(s, "127.0.0.1", UNLISTED_SERVICE, NULL, NULL, NULL, NULL, NULL),
                 FALSE, WSATYPE_NOT_FOUND);
    check_result(by_name_w(s, L"127.0.0.1", UNLISTED_SERVICE_W, NULL, NULL, NULL, NULL, NULL),
                 FALSE, WSATYPE_NOT_FOUND);
    closesocket(s);

    /* output lengths shorter than the address: WSAEFAULT, lengths untouched */
    s = tcp_socket(AF_INET);
    llen = rlen = 6;
    memset(&local, 0, sizeof(local));
    memset(&remote, 0, sizeof(remote));
    check_result(by_name(s, "127.0.0.1", service, &llen, &local, &rlen, &remote, NULL), FALSE, WSAEFAULT);
    ok(llen == 6 && rlen == 6, "lengths changed to %lu, %lu\n", llen, rlen);
    closesocket(s);
    s = tcp_socket(AF_INET);
    llen = 11;
    rlen = 2;
    check_result(by_name_w(s, L"127.0.0.1", wservice, &llen, &local, &rlen, &remote, NULL), FALSE, WSAEFAULT);
    ok(llen == 11 && rlen == 2, "lengths changed to %lu, %lu\n", llen, rlen);
    closesocket(s);
    /* one short length is enough */
    s = tcp_socket(AF_INET);
    llen = sizeof(SOCKADDR_IN);
    rlen = sizeof(SOCKADDR_IN) - 1;
    check_result(by_name(s, "127.0.0.1", service, &llen, &local, &rlen, &remote, NULL), FALSE, WSAEFAULT);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN) - 1, "lengths changed to %lu, %lu\n", llen, rlen);
    closesocket(s);

    closesocket(l);
}

/* Pointers that cannot be used: WSAEFAULT, never a crash (this project's
 * rule; Windows' answer to them is not recorded). */
static void test_bad_pointers(void)
{
    SOCKADDR_STORAGE local;
    DWORD llen = sizeof(local);
    char *bad = (char *)1;
    SOCKET s;

    if (is_builtin())
    {
        skip("bad pointers: Wine's builtin does not check them\n");
        return;
    }
    s = tcp_socket(AF_INET);
    check_result(by_name(s, bad, "80", NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
    check_result(by_name(s, "127.0.0.1", bad, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
    check_result(by_name_w(s, (WCHAR *)bad, L"80", NULL, NULL, NULL, NULL, NULL), FALSE, WSAEFAULT);
    check_result(by_name(s, "127.0.0.1", "80", (DWORD *)bad, &local, NULL, NULL, NULL), FALSE, WSAEFAULT);
    check_result(by_name(s, "127.0.0.1", "80", &llen, (SOCKADDR_STORAGE *)bad, NULL, NULL, NULL), FALSE, WSAEFAULT);
    check_result(by_name(s, "127.0.0.1", "80", NULL, NULL, NULL, NULL, (const struct timeval *)bad),
                 FALSE, WSAEFAULT);
    if (pWSAConnectByList)
    {
        WSASetLastError(CBN_ERROR_FILL);
        check_result(pWSAConnectByList(s, (SOCKET_ADDRESS_LIST *)bad, NULL, NULL, NULL, NULL, NULL, NULL),
                     FALSE, WSAEFAULT);
    }
    closesocket(s);
}

/* IPv4: the outputs, the socket afterwards, and each output rule. */
static void test_ipv4(void)
{
    SOCKADDR_STORAGE local, remote;
    SOCKADDR_IN *rin = (SOCKADDR_IN *)&remote;
    struct timeval tv = { 5, 0 };
    DWORD llen, rlen;
    WCHAR wservice[8];
    char service[8], c;
    USHORT port;
    u_long on = 1;
    SOCKET l, s;
    BOOL ret;

    l = listener(AF_INET, 5, &port);
    ok(l != INVALID_SOCKET, "no listener: %d\n", WSAGetLastError());
    sprintf(service, "%u", port);
    swprintf(wservice, ARRAYSIZE(wservice), L"%u", port);

    /* every output */
    s = tcp_socket(AF_INET);
    llen = rlen = sizeof(SOCKADDR_IN);
    memset(&local, CBN_ADDR_FILL, sizeof(local));
    memset(&remote, CBN_ADDR_FILL, sizeof(remote));
    ret = by_name(s, "127.0.0.1", service, &llen, &local, &rlen, &remote, NULL);
    check_result(ret, TRUE, 0);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN), "lengths %lu, %lu\n", llen, rlen);
    ok(rin->sin_family == AF_INET && rin->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && ntohs(rin->sin_port) == port,
       "remote %u %#lx:%u\n", rin->sin_family, ntohl(rin->sin_addr.s_addr), ntohs(rin->sin_port));
    ok(local.ss_family == AF_INET, "local family %u\n", local.ss_family);
    check_addresses(s, &local, llen, &remote, rlen);
    check_accepted(l, s);
    closesocket(s);

    /* the W form, a name, and a time limit that is not reached */
    s = tcp_socket(AF_INET);
    llen = rlen = sizeof(SOCKADDR_IN);
    ret = by_name_w(s, L"localhost", wservice, &llen, &local, &rlen, &remote, &tv);
    check_result(ret, TRUE, 0);
    ok(rin->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && ntohs(rin->sin_port) == port, "wrong remote address\n");
    check_addresses(s, &local, llen, &remote, rlen);
    check_accepted(l, s);
    closesocket(s);

    /* no outputs at all */
    s = tcp_socket(AF_INET);
    check_result(by_name(s, "localhost", service, NULL, NULL, NULL, NULL, NULL), TRUE, 0);
    check_accepted(l, s);
    closesocket(s);

    /* a NULL length: that buffer is not written */
    s = tcp_socket(AF_INET);
    memset(&local, CBN_ADDR_FILL, sizeof(local));
    memset(&remote, CBN_ADDR_FILL, sizeof(remote));
    check_result(by_name(s, "127.0.0.1", service, NULL, &local, NULL, &remote, NULL), TRUE, 0);
    ok(untouched(&local) && untouched(&remote), "buffers written: %u, %u\n", local.ss_family, remote.ss_family);
    check_accepted(l, s);
    closesocket(s);

    /* a NULL buffer: that length is not looked at */
    s = tcp_socket(AF_INET);
    llen = rlen = sizeof(SOCKADDR_IN);
    check_result(by_name(s, "127.0.0.1", service, &llen, NULL, &rlen, NULL, NULL), TRUE, 0);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN), "lengths %lu, %lu\n", llen, rlen);
    check_accepted(l, s);
    closesocket(s);
    s = tcp_socket(AF_INET);
    llen = rlen = 1;
    check_result(by_name(s, "127.0.0.1", service, &llen, NULL, &rlen, NULL, NULL), TRUE, 0);
    ok(llen == 1 && rlen == 1, "lengths %lu, %lu\n", llen, rlen);
    check_accepted(l, s);
    closesocket(s);

    /* longer lengths come back as the address's */
    s = tcp_socket(AF_INET);
    llen = sizeof(SOCKADDR_IN) + 1;
    rlen = sizeof(SOCKADDR_STORAGE);
    check_result(by_name(s, "127.0.0.1", service, &llen, &local, &rlen, &remote, NULL), TRUE, 0);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN), "lengths %lu, %lu\n", llen, rlen);
    check_accepted(l, s);
    closesocket(s);

    /* a non-blocking socket: Windows documents that the call blocks all
     * the same (Wine's builtin fails with WSAEWOULDBLOCK); the socket stays
     * non-blocking */
    s = tcp_socket(AF_INET);
    ok(!ioctlsocket(s, FIONBIO, &on), "FIONBIO failed: %d\n", WSAGetLastError());
    llen = rlen = sizeof(SOCKADDR_IN);
    ret = by_name(s, "127.0.0.1", service, &llen, &local, &rlen, &remote, NULL);
    todo_wine check_result(ret, TRUE, 0);
    if (ret)
    {
        ok(ntohs(rin->sin_port) == port, "remote port %u\n", ntohs(rin->sin_port));
        ok(recv(s, &c, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
           "recv: error %d, expected WSAEWOULDBLOCK\n", WSAGetLastError());
        check_accepted(l, s);
    }
    closesocket(s);
    /* and with a time limit */
    s = tcp_socket(AF_INET);
    ok(!ioctlsocket(s, FIONBIO, &on), "FIONBIO failed: %d\n", WSAGetLastError());
    ret = by_name(s, "127.0.0.1", service, NULL, NULL, NULL, NULL, &tv);
    todo_wine check_result(ret, TRUE, 0);
    if (ret) check_accepted(l, s);
    closesocket(s);

    /* a bound socket (Windows 7 wanted an unbound one; Windows 10 does not);
     * a fresh listener, as the builtin's failures above may have left
     * connections in the old one's queue */
    closesocket(l);
    l = listener(AF_INET, 5, &port);
    sprintf(service, "%u", port);
    s = tcp_socket(AF_INET);
    {
        SOCKADDR_STORAGE addr;
        int len;

        loopback(AF_INET, 0, &addr, &len);
        ok(!bind(s, (SOCKADDR *)&addr, len), "bind failed: %d\n", WSAGetLastError());
    }
    check_result(by_name(s, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL), TRUE, 0);
    check_accepted(l, s);
    closesocket(s);

    closesocket(l);
}

/* Connections that fail: the error is the (last) connect's. */
static void test_refused(void)
{
    struct timeval tv = { 5, 0 };
    char service[8];
    SOCKET s;

    sprintf(service, "%u", closed_port(AF_INET));
    s = tcp_socket(AF_INET);
    check_result(by_name(s, "127.0.0.1", service, NULL, NULL, NULL, NULL, NULL), FALSE, WSAECONNREFUSED);
    /* After a failed attempt the socket can still connect (as connect's
     * documentation says for a refused connect).  Wine 8.0's builtin
     * passes on the WSAECONNABORTED Linux reports for the retry; Wine
     * 10.0's connects. */
    {
        USHORT port;
        SOCKET l = listener(AF_INET, 5, &port);
        char good[8];
        BOOL ret;

        sprintf(good, "%u", port);
        ret = by_name(s, "127.0.0.1", good, NULL, NULL, NULL, NULL, NULL);
        todo_wine_before(10, 0) check_result(ret, TRUE, 0);
        if (ret) check_accepted(l, s);
        closesocket(l);
    }
    closesocket(s);

    s = tcp_socket(AF_INET);
    check_result(by_name(s, "localhost", service, NULL, NULL, NULL, NULL, &tv), FALSE, WSAECONNREFUSED);
    closesocket(s);

    if (have_dns)
    {
        s = tcp_socket(AF_INET);
        check_result(by_name(s, "nonexistent.ws2.test", "80", NULL, NULL, NULL, NULL, NULL), FALSE, WSAHOST_NOT_FOUND);
        closesocket(s);
    }
    else skip("no test DNS (tools/with-dns): unknown names not tried\n");
}

static void test_ipv6(void)
{
    SOCKADDR_STORAGE local, remote;
    SOCKADDR_IN6 *rin6 = (SOCKADDR_IN6 *)&remote, mapped;
    IN6_ADDR loopback6;
    DWORD llen, rlen;
    USHORT port, port4;
    char service[8], service4[8];
    SOCKET l, l4, s;
    BOOL ret;

    if (!have_ipv6)
    {
        skip("no IPv6 loopback\n");
        return;
    }
    memset(&loopback6, 0, sizeof(loopback6));
    loopback6.s6_addr[15] = 1;
    l = listener(AF_INET6, 5, &port);
    sprintf(service, "%u", port);

    s = tcp_socket(AF_INET6);
    llen = rlen = sizeof(SOCKADDR_IN6);
    ret = by_name(s, "::1", service, &llen, &local, &rlen, &remote, NULL);
    check_result(ret, TRUE, 0);
    ok(llen == sizeof(SOCKADDR_IN6) && rlen == sizeof(SOCKADDR_IN6), "lengths %lu, %lu\n", llen, rlen);
    ok(rin6->sin6_family == AF_INET6 && !memcmp(&rin6->sin6_addr, &loopback6, 16) && ntohs(rin6->sin6_port) == port,
       "wrong remote address\n");
    check_addresses(s, &local, llen, &remote, rlen);
    check_accepted(l, s);
    closesocket(s);

    /* an IPv4-sized buffer is too small for an IPv6 socket's address */
    s = tcp_socket(AF_INET6);
    llen = rlen = sizeof(SOCKADDR_IN);
    check_result(by_name(s, "::1", service, &llen, &local, &rlen, &remote, NULL), FALSE, WSAEFAULT);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN), "lengths changed to %lu, %lu\n", llen, rlen);
    closesocket(s);

    /* Dual stack (documented for WSAConnectByName): an IPv4 listener
     * reached through a v4-mapped address.  Wine's builtin does not find
     * IPv4 addresses for an IPv6 socket. */
    l4 = listener(AF_INET, 5, &port4);
    sprintf(service4, "%u", port4);
    mapped_loopback(port4, &mapped);
    s = dual_stack_socket();
    llen = rlen = sizeof(SOCKADDR_IN6);
    ret = by_name(s, "127.0.0.1", service4, &llen, &local, &rlen, &remote, NULL);
    todo_wine check_result(ret, TRUE, 0);
    if (ret)
    {
        ok(rlen == sizeof(SOCKADDR_IN6) && !memcmp(&rin6->sin6_addr, &mapped.sin6_addr, 16)
           && ntohs(rin6->sin6_port) == port4, "wrong remote address: len %lu family %u port %u\n",
           rlen, rin6->sin6_family, ntohs(rin6->sin6_port));
        check_addresses(s, &local, llen, &remote, rlen);
        check_accepted(l4, s);
    }
    closesocket(s);

    /* "localhost" is ::1 and 127.0.0.1: only the second has a listener */
    s = dual_stack_socket();
    llen = rlen = sizeof(SOCKADDR_IN6);
    ret = by_name(s, "localhost", service4, &llen, &local, &rlen, &remote, NULL);
    todo_wine check_result(ret, TRUE, 0);
    if (ret)
    {
        ok(!memcmp(&rin6->sin6_addr, &mapped.sin6_addr, 16) && ntohs(rin6->sin6_port) == port4,
           "wrong remote address\n");
        check_accepted(l4, s);
    }
    closesocket(s);

    /* and the other way round */
    s = dual_stack_socket();
    llen = rlen = sizeof(SOCKADDR_IN6);
    ret = by_name(s, "localhost", service, &llen, &local, &rlen, &remote, NULL);
    todo_wine check_result(ret, TRUE, 0);
    if (ret)
    {
        ok(!memcmp(&rin6->sin6_addr, &loopback6, 16) && ntohs(rin6->sin6_port) == port, "wrong remote address\n");
        check_accepted(l, s);
    }
    closesocket(s);

    closesocket(l4);
    closesocket(l);
}

static void test_list(void)
{
    SOCKADDR_STORAGE local, remote;
    SOCKADDR_IN *rin = (SOCKADDR_IN *)&remote;
    SOCKADDR_IN6 *rin6 = (SOCKADDR_IN6 *)&remote, mapped;
    struct timeval tv = { 5, 0 };
    struct address_list list;
    USHORT port, port6, closed = closed_port(AF_INET), closed2;
    DWORD llen, rlen;
    SOCKET l, l6, s;
    BOOL ret;
    int err;

    if (!pWSAConnectByList)
    {
        skip("WSAConnectByList is not exported (Wine 8.0's builtin)\n");
        return;
    }
    l = listener(AF_INET, 5, &port);

    /* the refused address first, then the listener */
    list_init(&list);
    list_add_loopback(&list, AF_INET, closed);
    list_add_loopback(&list, AF_INET, port);
    s = tcp_socket(AF_INET);
    llen = rlen = sizeof(SOCKADDR_IN);
    check_result(by_list(s, &list, &llen, &local, &rlen, &remote, NULL), TRUE, 0);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN), "lengths %lu, %lu\n", llen, rlen);
    ok(rin->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && ntohs(rin->sin_port) == port, "wrong remote address\n");
    check_addresses(s, &local, llen, &remote, rlen);
    check_accepted(l, s);
    closesocket(s);

    /* with a time limit, and lengths longer than needed */
    s = tcp_socket(AF_INET);
    llen = rlen = sizeof(local);
    check_result(by_list(s, &list, &llen, &local, &rlen, &remote, &tv), TRUE, 0);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN), "lengths %lu, %lu\n", llen, rlen);
    check_accepted(l, s);
    closesocket(s);

    /* every address refuses: the last attempt's error */
    closed2 = closed_port(AF_INET);
    list_init(&list);
    list_add_loopback(&list, AF_INET, closed);
    list_add_loopback(&list, AF_INET, closed2);
    s = tcp_socket(AF_INET);
    check_result(by_list(s, &list, NULL, NULL, NULL, NULL, NULL), FALSE, WSAECONNREFUSED);
    closesocket(s);

    /* the documented argument errors */
    list_init(&list);
    list_add_loopback(&list, AF_INET, port);
    s = tcp_socket(AF_INET);
    WSASetLastError(CBN_ERROR_FILL);
    ret = pWSAConnectByList(s, &list.list, NULL, NULL, NULL, NULL, NULL, (WSAOVERLAPPED *)&local);
    check_result(ret, FALSE, WSAEINVAL);
    check_result(by_list(INVALID_SOCKET, &list, NULL, NULL, NULL, NULL, NULL), FALSE, WSAENOTSOCK);
    llen = 9;
    rlen = 12;
    check_result(by_list(s, &list, &llen, &local, &rlen, &remote, NULL), FALSE, WSAEFAULT);
    ok(llen == 9 && rlen == 12, "lengths changed to %lu, %lu\n", llen, rlen);
    /* no list or an empty one: an invalid parameter (the code is not
     * recorded for Windows) */
    WSASetLastError(CBN_ERROR_FILL);
    ret = pWSAConnectByList(s, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    err = WSAGetLastError();
    ok(!ret && (err == WSAEINVAL || err == WSAEFAULT), "got %d error %d\n", ret, err);
    list.list.iAddressCount = 0;
    WSASetLastError(CBN_ERROR_FILL);
    ret = by_list(s, &list, NULL, NULL, NULL, NULL, NULL);
    err = WSAGetLastError();
    ok(!ret && (err == WSAEINVAL || err == WSAEFAULT), "got %d error %d\n", ret, err);
    closesocket(s);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    list.list.iAddressCount = 1;
    check_result(by_list(s, &list, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
    closesocket(s);

    /* a mixed list needs a dual-stack socket and v4-mapped addresses */
    if (have_ipv6)
    {
        l6 = listener(AF_INET6, 5, &port6);
        mapped_loopback(port, &mapped);
        list_init(&list);
        list_add_loopback(&list, AF_INET6, closed_port(AF_INET6));
        list_add(&list, &mapped, sizeof(mapped));
        s = dual_stack_socket();
        llen = rlen = sizeof(SOCKADDR_IN6);
        check_result(by_list(s, &list, &llen, &local, &rlen, &remote, NULL), TRUE, 0);
        ok(rlen == sizeof(SOCKADDR_IN6) && !memcmp(&rin6->sin6_addr, &mapped.sin6_addr, 16)
           && ntohs(rin6->sin6_port) == port, "wrong remote address\n");
        check_addresses(s, &local, llen, &remote, rlen);
        check_accepted(l, s);
        closesocket(s);

        list_init(&list);
        list_add_loopback(&list, AF_INET6, port6);
        s = tcp_socket(AF_INET6);
        llen = rlen = sizeof(SOCKADDR_IN6);
        check_result(by_list(s, &list, &llen, &local, &rlen, &remote, NULL), TRUE, 0);
        ok(rlen == sizeof(SOCKADDR_IN6) && ntohs(rin6->sin6_port) == port6, "wrong remote address\n");
        check_accepted(l6, s);
        closesocket(s);
        closesocket(l6);
    }
    closesocket(l);
}

/* ---- the time limit ---- */

#define MAX_FILL 16

/* A listener whose accept queue is full, so that a new connect to it
 * stalls; fill[] gets the connections that filled it.  INVALID_SOCKET if
 * connects do not stall here. */
static SOCKET stalled_listener(USHORT *port, SOCKET *fill, int *count)
{
    SOCKADDR_STORAGE addr;
    struct timeval tv = { 0, 300000 };
    u_long on = 1;
    fd_set set;
    SOCKET l, c;
    int len;

    *count = 0;
    if ((l = listener(AF_INET, 0, port)) == INVALID_SOCKET) return l;
    loopback(AF_INET, *port, &addr, &len);
    while (*count < MAX_FILL)
    {
        c = tcp_socket(AF_INET);
        ioctlsocket(c, FIONBIO, &on);
        connect(c, (SOCKADDR *)&addr, len);
        fill[(*count)++] = c;
        FD_ZERO(&set);
        FD_SET(c, &set);
        if (!select(0, NULL, &set, NULL, &tv)) return l;    /* this one stalls */
    }
    closesocket(l);
    return INVALID_SOCKET;
}

static void test_timeout(void)
{
    struct timeval tv = { 0, 500000 };
    struct address_list list;
    SOCKET l, s, fill[MAX_FILL];
    DWORD start, elapsed;
    char service[8];
    USHORT port;
    u_long on = 1;
    int i, count;

    if (is_builtin())
    {
        skip("Wine's builtin ignores the time limit (a stub): a stalled connect would block\n");
        return;
    }
    if ((l = stalled_listener(&port, fill, &count)) == INVALID_SOCKET)
    {
        skip("connects to a full accept queue do not stall here\n");
        return;
    }
    sprintf(service, "%u", port);

    s = tcp_socket(AF_INET);
    start = GetTickCount();
    check_result(by_name(s, "127.0.0.1", service, NULL, NULL, NULL, NULL, &tv), FALSE, WSAETIMEDOUT);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 450 && elapsed < 3000, "took %lu ms\n", elapsed);
    closesocket(s);

    /* a non-blocking socket waits the same way */
    s = tcp_socket(AF_INET);
    ioctlsocket(s, FIONBIO, &on);
    start = GetTickCount();
    check_result(by_name(s, "localhost", service, NULL, NULL, NULL, NULL, &tv), FALSE, WSAETIMEDOUT);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 450 && elapsed < 3000, "took %lu ms\n", elapsed);
    closesocket(s);

    if (pWSAConnectByList)
    {
        list_init(&list);
        list_add_loopback(&list, AF_INET, port);
        s = tcp_socket(AF_INET);
        start = GetTickCount();
        check_result(by_list(s, &list, NULL, NULL, NULL, NULL, &tv), FALSE, WSAETIMEDOUT);
        elapsed = GetTickCount() - start;
        ok(elapsed >= 450 && elapsed < 3000, "took %lu ms\n", elapsed);
        closesocket(s);
    }

    for (i = 0; i < count; i++) closesocket(fill[i]);
    closesocket(l);
}

/* TEST-NET addresses from the test DNS: when the network makes a connect
 * to them stall, the time limit ends the call.  No test may send a packet
 * off the machine, so this runs only in the isolated network of
 * tools/no-net (WS2_TEST_ISOLATED_NET=1), whose link for 192.0.2.0/24
 * leads nowhere: there the connect stalls without leaving the namespace. */
static void test_timeout_dns(void)
{
    struct timeval tv = { 0, 500000 }, probe_tv = { 0, 700000 };
    SOCKADDR_IN addr = { 0 };
    DWORD start, elapsed;
    u_long on = 1;
    fd_set set, eset;
    char isolated[8];
    SOCKET s;
    int n;

    if (!have_dns)
    {
        skip("no test DNS (tools/with-dns)\n");
        return;
    }
    if (!GetEnvironmentVariableA("WS2_TEST_ISOLATED_NET", isolated, sizeof(isolated)) ||
        strcmp(isolated, "1"))
    {
        skip("not in an isolated network namespace (tools/no-net); not connecting off the machine\n");
        return;
    }
    if (is_builtin())
    {
        skip("Wine's builtin ignores the time limit (a stub)\n");
        return;
    }
    /* Does 192.0.2.10 (multi.ws2.test's first address) stall here? */
    s = tcp_socket(AF_INET);
    ioctlsocket(s, FIONBIO, &on);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(80);
    addr.sin_addr.s_addr = htonl(0xc000020a);
    connect(s, (SOCKADDR *)&addr, sizeof(addr));
    FD_ZERO(&set);
    FD_SET(s, &set);
    eset = set;
    n = select(0, NULL, &set, &eset, &probe_tv);
    closesocket(s);
    if (n)
    {
        skip("connects to 192.0.2.10 do not stall on this network\n");
        return;
    }
    s = tcp_socket(AF_INET);
    start = GetTickCount();
    check_result(by_name_w(s, L"multi.ws2.test", L"http", NULL, NULL, NULL, NULL, &tv), FALSE, WSAETIMEDOUT);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 450 && elapsed < 3000, "took %lu ms\n", elapsed);
    closesocket(s);
}

/* setsockopt(SO_UPDATE_CONNECT_CONTEXT) takes no value */
static void test_update_context(void)
{
    USHORT port;
    SOCKET l = listener(AF_INET, 5, &port), s;
    SOCKADDR_STORAGE addr;
    int len;

    loopback(AF_INET, port, &addr, &len);
    s = tcp_socket(AF_INET);
    ok(!connect(s, (SOCKADDR *)&addr, len), "connect failed: %d\n", WSAGetLastError());
    ok(!setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), "failed: %d\n", WSAGetLastError());
    check_accepted(l, s);
    closesocket(s);
    /* Wine's builtin takes the option without looking at the socket */
    WSASetLastError(CBN_ERROR_FILL);
    todo_wine ok(setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0) == SOCKET_ERROR
                 && WSAGetLastError() == WSAENOTSOCK, "closed socket: error %d\n", WSAGetLastError());
    closesocket(l);
}

START_TEST(connectbyname)
{
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
    WSADATA data;
    USHORT port;
    SOCKET s;

    pWSAConnectByNameA = (by_name_a_fn)GetProcAddress(ws2, "WSAConnectByNameA");
    pWSAConnectByNameW = (by_name_w_fn)GetProcAddress(ws2, "WSAConnectByNameW");
    pWSAConnectByList = (by_list_fn)GetProcAddress(ws2, "WSAConnectByList");
    if (!pWSAConnectByNameA || !pWSAConnectByNameW)
    {
        win_skip("WSAConnectByName is not exported\n");
        return;
    }
    have_dns = getenv("WS2_TEST_DNS") != NULL;

    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    if ((s = listener(AF_INET6, 1, &port)) != INVALID_SOCKET)
    {
        have_ipv6 = TRUE;
        closesocket(s);
    }
    test_arguments();
    test_bad_pointers();
    test_ipv4();
    test_refused();
    test_ipv6();
    test_list();
    test_update_context();
    test_timeout();
    test_timeout_dns();
    WSACleanup();
}
