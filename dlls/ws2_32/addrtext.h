/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Address text: parsing and printing IPv4 and IPv6 addresses the way
 * Windows does.  Plain C with no Windows dependencies, so it can also be
 * built natively (for fuzzing).
 *
 * The parsers mirror Windows' Rtl address parsers: they read as far as the
 * text makes sense and return a pointer to the first character they did not
 * use (the "terminator"), or NULL when the text is malformed.  Windows
 * stores the address as it goes, so on failure part of the output may
 * already be written; the parsers reproduce that, byte for byte, because
 * callers can see it.  A caller that wants a whole string checks that the
 * terminator is the end of the string.
 */
#ifndef WS2_ADDRTEXT_H
#define WS2_ADDRTEXT_H

#include <stddef.h>
#include <stdint.h>

/* Longest outputs, without the terminating NUL. */
#define WS2_IPV4_TEXT_MAX     15   /* 255.255.255.255 */
#define WS2_IPV4_PORT_MAX     21   /* ...:65535 */
#define WS2_IPV6_TEXT_MAX     45   /* ffff:...:255.255.255.255 */
#define WS2_IPV6_FULL_MAX     64   /* [...%4294967295]:65535 */

/* Strict dotted quad "d.d.d.d" (inet_pton): decimal parts 0-255 without
 * leading zeros.  out is written only once all four parts are read.  It
 * reads at most the first WS2_IPV4_READ_MAX bytes of s, terminator
 * included (each part is at most three digits and the character after
 * them), so a caller need not find the end of s first; the fuzz target
 * checks this bound. */
#define WS2_IPV4_READ_MAX     16
const char *ws2_parse_ipv4(const char *s, uint8_t out[4]);

/* The classic forms "a", "a.b", "a.b.c", "a.b.c.d" with decimal, octal
 * (leading 0) or hex (0x) parts (WSAStringToAddress).  out is written once
 * the parts are read and in range. */
const char *ws2_parse_ipv4_loose(const char *s, uint8_t out[4]);

/* RFC 4291 text form, including "::" and an embedded dotted quad, with
 * Windows' reading of the corner cases. */
const char *ws2_parse_ipv6(const char *s, uint8_t out[16]);

/* Whole socket-address strings: "addr[:port]" and
 * "addr[%scope]" / "[addr[%scope]][:port]".  0 on success, -1 on failure
 * (addr may be partly written, as by Windows).  The port is returned in
 * host order, 0 when absent. */
int ws2_parse_ipv4_sockaddr(const char *s, uint8_t addr[4], uint16_t *port);
int ws2_parse_ipv6_sockaddr(const char *s, uint8_t addr[16], uint32_t *scope, uint16_t *port);

/* Printers: write the text and a NUL into out (which must hold the _MAX
 * size plus one) and return the length without the NUL.  A zero port or
 * scope is left out. */
size_t ws2_format_ipv4(const uint8_t addr[4], uint16_t port, char *out);
size_t ws2_format_ipv6(const uint8_t addr[16], uint32_t scope, uint16_t port, char *out);

#endif
