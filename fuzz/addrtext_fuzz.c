/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for the address-text parsers and printers
 * (dlls/ws2_32/addrtext.c).  Built natively with clang, see fuzz/run.
 *
 * The input is run through every parser as a NUL-terminated string, and its
 * raw bytes are also used as addresses, scopes and ports for the printers.
 * Invariants that must hold are checked and a broken one calls abort():
 *   - a parser's terminator lies inside the string;
 *   - the strict dotted-quad parser reads no more than WS2_IPV4_READ_MAX
 *     bytes, terminated or not (inet_pton relies on it);
 *   - on success the output is fully determined (the same whatever the
 *     buffer held before);
 *   - a strict dotted quad is also a classic one, with the same result;
 *   - printer output has the returned length, fits the documented maximum
 *     and parses back to the same address, scope and port.
 * Output buffers are heap blocks of exactly the documented size, so an
 * overrun is caught by AddressSanitizer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addrtext.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* Exactly the documented sizes plus the NUL. */
static char *ipv4_text, *ipv4_port, *ipv6_text, *ipv6_full;

static void check_terminator(const char *s, size_t len, const char *end)
{
    if (end) CHECK(end >= s && end <= s + len);
}

/* Print an IPv4 address (and port) and parse it back. */
static void roundtrip_ipv4(const uint8_t addr[4], uint16_t port)
{
    uint8_t back[4];
    uint16_t back_port;
    const char *end;
    size_t n;

    n = ws2_format_ipv4(addr, 0, ipv4_text);
    CHECK(n == strlen(ipv4_text));
    CHECK(n <= WS2_IPV4_TEXT_MAX);
    memset(back, 0xa5, sizeof(back));
    end = ws2_parse_ipv4(ipv4_text, back);
    CHECK(end == ipv4_text + n);
    CHECK(!memcmp(back, addr, 4));
    memset(back, 0x5a, sizeof(back));
    end = ws2_parse_ipv4_loose(ipv4_text, back);
    CHECK(end == ipv4_text + n);
    CHECK(!memcmp(back, addr, 4));

    n = ws2_format_ipv4(addr, port, ipv4_port);
    CHECK(n == strlen(ipv4_port));
    CHECK(n <= WS2_IPV4_PORT_MAX);
    memset(back, 0xa5, sizeof(back));
    back_port = 0x1234;
    CHECK(ws2_parse_ipv4_sockaddr(ipv4_port, back, &back_port) == 0);
    CHECK(!memcmp(back, addr, 4));
    CHECK(back_port == port);
}

/* Print an IPv6 address (with scope and port) and parse it back. */
static void roundtrip_ipv6(const uint8_t addr[16], uint32_t scope, uint16_t port)
{
    uint8_t back[16];
    uint32_t back_scope;
    uint16_t back_port;
    const char *end;
    size_t n;

    n = ws2_format_ipv6(addr, 0, 0, ipv6_text);
    CHECK(n == strlen(ipv6_text));
    CHECK(n <= WS2_IPV6_TEXT_MAX);
    memset(back, 0xa5, sizeof(back));
    end = ws2_parse_ipv6(ipv6_text, back);
    CHECK(end == ipv6_text + n);
    CHECK(!memcmp(back, addr, 16));
    memset(back, 0x5a, sizeof(back));
    back_scope = 7;
    back_port = 7;
    CHECK(ws2_parse_ipv6_sockaddr(ipv6_text, back, &back_scope, &back_port) == 0);
    CHECK(!memcmp(back, addr, 16));
    CHECK(back_scope == 0 && back_port == 0);

    n = ws2_format_ipv6(addr, scope, port, ipv6_full);
    CHECK(n == strlen(ipv6_full));
    CHECK(n <= WS2_IPV6_FULL_MAX);
    if (!scope && !port) CHECK(n <= WS2_IPV6_TEXT_MAX);
    memset(back, 0xa5, sizeof(back));
    back_scope = ~scope;
    back_port = (uint16_t)~port;
    CHECK(ws2_parse_ipv6_sockaddr(ipv6_full, back, &back_scope, &back_port) == 0);
    CHECK(!memcmp(back, addr, 16));
    CHECK(back_scope == scope);
    CHECK(back_port == port);
}

static void parse_text(const char *s, size_t len)
{
    uint8_t a4[4], b4[4], l4[4], a16[16], b16[16];
    uint32_t scope, scope2;
    uint16_t port, port2;
    const char *end, *end2, *lend;
    int ret, ret2;

    /* Strict dotted quad; run twice over different fill patterns. */
    memset(a4, 0x00, sizeof(a4));
    memset(b4, 0xff, sizeof(b4));
    end = ws2_parse_ipv4(s, a4);
    end2 = ws2_parse_ipv4(s, b4);
    CHECK(end == end2);
    check_terminator(s, len, end);
    if (end)
    {
        CHECK(!memcmp(a4, b4, 4));
        /* Every strict dotted quad is a classic one too. */
        memset(l4, 0x77, sizeof(l4));
        lend = ws2_parse_ipv4_loose(s, l4);
        CHECK(lend == end);
        CHECK(!memcmp(l4, a4, 4));
        roundtrip_ipv4(a4, 0);
    }

    /* Classic forms. */
    memset(a4, 0x00, sizeof(a4));
    memset(b4, 0xff, sizeof(b4));
    end = ws2_parse_ipv4_loose(s, a4);
    end2 = ws2_parse_ipv4_loose(s, b4);
    CHECK(end == end2);
    check_terminator(s, len, end);
    if (end)
    {
        CHECK(!memcmp(a4, b4, 4));
        roundtrip_ipv4(a4, 0);
    }

    /* IPv6 text. */
    memset(a16, 0x00, sizeof(a16));
    memset(b16, 0xff, sizeof(b16));
    end = ws2_parse_ipv6(s, a16);
    end2 = ws2_parse_ipv6(s, b16);
    CHECK(end == end2);
    check_terminator(s, len, end);
    if (end)
    {
        CHECK(!memcmp(a16, b16, 16));
        roundtrip_ipv6(a16, 0, 0);
    }

    /* Socket-address strings. */
    memset(a4, 0x00, sizeof(a4));
    memset(b4, 0xff, sizeof(b4));
    ret = ws2_parse_ipv4_sockaddr(s, a4, &port);
    ret2 = ws2_parse_ipv4_sockaddr(s, b4, &port2);
    CHECK(ret == 0 || ret == -1);
    CHECK(ret == ret2);
    if (!ret)
    {
        CHECK(!memcmp(a4, b4, 4));
        CHECK(port == port2);
        roundtrip_ipv4(a4, port);
    }

    memset(a16, 0x00, sizeof(a16));
    memset(b16, 0xff, sizeof(b16));
    ret = ws2_parse_ipv6_sockaddr(s, a16, &scope, &port);
    ret2 = ws2_parse_ipv6_sockaddr(s, b16, &scope2, &port2);
    CHECK(ret == 0 || ret == -1);
    CHECK(ret == ret2);
    if (!ret)
    {
        CHECK(!memcmp(a16, b16, 16));
        CHECK(scope == scope2 && port == port2);
        roundtrip_ipv6(a16, scope, port);
    }
}

/* Use the raw bytes as an address, scope and port for the printers. */
static void format_raw(const uint8_t *data, size_t size)
{
    uint8_t raw[16 + 4 + 2];
    uint32_t scope;
    uint16_t port;

    memset(raw, 0, sizeof(raw));
    memcpy(raw, data, size < sizeof(raw) ? size : sizeof(raw));
    scope = (uint32_t)raw[16] << 24 | (uint32_t)raw[17] << 16 | (uint32_t)raw[18] << 8 | raw[19];
    port = (uint16_t)(raw[20] << 8 | raw[21]);

    roundtrip_ipv4(raw, port);
    roundtrip_ipv6(raw, scope, port);
    roundtrip_ipv6(raw, scope, 0);
    roundtrip_ipv6(raw, 0, port);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;

    if (!ipv4_text)
    {
        ipv4_text = malloc(WS2_IPV4_TEXT_MAX + 1);
        ipv4_port = malloc(WS2_IPV4_PORT_MAX + 1);
        ipv6_text = malloc(WS2_IPV6_TEXT_MAX + 1);
        ipv6_full = malloc(WS2_IPV6_FULL_MAX + 1);
        if (!ipv4_text || !ipv4_port || !ipv6_text || !ipv6_full) abort();
    }

    /* The first WS2_IPV4_READ_MAX bytes, unterminated, in a block of
     * exactly that size: a longer read is caught by AddressSanitizer. */
    if (size >= WS2_IPV4_READ_MAX && (s = malloc(WS2_IPV4_READ_MAX)))
    {
        uint8_t out[4];

        memcpy(s, data, WS2_IPV4_READ_MAX);
        ws2_parse_ipv4(s, out);
        free(s);
    }

    /* An exact-size heap copy, so a read past the NUL is caught. */
    if (!(s = malloc(size + 1))) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    parse_text(s, strlen(s));
    free(s);

    format_raw(data, size);
    return 0;
}
