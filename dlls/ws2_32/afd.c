/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The socket driver: every request to \Device\Afd goes through here.
 *
 * A blocking call is the asynchronous request plus a wait on the thread's
 * event.  No APC context is passed, so our own requests never post to a
 * completion port the application bound to the socket.  An application's
 * overlapped request (afd_call_overlapped) is the same request with the
 * application's OVERLAPPED as its status block, its event, and its
 * completion routine or completion port.
 */
#include "ws2_32_private.h"

NTSTATUS afd_open(HANDLE *handle, BOOL overlapped, BOOL inheritable)
{
    static const WCHAR afd_name[] = L"\\Device\\Afd";
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;

    name.Buffer = (WCHAR *)afd_name;
    name.Length = sizeof(afd_name) - sizeof(WCHAR);
    name.MaximumLength = sizeof(afd_name);
    InitializeObjectAttributes(&attr, &name, inheritable ? OBJ_INHERIT : 0, NULL, NULL);
    return NtOpenFile(handle, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &attr, &io, 0,
                      overlapped ? 0 : FILE_SYNCHRONOUS_IO_NONALERT);
}

/* Makes the socket behind a handle afd_open gave. */
NTSTATUS afd_create(HANDLE handle, int family, int type, int protocol, unsigned int flags)
{
    struct afd_create_params create;
    IO_STATUS_BLOCK io;

    create.family = family;
    create.type = type;
    create.protocol = protocol;
    create.flags = flags;
    return NtDeviceIoControlFile(handle, NULL, NULL, NULL, &io, IOCTL_AFD_WINE_CREATE,
                                 &create, sizeof(create), NULL, 0);
}

/* Cancel this thread's synchronous request on the socket and wait until it
 * has ended (its buffers are on the caller's stack).  Wine 10's driver
 * can fail to find a request for a while after it was queued (the cancel
 * gives ERROR_NOT_FOUND and the request waits on), so the cancel is
 * repeated until the request ends; one that completed meanwhile keeps its
 * result. */
static void cancel_and_wait(SOCKET s, IO_STATUS_BLOCK *io, HANDLE event)
{
    do CancelIoEx((HANDLE)s, (OVERLAPPED *)io);
    while (WaitForSingleObject(event, 20) == WAIT_TIMEOUT);
}

/* The request itself; afd_call counts it in the socket table around it. */
static NTSTATUS call_and_wait(SOCKET s, ULONG code, const void *in, ULONG in_size,
                              void *out, ULONG out_size, ULONG_PTR *out_len)
{
    struct ws2_thread *t = ws2_get_thread();
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if (!t) return STATUS_NO_MEMORY;
    io.Status = STATUS_PENDING;
    io.Information = 0;
    status = NtDeviceIoControlFile((HANDLE)s, t->sync_event, NULL, NULL, &io, code,
                                   (void *)in, in_size, out, out_size);
    if (status == STATUS_PENDING)
    {
        if (ws2_blocking_wait(t->sync_event) == STATUS_CANCELLED)
        {
            /* WSACancelBlockingCall: the request must be finished before
             * its stack buffers go away. */
            cancel_and_wait(s, &io, t->sync_event);
            if (io.Status == STATUS_CANCELLED)
            {
                if (out_len) *out_len = 0;
                return STATUS_CANCELLED;
            }
        }
        status = io.Status;
    }
    if (out_len) *out_len = io.Information;
    return status;
}

NTSTATUS afd_call(SOCKET s, ULONG code, const void *in, ULONG in_size,
                  void *out, ULONG out_size, ULONG_PTR *out_len)
{
    NTSTATUS status;

    /* Counted from before the request is made, so a closesocket racing
     * with it knows there is something to cancel. */
    ws2_socket_calls(s, 1);
    status = call_and_wait(s, code, in, in_size, out, out_size, out_len);
    ws2_socket_calls(s, -1);
    return status;
}

static NTSTATUS call_timed(SOCKET s, ULONG code, const void *in, ULONG in_size,
                           void *out, ULONG out_size, DWORD timeout, ULONG_PTR *out_len)
{
    struct ws2_thread *t;
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if (timeout == INFINITE) return call_and_wait(s, code, in, in_size, out, out_size, out_len);
    if (out_len) *out_len = 0;
    if (!(t = ws2_get_thread())) return STATUS_NO_MEMORY;
    io.Status = STATUS_PENDING;
    io.Information = 0;
    status = NtDeviceIoControlFile((HANDLE)s, t->sync_event, NULL, NULL, &io, code,
                                   (void *)in, in_size, out, out_size);
    if (status == STATUS_PENDING && WaitForSingleObject(t->sync_event, timeout) != WAIT_OBJECT_0)
    {
        /* Out of time: the request must end before its buffers go away. */
        cancel_and_wait(s, &io, t->sync_event);
        if (io.Status == STATUS_CANCELLED) return STATUS_IO_TIMEOUT;
    }
    if (status != STATUS_PENDING) return status;
    if (out_len) *out_len = io.Information;
    return io.Status;
}

NTSTATUS afd_call_timed(SOCKET s, ULONG code, const void *in, ULONG in_size,
                        void *out, ULONG out_size, DWORD timeout, ULONG_PTR *out_len)
{
    NTSTATUS status;

    ws2_socket_calls(s, 1);
    status = call_timed(s, code, in, in_size, out, out_size, timeout, out_len);
    ws2_socket_calls(s, -1);
    return status;
}

NTSTATUS afd_get_int(SOCKET s, ULONG code, int *value)
{
    *value = 0;
    return afd_call(s, code, NULL, 0, value, sizeof(*value), NULL);
}

NTSTATUS afd_set_int(SOCKET s, ULONG code, int value)
{
    return afd_call(s, code, &value, sizeof(value), NULL, 0, NULL);
}

NTSTATUS afd_get_info(SOCKET s, int *family, int *type, int *protocol)
{
    struct afd_get_info_params info;
    /* Not counted in the socket table: the driver answers at once, and the
     * table's lock may be held (ws2_close_all_sockets). */
    NTSTATUS status = call_and_wait(s, IOCTL_AFD_WINE_GET_INFO, NULL, 0, &info, sizeof(info), NULL);

    if (status) return status;
    if (family) *family = info.family;
    if (type) *type = info.type;
    if (protocol) *protocol = info.protocol;
    return STATUS_SUCCESS;
}

/* Whether the socket driver claims s, at the cost of one plain request:
 * asked for the socket's information with no room for it, Wine's socket
 * driver refuses at once with STATUS_BUFFER_TOO_SMALL, which needs no
 * wait afterwards (the answer GET_INFO gives does).  FALSE is no verdict:
 * afd_get_info decides. */
BOOL afd_claims_socket(SOCKET s)
{
    /* Not counted in the socket table, like afd_get_info. */
    return call_and_wait(s, IOCTL_AFD_WINE_GET_INFO, NULL, 0, NULL, 0, NULL) == STATUS_BUFFER_TOO_SMALL;
}

/* A completion routine waiting for its request (freed by the APC). */
struct afd_completion
{
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
    WSAOVERLAPPED *overlapped;
    const DWORD *flags;
};

static void WINAPI afd_completion_apc(void *arg, IO_STATUS_BLOCK *io, ULONG reserved)
{
    struct afd_completion c = *(struct afd_completion *)arg;

    HeapFree(GetProcessHeap(), 0, arg);
    /* An overlapped request's error: a cancelled one is aborted. */
    c.routine(ws2_overlapped_error(io->Status), io->Information, c.overlapped,
              ws2_overlapped_flags(io->Status) | (c.flags ? *c.flags : 0));
}

NTSTATUS afd_call_overlapped(SOCKET s, ULONG code, const void *in, ULONG in_size,
                             void *out, ULONG out_size, WSAOVERLAPPED *overlapped,
                             LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, const DWORD *flags)
{
    IO_STATUS_BLOCK *io = (IO_STATUS_BLOCK *)overlapped;
    HANDLE event = overlapped->hEvent;
    struct afd_completion *c = NULL;
    PIO_APC_ROUTINE apc = NULL;
    void *context = NULL;
    NTSTATUS status;

    if (routine)
    {
        /* A completion routine is called as an APC in the issuing thread;
         * it is never posted to a completion port. */
        if (!(c = HeapAlloc(GetProcessHeap(), 0, sizeof(*c)))) return STATUS_NO_MEMORY;
        c->routine = routine;
        c->overlapped = overlapped;
        c->flags = flags;
        apc = afd_completion_apc;
        context = c;
    }
    else if (!((ULONG_PTR)event & 1))
    {
        /* GetQueuedCompletionStatus's documentation: an event handle with
         * its low bit set keeps the completion off the port. */
        context = overlapped;
    }
    event = (HANDLE)((ULONG_PTR)event & ~(ULONG_PTR)1);
    /* Requests queued in the driver come before any later call: the host
     * path (host.c) must not overtake them, now or later. */
    ws2_socket_set_state(s, WS2_SOCKET_DRIVER_ONLY);
    io->Status = STATUS_PENDING;
    io->Information = 0;
    status = NtDeviceIoControlFile((HANDLE)s, event, apc, context, io, code,
                                   (void *)in, in_size, out, out_size);
    /* A request refused at once queues nothing. */
    if (c && status != STATUS_PENDING && NT_ERROR(status)) HeapFree(GetProcessHeap(), 0, c);
    return status;
}

NTSTATUS afd_call_start(SOCKET s, ULONG code, const void *in, ULONG in_size,
                        void *out, ULONG out_size, IO_STATUS_BLOCK *io, HANDLE event)
{
    io->Status = STATUS_PENDING;
    io->Information = 0;
    return NtDeviceIoControlFile((HANDLE)s, event, NULL, NULL, io, code,
                                 (void *)in, in_size, out, out_size);
}

NTSTATUS afd_call_port(SOCKET s, ULONG code, const void *in, ULONG in_size, IO_STATUS_BLOCK *io,
                       void *port_value)
{
    return NtDeviceIoControlFile((HANDLE)s, NULL, NULL, port_value, io, code, (void *)in, in_size, NULL, 0);
}

void afd_call_cancel(SOCKET s, IO_STATUS_BLOCK *io, HANDLE event)
{
    cancel_and_wait(s, io, event);
}
