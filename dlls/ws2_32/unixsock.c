/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * AF_UNIX stream sockets (afunix.h; Windows 10 1803 and later).  Wine's
 * server has no such sockets, so they live on the host: a Linux socket
 * made with a raw system call (hostsys.h), kept non-blocking, with an NT
 * handle from ntdll's wine_server_fd_to_handle as the SOCKET value.  We
 * keep our own descriptor for the calls, so no server round trip is paid
 * per call.  Blocking calls wait with poll() in short slices and between
 * slices run APCs (Winsock 2) or the blocking hook (Winsock 1.1, which
 * WSACancelBlockingCall can interrupt); closesocket from another thread
 * ends them with WSAEINTR.
 */
#include <stddef.h>
#include "ws2_32_private.h"
#include <afunix.h>
#include "hostsys.h"

/* Per-socket flags. */
#define UX_BOUND       0x01
#define UX_CONNECTED   0x02
#define UX_LISTENING   0x04
#define UX_NONBLOCKING 0x08
#define UX_SHUT_SEND   0x10
#define UX_SHUT_RECV   0x20

/* The slice a blocking call waits on the host between checks, in ms. */
#define UX_SLICE 40

#if HOSTSYS_AVAILABLE

struct unix_socket
{
    SOCKET socket;
    int fd;                     /* our host descriptor */
    LONG refs;                  /* one for the table, one per call in progress */
    volatile LONG closing;      /* closesocket ran */
    volatile LONG flags;        /* UX_* */
    int rcvbuf, sndbuf;         /* values setsockopt gave (0: none) */
    SOCKADDR_UN local;          /* what bind was given (or the listener's) */
    int local_len;
    SOCKADDR_UN peer;           /* what connect was given, or the host's view */
    int peer_len;
};

/* Linux's struct sockaddr_un. */
struct host_sockaddr_un
{
    unsigned short family;
    char path[108];
};


static SRWLOCK unix_lock = SRWLOCK_INIT;
static struct unix_socket **unix_list;
static unsigned int unix_count, unix_size;
static volatile LONG unix_live;     /* unix_count, read without the lock */

/* ntdll's Wine exports, looked up once. */
typedef NTSTATUS (CDECL *fd_to_handle_fn)(int fd, unsigned int access, unsigned int attributes, HANDLE *handle);
typedef NTSTATUS (CDECL *nt_to_unix_fn)(const OBJECT_ATTRIBUTES *attr, char *name, ULONG *size, UINT disposition);
typedef BOOLEAN (WINAPI *dos_to_nt_fn)(const WCHAR *dos, UNICODE_STRING *nt, WCHAR **file_part, void *relative);
typedef void (WINAPI *free_string_fn)(UNICODE_STRING *s);
static fd_to_handle_fn p_fd_to_handle;
static nt_to_unix_fn p_nt_to_unix;
static dos_to_nt_fn p_dos_to_nt;
static free_string_fn p_free_string;
static INIT_ONCE init_once = INIT_ONCE_STATIC_INIT;
static BOOL host_ok;

static BOOL CALLBACK init_host(INIT_ONCE *once, void *param, void **context)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");

    p_fd_to_handle = (fd_to_handle_fn)GetProcAddress(ntdll, "wine_server_fd_to_handle");
    p_nt_to_unix = (nt_to_unix_fn)GetProcAddress(ntdll, "wine_nt_to_unix_file_name");
    p_dos_to_nt = (dos_to_nt_fn)GetProcAddress(ntdll, "RtlDosPathNameToNtPathName_U");
    p_free_string = (free_string_fn)GetProcAddress(ntdll, "RtlFreeUnicodeString");
    host_ok = ws2_host_is_linux() && p_fd_to_handle && p_nt_to_unix && p_dos_to_nt && p_free_string;
    return TRUE;
}

static BOOL host_available(void)
{
    InitOnceExecuteOnce(&init_once, init_host, NULL, NULL);
    return host_ok;
}

static DWORD errno_to_wsa(long e)
{
    switch (e)
    {
    case HOST_EINTR:        return WSAEINTR;
    case HOST_EBADF:        return WSAENOTSOCK;
    case HOST_EAGAIN:       return WSAEWOULDBLOCK;
    case HOST_ENOMEM:
    case HOST_ENOBUFS:      return WSAENOBUFS;
    case HOST_EACCES:
    case HOST_EROFS:        return WSAEACCES;
    case HOST_EFAULT:       return WSAEFAULT;
    case HOST_ENFILE:
    case HOST_EMFILE:       return WSAEMFILE;
    case HOST_EPIPE:        return WSAECONNRESET;
    case HOST_ENAMETOOLONG: return WSAENAMETOOLONG;
    case HOST_ENOTSOCK:     return WSAENOTSOCK;
    case HOST_EDESTADDRREQ: return WSAEDESTADDRREQ;
    case HOST_EMSGSIZE:     return WSAEMSGSIZE;
    case HOST_EPROTOTYPE:   return WSAEPROTOTYPE;
    case HOST_ENOPROTOOPT:  return WSAENOPROTOOPT;
    case HOST_EOPNOTSUPP:   return WSAEOPNOTSUPP;
    case HOST_EAFNOSUPPORT: return WSAEAFNOSUPPORT;
    case HOST_EEXIST:
    case HOST_EADDRINUSE:   return WSAEADDRINUSE;
    case HOST_EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
    case HOST_ECONNABORTED: return WSAECONNABORTED;
    case HOST_ECONNRESET:   return WSAECONNRESET;
    case HOST_EISCONN:      return WSAEISCONN;
    case HOST_ENOTCONN:     return WSAENOTCONN;
    case HOST_ESHUTDOWN:    return WSAESHUTDOWN;
    case HOST_ETIMEDOUT:    return WSAETIMEDOUT;
    case HOST_ENOENT:
    case HOST_ECONNREFUSED: return WSAECONNREFUSED;
    case HOST_EALREADY:     return WSAEALREADY;
    case HOST_EINPROGRESS:  return WSAEINPROGRESS;
    default:                return WSAEINVAL;
    }
}

/* ---- the table ---- */

static void unix_release(struct unix_socket *u)
{
    if (InterlockedDecrement(&u->refs)) return;
    host_close(u->fd);
    HeapFree(GetProcessHeap(), 0, u);
}

/* Where s is in the list, or -1; unix_lock held. */
static int find_locked(SOCKET s)
{
    unsigned int i;

    for (i = 0; i < unix_count; i++)
        if (unix_list[i]->socket == s) return i;
    return -1;
}

/* The socket with a reference for the caller, or NULL. */
static struct unix_socket *unix_get(SOCKET s)
{
    struct unix_socket *u = NULL;
    int i;

    AcquireSRWLockShared(&unix_lock);
    if ((i = find_locked(s)) >= 0)
    {
        u = unix_list[i];
        InterlockedIncrement(&u->refs);
    }
    ReleaseSRWLockShared(&unix_lock);
    return u;
}

/* Take s out of the table; the table's reference passes to the caller. */
static struct unix_socket *unix_take(SOCKET s)
{
    struct unix_socket *u = NULL;
    int i;

    AcquireSRWLockExclusive(&unix_lock);
    if ((i = find_locked(s)) >= 0)
    {
        u = unix_list[i];
        unix_list[i] = unix_list[--unix_count];
        InterlockedDecrement(&unix_live);
    }
    ReleaseSRWLockExclusive(&unix_lock);
    return u;
}

static BOOL unix_insert(struct unix_socket *u)
{
    struct unix_socket **list;
    BOOL ok = TRUE;

    AcquireSRWLockExclusive(&unix_lock);
    if (unix_count == unix_size)
    {
        unsigned int size = unix_size ? unix_size * 2 : 16;

        if (unix_list) list = HeapReAlloc(GetProcessHeap(), 0, unix_list, size * sizeof(*list));
        else list = HeapAlloc(GetProcessHeap(), 0, size * sizeof(*list));
        if (list)
        {
            unix_list = list;
            unix_size = size;
        }
        else ok = FALSE;
    }
    if (ok)
    {
        unix_list[unix_count++] = u;
        InterlockedIncrement(&unix_live);
    }
    ReleaseSRWLockExclusive(&unix_lock);
    return ok;
}

BOOL ws2_is_host_socket(SOCKET s)
{
    struct unix_socket *u;

    if (!unix_live) return FALSE;
    if (!(u = unix_get(s))) return FALSE;
    unix_release(u);
    return TRUE;
}

/* A handle and table entry for a new host descriptor (which it owns from
 * then on, even on failure): 0, or the error. */
static DWORD unix_adopt(int fd, struct unix_socket **ret)
{
    struct ws2_socket entry;
    struct unix_socket *u;
    HANDLE handle;

    if (!(u = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*u))))
    {
        host_close(fd);
        return WSAENOBUFS;
    }
    if (p_fd_to_handle(fd, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, 0, &handle))
    {
        host_close(fd);
        HeapFree(GetProcessHeap(), 0, u);
        return WSAEMFILE;
    }
    u->socket = (SOCKET)handle;
    u->fd = fd;
    u->refs = 1;
    if (!unix_insert(u))
    {
        NtClose(handle);
        unix_release(u);
        return WSAENOBUFS;
    }
    memset(&entry, 0, sizeof(entry));
    entry.socket = (SOCKET)handle;
    entry.family = AF_UNIX;
    entry.type = SOCK_STREAM;
    entry.protocol = 0;
    entry.state = WS2_SOCKET_HOST;
    ws2_socket_add(&entry);
    *ret = u;
    return 0;
}

/* ---- waiting ---- */

/* Wait until fd (or, with fd -1, one slice) is ready for events, running
 * APCs or the Winsock 1.1 hook between slices.  0, or WSAEINTR when the
 * socket was closed or the call cancelled. */
static DWORD unix_wait(struct unix_socket *u, int fd, short events)
{
    struct ws2_thread *t = NULL;
    BOOL v1 = LOBYTE(ws2_version()) == 1 && (t = ws2_get_thread());
    DWORD err = 0;

    if (v1)
    {
        t->in_blocking_call = TRUE;
        t->blocking_cancelled = FALSE;
    }
    for (;;)
    {
        struct host_pollfd p;
        long long r;

        if (u->closing) { err = WSAEINTR; break; }
        p.fd = fd;
        p.events = events;
        p.revents = 0;
        r = host_poll(&p, 1, UX_SLICE);
        if (u->closing) { err = WSAEINTR; break; }
        if (r > 0) break;
        if (r < 0 && r != -HOST_EINTR) { err = errno_to_wsa(-r); break; }
        if (v1)
        {
            if (!ws2_blocking_callback(0)) { err = WSAEINTR; break; }
        }
        else SleepEx(0, TRUE);
        /* With no descriptor, one slice is the whole wait. */
        if (fd < 0) break;
    }
    if (v1)
    {
        t->in_blocking_call = FALSE;
        t->blocking_cancelled = FALSE;
    }
    return err;
}

/* ---- addresses ---- */

/* Decimal digits of n at p; returns the end. */
static char *put_uint(char *p, unsigned long long n)
{
    char digits[24];
    int i = 0;

    do digits[i++] = '0' + n % 10; while (n /= 10);
    while (i) *p++ = digits[--i];
    return p;
}

/* A path name socket is a small regular file at the Windows path naming
 * the abstract host address the socket is bound to.  A host socket inode
 * would do, but Wine cannot open one, so DeleteFile (which the
 * application must call, as on Windows) and GetFileAttributes would fail
 * on it.  The file holds this tag, then the abstract name. */
static const char placeholder_tag[] = "ws2_32 AF_UNIX 1\n";
#define HIDDEN_PREFIX "ws2_32-afunix-"

/* The host path of a Windows path name into unix_name: 0, or an error
 * (missing: the name's directory is not there).  *exists tells whether
 * something is at the path already. */
static DWORD host_path(const char *name, DWORD missing, char *unix_name, ULONG size, BOOL *exists)
{
    WCHAR wide[UNIX_PATH_MAX + 1];
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    NTSTATUS status;

    if (!MultiByteToWideChar(CP_ACP, 0, name, -1, wide, ARRAYSIZE(wide))) return WSAEINVAL;
    if (!p_dos_to_nt(wide, &nt, NULL, NULL)) return WSAEINVAL;
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    unix_name[0] = 0;
    status = p_nt_to_unix(&attr, unix_name, &size, FILE_OPEN_IF);
    p_free_string(&nt);
    if (status == STATUS_BUFFER_TOO_SMALL) return WSAENAMETOOLONG;
    if ((status && status != STATUS_NO_SUCH_FILE) || unix_name[0] != '/') return missing;
    *exists = !status;
    return 0;
}

/* A fresh abstract host address for a path name socket. */
static void hidden_address(struct host_sockaddr_un *host, int *host_len)
{
    static LONG counter;
    char *p = host->path;

    host->family = HOST_AF_UNIX;
    *p++ = 0;
    memcpy(p, HIDDEN_PREFIX, sizeof(HIDDEN_PREFIX) - 1);
    p += sizeof(HIDDEN_PREFIX) - 1;
    p = put_uint(p, (unsigned long long)host_getpid());
    *p++ = '-';
    p = put_uint(p, (unsigned long long)InterlockedIncrement(&counter));
    *p++ = '-';
    p = put_uint(p, GetTickCount64());
    *host_len = offsetof(struct host_sockaddr_un, path) + (p - host->path);
}

/* bind of a path name: the file made (it must not exist), then the socket
 * bound to the abstract address it names. */
static DWORD bind_path(struct unix_socket *u, const char *name)
{
    struct host_sockaddr_un host;
    char unix_name[1024], content[sizeof(placeholder_tag) + sizeof(host.path)];
    int host_len, content_len;
    long long fd, r;
    BOOL exists;
    DWORD err;

    if ((err = host_path(name, WSAEADDRNOTAVAIL, unix_name, sizeof(unix_name), &exists))) return err;
    if (exists) return WSAEADDRINUSE;
    fd = host_openat(HOST_AT_FDCWD, unix_name, HOST_O_CREAT | HOST_O_EXCL | HOST_O_WRONLY | HOST_O_CLOEXEC, 0666);
    if (fd == -HOST_EEXIST) return WSAEADDRINUSE;
    if (fd == -HOST_ENOENT || fd == -HOST_ENOTDIR) return WSAEADDRNOTAVAIL;
    if (fd < 0) return errno_to_wsa(-fd);
    hidden_address(&host, &host_len);
    content_len = sizeof(placeholder_tag) - 1;
    memcpy(content, placeholder_tag, content_len);
    memcpy(content + content_len, host.path, host_len - offsetof(struct host_sockaddr_un, path));
    content_len += host_len - offsetof(struct host_sockaddr_un, path);
    r = host_write(fd, content, content_len);
    host_close(fd);
    if (r == content_len) r = host_bind(u->fd, &host, host_len);
    else if (r >= 0) r = -HOST_ENOSPC;
    if (r < 0)
    {
        host_unlinkat(HOST_AT_FDCWD, unix_name, 0);
        return errno_to_wsa(-r);
    }
    return 0;
}

/* The host address connect uses for a path name: the abstract address its
 * file names, or, for a host socket inode (made by a Linux program), the
 * host path itself.  0 or WSAECONNREFUSED. */
static DWORD connect_address(const char *name, struct host_sockaddr_un *host, int *host_len)
{
    char unix_name[1024], content[sizeof(placeholder_tag) + sizeof(host->path)];
    size_t tag_len = sizeof(placeholder_tag) - 1;
    long long fd, r;
    BOOL exists;
    SIZE_T len;

    if (host_path(name, WSAECONNREFUSED, unix_name, sizeof(unix_name), &exists) || !exists)
        return WSAECONNREFUSED;
    host->family = HOST_AF_UNIX;
    fd = host_openat(HOST_AT_FDCWD, unix_name, HOST_O_RDONLY | HOST_O_CLOEXEC | HOST_O_NONBLOCK, 0);
    if (fd == -HOST_ENXIO)
    {
        /* A socket inode: open() cannot open those. */
        if ((len = strlen(unix_name)) >= sizeof(host->path)) return WSAECONNREFUSED;
        memcpy(host->path, unix_name, len + 1);
        *host_len = offsetof(struct host_sockaddr_un, path) + len + 1;
        return 0;
    }
    if (fd < 0) return WSAECONNREFUSED;
    r = host_read(fd, content, sizeof(content));
    host_close(fd);
    if (r <= (long long)tag_len || memcmp(content, placeholder_tag, tag_len)) return WSAECONNREFUSED;
    memcpy(host->path, content + tag_len, r - tag_len);
    *host_len = offsetof(struct host_sockaddr_un, path) + (r - tag_len);
    return 0;
}

static SIZE_T strnlen_own(const char *p, SIZE_T max)
{
    SIZE_T n = 0;

    while (n < max && p[n]) n++;
    return n;
}

/* The caller's address (already copied in, len bytes): 0 with *name the
 * path name, or *name NULL and *host the abstract address. */
static DWORD split_address(SOCKADDR_UN *addr, int len, char **name, struct host_sockaddr_un *host, int *host_len)
{
    int path_len = len - (int)offsetof(SOCKADDR_UN, sun_path);

    /* No name at all: Windows has no autobind (the AF_UNIX announcement
     * lists it as unsupported). */
    if (path_len <= 0) return WSAEINVAL;
    *name = NULL;
    if (!addr->sun_path[0])
    {
        host->family = HOST_AF_UNIX;
        memcpy(host->path, addr->sun_path, path_len);
        *host_len = offsetof(struct host_sockaddr_un, path) + path_len;
        return 0;
    }
    /* The path ends at its zero or at the address's end; a full sun_path
     * needs its zero inside. */
    if (path_len < UNIX_PATH_MAX) addr->sun_path[path_len] = 0;
    else if (strnlen_own(addr->sun_path, UNIX_PATH_MAX) == UNIX_PATH_MAX) return WSAENAMETOOLONG;
    *name = addr->sun_path;
    return 0;
}

/* Copy the caller's address in: 0, or WSAEFAULT / WSAEAFNOSUPPORT. */
static DWORD read_address(const struct sockaddr *addr, int len, SOCKADDR_UN *copy, int *copy_len)
{
    if (!addr || len < (int)sizeof(ADDRESS_FAMILY)) return WSAEFAULT;
    if (len > (int)sizeof(*copy)) len = sizeof(*copy);
    memset(copy, 0, sizeof(*copy));
    if (!ws2_copy(copy, addr, len)) return WSAEFAULT;
    if (copy->sun_family != AF_UNIX) return WSAEAFNOSUPPORT;
    *copy_len = len;
    return 0;
}

/* Write an address out for accept, getsockname or getpeername. */
static DWORD write_address(const SOCKADDR_UN *src, int src_len, struct sockaddr *addr, int *len)
{
    int room;

    if (!len || !ws2_copy(&room, len, sizeof(room))) return WSAEFAULT;
    if (room < src_len || !ws2_copy(addr, src, src_len)) return WSAEFAULT;
    if (!ws2_copy(len, &src_len, sizeof(src_len))) return WSAEFAULT;
    return 0;
}

/* ---- the exports' AF_UNIX halves ---- */

static SOCKET fail_socket(DWORD err)
{
    SetLastError(err);
    return INVALID_SOCKET;
}

/* The entry check and the socket: 0 with *ret referenced, or the error. */
static DWORD unix_enter(SOCKET s, struct unix_socket **ret)
{
    DWORD err;

    if ((err = ws2_enter_check())) return err;
    if (!(*ret = unix_get(s))) return WSAENOTSOCK;
    return 0;
}

static int unix_result(struct unix_socket *u, DWORD err)
{
    unix_release(u);
    if (err) return ws2_fail(err);
    SetLastError(0);
    return 0;
}

SOCKET ws2_unix_socket(int type, int protocol, DWORD flags)
{
    struct unix_socket *u;
    long long fd;
    DWORD err;

    if (!host_available()) return fail_socket(WSAEAFNOSUPPORT);
    /* Windows' AF_UNIX is SOCK_STREAM with protocol 0 only. */
    if (type != SOCK_STREAM) return fail_socket(WSAESOCKTNOSUPPORT);
    if (protocol) return fail_socket(WSAEPROTONOSUPPORT);
    fd = host_socket(HOST_AF_UNIX, HOST_SOCK_STREAM | HOST_SOCK_NONBLOCK | HOST_SOCK_CLOEXEC, 0);
    if (fd < 0) return fail_socket(errno_to_wsa(-fd));
    if ((err = unix_adopt(fd, &u))) return fail_socket(err);
    TRACE("-> %#Ix (host fd %d)\n", u->socket, (int)fd);
    SetLastError(0);
    return u->socket;
}

int ws2_unix_closesocket(SOCKET s)
{
    struct unix_socket *u;
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!(u = unix_take(s))) return ws2_fail(WSAENOTSOCK);
    InterlockedExchange(&u->closing, 1);
    ws2_socket_remove(s);
    NtClose((HANDLE)s);
    /* Calls still running in other threads see closing within a slice;
     * their descriptor stays open until the last of them ends. */
    unix_release(u);
    SetLastError(0);
    return 0;
}

void ws2_unix_close_all(void)
{
    struct unix_socket *u;

    while (unix_live)
    {
        AcquireSRWLockExclusive(&unix_lock);
        u = unix_count ? unix_list[0] : NULL;
        ReleaseSRWLockExclusive(&unix_lock);
        if (!u || !(u = unix_take(u->socket))) break;
        InterlockedExchange(&u->closing, 1);
        NtClose((HANDLE)u->socket);
        unix_release(u);
    }
}

int ws2_unix_bind(SOCKET s, const struct sockaddr *addr, int len)
{
    struct host_sockaddr_un host;
    struct unix_socket *u;
    SOCKADDR_UN copy, work;
    int copy_len, host_len;
    long long r;
    char *name;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if ((err = read_address(addr, len, &copy, &copy_len))) return unix_result(u, err);
    if (u->flags & (UX_BOUND | UX_CONNECTED)) return unix_result(u, WSAEINVAL);
    work = copy;
    if ((err = split_address(&work, copy_len, &name, &host, &host_len))) return unix_result(u, err);
    if (name) err = bind_path(u, name);
    else if ((r = host_bind(u->fd, &host, host_len)) < 0) err = errno_to_wsa(-r);
    if (err) return unix_result(u, err);
    u->local = copy;
    u->local_len = copy_len;
    InterlockedOr(&u->flags, UX_BOUND);
    ws2_socket_set_state(s, WS2_SOCKET_BOUND);
    return unix_result(u, 0);
}

int ws2_unix_listen(SOCKET s, int backlog)
{
    struct unix_socket *u;
    long long r;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    /* An unbound socket cannot listen (the host would autobind it). */
    if (!(u->flags & UX_BOUND)) return unix_result(u, WSAEINVAL);
    if (u->flags & UX_CONNECTED) return unix_result(u, WSAEISCONN);
    /* SOMAXCONN_HINT(n) is -n. */
    if (backlog < 0) backlog = backlog == (int)0x80000000 ? 0x7fffffff : -backlog;
    if ((r = host_listen(u->fd, backlog)) < 0) return unix_result(u, errno_to_wsa(-r));
    InterlockedOr(&u->flags, UX_LISTENING);
    ws2_socket_set_state(s, WS2_SOCKET_LISTENING);
    return unix_result(u, 0);
}

SOCKET ws2_unix_accept(SOCKET s, struct sockaddr *addr, int *len)
{
    struct host_sockaddr_un host;
    struct unix_socket *u, *a;
    SOCKADDR_UN peer;
    int host_len, peer_len, room;
    long long fd;
    DWORD err;

    if ((err = unix_enter(s, &u))) return fail_socket(err);
    if (!(u->flags & UX_LISTENING)) err = WSAEINVAL;
    else if (addr && (!len || !ws2_copy(&room, len, sizeof(room)) || room < (int)sizeof(ADDRESS_FAMILY)))
        err = WSAEFAULT;
    while (!err)
    {
        host_len = sizeof(host);
        fd = host_accept4(u->fd, &host, &host_len, HOST_SOCK_NONBLOCK | HOST_SOCK_CLOEXEC);
        if (fd >= 0) break;
        if (fd != -HOST_EAGAIN && fd != -HOST_EINTR) err = errno_to_wsa(-fd);
        else if (u->flags & UX_NONBLOCKING) err = WSAEWOULDBLOCK;
        else err = unix_wait(u, u->fd, HOST_POLLIN);
    }
    if (err)
    {
        unix_release(u);
        return fail_socket(err);
    }
    if ((err = unix_adopt(fd, &a)))
    {
        unix_release(u);
        return fail_socket(err);
    }
    /* The new socket's name is its listener's; its peer is usually
     * unnamed.  A peer with an abstract name keeps it; a peer bound to a
     * path is reported unnamed (its host address is our hidden one). */
    a->local = u->local;
    a->local_len = u->local_len;
    memset(&peer, 0, sizeof(peer));
    peer.sun_family = AF_UNIX;
    peer_len = sizeof(ADDRESS_FAMILY);
    if (host_len > (int)offsetof(struct host_sockaddr_un, path) && !host.path[0] &&
        host_len <= (int)sizeof(host) &&
        memcmp(host.path + 1, HIDDEN_PREFIX, min(sizeof(HIDDEN_PREFIX) - 1, host_len - 3)))
    {
        memcpy(peer.sun_path, host.path, host_len - offsetof(struct host_sockaddr_un, path));
        peer_len = host_len;
    }
    a->peer = peer;
    a->peer_len = peer_len;
    InterlockedOr(&a->flags, UX_CONNECTED | (u->flags & UX_BOUND));
    ws2_socket_set_state(a->socket, WS2_SOCKET_CONNECTED);
    unix_release(u);
    if (addr && (err = write_address(&peer, min(peer_len, room), addr, len)))
    {
        ws2_unix_closesocket(a->socket);
        return fail_socket(err);
    }
    SetLastError(0);
    return a->socket;
}

int ws2_unix_connect(SOCKET s, const struct sockaddr *addr, int len)
{
    struct host_sockaddr_un host;
    struct unix_socket *u;
    SOCKADDR_UN copy, work;
    int copy_len, host_len;
    long long r;
    char *name;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if ((err = read_address(addr, len, &copy, &copy_len))) return unix_result(u, err);
    if (u->flags & UX_LISTENING) return unix_result(u, WSAEINVAL);
    if (u->flags & UX_CONNECTED) return unix_result(u, WSAEISCONN);
    work = copy;
    if ((err = split_address(&work, copy_len, &name, &host, &host_len))) return unix_result(u, err);
    /* A path with no socket behind it refuses the connection. */
    if (name && (err = connect_address(name, &host, &host_len))) return unix_result(u, err);
    for (;;)
    {
        r = host_connect(u->fd, &host, host_len);
        /* EAGAIN: the listener's queue is full.  A blocking connect tries
         * again; a non-blocking one is refused (there is no pending state
         * to finish it later). */
        if (r != -HOST_EAGAIN || (u->flags & UX_NONBLOCKING)) break;
        if ((err = unix_wait(u, -1, 0))) return unix_result(u, err);
    }
    if (r == -HOST_EAGAIN) return unix_result(u, WSAECONNREFUSED);
    if (r < 0) return unix_result(u, errno_to_wsa(-r));
    u->peer = copy;
    u->peer_len = copy_len;
    InterlockedOr(&u->flags, UX_CONNECTED);
    ws2_socket_set_state(s, WS2_SOCKET_CONNECTED);
    /* A non-blocking connect reports WSAEWOULDBLOCK, as for any stream
     * socket; the socket is writable (connected) at once. */
    return unix_result(u, (u->flags & UX_NONBLOCKING) ? WSAEWOULDBLOCK : 0);
}

int ws2_unix_getname(SOCKET s, struct sockaddr *addr, int *len, BOOL peer)
{
    struct unix_socket *u;
    SOCKADDR_UN unnamed;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if (peer)
    {
        if (!(u->flags & UX_CONNECTED)) return unix_result(u, WSAENOTCONN);
        return unix_result(u, write_address(&u->peer, u->peer_len, addr, len));
    }
    if (u->flags & UX_BOUND) return unix_result(u, write_address(&u->local, u->local_len, addr, len));
    /* Unbound: getsockname's documented WSAEINVAL, unless connected (an
     * unnamed client). */
    if (!(u->flags & UX_CONNECTED)) return unix_result(u, WSAEINVAL);
    memset(&unnamed, 0, sizeof(unnamed));
    unnamed.sun_family = AF_UNIX;
    return unix_result(u, write_address(&unnamed, sizeof(ADDRESS_FAMILY), addr, len));
}

int ws2_unix_shutdown(SOCKET s, int how)
{
    static const LONG shut[3] = { UX_SHUT_RECV, UX_SHUT_SEND, UX_SHUT_RECV | UX_SHUT_SEND };
    struct unix_socket *u;
    long long r;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if (how < SD_RECEIVE || how > SD_BOTH) return unix_result(u, WSAEINVAL);
    if (!(u->flags & UX_CONNECTED)) return unix_result(u, WSAENOTCONN);
    /* SD_RECEIVE, SD_SEND and SD_BOTH are SHUT_RD, SHUT_WR and SHUT_RDWR. */
    if ((r = host_shutdown(u->fd, how)) < 0) return unix_result(u, errno_to_wsa(-r));
    InterlockedOr(&u->flags, shut[how]);
    return unix_result(u, 0);
}

/* The host's iovec array for a WSABUF array (on the stack when short). */
static struct host_iovec *make_iov(const WSABUF *buffers, DWORD count, struct host_iovec *local, DWORD local_count)
{
    struct host_iovec *iov = local;
    DWORD i;

    if (count > local_count && !(iov = HeapAlloc(GetProcessHeap(), 0, count * sizeof(*iov)))) return NULL;
    for (i = 0; i < count; i++)
    {
        iov[i].base = buffers[i].buf;
        iov[i].len = buffers[i].len;
    }
    return iov;
}

int ws2_unix_send(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags,
                  WSAOVERLAPPED *overlapped)
{
    struct host_iovec local[8], *iov;
    struct host_msghdr msg;
    struct unix_socket *u;
    ULONG_PTR total = 0;
    DWORD err = 0;
    long long r;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if (overlapped) return unix_result(u, WSAEOPNOTSUPP);
    if ((err = ws2_check_wsabufs(buffers, count, FALSE))) return unix_result(u, err);
    if (flags & MSG_OOB) return unix_result(u, WSAEOPNOTSUPP);
    if (u->flags & UX_SHUT_SEND) return unix_result(u, WSAESHUTDOWN);
    if (!(u->flags & UX_CONNECTED)) return unix_result(u, WSAENOTCONN);
    if (!(iov = make_iov(buffers, count, local, ARRAYSIZE(local)))) return unix_result(u, WSAENOBUFS);
    memset(&msg, 0, sizeof(msg));
    msg.iov = iov;
    msg.iovlen = count;
    /* A blocking send returns once everything is queued; a non-blocking
     * one takes what fits, or WSAEWOULDBLOCK if nothing does. */
    while (msg.iovlen)
    {
        r = host_sendmsg(u->fd, &msg, HOST_MSG_DONTWAIT | HOST_MSG_NOSIGNAL);
        if (r >= 0)
        {
            total += r;
            while (msg.iovlen && (unsigned long long)r >= msg.iov->len)
            {
                r -= msg.iov->len;
                msg.iov++;
                msg.iovlen--;
            }
            if (msg.iovlen)
            {
                msg.iov->base = (char *)msg.iov->base + r;
                msg.iov->len -= r;
            }
            continue;
        }
        if (r != -HOST_EAGAIN && r != -HOST_EINTR) { err = errno_to_wsa(-r); break; }
        if (u->flags & UX_NONBLOCKING)
        {
            if (!total) err = WSAEWOULDBLOCK;
            break;
        }
        if ((err = unix_wait(u, u->fd, HOST_POLLOUT))) break;
    }
    if (iov != local) HeapFree(GetProcessHeap(), 0, iov);
    if (!err && sent) *sent = total;
    return unix_result(u, err);
}

int ws2_unix_recv(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags,
                  WSAOVERLAPPED *overlapped)
{
    struct host_iovec local[8], *iov;
    struct host_msghdr msg;
    struct unix_socket *u;
    int host_flags = HOST_MSG_DONTWAIT;
    DWORD err = 0, in_flags;
    long long r;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if (overlapped) return unix_result(u, WSAEOPNOTSUPP);
    if (!flags || !ws2_copy(&in_flags, flags, sizeof(in_flags))) return unix_result(u, WSAEFAULT);
    if ((err = ws2_check_wsabufs(buffers, count, TRUE))) return unix_result(u, err);
    if (!count) return unix_result(u, WSAEINVAL);
    if (in_flags & MSG_OOB) return unix_result(u, WSAEOPNOTSUPP);
    if (in_flags & MSG_PEEK) host_flags |= HOST_MSG_PEEK;
    if (!(u->flags & UX_CONNECTED)) return unix_result(u, WSAENOTCONN);
    if (u->flags & UX_SHUT_RECV) return unix_result(u, WSAESHUTDOWN);
    if (!(iov = make_iov(buffers, count, local, ARRAYSIZE(local)))) return unix_result(u, WSAENOBUFS);
    memset(&msg, 0, sizeof(msg));
    msg.iov = iov;
    msg.iovlen = count;
    for (;;)
    {
        r = host_recvmsg(u->fd, &msg, host_flags);
        if (r >= 0) break;
        if (r != -HOST_EAGAIN && r != -HOST_EINTR) { err = errno_to_wsa(-r); break; }
        if (u->flags & UX_NONBLOCKING) { err = WSAEWOULDBLOCK; break; }
        if ((err = unix_wait(u, u->fd, HOST_POLLIN))) break;
    }
    if (iov != local) HeapFree(GetProcessHeap(), 0, iov);
    if (!err)
    {
        if (received) *received = r;
        in_flags = 0;
        ws2_copy(flags, &in_flags, sizeof(in_flags));
    }
    return unix_result(u, err);
}

/* send and sendto (the address is ignored on a connected stream). */
int ws2_unix_send_buffer(SOCKET s, const char *buf, int len, int flags)
{
    WSABUF wsabuf;
    DWORD sent;

    if (len < 0 || (len && !buf)) return ws2_fail(ws2_is_started() ? WSAEFAULT : WSANOTINITIALISED);
    wsabuf.len = len;
    wsabuf.buf = (char *)buf;
    if (ws2_unix_send(s, &wsabuf, 1, &sent, flags, NULL)) return SOCKET_ERROR;
    return sent;
}

/* recv and recvfrom (the sender's address is not reported on a stream). */
int ws2_unix_recv_buffer(SOCKET s, char *buf, int len, int flags)
{
    WSABUF wsabuf;
    DWORD received, in_flags = flags;

    if (len < 0 || (len && !buf)) return ws2_fail(ws2_is_started() ? WSAEFAULT : WSANOTINITIALISED);
    wsabuf.len = len;
    wsabuf.buf = buf;
    if (ws2_unix_recv(s, &wsabuf, 1, &received, &in_flags, NULL)) return SOCKET_ERROR;
    return received;
}

/* FIONBIO, FIONREAD and SIOCATMARK, for ioctlsocket and WSAIoctl. */
static DWORD unix_query(struct unix_socket *u, DWORD code, u_long *value)
{
    int n = 0;
    long long r;

    switch (code)
    {
    case FIONBIO:
        if (*value) InterlockedOr(&u->flags, UX_NONBLOCKING);
        else InterlockedAnd(&u->flags, ~UX_NONBLOCKING);
        return 0;
    case FIONREAD:
        /* A listening socket has no data. */
        if (!(u->flags & UX_LISTENING) && (r = host_ioctl(u->fd, HOST_FIONREAD, &n)) < 0)
            return errno_to_wsa(-r);
        *value = n;
        return 0;
    case SIOCATMARK:
        /* No out-of-band data: always at the mark. */
        *value = TRUE;
        return 0;
    }
    return WSAEINVAL;
}

int ws2_unix_ioctlsocket(SOCKET s, LONG cmd, u_long *argp)
{
    struct unix_socket *u;
    u_long value;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if ((ULONG)cmd != FIONBIO && (ULONG)cmd != FIONREAD && (ULONG)cmd != SIOCATMARK)
        return unix_result(u, WSAEINVAL);
    if (!argp || !ws2_copy(&value, argp, sizeof(value))) return unix_result(u, WSAEFAULT);
    if (!(err = unix_query(u, cmd, &value)) && (ULONG)cmd != FIONBIO && !ws2_copy(argp, &value, sizeof(value)))
        err = WSAEFAULT;
    return unix_result(u, err);
}

int ws2_unix_ioctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                   DWORD *ret_size, WSAOVERLAPPED *overlapped)
{
    struct unix_socket *u;
    u_long value = 0;
    DWORD err, size = 0;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if (overlapped) return unix_result(u, WSAEOPNOTSUPP);
    switch (code)
    {
    case FIONBIO:
        if (!in || in_size < sizeof(value) || !ws2_copy(&value, in, sizeof(value))) err = WSAEFAULT;
        else err = unix_query(u, code, &value);
        break;
    case FIONREAD:
    case SIOCATMARK:
        if (!out || out_size < sizeof(value)) err = WSAEFAULT;
        else if (!(err = unix_query(u, code, &value)))
        {
            if (!ws2_copy(out, &value, sizeof(value))) err = WSAEFAULT;
            size = sizeof(value);
        }
        break;
    default:
        /* SIO_AF_UNIX_GETPEERPID among them: the host knows the peer's
         * Linux process, not its Windows process id. */
        err = WSAEOPNOTSUPP;
        break;
    }
    if (!err && ret_size && !ws2_copy(ret_size, &size, sizeof(size))) err = WSAEFAULT;
    return unix_result(u, err);
}

int ws2_unix_getsockopt(SOCKET s, int level, int name, char *optval, int *optlen)
{
    struct unix_socket *u;
    int room, value = 0, host_len = sizeof(value);
    long long r;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if (level != SOL_SOCKET) return unix_result(u, WSAENOPROTOOPT);
    if (!optlen || !ws2_copy(&room, optlen, sizeof(room))) return unix_result(u, WSAEFAULT);
    switch (name)
    {
    case SO_TYPE:
        value = SOCK_STREAM;
        break;
    case SO_ACCEPTCONN:
        value = !!(u->flags & UX_LISTENING);
        break;
    case SO_ERROR:
        if ((r = host_getsockopt(u->fd, HOST_SOL_SOCKET, HOST_SO_ERROR, &value, &host_len)) < 0)
            return unix_result(u, errno_to_wsa(-r));
        if (value) value = errno_to_wsa(value);
        break;
    case SO_RCVBUF:
    case SO_SNDBUF:
        /* What setsockopt was given (Linux reports its doubled figure). */
        value = name == SO_RCVBUF ? u->rcvbuf : u->sndbuf;
        if (!value && (r = host_getsockopt(u->fd, HOST_SOL_SOCKET, name == SO_RCVBUF ? HOST_SO_RCVBUF : HOST_SO_SNDBUF,
                                           &value, &host_len)) < 0)
            return unix_result(u, errno_to_wsa(-r));
        break;
    default:
        return unix_result(u, WSAENOPROTOOPT);
    }
    if (room < (int)sizeof(value) || !ws2_copy(optval, &value, sizeof(value))) return unix_result(u, WSAEFAULT);
    room = sizeof(value);
    if (!ws2_copy(optlen, &room, sizeof(room))) return unix_result(u, WSAEFAULT);
    return unix_result(u, 0);
}

int ws2_unix_setsockopt(SOCKET s, int level, int name, const char *optval, int optlen)
{
    struct unix_socket *u;
    int value;
    long long r;
    DWORD err;

    if ((err = unix_enter(s, &u))) return ws2_fail(err);
    if (level != SOL_SOCKET || (name != SO_RCVBUF && name != SO_SNDBUF)) return unix_result(u, WSAENOPROTOOPT);
    if (optlen < (int)sizeof(value) || !ws2_copy(&value, optval, sizeof(value))) return unix_result(u, WSAEFAULT);
    r = host_setsockopt(u->fd, HOST_SOL_SOCKET, name == SO_RCVBUF ? HOST_SO_RCVBUF : HOST_SO_SNDBUF,
                        &value, sizeof(value));
    if (r < 0) return unix_result(u, errno_to_wsa(-r));
    if (name == SO_RCVBUF) u->rcvbuf = value;
    else u->sndbuf = value;
    return unix_result(u, 0);
}

/* WSAPoll over AF_UNIX sockets: other entries of the set are reported
 * POLLNVAL (a mixed set is not supported). */
static DWORD unix_poll(WSAPOLLFD *fds, ULONG count, int timeout, int *ready)
{
    struct host_pollfd local[16], *p = local;
    struct unix_socket *refs_local[16], **refs = refs_local;
    DWORD start = GetTickCount(), err = 0;
    ULONG i, got = 0;
    long long r;

    if (count > ARRAYSIZE(local))
    {
        p = HeapAlloc(GetProcessHeap(), 0, count * sizeof(*p));
        refs = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, count * sizeof(*refs));
        if (!p || !refs) err = WSAENOBUFS;
    }
    for (i = 0; !err && i < count; i++)
    {
        refs[i] = unix_get(fds[i].fd);
        p[i].fd = refs[i] ? refs[i]->fd : -1;
        p[i].events = 0;
        if (fds[i].events & (POLLRDNORM | POLLRDBAND)) p[i].events |= HOST_POLLIN;
        if (fds[i].events & POLLWRNORM) p[i].events |= HOST_POLLOUT;
    }
    while (!err)
    {
        int slice = UX_SLICE;

        if (timeout >= 0)
        {
            DWORD waited = GetTickCount() - start;
            slice = waited >= (DWORD)timeout ? 0 : min((DWORD)timeout - waited, UX_SLICE);
        }
        r = host_poll(p, count, slice);
        if (r < 0 && r != -HOST_EINTR) { err = errno_to_wsa(-r); break; }
        if (r > 0 || !slice) break;
        SleepEx(0, TRUE);
    }
    for (i = 0; !err && i < count; i++)
    {
        SHORT revents = 0;

        if (!refs[i]) revents = POLLNVAL;
        else
        {
            if (p[i].revents & HOST_POLLIN) revents |= POLLRDNORM;
            if (p[i].revents & HOST_POLLOUT) revents |= POLLWRNORM;
            if (p[i].revents & HOST_POLLHUP) revents |= POLLHUP;
            if (p[i].revents & HOST_POLLERR) revents |= POLLERR;
            revents &= fds[i].events | POLLHUP | POLLERR;
        }
        fds[i].revents = revents;
        if (revents) got++;
    }
    for (i = 0; refs && i < count; i++) if (refs[i]) unix_release(refs[i]);
    if (p != local) HeapFree(GetProcessHeap(), 0, p);
    if (refs != refs_local) HeapFree(GetProcessHeap(), 0, refs);
    *ready = got;
    return err;
}

int ws2_unix_wsapoll(WSAPOLLFD *fds, ULONG count, int timeout)
{
    DWORD err;
    int ready = 0;

    if ((err = unix_poll(fds, count, timeout, &ready))) return ws2_fail(err);
    SetLastError(0);
    return ready;
}

/* select's part: FALSE when no set holds an AF_UNIX socket.  Otherwise
 * TRUE with *ret select's result: the sets are polled on the host and
 * rewritten to their ready sockets.  A set that mixes them with other
 * sockets is WSAEOPNOTSUPP (a limit of ours). */
BOOL ws2_unix_select(fd_set *sets[3], const struct timeval *timeout, int *ret)
{
    static const short wanted[3] = { HOST_POLLIN, HOST_POLLOUT, HOST_POLLPRI };
    struct host_pollfd *p;
    struct unix_socket **refs;
    ULONG total = 0, n = 0, i, k, hosts = 0;
    DWORD start = GetTickCount(), err = 0;
    LONGLONG limit = -1;
    long long r;
    int ready = 0;

    if (!unix_live) return FALSE;
    for (k = 0; k < 3; k++) if (sets[k]) total += sets[k]->fd_count;
    if (!(p = HeapAlloc(GetProcessHeap(), 0, total * (sizeof(*p) + sizeof(*refs)))))
    {
        *ret = ws2_fail(WSAENOBUFS);
        return TRUE;
    }
    refs = (struct unix_socket **)(p + total);
    for (k = 0; k < 3; k++)
        for (i = 0; sets[k] && i < sets[k]->fd_count; i++, n++)
        {
            refs[n] = unix_get(sets[k]->fd_array[i]);
            p[n].fd = refs[n] ? refs[n]->fd : -1;
            p[n].events = wanted[k];
            p[n].revents = 0;
            if (refs[n]) hosts++;
        }
    if (!hosts)
    {
        HeapFree(GetProcessHeap(), 0, p);
        return FALSE;
    }
    if (hosts != total) err = WSAEOPNOTSUPP;
    if (timeout) limit = (LONGLONG)timeout->tv_sec * 1000 + (timeout->tv_usec + 999) / 1000;
    while (!err)
    {
        int slice = UX_SLICE;

        if (limit >= 0)
        {
            DWORD waited = GetTickCount() - start;
            slice = waited >= limit ? 0 : (int)min(limit - waited, UX_SLICE);
        }
        r = host_poll(p, total, slice);
        if (r < 0 && r != -HOST_EINTR) err = errno_to_wsa(-r);
        if (r > 0 || !slice) break;
        SleepEx(0, TRUE);
    }
    /* A socket whose peer is gone or failed reads as ready (recv then
     * reports it); one that can take data is writable. */
    for (k = 0, n = 0; !err && k < 3; k++)
    {
        u_int kept = 0;

        for (i = 0; sets[k] && i < sets[k]->fd_count; i++, n++)
        {
            short got = p[n].revents;

            if (k == 0) got &= HOST_POLLIN | HOST_POLLHUP | HOST_POLLERR;
            else if (k == 1) got &= HOST_POLLOUT;
            else got &= HOST_POLLPRI;
            if (got) sets[k]->fd_array[kept++] = sets[k]->fd_array[i];
        }
        if (sets[k]) sets[k]->fd_count = kept;
        ready += kept;
    }
    for (n = 0; n < total; n++) if (refs[n]) unix_release(refs[n]);
    HeapFree(GetProcessHeap(), 0, p);
    if (err) *ret = ws2_fail(err);
    else
    {
        SetLastError(0);
        *ret = ready;
    }
    return TRUE;
}

#else /* HOSTSYS_AVAILABLE */

/* No host calls on this architecture: AF_UNIX is not offered. */
BOOL ws2_is_host_socket(SOCKET s) { return FALSE; }
SOCKET ws2_unix_socket(int type, int protocol, DWORD flags)
{
    SetLastError(WSAEAFNOSUPPORT);
    return INVALID_SOCKET;
}
void ws2_unix_close_all(void) {}
int ws2_unix_closesocket(SOCKET s) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_bind(SOCKET s, const struct sockaddr *addr, int len) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_listen(SOCKET s, int backlog) { return ws2_fail(WSAENOTSOCK); }
SOCKET ws2_unix_accept(SOCKET s, struct sockaddr *addr, int *len)
{
    SetLastError(WSAENOTSOCK);
    return INVALID_SOCKET;
}
int ws2_unix_connect(SOCKET s, const struct sockaddr *addr, int len) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_getname(SOCKET s, struct sockaddr *addr, int *len, BOOL peer) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_shutdown(SOCKET s, int how) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_send(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags,
                  WSAOVERLAPPED *overlapped) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_recv(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags,
                  WSAOVERLAPPED *overlapped) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_send_buffer(SOCKET s, const char *buf, int len, int flags) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_recv_buffer(SOCKET s, char *buf, int len, int flags) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_ioctlsocket(SOCKET s, LONG cmd, u_long *argp) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_ioctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                   DWORD *ret_size, WSAOVERLAPPED *overlapped) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_getsockopt(SOCKET s, int level, int name, char *optval, int *optlen) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_setsockopt(SOCKET s, int level, int name, const char *optval, int optlen) { return ws2_fail(WSAENOTSOCK); }
int ws2_unix_wsapoll(WSAPOLLFD *fds, ULONG count, int timeout) { return ws2_fail(WSAENOTSOCK); }
BOOL ws2_unix_select(fd_set *sets[3], const struct timeval *timeout, int *ret) { return FALSE; }

#endif /* HOSTSYS_AVAILABLE */
