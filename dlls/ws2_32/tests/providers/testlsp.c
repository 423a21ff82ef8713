/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A small layered service provider for the tests (tests/lsp.c): it finds
 * the provider below it the way an LSP does on Windows (the next entry of
 * its protocol chain, that entry's DLL from WSCGetProviderPath, its
 * WSPStartup), passes every call down, and counts the calls it saw.  Its
 * sockets are the lower provider's handles, registered with
 * WPUModifyIFSHandle (an "IFS" LSP).
 */
#include <winsock2.h>
#include <ws2spi.h>

#include "testlsp.h"

static WSPUPCALLTABLE upcalls;
static WSPPROC_TABLE lower;
static WSAPROTOCOL_INFOW below;     /* the entry under ours in the chain */
static DWORD layer_id;              /* our layered entry */
static LONG counts[LSP_COUNT_MAX];
static LONG startups;

__declspec(dllexport) void WINAPI lsp_get_counts(LONG *out, int n)
{
    int i;

    for (i = 0; i < n && i < LSP_COUNT_MAX; i++) out[i] = counts[i];
}

__declspec(dllexport) LONG WINAPI lsp_get_startups(void)
{
    return startups;
}

static SOCKET WSPAPI lsp_socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info, GROUP g,
                                DWORD flags, LPINT err)
{
    SOCKET s;

    InterlockedIncrement(&counts[LSP_COUNT_SOCKET]);
    s = lower.lpWSPSocket(af, type, protocol, &below, g, flags, err);
    if (s == INVALID_SOCKET) return s;
    return upcalls.lpWPUModifyIFSHandle(layer_id, s, err);
}

static SOCKET WSPAPI lsp_accept(SOCKET s, struct sockaddr *addr, LPINT len, LPCONDITIONPROC condition,
                                DWORD_PTR data, LPINT err)
{
    SOCKET as;

    InterlockedIncrement(&counts[LSP_COUNT_ACCEPT]);
    as = lower.lpWSPAccept(s, addr, len, condition, data, err);
    if (as == INVALID_SOCKET) return as;
    return upcalls.lpWPUModifyIFSHandle(layer_id, as, err);
}

static int WSPAPI lsp_connect(SOCKET s, const struct sockaddr *addr, int len, LPWSABUF caller, LPWSABUF callee,
                              LPQOS sqos, LPQOS gqos, LPINT err)
{
    InterlockedIncrement(&counts[LSP_COUNT_CONNECT]);
    return lower.lpWSPConnect(s, addr, len, caller, callee, sqos, gqos, err);
}

static int WSPAPI lsp_send(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD sent, DWORD flags,
                           LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                           LPWSATHREADID thread, LPINT err)
{
    InterlockedIncrement(&counts[LSP_COUNT_SEND]);
    return lower.lpWSPSend(s, bufs, count, sent, flags, ov, routine, thread, err);
}

static int WSPAPI lsp_recv(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD received, LPDWORD flags,
                           LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                           LPWSATHREADID thread, LPINT err)
{
    InterlockedIncrement(&counts[LSP_COUNT_RECV]);
    return lower.lpWSPRecv(s, bufs, count, received, flags, ov, routine, thread, err);
}

static int WSPAPI lsp_closesocket(SOCKET s, LPINT err)
{
    InterlockedIncrement(&counts[LSP_COUNT_CLOSE]);
    return lower.lpWSPCloseSocket(s, err);
}

static int WSPAPI lsp_setsockopt(SOCKET s, int level, int name, const char *value, int len, LPINT err)
{
    InterlockedIncrement(&counts[LSP_COUNT_SETSOCKOPT]);
    return lower.lpWSPSetSockOpt(s, level, name, value, len, err);
}

static int WSPAPI lsp_select(int n, fd_set *r, fd_set *w, fd_set *x, const PTIMEVAL timeout, LPINT err)
{
    InterlockedIncrement(&counts[LSP_COUNT_SELECT]);
    return lower.lpWSPSelect(n, r, w, x, timeout, err);
}

static int WSPAPI lsp_cleanup(LPINT err)
{
    InterlockedIncrement(&counts[LSP_COUNT_CLEANUP]);
    return lower.lpWSPCleanup(err);
}

/* The entry with catalog id `id`, from the whole catalog. */
static BOOL find_entry(DWORD id, WSAPROTOCOL_INFOW *out)
{
    WSAPROTOCOL_INFOW *all;
    DWORD size = 0;
    int err, n, i;
    BOOL found = FALSE;

    WSCEnumProtocols(NULL, NULL, &size, &err);
    if (!size || !(all = HeapAlloc(GetProcessHeap(), 0, size))) return FALSE;
    n = WSCEnumProtocols(NULL, all, &size, &err);
    for (i = 0; i < n && !found; i++)
        if (all[i].dwCatalogEntryId == id)
        {
            *out = all[i];
            found = TRUE;
        }
    HeapFree(GetProcessHeap(), 0, all);
    return found;
}

__declspec(dllexport) int WSPAPI WSPStartup(WORD version, LPWSPDATA data, LPWSAPROTOCOL_INFOW info,
                                            WSPUPCALLTABLE upcall, LPWSPPROC_TABLE procs)
{
    WCHAR path[MAX_PATH], expanded[MAX_PATH];
    LPWSPSTARTUP lower_startup;
    HMODULE module;
    int len = MAX_PATH, err;

    /* We are a layer: we run inside a chain, and the entry under ours is
     * the next one in it. */
    if (info->ProtocolChain.ChainLen < 2) return WSAEPROVIDERFAILEDINIT;
    layer_id = info->ProtocolChain.ChainEntries[0];
    if (!find_entry(info->ProtocolChain.ChainEntries[1], &below)) return WSAEPROVIDERFAILEDINIT;
    if (WSCGetProviderPath(&below.ProviderId, path, &len, &err)) return WSAEPROVIDERFAILEDINIT;
    if (!ExpandEnvironmentStringsW(path, expanded, MAX_PATH)) return WSAEPROVIDERFAILEDINIT;
    if (!(module = LoadLibraryW(expanded))) return WSAEPROVIDERFAILEDINIT;
    if (!(lower_startup = (LPWSPSTARTUP)GetProcAddress(module, "WSPStartup"))) return WSAEPROVIDERFAILEDINIT;
    if ((err = lower_startup(version, data, &below, upcall, &lower))) return err;

    upcalls = upcall;
    *procs = lower;
    procs->lpWSPSocket = lsp_socket;
    procs->lpWSPAccept = lsp_accept;
    procs->lpWSPConnect = lsp_connect;
    procs->lpWSPSend = lsp_send;
    procs->lpWSPRecv = lsp_recv;
    procs->lpWSPCloseSocket = lsp_closesocket;
    procs->lpWSPSetSockOpt = lsp_setsockopt;
    procs->lpWSPSelect = lsp_select;
    procs->lpWSPCleanup = lsp_cleanup;
    InterlockedIncrement(&startups);
    return 0;
}
