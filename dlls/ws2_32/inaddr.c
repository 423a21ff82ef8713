/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * IPv4 text: inet_addr and inet_ntoa.
 *
 * inet_addr reads the classic BSD forms: "a.b.c.d", "a.b.c" (c is 16 bits),
 * "a.b" (b is 24 bits) and "a" (32 bits); each part is decimal, octal with
 * a leading 0, or hex with 0x.  Windows stops at the first white-space
 * character after the address, so text after it is ignored; leading white
 * space is refused.
 */
#include "ws2_32_private.h"

static int digit_value(char c, unsigned int base)
{
    int v;

    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return -1;
    return v < (int)base ? v : -1;
}

/* Parse one part; returns the end of it, or NULL on a bad or huge number. */
static const char *parse_part(const char *p, ULONG *value)
{
    unsigned int base = 10;
    ULONGLONG v = 0;
    int d, digits = 0;

    if (digit_value(*p, 10) < 0) return NULL;

    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) base = 16, p += 2;
    else if (p[0] == '0') base = 8, p++, digits = 1;
    for (; (d = digit_value(*p, base)) >= 0; p++, digits++)
    {
        v = v * base + d;
        if (v > 0xffffffff) return NULL;
    }
    if (!digits) return NULL;
    *value = (ULONG)v;
    return p;
}

static BOOL is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

ULONG WINAPI inet_addr(const char *text)
{
    ULONG parts[4], addr;
    const char *p = text;
    int n = 0;

    if (ws2_string_length(text) < 0)
    {
        SetLastError(WSAEFAULT);
        return INADDR_NONE;
    }
    /* A lone space is read as 0.0.0.0 by Windows. */
    if (text[0] == ' ' && !text[1]) return 0;
    for (;;)
    {
        if (n == 4 || !(p = parse_part(p, &parts[n]))) return INADDR_NONE;
        n++;
        if (*p != '.') break;
        p++;
    }
    if (*p && !is_space(*p)) return INADDR_NONE;

    switch (n)
    {
    case 1:
        addr = parts[0];
        break;
    case 2:
        if (parts[0] > 0xff || parts[1] > 0xffffff) return INADDR_NONE;
        addr = parts[0] << 24 | parts[1];
        break;
    case 3:
        if (parts[0] > 0xff || parts[1] > 0xff || parts[2] > 0xffff) return INADDR_NONE;
        addr = parts[0] << 24 | parts[1] << 16 | parts[2];
        break;
    default:
        if (parts[0] > 0xff || parts[1] > 0xff || parts[2] > 0xff || parts[3] > 0xff) return INADDR_NONE;
        addr = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3];
        break;
    }
    return htonl(addr);
}

static char *put_decimal(char *p, unsigned int v)
{
    if (v >= 100) *p++ = '0' + v / 100;
    if (v >= 10) *p++ = '0' + v / 10 % 10;
    *p++ = '0' + v % 10;
    return p;
}

char * WINAPI inet_ntoa(struct in_addr in)
{
    struct ws2_thread *t = ws2_get_thread();
    const unsigned char *b = (const unsigned char *)&in;
    char *p;
    int i;

    if (!t)
    {
        SetLastError(WSAENOBUFS);
        return NULL;
    }
    p = t->ntoa_buffer;
    for (i = 0; i < 4; i++)
    {
        if (i) *p++ = '.';
        p = put_decimal(p, b[i]);
    }
    *p = 0;
    return t->ntoa_buffer;
}
