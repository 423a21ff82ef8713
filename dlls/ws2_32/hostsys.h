/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Raw Linux system calls for the code that talks to the host (host.c,
 * unixsock.c), x86_64 only.  Each wrapper is
 * the bare kernel call: the result, or -errno (no C library, no errno).
 * The numbers and constants are the Linux x86_64 ABI's; the host's long
 * is 64 bits (Windows' is 32), hence long long throughout.
 */
#ifndef WS2_HOSTSYS_H
#define WS2_HOSTSYS_H

#if defined(__x86_64__)
#define HOSTSYS_AVAILABLE 1

/* Linux constants (x86_64 values) the callers use. */
#define HOST_AF_UNIX        1
#define HOST_AF_INET        2
#define HOST_AF_INET6       10
#define HOST_SOCK_STREAM    1
#define HOST_SOCK_NONBLOCK  0x800
#define HOST_SOCK_CLOEXEC   0x80000
#define HOST_O_RDONLY       0x0
#define HOST_O_WRONLY       0x1
#define HOST_O_CREAT        0x40
#define HOST_O_EXCL         0x80
#define HOST_O_NONBLOCK     0x800
#define HOST_O_DIRECTORY    0x10000
#define HOST_O_CLOEXEC      0x80000
#define HOST_O_PATH         0x200000
#define HOST_AT_FDCWD       (-100)
#define HOST_F_GETFL        3
#define HOST_F_SETFL        4
#define HOST_SOL_SOCKET     1
#define HOST_SO_TYPE        3
#define HOST_SO_ERROR       4
#define HOST_SO_SNDBUF      7
#define HOST_SO_RCVBUF      8
#define HOST_SO_DOMAIN      39
#define HOST_MSG_OOB        0x1
#define HOST_MSG_PEEK       0x2
#define HOST_MSG_TRUNC      0x20
#define HOST_MSG_DONTWAIT   0x40
#define HOST_MSG_WAITALL    0x100
#define HOST_MSG_NOSIGNAL   0x4000
#define HOST_FIONREAD       0x541b
#define HOST_POLLIN         0x1
#define HOST_POLLPRI        0x2
#define HOST_POLLOUT        0x4
#define HOST_POLLERR        0x8
#define HOST_POLLHUP        0x10
#define HOST_POLLNVAL       0x20
#define HOST_POLLRDHUP      0x2000

/* Linux errno values (asm-generic). */
#define HOST_ENOENT         2
#define HOST_EINTR          4
#define HOST_ENXIO          6
#define HOST_EBADF          9
#define HOST_EAGAIN         11
#define HOST_ENOMEM         12
#define HOST_EACCES         13
#define HOST_EFAULT         14
#define HOST_EEXIST         17
#define HOST_ENOTDIR        20
#define HOST_EINVAL         22
#define HOST_ENFILE         23
#define HOST_EMFILE         24
#define HOST_ENOSPC         28
#define HOST_EROFS          30
#define HOST_EPIPE          32
#define HOST_ENAMETOOLONG   36
#define HOST_ELOOP          40
#define HOST_ENOTSOCK       88
#define HOST_EDESTADDRREQ   89
#define HOST_EMSGSIZE       90
#define HOST_EPROTOTYPE     91
#define HOST_ENOPROTOOPT    92
#define HOST_EOPNOTSUPP     95
#define HOST_EAFNOSUPPORT   97
#define HOST_EADDRINUSE     98
#define HOST_EADDRNOTAVAIL  99
#define HOST_ECONNABORTED   103
#define HOST_ECONNRESET     104
#define HOST_ENOBUFS        105
#define HOST_EISCONN        106
#define HOST_ENOTCONN       107
#define HOST_ENETUNREACH    101
#define HOST_EHOSTUNREACH   113
#define HOST_ESHUTDOWN      108
#define HOST_ETIMEDOUT      110
#define HOST_ECONNREFUSED   111
#define HOST_EALREADY       114
#define HOST_EINPROGRESS    115

struct host_pollfd
{
    int fd;
    short events;
    short revents;
};

#define HOST_EPOLL_CLOEXEC  0x80000
#define HOST_EPOLL_CTL_ADD  1

/* x86_64's struct epoll_event is packed. */
struct host_epoll_event
{
    unsigned int events;
    unsigned long long data;
} __attribute__((packed));

struct host_iovec
{
    void *base;
    unsigned long long len;
};

struct host_msghdr
{
    void *name;
    int namelen;
    struct host_iovec *iov;
    unsigned long long iovlen;
    void *control;
    unsigned long long controllen;
    int flags;
};

/* The kernel's calling convention: number in rax, arguments in rdi, rsi,
 * rdx, r10, r8, r9; rcx and r11 are clobbered. */
static inline long long hostsys6(long long nr, long long a, long long b, long long c,
                                 long long d, long long e, long long f)
{
    register long long r10 __asm__("r10") = d;
    register long long r8 __asm__("r8") = e;
    register long long r9 __asm__("r9") = f;
    long long ret;

    __asm__ volatile ("syscall"
                      : "=a" (ret)
                      : "0" (nr), "D" (a), "S" (b), "d" (c), "r" (r10), "r" (r8), "r" (r9)
                      : "rcx", "r11", "memory");
    return ret;
}

#define HOSTSYS(nr, a, b, c, d, e, f) \
    hostsys6(nr, (long long)(a), (long long)(b), (long long)(c), (long long)(d), (long long)(e), (long long)(f))

static inline long long host_read(int fd, void *buf, unsigned long long len)
{ return HOSTSYS(0, fd, buf, len, 0, 0, 0); }
static inline long long host_write(int fd, const void *buf, unsigned long long len)
{ return HOSTSYS(1, fd, buf, len, 0, 0, 0); }
static inline long long host_close(int fd)
{ return HOSTSYS(3, fd, 0, 0, 0, 0, 0); }
static inline long long host_poll(struct host_pollfd *fds, unsigned long long count, int timeout_ms)
{ return HOSTSYS(7, fds, count, timeout_ms, 0, 0, 0); }
static inline long long host_ioctl(int fd, unsigned long long request, void *arg)
{ return HOSTSYS(16, fd, request, arg, 0, 0, 0); }
static inline long long host_socket(int family, int type, int protocol)
{ return HOSTSYS(41, family, type, protocol, 0, 0, 0); }
static inline long long host_connect(int fd, const void *addr, int len)
{ return HOSTSYS(42, fd, addr, len, 0, 0, 0); }
static inline long long host_sendto(int fd, const void *buf, unsigned long long len, int flags,
                               const void *addr, int addr_len)
{ return HOSTSYS(44, fd, buf, len, flags, addr, addr_len); }
static inline long long host_recvfrom(int fd, void *buf, unsigned long long len, int flags, void *addr, int *addr_len)
{ return HOSTSYS(45, fd, buf, len, flags, addr, addr_len); }
static inline long long host_sendmsg(int fd, const struct host_msghdr *msg, int flags)
{ return HOSTSYS(46, fd, msg, flags, 0, 0, 0); }
static inline long long host_recvmsg(int fd, struct host_msghdr *msg, int flags)
{ return HOSTSYS(47, fd, msg, flags, 0, 0, 0); }
static inline long long host_sched_yield(void)
{ return HOSTSYS(24, 0, 0, 0, 0, 0, 0); }
static inline long long host_shutdown(int fd, int how)
{ return HOSTSYS(48, fd, how, 0, 0, 0, 0); }
static inline long long host_bind(int fd, const void *addr, int len)
{ return HOSTSYS(49, fd, addr, len, 0, 0, 0); }
static inline long long host_listen(int fd, int backlog)
{ return HOSTSYS(50, fd, backlog, 0, 0, 0, 0); }
static inline long long host_getsockname(int fd, void *addr, int *len)
{ return HOSTSYS(51, fd, addr, len, 0, 0, 0); }
static inline long long host_getpeername(int fd, void *addr, int *len)
{ return HOSTSYS(52, fd, addr, len, 0, 0, 0); }
static inline long long host_setsockopt(int fd, int level, int name, const void *value, int len)
{ return HOSTSYS(54, fd, level, name, value, len, 0); }
static inline long long host_getsockopt(int fd, int level, int name, void *value, int *len)
{ return HOSTSYS(55, fd, level, name, value, len, 0); }
static inline long long host_fcntl(int fd, int cmd, long arg)
{ return HOSTSYS(72, fd, cmd, arg, 0, 0, 0); }
static inline long long host_openat(int dirfd, const char *path, int flags, int mode)
{ return HOSTSYS(257, dirfd, path, flags, mode, 0, 0); }
static inline long long host_getpid(void)
{ return HOSTSYS(39, 0, 0, 0, 0, 0, 0); }
static inline long long host_unlinkat(int dirfd, const char *path, int flags)
{ return HOSTSYS(263, dirfd, path, flags, 0, 0, 0); }
static inline long long host_accept4(int fd, void *addr, int *len, int flags)
{ return HOSTSYS(288, fd, addr, len, flags, 0, 0); }
static inline long long host_epoll_wait(int epfd, struct host_epoll_event *events, int count, int timeout_ms)
{ return HOSTSYS(232, epfd, events, count, timeout_ms, 0, 0); }
static inline long long host_epoll_ctl(int epfd, int op, int fd, struct host_epoll_event *event)
{ return HOSTSYS(233, epfd, op, fd, event, 0, 0); }
static inline long long host_epoll_create1(int flags)
{ return HOSTSYS(291, flags, 0, 0, 0, 0, 0); }

#else
#define HOSTSYS_AVAILABLE 0
#endif

#endif /* WS2_HOSTSYS_H */
