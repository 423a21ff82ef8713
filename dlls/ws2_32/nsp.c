/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Name-space providers and service lookup: WSAEnumNameSpaceProviders(Ex)A/W,
 * WSCEnumNameSpaceProviders(Ex)32 and WSALookupServiceBegin/Next/End.
 *
 * The enumeration reads the persistent name-space catalog (catalog.c).
 * It starts out as the two providers of a Windows 10 machine that this
 * DLL serves itself, NLA (network location, here a list with no networks)
 * and Tcpip (DNS host names and addresses, answered by resolve.h), and
 * holds what WSCInstallNameSpace added; lookups use the two built-in ones.
 *
 * A lookup is a handle in a table; Next validates it there, so a stale or
 * made-up handle is an error, never a crash.  The answer is looked up on
 * the first Next.  When it needs DNS it runs on a thread of its own, so
 * that WSALookupServiceEnd from another thread cancels a Next blocked on
 * it, as documented.
 */
#include "catalog.h"
#include "resolve.h"

/* ---- the catalog ---- */

static const GUID nla_provider_id =
    {0x6642243a, 0x3ba8, 0x4aa6, {0xba, 0xa5, 0x2e, 0x0b, 0xd7, 0x1f, 0xdd, 0x83}};
static const GUID tcpip_provider_id =
    {0x22059d40, 0x7e9e, 0x11cf, {0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b}};

struct ns_provider
{
    const GUID *id;
    DWORD name_space;
    DWORD version;
    const WCHAR *name;
    const WCHAR *path;
};

/* In the order Windows 10 lists them. */
static const struct ns_provider providers[] =
{
    { &nla_provider_id,   NS_NLA, 1, L"Network Location Awareness Legacy",
      L"%SystemRoot%\\System32\\NLAapi.dll" },
    { &tcpip_provider_id, NS_DNS, 0, L"Tcpip", L"%SystemRoot%\\System32\\mswsock.dll" },
};

/* The base entries as catalog items (catalog.h). */
unsigned int ws2_base_name_spaces(struct ws2_ns_item *items)
{
    unsigned int i;

    for (i = 0; items && i < ARRAYSIZE(providers); i++)
    {
        memset(&items[i], 0, sizeof(items[i]));
        items[i].id = *providers[i].id;
        items[i].name_space = providers[i].name_space;
        items[i].version = providers[i].version;
        items[i].enabled = TRUE;
        lstrcpynW(items[i].name, providers[i].name, MAX_PATH);
        lstrcpynW(items[i].path, providers[i].path, MAX_PATH);
    }
    return ARRAYSIZE(providers);
}

/* Service classes (svcguid.h and mswsock.h values). */
static const GUID svcid_hostname        = {0x0002a800, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID svcid_hostaddr_string = {0x0002a801, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID svcid_hostaddr_name   = {0x0002a803, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID svcid_dns_a           = {0x00090035, 0, 0x0001, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID svcid_dns_ptr         = {0x00090035, 0, 0x000c, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID svcid_dns_aaaa        = {0x00090035, 0, 0x001c, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID nla_service_class     = {0x0037e515, 0xb5c9, 0x4a43, {0xba, 0xda, 0x8b, 0x48, 0xa8, 0x7a, 0xd2, 0x39}};

static BOOL same_guid(const GUID *a, const GUID *b)
{
    return !memcmp(a, b, sizeof(GUID));
}

static SIZE_T wide_length(const WCHAR *s)
{
    SIZE_T n = 0;

    while (s[n]) n++;
    return n;
}

/* ---- WSAEnumNameSpaceProviders and friends ---- */

/* Bytes the identifier takes in the caller's character set, NUL included. */
static SIZE_T identifier_size(const WCHAR *name, BOOL ansi)
{
    if (ansi) return WideCharToMultiByte(CP_ACP, 0, name, -1, NULL, 0, NULL, NULL);
    return (wide_length(name) + 1) * sizeof(WCHAR);
}

/* Fills buffer with one record per catalog entry, the identifiers after
 * the records and then the Ex records' BLOBs.  The A, W and Ex records
 * share their layout up to the string pointer, and the Ex ones add the
 * BLOB.  A disabled provider is listed with fActive FALSE.  Returns the
 * count, or SOCKET_ERROR with *error set. */
static int enum_providers(BOOL cat32, DWORD *len, void *buffer, BOOL ansi, BOOL ex, DWORD *error)
{
    const SIZE_T record = ex ? sizeof(WSANAMESPACE_INFOEXW) : sizeof(WSANAMESPACE_INFOW);
    struct ws2_ns_list cat;
    SIZE_T needed, blobs = 0;
    char *strings, *data;
    unsigned int i;

    if (!len || !ws2_writable(len, sizeof(*len)))
    {
        *error = WSAEFAULT;
        return SOCKET_ERROR;
    }
    if ((*error = ws2_ns_read(cat32, &cat))) return SOCKET_ERROR;

    needed = cat.count * record;
    for (i = 0; i < cat.count; i++)
    {
        needed += identifier_size(cat.items[i].name, ansi);
        if (ex) blobs += (cat.items[i].blob_size + 7) & ~7;
    }
    /* the BLOBs start pointer-aligned after the strings */
    if (blobs) needed = ((needed + 7) & ~7) + blobs;

    if (!buffer || *len < needed)
    {
        ws2_ns_free(&cat);
        *len = needed;
        *error = WSAEFAULT;
        return SOCKET_ERROR;
    }
    if (!ws2_writable(buffer, needed))
    {
        ws2_ns_free(&cat);
        *error = WSAEFAULT;
        return SOCKET_ERROR;
    }

    strings = (char *)buffer + cat.count * record;
    data = (char *)buffer + (blobs ? ((needed - blobs) & ~(SIZE_T)7) : needed);
    for (i = 0; i < cat.count; i++)
    {
        const struct ws2_ns_item *item = &cat.items[i];
        WSANAMESPACE_INFOEXW *info = (WSANAMESPACE_INFOEXW *)((char *)buffer + i * record);
        SIZE_T size = identifier_size(item->name, ansi);

        info->NSProviderId = item->id;
        info->dwNameSpace = item->name_space;
        info->fActive = item->enabled;
        info->dwVersion = item->version;
        info->lpszIdentifier = (WCHAR *)strings;
        if (ansi) WideCharToMultiByte(CP_ACP, 0, item->name, -1, strings, size, NULL, NULL);
        else memcpy(strings, item->name, size);
        strings += size;
        if (ex)
        {
            /* what WSCInstallNameSpaceEx stored; the built-in ones keep none */
            info->ProviderSpecific.cbSize = item->blob_size;
            info->ProviderSpecific.pBlobData = item->blob_size ? (BYTE *)data : NULL;
            if (item->blob_size) memcpy(data, item->blob, item->blob_size);
            data += (item->blob_size + 7) & ~7;
        }
    }
    i = cat.count;
    ws2_ns_free(&cat);
    return i;
}

static INT api_enum_providers(BOOL cat32, DWORD *len, void *buffer, BOOL ansi, BOOL ex)
{
    DWORD error;
    int ret;

    if ((error = ws2_enter_check())) return ws2_fail(error);
    ret = enum_providers(cat32, len, buffer, ansi, ex, &error);
    if (ret == SOCKET_ERROR) return ws2_fail(error);
    return ret;
}

INT WINAPI WSAEnumNameSpaceProvidersA(LPDWORD len, LPWSANAMESPACE_INFOA buffer)
{
    TRACE("(%p, %p)\n", len, buffer);
    return api_enum_providers(FALSE, len, buffer, TRUE, FALSE);
}

INT WINAPI WSAEnumNameSpaceProvidersW(LPDWORD len, LPWSANAMESPACE_INFOW buffer)
{
    TRACE("(%p, %p)\n", len, buffer);
    return api_enum_providers(FALSE, len, buffer, FALSE, FALSE);
}

INT WINAPI WSAEnumNameSpaceProvidersExA(LPDWORD len, LPWSANAMESPACE_INFOEXA buffer)
{
    TRACE("(%p, %p)\n", len, buffer);
    return api_enum_providers(FALSE, len, buffer, TRUE, TRUE);
}

INT WINAPI WSAEnumNameSpaceProvidersExW(LPDWORD len, LPWSANAMESPACE_INFOEXW buffer)
{
    TRACE("(%p, %p)\n", len, buffer);
    return api_enum_providers(FALSE, len, buffer, FALSE, TRUE);
}

#ifdef _WIN64
/* The 32-bit catalog (Catalog_Entries), as a 64-bit process sees it. */
INT WINAPI WSCEnumNameSpaceProviders32(LPDWORD len, LPWSANAMESPACE_INFOW buffer)
{
    TRACE("(%p, %p)\n", len, buffer);
    return api_enum_providers(TRUE, len, buffer, FALSE, FALSE);
}

INT WINAPI WSCEnumNameSpaceProvidersEx32(LPDWORD len, LPWSANAMESPACE_INFOEXW buffer)
{
    TRACE("(%p, %p)\n", len, buffer);
    return api_enum_providers(TRUE, len, buffer, FALSE, TRUE);
}
#endif

/* ---- reading the caller's query ---- */

/* What Begin takes from a WSAQUERYSETA/W, in one character set. */
struct query
{
    const GUID *class_id;       /* points at class_copy, or NULL */
    GUID class_copy;
    const GUID *provider_id;    /* points at provider_copy, or NULL */
    GUID provider_copy;
    DWORD name_space;
    WCHAR *name;                /* heap copies, NULL when absent */
    WCHAR *query_string;
    BOOL want_ipv4, want_ipv6;  /* the protocol restrictions' families */
    BOOL restricted;            /* the query listed protocols */
    int socktype, protocol;
};

static void query_clear(struct query *q)
{
    HeapFree(GetProcessHeap(), 0, q->name);
    HeapFree(GetProcessHeap(), 0, q->query_string);
}

/* Length of a caller's wide string, or -1 when it runs into memory that
 * cannot be read; the pages are probed as the string reaches them. */
static SSIZE_T wide_string_length(const WCHAR *s)
{
    SSIZE_T n = 0;

    for (;; n++)
    {
        if ((!n || ((ULONG_PTR)(s + n) & 0xfff) < sizeof(WCHAR)) && !ws2_readable(s + n, sizeof(WCHAR)))
            return -1;
        if (!s[n]) return n;
    }
}

/* A heap copy of the caller's string as UTF-16; NULL stays NULL. */
static DWORD copy_string(const void *s, BOOL ansi, WCHAR **out)
{
    SSIZE_T len;
    WCHAR *copy;

    *out = NULL;
    if (!s) return 0;
    if (ansi)
    {
        if ((len = ws2_string_length(s)) < 0) return WSAEFAULT;
        len = MultiByteToWideChar(CP_ACP, 0, s, len + 1, NULL, 0);
        if (!(copy = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR)))) return WSA_NOT_ENOUGH_MEMORY;
        MultiByteToWideChar(CP_ACP, 0, s, -1, copy, len);
    }
    else
    {
        if ((len = wide_string_length(s)) < 0) return WSAEFAULT;
        if (!(copy = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR)))) return WSA_NOT_ENOUGH_MEMORY;
        memcpy(copy, s, (len + 1) * sizeof(WCHAR));
    }
    *out = copy;
    return 0;
}

static DWORD copy_guid(const GUID *src, GUID *copy, const GUID **out)
{
    *out = NULL;
    if (!src) return 0;
    if (!ws2_readable(src, sizeof(*src))) return WSAEFAULT;
    *copy = *src;
    *out = copy;
    return 0;
}

/* The families and transport the protocol restrictions ask for.  Only
 * the Internet families concern the Tcpip provider; the first of their
 * entries picks the socket type reported with the addresses. */
static DWORD read_protocols(const AFPROTOCOLS *list, DWORD count, struct query *q)
{
    BOOL picked = FALSE;
    DWORD i;

    q->socktype = SOCK_STREAM;
    q->protocol = IPPROTO_TCP;
    if (!count) return 0;
    if (!list || count > 0x10000 || !ws2_readable(list, count * sizeof(*list))) return WSAEFAULT;
    q->restricted = TRUE;
    for (i = 0; i < count; i++)
    {
        int family = list[i].iAddressFamily;

        if (family != AF_INET && family != AF_INET6 && family != AF_UNSPEC) continue;
        if (family != AF_INET6) q->want_ipv4 = TRUE;
        if (family != AF_INET) q->want_ipv6 = TRUE;
        if (!picked && list[i].iProtocol == IPPROTO_UDP)
        {
            q->socktype = SOCK_DGRAM;
            q->protocol = IPPROTO_UDP;
        }
        picked = TRUE;
    }
    return 0;
}

/* WSAQUERYSETA and WSAQUERYSETW differ only in their string types. */
static DWORD read_query(const void *set, BOOL ansi, struct query *q)
{
    const WSAQUERYSETW *w = set;
    DWORD err;

    memset(q, 0, sizeof(*q));
    if (!ws2_readable(set, sizeof(DWORD))) return WSAEFAULT;
    if (w->dwSize < sizeof(WSAQUERYSETW)) return WSA_INVALID_PARAMETER;
    if (!ws2_readable(set, sizeof(WSAQUERYSETW))) return WSAEFAULT;

    q->name_space = w->dwNameSpace;
    if ((err = copy_guid(w->lpServiceClassId, &q->class_copy, &q->class_id))) return err;
    if ((err = copy_guid(w->lpNSProviderId, &q->provider_copy, &q->provider_id))) return err;
    if ((err = read_protocols(w->lpafpProtocols, w->dwNumberOfProtocols, q))) return err;
    if ((err = copy_string(w->lpszServiceInstanceName, ansi, &q->name))) return err;
    if ((err = copy_string(w->lpszQueryString, ansi, &q->query_string))) return err;
    return 0;
}

/* ---- lookups ---- */

enum lookup_kind
{
    LOOKUP_NLA,         /* the network list: no networks known here */
    LOOKUP_NAME,        /* host name (or numeric string) to addresses */
    LOOKUP_ADDRESS,     /* address to host name */
    LOOKUP_INSTALLED,   /* only installed providers answer (nsprovider.c) */
};

enum lookup_state
{
    STATE_NEW,          /* nothing looked up yet */
    STATE_RUNNING,      /* a thread is asking DNS */
    STATE_DONE,         /* error and info hold the answer */
};

/* A DNS lookup on its own thread.  It keeps copies of what it needs, so
 * the lookup may be ended and freed while it runs. */
struct job
{
    LONG refs;
    HANDLE done;        /* manual-reset, set when error and info are final */
    enum lookup_kind kind;
    char *name;
    struct ws2_addr addr;
    int family;
    DWORD flags;
    HMODULE module;     /* our DLL, held while the thread runs */
    DWORD error;
    struct ws2_hostinfo *info;
};

struct lookup
{
    struct lookup *next;        /* in the table */
    ULONG_PTR id;               /* the handle value the caller holds */
    LONG refs;
    HANDLE cancel;              /* manual-reset, set by WSALookupServiceEnd */
    enum lookup_kind kind;
    DWORD flags;                /* Begin's control flags */
    GUID class_id;
    char *name;                 /* ASCII; NULL for the local host */
    struct ws2_addr addr;       /* LOOKUP_ADDRESS */
    int family;                 /* AF_INET, AF_INET6 or AF_UNSPEC */
    DWORD resolve_flags;
    int socktype, protocol;
    WCHAR *query_string;        /* returned with LUP_RETURN_QUERY_STRING */

    SRWLOCK lock;               /* guards the fields below */
    enum lookup_state state;
    struct job *job;
    DWORD error;
    struct ws2_hostinfo *info;
    unsigned int position;      /* results handed out so far */
    BOOL too_large;             /* the last Next failed for lack of room */
    struct ws2_nsp_lookup *nsp; /* installed providers asked after ours */
};

static SRWLOCK table_lock = SRWLOCK_INIT;
static struct lookup *lookups;
static ULONG_PTR last_id = 0x1000;

static void job_release(struct job *job)
{
    if (InterlockedDecrement(&job->refs)) return;
    if (job->info) ws2_hostinfo_free(job->info);
    if (job->done) CloseHandle(job->done);
    HeapFree(GetProcessHeap(), 0, job->name);
    HeapFree(GetProcessHeap(), 0, job);
}

static void lookup_release(struct lookup *l)
{
    if (InterlockedDecrement(&l->refs)) return;
    if (l->job) job_release(l->job);
    if (l->info) ws2_hostinfo_free(l->info);
    if (l->cancel) CloseHandle(l->cancel);
    ws2_nsp_end(l->nsp);
    HeapFree(GetProcessHeap(), 0, l->name);
    HeapFree(GetProcessHeap(), 0, l->query_string);
    HeapFree(GetProcessHeap(), 0, l);
}

/* The live lookup behind a handle, with a reference, or NULL. */
static struct lookup *lookup_get(HANDLE handle)
{
    struct lookup *l;

    AcquireSRWLockShared(&table_lock);
    for (l = lookups; l; l = l->next)
        if (l->id == (ULONG_PTR)handle) break;
    if (l) InterlockedIncrement(&l->refs);
    ReleaseSRWLockShared(&table_lock);
    return l;
}

static HANDLE lookup_publish(struct lookup *l)
{
    AcquireSRWLockExclusive(&table_lock);
    last_id += 4;           /* never NULL, never INVALID_HANDLE_VALUE */
    l->id = last_id;
    l->next = lookups;
    lookups = l;
    ReleaseSRWLockExclusive(&table_lock);
    return (HANDLE)l->id;
}

/* Takes the lookup out of the table; the table's reference goes to the caller. */
static struct lookup *lookup_unpublish(HANDLE handle)
{
    struct lookup **p, *l = NULL;

    AcquireSRWLockExclusive(&table_lock);
    for (p = &lookups; *p; p = &(*p)->next)
    {
        if ((*p)->id != (ULONG_PTR)handle) continue;
        l = *p;
        *p = l->next;
        break;
    }
    ReleaseSRWLockExclusive(&table_lock);
    return l;
}

/* ---- what Begin accepts ---- */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* "d.c.b.a" with four decimal labels (the in-addr.arpa order). */
static BOOL parse_in_addr_labels(const char *s, size_t len, BYTE bytes[4])
{
    unsigned int label = 0, value = 0, digits = 0;
    size_t i;

    for (i = 0; i <= len; i++)
    {
        if (i == len || s[i] == '.')
        {
            if (!digits || label == 4) return FALSE;
            bytes[3 - label++] = (BYTE)value;
            value = digits = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || ++digits > 3) return FALSE;
        value = value * 10 + (s[i] - '0');
        if (value > 255) return FALSE;
    }
    return label == 4;
}

/* 32 hex nibbles separated by dots, lowest nibble first (ip6.arpa order). */
static BOOL parse_ip6_arpa_labels(const char *s, size_t len, BYTE bytes[16])
{
    unsigned int k;

    if (len != 63) return FALSE;
    memset(bytes, 0, 16);
    for (k = 0; k < 32; k++)
    {
        int nibble = hex_digit(s[2 * k]);

        if (nibble < 0 || (k < 31 && s[2 * k + 1] != '.')) return FALSE;
        bytes[15 - k / 2] |= (BYTE)(k % 2 ? nibble << 4 : nibble);
    }
    return TRUE;
}

/* Whether name[0..len) ends in suffix (ASCII case ignored); *prefix is
 * the length before it. */
static BOOL has_suffix(const char *name, size_t len, const char *suffix, size_t *prefix)
{
    size_t n = strlen(suffix), i;

    if (len <= n) return FALSE;
    for (i = 0; i < n; i++)
    {
        char c = name[len - n + i];

        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        if (c != suffix[i]) return FALSE;
    }
    *prefix = len - n;
    return TRUE;
}

/* The address a reverse lookup names: "1.2.0.192.in-addr.arpa", the
 * ip6.arpa nibble form (either with a trailing dot), or the address text
 * itself. */
static BOOL parse_reverse_name(const char *name, struct ws2_addr *addr)
{
    size_t len = strlen(name), prefix;

    memset(addr, 0, sizeof(*addr));
    if (len && name[len - 1] == '.') len--;
    if (has_suffix(name, len, ".in-addr.arpa", &prefix))
    {
        addr->family = AF_INET;
        return parse_in_addr_labels(name, prefix, addr->bytes);
    }
    if (has_suffix(name, len, ".ip6.arpa", &prefix))
    {
        addr->family = AF_INET6;
        return parse_ip6_arpa_labels(name, prefix, addr->bytes);
    }
    return ws2_parse_numeric_host(name, FALSE, addr);
}

/* The host name as the resolver takes it: ASCII, international names in
 * their punycode form.  NULL when it cannot be written so. */
static char *name_to_ascii(const WCHAR *name)
{
    WCHAR *idn = NULL;
    const WCHAR *src = name;
    char *ascii;
    SIZE_T i, len;

    for (i = 0; name[i]; i++)
        if (name[i] >= 0x80) break;
    if (name[i])
    {
        int size = IdnToAscii(0, name, -1, NULL, 0);

        if (size <= 0 || !(idn = HeapAlloc(GetProcessHeap(), 0, size * sizeof(WCHAR)))) return NULL;
        if (IdnToAscii(0, name, -1, idn, size) <= 0)
        {
            HeapFree(GetProcessHeap(), 0, idn);
            return NULL;
        }
        src = idn;
    }
    len = wide_length(src);
    if ((ascii = HeapAlloc(GetProcessHeap(), 0, len + 1)))
        for (i = 0; i <= len; i++) ascii[i] = (char)src[i];
    HeapFree(GetProcessHeap(), 0, idn);
    return ascii;
}

/* Which provider answers the query, and what it asks: the DNS provider
 * takes the host classes, NLA a query without class (or with its own). */
static DWORD classify(const struct query *q, struct lookup *l)
{
    const GUID *c = q->class_id;
    BOOL dns_ok, nla_ok;

    if (q->name_space != NS_ALL && q->name_space != NS_DNS && q->name_space != NS_NLA)
        return WSASERVICE_NOT_FOUND;
    dns_ok = q->name_space != NS_NLA && (!q->provider_id || same_guid(q->provider_id, &tcpip_provider_id));
    nla_ok = q->name_space != NS_DNS && (!q->provider_id || same_guid(q->provider_id, &nla_provider_id));

    if (!c || same_guid(c, &nla_service_class))
    {
        if (nla_ok)
        {
            l->kind = LOOKUP_NLA;
            return 0;
        }
        /* The DNS provider cannot do without a class. */
        return (!c && dns_ok) ? WSAEINVAL : WSASERVICE_NOT_FOUND;
    }
    if (!dns_ok) return WSASERVICE_NOT_FOUND;
    l->class_id = *c;
    l->socktype = q->socktype;
    l->protocol = q->protocol;

    if (same_guid(c, &svcid_dns_ptr))
    {
        char *name;
        BOOL ok;

        if (!q->name || !(name = name_to_ascii(q->name))) return WSAEINVAL;
        ok = parse_reverse_name(name, &l->addr);
        HeapFree(GetProcessHeap(), 0, name);
        if (!ok) return WSAEINVAL;
        l->kind = LOOKUP_ADDRESS;
        l->family = l->addr.family;
        return 0;
    }

    l->kind = LOOKUP_NAME;
    if (same_guid(c, &svcid_dns_a)) l->family = AF_INET;
    else if (same_guid(c, &svcid_dns_aaaa)) l->family = AF_INET6;
    else if (same_guid(c, &svcid_hostname) || same_guid(c, &svcid_hostaddr_name)
             || same_guid(c, &svcid_hostaddr_string))
    {
        /* IPv4 unless the protocol restrictions say otherwise. */
        if (!q->restricted || (q->want_ipv4 && !q->want_ipv6)) l->family = AF_INET;
        else if (q->want_ipv6 && !q->want_ipv4) l->family = AF_INET6;
        else if (q->want_ipv4) l->family = AF_UNSPEC;
        else return WSASERVICE_NOT_FOUND;   /* no Internet protocol asked for */
        if (same_guid(c, &svcid_hostaddr_string))
            l->resolve_flags = WS2_RESOLVE_NUMERIC_ONLY | WS2_RESOLVE_LOOSE_IPV4;
    }
    else return WSASERVICE_NOT_FOUND;

    if (q->name && *q->name)
    {
        if (!(l->name = name_to_ascii(q->name))) return WSASERVICE_NOT_FOUND;
    }
    else if (same_guid(c, &svcid_dns_a) || same_guid(c, &svcid_dns_aaaa)) return WSAEINVAL;
    return 0;
}

/* Installed providers take the query as a WSAQUERYSETW: an ANSI caller's
 * is rebuilt from what Begin read. */
static DWORD begin_installed(const void *set, BOOL ansi, const struct query *q, DWORD flags, struct lookup *l)
{
    const WSAQUERYSETA *a = set;
    WSAQUERYSETW w;

    if (!ansi) w = *(const WSAQUERYSETW *)set;
    else
    {
        memset(&w, 0, sizeof(w));
        w.dwSize = sizeof(w);
        w.lpszServiceInstanceName = q->name;
        w.lpServiceClassId = (GUID *)q->class_id;
        w.lpVersion = a->lpVersion;
        w.dwNameSpace = a->dwNameSpace;
        w.lpNSProviderId = (GUID *)q->provider_id;
        w.dwNumberOfProtocols = a->dwNumberOfProtocols;
        w.lpafpProtocols = a->lpafpProtocols;
        w.lpszQueryString = q->query_string;
        w.dwNumberOfCsAddrs = a->dwNumberOfCsAddrs;
        w.lpcsaBuffer = a->lpcsaBuffer;
        w.lpBlob = a->lpBlob;
    }
    return ws2_nsp_begin(&w, q->provider_id, q->name_space, flags, &l->nsp);
}

static DWORD begin(const void *set, DWORD flags, HANDLE *handle, BOOL ansi)
{
    struct lookup *l;
    struct query q;
    DWORD err;

    if ((err = ws2_enter_check())) return err;
    if (!set || !handle || !ws2_writable(handle, sizeof(*handle))) return WSAEFAULT;
    if ((err = read_query(set, ansi, &q)))
    {
        query_clear(&q);
        return err;
    }
    if (!(l = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*l))))
    {
        query_clear(&q);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    l->refs = 1;
    l->flags = flags;
    InitializeSRWLock(&l->lock);
    err = classify(&q, l);
    /* A name space or provider only an installed provider has, or NS_ALL,
     * goes to the installed ones too. */
    if (!err || err == WSASERVICE_NOT_FOUND)
    {
        DWORD installed = begin_installed(set, ansi, &q, flags, l);

        if (installed) err = installed;
        else if (err && l->nsp)
        {
            l->kind = LOOKUP_INSTALLED;
            err = 0;
        }
    }
    if (!err && !(l->cancel = CreateEventW(NULL, TRUE, FALSE, NULL))) err = WSA_NOT_ENOUGH_MEMORY;
    if (!err)
    {
        l->query_string = q.query_string;
        q.query_string = NULL;
    }
    query_clear(&q);
    if (err)
    {
        lookup_release(l);
        return err;
    }
    *handle = lookup_publish(l);
    TRACE("kind %d family %d name %s -> %p\n", l->kind, l->family, l->name ? l->name : "(local)", *handle);
    return 0;
}

INT WINAPI WSALookupServiceBeginA(LPWSAQUERYSETA restrictions, DWORD flags, LPHANDLE handle)
{
    DWORD err;

    TRACE("(%p, %#lx, %p)\n", restrictions, flags, handle);
    if ((err = begin(restrictions, flags, handle, TRUE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSALookupServiceBeginW(LPWSAQUERYSETW restrictions, DWORD flags, LPHANDLE handle)
{
    DWORD err;

    TRACE("(%p, %#lx, %p)\n", restrictions, flags, handle);
    if ((err = begin(restrictions, flags, handle, FALSE))) return ws2_fail(err);
    return 0;
}

/* ---- looking the answer up ---- */

static DWORD resolve(enum lookup_kind kind, const char *name, const struct ws2_addr *addr, int family,
                     DWORD flags, struct ws2_hostinfo **info)
{
    DWORD err;

    *info = NULL;
    if (kind == LOOKUP_ADDRESS) return ws2_resolve_address(addr, flags, info);
    err = ws2_resolve_name(name, family, flags, info);
    if (!err && !(*info)->addr_count)
    {
        ws2_hostinfo_free(*info);
        *info = NULL;
        err = WSANO_DATA;
    }
    return err;
}

static DWORD WINAPI job_thread(void *arg)
{
    struct job *job = arg;
    HMODULE module = job->module;

    job->error = resolve(job->kind, job->name, &job->addr, job->family, job->flags, &job->info);
    SetEvent(job->done);
    job_release(job);
    /* Drops the reference start_job took, so the DLL stays while we run. */
    FreeLibraryAndExitThread(module, 0);
    return 0;
}

/* Starts the DNS lookup on a thread; NULL when that cannot be done. */
static struct job *start_job(const struct lookup *l)
{
    struct job *job;
    HANDLE thread;

    if (!(job = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*job)))) return NULL;
    job->refs = 2;  /* the lookup's and the thread's */
    job->kind = l->kind;
    job->addr = l->addr;
    job->family = l->family;
    job->flags = l->resolve_flags;
    if (l->name)
    {
        SIZE_T len = strlen(l->name) + 1;

        if ((job->name = HeapAlloc(GetProcessHeap(), 0, len))) memcpy(job->name, l->name, len);
    }
    job->done = CreateEventW(NULL, TRUE, FALSE, NULL);
    if ((l->name && !job->name) || !job->done
            || !GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (const WCHAR *)job_thread, &job->module))
    {
        job->refs = 1;
        job_release(job);
        return NULL;
    }
    if (!(thread = CreateThread(NULL, 0, job_thread, job, 0, NULL)))
    {
        FreeLibrary(job->module);
        job->refs = 1;
        job_release(job);
        return NULL;
    }
    CloseHandle(thread);
    return job;
}

static void finish(struct lookup *l, DWORD error, struct ws2_hostinfo *info)
{
    /* A name no source knows is a service the name space does not have. */
    if (error == WSAHOST_NOT_FOUND) error = WSASERVICE_NOT_FOUND;
    l->error = error;
    l->info = info;
    l->state = STATE_DONE;
}

/* Waits for the job unless the lookup is ended first. */
static DWORD wait_job(struct lookup *l, struct job *job)
{
    HANDLE events[2] = { job->done, l->cancel };
    DWORD ret;

    do ret = WaitForMultipleObjectsEx(2, events, FALSE, INFINITE, TRUE);
    while (ret == WAIT_IO_COMPLETION);
    return ret == WAIT_OBJECT_0 ? 0 : WSA_E_CANCELLED;
}

/* Makes sure the lookup has its answer.  What needs no DNS (numeric
 * strings, the local host, the hosts files) is answered here at once. */
static DWORD get_answer(struct lookup *l)
{
    struct ws2_hostinfo *info;
    struct job *job;
    DWORD err;

    AcquireSRWLockExclusive(&l->lock);
    if (l->state == STATE_NEW)
    {
        if (l->kind == LOOKUP_NLA || l->kind == LOOKUP_INSTALLED) finish(l, 0, NULL);
        else
        {
            err = resolve(l->kind, l->name, &l->addr, l->family, l->resolve_flags | WS2_RESOLVE_NO_DNS, &info);
            if (err != WSAHOST_NOT_FOUND || (l->resolve_flags & WS2_RESOLVE_NUMERIC_ONLY))
                finish(l, err, info);
            else if ((l->job = start_job(l)))
                l->state = STATE_RUNNING;
            else
            {
                /* No thread: ask DNS here; End cannot cut this one short. */
                err = resolve(l->kind, l->name, &l->addr, l->family, l->resolve_flags, &info);
                finish(l, err, info);
            }
        }
    }
    if (l->state == STATE_DONE)
    {
        ReleaseSRWLockExclusive(&l->lock);
        return 0;
    }
    job = l->job;
    InterlockedIncrement(&job->refs);
    ReleaseSRWLockExclusive(&l->lock);

    err = wait_job(l, job);
    if (!err)
    {
        AcquireSRWLockExclusive(&l->lock);
        if (l->state == STATE_RUNNING)
        {
            finish(l, job->error, job->info);
            job->info = NULL;
            job_release(l->job);
            l->job = NULL;
        }
        ReleaseSRWLockExclusive(&l->lock);
    }
    job_release(job);
    return err;
}

/* ---- building a result ---- */

/* Places the parts of a result one after another; with no buffer it only
 * measures, so the same code computes the size and fills the buffer. */
struct layout
{
    char *base;
    SIZE_T pos;
};

static void *take(struct layout *o, SIZE_T size, SIZE_T align)
{
    void *p;

    o->pos = (o->pos + align - 1) & ~(align - 1);
    p = o->base ? o->base + o->pos : NULL;
    o->pos += size;
    return p;
}

/* An ASCII string in the caller's character set. */
static void *take_ascii(struct layout *o, const char *s, BOOL ansi)
{
    SIZE_T len = strlen(s) + 1, i;
    void *p;

    if (ansi)
    {
        if ((p = take(o, len, 1))) memcpy(p, s, len);
        return p;
    }
    if ((p = take(o, len * sizeof(WCHAR), sizeof(WCHAR))))
        for (i = 0; i < len; i++) ((WCHAR *)p)[i] = (BYTE)s[i];
    return p;
}

static void *take_wide(struct layout *o, const WCHAR *s, BOOL ansi)
{
    SIZE_T size;
    void *p;

    if (ansi)
    {
        size = WideCharToMultiByte(CP_ACP, 0, s, -1, NULL, 0, NULL, NULL);
        if ((p = take(o, size, 1))) WideCharToMultiByte(CP_ACP, 0, s, -1, p, size, NULL, NULL);
        return p;
    }
    size = (wide_length(s) + 1) * sizeof(WCHAR);
    if ((p = take(o, size, sizeof(WCHAR)))) memcpy(p, s, size);
    return p;
}

static int addr_sockaddr_size(const struct ws2_addr *addr)
{
    return addr->family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN);
}

/* The address with port 0 (with_address), or the family's wildcard. */
static void fill_sockaddr(void *p, const struct ws2_addr *addr, BOOL with_address)
{
    memset(p, 0, addr_sockaddr_size(addr));
    if (addr->family == AF_INET6)
    {
        SOCKADDR_IN6 *sin6 = p;

        sin6->sin6_family = AF_INET6;
        if (!with_address) return;
        memcpy(&sin6->sin6_addr, addr->bytes, 16);
        sin6->sin6_scope_id = addr->scope_id;
    }
    else
    {
        SOCKADDR_IN *sin = p;

        sin->sin_family = AF_INET;
        if (with_address) memcpy(&sin->sin_addr, addr->bytes, 4);
    }
}

/* One CSADDR_INFO per address.  The address goes in RemoteAddr, or in
 * LocalAddr with LUP_RES_SERVICE; the other part is the usable wildcard. */
static CSADDR_INFO *take_csaddrs(struct layout *o, const struct lookup *l, DWORD flags)
{
    const struct ws2_hostinfo *info = l->info;
    CSADDR_INFO *csa = take(o, info->addr_count * sizeof(CSADDR_INFO), sizeof(void *));
    BOOL local = !!(flags & LUP_RES_SERVICE);
    unsigned int i;

    for (i = 0; i < info->addr_count; i++)
    {
        const struct ws2_addr *addr = &info->addrs[i];
        int size = addr_sockaddr_size(addr);
        void *local_sa = take(o, size, sizeof(ULONG));
        void *remote_sa = take(o, size, sizeof(ULONG));

        if (!csa) continue;
        fill_sockaddr(local_sa, addr, local);
        fill_sockaddr(remote_sa, addr, !local);
        csa[i].LocalAddr.lpSockaddr = local_sa;
        csa[i].LocalAddr.iSockaddrLength = size;
        csa[i].RemoteAddr.lpSockaddr = remote_sa;
        csa[i].RemoteAddr.iSockaddrLength = size;
        csa[i].iSocketType = l->socktype;
        csa[i].iProtocol = l->protocol;
    }
    return csa;
}

/* The BLOB: a hostent with offsets for pointers, as gethostbyname's own
 * use of the lookup expects.  One family per hostent: IPv4 when the
 * answer has any. */
static BLOB *take_blob(struct layout *o, const struct ws2_hostinfo *info)
{
    BLOB *blob = take(o, sizeof(BLOB), sizeof(void *));
    int family = AF_INET6;
    unsigned int i;
    SIZE_T size;
    void *data;

    for (i = 0; i < info->addr_count; i++)
        if (info->addrs[i].family == AF_INET) family = AF_INET;
    size = ws2_hostent_pack(info, family, NULL, 0, TRUE);
    data = take(o, size, sizeof(void *));
    if (!blob) return NULL;
    ws2_hostent_pack(info, family, data, size, TRUE);
    blob->cbSize = size;
    blob->pBlobData = data;
    return blob;
}

/* Result `index` of the answer (0 the host, then its aliases) into buf,
 * or only its size when buf is NULL.  WSAQUERYSETA and W share a layout. */
static SIZE_T build_result(const struct lookup *l, unsigned int index, DWORD flags, void *buf, BOOL ansi)
{
    const struct ws2_hostinfo *info = l->info;
    struct layout o = { buf, 0 };
    WSAQUERYSETW *qs = take(&o, sizeof(WSAQUERYSETW), sizeof(void *));
    BOOL alias = index > 0;
    GUID *provider, *class_id = NULL;
    CSADDR_INFO *csa = NULL;
    BLOB *blob = NULL;
    void *name = NULL, *query_string = NULL;

    if (qs) memset(qs, 0, sizeof(*qs));
    if ((provider = take(&o, sizeof(GUID), sizeof(ULONG)))) *provider = tcpip_provider_id;
    if ((flags & LUP_RETURN_TYPE) && (class_id = take(&o, sizeof(GUID), sizeof(ULONG))))
        *class_id = l->class_id;
    if (!alias && (flags & LUP_RETURN_ADDR)) csa = take_csaddrs(&o, l, flags);
    if (!alias && (flags & LUP_RETURN_BLOB)) blob = take_blob(&o, info);
    if (alias) name = take_ascii(&o, info->aliases[index - 1], ansi);
    else if (flags & LUP_RETURN_NAME) name = take_ascii(&o, info->name, ansi);
    if ((flags & LUP_RETURN_QUERY_STRING) && l->query_string)
        query_string = take_wide(&o, l->query_string, ansi);

    if (qs)
    {
        qs->dwSize = sizeof(WSAQUERYSETW);
        qs->lpszServiceInstanceName = name;
        qs->lpServiceClassId = class_id;
        qs->dwNameSpace = NS_DNS;
        qs->lpNSProviderId = provider;
        qs->lpszQueryString = query_string;
        if (csa)
        {
            qs->dwNumberOfCsAddrs = info->addr_count;
            qs->lpcsaBuffer = csa;
        }
        qs->dwOutputFlags = alias ? RESULT_IS_ALIAS : 0;
        qs->lpBlob = blob;
    }
    return o.pos;
}

static unsigned int result_count(const struct lookup *l)
{
    if (l->kind == LOOKUP_NLA || l->kind == LOOKUP_INSTALLED || l->error) return 0;
    /* With LUP_RETURN_ALIASES each alias comes as a result of its own. */
    return 1 + ((l->flags & LUP_RETURN_ALIASES) ? l->info->alias_count : 0);
}

/* Hands out the next result under the lookup's lock. */
static DWORD next_result(struct lookup *l, DWORD flags, DWORD *len, void *results, BOOL ansi)
{
    /* Next's flags can only narrow what Begin asked to return. */
    DWORD want = l->flags & (LUP_RETURN_ALL | LUP_RES_SERVICE);
    SIZE_T needed;

    if (flags & LUP_RETURN_ALL) want &= flags | ~LUP_RETURN_ALL;

    if (l->error) return l->error;
    if ((flags & LUP_FLUSHPREVIOUS) && l->too_large)
    {
        l->position++;
        l->too_large = FALSE;
    }
    if (l->position >= result_count(l)) return WSA_E_NO_MORE;

    needed = build_result(l, l->position, want, NULL, ansi);
    if (!results || *len < needed)
    {
        *len = needed;
        l->too_large = TRUE;
        return WSAEFAULT;
    }
    if (!ws2_writable(results, needed)) return WSAEFAULT;
    build_result(l, l->position, want, results, ansi);
    l->position++;
    l->too_large = FALSE;
    return 0;
}

static DWORD next(HANDLE handle, DWORD flags, DWORD *len, void *results, BOOL ansi)
{
    struct lookup *l;
    DWORD err;

    if ((err = ws2_enter_check())) return err;
    if (!(l = lookup_get(handle))) return WSA_INVALID_HANDLE;
    if (!len || !ws2_writable(len, sizeof(*len))) err = WSAEFAULT;
    else if (!(err = get_answer(l)))
    {
        AcquireSRWLockExclusive(&l->lock);
        err = next_result(l, flags, len, results, ansi);
        /* Ours have no (more) answers: the installed providers' turn.  When
         * they have none either, ours had the last word. */
        if (l->nsp && (err == WSA_E_NO_MORE || err == WSAHOST_NOT_FOUND || err == WSANO_DATA ||
                       err == WSATRY_AGAIN || err == WSASERVICE_NOT_FOUND))
        {
            DWORD installed = ws2_nsp_next(l->nsp, flags, len, results, ansi);

            if (installed != WSA_E_NO_MORE) err = installed;
        }
        ReleaseSRWLockExclusive(&l->lock);
    }
    lookup_release(l);
    return err;
}

INT WINAPI WSALookupServiceNextA(HANDLE handle, DWORD flags, LPDWORD len, LPWSAQUERYSETA results)
{
    DWORD err;

    TRACE("(%p, %#lx, %p, %p)\n", handle, flags, len, results);
    if ((err = next(handle, flags, len, results, TRUE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSALookupServiceNextW(HANDLE handle, DWORD flags, LPDWORD len, LPWSAQUERYSETW results)
{
    DWORD err;

    TRACE("(%p, %#lx, %p, %p)\n", handle, flags, len, results);
    if ((err = next(handle, flags, len, results, FALSE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSANSPIoctl(HANDLE handle, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                       DWORD *returned, WSACOMPLETION *completion)
{
    struct lookup *l;
    DWORD err;

    TRACE("(%p, %#lx, %p, %lu, %p, %lu, %p, %p)\n", handle, code, in, in_size, out, out_size, returned, completion);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!(l = lookup_get(handle))) return ws2_fail(WSA_INVALID_HANDLE);
    if (!returned || !ws2_writable(returned, sizeof(*returned))) err = WSAEFAULT;
    else err = ws2_nsp_ioctl(l->nsp, code, in, in_size, out, out_size, returned, completion);
    lookup_release(l);
    if (err) return ws2_fail(err);
    return 0;
}

INT WINAPI WSALookupServiceEnd(HANDLE handle)
{
    struct lookup *l;
    DWORD err;

    TRACE("(%p)\n", handle);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!(l = lookup_unpublish(handle))) return ws2_fail(WSA_INVALID_HANDLE);
    /* A Next waiting on DNS in another thread returns WSA_E_CANCELLED. */
    SetEvent(l->cancel);
    lookup_release(l);
    return 0;
}
