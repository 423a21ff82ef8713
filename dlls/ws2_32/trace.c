/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WINEDEBUG-style tracing.  The channel is "ws2_32"; WINEDEBUG=+ws2_32 turns
 * on traces, warn+ws2_32 warnings and fixmes.  Output goes through Wine's
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

static BOOL has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    const char *p;

    for (p = list; *p; p++)
        if ((p == list || p[-1] == ',') && !memcmp(p, word, n) && (!p[n] || p[n] == ','))
            return TRUE;
    return FALSE;
}

void ws2_trace_init(void)
{
    char value[512];
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    DWORD len = GetEnvironmentVariableA("WINEDEBUG", value, sizeof(value));

    if (!len || len >= sizeof(value)) return;
    if (has_word(value, "+ws2_32") || has_word(value, "trace+ws2_32") || has_word(value, "+all"))
        ws2_trace_level = 2;
    else if (has_word(value, "warn+ws2_32") || has_word(value, "fixme+ws2_32"))
        ws2_trace_level = 1;
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
