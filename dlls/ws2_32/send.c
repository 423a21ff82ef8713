/*
 * send and sendto.
 */
#include "ws2_32_private.h"

/* The flags Windows accepts on send; anything else is WSAEOPNOTSUPP. */
#define SEND_FLAGS (MSG_OOB | MSG_DONTROUTE | MSG_PARTIAL)

/* One synchronous send of a single buffer, to an optional address. */
static int send_buffer(SOCKET s, const char *buf, int len, int flags,
                       const struct sockaddr *to, int tolen)
{
    struct afd_sendmsg_params params;
    WSABUF wsabuf;
    ULONG_PTR sent;
    NTSTATUS status;
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (len < 0 || (len && (!buf || !ws2_readable(buf, len)))) return ws2_fail(WSAEFAULT);
    if (to && (tolen < (int)sizeof(to->sa_family) || !ws2_readable(to, tolen))) return ws2_fail(WSAEFAULT);
    if (flags & ~SEND_FLAGS) return ws2_fail(WSAEOPNOTSUPP);

    wsabuf.len = len;
    wsabuf.buf = (char *)buf;
    params.addr_ptr = (ULONG_PTR)to;
    params.addr_len = to ? tolen : 0;
    params.ws_flags = flags;
    params.force_async = FALSE;
    params.count = 1;
    params.buffers_ptr = (ULONG_PTR)&wsabuf;
    status = afd_call(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), NULL, 0, &sent);
    if (status) return ws2_status_result(status);
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
