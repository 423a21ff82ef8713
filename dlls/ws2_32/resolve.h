/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Host name resolution shared by every exported resolver (getaddrinfo and
 * friends, gethostbyname/gethostbyaddr, getnameinfo, the WSAAsync* host
 * functions, WSALookupService*, WSAConnectByName).
 *
 * One place decides the order Windows resolves in: numeric strings; NULL,
 * "" , "localhost" and the machine's own name; the prefix's
 * drivers\etc\hosts; the host's /etc/hosts; then DNS (dnsapi's DnsQuery_W,
 * loaded on first use).
 */
#ifndef WS2_RESOLVE_H
#define WS2_RESOLVE_H

#include "ws2_32_private.h"

/* One address of a result, in network byte order. */
struct ws2_addr
{
    USHORT family;          /* AF_INET or AF_INET6 */
    BYTE bytes[16];         /* 4 bytes for AF_INET, 16 for AF_INET6 */
    ULONG scope_id;         /* AF_INET6 only */
};

/* A lookup's result, one heap block; free with ws2_hostinfo_free. */
struct ws2_hostinfo
{
    char *name;             /* official (canonical) name, ASCII, never NULL */
    char **aliases;         /* alias_count names, then NULL */
    unsigned int alias_count;
    struct ws2_addr *addrs; /* in the order results are handed out */
    unsigned int addr_count;
    BOOL numeric;           /* the query was a numeric address string */
};

/* Flags for ws2_resolve_name / ws2_resolve_address. */
#define WS2_RESOLVE_NUMERIC_ONLY  0x01  /* AI_NUMERICHOST: numeric strings only */
#define WS2_RESOLVE_NO_DNS        0x02  /* numeric, local names, hosts files */
#define WS2_RESOLVE_DNS_ONLY      0x04  /* AI_DNS_ONLY: skip the hosts files */
#define WS2_RESOLVE_LOOSE_IPV4    0x08  /* accept inet_addr's forms ("127.1", hex, octal) */
#define WS2_RESOLVE_NO_NUMERIC    0x10  /* the caller has parsed numeric forms itself */
#define WS2_RESOLVE_ADDRCONFIG    0x20  /* hosts files and DNS: only families the machine
                                         * has a non-loopback address of */

/*
 * Resolves a host name (ASCII; IDN names already punycode) to addresses of
 * `family` (AF_UNSPEC, AF_INET or AF_INET6).  name NULL or "" means the
 * local host.  Returns 0 with *out set, or a WSA error:
 *   WSAHOST_NOT_FOUND   the name does not exist (or a numeric-only query
 *                       was not numeric);
 *   WSANO_DATA          the name exists but has no address of `family`;
 *   WSATRY_AGAIN        the DNS server failed or did not answer;
 *   WSANO_RECOVERY      the DNS server refused or answered garbage;
 *   WSA_NOT_ENOUGH_MEMORY.
 * Thread safe; may block for as long as DNS takes.
 */
DWORD ws2_resolve_name(const char *name, int family, DWORD flags, struct ws2_hostinfo **out);

/*
 * Reverse lookup of one address (hosts files, then a DNS PTR query unless
 * WS2_RESOLVE_NO_DNS).  The result's name is the host name; its address
 * list holds `addr`.  Errors as above (WSAHOST_NOT_FOUND or WSANO_DATA
 * when no name is known).
 */
DWORD ws2_resolve_address(const struct ws2_addr *addr, DWORD flags, struct ws2_hostinfo **out);

void ws2_hostinfo_free(struct ws2_hostinfo *info);

/* The machine's host name without its domain ("" if unknown). */
void ws2_local_host_name(char *name, DWORD size);

/* Parses a numeric host: a dotted quad (or every inet_addr form with
 * loose_ipv4), or IPv6 text with an optional "%scope". */
BOOL ws2_parse_numeric_host(const char *name, BOOL loose_ipv4, struct ws2_addr *addr);

/*
 * Lays out a Winsock hostent for the AF_INET (or AF_INET6) addresses of
 * `info` in buf[0..size).  Returns the number of bytes the whole hostent
 * needs; it is written only if that fits.  With `offsets` the pointers
 * inside are stored as offsets from buf (the hostent BLOB of
 * WSALookupServiceNext); otherwise they are real pointers into buf.
 * h_name is info->name, h_aliases the aliases, h_addrtype `family`.
 */
SIZE_T ws2_hostent_pack(const struct ws2_hostinfo *info, int family, void *buf, SIZE_T size, BOOL offsets);

#endif
