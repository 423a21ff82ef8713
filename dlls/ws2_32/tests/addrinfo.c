/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests: getaddrinfo, GetAddrInfoW, GetAddrInfoExA/W (with the
 * asynchronous forms), GetAddrInfoExCancel, GetAddrInfoExOverlappedResult,
 * the FreeAddrInfo family, SetAddrInfoExA/W, getnameinfo and GetNameInfoW.
 *
 * Expected values are Windows': Microsoft's documentation, and the results
 * Wine's and ReactOS's conformance tests record for Windows.  Names under
 * ws2.test come from the private DNS responder of tools/with-dns
 * (tests/dns/zone); without it (WS2_TEST_DNS unset) those checks are
 * skipped.  unixhosts.ws2.test and unixalias.ws2.test come from the
 * /etc/hosts that tools/with-dns mounts.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <psapi.h>
#include <stdio.h>
#include <stdlib.h>
#include "wine/test.h"

#ifndef AI_DNS_ONLY
#define AI_DNS_ONLY 0x10
#endif
/* Not in MinGW-w64's headers. */
int WINAPI GetAddrInfoExOverlappedResult(OVERLAPPED *overlapped);
int WINAPI GetAddrInfoExCancel(HANDLE *handle);

static BOOL have_dns;

/* Put in out-parameters and the last error before a call, to see whether
 * the call wrote them. */
#define UNWRITTEN_PTR ((void *)(ULONG_PTR)0x7a6b5c40)
#define UNSET_ERROR   0x7a6b5c4d

/* ---- helpers ---- */

static int list_length(const ADDRINFOA *ai)
{
    int n = 0;

    for (; ai; ai = ai->ai_next) n++;
    return n;
}

static ULONG v4_of(const ADDRINFOA *ai)
{
    return ((const SOCKADDR_IN *)ai->ai_addr)->sin_addr.s_addr;
}

static USHORT port_of(const ADDRINFOA *ai)
{
    return ntohs(((const SOCKADDR_IN *)ai->ai_addr)->sin_port);
}

static BOOL lists_equal(const ADDRINFOA *a, const ADDRINFOA *b)
{
    for (; a && b; a = a->ai_next, b = b->ai_next)
    {
        if (a->ai_flags != b->ai_flags || a->ai_family != b->ai_family || a->ai_socktype != b->ai_socktype
                || a->ai_protocol != b->ai_protocol || a->ai_addrlen != b->ai_addrlen) return FALSE;
        if (memcmp(a->ai_addr, b->ai_addr, a->ai_addrlen)) return FALSE;
        if (!a->ai_canonname != !b->ai_canonname) return FALSE;
        if (a->ai_canonname && strcmp(a->ai_canonname, b->ai_canonname)) return FALSE;
    }
    return !a && !b;
}

/* Calls getaddrinfo with hints built from the arguments. */
static int gai(const char *node, const char *service, int flags, int family, int socktype, int protocol,
               ADDRINFOA **res)
{
    ADDRINFOA hints;

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = flags;
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    *res = UNWRITTEN_PTR;
    WSASetLastError(UNSET_ERROR);
    return getaddrinfo(node, service, &hints, res);
}

static void to_wide(const char *s, WCHAR *w)
{
    while ((*w++ = (unsigned char)*s++)) ;
}

static BOOL is_builtin(void)
{
    return winetest_platform_is_wine();
}

/* ---- before WSAStartup ---- */

static void test_not_started(void)
{
    ADDRINFOA *res = UNWRITTEN_PTR;
    ADDRINFOW *resw = UNWRITTEN_PTR;
    SOCKADDR_IN sin = { AF_INET };
    char host[64];
    int ret;

    /* Windows refuses before WSAStartup and leaves *res alone. */
    ret = getaddrinfo("127.0.0.1", NULL, NULL, &res);
    todo_wine ok(ret == WSANOTINITIALISED, "got %d\n", ret);
    todo_wine ok(res == UNWRITTEN_PTR, "res changed\n");
    if (!ret) freeaddrinfo(res);
    ret = GetAddrInfoW(L"127.0.0.1", NULL, NULL, &resw);
    todo_wine ok(ret == WSANOTINITIALISED, "got %d\n", ret);
    if (!ret) FreeAddrInfoW(resw);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    todo_wine ok(ret == WSANOTINITIALISED, "got %d\n", ret);
}

/* ---- getaddrinfo: the basic rules ---- */

/* Neither a node nor a service: nothing to look up (documented as
 * EAI_NONAME), whatever the hints say. */
static void test_nothing_to_look_up(void)
{
    ADDRINFOA *res;
    int ret;

    ret = gai(NULL, NULL, AI_CANONNAME, AF_INET6, SOCK_STREAM, IPPROTO_TCP, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ok(WSAGetLastError() == WSAHOST_NOT_FOUND, "got error %d\n", WSAGetLastError());
    ok(!res, "*res left at %p\n", res);
}

/* The empty node is the local host: the same list as the machine's own
 * name, and success leaves the last error 0. */
static void test_local_host(void)
{
    ADDRINFOA *empty, *own;
    char name[256];
    DWORD size = sizeof(name);
    int ret;

    ret = gai("", "631", 0, AF_UNSPEC, 0, 0, &empty);
    ok(!ret, "got %d\n", ret);
    ok(WSAGetLastError() == 0, "got error %d\n", WSAGetLastError());
    ok(empty && empty != UNWRITTEN_PTR, "no result\n");
    if (ret) return;

    ok(GetComputerNameExA(ComputerNamePhysicalDnsHostname, name, &size), "no computer name\n");
    ret = gai(name, "631", 0, AF_UNSPEC, 0, 0, &own);
    ok(!ret, "%s: got %d\n", name, ret);
    if (!ret)
    {
        ok(lists_equal(empty, own), "lists differ for \"\" and %s\n", name);
        freeaddrinfo(own);
    }
    freeaddrinfo(empty);

    /* The own name is a name: AI_NUMERICHOST refuses it. */
    ret = gai(name, NULL, AI_NUMERICHOST, AF_UNSPEC, 0, 0, &own);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ok(WSAGetLastError() == WSAHOST_NOT_FOUND, "got error %d\n", WSAGetLastError());
    ok(!own, "*res left at %p\n", own);
}

/* "localhost" is the loopback address of each family asked for. */
static void test_localhost(void)
{
    ADDRINFOA *res, *ai;
    int ret;

    ret = gai("localhost", NULL, 0, AF_UNSPEC, 0, 0, &res);
    ok(!ret, "got %d\n", ret);
    for (ai = ret ? NULL : res; ai; ai = ai->ai_next)
    {
        if (ai->ai_family == AF_INET)
            ok(v4_of(ai) == htonl(INADDR_LOOPBACK), "got %#lx\n", v4_of(ai));
        else
            ok(ai->ai_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&((SOCKADDR_IN6 *)ai->ai_addr)->sin6_addr),
               "not a loopback address, family %d\n", ai->ai_family);
    }
    if (!ret) freeaddrinfo(res);

    /* One IPv4 entry: address, port, type as asked, nothing else set. */
    ret = gai("localhost", "993", 0, AF_INET, SOCK_DGRAM, 0, &res);
    ok(!ret, "got %d\n", ret);
    if (ret) return;
    ok(list_length(res) == 1, "got %d entries\n", list_length(res));
    ok(res->ai_family == AF_INET && v4_of(res) == htonl(INADDR_LOOPBACK), "wrong address\n");
    ok(port_of(res) == 993, "got port %u\n", port_of(res));
    ok(res->ai_addrlen == sizeof(SOCKADDR_IN), "got addrlen %d\n", (int)res->ai_addrlen);
    ok(res->ai_socktype == SOCK_DGRAM && !res->ai_protocol, "got type %d protocol %d\n",
       res->ai_socktype, res->ai_protocol);
    ok(!res->ai_canonname, "got a canonical name\n");
    ok(!res->ai_flags, "got flags %#x\n", res->ai_flags);
    freeaddrinfo(res);
}

/* An unknown service name is EAI_SERVICE (WSATYPE_NOT_FOUND). */
static void test_unknown_service(void)
{
    ADDRINFOA *res;
    int ret;

    ret = gai("localhost", "ws2-no-such-service", 0, AF_INET, 0, 0, &res);
    ok(ret == WSATYPE_NOT_FOUND, "got %d\n", ret);
    ok(!res, "*res left at %p\n", res);
}

/* No node: the loopback address of the family, or with AI_PASSIVE the
 * wildcard address a server binds to; the service gives the port. */
static void check_no_node(int flags, int family, const char *service, USHORT port)
{
    static const IN6_ADDR any6, loop6 = IN6ADDR_LOOPBACK_INIT;
    const IN6_ADDR *want6 = (flags & AI_PASSIVE) ? &any6 : &loop6;
    ULONG want4 = htonl((flags & AI_PASSIVE) ? INADDR_ANY : INADDR_LOOPBACK);
    ADDRINFOA *res;
    int ret;

    winetest_push_context("flags %#x family %d", flags, family);
    ret = gai(NULL, service, flags, family, 0, 0, &res);
    ok(!ret && list_length(res) == 1, "got %d\n", ret);
    if (!ret)
    {
        ok(res->ai_family == family, "got family %d\n", res->ai_family);
        if (family == AF_INET)
            ok(v4_of(res) == want4, "got %#lx\n", v4_of(res));
        else
            ok(res->ai_addrlen == sizeof(SOCKADDR_IN6)
               && !memcmp(&((SOCKADDR_IN6 *)res->ai_addr)->sin6_addr, want6, sizeof(*want6)), "wrong address\n");
        ok(port_of(res) == port, "got port %u\n", port_of(res));
        ok(!res->ai_socktype && !res->ai_protocol, "got type %d protocol %d\n", res->ai_socktype, res->ai_protocol);
        ok(!res->ai_canonname, "got canonical name %s\n", res->ai_canonname);
        /* (Wine's builtin echoes AI_PASSIVE here; what Windows does with
         * it is not recorded.) */
        if (!flags) ok(!res->ai_flags, "got flags %#x\n", res->ai_flags);
        freeaddrinfo(res);
    }
    winetest_pop_context();
}

static void test_no_node(void)
{
    check_no_node(0, AF_INET, "4321", 4321);
    check_no_node(AI_PASSIVE, AF_INET, "4321", 4321);
    check_no_node(0, AF_INET6, "17500", 17500);
    check_no_node(AI_PASSIVE, AF_INET6, "17500", 17500);
}

/* ---- numeric nodes ---- */

/* A node read as a numeric address gives one entry: that address, the
 * service's port, the hints' type and protocol (0 here), no canonical
 * name, and AI_NUMERICHOST in ai_flags (ReactOS's getaddrinfo tests record
 * the flag for Windows; Wine's builtin echoes the hint flags instead).
 * text is the address as WSAAddressToString prints it without a port. */
static void expect_numeric_(int line, const char *node, const char *service, int flags, int family_hint,
                            int family, const char *text, USHORT port)
{
    SOCKADDR_STORAGE copy;
    ADDRINFOA *res;
    char got[96];
    DWORD len = sizeof(got);
    int ret;

    winetest_push_context("%s, %s, flags %#x, family %d", node, service ? service : "(null)", flags, family_hint);
    ret = gai(node, service, flags, family_hint, 0, 0, &res);
    ok_(__FILE__, line)(!ret, "got %d\n", ret);
    if (!ret)
    {
        ok_(__FILE__, line)(list_length(res) == 1, "got %d entries\n", list_length(res));
        ok_(__FILE__, line)(res->ai_family == family, "got family %d\n", res->ai_family);
        ok_(__FILE__, line)(res->ai_addrlen == (family == AF_INET ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6)),
                            "got addrlen %d\n", (int)res->ai_addrlen);
        memset(&copy, 0, sizeof(copy));
        memcpy(&copy, res->ai_addr, min(res->ai_addrlen, sizeof(copy)));
        ((SOCKADDR_IN *)&copy)->sin_port = 0;
        ok_(__FILE__, line)(!WSAAddressToStringA((SOCKADDR *)&copy, (DWORD)res->ai_addrlen, NULL, got, &len)
                            && !strcmp(got, text), "got %s, expected %s\n", got, text);
        ok_(__FILE__, line)(port_of(res) == port, "got port %u, expected %u\n", port_of(res), port);
        todo_wine_if(flags != AI_NUMERICHOST)
        ok_(__FILE__, line)(res->ai_flags == AI_NUMERICHOST, "got flags %#x\n", res->ai_flags);
        ok_(__FILE__, line)(!res->ai_canonname, "got canonical name %s\n", res->ai_canonname);
        ok_(__FILE__, line)(!res->ai_socktype && !res->ai_protocol, "got type %d protocol %d\n",
                            res->ai_socktype, res->ai_protocol);
        freeaddrinfo(res);
    }
    winetest_pop_context();
}
#define expect_numeric(node, service, flags, hint, family, text, port) \
    expect_numeric_(__LINE__, node, service, flags, hint, family, text, port)

/* How Wine's builtin answers a node Windows refuses. */
enum builtin_answer
{
    BUILTIN_SAME,           /* WSAHOST_NOT_FOUND too */
    BUILTIN_ACCEPTS,        /* an address */
    BUILTIN_OTHER_ERROR,    /* another error, *res cleared */
};

/* A node that is not a numeric address of the family asked for, where
 * no name lookup can help: WSAHOST_NOT_FOUND (EAI_NONAME), *res cleared. */
static void expect_refused_(int line, const char *node, int flags, int family_hint, enum builtin_answer builtin)
{
    ADDRINFOA *res;
    int ret;

    winetest_push_context("%s, flags %#x, family %d", node, flags, family_hint);
    ret = gai(node, NULL, flags, family_hint, 0, 0, &res);
    todo_wine_if(builtin != BUILTIN_SAME)
    ok_(__FILE__, line)(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    todo_wine_if(builtin != BUILTIN_SAME)
    ok_(__FILE__, line)(WSAGetLastError() == WSAHOST_NOT_FOUND, "got error %d\n", WSAGetLastError());
    todo_wine_if(builtin == BUILTIN_ACCEPTS)
    ok_(__FILE__, line)(!res, "*res left at %p\n", res);
    if (!ret) freeaddrinfo(res);
    winetest_pop_context();
}
#define expect_refused(node, flags, hint, builtin) expect_refused_(__LINE__, node, flags, hint, builtin)

static void test_numeric_ipv4(void)
{
    /* The documented form, four dotted decimal parts of 0 to 255, with or
     * without AI_NUMERICHOST and an AF_INET hint. */
    expect_numeric("203.0.113.77", NULL, 0, AF_UNSPEC, AF_INET, "203.0.113.77", 0);
    expect_numeric("10.250.3.9", NULL, AI_NUMERICHOST, AF_INET, AF_INET, "10.250.3.9", 0);
    expect_numeric("0.255.0.255", NULL, AI_NUMERICHOST, AF_UNSPEC, AF_INET, "0.255.0.255", 0);

    /* A part may be octal (a leading 0) or hex (0x), as inet_addr reads
     * the classic forms. */
    expect_numeric("172.020.0.0x11", NULL, 0, AF_INET, AF_INET, "172.16.0.17", 0);
    expect_numeric("0xc6.063.0x64.9", NULL, AI_NUMERICHOST, AF_UNSPEC, AF_INET, "198.51.100.9", 0);

    /* The service gives the port. */
    expect_numeric("192.0.2.140", "8080", 0, AF_INET, AF_INET, "192.0.2.140", 8080);
    expect_numeric("192.0.2.140", "1", AI_NUMERICHOST, AF_UNSPEC, AF_INET, "192.0.2.140", 1);

    /* Anything else is no numeric IPv4 address.  Windows reads only the
     * four-part form here; Wine's builtin also takes "a.b.c". */
    expect_refused("10.20.30", AI_NUMERICHOST, AF_UNSPEC, BUILTIN_ACCEPTS);
    expect_refused("9.8.7.6.5", AI_NUMERICHOST, AF_INET, BUILTIN_SAME);
    expect_refused("10.0.0.300", AI_NUMERICHOST, AF_UNSPEC, BUILTIN_SAME);
    expect_refused("192.168.1000.1", AI_NUMERICHOST, AF_INET, BUILTIN_SAME);
    /* A port after the address belongs in the service argument. */
    expect_refused("198.51.100.4:8080", AI_NUMERICHOST, AF_UNSPEC, BUILTIN_SAME);
    /* Without AI_NUMERICHOST that text is looked up as a name; there is none. */
    expect_refused("127.0.0.1:25", 0, AF_INET, BUILTIN_SAME);
}

static void test_numeric_ipv6(void)
{
    /* Hex text, compressed or in full, in either case; printed back in
     * lower case. */
    expect_numeric("2001:db8:85a3::8a2e:370:7334", NULL, 0, AF_UNSPEC, AF_INET6, "2001:db8:85a3::8a2e:370:7334", 0);
    expect_numeric("fd00:1:2:3:4:5:6:7", NULL, AI_NUMERICHOST, AF_INET6, AF_INET6, "fd00:1:2:3:4:5:6:7", 0);
    expect_numeric("2001:DB8::ABCD", NULL, 0, AF_UNSPEC, AF_INET6, "2001:db8::abcd", 0);
    expect_numeric("fd00::77", "443", 0, AF_INET6, AF_INET6, "fd00::77", 443);
    /* The all-zero address, and text ending in a dotted IPv4 address. */
    expect_numeric("::", NULL, AI_NUMERICHOST, AF_UNSPEC, AF_INET6, "::", 0);
    expect_numeric("::ffff:10.1.2.3", NULL, 0, AF_INET6, AF_INET6, "::ffff:10.1.2.3", 0);

    /* In brackets, as in a URL, alone or with a port after them; Windows
     * does not use that port (recorded in Wine's getaddrinfo tests). */
    expect_numeric("[2001:db8::c0de]", NULL, 0, AF_UNSPEC, AF_INET6, "2001:db8::c0de", 0);
    expect_numeric("[fd12::34]", NULL, AI_NUMERICHOST, AF_INET6, AF_INET6, "fd12::34", 0);
    expect_numeric("[2001:db8::c0de]:8443", NULL, 0, AF_UNSPEC, AF_INET6, "2001:db8::c0de", 0);

    /* Brackets must pair. */
    expect_refused("[2001:db8::c0de", AI_NUMERICHOST, AF_UNSPEC, BUILTIN_SAME);
    expect_refused("2001:db8::c0de]", AI_NUMERICHOST, AF_INET6, BUILTIN_SAME);

    /* A scope id after '%' is kept in sin6_scope_id. */
    expect_numeric("fe80::5:6%12", NULL, AI_NUMERICHOST, AF_INET6, AF_INET6, "fe80::5:6%12", 0);
    expect_numeric("fe80::1ff:fe23:4567:890a%3", NULL, 0, AF_UNSPEC, AF_INET6, "fe80::1ff:fe23:4567:890a%3", 0);
}

/* A numeric node of the other family than the hint is not found: recorded
 * for Windows in Wine's tests for a bracketed IPv6 address with AF_INET.
 * Wine's builtin reports a bare address of the other family as
 * EAI_ADDRFAMILY, which Windows does not have. */
static void test_numeric_family_hint(void)
{
    expect_refused("fd00::77", 0, AF_INET, BUILTIN_OTHER_ERROR);
    expect_refused("[fd00::77]", AI_NUMERICHOST, AF_INET, BUILTIN_SAME);
    expect_refused("198.51.100.61", 0, AF_INET6, BUILTIN_OTHER_ERROR);
    expect_refused("198.51.100.61", AI_NUMERICHOST, AF_INET6, BUILTIN_OTHER_ERROR);

    /* AI_V4MAPPED asks for IPv4 addresses as IPv4-mapped IPv6 ones. */
    expect_numeric("198.51.100.61", NULL, AI_V4MAPPED, AF_INET6, AF_INET6, "::ffff:198.51.100.61", 0);
    expect_numeric("198.51.100.61", "53", AI_NUMERICHOST | AI_V4MAPPED, AF_INET6, AF_INET6,
                   "::ffff:198.51.100.61", 53);
}

/* ---- services ---- */

static void test_services(void)
{
    static const struct
    {
        const char *service;
        int socktype_hint;
        int ret;
        USHORT port;
        int socktype;       /* in the result */
        int wine;           /* 1: Wine's builtin differs in the result, 2: in the type */
    }
    tests[] =
    {
        { "",           0, 0, 0 },
        { "0",          0, 0, 0 },
        { "1",          0, 0, 1 },
        { "65535",      0, 0, 65535 },
        { "010",        0, 0, 10 },
        { " 123",       0, 0, 123 },
        { "+5",         0, 0, 5 },
        { "65536",      0, 0, 0 },
        { "65537",      0, 0, 1 },
        { "4294967295", 0, 0, 65535, 0, 1 },
        { "9999999999", 0, 0, 65535, 0, 1 },
        { "-1",         0, 0, 65535, 0, 1 },
        { "-65535",     0, 0, 1, 0, 1 },
        { "a",          0, WSATYPE_NOT_FOUND },
        { "0x1a",       0, WSATYPE_NOT_FOUND },
        { ":0",         0, WSATYPE_NOT_FOUND },
        { "28 ",        0, WSATYPE_NOT_FOUND },
        { "http",       0, 0, 80, SOCK_STREAM, 2 },
        { "HTTP",       0, 0, 80, SOCK_STREAM, 1 },
        { "smtp",       0, 0, 25, SOCK_STREAM, 2 },
        { "mail",       0, 0, 25, SOCK_STREAM, 2 },
        { "router",     0, 0, 520, SOCK_DGRAM, 2 },
        { "domain",     0, 0, 53, 0 },
        { "domain",     SOCK_DGRAM, 0, 53, SOCK_DGRAM },
        { "http",       SOCK_STREAM, 0, 80, SOCK_STREAM },
        { "router",     SOCK_STREAM, WSATYPE_NOT_FOUND },
        { "tftp",       SOCK_DGRAM, 0, 69, SOCK_DGRAM },
    };
    ADDRINFOA *res;
    int i, ret;

    for (i = 0; i < (int)ARRAY_SIZE(tests); i++)
    {
        winetest_push_context("\"%s\" socktype %d", tests[i].service, tests[i].socktype_hint);
        ret = gai(NULL, tests[i].service, 0, AF_INET, tests[i].socktype_hint, 0, &res);
        /* Wine's builtin reads ports with strtol and services from the
         * host, case-sensitively, and leaves the socket type 0. */
        todo_wine_if((tests[i].wine == 1 && tests[i].port != 65535) || !strcmp(tests[i].service, "HTTP")
                     || !strcmp(tests[i].service, "-1") || !strcmp(tests[i].service, "4294967295"))
        ok(ret == tests[i].ret, "got %d\n", ret);
        ok(WSAGetLastError() == (tests[i].ret ? tests[i].ret : 0) || ret != tests[i].ret, "got error %d\n",
           WSAGetLastError());
        if (!ret && !tests[i].ret)
        {
            ok(list_length(res) == 1, "got %d entries\n", list_length(res));
            todo_wine_if(tests[i].wine == 1)
            ok(port_of(res) == tests[i].port, "got port %u\n", port_of(res));
            todo_wine_if(tests[i].wine == 2)
            ok(res->ai_socktype == tests[i].socktype, "got socktype %d\n", res->ai_socktype);
        }
        if (!ret) freeaddrinfo(res);
        winetest_pop_context();
    }

    /* AI_NUMERICSERV refuses names. */
    ret = gai(NULL, "http", AI_NUMERICSERV, AF_INET, 0, 0, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ret = gai(NULL, "80", AI_NUMERICSERV, AF_INET, 0, 0, &res);
    ok(!ret && port_of(res) == 80, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
}

/* ---- hints ---- */

/* The entries carry the hints' socket type and protocol as given, matching
 * or not: Windows does not check one against the other (Wine's tests record
 * mismatched and unknown protocols coming back unchanged). */
static void test_hints_copied(void)
{
    static const struct
    {
        const char *node;
        int family, socktype, protocol;
    }
    tests[] =
    {
        /* A consistent pair. */
        { "localhost", AF_INET,   SOCK_STREAM, IPPROTO_TCP },
        { "127.0.0.1", AF_UNSPEC, SOCK_DGRAM,  IPPROTO_UDP },
        /* A type or a protocol alone. */
        { "localhost", AF_UNSPEC, SOCK_STREAM, 0 },
        { "localhost", AF_INET,   SOCK_DGRAM,  0 },
        { "::1",       AF_INET6,  0,           IPPROTO_UDP },
        { "localhost", AF_UNSPEC, 0,           IPPROTO_TCP },
        /* A mismatched pair. */
        { "127.0.0.1", AF_INET,   SOCK_DGRAM,  IPPROTO_TCP },
        { "localhost", AF_UNSPEC, SOCK_STREAM, IPPROTO_UDP },
        { "localhost", AF_INET,   SOCK_STREAM, IPPROTO_UDP },
        /* Protocols that are no transport, or that no one knows. */
        { "localhost", AF_INET,   SOCK_DGRAM,  IPPROTO_ICMPV6 },
        { "::1",       AF_UNSPEC, SOCK_STREAM, IPPROTO_ICMPV6 },
        { "localhost", AF_UNSPEC, 0,           4242 },
        { "localhost", AF_INET,   SOCK_DGRAM,  4242 },
        { "127.0.0.1", AF_INET,   SOCK_STREAM, 4242 },
    };
    ADDRINFOA *res, *ai;
    unsigned int i;
    int ret;

    for (i = 0; i < ARRAY_SIZE(tests); i++)
    {
        winetest_push_context("%s family %d type %d protocol %d", tests[i].node, tests[i].family,
                              tests[i].socktype, tests[i].protocol);
        ret = gai(tests[i].node, NULL, 0, tests[i].family, tests[i].socktype, tests[i].protocol, &res);
        ok(!ret, "got %d\n", ret);
        for (ai = ret ? NULL : res; ai; ai = ai->ai_next)
        {
            ok(ai->ai_socktype == tests[i].socktype, "got socktype %d\n", ai->ai_socktype);
            ok(ai->ai_protocol == tests[i].protocol, "got protocol %d\n", ai->ai_protocol);
            if (tests[i].family) ok(ai->ai_family == tests[i].family, "got family %d\n", ai->ai_family);
            else ok(ai->ai_family == AF_INET || ai->ai_family == AF_INET6, "got family %d\n", ai->ai_family);
        }
        if (!ret) freeaddrinfo(res);
        winetest_pop_context();
    }
}

static void test_hints(void)
{
    ADDRINFOA hints, *res;
    SOCKADDR_IN sin;
    int ret;

    /* A socket type no provider has: EAI_SOCKTYPE (WSAESOCKTNOSUPPORT). */
    ret = gai("localhost", NULL, 0, AF_UNSPEC, 77, 0, &res);
    ok(ret == WSAESOCKTNOSUPPORT, "got %d\n", ret);
    ok(WSAGetLastError() == WSAESOCKTNOSUPPORT, "got error %d\n", WSAGetLastError());
    ret = gai("127.0.0.1", NULL, 0, AF_INET, 77, IPPROTO_TCP, &res);
    ok(ret == WSAESOCKTNOSUPPORT, "got %d\n", ret);
    /* A family that is not an Internet one: EAI_FAMILY (WSAEAFNOSUPPORT). */
    ret = gai("localhost", NULL, 0, 88, 0, 0, &res);
    ok(ret == WSAEAFNOSUPPORT, "got %d\n", ret);
    ret = gai("localhost", NULL, 0, AF_IPX, 0, 0, &res);
    ok(ret == WSAEAFNOSUPPORT, "got %d\n", ret);

    /* AI_CANONNAME or AI_FQDN need a node; both at once are refused. */
    ret = gai(NULL, "80", AI_CANONNAME, AF_INET, 0, 0, &res);
    todo_wine ok(ret == WSANO_RECOVERY, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    ret = gai(NULL, "80", AI_FQDN, AF_INET, 0, 0, &res);
    todo_wine ok(ret == WSANO_RECOVERY, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    ret = gai("localhost", NULL, AI_FQDN | AI_CANONNAME, AF_INET, 0, 0, &res);
    todo_wine ok(ret == WSAEINVAL, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    ret = gai("localhost", NULL, 0x200, AF_INET, 0, 0, &res);
    todo_wine ok(ret == WSAEINVAL, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);

    /* The output members of hints must be empty. */
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_addrlen = sizeof(sin);
    res = UNWRITTEN_PTR;
    ret = getaddrinfo("localhost", NULL, &hints, &res);
    todo_wine ok(ret == WSANO_RECOVERY, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    hints.ai_addrlen = 0;
    hints.ai_addr = (SOCKADDR *)&sin;
    ret = getaddrinfo("localhost", NULL, &hints, &res);
    todo_wine ok(ret == WSANO_RECOVERY, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    hints.ai_addr = NULL;
    hints.ai_next = &hints;
    ret = getaddrinfo("localhost", NULL, &hints, &res);
    todo_wine ok(ret == WSANO_RECOVERY, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
}

/* ---- bad pointers: our DLL never crashes (Windows crashes on some) ---- */

static void test_bad_pointers(void)
{
    char *page = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
    ADDRINFOA *res;
    int ret;

    if (is_builtin())
    {
        skip("Wine's builtin crashes on these, as Windows does\n");
        VirtualFree(page, 0, MEM_RELEASE);
        return;
    }
    ret = getaddrinfo("localhost", NULL, NULL, NULL);
    ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = getaddrinfo(page, NULL, NULL, &res);
    ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = getaddrinfo("localhost", page, NULL, &res);
    ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = getaddrinfo("localhost", NULL, (ADDRINFOA *)page, &res);
    ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = getaddrinfo("localhost", NULL, NULL, (ADDRINFOA **)page);
    ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = GetAddrInfoW((WCHAR *)page, NULL, NULL, (ADDRINFOW **)&res);
    ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = getnameinfo((SOCKADDR *)page, sizeof(SOCKADDR_IN), NULL, 0, NULL, 0, 0);
    ok(ret == WSAEFAULT, "got %d\n", ret);
    VirtualFree(page, 0, MEM_RELEASE);
}

/* ---- malformed names ---- */

static void test_malformed_names(void)
{
    char name[600];
    ADDRINFOA *res;
    int ret;

    /* Longer than DNS allows, in all or in one label: no such host. */
    memset(name, 'a', 300);
    strcpy(name + 300, ".ws2.test");
    ret = gai(name, NULL, 0, AF_INET, 0, 0, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ok(!res, "res not cleared\n");
    memset(name, 'a', 64);
    strcpy(name + 64, ".ws2.test");
    ret = gai(name, NULL, 0, AF_INET, 0, 0, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ret = gai("a..ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ret = gai(".", NULL, 0, AF_INET, 0, 0, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    ret = gai("\x01\x7f\xff", NULL, 0, AF_INET, 0, 0, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
}

/* ---- GetAddrInfoW ---- */

static void test_GetAddrInfoW(void)
{
    ADDRINFOW hints, *res, *res2;
    ADDRINFOA *resa;
    WCHAR name[256];
    int ret;

    res = UNWRITTEN_PTR;
    ret = GetAddrInfoW(NULL, NULL, NULL, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ok(!res, "res not cleared\n");

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_CANONNAME;
    WSASetLastError(UNSET_ERROR);
    ret = GetAddrInfoW(L"localhost", L"http", &hints, &res);
    ok(!ret, "got %d\n", ret);
    ok(WSAGetLastError() == 0, "got error %d\n", WSAGetLastError());
    ok(res->ai_family == AF_INET, "wrong family\n");
    todo_wine ok(res->ai_socktype == SOCK_STREAM, "got socktype %d\n", res->ai_socktype);
    ok(((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(80), "wrong port\n");
    ok(res->ai_canonname != NULL, "no canonical name\n");
    FreeAddrInfoW(res);

    ret = GetAddrInfoW(L"[::1]", NULL, NULL, &res);
    ok(!ret && res->ai_family == AF_INET6 && res->ai_addrlen == sizeof(SOCKADDR_IN6), "got %d\n", ret);
    if (!ret) FreeAddrInfoW(res);

    ret = GetAddrInfoW(L"nonexistent\x00e9.invalid", NULL, NULL, &res);
    ok(ret == WSAHOST_NOT_FOUND || ret == WSATRY_AGAIN || ret == WSANO_DATA, "got %d\n", ret);

    /* The same answers as the ANSI form. */
    ret = getaddrinfo("localhost", "80", NULL, &resa);
    ok(!ret, "got %d\n", ret);
    ret = GetAddrInfoW(L"localhost", L"80", NULL, &res2);
    ok(!ret, "got %d\n", ret);
    if (resa && res2)
    {
        ok(list_length(resa) == list_length((ADDRINFOA *)res2), "different lengths\n");
        ok(!memcmp(resa->ai_addr, res2->ai_addr, resa->ai_addrlen), "different first address\n");
    }
    freeaddrinfo(resa);
    FreeAddrInfoW(res2);

    name[0] = 0;
    to_wide("", name);
    ret = GetAddrInfoW(name, NULL, NULL, &res);
    ok(!ret, "got %d\n", ret);
    if (!ret) FreeAddrInfoW(res);
}

/* ---- DNS and the hosts files ---- */

static void write_prefix_hosts(const char *text)
{
    char path[MAX_PATH];
    HANDLE file;
    DWORD done;

    GetSystemDirectoryA(path, MAX_PATH);
    strcat(path, "\\drivers\\etc\\hosts");
    if (!text)
    {
        DeleteFileA(path);
        return;
    }
    file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "cannot write %s: %lu\n", path, GetLastError());
    WriteFile(file, text, (DWORD)strlen(text), &done, NULL);
    CloseHandle(file);
}

static char *read_prefix_hosts(void)
{
    char path[MAX_PATH], *data;
    HANDLE file;
    DWORD size, done;

    GetSystemDirectoryA(path, MAX_PATH);
    strcat(path, "\\drivers\\etc\\hosts");
    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return NULL;
    size = GetFileSize(file, NULL);
    data = calloc(1, size + 1);
    ReadFile(file, data, size, &done, NULL);
    CloseHandle(file);
    return data;
}

static void test_dns(void)
{
    ADDRINFOA *res, *ai;
    ADDRINFOW *resw;
    char *saved;
    int ret;

    if (!have_dns)
    {
        skip("no private test DNS (run under tools/with-dns)\n");
        return;
    }

    ret = gai("v4.ws2.test", "80", 0, AF_INET, SOCK_STREAM, IPPROTO_TCP, &res);
    ok(!ret, "got %d\n", ret);
    ok(list_length(res) == 1 && v4_of(res) == inet_addr("192.0.2.1") && port_of(res) == 80, "wrong result\n");
    ok(res->ai_socktype == SOCK_STREAM && res->ai_protocol == IPPROTO_TCP && !res->ai_flags, "wrong fields\n");
    freeaddrinfo(res);

    ret = gai("multi.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    ok(!ret && list_length(res) == 2, "got %d\n", ret);
    if (!ret)
    {
        ok(v4_of(res) == inet_addr("192.0.2.10"), "wrong first address\n");
        ok(v4_of(res->ai_next) == inet_addr("192.0.2.11"), "wrong second address\n");
        freeaddrinfo(res);
    }

    /* The canonical name is the end of the CNAME chain, on the first entry only. */
    ret = gai("alias2.ws2.test", NULL, AI_CANONNAME, AF_INET, 0, 0, &res);
    ok(!ret, "got %d\n", ret);
    if (!ret)
    {
        ok(res->ai_canonname && !strcmp(res->ai_canonname, "dual.ws2.test"), "got canonname %s\n", res->ai_canonname);
        ok(v4_of(res) == inet_addr("192.0.2.20"), "wrong address\n");
        for (ai = res->ai_next; ai; ai = ai->ai_next) ok(!ai->ai_canonname, "canonname on a later entry\n");
        freeaddrinfo(res);
    }

    /* AI_ALL lifts the default address-configuration filter. */
    ret = gai("v6.ws2.test", NULL, AI_ALL, AF_INET6, 0, 0, &res);
    ok(!ret, "got %d\n", ret);
    if (!ret)
    {
        static const BYTE v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
        ok(res->ai_family == AF_INET6 && !memcmp(&((SOCKADDR_IN6 *)res->ai_addr)->sin6_addr, v6, 16), "wrong address\n");
        freeaddrinfo(res);
    }
    ret = gai("v4.ws2.test", NULL, AI_V4MAPPED, AF_INET6, 0, 0, &res);
    ok(!ret, "got %d\n", ret);
    if (!ret)
    {
        static const BYTE mapped[16] = { [10] = 0xff, 0xff, 192, 0, 2, 1 };
        ok(res->ai_family == AF_INET6 && !memcmp(&((SOCKADDR_IN6 *)res->ai_addr)->sin6_addr, mapped, 16),
           "not v4-mapped\n");
        freeaddrinfo(res);
    }

    ret = gai("nothere.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ok(!res, "res not cleared\n");
    ret = gai("v6.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    /* The name exists without an A record: WSANO_DATA. */
    todo_wine ok(ret == WSANO_DATA, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    ret = gai("servfail.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    ok(ret == WSATRY_AGAIN, "got %d\n", ret);
    ret = gai("loop1.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    ok(ret != 0, "a CNAME loop resolved\n");
    if (!ret) freeaddrinfo(res);

    /* IDN: GetAddrInfoW sends the punycode form. */
    ret = GetAddrInfoW(L"b\x00fc" L"cher.ws2.test", NULL, NULL, &resw);
    ok(!ret, "got %d\n", ret);
    if (!ret)
    {
        ok(((SOCKADDR_IN *)resw->ai_addr)->sin_addr.s_addr == inet_addr("192.0.2.30"), "wrong address\n");
        FreeAddrInfoW(resw);
    }
    {
        ADDRINFOW hints = { AI_DISABLE_IDN_ENCODING, AF_INET };
        ret = GetAddrInfoW(L"b\x00fc" L"cher.ws2.test", NULL, &hints, &resw);
        ok(ret == WSAHOST_NOT_FOUND || ret == WSATRY_AGAIN, "got %d\n", ret);
        if (!ret) FreeAddrInfoW(resw);
    }

    /* The host's /etc/hosts, after the prefix's hosts file. */
    ret = gai("unixalias.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    ok(!ret && v4_of(res) == inet_addr("192.0.2.50"), "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    /* AI_DNS_ONLY only rules out LLMNR and NetBIOS; the hosts files stay. */
    ret = gai("unixhosts.ws2.test", NULL, AI_DNS_ONLY, AF_INET, 0, 0, &res);
    todo_wine ok(!ret, "got %d\n", ret);
    if (!ret) freeaddrinfo(res);

    saved = read_prefix_hosts();
    write_prefix_hosts("# test\r\n192.0.2.60 prefixhosts.ws2.test other\r\n\tgarbage line here\r\n"
                       "192.0.2.61\tv4.ws2.test");
    ret = gai("prefixhosts.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    todo_wine ok(!ret && v4_of(res) == inet_addr("192.0.2.60"), "got %d\n", ret);
    if (!ret) freeaddrinfo(res);
    /* The prefix's file comes before DNS. */
    ret = gai("v4.ws2.test", NULL, 0, AF_INET, 0, 0, &res);
    ok(!ret, "got %d\n", ret);
    todo_wine ok(!ret && v4_of(res) == inet_addr("192.0.2.61"), "DNS answered before the hosts file\n");
    if (!ret) freeaddrinfo(res);
    write_prefix_hosts(saved);
    free(saved);
}

/* ---- GetAddrInfoExA/W ---- */

/* A name with non-ASCII characters and AI_DISABLE_IDN_ENCODING: the name
 * is not turned into punycode, and Windows then finds no such host,
 * WSAHOST_NOT_FOUND (recorded in Wine's tests), even where a DNS server
 * would answer the raw name: the zone makes each name below exist, without
 * address records, in the form our DLL used to put on the wire. */
static void test_idn_disabled(void)
{
    static const WCHAR * const names[] =
    {
        L"\x00f1" L"and\x00fa.ws2.test",    /* n-tilde, u-acute: Latin-1 */
        L"\x0434\x043e\x043c.ws2.test",     /* Cyrillic */
    };
    static const int families[] = { AF_INET, AF_INET6, AF_UNSPEC };
    ADDRINFOW hints, *res;
    unsigned int i, f;
    int ret;

    if (!have_dns)
    {
        skip("no private test DNS (run under tools/with-dns)\n");
        return;
    }
    for (i = 0; i < ARRAY_SIZE(names); i++)
    {
        for (f = 0; f < ARRAY_SIZE(families); f++)
        {
            memset(&hints, 0, sizeof(hints));
            hints.ai_flags = AI_DISABLE_IDN_ENCODING;
            hints.ai_family = families[f];
            res = (ADDRINFOW *)(ULONG_PTR)0x5a5a5a5a;
            WSASetLastError(0x7711);
            ret = GetAddrInfoW(names[i], L"7", &hints, &res);
            ok(ret == WSAHOST_NOT_FOUND, "%s, family %d: got %d\n", wine_dbgstr_w(names[i]), families[f], ret);
            ok(WSAGetLastError() == WSAHOST_NOT_FOUND, "%s, family %d: error %d\n",
               wine_dbgstr_w(names[i]), families[f], WSAGetLastError());
            ok(!res, "%s, family %d: result %p\n", wine_dbgstr_w(names[i]), families[f], res);
            if (!ret) FreeAddrInfoW(res);
        }
    }
}

static HANDLE routine_event;
static DWORD routine_error, routine_calls, routine_thread;
static OVERLAPPED *routine_overlapped;

static void CALLBACK completion_routine(DWORD error, DWORD bytes, OVERLAPPED *overlapped)
{
    routine_error = error;
    routine_overlapped = overlapped;
    routine_thread = GetCurrentThreadId();
    InterlockedIncrement((LONG *)&routine_calls);
    SetEvent(routine_event);
}

static void test_GetAddrInfoEx(void)
{
    ADDRINFOEXW *res, hints;
    ADDRINFOEXA *resa;
    OVERLAPPED ov;
    HANDLE event, handle;
    struct timeval timeout;
    int ret;

    res = UNWRITTEN_PTR;
    ret = GetAddrInfoExW(NULL, NULL, NS_DNS, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ok(WSAGetLastError() == WSAHOST_NOT_FOUND, "got error %d\n", WSAGetLastError());
    ok(!res, "res not cleared\n");

    WSASetLastError(UNSET_ERROR);
    ret = GetAddrInfoExW(L"localhost", L"80", NS_DNS, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    ok(!ret, "got %d\n", ret);
    ok(WSAGetLastError() == 0, "got error %d\n", WSAGetLastError());
    if (!ret)
    {
        ok(!res->ai_blob && !res->ai_bloblen && !res->ai_provider, "blob fields set\n");
        ok(((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(80), "wrong port\n");
        FreeAddrInfoExW(res);
    }
    ret = GetAddrInfoExW(L"", NULL, NS_ALL, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    ok(!ret, "got %d\n", ret);
    if (!ret) FreeAddrInfoExW(res);

    /* Wine 8.0's builtin has GetAddrInfoExA as an unimplemented stub. */
    if (!is_builtin())
    {
        ret = GetAddrInfoExA("localhost", "80", NS_DNS, NULL, NULL, &resa, NULL, NULL, NULL, NULL);
        ok(!ret, "got %d\n", ret);
        if (!ret) FreeAddrInfoEx(resa);
        ret = GetAddrInfoExA("localhost", NULL, NS_DNS, NULL, NULL, &resa, NULL, &ov, NULL, NULL);
        ok(ret == WSAEINVAL, "got %d\n", ret);
    }

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_addrlen = 4;
    ret = GetAddrInfoExW(L"localhost", NULL, NS_DNS, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    todo_wine ok(ret == WSANO_RECOVERY, "got %d\n", ret);
    if (!ret) FreeAddrInfoExW(res);

    /* Asynchronous with an event: the OVERLAPPED (filled with garbage
     * first) records where the result goes and, once the event is set, the
     * status; the caller's event handle stays. */
    event = CreateEventW(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0x6b, sizeof(ov));
    ov.hEvent = event;
    res = UNWRITTEN_PTR;
    ret = GetAddrInfoExW(L"127.0.0.1", L"25", NS_DNS, NULL, NULL, &res, NULL, &ov, NULL, NULL);
    ok(ret == ERROR_IO_PENDING, "got %d\n", ret);
    ok(WaitForSingleObject(event, 5000) == WAIT_OBJECT_0, "not signalled\n");
    ok(ov.Pointer == &res, "got Pointer %p, expected %p\n", ov.Pointer, &res);
    ok(res && res != UNWRITTEN_PTR && ((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(25), "no result\n");
    ret = GetAddrInfoExOverlappedResult(&ov);
    ok(!ret && !ov.Internal, "got %d, Internal %#lx\n", ret, (unsigned long)ov.Internal);
    ok(ov.hEvent == event, "event replaced by %p\n", ov.hEvent);
    if (res && res != UNWRITTEN_PTR) FreeAddrInfoExW(res);

    /* Argument errors come back at once and never signal. */
    ResetEvent(event);
    ret = GetAddrInfoExW(NULL, NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, NULL, NULL);
    todo_wine ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    todo_wine ok(WaitForSingleObject(event, 100) == WAIT_TIMEOUT, "signalled\n");
    ret = GetAddrInfoExW(L"localhost", NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, (void *)completion_routine, NULL);
    ok(ret == WSAEINVAL, "got %d\n", ret);
    ok(GetAddrInfoExOverlappedResult(NULL) == WSAEINVAL, "wrong result for NULL\n");

    /* Asynchronous with a completion routine: once, on another thread. */
    routine_event = CreateEventW(NULL, FALSE, FALSE, NULL);
    memset(&ov, 0, sizeof(ov));
    routine_calls = 0;
    res = UNWRITTEN_PTR;
    ret = GetAddrInfoExW(L"localhost", NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, (void *)completion_routine, NULL);
    ok(ret == ERROR_IO_PENDING, "got %d\n", ret);
    ok(WaitForSingleObject(routine_event, 5000) == WAIT_OBJECT_0, "routine not called\n");
    Sleep(50);
    ok(routine_calls == 1, "called %lu times\n", routine_calls);
    ok(routine_error == 0 && routine_overlapped == &ov, "got error %lu overlapped %p\n", routine_error, routine_overlapped);
    ok(routine_thread != GetCurrentThreadId(), "called on the calling thread\n");
    if (res && res != UNWRITTEN_PTR) FreeAddrInfoExW(res);

    if (!have_dns)
    {
        skip("no private test DNS: cancel and timeout not tested\n");
        CloseHandle(event);
        CloseHandle(routine_event);
        routine_event = NULL;
        return;
    }

    /* An unknown name fails through the routine. */
    memset(&ov, 0, sizeof(ov));
    ret = GetAddrInfoExW(L"nothere.ws2.test", NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, (void *)completion_routine, NULL);
    ok(ret == ERROR_IO_PENDING, "got %d\n", ret);
    ok(WaitForSingleObject(routine_event, 10000) == WAIT_OBJECT_0, "routine not called\n");
    ok(routine_error == WSAHOST_NOT_FOUND, "got %lu\n", routine_error);
    ok(GetAddrInfoExOverlappedResult(&ov) == WSAHOST_NOT_FOUND, "wrong overlapped result\n");
    ok(!res, "got a result\n");

    /* Cancel: the routine gets WSA_E_CANCELLED at once; the handle is then dead. */
    memset(&ov, 0, sizeof(ov));
    handle = NULL;
    routine_calls = 0;
    ret = GetAddrInfoExW(L"slow.ws2.test", NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, (void *)completion_routine, &handle);
    ok(ret == ERROR_IO_PENDING, "got %d\n", ret);
    todo_wine ok(handle != NULL, "no handle\n");
    ok(GetAddrInfoExOverlappedResult(&ov) == WSAEINPROGRESS, "got %d\n", GetAddrInfoExOverlappedResult(&ov));
    ret = GetAddrInfoExCancel(&handle);
    todo_wine ok(ret == 0, "got %d\n", ret);
    todo_wine ok(WaitForSingleObject(routine_event, 1000) == WAIT_OBJECT_0, "routine not called\n");
    todo_wine ok(routine_error == WSA_E_CANCELLED, "got %lu\n", routine_error);
    ret = GetAddrInfoExCancel(&handle);
    ok(ret == WSA_INVALID_HANDLE, "got %d\n", ret);
    /* The lookup finishing later must not call the routine again. */
    WaitForSingleObject(routine_event, 4000);
    ok(routine_calls == 1, "called %lu times\n", routine_calls);
    if (res) FreeAddrInfoExW(res);

    /* A timeout shorter than the answer. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    ResetEvent(event);
    timeout.tv_sec = 0;
    timeout.tv_usec = 300000;
    res = NULL;
    ret = GetAddrInfoExW(L"slow.ws2.test", NULL, NS_DNS, NULL, NULL, &res, &timeout, &ov, NULL, NULL);
    ok(ret == ERROR_IO_PENDING, "got %d\n", ret);
    todo_wine ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "did not time out\n");
    todo_wine ok(GetAddrInfoExOverlappedResult(&ov) == WSAETIMEDOUT, "got %d\n", GetAddrInfoExOverlappedResult(&ov));
    if (res) FreeAddrInfoExW(res);

    /* A synchronous call with a timeout (Wine's builtin raises an
     * unimplemented-function exception for it). */
    if (!is_builtin())
    {
        ret = GetAddrInfoExW(L"slow.ws2.test", NULL, NS_DNS, NULL, NULL, &res, &timeout, NULL, NULL, NULL);
        ok(ret == WSAETIMEDOUT, "got %d\n", ret);
        if (!ret) FreeAddrInfoExW(res);
    }
    Sleep(3500);    /* let the slow lookups end before the next test */

    CloseHandle(event);
    CloseHandle(routine_event);
    routine_event = NULL;
}

static void test_SetAddrInfoEx(void)
{
    SOCKET_ADDRESS address;
    SOCKADDR_IN sin = { AF_INET };
    OVERLAPPED ov = { 0 };
    int ret;

    if (is_builtin())
    {
        skip("SetAddrInfoEx is an unimplemented stub in Wine 8.0's builtin\n");
        return;
    }
    address.lpSockaddr = (SOCKADDR *)&sin;
    address.iSockaddrLength = sizeof(sin);
    ret = SetAddrInfoExA("name.ws2.test", NULL, &address, 1, NULL, 0, NS_DNS, NULL, NULL, &ov, NULL, NULL);
    ok(ret == WSAEINVAL, "got %d\n", ret);
    /* No installed provider takes registrations. */
    ret = SetAddrInfoExW(L"name.ws2.test", NULL, &address, 1, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, NULL);
    ok(ret != 0, "registration succeeded\n");
}

/* ---- getnameinfo / GetNameInfoW ---- */

static void test_getnameinfo(void)
{
    SOCKADDR_IN sin;
    SOCKADDR_IN6 sin6;
    char host[NI_MAXHOST], serv[NI_MAXSERV], name[256];
    WCHAR hostw[NI_MAXHOST], servw[NI_MAXSERV];
    DWORD size = sizeof(name);
    int ret;

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(80);

    /* Wine's builtin checks the arguments differently (and in another order). */
    ret = getnameinfo(NULL, 0, NULL, 0, NULL, 0, 0);
    todo_wine ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin) - 1, host, sizeof(host), NULL, 0, 0);
    todo_wine ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = GetNameInfoW((SOCKADDR *)&sin, sizeof(sin) - 1, hostw, ARRAY_SIZE(hostw), NULL, 0, 0);
    todo_wine ok(ret == WSAEFAULT, "got %d\n", ret);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, NULL, 0, 0);
    todo_wine ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, 0, NULL, 0, 0);
    todo_wine ok(ret == WSAEINVAL, "got %d\n", ret);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, serv, 0, 0);
    todo_wine ok(ret == WSAEINVAL, "got %d\n", ret);
    sin.sin_family = AF_IPX;
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, 0);
    ok(ret == WSAEAFNOSUPPORT, "got %d\n", ret);
    sin.sin_family = AF_INET;

    WSASetLastError(UNSET_ERROR);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
    ok(!ret, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == 0, "got error %d\n", WSAGetLastError());
    ok(!strcmp(host, "127.0.0.1") && !strcmp(serv, "80"), "got %s %s\n", host, serv);

    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, serv, sizeof(serv), 0);
    ok(!ret && !strcmp(serv, "http"), "got %d %s\n", ret, serv);
    sin.sin_port = htons(53);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, serv, sizeof(serv), NI_DGRAM);
    ok(!ret && !strcmp(serv, "domain"), "got %d %s\n", ret, serv);
    sin.sin_port = htons(61234);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, serv, sizeof(serv), 0);
    ok(!ret && !strcmp(serv, "61234"), "got %d %s\n", ret, serv);

    /* Windows names its loopback address after the machine. */
    GetComputerNameExA(ComputerNameDnsHostname, name, &size);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, 0);
    ok(!ret, "got %d\n", ret);
    todo_wine ok(!_stricmp(host, name), "got %s, expected %s\n", host, name);
    ret = GetNameInfoW((SOCKADDR *)&sin, sizeof(sin), hostw, ARRAY_SIZE(hostw), servw, ARRAY_SIZE(servw), NI_NUMERICHOST);
    ok(!ret && !wcscmp(hostw, L"127.0.0.1") && !wcscmp(servw, L"61234"), "got %d\n", ret);
    /* Too small a buffer. */
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, 5, NULL, 0, NI_NUMERICHOST);
    ok(ret != 0, "a 9-character name fitted in 5\n");

    memset(&sin6, 0, sizeof(sin6));
    sin6.sin6_family = AF_INET6;
    sin6.sin6_addr.s6_addr[0] = 0xfe;
    sin6.sin6_addr.s6_addr[1] = 0x80;
    sin6.sin6_addr.s6_addr[15] = 1;
    sin6.sin6_scope_id = 3;
    ret = getnameinfo((SOCKADDR *)&sin6, sizeof(sin6), host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    /* Windows prints the scope as a number; Wine's builtin names the interface. */
    todo_wine ok(!ret && !strcmp(host, "fe80::1%3"), "got %d %s\n", ret, host);
    ret = getnameinfo((SOCKADDR *)&sin6, sizeof(sin6) - 1, host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    todo_wine ok(ret == WSAEFAULT, "got %d\n", ret);

    if (!have_dns)
    {
        skip("no private test DNS\n");
        return;
    }
    sin.sin_addr.s_addr = inet_addr("192.0.2.1");
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, 0);
    ok(!ret && !strcmp(host, "v4.ws2.test"), "got %d %s\n", ret, host);
    ret = GetNameInfoW((SOCKADDR *)&sin, sizeof(sin), hostw, ARRAY_SIZE(hostw), NULL, 0, NI_NAMEREQD);
    ok(!ret && !wcscmp(hostw, L"v4.ws2.test"), "got %d\n", ret);
    sin.sin_addr.s_addr = inet_addr("192.0.2.99");
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, 0);
    ok(!ret && !strcmp(host, "192.0.2.99"), "got %d %s\n", ret, host);
    ret = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, NI_NAMEREQD);
    ok(ret == WSAHOST_NOT_FOUND, "got %d\n", ret);
}

/* ---- threads and leaks ---- */

/* Results freed and asked for again, in every form and order, must come
 * back whole: no field of an earlier result may show through. */
static void test_results_after_free(void)
{
    ADDRINFOA *res;
    ADDRINFOEXA *resex;
    SOCKADDR_IN6 *sin6;
    SOCKADDR_IN *sin;
    int ret, i;

    for (i = 0; i < 3; i++)
    {
        winetest_push_context("round %d", i);
        ret = gai("fe80::1%9", "443", AI_NUMERICHOST, AF_UNSPEC, SOCK_DGRAM, IPPROTO_UDP, &res);
        ok(!ret && res, "got %d\n", ret);
        if (!ret)
        {
            sin6 = (SOCKADDR_IN6 *)res->ai_addr;
            ok(res->ai_family == AF_INET6 && res->ai_addrlen == sizeof(*sin6) && !res->ai_next
               && !res->ai_canonname && res->ai_flags == AI_NUMERICHOST, "wrong fields\n");
            ok(sin6->sin6_port == htons(443) && sin6->sin6_scope_id == 9 && !sin6->sin6_flowinfo,
               "wrong address\n");
            freeaddrinfo(res);
        }

        ret = gai("10.1.2.3", "80", 0, AF_INET, SOCK_STREAM, 0, &res);
        ok(!ret && res, "got %d\n", ret);
        if (!ret)
        {
            sin = (SOCKADDR_IN *)res->ai_addr;
            ok(res->ai_family == AF_INET && res->ai_addrlen == sizeof(*sin) && !res->ai_next
               && !res->ai_canonname && res->ai_socktype == SOCK_STREAM && !res->ai_protocol, "wrong fields\n");
            ok(sin->sin_family == AF_INET && sin->sin_port == htons(80) && sin->sin_addr.s_addr == inet_addr("10.1.2.3")
               && !memcmp(sin->sin_zero, "\0\0\0\0\0\0\0\0", 8), "wrong address\n");
            freeaddrinfo(res);
        }

        if (is_builtin())
        {
            skip("the builtin's GetAddrInfoExA is a stub that raises\n");
            winetest_pop_context();
            continue;
        }
        resex = NULL;
        ret = GetAddrInfoExA("10.1.2.4", NULL, NS_DNS, NULL, NULL, &resex, NULL, NULL, NULL, NULL);
        ok(!ret && resex, "got %d\n", ret);
        if (!ret)
        {
            ok(resex->ai_family == AF_INET && !resex->ai_next && !resex->ai_canonname && !resex->ai_blob
               && !resex->ai_bloblen && !resex->ai_provider, "wrong fields\n");
            FreeAddrInfoEx(resex);
        }
        winetest_pop_context();
    }
}

static DWORD WINAPI resolve_thread(void *arg)
{
    const char *name = arg;
    ADDRINFOA *res;
    int i, failures = 0;

    for (i = 0; i < 200; i++)
    {
        if (gai(name, "80", 0, AF_UNSPEC, SOCK_STREAM, 0, &res)) failures++;
        else freeaddrinfo(res);
    }
    return failures;
}

static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS_EX counters;

    GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&counters, sizeof(counters));
    return counters.PrivateUsage;
}

static void test_threads_and_leaks(void)
{
    static const char *names[] = { "127.0.0.1", "localhost", "::1", "v4.ws2.test" };
    HANDLE threads[8];
    DWORD failures, handles_before, handles_after;
    SIZE_T before, after;
    ADDRINFOEXW *res;
    OVERLAPPED ov;
    HANDLE event;
    int i, n = have_dns ? 8 : 6;

    for (i = 0; i < n; i++)
        threads[i] = CreateThread(NULL, 0, resolve_thread, (void *)names[i % (have_dns ? 4 : 3)], 0, NULL);
    for (i = 0; i < n; i++)
    {
        ok(WaitForSingleObject(threads[i], 60000) == WAIT_OBJECT_0, "thread %d hung\n", i);
        GetExitCodeThread(threads[i], &failures);
        ok(!failures, "thread %d: %lu failures\n", i, failures);
        CloseHandle(threads[i]);
    }

    /* Warm up, then a few thousand calls must not grow the process. */
    resolve_thread((void *)"localhost");
    before = private_bytes();
    for (i = 0; i < 10; i++) resolve_thread((void *)"localhost");
    after = private_bytes();
    ok(after < before + 512 * 1024, "grew by %lu bytes\n", (unsigned long)(after - before));

    event = CreateEventW(NULL, TRUE, FALSE, NULL);
    GetProcessHandleCount(GetCurrentProcess(), &handles_before);
    before = private_bytes();
    for (i = 0; i < 300; i++)
    {
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = event;
        ResetEvent(event);
        res = NULL;
        if (GetAddrInfoExW(L"127.0.0.1", NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, NULL, NULL) == ERROR_IO_PENDING)
            WaitForSingleObject(event, 5000);
        if (res) FreeAddrInfoExW(res);
    }
    /* Cancel racing completion: exactly one completion each time. */
    if (!routine_event) routine_event = CreateEventW(NULL, FALSE, FALSE, NULL);
    routine_calls = 0;
    for (i = 0; i < 300; i++)
    {
        HANDLE handle = NULL;
        int ret;

        memset(&ov, 0, sizeof(ov));
        res = NULL;
        ret = GetAddrInfoExW(L"localhost", NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, (void *)completion_routine, &handle);
        if (ret != ERROR_IO_PENDING) break;
        ret = GetAddrInfoExCancel(&handle);
        ok(ret == 0 || ret == WSA_INVALID_HANDLE, "got %d\n", ret);
        if (WaitForSingleObject(routine_event, 5000)) break;
        ok(routine_error == 0 || routine_error == WSA_E_CANCELLED, "got %lu\n", routine_error);
        ok(!res == (routine_error != 0), "result %p with error %lu\n", res, routine_error);
        if (res) FreeAddrInfoExW(res);
    }
    ok(i == 300, "stopped after %d\n", i);
    Sleep(200);
    ok(routine_calls == (DWORD)i, "%lu completions for %d requests\n", routine_calls, i);
    Sleep(200);
    after = private_bytes();
    GetProcessHandleCount(GetCurrentProcess(), &handles_after);
    ok(handles_after <= handles_before + 4, "handles grew from %lu to %lu\n", handles_before, handles_after);
    ok(after < before + 512 * 1024, "asynchronous lookups grew the process by %lu bytes\n", (unsigned long)(after - before));
    CloseHandle(event);
}

START_TEST(addrinfo)
{
    WSADATA data;

    have_dns = getenv("WS2_TEST_DNS") != NULL;
    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_nothing_to_look_up();
    test_local_host();
    test_localhost();
    test_unknown_service();
    test_no_node();
    test_numeric_ipv4();
    test_numeric_ipv6();
    test_numeric_family_hint();
    test_services();
    test_hints_copied();
    test_hints();
    test_bad_pointers();
    test_malformed_names();
    test_GetAddrInfoW();
    test_dns();
    test_idn_disabled();
    test_GetAddrInfoEx();
    test_SetAddrInfoEx();
    test_getnameinfo();
    test_results_after_free();
    test_threads_and_leaks();
    WSACleanup();
}
