/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * An installed name-space provider answers WSALookupService* queries for
 * its name space, for its provider id and under NS_ALL (after the DNS
 * provider found nothing), in UTF-16 and ANSI; an answer that does not fit
 * the caller's buffer is kept for the next call; once uninstalled it is no
 * longer asked.  The provider is providers/testnsp.c, built beside the
 * test executable: it answers names ending in ".wstest" with
 * 127.0.0.<length of the first label>.
 */
#include <stdarg.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>
#include <svcguid.h>

#include "wine/test.h"

/* A name space number of our own, and our provider id. */
#define NS_WSTEST 0x3d1
static const GUID nsp_guid = { 0x5e0d41a2, 0x9c37, 0x4f18, { 0xb2, 0x6e, 0x11, 0x4a, 0xd3, 0x70, 0x8c, 0x25 } };
static GUID hostname_class = SVCID_HOSTNAME;

static const struct sockaddr_in *first_address(const WSAQUERYSETW *set)
{
    if (set->dwNumberOfCsAddrs < 1 || !set->lpcsaBuffer) return NULL;
    return (const struct sockaddr_in *)set->lpcsaBuffer[0].RemoteAddr.lpSockaddr;
}

/* Rule: the provider answers for its id and for its name space. */
static void test_by_id_and_name_space(void)
{
    union { WSAQUERYSETW set; BYTE bytes[1024]; } out;
    const struct sockaddr_in *addr;
    WSAQUERYSETW q;
    HANDLE h;
    DWORD len;
    int rc;

    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (WCHAR *)L"kiwi.wstest";
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_ALL;
    q.lpNSProviderId = (GUID *)&nsp_guid;
    rc = WSALookupServiceBeginW(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR, &h);
    ok(!rc, "Begin by id: %d, error %d\n", rc, WSAGetLastError());
    if (rc) return;
    len = sizeof(out);
    rc = WSALookupServiceNextW(h, 0, &len, &out.set);
    ok(!rc, "Next: %d, error %d\n", rc, WSAGetLastError());
    ok(!rc && out.set.lpszServiceInstanceName && !lstrcmpW(out.set.lpszServiceInstanceName, L"kiwi.wstest"),
       "wrong name\n");
    addr = first_address(&out.set);
    ok(addr && addr->sin_addr.s_addr == htonl(0x7f000004), "wrong address %#lx\n",
       addr ? addr->sin_addr.s_addr : 0);
    /* The copy is the caller's: its pointers point into the buffer. */
    ok((BYTE *)out.set.lpszServiceInstanceName > out.bytes &&
       (BYTE *)out.set.lpszServiceInstanceName < out.bytes + sizeof(out), "name outside the buffer\n");
    len = sizeof(out);
    rc = WSALookupServiceNextW(h, 0, &len, &out.set);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSA_E_NO_MORE, "second Next: %d, error %d\n", rc,
       WSAGetLastError());
    ok(!WSALookupServiceEnd(h), "End failed\n");

    q.lpNSProviderId = NULL;
    q.dwNameSpace = NS_WSTEST;
    q.lpszServiceInstanceName = (WCHAR *)L"fig.wstest";
    rc = WSALookupServiceBeginW(&q, LUP_RETURN_ADDR, &h);
    ok(!rc, "Begin by name space: %d, error %d\n", rc, WSAGetLastError());
    if (rc) return;
    len = sizeof(out);
    rc = WSALookupServiceNextW(h, 0, &len, &out.set);
    addr = rc ? NULL : first_address(&out.set);
    ok(addr && addr->sin_addr.s_addr == htonl(0x7f000003), "by name space: %d, error %d\n", rc, WSAGetLastError());
    WSALookupServiceEnd(h);
}

/* Rule: a buffer too small gets WSAEFAULT and the size; the answer waits
 * for the next call. */
static void test_small_buffer(void)
{
    union { WSAQUERYSETW set; BYTE bytes[1024]; } out;
    WSAQUERYSETW q;
    HANDLE h;
    DWORD len;
    int rc;

    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (WCHAR *)L"quince.wstest";
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_WSTEST;
    if (WSALookupServiceBeginW(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR, &h)) return;
    len = 24;
    rc = WSALookupServiceNextW(h, 0, &len, &out.set);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "small: %d, error %d\n", rc, WSAGetLastError());
    ok(len > sizeof(WSAQUERYSETW) && len <= sizeof(out), "needs %lu\n", len);
    rc = WSALookupServiceNextW(h, 0, &len, &out.set);
    ok(!rc && !lstrcmpW(out.set.lpszServiceInstanceName, L"quince.wstest"), "again: %d, error %d\n", rc,
       WSAGetLastError());
    WSALookupServiceEnd(h);
}

/* Rule: ANSI callers get the provider's answer converted. */
static void test_ansi(void)
{
    union { WSAQUERYSETA set; BYTE bytes[1024]; } out;
    const struct sockaddr_in *addr;
    WSAQUERYSETA q;
    HANDLE h;
    DWORD len;
    int rc;

    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (char *)"plum.wstest";
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_WSTEST;
    rc = WSALookupServiceBeginA(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR, &h);
    ok(!rc, "BeginA: %d, error %d\n", rc, WSAGetLastError());
    if (rc) return;
    len = sizeof(out);
    rc = WSALookupServiceNextA(h, 0, &len, &out.set);
    ok(!rc && out.set.lpszServiceInstanceName && !strcmp(out.set.lpszServiceInstanceName, "plum.wstest"),
       "NextA: %d, error %d\n", rc, WSAGetLastError());
    addr = rc ? NULL : (const struct sockaddr_in *)out.set.lpcsaBuffer[0].RemoteAddr.lpSockaddr;
    ok(addr && addr->sin_addr.s_addr == htonl(0x7f000004), "wrong address\n");
    WSALookupServiceEnd(h);
}

/* Rule: NS_ALL asks every provider; a name DNS does not know is the
 * installed provider's. */
static void test_all_name_spaces(void)
{
    union { WSAQUERYSETW set; BYTE bytes[1024]; } out;
    const struct sockaddr_in *addr;
    WSAQUERYSETW q;
    HANDLE h;
    DWORD len;
    int rc;

    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (WCHAR *)L"apricot.wstest";
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_ALL;
    rc = WSALookupServiceBeginW(&q, LUP_RETURN_ADDR, &h);
    ok(!rc, "Begin: %d, error %d\n", rc, WSAGetLastError());
    if (rc) return;
    len = sizeof(out);
    rc = WSALookupServiceNextW(h, 0, &len, &out.set);
    addr = rc ? NULL : first_address(&out.set);
    ok(addr && addr->sin_addr.s_addr == htonl(0x7f000007), "NS_ALL: %d, error %d\n", rc, WSAGetLastError());
    WSALookupServiceEnd(h);
}

/* Rule: a name the provider does not answer, in a name space only it has,
 * is not found. */
static void test_not_ours(void)
{
    WSAQUERYSETW q;
    HANDLE h;
    int rc;

    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (WCHAR *)L"elsewhere.example";
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_WSTEST;
    rc = WSALookupServiceBeginW(&q, LUP_RETURN_ADDR, &h);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSASERVICE_NOT_FOUND, "got %d, error %d\n", rc,
       WSAGetLastError());
    if (!rc) WSALookupServiceEnd(h);
}

/* Whether WSAEnumNameSpaceProvidersW lists our provider. */
static BOOL installed(void)
{
    WSANAMESPACE_INFOW *info;
    DWORD len = 0;
    BOOL found = FALSE;
    int n, i;

    WSAEnumNameSpaceProvidersW(&len, NULL);
    if (!len || !(info = HeapAlloc(GetProcessHeap(), 0, len))) return FALSE;
    n = WSAEnumNameSpaceProvidersW(&len, info);
    for (i = 0; i < n && !found; i++) found = IsEqualGUID(&info[i].NSProviderId, &nsp_guid);
    HeapFree(GetProcessHeap(), 0, info);
    return found;
}

START_TEST(nsprovider)
{
    WCHAR path[MAX_PATH], *slash;
    WSAQUERYSETW q;
    WSADATA data;
    HANDLE h;
    int rc;

    GetModuleFileNameW(NULL, path, MAX_PATH);
    if ((slash = wcsrchr(path, '\\'))) lstrcpyW(slash + 1, L"testnsp.dll");
    if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES)
    {
        skip("testnsp.dll is not beside the test\n");
        return;
    }
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    WSCUnInstallNameSpace((GUID *)&nsp_guid);   /* what an interrupted run left */
    rc = WSCInstallNameSpace((WCHAR *)L"ws2 test names", path, NS_WSTEST, 1, (GUID *)&nsp_guid);
    ok(!rc, "WSCInstallNameSpace: %d, error %d\n", rc, WSAGetLastError());
    /* Wine's builtin answers success and keeps nothing. */
    todo_wine ok(installed(), "the provider is not in the name-space catalog\n");
    if (!rc && installed())
    {
        test_by_id_and_name_space();
        test_small_buffer();
        test_ansi();
        test_all_name_spaces();
        test_not_ours();
        ok(!WSCUnInstallNameSpace((GUID *)&nsp_guid), "uninstall failed: %d\n", WSAGetLastError());

        /* Uninstalled, its name space is unknown again. */
        memset(&q, 0, sizeof(q));
        q.dwSize = sizeof(q);
        q.lpszServiceInstanceName = (WCHAR *)L"kiwi.wstest";
        q.lpServiceClassId = &hostname_class;
        q.dwNameSpace = NS_WSTEST;
        rc = WSALookupServiceBeginW(&q, LUP_RETURN_ADDR, &h);
        ok(rc == SOCKET_ERROR && WSAGetLastError() == WSASERVICE_NOT_FOUND, "after removal: %d, error %d\n",
           rc, WSAGetLastError());
        if (!rc) WSALookupServiceEnd(h);
    }
    WSACleanup();
}
