/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * AF_UNIX stream sockets (afunix.h), as Windows 10 1803 and later have
 * them: SOCK_STREAM only, pathname sockets that leave a file behind for the
 * application to delete, abstract names (sun_path[0] zero), and blocking
 * calls that other threads can end.  Wine's builtin has no AF_UNIX
 * sockets, so there every case after socket() is skipped.
 */
#include <stddef.h>
#include <stdio.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <afunix.h>
#include "wine/test.h"

/* What the blocking threads below pass around. */
struct blocked_call
{
    SOCKET s;
    HANDLE started;
    int result;
    int error;
    char buf[32];
};

static char temp_dir[MAX_PATH];

/* A path of our own in the temp directory: "ux<pid>-<tag>.sck". */
static void make_path(char *path, size_t size, const char *tag)
{
    snprintf(path, size, "%sux%lu-%s.sck", temp_dir, GetCurrentProcessId(), tag);
}

/* The address of a path name; the length counts the terminating zero. */
static int path_address(SOCKADDR_UN *addr, const char *path)
{
    memset(addr, 0x5a, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    strcpy(addr->sun_path, path);
    return offsetof(SOCKADDR_UN, sun_path) + strlen(path) + 1;
}

/* An abstract name: a zero byte, then the name; the length ends it. */
static int abstract_address(SOCKADDR_UN *addr, const char *name)
{
    memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    memcpy(addr->sun_path + 1, name, strlen(name));
    return offsetof(SOCKADDR_UN, sun_path) + 1 + strlen(name);
}

static SOCKET unix_socket(void)
{
    SOCKET s = socket(AF_UNIX, SOCK_STREAM, 0);
    ok(s != INVALID_SOCKET, "socket(AF_UNIX): %d\n", WSAGetLastError());
    return s;
}

/* A listener on addr and a client connected to it, and the accepted end. */
static BOOL make_pair(const SOCKADDR_UN *addr, int len, SOCKET *listener, SOCKET *client, SOCKET *server)
{
    *listener = unix_socket();
    *client = unix_socket();
    *server = INVALID_SOCKET;
    if (*listener == INVALID_SOCKET || *client == INVALID_SOCKET) return FALSE;
    ok(!bind(*listener, (const struct sockaddr *)addr, len), "bind: %d\n", WSAGetLastError());
    ok(!listen(*listener, 4), "listen: %d\n", WSAGetLastError());
    ok(!connect(*client, (const struct sockaddr *)addr, len), "connect: %d\n", WSAGetLastError());
    *server = accept(*listener, NULL, NULL);
    ok(*server != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    return *server != INVALID_SOCKET;
}

static void close_all(SOCKET a, SOCKET b, SOCKET c)
{
    closesocket(a);
    closesocket(b);
    closesocket(c);
}

static BOOL file_exists(const char *path)
{
    return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
}

/* Rule: only SOCK_STREAM with protocol 0; the socket says so. */
static void test_create(void)
{
    int type = 0x77, len = sizeof(type);
    SOCKET s;

    s = socket(AF_UNIX, SOCK_DGRAM, 0);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAESOCKTNOSUPPORT,
       "datagram AF_UNIX socket: %p, error %d\n", (void *)s, WSAGetLastError());
    s = socket(AF_UNIX, SOCK_STREAM, IPPROTO_TCP);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEPROTONOSUPPORT,
       "AF_UNIX with TCP: %p, error %d\n", (void *)s, WSAGetLastError());

    s = WSASocketW(AF_UNIX, SOCK_STREAM, 0, NULL, 0, 0);
    ok(s != INVALID_SOCKET, "WSASocketW: %d\n", WSAGetLastError());
    ok(!getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len), "SO_TYPE: %d\n", WSAGetLastError());
    ok(type == SOCK_STREAM && len == sizeof(int), "SO_TYPE %d, length %d\n", type, len);
    ok(!closesocket(s), "closesocket: %d\n", WSAGetLastError());
    /* Closed: the value no longer names a socket. */
    ok(closesocket(s) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "second closesocket: error %d\n", WSAGetLastError());
}

/* Rules of bind on a path: the path becomes a file the application must
 * delete; a taken path is WSAEADDRINUSE; a socket binds once; the address
 * must be AF_UNIX and long enough to hold the family. */
static void test_bind_path(void)
{
    char path[MAX_PATH];
    SOCKADDR_UN addr, name;
    struct sockaddr_in in4;
    int len, name_len;
    SOCKET a, b;

    make_path(path, sizeof(path), "bind");
    DeleteFileA(path);
    len = path_address(&addr, path);
    a = unix_socket();
    b = unix_socket();

    /* Not bound yet: getsockname's documented WSAEINVAL. */
    name_len = sizeof(name);
    ok(getsockname(a, (struct sockaddr *)&name, &name_len) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "getsockname before bind: error %d\n", WSAGetLastError());

    ok(bind(a, (struct sockaddr *)&addr, 1) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "one-byte address: error %d\n", WSAGetLastError());
    memset(&in4, 0, sizeof(in4));
    in4.sin_family = AF_INET;
    ok(bind(a, (struct sockaddr *)&in4, sizeof(in4)) == SOCKET_ERROR && WSAGetLastError() == WSAEAFNOSUPPORT,
       "IPv4 address: error %d\n", WSAGetLastError());

    ok(!bind(a, (struct sockaddr *)&addr, len), "bind: %d\n", WSAGetLastError());
    ok(file_exists(path), "no file at %s after bind\n", path);
    ok(bind(a, (struct sockaddr *)&addr, len) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
       "second bind of one socket: error %d\n", WSAGetLastError());
    ok(bind(b, (struct sockaddr *)&addr, len) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRINUSE,
       "bind to a taken path: error %d\n", WSAGetLastError());

    memset(&name, 0x3c, sizeof(name));
    name_len = sizeof(name);
    ok(!getsockname(a, (struct sockaddr *)&name, &name_len), "getsockname: %d\n", WSAGetLastError());
    ok(name.sun_family == AF_UNIX && !strcmp(name.sun_path, path), "name %u \"%.108s\"\n", name.sun_family,
       name.sun_path);
    ok(name_len >= (int)(offsetof(SOCKADDR_UN, sun_path) + strlen(path)), "name length %d\n", name_len);
    name_len = 3;
    ok(getsockname(a, (struct sockaddr *)&name, &name_len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "three-byte buffer: error %d\n", WSAGetLastError());

    /* Closing leaves the file; the path stays taken until it is deleted. */
    closesocket(a);
    ok(file_exists(path), "the file went with the socket\n");
    ok(bind(b, (struct sockaddr *)&addr, len) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRINUSE,
       "bind over the left file: error %d\n", WSAGetLastError());
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
    ok(!bind(b, (struct sockaddr *)&addr, len), "bind after the delete: %d\n", WSAGetLastError());
    closesocket(b);
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
}

/* Rule: any path that fits sun_path works, however long the host's path
 * for it is (the host's own limit is also 108 bytes). */
static void test_long_path(void)
{
    char dir[MAX_PATH], path[MAX_PATH], buf[4];
    SOCKET listener, client, server;
    SOCKADDR_UN addr;
    int len;

    snprintf(dir, sizeof(dir), "%swsux%lu-a-directory-with-a-rather-long-name-to-stretch-paths",
             temp_dir, GetCurrentProcessId());
    snprintf(path, sizeof(path), "%s\\l.sck", dir);
    if (strlen(path) >= UNIX_PATH_MAX)
    {
        skip("temp path too long for this case: %s\n", path);
        return;
    }
    ok(CreateDirectoryA(dir, NULL) || GetLastError() == ERROR_ALREADY_EXISTS, "CreateDirectory: %lu\n",
       GetLastError());
    DeleteFileA(path);
    len = path_address(&addr, path);
    if (make_pair(&addr, len, &listener, &client, &server))
    {
        ok(send(client, "L", 1, 0) == 1, "send: %d\n", WSAGetLastError());
        ok(recv(server, buf, sizeof(buf), 0) == 1 && buf[0] == 'L', "recv: %d\n", WSAGetLastError());
    }
    close_all(listener, client, server);
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
    ok(RemoveDirectoryA(dir), "RemoveDirectory: %lu\n", GetLastError());
}

/* Rules of listen and connect: listen needs a bound socket; connecting to
 * a path with no socket, or to a listener that has gone, is refused. */
static void test_refused(void)
{
    char path[MAX_PATH];
    SOCKADDR_UN addr;
    SOCKET a, b;
    int len;

    make_path(path, sizeof(path), "gone");
    DeleteFileA(path);
    len = path_address(&addr, path);
    a = unix_socket();
    ok(listen(a, 2) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "listen unbound: error %d\n",
       WSAGetLastError());
    ok(connect(a, (struct sockaddr *)&addr, len) == SOCKET_ERROR && WSAGetLastError() == WSAECONNREFUSED,
       "connect to nothing: error %d\n", WSAGetLastError());

    /* A path whose socket was closed refuses too. */
    b = unix_socket();
    ok(!bind(b, (struct sockaddr *)&addr, len), "bind: %d\n", WSAGetLastError());
    ok(!listen(b, 2), "listen: %d\n", WSAGetLastError());
    closesocket(b);
    ok(connect(a, (struct sockaddr *)&addr, len) == SOCKET_ERROR && WSAGetLastError() == WSAECONNREFUSED,
       "connect to a closed listener: error %d\n", WSAGetLastError());
    closesocket(a);
    DeleteFileA(path);
}

/* Rules of a connection's data: bytes arrive in order whatever the buffer
 * split; MSG_PEEK leaves them queued; FIONREAD counts them; the names are
 * the listener's path on both ends' sides. */
static void test_stream(void)
{
    static const char first[] = "unix-stream-one", second[] = "and two";
    char path[MAX_PATH], buf[64], part1[5], part2[40];
    SOCKET listener, client, server;
    SOCKADDR_UN addr, name;
    WSABUF bufs[2];
    DWORD count, flags;
    u_long queued = 0;
    int len, name_len;

    make_path(path, sizeof(path), "stream");
    DeleteFileA(path);
    len = path_address(&addr, path);
    if (!make_pair(&addr, len, &listener, &client, &server)) goto done;

    ok(send(client, first, sizeof(first), 0) == sizeof(first), "send: %d\n", WSAGetLastError());
    /* Give the bytes time to land on the far side's queue. */
    Sleep(50);
    ok(!ioctlsocket(server, FIONREAD, &queued), "FIONREAD: %d\n", WSAGetLastError());
    ok(queued == sizeof(first), "FIONREAD %lu\n", queued);
    memset(buf, 0x71, sizeof(buf));
    ok(recv(server, buf, 6, MSG_PEEK) == 6 && !memcmp(buf, first, 6), "peek: \"%.6s\"\n", buf);
    ok(recv(server, buf, sizeof(buf), 0) == sizeof(first) && !strcmp(buf, first), "recv: \"%s\"\n", buf);

    /* Two buffers each way. */
    bufs[0].buf = (char *)second;
    bufs[0].len = 3;
    bufs[1].buf = (char *)second + 3;
    bufs[1].len = sizeof(second) - 3;
    count = 0x5a5a;
    ok(!WSASend(server, bufs, 2, &count, 0, NULL, NULL), "WSASend: %d\n", WSAGetLastError());
    ok(count == sizeof(second), "sent %lu\n", count);
    Sleep(50);
    memset(part1, 0x71, sizeof(part1));
    memset(part2, 0x71, sizeof(part2));
    bufs[0].buf = part1;
    bufs[0].len = sizeof(part1);
    bufs[1].buf = part2;
    bufs[1].len = sizeof(part2);
    count = 0x5a5a;
    flags = 0;
    ok(!WSARecv(client, bufs, 2, &count, &flags, NULL, NULL), "WSARecv: %d\n", WSAGetLastError());
    ok(count == sizeof(second), "received %lu\n", count);
    ok(!memcmp(part1, second, sizeof(part1)) && !strcmp(part2, second + sizeof(part1)),
       "split wrong: \"%.5s\" \"%s\"\n", part1, part2);

    /* The client's peer is the path it connected to; the accepted socket
     * is named by its listener's path. */
    memset(&name, 0x3c, sizeof(name));
    name_len = sizeof(name);
    ok(!getpeername(client, (struct sockaddr *)&name, &name_len), "getpeername: %d\n", WSAGetLastError());
    ok(name.sun_family == AF_UNIX && !strcmp(name.sun_path, path), "peer \"%.108s\"\n", name.sun_path);
    memset(&name, 0x3c, sizeof(name));
    name_len = sizeof(name);
    ok(!getsockname(server, (struct sockaddr *)&name, &name_len), "getsockname: %d\n", WSAGetLastError());
    ok(name.sun_family == AF_UNIX && !strcmp(name.sun_path, path), "accepted name \"%.108s\"\n", name.sun_path);
    name_len = sizeof(name);
    ok(getpeername(listener, (struct sockaddr *)&name, &name_len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAENOTCONN, "listener's peer: error %d\n", WSAGetLastError());

    /* A second connect on a connected socket. */
    ok(connect(client, (struct sockaddr *)&addr, len) == SOCKET_ERROR && WSAGetLastError() == WSAEISCONN,
       "connect again: error %d\n", WSAGetLastError());
done:
    close_all(listener, client, server);
    DeleteFileA(path);
}

/* Rules of shutdown and close: after SD_SEND the peer reads the end (0)
 * and a send is WSAESHUTDOWN; a closed peer also reads as the end. */
static void test_shutdown(void)
{
    char path[MAX_PATH], buf[16];
    SOCKET listener, client, server;
    SOCKADDR_UN addr;
    int len;

    make_path(path, sizeof(path), "shut");
    DeleteFileA(path);
    len = path_address(&addr, path);
    if (!make_pair(&addr, len, &listener, &client, &server)) goto done;

    ok(shutdown(client, 7) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "shutdown 7: error %d\n",
       WSAGetLastError());
    ok(send(client, "last", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    ok(!shutdown(client, SD_SEND), "shutdown: %d\n", WSAGetLastError());
    ok(send(client, "more", 4, 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
       "send after SD_SEND: error %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 4, "recv data: %d\n", WSAGetLastError());
    ok(recv(server, buf, sizeof(buf), 0) == 0, "recv end: %d\n", WSAGetLastError());
    /* The other direction still works. */
    ok(send(server, "back", 4, 0) == 4, "send back: %d\n", WSAGetLastError());
    ok(recv(client, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "back", 4), "recv back\n");
    closesocket(server);
    server = INVALID_SOCKET;
    ok(recv(client, buf, sizeof(buf), 0) == 0, "recv after the peer closed: %d\n", WSAGetLastError());
done:
    close_all(listener, client, server);
    DeleteFileA(path);
}

/* Rule: abstract names (sun_path[0] zero) make no file; the name is the
 * bytes the length covers. */
static void test_abstract(void)
{
    SOCKET listener, client, server;
    SOCKADDR_UN addr, name;
    char tag[40], buf[8];
    int len, name_len;

    snprintf(tag, sizeof(tag), "wsux-abstract-%lu", GetCurrentProcessId());
    len = abstract_address(&addr, tag);
    if (!make_pair(&addr, len, &listener, &client, &server)) goto done;
    ok(send(server, "abc", 3, 0) == 3, "send: %d\n", WSAGetLastError());
    ok(recv(client, buf, sizeof(buf), 0) == 3 && !memcmp(buf, "abc", 3), "recv\n");
    memset(&name, 0x3c, sizeof(name));
    name_len = sizeof(name);
    ok(!getsockname(listener, (struct sockaddr *)&name, &name_len), "getsockname: %d\n", WSAGetLastError());
    ok(name_len == len && !name.sun_path[0] && !memcmp(name.sun_path + 1, tag, strlen(tag)),
       "abstract name length %d\n", name_len);
done:
    close_all(listener, client, server);
}

/* Rules of non-blocking sockets (FIONBIO): accept and recv with nothing
 * there, and connect, are WSAEWOULDBLOCK; the connect then completes and
 * WSAPoll reports the socket writable. */
static void test_nonblocking(void)
{
    SOCKET listener, client, server;
    char path[MAX_PATH], buf[8];
    SOCKADDR_UN addr;
    WSAPOLLFD fds[2];
    u_long on = 1;
    int len;

    make_path(path, sizeof(path), "nb");
    DeleteFileA(path);
    len = path_address(&addr, path);
    listener = unix_socket();
    client = unix_socket();
    server = INVALID_SOCKET;
    ok(!bind(listener, (struct sockaddr *)&addr, len), "bind: %d\n", WSAGetLastError());
    ok(!listen(listener, 3), "listen: %d\n", WSAGetLastError());
    ok(!ioctlsocket(listener, FIONBIO, &on), "FIONBIO: %d\n", WSAGetLastError());
    ok(!ioctlsocket(client, FIONBIO, &on), "FIONBIO: %d\n", WSAGetLastError());
    ok(accept(listener, NULL, NULL) == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
       "accept with none waiting: error %d\n", WSAGetLastError());

    ok(connect(client, (struct sockaddr *)&addr, len) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "non-blocking connect: error %d\n", WSAGetLastError());
    fds[0].fd = client;
    fds[0].events = POLLWRNORM;
    fds[0].revents = 0x7e;
    fds[1].fd = listener;
    fds[1].events = POLLRDNORM;
    fds[1].revents = 0x7e;
    ok(WSAPoll(fds, 2, 2000) == 2, "WSAPoll: error %d\n", WSAGetLastError());
    ok(fds[0].revents == POLLWRNORM, "client events %#x\n", fds[0].revents);
    ok(fds[1].revents == POLLRDNORM, "listener events %#x\n", fds[1].revents);
    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    ok(recv(client, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "recv with nothing there: error %d\n", WSAGetLastError());

    /* Nothing to read within 30 ms: WSAPoll times out with 0. */
    fds[0].events = POLLRDNORM;
    ok(WSAPoll(fds, 1, 30) == 0 && !fds[0].revents, "idle WSAPoll: %#x\n", fds[0].revents);
    close_all(listener, client, server);
    DeleteFileA(path);
}

/* Rules of select: a set keeps only its ready sockets; with nothing ready
 * the timeout ends it with 0; a listener with a connection waiting reads
 * as ready.  A set mixing AF_UNIX and IP sockets is our documented limit
 * (WSAEOPNOTSUPP). */
static void test_select(void)
{
    SOCKET listener, client, server, tcp, late;
    struct timeval wait = { 0, 30000 };
    fd_set readable, writable;
    SOCKADDR_UN addr;
    char tag[40], buf[8];
    int len;

    snprintf(tag, sizeof(tag), "wsux-select-%lu", GetCurrentProcessId());
    len = abstract_address(&addr, tag);
    if (!make_pair(&addr, len, &listener, &client, &server)) goto done;

    FD_ZERO(&readable);
    FD_SET(server, &readable);
    FD_SET(listener, &readable);
    ok(select(0, &readable, NULL, NULL, &wait) == 0 && !readable.fd_count, "idle select: %d sockets\n",
       readable.fd_count);

    ok(send(client, "sel", 3, 0) == 3, "send: %d\n", WSAGetLastError());
    FD_ZERO(&readable);
    FD_SET(listener, &readable);
    FD_SET(server, &readable);
    FD_ZERO(&writable);
    FD_SET(client, &writable);
    ok(select(0, &readable, &writable, NULL, &wait) == 2, "select: error %d\n", WSAGetLastError());
    ok(readable.fd_count == 1 && readable.fd_array[0] == server, "readable: %u\n", readable.fd_count);
    ok(writable.fd_count == 1 && writable.fd_array[0] == client, "writable: %u\n", writable.fd_count);
    ok(recv(server, buf, sizeof(buf), 0) == 3, "recv: %d\n", WSAGetLastError());

    late = unix_socket();
    ok(!connect(late, (struct sockaddr *)&addr, len), "connect: %d\n", WSAGetLastError());
    FD_ZERO(&readable);
    FD_SET(listener, &readable);
    ok(select(0, &readable, NULL, NULL, &wait) == 1 && FD_ISSET(listener, &readable),
       "listener with a connection waiting: %u\n", readable.fd_count);
    closesocket(late);

    tcp = socket(AF_INET, SOCK_STREAM, 0);
    FD_ZERO(&readable);
    FD_SET(server, &readable);
    FD_SET(tcp, &readable);
    ok(select(0, &readable, NULL, NULL, &wait) == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP,
       "mixed set: error %d\n", WSAGetLastError());
    closesocket(tcp);
done:
    close_all(listener, client, server);
}

static DWORD WINAPI blocked_recv(void *arg)
{
    struct blocked_call *call = arg;

    SetEvent(call->started);
    call->result = recv(call->s, call->buf, sizeof(call->buf), 0);
    call->error = WSAGetLastError();
    return 0;
}

static DWORD WINAPI blocked_accept(void *arg)
{
    struct blocked_call *call = arg;
    SOCKET s;

    SetEvent(call->started);
    s = accept(call->s, NULL, NULL);
    call->result = s == INVALID_SOCKET ? SOCKET_ERROR : 0;
    call->error = WSAGetLastError();
    if (s != INVALID_SOCKET) closesocket(s);
    return 0;
}

static HANDLE start_blocked(struct blocked_call *call, SOCKET s, LPTHREAD_START_ROUTINE proc)
{
    HANDLE thread;

    memset(call, 0, sizeof(*call));
    call->s = s;
    call->result = 0x4c4c;
    call->started = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, proc, call, 0, NULL);
    WaitForSingleObject(call->started, 5000);
    CloseHandle(call->started);
    /* Let it get into the wait. */
    Sleep(100);
    return thread;
}

static void CALLBACK count_apc(ULONG_PTR arg)
{
    InterlockedIncrement((LONG *)arg);
}

/* Rules of blocking calls: a blocked recv ends when data comes; APCs
 * queued to the thread run during the wait (Winsock 2 waits are
 * alertable); closesocket from another thread ends a blocked call with
 * WSAEINTR. */
static void test_blocking(void)
{
    SOCKET listener, client, server;
    struct blocked_call call;
    char path[MAX_PATH];
    SOCKADDR_UN addr;
    LONG apcs = 0;
    HANDLE thread;
    int len;

    make_path(path, sizeof(path), "block");
    DeleteFileA(path);
    len = path_address(&addr, path);
    if (!make_pair(&addr, len, &listener, &client, &server)) goto done;

    thread = start_blocked(&call, server, blocked_recv);
    ok(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT, "recv did not block\n");
    ok(QueueUserAPC(count_apc, thread, (ULONG_PTR)&apcs), "QueueUserAPC: %lu\n", GetLastError());
    Sleep(200);
    ok(apcs == 1, "APC ran %ld times during the blocked recv\n", apcs);
    ok(send(client, "wake", 4, 0) == 4, "send: %d\n", WSAGetLastError());
    ok(!WaitForSingleObject(thread, 5000), "recv still blocked\n");
    ok(call.result == 4 && !memcmp(call.buf, "wake", 4), "recv %d (error %d)\n", call.result, call.error);
    CloseHandle(thread);

    thread = start_blocked(&call, server, blocked_recv);
    closesocket(server);
    server = INVALID_SOCKET;
    ok(!WaitForSingleObject(thread, 5000), "recv still blocked after closesocket\n");
    ok(call.result == SOCKET_ERROR && call.error == WSAEINTR, "recv %d, error %d\n", call.result, call.error);
    CloseHandle(thread);

    thread = start_blocked(&call, listener, blocked_accept);
    closesocket(listener);
    listener = INVALID_SOCKET;
    ok(!WaitForSingleObject(thread, 5000), "accept still blocked after closesocket\n");
    ok(call.result == SOCKET_ERROR && call.error == WSAEINTR, "accept %d, error %d\n", call.result, call.error);
    CloseHandle(thread);
done:
    close_all(listener, client, server);
    DeleteFileA(path);
}

/* Our limit, documented in docs/design.md: overlapped I/O on AF_UNIX
 * sockets is not offered (WSAEOPNOTSUPP), as the host socket has no
 * driver request to pend. */
static void test_overlapped_refused(void)
{
    SOCKET listener, client, server;
    char path[MAX_PATH], buf[4];
    WSAOVERLAPPED ov;
    SOCKADDR_UN addr;
    DWORD count, flags = 0;
    WSABUF wsabuf;
    int len;

    make_path(path, sizeof(path), "ovl");
    DeleteFileA(path);
    len = path_address(&addr, path);
    if (!make_pair(&addr, len, &listener, &client, &server)) goto done;
    memset(&ov, 0, sizeof(ov));
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    ok(WSARecv(server, &wsabuf, 1, &count, &flags, &ov, NULL) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEOPNOTSUPP, "overlapped WSARecv: error %d\n", WSAGetLastError());
done:
    close_all(listener, client, server);
    DeleteFileA(path);
}

/* Rules of options and control codes on a connected pair: SO_ERROR is 0,
 * SO_ACCEPTCONN tells the listener, a set SO_RCVBUF reads back, an option
 * AF_UNIX lacks is WSAENOPROTOOPT; FIONREAD through WSAIoctl counts queued
 * bytes; a buffer that cannot be written is WSAEFAULT. */
static void test_options(void)
{
    SOCKET listener, client, server;
    int value, len, addr_len, want = 24576;
    DWORD returned, pid = 0x5a5a5a5a;
    u_long queued = 0x33;
    SOCKADDR_UN addr;
    char tag[40];

    snprintf(tag, sizeof(tag), "wsux-options-%lu", GetCurrentProcessId());
    addr_len = abstract_address(&addr, tag);
    if (!make_pair(&addr, addr_len, &listener, &client, &server)) goto done;

    value = 0x2f2f;
    len = sizeof(value);
    ok(!getsockopt(client, SOL_SOCKET, SO_ERROR, (char *)&value, &len) && !value, "SO_ERROR %d\n", value);
    len = sizeof(value);
    ok(!getsockopt(listener, SOL_SOCKET, SO_ACCEPTCONN, (char *)&value, &len) && value == 1,
       "listener's SO_ACCEPTCONN %d\n", value);
    len = sizeof(value);
    ok(!getsockopt(server, SOL_SOCKET, SO_ACCEPTCONN, (char *)&value, &len) && !value,
       "accepted SO_ACCEPTCONN %d\n", value);
    ok(!setsockopt(server, SOL_SOCKET, SO_RCVBUF, (char *)&want, sizeof(want)), "SO_RCVBUF: %d\n",
       WSAGetLastError());
    len = sizeof(value);
    ok(!getsockopt(server, SOL_SOCKET, SO_RCVBUF, (char *)&value, &len) && value == want, "SO_RCVBUF %d\n",
       value);
    len = sizeof(value);
    ok(getsockopt(server, IPPROTO_TCP, TCP_NODELAY, (char *)&value, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAENOPROTOOPT, "TCP_NODELAY: error %d\n", WSAGetLastError());
    len = 2;
    ok(getsockopt(server, SOL_SOCKET, SO_TYPE, (char *)&value, &len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "two-byte SO_TYPE: error %d\n", WSAGetLastError());

    ok(send(client, "0123456789", 10, 0) == 10, "send: %d\n", WSAGetLastError());
    Sleep(50);
    returned = 0;
    ok(!WSAIoctl(server, FIONREAD, NULL, 0, &queued, sizeof(queued), &returned, NULL, NULL),
       "WSAIoctl FIONREAD: %d\n", WSAGetLastError());
    ok(queued == 10 && returned == sizeof(queued), "FIONREAD %lu, %lu bytes\n", queued, returned);
    ok(recv(server, NULL, 10, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
       "recv into NULL: error %d\n", WSAGetLastError());
    /* Our limit: the peer's Windows process id is not known here. */
    ok(WSAIoctl(server, SIO_AF_UNIX_GETPEERPID, NULL, 0, &pid, sizeof(pid), &returned, NULL, NULL) ==
       SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "SIO_AF_UNIX_GETPEERPID: error %d\n",
       WSAGetLastError());
done:
    close_all(listener, client, server);
}

static int v11_hook_calls;

/* A Winsock 1.1 blocking hook that cancels the call on its third round. */
static BOOL CALLBACK cancel_on_third(void)
{
    if (++v11_hook_calls == 3) ok(!WSACancelBlockingCall(), "WSACancelBlockingCall: %d\n", WSAGetLastError());
    return FALSE;
}

/* The Winsock 1.1 child: a blocked recv runs the blocking hook, and
 * WSACancelBlockingCall ends it with WSAEINTR. */
static void child_v11(void)
{
    SOCKET listener, client, server;
    SOCKADDR_UN addr;
    WSADATA data;
    char tag[40], buf[4];
    int len;

    ok(!WSAStartup(MAKEWORD(1, 1), &data), "WSAStartup 1.1 failed\n");
    snprintf(tag, sizeof(tag), "wsux-v11-%lu", GetCurrentProcessId());
    len = abstract_address(&addr, tag);
    if (make_pair(&addr, len, &listener, &client, &server))
    {
        ok(WSASetBlockingHook((FARPROC)cancel_on_third) != NULL, "WSASetBlockingHook: %d\n", WSAGetLastError());
        ok(recv(server, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEINTR,
           "cancelled recv: error %d\n", WSAGetLastError());
        ok(v11_hook_calls >= 3, "hook ran %d times\n", v11_hook_calls);
        /* The socket still works after the cancelled call. */
        ok(send(client, "ok", 2, 0) == 2, "send: %d\n", WSAGetLastError());
        ok(recv(server, buf, sizeof(buf), 0) == 2, "recv after the cancel: %d\n", WSAGetLastError());
    }
    close_all(listener, client, server);
    WSACleanup();
}

/* Runs this test in a child with ARG and waits for it. */
static void run_child(const char *arg)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH * 2], **argv;

    winetest_get_mainargs(&argv);
    snprintf(cmd, sizeof(cmd), "\"%s\" afunix %s", argv[0], arg);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "CreateProcess: %lu\n", GetLastError());
        return;
    }
    winetest_wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* The child's half of test_child: connect to the path, say who we are. */
static void child_connect(const char *path)
{
    SOCKADDR_UN addr;
    char msg[48];
    SOCKET s;
    int len = path_address(&addr, path);

    s = unix_socket();
    ok(!connect(s, (struct sockaddr *)&addr, len), "child connect: %d\n", WSAGetLastError());
    snprintf(msg, sizeof(msg), "child %lu here", GetCurrentProcessId());
    ok(send(s, msg, strlen(msg), 0) == (int)strlen(msg), "child send: %d\n", WSAGetLastError());
    /* Wait for the parent's answer before closing. */
    ok(recv(s, msg, sizeof(msg), 0) == 2 && !memcmp(msg, "ok", 2), "child recv: %d\n", WSAGetLastError());
    closesocket(s);
}

/* Rule: two Windows processes of one prefix meet on a path. */
static void test_child(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char path[MAX_PATH], cmd[MAX_PATH * 2], expect[48], buf[48];
    SOCKET listener, server;
    SOCKADDR_UN addr;
    DWORD code = 0x5a5a;
    char **argv;
    int len, got;

    winetest_get_mainargs(&argv);
    make_path(path, sizeof(path), "child");
    DeleteFileA(path);
    len = path_address(&addr, path);
    listener = unix_socket();
    ok(!bind(listener, (struct sockaddr *)&addr, len), "bind: %d\n", WSAGetLastError());
    ok(!listen(listener, 1), "listen: %d\n", WSAGetLastError());

    snprintf(cmd, sizeof(cmd), "\"%s\" afunix child \"%s\"", argv[0], path);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "CreateProcess: %lu\n", GetLastError());
        closesocket(listener);
        return;
    }
    server = accept(listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    snprintf(expect, sizeof(expect), "child %lu here", pi.dwProcessId);
    memset(buf, 0, sizeof(buf));
    got = recv(server, buf, sizeof(buf) - 1, 0);
    ok(got == (int)strlen(expect) && !strcmp(buf, expect), "from the child: %d \"%s\"\n", got, buf);
    ok(send(server, "ok", 2, 0) == 2, "send: %d\n", WSAGetLastError());
    ok(!WaitForSingleObject(pi.hProcess, 10000), "child did not end\n");
    ok(GetExitCodeProcess(pi.hProcess, &code) && !code, "child exit code %lu\n", code);
    winetest_wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    closesocket(server);
    closesocket(listener);
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
}

START_TEST(afunix)
{
    WSADATA data;
    char **argv;
    int argc = winetest_get_mainargs(&argv);
    SOCKET probe;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    GetTempPathA(sizeof(temp_dir), temp_dir);
    if (argc > 3 && !strcmp(argv[2], "child"))
    {
        child_connect(argv[3]);
        WSACleanup();
        return;
    }
    if (argc > 2 && !strcmp(argv[2], "v11"))
    {
        /* This process's Winsock 2 start is undone first. */
        WSACleanup();
        child_v11();
        return;
    }
    probe = socket(AF_UNIX, SOCK_STREAM, 0);
    if (sizeof(void *) == 4)
    {
        /* Our DLL offers AF_UNIX on x86_64 only (host system calls). */
        ok((probe == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT) || broken(probe != INVALID_SOCKET),
           "32-bit AF_UNIX socket: error %d\n", WSAGetLastError());
    }
    else
    {
        /* Windows 10 1803 has AF_UNIX stream sockets; Wine's builtin has none. */
        todo_wine ok(probe != INVALID_SOCKET, "socket(AF_UNIX): %d\n", WSAGetLastError());
    }
    if (probe == INVALID_SOCKET)
        skip("no AF_UNIX sockets\n");
    else
    {
        closesocket(probe);
        test_create();
        test_bind_path();
        test_long_path();
        test_refused();
        test_stream();
        test_shutdown();
        test_abstract();
        test_nonblocking();
        test_select();
        test_blocking();
        test_overlapped_refused();
        test_options();
        test_child();
        run_child("v11");
    }
    WSACleanup();
}
