/*
 * recv and recvfrom.
 */
#include "ws2_32_private.h"

#define RECV_FLAGS (MSG_OOB | MSG_PEEK | MSG_WAITALL | MSG_PUSH_IMMEDIATE)

static int recv_buffer(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
    struct afd_recvmsg_params params;
    WSABUF wsabuf;
    ULONG_PTR received;
    NTSTATUS status;
    unsigned int ws_flags = flags;
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (len < 0 || (len && (!buf || !ws2_writable(buf, len)))) return ws2_fail(WSAEFAULT);
    if (from)
    {
        if (!fromlen || !ws2_writable(fromlen, sizeof(*fromlen))) return ws2_fail(WSAEFAULT);
        if (*fromlen < (int)sizeof(struct sockaddr) || !ws2_writable(from, *fromlen)) return ws2_fail(WSAEFAULT);
    }
    if (flags & ~RECV_FLAGS) return ws2_fail(WSAEOPNOTSUPP);

    wsabuf.len = len;
    wsabuf.buf = buf;
    params.control_ptr = 0;
    params.addr_ptr = (ULONG_PTR)from;
    params.addr_len_ptr = from ? (ULONG_PTR)fromlen : 0;
    params.ws_flags_ptr = (ULONG_PTR)&ws_flags;
    params.force_async = FALSE;
    params.count = 1;
    params.buffers_ptr = (ULONG_PTR)&wsabuf;
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
