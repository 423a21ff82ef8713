/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WINEDEBUG-style tracing.  The channel is "ws2_32", also reachable as
 * "winsock" (Wine's channel for this DLL): WINEDEBUG=+ws2_32 or +winsock
 * turns on traces, warn+ and fixme+ warnings and fixmes.  Output goes through Wine's
 * ntdll debug output when present (so it interleaves with Wine's own
 * traces), else to the debugger.
 */
#include <stdarg.h>
#include "ws2_32_private.h"

int ws2_trace_level;

typedef int (__cdecl *vsnprintf_fn)(char *, size_t, const char *, va_list);
typedef int (__cdecl *dbg_output_fn)(const char *);
static vsnprintf_fn p_vsnprintf;
static dbg_output_fn p_wine_dbg_output;

/* Which classes of messages are on: WINEDEBUG items apply left to right,
 * as in Wine, each "[class]+channel" or "[class]-channel"; no class means
 * every class.  Our channel answers to "ws2_32", to "winsock" (the name
 * Wine's own ws2_32 traces under, which users know) and to "all". */
enum { CLASS_TRACE = 1, CLASS_WARN = 2, CLASS_FIXME = 4, CLASS_ALL = 7 };

static BOOL item_is(const char *item, size_t len, const char *word)
{
    return strlen(word) == len && !memcmp(item, word, len);
}

static unsigned int class_bits(const char *name, size_t len)
{
    if (!len) return CLASS_ALL;
    if (item_is(name, len, "trace")) return CLASS_TRACE;
    if (item_is(name, len, "warn")) return CLASS_WARN;
    if (item_is(name, len, "fixme")) return CLASS_FIXME;
    return 0;   /* "err" and unknown classes: nothing of ours */
}

static unsigned int apply_item(unsigned int classes, const char *item, size_t len)
{
    size_t sign = 0;
    const char *channel;
    size_t channel_len;
    unsigned int bits;

    while (sign < len && item[sign] != '+' && item[sign] != '-') sign++;
    if (sign == len) return classes;
    channel = item + sign + 1;
    channel_len = len - sign - 1;
    if (!item_is(channel, channel_len, "ws2_32") && !item_is(channel, channel_len, "winsock") &&
        !item_is(channel, channel_len, "all"))
        return classes;
    bits = class_bits(item, sign);
    return item[sign] == '+' ? classes | bits : classes & ~bits;
}

void ws2_trace_init(void)
{
    char value[512];
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    DWORD len = GetEnvironmentVariableA("WINEDEBUG", value, sizeof(value));
    unsigned int classes = 0;
    const char *p, *end;

    if (!len || len >= sizeof(value)) return;
    for (p = value; *p; p = *end ? end + 1 : end)
    {
        for (end = p; *end && *end != ','; end++) ;
        classes = apply_item(classes, p, end - p);
    }
    if (classes & CLASS_TRACE) ws2_trace_level = 2;
    else if (classes & (CLASS_WARN | CLASS_FIXME)) ws2_trace_level = 1;
    if (!ws2_trace_level) return;
    p_vsnprintf = (vsnprintf_fn)GetProcAddress(ntdll, "_vsnprintf");
    p_wine_dbg_output = (dbg_output_fn)GetProcAddress(ntdll, "__wine_dbg_output");
    if (!p_vsnprintf) ws2_trace_level = 0;
}

static int format(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = p_vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n < 0 ? 0 : n;
}

void ws2_debug_printf(const char *kind, const char *func, const char *fmt, ...)
{
    char buf[1024];
    int n;
    va_list args;

    n = format(buf, 200, "%04lx:%s:ws2_32:%s ", GetCurrentThreadId(), kind, func);
    va_start(args, fmt);
    p_vsnprintf(buf + n, sizeof(buf) - n - 2, fmt, args);
    va_end(args);
    buf[sizeof(buf) - 2] = 0;
    n = strlen(buf);
    if (n && buf[n - 1] != '\n') { buf[n] = '\n'; buf[n + 1] = 0; }
    if (p_wine_dbg_output) p_wine_dbg_output(buf);
    else OutputDebugStringA(buf);
}
