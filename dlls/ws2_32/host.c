/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The host path: socket data moved by the host's own socket calls, without
 * a request to Wine's server, where that cannot change what the server
 * knows about the socket.
 *
 * This is the only code that talks to the host directly.  It is used only
 * on x86_64 Linux hosts under Wine (wine_get_host_version says "Linux"),
 * and WS2_32_HOST_PATH=0 in the environment turns it off.  Every call is
 * an attempt: when the host call would block, or anything looks unusual
 * (an error or hang-up pending on the host socket, an address form we do
 * not convert), the caller goes on with the ordinary driver request,
 * which then behaves exactly as it would have without the attempt.
 *
 * The host descriptor comes from ntdll's wine_server_handle_to_fd (a
 * duplicate of the one Wine keeps for the handle) and is closed before the
 * call returns: a descriptor kept past the call could outlive a handle
 * closed with CloseHandle and keep the connection open.
 */
#include "ws2_32_private.h"

#ifdef __x86_64__

#include "hostsys.h"

/* At most this many buffers go to the host in one call; more take the
 * driver path. */
#define HOST_MAX_BUFFERS    WS2_HOST_MAX_BUFFERS

/* Both address forms share Windows' layout but for the family number. */
union host_sockaddr
{
    struct
    {
        unsigned short family;
        char data[26];
    } any;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
};

typedef NTSTATUS (CDECL *handle_to_fd_fn)(HANDLE handle, unsigned int access, int *fd, unsigned int *options);
typedef void (CDECL *host_version_fn)(const char **sysname, const char **release);

static INIT_ONCE host_once = INIT_ONCE_STATIC_INIT;
static handle_to_fd_fn host_handle_to_fd;
static INIT_ONCE linux_once = INIT_ONCE_STATIC_INIT;
static BOOL host_linux;

/* The raw system calls (hostsys.h) are Linux's: wine_get_host_version
 * must say so. */
static BOOL WINAPI check_linux(INIT_ONCE *once, void *param, void **context)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll");
    const char *sysname = NULL, *release = NULL;
    host_version_fn get_version;

    if (!ntdll) return TRUE;
    if (!(get_version = (host_version_fn)(void *)GetProcAddress(ntdll, "wine_get_host_version"))) return TRUE;
    get_version(&sysname, &release);
    host_linux = sysname && strlen(sysname) == 5 && !memcmp(sysname, "Linux", 5);
    TRACE("host %s %s\n", sysname ? sysname : "?", release ? release : "?");
    return TRUE;
}

BOOL ws2_host_is_linux(void)
{
    InitOnceExecuteOnce(&linux_once, check_linux, NULL, NULL);
    return host_linux;
}

/* Whether the environment turns the host path off: WS2_32_HOST_PATH=0. */
static BOOL host_disabled_by_env(void)
{
    char value[8];
    DWORD len = GetEnvironmentVariableA("WS2_32_HOST_PATH", value, sizeof(value));

    return len == 1 && value[0] == '0';
}

static BOOL WINAPI host_init(INIT_ONCE *once, void *param, void **context)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll");

    if (!ntdll || host_disabled_by_env() || !ws2_host_is_linux()) return TRUE;
    host_handle_to_fd = (handle_to_fd_fn)(void *)GetProcAddress(ntdll, "wine_server_handle_to_fd");
    TRACE("host path %s\n", host_handle_to_fd ? "on" : "off");
    return TRUE;
}

static BOOL host_available(void)
{
    static LONG checked;

    if (!checked)
    {
        InitOnceExecuteOnce(&host_once, host_init, NULL, NULL);
        InterlockedExchange(&checked, 1);
    }
    return host_handle_to_fd != NULL;
}

BOOL ws2_host_usable(const struct ws2_socket *info)
{
    BOOL proto_ok;

    /* Sockets whose server-side state a host call could leave stale:
     * selected or notified ones, ones with overlapped requests, shut-down
     * ones (all WS2_SOCKET_DRIVER_ONLY), handles we did not create, and
     * sockets in the middle of a state change. */
    if (info->state & (WS2_SOCKET_DRIVER_ONLY | WS2_SOCKET_UNTRACKED | WS2_SOCKET_LISTENING |
                       WS2_SOCKET_CONNECTING | WS2_SOCKET_REUSABLE))
        return FALSE;
    if (info->family != AF_INET && info->family != AF_INET6) return FALSE;
    switch (info->type)
    {
    case SOCK_STREAM:
        proto_ok = !info->protocol || info->protocol == IPPROTO_TCP;
        /* Only a connection made through the driver. */
        if (!(info->state & WS2_SOCKET_CONNECTED)) return FALSE;
        break;
    case SOCK_DGRAM:
        proto_ok = !info->protocol || info->protocol == IPPROTO_UDP;
        /* A host send on an unbound socket would bind it behind the
         * server's back. */
        if (!(info->state & (WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED))) return FALSE;
        break;
    default:
        return FALSE;
    }
    return proto_ok && host_available();
}

/* The host descriptor of s (a duplicate to close), or -1. */
static int host_fd(SOCKET s)
{
    unsigned int options;
    int fd = -1;

    if (host_handle_to_fd((HANDLE)s, 0, &fd, &options)) return -1;
    return fd;
}

/* host_fd for a data call; the table learns that ntdll may now cache the
 * descriptor, which makes closesocket's check free (ws2_socket_confirm). */
static int host_data_fd(SOCKET s, const struct ws2_socket *info)
{
    int fd = host_fd(s);

    if (fd >= 0 && !(info->state & WS2_SOCKET_HOST_FD)) ws2_socket_set_state(s, WS2_SOCKET_HOST_FD);
    return fd;
}

/* The socket's readiness for events, with nothing consumed: -1 when an
 * error or hang-up is pending (those are the driver's to report). */
static int host_ready(int fd, short events)
{
    struct host_pollfd p;

    p.fd = fd;
    p.events = events | HOST_POLLRDHUP;
    p.revents = 0;
    if (host_poll(&p, 1, 0) != 1) return 0;
    if (p.revents & (HOST_POLLERR | HOST_POLLHUP | HOST_POLLNVAL | HOST_POLLRDHUP)) return -1;
    return p.revents & events;
}

/* host_ready, and for a call that would wait anyway (on a blocking
 * socket) a short spin first, giving the processor away between looks: an answer
 * due within microseconds then comes without the driver's wait, which
 * costs a round trip to Wine's server and a thread wake-up.  The spin is
 * bounded (HOST_SPIN_ROUNDS looks), so a call that really waits loses
 * only that much before waiting as before. */
#define HOST_SPIN_ROUNDS 256
static int host_wait_ready(int fd, short events, BOOL may_spin)
{
    int ready = host_ready(fd, events), i;

    for (i = 0; may_spin && !ready && i < HOST_SPIN_ROUNDS; i++)
    {
        host_sched_yield();
        ready = host_ready(fd, events);
    }
    return ready;
}

static unsigned int host_iov(struct host_iovec *iov, const WSABUF *buffers, DWORD count)
{
    DWORD i;

    for (i = 0; i < count; i++)
    {
        iov[i].base = buffers[i].buf;
        iov[i].len = buffers[i].len;
    }
    return count;
}

/* A caller's destination as the host's: its length, or 0 when the form is
 * not one the host path takes (the driver then checks it). */
static unsigned int host_addr_from(union host_sockaddr *h, int family, const struct sockaddr *to, int tolen)
{
    memset(h, 0, sizeof(*h));
    if (to->sa_family != family) return 0;
    if (family == AF_INET && tolen >= (int)sizeof(struct sockaddr_in))
    {
        memcpy(&h->in, to, sizeof(h->in));
        h->any.family = HOST_AF_INET;
        memset(h->in.sin_zero, 0, sizeof(h->in.sin_zero));
        return sizeof(h->in);
    }
    if (family == AF_INET6 && tolen >= (int)sizeof(struct sockaddr_in6))
    {
        memcpy(&h->in6, to, sizeof(h->in6));
        h->any.family = HOST_AF_INET6;
        return sizeof(h->in6);
    }
    return 0;
}

/* A host source address as the caller's (a buffer of exactly its size,
 * see ws2_host_recv); *len its size. */
static BOOL host_addr_to(const union host_sockaddr *h, unsigned int hlen, struct sockaddr *from, int *fromlen)
{
    int size;

    if (h->any.family == HOST_AF_INET && hlen >= sizeof(struct sockaddr_in)) size = sizeof(struct sockaddr_in);
    else if (h->any.family == HOST_AF_INET6 && hlen >= sizeof(struct sockaddr_in6)) size = sizeof(struct sockaddr_in6);
    else return FALSE;
    if (*fromlen < size) return FALSE;
    memcpy(from, h, size);
    from->sa_family = h->any.family == HOST_AF_INET ? AF_INET : AF_INET6;
    *fromlen = size;
    return TRUE;
}

/* Drop the first `done` bytes from msg's buffers. */
static void host_msg_advance(struct host_msghdr *msg, unsigned long long done)
{
    while (msg->iovlen && done >= msg->iov->len)
    {
        done -= msg->iov->len;
        msg->iov++;
        msg->iovlen--;
    }
    if (msg->iovlen)
    {
        msg->iov->base = (char *)msg->iov->base + done;
        msg->iov->len -= done;
    }
}

/* Send what fits now; for a blocking stream (may_spin) also what fits
 * within a short spin, like the receive's (host_wait_ready), since the
 * peer on this machine usually makes room within microseconds.  The bytes
 * sent, or -1 when none could be. */
static LONG_PTR host_send_some(int fd, struct host_msghdr *msg, BOOL may_spin)
{
    LONG_PTR total = 0, ret;

    while (msg->iovlen && host_wait_ready(fd, HOST_POLLOUT, may_spin) > 0)
    {
        if ((ret = host_sendmsg(fd, msg, HOST_MSG_DONTWAIT | HOST_MSG_NOSIGNAL)) < 0) break;
        total += ret;
        if (!may_spin) break;
        host_msg_advance(msg, ret);
    }
    return total ? total : -1;
}

NTSTATUS ws2_host_send(SOCKET s, const struct ws2_socket *info, const WSABUF *buffers, DWORD count,
                       const struct sockaddr *to, int tolen, ULONG_PTR *sent)
{
    struct host_iovec iov[HOST_MAX_BUFFERS];
    BOOL stream_waits = info->type == SOCK_STREAM && !(info->state & WS2_SOCKET_NONBLOCKING);
    union host_sockaddr addr;
    struct host_msghdr msg;
    LONG_PTR ret;
    int fd;

    *sent = 0;
    if (count > HOST_MAX_BUFFERS) return STATUS_PENDING;
    memset(&msg, 0, sizeof(msg));
    if (to)
    {
        if (!(msg.namelen = host_addr_from(&addr, info->family, to, tolen))) return STATUS_PENDING;
        msg.name = &addr;
    }
    msg.iov = iov;
    msg.iovlen = host_iov(iov, buffers, count);
    if ((fd = host_data_fd(s, info)) < 0) return STATUS_PENDING;
    ret = host_send_some(fd, &msg, stream_waits);
    host_close(fd);
    /* A failed send changed nothing: the driver's request reports it. */
    if (ret < 0) return STATUS_PENDING;
    *sent = ret;
    return STATUS_SUCCESS;
}

/* An error the host's receive took from the socket (so the driver will not
 * see it again), as the driver reports it. */
static NTSTATUS host_consumed_error(LONG_PTR err)
{
    switch (err)
    {
    case HOST_EPIPE:
    case HOST_ECONNRESET:   return STATUS_CONNECTION_RESET;
    case HOST_ECONNABORTED: return STATUS_CONNECTION_ABORTED;
    case HOST_ECONNREFUSED: return STATUS_CONNECTION_REFUSED;
    case HOST_ETIMEDOUT:    return STATUS_IO_TIMEOUT;
    case HOST_ENETUNREACH:  return STATUS_NETWORK_UNREACHABLE;
    case HOST_EHOSTUNREACH: return STATUS_HOST_UNREACHABLE;
    default:                return STATUS_PENDING;
    }
}

NTSTATUS ws2_host_recv(SOCKET s, const struct ws2_socket *info, WSABUF *buffers, DWORD count, DWORD flags,
                       struct sockaddr *from, int *fromlen, ULONG_PTR *received)
{
    struct host_iovec iov[HOST_MAX_BUFFERS];
    union host_sockaddr addr;
    struct host_msghdr msg;
    LONG_PTR ret;
    int fd;

    *received = 0;
    if (count > HOST_MAX_BUFFERS || (flags & ~MSG_PEEK)) return STATUS_PENDING;
    /* Only a source buffer of exactly the socket's address size: what a
     * larger one holds past the address differs between Wine's drivers
     * (8.0 clears it, 10.0 does not), so those stay the driver's. */
    if (from && *fromlen != (info->family == AF_INET6 ? (int)sizeof(struct sockaddr_in6)
                                                      : (int)sizeof(struct sockaddr_in)))
        return STATUS_PENDING;
    memset(&msg, 0, sizeof(msg));
    if (from)
    {
        msg.name = &addr;
        msg.namelen = sizeof(addr);
    }
    msg.iov = iov;
    msg.iovlen = host_iov(iov, buffers, count);
    if ((fd = host_data_fd(s, info)) < 0) return STATUS_PENDING;
    /* Only data (or a stream's end) waiting now is taken; a pending error
     * or hang-up is left for the driver, which keeps track of them. */
    if (host_wait_ready(fd, HOST_POLLIN, !(info->state & WS2_SOCKET_NONBLOCKING)) > 0)
        ret = host_recvmsg(fd, &msg, HOST_MSG_DONTWAIT | ((flags & MSG_PEEK) ? HOST_MSG_PEEK : 0));
    else
        ret = -HOST_EAGAIN;
    host_close(fd);
    /* An error that arrived after the readiness check was consumed here;
     * report it as the driver would have on its own host call. */
    if (ret < 0) return host_consumed_error(-ret);
    if (from && msg.namelen && !host_addr_to(&addr, msg.namelen, from, fromlen))
        FIXME("source address of family %u not converted\n", addr.any.family);
    *received = ret;
    if (info->type != SOCK_STREAM && (msg.flags & HOST_MSG_TRUNC)) return STATUS_BUFFER_OVERFLOW;
    return STATUS_SUCCESS;
}

/* Readiness without a server request: each socket that select or WSAPoll
 * looks at gets an epoll set of its own holding just that socket, made
 * once with one descriptor request.  The set keeps no reference to the
 * socket: once the last descriptor of the socket closes (closesocket, or
 * CloseHandle behind our back) the kernel takes it out, and the set then
 * reports nothing at all, not even "writable".  So an answer with no
 * condition in it is never trusted: it is a gone socket or a full send
 * buffer, both for the driver to report. */
#define HOST_POLL_EVENTS (HOST_POLLIN | HOST_POLLOUT | HOST_POLLPRI | HOST_POLLRDHUP)

void ws2_host_poll_close(int fd)
{
    host_close(fd);
}

/* Give s its readiness set; FALSE if it cannot have one. */
static BOOL host_poll_make(SOCKET s)
{
    struct host_epoll_event event;
    int fd, set;

    if ((fd = host_fd(s)) < 0) return FALSE;
    if ((set = host_epoll_create1(HOST_EPOLL_CLOEXEC)) >= 0)
    {
        event.events = HOST_POLL_EVENTS;
        event.data = 0;
        if (host_epoll_ctl(set, HOST_EPOLL_CTL_ADD, fd, &event) < 0)
        {
            host_close(set);
            set = -1;
        }
    }
    host_close(fd);
    if (set < 0) return FALSE;
    /* Another thread may have made one first: keep that. */
    if (ws2_socket_set_host_poll(s, set) != set) host_close(set);
    return TRUE;
}

/* What one socket's set says it is ready for, or -1 for nothing at all or
 * a condition the driver reports (error, hang-up, end of stream, urgent
 * data). */
static int host_poll_one(int set)
{
    struct host_epoll_event event;
    int ready = 0;

    if (host_epoll_wait(set, &event, 1, 0) != 1) return -1;
    if (event.events & (HOST_POLLERR | HOST_POLLHUP | HOST_POLLRDHUP | HOST_POLLPRI)) return -1;
    if (event.events & HOST_POLLIN) ready |= WS2_HOST_READ;
    if (event.events & HOST_POLLOUT) ready |= WS2_HOST_WRITE;
    return ready;
}

/* The sets of entries[] in sets[], each made if it had none: TRUE with the
 * table's lock held (ws2_socket_host_poll_end releases it). */
static BOOL host_poll_sets(const struct ws2_host_poll *entries, int *sets, unsigned int count)
{
    unsigned int i, missing = 0;

    ws2_socket_host_poll_begin(entries, sets, count);
    for (i = 0; i < count; i++)
        if (sets[i] < 0) missing++;
    if (!missing) return TRUE;
    ws2_socket_host_poll_end();
    for (i = 0; i < count; i++)
        if (sets[i] < 0 && !host_poll_make(entries[i].socket)) return FALSE;
    ws2_socket_host_poll_begin(entries, sets, count);
    for (i = 0; i < count; i++)
        if (sets[i] < 0) break;
    if (i == count) return TRUE;
    ws2_socket_host_poll_end();
    return FALSE;
}

int ws2_host_poll(struct ws2_host_poll *entries, unsigned int count)
{
    int sets[WS2_HOST_MAX_POLL];
    int ready = 0, answer;
    unsigned int i;

    if (count > WS2_HOST_MAX_POLL || !host_poll_sets(entries, sets, count)) return -1;
    for (i = 0; i < count; i++)
    {
        if ((answer = host_poll_one(sets[i])) < 0)
        {
            ready = -1;
            break;
        }
        entries[i].ready = answer & entries[i].want;
        if (entries[i].ready) ready++;
    }
    ws2_socket_host_poll_end();
    return ready;
}

void ws2_host_before_accept(const struct ws2_socket *info)
{
    struct ws2_host_poll entry;
    int i;

    if ((info->state & (WS2_SOCKET_NONBLOCKING | WS2_SOCKET_DRIVER_ONLY | WS2_SOCKET_UNTRACKED)) ||
        (info->family != AF_INET && info->family != AF_INET6) || info->type != SOCK_STREAM ||
        !host_available())
        return;
    /* A listener with nothing waiting reports no condition at all, which
     * ws2_host_poll does not tell from a gone socket: both mean "look
     * again" here, and the spin is bounded either way. */
    entry.socket = info->socket;
    entry.want = WS2_HOST_READ;
    for (i = 0; i < HOST_SPIN_ROUNDS && ws2_host_poll(&entry, 1) <= 0; i++) host_sched_yield();
}

/* Only Wine's socket objects hold IPv4 or IPv6 host sockets, and ntdll
 * drops a handle's cached descriptor when the handle is closed, so the
 * descriptor behind s is proof that s is still a socket.  Free when ntdll
 * caches it (which sockets it caches varies between Wine versions), one
 * request otherwise. */
BOOL ws2_host_confirms_socket(SOCKET s)
{
    int fd, domain = -1, len = sizeof(domain);
    long long ret;

    if (!host_available() || (fd = host_fd(s)) < 0) return FALSE;
    ret = host_getsockopt(fd, HOST_SOL_SOCKET, HOST_SO_DOMAIN, &domain, &len);
    host_close(fd);
    return !ret && (domain == HOST_AF_INET || domain == HOST_AF_INET6);
}

#else  /* __x86_64__ */

/* Other architectures always take the driver path, and have no raw
 * system calls. */
BOOL ws2_host_is_linux(void)
{
    return FALSE;
}

BOOL ws2_host_usable(const struct ws2_socket *info)
{
    return FALSE;
}

BOOL ws2_host_confirms_socket(SOCKET s)
{
    return FALSE;
}

NTSTATUS ws2_host_send(SOCKET s, const struct ws2_socket *info, const WSABUF *buffers, DWORD count,
                       const struct sockaddr *to, int tolen, ULONG_PTR *sent)
{
    *sent = 0;
    return STATUS_PENDING;
}

NTSTATUS ws2_host_recv(SOCKET s, const struct ws2_socket *info, WSABUF *buffers, DWORD count, DWORD flags,
                       struct sockaddr *from, int *fromlen, ULONG_PTR *received)
{
    *received = 0;
    return STATUS_PENDING;
}

int ws2_host_poll(struct ws2_host_poll *entries, unsigned int count)
{
    return -1;
}

void ws2_host_before_accept(const struct ws2_socket *info)
{
}

void ws2_host_poll_close(int fd)
{
}

#endif  /* __x86_64__ */
