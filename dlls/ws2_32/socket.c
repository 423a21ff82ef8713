/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Socket life: socket, WSASocketA/W, closesocket, bind, listen, connect and
 * WSAConnect, accept and WSAAccept, shutdown (and WSASendDisconnect,
 * WSARecvDisconnect), getsockname and getpeername.
 */
#include <stddef.h>
#include "ws2_32_private.h"

/* Fail a function that returns a SOCKET. */
static SOCKET fail_socket(DWORD error)
{
    SetLastError(error);
    return INVALID_SOCKET;
}

SOCKET WINAPI WSASocketW(int af, int type, int protocol, WSAPROTOCOL_INFOW *info,
                         GROUP group, DWORD flags)
{
    WSAPROTOCOL_INFOW catalog;
    struct ws2_socket entry;
    NTSTATUS status;
    HANDLE handle;
    SOCKET made;
    DWORD err;

    TRACE("af %d type %d protocol %d info %p group %u flags %#lx\n", af, type, protocol, info, group, flags);
    if ((err = ws2_enter_check())) return fail_socket(err);
    if (af == AF_UNIX && !info) return ws2_unix_socket(type, protocol, flags);

    if (info)
    {
        if (!ws2_readable(info, sizeof(*info))) return fail_socket(WSAEFAULT);
        /* WSADuplicateSocket's structure carries the socket itself. */
        if (info->dwProviderReserved) return ws2_socket_from_duplicate(info, flags);
        /* Zero and FROM_PROTOCOL_INFO both take the structure's value; the
         * structure must then name a real family. */
        if (!af || af == FROM_PROTOCOL_INFO) af = info->iAddressFamily;
        if (!type || type == FROM_PROTOCOL_INFO) type = info->iSocketType;
        if (!protocol || protocol == FROM_PROTOCOL_INFO) protocol = info->iProtocol;
        if (af != AF_INET && af != AF_INET6) return fail_socket(WSAEAFNOSUPPORT);
    }
    /* An installed provider first in the catalog makes the socket. */
    if (ws2_provider_socket(af, type, protocol, info, group, flags, &made)) return made;
    if ((err = ws2_catalog_lookup(af, type, protocol, &catalog))) return fail_socket(err);

    status = afd_open(&handle, !!(flags & WSA_FLAG_OVERLAPPED), !(flags & WSA_FLAG_NO_HANDLE_INHERIT));
    if (status) return fail_socket(ws2_status_to_error(status));

    if (!protocol) protocol = catalog.iProtocol;
    status = afd_create(handle, catalog.iAddressFamily, catalog.iSocketType, protocol,
                        flags & ~(WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT));
    if (status)
    {
        CloseHandle(handle);
        return fail_socket(ws2_status_to_error(status));
    }
    memset(&entry, 0, sizeof(entry));
    entry.socket = (SOCKET)handle;
    entry.family = catalog.iAddressFamily;
    entry.type = catalog.iSocketType;
    entry.protocol = protocol;
    entry.state = 0;
    entry.error = 0;
    entry.linger = 0;
    ws2_socket_add(&entry);
    TRACE("-> %p\n", handle);
    SetLastError(0);
    return (SOCKET)handle;
}

SOCKET WINAPI WSASocketA(int af, int type, int protocol, WSAPROTOCOL_INFOA *info,
                         GROUP group, DWORD flags)
{
    WSAPROTOCOL_INFOW infow;

    if (!info) return WSASocketW(af, type, protocol, NULL, group, flags);
    if (!ws2_readable(info, sizeof(*info)))
        return fail_socket(ws2_is_started() ? WSAEFAULT : WSANOTINITIALISED);
    /* Everything but the name is laid out the same; the name is not used. */
    memcpy(&infow, info, offsetof(WSAPROTOCOL_INFOA, szProtocol));
    infow.szProtocol[0] = 0;
    return WSASocketW(af, type, protocol, &infow, group, flags);
}

SOCKET WINAPI socket(int af, int type, int protocol)
{
    struct ws2_thread *thread = ws2_peek_thread();

    /* Sockets from socket() support overlapped I/O, unless the thread set
     * SO_OPENTYPE (Winsock 1 synchronous handles). */
    if (thread && thread->open_type) return WSASocketW(af, type, protocol, NULL, 0, 0);
    return WSASocketW(af, type, protocol, NULL, 0, WSA_FLAG_OVERLAPPED);
}

/* Wait up to timeout milliseconds for s to take more data (or for its
 * connection to end); TRUE if it did. */
static BOOL writable_within(SOCKET s, DWORD timeout)
{
    struct afd_poll_params params;

    params.timeout = -(LONGLONG)timeout * 10000;
    params.count = 1;
    params.exclusive = FALSE;
    params.padding[0] = params.padding[1] = params.padding[2] = 0;
    params.sockets[0].socket = s;
    params.sockets[0].flags = AFD_POLL_WRITE | AFD_POLL_HUP | AFD_POLL_RESET | AFD_POLL_CONNECT_ERR;
    params.sockets[0].status = 0;
    if (afd_call(s, IOCTL_AFD_POLL, &params, sizeof(params), &params, sizeof(params), NULL)) return FALSE;
    return params.count && params.sockets[0].flags;
}

/* Whether s still holds unsent data after waiting up to timeout ms for it
 * to go.  The driver cannot count unsent bytes, but with the send buffer
 * at its smallest the host reports a socket writable only once its queue
 * is down to a few kilobytes, so "not writable" means data is stuck.  The
 * buffer size is put back unless the socket is being closed. */
static BOOL unsent_after(SOCKET s, DWORD timeout, BOOL closing)
{
    int size = 0;
    BOOL stuck;

    afd_get_int(s, IOCTL_AFD_WINE_GET_SO_SNDBUF, &size);
    afd_set_int(s, IOCTL_AFD_WINE_SET_SO_SNDBUF, 1);
    stuck = !writable_within(s, timeout);
    if (!closing || stuck) afd_set_int(s, IOCTL_AFD_WINE_SET_SO_SNDBUF, size);
    return stuck;
}

/* SO_LINGER on with a time (closesocket's documentation): a blocking
 * socket's close waits for unsent data to go, at most that long, and
 * aborts the connection when the time runs out; a non-blocking socket's
 * close fails with WSAEWOULDBLOCK instead of waiting.  The host's close
 * then runs with a linger that cannot outlast the caller's: none for a
 * non-blocking socket, a hard close once the time has run out, the time
 * left for the last few kilobytes otherwise. */
static DWORD prepare_lingering_close(SOCKET s, const struct ws2_socket *info)
{
    struct linger host = { 0, 0 };
    DWORD start, waited, limit;

    if (!(info->state & WS2_SOCKET_LINGERING) || info->type != SOCK_STREAM ||
        !(info->state & WS2_SOCKET_CONNECTED))
        return 0;
    if (info->state & WS2_SOCKET_NONBLOCKING)
    {
        if (unsent_after(s, 0, FALSE)) return WSAEWOULDBLOCK;
    }
    else
    {
        limit = info->linger * 1000;
        start = GetTickCount();
        host.l_onoff = 1;
        if (!unsent_after(s, limit, TRUE))
        {
            waited = GetTickCount() - start;
            host.l_linger = waited < limit ? (limit - waited + 999) / 1000 : 0;
        }
        /* else l_linger 0: the time ran out, and the close resets. */
    }
    afd_call(s, IOCTL_AFD_WINE_SET_SO_LINGER, &host, sizeof(host), NULL, 0, NULL);
    return 0;
}

int WINAPI closesocket(SOCKET s)
{
    struct ws2_provider *p;
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix\n", s);
    if (ws2_is_host_socket(s)) return ws2_unix_closesocket(s);
    if ((p = ws2_provider_of(s))) return ws2_lsp_closesocket(p, s);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    /* Never close a handle that is not a socket.  A handle not in the
     * table was just asked of the driver; one in it is confirmed. */
    if (ws2_socket_get(s, &info) ||
        (!(info.state & WS2_SOCKET_UNTRACKED) && !ws2_socket_confirm(s, info.state)))
    {
        ws2_socket_remove(s);
        return ws2_fail(WSAENOTSOCK);
    }
    if ((err = prepare_lingering_close(s, &info))) return ws2_fail(err);
    ws2_socket_remove(s);
    /* Documented: blocking calls pending on the socket in any thread are
     * cancelled (they fail with WSAEINTR), and so are its overlapped
     * operations.  The driver would only cut short some of them.  A socket
     * of ours with no call in progress and no overlapped, select-style or
     * RIO request ever (WS2_SOCKET_DRIVER_ONLY) has nothing to cancel,
     * which saves a server round trip. */
    if (info.calls || (info.state & (WS2_SOCKET_DRIVER_ONLY | WS2_SOCKET_UNTRACKED)))
        CancelIoEx((HANDLE)s, NULL);
    if (!CloseHandle((HANDLE)s)) return ws2_fail(WSAENOTSOCK);
    return 0;
}

/* The socket's table entry, or 0 with the error set. */
static BOOL get_socket(SOCKET s, struct ws2_socket *info)
{
    NTSTATUS status = ws2_socket_get(s, info);

    if (status) ws2_status_result(status);
    return !status;
}

static int sockaddr_min_len(int family)
{
    switch (family)
    {
    case AF_INET: return sizeof(struct sockaddr_in);
    case AF_INET6: return sizeof(struct sockaddr_in6);
    default: return sizeof(struct sockaddr);
    }
}

/* Checks shared by bind and connect on the caller's address. */
static DWORD check_address(const struct ws2_socket *info, const struct sockaddr *addr, int len)
{
    if (!addr || len < (int)sizeof(addr->sa_family) || !ws2_readable(addr, len)) return WSAEFAULT;
    if (len < sockaddr_min_len(info->family)) return WSAEFAULT;
    if (addr->sa_family != info->family) return WSAEAFNOSUPPORT;
    return 0;
}

/* connect refuses the wildcard address and port 0 as a destination. */
BOOL ws2_is_unspecified_peer(const struct sockaddr *addr)
{
    static const IN6_ADDR any6;

    if (addr->sa_family == AF_INET)
    {
        const struct sockaddr_in *in = (const struct sockaddr_in *)addr;
        return !in->sin_addr.s_addr || !in->sin_port;
    }
    if (addr->sa_family == AF_INET6)
    {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;
        return !memcmp(&in6->sin6_addr, &any6, sizeof(any6)) || !in6->sin6_port;
    }
    return FALSE;
}

int WINAPI bind(SOCKET s, const struct sockaddr *addr, int len)
{
    struct ws2_provider *p;
    struct afd_bind_params *params;
    struct ws2_socket info;
    SOCKADDR_STORAGE bound;
    NTSTATUS status;
    DWORD err;
    ULONG size;

    TRACE("%#Ix %p %d\n", s, addr, len);
    if ((p = ws2_provider_of(s))) return ws2_lsp_bind(p, s, addr, len);
    if (ws2_is_host_socket(s)) return ws2_unix_bind(s, addr, len);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!get_socket(s, &info)) return SOCKET_ERROR;
    if ((err = check_address(&info, addr, len))) return ws2_fail(err);
    if (len > (int)sizeof(bound)) len = sizeof(bound);

    size = offsetof(struct afd_bind_params, addr) + len;
    if (!(params = HeapAlloc(GetProcessHeap(), 0, size))) return ws2_fail(WSAENOBUFS);
    params->unknown = 0;
    memcpy(&params->addr, addr, len);
    status = afd_call(s, IOCTL_AFD_BIND, params, size, &bound, len, NULL);
    HeapFree(GetProcessHeap(), 0, params);
    if (status) return ws2_status_result(status);
    ws2_socket_set_state(s, WS2_SOCKET_BOUND);
    SetLastError(0);
    return 0;
}

int WINAPI listen(SOCKET s, int backlog)
{
    struct ws2_provider *p;
    struct afd_listen_params params = { 0, backlog, 0 };
    struct ws2_socket info;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %d\n", s, backlog);
    if ((p = ws2_provider_of(s))) return ws2_lsp_listen(p, s, backlog);
    if (ws2_is_host_socket(s)) return ws2_unix_listen(s, backlog);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!get_socket(s, &info)) return SOCKET_ERROR;
    /* A connected socket cannot listen; the driver only says "invalid". */
    if (info.state & WS2_SOCKET_CONNECTED) return ws2_fail(WSAEISCONN);
    status = afd_call(s, IOCTL_AFD_LISTEN, &params, sizeof(params), NULL, 0, NULL);
    if (status) return ws2_status_result(status);
    /* recv and send on it fail at once (WSAENOTCONN) instead of waiting. */
    ws2_socket_set_state(s, WS2_SOCKET_LISTENING);
    return 0;
}

/* An address filled with zeros: the unspecified family, or IPv4 or IPv6
 * with every byte after the family zero (a zeroed sockaddr_storage, or
 * 0.0.0.0 port 0).  Shorter than a sockaddr, it is no address at all. */
static BOOL is_all_zeros(const struct sockaddr *addr, int len)
{
    SOCKADDR_STORAGE copy;
    const BYTE *bytes = (const BYTE *)&copy;
    int i;

    if (!addr || len < (int)sizeof(struct sockaddr)) return FALSE;
    if (len > (int)sizeof(copy)) len = sizeof(copy);
    if (!ws2_copy(&copy, addr, len)) return FALSE;
    if (copy.ss_family != AF_UNSPEC && copy.ss_family != AF_INET && copy.ss_family != AF_INET6) return FALSE;
    for (i = sizeof(copy.ss_family); i < len; i++)
        if (bytes[i]) return FALSE;
    return TRUE;
}

/* connect's documentation: on a connectionless socket, an address filled
 * with zeros removes the default peer, so the socket takes datagrams from
 * anyone again and send needs an address.  The host does that for the
 * unspecified family. */
static int disconnect_datagram(SOCKET s)
{
    struct
    {
        struct afd_connect_params params;
        struct sockaddr_in addr;
    } request;
    NTSTATUS status;

    memset(&request, 0, sizeof(request));
    request.params.addr_len = sizeof(request.addr);
    request.params.synchronous = TRUE;
    request.addr.sin_family = AF_UNSPEC;
    status = afd_call(s, IOCTL_AFD_WINE_CONNECT, &request, sizeof(request), NULL, 0, NULL);
    if (status) return ws2_status_result(status);
    ws2_socket_clear_state(s, WS2_SOCKET_CONNECTED);
    SetLastError(0);
    return 0;
}

int WINAPI connect(SOCKET s, const struct sockaddr *addr, int len)
{
    struct ws2_provider *p;
    struct
    {
        struct afd_connect_params params;
        SOCKADDR_STORAGE addr;
    } request;
    struct ws2_socket info;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %p %d\n", s, addr, len);
    if ((p = ws2_provider_of(s))) return ws2_lsp_connect(p, s, addr, len, NULL, NULL, NULL, NULL);
    if (ws2_is_host_socket(s)) return ws2_unix_connect(s, addr, len);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!get_socket(s, &info)) return SOCKET_ERROR;
    if (info.type != SOCK_STREAM && is_all_zeros(addr, len)) return disconnect_datagram(s);
    if ((err = check_address(&info, addr, len))) return ws2_fail(err);
    if (ws2_is_unspecified_peer(addr)) return ws2_fail(WSAEADDRNOTAVAIL);
    if (len > (int)sizeof(request.addr)) len = sizeof(request.addr);

    request.params.addr_len = len;
    request.params.synchronous = TRUE;
    memcpy(&request.addr, addr, len);
    status = afd_call(s, IOCTL_AFD_WINE_CONNECT, &request, sizeof(request.params) + len, NULL, 0, NULL);
    if (!status) ws2_socket_set_state(s, WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED);
    else if (status == STATUS_DEVICE_NOT_READY) ws2_socket_set_state(s, WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTING);
    /* The driver reports a connect already in progress as an address
     * already in use by this socket. */
    if (status == STATUS_ADDRESS_ALREADY_ASSOCIATED) return ws2_fail(WSAEALREADY);
    return ws2_status_result(status);
}

/* TCP/IP exchanges no data while connecting and offers no QoS: the caller's
 * connect data is not sent, the callee's comes back empty (its length set
 * to zero), and the flow specifications are not applied. */
int WINAPI WSAConnect(SOCKET s, const struct sockaddr *addr, int len, WSABUF *caller_data,
                      WSABUF *callee_data, QOS *sqos, QOS *gqos)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p %d %p %p %p %p\n", s, addr, len, caller_data, callee_data, sqos, gqos);
    if ((p = ws2_provider_of(s))) return ws2_lsp_connect(p, s, addr, len, caller_data, callee_data, sqos, gqos);
    if (caller_data && !ws2_readable(caller_data, sizeof(*caller_data))) return ws2_fail(WSAEFAULT);
    if (callee_data && !ws2_writable(callee_data, sizeof(*callee_data))) return ws2_fail(WSAEFAULT);
    if (sqos || gqos) WARN("QoS is not supported, ignored\n");
    if (callee_data) callee_data->len = 0;
    return connect(s, addr, len);
}

/* The TCP/IP providers make no multipoint sockets: the stream ones have
 * no XP1_SUPPORT_MULTIPOINT, and a datagram socket is a leaf only when
 * WSASocket was given WSA_FLAG_MULTIPOINT_C_LEAF or _D_LEAF, which this
 * DLL does not support.  WSAJoinLeaf's documented error for a socket that
 * is no multipoint leaf is WSAEINVAL, after the checks on the socket and
 * on the caller's arguments. */
SOCKET WINAPI WSAJoinLeaf(SOCKET s, const struct sockaddr *addr, int len, WSABUF *caller_data,
                          WSABUF *callee_data, QOS *sqos, QOS *gqos, DWORD flags)
{
    struct ws2_provider *p;
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix %p %d %p %p %p %p %#lx\n", s, addr, len, caller_data, callee_data, sqos, gqos, flags);
    if ((p = ws2_provider_of(s))) return ws2_lsp_join_leaf(p, s, addr, len, caller_data, callee_data, sqos, gqos, flags);
    if ((err = ws2_enter_socket(s, &info))) return fail_socket(err);
    if ((err = check_address(&info, addr, len))) return fail_socket(err);
    if (caller_data && !ws2_readable(caller_data, sizeof(*caller_data))) return fail_socket(WSAEFAULT);
    if (callee_data && !ws2_writable(callee_data, sizeof(*callee_data))) return fail_socket(WSAEFAULT);
    if (sqos && !ws2_readable(sqos, sizeof(*sqos))) return fail_socket(WSAEFAULT);
    if (gqos && !ws2_readable(gqos, sizeof(*gqos))) return fail_socket(WSAEFAULT);
    return fail_socket(WSAEINVAL);
}

/* Check a (name, length) output pair: both present and writable. */
static DWORD check_name_out(struct sockaddr *addr, int *len)
{
    if (!addr || !len) return WSAEFAULT;
    if (!ws2_writable(len, sizeof(*len))) return WSAEFAULT;
    if (*len <= 0 || !ws2_writable(addr, *len)) return WSAEFAULT;
    return 0;
}

/* getsockname/getpeername.  The socket's state is reported before the
 * caller's buffers are looked at (an unconnected socket is WSAENOTCONN even
 * with NULL pointers), so the driver fills a local buffer first. */
static int query_name(SOCKET s, ULONG code, struct sockaddr *addr, int *len)
{
    struct ws2_socket info;
    SOCKADDR_STORAGE name;
    ULONG_PTR size;
    NTSTATUS status;
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    status = afd_call(s, code, NULL, 0, &name, sizeof(name), &size);
    if (status) return ws2_status_result(status);
    if ((err = check_name_out(addr, len))) return ws2_fail(err);
    if (*len < (int)size) return ws2_fail(WSAEFAULT);
    memcpy(addr, &name, size);
    *len = size;
    SetLastError(0);
    return 0;
}

int WINAPI getsockname(SOCKET s, struct sockaddr *addr, int *len)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p %p\n", s, addr, len);
    if ((p = ws2_provider_of(s))) return ws2_lsp_getsockname(p, s, addr, len);
    if (ws2_is_host_socket(s)) return ws2_unix_getname(s, addr, len, FALSE);
    return query_name(s, IOCTL_AFD_GETSOCKNAME, addr, len);
}

int WINAPI getpeername(SOCKET s, struct sockaddr *addr, int *len)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p %p\n", s, addr, len);
    if ((p = ws2_provider_of(s))) return ws2_lsp_getpeername(p, s, addr, len);
    if (ws2_is_host_socket(s)) return ws2_unix_getname(s, addr, len, TRUE);
    return query_name(s, IOCTL_AFD_WINE_GETPEERNAME, addr, len);
}

SOCKET WINAPI accept(SOCKET s, struct sockaddr *addr, int *len)
{
    struct ws2_provider *p;
    struct ws2_socket info;
    ULONG accepted = 0;
    NTSTATUS status;
    SOCKET as;
    DWORD err;

    TRACE("%#Ix %p %p\n", s, addr, len);
    if ((p = ws2_provider_of(s))) return ws2_lsp_accept(p, s, addr, len, NULL, 0);
    if (ws2_is_host_socket(s)) return ws2_unix_accept(s, addr, len);
    if ((err = ws2_enter_check())) return fail_socket(err);
    if (!get_socket(s, &info)) return INVALID_SOCKET;
    /* Without a length the address is not wanted. */
    if (!len) addr = NULL;
    if (addr)
    {
        /* Windows checks the caller's buffer before taking a connection. */
        if ((err = check_name_out(addr, len))) return fail_socket(err);
        if (*len < sockaddr_min_len(info.family)) return fail_socket(WSAEFAULT);
    }
    ws2_host_before_accept(&info);
    status = afd_call(s, IOCTL_AFD_WINE_ACCEPT, NULL, 0, &accepted, sizeof(accepted), NULL);
    if (status) return fail_socket(ws2_status_to_error(status));
    as = (SOCKET)(ULONG_PTR)accepted;
    info.socket = as;
    /* The new socket has the listening socket's options and mode. */
    info.state = WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED |
                 (info.state & (WS2_SOCKET_NONBLOCKING | WS2_SOCKET_LINGERING | WS2_SOCKET_DRIVER_ONLY));
    info.error = 0;
    ws2_socket_add(&info);
    if (addr && getpeername(as, addr, len))
    {
        err = GetLastError();
        closesocket(as);
        return fail_socket(err);
    }
    TRACE("-> %#Ix\n", as);
    return as;
}

/* Close a connection the condition function refused: with a zero linger
 * the peer sees a reset, not an orderly end. */
static void reject_connection(SOCKET s)
{
    struct linger abort_close = { 1, 0 };

    setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&abort_close, sizeof(abort_close));
    closesocket(s);
}

/* CF_DEFER: the driver keeps the connection and hands it to the listener's
 * next accept; our handle on it goes. */
static DWORD defer_connection(SOCKET listener, SOCKET s)
{
    ULONG handle = HandleToULong((HANDLE)s);
    NTSTATUS status;

    status = afd_call(listener, IOCTL_AFD_WINE_DEFER, &handle, sizeof(handle), NULL, 0, NULL);
    ws2_socket_remove(s);
    CloseHandle((HANDLE)s);
    return status ? ws2_status_to_error(status) : WSATRY_AGAIN;
}

/* WSAAccept's condition function sees the caller's and our own address.
 * TCP/IP carries neither connect data nor QoS, so those are NULL, and no
 * socket group is offered. */
static int ask_condition(SOCKET s, LPCONDITIONPROC condition, DWORD_PTR data)
{
    SOCKADDR_STORAGE peer, local;
    int peer_len = sizeof(peer), local_len = sizeof(local);
    WSABUF caller_id, callee_id;
    GROUP group = 0;

    if (getpeername(s, (struct sockaddr *)&peer, &peer_len)) peer_len = 0;
    if (getsockname(s, (struct sockaddr *)&local, &local_len)) local_len = 0;
    caller_id.buf = (char *)&peer;
    caller_id.len = peer_len;
    callee_id.buf = (char *)&local;
    callee_id.len = local_len;
    return condition(&caller_id, NULL, NULL, NULL, &callee_id, NULL, &group, data);
}

SOCKET WINAPI WSAAccept(SOCKET s, struct sockaddr *addr, int *len, LPCONDITIONPROC condition, DWORD_PTR data)
{
    struct ws2_provider *p;
    SOCKET as;
    DWORD err;

    TRACE("%#Ix %p %p %p %#Ix\n", s, addr, len, condition, data);
    if ((p = ws2_provider_of(s))) return ws2_lsp_accept(p, s, addr, len, condition, data);
    /* Documented: a condition function outside the address space is
     * WSAEFAULT, before any connection is taken. */
    if (condition && !ws2_readable((const void *)condition, 1)) return fail_socket(WSAEFAULT);
    if ((as = accept(s, addr, len)) == INVALID_SOCKET || !condition) return as;
    switch (ask_condition(as, condition, data))
    {
    case CF_ACCEPT:
        SetLastError(0);
        return as;
    case CF_REJECT:
        reject_connection(as);
        return fail_socket(WSAECONNREFUSED);
    case CF_DEFER:
        err = defer_connection(s, as);
        return fail_socket(err);
    default:
        /* Documented: a condition function's return that is none of the
         * three is WSAEINVAL.  The connection is refused. */
        reject_connection(as);
        return fail_socket(WSAEINVAL);
    }
}

int WINAPI shutdown(SOCKET s, int how)
{
    struct ws2_provider *p;
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix %d\n", s, how);
    if ((p = ws2_provider_of(s))) return ws2_lsp_shutdown(p, s, how);
    if (ws2_is_host_socket(s)) return ws2_unix_shutdown(s, how);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!get_socket(s, &info)) return SOCKET_ERROR;
    if (how < SD_RECEIVE || how > SD_BOTH) return ws2_fail(WSAEINVAL);
    /* The driver refuses data on a shut-down side where the host would
     * still move it (a datagram socket's sends, a stream's queued data). */
    ws2_socket_set_state(s, WS2_SOCKET_DRIVER_ONLY);
    if (ws2_status_result(afd_call(s, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), NULL, 0, NULL))) return SOCKET_ERROR;
    SetLastError(0);
    return 0;
}

/* TCP/IP carries no disconnect data: WSASendDisconnect sends none and
 * WSARecvDisconnect receives none, each being shutdown of one direction. */
int WINAPI WSASendDisconnect(SOCKET s, WSABUF *data)
{
    struct ws2_provider *p;

    TRACE("%#Ix %p\n", s, data);
    if ((p = ws2_provider_of(s))) return ws2_lsp_disconnect(p, s, data, FALSE);
    if (data && !ws2_readable(data, sizeof(*data))) return ws2_fail(WSAEFAULT);
    return shutdown(s, SD_SEND);
}

int WINAPI WSARecvDisconnect(SOCKET s, WSABUF *data)
{
    struct ws2_provider *p;
    int ret;

    TRACE("%#Ix %p\n", s, data);
    if ((p = ws2_provider_of(s))) return ws2_lsp_disconnect(p, s, data, TRUE);
    if (data && !ws2_writable(data, sizeof(*data))) return ws2_fail(WSAEFAULT);
    if (!(ret = shutdown(s, SD_RECEIVE)) && data) data->len = 0;
    return ret;
}
