/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Host name resolution: the order Windows looks names up in, and the
 * results every resolver export shares (see resolve.h).
 *
 *   1. numeric strings (never looked up anywhere);
 *   2. "", NULL and the machine's own name (its interface addresses),
 *      "localhost" (the loopback addresses);
 *   3. the prefix's drivers\etc\hosts, then the host's /etc/hosts;
 *   4. DNS through dnsapi (dns.c).
 */
#include "resolve.h"
#include "addrtext.h"
#include "resolve_private.h"

/* ---- building a result ---- */

void ws2_builder_init(struct ws2_builder *b)
{
    memset(b, 0, sizeof(*b));
}

static char *copy_string(const char *s, size_t len)
{
    char *copy = HeapAlloc(GetProcessHeap(), 0, len + 1);

    if (copy)
    {
        memcpy(copy, s, len);
        copy[len] = 0;
    }
    return copy;
}

BOOL ws2_builder_set_name(struct ws2_builder *b, const char *name, size_t len)
{
    char *copy = copy_string(name, len);

    if (!copy) return b->failed = TRUE, FALSE;
    HeapFree(GetProcessHeap(), 0, b->name);
    b->name = copy;
    return TRUE;
}

BOOL ws2_builder_add_alias(struct ws2_builder *b, const char *alias, size_t len)
{
    unsigned int i;
    char *copy;

    if (b->alias_count == WS2_ALIASES_MAX) return TRUE;    /* Windows' limit: extra ones dropped */
    for (i = 0; i < b->alias_count; i++)
        if (strlen(b->aliases[i]) == len && !memcmp(b->aliases[i], alias, len)) return TRUE;
    if (!(copy = copy_string(alias, len))) return b->failed = TRUE, FALSE;
    b->aliases[b->alias_count++] = copy;
    return TRUE;
}

static BOOL same_addr(const struct ws2_addr *a, const struct ws2_addr *b)
{
    return a->family == b->family && a->scope_id == b->scope_id
        && !memcmp(a->bytes, b->bytes, a->family == AF_INET ? 4 : 16);
}

BOOL ws2_builder_add_addr(struct ws2_builder *b, const struct ws2_addr *addr)
{
    unsigned int i;

    for (i = 0; i < b->addr_count; i++)
        if (same_addr(&b->addrs[i], addr)) return TRUE;
    if (b->addr_count == b->addr_capacity)
    {
        unsigned int capacity = b->addr_capacity ? b->addr_capacity * 2 : 8;
        struct ws2_addr *addrs;

        if (b->addrs)
            addrs = HeapReAlloc(GetProcessHeap(), 0, b->addrs, capacity * sizeof(*addrs));
        else
            addrs = HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*addrs));
        if (!addrs) return b->failed = TRUE, FALSE;
        b->addrs = addrs;
        b->addr_capacity = capacity;
    }
    b->addrs[b->addr_count++] = *addr;
    return TRUE;
}

/* Whether the builder holds an address of `family` (AF_UNSPEC: any). */
BOOL ws2_builder_has_family(const struct ws2_builder *b, int family)
{
    unsigned int i;

    for (i = 0; i < b->addr_count; i++)
        if (family == AF_UNSPEC || b->addrs[i].family == family) return TRUE;
    return FALSE;
}

void ws2_builder_clear(struct ws2_builder *b)
{
    unsigned int i;

    HeapFree(GetProcessHeap(), 0, b->name);
    for (i = 0; i < b->alias_count; i++) HeapFree(GetProcessHeap(), 0, b->aliases[i]);
    HeapFree(GetProcessHeap(), 0, b->addrs);
    ws2_builder_init(b);
}

/* Copies the builder's addresses of `family` into one heap block, the
 * IPv6 ones first when ipv6_first. */
static DWORD builder_finish(struct ws2_builder *b, int family, BOOL ipv6_first, BOOL numeric,
                            struct ws2_hostinfo **out)
{
    SIZE_T size = sizeof(struct ws2_hostinfo), strings;
    struct ws2_hostinfo *info;
    unsigned int i, n = 0, pass;
    char *p;

    if (b->failed || !b->name) return WSA_NOT_ENOUGH_MEMORY;
    size += (b->alias_count + 1) * sizeof(char *);
    size = (size + 7) & ~(SIZE_T)7;
    size += b->addr_count * sizeof(struct ws2_addr);
    strings = strlen(b->name) + 1;
    for (i = 0; i < b->alias_count; i++) strings += strlen(b->aliases[i]) + 1;
    if (!(info = HeapAlloc(GetProcessHeap(), 0, size + strings))) return WSA_NOT_ENOUGH_MEMORY;

    info->aliases = (char **)(info + 1);
    info->addrs = (struct ws2_addr *)((char *)info + ((sizeof(*info) + (b->alias_count + 1) * sizeof(char *) + 7) & ~(SIZE_T)7));
    p = (char *)info + size;
    info->name = p;
    memcpy(p, b->name, strlen(b->name) + 1);
    p += strlen(b->name) + 1;
    for (i = 0; i < b->alias_count; i++)
    {
        info->aliases[i] = p;
        memcpy(p, b->aliases[i], strlen(b->aliases[i]) + 1);
        p += strlen(b->aliases[i]) + 1;
    }
    info->aliases[b->alias_count] = NULL;
    info->alias_count = b->alias_count;

    for (pass = 0; pass < 2; pass++)
    {
        USHORT wanted = (pass == 0) == !!ipv6_first ? AF_INET6 : AF_INET;

        for (i = 0; i < b->addr_count; i++)
        {
            if (b->addrs[i].family != wanted) continue;
            if (family != AF_UNSPEC && family != wanted) continue;
            info->addrs[n++] = b->addrs[i];
        }
    }
    info->addr_count = n;
    info->numeric = numeric;
    *out = info;
    return 0;
}

void ws2_hostinfo_free(struct ws2_hostinfo *info)
{
    HeapFree(GetProcessHeap(), 0, info);
}

/* ---- numeric strings ---- */

/* Decimal scope id after '%': digits only, no overflow. */
static BOOL parse_scope(const char *s, ULONG *scope)
{
    ULONG value = 0;

    if (!*s) return FALSE;
    for (; *s; s++)
    {
        if (*s < '0' || *s > '9') return FALSE;
        if (value > (0xffffffffu - (ULONG)(*s - '0')) / 10) return FALSE;
        value = value * 10 + (ULONG)(*s - '0');
    }
    *scope = value;
    return TRUE;
}

BOOL ws2_parse_numeric_host(const char *name, BOOL loose_ipv4, struct ws2_addr *addr)
{
    const char *end;
    BYTE bytes[16];

    memset(addr, 0, sizeof(*addr));
    end = loose_ipv4 ? ws2_parse_ipv4_loose(name, bytes) : ws2_parse_ipv4(name, bytes);
    if (end && !*end)
    {
        addr->family = AF_INET;
        memcpy(addr->bytes, bytes, 4);
        return TRUE;
    }
    end = ws2_parse_ipv6(name, bytes);
    if (end && (!*end || (*end == '%' && parse_scope(end + 1, &addr->scope_id))))
    {
        addr->family = AF_INET6;
        memcpy(addr->bytes, bytes, 16);
        return TRUE;
    }
    return FALSE;
}

static DWORD resolve_numeric(const char *name, const struct ws2_addr *addr, int family,
                             struct ws2_hostinfo **out)
{
    struct ws2_builder b;
    DWORD err;

    /* A numeric string of the other family names no host of this one. */
    if (family != AF_UNSPEC && family != addr->family) return WSAHOST_NOT_FOUND;
    ws2_builder_init(&b);
    ws2_builder_set_name(&b, name, strlen(name));
    ws2_builder_add_addr(&b, addr);
    err = builder_finish(&b, family, FALSE, TRUE, out);
    ws2_builder_clear(&b);
    return err;
}

/* ---- the local host ---- */

static BOOL ascii_equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
    {
        char x = (*a >= 'A' && *a <= 'Z') ? *a - 'A' + 'a' : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? *b - 'A' + 'a' : *b;
        if (x != y) return FALSE;
    }
    return !*a && !*b;
}

/* The machine's host name (without domain), "" if unknown. */
void ws2_local_host_name(char *name, DWORD size)
{
    if (!GetComputerNameExA(ComputerNameDnsHostname, name, &size)) name[0] = 0;
}

static BOOL is_own_name(const char *name)
{
    char host[256];
    DWORD size = sizeof(host);

    ws2_local_host_name(host, sizeof(host));
    if (host[0] && ascii_equal_nocase(name, host)) return TRUE;
    if (GetComputerNameExA(ComputerNameDnsFullyQualified, host, &size) && host[0]
            && ascii_equal_nocase(name, host))
        return TRUE;
    return FALSE;
}

static void add_loopback(struct ws2_builder *b)
{
    struct ws2_addr addr;

    memset(&addr, 0, sizeof(addr));
    addr.family = AF_INET6;
    addr.bytes[15] = 1;
    ws2_builder_add_addr(b, &addr);
    memset(&addr, 0, sizeof(addr));
    addr.family = AF_INET;
    addr.bytes[0] = 127;
    addr.bytes[3] = 1;
    ws2_builder_add_addr(b, &addr);
}

/* "localhost": the loopback addresses, IPv6 first as Windows sorts them. */
static DWORD resolve_localhost(const char *name, int family, struct ws2_hostinfo **out)
{
    struct ws2_builder b;
    DWORD err;

    ws2_builder_init(&b);
    ws2_builder_set_name(&b, name, strlen(name));
    add_loopback(&b);
    err = builder_finish(&b, family, TRUE, FALSE, out);
    ws2_builder_clear(&b);
    return err;
}

/* NULL, "" or the machine's own name: every address of the interfaces that
 * are up, or the loopback addresses when there are none. */
static DWORD resolve_own_host(int family, struct ws2_hostinfo **out)
{
    struct ws2_builder b;
    char host[256];
    DWORD err;

    ws2_builder_init(&b);
    ws2_local_host_name(host, sizeof(host));
    ws2_builder_set_name(&b, host, strlen(host));
    ws2_local_addresses(&b);
    if (!ws2_builder_has_family(&b, family)) add_loopback(&b);
    err = builder_finish(&b, family, TRUE, FALSE, out);
    ws2_builder_clear(&b);
    return err;
}

/* ---- the whole lookup ---- */

/* RFC 1035's limits: at most 255 characters and 63 a label, no empty
 * label except after a final dot.  Anything else names no host. */
static BOOL valid_dns_name(const char *name)
{
    size_t len = strlen(name), label = 0, i;

    if (len > 255 || (len == 255 && name[254] != '.')) return FALSE;
    for (i = 0; i < len; i++)
    {
        if (name[i] != '.')
        {
            if (++label > 63) return FALSE;
            continue;
        }
        if (!label) return FALSE;
        label = 0;
    }
    return TRUE;
}

/* AI_ADDRCONFIG: narrows *family to the families the machine has a
 * non-loopback address of (IPv6: beyond link-local); FALSE when the family
 * asked for is not among them.  A machine with neither keeps asking for
 * both, as there is nothing to choose by. */
static BOOL configured_family(int *family)
{
    BOOL ipv4 = ws2_has_ipv4_address(), ipv6 = ws2_has_ipv6_address();

    if (!ipv4 && !ipv6) return TRUE;
    if (*family == AF_INET) return ipv4;
    if (*family == AF_INET6) return ipv6;
    if (ipv4 != ipv6) *family = ipv4 ? AF_INET : AF_INET6;
    return TRUE;
}

DWORD ws2_resolve_name(const char *name, int family, DWORD flags, struct ws2_hostinfo **out)
{
    struct ws2_builder b;
    struct ws2_addr addr;
    DWORD err;

    *out = NULL;
    if (!name || !*name)
    {
        if (flags & WS2_RESOLVE_NUMERIC_ONLY) return WSAHOST_NOT_FOUND;
        return resolve_own_host(family, out);
    }
    if (!(flags & WS2_RESOLVE_NO_NUMERIC)
            && ws2_parse_numeric_host(name, !!(flags & WS2_RESOLVE_LOOSE_IPV4), &addr))
        return resolve_numeric(name, &addr, family, out);
    if (flags & WS2_RESOLVE_NUMERIC_ONLY) return WSAHOST_NOT_FOUND;

    if (ascii_equal_nocase(name, "localhost")) return resolve_localhost(name, family, out);
    if (is_own_name(name)) return resolve_own_host(family, out);

    if (!valid_dns_name(name)) return WSAHOST_NOT_FOUND;
    if ((flags & WS2_RESOLVE_ADDRCONFIG) && !configured_family(&family)) return WSANO_DATA;

    ws2_builder_init(&b);
    if (!(flags & WS2_RESOLVE_DNS_ONLY) && ws2_hosts_lookup_name(name, family, &b))
    {
        err = builder_finish(&b, family, ws2_prefer_ipv6(), FALSE, out);
        ws2_builder_clear(&b);
        return err;
    }
    ws2_builder_clear(&b);
    if (flags & WS2_RESOLVE_NO_DNS) return WSAHOST_NOT_FOUND;

    err = ws2_dns_lookup_name(name, family, &b);
    if (!err) err = builder_finish(&b, family, ws2_prefer_ipv6(), FALSE, out);
    ws2_builder_clear(&b);
    return err;
}

static BOOL is_loopback(const struct ws2_addr *addr)
{
    static const BYTE ipv6_loopback[16] = { [15] = 1 };

    if (addr->family == AF_INET) return addr->bytes[0] == 127;
    return !memcmp(addr->bytes, ipv6_loopback, 16);
}

DWORD ws2_resolve_address(const struct ws2_addr *addr, DWORD flags, struct ws2_hostinfo **out)
{
    struct ws2_builder b;
    char host[256];
    DWORD err = 0;

    *out = NULL;
    ws2_builder_init(&b);
    /* Windows names its own addresses, loopback included, after itself. */
    if (is_loopback(addr) || ws2_is_local_address(addr))
    {
        ws2_local_host_name(host, sizeof(host));
        ws2_builder_set_name(&b, host, strlen(host));
    }
    else if (!(flags & WS2_RESOLVE_DNS_ONLY) && ws2_hosts_lookup_address(addr, &b))
        ;
    else if (flags & WS2_RESOLVE_NO_DNS)
        err = WSAHOST_NOT_FOUND;
    else
        err = ws2_dns_lookup_address(addr, &b);

    if (!err)
    {
        ws2_builder_add_addr(&b, addr);
        err = builder_finish(&b, addr->family, FALSE, FALSE, out);
    }
    ws2_builder_clear(&b);
    return err;
}
