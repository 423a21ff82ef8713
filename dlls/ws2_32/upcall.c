/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The upcall table: the WPU* functions ws2_32 hands a provider's
 * WSPStartup (WSPUPCALLTABLE, ws2spi.h), and the upcalls Windows also
 * exports (WPUCompleteOverlappedRequest), plus the other leftovers of the
 * export table: WSApSetPostRoutine, WEP and WSAProviderCompleteAsyncCall.
 *
 * Behaviour is Microsoft's documentation of each WPU function.  A provider
 * with socket handles of its own ("IFS") files them with
 * WPUModifyIFSHandle; one without asks WPUCreateSocketHandle for handles.
 * Both are filed, handle -> (catalog entry, context), in provider.c's
 * table of handles, the same one the exports dispatch by.
 */
#include "ws2_32_private.h"

/* Set *errno_ptr (when it can be written) and return SOCKET_ERROR. */
static int upcall_fail(LPINT errno_ptr, int error)
{
    if (errno_ptr && ws2_writable(errno_ptr, sizeof(*errno_ptr))) *errno_ptr = error;
    return SOCKET_ERROR;
}

BOOL ws2_nonifs_register(HANDLE handle, DWORD catalog_id, DWORD_PTR context)
{
    return ws2_provider_file((SOCKET)handle, catalog_id, context, FALSE);
}

/* A handle of the socket driver: a real kernel handle that completion
 * ports can be bound to, whose events and ports the driver signals for
 * requests we complete (IOCTL_AFD_WINE_COMPLETE_ASYNC, as in ioctl.c).
 * Wine 8's driver completes on an unbound handle, Wine 10's only on one
 * with a socket behind it, so the handle gets a datagram socket (never
 * bound, it sends and receives nothing); IPv6 where IPv4 is missing.
 * Inheritable, as socket handles are by default. */
DWORD ws2_nonifs_create(HANDLE *handle)
{
    static const int families[] = { AF_INET, AF_INET6 };
    NTSTATUS status;
    unsigned int i;

    if ((status = afd_open(handle, TRUE, TRUE))) return ws2_status_to_error(status);
    for (i = 0; i < ARRAYSIZE(families); i++)
    {
        if (!(status = afd_create(*handle, families[i], SOCK_DGRAM, IPPROTO_UDP, 0))) return 0;
    }
    CloseHandle(*handle);
    return ws2_status_to_error(status);
}

DWORD ws2_nonifs_complete(HANDLE handle, WSAOVERLAPPED *overlapped, DWORD error, DWORD bytes)
{
    /* The driver writes its own status block; ours is only scratch, and
     * static because the driver may write it after we return. */
    static IO_STATUS_BLOCK scratch;
    HANDLE event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
    /* An event handle with its low bit set keeps the completion off the
     * port (GetQueuedCompletionStatus's documentation). */
    void *port_key = ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped;
    /* A Winsock error travels as the status that carries a Win32 code,
     * which ws2_status_to_error gives back unchanged. */
    NTSTATUS status = error ? (NTSTATUS)(0xc0010000 | (error & 0xffff)) : STATUS_SUCCESS;
    NTSTATUS ret;

    /* The OVERLAPPED is complete before anyone can be told so. */
    overlapped->InternalHigh = bytes;
    overlapped->Internal = status;
    ret = afd_call_port((SOCKET)handle, IOCTL_AFD_WINE_COMPLETE_ASYNC, &status, sizeof(status), &scratch,
                        port_key);
    if (ret != status && ret != STATUS_PENDING) return ws2_status_to_error(ret);
    /* The driver's completion carried no count and wrote no OVERLAPPED:
     * the event is set here, after the OVERLAPPED is right. */
    if (event) SetEvent(event);
    return 0;
}

/* ---- the upcalls ---- */

/* WPUCloseEvent: WSACloseEvent's work for a provider (documented: TRUE or
 * FALSE with the error in *lpErrno). */
static BOOL WSPAPI wpu_close_event(WSAEVENT event, LPINT errno_ptr)
{
    TRACE("%p %p\n", event, errno_ptr);
    if (CloseHandle(event)) return TRUE;
    upcall_fail(errno_ptr, WSA_INVALID_HANDLE);
    return FALSE;
}

/* WPUCreateEvent: a manual-reset, unset event, as WSACreateEvent makes. */
static WSAEVENT WSPAPI wpu_create_event(LPINT errno_ptr)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);

    TRACE("%p\n", errno_ptr);
    if (!event) upcall_fail(errno_ptr, WSA_NOT_ENOUGH_MEMORY);
    return event ? event : WSA_INVALID_EVENT;
}

static BOOL WSPAPI wpu_reset_event(WSAEVENT event, LPINT errno_ptr)
{
    if (ResetEvent(event)) return TRUE;
    upcall_fail(errno_ptr, WSA_INVALID_HANDLE);
    return FALSE;
}

static BOOL WSPAPI wpu_set_event(WSAEVENT event, LPINT errno_ptr)
{
    if (SetEvent(event)) return TRUE;
    upcall_fail(errno_ptr, WSA_INVALID_HANDLE);
    return FALSE;
}

/* WPUCreateSocketHandle: a new handle for a non-IFS provider, filed with
 * its catalog entry and context; INVALID_SOCKET and WSAENOBUFS when none
 * can be made (documented). */
static SOCKET WSPAPI wpu_create_socket_handle(DWORD catalog_id, DWORD_PTR context, LPINT errno_ptr)
{
    HANDLE handle;

    TRACE("%lu %#Ix %p\n", catalog_id, context, errno_ptr);
    if (ws2_nonifs_create(&handle))
    {
        upcall_fail(errno_ptr, WSAENOBUFS);
        return INVALID_SOCKET;
    }
    if (!ws2_provider_file((SOCKET)handle, catalog_id, context, FALSE))
    {
        CloseHandle(handle);
        upcall_fail(errno_ptr, WSAENOBUFS);
        return INVALID_SOCKET;
    }
    return (SOCKET)handle;
}

/* WPUCloseSocketHandle: closes a handle WPUCreateSocketHandle made;
 * anything else is WSAENOTSOCK (documented).  Exported to wah.c. */
int WSPAPI WPUCloseSocketHandle(SOCKET s, LPINT errno_ptr)
{
    TRACE("%#Ix %p\n", s, errno_ptr);
    if (!ws2_provider_unfile_nonifs(s)) return upcall_fail(errno_ptr, WSAENOTSOCK);
    CloseHandle((HANDLE)s);
    return 0;
}

/* WPUQuerySocketHandleContext: the context a non-IFS handle was made
 * with; WSAENOTSOCK for any other handle (documented), WSAEFAULT when the
 * result cannot be written. */
static int WSPAPI wpu_query_socket_handle_context(SOCKET s, PDWORD_PTR context, LPINT errno_ptr)
{
    struct ws2_handle_filing info;

    TRACE("%#Ix %p %p\n", s, context, errno_ptr);
    if (!ws2_provider_filing(s, &info) || info.ifs) return upcall_fail(errno_ptr, WSAENOTSOCK);
    if (!context || !ws2_writable(context, sizeof(*context))) return upcall_fail(errno_ptr, WSAEFAULT);
    *context = info.context;
    return 0;
}

/* WPUModifyIFSHandle: an IFS provider's own handle, returned unchanged
 * (the documentation allows a modified one; we need none) and filed as
 * belonging to the calling catalog entry.  A handle that is not an open
 * handle is WSAEINVAL (documented). */
static SOCKET WSPAPI wpu_modify_ifs_handle(DWORD catalog_id, SOCKET proposed, LPINT errno_ptr)
{
    DWORD flags;

    TRACE("%lu %#Ix %p\n", catalog_id, proposed, errno_ptr);
    if (!proposed || proposed == INVALID_SOCKET || !GetHandleInformation((HANDLE)proposed, &flags))
    {
        upcall_fail(errno_ptr, WSAEINVAL);
        return INVALID_SOCKET;
    }
    if (!ws2_provider_file(proposed, catalog_id, 0, TRUE))
    {
        upcall_fail(errno_ptr, WSAENOBUFS);
        return INVALID_SOCKET;
    }
    return proposed;
}

/* WPUFDIsSet: __WSAFDIsSet for a provider. */
static int WSPAPI wpu_fd_is_set(SOCKET s, fd_set *set)
{
    return __WSAFDIsSet(s, set);
}

/* WPUGetProviderPath: WSCGetProviderPath for a provider (documented as
 * the same call). */
static int WSPAPI wpu_get_provider_path(LPGUID provider, WCHAR *path, LPINT len, LPINT errno_ptr)
{
    return WSCGetProviderPath(provider, path, len, errno_ptr);
}

/* The routine WSApSetPostRoutine installed, or NULL for PostMessage. */
static LPWPUPOSTMESSAGE post_routine;

LPWPUPOSTMESSAGE ws2_post_routine(void)
{
    return post_routine;
}

/* WPUPostMessage: PostMessage, or the routine a Winsock 1.1 layer
 * installed with WSApSetPostRoutine.  user32 is loaded on first use, as
 * async.c does: the DLL imports nothing but kernel32 and ntdll. */
static BOOL WSPAPI wpu_post_message(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam)
{
    static LPWPUPOSTMESSAGE post_message;
    LPWPUPOSTMESSAGE routine = post_routine;
    HMODULE user32;

    if (routine) return routine(hwnd, msg, wparam, lparam);
    if (!post_message)
    {
        if (!(user32 = LoadLibraryW(L"user32.dll"))) return FALSE;
        routine = (LPWPUPOSTMESSAGE)GetProcAddress(user32, "PostMessageW");
        if (!routine || InterlockedCompareExchangePointer((void **)&post_message, routine, NULL))
            FreeLibrary(user32);
        if (!post_message) return FALSE;
    }
    return post_message(hwnd, msg, wparam, lparam);
}

/* WPUQueryBlockingCallback: for a Winsock 1.1 caller, the callback that
 * runs its blocking hook; for 2.x NULL, which the documentation allows
 * ("no user-defined blocking hook": the provider waits natively). */
static int WSPAPI wpu_query_blocking_callback(DWORD catalog_id, LPBLOCKINGCALLBACK *callback,
                                           PDWORD_PTR context, LPINT errno_ptr)
{
    TRACE("%lu %p %p %p\n", catalog_id, callback, context, errno_ptr);
    if (!callback || !ws2_writable(callback, sizeof(*callback)) ||
        !context || !ws2_writable(context, sizeof(*context)))
        return upcall_fail(errno_ptr, WSAEFAULT);
    *callback = (ws2_is_started() && LOBYTE(ws2_version()) == 1) ? ws2_blocking_callback : NULL;
    *context = 0;
    return 0;
}

/* WPUQueueApc: queues lpfnUserApc(context) to the thread WPUOpenCurrentThread
 * identified; WSAEFAULT for an unreadable thread id (documented). */
static int WSPAPI wpu_queue_apc(LPWSATHREADID thread, LPWSAUSERAPC routine, DWORD_PTR context, LPINT errno_ptr)
{
    TRACE("%p %p %#Ix %p\n", thread, routine, context, errno_ptr);
    if (!thread || !ws2_readable(thread, sizeof(*thread)) || !routine) return upcall_fail(errno_ptr, WSAEFAULT);
    if (!QueueUserAPC((PAPCFUNC)routine, thread->ThreadHandle, context)) return upcall_fail(errno_ptr, WSAEINVAL);
    return 0;
}

/* WPUOpenCurrentThread / WPUCloseThread: a real handle to the calling
 * thread for WPUQueueApc, and its release. */
static int WSPAPI wpu_open_current_thread(LPWSATHREADID thread, LPINT errno_ptr)
{
    HANDLE helper;
    DWORD err;

    if (!thread || !ws2_writable(thread, sizeof(*thread))) return upcall_fail(errno_ptr, WSAEFAULT);
    WahOpenApcHelper(&helper);
    if ((err = WahOpenCurrentThread(helper, thread))) return upcall_fail(errno_ptr, WSAENOBUFS);
    return 0;
}

static int WSPAPI wpu_close_thread(LPWSATHREADID thread, LPINT errno_ptr)
{
    HANDLE helper;

    if (!thread || !ws2_writable(thread, sizeof(*thread))) return upcall_fail(errno_ptr, WSAEFAULT);
    WahOpenApcHelper(&helper);
    if (WahCloseThread(helper, thread)) return upcall_fail(errno_ptr, WSAEINVAL);
    return 0;
}

static const WSPUPCALLTABLE upcall_table =
{
    wpu_close_event,
    WPUCloseSocketHandle,
    wpu_create_event,
    wpu_create_socket_handle,
    wpu_fd_is_set,
    wpu_get_provider_path,
    wpu_modify_ifs_handle,
    wpu_post_message,
    wpu_query_blocking_callback,
    wpu_query_socket_handle_context,
    wpu_queue_apc,
    wpu_reset_event,
    wpu_set_event,
    wpu_open_current_thread,
    wpu_close_thread,
};

const WSPUPCALLTABLE *ws2_upcall_table(void)
{
    return &upcall_table;
}

/* ---- exported ---- */

/* WPUCompleteOverlappedRequest: completes an overlapped request on a
 * handle from WPUCreateSocketHandle as the client asked: the OVERLAPPED
 * (status and count), its event, and the completion port bound to the
 * handle (documented).  Any other handle is WSAEINVAL (documented); an
 * OVERLAPPED that cannot be written is WSAEFAULT.  The documentation
 * does not ask for WSAStartup, nor does the provider need it. */
int WINAPI WPUCompleteOverlappedRequest(SOCKET s, LPWSAOVERLAPPED overlapped, DWORD error, DWORD bytes,
                                        LPINT errno_ptr)
{
    struct ws2_handle_filing info;
    DWORD err;

    TRACE("%#Ix %p %lu %lu %p\n", s, overlapped, error, bytes, errno_ptr);
    if (!errno_ptr || !ws2_writable(errno_ptr, sizeof(*errno_ptr))) return ws2_fail(WSAEFAULT);
    if (!ws2_provider_filing(s, &info) || info.ifs) return upcall_fail(errno_ptr, WSAEINVAL);
    if (!overlapped || !ws2_writable(overlapped, sizeof(*overlapped))) return upcall_fail(errno_ptr, WSAEFAULT);
    if ((err = ws2_nonifs_complete((HANDLE)s, overlapped, error, bytes))) return upcall_fail(errno_ptr, err);
    return 0;
}

/* WSApSetPostRoutine: a Winsock 1.1 layer (wsock32) names the routine
 * that posts the asynchronous functions' messages.  Returns 0; the
 * routine replaces PostMessage for the WSAAsyncGet* replies (async.c) and
 * WPUPostMessage.  NULL goes back to PostMessage. */
INT WINAPI WSApSetPostRoutine(LPWPUPOSTMESSAGE routine)
{
    TRACE("%p\n", routine);
    post_routine = routine;
    return 0;
}

/* WEP: the exit procedure 16-bit Windows called when a DLL was unloaded
 * (Winsock 1.1 listed it at ordinal 500).  Windows' export takes no
 * arguments (WEP@0 in its import library).  Nothing is left to do; like
 * every WEP it reports success with 1. */
INT WINAPI WEP(void)
{
    TRACE("\n");
    return 1;
}

/* WSAProviderCompleteAsyncCall: documented as planned for asynchronous
 * calls to version-2 name-space providers, which Windows does not make;
 * no call is ever pending.  The documented errors: WSANOTINITIALISED
 * before WSAStartup, WSAEINVAL for a NULL handle, and, since no handle
 * names a pending call, WSAEINVAL for every other one too. */
INT WINAPI WSAProviderCompleteAsyncCall(HANDLE call, INT result)
{
    TRACE("%p %d\n", call, result);
    if (!ws2_is_started()) return ws2_fail(WSANOTINITIALISED);
    return ws2_fail(WSAEINVAL);
}
