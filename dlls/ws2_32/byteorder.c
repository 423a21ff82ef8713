/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Byte order: htonl, htons, ntohl, ntohs and their WSA forms.
 */
#include "ws2_32_private.h"

static u_long swap32(u_long x)
{
    return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | ((x >> 24) & 0xff);
}

static u_short swap16(u_short x)
{
    return (u_short)((x << 8) | (x >> 8));
}

u_long WINAPI htonl(u_long x)  { return swap32(x); }
u_short WINAPI htons(u_short x) { return swap16(x); }
u_long WINAPI ntohl(u_long x)  { return swap32(x); }
u_short WINAPI ntohs(u_short x) { return swap16(x); }

/* The WSA forms name a socket whose provider decides the order; every
 * provider here is TCP/IP, so network order is big-endian. */
static DWORD check_wsa_order(SOCKET s, void *out, size_t size)
{
    DWORD err;

    if ((err = ws2_enter_check())) return err;
    if (!out || !ws2_writable(out, size)) return WSAEFAULT;
    if (afd_get_info(s, NULL, NULL, NULL)) return WSAENOTSOCK;
    return 0;
}

int WINAPI WSAHtonl(SOCKET s, u_long host, u_long *net)
{
    DWORD err = check_wsa_order(s, net, sizeof(*net));
    if (err) return ws2_fail(err);
    *net = swap32(host);
    return 0;
}

int WINAPI WSAHtons(SOCKET s, u_short host, u_short *net)
{
    DWORD err = check_wsa_order(s, net, sizeof(*net));
    if (err) return ws2_fail(err);
    *net = swap16(host);
    return 0;
}

int WINAPI WSANtohl(SOCKET s, u_long net, u_long *host)
{
    DWORD err = check_wsa_order(s, host, sizeof(*host));
    if (err) return ws2_fail(err);
    *host = swap32(net);
    return 0;
}

int WINAPI WSANtohs(SOCKET s, u_short net, u_short *host)
{
    DWORD err = check_wsa_order(s, host, sizeof(*host));
    if (err) return ws2_fail(err);
    *host = swap16(net);
    return 0;
}
