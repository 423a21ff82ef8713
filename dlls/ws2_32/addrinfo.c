/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * getaddrinfo, GetAddrInfoW, GetAddrInfoExA/W (synchronous part),
 * freeaddrinfo, FreeAddrInfoW, FreeAddrInfoEx(W), SetAddrInfoExA/W.
 *
 * Every form turns its arguments into one ASCII query (IDN names become
 * punycode), resolves it here, and then lays the results out in its own
 * structure.  The asynchronous GetAddrInfoExW lives in addrinfo_async.c.
 */
#include "resolve.h"
#include "addrinfo.h"
#include "addrtext.h"

/* Every flag Windows documents for hints; anything else is WSAEINVAL. */
#define AI_KNOWN_FLAGS (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | 0x10 /* AI_DNS_ONLY */ \
    | 0x20 /* AI_FORCE_CLEAR_TEXT */ | 0x40 /* AI_BYPASS_DNS_CACHE */ | 0x80 /* AI_RETURN_TTL */ \
    | AI_ALL | AI_ADDRCONFIG | AI_V4MAPPED | AI_NON_AUTHORITATIVE | AI_SECURE \
    | AI_RETURN_PREFERRED_NAMES | AI_FQDN | AI_FILESERVER | AI_DISABLE_IDN_ENCODING \
    | 0x100000 /* AI_SECURE_WITH_FALLBACK */ | 0x200000 /* AI_EXCLUSIVE_CUSTOM_SERVERS */ \
    | 0x10000000 /* AI_RETURN_RESPONSE_FLAGS */ | 0x20000000 /* AI_REQUIRE_SECURE */ \
    | 0x40000000 /* AI_RESOLUTION_HANDLE */ | 0x80000000 /* AI_EXTENDED */)

/* ---- text conversions ---- */

static BOOL is_ascii(const WCHAR *s)
{
    for (; *s; s++) if (*s > 0x7f) return FALSE;
    return TRUE;
}

static char *ascii_from_ascii_wide(const WCHAR *s)
{
    size_t len = 0, i;
    char *out;

    while (s[len]) len++;
    if (!(out = HeapAlloc(GetProcessHeap(), 0, len + 1))) return NULL;
    for (i = 0; i <= len; i++) out[i] = (char)s[i];
    return out;
}

/* A host name as the resolver wants it: ASCII, with non-ASCII names in
 * punycode (IdnToAscii) unless AI_DISABLE_IDN_ENCODING, in which case
 * they go on as UTF-8 and match nothing. */
DWORD ws2_ai_host_from_wide(const WCHAR *name, int flags, char **out)
{
    WCHAR puny[NI_MAXHOST];
    int len;

    *out = NULL;
    if (!name) return 0;
    if (is_ascii(name))
        *out = ascii_from_ascii_wide(name);
    else if (!(flags & AI_DISABLE_IDN_ENCODING)
             && (len = IdnToAscii(0, name, -1, puny, ARRAYSIZE(puny))) > 0)
        *out = ascii_from_ascii_wide(puny);
    else
    {
        if (!(len = WideCharToMultiByte(CP_UTF8, 0, name, -1, NULL, 0, NULL, NULL))) return WSAHOST_NOT_FOUND;
        if ((*out = HeapAlloc(GetProcessHeap(), 0, len)))
            WideCharToMultiByte(CP_UTF8, 0, name, -1, *out, len, NULL, NULL);
    }
    return *out ? 0 : WSA_NOT_ENOUGH_MEMORY;
}

/* An ANSI host name that is not ASCII: read in the ANSI code page, then
 * treated as GetAddrInfoW treats it. */
static DWORD host_from_ansi(const char *name, int flags, char **out)
{
    WCHAR *wide;
    DWORD err;
    int len;

    *out = NULL;
    if (!(len = MultiByteToWideChar(CP_ACP, 0, name, -1, NULL, 0))) return WSAHOST_NOT_FOUND;
    if (!(wide = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR)))) return WSA_NOT_ENOUGH_MEMORY;
    MultiByteToWideChar(CP_ACP, 0, name, -1, wide, len);
    err = ws2_ai_host_from_wide(wide, flags, out);
    HeapFree(GetProcessHeap(), 0, wide);
    return err;
}

/* A service name: only ASCII can match the services file. */
DWORD ws2_ai_service_from_wide(const WCHAR *service, char **out)
{
    *out = NULL;
    if (!service) return 0;
    if (!is_ascii(service)) return WSATYPE_NOT_FOUND;
    return (*out = ascii_from_ascii_wide(service)) ? 0 : WSA_NOT_ENOUGH_MEMORY;
}

/* ---- checking a query ---- */

/* The hint checks every form shares; 0 or the error. */
DWORD ws2_ai_check_hints(struct ws2_ai_query *q, int flags, int family, int socktype, int protocol,
                         BOOL extra_fields_set)
{
    q->flags = flags;
    q->family = family;
    q->socktype = socktype;
    q->protocol = protocol;
    if (extra_fields_set) return WSANO_RECOVERY;
    if (flags & ~AI_KNOWN_FLAGS) return WSAEINVAL;
    if ((flags & AI_FQDN) && (flags & AI_CANONNAME)) return WSAEINVAL;
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6) return WSAEAFNOSUPPORT;
    if (socktype < 0 || socktype > SOCK_SEQPACKET) return WSAESOCKTNOSUPPORT;
    return 0;
}

/* ---- services ---- */

static BOOL is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Windows reads a numeric service as strtoul does (leading blanks, a sign,
 * decimal digits, saturating at ULONG_MAX) and keeps the low 16 bits; any
 * character after the digits makes it a name instead. */
static BOOL parse_numeric_service(const char *s, USHORT *port)
{
    ULONG value = 0;
    BOOL negative = FALSE, digits = FALSE, overflow = FALSE;

    while (is_space(*s)) s++;
    if (*s == '+' || *s == '-') negative = (*s++ == '-');
    for (; *s >= '0' && *s <= '9'; s++)
    {
        digits = TRUE;
        if (value > (0xffffffffu - (ULONG)(*s - '0')) / 10) overflow = TRUE;
        else value = value * 10 + (ULONG)(*s - '0');
    }
    if (!digits || *s) return FALSE;
    if (overflow) value = 0xffffffff;
    else if (negative) value = 0u - value;
    *port = (USHORT)value;
    return TRUE;
}

/* Resolves the service: its port, and the socket type a name implies when
 * the hints leave it open (a name only TCP knows gives SOCK_STREAM). */
static DWORD resolve_service(const struct ws2_ai_query *q, USHORT *port, int *socktype)
{
    USHORT tcp_port, udp_port;
    BOOL tcp, udp;

    *port = 0;
    *socktype = q->socktype;
    if (!q->service || !*q->service) return 0;
    if (parse_numeric_service(q->service, port)) return 0;
    if (q->flags & AI_NUMERICSERV) return WSAHOST_NOT_FOUND;

    tcp = q->socktype != SOCK_DGRAM && ws2_service_port(q->service, "tcp", &tcp_port);
    udp = q->socktype != SOCK_STREAM && ws2_service_port(q->service, "udp", &udp_port);
    if (!tcp && !udp) return WSATYPE_NOT_FOUND;
    *port = tcp ? tcp_port : udp_port;
    if (!q->socktype && tcp != udp) *socktype = tcp ? SOCK_STREAM : SOCK_DGRAM;
    return 0;
}

/* ---- hosts ---- */

/* getaddrinfo's numeric forms: a four-part IPv4 address (each part
 * decimal, octal or hex, as "1.2.3.0x4"), or IPv6 text, bare or in
 * brackets, with an optional scope and, after brackets, a port that is
 * ignored. */
static BOOL parse_numeric_node(const char *node, struct ws2_addr *addr)
{
    const char *p, *end;
    int dots = 0;
    uint8_t bytes[16];
    uint32_t scope = 0;
    uint16_t port;

    memset(addr, 0, sizeof(*addr));
    /* The usual form first: every strict dotted quad is a classic one. */
    if ((end = ws2_parse_ipv4(node, bytes)) && !*end)
    {
        addr->family = AF_INET;
        memcpy(addr->bytes, bytes, 4);
        return TRUE;
    }
    for (p = node; *p; p++) if (*p == '.') dots++;
    if (dots == 3 && (end = ws2_parse_ipv4_loose(node, bytes)) && !*end)
    {
        addr->family = AF_INET;
        memcpy(addr->bytes, bytes, 4);
        return TRUE;
    }
    for (p = node; *p; p++) if (*p == ':') break;
    if (*p && !ws2_parse_ipv6_sockaddr(node, bytes, &scope, &port))
    {
        addr->family = AF_INET6;
        memcpy(addr->bytes, bytes, 16);
        addr->scope_id = scope;
        return TRUE;
    }
    return FALSE;
}

static struct ws2_addr mapped_ipv4(const struct ws2_addr *v4)
{
    struct ws2_addr addr;

    memset(&addr, 0, sizeof(addr));
    addr.family = AF_INET6;
    addr.bytes[10] = addr.bytes[11] = 0xff;
    memcpy(addr.bytes + 12, v4->bytes, 4);
    return addr;
}

/* One result list in the making: addresses plus the canonical name.  The
 * common small results (a numeric host, no node) need no heap. */
struct node_result
{
    struct ws2_addr *addrs;         /* 'few' or a heap block */
    unsigned int count;
    const char *canon;              /* the query's node or canon_copy */
    char *canon_copy;
    BOOL numeric;
    struct ws2_addr few[2];
};

static DWORD add_addrs(struct node_result *r, const struct ws2_addr *addrs, unsigned int count, BOOL map)
{
    struct ws2_addr *grown;
    unsigned int i;

    if (!count) return 0;
    if (r->count + count <= ARRAYSIZE(r->few)) grown = r->few;
    else if (r->addrs != r->few && r->addrs)
        grown = HeapReAlloc(GetProcessHeap(), 0, r->addrs, (r->count + count) * sizeof(*grown));
    else if ((grown = HeapAlloc(GetProcessHeap(), 0, (r->count + count) * sizeof(*grown))))
        memcpy(grown, r->few, r->count * sizeof(*grown));
    if (!grown) return WSA_NOT_ENOUGH_MEMORY;
    r->addrs = grown;
    for (i = 0; i < count; i++) r->addrs[r->count++] = map ? mapped_ipv4(&addrs[i]) : addrs[i];
    return 0;
}

static DWORD take_info(struct node_result *r, struct ws2_hostinfo *info, BOOL map)
{
    DWORD err = add_addrs(r, info->addrs, info->addr_count, map);
    size_t len;

    if (!err && !r->canon)
    {
        len = strlen(info->name);
        if ((r->canon_copy = HeapAlloc(GetProcessHeap(), 0, len + 1)))
        {
            memcpy(r->canon_copy, info->name, len + 1);
            r->canon = r->canon_copy;
        }
        else err = WSA_NOT_ENOUGH_MEMORY;
    }
    ws2_hostinfo_free(info);
    return err;
}

static const GUID tcpip_provider = { 0x22059d40, 0x7e9e, 0x11cf, { 0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b } };

/* The name spaces answered here: all, DNS, and the Tcpip provider's GUID,
 * plus those of installed, enabled name-space providers. */
DWORD ws2_ai_check_namespace(DWORD name_space, const GUID *provider)
{
    GUID copy;

    if (provider)
    {
        if (!ws2_copy(&copy, provider, sizeof(copy))) return WSAEFAULT;
        if (!memcmp(&copy, &tcpip_provider, sizeof(GUID)))
            return name_space == NS_ALL || name_space == NS_DNS ? 0 : WSASERVICE_NOT_FOUND;
        return ws2_nsp_installed(&copy, name_space) ? 0 : WSASERVICE_NOT_FOUND;
    }
    if (name_space == NS_ALL || name_space == NS_DNS) return 0;
    return ws2_nsp_installed(NULL, name_space) ? 0 : WSASERVICE_NOT_FOUND;
}

void ws2_ai_set_namespace(struct ws2_ai_query *q, DWORD name_space, const GUID *provider)
{
    q->name_space = name_space;
    q->has_provider = provider && memcmp(provider, &tcpip_provider, sizeof(GUID));
    if (q->has_provider) q->provider = *provider;
}

/* Whether our own DNS and hosts resolution answers the query. */
static BOOL ours_answers(const struct ws2_ai_query *q)
{
    return !q->has_provider && (q->name_space == NS_ALL || q->name_space == NS_DNS);
}

/* The addresses installed name-space providers give for q's node. */
static DWORD installed_answer(const struct ws2_ai_query *q, struct node_result *r)
{
    struct ws2_addr *addrs;
    unsigned int count;
    DWORD err;

    err = ws2_nsp_resolve(q->node, q->family, q->name_space, q->has_provider ? &q->provider : NULL, &addrs, &count);
    if (err) return err;
    err = add_addrs(r, addrs, count, FALSE);
    HeapFree(GetProcessHeap(), 0, addrs);
    return err;
}

static DWORD resolve_node(const struct ws2_ai_query *q, struct node_result *r)
{
    DWORD flags = 0, err, err4;
    struct ws2_hostinfo *info;
    struct ws2_addr addr, pair[2];

    r->addrs = NULL;
    r->count = 0;
    r->canon = r->canon_copy = NULL;
    r->numeric = FALSE;
    if (!q->node)
    {
        /* No node: the wildcard for bind() with AI_PASSIVE, else loopback. */
        memset(pair, 0, sizeof(pair));
        pair[0].family = AF_INET6;
        pair[1].family = AF_INET;
        if (!(q->flags & AI_PASSIVE))
        {
            pair[0].bytes[15] = 1;
            pair[1].bytes[0] = 127;
            pair[1].bytes[3] = 1;
        }
        if (q->family == AF_INET) return add_addrs(r, &pair[1], 1, FALSE);
        if (q->family == AF_INET6) return add_addrs(r, &pair[0], 1, FALSE);
        return add_addrs(r, pair, 2, FALSE);
    }

    if (parse_numeric_node(q->node, &addr))
    {
        r->numeric = TRUE;
        if (q->family == AF_INET6 && addr.family == AF_INET && (q->flags & AI_V4MAPPED))
            addr = mapped_ipv4(&addr);
        else if (q->family != AF_UNSPEC && q->family != addr.family)
            return WSAHOST_NOT_FOUND;
        r->canon = q->node;
        r->few[0] = addr;
        r->addrs = r->few;
        r->count = 1;
        return 0;
    }
    if (q->flags & AI_NUMERICHOST) return WSAHOST_NOT_FOUND;

    /* Windows applies AI_ADDRCONFIG unless AI_ALL is given without it. */
    if (!(q->flags & AI_ALL) || (q->flags & AI_ADDRCONFIG)) flags |= WS2_RESOLVE_ADDRCONFIG;
    /* Only four-part numeric forms count; "1.2.3" is a name. */
    flags |= WS2_RESOLVE_NO_NUMERIC;

    if (q->family == AF_INET6 && (q->flags & AI_V4MAPPED))
    {
        err = ws2_resolve_name(q->node, AF_INET6, flags, &info);
        if (!err && (err = take_info(r, info, FALSE))) return err;
        if (!err && !(q->flags & AI_ALL)) return 0;
        err4 = ws2_resolve_name(q->node, AF_INET, flags, &info);
        if (!err4) return take_info(r, info, TRUE);
        return r->count ? 0 : (err == WSANO_DATA ? err4 : err);
    }
    if (!ours_answers(q)) return installed_answer(q, r);
    err = ws2_resolve_name(q->node, q->family, flags, &info);
    /* Under NS_ALL a name DNS does not know is the installed providers'. */
    if ((err == WSAHOST_NOT_FOUND || err == WSANO_DATA) && q->name_space == NS_ALL &&
        !installed_answer(q, r))
        return 0;
    if (err) return err;
    return take_info(r, info, FALSE);
}

static void free_node_result(struct node_result *r)
{
    if (r->addrs != r->few) HeapFree(GetProcessHeap(), 0, r->addrs);
    HeapFree(GetProcessHeap(), 0, r->canon_copy);
}

/* ---- building the result list ---- */

static int fill_sockaddr(const struct ws2_addr *addr, USHORT port, SOCKADDR *sa)
{
    if (addr->family == AF_INET)
    {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)sa;

        memset(sin, 0, sizeof(*sin));
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        memcpy(&sin->sin_addr, addr->bytes, 4);
        return sizeof(*sin);
    }
    else
    {
        SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)sa;

        memset(sin6, 0, sizeof(*sin6));
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        memcpy(&sin6->sin6_addr, addr->bytes, 16);
        sin6->sin6_scope_id = addr->scope_id;
        return sizeof(*sin6);
    }
}

/* ---- node memory ----
 * Every node is one heap block of at least NODE_SIZE bytes.  A thread
 * keeps one freed node without a name for its next result: a numeric
 * getaddrinfo and its freeaddrinfo then cost no heap call at all. */
#define NODE_SIZE (sizeof(ADDRINFOEXW) + sizeof(SOCKADDR_IN6))

C_ASSERT(offsetof(ADDRINFOW, ai_addr) == offsetof(ADDRINFOEXW, ai_addr));

static void *node_alloc(SIZE_T size)
{
    struct ws2_thread *t;
    void *block;

    if (size > NODE_SIZE || !(t = ws2_get_thread()) || !(block = t->free_node))
        return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size < NODE_SIZE ? NODE_SIZE : size);
    t->free_node = NULL;
    return block;   /* make_node sets every field */
}

/* A node whose ai_canonname is NULL can be kept: it is at least NODE_SIZE. */
static void node_free(void *block, BOOL has_name)
{
    struct ws2_thread *t;

    if (!has_name && (t = ws2_peek_thread()) && !t->free_node)
        t->free_node = block;
    else
        HeapFree(GetProcessHeap(), 0, block);
}

/* One node of any of the four list types: the structure, its sockaddr and
 * (first node only) the canonical name, in one block.  ADDRINFOA and
 * ADDRINFOW share a layout, as do ADDRINFOEXA and ADDRINFOEXW. */
static void *make_node(BOOL ex, BOOL wide, int flags, int socktype, int protocol,
                       const struct ws2_addr *addr, USHORT port, const char *canon)
{
    SIZE_T head = ex ? sizeof(ADDRINFOEXW) : sizeof(ADDRINFOW);
    SIZE_T canon_chars = canon ? strlen(canon) + 1 : 0;
    SIZE_T size = head + sizeof(SOCKADDR_IN6) + canon_chars * (wide ? sizeof(WCHAR) : 1);
    char *block = node_alloc(size);
    ADDRINFOW *ai;
    SOCKADDR *sa;
    void *name = NULL;
    int addrlen;
    SIZE_T i;

    if (!block) return NULL;
    sa = (SOCKADDR *)(block + head);
    addrlen = fill_sockaddr(addr, port, sa);
    if (canon)
    {
        name = block + head + sizeof(SOCKADDR_IN6);
        for (i = 0; i < canon_chars; i++)
        {
            if (wide) ((WCHAR *)name)[i] = (unsigned char)canon[i];
            else ((char *)name)[i] = canon[i];
        }
    }
    /* ADDRINFOEXW starts with ADDRINFOW's first seven fields. */
    ai = (ADDRINFOW *)block;
    ai->ai_flags = flags;
    ai->ai_family = addr->family;
    ai->ai_socktype = socktype;
    ai->ai_protocol = protocol;
    ai->ai_addrlen = addrlen;
    ai->ai_canonname = name;
    ai->ai_addr = sa;
    if (ex)
    {
        ADDRINFOEXW *aix = (ADDRINFOEXW *)block;

        aix->ai_blob = NULL;
        aix->ai_bloblen = 0;
        aix->ai_provider = NULL;
        aix->ai_next = NULL;
    }
    else ai->ai_next = NULL;
    return block;
}

static void set_next(BOOL ex, void *node, void *next)
{
    if (ex) ((ADDRINFOEXW *)node)->ai_next = next;
    else ((ADDRINFOW *)node)->ai_next = next;
}

static void *get_next(BOOL ex, void *node)
{
    return ex ? (void *)((ADDRINFOEXW *)node)->ai_next : (void *)((ADDRINFOW *)node)->ai_next;
}

void ws2_ai_free_list(void *list, BOOL ex)
{
    void *next, *name;

    for (; list; list = next)
    {
        next = get_next(ex, list);
        name = ex ? (void *)((ADDRINFOEXW *)list)->ai_canonname : (void *)((ADDRINFOW *)list)->ai_canonname;
        node_free(list, name != NULL);
    }
}

DWORD ws2_ai_resolve(const struct ws2_ai_query *q, BOOL ex, BOOL wide, void **result)
{
    struct node_result r;
    void *head = NULL, *tail = NULL, *node;
    const char *canon;
    int socktype, flags;
    unsigned int i;
    USHORT port;
    DWORD err;

    *result = NULL;
    if (!q->node && !q->service) return WSAHOST_NOT_FOUND;
    if (!q->node && (q->flags & (AI_CANONNAME | AI_FQDN))) return WSANO_RECOVERY;
    if ((err = resolve_service(q, &port, &socktype))) return err;
    if ((err = resolve_node(q, &r))) goto done;
    if (!r.count)
    {
        err = WSANO_DATA;
        goto done;
    }

    /* Results carry the hints' type and protocol as given; a numeric node
     * is marked AI_NUMERICHOST. */
    flags = r.numeric ? AI_NUMERICHOST : 0;
    canon = (q->flags & (AI_CANONNAME | AI_FQDN)) ? r.canon : NULL;
    for (i = 0; i < r.count; i++)
    {
        if (!(node = make_node(ex, wide, flags, socktype, q->protocol, &r.addrs[i], port, i ? NULL : canon)))
        {
            ws2_ai_free_list(head, ex);
            head = NULL;
            err = WSA_NOT_ENOUGH_MEMORY;
            goto done;
        }
        if (tail) set_next(ex, tail, node);
        else head = node;
        tail = node;
    }
    *result = head;
done:
    free_node_result(&r);
    return err;
}

void ws2_ai_query_clear(struct ws2_ai_query *q)
{
    HeapFree(GetProcessHeap(), 0, q->node_copy);
    HeapFree(GetProcessHeap(), 0, q->service_copy);
    q->node_copy = q->service_copy = NULL;
    q->node = q->service = NULL;
}

/* Sets the last error to the result, as Windows does (0 on success). */
static int finish(DWORD err)
{
    SetLastError(err);
    return err;
}

/* Hints given as an ADDRINFOA/ADDRINFOW (same layout). */
static DWORD read_hints(struct ws2_ai_query *q, const ADDRINFOW *hints)
{
    if (!hints) return ws2_ai_check_hints(q, 0, AF_UNSPEC, 0, 0, FALSE);
    if (!ws2_readable(hints, sizeof(*hints))) return WSAEFAULT;
    return ws2_ai_check_hints(q, hints->ai_flags, hints->ai_family, hints->ai_socktype, hints->ai_protocol,
                              hints->ai_addrlen || hints->ai_canonname || hints->ai_addr || hints->ai_next);
}

DWORD ws2_ai_read_hints_ex(struct ws2_ai_query *q, const ADDRINFOEXW *hints)
{
    if (!hints) return ws2_ai_check_hints(q, 0, AF_UNSPEC, 0, 0, FALSE);
    if (!ws2_readable(hints, sizeof(*hints))) return WSAEFAULT;
    return ws2_ai_check_hints(q, hints->ai_flags, hints->ai_family, hints->ai_socktype, hints->ai_protocol,
                              hints->ai_addrlen || hints->ai_canonname || hints->ai_addr || hints->ai_next);
}

/* ---- exports ---- */

int WINAPI getaddrinfo(const char *node, const char *service, const ADDRINFOA *hints, ADDRINFOA **result)
{
    struct ws2_ai_query q = { 0 };
    SIZE_T node_len;
    DWORD err;

    TRACE("%p %p %p %p\n", node, service, hints, result);
    if ((err = ws2_enter_check())) return finish(err);
    /* No list yet.  A NULL pointer is zero bytes, so clearing needs no
     * source; copying one from a constant here would have the check look
     * at this DLL's own memory on every call. */
    if (!result || !ws2_zero(result, sizeof(*result))) return finish(WSAEFAULT);
    if ((err = ws2_ai_check_ansi(node, service, &node_len))) return finish(err);
    if (!(err = read_hints(&q, (const ADDRINFOW *)hints)) && !(err = ws2_ai_query_from_ansi(&q, node, node_len, service)))
        err = ws2_ai_resolve(&q, FALSE, FALSE, (void **)result);
    ws2_ai_query_clear(&q);
    return finish(err);
}

/* The length of a caller's wide string, or -1 if it cannot be read. */
SSIZE_T ws2_wide_length(const WCHAR *s)
{
    SSIZE_T len = 0;

    for (;;)
    {
        if (!ws2_readable(s + len, sizeof(WCHAR))) return -1;
        if (!s[len]) return len;
        len++;
    }
}

/* The query of the W forms: node and service converted, hints read. */
DWORD ws2_ai_query_from_wide(struct ws2_ai_query *q, const WCHAR *node, const WCHAR *service)
{
    DWORD err;

    if ((node && ws2_wide_length(node) < 0) || (service && ws2_wide_length(service) < 0)) return WSAEFAULT;
    if ((err = ws2_ai_host_from_wide(node, q->flags, &q->node_copy))) return err;
    q->node = q->node_copy;
    err = ws2_ai_service_from_wide(service, &q->service_copy);
    q->service = q->service_copy;
    return err;
}

/* Whether the len bytes at s are all ASCII; a word at a time. */
static BOOL is_ascii_n(const char *s, SIZE_T len)
{
    SIZE_T word;

    for (; len >= sizeof(word); s += sizeof(word), len -= sizeof(word))
    {
        memcpy(&word, s, sizeof(word));
        if (word & ((SIZE_T)-1 / 0xff * 0x80)) return FALSE;
    }
    for (; len; s++, len--) if ((unsigned char)*s > 0x7f) return FALSE;
    return TRUE;
}

DWORD ws2_ai_check_ansi(const char *node, const char *service, SIZE_T *node_len)
{
    SSIZE_T len = 0;

    if ((node && (len = ws2_string_length(node)) < 0) || (service && ws2_string_length(service) < 0))
        return WSAEFAULT;
    *node_len = len;
    return 0;
}

DWORD ws2_ai_query_from_ansi(struct ws2_ai_query *q, const char *node, SIZE_T node_len, const char *service)
{
    DWORD err;

    /* The service is looked up as it is: only ASCII can match. */
    q->service = service;
    if (!node) return 0;
    if (is_ascii_n(node, node_len))
    {
        q->node = node;
        return 0;
    }
    err = host_from_ansi(node, q->flags, &q->node_copy);
    q->node = q->node_copy;
    return err;
}

int WINAPI GetAddrInfoW(const WCHAR *node, const WCHAR *service, const ADDRINFOW *hints, ADDRINFOW **result)
{
    struct ws2_ai_query q = { 0 };
    DWORD err;

    TRACE("%p %p %p %p\n", node, service, hints, result);
    if ((err = ws2_enter_check())) return finish(err);
    if (!result || !ws2_writable(result, sizeof(*result))) return finish(WSAEFAULT);
    *result = NULL;
    if (!(err = read_hints(&q, hints)) && !(err = ws2_ai_query_from_wide(&q, node, service)))
        err = ws2_ai_resolve(&q, FALSE, TRUE, (void **)result);
    ws2_ai_query_clear(&q);
    return finish(err);
}

int WINAPI GetAddrInfoExA(const char *name, const char *service, DWORD name_space, GUID *provider,
                          const ADDRINFOEXA *hints, ADDRINFOEXA **result, struct timeval *timeout,
                          OVERLAPPED *overlapped, void *routine, HANDLE *handle)
{
    struct ws2_ai_query q = { 0 };
    SIZE_T name_len;
    DWORD err;

    TRACE("%p %p %lu %p %p %p\n", name, service, name_space, provider, hints, result);
    if ((err = ws2_enter_check())) return finish(err);
    if (!result || !ws2_writable(result, sizeof(*result))) return finish(WSAEFAULT);
    *result = NULL;
    /* The ANSI form is never asynchronous: these are reserved. */
    if (timeout || overlapped || routine || handle) return finish(WSAEINVAL);
    if ((err = ws2_ai_check_namespace(name_space, provider))) return finish(err);
    ws2_ai_set_namespace(&q, name_space, provider);
    if ((err = ws2_ai_check_ansi(name, service, &name_len))) return finish(err);
    if (!(err = ws2_ai_read_hints_ex(&q, (const ADDRINFOEXW *)hints))
            && !(err = ws2_ai_query_from_ansi(&q, name, name_len, service)))
        err = ws2_ai_resolve(&q, TRUE, FALSE, (void **)result);
    ws2_ai_query_clear(&q);
    return finish(err);
}

void WINAPI freeaddrinfo(ADDRINFOA *list)
{
    TRACE("%p\n", list);
    ws2_ai_free_list(list, FALSE);
}

void WINAPI FreeAddrInfoW(ADDRINFOW *list)
{
    TRACE("%p\n", list);
    ws2_ai_free_list(list, FALSE);
}

void WINAPI FreeAddrInfoEx(ADDRINFOEXA *list)
{
    TRACE("%p\n", list);
    ws2_ai_free_list(list, TRUE);
}

void WINAPI FreeAddrInfoExW(ADDRINFOEXW *list)
{
    TRACE("%p\n", list);
    ws2_ai_free_list(list, TRUE);
}

/* Registration: only NS_EMAIL providers accept it and none is installed,
 * so every name space answers that it has no such provider. */
static int set_addrinfo_ex(DWORD name_space, const GUID *provider, const void *timeout,
                           const void *overlapped, const void *routine, const void *handle)
{
    DWORD err;

    if ((err = ws2_enter_check())) return finish(err);
    if (timeout || overlapped || routine || handle) return finish(WSAEINVAL);
    if (provider && !ws2_readable(provider, sizeof(*provider))) return finish(WSAEFAULT);
    return finish(WSASERVICE_NOT_FOUND);
}

int WINAPI SetAddrInfoExA(const char *name, const char *service, SOCKET_ADDRESS *addresses, DWORD count,
                          BLOB *blob, DWORD flags, DWORD name_space, GUID *provider, struct timeval *timeout,
                          OVERLAPPED *overlapped, void *routine, HANDLE *handle)
{
    TRACE("%p %p %p %lu %p %#lx %lu %p\n", name, service, addresses, count, blob, flags, name_space, provider);
    return set_addrinfo_ex(name_space, provider, timeout, overlapped, routine, handle);
}

int WINAPI SetAddrInfoExW(const WCHAR *name, const WCHAR *service, SOCKET_ADDRESS *addresses, DWORD count,
                          BLOB *blob, DWORD flags, DWORD name_space, GUID *provider, struct timeval *timeout,
                          OVERLAPPED *overlapped, void *routine, HANDLE *handle)
{
    TRACE("%p %p %p %lu %p %#lx %lu %p\n", name, service, addresses, count, blob, flags, name_space, provider);
    return set_addrinfo_ex(name_space, provider, timeout, overlapped, routine, handle);
}
