/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Winsock 1.1 blocking calls: the blocking hook a 1.x caller may install,
 * WSACancelBlockingCall and WSAIsBlocking.  Winsock 2 removed them; a 2.x
 * caller gets WSAEOPNOTSUPP, as on Windows.
 */
#include "ws2_32_private.h"

/* The state lives in struct ws2_thread: a Winsock 1.1 task has one
 * blocking call at a time per thread. */

BOOL ws2_in_blocking_call(void)
{
    struct ws2_thread *t = ws2_peek_thread();
    return t && t->in_blocking_call;
}

/* The default hook dispatches one pending window message, so a 1.x GUI
 * application keeps painting while it blocks.  user32 is used only if the
 * application already loaded it. */
static BOOL default_hook(void)
{
    typedef BOOL (WINAPI *peek_fn)(MSG *, HWND, UINT, UINT, UINT);
    typedef BOOL (WINAPI *msg_fn)(const MSG *);
    typedef LRESULT (WINAPI *dispatch_fn)(const MSG *);
    HMODULE user32 = GetModuleHandleA("user32.dll");
    peek_fn peek;
    msg_fn translate;
    dispatch_fn dispatch;
    MSG msg;

    if (!user32) return FALSE;
    peek = (peek_fn)GetProcAddress(user32, "PeekMessageA");
    translate = (msg_fn)GetProcAddress(user32, "TranslateMessage");
    dispatch = (dispatch_fn)GetProcAddress(user32, "DispatchMessageA");
    if (!peek || !translate || !dispatch) return FALSE;
    if (!peek(&msg, NULL, 0, 0, PM_REMOVE)) return FALSE;
    translate(&msg);
    dispatch(&msg);
    return TRUE;
}

NTSTATUS ws2_blocking_wait(HANDLE event)
{
    struct ws2_thread *t;
    NTSTATUS status = STATUS_SUCCESS;
    DWORD ret;

    if (LOBYTE(ws2_version()) != 1 || !(t = ws2_get_thread()))
    {
        /* Winsock 2: an alertable wait, so queued completion routines run. */
        while ((ret = WaitForSingleObjectEx(event, INFINITE, TRUE)) == WAIT_IO_COMPLETION);
        return STATUS_SUCCESS;
    }

    t->in_blocking_call = TRUE;
    t->blocking_cancelled = FALSE;
    while (WaitForSingleObject(event, 0) != WAIT_OBJECT_0)
    {
        /* A hook returns TRUE while it has work; idle ones get a short sleep
         * on the event so the wait does not spin. */
        BOOL busy = t->blocking_hook ? (BOOL)t->blocking_hook() : default_hook();

        if (t->blocking_cancelled) { status = STATUS_CANCELLED; break; }
        if (!busy && WaitForSingleObject(event, 10) == WAIT_OBJECT_0) break;
    }
    t->in_blocking_call = FALSE;
    t->blocking_cancelled = FALSE;
    return status;
}

static DWORD check_1x(void)
{
    if (!ws2_is_started()) return WSANOTINITIALISED;
    if (LOBYTE(ws2_version()) != 1) return WSAEOPNOTSUPP;
    return 0;
}

FARPROC WINAPI WSASetBlockingHook(FARPROC hook)
{
    struct ws2_thread *t;
    FARPROC previous;
    DWORD err = check_1x();

    if (!err && ws2_in_blocking_call()) err = WSAEINPROGRESS;
    if (!err && !hook) err = WSAEFAULT;
    if (!err && !(t = ws2_get_thread())) err = WSAENOBUFS;
    if (err)
    {
        SetLastError(err);
        return NULL;
    }
    previous = t->blocking_hook ? t->blocking_hook : (FARPROC)default_hook;
    t->blocking_hook = hook == (FARPROC)default_hook ? NULL : hook;
    return previous;
}

int WINAPI WSAUnhookBlockingHook(void)
{
    struct ws2_thread *t;
    DWORD err = check_1x();

    if (err) return ws2_fail(err);
    if (ws2_in_blocking_call()) return ws2_fail(WSAEINPROGRESS);
    if ((t = ws2_peek_thread())) t->blocking_hook = NULL;
    return 0;
}

int WINAPI WSACancelBlockingCall(void)
{
    struct ws2_thread *t = ws2_peek_thread();
    DWORD err = check_1x();

    if (err) return ws2_fail(err);
    if (!t || !t->in_blocking_call) return ws2_fail(WSAEINVAL);
    t->blocking_cancelled = TRUE;
    return 0;
}

BOOL WINAPI WSAIsBlocking(void)
{
    return ws2_in_blocking_call();
}

/* WPUQueryBlockingCallback's callback (upcall.c): a provider waiting in a
 * Winsock 1.1 blocking call runs the hook through it, and stops waiting
 * when it returns FALSE (WSACancelBlockingCall was called). */
BOOL CALLBACK ws2_blocking_callback(DWORD_PTR context)
{
    struct ws2_thread *t = ws2_get_thread();

    if (!t) return TRUE;
    if (!t->blocking_cancelled) t->blocking_hook ? t->blocking_hook() : default_hook();
    return !t->blocking_cancelled;
}
