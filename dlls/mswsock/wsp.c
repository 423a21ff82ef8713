/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSPStartup: mswsock as the base transport provider of the SPI.  Our
 * ws2_32 talks to the socket driver itself and never loads this DLL for
 * its own catalog entries; a layered provider (LSP) that finds
 * %SystemRoot%\system32\mswsock.dll below itself through
 * WSCGetProviderPath loads us, and each WSP* call here is the matching
 * ws2_32 export on the same socket handle.  There is no loop: ws2_32's
 * base entries never route back into mswsock.
 *
 * Every WSP function reports failure through *lpErrno, which is the
 * WSAGetLastError() of the ws2_32 call that failed.
 */
#include "mswsock_private.h"

/* Stores the last WinSock error in *err (when the caller gave one) and
 * returns it. */
static int report(int *err)
{
    int code = WSAGetLastError();

    if (err) *err = code;
    return code;
}

/* Fails with a chosen code: both *err and the thread's last error. */
static int fail_with(int *err, int code)
{
    WSASetLastError(code);
    if (err) *err = code;
    return code;
}

static SOCKET WSPAPI wsp_accept(SOCKET s, struct sockaddr *addr, INT *len, LPCONDITIONPROC cond,
                                DWORD_PTR data, INT *err)
{
    SOCKET r = WSAAccept(s, addr, len, cond, data);
    if (r == INVALID_SOCKET) report(err);
    return r;
}

/* The provider's own protocol information is not passed down: it names
 * the caller's catalog entry, and ws2_32 would route it back there. */
static INT WSPAPI wsp_address_to_string(SOCKADDR *addr, DWORD len, WSAPROTOCOL_INFOW *info,
                                        WCHAR *str, DWORD *str_len, INT *err)
{
    INT r = WSAAddressToStringW(addr, len, NULL, str, str_len);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_async_select(SOCKET s, HWND hwnd, unsigned int msg, LONG events, INT *err)
{
    int r = WSAAsyncSelect(s, hwnd, msg, events);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_bind(SOCKET s, const struct sockaddr *name, int len, INT *err)
{
    int r = bind(s, name, len);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_cancel_blocking_call(INT *err)
{
    int r = WSACancelBlockingCall();
    if (r) report(err);
    return r;
}

/* One WSPCleanup per successful WSPStartup, each releasing the ws2_32
 * reference WSPStartup took. */
static int WSPAPI wsp_cleanup(INT *err)
{
    int r = WSACleanup();
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_close_socket(SOCKET s, INT *err)
{
    int r = closesocket(s);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_connect(SOCKET s, const struct sockaddr *name, int len, WSABUF *caller,
                              WSABUF *callee, QOS *sqos, QOS *gqos, INT *err)
{
    int r = WSAConnect(s, name, len, caller, callee, sqos, gqos);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_duplicate_socket(SOCKET s, DWORD pid, WSAPROTOCOL_INFOW *info, INT *err)
{
    int r = WSADuplicateSocketW(s, pid, info);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_enum_network_events(SOCKET s, WSAEVENT event, WSANETWORKEVENTS *events, INT *err)
{
    int r = WSAEnumNetworkEvents(s, event, events);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_event_select(SOCKET s, WSAEVENT event, LONG events, INT *err)
{
    int r = WSAEventSelect(s, event, events);
    if (r) report(err);
    return r;
}

static BOOL WSPAPI wsp_get_overlapped_result(SOCKET s, WSAOVERLAPPED *ov, DWORD *transfer, BOOL wait,
                                             DWORD *flags, INT *err)
{
    BOOL r = WSAGetOverlappedResult(s, ov, transfer, wait, flags);
    if (!r) report(err);
    return r;
}

static int WSPAPI wsp_get_peer_name(SOCKET s, struct sockaddr *name, INT *len, INT *err)
{
    int r = getpeername(s, name, len);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_get_sock_name(SOCKET s, struct sockaddr *name, INT *len, INT *err)
{
    int r = getsockname(s, name, len);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_get_sock_opt(SOCKET s, int level, int name, char *value, INT *len, INT *err)
{
    int r = getsockopt(s, level, name, value, len);
    if (r) report(err);
    return r;
}

static BOOL WSPAPI wsp_get_qos_by_name(SOCKET s, WSABUF *name, QOS *qos, INT *err)
{
    BOOL r = WSAGetQOSByName(s, name, qos);
    if (!r) report(err);
    return r;
}

/* The completion routine runs as an APC on the calling thread, which is
 * the thread lpThreadId names: ws2_32 queues it there itself. */
static int WSPAPI wsp_ioctl(SOCKET s, DWORD code, void *in, DWORD in_len, void *out, DWORD out_len,
                            DWORD *returned, WSAOVERLAPPED *ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE done,
                            WSATHREADID *thread, INT *err)
{
    int r = WSAIoctl(s, code, in, in_len, out, out_len, returned, ov, done);
    if (r) report(err);
    return r;
}

static SOCKET WSPAPI wsp_join_leaf(SOCKET s, const struct sockaddr *name, int len, WSABUF *caller,
                                   WSABUF *callee, QOS *sqos, QOS *gqos, DWORD flags, INT *err)
{
    SOCKET r = WSAJoinLeaf(s, name, len, caller, callee, sqos, gqos, flags);
    if (r == INVALID_SOCKET) report(err);
    return r;
}

static int WSPAPI wsp_listen(SOCKET s, int backlog, INT *err)
{
    int r = listen(s, backlog);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_recv(SOCKET s, WSABUF *bufs, DWORD count, DWORD *got, DWORD *flags,
                           WSAOVERLAPPED *ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE done,
                           WSATHREADID *thread, INT *err)
{
    int r = WSARecv(s, bufs, count, got, flags, ov, done);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_recv_disconnect(SOCKET s, WSABUF *data, INT *err)
{
    int r = WSARecvDisconnect(s, data);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_recv_from(SOCKET s, WSABUF *bufs, DWORD count, DWORD *got, DWORD *flags,
                                struct sockaddr *from, INT *from_len, WSAOVERLAPPED *ov,
                                LPWSAOVERLAPPED_COMPLETION_ROUTINE done, WSATHREADID *thread, INT *err)
{
    int r = WSARecvFrom(s, bufs, count, got, flags, from, from_len, ov, done);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, const PTIMEVAL timeout, INT *err)
{
    int r = select(nfds, rd, wr, ex, timeout);
    if (r == SOCKET_ERROR) report(err);
    return r;
}

static int WSPAPI wsp_send(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags,
                           WSAOVERLAPPED *ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE done,
                           WSATHREADID *thread, INT *err)
{
    int r = WSASend(s, bufs, count, sent, flags, ov, done);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_send_disconnect(SOCKET s, WSABUF *data, INT *err)
{
    int r = WSASendDisconnect(s, data);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_send_to(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags,
                              const struct sockaddr *to, int to_len, WSAOVERLAPPED *ov,
                              LPWSAOVERLAPPED_COMPLETION_ROUTINE done, WSATHREADID *thread, INT *err)
{
    int r = WSASendTo(s, bufs, count, sent, flags, to, to_len, ov, done);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_set_sock_opt(SOCKET s, int level, int name, const char *value, int len, INT *err)
{
    int r = setsockopt(s, level, name, value, len);
    if (r) report(err);
    return r;
}

static int WSPAPI wsp_shutdown(SOCKET s, int how, INT *err)
{
    int r = shutdown(s, how);
    if (r) report(err);
    return r;
}

/* FROM_PROTOCOL_INFO in af/type/protocol means "take it from lpProtocolInfo"
 * (WSPSocket's documentation); the info itself stays here, as above. */
static SOCKET WSPAPI wsp_socket(int af, int type, int protocol, WSAPROTOCOL_INFOW *info, GROUP g,
                                DWORD flags, INT *err)
{
    SOCKET s;

    if (info)
    {
        if (!msw_readable(info, sizeof(*info)))
        {
            fail_with(err, WSAEFAULT);
            return INVALID_SOCKET;
        }
        if (af == FROM_PROTOCOL_INFO) af = info->iAddressFamily;
        if (type == FROM_PROTOCOL_INFO) type = info->iSocketType;
        if (protocol == FROM_PROTOCOL_INFO) protocol = info->iProtocol;
    }
    s = WSASocketW(af, type, protocol, NULL, g, flags);
    if (s == INVALID_SOCKET) report(err);
    return s;
}

static INT WSPAPI wsp_string_to_address(WCHAR *str, INT family, WSAPROTOCOL_INFOW *info,
                                        SOCKADDR *addr, INT *len, INT *err)
{
    INT r = WSAStringToAddressW(str, family, NULL, addr, len);
    if (r) report(err);
    return r;
}

static const WSPPROC_TABLE wsp_table =
{
    wsp_accept,
    wsp_address_to_string,
    wsp_async_select,
    wsp_bind,
    wsp_cancel_blocking_call,
    wsp_cleanup,
    wsp_close_socket,
    wsp_connect,
    wsp_duplicate_socket,
    wsp_enum_network_events,
    wsp_event_select,
    wsp_get_overlapped_result,
    wsp_get_peer_name,
    wsp_get_sock_name,
    wsp_get_sock_opt,
    wsp_get_qos_by_name,
    wsp_ioctl,
    wsp_join_leaf,
    wsp_listen,
    wsp_recv,
    wsp_recv_disconnect,
    wsp_recv_from,
    wsp_select,
    wsp_send,
    wsp_send_disconnect,
    wsp_send_to,
    wsp_set_sock_opt,
    wsp_shutdown,
    wsp_socket,
    wsp_string_to_address,
};

/* The only SPI version this provider speaks is 2.2. */
#define WSP_VERSION MAKEWORD(2, 2)

static const WCHAR wsp_description[] = L"mswsock base provider (ws2_32 reimplementation)";

/*
 * WSPStartup (ws2spi.h): a request below 2.2 is WSAVERNOTSUPPORTED, a
 * higher one is answered with 2.2; WSAEFAULT when lpWSPData or
 * lpProcTable cannot be written.  The upcall table is not needed: every
 * call goes to ws2_32's exports.  Each success holds one ws2_32 reference
 * (WSAStartup), released by WSPCleanup.
 */
int WSPAPI WSPStartup(WORD version, WSPDATA *data, WSAPROTOCOL_INFOW *info, WSPUPCALLTABLE upcalls,
                      WSPPROC_TABLE *table)
{
    WSADATA wsadata;
    int err;

    if (!msw_writable(data, sizeof(*data)) || !msw_writable(table, sizeof(*table)))
        return WSAEFAULT;
    if (LOBYTE(version) < 2 || (LOBYTE(version) == 2 && HIBYTE(version) < 2))
        return WSAVERNOTSUPPORTED;
    if ((err = WSAStartup(WSP_VERSION, &wsadata))) return err;

    data->wVersion = WSP_VERSION;
    data->wHighVersion = WSP_VERSION;
    memset(data->szDescription, 0, sizeof(data->szDescription));
    memcpy(data->szDescription, wsp_description, sizeof(wsp_description));
    *table = wsp_table;
    return 0;
}
