/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests: WSAStartup/WSACleanup, the last error, byte order,
 * inet_addr/inet_ntoa, gethostname and the Winsock 1.1 blocking hook.
 *
 * Expected values are Windows' (Microsoft documentation and the results
 * Wine's conformance tests record for Windows).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "wine/test.h"

/* A value no Winsock call stores as its last error, to see which calls set it. */
#define ERROR_MARK 0x5a5a5a5a

/* The network order of a.b.c.d as a ULONG on this little-endian machine. */
#define IP4(a, b, c, d) ((ULONG)(a) | (ULONG)(b) << 8 | (ULONG)(c) << 16 | (ULONG)(d) << 24)

/* A handle value that was never a socket. */
#define NOT_A_SOCKET ((SOCKET)0x5a8)

/* Before WSAStartup every socket call is documented to fail with
 * WSANOTINITIALISED. */
static void expect_not_initialised(const char *call, int failed)
{
    ok(failed, "%s did not fail before WSAStartup\n", call);
    ok(WSAGetLastError() == WSANOTINITIALISED, "%s: last error %d\n", call, WSAGetLastError());
}

static void test_before_startup(void)
{
    int ret, len = sizeof(int), value;
    char name[64];
    SOCKET s;
    fd_set set;

    WSASetLastError(ERROR_MARK);
    expect_not_initialised("WSACleanup", WSACleanup() == SOCKET_ERROR);
    WSASetLastError(ERROR_MARK);
    s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    expect_not_initialised("socket", s == INVALID_SOCKET);
    WSASetLastError(ERROR_MARK);
    s = WSASocketW(AF_INET, SOCK_STREAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED);
    expect_not_initialised("WSASocketW", s == INVALID_SOCKET);
    WSASetLastError(ERROR_MARK);
    expect_not_initialised("closesocket", closesocket(NOT_A_SOCKET) == SOCKET_ERROR);

    /* Wine's builtin answers these without a start-up (or looks at the
     * handle first). */
    WSASetLastError(ERROR_MARK);
    ret = gethostname(name, sizeof(name));
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "gethostname: %d %d\n",
                 ret, WSAGetLastError());
    WSASetLastError(ERROR_MARK);
    ret = getsockopt(NOT_A_SOCKET, SOL_SOCKET, SO_RCVBUF, (char *)&value, &len);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "getsockopt: %d %d\n",
                 ret, WSAGetLastError());
    FD_ZERO(&set);
    FD_SET(NOT_A_SOCKET, &set);
    WSASetLastError(ERROR_MARK);
    ret = select(0, NULL, &set, NULL, NULL);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "select: %d %d\n",
                 ret, WSAGetLastError());

    /* Pure conversions need no start-up. */
    ok(htons(0xa1b2) == 0xb2a1, "htons\n");
    ok(inet_addr("10.9.8.7") == IP4(10, 9, 8, 7), "inet_addr\n");
}

/* ---- WSAStartup version negotiation ----
 *
 * Rules (Microsoft's WSAStartup documentation; the values are those Wine's
 * conformance tests record for Windows):
 *  - the low byte of the request is the major version, the high byte the
 *    minor one;
 *  - a request below the lowest supported version (any major 0) is refused
 *    with WSAVERNOTSUPPORTED, yet the WSADATA is still filled in, and the
 *    refusal is not a start-up that needs a WSACleanup;
 *  - otherwise the call succeeds and wVersion is the version the caller
 *    should use: the request itself up to 1.1 for a 1.x caller and up to
 *    2.2 for a 2.x caller, 2.2 for anything later;
 *  - wHighVersion is always 2.2, the description "WinSock 2.0", the status
 *    "Running"; only a 1.x caller gets the socket and datagram limits;
 *  - lpVendorInfo is left alone.
 */

struct version_case
{
    BYTE major, minor;      /* what is asked for */
    WORD granted;           /* wVersion on return */
};

static char vendor_marker[] = "vendor info is ours";

/* Ask for one version with a WSADATA full of garbage and check all it says. */
static int start_with_version(const struct version_case *c, int expect_ret)
{
    WORD requested = MAKEWORD(c->major, c->minor);
    WSADATA data;
    int ret;

    memset(&data, 0x5a, sizeof(data));
    data.lpVendorInfo = vendor_marker;
    ret = WSAStartup(requested, &data);
    ok(ret == expect_ret, "%u.%u: returned %d\n", c->major, c->minor, ret);
    ok(data.wVersion == c->granted, "%u.%u: wVersion %#x, expected %#x\n", c->major, c->minor,
       data.wVersion, c->granted);
    ok(data.wHighVersion == MAKEWORD(2, 2), "%u.%u: wHighVersion %#x\n", c->major, c->minor, data.wHighVersion);
    ok(!strcmp(data.szDescription, "WinSock 2.0"), "%u.%u: description %s\n", c->major, c->minor,
       wine_dbgstr_a(data.szDescription));
    ok(!strcmp(data.szSystemStatus, "Running"), "%u.%u: status %s\n", c->major, c->minor,
       wine_dbgstr_a(data.szSystemStatus));
    /* Winsock 2 dropped the limits; only a 1.x start-up reports them. */
    ok(data.iMaxSockets == (c->major == 1 ? 32767 : 0), "%u.%u: iMaxSockets %u\n", c->major, c->minor,
       data.iMaxSockets);
    ok(data.iMaxUdpDg == (c->major == 1 ? 65467 : 0), "%u.%u: iMaxUdpDg %u\n", c->major, c->minor,
       data.iMaxUdpDg);
    ok(data.lpVendorInfo == vendor_marker, "%u.%u: lpVendorInfo now %p\n", c->major, c->minor,
       data.lpVendorInfo);
    return ret;
}

/* After one call of start_with_version, undo it (if it counted) and make
 * sure nothing else is left started. */
static void balance_startup(const struct version_case *c, int started)
{
    int ret;

    if (started)
    {
        ret = WSACleanup();
        ok(!ret, "%u.%u: WSACleanup returned %d, error %d\n", c->major, c->minor, ret, WSAGetLastError());
    }
    WSASetLastError(ERROR_MARK);
    ret = WSACleanup();
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
       "%u.%u: extra WSACleanup returned %d, error %d\n", c->major, c->minor, ret, WSAGetLastError());
}

static void run_version_cases(const struct version_case *cases, unsigned int count, int expect_ret)
{
    unsigned int i;
    int ret;

    for (i = 0; i < count; i++)
    {
        ret = start_with_version(&cases[i], expect_ret);
        balance_startup(&cases[i], !ret);
    }
}

static void test_versions(void)
{
    /* Major 0 is below 1.0, the lowest version there is: refused, but
     * WSADATA still names 2.2. */
    static const struct version_case refused[] =
    {
        { 0, 2, MAKEWORD(2, 2) }, { 0, 9, MAKEWORD(2, 2) }, { 0, 0xfe, MAKEWORD(2, 2) },
    };
    /* 1.x: granted as asked up to 1.1, capped at 1.1 above. */
    static const struct version_case winsock1[] =
    {
        { 1, 1, MAKEWORD(1, 1) }, { 1, 7, MAKEWORD(1, 1) }, { 1, 0, MAKEWORD(1, 0) },
        { 1, 0x80, MAKEWORD(1, 1) },
    };
    /* 2.x: granted as asked up to 2.2, capped at 2.2 above. */
    static const struct version_case winsock2[] =
    {
        { 2, 5, MAKEWORD(2, 2) }, { 2, 1, MAKEWORD(2, 1) }, { 2, 0xfe, MAKEWORD(2, 2) },
        { 2, 0, MAKEWORD(2, 0) }, { 2, 2, MAKEWORD(2, 2) },
    };
    /* Later majors than the DLL knows: it offers its highest, 2.2. */
    static const struct version_case later[] =
    {
        { 4, 1, MAKEWORD(2, 2) }, { 9, 9, MAKEWORD(2, 2) }, { 0x80, 0x33, MAKEWORD(2, 2) },
    };
    int ret;

    run_version_cases(refused, ARRAY_SIZE(refused), WSAVERNOTSUPPORTED);
    run_version_cases(winsock1, ARRAY_SIZE(winsock1), 0);
    run_version_cases(winsock2, ARRAY_SIZE(winsock2), 0);
    run_version_cases(later, ARRAY_SIZE(later), 0);

    /* No WSADATA: WSAEFAULT, unless the version is refused first. */
    ret = WSAStartup(MAKEWORD(3, 3), NULL);
    ok(ret == WSAEFAULT, "3.3 without WSADATA: got %d\n", ret);
    ret = WSAStartup(MAKEWORD(1, 1), NULL);
    ok(ret == WSAEFAULT, "1.1 without WSADATA: got %d\n", ret);
    ret = WSAStartup(MAKEWORD(0, 4), NULL);
    ok(ret == WSAVERNOTSUPPORTED, "0.4 without WSADATA: got %d\n", ret);
    /* The documentation gives WSAEFAULT for an invalid lpWSAData; Wine's
     * builtin crashes on it, so it is not called there. */
    if (winetest_platform_is_wine())
        skip("Wine's builtin crashes on an invalid WSADATA pointer\n");
    else
    {
        ret = WSAStartup(MAKEWORD(2, 1), (WSADATA *)(ULONG_PTR)0x5a5);
        ok(ret == WSAEFAULT, "unmapped WSADATA: got %d\n", ret);
    }
    /* None of the failed calls counted as a start-up. */
    WSASetLastError(ERROR_MARK);
    ret = WSACleanup();
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "failed start-ups counted: %d %d\n",
       ret, WSAGetLastError());
}

static void test_refcount(void)
{
    WSADATA data;
    SOCKET s;
    int ret, len;
    struct sockaddr_in addr;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "first WSAStartup failed\n");
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "second WSAStartup failed\n");
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());

    WSASetLastError(ERROR_MARK);
    ret = WSACleanup();
    ok(!ret, "first WSACleanup: %d\n", ret);
    /* Windows clears the last error on success here; Wine's builtin does not. */
    todo_wine ok(!WSAGetLastError(), "last error %d\n", WSAGetLastError());
    /* One start-up left: the socket still works. */
    len = sizeof(addr);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "unbound getsockname: %d %d\n", ret, WSAGetLastError());

    ret = WSACleanup();
    ok(!ret, "second WSACleanup: %d\n", ret);
    ret = WSACleanup();
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "third WSACleanup: %d %d\n", ret, WSAGetLastError());

    /* The last WSACleanup closed the process's sockets. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    len = sizeof(addr);
    WSASetLastError(ERROR_MARK);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "socket survived WSACleanup: %d %d\n", ret, WSAGetLastError());
    WSACleanup();
}

static DWORD WINAPI last_error_thread(void *arg)
{
    ok(WSAGetLastError() == 0, "new thread starts with %d\n", WSAGetLastError());
    WSASetLastError(WSAEWOULDBLOCK);
    ok(GetLastError() == WSAEWOULDBLOCK, "GetLastError %lu\n", GetLastError());
    return 0;
}

static void test_last_error(void)
{
    HANDLE thread;
    WSADATA data;
    SOCKET s;

    WSASetLastError(WSAEINTR);
    ok(WSAGetLastError() == WSAEINTR, "got %d\n", WSAGetLastError());
    ok(GetLastError() == WSAEINTR, "not the GetLastError slot: %lu\n", GetLastError());
    SetLastError(ERROR_FILE_NOT_FOUND);
    ok(WSAGetLastError() == ERROR_FILE_NOT_FOUND, "got %d\n", WSAGetLastError());

    WSASetLastError(WSAEINTR);
    thread = CreateThread(NULL, 0, last_error_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(WSAGetLastError() == WSAEINTR, "another thread changed ours: %d\n", WSAGetLastError());

    /* Failure paths set it. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    WSASetLastError(0);
    s = socket(0x7a7a, SOCK_DGRAM, IPPROTO_UDP);     /* no such family */
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT, "socket: %d\n", WSAGetLastError());
    WSASetLastError(0);
    ok(closesocket((SOCKET)GetCurrentProcess()) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "closesocket: %d\n", WSAGetLastError());
    WSACleanup();
}

static void test_byte_order(void)
{
    WSADATA data;
    u_long l = 0x5a5a5a5a;
    u_short sh = 0x5a5a;
    SOCKET s;
    int ret;

    ok(htonl(0x11223344) == 0x44332211, "htonl\n");
    ok(ntohl(0xa0b0c0d0) == 0xd0c0b0a0, "ntohl\n");
    ok(htons(0x8001) == 0x0180, "htons\n");
    ok(ntohs(0x3c5a) == 0x5a3c, "ntohs\n");

    WSASetLastError(ERROR_MARK);
    ret = WSAHtonl(0, 7, &l);
    /* Documented: WSANOTINITIALISED before WSAStartup, SOCKET_ERROR plus the
     * error on failure.  Wine's builtin converts without start-up and
     * returns the error code itself. */
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "before start-up: %d %d\n", ret, WSAGetLastError());

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    s = socket(AF_INET, SOCK_STREAM, 0);
    ret = WSAHtonl(s, 0x11223344, &l);
    ok(!ret && l == 0x44332211, "WSAHtonl: %d %#lx\n", ret, l);
    ret = WSANtohl(s, 0xa0b0c0d0, &l);
    ok(!ret && l == 0xd0c0b0a0, "WSANtohl: %d %#lx\n", ret, l);
    ret = WSAHtons(s, 0x8001, &sh);
    ok(!ret && sh == 0x0180, "WSAHtons: %d %#x\n", ret, sh);
    ret = WSANtohs(s, 0x3c5a, &sh);
    ok(!ret && sh == 0x5a3c, "WSANtohs: %d %#x\n", ret, sh);

    WSASetLastError(ERROR_MARK);
    ret = WSAHtonl(s, 7, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL out: %d %d\n", ret, WSAGetLastError());
    WSASetLastError(ERROR_MARK);
    ret = WSANtohs(s, 7, NULL);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL out: %d %d\n", ret, WSAGetLastError());
    /* The documentation lists WSAENOTSOCK for a handle that is not a socket;
     * Wine's builtin does not check the handle. */
    WSASetLastError(ERROR_MARK);
    ret = WSAHtonl((SOCKET)GetCurrentProcess(), 7, &l);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "not a socket: %d %d\n", ret, WSAGetLastError());
    closesocket(s);
    WSACleanup();
}

/* ---- inet_addr ----
 *
 * Rules (Microsoft's inet_addr documentation, and results Wine's
 * conformance tests record for Windows):
 *  - a.b.c.d puts one byte per part; in a.b.c the last part fills the last
 *    two bytes, in a.b the last three, and a alone is the whole address;
 *  - a part is decimal, octal with a leading 0, or hexadecimal with 0x;
 *  - a part too big for the room it has makes the string invalid;
 *  - whitespace ends the address and whatever follows it is ignored, but
 *    any other stray character, leading whitespace, an empty part or a
 *    fifth part makes it invalid;
 *  - "" is invalid, yet " " (one space) gives 0;
 *  - an invalid string gives INADDR_NONE, so 255.255.255.255 cannot be told
 *    apart from an error;
 *  - the last error is only set for a NULL string (WSAEFAULT).
 * The result is in network order (see IP4). */

struct addr_case
{
    const char *text;
    ULONG addr;
};

static void check_inet_addr(const char *rule, const struct addr_case *cases, unsigned int count)
{
    unsigned int i;
    ULONG addr;

    for (i = 0; i < count; i++)
    {
        WSASetLastError(ERROR_MARK);
        addr = inet_addr(cases[i].text);
        ok(addr == cases[i].addr, "%s: %s gave %#lx, expected %#lx\n", rule, wine_dbgstr_a(cases[i].text),
           addr, cases[i].addr);
        ok(WSAGetLastError() == ERROR_MARK, "%s: %s set the last error to %d\n", rule,
           wine_dbgstr_a(cases[i].text), WSAGetLastError());
    }
}

static void test_inet_addr(void)
{
    static const struct addr_case four_parts[] =
    {
        { "10.20.30.40", IP4(10, 20, 30, 40) },
        { "192.168.100.1", IP4(192, 168, 100, 1) },
        { "255.0.255.0", IP4(255, 0, 255, 0) },
        { "0.0.0.9", IP4(0, 0, 0, 9) },
    };
    static const struct addr_case three_parts[] =     /* last part: 16 bits */
    {
        { "10.20.7710", IP4(10, 20, 0x1e, 0x1e) },
        { "172.16.65535", IP4(172, 16, 255, 255) },
        { "172.16.258", IP4(172, 16, 1, 2) },
    };
    static const struct addr_case two_parts[] =       /* last part: 24 bits */
    {
        { "10.1193046", IP4(10, 0x12, 0x34, 0x56) },
        { "127.16777215", IP4(127, 255, 255, 255) },
        { "9.65536", IP4(9, 1, 0, 0) },
    };
    static const struct addr_case one_part[] =        /* all 32 bits */
    {
        { "3232235777", IP4(192, 168, 1, 1) },
        { "16909060", IP4(1, 2, 3, 4) },
        { "4294967294", IP4(255, 255, 255, 254) },
        { "77", IP4(0, 0, 0, 77) },
    };
    static const struct addr_case hexadecimal[] =
    {
        { "0xC0.0xa8.0x1.0xFE", IP4(192, 168, 1, 254) },
        { "0x7F000001", IP4(127, 0, 0, 1) },
        { "0xa.0xBc", IP4(10, 0, 0, 0xbc) },
        { "0x0000000a.1.2.3", IP4(10, 1, 2, 3) },
    };
    static const struct addr_case octal[] =
    {
        { "0300.0250.0.01", IP4(192, 168, 0, 1) },
        { "020000000001", IP4(128, 0, 0, 1) },
        { "012.0377.00.07", IP4(10, 255, 0, 7) },
    };
    static const struct addr_case mixed_bases[] =
    {
        { "0x0a.010.8.0", IP4(10, 8, 8, 0) },
        { "10.0x14.036", IP4(10, 20, 0, 30) },
    };
    static const struct addr_case too_big[] =
    {
        { "10.0.0.300", INADDR_NONE },
        { "10.256.0.1", INADDR_NONE },
        { "0400.1.2.3", INADDR_NONE },          /* octal 256 */
        { "172.16.65536", INADDR_NONE },
        { "10.16777216", INADDR_NONE },
        { "256.1", INADDR_NONE },
        { "4294967296", INADDR_NONE },
        { "0x1ffffffff", INADDR_NONE },
    };
    static const struct addr_case bad_part[] =
    {
        { "10.0x.0.1", INADDR_NONE },           /* 0x without a digit */
        { "10.0.0.1x", INADDR_NONE },
        { "10.0b1.0.1", INADDR_NONE },
        { "-10.0.0.1", INADDR_NONE },
        { "+10.0.0.1", INADDR_NONE },
    };
    static const struct addr_case empty_part[] =
    {
        { ".10.20.30", INADDR_NONE },
        { "10..20.30", INADDR_NONE },
        { "..", INADDR_NONE },
        { "10.20. 30", INADDR_NONE },           /* a space is not a part */
    };
    static const struct addr_case too_many_parts[] =
    {
        { "10.0.0.1.0", INADDR_NONE },
        { "0x1.0x2.0x3.0x4.0x5", INADDR_NONE },
    };
    static const struct addr_case space_ends_it[] =
    {
        { "10.20.30.40 ", IP4(10, 20, 30, 40) },
        { "10.20.30.40\tport 80", IP4(10, 20, 30, 40) },
        { "10.20 30", IP4(10, 0, 0, 20) },
        { "10.20.30\n", IP4(10, 20, 0, 30) },
        { "192.168.1.1\r\n", IP4(192, 168, 1, 1) },
        { "10 .20", IP4(0, 0, 0, 10) },
        { "7\v8", IP4(0, 0, 0, 7) },
        { "172.16.0.1 \x81", IP4(172, 16, 0, 1) },
    };
    static const struct addr_case other_trailer[] =
    {
        { "10.20.30.40:80", INADDR_NONE },
        { "10.20.30.40/24", INADDR_NONE },
        { "10.20.30,40", INADDR_NONE },
        { "10.20.30.40#", INADDR_NONE },
        { "10.20.30\xe9", INADDR_NONE },
    };
    static const struct addr_case leading_space[] =
    {
        { " 10.20.30.40", INADDR_NONE },
        { "\t192.168.0.1", INADDR_NONE },
        { "\r\n10.0.0.1", INADDR_NONE },
    };
    static const struct addr_case no_number[] =
    {
        { "", INADDR_NONE },
        { " ", 0 },                             /* documented: one space gives 0 */
        { "   ", INADDR_NONE },
        { "\n", INADDR_NONE },
        { "x", INADDR_NONE },
    };
    static const struct addr_case not_ipv4_text[] =
    {
        { "fe80::1", INADDR_NONE },
        { "::ffff:10.0.0.1", INADDR_NONE },
        { "[10.0.0.1]", INADDR_NONE },
        { "localhost", INADDR_NONE },           /* no name resolution */
    };
    static const struct addr_case all_ones[] =
    {
        { "4294967295", INADDR_NONE },
        { "0377.0xff.255.0xFF", INADDR_NONE },
    };
    ULONG addr;

    check_inet_addr("four parts", four_parts, ARRAY_SIZE(four_parts));
    check_inet_addr("three parts", three_parts, ARRAY_SIZE(three_parts));
    check_inet_addr("two parts", two_parts, ARRAY_SIZE(two_parts));
    check_inet_addr("one part", one_part, ARRAY_SIZE(one_part));
    check_inet_addr("hexadecimal", hexadecimal, ARRAY_SIZE(hexadecimal));
    check_inet_addr("octal", octal, ARRAY_SIZE(octal));
    check_inet_addr("mixed bases", mixed_bases, ARRAY_SIZE(mixed_bases));
    check_inet_addr("part too big", too_big, ARRAY_SIZE(too_big));
    check_inet_addr("bad part", bad_part, ARRAY_SIZE(bad_part));
    check_inet_addr("empty part", empty_part, ARRAY_SIZE(empty_part));
    check_inet_addr("too many parts", too_many_parts, ARRAY_SIZE(too_many_parts));
    check_inet_addr("space ends it", space_ends_it, ARRAY_SIZE(space_ends_it));
    check_inet_addr("other trailer", other_trailer, ARRAY_SIZE(other_trailer));
    check_inet_addr("leading space", leading_space, ARRAY_SIZE(leading_space));
    check_inet_addr("no number", no_number, ARRAY_SIZE(no_number));
    check_inet_addr("not IPv4 text", not_ipv4_text, ARRAY_SIZE(not_ipv4_text));
    check_inet_addr("all ones", all_ones, ARRAY_SIZE(all_ones));

    WSASetLastError(ERROR_MARK);
    addr = inet_addr(NULL);
    ok(addr == INADDR_NONE, "NULL gave %#lx\n", addr);
    ok(WSAGetLastError() == WSAEFAULT, "NULL: last error %d\n", WSAGetLastError());
}

static DWORD WINAPI ntoa_thread(void *arg)
{
    struct in_addr in;
    char *str;

    in.s_addr = htonl(0x0a000001);
    str = inet_ntoa(in);
    ok(str && !strcmp(str, "10.0.0.1"), "got %s\n", wine_dbgstr_a(str));
    return 0;
}

static void test_inet_ntoa(void)
{
    struct in_addr in;
    HANDLE thread;
    char *str;

    in.s_addr = 0x20201015;
    str = inet_ntoa(in);
    ok(str && !strcmp(str, "21.16.32.32"), "got %s\n", wine_dbgstr_a(str));
    /* Another thread's call does not overwrite this thread's buffer. */
    thread = CreateThread(NULL, 0, ntoa_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(!strcmp(str, "21.16.32.32"), "overwritten: %s\n", str);
    in.s_addr = 0;
    ok(!strcmp(inet_ntoa(in), "0.0.0.0"), "got %s\n", inet_ntoa(in));
    in.s_addr = 0xffffffff;
    ok(!strcmp(inet_ntoa(in), "255.255.255.255"), "got %s\n", inet_ntoa(in));
}

/* gethostname fails with WSAEFAULT (documented) for a NULL buffer and for
 * one without room for the whole name and its NUL; such a buffer is left as
 * it was (recorded in Wine's tests). */
static void expect_name_fault(char *buffer, int size)
{
    char before = buffer ? buffer[0] : 0;
    int ret;

    WSASetLastError(ERROR_MARK);
    ret = gethostname(buffer, size);
    ok(ret == SOCKET_ERROR, "%p, size %d: returned %d\n", buffer, size, ret);
    ok(WSAGetLastError() == WSAEFAULT, "%p, size %d: last error %d\n", buffer, size, WSAGetLastError());
    if (buffer) ok(buffer[0] == before, "size %d: buffer written on failure\n", size);
}

static void test_gethostname(void)
{
    char name[200], copy[200];
    WSADATA data;
    int ret, len;

    ok(!WSAStartup(MAKEWORD(2, 0), &data), "WSAStartup failed\n");
    memset(name, '#', sizeof(name));
    ret = gethostname(name, sizeof(name));
    ok(!ret, "gethostname failed: %d\n", WSAGetLastError());
    ok(memchr(name, 0, sizeof(name)) != NULL, "name not terminated\n");
    name[sizeof(name) - 1] = 0;
    len = strlen(name);
    ok(len > 0, "empty name\n");

    expect_name_fault(NULL, sizeof(name));
    expect_name_fault(NULL, len + 1);
    memset(copy, '#', sizeof(copy));
    expect_name_fault(copy, 1);
    expect_name_fault(copy, len);       /* no room for the NUL */

    /* Room for the name and its NUL is enough. */
    ret = gethostname(copy, len + 1);
    ok(!ret, "size %d: failed with %d\n", len + 1, WSAGetLastError());
    ok(!strcmp(copy, name), "size %d: got %s, expected %s\n", len + 1, wine_dbgstr_a(copy), wine_dbgstr_a(name));
    WSACleanup();
}

/* ---- Winsock 1.1 blocking hook: runs in a child that negotiates 1.1 ----
 *
 * The behaviour is the Winsock 1.1 specification's (the hook runs while a
 * call blocks, WSACancelBlockingCall makes the call fail with WSAEINTR,
 * other calls fail with WSAEINPROGRESS).  Wine's builtin accepts the hook
 * but never runs it, hence the todo_wine marks. */

static int hook_calls;
static int hook_cancel;

static BOOL WINAPI counting_hook(void)
{
    char name[256];
    fd_set set;

    hook_calls++;
    ok(WSAIsBlocking(), "WSAIsBlocking FALSE inside the hook\n");
    if (hook_calls == 1)
    {
        /* Other Winsock calls fail while a 1.1 blocking call is in progress. */
        WSASetLastError(ERROR_MARK);
        ok(gethostname(name, sizeof(name)) == SOCKET_ERROR && WSAGetLastError() == WSAEINPROGRESS,
           "gethostname inside hook: %d\n", WSAGetLastError());
        FD_ZERO(&set);
        WSASetLastError(ERROR_MARK);
        ok(WSACleanup() == SOCKET_ERROR && WSAGetLastError() == WSAEINPROGRESS,
           "WSACleanup inside hook: %d\n", WSAGetLastError());
    }
    if (hook_cancel && hook_calls >= 3)
        ok(!WSACancelBlockingCall(), "WSACancelBlockingCall failed: %d\n", WSAGetLastError());
    return FALSE;
}

static void child_v11(void)
{
    struct sockaddr_in addr = { 0 };
    WSADATA data;
    FARPROC previous, prev2;
    SOCKET s;
    char buf[16];
    int ret, len = sizeof(addr);

    ok(!WSAStartup(MAKEWORD(1, 1), &data), "WSAStartup(1.1) failed\n");
    ok(data.wVersion == MAKEWORD(1, 1), "version %#x\n", data.wVersion);
    ok(!WSAIsBlocking(), "blocking outside any call\n");
    WSASetLastError(ERROR_MARK);
    ret = WSACancelBlockingCall();
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "cancel with nothing blocked: %d %d\n", ret, WSAGetLastError());

    previous = WSASetBlockingHook((FARPROC)counting_hook);
    ok(previous != NULL, "no previous (default) hook: %d\n", WSAGetLastError());

    s = socket(AF_INET, SOCK_DGRAM, 0);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(s, (struct sockaddr *)&addr, sizeof(addr)), "bind failed\n");
    getsockname(s, (struct sockaddr *)&addr, &len);

    /* Bound the wait where no hook runs (Wine's builtin). */
    ret = 3000;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ret, sizeof(ret));
    /* A blocking recv runs the hook until WSACancelBlockingCall. */
    hook_calls = 0;
    hook_cancel = 1;
    WSASetLastError(ERROR_MARK);
    ret = recv(s, buf, sizeof(buf), 0);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINTR, "cancelled recv: %d %d\n", ret, WSAGetLastError());
    todo_wine ok(hook_calls >= 3, "hook ran %d times\n", hook_calls);
    ok(!WSAIsBlocking(), "still blocking after the call\n");

    /* The socket is still usable after the cancelled call. */
    hook_cancel = 0;
    ok(sendto(s, "x", 1, 0, (struct sockaddr *)&addr, sizeof(addr)) == 1, "sendto failed: %d\n", WSAGetLastError());
    ret = recv(s, buf, sizeof(buf), 0);
    ok(ret == 1, "recv after cancel: %d %d\n", ret, WSAGetLastError());

    prev2 = WSASetBlockingHook(previous);
    ok(prev2 == (FARPROC)counting_hook, "previous hook %p\n", prev2);
    ok(!WSAUnhookBlockingHook(), "WSAUnhookBlockingHook failed: %d\n", WSAGetLastError());
    WSASetLastError(ERROR_MARK);
    todo_wine ok(WSASetBlockingHook(NULL) == NULL && WSAGetLastError() == WSAEFAULT, "NULL hook: %d\n", WSAGetLastError());
    closesocket(s);
    ok(!WSACleanup(), "WSACleanup failed\n");
}

static void test_blocking_hook(void)
{
    char cmd[MAX_PATH + 64], **argv;
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    WSADATA data;
    int ret;

    /* Winsock 2 removed the blocking hook: a 2.x caller gets WSAEOPNOTSUPP. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    /* Wine's builtin accepts the 1.1 calls from a 2.x caller. */
    WSASetLastError(ERROR_MARK);
    todo_wine ok(WSASetBlockingHook((FARPROC)counting_hook) == NULL && WSAGetLastError() == WSAEOPNOTSUPP,
       "WSASetBlockingHook: %d\n", WSAGetLastError());
    WSASetLastError(ERROR_MARK);
    ret = WSAUnhookBlockingHook();
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "WSAUnhookBlockingHook: %d %d\n", ret, WSAGetLastError());
    WSASetLastError(ERROR_MARK);
    ret = WSACancelBlockingCall();
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "WSACancelBlockingCall: %d %d\n", ret, WSAGetLastError());
    ok(!WSAIsBlocking(), "WSAIsBlocking\n");
    WSACleanup();

    winetest_get_mainargs(&argv);
    sprintf(cmd, "\"%s\" startup v11", argv[0]);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess failed\n");
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

START_TEST(startup)
{
    char **argv;
    int argc = winetest_get_mainargs(&argv);

    if (argc > 2 && !strcmp(argv[2], "v11"))
    {
        child_v11();
        return;
    }
    test_before_startup();
    test_versions();
    test_refcount();
    test_last_error();
    test_byte_order();
    test_inet_addr();
    test_inet_ntoa();
    test_gethostname();
    test_blocking_hook();
}
