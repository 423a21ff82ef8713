/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A layered service provider installed in the catalog takes part in every
 * call on the sockets of its chain: WSASocket loads it through WSPStartup
 * (it finds the provider below it through WSCGetProviderPath), the calls
 * reach it through its WSPPROC_TABLE, in this process and in another one,
 * and after it is deinstalled new sockets no longer go through it.  The
 * LSP is providers/testlsp.c, built beside the test executable.
 */
#include <stdarg.h>
#include <stdio.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>

#include "wine/test.h"
#include "loopback.h"
#include "providers/testlsp.h"

/* Not declared by MinGW-w64's ws2spi.h (sporder.h on Windows). */
int WINAPI WSCWriteProviderOrder(DWORD *order, DWORD count);

/* Our own provider ids, for the layers and their chains over TCP: the
 * IFS layer (testlsp.dll) and the non-IFS one (testlspn.dll). */
static const GUID ifs_layer = { 0x7a1c52e4, 0x3b90, 0x4d61, { 0x9e, 0x07, 0x5c, 0x22, 0x81, 0xf4, 0x6a, 0x13 } };
static const GUID ifs_chain = { 0x7a1c52e5, 0x3b90, 0x4d61, { 0x9e, 0x07, 0x5c, 0x22, 0x81, 0xf4, 0x6a, 0x13 } };
static const GUID own_layer = { 0x7a1c52e6, 0x3b90, 0x4d61, { 0x9e, 0x07, 0x5c, 0x22, 0x81, 0xf4, 0x6a, 0x13 } };
static const GUID own_chain = { 0x7a1c52e7, 0x3b90, 0x4d61, { 0x9e, 0x07, 0x5c, 0x22, 0x81, 0xf4, 0x6a, 0x13 } };
static const GUID *layer_guid = &ifs_layer, *chain_guid = &ifs_chain;

static void (WINAPI *get_counts)(LONG *out, int n);
static LONG (WINAPI *get_startups)(void);

/* The whole catalog as WSCEnumProtocols gives it; free with HeapFree. */
static WSAPROTOCOL_INFOW *enum_catalog(int *count)
{
    WSAPROTOCOL_INFOW *all;
    DWORD size = 0;
    int err;

    *count = 0;
    WSCEnumProtocols(NULL, NULL, &size, &err);
    if (!size || !(all = HeapAlloc(GetProcessHeap(), 0, size))) return NULL;
    *count = WSCEnumProtocols(NULL, all, &size, &err);
    if (*count == SOCKET_ERROR) *count = 0;
    return all;
}

static DWORD entry_of(const GUID *id)
{
    WSAPROTOCOL_INFOW *all;
    DWORD found = 0;
    int n, i;

    if (!(all = enum_catalog(&n))) return 0;
    for (i = 0; i < n && !found; i++)
        if (IsEqualGUID(&all[i].ProviderId, id)) found = all[i].dwCatalogEntryId;
    HeapFree(GetProcessHeap(), 0, all);
    return found;
}

static void remove_lsp(void)
{
    int err;

    WSCDeinstallProvider((GUID *)chain_guid, &err);
    WSCDeinstallProvider((GUID *)layer_guid, &err);
}

/* Install the layer and a chain "layer over the base IPv4 TCP entry",
 * with the chain first in the catalog; FALSE if the catalog kept nothing. */
static BOOL install_lsp(const WCHAR *path)
{
    WSAPROTOCOL_INFOW *all, layer, chain;
    DWORD base_id = 0, layer_id, *order;
    int n, i, j, rc, err;

    if (!(all = enum_catalog(&n))) return FALSE;
    for (i = 0; i < n && !base_id; i++)
        if (all[i].ProtocolChain.ChainLen == BASE_PROTOCOL && all[i].iAddressFamily == AF_INET &&
            all[i].iSocketType == SOCK_STREAM && all[i].iProtocol == IPPROTO_TCP)
        {
            layer = chain = all[i];
            base_id = all[i].dwCatalogEntryId;
        }
    HeapFree(GetProcessHeap(), 0, all);
    ok(base_id != 0, "no base TCP entry\n");
    if (!base_id) return FALSE;

    layer.ProviderId = *layer_guid;
    layer.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    layer.dwProviderFlags |= PFL_HIDDEN;
    lstrcpyW(layer.szProtocol, L"ws2 test layer");
    rc = WSCInstallProvider((GUID *)layer_guid, path, &layer, 1, &err);
    ok(!rc, "installing the layer: %d, error %d\n", rc, err);
    layer_id = entry_of(layer_guid);
    /* Wine's builtin answers success and keeps nothing. */
    todo_wine ok(layer_id != 0, "the layer is not in the catalog\n");
    if (!layer_id) return FALSE;

    chain.ProviderId = *chain_guid;
    chain.ProtocolChain.ChainLen = 2;
    chain.ProtocolChain.ChainEntries[0] = layer_id;
    chain.ProtocolChain.ChainEntries[1] = base_id;
    lstrcpyW(chain.szProtocol, L"ws2 test layer over TCP");
    rc = WSCInstallProvider((GUID *)chain_guid, path, &chain, 1, &err);
    ok(!rc, "installing the chain: %d, error %d\n", rc, err);
    if (!entry_of(chain_guid)) return FALSE;

    /* The chain goes first, so WSASocket picks it for TCP. */
    if (!(all = enum_catalog(&n))) return FALSE;
    order = HeapAlloc(GetProcessHeap(), 0, n * sizeof(*order));
    for (i = 0, j = 1; i < n; i++)
    {
        if (IsEqualGUID(&all[i].ProviderId, chain_guid)) order[0] = all[i].dwCatalogEntryId;
        else order[j++] = all[i].dwCatalogEntryId;
    }
    rc = WSCWriteProviderOrder(order, n);
    ok(!rc, "reordering: %d\n", rc);
    HeapFree(GetProcessHeap(), 0, order);
    HeapFree(GetProcessHeap(), 0, all);
    return !rc;
}

static void read_counts(LONG *counts)
{
    memset(counts, 0, LSP_COUNT_MAX * sizeof(*counts));
    if (get_counts) get_counts(counts, LSP_COUNT_MAX);
}

/* A TCP connection over loopback through the layer: every call reaches it. */
static void test_calls_go_through(const WCHAR *dll)
{
    LONG before[LSP_COUNT_MAX], after[LSP_COUNT_MAX];
    struct sockaddr_in addr = lb_addr4(0);
    SOCKET l, c, a, u;
    int len = sizeof(addr);
    WCHAR path[MAX_PATH];
    char buf[8];
    fd_set set;
    struct timeval tv = { 2, 0 };
    HMODULE module;

    l = socket(AF_INET, SOCK_STREAM, 0);
    ok(l != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    module = GetModuleHandleW(dll);
    ok(module != NULL, "the layer was not loaded\n");
    if (!module) return;
    /* Our own reference: the last WSACleanup unloads the layer, and its
     * counts are read after that. */
    GetModuleFileNameW(module, path, MAX_PATH);
    LoadLibraryW(path);
    get_counts = (void *)GetProcAddress(module, "lsp_get_counts");
    get_startups = (void *)GetProcAddress(module, "lsp_get_startups");
    ok(get_startups && get_startups() == 1, "WSPStartup ran %ld times\n", get_startups ? get_startups() : -1);
    read_counts(before);

    ok(!bind(l, (struct sockaddr *)&addr, sizeof(addr)), "bind failed: %d\n", WSAGetLastError());
    ok(!getsockname(l, (struct sockaddr *)&addr, &len), "getsockname failed: %d\n", WSAGetLastError());
    ok(!listen(l, 2), "listen failed: %d\n", WSAGetLastError());
    c = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(c, (struct sockaddr *)&addr, sizeof(addr)), "connect failed: %d\n", WSAGetLastError());
    a = accept(l, NULL, NULL);
    ok(a != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    ok(send(c, "pecan", 5, 0) == 5, "send failed: %d\n", WSAGetLastError());
    FD_ZERO(&set);
    FD_SET(a, &set);
    ok(select(0, &set, NULL, NULL, &tv) == 1, "select failed: %d\n", WSAGetLastError());
    ok(recv(a, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "pecan", 5), "recv failed: %d\n", WSAGetLastError());
    /* A UDP socket is not in the chain: the base code serves it. */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    ok(u != INVALID_SOCKET, "UDP socket failed: %d\n", WSAGetLastError());
    closesocket(u);
    closesocket(a);
    closesocket(c);
    closesocket(l);

    read_counts(after);
    ok(after[LSP_COUNT_SOCKET] - before[LSP_COUNT_SOCKET] == 1, "sockets %ld\n",
       after[LSP_COUNT_SOCKET] - before[LSP_COUNT_SOCKET]);
    ok(after[LSP_COUNT_CONNECT] - before[LSP_COUNT_CONNECT] == 1, "connects %ld\n",
       after[LSP_COUNT_CONNECT] - before[LSP_COUNT_CONNECT]);
    ok(after[LSP_COUNT_ACCEPT] - before[LSP_COUNT_ACCEPT] == 1, "accepts %ld\n",
       after[LSP_COUNT_ACCEPT] - before[LSP_COUNT_ACCEPT]);
    ok(after[LSP_COUNT_SEND] - before[LSP_COUNT_SEND] == 1, "sends %ld\n",
       after[LSP_COUNT_SEND] - before[LSP_COUNT_SEND]);
    ok(after[LSP_COUNT_RECV] - before[LSP_COUNT_RECV] == 1, "receives %ld\n",
       after[LSP_COUNT_RECV] - before[LSP_COUNT_RECV]);
    ok(after[LSP_COUNT_SELECT] - before[LSP_COUNT_SELECT] == 1, "selects %ld\n",
       after[LSP_COUNT_SELECT] - before[LSP_COUNT_SELECT]);
    /* The listener, both ends; not the UDP socket. */
    ok(after[LSP_COUNT_CLOSE] - before[LSP_COUNT_CLOSE] == 3, "closes %ld\n",
       after[LSP_COUNT_CLOSE] - before[LSP_COUNT_CLOSE]);
}

/* The catalog is the prefix's: another process loads the layer too. */
static void test_other_process(const char *exe)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOA si = { sizeof(si) };
    char cmd[MAX_PATH + 32];
    DWORD code = 0x77;

    sprintf(cmd, "\"%s\" lsp child", exe);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess failed\n");
    ok(!WaitForSingleObject(pi.hProcess, 30000), "the child did not end\n");
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "the child saw the layer wrongly: %#lx\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* In the child: a TCP socket loads the layer and goes through it. */
static int child_main(void)
{
    LONG counts[LSP_COUNT_MAX];
    WSADATA data;
    HMODULE module;
    SOCKET s;

    if (WSAStartup(MAKEWORD(2, 2), &data)) return 1;
    s = socket(AF_INET, SOCK_STREAM, 0);
    if (s == INVALID_SOCKET) return 2;
    if (!(module = GetModuleHandleW(L"testlsp.dll"))) return 3;
    get_counts = (void *)GetProcAddress(module, "lsp_get_counts");
    read_counts(counts);
    if (counts[LSP_COUNT_SOCKET] != 1) return 4;
    closesocket(s);
    read_counts(counts);
    if (counts[LSP_COUNT_CLOSE] != 1) return 5;
    WSACleanup();
    return 0;
}

/* Deinstalled, the layer is no longer asked for new sockets. */
static void test_after_removal(void)
{
    LONG before[LSP_COUNT_MAX], after[LSP_COUNT_MAX];
    SOCKET s;

    read_counts(before);
    remove_lsp();
    ok(!entry_of(chain_guid) && !entry_of(layer_guid), "the entries are still there\n");
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    closesocket(s);
    read_counts(after);
    ok(after[LSP_COUNT_SOCKET] == before[LSP_COUNT_SOCKET], "the removed layer made a socket\n");
}

/* One layer: installed, used, removed.  A non-IFS layer's sockets are
 * handles it made itself, so the one the application holds is not the
 * lower provider's. */
static void run_layer(const WCHAR *dll, const GUID *layer, const GUID *chain, BOOL other_process, const char *exe)
{
    WCHAR path[MAX_PATH], *slash;

    GetModuleFileNameW(NULL, path, MAX_PATH);
    if ((slash = wcsrchr(path, '\\'))) lstrcpyW(slash + 1, dll);
    if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES)
    {
        skip("%s is not beside the test\n", wine_dbgstr_w(dll));
        return;
    }
    layer_guid = layer;
    chain_guid = chain;
    get_counts = NULL;
    remove_lsp();   /* what an interrupted run left */
    if (install_lsp(path))
    {
        test_calls_go_through(dll);
        if (other_process) test_other_process(exe);
        test_after_removal();
    }
    remove_lsp();
}

START_TEST(lsp)
{
    void (WINAPI *counts_of[2])(LONG *, int) = { NULL, NULL };
    char **argv;
    WSADATA data;
    int argc, i;

    argc = winetest_get_mainargs(&argv);
    if (argc > 2 && !strcmp(argv[2], "child")) exit(child_main());

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    run_layer(L"testlsp.dll", &ifs_layer, &ifs_chain, TRUE, argv[0]);
    counts_of[0] = get_counts;
    run_layer(L"testlspn.dll", &own_layer, &own_chain, FALSE, argv[0]);
    counts_of[1] = get_counts;
    WSACleanup();
    /* The last WSACleanup ran each layer's WSPCleanup. */
    for (i = 0; i < 2; i++)
    {
        LONG counts[LSP_COUNT_MAX];

        if (!counts_of[i]) continue;
        counts_of[i](counts, LSP_COUNT_MAX);
        ok(counts[LSP_COUNT_CLEANUP] == 1, "layer %d: WSPCleanup ran %ld times\n", i, counts[LSP_COUNT_CLEANUP]);
    }
}
