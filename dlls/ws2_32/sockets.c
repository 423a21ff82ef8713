/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The process's socket table: the handles this DLL created or accepted,
 * with what ws2_32 needs to know about them without asking the driver
 * (family, type, protocol, and whether they were ever bound or connected).
 * Windows' ws2_32 keeps such a table too; the last WSACleanup closes every
 * socket in it.
 */
#include "ws2_32_private.h"

static SRWLOCK table_lock = SRWLOCK_INIT;
static struct ws2_socket *table;    /* open addressing on the handle value */
static SIZE_T table_size, table_used;

/* Slot markers: a free slot has socket 0; a deleted one socket 1. */
#define DELETED ((SOCKET)1)

static SIZE_T slot_of(SOCKET s, SIZE_T size)
{
    return ((ULONG_PTR)s >> 2) * 2654435761u & (size - 1);
}

/* Copy entry into a free slot of t: the slot. */
static struct ws2_socket *insert(struct ws2_socket *t, SIZE_T size, const struct ws2_socket *entry)
{
    SIZE_T i = slot_of(entry->socket, size);
    while (t[i].socket > DELETED) i = (i + 1) & (size - 1);
    t[i] = *entry;
    return &t[i];
}

/* The slot holding s, or NULL.  Called with the lock held. */
static struct ws2_socket *find(SOCKET s)
{
    SIZE_T i;

    if (!table_size || s <= DELETED) return NULL;
    for (i = slot_of(s, table_size); table[i].socket; i = (i + 1) & (table_size - 1))
        if (table[i].socket == s) return &table[i];
    return NULL;
}

/* Rebuild the table sized for its live entries, dropping deleted slots. */
static BOOL rehash(void)
{
    SIZE_T i, live = 0, size = 64;
    struct ws2_socket *t;

    for (i = 0; i < table_size; i++)
        if (table[i].socket > DELETED) live++;
    while ((live + 1) * 4 > size) size *= 2;
    if (!(t = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size * sizeof(*t)))) return FALSE;
    for (i = 0; i < table_size; i++)
        if (table[i].socket > DELETED) insert(t, size, &table[i]);
    HeapFree(GetProcessHeap(), 0, table);
    table = t;
    table_size = size;
    table_used = live;
    return TRUE;
}

/* An entry leaves the table: what it holds on the host goes with it. */
static void forget(struct ws2_socket *entry)
{
    if (entry->host_poll) ws2_host_poll_close(entry->host_poll - 1);
    entry->host_poll = 0;
}

void ws2_socket_add(const struct ws2_socket *entry)
{
    struct ws2_socket *old;

    AcquireSRWLockExclusive(&table_lock);
    /* A value left behind by a socket closed with CloseHandle now names
     * this new socket. */
    if ((old = find(entry->socket)))
    {
        forget(old);
        *old = *entry;
        old->host_poll = 0;
    }
    /* Deleted slots count as used until the next rehash drops them. */
    else if ((table_used + 1) * 2 <= table_size || rehash())
    {
        insert(table, table_size, entry)->host_poll = 0;
        table_used++;
    }
    ReleaseSRWLockExclusive(&table_lock);
}

BOOL ws2_socket_remove(SOCKET s)
{
    struct ws2_socket *entry;

    AcquireSRWLockExclusive(&table_lock);
    if ((entry = find(s)))
    {
        forget(entry);
        entry->socket = DELETED;
    }
    ReleaseSRWLockExclusive(&table_lock);
    return entry != NULL;
}

int ws2_socket_set_host_poll(SOCKET s, int fd)
{
    struct ws2_socket *entry;
    int set = -1;

    AcquireSRWLockExclusive(&table_lock);
    if ((entry = find(s)))
    {
        if (!entry->host_poll) entry->host_poll = fd + 1;
        set = entry->host_poll - 1;
    }
    ReleaseSRWLockExclusive(&table_lock);
    return set;
}

void ws2_socket_host_poll_begin(const struct ws2_host_poll *entries, int *fds, unsigned int count)
{
    struct ws2_socket *entry;
    unsigned int i;

    AcquireSRWLockShared(&table_lock);
    for (i = 0; i < count; i++)
        fds[i] = (entry = find(entries[i].socket)) ? entry->host_poll - 1 : -1;
}

void ws2_socket_host_poll_end(void)
{
    ReleaseSRWLockShared(&table_lock);
}

void ws2_socket_set_state(SOCKET s, LONG state)
{
    struct ws2_socket *entry;

    AcquireSRWLockExclusive(&table_lock);
    if ((entry = find(s))) entry->state |= state;
    ReleaseSRWLockExclusive(&table_lock);
}

void ws2_socket_clear_state(SOCKET s, LONG state)
{
    struct ws2_socket *entry;

    AcquireSRWLockExclusive(&table_lock);
    if ((entry = find(s))) entry->state &= ~state;
    ReleaseSRWLockExclusive(&table_lock);
}

void ws2_socket_set_error(SOCKET s, int error)
{
    struct ws2_socket *entry;

    AcquireSRWLockExclusive(&table_lock);
    if ((entry = find(s))) entry->error = error;
    ReleaseSRWLockExclusive(&table_lock);
}

void ws2_socket_calls(SOCKET s, LONG delta)
{
    struct ws2_socket *entry;

    /* Entries stay where they are while the shared lock is held. */
    AcquireSRWLockShared(&table_lock);
    if ((entry = find(s))) InterlockedExchangeAdd(&entry->calls, delta);
    ReleaseSRWLockShared(&table_lock);
}

void ws2_socket_set_linger(SOCKET s, const struct linger *linger)
{
    struct ws2_socket *entry;

    AcquireSRWLockExclusive(&table_lock);
    if ((entry = find(s)))
    {
        if (linger->l_onoff && linger->l_linger)
        {
            entry->state |= WS2_SOCKET_LINGERING;
            entry->linger = linger->l_linger;
        }
        else entry->state &= ~WS2_SOCKET_LINGERING;
    }
    ReleaseSRWLockExclusive(&table_lock);
}

void ws2_socket_set_option(SOCKET s, unsigned int index, int value)
{
    struct ws2_socket *entry;

    if (index >= ARRAYSIZE(entry->options)) return;
    AcquireSRWLockExclusive(&table_lock);
    if ((entry = find(s)))
    {
        entry->options[index] = value;
        entry->options_set |= 1 << index;
    }
    ReleaseSRWLockExclusive(&table_lock);
}

NTSTATUS ws2_socket_get(SOCKET s, struct ws2_socket *info)
{
    struct ws2_socket *entry;
    NTSTATUS status;

    AcquireSRWLockShared(&table_lock);
    if ((entry = find(s))) *info = *entry;
    ReleaseSRWLockShared(&table_lock);
    if (entry) return STATUS_SUCCESS;

    /* Not ours: an inherited or duplicated handle, or not a socket at all. */
    memset(info, 0, sizeof(*info));
    info->socket = s;
    info->state = WS2_SOCKET_UNTRACKED;
    info->error = 0;
    info->linger = 0;
    status = afd_get_info(s, &info->family, &info->type, &info->protocol);
    /* The socket driver answers this request for every socket handle.  Any
     * other answer comes from whatever the handle names (a file, a device
     * opened read-only, a pipe, an event, nothing at all) and means "not a
     * socket": Windows says WSAENOTSOCK whatever that object's driver said.
     * Only running out of memory on our side is reported as itself. */
    if (status && status != STATUS_NO_MEMORY && status != STATUS_INSUFFICIENT_RESOURCES)
        return STATUS_INVALID_HANDLE;
    return status;
}

BOOL ws2_socket_confirm(SOCKET s, LONG state)
{
    /* The table is not proof: a socket closed with CloseHandle leaves its
     * value behind for the next object.  Cheapest answer first: ntdll's
     * cached descriptor costs nothing once the host path has taken it. */
    if ((state & WS2_SOCKET_HOST_FD) && ws2_host_confirms_socket(s)) return TRUE;
    if (afd_claims_socket(s)) return TRUE;
    return !afd_get_info(s, NULL, NULL, NULL);
}

void ws2_close_all_sockets(void)
{
    SIZE_T i;

    ws2_unix_close_all();
    AcquireSRWLockExclusive(&table_lock);
    for (i = 0; i < table_size; i++)
    {
        HANDLE handle = (HANDLE)table[i].socket;

        if (table[i].socket <= DELETED) continue;
        forget(&table[i]);
        /* Close only what is still a socket, cancelling its pending calls
         * first. */
        if (!ws2_socket_confirm(table[i].socket, table[i].state)) continue;
        CancelIoEx(handle, NULL);
        CloseHandle(handle);
    }
    HeapFree(GetProcessHeap(), 0, table);
    table = NULL;
    table_size = table_used = 0;
    ReleaseSRWLockExclusive(&table_lock);
}

DWORD ws2_enter_socket(SOCKET s, struct ws2_socket *info)
{
    NTSTATUS status;
    DWORD err;

    if ((err = ws2_enter_check())) return err;
    if ((status = ws2_socket_get(s, info))) return ws2_status_to_error(status);
    return 0;
}
