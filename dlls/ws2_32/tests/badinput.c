/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Bad input: invalid pointers, too-short buffers and lengths, handles that
 * are not sockets, closed and reused handle values, and leaks on error
 * paths.
 *
 * Expected values are Windows' (Microsoft documentation, and the results
 * Wine's conformance tests record for Windows where they cover a case).
 * Windows reports a buffer or address argument it cannot use with
 * WSAEFAULT and a handle that is not a socket with WSAENOTSOCK.
 *
 * Every call that is expected to fail runs under a crash guard: a crash is
 * reported as a failure naming the call and the faulting module and the
 * test goes on.  Calls that crash Wine's builtin ws2_32 are skipped when
 * WINETEST_PLATFORM=wine.
 */
#include <stddef.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>
#include <windows.h>
#include <psapi.h>
#include <stdio.h>
#include "wine/test.h"
#include "wineversion.h"

/* This file's sentinels: the last error (and an SPI *errno) before a
 * call that must set it, a FIONREAD count no call returns, and values no
 * socket() or handle table knows. */
#define BADIN_ERROR_FILL 0x2f0a2f0a
#define BADIN_COUNT_FILL 0x13572468
#define BADIN_FAMILY 0x1d3
#define BADIN_TYPE 0x2b5
#define BADIN_PROTOCOL 0x3c7
#define BADIN_HANDLE ((SOCKET)0x6b5f3a90)

#define PAGE 0x1000

/* ---- crash guard ---- */

static void *guard_buf[5];
static volatile LONG guard_armed;
static DWORD guard_thread;
static volatile DWORD guard_code;
static void * volatile guard_addr;
static LPTOP_LEVEL_EXCEPTION_FILTER guard_previous;

static void guard_recover(void)
{
    __builtin_longjmp(guard_buf, 1);
}

static LONG WINAPI guard_filter(EXCEPTION_POINTERS *ptrs)
{
    CONTEXT *ctx = ptrs->ContextRecord;

    if (!guard_armed || GetCurrentThreadId() != guard_thread)
        return guard_previous ? guard_previous(ptrs) : EXCEPTION_CONTINUE_SEARCH;
    guard_armed = 0;
    guard_code = ptrs->ExceptionRecord->ExceptionCode;
    guard_addr = ptrs->ExceptionRecord->ExceptionAddress;
    /* Resume in guard_recover on a fresh part of the faulting stack; it
     * jumps back to the frame that armed the guard. */
#ifdef _WIN64
    ctx->Rsp = ((ctx->Rsp - 0x400) & ~(DWORD64)15) - 8;
    ctx->Rip = (DWORD64)(ULONG_PTR)guard_recover;
#else
    ctx->Esp = ((ctx->Esp - 0x400) & ~(DWORD)15) - 4;
    ctx->Eip = (DWORD)(ULONG_PTR)guard_recover;
#endif
    return EXCEPTION_CONTINUE_EXECUTION;
}

static const char *module_of(void *addr, ULONG_PTR *offset)
{
    static char name[MAX_PATH];
    HMODULE module;
    char *p;

    *offset = (ULONG_PTR)addr;
    if (!GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            addr, &module))
        return "?";
    *offset = (ULONG_PTR)addr - (ULONG_PTR)module;
    if (!GetModuleFileNameA(module, name, sizeof(name))) return "?";
    if ((p = strrchr(name, '\\'))) return p + 1;
    return name;
}

/* ---- the environment of the bad calls ---- */

struct globals
{
    SOCKET tcp;             /* unbound TCP, non-blocking */
    SOCKET udp;             /* bound UDP, non-blocking, one datagram queued */
    SOCKET client, server;  /* connected TCP pair; client non-blocking, "hello" queued on it */
    SOCKET listener;        /* non-blocking, one connection pending */
    SOCKET pending;         /* the pending connection's client side */
    struct sockaddr_in any;         /* 127.0.0.1:0 */
    struct sockaddr_in udp_addr;    /* where udp is bound */
    struct sockaddr_in listen_addr; /* where listener is bound */
    SOCKET h;               /* the handle under test for WSAENOTSOCK */
    char *unmapped;         /* reserved, never committed */
    char *freed;            /* decommitted */
    char *ro;               /* read-only pages, see RO_* */
    /* ends of read-write pages followed by an inaccessible page */
    char *e_addr, *e_out, *e_in, *e_len, *e_fdset2, *e_fdset_huge, *e_fdset1,
         *e_tv, *e_list, *e_str, *e_infoa, *e_infow, *e_guid;
    char buf[16384], buf2[256];
    int len;
    int err;
    u_long ulong_out;
    u_short ushort_out;
    u_long one;
    int int4096;
    struct linger linger;
    TIMEVAL tv0;
    fd_set fdset;
    DWORD need_a, need_w;   /* WSAEnumProtocols sizes */
    GUID provider;          /* an installed provider's id */
};
static struct globals g;

/* Offsets in the read-only pages. */
#define RO_ADDR   0x000     /* sockaddr_in 127.0.0.1:0 */
#define RO_ULONG  0x040     /* u_long 1 */
#define RO_INT    0x080     /* int 4096 */
#define RO_LEN    0x0c0     /* int 16 */
#define RO_LINGER 0x100     /* struct linger {1, 5} */
#define RO_FDSET  0x200     /* fd_set holding udp */
#define RO_BUF    0x400     /* output buffer: 0x400 bytes */
#define RO_INFOW  0x800     /* WSAPROTOCOL_INFOW of TCP/IP */
#define RO_BIG    0x1000    /* output buffer: 0x2000 bytes */
#define RO_SIZE   0x3000

#define ADDR(p)     ((struct sockaddr *)(p))
#define LEN(v)      (g.len = (v), &g.len)
#define DLEN(v)     (g.len = (v), (DWORD *)&g.len)
#define EDGE(p, n)  ((p) - (n))
#define RO(off)     (g.ro + (off))

static char *edge_page(void)
{
    char *base = VirtualAlloc(NULL, 2 * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    DWORD old;

    ok(base != NULL, "VirtualAlloc failed: %lu\n", GetLastError());
    ok(VirtualProtect(base + PAGE, PAGE, PAGE_NOACCESS, &old), "VirtualProtect failed: %lu\n", GetLastError());
    return base + PAGE;
}

/* fd_set at a page end claiming two sockets; only the first is mapped. */
static fd_set *fdset_edge2(void)
{
    fd_set *set = (fd_set *)EDGE(g.e_fdset2, offsetof(fd_set, fd_array[1]));
    set->fd_count = 2;
    set->fd_array[0] = g.udp;
    return set;
}

/* fd_set at a page end whose count makes the size wrap on 32-bit. */
static fd_set *fdset_edge_huge(void)
{
    fd_set *set = (fd_set *)EDGE(g.e_fdset_huge, offsetof(fd_set, fd_array[1]));
    set->fd_count = 0x40000001;
    set->fd_array[0] = g.udp;
    return set;
}

static fd_set *fdset_of(SOCKET s)
{
    g.fdset.fd_count = 1;
    g.fdset.fd_array[0] = s;
    return &g.fdset;
}

/* The SPI functions report through *errno: move it to the last error. */
static int wsc_enum(int *list, WSAPROTOCOL_INFOW *buf, DWORD *len, int *err)
{
    int ret;

    g.err = BADIN_ERROR_FILL;
    ret = WSCEnumProtocols(list, buf, len, err);
    if (err == &g.err) WSASetLastError(g.err);
    return ret;
}

static int wsc_path(GUID *guid, WCHAR *path, int *len, int *err)
{
    int ret;

    g.err = BADIN_ERROR_FILL;
    ret = WSCGetProviderPath(guid, path, len, err);
    if (err == &g.err) WSASetLastError(g.err);
    return ret;
}

/* ---- the bad calls ---- */

enum
{
    /* Skipped on Wine's builtin: it crashes there, or breaks the socket for
     * the calls after it (connect with length 0 connects, send with length
     * -1 sends memory past the buffer, sendto to an unmapped address leaves
     * the socket's later sends hanging). */
    F_CRASH_WINE = 0x1,
    F_TODO_WINE  = 0x2,     /* Wine's builtin gives another result */
    F_ANY_ERROR  = 0x4,     /* only the return value is specified */
    F_NO_LOOP    = 0x8,     /* not repeated by the leak test */
    /* Wine's builtin gives another result before Wine 10.0 only, or from
     * Wine 10.0 on only. */
    F_TODO_WINE_BEFORE10 = 0x10,
    F_TODO_WINE_SINCE10  = 0x20,
    F_LEAKS_WINE10 = 0x40,  /* Wine 10.0's builtin leaks a handle per call */
};

struct bad_call
{
    const char *desc;
    INT_PTR (*call)(void);
    INT_PTR ret;
    DWORD err;
    unsigned int flags;
    BOOL passed;
};

#define SE SOCKET_ERROR
#define IS ((INT_PTR)INVALID_SOCKET)
#define EF WSAEFAULT

#define BAD_CALLS(X) \
    /* WSASocketA/W: lpProtocolInfo must be readable in full. */ \
    X(wsasocketa_unmapped, WSASocketA(0, 0, 0, (WSAPROTOCOL_INFOA *)g.unmapped, 0, 0), IS, EF, F_CRASH_WINE) \
    X(wsasocketw_unmapped, WSASocketW(0, 0, 0, (WSAPROTOCOL_INFOW *)g.unmapped, 0, 0), IS, EF, F_CRASH_WINE) \
    X(wsasocketa_freed, WSASocketA(0, 0, 0, (WSAPROTOCOL_INFOA *)g.freed, 0, 0), IS, EF, F_CRASH_WINE) \
    X(wsasocketw_freed, WSASocketW(0, 0, 0, (WSAPROTOCOL_INFOW *)g.freed, 0, 0), IS, EF, F_CRASH_WINE) \
    X(wsasocketa_short, WSASocketA(0, 0, 0, (WSAPROTOCOL_INFOA *)EDGE(g.e_infoa, 64), 0, 0), IS, EF, F_CRASH_WINE) \
    X(wsasocketw_short, WSASocketW(0, 0, 0, (WSAPROTOCOL_INFOW *)EDGE(g.e_infow, 64), 0, 0), IS, EF, F_CRASH_WINE) \
    /* Plain parameter errors, for the leak test (test_WSASocket). */ \
    X(socket_bad_af, socket(BADIN_FAMILY, SOCK_STREAM, 0), IS, WSAEAFNOSUPPORT, 0) \
    X(socket_bad_type, socket(AF_INET, BADIN_TYPE, 0), IS, WSAESOCKTNOSUPPORT, 0) \
    X(socket_bad_proto, socket(AF_INET, SOCK_STREAM, BADIN_PROTOCOL), IS, WSAEPROTONOSUPPORT, 0) \
    X(socket_unspec, socket(AF_UNSPEC, SOCK_DGRAM, 0), IS, WSAEINVAL, 0) \
    /* bind */ \
    X(bind_null, bind(g.tcp, NULL, sizeof(struct sockaddr_in)), SE, EF, 0) \
    X(bind_null0, bind(g.tcp, NULL, 0), SE, EF, 0) \
    X(bind_unmapped, bind(g.tcp, ADDR(g.unmapped), sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(bind_freed, bind(g.tcp, ADDR(g.freed), sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(bind_short, bind(g.tcp, ADDR(EDGE(g.e_addr, 8)), sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(bind_len0, bind(g.tcp, ADDR(&g.any), 0), SE, EF, 0) \
    X(bind_len15, bind(g.tcp, ADDR(&g.any), sizeof(struct sockaddr_in) - 1), SE, EF, 0) \
    X(bind_lenneg, bind(g.tcp, ADDR(&g.any), -1), SE, EF, F_TODO_WINE) \
    /* connect */ \
    X(connect_null, connect(g.tcp, NULL, sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(connect_unmapped, connect(g.tcp, ADDR(g.unmapped), sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(connect_freed, connect(g.tcp, ADDR(g.freed), sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(connect_short, connect(g.tcp, ADDR(EDGE(g.e_addr, 8)), sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(connect_len0, connect(g.tcp, ADDR(&g.listen_addr), 0), SE, EF, F_CRASH_WINE) \
    X(connect_len15, connect(g.tcp, ADDR(&g.listen_addr), sizeof(struct sockaddr_in) - 1), SE, EF, F_TODO_WINE) \
    X(connect_lenneg, connect(g.tcp, ADDR(&g.listen_addr), -1), SE, EF, F_CRASH_WINE) \
    /* accept: the buffers are checked before a connection is taken;
     * documented WSAEFAULT for an addr outside the address space, where
     * Wine 10.0's builtin says WSAEINVAL */ \
    X(accept_addr_unmapped, accept(g.listener, ADDR(g.unmapped), LEN(sizeof(struct sockaddr_in))), IS, EF, F_TODO_WINE_SINCE10) \
    X(accept_addr_freed, accept(g.listener, ADDR(g.freed), LEN(sizeof(struct sockaddr_in))), IS, EF, F_TODO_WINE) \
    X(accept_addr_ro, accept(g.listener, ADDR(RO(RO_BUF)), LEN(sizeof(struct sockaddr_in))), IS, EF, F_TODO_WINE) \
    X(accept_addr_short, accept(g.listener, ADDR(EDGE(g.e_out, 8)), LEN(sizeof(struct sockaddr_in))), IS, EF, F_TODO_WINE) \
    X(accept_len_unmapped, accept(g.listener, ADDR(g.buf), (int *)g.unmapped), IS, EF, F_TODO_WINE) \
    X(accept_len_ro, accept(g.listener, ADDR(g.buf), (int *)RO(RO_LEN)), IS, EF, F_TODO_WINE) \
    X(accept_len_short, accept(g.listener, ADDR(g.buf), (int *)EDGE(g.e_len, 2)), IS, EF, F_TODO_WINE) \
    X(accept_len0, accept(g.listener, ADDR(g.buf), LEN(0)), IS, EF, F_TODO_WINE) \
    X(accept_len15, accept(g.listener, ADDR(g.buf), LEN(sizeof(struct sockaddr_in) - 1)), IS, EF, F_TODO_WINE) \
    X(accept_lenneg, accept(g.listener, ADDR(g.buf), LEN(-1)), IS, EF, F_TODO_WINE) \
    /* getsockname on a bound socket */ \
    X(gsn_null_null, getsockname(g.udp, NULL, NULL), SE, EF, 0) \
    X(gsn_buf_null, getsockname(g.udp, ADDR(g.buf), NULL), SE, EF, F_CRASH_WINE) \
    X(gsn_null_len, getsockname(g.udp, NULL, LEN(sizeof(SOCKADDR_STORAGE))), SE, EF, 0) \
    X(gsn_unmapped, getsockname(g.udp, ADDR(g.unmapped), LEN(sizeof(SOCKADDR_STORAGE))), SE, EF, F_TODO_WINE) \
    X(gsn_freed, getsockname(g.udp, ADDR(g.freed), LEN(sizeof(SOCKADDR_STORAGE))), SE, EF, F_TODO_WINE) \
    X(gsn_ro, getsockname(g.udp, ADDR(RO(RO_BUF)), LEN(sizeof(SOCKADDR_STORAGE))), SE, EF, F_TODO_WINE) \
    X(gsn_short, getsockname(g.udp, ADDR(EDGE(g.e_out, 8)), LEN(sizeof(struct sockaddr_in))), SE, EF, F_TODO_WINE) \
    X(gsn_len_unmapped, getsockname(g.udp, ADDR(g.buf), (int *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(gsn_len_ro, getsockname(g.udp, ADDR(g.buf), (int *)RO(RO_LEN)), SE, EF, F_CRASH_WINE) \
    X(gsn_len_short, getsockname(g.udp, ADDR(g.buf), (int *)EDGE(g.e_len, 2)), SE, EF, F_CRASH_WINE) \
    X(gsn_len0, getsockname(g.udp, ADDR(g.buf), LEN(0)), SE, EF, 0) \
    X(gsn_len15, getsockname(g.udp, ADDR(g.buf), LEN(sizeof(struct sockaddr_in) - 1)), SE, EF, 0) \
    X(gsn_lenneg, getsockname(g.udp, ADDR(g.buf), LEN(-1)), SE, EF, F_TODO_WINE) \
    /* getpeername on a connected socket: documented WSAEFAULT for a name
     * outside the address space; Wine 10.0's builtin says WSAEINVAL */ \
    X(gpn_null_null, getpeername(g.client, NULL, NULL), SE, EF, 0) \
    X(gpn_buf_null, getpeername(g.client, ADDR(g.buf), NULL), SE, EF, F_CRASH_WINE) \
    X(gpn_null_len, getpeername(g.client, NULL, LEN(sizeof(SOCKADDR_STORAGE))), SE, EF, F_TODO_WINE_SINCE10) \
    X(gpn_unmapped, getpeername(g.client, ADDR(g.unmapped), LEN(sizeof(SOCKADDR_STORAGE))), SE, EF, F_TODO_WINE_SINCE10) \
    X(gpn_ro, getpeername(g.client, ADDR(RO(RO_BUF)), LEN(sizeof(SOCKADDR_STORAGE))), SE, EF, F_TODO_WINE_SINCE10) \
    X(gpn_short, getpeername(g.client, ADDR(EDGE(g.e_out, 8)), LEN(sizeof(struct sockaddr_in))), SE, EF, F_TODO_WINE_SINCE10) \
    X(gpn_len_unmapped, getpeername(g.client, ADDR(g.buf), (int *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(gpn_len_ro, getpeername(g.client, ADDR(g.buf), (int *)RO(RO_LEN)), SE, EF, F_CRASH_WINE) \
    X(gpn_len_short, getpeername(g.client, ADDR(g.buf), (int *)EDGE(g.e_len, 2)), SE, EF, F_CRASH_WINE) \
    X(gpn_len0, getpeername(g.client, ADDR(g.buf), LEN(0)), SE, EF, 0) \
    X(gpn_len15, getpeername(g.client, ADDR(g.buf), LEN(sizeof(struct sockaddr_in) - 1)), SE, EF, 0) \
    X(gpn_lenneg, getpeername(g.client, ADDR(g.buf), LEN(-1)), SE, EF, F_CRASH_WINE) \
    /* an unconnected socket is reported before the pointers (test_getpeername) */ \
    X(gpn_unconnected, getpeername(g.tcp, NULL, NULL), SE, WSAENOTCONN, F_TODO_WINE_BEFORE10) \
    /* send */ \
    X(send_null, send(g.client, NULL, 10, 0), SE, EF, 0) \
    X(send_unmapped, send(g.client, g.unmapped, 10, 0), SE, EF, 0) \
    X(send_freed, send(g.client, g.freed, 10, 0), SE, EF, 0) \
    X(send_short, send(g.client, EDGE(g.e_in, 4), 10, 0), SE, EF, 0) \
    X(send_lenneg, send(g.client, g.buf, -1, 0), SE, EF, F_CRASH_WINE) \
    /* sendto */ \
    X(sendto_null, sendto(g.udp, NULL, 10, 0, ADDR(&g.udp_addr), sizeof(g.udp_addr)), SE, EF, 0) \
    X(sendto_unmapped, sendto(g.udp, g.unmapped, 10, 0, ADDR(&g.udp_addr), sizeof(g.udp_addr)), SE, EF, 0) \
    X(sendto_short, sendto(g.udp, EDGE(g.e_in, 4), 10, 0, ADDR(&g.udp_addr), sizeof(g.udp_addr)), SE, EF, 0) \
    X(sendto_lenneg, sendto(g.udp, g.buf, -1, 0, ADDR(&g.udp_addr), sizeof(g.udp_addr)), SE, EF, F_TODO_WINE) \
    X(sendto_to_unmapped, sendto(g.udp, g.buf, 4, 0, ADDR(g.unmapped), sizeof(struct sockaddr_in)), SE, EF, F_CRASH_WINE) \
    X(sendto_to_freed, sendto(g.udp, g.buf, 4, 0, ADDR(g.freed), sizeof(struct sockaddr_in)), SE, EF, F_LEAKS_WINE10) \
    X(sendto_to_short, sendto(g.udp, g.buf, 4, 0, ADDR(EDGE(g.e_addr, 8)), sizeof(struct sockaddr_in)), SE, EF, F_TODO_WINE) \
    X(sendto_tolen0, sendto(g.udp, g.buf, 4, 0, ADDR(&g.udp_addr), 0), SE, EF, F_TODO_WINE_BEFORE10) \
    X(sendto_tolen15, sendto(g.udp, g.buf, 4, 0, ADDR(&g.udp_addr), sizeof(g.udp_addr) - 1), SE, EF, F_TODO_WINE_BEFORE10) \
    X(sendto_tolenneg, sendto(g.udp, g.buf, 4, 0, ADDR(&g.udp_addr), -1), SE, EF, F_TODO_WINE) \
    /* recv with data queued */ \
    X(recv_null, recv(g.client, NULL, 10, 0), SE, EF, 0) \
    X(recv_unmapped, recv(g.client, g.unmapped, 10, 0), SE, EF, 0) \
    X(recv_freed, recv(g.client, g.freed, 10, 0), SE, EF, 0) \
    X(recv_ro, recv(g.client, RO(RO_BUF), 10, 0), SE, EF, 0) \
    X(recv_short, recv(g.client, EDGE(g.e_out, 4), 10, 0), SE, EF, 0) \
    X(recv_lenneg, recv(g.client, g.buf, -1, 0), SE, EF, 0) \
    X(recv_peek_unmapped, recv(g.client, g.unmapped, 10, MSG_PEEK), SE, EF, 0) \
    /* recvfrom with a datagram queued */ \
    X(rf_null, recvfrom(g.udp, NULL, 64, 0, ADDR(g.buf2), LEN(sizeof(g.buf2))), SE, EF, 0) \
    X(rf_unmapped, recvfrom(g.udp, g.unmapped, 64, 0, ADDR(g.buf2), LEN(sizeof(g.buf2))), SE, EF, 0) \
    X(rf_ro, recvfrom(g.udp, RO(RO_BUF), 64, 0, ADDR(g.buf2), LEN(sizeof(g.buf2))), SE, EF, 0) \
    X(rf_short, recvfrom(g.udp, EDGE(g.e_out, 4), 64, 0, ADDR(g.buf2), LEN(sizeof(g.buf2))), SE, EF, 0) \
    X(rf_lenneg, recvfrom(g.udp, g.buf, -1, 0, ADDR(g.buf2), LEN(sizeof(g.buf2))), SE, EF, 0) \
    X(rf_from_unmapped, recvfrom(g.udp, g.buf, 64, 0, ADDR(g.unmapped), LEN(sizeof(g.buf2))), SE, EF, 0) \
    X(rf_from_ro, recvfrom(g.udp, g.buf, 64, 0, ADDR(RO(RO_BUF)), LEN(sizeof(g.buf2))), SE, EF, F_TODO_WINE) \
    X(rf_from_short, recvfrom(g.udp, g.buf, 64, 0, ADDR(EDGE(g.e_out, 8)), LEN(sizeof(struct sockaddr_in))), SE, EF, F_TODO_WINE) \
    X(rf_fromlen_unmapped, recvfrom(g.udp, g.buf, 64, 0, ADDR(g.buf2), (int *)g.unmapped), SE, EF, F_TODO_WINE) \
    X(rf_fromlen_ro, recvfrom(g.udp, g.buf, 64, 0, ADDR(g.buf2), (int *)RO(RO_LEN)), SE, EF, F_TODO_WINE) \
    X(rf_fromlen_short, recvfrom(g.udp, g.buf, 64, 0, ADDR(g.buf2), (int *)EDGE(g.e_len, 2)), SE, EF, F_TODO_WINE) \
    X(rf_fromlen1, recvfrom(g.udp, g.buf, 64, 0, ADDR(g.buf2), LEN(1)), SE, EF, F_TODO_WINE) \
    X(rf_fromlen0, recvfrom(g.udp, g.buf, 64, 0, ADDR(g.buf2), LEN(0)), SE, EF, F_TODO_WINE) \
    X(rf_fromlenneg, recvfrom(g.udp, g.buf, 64, 0, ADDR(g.buf2), LEN(-1)), SE, EF, F_TODO_WINE) \
    /* select */ \
    X(sel_read_unmapped, select(0, (fd_set *)g.unmapped, NULL, NULL, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_write_unmapped, select(0, NULL, (fd_set *)g.unmapped, NULL, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_except_unmapped, select(0, NULL, NULL, (fd_set *)g.unmapped, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_read_freed, select(0, (fd_set *)g.freed, NULL, NULL, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_read_ro, select(0, (fd_set *)RO(RO_FDSET), NULL, NULL, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_write_ro, select(0, NULL, (fd_set *)RO(RO_FDSET), NULL, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_read_short, select(0, fdset_edge2(), NULL, NULL, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_count_huge, select(0, fdset_edge_huge(), NULL, NULL, &g.tv0), SE, EF, F_CRASH_WINE) \
    X(sel_tv_unmapped, select(0, fdset_of(g.udp), NULL, NULL, (TIMEVAL *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(sel_tv_short, select(0, fdset_of(g.udp), NULL, NULL, (TIMEVAL *)EDGE(g.e_tv, 4)), SE, EF, F_CRASH_WINE) \
    X(sel_all_null, select(0, NULL, NULL, NULL, &g.tv0), SE, WSAEINVAL, 0) \
    /* __WSAFDIsSet answers "not set" for a set it cannot read */ \
    X(fdisset_null, __WSAFDIsSet(g.udp, NULL), 0, 0, F_CRASH_WINE | F_ANY_ERROR) \
    X(fdisset_unmapped, __WSAFDIsSet(g.udp, (fd_set *)g.unmapped), 0, 0, F_CRASH_WINE | F_ANY_ERROR) \
    X(fdisset_short, __WSAFDIsSet(g.tcp, fdset_edge2()), 0, 0, F_CRASH_WINE | F_ANY_ERROR) \
    /* ioctlsocket (test_fionbio, test_fionread_siocatmark) */ \
    X(fionbio_null, ioctlsocket(g.tcp, FIONBIO, NULL), SE, EF, 0) \
    X(fionbio_one, ioctlsocket(g.tcp, FIONBIO, (u_long *)1), SE, EF, 0) \
    X(fionbio_unmapped, ioctlsocket(g.tcp, FIONBIO, (u_long *)g.unmapped), SE, EF, 0) \
    X(fionbio_short, ioctlsocket(g.tcp, FIONBIO, (u_long *)EDGE(g.e_in, 2)), SE, EF, 0) \
    X(fionread_null, ioctlsocket(g.tcp, FIONREAD, NULL), SE, EF, 0) \
    X(fionread_one, ioctlsocket(g.tcp, FIONREAD, (u_long *)1), SE, EF, 0) \
    X(fionread_unmapped, ioctlsocket(g.tcp, FIONREAD, (u_long *)g.unmapped), SE, EF, 0) \
    X(fionread_ro, ioctlsocket(g.tcp, FIONREAD, (u_long *)RO(RO_ULONG)), SE, EF, 0) \
    X(fionread_short, ioctlsocket(g.tcp, FIONREAD, (u_long *)EDGE(g.e_out, 2)), SE, EF, 0) \
    X(atmark_null, ioctlsocket(g.tcp, SIOCATMARK, NULL), SE, EF, 0) \
    X(atmark_one, ioctlsocket(g.tcp, SIOCATMARK, (u_long *)1), SE, EF, 0) \
    X(atmark_unmapped, ioctlsocket(g.tcp, SIOCATMARK, (u_long *)g.unmapped), SE, EF, 0) \
    X(atmark_ro, ioctlsocket(g.tcp, SIOCATMARK, (u_long *)RO(RO_ULONG)), SE, EF, 0) \
    X(atmark_short, ioctlsocket(g.tcp, SIOCATMARK, (u_long *)EDGE(g.e_out, 2)), SE, EF, 0) \
    /* getsockopt (test_set_getsockopt, test_optsize) */ \
    X(gso_null_null, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, NULL, NULL), SE, EF, 0) \
    X(gso_val_null, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, NULL, LEN(4)), SE, EF, 0) \
    X(gso_len_null, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.buf, NULL), SE, EF, 0) \
    X(gso_val_unmapped, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.unmapped, LEN(4)), SE, EF, F_TODO_WINE) \
    X(gso_val_ro, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, RO(RO_BUF), LEN(4)), SE, EF, F_TODO_WINE) \
    X(gso_val_short, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, EDGE(g.e_out, 2), LEN(4)), SE, EF, F_TODO_WINE) \
    X(gso_len_unmapped, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.buf, (int *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(gso_len_ro, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.buf, (int *)RO(RO_LEN)), SE, EF, F_CRASH_WINE) \
    X(gso_len_short, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.buf, (int *)EDGE(g.e_len, 2)), SE, EF, F_CRASH_WINE) \
    X(gso_len0, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.buf, LEN(0)), SE, EF, 0) \
    X(gso_lenneg, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.buf, LEN(-1)), SE, EF, 0) \
    X(gso_len2, getsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.buf, LEN(2)), SE, EF, 0) \
    X(gso_rcvtimeo_len2, getsockopt(g.tcp, SOL_SOCKET, SO_RCVTIMEO, g.buf, LEN(2)), SE, EF, 0) \
    X(gso_error_len1, getsockopt(g.tcp, SOL_SOCKET, SO_ERROR, g.buf, LEN(1)), SE, EF, 0) \
    X(gso_bool_null, getsockopt(g.tcp, SOL_SOCKET, SO_REUSEADDR, NULL, LEN(4)), SE, EF, F_TODO_WINE) \
    X(gso_linger_unmapped, getsockopt(g.tcp, SOL_SOCKET, SO_LINGER, g.unmapped, LEN(sizeof(struct linger))), SE, EF, 0) \
    X(gso_pinfow_half, getsockopt(g.tcp, SOL_SOCKET, SO_PROTOCOL_INFOW, g.buf, LEN(sizeof(WSAPROTOCOL_INFOW) / 2)), SE, EF, 0) \
    X(gso_pinfoa_null, getsockopt(g.tcp, SOL_SOCKET, SO_PROTOCOL_INFOA, NULL, LEN(sizeof(WSAPROTOCOL_INFOA))), SE, EF, 0) \
    X(gso_pinfoa_unmapped, getsockopt(g.tcp, SOL_SOCKET, SO_PROTOCOL_INFOA, g.unmapped, LEN(sizeof(WSAPROTOCOL_INFOA))), SE, EF, F_CRASH_WINE) \
    X(gso_pinfow_short, getsockopt(g.tcp, SOL_SOCKET, SO_PROTOCOL_INFOW, EDGE(g.e_out, 100), LEN(sizeof(WSAPROTOCOL_INFOW))), SE, EF, F_CRASH_WINE) \
    X(gso_pinfow_ro, getsockopt(g.tcp, SOL_SOCKET, SO_PROTOCOL_INFOW, RO(RO_BIG), LEN(sizeof(WSAPROTOCOL_INFOW))), SE, EF, F_CRASH_WINE) \
    /* setsockopt */ \
    X(sso_null, setsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, NULL, 4), SE, EF, 0) \
    X(sso_unmapped, setsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.unmapped, 4), SE, EF, 0) \
    X(sso_freed, setsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, g.freed, 4), SE, EF, 0) \
    X(sso_short, setsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, EDGE(g.e_in, 2), 4), SE, EF, 0) \
    X(sso_len2, setsockopt(g.tcp, SOL_SOCKET, SO_RCVBUF, (char *)&g.int4096, 2), SE, EF, 0) \
    X(sso_rcvtimeo_len2, setsockopt(g.tcp, SOL_SOCKET, SO_RCVTIMEO, (char *)&g.int4096, 2), SE, EF, 0) \
    X(sso_linger_null, setsockopt(g.tcp, SOL_SOCKET, SO_LINGER, NULL, sizeof(struct linger)), SE, EF, 0) \
    X(sso_linger_null0, setsockopt(g.tcp, SOL_SOCKET, SO_LINGER, NULL, 0), SE, EF, 0) \
    X(sso_linger_len2, setsockopt(g.tcp, SOL_SOCKET, SO_LINGER, (char *)&g.linger, 2), SE, EF, 0) \
    X(sso_linger_short, setsockopt(g.tcp, SOL_SOCKET, SO_LINGER, EDGE(g.e_in, 2), sizeof(struct linger)), SE, EF, 0) \
    X(sso_linger_unmapped, setsockopt(g.tcp, SOL_SOCKET, SO_LINGER, g.unmapped, sizeof(struct linger)), SE, EF, 0) \
    X(sso_dontlinger_null, setsockopt(g.tcp, SOL_SOCKET, SO_DONTLINGER, NULL, 4), SE, EF, 0) \
    X(sso_dontroute_one, setsockopt(g.tcp, SOL_SOCKET, SO_DONTROUTE, (char *)1, 1), SE, EF, 0) \
    X(sso_reuse_unmapped, setsockopt(g.tcp, SOL_SOCKET, SO_REUSEADDR, g.unmapped, 4), SE, EF, F_CRASH_WINE) \
    X(sso_nodelay_null, setsockopt(g.tcp, IPPROTO_TCP, TCP_NODELAY, NULL, 4), SE, EF, 0) \
    X(sso_nodelay_len0, setsockopt(g.tcp, IPPROTO_TCP, TCP_NODELAY, (char *)&g.one, 0), SE, EF, 0) \
    X(sso_nodelay_lenneg, setsockopt(g.tcp, IPPROTO_TCP, TCP_NODELAY, (char *)&g.one, -1), SE, WSAENOBUFS, 0) \
    /* WSAEnumProtocolsA/W */ \
    X(enuma_len_null, WSAEnumProtocolsA(NULL, NULL, NULL), SE, EF, F_CRASH_WINE) \
    X(enuma_len_unmapped, WSAEnumProtocolsA(NULL, NULL, (DWORD *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(enuma_len_ro, WSAEnumProtocolsA(NULL, NULL, (DWORD *)RO(RO_LEN)), SE, EF, F_CRASH_WINE) \
    X(enuma_list_unmapped, WSAEnumProtocolsA((int *)g.unmapped, (WSAPROTOCOL_INFOA *)g.buf, DLEN(sizeof(g.buf))), SE, EF, F_CRASH_WINE) \
    X(enuma_list_short, WSAEnumProtocolsA((int *)EDGE(g.e_list, sizeof(int)), (WSAPROTOCOL_INFOA *)g.buf, DLEN(sizeof(g.buf))), SE, EF, F_CRASH_WINE) \
    X(enuma_buf_unmapped, WSAEnumProtocolsA(NULL, (WSAPROTOCOL_INFOA *)g.unmapped, DLEN(g.need_a)), SE, EF, F_CRASH_WINE) \
    X(enuma_buf_ro, WSAEnumProtocolsA(NULL, (WSAPROTOCOL_INFOA *)RO(RO_BIG), DLEN(g.need_a)), SE, EF, F_CRASH_WINE) \
    X(enuma_buf_short, WSAEnumProtocolsA(NULL, (WSAPROTOCOL_INFOA *)EDGE(g.e_out, sizeof(WSAPROTOCOL_INFOA)), DLEN(g.need_a)), SE, EF, F_CRASH_WINE) \
    X(enuma_len0, WSAEnumProtocolsA(NULL, NULL, DLEN(0)), SE, WSAENOBUFS, 0) \
    X(enumw_len_null, WSAEnumProtocolsW(NULL, NULL, NULL), SE, EF, F_CRASH_WINE) \
    X(enumw_len_unmapped, WSAEnumProtocolsW(NULL, NULL, (DWORD *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(enumw_len_ro, WSAEnumProtocolsW(NULL, NULL, (DWORD *)RO(RO_LEN)), SE, EF, F_CRASH_WINE) \
    X(enumw_list_unmapped, WSAEnumProtocolsW((int *)g.unmapped, (WSAPROTOCOL_INFOW *)g.buf, DLEN(sizeof(g.buf))), SE, EF, F_CRASH_WINE) \
    X(enumw_list_short, WSAEnumProtocolsW((int *)EDGE(g.e_list, sizeof(int)), (WSAPROTOCOL_INFOW *)g.buf, DLEN(sizeof(g.buf))), SE, EF, F_CRASH_WINE) \
    X(enumw_buf_unmapped, WSAEnumProtocolsW(NULL, (WSAPROTOCOL_INFOW *)g.unmapped, DLEN(g.need_w)), SE, EF, F_CRASH_WINE) \
    X(enumw_buf_ro, WSAEnumProtocolsW(NULL, (WSAPROTOCOL_INFOW *)RO(RO_BIG), DLEN(g.need_w)), SE, EF, F_CRASH_WINE) \
    X(enumw_buf_short, WSAEnumProtocolsW(NULL, (WSAPROTOCOL_INFOW *)EDGE(g.e_out, sizeof(WSAPROTOCOL_INFOW)), DLEN(g.need_w)), SE, EF, F_CRASH_WINE) \
    X(enumw_len0, WSAEnumProtocolsW(NULL, NULL, DLEN(0)), SE, WSAENOBUFS, 0) \
    /* WSCEnumProtocols: the error goes to *lpErrno */ \
    X(wscenum_len_null, wsc_enum(NULL, NULL, NULL, &g.err), SE, EF, F_CRASH_WINE) \
    X(wscenum_len_unmapped, wsc_enum(NULL, NULL, (DWORD *)g.unmapped, &g.err), SE, EF, F_CRASH_WINE) \
    X(wscenum_list_unmapped, wsc_enum((int *)g.unmapped, (WSAPROTOCOL_INFOW *)g.buf, DLEN(sizeof(g.buf)), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscenum_buf_unmapped, wsc_enum(NULL, (WSAPROTOCOL_INFOW *)g.unmapped, DLEN(sizeof(g.buf)), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscenum_buf_short, wsc_enum(NULL, (WSAPROTOCOL_INFOW *)EDGE(g.e_out, sizeof(WSAPROTOCOL_INFOW)), DLEN(sizeof(g.buf)), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscenum_len0, wsc_enum(NULL, NULL, DLEN(0), &g.err), SE, WSAENOBUFS, 0) \
    X(wscenum_err_null, wsc_enum(NULL, NULL, DLEN(0), NULL), SE, 0, F_CRASH_WINE | F_ANY_ERROR) \
    X(wscenum_err_unmapped, wsc_enum(NULL, NULL, DLEN(0), (int *)g.unmapped), SE, 0, F_CRASH_WINE | F_ANY_ERROR) \
    /* WSCGetProviderPath (test_WSCGetProviderPath) */ \
    X(wscpath_all_null, wsc_path(NULL, NULL, NULL, NULL), SE, 0, F_ANY_ERROR) \
    X(wscpath_null_errno, wsc_path(NULL, NULL, NULL, &g.err), SE, EF, 0) \
    X(wscpath_guid_only, wsc_path(&g.provider, NULL, NULL, &g.err), SE, EF, 0) \
    X(wscpath_guid_unmapped, wsc_path((GUID *)g.unmapped, (WCHAR *)g.buf, LEN(MAX_PATH), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscpath_guid_short, wsc_path((GUID *)EDGE(g.e_guid, 8), (WCHAR *)g.buf, LEN(MAX_PATH), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscpath_path_null, wsc_path(&g.provider, NULL, LEN(MAX_PATH), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscpath_path_unmapped, wsc_path(&g.provider, (WCHAR *)g.unmapped, LEN(MAX_PATH), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscpath_path_ro, wsc_path(&g.provider, (WCHAR *)RO(RO_BUF), LEN(MAX_PATH), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscpath_path_short, wsc_path(&g.provider, (WCHAR *)EDGE(g.e_out, 8), LEN(MAX_PATH), &g.err), SE, EF, F_CRASH_WINE) \
    X(wscpath_len_unmapped, wsc_path(&g.provider, (WCHAR *)g.buf, (int *)g.unmapped, &g.err), SE, EF, F_CRASH_WINE) \
    X(wscpath_len_small, wsc_path(&g.provider, (WCHAR *)g.buf, LEN(2), &g.err), SE, EF, F_TODO_WINE) \
    X(wscpath_err_unmapped, wsc_path(&g.provider, (WCHAR *)g.buf, LEN(MAX_PATH), (int *)g.unmapped), SE, 0, F_CRASH_WINE | F_ANY_ERROR) \
    /* WSAHtonl/WSAHtons/WSANtohl/WSANtohs */ \
    X(htonl_null, WSAHtonl(g.tcp, 1, NULL), SE, EF, 0) \
    X(htonl_unmapped, WSAHtonl(g.tcp, 1, (u_long *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(htonl_ro, WSAHtonl(g.tcp, 1, (u_long *)RO(RO_BUF)), SE, EF, F_CRASH_WINE) \
    X(htonl_short, WSAHtonl(g.tcp, 1, (u_long *)EDGE(g.e_out, 2)), SE, EF, F_CRASH_WINE) \
    X(htons_null, WSAHtons(g.tcp, 1, NULL), SE, EF, 0) \
    X(htons_unmapped, WSAHtons(g.tcp, 1, (u_short *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(htons_ro, WSAHtons(g.tcp, 1, (u_short *)RO(RO_BUF)), SE, EF, F_CRASH_WINE) \
    X(htons_short, WSAHtons(g.tcp, 1, (u_short *)EDGE(g.e_out, 1)), SE, EF, F_CRASH_WINE) \
    X(ntohl_null, WSANtohl(g.tcp, 1, NULL), SE, EF, F_TODO_WINE) \
    X(ntohl_unmapped, WSANtohl(g.tcp, 1, (u_long *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(ntohl_ro, WSANtohl(g.tcp, 1, (u_long *)RO(RO_BUF)), SE, EF, F_CRASH_WINE) \
    X(ntohl_short, WSANtohl(g.tcp, 1, (u_long *)EDGE(g.e_out, 2)), SE, EF, F_CRASH_WINE) \
    X(ntohs_null, WSANtohs(g.tcp, 1, NULL), SE, EF, F_TODO_WINE) \
    X(ntohs_unmapped, WSANtohs(g.tcp, 1, (u_short *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(ntohs_ro, WSANtohs(g.tcp, 1, (u_short *)RO(RO_BUF)), SE, EF, F_CRASH_WINE) \
    X(ntohs_short, WSANtohs(g.tcp, 1, (u_short *)EDGE(g.e_out, 1)), SE, EF, F_CRASH_WINE) \
    /* gethostname (test_gethostname) */ \
    X(gethostname_null, gethostname(NULL, 256), SE, EF, 0) \
    X(gethostname_unmapped, gethostname(g.unmapped, 256), SE, EF, F_CRASH_WINE) \
    X(gethostname_ro, gethostname(RO(RO_BUF), 256), SE, EF, F_CRASH_WINE) \
    X(gethostname_short, gethostname(EDGE(g.e_out, 1), 256), SE, EF, F_CRASH_WINE) \
    X(gethostname_len0, gethostname(g.buf, 0), SE, EF, 0) \
    X(gethostname_lenneg, gethostname(g.buf, -1), SE, EF, 0) \
    /* inet_addr (test_inet_addr): INADDR_NONE and WSAEFAULT */ \
    X(inet_addr_null, (int)inet_addr(NULL), -1, EF, 0) \
    X(inet_addr_unmapped, (int)inet_addr(g.unmapped), -1, EF, F_CRASH_WINE) \
    X(inet_addr_short, (int)inet_addr(EDGE(g.e_str, 3)), -1, EF, F_CRASH_WINE) \
    /* inet_pton, WSAStringToAddressA (addrconv.c): -1 / SOCKET_ERROR and WSAEFAULT */ \
    X(pton4_unmapped, inet_pton(AF_INET, g.unmapped, g.buf), -1, EF, F_CRASH_WINE) \
    X(pton4_short, inet_pton(AF_INET, EDGE(g.e_str, 3), g.buf), -1, EF, F_CRASH_WINE) \
    X(pton6_short, inet_pton(AF_INET6, EDGE(g.e_str, 3), g.buf), -1, EF, F_CRASH_WINE) \
    X(pton4_out_unmapped, inet_pton(AF_INET, "1.2.3.4", g.unmapped), -1, EF, F_CRASH_WINE) \
    X(pton4_out_ro, inet_pton(AF_INET, "1.2.3.4", RO(RO_BUF)), -1, EF, F_CRASH_WINE) \
    X(pton4_out_short, inet_pton(AF_INET, "1.2.3.4", EDGE(g.e_out, 2)), -1, EF, F_CRASH_WINE) \
    X(pton6_out_short, inet_pton(AF_INET6, "::1", EDGE(g.e_out, 8)), -1, EF, F_CRASH_WINE) \
    X(s2a_text_short, WSAStringToAddressA(EDGE(g.e_str, 3), AF_INET, NULL, ADDR(g.buf), LEN(16)), SE, EF, F_CRASH_WINE) \
    X(s2a_addr_short, WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, ADDR(EDGE(g.e_out, 8)), LEN(16)), SE, EF, F_CRASH_WINE) \
    X(s2a_addr_ro, WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, ADDR(RO(RO_BUF)), LEN(16)), SE, EF, F_CRASH_WINE) \
    X(s2a_len_unmapped, WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, ADDR(g.buf), (INT *)g.unmapped), SE, EF, F_CRASH_WINE) \
    X(s2a_len_ro, WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, ADDR(g.buf), (INT *)RO(RO_INT)), SE, EF, F_CRASH_WINE) \
    /* WSAStartup returns the error (test_startup); the count is not taken */ \
    X(startup_null, WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT, 0, F_ANY_ERROR) \
    X(startup_unmapped, WSAStartup(MAKEWORD(2, 2), (WSADATA *)g.unmapped), WSAEFAULT, 0, F_ANY_ERROR | F_CRASH_WINE) \
    X(startup_ro, WSAStartup(MAKEWORD(2, 2), (WSADATA *)RO(RO_BIG)), WSAEFAULT, 0, F_ANY_ERROR | F_CRASH_WINE) \
    X(startup_short, WSAStartup(MAKEWORD(2, 2), (WSADATA *)EDGE(g.e_out, 8)), WSAEFAULT, 0, F_ANY_ERROR | F_CRASH_WINE)

/* Every function that takes a socket, on the handle g.h. */
#define NOTSOCK_CALLS(X) \
    X(ns_bind, bind(g.h, ADDR(&g.any), sizeof(g.any)), SE, WSAENOTSOCK, 0) \
    X(ns_listen, listen(g.h, 1), SE, WSAENOTSOCK, 0) \
    X(ns_connect, connect(g.h, ADDR(&g.listen_addr), sizeof(g.listen_addr)), SE, WSAENOTSOCK, 0) \
    X(ns_accept, accept(g.h, NULL, NULL), IS, WSAENOTSOCK, 0) \
    X(ns_accept_addr, accept(g.h, ADDR(g.buf), LEN(sizeof(SOCKADDR_STORAGE))), IS, WSAENOTSOCK, 0) \
    X(ns_shutdown, shutdown(g.h, SD_BOTH), SE, WSAENOTSOCK, 0) \
    X(ns_getsockname, getsockname(g.h, ADDR(g.buf), LEN(sizeof(SOCKADDR_STORAGE))), SE, WSAENOTSOCK, 0) \
    X(ns_getpeername, getpeername(g.h, ADDR(g.buf), LEN(sizeof(SOCKADDR_STORAGE))), SE, WSAENOTSOCK, 0) \
    X(ns_send, send(g.h, "x", 1, 0), SE, WSAENOTSOCK, 0) \
    X(ns_sendto, sendto(g.h, "x", 1, 0, ADDR(&g.udp_addr), sizeof(g.udp_addr)), SE, WSAENOTSOCK, 0) \
    X(ns_recv, recv(g.h, g.buf, 1, 0), SE, WSAENOTSOCK, 0) \
    X(ns_recvfrom, recvfrom(g.h, g.buf, 1, 0, ADDR(g.buf2), LEN(sizeof(g.buf2))), SE, WSAENOTSOCK, 0) \
    X(ns_select_read, select(0, fdset_of(g.h), NULL, NULL, &g.tv0), SE, WSAENOTSOCK, 0) \
    X(ns_select_write, select(0, NULL, fdset_of(g.h), NULL, &g.tv0), SE, WSAENOTSOCK, 0) \
    X(ns_select_except, select(0, NULL, NULL, fdset_of(g.h), &g.tv0), SE, WSAENOTSOCK, 0) \
    X(ns_fionbio, ioctlsocket(g.h, FIONBIO, &g.one), SE, WSAENOTSOCK, 0) \
    X(ns_fionread, ioctlsocket(g.h, FIONREAD, &g.ulong_out), SE, WSAENOTSOCK, 0) \
    X(ns_atmark, ioctlsocket(g.h, SIOCATMARK, &g.ulong_out), SE, WSAENOTSOCK, 0) \
    X(ns_getsockopt_type, getsockopt(g.h, SOL_SOCKET, SO_TYPE, g.buf, LEN(sizeof(int))), SE, WSAENOTSOCK, 0) \
    X(ns_getsockopt_rcvbuf, getsockopt(g.h, SOL_SOCKET, SO_RCVBUF, g.buf, LEN(sizeof(int))), SE, WSAENOTSOCK, 0) \
    X(ns_setsockopt, setsockopt(g.h, SOL_SOCKET, SO_RCVBUF, (char *)&g.int4096, sizeof(int)), SE, WSAENOTSOCK, 0) \
    X(ns_htonl, WSAHtonl(g.h, 1, &g.ulong_out), SE, WSAENOTSOCK, 0) \
    X(ns_htons, WSAHtons(g.h, 1, &g.ushort_out), SE, WSAENOTSOCK, 0) \
    X(ns_ntohl, WSANtohl(g.h, 1, &g.ulong_out), SE, WSAENOTSOCK, 0) \
    X(ns_ntohs, WSANtohs(g.h, 1, &g.ushort_out), SE, WSAENOTSOCK, 0) \
    X(ns_closesocket, closesocket(g.h), SE, WSAENOTSOCK, 0)

#define DEFINE_CALL(id, expr, r, e, f) static INT_PTR call_##id(void) { return (INT_PTR)(expr); }
#define TABLE_ENTRY(id, expr, r, e, f) { #expr, call_##id, r, e, f },

BAD_CALLS(DEFINE_CALL)
NOTSOCK_CALLS(DEFINE_CALL)

static struct bad_call bad_calls[] = { BAD_CALLS(TABLE_ENTRY) };
static struct bad_call notsock_calls[] = { NOTSOCK_CALLS(TABLE_ENTRY) };

/* Run one call under the crash guard.  FALSE if it crashed. */
static BOOL run_guarded(const struct bad_call *c, INT_PTR *ret, DWORD *err)
{
    if (__builtin_setjmp(guard_buf))
    {
        ULONG_PTR offset;
        const char *module = module_of(guard_addr, &offset);

        ok(0, "%s crashed: exception %#lx at %p (%s+%#zx)\n", c->desc,
           (unsigned long)guard_code, guard_addr, module, (size_t)offset);
        return FALSE;
    }
    guard_thread = GetCurrentThreadId();
    guard_armed = 1;
    WSASetLastError(BADIN_ERROR_FILL);
    *ret = c->call();
    *err = WSAGetLastError();
    guard_armed = 0;
    return TRUE;
}

static BOOL check_call(struct bad_call *c, BOOL crashes, BOOL todo)
{
    INT_PTR ret;
    DWORD err;

    c->passed = FALSE;
    if (crashes && winetest_platform_is_wine())
    {
        skip("crashes or breaks Wine's builtin: %s\n", c->desc);
        return FALSE;
    }
    if (!run_guarded(c, &ret, &err)) return FALSE;
    c->passed = ret == c->ret && ((c->flags & F_ANY_ERROR) || err == c->err);
    todo_wine_if(todo)
    ok(c->passed, "%s: got %td error %lu, expected %td error %lu\n", c->desc,
       (ptrdiff_t)ret, (unsigned long)err, (ptrdiff_t)c->ret, (unsigned long)c->err);
    /* A call that unexpectedly made a socket must not leak it. */
    if (c->ret == IS && ret != IS && ret != 0 && ret != SOCKET_ERROR) closesocket((SOCKET)ret);
    return c->passed;
}

/* ---- set-up ---- */

static void set_nonblocking(SOCKET s)
{
    u_long on = 1;
    ok(!ioctlsocket(s, FIONBIO, &on), "FIONBIO failed: %d\n", WSAGetLastError());
}

static struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in addr = { 0 };

    addr.sin_family = AF_INET;
    addr.sin_port = port;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

static SOCKET bound(int type, struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, type, 0);
    int len = sizeof(*addr);

    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    *addr = loopback(0);
    ok(!bind(s, ADDR(addr), sizeof(*addr)), "bind failed: %d\n", WSAGetLastError());
    ok(!getsockname(s, ADDR(addr), &len), "getsockname failed: %d\n", WSAGetLastError());
    return s;
}

/* Wait up to a second until s has something to read. */
static BOOL wait_readable(SOCKET s)
{
    TIMEVAL tv = { 1, 0 };
    fd_set set;

    set.fd_count = 1;
    set.fd_array[0] = s;
    return select(0, &set, NULL, NULL, &tv) == 1;
}

static void tcp_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr;
    SOCKET l = bound(SOCK_STREAM, &addr);

    ok(!listen(l, 1), "listen failed: %d\n", WSAGetLastError());
    *client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(*client, ADDR(&addr), sizeof(addr)), "connect failed: %d\n", WSAGetLastError());
    *server = accept(l, NULL, NULL);
    ok(*server != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    closesocket(l);
}

/* The sockets of the bad calls, with data, a datagram and a connection
 * queued. */
static void setup_sockets(void)
{
    int ret;

    g.tcp = socket(AF_INET, SOCK_STREAM, 0);
    ok(g.tcp != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    set_nonblocking(g.tcp);

    g.udp = bound(SOCK_DGRAM, &g.udp_addr);
    set_nonblocking(g.udp);
    ret = sendto(g.udp, "datagram", 8, 0, ADDR(&g.udp_addr), sizeof(g.udp_addr));
    ok(ret == 8, "sendto failed: %d %d\n", ret, WSAGetLastError());
    ok(wait_readable(g.udp), "datagram did not arrive\n");

    tcp_pair(&g.client, &g.server);
    set_nonblocking(g.client);
    ok(send(g.server, "hello", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
    ok(wait_readable(g.client), "data did not arrive\n");

    g.listener = bound(SOCK_STREAM, &g.listen_addr);
    ok(!listen(g.listener, 5), "listen failed: %d\n", WSAGetLastError());
    set_nonblocking(g.listener);
    g.pending = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(g.pending, ADDR(&g.listen_addr), sizeof(g.listen_addr)), "connect failed: %d\n", WSAGetLastError());
    ok(wait_readable(g.listener), "connection not pending\n");
}

static void cleanup(void)
{
    closesocket(g.tcp);
    closesocket(g.udp);
    closesocket(g.client);
    closesocket(g.server);
    closesocket(g.listener);
    closesocket(g.pending);
}

static void setup(void)
{
    WSAPROTOCOL_INFOW *infos;
    char *p;
    DWORD old;
    int ret;

    g.one = 1;
    g.int4096 = 4096;
    g.linger.l_onoff = 1;
    g.linger.l_linger = 5;
    g.any = loopback(0);

    g.unmapped = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
    ok(g.unmapped != NULL, "VirtualAlloc failed\n");
    /* A page given back with VirtualFree; decommitted rather than released
     * so that no later allocation can take its place. */
    g.freed = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(g.freed && VirtualFree(g.freed, PAGE, MEM_DECOMMIT), "VirtualFree failed\n");

    g.e_addr = edge_page();
    g.e_out = edge_page();
    g.e_in = edge_page();
    g.e_len = edge_page();
    g.e_fdset2 = edge_page();
    g.e_fdset_huge = edge_page();
    g.e_fdset1 = edge_page();
    g.e_tv = edge_page();
    g.e_list = edge_page();
    g.e_str = edge_page();
    g.e_infoa = edge_page();
    g.e_infow = edge_page();
    g.e_guid = edge_page();

    setup_sockets();

    /* Sizes and an installed provider from the catalog. */
    g.need_a = g.need_w = 0;
    ret = WSAEnumProtocolsA(NULL, NULL, &g.need_a);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS && g.need_a, "WSAEnumProtocolsA: %d %d\n", ret, WSAGetLastError());
    ret = WSAEnumProtocolsW(NULL, NULL, &g.need_w);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS && g.need_w, "WSAEnumProtocolsW: %d %d\n", ret, WSAGetLastError());
    ok(g.need_a <= 0x2000 && g.need_w <= 0x2000 && g.need_w <= (DWORD)sizeof(g.buf), "catalog too big: %lu %lu\n", g.need_a, g.need_w);
    infos = (WSAPROTOCOL_INFOW *)g.buf;
    g.len = sizeof(g.buf);
    ret = WSAEnumProtocolsW(NULL, infos, (DWORD *)&g.len);
    ok(ret > 0, "WSAEnumProtocolsW failed: %d\n", WSAGetLastError());
    if (ret > 0) g.provider = infos[0].ProviderId;

    /* Read-only data. */
    g.ro = VirtualAlloc(NULL, RO_SIZE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(g.ro != NULL, "VirtualAlloc failed\n");
    memcpy(RO(RO_ADDR), &g.any, sizeof(g.any));
    *(u_long *)RO(RO_ULONG) = 1;
    *(int *)RO(RO_INT) = 4096;
    *(int *)RO(RO_LEN) = 16;
    memcpy(RO(RO_LINGER), &g.linger, sizeof(g.linger));
    ((fd_set *)RO(RO_FDSET))->fd_count = 1;
    ((fd_set *)RO(RO_FDSET))->fd_array[0] = g.udp;
    for (ret = 0; ret < (int)(g.need_w / sizeof(WSAPROTOCOL_INFOW)); ret++)
    {
        if (infos[ret].iAddressFamily != AF_INET || infos[ret].iSocketType != SOCK_STREAM) continue;
        memcpy(RO(RO_INFOW), &infos[ret], sizeof(WSAPROTOCOL_INFOW));
        break;
    }
    ok(VirtualProtect(g.ro, RO_SIZE, PAGE_READONLY, &old), "VirtualProtect failed\n");

    /* The start of valid data at page ends. */
    memcpy(EDGE(g.e_addr, 8), &g.listen_addr, 8);
    memcpy(EDGE(g.e_infoa, 64), RO(RO_INFOW), 64);
    memcpy(EDGE(g.e_infow, 64), RO(RO_INFOW), 64);
    memset(EDGE(g.e_in, 16), 0, 16);
    *(u_short *)EDGE(g.e_in, 2) = 1;
    *(int *)EDGE(g.e_list, sizeof(int)) = IPPROTO_TCP;
    memcpy(EDGE(g.e_str, 3), "1.2", 3);     /* no terminating NUL */
    *(u_short *)EDGE(g.e_len, 2) = 16;
    memcpy(EDGE(g.e_guid, 8), &g.provider, 8);
    *(LONG *)EDGE(g.e_tv, 4) = 0;
    p = EDGE(g.e_out, 16);
    memset(p, 0, 16);
}


/* ---- the tests ---- */

/* Bad WSADATA before start-up: the call fails and start-up is not counted. */
static void test_startup_bad(void)
{
    WSADATA *data;
    SOCKET s;
    DWORD old;
    int ret;

    ret = WSAStartup(MAKEWORD(2, 2), NULL);
    ok(ret == WSAEFAULT, "WSAStartup(NULL): %d\n", ret);
    /* The version is looked at first. */
    ret = WSAStartup(MAKEWORD(0, 0), NULL);
    ok(ret == WSAVERNOTSUPPORTED, "WSAStartup(0.0, NULL): %d\n", ret);

    if (winetest_platform_is_wine())
        skip("Wine's builtin WSAStartup crashes on a bad WSADATA\n");
    else
    {
        static const struct bad_call calls[] =
        {
            { "WSAStartup(unmapped)", call_startup_unmapped, WSAEFAULT, 0, F_ANY_ERROR },
            { "WSAStartup(short)", call_startup_short, WSAEFAULT, 0, F_ANY_ERROR },
        };
        struct bad_call c;
        unsigned int i;
        INT_PTR r;
        DWORD err;

        g.unmapped = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
        g.e_out = edge_page();
        for (i = 0; i < ARRAY_SIZE(calls); i++)
        {
            c = calls[i];
            if (run_guarded(&c, &r, &err)) ok(r == WSAEFAULT, "%s: %td\n", c.desc, (ptrdiff_t)r);
        }
        /* A read-only WSADATA. */
        data = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        VirtualProtect(data, PAGE, PAGE_READONLY, &old);
        ret = WSAStartup(MAKEWORD(2, 2), data);
        ok(ret == WSAEFAULT, "WSAStartup(read-only): %d\n", ret);
        VirtualFree(data, 0, MEM_RELEASE);
    }

    WSASetLastError(BADIN_ERROR_FILL);
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSANOTINITIALISED,
       "failed WSAStartup calls were counted: %p %d\n", (void *)s, WSAGetLastError());
    if (s != INVALID_SOCKET) closesocket(s);
}

/* Whether Wine's builtin, of the version running, gives another result. */
static BOOL builtin_differs(const struct bad_call *c)
{
    if (c->flags & F_TODO_WINE) return TRUE;
    if (c->flags & F_TODO_WINE_BEFORE10) return !on_wine_at_least(10, 0);
    if (c->flags & F_TODO_WINE_SINCE10) return on_wine_at_least(10, 0);
    return FALSE;
}

static void test_bad_pointers(void)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(bad_calls); i++)
        check_call(&bad_calls[i], bad_calls[i].flags & F_CRASH_WINE, builtin_differs(&bad_calls[i]));
}

/* The failed calls above must have left the sockets' state alone. */
static void test_state_after_bad_calls(void)
{
    struct sockaddr_in addr;
    u_long avail = BADIN_COUNT_FILL;
    char buf[64];
    int ret, len;
    SOCKET s;

    /* No partial send from the bad buffers. */
    ret = ioctlsocket(g.server, FIONREAD, &avail);
    ok(!ret && !avail, "bad sends delivered data: %d, %lu bytes\n", ret, avail);

    /* The queued stream data was not consumed. */
    memset(buf, 0, sizeof(buf));
    ret = recv(g.client, buf, sizeof(buf), 0);
    ok(ret == 5 && !memcmp(buf, "hello", 5), "recv: %d %d\n", ret, WSAGetLastError());

    /* The queued datagram was not consumed, and no bad sendto sent one. */
    memset(buf, 0, sizeof(buf));
    len = sizeof(addr);
    ret = recvfrom(g.udp, buf, sizeof(buf), 0, ADDR(&addr), &len);
    /* Wine's builtin drops the datagram on a bad source address. */
    todo_wine ok(ret == 8 && !memcmp(buf, "datagram", 8), "recvfrom: %d %d\n", ret, WSAGetLastError());
    Sleep(50);
    ret = recvfrom(g.udp, buf, sizeof(buf), 0, ADDR(&addr), &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "extra datagram: %d %d\n", ret, WSAGetLastError());

    /* The pending connection was not taken. */
    len = sizeof(addr);
    s = accept(g.listener, ADDR(&addr), &len);
    /* Wine's builtin takes the connection and then fails on the buffer. */
    todo_wine ok(s != INVALID_SOCKET, "pending connection lost: %d\n", WSAGetLastError());
    if (s != INVALID_SOCKET) closesocket(s);

    /* The unbound socket is still unbound and usable. */
    len = sizeof(addr);
    ret = getsockname(g.tcp, ADDR(&addr), &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "bad bind bound the socket: %d %d\n", ret, WSAGetLastError());

    /* Fresh sockets for the leak test. */
    cleanup();
    setup_sockets();
}

/* Valid inputs that sit next to the bad ones: read-only inputs, buffers that
 * end exactly at a page end, addresses a call must ignore. */
static void test_good_edges(void)
{
    struct sockaddr_in addr;
    SOCKET s, client, server;
    fd_set *set;
    int ret;
    char buf[16];

    /* Inputs may be read-only. */
    s = socket(AF_INET, SOCK_STREAM, 0);
    ret = bind(s, ADDR(RO(RO_ADDR)), sizeof(struct sockaddr_in));
    ok(!ret, "bind from read-only memory: %d %d\n", ret, WSAGetLastError());
    ret = setsockopt(s, SOL_SOCKET, SO_RCVBUF, RO(RO_INT), sizeof(int));
    ok(!ret, "setsockopt from read-only memory: %d %d\n", ret, WSAGetLastError());
    ret = setsockopt(s, SOL_SOCKET, SO_LINGER, RO(RO_LINGER), sizeof(struct linger));
    ok(!ret, "setsockopt(SO_LINGER) from read-only memory: %d %d\n", ret, WSAGetLastError());
    ret = ioctlsocket(s, FIONBIO, (u_long *)RO(RO_ULONG));
    ok(!ret, "FIONBIO from read-only memory: %d %d\n", ret, WSAGetLastError());
    closesocket(s);

    s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO,
                   (WSAPROTOCOL_INFOW *)RO(RO_INFOW), 0, 0);
    ok(s != INVALID_SOCKET, "WSASocketW from read-only info: %d\n", WSAGetLastError());
    closesocket(s);

    tcp_pair(&client, &server);
    ret = send(client, RO(RO_ADDR), 8, 0);
    ok(ret == 8, "send from read-only memory: %d %d\n", ret, WSAGetLastError());
    /* Buffers ending exactly at a page end are whole. */
    ret = send(client, EDGE(g.e_in, 8), 8, 0);
    ok(ret == 8, "send of a buffer ending at a page end: %d %d\n", ret, WSAGetLastError());
    ok(wait_readable(server), "no data\n");
    Sleep(20);
    ret = recv(server, EDGE(g.e_out, 16), 16, 0);
    ok(ret == 16, "recv into a buffer ending at a page end: %d %d\n", ret, WSAGetLastError());

    /* A stream socket ignores sendto's address and recvfrom's source (MS
     * sendto/recvfrom docs), so bad pointers there are not looked at. */
    if (winetest_platform_is_wine())
    {
        /* The builtin fails it and its later sends never complete. */
        skip("sendto on TCP with an unmapped address breaks Wine's builtin\n");
        send(client, "abc", 3, 0);
    }
    else
    {
        ret = sendto(client, "abc", 3, 0, ADDR(g.unmapped), sizeof(struct sockaddr_in));
        ok(ret == 3, "sendto on TCP with an unmapped address: %d %d\n", ret, WSAGetLastError());
    }
    ok(wait_readable(server), "no data\n");
    if (winetest_platform_is_wine())
        skip("Wine's builtin crashes on recvfrom's unmapped source on TCP\n");
    else
    {
        ret = recvfrom(server, buf, sizeof(buf), 0, ADDR(g.unmapped), (int *)g.unmapped);
        ok(ret == 3, "recvfrom on TCP with unmapped source pointers: %d %d\n", ret, WSAGetLastError());
    }
    closesocket(client);
    closesocket(server);

    /* An fd_set ending at a page end is read only up to fd_count
     * (test_select). */
    set = (fd_set *)EDGE(g.e_fdset1, offsetof(fd_set, fd_array[1]));
    s = bound(SOCK_DGRAM, &addr);
    set->fd_count = 1;
    set->fd_array[0] = s;
    ret = select(0, NULL, set, NULL, &g.tv0);
    ok(ret == 1 && set->fd_count == 1 && set->fd_array[0] == s, "select with a set at a page end: %d %d\n",
       ret, WSAGetLastError());
    ok(__WSAFDIsSet(s, set), "__WSAFDIsSet with a set at a page end\n");

    /* Without a length accept ignores the address (test_accept). */
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, ADDR(&g.listen_addr), sizeof(g.listen_addr)), "connect failed: %d\n", WSAGetLastError());
    ok(wait_readable(g.listener), "no connection\n");
    /* g.pending's connection is queued first; take both. */
    server = accept(g.listener, ADDR(g.unmapped), NULL);
    ok(server != INVALID_SOCKET, "accept with an unmapped address and no length: %d\n", WSAGetLastError());
    if (server != INVALID_SOCKET) closesocket(server);
    server = accept(g.listener, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    if (server != INVALID_SOCKET) closesocket(server);
    closesocket(client);
    closesocket(s);

    /* A timeout in the past or a negative one does not hang or crash. */
    s = bound(SOCK_STREAM, &addr);
    {
        TIMEVAL tv = { -1, 0 };
        DWORD start = GetTickCount();

        fdset_of(s);
        ret = select(0, &g.fdset, NULL, NULL, &tv);
        ok(ret == 0 || (ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL),
           "select with a negative timeout: %d %d\n", ret, WSAGetLastError());
        ok(GetTickCount() - start < 2000, "select with a negative timeout waited\n");
    }
    closesocket(s);

    /* A string whose NUL is the last byte of a page is whole. */
    memcpy(EDGE(g.e_out, 8), "1.2.3.4", 8);
    ok(inet_addr(EDGE(g.e_out, 8)) == htonl(0x01020304), "inet_addr at a page end\n");
    ret = inet_pton(AF_INET, EDGE(g.e_out, 8), buf);
    ok(ret == 1 && !memcmp(buf, "\x01\x02\x03\x04", 4), "inet_pton at a page end: %d\n", ret);
    memcpy(EDGE(g.e_out, 4), "::1", 4);
    ret = inet_pton(AF_INET6, EDGE(g.e_out, 4), buf);
    ok(ret == 1 && buf[15] == 1, "inet_pton(AF_INET6) at a page end: %d\n", ret);
    /* Outputs that end exactly at a page end are whole. */
    ret = inet_pton(AF_INET, "1.2.3.4", EDGE(g.e_out, 4));
    ok(ret == 1 && !memcmp(EDGE(g.e_out, 4), "\x01\x02\x03\x04", 4), "inet_pton into a page end: %d\n", ret);
    {
        INT len = sizeof(struct sockaddr_in);
        struct sockaddr_in *sin = (struct sockaddr_in *)EDGE(g.e_out, sizeof(*sin));

        ret = WSAStringToAddressA((char *)"1.2.3.4:80", AF_INET, NULL, ADDR(sin), &len);
        ok(!ret && sin->sin_family == AF_INET && sin->sin_port == htons(80) && len == sizeof(*sin),
           "WSAStringToAddressA into a page end: %d %d\n", ret, WSAGetLastError());
    }
}

/* ---- non-socket handles ---- */

/* Windows answers WSAENOTSOCK for every handle that is not a socket,
 * whatever object it names and whatever that object's driver would say to
 * a socket request: the read-only NUL device, a pipe and a mutex among
 * them (NUL read-only is the case a user hit: error 5 instead). */
enum handle_kind { H_EVENT, H_FILE, H_NUL, H_PIPE, H_MUTEX, H_CLOSED, H_INVALID, H_ZERO, H_BOGUS, H_COUNT };
static const char * const handle_names[H_COUNT] =
    { "event", "file", "NUL read-only", "pipe", "mutex", "closed socket", "INVALID_SOCKET", "0", "never a handle" };
static HANDLE test_event, test_file, test_nul, test_pipe_read, test_pipe_write, test_mutex;

/* A handle of the kind; a closed socket's value is fresh for every call. */
static SOCKET bad_handle(enum handle_kind kind)
{
    SOCKET s;

    switch (kind)
    {
    case H_EVENT: return (SOCKET)test_event;
    case H_FILE: return (SOCKET)test_file;
    case H_NUL: return (SOCKET)test_nul;
    case H_PIPE: return (SOCKET)test_pipe_read;
    case H_MUTEX: return (SOCKET)test_mutex;
    case H_CLOSED:
        s = socket(AF_INET, SOCK_STREAM, 0);
        closesocket(s);
        return s;
    case H_INVALID: return INVALID_SOCKET;
    case H_ZERO: return 0;
    default: return BADIN_HANDLE;
    }
}

static void open_bad_handles(void)
{
    char path[MAX_PATH], dir[MAX_PATH];

    test_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(test_event != NULL, "CreateEvent failed\n");
    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "ws2", 0, path);
    test_file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                            FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(test_file != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());
    test_nul = CreateFileA("NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(test_nul != INVALID_HANDLE_VALUE, "CreateFile(NUL) failed: %lu\n", GetLastError());
    ok(CreatePipe(&test_pipe_read, &test_pipe_write, NULL, 0), "CreatePipe failed: %lu\n", GetLastError());
    test_mutex = CreateMutexA(NULL, FALSE, NULL);
    ok(test_mutex != NULL, "CreateMutex failed: %lu\n", GetLastError());
}

/* The event and the file survived everything done to their handles. */
static void check_bad_handles_intact(void)
{
    DWORD written = 0;

    ok(SetEvent(test_event), "event handle was closed: %lu\n", GetLastError());
    ok(WaitForSingleObject(test_event, 0) == WAIT_OBJECT_0, "event not signalled\n");
    ok(ResetEvent(test_event), "ResetEvent failed\n");
    ok(WaitForSingleObject(test_event, 0) == WAIT_TIMEOUT, "event still signalled\n");
    ok(WriteFile(test_file, "abc", 3, &written, NULL) && written == 3, "file handle was closed: %lu\n", GetLastError());
    ok(GetFileSize(test_file, NULL) >= 3, "file size wrong\n");
}

/* The NUL device, the pipe and the mutex still work as what they are. */
static void check_more_handles_intact(void)
{
    char byte = 0x5a;
    DWORD count = 77, avail = 0;

    ok(ReadFile(test_nul, &byte, 1, &count, NULL) && !count && byte == 0x5a,
       "NUL handle: read %lu, error %lu\n", count, GetLastError());
    ok(GetFileType(test_nul) == FILE_TYPE_CHAR, "NUL handle: type %lu\n", GetFileType(test_nul));
    ok(WriteFile(test_pipe_write, "q", 1, &count, NULL) && count == 1, "pipe write failed: %lu\n", GetLastError());
    ok(PeekNamedPipe(test_pipe_read, NULL, 0, NULL, &avail, NULL) && avail == 1,
       "pipe read end: %lu bytes waiting, error %lu\n", avail, GetLastError());
    ok(ReadFile(test_pipe_read, &byte, 1, &count, NULL) && count == 1 && byte == 'q',
       "pipe read end: read %lu '%c'\n", count, byte);
    ok(WaitForSingleObject(test_mutex, 0) == WAIT_OBJECT_0, "mutex not acquired\n");
    ok(ReleaseMutex(test_mutex), "mutex handle was closed: %lu\n", GetLastError());
}

/* Wine's builtin sends most socket requests for a file, the NUL device or
 * a pipe to that object's own driver and passes on its answer
 * (WSAEOPNOTSUPP, WSAEINVAL, or even success) where Windows says
 * WSAENOTSOCK (test_sockopt_validity in Wine's tests shows it for a file).
 * TRUE for the calls where it does. */
static BOOL builtin_asks_object(enum handle_kind kind, INT_PTR (*call)(void))
{
    /* The calls whose handle the builtin checks itself first. */
    BOOL checked = call == call_ns_getpeername || call == call_ns_send || call == call_ns_sendto ||
                   call == call_ns_getsockopt_type || call == call_ns_getsockopt_rcvbuf ||
                   call == call_ns_closesocket;

    if (kind == H_FILE || kind == H_NUL)
        return !checked && call != call_ns_recv && call != call_ns_recvfrom && call != call_ns_atmark;
    if (kind == H_PIPE) return !checked;
    return FALSE;
}

static void test_not_sockets(void)
{
    unsigned int i, kind;

    for (kind = 0; kind < H_COUNT; kind++)
    {
        winetest_push_context("%s", handle_names[kind]);
        for (i = 0; i < ARRAY_SIZE(notsock_calls); i++)
        {
            INT_PTR (*call)(void) = notsock_calls[i].call;
            BOOL htons_family = call == call_ns_htonl || call == call_ns_htons ||
                                call == call_ns_ntohl || call == call_ns_ntohs;
            /* Wine's builtin does not look at the handle in the WSAHton*
             * family (Windows documents WSAENOTSOCK). */
            BOOL todo = htons_family || builtin_asks_object(kind, call);

            g.h = bad_handle(kind);
            check_call(&notsock_calls[i], FALSE, todo);
        }
        winetest_pop_context();
    }
    check_bad_handles_intact();
    check_more_handles_intact();
}

/* A socket's handle value reused by an event after closesocket (or after
 * CloseHandle) names the event, not the socket: every socket function says
 * WSAENOTSOCK and none of them closes or changes the event. */
static void test_reused_handles(void)
{
    HANDLE extra[64], event = NULL;
    unsigned int i, n, pass;
    SOCKET s;

    for (pass = 0; pass < 2; pass++)
    {
        winetest_push_context(pass ? "closed with CloseHandle" : "closed with closesocket");
        s = socket(AF_INET, SOCK_STREAM, 0);
        ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
        if (pass) ok(CloseHandle((HANDLE)s), "CloseHandle failed\n");
        else ok(!closesocket(s), "closesocket failed\n");

        for (n = 0; n < ARRAY_SIZE(extra); n++)
        {
            extra[n] = CreateEventA(NULL, TRUE, FALSE, NULL);
            if ((SOCKET)extra[n] == s) break;
        }
        event = n < ARRAY_SIZE(extra) ? extra[n] : NULL;
        for (i = 0; i < n; i++) CloseHandle(extra[i]);
        if (!event)
        {
            CloseHandle(extra[ARRAY_SIZE(extra) - 1]);
            skip("handle value %p was not reused\n", (void *)s);
            winetest_pop_context();
            continue;
        }

        g.h = s;
        for (i = 0; i < ARRAY_SIZE(notsock_calls); i++)
        {
            BOOL todo = notsock_calls[i].call == call_ns_htonl || notsock_calls[i].call == call_ns_htons ||
                        notsock_calls[i].call == call_ns_ntohl || notsock_calls[i].call == call_ns_ntohs;
            /* Wine's builtin also still takes the value for the socket it
             * once was and closes the event. */
            BOOL stale = pass && notsock_calls[i].call == call_ns_closesocket;

            check_call(&notsock_calls[i], FALSE, todo || stale);
            todo_wine_if(stale)
            ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "%s: event state changed\n", notsock_calls[i].desc);
        }
        todo_wine_if(pass)
        ok(SetEvent(event), "event was closed: %lu\n", GetLastError());
        todo_wine_if(pass)
        ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "event not signalled\n");
        todo_wine_if(pass)
        ok(CloseHandle(event), "CloseHandle(event) failed\n");
        winetest_pop_context();
    }
}

/* ---- leaks ---- */

struct usage
{
    DWORD handles;
    SIZE_T heap;        /* bytes in use in every heap */
    SIZE_T private;     /* committed private memory */
};

static SIZE_T heap_bytes(void)
{
    HANDLE heaps[64];
    PROCESS_HEAP_ENTRY entry;
    DWORD count, i;
    SIZE_T total = 0;

    count = GetProcessHeaps(ARRAY_SIZE(heaps), heaps);
    if (count > ARRAY_SIZE(heaps)) count = ARRAY_SIZE(heaps);
    for (i = 0; i < count; i++)
    {
        if (!HeapLock(heaps[i])) continue;
        entry.lpData = NULL;
        while (HeapWalk(heaps[i], &entry))
            if (entry.wFlags & PROCESS_HEAP_ENTRY_BUSY) total += entry.cbData;
        HeapUnlock(heaps[i]);
    }
    return total;
}

/* Committed private memory, from the address space itself. */
static SIZE_T committed_bytes(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    char *p = NULL;
    SIZE_T total = 0;

    while (VirtualQuery(p, &mbi, sizeof(mbi)))
    {
        if (mbi.State == MEM_COMMIT && mbi.Type == MEM_PRIVATE) total += mbi.RegionSize;
        p = (char *)mbi.BaseAddress + mbi.RegionSize;
        if (!p) break;
    }
    return total;
}

/* The process's private bytes.  Wine's PrivateUsage is not a count of
 * private memory (it jumps by gigabytes), so there the address space is
 * added up instead. */
static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX pmc;

    if (GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version")) return committed_bytes();
    pmc.cb = sizeof(pmc);
    ok(GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof(pmc)),
       "GetProcessMemoryInfo failed: %lu\n", GetLastError());
    return pmc.PrivateUsage;
}

/* NtQuerySystemInformation(SystemHandleInformation) records. */
struct handle_entry
{
    USHORT pid;
    USHORT backtrace;
    UCHAR type;
    UCHAR attributes;
    USHORT value;
    void *object;
    ULONG access;
};
struct handle_list
{
    ULONG count;
    struct handle_entry handles[1];
};

/* The process's handle count.  Wine's GetProcessHandleCount answers 0, so
 * the system handle list is counted there instead. */
static DWORD handle_count(void)
{
    static LONG (WINAPI *query)(ULONG, void *, ULONG, ULONG *);
    static struct handle_list *list;
    static ULONG size = 0x10000;
    DWORD count = 0, pid = GetCurrentProcessId(), i;
    LONG status;

    ok(GetProcessHandleCount(GetCurrentProcess(), &count), "GetProcessHandleCount failed: %lu\n", GetLastError());
    if (count) return count;
    if (!query) query = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQuerySystemInformation");
    if (!query) return 0;
    for (;;)
    {
        if (!list) list = HeapAlloc(GetProcessHeap(), 0, size);
        status = query(16 /* SystemHandleInformation */, list, size, NULL);
        if (status != (LONG)0xc0000004 /* STATUS_INFO_LENGTH_MISMATCH */) break;
        HeapFree(GetProcessHeap(), 0, list);
        list = NULL;
        size *= 2;
    }
    if (status) return 0;
    for (i = 0; i < list->count; i++)
        if (list->handles[i].pid == (USHORT)pid) count++;
    return count;
}

static void get_usage(struct usage *u, BOOL with_private)
{
    u->handles = handle_count();
    u->heap = heap_bytes();
    u->private = with_private ? private_bytes() : 0;
}

/* Enough rounds that a leak of 8 bytes or one handle a call shows above
 * the allowance (LOOPS * 8 bytes of heap, 2 handles). */
#define LOOPS 500

/* Repeat a failing call; its handles and heap must not grow.  The
 * handles it added, for a call whose leak is a known todo. */
static DWORD loop_call(struct bad_call *c)
{
    struct usage before, after;
    unsigned int i;

    DWORD start = GetTickCount(), first = handle_count();

    for (i = 0; i < 20; i++) c->call();
    get_usage(&before, FALSE);
    for (i = 0; i < LOOPS; i++) c->call();
    get_usage(&after, FALSE);
    if (GetTickCount() - start > 500) trace("%s: %lu ms\n", c->desc, GetTickCount() - start);
    /* A failed call must give back what it took; Wine 10.0's builtin keeps
     * a handle per sendto to a decommitted address. */
    todo_wine_if((c->flags & F_LEAKS_WINE10) && on_wine_at_least(10, 0))
    ok(after.handles <= before.handles + 2, "%s: handle count %lu -> %lu\n", c->desc, before.handles, after.handles);
    ok(after.heap <= before.heap + LOOPS * 8, "%s: heap %zu -> %zu bytes\n", c->desc,
       (size_t)before.heap, (size_t)after.heap);
    if (winetest_platform_is_wine() && (c->flags & F_LEAKS_WINE10) && after.handles > first)
        return after.handles - first;
    return 0;
}

static void test_leaks(void)
{
    struct usage start, end, before, after;
    struct sockaddr_in addr;
    SOCKET s, l, client, server;
    unsigned int i, kind;
    DWORD ticks = GetTickCount(), known = 0;

    /* The measures see a leak. */
    {
        void *block;
        HANDLE event;

        get_usage(&before, FALSE);
        block = HeapAlloc(GetProcessHeap(), 0, 0x10000);
        event = CreateEventA(NULL, FALSE, FALSE, NULL);
        get_usage(&after, FALSE);
        ok(after.handles == before.handles + 1, "handle count %lu -> %lu\n", before.handles, after.handles);
        ok(after.heap >= before.heap + 0x10000, "heap %zu -> %zu\n", (size_t)before.heap, (size_t)after.heap);
        HeapFree(GetProcessHeap(), 0, block);
        CloseHandle(event);
    }

    /* Warm up every call once (first uses allocate per-thread state). */
    for (i = 0; i < ARRAY_SIZE(bad_calls); i++)
        if (bad_calls[i].passed && !(bad_calls[i].flags & F_NO_LOOP)) bad_calls[i].call();
    get_usage(&start, TRUE);
    trace("start: %lu handles, %zu heap bytes, %zu private bytes\n", start.handles,
          (size_t)start.heap, (size_t)start.private);

    for (i = 0; i < ARRAY_SIZE(bad_calls); i++)
        if (bad_calls[i].passed && !(bad_calls[i].flags & F_NO_LOOP)) known += loop_call(&bad_calls[i]);

    for (kind = 0; kind < H_COUNT; kind++)
    {
        if (kind == H_CLOSED) continue;     /* its value is made per call */
        winetest_push_context("%s", handle_names[kind]);
        g.h = bad_handle(kind);
        for (i = 0; i < ARRAY_SIZE(notsock_calls); i++)
        {
            /* The table holds the result for the last handle kind tried:
             * run only the calls that gave WSAENOTSOCK for this one. */
            INT_PTR ret;
            WSASetLastError(0);
            ret = notsock_calls[i].call();
            if (ret != notsock_calls[i].ret || (DWORD)WSAGetLastError() != notsock_calls[i].err) continue;
            loop_call(&notsock_calls[i]);
        }
        winetest_pop_context();
    }
    check_bad_handles_intact();

    get_usage(&end, TRUE);
    trace("end: %lu handles, %zu heap bytes, %zu private bytes\n", end.handles,
          (size_t)end.heap, (size_t)end.private);
    /* Leaks reported above as todo do not count again (none on Windows). */
    ok(end.handles <= start.handles + 2 + known, "handle count grew: %lu -> %lu (%lu known)\n",
       start.handles, end.handles, known);
    ok(end.private <= start.private + 256 * 1024, "private memory grew: %zu -> %zu\n",
       (size_t)start.private, (size_t)end.private);
    ok(end.heap <= start.heap + 64 * 1024, "heap grew: %zu -> %zu\n", (size_t)start.heap, (size_t)end.heap);

    trace("failing calls took %lu ms\n", GetTickCount() - ticks);

    /* Successful socket life cycles leak nothing either. */
    for (i = 0; i < 20; i++) closesocket(socket(AF_INET, SOCK_STREAM, 0));
    get_usage(&before, TRUE);
    for (i = 0; i < 1000; i++)
    {
        s = socket(AF_INET, i & 1 ? SOCK_DGRAM : SOCK_STREAM, 0);
        if (s == INVALID_SOCKET || closesocket(s))
        {
            ok(0, "socket/closesocket cycle %u failed: %d\n", i, WSAGetLastError());
            break;
        }
    }
    get_usage(&after, TRUE);
    ok(after.handles <= before.handles + 2, "socket/closesocket: handle count %lu -> %lu\n", before.handles, after.handles);
    ok(after.heap <= before.heap + 16 * 1024, "socket/closesocket: heap %zu -> %zu\n",
       (size_t)before.heap, (size_t)after.heap);
    ok(after.private <= before.private + 256 * 1024, "socket/closesocket: private memory %zu -> %zu\n",
       (size_t)before.private, (size_t)after.private);

    trace("socket cycles done at %lu ms\n", GetTickCount() - ticks);
    l = bound(SOCK_STREAM, &addr);
    ok(!listen(l, 5), "listen failed\n");
    for (i = 0; i < 1000; i++)
    {
        if (i == 20) get_usage(&before, TRUE);
        client = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(client, ADDR(&addr), sizeof(addr)))
        {
            ok(0, "connect %u failed: %d\n", i, WSAGetLastError());
            closesocket(client);
            break;
        }
        server = accept(l, NULL, NULL);
        if (server == INVALID_SOCKET)
        {
            ok(0, "accept %u failed: %d\n", i, WSAGetLastError());
            closesocket(client);
            break;
        }
        closesocket(server);
        closesocket(client);
    }
    closesocket(l);
    get_usage(&after, TRUE);
    ok(after.handles <= before.handles + 2, "connect/accept: handle count %lu -> %lu\n", before.handles, after.handles);
    ok(after.heap <= before.heap + 16 * 1024, "connect/accept: heap %zu -> %zu\n",
       (size_t)before.heap, (size_t)after.heap);
    ok(after.private <= before.private + 256 * 1024, "connect/accept: private memory %zu -> %zu\n",
       (size_t)before.private, (size_t)after.private);
    trace("leak test took %lu ms\n", GetTickCount() - ticks);
}

/* ---- faults the application would see ---- */

/* Windows checks the buffers a program passes in the kernel: a bad one
 * makes the call fail with WSAEFAULT ("not in a valid part of the user
 * address space", Microsoft's documentation of each function), and no
 * exception is ever raised in the program.  Its own vectored handler,
 * first in line, therefore counts none for any of the calls below. */

static struct
{
    DWORD thread;               /* the thread being watched */
    volatile LONG armed;
    volatile LONG count;        /* exceptions seen while armed */
    volatile DWORD code;        /* the last one */
    void * volatile where;
} watch;

static LONG CALLBACK watch_handler(EXCEPTION_POINTERS *ptrs)
{
    const EXCEPTION_RECORD *rec = ptrs->ExceptionRecord;

    /* Debug output travels as an exception on Windows; it is no fault. */
    if (rec->ExceptionCode == DBG_PRINTEXCEPTION_C || rec->ExceptionCode == 0x4001000a /* the wide form */)
        return EXCEPTION_CONTINUE_SEARCH;
    if (!watch.armed || GetCurrentThreadId() != watch.thread) return EXCEPTION_CONTINUE_SEARCH;
    InterlockedIncrement(&watch.count);
    watch.code = rec->ExceptionCode;
    watch.where = rec->NumberParameters >= 2 ? (void *)rec->ExceptionInformation[1] : rec->ExceptionAddress;
    return EXCEPTION_CONTINUE_SEARCH;
}

/* One call on the watched thread under the crash guard; the exceptions it
 * raised are in watch.count. */
static BOOL watched_call(const struct bad_call *c, INT_PTR *ret, DWORD *err)
{
    BOOL done;

    watch.thread = GetCurrentThreadId();
    watch.count = 0;
    watch.armed = 1;
    done = run_guarded(c, ret, err);
    watch.armed = 0;
    return done;
}

/* The sockets the watched calls use. */
static struct
{
    SOCKET udp;                 /* bound to loopback */
    SOCKET reader, writer;      /* a TCP pair, 37 bytes queued for reader */
} ws;

/* The bad pointer a call gets, and memory the calls write their results to. */
static char *bad_arg;
static char scratch[128];
static int scratch_len;

/* Each call passes bad_arg in one place and good values elsewhere. */
static INT_PTR watched_pton4_text(void) { return inet_pton(AF_INET, bad_arg, scratch); }
static INT_PTR watched_pton6_text(void) { return inet_pton(AF_INET6, bad_arg, scratch); }
static INT_PTR watched_inet_addr(void) { return (int)inet_addr(bad_arg); }
static INT_PTR watched_str2addr_text(void)
{
    scratch_len = sizeof(struct sockaddr_in);
    return WSAStringToAddressA(bad_arg, AF_INET, NULL, ADDR(scratch), &scratch_len);
}
static INT_PTR watched_select_set(void)
{
    TIMEVAL none = { 0, 0 };
    return select(0, (fd_set *)bad_arg, NULL, NULL, &none);
}
static INT_PTR watched_sendto_buf(void)
{
    scratch_len = sizeof(struct sockaddr_in);
    getsockname(ws.udp, ADDR(scratch + 64), &scratch_len);
    return sendto(ws.udp, bad_arg, 29, 0, ADDR(scratch + 64), sizeof(struct sockaddr_in));
}
static INT_PTR watched_pton4_out(void) { return inet_pton(AF_INET, "203.0.113.19", bad_arg); }
static INT_PTR watched_pton6_out(void) { return inet_pton(AF_INET6, "2001:db8:4a::7", bad_arg); }
static INT_PTR watched_str2addr_out(void)
{
    scratch_len = sizeof(struct sockaddr_in);
    return WSAStringToAddressA((char *)"198.51.100.23", AF_INET, NULL, ADDR(bad_arg), &scratch_len);
}
static INT_PTR watched_getsockopt_val(void)
{
    scratch_len = sizeof(int);
    return getsockopt(ws.udp, SOL_SOCKET, SO_SNDBUF, bad_arg, &scratch_len);
}
static INT_PTR watched_getsockopt_len(void)
{
    return getsockopt(ws.udp, SOL_SOCKET, SO_SNDBUF, scratch, (int *)bad_arg);
}
static INT_PTR watched_recv_buf(void) { return recv(ws.reader, bad_arg, 24, 0); }
static INT_PTR watched_getsockname_addr(void)
{
    scratch_len = sizeof(struct sockaddr_in);
    return getsockname(ws.udp, ADDR(bad_arg), &scratch_len);
}
static INT_PTR watched_getsockname_len(void)
{
    return getsockname(ws.udp, ADDR(scratch), (int *)bad_arg);
}

/* What the good content of an argument that is read looks like; the
 * number of bytes (a string's NUL included). */
static int text4_fill(char *p) { strcpy(p, "172.20.7.61"); return strlen(p) + 1; }
static int text6_fill(char *p) { strcpy(p, "fd00:7:e::15"); return strlen(p) + 1; }
static int text4_port_fill(char *p) { strcpy(p, "192.0.2.77:4321"); return strlen(p) + 1; }
static int fdset_fill(char *p)
{
    fd_set *set = (fd_set *)p;

    set->fd_count = 2;
    set->fd_array[0] = set->fd_array[1] = ws.udp;
    return offsetof(fd_set, fd_array[2]);
}
static int int_len_fill(char *p)
{
    *(int *)p = sizeof(struct sockaddr_in);
    return sizeof(int);
}

enum use
{
    USE_READ,               /* only read */
    USE_WRITE,              /* only written */
    USE_BOTH,               /* read, then written */
};

/* What Wine's builtin (8.0) does with these bad pointers, where it is not
 * what Windows does.  It reads and writes the conversions' text and
 * results, select's fd_set and the length pointers in user mode without
 * catching the fault, so the program crashes (F_CRASH_WINE: skipped
 * there).  A bad getsockopt optval or getsockname name reaches its socket
 * driver, which answers WSAEINVAL (F_TODO_WINE).  recv and sendto buffers
 * are handed to the host kernel and fail as on Windows, with no exception
 * in the program; only recv into a guard page disarms the guard. */

struct watched
{
    const char *name;
    INT_PTR (*call)(void);
    enum use use;
    int (*fill)(char *p);   /* for USE_READ and USE_BOTH */
    int size;               /* for USE_WRITE */
    INT_PTR ret;            /* the failure it returns, with WSAEFAULT */
    unsigned int flags;     /* F_CRASH_WINE, F_TODO_WINE */
};

static const struct watched watched_calls[] =
{
    { "inet_pton(AF_INET) text", watched_pton4_text, USE_READ, text4_fill, 0, -1, F_CRASH_WINE },
    { "inet_pton(AF_INET6) text", watched_pton6_text, USE_READ, text6_fill, 0, -1, F_CRASH_WINE },
    { "inet_addr text", watched_inet_addr, USE_READ, text4_fill, 0, -1, F_CRASH_WINE },
    { "WSAStringToAddressA text", watched_str2addr_text, USE_READ, text4_port_fill, 0, SOCKET_ERROR, F_CRASH_WINE },
    { "sendto buffer", watched_sendto_buf, USE_READ, text6_fill, 0, SOCKET_ERROR, 0 },
    { "select fd_set", watched_select_set, USE_BOTH, fdset_fill, 0, SOCKET_ERROR, F_CRASH_WINE },
    { "getsockopt optlen", watched_getsockopt_len, USE_BOTH, int_len_fill, 0, SOCKET_ERROR, F_CRASH_WINE },
    { "getsockname namelen", watched_getsockname_len, USE_BOTH, int_len_fill, 0, SOCKET_ERROR, F_CRASH_WINE },
    { "inet_pton(AF_INET) output", watched_pton4_out, USE_WRITE, NULL, 4, -1, F_CRASH_WINE },
    { "inet_pton(AF_INET6) output", watched_pton6_out, USE_WRITE, NULL, 16, -1, F_CRASH_WINE },
    { "WSAStringToAddressA sockaddr", watched_str2addr_out, USE_WRITE, NULL, sizeof(struct sockaddr_in), SOCKET_ERROR, F_CRASH_WINE },
    { "getsockopt optval", watched_getsockopt_val, USE_WRITE, NULL, sizeof(int), SOCKET_ERROR, F_TODO_WINE },
    { "recv buffer", watched_recv_buf, USE_WRITE, NULL, 24, SOCKET_ERROR, 0 },
    { "getsockname name", watched_getsockname_addr, USE_WRITE, NULL, sizeof(struct sockaddr_in), SOCKET_ERROR, F_TODO_WINE },
};

/* The kinds of memory no call may use.  None of it was ever good while the
 * watching thread ran, so nothing it learned earlier can vouch for it. */
enum spot
{
    SPOT_LOW,               /* in the first 64 KiB, just past NULL */
    SPOT_RELEASED,          /* allocated, then released */
    SPOT_RESERVED,          /* reserved, never committed */
    SPOT_NOACCESS,          /* committed PAGE_NOACCESS */
    SPOT_GUARD,             /* PAGE_GUARD set with VirtualProtect, good content under it */
    SPOT_READONLY,          /* PAGE_READONLY: good to read, not to write */
    SPOT_RUNOFF,            /* the end of a committed page, with a reserved one after it */
    SPOT_COUNT
};
static const char * const spot_names[SPOT_COUNT] =
    { "low", "released", "reserved", "no-access", "guard", "read-only", "run-off" };

struct spots
{
    char *released, *reserved, *noaccess, *guard, *readonly, *runoff;
};

static void spots_alloc(struct spots *s)
{
    s->reserved = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
    ok(s->reserved != NULL, "reserve: %lu\n", GetLastError());
    s->noaccess = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
    ok(s->noaccess != NULL, "no-access: %lu\n", GetLastError());
    s->guard = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(s->guard != NULL, "guard: %lu\n", GetLastError());
    s->readonly = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READONLY);
    ok(s->readonly != NULL, "read-only: %lu\n", GetLastError());
    s->runoff = VirtualAlloc(NULL, 2 * PAGE, MEM_RESERVE, PAGE_READWRITE);
    ok(s->runoff && VirtualAlloc(s->runoff, PAGE, MEM_COMMIT, PAGE_READWRITE), "run-off: %lu\n", GetLastError());
    /* Last, so that none of the above lands in it. */
    s->released = VirtualAlloc(NULL, 0x30000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(s->released && VirtualFree(s->released, 0, MEM_RELEASE), "released: %lu\n", GetLastError());
    s->released += 0x11000;
}

static void spots_free(struct spots *s)
{
    VirtualFree(s->reserved, 0, MEM_RELEASE);
    VirtualFree(s->noaccess, 0, MEM_RELEASE);
    VirtualFree(s->guard, 0, MEM_RELEASE);
    VirtualFree(s->readonly, 0, MEM_RELEASE);
    VirtualFree(s->runoff, 0, MEM_RELEASE);
}

/* Where call c gets its argument in spot, with the content it reads
 * written there first where that memory can hold any; NULL when the spot
 * is good memory for c (a read-only page it only reads). */
static char *spot_arg(const struct spots *s, enum spot spot, const struct watched *c)
{
    MEMORY_BASIC_INFORMATION info;
    char content[sizeof(fd_set)];
    DWORD old;
    int size;

    memset(content, 0x5c, sizeof(content));
    size = c->fill ? c->fill(content) : c->size;
    switch (spot)
    {
    case SPOT_LOW: return (char *)0x1c8;
    case SPOT_RELEASED:
        if (!VirtualQuery(s->released, &info, sizeof(info)) || info.State != MEM_FREE)
        {
            skip("the released range was taken again\n");
            return NULL;
        }
        return s->released + 0x80;
    case SPOT_RESERVED: return s->reserved + 0x2040;
    case SPOT_NOACCESS: return s->noaccess + 0x60;
    case SPOT_GUARD:
        /* Re-armed for every call, so a call that set it off cannot
         * spoil the next one. */
        VirtualProtect(s->guard, PAGE, PAGE_READWRITE, &old);
        memcpy(s->guard + 0x60, content, size);
        ok(VirtualProtect(s->guard, PAGE, PAGE_READWRITE | PAGE_GUARD, &old), "VirtualProtect failed\n");
        return s->guard + 0x60;
    case SPOT_READONLY:
        if (c->use == USE_READ) return NULL;
        VirtualProtect(s->readonly, PAGE, PAGE_READWRITE, &old);
        memcpy(s->readonly + 0x300, content, size);
        VirtualProtect(s->readonly, PAGE, PAGE_READONLY, &old);
        return s->readonly + 0x300;
    case SPOT_RUNOFF:
        /* Half of it fits; no string's NUL is in that half. */
        memcpy(s->runoff + PAGE - size / 2, content, size / 2);
        return s->runoff + PAGE - size / 2;
    default: return NULL;
    }
}

/* Whether the guard page is still armed: a touch would have disarmed it. */
static BOOL guard_armed_still(const char *page)
{
    MEMORY_BASIC_INFORMATION info;

    return VirtualQuery(page, &info, sizeof(info)) && (info.Protect & PAGE_GUARD);
}

static void open_watched_sockets(void)
{
    struct sockaddr_in addr;

    ws.udp = bound(SOCK_DGRAM, &addr);
    tcp_pair(&ws.reader, &ws.writer);
    ok(send(ws.writer, "thirty-seven bytes wait on this side.", 37, 0) == 37, "send failed: %d\n", WSAGetLastError());
    ok(wait_readable(ws.reader), "nothing arrived\n");
}

static void close_watched_sockets(void)
{
    closesocket(ws.udp);
    closesocket(ws.reader);
    closesocket(ws.writer);
}

static DWORD WINAPI spots_thread(void *arg)
{
    struct spots s;
    unsigned int i, spot;

    spots_alloc(&s);
    for (spot = 0; spot < SPOT_COUNT; spot++)
    {
        winetest_push_context("%s", spot_names[spot]);
        for (i = 0; i < ARRAY_SIZE(watched_calls); i++)
        {
            const struct watched *w = &watched_calls[i];
            struct bad_call c = { w->name, w->call, w->ret, WSAEFAULT, w->flags, FALSE };
            INT_PTR ret;
            DWORD err;

            if (winetest_platform_is_wine() && (w->flags & F_CRASH_WINE))
            {
                skip("crashes Wine's builtin: %s\n", w->name);
                continue;
            }
            if (!(bad_arg = spot_arg(&s, spot, w))) continue;
            if (!watched_call(&c, &ret, &err)) continue;
            todo_wine_if(w->flags & F_TODO_WINE)
            ok(ret == w->ret && err == WSAEFAULT, "%s: got %td error %lu\n", w->name, (ptrdiff_t)ret, err);
            ok(!watch.count, "%s: %ld exceptions, the last %#lx at %p\n", w->name, watch.count, watch.code, watch.where);
            if (spot == SPOT_GUARD)
                todo_wine_if(w->call == watched_recv_buf)
                ok(guard_armed_still(s.guard), "%s: the guard page was touched\n", w->name);
        }
        winetest_pop_context();
    }
    spots_free(&s);
    return 0;
}

/* ---- a buffer in the thread's own stack guard region ---- */

/* Below StackLimit lie the guard page and, under it, the stack's reserve
 * (TEB.DeallocationStack up to it).  A buffer there is not committed
 * memory of the caller: WSAEFAULT, and the stack is left as it was. */

static INT_PTR stack_getsockname(void) { return watched_getsockname_addr(); }
static INT_PTR stack_recv(void) { return watched_recv_buf(); }
static INT_PTR stack_pton6(void) { return watched_pton6_out(); }
static INT_PTR stack_str2addr(void) { return watched_str2addr_out(); }
static INT_PTR stack_getsockopt(void) { return watched_getsockopt_val(); }

/* Commits some stack now, so that the calls below need no more of it: the
 * limit then moves only if something set off the guard page. */
static void __attribute__((noinline)) make_stack_room(void)
{
    volatile char room[0x6000];

    memset((char *)room, 0x3e, sizeof(room));
}

/* The thread's NT_TIB, through its Self field. */
static const NT_TIB *own_tib(void)
{
    NT_TIB *tib;

#ifdef _WIN64
    __asm__("movq %%gs:%c1, %0" : "=r" (tib) : "i" (FIELD_OFFSET(NT_TIB, Self)));
#else
    __asm__("movl %%fs:%c1, %0" : "=r" (tib) : "i" (FIELD_OFFSET(NT_TIB, Self)));
#endif
    return tib;
}

static DWORD WINAPI stack_thread(void *arg)
{
    /* Wine's builtin as in watched_calls. */
    static const struct bad_call calls[] =
    {
        { "getsockname", stack_getsockname, SOCKET_ERROR, WSAEFAULT, F_TODO_WINE },
        { "recv", stack_recv, SOCKET_ERROR, WSAEFAULT, 0 },
        { "inet_pton(AF_INET6)", stack_pton6, -1, WSAEFAULT, F_CRASH_WINE },
        { "WSAStringToAddressA", stack_str2addr, SOCKET_ERROR, WSAEFAULT, F_CRASH_WINE },
        { "getsockopt", stack_getsockopt, SOCKET_ERROR, WSAEFAULT, F_TODO_WINE },
    };
    const NT_TIB *tib = own_tib();
    ULONG_PTR bottom, top, limit;
    unsigned int i;
    INT_PTR ret;
    DWORD err;

    make_stack_room();
    limit = (ULONG_PTR)tib->StackLimit;
    GetCurrentThreadStackLimits(&bottom, &top);
    trace("stack %#zx-%#zx, committed from %#zx\n", (size_t)bottom, (size_t)top, (size_t)limit);
    if (limit - bottom < 2 * PAGE)
    {
        skip("no reserve under the guard page\n");
        return 0;
    }
    /* Halfway between the bottom and the guard page. */
    bad_arg = (char *)((bottom + (limit - PAGE - bottom) / 2) & ~(ULONG_PTR)0x3f);
    for (i = 0; i < ARRAY_SIZE(calls); i++)
    {
        const struct bad_call *c = &calls[i];

        if (winetest_platform_is_wine() && (c->flags & F_CRASH_WINE))
        {
            skip("crashes Wine's builtin: %s\n", c->desc);
            continue;
        }
        if (!watched_call(c, &ret, &err)) continue;
        todo_wine_if(c->flags & F_TODO_WINE)
        ok(ret == c->ret && err == WSAEFAULT, "%s: got %td error %lu\n", c->desc, (ptrdiff_t)ret, err);
        ok(!watch.count, "%s: %ld exceptions, the last %#lx at %p\n", c->desc, watch.count, watch.code, watch.where);
    }
    ok((ULONG_PTR)tib->StackLimit == limit, "the stack limit moved: %p, was %#zx\n", tib->StackLimit, (size_t)limit);

    /* The guard page itself: Windows may grow the stack into it and
     * succeed, or fail; either way nothing is raised in the program. */
    bad_arg = (char *)(limit - PAGE + 0x140);
    if (watched_call(&calls[0], &ret, &err))
    {
        todo_wine
        ok(!ret || (ret == SOCKET_ERROR && err == WSAEFAULT), "guard page: got %td error %lu\n", (ptrdiff_t)ret, err);
        ok(!watch.count, "guard page: %ld exceptions, the last %#lx at %p\n", watch.count, watch.code, watch.where);
    }
    return 0;
}

/* ---- memory that was good once ---- */

/* A buffer that was used, then decommitted: WSAEFAULT.  Windows raises
 * nothing; our DLL may have remembered the region as good, so it costs at
 * most the one fault of its guarded touch, after which it is forgotten. */
static INT_PTR stale_pton4(void) { return inet_pton(AF_INET, "100.64.9.2", bad_arg); }

static DWORD WINAPI stale_thread(void *arg)
{
    struct bad_call c = { "inet_pton into a decommitted page", stale_pton4, -1, WSAEFAULT };
    char *page = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    INT_PTR ret;
    DWORD err;

    if (winetest_platform_is_wine())
    {
        /* Its inet_pton writes the result without catching the fault. */
        skip("crashes Wine's builtin: inet_pton into a decommitted page\n");
        VirtualFree(page, 0, MEM_RELEASE);
        return 0;
    }
    bad_arg = page + 0x2c;
    ok(inet_pton(AF_INET, "100.64.9.1", bad_arg) == 1 && !memcmp(bad_arg, "\x64\x40\x09\x01", 4),
       "inet_pton into a good page failed: %d\n", WSAGetLastError());
    ok(VirtualFree(page, PAGE, MEM_DECOMMIT), "VirtualFree failed: %lu\n", GetLastError());

    if (watched_call(&c, &ret, &err))
    {
        ok(ret == -1 && err == WSAEFAULT, "first call: got %td error %lu\n", (ptrdiff_t)ret, err);
        ok(watch.count <= 1, "first call: %ld exceptions\n", watch.count);
    }
    if (watched_call(&c, &ret, &err))
    {
        ok(ret == -1 && err == WSAEFAULT, "second call: got %td error %lu\n", (ptrdiff_t)ret, err);
        ok(!watch.count, "second call: %ld exceptions, the last %#lx at %p\n", watch.count, watch.code, watch.where);
    }
    VirtualFree(page, 0, MEM_RELEASE);
    return 0;
}

static void run_in_thread(LPTHREAD_START_ROUTINE proc, SIZE_T stack)
{
    HANDLE thread = CreateThread(NULL, stack, proc, NULL, stack ? STACK_SIZE_PARAM_IS_A_RESERVATION : 0, NULL);

    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, 60000) == WAIT_OBJECT_0, "the thread did not finish\n");
    CloseHandle(thread);
}

/* Each part runs on a fresh thread: nothing is known about memory there yet. */
static void test_no_faults_seen(void)
{
    void *handler = AddVectoredExceptionHandler(1, watch_handler);

    ok(handler != NULL, "AddVectoredExceptionHandler failed\n");
    open_watched_sockets();
    run_in_thread(spots_thread, 0);
    run_in_thread(stack_thread, 0x20000);
    run_in_thread(stale_thread, 0);
    close_watched_sockets();
    RemoveVectoredExceptionHandler(handler);
}

START_TEST(badinput)
{
    WSADATA data;
    int ret;

    guard_previous = SetUnhandledExceptionFilter(guard_filter);

    test_startup_bad();
    ret = WSAStartup(MAKEWORD(2, 2), &data);
    ok(!ret, "WSAStartup failed: %d\n", ret);

    setup();
    open_bad_handles();
    test_bad_pointers();
    test_state_after_bad_calls();
    test_not_sockets();
    test_reused_handles();
    test_good_edges();
    test_no_faults_seen();
    test_leaks();
    cleanup();

    CloseHandle(test_event);
    CloseHandle(test_file);
    CloseHandle(test_nul);
    CloseHandle(test_pipe_read);
    CloseHandle(test_pipe_write);
    CloseHandle(test_mutex);
    WSACleanup();
    SetUnhandledExceptionFilter(guard_previous);
}
