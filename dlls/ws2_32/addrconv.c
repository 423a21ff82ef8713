/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Address conversion: inet_pton, inet_ntop, InetPtonW, InetNtopW,
 * WSAStringToAddressA/W and WSAAddressToStringA/W.
 *
 * The text itself is handled by addrtext.c; this file checks the caller's
 * arguments and reports errors as Windows does:
 *   - inet_pton returns 1, 0 for text that is not an address (last error
 *     untouched; InetPtonW sets WSAEINVAL) or -1 with WSAEFAULT /
 *     WSAEAFNOSUPPORT.  Neither needs WSAStartup.
 *   - inet_ntop returns NULL with WSAEAFNOSUPPORT for a bad family, and
 *     with STATUS_INVALID_PARAMETER as the last error (what current Windows
 *     reports) when the buffer is missing or shorter than the text plus NUL.
 *   - WSAStringToAddress / WSAAddressToString need WSAStartup; a short
 *     buffer gives WSAEFAULT with the required length, text that is not an
 *     address WSAEINVAL.  WSAStringToAddress clears the sockaddr first and
 *     sets the family only on success, so a failed call leaves family 0 and
 *     whatever part of the address was read.
 * Wide strings are read as ASCII: any other character cannot be part of an
 * address, so it is replaced by one that stops the parsers.
 */
#include "ws2_32_private.h"
#include "addrtext.h"

#define TEXT_BUFFER 256
#define NOT_ADDRESS_CHAR 0x7f   /* DEL: no parser accepts it */

/* Copy a caller's wide string into ASCII; FALSE if it cannot be read.
 * Text too long for the buffer is cut with a character no parser accepts. */
static BOOL wide_to_ascii(const WCHAR *src, char *dst)
{
    int i;

    for (i = 0; i < TEXT_BUFFER - 2; i++)
    {
        if (!ws2_readable(src + i, sizeof(WCHAR))) return FALSE;
        if (!src[i]) break;
        dst[i] = src[i] < 0x80 ? (char)src[i] : NOT_ADDRESS_CHAR;
    }
    if (i == TEXT_BUFFER - 2) dst[i++] = NOT_ADDRESS_CHAR;
    dst[i] = 0;
    return TRUE;
}

/* ---- inet_pton / InetPtonW ---- */

/* 1, 0 or -1 (last error set) as inet_pton returns. */
static int pton(int family, const char *text, void *addr)
{
    uint8_t bytes[16];
    const char *end;

    /* The address is built in a local buffer and copied out in one
     * protected copy, which is cheaper than probing the caller's buffer
     * first.  An IPv4 address is stored once it is read, even if text
     * follows it. */
    if (family == AF_INET)
    {
        if ((end = ws2_parse_ipv4(text, bytes)))
            return ws2_copy(addr, bytes, 4) ? !*end : ws2_fail(WSAEFAULT);
        return ws2_writable(addr, 4) ? 0 : ws2_fail(WSAEFAULT);
    }
    if (family == AF_INET6)
    {
        /* IPv6 groups are stored as they are read, even when the text
         * turns out not to be an address: start from the caller's bytes. */
        if (!ws2_copy(bytes, addr, 16)) return ws2_fail(WSAEFAULT);
        end = ws2_parse_ipv6(text, bytes);
        if (!ws2_copy(addr, bytes, 16)) return ws2_fail(WSAEFAULT);
        return end && !*end;
    }
    return ws2_fail(WSAEAFNOSUPPORT);
}

/* Whether the parser for family can read text without faulting.  The
 * dotted-quad parser reads a bounded prefix (WS2_IPV4_READ_MAX): when that
 * lies in one page, the page being readable is enough, which spares the
 * hot path a scan for the end of the string. */
static BOOL text_readable(INT family, const char *text)
{
    if (family == AF_INET && ((ULONG_PTR)text & 0xfff) <= 0x1000 - WS2_IPV4_READ_MAX)
        return ws2_readable(text, 1);
    return ws2_string_length(text) >= 0;
}

INT WINAPI inet_pton(INT family, const char *text, void *addr)
{
    TRACE("%d, %p, %p\n", family, text, addr);
    if (!text_readable(family, text)) return ws2_fail(WSAEFAULT);
    return pton(family, text, addr);
}

INT WINAPI InetPtonW(INT family, const WCHAR *text, void *addr)
{
    char buffer[TEXT_BUFFER];
    int ret;

    TRACE("%d, %p, %p\n", family, text, addr);
    if (!text || !wide_to_ascii(text, buffer)) return ws2_fail(WSAEFAULT);
    if (!(ret = pton(family, buffer, addr))) SetLastError(WSAEINVAL);
    return ret;
}

/* ---- inet_ntop / InetNtopW ---- */

/* The text of an address; its length, or -1 with the last error set. */
static int ntop(int family, const void *addr, char *text)
{
    if (family != AF_INET && family != AF_INET6)
    {
        SetLastError(WSAEAFNOSUPPORT);
        return -1;
    }
    if (!ws2_readable(addr, family == AF_INET ? 4 : 16))
    {
        SetLastError(STATUS_INVALID_PARAMETER);
        return -1;
    }
    if (family == AF_INET) return ws2_format_ipv4(addr, 0, text);
    return ws2_format_ipv6(addr, 0, 0, text);
}

const char * WINAPI inet_ntop(INT family, const void *addr, char *buffer, size_t size)
{
    char text[WS2_IPV6_TEXT_MAX + 1];
    int len;

    TRACE("%d, %p, %p, %Iu\n", family, addr, buffer, size);
    if ((len = ntop(family, addr, text)) < 0) return NULL;
    if (!buffer || size < (size_t)len + 1 || !ws2_writable(buffer, len + 1))
    {
        SetLastError(STATUS_INVALID_PARAMETER);
        return NULL;
    }
    memcpy(buffer, text, len + 1);
    return buffer;
}

const WCHAR * WINAPI InetNtopW(INT family, const void *addr, WCHAR *buffer, size_t size)
{
    char text[WS2_IPV6_TEXT_MAX + 1];
    int len, i;

    TRACE("%d, %p, %p, %Iu\n", family, addr, buffer, size);
    if ((len = ntop(family, addr, text)) < 0) return NULL;
    if (!buffer || size < (size_t)len + 1 || !ws2_writable(buffer, (len + 1) * sizeof(WCHAR)))
    {
        SetLastError(STATUS_INVALID_PARAMETER);
        return NULL;
    }
    for (i = 0; i <= len; i++) buffer[i] = (unsigned char)text[i];
    return buffer;
}

/* ---- WSAStringToAddressA/W ---- */

static INT string_to_address(const char *text, INT family, SOCKADDR *sa, INT *sa_len)
{
    INT len, size;

    if (!ws2_copy(&len, sa_len, sizeof(len))) return ws2_fail(WSAEFAULT);
    if (family == AF_INET) size = sizeof(struct sockaddr_in);
    else if (family == AF_INET6) size = sizeof(struct sockaddr_in6);
    else return ws2_fail(WSAEINVAL);
    if (len < size)
    {
        ws2_copy(sa_len, &size, sizeof(size));
        return ws2_fail(WSAEFAULT);
    }
    /* Clearing the sockaddr is also the check that it can be written.  A
     * failed call leaves it cleared but for whatever part of the address
     * was read; the family is set only on success. */
    if (!ws2_zero(sa, size)) return ws2_fail(WSAEFAULT);

    if (family == AF_INET)
    {
        struct sockaddr_in *sin = (struct sockaddr_in *)sa;
        uint16_t port;

        if (ws2_parse_ipv4_sockaddr(text, (uint8_t *)&sin->sin_addr, &port)) goto bad_text;
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
    }
    else
    {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)sa;
        uint32_t scope;
        uint16_t port;

        if (ws2_parse_ipv6_sockaddr(text, sin6->sin6_addr.s6_addr, &scope, &port)) goto bad_text;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        sin6->sin6_scope_id = scope;
    }
    if (!ws2_copy(sa_len, &size, sizeof(size))) return ws2_fail(WSAEFAULT);
    return 0;

bad_text:
    return ws2_fail(ws2_writable(sa_len, sizeof(*sa_len)) ? WSAEINVAL : WSAEFAULT);
}

INT WINAPI WSAStringToAddressA(char *text, INT family, WSAPROTOCOL_INFOA *info, SOCKADDR *sa, INT *sa_len)
{
    DWORD err;

    TRACE("%p, %d, %p, %p, %p\n", text, family, info, sa, sa_len);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!text) return ws2_fail(WSAEINVAL);
    if (ws2_string_length(text) < 0) return ws2_fail(WSAEFAULT);
    return string_to_address(text, family, sa, sa_len);
}

INT WINAPI WSAStringToAddressW(WCHAR *text, INT family, WSAPROTOCOL_INFOW *info, SOCKADDR *sa, INT *sa_len)
{
    char buffer[TEXT_BUFFER];
    DWORD err;

    TRACE("%p, %d, %p, %p, %p\n", text, family, info, sa, sa_len);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!text) return ws2_fail(WSAEINVAL);
    if (!wide_to_ascii(text, buffer)) return ws2_fail(WSAEFAULT);
    return string_to_address(buffer, family, sa, sa_len);
}

/* ---- WSAAddressToStringA/W ---- */

/* The text of a socket address; its length, or -1 with the last error set. */
static int address_text(const SOCKADDR *sa, DWORD sa_len, const DWORD *text_len, char *text)
{
    DWORD err;

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!sa || !text_len) return ws2_fail(WSAEINVAL);
    if (!ws2_readable(sa, sizeof(sa->sa_family))) return ws2_fail(WSAEFAULT);
    if (!ws2_readable(text_len, sizeof(*text_len)) || !ws2_writable((DWORD *)text_len, sizeof(*text_len)))
        return ws2_fail(WSAEFAULT);

    if (sa->sa_family == AF_INET)
    {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

        if (sa_len < sizeof(*sin)) return ws2_fail(WSAEINVAL);
        if (!ws2_readable(sin, sizeof(*sin))) return ws2_fail(WSAEFAULT);
        return ws2_format_ipv4((const uint8_t *)&sin->sin_addr, ntohs(sin->sin_port), text);
    }
    if (sa->sa_family == AF_INET6)
    {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;

        if (sa_len < sizeof(*sin6)) return ws2_fail(WSAEINVAL);
        if (!ws2_readable(sin6, sizeof(*sin6))) return ws2_fail(WSAEFAULT);
        return ws2_format_ipv6(sin6->sin6_addr.s6_addr, sin6->sin6_scope_id, ntohs(sin6->sin6_port), text);
    }
    return ws2_fail(WSAEINVAL);
}

INT WINAPI WSAAddressToStringA(SOCKADDR *sa, DWORD sa_len, WSAPROTOCOL_INFOA *info,
                               char *buffer, DWORD *buffer_len)
{
    char text[WS2_IPV6_FULL_MAX + 1];
    int len;

    TRACE("%p, %lu, %p, %p, %p\n", sa, sa_len, info, buffer, buffer_len);
    if ((len = address_text(sa, sa_len, buffer_len, text)) < 0) return SOCKET_ERROR;
    if (*buffer_len < (DWORD)len + 1 || !ws2_writable(buffer, len + 1))
    {
        *buffer_len = len + 1;
        return ws2_fail(WSAEFAULT);
    }
    memcpy(buffer, text, len + 1);
    *buffer_len = len + 1;
    return 0;
}

INT WINAPI WSAAddressToStringW(SOCKADDR *sa, DWORD sa_len, WSAPROTOCOL_INFOW *info,
                               WCHAR *buffer, DWORD *buffer_len)
{
    char text[WS2_IPV6_FULL_MAX + 1];
    int len, i;

    TRACE("%p, %lu, %p, %p, %p\n", sa, sa_len, info, buffer, buffer_len);
    if ((len = address_text(sa, sa_len, buffer_len, text)) < 0) return SOCKET_ERROR;
    if (*buffer_len < (DWORD)len + 1 || !ws2_writable(buffer, (len + 1) * sizeof(WCHAR)))
    {
        *buffer_len = len + 1;
        return ws2_fail(WSAEFAULT);
    }
    for (i = 0; i <= len; i++) buffer[i] = (unsigned char)text[i];
    *buffer_len = len + 1;
    return 0;
}
