/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A small layered service provider for the tests (tests/lsp.c): it finds
 * the provider below it the way an LSP does on Windows (the next entry of
 * its protocol chain, that entry's DLL from WSCGetProviderPath, its
 * WSPStartup), passes every call down, and counts the calls it saw.
 * Built twice: testlsp.dll hands out the lower provider's handles,
 * registered with WPUModifyIFSHandle (an "IFS" LSP); testlspn.dll
 * (TESTLSP_NON_IFS) hands out handles of its own from
 * WPUCreateSocketHandle, with the lower handle as their context, and turns
 * them back into lower handles on every call.
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

#ifdef TESTLSP_NON_IFS
/* The lower provider's socket behind one of our handles. */
static SOCKET below_of(SOCKET s, LPINT err)
{
    DWORD_PTR context = 0;

    if (upcalls.lpWPUQuerySocketHandleContext(s, &context, err)) return INVALID_SOCKET;
    return (SOCKET)context;
}

/* A handle of ours for a lower socket. */
static SOCKET wrap(SOCKET lower_socket, LPINT err)
{
    SOCKET s = upcalls.lpWPUCreateSocketHandle(layer_id, (DWORD_PTR)lower_socket, err);
    int ignored;

    if (s == INVALID_SOCKET) lower.lpWSPCloseSocket(lower_socket, &ignored);
    return s;
}

static void unwrap(SOCKET s)
{
    int ignored;

    upcalls.lpWPUCloseSocketHandle(s, &ignored);
}
#else
static SOCKET below_of(SOCKET s, LPINT err)
{
    return s;
}

static SOCKET wrap(SOCKET lower_socket, LPINT err)
{
    return upcalls.lpWPUModifyIFSHandle(layer_id, lower_socket, err);
}

static void unwrap(SOCKET s)
{
}
#endif

static SOCKET WSPAPI lsp_socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info, GROUP g,
                                DWORD flags, LPINT err)
{
    SOCKET s;

    InterlockedIncrement(&counts[LSP_COUNT_SOCKET]);
    s = lower.lpWSPSocket(af, type, protocol, &below, g, flags, err);
    if (s == INVALID_SOCKET) return s;
    return wrap(s, err);
}

static SOCKET WSPAPI lsp_accept(SOCKET s, struct sockaddr *addr, LPINT len, LPCONDITIONPROC condition,
                                DWORD_PTR data, LPINT err)
{
    SOCKET as, ls = below_of(s, err);

    InterlockedIncrement(&counts[LSP_COUNT_ACCEPT]);
    if (ls == INVALID_SOCKET) return INVALID_SOCKET;
    as = lower.lpWSPAccept(ls, addr, len, condition, data, err);
    if (as == INVALID_SOCKET) return as;
    return wrap(as, err);
}

static int WSPAPI lsp_bind(SOCKET s, const struct sockaddr *addr, int len, LPINT err)
{
    SOCKET ls = below_of(s, err);

    return ls == INVALID_SOCKET ? SOCKET_ERROR : lower.lpWSPBind(ls, addr, len, err);
}

static int WSPAPI lsp_listen(SOCKET s, int backlog, LPINT err)
{
    SOCKET ls = below_of(s, err);

    return ls == INVALID_SOCKET ? SOCKET_ERROR : lower.lpWSPListen(ls, backlog, err);
}

static int WSPAPI lsp_getsockname(SOCKET s, struct sockaddr *addr, LPINT len, LPINT err)
{
    SOCKET ls = below_of(s, err);

    return ls == INVALID_SOCKET ? SOCKET_ERROR : lower.lpWSPGetSockName(ls, addr, len, err);
}

static int WSPAPI lsp_connect(SOCKET s, const struct sockaddr *addr, int len, LPWSABUF caller, LPWSABUF callee,
                              LPQOS sqos, LPQOS gqos, LPINT err)
{
    SOCKET ls = below_of(s, err);

    InterlockedIncrement(&counts[LSP_COUNT_CONNECT]);
    if (ls == INVALID_SOCKET) return SOCKET_ERROR;
    return lower.lpWSPConnect(ls, addr, len, caller, callee, sqos, gqos, err);
}

static int WSPAPI lsp_send(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD sent, DWORD flags,
                           LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                           LPWSATHREADID thread, LPINT err)
{
    SOCKET ls = below_of(s, err);

    InterlockedIncrement(&counts[LSP_COUNT_SEND]);
    if (ls == INVALID_SOCKET) return SOCKET_ERROR;
    return lower.lpWSPSend(ls, bufs, count, sent, flags, ov, routine, thread, err);
}

static int WSPAPI lsp_recv(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD received, LPDWORD flags,
                           LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                           LPWSATHREADID thread, LPINT err)
{
    SOCKET ls = below_of(s, err);

    InterlockedIncrement(&counts[LSP_COUNT_RECV]);
    if (ls == INVALID_SOCKET) return SOCKET_ERROR;
    return lower.lpWSPRecv(ls, bufs, count, received, flags, ov, routine, thread, err);
}

static int WSPAPI lsp_closesocket(SOCKET s, LPINT err)
{
    SOCKET ls = below_of(s, err);
    int ret;

    InterlockedIncrement(&counts[LSP_COUNT_CLOSE]);
    if (ls == INVALID_SOCKET) return SOCKET_ERROR;
    if (!(ret = lower.lpWSPCloseSocket(ls, err))) unwrap(s);
    return ret;
}

static int WSPAPI lsp_setsockopt(SOCKET s, int level, int name, const char *value, int len, LPINT err)
{
    SOCKET ls = below_of(s, err);

    InterlockedIncrement(&counts[LSP_COUNT_SETSOCKOPT]);
    if (ls == INVALID_SOCKET) return SOCKET_ERROR;
    return lower.lpWSPSetSockOpt(ls, level, name, value, len, err);
}

/* The set with lower handles in it; *map remembers ours. */
static void sets_down(fd_set *set, SOCKET *map)
{
    u_int i;
    int err;

    for (i = 0; set && i < set->fd_count; i++)
    {
        map[i] = set->fd_array[i];
        set->fd_array[i] = below_of(set->fd_array[i], &err);
    }
}

/* Back to our handles, for the lower handles still in the set. */
static void sets_up(fd_set *set, const SOCKET *map, u_int count)
{
    u_int i, j;
    int err;

    for (i = 0; set && i < set->fd_count; i++)
        for (j = 0; j < count; j++)
            if (below_of(map[j], &err) == set->fd_array[i]) set->fd_array[i] = map[j];
}

static int WSPAPI lsp_select(int n, fd_set *r, fd_set *w, fd_set *x, const PTIMEVAL timeout, LPINT err)
{
    SOCKET rmap[FD_SETSIZE], wmap[FD_SETSIZE], xmap[FD_SETSIZE];
    u_int rn = r ? r->fd_count : 0, wn = w ? w->fd_count : 0, xn = x ? x->fd_count : 0;
    int ret;

    InterlockedIncrement(&counts[LSP_COUNT_SELECT]);
    sets_down(r, rmap);
    sets_down(w, wmap);
    sets_down(x, xmap);
    ret = lower.lpWSPSelect(n, r, w, x, timeout, err);
    sets_up(r, rmap, rn);
    sets_up(w, wmap, wn);
    sets_up(x, xmap, xn);
    return ret;
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
    procs->lpWSPBind = lsp_bind;
    procs->lpWSPListen = lsp_listen;
    procs->lpWSPGetSockName = lsp_getsockname;
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
