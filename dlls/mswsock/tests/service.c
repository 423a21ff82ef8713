/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The nspapi.h name service API of mswsock: GetTypeByName/GetNameByType
 * (svcguid.h's TCP/UDP port GUIDs), EnumProtocols (PROTOCOL_INFO),
 * GetAddressByName, GetService and SetService.
 */
#include "mswsock_test.h"

typedef INT (WINAPI *type_by_name_a_fn)(char *, GUID *);
typedef INT (WINAPI *type_by_name_w_fn)(WCHAR *, GUID *);
typedef INT (WINAPI *name_by_type_a_fn)(GUID *, char *, DWORD);
typedef INT (WINAPI *name_by_type_w_fn)(GUID *, WCHAR *, DWORD);
typedef INT (WINAPI *enum_protocols_fn)(INT *, void *, DWORD *);
typedef INT (WINAPI *address_by_name_fn)(DWORD, GUID *, char *, INT *, DWORD, SERVICE_ASYNC_INFO *,
                                         void *, DWORD *, char *, DWORD *);
typedef INT (WINAPI *get_service_fn)(DWORD, GUID *, char *, DWORD, void *, DWORD *, SERVICE_ASYNC_INFO *);
typedef INT (WINAPI *set_service_fn)(DWORD, DWORD, DWORD, SERVICE_INFOA *, SERVICE_ASYNC_INFO *, DWORD *);

/* svcguid.h: SVCID_TCP(port) and SVCID_UDP(port) */
static void port_guid(GUID *g, BOOL udp, USHORT port)
{
    static const GUID tcp0 = SVCID_TCP(0), udp0 = SVCID_UDP(0);

    *g = udp ? udp0 : tcp0;
    g->Data1 |= port;
}

/* Rule: a service of the services database names its port's GUID, TCP
 * first, UDP when it only has UDP; an unknown name is
 * ERROR_SERVICE_DOES_NOT_EXIST. */
static void test_type_by_name(void)
{
    type_by_name_a_fn by_name_a = msw_real("GetTypeByNameA");
    type_by_name_w_fn by_name_w = msw_real("GetTypeByNameW");
    GUID got, want;
    int ret;

    if (!by_name_a || !by_name_w) return;
    memset(&got, 0x5a, sizeof(got));
    ok(!by_name_a((char *)"smtp", &got), "smtp failed: %lu\n", GetLastError());
    port_guid(&want, FALSE, 25);
    ok(IsEqualGUID(&got, &want), "smtp: %s\n", wine_dbgstr_guid(&got));

    ok(!by_name_a((char *)"tftp", &got), "tftp failed: %lu\n", GetLastError());
    port_guid(&want, TRUE, 69);
    ok(IsEqualGUID(&got, &want), "tftp: %s\n", wine_dbgstr_guid(&got));

    ok(!by_name_w((WCHAR *)L"pop3", &got), "pop3 failed: %lu\n", GetLastError());
    port_guid(&want, FALSE, 110);
    ok(IsEqualGUID(&got, &want), "pop3: %s\n", wine_dbgstr_guid(&got));

    /* Rule: a pointer that cannot be used is WSAEFAULT */
    SetLastError(0);
    ret = by_name_a((char *)"smtp", NULL);
    ok(ret == SOCKET_ERROR && GetLastError() == WSAEFAULT, "NULL GUID: %d, %lu\n", ret, GetLastError());
    SetLastError(0);
    ret = by_name_w(NULL, &got);
    ok(ret == SOCKET_ERROR && GetLastError() == WSAEFAULT, "NULL name: %d, %lu\n", ret, GetLastError());

    SetLastError(0);
    ret = by_name_a((char *)"no-such-service-q7", &got);
    ok(ret == SOCKET_ERROR && GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST, "unknown: %d, %lu\n", ret,
       GetLastError());
}

/* Rule: the reverse, with the buffer's size in bytes; a GUID that is no
 * known port service fails. */
static void test_name_by_type(void)
{
    name_by_type_a_fn by_type_a = msw_real("GetNameByTypeA");
    name_by_type_w_fn by_type_w = msw_real("GetNameByTypeW");
    GUID type, odd = {0x13572468, 0x9bdf, 0x4ace, {1, 3, 5, 7, 9, 11, 13, 15}};
    char name[32];
    WCHAR wname[32];
    int ret;

    if (!by_type_a || !by_type_w) return;
    port_guid(&type, FALSE, 70);
    memset(name, 0x77, sizeof(name));
    ok(!by_type_a(&type, name, sizeof(name)), "GetNameByTypeA failed: %lu\n", GetLastError());
    ok(!strcmp(name, "gopher"), "got %s\n", name);
    port_guid(&type, FALSE, 79);
    ok(!by_type_w(&type, wname, sizeof(wname)), "GetNameByTypeW failed: %lu\n", GetLastError());
    ok(!wcscmp(wname, L"finger"), "got %s\n", wine_dbgstr_w(wname));

    ret = by_type_a(&type, name, 3);
    ok(ret == SOCKET_ERROR, "short buffer: %d\n", ret);
    ret = by_type_a(&odd, name, sizeof(name));
    ok(ret == SOCKET_ERROR, "not a port GUID: %d\n", ret);
}

/* Rule: EnumProtocols sizes the buffer first (ERROR_INSUFFICIENT_BUFFER
 * and the size needed), then fills PROTOCOL_INFO entries whose XP_ flags
 * describe each transport; a protocol list filters them. */
static void test_enum_protocols(void)
{
    enum_protocols_fn enum_a = msw_any("EnumProtocolsA");
    INT udp_only[] = {IPPROTO_UDP, 0};
    PROTOCOL_INFOA *list;
    DWORD size = 0;
    int n, i, tcp = 0, udp = 0;
    char *buffer;

    if (!enum_a) return;
    SetLastError(0);
    n = enum_a(NULL, NULL, &size);
    /* Wine forwards to WSAEnumProtocolsA: WSAENOBUFS and its own layout */
    todo_wine ok(n == SOCKET_ERROR && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "sizing: %d, %lu\n", n,
                 GetLastError());
    ok(size > sizeof(PROTOCOL_INFOA), "size %lu\n", size);
    buffer = HeapAlloc(GetProcessHeap(), 0, size);
    n = enum_a(NULL, buffer, &size);
    ok(n >= 2, "%d protocols\n", n);
    list = (PROTOCOL_INFOA *)buffer;
    for (i = 0; i < n && msw_ours(); i++)
    {
        if (list[i].iAddressFamily != AF_INET) continue;
        ok(list[i].lpProtocol && list[i].lpProtocol[0], "entry %d has no name\n", i);
        if (list[i].iProtocol == IPPROTO_TCP)
        {
            tcp++;
            ok(list[i].iSocketType == SOCK_STREAM, "TCP type %d\n", list[i].iSocketType);
            ok((list[i].dwServiceFlags & (XP_GUARANTEED_DELIVERY | XP_GUARANTEED_ORDER | XP_CONNECTIONLESS))
               == (XP_GUARANTEED_DELIVERY | XP_GUARANTEED_ORDER), "TCP flags %#lx\n", list[i].dwServiceFlags);
            ok(list[i].iMinSockAddr == sizeof(struct sockaddr_in), "TCP min address %d\n", list[i].iMinSockAddr);
        }
        if (list[i].iProtocol == IPPROTO_UDP)
        {
            udp++;
            ok(list[i].dwServiceFlags & XP_CONNECTIONLESS, "UDP flags %#lx\n", list[i].dwServiceFlags);
            ok(list[i].dwServiceFlags & XP_MESSAGE_ORIENTED, "UDP flags %#lx\n", list[i].dwServiceFlags);
        }
    }
    if (msw_ours()) ok(tcp == 1 && udp == 1, "IPv4: %d TCP, %d UDP entries\n", tcp, udp);

    if (msw_ours())
    {
        /* Rule: an unusable size pointer is WSAEFAULT (Wine's crashes) */
        SetLastError(0);
        n = enum_a(NULL, buffer, NULL);
        ok(n == SOCKET_ERROR && GetLastError() == WSAEFAULT, "NULL size: %d, %lu\n", n, GetLastError());
    }
    n = enum_a(udp_only, buffer, &size);
    ok(n >= 1, "UDP only: %d\n", n);
    for (i = 0; i < n && msw_ours(); i++)
        ok(list[i].iProtocol == IPPROTO_UDP, "entry %d is protocol %d\n", i, list[i].iProtocol);
    HeapFree(GetProcessHeap(), 0, buffer);
}

/* Rule: GetAddressByName returns CSADDR_INFO entries for the name and the
 * service type's port; sizing works as for EnumProtocols; the reserved
 * async argument must be NULL. */
static void test_address_by_name(void)
{
    address_by_name_fn by_name = msw_real("GetAddressByNameA");
    GUID type;
    char buffer[1024], aliases[16];
    DWORD size = 8, alias_size = sizeof(aliases);
    SERVICE_ASYNC_INFO async;
    CSADDR_INFO *info = (CSADDR_INFO *)buffer;
    int n, i, loopback = 0;

    if (!by_name) return;
    port_guid(&type, FALSE, 8642);
    SetLastError(0);
    n = by_name(NS_DEFAULT, &type, (char *)"localhost", NULL, 0, NULL, buffer, &size, aliases, &alias_size);
    ok(n == SOCKET_ERROR && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small: %d, %lu\n", n, GetLastError());
    ok(size > sizeof(CSADDR_INFO), "needed %lu\n", size);

    size = sizeof(buffer);
    n = by_name(NS_DEFAULT, &type, (char *)"localhost", NULL, 0, NULL, buffer, &size, aliases, &alias_size);
    ok(n >= 1, "localhost: %d, %lu\n", n, GetLastError());
    for (i = 0; i < n; i++)
    {
        struct sockaddr_in *remote = (struct sockaddr_in *)info[i].RemoteAddr.lpSockaddr;

        ok(info[i].iSocketType == SOCK_STREAM, "entry %d: type %d\n", i, info[i].iSocketType);
        ok(info[i].LocalAddr.lpSockaddr && info[i].LocalAddr.lpSockaddr->sa_family == remote->sin_family,
           "entry %d: no local address of the family\n", i);
        if (remote->sin_family != AF_INET) continue;
        ok(remote->sin_port == htons(8642), "entry %d: port %u\n", i, ntohs(remote->sin_port));
        loopback += remote->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
    }
    ok(loopback == 1, "127.0.0.1 seen %d times\n", loopback);

    memset(&async, 0, sizeof(async));
    size = sizeof(buffer);
    SetLastError(0);
    n = by_name(NS_DEFAULT, &type, (char *)"localhost", NULL, 0, &async, buffer, &size, NULL, NULL);
    ok(n == SOCKET_ERROR && GetLastError() == ERROR_INVALID_PARAMETER, "async: %d, %lu\n", n, GetLastError());
}

/* Rules: DNS and the hosts file keep no registered services, so GetService
 * finds none; registering in DNS is a no-op that succeeds; adding a
 * service type is not supported there. */
static void test_get_set_service(void)
{
    get_service_fn get_service = msw_real("GetServiceA");
    set_service_fn set_service = msw_real("SetServiceA");
    SERVICE_INFOA info;
    GUID type;
    DWORD size = 256, status = 0x5a5a5a5a;
    char buffer[256];
    int ret;

    if (!get_service || !set_service) return;
    port_guid(&type, FALSE, 8642);
    SetLastError(0);
    ret = get_service(NS_DEFAULT, &type, (char *)"orchard", PROP_ALL, buffer, &size, NULL);
    ok(ret == SOCKET_ERROR && GetLastError() == ERROR_SERVICE_NOT_FOUND, "GetService: %d, %lu\n", ret,
       GetLastError());

    memset(&info, 0, sizeof(info));
    info.lpServiceType = &type;
    info.lpServiceName = (char *)"orchard";
    ret = set_service(NS_DNS, SERVICE_REGISTER, 0, &info, NULL, &status);
    ok(!ret && !status, "register: %d, status %#lx, %lu\n", ret, status, GetLastError());
    SetLastError(0);
    ret = set_service(NS_DNS, SERVICE_ADD_TYPE, 0, &info, NULL, &status);
    ok(ret == SOCKET_ERROR && GetLastError() == ERROR_NOT_SUPPORTED, "add type: %d, %lu\n", ret, GetLastError());
    SetLastError(0);
    ret = set_service(NS_DNS, SERVICE_REGISTER, 0, &info, (SERVICE_ASYNC_INFO *)buffer, &status);
    ok(ret == SOCKET_ERROR && GetLastError() == ERROR_INVALID_PARAMETER, "async: %d, %lu\n", ret, GetLastError());
}

START_TEST(service)
{
    msw_start();
    test_type_by_name();
    test_name_by_type();
    test_enum_protocols();
    test_address_by_name();
    test_get_set_service();
    msw_finish();
}
