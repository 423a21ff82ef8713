/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Event objects and the results of overlapped requests.
 *
 * A WSAEVENT is a manual-reset Win32 event; an overlapped request keeps
 * its result in the OVERLAPPED, used as the driver's status block
 * (Internal: the status, InternalHigh: the bytes; see afd.c).
 */
#include "ws2_32_private.h"

DWORD ws2_overlapped_error(NTSTATUS status)
{
    /* An overlapped request cancelled (CancelIo, CancelIoEx) or ended by
     * its socket's close is "aborted", not the interrupted blocking call
     * the same status means for a synchronous one. */
    if (status == STATUS_CANCELLED || status == STATUS_HANDLES_CLOSED) return WSA_OPERATION_ABORTED;
    return ws2_status_to_error(status);
}

DWORD ws2_overlapped_flags(NTSTATUS status)
{
    /* The receive flags of an ended request are carried by its status:
     * the driver's success codes for a partial message and for urgent
     * data. */
    switch (status)
    {
    case STATUS_RECEIVE_PARTIAL: return MSG_PARTIAL;
    case STATUS_RECEIVE_EXPEDITED: return MSG_OOB;
    case STATUS_RECEIVE_PARTIAL_EXPEDITED: return MSG_PARTIAL | MSG_OOB;
    default: return 0;
    }
}

DWORD ws2_check_overlapped_args(DWORD *bytes, WSAOVERLAPPED *overlapped)
{
    if (overlapped && !ws2_writable(overlapped, sizeof(*overlapped))) return WSAEFAULT;
    /* The byte count may be left out only when the OVERLAPPED will carry
     * it (recorded for Windows' WSASendTo and WSASendMsg in Wine's tests). */
    if (!bytes) return overlapped ? 0 : WSAEFAULT;
    return ws2_writable(bytes, sizeof(*bytes)) ? 0 : WSAEFAULT;
}

WSAEVENT WINAPI WSACreateEvent(void)
{
    TRACE("\n");
    /* Documented: manual reset, created non-signaled. */
    return CreateEventW(NULL, TRUE, FALSE, NULL);
}

BOOL WINAPI WSACloseEvent(WSAEVENT event)
{
    TRACE("%p\n", event);
    return CloseHandle(event);
}

BOOL WINAPI WSASetEvent(WSAEVENT event)
{
    TRACE("%p\n", event);
    return SetEvent(event);
}

BOOL WINAPI WSAResetEvent(WSAEVENT event)
{
    TRACE("%p\n", event);
    return ResetEvent(event);
}

DWORD WINAPI WSAWaitForMultipleEvents(DWORD count, const WSAEVENT *events, BOOL wait_all,
                                      DWORD timeout, BOOL alertable)
{
    TRACE("%lu %p %d %lu %d\n", count, events, wait_all, timeout, alertable);
    if (!count || count > WSA_MAXIMUM_WAIT_EVENTS || !events || !ws2_readable(events, count * sizeof(*events)))
    {
        SetLastError(WSA_INVALID_PARAMETER);
        return WSA_WAIT_FAILED;
    }
    /* The WSA_WAIT_* results are WaitForMultipleObjectsEx's. */
    return WaitForMultipleObjectsEx(count, events, wait_all, timeout, alertable);
}

/* Wait until the request of *overlapped has ended.  Without an event the
 * socket's handle is signaled when a request on it ends; another request
 * may have signaled it already, so the status is the test. */
static BOOL wait_overlapped(SOCKET s, WSAOVERLAPPED *overlapped)
{
    HANDLE event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
    DWORD ret;

    while (*(volatile ULONG_PTR *)&overlapped->Internal == STATUS_PENDING)
    {
        ret = WaitForSingleObject(event ? event : (HANDLE)s, event ? INFINITE : 50);
        if (ret == WAIT_FAILED) return FALSE;
        if (!event && ret == WAIT_OBJECT_0 && overlapped->Internal == STATUS_PENDING) Sleep(1);
    }
    return TRUE;
}

BOOL WINAPI WSAGetOverlappedResult(SOCKET s, WSAOVERLAPPED *overlapped, DWORD *bytes, BOOL wait, DWORD *flags)
{
    struct ws2_provider *p;
    struct ws2_socket info;
    NTSTATUS status;
    DWORD err;

    TRACE("%#Ix %p %p %d %p\n", s, overlapped, bytes, wait, flags);
    if ((p = ws2_provider_of(s))) return ws2_lsp_overlapped_result(p, s, overlapped, bytes, wait, flags);
    if ((err = ws2_enter_socket(s, &info))) return !ws2_fail(err);
    if (!overlapped || !ws2_writable(overlapped, sizeof(*overlapped))) return !ws2_fail(WSAEFAULT);
    if (bytes && !ws2_writable(bytes, sizeof(*bytes))) return !ws2_fail(WSAEFAULT);
    if (flags && !ws2_writable(flags, sizeof(*flags))) return !ws2_fail(WSAEFAULT);

    if (overlapped->Internal == STATUS_PENDING)
    {
        if (!wait) return !ws2_fail(WSA_IO_INCOMPLETE);
        if (!wait_overlapped(s, overlapped)) return !ws2_fail(WSA_INVALID_HANDLE);
    }
    status = overlapped->Internal;
    if (bytes) *bytes = overlapped->InternalHigh;
    /* A failed request leaves the caller's flags alone (recorded for
     * Windows in Wine's tests). */
    if (NT_SUCCESS(status) && flags) *flags = ws2_overlapped_flags(status);
    SetLastError(ws2_overlapped_error(status));
    return NT_SUCCESS(status);
}
