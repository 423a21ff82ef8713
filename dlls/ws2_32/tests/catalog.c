/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The persistent Winsock catalogs: installing, enumerating, reordering,
 * updating and removing transport entries (layered entries, chains, the
 * 32-bit catalog of 64-bit code), the name-space catalog, a catalog
 * written by one process and read by another, and WSAProviderConfigChange.
 *
 * The rules are those of Microsoft's documentation of each function; the
 * comment above each group names the rule.  Wine's builtin keeps nothing
 * (its install calls report success and store nothing, several functions
 * are stubs), so against it the state checks are todo_wine and the
 * functions it lacks are skipped.
 *
 * Every test removes what it installed: the catalog is left as found.
 */
#include <stdio.h>
#include <winsock2.h>
#include <ws2spi.h>
#include <windows.h>

#include "wine/test.h"

/* Sentinels of this file. */
#define ERR_FILL 0x5a5a5a5a
#define BYTE_FILL 0xc3

/* Provider GUIDs of this file's own. */
static const GUID layer_guid = {0x7c3e51a2, 0x19d4, 0x4b6f, {0x8e, 0x20, 0x5a, 0x11, 0xc3, 0x44, 0x90, 0x01}};
static const GUID chain_guid = {0x7c3e51a2, 0x19d4, 0x4b6f, {0x8e, 0x20, 0x5a, 0x11, 0xc3, 0x44, 0x90, 0x02}};
static const GUID lsp_guid   = {0x7c3e51a2, 0x19d4, 0x4b6f, {0x8e, 0x20, 0x5a, 0x11, 0xc3, 0x44, 0x90, 0x03}};
static const GUID wide_guid  = {0x7c3e51a2, 0x19d4, 0x4b6f, {0x8e, 0x20, 0x5a, 0x11, 0xc3, 0x44, 0x90, 0x04}};
static const GUID child_guid = {0x7c3e51a2, 0x19d4, 0x4b6f, {0x8e, 0x20, 0x5a, 0x11, 0xc3, 0x44, 0x90, 0x05}};
/* one for each of two children installing at the same time */
static const GUID racer_guids[2] =
{
    {0x7c3e51a2, 0x19d4, 0x4b6f, {0x8e, 0x20, 0x5a, 0x11, 0xc3, 0x44, 0x90, 0x06}},
    {0x7c3e51a2, 0x19d4, 0x4b6f, {0x8e, 0x20, 0x5a, 0x11, 0xc3, 0x44, 0x90, 0x07}},
};
static const GUID ns_guid    = {0x2e81f0b7, 0x6a3c, 0x4d95, {0xb1, 0x7e, 0x33, 0xc3, 0x5a, 0x02, 0x6d, 0x11}};
static const GUID ns2_guid   = {0x2e81f0b7, 0x6a3c, 0x4d95, {0xb1, 0x7e, 0x33, 0xc3, 0x5a, 0x02, 0x6d, 0x12}};
static const GUID nsc_guid   = {0x2e81f0b7, 0x6a3c, 0x4d95, {0xb1, 0x7e, 0x33, 0xc3, 0x5a, 0x02, 0x6d, 0x13}};
static const GUID unknown_guid = {0x0badc0de, 0x5a5a, 0x4c3c, {0x77, 0x77, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06}};

/* Provider DLLs need not exist for catalog-only work: the functions
 * store the path and load nothing (the docs say the path is expanded and
 * loaded "when Ws2_32.dll must subsequently load the provider"). */
static WCHAR layer_path[] = L"%SystemRoot%\\system32\\cat_probe_layer.dll";
static WCHAR other_path[] = L"C:\\catalog-test\\moved_layer.dll";
static WCHAR ns_path[] = L"%SystemRoot%\\system32\\cat_probe_nsp.dll";

/* A name space number nobody uses. */
#define TEST_NS 0x4c5a

static int (WINAPI *pWSCInstallProvider)(GUID *, const WCHAR *, WSAPROTOCOL_INFOW *, DWORD, int *);
static int (WINAPI *pWSCInstallProviderAndChains)(GUID *, WCHAR *, WCHAR *, DWORD, WSAPROTOCOL_INFOW *,
                                                  DWORD, DWORD *, int *);
static int (WINAPI *pWSCDeinstallProvider)(GUID *, int *);
static int (WINAPI *pWSCUpdateProvider)(GUID *, const WCHAR *, WSAPROTOCOL_INFOW *, DWORD, int *);
static int (WINAPI *pWSCWriteProviderOrder)(DWORD *, DWORD);
static int (WINAPI *pWSCEnumProtocols)(int *, WSAPROTOCOL_INFOW *, DWORD *, int *);
static int (WINAPI *pWSCGetProviderPath)(GUID *, WCHAR *, int *, int *);
static int (WINAPI *pWSCGetProviderInfo)(GUID *, WSC_PROVIDER_INFO_TYPE, BYTE *, size_t *, DWORD, int *);
static int (WINAPI *pWSCSetProviderInfo)(GUID *, WSC_PROVIDER_INFO_TYPE, BYTE *, size_t, DWORD, int *);
static INT (WINAPI *pWSCInstallNameSpace)(WCHAR *, WCHAR *, DWORD, DWORD, GUID *);
static INT (WINAPI *pWSCInstallNameSpaceEx)(WCHAR *, WCHAR *, DWORD, DWORD, GUID *, BLOB *);
static INT (WINAPI *pWSCUnInstallNameSpace)(GUID *);
static INT (WINAPI *pWSCEnableNSProvider)(GUID *, BOOL);
static int (WINAPI *pWSCWriteNameSpaceOrder)(GUID *, DWORD);
static INT (WINAPI *pWSAProviderConfigChange)(HANDLE *, WSAOVERLAPPED *, LPWSAOVERLAPPED_COMPLETION_ROUTINE);
static INT (WINAPI *pWSAEnumNameSpaceProvidersExW)(DWORD *, WSANAMESPACE_INFOEXW *);
static int (WINAPI *pWSCGetApplicationCategory)(const WCHAR *, DWORD, const WCHAR *, DWORD, DWORD *, int *);
static int (WINAPI *pWSCSetApplicationCategory)(const WCHAR *, DWORD, const WCHAR *, DWORD, DWORD, DWORD *,
                                                int *);
#ifdef _WIN64
static int (WINAPI *pWSCInstallProviderAndChains64_32)(GUID *, WCHAR *, WCHAR *, WCHAR *, DWORD,
                                                       WSAPROTOCOL_INFOW *, DWORD, DWORD *, int *);
static int (WINAPI *pWSCInstallProvider64_32)(GUID *, const WCHAR *, WSAPROTOCOL_INFOW *, DWORD, int *);
static int (WINAPI *pWSCDeinstallProvider32)(GUID *, int *);
static int (WINAPI *pWSCEnumProtocols32)(int *, WSAPROTOCOL_INFOW *, DWORD *, int *);
static int (WINAPI *pWSCGetProviderPath32)(GUID *, WCHAR *, int *, int *);
#endif

/* The Ex/Ex2 forms (undocumented: see test_targets) */
static int (WINAPI *pWSCEnumProtocolsEx)(int *, WSAPROTOCOL_INFOW *, DWORD *, int *, const void *);
static int (WINAPI *pWSCInstallProviderEx)(GUID *, const WCHAR *, WSAPROTOCOL_INFOW *, DWORD, int *,
                                           const void *, void *);
static int (WINAPI *pWSCDeinstallProviderEx)(GUID *, int *, const void *);
static int (WINAPI *pWSCUpdateProviderEx)(GUID *, const WCHAR *, WSAPROTOCOL_INFOW *, DWORD, int *,
                                          const void *);
static int (WINAPI *pWSCWriteProviderOrderEx)(DWORD *, DWORD, const void *);
static int (WINAPI *pWPUGetProviderPathEx)(GUID *, WCHAR *, int *, int *, const void *);
static INT (WINAPI *pWSCInstallNameSpaceEx2)(WCHAR *, WCHAR *, DWORD, DWORD, GUID *, BLOB *, const void *);
static INT (WINAPI *pWSCUnInstallNameSpaceEx2)(GUID *, const void *);
static int (WINAPI *pWSCGetApplicationCategoryEx)(const WCHAR *, DWORD, const WCHAR *, DWORD, DWORD *, int *,
                                                  const void *);
static int (WINAPI *pWSCSetApplicationCategoryEx)(const WCHAR *, DWORD, const WCHAR *, DWORD, DWORD, DWORD *,
                                                  int *, const void *);

static BOOL builtin;

static void load_functions(void)
{
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");

#define LOAD(name) p##name = (void *)GetProcAddress(ws2, #name)
    LOAD(WSCInstallProvider);
    LOAD(WSCInstallProviderAndChains);
    LOAD(WSCDeinstallProvider);
    LOAD(WSCUpdateProvider);
    LOAD(WSCWriteProviderOrder);
    LOAD(WSCEnumProtocols);
    LOAD(WSCGetProviderPath);
    LOAD(WSCGetProviderInfo);
    LOAD(WSCSetProviderInfo);
    LOAD(WSCInstallNameSpace);
    LOAD(WSCInstallNameSpaceEx);
    LOAD(WSCUnInstallNameSpace);
    LOAD(WSCEnableNSProvider);
    LOAD(WSCWriteNameSpaceOrder);
    LOAD(WSAProviderConfigChange);
    LOAD(WSAEnumNameSpaceProvidersExW);
    LOAD(WSCGetApplicationCategory);
    LOAD(WSCSetApplicationCategory);
    LOAD(WSCEnumProtocolsEx);
    LOAD(WSCInstallProviderEx);
    LOAD(WSCDeinstallProviderEx);
    LOAD(WSCUpdateProviderEx);
    LOAD(WSCWriteProviderOrderEx);
    LOAD(WPUGetProviderPathEx);
    LOAD(WSCInstallNameSpaceEx2);
    LOAD(WSCUnInstallNameSpaceEx2);
    LOAD(WSCGetApplicationCategoryEx);
    LOAD(WSCSetApplicationCategoryEx);
#ifdef _WIN64
    LOAD(WSCInstallProviderAndChains64_32);
    LOAD(WSCInstallProvider64_32);
    LOAD(WSCDeinstallProvider32);
    LOAD(WSCEnumProtocols32);
    LOAD(WSCGetProviderPath32);
#endif
#undef LOAD
}

/* Wine's builtin exports some of these as stubs that raise an exception
 * when called: those are only called against our DLL (or Windows). */
static BOOL usable(const void *fn, const char *name)
{
    if (!fn)
    {
        if (builtin) skip("%s is not exported by Wine's builtin\n", name);
        else win_skip("%s is not exported\n", name);
        return FALSE;
    }
    if (builtin)
    {
        skip("%s is a stub in Wine's builtin\n", name);
        return FALSE;
    }
    return TRUE;
}

/* ---- catalog snapshots ---- */

struct snapshot
{
    int count;
    WSAPROTOCOL_INFOW *entries;
};

static void take_snapshot(struct snapshot *s,
                          int (WINAPI *enum_fn)(int *, WSAPROTOCOL_INFOW *, DWORD *, int *))
{
    DWORD len = 0;
    int err = ERR_FILL, tries;

    s->count = 0;
    s->entries = NULL;
    ok(enum_fn(NULL, NULL, &len, &err) == SOCKET_ERROR && err == WSAENOBUFS,
       "size query: err %d\n", err);
    /* another process may add entries between the size and the fetch:
     * WSAENOBUFS again, with the new size */
    for (tries = 0; tries < 20; tries++)
    {
        HeapFree(GetProcessHeap(), 0, s->entries);
        s->entries = HeapAlloc(GetProcessHeap(), 0, len + sizeof(WSAPROTOCOL_INFOW));
        memset(s->entries, BYTE_FILL, len + sizeof(WSAPROTOCOL_INFOW));
        s->count = enum_fn(NULL, s->entries, &len, &err);
        if (s->count >= 0 || err != WSAENOBUFS) break;
    }
    ok(s->count >= 0 && len >= s->count * sizeof(WSAPROTOCOL_INFOW), "enumeration: %d entries, len %lu\n",
       s->count, len);
    if (s->count < 0) s->count = 0;
}

static void free_snapshot(struct snapshot *s)
{
    HeapFree(GetProcessHeap(), 0, s->entries);
    s->entries = NULL;
}

static const WSAPROTOCOL_INFOW *find_by_provider(const struct snapshot *s, const GUID *id, int nth)
{
    int i;

    for (i = 0; i < s->count; i++)
        if (IsEqualGUID(&s->entries[i].ProviderId, id) && !nth--) return &s->entries[i];
    return NULL;
}

static const WSAPROTOCOL_INFOW *find_by_id(const struct snapshot *s, DWORD id)
{
    int i;

    for (i = 0; i < s->count; i++)
        if (s->entries[i].dwCatalogEntryId == id) return &s->entries[i];
    return NULL;
}

static DWORD highest_id(const struct snapshot *s)
{
    DWORD id = 0;
    int i;

    for (i = 0; i < s->count; i++) id = max(id, s->entries[i].dwCatalogEntryId);
    return id;
}

/* The first base IPv4 entry of a type, as a template. */
static BOOL base_entry(const struct snapshot *s, int type, WSAPROTOCOL_INFOW *out)
{
    int i;

    for (i = 0; i < s->count; i++)
    {
        const WSAPROTOCOL_INFOW *e = &s->entries[i];
        if (e->ProtocolChain.ChainLen == BASE_PROTOCOL && e->iAddressFamily == AF_INET && e->iSocketType == type)
        {
            *out = *e;
            return TRUE;
        }
    }
    return FALSE;
}

/* Whether two snapshots list the same entries in the same order. */
static BOOL same_catalog(const struct snapshot *a, const struct snapshot *b)
{
    return a->count == b->count && !memcmp(a->entries, b->entries, a->count * sizeof(*a->entries));
}

/* Visible entries of WSAEnumProtocolsW. */
static int visible_count(void)
{
    WSAPROTOCOL_INFOW buf[64];
    DWORD len = sizeof(buf);

    return WSAEnumProtocolsW(NULL, buf, &len);
}

static void remove_provider(GUID *id)
{
    int err;
    pWSCDeinstallProvider(id, &err);
}

/* ---- installing a layered entry and a chain over it ---- */

static void fill_layer(const WSAPROTOCOL_INFOW *base, WSAPROTOCOL_INFOW *info, const WCHAR *name)
{
    *info = *base;
    info->ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    memset(info->ProtocolChain.ChainEntries, 0, sizeof(info->ProtocolChain.ChainEntries));
    lstrcpyW(info->szProtocol, name);
}

/* Each argument check of WSCInstallProvider (docs: WSAEFAULT for memory
 * outside the address space, WSAEINVAL for invalid arguments). */
static void test_install_arguments(const WSAPROTOCOL_INFOW *base)
{
    static WCHAR empty[] = L"";
    WSAPROTOCOL_INFOW info;
    int err, ret;

    fill_layer(base, &info, L"argument probe");

    err = ERR_FILL;
    ret = pWSCInstallProvider(NULL, layer_path, &info, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT, "no GUID: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&wide_guid, layer_path, NULL, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT, "no list: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&wide_guid, NULL, &info, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT, "no path: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&wide_guid, empty, &info, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "empty path: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&wide_guid, layer_path, &info, 0, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "no entries: ret %d err %d\n", ret, err);

    /* a chain longer than WSAPROTOCOLCHAIN holds */
    info.ProtocolChain.ChainLen = MAX_PROTOCOL_CHAIN + 2;
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&wide_guid, layer_path, &info, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "long chain: ret %d err %d\n", ret, err);

    /* a chain naming entries that are not in the catalog */
    info.ProtocolChain.ChainLen = 2;
    info.ProtocolChain.ChainEntries[0] = 0x5a5a00;
    info.ProtocolChain.ChainEntries[1] = base->dwCatalogEntryId;
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&wide_guid, layer_path, &info, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "unknown chain link: ret %d err %d\n", ret, err);
}

static void check_path(const GUID *id, const WCHAR *expect)
{
    WCHAR path[MAX_PATH];
    int len = ARRAYSIZE(path), err = ERR_FILL, ret;

    memset(path, BYTE_FILL, sizeof(path));
    ret = pWSCGetProviderPath((GUID *)id, path, &len, &err);
    ok(!ret, "WSCGetProviderPath: ret %d err %d\n", ret, err);
    ok(!lstrcmpW(path, expect), "path %s, expected %s\n", wine_dbgstr_w(path), wine_dbgstr_w(expect));
}

/* WSCWriteProviderOrder fails with WSAEINVAL when the count is not the
 * number of entries or an ID is unknown or given twice (docs); otherwise
 * the catalog takes the new order. */
static void test_order(const struct snapshot *now, DWORD chain_id)
{
    struct snapshot after;
    DWORD *ids = HeapAlloc(GetProcessHeap(), 0, (now->count + 1) * sizeof(DWORD));
    int i, n = 0, ret;

    /* the chain first, then everything else in its present order */
    ids[n++] = chain_id;
    for (i = 0; i < now->count; i++)
        if (now->entries[i].dwCatalogEntryId != chain_id) ids[n++] = now->entries[i].dwCatalogEntryId;

    ret = pWSCWriteProviderOrder(ids, n - 1);
    ok(ret == WSAEINVAL, "one entry short: %d\n", ret);
    ids[n] = ids[1];
    ret = pWSCWriteProviderOrder(ids + 1, n);
    ok(ret == WSAEINVAL, "an ID twice: %d\n", ret);
    ret = pWSCWriteProviderOrder(NULL, n);
    ok(ret == WSAEINVAL, "no array: %d\n", ret);

    ret = pWSCWriteProviderOrder(ids, n);
    ok(!ret, "new order: %d\n", ret);
    take_snapshot(&after, pWSCEnumProtocols);
    ok(after.count == now->count, "%d entries, expected %d\n", after.count, now->count);
    ok(after.count && after.entries[0].dwCatalogEntryId == chain_id, "first entry %lu, expected %lu\n",
       after.count ? after.entries[0].dwCatalogEntryId : 0, chain_id);
    free_snapshot(&after);

    /* and back */
    for (i = 0; i < now->count; i++) ids[i] = now->entries[i].dwCatalogEntryId;
    ret = pWSCWriteProviderOrder(ids, now->count);
    ok(!ret, "old order: %d\n", ret);
    take_snapshot(&after, pWSCEnumProtocols);
    ok(same_catalog(&after, now), "order not restored\n");
    free_snapshot(&after);
    HeapFree(GetProcessHeap(), 0, ids);
}

/* LSP categories: what WSCSetProviderInfo stores, WSCGetProviderInfo
 * returns; the value is one DWORD, so another size is invalid. */
static void test_categories(const GUID *id)
{
    DWORD cats = LSP_INSPECTOR | LSP_REDIRECTOR, got = ERR_FILL;
    size_t size = sizeof(got);
    int err = ERR_FILL, ret;

    if (!usable(pWSCSetProviderInfo, "WSCSetProviderInfo")) return;
    ret = pWSCSetProviderInfo((GUID *)id, ProviderInfoLspCategories, (BYTE *)&cats, 3, 0, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "three bytes: ret %d err %d\n", ret, err);
    ret = pWSCSetProviderInfo((GUID *)id, ProviderInfoLspCategories, (BYTE *)&cats, sizeof(cats), 0, &err);
    ok(!ret, "set categories: ret %d err %d\n", ret, err);
    ret = pWSCGetProviderInfo((GUID *)id, ProviderInfoLspCategories, (BYTE *)&got, &size, 0, &err);
    ok(!ret && got == cats && size == sizeof(got), "categories: ret %d, %#lx, size %lu\n", ret, got,
       (unsigned long)size);
    err = ERR_FILL;
    ret = pWSCSetProviderInfo((GUID *)&unknown_guid, ProviderInfoLspCategories, (BYTE *)&cats,
                              sizeof(cats), 0, &err);
    ok(ret == SOCKET_ERROR && err == WSANO_RECOVERY, "unknown provider: ret %d err %d\n", ret, err);
}

/* WSCUpdateProvider: the provider's entries take the new path and
 * description; an unknown provider is WSAEINVAL. */
static void test_update(const WSAPROTOCOL_INFOW *chain)
{
    WSAPROTOCOL_INFOW info = *chain;
    struct snapshot after;
    const WSAPROTOCOL_INFOW *e;
    int err = ERR_FILL, ret;

    if (!usable(pWSCUpdateProvider, "WSCUpdateProvider")) return;
    lstrcpyW(info.szProtocol, L"catalog chain, updated");
    ret = pWSCUpdateProvider((GUID *)&chain_guid, other_path, &info, 1, &err);
    ok(!ret, "update: ret %d err %d\n", ret, err);
    take_snapshot(&after, pWSCEnumProtocols);
    e = find_by_provider(&after, &chain_guid, 0);
    ok(e && e->dwCatalogEntryId == chain->dwCatalogEntryId, "the entry keeps its ID\n");
    ok(e && !lstrcmpW(e->szProtocol, L"catalog chain, updated"), "name %s\n", e ? wine_dbgstr_w(e->szProtocol) : "");
    free_snapshot(&after);
    check_path(&chain_guid, other_path);

    err = ERR_FILL;
    ret = pWSCUpdateProvider((GUID *)&unknown_guid, other_path, &info, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "unknown provider: ret %d err %d\n", ret, err);
}

static void test_layered_and_chain(void)
{
    struct snapshot before, now;
    WSAPROTOCOL_INFOW tcp, info;
    const WSAPROTOCOL_INFOW *layer, *chain;
    int err, ret, visible;
    DWORD layer_id;

    take_snapshot(&before, pWSCEnumProtocols);
    if (!base_entry(&before, SOCK_STREAM, &tcp))
    {
        skip("no TCP base entry\n");
        free_snapshot(&before);
        return;
    }
    visible = visible_count();
    if (!builtin) test_install_arguments(&tcp);

    /* a layered entry: ChainLen 0 */
    fill_layer(&tcp, &info, L"catalog test layer");
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&layer_guid, layer_path, &info, 1, &err);
    ok(!ret, "install layer: ret %d err %d\n", ret, err);

    take_snapshot(&now, pWSCEnumProtocols);
    layer = find_by_provider(&now, &layer_guid, 0);
    /* Wine's builtin stores nothing; Windows appends the entry */
    todo_wine ok(layer != NULL, "layered entry not enumerated\n");
    if (!layer)
    {
        free_snapshot(&now);
        free_snapshot(&before);
        remove_provider((GUID *)&layer_guid);
        return;
    }
    ok(now.count == before.count + 1, "%d entries, expected %d\n", now.count, before.count + 1);
    ok(layer == &now.entries[now.count - 1], "installed entries follow the others\n");
    ok(layer->dwCatalogEntryId > highest_id(&before), "new ID %lu not above %lu\n",
       layer->dwCatalogEntryId, highest_id(&before));
    ok(layer->ProtocolChain.ChainLen == LAYERED_PROTOCOL, "ChainLen %d\n", layer->ProtocolChain.ChainLen);
    ok(!lstrcmpW(layer->szProtocol, L"catalog test layer"), "name %s\n", wine_dbgstr_w(layer->szProtocol));
    layer_id = layer->dwCatalogEntryId;
    free_snapshot(&now);
    /* WSAEnumProtocols leaves layered entries out */
    ok(visible_count() == visible, "visible entries changed\n");
    check_path(&layer_guid, layer_path);

    /* installing the same provider again: "the provider is already
     * installed" is WSANO_RECOVERY */
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&layer_guid, layer_path, &info, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSANO_RECOVERY, "again: ret %d err %d\n", ret, err);

    /* a chain: the layer on top of TCP */
    info = tcp;
    info.ProtocolChain.ChainLen = 2;
    info.ProtocolChain.ChainEntries[0] = layer_id;
    info.ProtocolChain.ChainEntries[1] = tcp.dwCatalogEntryId;
    lstrcpyW(info.szProtocol, L"catalog test chain");
    err = ERR_FILL;
    ret = pWSCInstallProvider((GUID *)&chain_guid, layer_path, &info, 1, &err);
    ok(!ret, "install chain: ret %d err %d\n", ret, err);
    ok(visible_count() == visible + 1, "a chain is visible to WSAEnumProtocols\n");

    take_snapshot(&now, pWSCEnumProtocols);
    chain = find_by_provider(&now, &chain_guid, 0);
    ok(chain && chain->ProtocolChain.ChainLen == 2 && chain->ProtocolChain.ChainEntries[0] == layer_id &&
       chain->dwCatalogEntryId > layer_id, "chain entry\n");
    if (chain)
    {
        WSAPROTOCOL_INFOW copy = *chain;
        test_order(&now, chain->dwCatalogEntryId);
        test_categories(&layer_guid);
        test_update(&copy);
    }
    free_snapshot(&now);

    /* removing: each provider once; an unknown one is WSAEINVAL */
    ok(!pWSCDeinstallProvider((GUID *)&chain_guid, &err), "remove chain: err %d\n", err);
    ok(!pWSCDeinstallProvider((GUID *)&layer_guid, &err), "remove layer: err %d\n", err);
    err = ERR_FILL;
    ret = pWSCDeinstallProvider((GUID *)&layer_guid, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "removed twice: ret %d err %d\n", ret, err);

    take_snapshot(&now, pWSCEnumProtocols);
    ok(same_catalog(&now, &before), "catalog not back as it was\n");
    free_snapshot(&now);
    free_snapshot(&before);
}

/* Wine's builtin answers for a provider it never stored. */
static void test_builtin_deinstall(void)
{
    int err = ERR_FILL, ret;

    ret = pWSCDeinstallProvider((GUID *)&unknown_guid, &err);
    /* "lpProviderId does not specify a valid provider": WSAEINVAL */
    todo_wine ok(ret == SOCKET_ERROR && err == WSAEINVAL, "unknown provider: ret %d err %d\n", ret, err);
}

/* ---- WSCInstallProviderAndChains ---- */

/* One "dummy" layered entry (ChainLen 0, dwServiceFlags as its service
 * flags, lpdwCatalogEntryId its ID) and one chain per given entry whose
 * ChainEntries[0] is the dummy, placed at the start of the catalog; the
 * entries are matched to base ones by family, type and protocol (docs). */
static void test_and_chains(void)
{
    static WCHAR lsp_name[] = L"catalog probe lsp";
    WSAPROTOCOL_INFOW infos[2];
    struct snapshot before, now;
    const WSAPROTOCOL_INFOW *dummy;
    DWORD id = ERR_FILL;
    int err = ERR_FILL, ret, i;

    if (!usable(pWSCInstallProviderAndChains, "WSCInstallProviderAndChains")) return;
    take_snapshot(&before, pWSCEnumProtocols);
    if (!base_entry(&before, SOCK_STREAM, &infos[0]) || !base_entry(&before, SOCK_DGRAM, &infos[1]))
    {
        skip("no base entries\n");
        free_snapshot(&before);
        return;
    }

    /* a triple no base entry has */
    infos[0].iProtocol = IPPROTO_UDP;
    ret = pWSCInstallProviderAndChains((GUID *)&lsp_guid, layer_path, lsp_name, XP1_IFS_HANDLES, infos, 2,
                                       &id, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "stream over UDP: ret %d err %d\n", ret, err);
    infos[0].iProtocol = IPPROTO_TCP;

    ret = pWSCInstallProviderAndChains((GUID *)&lsp_guid, layer_path, lsp_name, XP1_IFS_HANDLES, infos, 2,
                                       &id, &err);
    ok(!ret, "install: ret %d err %d\n", ret, err);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(now.count == before.count + 3, "%d entries, expected %d\n", now.count, before.count + 3);
    dummy = find_by_id(&now, id);
    ok(dummy && dummy->ProtocolChain.ChainLen == LAYERED_PROTOCOL &&
       dummy->dwServiceFlags1 == XP1_IFS_HANDLES && !lstrcmpW(dummy->szProtocol, lsp_name),
       "dummy entry %lu\n", id);
    for (i = 0; i < 2 && now.count >= 2; i++)
    {
        const WSAPROTOCOL_INFOW *e = &now.entries[i];
        ok(IsEqualGUID(&e->ProviderId, &lsp_guid), "entry %d is not the LSP's\n", i);
        ok(e->ProtocolChain.ChainLen == 2 && e->ProtocolChain.ChainEntries[0] == id &&
           e->ProtocolChain.ChainEntries[1] == infos[i].dwCatalogEntryId,
           "chain %d: len %d, %lu over %lu\n", i, e->ProtocolChain.ChainLen, e->ProtocolChain.ChainEntries[0],
           e->ProtocolChain.ChainEntries[1]);
        ok(e->iSocketType == infos[i].iSocketType, "chain %d type %d\n", i, e->iSocketType);
    }
    free_snapshot(&now);

    ok(!pWSCDeinstallProvider((GUID *)&lsp_guid, &err), "remove: err %d\n", err);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(same_catalog(&now, &before), "catalog not back as it was\n");
    free_snapshot(&now);
    free_snapshot(&before);
}

/* ---- the 32-bit catalog of 64-bit code ---- */

#ifdef _WIN64
/* WSCInstallProvider reaches the 64-bit catalog only; the 64_32 form
 * installs into both; the "32" functions work on the 32-bit one (docs). */
static void test_catalog32(void)
{
    struct snapshot before64, before32, now;
    WSAPROTOCOL_INFOW info;
    WCHAR path[MAX_PATH];
    int err = ERR_FILL, ret, len = ARRAYSIZE(path);

    if (!usable(pWSCInstallProvider64_32, "WSCInstallProvider64_32") ||
        !usable(pWSCEnumProtocols32, "WSCEnumProtocols32"))
        return;
    take_snapshot(&before64, pWSCEnumProtocols);
    take_snapshot(&before32, pWSCEnumProtocols32);
    if (!base_entry(&before64, SOCK_DGRAM, &info))
    {
        skip("no UDP base entry\n");
        goto done;
    }
    fill_layer(&info, &info, L"catalog layer, both catalogs");

    ret = pWSCInstallProvider((GUID *)&wide_guid, layer_path, &info, 1, &err);
    ok(!ret, "native install: ret %d err %d\n", ret, err);
    take_snapshot(&now, pWSCEnumProtocols32);
    ok(!find_by_provider(&now, &wide_guid, 0), "the 32-bit catalog got a native install\n");
    free_snapshot(&now);
    ret = pWSCDeinstallProvider32((GUID *)&wide_guid, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "not in the 32-bit catalog: ret %d err %d\n", ret, err);
    ok(!pWSCDeinstallProvider((GUID *)&wide_guid, &err), "native remove: err %d\n", err);

    ret = pWSCInstallProvider64_32((GUID *)&wide_guid, layer_path, &info, 1, &err);
    ok(!ret, "64_32 install: ret %d err %d\n", ret, err);
    take_snapshot(&now, pWSCEnumProtocols32);
    ok(find_by_provider(&now, &wide_guid, 0) != NULL, "not in the 32-bit catalog\n");
    free_snapshot(&now);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(find_by_provider(&now, &wide_guid, 0) != NULL, "not in the 64-bit catalog\n");
    free_snapshot(&now);
    ret = pWSCGetProviderPath32((GUID *)&wide_guid, path, &len, &err);
    ok(!ret && !lstrcmpW(path, layer_path), "32-bit path: ret %d %s\n", ret, wine_dbgstr_w(path));

    ok(!pWSCDeinstallProvider32((GUID *)&wide_guid, &err), "32-bit remove: err %d\n", err);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(find_by_provider(&now, &wide_guid, 0) != NULL, "the 64-bit entry went with the 32-bit one\n");
    free_snapshot(&now);
    ok(!pWSCDeinstallProvider((GUID *)&wide_guid, &err), "64-bit remove: err %d\n", err);

    take_snapshot(&now, pWSCEnumProtocols);
    ok(same_catalog(&now, &before64), "64-bit catalog not back as it was\n");
    free_snapshot(&now);
    take_snapshot(&now, pWSCEnumProtocols32);
    ok(same_catalog(&now, &before32), "32-bit catalog not back as it was\n");
    free_snapshot(&now);
done:
    free_snapshot(&before64);
    free_snapshot(&before32);
}

/* WSCInstallProviderAndChains64_32 with no 32-bit path needs the 64-bit
 * one to be %windir%\\system32\\<dllname>, else WSAEINVAL (docs); with it,
 * both catalogs get the chains. */
static void test_and_chains64_32(void)
{
    static WCHAR lsp_name[] = L"catalog probe lsp, both";
    static WCHAR sys_path[] = L"%windir%\\system32\\cat_probe_both.dll";
    struct snapshot before, now;
    WSAPROTOCOL_INFOW info;
    DWORD id = ERR_FILL;
    int err = ERR_FILL, ret;

    if (!usable(pWSCInstallProviderAndChains64_32, "WSCInstallProviderAndChains64_32")) return;
    take_snapshot(&before, pWSCEnumProtocols);
    if (!base_entry(&before, SOCK_DGRAM, &info))
    {
        free_snapshot(&before);
        return;
    }
    ret = pWSCInstallProviderAndChains64_32((GUID *)&lsp_guid, layer_path, NULL, lsp_name, 0, &info, 1, &id, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "path outside system32: ret %d err %d\n", ret, err);

    ret = pWSCInstallProviderAndChains64_32((GUID *)&lsp_guid, sys_path, NULL, lsp_name, 0, &info, 1, &id, &err);
    ok(!ret, "system32 path: ret %d err %d\n", ret, err);
    take_snapshot(&now, pWSCEnumProtocols32);
    ok(find_by_id(&now, id) != NULL, "no dummy entry in the 32-bit catalog\n");
    free_snapshot(&now);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(find_by_id(&now, id) != NULL, "no dummy entry in the 64-bit catalog\n");
    free_snapshot(&now);
    ok(!pWSCDeinstallProvider32((GUID *)&lsp_guid, &err), "32-bit remove: err %d\n", err);
    ok(!pWSCDeinstallProvider((GUID *)&lsp_guid, &err), "64-bit remove: err %d\n", err);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(same_catalog(&now, &before), "catalog not back as it was\n");
    free_snapshot(&now);
    free_snapshot(&before);
}
#endif

/* ---- the name-space catalog ---- */

static WSANAMESPACE_INFOW *ns_snapshot(int *count)
{
    WSANAMESPACE_INFOW *buf;
    DWORD len = 0;

    WSAEnumNameSpaceProvidersW(&len, NULL);
    buf = HeapAlloc(GetProcessHeap(), 0, len);
    *count = WSAEnumNameSpaceProvidersW(&len, buf);
    return buf;
}

/* The Ex records, which carry the provider's BLOB. */
static WSANAMESPACE_INFOEXW *ns_snapshot_ex(int *count)
{
    WSANAMESPACE_INFOEXW *buf;
    DWORD len = 0;

    pWSAEnumNameSpaceProvidersExW(&len, NULL);
    buf = HeapAlloc(GetProcessHeap(), 0, len);
    *count = pWSAEnumNameSpaceProvidersExW(&len, buf);
    return buf;
}

static const WSANAMESPACE_INFOW *ns_find(const WSANAMESPACE_INFOW *list, int count, const GUID *id)
{
    int i;

    for (i = 0; i < count; i++)
        if (IsEqualGUID(&list[i].NSProviderId, id)) return &list[i];
    return NULL;
}

/* The A records carry the identifier in the ANSI code page. */
static BOOL ns_listed_ansi(const GUID *id, const char *name)
{
    WSANAMESPACE_INFOA buf[32];
    DWORD len = sizeof(buf);
    int count = WSAEnumNameSpaceProvidersA(&len, buf), i;

    for (i = 0; i < count; i++)
        if (IsEqualGUID(&buf[i].NSProviderId, id)) return !strcmp(buf[i].lpszIdentifier, name);
    return FALSE;
}

static void test_name_space(void)
{
    static WCHAR ns_name[] = L"catalog probe names";
    static BYTE blob_data[] = {0x3c, 0xa5, 0x5a, 0xc3, 0x11};
    WSANAMESPACE_INFOW *list;
    const WSANAMESPACE_INFOW *e;
    BLOB blob = {sizeof(blob_data), blob_data};
    GUID order[16];
    int count, before, ret, i;

    HeapFree(GetProcessHeap(), 0, ns_snapshot(&before));

    ret = pWSCInstallNameSpace(ns_name, ns_path, TEST_NS, 7, (GUID *)&ns_guid);
    ok(!ret, "install: ret %d error %d\n", ret, WSAGetLastError());
    list = ns_snapshot(&count);
    e = ns_find(list, count, &ns_guid);
    /* Wine's builtin stores nothing */
    todo_wine ok(e != NULL, "provider not enumerated\n");
    if (!e)
    {
        HeapFree(GetProcessHeap(), 0, list);
        pWSCUnInstallNameSpace((GUID *)&ns_guid);
        return;
    }
    ok(count == before + 1 && e == &list[count - 1], "installed last of %d\n", count);
    ok(e->dwNameSpace == TEST_NS && e->dwVersion == 7 && e->fActive, "name space %lu version %lu active %d\n",
       e->dwNameSpace, e->dwVersion, e->fActive);
    ok(!lstrcmpW(e->lpszIdentifier, ns_name), "identifier %s\n", wine_dbgstr_w(e->lpszIdentifier));
    HeapFree(GetProcessHeap(), 0, list);
    ok(ns_listed_ansi(&ns_guid, "catalog probe names"), "A enumeration\n");

    /* the same GUID again: "the provider is already installed" */
    WSASetLastError(ERR_FILL);
    ret = pWSCInstallNameSpace(ns_name, ns_path, TEST_NS, 7, (GUID *)&ns_guid);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANO_RECOVERY, "again: ret %d error %d\n", ret,
       WSAGetLastError());

    /* disabled providers stay listed, inactive */
    ok(!pWSCEnableNSProvider((GUID *)&ns_guid, FALSE), "disable: error %d\n", WSAGetLastError());
    list = ns_snapshot(&count);
    e = ns_find(list, count, &ns_guid);
    ok(e && !e->fActive, "still active after disabling\n");
    HeapFree(GetProcessHeap(), 0, list);
    ok(!pWSCEnableNSProvider((GUID *)&ns_guid, TRUE), "enable: error %d\n", WSAGetLastError());
    WSASetLastError(ERR_FILL);
    ret = pWSCEnableNSProvider((GUID *)&unknown_guid, TRUE);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "unknown provider: ret %d error %d\n", ret,
       WSAGetLastError());

    /* WSCInstallNameSpaceEx keeps the provider's BLOB for the Ex records */
    if (usable(pWSCInstallNameSpaceEx, "WSCInstallNameSpaceEx") &&
        usable(pWSAEnumNameSpaceProvidersExW, "WSAEnumNameSpaceProvidersExW"))
    {
        WSANAMESPACE_INFOEXW *ex;
        int ex_count, found = 0;

        ret = pWSCInstallNameSpaceEx(ns_name, ns_path, TEST_NS, 2, (GUID *)&ns2_guid, &blob);
        ok(!ret, "install Ex: error %d\n", WSAGetLastError());
        ex = ns_snapshot_ex(&ex_count);
        for (i = 0; i < ex_count; i++)
        {
            if (IsEqualGUID(&ex[i].NSProviderId, &ns_guid))
                ok(!ex[i].ProviderSpecific.cbSize, "no BLOB was given\n");
            if (!IsEqualGUID(&ex[i].NSProviderId, &ns2_guid)) continue;
            found++;
            ok(ex[i].ProviderSpecific.cbSize == sizeof(blob_data) &&
               !memcmp(ex[i].ProviderSpecific.pBlobData, blob_data, sizeof(blob_data)), "BLOB not kept\n");
        }
        ok(found == 1, "Ex provider listed %d times\n", found);
        HeapFree(GetProcessHeap(), 0, ex);
    }

    /* WSCWriteNameSpaceOrder: ours first, then the rest; a wrong count
     * is WSAEINVAL */
    if (usable(pWSCWriteNameSpaceOrder, "WSCWriteNameSpaceOrder"))
    {
        list = ns_snapshot(&count);
        if (count <= (int)ARRAYSIZE(order))
        {
            int n = 0;

            order[n++] = ns_guid;
            for (i = 0; i < count; i++)
                if (!IsEqualGUID(&list[i].NSProviderId, &ns_guid)) order[n++] = list[i].NSProviderId;
            ok(pWSCWriteNameSpaceOrder(order, n - 1) == WSAEINVAL, "short list accepted\n");
            ok(!pWSCWriteNameSpaceOrder(order, n), "reorder failed\n");
            HeapFree(GetProcessHeap(), 0, list);
            list = ns_snapshot(&count);
            ok(count && IsEqualGUID(&list[0].NSProviderId, &ns_guid), "not first\n");
        }
        HeapFree(GetProcessHeap(), 0, list);
    }

    ok(!pWSCUnInstallNameSpace((GUID *)&ns_guid), "uninstall: error %d\n", WSAGetLastError());
    if (pWSCInstallNameSpaceEx && !builtin) pWSCUnInstallNameSpace((GUID *)&ns2_guid);
    WSASetLastError(ERR_FILL);
    ret = pWSCUnInstallNameSpace((GUID *)&ns_guid);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "twice: ret %d error %d\n", ret,
       WSAGetLastError());
    HeapFree(GetProcessHeap(), 0, ns_snapshot(&count));
    ok(count == before, "%d providers, expected %d\n", count, before);
}

/* ---- application categories ---- */

/* What WSCSetApplicationCategory stores for a path (and, apart, for the
 * same path with arguments), WSCGetApplicationCategory returns; setting
 * again reports the previous value; an application never classified is
 * WSASERVICE_NOT_FOUND; a missing path is WSAEINVAL and a missing result
 * pointer WSAEFAULT (docs). */
static void test_app_category(void)
{
    static const WCHAR app[] = L"C:\\catalog-test\\probe-app.exe";
    static const WCHAR args[] = L"-k probe";
    static const WCHAR other[] = L"C:\\catalog-test\\never-classified.exe";
    DWORD cats = ERR_FILL, prev = ERR_FILL;
    int err = ERR_FILL, ret;

    if (!usable(pWSCGetApplicationCategory, "WSCGetApplicationCategory") ||
        !usable(pWSCSetApplicationCategory, "WSCSetApplicationCategory"))
        return;

    ret = pWSCGetApplicationCategory(other, lstrlenW(other), NULL, 0, &cats, &err);
    ok(ret == SOCKET_ERROR && err == WSASERVICE_NOT_FOUND, "unclassified: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCGetApplicationCategory(NULL, 9, NULL, 0, &cats, &err);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "no path: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCGetApplicationCategory(app, lstrlenW(app), NULL, 0, NULL, &err);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT, "no result: ret %d err %d\n", ret, err);

    ret = pWSCSetApplicationCategory(app, lstrlenW(app), NULL, 0, LSP_SYSTEM | LSP_FIREWALL, &prev, &err);
    ok(!ret && prev == 0, "first set: ret %d err %d previous %#lx\n", ret, err, prev);
    ret = pWSCSetApplicationCategory(app, lstrlenW(app), args, lstrlenW(args), LSP_PROXY, &prev, &err);
    ok(!ret && prev == 0, "with arguments: ret %d err %d previous %#lx\n", ret, err, prev);

    ret = pWSCGetApplicationCategory(app, lstrlenW(app), NULL, 0, &cats, &err);
    ok(!ret && cats == (LSP_SYSTEM | LSP_FIREWALL), "path alone: ret %d %#lx\n", ret, cats);
    ret = pWSCGetApplicationCategory(app, lstrlenW(app), args, lstrlenW(args), &cats, &err);
    ok(!ret && cats == LSP_PROXY, "with arguments: ret %d %#lx\n", ret, cats);

    ret = pWSCSetApplicationCategory(app, lstrlenW(app), NULL, 0, LSP_CRYPTO_COMPRESS, &prev, &err);
    ok(!ret && prev == (LSP_SYSTEM | LSP_FIREWALL), "second set: previous %#lx\n", prev);

    /* back to nothing permitted */
    pWSCSetApplicationCategory(app, lstrlenW(app), NULL, 0, 0, &prev, &err);
    pWSCSetApplicationCategory(app, lstrlenW(app), args, lstrlenW(args), 0, &prev, &err);
}

/* ---- another process ---- */

static void run_child(const char *what)
{
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH + 64], **argv;

    winetest_get_mainargs(&argv);
    sprintf(cmd, "\"%s\" catalog %s", argv[0], what);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "CreateProcess: error %lu\n", GetLastError());
        return;
    }
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* The child sees what the parent installed, path and all. */
static void child_reads(void)
{
    struct snapshot now;
    const WSAPROTOCOL_INFOW *e;

    take_snapshot(&now, pWSCEnumProtocols);
    e = find_by_provider(&now, &child_guid, 0);
    ok(e != NULL, "the parent's entry is not in the catalog\n");
    ok(e && !lstrcmpW(e->szProtocol, L"written by the parent"), "name %s\n", e ? wine_dbgstr_w(e->szProtocol) : "");
    free_snapshot(&now);
    check_path(&child_guid, layer_path);
}

/* The child installs a name-space provider and removes the parent's
 * transport entry. */
static void child_writes(void)
{
    int err;

    ok(!pWSCInstallNameSpace((WCHAR *)L"written by the child", ns_path, TEST_NS, 1, (GUID *)&nsc_guid),
       "install: error %d\n", WSAGetLastError());
    ok(!pWSCDeinstallProvider((GUID *)&child_guid, &err), "remove: err %d\n", err);
}

/* The child changes the catalog after a pause, for the parent's wait. */
static void child_changes(void)
{
    Sleep(300);
    ok(!pWSCInstallNameSpace((WCHAR *)L"changed by the child", ns_path, TEST_NS, 1, (GUID *)&nsc_guid),
       "install: error %d\n", WSAGetLastError());
    ok(!pWSCUnInstallNameSpace((GUID *)&nsc_guid), "uninstall: error %d\n", WSAGetLastError());
}

/* A child of a pair racing each other: install and remove its provider
 * (three entries) over and over, and leave it installed. */
#define RACE_ROUNDS 6
static void child_races(int which)
{
    struct snapshot now;
    WSAPROTOCOL_INFOW infos[3];
    int err, round, i;

    take_snapshot(&now, pWSCEnumProtocols);
    ok(base_entry(&now, SOCK_STREAM, &infos[0]), "no TCP base entry\n");
    free_snapshot(&now);
    fill_layer(&infos[0], &infos[0], which ? L"racer one" : L"racer zero");
    infos[1] = infos[2] = infos[0];
    for (round = 0; round < RACE_ROUNDS; round++)
    {
        ok(!pWSCInstallProvider((GUID *)&racer_guids[which], layer_path, infos, 3, &err),
           "round %d: install err %d\n", round, err);
        if (round == RACE_ROUNDS - 1) break;
        ok(!pWSCDeinstallProvider((GUID *)&racer_guids[which], &err), "round %d: remove err %d\n", round, err);
    }
    take_snapshot(&now, pWSCEnumProtocols);
    for (i = 0; i < 3; i++) ok(find_by_provider(&now, &racer_guids[which], i) != NULL, "entry %d lost\n", i);
    free_snapshot(&now);
}

/* Two processes writing the catalog at once serialise: each one's three
 * entries survive the other's rewrites, with IDs nobody else has. */
static void test_concurrent_installs(void)
{
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi[2];
    struct snapshot before, now;
    char cmd[MAX_PATH + 64], **argv;
    int i, j, n, err, dups;

    take_snapshot(&before, pWSCEnumProtocols);
    winetest_get_mainargs(&argv);
    for (i = 0; i < 2; i++)
    {
        sprintf(cmd, "\"%s\" catalog race%d", argv[0], i);
        ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi[i]), "CreateProcess %d\n", i);
    }
    for (i = 0; i < 2; i++)
    {
        wait_child_process(pi[i].hProcess);
        CloseHandle(pi[i].hProcess);
        CloseHandle(pi[i].hThread);
    }

    take_snapshot(&now, pWSCEnumProtocols);
    ok(now.count == before.count + 6, "%d entries, expected %d\n", now.count, before.count + 6);
    for (i = 0, dups = 0; i < now.count; i++)
        for (j = i + 1; j < now.count; j++)
            if (now.entries[i].dwCatalogEntryId == now.entries[j].dwCatalogEntryId) dups++;
    ok(!dups, "%d pairs of entries share an ID\n", dups);
    for (i = 0; i < 2; i++)
    {
        for (n = 0; find_by_provider(&now, &racer_guids[i], n); n++);
        ok(n == 3, "racer %d has %d entries\n", i, n);
        pWSCDeinstallProvider((GUID *)&racer_guids[i], &err);
    }
    free_snapshot(&now);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(same_catalog(&now, &before), "catalog not back as it was\n");
    free_snapshot(&now);
    free_snapshot(&before);
}

static void test_other_process(void)
{
    struct snapshot before, now;
    WSAPROTOCOL_INFOW info;
    WSANAMESPACE_INFOW *list;
    int err = ERR_FILL, ret, count;

    if (builtin)
    {
        skip("Wine's builtin keeps no catalog to share\n");
        return;
    }
    take_snapshot(&before, pWSCEnumProtocols);
    if (!base_entry(&before, SOCK_STREAM, &info))
    {
        free_snapshot(&before);
        return;
    }
    fill_layer(&info, &info, L"written by the parent");
    ret = pWSCInstallProvider((GUID *)&child_guid, layer_path, &info, 1, &err);
    ok(!ret, "install: ret %d err %d\n", ret, err);
    run_child("reads");
    run_child("writes");

    take_snapshot(&now, pWSCEnumProtocols);
    ok(!find_by_provider(&now, &child_guid, 0), "the child's removal is not seen\n");
    ok(same_catalog(&now, &before), "catalog not back as it was\n");
    free_snapshot(&now);
    list = ns_snapshot(&count);
    ok(ns_find(list, count, &nsc_guid) != NULL, "the child's name-space provider is not seen\n");
    HeapFree(GetProcessHeap(), 0, list);
    ok(!pWSCUnInstallNameSpace((GUID *)&nsc_guid), "uninstall: error %d\n", WSAGetLastError());
    free_snapshot(&before);
}

/* ---- WSAProviderConfigChange ---- */

static int routine_calls;
static WSAOVERLAPPED *routine_overlapped;

static void CALLBACK change_routine(DWORD error, DWORD bytes, WSAOVERLAPPED *overlapped, DWORD flags)
{
    routine_calls++;
    routine_overlapped = overlapped;
}

/* The first call returns a handle at once; later ones complete when the
 * catalog changed since the previous call, at once if it already has;
 * overlapped ones report WSA_IO_PENDING and complete through the event
 * or the completion routine; a handle it did not return is
 * WSA_INVALID_HANDLE (docs). */
static void test_config_change(void)
{
    WSAOVERLAPPED ov;
    HANDLE handle = NULL, other;
    DWORD start, wait;
    int ret;

    ret = pWSAProviderConfigChange(&handle, NULL, NULL);
    /* Wine's builtin is a stub that fails */
    todo_wine ok(!ret && handle != NULL, "first call: ret %d error %d handle %p\n", ret, WSAGetLastError(), handle);
    if (ret || !handle) return;

    /* a change from another process completes the overlapped request */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    WSASetLastError(ERR_FILL);
    ret = pWSAProviderConfigChange(&handle, &ov, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "overlapped: ret %d error %d\n", ret,
       WSAGetLastError());
    ok(WaitForSingleObject(ov.hEvent, 150) == WAIT_TIMEOUT, "completed with no change\n");
    run_child("changes");
    ok(WaitForSingleObject(ov.hEvent, 10000) == WAIT_OBJECT_0, "no completion after the child's change\n");
    ok(ov.Internal == 0, "status %#lx\n", (unsigned long)ov.Internal);

    /* a change made before the call: a blocking call returns at once */
    ok(!pWSCInstallNameSpace((WCHAR *)L"config change probe", ns_path, TEST_NS, 1, (GUID *)&nsc_guid),
       "install: error %d\n", WSAGetLastError());
    start = GetTickCount();
    ret = pWSAProviderConfigChange(&handle, NULL, NULL);
    ok(!ret, "blocking call: ret %d error %d\n", ret, WSAGetLastError());
    ok(GetTickCount() - start < 5000, "the blocking call waited\n");

    /* a completion routine runs on the calling thread, in an alertable wait */
    memset(&ov, 0, sizeof(ov));
    routine_calls = 0;
    ret = pWSAProviderConfigChange(&handle, &ov, change_routine);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "routine: ret %d error %d\n", ret,
       WSAGetLastError());
    ok(!pWSCUnInstallNameSpace((GUID *)&nsc_guid), "uninstall: error %d\n", WSAGetLastError());
    for (start = GetTickCount(); !routine_calls && GetTickCount() - start < 10000;) SleepEx(50, TRUE);
    ok(routine_calls == 1 && routine_overlapped == &ov, "routine ran %d times\n", routine_calls);

    /* a handle of some other kind */
    other = CreateEventA(NULL, FALSE, FALSE, NULL);
    WSASetLastError(ERR_FILL);
    ret = pWSAProviderConfigChange(&other, NULL, NULL);
    wait = WSAGetLastError();
    ok(ret == SOCKET_ERROR && wait == WSA_INVALID_HANDLE, "foreign handle: ret %d error %lu\n", ret, wait);
    CloseHandle(other);
    WSACloseEvent(ov.hEvent);
    CloseHandle(handle);
}

/* WSAProviderConfigChange needs WSAStartup like every WSA function. */
static void test_config_change_unstarted(void)
{
    HANDLE handle = NULL;
    int ret;

    WSASetLastError(ERR_FILL);
    ret = pWSAProviderConfigChange(&handle, NULL, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "ret %d error %d\n", ret,
       WSAGetLastError());
    ok(!handle, "handle %p\n", handle);
}

/* ---- the Ex/Ex2 forms and their catalog target ----
 * Windows documents none of these ten.  Their arguments are the documented
 * sibling's plus a trailing "target" block (i386 import library sizes;
 * Windows' own setup code passes a DWORD, a catalog selector and a
 * pointer, selector 4 for the 32-bit "WOW" catalog).  The rules checked
 * are the ones our DLL states: no block is the sibling itself, selector 4
 * the 32-bit catalog, an unknown selector or a set pointer WSAEINVAL, an
 * unreadable block WSAEFAULT.  Wine's builtin exports none of them. */
struct cat_target
{
    DWORD unknown;
    DWORD selector;
    void *image;
};

static const struct cat_target target_wow = {0x71, 4, NULL};
static const struct cat_target target_odd = {0x71, 9, NULL};
static const struct cat_target target_image = {0x71, 4, (void *)&target_wow};
/* an address no process maps: the first page */
static const void *const target_unmapped = (const void *)(ULONG_PTR)0x48;

static int WINAPI enum_ex_none(int *list, WSAPROTOCOL_INFOW *buf, DWORD *len, int *err)
{
    return pWSCEnumProtocolsEx(list, buf, len, err, NULL);
}

static int WINAPI enum_ex_wow(int *list, WSAPROTOCOL_INFOW *buf, DWORD *len, int *err)
{
    return pWSCEnumProtocolsEx(list, buf, len, err, &target_wow);
}

/* What a selector-4 call must match: the 32-bit catalog, which on i386 is
 * the process's own. */
static int (WINAPI *catalog32_enum(void))(int *, WSAPROTOCOL_INFOW *, DWORD *, int *)
{
#ifdef _WIN64
    return pWSCEnumProtocols32;
#else
    return pWSCEnumProtocols;
#endif
}

static void check_bad_targets_transport(GUID *id, WSAPROTOCOL_INFOW *info)
{
    static const void *const bad[] = {&target_odd, &target_image, NULL};
    static const int expect[] = {WSAEINVAL, WSAEINVAL, WSAEFAULT};
    WCHAR path[MAX_PATH];
    DWORD order = info->dwCatalogEntryId, len = 0;
    int i, err, ret, plen;

    for (i = 0; i < (int)ARRAYSIZE(expect); i++)
    {
        const void *t = bad[i] ? bad[i] : target_unmapped;

        err = ERR_FILL;
        ret = pWSCEnumProtocolsEx(NULL, NULL, &len, &err, t);
        ok(ret == SOCKET_ERROR && err == expect[i], "enum, target %d: ret %d err %d\n", i, ret, err);
        err = ERR_FILL;
        ret = pWSCInstallProviderEx(id, layer_path, info, 1, &err, t, NULL);
        ok(ret == SOCKET_ERROR && err == expect[i], "install, target %d: ret %d err %d\n", i, ret, err);
        err = ERR_FILL;
        ret = pWSCDeinstallProviderEx(id, &err, t);
        ok(ret == SOCKET_ERROR && err == expect[i], "deinstall, target %d: ret %d err %d\n", i, ret, err);
        err = ERR_FILL;
        ret = pWSCUpdateProviderEx(id, layer_path, info, 1, &err, t);
        ok(ret == SOCKET_ERROR && err == expect[i], "update, target %d: ret %d err %d\n", i, ret, err);
        ret = pWSCWriteProviderOrderEx(&order, 1, t);
        ok(ret == expect[i], "order, target %d: %d\n", i, ret);
        err = ERR_FILL;
        plen = ARRAYSIZE(path);
        ret = pWPUGetProviderPathEx(id, path, &plen, &err, t);
        ok(ret == SOCKET_ERROR && err == expect[i], "path, target %d: ret %d err %d\n", i, ret, err);
    }
}

/* A layered entry installed into the catalog selector 4 names lives there
 * alone, and every Ex call on that target reaches it. */
static void test_targets_transport(void)
{
    struct snapshot before, before_native, now;
    WSAPROTOCOL_INFOW info;
    const WSAPROTOCOL_INFOW *e;
    WCHAR path[MAX_PATH];
    DWORD *order;
    int err = ERR_FILL, ret, len, i;

    take_snapshot(&now, enum_ex_none);
    take_snapshot(&before_native, pWSCEnumProtocols);
    ok(same_catalog(&now, &before_native), "no target: not the process's catalog\n");
    free_snapshot(&now);
    take_snapshot(&before, catalog32_enum());
    take_snapshot(&now, enum_ex_wow);
    ok(same_catalog(&now, &before), "selector 4: not the 32-bit catalog\n");
    free_snapshot(&now);
    if (!base_entry(&before, SOCK_STREAM, &info))
    {
        skip("no TCP base entry\n");
        goto done;
    }
    fill_layer(&info, &info, L"catalog layer by target");
    check_bad_targets_transport((GUID *)&lsp_guid, &info);

    ret = pWSCInstallProviderEx((GUID *)&lsp_guid, layer_path, &info, 1, &err, &target_wow, NULL);
    ok(!ret, "install: ret %d err %d\n", ret, err);
    take_snapshot(&now, catalog32_enum());
    e = find_by_provider(&now, &lsp_guid, 0);
    ok(e != NULL && now.count == before.count + 1, "not installed in the 32-bit catalog (%d entries)\n",
       now.count);
    if (e) info = *e;
    free_snapshot(&now);
#ifdef _WIN64
    take_snapshot(&now, pWSCEnumProtocols);
    ok(!find_by_provider(&now, &lsp_guid, 0), "selector 4 also wrote the 64-bit catalog\n");
    free_snapshot(&now);
    len = ARRAYSIZE(path);
    ret = pWPUGetProviderPathEx((GUID *)&lsp_guid, path, &len, &err, NULL);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "no target reaches the 64-bit catalog: ret %d err %d\n",
       ret, err);
#endif
    len = ARRAYSIZE(path);
    memset(path, BYTE_FILL, sizeof(path));
    ret = pWPUGetProviderPathEx((GUID *)&lsp_guid, path, &len, &err, &target_wow);
    ok(!ret && !lstrcmpW(path, layer_path), "path: ret %d err %d %s\n", ret, err, wine_dbgstr_w(path));

    /* a new path through WSCUpdateProviderEx */
    ret = pWSCUpdateProviderEx((GUID *)&lsp_guid, other_path, &info, 1, &err, &target_wow);
    ok(!ret, "update: ret %d err %d\n", ret, err);
    len = ARRAYSIZE(path);
    ret = pWPUGetProviderPathEx((GUID *)&lsp_guid, path, &len, &err, &target_wow);
    ok(!ret && !lstrcmpW(path, other_path), "updated path: ret %d %s\n", ret, wine_dbgstr_w(path));

    /* the new entry moved to the front, then the order put back */
    take_snapshot(&now, catalog32_enum());
    order = HeapAlloc(GetProcessHeap(), 0, now.count * sizeof(*order));
    order[0] = info.dwCatalogEntryId;
    for (i = 0, len = 1; i < now.count; i++)
        if (now.entries[i].dwCatalogEntryId != info.dwCatalogEntryId) order[len++] = now.entries[i].dwCatalogEntryId;
    ret = pWSCWriteProviderOrderEx(order, now.count, &target_wow);
    ok(!ret, "reorder: %d\n", ret);
    free_snapshot(&now);
    take_snapshot(&now, enum_ex_wow);
    ok(now.count && now.entries[0].dwCatalogEntryId == info.dwCatalogEntryId, "not first after reordering\n");
    for (i = 0; i < now.count - 1; i++) order[i] = order[i + 1];
    order[now.count - 1] = info.dwCatalogEntryId;
    ret = pWSCWriteProviderOrderEx(order, now.count, &target_wow);
    ok(!ret, "order back: %d\n", ret);
    free_snapshot(&now);
    HeapFree(GetProcessHeap(), 0, order);

    ret = pWSCDeinstallProviderEx((GUID *)&lsp_guid, &err, &target_wow);
    ok(!ret, "deinstall: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCDeinstallProviderEx((GUID *)&lsp_guid, &err, &target_wow);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "second deinstall: ret %d err %d\n", ret, err);
    take_snapshot(&now, catalog32_enum());
    ok(same_catalog(&now, &before), "32-bit catalog not back as it was\n");
    free_snapshot(&now);
    take_snapshot(&now, pWSCEnumProtocols);
    ok(same_catalog(&now, &before_native), "process catalog changed\n");
    free_snapshot(&now);
done:
    free_snapshot(&before);
    free_snapshot(&before_native);
}

/* The name-space pair: a provider installed by WSCInstallNameSpaceEx2
 * without a target is the process's, and WSCUnInstallNameSpaceEx2 takes
 * it away; errors go to the thread's last error, as their siblings'. */
static void test_targets_name_space(void)
{
    static WCHAR ns_name[] = L"catalog probe by target";
    static BYTE blob_data[] = {0x77, 0x5a, 0xc3};
    BLOB blob = {sizeof(blob_data), blob_data};
    WSANAMESPACE_INFOW *list;
    int count, before, ret;

    HeapFree(GetProcessHeap(), 0, ns_snapshot(&before));
    SetLastError(ERR_FILL);
    ret = pWSCInstallNameSpaceEx2(ns_name, ns_path, TEST_NS, 3, (GUID *)&ns2_guid, &blob, &target_odd);
    ok(ret == SOCKET_ERROR && GetLastError() == WSAEINVAL, "odd selector: ret %d error %lu\n", ret,
       GetLastError());
    SetLastError(ERR_FILL);
    ret = pWSCInstallNameSpaceEx2(ns_name, ns_path, TEST_NS, 3, (GUID *)&ns2_guid, &blob, target_unmapped);
    ok(ret == SOCKET_ERROR && GetLastError() == WSAEFAULT, "unmapped target: ret %d error %lu\n", ret,
       GetLastError());

    ret = pWSCInstallNameSpaceEx2(ns_name, ns_path, TEST_NS, 3, (GUID *)&ns2_guid, &blob, NULL);
    ok(!ret, "install: ret %d error %lu\n", ret, GetLastError());
    list = ns_snapshot(&count);
    ok(ns_find(list, count, &ns2_guid) != NULL && count == before + 1, "not enumerated (%d of %d)\n",
       count, before);
    HeapFree(GetProcessHeap(), 0, list);

    SetLastError(ERR_FILL);
    ret = pWSCUnInstallNameSpaceEx2((GUID *)&ns2_guid, &target_image);
    ok(ret == SOCKET_ERROR && GetLastError() == WSAEINVAL, "image target: ret %d error %lu\n", ret,
       GetLastError());
    ret = pWSCUnInstallNameSpaceEx2((GUID *)&ns2_guid, NULL);
    ok(!ret, "uninstall: ret %d error %lu\n", ret, GetLastError());
    SetLastError(ERR_FILL);
    ret = pWSCUnInstallNameSpaceEx2((GUID *)&ns2_guid, NULL);
    ok(ret == SOCKET_ERROR && GetLastError() == WSAEINVAL, "second uninstall: ret %d error %lu\n", ret,
       GetLastError());
    HeapFree(GetProcessHeap(), 0, ns_snapshot(&count));
    ok(count == before, "%d name spaces, %d before\n", count, before);
}

/* One application table serves both catalogs: a category set through one
 * target is read through the other. */
static void test_targets_app_category(void)
{
    static const WCHAR app[] = L"D:\\targets\\classified-tool.exe";
    DWORD cats = ERR_FILL, prev = ERR_FILL;
    int err = ERR_FILL, ret;

    ret = pWSCSetApplicationCategoryEx(app, lstrlenW(app), NULL, 0, LSP_INSPECTOR, &prev, &err, &target_odd);
    ok(ret == SOCKET_ERROR && err == WSAEINVAL, "odd selector: ret %d err %d\n", ret, err);
    err = ERR_FILL;
    ret = pWSCGetApplicationCategoryEx(app, lstrlenW(app), NULL, 0, &cats, &err, target_unmapped);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT, "unmapped target: ret %d err %d\n", ret, err);

    ret = pWSCSetApplicationCategoryEx(app, lstrlenW(app), NULL, 0, LSP_INSPECTOR, &prev, &err, &target_wow);
    ok(!ret && prev == 0, "set: ret %d err %d previous %#lx\n", ret, err, prev);
    ret = pWSCGetApplicationCategoryEx(app, lstrlenW(app), NULL, 0, &cats, &err, NULL);
    ok(!ret && cats == LSP_INSPECTOR, "get: ret %d err %d categories %#lx\n", ret, err, cats);
    ret = pWSCGetApplicationCategory(app, lstrlenW(app), NULL, 0, &cats, &err);
    ok(!ret && cats == LSP_INSPECTOR, "sibling get: ret %d err %d categories %#lx\n", ret, err, cats);
    ret = pWSCSetApplicationCategoryEx(app, lstrlenW(app), NULL, 0, 0, &prev, &err, NULL);
    ok(!ret && prev == LSP_INSPECTOR, "clear: ret %d err %d previous %#lx\n", ret, err, prev);
    err = ERR_FILL;
    ret = pWSCGetApplicationCategoryEx(app, lstrlenW(app), NULL, 0, &cats, &err, &target_wow);
    ok(ret == SOCKET_ERROR && err == WSASERVICE_NOT_FOUND, "cleared: ret %d err %d\n", ret, err);
}

static void test_targets(void)
{
    if (!usable(pWSCEnumProtocolsEx, "WSCEnumProtocolsEx")) return;
    ok(pWSCInstallProviderEx && pWSCDeinstallProviderEx && pWSCUpdateProviderEx && pWSCWriteProviderOrderEx &&
       pWPUGetProviderPathEx && pWSCInstallNameSpaceEx2 && pWSCUnInstallNameSpaceEx2 &&
       pWSCGetApplicationCategoryEx && pWSCSetApplicationCategoryEx, "an Ex form is missing\n");
#ifdef _WIN64
    if (!pWSCEnumProtocols32) return;
#endif
    test_targets_transport();
    test_targets_name_space();
    test_targets_app_category();
}

START_TEST(catalog)
{
    WSADATA data;
    char **argv;
    int argc = winetest_get_mainargs(&argv);

    builtin = winetest_platform_is_wine();
    load_functions();
    if (!pWSCInstallProvider || !pWSCEnumProtocols || !pWSCDeinstallProvider)
    {
        win_skip("no catalog functions\n");
        return;
    }
    if (pWSAProviderConfigChange && !builtin) test_config_change_unstarted();
    WSAStartup(MAKEWORD(2, 2), &data);

    if (argc > 2)
    {
        if (!strcmp(argv[2], "reads")) child_reads();
        else if (!strcmp(argv[2], "writes")) child_writes();
        else if (!strcmp(argv[2], "changes")) child_changes();
        else if (!strcmp(argv[2], "race0")) child_races(0);
        else if (!strcmp(argv[2], "race1")) child_races(1);
        WSACleanup();
        return;
    }

    if (builtin) test_builtin_deinstall();
    test_layered_and_chain();
    test_and_chains();
#ifdef _WIN64
    test_catalog32();
    test_and_chains64_32();
#endif
    test_name_space();
    test_app_category();
    test_targets();
    test_other_process();
    if (!builtin) test_concurrent_installs();
    if (pWSAProviderConfigChange) test_config_change();
    WSACleanup();
}
