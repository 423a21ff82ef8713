/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Microsoft's extension functions as mswsock exports.  AcceptEx,
 * GetAcceptExSockaddrs and TransmitFile belong to the socket's provider:
 * the documented way to reach them is WSAIoctl with
 * SIO_GET_EXTENSION_FUNCTION_POINTER on the socket, which is what these
 * exports do, so they work for whatever provider owns the socket.
 */
#include "mswsock_private.h"

/* The provider's function for guid, asked of socket s; NULL with the
 * error (WSAENOTSOCK, WSANOTINITIALISED, ...) left set by WSAIoctl. */
static void *extension_of(SOCKET s, const GUID *guid)
{
    GUID id = *guid;
    void *fn = NULL;
    DWORD size = 0;

    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id),
                 &fn, sizeof(fn), &size, NULL, NULL))
        return NULL;
    return fn;
}

BOOL WINAPI AcceptEx(SOCKET listener, SOCKET acceptor, void *buffer, DWORD data_len,
                     DWORD local_len, DWORD remote_len, DWORD *received, OVERLAPPED *overlapped)
{
    static const GUID guid = WSAID_ACCEPTEX;
    LPFN_ACCEPTEX fn = extension_of(listener, &guid);

    if (!fn) return FALSE;
    return fn(listener, acceptor, buffer, data_len, local_len, remote_len, received, overlapped);
}

BOOL WINAPI TransmitFile(SOCKET s, HANDLE file, DWORD total, DWORD per_send,
                         OVERLAPPED *overlapped, TRANSMIT_FILE_BUFFERS *buffers, DWORD flags)
{
    static const GUID guid = WSAID_TRANSMITFILE;
    LPFN_TRANSMITFILE fn = extension_of(s, &guid);

    if (!fn) return FALSE;
    return fn(s, file, total, per_send, overlapped, buffers, flags);
}

/* GetAcceptExSockaddrs takes no socket, so the function is asked of a
 * throw-away TCP socket once and remembered: it only parses the buffer
 * that AcceptEx filled.  If it cannot be found (no WSAStartup yet), the
 * outputs say "no address" and the next call tries again. */
static LPFN_GETACCEPTEXSOCKADDRS sockaddrs_fn;

static LPFN_GETACCEPTEXSOCKADDRS find_sockaddrs_fn(void)
{
    static const GUID guid = WSAID_GETACCEPTEXSOCKADDRS;
    LPFN_GETACCEPTEXSOCKADDRS fn = sockaddrs_fn;
    int family, saved = WSAGetLastError();
    SOCKET s = INVALID_SOCKET;

    if (fn) return fn;
    /* Either family will do; IPv4 may be missing on an IPv6-only host. */
    for (family = AF_INET; family && s == INVALID_SOCKET; family = family == AF_INET ? AF_INET6 : 0)
        s = socket(family, SOCK_STREAM, IPPROTO_TCP);
    if (s != INVALID_SOCKET)
    {
        fn = extension_of(s, &guid);
        closesocket(s);
    }
    WSASetLastError(saved);
    if (fn) InterlockedExchangePointer((void **)&sockaddrs_fn, fn);
    return fn;
}

void WINAPI GetAcceptExSockaddrs(void *buffer, DWORD data_len, DWORD local_len, DWORD remote_len,
                                 struct sockaddr **local, int *local_size,
                                 struct sockaddr **remote, int *remote_size)
{
    LPFN_GETACCEPTEXSOCKADDRS fn = find_sockaddrs_fn();

    if (fn)
    {
        fn(buffer, data_len, local_len, remote_len, local, local_size, remote, remote_size);
        return;
    }
    if (local) *local = NULL;
    if (local_size) *local_size = 0;
    if (remote) *remote = NULL;
    if (remote_size) *remote_size = 0;
}

/*
 * WSARecvEx: recv whose flags say, on return, whether a datagram was cut
 * short (MSG_PARTIAL).  Per its documentation the flags are output only,
 * MSG_PARTIAL is never set for a stream socket, and for a datagram larger
 * than the buffer the call succeeds with what fitted instead of failing.
 */
int WINAPI WSARecvEx(SOCKET s, char *buf, int len, int *flags)
{
    WSABUF wsabuf;
    DWORD got = 0, in_flags = 0;
    int type = 0, type_len = sizeof(type);

    if (!msw_writable(flags, sizeof(*flags)))
    {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    wsabuf.buf = buf;
    wsabuf.len = len < 0 ? 0 : len;
    if (!WSARecv(s, &wsabuf, 1, &got, &in_flags, NULL, NULL))
    {
        *flags = (in_flags & MSG_PARTIAL) ? MSG_PARTIAL : 0;
        return got;
    }
    if (WSAGetLastError() != WSAEMSGSIZE) return SOCKET_ERROR;
    /* A datagram did not fit: the buffer holds its first len bytes. */
    if (!getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &type_len) && type == SOCK_STREAM)
        return SOCKET_ERROR;
    *flags = MSG_PARTIAL;
    WSASetLastError(0);
    return wsabuf.len;
}
