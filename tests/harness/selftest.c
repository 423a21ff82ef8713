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

/* 5 passes, 1 skip, a trace: "5 tests executed (0 marked as todo, 0 failures), 1 skipped".
 * Harness calls between setting and reading the last error keep it. */
START_TEST(basic_clean)
{
    SetLastError(0x5a17c3e1);
    ok(GetLastError() == 0x5a17c3e1, "ok() clobbered the last error: %lu\n", GetLastError());
    SetLastError(0x77);
    winetest_push_context("keeps %s", "error");
    winetest_pop_context();
    trace("trace line %d\n", 42);
    trace_("other/place.c", 9)("direct trace\n");
    ok(GetLastError() == 0x77, "context or trace clobbered the last error: %lu\n", GetLastError());
    SetLastError(0x6b);
    todo_if(0) ok(GetLastError() == 0x6b, "todo_if clobbered the last error: %lu\n", GetLastError());
    ok(1, "plain check\n");
    ok(ARRAY_SIZE("abc") == 4, "ARRAY_SIZE is wrong\n");
    skip("skipping something %s\n", "here");
}

/* One failure with two contexts, one without; then a popped context.
 * Then more contexts than are shown (16): the deeper ones are left out
 * of the line, and popping all of them leaves no prefix behind. */
START_TEST(context)
{
    int i;

    winetest_push_context("outer %d", 1);
    winetest_push_context("inner");
    ok(0, "first failure\n");
    winetest_pop_context();
    ok(0, "second failure\n");
    winetest_pop_context();
    ok(0, "third failure, no newline");
    ok(1, "passes\n");

    for (i = 0; i < 19; i++) winetest_push_context("L%d", i);
    ok(0, "deep failure\n");
    for (i = 0; i < 19; i++) winetest_pop_context();
    ok(0, "after deep pops\n");

    /* The explicit-location form names the file without its directories. */
    ok_("some/dir\\helper.c", 77)(0, "reported through ok_\n");
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

/* An address the compiler cannot see through, so a store to it stays. */
static volatile int *unmapped_address(void)
{
    return (volatile int *)(INT_PTR)atoi("8");
}

/* Starts itself three times: "child good", "child bad" and "child crash".
 * The bad child makes two failures and the crashing one dies of an access
 * violation; the parent records one failure for each of them. */
START_TEST(child)
{
    char **argv, cmdline[MAX_PATH + 64];
    int argc = winetest_get_mainargs(&argv);
    static const char *const modes[] = { "good", "bad", "crash" };
    unsigned int i;

    if (argc >= 3)
    {
        ok(!strcmp(argv[1], "child"), "argv[1] is %s\n", argv[1]);
        ok(strcmp(argv[2], "bad") != 0, "child failure 1\n");
        ok(strcmp(argv[2], "bad") != 0, "child failure 2\n");
        if (!strcmp(argv[2], "crash")) *unmapped_address() = 3;
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

/* Quoting, ids in place of pointers, GUID and 64-bit hex, C99 formats. */
static void dbgstr_formats(void)
{
    static const GUID guid = {0x00c0ffee, 0x0042, 0xbeef, {0x80, 0x00, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0xf0}};
    static const WCHAR wide[] = {'k', 0x3b1, 0x1f, '\\', 0xe9, 0};

    check_str(wine_dbgstr_a("q\"\r\\x\t\x7f"), "\"q\\\"\\r\\\\x\\t\\x7f\"");
    check_str(wine_dbgstr_a(NULL), "(null)");
    check_str(wine_dbgstr_a((const char *)0x2a), "<id 0x2a>");
    check_str(wine_dbgstr_an("wxyz", 3), "\"wxy\"");
    check_str(wine_dbgstr_an("m\0n", 3), "\"m\\x00n\"");
    check_str(wine_dbgstr_w(wide), "L\"k\\x03b1\\x1f\\\\\\xe9\"");
    check_str(wine_dbgstr_wn(wide, 2), "L\"k\\x03b1\"");
    check_str(wine_dbgstr_w(NULL), "(null)");
    check_str(wine_dbgstr_guid(&guid), "{00c0ffee-0042-beef-8000-0a0b0c0d0ef0}");
    check_str(wine_dbgstr_guid(NULL), "(null)");
    check_str(wine_dbgstr_guid((const GUID *)7), "<id 0x7>");
    check_str(wine_dbgstr_longlong(0), "0");
    check_str(wine_dbgstr_longlong(7), "7");
    check_str(wine_dbgstr_longlong(0x100000000ULL), "100000000");
    check_str(wine_dbgstr_longlong(~0ULL), "ffffffffffffffff");
    check_str(wine_dbg_sprintf("%zu %lld %hhx %s", (size_t)12, -9LL, 0x1ff, "t"), "12 -9 ff t");
}

/* A string longer than a buffer is cut and says how much was left out. */
static void dbgstr_truncation(void)
{
    char big[3000];
    const char *text, *tail;
    size_t shown;
    int left = -1;

    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    text = wine_dbgstr_a(big);
    ok(strlen(text) < WINETEST_STRBUF_SIZE, "long string overflowed: %zu\n", strlen(text));
    shown = strspn(text + 1, "z");
    tail = text + 1 + shown;
    ok(sscanf(tail, "\"...(+%d)", &left) == 1, "no truncation marker: %s\n", tail);
    ok(shown + left == sizeof(big) - 1, "%zu shown + %d left out\n", shown, left);
}

/* Recent results stay intact: short strings take only what they use,
 * and a few dozen full buffers from winetest_get_strbuf() do not
 * overwrite each other. */
static void dbgstr_lifetime(void)
{
    const char *results[40];
    char *bufs[24], expect[16];
    unsigned int i;
    int bad = 0;

    for (i = 0; i < ARRAY_SIZE(results); i++) results[i] = wine_dbg_sprintf("r%u", i * 3);
    for (i = 0; i < ARRAY_SIZE(results); i++)
    {
        sprintf(expect, "r%u", i * 3);
        if (strcmp(results[i], expect)) bad++;
    }
    ok(!bad, "%d of %u short results overwritten\n", bad, (unsigned int)ARRAY_SIZE(results));

    for (i = 0; i < ARRAY_SIZE(bufs); i++)
    {
        bufs[i] = winetest_get_strbuf();
        ok(!bufs[i][0], "buffer %u not empty\n", i);
        memset(bufs[i], 'a' + i, WINETEST_STRBUF_SIZE - 1);
        bufs[i][WINETEST_STRBUF_SIZE - 1] = 0;
    }
    for (i = bad = 0; i < ARRAY_SIZE(bufs); i++)
        if (strspn(bufs[i], (char[]){ 'a' + i, 0 }) != WINETEST_STRBUF_SIZE - 1) bad++;
    ok(!bad, "%d of %u full buffers overwritten\n", bad, (unsigned int)ARRAY_SIZE(bufs));
}

START_TEST(dbgstr_clean)
{
    dbgstr_formats();
    dbgstr_truncation();
    dbgstr_lifetime();
}

/* Crash after one check: the exit code must be the exception code. */
START_TEST(crash)
{
    ok(1, "before the crash\n");
    *unmapped_address() = 1;
}
