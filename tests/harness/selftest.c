/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Self-test of include/wine/test.h.  Each unit below exercises one part of
 * the harness; tests/harness/run-selftest.sh runs the units under various
 * environments and compares counters, messages and exit codes with what
 * the harness promises.  Units whose name ends in "_clean" must report no
 * failures; the others fail on purpose.
 */

/* test.h first on purpose: it must not pull in winsock.h, or a later
 * winsock2.h would clash with it. */
#include "wine/test.h"
#include <winsock2.h>
#include <windows.h>

/* 3 passes, 1 skip, traces: "3 tests executed (0 marked as todo, 0 failures), 1 skipped" */
START_TEST(basic_clean)
{
    SetLastError(0xdeadbeef);
    ok(GetLastError() == 0xdeadbeef, "ok() clobbered the last error: %lu\n", GetLastError());
    ok(1, "plain check\n");
    ok(ARRAY_SIZE("abc") == 4, "ARRAY_SIZE is wrong\n");
    trace("trace line %d\n", 42);
    skip("skipping something %s\n", "here");
}

/* One failure with two contexts, one without; then a popped context. */
START_TEST(context)
{
    winetest_push_context("outer %d", 1);
    winetest_push_context("inner");
    ok(0, "first failure\n");
    winetest_pop_context();
    ok(0, "second failure\n");
    winetest_pop_context();
    ok(0, "third failure, no newline");
    ok(1, "passes\n");
}

/*
 * platform=wine:    todo_wine ok(0) -> todo, todo_wine ok(1) -> failure,
 *                   todo_if(1) ok(0) -> todo, todo_wine_if(0) ok(1) -> pass,
 *                   nested: todo_if(0) inside todo_wine ok(1) -> pass,
 *                   after the nested block ok(0) still todo -> todo
 *                   => 6 executed, 3 todo, 1 failure
 * platform=windows: ok(0) fail, ok(1) pass, todo, pass, pass, ok(0) fail
 *                   => 6 executed, 1 todo, 2 failures
 */
START_TEST(todo)
{
    todo_wine
    {
        ok(0, "fails in todo_wine\n");
        ok(1, "passes in todo_wine\n");
    }
    todo_if(1) ok(0, "fails in todo_if(1)\n");
    todo_wine_if(0) ok(1, "passes in todo_wine_if(0)\n");
    todo_wine
    {
        todo_if(0) ok(1, "passes in nested todo_if(0)\n");
        ok(0, "fails after nested block\n");
    }
}

/* broken(1) is accepted only on windows with WINETEST_ALLOW_BROKEN=1;
 * broken(0) never is.  Also flaky markers must still run their body. */
START_TEST(broken)
{
    int flaky_ran = 0, evaluated = 0;

    ok(broken(1), "broken(1) not accepted\n");
    ok(!broken(0), "broken(0) accepted\n");
    flaky ok(1, "flaky\n");
    flaky_wine_if(++evaluated) flaky_ran++;
    if (0) flaky_ran = 100; else flaky_wine flaky_ran++;
    ok(flaky_ran == 2 && evaluated == 1, "flaky markers broke: %d %d\n", flaky_ran, evaluated);
}

/* skip() everywhere; win_skip() is a skip on windows, a failure on wine. */
START_TEST(win_skip)
{
    win_skip("feature missing\n");
    ok(1, "ok\n");
}

/* Starts itself twice: "child good" and "child bad"; the bad child makes
 * two failures, so the parent records exactly one failure for it. */
START_TEST(child)
{
    char **argv, cmdline[MAX_PATH + 64];
    int argc = winetest_get_mainargs(&argv);
    static const char *const modes[] = { "good", "bad" };
    unsigned int i;

    if (argc >= 3)
    {
        ok(!strcmp(argv[1], "child"), "argv[1] is %s\n", argv[1]);
        ok(strcmp(argv[2], "bad") != 0, "child failure 1\n");
        ok(strcmp(argv[2], "bad") != 0, "child failure 2\n");
        return;
    }
    ok(argc == 2, "argc is %d\n", argc);
    for (i = 0; i < ARRAY_SIZE(modes); i++)
    {
        STARTUPINFOA si;
        PROCESS_INFORMATION pi;
        BOOL ret;

        memset(&si, 0, sizeof(si));
        si.cb = sizeof(si);
        sprintf(cmdline, "\"%s\" child %s", argv[0], modes[i]);
        ret = CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
        ok(ret, "CreateProcess failed: %lu\n", GetLastError());
        if (!ret) continue;
        winetest_push_context("%s child", modes[i]);
        wait_child_process(pi.hProcess);
        winetest_pop_context();
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
    }
}

/* Four threads, each 1000 checks with their own context and todo state;
 * nothing may leak between threads and no count may be lost. */
static DWORD WINAPI thread_proc(void *arg)
{
    int id = (int)(INT_PTR)arg, i;

    winetest_push_context("thread %d", id);
    for (i = 0; i < 1000; i++)
    {
        if (id == 0)
            todo_if(1) ok(0, "thread todo\n");
        else
            ok(1, "thread check\n");
    }
    ok(!strcmp(wine_dbgstr_a("x"), "\"x\""), "dbgstr in thread\n");
    winetest_pop_context();
    return 0;
}

/* 4001 + 3 executed, 1000 todo, 0 failures */
START_TEST(threads_clean)
{
    HANDLE threads[4];
    int i;

    for (i = 0; i < 4; i++)
        threads[i] = CreateThread(NULL, 0, thread_proc, (void *)(INT_PTR)i, 0, NULL);
    ok(WaitForMultipleObjects(4, threads, TRUE, 30000) == WAIT_OBJECT_0, "threads hung\n");
    for (i = 0; i < 4; i++) CloseHandle(threads[i]);
}

#define check_str(got, expect) ok(!strcmp(got, expect), "got %s, expected %s\n", got, expect)

START_TEST(dbgstr_clean)
{
    static const GUID guid = {0x12345678, 0x9abc, 0xdef0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
    static const WCHAR wide[] = {'a', 0x263a, '"', 0};
    char big[3000];
    const char *results[40];
    int i;

    check_str(wine_dbgstr_a("a\"b\n\\\t\x01"), "\"a\\\"b\\n\\\\\\t\\x01\"");
    check_str(wine_dbgstr_a(NULL), "(null)");
    check_str(wine_dbgstr_a((const char *)0x12), "#0012");
    check_str(wine_dbgstr_an("abcdef", 3), "\"abc\"");
    check_str(wine_dbgstr_an("ab\0cd", 5), "\"ab\\x00cd\"");
    check_str(wine_dbgstr_w(wide), "L\"a\\x263a\\\"\"");
    check_str(wine_dbgstr_wn(wide, 1), "L\"a\"");
    check_str(wine_dbgstr_w(NULL), "(null)");
    check_str(wine_dbgstr_guid(&guid), "{12345678-9abc-def0-0123-456789abcdef}");
    check_str(wine_dbgstr_guid(NULL), "(null)");
    check_str(wine_dbgstr_longlong(0x123456789aULL), "123456789a");
    check_str(wine_dbg_sprintf("%zu %lld %s", (size_t)7, -5LL, "x"), "7 -5 x");

    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    ok(strlen(wine_dbgstr_a(big)) < WINETEST_STRBUF_SIZE, "long string overflowed\n");
    ok(!strcmp(wine_dbgstr_a(big) + strlen(wine_dbgstr_a(big)) - 4, "\"..."), "no truncation marker\n");

    /* The ring keeps recent results intact. */
    for (i = 0; i < 20; i++) results[i] = wine_dbg_sprintf("%d", i);
    for (i = 0; i < 20; i++)
    {
        char expect[8];
        sprintf(expect, "%d", i);
        check_str(results[i], expect);
    }
}

/* Crash after one check: exit code must be the exception code. */
START_TEST(crash)
{
    /* An address the compiler cannot see through, so the store stays. */
    volatile int *bad = (volatile int *)(INT_PTR)atoi("8");

    ok(1, "before the crash\n");
    *bad = 1;
}
