/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests: gethostbyname and gethostbyaddr.
 *
 * Expected values are Windows' (Microsoft documentation, and what Wine's
 * tests record: the per-thread hostent, its layout since XP, IPv4 only).
 * Names under ws2.test come from the private DNS of tools/with-dns.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "wine/test.h"

/* What the last error holds before a call that must set it. */
#define HOSTENT_ERROR_FILL 0x4e0f4e0f

static BOOL have_dns;

static int count(char **list)
{
    int n = 0;

    while (list[n]) n++;
    return n;
}

static void test_not_started(void)
{
    ULONG addr = htonl(INADDR_LOOPBACK);

    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyname("localhost"), "gethostbyname succeeded\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyname(NULL), "gethostbyname succeeded\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    WSASetLastError(HOSTENT_ERROR_FILL);
    todo_wine ok(!gethostbyaddr((char *)&addr, 4, AF_INET), "gethostbyaddr succeeded\n");
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
}

/* The layout Windows uses since XP: hostent, alias pointers, address
 * pointers, addresses. */
static void check_layout(struct hostent *he)
{
    int aliases = count(he->h_aliases), addrs = count(he->h_addr_list);

    ok(he->h_aliases == (char **)(he + 1), "aliases not after the hostent\n");
    ok(he->h_addr_list == he->h_aliases + aliases + 1, "addresses not after the aliases\n");
    ok(he->h_addr_list[0] == (char *)(he->h_addr_list + addrs + 1), "address bytes not after the pointers\n");
}

static void test_gethostbyname(void)
{
    struct hostent *he;
    char name[256];

    ok(!gethostname(name, sizeof(name)), "gethostname failed\n");

    /* A dotted address is not looked up: it is its own name. */
    he = gethostbyname("127.0.0.1");
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    ok(!strcmp(he->h_name, "127.0.0.1"), "got name %s\n", he->h_name);
    ok(he->h_addrtype == AF_INET && he->h_length == 4, "got type %d length %d\n", he->h_addrtype, he->h_length);
    ok(count(he->h_addr_list) == 1 && *(ULONG *)he->h_addr_list[0] == htonl(INADDR_LOOPBACK), "wrong address\n");
    ok(!count(he->h_aliases), "got aliases\n");
    check_layout(he);

    /* An IPv6 address string fails with WSANO_DATA. */
    WSASetLastError(HOSTENT_ERROR_FILL);
    he = gethostbyname("::1");
    ok(!he, "succeeded\n");
    todo_wine ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());

    he = gethostbyname("localhost");
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    ok(he->h_addrtype == AF_INET && he->h_length == 4, "wrong type\n");
    ok(*(ULONG *)he->h_addr_list[0] == htonl(INADDR_LOOPBACK), "not loopback\n");

    /* NULL and "" are the local host, named as gethostname names it. */
    he = gethostbyname(NULL);
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    if (he)
    {
        ok(!_stricmp(he->h_name, name), "got %s, expected %s\n", he->h_name, name);
        ok(count(he->h_addr_list) >= 1, "no address\n");
    }
    he = gethostbyname("");
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    he = gethostbyname(name);
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    if (he)
    {
        int i, n = count(he->h_addr_list);

        /* 127.0.0.1 appears only when it is the only address. */
        for (i = 0; i < n; i++)
            if (*(ULONG *)he->h_addr_list[i] == htonl(INADDR_LOOPBACK)) ok(n == 1, "loopback among %d\n", n);
    }
}

static DWORD WINAPI other_thread(void *arg)
{
    struct hostent *he = gethostbyname("127.0.0.2");

    *(struct hostent **)arg = he;
    return he ? 0 : 1;
}

static void test_per_thread(void)
{
    struct hostent *he, *he2, *theirs = NULL;
    HANDLE thread;

    /* One buffer per thread, reused by the next call on the same thread. */
    he = gethostbyname("127.0.0.1");
    he2 = gethostbyname("127.0.0.3");
    ok(he == he2, "a new buffer for each call\n");
    ok(*(ULONG *)he2->h_addr_list[0] == inet_addr("127.0.0.3"), "wrong address\n");
    thread = CreateThread(NULL, 0, other_thread, &theirs, 0, NULL);
    WaitForSingleObject(thread, 10000);
    CloseHandle(thread);
    ok(theirs != NULL && theirs != he, "threads share the hostent\n");
    ok(*(ULONG *)he2->h_addr_list[0] == inet_addr("127.0.0.3"), "another thread overwrote the result\n");
}

static void test_gethostbyaddr(void)
{
    char *page = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
    ULONG addr = htonl(INADDR_LOOPBACK);
    IN6_ADDR addr6 = IN6ADDR_LOOPBACK_INIT;
    struct hostent *he;

    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyaddr((char *)&addr, 4, AF_IPX), "succeeded\n");
    ok(WSAGetLastError() == WSAEAFNOSUPPORT, "got error %d\n", WSAGetLastError());
    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyaddr((char *)&addr6, 4, AF_INET6), "succeeded\n");
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "got error %d\n", WSAGetLastError());
    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyaddr((char *)&addr, 3, AF_INET), "succeeded\n");
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    if (!winetest_platform_is_wine())
    {
        WSASetLastError(HOSTENT_ERROR_FILL);
        ok(!gethostbyaddr(page, 4, AF_INET), "succeeded\n");
        ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
        ok(!gethostbyname(page), "succeeded\n");
        ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    }
    VirtualFree(page, 0, MEM_RELEASE);

    he = gethostbyaddr((char *)&addr, 4, AF_INET);
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    if (he)
    {
        ok(he->h_addrtype == AF_INET && he->h_length == 4, "wrong type\n");
        ok(*(ULONG *)he->h_addr_list[0] == addr, "wrong address\n");
        check_layout(he);
    }
    he = gethostbyaddr((char *)&addr6, 16, AF_INET6);
    /* Windows names its own addresses, ::1 too; Wine's builtin asks the host. */
    todo_wine ok(he != NULL, "got error %d\n", WSAGetLastError());
    if (he)
    {
        ok(he->h_addrtype == AF_INET6 && he->h_length == 16, "got type %d length %d\n", he->h_addrtype, he->h_length);
        ok(!memcmp(he->h_addr_list[0], &addr6, 16), "wrong address\n");
    }
}

static void test_dns(void)
{
    struct hostent *he;
    ULONG addr;

    if (!have_dns)
    {
        skip("no private test DNS (run under tools/with-dns)\n");
        return;
    }
    he = gethostbyname("v4.ws2.test");
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    if (he)
    {
        ok(!strcmp(he->h_name, "v4.ws2.test"), "got %s\n", he->h_name);
        ok(count(he->h_addr_list) == 1 && *(ULONG *)he->h_addr_list[0] == inet_addr("192.0.2.1"), "wrong address\n");
    }
    he = gethostbyname("multi.ws2.test");
    ok(he && count(he->h_addr_list) == 2, "wrong result\n");
    if (he && count(he->h_addr_list) == 2)
    {
        /* Both addresses, each once.  gethostbyname's documentation gives
         * no order, and Wine 10.0's builtin (the host's resolver) does not
         * always keep the server's. */
        ULONG first = *(ULONG *)he->h_addr_list[0], second = *(ULONG *)he->h_addr_list[1];
        ULONG ten = inet_addr("192.0.2.10"), eleven = inet_addr("192.0.2.11");

        ok(first == ten || first == eleven, "wrong first address\n");
        ok((second == ten || second == eleven) && second != first, "wrong second address\n");
        check_layout(he);
    }
    /* The official name ends the CNAME chain; the chain's names are aliases. */
    he = gethostbyname("alias2.ws2.test");
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    if (he)
    {
        ok(!strcmp(he->h_name, "dual.ws2.test"), "got %s\n", he->h_name);
        ok(count(he->h_aliases) == 2, "got %d aliases\n", count(he->h_aliases));
        if (count(he->h_aliases) == 2)
        {
            ok(!strcmp(he->h_aliases[0], "alias2.ws2.test"), "got %s\n", he->h_aliases[0]);
            ok(!strcmp(he->h_aliases[1], "alias.ws2.test"), "got %s\n", he->h_aliases[1]);
        }
        ok(count(he->h_addr_list) == 1 && *(ULONG *)he->h_addr_list[0] == inet_addr("192.0.2.20"), "wrong address\n");
        check_layout(he);
    }
    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyname("nothere.ws2.test"), "succeeded\n");
    ok(WSAGetLastError() == WSAHOST_NOT_FOUND, "got error %d\n", WSAGetLastError());
    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyname("v6.ws2.test"), "succeeded\n");
    /* The name exists, but has no IPv4 address. */
    ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());
    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyname("servfail.ws2.test"), "succeeded\n");
    ok(WSAGetLastError() == WSATRY_AGAIN, "got error %d\n", WSAGetLastError());
    he = gethostbyname("unixhosts.ws2.test");
    ok(he && *(ULONG *)he->h_addr_list[0] == inet_addr("192.0.2.50"), "the host's /etc/hosts was not read\n");

    addr = inet_addr("192.0.2.1");
    he = gethostbyaddr((char *)&addr, 4, AF_INET);
    ok(he != NULL, "got error %d\n", WSAGetLastError());
    if (he)
    {
        ok(!strcmp(he->h_name, "v4.ws2.test"), "got %s\n", he->h_name);
        ok(*(ULONG *)he->h_addr_list[0] == addr, "wrong address\n");
    }
    addr = inet_addr("192.0.2.99");
    WSASetLastError(HOSTENT_ERROR_FILL);
    ok(!gethostbyaddr((char *)&addr, 4, AF_INET), "succeeded\n");
    ok(WSAGetLastError() == WSAHOST_NOT_FOUND, "got error %d\n", WSAGetLastError());
}

START_TEST(hostent)
{
    WSADATA data;

    have_dns = getenv("WS2_TEST_DNS") != NULL;
    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_gethostbyname();
    test_per_thread();
    test_gethostbyaddr();
    test_dns();
    WSACleanup();
}
