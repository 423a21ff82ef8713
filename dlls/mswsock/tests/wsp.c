/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSPStartup, mswsock as the base transport provider: version rules, and
 * a loopback conversation made only of the returned table's functions.
 */
#include "mswsock_test.h"

typedef int (WSPAPI *wspstartup_fn)(WORD, WSPDATA *, WSAPROTOCOL_INFOW *, WSPUPCALLTABLE, WSPPROC_TABLE *);

/* The catalog entry of the base TCP or UDP provider over IPv4. */
static BOOL find_protocol(int protocol, WSAPROTOCOL_INFOW *found)
{
    WSAPROTOCOL_INFOW list[64];
    DWORD size = sizeof(list);
    INT wanted[] = {protocol, 0};
    int n = WSAEnumProtocolsW(wanted, list, &size), i;

    for (i = 0; i < n; i++)
    {
        if (list[i].iAddressFamily != AF_INET || list[i].ProtocolChain.ChainLen != BASE_PROTOCOL) continue;
        *found = list[i];
        return TRUE;
    }
    return FALSE;
}

/* Rule (WSPStartup's documentation): a version below what the provider
 * supports fails with WSAVERNOTSUPPORTED; a newer one is answered with
 * the provider's; an unwritable lpWSPData or lpProcTable is WSAEFAULT. */
static void test_versions(wspstartup_fn startup)
{
    WSPUPCALLTABLE upcalls;
    WSPPROC_TABLE table;
    WSPDATA data;
    int ret;

    memset(&upcalls, 0, sizeof(upcalls));
    ret = startup(MAKEWORD(1, 1), &data, NULL, upcalls, &table);
    ok(ret == WSAVERNOTSUPPORTED, "1.1: got %d\n", ret);
    ret = startup(MAKEWORD(2, 0), &data, NULL, upcalls, &table);
    ok(ret == WSAVERNOTSUPPORTED, "2.0: got %d\n", ret);
    ret = startup(MAKEWORD(2, 2), NULL, NULL, upcalls, &table);
    ok(ret == WSAEFAULT, "no WSPDATA: got %d\n", ret);
    ret = startup(MAKEWORD(2, 2), &data, NULL, upcalls, NULL);
    ok(ret == WSAEFAULT, "no table: got %d\n", ret);

    memset(&data, 0x5a, sizeof(data));
    ret = startup(MAKEWORD(3, 7), &data, NULL, upcalls, &table);
    ok(!ret, "3.7: got %d\n", ret);
    ok(data.wVersion == MAKEWORD(2, 2) && data.wHighVersion == MAKEWORD(2, 2), "versions %#x %#x\n",
       data.wVersion, data.wHighVersion);
    ok(data.szDescription[0] && data.szDescription[WSPDESCRIPTION_LEN] == 0, "description %s\n",
       wine_dbgstr_w(data.szDescription));
    if (!ret)
    {
        int err = 0x3c3c;
        ok(!table.lpWSPCleanup(&err), "cleanup failed: %d\n", err);
    }
}

/* Rule: every entry of the table is a function (WSPPROC_TABLE). */
static void test_table_complete(const WSPPROC_TABLE *table)
{
    const void *const *entry = (const void *const *)table;
    unsigned int i;

    for (i = 0; i < sizeof(*table) / sizeof(void *); i++)
        ok(entry[i] != NULL, "entry %u is NULL\n", i);
}

/* Rule: the provider's sockets work end to end through its own table:
 * socket (by protocol info), bind, listen, connect, accept, send, recv,
 * shutdown, close. */
static void test_tcp_through_table(const WSPPROC_TABLE *t)
{
    static const char hello[] = "walnut orchard", reply[] = "apricot";
    WSAPROTOCOL_INFOW tcp;
    struct sockaddr_in addr = lb_addr4(0), peer;
    int len = sizeof(addr), peer_len = sizeof(peer), err;
    SOCKET listener, client, server;
    char buf[32];
    WSABUF wsabuf;
    DWORD done, flags;

    if (!find_protocol(IPPROTO_TCP, &tcp))
    {
        skip("no IPv4 TCP entry in the catalog\n");
        return;
    }
    err = 0x3c3c;
    listener = t->lpWSPSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED, &err);
    ok(listener != INVALID_SOCKET, "WSPSocket failed: %d\n", err);
    client = t->lpWSPSocket(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &tcp, 0,
                            WSA_FLAG_OVERLAPPED, &err);
    ok(client != INVALID_SOCKET, "WSPSocket from protocol info failed: %d\n", err);

    ok(!t->lpWSPBind(listener, LB_ADDR(&addr), sizeof(addr), &err), "WSPBind failed: %d\n", err);
    ok(!t->lpWSPGetSockName(listener, LB_ADDR(&addr), &len, &err), "WSPGetSockName failed: %d\n", err);
    ok(addr.sin_port != 0, "no port bound\n");
    ok(!t->lpWSPListen(listener, 2, &err), "WSPListen failed: %d\n", err);
    ok(!t->lpWSPConnect(client, LB_ADDR(&addr), sizeof(addr), NULL, NULL, NULL, NULL, &err),
       "WSPConnect failed: %d\n", err);
    server = t->lpWSPAccept(listener, LB_ADDR(&peer), &peer_len, NULL, 0, &err);
    ok(server != INVALID_SOCKET, "WSPAccept failed: %d\n", err);
    ok(peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "peer %#lx\n", (unsigned long)peer.sin_addr.s_addr);

    wsabuf.buf = (char *)hello;
    wsabuf.len = sizeof(hello);
    ok(!t->lpWSPSend(client, &wsabuf, 1, &done, 0, NULL, NULL, NULL, &err), "WSPSend failed: %d\n", err);
    ok(done == sizeof(hello), "sent %lu\n", done);
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    flags = 0;
    memset(buf, 0x77, sizeof(buf));
    ok(!t->lpWSPRecv(server, &wsabuf, 1, &done, &flags, NULL, NULL, NULL, &err), "WSPRecv failed: %d\n", err);
    ok(done == sizeof(hello) && !strcmp(buf, hello), "received %lu: %s\n", done, buf);

    /* the other way, and the stream's end after shutdown */
    wsabuf.buf = (char *)reply;
    wsabuf.len = sizeof(reply) - 1;
    ok(!t->lpWSPSend(server, &wsabuf, 1, &done, 0, NULL, NULL, NULL, &err), "WSPSend failed: %d\n", err);
    ok(!t->lpWSPShutdown(server, SD_SEND, &err), "WSPShutdown failed: %d\n", err);
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    ok(!t->lpWSPRecv(client, &wsabuf, 1, &done, &flags, NULL, NULL, NULL, &err), "WSPRecv failed: %d\n", err);
    ok(done == sizeof(reply) - 1 && !memcmp(buf, reply, done), "received %lu\n", done);
    ok(!t->lpWSPRecv(client, &wsabuf, 1, &done, &flags, NULL, NULL, NULL, &err) && !done,
       "expected the end of the stream, got %lu (error %d)\n", done, err);

    ok(!t->lpWSPCloseSocket(server, &err), "close failed: %d\n", err);
    ok(!t->lpWSPCloseSocket(client, &err), "close failed: %d\n", err);
    ok(!t->lpWSPCloseSocket(listener, &err), "close failed: %d\n", err);

    /* Rule: a failure's code lands in *lpErrno (here: the handle is gone) */
    err = 0x3c3c;
    ok(t->lpWSPListen(listener, 2, &err) == SOCKET_ERROR && err == WSAENOTSOCK, "closed socket: error %d\n", err);
}

/* Rule: datagrams through WSPSendTo / WSPRecvFrom, with the sender's
 * address; addresses to text and back through the table. */
static void test_udp_and_strings(const WSPPROC_TABLE *t)
{
    struct sockaddr_in a = lb_addr4(0), b = lb_addr4(0), from, parsed;
    int len = sizeof(a), from_len = sizeof(from), err = 0, parsed_len = sizeof(parsed);
    SOCKET sa, sb;
    WSABUF wsabuf;
    DWORD done, flags = 0, text_len;
    char buf[16];
    WCHAR text[64];

    sa = t->lpWSPSocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0, &err);
    sb = t->lpWSPSocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0, &err);
    ok(sa != INVALID_SOCKET && sb != INVALID_SOCKET, "WSPSocket failed: %d\n", err);
    ok(!t->lpWSPBind(sa, LB_ADDR(&a), sizeof(a), &err), "bind failed: %d\n", err);
    ok(!t->lpWSPBind(sb, LB_ADDR(&b), sizeof(b), &err), "bind failed: %d\n", err);
    t->lpWSPGetSockName(sa, LB_ADDR(&a), &len, &err);
    len = sizeof(b);
    t->lpWSPGetSockName(sb, LB_ADDR(&b), &len, &err);

    wsabuf.buf = (char *)"fennel";
    wsabuf.len = 6;
    ok(!t->lpWSPSendTo(sa, &wsabuf, 1, &done, 0, LB_ADDR(&b), sizeof(b), NULL, NULL, NULL, &err),
       "WSPSendTo failed: %d\n", err);
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    ok(!t->lpWSPRecvFrom(sb, &wsabuf, 1, &done, &flags, LB_ADDR(&from), &from_len, NULL, NULL, NULL, &err),
       "WSPRecvFrom failed: %d\n", err);
    ok(done == 6 && !memcmp(buf, "fennel", 6), "received %lu\n", done);
    ok(from.sin_port == a.sin_port, "from port %u, sender %u\n", ntohs(from.sin_port), ntohs(a.sin_port));
    t->lpWSPCloseSocket(sa, &err);
    t->lpWSPCloseSocket(sb, &err);

    text_len = ARRAYSIZE(text);
    parsed = lb_addr4(htons(4321));
    parsed.sin_addr.s_addr = htonl(0x7f000009);
    ok(!t->lpWSPAddressToString(LB_ADDR(&parsed), sizeof(parsed), NULL, text, &text_len, &err),
       "WSPAddressToString failed: %d\n", err);
    ok(!wcscmp(text, L"127.0.0.9:4321"), "text %s\n", wine_dbgstr_w(text));
    memset(&parsed, 0, sizeof(parsed));
    ok(!t->lpWSPStringToAddress((WCHAR *)L"10.20.30.40:2468", AF_INET, NULL, LB_ADDR(&parsed), &parsed_len, &err),
       "WSPStringToAddress failed: %d\n", err);
    ok(parsed.sin_addr.s_addr == htonl(0x0a141e28) && parsed.sin_port == htons(2468), "parsed %#lx:%u\n",
       (unsigned long)ntohl(parsed.sin_addr.s_addr), ntohs(parsed.sin_port));
    err = 0x3c3c;
    parsed_len = sizeof(parsed);
    ok(t->lpWSPStringToAddress((WCHAR *)L"10.20.30.40.50", AF_INET, NULL, LB_ADDR(&parsed), &parsed_len, &err)
       == SOCKET_ERROR && err == WSAEINVAL, "bad text: error %d\n", err);
}

/* Rules: overlapped receives complete through WSPGetOverlappedResult;
 * WSPEventSelect / WSPEnumNetworkEvents report readiness; WSPSelect sees
 * a readable socket; WSPIoctl answers FIONREAD; options round-trip. */
static void test_async_through_table(const WSPPROC_TABLE *t)
{
    SOCKET client, server, listener;
    SOCKADDR_STORAGE addr;
    int len = sizeof(addr);
    WSAOVERLAPPED ov;
    WSANETWORKEVENTS events;
    WSAEVENT event = WSACreateEvent();
    struct timeval wait = {2, 0};
    WSABUF wsabuf;
    DWORD done = 0, flags = 0, pending = 0;
    char buf[16];
    fd_set readable;
    WSAPROTOCOL_INFOW dup_info;
    int err = 0, ret, size = 0, size_len = sizeof(size);

    listener = lb_listener(&addr, &len);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(!connect(client, LB_ADDR(&addr), len), "connect failed: %d\n", WSAGetLastError());
    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    closesocket(listener);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    err = 0x3c3c;
    ret = t->lpWSPRecv(server, &wsabuf, 1, &done, &flags, &ov, NULL, NULL, &err);
    ok(ret == SOCKET_ERROR && err == WSA_IO_PENDING, "overlapped WSPRecv: %d, error %d\n", ret, err);
    ok(send(client, "chestnut", 8, 0) == 8, "send failed\n");
    ok(!WaitForSingleObject(ov.hEvent, 5000), "the receive did not complete\n");
    ok(t->lpWSPGetOverlappedResult(server, &ov, &done, FALSE, &flags, &err), "WSPGetOverlappedResult: %d\n", err);
    ok(done == 8 && !memcmp(buf, "chestnut", 8), "received %lu\n", done);

    ok(!t->lpWSPEventSelect(server, event, FD_READ, &err), "WSPEventSelect failed: %d\n", err);
    ok(send(client, "hazel", 5, 0) == 5, "send failed\n");
    ok(!WaitForSingleObject(event, 5000), "no FD_READ\n");
    memset(&events, 0, sizeof(events));
    ok(!t->lpWSPEnumNetworkEvents(server, event, &events, &err), "WSPEnumNetworkEvents failed: %d\n", err);
    ok(events.lNetworkEvents == FD_READ && !events.iErrorCode[FD_READ_BIT], "events %#lx\n", events.lNetworkEvents);
    ok(!t->lpWSPEventSelect(server, NULL, 0, &err), "WSPEventSelect off failed: %d\n", err);

    ok(!t->lpWSPIoctl(server, FIONREAD, NULL, 0, &pending, sizeof(pending), &done, NULL, NULL, NULL, &err),
       "WSPIoctl failed: %d\n", err);
    ok(pending == 5, "FIONREAD %lu\n", pending);
    FD_ZERO(&readable);
    FD_SET(server, &readable);
    ret = t->lpWSPSelect(0, &readable, NULL, NULL, &wait, &err);
    ok(ret == 1 && FD_ISSET(server, &readable), "WSPSelect: %d, error %d\n", ret, err);

    size = 12345;
    ok(!t->lpWSPSetSockOpt(server, SOL_SOCKET, SO_RCVBUF, (char *)&size, sizeof(size), &err), "set failed: %d\n", err);
    size = 0;
    ok(!t->lpWSPGetSockOpt(server, SOL_SOCKET, SO_RCVBUF, (char *)&size, &size_len, &err), "get failed: %d\n", err);
    ok(size >= 12345, "SO_RCVBUF %d\n", size);

    /* Rule: WSPJoinLeaf gives WSAJoinLeaf's answer: a TCP socket is no
     * multipoint leaf (WSAEINVAL after the address check); WSPDuplicateSocket
     * fills the structure for this process. */
    err = 0x3c3c;
    ok(t->lpWSPJoinLeaf(server, LB_ADDR(&addr), len, NULL, NULL, NULL, NULL, JL_BOTH, &err)
       == INVALID_SOCKET && err == WSAEINVAL, "WSPJoinLeaf: error %d\n", err);
    memset(&dup_info, 0, sizeof(dup_info));
    ok(!t->lpWSPDuplicateSocket(server, GetCurrentProcessId(), &dup_info, &err) && dup_info.iSocketType == SOCK_STREAM,
       "WSPDuplicateSocket: error %d\n", err);
    if (dup_info.dwProviderReserved) CloseHandle((HANDLE)(ULONG_PTR)dup_info.dwProviderReserved);
    WSACloseEvent(ov.hEvent);
    WSACloseEvent(event);
    closesocket(client);
    closesocket(server);
}

START_TEST(wsp)
{
    wspstartup_fn startup;
    WSPUPCALLTABLE upcalls;
    WSPPROC_TABLE table;
    WSPDATA data;
    int err;

    msw_start();
    if ((startup = msw_real("WSPStartup")))
    {
        test_versions(startup);
        memset(&upcalls, 0, sizeof(upcalls));
        memset(&table, 0, sizeof(table));
        ok(!startup(MAKEWORD(2, 2), &data, NULL, upcalls, &table), "WSPStartup failed\n");
        test_table_complete(&table);
        test_tcp_through_table(&table);
        test_udp_and_strings(&table);
        test_async_through_table(&table);
        ok(!table.lpWSPCleanup(&err), "WSPCleanup failed: %d\n", err);
    }
    msw_finish();
}
