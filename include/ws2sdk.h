/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Windows SDK values that MinGW-w64's headers lack (or lack in the
 * versions we build with), shared by the DLL and its tests.  Include it
 * after the system headers: every value is guarded, so a newer MinGW
 * that has it wins.
 */
#ifndef WS2_SDK_H
#define WS2_SDK_H

#include <winsock2.h>

/* ---- socket options (ws2ipdef.h, mstcpip.h) ---- */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef TCP_MAXSEG
#define TCP_MAXSEG 4
#endif
#ifndef TCP_MAXRT
#define TCP_MAXRT 5
#endif
#ifndef TCP_TIMESTAMPS
#define TCP_TIMESTAMPS 10
#endif
#ifndef TCP_FASTOPEN
#define TCP_FASTOPEN 15
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif
#ifndef TCP_FAIL_CONNECT_ON_ICMP_ERROR
#define TCP_FAIL_CONNECT_ON_ICMP_ERROR 18
#endif
#ifndef TCP_ICMP_ERROR_INFO
#define TCP_ICMP_ERROR_INFO 19
#endif
#ifndef UDP_SEND_MSG_SIZE
#define UDP_SEND_MSG_SIZE 2
#endif
#ifndef UDP_RECV_MAX_COALESCED_SIZE
#define UDP_RECV_MAX_COALESCED_SIZE 3
#endif
#ifndef IP_RECVECN
#define IP_RECVECN 50
#endif
#ifndef IPV6_RECVECN
#define IPV6_RECVECN 50
#endif
#ifndef SO_BSP_STATE
#define SO_BSP_STATE 0x1009
#endif
#ifndef SO_RANDOMIZE_PORT
#define SO_RANDOMIZE_PORT 0x3005
#endif
#ifndef SO_PORT_SCALABILITY
#define SO_PORT_SCALABILITY 0x3006
#endif

/* ---- socket state notifications (winsock2.h, Windows 10 2004 and later) ---- */
#ifndef SOCK_NOTIFY_OP_NONE
#define SOCK_NOTIFY_REGISTER_EVENT_NONE   0x00
#define SOCK_NOTIFY_REGISTER_EVENT_IN     0x01
#define SOCK_NOTIFY_REGISTER_EVENT_OUT    0x02
#define SOCK_NOTIFY_REGISTER_EVENT_HANGUP 0x04
#define SOCK_NOTIFY_REGISTER_EVENTS_ALL   0x07
#define SOCK_NOTIFY_EVENT_IN      SOCK_NOTIFY_REGISTER_EVENT_IN
#define SOCK_NOTIFY_EVENT_OUT     SOCK_NOTIFY_REGISTER_EVENT_OUT
#define SOCK_NOTIFY_EVENT_HANGUP  SOCK_NOTIFY_REGISTER_EVENT_HANGUP
#define SOCK_NOTIFY_EVENT_ERR     0x40
#define SOCK_NOTIFY_EVENT_REMOVE  0x80
#define SOCK_NOTIFY_OP_NONE     0x00
#define SOCK_NOTIFY_OP_ENABLE   0x01
#define SOCK_NOTIFY_OP_DISABLE  0x02
#define SOCK_NOTIFY_OP_REMOVE   0x04
#define SOCK_NOTIFY_TRIGGER_ONESHOT    0x01
#define SOCK_NOTIFY_TRIGGER_PERSISTENT 0x02
#define SOCK_NOTIFY_TRIGGER_LEVEL      0x04
#define SOCK_NOTIFY_TRIGGER_EDGE       0x08
#define SOCK_NOTIFY_TRIGGER_ALL        0x0f

typedef struct SOCK_NOTIFY_REGISTRATION
{
    SOCKET socket;
    PVOID completionKey;
    UINT16 eventFilter;
    UINT8 operation;
    UINT8 triggerFlags;
    DWORD registrationResult;
} SOCK_NOTIFY_REGISTRATION;
#endif

#endif
