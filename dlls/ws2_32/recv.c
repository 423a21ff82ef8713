/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * recv and recvfrom.
 */
#include "ws2_32_private.h"

#define RECV_FLAGS (MSG_OOB | MSG_PEEK | MSG_WAITALL | MSG_PUSH_IMMEDIATE)

/* Ask the driver whether s has a local address, and remember it if so
 * (an earlier sendto may have bound it). */
static BOOL is_bound(SOCKET s)
{
    SOCKADDR_STORAGE addr;

    if (afd_call(s, IOCTL_AFD_GETSOCKNAME, NULL, 0, &addr, sizeof(addr), NULL)) return FALSE;
    ws2_socket_set_state(s, WS2_SOCKET_BOUND);
    return TRUE;
}

/* Out-of-band data on a blocking socket waits at most SO_RCVTIMEO, as
 * every receive does; the driver applies the timeout only to ordinary
 * data, so the wait is timed here. */
static NTSTATUS recv_oob(SOCKET s, struct afd_recvmsg_params *params, ULONG_PTR *received)
{
    int timeout = 0;
    NTSTATUS status;

    afd_get_int(s, IOCTL_AFD_WINE_GET_SO_RCVTIMEO, &timeout);
    status = afd_call_timed(s, IOCTL_AFD_WINE_RECVMSG, params, sizeof(*params), NULL, 0,
                                timeout > 0 ? (DWORD)timeout : INFINITE, received);
    return status;
}

static int recv_buffer(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
    struct afd_recvmsg_params params;
    struct ws2_socket info;
    WSABUF wsabuf;
    ULONG_PTR received;
    NTSTATUS status;
    unsigned int ws_flags = flags;
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    if (len < 0 || (len && (!buf || !ws2_writable(buf, len)))) return ws2_fail(WSAEFAULT);
    /* A stream socket leaves the source address alone, even a bad one. */
    if (info.type == SOCK_STREAM) from = NULL;
    if (from)
    {
        if (!fromlen || !ws2_writable(fromlen, sizeof(*fromlen))) return ws2_fail(WSAEFAULT);
        if (*fromlen < (int)sizeof(struct sockaddr) || !ws2_writable(from, *fromlen)) return ws2_fail(WSAEFAULT);
    }
    /* recv's documentation: MSG_WAITALL with MSG_OOB, MSG_PEEK or
     * MSG_PARTIAL fails with WSAEOPNOTSUPP. */
    if ((flags & MSG_WAITALL) && (flags & (MSG_OOB | MSG_PEEK | MSG_PARTIAL))) return ws2_fail(WSAEOPNOTSUPP);
    /* Documented: "an unknown flag was specified" is WSAEINVAL. */
    if (flags & ~RECV_FLAGS) return ws2_fail(WSAEINVAL);
    /* Out-of-band data and MSG_WAITALL exist only on streams. */
    if ((flags & (MSG_OOB | MSG_WAITALL)) && info.type != SOCK_STREAM) return ws2_fail(WSAEOPNOTSUPP);
    /* A listening socket has no connection to receive from: WSAENOTCONN
     * at once rather than a wait that never ends. */
    if (info.state & WS2_SOCKET_LISTENING) return ws2_fail(WSAENOTCONN);
    /* An unbound datagram socket cannot receive: Windows fails at once
     * instead of waiting forever. */
    if (info.type != SOCK_STREAM && !(info.state & WS2_SOCKET_BOUND) && !is_bound(s)) return ws2_fail(WSAEINVAL);

    wsabuf.len = len;
    wsabuf.buf = buf;
    params.control_ptr = 0;
    params.addr_ptr = (ULONG_PTR)from;
    params.addr_len_ptr = from ? (ULONG_PTR)fromlen : 0;
    params.ws_flags_ptr = (ULONG_PTR)&ws_flags;
    params.force_async = FALSE;
    params.count = 1;
    params.buffers_ptr = (ULONG_PTR)&wsabuf;
    if (flags & MSG_OOB)
        status = recv_oob(s, &params, &received);
    else
        status = afd_call(s, IOCTL_AFD_WINE_RECVMSG, &params, sizeof(params), NULL, 0, &received);
    /* A truncated datagram fills the buffer and still fails with WSAEMSGSIZE. */
    if (status) return ws2_status_result(status);
    return received;
}

int WINAPI recv(SOCKET s, char *buf, int len, int flags)
{
    TRACE("%#Ix %p %d %#x\n", s, buf, len, flags);
    return recv_buffer(s, buf, len, flags, NULL, NULL);
}

int WINAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
    TRACE("%#Ix %p %d %#x %p %p\n", s, buf, len, flags, from, fromlen);
    return recv_buffer(s, buf, len, flags, from, fromlen);
}
