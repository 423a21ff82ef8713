/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Wine test API (ok, todo_wine, skip, trace, ...) for conformance
 * tests that MinGW-w64 builds into an ordinary Windows program.
 *
 * Test sources include this header for the declarations.  The generated
 * testlist.c defines STANDALONE first and so also compiles the
 * implementation and main(); it supplies winetest_testlist[], the
 * { name, func } table that ends with { 0, 0 }.
 *
 * How the pieces fit:
 *  - A check macro expands to winetest_at(file, line)->check(...): the call
 *    remembers the location for this thread and hands back the table of
 *    reporting functions, whose member is then called with the message.
 *  - WINETEST_PLATFORM ("windows" unless set, or "wine") decides whether
 *    todo_wine blocks are todo blocks and whether win_skip() is a skip.
 *  - In a todo block the expectation flips: a failed check counts as
 *    todo, a passing one as a failure, so a fixed bug shows up.
 *  - broken(x) is x only on "windows" with WINETEST_ALLOW_BROKEN=1; by
 *    default old Windows behaviour is not accepted.
 *  - The program's exit code is its failure count, at most 255.
 *
 * Messages are formatted by MinGW's own printf, so C99 conversions
 * (%zu, %lld, %hhx ...) work whatever the CRT is.
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

#ifdef __GNUC__
#define WINETEST_FORMAT(fmt_arg, first_arg) __attribute__((format(gnu_printf, fmt_arg, first_arg)))
#else
#define WINETEST_FORMAT(fmt_arg, first_arg)
#endif

/* One row of winetest_testlist[]. */
struct test
{
    const char *name;
    void (*func)(void);
};

extern int winetest_debug;            /* WINETEST_DEBUG, 1 unless set */
extern int winetest_interactive;      /* WINETEST_INTERACTIVE, 0 unless set */
extern int winetest_report_success;   /* WINETEST_REPORT_SUCCESS, 0 unless set */
extern const char *winetest_platform; /* WINETEST_PLATFORM: "windows" or "wine" */

/* The reporting functions; the format attributes travel with the types,
 * so calls through winetest_at() are still checked by the compiler. */
typedef void (*winetest_check_fn)(int condition, const char *msg, ...) WINETEST_FORMAT(2, 3);
typedef void (*winetest_note_fn)(const char *msg, ...) WINETEST_FORMAT(1, 2);
typedef void (*winetest_child_fn)(HANDLE process);

/* Member names differ from the macro names, which would expand here. */
struct winetest_calls
{
    winetest_check_fn check;
    winetest_note_fn skipped;
    winetest_note_fn win_skipped;
    winetest_note_fn note;
    winetest_child_fn wait_child;
};

/* Remembers file:line for this thread's next report; keeps GetLastError(). */
extern const struct winetest_calls *winetest_at(const char *file, int line);

extern void winetest_ok(int condition, const char *msg, ...) WINETEST_FORMAT(2, 3);
extern void winetest_skip(const char *msg, ...) WINETEST_FORMAT(1, 2);
extern void winetest_win_skip(const char *msg, ...) WINETEST_FORMAT(1, 2);
extern void winetest_trace(const char *msg, ...) WINETEST_FORMAT(1, 2);
extern void winetest_wait_child_process(HANDLE process);
extern int winetest_broken(int condition);
extern int winetest_platform_is_wine(void);
extern int winetest_todo_enter(int is_todo);
extern int winetest_todo_leave(void);
extern void winetest_push_context(const char *fmt, ...) WINETEST_FORMAT(1, 2);
extern void winetest_pop_context(void);
extern int winetest_get_mainargs(char ***pargv);
extern LONG winetest_get_failures(void);
extern void winetest_add_failures(LONG count);

/* Scratch space for string helpers: WINETEST_STRBUF_SIZE bytes that stay
 * valid until this thread has asked for about 32 more such buffers. */
#define WINETEST_STRBUF_SIZE 1024
extern char *winetest_get_strbuf(void);

/* Printable forms for messages, in the same scratch space.  A negative
 * length means "up to the terminating NUL". */
extern const char *wine_dbgstr_a(const char *str);
extern const char *wine_dbgstr_w(const WCHAR *str);
extern const char *wine_dbgstr_an(const char *str, int len);
extern const char *wine_dbgstr_wn(const WCHAR *str, int len);
extern const char *wine_dbgstr_guid(const GUID *guid);
extern const char *wine_dbgstr_longlong(ULONGLONG value);
extern const char *wine_dbg_sprintf(const char *fmt, ...) WINETEST_FORMAT(1, 2);

#define ok_(file, line)       winetest_at(file, line)->check
#define skip_(file, line)     winetest_at(file, line)->skipped
#define win_skip_(file, line) winetest_at(file, line)->win_skipped
#define trace_(file, line)    winetest_at(file, line)->note

#define ok                 ok_(__FILE__, __LINE__)
#define skip               skip_(__FILE__, __LINE__)
#define win_skip           win_skip_(__FILE__, __LINE__)
#define trace              trace_(__FILE__, __LINE__)
#define wait_child_process winetest_at(__FILE__, __LINE__)->wait_child

#define broken(x) winetest_broken(x)

/* The body runs once: entering yields 1, leaving yields 0 and ends the
 * loop.  The loop variable is local to the block, so blocks nest. */
#define todo_if(is_todo) \
    for (int winetest_todo_body_ = winetest_todo_enter(is_todo); winetest_todo_body_; \
         winetest_todo_body_ = winetest_todo_leave())
#define todo_wine             todo_if(winetest_platform_is_wine())
#define todo_wine_if(is_todo) todo_if((is_todo) && winetest_platform_is_wine())

/* Flaky markers only document: the condition is still evaluated and the
 * body always runs.  "if (c, 0) {} else" leaves a later else alone. */
#define flaky_if(c)      if (((void)(c)), 0) {} else
#define flaky_wine_if(c) flaky_if(c)
#define flaky            flaky_if(1)
#define flaky_wine       flaky_if(1)

#define START_TEST(name) void func_##name(void)

#ifdef STANDALONE

/* ===================================================================== */
/* The implementation, compiled once: in the file that defines STANDALONE */
/* ===================================================================== */

extern const struct test winetest_testlist[];

int winetest_debug = 1;
int winetest_interactive = 0;
int winetest_report_success = 0;
const char *winetest_platform = "windows";

/* What the run has counted so far; every thread adds to the same totals. */
enum winetest_tally
{
    WINETEST_PASSED,
    WINETEST_FAILED,
    WINETEST_TODO,
    WINETEST_SKIPPED,
    WINETEST_TALLIES
};
static LONG volatile winetest_tally[WINETEST_TALLIES];

/* Process-wide settings, fixed once main() has read the environment. */
static struct
{
    int is_wine;
    int allow_broken;
    const char *unit;   /* the unit being run, for the crash report */
    int argc;
    char **argv;
    DWORD tls;          /* slot of the per-thread record */
} winetest_run = { 0, 0, "", 0, NULL, TLS_OUT_OF_INDEXES };

/* Serialises whole output lines; static init, nothing to set up. */
static SRWLOCK winetest_output_lock = SRWLOCK_INIT;

#define WINETEST_TODO_DEPTH    32
#define WINETEST_CONTEXT_DEPTH 16
#define WINETEST_CONTEXT_CHARS 1024
#define WINETEST_SCRATCH_CHARS (32 * WINETEST_STRBUF_SIZE)
#define WINETEST_LINE_CHARS    4096

/* Everything one thread owns, allocated on its first use of the harness. */
struct winetest_thread
{
    const char *file;   /* location of the latest check, NULL before any */
    int line;

    /* Open todo blocks, outermost first; the innermost one decides. */
    unsigned int todo_depth;
    unsigned char todo[WINETEST_TODO_DEPTH];

    /* All pushed contexts as one prefix "a: b: ", and for each push the
     * prefix length to go back to when it is popped. */
    unsigned int context_depth;
    unsigned short context_mark[WINETEST_CONTEXT_DEPTH];
    char context[WINETEST_CONTEXT_CHARS];

    /* Debug strings are cut from this arena one after another and take
     * only what they use; it starts over when the tail is too short. */
    size_t scratch_used;
    char scratch[WINETEST_SCRATCH_CHARS];
};

/* Text being assembled for one write. */
struct winetest_text
{
    size_t len;
    char buf[WINETEST_LINE_CHARS];
};

static void winetest_text_vadd(struct winetest_text *text, const char *fmt, va_list args)
{
    size_t room = sizeof(text->buf) - text->len;
    int n;

    if (room < 2) return;
    n = __mingw_vsnprintf(text->buf + text->len, room, fmt, args);
    if (n > 0) text->len += (size_t)n < room ? (size_t)n : room - 1;
}

static void WINETEST_FORMAT(2, 3) winetest_text_add(struct winetest_text *text, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    winetest_text_vadd(text, fmt, args);
    va_end(args);
}

/* Every report is exactly one line, even if the message forgot its \n
 * or was cut short. */
static void winetest_text_end_line(struct winetest_text *text)
{
    if (text->len && text->buf[text->len - 1] == '\n') return;
    if (text->len > sizeof(text->buf) - 2) text->len = sizeof(text->buf) - 2;
    text->buf[text->len++] = '\n';
    text->buf[text->len] = 0;
}

static void winetest_write_handle(DWORD which, const char *data, size_t len)
{
    HANDLE handle = GetStdHandle(which);
    DWORD written;

    while (len && WriteFile(handle, data, (DWORD)len, &written, NULL) && written)
    {
        data += written;
        len -= written;
    }
}

/* Straight to the handle, not through the CRT's buffer: a child process
 * shares it with us, and a crash must not lose what was already said. */
static void winetest_emit(const struct winetest_text *text)
{
    AcquireSRWLockExclusive(&winetest_output_lock);
    winetest_write_handle(STD_OUTPUT_HANDLE, text->buf, text->len);
    ReleaseSRWLockExclusive(&winetest_output_lock);
}

static void WINETEST_FORMAT(1, 2) winetest_print(const char *fmt, ...)
{
    struct winetest_text text;
    va_list args;

    text.len = 0;
    va_start(args, fmt);
    winetest_text_vadd(&text, fmt, args);
    va_end(args);
    winetest_emit(&text);
}

/* A thread's first use of the harness: its record, all zero (no check
 * yet, no todo block, no context, empty scratch).  Kept until the process
 * ends; test programs start few threads. */
static struct winetest_thread *winetest_new_thread(void)
{
    static const char no_memory[] = "wine/test.h: no memory for a thread record\n";
    struct winetest_thread *self = calloc(1, sizeof(*self));

    if (!self)
    {
        winetest_write_handle(STD_ERROR_HANDLE, no_memory, sizeof(no_memory) - 1);
        ExitProcess(255);
    }
    TlsSetValue(winetest_run.tls, self);
    return self;
}

/* The calling thread's record.  The last error is put back: the check
 * being made may be about to read it. */
static struct winetest_thread *winetest_self(void)
{
    DWORD error = GetLastError();
    struct winetest_thread *self = TlsGetValue(winetest_run.tls);

    if (!self) self = winetest_new_thread();
    SetLastError(error);
    return self;
}

/* "dir/sub/file.c" -> "file.c"; both separators count. */
static const char *winetest_leaf(const char *path)
{
    const char *leaf = path;

    if (!path) return "?";
    for (; *path; path++)
        if (*path == '/' || *path == '\\') leaf = path + 1;
    return leaf;
}

/* "file:line: <label><contexts><message>" as a single write. */
static void winetest_vreport(const char *label, const char *msg, va_list args)
{
    struct winetest_thread *self = winetest_self();
    DWORD error = GetLastError();
    struct winetest_text text;

    text.len = 0;
    winetest_text_add(&text, "%s:%d: %s%s", winetest_leaf(self->file), self->line, label, self->context);
    winetest_text_vadd(&text, msg, args);
    winetest_text_end_line(&text);
    winetest_emit(&text);
    SetLastError(error);
}

static void winetest_count(enum winetest_tally tally)
{
    InterlockedIncrement(&winetest_tally[tally]);
}

/* How a check is judged, indexed by (in a todo block) * 2 + (condition). */
enum winetest_show { WINETEST_SHOW_ALWAYS, WINETEST_SHOW_IF_DEBUG, WINETEST_SHOW_IF_ASKED };
static const struct
{
    enum winetest_tally tally;
    enum winetest_show show;
    const char *label;
} winetest_verdicts[4] =
{
    { WINETEST_FAILED, WINETEST_SHOW_ALWAYS,   "Test failed: " },
    { WINETEST_PASSED, WINETEST_SHOW_IF_ASKED, "Test succeeded: " },
    { WINETEST_TODO,   WINETEST_SHOW_IF_DEBUG, "Test marked todo: " },
    { WINETEST_FAILED, WINETEST_SHOW_ALWAYS,   "Test succeeded inside todo block: " },
};

static int winetest_in_todo(const struct winetest_thread *self)
{
    unsigned int depth = self->todo_depth;

    if (!depth) return 0;
    if (depth > WINETEST_TODO_DEPTH) depth = WINETEST_TODO_DEPTH;
    return self->todo[depth - 1];
}

static void winetest_judge(int condition, const char *msg, va_list args)
{
    unsigned int index = winetest_in_todo(winetest_self()) * 2 + (condition ? 1 : 0);
    enum winetest_show show = winetest_verdicts[index].show;

    if (show == WINETEST_SHOW_ALWAYS ||
        (show == WINETEST_SHOW_IF_DEBUG && winetest_debug > 0) ||
        (show == WINETEST_SHOW_IF_ASKED && winetest_report_success))
        winetest_vreport(winetest_verdicts[index].label, msg, args);
    winetest_count(winetest_verdicts[index].tally);
}

static void winetest_vskip(const char *msg, va_list args)
{
    winetest_vreport("Tests skipped: ", msg, args);
    winetest_count(WINETEST_SKIPPED);
}

void winetest_ok(int condition, const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    winetest_judge(condition, msg, args);
    va_end(args);
}

void winetest_skip(const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    winetest_vskip(msg, args);
    va_end(args);
}

/* Some Windows versions lack a feature; Wine is expected to have it, so
 * there the skip is a failed check. */
void winetest_win_skip(const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    if (winetest_run.is_wine) winetest_judge(0, msg, args);
    else winetest_vskip(msg, args);
    va_end(args);
}

void winetest_trace(const char *msg, ...)
{
    va_list args;

    if (winetest_debug < 1) return;
    va_start(args, msg);
    winetest_vreport("", msg, args);
    va_end(args);
}

/* A child is one check of the parent: it fails once, whatever the
 * child's own failure count (the child prints its own summary). */
void winetest_wait_child_process(HANDLE process)
{
    DWORD status, code;

    if (!process)
    {
        winetest_ok(0, "no child process to wait for\n");
        return;
    }
    status = WaitForSingleObject(process, 60 * 1000);
    if (status == WAIT_TIMEOUT)
        winetest_ok(0, "child process still running after 60 seconds\n");
    else if (status != WAIT_OBJECT_0)
        winetest_ok(0, "waiting for the child process: status %lu, error %lu\n",
                    (unsigned long)status, (unsigned long)GetLastError());
    else if (!GetExitCodeProcess(process, &code))
        winetest_ok(0, "child exit code unknown, error %lu\n", (unsigned long)GetLastError());
    else if (code > 255)
        winetest_ok(0, "unhandled exception 0x%08lx in child process\n", (unsigned long)code);
    else if (code)
        winetest_ok(0, "%lu failures in child process\n", (unsigned long)code);
}

static const struct winetest_calls winetest_calls =
{
    winetest_ok,
    winetest_skip,
    winetest_win_skip,
    winetest_trace,
    winetest_wait_child_process,
};

const struct winetest_calls *winetest_at(const char *file, int line)
{
    struct winetest_thread *self = winetest_self();

    self->file = file;
    self->line = line;
    return &winetest_calls;
}

int winetest_platform_is_wine(void)
{
    return winetest_run.is_wine;
}

int winetest_broken(int condition)
{
    return condition && winetest_run.allow_broken && !winetest_run.is_wine;
}

int winetest_todo_enter(int is_todo)
{
    struct winetest_thread *self = winetest_self();

    if (self->todo_depth < WINETEST_TODO_DEPTH) self->todo[self->todo_depth] = !!is_todo;
    self->todo_depth++;
    return 1;
}

int winetest_todo_leave(void)
{
    struct winetest_thread *self = winetest_self();

    if (self->todo_depth) self->todo_depth--;
    return 0;
}

/* Contexts past WINETEST_CONTEXT_DEPTH are counted, not shown, so that
 * every pop still matches its push. */
void winetest_push_context(const char *fmt, ...)
{
    struct winetest_thread *self = winetest_self();
    DWORD error = GetLastError();
    size_t used = strlen(self->context);
    va_list args;

    if (self->context_depth < WINETEST_CONTEXT_DEPTH)
    {
        self->context_mark[self->context_depth] = (unsigned short)used;
        va_start(args, fmt);
        __mingw_vsnprintf(self->context + used, sizeof(self->context) - used, fmt, args);
        va_end(args);
        used = strlen(self->context);
        __mingw_snprintf(self->context + used, sizeof(self->context) - used, ": ");
    }
    self->context_depth++;
    SetLastError(error);
}

void winetest_pop_context(void)
{
    struct winetest_thread *self = winetest_self();

    if (!self->context_depth) return;
    self->context_depth--;
    if (self->context_depth < WINETEST_CONTEXT_DEPTH)
        self->context[self->context_mark[self->context_depth]] = 0;
}

int winetest_get_mainargs(char ***pargv)
{
    *pargv = winetest_run.argv;
    return winetest_run.argc;
}

LONG winetest_get_failures(void)
{
    return winetest_tally[WINETEST_FAILED];
}

void winetest_add_failures(LONG count)
{
    if (count > 0) InterlockedExchangeAdd(&winetest_tally[WINETEST_FAILED], count);
}

/* ---- debug strings ---- */

/* Room for one string at the arena's tail; nothing is taken until
 * winetest_scratch_keep() says how much was used. */
static char *winetest_scratch_open(struct winetest_thread *self)
{
    if (self->scratch_used > sizeof(self->scratch) - WINETEST_STRBUF_SIZE)
        self->scratch_used = 0;
    return self->scratch + self->scratch_used;
}

static const char *winetest_scratch_keep(struct winetest_thread *self, const char *str)
{
    self->scratch_used += strlen(str) + 1;
    return str;
}

char *winetest_get_strbuf(void)
{
    struct winetest_thread *self = winetest_self();
    char *buf = winetest_scratch_open(self);

    /* The caller fills it later, so the whole size is taken now. */
    self->scratch_used += WINETEST_STRBUF_SIZE;
    buf[0] = 0;
    return buf;
}

const char *wine_dbg_sprintf(const char *fmt, ...)
{
    struct winetest_thread *self = winetest_self();
    char *buf = winetest_scratch_open(self);
    va_list args;

    va_start(args, fmt);
    __mingw_vsnprintf(buf, WINETEST_STRBUF_SIZE, fmt, args);
    va_end(args);
    return winetest_scratch_keep(self, buf);
}

/* A pointer below 64K is an integer id in disguise (MAKEINTRESOURCE and
 * the like), not something to read through. */
static const char *winetest_small_pointer(const void *ptr)
{
    if (!ptr) return "(null)";
    if ((ULONG_PTR)ptr < 0x10000) return wine_dbg_sprintf("<id %#lx>", (unsigned long)(ULONG_PTR)ptr);
    return NULL;
}

/* Writes VALUE as lowercase hex, exactly DIGITS digits, or as few as it
 * needs (at least one) when DIGITS is 0. */
static char *winetest_hex(char *out, ULONGLONG value, int digits)
{
    static const char nibbles[] = "0123456789abcdef";

    if (!digits)
        for (digits = 1; digits < 16 && (value >> (4 * digits)); digits++) ;
    while (digits--) *out++ = nibbles[(value >> (4 * digits)) & 0xf];
    return out;
}

/* One string unit as C would spell it inside double quotes. */
static char *winetest_escape(char *out, unsigned int unit, int wide)
{
    static const char special[] = "\n\r\t\"\\";
    static const char letter[] = "nrt\"\\";
    const char *hit = unit && unit < 0x80 ? strchr(special, (int)unit) : NULL;

    if (hit)
    {
        *out++ = '\\';
        *out++ = letter[hit - special];
    }
    else if (unit >= 0x20 && unit < 0x7f)
        *out++ = (char)unit;
    else
    {
        *out++ = '\\';
        *out++ = 'x';
        out = winetest_hex(out, unit, wide && unit > 0xff ? 4 : 2);
    }
    return out;
}

static unsigned int winetest_unit(const void *str, int wide, int index)
{
    return wide ? ((const WCHAR *)str)[index] : ((const unsigned char *)str)[index];
}

/* The _an and _wn helpers.  A string too long for the buffer ends in
 * "...(+N)", N being the number of units left out. */
static const char *winetest_quote(const void *str, int len, int wide)
{
    const char *special = winetest_small_pointer(str);
    struct winetest_thread *self;
    char *start, *out, *last;
    int i;

    if (special) return special;
    if (len < 0)
        for (len = 0; winetest_unit(str, wide, len); len++) ;

    self = winetest_self();
    start = out = winetest_scratch_open(self);
    last = start + WINETEST_STRBUF_SIZE - 32;  /* one escape, the tail and the NUL fit after it */
    if (wide) *out++ = 'L';
    *out++ = '"';
    for (i = 0; i < len && out < last; i++)
        out = winetest_escape(out, winetest_unit(str, wide, i), wide);
    *out++ = '"';
    *out = 0;
    if (i < len)
        __mingw_snprintf(out, start + WINETEST_STRBUF_SIZE - out, "...(+%d)", len - i);
    return winetest_scratch_keep(self, start);
}

const char *wine_dbgstr_a(const char *str)
{
    return winetest_quote(str, -1, 0);
}

const char *wine_dbgstr_w(const WCHAR *str)
{
    return winetest_quote(str, -1, 1);
}

const char *wine_dbgstr_an(const char *str, int len)
{
    return winetest_quote(str, len, 0);
}

const char *wine_dbgstr_wn(const WCHAR *str, int len)
{
    return winetest_quote(str, len, 1);
}

/* {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}: the fields in the order the
 * structure keeps them, Data4 split after its second byte. */
const char *wine_dbgstr_guid(const GUID *guid)
{
    const char *special = winetest_small_pointer(guid);
    struct winetest_thread *self;
    char *start, *out;
    int i;

    if (special) return special;
    self = winetest_self();
    start = out = winetest_scratch_open(self);
    *out++ = '{';
    out = winetest_hex(out, guid->Data1, 8);
    *out++ = '-';
    out = winetest_hex(out, guid->Data2, 4);
    *out++ = '-';
    out = winetest_hex(out, guid->Data3, 4);
    for (i = 0; i < 8; i++)
    {
        if (i == 0 || i == 2) *out++ = '-';
        out = winetest_hex(out, guid->Data4[i], 2);
    }
    *out++ = '}';
    *out = 0;
    return winetest_scratch_keep(self, start);
}

/* Hex without a prefix or leading zeros. */
const char *wine_dbgstr_longlong(ULONGLONG value)
{
    struct winetest_thread *self = winetest_self();
    char *start = winetest_scratch_open(self);

    *winetest_hex(start, value, 0) = 0;
    return winetest_scratch_keep(self, start);
}

/* ---- the program ---- */

/* Called for an exception nobody handled, in whichever thread it was.
 * The report is built in static memory (the stack may be what ran out)
 * without taking a thread record, and the process ends here with the
 * exception code as its exit code, as an unhandled exception would. */
static LONG WINAPI winetest_unhandled(EXCEPTION_POINTERS *info)
{
    static struct winetest_text report;
    const struct winetest_thread *self = TlsGetValue(winetest_run.tls);
    const EXCEPTION_RECORD *rec = info->ExceptionRecord;
    int tries;

    report.len = 0;
    if (self && self->file)
        winetest_text_add(&report, "%s:%d: this is the last test seen before the exception\n",
                          winetest_leaf(self->file), self->line);
    winetest_text_add(&report, "%s: unhandled exception 0x%08lx at %p\n",
                      winetest_run.unit, (unsigned long)rec->ExceptionCode, rec->ExceptionAddress);

    /* The crashing thread may be the one holding the output lock. */
    for (tries = 0; tries < 50 && !TryAcquireSRWLockExclusive(&winetest_output_lock); tries++)
        Sleep(10);
    winetest_write_handle(STD_OUTPUT_HANDLE, report.buf, report.len);
    if (tries < 50) ReleaseSRWLockExclusive(&winetest_output_lock);

    TerminateProcess(GetCurrentProcess(), rec->ExceptionCode);
    return EXCEPTION_EXECUTE_HANDLER;
}

static int winetest_env_number(const char *name, int unset)
{
    const char *value = getenv(name);

    return value && *value ? atoi(value) : unset;
}

static void winetest_read_environment(void)
{
    const char *platform = getenv("WINETEST_PLATFORM");

    if (platform && *platform) winetest_platform = platform;
    winetest_run.is_wine = !strcmp(winetest_platform, "wine");
    winetest_run.allow_broken = winetest_env_number("WINETEST_ALLOW_BROKEN", 0) == 1;
    winetest_debug = winetest_env_number("WINETEST_DEBUG", winetest_debug);
    winetest_interactive = winetest_env_number("WINETEST_INTERACTIVE", winetest_interactive);
    winetest_report_success = winetest_env_number("WINETEST_REPORT_SUCCESS", winetest_report_success);
}

/* Tools read the names after "Valid test names:", one per line. */
static void winetest_usage(const char *program)
{
    unsigned int i;

    winetest_print("Usage: %s test_name [args...]\n\nValid test names:\n", program);
    for (i = 0; winetest_testlist[i].name; i++)
        winetest_print("    %s\n", winetest_testlist[i].name);
}

static const struct test *winetest_find_unit(const char *name)
{
    unsigned int i;

    for (i = 0; winetest_testlist[i].name; i++)
        if (!strcmp(winetest_testlist[i].name, name)) return &winetest_testlist[i];
    return NULL;
}

static int winetest_run_unit(const struct test *unit)
{
    LONG passed, failed, todo, skipped;

    winetest_run.unit = unit->name;
    unit->func();

    passed = winetest_tally[WINETEST_PASSED];
    failed = winetest_tally[WINETEST_FAILED];
    todo = winetest_tally[WINETEST_TODO];
    skipped = winetest_tally[WINETEST_SKIPPED];
    winetest_print("%s: %ld tests executed (%ld marked as todo, %ld failures), %ld skipped.\n",
                   unit->name, (long)(passed + failed + todo), (long)todo, (long)failed, (long)skipped);
    return failed < 255 ? (int)failed : 255;
}

int main(int argc, char **argv)
{
    const struct test *unit;

    winetest_run.tls = TlsAlloc();
    if (winetest_run.tls == TLS_OUT_OF_INDEXES)
    {
        static const char msg[] = "wine/test.h: no TLS slot\n";
        winetest_write_handle(STD_ERROR_HANDLE, msg, sizeof(msg) - 1);
        return 255;
    }
    winetest_run.argc = argc;
    winetest_run.argv = argv;
    winetest_read_environment();

    if (argc < 2 || !strcmp(argv[1], "--list"))
    {
        winetest_usage(argv[0]);
        return 0;
    }

    if (!(unit = winetest_find_unit(argv[1])))
    {
        struct winetest_text text;

        text.len = 0;
        winetest_text_add(&text, "Fatal: test '%s' does not exist.\n", argv[1]);
        winetest_write_handle(STD_ERROR_HANDLE, text.buf, text.len);
        return 1;
    }

    if (!winetest_interactive) SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    SetUnhandledExceptionFilter(winetest_unhandled);
    return winetest_run_unit(unit);
}

#endif /* STANDALONE */

#endif /* WINE_TEST_H */
