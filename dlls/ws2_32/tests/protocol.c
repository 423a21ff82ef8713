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

/* Fill values no call stores, to see what a call wrote. */
#define ERR_MARK 0x3c3c3c3c
#define LEN_MARK 0x5a5a

/* An address in the never-mapped first 64k, for the bad-pointer checks. */
#define BAD_PTR ((void *)(ULONG_PTR)0x5a0)

/* Values no MSAFD entry takes; NO_PROTOCOL is just past the RAW entries'
 * range of 0 to 255. */
#define NO_FAMILY   0x5a5a
#define NO_TYPE     77
#define NO_PROTOCOL 256

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
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsW(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    /* documented: WSAEnumProtocols needs WSAStartup; Wine's builtin does not ask for it */
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    todo_wine ok(!len, "got length %lu\n", len);

    len = 0;
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsA(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    todo_wine ok(!len, "got length %lu\n", len);

    /* the SPI does not need WSAStartup */
    len = 0;
    err = ERR_MARK;
    ret = WSCEnumProtocols(NULL, NULL, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAENOBUFS, "got error %d\n", err);
    ok(len && !(len % sizeof(WSAPROTOCOL_INFOW)), "got length %lu\n", len);

    buffer = HeapAlloc(GetProcessHeap(), 0, len);
    err = ERR_MARK;
    ret = WSCEnumProtocols(NULL, buffer, &len, &err);
    ok(ret > 0 && ret * sizeof(*buffer) == (SIZE_T)len, "got %d, length %lu\n", ret, len);
    ok(err == ERR_MARK, "got error %d\n", err);
    if (ret > 0) check_enumeration_w(buffer, ret, TRUE, 0);
    HeapFree(GetProcessHeap(), 0, buffer);
}

static void test_WSAEnumProtocolsW(void)
{
    int tcp_only[] = {IPPROTO_TCP, 0};
    int unknown[] = {NO_PROTOCOL, 0};
    WSAPROTOCOL_INFOW *buffer, info;
    DWORD len, needed;
    int ret, i, count;

    /* no length (documented WSAEFAULT; Wine's builtin crashes) */
    if (!winetest_platform_is_wine())
    {
        WSASetLastError(ERR_MARK);
        ret = WSAEnumProtocolsW(NULL, &info, NULL);
        ok(ret == SOCKET_ERROR, "got %d\n", ret);
        ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    }

    /* no buffer: the size needed */
    len = 0;
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsW(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    ok(len >= 4 * sizeof(WSAPROTOCOL_INFOW) && !(len % sizeof(WSAPROTOCOL_INFOW)), "got length %lu\n", len);
    needed = len;

    /* one record short */
    buffer = HeapAlloc(GetProcessHeap(), 0, needed);
    len = needed - sizeof(WSAPROTOCOL_INFOW);
    WSASetLastError(ERR_MARK);
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
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsW(unknown, &info, &len);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());

    /* bad pointers (documented WSAEFAULT; Wine's builtin crashes) */
    if (winetest_platform_is_wine()) return;
    len = needed;
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsW(NULL, (WSAPROTOCOL_INFOW *)BAD_PTR, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    len = needed;
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsW((int *)BAD_PTR, &info, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsW(NULL, &info, (DWORD *)BAD_PTR);
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
        WSASetLastError(ERR_MARK);
        ret = WSAEnumProtocolsA(NULL, &info, NULL);
        ok(ret == SOCKET_ERROR, "got %d\n", ret);
        ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    }

    len = 0;
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsA(NULL, NULL, &len);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAENOBUFS, "got error %d\n", WSAGetLastError());
    ok(len >= 4 * sizeof(WSAPROTOCOL_INFOA) && !(len % sizeof(WSAPROTOCOL_INFOA)), "got length %lu\n", len);
    needed = len;

    len = sizeof(info);
    WSASetLastError(ERR_MARK);
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
    WSASetLastError(ERR_MARK);
    ret = WSAEnumProtocolsA(NULL, (WSAPROTOCOL_INFOA *)BAD_PTR, &len);
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
        err = ERR_MARK;
        ret = WSCEnumProtocols(NULL, &info, NULL, &err);
        ok(ret == SOCKET_ERROR, "got %d\n", ret);
        ok(err == WSAEFAULT, "got error %d\n", err);
    }

    len = 0;
    err = ERR_MARK;
    SetLastError(ERR_MARK);
    ret = WSCEnumProtocols(NULL, NULL, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAENOBUFS, "got error %d\n", err);
    /* hidden entries are included; Wine's builtin leaves them out */
    todo_wine ok(len >= visible + 2 * sizeof(WSAPROTOCOL_INFOW), "got length %lu, visible %lu\n", len, visible);
    needed = len;

    buffer = HeapAlloc(GetProcessHeap(), 0, needed);
    len = needed - 1;
    err = ERR_MARK;
    ret = WSCEnumProtocols(NULL, buffer, &len, &err);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAENOBUFS, "got error %d\n", err);
    ok(len == needed, "got length %lu\n", len);

    err = ERR_MARK;
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
        err = ERR_MARK;
        ret = WSCEnumProtocols(NULL, (WSAPROTOCOL_INFOW *)BAD_PTR, &len, &err);
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
    err = ERR_MARK;
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

/* ---- WSCGetProviderPath ----
 *
 * Rules (Microsoft's documentation, and results Wine's tests record for
 * Windows):
 *  - without lpErrno nothing can be reported: the call just fails and
 *    leaves the length alone;
 *  - a missing provider id or length pointer is WSAEFAULT, looked at before
 *    whether the provider exists;
 *  - an unknown provider is WSAEINVAL whatever buffer comes with it, and
 *    the length is left alone;
 *  - a known provider gives its DLL path with environment strings still
 *    unexpanded; a buffer too small for it (or none) is WSAEFAULT. */

/* Not in the catalog: a made-up id, and the MSAFD Tcpip id with one bit
 * flipped, so the whole GUID has to be compared. */
static GUID made_up_guid = {0x5a5a0001, 0x3c3c, 0x4d4d, {0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00}};
static GUID near_tcpip_guid = {0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x93}};

static const WCHAR mswsock_path[] = L"%SystemRoot%\\system32\\mswsock.dll";

static void test_path_no_errno(void)
{
    WCHAR path[80];
    int ret, len;

    ret = WSCGetProviderPath(NULL, NULL, NULL, NULL);
    ok(ret == SOCKET_ERROR, "nothing at all: got %d\n", ret);
    len = LEN_MARK;
    ret = WSCGetProviderPath(NULL, path, &len, NULL);
    ok(ret == SOCKET_ERROR, "no provider, no errno: got %d\n", ret);
    ok(len == LEN_MARK, "no provider, no errno: length now %d\n", len);
}

/* One call expected to fail with the given error; returns the length. */
static int path_fails(GUID *provider, WCHAR *path, int len, int *len_ptr, int expect_err, BOOL todo)
{
    int ret, err = ERR_MARK;

    if (len_ptr) *len_ptr = len;
    ret = WSCGetProviderPath(provider, path, len_ptr, &err);
    todo_wine_if(todo) ok(ret == SOCKET_ERROR, "returned %d\n", ret);
    todo_wine_if(todo) ok(err == expect_err, "error %d, expected %d\n", err, expect_err);
    return len_ptr ? *len_ptr : -1;
}

static void test_path_missing_pointers(void)
{
    WCHAR path[80];
    int len;

    winetest_push_context("no provider");
    path_fails(NULL, path, ARRAY_SIZE(path), &len, WSAEFAULT, FALSE);
    winetest_pop_context();
    winetest_push_context("no length, known provider");
    path_fails(&tcpip6_guid, path, 0, NULL, WSAEFAULT, FALSE);
    winetest_pop_context();
    /* the length pointer is checked before the provider is looked up */
    winetest_push_context("no length, unknown provider");
    path_fails(&made_up_guid, path, 0, NULL, WSAEFAULT, FALSE);
    winetest_pop_context();
}

static void test_path_unknown_provider(void)
{
    static GUID zero_guid;
    WCHAR path[80];
    int len;

    /* Wine's builtin only knows the provider is missing when it has no
     * buffer and a negative length to look at. */
    winetest_push_context("made-up id");
    len = path_fails(&made_up_guid, path, ARRAY_SIZE(path), &len, WSAEINVAL, TRUE);
    ok(len == ARRAY_SIZE(path), "length now %d\n", len);
    winetest_pop_context();
    winetest_push_context("id one bit off");
    len = path_fails(&near_tcpip_guid, path, 3, &len, WSAEINVAL, TRUE);
    ok(len == 3, "length now %d\n", len);
    winetest_pop_context();
    winetest_push_context("zero id, no buffer");
    len = path_fails(&zero_guid, NULL, -7, &len, WSAEINVAL, FALSE);
    ok(len == -7, "length now %d\n", len);
    winetest_pop_context();
}

/* Wine's builtin succeeds for the MSAFD providers without writing a path. */
static void check_provider_path(GUID *provider, int size)
{
    WCHAR path[80];
    int ret, len = size, err = ERR_MARK;

    memset(path, 0x5a, sizeof(path));
    ret = WSCGetProviderPath(provider, path, &len, &err);
    ok(!ret, "%s, %d characters: returned %d, error %d\n", wine_dbgstr_guid(provider), size, ret, err);
    todo_wine ok(!lstrcmpiW(path, mswsock_path), "%s, %d characters: path %s\n", wine_dbgstr_guid(provider),
                 size, wine_dbgstr_wn(path, 40));
}

static void test_path_known_provider(void)
{
    WCHAR path[80];
    int needed = lstrlenW(mswsock_path) + 1, len;

    check_provider_path(&tcpip_guid, ARRAY_SIZE(path));
    check_provider_path(&tcpip6_guid, ARRAY_SIZE(path));
    /* room for the path and its NUL and no more is enough */
    check_provider_path(&tcpip6_guid, needed);

    /* Documented: too small a buffer, or none, is WSAEFAULT; Wine's builtin
     * does not look at the buffer. */
    winetest_push_context("no room for the NUL");
    path_fails(&tcpip_guid, path, needed - 1, &len, WSAEFAULT, TRUE);
    winetest_pop_context();
    winetest_push_context("one character");
    path_fails(&tcpip6_guid, path, 1, &len, WSAEFAULT, TRUE);
    winetest_pop_context();
    winetest_push_context("no buffer");
    path_fails(&tcpip_guid, NULL, ARRAY_SIZE(path), &len, WSAEFAULT, TRUE);
    winetest_pop_context();
}

static void test_WSCGetProviderPath(void)
{
    test_path_no_errno();
    test_path_missing_pointers();
    test_path_unknown_provider();
    test_path_known_provider();
}

/* ---- WSCGetProviderInfo ----
 *
 * Rules (Microsoft's documentation, and results Wine's tests record for
 * Windows):
 *  - without lpErrno the call just fails;
 *  - a missing provider id is WSAEFAULT;
 *  - a provider id with no catalog entry is WSANO_RECOVERY (the entry
 *    cannot be opened), whatever the other arguments are;
 *  - for a known provider ProviderInfoAudit is ERROR_CALL_NOT_IMPLEMENTED,
 *    an unknown information class is WSAEINVAL, and without a buffer the
 *    call fails and reports the size needed: a DWORD of LSP categories. */

static int info_fails(GUID *provider, WSC_PROVIDER_INFO_TYPE type, BYTE *info, size_t *size)
{
    int ret, err = ERR_MARK;

    ret = pWSCGetProviderInfo(provider, type, info, size, 0, &err);
    ok(ret == SOCKET_ERROR, "returned %d\n", ret);
    return err;
}

static void test_WSCGetProviderInfo(void)
{
    static GUID zero_guid;
    DWORD categories;
    size_t size;
    int ret, err;

    if (!pWSCGetProviderInfo)
    {
        ok(0, "WSCGetProviderInfo is missing\n");
        return;
    }

    size = sizeof(categories);
    ret = pWSCGetProviderInfo(&made_up_guid, ProviderInfoLspCategories, (BYTE *)&categories, &size, 0, NULL);
    ok(ret == SOCKET_ERROR, "no errno: returned %d\n", ret);

    winetest_push_context("no provider");
    size = sizeof(categories);
    err = info_fails(NULL, ProviderInfoLspCategories, (BYTE *)&categories, &size);
    ok(err == WSAEFAULT, "error %d\n", err);
    winetest_pop_context();

    /* Unknown providers, with good and bad arguments alike. */
    winetest_push_context("made-up id");
    size = sizeof(categories);
    err = info_fails(&made_up_guid, ProviderInfoLspCategories, (BYTE *)&categories, &size);
    ok(err == WSANO_RECOVERY, "error %d\n", err);
    err = info_fails(&made_up_guid, ProviderInfoAudit, (BYTE *)&categories, &size);
    ok(err == WSANO_RECOVERY, "audit: error %d\n", err);
    err = info_fails(&made_up_guid, ProviderInfoLspCategories, (BYTE *)&categories, NULL);
    ok(err == WSANO_RECOVERY, "no size: error %d\n", err);
    winetest_pop_context();
    winetest_push_context("id one bit off");
    size = 1;
    err = info_fails(&near_tcpip_guid, ProviderInfoLspCategories, NULL, &size);
    ok(err == WSANO_RECOVERY, "no buffer: error %d\n", err);
    winetest_pop_context();
    winetest_push_context("zero id");
    size = sizeof(categories);
    err = info_fails(&zero_guid, 0x77, (BYTE *)&categories, &size);
    ok(err == WSANO_RECOVERY, "class 0x77: error %d\n", err);
    winetest_pop_context();

    /* A known provider.  Wine's builtin answers WSANO_RECOVERY for every
     * provider. */
    winetest_push_context("MSAFD Tcpip");
    size = sizeof(categories);
    err = info_fails(&tcpip_guid, ProviderInfoAudit, (BYTE *)&categories, &size);
    todo_wine ok(err == ERROR_CALL_NOT_IMPLEMENTED, "audit: error %d\n", err);
    size = sizeof(categories);
    err = info_fails(&tcpip6_guid, 0x77, (BYTE *)&categories, &size);
    todo_wine ok(err == WSAEINVAL, "class 0x77: error %d\n", err);
    size = 0x77;
    info_fails(&tcpip_guid, ProviderInfoLspCategories, NULL, &size);
    todo_wine ok(size == sizeof(DWORD), "no buffer: size %zu\n", size);
    size = 1;
    info_fails(&tcpip6_guid, ProviderInfoLspCategories, NULL, &size);
    todo_wine ok(size == sizeof(DWORD), "no buffer, size 1: size %zu\n", size);
    winetest_pop_context();
}

/* ---- Which catalog entry socket creation picks ----
 *
 * Rules (Microsoft's socket/WSASocket documentation, and results Wine's
 * tests record for Windows with its default catalog):
 *  - a 0 type or protocol is a wildcard: the first entry in catalog order
 *    that fits the rest is taken, protocol 0 only fitting entries marked
 *    PFL_MATCHES_PROTOCOL_ZERO;
 *  - AF_UNSPEC leaves the family to the protocol, so the IPv4 entries
 *    (first in the catalog) win, but AF_UNSPEC with protocol 0 names
 *    nothing and is WSAEINVAL, whatever the type;
 *  - a type no entry has is WSAESOCKTNOSUPPORT, before anything else;
 *  - then a family no entry of that type has is WSAEAFNOSUPPORT, even when
 *    the protocol is wrong too;
 *  - then a protocol none of those entries covers is WSAEPROTONOSUPPORT.
 *    The documentation also lists WSAEPROTOTYPE for a protocol of the
 *    wrong type, but Windows reports WSAEPROTONOSUPPORT for TCP with
 *    SOCK_DGRAM and UDP with SOCK_STREAM.
 * The RAW entries cover protocols 0 to 255 when no type is given, so the
 * unsupported protocols here are outside that range. */

struct pick_case
{
    int family, type, protocol;
    DWORD entry;            /* catalog id picked */
};

struct refusal_case
{
    int family, type, protocol;
    int error;
    BOOL todo;              /* Wine's builtin reports another error */
};

static const struct expected_entry *entry_by_id(DWORD id)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(msafd_entries); i++)
        if (msafd_entries[i].id == id) return &msafd_entries[i];
    return NULL;
}

static void check_picks(const char *rule, const struct pick_case *cases, unsigned int count)
{
    const struct expected_entry *e;
    WSAPROTOCOL_INFOW info;
    unsigned int i;
    int size, ret;
    SOCKET s;

    for (i = 0; i < count; i++)
    {
        winetest_push_context("%s (%d, %d, %d)", rule, cases[i].family, cases[i].type, cases[i].protocol);
        e = entry_by_id(cases[i].entry);
        s = WSASocketW(cases[i].family, cases[i].type, cases[i].protocol, NULL, 0, 0);
        ok(s != INVALID_SOCKET, "failed with %d\n", WSAGetLastError());
        if (s != INVALID_SOCKET)
        {
            size = sizeof(info);
            memset(&info, 0x5a, sizeof(info));
            ret = getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &size);
            ok(!ret, "SO_PROTOCOL_INFOW failed: %d\n", WSAGetLastError());
            ok(info.dwCatalogEntryId == e->id, "picked catalog id %lu\n", info.dwCatalogEntryId);
            ok(IsEqualGUID(&info.ProviderId, e->provider), "provider %s\n", wine_dbgstr_guid(&info.ProviderId));
            ok(info.iAddressFamily == e->family, "family %d\n", info.iAddressFamily);
            ok(info.iSocketType == e->type, "type %d\n", info.iSocketType);
            ok(info.iProtocol == e->protocol, "protocol %d\n", info.iProtocol);
            closesocket(s);
        }
        winetest_pop_context();
    }
}

static void check_refusals(const char *rule, const struct refusal_case *cases, unsigned int count)
{
    unsigned int i;
    SOCKET s;

    for (i = 0; i < count; i++)
    {
        winetest_push_context("%s (%d, %d, %d)", rule, cases[i].family, cases[i].type, cases[i].protocol);
        WSASetLastError(ERR_MARK);
        s = WSASocketW(cases[i].family, cases[i].type, cases[i].protocol, NULL, 0, 0);
        ok(s == INVALID_SOCKET, "a socket was created\n");
        todo_wine_if(cases[i].todo)
        ok(WSAGetLastError() == cases[i].error, "error %d, expected %d\n", WSAGetLastError(), cases[i].error);
        if (s != INVALID_SOCKET) closesocket(s);
        winetest_pop_context();
    }
}

static void test_catalog_selection(void)
{
    static const struct pick_case all_given[] =
    {
        { AF_INET6, SOCK_STREAM, IPPROTO_TCP, 1004 },
        { AF_INET,  SOCK_DGRAM,  IPPROTO_UDP, 1002 },
        { AF_INET6, SOCK_DGRAM,  IPPROTO_UDP, 1005 },
    };
    static const struct pick_case no_protocol[] =
    {
        { AF_INET6, SOCK_DGRAM,  0, 1005 },
        { AF_INET,  SOCK_STREAM, 0, 1001 },
    };
    static const struct pick_case no_type[] =
    {
        { AF_INET6, 0, IPPROTO_TCP, 1004 },
        { AF_INET,  0, IPPROTO_UDP, 1002 },
    };
    static const struct pick_case family_only[] =
    {
        { AF_INET6, 0, 0, 1004 },
        { AF_INET,  0, 0, 1001 },
    };
    static const struct pick_case no_family[] =
    {
        { AF_UNSPEC, SOCK_DGRAM, IPPROTO_UDP, 1002 },
        { AF_UNSPEC, 0,          IPPROTO_TCP, 1001 },
        { AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 1001 },
    };
    static const struct refusal_case unspec_without_protocol[] =
    {
        { AF_UNSPEC, SOCK_DGRAM, 0, WSAEINVAL },
        { AF_UNSPEC, SOCK_RAW,   0, WSAEINVAL },
        { AF_UNSPEC, NO_TYPE,    0, WSAEINVAL },
        { AF_UNSPEC, -9,         0, WSAEINVAL },
        { AF_UNSPEC, 0,          0, WSAEINVAL },
    };
    static const struct refusal_case bad_type[] =
    {
        { AF_INET6,  NO_TYPE, IPPROTO_UDP, WSAESOCKTNOSUPPORT },
        { AF_INET,   -9,      0,           WSAESOCKTNOSUPPORT },
        { AF_UNSPEC, NO_TYPE, IPPROTO_TCP, WSAESOCKTNOSUPPORT },
        { NO_FAMILY, -9,      IPPROTO_TCP, WSAESOCKTNOSUPPORT },
        { AF_INET6,  NO_TYPE, NO_PROTOCOL, WSAESOCKTNOSUPPORT },
    };
    static const struct refusal_case bad_family[] =
    {
        { NO_FAMILY, SOCK_DGRAM,  IPPROTO_UDP, WSAEAFNOSUPPORT },
        { INT_MIN,   SOCK_STREAM, 0,           WSAEAFNOSUPPORT },
        { -300,      0,           IPPROTO_UDP, WSAEAFNOSUPPORT },
        { NO_FAMILY, SOCK_STREAM, IPPROTO_UDP, WSAEAFNOSUPPORT },
        { AF_IPX,    SOCK_DGRAM,  1000 /* NSPROTO_IPX */, WSAEAFNOSUPPORT },
        /* Wine's builtin puts the protocol first here */
        { NO_FAMILY, SOCK_DGRAM,  NO_PROTOCOL, WSAEAFNOSUPPORT, TRUE },
    };
    static const struct refusal_case bad_protocol[] =
    {
        { AF_INET6,  SOCK_STREAM, NO_PROTOCOL, WSAEPROTONOSUPPORT },
        { AF_INET,   SOCK_DGRAM,  -5,          WSAEPROTONOSUPPORT },
        { AF_INET6,  0,           0x5a5a,      WSAEPROTONOSUPPORT },
        { AF_UNSPEC, SOCK_DGRAM,  NO_PROTOCOL, WSAEPROTONOSUPPORT },
        { AF_UNSPEC, 0,           -5,          WSAEPROTONOSUPPORT },
    };
    static const struct refusal_case protocol_of_other_type[] =
    {
        { AF_INET6,  SOCK_DGRAM,  IPPROTO_TCP, WSAEPROTONOSUPPORT },
        { AF_INET6,  SOCK_STREAM, IPPROTO_UDP, WSAEPROTONOSUPPORT },
        /* As (AF_UNSPEC, SOCK_STREAM, unknown protocol): datagram entries
         * exist, none for TCP.  Wine's builtin reports WSAEAFNOSUPPORT. */
        { AF_UNSPEC, SOCK_DGRAM,  IPPROTO_TCP, WSAEPROTONOSUPPORT, TRUE },
    };

    check_picks("all given", all_given, ARRAY_SIZE(all_given));
    check_picks("protocol 0", no_protocol, ARRAY_SIZE(no_protocol));
    check_picks("type 0", no_type, ARRAY_SIZE(no_type));
    check_picks("family only", family_only, ARRAY_SIZE(family_only));
    check_picks("AF_UNSPEC", no_family, ARRAY_SIZE(no_family));

    check_refusals("AF_UNSPEC, protocol 0", unspec_without_protocol, ARRAY_SIZE(unspec_without_protocol));
    check_refusals("unknown type", bad_type, ARRAY_SIZE(bad_type));
    check_refusals("unknown family", bad_family, ARRAY_SIZE(bad_family));
    check_refusals("unsupported protocol", bad_protocol, ARRAY_SIZE(bad_protocol));
    check_refusals("protocol of the other type", protocol_of_other_type, ARRAY_SIZE(protocol_of_other_type));
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
