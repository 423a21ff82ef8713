/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSAConnectByNameA/W and WSAConnectByList: connect a stream socket to the
 * first of several addresses that accepts, within an optional time limit.
 *
 * The addresses are tried in turn on the caller's own socket (a TCP
 * connect that failed leaves the socket free for the next one).  The
 * socket's blocking mode is never touched, so there is nothing to restore:
 * on a blocking socket the driver's connect request is waited for, and
 * cancelled when time runs out; a non-blocking socket's request returns at
 * once and its outcome is polled for.  Either way the call blocks, as
 * Windows documents.
 */
#include <stddef.h>
#include "addrinfo.h"

/* One output address the caller asked for; a NULL length or a NULL
 * buffer means it is not wanted (the other one is then ignored). */
struct address_out
{
    DWORD *len;
    struct sockaddr *addr;
};

/* One destination to try. */
struct target
{
    SOCKADDR_STORAGE addr;
    int len;
};

/* The caller's time limit: none, or `ms` counted from `end - ms`. */
struct deadline
{
    BOOL limited;
    ULONGLONG ms;
    ULONGLONG end;      /* GetTickCount64 time */
};

static BOOL fail(DWORD err)
{
    SetLastError(err);
    return FALSE;
}

static int sockaddr_size(int family)
{
    return family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN);
}

/* ---- arguments ---- */

/* Output buffers are checked before connecting, so a call that could not
 * report its addresses does not connect: a length shorter than the
 * socket's address is WSAEFAULT and stays as it was. */
static DWORD check_out(const struct address_out *out, int family)
{
    int size = sockaddr_size(family);

    if (!out->len || !out->addr) return 0;
    if (!ws2_writable(out->len, sizeof(*out->len))) return WSAEFAULT;
    if (*out->len < (DWORD)size) return WSAEFAULT;
    if (!ws2_writable(out->addr, size)) return WSAEFAULT;
    return 0;
}

/* A timeval (seconds plus microseconds) as a limit in milliseconds;
 * negative parts count as zero. */
static DWORD read_timeout(const struct timeval *tv, struct deadline *d)
{
    d->limited = FALSE;
    d->ms = d->end = 0;
    if (!tv) return 0;
    if (!ws2_readable(tv, sizeof(*tv))) return WSAEFAULT;
    d->limited = TRUE;
    if (tv->tv_sec > 0) d->ms = (ULONGLONG)tv->tv_sec * 1000;
    if (tv->tv_usec > 0) d->ms += ((ULONGLONG)tv->tv_usec + 999) / 1000;
    return 0;
}

/* The checks every form shares, after its own argument checks: the
 * socket (a stream socket), the outputs and the time limit. */
static DWORD check_call(SOCKET s, struct ws2_socket *info, const struct address_out *local,
                        const struct address_out *remote, const struct timeval *timeout, struct deadline *d)
{
    NTSTATUS status;
    DWORD err;

    if ((status = ws2_socket_get(s, info))) return ws2_status_to_error(status);
    /* Connectionless sockets have nothing to connect; Windows 10 says
     * WSAEINVAL (older versions WSAEOPNOTSUPP or WSAEFAULT). */
    if (info->type != SOCK_STREAM) return WSAEINVAL;
    if ((err = check_out(local, info->family)) || (err = check_out(remote, info->family))) return err;
    return read_timeout(timeout, d);
}

/* ---- the time limit ---- */

/* The clock starts with the first connect attempt: name resolution
 * comes before it and is not counted. */
static void start_deadline(struct deadline *d)
{
    d->end = GetTickCount64() + d->ms;
}

/* Milliseconds left (INFINITE without a limit). */
static DWORD remaining(const struct deadline *d)
{
    ULONGLONG now;

    if (!d->limited) return INFINITE;
    now = GetTickCount64();
    if (now >= d->end) return 0;
    return d->end - now >= INFINITE ? INFINITE - 1 : (DWORD)(d->end - now);
}

static BOOL expired(const struct deadline *d)
{
    return d->limited && !remaining(d);
}

/* ---- connecting ---- */

/* Waits for a non-blocking socket's connect to succeed or fail. */
static DWORD wait_connect(SOCKET s, DWORD timeout)
{
    struct afd_poll_params params;
    NTSTATUS status;
    int error = 0;

    params.timeout = timeout == INFINITE ? MAXLONGLONG : -(LONGLONG)timeout * 10000;
    params.count = 1;
    params.exclusive = FALSE;
    params.padding[0] = params.padding[1] = params.padding[2] = 0;
    params.sockets[0].socket = s;
    params.sockets[0].flags = AFD_POLL_CONNECT | AFD_POLL_CONNECT_ERR;
    params.sockets[0].status = 0;
    status = afd_call(s, IOCTL_AFD_POLL, &params, sizeof(params), &params, sizeof(params), NULL);
    if (status == STATUS_TIMEOUT || (!status && !params.count)) return WSAETIMEDOUT;
    if (status) return ws2_status_to_error(status);
    if (!(params.sockets[0].flags & AFD_POLL_CONNECT_ERR)) return 0;
    if (params.sockets[0].status) return ws2_status_to_error(params.sockets[0].status);
    /* The driver did not say why: the socket's pending error does. */
    afd_get_int(s, IOCTL_AFD_WINE_GET_SO_ERROR, &error);
    return error ? (DWORD)error : WSAECONNREFUSED;
}

/* One connect attempt of at most `timeout` ms; 0 or the error. */
static DWORD try_connect(SOCKET s, const struct target *target, DWORD timeout)
{
    struct
    {
        struct afd_connect_params params;
        SOCKADDR_STORAGE addr;
    } request;
    NTSTATUS status;
    DWORD err;

    /* connect's own rule for these destinations */
    if (ws2_is_unspecified_peer((const struct sockaddr *)&target->addr)) return WSAEADDRNOTAVAIL;
    request.params.addr_len = target->len;
    request.params.synchronous = TRUE;
    memcpy(&request.addr, &target->addr, target->len);
    status = afd_call_timed(s, IOCTL_AFD_WINE_CONNECT, &request, sizeof(request.params) + target->len,
                            NULL, 0, timeout, NULL);
    /* After a failed connect, Linux fails the next one on the socket once
     * with ECONNABORTED; the one after that goes through.  (Newer Wine
     * drivers retry by themselves; Wine 8.0's does not.) */
    if (status == STATUS_CONNECTION_ABORTED)
        status = afd_call_timed(s, IOCTL_AFD_WINE_CONNECT, &request, sizeof(request.params) + target->len,
                                NULL, 0, timeout, NULL);
    if (status == STATUS_DEVICE_NOT_READY)
        err = wait_connect(s, timeout);
    else if (status == STATUS_ADDRESS_ALREADY_ASSOCIATED)
        err = WSAEALREADY;      /* as connect: another connect is in progress */
    else
        err = ws2_status_to_error(status);

    if (!err) ws2_socket_set_state(s, WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED);
    else if (status == STATUS_DEVICE_NOT_READY || status == STATUS_IO_TIMEOUT)
        ws2_socket_set_state(s, WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTING);
    return err;
}

/* Tries the targets in order until one connects.  The time limit is
 * checked before each attempt and bounds each wait; the error is the last
 * attempt's, or WSAETIMEDOUT once the time is up. */
static DWORD connect_any(SOCKET s, int family, const struct target *targets, unsigned int count,
                         struct deadline *d)
{
    DWORD err = WSAEINVAL;
    unsigned int i;

    start_deadline(d);
    for (i = 0; i < count; i++)
    {
        if (i && expired(d)) return WSAETIMEDOUT;
        if (targets[i].addr.ss_family != family) err = WSAEAFNOSUPPORT;
        else err = try_connect(s, &targets[i], remaining(d));
        TRACE("target %u (family %u): error %lu\n", i, targets[i].addr.ss_family, err);
        if (!err) return 0;
        /* A timed-out attempt leaves the socket connecting: no other
         * address can be tried on it. */
        if (err == WSAETIMEDOUT && expired(d)) return err;
    }
    return err;
}

/* Fills one output from the driver's view of the connection.  Windows
 * reports the local address with port 0. */
static DWORD fill_out(SOCKET s, ULONG code, const struct address_out *out, BOOL clear_port)
{
    SOCKADDR_STORAGE name;
    ULONG_PTR size;
    NTSTATUS status;

    if (!out->len || !out->addr) return 0;
    if ((status = afd_call(s, code, NULL, 0, &name, sizeof(name), &size))) return ws2_status_to_error(status);
    if (*out->len < size) return WSAEFAULT;
    /* sin_port and sin6_port sit at the same offset */
    if (clear_port) ((SOCKADDR_IN *)&name)->sin_port = 0;
    memcpy(out->addr, &name, size);
    *out->len = size;
    return 0;
}

/* The end of every form: on success, the addresses the caller wanted. */
static BOOL finish(SOCKET s, DWORD err, const struct address_out *local, const struct address_out *remote)
{
    if (!err) err = fill_out(s, IOCTL_AFD_GETSOCKNAME, local, TRUE);
    if (!err) err = fill_out(s, IOCTL_AFD_WINE_GETPEERNAME, remote, FALSE);
    TRACE("-> error %lu\n", err);
    if (err) return fail(err);
    SetLastError(0);
    return TRUE;
}

/* ---- by name ---- */

/* The query for a socket: stream addresses of its family.  A dual-stack
 * IPv6 socket (IPV6_V6ONLY off) takes IPv4 addresses too, v4-mapped. */
static DWORD init_query(struct ws2_ai_query *q, SOCKET s, int family)
{
    int v6only = 1, flags = 0;

    if (family == AF_INET6 && !afd_get_int(s, IOCTL_AFD_WINE_GET_IPV6_V6ONLY, &v6only) && !v6only)
        flags = AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG;
    return ws2_ai_check_hints(q, flags, family, SOCK_STREAM, IPPROTO_TCP, FALSE);
}

/* Resolves the query and tries every address it gives. */
static DWORD connect_query(SOCKET s, int family, const struct ws2_ai_query *q, struct deadline *d)
{
    struct target *targets;
    ADDRINFOA *list, *ai;
    unsigned int count = 0;
    DWORD err;

    if ((err = ws2_ai_resolve(q, FALSE, FALSE, (void **)&list)))
        return err == WSA_NOT_ENOUGH_MEMORY ? WSAENOBUFS : err;
    for (ai = list; ai; ai = ai->ai_next) count++;
    if (!(targets = HeapAlloc(GetProcessHeap(), 0, count * sizeof(*targets))))
    {
        ws2_ai_free_list(list, FALSE);
        return WSAENOBUFS;
    }
    for (ai = list, count = 0; ai; ai = ai->ai_next, count++)
    {
        memcpy(&targets[count].addr, ai->ai_addr, ai->ai_addrlen);
        targets[count].len = ai->ai_addrlen;
    }
    ws2_ai_free_list(list, FALSE);
    err = connect_any(s, family, targets, count, d);
    HeapFree(GetProcessHeap(), 0, targets);
    return err;
}

BOOL WINAPI WSAConnectByNameA(SOCKET s, LPSTR node, LPSTR service, DWORD *local_len, struct sockaddr *local,
                              DWORD *remote_len, struct sockaddr *remote, const PTIMEVAL timeout,
                              WSAOVERLAPPED *reserved)
{
    struct address_out lo = { local_len, local }, re = { remote_len, remote };
    struct ws2_ai_query q = { 0 };
    SIZE_T node_len;
    struct ws2_socket info;
    struct deadline d;
    DWORD err;

    TRACE("%#Ix %p %p %p %p %p %p %p %p\n", s, node, service, local_len, local, remote_len, remote,
          timeout, reserved);
    if ((err = ws2_enter_check())) return fail(err);
    /* Argument errors come before the socket is looked at. */
    if (!node || !service || reserved) return fail(WSAEINVAL);
    if ((err = check_call(s, &info, &lo, &re, timeout, &d))) return fail(err);
    if (ws2_ai_check_ansi(node, service, &node_len)) return fail(WSAEFAULT);

    if (!(err = init_query(&q, s, info.family)) && !(err = ws2_ai_query_from_ansi(&q, node, node_len, service)))
        err = connect_query(s, info.family, &q, &d);
    ws2_ai_query_clear(&q);
    if (err == WSA_NOT_ENOUGH_MEMORY) err = WSAENOBUFS;
    return finish(s, err, &lo, &re);
}

BOOL WINAPI WSAConnectByNameW(SOCKET s, LPWSTR node, LPWSTR service, DWORD *local_len, struct sockaddr *local,
                              DWORD *remote_len, struct sockaddr *remote, const PTIMEVAL timeout,
                              WSAOVERLAPPED *reserved)
{
    struct address_out lo = { local_len, local }, re = { remote_len, remote };
    struct ws2_ai_query q = { 0 };
    struct ws2_socket info;
    struct deadline d;
    DWORD err;

    TRACE("%#Ix %p %p %p %p %p %p %p %p\n", s, node, service, local_len, local, remote_len, remote,
          timeout, reserved);
    if ((err = ws2_enter_check())) return fail(err);
    if (!node || !service || reserved) return fail(WSAEINVAL);
    if ((err = check_call(s, &info, &lo, &re, timeout, &d))) return fail(err);

    if (!(err = init_query(&q, s, info.family)) && !(err = ws2_ai_query_from_wide(&q, node, service)))
        err = connect_query(s, info.family, &q, &d);
    ws2_ai_query_clear(&q);
    if (err == WSA_NOT_ENOUGH_MEMORY) err = WSAENOBUFS;
    return finish(s, err, &lo, &re);
}

/* ---- by list ---- */

/* Copies the caller's list: every entry must be readable (WSAEFAULT
 * otherwise) and long enough for an address of its family. */
static DWORD read_list(const SOCKET_ADDRESS_LIST *list, struct target **targets, unsigned int *count)
{
    const SOCKET_ADDRESS *entry;
    struct target *t;
    INT n, i, len;

    if (!ws2_readable(list, offsetof(SOCKET_ADDRESS_LIST, Address))) return WSAEFAULT;
    if ((n = list->iAddressCount) <= 0) return WSAEINVAL;
    if ((SIZE_T)n > MAXLONG / sizeof(SOCKET_ADDRESS)) return WSAEFAULT;
    if (!ws2_readable(list->Address, n * sizeof(SOCKET_ADDRESS))) return WSAEFAULT;
    if (!(t = HeapAlloc(GetProcessHeap(), 0, n * sizeof(*t)))) return WSAENOBUFS;
    for (i = 0; i < n; i++)
    {
        entry = &list->Address[i];
        len = entry->iSockaddrLength;
        if (!entry->lpSockaddr || len < (int)sizeof(entry->lpSockaddr->sa_family)
                || !ws2_readable(entry->lpSockaddr, len)
                || len < sockaddr_size(entry->lpSockaddr->sa_family))
        {
            HeapFree(GetProcessHeap(), 0, t);
            return WSAEFAULT;
        }
        if (len > (int)sizeof(t[i].addr)) len = sizeof(t[i].addr);
        memset(&t[i].addr, 0, sizeof(t[i].addr));
        memcpy(&t[i].addr, entry->lpSockaddr, len);
        t[i].len = len;
    }
    *targets = t;
    *count = n;
    return 0;
}

BOOL WINAPI WSAConnectByList(SOCKET s, PSOCKET_ADDRESS_LIST list, DWORD *local_len, struct sockaddr *local,
                             DWORD *remote_len, struct sockaddr *remote, const PTIMEVAL timeout,
                             WSAOVERLAPPED *reserved)
{
    struct address_out lo = { local_len, local }, re = { remote_len, remote };
    struct target *targets;
    struct ws2_socket info;
    struct deadline d;
    unsigned int count;
    DWORD err;

    TRACE("%#Ix %p %p %p %p %p %p %p\n", s, list, local_len, local, remote_len, remote, timeout, reserved);
    if ((err = ws2_enter_check())) return fail(err);
    if (!list || reserved) return fail(WSAEINVAL);
    if ((err = check_call(s, &info, &lo, &re, timeout, &d))) return fail(err);
    if ((err = read_list(list, &targets, &count))) return fail(err);
    err = connect_any(s, info.family, targets, count, &d);
    HeapFree(GetProcessHeap(), 0, targets);
    return finish(s, err, &lo, &re);
}
