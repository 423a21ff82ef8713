/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * send, sendto, WSASend, WSASendTo and WSASendMsg.
 */
#include "ws2_32_private.h"

/* The flags send knows; another is "an unknown flag", WSAEINVAL. */
#define SEND_FLAGS (MSG_OOB | MSG_DONTROUTE | MSG_PARTIAL)

/* A send as the callers describe it. */
struct send_request
{
    const WSABUF *buffers;
    DWORD count;
    DWORD flags;
    const struct sockaddr *to;  /* NULL: the connected peer */
    int tolen;
};

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

/* The checks every send makes before the driver sees it: 0, or the
 * error.  req->to is cleared for a stream socket, which sends to its peer
 * whatever address it is given. */
static DWORD send_check(const struct ws2_socket *info, struct send_request *req)
{
    DWORD err;

    if ((err = ws2_check_wsabufs(req->buffers, req->count, FALSE))) return err;
    if (info->type == SOCK_STREAM) req->to = NULL;
    if (req->to && (req->tolen < (int)sizeof(req->to->sa_family) || !ws2_readable(req->to, req->tolen)))
        return WSAEFAULT;
    if (req->flags & ~SEND_FLAGS) return WSAEINVAL;
    /* A listening socket has no connection to send on (WSAENOTCONN at
     * once, where the driver would wait). */
    if (info->state & WS2_SOCKET_LISTENING) return WSAENOTCONN;
    return 0;
}

/* Hand a checked send to the driver: a blocking or non-blocking call
 * without an OVERLAPPED, else the application's overlapped request.  The
 * driver takes the buffer list and the address when the request is made. */
/* The part of a send the host path left: the buffers past the first done
 * bytes, in rest[] (at most WS2_HOST_MAX_BUFFERS, as the host path takes);
 * their count, 0 when everything went. */
static DWORD send_rest(const struct send_request *req, ULONG_PTR done, WSABUF *rest)
{
    DWORD i, n = 0;

    for (i = 0; i < req->count; i++)
    {
        if (done >= req->buffers[i].len)
        {
            done -= req->buffers[i].len;
            continue;
        }
        rest[n].buf = req->buffers[i].buf + done;
        rest[n].len = req->buffers[i].len - done;
        done = 0;
        n++;
    }
    return n;
}

static NTSTATUS send_issue(SOCKET s, const struct ws2_socket *info, const struct send_request *req,
                           ULONG_PTR *sent, WSAOVERLAPPED *overlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct afd_sendmsg_params params;
    WSABUF rest[WS2_HOST_MAX_BUFFERS];
    ULONG_PTR host_sent = 0;
    NTSTATUS status;

    params.addr_ptr = (ULONG_PTR)req->to;
    params.addr_len = req->to ? req->tolen : 0;
    params.ws_flags = req->flags;
    params.force_async = overlapped != NULL;
    params.count = req->count;
    params.buffers_ptr = (ULONG_PTR)req->buffers;
    *sent = 0;
    /* A plain synchronous send first tries the host path (host.c).  What
     * it could not send at once on a blocking stream goes to the driver,
     * which waits for room as it would have for the whole. */
    if (!overlapped && !req->flags && ws2_host_usable(info) &&
        ws2_host_send(s, info, req->buffers, req->count, req->to, req->tolen, &host_sent) != STATUS_PENDING)
    {
        if (info->type != SOCK_STREAM || (info->state & WS2_SOCKET_NONBLOCKING) ||
            !(params.count = send_rest(req, host_sent, rest)))
        {
            *sent = host_sent;
            return STATUS_SUCCESS;
        }
        params.buffers_ptr = (ULONG_PTR)rest;
    }
    if (overlapped)
    {
        status = afd_call_overlapped(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), NULL, 0,
                                     overlapped, routine, NULL);
        if (status != STATUS_PENDING && !NT_ERROR(status)) *sent = overlapped->InternalHigh;
    }
    else
    {
        status = afd_call(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), NULL, 0, sent);
        *sent += host_sent;
    }
    /* A datagram socket's first sendto binds it. */
    if (!NT_ERROR(status) && !(info->state & WS2_SOCKET_BOUND)) ws2_socket_set_state(s, WS2_SOCKET_BOUND);
    return status;
}

/* One synchronous send of a single buffer, to an optional address. */
static int send_buffer(SOCKET s, const char *buf, int len, int flags,
                       const struct sockaddr *to, int tolen)
{
    struct send_request req;
    struct ws2_socket info;
    WSABUF wsabuf;
    ULONG_PTR sent;
    NTSTATUS status;
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    if (len < 0 || (len && !buf)) return ws2_fail(WSAEFAULT);
    wsabuf.len = len;
    wsabuf.buf = (char *)buf;
    req.buffers = &wsabuf;
    req.count = 1;
    req.flags = flags;
    req.to = to;
    req.tolen = tolen;
    if ((err = send_check(&info, &req))) return ws2_fail(err);
    status = send_issue(s, &info, &req, &sent, NULL, NULL);
    if (status) return ws2_fail(send_error(&info, req.to, status));
    return sent;
}

int WINAPI send(SOCKET s, const char *buf, int len, int flags)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p %d %#x\n", s, buf, len, flags);
    if ((p = ws2_provider_of(s))) return ws2_lsp_send_buffer(p, s, buf, len, flags, NULL, 0);
    if (ws2_is_host_socket(s)) return ws2_unix_send_buffer(s, buf, len, flags);
    return send_buffer(s, buf, len, flags, NULL, 0);
}

int WINAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p %d %#x %p %d\n", s, buf, len, flags, to, tolen);
    if ((p = ws2_provider_of(s))) return ws2_lsp_send_buffer(p, s, buf, len, flags, to, tolen);
    if (ws2_is_host_socket(s)) return ws2_unix_send_buffer(s, buf, len, flags);
    return send_buffer(s, buf, len, flags, to, tolen);
}

/* The common body of WSASend, WSASendTo and WSASendMsg. */
static int wsa_send(SOCKET s, const struct ws2_socket *info, struct send_request *req, DWORD *sent,
                    WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    ULONG_PTR bytes;
    NTSTATUS status;
    DWORD err;

    if ((err = ws2_check_overlapped_args(sent, overlapped))) return ws2_fail(err);
    if ((err = send_check(info, req))) return ws2_fail(err);
    status = send_issue(s, info, req, &bytes, overlapped, routine);
    if (status == STATUS_PENDING) return ws2_fail(WSA_IO_PENDING);
    if (status)
    {
        err = send_error(info, req->to, status);
        if (overlapped && status == STATUS_CANCELLED) err = ws2_overlapped_error(status);
        return ws2_fail(err);
    }
    if (sent) *sent = bytes;
    SetLastError(0);
    return 0;
}

int WINAPI WSASendTo(SOCKET s, WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags,
                     const struct sockaddr *to, int tolen, WSAOVERLAPPED *overlapped,
                     LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ws2_provider *p;
    struct send_request req;
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix %p %lu %p %#lx %p %d %p %p\n", s, buffers, count, sent, flags, to, tolen, overlapped, routine);
    if ((p = ws2_provider_of(s))) return ws2_lsp_send(p, s, buffers, count, sent, flags, TRUE, to, tolen, overlapped, routine);
    if (ws2_is_host_socket(s)) return ws2_unix_send(s, buffers, count, sent, flags, overlapped);
    if ((err = ws2_enter_socket(s, &info))) return ws2_fail(err);
    req.buffers = buffers;
    req.count = count;
    req.flags = flags;
    req.to = to;
    req.tolen = tolen;
    return wsa_send(s, &info, &req, sent, overlapped, routine);
}

int WINAPI WSASend(SOCKET s, WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags,
                   WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ws2_provider *p;

    if ((p = ws2_provider_of(s))) return ws2_lsp_send(p, s, buffers, count, sent, flags, FALSE, NULL, 0, overlapped, routine);
    return WSASendTo(s, buffers, count, sent, flags, NULL, 0, overlapped, routine);
}

int WINAPI WSASendMsg(SOCKET s, WSAMSG *msg, DWORD flags, DWORD *sent, WSAOVERLAPPED *overlapped,
                      LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ws2_provider *p;
    struct send_request req;
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix %p %#lx %p %p %p\n", s, msg, flags, sent, overlapped, routine);
    if ((p = ws2_provider_of(s))) return ws2_lsp_sendmsg(p, s, msg, flags, sent, overlapped, routine);
    if ((err = ws2_enter_socket(s, &info))) return ws2_fail(err);
    if (!msg || !ws2_readable(msg, sizeof(*msg))) return ws2_fail(WSAEFAULT);
    /* WSASendMsg's documentation: datagram and raw sockets only. */
    if (info.type == SOCK_STREAM) return ws2_fail(WSAEINVAL);
    if (msg->Control.len && (!msg->Control.buf || !ws2_readable(msg->Control.buf, msg->Control.len)))
        return ws2_fail(WSAEFAULT);
    /* The driver's send request has no control data (IP_PKTINFO's source
     * address, for one): it is checked and left out. */
    if (msg->Control.len) FIXME("control data of %lu bytes not sent\n", msg->Control.len);
    req.buffers = msg->lpBuffers;
    req.count = msg->dwBufferCount;
    req.flags = flags;
    req.to = msg->name;
    req.tolen = msg->name ? msg->namelen : 0;
    return wsa_send(s, &info, &req, sent, overlapped, routine);
}
