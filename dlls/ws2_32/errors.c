/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Error reporting: the one table from driver status to Winsock error, and
 * the helpers every function uses to fail.
 */
#include "ws2_32_private.h"

static const struct
{
    NTSTATUS status;
    DWORD error;
}
status_map[] =
{
    { STATUS_PENDING,                   ERROR_IO_PENDING },
    { STATUS_BUFFER_OVERFLOW,           WSAEMSGSIZE },
    { STATUS_NOT_IMPLEMENTED,           WSAEOPNOTSUPP },
    { STATUS_ACCESS_VIOLATION,          WSAEFAULT },
    { STATUS_NO_MEMORY,                 WSAENOBUFS },
    { STATUS_INVALID_HANDLE,            WSAENOTSOCK },
    { STATUS_OBJECT_TYPE_MISMATCH,      WSAENOTSOCK },
    { STATUS_INVALID_PARAMETER,         WSAEINVAL },
    { STATUS_INVALID_DEVICE_REQUEST,    WSAEOPNOTSUPP },
    { STATUS_PIPE_DISCONNECTED,         WSAESHUTDOWN },
    { STATUS_NOT_SUPPORTED,             WSAEOPNOTSUPP },
    { STATUS_TIMEOUT,                   WSAETIMEDOUT },
    { STATUS_IO_TIMEOUT,                WSAETIMEDOUT },
    { STATUS_NETWORK_UNREACHABLE,       WSAENETUNREACH },
    { STATUS_HOST_UNREACHABLE,          WSAEHOSTUNREACH },
    { STATUS_PROTOCOL_UNREACHABLE,      WSAENETUNREACH },
    { STATUS_PORT_UNREACHABLE,          WSAECONNRESET },
    { STATUS_NETWORK_BUSY,              WSAENETDOWN },
    { STATUS_CONNECTION_REFUSED,        WSAECONNREFUSED },
    { STATUS_CONNECTION_RESET,          WSAECONNRESET },
    { STATUS_CONNECTION_ABORTED,        WSAECONNABORTED },
    { STATUS_CONNECTION_DISCONNECTED,   WSAESHUTDOWN },
    { STATUS_LOCAL_DISCONNECT,          WSAECONNABORTED },
    { STATUS_REMOTE_DISCONNECT,         WSAECONNRESET },
    { STATUS_CONNECTION_ACTIVE,         WSAEISCONN },
    { STATUS_INVALID_CONNECTION,        WSAENOTCONN },
    { STATUS_ADDRESS_ALREADY_ASSOCIATED, WSAEINVAL },
    { STATUS_ADDRESS_ALREADY_EXISTS,    WSAEADDRINUSE },
    { STATUS_SHARING_VIOLATION,         WSAEADDRINUSE },
    { STATUS_INVALID_ADDRESS,           WSAEADDRNOTAVAIL },
    { STATUS_INVALID_ADDRESS_COMPONENT, WSAEADDRNOTAVAIL },
    { STATUS_ACCESS_DENIED,             WSAEACCES },
    { STATUS_DEVICE_NOT_READY,          WSAEWOULDBLOCK },
    { STATUS_CANT_WAIT,                 WSAEWOULDBLOCK },
    { STATUS_MORE_PROCESSING_REQUIRED,  WSAEWOULDBLOCK },
    { STATUS_CANCELLED,                 WSAEINTR },     /* a blocking call cut short */
    /* A request the driver ended because its socket's handle was closed
     * (closesocket or WSACleanup on another thread): the blocking call was
     * interrupted.  A success-class status, so it must be listed. */
    { STATUS_HANDLES_CLOSED,            WSAEINTR },
    { STATUS_TOO_MANY_OPENED_FILES,     WSAEMFILE },
    { STATUS_INSUFFICIENT_RESOURCES,    WSAENOBUFS },
    { STATUS_BUFFER_TOO_SMALL,          WSAEFAULT },
    { STATUS_NOT_FOUND,                 WSAENOPROTOOPT },
};

DWORD ws2_status_to_error(NTSTATUS status)
{
    unsigned int i;

    if (!status) return 0;
    for (i = 0; i < ARRAYSIZE(status_map); i++)
    {
        if (status_map[i].status != status) continue;
        TRACE("status %#lx -> error %lu\n", status, status_map[i].error);
        return status_map[i].error;
    }
    /* Wine passes some errors through as Win32 codes in the status. */
    if ((status & 0xffff0000) == 0xc0010000) return status & 0xffff;
    WARN("unmapped status %#lx\n", status);
    return RtlNtStatusToDosError(status);
}

int ws2_fail(DWORD error)
{
    SetLastError(error);
    return SOCKET_ERROR;
}

int ws2_status_result(NTSTATUS status)
{
    if (!status) return 0;
    return ws2_fail(ws2_status_to_error(status));
}
