/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Socket life: socket, WSASocketA/W, closesocket, bind, listen, connect,
 * accept, shutdown, getsockname and getpeername.
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
    struct afd_create_params create;
    WSAPROTOCOL_INFOW catalog;
    struct ws2_socket entry;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    HANDLE handle;
    DWORD err;

    TRACE("af %d type %d protocol %d info %p group %u flags %#lx\n", af, type, protocol, info, group, flags);
    if ((err = ws2_enter_check())) return fail_socket(err);

    if (info)
    {
        if (!ws2_readable(info, sizeof(*info))) return fail_socket(WSAEFAULT);
        /* Zero and FROM_PROTOCOL_INFO both take the structure's value; the
         * structure must then name a real family. */
        if (!af || af == FROM_PROTOCOL_INFO) af = info->iAddressFamily;
        if (!type || type == FROM_PROTOCOL_INFO) type = info->iSocketType;
        if (!protocol || protocol == FROM_PROTOCOL_INFO) protocol = info->iProtocol;
        if (af != AF_INET && af != AF_INET6) return fail_socket(WSAEAFNOSUPPORT);
    }
    if ((err = ws2_catalog_lookup(af, type, protocol, &catalog))) return fail_socket(err);

    status = afd_open(&handle, !!(flags & WSA_FLAG_OVERLAPPED), !(flags & WSA_FLAG_NO_HANDLE_INHERIT));
    if (status) return fail_socket(ws2_status_to_error(status));

    create.family = catalog.iAddressFamily;
    create.type = catalog.iSocketType;
    create.protocol = protocol ? protocol : catalog.iProtocol;
    create.flags = flags & ~(WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    status = NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_AFD_WINE_CREATE,
                                   &create, sizeof(create), NULL, 0);
    if (status)
    {
        CloseHandle(handle);
        return fail_socket(ws2_status_to_error(status));
    }
    entry.socket = (SOCKET)handle;
    entry.family = create.family;
    entry.type = create.type;
    entry.protocol = create.protocol;
    entry.state = 0;
    entry.error = 0;
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
    /* Sockets from socket() support overlapped I/O. */
    return WSASocketW(af, type, protocol, NULL, 0, WSA_FLAG_OVERLAPPED);
}

int WINAPI closesocket(SOCKET s)
{
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix\n", s);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    /* Never close a handle that is not a socket.  The table is not proof:
     * a socket closed with CloseHandle leaves its value behind for the next
     * object (an event, a file...), so the driver confirms. */
    status = afd_get_info(s, NULL, NULL, NULL);
    ws2_socket_remove(s);
    if (status || !CloseHandle((HANDLE)s)) return ws2_fail(WSAENOTSOCK);
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
    struct afd_bind_params *params;
    struct ws2_socket info;
    SOCKADDR_STORAGE bound;
    NTSTATUS status;
    DWORD err;
    ULONG size;

    TRACE("%#Ix %p %d\n", s, addr, len);
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
    struct afd_listen_params params = { 0, backlog, 0 };
    struct ws2_socket info;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %d\n", s, backlog);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!get_socket(s, &info)) return SOCKET_ERROR;
    /* A connected socket cannot listen; the driver only says "invalid". */
    if (info.state & WS2_SOCKET_CONNECTED) return ws2_fail(WSAEISCONN);
    status = afd_call(s, IOCTL_AFD_LISTEN, &params, sizeof(params), NULL, 0, NULL);
    return ws2_status_result(status);
}

int WINAPI connect(SOCKET s, const struct sockaddr *addr, int len)
{
    struct
    {
        struct afd_connect_params params;
        SOCKADDR_STORAGE addr;
    } request;
    struct ws2_socket info;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %p %d\n", s, addr, len);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!get_socket(s, &info)) return SOCKET_ERROR;
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
    TRACE("%#Ix %p %p\n", s, addr, len);
    return query_name(s, IOCTL_AFD_GETSOCKNAME, addr, len);
}

int WINAPI getpeername(SOCKET s, struct sockaddr *addr, int *len)
{
    TRACE("%#Ix %p %p\n", s, addr, len);
    return query_name(s, IOCTL_AFD_WINE_GETPEERNAME, addr, len);
}

SOCKET WINAPI accept(SOCKET s, struct sockaddr *addr, int *len)
{
    struct ws2_socket info;
    ULONG accepted = 0;
    NTSTATUS status;
    SOCKET as;
    DWORD err;

    TRACE("%#Ix %p %p\n", s, addr, len);
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
    status = afd_call(s, IOCTL_AFD_WINE_ACCEPT, NULL, 0, &accepted, sizeof(accepted), NULL);
    if (status) return fail_socket(ws2_status_to_error(status));
    as = (SOCKET)(ULONG_PTR)accepted;
    info.socket = as;
    info.state = WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED;
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

int WINAPI shutdown(SOCKET s, int how)
{
    struct ws2_socket info;
    DWORD err;

    TRACE("%#Ix %d\n", s, how);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!get_socket(s, &info)) return SOCKET_ERROR;
    if (how < SD_RECEIVE || how > SD_BOTH) return ws2_fail(WSAEINVAL);
    if (ws2_status_result(afd_call(s, IOCTL_AFD_WINE_SHUTDOWN, &how, sizeof(how), NULL, 0, NULL))) return SOCKET_ERROR;
    SetLastError(0);
    return 0;
}
