/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Tests of the Wah* helpers ws2_32 exports for providers: handle-context
 * tables, the APC helper and thread ids, the handle helper's socket
 * handles and their completion, and catalog-change notifications.
 *
 * Microsoft does not document these.  What is checked is what the public
 * descriptions of the interface say they do (ReactOS's ws2help, read for
 * facts): return values are Win32 error codes, a context starts with the
 * handle it is filed under, inserting a context for a handle already
 * filed returns the one it replaces, and so on; each test names its rule.
 * Wine's builtin ws2_32 exports none of them: every test is skipped there.
 */
#include <winsock2.h>
#include <ws2spi.h>
#include <windows.h>
#include <stdio.h>
#include "wine/test.h"

typedef struct { HANDLE handle; } wah_context;
typedef BOOL (WINAPI *wah_enum_proc)(void *param, wah_context *context);

static DWORD (WINAPI *pWahCreateHandleContextTable)(void **table);
static DWORD (WINAPI *pWahDestroyHandleContextTable)(void *table);
static wah_context *(WINAPI *pWahInsertHandleContext)(void *table, wah_context *context);
static wah_context *(WINAPI *pWahReferenceContextByHandle)(void *table, HANDLE handle);
static DWORD (WINAPI *pWahRemoveHandleContext)(void *table, wah_context *context);
static BOOL (WINAPI *pWahEnumerateHandleContexts)(void *table, wah_enum_proc proc, void *param);
static DWORD (WINAPI *pWahOpenApcHelper)(HANDLE *helper);
static DWORD (WINAPI *pWahCloseApcHelper)(HANDLE helper);
static DWORD (WINAPI *pWahOpenCurrentThread)(HANDLE helper, WSATHREADID *id);
static DWORD (WINAPI *pWahCloseThread)(HANDLE helper, WSATHREADID *id);
static INT (WINAPI *pWahQueueUserApc)(HANDLE helper, WSATHREADID *id, LPWSAUSERAPC routine, void *context);
static DWORD (WINAPI *pWahOpenHandleHelper)(HANDLE *helper);
static DWORD (WINAPI *pWahCloseHandleHelper)(HANDLE helper);
static DWORD (WINAPI *pWahCreateSocketHandle)(HANDLE helper, SOCKET *s);
static DWORD (WINAPI *pWahCloseSocketHandle)(HANDLE helper, SOCKET s);
static DWORD (WINAPI *pWahCompleteRequest)(HANDLE helper, SOCKET s, WSAOVERLAPPED *ov, DWORD error, DWORD bytes);
static INT (WINAPI *pWahEnableNonIFSHandleSupport)(void);
static INT (WINAPI *pWahDisableNonIFSHandleSupport)(void);
static DWORD (WINAPI *pWahOpenNotificationHandleHelper)(HANDLE *helper);
static DWORD (WINAPI *pWahCloseNotificationHandleHelper)(HANDLE helper);
static DWORD (WINAPI *pWahCreateNotificationHandle)(HANDLE helper, HANDLE *notify);
static INT (WINAPI *pWahNotifyAllProcesses)(HANDLE helper);
static INT (WINAPI *pWahWaitForNotification)(HANDLE helper, HANDLE notify, WSAOVERLAPPED *ov,
                                             LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);

/* A value none of the calls stores, to see what they leave alone. */
#define UNTOUCHED_PTR ((void *)(ULONG_PTR)0x6b6b6b6b)

static BOOL load_functions(void)
{
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
#define LOAD(name) if (!(p##name = (void *)GetProcAddress(ws2, #name))) return FALSE
    LOAD(WahCreateHandleContextTable);
    LOAD(WahDestroyHandleContextTable);
    LOAD(WahInsertHandleContext);
    LOAD(WahReferenceContextByHandle);
    LOAD(WahRemoveHandleContext);
    LOAD(WahEnumerateHandleContexts);
    LOAD(WahOpenApcHelper);
    LOAD(WahCloseApcHelper);
    LOAD(WahOpenCurrentThread);
    LOAD(WahCloseThread);
    LOAD(WahQueueUserApc);
    LOAD(WahOpenHandleHelper);
    LOAD(WahCloseHandleHelper);
    LOAD(WahCreateSocketHandle);
    LOAD(WahCloseSocketHandle);
    LOAD(WahCompleteRequest);
    LOAD(WahEnableNonIFSHandleSupport);
    LOAD(WahDisableNonIFSHandleSupport);
    LOAD(WahOpenNotificationHandleHelper);
    LOAD(WahCloseNotificationHandleHelper);
    LOAD(WahCreateNotificationHandle);
    LOAD(WahNotifyAllProcesses);
    LOAD(WahWaitForNotification);
#undef LOAD
    return TRUE;
}

/* Handle values for the tables: multiples of four, as real handles are. */
static HANDLE test_handle(unsigned int n)
{
    return (HANDLE)(ULONG_PTR)(0x7a0 + 4 * n);
}

/* ---- handle-context tables ---- */

/* A table is made into a result pointer; no pointer, no table. */
static void test_table_create(void)
{
    void *table = UNTOUCHED_PTR;
    DWORD ret;

    ret = pWahCreateHandleContextTable(NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "no result pointer: got %lu\n", ret);
    ret = pWahCreateHandleContextTable(&table);
    ok(!ret, "got %lu\n", ret);
    ok(table && table != UNTOUCHED_PTR, "no table: %p\n", table);
    ret = pWahDestroyHandleContextTable(table);
    ok(!ret, "destroy: got %lu\n", ret);
    ret = pWahDestroyHandleContextTable(NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "destroy NULL: got %lu\n", ret);
}

/* A context is found by the handle it starts with, and only that one. */
static void test_table_lookup(void)
{
    wah_context first = { test_handle(3) }, second = { test_handle(40) };
    void *table;

    pWahCreateHandleContextTable(&table);
    ok(pWahReferenceContextByHandle(table, first.handle) == NULL, "found in an empty table\n");
    ok(pWahInsertHandleContext(table, &first) == &first, "insert did not return the context\n");
    ok(pWahInsertHandleContext(table, &second) == &second, "insert did not return the context\n");
    ok(pWahReferenceContextByHandle(table, first.handle) == &first, "first not found\n");
    ok(pWahReferenceContextByHandle(table, second.handle) == &second, "second not found\n");
    ok(pWahReferenceContextByHandle(table, test_handle(41)) == NULL, "a handle never filed was found\n");
    pWahDestroyHandleContextTable(table);
}

/* A second context for a filed handle replaces the first, and the insert
 * returns the replaced one so its owner can release it; the replaced one
 * can then no longer be removed. */
static void test_table_replace(void)
{
    wah_context older = { test_handle(9) }, newer = { test_handle(9) };
    void *table;
    DWORD ret;

    pWahCreateHandleContextTable(&table);
    pWahInsertHandleContext(table, &older);
    ok(pWahInsertHandleContext(table, &newer) == &older, "the replaced context was not returned\n");
    ok(pWahReferenceContextByHandle(table, test_handle(9)) == &newer, "the new context is not filed\n");
    ret = pWahRemoveHandleContext(table, &older);
    ok(ret == ERROR_INVALID_PARAMETER, "removing the replaced context: got %lu\n", ret);
    ok(pWahReferenceContextByHandle(table, test_handle(9)) == &newer, "the new context went away\n");
    pWahDestroyHandleContextTable(table);
}

/* A removed context is gone; removing it again fails. */
static void test_table_remove(void)
{
    wah_context kept = { test_handle(17) }, dropped = { test_handle(18) };
    void *table;
    DWORD ret;

    pWahCreateHandleContextTable(&table);
    pWahInsertHandleContext(table, &kept);
    pWahInsertHandleContext(table, &dropped);
    ret = pWahRemoveHandleContext(table, &dropped);
    ok(!ret, "got %lu\n", ret);
    ok(pWahReferenceContextByHandle(table, dropped.handle) == NULL, "removed context still found\n");
    ok(pWahReferenceContextByHandle(table, kept.handle) == &kept, "the other context went away\n");
    ret = pWahRemoveHandleContext(table, &dropped);
    ok(ret == ERROR_INVALID_PARAMETER, "second removal: got %lu\n", ret);
    pWahDestroyHandleContextTable(table);
}

/* ---- enumeration ---- */

struct enum_state
{
    unsigned int calls;
    unsigned int stop_after;        /* answer FALSE on this call; 0 never */
    unsigned char seen[1200];       /* how often each test_handle(n) came */
    void *param_seen;
};

static BOOL WINAPI enum_callback(void *param, wah_context *context)
{
    struct enum_state *state = param;
    ULONG_PTR n = ((ULONG_PTR)context->handle - 0x7a0) / 4;

    state->param_seen = param;
    state->calls++;
    if (n < ARRAY_SIZE(state->seen)) state->seen[n]++;
    return state->calls != state->stop_after;
}

/* Every context comes once, with the caller's parameter, and the result is
 * TRUE; an empty table calls nothing; a FALSE answer stops the walk and is
 * the result. */
static void test_table_enumerate(void)
{
    static wah_context contexts[700];
    struct enum_state state;
    unsigned int i, once = 0;
    void *table;
    BOOL ret;

    pWahCreateHandleContextTable(&table);
    memset(&state, 0, sizeof(state));
    ret = pWahEnumerateHandleContexts(table, enum_callback, &state);
    ok(ret, "empty table: got FALSE\n");
    ok(!state.calls, "empty table: %u calls\n", state.calls);

    /* More contexts than a small table holds, on every third handle. */
    for (i = 0; i < ARRAY_SIZE(contexts); i++)
    {
        contexts[i].handle = test_handle(i + i / 2);
        pWahInsertHandleContext(table, &contexts[i]);
    }
    memset(&state, 0, sizeof(state));
    ret = pWahEnumerateHandleContexts(table, enum_callback, &state);
    ok(ret, "got FALSE\n");
    ok(state.calls == ARRAY_SIZE(contexts), "%u calls\n", state.calls);
    ok(state.param_seen == &state, "parameter %p\n", state.param_seen);
    for (i = 0; i < ARRAY_SIZE(contexts); i++) once += state.seen[i + i / 2] == 1;
    ok(once == ARRAY_SIZE(contexts), "%u contexts came exactly once\n", once);

    memset(&state, 0, sizeof(state));
    state.stop_after = 5;
    ret = pWahEnumerateHandleContexts(table, enum_callback, &state);
    ok(!ret, "stopped walk: got TRUE\n");
    ok(state.calls == 5, "stopped walk: %u calls\n", state.calls);
    pWahDestroyHandleContextTable(table);
}

/* ---- several threads on one table ---- */

#define WORKERS 4
#define PER_WORKER 600

struct worker
{
    void *table;
    unsigned int first;             /* its handles: test_handle(first + i) */
    wah_context contexts[PER_WORKER];
    unsigned int misses;            /* own contexts not found when they should be */
    HANDLE start;
};

/* Each worker files its own contexts, finds each one, and removes every
 * other one, while the others do the same on the same table. */
static DWORD WINAPI table_worker(void *arg)
{
    struct worker *w = arg;
    unsigned int i, round;

    WaitForSingleObject(w->start, INFINITE);
    for (i = 0; i < PER_WORKER; i++)
    {
        w->contexts[i].handle = test_handle(w->first + i);
        if (pWahInsertHandleContext(w->table, &w->contexts[i]) != &w->contexts[i]) w->misses++;
    }
    for (round = 0; round < 3; round++)
        for (i = 0; i < PER_WORKER; i++)
            if (pWahReferenceContextByHandle(w->table, w->contexts[i].handle) != &w->contexts[i]) w->misses++;
    for (i = 0; i < PER_WORKER; i += 2)
        if (pWahRemoveHandleContext(w->table, &w->contexts[i])) w->misses++;
    for (i = 0; i < PER_WORKER; i++)
    {
        wah_context *found = pWahReferenceContextByHandle(w->table, w->contexts[i].handle);
        if (found != (i % 2 ? &w->contexts[i] : NULL)) w->misses++;
    }
    return 0;
}

static BOOL WINAPI count_callback(void *param, wah_context *context)
{
    ++*(unsigned int *)param;
    return TRUE;
}

static void test_table_threads(void)
{
    static struct worker workers[WORKERS];
    HANDLE threads[WORKERS], start = CreateEventA(NULL, TRUE, FALSE, NULL);
    unsigned int i, count = 0;
    void *table;

    pWahCreateHandleContextTable(&table);
    for (i = 0; i < WORKERS; i++)
    {
        workers[i].table = table;
        workers[i].first = 1000 * (i + 1);
        workers[i].misses = 0;
        workers[i].start = start;
        threads[i] = CreateThread(NULL, 0, table_worker, &workers[i], 0, NULL);
    }
    SetEvent(start);
    ok(WaitForMultipleObjects(WORKERS, threads, TRUE, 60000) == WAIT_OBJECT_0, "workers did not finish\n");
    for (i = 0; i < WORKERS; i++)
    {
        ok(!workers[i].misses, "worker %u: %u lookups went wrong\n", i, workers[i].misses);
        CloseHandle(threads[i]);
    }
    pWahEnumerateHandleContexts(table, count_callback, &count);
    ok(count == WORKERS * PER_WORKER / 2, "%u contexts left\n", count);
    pWahDestroyHandleContextTable(table);
    CloseHandle(start);
}

/* ---- the APC helper ---- */

static unsigned int apc_calls;
static DWORD_PTR apc_context;
static DWORD apc_thread;

static void CALLBACK user_apc(DWORD_PTR context)
{
    apc_calls++;
    apc_context = context;
    apc_thread = GetCurrentThreadId();
}

/* The helper is a token: opened, closed, and nothing else closes. */
static void test_apc_helper(void)
{
    HANDLE helper = UNTOUCHED_PTR;
    DWORD ret;

    ret = pWahOpenApcHelper(NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "no result pointer: got %lu\n", ret);
    ret = pWahOpenApcHelper(&helper);
    ok(!ret, "got %lu\n", ret);
    ok(helper && helper != UNTOUCHED_PTR, "helper %p\n", helper);
    ret = pWahCloseApcHelper((HANDLE)0x3b4);
    ok(ret == ERROR_INVALID_PARAMETER, "closing a stranger: got %lu\n", ret);
    ret = pWahCloseApcHelper(helper);
    ok(!ret, "got %lu\n", ret);
}

/* The thread id holds a real handle to the calling thread, one an APC can
 * be queued to; closing clears it. */
static void test_apc_self(void)
{
    WSATHREADID id;
    HANDLE helper;
    DWORD ret;

    pWahOpenApcHelper(&helper);
    memset(&id, 0x6b, sizeof(id));
    ret = pWahOpenCurrentThread(helper, &id);
    ok(!ret, "got %lu\n", ret);
    ok(id.ThreadHandle && id.ThreadHandle != GetCurrentThread() && id.ThreadHandle != UNTOUCHED_PTR,
       "thread handle %p\n", id.ThreadHandle);
    ok(GetThreadId(id.ThreadHandle) == GetCurrentThreadId(), "the handle is of thread %lu\n",
       GetThreadId(id.ThreadHandle));

    apc_calls = 0;
    ret = pWahQueueUserApc(helper, &id, user_apc, (void *)(ULONG_PTR)0x5e1);
    ok(!ret, "queue: got %lu\n", ret);
    ok(!apc_calls, "the APC ran before an alertable wait\n");
    ret = SleepEx(0, TRUE);
    ok(ret == WAIT_IO_COMPLETION, "alertable wait: got %lu\n", ret);
    ok(apc_calls == 1 && apc_context == 0x5e1, "%u calls, context %#lx\n", apc_calls, (unsigned long)apc_context);

    ret = pWahQueueUserApc(helper, &id, NULL, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "no routine: got %lu\n", ret);
    ret = pWahCloseThread(helper, &id);
    ok(!ret, "close: got %lu\n", ret);
    ok(!id.ThreadHandle, "handle %p left\n", id.ThreadHandle);
    ret = pWahCloseThread(helper, &id);
    ok(ret == ERROR_INVALID_PARAMETER, "second close: got %lu\n", ret);
    pWahCloseApcHelper(helper);
}

struct apc_sender
{
    HANDLE helper;
    WSATHREADID *target;
    DWORD result;
};

static DWORD WINAPI send_apc(void *arg)
{
    struct apc_sender *s = arg;

    Sleep(50);
    s->result = pWahQueueUserApc(s->helper, s->target, user_apc, (void *)(ULONG_PTR)0x2f7);
    return 0;
}

/* An APC queued from another thread runs in the waiting thread, during
 * its alertable wait. */
static void test_apc_other_thread(void)
{
    struct apc_sender sender;
    WSATHREADID id;
    HANDLE helper, thread;
    DWORD ret;

    pWahOpenApcHelper(&helper);
    pWahOpenCurrentThread(helper, &id);
    sender.helper = helper;
    sender.target = &id;
    sender.result = 0x6b;
    apc_calls = 0;
    apc_thread = 0;
    thread = CreateThread(NULL, 0, send_apc, &sender, 0, NULL);
    ret = SleepEx(10000, TRUE);
    ok(ret == WAIT_IO_COMPLETION, "alertable wait: got %lu\n", ret);
    WaitForSingleObject(thread, 10000);
    CloseHandle(thread);
    ok(!sender.result, "queue: got %lu\n", sender.result);
    ok(apc_calls == 1 && apc_context == 0x2f7, "%u calls, context %#lx\n", apc_calls, (unsigned long)apc_context);
    ok(apc_thread == GetCurrentThreadId(), "ran in thread %lu\n", apc_thread);
    pWahCloseThread(helper, &id);
    pWahCloseApcHelper(helper);
}

/* ---- the handle helper ---- */

/* Socket handles from the helper are real handles; a completed request
 * on one reaches the OVERLAPPED, its event and the completion port bound
 * to the handle; closing works once. */
static void test_handle_helper(void)
{
    WSAOVERLAPPED ov, *got_ov;
    HANDLE helper = UNTOUCHED_PTR, port;
    SOCKET s = (SOCKET)UNTOUCHED_PTR;
    ULONG_PTR key;
    DWORD ret, flags, bytes;

    ret = pWahOpenHandleHelper(NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "no result pointer: got %lu\n", ret);
    ret = pWahOpenHandleHelper(&helper);
    ok(!ret, "got %lu\n", ret);
    ok(helper && helper != UNTOUCHED_PTR, "helper %p\n", helper);

    ret = pWahCreateSocketHandle(helper, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "no result pointer: got %lu\n", ret);
    ret = pWahCreateSocketHandle(helper, &s);
    ok(!ret, "got %lu\n", ret);
    ok(s && s != INVALID_SOCKET && s != (SOCKET)UNTOUCHED_PTR, "socket %p\n", (void *)s);
    ok(GetHandleInformation((HANDLE)s, &flags), "not a handle: error %lu\n", GetLastError());

    port = CreateIoCompletionPort((HANDLE)s, NULL, 0x4d2, 0);
    ok(port != NULL, "cannot bind a port: error %lu\n", GetLastError());
    memset(&ov, 0x6b, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ret = pWahCompleteRequest(helper, s, &ov, 0, 321);
    ok(!ret, "complete: got %lu\n", ret);
    ok(!WaitForSingleObject(ov.hEvent, 5000), "event not set\n");
    ok(ov.Internal == 0, "status %#lx\n", (unsigned long)ov.Internal);
    ok(ov.InternalHigh == 321, "count %lu\n", (unsigned long)ov.InternalHigh);
    got_ov = NULL;
    key = 0;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 5000);
    ok(ret, "no packet: error %lu\n", GetLastError());
    ok(got_ov == &ov, "packet for %p\n", got_ov);
    ok(key == 0x4d2, "key %#lx\n", (unsigned long)key);
    CloseHandle(ov.hEvent);

    ret = pWahCloseSocketHandle(helper, s);
    ok(!ret, "close: got %lu\n", ret);
    ok(!GetHandleInformation((HANDLE)s, &flags), "the handle is still open\n");
    ret = pWahCloseSocketHandle(helper, s);
    ok(ret == ERROR_INVALID_PARAMETER, "second close: got %lu\n", ret);
    ret = pWahCloseSocketHandle(helper, INVALID_SOCKET);
    ok(ret == ERROR_INVALID_PARAMETER, "closing INVALID_SOCKET: got %lu\n", ret);
    CloseHandle(port);

    ret = pWahCloseHandleHelper(helper);
    ok(!ret, "close helper: got %lu\n", ret);
    ret = pWahCloseHandleHelper(NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "close NULL helper: got %lu\n", ret);
}

/* Turning non-IFS handle support on and off succeeds. */
static void test_nonifs_support(void)
{
    INT ret;

    ret = pWahEnableNonIFSHandleSupport();
    ok(!ret, "enable: got %d\n", ret);
    ret = pWahDisableNonIFSHandleSupport();
    ok(!ret, "disable: got %d\n", ret);
}

/* ---- notifications ---- */

/* A notification reaches every notification handle; a blocking wait
 * returns once one has arrived and takes it. */
static void test_notify_blocking(void)
{
    HANDLE helper = UNTOUCHED_PTR, first = NULL, second = NULL;
    DWORD ret;

    ret = pWahOpenNotificationHandleHelper(&helper);
    ok(!ret, "got %lu\n", ret);
    ok(helper && helper != UNTOUCHED_PTR, "helper %p\n", helper);
    ret = pWahCreateNotificationHandle(helper, &first);
    ok(!ret, "create: got %lu\n", ret);
    ret = pWahCreateNotificationHandle(helper, &second);
    ok(!ret, "create: got %lu\n", ret);
    ok(first && second && first != second, "handles %p %p\n", first, second);
    ok(WaitForSingleObject(first, 0) == WAIT_TIMEOUT, "signalled before any notification\n");

    ret = pWahNotifyAllProcesses(helper);
    ok(!ret, "notify: got %lu\n", ret);
    ok(!WaitForSingleObject(first, 0), "first handle not signalled\n");
    ok(!WaitForSingleObject(second, 0), "second handle not signalled\n");
    ret = pWahWaitForNotification(helper, first, NULL, NULL);
    ok(!ret, "wait: got %lu\n", ret);
    ok(WaitForSingleObject(first, 0) == WAIT_TIMEOUT, "the wait did not take the notification\n");
    ok(!WaitForSingleObject(second, 0), "the other handle lost its notification\n");

    CloseHandle(first);
    CloseHandle(second);
    ret = pWahCloseNotificationHandleHelper((HANDLE)0x3b8);
    ok(ret == ERROR_INVALID_PARAMETER, "closing a stranger: got %lu\n", ret);
    ret = pWahCloseNotificationHandleHelper(helper);
    ok(!ret, "close: got %lu\n", ret);
}

/* An overlapped wait pends and completes its OVERLAPPED when a
 * notification comes. */
static void test_notify_overlapped(void)
{
    HANDLE helper, notify;
    WSAOVERLAPPED ov;
    INT ret;

    pWahOpenNotificationHandleHelper(&helper);
    pWahCreateNotificationHandle(helper, &notify);
    memset(&ov, 0x6b, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ret = pWahWaitForNotification(helper, notify, &ov, NULL);
    ok(ret == WSA_IO_PENDING, "got %d\n", ret);
    ok(WaitForSingleObject(ov.hEvent, 100) == WAIT_TIMEOUT, "completed without a notification\n");
    pWahNotifyAllProcesses(helper);
    ok(!WaitForSingleObject(ov.hEvent, 5000), "not completed\n");
    ok(ov.Internal == 0, "status %#lx\n", (unsigned long)ov.Internal);
    CloseHandle(ov.hEvent);
    CloseHandle(notify);
    pWahCloseNotificationHandleHelper(helper);
}

static unsigned int routine_calls;
static DWORD routine_error;
static WSAOVERLAPPED *routine_ov;

static void CALLBACK notify_routine(DWORD error, DWORD bytes, WSAOVERLAPPED *ov, DWORD flags)
{
    routine_calls++;
    routine_error = error;
    routine_ov = ov;
}

/* With a completion routine, the routine runs as an APC of the waiting
 * thread once the notification has come. */
static void test_notify_routine(void)
{
    HANDLE helper, notify;
    WSAOVERLAPPED ov;
    DWORD ret;

    pWahOpenNotificationHandleHelper(&helper);
    pWahCreateNotificationHandle(helper, &notify);
    memset(&ov, 0x6b, sizeof(ov));
    ov.hEvent = NULL;
    routine_calls = 0;
    ret = pWahWaitForNotification(helper, notify, &ov, notify_routine);
    ok(ret == WSA_IO_PENDING, "got %lu\n", ret);
    ok(SleepEx(50, TRUE) == 0, "something completed without a notification\n");
    pWahNotifyAllProcesses(helper);
    ret = SleepEx(5000, TRUE);
    ok(ret == WAIT_IO_COMPLETION, "alertable wait: got %lu\n", ret);
    ok(routine_calls == 1, "%u calls\n", routine_calls);
    ok(!routine_error && routine_ov == &ov, "error %lu, OVERLAPPED %p\n", routine_error, routine_ov);
    CloseHandle(notify);
    pWahCloseNotificationHandleHelper(helper);
}

/* The child of test_notify_processes: one notification, then exit. */
static void notify_child(void)
{
    HANDLE helper;

    pWahOpenNotificationHandleHelper(&helper);
    ok(!pWahNotifyAllProcesses(helper), "the child could not notify\n");
    pWahCloseNotificationHandleHelper(helper);
}

/* A notification sent by another process reaches this one's handles. */
static void test_notify_processes(void)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE helper, notify;
    char cmd[MAX_PATH + 32], **argv;

    winetest_get_mainargs(&argv);
    pWahOpenNotificationHandleHelper(&helper);
    pWahCreateNotificationHandle(helper, &notify);
    ok(WaitForSingleObject(notify, 0) == WAIT_TIMEOUT, "signalled before any notification\n");
    sprintf(cmd, "\"%s\" wah notify-child", argv[0]);
    ok(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess failed\n");
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    if (WaitForSingleObject(notify, 5000))
        ok(0, "the child's notification did not arrive\n");
    else
        ok(!pWahWaitForNotification(helper, notify, NULL, NULL), "wait failed\n");
    CloseHandle(notify);
    pWahCloseNotificationHandleHelper(helper);
}

/* Helpers refuse handles that are not theirs. */
static void test_foreign_helpers(void)
{
    HANDLE apc, notify, handles, made = NULL;
    WSATHREADID id;
    SOCKET s;
    DWORD ret;

    pWahOpenApcHelper(&apc);
    pWahOpenNotificationHandleHelper(&notify);
    pWahOpenHandleHelper(&handles);
    ret = pWahOpenCurrentThread(notify, &id);
    ok(ret == ERROR_INVALID_PARAMETER, "thread id from the notification helper: got %lu\n", ret);
    ret = pWahCreateSocketHandle(apc, &s);
    ok(ret == ERROR_INVALID_PARAMETER, "socket from the APC helper: got %lu\n", ret);
    ret = pWahCreateNotificationHandle(handles, &made);
    ok(ret == ERROR_INVALID_PARAMETER, "notification from the handle helper: got %lu\n", ret);
    ok(!made, "a handle was made: %p\n", made);
    ret = pWahCloseApcHelper(notify);
    ok(ret == ERROR_INVALID_PARAMETER, "closing the notification helper as APC helper: got %lu\n", ret);
    pWahCloseHandleHelper(handles);
    pWahCloseNotificationHandleHelper(notify);
    pWahCloseApcHelper(apc);
}

/* A bad table or context finds nothing and files nothing. */
static void test_table_bad_arguments(void)
{
    wah_context context = { test_handle(77) };
    void *table;
    DWORD ret;

    ok(pWahReferenceContextByHandle(NULL, context.handle) == NULL, "found in no table\n");
    ok(pWahInsertHandleContext(NULL, &context) == NULL, "filed in no table\n");
    pWahCreateHandleContextTable(&table);
    ok(pWahInsertHandleContext(table, NULL) == NULL, "filed no context\n");
    ret = pWahRemoveHandleContext(table, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "removing no context: got %lu\n", ret);
    ret = pWahRemoveHandleContext(table, &context);
    ok(ret == ERROR_INVALID_PARAMETER, "removing a context never filed: got %lu\n", ret);
    pWahDestroyHandleContextTable(table);
}

START_TEST(wah)
{
    char **argv;
    int argc = winetest_get_mainargs(&argv);

    if (!load_functions())
    {
        skip("the Wah* helpers are not exported\n");
        return;
    }
    if (argc > 2 && !strcmp(argv[2], "notify-child"))
    {
        notify_child();
        return;
    }
    test_table_create();
    test_table_bad_arguments();
    test_table_lookup();
    test_table_replace();
    test_table_remove();
    test_table_enumerate();
    test_table_threads();
    test_apc_helper();
    test_apc_self();
    test_apc_other_thread();
    test_handle_helper();
    test_nonifs_support();
    test_notify_blocking();
    test_notify_overlapped();
    test_notify_routine();
    test_notify_processes();
    test_foreign_helpers();
}
