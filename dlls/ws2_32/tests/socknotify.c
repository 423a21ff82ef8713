/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ProcessSocketNotifications: registrations and the notifications they
 * post to a completion port.  The rules are Microsoft's documentation of
 * ProcessSocketNotifications, SOCK_NOTIFY_REGISTRATION and
 * SocketNotificationRetrieveEvents; where it names a rule but not the
 * error code, the check states the code our DLL chose and says so.
 * Wine's builtin ws2_32 has no ProcessSocketNotifications.
 */
#include <winsock2.h>
#include <ws2tcpip.h>

#include "wine/test.h"
#include "loopback.h"

#include "ws2sdk.h"

#define IN_OUT_HUP (SOCK_NOTIFY_EVENT_IN | SOCK_NOTIFY_EVENT_OUT | SOCK_NOTIFY_EVENT_HANGUP)
#define LEVEL_KEEP (SOCK_NOTIFY_TRIGGER_LEVEL | SOCK_NOTIFY_TRIGGER_PERSISTENT)
#define LEVEL_ONCE (SOCK_NOTIFY_TRIGGER_LEVEL | SOCK_NOTIFY_TRIGGER_ONESHOT)

/* A result no call returns, to see which ones were written. */
#define UNTOUCHED 0x6e6e6e6e

static DWORD (WINAPI *pProcessSocketNotifications)(HANDLE, UINT32, SOCK_NOTIFY_REGISTRATION *, UINT32,
                                                   ULONG, OVERLAPPED_ENTRY *, UINT32 *);

static SOCK_NOTIFY_REGISTRATION make_reg(SOCKET s, ULONG_PTR key, UINT16 filter, UINT8 op, UINT8 trigger)
{
    SOCK_NOTIFY_REGISTRATION reg;

    reg.socket = s;
    reg.completionKey = (void *)key;
    reg.eventFilter = filter;
    reg.operation = op;
    reg.triggerFlags = trigger;
    reg.registrationResult = UNTOUCHED;
    return reg;
}

/* One registration operation alone; its registrationResult. */
static DWORD do_reg(HANDLE port, SOCKET s, ULONG_PTR key, UINT16 filter, UINT8 op, UINT8 trigger)
{
    SOCK_NOTIFY_REGISTRATION reg = make_reg(s, key, filter, op, trigger);
    DWORD ret = pProcessSocketNotifications(port, 1, &reg, 0, 0, NULL, NULL);

    ok(ret == ERROR_SUCCESS, "registering %p (op %#x) returned %lu\n", (void *)s, op, ret);
    return reg.registrationResult;
}

/* The next packet within ms through ProcessSocketNotifications; FALSE if
 * none came. */
static BOOL next_packet(HANDLE port, DWORD ms, OVERLAPPED_ENTRY *entry)
{
    UINT32 got = 0x3c3c;
    DWORD ret;

    memset(entry, 0x6b, sizeof(*entry));
    ret = pProcessSocketNotifications(port, 0, NULL, ms, 1, entry, &got);
    if (ret == WAIT_TIMEOUT)
    {
        ok(!got, "timed out with %u entries\n", got);
        return FALSE;
    }
    ok(ret == ERROR_SUCCESS, "dequeue returned %lu\n", ret);
    ok(got == 1, "got %u entries\n", got);
    return ret == ERROR_SUCCESS && got == 1;
}

/* A notification for key within ms: its events, or ~0u if none came. */
static UINT32 expect_packet(HANDLE port, ULONG_PTR key, DWORD ms)
{
    OVERLAPPED_ENTRY entry;

    if (!next_packet(port, ms, &entry)) return ~0u;
    ok(entry.lpCompletionKey == key, "key %p, expected %p\n", (void *)entry.lpCompletionKey, (void *)key);
    /* The reserved OVERLAPPED field of a notification is no pointer. */
    ok(!entry.lpOverlapped, "lpOverlapped %p\n", entry.lpOverlapped);
    return entry.dwNumberOfBytesTransferred;
}

static void expect_quiet(HANDLE port, DWORD ms, const char *what)
{
    OVERLAPPED_ENTRY entry;

    ok(!next_packet(port, ms, &entry), "%s: unexpected packet key %p events %#lx\n",
       what, (void *)entry.lpCompletionKey, entry.dwNumberOfBytesTransferred);
}

static HANDLE new_port(void)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);

    ok(port != NULL, "CreateIoCompletionPort failed: %lu\n", GetLastError());
    return port;
}

static void drain(SOCKET s)
{
    char buf[512];

    lb_set_blocking(s, FALSE);
    while (recv(s, buf, sizeof(buf), 0) > 0);
}

/* Rule: the call itself fails, changing nothing, for arguments the
 * documentation rules out; the codes are our choice where the documentation
 * only says "an appropriate WSAE* error code". */
static void test_arguments(void)
{
    SOCK_NOTIFY_REGISTRATION regs[2];
    OVERLAPPED_ENTRY entries[3];
    HANDLE port = new_port(), event;
    UINT32 got;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    DWORD ret;

    /* Nothing to register and nothing to dequeue is a valid call. */
    ret = pProcessSocketNotifications(port, 0, NULL, 0, 0, NULL, NULL);
    ok(ret == ERROR_SUCCESS, "empty call returned %lu\n", ret);

    /* registrationInfos must be NULL when registrationCount is 0. */
    regs[0] = make_reg(s, 0x41, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP);
    ret = pProcessSocketNotifications(port, 0, regs, 0, 0, NULL, NULL);
    ok(ret == WSAEINVAL, "entries without a count returned %lu\n", ret);
    ok(regs[0].registrationResult == UNTOUCHED, "result written: %lu\n", regs[0].registrationResult);

    /* Without a completionCount: timeoutMs 0, no entries, no count. */
    ret = pProcessSocketNotifications(port, 1, regs, 250, 0, NULL, NULL);
    ok(ret == WSAEINVAL, "a timeout without completionCount returned %lu\n", ret);
    ok(regs[0].registrationResult == UNTOUCHED, "result written: %lu\n", regs[0].registrationResult);
    ret = pProcessSocketNotifications(port, 1, regs, 0, 0, entries, NULL);
    ok(ret == WSAEINVAL, "entries without completionCount returned %lu\n", ret);
    ret = pProcessSocketNotifications(port, 1, regs, 0, 0, NULL, &got);
    ok(ret == WSAEINVAL, "a count pointer without completionCount returned %lu\n", ret);
    ok(regs[0].registrationResult == UNTOUCHED, "result written: %lu\n", regs[0].registrationResult);

    /* Bad pointers. */
    ret = pProcessSocketNotifications(port, 2, NULL, 0, 0, NULL, NULL);
    ok(ret == WSAEFAULT, "NULL registrations returned %lu\n", ret);
    ret = pProcessSocketNotifications(port, 1, (SOCK_NOTIFY_REGISTRATION *)(ULONG_PTR)0x40, 0, 0, NULL, NULL);
    ok(ret == WSAEFAULT, "unmapped registrations returned %lu\n", ret);
    ret = pProcessSocketNotifications(port, 0, NULL, 0, 3, NULL, &got);
    ok(ret == WSAEFAULT, "NULL entries returned %lu\n", ret);
    ret = pProcessSocketNotifications(port, 0, NULL, 0, 3, entries, NULL);
    ok(ret == WSAEFAULT, "NULL count returned %lu\n", ret);

    /* The two arrays must not overlap. */
    ret = pProcessSocketNotifications(port, 2, regs, 0, 1, (OVERLAPPED_ENTRY *)&regs[1], &got);
    ok(ret == WSAEINVAL, "overlapping arrays returned %lu\n", ret);
    ok(regs[0].registrationResult == UNTOUCHED, "result written: %lu\n", regs[0].registrationResult);

    /* The port must be a completion port. */
    event = CreateEventW(NULL, TRUE, FALSE, NULL);
    ret = pProcessSocketNotifications(event, 1, regs, 0, 0, NULL, NULL);
    ok(ret == WSA_INVALID_HANDLE, "an event as the port returned %lu\n", ret);
    ok(regs[0].registrationResult == UNTOUCHED, "result written: %lu\n", regs[0].registrationResult);
    CloseHandle(event);

    closesocket(s);
    CloseHandle(port);
}

/* Rule: each registration gets its own result; the call succeeds while a
 * bad entry fails alone. */
static void test_registration_results(void)
{
    struct
    {
        UINT8 op, trigger;
        UINT16 filter;
        DWORD result;
        const char *what;
    }
    cases[] =
    {
        /* One of level and edge must be given, never both. */
        { SOCK_NOTIFY_OP_ENABLE, SOCK_NOTIFY_TRIGGER_PERSISTENT, SOCK_NOTIFY_REGISTER_EVENT_IN,
          ERROR_INVALID_PARAMETER, "neither level nor edge" },
        { SOCK_NOTIFY_OP_ENABLE, SOCK_NOTIFY_TRIGGER_LEVEL | SOCK_NOTIFY_TRIGGER_EDGE,
          SOCK_NOTIFY_REGISTER_EVENT_OUT, ERROR_INVALID_PARAMETER, "level and edge" },
        { SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP | SOCK_NOTIFY_TRIGGER_ONESHOT, SOCK_NOTIFY_REGISTER_EVENT_IN,
          ERROR_INVALID_PARAMETER, "one-shot and persistent" },
        { SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP | 0x20, SOCK_NOTIFY_REGISTER_EVENT_IN,
          ERROR_INVALID_PARAMETER, "an unknown trigger bit" },
        { SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP, 0x10, ERROR_INVALID_PARAMETER, "an unknown event bit" },
        /* At most one operation at a time. */
        { SOCK_NOTIFY_OP_ENABLE | SOCK_NOTIFY_OP_REMOVE, LEVEL_KEEP, SOCK_NOTIFY_REGISTER_EVENT_IN,
          ERROR_INVALID_PARAMETER, "enable and remove" },
        { 0x08, LEVEL_KEEP, SOCK_NOTIFY_REGISTER_EVENT_IN, ERROR_INVALID_PARAMETER, "an unknown operation" },
        /* Disabling or removing what was never registered. */
        { SOCK_NOTIFY_OP_DISABLE, 0, 0, ERROR_NOT_FOUND, "disabling nothing" },
        { SOCK_NOTIFY_OP_REMOVE, 0, 0, ERROR_NOT_FOUND, "removing nothing" },
        /* No operation: nothing to check. */
        { SOCK_NOTIFY_OP_NONE, 0x7f, 0x3f, ERROR_SUCCESS, "no operation" },
        /* The default life of a registration is persistent. */
        { SOCK_NOTIFY_OP_ENABLE, SOCK_NOTIFY_TRIGGER_EDGE, SOCK_NOTIFY_REGISTER_EVENT_NONE,
          ERROR_SUCCESS, "edge alone" },
    };
    SOCK_NOTIFY_REGISTRATION regs[3];
    HANDLE port = new_port();
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0), good = socket(AF_INET, SOCK_DGRAM, 0);
    unsigned int i;
    DWORD ret;

    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        ret = do_reg(port, s, 0x900 + i, cases[i].filter, cases[i].op, cases[i].trigger);
        ok(ret == cases[i].result, "%s: result %lu, expected %lu\n", cases[i].what, ret, cases[i].result);
    }
    ok(do_reg(port, s, 0x9ff, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "removal failed\n");
    ok(expect_packet(port, 0x900 + ARRAY_SIZE(cases) - 1, 1000) == SOCK_NOTIFY_EVENT_REMOVE,
       "no removal packet\n");

    /* A batch: a handle that is no socket fails alone, in its own entry. */
    regs[0] = make_reg(good, 0xa1, SOCK_NOTIFY_REGISTER_EVENT_NONE, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP);
    regs[1] = make_reg((SOCKET)port, 0xa2, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP);
    regs[2] = make_reg(good, 0xa3, 0, SOCK_NOTIFY_OP_REMOVE, 0);
    ret = pProcessSocketNotifications(port, 3, regs, 0, 0, NULL, NULL);
    ok(ret == ERROR_SUCCESS, "batch returned %lu\n", ret);
    ok(regs[0].registrationResult == ERROR_SUCCESS, "enable: %lu\n", regs[0].registrationResult);
    ok(regs[1].registrationResult == WSAENOTSOCK, "no socket: %lu\n", regs[1].registrationResult);
    ok(regs[2].registrationResult == ERROR_SUCCESS, "remove: %lu\n", regs[2].registrationResult);
    /* The removal's packet carries the key the registration was made with. */
    ok(expect_packet(port, 0xa1, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");
    expect_quiet(port, 100, "after the batch");

    closesocket(s);
    closesocket(good);
    CloseHandle(port);
}

/* Rule: level-triggered notifications come while the condition holds, the
 * events in dwNumberOfBytesTransferred; a persistent one comes again once
 * the last was taken, and no more once the condition is gone. */
static void test_level_persistent(void)
{
    HANDLE port = new_port();
    SOCKET client, server;
    UINT32 events;

    lb_tcp_pair(&client, &server);
    ok(do_reg(port, server, 0x1e1, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP)
       == ERROR_SUCCESS, "enable failed\n");
    expect_quiet(port, 150, "nothing to read yet");

    ok(send(client, "ripple", 6, 0) == 6, "send failed\n");
    events = expect_packet(port, 0x1e1, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "events %#x\n", events);
    /* Still unread: reported again. */
    events = expect_packet(port, 0x1e1, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "second events %#x\n", events);

    drain(server);
    /* A packet queued before the drain may still come; then silence. */
    if (expect_packet(port, 0x1e1, 100) != ~0u) trace("one packet was queued before the drain\n");
    expect_quiet(port, 200, "drained");

    /* Disabled: silence while data waits; enabled again: reported. */
    ok(do_reg(port, server, 0x1e1, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_DISABLE, 0)
       == ERROR_SUCCESS, "disable failed\n");
    ok(send(client, "swell", 5, 0) == 5, "send failed\n");
    ok(lb_readable(server, 2000), "data did not arrive\n");
    expect_quiet(port, 200, "disabled");
    /* Enabling again keeps the key of the registration's creation. */
    ok(do_reg(port, server, 0x1e2, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP)
       == ERROR_SUCCESS, "enable failed\n");
    events = expect_packet(port, 0x1e1, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "events after enabling %#x\n", events);

    /* Removal: its packet, then nothing, though data remains. */
    ok(do_reg(port, server, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    while ((events = expect_packet(port, 0x1e1, 2000)) == SOCK_NOTIFY_EVENT_IN);
    ok(events == SOCK_NOTIFY_EVENT_REMOVE, "events %#x, expected the removal\n", events);
    ok(send(client, "tide", 4, 0) == 4, "send failed\n");
    expect_quiet(port, 200, "removed");
    /* Removing again: nothing is registered any more. */
    ok(do_reg(port, server, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_NOT_FOUND, "second removal succeeded\n");

    closesocket(client);
    closesocket(server);
    CloseHandle(port);
}

/* Rule: a one-shot registration is disabled (not removed) by its
 * notification; enabling it again re-arms it. */
static void test_oneshot(void)
{
    HANDLE port = new_port();
    SOCKET client, server;
    UINT32 events;

    lb_tcp_pair(&client, &server);
    ok(send(client, "pebble", 6, 0) == 6, "send failed\n");
    ok(lb_readable(server, 2000), "data did not arrive\n");
    ok(do_reg(port, server, 0x0e5, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_ONCE)
       == ERROR_SUCCESS, "enable failed\n");
    /* Level: what already holds is reported. */
    events = expect_packet(port, 0x0e5, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "events %#x\n", events);
    expect_quiet(port, 200, "one-shot after its notification");

    ok(do_reg(port, server, 0x0e5, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_ONCE)
       == ERROR_SUCCESS, "enable failed\n");
    events = expect_packet(port, 0x0e5, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "events after re-arming %#x\n", events);
    expect_quiet(port, 150, "one-shot again");

    /* Disabled, not removed: removal still finds it. */
    ok(do_reg(port, server, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    ok(expect_packet(port, 0x0e5, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");

    closesocket(client);
    closesocket(server);
    CloseHandle(port);
}

/* Rule: edge-triggered notifications come only when a condition starts
 * to hold while the registration is enabled; what held when it was
 * enabled is not reported. */
static void test_edge(void)
{
    HANDLE port = new_port();
    SOCKET client, server;
    UINT32 events;

    lb_tcp_pair(&client, &server);
    ok(send(client, "breaker", 7, 0) == 7, "send failed\n");
    ok(lb_readable(server, 2000), "data did not arrive\n");
    ok(do_reg(port, server, 0xed9, SOCK_NOTIFY_REGISTER_EVENT_IN,
              SOCK_NOTIFY_OP_ENABLE, SOCK_NOTIFY_TRIGGER_EDGE | SOCK_NOTIFY_TRIGGER_PERSISTENT)
       == ERROR_SUCCESS, "enable failed\n");
    expect_quiet(port, 200, "data there before the edge registration");

    /* Drained, then new data: a rising edge, reported once. */
    drain(server);
    Sleep(60);
    ok(send(client, "crest", 5, 0) == 5, "send failed\n");
    events = expect_packet(port, 0xed9, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "events %#x\n", events);
    expect_quiet(port, 200, "the condition still holds");

    /* And again after the next drain. */
    drain(server);
    Sleep(60);
    ok(send(client, "trough", 6, 0) == 6, "send failed\n");
    events = expect_packet(port, 0xed9, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "second edge %#x\n", events);

    ok(do_reg(port, server, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    ok(expect_packet(port, 0xed9, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");

    closesocket(client);
    closesocket(server);
    CloseHandle(port);
}

/* Rule: OUT when a send would not block; HANGUP when the stream's peer
 * is gone; only the events asked for. */
static void test_out_and_hangup(void)
{
    HANDLE port = new_port();
    SOCKET client, server;
    UINT32 events;

    lb_tcp_pair(&client, &server);
    ok(do_reg(port, client, 0x0a7, SOCK_NOTIFY_REGISTER_EVENT_OUT, SOCK_NOTIFY_OP_ENABLE, LEVEL_ONCE)
       == ERROR_SUCCESS, "enable failed\n");
    events = expect_packet(port, 0x0a7, 2000);
    ok(events == SOCK_NOTIFY_EVENT_OUT, "events %#x\n", events);

    /* Asked for IN and HANGUP: the peer's close reports the hang-up, and
     * never OUT. */
    ok(do_reg(port, server, 0x4a6, SOCK_NOTIFY_REGISTER_EVENT_IN | SOCK_NOTIFY_REGISTER_EVENT_HANGUP,
              SOCK_NOTIFY_OP_ENABLE, LEVEL_ONCE) == ERROR_SUCCESS, "enable failed\n");
    expect_quiet(port, 150, "connected and idle");
    closesocket(client);
    events = expect_packet(port, 0x4a6, 2000);
    ok(events != ~0u && (events & SOCK_NOTIFY_EVENT_HANGUP), "events %#x\n", events);
    ok(events == ~0u || !(events & (SOCK_NOTIFY_EVENT_OUT | SOCK_NOTIFY_EVENT_REMOVE)), "events %#x\n", events);

    ok(do_reg(port, server, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    ok(expect_packet(port, 0x4a6, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");
    closesocket(server);
    CloseHandle(port);
}

/* Rule: a socket is registered with one completion port at a time. */
static void test_one_port(void)
{
    HANDLE port = new_port(), other = new_port();
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);

    ok(do_reg(port, s, 0x71, SOCK_NOTIFY_REGISTER_EVENT_NONE, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP)
       == ERROR_SUCCESS, "enable failed\n");
    /* Our choice of code: the documentation names the rule only. */
    ok(do_reg(other, s, 0x72, SOCK_NOTIFY_REGISTER_EVENT_NONE, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP)
       == ERROR_INVALID_PARAMETER, "a second port was accepted\n");
    ok(do_reg(port, s, 0x73, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    ok(expect_packet(port, 0x71, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");
    expect_quiet(other, 50, "the other port");
    closesocket(s);
    CloseHandle(port);
    CloseHandle(other);
}

/* Rule: the dequeue part behaves like GetQueuedCompletionStatusEx: other
 * packets come through too, several at once, and an empty port times out
 * with WAIT_TIMEOUT after about timeoutMs. */
static void test_dequeue(void)
{
    OVERLAPPED_ENTRY entries[4];
    OVERLAPPED ov;
    HANDLE port = new_port();
    UINT32 got;
    DWORD ret, start, took;

    PostQueuedCompletionStatus(port, 0x2468, 0xc0ffee, &ov);
    PostQueuedCompletionStatus(port, 0x1357, 0xbead, NULL);
    got = 0x55;
    memset(entries, 0x6b, sizeof(entries));
    ret = pProcessSocketNotifications(port, 0, NULL, 0, ARRAY_SIZE(entries), entries, &got);
    ok(ret == ERROR_SUCCESS, "dequeue returned %lu\n", ret);
    ok(got == 2, "got %u entries\n", got);
    ok(entries[0].lpCompletionKey == 0xc0ffee && entries[0].lpOverlapped == &ov &&
       entries[0].dwNumberOfBytesTransferred == 0x2468, "first entry %p %p %#lx\n",
       (void *)entries[0].lpCompletionKey, entries[0].lpOverlapped, entries[0].dwNumberOfBytesTransferred);
    ok(entries[1].lpCompletionKey == 0xbead && entries[1].dwNumberOfBytesTransferred == 0x1357,
       "second entry %p %#lx\n", (void *)entries[1].lpCompletionKey, entries[1].dwNumberOfBytesTransferred);

    got = 0x55;
    start = GetTickCount();
    ret = pProcessSocketNotifications(port, 0, NULL, 120, ARRAY_SIZE(entries), entries, &got);
    took = GetTickCount() - start;
    ok(ret == WAIT_TIMEOUT, "empty port returned %lu\n", ret);
    ok(!got, "got %u entries\n", got);
    ok(took >= 100, "timed out after %lu ms\n", took);

    /* A timeout of 0 does not wait. */
    start = GetTickCount();
    ret = pProcessSocketNotifications(port, 0, NULL, 0, 1, entries, &got);
    ok(ret == WAIT_TIMEOUT, "zero timeout returned %lu\n", ret);
    ok(GetTickCount() - start < 100, "a zero timeout waited\n");
    CloseHandle(port);
}

/* Rule: closing a registered socket deregisters it without a
 * SOCK_NOTIFY_EVENT_REMOVE packet. */
static void test_close(void)
{
    HANDLE port = new_port();
    SOCKET client, server;

    lb_tcp_pair(&client, &server);
    ok(do_reg(port, server, 0xc105, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP)
       == ERROR_SUCCESS, "enable failed\n");
    closesocket(server);
    ok(send(client, "echo", 4, 0) == 4 || WSAGetLastError() == WSAECONNRESET, "send failed: %d\n",
       WSAGetLastError());
    expect_quiet(port, 300, "closed socket");
    closesocket(client);
    CloseHandle(port);
}

/* Rule: SOCK_NOTIFY_EVENT_ERR is reported whatever the filter: a refused
 * connect puts the socket in an error state. */
static void test_error_state(void)
{
    SOCKADDR_STORAGE addr;
    HANDLE port = new_port();
    SOCKET gone, s;
    UINT32 events;
    int len;

    /* A port nobody listens on: bound, then closed. */
    gone = lb_bound(AF_INET, SOCK_STREAM, &addr, &len);
    closesocket(gone);
    s = socket(AF_INET, SOCK_STREAM, 0);
    lb_set_blocking(s, FALSE);
    ok(do_reg(port, s, 0xe77, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_ONCE)
       == ERROR_SUCCESS, "enable failed\n");
    ok(connect(s, LB_ADDR(&addr), len) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
       "connect: %d\n", WSAGetLastError());
    events = expect_packet(port, 0xe77, 5000);
    ok(events != ~0u && (events & SOCK_NOTIFY_EVENT_ERR), "events %#x\n", events);
    /* OUT was not asked for. */
    ok(events == ~0u || !(events & SOCK_NOTIFY_EVENT_OUT), "events %#x\n", events);
    ok(do_reg(port, s, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    ok(expect_packet(port, 0xe77, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");
    closesocket(s);
    CloseHandle(port);
}

/* Rule: IN on a listening socket: a connection can be accepted without
 * blocking. */
static void test_listener(void)
{
    SOCKADDR_STORAGE addr;
    HANDLE port = new_port();
    SOCKET lst, client, server;
    UINT32 events;
    int len;

    lst = lb_listener(&addr, &len);
    ok(do_reg(port, lst, 0x15a, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_ONCE)
       == ERROR_SUCCESS, "enable failed\n");
    expect_quiet(port, 150, "nobody connecting");
    client = socket(AF_INET, SOCK_STREAM, 0);
    ok(!connect(client, LB_ADDR(&addr), len), "connect failed: %d\n", WSAGetLastError());
    events = expect_packet(port, 0x15a, 2000);
    ok(events == SOCK_NOTIFY_EVENT_IN, "events %#x\n", events);
    server = accept(lst, NULL, NULL);
    ok(server != INVALID_SOCKET, "accept failed: %d\n", WSAGetLastError());
    ok(do_reg(port, lst, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    ok(expect_packet(port, 0x15a, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");
    closesocket(server);
    closesocket(client);
    closesocket(lst);
    CloseHandle(port);
}

/* Rule: the notifications are ordinary packets of the port: taken with
 * GetQueuedCompletionStatus, a persistent level registration notifies
 * again while its condition holds, one packet per socket and key. */
static void test_several_sockets(void)
{
    static const ULONG_PTR keys[3] = { 0x5ca1e, 0x5ca1f, 0x5ca20 };
    SOCK_NOTIFY_REGISTRATION regs[3];
    SOCKADDR_STORAGE addr[3];
    HANDLE port = new_port();
    SOCKET udp[3], sender;
    BOOL seen[3] = { FALSE, FALSE, FALSE };
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes, ret;
    int len[3], i, round;

    for (i = 0; i < 3; i++)
    {
        udp[i] = lb_bound(AF_INET, SOCK_DGRAM, &addr[i], &len[i]);
        regs[i] = make_reg(udp[i], keys[i], SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP);
    }
    ret = pProcessSocketNotifications(port, 3, regs, 0, 0, NULL, NULL);
    ok(ret == ERROR_SUCCESS, "registering returned %lu\n", ret);
    for (i = 0; i < 3; i++) ok(!regs[i].registrationResult, "entry %d: %lu\n", i, regs[i].registrationResult);

    /* A datagram for the first and the last socket only. */
    sender = socket(AF_INET, SOCK_DGRAM, 0);
    ok(sendto(sender, "gull", 4, 0, LB_ADDR(&addr[0]), len[0]) == 4, "sendto failed\n");
    ok(sendto(sender, "tern", 4, 0, LB_ADDR(&addr[2]), len[2]) == 4, "sendto failed\n");
    for (round = 0; round < 6; round++)
    {
        ok(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 2000), "no packet in round %d\n", round);
        ok(bytes == SOCK_NOTIFY_EVENT_IN, "events %#lx\n", bytes);
        ok(!ov, "OVERLAPPED %p\n", ov);
        for (i = 0; i < 3; i++) if (key == keys[i]) seen[i] = TRUE;
        ok(key != keys[1], "the socket without data was notified\n");
    }
    /* Both kept being reported while their datagrams wait. */
    ok(seen[0] && seen[2], "seen %d %d\n", seen[0], seen[2]);

    for (i = 0; i < 3; i++) regs[i].operation = SOCK_NOTIFY_OP_REMOVE;
    ret = pProcessSocketNotifications(port, 3, regs, 0, 0, NULL, NULL);
    ok(ret == ERROR_SUCCESS, "removing returned %lu\n", ret);
    /* Each removal packet comes once, after which its key is quiet. */
    memset(seen, 0, sizeof(seen));
    while (GetQueuedCompletionStatus(port, &bytes, &key, &ov, 1000))
    {
        for (i = 0; i < 3; i++)
        {
            if (key != keys[i]) continue;
            ok(!seen[i], "packet %#lx for key %d after its removal\n", bytes, i);
            if (bytes == SOCK_NOTIFY_EVENT_REMOVE) seen[i] = TRUE;
        }
    }
    ok(seen[0] && seen[1] && seen[2], "removals seen %d %d %d\n", seen[0], seen[1], seen[2]);

    for (i = 0; i < 3; i++) closesocket(udp[i]);
    closesocket(sender);
    CloseHandle(port);
}

/* Rule (the documentation's edge-triggered example): a datagram socket
 * registered before it is bound; every datagram after a drain is an edge. */
static void test_datagram_edge(void)
{
    struct sockaddr_in local = lb_addr4(0);
    HANDLE port = new_port();
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0), sender = socket(AF_INET, SOCK_DGRAM, 0);
    UINT32 events;
    int len = sizeof(local), i;

    ok(do_reg(port, s, 0xd6a, SOCK_NOTIFY_REGISTER_EVENT_IN, SOCK_NOTIFY_OP_ENABLE,
              SOCK_NOTIFY_TRIGGER_EDGE) == ERROR_SUCCESS, "enable failed\n");
    ok(!bind(s, LB_ADDR(&local), sizeof(local)), "bind failed: %d\n", WSAGetLastError());
    ok(!getsockname(s, LB_ADDR(&local), &len), "getsockname failed: %d\n", WSAGetLastError());
    for (i = 0; i < 3; i++)
    {
        ok(sendto(sender, "heron", 5, 0, LB_ADDR(&local), len) == 5, "sendto failed\n");
        events = expect_packet(port, 0xd6a, 2000);
        ok(events == SOCK_NOTIFY_EVENT_IN, "datagram %d: events %#x\n", i, events);
        drain(s);
        Sleep(60);
    }
    expect_quiet(port, 100, "drained datagram socket");
    ok(do_reg(port, s, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    ok(expect_packet(port, 0xd6a, 1000) == SOCK_NOTIFY_EVENT_REMOVE, "no removal packet\n");
    closesocket(s);
    closesocket(sender);
    CloseHandle(port);
}

struct taker
{
    HANDLE port;
    ULONG_PTR first_key;    /* keys first_key .. first_key + 63 are watched */
    LONG notes[64];         /* notifications per key before its removal */
    LONG removals[64];      /* removal packets per key */
    LONG late[64];          /* packets per key after its removal */
};

/* Takes packets on another thread until the port has been quiet for
 * 400 ms, sorting them per key. */
static DWORD WINAPI take_packets(void *arg)
{
    struct taker *t = arg;
    OVERLAPPED_ENTRY entries[5];
    UINT32 got, i;

    while (pProcessSocketNotifications(t->port, 0, NULL, 400, ARRAY_SIZE(entries), entries, &got) == ERROR_SUCCESS)
    {
        for (i = 0; i < got; i++)
        {
            ULONG_PTR k = entries[i].lpCompletionKey - t->first_key;

            if (k >= 64) continue;
            if (t->removals[k]) t->late[k]++;
            if (entries[i].dwNumberOfBytesTransferred == SOCK_NOTIFY_EVENT_REMOVE) t->removals[k]++;
            else t->notes[k]++;
        }
    }
    return 0;
}

/* Rule: after a registration's SOCK_NOTIFY_EVENT_REMOVE packet nothing
 * more comes for its key, even while another thread keeps taking the
 * notifications of a condition that always holds. */
static void test_remove_race(void)
{
    static struct taker t;
    HANDLE port = new_port(), thread;
    SOCKET client, server;
    unsigned int i;

    lb_tcp_pair(&client, &server);
    memset(&t, 0, sizeof(t));
    t.port = port;
    t.first_key = 0x7a000;
    /* Always writable: a persistent level registration notifies again
     * each time its packet was taken. */
    ok(do_reg(port, client, t.first_key, SOCK_NOTIFY_REGISTER_EVENT_OUT, SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP)
       == ERROR_SUCCESS, "enable failed\n");
    thread = CreateThread(NULL, 0, take_packets, &t, 0, NULL);
    Sleep(200);
    ok(do_reg(port, client, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS, "remove failed\n");
    /* Then registrations made and removed at once, each with its key. */
    for (i = 1; i < 40; i++)
    {
        ok(do_reg(port, i & 1 ? server : client, t.first_key + i, SOCK_NOTIFY_REGISTER_EVENT_OUT,
                  SOCK_NOTIFY_OP_ENABLE, LEVEL_KEEP) == ERROR_SUCCESS, "enable %u failed\n", i);
        if (i % 3) Sleep(1);
        ok(do_reg(port, i & 1 ? server : client, 0, 0, SOCK_NOTIFY_OP_REMOVE, 0) == ERROR_SUCCESS,
           "remove %u failed\n", i);
    }
    ok(!WaitForSingleObject(thread, 20000), "the taking thread did not end\n");
    CloseHandle(thread);

    ok(t.notes[0] >= 2, "only %ld notifications before the removal\n", t.notes[0]);
    for (i = 0; i < 40; i++)
    {
        ok(t.removals[i] == 1, "key %u: %ld removal packets\n", i, t.removals[i]);
        ok(!t.late[i], "key %u: %ld packets after the removal\n", i, t.late[i]);
    }
    closesocket(client);
    closesocket(server);
    CloseHandle(port);
}

/* Rule: no WSAStartup, WSANOTINITIALISED as the result. */
static void test_not_started(void)
{
    HANDLE port = new_port();
    DWORD ret = pProcessSocketNotifications(port, 0, NULL, 0, 0, NULL, NULL);

    ok(ret == WSANOTINITIALISED, "returned %lu\n", ret);
    CloseHandle(port);
}

START_TEST(socknotify)
{
    WSADATA data;

    pProcessSocketNotifications = (void *)GetProcAddress(GetModuleHandleA("ws2_32.dll"),
                                                         "ProcessSocketNotifications");
    /* Windows 10 2004 and later have it; Wine's builtin does not. */
    todo_wine ok(pProcessSocketNotifications != NULL, "no ProcessSocketNotifications\n");
    if (!pProcessSocketNotifications)
    {
        skip("no ProcessSocketNotifications\n");
        return;
    }
    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_arguments();
    test_registration_results();
    test_level_persistent();
    test_oneshot();
    test_edge();
    test_out_and_hangup();
    test_one_port();
    test_dequeue();
    test_close();
    test_error_state();
    test_listener();
    test_several_sockets();
    test_datagram_edge();
    test_remove_race();
    WSACleanup();
}
