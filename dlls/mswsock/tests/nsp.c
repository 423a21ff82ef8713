/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * NSPStartup, mswsock as the DNS name-space provider: the routine table,
 * lookups of "localhost" and of a name the test DNS serves, and the
 * documented answers of what DNS cannot do.
 */
#include <stdlib.h>
#include "mswsock_test.h"

typedef INT (WSAAPI *nspstartup_fn)(GUID *, NSP_ROUTINE *);

static GUID host_by_name = SVCID_INET_HOSTADDRBYNAME;
static GUID any_provider = {0x4b1d3a55, 0x0c1e, 0x4e2a, {0x91, 0x7f, 0x25, 0x60, 0xd2, 0x8e, 0x13, 0x6b}};

/* Collects the IPv4 addresses of name through the provider's lookup;
 * returns how many (at most max), or -1 with *error set. */
static int lookup_ipv4(const NSP_ROUTINE *r, const WCHAR *name, ULONG *found, int max, int *error)
{
    WSAQUERYSETW query, *result;
    HANDLE lookup;
    char buffer[2048];
    DWORD size, i;
    int count = 0, results;

    memset(&query, 0, sizeof(query));
    query.dwSize = sizeof(query);
    query.lpszServiceInstanceName = (WCHAR *)name;
    query.lpServiceClassId = &host_by_name;
    query.dwNameSpace = NS_ALL;   /* the provider makes it NS_DNS */
    if (r->NSPLookupServiceBegin(&any_provider, &query, NULL, LUP_RETURN_ADDR | LUP_RETURN_NAME, &lookup))
    {
        *error = WSAGetLastError();
        return -1;
    }
    for (results = 0;; results++)
    {
        size = sizeof(buffer);
        result = (WSAQUERYSETW *)buffer;
        if (r->NSPLookupServiceNext(lookup, LUP_RETURN_ADDR | LUP_RETURN_NAME, &size, result)) break;
        for (i = 0; i < result->dwNumberOfCsAddrs && count < max; i++)
        {
            struct sockaddr *sa = result->lpcsaBuffer[i].RemoteAddr.lpSockaddr;
            if (sa && sa->sa_family == AF_INET) found[count++] = ntohl(((struct sockaddr_in *)sa)->sin_addr.s_addr);
        }
    }
    *error = WSAGetLastError();
    /* after the last result the lookup says "no more" */
    if (results)
        ok(*error == WSA_E_NO_MORE || *error == WSAENOMORE, "the lookup ended with %d\n", *error);
    ok(!r->NSPLookupServiceEnd(lookup), "NSPLookupServiceEnd failed: %d\n", WSAGetLastError());
    return results ? count : -1;
}

/* Rule: "localhost" is 127.0.0.1 in the DNS name space. */
static void test_localhost(const NSP_ROUTINE *r)
{
    ULONG addrs[8];
    int error, n = lookup_ipv4(r, L"localhost", addrs, 8, &error), i;
    BOOL loopback = FALSE;

    ok(n > 0, "localhost: %d addresses, error %d\n", n, error);
    for (i = 0; i < n; i++) loopback |= addrs[i] == INADDR_LOOPBACK;
    ok(loopback, "127.0.0.1 is not among localhost's addresses\n");
}

/* Rule: a name the DNS serves comes back with all its A records (the test
 * zone gives multi.ws2.test 192.0.2.10 and 192.0.2.11). */
static void test_test_dns(const NSP_ROUTINE *r)
{
    ULONG addrs[8];
    int error, n, i, seen = 0;

    if (!getenv("WS2_TEST_DNS"))
    {
        skip("no test DNS (run under tools/with-dns)\n");
        return;
    }
    n = lookup_ipv4(r, L"multi.ws2.test", addrs, 8, &error);
    ok(n == 2, "multi.ws2.test: %d addresses, error %d\n", n, error);
    for (i = 0; i < n; i++)
    {
        if (addrs[i] == 0xc000020a) seen |= 1;
        if (addrs[i] == 0xc000020b) seen |= 2;
    }
    ok(seen == 3, "addresses seen %#x\n", seen);

    /* a name the zone does not have: no result, WSASERVICE_NOT_FOUND
     * (WSALookupServiceNext's "no such service is known") */
    n = lookup_ipv4(r, L"absent-k9.ws2.test", addrs, 8, &error);
    ok(n == -1 && error == WSASERVICE_NOT_FOUND, "absent name: %d addresses, error %d\n", n, error);
}

/* Rules: DNS registration is a no-op (NSPSetService's documentation);
 * service classes are not kept (WSAEOPNOTSUPP); a bad restriction pointer
 * is WSAEFAULT. */
static void test_not_supported(const NSP_ROUTINE *r)
{
    WSAQUERYSETW reg;
    WSASERVICECLASSINFOW info;
    DWORD size = sizeof(info);
    HANDLE lookup;
    int ret;

    memset(&reg, 0, sizeof(reg));
    reg.dwSize = sizeof(reg);
    reg.lpszServiceInstanceName = (WCHAR *)L"orchard.ws2.test";
    ret = r->NSPSetService(&any_provider, NULL, &reg, RNRSERVICE_REGISTER, 0);
    ok(!ret, "register: %d, error %d\n", ret, WSAGetLastError());
    ret = r->NSPSetService(&any_provider, NULL, &reg, RNRSERVICE_DEREGISTER, 0);
    ok(!ret, "deregister: %d, error %d\n", ret, WSAGetLastError());

    memset(&info, 0, sizeof(info));
    WSASetLastError(0);
    ret = r->NSPInstallServiceClass(&any_provider, &info);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "install: %d, %d\n", ret, WSAGetLastError());
    WSASetLastError(0);
    ret = r->NSPRemoveServiceClass(&any_provider, &host_by_name);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "remove: %d, %d\n", ret, WSAGetLastError());
    WSASetLastError(0);
    ret = r->NSPGetServiceClassInfo(&any_provider, &size, &info);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "class info: %d, %d\n", ret, WSAGetLastError());

    WSASetLastError(0);
    ret = r->NSPLookupServiceBegin(&any_provider, NULL, NULL, LUP_RETURN_ADDR, &lookup);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "no restrictions: %d, %d\n", ret, WSAGetLastError());
}

START_TEST(nsp)
{
    nspstartup_fn startup;
    NSP_ROUTINE routines;
    int ret;

    msw_start();
    if ((startup = msw_real("NSPStartup")))
    {
        /* Rule (NSPStartup's documentation): invalid parameters are WSAEINVAL */
        WSASetLastError(0);
        ret = startup(&any_provider, NULL);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no table: %d, %d\n", ret, WSAGetLastError());

        memset(&routines, 0, sizeof(routines));
        ok(!startup(&any_provider, &routines), "NSPStartup failed: %d\n", WSAGetLastError());
        ok(routines.cbSize == sizeof(routines), "cbSize %lu\n", routines.cbSize);
        ok(routines.NSPCleanup && routines.NSPLookupServiceBegin && routines.NSPLookupServiceNext &&
           routines.NSPLookupServiceEnd && routines.NSPSetService && routines.NSPInstallServiceClass &&
           routines.NSPRemoveServiceClass && routines.NSPGetServiceClassInfo && routines.NSPIoctl,
           "an entry is NULL\n");
        test_localhost(&routines);
        test_test_dns(&routines);
        test_not_supported(&routines);
        ok(!routines.NSPCleanup(&any_provider), "NSPCleanup failed: %d\n", WSAGetLastError());
    }
    msw_finish();
}
