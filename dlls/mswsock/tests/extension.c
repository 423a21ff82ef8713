/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mswsock's extension exports: AcceptEx, GetAcceptExSockaddrs,
 * TransmitFile (the socket provider's functions, reached through mswsock)
 * and WSARecvEx (recv with MSG_PARTIAL as output).
 */
#include "mswsock_test.h"

typedef BOOL (WINAPI *acceptex_fn)(SOCKET, SOCKET, void *, DWORD, DWORD, DWORD, DWORD *, OVERLAPPED *);
typedef void (WINAPI *sockaddrs_fn)(void *, DWORD, DWORD, DWORD, struct sockaddr **, int *,
                                    struct sockaddr **, int *);
typedef BOOL (WINAPI *transmit_fn)(SOCKET, HANDLE, DWORD, DWORD, OVERLAPPED *, TRANSMIT_FILE_BUFFERS *, DWORD);
typedef int (WINAPI *recvex_fn)(SOCKET, char *, int, int *);

#define ADDR_ROOM (sizeof(struct sockaddr_in) + 16)

/* Rule: AcceptEx accepts a connection and its first data; the buffer's
 * addresses come back through GetAcceptExSockaddrs. */
static void test_acceptex_roundtrip(void)
{
    acceptex_fn accept_ex = msw_any("AcceptEx");
    sockaddrs_fn sockaddrs = msw_any("GetAcceptExSockaddrs");
    static const char first[] = "quince";
    char buffer[32 + 2 * ADDR_ROOM];
    SOCKADDR_STORAGE listen_addr;
    struct sockaddr_in client_addr;
    struct sockaddr *local = NULL, *remote = NULL;
    int len, local_len = 0, remote_len = 0, client_len = sizeof(client_addr);
    DWORD got = 0x5a5a5a5a, flags;
    OVERLAPPED ov;
    SOCKET listener, acceptor, client;
    BOOL ret;

    if (!accept_ex || !sockaddrs) return;
    listener = lb_listener(&listen_addr, &len);
    acceptor = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(buffer, 0x77, sizeof(buffer));

    ret = accept_ex(listener, acceptor, buffer, sizeof(first) - 1, ADDR_ROOM, ADDR_ROOM, &got, &ov);
    ok(!ret && WSAGetLastError() == ERROR_IO_PENDING, "AcceptEx: %d, error %d\n", ret, WSAGetLastError());

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(!connect(client, LB_ADDR(&listen_addr), len), "connect failed: %d\n", WSAGetLastError());
    ok(send(client, first, sizeof(first) - 1, 0) == sizeof(first) - 1, "send failed\n");
    ok(!WaitForSingleObject(ov.hEvent, 5000), "AcceptEx did not complete\n");
    ok(WSAGetOverlappedResult(listener, (WSAOVERLAPPED *)&ov, &got, FALSE, &flags), "failed: %d\n",
       WSAGetLastError());
    ok(got == sizeof(first) - 1, "received %lu bytes\n", got);
    ok(!memcmp(buffer, first, sizeof(first) - 1), "data %.6s\n", buffer);

    sockaddrs(buffer, sizeof(first) - 1, ADDR_ROOM, ADDR_ROOM, &local, &local_len, &remote, &remote_len);
    getsockname(client, (struct sockaddr *)&client_addr, &client_len);
    ok(local && local_len == sizeof(struct sockaddr_in), "local %p, %d\n", local, local_len);
    ok(remote && remote_len == sizeof(struct sockaddr_in), "remote %p, %d\n", remote, remote_len);
    if (local && remote)
    {
        ok(((struct sockaddr_in *)local)->sin_port == ((struct sockaddr_in *)&listen_addr)->sin_port,
           "local port %u\n", ntohs(((struct sockaddr_in *)local)->sin_port));
        ok(((struct sockaddr_in *)remote)->sin_port == client_addr.sin_port,
           "remote port %u, client %u\n", ntohs(((struct sockaddr_in *)remote)->sin_port),
           ntohs(client_addr.sin_port));
    }
    CloseHandle(ov.hEvent);
    closesocket(client);
    closesocket(acceptor);
    closesocket(listener);
}

/* Rule: the extension functions belong to a socket; a handle that is not
 * one fails with WSAENOTSOCK. */
static void test_not_a_socket(void)
{
    acceptex_fn accept_ex = msw_any("AcceptEx");
    transmit_fn transmit = msw_any("TransmitFile");
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    char buffer[2 * ADDR_ROOM];
    DWORD got;
    BOOL ret;

    if (accept_ex)
    {
        WSASetLastError(0x3c3c);
        ret = accept_ex((SOCKET)event, (SOCKET)event, buffer, 0, ADDR_ROOM, ADDR_ROOM, &got, NULL);
        /* Wine's says ERROR_INVALID_PARAMETER; WSAENOTSOCK is the documented error */
        todo_wine ok(!ret && WSAGetLastError() == WSAENOTSOCK, "AcceptEx: %d, error %d\n", ret, WSAGetLastError());
    }
    if (transmit)
    {
        WSASetLastError(0x3c3c);
        ret = transmit((SOCKET)event, NULL, 0, 0, NULL, NULL, 0);
        ok(!ret && WSAGetLastError() == WSAENOTSOCK, "TransmitFile: %d, error %d\n", ret, WSAGetLastError());
    }
    CloseHandle(event);
}

/* Rule: TransmitFile sends a file's contents, with head and tail buffers. */
static void test_transmitfile(void)
{
    transmit_fn transmit = msw_any("TransmitFile");
    static const char body[] = "plum-pear-fig", head[] = "<<", tail[] = ">>";
    char path[MAX_PATH], dir[MAX_PATH], got[64];
    TRANSMIT_FILE_BUFFERS extra;
    SOCKET client, server;
    HANDLE file;
    DWORD written;
    int total = 0, n;

    if (!transmit) return;
    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "msw", 0, path);
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());
    WriteFile(file, body, sizeof(body) - 1, &written, NULL);
    SetFilePointer(file, 0, NULL, FILE_BEGIN);

    lb_tcp_pair(&client, &server);
    extra.Head = (void *)head;
    extra.HeadLength = 2;
    extra.Tail = (void *)tail;
    extra.TailLength = 2;
    ok(transmit(client, file, 0, 0, NULL, &extra, 0), "TransmitFile failed: %d\n", WSAGetLastError());
    shutdown(client, SD_SEND);
    while (total < (int)sizeof(got) && (n = recv(server, got + total, sizeof(got) - total, 0)) > 0)
        total += n;
    ok(total == 4 + sizeof(body) - 1, "received %d bytes\n", total);
    ok(!memcmp(got, "<<plum-pear-fig>>", 17), "got %.17s\n", got);
    closesocket(client);
    closesocket(server);
    CloseHandle(file);
}

/* A connected UDP pair on loopback. */
static void udp_pair(SOCKET *a, SOCKET *b)
{
    SOCKADDR_STORAGE addr_a, addr_b;
    int len_a, len_b;

    *a = lb_bound(AF_INET, SOCK_DGRAM, &addr_a, &len_a);
    *b = lb_bound(AF_INET, SOCK_DGRAM, &addr_b, &len_b);
    ok(!connect(*a, LB_ADDR(&addr_b), len_b), "connect failed: %d\n", WSAGetLastError());
    ok(!connect(*b, LB_ADDR(&addr_a), len_a), "connect failed: %d\n", WSAGetLastError());
}

/* Rule (WSARecvEx's documentation): flags is output only; a datagram
 * larger than the buffer is returned in part with MSG_PARTIAL set; a
 * whole one clears it; a stream never sets it.  Wine's WSARecvEx always
 * fails (not implemented), hence the todo_wine on every result. */
static void test_recvex(void)
{
    recvex_fn recvex = msw_any("WSARecvEx");
    static const char big[] = "0123456789abcdefghijklmn", small[] = "tiny!";
    char buf[40];
    SOCKET a, b, client, server;
    int ret, flags;

    if (!recvex) return;
    udp_pair(&a, &b);
    ok(send(a, big, sizeof(big) - 1, 0) == sizeof(big) - 1, "send failed\n");
    ok(send(a, small, sizeof(small) - 1, 0) == sizeof(small) - 1, "send failed\n");

    flags = 0;
    memset(buf, 0x77, sizeof(buf));
    ret = recvex(b, buf, 9, &flags);
    todo_wine ok(ret == 9, "got %d, error %d\n", ret, WSAGetLastError());
    todo_wine ok(flags == MSG_PARTIAL, "flags %#x\n", flags);
    todo_wine ok(!memcmp(buf, big, 9) && buf[9] == 0x77, "data %.10s\n", buf);

    /* output only: whatever the caller left in flags does not matter */
    flags = 0x5a;
    ret = recvex(b, buf, sizeof(buf), &flags);
    todo_wine ok(ret == sizeof(small) - 1, "got %d, error %d\n", ret, WSAGetLastError());
    todo_wine ok(flags == 0, "flags %#x\n", flags);
    closesocket(a);
    closesocket(b);

    lb_tcp_pair(&client, &server);
    ok(send(client, big, 12, 0) == 12, "send failed\n");
    Sleep(50);
    flags = 0;
    ret = recvex(server, buf, 5, &flags);
    todo_wine ok(ret == 5 && flags == 0, "stream: got %d, flags %#x\n", ret, flags);
    ret = recvex(server, buf, sizeof(buf), &flags);
    todo_wine ok(ret == 7 && flags == 0 && !memcmp(buf, big + 5, 7), "stream: got %d, flags %#x\n", ret, flags);

    if (msw_ours())
    {
        /* an unwritable flags pointer is WSAEFAULT (Wine's crashes) */
        WSASetLastError(0);
        ret = recvex(server, buf, sizeof(buf), NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    }
    closesocket(client);
    closesocket(server);
}

/* Rule: before WSAStartup every call fails with WSANOTINITIALISED. */
static void test_not_started(void)
{
    acceptex_fn accept_ex = msw_any("AcceptEx");
    recvex_fn recvex = msw_any("WSARecvEx");
    char buf[8];
    int flags = 0, ret;
    WSADATA data;
    BOOL done;

    if (!accept_ex || !recvex) return;
    WSACleanup();
    WSASetLastError(0);
    done = accept_ex(1, 2, buf, 0, 0, 0, NULL, NULL);
    /* Wine's AcceptEx does not check for WSAStartup (ERROR_INVALID_PARAMETER) */
    todo_wine ok(!done && WSAGetLastError() == WSANOTINITIALISED, "AcceptEx: %d, %d\n", done, WSAGetLastError());
    WSASetLastError(0);
    ret = recvex(1, buf, sizeof(buf), &flags);
    /* Wine's WSARecvEx fails without setting an error */
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "WSARecvEx: %d, %d\n", ret,
                 WSAGetLastError());
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
}

START_TEST(extension)
{
    msw_start();
    test_acceptex_roundtrip();
    test_not_a_socket();
    test_transmitfile();
    test_recvex();
    /* last: Wine 10's mswsock remembers a failed first lookup */
    test_not_started();
    msw_finish();
}
