/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance test harness: the Wine test API (ok, todo_wine, skip, ...)
 * for tests built with MinGW-w64 and run as plain Windows programs.
 *
 * Every test source includes this header and gets declarations only.
 * Exactly one file of the test program (the generated testlist.c)
 * defines STANDALONE before including it: that file gets the
 * implementation, main() and the command line handling, and it must
 * define winetest_testlist[], the table of { name, func } pairs that
 * ends with { 0, 0 }.
 *
 * Semantics in short:
 *  - WINETEST_PLATFORM ("windows" by default, or "wine") decides whether
 *    todo_wine blocks are todo blocks at all and whether broken() and
 *    win_skip() are lenient.
 *  - Inside a todo block a failing check is counted as "todo" and a
 *    passing one as a failure, so fixed bugs get noticed.
 *  - broken(x) is x only on "windows" with WINETEST_ALLOW_BROKEN=1: we
 *    emulate current Windows, old broken behaviour is not accepted unless
 *    asked for.
 *  - The exit code is the number of failures, capped at 255.
 *
 * Message formats are C99 (%zu, %lld, %hhx ...) because the harness
 * formats with MinGW's own printf implementation, not the CRT's.
 */

#ifndef WINE_TEST_H
#define WINE_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windef.h>
#include <winbase.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#if defined(__GNUC__)
#define WINETEST_PRINTF_ATTR(fmt, args) __attribute__((format(gnu_printf, fmt, args)))
#define WINETEST_NORETURN __attribute__((noreturn))
#else
#define WINETEST_PRINTF_ATTR(fmt, args)
#define WINETEST_NORETURN
#endif

/* One entry of the table that testlist.c provides. */
struct test
{
    const char *name;
    void (*func)(void);
};

extern int winetest_debug;          /* WINETEST_DEBUG, default 1 */
extern int winetest_interactive;    /* WINETEST_INTERACTIVE, default 0 */
extern int winetest_report_success; /* WINETEST_REPORT_SUCCESS, default 0 */
extern const char *winetest_platform; /* "windows" or "wine" */

extern int winetest_platform_is_wine(void);
extern void winetest_set_location(const char *file, int line);
extern void winetest_ok(int condition, const char *msg, ...) WINETEST_PRINTF_ATTR(2, 3);
extern void winetest_vok(int condition, const char *msg, va_list args);
extern void winetest_trace(const char *msg, ...) WINETEST_PRINTF_ATTR(1, 2);
extern void winetest_skip(const char *msg, ...) WINETEST_PRINTF_ATTR(1, 2);
extern void winetest_win_skip(const char *msg, ...) WINETEST_PRINTF_ATTR(1, 2);
extern int winetest_broken(int condition);
extern void winetest_start_todo(int is_todo);
extern int winetest_loop_todo(void);
extern void winetest_end_todo(void);
extern void winetest_push_context(const char *fmt, ...) WINETEST_PRINTF_ATTR(1, 2);
extern void winetest_pop_context(void);
extern int winetest_get_mainargs(char ***pargv);
extern void winetest_wait_child_process(HANDLE process);
extern LONG winetest_get_failures(void);
extern void winetest_add_failures(LONG count);

/* Per-thread scratch space for the debug string helpers; the returned
 * buffer stays valid for the next few dozen calls in the same thread. */
#define WINETEST_STRBUF_SIZE 1024
extern char *winetest_get_strbuf(void);

extern const char *wine_dbgstr_an(const char *str, int len);
extern const char *wine_dbgstr_wn(const WCHAR *str, int len);
extern const char *wine_dbgstr_guid(const GUID *guid);
extern const char *wine_dbgstr_longlong(ULONGLONG value);
extern const char *wine_dbg_sprintf(const char *fmt, ...) WINETEST_PRINTF_ATTR(1, 2);

static inline const char *wine_dbgstr_a(const char *str) { return wine_dbgstr_an(str, -1); }
static inline const char *wine_dbgstr_w(const WCHAR *str) { return wine_dbgstr_wn(str, -1); }

/*
 * The check macros record the caller's location first and then call the
 * variadic function, so "ok(cond, fmt, args)" needs no __VA_ARGS__ tricks
 * and evaluates its arguments exactly once.
 */
#define ok_(file, line)       (winetest_set_location(file, line), 0) ? (void)0 : winetest_ok
#define skip_(file, line)     (winetest_set_location(file, line), 0) ? (void)0 : winetest_skip
#define win_skip_(file, line) (winetest_set_location(file, line), 0) ? (void)0 : winetest_win_skip
#define trace_(file, line)    (winetest_set_location(file, line), 0) ? (void)0 : winetest_trace

#define ok       ok_(__FILE__, __LINE__)
#define skip     skip_(__FILE__, __LINE__)
#define win_skip win_skip_(__FILE__, __LINE__)
#define trace    trace_(__FILE__, __LINE__)

#define broken(x) winetest_broken(x)

/* A todo block runs its body exactly once; the start/end calls keep a
 * per-thread stack so todo blocks nest. */
#define todo_if(is_todo) \
    for (winetest_start_todo(is_todo); winetest_loop_todo(); winetest_end_todo())
#define todo_wine            todo_if(winetest_platform_is_wine())
#define todo_wine_if(is_todo) todo_if((is_todo) && winetest_platform_is_wine())

/* Flaky markers only document; the condition is still evaluated and the
 * body always runs.  "if (c, 0) {} else" swallows no following else. */
#define flaky_if(c)      if (((void)(c)), 0) {} else
#define flaky_wine_if(c) flaky_if(c)
#define flaky            flaky_if(1)
#define flaky_wine       flaky_if(1)

#define wait_child_process(process) \
    (winetest_set_location(__FILE__, __LINE__), winetest_wait_child_process(process))

#define START_TEST(name) void func_##name(void)

#ifdef STANDALONE

/* ===================================================================== */
/* Implementation: compiled once, in the file that defines STANDALONE.   */
/* ===================================================================== */

#include <fcntl.h>
#include <io.h>

extern const struct test winetest_testlist[];

int winetest_debug = 1;
int winetest_interactive = 0;
int winetest_report_success = 0;
const char *winetest_platform = "windows";

static int winetest_is_wine;
static int winetest_allow_broken;
static const char *winetest_current_test = "";
static int winetest_argc;
static char **winetest_argv;

/* Counters shared by all threads. */
static LONG winetest_successes;
static LONG winetest_failures;
static LONG winetest_todos;
static LONG winetest_skipped;

static CRITICAL_SECTION winetest_output_cs;
static DWORD winetest_tls_index = TLS_OUT_OF_INDEXES;

#define WINETEST_MAX_CONTEXT 16
#define WINETEST_CONTEXT_SIZE 128
#define WINETEST_STRBUF_COUNT 32

/* Everything that belongs to one thread: where the current check is, the
 * todo stack, the context stack and the string scratch ring. */
struct winetest_thread_data
{
    const char *file;
    int line;
    unsigned int todo_stack;     /* bit 0 = innermost block is todo */
    int todo_first_pass;         /* makes the todo for-loop run once */
    unsigned int context_count;
    char context[WINETEST_MAX_CONTEXT][WINETEST_CONTEXT_SIZE];
    unsigned int strbuf_next;
    char strbuf[WINETEST_STRBUF_COUNT][WINETEST_STRBUF_SIZE];
};

static struct winetest_thread_data *winetest_thread(void)
{
    struct winetest_thread_data *data;
    DWORD saved_error = GetLastError();  /* tests check GetLastError() */

    data = TlsGetValue(winetest_tls_index);
    if (!data)
    {
        /* Never freed: threads are few and the process is short-lived. */
        data = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*data));
        if (!data)
        {
            fputs("wine/test.h: out of memory\n", stderr);
            ExitProcess(255);
        }
        data->file = "";
        TlsSetValue(winetest_tls_index, data);
    }
    SetLastError(saved_error);
    return data;
}

static const char *winetest_basename(const char *path)
{
    const char *p, *base = path;

    for (p = path; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    return base;
}

/* Append formatted text at *pos, never past end; keeps the buffer
 * NUL-terminated and silently truncates. */
static void winetest_vappend(char *buf, size_t size, size_t *pos, const char *fmt, va_list args)
{
    int n;

    if (*pos >= size - 1) return;
    n = __mingw_vsnprintf(buf + *pos, size - *pos, fmt, args);
    if (n < 0) n = 0;
    *pos += (size_t)n;
    if (*pos > size - 1) *pos = size - 1;
}

static void winetest_append(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    winetest_vappend(buf, size, pos, fmt, args);
    va_end(args);
}

static void winetest_write(const char *text)
{
    EnterCriticalSection(&winetest_output_cs);
    fputs(text, stdout);
    fflush(stdout);  /* children share stdout; a crash must not lose lines */
    LeaveCriticalSection(&winetest_output_cs);
}

/* Print "file:line: <kind>ctx1: ctx2: message" as a single write, so lines
 * from different threads never interleave.  kind may be empty (traces). */
static void winetest_report(const char *kind, const char *msg, va_list args)
{
    struct winetest_thread_data *data = winetest_thread();
    DWORD saved_error = GetLastError();
    char line[4096];
    size_t pos = 0;
    unsigned int i;

    winetest_append(line, sizeof(line), &pos, "%s:%d: %s",
                    winetest_basename(data->file), data->line, kind);
    for (i = 0; i < data->context_count && i < WINETEST_MAX_CONTEXT; i++)
        winetest_append(line, sizeof(line), &pos, "%s: ", data->context[i]);
    winetest_vappend(line, sizeof(line), &pos, msg, args);
    /* Messages normally end in \n; add it when the author forgot. */
    if (!pos || line[pos - 1] != '\n')
    {
        if (pos >= sizeof(line) - 1) pos = sizeof(line) - 2;
        line[pos++] = '\n';
        line[pos] = 0;
    }
    winetest_write(line);
    SetLastError(saved_error);
}

int winetest_platform_is_wine(void)
{
    return winetest_is_wine;
}

void winetest_set_location(const char *file, int line)
{
    struct winetest_thread_data *data = winetest_thread();

    data->file = file;
    data->line = line;
}

void winetest_vok(int condition, const char *msg, va_list args)
{
    struct winetest_thread_data *data = winetest_thread();

    if (data->todo_stack & 1)
    {
        if (condition)
        {
            winetest_report("Test succeeded inside todo block: ", msg, args);
            InterlockedIncrement(&winetest_failures);
        }
        else
        {
            if (winetest_debug > 0)
                winetest_report("Test marked todo: ", msg, args);
            InterlockedIncrement(&winetest_todos);
        }
    }
    else if (!condition)
    {
        winetest_report("Test failed: ", msg, args);
        InterlockedIncrement(&winetest_failures);
    }
    else
    {
        if (winetest_report_success)
            winetest_report("Test succeeded: ", msg, args);
        InterlockedIncrement(&winetest_successes);
    }
}

void winetest_ok(int condition, const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    winetest_vok(condition, msg, args);
    va_end(args);
}

void winetest_trace(const char *msg, ...)
{
    va_list args;

    if (winetest_debug <= 0) return;
    va_start(args, msg);
    winetest_report("", msg, args);
    va_end(args);
}

static void winetest_vskip(const char *msg, va_list args)
{
    winetest_report("Tests skipped: ", msg, args);
    InterlockedIncrement(&winetest_skipped);
}

void winetest_skip(const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    winetest_vskip(msg, args);
    va_end(args);
}

/* A missing feature is acceptable on some Windows versions, never on
 * Wine, which is expected to implement it. */
void winetest_win_skip(const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    if (winetest_is_wine)
        winetest_vok(0, msg, args);
    else
        winetest_vskip(msg, args);
    va_end(args);
}

int winetest_broken(int condition)
{
    return !winetest_is_wine && winetest_allow_broken && condition;
}

void winetest_start_todo(int is_todo)
{
    struct winetest_thread_data *data = winetest_thread();

    data->todo_stack = (data->todo_stack << 1) | (is_todo ? 1 : 0);
    data->todo_first_pass = 1;
}

int winetest_loop_todo(void)
{
    struct winetest_thread_data *data = winetest_thread();
    int again = data->todo_first_pass;

    data->todo_first_pass = 0;
    return again;
}

void winetest_end_todo(void)
{
    winetest_thread()->todo_stack >>= 1;
}

void winetest_push_context(const char *fmt, ...)
{
    struct winetest_thread_data *data = winetest_thread();
    va_list args;
    size_t pos = 0;

    /* Deeper levels are counted but not shown, so pops stay balanced. */
    if (data->context_count < WINETEST_MAX_CONTEXT)
    {
        va_start(args, fmt);
        winetest_vappend(data->context[data->context_count], WINETEST_CONTEXT_SIZE, &pos, fmt, args);
        va_end(args);
    }
    data->context_count++;
}

void winetest_pop_context(void)
{
    struct winetest_thread_data *data = winetest_thread();

    if (data->context_count) data->context_count--;
}

int winetest_get_mainargs(char ***pargv)
{
    *pargv = winetest_argv;
    return winetest_argc;
}

LONG winetest_get_failures(void)
{
    return winetest_failures;
}

void winetest_add_failures(LONG count)
{
    while (count-- > 0) InterlockedIncrement(&winetest_failures);
}

void winetest_wait_child_process(HANDLE process)
{
    DWORD exit_code = 1;
    DWORD wait = WaitForSingleObject(process, 60000);

    if (wait != WAIT_OBJECT_0)
        winetest_ok(0, "child process did not terminate (wait returned %lu)\n", (unsigned long)wait);
    else if (!GetExitCodeProcess(process, &exit_code))
        winetest_ok(0, "GetExitCodeProcess failed, error %lu\n", (unsigned long)GetLastError());
    else if (exit_code > 255)
        winetest_ok(0, "unhandled exception 0x%08lx in child process\n", (unsigned long)exit_code);
    else if (exit_code)
        winetest_ok(0, "%lu failures in child process\n", (unsigned long)exit_code);
}

/* ---- debug strings ---- */

char *winetest_get_strbuf(void)
{
    struct winetest_thread_data *data = winetest_thread();
    char *buf = data->strbuf[data->strbuf_next++ % WINETEST_STRBUF_COUNT];

    buf[0] = 0;
    return buf;
}

const char *wine_dbg_sprintf(const char *fmt, ...)
{
    char *buf = winetest_get_strbuf();
    size_t pos = 0;
    va_list args;

    va_start(args, fmt);
    winetest_vappend(buf, WINETEST_STRBUF_SIZE, &pos, fmt, args);
    va_end(args);
    return buf;
}

/* Quote one character the way C source would spell it. */
static void winetest_quote_char(char *buf, size_t size, size_t *pos, unsigned int c, int wide)
{
    switch (c)
    {
    case '\n': winetest_append(buf, size, pos, "\\n"); break;
    case '\r': winetest_append(buf, size, pos, "\\r"); break;
    case '\t': winetest_append(buf, size, pos, "\\t"); break;
    case '"':  winetest_append(buf, size, pos, "\\\""); break;
    case '\\': winetest_append(buf, size, pos, "\\\\"); break;
    default:
        if (c >= ' ' && c < 0x7f)
            winetest_append(buf, size, pos, "%c", (int)c);
        else if (wide && c > 0xff)
            winetest_append(buf, size, pos, "\\x%04x", c);
        else
            winetest_append(buf, size, pos, "\\x%02x", c);
    }
}

/* Shared body of the _an/_wn helpers; leaves room for "...\"" when the
 * string is too long for the buffer. */
static const char *winetest_quote(const void *str, int len, int wide)
{
    char *buf = winetest_get_strbuf();
    const size_t limit = WINETEST_STRBUF_SIZE - 16;
    size_t pos = 0;
    int i;

    if (!str) return "(null)";
    if ((ULONG_PTR)str >> 16 == 0)  /* MAKEINTRESOURCE-style value */
        return wine_dbg_sprintf("#%04x", (unsigned int)(ULONG_PTR)str);
    if (len < 0)
        len = wide ? (int)wcslen(str) : (int)strlen(str);

    winetest_append(buf, WINETEST_STRBUF_SIZE, &pos, wide ? "L\"" : "\"");
    for (i = 0; i < len && pos < limit; i++)
    {
        unsigned int c = wide ? ((const WCHAR *)str)[i] : ((const unsigned char *)str)[i];
        winetest_quote_char(buf, WINETEST_STRBUF_SIZE, &pos, c, wide);
    }
    winetest_append(buf, WINETEST_STRBUF_SIZE, &pos, i < len ? "\"..." : "\"");
    return buf;
}

const char *wine_dbgstr_an(const char *str, int len)
{
    return winetest_quote(str, len, 0);
}

const char *wine_dbgstr_wn(const WCHAR *str, int len)
{
    return winetest_quote(str, len, 1);
}

const char *wine_dbgstr_guid(const GUID *id)
{
    if (!id) return "(null)";
    if ((ULONG_PTR)id >> 16 == 0)
        return wine_dbg_sprintf("<guid-0x%04x>", (unsigned int)(ULONG_PTR)id);
    return wine_dbg_sprintf("{%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
                            (unsigned long)id->Data1, id->Data2, id->Data3,
                            id->Data4[0], id->Data4[1], id->Data4[2], id->Data4[3],
                            id->Data4[4], id->Data4[5], id->Data4[6], id->Data4[7]);
}

const char *wine_dbgstr_longlong(ULONGLONG value)
{
    if (value >> 32)
        return wine_dbg_sprintf("%lx%08lx", (unsigned long)(value >> 32), (unsigned long)value);
    return wine_dbg_sprintf("%lx", (unsigned long)value);
}

/* ---- main program ---- */

static int winetest_env_int(const char *name, int fallback)
{
    const char *value = getenv(name);
    return value && *value ? atoi(value) : fallback;
}

/* A crash ends the test with the exception code as exit status, like an
 * unhandled exception on Windows, but says where the last check was. */
static LONG WINAPI winetest_crash_filter(EXCEPTION_POINTERS *ptrs)
{
    struct winetest_thread_data *data = winetest_thread();
    char line[512];

    __mingw_snprintf(line, sizeof(line),
                     "%s:%d: this is the last test seen before the exception\n"
                     "%s: unhandled exception 0x%08lx at %p\n",
                     winetest_basename(data->file), data->line, winetest_current_test,
                     (unsigned long)ptrs->ExceptionRecord->ExceptionCode,
                     ptrs->ExceptionRecord->ExceptionAddress);
    winetest_write(line);
    ExitProcess(ptrs->ExceptionRecord->ExceptionCode);
    return EXCEPTION_EXECUTE_HANDLER;
}

static void winetest_list_tests(const char *argv0)
{
    const struct test *test;

    printf("Usage: %s test_name [args...]\n\nValid test names:\n", argv0);
    for (test = winetest_testlist; test->name; test++)
        printf("    %s\n", test->name);
    fflush(stdout);
}

static int winetest_run(const struct test *test)
{
    char line[256];

    winetest_current_test = test->name;
    test->func();

    __mingw_snprintf(line, sizeof(line),
                     "%s: %ld tests executed (%ld marked as todo, %ld failures), %ld skipped.\n",
                     test->name,
                     (long)(winetest_successes + winetest_failures + winetest_todos),
                     (long)winetest_todos, (long)winetest_failures, (long)winetest_skipped);
    winetest_write(line);
    return winetest_failures > 255 ? 255 : (int)winetest_failures;
}

int main(int argc, char **argv)
{
    const struct test *test;
    const char *platform = getenv("WINETEST_PLATFORM");

    /* Plain \n in pipes and files: the runner scripts parse our output. */
    _setmode(_fileno(stdout), _O_BINARY);

    InitializeCriticalSection(&winetest_output_cs);
    winetest_tls_index = TlsAlloc();
    if (winetest_tls_index == TLS_OUT_OF_INDEXES)
    {
        fputs("wine/test.h: TlsAlloc failed\n", stderr);
        return 255;
    }

    if (platform && *platform) winetest_platform = platform;
    winetest_is_wine = !strcmp(winetest_platform, "wine");
    winetest_allow_broken = winetest_env_int("WINETEST_ALLOW_BROKEN", 0) == 1;
    winetest_debug = winetest_env_int("WINETEST_DEBUG", 1);
    winetest_interactive = winetest_env_int("WINETEST_INTERACTIVE", 0);
    winetest_report_success = winetest_env_int("WINETEST_REPORT_SUCCESS", 0);

    winetest_argc = argc;
    winetest_argv = argv;

    if (argc < 2 || !strcmp(argv[1], "--list"))
    {
        winetest_list_tests(argv[0]);
        return 0;
    }

    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    SetUnhandledExceptionFilter(winetest_crash_filter);

    for (test = winetest_testlist; test->name; test++)
        if (!strcmp(test->name, argv[1])) return winetest_run(test);

    fprintf(stderr, "Fatal: test '%s' does not exist.\n", argv[1]);
    return 1;
}

#endif /* STANDALONE */

#endif /* WINE_TEST_H */
