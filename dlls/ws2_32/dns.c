/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * DNS through Windows' own DNS API: dnsapi's DnsQuery_W, loaded on first
 * use (Wine implements it on the host's resolver).  The records come back
 * parsed; dns_answer.c follows the CNAME chain.
 */
#include "resolve_private.h"
#include "dns_answer.h"
#include <windns.h>

typedef DNS_STATUS (WINAPI *dns_query_fn)(const WCHAR *, WORD, DWORD, void *, DNS_RECORDW **, void **);
typedef void (WINAPI *dns_free_fn)(DNS_RECORDW *, DNS_FREE_TYPE);

static INIT_ONCE dnsapi_once = INIT_ONCE_STATIC_INIT;
static dns_query_fn dns_query;
static dns_free_fn dns_free;

static BOOL CALLBACK load_dnsapi(INIT_ONCE *once, void *param, void **context)
{
    HMODULE module = LoadLibraryW(L"dnsapi.dll");

    if (!module) return TRUE;
    dns_query = (dns_query_fn)(void *)GetProcAddress(module, "DnsQuery_W");
    dns_free = (dns_free_fn)(void *)GetProcAddress(module, "DnsRecordListFree");
    if (!dns_free) dns_query = NULL;
    return TRUE;
}

/* DnsQuery's status as the error getaddrinfo and gethostbyname report. */
static DWORD dns_error(DNS_STATUS status)
{
    switch (status)
    {
    case DNS_ERROR_RCODE_NAME_ERROR:        /* NXDOMAIN */
    case DNS_ERROR_INVALID_NAME:
        return WSAHOST_NOT_FOUND;
    case DNS_INFO_NO_RECORDS:               /* the name exists, without that type */
        return WSANO_DATA;
    case DNS_ERROR_RCODE_SERVER_FAILURE:
    case ERROR_TIMEOUT:
    case DNS_ERROR_NO_DNS_SERVERS:
        return WSATRY_AGAIN;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return WSA_NOT_ENOUGH_MEMORY;
    default:                                /* refused, format error, garbage */
        return WSANO_RECOVERY;
    }
}

/* An ASCII copy of a record name; NULL if it is not ASCII. */
static char *ascii_name(const WCHAR *name)
{
    size_t len = 0, i;
    char *copy;

    if (!name) return NULL;
    while (name[len]) if (name[len++] > 0x7e) return NULL;
    if (!(copy = HeapAlloc(GetProcessHeap(), 0, len + 1))) return NULL;
    for (i = 0; i <= len; i++) copy[i] = (char)name[i];
    return copy;
}

static WCHAR *wide_name(const char *name)
{
    size_t len = strlen(name), i;
    WCHAR *copy = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR));

    if (copy) for (i = 0; i <= len; i++) copy[i] = (unsigned char)name[i];
    return copy;
}

/* The answer records as dns_rr entries (ASCII names), for dns_answer.c. */
struct answer
{
    DNS_RECORDW *list;
    struct dns_rr *rr;
    DNS_RECORDW **records;      /* the DNS record behind each rr */
    size_t count;
};

static void free_answer(struct answer *a)
{
    size_t i;

    for (i = 0; i < a->count; i++)
    {
        HeapFree(GetProcessHeap(), 0, (char *)a->rr[i].name);
        HeapFree(GetProcessHeap(), 0, (char *)a->rr[i].target);
    }
    HeapFree(GetProcessHeap(), 0, a->rr);
    HeapFree(GetProcessHeap(), 0, a->records);
    if (a->list) dns_free(a->list, DnsFreeRecordList);
    memset(a, 0, sizeof(*a));
}

static BOOL convert_answer(struct answer *a)
{
    DNS_RECORDW *r;
    size_t n = 0;

    for (r = a->list; r; r = r->pNext) n++;
    a->rr = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, (n + 1) * sizeof(*a->rr));
    a->records = HeapAlloc(GetProcessHeap(), 0, (n + 1) * sizeof(*a->records));
    if (!a->rr || !a->records) return FALSE;
    for (r = a->list; r; r = r->pNext)
    {
        /* Only the answer section names the host; the rest is referral. */
        if (r->Flags.S.Section == DnsSectionAuthority || r->Flags.S.Section == DnsSectionAddtional) continue;
        if (!(a->rr[a->count].name = ascii_name(r->pName))) continue;
        a->rr[a->count].type = r->wType;
        if (r->wType == DNS_TYPE_CNAME || r->wType == DNS_TYPE_PTR)
            a->rr[a->count].target = ascii_name(r->Data.PTR.pNameHost);
        a->records[a->count++] = r;
    }
    return TRUE;
}

/* One query; 0 with the answer filled, or a WSA error. */
static DWORD query(const char *name, WORD type, struct answer *a)
{
    DNS_STATUS status;
    WCHAR *wname;

    memset(a, 0, sizeof(*a));
    InitOnceExecuteOnce(&dnsapi_once, load_dnsapi, NULL, NULL);
    if (!dns_query) return WSANO_RECOVERY;
    if (!(wname = wide_name(name))) return WSA_NOT_ENOUGH_MEMORY;
    status = dns_query(wname, type, DNS_QUERY_STANDARD | DNS_QUERY_NO_HOSTS_FILE, NULL, &a->list, NULL);
    HeapFree(GetProcessHeap(), 0, wname);
    TRACE("%s type %u: status %ld\n", name, type, (long)status);
    if (status) return dns_error(status);
    if (!convert_answer(a))
    {
        free_answer(a);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    return 0;
}

/* Adds the addresses of one query's answer: the name, the CNAMEs passed
 * through as aliases, and the A or AAAA records of the final name. */
static DWORD collect_addresses(const char *name, WORD type, struct ws2_builder *b)
{
    const char *aliases[DNS_CNAME_MAX], *canon;
    size_t alias_count, i;
    struct answer a;
    struct ws2_addr addr;
    DWORD err;
    BOOL any = FALSE;

    if ((err = query(name, type, &a))) return err;
    if (!(canon = dns_follow_cnames(a.rr, a.count, name, aliases, &alias_count)))
    {
        free_answer(&a);
        return WSANO_RECOVERY;
    }
    for (i = 0; i < a.count; i++)
    {
        if (a.rr[i].type != type || !dns_name_equal(a.rr[i].name, canon)) continue;
        memset(&addr, 0, sizeof(addr));
        if (type == DNS_TYPE_A)
        {
            addr.family = AF_INET;
            memcpy(addr.bytes, &a.records[i]->Data.A.IpAddress, 4);
        }
        else
        {
            addr.family = AF_INET6;
            memcpy(addr.bytes, &a.records[i]->Data.AAAA.Ip6Address, 16);
        }
        ws2_builder_add_addr(b, &addr);
        any = TRUE;
    }
    if (any)
    {
        size_t len = strlen(canon);

        if (len && canon[len - 1] == '.') len--;
        ws2_builder_set_name(b, canon, len);
        for (i = 0; i < alias_count; i++)
            if (!dns_name_equal(aliases[i], canon)) ws2_builder_add_alias(b, aliases[i], strlen(aliases[i]));
    }
    free_answer(&a);
    if (b->failed) return WSA_NOT_ENOUGH_MEMORY;
    return any ? 0 : WSANO_DATA;
}

/* Whether the name exists at all: a query for every record type. */
static BOOL name_exists(const char *name)
{
    struct answer a;

    if (query(name, DNS_TYPE_ALL, &a)) return FALSE;
    free_answer(&a);
    return TRUE;
}

/* One family.  Some dnsapi versions (Wine's) report a name that exists
 * without this type as not existing (instead of DNS_INFO_NO_RECORDS);
 * asking whether the name exists tells WSANO_DATA from
 * WSAHOST_NOT_FOUND. */
static DWORD lookup_one(const char *name, WORD type, struct ws2_builder *b)
{
    DWORD err = collect_addresses(name, type, b);

    if (err == WSAHOST_NOT_FOUND && name_exists(name)) err = WSANO_DATA;
    return err;
}

/* Whether a name can go on the wire: host names in DNS are ASCII, an
 * internationalized name travelling as punycode (RFC 5891 section 5). */
static BOOL wire_name(const char *name)
{
    for (; *name; name++) if ((unsigned char)*name > 0x7e) return FALSE;
    return TRUE;
}

DWORD ws2_dns_lookup_name(const char *name, int family, struct ws2_builder *b)
{
    DWORD err4, err6;

    /* Other bytes are left only when the caller asked for no punycode
     * (AI_DISABLE_IDN_ENCODING): such a name names no DNS host, whatever a
     * server would answer for its bytes, and Windows reports
     * WSAHOST_NOT_FOUND.  (Sent as they were, the bytes also went out
     * widened from Latin-1, as a different name.) */
    if (!wire_name(name)) return WSAHOST_NOT_FOUND;
    if (family == AF_INET) return lookup_one(name, DNS_TYPE_A, b);
    if (family == AF_INET6) return lookup_one(name, DNS_TYPE_AAAA, b);
    err4 = collect_addresses(name, DNS_TYPE_A, b);
    err6 = collect_addresses(name, DNS_TYPE_AAAA, b);
    if (!err4 || !err6) return 0;
    /* Both failed: the more telling error wins. */
    if (err4 == WSATRY_AGAIN || err6 == WSATRY_AGAIN) return WSATRY_AGAIN;
    if (err4 == WSANO_RECOVERY || err6 == WSANO_RECOVERY) return WSANO_RECOVERY;
    if (err4 == WSANO_DATA || err6 == WSANO_DATA) return WSANO_DATA;
    return name_exists(name) ? WSANO_DATA : err4;
}

/* "4.3.2.1.in-addr.arpa" or the nibble form under ip6.arpa. */
static void reverse_name(const struct ws2_addr *addr, char *out)
{
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    int i;

    if (addr->family == AF_INET)
    {
        for (i = 3; i >= 0; i--)
        {
            BYTE v = addr->bytes[i];
            if (v >= 100) *p++ = (char)('0' + v / 100);
            if (v >= 10) *p++ = (char)('0' + v / 10 % 10);
            *p++ = (char)('0' + v % 10);
            *p++ = '.';
        }
        memcpy(p, "in-addr.arpa", sizeof("in-addr.arpa"));
        return;
    }
    for (i = 15; i >= 0; i--)
    {
        *p++ = hex[addr->bytes[i] & 0xf];
        *p++ = '.';
        *p++ = hex[addr->bytes[i] >> 4];
        *p++ = '.';
    }
    memcpy(p, "ip6.arpa", sizeof("ip6.arpa"));
}

DWORD ws2_dns_lookup_address(const struct ws2_addr *addr, struct ws2_builder *b)
{
    const char *aliases[DNS_CNAME_MAX], *owner;
    char name[80];
    size_t alias_count, i;
    struct answer a;
    DWORD err;

    reverse_name(addr, name);
    if ((err = query(name, DNS_TYPE_PTR, &a))) return err;
    err = WSANO_DATA;
    /* Classless delegation answers with a CNAME to the PTR's real owner. */
    if ((owner = dns_follow_cnames(a.rr, a.count, name, aliases, &alias_count)))
    {
        for (i = 0; i < a.count; i++)
        {
            size_t len;

            if (a.rr[i].type != DNS_TYPE_PTR || !a.rr[i].target) continue;
            if (!dns_name_equal(a.rr[i].name, owner)) continue;
            len = strlen(a.rr[i].target);
            if (len && a.rr[i].target[len - 1] == '.') len--;
            err = ws2_builder_set_name(b, a.rr[i].target, len) ? 0 : WSA_NOT_ENOUGH_MEMORY;
            break;
        }
    }
    free_answer(&a);
    return err;
}
