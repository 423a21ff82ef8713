/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * getsockopt and setsockopt (ioctlsocket is in ioctl.c).
 *
 * Windows' length rules differ by option kind (measured by Wine's
 * conformance tests on Windows):
 *  - BOOL options take 1 to 4 bytes; getsockopt writes 1 byte when optlen
 *    is below 4, else a 4-byte value;
 *  - a few BOOL options (SO_KEEPALIVE, SO_DONTROUTE, TCP_NODELAY,
 *    IPV6_V6ONLY) are a single byte: only the low byte is read and
 *    getsockopt writes 1 byte;
 *  - socket-level integers need 4 bytes;
 *  - small IP integers (TTL, TOS, hop limits) take 1 to 4 bytes like BOOLs
 *    but keep their value, and refuse one above 255;
 *  - the IP-level switches for control data (IP_PKTINFO and the like) and
 *    the other DWORD options need 4 bytes; a short getsockopt buffer gets
 *    its length set to 0.
 * Options Wine's driver does not have are remembered in the socket table
 * (struct ws2_socket's options[]) and only change what getsockopt reports.
 */
#include "ws2_32_private.h"

#include "ws2sdk.h"
/* IP_MTU_DISCOVER's PMTUD_STATE values. */
#define PMTUD_NOT_SET 0
#define PMTUD_DONT    2
#define PMTUD_PROBE   3

enum opt_kind
{
    OPT_BOOL,       /* 1..4 bytes, written back as 1 or 4 */
    OPT_BYTE,       /* a one-byte BOOLEAN */
    OPT_INT,        /* a 4-byte socket-level integer */
    OPT_SMALL,      /* 1..4 bytes, a value of 0..255 */
    OPT_FLAG,       /* a 4-byte BOOL; a short buffer reports length 0 */
    OPT_DWORD,      /* a 4-byte value; a short buffer reports length 0 */
    OPT_SPECIAL,    /* handled by its own code */
};

/* Socket types an option applies to (0: any). */
#define ON_STREAM   0x1
#define ON_DGRAM    0x2
#define ON_RAW      0x4
#define ON_DATAGRAMS (ON_DGRAM | ON_RAW)

/* Flags. */
#define READ_ONLY       0x1
#define WRITE_ONLY      0x2
#define BEFORE_BIND     0x4     /* set only on a socket not bound yet */
#define BEFORE_LISTEN   0x8     /* set only on a socket not listening */
#define HOST_SWAPS      0x10    /* the host takes it in network byte order */

/* Slots of struct ws2_socket's options[] (remembered values). */
enum
{
    SLOT_NONE = -1,
    SLOT_GROUP_PRIORITY,
    SLOT_CONDITIONAL_ACCEPT,
    SLOT_PORT_SCALABILITY,
    SLOT_RANDOMIZE_PORT,
    SLOT_MTU_DISCOVER,
    SLOT_RECVECN,
    SLOT_EXPEDITED,
    SLOT_KEEPIDLE,
    SLOT_KEEPINTVL,
    SLOT_KEEPCNT,
    SLOT_MAXRT,
    SLOT_TIMESTAMPS,
    SLOT_FASTOPEN,
    SLOT_FAIL_ON_ICMP,
    SLOT_NOCHECKSUM,
    SLOT_CHECKSUM_COVERAGE,
    SLOT_SEND_MSG_SIZE,
    SLOT_RECV_COALESCED,
};

struct option
{
    int level, name;
    enum opt_kind kind;
    ULONG get_code, set_code;   /* driver ioctls, 0 when the driver has none */
    unsigned char types;        /* ON_* */
    unsigned char flags;
    signed char slot;           /* SLOT_*: kept here instead of the driver */
    int initial;                /* a remembered option's value before any set */
    unsigned int max;           /* largest value setsockopt takes (0: any) */
};

#define DRIVER(get, set) IOCTL_AFD_WINE_GET_##get, IOCTL_AFD_WINE_SET_##set
#define DRIVER_GET(get)  IOCTL_AFD_WINE_GET_##get, 0
#define DRIVER_SET(set)  0, IOCTL_AFD_WINE_SET_##set
#define NO_DRIVER        0, 0

static const struct option options[] =
{
    /* SOL_SOCKET */
    { SOL_SOCKET, SO_ACCEPTCONN,       OPT_BOOL, DRIVER_GET(SO_ACCEPTCONN), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_BROADCAST,        OPT_BOOL, DRIVER(SO_BROADCAST, SO_BROADCAST), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_DEBUG,            OPT_BOOL, NO_DRIVER, 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_DONTLINGER,       OPT_BOOL, NO_DRIVER, 0, 0, SLOT_NONE },   /* through SO_LINGER */
    { SOL_SOCKET, SO_DONTROUTE,        OPT_BYTE, NO_DRIVER, 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_ERROR,            OPT_INT,  DRIVER_GET(SO_ERROR), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_EXCLUSIVEADDRUSE, OPT_BOOL, DRIVER(SO_EXCLUSIVEADDRUSE, SO_EXCLUSIVEADDRUSE), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_KEEPALIVE,        OPT_BYTE, DRIVER(SO_KEEPALIVE, SO_KEEPALIVE), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_LINGER,           OPT_SPECIAL, NO_DRIVER, 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_OOBINLINE,        OPT_BOOL, DRIVER(SO_OOBINLINE, SO_OOBINLINE), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_RCVBUF,           OPT_INT,  DRIVER(SO_RCVBUF, SO_RCVBUF), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_SNDBUF,           OPT_INT,  DRIVER(SO_SNDBUF, SO_SNDBUF), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_RCVTIMEO,         OPT_INT,  DRIVER(SO_RCVTIMEO, SO_RCVTIMEO), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_SNDTIMEO,         OPT_INT,  DRIVER(SO_SNDTIMEO, SO_SNDTIMEO), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_REUSEADDR,        OPT_BOOL, DRIVER(SO_REUSEADDR, SO_REUSEADDR), 0, 0, SLOT_NONE },
    { SOL_SOCKET, SO_TYPE,             OPT_SPECIAL, NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { SOL_SOCKET, SO_PROTOCOL_INFOA,   OPT_SPECIAL, NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { SOL_SOCKET, SO_PROTOCOL_INFOW,   OPT_SPECIAL, NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { SOL_SOCKET, SO_MAX_MSG_SIZE,     OPT_SPECIAL, NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { SOL_SOCKET, SO_BSP_STATE,        OPT_SPECIAL, NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { SOL_SOCKET, SO_CONNECT_TIME,     OPT_INT,  DRIVER_GET(SO_CONNECT_TIME), 0, 0, SLOT_NONE },
    /* Winsock 2 socket groups were never implemented by Microsoft's
     * providers: no socket is in a group, the priority is only kept. */
    { SOL_SOCKET, SO_GROUP_ID,         OPT_INT,  NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { SOL_SOCKET, SO_GROUP_PRIORITY,   OPT_INT,  NO_DRIVER, 0, 0, SLOT_GROUP_PRIORITY },
    /* The driver cannot defer a connection (see WSAAccept's CF_DEFER). */
    { SOL_SOCKET, SO_CONDITIONAL_ACCEPT, OPT_BOOL, NO_DRIVER, ON_STREAM, BEFORE_LISTEN, SLOT_CONDITIONAL_ACCEPT },
    { SOL_SOCKET, SO_PORT_SCALABILITY, OPT_BOOL, NO_DRIVER, 0, BEFORE_BIND, SLOT_PORT_SCALABILITY },
    { SOL_SOCKET, SO_RANDOMIZE_PORT,   OPT_BOOL, NO_DRIVER, 0, BEFORE_BIND, SLOT_RANDOMIZE_PORT },

    /* IPPROTO_IP */
    { IPPROTO_IP, IP_OPTIONS,          OPT_SPECIAL, DRIVER(IP_OPTIONS, IP_OPTIONS), 0, 0, SLOT_NONE },
    { IPPROTO_IP, IP_HDRINCL,          OPT_BOOL,  DRIVER(IP_HDRINCL, IP_HDRINCL), ON_RAW, 0, SLOT_NONE },
    { IPPROTO_IP, IP_TOS,              OPT_SMALL, DRIVER(IP_TOS, IP_TOS), 0, 0, SLOT_NONE },
    { IPPROTO_IP, IP_TTL,              OPT_SMALL, DRIVER(IP_TTL, IP_TTL), 0, 0, SLOT_NONE },
    { IPPROTO_IP, IP_MULTICAST_IF,     OPT_DWORD, DRIVER(IP_MULTICAST_IF, IP_MULTICAST_IF), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IP, IP_MULTICAST_TTL,    OPT_SMALL, DRIVER(IP_MULTICAST_TTL, IP_MULTICAST_TTL), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IP, IP_MULTICAST_LOOP,   OPT_BOOL,  DRIVER(IP_MULTICAST_LOOP, IP_MULTICAST_LOOP), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IP, IP_ADD_MEMBERSHIP,   OPT_SPECIAL, DRIVER_SET(IP_ADD_MEMBERSHIP), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, IP_DROP_MEMBERSHIP,  OPT_SPECIAL, DRIVER_SET(IP_DROP_MEMBERSHIP), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, OPT_SPECIAL, DRIVER_SET(IP_ADD_SOURCE_MEMBERSHIP), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, OPT_SPECIAL, DRIVER_SET(IP_DROP_SOURCE_MEMBERSHIP), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, IP_BLOCK_SOURCE,     OPT_SPECIAL, DRIVER_SET(IP_BLOCK_SOURCE), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, IP_UNBLOCK_SOURCE,   OPT_SPECIAL, DRIVER_SET(IP_UNBLOCK_SOURCE), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, IP_DONTFRAGMENT,     OPT_BOOL,  DRIVER(IP_DONTFRAGMENT, IP_DONTFRAGMENT), 0, 0, SLOT_NONE },
    { IPPROTO_IP, IP_PKTINFO,          OPT_FLAG,  DRIVER(IP_PKTINFO, IP_PKTINFO), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IP, IP_RECVTTL,          OPT_FLAG,  DRIVER(IP_RECVTTL, IP_RECVTTL), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IP, IP_RECVTOS,          OPT_FLAG,  DRIVER(IP_RECVTOS, IP_RECVTOS), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IP, IP_RECVECN,          OPT_FLAG,  NO_DRIVER, ON_DATAGRAMS, 0, SLOT_RECVECN },
    { IPPROTO_IP, IP_UNICAST_IF,       OPT_DWORD, DRIVER(IP_UNICAST_IF, IP_UNICAST_IF), 0, 0, SLOT_NONE },
    { IPPROTO_IP, IP_MTU_DISCOVER,     OPT_SPECIAL, NO_DRIVER, 0, 0, SLOT_MTU_DISCOVER },
    { IPPROTO_IP, IP_MTU,              OPT_SPECIAL, NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { IPPROTO_IP, MCAST_JOIN_GROUP,    OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, MCAST_LEAVE_GROUP,   OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, MCAST_BLOCK_SOURCE,  OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, MCAST_UNBLOCK_SOURCE, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, MCAST_JOIN_SOURCE_GROUP, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IP, MCAST_LEAVE_SOURCE_GROUP, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },

    /* IPPROTO_IPV6 */
    { IPPROTO_IPV6, IPV6_V6ONLY,       OPT_BYTE,  DRIVER(IPV6_V6ONLY, IPV6_V6ONLY), 0, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_UNICAST_HOPS, OPT_SMALL, DRIVER(IPV6_UNICAST_HOPS, IPV6_UNICAST_HOPS), 0, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_MULTICAST_IF, OPT_DWORD, DRIVER(IPV6_MULTICAST_IF, IPV6_MULTICAST_IF), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_MULTICAST_HOPS, OPT_SMALL, DRIVER(IPV6_MULTICAST_HOPS, IPV6_MULTICAST_HOPS), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_MULTICAST_LOOP, OPT_BOOL, DRIVER(IPV6_MULTICAST_LOOP, IPV6_MULTICAST_LOOP), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, OPT_SPECIAL, DRIVER_SET(IPV6_ADD_MEMBERSHIP), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, OPT_SPECIAL, DRIVER_SET(IPV6_DROP_MEMBERSHIP), ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_DONTFRAG,     OPT_BOOL,  DRIVER(IPV6_DONTFRAG, IPV6_DONTFRAG), 0, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_PKTINFO,      OPT_FLAG,  DRIVER(IPV6_RECVPKTINFO, IPV6_RECVPKTINFO), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_HOPLIMIT,     OPT_FLAG,  DRIVER(IPV6_RECVHOPLIMIT, IPV6_RECVHOPLIMIT), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_RECVTCLASS,   OPT_FLAG,  DRIVER(IPV6_RECVTCLASS, IPV6_RECVTCLASS), ON_DATAGRAMS, 0, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_RECVECN,      OPT_FLAG,  NO_DRIVER, ON_DATAGRAMS, 0, SLOT_RECVECN },
    /* Windows takes IPv6's index in host order, Linux in network order. */
    { IPPROTO_IPV6, IPV6_UNICAST_IF,   OPT_DWORD, DRIVER(IPV6_UNICAST_IF, IPV6_UNICAST_IF), 0, HOST_SWAPS, SLOT_NONE },
    { IPPROTO_IPV6, IPV6_MTU_DISCOVER, OPT_SPECIAL, NO_DRIVER, 0, 0, SLOT_MTU_DISCOVER },
    { IPPROTO_IPV6, IPV6_MTU,          OPT_SPECIAL, NO_DRIVER, 0, READ_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, MCAST_JOIN_GROUP,  OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, MCAST_LEAVE_GROUP, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, MCAST_BLOCK_SOURCE, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, MCAST_UNBLOCK_SOURCE, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, MCAST_JOIN_SOURCE_GROUP, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },
    { IPPROTO_IPV6, MCAST_LEAVE_SOURCE_GROUP, OPT_SPECIAL, NO_DRIVER, ON_DATAGRAMS, WRITE_ONLY, SLOT_NONE },

    /* IPPROTO_TCP; Windows' keep-alive defaults are 2 hours, 1 second and
     * 10 probes. */
    { IPPROTO_TCP, TCP_NODELAY,        OPT_BYTE,  DRIVER(TCP_NODELAY, TCP_NODELAY), ON_STREAM, 0, SLOT_NONE },
    { IPPROTO_TCP, TCP_EXPEDITED_1122, OPT_FLAG,  NO_DRIVER, ON_STREAM, 0, SLOT_EXPEDITED },
    { IPPROTO_TCP, TCP_KEEPALIVE,      OPT_DWORD, DRIVER(TCP_KEEPALIVE, TCP_KEEPALIVE), ON_STREAM, 0, SLOT_KEEPIDLE, 7200 },
    { IPPROTO_TCP, TCP_KEEPINTVL,      OPT_DWORD, DRIVER(TCP_KEEPINTVL, TCP_KEEPINTVL), ON_STREAM, 0, SLOT_KEEPINTVL, 1 },
    { IPPROTO_TCP, TCP_KEEPCNT,        OPT_DWORD, DRIVER(TCP_KEEPCNT, TCP_KEEPCNT), ON_STREAM, 0, SLOT_KEEPCNT, 10, 255 },
    { IPPROTO_TCP, TCP_MAXRT,          OPT_DWORD, NO_DRIVER, ON_STREAM, 0, SLOT_MAXRT },
    { IPPROTO_TCP, TCP_TIMESTAMPS,     OPT_FLAG,  NO_DRIVER, ON_STREAM, 0, SLOT_TIMESTAMPS },
    { IPPROTO_TCP, TCP_FASTOPEN,       OPT_FLAG,  NO_DRIVER, ON_STREAM, 0, SLOT_FASTOPEN },
    { IPPROTO_TCP, TCP_FAIL_CONNECT_ON_ICMP_ERROR, OPT_FLAG, NO_DRIVER, ON_STREAM, 0, SLOT_FAIL_ON_ICMP },
    { IPPROTO_TCP, TCP_ICMP_ERROR_INFO, OPT_SPECIAL, NO_DRIVER, ON_STREAM, READ_ONLY, SLOT_NONE },

    /* IPPROTO_UDP */
    { IPPROTO_UDP, UDP_NOCHECKSUM,     OPT_FLAG,  NO_DRIVER, ON_DGRAM, 0, SLOT_NOCHECKSUM },
    { IPPROTO_UDP, UDP_CHECKSUM_COVERAGE, OPT_DWORD, NO_DRIVER, ON_DGRAM, 0, SLOT_CHECKSUM_COVERAGE },
    { IPPROTO_UDP, UDP_SEND_MSG_SIZE,  OPT_DWORD, NO_DRIVER, ON_DGRAM, 0, SLOT_SEND_MSG_SIZE },
    { IPPROTO_UDP, UDP_RECV_MAX_COALESCED_SIZE, OPT_DWORD, NO_DRIVER, ON_DGRAM, 0, SLOT_RECV_COALESCED },
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

/* The error for an option used on a socket type it does not apply to:
 * the transport levels do not exist there; IP options are invalid. */
static DWORD check_type(const struct option *opt, const struct ws2_socket *info)
{
    unsigned char type;

    if (!opt->types) return 0;
    type = info->type == SOCK_STREAM ? ON_STREAM : info->type == SOCK_DGRAM ? ON_DGRAM :
           info->type == SOCK_RAW ? ON_RAW : 0;
    if (opt->types & type) return 0;
    return opt->level == IPPROTO_TCP || opt->level == IPPROTO_UDP ? WSAENOPROTOOPT : WSAEINVAL;
}

static BOOL is_four_bytes(enum opt_kind kind)
{
    return kind == OPT_INT || kind == OPT_FLAG || kind == OPT_DWORD;
}

/* Write an option value back with the option's length rules. */
static int put_value(const struct option *opt, int value, char *optval, int *optlen)
{
    if (opt->kind == OPT_BYTE ||
        ((opt->kind == OPT_BOOL || opt->kind == OPT_SMALL) && *optlen < (int)sizeof(int)))
    {
        *optval = opt->kind == OPT_SMALL ? (char)value : value ? 1 : 0;
        *optlen = 1;
        return 0;
    }
    if (*optlen < (int)sizeof(int))
    {
        if (opt->kind != OPT_INT) *optlen = 0;
        return ws2_fail(WSAEFAULT);
    }
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

/* SO_BSP_STATE: a CSADDR_INFO followed by room for the local and the
 * remote address; an address the socket does not have is left empty. */
static int get_bsp_state(SOCKET s, const struct ws2_socket *info, char *optval, int *optlen)
{
    int addr_len = info->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    struct sockaddr *local = (struct sockaddr *)(optval + sizeof(CSADDR_INFO));
    struct sockaddr *remote = (struct sockaddr *)((char *)local + addr_len);
    CSADDR_INFO *cs = (CSADDR_INFO *)optval;
    int len;

    if (*optlen < (int)sizeof(CSADDR_INFO) + 2 * addr_len) return ws2_fail(WSAEFAULT);
    memset(optval, 0, sizeof(CSADDR_INFO) + 2 * addr_len);
    cs->iSocketType = info->type;
    cs->iProtocol = info->protocol;
    len = addr_len;
    if (!getsockname(s, local, &len))
    {
        cs->LocalAddr.lpSockaddr = local;
        cs->LocalAddr.iSockaddrLength = len;
    }
    else if (WSAGetLastError() != WSAEINVAL) return SOCKET_ERROR;
    len = addr_len;
    if (!getpeername(s, remote, &len))
    {
        cs->RemoteAddr.lpSockaddr = remote;
        cs->RemoteAddr.iSockaddrLength = len;
    }
    else if (WSAGetLastError() != WSAENOTCONN && WSAGetLastError() != WSAEINVAL) return SOCKET_ERROR;
    SetLastError(0);
    return 0;
}

/* IP_OPTIONS: the raw option bytes, as many as the socket has. */
static int get_ip_options(SOCKET s, char *optval, int *optlen)
{
    ULONG_PTR size = 0;
    NTSTATUS status = afd_call(s, IOCTL_AFD_WINE_GET_IP_OPTIONS, NULL, 0, optval, *optlen, &size);

    if (status) return ws2_status_result(status);
    *optlen = size;
    return 0;
}

/* The stored value of a remembered option, or its initial value. */
static int remembered(const struct ws2_socket *info, const struct option *opt)
{
    if (info->options_set & (1 << opt->slot)) return info->options[opt->slot];
    return opt->initial;
}

/* A driver without the ioctl (Wine 8.0 has no TCP keep-alive ones, and
 * a Wine built without the host's option lacks that option's). */
static BOOL driver_lacks(NTSTATUS status)
{
    return status == STATUS_NOT_SUPPORTED || status == STATUS_INVALID_DEVICE_REQUEST ||
           status == STATUS_NOT_IMPLEMENTED || status == STATUS_BAD_DEVICE_TYPE;
}

/* A driver's answer: an option it lacks is one this socket does not have. */
static int driver_result(NTSTATUS status)
{
    if (driver_lacks(status)) return ws2_fail(WSAENOPROTOOPT);
    return ws2_status_result(status);
}

static int get_special(SOCKET s, const struct ws2_socket *info, const struct option *opt,
                       char *optval, int *optlen)
{
    struct linger linger;
    NTSTATUS status;
    int type;

    switch (opt->name)
    {
    case SO_LINGER:
        if (opt->level != SOL_SOCKET) break;
        if (*optlen < (int)sizeof(linger)) return ws2_fail(WSAEFAULT);
        status = afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0, &linger, sizeof(linger), NULL);
        if (status) return ws2_status_result(status);
        memcpy(optval, &linger, sizeof(linger));
        *optlen = sizeof(linger);
        return 0;
    case SO_TYPE:
        /* Asked of the driver: a stale handle must still say WSAENOTSOCK. */
        if ((status = afd_get_info(s, NULL, &type, NULL))) return ws2_status_result(status);
        return put_value(opt, type, optval, optlen);
    case SO_MAX_MSG_SIZE:
        if ((status = afd_get_info(s, NULL, &type, NULL))) return ws2_status_result(status);
        /* Streams have no message size; UDP's is 65535 minus the headers. */
        return put_value(opt, type == SOCK_STREAM ? 0x7fffffff : 65507, optval, optlen);
    case SO_PROTOCOL_INFOA:
    case SO_PROTOCOL_INFOW:
        return get_protocol_info(s, opt->name, optval, optlen);
    case SO_BSP_STATE:
        return get_bsp_state(s, info, optval, optlen);
    case IP_OPTIONS:
        if (opt->level == IPPROTO_IP) return get_ip_options(s, optval, optlen);
        break;
    case IP_MTU_DISCOVER:   /* == IPV6_MTU_DISCOVER */
        if (*optlen < (int)sizeof(int)) return ws2_fail(WSAEFAULT);
        type = remembered(info, opt);
        memcpy(optval, &type, sizeof(type));
        *optlen = sizeof(type);
        return 0;
    case IP_MTU:
    case IPV6_MTU:
        /* The driver cannot tell a path's MTU: only the unconnected case
         * gets Windows' answer. */
        if (!(info->state & (WS2_SOCKET_CONNECTED | WS2_SOCKET_UNTRACKED))) return ws2_fail(WSAENOTCONN);
        return ws2_fail(WSAENOPROTOOPT);
    case TCP_ICMP_ERROR_INFO:
        /* The driver reports no ICMP errors: none was received. */
        *optlen = 0;
        return 0;
    }
    return ws2_fail(WSAENOPROTOOPT);
}

/* SO_OPENTYPE is the calling thread's, not a socket's: it takes any handle. */
static int get_open_type(char *optval, int *optlen)
{
    struct ws2_thread *thread = ws2_peek_thread();
    int value = thread ? thread->open_type : 0;

    if (!optval || !optlen || !ws2_writable(optlen, sizeof(*optlen))) return ws2_fail(WSAEFAULT);
    /* A negative length reads as a huge buffer. */
    if (*optlen >= 0 && *optlen < (int)sizeof(int)) return ws2_fail(WSAEFAULT);
    if (!ws2_writable(optval, sizeof(int))) return ws2_fail(WSAEFAULT);
    memcpy(optval, &value, sizeof(value));
    *optlen = sizeof(value);
    SetLastError(0);
    return 0;
}

static int set_open_type(const char *optval, int optlen)
{
    struct ws2_thread *thread;
    int value;

    if (!optval || (optlen >= 0 && optlen < (int)sizeof(int)) || !ws2_copy(&value, optval, sizeof(value)))
        return ws2_fail(WSAEFAULT);
    if (!(thread = ws2_get_thread())) return ws2_fail(WSAENOBUFS);
    thread->open_type = value;
    SetLastError(0);
    return 0;
}

/* The value of a plain option, from the driver or the socket table. */
static NTSTATUS get_plain(SOCKET s, const struct ws2_socket *info, const struct option *opt, int *value)
{
    NTSTATUS status;

    if (opt->get_code)
    {
        status = afd_get_int(s, opt->get_code, value);
        if (!status || opt->slot == SLOT_NONE || !driver_lacks(status)) return status;
    }
    if (opt->slot != SLOT_NONE) *value = remembered(info, opt);
    else if (opt->level == SOL_SOCKET && (opt->name == SO_DEBUG || opt->name == SO_DONTROUTE))
        *value = !!(info->state & state_flag(opt->name));
    else *value = 0;    /* SO_GROUP_ID: no socket is in a group */
    return STATUS_SUCCESS;
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
    if (ws2_is_host_socket(s)) return ws2_unix_getsockopt(s, level, name, optval, optlen);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (level == SOL_SOCKET && name == SO_OPENTYPE) return get_open_type(optval, optlen);
    /* A handle that is not a socket is reported before any argument. */
    if ((status = ws2_socket_get(s, &info))) return ws2_status_result(status);
    if (!known_level(level)) return ws2_fail(WSAEINVAL);
    if (!(opt = find_option(level, name))) return ws2_fail(WSAENOPROTOOPT);
    if (opt->flags & WRITE_ONLY) return ws2_fail(WSAENOPROTOOPT);
    if ((err = check_type(opt, &info))) return ws2_fail(err);
    if (!optval || !optlen || !ws2_writable(optlen, sizeof(*optlen))) return ws2_fail(WSAEFAULT);
    if (*optlen <= 0 || !ws2_writable(optval, *optlen)) return ws2_fail(WSAEFAULT);

    if (opt->kind == OPT_SPECIAL) return get_special(s, &info, opt, optval, optlen);
    if (level == SOL_SOCKET && name == SO_DONTLINGER)
    {
        struct linger linger;
        status = afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0, &linger, sizeof(linger), NULL);
        if (status) return ws2_status_result(status);
        return put_value(opt, !linger.l_onoff, optval, optlen);
    }
    /* Four-byte options check the length before asking the driver. */
    if (is_four_bytes(opt->kind) && *optlen < (int)sizeof(int)) return put_value(opt, 0, optval, optlen);
    if ((status = get_plain(s, &info, opt, &value))) return driver_result(status);
    if (opt->flags & HOST_SWAPS) value = ntohl(value);
    /* Windows lets an application set SO_ERROR; the socket's own error
     * comes first. */
    if (name == SO_ERROR && level == SOL_SOCKET && !value) value = info.error;
    return put_value(opt, value, optval, optlen);
}

/* Read an option value with Windows' length rules; returns 0 or the error. */
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
    case OPT_SMALL:
        if (optlen < 1) return WSAEFAULT;
        if (optlen < (int)sizeof(int)) *value = *(const unsigned char *)optval;
        else memcpy(value, optval, sizeof(*value));
        if (opt->kind == OPT_BOOL) *value = !!*value;
        else if ((unsigned int)*value > 255) return WSAEINVAL;
        return 0;
    case OPT_FLAG:
    case OPT_DWORD:
    default:
        if (optlen < (int)sizeof(int)) return WSAEFAULT;
        memcpy(value, optval, sizeof(*value));
        if (opt->kind == OPT_FLAG) *value = !!*value;
        if (opt->max && (unsigned int)*value > opt->max) return WSAEINVAL;
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

/* ---- TCP keep-alive ----
 * Wine 10's driver has TCP_KEEPALIVE/KEEPINTVL/KEEPCNT.  On an older one
 * the idle time and interval go through SIO_KEEPALIVE_VALS's ioctl, which
 * switches SO_KEEPALIVE on: it is put back as it was afterwards.  The
 * probe count cannot be set there and is only remembered. */
static int set_keepalive_fallback(SOCKET s, const struct ws2_socket *info, const struct option *opt, int value)
{
    const struct option *idle = find_option(IPPROTO_TCP, TCP_KEEPALIVE);
    const struct option *interval = find_option(IPPROTO_TCP, TCP_KEEPINTVL);
    struct tcp_keepalive vals;
    NTSTATUS status;
    int was_on = 0;

    ws2_socket_set_option(s, opt->slot, value);
    if (opt->name == TCP_KEEPCNT) return 0;
    vals.onoff = 1;
    vals.keepalivetime = (opt == idle ? value : remembered(info, idle)) * 1000u;
    vals.keepaliveinterval = (opt == interval ? value : remembered(info, interval)) * 1000u;
    if ((status = afd_get_int(s, IOCTL_AFD_WINE_GET_SO_KEEPALIVE, &was_on))) return ws2_status_result(status);
    status = afd_call(s, IOCTL_AFD_WINE_KEEPALIVE_VALS, &vals, sizeof(vals), NULL, 0, NULL);
    if (status) return ws2_status_result(status);
    if (!was_on) status = afd_set_int(s, IOCTL_AFD_WINE_SET_SO_KEEPALIVE, 0);
    return ws2_status_result(status);
}

/* IP_MTU_DISCOVER: DO and PROBE set the don't-fragment bit, DONT clears
 * it; NOT_SET cannot be asked for. */
static int set_mtu_discover(SOCKET s, const struct ws2_socket *info, const struct option *opt,
                            const char *optval, int optlen)
{
    ULONG code = info->family == AF_INET6 ? IOCTL_AFD_WINE_SET_IPV6_DONTFRAG : IOCTL_AFD_WINE_SET_IP_DONTFRAGMENT;
    NTSTATUS status;
    int value;

    if (optlen < 0) return ws2_fail(WSAENOBUFS);
    if (optlen < (int)sizeof(value) || !ws2_copy(&value, optval, sizeof(value))) return ws2_fail(WSAEFAULT);
    if (value <= PMTUD_NOT_SET || value > PMTUD_PROBE) return ws2_fail(WSAEINVAL);
    if ((status = afd_set_int(s, code, value != PMTUD_DONT))) return ws2_status_result(status);
    ws2_socket_set_option(s, opt->slot, value);
    return 0;
}

static int set_special(SOCKET s, const struct ws2_socket *info, const struct option *opt,
                       const char *optval, int optlen)
{
    struct linger linger;
    NTSTATUS status;

    switch (opt->level == SOL_SOCKET ? -opt->name : opt->name)
    {
    case -SO_LINGER:
        if (optlen < (int)sizeof(linger) || !ws2_readable(optval, sizeof(linger))) return ws2_fail(WSAEFAULT);
        memcpy(&linger, optval, sizeof(linger));
        return set_linger(s, &linger);
    case IP_OPTIONS:    /* == IPV6_HOPOPTS, which is not in the table */
        if (optlen < 0) return ws2_fail(WSAENOBUFS);
        if (optlen && !ws2_readable(optval, optlen)) return ws2_fail(WSAEFAULT);
        status = afd_call(s, IOCTL_AFD_WINE_SET_IP_OPTIONS, optval, optlen, NULL, 0, NULL);
        return ws2_status_result(status);
    case IP_MTU_DISCOVER:
        return set_mtu_discover(s, info, opt, optval, optlen);
    }
    if (opt->flags & WRITE_ONLY) return ws2_set_membership(s, opt->level, opt->name, opt->set_code, optval, optlen);
    return ws2_fail(WSAENOPROTOOPT);    /* read-only */
}

/* A value for a remembered option, or a driver option without its ioctl. */
static int set_remembered(SOCKET s, const struct ws2_socket *info, const struct option *opt, int value)
{
    NTSTATUS status;

    if (opt->set_code)
    {
        status = afd_set_int(s, opt->set_code, value);
        if (!driver_lacks(status)) return ws2_status_result(status);
        return set_keepalive_fallback(s, info, opt, value);
    }
    /* RFC 1122 urgent data, once chosen, stays (documented). */
    if (opt->slot == SLOT_EXPEDITED && !value && remembered(info, opt)) return ws2_fail(WSAEINVAL);
    ws2_socket_set_option(s, opt->slot, value);
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
    if (ws2_is_host_socket(s)) return ws2_unix_setsockopt(s, level, name, optval, optlen);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (level == SOL_SOCKET && name == SO_OPENTYPE) return set_open_type(optval, optlen);
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
    if ((err = check_type(opt, &info))) return ws2_fail(err);
    if (opt->flags & READ_ONLY) return ws2_fail(WSAENOPROTOOPT);

    if (opt->kind == OPT_SPECIAL) return set_special(s, &info, opt, optval, optlen);
    /* A zero length on a socket-level BOOL option is accepted and changes nothing. */
    if (!optlen && level == SOL_SOCKET && opt->kind == OPT_BOOL) return 0;
    if (name == SO_ERROR && level == SOL_SOCKET)
    {
        if ((err = read_value(opt, level, optval, optlen, &value))) return ws2_fail(err);
        ws2_socket_set_error(s, value);
        SetLastError(0);
        return 0;
    }
    if (!opt->set_code && opt->get_code) return ws2_fail(WSAENOPROTOOPT);    /* read-only */
    if ((err = read_value(opt, level, optval, optlen, &value))) return ws2_fail(err);
    /* Options that shape how a socket binds or listens are fixed after that. */
    if ((opt->flags & BEFORE_BIND) && (info.state & WS2_SOCKET_BOUND)) return ws2_fail(WSAEINVAL);
    if ((opt->flags & BEFORE_LISTEN) && (info.state & WS2_SOCKET_LISTENING)) return ws2_fail(WSAEINVAL);
    if (name == SO_DONTLINGER && level == SOL_SOCKET)
    {
        /* SO_DONTLINGER is SO_LINGER's switch, keeping its timeout. */
        status = afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0, &linger, sizeof(linger), NULL);
        if (status) return ws2_status_result(status);
        linger.l_onoff = !value;
        return set_linger(s, &linger);
    }
    if (opt->slot != SLOT_NONE) return set_remembered(s, &info, opt, value);
    if (!opt->set_code)
    {
        /* SO_DEBUG and SO_DONTROUTE have no effect on the TCP/IP provider;
         * Windows only remembers them. */
        if (value) ws2_socket_set_state(s, state_flag(name));
        else ws2_socket_clear_state(s, state_flag(name));
        return 0;
    }
    if (level == SOL_SOCKET && (name == SO_REUSEADDR || name == SO_EXCLUSIVEADDRUSE))
    {
        /* The two are exclusive: turning one on while the other is on fails. */
        int other = 0;
        ULONG other_code = name == SO_REUSEADDR ? IOCTL_AFD_WINE_GET_SO_EXCLUSIVEADDRUSE
                                                : IOCTL_AFD_WINE_GET_SO_REUSEADDR;
        if (value && (status = afd_get_int(s, other_code, &other))) return ws2_status_result(status);
        if (value && other) return ws2_fail(WSAEINVAL);
    }
    if (opt->flags & HOST_SWAPS) value = htonl(value);
    return driver_result(afd_set_int(s, opt->set_code, value));
}
