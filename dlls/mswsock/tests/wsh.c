/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The TCP/IP helper exports (Tcpip4_WSH*, Tcpip6_WSH*): address
 * classification, wildcard and broadcast addresses, the socket triple
 * mapping, the provider GUIDs, and the context functions that need a TDI
 * transport (WSAEOPNOTSUPP here).
 */
#include "mswsock_test.h"

/* wsahelp.h's SOCKADDR_INFO: two enums (address kind, endpoint kind). */
typedef struct { int address; int endpoint; } sockaddr_info;
enum { ADDR_NORMAL, ADDR_WILDCARD, ADDR_BROADCAST, ADDR_LOOPBACK };
enum { END_NORMAL, END_WILDCARD, END_RESERVED };

typedef INT (WINAPI *sockaddr_type_fn)(struct sockaddr *, DWORD, sockaddr_info *);
typedef INT (WINAPI *fill_fn)(void *, struct sockaddr *, INT *);
typedef DWORD (WINAPI *mapping_fn)(DWORD *, DWORD);
typedef INT (WINAPI *guid_fn)(WCHAR *, GUID *);
typedef INT (WINAPI *open_fn)(INT *, INT *, INT *, void *, void **, DWORD *);
typedef INT (WINAPI *to_string_fn)(SOCKADDR *, INT, WSAPROTOCOL_INFOW *, WCHAR *, DWORD *);

static void classify4(sockaddr_type_fn fn, ULONG addr, USHORT port, int want_addr, int want_end)
{
    struct sockaddr_in sin = lb_addr4(htons(port));
    sockaddr_info info = {0x5a, 0x5a};
    INT ret;

    sin.sin_addr.s_addr = htonl(addr);
    ret = fn(LB_ADDR(&sin), sizeof(sin), &info);
    ok(!ret, "%#lx:%u: error %d\n", addr, port, ret);
    ok(info.address == want_addr && info.endpoint == want_end, "%#lx:%u: kinds %d/%d, want %d/%d\n", addr, port,
       info.address, info.endpoint, want_addr, want_end);
}

/* Rule: the address kind (any, broadcast, loopback, other) and the port
 * kind (0, below 1024, other). */
static void test_sockaddr_type(void)
{
    sockaddr_type_fn type4 = msw_real("Tcpip4_WSHGetSockaddrType");
    sockaddr_type_fn type6 = msw_real("Tcpip6_WSHGetSockaddrType");
    struct sockaddr_in6 sin6 = lb_addr6(htons(4433));
    struct sockaddr_in sin = lb_addr4(0);
    sockaddr_info info;

    if (!type4 || !type6) return;
    classify4(type4, INADDR_ANY, 0, ADDR_WILDCARD, END_WILDCARD);
    classify4(type4, 0x7f0000fe, 80, ADDR_LOOPBACK, END_RESERVED);
    classify4(type4, INADDR_BROADCAST, 6000, ADDR_BROADCAST, END_NORMAL);
    classify4(type4, 0xc6336407, 1023, ADDR_NORMAL, END_RESERVED);
    classify4(type4, 0xc6336407, 1024, ADDR_NORMAL, END_NORMAL);

    ok(!type6(LB_ADDR(&sin6), sizeof(sin6), &info), "IPv6 loopback failed\n");
    ok(info.address == ADDR_LOOPBACK && info.endpoint == END_NORMAL, "IPv6: %d/%d\n", info.address, info.endpoint);

    /* Rules: the other family is WSAEAFNOSUPPORT, a short address WSAEFAULT */
    ok(type6(LB_ADDR(&sin), sizeof(sin), &info) == WSAEAFNOSUPPORT, "IPv4 accepted by the IPv6 helper\n");
    ok(type4(LB_ADDR(&sin), sizeof(sin) - 2, &info) == WSAEFAULT, "short address accepted\n");
}

/* Rule: wildcard (any address, port 0) and, for IPv4, broadcast
 * (255.255.255.255) addresses, with their length; a short buffer fails. */
static void test_wildcard_broadcast(void)
{
    fill_fn wild4 = msw_real("Tcpip4_WSHGetWildcardSockaddr");
    fill_fn wild6 = msw_real("Tcpip6_WSHGetWildcardSockaddr");
    fill_fn bcast = msw_real("Tcpip4_WSHGetBroadcastSockaddr");
    SOCKADDR_STORAGE addr;
    struct sockaddr_in *sin = (struct sockaddr_in *)&addr;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&addr;
    static const BYTE zero16[16];
    INT len;

    if (!wild4 || !wild6 || !bcast) return;
    memset(&addr, 0x77, sizeof(addr));
    len = sizeof(addr);
    ok(!wild4(NULL, LB_ADDR(&addr), &len), "IPv4 wildcard failed\n");
    ok(len == sizeof(*sin) && sin->sin_family == AF_INET && !sin->sin_addr.s_addr && !sin->sin_port,
       "IPv4 wildcard: len %d\n", len);
    memset(&addr, 0x77, sizeof(addr));
    len = sizeof(addr);
    ok(!wild6(NULL, LB_ADDR(&addr), &len), "IPv6 wildcard failed\n");
    ok(len == sizeof(*sin6) && sin6->sin6_family == AF_INET6 && !memcmp(&sin6->sin6_addr, zero16, 16),
       "IPv6 wildcard: len %d\n", len);
    len = sizeof(addr);
    ok(!bcast(NULL, LB_ADDR(&addr), &len), "broadcast failed\n");
    ok(sin->sin_addr.s_addr == INADDR_BROADCAST && !sin->sin_port, "broadcast %#lx\n",
       (unsigned long)sin->sin_addr.s_addr);
    len = sizeof(*sin) - 1;
    ok(wild4(NULL, LB_ADDR(&addr), &len) == WSAEFAULT, "short buffer accepted\n");
}

/* Rule: the mapping's size is returned whatever the buffer; a big enough
 * one gets rows of (family, type, protocol), three columns. */
static void test_mapping(void)
{
    mapping_fn map6 = msw_real("Tcpip6_WSHGetWinsockMapping");
    DWORD buf[64], needed, i;
    BOOL tcp = FALSE, udp = FALSE;

    if (!map6) return;
    needed = map6(NULL, 0);
    ok(needed > 2 * sizeof(DWORD) && needed <= sizeof(buf), "needed %lu\n", needed);
    memset(buf, 0x5a, sizeof(buf));
    ok(map6(buf, sizeof(buf)) == needed, "size changed\n");
    ok(buf[1] == 3 && buf[0] * 3 * sizeof(DWORD) + 2 * sizeof(DWORD) == needed, "rows %lu, columns %lu\n",
       buf[0], buf[1]);
    for (i = 0; i < buf[0] && 2 + 3 * i + 2 < ARRAYSIZE(buf); i++)
    {
        DWORD *row = buf + 2 + 3 * i;
        ok(row[0] == AF_INET6, "row %lu: family %lu\n", i, row[0]);
        tcp |= row[1] == SOCK_STREAM && row[2] == IPPROTO_TCP;
        udp |= row[1] == SOCK_DGRAM && row[2] == IPPROTO_UDP;
    }
    ok(tcp && udp, "TCP %d, UDP %d\n", tcp, udp);
}

/* Rules: each helper names its catalog provider; text conversions work
 * for the helper's own family; the transport-context functions are not
 * offered. */
static void test_guid_strings_context(void)
{
    static const GUID tcpip4 = {0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}};
    guid_fn guid4 = msw_real("Tcpip4_WSHGetProviderGuid");
    to_string_fn to_string = msw_real("Tcpip4_WSHAddressToString");
    open_fn open4 = msw_real("Tcpip4_WSHOpenSocket");
    struct sockaddr_in sin = lb_addr4(htons(2025));
    struct sockaddr_in6 sin6 = lb_addr6(0);
    int af = AF_INET, type = SOCK_STREAM, proto = 0;
    void *ctx = NULL;
    DWORD events = 0, len;
    WCHAR text[64];
    GUID got;

    if (!guid4 || !to_string || !open4) return;
    memset(&got, 0x5a, sizeof(got));
    ok(!guid4((WCHAR *)L"Tcpip", &got) && IsEqualGUID(&got, &tcpip4), "GUID %s\n", wine_dbgstr_guid(&got));
    len = ARRAYSIZE(text);
    ok(!to_string((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len), "to string failed\n");
    ok(!wcscmp(text, L"127.0.0.1:2025"), "text %s\n", wine_dbgstr_w(text));
    len = ARRAYSIZE(text);
    ok(to_string((SOCKADDR *)&sin6, sizeof(sin6), NULL, text, &len) == WSAEINVAL, "IPv6 address accepted\n");
    ok(open4(&af, &type, &proto, NULL, &ctx, &events) == WSAEOPNOTSUPP, "OpenSocket\n");
}

START_TEST(wsh)
{
    msw_start();
    test_sockaddr_type();
    test_wildcard_broadcast();
    test_mapping();
    test_guid_strings_context();
    msw_finish();
}
