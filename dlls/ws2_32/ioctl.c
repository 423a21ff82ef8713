/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSAIoctl and ioctlsocket.
 *
 * A control code is answered in one of two ways:
 *  - by a driver request that may wait (SIO_ADDRESS_LIST_CHANGE and the
 *    other change notifications): blocking, or through afd_call_overlapped
 *    when the caller passes an OVERLAPPED;
 *  - by a result found at once (here or by a driver request that never
 *    waits).  With an OVERLAPPED the result must still be delivered as an
 *    overlapped completion would be: the event, the completion routine, or
 *    the completion port the application bound the socket to.  We do not
 *    know that port, so the driver delivers it: IOCTL_AFD_WINE_COMPLETE_ASYNC
 *    completes a request at once with the status we give (and 0 bytes,
 *    which is also what Windows reports for these).
 *
 * Rules measured on Windows (recorded in Wine's conformance tests): a NULL
 * lpcbBytesReturned is WSAEFAULT for every code, overlapped or not; an
 * unsupported code fails with WSAEOPNOTSUPP when synchronous, and when
 * overlapped it pends and completes with STATUS_NOT_SUPPORTED.
 */
#include "ws2_32_private.h"
#include "resolve_private.h"
#include "rio.h"

/* How a call delivers its result. */
struct ioctl_call
{
    SOCKET s;
    DWORD *ret_size;
    WSAOVERLAPPED *overlapped;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
};

/* A completion routine for a result found here runs as an APC of this
 * thread, as the driver's would. */
struct routine_apc
{
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
    WSAOVERLAPPED *overlapped;
    DWORD error;
};

static void CALLBACK run_routine(ULONG_PTR arg)
{
    struct routine_apc a = *(struct routine_apc *)arg;

    HeapFree(GetProcessHeap(), 0, (void *)arg);
    a.routine(a.error, 0, a.overlapped, 0);
}

/* Deliver a status found here through the caller's OVERLAPPED; FALSE if
 * it could not be queued. */
static BOOL complete_overlapped(const struct ioctl_call *call, NTSTATUS status)
{
    struct routine_apc *a;
    HANDLE event;

    if (!call->routine)
    {
        NTSTATUS ret = afd_call_overlapped(call->s, IOCTL_AFD_WINE_COMPLETE_ASYNC, &status, sizeof(status),
                                           NULL, 0, call->overlapped, NULL, NULL);

        if (ret != status && ret != STATUS_PENDING) return FALSE;
        /* Wine's ntdll retries a request that says STATUS_NOT_SUPPORTED
         * on the server, which clears the event the completion had set:
         * the request is complete, so the event is set again. */
        event = (HANDLE)((ULONG_PTR)call->overlapped->hEvent & ~(ULONG_PTR)1);
        if (event && NT_ERROR(status)) SetEvent(event);
        return TRUE;
    }
    /* A completion routine is never posted to a port: the OVERLAPPED,
     * its event and the APC are all there is. */
    if (!(a = HeapAlloc(GetProcessHeap(), 0, sizeof(*a)))) return FALSE;
    a->routine = call->routine;
    a->overlapped = call->overlapped;
    a->error = ws2_status_to_error(status);
    call->overlapped->Internal = status;
    call->overlapped->InternalHigh = 0;
    event = (HANDLE)((ULONG_PTR)call->overlapped->hEvent & ~(ULONG_PTR)1);
    if (event) SetEvent(event);
    if (!QueueUserAPC(run_routine, GetCurrentThread(), (ULONG_PTR)a))
    {
        HeapFree(GetProcessHeap(), 0, a);
        return FALSE;
    }
    return TRUE;
}

/* A result found here: bytes written to the caller's output. */
static int succeed(const struct ioctl_call *call, DWORD bytes)
{
    if (call->overlapped && !complete_overlapped(call, STATUS_SUCCESS)) return ws2_fail(WSAENOBUFS);
    *call->ret_size = bytes;
    SetLastError(0);
    return 0;
}

/* A code this provider does not do. */
static int unsupported(const struct ioctl_call *call)
{
    if (!call->overlapped)
    {
        *call->ret_size = 0;
        return ws2_fail(WSAEOPNOTSUPP);
    }
    if (!complete_overlapped(call, STATUS_NOT_SUPPORTED)) return ws2_fail(WSAENOBUFS);
    return ws2_fail(WSA_IO_PENDING);
}

/* A failure found before anything was queued: the OVERLAPPED stays as it was. */
static int refuse(const struct ioctl_call *call, DWORD error)
{
    if (!call->overlapped) *call->ret_size = 0;
    return ws2_fail(error);
}

/* The output must hold `needed` bytes. */
static BOOL output_fits(void *out, DWORD out_size, DWORD needed)
{
    return out && out_size >= needed && ws2_writable(out, needed);
}

/* ---- the simple socket state codes, shared with ioctlsocket ---- */

DWORD ws2_ioctl_fionbio(SOCKET s, u_long mode)
{
    NTSTATUS status = afd_set_int(s, IOCTL_AFD_WINE_FIONBIO, mode ? 1 : 0);

    if (status) return ws2_status_to_error(status);
    /* closesocket's lingering close depends on the mode. */
    if (mode) ws2_socket_set_state(s, WS2_SOCKET_NONBLOCKING);
    else ws2_socket_clear_state(s, WS2_SOCKET_NONBLOCKING);
    return 0;
}

/* FIONREAD or SIOCATMARK: the value, or the error. */
DWORD ws2_ioctl_query(SOCKET s, ULONG code, u_long *value)
{
    NTSTATUS status;
    int v;

    status = afd_get_int(s, code == FIONREAD ? IOCTL_AFD_WINE_FIONREAD : IOCTL_AFD_WINE_SIOCATMARK, &v);
    if (status) return ws2_status_to_error(status);
    *value = v;
    return 0;
}

int WINAPI ioctlsocket(SOCKET s, LONG cmd, u_long *argp)
{
    struct ws2_provider *p;
    struct ws2_socket info;
    u_long value = 0;
    DWORD err;

    TRACE("%#Ix %#lx %p\n", s, cmd, argp);
    if ((p = ws2_provider_of(s))) return ws2_lsp_ioctlsocket(p, s, cmd, argp);
    if (ws2_is_host_socket(s)) return ws2_unix_ioctlsocket(s, cmd, argp);
    if ((err = ws2_enter_socket(s, &info))) return ws2_fail(err);
    switch ((ULONG)cmd)
    {
    case FIONBIO:
        if (!argp || !ws2_readable(argp, sizeof(*argp))) return ws2_fail(WSAEFAULT);
        if ((err = ws2_ioctl_fionbio(s, *argp))) return ws2_fail(err);
        return 0;
    case FIONREAD:
    case SIOCATMARK:
        if (!argp || !ws2_writable(argp, sizeof(*argp))) return ws2_fail(WSAEFAULT);
        if ((err = ws2_ioctl_query(s, cmd, &value))) return ws2_fail(err);
        *argp = value;
        return 0;
    }
    return ws2_fail(WSAEOPNOTSUPP);
}

/* ---- WSAIoctl's codes ---- */

static int do_fionbio(const struct ioctl_call *call, const void *in, DWORD in_size)
{
    u_long mode;
    DWORD err;

    /* The output is ignored: some applications pass one they cannot write. */
    if (in_size < sizeof(mode) || !ws2_copy(&mode, in, sizeof(mode))) return refuse(call, WSAEFAULT);
    if ((err = ws2_ioctl_fionbio(call->s, mode))) return refuse(call, err);
    return succeed(call, 0);
}

static int do_query(const struct ioctl_call *call, ULONG code, void *out, DWORD out_size)
{
    u_long value = 0;
    DWORD err;

    /* Too small an output leaves the byte count alone (Windows). */
    if (!output_fits(out, out_size, sizeof(value))) return ws2_fail(WSAEFAULT);
    if ((err = ws2_ioctl_query(call->s, code, &value))) return refuse(call, err);
    if (!ws2_copy(out, &value, sizeof(value))) return ws2_fail(WSAEFAULT);
    return succeed(call, sizeof(value));
}

static int do_keepalive(const struct ioctl_call *call, const void *in, DWORD in_size)
{
    struct tcp_keepalive k;
    NTSTATUS status;

    if (!in || in_size < sizeof(k) || !ws2_copy(&k, in, sizeof(k)))
    {
        /* An overlapped request reaches the driver, which marks it pending
         * before refusing it (Windows). */
        if (call->overlapped) call->overlapped->Internal = STATUS_PENDING;
        return refuse(call, WSAEFAULT);
    }
    status = afd_call(call->s, IOCTL_AFD_WINE_KEEPALIVE_VALS, &k, sizeof(k), NULL, 0, NULL);
    if (status) return refuse(call, ws2_status_to_error(status));
    if (call->overlapped && !call->routine)
    {
        /* Windows leaves the count alone when the port reports it. */
        DWORD keep = *call->ret_size;
        int ret = succeed(call, 0);
        *call->ret_size = keep;
        return ret;
    }
    return succeed(call, 0);
}

static int do_base_handle(const struct ioctl_call *call, void *out, DWORD out_size)
{
    if (!output_fits(out, out_size, sizeof(SOCKET))) return refuse(call, WSAEFAULT);
    /* Windows does not answer these through an OVERLAPPED. */
    if (call->overlapped) return unsupported(call);
    /* No layered provider sits above the base provider here. */
    if (!ws2_copy(out, &call->s, sizeof(SOCKET))) return refuse(call, WSAEFAULT);
    return succeed(call, sizeof(SOCKET));
}

static int do_interface_list(const struct ioctl_call *call, void *out, DWORD out_size)
{
    ULONG_PTR size = 0;
    NTSTATUS status;
    void *buf;

    if (!out || !ws2_writable(out, out_size)) return refuse(call, WSAEFAULT);
    if (!(buf = HeapAlloc(GetProcessHeap(), 0, out_size ? out_size : 1))) return refuse(call, WSAENOBUFS);
    status = afd_call(call->s, IOCTL_AFD_WINE_GET_INTERFACE_LIST, NULL, 0, buf, out_size, &size);
    if (!status && !ws2_copy(out, buf, size)) status = STATUS_ACCESS_VIOLATION;
    HeapFree(GetProcessHeap(), 0, buf);
    if (status) return refuse(call, ws2_status_to_error(status));
    return succeed(call, size);
}

/* SIO_ADDRESS_LIST_QUERY: the socket family's local addresses as a
 * SOCKET_ADDRESS_LIST, the sockaddrs after the array. */
static int do_address_list(const struct ioctl_call *call, int family, void *out, DWORD out_size)
{
    int addr_len = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    struct ws2_builder b;
    SOCKET_ADDRESS_LIST *list;
    unsigned int i, count = 0;
    DWORD total;
    char *addrs;

    if (out_size && out_size < FIELD_OFFSET(SOCKET_ADDRESS_LIST, Address[0])) return refuse(call, WSAEINVAL);
    ws2_builder_init(&b);
    ws2_local_addresses(&b);
    for (i = 0; i < b.addr_count; i++)
        if (b.addrs[i].family == family) count++;
    total = FIELD_OFFSET(SOCKET_ADDRESS_LIST, Address[count]) + count * addr_len;
    if (!out || out_size < total)
    {
        ws2_builder_clear(&b);
        /* The caller learns the size it needs. */
        *call->ret_size = total;
        return ws2_fail(WSAEFAULT);
    }
    if (!(list = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, total)))
    {
        ws2_builder_clear(&b);
        return refuse(call, WSAENOBUFS);
    }
    addrs = (char *)&list->Address[count];
    list->iAddressCount = count;
    for (i = 0, count = 0; i < b.addr_count; i++)
    {
        const struct ws2_addr *a = &b.addrs[i];
        char *sa = addrs + count * addr_len;

        if (a->family != family) continue;
        if (family == AF_INET)
        {
            struct sockaddr_in *in4 = (struct sockaddr_in *)sa;
            in4->sin_family = AF_INET;
            memcpy(&in4->sin_addr, a->bytes, 4);
        }
        else
        {
            struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
            in6->sin6_family = AF_INET6;
            memcpy(&in6->sin6_addr, a->bytes, 16);
            in6->sin6_scope_id = a->scope_id;
        }
        /* The pointers point into the caller's buffer. */
        list->Address[count].lpSockaddr = (struct sockaddr *)((char *)out + (sa - (char *)list));
        list->Address[count].iSockaddrLength = addr_len;
        count++;
    }
    ws2_builder_clear(&b);
    if (!ws2_copy(out, list, total))
    {
        HeapFree(GetProcessHeap(), 0, list);
        return refuse(call, WSAEFAULT);
    }
    HeapFree(GetProcessHeap(), 0, list);
    return succeed(call, total);
}

/* SIO_ADDRESS_LIST_CHANGE, SIO_ROUTING_INTERFACE_CHANGE: pending until the
 * machine's addresses change or the request is cancelled or closed. */
static int do_change_notify(const struct ioctl_call *call)
{
    int force_async = call->overlapped != NULL;
    NTSTATUS status;

    if (!call->overlapped)
    {
        /* A blocking socket waits; a non-blocking one says WSAEWOULDBLOCK. */
        status = afd_call(call->s, IOCTL_AFD_WINE_ADDRESS_LIST_CHANGE, &force_async, sizeof(force_async),
                          NULL, 0, NULL);
        if (status) return refuse(call, ws2_status_to_error(status));
        return succeed(call, 0);
    }
    status = afd_call_overlapped(call->s, IOCTL_AFD_WINE_ADDRESS_LIST_CHANGE, &force_async,
                                 sizeof(force_async), NULL, 0, call->overlapped, call->routine, NULL);
    if (status == STATUS_PENDING) return ws2_fail(WSA_IO_PENDING);
    if (status) return ws2_fail(ws2_status_to_error(status));
    *call->ret_size = 0;
    SetLastError(0);
    return 0;
}

/* SIO_ROUTING_INTERFACE_QUERY: the local address a datagram to the
 * destination would leave from, found by connecting a scratch UDP socket
 * (which sends nothing) and asking its name. */
static int do_routing_query(const struct ioctl_call *call, const void *in, DWORD in_size,
                            void *out, DWORD out_size)
{
    SOCKADDR_STORAGE dest, local;
    int len = sizeof(local), needed;
    DWORD err = 0;
    SOCKET probe;

    if (!in || in_size < sizeof(USHORT) || !ws2_readable(in, sizeof(USHORT))) return refuse(call, WSAEFAULT);
    memset(&dest, 0, sizeof(dest));
    memcpy(&dest, in, sizeof(USHORT));
    if (dest.ss_family != AF_INET && dest.ss_family != AF_INET6) return refuse(call, WSAEAFNOSUPPORT);
    needed = dest.ss_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    if (in_size < (DWORD)needed || !ws2_copy(&dest, in, needed)) return refuse(call, WSAEFAULT);
    if (!out || out_size < (DWORD)needed)
    {
        *call->ret_size = needed;
        return ws2_fail(WSAEFAULT);
    }
    if (dest.ss_family == AF_INET) ((struct sockaddr_in *)&dest)->sin_port = htons(9);
    else ((struct sockaddr_in6 *)&dest)->sin6_port = htons(9);
    if ((probe = WSASocketW(dest.ss_family, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0)) == INVALID_SOCKET)
        return refuse(call, WSAGetLastError());
    if (connect(probe, (struct sockaddr *)&dest, needed) || getsockname(probe, (struct sockaddr *)&local, &len))
        err = WSAGetLastError();
    closesocket(probe);
    /* No route is reported as such. */
    if (err) return refuse(call, err == WSAENETUNREACH || err == WSAEHOSTUNREACH ? WSAENETUNREACH : err);
    if (local.ss_family == AF_INET) ((struct sockaddr_in *)&local)->sin_port = 0;
    else ((struct sockaddr_in6 *)&local)->sin6_port = 0;
    if (!ws2_copy(out, &local, needed)) return refuse(call, WSAEFAULT);
    return succeed(call, needed);
}

/* A BOOL switch that changes nothing observable here (SIO_UDP_CONNRESET,
 * SIO_UDP_NETRESET on UDP sockets, SIO_LOOPBACK_FAST_PATH on TCP ones). */
static int do_switch(const struct ioctl_call *call, const struct ws2_socket *info, int type,
                     const void *in, DWORD in_size)
{
    BOOL value;

    if (info->type != type) return refuse(call, type == SOCK_DGRAM ? WSAEINVAL : WSAEOPNOTSUPP);
    if (!in || in_size < sizeof(value) || !ws2_copy(&value, in, sizeof(value))) return refuse(call, WSAEFAULT);
    return succeed(call, 0);
}

static BOOL is_connected(SOCKET s)
{
    SOCKADDR_STORAGE peer;

    return !afd_call(s, IOCTL_AFD_WINE_GETPEERNAME, NULL, 0, &peer, sizeof(peer), NULL);
}

/* SIO_IDEAL_SEND_BACKLOG_QUERY: a connected stream's send backlog; Windows
 * reports 64 KiB over loopback. */
static int do_backlog_query(const struct ioctl_call *call, const struct ws2_socket *info,
                            void *out, DWORD out_size)
{
    ULONG backlog = 0x10000;

    if (!output_fits(out, out_size, sizeof(backlog))) return refuse(call, WSAEFAULT);
    if (info->type != SOCK_STREAM) return refuse(call, WSAEOPNOTSUPP);
    if (!is_connected(call->s)) return refuse(call, WSAENOTCONN);
    if (!ws2_copy(out, &backlog, sizeof(backlog))) return refuse(call, WSAEFAULT);
    return succeed(call, sizeof(backlog));
}

/* SIO_IDEAL_SEND_BACKLOG_CHANGE: the backlog never changes here, so the
 * request waits like the change notifications (an address change wakes
 * it, after which the application asks again). */
static int do_backlog_change(const struct ioctl_call *call, const struct ws2_socket *info)
{
    if (info->type != SOCK_STREAM) return refuse(call, WSAEOPNOTSUPP);
    if (!is_connected(call->s)) return refuse(call, WSAENOTCONN);
    return do_change_notify(call);
}

/* SIO_TCP_INFO versions 0 and 1: what the socket driver can tell; the
 * transport counters it cannot are 0. */
static int do_tcp_info(const struct ioctl_call *call, const struct ws2_socket *info,
                       const void *in, DWORD in_size, void *out, DWORD out_size)
{
    TCP_INFO_v1 tcp;
    DWORD version, size;
    int seconds = 0;

    if (!in || in_size < sizeof(version) || !ws2_copy(&version, in, sizeof(version)))
        return refuse(call, WSAEFAULT);
    if (version > 1) return refuse(call, WSAEINVAL);
    size = version ? sizeof(TCP_INFO_v1) : sizeof(TCP_INFO_v0);
    if (!output_fits(out, out_size, size)) return refuse(call, WSAEFAULT);
    if (info->type != SOCK_STREAM) return refuse(call, WSAEOPNOTSUPP);
    memset(&tcp, 0, sizeof(tcp));
    if (is_connected(call->s))
    {
        tcp.State = TCPSTATE_ESTABLISHED;
        if (!afd_get_int(call->s, IOCTL_AFD_WINE_GET_SO_CONNECT_TIME, &seconds) && seconds > 0)
            tcp.ConnectionTimeMs = (ULONG64)seconds * 1000;
    }
    else if (info->state & WS2_SOCKET_LISTENING) tcp.State = TCPSTATE_LISTEN;
    else if (info->state & WS2_SOCKET_CONNECTING) tcp.State = TCPSTATE_SYN_SENT;
    else tcp.State = TCPSTATE_CLOSED;
    afd_get_int(call->s, IOCTL_AFD_WINE_GET_SO_RCVBUF, (int *)&tcp.RcvBuf);
    if (!ws2_copy(out, &tcp, size)) return refuse(call, WSAEFAULT);
    return succeed(call, size);
}

/* SIO_SET_COMPATIBILITY_MODE: the behaviours it names are Windows'
 * receive-window tuning, which has nothing to change here. */
static int do_compatibility(const struct ioctl_call *call, const void *in, DWORD in_size)
{
    WSA_COMPATIBILITY_MODE mode;

    if (!in || in_size < sizeof(mode) || !ws2_copy(&mode, in, sizeof(mode))) return refuse(call, WSAEFAULT);
    if ((ULONG)mode.BehaviorId > WsaBehaviorAutoTuning) return refuse(call, WSAEINVAL);
    return succeed(call, 0);
}

int WINAPI WSAIoctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                    DWORD *ret_size, WSAOVERLAPPED *overlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct ws2_provider *p;
    struct ioctl_call call = { s, ret_size, overlapped, routine };
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix %#lx %p %lu %p %lu %p %p %p\n", s, code, in, in_size, out, out_size, ret_size,
          overlapped, routine);
    if ((p = ws2_provider_of(s))) return ws2_lsp_ioctl(p, s, code, in, in_size, out, out_size, ret_size, overlapped, routine);
    if (ws2_is_host_socket(s)) return ws2_unix_ioctl(s, code, in, in_size, out, out_size, ret_size, overlapped);
    if ((err = ws2_enter_socket(s, &info))) return ws2_fail(err);
    if (!ret_size || !ws2_writable(ret_size, sizeof(*ret_size))) return ws2_fail(WSAEFAULT);
    if (overlapped && !ws2_writable(overlapped, sizeof(*overlapped))) return ws2_fail(WSAEFAULT);

    switch (code)
    {
    case FIONBIO:
        return do_fionbio(&call, in, in_size);
    case FIONREAD:
    case SIOCATMARK:
        return do_query(&call, code, out, out_size);
    case SIO_KEEPALIVE_VALS:
        return do_keepalive(&call, in, in_size);
    case SIO_GET_EXTENSION_FUNCTION_POINTER:
    {
        void *func;

        if (!in || in_size < sizeof(GUID) || !ws2_readable(in, sizeof(GUID))) return refuse(&call, WSAEFAULT);
        if (!(func = ws2_extension_function(in))) return ws2_fail(WSAEINVAL);
        if (!output_fits(out, out_size, sizeof(func))) return refuse(&call, WSAEFAULT);
        if (!ws2_copy(out, &func, sizeof(func))) return refuse(&call, WSAEFAULT);
        return succeed(&call, sizeof(func));
    }
    case SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER:
    {
        /* Registered I/O's table (rio.c); an unknown GUID fails as above. */
        DWORD size, rio_err = ws2_multiple_extension(in, in_size, out, out_size, &size);

        if (rio_err == WSAEINVAL) return ws2_fail(WSAEINVAL);
        if (rio_err) return refuse(&call, rio_err);
        return succeed(&call, size);
    }
    case SIO_BASE_HANDLE:
    case SIO_BSP_HANDLE:
    case SIO_BSP_HANDLE_SELECT:
    case SIO_BSP_HANDLE_POLL:
        return do_base_handle(&call, out, out_size);
    case SIO_GET_INTERFACE_LIST:
        return do_interface_list(&call, out, out_size);
    case SIO_ADDRESS_LIST_QUERY:
        return do_address_list(&call, info.family, out, out_size);
    case SIO_ADDRESS_LIST_CHANGE:
    case SIO_ROUTING_INTERFACE_CHANGE:
        return do_change_notify(&call);
    case SIO_ROUTING_INTERFACE_QUERY:
        return do_routing_query(&call, in, in_size, out, out_size);
    case SIO_UDP_CONNRESET:
    case SIO_UDP_NETRESET:
        return do_switch(&call, &info, SOCK_DGRAM, in, in_size);
    case SIO_LOOPBACK_FAST_PATH:
        return do_switch(&call, &info, SOCK_STREAM, in, in_size);
    case SIO_IDEAL_SEND_BACKLOG_QUERY:
        return do_backlog_query(&call, &info, out, out_size);
    case SIO_IDEAL_SEND_BACKLOG_CHANGE:
        return do_backlog_change(&call, &info);
    case SIO_TCP_INFO:
        return do_tcp_info(&call, &info, in, in_size, out, out_size);
    case SIO_SET_COMPATIBILITY_MODE:
        return do_compatibility(&call, in, in_size);
    case SIO_ENABLE_CIRCULAR_QUEUEING:
        return succeed(&call, 0);
    /* The TCP/IP provider has no QoS, no handle translation and no
     * flushing (SIO_FLUSH: WSAEOPNOTSUPP on Windows). */
    case SIO_GET_QOS:
    case SIO_SET_QOS:
    case SIO_GET_GROUP_QOS:
    case SIO_SET_GROUP_QOS:
    case SIO_TRANSLATE_HANDLE:
    case SIO_FLUSH:
    default:
        return unsupported(&call);
    }
}
