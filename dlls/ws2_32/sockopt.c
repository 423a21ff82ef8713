/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * getsockopt and setsockopt (ioctlsocket is in ioctl.c).
 *
 * Windows' length rules differ by option kind (measured by Wine's
 * conformance tests on Windows):
 *  - BOOL options take 1 to 4 bytes; getsockopt writes 1 byte when optlen
 *    is below 4, else a 4-byte value;
 *  - a few BOOL options (SO_KEEPALIVE, SO_DONTROUTE, TCP_NODELAY) are a
 *    single byte: only the low byte is read and getsockopt writes 1 byte;
 *  - integer options need 4 bytes.
 */
#include "ws2_32_private.h"

enum opt_kind
{
    OPT_BOOL,       /* 1..4 bytes, written back as 1 or 4 */
    OPT_BYTE,       /* a one-byte BOOLEAN */
    OPT_INT,        /* a 4-byte integer */
    OPT_SPECIAL,    /* handled by its own code */
};

struct option
{
    int level, name;
    enum opt_kind kind;
    ULONG get_code, set_code;   /* driver ioctls, 0 when not settable/gettable */
};

static const struct option options[] =
{
    { SOL_SOCKET, SO_ACCEPTCONN,       OPT_BOOL, IOCTL_AFD_WINE_GET_SO_ACCEPTCONN, 0 },
    { SOL_SOCKET, SO_BROADCAST,        OPT_BOOL, IOCTL_AFD_WINE_GET_SO_BROADCAST, IOCTL_AFD_WINE_SET_SO_BROADCAST },
    { SOL_SOCKET, SO_DEBUG,            OPT_BOOL, 0, 0 },
    { SOL_SOCKET, SO_DONTLINGER,       OPT_BOOL, 0, 0 },         /* through SO_LINGER */
    { SOL_SOCKET, SO_DONTROUTE,        OPT_BYTE, 0, 0 },
    { SOL_SOCKET, SO_ERROR,            OPT_INT,  IOCTL_AFD_WINE_GET_SO_ERROR, 0 },
    { SOL_SOCKET, SO_EXCLUSIVEADDRUSE, OPT_BOOL, IOCTL_AFD_WINE_GET_SO_EXCLUSIVEADDRUSE, IOCTL_AFD_WINE_SET_SO_EXCLUSIVEADDRUSE },
    { SOL_SOCKET, SO_KEEPALIVE,        OPT_BYTE, IOCTL_AFD_WINE_GET_SO_KEEPALIVE, IOCTL_AFD_WINE_SET_SO_KEEPALIVE },
    { SOL_SOCKET, SO_LINGER,           OPT_SPECIAL, 0, 0 },
    { SOL_SOCKET, SO_OOBINLINE,        OPT_BOOL, IOCTL_AFD_WINE_GET_SO_OOBINLINE, IOCTL_AFD_WINE_SET_SO_OOBINLINE },
    { SOL_SOCKET, SO_RCVBUF,           OPT_INT,  IOCTL_AFD_WINE_GET_SO_RCVBUF, IOCTL_AFD_WINE_SET_SO_RCVBUF },
    { SOL_SOCKET, SO_SNDBUF,           OPT_INT,  IOCTL_AFD_WINE_GET_SO_SNDBUF, IOCTL_AFD_WINE_SET_SO_SNDBUF },
    { SOL_SOCKET, SO_RCVTIMEO,         OPT_INT,  IOCTL_AFD_WINE_GET_SO_RCVTIMEO, IOCTL_AFD_WINE_SET_SO_RCVTIMEO },
    { SOL_SOCKET, SO_SNDTIMEO,         OPT_INT,  IOCTL_AFD_WINE_GET_SO_SNDTIMEO, IOCTL_AFD_WINE_SET_SO_SNDTIMEO },
    { SOL_SOCKET, SO_REUSEADDR,        OPT_BOOL, IOCTL_AFD_WINE_GET_SO_REUSEADDR, IOCTL_AFD_WINE_SET_SO_REUSEADDR },
    { SOL_SOCKET, SO_TYPE,             OPT_SPECIAL, 0, 0 },
    { SOL_SOCKET, SO_PROTOCOL_INFOA,   OPT_SPECIAL, 0, 0 },
    { SOL_SOCKET, SO_PROTOCOL_INFOW,   OPT_SPECIAL, 0, 0 },
    { SOL_SOCKET, SO_MAX_MSG_SIZE,     OPT_SPECIAL, 0, 0 },
    { SOL_SOCKET, SO_CONNECT_TIME,     OPT_INT,  IOCTL_AFD_WINE_GET_SO_CONNECT_TIME, 0 },
    { IPPROTO_TCP, TCP_NODELAY,        OPT_BYTE, IOCTL_AFD_WINE_GET_TCP_NODELAY, IOCTL_AFD_WINE_SET_TCP_NODELAY },
    { IPPROTO_IPV6, IPV6_V6ONLY,       OPT_BOOL, IOCTL_AFD_WINE_GET_IPV6_V6ONLY, IOCTL_AFD_WINE_SET_IPV6_V6ONLY },
    /* Packet information for WSARecvMsg's control data. */
    { IPPROTO_IP, IP_PKTINFO,          OPT_BOOL, IOCTL_AFD_WINE_GET_IP_PKTINFO, IOCTL_AFD_WINE_SET_IP_PKTINFO },
    { IPPROTO_IPV6, IPV6_PKTINFO,      OPT_BOOL, IOCTL_AFD_WINE_GET_IPV6_RECVPKTINFO, IOCTL_AFD_WINE_SET_IPV6_RECVPKTINFO },
};

static const struct option *find_option(int level, int name)
{
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(options); i++)
        if (options[i].level == level && options[i].name == name) return &options[i];
    return NULL;
}

/* The socket-table flag that keeps an option the driver does not have. */
static LONG state_flag(int name)
{
    return name == SO_DEBUG ? WS2_SOCKET_DEBUG : WS2_SOCKET_DONTROUTE;
}

static BOOL known_level(int level)
{
    return level == SOL_SOCKET || level == IPPROTO_TCP || level == IPPROTO_IP ||
           level == IPPROTO_IPV6 || level == IPPROTO_UDP;
}

/* Write an option value back with the option's length rules. */
static int put_value(const struct option *opt, int value, char *optval, int *optlen)
{
    if (opt->kind == OPT_BYTE || (opt->kind == OPT_BOOL && *optlen < (int)sizeof(int)))
    {
        *optval = value ? 1 : 0;
        *optlen = 1;
        return 0;
    }
    if (*optlen < (int)sizeof(int)) return ws2_fail(WSAEFAULT);
    memcpy(optval, &value, sizeof(value));
    *optlen = sizeof(value);
    return 0;
}

static int get_protocol_info(SOCKET s, int name, char *optval, int *optlen)
{
    WSAPROTOCOL_INFOW info;
    int family, type, protocol, size;
    NTSTATUS status = afd_get_info(s, &family, &type, &protocol);
    DWORD err;

    if (status) return ws2_status_result(status);
    size = name == SO_PROTOCOL_INFOA ? sizeof(WSAPROTOCOL_INFOA) : sizeof(WSAPROTOCOL_INFOW);
    if (*optlen < size)
    {
        /* The caller learns the size it needs. */
        *optlen = size;
        return ws2_fail(WSAEFAULT);
    }
    if ((err = ws2_catalog_for_socket(family, type, protocol, &info))) return ws2_fail(err);
    if (name == SO_PROTOCOL_INFOA) ws2_protocol_info_w_to_a(&info, (WSAPROTOCOL_INFOA *)optval);
    else memcpy(optval, &info, sizeof(info));
    return 0;
}

/* These ask the driver even though the socket table knows the answer: a
 * value left stale by CloseHandle must still report WSAENOTSOCK. */
static int get_special(SOCKET s, const struct option *opt, char *optval, int *optlen)
{
    struct linger linger;
    NTSTATUS status;
    int type;

    switch (opt->name)
    {
    case SO_LINGER:
        if (*optlen < (int)sizeof(linger)) return ws2_fail(WSAEFAULT);
        status = afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0, &linger, sizeof(linger), NULL);
        if (status) return ws2_status_result(status);
        memcpy(optval, &linger, sizeof(linger));
        *optlen = sizeof(linger);
        return 0;
    case SO_TYPE:
        if ((status = afd_get_info(s, NULL, &type, NULL))) return ws2_status_result(status);
        return put_value(opt, type, optval, optlen);
    case SO_MAX_MSG_SIZE:
        if ((status = afd_get_info(s, NULL, &type, NULL))) return ws2_status_result(status);
        /* Streams have no message size; UDP's is 65535 minus the headers. */
        return put_value(opt, type == SOCK_STREAM ? 0x7fffffff : 65507, optval, optlen);
    case SO_PROTOCOL_INFOA:
    case SO_PROTOCOL_INFOW:
        return get_protocol_info(s, opt->name, optval, optlen);
    }
    return ws2_fail(WSAENOPROTOOPT);
}

int WINAPI getsockopt(SOCKET s, int level, int name, char *optval, int *optlen)
{
    struct ws2_provider *p;
    const struct option *opt;
    struct ws2_socket info;
    NTSTATUS status;
    DWORD err;
    int value;

    TRACE("%#Ix %#x %#x %p %p\n", s, level, name, optval, optlen);
    if ((p = ws2_provider_of(s))) return ws2_lsp_getsockopt(p, s, level, name, optval, optlen);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    /* A handle that is not a socket is reported before any argument. */
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    if (!known_level(level)) return ws2_fail(WSAEINVAL);
    if (!(opt = find_option(level, name))) return ws2_fail(WSAENOPROTOOPT);
    if (!optval || !optlen || !ws2_writable(optlen, sizeof(*optlen))) return ws2_fail(WSAEFAULT);
    if (*optlen <= 0 || !ws2_writable(optval, *optlen)) return ws2_fail(WSAEFAULT);

    if (opt->kind == OPT_SPECIAL) return get_special(s, opt, optval, optlen);
    if (level == SOL_SOCKET && name == SO_DONTLINGER)
    {
        struct linger linger;
        status = afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0, &linger, sizeof(linger), NULL);
        if (status) return ws2_status_result(status);
        return put_value(opt, !linger.l_onoff, optval, optlen);
    }
    /* Integer options check the length before asking the driver. */
    if (opt->kind == OPT_INT && *optlen < (int)sizeof(int)) return ws2_fail(WSAEFAULT);
    if (opt->get_code)
    {
        if ((status = afd_get_int(s, opt->get_code, &value))) return ws2_status_result(status);
        /* Windows lets an application set SO_ERROR; the socket's own error
         * comes first. */
        if (name == SO_ERROR && level == SOL_SOCKET && !value) value = info.error;
    }
    else value = !!(info.state & state_flag(name));
    return put_value(opt, value, optval, optlen);
}

/* Read a BOOL/BYTE/INT option value with Windows' length rules; returns 0 or
 * the error. */
static DWORD read_value(const struct option *opt, int level, const char *optval, int optlen, int *value)
{
    if (optlen < 0)
    {
        /* A negative length reads as huge: only 4-byte socket options take it. */
        if (opt->kind == OPT_BYTE || level != SOL_SOCKET) return WSAENOBUFS;
        optlen = sizeof(int);
    }
    if (!ws2_readable(optval, optlen < (int)sizeof(int) ? optlen : (int)sizeof(int))) return WSAEFAULT;
    switch (opt->kind)
    {
    case OPT_BYTE:
        if (optlen < 1) return WSAEFAULT;
        *value = *(const unsigned char *)optval;
        return 0;
    case OPT_BOOL:
        if (optlen < 1) return WSAEFAULT;
        if (optlen < (int)sizeof(int)) *value = *(const unsigned char *)optval;
        else memcpy(value, optval, sizeof(*value));
        *value = !!*value;
        return 0;
    default:
        if (optlen < (int)sizeof(int)) return WSAEFAULT;
        memcpy(value, optval, sizeof(*value));
        return 0;
    }
}

static int set_linger(SOCKET s, const struct linger *linger)
{
    NTSTATUS status = afd_call(s, IOCTL_AFD_WINE_SET_SO_LINGER, linger, sizeof(*linger), NULL, 0, NULL);

    if (status) return ws2_status_result(status);
    ws2_socket_set_linger(s, linger);   /* closesocket needs it without asking */
    return 0;
}

/* SO_UPDATE_ACCEPT_CONTEXT: a socket AcceptEx accepted into takes on the
 * listening socket's connected state, as accept's new socket does (the
 * listener must be a socket). */
static int update_accept_context(SOCKET s, const char *optval, int optlen)
{
    struct ws2_socket listener;
    SOCKET l;
    NTSTATUS status;

    if (!optval || optlen < (int)sizeof(l) || !ws2_copy(&l, optval, sizeof(l))) return ws2_fail(WSAEFAULT);
    if ((status = ws2_socket_get(l, &listener))) return ws2_status_result(status);
    ws2_socket_clear_state(s, WS2_SOCKET_REUSABLE | WS2_SOCKET_CONNECTING);
    ws2_socket_set_state(s, WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED);
    return 0;
}

int WINAPI setsockopt(SOCKET s, int level, int name, const char *optval, int optlen)
{
    struct ws2_provider *p;
    const struct option *opt;
    struct ws2_socket info;
    struct linger linger;
    NTSTATUS status;
    DWORD err;
    int value;

    TRACE("%#Ix %#x %#x %p %d\n", s, level, name, optval, optlen);
    if ((p = ws2_provider_of(s))) return ws2_lsp_setsockopt(p, s, level, name, optval, optlen);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    if (!known_level(level)) return ws2_fail(WSAEINVAL);
    /* A socket connected by ConnectEx (or WSAConnectByName/List, which
     * record it themselves) takes this with no value: from now on it
     * counts as connected. */
    if (level == SOL_SOCKET && name == SO_UPDATE_CONNECT_CONTEXT)
    {
        if (!(info.state & (WS2_SOCKET_CONNECTING | WS2_SOCKET_CONNECTED | WS2_SOCKET_UNTRACKED)))
            return ws2_fail(WSAENOTCONN);
        ws2_socket_clear_state(s, WS2_SOCKET_CONNECTING | WS2_SOCKET_REUSABLE);
        ws2_socket_set_state(s, WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED);
        return 0;
    }
    if (level == SOL_SOCKET && name == SO_UPDATE_ACCEPT_CONTEXT) return update_accept_context(s, optval, optlen);
    if (!(opt = find_option(level, name))) return ws2_fail(WSAENOPROTOOPT);
    if (!optval) return ws2_fail(WSAEFAULT);

    if (name == SO_LINGER && level == SOL_SOCKET)
    {
        if (optlen < (int)sizeof(linger) || !ws2_readable(optval, sizeof(linger))) return ws2_fail(WSAEFAULT);
        memcpy(&linger, optval, sizeof(linger));
        return set_linger(s, &linger);
    }
    /* A zero length on a socket-level BOOL option is accepted and changes nothing. */
    if (!optlen && level == SOL_SOCKET && opt->kind == OPT_BOOL) return 0;
    if (name == SO_ERROR && level == SOL_SOCKET)
    {
        if ((err = read_value(opt, level, optval, optlen, &value))) return ws2_fail(err);
        ws2_socket_set_error(s, value);
        SetLastError(0);
        return 0;
    }
    if (opt->kind == OPT_SPECIAL || (!opt->set_code && opt->get_code))
        return ws2_fail(WSAENOPROTOOPT);    /* read-only options */
    if ((err = read_value(opt, level, optval, optlen, &value))) return ws2_fail(err);
    if (name == SO_DONTLINGER && level == SOL_SOCKET)
    {
        /* SO_DONTLINGER is SO_LINGER's switch, keeping its timeout. */
        status = afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0, &linger, sizeof(linger), NULL);
        if (status) return ws2_status_result(status);
        linger.l_onoff = !value;
        return set_linger(s, &linger);
    }
    if (!opt->set_code)
    {
        /* SO_DEBUG and SO_DONTROUTE have no effect on the TCP/IP provider;
         * Windows only remembers them. */
        if (value) ws2_socket_set_state(s, state_flag(name));
        else ws2_socket_clear_state(s, state_flag(name));
        return 0;
    }
    if (name == SO_REUSEADDR || name == SO_EXCLUSIVEADDRUSE)
    {
        /* The two are exclusive: turning one on while the other is on fails. */
        int other = 0;
        ULONG other_code = name == SO_REUSEADDR ? IOCTL_AFD_WINE_GET_SO_EXCLUSIVEADDRUSE
                                                : IOCTL_AFD_WINE_GET_SO_REUSEADDR;
        if (value && (status = afd_get_int(s, other_code, &other))) return ws2_status_result(status);
        if (value && other) return ws2_fail(WSAEINVAL);
    }
    return ws2_status_result(afd_set_int(s, opt->set_code, value));
}
