/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sockets shared between processes: WSADuplicateSocketA/W, and the other
 * half, WSASocket taking a WSAPROTOCOL_INFO that WSADuplicateSocket filled.
 *
 * The protocol information is the socket's catalog entry (what
 * SO_PROTOCOL_INFO reports) with the socket handle, already duplicated into
 * the target process, in dwProviderReserved: that is where Windows' base
 * provider puts it, and where WSASocket in the target looks for it.
 */
#include "ws2_32_private.h"

/* Fill *info for s duplicated into the process pid: 0 or the error. */
static DWORD duplicate_socket(SOCKET s, DWORD pid, WSAPROTOCOL_INFOW *info, BOOL wide)
{
    WSAPROTOCOL_INFOW entry;
    WSAPROTOCOL_INFOA entry_a;
    struct ws2_socket sock;
    HANDLE process, target;
    DWORD err;
    BOOL copied;

    if ((err = ws2_enter_socket(s, &sock))) return err;
    /* Windows checks the process before the structure (an unknown pid with
     * no structure is WSAEINVAL), and the structure before duplicating, so
     * nothing is left in the target when the call fails. */
    if (!(process = OpenProcess(PROCESS_DUP_HANDLE, FALSE, pid))) return WSAEINVAL;
    if (!ws2_writable(info, wide ? sizeof(WSAPROTOCOL_INFOW) : sizeof(WSAPROTOCOL_INFOA)))
    {
        CloseHandle(process);
        return WSAEFAULT;
    }
    if ((err = ws2_catalog_for_socket(sock.family, sock.type, sock.protocol, &entry)))
    {
        CloseHandle(process);
        return err;
    }
    /* The other process may select on the shared socket: from now on its
     * data moves only through the driver here too (host.c). */
    ws2_socket_set_state(s, WS2_SOCKET_DRIVER_ONLY);
    /* Inheritable in the target, like a socket WSASocket creates. */
    if (!DuplicateHandle(GetCurrentProcess(), (HANDLE)s, process, &target, 0, TRUE, DUPLICATE_SAME_ACCESS))
    {
        err = GetLastError();
        CloseHandle(process);
        return err == ERROR_ACCESS_DENIED ? WSAEINVAL : WSAENOBUFS;
    }
    /* Handle values fit in 32 bits in every process, 64-bit ones too. */
    entry.dwProviderReserved = HandleToULong(target);
    if (wide) copied = ws2_copy(info, &entry, sizeof(entry));
    else
    {
        ws2_protocol_info_w_to_a(&entry, &entry_a);
        copied = ws2_copy(info, &entry_a, sizeof(entry_a));
    }
    if (!copied)
    {
        /* The caller's structure went away meanwhile: take the handle back. */
        DuplicateHandle(process, target, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE);
        CloseHandle(process);
        return WSAEFAULT;
    }
    CloseHandle(process);
    TRACE("%#Ix -> %p in process %#lx\n", s, target, pid);
    return 0;
}

int WINAPI WSADuplicateSocketW(SOCKET s, DWORD pid, WSAPROTOCOL_INFOW *info)
{
    struct ws2_provider *p;
    DWORD err;

    TRACE("%#Ix %#lx %p\n", s, pid, info);
    if ((p = ws2_provider_of(s))) return ws2_lsp_duplicate(p, s, pid, info, FALSE);
    if ((err = duplicate_socket(s, pid, info, TRUE))) return ws2_fail(err);
    return 0;
}

int WINAPI WSADuplicateSocketA(SOCKET s, DWORD pid, WSAPROTOCOL_INFOA *info)
{
    struct ws2_provider *p;
    DWORD err;

    TRACE("%#Ix %#lx %p\n", s, pid, info);
    if ((p = ws2_provider_of(s))) return ws2_lsp_duplicate(p, s, pid, info, TRUE);
    if ((err = duplicate_socket(s, pid, (WSAPROTOCOL_INFOW *)info, FALSE))) return ws2_fail(err);
    return 0;
}

/* Adoptions one at a time: the check that a handle is not in the table yet
 * and its entry going in are one step. */
static SRWLOCK adopt_lock = SRWLOCK_INIT;

/* What the driver says the socket is doing, into its table entry. */
static void read_driver_state(SOCKET s, struct ws2_socket *entry)
{
    SOCKADDR_STORAGE name;
    struct linger linger;
    int listening = 0;

    entry->state = 0;
    entry->error = 0;
    entry->linger = 0;
    if (!afd_call(s, IOCTL_AFD_GETSOCKNAME, NULL, 0, &name, sizeof(name), NULL))
        entry->state |= WS2_SOCKET_BOUND;
    if (!afd_call(s, IOCTL_AFD_WINE_GETPEERNAME, NULL, 0, &name, sizeof(name), NULL))
        entry->state |= WS2_SOCKET_BOUND | WS2_SOCKET_CONNECTED;
    if (!afd_get_int(s, IOCTL_AFD_WINE_GET_SO_ACCEPTCONN, &listening) && listening)
        entry->state |= WS2_SOCKET_LISTENING;
    if (!afd_call(s, IOCTL_AFD_WINE_GET_SO_LINGER, NULL, 0, &linger, sizeof(linger), NULL) &&
        linger.l_onoff && linger.l_linger)
    {
        entry->state |= WS2_SOCKET_LINGERING;
        entry->linger = linger.l_linger;
    }
}

SOCKET ws2_socket_from_duplicate(const WSAPROTOCOL_INFOW *info, DWORD flags)
{
    SOCKET s = (SOCKET)ULongToHandle(info->dwProviderReserved);
    struct ws2_socket entry;

    AcquireSRWLockExclusive(&adopt_lock);
    /* WSASocket's documentation: a structure that is invalid, or was
     * already used for a duplicated socket, is WSAEINVAL.  A handle already
     * in the table was taken before (or names one of our own sockets, not
     * a duplicate); a handle that is not a socket of the structure's kind
     * is stale. */
    if (ws2_socket_get(s, &entry) || !(entry.state & WS2_SOCKET_UNTRACKED) ||
        entry.family != info->iAddressFamily || entry.type != info->iSocketType)
    {
        ReleaseSRWLockExclusive(&adopt_lock);
        SetLastError(WSAEINVAL);
        return INVALID_SOCKET;
    }
    read_driver_state(s, &entry);
    SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT,
                         (flags & WSA_FLAG_NO_HANDLE_INHERIT) ? 0 : HANDLE_FLAG_INHERIT);
    ws2_socket_add(&entry);
    ReleaseSRWLockExclusive(&adopt_lock);
    TRACE("adopted %#Ix\n", s);
    SetLastError(0);
    return s;
}
