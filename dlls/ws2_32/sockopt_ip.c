/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * IPPROTO_IP and IPPROTO_IPV6 multicast membership for setsockopt
 * (sockopt.c has the option table and the other options).
 */
#include "ws2_32_private.h"

/* ---- multicast membership ----
 * Wine's driver hands these structures to the host unchanged, so the DLL
 * gives it the host's (Linux's) layouts:
 *  - ip_mreq_source: Windows puts the source before the interface, Linux
 *    after it;
 *  - an interface given by index (Windows' 0.0.0.x form, or the
 *    protocol-independent MCAST_* requests) becomes Linux's ip_mreqn. */
struct host_mreqn
{
    IN_ADDR multiaddr;
    IN_ADDR address;
    int ifindex;
};

struct host_mreq_source
{
    IN_ADDR multiaddr;
    IN_ADDR iface;
    IN_ADDR source;
};

static BOOL is_index_form(IN_ADDR addr)
{
    ULONG host = ntohl(addr.s_addr);

    return host && host < 0x01000000;
}

static int join_group4(SOCKET s, ULONG code, IN_ADDR group, IN_ADDR iface, int index)
{
    struct host_mreqn req;

    if (!index && !is_index_form(iface))
    {
        struct ip_mreq plain;

        plain.imr_multiaddr = group;
        plain.imr_interface = iface;
        return ws2_status_result(afd_call(s, code, &plain, sizeof(plain), NULL, 0, NULL));
    }
    req.multiaddr = group;
    req.address.s_addr = 0;
    req.ifindex = index ? index : (int)ntohl(iface.s_addr);
    return ws2_status_result(afd_call(s, code, &req, sizeof(req), NULL, 0, NULL));
}

static int source_group4(SOCKET s, ULONG code, IN_ADDR group, IN_ADDR source, IN_ADDR iface)
{
    struct host_mreq_source req;

    /* Linux's source structure has no interface index. */
    if (is_index_form(iface)) return ws2_fail(WSAEINVAL);
    req.multiaddr = group;
    req.iface = iface;
    req.source = source;
    return ws2_status_result(afd_call(s, code, &req, sizeof(req), NULL, 0, NULL));
}

static ULONG source_code(int name)
{
    switch (name)
    {
    case IP_ADD_SOURCE_MEMBERSHIP:
    case MCAST_JOIN_SOURCE_GROUP: return IOCTL_AFD_WINE_SET_IP_ADD_SOURCE_MEMBERSHIP;
    case IP_DROP_SOURCE_MEMBERSHIP:
    case MCAST_LEAVE_SOURCE_GROUP: return IOCTL_AFD_WINE_SET_IP_DROP_SOURCE_MEMBERSHIP;
    case IP_BLOCK_SOURCE:
    case MCAST_BLOCK_SOURCE: return IOCTL_AFD_WINE_SET_IP_BLOCK_SOURCE;
    default: return IOCTL_AFD_WINE_SET_IP_UNBLOCK_SOURCE;
    }
}

/* MCAST_JOIN_GROUP and MCAST_LEAVE_GROUP for either family. */
static int group_request(SOCKET s, int name, const char *optval, int optlen)
{
    GROUP_REQ req;

    if (optlen < (int)sizeof(req) || !ws2_copy(&req, optval, sizeof(req))) return ws2_fail(WSAEFAULT);
    if (req.gr_group.ss_family == AF_INET)
    {
        const struct sockaddr_in *group = (const struct sockaddr_in *)&req.gr_group;
        IN_ADDR any;

        any.s_addr = 0;
        return join_group4(s, name == MCAST_JOIN_GROUP ? IOCTL_AFD_WINE_SET_IP_ADD_MEMBERSHIP
                                                       : IOCTL_AFD_WINE_SET_IP_DROP_MEMBERSHIP,
                           group->sin_addr, any, req.gr_interface);
    }
    if (req.gr_group.ss_family == AF_INET6)
    {
        struct ipv6_mreq mreq;

        mreq.ipv6mr_multiaddr = ((const struct sockaddr_in6 *)&req.gr_group)->sin6_addr;
        mreq.ipv6mr_interface = req.gr_interface;
        return ws2_status_result(afd_call(s, name == MCAST_JOIN_GROUP ? IOCTL_AFD_WINE_SET_IPV6_ADD_MEMBERSHIP
                                                                      : IOCTL_AFD_WINE_SET_IPV6_DROP_MEMBERSHIP,
                                          &mreq, sizeof(mreq), NULL, 0, NULL));
    }
    return ws2_fail(WSAEINVAL);
}

/* The MCAST_*_SOURCE requests: IPv4 only, on the default interface (the
 * driver has no IPv6 source filters and no interface index for them). */
static int group_source_request(SOCKET s, int name, const char *optval, int optlen)
{
    GROUP_SOURCE_REQ req;
    const struct sockaddr_in *group, *source;
    IN_ADDR iface;

    if (optlen < (int)sizeof(req) || !ws2_copy(&req, optval, sizeof(req))) return ws2_fail(WSAEFAULT);
    if (req.gsr_group.ss_family != req.gsr_source.ss_family) return ws2_fail(WSAEINVAL);
    if (req.gsr_group.ss_family == AF_INET6) return ws2_fail(WSAENOPROTOOPT);
    if (req.gsr_group.ss_family != AF_INET || req.gsr_interface) return ws2_fail(WSAEINVAL);
    group = (const struct sockaddr_in *)&req.gsr_group;
    source = (const struct sockaddr_in *)&req.gsr_source;
    iface.s_addr = 0;
    return source_group4(s, source_code(name), group->sin_addr, source->sin_addr, iface);
}

int ws2_set_membership(SOCKET s, int level, int name, ULONG set_code, const char *optval, int optlen)
{
    struct ip_mreq_source src;
    struct ip_mreq mreq;
    struct ipv6_mreq mreq6;

    if (optlen < 0) return ws2_fail(WSAENOBUFS);
    switch (name)
    {
    case MCAST_JOIN_GROUP:
    case MCAST_LEAVE_GROUP:
        return group_request(s, name, optval, optlen);
    case MCAST_BLOCK_SOURCE:
    case MCAST_UNBLOCK_SOURCE:
    case MCAST_JOIN_SOURCE_GROUP:
    case MCAST_LEAVE_SOURCE_GROUP:
        return group_source_request(s, name, optval, optlen);
    }
    if (level == IPPROTO_IPV6)
    {
        /* ipv6_mreq is laid out the same on both sides. */
        if (optlen < (int)sizeof(mreq6) || !ws2_copy(&mreq6, optval, sizeof(mreq6))) return ws2_fail(WSAEFAULT);
        return ws2_status_result(afd_call(s, set_code, &mreq6, sizeof(mreq6), NULL, 0, NULL));
    }
    if (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)
    {
        if (optlen < (int)sizeof(mreq) || !ws2_copy(&mreq, optval, sizeof(mreq))) return ws2_fail(WSAEFAULT);
        return join_group4(s, set_code, mreq.imr_multiaddr, mreq.imr_interface, 0);
    }
    if (optlen < (int)sizeof(src) || !ws2_copy(&src, optval, sizeof(src))) return ws2_fail(WSAEFAULT);
    return source_group4(s, set_code, src.imr_multiaddr, src.imr_sourceaddr, src.imr_interface);
}
