/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The machine's own addresses, from iphlpapi's GetAdaptersAddresses
 * (loaded on first use so the DLL keeps importing only kernel32 and
 * ntdll).
 */
#include "resolve_private.h"
#include <iphlpapi.h>

typedef ULONG (WINAPI *get_adapters_fn)(ULONG, ULONG, void *, IP_ADAPTER_ADDRESSES *, ULONG *);

static INIT_ONCE iphlpapi_once = INIT_ONCE_STATIC_INIT;
static get_adapters_fn get_adapters;

static BOOL CALLBACK load_iphlpapi(INIT_ONCE *once, void *param, void **context)
{
    HMODULE module = LoadLibraryW(L"iphlpapi.dll");

    if (module) get_adapters = (get_adapters_fn)(void *)GetProcAddress(module, "GetAdaptersAddresses");
    return TRUE;
}

/* The adapter list in a heap block, or NULL. */
static IP_ADAPTER_ADDRESSES *get_adapter_list(void)
{
    const ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    IP_ADAPTER_ADDRESSES *list = NULL;
    ULONG size = 16 * 1024, ret;
    int tries;

    InitOnceExecuteOnce(&iphlpapi_once, load_iphlpapi, NULL, NULL);
    if (!get_adapters) return NULL;
    for (tries = 0; tries < 3; tries++)
    {
        if (!(list = HeapAlloc(GetProcessHeap(), 0, size))) return NULL;
        ret = get_adapters(AF_UNSPEC, flags, NULL, list, &size);
        if (ret == ERROR_SUCCESS) return list;
        HeapFree(GetProcessHeap(), 0, list);
        if (ret != ERROR_BUFFER_OVERFLOW) return NULL;
    }
    return NULL;
}

static BOOL sockaddr_to_addr(const SOCKADDR *sa, struct ws2_addr *addr)
{
    memset(addr, 0, sizeof(*addr));
    if (sa->sa_family == AF_INET)
    {
        addr->family = AF_INET;
        memcpy(addr->bytes, &((const SOCKADDR_IN *)sa)->sin_addr, 4);
        return TRUE;
    }
    if (sa->sa_family == AF_INET6)
    {
        const SOCKADDR_IN6 *sin6 = (const SOCKADDR_IN6 *)sa;

        addr->family = AF_INET6;
        memcpy(addr->bytes, &sin6->sin6_addr, 16);
        addr->scope_id = sin6->sin6_scope_id;
        return TRUE;
    }
    return FALSE;
}

/* Calls fn for every unicast address of every non-loopback adapter that is
 * up; stops early when fn returns TRUE, and returns that. */
static BOOL for_each_local_address(BOOL (*fn)(const struct ws2_addr *, void *), void *context)
{
    IP_ADAPTER_ADDRESSES *list = get_adapter_list(), *adapter;
    IP_ADAPTER_UNICAST_ADDRESS *unicast;
    struct ws2_addr addr;
    BOOL done = FALSE;

    for (adapter = list; adapter && !done; adapter = adapter->Next)
    {
        if (adapter->OperStatus != IfOperStatusUp) continue;
        if (adapter->IfType == IF_TYPE_SOFTWARE_LOOPBACK) continue;
        for (unicast = adapter->FirstUnicastAddress; unicast && !done; unicast = unicast->Next)
            if (sockaddr_to_addr(unicast->Address.lpSockaddr, &addr)) done = fn(&addr, context);
    }
    HeapFree(GetProcessHeap(), 0, list);
    return done;
}

static BOOL add_to_builder(const struct ws2_addr *addr, void *context)
{
    ws2_builder_add_addr(context, addr);
    return FALSE;
}

void ws2_local_addresses(struct ws2_builder *b)
{
    for_each_local_address(add_to_builder, b);
}

static BOOL equals_addr(const struct ws2_addr *addr, void *context)
{
    const struct ws2_addr *wanted = context;

    return addr->family == wanted->family
        && !memcmp(addr->bytes, wanted->bytes, addr->family == AF_INET ? 4 : 16);
}

BOOL ws2_is_local_address(const struct ws2_addr *addr)
{
    return for_each_local_address(equals_addr, (void *)addr);
}

/* An IPv6 address that can reach beyond the link: anything but link-local
 * (fe80::/10); loopback adapters are already skipped. */
static BOOL is_routable_ipv6(const struct ws2_addr *addr, void *context)
{
    if (addr->family != AF_INET6) return FALSE;
    return !(addr->bytes[0] == 0xfe && (addr->bytes[1] & 0xc0) == 0x80);
}

/* A global unicast source: routable and not unique-local (fc00::/7) or
 * site-local (fec0::/10), whose RFC 6724 labels do not match global
 * destinations, so Windows sorts IPv4 first when it has only those. */
static BOOL is_global_ipv6(const struct ws2_addr *addr, void *context)
{
    if (!is_routable_ipv6(addr, context)) return FALSE;
    if ((addr->bytes[0] & 0xfe) == 0xfc) return FALSE;
    return !(addr->bytes[0] == 0xfe && (addr->bytes[1] & 0xc0) == 0xc0);
}

static BOOL is_ipv4(const struct ws2_addr *addr, void *context)
{
    return addr->family == AF_INET;
}

/* What the address configuration says about the families, asked of
 * iphlpapi at most once a second: every getaddrinfo needs it, and the
 * adapter list is expensive to build. */
struct family_facts
{
    BOOL ipv4, ipv6, global_ipv6;
};

static SRWLOCK facts_lock = SRWLOCK_INIT;
static struct family_facts facts;
static ULONGLONG facts_time;
static BOOL facts_valid;

static struct family_facts get_facts(void)
{
    struct family_facts result;
    ULONGLONG now = GetTickCount64();

    AcquireSRWLockShared(&facts_lock);
    result = facts;
    if (facts_valid && now - facts_time < 1000)
    {
        ReleaseSRWLockShared(&facts_lock);
        return result;
    }
    ReleaseSRWLockShared(&facts_lock);

    result.ipv4 = for_each_local_address(is_ipv4, NULL);
    result.ipv6 = for_each_local_address(is_routable_ipv6, NULL);
    result.global_ipv6 = for_each_local_address(is_global_ipv6, NULL);
    AcquireSRWLockExclusive(&facts_lock);
    facts = result;
    facts_time = now;
    facts_valid = TRUE;
    ReleaseSRWLockExclusive(&facts_lock);
    return result;
}

BOOL ws2_prefer_ipv6(void)
{
    return get_facts().global_ipv6;
}

BOOL ws2_has_ipv6_address(void)
{
    return get_facts().ipv6;
}

BOOL ws2_has_ipv4_address(void)
{
    return get_facts().ipv4;
}
