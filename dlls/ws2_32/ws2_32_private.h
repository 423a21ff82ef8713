/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ws2_32 internals shared between the function families.
 */
#ifndef WS2_32_PRIVATE_H
#define WS2_32_PRIVATE_H

#define WIN32_LEAN_AND_MEAN
/* Windows 10 1809 (RS5): SIO_TCP_INFO and TCP_INFO_v1 are declared. */
#ifndef NTDDI_VERSION
#define NTDDI_VERSION 0x0A000006
#endif
#define WIN32_NO_STATUS
#define WINSOCK_API_LINKAGE  /* we define these functions, not import them */
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <winternl.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>
#include <mswsock.h>
#include <mstcpip.h>

#include "afd.h"

/* ---- tracing (trace.c): WINEDEBUG=+ws2_32 or warn+ws2_32 ---- */
extern int ws2_trace_level;     /* 0 off, 1 warn/fixme, 2 trace */
void ws2_debug_printf(const char *kind, const char *func, const char *fmt, ...);
#define TRACE(...) do { if (ws2_trace_level >= 2) ws2_debug_printf("trace", __func__, __VA_ARGS__); } while (0)
#define WARN(...)  do { if (ws2_trace_level >= 1) ws2_debug_printf("warn", __func__, __VA_ARGS__); } while (0)
#define FIXME(...) do { if (ws2_trace_level >= 1) ws2_debug_printf("fixme", __func__, __VA_ARGS__); } while (0)

/* ---- the calling thread's TEB ---- */
/* A pointer-sized field, by offset. */
#ifdef _WIN64
#define WS2_TEB_FIELD(offset) \
    ({ ULONG_PTR v_; __asm__ volatile("movq %%gs:%c1, %0" : "=r" (v_) : "i" (offset)); v_; })
#define WS2_TEB_SLOT(index) \
    ({ ULONG_PTR v_; __asm__ volatile("movq %%gs:%c2(,%q1,8), %0" : "=r" (v_) \
                                      : "r" (index), "i" (FIELD_OFFSET(TEB, TlsSlots))); v_; })
#else
#define WS2_TEB_FIELD(offset) \
    ({ ULONG_PTR v_; __asm__ volatile("movl %%fs:%c1, %0" : "=r" (v_) : "i" (offset)); v_; })
#define WS2_TEB_SLOT(index) \
    ({ ULONG_PTR v_; __asm__ volatile("movl %%fs:%c2(,%1,4), %0" : "=r" (v_) \
                                      : "r" (index), "i" (FIELD_OFFSET(TEB, TlsSlots))); v_; })
#endif
#define WS2_TIB(field) WS2_TEB_FIELD(FIELD_OFFSET(NT_TIB, field))
/* TEB.DeallocationStack, the bottom of the stack's reservation: the field
 * just before TlsSlots, at 0xe0c in the x86 TEB and 0x1478 in the x64 one. */
#ifdef _WIN64
#define WS2_DEALLOCATION_STACK 0x1478
#else
#define WS2_DEALLOCATION_STACK 0xe0c
#endif

/* ---- errors (errors.c) ---- */
DWORD ws2_status_to_error(NTSTATUS status);
/* Set the thread's last error and return SOCKET_ERROR. */
int ws2_fail(DWORD error);
/* Map a driver status: 0 on success, else set the error and return SOCKET_ERROR. */
int ws2_status_result(NTSTATUS status);

/* ---- startup and per-thread state (startup.c) ---- */
struct ws2_thread
{
    HANDLE sync_event;          /* event for our own blocking driver calls */
    char ntoa_buffer[16];       /* inet_ntoa's result */
    void *netdb;                /* getprotoby* and getservby* results (netdb.c) */
    void *hostent;              /* gethostbyname/gethostbyaddr result (hostent.c) */
    void *free_node;            /* one freed addrinfo node kept for reuse (addrinfo.c) */
    /* Winsock 1.1 (blocking.c): one blocking call at a time per thread. */
    FARPROC blocking_hook;      /* NULL = the default hook */
    BOOL in_blocking_call;
    BOOL blocking_cancelled;
    /* Memory recently found accessible (probe.c). */
    struct ws2_known_region
    {
        ULONG_PTR start, end;   /* [start, end), whole pages */
        ULONG access;           /* WS2_READ, WS2_WRITE; 0: slot unused */
    } known[8];
    unsigned int known_next;    /* the slot to reuse next */
    unsigned int known_last[2]; /* the slots that answered last, for WS2_READ and WS2_WRITE */
    ULONG_PTR known_stack;      /* the stack they were found on (its DeallocationStack) */
    /* Calls into a loaded provider in progress (provider.c): the exports
     * a provider calls go to the base code, not to a provider again. */
    unsigned int provider_depth;
    int open_type;              /* SO_OPENTYPE: non-zero makes socket() synchronous */
};
/* The calling thread's state, created on first use; NULL when out of memory. */
struct ws2_thread *ws2_get_thread(void);
/* The calling thread's state if it has any yet; never creates it.  Nearly
 * every export asks (the memory checks on their hottest paths), so the
 * first 64 slots are read straight from the TEB, which is all TlsGetValue
 * does for them, without touching the last error. */
extern DWORD ws2_thread_slot;
/* What the slot holds once DLL_THREAD_DETACH freed the state (startup.c):
 * calls made later in the thread's exit see no state. */
extern char ws2_thread_gone;
struct ws2_thread *ws2_peek_thread_expansion(void);
static inline struct ws2_thread *ws2_peek_thread(void)
{
    struct ws2_thread *t;

    if (ws2_thread_slot < ARRAYSIZE(((TEB *)0)->TlsSlots))
        t = (struct ws2_thread *)WS2_TEB_SLOT(ws2_thread_slot);
    else
        t = ws2_peek_thread_expansion();
    return t == (struct ws2_thread *)&ws2_thread_gone ? NULL : t;
}
/* Non-zero when WSAStartup has been called more often than WSACleanup. */
BOOL ws2_is_started(void);
/* Negotiated major version (1 or 2), valid while started. */
WORD ws2_version(void);
/* Entry check for every function that needs WSAStartup and must not run
 * inside a Winsock 1.1 blocking call: 0, or the error code to report. */
DWORD ws2_enter_check(void);
/* Close every socket the process created (last WSACleanup). */
void ws2_close_all_sockets(void);

/* ---- the socket table (sockets.c): which handles are our sockets ---- */
struct ws2_socket
{
    SOCKET socket;
    int family, type, protocol;
    LONG state;                 /* WS2_SOCKET_* flags */
    int error;                  /* set with setsockopt(SO_ERROR) */
    unsigned short linger;      /* SO_LINGER's time while WS2_SOCKET_LINGERING */
    LONG options_set;           /* which of options[] were set (bit per WS2_OPTION_*) */
    int options[18];            /* option values the driver does not keep (sockopt.c) */
    LONG calls;                 /* afd_call requests of ours in progress on it */
    int host_poll;              /* its host readiness set (host.c) + 1, or 0 */
};
#define WS2_SOCKET_BOUND      0x1   /* has a local address */
#define WS2_SOCKET_CONNECTED  0x2   /* was connected once (connect or accept) */
#define WS2_SOCKET_CONNECTING 0x4   /* a non-blocking connect was started */
#define WS2_SOCKET_DEBUG      0x8   /* SO_DEBUG, kept only here */
#define WS2_SOCKET_DONTROUTE  0x10  /* SO_DONTROUTE, kept only here */
#define WS2_SOCKET_LISTENING  0x20  /* listen succeeded */
#define WS2_SOCKET_NONBLOCKING 0x40 /* FIONBIO set it non-blocking */
#define WS2_SOCKET_LINGERING  0x80  /* SO_LINGER on with a non-zero time */
#define WS2_SOCKET_UNTRACKED  0x100 /* not created here: state unknown */
#define WS2_SOCKET_REUSABLE   0x200 /* disconnected with TF_REUSE_SOCKET */
#define WS2_SOCKET_HOST       0x400 /* an AF_UNIX socket on the host (unixsock.c) */
#define WS2_SOCKET_HOST_FD    0x800 /* the host path took its descriptor (ntdll may cache it) */
/* Sticky: an event or message select, a notification registration, an
 * overlapped request or a shutdown was made on it, so only the driver
 * moves its data (the host path would leave the server's view stale). */
#define WS2_SOCKET_DRIVER_ONLY 0x4000

void ws2_socket_add(const struct ws2_socket *entry);
/* Whether the handle s, in the table with STATE, still names a socket
 * (closesocket and WSACleanup close nothing else). */
BOOL ws2_socket_confirm(SOCKET s, LONG state);
/* TRUE if s was in the table. */
BOOL ws2_socket_remove(SOCKET s);
void ws2_socket_set_state(SOCKET s, LONG state);
void ws2_socket_clear_state(SOCKET s, LONG state);
void ws2_socket_set_error(SOCKET s, int error);
/* Counts a synchronous driver request of ours on s in (+1) and out (-1):
 * closesocket cancels requests only on a socket that may have some. */
void ws2_socket_calls(SOCKET s, LONG delta);
/* Record SO_LINGER as set: on with a time, or not. */
void ws2_socket_set_linger(SOCKET s, const struct linger *linger);
/* Remember option value number index (below 18) of options[] for s. */
void ws2_socket_set_option(SOCKET s, unsigned int index, int value);
/* The socket's entry; for a handle not in the table, asks the driver.
 * STATUS_INVALID_HANDLE when s is not a socket. */
NTSTATUS ws2_socket_get(SOCKET s, struct ws2_socket *info);
/* The entry check of a function on one socket (ws2_enter_check, then
 * ws2_socket_get): 0 with *info filled, or the error to report. */
DWORD ws2_enter_socket(SOCKET s, struct ws2_socket *info);

/* ---- sockets shared between processes (duplicate.c) ---- */
/* WSASocket's adoption of the handle a WSAPROTOCOL_INFO from
 * WSADuplicateSocket carries (in dwProviderReserved); sets the error. */
SOCKET ws2_socket_from_duplicate(const WSAPROTOCOL_INFOW *info, DWORD flags);

/* ---- socket life (socket.c) ---- */
/* A destination connect refuses: the wildcard address or port 0. */
BOOL ws2_is_unspecified_peer(const struct sockaddr *addr);

/* ---- Winsock 1.1 blocking calls (blocking.c) ---- */
/* Wait for an event while a blocking call is in progress; runs the blocking
 * hook for version 1.x.  Returns STATUS_SUCCESS when the event is signalled,
 * or STATUS_CANCELLED when WSACancelBlockingCall interrupted the wait. */
NTSTATUS ws2_blocking_wait(HANDLE event);
/* Whether the calling thread is inside a blocking call. */
BOOL ws2_in_blocking_call(void);

/* ---- the socket driver (afd.c): all NtDeviceIoControlFile traffic ---- */
NTSTATUS afd_open(HANDLE *handle, BOOL overlapped, BOOL inheritable);
/* A complete request: issues the ioctl and, if it pends, waits for it
 * (through the blocking-call machinery), cancelling on interruption. */
NTSTATUS afd_call(SOCKET s, ULONG code, const void *in, ULONG in_size,
                  void *out, ULONG out_size, ULONG_PTR *out_len);
/* afd_call with a time limit in milliseconds (INFINITE: none, and the
 * wait is afd_call's).  A request still pending when time runs out is
 * cancelled, and the result is STATUS_IO_TIMEOUT. */
NTSTATUS afd_call_timed(SOCKET s, ULONG code, const void *in, ULONG in_size,
                        void *out, ULONG out_size, DWORD timeout, ULONG_PTR *out_len);
/* An application's overlapped request: the OVERLAPPED is the status block
 * (Internal: the status, InternalHigh: the bytes), and completion is
 * reported as Windows does: its event (hEvent, low bit masked off), then
 * the completion routine (an APC in this thread, given the error, bytes,
 * the OVERLAPPED and the flags of the ending status, with *flags added if
 * flags is not NULL: it must then live until completion) or, without a routine and
 * unless hEvent's low bit is set, the socket's completion port.  Returns
 * the driver's status: STATUS_PENDING while it runs; success at once has
 * already filled the OVERLAPPED and reports as a pending request would; a
 * failure at once (an error status) reports nothing and may leave the
 * OVERLAPPED as it was. */
NTSTATUS afd_call_overlapped(SOCKET s, ULONG code, const void *in, ULONG in_size,
                             void *out, ULONG out_size, WSAOVERLAPPED *overlapped,
                             LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, const DWORD *flags);
/* A request started and not waited for (socknotify.c): the status block,
 * the buffers and the event must stay until the event is signalled (at
 * once when the driver answers at once with success; never when it fails
 * at once).  No APC context, so nothing is posted to a completion port. */
NTSTATUS afd_call_start(SOCKET s, ULONG code, const void *in, ULONG in_size,
                        void *out, ULONG out_size, IO_STATUS_BLOCK *io, HANDLE event);
/* A request of ours whose end is a packet on the completion port bound to
 * the socket, carrying port_value (rio.c, upcall.c); io must stay until
 * then.  The driver's status as it answered. */
NTSTATUS afd_call_port(SOCKET s, ULONG code, const void *in, ULONG in_size, IO_STATUS_BLOCK *io,
                       void *port_value);
/* Makes the socket of family, type and protocol behind a new handle. */
NTSTATUS afd_create(HANDLE handle, int family, int type, int protocol, unsigned int flags);
/* Cancel a request afd_call_start started in this thread and wait until it
 * has ended. */
void afd_call_cancel(SOCKET s, IO_STATUS_BLOCK *io, HANDLE event);
/* ---- overlapped requests (events.c, send.c, recv.c) ---- */
/* The error an overlapped request's status reports (a cancelled or
 * closed request is WSA_OPERATION_ABORTED). */
DWORD ws2_overlapped_error(NTSTATUS status);
/* The receive flags an ended request's status carries (MSG_PARTIAL, MSG_OOB). */
DWORD ws2_overlapped_flags(NTSTATUS status);
/* The byte-count and OVERLAPPED arguments of a WSA send or receive: 0, or
 * WSAEFAULT (the count may be NULL only with an OVERLAPPED). */
DWORD ws2_check_overlapped_args(DWORD *bytes, WSAOVERLAPPED *overlapped);
/* A WSABUF array and every buffer in it readable (write FALSE) or
 * writable: 0, or WSAEFAULT. */
DWORD ws2_check_wsabufs(const WSABUF *buffers, DWORD count, BOOL write);
/* The WSARecvMsg extension function (the target of WSAID_WSARECVMSG). */
int WINAPI ws2_WSARecvMsg(SOCKET s, WSAMSG *msg, DWORD *received, WSAOVERLAPPED *overlapped,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);
/* Convenience wrappers for the option ioctls. */
NTSTATUS afd_get_int(SOCKET s, ULONG code, int *value);
NTSTATUS afd_set_int(SOCKET s, ULONG code, int value);
NTSTATUS afd_get_info(SOCKET s, int *family, int *type, int *protocol);
BOOL afd_claims_socket(SOCKET s);

/* ---- WSAIoctl (ioctl.c) and the extension functions (extension.c) ---- */
/* Control codes and layouts the MinGW headers lack (Windows SDK values). */
#ifndef SIO_IDEAL_SEND_BACKLOG_QUERY
#define SIO_IDEAL_SEND_BACKLOG_QUERY  _IOR('t', 123, ULONG)
#define SIO_IDEAL_SEND_BACKLOG_CHANGE _IO('t', 122)
#endif
#ifndef SIO_UDP_NETRESET
#define SIO_UDP_NETRESET _WSAIOW(IOC_VENDOR, 15)
#endif
#ifndef SIO_SET_COMPATIBILITY_MODE
#define SIO_SET_COMPATIBILITY_MODE _WSAIOW(IOC_VENDOR, 300)
typedef enum _WSA_COMPATIBILITY_BEHAVIOR_ID
{
    WsaBehaviorAll = 0,
    WsaBehaviorReceiveBuffering,
    WsaBehaviorAutoTuning
} WSA_COMPATIBILITY_BEHAVIOR_ID;
typedef struct _WSA_COMPATIBILITY_MODE
{
    WSA_COMPATIBILITY_BEHAVIOR_ID BehaviorId;
    ULONG TargetOsVersion;
} WSA_COMPATIBILITY_MODE;
#endif
/* FIONBIO's effect, kept in the socket table too; 0 or the error. */
DWORD ws2_ioctl_fionbio(SOCKET s, u_long mode);
/* FIONREAD or SIOCATMARK; 0 or the error. */
DWORD ws2_ioctl_query(SOCKET s, ULONG code, u_long *value);
/* The function a WSAID_* names, or NULL. */
void *ws2_extension_function(const GUID *guid);
/* SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER (rio.c): the table the GUID
 * in[0..in_size) names copied to out; 0 with *size set, or the error. */
DWORD ws2_multiple_extension(const void *in, DWORD in_size, void *out, DWORD out_size, DWORD *size);

/* ---- catalog (protocol.c) ---- */
/* Find the catalog entry for a socket(af, type, protocol) request.  On
 * success fills *info and returns 0; else returns the WSA error code. */
DWORD ws2_catalog_lookup(int af, int type, int protocol, WSAPROTOCOL_INFOW *info);
/* The entry for an existing socket's family/type/protocol (for
 * SO_PROTOCOL_INFO), or 0 if found. */
DWORD ws2_catalog_for_socket(int af, int type, int protocol, WSAPROTOCOL_INFOW *info);
void ws2_protocol_info_w_to_a(const WSAPROTOCOL_INFOW *w, WSAPROTOCOL_INFOA *a);

/* ---- the services database (netdb.c), for the resolvers ---- */
/* The port (host order) of a service name for "tcp" or "udp" (NULL: any). */
BOOL ws2_service_port(const char *name, const char *proto, USHORT *port);
/* The name of a port (host order) into name[0..size). */
BOOL ws2_service_name(USHORT port, const char *proto, char *name, size_t size);
/* ---- the protocol and services databases (netdb.c) ---- */
#include "netdb_parse.h"

/* A matching database line and where its fields are. */
struct ws2_netdb_entry
{
    enum netdb_kind kind;
    char line[NETDB_LINE_MAX + 1];
    struct netdb_line fields;
};
/* Find a protocol by name or alias (name NULL: by number), or a service by
 * name or alias (name NULL: by port, network byte order, low 16 bits) and
 * optionally protocol.  The strings must be readable.  0 with *entry
 * filled, or WSANO_DATA. */
DWORD ws2_netdb_find_protocol(const char *name, int number, struct ws2_netdb_entry *entry);
DWORD ws2_netdb_find_service(const char *name, int port, const char *proto, struct ws2_netdb_entry *entry);
/* Lay out the entry's protoent or servent with everything it points to in
 * buf[0..size), pointers into buf.  Returns the bytes needed; writes only
 * if that fits. */
SIZE_T ws2_netdb_pack(const struct ws2_netdb_entry *entry, void *buf, SIZE_T size);

/* ---- Winsock 1.1 asynchronous database requests (async.c) ---- */
/* Cancel every pending request without posting its message (last WSACleanup). */
void ws2_async_cancel_all(void);

/* ---- files.c: a whole small file (at most max_size bytes) in a heap
 * block with a NUL after it, or NULL ---- */
char *ws2_read_file(const WCHAR *path, DWORD max_size, DWORD *size);

/* ---- small C runtime (crt.c): the DLL links no C library ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* ---- memory checks (probe.c) ---- */
BOOL ws2_probe_init(void);
void ws2_probe_cleanup(void);
/* The assembly routines that touch the caller's memory (probe.c): a fault
 * inside them makes them return -1.  probe_read and probe_write 1 when
 * every byte could be accessed, probe_strnlen the length of the string or
 * max when there is no NUL in the first max bytes, probe_copy and
 * probe_zero 1 when they wrote len bytes. */
extern int probe_read(const void *p, SIZE_T len);
extern int probe_write(void *p, SIZE_T len);
extern SSIZE_T probe_strnlen(const char *p, SIZE_T max);
extern int probe_copy(void *dst, const void *src, SIZE_T len);
extern int probe_zero(void *dst, SIZE_T len);

#define WS2_READ  0x1
#define WS2_WRITE 0x2

/* The checks past the inline fast paths below (probe.c), with the same
 * contracts as the wrappers.  ws2_check_failed is for a fast path whose
 * touch faulted: it forgets the region and returns FALSE. */
BOOL ws2_check_access(const void *p, SIZE_T len, ULONG access);
SSIZE_T ws2_check_string(const char *p);
BOOL ws2_check_copy(void *dst, const void *src, SIZE_T len);
BOOL ws2_check_zero(void *dst, SIZE_T len);
BOOL ws2_check_failed(const void *p, SIZE_T len);

/* TRUE if [p, p+len) lies in the calling thread's committed stack,
 * [StackLimit, StackBase): that is always there, read-write, and needs
 * neither a question nor a touch.  Most output buffers are found here. */
static inline BOOL ws2_in_own_stack(const void *p, SIZE_T len)
{
    ULONG_PTR low = WS2_TIB(StackLimit), high = WS2_TIB(StackBase), a = (ULONG_PTR)p;

    return a - low < high - low && len <= high - a;
}

/* The end of the region that answered the thread's last check for access
 * (WS2_READ or WS2_WRITE; probe.c), if it covers [p, p+len) (len > 0);
 * else 0. */
static inline ULONG_PTR ws2_known_last(const void *p, SIZE_T len, ULONG access)
{
    struct ws2_thread *t = ws2_peek_thread();
    const struct ws2_known_region *r;
    ULONG_PTR a = (ULONG_PTR)p;

    if (!t || t->known_stack != WS2_TEB_FIELD(WS2_DEALLOCATION_STACK)) return 0;
    r = &t->known[t->known_last[access - 1]];
    if ((r->access & access) != access || a < r->start || a >= r->end || len > r->end - a) return 0;
    return r->end;
}

/* TRUE if [p, p+len) can be read / written by the caller.  Nothing known
 * to be bad is touched; memory that is not the thread's own stack is
 * touched in a way that survives a fault (probe.c). */
static inline BOOL ws2_readable(const void *p, SIZE_T len)
{
    if (!p) return FALSE;
    if (ws2_in_own_stack(p, len)) return TRUE;
    if (len && ws2_known_last(p, len, WS2_READ))
        return probe_read(p, len) == 1 || ws2_check_failed(p, len);
    return ws2_check_access(p, len, WS2_READ);
}

static inline BOOL ws2_writable(void *p, SIZE_T len)
{
    if (!p) return FALSE;
    if (ws2_in_own_stack(p, len)) return TRUE;
    if (len && ws2_known_last(p, len, WS2_WRITE))
        return probe_write(p, len) == 1 || ws2_check_failed(p, len);
    return ws2_check_access(p, len, WS2_WRITE);
}

/* strlen of a caller's string, or -1 if it runs into memory it cannot read. */
static inline SSIZE_T ws2_string_length(const char *p)
{
    ULONG_PTR end;
    SSIZE_T n;

    if (!p) return -1;
    if ((end = ws2_known_last(p, 1, WS2_READ)))
    {
        if ((n = probe_strnlen(p, end - (ULONG_PTR)p)) < 0)
        {
            ws2_check_failed(p, 1);
            return -1;
        }
        if ((SIZE_T)n < end - (ULONG_PTR)p) return n;
    }
    return ws2_check_string(p);
}

/* Whether [p, p+len) may be used for access without asking probe.c: the
 * thread's own stack, or the region its last check for access found. */
static inline BOOL ws2_known_good(const void *p, SIZE_T len, ULONG access)
{
    return ws2_in_own_stack(p, len) || (len && ws2_known_last(p, len, access));
}

/* Copies len bytes where dst or src (or both) is the caller's memory, in
 * place of a check and then a copy; FALSE (some bytes may have been
 * copied) if either side cannot be accessed. */
static inline BOOL ws2_copy(void *dst, const void *src, SIZE_T len)
{
    if (!dst || !src) return FALSE;
    if (ws2_in_own_stack(dst, len) && ws2_in_own_stack(src, len))
    {
        memcpy(dst, src, len);
        return TRUE;
    }
    if (ws2_known_good(dst, len, WS2_WRITE) && ws2_known_good(src, len, WS2_READ))
    {
        if (probe_copy(dst, src, len) == 1) return TRUE;
        ws2_check_failed(src, len);
        return ws2_check_failed(dst, len);
    }
    return ws2_check_copy(dst, src, len);
}

/* Clears len bytes of the caller's memory; FALSE as ws2_copy.  Where a
 * result is cleared first anyway, this is also the check that it can be
 * written. */
static inline BOOL ws2_zero(void *dst, SIZE_T len)
{
    if (!dst) return FALSE;
    if (ws2_in_own_stack(dst, len))
    {
        memset(dst, 0, len);
        return TRUE;
    }
    if (len && ws2_known_last(dst, len, WS2_WRITE))
        return probe_zero(dst, len) == 1 || ws2_check_failed(dst, len);
    return ws2_check_zero(dst, len);
}

/* ---- provider helpers (wah.c) and the upcall table (upcall.c) ---- */
/* A handle-context table holds the caller's contexts by handle; every
 * context starts with the handle it is filed under. */
typedef struct ws2_wah_handle { HANDLE Handle; } WAH_HANDLE;
typedef struct ws2_wah_table *PWAH_HANDLE_TABLE;
typedef BOOL (WINAPI *PWAH_HANDLE_ENUMERATE_PROC)(void *param, WAH_HANDLE *context);
DWORD WINAPI WahCreateHandleContextTable(PWAH_HANDLE_TABLE *table);
DWORD WINAPI WahDestroyHandleContextTable(PWAH_HANDLE_TABLE table);
WAH_HANDLE * WINAPI WahInsertHandleContext(PWAH_HANDLE_TABLE table, WAH_HANDLE *context);
WAH_HANDLE * WINAPI WahReferenceContextByHandle(PWAH_HANDLE_TABLE table, HANDLE handle);
DWORD WINAPI WahRemoveHandleContext(PWAH_HANDLE_TABLE table, WAH_HANDLE *context);
DWORD WINAPI WahOpenApcHelper(HANDLE *helper);
DWORD WINAPI WahOpenCurrentThread(HANDLE helper, LPWSATHREADID id);
DWORD WINAPI WahCloseThread(HANDLE helper, LPWSATHREADID id);
/* A new handle for a provider that has no handles of its own (a "non-IFS"
 * socket): a socket-driver handle on which the driver completes requests
 * we finish ourselves.  0 or the Winsock error. */
DWORD ws2_nonifs_create(HANDLE *handle);
/* Files a non-IFS handle with its provider's catalog entry and context
 * (upcall.c); FALSE when out of memory. */
BOOL ws2_nonifs_register(HANDLE handle, DWORD catalog_id, DWORD_PTR context);
/* Completes an overlapped request on a non-IFS handle as a driver would:
 * the OVERLAPPED's status and count, its event, and the completion port
 * bound to the handle.  0 or the Winsock error. */
DWORD ws2_nonifs_complete(HANDLE handle, WSAOVERLAPPED *overlapped, DWORD error, DWORD bytes);
/* The routine WSApSetPostRoutine installed, or NULL (upcall.c). */
LPWPUPOSTMESSAGE ws2_post_routine(void);
/* The WSPUPCALLTABLE a provider's WSPStartup receives (upcall.c). */
const WSPUPCALLTABLE *ws2_upcall_table(void);
/* The blocking callback WPUQueryBlockingCallback hands out (blocking.c):
 * one round of the Winsock 1.1 blocking hook; FALSE once the call was
 * cancelled. */
BOOL CALLBACK ws2_blocking_callback(DWORD_PTR context);

/* ---- installed name-space providers (nsprovider.c) ---- */
struct ws2_nsp_lookup;
/* Begins the lookup with every installed, enabled provider the query
 * concerns (provider id, name space, or NS_ALL); *ret stays NULL when none
 * took it.  0 or an error. */
DWORD ws2_nsp_begin(WSAQUERYSETW *query, const GUID *provider, DWORD name_space, DWORD flags,
                    struct ws2_nsp_lookup **ret);
/* The providers' next answer in the caller's buffer (ANSI or UTF-16):
 * 0, WSAEFAULT with *len the size needed, WSA_E_NO_MORE, or an error. */
DWORD ws2_nsp_next(struct ws2_nsp_lookup *l, DWORD flags, DWORD *len, void *results, BOOL ansi);
void ws2_nsp_end(struct ws2_nsp_lookup *l);
void ws2_nsp_cleanup(void);
/* The name space of a provider of the name-space catalog; FALSE if none. */
BOOL ws2_nsp_name_space(const GUID *provider, DWORD *name_space);
/* Whether an installed, enabled provider has that id (or, with none, that
 * name space). */
BOOL ws2_nsp_installed(const GUID *provider, DWORD name_space);
/* The addresses installed providers give for a host name (GetAddrInfoEx):
 * 0 with a heap array, or WSAHOST_NOT_FOUND. */
struct ws2_addr;
DWORD ws2_nsp_resolve(const char *name, int family, DWORD name_space, const GUID *provider,
                      struct ws2_addr **addrs, unsigned int *count);
/* Tells the installed providers of a service class installed or removed. */
void ws2_nsp_class_installed(WSASERVICECLASSINFOW *info);
void ws2_nsp_class_removed(const GUID *class_id);
/* WSANSPIoctl for a lookup of installed providers: 0 or the error. */
DWORD ws2_nsp_ioctl(struct ws2_nsp_lookup *l, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                    DWORD *returned, WSACOMPLETION *completion);

/* ---- loaded transport providers and LSPs (provider.c) ---- */
struct ws2_provider;
/* The provider a socket belongs to when a loaded provider made it (not the
 * base code); NULL otherwise, and always inside a provider's own calls. */
struct ws2_provider *ws2_provider_of(SOCKET s);
struct ws2_provider *ws2_provider_of_sets(const fd_set *r, const fd_set *w, const fd_set *x);
/* What the upcalls filed for a handle (upcall.c asks). */
struct ws2_handle_filing
{
    DWORD catalog_id;
    DWORD_PTR context;          /* WPUCreateSocketHandle's */
    BOOL ifs;                   /* the provider's own handle (WPUModifyIFSHandle) */
};
/* Files a handle a provider hands out (the new filing wins over an old
 * one of the same value); calls on it then go to the loaded provider of
 * that catalog entry, if any.  FALSE when out of memory. */
BOOL ws2_provider_file(SOCKET s, DWORD catalog_id, DWORD_PTR context, BOOL ifs);
BOOL ws2_provider_filing(SOCKET s, struct ws2_handle_filing *filing);
/* Forgets a non-IFS filing; FALSE if s has none. */
BOOL ws2_provider_unfile_nonifs(SOCKET s);
/* Forgets any filing of s (the provider closed it). */
void ws2_provider_unregister(SOCKET s);
/* WSASocket's part: FALSE when the base code makes the socket; TRUE with
 * *ret (and the last error) when the catalog chose a loaded provider. */
BOOL ws2_provider_socket(int af, int type, int protocol, WSAPROTOCOL_INFOW *info, GROUP group,
                         DWORD flags, SOCKET *ret);
void ws2_provider_cleanup(void);
/* catalog.c wrote the transport catalog. */
void ws2_provider_catalog_changed(void);
/* One call per export on a provider's socket, with the export's result
 * and last error. */
SOCKET ws2_lsp_accept(struct ws2_provider *p, SOCKET s, struct sockaddr *addr, int *len,
                      LPCONDITIONPROC condition, DWORD_PTR data);
int ws2_lsp_bind(struct ws2_provider *p, SOCKET s, const struct sockaddr *addr, int len);
int ws2_lsp_closesocket(struct ws2_provider *p, SOCKET s);
int ws2_lsp_connect(struct ws2_provider *p, SOCKET s, const struct sockaddr *addr, int len,
                    WSABUF *caller_data, WSABUF *callee_data, QOS *sqos, QOS *gqos);
int ws2_lsp_getpeername(struct ws2_provider *p, SOCKET s, struct sockaddr *addr, int *len);
int ws2_lsp_getsockname(struct ws2_provider *p, SOCKET s, struct sockaddr *addr, int *len);
int ws2_lsp_getsockopt(struct ws2_provider *p, SOCKET s, int level, int name, char *value, int *len);
int ws2_lsp_setsockopt(struct ws2_provider *p, SOCKET s, int level, int name, const char *value, int len);
int ws2_lsp_ioctl(struct ws2_provider *p, SOCKET s, DWORD code, void *in, DWORD in_size, void *out,
                  DWORD out_size, DWORD *returned, WSAOVERLAPPED *overlapped,
                  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);
int ws2_lsp_listen(struct ws2_provider *p, SOCKET s, int backlog);
int ws2_lsp_recv(struct ws2_provider *p, SOCKET s, WSABUF *buffers, DWORD count, DWORD *received,
                 DWORD *flags, BOOL recvfrom, struct sockaddr *from, int *fromlen, WSAOVERLAPPED *overlapped,
                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);
int ws2_lsp_send(struct ws2_provider *p, SOCKET s, WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags,
                 BOOL sendto, const struct sockaddr *to, int tolen, WSAOVERLAPPED *overlapped,
                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);
int ws2_lsp_shutdown(struct ws2_provider *p, SOCKET s, int how);
int ws2_lsp_disconnect(struct ws2_provider *p, SOCKET s, WSABUF *data, BOOL receiving);
int ws2_lsp_event_select(struct ws2_provider *p, SOCKET s, WSAEVENT event, LONG events);
int ws2_lsp_enum_network_events(struct ws2_provider *p, SOCKET s, WSAEVENT event, WSANETWORKEVENTS *events);
int ws2_lsp_async_select(struct ws2_provider *p, SOCKET s, HWND window, UINT message, LONG events);
BOOL ws2_lsp_overlapped_result(struct ws2_provider *p, SOCKET s, WSAOVERLAPPED *overlapped, DWORD *bytes,
                               BOOL wait, DWORD *flags);
int ws2_lsp_send_buffer(struct ws2_provider *p, SOCKET s, const char *buf, int len, int flags,
                        const struct sockaddr *to, int tolen);
int ws2_lsp_recv_buffer(struct ws2_provider *p, SOCKET s, char *buf, int len, int flags,
                        struct sockaddr *from, int *fromlen);
int ws2_lsp_ioctlsocket(struct ws2_provider *p, SOCKET s, LONG cmd, u_long *argp);
int ws2_lsp_sendmsg(struct ws2_provider *p, SOCKET s, WSAMSG *msg, DWORD flags, DWORD *sent,
                    WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);
int ws2_lsp_duplicate(struct ws2_provider *p, SOCKET s, DWORD pid, void *info, BOOL ansi);
SOCKET ws2_lsp_join_leaf(struct ws2_provider *p, SOCKET s, const struct sockaddr *addr, int len,
                         WSABUF *caller_data, WSABUF *callee_data, QOS *sqos, QOS *gqos, DWORD flags);
BOOL ws2_lsp_qos_by_name(struct ws2_provider *p, SOCKET s, WSABUF *name, QOS *qos);
int ws2_lsp_select(struct ws2_provider *p, int n, fd_set *r, fd_set *w, fd_set *x, const struct timeval *timeout);

/* ---- the host path (host.c): data moved by the host's socket calls ---- */
#define WS2_HOST_MAX_BUFFERS 32
/* Whether this DLL can make the host's raw system calls (hostsys.h): an
 * x86_64 build under Wine on Linux. */
BOOL ws2_host_is_linux(void);
/* Whether s (its table entry) may use the host path at all. */
BOOL ws2_host_usable(const struct ws2_socket *info);
/* A send or receive attempted on the host without waiting and without
 * changing what Wine's server knows.  STATUS_PENDING: nothing was done,
 * make the driver request.  Otherwise the result, as the driver's request
 * would have given it (*sent may be short of the total). */
NTSTATUS ws2_host_send(SOCKET s, const struct ws2_socket *info, const WSABUF *buffers, DWORD count,
                       const struct sockaddr *to, int tolen, ULONG_PTR *sent);
NTSTATUS ws2_host_recv(SOCKET s, const struct ws2_socket *info, WSABUF *buffers, DWORD count, DWORD flags,
                       struct sockaddr *from, int *fromlen, ULONG_PTR *received);
/* Readiness looked at on the host for sockets that all may use the host
 * path (ws2_host_usable), nothing consumed: each entry's `ready` gets the
 * WS2_HOST_READ/WRITE conditions it wants that hold now.  The number of
 * entries with something ready, or -1 when the host cannot answer for
 * them all (more than WS2_HOST_MAX_POLL, or an error, hang-up, end of
 * stream or urgent data pending: conditions the driver keeps track of). */
#define WS2_HOST_MAX_POLL 64
#define WS2_HOST_READ     1
#define WS2_HOST_WRITE    2
struct ws2_host_poll
{
    SOCKET socket;
    unsigned char want;
    unsigned char ready;
};
int ws2_host_poll(struct ws2_host_poll *entries, unsigned int count);
/* A blocking accept on the listener INFO is about to wait in the driver:
 * a short spin on the listener's readiness set first, so that a
 * connection due within microseconds is taken by a request that ends at
 * once (one that waits costs three more).  Only a delay: the accept is
 * the driver's either way. */
void ws2_host_before_accept(const struct ws2_socket *info);
/* Closes a host readiness set of a socket leaving the table. */
void ws2_host_poll_close(int fd);
/* s's host readiness set becomes fd unless it has one: the set it has
 * now, or -1 when s is not in the table (sockets.c). */
int ws2_socket_set_host_poll(SOCKET s, int fd);
/* The readiness sets of entries[] in fds[] (-1 for none), read with the
 * table's lock held shared until ws2_socket_host_poll_end, so that no set
 * is closed while in use.  Nothing else may touch the table between. */
void ws2_socket_host_poll_begin(const struct ws2_host_poll *entries, int *fds, unsigned int count);
void ws2_socket_host_poll_end(void);
/* TRUE when the host confirms, without asking the driver, that the handle
 * s still names an IPv4 or IPv6 socket; FALSE means "ask the driver". */
BOOL ws2_host_confirms_socket(SOCKET s);

/* ---- multicast membership (sockopt_ip.c) ---- */
/* setsockopt of a membership option NAME at LEVEL (set_code: the
 * driver's ioctl of the IP_ or IPV6_ form). */
int ws2_set_membership(SOCKET s, int level, int name, ULONG set_code, const char *optval, int optlen);


/* ---- AF_UNIX stream sockets on the host (unixsock.c; x86_64 only) ---- */
/* Whether s is one of them: each export's first question, cheap while
 * there are none. */
BOOL ws2_is_host_socket(SOCKET s);
/* The exports' halves for them, with the exports' results and last error. */
SOCKET ws2_unix_socket(int type, int protocol, DWORD flags);
int ws2_unix_closesocket(SOCKET s);
void ws2_unix_close_all(void);
int ws2_unix_bind(SOCKET s, const struct sockaddr *addr, int len);
int ws2_unix_listen(SOCKET s, int backlog);
SOCKET ws2_unix_accept(SOCKET s, struct sockaddr *addr, int *len);
int ws2_unix_connect(SOCKET s, const struct sockaddr *addr, int len);
int ws2_unix_getname(SOCKET s, struct sockaddr *addr, int *len, BOOL peer);
int ws2_unix_shutdown(SOCKET s, int how);
int ws2_unix_send(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags,
                  WSAOVERLAPPED *overlapped);
int ws2_unix_recv(SOCKET s, const WSABUF *buffers, DWORD count, DWORD *received, DWORD *flags,
                  WSAOVERLAPPED *overlapped);
int ws2_unix_send_buffer(SOCKET s, const char *buf, int len, int flags);
int ws2_unix_recv_buffer(SOCKET s, char *buf, int len, int flags);
int ws2_unix_ioctlsocket(SOCKET s, LONG cmd, u_long *argp);
int ws2_unix_ioctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                   DWORD *ret_size, WSAOVERLAPPED *overlapped);
int ws2_unix_getsockopt(SOCKET s, int level, int name, char *optval, int *optlen);
int ws2_unix_setsockopt(SOCKET s, int level, int name, const char *optval, int optlen);
/* WSAPoll over a set of them, with WSAPoll's result and last error. */
int ws2_unix_wsapoll(WSAPOLLFD *fds, ULONG count, int timeout);
/* select over sets (read, write, except) holding them: FALSE when none
 * does, else TRUE with select's result in *ret. */
BOOL ws2_unix_select(fd_set *sets[3], const struct timeval *timeout, int *ret);

#endif
