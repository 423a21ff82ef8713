/*
 * Winsock 1.1 blocking calls: the blocking hook a 1.x caller may install,
 * WSACancelBlockingCall and WSAIsBlocking.  Winsock 2 removed them; a 2.x
 * caller gets WSAEOPNOTSUPP, as on Windows.
 */
#include "ws2_32_private.h"

/* Per thread: a Winsock 1.1 task has one blocking call at a time. */
struct blocking_state
{
    FARPROC hook;       /* NULL = the default hook */
    BOOL in_call;
    BOOL cancelled;
};

static DWORD state_slot = TLS_OUT_OF_INDEXES;
static INIT_ONCE state_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK alloc_slot(INIT_ONCE *once, void *param, void **ctx)
{
    state_slot = TlsAlloc();
    return state_slot != TLS_OUT_OF_INDEXES;
}

/* The thread's state; NULL if it never used the 1.1 machinery. */
static struct blocking_state *peek_state(void)
{
    DWORD saved = GetLastError();
    struct blocking_state *st = NULL;

    if (state_slot != TLS_OUT_OF_INDEXES) st = TlsGetValue(state_slot);
    SetLastError(saved);
    return st;
}

static struct blocking_state *get_state(void)
{
    struct blocking_state *st = peek_state();
    DWORD saved = GetLastError();

    if (st) return st;
    if (!InitOnceExecuteOnce(&state_once, alloc_slot, NULL, NULL)) return NULL;
    /* Only 1.x applications get here; freed when the thread ends. */
    st = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*st));
    if (st) TlsSetValue(state_slot, st);
    SetLastError(saved);
    return st;
}

void ws2_blocking_thread_detach(void)
{
    struct blocking_state *st = peek_state();

    if (!st) return;
    TlsSetValue(state_slot, NULL);
    HeapFree(GetProcessHeap(), 0, st);
}

BOOL ws2_in_blocking_call(void)
{
    struct blocking_state *st = peek_state();
    return st && st->in_call;
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
    struct blocking_state *st;
    NTSTATUS status = STATUS_SUCCESS;
    DWORD ret;

    if (LOBYTE(ws2_version()) != 1 || !(st = get_state()))
    {
        /* Winsock 2: an alertable wait, so queued completion routines run. */
        while ((ret = WaitForSingleObjectEx(event, INFINITE, TRUE)) == WAIT_IO_COMPLETION);
        return STATUS_SUCCESS;
    }

    st->in_call = TRUE;
    st->cancelled = FALSE;
    while (WaitForSingleObject(event, 0) != WAIT_OBJECT_0)
    {
        /* A hook returns TRUE while it has work; idle ones get a short sleep
         * on the event so the wait does not spin. */
        BOOL busy = st->hook ? (BOOL)st->hook() : default_hook();

        if (st->cancelled) { status = STATUS_CANCELLED; break; }
        if (!busy && WaitForSingleObject(event, 10) == WAIT_OBJECT_0) break;
    }
    st->in_call = FALSE;
    st->cancelled = FALSE;
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
    struct blocking_state *st;
    FARPROC previous;
    DWORD err = check_1x();

    if (!err && ws2_in_blocking_call()) err = WSAEINPROGRESS;
    if (!err && !hook) err = WSAEFAULT;
    if (!err && !(st = get_state())) err = WSAENOBUFS;
    if (err)
    {
        SetLastError(err);
        return NULL;
    }
    previous = st->hook ? st->hook : (FARPROC)default_hook;
    st->hook = hook == (FARPROC)default_hook ? NULL : hook;
    return previous;
}

int WINAPI WSAUnhookBlockingHook(void)
{
    struct blocking_state *st;
    DWORD err = check_1x();

    if (err) return ws2_fail(err);
    if (ws2_in_blocking_call()) return ws2_fail(WSAEINPROGRESS);
    if ((st = peek_state())) st->hook = NULL;
    return 0;
}

int WINAPI WSACancelBlockingCall(void)
{
    struct blocking_state *st = peek_state();
    DWORD err = check_1x();

    if (err) return ws2_fail(err);
    if (!st || !st->in_call) return ws2_fail(WSAEINVAL);
    st->cancelled = TRUE;
    return 0;
}

BOOL WINAPI WSAIsBlocking(void)
{
    return ws2_in_blocking_call();
}
