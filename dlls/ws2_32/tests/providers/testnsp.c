/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A small name-space provider for the tests (tests/nsprovider.c): it
 * answers host names ending in ".wstest" with one address of its own,
 * 127.0.0.<length of the first label>, and nothing else.
 */
#include <winsock2.h>
#include <ws2spi.h>
#include <svcguid.h>

struct lookup
{
    WCHAR name[64];
    BOOL done;
};

static LONG begins, cleanups, sets;

__declspec(dllexport) LONG WINAPI nsp_get_begins(void)
{
    return begins;
}

__declspec(dllexport) LONG WINAPI nsp_get_cleanups(void)
{
    return cleanups;
}

__declspec(dllexport) LONG WINAPI nsp_get_sets(void)
{
    return sets;
}

static BOOL ours(const WCHAR *name)
{
    static const WCHAR suffix[] = L".wstest";
    int len, slen = lstrlenW(suffix);

    if (!name || (len = lstrlenW(name)) <= slen || len >= 64) return FALSE;
    return !lstrcmpiW(name + len - slen, suffix);
}

static INT WSAAPI nsp_cleanup(LPGUID id)
{
    InterlockedIncrement(&cleanups);
    return 0;
}

static INT WSAAPI nsp_begin(LPGUID id, LPWSAQUERYSETW query, LPWSASERVICECLASSINFOW info, DWORD flags,
                            LPHANDLE handle)
{
    struct lookup *l;

    InterlockedIncrement(&begins);
    if (!ours(query->lpszServiceInstanceName))
    {
        WSASetLastError(WSASERVICE_NOT_FOUND);
        return SOCKET_ERROR;
    }
    l = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*l));
    lstrcpyW(l->name, query->lpszServiceInstanceName);
    *handle = l;
    return 0;
}

/* One answer: the name, the address as a CSADDR_INFO, laid out after the
 * query set in the caller's buffer. */
static INT WSAAPI nsp_next(HANDLE handle, DWORD flags, LPDWORD len, LPWSAQUERYSETW results)
{
    struct lookup *l = handle;
    struct
    {
        WSAQUERYSETW set;
        CSADDR_INFO addr;
        struct sockaddr_in local, remote;
        WCHAR name[64];
    } *out = (void *)results;
    const WCHAR *dot;

    if (l->done)
    {
        WSASetLastError(WSA_E_NO_MORE);
        return SOCKET_ERROR;
    }
    if (*len < sizeof(*out))
    {
        *len = sizeof(*out);
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    memset(out, 0, sizeof(*out));
    lstrcpyW(out->name, l->name);
    dot = wcschr(l->name, '.');
    out->remote.sin_family = AF_INET;
    out->remote.sin_addr.s_addr = htonl(0x7f000000 | (DWORD)(dot - l->name));
    out->local.sin_family = AF_INET;
    out->addr.LocalAddr.lpSockaddr = (struct sockaddr *)&out->local;
    out->addr.LocalAddr.iSockaddrLength = sizeof(out->local);
    out->addr.RemoteAddr.lpSockaddr = (struct sockaddr *)&out->remote;
    out->addr.RemoteAddr.iSockaddrLength = sizeof(out->remote);
    out->addr.iSocketType = SOCK_STREAM;
    out->addr.iProtocol = IPPROTO_TCP;
    out->set.dwSize = sizeof(out->set);
    out->set.lpszServiceInstanceName = out->name;
    out->set.dwNameSpace = NS_ALL;
    out->set.dwNumberOfCsAddrs = 1;
    out->set.lpcsaBuffer = &out->addr;
    l->done = TRUE;
    return 0;
}

/* Registrations are counted; only our own names are taken. */
static INT WSAAPI nsp_set_service(LPGUID id, LPWSASERVICECLASSINFOW info, LPWSAQUERYSETW set,
                                  WSAESETSERVICEOP op, DWORD flags)
{
    if (!ours(set->lpszServiceInstanceName))
    {
        WSASetLastError(WSAEINVAL);
        return SOCKET_ERROR;
    }
    InterlockedIncrement(&sets);
    return 0;
}

static INT WSAAPI nsp_end(HANDLE handle)
{
    HeapFree(GetProcessHeap(), 0, handle);
    return 0;
}

__declspec(dllexport) INT WSAAPI NSPStartup(LPGUID id, LPNSP_ROUTINE routine)
{
    if (routine->cbSize < sizeof(*routine)) return WSAEINVAL;
    memset(&routine->dwMajorVersion, 0, sizeof(*routine) - sizeof(DWORD));
    routine->dwMajorVersion = 1;
    routine->NSPCleanup = nsp_cleanup;
    routine->NSPLookupServiceBegin = nsp_begin;
    routine->NSPLookupServiceNext = nsp_next;
    routine->NSPLookupServiceEnd = nsp_end;
    routine->NSPSetService = nsp_set_service;
    return 0;
}
