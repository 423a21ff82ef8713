/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * send and sendto.
 */
#include "ws2_32_private.h"

/* The flags send knows; another is "an unknown flag", WSAEINVAL. */
#define SEND_FLAGS (MSG_OOB | MSG_DONTROUTE | MSG_PARTIAL)

/* The error for a failed send.  A socket that never connected has no
 * connection to reset: Windows says WSAENOTCONN where the driver reports a
 * reset (stream) or an invalid request (datagram without a destination). */
static DWORD send_error(const struct ws2_socket *info, const struct sockaddr *to, NTSTATUS status)
{
    BOOL never_connected = !(info->state & (WS2_SOCKET_CONNECTED | WS2_SOCKET_CONNECTING | WS2_SOCKET_UNTRACKED));

    if (never_connected && info->type == SOCK_STREAM &&
        (status == STATUS_CONNECTION_RESET || status == STATUS_PIPE_DISCONNECTED || status == STATUS_INVALID_CONNECTION))
        return WSAENOTCONN;
    if (never_connected && !to && status == STATUS_INVALID_PARAMETER) return WSAENOTCONN;
    return ws2_status_to_error(status);
}

/* One synchronous send of a single buffer, to an optional address. */
static int send_buffer(SOCKET s, const char *buf, int len, int flags,
                       const struct sockaddr *to, int tolen)
{
    struct afd_sendmsg_params params;
    struct ws2_socket info;
    WSABUF wsabuf;
    ULONG_PTR sent;
    NTSTATUS status;
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    if (len < 0 || (len && (!buf || !ws2_readable(buf, len)))) return ws2_fail(WSAEFAULT);
    /* A stream socket sends to its peer whatever address it is given. */
    if (info.type == SOCK_STREAM) to = NULL;
    if (to && (tolen < (int)sizeof(to->sa_family) || !ws2_readable(to, tolen))) return ws2_fail(WSAEFAULT);
    if (flags & ~SEND_FLAGS) return ws2_fail(WSAEINVAL);
    /* A listening socket has no connection to send on (WSAENOTCONN at
     * once, where the driver would wait). */
    if (info.state & WS2_SOCKET_LISTENING) return ws2_fail(WSAENOTCONN);

    wsabuf.len = len;
    wsabuf.buf = (char *)buf;
    params.addr_ptr = (ULONG_PTR)to;
    params.addr_len = to ? tolen : 0;
    params.ws_flags = flags;
    params.force_async = FALSE;
    params.count = 1;
    params.buffers_ptr = (ULONG_PTR)&wsabuf;
    status = afd_call(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), NULL, 0, &sent);
    if (status) return ws2_fail(send_error(&info, to, status));
    /* A datagram socket's first sendto binds it. */
    if (!(info.state & WS2_SOCKET_BOUND)) ws2_socket_set_state(s, WS2_SOCKET_BOUND);
    return sent;
}

int WINAPI send(SOCKET s, const char *buf, int len, int flags)
{
    TRACE("%#Ix %p %d %#x\n", s, buf, len, flags);
    return send_buffer(s, buf, len, flags, NULL, 0);
}

int WINAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen)
{
    TRACE("%#Ix %p %d %#x %p %d\n", s, buf, len, flags, to, tolen);
    return send_buffer(s, buf, len, flags, to, tolen);
}
