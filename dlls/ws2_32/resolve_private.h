/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The pieces of the host resolver (resolve.c, localaddr.c, hostsfile.c,
 * dns.c); the exported resolvers use resolve.h only.
 */
#ifndef WS2_RESOLVE_PRIVATE_H
#define WS2_RESOLVE_PRIVATE_H

#include "resolve.h"

#define WS2_ALIASES_MAX  35     /* the hostent limit Windows keeps */

/* A result being collected; ws2_hostinfo is made from it at the end. */
struct ws2_builder
{
    char *name;
    char *aliases[WS2_ALIASES_MAX];
    unsigned int alias_count;
    struct ws2_addr *addrs;
    unsigned int addr_count, addr_capacity;
    BOOL failed;                /* out of memory on the way */
};

void ws2_builder_init(struct ws2_builder *b);
void ws2_builder_clear(struct ws2_builder *b);
/* These set b->failed and return FALSE when out of memory; duplicates are
 * dropped. */
BOOL ws2_builder_set_name(struct ws2_builder *b, const char *name, size_t len);
BOOL ws2_builder_add_alias(struct ws2_builder *b, const char *alias, size_t len);
BOOL ws2_builder_add_addr(struct ws2_builder *b, const struct ws2_addr *addr);
BOOL ws2_builder_has_family(const struct ws2_builder *b, int family);


/* localaddr.c: the addresses of the interfaces that are up (loopback
 * excluded), and questions about them. */
void ws2_local_addresses(struct ws2_builder *b);
BOOL ws2_is_local_address(const struct ws2_addr *addr);
/* Whether IPv6 destinations sort first: only when the machine has a
 * global IPv6 address to reach them from (RFC 6724 rules 1 and 2). */
BOOL ws2_prefer_ipv6(void);
/* Whether the machine has a non-loopback IPv4 address, or an IPv6 one
 * beyond link-local (AI_ADDRCONFIG). */
BOOL ws2_has_ipv4_address(void);
BOOL ws2_has_ipv6_address(void);

/* hostsfile.c: TRUE when a hosts file gave the name an address of
 * `family` (the prefix's file first, then the host's /etc/hosts). */
BOOL ws2_hosts_lookup_name(const char *name, int family, struct ws2_builder *b);
BOOL ws2_hosts_lookup_address(const struct ws2_addr *addr, struct ws2_builder *b);

/* dns.c: DNS through dnsapi.  0 or a WSA error (see resolve.h). */
DWORD ws2_dns_lookup_name(const char *name, int family, struct ws2_builder *b);
DWORD ws2_dns_lookup_address(const struct ws2_addr *addr, struct ws2_builder *b);

#endif
