/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Address text: the parsers and printers behind inet_pton, inet_ntop and
 * WSAStringToAddress / WSAAddressToString.  See addrtext.h.
 *
 * IPv6 text (RFC 4291 section 2.2) is up to eight groups of one to four hex
 * digits separated by ':', where one "::" stands for a run of zero groups
 * and the last 32 bits may be written as a dotted quad.  Windows reads it
 * group by group, storing each group as soon as it is read; it stops at the
 * first character that cannot continue the address and only then spreads
 * the groups after "::" to the end of the address.  Its reading of the
 * corner cases, all visible to callers, is kept here:
 *   - with a "::" at most seven groups may be written, wherever the "::"
 *     is (leading, trailing or in the middle), so that it stands for at
 *     least one zero group, as RFC 4291 allows;
 *   - a leading "::" stores a zero first group at once (seen when the
 *     address then fails), which the first written group replaces;
 *   - the address may end (at any character) only after the eighth group or
 *     after a "::"; ending elsewhere is an error noticed before the group is
 *     stored;
 *   - a too-long group, or a ':' that is not followed by a group, is an
 *     error noticed at once (nothing is spread);
 *   - a group spelt "0x..." where the address may end is read as a hex
 *     number (saturating at 0x7fffffff), stored truncated to 16 bits, and
 *     ends the address unsuccessfully;
 *   - a dotted quad stores each part as it is read; parts have one to three
 *     decimal digits (leading zeros allowed).
 *
 * Printing follows RFC 5952 as Windows applies it: lower-case hex without
 * leading zeros, the first longest run of two or more zero groups as "::",
 * and a dotted quad for the last 32 bits of IPv4-compatible (::a.b.c.d),
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d) and
 * ISATAP (...:0:5efe:a.b.c.d, ...:200:5efe:a.b.c.d) addresses.
 */
#include "addrtext.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Each hex digit's value plus one; 0 for every other character.  A table
 * because the IPv6 parser asks for every character of every group. */
static const unsigned char hex_plus_one[256] =
{
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
    ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
    ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
    ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int hex_value(char c)
{
    return hex_plus_one[(unsigned char)c] - 1;
}

static int digit_in_base(char c, unsigned int base)
{
    int v = hex_value(c);
    return v < (int)base ? v : -1;
}

/* ---- IPv4 ---- */

/* One part of a strict dotted quad: 0-255, decimal, no leading zero. */
static const char *strict_part(const char *p, uint8_t *part)
{
    unsigned int v = 0;

    if (!is_digit(*p)) return NULL;
    if (p[0] == '0' && (is_digit(p[1]) || p[1] == 'x' || p[1] == 'X')) return NULL;
    for (; is_digit(*p); p++)
        if ((v = v * 10 + (*p - '0')) > 255) return NULL;
    *part = (uint8_t)v;
    return p;
}

const char *ws2_parse_ipv4(const char *s, uint8_t out[4])
{
    const char *p = s;
    uint32_t addr = 0;
    uint8_t part;
    int i;

    /* The parts are gathered in a register and stored byte by byte: a
     * caller reading the bytes back then need not wait for the stores. */
    for (i = 0; i < 4; i++)
    {
        if (i && *p++ != '.') return NULL;
        if (!(p = strict_part(p, &part))) return NULL;
        addr = addr << 8 | part;
    }
    if (*p == '.') return NULL;     /* a fifth part */
    out[0] = (uint8_t)(addr >> 24);
    out[1] = (uint8_t)(addr >> 16);
    out[2] = (uint8_t)(addr >> 8);
    out[3] = (uint8_t)addr;
    return p;
}

/* A number in C notation: decimal, octal after a leading 0, hex after 0x.
 * Like Windows' parser it keeps 32 bits, so a number may wrap, but one
 * whose next digit takes it below what was read so far is refused
 * (recorded Windows results: 0x123456789 reads as 0x23456789, while
 * 4294967296 and 0x100000000 are no address). */
static const char *c_number(const char *p, uint32_t *value)
{
    unsigned int base = 10;
    uint32_t v = 0;
    int d, digits = 0;

    if (!is_digit(*p)) return NULL;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        base = 16, p += 2;
    else if (p[0] == '0')
    {
        base = 8, p++, digits = 1;
        if (*p == '8' || *p == '9') return NULL;
    }
    for (; (d = digit_in_base(*p, base)) >= 0; p++, digits++)
    {
        uint32_t next = v * base + d;

        if (next < v) return NULL;
        v = next;
    }
    if (!digits) return NULL;
    *value = v;
    return p;
}

const char *ws2_parse_ipv4_loose(const char *s, uint8_t out[4])
{
    static const uint32_t last_max[4] = { 0xffffffff, 0xffffff, 0xffff, 0xff };
    uint32_t parts[4], addr;
    const char *p = s;
    int n = 0, i;

    for (;;)
    {
        if (!(p = c_number(p, &parts[n]))) return NULL;
        n++;
        if (*p != '.') break;
        if (n == 4) return NULL;
        p++;
    }
    /* Every part but the last is one byte; the last fills the rest. */
    for (i = 0; i < n - 1; i++)
        if (parts[i] > 0xff) return NULL;
    if (parts[n - 1] > last_max[n - 1]) return NULL;

    addr = parts[n - 1];
    for (i = 0; i < n - 1; i++) addr |= parts[i] << (24 - 8 * i);
    out[0] = addr >> 24;
    out[1] = addr >> 16;
    out[2] = addr >> 8;
    out[3] = addr;
    return p;
}

/* ---- IPv6 ---- */

static void put_group(uint8_t out[16], int i, unsigned int v)
{
    out[2 * i] = (uint8_t)(v >> 8);
    out[2 * i + 1] = (uint8_t)v;
}

/* The address ends at 'end' with 'count' groups stored: spread the groups
 * written after "::" to the end and zero the gap. */
static const char *finish(uint8_t out[16], int gap, int count, const char *end)
{
    int tail, b;

    if (gap < 0) return end;
    tail = 2 * (count - gap);
    for (b = tail - 1; b >= 0; b--) out[16 - tail + b] = out[2 * gap + b];
    for (b = 2 * gap; b < 16 - tail; b++) out[b] = 0;
    return end;
}

/* The value of a "0x" group: hex, saturating like strtol, 16 bits kept. */
static unsigned int hex_saturated(const char *p)
{
    uint32_t v = 0;
    int h;

    for (; (h = hex_value(*p)) >= 0; p++)
        v = v > (0x7fffffffu - h) / 16 ? 0x7fffffffu : v * 16 + h;
    return v & 0xffff;
}

/* A dotted quad in groups i and i+1. */
static const char *embedded_ipv4(const char *p, uint8_t out[16], int i, int gap)
{
    uint8_t *b = out + 2 * i;
    int k;

    for (k = 0; k < 4; k++)
    {
        unsigned int v = 0;
        int digits = 0;

        for (; is_digit(*p); p++)
        {
            if (++digits > 3) return NULL;
            v = v * 10 + (*p - '0');
        }
        if (!digits || v > 255) return NULL;
        if (k < 3)
        {
            if (*p != '.') return NULL;
            b[k] = (uint8_t)v;
            p++;
        }
        else
        {
            if (gap < 0 && i != 6) return NULL;
            b[3] = (uint8_t)v;
        }
    }
    return finish(out, gap, i + 2, p);
}

const char *ws2_parse_ipv6(const char *s, uint8_t out[16])
{
    const char *p = s, *q;
    int i = 0, gap = -1, optional = 0;

    if (p[0] == ':')
    {
        /* The groups after a leading "::" are read from group 0 on, like
         * those after any other "::", and moved to the end by finish(). */
        if (p[1] != ':') return NULL;
        put_group(out, 0, 0);
        gap = 0;
        p += 2;
        optional = 1;
    }
    for (;;)
    {
        int limit = gap >= 0 ? 7 : 8, digits = 0, decimal = 1, h;
        unsigned int v = 0;

        /* p is where a group may start (must, unless right after "::") */
        if (hex_value(*p) < 0) return optional ? finish(out, gap, i, p) : NULL;
        if (i >= limit) return finish(out, gap, i, p);
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        {
            if (gap < 0 && i != 7) return NULL;
            put_group(out, i, hex_saturated(p + 2));
            return finish(out, gap, i + 1, p + 1);
        }
        for (q = p; (h = hex_value(*q)) >= 0; q++, digits++)
        {
            if (h > 9) decimal = 0;
            if (digits < 4) v = v * 16 + h;
        }
        if (*q == '.' && decimal && i + 2 <= limit) return embedded_ipv4(p, out, i, gap);
        if (digits > 4) return NULL;

        if (*q != ':')
        {
            if (gap < 0 && i != 7) return NULL;
            put_group(out, i, v);
            return finish(out, gap, i + 1, q);
        }
        put_group(out, i++, v);
        if (q[1] == ':')
        {
            if (gap >= 0 || i == 8) return finish(out, gap, i, q);
            gap = i;
            p = q + 2;
            optional = 1;
        }
        else
        {
            p = q + 1;
            optional = 0;
        }
    }
}

/* ---- socket-address strings ---- */

static const char *port_number(const char *p, uint16_t *port)
{
    uint32_t v;

    if (!(p = c_number(p, &v)) || !v || v > 0xffff) return NULL;
    *port = (uint16_t)v;
    return p;
}

int ws2_parse_ipv4_sockaddr(const char *s, uint8_t addr[4], uint16_t *port)
{
    const char *p;

    *port = 0;
    /* A strict dotted quad reads the same in the classic forms, faster. */
    if (!(p = ws2_parse_ipv4(s, addr)) && !(p = ws2_parse_ipv4_loose(s, addr))) return -1;
    if (*p == ':' && !(p = port_number(p + 1, port))) return -1;
    return *p ? -1 : 0;
}

int ws2_parse_ipv6_sockaddr(const char *s, uint8_t addr[16], uint32_t *scope, uint16_t *port)
{
    int bracket = (*s == '[');
    const char *p;

    *scope = 0;
    *port = 0;
    if (!(p = ws2_parse_ipv6(s + bracket, addr))) return -1;
    if (*p == '%')
    {
        uint64_t v = 0;

        if (!is_digit(*++p)) return -1;
        for (; is_digit(*p); p++)
            if ((v = v * 10 + (*p - '0')) > 0xffffffff) return -1;
        *scope = (uint32_t)v;
    }
    if (bracket)
    {
        if (*p++ != ']') return -1;
        if (*p == ':' && !(p = port_number(p + 1, port))) return -1;
    }
    return *p ? -1 : 0;
}

/* ---- printing ---- */

static char *put_decimal(char *p, uint32_t v)
{
    char digits[10];
    int n = 0;

    do digits[n++] = '0' + v % 10; while (v /= 10);
    while (n) *p++ = digits[--n];
    return p;
}

static char *put_hex(char *p, unsigned int v)
{
    static const char hex[] = "0123456789abcdef";
    int shift = 12;

    while (shift && !(v >> shift)) shift -= 4;
    for (; shift >= 0; shift -= 4) *p++ = hex[(v >> shift) & 0xf];
    return p;
}

static char *put_quad(char *p, const uint8_t b[4])
{
    int i;

    for (i = 0; i < 4; i++)
    {
        if (i) *p++ = '.';
        p = put_decimal(p, b[i]);
    }
    return p;
}

/* Whether Windows prints the last 32 bits as a dotted quad. */
static int has_ipv4_tail(const unsigned int w[8])
{
    if (!w[0] && !w[1] && !w[2] && !w[3])
    {
        if (!w[4] && !w[5] && w[6]) return 1;           /* ::a.b.c.d */
        /* ::ffff:a.b.c.d, but in hex while the upper half is zero
         * (Windows prints ::ffff:0:809, recorded in Wine's ntdll tests). */
        if (!w[4] && w[5] == 0xffff && w[6]) return 1;
        if (w[4] == 0xffff && !w[5]) return 1;          /* ::ffff:0:a.b.c.d */
    }
    return (w[4] == 0 || w[4] == 0x200) && w[5] == 0x5efe;  /* ISATAP */
}

static char *put_ipv6(char *p, const uint8_t a[16])
{
    unsigned int w[8];
    int words = 8, best = -1, best_len = 1, run, i;

    for (i = 0; i < 8; i++) w[i] = a[2 * i] << 8 | a[2 * i + 1];
    if (has_ipv4_tail(w)) words = 6;

    for (i = 0; i < words; i++)
    {
        if (w[i]) continue;
        for (run = 1; i + run < words && !w[i + run]; run++) ;
        if (run > best_len) best = i, best_len = run;
        i += run - 1;
    }
    for (i = 0; i < words; i++)
    {
        if (i == best)
        {
            *p++ = ':';
            *p++ = ':';
            i += best_len - 1;
            continue;
        }
        if (i && i != best + best_len) *p++ = ':';
        p = put_hex(p, w[i]);
    }
    if (words == 6)
    {
        if (p[-1] != ':') *p++ = ':';
        p = put_quad(p, a + 12);
    }
    return p;
}

size_t ws2_format_ipv4(const uint8_t addr[4], uint16_t port, char *out)
{
    char *p = put_quad(out, addr);

    if (port)
    {
        *p++ = ':';
        p = put_decimal(p, port);
    }
    *p = 0;
    return p - out;
}

size_t ws2_format_ipv6(const uint8_t addr[16], uint32_t scope, uint16_t port, char *out)
{
    char *p = out;

    if (port) *p++ = '[';
    p = put_ipv6(p, addr);
    if (scope)
    {
        *p++ = '%';
        p = put_decimal(p, scope);
    }
    if (port)
    {
        *p++ = ']';
        *p++ = ':';
        p = put_decimal(p, port);
    }
    *p = 0;
    return p - out;
}
