/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Microsoft extension functions an application gets through
 * WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER): AcceptEx,
 * GetAcceptExSockaddrs, ConnectEx, DisconnectEx, TransmitFile and
 * TransmitPackets.
 *
 * Each is one driver request.  With an OVERLAPPED it goes through
 * afd_call_overlapped, so its completion reaches the event or completion
 * port the application chose; without one (DisconnectEx, TransmitFile) it
 * is a blocking afd_call.  TransmitPackets is a series of sends made
 * here, its result then delivered through the OVERLAPPED by the driver
 * (IOCTL_AFD_WINE_COMPLETE_ASYNC, as ioctl.c does).
 */
#include "ws2_32_private.h"

#ifndef FILE_USE_FILE_POINTER_POSITION
#define FILE_USE_FILE_POINTER_POSITION ((LONGLONG)-2)
#endif

/* The end of a request: pending, done at once, or refused at once. */
static BOOL overlapped_result(NTSTATUS status, const WSAOVERLAPPED *overlapped, DWORD *bytes)
{
    if (status == STATUS_PENDING)
    {
        SetLastError(WSA_IO_PENDING);
        return FALSE;
    }
    if (status)
    {
        SetLastError(ws2_status_to_error(status));
        return FALSE;
    }
    if (bytes) *bytes = overlapped->InternalHigh;
    SetLastError(0);
    return TRUE;
}

static BOOL fail(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

/* Both handles are sockets; FALSE with the error set otherwise. */
static BOOL get_sockets(SOCKET a, struct ws2_socket *ia, SOCKET b, struct ws2_socket *ib)
{
    NTSTATUS status;
    DWORD err;

    if ((err = ws2_enter_check())) return fail(err);
    if ((status = ws2_socket_get(a, ia))) return fail(ws2_status_to_error(status));
    if (ib && (status = ws2_socket_get(b, ib))) return fail(ws2_status_to_error(status));
    return TRUE;
}

/* A socket that may still take a connection: a new one, or one released
 * by DisconnectEx or TransmitFile with TF_REUSE_SOCKET. */
static BOOL is_fresh(const struct ws2_socket *info)
{
    if (info->state & WS2_SOCKET_REUSABLE) return TRUE;
    return !(info->state & (WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED | WS2_SOCKET_CONNECTING | WS2_SOCKET_LISTENING));
}

static BOOL WINAPI ws2_AcceptEx(SOCKET listener, SOCKET acceptor, void *buffer, DWORD recv_len,
                                DWORD local_len, DWORD remote_len, DWORD *received,
                                OVERLAPPED *overlapped)
{
    struct afd_accept_into_params params;
    struct ws2_socket l, a;
    ULONGLONG total = (ULONGLONG)recv_len + local_len + remote_len;
    NTSTATUS status;

    TRACE("%#Ix %#Ix %p %lu %lu %lu %p %p\n", listener, acceptor, buffer, recv_len, local_len,
          remote_len, received, overlapped);
    if (!get_sockets(listener, &l, acceptor, &a)) return FALSE;
    if (!overlapped) return fail(WSA_INVALID_PARAMETER);
    /* Both addresses need room; the buffer must hold everything. */
    if (!buffer || !remote_len || total > MAXLONG || !ws2_writable(buffer, total)) return fail(WSAEFAULT);
    if (!ws2_writable(overlapped, sizeof(*overlapped))) return fail(WSAEFAULT);
    if (received && !ws2_writable(received, sizeof(*received))) return fail(WSAEFAULT);
    /* The listener must listen; the acceptor must be an unused stream
     * socket (Windows refuses bound, connected and datagram ones). */
    if (!(l.state & (WS2_SOCKET_LISTENING | WS2_SOCKET_UNTRACKED))) return fail(WSAEINVAL);
    if (a.type != SOCK_STREAM || !is_fresh(&a)) return fail(WSAEINVAL);

    params.accept_handle = HandleToULong((HANDLE)acceptor);
    params.recv_len = recv_len;
    params.local_len = local_len;
    status = afd_call_overlapped(listener, IOCTL_AFD_WINE_ACCEPT_INTO, &params, sizeof(params),
                                 buffer, (ULONG)total, overlapped, NULL, NULL);
    return overlapped_result(status, overlapped, received);
}

/* The driver lays out AcceptEx's buffer as: the received data, then the
 * local and the remote address blocks, each an int length followed by the
 * address. */
static void WINAPI ws2_GetAcceptExSockaddrs(void *buffer, DWORD data_size, DWORD local_size,
                                            DWORD remote_size, struct sockaddr **local, int *local_len,
                                            struct sockaddr **remote, int *remote_len)
{
    char *block = (char *)buffer + data_size;

    TRACE("%p %lu %lu %lu\n", buffer, data_size, local_size, remote_size);
    if (local_len) *local_len = *(int *)block;
    if (local) *local = (struct sockaddr *)(block + sizeof(int));
    block += local_size;
    if (remote_len) *remote_len = *(int *)block;
    if (remote) *remote = (struct sockaddr *)(block + sizeof(int));
}

static BOOL WINAPI ws2_ConnectEx(SOCKET s, const struct sockaddr *name, int namelen, void *data,
                                 DWORD data_len, DWORD *sent, OVERLAPPED *overlapped)
{
    struct afd_connect_params *params;
    struct ws2_socket info;
    NTSTATUS status;
    USHORT family;
    int min_len;

    TRACE("%#Ix %p %d %p %lu %p %p\n", s, name, namelen, data, data_len, sent, overlapped);
    if (!get_sockets(s, &info, 0, NULL)) return FALSE;
    if (!overlapped) return fail(WSA_INVALID_PARAMETER);
    if (!ws2_writable(overlapped, sizeof(*overlapped))) return fail(WSAEFAULT);
    if (!name || namelen < (int)sizeof(family) || !ws2_copy(&family, name, sizeof(family))) return fail(WSAEFAULT);
    min_len = info.family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    if (namelen < min_len || !ws2_readable(name, namelen)) return fail(WSAEFAULT);
    if (data_len && (!data || data_len > MAXLONG || !ws2_readable(data, data_len))) return fail(WSAEFAULT);
    if (sent && !ws2_writable(sent, sizeof(*sent))) return fail(WSAEFAULT);
    if (info.state & WS2_SOCKET_LISTENING) return fail(WSAEINVAL);
    if ((info.state & WS2_SOCKET_CONNECTED) && !(info.state & WS2_SOCKET_REUSABLE)) return fail(WSAEISCONN);
    if (info.state & WS2_SOCKET_CONNECTING) return fail(WSAEALREADY);
    /* ConnectEx needs a bound socket (its documentation: WSAEINVAL). */
    if (!(info.state & (WS2_SOCKET_BOUND | WS2_SOCKET_UNTRACKED))) return fail(WSAEINVAL);
    if (family != info.family) return fail(WSAEAFNOSUPPORT);
    if (ws2_is_unspecified_peer(name)) return fail(WSAEADDRNOTAVAIL);

    if (!(params = HeapAlloc(GetProcessHeap(), 0, sizeof(*params) + namelen + data_len))) return fail(WSAENOBUFS);
    params->addr_len = namelen;
    params->synchronous = FALSE;
    memcpy(params + 1, name, namelen);
    if (data_len && !ws2_copy((char *)(params + 1) + namelen, data, data_len))
    {
        HeapFree(GetProcessHeap(), 0, params);
        return fail(WSAEFAULT);
    }
    status = afd_call_overlapped(s, IOCTL_AFD_WINE_CONNECT, params, sizeof(*params) + namelen + data_len,
                                 NULL, 0, overlapped, NULL, NULL);
    HeapFree(GetProcessHeap(), 0, params);
    /* Connected once SO_UPDATE_CONNECT_CONTEXT says so; until then the
     * connection is under way. */
    if (status == STATUS_PENDING || !status) ws2_socket_set_state(s, WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTING);
    return overlapped_result(status, overlapped, sent);
}

/* Send shutdown on a connected socket; with TF_REUSE_SOCKET the socket
 * may then be accepted into again. */
static NTSTATUS disconnect(SOCKET s, WSAOVERLAPPED *overlapped, DWORD flags)
{
    int how = SD_SEND;
    NTSTATUS status;

    if (overlapped)
        status = afd_call_overlapped(s, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), NULL, 0, overlapped, NULL, NULL);
    else
        status = afd_call(s, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), NULL, 0, NULL);
    if ((status == STATUS_PENDING || !status) && (flags & TF_REUSE_SOCKET))
    {
        ws2_socket_clear_state(s, WS2_SOCKET_CONNECTED | WS2_SOCKET_CONNECTING);
        ws2_socket_set_state(s, WS2_SOCKET_REUSABLE);
    }
    return status;
}

static BOOL WINAPI ws2_DisconnectEx(SOCKET s, OVERLAPPED *overlapped, DWORD flags, DWORD reserved)
{
    struct ws2_socket info;
    NTSTATUS status;

    TRACE("%#Ix %p %#lx %#lx\n", s, overlapped, flags, reserved);
    if (!get_sockets(s, &info, 0, NULL)) return FALSE;
    /* The only flag is TF_REUSE_SOCKET; reserved must be 0. */
    if (reserved || (flags & ~TF_REUSE_SOCKET)) return fail(WSAEINVAL);
    if (overlapped && !ws2_writable(overlapped, sizeof(*overlapped))) return fail(WSAEFAULT);
    if (info.type != SOCK_STREAM) return fail(WSAEOPNOTSUPP);
    status = disconnect(s, overlapped, flags);
    if (!overlapped) return !ws2_status_result(status);
    return overlapped_result(status, overlapped, NULL);
}

#define TF_ALLOWED (TF_DISCONNECT | TF_REUSE_SOCKET | TF_WRITE_BEHIND | TF_USE_DEFAULT_WORKER | \
                    TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC)

static BOOL WINAPI ws2_TransmitFile(SOCKET s, HANDLE file, DWORD file_len, DWORD send_size,
                                    OVERLAPPED *overlapped, TRANSMIT_FILE_BUFFERS *buffers, DWORD flags)
{
    struct afd_transmit_params params;
    TRANSMIT_FILE_BUFFERS tfb;
    struct ws2_socket info;
    NTSTATUS status;

    TRACE("%#Ix %p %lu %lu %p %p %#lx\n", s, file, file_len, send_size, overlapped, buffers, flags);
    if (!get_sockets(s, &info, 0, NULL)) return FALSE;
    /* TF_REUSE_SOCKET only goes with TF_DISCONNECT. */
    if ((flags & ~TF_ALLOWED) || ((flags & TF_REUSE_SOCKET) && !(flags & TF_DISCONNECT))) return fail(WSAEINVAL);
    if (overlapped && !ws2_writable(overlapped, sizeof(*overlapped))) return fail(WSAEFAULT);
    memset(&params, 0, sizeof(params));
    if (buffers)
    {
        if (!ws2_copy(&tfb, buffers, sizeof(tfb))) return fail(WSAEFAULT);
        if (tfb.HeadLength && (!tfb.Head || !ws2_readable(tfb.Head, tfb.HeadLength))) return fail(WSAEFAULT);
        if (tfb.TailLength && (!tfb.Tail || !ws2_readable(tfb.Tail, tfb.TailLength))) return fail(WSAEFAULT);
        params.head_ptr = (ULONG_PTR)tfb.Head;
        params.head_len = tfb.HeadLength;
        params.tail_ptr = (ULONG_PTR)tfb.Tail;
        params.tail_len = tfb.TailLength;
    }
    /* An OVERLAPPED names the file offset; without one the file pointer is used. */
    if (overlapped)
    {
        params.offset.u.LowPart = overlapped->Offset;
        params.offset.u.HighPart = overlapped->OffsetHigh;
    }
    else params.offset.QuadPart = FILE_USE_FILE_POINTER_POSITION;
    params.file = HandleToULong(file);
    params.file_len = file_len;
    params.buffer_size = send_size;
    params.flags = flags;

    if (overlapped)
        status = afd_call_overlapped(s, IOCTL_AFD_WINE_TRANSMIT, &params, sizeof(params), NULL, 0,
                                     overlapped, NULL, NULL);
    else
        status = afd_call(s, IOCTL_AFD_WINE_TRANSMIT, &params, sizeof(params), NULL, 0, NULL);
    /* The driver defers a send shutdown until the queued sends are done,
     * so the disconnect can be asked for at once. */
    if ((status == STATUS_PENDING || !status) && (flags & TF_DISCONNECT)) disconnect(s, NULL, flags);
    if (!overlapped) return !ws2_status_result(status);
    return overlapped_result(status, overlapped, NULL);
}

/* ---- TransmitPackets ---- */

#define TP_ELEMENT_FLAGS (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE | TP_ELEMENT_EOP)
/* Buffers gathered into one send at most, and the bytes a stream send
 * carries at most (file data is read in pieces of this size). */
#define TP_GROUP_MAX  16
#define TP_CHUNK      65536

/* Buffers waiting to go out as one send (one datagram on a datagram
 * socket); the file data among them is ours to free. */
struct tp_group
{
    WSABUF bufs[TP_GROUP_MAX];
    BOOL owned[TP_GROUP_MAX];
    DWORD count;
    ULONG bytes;
};

static void tp_release(struct tp_group *g)
{
    DWORD i;

    for (i = 0; i < g->count; i++)
        if (g->owned[i]) HeapFree(GetProcessHeap(), 0, g->bufs[i].buf);
    g->count = 0;
    g->bytes = 0;
}

/* Send what is gathered, waiting until the driver took all of it (on a
 * non-blocking socket too: the request is queued, not refused). */
static NTSTATUS tp_flush(SOCKET s, struct tp_group *g, ULONGLONG *total)
{
    struct afd_sendmsg_params params;
    ULONG_PTR sent = 0;
    NTSTATUS status = STATUS_SUCCESS;

    if (g->count)
    {
        memset(&params, 0, sizeof(params));
        params.force_async = TRUE;
        params.count = g->count;
        params.buffers_ptr = (ULONG_PTR)g->bufs;
        status = afd_call(s, IOCTL_AFD_WINE_SENDMSG, &params, sizeof(params), NULL, 0, &sent);
        *total += sent;
    }
    tp_release(g);
    return status;
}

static NTSTATUS tp_add(SOCKET s, struct tp_group *g, char *buf, ULONG len, BOOL owned, ULONGLONG *total)
{
    NTSTATUS status;

    if (g->count == TP_GROUP_MAX && (status = tp_flush(s, g, total)))
    {
        if (owned) HeapFree(GetProcessHeap(), 0, buf);
        return status;
    }
    g->bufs[g->count].buf = buf;
    g->bufs[g->count].len = len;
    g->owned[g->count++] = owned;
    g->bytes += len;
    return STATUS_SUCCESS;
}

/* Read len bytes of a file at offset (fewer at its end); *got the bytes. */
static NTSTATUS tp_read(HANDLE file, ULONGLONG offset, char *buf, ULONG len, ULONG *got)
{
    OVERLAPPED ov;
    DWORD done = 0;
    BOOL ok;

    memset(&ov, 0, sizeof(ov));
    ov.Offset = (DWORD)offset;
    ov.OffsetHigh = (DWORD)(offset >> 32);
    if (!(ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL))) return STATUS_NO_MEMORY;
    ok = ReadFile(file, buf, len, &done, &ov);
    if (!ok && GetLastError() == ERROR_IO_PENDING) ok = GetOverlappedResult(file, &ov, &done, TRUE);
    CloseHandle(ov.hEvent);
    *got = done;
    if (ok || GetLastError() == ERROR_HANDLE_EOF) return STATUS_SUCCESS;
    return GetLastError() == ERROR_INVALID_HANDLE ? STATUS_INVALID_HANDLE : STATUS_INVALID_PARAMETER;
}

/* A file element: cLength bytes from nFileOffset (-1: the file pointer),
 * all of the rest of the file when cLength is 0.  A stream takes it in
 * pieces; a datagram socket gets it whole, as part of one message. */
static NTSTATUS tp_add_file(SOCKET s, const struct ws2_socket *info, struct tp_group *g,
                            const TRANSMIT_PACKETS_ELEMENT *el, ULONG send_size, ULONGLONG *total)
{
    LARGE_INTEGER pos, zero;
    ULONGLONG offset, left;
    NTSTATUS status;
    ULONG piece, got;
    char *buf;

    zero.QuadPart = 0;
    if (el->nFileOffset.QuadPart == -1)
    {
        if (!SetFilePointerEx(el->hFile, zero, &pos, FILE_CURRENT)) return STATUS_INVALID_HANDLE;
        offset = pos.QuadPart;
    }
    else offset = el->nFileOffset.QuadPart;
    if (el->cLength) left = el->cLength;
    else
    {
        LARGE_INTEGER size;

        if (!GetFileSizeEx(el->hFile, &size)) return STATUS_INVALID_HANDLE;
        left = (ULONGLONG)size.QuadPart > offset ? size.QuadPart - offset : 0;
        if (left > MAXLONG) return STATUS_INVALID_PARAMETER;
    }
    while (left)
    {
        piece = left;
        if (info->type == SOCK_STREAM && piece > send_size) piece = send_size;
        if (!(buf = HeapAlloc(GetProcessHeap(), 0, piece))) return STATUS_NO_MEMORY;
        if ((status = tp_read(el->hFile, offset, buf, piece, &got)) || !got)
        {
            HeapFree(GetProcessHeap(), 0, buf);
            return status;
        }
        if ((status = tp_add(s, g, buf, got, TRUE, total))) return status;
        if (info->type == SOCK_STREAM && g->bytes >= send_size && (status = tp_flush(s, g, total))) return status;
        offset += got;
        left -= got;
        if (got < piece) break;     /* the end of the file */
    }
    /* The file pointer moves past what was sent from it. */
    if (el->nFileOffset.QuadPart == -1)
    {
        pos.QuadPart = offset;
        SetFilePointerEx(el->hFile, pos, NULL, FILE_BEGIN);
    }
    return STATUS_SUCCESS;
}

/* Send every element in order; *total the bytes sent. */
static NTSTATUS tp_send_all(SOCKET s, const struct ws2_socket *info, const TRANSMIT_PACKETS_ELEMENT *els,
                            DWORD count, ULONG send_size, ULONGLONG *total)
{
    struct tp_group g;
    NTSTATUS status = STATUS_SUCCESS;
    DWORD i;

    g.count = 0;
    g.bytes = 0;
    for (i = 0; i < count && !status; i++)
    {
        const TRANSMIT_PACKETS_ELEMENT *el = &els[i];

        if (el->dwElFlags & TP_ELEMENT_MEMORY)
        {
            if (el->cLength) status = tp_add(s, &g, el->pBuffer, el->cLength, FALSE, total);
        }
        else status = tp_add_file(s, info, &g, el, send_size, total);
        /* TP_ELEMENT_EOP ends a send (a message on a datagram socket). */
        if (!status && ((el->dwElFlags & TP_ELEMENT_EOP) ||
                        (info->type == SOCK_STREAM && g.bytes >= send_size)))
            status = tp_flush(s, &g, total);
    }
    if (!status) status = tp_flush(s, &g, total);
    tp_release(&g);
    return status;
}

/* Deliver a result found here through the caller's OVERLAPPED (its
 * event or completion port, by the driver); FALSE if it could not be. */
static BOOL tp_complete(SOCKET s, WSAOVERLAPPED *overlapped, NTSTATUS status, ULONGLONG total)
{
    NTSTATUS ret = afd_call_overlapped(s, IOCTL_AFD_WINE_COMPLETE_ASYNC, &status, sizeof(status),
                                       NULL, 0, overlapped, NULL, NULL);
    HANDLE event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);

    if (ret != status && ret != STATUS_PENDING) return FALSE;
    /* The driver completes with 0 bytes; the OVERLAPPED carries the
     * count (a completion port's packet keeps 0). */
    if (!status) overlapped->InternalHigh = (ULONG_PTR)total;
    /* As in ioctl.c: Wine's ntdll may reset the event of a request that
     * failed at once. */
    if (event && NT_ERROR(status)) SetEvent(event);
    return TRUE;
}

/* A stream's list of at most a memory element, a file element and a memory
 * element, in that order, is what the driver's TransmitFile request
 * carries (head, file, tail): it then runs as a real asynchronous request
 * whose completion counts every byte.  FALSE for any other list. */
static BOOL tp_as_transmit(const TRANSMIT_PACKETS_ELEMENT *els, DWORD count, struct afd_transmit_params *params)
{
    DWORD i = 0;

    memset(params, 0, sizeof(*params));
    params->offset.QuadPart = FILE_USE_FILE_POINTER_POSITION;
    if (i < count && (els[i].dwElFlags & TP_ELEMENT_MEMORY))
    {
        params->head_ptr = (ULONG_PTR)els[i].pBuffer;
        params->head_len = els[i++].cLength;
    }
    if (i < count && !(els[i].dwElFlags & TP_ELEMENT_MEMORY))
    {
        if (els[i].nFileOffset.QuadPart != -1) params->offset = els[i].nFileOffset;
        params->file = HandleToULong(els[i].hFile);
        params->file_len = els[i++].cLength;
    }
    if (i < count && (els[i].dwElFlags & TP_ELEMENT_MEMORY))
    {
        params->tail_ptr = (ULONG_PTR)els[i].pBuffer;
        params->tail_len = els[i++].cLength;
    }
    return i == count;
}

static BOOL WINAPI ws2_TransmitPackets(SOCKET s, TRANSMIT_PACKETS_ELEMENT *array, DWORD count,
                                       DWORD send_size, OVERLAPPED *overlapped, DWORD flags)
{
    TRANSMIT_PACKETS_ELEMENT *els = NULL;
    struct ws2_socket info;
    ULONGLONG total = 0;
    NTSTATUS status;
    DWORD i;

    TRACE("%#Ix %p %lu %lu %p %#lx\n", s, array, count, send_size, overlapped, flags);
    if (!get_sockets(s, &info, 0, NULL)) return FALSE;
    if ((flags & ~TF_ALLOWED) || ((flags & TF_REUSE_SOCKET) && !(flags & TF_DISCONNECT))) return fail(WSAEINVAL);
    if (overlapped && !ws2_writable(overlapped, sizeof(*overlapped))) return fail(WSAEFAULT);
    if (count > MAXLONG / sizeof(*els)) return fail(WSAEINVAL);
    if (count && !array) return fail(WSAEFAULT);
    /* Our own copy, checked whole before anything is sent. */
    if (count && !(els = HeapAlloc(GetProcessHeap(), 0, count * sizeof(*els)))) return fail(WSAENOBUFS);
    if (count && !ws2_copy(els, array, count * sizeof(*els)))
    {
        HeapFree(GetProcessHeap(), 0, els);
        return fail(WSAEFAULT);
    }
    for (i = 0; i < count; i++)
    {
        DWORD err = 0;

        /* One kind of data per element; TP_ELEMENT_FILE when none is named. */
        if ((els[i].dwElFlags & ~TP_ELEMENT_FLAGS) ||
            (els[i].dwElFlags & (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE)) == (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE))
            err = WSAEINVAL;
        else if ((els[i].dwElFlags & TP_ELEMENT_MEMORY) && els[i].cLength &&
                 (!els[i].pBuffer || !ws2_readable(els[i].pBuffer, els[i].cLength)))
            err = WSAEFAULT;
        if (err)
        {
            HeapFree(GetProcessHeap(), 0, els);
            return fail(err);
        }
    }
    if (info.type == SOCK_STREAM && !(info.state & (WS2_SOCKET_CONNECTED | WS2_SOCKET_CONNECTING | WS2_SOCKET_UNTRACKED)))
    {
        HeapFree(GetProcessHeap(), 0, els);
        return fail(WSAENOTCONN);
    }

    if (!send_size || send_size > TP_CHUNK) send_size = TP_CHUNK;
    if (overlapped && info.type == SOCK_STREAM)
    {
        struct afd_transmit_params params;

        if (tp_as_transmit(els, count, &params))
        {
            HeapFree(GetProcessHeap(), 0, els);
            params.buffer_size = send_size;
            params.flags = flags;
            status = afd_call_overlapped(s, IOCTL_AFD_WINE_TRANSMIT, &params, sizeof(params), NULL, 0,
                                         overlapped, NULL, NULL);
            if ((status == STATUS_PENDING || !status) && (flags & TF_DISCONNECT)) disconnect(s, NULL, flags);
            return overlapped_result(status, overlapped, NULL);
        }
    }
    status = tp_send_all(s, &info, els, count, send_size, &total);
    HeapFree(GetProcessHeap(), 0, els);
    if (!status && (flags & TF_DISCONNECT)) status = disconnect(s, NULL, flags);
    if (!overlapped)
    {
        if (status) return fail(ws2_status_to_error(status));
        SetLastError(0);
        return TRUE;
    }
    if (!tp_complete(s, overlapped, status, total)) return fail(WSAENOBUFS);
    if (status)
    {
        SetLastError(WSA_IO_PENDING);
        return FALSE;
    }
    SetLastError(0);
    return TRUE;
}

/* Every WSAID_* and its function; NULL: not available yet. */
static const struct
{
    GUID guid;
    void *func;
}
extensions[] =
{
    { WSAID_ACCEPTEX,           ws2_AcceptEx },
    { WSAID_CONNECTEX,          ws2_ConnectEx },
    { WSAID_DISCONNECTEX,       ws2_DisconnectEx },
    { WSAID_GETACCEPTEXSOCKADDRS, ws2_GetAcceptExSockaddrs },
    { WSAID_TRANSMITFILE,       ws2_TransmitFile },
    { WSAID_TRANSMITPACKETS,    ws2_TransmitPackets },
    { WSAID_WSARECVMSG,         ws2_WSARecvMsg },   /* recv.c */
    { WSAID_WSASENDMSG,         WSASendMsg },       /* send.c, also exported */
    { WSAID_WSAPOLL,            WSAPoll },          /* select.c, also exported */
};

void *ws2_extension_function(const GUID *guid)
{
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(extensions); i++)
        if (!memcmp(&extensions[i].guid, guid, sizeof(*guid))) return extensions[i].func;
    return NULL;
}
