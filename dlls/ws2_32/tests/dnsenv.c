/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The private test DNS (tools/with-dns, tests/dns): proves the environment
 * the resolver tests rely on, so that a resolver failure is never the
 * environment's.  Runs only where WS2_TEST_DNS names the responder's
 * address; everything is skipped otherwise.
 *
 * Two views: the responder's own messages, read over a UDP socket (exact
 * rcodes and record counts, whatever the DNS client makes of them), and
 * dnsapi's DnsQuery_W, which our resolver is built on.  dnsapi is Wine's
 * in both test runs (only ws2_32 is replaced), so where Wine 8.0's dnsapi
 * reports a result differently from Windows, both values are accepted
 * under Wine and the comment names the Windows one.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <windns.h>
#include "wine/test.h"

static DNS_STATUS (WINAPI *pDnsQuery_W)(const WCHAR *, WORD, DWORD, void *, DNS_RECORDW **, void **);
static void (WINAPI *pDnsRecordListFree)(DNS_RECORDW *, DNS_FREE_TYPE);

/* What the record list pointer holds before a query that must set it. */
#define UNSET_RECORDS ((DNS_RECORDW *)(ULONG_PTR)0x5c1e5c18)

static const char *dns_server;
static BOOL wine_dnsapi;    /* running on Wine: dnsapi is Wine's */

/* ---- The responder's messages over UDP ---- */

struct reply
{
    int rcode, aa, answers, authority;
    WORD first_type;            /* type of the first answer record */
    BYTE first_data[16];        /* its data when an address */
};

/* Appends name as DNS labels; returns the new length. */
static int put_name(BYTE *buf, int len, const char *name)
{
    const char *dot;

    while (*name)
    {
        int n;
        dot = strchr(name, '.');
        n = dot ? (int)(dot - name) : (int)strlen(name);
        buf[len++] = (BYTE)n;
        memcpy(buf + len, name, n);
        len += n;
        name += n + (dot ? 1 : 0);
    }
    buf[len++] = 0;
    return len;
}

/* Skips a possibly compressed name; returns the offset after it or -1. */
static int skip_name(const BYTE *msg, int len, int off)
{
    while (off < len)
    {
        if ((msg[off] & 0xc0) == 0xc0) return off + 2 <= len ? off + 2 : -1;
        if (!msg[off]) return off + 1;
        off += msg[off] + 1;
    }
    return -1;
}

static SOCKET dns_socket(void)
{
    struct sockaddr_in sin = {0};
    SOCKET s;

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    sin.sin_family = AF_INET;
    sin.sin_port = htons(53);
    sin.sin_addr.s_addr = inet_addr(dns_server);
    ok(!connect(s, (struct sockaddr *)&sin, sizeof(sin)), "connect failed: %d\n", WSAGetLastError());
    return s;
}

static void send_query(SOCKET s, WORD id, const char *name, WORD type)
{
    BYTE buf[300];
    int len;

    memset(buf, 0, 12);
    buf[0] = id >> 8;
    buf[1] = id & 0xff;
    buf[2] = 0x01;              /* RD */
    buf[5] = 1;                 /* one question */
    len = put_name(buf, 12, name);
    buf[len++] = type >> 8;
    buf[len++] = type & 0xff;
    buf[len++] = 0;
    buf[len++] = 1;             /* class IN */
    ok(send(s, (char *)buf, len, 0) == len, "send failed: %d\n", WSAGetLastError());
}

/* Waits up to ms for a reply; returns its id, or -1 when none came. */
static int read_reply(SOCKET s, DWORD ms, const char *name, WORD type, struct reply *r)
{
    BYTE msg[1500], question[300];
    struct timeval tv;
    fd_set set;
    int len, qlen, off, i;

    FD_ZERO(&set);
    FD_SET(s, &set);
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    if (select(0, &set, NULL, NULL, &tv) != 1) return -1;
    len = recv(s, (char *)msg, sizeof(msg), 0);
    ok(len >= 12, "recv returned %d, error %d\n", len, WSAGetLastError());
    if (len < 12) return -1;

    memset(r, 0, sizeof(*r));
    ok(msg[2] & 0x80, "%s: QR not set\n", name);
    r->aa = !!(msg[2] & 0x04);
    r->rcode = msg[3] & 0x0f;
    ok(msg[4] == 0 && msg[5] == 1, "%s: %u questions\n", name, msg[4] << 8 | msg[5]);
    r->answers = msg[6] << 8 | msg[7];
    r->authority = msg[8] << 8 | msg[9];

    /* The question comes back as asked. */
    qlen = put_name(question, 0, name);
    question[qlen++] = type >> 8;
    question[qlen++] = type & 0xff;
    question[qlen++] = 0;
    question[qlen++] = 1;
    ok(len >= 12 + qlen && !memcmp(msg + 12, question, qlen), "%s: question not echoed\n", name);

    off = 12 + qlen;
    if (r->answers && (off = skip_name(msg, len, off)) > 0 && off + 10 <= len)
    {
        int rdlen = msg[off + 8] << 8 | msg[off + 9];
        r->first_type = msg[off] << 8 | msg[off + 1];
        for (i = 0; i < rdlen && i < 16 && off + 10 + i < len; i++) r->first_data[i] = msg[off + 10 + i];
    }
    return msg[0] << 8 | msg[1];
}

static void test_wire(void)
{
    static const struct
    {
        const char *name;
        WORD type;
        int rcode, answers, authority;
        WORD first_type;
    }
    tests[] =
    {
        { "v4.ws2.test", DNS_TYPE_A, 0, 1, 1, DNS_TYPE_A },
        { "multi.ws2.test", DNS_TYPE_A, 0, 2, 1, DNS_TYPE_A },
        { "v6.ws2.test", DNS_TYPE_AAAA, 0, 1, 1, DNS_TYPE_AAAA },
        { "alias2.ws2.test", DNS_TYPE_AAAA, 0, 3, 1, DNS_TYPE_CNAME },
        { "loop1.ws2.test", DNS_TYPE_A, 0, 2, 1, DNS_TYPE_CNAME },
        /* NODATA: no error, no answer, the zone's SOA. */
        { "noaddr.ws2.test", DNS_TYPE_A, 0, 0, 1 },
        { "v4.ws2.test", DNS_TYPE_AAAA, 0, 0, 1 },
        { "nothere.ws2.test", DNS_TYPE_A, 3, 0, 1 },
        { "example.com", DNS_TYPE_A, 3, 0, 1 },
        { "servfail.ws2.test", DNS_TYPE_A, 2, 0, 0 },
        { "refused.ws2.test", DNS_TYPE_AAAA, 5, 0, 0 },
        { "1.2.0.192.in-addr.arpa", DNS_TYPE_PTR, 0, 1, 1, DNS_TYPE_PTR },
    };
    static const BYTE v4[4] = { 192, 0, 2, 1 }, slow[4] = { 192, 0, 2, 40 };
    struct reply r;
    DWORD start, elapsed;
    unsigned int i;
    SOCKET s;
    int id;

    s = dns_socket();
    for (i = 0; i < ARRAY_SIZE(tests); i++)
    {
        winetest_push_context("%s type %u", tests[i].name, tests[i].type);
        send_query(s, 100 + i, tests[i].name, tests[i].type);
        id = read_reply(s, 5000, tests[i].name, tests[i].type, &r);
        ok(id == (int)(100 + i), "got reply id %d\n", id);
        ok(r.aa, "AA not set\n");
        ok(r.rcode == tests[i].rcode, "got rcode %d\n", r.rcode);
        ok(r.answers == tests[i].answers, "got %d answers\n", r.answers);
        ok(r.authority == tests[i].authority, "got %d authority records\n", r.authority);
        if (tests[i].answers)
            ok(r.first_type == tests[i].first_type, "first answer has type %u\n", r.first_type);
        winetest_pop_context();
    }

    /* slow.ws2.test is answered after 3 s, and other queries meanwhile. */
    start = GetTickCount();
    send_query(s, 1, "slow.ws2.test", DNS_TYPE_A);
    send_query(s, 2, "v4.ws2.test", DNS_TYPE_A);
    id = read_reply(s, 2000, "v4.ws2.test", DNS_TYPE_A, &r);
    ok(id == 2, "got reply id %d first\n", id);
    ok(r.answers == 1 && !memcmp(r.first_data, v4, 4), "v4: %d answers\n", r.answers);
    ok(GetTickCount() - start < 1500, "v4 answered after %lu ms\n", GetTickCount() - start);
    id = read_reply(s, 6000, "slow.ws2.test", DNS_TYPE_A, &r);
    elapsed = GetTickCount() - start;
    ok(id == 1, "got reply id %d\n", id);
    ok(elapsed >= 2800 && elapsed < 5000, "slow answered after %lu ms\n", elapsed);
    ok(r.answers == 1 && !memcmp(r.first_data, slow, 4), "slow: %d answers\n", r.answers);
    closesocket(s);
}

/* ---- dnsapi ---- */

static DNS_STATUS query(const WCHAR *name, WORD type, DNS_RECORDW **list)
{
    DNS_STATUS status;

    *list = UNSET_RECORDS;
    status = pDnsQuery_W(name, type, DNS_QUERY_STANDARD, NULL, list, NULL);
    if (status) *list = NULL;
    return status;
}

static unsigned int count_records(const DNS_RECORDW *list)
{
    unsigned int n = 0;
    for (; list; list = list->pNext) n++;
    return n;
}

static void check_record(const DNS_RECORDW *r, WORD type, const WCHAR *owner)
{
    ok(r != NULL, "record missing\n");
    if (!r) return;
    ok(r->wType == type, "type %u, expected %u\n", r->wType, type);
    ok(!wcsicmp(r->pName, owner), "owner %s, expected %s\n", wine_dbgstr_w(r->pName), wine_dbgstr_w(owner));
    ok(r->Flags.S.Section == DnsSectionAnswer, "section %lu\n", (unsigned long)r->Flags.S.Section);
    ok(r->dwTtl <= 60, "ttl %lu\n", r->dwTtl);
}

static void check_ipv4(const DNS_RECORDW *r, const WCHAR *owner, const char *addr)
{
    check_record(r, DNS_TYPE_A, owner);
    if (r) ok(r->Data.A.IpAddress == inet_addr(addr), "address %08lx, expected %s\n", r->Data.A.IpAddress, addr);
}

static void check_ipv6(const DNS_RECORDW *r, const WCHAR *owner, BYTE last)
{
    static const BYTE prefix[14] = { 0x20, 0x01, 0x0d, 0xb8 };
    const BYTE *bytes;

    check_record(r, DNS_TYPE_AAAA, owner);
    if (!r) return;
    bytes = (const BYTE *)&r->Data.AAAA.Ip6Address;
    ok(!memcmp(bytes, prefix, 14) && bytes[14] == 0 && bytes[15] == last,
       "got %02x%02x:%02x%02x...%02x%02x\n", bytes[0], bytes[1], bytes[2], bytes[3], bytes[14], bytes[15]);
}

static void check_name_data(const DNS_RECORDW *r, WORD type, const WCHAR *owner, const WCHAR *target)
{
    check_record(r, type, owner);
    if (r) ok(!wcsicmp(r->Data.PTR.pNameHost, target), "target %s, expected %s\n",
              wine_dbgstr_w(r->Data.PTR.pNameHost), wine_dbgstr_w(target));
}

/* Failures.  Windows: DNS_ERROR_RCODE_NAME_ERROR for NXDOMAIN,
 * DNS_INFO_NO_RECORDS for a name without records of the type,
 * DNS_ERROR_RCODE_SERVER_FAILURE and DNS_ERROR_RCODE_REFUSED for those
 * rcodes.  Wine 8.0's dnsapi reports NODATA as a name error, REFUSED as a
 * server failure (the host resolver folds them), and after a name error on
 * a type A query for a name shorter than 16 bytes tries NetBIOS, which
 * fails with ERROR_INVALID_NAME. */
static void check_failure(const WCHAR *name, WORD type, DNS_STATUS windows)
{
    DNS_RECORDW *list;
    DNS_STATUS status, wine = windows;

    winetest_push_context("%s type %u", wine_dbgstr_w(name), type);
    status = query(name, type, &list);
    if (windows == DNS_INFO_NO_RECORDS) wine = DNS_ERROR_RCODE_NAME_ERROR;
    if (windows == DNS_ERROR_RCODE_REFUSED) wine = DNS_ERROR_RCODE_SERVER_FAILURE;
    if (wine == DNS_ERROR_RCODE_NAME_ERROR && type == DNS_TYPE_A && wcslen(name) < 16)
        ok(status == windows || (wine_dnsapi && (status == wine || status == ERROR_INVALID_NAME)),
           "got status %ld\n", status);
    else
        ok(status == windows || (wine_dnsapi && status == wine), "got status %ld\n", status);
    ok(!list, "got a record list\n");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);
    winetest_pop_context();
}

static void test_dnsquery(void)
{
    WCHAR ip6_name[80];
    DNS_RECORDW *list, *r;
    DNS_STATUS status;
    int i;

    status = query(L"v4.ws2.test", DNS_TYPE_A, &list);
    ok(!status, "v4 A: status %ld\n", status);
    ok(count_records(list) == 1, "v4 A: %u records\n", count_records(list));
    check_ipv4(list, L"v4.ws2.test", "192.0.2.1");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    /* Both addresses, in the server's order. */
    status = query(L"multi.ws2.test", DNS_TYPE_A, &list);
    ok(!status, "multi A: status %ld\n", status);
    ok(count_records(list) == 2, "multi A: %u records\n", count_records(list));
    check_ipv4(list, L"multi.ws2.test", "192.0.2.10");
    if (list) check_ipv4(list->pNext, L"multi.ws2.test", "192.0.2.11");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    status = query(L"v6.ws2.test", DNS_TYPE_AAAA, &list);
    ok(!status, "v6 AAAA: status %ld\n", status);
    ok(count_records(list) == 1, "v6 AAAA: %u records\n", count_records(list));
    check_ipv6(list, L"v6.ws2.test", 1);
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    status = query(L"dual.ws2.test", DNS_TYPE_AAAA, &list);
    ok(!status, "dual AAAA: status %ld\n", status);
    check_ipv6(list, L"dual.ws2.test", 0x20);
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    /* The whole alias chain, then the address under the canonical name. */
    status = query(L"alias2.ws2.test", DNS_TYPE_A, &list);
    ok(!status, "alias2 A: status %ld\n", status);
    ok(count_records(list) == 3, "alias2 A: %u records\n", count_records(list));
    r = list;
    check_name_data(r, DNS_TYPE_CNAME, L"alias2.ws2.test", L"alias.ws2.test");
    if (r) r = r->pNext;
    check_name_data(r, DNS_TYPE_CNAME, L"alias.ws2.test", L"dual.ws2.test");
    if (r) r = r->pNext;
    check_ipv4(r, L"dual.ws2.test", "192.0.2.20");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    status = query(L"alias2.ws2.test", DNS_TYPE_AAAA, &list);
    ok(!status, "alias2 AAAA: status %ld\n", status);
    ok(count_records(list) == 3, "alias2 AAAA: %u records\n", count_records(list));
    for (r = list, i = 0; r && i < 2; r = r->pNext, i++)
        ok(r->wType == DNS_TYPE_CNAME, "record %d: type %u\n", i, r->wType);
    check_ipv6(r, L"dual.ws2.test", 0x20);
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    status = query(L"xn--bcher-kva.ws2.test", DNS_TYPE_A, &list);
    ok(!status, "punycode A: status %ld\n", status);
    check_ipv4(list, L"xn--bcher-kva.ws2.test", "192.0.2.30");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    /* noaddr exists (it has a TXT record), it just has no address. */
    status = query(L"noaddr.ws2.test", DNS_TYPE_TEXT, &list);
    ok(!status, "noaddr TXT: status %ld\n", status);
    check_record(list, DNS_TYPE_TEXT, L"noaddr.ws2.test");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);
    check_failure(L"noaddr.ws2.test", DNS_TYPE_A, DNS_INFO_NO_RECORDS);
    check_failure(L"noaddr.ws2.test", DNS_TYPE_AAAA, DNS_INFO_NO_RECORDS);
    check_failure(L"v4.ws2.test", DNS_TYPE_AAAA, DNS_INFO_NO_RECORDS);

    check_failure(L"nothere.ws2.test", DNS_TYPE_A, DNS_ERROR_RCODE_NAME_ERROR);
    check_failure(L"nothere.ws2.test", DNS_TYPE_AAAA, DNS_ERROR_RCODE_NAME_ERROR);
    check_failure(L"x.ws2.test", DNS_TYPE_A, DNS_ERROR_RCODE_NAME_ERROR);
    check_failure(L"servfail.ws2.test", DNS_TYPE_A, DNS_ERROR_RCODE_SERVER_FAILURE);
    check_failure(L"refused.ws2.test", DNS_TYPE_A, DNS_ERROR_RCODE_REFUSED);

    /* Reverse mappings, IPv4 and IPv6. */
    status = query(L"1.2.0.192.in-addr.arpa", DNS_TYPE_PTR, &list);
    ok(!status, "PTR 192.0.2.1: status %ld\n", status);
    ok(count_records(list) == 1, "PTR 192.0.2.1: %u records\n", count_records(list));
    check_name_data(list, DNS_TYPE_PTR, L"1.2.0.192.in-addr.arpa", L"v4.ws2.test");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    status = query(L"20.2.0.192.in-addr.arpa", DNS_TYPE_PTR, &list);
    ok(!status, "PTR 192.0.2.20: status %ld\n", status);
    check_name_data(list, DNS_TYPE_PTR, L"20.2.0.192.in-addr.arpa", L"dual.ws2.test");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    /* 2001:db8::1, nibble by nibble from the last. */
    {
        static const BYTE addr[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
        static const WCHAR hex[] = L"0123456789abcdef";
        WCHAR *p = ip6_name;

        for (i = 15; i >= 0; i--)
        {
            *p++ = hex[addr[i] & 0xf]; *p++ = '.';
            *p++ = hex[addr[i] >> 4]; *p++ = '.';
        }
        wcscpy(p, L"ip6.arpa");
    }
    status = query(ip6_name, DNS_TYPE_PTR, &list);
    ok(!status, "PTR 2001:db8::1: status %ld\n", status);
    check_name_data(list, DNS_TYPE_PTR, ip6_name, L"v6.ws2.test");
    if (!status) pDnsRecordListFree(list, DnsFreeRecordList);

    check_failure(L"99.2.0.192.in-addr.arpa", DNS_TYPE_PTR, DNS_ERROR_RCODE_NAME_ERROR);
}

/* The host side of the environment: the mounted /etc/hosts and
 * nsswitch.conf reach Wine's builtin getaddrinfo, which uses the host's
 * resolver.  Only there: our own getaddrinfo reads the hosts files and
 * asks dnsapi itself, and its tests are elsewhere. */
static void test_host_resolver(void)
{
    static const struct { const char *name, *addr; } tests[] =
    {
        { "v4.ws2.test", "192.0.2.1" },
        { "unixalias.ws2.test", "192.0.2.50" },
    };
    ADDRINFOA hints = {0}, *res;
    unsigned int i;
    int ret;

    if (!winetest_platform_is_wine())
    {
        skip("the host resolver is checked through Wine's builtin ws2_32 only\n");
        return;
    }
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    for (i = 0; i < ARRAY_SIZE(tests); i++)
    {
        res = NULL;
        ret = getaddrinfo(tests[i].name, NULL, &hints, &res);
        ok(!ret, "%s: getaddrinfo returned %d\n", tests[i].name, ret);
        if (ret) continue;
        ok(res->ai_family == AF_INET, "%s: family %d\n", tests[i].name, res->ai_family);
        ok(((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr == inet_addr(tests[i].addr),
           "%s: got %s\n", tests[i].name, inet_ntoa(((struct sockaddr_in *)res->ai_addr)->sin_addr));
        ok(!res->ai_next || res->ai_next->ai_family == AF_INET, "%s: more than one family\n", tests[i].name);
        freeaddrinfo(res);
    }
}

START_TEST(dnsenv)
{
    WSADATA data;
    HMODULE dnsapi;

    if (!(dns_server = getenv("WS2_TEST_DNS")) || !*dns_server)
    {
        skip("WS2_TEST_DNS is not set: not running under tools/with-dns\n");
        return;
    }
    wine_dnsapi = GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != NULL;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_wire();

    dnsapi = LoadLibraryW(L"dnsapi.dll");
    ok(dnsapi != NULL, "dnsapi.dll not loaded: %lu\n", GetLastError());
    if (dnsapi)
    {
        pDnsQuery_W = (void *)GetProcAddress(dnsapi, "DnsQuery_W");
        pDnsRecordListFree = (void *)GetProcAddress(dnsapi, "DnsRecordListFree");
        ok(pDnsQuery_W && pDnsRecordListFree, "dnsapi exports missing\n");
        if (pDnsQuery_W && pDnsRecordListFree) test_dnsquery();
        FreeLibrary(dnsapi);
    }

    test_host_resolver();
    WSACleanup();
}
