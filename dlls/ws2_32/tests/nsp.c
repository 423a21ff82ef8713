/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests for the name-space API: WSAEnumNameSpaceProviders(Ex)A/W,
 * WSCEnumNameSpaceProviders(Ex)32 and WSALookupServiceBegin/Next/End with
 * the Tcpip (DNS) and NLA providers.
 *
 * Expected values are Windows 10's: Microsoft's documentation and the
 * results Wine's conformance tests record for Windows (WSAEFAULT with the
 * needed size for a short buffer, ERROR_INVALID_HANDLE from
 * WSALookupServiceEnd(NULL), ERROR_INVALID_PARAMETER for a query set of the
 * wrong size, a network-list query without class that succeeds).  Where
 * Windows' answer is not recorded anywhere the checks follow the
 * documented error tables (see the comments).
 *
 * Names under ws2.test come from the private DNS responder that
 * tools/with-dns starts; without WS2_TEST_DNS in the environment those
 * checks are skipped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>
#include <mswsock.h>
#include <svcguid.h>

#include "wine/test.h"

static INT (WINAPI *pWSAEnumNameSpaceProvidersExA)(DWORD *, WSANAMESPACE_INFOEXA *);
static INT (WINAPI *pWSAEnumNameSpaceProvidersExW)(DWORD *, WSANAMESPACE_INFOEXW *);
static INT (WINAPI *pWSCEnumNameSpaceProviders32)(DWORD *, WSANAMESPACE_INFOW *);
static INT (WINAPI *pWSCEnumNameSpaceProvidersEx32)(DWORD *, WSANAMESPACE_INFOEXW *);

static GUID tcpip_provider = {0x22059d40, 0x7e9e, 0x11cf, {0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b}};
static GUID nla_provider = {0x6642243a, 0x3ba8, 0x4aa6, {0xba, 0xa5, 0x2e, 0x0b, 0xd7, 0x1f, 0xdd, 0x83}};
static GUID hostname_class = SVCID_HOSTNAME;
static GUID hostaddr_class = SVCID_INET_HOSTADDRBYNAME;
static GUID inetstring_class = SVCID_INET_HOSTADDRBYINETSTRING;
static GUID servicebyname_class = SVCID_INET_SERVICEBYNAME;
static GUID dns_a_class = SVCID_DNS(1);
static GUID dns_ptr_class = SVCID_DNS(12);
static GUID dns_aaaa_class = SVCID_DNS(28);
static GUID nla_class = NLA_SERVICE_CLASS_GUID;
static GUID unknown_guid = {0x12345678, 0x1234, 0x5678, {1, 2, 3, 4, 5, 6, 7, 8}};

/* Put in the last error and out-parameters before a call, to see whether
 * the call wrote them. */
#define UNSET_ERROR  0x7a6b5c4d
#define STALE_HANDLE ((HANDLE)(ULONG_PTR)0x7a6b5c40)

static char *bad_page;      /* a page that can be neither read nor written */
static BOOL have_dns;       /* the ws2.test responder is there */
static BOOL wine_dnsapi;    /* DNS answers come through Wine's dnsapi */
static char host_name[256];

/* ---- helpers ---- */

static BOOL in_buffer(const void *p, const void *buf, DWORD size)
{
    return (const char *)p >= (const char *)buf && (const char *)p < (const char *)buf + size;
}

/* Begins a W lookup of `name` in `class` (NS_DNS unless told otherwise). */
static int begin_w(const WCHAR *name, GUID *class, DWORD ns, DWORD flags, AFPROTOCOLS *protocols,
                   DWORD protocol_count, HANDLE *handle)
{
    WSAQUERYSETW qs;

    memset(&qs, 0, sizeof(qs));
    qs.dwSize = sizeof(qs);
    qs.lpszServiceInstanceName = (WCHAR *)name;
    qs.lpServiceClassId = class;
    qs.dwNameSpace = ns;
    qs.lpafpProtocols = protocols;
    qs.dwNumberOfProtocols = protocol_count;
    *handle = STALE_HANDLE;
    return WSALookupServiceBeginW(&qs, flags, handle);
}

/* The error of the first Next, after a Begin that succeeded. */
static DWORD next_error(HANDLE handle)
{
    char buffer[2048];
    DWORD len = sizeof(buffer);

    WSASetLastError(UNSET_ERROR);
    if (!WSALookupServiceNextW(handle, 0, &len, (WSAQUERYSETW *)buffer)) return 0;
    return WSAGetLastError();
}

/* Looks `name` up and returns the first result in buffer (which the caller
 * frees), or NULL with *error set. */
static WSAQUERYSETW *lookup_w(const WCHAR *name, GUID *class, DWORD flags, AFPROTOCOLS *protocols,
                              DWORD protocol_count, DWORD *size, DWORD *error)
{
    WSAQUERYSETW *qs;
    HANDLE handle;
    DWORD len = 0;
    int ret;

    *error = 0;
    ret = begin_w(name, class, NS_DNS, flags, protocols, protocol_count, &handle);
    if (ret)
    {
        *error = WSAGetLastError();
        return NULL;
    }
    ret = WSALookupServiceNextW(handle, 0, &len, NULL);
    if (!ret || WSAGetLastError() != WSAEFAULT)
    {
        *error = ret ? WSAGetLastError() : ERROR_SUCCESS;
        WSALookupServiceEnd(handle);
        return NULL;
    }
    qs = HeapAlloc(GetProcessHeap(), 0, len);
    *size = len;
    if (WSALookupServiceNextW(handle, 0, &len, qs))
    {
        *error = WSAGetLastError();
        HeapFree(GetProcessHeap(), 0, qs);
        qs = NULL;
    }
    WSALookupServiceEnd(handle);
    return qs;
}

static const char *addr_text(const SOCKADDR *sa)
{
    char *buf = winetest_get_strbuf();
    DWORD len = WINETEST_STRBUF_SIZE;
    int size = sa->sa_family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN);

    if (WSAAddressToStringA((SOCKADDR *)sa, size, NULL, buf, &len)) strcpy(buf, "?");
    return buf;
}

/* Whether the CSADDR_INFO array holds the address text. */
static BOOL has_remote(const WSAQUERYSETW *qs, const char *text)
{
    DWORD i;

    for (i = 0; i < qs->dwNumberOfCsAddrs; i++)
        if (!strcmp(addr_text(qs->lpcsaBuffer[i].RemoteAddr.lpSockaddr), text)) return TRUE;
    return FALSE;
}

/* The hostent of a BLOB, its offsets made pointers in a copy. */
static struct hostent *unpack_hostent(const BLOB *blob)
{
    struct hostent *he = HeapAlloc(GetProcessHeap(), 0, blob->cbSize);
    char *base = (char *)he, **p;

    memcpy(he, blob->pBlobData, blob->cbSize);
    ok((ULONG_PTR)he->h_name < blob->cbSize, "h_name %p is no offset\n", he->h_name);
    ok((ULONG_PTR)he->h_aliases < blob->cbSize, "h_aliases %p is no offset\n", he->h_aliases);
    ok((ULONG_PTR)he->h_addr_list < blob->cbSize, "h_addr_list %p is no offset\n", he->h_addr_list);
    he->h_name = base + (ULONG_PTR)he->h_name;
    he->h_aliases = (char **)(base + (ULONG_PTR)he->h_aliases);
    he->h_addr_list = (char **)(base + (ULONG_PTR)he->h_addr_list);
    for (p = he->h_aliases; *p; p++) *p = base + (ULONG_PTR)*p;
    for (p = he->h_addr_list; *p; p++) *p = base + (ULONG_PTR)*p;
    return he;
}

/* ---- before WSAStartup ---- */

static void test_not_started(void)
{
    WSAQUERYSETW qs;
    HANDLE handle;
    DWORD len = 0;
    int ret;

    /* Every one of these documents WSANOTINITIALISED. */
    WSASetLastError(UNSET_ERROR);
    ret = WSAEnumNameSpaceProvidersW(&len, NULL);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());

    memset(&qs, 0, sizeof(qs));
    qs.dwSize = sizeof(qs);
    qs.lpServiceClassId = &hostaddr_class;
    qs.lpszServiceInstanceName = (WCHAR *)L"localhost";
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceBeginW(&qs, LUP_RETURN_NAME, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceEnd(STALE_HANDLE);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
}

/* ---- the provider list ---- */

/* Checks one record set of the enumeration: the two providers every
 * Windows 10 machine has, with their strings inside the buffer after the
 * records.  ansi: the identifiers are char strings. */
static void check_providers(const void *buffer, DWORD size, int count, SIZE_T record, BOOL ansi, BOOL ex)
{
    BOOL seen_dns = FALSE, seen_nla = FALSE;
    int i;

    for (i = 0; i < count; i++)
    {
        const WSANAMESPACE_INFOEXW *info = (const WSANAMESPACE_INFOEXW *)((const char *)buffer + i * record);
        const void *id = info->lpszIdentifier;

        ok((const char *)id >= (const char *)buffer + count * record && in_buffer(id, buffer, size),
           "identifier %p outside the strings of %p+%lu\n", id, buffer, size);
        if (ex)
        {
            ok(!info->ProviderSpecific.cbSize, "got blob size %lu\n", info->ProviderSpecific.cbSize);
            ok(!info->ProviderSpecific.pBlobData, "got blob %p\n", info->ProviderSpecific.pBlobData);
        }
        if (IsEqualGUID(&info->NSProviderId, &tcpip_provider))
        {
            seen_dns = TRUE;
            ok(info->dwNameSpace == NS_DNS, "got name space %lu\n", info->dwNameSpace);
            ok(info->fActive == TRUE, "got active %d\n", info->fActive);
            ok(info->dwVersion == 0, "got version %lu\n", info->dwVersion);
            if (ansi) ok(!strcmp(id, "Tcpip"), "got %s\n", wine_dbgstr_a(id));
            else ok(!wcscmp(id, L"Tcpip"), "got %s\n", wine_dbgstr_w(id));
        }
        else if (IsEqualGUID(&info->NSProviderId, &nla_provider))
        {
            seen_nla = TRUE;
            ok(info->dwNameSpace == NS_NLA, "got name space %lu\n", info->dwNameSpace);
            ok(info->fActive == TRUE, "got active %d\n", info->fActive);
            ok(info->dwVersion == 1, "got version %lu\n", info->dwVersion);
            if (ansi) ok(!strcmp(id, "Network Location Awareness Legacy"), "got %s\n", wine_dbgstr_a(id));
            else ok(!wcscmp(id, L"Network Location Awareness Legacy"), "got %s\n", wine_dbgstr_w(id));
        }
    }
    ok(seen_dns, "no Tcpip provider\n");
    ok(seen_nla, "no NLA provider\n");
}

/* The rules every enumeration function shares. */
static void test_enum_function(const char *name, INT (WINAPI *func)(DWORD *, void *), SIZE_T record,
                               BOOL ansi, BOOL ex)
{
    DWORD len, needed;
    char *buffer;
    int ret;

    winetest_push_context("%s", name);

    len = 0;
    WSASetLastError(UNSET_ERROR);
    ret = func(&len, NULL);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    todo_wine ok(len > 2 * record, "got size %lu\n", len);
    needed = len;

    WSASetLastError(UNSET_ERROR);
    ret = func(NULL, NULL);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = func((DWORD *)bad_page, NULL);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    if (needed <= 2 * record)
    {
        skip("no size to go on\n");
        winetest_pop_context();
        return;
    }
    buffer = HeapAlloc(GetProcessHeap(), 0, needed + 16);

    /* A buffer one byte short fails and reports the size again. */
    len = needed - 1;
    memset(buffer, 0x6b, needed + 16);
    WSASetLastError(UNSET_ERROR);
    ret = func(&len, buffer);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    ok(len == needed, "got size %lu, expected %lu\n", len, needed);

    WSASetLastError(UNSET_ERROR);
    ret = func(&len, NULL);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    ok(len == needed, "got size %lu, expected %lu\n", len, needed);

    /* Memory the caller cannot write. */
    len = needed;
    WSASetLastError(UNSET_ERROR);
    ret = func(&len, bad_page);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    len = needed + 16;
    WSASetLastError(UNSET_ERROR);
    ret = func(&len, buffer);
    ok(ret == 2, "got %d, error %d\n", ret, WSAGetLastError());
    ok(len == needed + 16, "size changed to %lu\n", len);
    ok(WSAGetLastError() == UNSET_ERROR, "error set to %d\n", WSAGetLastError());
    if (ret > 0) check_providers(buffer, needed, ret, record, ansi, ex);

    HeapFree(GetProcessHeap(), 0, buffer);
    winetest_pop_context();
}

static void test_enum_providers(void)
{
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");

    pWSAEnumNameSpaceProvidersExA = (void *)GetProcAddress(ws2, "WSAEnumNameSpaceProvidersExA");
    pWSAEnumNameSpaceProvidersExW = (void *)GetProcAddress(ws2, "WSAEnumNameSpaceProvidersExW");
    pWSCEnumNameSpaceProviders32 = (void *)GetProcAddress(ws2, "WSCEnumNameSpaceProviders32");
    pWSCEnumNameSpaceProvidersEx32 = (void *)GetProcAddress(ws2, "WSCEnumNameSpaceProvidersEx32");

    test_enum_function("WSAEnumNameSpaceProvidersA", (void *)WSAEnumNameSpaceProvidersA,
                       sizeof(WSANAMESPACE_INFOA), TRUE, FALSE);
    test_enum_function("WSAEnumNameSpaceProvidersW", (void *)WSAEnumNameSpaceProvidersW,
                       sizeof(WSANAMESPACE_INFOW), FALSE, FALSE);

    /* Wine 8's builtin has no Ex or 32-bit-catalog forms. */
    if (pWSAEnumNameSpaceProvidersExA)
        test_enum_function("WSAEnumNameSpaceProvidersExA", (void *)pWSAEnumNameSpaceProvidersExA,
                           sizeof(WSANAMESPACE_INFOEXA), TRUE, TRUE);
    else skip("WSAEnumNameSpaceProvidersExA is missing\n");
    if (pWSAEnumNameSpaceProvidersExW)
        test_enum_function("WSAEnumNameSpaceProvidersExW", (void *)pWSAEnumNameSpaceProvidersExW,
                           sizeof(WSANAMESPACE_INFOEXW), FALSE, TRUE);
    else skip("WSAEnumNameSpaceProvidersExW is missing\n");
#ifdef _WIN64
    if (pWSCEnumNameSpaceProviders32)
        test_enum_function("WSCEnumNameSpaceProviders32", (void *)pWSCEnumNameSpaceProviders32,
                           sizeof(WSANAMESPACE_INFOW), FALSE, FALSE);
    else skip("WSCEnumNameSpaceProviders32 is missing\n");
    if (pWSCEnumNameSpaceProvidersEx32)
        test_enum_function("WSCEnumNameSpaceProvidersEx32", (void *)pWSCEnumNameSpaceProvidersEx32,
                           sizeof(WSANAMESPACE_INFOEXW), FALSE, TRUE);
    else skip("WSCEnumNameSpaceProvidersEx32 is missing\n");
#else
    ok(!pWSCEnumNameSpaceProviders32, "WSCEnumNameSpaceProviders32 is exported on i386\n");
    ok(!pWSCEnumNameSpaceProvidersEx32, "WSCEnumNameSpaceProvidersEx32 is exported on i386\n");
#endif
}

/* ---- WSALookupServiceBegin's parameters ---- */

/* Begin must refuse the query with `error`. */
static void expect_begin_error_(int line, WSAQUERYSETW *qs, HANDLE *handle, int error)
{
    int ret;

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceBeginW(qs, LUP_RETURN_NAME, handle);
    ok_(__FILE__, line)(ret == SOCKET_ERROR, "got %d\n", ret);
    /* Wine 8's builtin fails everything with WSA_NOT_ENOUGH_MEMORY. */
    todo_wine ok_(__FILE__, line)(WSAGetLastError() == error, "got error %d, expected %d\n", WSAGetLastError(), error);
}
#define expect_begin_error(qs, handle, error) expect_begin_error_(__LINE__, qs, handle, error)

static void test_begin_params(void)
{
    WSAQUERYSETW qs;
    HANDLE handle;
    int ret;

    /* A host query that would work, spoilt one member at a time. */
    memset(&qs, 0, sizeof(qs));
    qs.dwSize = sizeof(qs);
    qs.lpServiceClassId = &hostaddr_class;
    qs.lpszServiceInstanceName = (WCHAR *)L"localhost";

    /* Every pointer Begin follows must be usable, or WSAEFAULT (recorded
     * for a NULL query set and a NULL handle pointer in Wine's tests). */
    expect_begin_error(NULL, &handle, WSAEFAULT);
    expect_begin_error((WSAQUERYSETW *)bad_page, &handle, WSAEFAULT);
    expect_begin_error(&qs, NULL, WSAEFAULT);
    expect_begin_error(&qs, (HANDLE *)bad_page, WSAEFAULT);
    qs.lpServiceClassId = (GUID *)(bad_page + 0x40);
    expect_begin_error(&qs, &handle, WSAEFAULT);
    qs.lpServiceClassId = &hostaddr_class;
    qs.lpszServiceInstanceName = (WCHAR *)(bad_page + 0x800);
    expect_begin_error(&qs, &handle, WSAEFAULT);
    qs.lpszServiceInstanceName = (WCHAR *)L"localhost";
    qs.dwNumberOfProtocols = 3;
    qs.lpafpProtocols = (AFPROTOCOLS *)bad_page;
    expect_begin_error(&qs, &handle, WSAEFAULT);
    qs.dwNumberOfProtocols = 0;
    qs.lpafpProtocols = NULL;

    /* dwSize must be the structure's: ERROR_INVALID_PARAMETER, which Wine's
     * tests record for a zeroed query set (on older Windows; Windows 10
     * is recorded with WSAEINVAL there). */
    qs.dwSize = 0;
    expect_begin_error(&qs, &handle, ERROR_INVALID_PARAMETER);
    qs.dwSize = sizeof(qs);

    /* Queries no provider takes: WSASERVICE_NOT_FOUND ("no such service is
     * known in the specified name space"), and WSAEINVAL for the DNS name
     * space without the class it requires. */
    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"localhost", &unknown_guid, NS_DNS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSASERVICE_NOT_FOUND, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"ftp", &servicebyname_class, NS_DNS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSASERVICE_NOT_FOUND, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"localhost", &hostaddr_class, NS_NTDS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSASERVICE_NOT_FOUND, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"localhost", &hostaddr_class, NS_NLA, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSASERVICE_NOT_FOUND, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"localhost", NULL, NS_DNS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "got error %d\n", WSAGetLastError());

    qs.dwNumberOfProtocols = 0;
    qs.lpafpProtocols = NULL;
    qs.dwNameSpace = NS_DNS;
    qs.lpNSProviderId = &unknown_guid;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceBeginW(&qs, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSASERVICE_NOT_FOUND, "got error %d\n", WSAGetLastError());

    /* The provider may be named; the Tcpip one takes host queries. */
    qs.lpNSProviderId = &tcpip_provider;
    WSASetLastError(UNSET_ERROR);
    handle = NULL;
    ret = WSALookupServiceBeginW(&qs, LUP_RETURN_NAME, &handle);
    todo_wine ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        ok(handle != NULL, "got no handle\n");
        ok(!next_error(handle), "Next failed\n");
        ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());
    }

    /* A reverse lookup needs an address. */
    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"no.address.here", &dns_ptr_class, NS_DNS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"300.0.0.127.in-addr.arpa", &dns_ptr_class, NS_DNS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "got error %d\n", WSAGetLastError());

    /* A network's zone names no single address. */
    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"0.127.in-addr.arpa", &dns_ptr_class, NS_DNS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = begin_w(NULL, &dns_ptr_class, NS_DNS, 0, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "got error %d\n", WSAGetLastError());
}

/* ---- handles ---- */

static void test_handles(void)
{
    char buffer[1024];
    HANDLE handle;
    DWORD len;
    int ret;

    /* What Wine's tests record for Windows; WSA_INVALID_HANDLE is the same 6. */
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceEnd(NULL);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == ERROR_INVALID_HANDLE, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceEnd(STALE_HANDLE);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSA_INVALID_HANDLE, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceEnd(INVALID_HANDLE_VALUE);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSA_INVALID_HANDLE, "got error %d\n", WSAGetLastError());

    len = sizeof(buffer);
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(NULL, 0, &len, (WSAQUERYSETW *)buffer);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSA_INVALID_HANDLE, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextA(STALE_HANDLE, 0, &len, (WSAQUERYSETA *)buffer);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSA_INVALID_HANDLE, "got error %d\n", WSAGetLastError());

    ret = begin_w(L"localhost", &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &handle);
    todo_wine ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (ret) return;
    ok(handle && handle != INVALID_HANDLE_VALUE && handle != STALE_HANDLE, "got handle %p\n", handle);

    /* Next without a place for the length. */
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, NULL, (WSAQUERYSETW *)buffer);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, (DWORD *)bad_page, (WSAQUERYSETW *)buffer);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    /* A result buffer that claims room it does not have. */
    len = 0x1000;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, (WSAQUERYSETW *)bad_page);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());

    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());

    /* An ended handle is no handle. */
    len = sizeof(buffer);
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, (WSAQUERYSETW *)buffer);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSA_INVALID_HANDLE, "got error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceEnd(handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSA_INVALID_HANDLE, "got error %d\n", WSAGetLastError());
}

/* ---- the NLA network list ---- */

/* Runs a network-list query to its end.  Begin takes it; Next ends the
 * list with WSA_E_NO_MORE and keeps saying so.  No networks are known
 * here, so the list is empty, but the loop would take any. */
static void check_network_list_(int line, const WSAQUERYSETW *restrictions, DWORD flags)
{
    char results[3072];
    HANDLE lookup = STALE_HANDLE;
    DWORD len;
    int ret, networks;

    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceBeginW((WSAQUERYSETW *)restrictions, flags, &lookup);
    /* Wine 8's builtin has WSALookupServiceBeginW as a stub that fails. */
    todo_wine ok_(__FILE__, line)(!ret, "Begin failed, error %d\n", WSAGetLastError());
    if (ret) return;
    ok_(__FILE__, line)(lookup && lookup != STALE_HANDLE && lookup != INVALID_HANDLE_VALUE, "got handle %p\n", lookup);

    for (networks = 0; networks < 32; networks++)
    {
        len = sizeof(results);
        if (WSALookupServiceNextW(lookup, 0, &len, (WSAQUERYSETW *)results)) break;
    }
    ok_(__FILE__, line)(networks < 32, "the list does not end\n");
    ok_(__FILE__, line)(WSAGetLastError() == WSA_E_NO_MORE, "list ended with error %d\n", WSAGetLastError());

    len = sizeof(results);
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(lookup, LUP_RETURN_NAME, &len, (WSAQUERYSETW *)results);
    ok_(__FILE__, line)(ret == SOCKET_ERROR, "Next after the end gave %d\n", ret);
    ok_(__FILE__, line)(WSAGetLastError() == WSA_E_NO_MORE, "got error %d after the end\n", WSAGetLastError());
    ok_(__FILE__, line)(!WSALookupServiceEnd(lookup), "End failed, error %d\n", WSAGetLastError());
}
#define check_network_list(restrictions, flags) check_network_list_(__LINE__, restrictions, flags)

static void test_network_list(void)
{
    WSAQUERYSETW qs;
    HANDLE handle;
    int ret;

    /* A query set that names no class goes to NLA, which lists the
     * networks (Wine's tests record Windows taking such a set; the NLA
     * documentation names the flags it honours: the LUP_RETURN_NAME,
     * _COMMENT, _BLOB and _ALL results, and LUP_DEEP). */
    memset(&qs, 0, sizeof(qs));
    qs.dwSize = sizeof(qs);
    check_network_list(&qs, LUP_RETURN_NAME | LUP_RETURN_BLOB);
    check_network_list(&qs, LUP_DEEP | LUP_RETURN_COMMENT);
    /* The same in NLA's own name space, or with NLA named as provider. */
    qs.dwNameSpace = NS_NLA;
    check_network_list(&qs, LUP_RETURN_NAME);
    qs.dwNameSpace = NS_ALL;
    qs.lpNSProviderId = &nla_provider;
    check_network_list(&qs, LUP_DEEP | LUP_RETURN_ALL);
    qs.lpNSProviderId = NULL;

    /* NLA's service class, in its name space or in all of them. */
    qs.lpServiceClassId = &nla_class;
    qs.dwNameSpace = NS_NLA;
    check_network_list(&qs, LUP_RETURN_BLOB);
    qs.dwNameSpace = NS_ALL;
    check_network_list(&qs, LUP_DEEP | LUP_RETURN_NAME);

    /* The DNS name space knows no such class. */
    WSASetLastError(UNSET_ERROR);
    ret = begin_w(NULL, &nla_class, NS_DNS, LUP_RETURN_NAME | LUP_RETURN_BLOB, NULL, 0, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSASERVICE_NOT_FOUND, "got error %d\n", WSAGetLastError());
}

/* ---- host names without DNS ---- */

/* "localhost" through gethostbyname's own query, every part returned. */
static void test_localhost(void)
{
    char *buffer;
    WSAQUERYSETW *qs;
    struct hostent *he;
    HANDLE handle;
    DWORD len, needed, i;
    int ret;

    ret = begin_w(L"localhost", &hostaddr_class, NS_DNS, LUP_RETURN_ALL, NULL, 0, &handle);
    todo_wine ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (ret) return;

    /* Too small: WSAEFAULT, the size needed, and the result stays. */
    len = 0;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, NULL);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    ok(len > sizeof(WSAQUERYSETW), "got size %lu\n", len);
    needed = len;

    buffer = HeapAlloc(GetProcessHeap(), 0, needed);
    len = needed - 1;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, (WSAQUERYSETW *)buffer);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    ok(len == needed, "got size %lu, expected %lu\n", len, needed);

    qs = (WSAQUERYSETW *)buffer;
    memset(buffer, 0x6b, needed);
    len = needed;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, qs);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    ok(qs->dwSize == sizeof(*qs), "got size %lu\n", qs->dwSize);
    ok(qs->lpszServiceInstanceName && !wcscmp(qs->lpszServiceInstanceName, L"localhost"),
       "got name %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
    ok(in_buffer(qs->lpszServiceInstanceName, buffer, needed), "name outside the buffer\n");
    ok(qs->lpServiceClassId && IsEqualGUID(qs->lpServiceClassId, &hostaddr_class), "got class %s\n",
       qs->lpServiceClassId ? wine_dbgstr_guid(qs->lpServiceClassId) : "(null)");
    ok(qs->dwNameSpace == NS_DNS, "got name space %lu\n", qs->dwNameSpace);
    ok(qs->lpNSProviderId && IsEqualGUID(qs->lpNSProviderId, &tcpip_provider), "got provider %s\n",
       qs->lpNSProviderId ? wine_dbgstr_guid(qs->lpNSProviderId) : "(null)");
    ok(!qs->dwOutputFlags, "got output flags %#lx\n", qs->dwOutputFlags);
    ok(!qs->lpszQueryString, "got query string %s\n", wine_dbgstr_w(qs->lpszQueryString));

    /* The loopback address, port 0, as a TCP endpoint with a wildcard local part. */
    ok(qs->dwNumberOfCsAddrs == 1, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
    ok(in_buffer(qs->lpcsaBuffer, buffer, needed), "addresses outside the buffer\n");
    for (i = 0; i < qs->dwNumberOfCsAddrs; i++)
    {
        const CSADDR_INFO *csa = &qs->lpcsaBuffer[i];
        const SOCKADDR_IN *remote = (const SOCKADDR_IN *)csa->RemoteAddr.lpSockaddr;
        const SOCKADDR_IN *local = (const SOCKADDR_IN *)csa->LocalAddr.lpSockaddr;

        ok(csa->iSocketType == SOCK_STREAM, "got type %d\n", csa->iSocketType);
        ok(csa->iProtocol == IPPROTO_TCP, "got protocol %d\n", csa->iProtocol);
        ok(csa->RemoteAddr.iSockaddrLength == sizeof(SOCKADDR_IN), "got length %d\n", csa->RemoteAddr.iSockaddrLength);
        ok(csa->LocalAddr.iSockaddrLength == sizeof(SOCKADDR_IN), "got length %d\n", csa->LocalAddr.iSockaddrLength);
        ok(in_buffer(remote, buffer, needed) && in_buffer(local, buffer, needed), "sockaddrs outside the buffer\n");
        ok(remote->sin_family == AF_INET, "got family %d\n", remote->sin_family);
        ok(remote->sin_addr.s_addr == htonl(INADDR_LOOPBACK), "got %s\n", addr_text((SOCKADDR *)remote));
        ok(!remote->sin_port, "got port %u\n", ntohs(remote->sin_port));
        ok(local->sin_family == AF_INET, "got family %d\n", local->sin_family);
        ok(!local->sin_addr.s_addr && !local->sin_port, "got local %s\n", addr_text((SOCKADDR *)local));
    }

    /* The hostent of gethostbyname, with offsets for pointers. */
    ok(qs->lpBlob != NULL, "no blob\n");
    if (qs->lpBlob)
    {
        ok(in_buffer(qs->lpBlob, buffer, needed), "blob outside the buffer\n");
        ok(in_buffer(qs->lpBlob->pBlobData, buffer, needed)
           && qs->lpBlob->pBlobData + qs->lpBlob->cbSize <= (BYTE *)buffer + needed, "blob data outside the buffer\n");
        ok(qs->lpBlob->cbSize >= sizeof(struct hostent), "got blob size %lu\n", qs->lpBlob->cbSize);
        he = unpack_hostent(qs->lpBlob);
        ok(!strcmp(he->h_name, "localhost"), "got %s\n", wine_dbgstr_a(he->h_name));
        ok(he->h_addrtype == AF_INET, "got type %d\n", he->h_addrtype);
        ok(he->h_length == 4, "got length %d\n", he->h_length);
        ok(!he->h_aliases[0], "got alias %s\n", wine_dbgstr_a(he->h_aliases[0]));
        ok(he->h_addr_list[0] && !he->h_addr_list[1], "expected one address\n");
        if (he->h_addr_list[0])
            ok(*(ULONG *)he->h_addr_list[0] == htonl(INADDR_LOOPBACK), "got %08lx\n", *(ULONG *)he->h_addr_list[0]);
        HeapFree(GetProcessHeap(), 0, he);
    }

    /* One result, then WSA_E_NO_MORE for good. */
    len = needed;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, qs);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSA_E_NO_MORE, "got error %d\n", WSAGetLastError());
    len = 0;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, NULL);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSA_E_NO_MORE, "got error %d\n", WSAGetLastError());
    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());
    HeapFree(GetProcessHeap(), 0, buffer);
}

/* What the flags of Begin and Next select. */
static void test_flags(void)
{
    char buffer[2048];
    WSAQUERYSETW *qs = (WSAQUERYSETW *)buffer;
    AFPROTOCOLS udp = { AF_INET, IPPROTO_UDP };
    WSAQUERYSETW query;
    HANDLE handle;
    DWORD len, size, err;
    int ret;

    /* Nothing asked for: only the fixed parts. */
    ret = begin_w(L"127.0.0.1", &hostaddr_class, NS_DNS, 0, NULL, 0, &handle);
    todo_wine ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (ret) return;
    len = sizeof(buffer);
    ret = WSALookupServiceNextW(handle, 0, &len, qs);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    ok(!qs->lpszServiceInstanceName, "got name %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
    ok(!qs->lpServiceClassId, "got a class\n");
    ok(!qs->dwNumberOfCsAddrs && !qs->lpcsaBuffer, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
    ok(!qs->lpBlob, "got a blob\n");
    ok(qs->dwNameSpace == NS_DNS, "got name space %lu\n", qs->dwNameSpace);
    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());

    /* Next's flags narrow what Begin asked for. */
    ret = begin_w(L"127.0.0.1", &hostaddr_class, NS_DNS, LUP_RETURN_NAME | LUP_RETURN_ADDR, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    len = sizeof(buffer);
    ret = WSALookupServiceNextW(handle, LUP_RETURN_NAME | LUP_RETURN_BLOB, &len, qs);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    ok(qs->lpszServiceInstanceName && !wcscmp(qs->lpszServiceInstanceName, L"127.0.0.1"),
       "got name %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
    ok(!qs->dwNumberOfCsAddrs, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
    ok(!qs->lpBlob, "got a blob Begin did not ask for\n");
    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());

    /* LUP_FLUSHPREVIOUS drops the result that did not fit. */
    ret = begin_w(L"127.0.0.1", &hostaddr_class, NS_DNS, LUP_RETURN_ALL, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    len = 8;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, 0, &len, qs);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    len = sizeof(buffer);
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextW(handle, LUP_FLUSHPREVIOUS, &len, qs);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSA_E_NO_MORE, "got error %d\n", WSAGetLastError());
    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());

    /* ...and drops nothing when nothing failed. */
    ret = begin_w(L"127.0.0.1", &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    len = sizeof(buffer);
    ret = WSALookupServiceNextW(handle, LUP_FLUSHPREVIOUS, &len, qs);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());

    /* LUP_RES_SERVICE puts the address in the local part. */
    qs = lookup_w(L"127.0.0.1", &hostaddr_class, LUP_RETURN_ADDR | LUP_RES_SERVICE, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 1, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
        ok(!strcmp(addr_text(qs->lpcsaBuffer[0].LocalAddr.lpSockaddr), "127.0.0.1"), "got local %s\n",
           addr_text(qs->lpcsaBuffer[0].LocalAddr.lpSockaddr));
        ok(!strcmp(addr_text(qs->lpcsaBuffer[0].RemoteAddr.lpSockaddr), "0.0.0.0"), "got remote %s\n",
           addr_text(qs->lpcsaBuffer[0].RemoteAddr.lpSockaddr));
        HeapFree(GetProcessHeap(), 0, qs);
    }

    /* A UDP restriction makes the addresses datagram endpoints. */
    qs = lookup_w(L"127.0.0.1", &hostaddr_class, LUP_RETURN_ADDR, &udp, 1, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 1, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
        ok(qs->lpcsaBuffer[0].iSocketType == SOCK_DGRAM, "got type %d\n", qs->lpcsaBuffer[0].iSocketType);
        ok(qs->lpcsaBuffer[0].iProtocol == IPPROTO_UDP, "got protocol %d\n", qs->lpcsaBuffer[0].iProtocol);
        HeapFree(GetProcessHeap(), 0, qs);
    }

    /* LUP_RETURN_QUERY_STRING gives the query string back. */
    memset(&query, 0, sizeof(query));
    query.dwSize = sizeof(query);
    query.lpszServiceInstanceName = (WCHAR *)L"127.0.0.1";
    query.lpServiceClassId = &hostaddr_class;
    query.lpszQueryString = (WCHAR *)L"some query";
    ret = WSALookupServiceBeginW(&query, LUP_RETURN_QUERY_STRING, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    qs = (WSAQUERYSETW *)buffer;
    len = sizeof(buffer);
    ret = WSALookupServiceNextW(handle, 0, &len, qs);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    ok(qs->lpszQueryString && !wcscmp(qs->lpszQueryString, L"some query"), "got %s\n",
       wine_dbgstr_w(qs->lpszQueryString));
    ok(in_buffer(qs->lpszQueryString, buffer, sizeof(buffer)), "query string outside the buffer\n");
    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());
}

/* Numeric strings, the local host, IPv6 and the A functions. */
static void test_local_names(void)
{
    AFPROTOCOLS v6 = { AF_INET6, IPPROTO_TCP }, both[2] = { { AF_INET, IPPROTO_TCP }, { AF_INET6, IPPROTO_TCP } };
    AFPROTOCOLS other = { AF_IRDA, 0 };
    WCHAR own_name[256];
    char buffer[2048];
    WSAQUERYSETA query, *qsa = (WSAQUERYSETA *)buffer;
    WSAQUERYSETW *qs;
    struct hostent *he;
    HANDLE handle;
    DWORD size, err, len;
    int ret;

    MultiByteToWideChar(CP_ACP, 0, host_name, -1, own_name, ARRAY_SIZE(own_name));

    /* An address string through SVCID_INET_HOSTADDRBYINETSTRING names
     * itself. */
    qs = lookup_w(L"192.0.2.55", &inetstring_class, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_BLOB,
                  NULL, 0, &size, &err);
    todo_wine ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (!qs) return;
    ok(!wcscmp(qs->lpszServiceInstanceName, L"192.0.2.55"), "got %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
    ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "192.0.2.55"), "address missing\n");
    HeapFree(GetProcessHeap(), 0, qs);

    /* A name is no address string: not found, when the answer is asked for. */
    ret = begin_w(L"localhost", &inetstring_class, NS_DNS, LUP_RETURN_ADDR, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        ok(next_error(handle) == WSASERVICE_NOT_FOUND, "got error %lu\n", next_error(handle));
        ok(!WSALookupServiceEnd(handle), "End failed\n");
    }

    /* The local host: no name, and gethostname's own query. */
    qs = lookup_w(NULL, &hostname_class, LUP_RETURN_NAME | LUP_RETURN_ADDR, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->lpszServiceInstanceName && !_wcsicmp(qs->lpszServiceInstanceName, own_name),
           "got %s, expected %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName), wine_dbgstr_a(host_name));
        ok(qs->dwNumberOfCsAddrs >= 1, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
        HeapFree(GetProcessHeap(), 0, qs);
    }
    qs = lookup_w(L"", &hostname_class, LUP_RETURN_NAME, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->lpszServiceInstanceName && !_wcsicmp(qs->lpszServiceInstanceName, own_name),
           "got %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
        HeapFree(GetProcessHeap(), 0, qs);
    }

    /* The machine's own name has addresses without DNS. */
    qs = lookup_w(own_name, &hostaddr_class, LUP_RETURN_ADDR, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup of %s failed, error %lu\n", wine_dbgstr_w(own_name), err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs >= 1, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
        ok(qs->lpcsaBuffer[0].RemoteAddr.lpSockaddr->sa_family == AF_INET, "got family %d\n",
           qs->lpcsaBuffer[0].RemoteAddr.lpSockaddr->sa_family);
        HeapFree(GetProcessHeap(), 0, qs);
    }

    /* IPv6: the protocol restrictions ask for it, or the AAAA class. */
    qs = lookup_w(L"localhost", &hostaddr_class, LUP_RETURN_ADDR | LUP_RETURN_BLOB, &v6, 1, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "::1"), "::1 missing\n");
        ok(qs->lpcsaBuffer[0].RemoteAddr.iSockaddrLength == sizeof(SOCKADDR_IN6), "got length %d\n",
           qs->lpcsaBuffer[0].RemoteAddr.iSockaddrLength);
        he = unpack_hostent(qs->lpBlob);
        ok(he->h_addrtype == AF_INET6 && he->h_length == 16, "got type %d length %d\n", he->h_addrtype, he->h_length);
        HeapFree(GetProcessHeap(), 0, he);
        HeapFree(GetProcessHeap(), 0, qs);
    }
    qs = lookup_w(L"localhost", &dns_aaaa_class, LUP_RETURN_ADDR, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "::1"), "::1 missing\n");
        HeapFree(GetProcessHeap(), 0, qs);
    }
    qs = lookup_w(L"localhost", &dns_a_class, LUP_RETURN_ADDR, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "127.0.0.1"), "127.0.0.1 missing\n");
        HeapFree(GetProcessHeap(), 0, qs);
    }
    qs = lookup_w(L"localhost", &hostaddr_class, LUP_RETURN_ADDR | LUP_RETURN_BLOB, both, 2, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 2, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
        ok(has_remote(qs, "::1") && has_remote(qs, "127.0.0.1"), "loopback addresses missing\n");
        /* A hostent holds one family: IPv4 when there is any. */
        he = unpack_hostent(qs->lpBlob);
        ok(he->h_addrtype == AF_INET, "got type %d\n", he->h_addrtype);
        ok(he->h_addr_list[0] && !he->h_addr_list[1], "expected one address\n");
        HeapFree(GetProcessHeap(), 0, he);
        HeapFree(GetProcessHeap(), 0, qs);
    }
    /* Only protocols of other families: the Tcpip provider has nothing. */
    WSASetLastError(UNSET_ERROR);
    ret = begin_w(L"localhost", &hostaddr_class, NS_DNS, LUP_RETURN_ADDR, &other, 1, &handle);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSASERVICE_NOT_FOUND, "got error %d\n", WSAGetLastError());
    /* An IPv6 string is no IPv4 host. */
    ret = begin_w(L"::1", &hostaddr_class, NS_DNS, LUP_RETURN_ADDR, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        err = next_error(handle);
        ok(err == WSASERVICE_NOT_FOUND, "got error %lu\n", err);
        ok(!WSALookupServiceEnd(handle), "End failed\n");
    }

    /* The A functions: the same, in char strings. */
    memset(&query, 0, sizeof(query));
    query.dwSize = sizeof(query);
    query.lpszServiceInstanceName = (char *)"localhost";
    query.lpServiceClassId = &hostaddr_class;
    query.lpszQueryString = (char *)"ansi query";
    ret = WSALookupServiceBeginA(&query, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_QUERY_STRING, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    len = 0;
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextA(handle, 0, &len, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "got %d, error %d\n", ret, WSAGetLastError());
    ok(len > sizeof(WSAQUERYSETA) && len <= sizeof(buffer), "got size %lu\n", len);
    len = sizeof(buffer);
    ret = WSALookupServiceNextA(handle, 0, &len, qsa);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    ok(qsa->lpszServiceInstanceName && !strcmp(qsa->lpszServiceInstanceName, "localhost"),
       "got %s\n", wine_dbgstr_a(qsa->lpszServiceInstanceName));
    ok(qsa->lpszQueryString && !strcmp(qsa->lpszQueryString, "ansi query"),
       "got %s\n", wine_dbgstr_a(qsa->lpszQueryString));
    ok(qsa->dwNumberOfCsAddrs == 1, "got %lu addresses\n", qsa->dwNumberOfCsAddrs);
    WSASetLastError(UNSET_ERROR);
    ret = WSALookupServiceNextA(handle, 0, &len, qsa);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_E_NO_MORE, "got %d, error %d\n", ret, WSAGetLastError());
    ok(!WSALookupServiceEnd(handle), "End failed, error %d\n", WSAGetLastError());
}

/* Address to name: SVCID_DNS_TYPE_PTR with the in-addr.arpa name, as
 * Windows' own reverse lookups ask it. */
static void test_reverse_local(void)
{
    static const struct
    {
        const WCHAR *name;
        const char *addr;
    }
    names[] =
    {
        { L"1.0.0.127.in-addr.arpa", "127.0.0.1" },
        { L"1.0.0.127.IN-ADDR.ARPA.", "127.0.0.1" },
        { L"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa", "::1" },
        /* The SPI documentation's form: the address text itself. */
        { L"127.0.0.1", "127.0.0.1" },
    };
    WSAQUERYSETW *qs;
    struct hostent *he;
    DWORD size, err;
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(names); i++)
    {
        BOOL v6 = !!strchr(names[i].addr, ':');

        winetest_push_context("%s", wine_dbgstr_w(names[i].name));
        qs = lookup_w(names[i].name, &dns_ptr_class, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_BLOB,
                      NULL, 0, &size, &err);
        todo_wine ok(qs != NULL, "lookup failed, error %lu\n", err);
        if (qs)
        {
            char name[256];

            /* Windows names its loopback addresses after itself. */
            WideCharToMultiByte(CP_ACP, 0, qs->lpszServiceInstanceName, -1, name, sizeof(name), NULL, NULL);
            ok(!_stricmp(name, host_name), "got %s, expected %s\n", wine_dbgstr_a(name), wine_dbgstr_a(host_name));
            ok(qs->dwNumberOfCsAddrs == 1, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
            ok(has_remote(qs, names[i].addr), "address missing\n");
            he = unpack_hostent(qs->lpBlob);
            ok(he->h_addrtype == (v6 ? AF_INET6 : AF_INET), "got type %d\n", he->h_addrtype);
            ok(!_stricmp(he->h_name, host_name), "got %s\n", wine_dbgstr_a(he->h_name));
            HeapFree(GetProcessHeap(), 0, he);
            HeapFree(GetProcessHeap(), 0, qs);
        }
        winetest_pop_context();
    }
}

/* ---- threads ---- */

struct next_params
{
    HANDLE handle;
    HANDLE started;
    DWORD error;
};

static DWORD WINAPI next_thread(void *arg)
{
    struct next_params *p = arg;
    char buffer[2048];
    DWORD len = sizeof(buffer);

    SetEvent(p->started);
    WSASetLastError(0);
    if (WSALookupServiceNextW(p->handle, 0, &len, (WSAQUERYSETW *)buffer)) p->error = WSAGetLastError();
    else p->error = 0;
    return 0;
}

/* A handle works from any thread; ending it while another thread is in
 * Next cancels that Next (WSA_E_CANCELLED) or finds it done. */
static void test_threads(const WCHAR *name)
{
    struct next_params params;
    HANDLE thread;
    unsigned int i;
    int ret;

    params.started = CreateEventW(NULL, FALSE, FALSE, NULL);
    ret = begin_w(name, &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &params.handle);
    todo_wine ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (ret)
    {
        CloseHandle(params.started);
        return;
    }
    thread = CreateThread(NULL, 0, next_thread, &params, 0, NULL);
    ok(!WaitForSingleObject(thread, 10000), "Next did not return\n");
    CloseHandle(thread);
    ok(!params.error, "Next in another thread failed, error %lu\n", params.error);
    ok(!WSALookupServiceEnd(params.handle), "End failed, error %d\n", WSAGetLastError());

    for (i = 0; i < 20; i++)
    {
        ret = begin_w(name, &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &params.handle);
        ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
        if (ret) break;
        thread = CreateThread(NULL, 0, next_thread, &params, 0, NULL);
        WaitForSingleObject(params.started, 10000);
        ok(!WSALookupServiceEnd(params.handle), "End failed, error %d\n", WSAGetLastError());
        ok(!WaitForSingleObject(thread, 10000), "Next did not return\n");
        CloseHandle(thread);
        ok(!params.error || params.error == WSA_E_CANCELLED || params.error == WSA_INVALID_HANDLE,
           "got error %lu\n", params.error);
    }
    CloseHandle(params.started);
}

/* ---- names from the test DNS responder ---- */

/* slow.ws2.test is answered 3 s late: End cuts a Next waiting for it
 * short, and an uncut one gets the answer. */
static void test_cancel(void)
{
    struct next_params params;
    DWORD start, elapsed;
    HANDLE thread;
    int ret;

    params.started = CreateEventW(NULL, FALSE, FALSE, NULL);
    ret = begin_w(L"slow.ws2.test", &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &params.handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        thread = CreateThread(NULL, 0, next_thread, &params, 0, NULL);
        WaitForSingleObject(params.started, 10000);
        Sleep(300);
        ok(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT, "Next did not wait for DNS\n");
        start = GetTickCount();
        ok(!WSALookupServiceEnd(params.handle), "End failed, error %d\n", WSAGetLastError());
        ok(!WaitForSingleObject(thread, 10000), "Next did not return\n");
        elapsed = GetTickCount() - start;
        CloseHandle(thread);
        ok(params.error == WSA_E_CANCELLED, "got error %lu\n", params.error);
        ok(elapsed < 1500, "Next returned %lu ms after End\n", elapsed);
    }

    ret = begin_w(L"slow.ws2.test", &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &params.handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        ok(!next_error(params.handle), "Next failed\n");
        ok(!WSALookupServiceEnd(params.handle), "End failed, error %d\n", WSAGetLastError());
    }
    CloseHandle(params.started);
}

static void test_dns(void)
{
    AFPROTOCOLS both[2] = { { AF_INET, IPPROTO_TCP }, { AF_INET6, IPPROTO_TCP } };
    char buffer[2048];
    WSAQUERYSETW *qs;
    struct hostent *he;
    HANDLE handle;
    DWORD size, err, len;
    int ret;

    if (!have_dns)
    {
        skip("WS2_TEST_DNS is not set; run under tools/with-dns\n");
        return;
    }

    qs = lookup_w(L"v4.ws2.test", &hostaddr_class, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_BLOB,
                  NULL, 0, &size, &err);
    todo_wine ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (!qs) return;
    ok(!wcscmp(qs->lpszServiceInstanceName, L"v4.ws2.test"), "got %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
    ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "192.0.2.1"), "192.0.2.1 missing\n");
    he = unpack_hostent(qs->lpBlob);
    ok(!strcmp(he->h_name, "v4.ws2.test"), "got %s\n", wine_dbgstr_a(he->h_name));
    ok(he->h_addr_list[0] && *(ULONG *)he->h_addr_list[0] == inet_addr("192.0.2.1"), "wrong address\n");
    HeapFree(GetProcessHeap(), 0, he);
    HeapFree(GetProcessHeap(), 0, qs);

    qs = lookup_w(L"multi.ws2.test", &hostaddr_class, LUP_RETURN_ADDR | LUP_RETURN_BLOB, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 2, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
        ok(has_remote(qs, "192.0.2.10") && has_remote(qs, "192.0.2.11"), "addresses missing\n");
        he = unpack_hostent(qs->lpBlob);
        ok(he->h_addr_list[0] && he->h_addr_list[1] && !he->h_addr_list[2], "expected two addresses\n");
        HeapFree(GetProcessHeap(), 0, he);
        HeapFree(GetProcessHeap(), 0, qs);
    }

    /* An IPv6-only name has no IPv4 data...  (Wine 8.0's dnsapi, which
     * both test runs use, reports such an answer as a name error.) */
    ret = begin_w(L"v6.ws2.test", &hostaddr_class, NS_DNS, LUP_RETURN_ADDR, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        err = next_error(handle);
        ok(err == WSANO_DATA || (wine_dnsapi && err == WSASERVICE_NOT_FOUND), "got error %lu\n", err);
        /* ...and says so again. */
        ok(next_error(handle) == err, "got error %lu\n", next_error(handle));
        ok(!WSALookupServiceEnd(handle), "End failed\n");
    }
    qs = lookup_w(L"v6.ws2.test", &dns_aaaa_class, LUP_RETURN_ADDR | LUP_RETURN_BLOB, NULL, 0, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "2001:db8::1"), "2001:db8::1 missing\n");
        he = unpack_hostent(qs->lpBlob);
        ok(he->h_addrtype == AF_INET6, "got type %d\n", he->h_addrtype);
        HeapFree(GetProcessHeap(), 0, he);
        HeapFree(GetProcessHeap(), 0, qs);
    }

    qs = lookup_w(L"dual.ws2.test", &hostaddr_class, LUP_RETURN_ADDR, both, 2, &size, &err);
    ok(qs != NULL, "lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(qs->dwNumberOfCsAddrs == 2, "got %lu addresses\n", qs->dwNumberOfCsAddrs);
        ok(has_remote(qs, "192.0.2.20") && has_remote(qs, "2001:db8::20"), "addresses missing\n");
        HeapFree(GetProcessHeap(), 0, qs);
    }

    /* A CNAME: the canonical name first, the alias in a result of its own. */
    ret = begin_w(L"alias.ws2.test", &hostaddr_class, NS_DNS, LUP_RETURN_ALL, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        qs = (WSAQUERYSETW *)buffer;
        len = sizeof(buffer);
        ret = WSALookupServiceNextW(handle, 0, &len, qs);
        ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
        ok(!wcscmp(qs->lpszServiceInstanceName, L"dual.ws2.test"), "got %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
        ok(!qs->dwOutputFlags, "got flags %#lx\n", qs->dwOutputFlags);
        ok(has_remote(qs, "192.0.2.20"), "192.0.2.20 missing\n");
        he = unpack_hostent(qs->lpBlob);
        ok(he->h_aliases[0] && !strcmp(he->h_aliases[0], "alias.ws2.test"), "got alias %s\n",
           wine_dbgstr_a(he->h_aliases[0]));
        HeapFree(GetProcessHeap(), 0, he);
        len = sizeof(buffer);
        ret = WSALookupServiceNextW(handle, 0, &len, qs);
        ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
        ok(!wcscmp(qs->lpszServiceInstanceName, L"alias.ws2.test"), "got %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
        ok(qs->dwOutputFlags == RESULT_IS_ALIAS, "got flags %#lx\n", qs->dwOutputFlags);
        ok(!qs->dwNumberOfCsAddrs && !qs->lpBlob, "an alias result carries addresses\n");
        len = sizeof(buffer);
        WSASetLastError(UNSET_ERROR);
        ret = WSALookupServiceNextW(handle, 0, &len, qs);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSA_E_NO_MORE, "got %d, error %d\n", ret, WSAGetLastError());
        ok(!WSALookupServiceEnd(handle), "End failed\n");
    }
    /* Without LUP_RETURN_ALIASES there is one result. */
    ret = begin_w(L"alias.ws2.test", &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        ok(!next_error(handle), "Next failed\n");
        ok(next_error(handle) == WSA_E_NO_MORE, "a second result\n");
        ok(!WSALookupServiceEnd(handle), "End failed\n");
    }

    /* A name that does not exist is a service not found. */
    ret = begin_w(L"nx.ws2.test", &hostaddr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        err = next_error(handle);
        ok(err == WSASERVICE_NOT_FOUND, "got error %lu\n", err);
        ok(!WSALookupServiceEnd(handle), "End failed\n");
    }

    qs = lookup_w(L"1.2.0.192.in-addr.arpa", &dns_ptr_class, LUP_RETURN_NAME | LUP_RETURN_ADDR, NULL, 0, &size, &err);
    ok(qs != NULL, "reverse lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(!wcscmp(qs->lpszServiceInstanceName, L"v4.ws2.test"), "got %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
        ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "192.0.2.1"), "192.0.2.1 missing\n");
        HeapFree(GetProcessHeap(), 0, qs);
    }
    ret = begin_w(L"99.2.0.192.in-addr.arpa", &dns_ptr_class, NS_DNS, LUP_RETURN_NAME, NULL, 0, &handle);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    if (!ret)
    {
        err = next_error(handle);
        ok(err == WSASERVICE_NOT_FOUND || err == WSANO_DATA, "got error %lu\n", err);
        ok(!WSALookupServiceEnd(handle), "End failed\n");
    }

    qs = lookup_w(L"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", &dns_ptr_class,
                  LUP_RETURN_NAME | LUP_RETURN_ADDR, NULL, 0, &size, &err);
    ok(qs != NULL, "reverse lookup failed, error %lu\n", err);
    if (qs)
    {
        ok(!wcscmp(qs->lpszServiceInstanceName, L"v6.ws2.test"), "got %s\n", wine_dbgstr_w(qs->lpszServiceInstanceName));
        ok(qs->dwNumberOfCsAddrs == 1 && has_remote(qs, "2001:db8::1"), "2001:db8::1 missing\n");
        HeapFree(GetProcessHeap(), 0, qs);
    }

    test_threads(L"multi.ws2.test");
    test_cancel();
}

START_TEST(nsp)
{
    WSADATA wsa;

    bad_page = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_NOACCESS);
    have_dns = GetEnvironmentVariableA("WS2_TEST_DNS", NULL, 0) > 0;
    wine_dnsapi = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;

    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &wsa), "WSAStartup failed\n");
    ok(!gethostname(host_name, sizeof(host_name)), "gethostname failed\n");
    test_enum_providers();
    test_begin_params();
    test_handles();
    test_network_list();
    test_localhost();
    test_flags();
    test_local_names();
    test_reverse_local();
    test_threads(L"localhost");
    test_dns();
    WSACleanup();
}
