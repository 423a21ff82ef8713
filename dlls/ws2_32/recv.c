/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * recv, recvfrom, WSARecv, WSARecvFrom and the WSARecvMsg extension.
 */
#include "ws2_32_private.h"

#define RECV_FLAGS (MSG_OOB | MSG_PEEK | MSG_WAITALL | MSG_PUSH_IMMEDIATE)

/* A receive as the callers describe it. */
struct recv_request
{
    WSABUF *buffers;
    DWORD count;
    DWORD flags;                /* the caller's flags, in */
    struct sockaddr *from;      /* NULL: the source is not wanted */
    int *fromlen;
    WSABUF *control;            /* WSARecvMsg's control buffer, or NULL */
    /* Where the driver reports MSG_CTRUNC.  It reads the flags there when
     * the request is made and writes them later only for a receive with
     * control data, so for an overlapped receive it must outlive the
     * request only when control is set (WSARecvMsg's own dwFlags). */
    DWORD *driver_flags;
};

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

/* Every buffer of a WSABUF array is writable: 0, or the error. */
DWORD ws2_check_wsabufs(const WSABUF *buffers, DWORD count, BOOL write)
{
    DWORD i;

    if (!count) return 0;
    if (!buffers || count > MAXDWORD / sizeof(WSABUF) || !ws2_readable(buffers, count * sizeof(WSABUF)))
        return WSAEFAULT;
    for (i = 0; i < count; i++)
    {
        if (!buffers[i].len) continue;
        if (!buffers[i].buf) return WSAEFAULT;
        if (write ? !ws2_writable(buffers[i].buf, buffers[i].len)
                  : !ws2_readable(buffers[i].buf, buffers[i].len)) return WSAEFAULT;
    }
    return 0;
}

/* The checks every receive makes before the driver sees it: 0, or the
 * error.  req->from is cleared for a stream socket, which leaves the
 * source address alone, even a bad one. */
static DWORD recv_check(SOCKET s, const struct ws2_socket *info, struct recv_request *req)
{
    DWORD err, flags = req->flags;

    if ((err = ws2_check_wsabufs(req->buffers, req->count, TRUE))) return err;
    if (info->type == SOCK_STREAM) req->from = NULL;
    if (req->from)
    {
        if (!req->fromlen || !ws2_writable(req->fromlen, sizeof(*req->fromlen))) return WSAEFAULT;
        if (*req->fromlen < (int)sizeof(struct sockaddr) || !ws2_writable(req->from, *req->fromlen)) return WSAEFAULT;
    }
    /* recv's documentation: MSG_WAITALL with MSG_OOB, MSG_PEEK or
     * MSG_PARTIAL fails with WSAEOPNOTSUPP. */
    if ((flags & MSG_WAITALL) && (flags & (MSG_OOB | MSG_PEEK | MSG_PARTIAL))) return WSAEOPNOTSUPP;
    /* Documented: "an unknown flag was specified" is WSAEINVAL. */
    if (flags & ~RECV_FLAGS) return WSAEINVAL;
    /* Out-of-band data and MSG_WAITALL exist only on streams. */
    if ((flags & (MSG_OOB | MSG_WAITALL)) && info->type != SOCK_STREAM) return WSAEOPNOTSUPP;
    /* A listening socket has no connection to receive from: WSAENOTCONN
     * at once rather than a wait that never ends. */
    if (info->state & WS2_SOCKET_LISTENING) return WSAENOTCONN;
    /* An unbound datagram socket cannot receive: Windows fails at once
     * instead of waiting forever. */
    if (info->type != SOCK_STREAM && !(info->state & WS2_SOCKET_BOUND) && !is_bound(s)) return WSAEINVAL;
    return 0;
}

/* Hand a checked receive to the driver: a blocking or non-blocking call
 * without an OVERLAPPED, else the application's overlapped request. */
static NTSTATUS recv_issue(SOCKET s, const struct ws2_socket *info, const struct recv_request *req,
                           ULONG_PTR *received, WSAOVERLAPPED *overlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct afd_recvmsg_params params;
    NTSTATUS status;

    /* A plain synchronous receive (no control data, no flag but MSG_PEEK)
     * first takes what is waiting through the host path (host.c); with
     * nothing waiting the driver's request waits as usual. */
    if (!overlapped && !req->control && !(req->flags & ~MSG_PEEK) && ws2_host_usable(info) &&
        (status = ws2_host_recv(s, info, req->buffers, req->count, req->flags, req->from, req->fromlen,
                                received)) != STATUS_PENDING)
        return status;

    params.control_ptr = (ULONG_PTR)req->control;
    params.addr_ptr = (ULONG_PTR)req->from;
    params.addr_len_ptr = req->from ? (ULONG_PTR)req->fromlen : 0;
    params.ws_flags_ptr = (ULONG_PTR)req->driver_flags;
    params.force_async = overlapped != NULL;
    params.count = req->count;
    params.buffers_ptr = (ULONG_PTR)req->buffers;
    *received = 0;
    if (overlapped)
    {
        status = afd_call_overlapped(s, IOCTL_AFD_WINE_RECVMSG, &params, sizeof(params),
                                              NULL, 0, overlapped, routine, NULL);
        if (status != STATUS_PENDING && !NT_ERROR(status)) *received = overlapped->InternalHigh;
        return status;
    }
    if (req->flags & MSG_OOB) return recv_oob(s, &params, received);
    return afd_call(s, IOCTL_AFD_WINE_RECVMSG, &params, sizeof(params), NULL, 0, received);
}

static int recv_buffer(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
    struct recv_request req;
    struct ws2_socket info;
    WSABUF wsabuf;
    ULONG_PTR received;
    NTSTATUS status;
    DWORD err, driver_flags = flags;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    if (len < 0 || (len && !buf)) return ws2_fail(WSAEFAULT);
    wsabuf.len = len;
    wsabuf.buf = buf;
    req.buffers = &wsabuf;
    req.count = 1;
    req.flags = flags;
    req.from = from;
    req.fromlen = fromlen;
    req.control = NULL;
    req.driver_flags = &driver_flags;
    if ((err = recv_check(s, &info, &req))) return ws2_fail(err);
    status = recv_issue(s, &info, &req, &received, NULL, NULL);
    /* A truncated datagram fills the buffer and still fails with WSAEMSGSIZE. */
    if (status) return ws2_status_result(status);
    return received;
}

int WINAPI recv(SOCKET s, char *buf, int len, int flags)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p %d %#x\n", s, buf, len, flags);
    if ((p = ws2_provider_of(s))) return ws2_lsp_recv_buffer(p, s, buf, len, flags, NULL, NULL);
    if (ws2_is_host_socket(s)) return ws2_unix_recv_buffer(s, buf, len, flags);
    return recv_buffer(s, buf, len, flags, NULL, NULL);
}

int WINAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p %d %#x %p %p\n", s, buf, len, flags, from, fromlen);
    if ((p = ws2_provider_of(s))) return ws2_lsp_recv_buffer(p, s, buf, len, flags, from, fromlen);
    if (ws2_is_host_socket(s)) return ws2_unix_recv_buffer(s, buf, len, flags);
    return recv_buffer(s, buf, len, flags, from, fromlen);
}

/* The common body of WSARecv, WSARecvFrom and WSARecvMsg, for a socket
 * already found (*info).  *flags is the caller's (out when the receive
 * ends at once); msg, for WSARecvMsg, gets its flags back instead. */
/* The driver reports an overflow of the data and of the control buffer
 * alike.  A cut datagram fills every buffer, so with only the control
 * data cut (MSG_CTRUNC) and room left, the data came whole. */
static BOOL data_truncated(const struct recv_request *req, ULONG_PTR bytes, DWORD flags)
{
    ULONG_PTR room = 0;
    DWORD i;

    if (!(flags & MSG_CTRUNC)) return TRUE;
    for (i = 0; i < req->count; i++) room += req->buffers[i].len;
    return bytes >= room;
}

static int wsa_recv(SOCKET s, const struct ws2_socket *info, struct recv_request *req, DWORD *received,
                    DWORD *flags, WSAMSG *msg, WSAOVERLAPPED *overlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    ULONG_PTR bytes;
    NTSTATUS status;
    DWORD err, out_flags;

    if ((err = ws2_check_overlapped_args(received, overlapped))) return ws2_fail(err);
    if ((err = recv_check(s, info, req))) return ws2_fail(err);
    /* No buffers on a stream is WSAEINVAL (recorded for Windows, with and
     * without an array, in Wine's tests). */
    if (!req->count && info->type == SOCK_STREAM) return ws2_fail(WSAEINVAL);

    status = recv_issue(s, info, req, &bytes, overlapped, routine);
    if (status == STATUS_PENDING) return ws2_fail(WSA_IO_PENDING);
    if (status && status != STATUS_BUFFER_OVERFLOW)
        return ws2_fail(overlapped ? ws2_overlapped_error(status) : ws2_status_to_error(status));
    /* Ended at once: the count and flags are reported now. */
    out_flags = *req->driver_flags & MSG_CTRUNC;
    if (status == STATUS_BUFFER_OVERFLOW && info->type != SOCK_STREAM && data_truncated(req, bytes, out_flags))
        out_flags |= MSG_TRUNC;
    if (received) *received = bytes;
    if (msg) msg->dwFlags = out_flags;
    else *flags = out_flags & ~MSG_TRUNC;
    if (status) return ws2_fail(WSAEMSGSIZE);
    SetLastError(0);
    return 0;
}

int WINAPI WSARecvFrom(SOCKET s, WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags,
                       struct sockaddr *from, int *fromlen, WSAOVERLAPPED *overlapped,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ws2_provider *p;
    struct recv_request req;
    struct ws2_socket info;
    DWORD err, driver_flags;

    TRACE("%#Ix %p %lu %p %p %p %p %p %p\n", s, buffers, count, received, flags, from, fromlen, overlapped, routine);
    if ((p = ws2_provider_of(s))) return ws2_lsp_recv(p, s, buffers, count, received, flags, TRUE, from, fromlen, overlapped, routine);
    if (ws2_is_host_socket(s)) return ws2_unix_recv(s, buffers, count, received, flags, overlapped);
    if ((err = ws2_enter_socket(s, &info))) return ws2_fail(err);
    if (!flags || !ws2_writable(flags, sizeof(*flags))) return ws2_fail(WSAEFAULT);
    driver_flags = *flags;
    req.buffers = buffers;
    req.count = count;
    req.flags = *flags;
    req.from = from;
    req.fromlen = fromlen;
    req.control = NULL;
    req.driver_flags = &driver_flags;
    return wsa_recv(s, &info, &req, received, flags, NULL, overlapped, routine);
}

int WINAPI WSARecv(SOCKET s, WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags,
                   WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ws2_provider *p;

    if ((p = ws2_provider_of(s))) return ws2_lsp_recv(p, s, buffers, count, received, flags, FALSE, NULL, NULL, overlapped, routine);
    return WSARecvFrom(s, buffers, count, received, flags, NULL, NULL, overlapped, routine);
}

/* The WSARecvMsg extension function (handed out by WSAIoctl). */
int WINAPI ws2_WSARecvMsg(SOCKET s, WSAMSG *msg, DWORD *received, WSAOVERLAPPED *overlapped,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct recv_request req;
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix %p %p %p %p\n", s, msg, received, overlapped, routine);
    if ((err = ws2_enter_socket(s, &info))) return ws2_fail(err);
    if (!msg || !ws2_writable(msg, sizeof(*msg))) return ws2_fail(WSAEFAULT);
    if (msg->Control.len && (!msg->Control.buf || !ws2_writable(msg->Control.buf, msg->Control.len)))
        return ws2_fail(WSAEFAULT);
    req.buffers = msg->lpBuffers;
    req.count = msg->dwBufferCount;
    req.flags = msg->dwFlags;
    req.from = msg->name;
    req.fromlen = msg->name ? &msg->namelen : NULL;
    req.control = &msg->Control;
    /* The driver reports a truncated control buffer in the message's own
     * flags, where Windows reports it when an overlapped receive ends. */
    req.driver_flags = &msg->dwFlags;
    return wsa_recv(s, &info, &req, received, NULL, msg, overlapped, routine);
}
