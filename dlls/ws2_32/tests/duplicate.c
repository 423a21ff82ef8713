/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sockets across processes: WSADuplicateSocketA/W and WSASocket taking the
 * structure it fills, handles inherited by CreateProcess, and WSAJoinLeaf
 * on the TCP/IP providers.  The cross-process cases run this executable
 * again as a child ("duplicate child PIPE", "duplicate inherit HANDLES").
 */
#include <stdio.h>
#include <stdlib.h>
#include <winsock2.h>
#include <ws2tcpip.h>

#include "wine/test.h"
#include "loopback.h"

/* What a failing call must replace in the thread's last error. */
#define ERR_SENTINEL 0x5a5a0f0f
/* Fills a protocol structure before a call, to see what the call wrote. */
#define INFO_FILL 0x6b

/* Receives hold out this long at most, so a broken case fails, not hangs. */
#define RECV_MS 5000

/* A SOCKET for a message. */
#define SV(s) ((unsigned long long)(s))

static void set_recv_timeout(SOCKET s)
{
    DWORD ms = RECV_MS;

    ok(!setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)),
       "SO_RCVTIMEO: %d\n", WSAGetLastError());
}

/* Send text on s and check it arrives whole on peer. */
static void check_flow(SOCKET s, SOCKET peer, const char *text)
{
    char buf[64];
    int len = strlen(text), got;

    ok(send(s, text, len, 0) == len, "send of \"%s\": %d\n", text, WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    got = recv(peer, buf, sizeof(buf) - 1, 0);
    ok(got == len && !memcmp(buf, text, len), "expected \"%s\", got %d \"%s\" (error %d)\n",
       text, got, buf, WSAGetLastError());
}

/* A page that can be read but not written, for output arguments. */
static void *readonly_page(void)
{
    DWORD old;
    void *p = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

    memset(p, INFO_FILL, 4096);
    VirtualProtect(p, 4096, PAGE_READONLY, &old);
    return p;
}

static SOCKET protocol_info_socket(const WSAPROTOCOL_INFOW *info)
{
    return (SOCKET)(ULONG_PTR)info->dwProviderReserved;
}

/* ---- rule: argument errors, checked socket, then process, then the
 * structure (the order is recorded in Wine's socket tests for Windows:
 * an unknown process with no structure is WSAEINVAL) ---- */

struct dup_error_case
{
    const char *what;
    int socket_kind;        /* 0 a live socket, 1 an event handle, 2 a value naming nothing */
    int pid_kind;           /* 0 ours, 1 zero, 2 a pid nobody has */
    int info_kind;          /* 0 a stack buffer, 1 NULL, 2 a read-only page */
    DWORD error;
};

static const struct dup_error_case dup_errors[] =
{
    { "event handle",              1, 0, 0, WSAENOTSOCK },
    { "unused handle value",       2, 1, 1, WSAENOTSOCK },
    { "pid zero",                  0, 1, 0, WSAEINVAL },
    { "unknown pid, no structure", 0, 2, 1, WSAEINVAL },
    { "unknown pid, read-only",    0, 2, 2, WSAEINVAL },
    { "no structure",              0, 0, 1, WSAEFAULT },
    { "read-only structure",       0, 0, 2, WSAEFAULT },
};

static void test_duplicate_errors(void)
{
    WSAPROTOCOL_INFOW infow;
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    SOCKET live = socket(AF_INET6, SOCK_DGRAM, 0), s;
    void *page = readonly_page();
    unsigned int i, wide;
    DWORD pid;
    void *info;
    int ret;

    for (i = 0; i < ARRAY_SIZE(dup_errors); i++)
    {
        const struct dup_error_case *c = &dup_errors[i];

        s = c->socket_kind == 0 ? live : c->socket_kind == 1 ? (SOCKET)event : (SOCKET)0x7f3c;
        pid = c->pid_kind == 0 ? GetCurrentProcessId() : c->pid_kind == 1 ? 0 : 0x7ffffff4;
        info = c->info_kind == 0 ? (void *)&infow : c->info_kind == 1 ? NULL : page;
        /* Wine's builtin fills a structure it did not check and faults on
         * the read-only page: the documented result is WSAEFAULT. */
        if (winetest_platform_is_wine() && c->pid_kind == 0 && c->info_kind == 2)
        {
            skip("%s: Wine's builtin writes the structure unchecked\n", c->what);
            continue;
        }
        for (wide = 0; wide < 2; wide++)
        {
            WSASetLastError(ERR_SENTINEL);
            ret = wide ? WSADuplicateSocketW(s, pid, info) : WSADuplicateSocketA(s, pid, info);
            ok(ret == SOCKET_ERROR && WSAGetLastError() == (int)c->error, "%s (%c): got %d error %d\n",
               c->what, wide ? 'W' : 'A', ret, WSAGetLastError());
        }
    }
    /* Nothing may have been written to the read-only page. */
    ok(((BYTE *)page)[0] == INFO_FILL && ((BYTE *)page)[4095] == INFO_FILL, "page changed\n");
    VirtualFree(page, 0, MEM_RELEASE);
    CloseHandle(event);
    closesocket(live);
}

/* ---- rule: the structure is the socket's catalog entry, as
 * SO_PROTOCOL_INFO reports it, with the duplicated handle in
 * dwProviderReserved ---- */

static void check_info_w(int family, int type, int protocol)
{
    WSAPROTOCOL_INFOW dup, entry;
    int len = sizeof(entry);
    SOCKET s = socket(family, type, protocol), copy;

    memset(&dup, INFO_FILL, sizeof(dup));
    ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&entry, &len), "SO_PROTOCOL_INFOW: %d\n",
       WSAGetLastError());
    ok(!WSADuplicateSocketW(s, GetCurrentProcessId(), &dup), "WSADuplicateSocketW(%d/%d): %d\n",
       family, type, WSAGetLastError());
    ok(dup.iAddressFamily == family && dup.iSocketType == type && dup.iProtocol == entry.iProtocol,
       "%d/%d: got %d/%d/%d\n", family, type, dup.iAddressFamily, dup.iSocketType, dup.iProtocol);
    ok(dup.dwCatalogEntryId == entry.dwCatalogEntryId, "%d/%d: catalog id %lu, entry's %lu\n",
       family, type, dup.dwCatalogEntryId, entry.dwCatalogEntryId);
    ok(!wcscmp(dup.szProtocol, entry.szProtocol), "%d/%d: name %s\n", family, type,
       wine_dbgstr_w(dup.szProtocol));
    /* Windows' base provider keeps the handle in dwProviderReserved and
     * leaves the rest as the catalog has it; Wine's builtin uses two of the
     * service-flag words instead. */
    todo_wine ok(dup.dwProviderReserved != 0, "%d/%d: no handle\n", family, type);
    entry.dwProviderReserved = dup.dwProviderReserved;
    todo_wine ok(!memcmp(&dup, &entry, sizeof(dup)), "%d/%d: differs from SO_PROTOCOL_INFOW\n", family, type);

    copy = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &dup, 0, 0);
    ok(copy != INVALID_SOCKET && copy != s, "adopting: %#llx error %d\n", SV(copy), WSAGetLastError());
    closesocket(copy);
    closesocket(s);
}

static void check_info_a(int family, int type)
{
    WSAPROTOCOL_INFOA dup, entry;
    int len = sizeof(entry);
    SOCKET s = socket(family, type, 0), copy;

    memset(&dup, INFO_FILL, sizeof(dup));
    ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&entry, &len), "SO_PROTOCOL_INFOA: %d\n",
       WSAGetLastError());
    ok(!WSADuplicateSocketA(s, GetCurrentProcessId(), &dup), "WSADuplicateSocketA(%d/%d): %d\n",
       family, type, WSAGetLastError());
    ok(dup.iAddressFamily == family && dup.iSocketType == type && dup.iProtocol == entry.iProtocol,
       "%d/%d: got %d/%d/%d\n", family, type, dup.iAddressFamily, dup.iSocketType, dup.iProtocol);
    ok(!strcmp(dup.szProtocol, entry.szProtocol), "%d/%d: name %s\n", family, type, dup.szProtocol);
    todo_wine ok(dup.dwProviderReserved != 0, "%d/%d: no handle\n", family, type);
    entry.dwProviderReserved = dup.dwProviderReserved;
    todo_wine ok(!memcmp(&dup, &entry, sizeof(dup)), "%d/%d: differs from SO_PROTOCOL_INFOA\n", family, type);

    copy = WSASocketA(0, 0, 0, &dup, 0, WSA_FLAG_OVERLAPPED);
    ok(copy != INVALID_SOCKET && copy != s, "adopting: %#llx error %d\n", SV(copy), WSAGetLastError());
    closesocket(copy);
    closesocket(s);
}

static void test_duplicate_info(void)
{
    check_info_w(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    check_info_w(AF_INET6, SOCK_DGRAM, 0);
    check_info_w(AF_INET6, SOCK_STREAM, 0);
    check_info_a(AF_INET, SOCK_DGRAM);
    check_info_a(AF_INET6, SOCK_STREAM);
}

/* ---- rule: in the same process, the adopted handle is a second socket
 * handle on the same connection; closing either leaves the other ---- */

static SOCKET adopt_w(SOCKET s)
{
    WSAPROTOCOL_INFOW info;
    SOCKET copy;

    ok(!WSADuplicateSocketW(s, GetCurrentProcessId(), &info), "duplicate: %d\n", WSAGetLastError());
    copy = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, WSA_FLAG_OVERLAPPED);
    ok(copy != INVALID_SOCKET, "adopting: %d\n", WSAGetLastError());
    todo_wine ok(copy == protocol_info_socket(&info), "got %#llx, structure says %#lx\n", SV(copy),
                 info.dwProviderReserved);
    return copy;
}

static void test_duplicate_connected(void)
{
    struct sockaddr_in name1, name2;
    int len1 = sizeof(name1), len2 = sizeof(name2);
    SOCKET client, server, copy;
    char byte;

    lb_tcp_pair(&client, &server);
    set_recv_timeout(server);
    set_recv_timeout(client);
    copy = adopt_w(client);
    set_recv_timeout(copy);

    /* Same connection: the same two addresses. */
    ok(!getpeername(copy, LB_ADDR(&name1), &len1), "getpeername on the copy: %d\n", WSAGetLastError());
    ok(!getpeername(client, LB_ADDR(&name2), &len2), "getpeername: %d\n", WSAGetLastError());
    ok(len1 == len2 && !memcmp(&name1, &name2, len1), "peers differ\n");

    check_flow(copy, server, "from the copy");
    check_flow(client, server, "from the original");
    check_flow(server, copy, "to the copy");

    /* Closing the original leaves the copy connected. */
    ok(!closesocket(client), "closesocket: %d\n", WSAGetLastError());
    check_flow(copy, server, "after the original closed");
    check_flow(server, copy, "back after the original closed");

    /* The last handle gone, the peer sees the end. */
    ok(!closesocket(copy), "closesocket of the copy: %d\n", WSAGetLastError());
    ok(recv(server, &byte, 1, 0) == 0, "expected the end of the stream, error %d\n", WSAGetLastError());
    closesocket(server);
}

/* A copy of a listening socket takes connections; a copy of a bound UDP
 * socket reads what is sent to the original's address. */
static void test_duplicate_states(void)
{
    SOCKADDR_STORAGE addr;
    SOCKET listener, copy, client, accepted, udp, sender;
    char buf[16];
    int len, got;

    listener = lb_listener(&addr, &len);
    copy = adopt_w(listener);
    ok(!closesocket(listener), "closesocket: %d\n", WSAGetLastError());
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, LB_ADDR(&addr), len), "connect to the copy: %d\n", WSAGetLastError());
    accepted = accept(copy, NULL, NULL);
    ok(accepted != INVALID_SOCKET, "accept on the copy: %d\n", WSAGetLastError());
    set_recv_timeout(accepted);
    check_flow(client, accepted, "listener copy");
    closesocket(accepted);
    closesocket(client);
    closesocket(copy);

    udp = lb_bound(AF_INET6, SOCK_DGRAM, &addr, &len);
    copy = adopt_w(udp);
    set_recv_timeout(copy);
    sender = socket(AF_INET6, SOCK_DGRAM, 0);
    ok(sendto(sender, "datagram", 8, 0, LB_ADDR(&addr), len) == 8, "sendto: %d\n", WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    got = recvfrom(copy, buf, sizeof(buf), 0, NULL, NULL);
    ok(got == 8 && !memcmp(buf, "datagram", 8), "recvfrom on the copy: %d error %d\n", got, WSAGetLastError());
    closesocket(sender);
    closesocket(copy);
    closesocket(udp);
}

/* ---- rule (WSASocket's documentation): a structure already used for a
 * duplicated socket, or otherwise invalid, is WSAEINVAL ---- */
static void test_duplicate_reuse(void)
{
    WSAPROTOCOL_INFOW info, plain;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), first, second, fresh;
    int len = sizeof(plain);

    ok(!WSADuplicateSocketW(s, GetCurrentProcessId(), &info), "duplicate: %d\n", WSAGetLastError());
    first = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    ok(first != INVALID_SOCKET, "first use: %d\n", WSAGetLastError());

    WSASetLastError(ERR_SENTINEL);
    second = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    todo_wine ok(second == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "second use: %#llx error %d\n",
                 SV(second), WSAGetLastError());
    if (second != INVALID_SOCKET && second != first) closesocket(second);

    /* Once the adopted socket is closed the structure names nothing. */
    closesocket(first);
    WSASetLastError(ERR_SENTINEL);
    second = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    todo_wine ok(second == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "stale use: %#llx error %d\n",
                 SV(second), WSAGetLastError());

    /* The socket's own catalog entry has no handle: WSASocket makes a new
     * socket of that kind. */
    ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&plain, &len), "SO_PROTOCOL_INFOW: %d\n",
       WSAGetLastError());
    fresh = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &plain, 0, 0);
    ok(fresh != INVALID_SOCKET && fresh != s, "new socket from the entry: %#llx error %d\n", SV(fresh),
       WSAGetLastError());
    closesocket(fresh);

    /* The original is untouched by all of this. */
    len = sizeof(plain);
    ok(!getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&plain, &len), "original gone: %d\n",
       WSAGetLastError());
    closesocket(s);
}

/* ---- a child process adopting two duplicated sockets ----
 * The parent hands the child the structures over a named pipe, then the
 * two take turns, one byte on the pipe each:
 *   parent: sends "p1" to A's peer end, writes both structures;
 *   child:  adopts A and B, reads "p1" and answers "c1" on A, closes B, writes 'b';
 *   parent: reads "c1", finds its own B still working, closes its A, writes 'a';
 *   child:  answers "c2" on A, reads "p2" on A, closes A. */

struct child_infos
{
    WSAPROTOCOL_INFOW a;
    WSAPROTOCOL_INFOA b;
};

static BOOL pipe_read(HANDLE pipe, void *buf, DWORD size)
{
    DWORD got;

    while (size)
    {
        if (!ReadFile(pipe, buf, size, &got, NULL) || !got) return FALSE;
        buf = (char *)buf + got;
        size -= got;
    }
    return TRUE;
}

static BOOL pipe_write(HANDLE pipe, const void *buf, DWORD size)
{
    DWORD done;

    return WriteFile(pipe, buf, size, &done, NULL) && done == size;
}

static void child_adopt(const char *pipe_name)
{
    struct child_infos infos;
    SOCKADDR_STORAGE name;
    HANDLE pipe;
    SOCKET a, b;
    char buf[8], step;
    int len = sizeof(name), got;

    pipe = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(pipe != INVALID_HANDLE_VALUE, "child: pipe %s: %lu\n", pipe_name, GetLastError());
    ok(pipe_read(pipe, &infos, sizeof(infos)), "child: no structures\n");

    a = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &infos.a, 0, 0);
    ok(a != INVALID_SOCKET, "child: adopting A: %d\n", WSAGetLastError());
    todo_wine ok(a == protocol_info_socket(&infos.a), "child: A is %#llx\n", SV(a));
    b = WSASocketA(0, 0, 0, &infos.b, 0, WSA_FLAG_OVERLAPPED);
    ok(b != INVALID_SOCKET, "child: adopting B: %d\n", WSAGetLastError());
    set_recv_timeout(a);

    ok(!getsockname(a, LB_ADDR(&name), &len) && name.ss_family == AF_INET, "child: getsockname: %d\n",
       WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    got = recv(a, buf, sizeof(buf), 0);
    ok(got == 2 && !memcmp(buf, "p1", 2), "child: first receive %d \"%s\" (error %d)\n", got, buf,
       WSAGetLastError());
    ok(send(a, "c1", 2, 0) == 2, "child: send c1: %d\n", WSAGetLastError());
    ok(!closesocket(b), "child: closing B: %d\n", WSAGetLastError());
    ok(pipe_write(pipe, "b", 1), "child: pipe write\n");

    ok(pipe_read(pipe, &step, 1) && step == 'a', "child: parent did not close A\n");
    ok(send(a, "c2", 2, 0) == 2, "child: send c2 on A after the parent closed it: %d\n", WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    got = recv(a, buf, sizeof(buf), 0);
    ok(got == 2 && !memcmp(buf, "p2", 2), "child: second receive %d \"%s\" (error %d)\n", got, buf,
       WSAGetLastError());
    ok(!closesocket(a), "child: closing A: %d\n", WSAGetLastError());
    CloseHandle(pipe);
}

static void test_duplicate_child(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    struct child_infos infos;
    SOCKET a, a_peer, b, b_peer;
    char cmd[MAX_PATH + 96], pipe_name[64], buf[8], step, **argv;
    HANDLE pipe;
    int got;

    winetest_get_mainargs(&argv);
    sprintf(pipe_name, "\\\\.\\pipe\\ws2dup-%lu-%lu", GetCurrentProcessId(), GetTickCount());
    pipe = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 4096, 4096, 0, NULL);
    ok(pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu\n", GetLastError());

    lb_tcp_pair(&a, &a_peer);
    lb_tcp_pair(&b, &b_peer);
    set_recv_timeout(a_peer);
    set_recv_timeout(b_peer);

    /* Not inheriting: the child has the sockets only through the structures. */
    sprintf(cmd, "\"%s\" duplicate child %s", argv[0], pipe_name);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "CreateProcess: %lu\n", GetLastError());
        return;
    }
    ok(ConnectNamedPipe(pipe, NULL) || GetLastError() == ERROR_PIPE_CONNECTED, "ConnectNamedPipe: %lu\n",
       GetLastError());

    ok(!WSADuplicateSocketW(a, pi.dwProcessId, &infos.a), "duplicating A: %d\n", WSAGetLastError());
    ok(!WSADuplicateSocketA(b, pi.dwProcessId, &infos.b), "duplicating B: %d\n", WSAGetLastError());
    ok(send(a_peer, "p1", 2, 0) == 2, "send p1: %d\n", WSAGetLastError());
    ok(pipe_write(pipe, &infos, sizeof(infos)), "pipe write\n");

    ok(pipe_read(pipe, &step, 1) && step == 'b', "child did not get to B\n");
    memset(buf, 0, sizeof(buf));
    got = recv(a_peer, buf, sizeof(buf), 0);
    ok(got == 2 && !memcmp(buf, "c1", 2), "child's first answer %d \"%s\" (error %d)\n", got, buf,
       WSAGetLastError());
    /* The child closed its copy of B; ours still carries data both ways. */
    check_flow(b, b_peer, "B after the child closed its copy");
    check_flow(b_peer, b, "back on B");

    ok(!closesocket(a), "closing A: %d\n", WSAGetLastError());
    ok(pipe_write(pipe, "a", 1), "pipe write\n");
    memset(buf, 0, sizeof(buf));
    got = recv(a_peer, buf, sizeof(buf), 0);
    ok(got == 2 && !memcmp(buf, "c2", 2), "child's answer after our close %d \"%s\" (error %d)\n", got, buf,
       WSAGetLastError());
    ok(send(a_peer, "p2", 2, 0) == 2, "send p2: %d\n", WSAGetLastError());

    wait_child_process(pi.hProcess);
    /* The child closed the last handle on A. */
    got = recv(a_peer, buf, sizeof(buf), 0);
    ok(got == 0, "expected A to have ended, got %d error %d\n", got, WSAGetLastError());

    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(pipe);
    closesocket(a_peer);
    closesocket(b);
    closesocket(b_peer);
}

/* ---- inheritance: socket() and WSASocket make inheritable handles
 * unless WSA_FLAG_NO_HANDLE_INHERIT; SetHandleInformation changes that.
 * The child gets the four handle values on its command line:
 *   plain   socket(), inherited, says "inherited" on its connection;
 *   noinh   WSA_FLAG_NO_HANDLE_INHERIT: not a socket in the child;
 *   cleared socket() with the flag taken away: not a socket in the child;
 *   set     WSA_FLAG_NO_HANDLE_INHERIT with the flag given: inherited. ---- */

static void child_inherit(char **argv)
{
    SOCKET plain = (SOCKET)_strtoui64(argv[3], NULL, 16);
    SOCKET noinh = (SOCKET)_strtoui64(argv[4], NULL, 16);
    SOCKET cleared = (SOCKET)_strtoui64(argv[5], NULL, 16);
    SOCKET set = (SOCKET)_strtoui64(argv[6], NULL, 16);
    SOCKADDR_STORAGE name;
    char buf[8];
    int len, got;

    len = sizeof(name);
    ok(!getsockname(plain, LB_ADDR(&name), &len) && name.ss_family == AF_INET,
       "child: getsockname on the inherited socket: %d\n", WSAGetLastError());
    /* Documented (WSASocket): the handles socket() makes are inheritable,
     * so the child's copy is a working socket; Wine's builtin send refuses
     * a socket it did not create (WSAENOTSOCK). */
    got = send(plain, "inherited", 9, 0);
    todo_wine ok(got == 9, "child: send: %d error %d\n", got, WSAGetLastError());
    set_recv_timeout(plain);
    memset(buf, 0, sizeof(buf));
    got = recv(plain, buf, sizeof(buf), 0);
    ok(got == 3 && !memcmp(buf, "ack", 3), "child: recv %d \"%s\" (error %d)\n", got, buf, WSAGetLastError());

    len = sizeof(name);
    WSASetLastError(ERR_SENTINEL);
    ok(getsockname(noinh, LB_ADDR(&name), &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "child: WSA_FLAG_NO_HANDLE_INHERIT socket: error %d\n", WSAGetLastError());
    len = sizeof(name);
    WSASetLastError(ERR_SENTINEL);
    ok(getsockname(cleared, LB_ADDR(&name), &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "child: socket with inheritance cleared: error %d\n", WSAGetLastError());

    len = sizeof(name);
    ok(!getsockname(set, LB_ADDR(&name), &len), "child: socket with inheritance set: %d\n", WSAGetLastError());
    got = send(set, "set", 3, 0);
    todo_wine ok(got == 3, "child: send on it: %d error %d\n", got, WSAGetLastError());
    closesocket(plain);
    closesocket(set);
}

static BOOL inheritable(SOCKET s)
{
    DWORD flags = 0;

    ok(GetHandleInformation((HANDLE)s, &flags), "GetHandleInformation: %lu\n", GetLastError());
    return !!(flags & HANDLE_FLAG_INHERIT);
}

/* An adopted handle follows WSASocket's rule for new sockets: inheritable
 * unless WSA_FLAG_NO_HANDLE_INHERIT. */
static void test_adopted_inheritance(void)
{
    WSAPROTOCOL_INFOW info;
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, 0), copy;
    BOOL inherit;

    ok(!WSADuplicateSocketW(s, GetCurrentProcessId(), &info), "duplicate: %d\n", WSAGetLastError());
    copy = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                      WSA_FLAG_NO_HANDLE_INHERIT);
    ok(copy != INVALID_SOCKET, "adopting: %d\n", WSAGetLastError());
    ok(!inheritable(copy), "WSA_FLAG_NO_HANDLE_INHERIT copy is inheritable\n");
    closesocket(copy);

    ok(!WSADuplicateSocketW(s, GetCurrentProcessId(), &info), "duplicate: %d\n", WSAGetLastError());
    copy = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    ok(copy != INVALID_SOCKET, "adopting: %d\n", WSAGetLastError());
    inherit = inheritable(copy);
    /* Wine's builtin hands over a handle that is not inheritable. */
    todo_wine ok(inherit, "copy is not inheritable\n");
    closesocket(copy);
    closesocket(s);
}

/* A connected pair whose first socket is made with these WSASocket flags. */
static void pair_with_flags(DWORD flags, SOCKET *s, SOCKET *peer)
{
    SOCKADDR_STORAGE addr;
    int len;
    SOCKET l = lb_listener(&addr, &len);

    *s = WSASocketW(AF_INET, SOCK_STREAM, 0, NULL, 0, flags);
    ok(*s != INVALID_SOCKET, "WSASocketW(%#lx): %d\n", flags, WSAGetLastError());
    ok(!connect(*s, LB_ADDR(&addr), len), "connect: %d\n", WSAGetLastError());
    *peer = accept(l, NULL, NULL);
    ok(*peer != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    set_recv_timeout(*peer);
    closesocket(l);
}

static void test_inherit(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    SOCKET plain, plain_peer, noinh, noinh_peer, cleared, set, set_peer;
    char cmd[MAX_PATH + 128], buf[16], **argv;
    int got;

    winetest_get_mainargs(&argv);
    lb_tcp_pair(&plain, &plain_peer);
    set_recv_timeout(plain_peer);
    pair_with_flags(WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT, &noinh, &noinh_peer);
    cleared = socket(AF_INET6, SOCK_DGRAM, 0);
    pair_with_flags(WSA_FLAG_NO_HANDLE_INHERIT, &set, &set_peer);

    ok(inheritable(plain), "socket() made a handle that is not inheritable\n");
    ok(!inheritable(noinh), "WSA_FLAG_NO_HANDLE_INHERIT made an inheritable handle\n");
    ok(inheritable(noinh_peer), "accept made a handle that is not inheritable\n");
    ok(SetHandleInformation((HANDLE)cleared, HANDLE_FLAG_INHERIT, 0), "clearing: %lu\n", GetLastError());
    ok(!inheritable(cleared), "still inheritable\n");
    ok(SetHandleInformation((HANDLE)set, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT), "setting: %lu\n",
       GetLastError());
    ok(inheritable(set), "not inheritable after setting\n");

    sprintf(cmd, "\"%s\" duplicate inherit %#llx %#llx %#llx %#llx", argv[0], SV(plain), SV(noinh), SV(cleared), SV(set));
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "CreateProcess: %lu\n", GetLastError());
        return;
    }
    memset(buf, 0, sizeof(buf));
    got = recv(plain_peer, buf, sizeof(buf), 0);
    /* Wine's builtin: the child's send failed (see child_inherit). */
    todo_wine ok(got == 9 && !memcmp(buf, "inherited", 9), "from the child: %d \"%s\" (error %d)\n", got, buf,
       WSAGetLastError());
    ok(send(plain_peer, "ack", 3, 0) == 3, "send ack: %d\n", WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    got = recv(set_peer, buf, sizeof(buf), 0);
    todo_wine ok(got == 3 && !memcmp(buf, "set", 3), "from the child on the set socket: %d \"%s\" (error %d)\n", got,
       buf, WSAGetLastError());
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    /* The child's closes left our handles working. */
    check_flow(plain, plain_peer, "parent after the child");
    check_flow(set, set_peer, "set socket after the child");
    closesocket(plain);
    closesocket(plain_peer);
    closesocket(noinh);
    closesocket(noinh_peer);
    closesocket(cleared);
    closesocket(set);
    closesocket(set_peer);
}

/* ---- WSAJoinLeaf: the TCP/IP sockets are no multipoint leaves.  The
 * documented error for a UDP socket opened without
 * WSA_FLAG_MULTIPOINT_C_LEAF/_D_LEAF is WSAEINVAL, and a TCP socket cannot
 * be one at all; the socket and the arguments are checked first. ---- */

static void check_join(SOCKET s, const struct sockaddr *addr, int len, WSABUF *caller, WSABUF *callee,
                       QOS *qos, DWORD flags, DWORD error, const char *what)
{
    SOCKET ret;

    WSASetLastError(ERR_SENTINEL);
    ret = WSAJoinLeaf(s, addr, len, caller, callee, qos, NULL, flags);
    ok(ret == INVALID_SOCKET, "%s: got %#llx\n", what, SV(ret));
    todo_wine ok(WSAGetLastError() == (int)error, "%s: error %d, expected %lu\n", what, WSAGetLastError(), error);
}

static void test_join_leaf(void)
{
    struct sockaddr_in to4 = lb_addr4(htons(9));
    struct sockaddr_in6 to6 = lb_addr6(htons(9));
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0);
    SOCKET udp = socket(AF_INET6, SOCK_DGRAM, 0);
    SOCKADDR_STORAGE peer;
    WSABUF caller, *ro_callee = readonly_page();
    char data[4] = "leaf";
    int len = sizeof(peer);

    caller.buf = data;
    caller.len = sizeof(data);

    /* Not a socket. */
    check_join((SOCKET)event, LB_ADDR(&to4), sizeof(to4), NULL, NULL, NULL, JL_BOTH, WSAENOTSOCK, "event");
    /* The peer's address: missing, or shorter than the family's. */
    check_join(tcp, NULL, sizeof(to4), NULL, NULL, NULL, JL_BOTH, WSAEFAULT, "no address");
    check_join(tcp, LB_ADDR(&to4), sizeof(to4) - 3, NULL, NULL, NULL, JL_BOTH, WSAEFAULT, "short address");
    check_join(udp, LB_ADDR(&to6), sizeof(struct sockaddr_in), NULL, NULL, NULL, JL_SENDER_ONLY, WSAEFAULT,
               "IPv6 socket, IPv4-sized address");
    /* The callee data must be writable. */
    check_join(tcp, LB_ADDR(&to4), sizeof(to4), NULL, ro_callee, NULL, JL_BOTH, WSAEFAULT, "read-only callee");
    /* Valid arguments on sockets that are no multipoint leaves. */
    check_join(tcp, LB_ADDR(&to4), sizeof(to4), NULL, NULL, NULL, JL_BOTH, WSAEINVAL, "TCP");
    check_join(tcp, LB_ADDR(&to4), sizeof(to4), &caller, NULL, NULL, JL_SENDER_ONLY, WSAEINVAL, "TCP with data");
    check_join(udp, LB_ADDR(&to6), sizeof(to6), NULL, NULL, NULL, JL_RECEIVER_ONLY, WSAEINVAL, "UDP");

    /* Nothing was joined: the TCP socket is not connected. */
    WSASetLastError(ERR_SENTINEL);
    ok(getpeername(tcp, LB_ADDR(&peer), &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN,
       "after WSAJoinLeaf: error %d\n", WSAGetLastError());

    VirtualFree(ro_callee, 0, MEM_RELEASE);
    closesocket(tcp);
    closesocket(udp);
    CloseHandle(event);
}

/* Every entry point needs WSAStartup first. */
static void test_not_started(void)
{
    struct sockaddr_in to = lb_addr4(htons(9));
    WSAPROTOCOL_INFOW info;
    SOCKET ret;

    /* Wine's builtin fails these without setting an error. */
    WSASetLastError(ERR_SENTINEL);
    ok(WSADuplicateSocketW((SOCKET)0x1e4, GetCurrentProcessId(), &info) == SOCKET_ERROR,
       "WSADuplicateSocketW succeeded\n");
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "WSADuplicateSocketW: error %d\n", WSAGetLastError());
    WSASetLastError(ERR_SENTINEL);
    ok(WSADuplicateSocketA((SOCKET)0x1e4, GetCurrentProcessId(), (WSAPROTOCOL_INFOA *)&info) == SOCKET_ERROR,
       "WSADuplicateSocketA succeeded\n");
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "WSADuplicateSocketA: error %d\n", WSAGetLastError());
    WSASetLastError(ERR_SENTINEL);
    ret = WSAJoinLeaf((SOCKET)0x1e4, LB_ADDR(&to), sizeof(to), NULL, NULL, NULL, NULL, JL_BOTH);
    ok(ret == INVALID_SOCKET, "WSAJoinLeaf: %#llx\n", SV(ret));
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "WSAJoinLeaf: error %d\n", WSAGetLastError());
}

START_TEST(duplicate)
{
    WSADATA data;
    char **argv;
    int argc = winetest_get_mainargs(&argv);

    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    if (argc > 3 && !strcmp(argv[2], "child"))
        child_adopt(argv[3]);
    else if (argc > 6 && !strcmp(argv[2], "inherit"))
        child_inherit(argv);
    else
    {
        test_duplicate_errors();
        test_duplicate_info();
        test_duplicate_connected();
        test_duplicate_states();
        test_duplicate_reuse();
        test_duplicate_child();
        test_inherit();
        test_adopted_inheritance();
        test_join_leaf();
    }
    WSACleanup();
}
