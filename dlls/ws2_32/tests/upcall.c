/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Tests of the provider upcalls ws2_32 exports (WPUCompleteOverlappedRequest)
 * and of the remaining exports: WSAGetQOSByName, WSApSetPostRoutine, WEP
 * and WSAProviderCompleteAsyncCall.
 *
 * Expected values are Microsoft's documentation of each function.  The
 * rest of the upcall table is handed only to providers and cannot be
 * reached from here; its non-IFS handles are the ones WahCreateSocketHandle
 * makes, which is how the completion tests get one.
 */
#include <winsock2.h>
#include <ws2spi.h>
#include <qos.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "wine/test.h"

static int (WINAPI *pWPUCompleteOverlappedRequest)(SOCKET s, WSAOVERLAPPED *ov, DWORD error, DWORD bytes,
                                                   int *err);
static DWORD (WINAPI *pWahOpenHandleHelper)(HANDLE *helper);
static DWORD (WINAPI *pWahCloseHandleHelper)(HANDLE helper);
static DWORD (WINAPI *pWahCreateSocketHandle)(HANDLE helper, SOCKET *s);
static DWORD (WINAPI *pWahCloseSocketHandle)(HANDLE helper, SOCKET s);
static BOOL (WINAPI *pWSAGetQOSByName)(SOCKET s, WSABUF *name, QOS *qos);
static INT (WINAPI *pWSApSetPostRoutine)(LPWPUPOSTMESSAGE routine);
static INT (WINAPI *pWEP)(void);
static INT (WINAPI *pWSAProviderCompleteAsyncCall)(HANDLE call, INT result);

/* Values none of the calls stores, to see what they leave alone. */
#define UNSET_ERROR 0x3c1
#define FILL_BYTE   0x3c

static void load_functions(void)
{
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
#define LOAD(name) p##name = (void *)GetProcAddress(ws2, #name)
    LOAD(WPUCompleteOverlappedRequest);
    LOAD(WahOpenHandleHelper);
    LOAD(WahCloseHandleHelper);
    LOAD(WahCreateSocketHandle);
    LOAD(WahCloseSocketHandle);
    LOAD(WSAGetQOSByName);
    LOAD(WSApSetPostRoutine);
    LOAD(WEP);
    LOAD(WSAProviderCompleteAsyncCall);
#undef LOAD
}

/* ---- WPUCompleteOverlappedRequest ---- */

/* Only a socket from WPUCreateSocketHandle can be completed: any other
 * is WSAEINVAL (documented), and its OVERLAPPED is left alone. */
static void test_complete_foreign_socket(void)
{
    WSAOVERLAPPED ov;
    SOCKET s;
    int ret, err = UNSET_ERROR;

    if (!pWPUCompleteOverlappedRequest)
    {
        skip("WPUCompleteOverlappedRequest is not exported\n");
        return;
    }
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&ov, FILL_BYTE, sizeof(ov));
    ov.hEvent = NULL;
    ret = pWPUCompleteOverlappedRequest(s, &ov, 0, 12, &err);
    todo_wine ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(err == WSAEINVAL, "error %d\n", err);
    ok(ov.InternalHigh == (ULONG_PTR)0x3c3c3c3c3c3c3c3cull, "the OVERLAPPED was written\n");
    closesocket(s);

    err = UNSET_ERROR;
    ret = pWPUCompleteOverlappedRequest((SOCKET)0x5f4, &ov, 0, 12, &err);
    todo_wine ok(ret == SOCKET_ERROR, "not a handle: got %d\n", ret);
    ok(err == WSAEINVAL, "not a handle: error %d\n", err);
}

/* A non-IFS socket handle, or INVALID_SOCKET where there is none. */
static SOCKET make_nonifs(HANDLE *helper)
{
    SOCKET s = INVALID_SOCKET;

    if (!pWahOpenHandleHelper || pWahOpenHandleHelper(helper)) return INVALID_SOCKET;
    if (pWahCreateSocketHandle(*helper, &s))
    {
        pWahCloseHandleHelper(*helper);
        return INVALID_SOCKET;
    }
    return s;
}

static void free_nonifs(HANDLE helper, SOCKET s)
{
    pWahCloseSocketHandle(helper, s);
    pWahCloseHandleHelper(helper);
}

/* Success: the OVERLAPPED carries the count, its event is set, and the
 * port bound to the socket gets a packet for it with the socket's key. */
static void test_complete_success(void)
{
    WSAOVERLAPPED ov, *got;
    HANDLE helper, port;
    ULONG_PTR key = 0;
    DWORD bytes;
    SOCKET s;
    int ret, err = UNSET_ERROR;

    if ((s = make_nonifs(&helper)) == INVALID_SOCKET)
    {
        skip("no non-IFS socket handles\n");
        return;
    }
    port = CreateIoCompletionPort((HANDLE)s, NULL, 0x6a1, 0);
    memset(&ov, FILL_BYTE, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ret = pWPUCompleteOverlappedRequest(s, &ov, 0, 4096, &err);
    ok(!ret, "got %d, error %d\n", ret, err);
    ok(!WaitForSingleObject(ov.hEvent, 5000), "event not set\n");
    ok(ov.Internal == 0, "status %#lx\n", (unsigned long)ov.Internal);
    ok(ov.InternalHigh == 4096, "count %lu\n", (unsigned long)ov.InternalHigh);
    got = NULL;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000);
    ok(ret, "no packet: error %lu\n", GetLastError());
    ok(got == &ov, "packet for %p\n", got);
    ok(key == 0x6a1, "key %#lx\n", (unsigned long)key);
    CloseHandle(ov.hEvent);

    /* Like every function here, a missing OVERLAPPED is WSAEFAULT. */
    err = UNSET_ERROR;
    ret = pWPUCompleteOverlappedRequest(s, NULL, 0, 1, &err);
    ok(ret == SOCKET_ERROR && err == WSAEFAULT, "no OVERLAPPED: got %d, error %d\n", ret, err);
    CloseHandle(port);
    free_nonifs(helper, s);
}

/* An error: the request completes as failed, through the event and as a
 * failed packet on the port. */
static void test_complete_error(void)
{
    WSAOVERLAPPED ov, *got;
    HANDLE helper, port;
    ULONG_PTR key = 0;
    DWORD bytes;
    SOCKET s;
    int ret, err = UNSET_ERROR;

    if ((s = make_nonifs(&helper)) == INVALID_SOCKET)
    {
        skip("no non-IFS socket handles\n");
        return;
    }
    port = CreateIoCompletionPort((HANDLE)s, NULL, 0x6a2, 0);
    memset(&ov, FILL_BYTE, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ret = pWPUCompleteOverlappedRequest(s, &ov, WSAECONNRESET, 0, &err);
    ok(!ret, "got %d, error %d\n", ret, err);
    ok(!WaitForSingleObject(ov.hEvent, 5000), "event not set\n");
    ok(ov.Internal != 0 && ov.Internal != (ULONG_PTR)0x3c3c3c3c3c3c3c3cull, "status %#lx\n",
       (unsigned long)ov.Internal);
    got = NULL;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000);
    ok(!ret && got == &ov, "got %d for %p\n", ret, got);
    ok(key == 0x6a2, "key %#lx\n", (unsigned long)key);
    CloseHandle(ov.hEvent);
    CloseHandle(port);
    free_nonifs(helper, s);
}

/* An event handle with its low bit set keeps the completion off the port
 * (GetQueuedCompletionStatus's documentation); the event is still set. */
static void test_complete_no_port(void)
{
    WSAOVERLAPPED ov, *got;
    HANDLE helper, port, event;
    ULONG_PTR key;
    DWORD bytes;
    SOCKET s;
    int ret, err = UNSET_ERROR;

    if ((s = make_nonifs(&helper)) == INVALID_SOCKET)
    {
        skip("no non-IFS socket handles\n");
        return;
    }
    port = CreateIoCompletionPort((HANDLE)s, NULL, 0x6a3, 0);
    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, FILL_BYTE, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    ret = pWPUCompleteOverlappedRequest(s, &ov, 0, 77, &err);
    ok(!ret, "got %d, error %d\n", ret, err);
    ok(!WaitForSingleObject(event, 5000), "event not set\n");
    ok(ov.InternalHigh == 77, "count %lu\n", (unsigned long)ov.InternalHigh);
    got = NULL;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, 200);
    ok(!ret && !got && GetLastError() == WAIT_TIMEOUT, "a packet came: %d %p\n", ret, got);
    CloseHandle(event);
    CloseHandle(port);
    free_nonifs(helper, s);
}

/* ---- WSAGetQOSByName ---- */

static SOCKET qos_socket(void)
{
    return socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
}

/* Before WSAStartup every socket function fails with WSANOTINITIALISED. */
static void test_qos_not_started(void)
{
    char name[] = "G711";
    WSABUF buf = { sizeof(name), name };
    QOS qos;
    BOOL ret;

    WSASetLastError(UNSET_ERROR);
    ret = pWSAGetQOSByName((SOCKET)0x5f8, &buf, &qos);
    ok(!ret, "got TRUE\n");
    todo_wine ok(WSAGetLastError() == WSANOTINITIALISED, "error %d\n", WSAGetLastError());
}

/* A descriptor that is no socket is WSAENOTSOCK. */
static void test_qos_not_socket(void)
{
    char name[] = "G729";
    WSABUF buf = { sizeof(name), name };
    QOS qos;
    BOOL ret;

    WSASetLastError(UNSET_ERROR);
    ret = pWSAGetQOSByName((SOCKET)0x5f8, &buf, &qos);
    ok(!ret, "got TRUE\n");
    todo_wine ok(WSAGetLastError() == WSAENOTSOCK, "error %d\n", WSAGetLastError());
}

/* An empty name asks for the list: NUL-terminated names ended by an empty
 * one, within the buffer; every listed name is a template that fills a
 * QOS.  Returns the number of names. */
static unsigned int test_qos_list(SOCKET s)
{
    char list[400], *name;
    WSABUF buf = { sizeof(list), list };
    unsigned int count = 0, filled = 0;
    QOS qos;
    BOOL ret, ended = FALSE;

    memset(list, FILL_BYTE, sizeof(list));
    list[0] = 0;
    ret = pWSAGetQOSByName(s, &buf, NULL);
    todo_wine ok(ret, "listing: got FALSE, error %d\n", WSAGetLastError());
    if (!ret) return 0;
    for (name = list; name < list + sizeof(list); name += strlen(name) + 1)
    {
        WSABUF one = { strlen(name) + 1, name };

        if (!memchr(name, 0, list + sizeof(list) - name)) break;
        if (!*name)
        {
            ended = TRUE;
            break;
        }
        count++;
        memset(&qos, FILL_BYTE, sizeof(qos));
        if (pWSAGetQOSByName(s, &one, &qos) && qos.SendingFlowspec.TokenRate != 0x3c3c3c3c) filled++;
        else trace("template %s did not fill a QOS\n", name);
    }
    ok(ended, "the list has no empty name at its end\n");
    ok(count > 0, "no names\n");
    ok(filled == count, "%u of %u templates filled a QOS\n", filled, count);
    return count;
}

/* A name that is no template is WSAEINVAL (WSPGetQOSByName's
 * documentation); nothing is written. */
static void test_qos_unknown(SOCKET s)
{
    char name[] = "Q.931-video";
    WSABUF buf = { sizeof(name), name };
    QOS qos;
    BOOL ret;

    memset(&qos, FILL_BYTE, sizeof(qos));
    WSASetLastError(UNSET_ERROR);
    ret = pWSAGetQOSByName(s, &buf, &qos);
    ok(!ret, "got TRUE\n");
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "error %d\n", WSAGetLastError());
    ok(qos.SendingFlowspec.TokenRate == 0x3c3c3c3c, "the QOS was written\n");
}

/* Pointers that are not the caller's memory, and a list buffer too small
 * for the list, are WSAEFAULT. */
static void test_qos_faults(SOCKET s)
{
    char name[] = "G711", empty[8] = "";
    WSABUF buf = { sizeof(name), name }, nobuf = { 16, NULL }, small = { sizeof(empty), empty };
    QOS qos;
    BOOL ret;

    WSASetLastError(UNSET_ERROR);
    ret = pWSAGetQOSByName(s, NULL, &qos);
    ok(!ret, "no WSABUF: got TRUE\n");
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "no WSABUF: error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = pWSAGetQOSByName(s, &nobuf, &qos);
    ok(!ret, "no name: got TRUE\n");
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "no name: error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = pWSAGetQOSByName(s, &buf, NULL);
    ok(!ret, "no QOS: got TRUE\n");
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "no QOS: error %d\n", WSAGetLastError());

    WSASetLastError(UNSET_ERROR);
    ret = pWSAGetQOSByName(s, &small, NULL);
    ok(!ret, "small list buffer: got TRUE\n");
    todo_wine ok(WSAGetLastError() == WSAEFAULT, "small list buffer: error %d\n", WSAGetLastError());
}

/* ---- WSApSetPostRoutine ---- */

struct posted
{
    HWND hwnd;
    UINT msg;
    WPARAM wparam;
    LPARAM lparam;
    unsigned int calls;
    HANDLE done;
};
static struct posted posted;

static BOOL WINAPI post_routine(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam)
{
    posted.hwnd = hwnd;
    posted.msg = msg;
    posted.wparam = wparam;
    posted.lparam = lparam;
    posted.calls++;
    SetEvent(posted.done);
    return TRUE;
}

/* The routine a Winsock 1.1 layer installs posts the asynchronous
 * functions' replies in place of PostMessage. */
static void test_post_routine(void)
{
    static char reply[MAXGETHOSTSTRUCT];
    HWND fake_window = (HWND)(ULONG_PTR)0x4a6;
    HANDLE task;
    INT ret;

    if (!pWSApSetPostRoutine)
    {
        skip("WSApSetPostRoutine is not exported\n");
        return;
    }
    memset(&posted, 0, sizeof(posted));
    posted.done = CreateEventA(NULL, TRUE, FALSE, NULL);
    ret = pWSApSetPostRoutine(post_routine);
    ok(!ret, "got %d\n", ret);
    task = WSAAsyncGetProtoByName(fake_window, WM_USER + 0x31, "udp", reply, sizeof(reply));
    ok(task != NULL, "no task: error %d\n", WSAGetLastError());
    todo_wine ok(!WaitForSingleObject(posted.done, 5000), "the routine was not called\n");
    if (posted.calls)
    {
        ok(posted.hwnd == fake_window, "window %p\n", posted.hwnd);
        ok(posted.msg == WM_USER + 0x31, "message %#x\n", posted.msg);
        ok(posted.wparam == (WPARAM)task, "handle %#lx for task %p\n", (unsigned long)posted.wparam, task);
        ok(!WSAGETASYNCERROR(posted.lparam), "error %u\n", WSAGETASYNCERROR(posted.lparam));
    }
    ret = pWSApSetPostRoutine(NULL);
    ok(!ret, "reset: got %d\n", ret);
    CloseHandle(posted.done);
}

/* ---- WEP and WSAProviderCompleteAsyncCall ---- */

/* A 16-bit DLL's exit procedure reports success with 1. */
static void test_wep(void)
{
    if (!pWEP || winetest_platform_is_wine())
    {
        /* Wine's builtin WEP is a stub that raises an exception. */
        skip("WEP is a stub here\n");
        return;
    }
    ok(pWEP() == 1, "WEP did not return 1\n");
}

/* No call to a name-space provider is ever pending, so no handle names one:
 * WSAEINVAL, also documented for NULL; WSANOTINITIALISED before
 * WSAStartup. */
static void test_provider_complete(BOOL started)
{
    INT ret;

    if (!pWSAProviderCompleteAsyncCall)
    {
        skip("WSAProviderCompleteAsyncCall is not exported\n");
        return;
    }
    WSASetLastError(UNSET_ERROR);
    ret = pWSAProviderCompleteAsyncCall(NULL, 0);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == (started ? WSAEINVAL : WSANOTINITIALISED), "error %d\n", WSAGetLastError());
    if (!started) return;
    WSASetLastError(UNSET_ERROR);
    ret = pWSAProviderCompleteAsyncCall((HANDLE)0x5fc, 11);
    ok(ret == SOCKET_ERROR, "got %d\n", ret);
    ok(WSAGetLastError() == WSAEINVAL, "error %d\n", WSAGetLastError());
}

START_TEST(upcall)
{
    WSADATA data;
    SOCKET s;

    load_functions();
    if (pWSAGetQOSByName) test_qos_not_started();
    test_provider_complete(FALSE);

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_complete_foreign_socket();
    test_complete_success();
    test_complete_error();
    test_complete_no_port();
    if (pWSAGetQOSByName)
    {
        test_qos_not_socket();
        s = qos_socket();
        test_qos_list(s);
        test_qos_unknown(s);
        test_qos_faults(s);
        closesocket(s);
    }
    else skip("WSAGetQOSByName is not exported\n");
    test_provider_complete(TRUE);
    test_wep();
    WSACleanup();

    /* The post routine is for Winsock 1.1 callers. */
    ok(!WSAStartup(MAKEWORD(1, 1), &data), "WSAStartup 1.1 failed\n");
    test_post_routine();
    WSACleanup();
}
