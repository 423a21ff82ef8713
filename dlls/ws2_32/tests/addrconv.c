/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests for the address text conversions: inet_pton,
 * InetPtonW, inet_ntop, InetNtopW, WSAAddressToStringA/W and
 * WSAStringToAddressA/W.
 *
 * The cases are grouped by the rule they exercise, and each group says
 * where its rule comes from: RFC 4291 section 2.2 (IPv6 text), RFC 5952
 * (how IPv6 is printed), RFC 3493 (inet_pton), Microsoft's documentation
 * of the functions, or, where nothing else shows it, a result of real
 * Windows recorded in Wine's ws2_32 or ntdll conformance tests.  The
 * inputs are our own choice.
 *
 * Windows writes an address while it reads the text, so text that turns
 * out not to be an address can leave part of one behind.  Every output
 * buffer is filled with FILL before a call, and the expected results show
 * which bytes the call must leave alone.  IPv6 addresses are written as
 * their eight groups, as they read in text.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include "wine/test.h"

#define FILL        0xc3            /* every byte of an output buffer */
#define KEPT        0xc3c3          /* an IPv6 group the call left alone */
#define KEEP_ERROR  0x5a5a0707      /* a last error that must survive a call */

static void widen(WCHAR *dst, const char *src)
{
    while ((*dst++ = (unsigned char)*src++)) ;
}

/* Eight groups as written in text to the sixteen bytes of an in6_addr. */
static void groups_to_bytes(const USHORT groups[8], BYTE bytes[16])
{
    int i;

    for (i = 0; i < 8; i++)
    {
        bytes[2 * i] = groups[i] >> 8;
        bytes[2 * i + 1] = groups[i] & 0xff;
    }
}

static const char *show_bytes(const BYTE *bytes, unsigned int count)
{
    char text[3 * 16 + 1];
    unsigned int i;

    for (i = 0; i < count; i++) sprintf(text + 3 * i, "%02x ", bytes[i]);
    text[count ? 3 * count - 1 : 0] = 0;
    return wine_dbg_sprintf("%s", text);
}

/* ---- inet_pton / InetPtonW ---- */

/* Both functions give the same answer for the same text (0 for text that
 * is not an address, as documented).  inet_pton then leaves the last error
 * alone while InetPtonW sets WSAEINVAL (recorded in Wine's tests).
 * expect holds all sixteen bytes of the buffer after the call. */
static void check_pton(int family, const char *text, int expect_ret, const BYTE expect[16])
{
    WCHAR textW[96];
    BYTE out[16];
    int ret;

    winetest_push_context("%s", wine_dbgstr_a(text));

    memset(out, FILL, sizeof(out));
    WSASetLastError(KEEP_ERROR);
    ret = inet_pton(family, text, out);
    ok(ret == expect_ret, "inet_pton returned %d\n", ret);
    ok(WSAGetLastError() == KEEP_ERROR, "inet_pton set error %d\n", WSAGetLastError());
    ok(!memcmp(out, expect, sizeof(out)), "inet_pton left %s\n", show_bytes(out, sizeof(out)));

    widen(textW, text);
    memset(out, FILL, sizeof(out));
    WSASetLastError(KEEP_ERROR);
    ret = InetPtonW(family, textW, out);
    ok(ret == expect_ret, "InetPtonW returned %d\n", ret);
    ok(WSAGetLastError() == (expect_ret ? KEEP_ERROR : WSAEINVAL), "InetPtonW set error %d\n",
       WSAGetLastError());
    ok(!memcmp(out, expect, sizeof(out)), "InetPtonW left %s\n", show_bytes(out, sizeof(out)));

    winetest_pop_context();
}

/* An IPv4 result: four bytes, or NULL when nothing may be written; the
 * bytes after an IN_ADDR are never written. */
static void check_pton4(const char *text, int expect_ret, const BYTE *addr)
{
    BYTE expect[16];

    memset(expect, FILL, sizeof(expect));
    if (addr) memcpy(expect, addr, 4);
    check_pton(AF_INET, text, expect_ret, expect);
}

static void check_pton6(const char *text, int expect_ret, const USHORT groups[8])
{
    BYTE expect[16];

    groups_to_bytes(groups, expect);
    check_pton(AF_INET6, text, expect_ret, expect);
}

/* AF_INET: four decimal parts of 0 to 255 joined by dots (RFC 3493
 * section 6.4, Microsoft's documentation of InetPton). */
static const struct
{
    const char *text;
    BYTE addr[4];
}
pton4_valid[] =
{
    { "192.0.2.33",         {192, 0, 2, 33} },
    { "100.64.0.1",         {100, 64, 0, 1} },
    { "9.0.0.255",          {9, 0, 0, 255} },
    { "10.0.0.0",           {10, 0, 0, 0} },
    { "255.255.255.255",    {255, 255, 255, 255} },
};

/* Any other spelling is no address and nothing is written: another number
 * of parts, an empty part, a part over 255, a leading zero or "0x" (no
 * octal or hex here), a sign, white space before or inside, IPv6 text. */
static const char * const pton4_invalid[] =
{
    "", "10", "10.20", "10.20.30", "10.20.30.40.50", "33554433",
    "10..30.40", ".10.20.30", "10.20.30.", "10.20.30.40.",
    "10.20.30.300", "256.1.1.1", "10.999.1.1",
    "10.20.30.07", "010.1.1.1", "1.2.3.000", "1.2.3.0x1f", "0x7f.0.0.1",
    "+1.2.3.4", "10.-2.30.40", " 10.20.30.40", "\n10.20.30.40", "10.20. 30.40",
    "[10.20.30.40]", "fe80::1", "::ffff:1.2.3.4", "ten.0.0.1",
};

/* A whole quad followed by other text is no address either, but Windows
 * has written the quad by then (recorded in Wine's tests for a trailing
 * space, a port and a letter after the last part). */
static const struct
{
    const char *text;
    BYTE addr[4];
}
pton4_trailing[] =
{
    { "10.20.30.40 ",       {10, 20, 30, 40} },
    { "10.20.30.41\t",      {10, 20, 30, 41} },
    { "192.0.2.1:8080",     {192, 0, 2, 1} },
    { "192.0.2.0/24",       {192, 0, 2, 0} },
    { "198.51.100.7k",      {198, 51, 100, 7} },
    { "203.0.113.0z",       {203, 0, 113, 0} },
};

struct pton6_row
{
    const char *text;
    USHORT groups[8];
};

/* Eight groups of one to four hex digits, either case (RFC 4291 2.2.1). */
static const struct pton6_row pton6_full[] =
{
    { "fd00:1:22:333:4444:a:bc:def0",
      {0xfd00, 0x1, 0x22, 0x333, 0x4444, 0xa, 0xbc, 0xdef0} },
    { "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789",
      {0xabcd, 0xef01, 0x2345, 0x6789, 0xabcd, 0xef01, 0x2345, 0x6789} },
    { "0001:0020:0300:4000:0005:0060:0700:8000",
      {0x1, 0x20, 0x300, 0x4000, 0x5, 0x60, 0x700, 0x8000} },
    { "fFfF:0:0:0:0:0:0:eEeE",
      {0xffff, 0, 0, 0, 0, 0, 0, 0xeeee} },
};

/* One "::" stands for a run of zero groups at the start, in the middle or
 * at the end (RFC 4291 2.2.2).  Every case here leaves two or more groups
 * to it. */
static const struct pton6_row pton6_gap[] =
{
    { "::",                 {0, 0, 0, 0, 0, 0, 0, 0} },
    { "ff02::1:ff00:42",    {0xff02, 0, 0, 0, 0, 0x1, 0xff00, 0x42} },
    { "fe80::",             {0xfe80, 0, 0, 0, 0, 0, 0, 0} },
    { "::9:a",              {0, 0, 0, 0, 0, 0, 0x9, 0xa} },
    { "2001:db8::",         {0x2001, 0xdb8, 0, 0, 0, 0, 0, 0} },
    { "a:b:c:d:e:f::",      {0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0, 0} },
    { "::a:b:c:d:e:f",      {0, 0, 0xa, 0xb, 0xc, 0xd, 0xe, 0xf} },
    { "1:2::7:8",           {0x1, 0x2, 0, 0, 0, 0, 0x7, 0x8} },
    { "0:0::0:0",           {0, 0, 0, 0, 0, 0, 0, 0} },
};

/* The last 32 bits may be a dotted quad (RFC 4291 2.2.3); its parts are
 * decimal and may have leading zeros up to three digits (recorded in
 * Wine's tests). */
static const struct pton6_row pton6_quad[] =
{
    { "::ffff:192.0.2.128",         {0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0280} },
    { "64:ff9b::198.51.100.7",      {0x64, 0xff9b, 0, 0, 0, 0, 0xc633, 0x6407} },
    { "::10.0.0.1",                 {0, 0, 0, 0, 0, 0, 0x0a00, 0x0001} },
    { "9:8:7:6:5:4:3.2.1.0",        {0x9, 0x8, 0x7, 0x6, 0x5, 0x4, 0x0302, 0x0100} },
    { "64:ff9b::007.000.002.001",   {0x64, 0xff9b, 0, 0, 0, 0, 0x0700, 0x0201} },
};

/* Windows reads until a character cannot continue the address.  If an
 * address could end there it is written whole, the groups after "::"
 * moved to the end, and inet_pton still fails unless that was the end of
 * the text.  Where an address may end is Windows' own reading, recorded
 * in Wine's tests: before a scope, a prefix length, white space, a ninth
 * group, a second "::", a '.' after a group with hex letters, or a quad
 * with no room left for it; and a group spelt "0x..." where the address
 * may end is read as a saturating hex number kept to 16 bits, which ends
 * the address. */
static const struct pton6_row pton6_stop[] =
{
    { "fe80::2%5",                  {0xfe80, 0, 0, 0, 0, 0, 0, 0x2} },
    { "2001:db8::/32",              {0x2001, 0xdb8, 0, 0, 0, 0, 0, 0} },
    { "a:b:c:d:e:f:1:2 ",           {0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x1, 0x2} },
    { "a:b:c:d:e:f:1:2:3",          {0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x1, 0x2} },
    { "abc::def::123",              {0xabc, 0, 0, 0, 0, 0, 0, 0xdef} },
    { "9:8:7:::",                   {0x9, 0x8, 0x7, 0, 0, 0, 0, 0} },
    { "5::b2.0.0.1",                {0x5, 0, 0, 0, 0, 0, 0, 0xb2} },
    { "a:b:c:d:e:f::1:2",           {0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0, 0x1} },
    { "c::10.20.30.40:5",           {0xc, 0, 0, 0, 0, 0, 0x0a14, 0x1e28} },
    { "f:e:d:c:b:a:9:10.0.0.1",     {0xf, 0xe, 0xd, 0xc, 0xb, 0xa, 0x9, 0x10} },
    { "9:8:7:6:5:4::3.2.1.0",       {0x9, 0x8, 0x7, 0x6, 0x5, 0x4, 0, 0x3} },
    { "fe80::0x1f",                 {0xfe80, 0, 0, 0, 0, 0, 0, 0x1f} },
    { "a:b:c:d:e:f:1:0x7e57",       {0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x1, 0x7e57} },
    { "fe80::0xABCDE",              {0xfe80, 0, 0, 0, 0, 0, 0, 0xbcde} },
    { "::0xfffffffff",              {0, 0, 0, 0, 0, 0, 0, 0xffff} },
    { "cafe::0x42:1",               {0xcafe, 0, 0, 0, 0, 0, 0, 0x42} },
};

/* Where no address can end (too few groups and no "::", a group of five
 * digits, a ':' with no group after it, a stray leading ':' or a "0x"
 * group elsewhere) Windows gives up at once: the groups read so far stay
 * where they are and the rest is not touched (recorded in Wine's tests). */
static const struct pton6_row pton6_broken[] =
{
    { "cafe",                   {KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "a:b:c:d:e",              {0xa, 0xb, 0xc, 0xd, KEPT, KEPT, KEPT, KEPT} },
    { "c0de::f00:",             {0xc0de, 0xf00, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::12345",              {0xab, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "a:b::fffff",             {0xa, 0xb, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "00abc::1",               {KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { ":a:b:c:d:e:f:1",         {KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "[fe80::1]",              {KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "+ab::",                  {KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "1:2:3:4:5:0x66:7:8",     {0x1, 0x2, 0x3, 0x4, 0x5, KEPT, KEPT, KEPT} },
    { "0xff::1",                {KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "a:b:c:d: e:f:1:2",       {0xa, 0xb, 0xc, 0xd, KEPT, KEPT, KEPT, KEPT} },
};

/* A dotted quad is written part by part as each part and its dot are
 * read; a part of four digits or over 255, a missing part or a quad that
 * is not last ends the reading with what was written so far (recorded in
 * Wine's tests).  A group written by half keeps the fill byte in its
 * other half. */
static const struct pton6_row pton6_quad_parts[] =
{
    { "10.1.2.3",           {0x0a01, 0x02c3, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "7:7:192.168.1.1",    {0x7, 0x7, 0xc0a8, 0x01c3, KEPT, KEPT, KEPT, KEPT} },
    { "ab::9.8.7.1000",     {0xab, 0x0908, 0x07c3, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::300.1.1.1",      {0xab, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::1.0300.2.3",     {0xab, 0x01c3, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::33.44",          {0xab, 0x21c3, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::33.44.",         {0xab, 0x212c, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::5.6.7.",         {0xab, 0x0506, 0x07c3, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::5.6b.7.8",       {0xab, 0x05c3, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
    { "ab::0005.6.7.8",     {0xab, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, KEPT} },
};

static void run_pton6_rows(const struct pton6_row *rows, unsigned int count, int expect_ret)
{
    unsigned int i;

    for (i = 0; i < count; i++) check_pton6(rows[i].text, expect_ret, rows[i].groups);
}

/* A call refused before any text is read: -1 and the given error from
 * both functions, the buffer (if one is passed) untouched. */
static void check_pton_refused(int family, const char *text, BOOL with_buffer, DWORD expect_err)
{
    BYTE out[16], fill[16];
    void *buffer = with_buffer ? out : NULL;
    WCHAR textW[32];
    int ret;

    winetest_push_context("family %d, %s", family, wine_dbgstr_a(text));
    memset(out, FILL, sizeof(out));
    memset(fill, FILL, sizeof(fill));
    WSASetLastError(KEEP_ERROR);
    ret = inet_pton(family, text, buffer);
    ok(ret == -1 && (DWORD)WSAGetLastError() == expect_err, "inet_pton returned %d, error %d\n",
       ret, WSAGetLastError());
    if (text) widen(textW, text);
    WSASetLastError(KEEP_ERROR);
    ret = InetPtonW(family, text ? textW : NULL, buffer);
    ok(ret == -1 && (DWORD)WSAGetLastError() == expect_err, "InetPtonW returned %d, error %d\n",
       ret, WSAGetLastError());
    if (with_buffer)
        ok(!memcmp(out, fill, sizeof(out)), "buffer changed to %s\n", show_bytes(out, sizeof(out)));
    winetest_pop_context();
}

static void test_inet_pton(void)
{
    static const USHORT not_ascii6[8] = {0xfe80, 0, 0, 0, 0, 0, 0, 0};
    BYTE out[16], expect[16];
    WCHAR textW[32];
    unsigned int i;
    int ret;

    /* No text, or no buffer: WSAEFAULT; a family other than AF_INET and
     * AF_INET6: WSAEAFNOSUPPORT (Microsoft documentation). */
    check_pton_refused(AF_INET, NULL, TRUE, WSAEFAULT);
    check_pton_refused(AF_INET6, NULL, TRUE, WSAEFAULT);
    check_pton_refused(AF_INET, "192.0.2.9", FALSE, WSAEFAULT);
    check_pton_refused(AF_INET6, "fe80::9", FALSE, WSAEFAULT);
    check_pton_refused(AF_UNSPEC, "192.0.2.9", TRUE, WSAEAFNOSUPPORT);
    check_pton_refused(AF_APPLETALK, "fe80::9", TRUE, WSAEAFNOSUPPORT);
    check_pton_refused(AF_IPX, "10.20.30.40", TRUE, WSAEAFNOSUPPORT);

    for (i = 0; i < ARRAY_SIZE(pton4_valid); i++)
        check_pton4(pton4_valid[i].text, 1, pton4_valid[i].addr);
    for (i = 0; i < ARRAY_SIZE(pton4_invalid); i++)
        check_pton4(pton4_invalid[i], 0, NULL);
    for (i = 0; i < ARRAY_SIZE(pton4_trailing); i++)
        check_pton4(pton4_trailing[i].text, 0, pton4_trailing[i].addr);

    run_pton6_rows(pton6_full, ARRAY_SIZE(pton6_full), 1);
    run_pton6_rows(pton6_gap, ARRAY_SIZE(pton6_gap), 1);
    run_pton6_rows(pton6_quad, ARRAY_SIZE(pton6_quad), 1);
    run_pton6_rows(pton6_stop, ARRAY_SIZE(pton6_stop), 0);
    run_pton6_rows(pton6_broken, ARRAY_SIZE(pton6_broken), 0);
    run_pton6_rows(pton6_quad_parts, ARRAY_SIZE(pton6_quad_parts), 0);

    /* Wide text is read as characters, not bytes: U+012E is not '.' and
     * U+0131 is not '1', though their low bytes are. */
    widen(textW, "10?0.0.1");
    textW[2] = 0x012e;
    memset(out, FILL, sizeof(out));
    ret = InetPtonW(AF_INET, textW, out);
    memset(expect, FILL, sizeof(expect));
    ok(ret == 0 && !memcmp(out, expect, sizeof(out)), "got %d, %s\n", ret, show_bytes(out, 4));

    widen(textW, "fe80::?");
    textW[6] = 0x0131;
    memset(out, FILL, sizeof(out));
    ret = InetPtonW(AF_INET6, textW, out);
    groups_to_bytes(not_ascii6, expect);
    ok(ret == 0 && !memcmp(out, expect, sizeof(out)), "got %d, %s\n", ret, show_bytes(out, 16));
}

/* ---- inet_ntop / InetNtopW ---- */

/* Both functions write the text and its NUL when the buffer holds them and
 * return the buffer.  One character short they fail; inet_ntop then
 * reports STATUS_INVALID_PARAMETER, which is what Windows sets (recorded
 * in Wine's tests; the documentation says ERROR_INVALID_PARAMETER).  We
 * expect the same of InetNtopW, its wide twin; Wine's builtin reports
 * ERROR_INVALID_PARAMETER there. */
static void check_ntop(int family, const void *addr, const char *text)
{
    size_t need = strlen(text) + 1;
    WCHAR outW[64], textW[64];
    const WCHAR *pw;
    const char *p;
    char out[64];

    winetest_push_context("%s", text);

    memset(out, FILL, sizeof(out));
    p = inet_ntop(family, addr, out, need);
    ok(p == out, "inet_ntop returned %p, error %d\n", p, WSAGetLastError());
    ok(!strcmp(out, text), "inet_ntop wrote %s\n", wine_dbgstr_an(out, sizeof(out) - 1));
    WSASetLastError(KEEP_ERROR);
    p = inet_ntop(family, addr, out, need - 1);
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER,
       "one short: inet_ntop returned %p, error %#x\n", p, WSAGetLastError());

    widen(textW, text);
    memset(outW, FILL, sizeof(outW));
    pw = InetNtopW(family, addr, outW, need);
    ok(pw == outW, "InetNtopW returned %p, error %d\n", pw, WSAGetLastError());
    ok(!wcscmp(outW, textW), "InetNtopW wrote %s\n", wine_dbgstr_wn(outW, ARRAY_SIZE(outW) - 1));
    WSASetLastError(KEEP_ERROR);
    pw = InetNtopW(family, addr, outW, need - 1);
    ok(!pw, "one short: InetNtopW returned %p\n", pw);
    todo_wine ok((DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER,
                 "one short: InetNtopW error %#x\n", WSAGetLastError());

    winetest_pop_context();
}

/* IPv4: four decimal parts without leading zeros. */
static const struct
{
    BYTE addr[4];
    const char *text;
}
ntop4_rows[] =
{
    { {192, 0, 2, 33},      "192.0.2.33" },
    { {1, 10, 100, 200},    "1.10.100.200" },
    { {0, 0, 0, 9},         "0.0.0.9" },
    { {10, 0, 0, 0},        "10.0.0.0" },
    { {255, 255, 255, 255}, "255.255.255.255" },
};

struct ntop6_row
{
    USHORT groups[8];
    const char *text;
};

/* IPv6 as RFC 5952 section 4 asks: lower-case hex without leading zeros,
 * the longest run of two or more zero groups as "::" (the first of equal
 * runs), a single zero group written out.  Windows does this (recorded in
 * Wine's ntdll tests of RtlIpv6AddressToString). */
static const struct ntop6_row ntop6_plain[] =
{
    { {0x0abc, 0x00de, 0x000f, 0x1000, 0xa0b0, 0x0c0d, 0xe0f0, 0x0001},
      "abc:de:f:1000:a0b0:c0d:e0f0:1" },
    { {0xfd12, 0, 0xab, 0, 0, 0, 0xcd, 0x1},        "fd12:0:ab::cd:1" },
    { {0xfd12, 0, 0, 0xab, 0, 0, 0xcd, 0x1},        "fd12::ab:0:0:cd:1" },
    { {0x1, 0, 0, 0x2, 0x3, 0, 0, 0},               "1:0:0:2:3::" },
    { {0xa, 0xb, 0xc, 0, 0xd, 0xe, 0xf, 0x10},      "a:b:c:0:d:e:f:10" },
    { {0, 0, 0, 0, 0, 0x1234, 0x5678, 0x9abc},      "::1234:5678:9abc" },
    { {0xff02, 0x1, 0, 0, 0, 0, 0, 0},              "ff02:1::" },
    { {0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x35},         "2001:db8::35" },
    { {0, 0, 0, 0, 0, 0, 0, 0},                     "::" },
    { {0x8a3c, 0x19f2, 0x7b6d, 0x4e01, 0xc5a7, 0x2f98, 0x6d3e, 0xb1f4},
      "8a3c:19f2:7b6d:4e01:c5a7:2f98:6d3e:b1f4" },
};

/* The last 32 bits are printed as a dotted quad for the IPv4-compatible
 * (::a.b.c.d with the upper half of the IPv4 address not zero),
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d) and
 * ISATAP (prefix:0:5efe: and prefix:200:5efe:) forms, and in hex
 * otherwise (recorded in Wine's ntdll tests of RtlIpv6AddressToString,
 * which inet_ntop uses on Windows). */
static const struct ntop6_row ntop6_quad[] =
{
    { {0, 0, 0, 0, 0, 0, 0x0a00, 0x0001},           "::10.0.0.1" },
    { {0, 0, 0, 0, 0, 0, 0x0009, 0x0807},           "::0.9.8.7" },
    { {0, 0, 0, 0, 0, 0, 0, 0x1234},                "::1234" },
    { {0, 0, 0, 0, 0, 0xffff, 0xc0a8, 0x0101},      "::ffff:192.168.1.1" },
    { {0, 0, 0, 0, 0xffff, 0, 0x0a0b, 0x0c0d},      "::ffff:0:10.11.12.13" },
    { {0xfe80, 0, 0, 0, 0, 0x5efe, 0xc000, 0x0201}, "fe80::5efe:192.0.2.1" },
    { {0xfe80, 0, 0, 0, 0x200, 0x5efe, 0xc633, 0x6401}, "fe80::200:5efe:198.51.100.1" },
    { {0xfe80, 0, 0, 0, 0x100, 0x5efe, 0xc633, 0x6401}, "fe80::100:5efe:c633:6401" },
    { {0, 0, 0, 0, 0, 0x1, 0x0a00, 0x0001},         "::1:a00:1" },
    { {0x8a3c, 0x19f2, 0x7b6d, 0x4e01, 0, 0x5efe, 0xffff, 0xffff},
      "8a3c:19f2:7b6d:4e01:0:5efe:255.255.255.255" },
};

static void run_ntop6_rows(const struct ntop6_row *rows, unsigned int count)
{
    BYTE addr[16];
    unsigned int i;

    for (i = 0; i < count; i++)
    {
        groups_to_bytes(rows[i].groups, addr);
        check_ntop(AF_INET6, addr, rows[i].text);
    }
}

static void test_inet_ntop(void)
{
    /* an IPv4-mapped address whose IPv4 part starts with a zero half */
    static const USHORT mapped_low[8] = {0, 0, 0, 0, 0, 0xffff, 0, 0x0809};
    static const BYTE addr4[4] = {203, 0, 113, 5};
    BYTE addr6[16];
    WCHAR outW[64];
    const WCHAR *pw;
    const char *p;
    char out[64];
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(ntop4_rows); i++)
        check_ntop(AF_INET, ntop4_rows[i].addr, ntop4_rows[i].text);
    run_ntop6_rows(ntop6_plain, ARRAY_SIZE(ntop6_plain));
    run_ntop6_rows(ntop6_quad, ARRAY_SIZE(ntop6_quad));

    /* An IPv4-mapped address is printed in hex when the upper half of its
     * IPv4 part is zero (recorded in Wine's ntdll tests: "::ffff:0:4403"). */
    groups_to_bytes(mapped_low, addr6);
    p = inet_ntop(AF_INET6, addr6, out, sizeof(out));
    ok(p && !strcmp(out, "::ffff:0:809"), "got %s\n", p ? out : "NULL");

    /* Families other than AF_INET and AF_INET6: WSAEAFNOSUPPORT. */
    WSASetLastError(KEEP_ERROR);
    p = inet_ntop(AF_IPX, addr4, out, sizeof(out));
    ok(!p && WSAGetLastError() == WSAEAFNOSUPPORT, "got %p, error %d\n", p, WSAGetLastError());
    WSASetLastError(KEEP_ERROR);
    pw = InetNtopW(AF_UNSPEC, addr4, outW, ARRAY_SIZE(outW));
    ok(!pw && WSAGetLastError() == WSAEAFNOSUPPORT, "got %p, error %d\n", pw, WSAGetLastError());

    /* No buffer, or a size of zero: an invalid parameter (documented),
     * reported as STATUS_INVALID_PARAMETER as above. */
    WSASetLastError(KEEP_ERROR);
    p = inet_ntop(AF_INET, addr4, NULL, sizeof(out));
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n",
       p, WSAGetLastError());
    WSASetLastError(KEEP_ERROR);
    p = inet_ntop(AF_INET6, addr6, out, 0);
    ok(!p && (DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "got %p, error %#x\n",
       p, WSAGetLastError());
    WSASetLastError(KEEP_ERROR);
    pw = InetNtopW(AF_INET6, addr6, NULL, ARRAY_SIZE(outW));
    ok(!pw, "got %p\n", pw);
    todo_wine ok((DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "error %#x\n", WSAGetLastError());
    /* Wine's builtin takes a size of 0 as a request for the size needed
     * and succeeds. */
    WSASetLastError(KEEP_ERROR);
    pw = InetNtopW(AF_INET, addr4, outW, 0);
    todo_wine ok(!pw, "got %p\n", pw);
    todo_wine ok((DWORD)WSAGetLastError() == STATUS_INVALID_PARAMETER, "error %#x\n", WSAGetLastError());

    /* A buffer larger than needed is fine. */
    p = inet_ntop(AF_INET, addr4, out, sizeof(out));
    ok(p == out && !strcmp(out, "203.0.113.5"), "got %p %s\n", p, wine_dbgstr_a(out));
}

/* ---- WSAAddressToStringA/W ---- */

/* The text of a socket address, with its length: on success the length
 * written, NUL included; when the buffer is short WSAEFAULT and the length
 * needed (Microsoft documentation).  The W function counts characters. */
static void check_a2s(SOCKADDR *sa, DWORD sa_len, const char *text)
{
    DWORD need = strlen(text) + 1, len;
    WCHAR outW[96], textW[96];
    char out[96];
    int ret;

    winetest_push_context("%s", text);

    len = sizeof(out);
    memset(out, FILL, sizeof(out));
    ret = WSAAddressToStringA(sa, sa_len, NULL, out, &len);
    ok(!ret, "A: error %d\n", WSAGetLastError());
    ok(!strcmp(out, text), "A: wrote %s\n", wine_dbgstr_an(out, sizeof(out) - 1));
    ok(len == need, "A: length %lu\n", len);

    len = need;
    ret = WSAAddressToStringA(sa, sa_len, NULL, out, &len);
    ok(!ret && len == need, "A, exact buffer: returned %d, length %lu\n", ret, len);

    len = need - 1;
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringA(sa, sa_len, NULL, out, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "A, one short: returned %d, error %d\n",
       ret, WSAGetLastError());
    ok(len == need, "A, one short: length %lu\n", len);

    widen(textW, text);
    len = ARRAY_SIZE(outW);
    memset(outW, FILL, sizeof(outW));
    ret = WSAAddressToStringW(sa, sa_len, NULL, outW, &len);
    ok(!ret, "W: error %d\n", WSAGetLastError());
    ok(!wcscmp(outW, textW), "W: wrote %s\n", wine_dbgstr_wn(outW, ARRAY_SIZE(outW) - 1));
    ok(len == need, "W: length %lu\n", len);

    len = need - 1;
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringW(sa, sa_len, NULL, outW, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "W, one short: returned %d, error %d\n",
       ret, WSAGetLastError());
    ok(len == need, "W, one short: length %lu\n", len);

    winetest_pop_context();
}

/* IPv4: the dotted quad, then ":port" when the port is not zero. */
static const struct
{
    BYTE addr[4];
    USHORT port;
    const char *text;
}
a2s4_rows[] =
{
    { {198, 51, 100, 17},   0,      "198.51.100.17" },
    { {203, 0, 113, 254},   443,    "203.0.113.254:443" },
    { {10, 1, 2, 3},        1,      "10.1.2.3:1" },
    { {0, 0, 0, 0},         8080,   "0.0.0.0:8080" },
    { {255, 255, 255, 254}, 65534,  "255.255.255.254:65534" },
};

/* IPv6: the address as inet_ntop prints it, "%scope" when the scope ID is
 * not zero, and with a port "[address%scope]:port" (Microsoft
 * documentation of the IPv6 literal forms; recorded in Wine's tests). */
static const struct
{
    USHORT groups[8];
    ULONG scope;
    USHORT port;
    const char *text;
}
a2s6_rows[] =
{
    { {0xfe80, 0, 0, 0, 0, 0, 0xa, 0xb}, 7, 0,      "fe80::a:b%7" },
    { {0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x53}, 0, 53,  "[2001:db8::53]:53" },
    { {0xff02, 0, 0, 0, 0, 0, 0, 0xfb}, 3, 5353,    "[ff02::fb%3]:5353" },
    { {0, 0, 0, 0, 0, 0, 0, 0}, 0, 0,               "::" },
    { {0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0207}, 0, 1, "[::ffff:192.0.2.7]:1" },
    { {0x8a3c, 0x19f2, 0x7b6d, 0x4e01, 0, 0x5efe, 0xffff, 0xffff}, 0xffffffff, 65535,
      "[8a3c:19f2:7b6d:4e01:0:5efe:255.255.255.255%4294967295]:65535" },
};

static void test_WSAAddressToString(void)
{
    struct sockaddr_in6 sin6;
    struct sockaddr_in sin;
    WCHAR outW[32];
    WSADATA data;
    char out[32];
    unsigned int i;
    DWORD len;
    int ret;

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(0xc0000209);

    /* WSAStartup first (documented: WSANOTINITIALISED); Wine's builtin
     * converts anyway. */
    len = sizeof(out);
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, &len);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
                 "A: returned %d, error %d\n", ret, WSAGetLastError());
    len = ARRAY_SIZE(outW);
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, outW, &len);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
                 "W: returned %d, error %d\n", ret, WSAGetLastError());

    WSAStartup(MAKEWORD(2, 2), &data);

    /* Asking for the size: a length of 0 gives WSAEFAULT and the length
     * needed ("192.0.2.9" and its NUL), also when there is no buffer at all
     * (recorded in Wine's tests for W). */
    len = 0;
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "A: returned %d, error %d\n",
       ret, WSAGetLastError());
    ok(len == 10, "A: length %lu\n", len);
    len = 0;
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, NULL, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "W: returned %d, error %d\n",
       ret, WSAGetLastError());
    ok(len == 10, "W: length %lu\n", len);

    /* WSAEINVAL: no address, no length, or a family no provider supports
     * (Microsoft documentation).  Wine's builtin fails without setting an
     * error when a pointer is missing. */
    len = sizeof(out);
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringA(NULL, sizeof(sin), NULL, out, &len);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
                 "no address: returned %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, NULL);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
                 "no length: returned %d, error %d\n", ret, WSAGetLastError());
    sin.sin_family = AF_UNSPEC;
    len = sizeof(out);
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "AF_UNSPEC, A: returned %d, error %d\n",
       ret, WSAGetLastError());
    len = ARRAY_SIZE(outW);
    WSASetLastError(KEEP_ERROR);
    ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, outW, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "AF_UNSPEC, W: returned %d, error %d\n",
       ret, WSAGetLastError());

    for (i = 0; i < ARRAY_SIZE(a2s4_rows); i++)
    {
        memset(&sin, 0, sizeof(sin));
        sin.sin_family = AF_INET;
        memcpy(&sin.sin_addr, a2s4_rows[i].addr, 4);
        sin.sin_port = htons(a2s4_rows[i].port);
        check_a2s((SOCKADDR *)&sin, sizeof(sin), a2s4_rows[i].text);
    }
    for (i = 0; i < ARRAY_SIZE(a2s6_rows); i++)
    {
        memset(&sin6, 0, sizeof(sin6));
        sin6.sin6_family = AF_INET6;
        groups_to_bytes(a2s6_rows[i].groups, sin6.sin6_addr.s6_addr);
        sin6.sin6_scope_id = a2s6_rows[i].scope;
        sin6.sin6_port = htons(a2s6_rows[i].port);
        check_a2s((SOCKADDR *)&sin6, sizeof(sin6), a2s6_rows[i].text);
    }

    WSACleanup();
}

/* ---- WSAStringToAddressA/W ---- */

/* Windows clears the sockaddr before reading the text, so a failure
 * leaves family 0, no port and whatever part of the address was read
 * (recorded in Wine's tests).  The length is set to the structure's size
 * on success and left alone on failure.  A and W must agree. */
static void check_s2a4(const char *text, int expect_err, const BYTE addr[4], USHORT port)
{
    union { struct sockaddr_in sin; BYTE raw[40]; } out;
    WCHAR textW[96];
    int len, ret, wide;

    winetest_push_context("%s", wine_dbgstr_a(text));
    widen(textW, text);
    for (wide = 0; wide < 2; wide++)
    {
        memset(&out, FILL, sizeof(out));
        len = sizeof(out);
        WSASetLastError(KEEP_ERROR);
        if (wide) ret = WSAStringToAddressW(textW, AF_INET, NULL, (SOCKADDR *)&out, &len);
        else ret = WSAStringToAddressA((char *)text, AF_INET, NULL, (SOCKADDR *)&out, &len);
        if (expect_err)
        {
            ok(ret == SOCKET_ERROR && WSAGetLastError() == expect_err, "%c: returned %d, error %d\n",
               "AW"[wide], ret, WSAGetLastError());
            ok(len == sizeof(out), "%c: length %d\n", "AW"[wide], len);
        }
        else
        {
            ok(!ret, "%c: error %d\n", "AW"[wide], WSAGetLastError());
            ok(len == sizeof(out.sin), "%c: length %d\n", "AW"[wide], len);
        }
        ok(out.sin.sin_family == (expect_err ? 0 : AF_INET), "%c: family %u\n", "AW"[wide],
           out.sin.sin_family);
        ok(!memcmp(&out.sin.sin_addr, addr, 4), "%c: address %s\n", "AW"[wide],
           show_bytes((BYTE *)&out.sin.sin_addr, 4));
        ok(out.sin.sin_port == htons(port), "%c: port %u\n", "AW"[wide], ntohs(out.sin.sin_port));
    }
    winetest_pop_context();
}

/* Whether both WSAStringToAddressA and W reject text with WSAEINVAL,
 * storing nothing. */
static BOOL s2a4_overflows(const char *text)
{
    struct sockaddr_in out;
    WCHAR textW[32];
    BOOL rejected = TRUE;
    int len, ret;

    widen(textW, text);
    memset(&out, FILL, sizeof(out));
    len = sizeof(out);
    ret = WSAStringToAddressA((char *)text, AF_INET, NULL, (SOCKADDR *)&out, &len);
    rejected &= ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL
                && !out.sin_family && !out.sin_addr.s_addr && !out.sin_port;
    memset(&out, FILL, sizeof(out));
    len = sizeof(out);
    ret = WSAStringToAddressW(textW, AF_INET, NULL, (SOCKADDR *)&out, &len);
    rejected &= ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL
                && !out.sin_family && !out.sin_addr.s_addr && !out.sin_port;
    return rejected;
}

struct s2a4_row
{
    const char *text;
    BYTE addr[4];
    USHORT port;
};

/* The classic inet_addr forms: one to four parts, every part but the last
 * one byte, the last filling the bytes left (Microsoft documentation of
 * inet_addr, which WSAStringToAddress follows for AF_INET). */
static const struct s2a4_row s2a4_forms[] =
{
    { "192.0.2.200",        {192, 0, 2, 200} },
    { "127.1",              {127, 0, 0, 1} },
    { "10.258",             {10, 0, 1, 2} },
    { "10.16777215",        {10, 255, 255, 255} },
    { "10.1.258",           {10, 1, 1, 2} },
    { "172.16.65535",       {172, 16, 255, 255} },
    { "3232235777",         {192, 168, 1, 1} },
    { "4294967295",         {255, 255, 255, 255} },
};

/* Each part is decimal, octal after a leading 0 or hex after 0x or 0X
 * (inet_addr's documentation).  A hex number that runs past 32 bits keeps
 * its low 32 bits while it keeps growing (recorded in Wine's tests). */
static const struct s2a4_row s2a4_bases[] =
{
    { "0300.0250.01.02",    {192, 168, 1, 2} },
    { "012.0.0.01",         {10, 0, 0, 1} },
    { "0xc0.0XA8.0x0.0x1",  {192, 168, 0, 1} },
    { "0XAC100001",         {172, 16, 0, 1} },
    { "0x7f.1",             {127, 0, 0, 1} },
    { "0377.0xff.255.0377", {255, 255, 255, 255} },
    { "00",                 {0, 0, 0, 0} },
    { "0x1c0a80102",        {192, 168, 1, 2} },
};

/* A part too large for its place is an error with nothing stored. */
static const char * const s2a4_range[] =
{
    "300.1", "1.300.2", "0400.0.0.1", "0x100.1.1.1",
    "10.0.0.256", "10.0.0.0x100", "10.1.65536", "10.16777216",
};

/* No address at all, nothing stored: empty text or parts, too many parts,
 * signs, leading white space, brackets, IPv6 text, "0x" without digits,
 * 8 or 9 straight after an octal part's leading 0. */
static const char * const s2a4_shape[] =
{
    "", "z", "10..1", "10.1.", ".10.1", "10.0.0.1.5",
    "+10.0.0.1", "10.0.0.-1", " 127.1", "\r10.0.0.1",
    "[10.0.0.1]", "::ffff:10.0.0.1", "0x", "10.0x", "10.0.0.09",
};

/* An address followed by text that is not a port: an error, but the
 * address read is left in the sockaddr (recorded in Wine's tests).  An
 * octal number ends at the first 8 or 9 after its first digit. */
static const struct s2a4_row s2a4_tail[] =
{
    { "10.0.0.1 ",          {10, 0, 0, 1} },
    { "10.0.0.2\t",         {10, 0, 0, 2} },
    { "10.0.0.3/8",         {10, 0, 0, 3} },
    { "99zz",               {0, 0, 0, 99} },
    { "0x7fG",              {0, 0, 0, 0x7f} },
    { "10.0.0.019",         {10, 0, 0, 1} },
    { "8080::5",            {0, 0, 0x1f, 0x90} },
};

/* ":port" after the address: 1 to 65535, decimal, octal or hex like the
 * parts (recorded in Wine's ntdll tests of RtlIpv4StringToAddressEx). */
static const struct s2a4_row s2a4_port[] =
{
    { "10.0.0.1:8080",      {10, 0, 0, 1},      8080 },
    { "127.1:1",            {127, 0, 0, 1},     1 },
    { "192.0.2.1:0x1F90",   {192, 0, 2, 1},     8080 },
    { "192.0.2.1:017",      {192, 0, 2, 1},     15 },
    { "3232235777:65535",   {192, 168, 1, 1},   65535 },
};

/* Anything else after the ':' is an error, the address kept, no port. */
static const struct s2a4_row s2a4_bad_port[] =
{
    { "10.0.0.1:0",         {10, 0, 0, 1} },
    { "10.0.0.1:",          {10, 0, 0, 1} },
    { "10.0.0.1:65536",     {10, 0, 0, 1} },
    { "10.0.0.1:0x10000",   {10, 0, 0, 1} },
    { "192.0.2.1:0x",       {192, 0, 2, 1} },
    { "192.0.2.1:09",       {192, 0, 2, 1} },
    { "192.0.2.1:12ab",     {192, 0, 2, 1} },
    { "192.0.2.1::5",       {192, 0, 2, 1} },
    { "127.1:5 ",           {127, 0, 0, 1} },
    { "127.1: 5",           {127, 0, 0, 1} },
    { "127.1:-5",           {127, 0, 0, 1} },
};

static void run_s2a4_rows(const struct s2a4_row *rows, unsigned int count, int expect_err)
{
    unsigned int i;

    for (i = 0; i < count; i++)
        check_s2a4(rows[i].text, expect_err, rows[i].addr, expect_err ? 0 : rows[i].port);
}

/* As check_s2a4, for AF_INET6: scope ID and flow info are cleared too. */
static void check_s2a6(const char *text, int expect_err, const USHORT groups[8], USHORT port, ULONG scope)
{
    union { struct sockaddr_in6 sin6; BYTE raw[48]; } out;
    WCHAR textW[96];
    BYTE addr[16];
    int len, ret, wide;

    winetest_push_context("%s", wine_dbgstr_a(text));
    widen(textW, text);
    groups_to_bytes(groups, addr);
    for (wide = 0; wide < 2; wide++)
    {
        memset(&out, FILL, sizeof(out));
        len = sizeof(out);
        WSASetLastError(KEEP_ERROR);
        if (wide) ret = WSAStringToAddressW(textW, AF_INET6, NULL, (SOCKADDR *)&out, &len);
        else ret = WSAStringToAddressA((char *)text, AF_INET6, NULL, (SOCKADDR *)&out, &len);
        if (expect_err)
        {
            ok(ret == SOCKET_ERROR && WSAGetLastError() == expect_err, "%c: returned %d, error %d\n",
               "AW"[wide], ret, WSAGetLastError());
            ok(len == sizeof(out), "%c: length %d\n", "AW"[wide], len);
        }
        else
        {
            ok(!ret, "%c: error %d\n", "AW"[wide], WSAGetLastError());
            ok(len == sizeof(out.sin6), "%c: length %d\n", "AW"[wide], len);
        }
        ok(out.sin6.sin6_family == (expect_err ? 0 : AF_INET6), "%c: family %u\n", "AW"[wide],
           out.sin6.sin6_family);
        ok(!memcmp(&out.sin6.sin6_addr, addr, 16), "%c: address %s\n", "AW"[wide],
           show_bytes(out.sin6.sin6_addr.s6_addr, 16));
        ok(out.sin6.sin6_port == htons(port), "%c: port %u\n", "AW"[wide], ntohs(out.sin6.sin6_port));
        ok(out.sin6.sin6_scope_id == scope, "%c: scope %lu\n", "AW"[wide], out.sin6.sin6_scope_id);
        ok(!out.sin6.sin6_flowinfo, "%c: flow info %#lx\n", "AW"[wide], out.sin6.sin6_flowinfo);
    }
    winetest_pop_context();
}

struct s2a6_row
{
    const char *text;
    USHORT groups[8];
    USHORT port;
    ULONG scope;
};

/* The forms Microsoft documents for RtlIpv6StringToAddressEx: the address,
 * "address%scope", "[address]", "[address%scope]" and either bracketed
 * form followed by ":port"; the scope is decimal, the port like IPv4's
 * (recorded in Wine's ntdll tests). */
static const struct s2a6_row s2a6_valid[] =
{
    { "fd00::5",                    {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5]",                  {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5]:8443",             {0xfd00, 0, 0, 0, 0, 0, 0, 0x5}, 8443 },
    { "fe80::9%12",                 {0xfe80, 0, 0, 0, 0, 0, 0, 0x9}, 0, 12 },
    { "[fe80::9%12]:53",            {0xfe80, 0, 0, 0, 0, 0, 0, 0x9}, 53, 12 },
    { "fe80::9%0",                  {0xfe80, 0, 0, 0, 0, 0, 0, 0x9} },
    { "::ffff:10.0.0.1",            {0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001} },
    { "[::ffff:10.0.0.1]:0x50",     {0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001}, 80 },
    { "[::]:7",                     {0, 0, 0, 0, 0, 0, 0, 0}, 7 },
    { "[2001:db8:1:2:3:4:5:6%4294967295]:65535",
      {0x2001, 0xdb8, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6}, 65535, 0xffffffff },
};

/* Errors after the address was read: it stays in the sockaddr, port and
 * scope do not (recorded in Wine's tests): a ']' without '[' or the
 * other way round, a bad port or scope, anything else after the address,
 * and text that stops early (a dotted quad first, a ':' at the end). */
static const struct s2a6_row s2a6_kept[] =
{
    { "fd00::5]:80",                {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5",                   {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5]:65536",            {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5]:09",               {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5%0x10]:80",          {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5%4294967296]",       {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5 ]:80",              {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "[fd00::5].80",               {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "fd00::5/64",                 {0xfd00, 0, 0, 0, 0, 0, 0, 0x5} },
    { "172.16.5.9",                 {0xac10, 0x0500, 0, 0, 0, 0, 0, 0} },
    { "fd:fe:ff:",                  {0xfd, 0xfe, 0xff, 0, 0, 0, 0, 0} },
};

/* Errors before any group was read: nothing but zeros. */
static const char * const s2a6_nothing[] =
{
    "", "[ fd00::5]", "12345::1", "z::1",
};

static void test_WSAStringToAddress(void)
{
    static const USHORT zero6[8];
    static const BYTE zero4[4];
    union { struct sockaddr_in6 sin6; struct sockaddr_in sin; } out;
    WCHAR textW[32];
    WSADATA data;
    unsigned int i;
    int len, ret;

    /* WSAStartup first (documented); Wine's builtin converts anyway. */
    len = sizeof(out.sin);
    WSASetLastError(KEEP_ERROR);
    ret = WSAStringToAddressA((char *)"198.51.100.1", AF_INET, NULL, (SOCKADDR *)&out, &len);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED,
                 "returned %d, error %d\n", ret, WSAGetLastError());

    WSAStartup(MAKEWORD(2, 2), &data);

    /* A buffer too small for the family's sockaddr: WSAEFAULT and the size
     * needed (Microsoft documentation). */
    len = sizeof(out.sin) - 2;
    WSASetLastError(KEEP_ERROR);
    ret = WSAStringToAddressA((char *)"198.51.100.1", AF_INET, NULL, (SOCKADDR *)&out, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "returned %d, error %d\n",
       ret, WSAGetLastError());
    ok(len == sizeof(out.sin), "length %d\n", len);
    len = 0;
    WSASetLastError(KEEP_ERROR);
    ret = WSAStringToAddressW((WCHAR *)L"fd00::1", AF_INET6, NULL, (SOCKADDR *)&out, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "returned %d, error %d\n",
       ret, WSAGetLastError());
    ok(len == sizeof(out.sin6), "length %d\n", len);

    /* A family other than AF_INET and AF_INET6 fails with WSAEINVAL
     * (Microsoft documentation). */
    len = sizeof(out);
    WSASetLastError(KEEP_ERROR);
    ret = WSAStringToAddressA((char *)"198.51.100.1", AF_UNSPEC, NULL, (SOCKADDR *)&out, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "returned %d, error %d\n",
       ret, WSAGetLastError());

    run_s2a4_rows(s2a4_forms, ARRAY_SIZE(s2a4_forms), 0);
    run_s2a4_rows(s2a4_bases, ARRAY_SIZE(s2a4_bases), 0);
    for (i = 0; i < ARRAY_SIZE(s2a4_range); i++) check_s2a4(s2a4_range[i], WSAEINVAL, zero4, 0);
    for (i = 0; i < ARRAY_SIZE(s2a4_shape); i++) check_s2a4(s2a4_shape[i], WSAEINVAL, zero4, 0);
    run_s2a4_rows(s2a4_tail, ARRAY_SIZE(s2a4_tail), WSAEINVAL);
    run_s2a4_rows(s2a4_port, ARRAY_SIZE(s2a4_port), 0);
    run_s2a4_rows(s2a4_bad_port, ARRAY_SIZE(s2a4_bad_port), WSAEINVAL);

    /* A decimal or hex number that wraps below its value so far overflows
     * 32 bits and is an error, nothing stored (recorded in Wine's ntdll
     * tests: "255.255.255.4294967296" and "1.1.1.0x100000000" fail while
     * "0x123456789" reads as 0x23456789). */
    ok(s2a4_overflows("4294967296"), "4294967296 was read\n");
    ok(s2a4_overflows("0x500000000"), "0x500000000 was read\n");

    for (i = 0; i < ARRAY_SIZE(s2a6_valid); i++)
        check_s2a6(s2a6_valid[i].text, 0, s2a6_valid[i].groups, s2a6_valid[i].port, s2a6_valid[i].scope);
    for (i = 0; i < ARRAY_SIZE(s2a6_kept); i++)
        check_s2a6(s2a6_kept[i].text, WSAEINVAL, s2a6_kept[i].groups, 0, 0);
    for (i = 0; i < ARRAY_SIZE(s2a6_nothing); i++)
        check_s2a6(s2a6_nothing[i], WSAEINVAL, zero6, 0, 0);

    /* Wide text is read as characters: U+012E is not '.', so the first
     * part is all that is read. */
    widen(textW, "192?168.1.1");
    textW[3] = 0x012e;
    memset(&out, FILL, sizeof(out));
    len = sizeof(out.sin);
    WSASetLastError(KEEP_ERROR);
    ret = WSAStringToAddressW(textW, AF_INET, NULL, (SOCKADDR *)&out, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "returned %d, error %d\n",
       ret, WSAGetLastError());
    ok(out.sin.sin_addr.s_addr == htonl(192), "address %s\n", show_bytes((BYTE *)&out.sin.sin_addr, 4));

    WSACleanup();
}

/* RFC 4291 section 2.2: "::" stands for "one or more groups" of zeros, so
 * seven written groups and a "::" anywhere among them make a whole
 * address, the "::" standing for the one group left.  Windows accepts this
 * at every position (recorded in Wine's tests for the leading, trailing
 * and one middle position, where only old Windows refused the leading
 * form).  Each text is built here: groups 0x1a0 + index, with "::" in
 * place of the group at 'hole', or a written zero for every group. */
static void one_group_gap_text(char *text, unsigned int hole, BOOL zeros, USHORT groups[8])
{
    unsigned int i;
    char *p = text;

    for (i = 0; i < 8; i++)
    {
        groups[i] = (i == hole || zeros) ? 0 : 0x1a0 + i;
        if (i == hole) p += sprintf(p, "::");
        else p += sprintf(p, "%s%x", (i && i != hole + 1) ? ":" : "", groups[i]);
    }
}

/* The same with the last 32 bits as a dotted quad (RFC 4291 2.2.3): five
 * written groups, "::" for one more and the quad for the last two. */
static void one_group_gap_quad_text(char *text, unsigned int hole, USHORT groups[8])
{
    unsigned int i;
    char *p = text;

    for (i = 0; i < 6; i++)
    {
        groups[i] = i == hole ? 0 : 0x2b0 + i;
        if (i == hole) p += sprintf(p, "::");
        else p += sprintf(p, "%s%x", (i && i != hole + 1) ? ":" : "", groups[i]);
    }
    sprintf(p, "%s203.0.113.66", hole == 5 ? "" : ":");
    groups[6] = 0xcb00;
    groups[7] = 0x7142;
}

static void test_one_group_gap(void)
{
    USHORT groups[8];
    char text[64];
    unsigned int hole, zeros;
    WSADATA data;

    WSAStartup(MAKEWORD(2, 2), &data);
    for (zeros = 0; zeros < 2; zeros++)
    {
        for (hole = 0; hole < 8; hole++)
        {
            one_group_gap_text(text, hole, zeros, groups);
            check_pton6(text, 1, groups);
            check_s2a6(text, 0, groups, 0, 0);
        }
    }
    for (hole = 0; hole < 6; hole++)
    {
        one_group_gap_quad_text(text, hole, groups);
        check_pton6(text, 1, groups);
        check_s2a6(text, 0, groups, 0, 0);
    }
    WSACleanup();
}

START_TEST(addrconv)
{
    test_inet_pton();
    test_inet_ntop();
    test_WSAAddressToString();
    test_WSAStringToAddress();
    test_one_group_gap();
}
