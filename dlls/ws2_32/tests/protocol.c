/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests for the Winsock protocol catalog: WSAEnumProtocolsA/W,
 * WSCEnumProtocols(32), WSCGetProviderPath, WSCGetProviderInfo and the
 * catalog entry socket()/WSASocket pick for (family, type, protocol).
 *
 * Expected values are those of Windows 10 with its default catalog.
 */
#include <stdarg.h>
#include <stddef.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>

#include "wine/test.h"

static int (WINAPI *pWSCGetProviderInfo)(GUID *, WSC_PROVIDER_INFO_TYPE, BYTE *, size_t *, DWORD, INT *);
static int (WINAPI *pWSCEnumProtocols32)(INT *, WSAPROTOCOL_INFOW *, DWORD *, INT *);

static GUID tcpip_guid = {0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}};
static GUID tcpip6_guid = {0xf9eab0c0, 0x26d4, 0x11d0, {0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4}};

#define STREAM_FLAGS (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | \
                      XP1_EXPEDITED_DATA | XP1_IFS_HANDLES)
#define DGRAM_FLAGS  (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | \
                      XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES)

/* The MSAFD Tcpip base provider entries, in catalog order. */
static const struct expected_entry
{
    const char *name;
    const GUID *provider;
    DWORD id;
    int family, addr_len, type, protocol, max_offset;
    DWORD service, flags, message_size;
}
msafd_entries[] =
{
    { "MSAFD Tcpip [TCP/IP]",   &tcpip_guid,  1001, AF_INET,  16, SOCK_STREAM, IPPROTO_TCP, 0,
      STREAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 0 },
    { "MSAFD Tcpip [UDP/IP]",   &tcpip_guid,  1002, AF_INET,  16, SOCK_DGRAM,  IPPROTO_UDP, 0,
      DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 0xffbb },
    { "MSAFD Tcpip [RAW/IP]",   &tcpip_guid,  1003, AF_INET,  16, SOCK_RAW,    0, 255,
      DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, 0x8000 },
    { "MSAFD Tcpip [TCP/IPv6]", &tcpip6_guid, 1004, AF_INET6, 28, SOCK_STREAM, IPPROTO_TCP, 0,
      STREAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 0 },
    { "MSAFD Tcpip [UDP/IPv6]", &tcpip6_guid, 1005, AF_INET6, 28, SOCK_DGRAM,  IPPROTO_UDP, 0,
      DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 0xffbb },
    { "MSAFD Tcpip [RAW/IPv6]", &tcpip6_guid, 1006, AF_INET6, 28, SOCK_RAW,    0, 255,
      DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, 0x8000 },
};

static int expected_index(int family, int type, int protocol, const GUID *provider)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(msafd_entries); i++)
        if (msafd_entries[i].family == family && msafd_entries[i].type == type &&
            msafd_entries[i].protocol == protocol && IsEqualGUID(msafd_entries[i].provider, provider))
            return i;
    return -1;
}

/* Compare the fields the A and W records share (all but szProtocol). */
static void check_entry_fields(const WSAPROTOCOL_INFOW *info, const struct expected_entry *e)
{
    static const DWORD zero_chain[MAX_PROTOCOL_CHAIN];

    ok(info->dwServiceFlags1 == e->service, "got service flags %#lx\n", info->dwServiceFlags1);
    ok(!info->dwServiceFlags2 && !info->dwServiceFlags3 && !info->dwServiceFlags4,
       "got service flags %#lx %#lx %#lx\n", info->dwServiceFlags2, info->dwServiceFlags3, info->dwServiceFlags4);
    ok(info->dwProviderFlags == e->flags, "got provider flags %#lx\n", info->dwProviderFlags);
    ok(IsEqualGUID(&info->ProviderId, e->provider), "got provider %s\n", wine_dbgstr_guid(&info->ProviderId));
    ok(info->dwCatalogEntryId == e->id, "got catalog id %lu\n", info->dwCatalogEntryId);
    ok(info->ProtocolChain.ChainLen == BASE_PROTOCOL, "got chain length %d\n", info->ProtocolChain.ChainLen);
    ok(!memcmp(info->ProtocolChain.ChainEntries, zero_chain, sizeof(zero_chain)), "chain entries are set\n");
    ok(info->iVersion == 2, "got version %d\n", info->iVersion);
    ok(info->iAddressFamily == e->family, "got family %d\n", info->iAddressFamily);
    ok(info->iMaxSockAddr == e->addr_len, "got max address length %d\n", info->iMaxSockAddr);
    ok(info->iMinSockAddr == e->addr_len, "got min address length %d\n", info->iMinSockAddr);
    ok(info->iSocketType == e->type, "got type %d\n", info->iSocketType);
    ok(info->iProtocol == e->protocol, "got protocol %d\n", info->iProtocol);
    ok(info->iProtocolMaxOffset == e->max_offset, "got protocol max offset %d\n", info->iProtocolMaxOffset);
    ok(info->iNetworkByteOrder == BIGENDIAN, "got byte order %d\n", info->iNetworkByteOrder);
    ok(info->iSecurityScheme == SECURITY_PROTOCOL_NONE, "got security scheme %d\n", info->iSecurityScheme);
    ok(info->dwMessageSize == e->message_size, "got message size %#lx\n", info->dwMessageSize);
    ok(!info->dwProviderReserved, "got provider reserved %#lx\n", info->dwProviderReserved);
}

static BOOL name_is_w(const WCHAR *w, const char *a)
{
    while (*a && *w == (unsigned char)*a) { w++; a++; }
    return !*a && !*w;
}

/* Wine's builtin names its IPv4/IPv6 TCP and UDP entries "TCP/IP", "UDP/IP", ... */
static BOOL wine_renames(const struct expected_entry *e)
{
    return e->type != SOCK_RAW;
}

static void check_entry_w(const WSAPROTOCOL_INFOW *info, const struct expected_entry *e)
{
    winetest_push_context("%s", e->name);
    check_entry_fields(info, e);
    todo_wine_if(wine_renames(e))
    ok(name_is_w(info->szProtocol, e->name), "got name %s\n", wine_dbgstr_w(info->szProtocol));
    winetest_pop_context();
}

static void check_entry_a(const WSAPROTOCOL_INFOA *info, const struct expected_entry *e)
{
    WSAPROTOCOL_INFOW w;

    winetest_push_context("%s (A)", e->name);
    memcpy(&w, info, offsetof(WSAPROTOCOL_INFOA, szProtocol));
    check_entry_fields(&w, e);
    todo_wine_if(wine_renames(e))
    ok(!strcmp(info->szProtocol, e->name), "got name %s\n", wine_dbgstr_a(info->szProtocol));
    winetest_pop_context();
}

/* Check that the MSAFD entries in an enumeration are the expected ones, in
 * catalog order, hidden ones only if with_hidden. */
static void check_enumeration_w(const WSAPROTOCOL_INFOW *list, int count, BOOL with_hidden, int protocol)
{
    int i, index, last = -1, seen = 0, wanted = 0;

    for (i = 0; i < (int)ARRAY_SIZE(msafd_entries); i++)
    {
        if (!with_hidden && (msafd_entries[i].flags & PFL_HIDDEN)) continue;
        if (protocol && msafd_entries[i].protocol != protocol) continue;
        wanted++;
    }
    for (i = 0; i < count; i++)
    {
        if (!with_hidden)
        {
            ok(!(list[i].dwProviderFlags & PFL_HIDDEN), "entry %d (%s) is hidden\n", i,
               wine_dbgstr_w(list[i].szProtocol));
            ok(list[i].ProtocolChain.ChainLen != LAYERED_PROTOCOL, "entry %d is a layered entry\n", i);
        }
        index = expected_index(list[i].iAddressFamily, list[i].iSocketType, list[i].iProtocol, &list[i].ProviderId);
        if (index < 0) continue;
        ok(index > last, "entry %d (%s) out of catalog order\n", i, msafd_entries[index].name);
        last = index;
        seen++;
        check_entry_w(&list[i], &msafd_entries[index]);
    }
    /* Wine's builtin has no RAW/IPv6 entry */
    todo_wine_if(with_hidden && !protocol)
    ok(seen == wanted, "found %d MSAFD entries, expected %d\n", seen, wanted);
}

static void test_not_started(void)
{
    WSAPROTOCOL_INFOW *buffer;
    DWORD len;
    int ret, err;

    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsW(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    /* documented: WSAEnumProtocols needs WSAStartup; Wine's builtin does not ask for it */
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    todo_wine ok(!len, "got length %lu\n", len);

    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsA(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    todo_wine ok(!len, "got length %lu\n", len);

    /* the SPI does not need WSAStartup */
    len = 0;
    err = 0xdeadbeef;
    ret = WSCEnumProtocols(NULL, NULL, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAENOBUFS, "got error %d\n", err);
    ok(len && !(len % sizeof(WSAPROTOCOL_INFOW)), "got length %lu\n", len);

    buffer = HeapAlloc(GetProcessHeap(), 0, len);
    err = 0xdeadbeef;
    ret = WSCEnumProtocols(NULL, buffer, &len, &err);
    ok(ret > 0 && ret * sizeof(*buffer) == (SIZE_T)len, "got %d, length %lu\n", ret, len);
    ok(err == (int)0xdeadbeef, "got error %d\n", err);
    if (ret > 0) check_enumeration_w(buffer, ret, TRUE, 0);
    HeapFree(GetProcessHeap(), 0, buffer);
}

static void test_WSAEnumProtocolsW(void)
{
    int tcp_only[] = {IPPROTO_TCP, 0};
    int unknown[] = {0xdead, 0};
    WSAPROTOCOL_INFOW *buffer, info;
    DWORD len, needed;
    int ret, i, count;

    /* no length (documented WSAEFAULT; Wine's builtin crashes) */
    if (!winetest_platform_is_wine())
    {
        WSASetLastError(0xdeadbeef);
        ret = WSAEnumProtocolsW(NULL, &info, NULL);
        ok(ret == SOCKET_ERROR, "got %d\n", ret);
        ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    }

    /* no buffer: the size needed */
    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsW(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    ok(len >= 4 * sizeof(WSAPROTOCOL_INFOW) && !(len % sizeof(WSAPROTOCOL_INFOW)), "got length %lu\n", len);
    needed = len;

    /* one record short */
    buffer = HeapAlloc(GetProcessHeap(), 0, needed);
    len = needed - sizeof(WSAPROTOCOL_INFOW);
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsW(NULL, buffer, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    ok(len == needed, "got length %lu, expected %lu\n", len, needed);

    len = needed;
    ret = WSAEnumProtocolsW(NULL, buffer, &len);
    ok(ret == (int)(needed / sizeof(WSAPROTOCOL_INFOW)), "got %d, error %d\n", ret, WSAGetLastError());
    count = ret;
    if (ret > 0) check_enumeration_w(buffer, ret, FALSE, 0);
    HeapFree(GetProcessHeap(), 0, buffer);

    /* filtered on TCP: only TCP entries, the two MSAFD ones among them */
    len = 0;
    ret = WSAEnumProtocolsW(tcp_only, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    ok(len >= 2 * sizeof(WSAPROTOCOL_INFOW) && len < needed, "got length %lu\n", len);
    buffer = HeapAlloc(GetProcessHeap(), 0, len);
    ret = WSAEnumProtocolsW(tcp_only, buffer, &len);
    ok(ret >= 2 && ret < count, "got %d, error %d\n", ret, WSAGetLastError());
    for (i = 0; i < ret; i++)
        ok(buffer[i].iProtocol == IPPROTO_TCP, "entry %d has protocol %d\n", i, buffer[i].iProtocol);
    if (ret > 0) check_enumeration_w(buffer, ret, FALSE, IPPROTO_TCP);
    HeapFree(GetProcessHeap(), 0, buffer);

    /* a protocol nobody provides: nothing, and that is not an error */
    len = sizeof(info);
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsW(unknown, &info, &len);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());

    /* bad pointers (documented WSAEFAULT; Wine's builtin crashes) */
    if (winetest_platform_is_wine()) return;
    len = needed;
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsW(NULL, (WSAPROTOCOL_INFOW *)0xdeadbeef, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    len = needed;
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsW((int *)0xdeadbeef, &info, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsW(NULL, &info, (DWORD *)0xdeadbeef);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
}

static void test_WSAEnumProtocolsA(void)
{
    int udp_only[] = {IPPROTO_UDP, 0};
    WSAPROTOCOL_INFOA *buffer, info;
    DWORD len, needed;
    int ret, i, index, seen = 0;

    if (!winetest_platform_is_wine())   /* documented WSAEFAULT; Wine's builtin crashes */
    {
        WSASetLastError(0xdeadbeef);
        ret = WSAEnumProtocolsA(NULL, &info, NULL);
        ok(ret == SOCKET_ERROR, "got %d\n", ret);
        ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    }

    len = 0;
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsA(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    ok(len >= 4 * sizeof(WSAPROTOCOL_INFOA) && !(len % sizeof(WSAPROTOCOL_INFOA)), "got length %lu\n", len);
    needed = len;

    len = sizeof(info);
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsA(NULL, &info, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    ok(len == needed, "got length %lu\n", len);

    buffer = HeapAlloc(GetProcessHeap(), 0, needed);
    ret = WSAEnumProtocolsA(NULL, buffer, &len);
    ok(ret == (int)(needed / sizeof(WSAPROTOCOL_INFOA)), "got %d, error %d\n", ret, WSAGetLastError());
    for (i = 0; i < ret; i++)
    {
        ok(!(buffer[i].dwProviderFlags & PFL_HIDDEN), "entry %d is hidden\n", i);
        index = expected_index(buffer[i].iAddressFamily, buffer[i].iSocketType, buffer[i].iProtocol,
                               &buffer[i].ProviderId);
        if (index < 0) continue;
        seen++;
        check_entry_a(&buffer[i], &msafd_entries[index]);
    }
    ok(seen == 4, "found %d MSAFD entries\n", seen);
    HeapFree(GetProcessHeap(), 0, buffer);

    len = 0;
    ret = WSAEnumProtocolsA(udp_only, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    buffer = HeapAlloc(GetProcessHeap(), 0, len);
    ret = WSAEnumProtocolsA(udp_only, buffer, &len);
    ok(ret >= 2, "got %d, error %d\n", ret, WSAGetLastError());
    for (i = 0; i < ret; i++)
        ok(buffer[i].iProtocol == IPPROTO_UDP, "entry %d has protocol %d\n", i, buffer[i].iProtocol);
    HeapFree(GetProcessHeap(), 0, buffer);

    if (winetest_platform_is_wine()) return;    /* crashes */
    len = needed;
    WSASetLastError(0xdeadbeef);
    ret = WSAEnumProtocolsA(NULL, (WSAPROTOCOL_INFOA *)0xdeadbeef, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
}

static void test_WSCEnumProtocols(void)
{
    int tcp_only[] = {IPPROTO_TCP, 0};
    WSAPROTOCOL_INFOW *buffer, info;
    DWORD len, needed, visible;
    int ret, err, i, hidden = 0;

    /* the visible count, for comparison */
    visible = 0;
    WSAEnumProtocolsW(NULL, NULL, &visible);

    if (!winetest_platform_is_wine())   /* documented WSAEFAULT; Wine's builtin crashes */
    {
        err = 0xdeadbeef;
        ret = WSCEnumProtocols(NULL, &info, NULL, &err);
        ok(ret == SOCKET_ERROR, "got %d\n", ret);
        ok(err == WSAEFAULT, "got error %d\n", err);
    }

    len = 0;
    err = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    ret = WSCEnumProtocols(NULL, NULL, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAENOBUFS, "got error %d\n", err);
    /* hidden entries are included; Wine's builtin leaves them out */
    todo_wine ok(len >= visible + 2 * sizeof(WSAPROTOCOL_INFOW), "got length %lu, visible %lu\n", len, visible);
    needed = len;

    buffer = HeapAlloc(GetProcessHeap(), 0, needed);
    len = needed - 1;
    err = 0xdeadbeef;
    ret = WSCEnumProtocols(NULL, buffer, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAENOBUFS, "got error %d\n", err);
    ok(len == needed, "got length %lu\n", len);

    err = 0xdeadbeef;
    ret = WSCEnumProtocols(NULL, buffer, &len, &err);
    ok(ret == (int)(needed / sizeof(WSAPROTOCOL_INFOW)), "got %d, error %d\n", ret, err);
    for (i = 0; i < ret; i++) if (buffer[i].dwProviderFlags & PFL_HIDDEN) hidden++;
    todo_wine ok(hidden >= 2, "got %d hidden entries\n", hidden);
    if (ret > 0) check_enumeration_w(buffer, ret, TRUE, 0);
    HeapFree(GetProcessHeap(), 0, buffer);

    /* a filter on TCP also reaches the RAW entries, whose range covers 6 */
    len = 0;
    ret = WSCEnumProtocols(tcp_only, NULL, &len, &err);
    ok(ret == SOCKET_ERROR && err == WSAENOBUFS, "got %d, error %d\n", ret, err);
    buffer = HeapAlloc(GetProcessHeap(), 0, len);
    ret = WSCEnumProtocols(tcp_only, buffer, &len, &err);
    ok(ret >= 2, "got %d, error %d\n", ret, err);
    for (i = 0; i < ret; i++)
        ok(buffer[i].iProtocol <= IPPROTO_TCP && IPPROTO_TCP <= buffer[i].iProtocol + buffer[i].iProtocolMaxOffset,
           "entry %d has protocol %d+%d\n", i, buffer[i].iProtocol, buffer[i].iProtocolMaxOffset);
    HeapFree(GetProcessHeap(), 0, buffer);

    if (!winetest_platform_is_wine())   /* crashes */
    {
        len = needed;
        err = 0xdeadbeef;
        ret = WSCEnumProtocols(NULL, (WSAPROTOCOL_INFOW *)0xdeadbeef, &len, &err);
        ok(ret == SOCKET_ERROR, "got %d\n", ret);
        ok(err == WSAEFAULT, "got error %d\n", err);
    }

    if (!pWSCEnumProtocols32)
    {
#ifdef _WIN64
        todo_wine ok(0, "WSCEnumProtocols32 is missing\n");  /* exported by 64-bit Windows */
#endif
        return;
    }
    len = 0;
    err = 0xdeadbeef;
    ret = pWSCEnumProtocols32(NULL, NULL, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAENOBUFS, "got error %d\n", err);
    ok(len >= 6 * sizeof(WSAPROTOCOL_INFOW), "got length %lu\n", len);
    buffer = HeapAlloc(GetProcessHeap(), 0, len);
    ret = pWSCEnumProtocols32(NULL, buffer, &len, &err);
    ok(ret == (int)(len / sizeof(WSAPROTOCOL_INFOW)), "got %d, error %d\n", ret, err);
    if (ret > 0) check_enumeration_w(buffer, ret, TRUE, 0);
    HeapFree(GetProcessHeap(), 0, buffer);
}

static void test_WSCGetProviderPath(void)
{
    static const WCHAR expect[] = L"%SystemRoot%\\system32\\mswsock.dll";
    GUID zero = {0};
    WCHAR path[MAX_PATH];
    int ret, err, len;

    /* argument checks (Windows checks the GUID and length pointers first) */
    ret = WSCGetProviderPath(NULL, NULL, NULL, NULL);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);

    len = -1;
    ret = WSCGetProviderPath(NULL, NULL, &len, NULL);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(len == -1, "got length %d\n", len);

    err = 0;
    ret = WSCGetProviderPath(NULL, NULL, NULL, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAEFAULT, "got error %d\n", err);

    err = 0;
    ret = WSCGetProviderPath(&zero, NULL, NULL, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAEFAULT, "got error %d\n", err);

    err = 0;
    len = ARRAY_SIZE(path);
    ret = WSCGetProviderPath(NULL, path, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAEFAULT, "got error %d\n", err);

    /* an unknown provider, whatever the buffer */
    err = 0;
    len = -1;
    ret = WSCGetProviderPath(&zero, NULL, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAEINVAL, "got error %d\n", err);
    ok(len == -1, "got length %d\n", len);

    err = 0;
    len = ARRAY_SIZE(path);
    ret = WSCGetProviderPath(&zero, path, &len, &err);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(err == WSAEINVAL, "got error %d\n", err);
    ok(len == ARRAY_SIZE(path), "got length %d\n", len);

    /* the MSAFD providers live in mswsock.dll; the path is not expanded */
    err = 0xdeadbeef;
    len = ARRAY_SIZE(path);
    memset(path, 0xcc, sizeof(path));
    ret = WSCGetProviderPath(&tcpip_guid, path, &len, &err);
    ok(!ret, "got %d, error %d\n", ret, err);
    /* Wine's builtin succeeds without writing a path */
    todo_wine ok(!lstrcmpiW(path, expect), "got path %s\n", wine_dbgstr_w(path));

    err = 0xdeadbeef;
    len = ARRAY_SIZE(path);
    memset(path, 0xcc, sizeof(path));
    ret = WSCGetProviderPath(&tcpip6_guid, path, &len, &err);
    ok(!ret, "got %d, error %d\n", ret, err);
    /* Wine's builtin succeeds without writing a path */
    todo_wine ok(!lstrcmpiW(path, expect), "got path %s\n", wine_dbgstr_w(path));

    /* too small a buffer (documented: WSAEFAULT) */
    err = 0;
    len = 4;
    ret = WSCGetProviderPath(&tcpip_guid, path, &len, &err);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(err == WSAEFAULT, "got error %d\n", err);

    err = 0;
    len = ARRAY_SIZE(path);
    ret = WSCGetProviderPath(&tcpip_guid, NULL, &len, &err);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(err == WSAEFAULT, "got error %d\n", err);
}

static void test_WSCGetProviderInfo(void)
{
    GUID zero = {0};
    BYTE info[sizeof(DWORD)];
    size_t len;
    int ret, err;

    if (!pWSCGetProviderInfo)
    {
        ok(0, "WSCGetProviderInfo is missing\n");
        return;
    }

    ret = pWSCGetProviderInfo(NULL, -1, NULL, NULL, 0, NULL);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);

    err = 0xdeadbeef;
    len = 0;
    ret = pWSCGetProviderInfo(NULL, ProviderInfoLspCategories, info, &len, 0, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAEFAULT, "got error %d\n", err);

    /* an unknown provider fails to open before anything else is looked at */
    err = 0xdeadbeef;
    ret = pWSCGetProviderInfo(&zero, -1, info, &len, 0, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSANO_RECOVERY, "got error %d\n", err);

    err = 0xdeadbeef;
    ret = pWSCGetProviderInfo(&zero, ProviderInfoLspCategories, NULL, &len, 0, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSANO_RECOVERY, "got error %d\n", err);

    err = 0xdeadbeef;
    ret = pWSCGetProviderInfo(&zero, ProviderInfoLspCategories, info, NULL, 0, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSANO_RECOVERY, "got error %d\n", err);

    err = 0xdeadbeef;
    ret = pWSCGetProviderInfo(&zero, ProviderInfoLspCategories, info, &len, 0, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSANO_RECOVERY, "got error %d\n", err);

    /* a known provider: audit information is documented as not implemented */
    err = 0xdeadbeef;
    len = sizeof(info);
    ret = pWSCGetProviderInfo(&tcpip_guid, ProviderInfoAudit, info, &len, 0, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(err == ERROR_CALL_NOT_IMPLEMENTED, "got error %d\n", err);

    /* documented: without a buffer the call fails and reports the size needed */
    err = 0xdeadbeef;
    len = 0;
    ret = pWSCGetProviderInfo(&tcpip_guid, ProviderInfoLspCategories, NULL, &len, 0, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(len == sizeof(DWORD), "got size %zu\n", len);
}

/* Which entry socket() picks for a request, or the error it reports. */
static void test_catalog_selection(void)
{
    static const struct
    {
        int family, type, protocol;
        DWORD error;
        int entry;      /* index into msafd_entries on success */
        BOOL todo;      /* Wine's builtin differs */
    }
    tests[] =
    {
        { 0xdead,    SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT },
        { -1,        SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT },
        { AF_INET,   0xdead,      IPPROTO_TCP, WSAESOCKTNOSUPPORT },
        { AF_INET,   -1,          IPPROTO_TCP, WSAESOCKTNOSUPPORT },
        { AF_INET,   SOCK_STREAM, 0xdead,      WSAEPROTONOSUPPORT },
        { AF_INET,   SOCK_STREAM, -1,          WSAEPROTONOSUPPORT },
        { 0xdead,    0xdead,      IPPROTO_TCP, WSAESOCKTNOSUPPORT },
        { 0xdead,    SOCK_STREAM, 0xdead,      WSAEAFNOSUPPORT, 0, TRUE },
        { AF_INET,   0xdead,      0xdead,      WSAESOCKTNOSUPPORT },
        { 0xdead,    SOCK_STREAM, IPPROTO_UDP, WSAEAFNOSUPPORT },
        { -1,        SOCK_STREAM, IPPROTO_UDP, WSAEAFNOSUPPORT },
        { AF_INET,   SOCK_STREAM, 0,           0, 0 },
        { AF_INET,   SOCK_DGRAM,  0,           0, 1 },
        { AF_INET,   0xdead,      0,           WSAESOCKTNOSUPPORT },
        { AF_INET,   0,           IPPROTO_TCP, 0, 0 },
        { AF_INET,   0,           IPPROTO_UDP, 0, 1 },
        { AF_INET,   0,           0xdead,      WSAEPROTONOSUPPORT },
        { AF_INET,   0,           -1,          WSAEPROTONOSUPPORT },
        { AF_INET,   0,           0,           0, 0 },
        { AF_INET,   SOCK_STREAM, IPPROTO_UDP, WSAEPROTONOSUPPORT },
        { AF_INET,   SOCK_DGRAM,  IPPROTO_TCP, WSAEPROTONOSUPPORT },
        { AF_INET6,  0,           0,           0, 3 },
        { AF_INET6,  SOCK_DGRAM,  0,           0, 4 },
        { AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, 0 },
        { AF_UNSPEC, SOCK_STREAM, 0xdead,      WSAEPROTONOSUPPORT },
        { AF_UNSPEC, SOCK_STREAM, -1,          WSAEPROTONOSUPPORT },
        { AF_UNSPEC, 0xdead,      IPPROTO_UDP, WSAESOCKTNOSUPPORT },
        { AF_UNSPEC, -1,          IPPROTO_UDP, WSAESOCKTNOSUPPORT },
        { AF_UNSPEC, -1,          -1,          WSAESOCKTNOSUPPORT },
        { AF_UNSPEC, SOCK_STREAM, 0,           WSAEINVAL },
        { AF_UNSPEC, SOCK_DGRAM,  0,           WSAEINVAL },
        { AF_UNSPEC, 0xdead,      0,           WSAEINVAL },
        { AF_UNSPEC, -1,          0,           WSAEINVAL },
        { AF_UNSPEC, 0,           IPPROTO_TCP, 0, 0 },
        { AF_UNSPEC, 0,           IPPROTO_UDP, 0, 1 },
        { AF_UNSPEC, 0,           0xdead,      WSAEPROTONOSUPPORT },
        { AF_UNSPEC, 0,           0,           WSAEINVAL },
        { AF_IPX,    SOCK_DGRAM,  1000 /* NSPROTO_IPX */, WSAEAFNOSUPPORT },
    };
    WSAPROTOCOL_INFOW info;
    unsigned int i;
    SOCKET s;
    int size, ret;

    for (i = 0; i < ARRAY_SIZE(tests); i++)
    {
        winetest_push_context("test %u (%d, %d, %d)", i, tests[i].family, tests[i].type, tests[i].protocol);
        WSASetLastError(0xdeadbeef);
        s = WSASocketW(tests[i].family, tests[i].type, tests[i].protocol, NULL, 0, 0);
        if (tests[i].error)
        {
            ok(s == INVALID_SOCKET, "socket was created\n");
            todo_wine_if(tests[i].todo)
            ok(WSAGetLastError() == (int)tests[i].error, "got error %d\n", WSAGetLastError());
            if (s != INVALID_SOCKET) closesocket(s);
        }
        else
        {
            ok(s != INVALID_SOCKET, "got error %d\n", WSAGetLastError());
            if (s != INVALID_SOCKET)
            {
                size = sizeof(info);
                memset(&info, 0, sizeof(info));
                ret = getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &size);
                ok(!ret, "getsockopt failed: %d\n", WSAGetLastError());
                ok(info.iAddressFamily == msafd_entries[tests[i].entry].family, "got family %d\n", info.iAddressFamily);
                ok(info.iSocketType == msafd_entries[tests[i].entry].type, "got type %d\n", info.iSocketType);
                ok(info.iProtocol == msafd_entries[tests[i].entry].protocol, "got protocol %d\n", info.iProtocol);
                ok(info.dwCatalogEntryId == msafd_entries[tests[i].entry].id, "got catalog id %lu\n",
                   info.dwCatalogEntryId);
                closesocket(s);
            }
        }
        winetest_pop_context();
    }
}

START_TEST(protocol)
{
    HMODULE module = GetModuleHandleA("ws2_32.dll");
    WSADATA data;

    pWSCGetProviderInfo = (void *)GetProcAddress(module, "WSCGetProviderInfo");
    pWSCEnumProtocols32 = (void *)GetProcAddress(module, "WSCEnumProtocols32");

    test_not_started();
    test_WSCGetProviderPath();
    test_WSCGetProviderInfo();

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_WSAEnumProtocolsW();
    test_WSAEnumProtocolsA();
    test_WSCEnumProtocols();
    test_catalog_selection();
    WSACleanup();
}
