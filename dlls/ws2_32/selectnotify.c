/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Select notification: WSAEventSelect, WSAEnumNetworkEvents and
 * WSAAsyncSelect.
 *
 * The socket driver keeps, per socket, the selected events, the events
 * recorded but not yet collected, and the events already reported since
 * their re-enabling call; it re-enables an event on the calls Windows
 * documents (a receive for FD_READ and FD_OOB, a failed send for FD_WRITE,
 * accept for FD_ACCEPT), signals the selected event object, or posts the
 * window messages itself.  What is left here: the FD_* and driver bit
 * translation, the checks of the arguments, and the per-event errors.
 */
#include "ws2_32_private.h"

/* Every event the driver can record for a selected socket.  FD_QOS,
 * FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE are
 * accepted but never happen: the driver has no source for them. */
static int driver_mask(LONG events)
{
    int mask = 0;

    if (events & FD_READ) mask |= AFD_POLL_READ;
    if (events & FD_WRITE) mask |= AFD_POLL_WRITE;
    if (events & FD_OOB) mask |= AFD_POLL_OOB;
    if (events & FD_ACCEPT) mask |= AFD_POLL_ACCEPT;
    /* A connect that ended, well or not. */
    if (events & FD_CONNECT) mask |= AFD_POLL_CONNECT | AFD_POLL_CONNECT_ERR;
    /* The peer's orderly close, or a reset. */
    if (events & FD_CLOSE) mask |= AFD_POLL_HUP | AFD_POLL_RESET;
    return mask;
}

static LONG fd_events(int flags)
{
    LONG events = 0;

    if (flags & AFD_POLL_READ) events |= FD_READ;
    if (flags & AFD_POLL_WRITE) events |= FD_WRITE;
    if (flags & AFD_POLL_OOB) events |= FD_OOB;
    if (flags & AFD_POLL_ACCEPT) events |= FD_ACCEPT;
    if (flags & (AFD_POLL_CONNECT | AFD_POLL_CONNECT_ERR)) events |= FD_CONNECT;
    if (flags & (AFD_POLL_HUP | AFD_POLL_RESET)) events |= FD_CLOSE;
    return events;
}

/* The checks both select calls share: started, a socket, known events.
 * 0 or the error. */
static DWORD check_select(SOCKET s, LONG events)
{
    struct ws2_socket info;
    DWORD err;

    if ((err = ws2_enter_socket(s, &info))) return err;
    /* Documented: WSAEINVAL for an invalid parameter; a bit that names no
     * network event is one. */
    if (events & ~FD_ALL_EVENTS) return WSAEINVAL;
    return 0;
}

int WINAPI WSAEventSelect(SOCKET s, WSAEVENT event, LONG events)
{
    struct ws2_provider *p;
    struct afd_event_select_params params;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %p %#lx\n", s, event, events);
    if ((p = ws2_provider_of(s))) return ws2_lsp_event_select(p, s, event, events);
    if ((err = check_select(s, events))) return ws2_fail(err);
    params.event = event;
    params.mask = driver_mask(events);
    /* The driver tracks which events it reported until a receive or send
     * through it re-enables them: the host path stays off from now on. */
    ws2_socket_set_state(s, WS2_SOCKET_DRIVER_ONLY);
    /* The driver cancels any message select, makes the socket
     * non-blocking and signals the event at once for events already
     * pending; a bad event handle is its STATUS_INVALID_PARAMETER. */
    status = afd_call(s, IOCTL_AFD_EVENT_SELECT, &params, sizeof(params), NULL, 0, NULL);
    if (status) return ws2_status_result(status);
    ws2_socket_set_state(s, WS2_SOCKET_NONBLOCKING);
    return 0;
}

/* The error of one recorded event, from the driver's status for it. */
static int event_error(const struct afd_get_events_params *params, int bit)
{
    return ws2_status_to_error(params->status[bit]);
}

int WINAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT event, WSANETWORKEVENTS *result)
{
    struct ws2_provider *p;
    struct afd_get_events_params params;
    struct ws2_socket info;
    if ((p = ws2_provider_of(s))) return ws2_lsp_enum_network_events(p, s, event, result);
    WSANETWORKEVENTS out;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %p %p\n", s, event, result);
    if ((err = ws2_enter_socket(s, &info))) return ws2_fail(err);
    if (!result || !ws2_copy(&out, result, sizeof(out))) return ws2_fail(WSAEFAULT);

    memset(&params, 0, sizeof(params));
    /* Collecting clears the recorded events. */
    status = afd_call(s, IOCTL_AFD_GET_EVENTS, NULL, 0, &params, sizeof(params), NULL);
    if (status) return ws2_status_result(status);
    /* Documented: the event object given is reset. */
    if (event) ResetEvent(event);

    /* Only the entries of reported events are written (recorded for
     * Windows in Wine's tests: the others keep what the caller had). */
    out.lNetworkEvents = fd_events(params.flags);
    if (out.lNetworkEvents & FD_READ) out.iErrorCode[FD_READ_BIT] = event_error(&params, AFD_POLL_BIT_READ);
    if (out.lNetworkEvents & FD_WRITE) out.iErrorCode[FD_WRITE_BIT] = event_error(&params, AFD_POLL_BIT_WRITE);
    if (out.lNetworkEvents & FD_OOB) out.iErrorCode[FD_OOB_BIT] = event_error(&params, AFD_POLL_BIT_OOB);
    if (out.lNetworkEvents & FD_ACCEPT) out.iErrorCode[FD_ACCEPT_BIT] = event_error(&params, AFD_POLL_BIT_ACCEPT);
    if (out.lNetworkEvents & FD_CONNECT)
        out.iErrorCode[FD_CONNECT_BIT] = event_error(&params, AFD_POLL_BIT_CONNECT_ERR);
    if (out.lNetworkEvents & FD_CLOSE)
    {
        /* A reset ends the connection abnormally: Windows reports it as
         * WSAECONNABORTED (recorded in Wine's tests for a peer's close
         * with a zero linger time); an orderly close has no error. */
        if (params.flags & AFD_POLL_RESET) out.iErrorCode[FD_CLOSE_BIT] = WSAECONNABORTED;
        else out.iErrorCode[FD_CLOSE_BIT] = event_error(&params, AFD_POLL_BIT_HUP);
    }
    if (!ws2_copy(result, &out, sizeof(out))) return ws2_fail(WSAEFAULT);
    return 0;
}

/* user32's IsWindow, found once; the DLL does not link user32 (a program
 * that has a window has user32 loaded). */
static BOOL is_window(HWND window)
{
    static BOOL (WINAPI *pIsWindow)(HWND);
    HMODULE user32;

    if (!pIsWindow)
    {
        if (!(user32 = GetModuleHandleW(L"user32.dll"))) return FALSE;
        pIsWindow = (void *)GetProcAddress(user32, "IsWindow");
        if (!pIsWindow) return TRUE;
    }
    return pIsWindow(window);
}

int WINAPI WSAAsyncSelect(SOCKET s, HWND window, UINT message, LONG events)
{
    struct ws2_provider *p;
    struct afd_message_select_params params;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %p %#x %#lx\n", s, window, message, events);
    if ((p = ws2_provider_of(s))) return ws2_lsp_async_select(p, s, window, message, events);
    if ((err = check_select(s, events))) return ws2_fail(err);
    /* Documented: WSAEINVAL when the window handle names no window.  A
     * zero mask only cancels, and needs none. */
    if (events && !is_window(window)) return ws2_fail(WSAEINVAL);

    /* The driver posts the messages itself: wParam the socket, lParam
     * WSAMAKESELECTREPLY(event, error).  It cancels any event select and
     * makes the socket non-blocking. */
    params.handle = (ULONG)s;
    params.window = HandleToULong(window);
    params.message = message;
    params.mask = driver_mask(events);
    ws2_socket_set_state(s, WS2_SOCKET_DRIVER_ONLY);
    status = afd_call(s, IOCTL_AFD_WINE_MESSAGE_SELECT, &params, sizeof(params), NULL, 0, NULL);
    if (status) return ws2_status_result(status);
    ws2_socket_set_state(s, WS2_SOCKET_NONBLOCKING);
    return 0;
}
