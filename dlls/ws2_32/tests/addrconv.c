/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests: inet_pton, InetPtonW, inet_ntop, InetNtopW,
 * WSAStringToAddressA/W and WSAAddressToStringA/W.
 *
 * Expected values are Windows' (Microsoft documentation and the results
 * Wine's conformance tests record for Windows).  Windows stores the part of
 * an address it has read before it finds the text invalid; the tables
 * record those partial results too.  IPv6 addresses are given as the eight
 * 16-bit words as they lie in memory on a little-endian machine.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include "wine/test.h"

#define UNTOUCHED 0xabab

static void to_wide(const char *s, WCHAR *w)
{
    while ((*w++ = (unsigned char)*s++)) ;
}

/* ---- inet_pton / InetPtonW ---- */

static const struct
{
    const char *text;
    int ret;
    DWORD addr;         /* as stored, read as a little-endian DWORD */
}
pton4_tests[] =
{
    { "",                    0, 0xdeadbeef },
    { " ",                   0, 0xdeadbeef },
    { "1.1.1.1",             1, 0x01010101 },
    { "0.0.0.0",             1, 0x00000000 },
    { "127.127.127.255",     1, 0xff7f7f7f },
    { "127.127.127.255:123", 0, 0xff7f7f7f },
    { "127.127.127.256",     0, 0xdeadbeef },
    { "a",                   0, 0xdeadbeef },
    { "1.1.1.0xaA",          0, 0xdeadbeef },
    { "1.1.1.0x",            0, 0xdeadbeef },
    { "1.1.1.010",           0, 0xdeadbeef },
    { "1.1.1.00",            0, 0xdeadbeef },
    { "1.1.1.0a",            0, 0x00010101 },
    { "1.1.1.0o10",          0, 0x00010101 },
    { "1.1.1.0b10",          0, 0x00010101 },
    { "1.1.1.-2",            0, 0xdeadbeef },
    { "1",                   0, 0xdeadbeef },
    { "1.2",                 0, 0xdeadbeef },
    { "1.2.3",               0, 0xdeadbeef },
    { "203569230",           0, 0xdeadbeef },
    { "3.4.5.6.7",           0, 0xdeadbeef },
    { " 3.4.5.6",            0, 0xdeadbeef },
    { "\t3.4.5.6",           0, 0xdeadbeef },
    { "3.4.5.6 ",            0, 0x06050403 },
    { "3. 4.5.6",            0, 0xdeadbeef },
    { "[0.1.2.3]",           0, 0xdeadbeef },
    { "0x00010203",          0, 0xdeadbeef },
    { "017700000001",        0, 0xdeadbeef },
    { "2607:f0d0:1002:51::4", 0, 0xdeadbeef },
    { "::177.32.45.20",      0, 0xdeadbeef },
    { "::1",                 0, 0xdeadbeef },
};

#define U UNTOUCHED
static const struct
{
    const char *text;
    int ret;
    USHORT words[8];
    BOOL todo;          /* Wine's builtin reads the text differently */
}
pton6_tests[] =
{
    /* well-formed */
    { "0:0:0:0:0:0:0:0",                       1, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "0000:0000:0000:0000:0000:0000:0000:0001", 1, {0, 0, 0, 0, 0, 0, 0, 0x100} },
    { "0:0:0:0:0:0:0::",                       1, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "0:0:0:0:0:0:13.1.68.3",                 1, {0, 0, 0, 0, 0, 0, 0x10d, 0x344} },
    { "0:0:0:0:0:FFFF:129.144.52.38",          1, {0, 0, 0, 0, 0, 0xffff, 0x9081, 0x2634} },
    { "0::",                                   1, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "1080:0:0:0:8:800:200c:417a",            1, {0x8010, 0, 0, 0, 0x800, 0x8, 0x0c20, 0x7a41} },
    { "0:a:b:c:d:e:f::",                       1, {0, 0xa00, 0xb00, 0xc00, 0xd00, 0xe00, 0xf00, 0} },
    { "1111:2222:3333:4444:5555:6666:123.123.123.123", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7b7b, 0x7b7b} },
    { "1111:2222:3333:4444:5555:6666:7777::",  1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0} },
    { "1111:2222:3333:4444:5555:6666::8888",   1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0, 0x8888} },
    { "1111:2222:3333:4444:5555::123.123.123.123", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0x7b7b, 0x7b7b} },
    { "1111::3333:4444:5555:6666:7777:8888",   1, {0x1111, 0, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888} },
    { "1111::6666:123.123.123.123",            1, {0x1111, 0, 0, 0, 0, 0x6666, 0x7b7b, 0x7b7b} },
    { "2001:db8:85a3::8a2e:370:7334",          1, {0x120, 0xb80d, 0xa385, 0, 0, 0x2e8a, 0x7003, 0x3473} },
    { "2001::CE49:7601:2CAD:DFFF:7C94:FFFE",   1, {0x120, 0, 0x49ce, 0x176, 0xad2c, 0xffdf, 0x947c, 0xfeff} },
    { "::",                                    1, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "::0:0:0:0:0:0",                         1, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "::123.123.123.123",                     1, {0, 0, 0, 0, 0, 0, 0x7b7b, 0x7b7b} },
    { "1::001.2.3.4",                          1, {0x100, 0, 0, 0, 0, 0, 0x201, 0x403} },
    { "1::1.002.3.4",                          1, {0x100, 0, 0, 0, 0, 0, 0x201, 0x403} },
    { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1, {0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff} },
    /* Windows counts a leading "::" as a group: six groups may follow
     * (Wine's builtin accepts seven) */
    { "::0:0:0:0:0:0:0",                       0, {0, 0, 0, 0, 0, 0, 0, 0}, TRUE },
    { "::0:a:b:c:d:e:f",                       0, {0, 0, 0, 0xa00, 0xb00, 0xc00, 0xd00, 0xe00}, TRUE },
    /* errors after which the groups after "::" are still spread */
    { "::%16",                                 0, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "::/16",                                 0, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "::-1",                                  0, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "::.",                                   0, {0, 0, 0, 0, 0, 0, 0, 0} },
    { "1111:2222:3333:4444:5555:6666::7777:8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0, 0x7777} },
    { "1111:2222:3333:4444:5555:6666:7777::8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0} },
    { "1111:2222:::",                          0, {0x1111, 0x2222, 0, 0, 0, 0, 0, 0} },
    { "1111::3333:4444:5555:6666:7777::",      0, {0x1111, 0, 0, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777} },
    { "1111::3333::5555:6666:1.2.3.4",         0, {0x1111, 0, 0, 0, 0, 0, 0, 0x3333} },
    { "1::2::3",                               0, {0x100, 0, 0, 0, 0, 0, 0, 0x200} },
    { "1::1a.2.3.4",                           0, {0x100, 0, 0, 0, 0, 0, 0, 0x1a00} },
    { "2001::0:b.0",                           0, {0x120, 0, 0, 0, 0, 0, 0, 0xb00} },
    { "1::1.2.3.4::1",                         0, {0x100, 0, 0, 0, 0, 0, 0x201, 0x403} },
    { "1111:2222:3333:4444:5555:6666::1.2.3.4", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0, 0x100} },
    { "1111:2222:3333:4444:5555:6666:7777:1.2.3.4", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x100} },
    { "1111:2222:3333:4444:5555:6666:7777:8888:9999", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888} },
    { "2001:0000:1234:0000:0000:C1C0:ABCD:0876  0", 0, {0x120, 0, 0x3412, 0, 0, 0xc0c1, 0xcdab, 0x7608} },
    /* "0x" groups where the address could end */
    { "1111:2222:3333:4444:5555::0x88",        0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x8800} },
    { "1111:2222:3333:4444:5555::0X88:7777",   0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x8800} },
    { "1111:2222:3333:4444:5555::0x1.123.123.123", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x100} },
    { "1111:2222:3333:4444::5555:0x012345678", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0, 0, 0x5555, 0x7856} },
    { "1111:2222:3333:4444:5555:6666:7777:0x80000000", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0xffff} },
    { "::0x123456789",                         0, {0, 0, 0, 0, 0, 0, 0, 0xffff} },
    { "1111:2222:3333:4444:5555:6666:0x12345678", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, U, U} },
    { "1111:2222:3333:4444:0x5555:6666:7777:8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, U, U, U, U} },
    { "0x1111",                                0, {U, U, U, U, U, U, U, U} },
    /* errors noticed at once: nothing is spread */
    { "::01234",                               0, {0, U, U, U, U, U, U, U} },
    { "::12345678",                            0, {0, U, U, U, U, U, U, U} },
    { "1111::5555:",                           0, {0x1111, 0x5555, U, U, U, U, U, U} },
    { "1111:2222:3333",                        0, {0x1111, 0x2222, U, U, U, U, U, U} },
    { "1111",                                  0, {U, U, U, U, U, U, U, U} },
    { "2001:1:1:1:1:1:255Z255X255Y255",        0, {0x120, 0x100, 0x100, 0x100, 0x100, 0x100, U, U} },
    { "2001:0000:1234: 0000:0000:C1C0:ABCD:0876", 0, {0x120, 0, 0x3412, U, U, U, U, U} },
    { "1111:2222:3333:4444:5555::08888",       0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, U, U, U} },
    { "02001:0000:1234:0000:0000:C1C0:ABCD:0876", 0, {U, U, U, U, U, U, U, U} },
    { "12345::6:7:8",                          0, {U, U, U, U, U, U, U, U} },
    { ":",                                     0, {U, U, U, U, U, U, U, U} },
    { ":1111::",                               0, {U, U, U, U, U, U, U, U} },
    { "[::]",                                  0, {U, U, U, U, U, U, U, U} },
    { "-1",                                    0, {U, U, U, U, U, U, U, U} },
    /* a dotted quad is stored part by part */
    { "1.2.3.4",                               0, {0x201, 0xab03, U, U, U, U, U, U} },
    { "1111:2222:1.2.3.4",                     0, {0x1111, 0x2222, 0x201, 0xab03, U, U, U, U} },
    { "1::0001.2.3.4",                         0, {0x100, U, U, U, U, U, U, U} },
    { "1::1.0002.3.4",                         0, {0x100, 0xab01, U, U, U, U, U, U} },
    { "1::1.2.256.4",                          0, {0x100, 0x201, U, U, U, U, U, U} },
    { "1::1.2.3.256",                          0, {0x100, 0x201, 0xab03, U, U, U, U, U} },
    { "1::1.2.3.4294967296",                   0, {0x100, 0x201, 0xab03, U, U, U, U, U} },
    { "1::1.2::1",                             0, {0x100, 0xab01, U, U, U, U, U, U} },
    { "1::1.",                                 0, {0x100, 0xab01, U, U, U, U, U, U} },
    { "1::1.2",                                0, {0x100, 0xab01, U, U, U, U, U, U} },
    { "1::1.2.",                               0, {0x100, 0x201, U, U, U, U, U, U} },
    { "1::1.2.3.",                             0, {0x100, 0x201, 0xab03, U, U, U, U, U} },
    { "1::1.2a.3.4",                           0, {0x100, 0xab01, U, U, U, U, U, U} },
    { "1::256.2.3.4",                          0, {0x100, U, U, U, U, U, U, U} },
};
#undef U

static void test_inet_pton(void)
{
    BYTE buffer[16];
    WCHAR textW[64];
    unsigned int i;
    int ret;

    WSASetLastError(0xdeadbeef);
    ret = inet_pton(AF_UNSPEC, NULL, buffer);
    ok(ret == -1 && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = inet_pton(AF_INET, NULL, buffer);
    ok(ret == -1 && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = InetPtonW(AF_UNSPEC, NULL, buffer);
    ok(ret == -1 && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = InetPtonW(AF_INET6, NULL, buffer);
    ok(ret == -1 && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = inet_pton(AF_UNSPEC, "127.0.0.1", buffer);
    ok(ret == -1 && WSAGetLastError() == WSAEAFNOSUPPORT, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = inet_pton(AF_UNSPEC, "2607:f0d0:1002:51::4", buffer);
    ok(ret == -1 && WSAGetLastError() == WSAEAFNOSUPPORT, "got %d, error %d\n", ret, WSAGetLastError());

    for (i = 0; i < ARRAY_SIZE(pton4_tests); i++)
    {
        DWORD addr;

        winetest_push_context("%s", wine_dbgstr_a(pton4_tests[i].text));
        WSASetLastError(0xdeadbeef);
        addr = 0xdeadbeef;
        ret = inet_pton(AF_INET, pton4_tests[i].text, &addr);
        ok(ret == pton4_tests[i].ret, "inet_pton returned %d\n", ret);
        ok((DWORD)WSAGetLastError() == 0xdeadbeef, "inet_pton error %d\n", WSAGetLastError());
        ok(addr == pton4_tests[i].addr, "inet_pton stored %#lx\n", addr);

        to_wide(pton4_tests[i].text, textW);
        WSASetLastError(0xdeadbeef);
        addr = 0xdeadbeef;
        ret = InetPtonW(AF_INET, textW, &addr);
        ok(ret == pton4_tests[i].ret, "InetPtonW returned %d\n", ret);
        ok((DWORD)WSAGetLastError() == (ret ? 0xdeadbeef : WSAEINVAL), "InetPtonW error %d\n", WSAGetLastError());
        ok(addr == pton4_tests[i].addr, "InetPtonW stored %#lx\n", addr);
        winetest_pop_context();
    }

    for (i = 0; i < ARRAY_SIZE(pton6_tests); i++)
    {
        USHORT words[8];

        winetest_push_context("%s", wine_dbgstr_a(pton6_tests[i].text));
        WSASetLastError(0xdeadbeef);
        memset(words, 0xab, sizeof(words));
        ret = inet_pton(AF_INET6, pton6_tests[i].text, words);
        todo_wine_if(pton6_tests[i].todo)
        ok(ret == pton6_tests[i].ret, "inet_pton returned %d\n", ret);
        ok((DWORD)WSAGetLastError() == 0xdeadbeef, "inet_pton error %d\n", WSAGetLastError());
        todo_wine_if(pton6_tests[i].todo && pton6_tests[i].words[3])
        ok(!memcmp(words, pton6_tests[i].words, sizeof(words)),
           "inet_pton stored %04x %04x %04x %04x %04x %04x %04x %04x\n", words[0], words[1],
           words[2], words[3], words[4], words[5], words[6], words[7]);

        to_wide(pton6_tests[i].text, textW);
        WSASetLastError(0xdeadbeef);
        memset(words, 0xab, sizeof(words));
        ret = InetPtonW(AF_INET6, textW, words);
        todo_wine_if(pton6_tests[i].todo)
        ok(ret == pton6_tests[i].ret, "InetPtonW returned %d\n", ret);
        ok((DWORD)WSAGetLastError() == (ret ? 0xdeadbeef : WSAEINVAL), "InetPtonW error %d\n", WSAGetLastError());
        todo_wine_if(pton6_tests[i].todo && pton6_tests[i].words[3])
        ok(!memcmp(words, pton6_tests[i].words, sizeof(words)), "InetPtonW stored a different address\n");
        winetest_pop_context();
    }

    /* Only ASCII can be an address. */
    textW[0] = '1'; textW[1] = 0x2024 /* one-dot leader */; textW[2] = '2';
    textW[3] = '.'; textW[4] = '3'; textW[5] = '.'; textW[6] = '4'; textW[7] = 0;
    ret = InetPtonW(AF_INET, textW, buffer);
    ok(ret == 0, "got %d\n", ret);
}

/* ---- inet_ntop / InetNtopW ---- */

static const struct
{
    int family;
    BYTE addr[16];
    const char *text;
}
ntop_tests[] =
{
    { AF_INET,  {0, 0, 0, 0}, "0.0.0.0" },
    { AF_INET,  {0x15, 0x10, 0x20, 0x20}, "21.16.32.32" },
    { AF_INET,  {255, 255, 255, 255}, "255.255.255.255" },
    { AF_INET6, {0}, "::" },
    { AF_INET6, {0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1}, "::1" },
    { AF_INET6, {0,0,0,0, 0,0,0,0, 0,0,0xff,0xfe, 0xcc,0x98,0xbd,0x74}, "::fffe:cc98:bd74" },
    { AF_INET6, {0x20,0x30,0xa4,0xb1}, "2030:a4b1::" },
    { AF_INET6, {0,0,0,0, 0,0,0,0, 0,0,0,0, 0xcc,0x98,0xbd,0x74}, "::204.152.189.116" },
    /* IPv4-mapped addresses end in a dotted quad (Microsoft documentation) */
    { AF_INET6, {0,0,0,0, 0,0,0,0, 0,0,0xff,0xff, 1,2,3,4}, "::ffff:1.2.3.4" },
    /* RFC 5952: the longest run of zero groups, lower case, no leading zeros */
    { AF_INET6, {0x20,0x01,0x0d,0xb8, 0,0,0,0, 0,0,0,0, 0,0,0,1}, "2001:db8::1" },
    { AF_INET6, {0x20,0x01,0x0d,0xb8, 0,0,0,0, 0,1,0,0, 0,0,0,1}, "2001:db8::1:0:0:1" },
    { AF_INET6, {0xfe,0x80,0,0, 0,0,0,0, 0x12,0x34,0xab,0xcd, 0,0,0,0}, "fe80::1234:abcd:0:0" },
};

static void test_inet_ntop(void)
{
    char buffer[64];
    WCHAR bufferW[64], expectW[64];
    const char *p;
    const WCHAR *pw;
    BYTE addr[16] = {0x15, 0x10, 0x20, 0x20};
    BYTE addr6[16] = {0,0,0,0, 0,0,0,0, 0,0,0xff,0xfe, 0xcc,0x98,0xbd,0x74};
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(ntop_tests); i++)
    {
        size_t len = strlen(ntop_tests[i].text);

        winetest_push_context("%s", ntop_tests[i].text);
        memset(buffer, 'x', sizeof(buffer));
        p = inet_ntop(ntop_tests[i].family, ntop_tests[i].addr, buffer, len + 1);
        ok(p == buffer, "inet_ntop returned %p, error %d\n", p, WSAGetLastError());
        ok(!strcmp(buffer, ntop_tests[i].text), "inet_ntop gave %s\n", wine_dbgstr_a(buffer));

        WSASetLastError(0xdeadbeef);
        p = inet_ntop(ntop_tests[i].family, ntop_tests[i].addr, buffer, len);
        ok(!p, "inet_ntop with a buffer one short returned %p\n", p);
        ok((DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "error %#x\n", WSAGetLastError());

        to_wide(ntop_tests[i].text, expectW);
        pw = InetNtopW(ntop_tests[i].family, ntop_tests[i].addr, bufferW, len + 1);
        ok(pw == bufferW, "InetNtopW returned %p\n", pw);
        ok(!wcscmp(bufferW, expectW), "InetNtopW gave %s\n", wine_dbgstr_w(bufferW));
        WSASetLastError(0xdeadbeef);
        pw = InetNtopW(ntop_tests[i].family, ntop_tests[i].addr, bufferW, len);
        /* Windows reports the NTSTATUS, like inet_ntop; Wine's builtin
         * reports ERROR_INVALID_PARAMETER */
        todo_wine ok(!pw && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n", pw, WSAGetLastError());
        winetest_pop_context();
    }

    WSASetLastError(0xdeadbeef);
    p = inet_ntop(1, addr, buffer, sizeof(buffer));
    ok(!p && WSAGetLastError() == WSAEAFNOSUPPORT, "got %p, error %d\n", p, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    pw = InetNtopW(AF_UNSPEC, addr, bufferW, ARRAY_SIZE(bufferW));
    ok(!pw && WSAGetLastError() == WSAEAFNOSUPPORT, "got %p, error %d\n", pw, WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    p = inet_ntop(AF_INET, addr, NULL, sizeof(buffer));
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n", p, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    p = inet_ntop(AF_INET, addr, buffer, 0);
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n", p, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    p = inet_ntop(AF_INET, addr, buffer, 6);
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n", p, WSAGetLastError());
    p = inet_ntop(AF_INET, addr, buffer, 17);
    ok(p == buffer && !strcmp(buffer, "21.16.32.32"), "got %p %s\n", p, wine_dbgstr_a(buffer));

    WSASetLastError(0xdeadbeef);
    p = inet_ntop(AF_INET6, addr6, NULL, sizeof(buffer));
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n", p, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    p = inet_ntop(AF_INET6, addr6, buffer, 0);
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n", p, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    p = inet_ntop(AF_INET6, addr6, buffer, 16);
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n", p, WSAGetLastError());
    p = inet_ntop(AF_INET6, addr6, buffer, 18);
    ok(p == buffer && !strcmp(buffer, "::fffe:cc98:bd74"), "got %p %s\n", p, wine_dbgstr_a(buffer));
}

/* ---- WSAAddressToStringA/W ---- */

static const struct
{
    ULONG addr;         /* as stored */
    USHORT port;        /* as stored */
    const char *text;
}
a2s4_tests[] =
{
    { 0, 0, "0.0.0.0" },
    { 0xffffffff, 0, "255.255.255.255" },
    { 0, 0xffff, "0.0.0.0:65535" },
    { 0xffffffff, 0xffff, "255.255.255.255:65535" },
    { 0x04030201, 0x5000, "1.2.3.4:80" },
};

static const struct
{
    USHORT words[8];
    ULONG scope;
    USHORT port;        /* as stored */
    const char *text;
}
a2s6_tests[] =
{
    { {0, 0, 0, 0, 0, 0, 0, 0x100}, 0, 0, "::1" },
    { {0xab20, 0, 0, 0, 0, 0, 0, 0x100}, 0, 0, "20ab::1" },
    { {0xab20, 0, 0, 0, 0, 0, 0, 0x120}, 0, 0xfa81, "[20ab::2001]:33274" },
    { {0xab20, 0, 0, 0, 0, 0, 0, 0x120}, 0x1234, 0xfa81, "[20ab::2001%4660]:33274" },
    { {0xab20, 0, 0, 0, 0, 0, 0, 0x120}, 0x1234, 0, "20ab::2001%4660" },
};

static void test_WSAAddressToString(void)
{
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    char buffer[64];
    WCHAR bufferW[64], expectW[64];
    unsigned int i;
    DWORD len;
    int ret;

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;

    /* Needs WSAStartup. */
    len = sizeof(buffer);
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, buffer, &len);
    /* Windows documents WSANOTINITIALISED; Wine's builtin converts anyway */
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "got %d, error %d\n", ret, WSAGetLastError());
    {
        WSADATA data;
        WSAStartup(MAKEWORD(2, 2), &data);
    }

    /* A short buffer: WSAEFAULT and the length needed, NUL included. */
    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, buffer, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    ok(len == 8, "got len %lu\n", len);
    len = 7;
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, buffer, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == 8, "got %d, error %d, len %lu\n",
       ret, WSAGetLastError(), len);
    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, NULL, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    ok(len == 8, "got len %lu\n", len);
    len = 8;
    ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, bufferW, &len);
    ok(!ret && len == 8 && !wcscmp(bufferW, L"0.0.0.0"), "got %d, len %lu, %s\n", ret, len, wine_dbgstr_w(bufferW));

    /* Not a socket address. */
    sin.sin_family = AF_UNIX;
    len = sizeof(buffer);
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, buffer, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "got %d, error %d\n", ret, WSAGetLastError());
    sin.sin_family = AF_INET;

    for (i = 0; i < ARRAY_SIZE(a2s4_tests); i++)
    {
        winetest_push_context("%s", a2s4_tests[i].text);
        sin.sin_addr.s_addr = a2s4_tests[i].addr;
        sin.sin_port = a2s4_tests[i].port;
        len = sizeof(buffer);
        memset(buffer, 0, sizeof(buffer));
        ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, buffer, &len);
        ok(!ret, "error %d\n", WSAGetLastError());
        ok(!strcmp(buffer, a2s4_tests[i].text), "got %s\n", wine_dbgstr_a(buffer));
        ok(len == strlen(a2s4_tests[i].text) + 1, "got len %lu\n", len);

        to_wide(a2s4_tests[i].text, expectW);
        len = ARRAY_SIZE(bufferW);
        ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, bufferW, &len);
        ok(!ret, "error %d\n", WSAGetLastError());
        ok(!wcscmp(bufferW, expectW), "got %s\n", wine_dbgstr_w(bufferW));
        ok(len == wcslen(expectW) + 1, "got len %lu\n", len);
        winetest_pop_context();
    }

    for (i = 0; i < ARRAY_SIZE(a2s6_tests); i++)
    {
        winetest_push_context("%s", a2s6_tests[i].text);
        memset(&sin6, 0, sizeof(sin6));
        sin6.sin6_family = AF_INET6;
        sin6.sin6_scope_id = a2s6_tests[i].scope;
        sin6.sin6_port = a2s6_tests[i].port;
        memcpy(&sin6.sin6_addr, a2s6_tests[i].words, sizeof(sin6.sin6_addr));
        len = sizeof(buffer);
        ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, buffer, &len);
        ok(!ret, "error %d\n", WSAGetLastError());
        ok(!strcmp(buffer, a2s6_tests[i].text), "got %s\n", wine_dbgstr_a(buffer));
        ok(len == strlen(a2s6_tests[i].text) + 1, "got len %lu\n", len);

        to_wide(a2s6_tests[i].text, expectW);
        len = ARRAY_SIZE(bufferW);
        ret = WSAAddressToStringW((SOCKADDR *)&sin6, sizeof(sin6), NULL, bufferW, &len);
        ok(!ret, "error %d\n", WSAGetLastError());
        ok(!wcscmp(bufferW, expectW), "got %s\n", wine_dbgstr_w(bufferW));
        ok(len == wcslen(expectW) + 1, "got len %lu\n", len);

        /* exactly the length needed, then one short */
        len = strlen(a2s6_tests[i].text) + 1;
        ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, buffer, &len);
        ok(!ret && len == strlen(a2s6_tests[i].text) + 1, "got %d, len %lu\n", ret, len);
        len = strlen(a2s6_tests[i].text);
        WSASetLastError(0xdeadbeef);
        ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, buffer, &len);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
        ok(len == strlen(a2s6_tests[i].text) + 1, "got len %lu\n", len);
        winetest_pop_context();
    }

    WSACleanup();
}

/* ---- WSAStringToAddressA/W ---- */

static const struct
{
    const char *text;
    ULONG addr;         /* host order */
    USHORT port;        /* host order */
    int error;
}
s2a4_tests[] =
{
    { "",                       0,          0, WSAEINVAL },
    { " ",                      0,          0, WSAEINVAL },
    { "1.1.1.1",                0x01010101 },
    { "0.0.0.0",                0 },
    { "127.127.127.127:",       0x7f7f7f7f, 0, WSAEINVAL },
    { "127.127.127.127:0",      0x7f7f7f7f, 0, WSAEINVAL },
    { "127.127.127.127:123",    0x7f7f7f7f, 123 },
    { "127.127.127.127:65535",  0x7f7f7f7f, 65535 },
    { "127.127.127.127:65537",  0x7f7f7f7f, 0, WSAEINVAL },
    { "127.127.127.127::1",     0x7f7f7f7f, 0, WSAEINVAL },
    { "127.127.127.127:0xAbCd", 0x7f7f7f7f, 43981 },
    { "127.127.127.127:0x",     0x7f7f7f7f, 0, WSAEINVAL },
    { "127.127.127.127:0x10000",0x7f7f7f7f, 0, WSAEINVAL },
    { "127.127.127.127:010",    0x7f7f7f7f, 8 },
    { "127.127.127.127:08",     0x7f7f7f7f, 0, WSAEINVAL },
    { "127.127.127.127:0a",     0x7f7f7f7f, 0, WSAEINVAL },
    { "255.255.255.256",        0,          0, WSAEINVAL },
    { "a",                      0,          0, WSAEINVAL },
    { "1.1.1.0xaA",             0x010101aa },
    { "1.1.1.0x",               0,          0, WSAEINVAL },
    { "1.1.1.0x100",            0,          0, WSAEINVAL },
    { "1.1.1.010",              0x01010108 },
    { "1.1.1.08",               0,          0, WSAEINVAL },
    { "1.1.1.008",              0x01010100, 0, WSAEINVAL },
    { "1.1.1.0a",               0x01010100, 0, WSAEINVAL },
    { "1.1.1.-2",               0,          0, WSAEINVAL },
    { "1",                      0x00000001 },
    { "-1",                     0,          0, WSAEINVAL },
    { "1:1",                    0x00000001, 1 },
    { "1.2",                    0x01000002 },
    { "1000.2000",              0,          0, WSAEINVAL },
    { "1.2.",                   0,          0, WSAEINVAL },
    { "1..2",                   0,          0, WSAEINVAL },
    { "1.2.3",                  0x01020003 },
    { "1.2.3:1",                0x01020003, 1 },
    { "203569230:123",          0x0c22384e, 123 },
    { "2001::1",                0x000007d1, 0, WSAEINVAL },
    { "1.223756",               0x01036a0c },
    { "3.4.756",                0x030402f4 },
    { "3.756.4",                0,          0, WSAEINVAL },
    { "3.4.65536",              0,          0, WSAEINVAL },
    { "3.4.5.6.7",              0,          0, WSAEINVAL },
    { "3.4.5.+6",               0,          0, WSAEINVAL },
    { " 3.4.5.6",               0,          0, WSAEINVAL },
    { "3.4.5.6 ",               0x03040506, 0, WSAEINVAL },
    { "3.4.5.6:7 ",             0x03040506, 0, WSAEINVAL },
    { "[0.1.2.3]",              0,          0, WSAEINVAL },
    { "0x00010203:10",          0x00010203, 10 },
    { "0x123456789",            0x23456789 },
    { "0x00010Q03",             0x00000010, 0, WSAEINVAL },
    { "x00010203",              0,          0, WSAEINVAL },
    { "1234BEEF",               0x000004d2, 0, WSAEINVAL },
    { "017700000001",           0x7f000001 },
    { "0777:10",                0x000001ff, 10 },
    { "::1",                    0,          0, WSAEINVAL },
};

static const struct
{
    const char *text;
    USHORT words[8];
    USHORT port;        /* as stored */
    ULONG scope;
    int error;
    BOOL todo;          /* Wine's builtin reads the text differently */
}
s2a6_tests[] =
{
    { "::1",             {0, 0, 0, 0, 0, 0, 0, 0x100} },
    { "[::1]",           {0, 0, 0, 0, 0, 0, 0, 0x100} },
    { "[::1]:65535",     {0, 0, 0, 0, 0, 0, 0, 0x100}, 0xffff },
    { "2001::1",         {0x120, 0, 0, 0, 0, 0, 0, 0x100} },
    { "::1]:65535",      {0, 0, 0, 0, 0, 0, 0, 0x100}, 0, 0, WSAEINVAL },
    { "001::1",          {0x100, 0, 0, 0, 0, 0, 0, 0x100} },
    /* a leading "::" counts as a group (Wine's builtin accepts this) */
    { "::1:2:3:4:5:6:7", {0, 0, 0x100, 0x200, 0x300, 0x400, 0x500, 0x600}, 0, 0, WSAEINVAL, TRUE },
    { "1.2.3.4",         {0x201, 0x3, 0, 0, 0, 0, 0, 0}, 0, 0, WSAEINVAL },
    { "1:2:3:",          {0x100, 0x200, 0x300, 0, 0, 0, 0, 0}, 0, 0, WSAEINVAL },
    { "",                {0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, WSAEINVAL },
    /* scope IDs and ports as RtlIpv6StringToAddressEx documents them */
    { "fe80::1%4660",    {0x80fe, 0, 0, 0, 0, 0, 0, 0x100}, 0, 4660 },
    { "[fe80::1%4660]:80", {0x80fe, 0, 0, 0, 0, 0, 0, 0x100}, 0x5000, 4660 },
};

static void test_WSAStringToAddress(void)
{
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    WCHAR textW[64];
    WSADATA data;
    unsigned int i, unicode;
    int len, ret, expect_len;

    len = sizeof(sin);
    WSASetLastError(0xdeadbeef);
    ret = WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sin, &len);
    /* Windows documents WSANOTINITIALISED; Wine's builtin converts anyway */
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "got %d, error %d\n", ret, WSAGetLastError());

    WSAStartup(MAKEWORD(2, 2), &data);

    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = WSAStringToAddressA((char *)"", AF_INET, NULL, (SOCKADDR *)&sin, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    ok(len >= (int)sizeof(sin), "got len %d\n", len);
    len = sizeof(sin6) - 1;
    WSASetLastError(0xdeadbeef);
    ret = WSAStringToAddressA((char *)"::1", AF_INET6, NULL, (SOCKADDR *)&sin6, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    ok(len >= (int)sizeof(sin6), "got len %d\n", len);

    for (unicode = 0; unicode < 2; unicode++)
    {
        winetest_push_context(unicode ? "W" : "A");
        for (i = 0; i < ARRAY_SIZE(s2a4_tests); i++)
        {
            winetest_push_context("%s", wine_dbgstr_a(s2a4_tests[i].text));
            len = sizeof(sin) + 10;
            expect_len = s2a4_tests[i].error ? len : (int)sizeof(sin);
            memset(&sin, 0xab, sizeof(sin));
            WSASetLastError(0);
            if (unicode)
            {
                to_wide(s2a4_tests[i].text, textW);
                ret = WSAStringToAddressW(textW, AF_INET, NULL, (SOCKADDR *)&sin, &len);
            }
            else ret = WSAStringToAddressA((char *)s2a4_tests[i].text, AF_INET, NULL, (SOCKADDR *)&sin, &len);
            ok(ret == (s2a4_tests[i].error ? SOCKET_ERROR : 0), "got %d\n", ret);
            ok(WSAGetLastError() == s2a4_tests[i].error, "got error %d\n", WSAGetLastError());
            ok(sin.sin_family == (s2a4_tests[i].error ? 0 : AF_INET), "got family %d\n", sin.sin_family);
            ok(sin.sin_addr.s_addr == htonl(s2a4_tests[i].addr), "got addr %08lx\n", sin.sin_addr.s_addr);
            ok(sin.sin_port == htons(s2a4_tests[i].port), "got port %u\n", sin.sin_port);
            ok(len == expect_len, "got len %d\n", len);
            winetest_pop_context();
        }
        for (i = 0; i < ARRAY_SIZE(s2a6_tests); i++)
        {
            winetest_push_context("%s", wine_dbgstr_a(s2a6_tests[i].text));
            len = sizeof(sin6) + 10;
            expect_len = s2a6_tests[i].error ? len : (int)sizeof(sin6);
            memset(&sin6, 0xab, sizeof(sin6));
            WSASetLastError(0);
            if (unicode)
            {
                to_wide(s2a6_tests[i].text, textW);
                ret = WSAStringToAddressW(textW, AF_INET6, NULL, (SOCKADDR *)&sin6, &len);
            }
            else ret = WSAStringToAddressA((char *)s2a6_tests[i].text, AF_INET6, NULL, (SOCKADDR *)&sin6, &len);
            todo_wine_if(s2a6_tests[i].todo)
            ok(ret == (s2a6_tests[i].error ? SOCKET_ERROR : 0), "got %d\n", ret);
            todo_wine_if(s2a6_tests[i].todo)
            ok(WSAGetLastError() == s2a6_tests[i].error, "got error %d\n", WSAGetLastError());
            todo_wine_if(s2a6_tests[i].todo)
            ok(sin6.sin6_family == (s2a6_tests[i].error ? 0 : AF_INET6), "got family %d\n", sin6.sin6_family);
            todo_wine_if(s2a6_tests[i].todo)
            ok(!memcmp(&sin6.sin6_addr, s2a6_tests[i].words, sizeof(sin6.sin6_addr)), "address differs\n");
            ok(sin6.sin6_port == s2a6_tests[i].port, "got port %u\n", sin6.sin6_port);
            ok(sin6.sin6_scope_id == s2a6_tests[i].scope, "got scope %lu\n", sin6.sin6_scope_id);
            ok(!sin6.sin6_flowinfo, "got flowinfo %lu\n", sin6.sin6_flowinfo);
            todo_wine_if(s2a6_tests[i].todo)
            ok(len == expect_len, "got len %d\n", len);
            winetest_pop_context();
        }
        winetest_pop_context();
    }

    /* Only ASCII can be an address. */
    textW[0] = '1'; textW[1] = 0x2024 /* one-dot leader */; textW[2] = '2'; textW[3] = 0;
    len = sizeof(sin);
    WSASetLastError(0);
    ret = WSAStringToAddressW(textW, AF_INET, NULL, (SOCKADDR *)&sin, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "got %d, error %d\n", ret, WSAGetLastError());

    WSACleanup();
}

START_TEST(addrconv)
{
    test_inet_pton();
    test_inet_ntop();
    test_WSAAddressToString();
    test_WSAStringToAddress();
}
