/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Winsock protocol catalog, read side: the fixed set of base providers
 * Windows 10 installs for TCP/IP, how socket()/WSASocket pick an entry for
 * (family, type, protocol), and the enumeration functions
 * WSAEnumProtocolsA/W, WSCEnumProtocols(32), WSCGetProviderPath(32) and
 * WSC(Get|Set)ProviderInfo(32).  The enumerations read the persistent
 * catalog (catalog.c), which starts out as these base entries and holds
 * what WSCInstallProvider and friends added after them.
 */
#include "catalog.h"

/* Provider ids of the two MSAFD Tcpip base providers. */
static const GUID msafd_tcpip_guid =
    {0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}};
static const GUID msafd_tcpip6_guid =
    {0xf9eab0c0, 0x26d4, 0x11d0, {0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4}};

/* Both providers live in mswsock.dll; the path is stored unexpanded. */
static const WCHAR msafd_path[] = L"%SystemRoot%\\system32\\mswsock.dll";

#define SERVICE_STREAM   (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | \
                          XP1_EXPEDITED_DATA | XP1_IFS_HANDLES)                     /* 0x20066 */
#define SERVICE_DATAGRAM (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | \
                          XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES)                 /* 0x20609 */

#define MAX_UDP_MESSAGE  0xffbb     /* 65467, as WSAStartup's iMaxUdpDg */
#define MAX_RAW_MESSAGE  0x8000

/* One catalog entry; the WSAPROTOCOL_INFOW is built from it on demand so the
 * table stays small and readable. */
struct catalog_entry
{
    DWORD id;
    const GUID *provider;
    int family;
    int addr_len;
    int type;
    int protocol;
    int max_offset;
    DWORD service;
    DWORD provider_flags;
    DWORD message_size;
    const WCHAR *name;
};

/* Catalog order as on a freshly reset Windows 10 catalog: the IPv4 entries
 * first, so (AF_UNSPEC, 0, IPPROTO_TCP) picks IPv4. */
static const struct catalog_entry catalog[] =
{
    { 1001, &msafd_tcpip_guid, AF_INET, sizeof(struct sockaddr_in), SOCK_STREAM, IPPROTO_TCP, 0,
      SERVICE_STREAM, PFL_MATCHES_PROTOCOL_ZERO, 0, L"MSAFD Tcpip [TCP/IP]" },
    { 1002, &msafd_tcpip_guid, AF_INET, sizeof(struct sockaddr_in), SOCK_DGRAM, IPPROTO_UDP, 0,
      SERVICE_DATAGRAM, PFL_MATCHES_PROTOCOL_ZERO, MAX_UDP_MESSAGE, L"MSAFD Tcpip [UDP/IP]" },
    { 1003, &msafd_tcpip_guid, AF_INET, sizeof(struct sockaddr_in), SOCK_RAW, 0, 255,
      SERVICE_DATAGRAM, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, MAX_RAW_MESSAGE, L"MSAFD Tcpip [RAW/IP]" },
    { 1004, &msafd_tcpip6_guid, AF_INET6, sizeof(struct sockaddr_in6), SOCK_STREAM, IPPROTO_TCP, 0,
      SERVICE_STREAM, PFL_MATCHES_PROTOCOL_ZERO, 0, L"MSAFD Tcpip [TCP/IPv6]" },
    { 1005, &msafd_tcpip6_guid, AF_INET6, sizeof(struct sockaddr_in6), SOCK_DGRAM, IPPROTO_UDP, 0,
      SERVICE_DATAGRAM, PFL_MATCHES_PROTOCOL_ZERO, MAX_UDP_MESSAGE, L"MSAFD Tcpip [UDP/IPv6]" },
    { 1006, &msafd_tcpip6_guid, AF_INET6, sizeof(struct sockaddr_in6), SOCK_RAW, 0, 255,
      SERVICE_DATAGRAM, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, MAX_RAW_MESSAGE, L"MSAFD Tcpip [RAW/IPv6]" },
};

#define CATALOG_SIZE (sizeof(catalog) / sizeof(catalog[0]))

static void fill_info(const struct catalog_entry *e, WSAPROTOCOL_INFOW *info)
{
    unsigned int i;

    memset(info, 0, sizeof(*info));
    info->dwServiceFlags1 = e->service;
    info->dwProviderFlags = e->provider_flags;
    info->ProviderId = *e->provider;
    info->dwCatalogEntryId = e->id;
    info->ProtocolChain.ChainLen = BASE_PROTOCOL;
    info->iVersion = 2;
    info->iAddressFamily = e->family;
    info->iMaxSockAddr = e->addr_len;
    info->iMinSockAddr = e->addr_len;
    info->iSocketType = e->type;
    info->iProtocol = e->protocol;
    info->iProtocolMaxOffset = e->max_offset;
    info->iNetworkByteOrder = BIGENDIAN;
    info->iSecurityScheme = SECURITY_PROTOCOL_NONE;
    info->dwMessageSize = e->message_size;
    for (i = 0; e->name[i] && i < WSAPROTOCOL_LEN; i++) info->szProtocol[i] = e->name[i];
    info->szProtocol[i] = 0;
}

static BOOL protocol_in_range(const struct catalog_entry *e, int protocol)
{
    /* compare as 64-bit so protocol + offset cannot overflow */
    LONGLONG p = protocol, lo = e->protocol, hi = (LONGLONG)e->protocol + e->max_offset;
    return p >= lo && p <= hi;
}

/* ---- picking an entry for socket() / WSASocket ---- */

/* How far an entry got in matching a request; the best level over the
 * whole catalog decides the error when nothing matches completely. */
enum match_level
{
    MATCH_NONE,             /* type unknown:   WSAESOCKTNOSUPPORT */
    MATCH_TYPE,             /* family unknown: WSAEAFNOSUPPORT */
    MATCH_TYPE_FAMILY,      /* protocol wrong: WSAEPROTONOSUPPORT */
    MATCH_ALL
};

static enum match_level match_entry(const struct catalog_entry *e, int af, int type, int protocol)
{
    if (type && e->type != type) return MATCH_NONE;
    if (af != AF_UNSPEC && e->family != af) return MATCH_TYPE;
    if (protocol_in_range(e, protocol)) return MATCH_ALL;
    if (!protocol && (e->provider_flags & PFL_MATCHES_PROTOCOL_ZERO)) return MATCH_ALL;
    return MATCH_TYPE_FAMILY;
}

DWORD ws2_catalog_lookup(int af, int type, int protocol, WSAPROTOCOL_INFOW *info)
{
    enum match_level best = MATCH_NONE, level;
    unsigned int i;

    /* Without a family the protocol is the only key left: a request naming
     * neither is invalid, whatever the type. */
    if (af == AF_UNSPEC && !protocol) return WSAEINVAL;

    for (i = 0; i < CATALOG_SIZE; i++)
    {
        level = match_entry(&catalog[i], af, type, protocol);
        if (level == MATCH_ALL)
        {
            if (info) fill_info(&catalog[i], info);
            TRACE("(%d, %d, %d) -> entry %lu\n", af, type, protocol, catalog[i].id);
            return 0;
        }
        if (level > best) best = level;
    }

    switch (best)
    {
    case MATCH_TYPE:        return WSAEAFNOSUPPORT;
    case MATCH_TYPE_FAMILY: return WSAEPROTONOSUPPORT;
    default:                return WSAESOCKTNOSUPPORT;
    }
}

DWORD ws2_catalog_for_socket(int af, int type, int protocol, WSAPROTOCOL_INFOW *info)
{
    unsigned int i;

    /* An existing socket has a concrete family and type: match them exactly.
     * The entry is reported as it stands in the catalog (a raw socket reports
     * the RAW entry's iProtocol 0, not the protocol it was opened with). */
    for (i = 0; i < CATALOG_SIZE; i++)
    {
        if (catalog[i].family != af || catalog[i].type != type) continue;
        if (protocol_in_range(&catalog[i], protocol) ||
            (!protocol && (catalog[i].provider_flags & PFL_MATCHES_PROTOCOL_ZERO)))
        {
            if (info) fill_info(&catalog[i], info);
            return 0;
        }
    }
    /* an unusual protocol number: fall back to the family/type entry */
    for (i = 0; i < CATALOG_SIZE; i++)
    {
        if (catalog[i].family != af || catalog[i].type != type) continue;
        if (info) fill_info(&catalog[i], info);
        return 0;
    }
    return ws2_catalog_lookup(af ? af : -1, type ? type : -1, protocol ? protocol : -1, info);
}

void ws2_protocol_info_w_to_a(const WSAPROTOCOL_INFOW *w, WSAPROTOCOL_INFOA *a)
{
    /* the two layouts agree up to szProtocol */
    memcpy(a, w, FIELD_OFFSET(WSAPROTOCOL_INFOA, szProtocol));
    memset(a->szProtocol, 0, sizeof(a->szProtocol));
    WideCharToMultiByte(CP_ACP, 0, w->szProtocol, -1, a->szProtocol, sizeof(a->szProtocol) - 1, NULL, NULL);
}

/* The base entries as catalog items (catalog.h). */
unsigned int ws2_base_protocols(struct ws2_protocol_item *items)
{
    unsigned int i;

    for (i = 0; items && i < CATALOG_SIZE; i++)
    {
        memset(&items[i], 0, sizeof(items[i]));
        memcpy(items[i].path, msafd_path, sizeof(msafd_path));
        fill_info(&catalog[i], &items[i].info);
    }
    return CATALOG_SIZE;
}

/* ---- enumeration ---- */

static BOOL info_in_range(const WSAPROTOCOL_INFOW *info, int protocol)
{
    LONGLONG p = protocol, lo = info->iProtocol, hi = (LONGLONG)info->iProtocol + info->iProtocolMaxOffset;
    return p >= lo && p <= hi;
}

/* Whether the caller's zero-terminated protocol list selects an entry.
 * The list is read through *bad so an unreadable list reports WSAEFAULT. */
static BOOL list_selects(const int *list, const WSAPROTOCOL_INFOW *info, BOOL *bad)
{
    int value;

    if (!list) return TRUE;
    for (;; list++)
    {
        if (!ws2_copy(&value, list, sizeof(value)))
        {
            *bad = TRUE;
            return FALSE;
        }
        if (!value) return FALSE;
        if (info_in_range(info, value)) return TRUE;
    }
}

/* Moves the entries a caller asked for to the front of cat.  visible_only
 * leaves out what WSAEnumProtocols hides (PFL_HIDDEN entries and layered
 * entries).  Returns the number selected, or -1 for an unreadable list. */
static int select_entries(const int *list, BOOL visible_only, struct ws2_protocol_list *cat)
{
    BOOL bad = FALSE;
    unsigned int i;
    int count = 0;

    for (i = 0; i < cat->count; i++)
    {
        const WSAPROTOCOL_INFOW *info = &cat->items[i].info;

        if (visible_only && ((info->dwProviderFlags & PFL_HIDDEN) ||
                             info->ProtocolChain.ChainLen == LAYERED_PROTOCOL))
            continue;
        if (!list_selects(list, info, &bad))
        {
            if (bad) return -1;
            continue;
        }
        cat->items[count++] = cat->items[i];
    }
    return count;
}

/* The common body of every enumeration function: fills buffer with
 * WSAPROTOCOL_INFOW (or A) records; returns the count or SOCKET_ERROR with
 * *error set. */
static int enum_protocols(BOOL cat32, const int *list, void *buffer, DWORD *len, BOOL visible_only,
                          BOOL ansi, DWORD *error)
{
    struct ws2_protocol_list cat;
    SIZE_T record = ansi ? sizeof(WSAPROTOCOL_INFOA) : sizeof(WSAPROTOCOL_INFOW);
    DWORD needed;
    int count, i;

    if (!len || !ws2_writable(len, sizeof(*len)))
    {
        *error = WSAEFAULT;
        return SOCKET_ERROR;
    }
    if ((*error = ws2_protocols_read(cat32, &cat))) return SOCKET_ERROR;
    if ((count = select_entries(list, visible_only, &cat)) < 0)
    {
        ws2_protocols_free(&cat);
        *error = WSAEFAULT;
        return SOCKET_ERROR;
    }

    needed = count * record;
    if (!buffer || *len < needed)
    {
        ws2_protocols_free(&cat);
        *len = needed;
        *error = WSAENOBUFS;
        return SOCKET_ERROR;
    }
    if (needed && !ws2_writable(buffer, needed))
    {
        ws2_protocols_free(&cat);
        *error = WSAEFAULT;
        return SOCKET_ERROR;
    }

    for (i = 0; i < count; i++)
    {
        if (ansi) ws2_protocol_info_w_to_a(&cat.items[i].info, (WSAPROTOCOL_INFOA *)buffer + i);
        else ((WSAPROTOCOL_INFOW *)buffer)[i] = cat.items[i].info;
    }
    ws2_protocols_free(&cat);
    return count;
}

static int api_enum_protocols(const int *list, void *buffer, DWORD *len, BOOL ansi)
{
    DWORD error;
    int ret;

    if ((error = ws2_enter_check())) return ws2_fail(error);
    ret = enum_protocols(FALSE, list, buffer, len, TRUE, ansi, &error);
    if (ret == SOCKET_ERROR) return ws2_fail(error);
    return ret;
}

int WINAPI WSAEnumProtocolsW(LPINT protocols, LPWSAPROTOCOL_INFOW buffer, LPDWORD len)
{
    TRACE("(%p, %p, %p)\n", protocols, buffer, len);
    return api_enum_protocols(protocols, buffer, len, FALSE);
}

int WINAPI WSAEnumProtocolsA(LPINT protocols, LPWSAPROTOCOL_INFOA buffer, LPDWORD len)
{
    TRACE("(%p, %p, %p)\n", protocols, buffer, len);
    return api_enum_protocols(protocols, buffer, len, TRUE);
}

/* Store an SPI error code if the caller gave a usable place for it. */
static int spi_fail(LPINT err, DWORD code)
{
    if (err && ws2_writable(err, sizeof(*err))) *err = code;
    return SOCKET_ERROR;
}

static int spi_enum_protocols(BOOL cat32, const int *list, WSAPROTOCOL_INFOW *buffer, DWORD *len, LPINT err)
{
    DWORD error;
    int ret;

    if (!err || !ws2_writable(err, sizeof(*err))) return SOCKET_ERROR;
    ret = enum_protocols(cat32, list, buffer, len, FALSE, FALSE, &error);
    if (ret == SOCKET_ERROR) return spi_fail(err, error);
    return ret;
}

int WINAPI WSCEnumProtocols(LPINT protocols, LPWSAPROTOCOL_INFOW buffer, LPDWORD len, LPINT err)
{
    TRACE("(%p, %p, %p, %p)\n", protocols, buffer, len, err);
    return spi_enum_protocols(FALSE, protocols, buffer, len, err);
}

/* The trailing target: see ws2_target_catalog (catalog.c). */
int WINAPI WSCEnumProtocolsEx(LPINT protocols, LPWSAPROTOCOL_INFOW buffer, LPDWORD len, LPINT err,
                              const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %p, %p, %p, %p)\n", protocols, buffer, len, err, target);
    if (!err || !ws2_writable(err, sizeof(*err))) return SOCKET_ERROR;
    if ((code = ws2_target_catalog(target, &cat32))) return spi_fail(err, code);
    return spi_enum_protocols(cat32, protocols, buffer, len, err);
}

#ifdef _WIN64
/* The 32-bit catalog (Catalog_Entries), as a 64-bit process sees it. */
int WINAPI WSCEnumProtocols32(LPINT protocols, LPWSAPROTOCOL_INFOW buffer, LPDWORD len, LPINT err)
{
    TRACE("(%p, %p, %p, %p)\n", protocols, buffer, len, err);
    return spi_enum_protocols(TRUE, protocols, buffer, len, err);
}
#endif

/* ---- provider information ---- */

/* The first catalog entry of a provider, copied to *item; FALSE if the
 * provider has none. */
static BOOL find_provider(BOOL cat32, const GUID *id, struct ws2_protocol_item *item)
{
    struct ws2_protocol_list cat;
    unsigned int i;
    BOOL found = FALSE;

    if (ws2_protocols_read(cat32, &cat)) return FALSE;
    for (i = 0; !found && i < cat.count; i++)
    {
        if (memcmp(&cat.items[i].info.ProviderId, id, sizeof(GUID))) continue;
        *item = cat.items[i];
        found = TRUE;
    }
    ws2_protocols_free(&cat);
    return found;
}

static int get_provider_path(BOOL cat32, LPGUID provider, WCHAR *path, LPINT len, LPINT err)
{
    struct ws2_protocol_item item;
    GUID id;
    int needed;

    if (!err || !ws2_writable(err, sizeof(*err))) return SOCKET_ERROR;
    if (!provider || !ws2_copy(&id, provider, sizeof(id)) ||
        !len || !ws2_writable(len, sizeof(*len)))
        return spi_fail(err, WSAEFAULT);
    if (!find_provider(cat32, &id, &item)) return spi_fail(err, WSAEINVAL);

    needed = lstrlenW(item.path) + 1;
    if (*len < needed)
    {
        *len = needed;
        return spi_fail(err, WSAEFAULT);
    }
    if (!path || !ws2_copy(path, item.path, needed * sizeof(WCHAR))) return spi_fail(err, WSAEFAULT);
    return 0;
}

int WINAPI WSCGetProviderPath(LPGUID provider, WCHAR *path, LPINT len, LPINT err)
{
    TRACE("(%p, %p, %p, %p)\n", provider, path, len, err);
    return get_provider_path(FALSE, provider, path, len, err);
}

/* WPUGetProviderPath is documented as WSCGetProviderPath; its Ex form
 * adds the catalog target (ws2_target_catalog). */
int WINAPI WPUGetProviderPathEx(LPGUID provider, WCHAR *path, LPINT len, LPINT err, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %p, %p, %p, %p)\n", provider, path, len, err, target);
    if (!err || !ws2_writable(err, sizeof(*err))) return SOCKET_ERROR;
    if ((code = ws2_target_catalog(target, &cat32))) return spi_fail(err, code);
    return get_provider_path(cat32, provider, path, len, err);
}

#ifdef _WIN64
int WINAPI WSCGetProviderPath32(LPGUID provider, WCHAR *path, LPINT len, LPINT err)
{
    TRACE("(%p, %p, %p, %p)\n", provider, path, len, err);
    return get_provider_path(TRUE, provider, path, len, err);
}
#endif

static int get_provider_info(BOOL cat32, LPGUID provider, WSC_PROVIDER_INFO_TYPE type, PBYTE info,
                             size_t *size, LPINT err)
{
    struct ws2_protocol_item item;
    DWORD categories;
    size_t have;
    GUID id;

    if (!err || !ws2_writable(err, sizeof(*err))) return SOCKET_ERROR;
    if (!provider || !ws2_copy(&id, provider, sizeof(id))) return spi_fail(err, WSAEFAULT);
    /* an unknown provider has no catalog entry to open, whatever else was asked */
    if (!find_provider(cat32, &id, &item)) return spi_fail(err, WSANO_RECOVERY);

    switch (type)
    {
    case ProviderInfoLspCategories:
        categories = item.categories;   /* none for the base providers */
        if (!size || !ws2_copy(&have, size, sizeof(have))) return spi_fail(err, WSAEFAULT);
        if (!info || have < sizeof(categories))
        {
            have = sizeof(categories);
            ws2_copy(size, &have, sizeof(have));
            return spi_fail(err, WSAEFAULT);
        }
        if (!ws2_copy(info, &categories, sizeof(categories))) return spi_fail(err, WSAEFAULT);
        have = sizeof(categories);
        ws2_copy(size, &have, sizeof(have));
        return 0;
    case ProviderInfoAudit:
        return spi_fail(err, ERROR_CALL_NOT_IMPLEMENTED);
    default:
        return spi_fail(err, WSAEINVAL);
    }
}

int WINAPI WSCGetProviderInfo(LPGUID provider, WSC_PROVIDER_INFO_TYPE type, PBYTE info,
                              size_t *size, DWORD flags, LPINT err)
{
    TRACE("(%p, %d, %p, %p, %#lx, %p)\n", provider, type, info, size, flags, err);
    return get_provider_info(FALSE, provider, type, info, size, err);
}

#ifdef _WIN64
int WINAPI WSCGetProviderInfo32(LPGUID provider, WSC_PROVIDER_INFO_TYPE type, PBYTE info,
                                size_t *size, DWORD flags, LPINT err)
{
    TRACE("(%p, %d, %p, %p, %#lx, %p)\n", provider, type, info, size, flags, err);
    return get_provider_info(TRUE, provider, type, info, size, err);
}
#endif

/* WSCSetProviderInfo: the same checks as the Get side; the categories
 * are one DWORD, so any other size is invalid. */
static int set_provider_info(BOOL cat32, LPGUID provider, WSC_PROVIDER_INFO_TYPE type, PBYTE info,
                             size_t size, LPINT err)
{
    struct ws2_protocol_item item;
    DWORD categories, code;
    GUID id;

    if (!err || !ws2_writable(err, sizeof(*err))) return SOCKET_ERROR;
    if (!provider || !ws2_copy(&id, provider, sizeof(id))) return spi_fail(err, WSAEFAULT);
    if (!find_provider(cat32, &id, &item)) return spi_fail(err, WSANO_RECOVERY);

    switch (type)
    {
    case ProviderInfoLspCategories:
        if (size != sizeof(categories)) return spi_fail(err, WSAEINVAL);
        if (!info || !ws2_copy(&categories, info, sizeof(categories))) return spi_fail(err, WSAEFAULT);
        if ((code = ws2_catalog_set_categories(cat32, &id, categories))) return spi_fail(err, code);
        return 0;
    case ProviderInfoAudit:
        return spi_fail(err, ERROR_CALL_NOT_IMPLEMENTED);
    default:
        return spi_fail(err, WSAEINVAL);
    }
}

int WINAPI WSCSetProviderInfo(LPGUID provider, WSC_PROVIDER_INFO_TYPE type, PBYTE info,
                              size_t size, DWORD flags, LPINT err)
{
    TRACE("(%p, %d, %p, %lu, %#lx, %p)\n", provider, type, info, (unsigned long)size, flags, err);
    return set_provider_info(FALSE, provider, type, info, size, err);
}

#ifdef _WIN64
int WINAPI WSCSetProviderInfo32(LPGUID provider, WSC_PROVIDER_INFO_TYPE type, PBYTE info,
                                size_t size, DWORD flags, LPINT err)
{
    TRACE("(%p, %d, %p, %lu, %#lx, %p)\n", provider, type, info, (unsigned long)size, flags, err);
    return set_provider_info(TRUE, provider, type, info, size, err);
}
#endif
