/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance tests: WSAStartup/WSACleanup, the last error, byte order,
 * inet_addr/inet_ntoa, gethostname and the Winsock 1.1 blocking hook.
 *
 * Expected values are Windows' (Microsoft documentation and the results
 * Wine's conformance tests record for Windows).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include "wine/test.h"

static void test_before_startup(void)
{
    char name[256];
    SOCKET s;
    int ret, len = sizeof(int), value;
    fd_set set;

    WSASetLastError(0xdeadbeef);
    ret = WSACleanup();
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "WSACleanup: %d, %d\n", ret, WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSANOTINITIALISED, "socket: %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    s = WSASocketA(0, 0, 0, NULL, 0, 0);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSANOTINITIALISED, "WSASocketA: %d\n", WSAGetLastError());
    /* Windows documents WSANOTINITIALISED for all of these; Wine's builtin
     * answers gethostname without start-up and checks the handle first. */
    WSASetLastError(0xdeadbeef);
    ret = gethostname(name, sizeof(name));
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "gethostname: %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = closesocket(0x1234);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "closesocket: %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = getsockopt(0x1234, SOL_SOCKET, SO_TYPE, (char *)&value, &len);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "getsockopt: %d\n", WSAGetLastError());
    FD_ZERO(&set);
    FD_SET(0x1234, &set);
    WSASetLastError(0xdeadbeef);
    ret = select(0, &set, NULL, NULL, NULL);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "select: %d\n", WSAGetLastError());

    /* Conversions need no start-up. */
    ok(htonl(0x12345678) == 0x78563412, "htonl\n");
    ok(inet_addr("1.2.3.4") == 0x04030201, "inet_addr\n");
}

static void test_versions(void)
{
    static const struct { WORD requested; int result; WORD granted; } tests[] =
    {
        { MAKEWORD(0, 0), WSAVERNOTSUPPORTED, MAKEWORD(2, 2) },
        { MAKEWORD(0, 1), WSAVERNOTSUPPORTED, MAKEWORD(2, 2) },
        { MAKEWORD(1, 0), 0, MAKEWORD(1, 0) },
        { MAKEWORD(1, 1), 0, MAKEWORD(1, 1) },
        { MAKEWORD(1, 2), 0, MAKEWORD(1, 1) },
        { MAKEWORD(1, 0xff), 0, MAKEWORD(1, 1) },
        { MAKEWORD(2, 0), 0, MAKEWORD(2, 0) },
        { MAKEWORD(2, 1), 0, MAKEWORD(2, 1) },
        { MAKEWORD(2, 2), 0, MAKEWORD(2, 2) },
        { MAKEWORD(2, 3), 0, MAKEWORD(2, 2) },
        { MAKEWORD(2, 0xff), 0, MAKEWORD(2, 2) },
        { MAKEWORD(3, 0), 0, MAKEWORD(2, 2) },
        { MAKEWORD(0xff, 0), 0, MAKEWORD(2, 2) },
    };
    unsigned int i;
    WSADATA data;
    int ret;

    for (i = 0; i < ARRAY_SIZE(tests); i++)
    {
        winetest_push_context("version %#x", tests[i].requested);
        memset(&data, 0xcc, sizeof(data));
        data.lpVendorInfo = (char *)0xdeadbeef;
        ret = WSAStartup(tests[i].requested, &data);
        ok(ret == tests[i].result, "got %d\n", ret);
        ok(data.wVersion == tests[i].granted, "wVersion %#x\n", data.wVersion);
        ok(data.wHighVersion == MAKEWORD(2, 2), "wHighVersion %#x\n", data.wHighVersion);
        ok(!strcmp(data.szDescription, "WinSock 2.0"), "szDescription %s\n", data.szDescription);
        ok(!strcmp(data.szSystemStatus, "Running"), "szSystemStatus %s\n", data.szSystemStatus);
        if (LOBYTE(tests[i].requested) == 1)
            ok(data.iMaxSockets == 32767 && data.iMaxUdpDg == 65467, "limits %u %u\n", data.iMaxSockets, data.iMaxUdpDg);
        else
            ok(!data.iMaxSockets && !data.iMaxUdpDg, "limits %u %u\n", data.iMaxSockets, data.iMaxUdpDg);
        ok(data.lpVendorInfo == (char *)0xdeadbeef, "lpVendorInfo changed to %p\n", data.lpVendorInfo);
        if (!ret)
        {
            ret = WSACleanup();
            ok(!ret, "WSACleanup failed: %d\n", WSAGetLastError());
        }
        /* A refused version does not count as a start-up. */
        WSASetLastError(0xdeadbeef);
        ok(WSACleanup() == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "not balanced\n");
        winetest_pop_context();
    }

    ret = WSAStartup(MAKEWORD(2, 2), NULL);
    ok(ret == WSAEFAULT, "NULL data: got %d\n", ret);
    ret = WSAStartup(MAKEWORD(0, 0), NULL);
    ok(ret == WSAVERNOTSUPPORTED, "NULL data, version 0.0: got %d\n", ret);
    /* The documentation gives WSAEFAULT for an invalid lpWSAData; Wine's
     * builtin crashes on it, so it is not called there. */
    if (winetest_platform_is_wine())
        skip("Wine's builtin crashes on an invalid WSADATA pointer\n");
    else
    {
        ret = WSAStartup(MAKEWORD(2, 2), (WSADATA *)(ULONG_PTR)0x10);
        ok(ret == WSAEFAULT, "bad data pointer: got %d\n", ret);
    }
    ok(WSACleanup() == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "failed start-ups counted\n");
}

static void test_refcount(void)
{
    WSADATA data;
    SOCKET s;
    int ret, len;
    struct sockaddr_in addr;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "first WSAStartup failed\n");
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "second WSAStartup failed\n");
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());

    WSASetLastError(0xdeadbeef);
    ret = WSACleanup();
    ok(!ret, "first WSACleanup: %d\n", ret);
    /* Windows clears the last error on success here; Wine's builtin does not. */
    todo_wine ok(!WSAGetLastError(), "last error %d\n", WSAGetLastError());
    /* One start-up left: the socket still works. */
    len = sizeof(addr);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "unbound getsockname: %d %d\n", ret, WSAGetLastError());

    ret = WSACleanup();
    ok(!ret, "second WSACleanup: %d\n", ret);
    ret = WSACleanup();
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "third WSACleanup: %d %d\n", ret, WSAGetLastError());

    /* The last WSACleanup closed the process's sockets. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    len = sizeof(addr);
    WSASetLastError(0xdeadbeef);
    ret = getsockname(s, (struct sockaddr *)&addr, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "socket survived WSACleanup: %d %d\n", ret, WSAGetLastError());
    WSACleanup();
}

static DWORD WINAPI last_error_thread(void *arg)
{
    ok(WSAGetLastError() == 0, "new thread starts with %d\n", WSAGetLastError());
    WSASetLastError(WSAEWOULDBLOCK);
    ok(GetLastError() == WSAEWOULDBLOCK, "GetLastError %lu\n", GetLastError());
    return 0;
}

static void test_last_error(void)
{
    HANDLE thread;
    WSADATA data;
    SOCKET s;

    WSASetLastError(WSAEINTR);
    ok(WSAGetLastError() == WSAEINTR, "got %d\n", WSAGetLastError());
    ok(GetLastError() == WSAEINTR, "not the GetLastError slot: %lu\n", GetLastError());
    SetLastError(ERROR_FILE_NOT_FOUND);
    ok(WSAGetLastError() == ERROR_FILE_NOT_FOUND, "got %d\n", WSAGetLastError());

    WSASetLastError(WSAEINTR);
    thread = CreateThread(NULL, 0, last_error_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(WSAGetLastError() == WSAEINTR, "another thread changed ours: %d\n", WSAGetLastError());

    /* Failure paths set it. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    WSASetLastError(0);
    s = socket(0xdead, SOCK_STREAM, IPPROTO_TCP);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT, "socket: %d\n", WSAGetLastError());
    WSASetLastError(0);
    ok(closesocket((SOCKET)GetCurrentProcess()) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
       "closesocket: %d\n", WSAGetLastError());
    WSACleanup();
}

static void test_byte_order(void)
{
    WSADATA data;
    u_long l = 0xdeadbeef;
    u_short sh = 0xbeef;
    SOCKET s;
    int ret;

    ok(htonl(0x01020304) == 0x04030201, "htonl\n");
    ok(ntohl(0x01020304) == 0x04030201, "ntohl\n");
    ok(htons(0x0102) == 0x0201, "htons\n");
    ok(ntohs(0x0102) == 0x0201, "ntohs\n");

    WSASetLastError(0xdeadbeef);
    ret = WSAHtonl(0, 1, &l);
    /* Documented: WSANOTINITIALISED before WSAStartup, SOCKET_ERROR plus the
     * error on failure.  Wine's builtin converts without start-up and
     * returns the error code itself. */
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "before start-up: %d %d\n", ret, WSAGetLastError());

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    s = socket(AF_INET, SOCK_STREAM, 0);
    ret = WSAHtonl(s, 0x01020304, &l);
    ok(!ret && l == 0x04030201, "WSAHtonl: %d %#lx\n", ret, l);
    ret = WSANtohl(s, 0x01020304, &l);
    ok(!ret && l == 0x04030201, "WSANtohl: %d %#lx\n", ret, l);
    ret = WSAHtons(s, 0x0102, &sh);
    ok(!ret && sh == 0x0201, "WSAHtons: %d %#x\n", ret, sh);
    ret = WSANtohs(s, 0x0102, &sh);
    ok(!ret && sh == 0x0201, "WSANtohs: %d %#x\n", ret, sh);

    WSASetLastError(0xdeadbeef);
    ret = WSAHtonl(s, 1, NULL);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL out: %d %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = WSANtohs(s, 1, NULL);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL out: %d %d\n", ret, WSAGetLastError());
    /* The documentation lists WSAENOTSOCK for a handle that is not a socket;
     * Wine's builtin does not check the handle. */
    WSASetLastError(0xdeadbeef);
    ret = WSAHtonl((SOCKET)GetCurrentProcess(), 1, &l);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "not a socket: %d %d\n", ret, WSAGetLastError());
    closesocket(s);
    WSACleanup();
}

static void test_inet_addr(void)
{
    static const struct { const char *text; ULONG addr; } tests[] =
    {
        { "1.2.3.4", 0x04030201 }, { "1", 0x01000000 }, { "1.2", 0x02000001 },
        { "1.2.3", 0x03000201 }, { "203569230", 0x4e38220c }, { "0x00010203", 0x03020100 },
        { "0x2134", 0x34210000 }, { "017700000001", 0x0100007f }, { "0777", 0xff010000 },
        { "1.2.3.0xaA", 0xaa030201 }, { "1.2.3.010", 0x08030201 }, { "1.2.3.00", 0x00030201 },
        { "0.0.0.0", 0 }, { "127.127.127.255", 0xff7f7f7f }, { "0xa1a2b3b4 ", 0xb4b3a2a1 },
        { "1 2 3 4", 0x01000000 }, { "1.2.3 .4", 0x03000201 }, { "1.2.3 \xfe\xff", 0x03000201 },
        { "3.4.5.6 ", 0x06050403 }, { "3.4.5.6  7", 0x06050403 }, { "3 .4.5.6", 0x03000000 },
        { "1.2.3\t4", 0x03000201 }, { " ", 0 }, { "255.255.255.255", INADDR_NONE },
        { "", INADDR_NONE }, { "  ", INADDR_NONE }, { "\t", INADDR_NONE }, { " 0", INADDR_NONE },
        { "1.2.3. 4", INADDR_NONE }, { "3.4.5.6.7", INADDR_NONE }, { "3.4.5.6. 7", INADDR_NONE },
        { " 3.4.5.6", INADDR_NONE }, { "\t3.4.5.6", INADDR_NONE }, { "3. 4.5.6", INADDR_NONE },
        { ".1.2.3", INADDR_NONE }, { ".", INADDR_NONE }, { "127.127.127.255:123", INADDR_NONE },
        { "127.127.127.256", INADDR_NONE }, { "a", INADDR_NONE }, { "1.1.1.0x", INADDR_NONE },
        { "1.2.3.0a", INADDR_NONE }, { "1.1.1.0o10", INADDR_NONE }, { "1.1.1.0b10", INADDR_NONE },
        { "1.1.1.-2", INADDR_NONE }, { "[0.1.2.3]", INADDR_NONE }, { "1234BEEF", INADDR_NONE },
        { "::1", INADDR_NONE }, { "2607:f0d0:1002:51::4", INADDR_NONE }, { "1.2.256", 0x00010201 },
        { "1.65536", 0x00000101 }, { "1.16777216", INADDR_NONE }, { "0x100000000", INADDR_NONE },
    };
    unsigned int i;
    ULONG addr;

    for (i = 0; i < ARRAY_SIZE(tests); i++)
    {
        WSASetLastError(0xdeadbeef);
        addr = inet_addr(tests[i].text);
        ok(addr == tests[i].addr, "%s: got %#lx, expected %#lx\n", wine_dbgstr_a(tests[i].text), addr, tests[i].addr);
        ok(WSAGetLastError() == (int)0xdeadbeef, "%s: last error changed to %d\n", wine_dbgstr_a(tests[i].text), WSAGetLastError());
    }
    WSASetLastError(0xdeadbeef);
    addr = inet_addr(NULL);
    ok(addr == INADDR_NONE && WSAGetLastError() == WSAEFAULT, "NULL: %#lx %d\n", addr, WSAGetLastError());
}

static DWORD WINAPI ntoa_thread(void *arg)
{
    struct in_addr in;
    char *str;

    in.s_addr = htonl(0x0a000001);
    str = inet_ntoa(in);
    ok(str && !strcmp(str, "10.0.0.1"), "got %s\n", wine_dbgstr_a(str));
    return 0;
}

static void test_inet_ntoa(void)
{
    struct in_addr in;
    HANDLE thread;
    char *str;

    in.s_addr = 0x20201015;
    str = inet_ntoa(in);
    ok(str && !strcmp(str, "21.16.32.32"), "got %s\n", wine_dbgstr_a(str));
    /* Another thread's call does not overwrite this thread's buffer. */
    thread = CreateThread(NULL, 0, ntoa_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(!strcmp(str, "21.16.32.32"), "overwritten: %s\n", str);
    in.s_addr = 0;
    ok(!strcmp(inet_ntoa(in), "0.0.0.0"), "got %s\n", inet_ntoa(in));
    in.s_addr = 0xffffffff;
    ok(!strcmp(inet_ntoa(in), "255.255.255.255"), "got %s\n", inet_ntoa(in));
}

static void test_gethostname(void)
{
    char name[256], small[256];
    WSADATA data;
    int ret, len;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    ret = gethostname(name, sizeof(name));
    ok(!ret, "gethostname failed: %d\n", WSAGetLastError());
    len = strlen(name);
    ok(len > 0, "empty name\n");

    WSASetLastError(0xdeadbeef);
    ret = gethostname(NULL, 256);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL: %d %d\n", ret, WSAGetLastError());
    memset(small, 'x', sizeof(small));
    WSASetLastError(0xdeadbeef);
    ret = gethostname(small, len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "no room for the NUL: %d %d\n", ret, WSAGetLastError());
    ok(small[0] == 'x', "buffer written on failure\n");
    ret = gethostname(small, len + 1);
    ok(!ret && !strcmp(small, name), "exact size: %d %s\n", ret, small);
    WSACleanup();
}

/* ---- Winsock 1.1 blocking hook: runs in a child that negotiates 1.1 ----
 *
 * The behaviour is the Winsock 1.1 specification's (the hook runs while a
 * call blocks, WSACancelBlockingCall makes the call fail with WSAEINTR,
 * other calls fail with WSAEINPROGRESS).  Wine's builtin accepts the hook
 * but never runs it, hence the todo_wine marks. */

static int hook_calls;
static int hook_cancel;

static BOOL WINAPI counting_hook(void)
{
    char name[256];
    fd_set set;

    hook_calls++;
    ok(WSAIsBlocking(), "WSAIsBlocking FALSE inside the hook\n");
    if (hook_calls == 1)
    {
        /* Other Winsock calls fail while a 1.1 blocking call is in progress. */
        WSASetLastError(0xdeadbeef);
        ok(gethostname(name, sizeof(name)) == SOCKET_ERROR && WSAGetLastError() == WSAEINPROGRESS,
           "gethostname inside hook: %d\n", WSAGetLastError());
        FD_ZERO(&set);
        WSASetLastError(0xdeadbeef);
        ok(WSACleanup() == SOCKET_ERROR && WSAGetLastError() == WSAEINPROGRESS,
           "WSACleanup inside hook: %d\n", WSAGetLastError());
    }
    if (hook_cancel && hook_calls >= 3)
        ok(!WSACancelBlockingCall(), "WSACancelBlockingCall failed: %d\n", WSAGetLastError());
    return FALSE;
}

static void child_v11(void)
{
    struct sockaddr_in addr = { 0 };
    WSADATA data;
    FARPROC previous, prev2;
    SOCKET s;
    char buf[16];
    int ret, len = sizeof(addr);

    ok(!WSAStartup(MAKEWORD(1, 1), &data), "WSAStartup(1.1) failed\n");
    ok(data.wVersion == MAKEWORD(1, 1), "version %#x\n", data.wVersion);
    ok(!WSAIsBlocking(), "blocking outside any call\n");
    WSASetLastError(0xdeadbeef);
    ret = WSACancelBlockingCall();
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "cancel with nothing blocked: %d %d\n", ret, WSAGetLastError());

    previous = WSASetBlockingHook((FARPROC)counting_hook);
    ok(previous != NULL, "no previous (default) hook: %d\n", WSAGetLastError());

    s = socket(AF_INET, SOCK_DGRAM, 0);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(s, (struct sockaddr *)&addr, sizeof(addr)), "bind failed\n");
    getsockname(s, (struct sockaddr *)&addr, &len);

    /* Bound the wait where no hook runs (Wine's builtin). */
    ret = 3000;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ret, sizeof(ret));
    /* A blocking recv runs the hook until WSACancelBlockingCall. */
    hook_calls = 0;
    hook_cancel = 1;
    WSASetLastError(0xdeadbeef);
    ret = recv(s, buf, sizeof(buf), 0);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINTR, "cancelled recv: %d %d\n", ret, WSAGetLastError());
    todo_wine ok(hook_calls >= 3, "hook ran %d times\n", hook_calls);
    ok(!WSAIsBlocking(), "still blocking after the call\n");

    /* The socket is still usable after the cancelled call. */
    hook_cancel = 0;
    ok(sendto(s, "x", 1, 0, (struct sockaddr *)&addr, sizeof(addr)) == 1, "sendto failed: %d\n", WSAGetLastError());
    ret = recv(s, buf, sizeof(buf), 0);
    ok(ret == 1, "recv after cancel: %d %d\n", ret, WSAGetLastError());

    prev2 = WSASetBlockingHook(previous);
    ok(prev2 == (FARPROC)counting_hook, "previous hook %p\n", prev2);
    ok(!WSAUnhookBlockingHook(), "WSAUnhookBlockingHook failed: %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    todo_wine ok(WSASetBlockingHook(NULL) == NULL && WSAGetLastError() == WSAEFAULT, "NULL hook: %d\n", WSAGetLastError());
    closesocket(s);
    ok(!WSACleanup(), "WSACleanup failed\n");
}

static void test_blocking_hook(void)
{
    char cmd[MAX_PATH + 64], **argv;
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    WSADATA data;
    int ret;

    /* Winsock 2 removed the blocking hook: a 2.x caller gets WSAEOPNOTSUPP. */
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    /* Wine's builtin accepts the 1.1 calls from a 2.x caller. */
    WSASetLastError(0xdeadbeef);
    todo_wine ok(WSASetBlockingHook((FARPROC)counting_hook) == NULL && WSAGetLastError() == WSAEOPNOTSUPP,
       "WSASetBlockingHook: %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = WSAUnhookBlockingHook();
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "WSAUnhookBlockingHook: %d %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = WSACancelBlockingCall();
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "WSACancelBlockingCall: %d %d\n", ret, WSAGetLastError());
    ok(!WSAIsBlocking(), "WSAIsBlocking\n");
    WSACleanup();

    winetest_get_mainargs(&argv);
    sprintf(cmd, "\"%s\" startup v11", argv[0]);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess failed\n");
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

START_TEST(startup)
{
    char **argv;
    int argc = winetest_get_mainargs(&argv);

    if (argc > 2 && !strcmp(argv[2], "v11"))
    {
        child_v11();
        return;
    }
    test_before_startup();
    test_versions();
    test_refcount();
    test_last_error();
    test_byte_order();
    test_inet_addr();
    test_inet_ntoa();
    test_gethostname();
    test_blocking_hook();
}
