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

/* Rules of WSASetService: the installed provider of the name space is
 * asked; DNS registration is a documented no-op; a name space nobody has,
 * or a bad operation, is WSAEINVAL. */
static void test_set_service(void)
{
    LONG (WINAPI *get_sets)(void) = (void *)GetProcAddress(GetModuleHandleW(L"testnsp.dll"), "nsp_get_sets");
    WSAQUERYSETW q;
    WSAQUERYSETA qa;
    LONG before;
    int rc;

    ok(get_sets != NULL, "the provider is not loaded\n");
    if (!get_sets) return;
    before = get_sets();
    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (WCHAR *)L"lime.wstest";
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_WSTEST;
    rc = WSASetServiceW(&q, RNRSERVICE_REGISTER, 0);
    ok(!rc, "register: %d, error %d\n", rc, WSAGetLastError());
    ok(get_sets() == before + 1, "the provider was asked %ld times\n", get_sets() - before);
    rc = WSASetServiceW(&q, RNRSERVICE_DELETE, 0);
    ok(!rc, "delete: %d, error %d\n", rc, WSAGetLastError());
    rc = WSASetServiceW(&q, (WSAESETSERVICEOP)7, 0);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "bad operation: %d, error %d\n", rc, WSAGetLastError());

    q.dwNameSpace = NS_DNS;
    rc = WSASetServiceW(&q, RNRSERVICE_REGISTER, 0);
    ok(!rc, "DNS register: %d, error %d\n", rc, WSAGetLastError());
    q.dwNameSpace = NS_WSTEST + 1;
    rc = WSASetServiceW(&q, RNRSERVICE_REGISTER, 0);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "unknown name space: %d, error %d\n", rc,
       WSAGetLastError());
    q.dwNameSpace = NS_WSTEST;
    q.lpszServiceInstanceName = NULL;
    rc = WSASetServiceW(&q, RNRSERVICE_REGISTER, 0);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no name: %d, error %d\n", rc, WSAGetLastError());

    memset(&qa, 0, sizeof(qa));
    qa.dwSize = sizeof(qa);
    qa.lpszServiceInstanceName = (char *)"olive.wstest";
    qa.lpServiceClassId = &hostname_class;
    qa.dwNameSpace = NS_WSTEST;
    before = get_sets();
    rc = WSASetServiceA(&qa, RNRSERVICE_DEREGISTER, 0);
    ok(!rc && get_sets() == before + 1, "ANSI deregister: %d, error %d\n", rc, WSAGetLastError());
}

/* Rules of WSANSPIoctl: an unknown lookup handle is WSA_INVALID_HANDLE; a
 * provider without the call (ours, and the test provider) is
 * WSAEOPNOTSUPP. */
static void test_nsp_ioctl(void)
{
    WSAQUERYSETW q;
    DWORD got = 0;
    HANDLE h;
    int rc;

    rc = WSANSPIoctl((HANDLE)0x5a5a0, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &got, NULL);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSA_INVALID_HANDLE, "bad handle: %d, error %d\n", rc,
       WSAGetLastError());
    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (WCHAR *)L"pear.wstest";
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_WSTEST;
    if (WSALookupServiceBeginW(&q, LUP_RETURN_ADDR, &h)) return;
    rc = WSANSPIoctl(h, SIO_NSP_NOTIFY_CHANGE, NULL, 0, NULL, 0, &got, NULL);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "no NSPIoctl: %d, error %d\n", rc,
       WSAGetLastError());
    WSALookupServiceEnd(h);
}

/* Service classes: installed once (WSAEALREADY after), named, read back
 * per provider name space, removed (WSATYPE_NOT_FOUND after). */
static GUID class_id = { 0x2b7c9e10, 0x6a43, 0x4d0e, { 0x8f, 0x51, 0x03, 0xc6, 0x7d, 0x9a, 0x22, 0x4e } };

static void test_service_classes(void)
{
    static DWORD port = 4719;
    WSANSCLASSINFOW infos[2];
    WSASERVICECLASSINFOW info;
    union { WSASERVICECLASSINFOW w; WSASERVICECLASSINFOA a; BYTE bytes[512]; } out;
    WCHAR name[32];
    char aname[32];
    DWORD len;
    int rc;

    WSARemoveServiceClass(&class_id);
    memset(infos, 0, sizeof(infos));
    infos[0].lpszName = (WCHAR *)L"WsTestPort";
    infos[0].dwNameSpace = NS_WSTEST;
    infos[0].dwValueType = REG_DWORD;
    infos[0].dwValueSize = sizeof(port);
    infos[0].lpValue = &port;
    infos[1].lpszName = (WCHAR *)L"DnsSide";
    infos[1].dwNameSpace = NS_DNS;
    infos[1].dwValueType = REG_DWORD;
    infos[1].dwValueSize = sizeof(port);
    infos[1].lpValue = &port;
    info.lpServiceClassId = &class_id;
    info.lpszServiceClassName = (WCHAR *)L"wstest-class";
    info.dwCount = 2;
    info.lpClassInfos = infos;
    rc = WSAInstallServiceClassW(&info);
    ok(!rc, "install: %d, error %d\n", rc, WSAGetLastError());
    rc = WSAInstallServiceClassW(&info);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEALREADY, "again: %d, error %d\n", rc, WSAGetLastError());
    info.lpszServiceClassName = NULL;
    rc = WSAInstallServiceClassW(&info);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no name: %d, error %d\n", rc, WSAGetLastError());

    len = 3;
    rc = WSAGetServiceClassNameByClassIdW(&class_id, name, &len);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == 13, "small: %d, error %d, len %lu\n", rc,
       WSAGetLastError(), len);
    len = ARRAYSIZE(name);
    rc = WSAGetServiceClassNameByClassIdW(&class_id, name, &len);
    ok(!rc && !lstrcmpW(name, L"wstest-class"), "name: %d, error %d\n", rc, WSAGetLastError());
    len = sizeof(aname);
    rc = WSAGetServiceClassNameByClassIdA(&class_id, aname, &len);
    ok(!rc && !strcmp(aname, "wstest-class"), "ANSI name: %d, error %d\n", rc, WSAGetLastError());

    /* Our provider's view holds only its own name space's value. */
    len = sizeof(out);
    rc = WSAGetServiceClassInfoW((GUID *)&nsp_guid, &class_id, &len, &out.w);
    ok(!rc, "class info: %d, error %d\n", rc, WSAGetLastError());
    ok(!rc && out.w.dwCount == 1 && out.w.lpClassInfos[0].dwNameSpace == NS_WSTEST &&
       *(DWORD *)out.w.lpClassInfos[0].lpValue == port && !lstrcmpW(out.w.lpClassInfos[0].lpszName, L"WsTestPort"),
       "wrong class info\n");
    len = 8;
    rc = WSAGetServiceClassInfoA((GUID *)&nsp_guid, &class_id, &len, &out.a);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len > 8, "small: %d, error %d, len %lu\n", rc,
       WSAGetLastError(), len);
    rc = WSAGetServiceClassInfoA((GUID *)&nsp_guid, &class_id, &len, &out.a);
    ok(!rc && !strcmp(out.a.lpszServiceClassName, "wstest-class"), "ANSI class info: %d, error %d\n", rc,
       WSAGetLastError());
    rc = WSAGetServiceClassInfoW(&class_id, &class_id, &len, &out.w);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "unknown provider: %d, error %d\n", rc,
       WSAGetLastError());

    ok(!WSARemoveServiceClass(&class_id), "remove failed: %d\n", WSAGetLastError());
    rc = WSARemoveServiceClass(&class_id);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSATYPE_NOT_FOUND, "again: %d, error %d\n", rc, WSAGetLastError());
    len = ARRAYSIZE(name);
    rc = WSAGetServiceClassNameByClassIdW(&class_id, name, &len);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSANO_DATA, "removed: %d, error %d\n", rc, WSAGetLastError());
}

/* Rules of WSAAdvertiseProvider: the three lookup entries are required;
 * the provider must be in the catalog; while advertised it answers
 * lookups for its id (names ending in ".v2test": 127.0.0.9); unadvertising
 * twice fails.  Its calls are synchronous: Windows makes no asynchronous
 * calls to version-2 providers (documented with
 * WSAProviderCompleteAsyncCall). */
static LONG v2_startups, v2_ends;
static int v2_answered;

static INT WSAAPI v2_startup(LPGUID id, LPVOID *session)
{
    InterlockedIncrement(&v2_startups);
    *session = (void *)0x5e55;
    return 0;
}

static INT WSAAPI v2_begin(LPGUID id, LPWSAQUERYSET2W q, DWORD flags, LPVOID session, LPHANDLE h)
{
    const WCHAR *name = (const WCHAR *)q->lpszServiceInstanceName;
    int len = name ? lstrlenW(name) : 0;

    if (session != (void *)0x5e55 || len < 8 || lstrcmpW(name + len - 7, L".v2test"))
    {
        WSASetLastError(WSASERVICE_NOT_FOUND);
        return SOCKET_ERROR;
    }
    v2_answered = 0;
    *h = (HANDLE)0x2b2b;
    return 0;
}

static INT WSAAPI v2_next(HANDLE call, HANDLE h, DWORD flags, LPDWORD len, LPWSAQUERYSET2W r)
{
    struct
    {
        WSAQUERYSET2W set;
        CSADDR_INFO addr;
        struct sockaddr_in remote;
    } *out = (void *)r;

    if (v2_answered)
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
    out->remote.sin_family = AF_INET;
    out->remote.sin_addr.s_addr = htonl(0x7f000009);
    out->addr.RemoteAddr.lpSockaddr = (struct sockaddr *)&out->remote;
    out->addr.RemoteAddr.iSockaddrLength = sizeof(out->remote);
    out->set.dwSize = sizeof(out->set);
    out->set.dwNumberOfCsAddrs = 1;
    out->set.lpcsaBuffer = &out->addr;
    v2_answered = 1;
    return 0;
}

static INT WSAAPI v2_end(HANDLE h)
{
    InterlockedIncrement(&v2_ends);
    return 0;
}

/* A lookup of name by our provider id; 0 with the first address, or the error. */
static int lookup_by_id(const WCHAR *name, ULONG *address)
{
    union { WSAQUERYSETW set; BYTE bytes[1024]; } out;
    WSAQUERYSETW q;
    HANDLE h;
    DWORD len = sizeof(out);
    int rc, err;

    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = (WCHAR *)name;
    q.lpServiceClassId = &hostname_class;
    q.dwNameSpace = NS_ALL;
    q.lpNSProviderId = (GUID *)&nsp_guid;
    if (WSALookupServiceBeginW(&q, LUP_RETURN_ADDR, &h)) return WSAGetLastError();
    rc = WSALookupServiceNextW(h, 0, &len, &out.set);
    err = rc ? WSAGetLastError() : 0;
    if (!rc) *address = first_address(&out.set) ? first_address(&out.set)->sin_addr.s_addr : 0;
    WSALookupServiceEnd(h);
    return err;
}

static void test_advertise(void)
{
    static const GUID stranger = { 0x11e3a5c7, 0x0b62, 0x4f9d, { 0xa4, 0x38, 0x6d, 0x90, 0x1f, 0x2c, 0x77, 0x05 } };
    NSPV2_ROUTINE routine;
    LPCNSPV2_ROUTINE ptr = &routine;
    ULONG address;
    int rc;

    memset(&routine, 0, sizeof(routine));
    routine.cbSize = sizeof(routine);
    routine.NSPv2LookupServiceBegin = v2_begin;
    routine.NSPv2LookupServiceNextEx = v2_next;
    /* MinGW-w64 spells the second parameter as a pointer to the pointer;
     * the documented argument is the structure's address. */
    rc = WSAAdvertiseProvider(&nsp_guid, (const LPCNSPV2_ROUTINE *)ptr);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no End: %d, error %d\n", rc, WSAGetLastError());
    routine.NSPv2LookupServiceEnd = v2_end;
    rc = WSAAdvertiseProvider(NULL, (const LPCNSPV2_ROUTINE *)ptr);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "no id: %d, error %d\n", rc, WSAGetLastError());
    rc = WSAAdvertiseProvider(&stranger, (const LPCNSPV2_ROUTINE *)ptr);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVALIDPROVIDER, "stranger: %d, error %d\n", rc,
       WSAGetLastError());
    routine.NSPv2Startup = v2_startup;
    rc = WSAAdvertiseProvider(&nsp_guid, (const LPCNSPV2_ROUTINE *)ptr);
    ok(!rc, "advertise: %d, error %d\n", rc, WSAGetLastError());
    address = 0;
    rc = lookup_by_id(L"berry.v2test", &address);
    ok(!rc && address == htonl(0x7f000009), "advertised lookup: %d, address %#lx\n", rc, address);
    ok(v2_startups == 1 && v2_ends == 1, "startups %ld, ends %ld\n", v2_startups, v2_ends);
    ok(!WSAUnadvertiseProvider(&nsp_guid), "unadvertise failed: %d\n", WSAGetLastError());
    rc = lookup_by_id(L"berry.v2test", &address);
    ok(rc == WSASERVICE_NOT_FOUND, "after unadvertising: %d\n", rc);
    rc = WSAUnadvertiseProvider(&nsp_guid);
    ok(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVALIDPROVIDER, "again: %d, error %d\n", rc,
       WSAGetLastError());
}

/* Rule: GetAddrInfoEx asks the installed provider of its name space (or
 * provider id); getaddrinfo (NS_ALL) does when DNS does not know the
 * name. */
static void test_addrinfo(void)
{
    ADDRINFOEXW *res = NULL;
    ADDRINFOA *ares = NULL, hints;
    int rc;

    rc = GetAddrInfoExW(L"mango.wstest", NULL, NS_WSTEST, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    ok(!rc && res && res->ai_family == AF_INET &&
       ((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr == htonl(0x7f000005), "by name space: %d\n", rc);
    if (res) FreeAddrInfoExW(res);
    res = NULL;
    rc = GetAddrInfoExW(L"nut.wstest", L"4411", NS_ALL, (GUID *)&nsp_guid, NULL, &res, NULL, NULL, NULL, NULL);
    ok(!rc && res && ((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr == htonl(0x7f000003) &&
       ((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(4411), "by provider: %d\n", rc);
    if (res) FreeAddrInfoExW(res);

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    rc = getaddrinfo("papaya.wstest", NULL, &hints, &ares);
    ok(!rc && ares && ((SOCKADDR_IN *)ares->ai_addr)->sin_addr.s_addr == htonl(0x7f000006), "NS_ALL: %d\n", rc);
    if (ares) freeaddrinfo(ares);
    ares = NULL;
    /* A name the provider does not answer stays unknown. */
    rc = getaddrinfo("papaya.elsewhere.wstestx", NULL, &hints, &ares);
    ok(rc == WSAHOST_NOT_FOUND, "unknown name: %d\n", rc);
    if (ares) freeaddrinfo(ares);
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
        test_set_service();
        test_nsp_ioctl();
        test_service_classes();
        test_advertise();
        test_addrinfo();
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
        {
            ADDRINFOEXW *res = NULL;

            rc = GetAddrInfoExW(L"mango.wstest", NULL, NS_WSTEST, NULL, NULL, &res, NULL, NULL, NULL, NULL);
            ok(rc == WSASERVICE_NOT_FOUND, "GetAddrInfoExW after removal: %d\n", rc);
            if (res) FreeAddrInfoExW(res);
        }
    }
    WSACleanup();
}
