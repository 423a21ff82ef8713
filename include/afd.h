/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Interface of Wine's socket driver (\Device\Afd) as ntdll implements it.
 *
 * Only interface facts live here: ioctl codes, parameter layouts and poll
 * bits, as Wine's public include/wine/afd.h defines them.  Everything in this
 * file is data shared with the driver; nothing here is behaviour.
 */
#ifndef WS2_AFD_H
#define WS2_AFD_H

#include <winioctl.h>

/* Ioctls shared with Windows' own AFD. */
#define IOCTL_AFD_BIND           CTL_CODE(FILE_DEVICE_BEEP, 0x800, METHOD_NEITHER,  FILE_ANY_ACCESS)
#define IOCTL_AFD_LISTEN         CTL_CODE(FILE_DEVICE_BEEP, 0x802, METHOD_NEITHER,  FILE_ANY_ACCESS)
#define IOCTL_AFD_RECV           CTL_CODE(FILE_DEVICE_BEEP, 0x805, METHOD_NEITHER,  FILE_ANY_ACCESS)
#define IOCTL_AFD_POLL           CTL_CODE(FILE_DEVICE_BEEP, 0x809, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_AFD_GETSOCKNAME    CTL_CODE(FILE_DEVICE_BEEP, 0x80b, METHOD_NEITHER,  FILE_ANY_ACCESS)
#define IOCTL_AFD_EVENT_SELECT   CTL_CODE(FILE_DEVICE_BEEP, 0x821, METHOD_NEITHER,  FILE_ANY_ACCESS)
#define IOCTL_AFD_GET_EVENTS     CTL_CODE(FILE_DEVICE_BEEP, 0x822, METHOD_NEITHER,  FILE_ANY_ACCESS)

/* Wine's private ioctls, all METHOD_BUFFERED on FILE_DEVICE_NETWORK. */
#define AFD_WINE_IOCTL(n) CTL_CODE(FILE_DEVICE_NETWORK, (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_AFD_WINE_CREATE                AFD_WINE_IOCTL(200)
#define IOCTL_AFD_WINE_ACCEPT                AFD_WINE_IOCTL(201)
#define IOCTL_AFD_WINE_ACCEPT_INTO           AFD_WINE_IOCTL(202)
#define IOCTL_AFD_WINE_CONNECT               AFD_WINE_IOCTL(203)
#define IOCTL_AFD_WINE_SHUTDOWN              AFD_WINE_IOCTL(204)
#define IOCTL_AFD_WINE_RECVMSG               AFD_WINE_IOCTL(205)
#define IOCTL_AFD_WINE_SENDMSG               AFD_WINE_IOCTL(206)
#define IOCTL_AFD_WINE_TRANSMIT              AFD_WINE_IOCTL(207)
#define IOCTL_AFD_WINE_ADDRESS_LIST_CHANGE   AFD_WINE_IOCTL(208)
#define IOCTL_AFD_WINE_FIONBIO               AFD_WINE_IOCTL(209)
#define IOCTL_AFD_WINE_COMPLETE_ASYNC        AFD_WINE_IOCTL(210)
#define IOCTL_AFD_WINE_FIONREAD              AFD_WINE_IOCTL(211)
#define IOCTL_AFD_WINE_SIOCATMARK            AFD_WINE_IOCTL(212)
#define IOCTL_AFD_WINE_GET_INTERFACE_LIST    AFD_WINE_IOCTL(213)
#define IOCTL_AFD_WINE_KEEPALIVE_VALS        AFD_WINE_IOCTL(214)
#define IOCTL_AFD_WINE_MESSAGE_SELECT        AFD_WINE_IOCTL(215)
#define IOCTL_AFD_WINE_GETPEERNAME           AFD_WINE_IOCTL(216)
#define IOCTL_AFD_WINE_DEFER                 AFD_WINE_IOCTL(217)
#define IOCTL_AFD_WINE_GET_INFO              AFD_WINE_IOCTL(218)
#define IOCTL_AFD_WINE_GET_SO_ACCEPTCONN     AFD_WINE_IOCTL(219)
#define IOCTL_AFD_WINE_GET_SO_BROADCAST      AFD_WINE_IOCTL(220)
#define IOCTL_AFD_WINE_SET_SO_BROADCAST      AFD_WINE_IOCTL(221)
#define IOCTL_AFD_WINE_GET_SO_ERROR          AFD_WINE_IOCTL(222)
#define IOCTL_AFD_WINE_GET_SO_KEEPALIVE      AFD_WINE_IOCTL(223)
#define IOCTL_AFD_WINE_SET_SO_KEEPALIVE      AFD_WINE_IOCTL(224)
#define IOCTL_AFD_WINE_GET_SO_LINGER         AFD_WINE_IOCTL(225)
#define IOCTL_AFD_WINE_SET_SO_LINGER         AFD_WINE_IOCTL(226)
#define IOCTL_AFD_WINE_GET_SO_OOBINLINE      AFD_WINE_IOCTL(227)
#define IOCTL_AFD_WINE_SET_SO_OOBINLINE      AFD_WINE_IOCTL(228)
#define IOCTL_AFD_WINE_SET_SO_RCVBUF         AFD_WINE_IOCTL(229)
#define IOCTL_AFD_WINE_GET_SO_RCVBUF         AFD_WINE_IOCTL(230)
#define IOCTL_AFD_WINE_SET_SO_RCVTIMEO       AFD_WINE_IOCTL(231)
#define IOCTL_AFD_WINE_GET_SO_RCVTIMEO       AFD_WINE_IOCTL(232)
#define IOCTL_AFD_WINE_GET_SO_REUSEADDR      AFD_WINE_IOCTL(233)
#define IOCTL_AFD_WINE_SET_SO_REUSEADDR      AFD_WINE_IOCTL(234)
#define IOCTL_AFD_WINE_SET_SO_SNDBUF         AFD_WINE_IOCTL(235)
#define IOCTL_AFD_WINE_GET_SO_SNDBUF         AFD_WINE_IOCTL(236)
#define IOCTL_AFD_WINE_GET_SO_SNDTIMEO       AFD_WINE_IOCTL(237)
#define IOCTL_AFD_WINE_SET_SO_SNDTIMEO       AFD_WINE_IOCTL(238)
#define IOCTL_AFD_WINE_GET_IP_PKTINFO        AFD_WINE_IOCTL(256)
#define IOCTL_AFD_WINE_SET_IP_PKTINFO        AFD_WINE_IOCTL(257)
#define IOCTL_AFD_WINE_GET_IPV6_V6ONLY       AFD_WINE_IOCTL(279)
#define IOCTL_AFD_WINE_SET_IPV6_V6ONLY       AFD_WINE_IOCTL(280)
#define IOCTL_AFD_WINE_GET_IPV6_RECVPKTINFO  AFD_WINE_IOCTL(288)
#define IOCTL_AFD_WINE_SET_IPV6_RECVPKTINFO  AFD_WINE_IOCTL(289)
#define IOCTL_AFD_WINE_GET_TCP_NODELAY       AFD_WINE_IOCTL(284)
#define IOCTL_AFD_WINE_SET_TCP_NODELAY       AFD_WINE_IOCTL(285)
#define IOCTL_AFD_WINE_GET_SO_CONNECT_TIME   AFD_WINE_IOCTL(292)
#define IOCTL_AFD_WINE_GET_SO_EXCLUSIVEADDRUSE AFD_WINE_IOCTL(297)
#define IOCTL_AFD_WINE_SET_SO_EXCLUSIVEADDRUSE AFD_WINE_IOCTL(298)

/* Poll/event bits reported by IOCTL_AFD_POLL. */
#define AFD_POLL_READ           0x0001
#define AFD_POLL_OOB            0x0002
#define AFD_POLL_WRITE          0x0004
#define AFD_POLL_HUP            0x0008
#define AFD_POLL_RESET          0x0010
#define AFD_POLL_CLOSE          0x0020
#define AFD_POLL_CONNECT        0x0040
#define AFD_POLL_ACCEPT         0x0080
#define AFD_POLL_CONNECT_ERR    0x0100

/* Bit numbers of the poll bits: the index of each event's status in
 * afd_get_events_params. */
#define AFD_POLL_BIT_READ        0
#define AFD_POLL_BIT_OOB         1
#define AFD_POLL_BIT_WRITE       2
#define AFD_POLL_BIT_HUP         3
#define AFD_POLL_BIT_RESET       4
#define AFD_POLL_BIT_CLOSE       5
#define AFD_POLL_BIT_CONNECT     6
#define AFD_POLL_BIT_ACCEPT      7
#define AFD_POLL_BIT_CONNECT_ERR 8
#define AFD_POLL_BIT_COUNT       13

/* Receive flags understood by the driver. */
#define AFD_MSG_NOT_OOB         0x0020
#define AFD_MSG_OOB             0x0040
#define AFD_MSG_PEEK            0x0080
#define AFD_MSG_WAITALL         0x4000

struct afd_bind_params
{
    int unknown;
    struct sockaddr addr;   /* variable size */
};

struct afd_listen_params
{
    int unknown1;
    int backlog;
    int unknown2;
};

#pragma pack(push, 4)
struct afd_poll_socket
{
    SOCKET socket;
    int flags;
    int status;
};

struct afd_poll_params
{
    LONGLONG timeout;
    unsigned int count;
    BOOLEAN exclusive;
    BOOLEAN padding[3];
    struct afd_poll_socket sockets[1];
};
#pragma pack(pop)

struct afd_create_params
{
    int family, type, protocol;
    unsigned int flags;
};

struct afd_accept_into_params
{
    ULONG accept_handle;
    unsigned int recv_len, local_len;
};

struct afd_connect_params
{
    int addr_len;
    int synchronous;
    /* followed by the address, then any data to send */
};

/* Pointers travel as 64-bit integers so the layout is the same for both
 * architectures. */
struct afd_recvmsg_params
{
    ULONGLONG control_ptr;
    ULONGLONG addr_ptr;
    ULONGLONG addr_len_ptr;
    ULONGLONG ws_flags_ptr;
    int force_async;
    unsigned int count;
    ULONGLONG buffers_ptr;
};

struct afd_sendmsg_params
{
    ULONGLONG addr_ptr;
    unsigned int addr_len;
    unsigned int ws_flags;
    int force_async;
    unsigned int count;
    ULONGLONG buffers_ptr;
};

struct afd_transmit_params
{
    LARGE_INTEGER offset;
    ULONGLONG head_ptr;
    ULONGLONG tail_ptr;
    DWORD head_len;
    DWORD tail_len;
    ULONG file;
    DWORD file_len;
    DWORD buffer_size;
    DWORD flags;
};

struct afd_get_info_params
{
    int family, type, protocol;
};

/* IOCTL_AFD_EVENT_SELECT's input: the event (NULL with a zero mask to
 * cancel) and the AFD_POLL_* bits to record. */
struct afd_event_select_params
{
    HANDLE event;
    int mask;
};

/* IOCTL_AFD_GET_EVENTS's output: the recorded events selected, and each
 * event's status by bit number. */
struct afd_get_events_params
{
    int flags;
    int status[AFD_POLL_BIT_COUNT];
};

/* IOCTL_AFD_WINE_MESSAGE_SELECT's input: the wParam of the messages (the
 * socket), the window, the message and the AFD_POLL_* bits. */
struct afd_message_select_params
{
    ULONG handle;
    ULONG window;
    unsigned int message;
    int mask;
};

/* Option ioctls of Wine's socket driver (codes from Wine's afd.h), by
 * level, setter first; all exist in Wine 8.0 and 10.0 unless marked. */
/* IP multicast membership (set only) */
#define IOCTL_AFD_WINE_SET_IP_ADD_MEMBERSHIP        AFD_WINE_IOCTL(239)
#define IOCTL_AFD_WINE_SET_IP_DROP_MEMBERSHIP       AFD_WINE_IOCTL(244)
#define IOCTL_AFD_WINE_SET_IP_ADD_SOURCE_MEMBERSHIP AFD_WINE_IOCTL(240)
#define IOCTL_AFD_WINE_SET_IP_DROP_SOURCE_MEMBERSHIP AFD_WINE_IOCTL(245)
#define IOCTL_AFD_WINE_SET_IP_BLOCK_SOURCE          AFD_WINE_IOCTL(241)
#define IOCTL_AFD_WINE_SET_IP_UNBLOCK_SOURCE        AFD_WINE_IOCTL(262)
/* IP values */
#define IOCTL_AFD_WINE_SET_IP_TTL                   AFD_WINE_IOCTL(261)
#define IOCTL_AFD_WINE_GET_IP_TTL                   AFD_WINE_IOCTL(260)
#define IOCTL_AFD_WINE_SET_IP_TOS                   AFD_WINE_IOCTL(259)
#define IOCTL_AFD_WINE_GET_IP_TOS                   AFD_WINE_IOCTL(258)
#define IOCTL_AFD_WINE_SET_IP_OPTIONS               AFD_WINE_IOCTL(255)
#define IOCTL_AFD_WINE_GET_IP_OPTIONS               AFD_WINE_IOCTL(254)
#define IOCTL_AFD_WINE_SET_IP_HDRINCL               AFD_WINE_IOCTL(247)
#define IOCTL_AFD_WINE_GET_IP_HDRINCL               AFD_WINE_IOCTL(246)
#define IOCTL_AFD_WINE_SET_IP_DONTFRAGMENT          AFD_WINE_IOCTL(243)
#define IOCTL_AFD_WINE_GET_IP_DONTFRAGMENT          AFD_WINE_IOCTL(242)
#define IOCTL_AFD_WINE_SET_IP_UNICAST_IF            AFD_WINE_IOCTL(264)
#define IOCTL_AFD_WINE_GET_IP_UNICAST_IF            AFD_WINE_IOCTL(263)
#define IOCTL_AFD_WINE_SET_IP_MULTICAST_IF          AFD_WINE_IOCTL(249)
#define IOCTL_AFD_WINE_GET_IP_MULTICAST_IF          AFD_WINE_IOCTL(248)
#define IOCTL_AFD_WINE_SET_IP_MULTICAST_TTL         AFD_WINE_IOCTL(253)
#define IOCTL_AFD_WINE_GET_IP_MULTICAST_TTL         AFD_WINE_IOCTL(252)
#define IOCTL_AFD_WINE_SET_IP_MULTICAST_LOOP        AFD_WINE_IOCTL(251)
#define IOCTL_AFD_WINE_GET_IP_MULTICAST_LOOP        AFD_WINE_IOCTL(250)
#define IOCTL_AFD_WINE_SET_IP_RECVTTL               AFD_WINE_IOCTL(294)
#define IOCTL_AFD_WINE_GET_IP_RECVTTL               AFD_WINE_IOCTL(293)
#define IOCTL_AFD_WINE_SET_IP_RECVTOS               AFD_WINE_IOCTL(296)
#define IOCTL_AFD_WINE_GET_IP_RECVTOS               AFD_WINE_IOCTL(295)
/* IPv6 multicast membership (set only) */
#define IOCTL_AFD_WINE_SET_IPV6_ADD_MEMBERSHIP      AFD_WINE_IOCTL(265)
#define IOCTL_AFD_WINE_SET_IPV6_DROP_MEMBERSHIP     AFD_WINE_IOCTL(268)
/* IPv6 values */
#define IOCTL_AFD_WINE_SET_IPV6_UNICAST_HOPS        AFD_WINE_IOCTL(276)
#define IOCTL_AFD_WINE_GET_IPV6_UNICAST_HOPS        AFD_WINE_IOCTL(275)
#define IOCTL_AFD_WINE_SET_IPV6_UNICAST_IF          AFD_WINE_IOCTL(278)
#define IOCTL_AFD_WINE_GET_IPV6_UNICAST_IF          AFD_WINE_IOCTL(277)
#define IOCTL_AFD_WINE_SET_IPV6_DONTFRAG            AFD_WINE_IOCTL(267)
#define IOCTL_AFD_WINE_GET_IPV6_DONTFRAG            AFD_WINE_IOCTL(266)
#define IOCTL_AFD_WINE_SET_IPV6_MULTICAST_IF        AFD_WINE_IOCTL(272)
#define IOCTL_AFD_WINE_GET_IPV6_MULTICAST_IF        AFD_WINE_IOCTL(271)
#define IOCTL_AFD_WINE_SET_IPV6_MULTICAST_HOPS      AFD_WINE_IOCTL(270)
#define IOCTL_AFD_WINE_GET_IPV6_MULTICAST_HOPS      AFD_WINE_IOCTL(269)
#define IOCTL_AFD_WINE_SET_IPV6_MULTICAST_LOOP      AFD_WINE_IOCTL(274)
#define IOCTL_AFD_WINE_GET_IPV6_MULTICAST_LOOP      AFD_WINE_IOCTL(273)
#define IOCTL_AFD_WINE_SET_IPV6_RECVHOPLIMIT        AFD_WINE_IOCTL(287)
#define IOCTL_AFD_WINE_GET_IPV6_RECVHOPLIMIT        AFD_WINE_IOCTL(286)
#define IOCTL_AFD_WINE_SET_IPV6_RECVTCLASS          AFD_WINE_IOCTL(291)
#define IOCTL_AFD_WINE_GET_IPV6_RECVTCLASS          AFD_WINE_IOCTL(290)
/* TCP keep-alive: Wine 10 only (Wine 8.0's driver does not know them) */
#define IOCTL_AFD_WINE_SET_TCP_KEEPALIVE            AFD_WINE_IOCTL(300)
#define IOCTL_AFD_WINE_GET_TCP_KEEPALIVE            AFD_WINE_IOCTL(299)
#define IOCTL_AFD_WINE_SET_TCP_KEEPINTVL            AFD_WINE_IOCTL(304)
#define IOCTL_AFD_WINE_GET_TCP_KEEPINTVL            AFD_WINE_IOCTL(303)
#define IOCTL_AFD_WINE_SET_TCP_KEEPCNT              AFD_WINE_IOCTL(302)
#define IOCTL_AFD_WINE_GET_TCP_KEEPCNT              AFD_WINE_IOCTL(301)

#endif /* WS2_AFD_H */
