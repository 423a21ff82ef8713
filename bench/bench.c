/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Socket micro-benchmark for the ws2_32 reimplementation.
 *
 * One source, two builds:
 *   Windows:  x86_64-w64-mingw32-gcc -O2 -o bench.exe bench.c -lws2_32
 *   Linux:    gcc -O2 -pthread -o bench-native bench.c
 *
 * Every figure does a bounded amount of work (a cap on operations and a
 * time budget, whichever is reached first) and prints one line
 *     name value unit
 * on stdout, where a higher value is better.  Any failing socket call, short
 * transfer, lost datagram or hang prints "bench: error: ..." on stderr and
 * exits non-zero: a benchmark must not quietly time failures.
 *
 * usage: bench [-t SECONDS] [-w SECONDS] [-l] [figure...]
 *   -t  time budget per figure (default 1.5)
 *   -w  watchdog: abort a figure that takes longer than this (default 30)
 *   -l  list the figures as "name unit" and exit
 */

#ifdef _WIN32
#  ifndef _WIN32_WINNT
#    define _WIN32_WINNT 0x0600
#  endif
#  include <winsock2.h>
#  include <ws2tcpip.h>
#  include <windows.h>
#  include <mswsock.h>
#  include "../include/rio.h"      /* Registered I/O: MinGW lacks the types */
#else
#  define _GNU_SOURCE
#  include <sys/types.h>
#  include <sys/socket.h>
#  include <sys/select.h>
#  include <sys/time.h>
#  include <netinet/in.h>
#  include <netinet/tcp.h>
#  include <arpa/inet.h>
#  include <sys/epoll.h>
#  include <fcntl.h>
#  include <poll.h>
#  include <netdb.h>
#  include <errno.h>
#  include <pthread.h>
#  include <signal.h>
#  include <time.h>
#  include <unistd.h>
#  include <sys/resource.h>
#endif

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Portability layer                                                   */
/* ------------------------------------------------------------------ */

#ifdef _WIN32
typedef SOCKET sock_t;
#  define BAD_SOCK      INVALID_SOCKET
#  define SOCK_FAILED   SOCKET_ERROR
#  define SHUT_SEND     SD_SEND
#  define close_sock    closesocket
typedef int sock_len;
typedef char *buf_ptr;              /* send()/recv() take char * */
static int sock_errno(void) { return WSAGetLastError(); }
#else
typedef int sock_t;
#  define BAD_SOCK      (-1)
#  define SOCK_FAILED   (-1)
#  define SHUT_SEND     SHUT_WR
#  define close_sock    close
typedef socklen_t sock_len;
typedef void *buf_ptr;
static int sock_errno(void) { return errno; }
#endif

static const char *cur_fig = "setup";

static void fail(const char *what)
{
    int err = sock_errno();
    fprintf(stderr, "bench: error: %s: %s failed (error %d)\n", cur_fig, what, err);
    fflush(stderr);
    fflush(stdout);
    exit(2);
}

static void failx(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "bench: error: %s: ", cur_fig);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    fflush(stdout);
    exit(2);
}

/* Monotonic time in seconds. */
#ifdef _WIN32
static LARGE_INTEGER qpc_freq;
static void timer_init(void)
{
    if (!QueryPerformanceFrequency(&qpc_freq) || !qpc_freq.QuadPart)
        failx("QueryPerformanceFrequency failed");
}
static double now(void)
{
    LARGE_INTEGER c;
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)qpc_freq.QuadPart;
}
static void sleep_ms(unsigned ms) { Sleep(ms); }
#else
static void timer_init(void) { }
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
static void sleep_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}
#endif

/* Threads: fn(arg) runs on a new thread; thr_join waits for it. */
struct thr
{
    void (*fn)(void *);
    void *arg;
#ifdef _WIN32
    HANDLE h;
#else
    pthread_t t;
#endif
};

#ifdef _WIN32
static DWORD WINAPI thr_main(LPVOID p)
{
    struct thr *t = p;
    t->fn(t->arg);
    return 0;
}
static void thr_start(struct thr *t, void (*fn)(void *), void *arg)
{
    t->fn = fn;
    t->arg = arg;
    t->h = CreateThread(NULL, 0, thr_main, t, 0, NULL);
    if (!t->h) failx("CreateThread failed (error %lu)", (unsigned long)GetLastError());
}
static void thr_join(struct thr *t)
{
    if (WaitForSingleObject(t->h, INFINITE) != WAIT_OBJECT_0)
        failx("WaitForSingleObject on a thread failed");
    CloseHandle(t->h);
}
#else
static void *thr_main(void *p)
{
    struct thr *t = p;
    t->fn(t->arg);
    return NULL;
}
static void thr_start(struct thr *t, void (*fn)(void *), void *arg)
{
    int rc;
    t->fn = fn;
    t->arg = arg;
    rc = pthread_create(&t->t, NULL, thr_main, t);
    if (rc) failx("pthread_create failed (error %d)", rc);
}
static void thr_join(struct thr *t)
{
    int rc = pthread_join(t->t, NULL);
    if (rc) failx("pthread_join failed (error %d)", rc);
}
#endif

/* Flags shared between threads. */
static int flag_get(const int *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static void flag_set(int *p, int v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }

/* ------------------------------------------------------------------ */
/* Checked socket helpers                                              */
/* ------------------------------------------------------------------ */

static sock_t new_socket(int type, int proto)
{
    sock_t s = socket(AF_INET, type, proto);
    if (s == BAD_SOCK) fail("socket");
    return s;
}

static void close_checked(sock_t s)
{
    if (close_sock(s) != 0) fail("closesocket");
}

static void loopback_addr(struct sockaddr_in *sa)
{
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    sa->sin_port = htons(0);
    sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* Bind s to 127.0.0.1 on an ephemeral port; return the bound address. */
static void bind_loopback(sock_t s, struct sockaddr_in *out)
{
    struct sockaddr_in sa;
    sock_len len = sizeof(*out);

    loopback_addr(&sa);
    if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0) fail("bind");
    memset(out, 0, sizeof(*out));
    if (getsockname(s, (struct sockaddr *)out, &len) != 0) fail("getsockname");
    if (len != (sock_len)sizeof(*out) || out->sin_family != AF_INET || out->sin_port == 0
            || out->sin_addr.s_addr != htonl(INADDR_LOOPBACK))
        failx("getsockname returned a bad address (len %d, family %d, port %u)",
              (int)len, (int)out->sin_family, (unsigned)ntohs(out->sin_port));
}

static sock_t tcp_listener(struct sockaddr_in *addr, int backlog)
{
    sock_t s = new_socket(SOCK_STREAM, IPPROTO_TCP);
    bind_loopback(s, addr);
    if (listen(s, backlog) != 0) fail("listen");
    return s;
}

static void connect_checked(sock_t s, const struct sockaddr_in *addr)
{
    if (connect(s, (const struct sockaddr *)addr, sizeof(*addr)) != 0) fail("connect");
}

static sock_t accept_checked(sock_t lst)
{
    sock_t s = accept(lst, NULL, NULL);
    if (s == BAD_SOCK) fail("accept");
    return s;
}

/* A connected TCP pair through the listener. */
static void tcp_pair(sock_t lst, const struct sockaddr_in *addr, sock_t *client, sock_t *server)
{
    *client = new_socket(SOCK_STREAM, IPPROTO_TCP);
    connect_checked(*client, addr);
    *server = accept_checked(lst);
}

static void set_nodelay(sock_t s)
{
    int one = 1;
    if (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof(one)) != 0)
        fail("setsockopt(TCP_NODELAY)");
}

static void set_rcvtimeo(sock_t s, unsigned ms)
{
#ifdef _WIN32
    DWORD v = ms;
#else
    struct timeval v = { ms / 1000, (long)(ms % 1000) * 1000L };
#endif
    if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&v, sizeof(v)) != 0)
        fail("setsockopt(SO_RCVTIMEO)");
}

static void send_all(sock_t s, const char *buf, size_t len)
{
    while (len)
    {
        int chunk = len > 0x40000000 ? 0x40000000 : (int)len;
        int n = send(s, (buf_ptr)buf, chunk, 0);
        if (n == SOCK_FAILED) fail("send");
        if (n <= 0 || n > chunk) failx("send returned %d for %d bytes", n, chunk);
        buf += n;
        len -= (size_t)n;
    }
}

static void shutdown_send(sock_t s)
{
    if (shutdown(s, SHUT_SEND) != 0) fail("shutdown");
}

/* ------------------------------------------------------------------ */
/* Watchdog: a figure that hangs is a failure, not a slow result.      */
/* ------------------------------------------------------------------ */

static long long watchdog_deadline_ms;   /* 0 = idle */
static double watchdog_limit = 30.0;
static double t_origin;

static void watchdog(void *arg)
{
    (void)arg;
    for (;;)
    {
        long long d = __atomic_load_n(&watchdog_deadline_ms, __ATOMIC_SEQ_CST);
        if (d && (now() - t_origin) * 1000.0 > (double)d)
        {
            fprintf(stderr, "bench: error: %s: did not finish within %.0f s (hung?)\n",
                    cur_fig, watchdog_limit);
            fflush(stderr);
            fflush(stdout);
            exit(3);
        }
        sleep_ms(100);
    }
}

static void watchdog_arm(void)
{
    long long d = (long long)((now() - t_origin + watchdog_limit) * 1000.0);
    __atomic_store_n(&watchdog_deadline_ms, d, __ATOMIC_SEQ_CST);
}

static void watchdog_disarm(void)
{
    __atomic_store_n(&watchdog_deadline_ms, 0LL, __ATOMIC_SEQ_CST);
}

/* ------------------------------------------------------------------ */
/* 1. TCP stream throughput                                            */
/* ------------------------------------------------------------------ */

#define STREAM_CHUNK (64 * 1024)
#define STREAM_CAP   (1024LL * 1024 * 1024)   /* bytes */

struct stream_ctx
{
    sock_t s;
    int stop;
    long long sent;
};

static void stream_sender(void *arg)
{
    struct stream_ctx *c = arg;
    static char buf[STREAM_CHUNK];
    long long sent = 0;

    memset(buf, 0x5a, sizeof(buf));
    while (sent < STREAM_CAP && !flag_get(&c->stop))
    {
        send_all(c->s, buf, sizeof(buf));
        sent += sizeof(buf);
    }
    c->sent = sent;
    shutdown_send(c->s);
}

static double fig_tcp_stream(double budget)
{
    static char buf[STREAM_CHUNK];
    struct sockaddr_in addr;
    struct stream_ctx ctx;
    struct thr th;
    sock_t lst, cli, srv;
    long long got = 0, measured = -1;
    double t0, t1 = 0;

    lst = tcp_listener(&addr, 1);
    tcp_pair(lst, &addr, &cli, &srv);
    memset(&ctx, 0, sizeof(ctx));
    ctx.s = cli;

    t0 = now();
    thr_start(&th, stream_sender, &ctx);
    for (;;)
    {
        int n = recv(srv, (buf_ptr)buf, sizeof(buf), 0);
        if (n == SOCK_FAILED) fail("recv");
        if (n < 0 || n > (int)sizeof(buf)) failx("recv returned %d", n);
        if (n == 0) break;
        got += n;
        if (measured < 0 && now() - t0 >= budget)
        {
            /* Time is up: note the figure, then drain to the end of the stream. */
            t1 = now();
            measured = got;
            flag_set(&ctx.stop, 1);
        }
    }
    if (measured < 0)
    {
        t1 = now();
        measured = got;
    }
    thr_join(&th);
    if (got != ctx.sent)
        failx("received %lld bytes but %lld were sent", got, ctx.sent);
    close_checked(srv);
    close_checked(cli);
    close_checked(lst);
    return (double)measured / (t1 - t0) / 1e6;
}

/* ------------------------------------------------------------------ */
/* 2. 1-byte ping-pong                                                 */
/* ------------------------------------------------------------------ */

#define PINGPONG_CAP 2000000

static void pingpong_echo(void *arg)
{
    sock_t s = *(sock_t *)arg;
    char b;

    for (;;)
    {
        int n = recv(s, (buf_ptr)&b, 1, 0);
        if (n == SOCK_FAILED) fail("recv (echo side)");
        if (n == 0) break;
        if (n != 1) failx("recv (echo side) returned %d", n);
        n = send(s, (buf_ptr)&b, 1, 0);
        if (n == SOCK_FAILED) fail("send (echo side)");
        if (n != 1) failx("send (echo side) returned %d", n);
    }
}

static double fig_tcp_pingpong(double budget)
{
    struct sockaddr_in addr;
    struct thr th;
    sock_t lst, cli, srv;
    long i;
    double t0, t1;

    lst = tcp_listener(&addr, 1);
    tcp_pair(lst, &addr, &cli, &srv);
    set_nodelay(cli);
    set_nodelay(srv);
    thr_start(&th, pingpong_echo, &srv);

    t0 = now();
    for (i = 0; i < PINGPONG_CAP; i++)
    {
        char out = (char)(i * 7 + 1), in = 0;
        int n;

        if ((i & 63) == 0 && i && now() - t0 >= budget) break;
        n = send(cli, (buf_ptr)&out, 1, 0);
        if (n == SOCK_FAILED) fail("send");
        if (n != 1) failx("send returned %d", n);
        n = recv(cli, (buf_ptr)&in, 1, 0);
        if (n == SOCK_FAILED) fail("recv");
        if (n != 1) failx("recv returned %d", n);
        if (in != out) failx("echo returned byte %d, sent %d", in, out);
    }
    t1 = now();

    shutdown_send(cli);
    thr_join(&th);
    close_checked(srv);
    close_checked(cli);
    close_checked(lst);
    return (double)i / (t1 - t0);
}

/* ------------------------------------------------------------------ */
/* 3. connect / accept / close                                         */
/* ------------------------------------------------------------------ */

#define CONNECT_CAP 15000

struct conn_ctx
{
    sock_t lst;
    int stop;       /* set once `total` is final */
    int total;      /* connections made by the client, sentinel excluded */
    int accepted;
};

static void conn_acceptor(void *arg)
{
    struct conn_ctx *c = arg;

    for (;;)
    {
        sock_t s = accept_checked(c->lst);
        close_checked(s);
        c->accepted++;
        /* The client connects total + 1 times (the last one is a wake-up). */
        if (flag_get(&c->stop) && c->accepted == flag_get(&c->total) + 1) break;
    }
}

static double fig_tcp_connect(double budget)
{
    struct sockaddr_in addr;
    struct conn_ctx ctx;
    struct thr th;
    sock_t s;
    int n;
    double t0, t1;

    memset(&ctx, 0, sizeof(ctx));
    ctx.lst = tcp_listener(&addr, 1024);
    thr_start(&th, conn_acceptor, &ctx);

    t0 = now();
    for (n = 0; n < CONNECT_CAP; n++)
    {
        if ((n & 7) == 0 && n && now() - t0 >= budget) break;
        s = new_socket(SOCK_STREAM, IPPROTO_TCP);
        connect_checked(s, &addr);
        close_checked(s);
    }
    flag_set(&ctx.total, n);
    flag_set(&ctx.stop, 1);
    s = new_socket(SOCK_STREAM, IPPROTO_TCP);
    connect_checked(s, &addr);
    close_checked(s);
    thr_join(&th);
    t1 = now();

    if (ctx.accepted != n + 1) failx("accepted %d connections, made %d", ctx.accepted, n + 1);
    close_checked(ctx.lst);
    return (double)n / (t1 - t0);
}

/* ------------------------------------------------------------------ */
/* 4. UDP datagrams                                                    */
/* ------------------------------------------------------------------ */

/* The sender keeps at most UDP_WINDOW datagrams unacknowledged; the receiver
 * acknowledges every UDP_ACK_EVERY.  Nothing may be lost: a missing or
 * reordered datagram is an error, and SO_RCVTIMEO turns a loss into a
 * failed recvfrom instead of a hang. */
#define UDP_SIZE       64
#define UDP_WINDOW     64
#define UDP_ACK_EVERY  16
#define UDP_CAP        5000000u
#define UDP_END        0xffffffffu

struct udp_ctx
{
    sock_t s;
};

static void udp_receiver(void *arg)
{
    struct udp_ctx *c = arg;
    char buf[UDP_SIZE * 2];
    uint32_t expect = 0, seq, ack[2];
    struct sockaddr_in from;

    for (;;)
    {
        sock_len flen = sizeof(from);
        int n = recvfrom(c->s, (buf_ptr)buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
        if (n == SOCK_FAILED) fail("recvfrom (receiver; datagram lost?)");
        if (n != UDP_SIZE) failx("recvfrom returned %d bytes, expected %d", n, UDP_SIZE);
        if (flen != (sock_len)sizeof(from) || from.sin_family != AF_INET
                || from.sin_addr.s_addr != htonl(INADDR_LOOPBACK))
            failx("recvfrom returned a bad source address");
        memcpy(&seq, buf, sizeof(seq));
        if (seq != UDP_END && seq != expect)
            failx("got datagram %u, expected %u (lost or reordered)", seq, expect);
        if (seq != UDP_END) expect++;
        if (seq == UDP_END || expect % UDP_ACK_EVERY == 0)
        {
            ack[0] = expect;
            ack[1] = seq == UDP_END;
            n = sendto(c->s, (buf_ptr)ack, sizeof(ack), 0, (struct sockaddr *)&from, flen);
            if (n == SOCK_FAILED) fail("sendto (ack)");
            if (n != (int)sizeof(ack)) failx("sendto (ack) returned %d", n);
        }
        if (seq == UDP_END) break;
    }
}

static uint32_t udp_wait_ack(sock_t s, uint32_t acked, uint32_t sent, int *final)
{
    uint32_t ack[2];
    int n = recvfrom(s, (buf_ptr)ack, sizeof(ack), 0, NULL, NULL);
    if (n == SOCK_FAILED) fail("recvfrom (ack; datagram lost?)");
    if (n != (int)sizeof(ack)) failx("recvfrom (ack) returned %d bytes", n);
    if (ack[0] < acked || ack[0] > sent)
        failx("ack for %u datagrams out of range (acked %u, sent %u)", ack[0], acked, sent);
    *final = ack[1] != 0;
    return ack[0];
}

static double fig_udp(double budget)
{
    struct sockaddr_in raddr, saddr;
    struct udp_ctx ctx;
    struct thr th;
    sock_t snd;
    char buf[UDP_SIZE];
    uint32_t sent = 0, acked = 0, seq;
    int final = 0, n;
    double t0, t1;

    ctx.s = new_socket(SOCK_DGRAM, IPPROTO_UDP);
    bind_loopback(ctx.s, &raddr);
    snd = new_socket(SOCK_DGRAM, IPPROTO_UDP);
    bind_loopback(snd, &saddr);
    set_rcvtimeo(ctx.s, 5000);
    set_rcvtimeo(snd, 5000);
    memset(buf, 0xa5, sizeof(buf));
    thr_start(&th, udp_receiver, &ctx);

    t0 = now();
    while (sent < UDP_CAP)
    {
        if ((sent & 63) == 0 && sent && now() - t0 >= budget) break;
        while (sent - acked >= UDP_WINDOW)
        {
            acked = udp_wait_ack(snd, acked, sent, &final);
            if (final) failx("unexpected final ack");
        }
        memcpy(buf, &sent, sizeof(sent));
        n = sendto(snd, (buf_ptr)buf, UDP_SIZE, 0, (struct sockaddr *)&raddr, sizeof(raddr));
        if (n == SOCK_FAILED) fail("sendto");
        if (n != UDP_SIZE) failx("sendto returned %d", n);
        sent++;
    }
    seq = UDP_END;
    memcpy(buf, &seq, sizeof(seq));
    n = sendto(snd, (buf_ptr)buf, UDP_SIZE, 0, (struct sockaddr *)&raddr, sizeof(raddr));
    if (n == SOCK_FAILED) fail("sendto");
    if (n != UDP_SIZE) failx("sendto returned %d", n);
    while (!final) acked = udp_wait_ack(snd, acked, sent, &final);
    t1 = now();
    thr_join(&th);

    if (acked != sent) failx("receiver got %u datagrams, %u were sent", acked, sent);
    close_checked(snd);
    close_checked(ctx.s);
    return (double)sent / (t1 - t0);
}

/* ------------------------------------------------------------------ */
/* 5. select() over 32 sockets, one readable                           */
/* ------------------------------------------------------------------ */

#define SELECT_N     32
#define SELECT_READY 17
#define SELECT_CAP   5000000L

static double fig_select(double budget)
{
    struct sockaddr_in addr;
    sock_t lst, cli[SELECT_N], srv[SELECT_N];
    sock_t maxfd = 0;
    fd_set rfds;
    struct timeval tv;
    long i;
    int k, n;
    double t0 = 0, t1;

    lst = tcp_listener(&addr, SELECT_N);
    for (k = 0; k < SELECT_N; k++)
    {
        tcp_pair(lst, &addr, &cli[k], &srv[k]);
        if (srv[k] > maxfd) maxfd = srv[k];
    }
    send_all(cli[SELECT_READY], "x", 1);

    /* Wait for the byte to arrive, then time calls that find it at once. */
    for (i = -1; i < SELECT_CAP; i++)
    {
        if (i == 0) t0 = now();
        if ((i & 63) == 0 && i > 0 && now() - t0 >= budget) break;
        FD_ZERO(&rfds);
        for (k = 0; k < SELECT_N; k++) FD_SET(srv[k], &rfds);
        tv.tv_sec = 5;
        tv.tv_usec = 0;
        n = select((int)maxfd + 1, &rfds, NULL, NULL, &tv);
        if (n == SOCK_FAILED) fail("select");
        if (n != 1) failx("select returned %d, expected 1 readable socket", n);
        for (k = 0; k < SELECT_N; k++)
            if (!FD_ISSET(srv[k], &rfds) != (k != SELECT_READY))
                failx("select reported socket %d %sreadable", k, k == SELECT_READY ? "not " : "");
    }
    t1 = now();

    for (k = 0; k < SELECT_N; k++)
    {
        close_checked(cli[k]);
        close_checked(srv[k]);
    }
    close_checked(lst);
    return (double)i / (t1 - t0);
}

/* ------------------------------------------------------------------ */
/* 5b. Echo through one completion port (epoll natively)               */
/* ------------------------------------------------------------------ */

/* ECHO_CONNS connections.  The server keeps one receive outstanding on
 * each and echoes what arrives: on Windows an overlapped WSARecv and
 * WSASend per connection, all completing to one port drained by one
 * thread; natively one epoll set, the limit.  The client keeps one message
 * in flight on every connection and checks each echo.  The figure counts
 * echoed messages. */
#define ECHO_CONNS 64
#define ECHO_SIZE  48
#define ECHO_CAP   5000000L

static void recv_exact(sock_t s, char *buf, int len)
{
    int got = 0, n;

    while (got < len)
    {
        n = recv(s, (buf_ptr)(buf + got), len - got, 0);
        if (n == SOCK_FAILED) fail("recv");
        if (n == 0) failx("connection closed after %d of %d bytes", got, len);
        got += n;
    }
}

#ifdef _WIN32
#define PORT_STOP_KEY 0x57

struct echo_slot
{
    OVERLAPPED ov;              /* first: the completion finds the slot */
    sock_t s;
    int sending;
    WSABUF wsabuf;
    char buf[ECHO_SIZE * 2];
};

struct echo_ctx
{
    HANDLE port;
    struct echo_slot slots[ECHO_CONNS];
};

static void echo_post_recv(struct echo_slot *slot)
{
    DWORD flags = 0;

    memset(&slot->ov, 0, sizeof(slot->ov));
    slot->sending = 0;
    slot->wsabuf.buf = slot->buf;
    slot->wsabuf.len = sizeof(slot->buf);
    if (WSARecv(slot->s, &slot->wsabuf, 1, NULL, &flags, &slot->ov, NULL) && WSAGetLastError() != WSA_IO_PENDING)
        fail("WSARecv");
}

static void echo_post_send(struct echo_slot *slot, DWORD len)
{
    memset(&slot->ov, 0, sizeof(slot->ov));
    slot->sending = 1;
    slot->wsabuf.len = len;
    if (WSASend(slot->s, &slot->wsabuf, 1, NULL, 0, &slot->ov, NULL) && WSAGetLastError() != WSA_IO_PENDING)
        fail("WSASend");
}

static void echo_server(void *arg)
{
    struct echo_ctx *c = arg;
    struct echo_slot *slot;
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes;
    BOOL done;

    for (;;)
    {
        ov = NULL;
        done = GetQueuedCompletionStatus(c->port, &bytes, &key, &ov, INFINITE);
        if (!ov)
        {
            if (key == PORT_STOP_KEY) return;
            failx("GetQueuedCompletionStatus failed (error %lu)", (unsigned long)GetLastError());
        }
        if (!done) failx("an overlapped echo operation failed (error %lu)", (unsigned long)GetLastError());
        slot = (struct echo_slot *)ov;
        if (slot->sending)
        {
            if (bytes != slot->wsabuf.len) failx("WSASend sent %lu of %lu bytes", bytes, slot->wsabuf.len);
            echo_post_recv(slot);
        }
        else
        {
            if (!bytes) failx("the client closed a connection");
            echo_post_send(slot, bytes);
        }
    }
}

static void echo_start(struct echo_ctx *c, const sock_t *srv, struct thr *th)
{
    int k;

    if (!(c->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1)))
        failx("CreateIoCompletionPort failed (error %lu)", (unsigned long)GetLastError());
    for (k = 0; k < ECHO_CONNS; k++)
    {
        c->slots[k].s = srv[k];
        if (!CreateIoCompletionPort((HANDLE)srv[k], c->port, 0, 0))
            failx("binding a socket to the port failed (error %lu)", (unsigned long)GetLastError());
        echo_post_recv(&c->slots[k]);
    }
    thr_start(th, echo_server, c);
}

/* The server stops before its sockets close, so their pending receives
 * end (aborted) into a port nobody drains any more. */
static void echo_stop(struct echo_ctx *c, struct thr *th)
{
    PostQueuedCompletionStatus(c->port, 0, PORT_STOP_KEY, NULL);
    thr_join(th);
}

static void echo_finish(struct echo_ctx *c)
{
    CloseHandle(c->port);
}
#else
struct echo_ctx
{
    int ep;
    int stop[2];                /* a pipe: a byte in it ends the server */
};

static void echo_server(void *arg)
{
    struct echo_ctx *c = arg;
    struct epoll_event ev[ECHO_CONNS + 1];
    char buf[ECHO_SIZE * 2];
    int n, i, got;

    for (;;)
    {
        n = epoll_wait(c->ep, ev, ECHO_CONNS + 1, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("epoll_wait");
        for (i = 0; i < n; i++)
        {
            if (ev[i].data.fd == c->stop[0]) return;
            got = recv(ev[i].data.fd, buf, sizeof(buf), 0);
            if (got < 0) fail("recv");
            if (!got) failx("the client closed a connection");
            send_all(ev[i].data.fd, buf, got);
        }
    }
}

static void echo_start(struct echo_ctx *c, const sock_t *srv, struct thr *th)
{
    struct epoll_event ev;
    int k;

    if ((c->ep = epoll_create1(0)) < 0) fail("epoll_create1");
    if (pipe(c->stop)) fail("pipe");
    for (k = 0; k <= ECHO_CONNS; k++)
    {
        ev.events = EPOLLIN;
        ev.data.fd = k < ECHO_CONNS ? srv[k] : c->stop[0];
        if (epoll_ctl(c->ep, EPOLL_CTL_ADD, ev.data.fd, &ev)) fail("epoll_ctl");
    }
    thr_start(th, echo_server, c);
}

static void echo_stop(struct echo_ctx *c, struct thr *th)
{
    if (write(c->stop[1], "x", 1) != 1) fail("write");
    thr_join(th);
}

static void echo_finish(struct echo_ctx *c)
{
    close(c->ep);
    close(c->stop[0]);
    close(c->stop[1]);
}
#endif

/* The echo figures' clients: each round sends one message on every
 * connection, then reads every echo back and checks it.  The count of
 * messages echoed; *t0 and *t1 bound the timed part. */
static long echo_clients(const sock_t *cli, double budget, double *t0, double *t1)
{
    char out[ECHO_SIZE], in[ECHO_SIZE];
    long done = 0;
    int k, j;

    *t0 = now();
    while (done < ECHO_CAP && now() - *t0 < budget)
    {
        for (k = 0; k < ECHO_CONNS; k++)
        {
            for (j = 0; j < ECHO_SIZE; j++) out[j] = (char)(done + k + j);
            send_all(cli[k], out, ECHO_SIZE);
        }
        for (k = 0; k < ECHO_CONNS; k++)
        {
            recv_exact(cli[k], in, ECHO_SIZE);
            for (j = 0; j < ECHO_SIZE; j++)
                if (in[j] != (char)(done + k + j)) failx("echo %ld on connection %d differs", done, k);
        }
        done += ECHO_CONNS;
    }
    *t1 = now();
    return done;
}

static double fig_port_echo(double budget)
{
    static struct echo_ctx ctx;
    struct sockaddr_in addr;
    sock_t lst, cli[ECHO_CONNS], srv[ECHO_CONNS];
    struct thr th;
    long done;
    double t0, t1;
    int k;

    lst = tcp_listener(&addr, ECHO_CONNS);
    for (k = 0; k < ECHO_CONNS; k++)
    {
        tcp_pair(lst, &addr, &cli[k], &srv[k]);
        set_nodelay(cli[k]);
        set_nodelay(srv[k]);
        set_rcvtimeo(cli[k], 10000);
    }
    memset(&ctx, 0, sizeof(ctx));
    echo_start(&ctx, srv, &th);

    done = echo_clients(cli, budget, &t0, &t1);

    echo_stop(&ctx, &th);
    for (k = 0; k < ECHO_CONNS; k++)
    {
        close_checked(cli[k]);
        close_checked(srv[k]);
    }
    echo_finish(&ctx);
    close_checked(lst);
    return (double)done / (t1 - t0);
}

/* ------------------------------------------------------------------ */
/* 5b'. The same echo through Registered I/O                           */
/* ------------------------------------------------------------------ */

/* port_echo64's work (ECHO_CONNS connections, one ECHO_SIZE message in
 * flight on each, the client as there) with a server made of Registered
 * I/O: one registered buffer, one request queue per connection (one
 * receive, one send), all completing to one completion queue whose
 * RIONotify posts to a completion port drained by one thread.  Linux has
 * no Registered I/O, and neither has Wine's builtin: there the figure is
 * reported as n/a (a negative result). */
#ifdef _WIN32
#define RIO_STOP_KEY 0x59
#define RIO_SLOT     (ECHO_SIZE * 2)

struct rio_echo_ctx
{
    RIO_EXTENSION_FUNCTION_TABLE f;
    HANDLE port;
    OVERLAPPED notify;
    RIO_CQ cq;
    RIO_BUFFERID id;
    char area[ECHO_CONNS * RIO_SLOT];
    RIO_RQ rq[ECHO_CONNS];
};

/* The request context says which connection and which direction. */
static void rio_echo_post(struct rio_echo_ctx *c, int k, int sending, ULONG len)
{
    RIO_BUF b;
    BOOL ok;

    b.BufferId = c->id;
    b.Offset = k * RIO_SLOT;
    b.Length = len;
    if (sending) ok = c->f.RIOSend(c->rq[k], &b, 1, 0, (void *)(ULONG_PTR)(k * 2 + 1));
    else ok = c->f.RIOReceive(c->rq[k], &b, 1, 0, (void *)(ULONG_PTR)(k * 2));
    if (!ok) fail(sending ? "RIOSend" : "RIOReceive");
}

static void rio_echo_server(void *arg)
{
    struct rio_echo_ctx *c = arg;
    RIORESULT res[ECHO_CONNS * 2];
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes;
    ULONG n, i;
    int k, err;

    for (;;)
    {
        if ((err = c->f.RIONotify(c->cq))) failx("RIONotify failed (error %d)", err);
        ov = NULL;
        if (!GetQueuedCompletionStatus(c->port, &bytes, &key, &ov, INFINITE))
            failx("GetQueuedCompletionStatus failed (error %lu)", (unsigned long)GetLastError());
        if (key == RIO_STOP_KEY) return;
        while ((n = c->f.RIODequeueCompletion(c->cq, res, ECHO_CONNS * 2)) && n != RIO_CORRUPT_CQ)
        {
            for (i = 0; i < n; i++)
            {
                k = (int)(res[i].RequestContext / 2);
                if (res[i].Status) failx("a RIO request failed (error %ld)", (long)res[i].Status);
                if (res[i].RequestContext & 1)
                {
                    if (res[i].BytesTransferred != ECHO_SIZE)
                        failx("RIOSend sent %lu bytes", (unsigned long)res[i].BytesTransferred);
                    rio_echo_post(c, k, 0, RIO_SLOT);
                }
                else
                {
                    if (!res[i].BytesTransferred) failx("the client closed a connection");
                    rio_echo_post(c, k, 1, res[i].BytesTransferred);
                }
            }
        }
        if (n == RIO_CORRUPT_CQ) failx("RIODequeueCompletion: the queue is corrupt");
    }
}

/* The table, or FALSE where there is no Registered I/O. */
static int rio_table(sock_t s, RIO_EXTENSION_FUNCTION_TABLE *f)
{
    GUID guid = WSAID_MULTIPLE_RIO;
    DWORD size = 0;

    memset(f, 0, sizeof(*f));
    return !WSAIoctl(s, SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), f, sizeof(*f),
                     &size, NULL, NULL);
}

static double fig_rio_echo(double budget)
{
    static struct rio_echo_ctx ctx;
    RIO_NOTIFICATION_COMPLETION n;
    struct sockaddr_in addr;
    sock_t lst, cli[ECHO_CONNS], srv[ECHO_CONNS];
    struct thr th;
    long done;
    double t0, t1;
    int k;

    /* Accepted sockets take the listener's WSA_FLAG_REGISTERED_IO. */
    lst = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_REGISTERED_IO);
    if (lst == BAD_SOCK) fail("WSASocket");
    memset(&ctx, 0, sizeof(ctx));
    if (!rio_table(lst, &ctx.f))
    {
        close_checked(lst);
        return -1.0;
    }
    bind_loopback(lst, &addr);
    if (listen(lst, ECHO_CONNS) != 0) fail("listen");
    for (k = 0; k < ECHO_CONNS; k++)
    {
        tcp_pair(lst, &addr, &cli[k], &srv[k]);
        set_nodelay(cli[k]);
        set_nodelay(srv[k]);
        set_rcvtimeo(cli[k], 10000);
    }

    if (!(ctx.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1)))
        failx("CreateIoCompletionPort failed (error %lu)", (unsigned long)GetLastError());
    n.Type = RIO_IOCP_COMPLETION;
    n.Iocp.IocpHandle = ctx.port;
    n.Iocp.CompletionKey = NULL;
    n.Iocp.Overlapped = &ctx.notify;
    if ((ctx.cq = ctx.f.RIOCreateCompletionQueue(ECHO_CONNS * 2, &n)) == RIO_INVALID_CQ)
        fail("RIOCreateCompletionQueue");
    if ((ctx.id = ctx.f.RIORegisterBuffer(ctx.area, sizeof(ctx.area))) == RIO_INVALID_BUFFERID)
        fail("RIORegisterBuffer");
    for (k = 0; k < ECHO_CONNS; k++)
    {
        if ((ctx.rq[k] = ctx.f.RIOCreateRequestQueue(srv[k], 1, 1, 1, 1, ctx.cq, ctx.cq, NULL)) == RIO_INVALID_RQ)
            fail("RIOCreateRequestQueue");
        rio_echo_post(&ctx, k, 0, RIO_SLOT);
    }
    thr_start(&th, rio_echo_server, &ctx);

    done = echo_clients(cli, budget, &t0, &t1);

    /* The server stops first; closing the sockets then aborts the
     * receives still posted, into a queue nobody drains. */
    PostQueuedCompletionStatus(ctx.port, 0, RIO_STOP_KEY, NULL);
    thr_join(&th);
    for (k = 0; k < ECHO_CONNS; k++)
    {
        close_checked(cli[k]);
        close_checked(srv[k]);
    }
    ctx.f.RIOCloseCompletionQueue(ctx.cq);
    ctx.f.RIODeregisterBuffer(ctx.id);
    CloseHandle(ctx.port);
    close_checked(lst);
    return (double)done / (t1 - t0);
}
#else
static double fig_rio_echo(double budget)
{
    return -1.0;
}
#endif

/* ------------------------------------------------------------------ */
/* 5c. Connections through AcceptEx/ConnectEx (epoll natively)         */
/* ------------------------------------------------------------------ */

/* The server keeps ACCEPT_PENDING AcceptEx calls outstanding on a listener
 * bound to a completion port, closing each accepted socket and posting
 * another; the client connects with an overlapped ConnectEx from a bound
 * socket and closes.  Natively: a non-blocking listener in an epoll set
 * and a non-blocking connect. */
#define ACCEPT_PENDING 16
#define ACCEPT_CAP     15000

#ifdef _WIN32
struct accept_slot
{
    OVERLAPPED ov;
    sock_t s;
    char addresses[2 * (sizeof(struct sockaddr_in) + 16)];
};

struct accept_ctx
{
    HANDLE port;
    sock_t lst;
    LPFN_ACCEPTEX acceptex;
    LPFN_CONNECTEX connectex;
    int accepted;
    struct accept_slot slots[ACCEPT_PENDING];
};

static void *extension_function(sock_t s, GUID guid)
{
    void *fn = NULL;
    DWORD size = 0;

    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &fn, sizeof(fn), &size, NULL, NULL))
        fail("WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)");
    return fn;
}

static void accept_post(struct accept_ctx *c, struct accept_slot *slot)
{
    DWORD bytes;

    slot->s = new_socket(SOCK_STREAM, IPPROTO_TCP);
    memset(&slot->ov, 0, sizeof(slot->ov));
    if (!c->acceptex(c->lst, slot->s, slot->addresses, 0, sizeof(struct sockaddr_in) + 16,
                     sizeof(struct sockaddr_in) + 16, &bytes, &slot->ov)
        && WSAGetLastError() != ERROR_IO_PENDING)
        fail("AcceptEx");
}

static void accept_server(void *arg)
{
    struct accept_ctx *c = arg;
    struct accept_slot *slot;
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes;

    for (;;)
    {
        ov = NULL;
        if (!GetQueuedCompletionStatus(c->port, &bytes, &key, &ov, INFINITE))
            failx("AcceptEx completion failed (error %lu)", (unsigned long)GetLastError());
        if (!ov && key == PORT_STOP_KEY) return;
        slot = (struct accept_slot *)ov;
        close_checked(slot->s);
        flag_set(&c->accepted, flag_get(&c->accepted) + 1);
        accept_post(c, slot);
    }
}

static void accept_start(struct accept_ctx *c, struct thr *th)
{
    GUID acceptex = WSAID_ACCEPTEX, connectex = WSAID_CONNECTEX;
    int k;

    c->acceptex = extension_function(c->lst, acceptex);
    c->connectex = extension_function(c->lst, connectex);
    if (!(c->port = CreateIoCompletionPort((HANDLE)c->lst, NULL, 0, 1)))
        failx("CreateIoCompletionPort failed (error %lu)", (unsigned long)GetLastError());
    for (k = 0; k < ACCEPT_PENDING; k++) accept_post(c, &c->slots[k]);
    thr_start(th, accept_server, c);
}

static void accept_connect(struct accept_ctx *c, const struct sockaddr_in *addr)
{
    struct sockaddr_in local;
    OVERLAPPED ov;
    DWORD bytes;
    sock_t s = new_socket(SOCK_STREAM, IPPROTO_TCP);
    static HANDLE event;

    if (!event && !(event = CreateEventW(NULL, FALSE, FALSE, NULL))) failx("CreateEvent failed");
    /* ConnectEx needs a bound socket. */
    loopback_addr(&local);
    if (bind(s, (struct sockaddr *)&local, sizeof(local))) fail("bind");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    if (!c->connectex(s, (const struct sockaddr *)addr, sizeof(*addr), NULL, 0, NULL, &ov))
    {
        if (WSAGetLastError() != ERROR_IO_PENDING) fail("ConnectEx");
        if (!GetOverlappedResult((HANDLE)s, &ov, &bytes, TRUE))
            failx("ConnectEx completion failed (error %lu)", (unsigned long)GetLastError());
    }
    close_checked(s);
}

/* The pending AcceptEx calls end (aborted) with the listener; the
 * server is stopped first, so nothing drains them. */
static void accept_finish(struct accept_ctx *c, struct thr *th)
{
    int k;

    PostQueuedCompletionStatus(c->port, 0, PORT_STOP_KEY, NULL);
    thr_join(th);
    close_checked(c->lst);
    for (k = 0; k < ACCEPT_PENDING; k++) close_checked(c->slots[k].s);
    CloseHandle(c->port);
}
#else
struct accept_ctx
{
    sock_t lst;
    int ep;
    int stop[2];
    int accepted;
};

static void accept_server(void *arg)
{
    struct accept_ctx *c = arg;
    struct epoll_event ev[2];
    int n, i, s;

    for (;;)
    {
        n = epoll_wait(c->ep, ev, 2, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("epoll_wait");
        for (i = 0; i < n; i++)
        {
            if (ev[i].data.fd == c->stop[0]) return;
            while ((s = accept4(c->lst, NULL, NULL, SOCK_NONBLOCK)) >= 0)
            {
                close_checked(s);
                flag_set(&c->accepted, flag_get(&c->accepted) + 1);
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) fail("accept4");
        }
    }
}

static void accept_start(struct accept_ctx *c, struct thr *th)
{
    struct epoll_event ev;
    int k;

    if (fcntl(c->lst, F_SETFL, O_NONBLOCK)) fail("fcntl");
    if ((c->ep = epoll_create1(0)) < 0) fail("epoll_create1");
    if (pipe(c->stop)) fail("pipe");
    for (k = 0; k < 2; k++)
    {
        ev.events = EPOLLIN;
        ev.data.fd = k ? c->stop[0] : c->lst;
        if (epoll_ctl(c->ep, EPOLL_CTL_ADD, ev.data.fd, &ev)) fail("epoll_ctl");
    }
    thr_start(th, accept_server, c);
}

static void accept_connect(struct accept_ctx *c, const struct sockaddr_in *addr)
{
    struct pollfd pfd;
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP), err = 0;
    socklen_t len = sizeof(err);

    if (s < 0) fail("socket");
    if (connect(s, (const struct sockaddr *)addr, sizeof(*addr)) && errno != EINPROGRESS) fail("connect");
    pfd.fd = s;
    pfd.events = POLLOUT;
    if (poll(&pfd, 1, 10000) != 1) fail("poll");
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) || err) failx("connect failed (error %d)", err);
    close_checked(s);
}

static void accept_finish(struct accept_ctx *c, struct thr *th)
{
    if (write(c->stop[1], "x", 1) != 1) fail("write");
    thr_join(th);
    close_checked(c->lst);
    close(c->ep);
    close(c->stop[0]);
    close(c->stop[1]);
}
#endif

static double fig_accept_connect(double budget)
{
    static struct accept_ctx ctx;
    struct sockaddr_in addr;
    struct thr th;
    double t0, t1;
    int n, k;

    memset(&ctx, 0, sizeof(ctx));
    ctx.lst = tcp_listener(&addr, 1024);
    accept_start(&ctx, &th);
    t0 = now();
    for (n = 0; n < ACCEPT_CAP; n++)
    {
        if ((n & 7) == 0 && n && now() - t0 >= budget) break;
        accept_connect(&ctx, &addr);
    }
    /* Every connection made must have been accepted. */
    for (k = 0; k < 10000 && flag_get(&ctx.accepted) < n; k++) sleep_ms(1);
    t1 = now();
    if (flag_get(&ctx.accepted) != n) failx("accepted %d connections, made %d", flag_get(&ctx.accepted), n);
    accept_finish(&ctx, &th);
    return (double)n / (t1 - t0);
}

/* ------------------------------------------------------------------ */
/* 5b. WSAPoll() (natively poll()) over 64, 1,000, 10,000 sockets, 1 readable */
/* ------------------------------------------------------------------ */

#ifdef _WIN32
typedef WSAPOLLFD poll_entry;
#  define poll_call(fds, n, ms) WSAPoll((fds), (ULONG)(n), (ms))
#  define POLL_READ POLLRDNORM
#else
typedef struct pollfd poll_entry;
#  define poll_call(fds, n, ms) poll((fds), (nfds_t)(n), (ms))
#  define POLL_READ POLLIN
#endif

#define POLL_CAP 5000000L

/* WSAPoll over `count` sockets, one of them readable.  Up to 1,000 they
 * are the server ends of `count` connections; beyond, both ends of
 * count / 2 connections are polled, so that 10,000 sockets fit in the
 * usual 20,000-descriptor limit (Wine keeps a descriptor for each socket
 * in the process and one in wineserver). */
static double poll_figure(int count, double budget)
{
    struct sockaddr_in addr;
    sock_t lst, *cli, *srv;
    poll_entry *fds;
    int pairs = count > 1000 ? count / 2 : count;
    int ready = pairs / 3, k, n;
    long i;
    double t0 = 0, t1;

    cli = malloc(pairs * sizeof(*cli));
    srv = malloc(pairs * sizeof(*srv));
    fds = malloc(count * sizeof(*fds));
    if (!cli || !srv || !fds) failx("out of memory");
    lst = tcp_listener(&addr, 64);
    for (k = 0; k < pairs; k++)
    {
        /* Thousands of connections take a while under Wine: the watchdog
         * is for a hang, and this is progress. */
        if (!(k & 255)) watchdog_arm();
        tcp_pair(lst, &addr, &cli[k], &srv[k]);
    }
    send_all(cli[ready], "p", 1);
    watchdog_arm();

    /* As select32: wait for the byte once, then time calls that find it.
     * Calls over thousands of sockets are slow: the budget is checked
     * after each of them. */
    for (i = -1; i < POLL_CAP; i++)
    {
        if (i == 0) t0 = now();
        if (i > 0 && ((i & 63) == 0 || count > 1000) && now() - t0 >= budget) break;
        for (k = 0; k < count; k++)
        {
            fds[k].fd = k < pairs ? srv[k] : cli[k - pairs];
            fds[k].events = POLL_READ;
            fds[k].revents = 0;
        }
        n = poll_call(fds, count, 5000);
        if (n == SOCK_FAILED) fail("poll");
        if (n != 1) failx("poll returned %d, expected 1 readable socket", n);
        for (k = 0; k < count; k++)
            if (!(fds[k].revents & POLL_READ) != (k != ready))
                failx("poll reported socket %d %sreadable (revents %#x)", k, k == ready ? "not " : "",
                      fds[k].revents);
    }
    t1 = now();

    for (k = 0; k < pairs; k++)
    {
        if (!(k & 255)) watchdog_arm();
        close_checked(cli[k]);
        close_checked(srv[k]);
    }
    close_checked(lst);
    free(cli);
    free(srv);
    free(fds);
    return (double)i / (t1 - t0);
}

static double fig_poll64(double budget)
{
    return poll_figure(64, budget);
}

static double fig_poll1000(double budget)
{
    return poll_figure(1000, budget);
}

static double fig_poll10000(double budget)
{
    return poll_figure(10000, budget);
}

/* ------------------------------------------------------------------ */
/* 5c. Wake-up by network event: WSAEventSelect(FD_READ) +            */
/*     WSAWaitForMultipleEvents (natively poll() on the socket)        */
/* ------------------------------------------------------------------ */

#define WAKE_CAP 2000000

/* The main thread sends a byte and sleeps in the wait until the echo
 * comes back: every round trip is one wake-up by the network event. */
static double fig_event_wake(double budget)
{
    struct sockaddr_in addr;
    struct thr th;
    sock_t lst, cli, srv;
    long i;
    double t0, t1;
#ifdef _WIN32
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    u_long blocking = 0;
#else
    struct pollfd pfd;
#endif

    lst = tcp_listener(&addr, 1);
    tcp_pair(lst, &addr, &cli, &srv);
    set_nodelay(cli);
    set_nodelay(srv);
    thr_start(&th, pingpong_echo, &srv);
#ifdef _WIN32
    if ((ev = WSACreateEvent()) == WSA_INVALID_EVENT) fail("WSACreateEvent");
    if (WSAEventSelect(cli, ev, FD_READ) == SOCK_FAILED) fail("WSAEventSelect");
#else
    pfd.fd = cli;
    pfd.events = POLLIN;
#endif

    t0 = now();
    for (i = 0; i < WAKE_CAP; i++)
    {
        char out = (char)(i * 5 + 3), in = 0;
        int n;

        if ((i & 63) == 0 && i && now() - t0 >= budget) break;
        n = send(cli, (buf_ptr)&out, 1, 0);
        if (n == SOCK_FAILED) fail("send");
        if (n != 1) failx("send returned %d", n);
#ifdef _WIN32
        n = WSAWaitForMultipleEvents(1, &ev, FALSE, 5000, FALSE);
        if (n != WSA_WAIT_EVENT_0) failx("WSAWaitForMultipleEvents returned %d", n);
        if (WSAEnumNetworkEvents(cli, ev, &ne) == SOCK_FAILED) fail("WSAEnumNetworkEvents");
        if (!(ne.lNetworkEvents & FD_READ)) failx("woken without FD_READ (%#lx)", ne.lNetworkEvents);
#else
        pfd.revents = 0;
        n = poll(&pfd, 1, 5000);
        if (n == SOCK_FAILED) fail("poll");
        if (n != 1 || !(pfd.revents & POLLIN)) failx("poll returned %d (revents %#x)", n, pfd.revents);
#endif
        /* The receive re-enables FD_READ. */
        n = recv(cli, (buf_ptr)&in, 1, 0);
        if (n == SOCK_FAILED) fail("recv");
        if (n != 1) failx("recv returned %d", n);
        if (in != out) failx("echo returned byte %d, sent %d", in, out);
    }
    t1 = now();

#ifdef _WIN32
    /* Back to a plain blocking socket before the shutdown. */
    if (WSAEventSelect(cli, NULL, 0) == SOCK_FAILED) fail("WSAEventSelect (clear)");
    if (ioctlsocket(cli, FIONBIO, &blocking) == SOCK_FAILED) fail("ioctlsocket");
    WSACloseEvent(ev);
#endif
    shutdown_send(cli);
    thr_join(&th);
    close_checked(srv);
    close_checked(cli);
    close_checked(lst);
    return (double)i / (t1 - t0);
}

/* ------------------------------------------------------------------ */
/* 6. inet_addr, htonl/ntohs                                           */
/* ------------------------------------------------------------------ */

#define CALLS_CAP   100000000L
#define CALLS_CHECK 4096

static volatile unsigned long sink;
static const char *volatile addr_text = "192.168.100.200";
static volatile unsigned long in_long = 0x12345678ul;
static volatile unsigned short in_short = 0x1234;

static double fig_inet_addr(double budget)
{
    const char *text = addr_text;
    unsigned long v = inet_addr(text);
    const unsigned char *b = (const unsigned char *)&v;
    long i;
    double t0, t1;

    if (b[0] != 192 || b[1] != 168 || b[2] != 100 || b[3] != 200)
        failx("inet_addr(\"%s\") returned 0x%08lx", text, v);

    t0 = now();
    for (i = 0; i < CALLS_CAP; i++)
    {
        if ((i % CALLS_CHECK) == 0 && i && now() - t0 >= budget) break;
        sink += inet_addr(addr_text);
    }
    t1 = now();
    return (double)i / (t1 - t0) / 1e6;
}

static double fig_byteorder(double budget)
{
    unsigned long l = in_long;
    unsigned short s = in_short;
    uint32_t l32 = (uint32_t)htonl((uint32_t)l);
    uint16_t s16 = ntohs(s);
    const unsigned char *bl = (const unsigned char *)&l32, *bs = (const unsigned char *)&s16;
    long i;
    double t0, t1;

    if (bl[0] != 0x12 || bl[1] != 0x34 || bl[2] != 0x56 || bl[3] != 0x78)
        failx("htonl(0x12345678) returned 0x%08lx", (unsigned long)l32);
    if (bs[0] != 0x12 || bs[1] != 0x34)
        failx("ntohs(0x1234) gave bytes %02x %02x", bs[0], bs[1]);

    t0 = now();
    for (i = 0; i < CALLS_CAP; i++)
    {
        if ((i % CALLS_CHECK) == 0 && i && now() - t0 >= budget) break;
        sink += htonl((uint32_t)(in_long + (unsigned long)i));
        sink += ntohs((unsigned short)(in_short + i));
    }
    t1 = now();
    return 2.0 * (double)i / (t1 - t0) / 1e6;   /* two calls per iteration */
}

/* ------------------------------------------------------------------ */
/* 7. Address text: inet_pton/inet_ntop, numeric getaddrinfo,          */
/*    WSAStringToAddressA                                              */
/* ------------------------------------------------------------------ */

static const char *volatile v4_text = "192.168.100.200";
static const char *volatile v6_text = "2001:db8:85a3::8a2e:370:7334";
static const char *volatile v4_port_text = "192.168.100.200:8080";
static const char *volatile v6_port_text = "[2001:db8:85a3::8a2e:370:7334]:8080";
static const char *volatile port_text = "8080";

/* One call of the function being timed; returns a value for the sink. */
typedef unsigned long (*call_fn)(void);

/* Calls per second (in millions) of FN for BUDGET seconds, up to the cap. */
static double time_calls(call_fn fn, double budget)
{
    long i;
    double t0, t1;

    t0 = now();
    for (i = 0; i < CALLS_CAP; i++)
    {
        if ((i % CALLS_CHECK) == 0 && i && now() - t0 >= budget) break;
        sink += fn();
    }
    t1 = now();
    return (double)i / (t1 - t0) / 1e6;
}

static unsigned long call_pton4(void)
{
    struct in_addr a;
    if (inet_pton(AF_INET, v4_text, &a) != 1) failx("inet_pton(AF_INET) failed");
    return a.s_addr;
}

static unsigned long call_pton6(void)
{
    struct in6_addr a;
    if (inet_pton(AF_INET6, v6_text, &a) != 1) failx("inet_pton(AF_INET6) failed");
    return a.s6_addr[15];
}

static struct in_addr ntop_v4;
static struct in6_addr ntop_v6;

static unsigned long call_ntop4(void)
{
    char buf[16];
    if (!inet_ntop(AF_INET, &ntop_v4, buf, sizeof(buf))) failx("inet_ntop(AF_INET) failed");
    return (unsigned char)buf[0];
}

static unsigned long call_ntop6(void)
{
    char buf[46];
    if (!inet_ntop(AF_INET6, &ntop_v6, buf, sizeof(buf))) failx("inet_ntop(AF_INET6) failed");
    return (unsigned char)buf[0];
}

static void numeric_hints(struct addrinfo *hints)
{
    memset(hints, 0, sizeof(*hints));
    hints->ai_family = AF_UNSPEC;
    hints->ai_socktype = SOCK_STREAM;
    hints->ai_protocol = IPPROTO_TCP;   /* Windows copies 0 through; glibc would fill it in */
    hints->ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
}

static unsigned long call_getaddrinfo(void)
{
    struct addrinfo hints, *res = NULL;
    unsigned long v;
    int rc;

    numeric_hints(&hints);
    rc = getaddrinfo(v4_text, port_text, &hints, &res);
    if (rc || !res || res->ai_family != AF_INET) failx("getaddrinfo(numeric) failed (%d)", rc);
    v = ((struct sockaddr_in *)res->ai_addr)->sin_port;
    freeaddrinfo(res);
    return v;
}

#ifdef _WIN32
/* sin_port and sin6_port lie at the same offset, so one buffer serves both. */
static unsigned long win_str2addr(int family, const char *text)
{
    SOCKADDR_STORAGE sa;
    int len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);

    if (WSAStringToAddressA((char *)text, family, NULL, (struct sockaddr *)&sa, &len))
        fail("WSAStringToAddressA");
    return ((struct sockaddr_in *)&sa)->sin_port;
}

static unsigned long call_str2addr4(void) { return win_str2addr(AF_INET, v4_port_text); }
static unsigned long call_str2addr6(void) { return win_str2addr(AF_INET6, v6_port_text); }
#else
/* glibc has no WSAStringToAddress.  The native reference is the least
 * work glibc needs for the same result: split off the port, inet_pton
 * the address, strtoul the port and fill in the sockaddr. */
static unsigned long native_str2addr(int family, const char *text)
{
    char host[64];
    const char *colon, *start = text;
    size_t n;
    char *end;
    unsigned long port;

    if (family == AF_INET6 && *start == '[') start++;
    colon = strrchr(start, ':');
    if (!colon) failx("no port in %s", text);
    n = (size_t)(colon - start);
    if (family == AF_INET6)
    {
        if (n == 0 || start[n - 1] != ']') failx("no ] in %s", text);
        n--;
    }
    if (n >= sizeof(host)) failx("address too long: %s", text);
    memcpy(host, start, n);
    host[n] = 0;
    port = strtoul(colon + 1, &end, 10);
    if (*end || port > 65535) failx("bad port in %s", text);
    if (family == AF_INET)
    {
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof(sa));
        sa.sin_family = AF_INET;
        sa.sin_port = htons((unsigned short)port);
        if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) failx("inet_pton(%s) failed", host);
        return sa.sin_port;
    }
    else
    {
        struct sockaddr_in6 sa;
        memset(&sa, 0, sizeof(sa));
        sa.sin6_family = AF_INET6;
        sa.sin6_port = htons((unsigned short)port);
        if (inet_pton(AF_INET6, host, &sa.sin6_addr) != 1) failx("inet_pton(%s) failed", host);
        return sa.sin6_port;
    }
}

static unsigned long call_str2addr4(void) { return native_str2addr(AF_INET, v4_port_text); }
static unsigned long call_str2addr6(void) { return native_str2addr(AF_INET6, v6_port_text); }
#endif

/* Each figure first checks one result in full, then times the calls. */

static void check_text(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want)) failx("%s gave \"%s\", expected \"%s\"", what, got, want);
}

static double fig_pton4(double budget)
{
    struct in_addr a;
    const unsigned char *b = (const unsigned char *)&a;

    if (inet_pton(AF_INET, v4_text, &a) != 1) failx("inet_pton(AF_INET) failed");
    if (b[0] != 192 || b[1] != 168 || b[2] != 100 || b[3] != 200)
        failx("inet_pton(AF_INET, \"%s\") gave %u.%u.%u.%u", v4_text, b[0], b[1], b[2], b[3]);
    return time_calls(call_pton4, budget);
}

static const unsigned char v6_bytes[16] =
    { 0x20, 0x01, 0x0d, 0xb8, 0x85, 0xa3, 0, 0, 0, 0, 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x34 };

static double fig_pton6(double budget)
{
    struct in6_addr a;

    if (inet_pton(AF_INET6, v6_text, &a) != 1) failx("inet_pton(AF_INET6) failed");
    if (memcmp(&a, v6_bytes, 16)) failx("inet_pton(AF_INET6, \"%s\") gave the wrong bytes", v6_text);
    return time_calls(call_pton6, budget);
}

static double fig_ntop4(double budget)
{
    char buf[16];

    memcpy(&ntop_v4, "\xc0\xa8\x64\xc8", 4);
    if (!inet_ntop(AF_INET, &ntop_v4, buf, sizeof(buf))) failx("inet_ntop(AF_INET) failed");
    check_text("inet_ntop(AF_INET)", buf, "192.168.100.200");
    return time_calls(call_ntop4, budget);
}

static double fig_ntop6(double budget)
{
    char buf[46];

    memcpy(&ntop_v6, v6_bytes, 16);
    if (!inet_ntop(AF_INET6, &ntop_v6, buf, sizeof(buf))) failx("inet_ntop(AF_INET6) failed");
    check_text("inet_ntop(AF_INET6)", buf, "2001:db8:85a3::8a2e:370:7334");
    return time_calls(call_ntop6, budget);
}

static double fig_getaddrinfo(double budget)
{
    struct addrinfo hints, *res = NULL;
    struct sockaddr_in *sa;
    int rc;

    numeric_hints(&hints);
    rc = getaddrinfo(v4_text, port_text, &hints, &res);
    if (rc || !res) failx("getaddrinfo(\"%s\", \"%s\") failed (%d)", v4_text, port_text, rc);
    sa = (struct sockaddr_in *)res->ai_addr;
    if (res->ai_next || res->ai_family != AF_INET || res->ai_socktype != SOCK_STREAM ||
        res->ai_protocol != IPPROTO_TCP || sa->sin_port != htons(8080) ||
        memcmp(&sa->sin_addr, "\xc0\xa8\x64\xc8", 4))
        failx("getaddrinfo(\"%s\", \"%s\") gave the wrong result", v4_text, port_text);
    freeaddrinfo(res);
    return time_calls(call_getaddrinfo, budget);
}

static double fig_str2addr4(double budget)
{
    if (call_str2addr4() != htons(8080)) failx("WSAStringToAddressA(\"%s\") gave the wrong port", v4_port_text);
    return time_calls(call_str2addr4, budget);
}

static double fig_str2addr6(double budget)
{
    if (call_str2addr6() != htons(8080)) failx("WSAStringToAddressA(\"%s\") gave the wrong port", v6_port_text);
    return time_calls(call_str2addr6, budget);
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

struct figure
{
    const char *name;
    const char *unit;
    double (*run)(double budget);
};

static const struct figure figures[] =
{
    { "tcp_stream",   "MB/s",      fig_tcp_stream },
    { "tcp_pingpong", "rtt/s",     fig_tcp_pingpong },
    { "tcp_connect",  "conn/s",    fig_tcp_connect },
    { "udp_dgram",    "dgram/s",   fig_udp },
    { "select32",     "calls/s",   fig_select },
    { "wsapoll64",    "calls/s",   fig_poll64 },
    { "wsapoll1000",  "calls/s",   fig_poll1000 },
    { "wsapoll10000", "calls/s",   fig_poll10000 },
    { "evselect_wake", "wakes/s",  fig_event_wake },
    { "port_echo64",  "msg/s",     fig_port_echo },
    { "rio_echo",     "msg/s",     fig_rio_echo },
    { "acceptex_conn", "conn/s",   fig_accept_connect },
    { "inet_addr",    "Mcalls/s",  fig_inet_addr },
    { "byteorder",    "Mcalls/s",  fig_byteorder },
    { "inet_pton4",   "Mcalls/s",  fig_pton4 },
    { "inet_pton6",   "Mcalls/s",  fig_pton6 },
    { "inet_ntop4",   "Mcalls/s",  fig_ntop4 },
    { "inet_ntop6",   "Mcalls/s",  fig_ntop6 },
    { "getaddrinfo_num", "Mcalls/s", fig_getaddrinfo },
    { "str2addr4",    "Mcalls/s",  fig_str2addr4 },
    { "str2addr6",    "Mcalls/s",  fig_str2addr6 },
};
#define N_FIGURES (sizeof(figures) / sizeof(figures[0]))

static void usage(void)
{
    fprintf(stderr, "usage: bench [-t SECONDS] [-w SECONDS] [-l] [figure...]\n");
    exit(125);
}

int main(int argc, char **argv)
{
    int want[N_FIGURES] = { 0 };
    int any = 0, a;
    size_t f;
    double budget = 1.5;
    struct thr wd;

    for (a = 1; a < argc; a++)
    {
        if (!strcmp(argv[a], "-t") && a + 1 < argc)
        {
            budget = atof(argv[++a]);
            if (!(budget > 0)) usage();
        }
        else if (!strcmp(argv[a], "-w") && a + 1 < argc)
        {
            watchdog_limit = atof(argv[++a]);
            if (!(watchdog_limit > 0)) usage();
        }
        else if (!strcmp(argv[a], "-l"))
        {
            for (f = 0; f < N_FIGURES; f++) printf("%s %s\n", figures[f].name, figures[f].unit);
            return 0;
        }
        else if (argv[a][0] == '-') usage();
        else
        {
            for (f = 0; f < N_FIGURES; f++)
                if (!strcmp(argv[a], figures[f].name)) break;
            if (f == N_FIGURES)
            {
                fprintf(stderr, "bench: unknown figure '%s'\n", argv[a]);
                usage();
            }
            want[f] = any = 1;
        }
    }

    timer_init();
    t_origin = now();
#ifdef _WIN32
    {
        WSADATA wsa;
        int rc = WSAStartup(MAKEWORD(2, 2), &wsa);
        if (rc) failx("WSAStartup failed (error %d)", rc);
        if (wsa.wVersion != MAKEWORD(2, 2))
            failx("WSAStartup negotiated version %d.%d", LOBYTE(wsa.wVersion), HIBYTE(wsa.wVersion));
    }
#else
    signal(SIGPIPE, SIG_IGN);
    {
        /* wsapoll10000 needs about 10,000 descriptors: the soft limit up
         * to the hard one (Wine does the same for its processes). */
        struct rlimit lim;
        if (!getrlimit(RLIMIT_NOFILE, &lim) && lim.rlim_cur < lim.rlim_max)
        {
            lim.rlim_cur = lim.rlim_max;
            setrlimit(RLIMIT_NOFILE, &lim);
        }
    }
#endif
    thr_start(&wd, watchdog, NULL);

    for (f = 0; f < N_FIGURES; f++)
    {
        double v;

        if (any && !want[f]) continue;
        cur_fig = figures[f].name;
        watchdog_arm();
        v = figures[f].run(budget);
        watchdog_disarm();
        /* A negative rate: the figure cannot be measured on this system. */
        if (v < 0)
        {
            printf("%s n/a %s\n", figures[f].name, figures[f].unit);
            fflush(stdout);
            continue;
        }
        if (!(v > 0)) failx("measured a non-positive rate (%g)", v);
        printf("%s %.2f %s\n", figures[f].name, v, figures[f].unit);
        fflush(stdout);
    }
    cur_fig = "cleanup";

#ifdef _WIN32
    if (WSACleanup() != 0) fail("WSACleanup");
#endif
    /* The watchdog thread is still sleeping; exiting the process ends it. */
    fflush(stdout);
    return 0;
}
