/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * select and __WSAFDIsSet.
 */
#include <stddef.h>
#include "ws2_32_private.h"

/* What each set waits for, in driver poll bits. */
#define READ_EVENTS   (AFD_POLL_READ | AFD_POLL_ACCEPT | AFD_POLL_HUP | AFD_POLL_RESET | AFD_POLL_CLOSE)
#define WRITE_EVENTS  (AFD_POLL_WRITE | AFD_POLL_CONNECT)
#define EXCEPT_EVENTS (AFD_POLL_OOB | AFD_POLL_CONNECT_ERR)

#define MAX_SET_COUNT (MAXLONG / sizeof(struct afd_poll_socket) / 4)

static BOOL set_valid(const fd_set *set, BOOL writable);

int WINAPI __WSAFDIsSet(SOCKET s, fd_set *set)
{
    u_int i;

    if (!set || !set_valid(set, FALSE)) return 0;
    for (i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s) return 1;
    return 0;
}

static u_int set_count(const fd_set *set)
{
    return set ? set->fd_count : 0;
}

/* A set the caller passed: NULL, or its header and entries accessible
 * (writable too for select, which rewrites it). */
static BOOL set_valid(const fd_set *set, BOOL writable)
{
    SIZE_T size;

    if (!set) return TRUE;
    if (!ws2_readable(set, offsetof(fd_set, fd_array))) return FALSE;
    /* A count no address space could hold is a bad set (and must not
     * overflow the sizes computed from it). */
    if (set->fd_count > MAX_SET_COUNT) return FALSE;
    size = offsetof(fd_set, fd_array) + (SIZE_T)set->fd_count * sizeof(SOCKET);
    return writable ? ws2_writable((void *)set, size) : ws2_readable(set, size);
}

/* Add the sockets of one set to the poll request, merging duplicates. */
static void add_set(struct afd_poll_params *params, const fd_set *set, int events)
{
    u_int i, j;

    for (i = 0; i < set_count(set); i++)
    {
        for (j = 0; j < params->count; j++)
            if (params->sockets[j].socket == set->fd_array[i]) break;
        if (j == params->count)
        {
            params->sockets[j].socket = set->fd_array[i];
            params->sockets[j].flags = 0;
            params->sockets[j].status = 0;
            params->count++;
        }
        params->sockets[j].flags |= events;
    }
}

/* Keep in a set only the sockets the driver reported for its events, each
 * once, in the caller's order. */
static int filter_set(fd_set *set, const struct afd_poll_params *result, int events)
{
    u_int i, j, k, kept = 0;

    for (i = 0; i < set_count(set); i++)
    {
        SOCKET s = set->fd_array[i];

        for (k = 0; k < kept; k++)
            if (set->fd_array[k] == s) break;
        if (k < kept) continue;     /* listed twice */
        for (j = 0; j < result->count; j++)
        {
            if (result->sockets[j].socket != s || !(result->sockets[j].flags & events)) continue;
            set->fd_array[kept++] = s;
            break;
        }
    }
    if (set) set->fd_count = kept;
    return kept;
}

/* Mark the sockets of a cancelled poll that are being closed or are gone
 * with AFD_POLL_CLOSE and the rest with nothing; FALSE if none is (the
 * cancel came from elsewhere).  closesocket takes a socket out of the
 * table before it cancels, so a tracked socket missing from the table is
 * being closed even while its handle still works. */
static BOOL mark_closed(struct afd_poll_params *params, const BYTE *tracked)
{
    struct ws2_socket info;
    BOOL any = FALSE;
    u_int i;

    for (i = 0; i < params->count; i++)
    {
        SOCKET s = params->sockets[i].socket;
        BOOL gone = ws2_socket_get(s, &info) != STATUS_SUCCESS ||
                    (tracked[i] && (info.state & WS2_SOCKET_UNTRACKED));

        params->sockets[i].flags = gone ? AFD_POLL_CLOSE : 0;
        params->sockets[i].status = 0;
        any |= gone;
    }
    return any;
}

/* The host's answer to a poll request whose sockets all may use the host
 * path (host.c): TRUE with each entry's flags filled, as the driver would
 * fill them, when something is ready or the caller would not wait; FALSE
 * leaves the request to the driver, which also waits. */
static BOOL poll_on_host(struct afd_poll_params *params, BOOL no_wait)
{
    struct ws2_host_poll entries[WS2_HOST_MAX_POLL];
    int ready;
    u_int i;

    if (params->count > WS2_HOST_MAX_POLL) return FALSE;
    for (i = 0; i < params->count; i++)
    {
        int flags = params->sockets[i].flags;

        entries[i].socket = params->sockets[i].socket;
        entries[i].want = ((flags & AFD_POLL_READ) ? WS2_HOST_READ : 0) |
                          ((flags & AFD_POLL_WRITE) ? WS2_HOST_WRITE : 0);
    }
    if ((ready = ws2_host_poll(entries, params->count)) < 0 || (!ready && !no_wait)) return FALSE;
    for (i = 0; i < params->count; i++)
    {
        params->sockets[i].flags = ((entries[i].ready & WS2_HOST_READ) ? AFD_POLL_READ : 0) |
                                   ((entries[i].ready & WS2_HOST_WRITE) ? AFD_POLL_WRITE : 0);
        params->sockets[i].status = 0;
    }
    return TRUE;
}

int WINAPI select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const PTIMEVAL timeout)
{
    struct afd_poll_params *params;
    struct ws2_provider *p;
    u_int i, total;
    BOOL on_host = TRUE;
    BYTE *tracked;
    ULONG size;
    NTSTATUS status;
    DWORD err;
    int ret;

    TRACE("%d %p %p %p %p\n", nfds, readfds, writefds, exceptfds, timeout);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!set_valid(readfds, TRUE) || !set_valid(writefds, TRUE) || !set_valid(exceptfds, TRUE))
        return ws2_fail(WSAEFAULT);
    if (timeout && !ws2_readable(timeout, sizeof(*timeout))) return ws2_fail(WSAEFAULT);
    if ((p = ws2_provider_of_sets(readfds, writefds, exceptfds)))
        return ws2_lsp_select(p, nfds, readfds, writefds, exceptfds, timeout);
    total = set_count(readfds) + set_count(writefds) + set_count(exceptfds);
    if (!total) return ws2_fail(WSAEINVAL);
    /* AF_UNIX sockets are polled on the host (unixsock.c). */
    if (ws2_unix_select((fd_set *[3]){ readfds, writefds, exceptfds }, timeout, &ret)) return ret;

    size = offsetof(struct afd_poll_params, sockets[total]);
    /* After the request: whether each socket was in the table. */
    if (!(params = HeapAlloc(GetProcessHeap(), 0, size + total))) return ws2_fail(WSAENOBUFS);
    tracked = (BYTE *)params + size;
    /* Relative timeouts are negative, in 100ns units. */
    if (timeout)
        params->timeout = -((LONGLONG)timeout->tv_sec * 10000000 + (LONGLONG)timeout->tv_usec * 10);
    else
        params->timeout = MAXLONGLONG;
    params->count = 0;
    params->exclusive = FALSE;
    params->padding[0] = params->padding[1] = params->padding[2] = 0;
    add_set(params, readfds, READ_EVENTS);
    add_set(params, writefds, WRITE_EVENTS);
    add_set(params, exceptfds, EXCEPT_EVENTS);

    /* Every entry must be a socket; the driver would only see handles. */
    for (i = 0; i < params->count; i++)
    {
        struct ws2_socket info;
        if (ws2_socket_get(params->sockets[i].socket, &info))
        {
            HeapFree(GetProcessHeap(), 0, params);
            return ws2_fail(WSAENOTSOCK);
        }
        tracked[i] = !(info.state & WS2_SOCKET_UNTRACKED);
        on_host &= ws2_host_usable(&info);
    }
    if (on_host && poll_on_host(params, timeout && !timeout->tv_sec && !timeout->tv_usec))
        status = STATUS_SUCCESS;
    else
        status = afd_call(params->sockets[0].socket, IOCTL_AFD_POLL, params,
                          offsetof(struct afd_poll_params, sockets[params->count]), params, size, NULL);
    if (status == STATUS_TIMEOUT) status = STATUS_SUCCESS, params->count = 0;
    /* The poll runs on the first socket's handle, so closing that socket
     * cancels it (closesocket cancels every request on the socket).  Find
     * out which sockets are gone, and answer as the driver does when
     * another socket of the set is closed. */
    if (status == STATUS_CANCELLED && mark_closed(params, tracked)) status = STATUS_SUCCESS;
    if (status)
    {
        HeapFree(GetProcessHeap(), 0, params);
        return ws2_status_result(status);
    }
    /* A failed connect is reported as an exception only, whatever else the
     * driver says about the socket. */
    for (i = 0; i < params->count; i++)
        if (params->sockets[i].flags & AFD_POLL_CONNECT_ERR)
            params->sockets[i].flags = AFD_POLL_CONNECT_ERR;
    /* One fd_set passed for several conditions answers for all of them. */
    ret = 0;
    if (readfds != writefds && readfds != exceptfds)
        ret += filter_set(readfds, params, READ_EVENTS);
    if (writefds != exceptfds)
        ret += filter_set(writefds, params, WRITE_EVENTS | (writefds == readfds ? READ_EVENTS : 0));
    ret += filter_set(exceptfds, params, EXCEPT_EVENTS | (exceptfds == readfds ? READ_EVENTS : 0) |
                                         (exceptfds == writefds ? WRITE_EVENTS : 0));
    /* A socket closed by another thread while select waited ends the wait
     * with AFD_POLL_CLOSE: it counts as readable, and when select was not
     * asked to read it, select fails with WSAENOTSOCK (as it would have had
     * the socket been closed before the call). */
    if (!ret)
    {
        for (i = 0; i < params->count; i++)
            if (params->sockets[i].flags & AFD_POLL_CLOSE) break;
        if (i < params->count)
        {
            HeapFree(GetProcessHeap(), 0, params);
            return ws2_fail(WSAENOTSOCK);
        }
    }
    HeapFree(GetProcessHeap(), 0, params);
    return ret;
}

/* ---- WSAPoll ---- */

/* The only bits an entry may ask for (WSAPOLLFD's documentation: any
 * other value, POLLPRI included, is WSAEINVAL). */
#define POLL_ASKABLE (POLLRDNORM | POLLRDBAND | POLLWRNORM)
/* Conditions reported whether asked for or not. */
#define POLL_ALWAYS  (AFD_POLL_HUP | AFD_POLL_RESET | AFD_POLL_CLOSE | AFD_POLL_CONNECT_ERR)

#define MAX_POLL_COUNT (MAXLONG / sizeof(struct afd_poll_socket) / 4)

/* What to ask the driver for one entry. */
static int poll_request_flags(SHORT events)
{
    int flags = POLL_ALWAYS;

    if (events & POLLRDNORM) flags |= AFD_POLL_READ | AFD_POLL_ACCEPT;
    if (events & POLLRDBAND) flags |= AFD_POLL_OOB;
    if (events & POLLWRNORM) flags |= AFD_POLL_WRITE | AFD_POLL_CONNECT;
    return flags;
}

/* The revents of one entry from what the driver reported. */
static SHORT poll_revents(int flags, SHORT events)
{
    SHORT revents = 0;

    if (flags & (AFD_POLL_READ | AFD_POLL_ACCEPT)) revents |= POLLRDNORM;
    if (flags & AFD_POLL_OOB) revents |= POLLRDBAND;
    if (flags & (AFD_POLL_WRITE | AFD_POLL_CONNECT)) revents |= POLLWRNORM;
    /* A refused connect is writable, hung up and in error on Windows
     * (recorded in Wine's conformance tests). */
    if (flags & AFD_POLL_CONNECT_ERR) revents |= POLLWRNORM | POLLHUP | POLLERR;
    revents &= events;
    if (flags & (AFD_POLL_HUP | AFD_POLL_RESET)) revents |= POLLHUP;
    if (flags & AFD_POLL_CONNECT_ERR) revents |= POLLHUP | POLLERR;
    if (flags & AFD_POLL_CLOSE) revents |= POLLNVAL;
    return revents;
}

/* A stream whose peer is gone with nothing left to read is only hung up:
 * Windows reports no POLLRDNORM for the end of the stream, while the
 * driver reports it as readable. */
static SHORT poll_drop_eof(SOCKET s, SHORT revents)
{
    u_long avail;

    if ((revents & (POLLHUP | POLLRDNORM)) != (POLLHUP | POLLRDNORM)) return revents;
    if (!ws2_ioctl_query(s, FIONREAD, &avail) && !avail) revents &= ~POLLRDNORM;
    return revents;
}

int WINAPI WSAPoll(WSAPOLLFD *fds, ULONG count, int timeout)
{
    struct afd_poll_params *params;
    struct ws2_socket info;
    ULONG i, first, n, k, size;
    ULONG *index;
    BOOL on_host = TRUE;
    BYTE *tracked;
    NTSTATUS status;
    DWORD err;
    int ret;

    TRACE("%p %lu %d\n", fds, count, timeout);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!count) return ws2_fail(WSAEINVAL);
    if (!fds || count > MAX_POLL_COUNT || !ws2_writable(fds, (SIZE_T)count * sizeof(*fds)))
        return ws2_fail(WSAEFAULT);

    for (i = 0; i < count; i++) fds[i].revents = 0;
    /* Entries that are not sockets ahead of the first socket are marked
     * invalid and left out; with no socket at all the call fails.  Windows
     * does not check the event bits of those entries (recorded in Wine's
     * conformance tests), but does check every entry from the first
     * socket on. */
    for (first = 0; first < count; first++)
    {
        if (!ws2_socket_get(fds[first].fd, &info)) break;
        fds[first].revents = POLLNVAL;
    }
    if (first == count) return ws2_fail(WSAENOTSOCK);
    for (i = first; i < count; i++)
        if (fds[i].events & ~POLL_ASKABLE)
        {
            for (k = first; k < count; k++) fds[k].revents = 0;
            return ws2_fail(WSAEINVAL);
        }
    /* AF_UNIX sockets are polled on the host (unixsock.c). */
    if (ws2_is_host_socket(fds[first].fd)) return ws2_unix_wsapoll(fds + first, count - first, timeout);

    n = count - first;
    size = offsetof(struct afd_poll_params, sockets[n]);
    /* After the request: for each driver entry, the caller's entry and
     * whether the socket was in the table. */
    if (!(params = HeapAlloc(GetProcessHeap(), 0, size + n * (sizeof(ULONG) + 1)))) return ws2_fail(WSAENOBUFS);
    index = (ULONG *)((BYTE *)params + size);
    tracked = (BYTE *)(index + n);
    params->timeout = timeout < 0 ? MAXLONGLONG : -(LONGLONG)timeout * 10000;
    params->count = 0;
    params->exclusive = FALSE;
    params->padding[0] = params->padding[1] = params->padding[2] = 0;
    for (i = first; i < count; i++)
    {
        /* A later entry that is not a socket is invalid, but the others
         * are still polled. */
        if (ws2_socket_get(fds[i].fd, &info))
        {
            fds[i].revents = POLLNVAL;
            continue;
        }
        k = params->count++;
        params->sockets[k].socket = fds[i].fd;
        params->sockets[k].flags = poll_request_flags(fds[i].events);
        params->sockets[k].status = 0;
        index[k] = i;
        tracked[k] = !(info.state & WS2_SOCKET_UNTRACKED);
        on_host &= ws2_host_usable(&info);
    }
    n = params->count;

    if (on_host && poll_on_host(params, !timeout))
        status = STATUS_SUCCESS;
    else
        status = afd_call(params->sockets[0].socket, IOCTL_AFD_POLL, params,
                          offsetof(struct afd_poll_params, sockets[n]), params, size, NULL);
    if (status == STATUS_TIMEOUT) status = STATUS_SUCCESS, params->count = 0;
    /* Closing the first socket cancels the poll (see select). */
    if (status == STATUS_CANCELLED)
    {
        params->count = n;
        if (mark_closed(params, tracked)) status = STATUS_SUCCESS;
    }
    if (status)
    {
        HeapFree(GetProcessHeap(), 0, params);
        return ws2_status_result(status);
    }

    /* The driver lists the entries with something to report, in the
     * order they were asked; walk both lists together. */
    ret = 0;
    for (i = 0, k = 0; i < params->count; i++)
    {
        ULONG tries;
        WSAPOLLFD *fd;

        for (tries = 0; tries < n && params->sockets[i].socket != fds[index[k]].fd; tries++)
            k = (k + 1) % n;
        if (tries == n) continue;
        fd = &fds[index[k]];
        k = (k + 1) % n;
        if (!params->sockets[i].flags) continue;
        fd->revents = poll_drop_eof(fd->fd, poll_revents(params->sockets[i].flags, fd->events));
        if (fd->revents) ret++;
    }
    HeapFree(GetProcessHeap(), 0, params);
    SetLastError(0);
    return ret;
}
