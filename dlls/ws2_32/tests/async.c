/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Winsock 1.1 asynchronous database functions: WSAAsyncGetProtoByName,
 * WSAAsyncGetProtoByNumber, WSAAsyncGetServByName, WSAAsyncGetServByPort,
 * WSAAsyncGetHostByName, WSAAsyncGetHostByAddr and WSACancelAsyncRequest.
 *
 * Expected values are Windows' (Microsoft documentation, and what Wine's
 * conformance tests record for Windows): each call returns a nonzero task
 * handle at once without judging its arguments; the reply is wMsg with
 * wParam = the handle and lParam = WSAMAKEASYNCREPLY(length, error); the
 * buffer then starts with the hostent/protoent/servent and holds everything
 * it points to; a buffer that is too small gives WSAENOBUFS with the size
 * needed; WSACancelAsyncRequest stops the reply, and fails with
 * WSAEALREADY or WSAEINVAL when there is nothing to cancel; the last
 * WSACleanup cancels every pending request.
 *
 * The replies go to a message-only window: those work in Wine without a
 * display.
 */
#include <stdarg.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "wine/test.h"

#define WM_ASYNC (WM_USER + 100)
#define REPLY_TIMEOUT 10000

/* This file's sentinels: the last error before a call that must set it,
 * the byte a reply buffer is filled with, an lparam no reply carries, and
 * a window and a task handle that were never created. */
#define ASYNC_ERROR_FILL 0x3b7a3b7a
#define ASYNC_BUF_FILL 0x5e
#define NO_REPLY_LPARAM ((LPARAM)0x61c861c8)
#define BOGUS_HWND ((HWND)(ULONG_PTR)0x7b3c50)
#define BOGUS_TASK ((HANDLE)(ULONG_PTR)0x6e6e1ea4)

static char *bad_page;  /* a page that cannot be read or written */

static HWND create_window(void)
{
    static ATOM atom;
    HWND hwnd;

    if (!atom)
    {
        WNDCLASSA cls = { 0 };

        cls.lpfnWndProc = DefWindowProcA;
        cls.hInstance = GetModuleHandleA(NULL);
        cls.lpszClassName = "ws2_32 async test";
        atom = RegisterClassA(&cls);
    }
    hwnd = CreateWindowA("ws2_32 async test", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    ok(hwnd != NULL, "cannot create a window: %lu\n", GetLastError());
    return hwnd;
}

/* Waits for the next reply to hwnd; FALSE on timeout. */
static BOOL next_reply(HWND hwnd, DWORD timeout, MSG *msg)
{
    DWORD start = GetTickCount(), spent;

    for (;;)
    {
        if (PeekMessageA(msg, hwnd, WM_ASYNC, WM_ASYNC, PM_REMOVE)) return TRUE;
        spent = GetTickCount() - start;
        if (spent >= timeout) return FALSE;
        MsgWaitForMultipleObjects(0, NULL, FALSE, timeout - spent, QS_POSTMESSAGE);
    }
}

/* Waits for the reply to one request; FALSE if none came. */
static BOOL wait_reply_(int line, HWND hwnd, HANDLE handle, LPARAM *lparam)
{
    MSG msg;

    *lparam = NO_REPLY_LPARAM;
    while (next_reply(hwnd, REPLY_TIMEOUT, &msg))
    {
        ok_(__FILE__, line)(msg.wParam == (WPARAM)handle, "reply for %p, expected %p\n", (void *)msg.wParam, handle);
        if (msg.wParam != (WPARAM)handle) continue;
        *lparam = msg.lParam;
        return TRUE;
    }
    ok_(__FILE__, line)(0, "no reply for %p\n", handle);
    return FALSE;
}
#define wait_reply(a, b, c) wait_reply_(__LINE__, a, b, c)

/* Checks that a request ends with error `error` (length 0). */
static void check_error_reply_(int line, HWND hwnd, HANDLE handle, int error)
{
    LPARAM lparam;

    ok_(__FILE__, line)(handle != NULL, "no handle: %d\n", WSAGetLastError());
    if (!handle || !wait_reply_(line, hwnd, handle, &lparam)) return;
    ok_(__FILE__, line)(WSAGETASYNCERROR(lparam) == error, "got error %d, expected %d\n", WSAGETASYNCERROR(lparam), error);
    ok_(__FILE__, line)(!WSAGETASYNCBUFLEN(lparam), "got length %d\n", WSAGETASYNCBUFLEN(lparam));
}
#define check_error_reply(a, b, c) check_error_reply_(__LINE__, a, b, c)

/* Waits for a successful reply; its length, or 0. */
static int check_ok_reply_(int line, HWND hwnd, HANDLE handle, int buflen)
{
    LPARAM lparam;

    ok_(__FILE__, line)(handle != NULL, "no handle: %d\n", WSAGetLastError());
    if (!handle || !wait_reply_(line, hwnd, handle, &lparam)) return 0;
    ok_(__FILE__, line)(!WSAGETASYNCERROR(lparam), "got error %d\n", WSAGETASYNCERROR(lparam));
    if (WSAGETASYNCERROR(lparam)) return 0;
    ok_(__FILE__, line)(WSAGETASYNCBUFLEN(lparam) > 0 && WSAGETASYNCBUFLEN(lparam) <= buflen,
                        "got length %d for a buffer of %d\n", WSAGETASYNCBUFLEN(lparam), buflen);
    return WSAGETASYNCBUFLEN(lparam);
}
#define check_ok_reply(a, b, c) check_ok_reply_(__LINE__, a, b, c)

/* No reply arrives within `timeout` ms. */
static void check_no_reply_(int line, HWND hwnd, DWORD timeout)
{
    MSG msg;
    BOOL got = next_reply(hwnd, timeout, &msg);

    ok_(__FILE__, line)(!got, "unexpected reply for %p, lparam %#lx\n", got ? (void *)msg.wParam : NULL, got ? (long)msg.lParam : 0);
}
#define check_no_reply(a, b) check_no_reply_(__LINE__, a, b)

/* p lies in buf[0..len) with room for `size` bytes. */
static BOOL inside(const char *buf, int len, const void *p, size_t size)
{
    return (const char *)p >= buf && (const char *)p + size <= buf + len;
}

static BOOL string_inside(const char *buf, int len, const char *s)
{
    if (!inside(buf, len, s, 1)) return FALSE;
    return memchr(s, 0, buf + len - s) != NULL;
}

/* A NULL-terminated string array entirely inside the buffer.  (Where in
 * the buffer, and whether the arrays are aligned, is not documented.) */
static BOOL strings_inside(const char *buf, int len, char **list)
{
    for (;; list++)
    {
        if (!inside(buf, len, list, sizeof(*list))) return FALSE;
        if (!*list) return TRUE;
        if (!string_inside(buf, len, *list)) return FALSE;
    }
}

static BOOL has_string(char **list, const char *s)
{
    for (; *list; list++) if (!strcmp(*list, s)) return TRUE;
    return FALSE;
}

/* The buffer beyond what the reply says it used is left alone. */
static BOOL untouched(const char *buf, int from, int to)
{
    for (; from < to; from++) if ((BYTE)buf[from] != ASYNC_BUF_FILL) return FALSE;
    return TRUE;
}

/* A successful protoent reply: everything inside the buffer. */
static void check_protoent_(int line, const char *buf, int len, const char *name, int number, const char *alias)
{
    const struct protoent *p = (const struct protoent *)buf;

    if (!len) return;
    ok_(__FILE__, line)(len >= (int)sizeof(*p), "length %d too small\n", len);
    ok_(__FILE__, line)(string_inside(buf, len, p->p_name), "p_name %p outside %p+%d\n", p->p_name, buf, len);
    ok_(__FILE__, line)(strings_inside(buf, len, p->p_aliases), "p_aliases %p not inside %p+%d\n", p->p_aliases, buf, len);
    if (!string_inside(buf, len, p->p_name) || !strings_inside(buf, len, p->p_aliases)) return;
    ok_(__FILE__, line)(!strcmp(p->p_name, name), "got name %s, expected %s\n", p->p_name, name);
    ok_(__FILE__, line)(p->p_proto == number, "got number %d, expected %d\n", p->p_proto, number);
    ok_(__FILE__, line)(has_string(p->p_aliases, alias), "alias %s missing\n", alias);
    ok_(__FILE__, line)(untouched(buf, len, MAXGETHOSTSTRUCT), "buffer written beyond the %d bytes used\n", len);
}
#define check_protoent(a, b, c, d, e) check_protoent_(__LINE__, a, b, c, d, e)

static void check_servent_(int line, const char *buf, int len, const char *name, int port, const char *proto,
                           const char *alias)
{
    const struct servent *s = (const struct servent *)buf;

    if (!len) return;
    ok_(__FILE__, line)(len >= (int)sizeof(*s), "length %d too small\n", len);
    ok_(__FILE__, line)(string_inside(buf, len, s->s_name), "s_name %p outside %p+%d\n", s->s_name, buf, len);
    ok_(__FILE__, line)(string_inside(buf, len, s->s_proto), "s_proto %p outside %p+%d\n", s->s_proto, buf, len);
    ok_(__FILE__, line)(strings_inside(buf, len, s->s_aliases), "s_aliases %p not inside %p+%d\n", s->s_aliases, buf, len);
    if (!string_inside(buf, len, s->s_name) || !string_inside(buf, len, s->s_proto)
            || !strings_inside(buf, len, s->s_aliases)) return;
    ok_(__FILE__, line)(!strcmp(s->s_name, name), "got name %s, expected %s\n", s->s_name, name);
    ok_(__FILE__, line)(s->s_port == htons(port), "got port %d, expected %d\n", ntohs(s->s_port), port);
    ok_(__FILE__, line)(!strcmp(s->s_proto, proto), "got proto %s, expected %s\n", s->s_proto, proto);
    if (alias) ok_(__FILE__, line)(has_string(s->s_aliases, alias), "alias %s missing\n", alias);
    ok_(__FILE__, line)(untouched(buf, len, MAXGETHOSTSTRUCT), "buffer written beyond the %d bytes used\n", len);
}
#define check_servent(a, b, c, d, e, f) check_servent_(__LINE__, a, b, c, d, e, f)

static void test_not_started(void)
{
    char buf[MAXGETHOSTSTRUCT];
    HANDLE handle;
    int ret;

    /* Windows documents WSANOTINITIALISED for every one of them. */
    WSASetLastError(ASYNC_ERROR_FILL);
    handle = WSAAsyncGetProtoByName(NULL, WM_ASYNC, "tcp", buf, sizeof(buf));
    todo_wine ok(!handle && WSAGetLastError() == WSANOTINITIALISED, "got %p, error %d\n", handle, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    handle = WSAAsyncGetProtoByNumber(NULL, WM_ASYNC, 6, buf, sizeof(buf));
    todo_wine ok(!handle && WSAGetLastError() == WSANOTINITIALISED, "got %p, error %d\n", handle, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    handle = WSAAsyncGetServByName(NULL, WM_ASYNC, "http", "tcp", buf, sizeof(buf));
    todo_wine ok(!handle && WSAGetLastError() == WSANOTINITIALISED, "got %p, error %d\n", handle, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    handle = WSAAsyncGetServByPort(NULL, WM_ASYNC, htons(80), "tcp", buf, sizeof(buf));
    todo_wine ok(!handle && WSAGetLastError() == WSANOTINITIALISED, "got %p, error %d\n", handle, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    handle = WSAAsyncGetHostByName(NULL, WM_ASYNC, "localhost", buf, sizeof(buf));
    todo_wine ok(!handle && WSAGetLastError() == WSANOTINITIALISED, "got %p, error %d\n", handle, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    handle = WSAAsyncGetHostByAddr(NULL, WM_ASYNC, "\x7f\0\0\1", 4, AF_INET, buf, sizeof(buf));
    todo_wine ok(!handle && WSAGetLastError() == WSANOTINITIALISED, "got %p, error %d\n", handle, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest((HANDLE)1);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "got %d, error %d\n", ret, WSAGetLastError());
}

static void test_protocols(void)
{
    char buf[MAXGETHOSTSTRUCT];
    HWND hwnd = create_window();
    HANDLE handle;
    int len;

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetProtoByName(hwnd, WM_ASYNC, "tcp", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_protoent(buf, len, "tcp", 6, "TCP");

    /* names are compared without case, aliases count */
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetProtoByName(hwnd, WM_ASYNC, "uDp", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_protoent(buf, len, "udp", 17, "UDP");

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 1, buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_protoent(buf, len, "icmp", 1, "ICMP");

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 41, buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_protoent(buf, len, "ipv6", 41, "IPv6");

    /* An entry that is not there fails as getprotobyname does. */
    handle = WSAAsyncGetProtoByName(hwnd, WM_ASYNC, "no-such-protocol", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetProtoByName(hwnd, WM_ASYNC, "", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 254, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, -1, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 0x10006, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);

    check_no_reply(hwnd, 100);
    DestroyWindow(hwnd);
}

static void test_services(void)
{
    char buf[MAXGETHOSTSTRUCT];
    HWND hwnd = create_window();
    HANDLE handle;
    LPARAM lparam;
    int len;

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "http", "tcp", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    /* Windows' services file gives http the aliases www and www-http;
     * Wine's builtin reads the host's /etc/services */
    check_servent(buf, len, "http", 80, "tcp", winetest_platform_is_wine() ? NULL : "www");

    /* by alias, any protocol */
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "domain", NULL, buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    if (len) ok(!strcmp(((struct servent *)buf)->s_name, "domain"), "got %s\n", ((struct servent *)buf)->s_name);

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "ftp", "TCP", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_servent(buf, len, "ftp", 21, "tcp", NULL);

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, htons(53), "udp", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_servent(buf, len, "domain", 53, "udp", NULL);

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, htons(21), NULL, buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_servent(buf, len, "ftp", 21, "tcp", NULL);

    /* The port is in network byte order and, as for getservbyport, only
     * its low 16 bits count; Wine's builtin looks up the whole int. */
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, 0x10000 | htons(21), NULL, buf, sizeof(buf));
    ok(handle != NULL, "got NULL\n");
    if (wait_reply(hwnd, handle, &lparam))
    {
        todo_wine ok(!WSAGETASYNCERROR(lparam), "got error %d\n", WSAGETASYNCERROR(lparam));
        if (!WSAGETASYNCERROR(lparam)) check_servent(buf, WSAGETASYNCBUFLEN(lparam), "ftp", 21, "tcp", NULL);
    }

    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "no-such-service", NULL, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "ftp", "udp", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, htons(1), "tcp", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);

    /* Arguments are not judged when the request is made (Wine's tests
     * record that Windows hands out a task handle for an empty name or
     * protocol, port 0 and no buffer); the lookup then finds nothing. */
    handle = WSAAsyncGetServByName(NULL, 0, "", "udp", NULL, 0);
    ok(handle != NULL, "no window and no buffer: got NULL\n");
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "", "udp", NULL, 0);
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "", "", buf, 300);
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, 0, "udp", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSANO_DATA);
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, htons(5), NULL, NULL, 0);
    check_error_reply(hwnd, handle, WSANO_DATA);

    check_no_reply(hwnd, 100);
    DestroyWindow(hwnd);
}

/* WSAENOBUFS says how much is needed; that much is enough. */
static void test_buffer_size(void)
{
    char buf[MAXGETHOSTSTRUCT + 1];
    HWND hwnd = create_window();
    HANDLE handle;
    LPARAM lparam;
    int len, needed;

    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "kerberos", "udp", NULL, 0);
    ok(handle != NULL, "got NULL\n");
    if (!wait_reply(hwnd, handle, &lparam)) return;
    ok(WSAGETASYNCERROR(lparam) == WSAENOBUFS, "got error %d\n", WSAGETASYNCERROR(lparam));
    needed = WSAGETASYNCBUFLEN(lparam);
    ok(needed > (int)sizeof(struct servent) && needed < (int)sizeof(buf), "got length %d\n", needed);
    if (needed <= (int)sizeof(struct servent) || needed >= (int)sizeof(buf)) return;

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "kerberos", "udp", buf, needed - 1);
    ok(handle != NULL, "got NULL\n");
    if (wait_reply(hwnd, handle, &lparam))
        ok(WSAGETASYNCERROR(lparam) == WSAENOBUFS && WSAGETASYNCBUFLEN(lparam) == needed,
           "got error %d, length %d\n", WSAGETASYNCERROR(lparam), WSAGETASYNCBUFLEN(lparam));

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "kerberos", "udp", buf, needed);
    len = check_ok_reply(hwnd, handle, needed);
    ok(len == needed, "used %d bytes, %d were needed\n", len, needed);
    check_servent(buf, len, "kerberos", 88, "udp", winetest_platform_is_wine() ? NULL : "krb5");

    /* a negative length is no room at all */
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 6, buf, -1);
    ok(handle != NULL, "got NULL\n");
    if (wait_reply(hwnd, handle, &lparam))
        ok(WSAGETASYNCERROR(lparam) == WSAENOBUFS && WSAGETASYNCBUFLEN(lparam) > (int)sizeof(struct protoent),
           "got error %d, length %d\n", WSAGETASYNCERROR(lparam), WSAGETASYNCBUFLEN(lparam));

    handle = WSAAsyncGetProtoByName(hwnd, WM_ASYNC, "tcp", buf, sizeof(struct protoent));
    ok(handle != NULL, "got NULL\n");
    if (wait_reply(hwnd, handle, &lparam))
        ok(WSAGETASYNCERROR(lparam) == WSAENOBUFS && WSAGETASYNCBUFLEN(lparam) > (int)sizeof(struct protoent),
           "got error %d, length %d\n", WSAGETASYNCERROR(lparam), WSAGETASYNCBUFLEN(lparam));

    /* the result need not be aligned */
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 17, buf + 1, MAXGETHOSTSTRUCT);
    len = check_ok_reply(hwnd, handle, MAXGETHOSTSTRUCT);
    check_protoent(buf + 1, len, "udp", 17, "UDP");

    check_no_reply(hwnd, 100);
    DestroyWindow(hwnd);
}

/* Windows documents WSAEFAULT in the reply for a name or buffer outside the
 * address space: the call itself does not judge them. */
static void test_bad_pointers(void)
{
    char buf[MAXGETHOSTSTRUCT];
    HWND hwnd = create_window();
    HANDLE handle;
    LPARAM lparam;

    if (winetest_platform_is_wine())
    {
        skip("bad pointers crash Wine's builtin ws2_32 in its worker thread\n");
        DestroyWindow(hwnd);
        return;
    }
    handle = WSAAsyncGetProtoByName(hwnd, WM_ASYNC, bad_page, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetProtoByName(hwnd, WM_ASYNC, NULL, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, bad_page, NULL, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, NULL, "tcp", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, "http", bad_page, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, htons(80), bad_page, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);

    /* a buffer that claims room it does not have */
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 6, NULL, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 6, bad_page, 0x1000);
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetServByPort(hwnd, WM_ASYNC, htons(80), "tcp", bad_page, 0x1000);
    check_error_reply(hwnd, handle, WSAEFAULT);

    /* a lookup that fails reports its own error, whatever the buffer */
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 254, bad_page, 0x1000);
    check_error_reply(hwnd, handle, WSANO_DATA);

    /* a buffer too small is WSAENOBUFS even if it is not writable */
    handle = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 6, bad_page, 4);
    ok(handle != NULL, "got NULL\n");
    if (wait_reply(hwnd, handle, &lparam))
        ok(WSAGETASYNCERROR(lparam) == WSAENOBUFS, "got error %d\n", WSAGETASYNCERROR(lparam));

    check_no_reply(hwnd, 100);
    DestroyWindow(hwnd);
}

/* The request keeps its own copy of the strings: the caller may reuse them
 * as soon as the call returns. */
static void test_arguments_copied(void)
{
    char buf[MAXGETHOSTSTRUCT], name[16], proto[8];
    HWND hwnd = create_window();
    HANDLE handle;
    int len;

    strcpy(name, "smtp");
    strcpy(proto, "tcp");
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetServByName(hwnd, WM_ASYNC, name, proto, buf, sizeof(buf));
    strcpy(name, "no-such-name");
    strcpy(proto, "xyz");
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_servent(buf, len, "smtp", 25, "tcp", NULL);
    DestroyWindow(hwnd);
}

/* A window that is not there: the request still runs and finishes. */
static void test_bad_window(void)
{
    char buf[MAXGETHOSTSTRUCT];
    HWND hwnd = create_window();
    HANDLE bad, none, good;
    int ret;

    bad = WSAAsyncGetProtoByNumber(BOGUS_HWND, WM_ASYNC, 6, buf, sizeof(buf));
    ok(bad != NULL, "got NULL\n");
    none = WSAAsyncGetProtoByNumber(NULL, WM_ASYNC, 6, buf, sizeof(buf));
    ok(none != NULL, "got NULL\n");
    /* requests run one after the other: when this one is answered the
     * others are done */
    good = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 6, buf, sizeof(buf));
    check_ok_reply(hwnd, good, sizeof(buf));
    ok(bad != none && bad != good && none != good, "handles %p %p %p\n", bad, none, good);

    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(good);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEALREADY, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(bad);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEALREADY, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(none);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEALREADY, "got %d, error %d\n", ret, WSAGetLastError());
    DestroyWindow(hwnd);
}

#define CANCEL_COUNT 50

/* Every request either is cancelled (no reply, ever) or has finished
 * (WSAEALREADY, exactly one reply). */
static void test_cancel(void)
{
    static char bufs[CANCEL_COUNT][MAXGETHOSTSTRUCT];
    HANDLE handles[CANCEL_COUNT];
    BOOL cancelled[CANCEL_COUNT];
    int replies[CANCEL_COUNT];
    HWND hwnd = create_window();
    int i, j, ret, ncancelled = 0, wrong = 0, missing = 0;
    MSG msg;

    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(NULL);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "got %d, error %d\n", ret, WSAGetLastError());
    /* a value that was never a handle: the two errors are documented as
     * equivalent */
    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(BOGUS_TASK);
    todo_wine ok(ret == SOCKET_ERROR && (WSAGetLastError() == WSAEINVAL || WSAGetLastError() == WSAEALREADY),
                 "got %d, error %d\n", ret, WSAGetLastError());

    for (i = 0; i < CANCEL_COUNT; i++)
    {
        handles[i] = WSAAsyncGetServByName(hwnd, WM_ASYNC, "http", "tcp", bufs[i], MAXGETHOSTSTRUCT);
        ok(handles[i] != NULL, "%d: got NULL\n", i);
        replies[i] = 0;
        cancelled[i] = FALSE;
    }
    /* An answered request cannot be cancelled (documented: WSAEALREADY,
     * the same when the reply is still in the queue). */
    while (!replies[0] && next_reply(hwnd, REPLY_TIMEOUT, &msg))
    {
        /* Wine's builtin answers in any order */
        for (j = 0; j < CANCEL_COUNT; j++) if (msg.wParam == (WPARAM)handles[j]) break;
        ok(j < CANCEL_COUNT, "reply for unknown handle %p\n", (void *)msg.wParam);
        if (j < CANCEL_COUNT) replies[j]++;
    }
    ok(replies[0] == 1, "first request not answered\n");
    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(handles[0]);
    todo_wine ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEALREADY, "got %d, error %d\n", ret, WSAGetLastError());

    /* the last ones are the likeliest still to wait */
    for (i = CANCEL_COUNT - 1; i > 0; i--)
    {
        WSASetLastError(ASYNC_ERROR_FILL);
        ret = WSACancelAsyncRequest(handles[i]);
        cancelled[i] = !ret;
        ncancelled += cancelled[i];
        ok(!ret || WSAGetLastError() == WSAEALREADY, "%d: got %d, error %d\n", i, ret, WSAGetLastError());
    }
    /* once cancelled, there is nothing left to cancel */
    for (i = 0; i < CANCEL_COUNT; i++)
    {
        if (!cancelled[i]) continue;
        WSASetLastError(ASYNC_ERROR_FILL);
        ret = WSACancelAsyncRequest(handles[i]);
        /* Wine's builtin cancels nothing and always answers 0 */
        todo_wine ok(ret == SOCKET_ERROR && (WSAGetLastError() == WSAEALREADY || WSAGetLastError() == WSAEINVAL),
           "%d: cancelled twice: %d, error %d\n", i, ret, WSAGetLastError());
    }

    while (next_reply(hwnd, 500, &msg))
    {
        for (j = 0; j < CANCEL_COUNT; j++) if (msg.wParam == (WPARAM)handles[j]) break;
        ok(j < CANCEL_COUNT, "reply for unknown handle %p\n", (void *)msg.wParam);
        if (j < CANCEL_COUNT) replies[j]++;
    }
    for (i = 0; i < CANCEL_COUNT; i++)
    {
        if (cancelled[i] && replies[i]) wrong++;
        if (!cancelled[i] && replies[i] != 1) missing++;
    }
    trace("%d of %d requests cancelled\n", ncancelled, CANCEL_COUNT);
    todo_wine ok(!wrong, "%d cancelled requests were answered\n", wrong);
    ok(!missing, "%d finished requests not answered once\n", missing);
    /* one request at a time runs: the last of fifty is still queued */
    ok(ncancelled > 0, "no request could be cancelled\n");
    DestroyWindow(hwnd);
}

/* Ends every start-up in the process so that one WSACleanup is the last:
 * DLLs that the resolver loads (Wine's dnsapi) may hold their own.  Returns
 * how many there were. */
static int cleanup_all(void)
{
    int n = 0;

    while (n < 100 && !WSACleanup()) n++;
    ok(n > 0, "nothing to clean up\n");
    return n;
}

static void restore_startups(int n)
{
    WSADATA wsa;

    while (n-- > 0) ok(!WSAStartup(MAKEWORD(2, 2), &wsa), "WSAStartup failed\n");
}

/* The last WSACleanup cancels what is pending: replies that were not
 * posted before it never come. */
static void test_cleanup_cancels(void)
{
    static char bufs[CANCEL_COUNT][MAXGETHOSTSTRUCT];
    HANDLE handles[CANCEL_COUNT];
    HWND hwnd = create_window();
    int i, ret, replies = 0, cancelled = 0;
    WSADATA wsa;
    MSG msg;

    ok(!WSAStartup(MAKEWORD(1, 1), &wsa), "WSAStartup failed\n");
    for (i = 0; i < CANCEL_COUNT; i++)
    {
        handles[i] = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 17, bufs[i], MAXGETHOSTSTRUCT);
        ok(handles[i] != NULL, "%d: got NULL\n", i);
    }
    restore_startups(cleanup_all() - 1);

    /* nothing is left to cancel */
    for (i = 0; i < CANCEL_COUNT; i++)
    {
        WSASetLastError(ASYNC_ERROR_FILL);
        ret = WSACancelAsyncRequest(handles[i]);
        if (!ret) cancelled++;
        else ok(WSAGetLastError() == WSAEALREADY || WSAGetLastError() == WSAEINVAL, "%d: error %d\n", i, WSAGetLastError());
    }
    todo_wine ok(!cancelled, "%d requests could still be cancelled\n", cancelled);
    while (next_reply(hwnd, 500, &msg)) replies++;
    trace("%d of %d requests answered before WSACleanup\n", replies, CANCEL_COUNT);
    ok(replies <= CANCEL_COUNT, "%d replies\n", replies);
    todo_wine ok(replies < CANCEL_COUNT, "every request was answered\n");

    /* requests work again after a new start-up */
    memset(bufs[0], ASYNC_BUF_FILL, MAXGETHOSTSTRUCT);
    handles[0] = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 17, bufs[0], MAXGETHOSTSTRUCT);
    check_protoent(bufs[0], check_ok_reply(hwnd, handles[0], MAXGETHOSTSTRUCT), "udp", 17, "UDP");
    DestroyWindow(hwnd);
}

/* Requests from several threads at once, answered to one window. */
#define THREADS 4
#define PER_THREAD 10
static HANDLE thread_handles[THREADS][PER_THREAD];
static char thread_bufs[THREADS][PER_THREAD][MAXGETHOSTSTRUCT];
static HWND thread_hwnd;

static DWORD WINAPI request_thread(void *arg)
{
    int t = (int)(ULONG_PTR)arg, i;

    for (i = 0; i < PER_THREAD; i++)
        thread_handles[t][i] = (i & 1)
            ? WSAAsyncGetServByPort(thread_hwnd, WM_ASYNC, htons(23), "tcp", thread_bufs[t][i], MAXGETHOSTSTRUCT)
            : WSAAsyncGetProtoByNumber(thread_hwnd, WM_ASYNC, 6, thread_bufs[t][i], MAXGETHOSTSTRUCT);
    return 0;
}

static void test_threads(void)
{
    HANDLE threads[THREADS];
    int t, i, u, k, got = 0, dup = 0;
    BOOL seen[THREADS][PER_THREAD] = {{ 0 }};
    MSG msg;

    thread_hwnd = create_window();
    for (t = 0; t < THREADS; t++) threads[t] = CreateThread(NULL, 0, request_thread, (void *)(ULONG_PTR)t, 0, NULL);
    /* replies are posted to this thread's window while the others make requests */
    WaitForMultipleObjects(THREADS, threads, TRUE, 10000);
    for (t = 0; t < THREADS; t++) CloseHandle(threads[t]);

    for (t = 0; t < THREADS; t++)
        for (i = 0; i < PER_THREAD; i++)
        {
            ok(thread_handles[t][i] != NULL, "%d/%d: no handle\n", t, i);
            for (u = 0; u < THREADS; u++)
                for (k = 0; k < PER_THREAD; k++)
                    if ((u != t || k != i) && thread_handles[u][k] == thread_handles[t][i]) dup++;
        }
    ok(!dup, "%d handles given out twice\n", dup / 2);

    while (got < THREADS * PER_THREAD && next_reply(thread_hwnd, REPLY_TIMEOUT, &msg))
    {
        for (t = 0; t < THREADS; t++)
            for (i = 0; i < PER_THREAD; i++)
                if (msg.wParam == (WPARAM)thread_handles[t][i]) goto found;
        ok(0, "reply for unknown handle %p\n", (void *)msg.wParam);
        continue;
found:
        ok(!seen[t][i], "%d/%d answered twice\n", t, i);
        seen[t][i] = TRUE;
        got++;
        ok(!WSAGETASYNCERROR(msg.lParam), "%d/%d: error %d\n", t, i, WSAGETASYNCERROR(msg.lParam));
        if (i & 1)
            ok(!strcmp(((struct servent *)thread_bufs[t][i])->s_name, "telnet"), "%d/%d: wrong result\n", t, i);
        else
            ok(((struct protoent *)thread_bufs[t][i])->p_proto == 6, "%d/%d: wrong result\n", t, i);
    }
    ok(got == THREADS * PER_THREAD, "got %d replies\n", got);
    DestroyWindow(thread_hwnd);
}

/* ---- hosts ---- */

static BOOL has_address(const struct hostent *he, const void *addr)
{
    char **p;

    for (p = he->h_addr_list; *p; p++) if (!memcmp(*p, addr, he->h_length)) return TRUE;
    return FALSE;
}

/* A successful hostent reply: everything inside the buffer, addresses of
 * the family's length. */
static BOOL check_hostent_(int line, const char *buf, int len, int family)
{
    const struct hostent *he = (const struct hostent *)buf;
    char **p;
    BOOL good;

    if (!len) return FALSE;
    ok_(__FILE__, line)(len >= (int)sizeof(*he), "length %d too small\n", len);
    ok_(__FILE__, line)(he->h_addrtype == family, "got family %d\n", he->h_addrtype);
    ok_(__FILE__, line)(he->h_length == (family == AF_INET6 ? 16 : 4), "got address length %d\n", he->h_length);
    good = string_inside(buf, len, he->h_name) && strings_inside(buf, len, he->h_aliases)
           && inside(buf, len, he->h_addr_list, sizeof(char *));
    for (p = he->h_addr_list; good && *p; p++)
        good = inside(buf, len, p + 1, sizeof(char *)) && inside(buf, len, *p, he->h_length);
    ok_(__FILE__, line)(good, "hostent at %p+%d points outside\n", buf, len);
    if (!good) return FALSE;
    ok_(__FILE__, line)(he->h_addr_list[0] != NULL, "no address\n");
    ok_(__FILE__, line)(untouched(buf, len, MAXGETHOSTSTRUCT), "buffer written beyond the %d bytes used\n", len);
    return TRUE;
}
#define check_hostent(a, b, c) check_hostent_(__LINE__, a, b, c)

/* The same host as the blocking call's result: name, aliases, addresses. */
static void check_same_host_(int line, const struct hostent *a, const struct hostent *b)
{
    char **p, **q;
    BOOL same = !strcmp(a->h_name, b->h_name) && a->h_addrtype == b->h_addrtype && a->h_length == b->h_length;

    for (p = a->h_aliases, q = b->h_aliases; same && *p && *q; p++, q++) same = !strcmp(*p, *q);
    same = same && !*p && !*q;
    for (p = a->h_addr_list, q = b->h_addr_list; same && *p && *q; p++, q++) same = !memcmp(*p, *q, a->h_length);
    same = same && !*p && !*q;
    ok_(__FILE__, line)(same, "%s differs from the blocking call's %s\n", a->h_name, b->h_name);
}
#define check_same_host(a, b) check_same_host_(__LINE__, a, b)

/* WSAAsyncGetHostByName answers as gethostbyname does. */
static void check_by_name_(int line, HWND hwnd, const char *name)
{
    static char buf[MAXGETHOSTSTRUCT];
    struct hostent *he;
    HANDLE handle;
    int error, len;

    WSASetLastError(ASYNC_ERROR_FILL);
    he = gethostbyname(name);
    error = he ? 0 : WSAGetLastError();
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, name, buf, sizeof(buf));
    if (error)
    {
        check_error_reply_(line, hwnd, handle, error);
        return;
    }
    /* the blocking call's result is per-thread and stays while we wait */
    len = check_ok_reply_(line, hwnd, handle, sizeof(buf));
    if (!check_hostent_(line, buf, len, AF_INET)) return;
    check_same_host_(line, (struct hostent *)buf, he);
}
#define check_by_name(a, b) check_by_name_(__LINE__, a, b)

static void check_by_addr_(int line, HWND hwnd, const void *addr, int len, int type)
{
    static char buf[MAXGETHOSTSTRUCT];
    struct hostent *he;
    HANDLE handle;
    int error, used;

    WSASetLastError(ASYNC_ERROR_FILL);
    he = gethostbyaddr(addr, len, type);
    error = he ? 0 : WSAGetLastError();
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByAddr(hwnd, WM_ASYNC, addr, len, type, buf, sizeof(buf));
    if (error)
    {
        check_error_reply_(line, hwnd, handle, error);
        return;
    }
    used = check_ok_reply_(line, hwnd, handle, sizeof(buf));
    if (!check_hostent_(line, buf, used, type)) return;
    check_same_host_(line, (struct hostent *)buf, he);
    ok_(__FILE__, line)(has_address((struct hostent *)buf, addr), "queried address missing\n");
}
#define check_by_addr(a, b, c, d) check_by_addr_(__LINE__, a, b, c, d)

static void test_hosts(void)
{
    static const BYTE loopback[4] = { 127, 0, 0, 1 }, other[4] = { 1, 2, 3, 4 };
    char buf[MAXGETHOSTSTRUCT], name[256];
    HWND hwnd = create_window();
    struct hostent *he = (struct hostent *)buf;
    HANDLE handle;
    LPARAM lparam;
    int len, needed;

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "1.2.3.4", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    if (check_hostent(buf, len, AF_INET))
    {
        ok(!strcmp(he->h_name, "1.2.3.4"), "got name %s\n", he->h_name);
        ok(has_address(he, other) && !he->h_addr_list[1], "wrong addresses\n");
    }

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "localhost", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    if (check_hostent(buf, len, AF_INET)) ok(has_address(he, loopback), "127.0.0.1 missing\n");

    /* documented: the name gethostname returns always resolves */
    ok(!gethostname(name, sizeof(name)), "gethostname failed: %d\n", WSAGetLastError());
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, name, buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    check_hostent(buf, len, AF_INET);

    check_by_name(hwnd, "127.0.0.1");
    check_by_name(hwnd, "localhost");
    check_by_name(hwnd, name);
    check_by_name(hwnd, "");
    /* NULL is the local host, as for gethostbyname; Wine's builtin crashes */
    if (!winetest_platform_is_wine()) check_by_name(hwnd, NULL);
    check_by_name(hwnd, "::1");
    check_by_name(hwnd, "127.1");
    check_by_addr(hwnd, loopback, 4, AF_INET);
    check_by_addr(hwnd, &in6addr_loopback, 16, AF_INET6);

    /* too small: the size needed, which is then enough */
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "1.2.3.4", buf, sizeof(struct hostent));
    ok(handle != NULL, "got NULL\n");
    if (wait_reply(hwnd, handle, &lparam))
    {
        needed = WSAGETASYNCBUFLEN(lparam);
        ok(WSAGETASYNCERROR(lparam) == WSAENOBUFS, "got error %d\n", WSAGETASYNCERROR(lparam));
        ok(needed > (int)sizeof(struct hostent) && needed < (int)sizeof(buf), "got length %d\n", needed);
        if (needed > (int)sizeof(struct hostent) && needed < (int)sizeof(buf))
        {
            memset(buf, ASYNC_BUF_FILL, sizeof(buf));
            handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "1.2.3.4", buf, needed);
            len = check_ok_reply(hwnd, handle, needed);
            ok(len == needed, "used %d bytes, %d were needed\n", len, needed);
            if (check_hostent(buf, len, AF_INET)) ok(has_address(he, other), "wrong address\n");
        }
    }
    handle = WSAAsyncGetHostByAddr(hwnd, WM_ASYNC, (const char *)loopback, 4, AF_INET, NULL, 0);
    ok(handle != NULL, "got NULL\n");
    if (wait_reply(hwnd, handle, &lparam))
        ok(WSAGETASYNCERROR(lparam) == WSAENOBUFS && WSAGETASYNCBUFLEN(lparam) > (int)sizeof(struct hostent),
           "got error %d, length %d\n", WSAGETASYNCERROR(lparam), WSAGETASYNCBUFLEN(lparam));

    check_no_reply(hwnd, 100);
    DestroyWindow(hwnd);
}

/* Arguments gethostbyaddr refuses: the reply carries the same error. */
static void test_host_bad_arguments(void)
{
    static const BYTE loopback[16] = { 127, 0, 0, 1 };
    char buf[MAXGETHOSTSTRUCT];
    HWND hwnd = create_window();
    HANDLE handle;

    check_by_addr(hwnd, loopback, 4, AF_UNIX);
    check_by_addr(hwnd, loopback, 3, AF_INET);
    check_by_addr(hwnd, loopback, 4, AF_INET6);
    check_by_addr(hwnd, loopback, 8, AF_INET);

    if (winetest_platform_is_wine())
    {
        skip("bad pointers crash Wine's builtin ws2_32\n");
        DestroyWindow(hwnd);
        return;
    }
    check_by_addr(hwnd, NULL, 4, AF_INET);
    check_by_addr(hwnd, bad_page, 4, AF_INET);
    check_by_addr(hwnd, bad_page, 16, AF_INET6);
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, bad_page, buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "127.0.0.1", NULL, sizeof(buf));
    check_error_reply(hwnd, handle, WSAEFAULT);
    handle = WSAAsyncGetHostByAddr(hwnd, WM_ASYNC, (const char *)loopback, 4, AF_INET, bad_page, 0x1000);
    check_error_reply(hwnd, handle, WSAEFAULT);

    check_no_reply(hwnd, 100);
    DestroyWindow(hwnd);
}

static BOOL have_test_dns(void)
{
    char value[64];

    if (GetEnvironmentVariableA("WS2_TEST_DNS", value, sizeof(value))) return TRUE;
    skip("WS2_TEST_DNS is not set: not running under tools/with-dns\n");
    return FALSE;
}

/* A failed lookup: the documented error, or the one Wine's dnsapi allows. */
static void check_dns_error_(int line, HWND hwnd, const char *name, int error, int wine_dnsapi_error)
{
    char buf[MAXGETHOSTSTRUCT];
    HANDLE handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, name, buf, sizeof(buf));
    LPARAM lparam;

    ok_(__FILE__, line)(handle != NULL, "no handle: %d\n", WSAGetLastError());
    if (!handle || !wait_reply_(line, hwnd, handle, &lparam)) return;
    ok_(__FILE__, line)(WSAGETASYNCERROR(lparam) == error || WSAGETASYNCERROR(lparam) == wine_dnsapi_error,
                        "%s: got error %d, expected %d\n", name, WSAGETASYNCERROR(lparam), error);
    ok_(__FILE__, line)(!WSAGETASYNCBUFLEN(lparam), "got length %d\n", WSAGETASYNCBUFLEN(lparam));
}
#define check_dns_error(a, b, c, d) check_dns_error_(__LINE__, a, b, c, d)

/* Names from the private test DNS (tests/dns/zone). */
static void test_hosts_dns(void)
{
    static const BYTE v4[4] = { 192, 0, 2, 1 }, multi1[4] = { 192, 0, 2, 10 }, multi2[4] = { 192, 0, 2, 11 };
    static const BYTE unknown[4] = { 192, 0, 2, 99 };
    char buf[MAXGETHOSTSTRUCT];
    struct hostent *he = (struct hostent *)buf;
    HWND hwnd;
    HANDLE handle;
    int len;

    if (!have_test_dns()) return;
    hwnd = create_window();

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "v4.ws2.test", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    if (check_hostent(buf, len, AF_INET))
    {
        ok(!strcmp(he->h_name, "v4.ws2.test"), "got name %s\n", he->h_name);
        ok(has_address(he, v4) && !he->h_addr_list[1], "wrong addresses\n");
    }

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "multi.ws2.test", buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    if (check_hostent(buf, len, AF_INET))
        ok(has_address(he, multi1) && has_address(he, multi2) && !he->h_addr_list[2], "wrong addresses\n");

    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    handle = WSAAsyncGetHostByAddr(hwnd, WM_ASYNC, (const char *)v4, 4, AF_INET, buf, sizeof(buf));
    len = check_ok_reply(hwnd, handle, sizeof(buf));
    if (check_hostent(buf, len, AF_INET))
    {
        ok(!strcmp(he->h_name, "v4.ws2.test"), "got name %s\n", he->h_name);
        ok(has_address(he, v4), "queried address missing\n");
    }

    /* the documented errors: NXDOMAIN, a name without an address of the
     * family, SERVFAIL, REFUSED */
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "nosuchname.ws2.test", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSAHOST_NOT_FOUND);
    handle = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "servfail.ws2.test", buf, sizeof(buf));
    check_error_reply(hwnd, handle, WSATRY_AGAIN);
    /* Windows documents WSANO_DATA for a name without an address of the
     * family and WSANO_RECOVERY for REFUSED.  Both runs use Wine 8.0's
     * dnsapi, which reports NODATA as a name error and REFUSED as a server
     * failure, so those codes are accepted as well. */
    check_dns_error(hwnd, "noaddr.ws2.test", WSANO_DATA, WSAHOST_NOT_FOUND);
    check_dns_error(hwnd, "v6.ws2.test", WSANO_DATA, WSAHOST_NOT_FOUND);
    check_dns_error(hwnd, "refused.ws2.test", WSANO_RECOVERY, WSATRY_AGAIN);

    check_by_name(hwnd, "v4.ws2.test");
    check_by_name(hwnd, "multi.ws2.test");
    check_by_name(hwnd, "alias.ws2.test");
    check_by_name(hwnd, "nosuchname.ws2.test");
    check_by_name(hwnd, "noaddr.ws2.test");
    check_by_name(hwnd, "refused.ws2.test");
    check_by_addr(hwnd, v4, 4, AF_INET);
    check_by_addr(hwnd, unknown, 4, AF_INET);

    check_no_reply(hwnd, 100);
    DestroyWindow(hwnd);
}

/* slow.ws2.test is answered 3 s late: cancelling it while it runs, and
 * what is queued behind it, is certain to be in time. */
static void test_cancel_running(void)
{
    char slow_buf[MAXGETHOSTSTRUCT], buf[MAXGETHOSTSTRUCT], buf2[MAXGETHOSTSTRUCT];
    HANDLE slow, queued, cancelled;
    int ret, len = 0, others = 0;
    DWORD start, spent;
    HWND hwnd;
    MSG msg;

    if (!have_test_dns()) return;
    hwnd = create_window();

    slow = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "slow.ws2.test", slow_buf, sizeof(slow_buf));
    ok(slow != NULL, "got NULL\n");
    memset(buf, ASYNC_BUF_FILL, sizeof(buf));
    queued = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 6, buf, sizeof(buf));
    cancelled = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 17, buf2, sizeof(buf2));
    Sleep(200);     /* the lookup is under way */
    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(slow);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    ret = WSACancelAsyncRequest(cancelled);
    ok(!ret, "got %d, error %d\n", ret, WSAGetLastError());
    WSASetLastError(ASYNC_ERROR_FILL);
    ret = WSACancelAsyncRequest(slow);
    todo_wine ok(ret == SOCKET_ERROR && (WSAGetLastError() == WSAEALREADY || WSAGetLastError() == WSAEINVAL),
                 "cancelled twice: %d, error %d\n", ret, WSAGetLastError());

    /* The request behind it is still answered, the cancelled ones never.
     * Wine's builtin answers all of them, in any order. */
    start = GetTickCount();
    while ((spent = GetTickCount() - start) < 5000 && next_reply(hwnd, 5000 - spent, &msg))
    {
        if (msg.wParam == (WPARAM)queued && !len)
        {
            ok(!WSAGETASYNCERROR(msg.lParam), "got error %d\n", WSAGETASYNCERROR(msg.lParam));
            len = WSAGETASYNCBUFLEN(msg.lParam);
            check_protoent(buf, len, "tcp", 6, "TCP");
        }
        else others++;
    }
    ok(len > 0, "the queued request was not answered\n");
    todo_wine ok(!others, "%d replies to cancelled requests\n", others);
    DestroyWindow(hwnd);
}

/* The last WSACleanup cancels a lookup under way and what waits behind it. */
static void test_cleanup_cancels_running(void)
{
    char slow_buf[MAXGETHOSTSTRUCT], buf[MAXGETHOSTSTRUCT];
    HANDLE slow, queued;
    HWND hwnd;

    if (!have_test_dns()) return;
    hwnd = create_window();

    slow = WSAAsyncGetHostByName(hwnd, WM_ASYNC, "slow.ws2.test", slow_buf, sizeof(slow_buf));
    ok(slow != NULL, "got NULL\n");
    queued = WSAAsyncGetProtoByNumber(hwnd, WM_ASYNC, 6, buf, sizeof(buf));
    ok(queued != NULL, "got NULL\n");
    Sleep(200);
    restore_startups(cleanup_all());
    todo_wine check_no_reply(hwnd, 4000);
    DestroyWindow(hwnd);
}

START_TEST(async)
{
    WSADATA wsa;

    bad_page = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_NOACCESS);
    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &wsa), "WSAStartup failed\n");
    test_protocols();
    test_services();
    test_buffer_size();
    test_bad_pointers();
    test_arguments_copied();
    test_bad_window();
    test_cancel();
    test_threads();
    test_hosts();
    test_host_bad_arguments();
    test_hosts_dns();
    test_cancel_running();
    test_cleanup_cancels_running();
    test_cleanup_cancels();
    WSACleanup();
}
