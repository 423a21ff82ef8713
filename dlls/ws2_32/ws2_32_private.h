/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ws2_32 internals shared between the function families.
 */
#ifndef WS2_32_PRIVATE_H
#define WS2_32_PRIVATE_H

#define WIN32_LEAN_AND_MEAN
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

#include "afd.h"

/* ---- tracing (trace.c): WINEDEBUG=+ws2_32 or warn+ws2_32 ---- */
extern int ws2_trace_level;     /* 0 off, 1 warn/fixme, 2 trace */
void ws2_debug_printf(const char *kind, const char *func, const char *fmt, ...);
#define TRACE(...) do { if (ws2_trace_level >= 2) ws2_debug_printf("trace", __func__, __VA_ARGS__); } while (0)
#define WARN(...)  do { if (ws2_trace_level >= 1) ws2_debug_printf("warn", __func__, __VA_ARGS__); } while (0)
#define FIXME(...) do { if (ws2_trace_level >= 1) ws2_debug_printf("fixme", __func__, __VA_ARGS__); } while (0)

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
};
/* The calling thread's state, created on first use; NULL when out of memory. */
struct ws2_thread *ws2_get_thread(void);
/* The calling thread's state if it has any yet; never creates it. */
struct ws2_thread *ws2_peek_thread(void);
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

void ws2_socket_add(const struct ws2_socket *entry);
/* TRUE if s was in the table. */
BOOL ws2_socket_remove(SOCKET s);
void ws2_socket_set_state(SOCKET s, LONG state);
void ws2_socket_clear_state(SOCKET s, LONG state);
void ws2_socket_set_error(SOCKET s, int error);
/* Record SO_LINGER as set: on with a time, or not. */
void ws2_socket_set_linger(SOCKET s, const struct linger *linger);
/* The socket's entry; for a handle not in the table, asks the driver.
 * STATUS_INVALID_HANDLE when s is not a socket. */
NTSTATUS ws2_socket_get(SOCKET s, struct ws2_socket *info);

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
/* Convenience wrappers for the option ioctls. */
NTSTATUS afd_get_int(SOCKET s, ULONG code, int *value);
NTSTATUS afd_set_int(SOCKET s, ULONG code, int value);
NTSTATUS afd_get_info(SOCKET s, int *family, int *type, int *protocol);

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

/* ---- memory checks (probe.c) ---- */
BOOL ws2_probe_init(void);
void ws2_probe_cleanup(void);
/* The assembly routines behind the checks (probe.c): probe_read and
 * probe_write 1 when every byte is accessible, probe_strlen the string's
 * length, probe_copy and probe_zero 1 when they wrote len bytes; -1 on a
 * fault.  The checks are inline: they sit on the hottest paths. */
extern int probe_read(const void *p, SIZE_T len);
extern int probe_write(void *p, SIZE_T len);
extern SSIZE_T probe_strlen(const char *p);
extern int probe_copy(void *dst, const void *src, SIZE_T len);
extern int probe_zero(void *dst, SIZE_T len);

/* TRUE if [p, p+len) can be read / written by the caller. */
static inline BOOL ws2_readable(const void *p, SIZE_T len)
{
    if (!p || (const char *)p + len < (const char *)p) return FALSE;   /* NULL or wraps around */
    return probe_read(p, len) == 1;
}

static inline BOOL ws2_writable(void *p, SIZE_T len)
{
    if (!p || (char *)p + len < (char *)p) return FALSE;
    return probe_write(p, len) == 1;
}

/* strlen of a caller's string, or -1 if it runs into memory it cannot read. */
static inline SSIZE_T ws2_string_length(const char *p)
{
    return p ? probe_strlen(p) : -1;
}

/* Copies len bytes where dst or src (or both) is the caller's memory, in
 * place of a probe and then a copy; FALSE (some bytes may have been
 * copied) if either side cannot be accessed. */
static inline BOOL ws2_copy(void *dst, const void *src, SIZE_T len)
{
    return dst && src && probe_copy(dst, src, len) == 1;
}

/* Clears len bytes of the caller's memory; FALSE as ws2_copy.  Where a
 * result is cleared first anyway, this is also the check that it can be
 * written, without the locked probe of ws2_writable. */
static inline BOOL ws2_zero(void *dst, SIZE_T len)
{
    return dst && probe_zero(dst, len) == 1;
}

/* ---- small C runtime (crt.c): the DLL links no C library ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
