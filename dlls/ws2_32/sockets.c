/*
 * The process's socket table: the handles this DLL created or accepted, so
 * that the last WSACleanup can close them as Windows does.
 */
#include "ws2_32_private.h"

static SRWLOCK table_lock = SRWLOCK_INIT;
static SOCKET *table;           /* open addressing; 0 = free, 1 = deleted */
static SIZE_T table_size, table_used;

#define DELETED ((SOCKET)1)

static SIZE_T slot_of(SOCKET s, SIZE_T size)
{
    return ((ULONG_PTR)s >> 2) * 2654435761u & (size - 1);
}

static void insert(SOCKET *t, SIZE_T size, SOCKET s)
{
    SIZE_T i = slot_of(s, size);
    while (t[i] > DELETED) i = (i + 1) & (size - 1);
    t[i] = s;
}

/* Rebuild the table sized for its live entries, dropping deleted slots. */
static BOOL rehash(void)
{
    SIZE_T i, live = 0, size = 64;
    SOCKET *t;

    for (i = 0; i < table_size; i++)
        if (table[i] > DELETED) live++;
    while ((live + 1) * 4 > size) size *= 2;
    if (!(t = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size * sizeof(*t)))) return FALSE;
    for (i = 0; i < table_size; i++)
        if (table[i] > DELETED) insert(t, size, table[i]);
    HeapFree(GetProcessHeap(), 0, table);
    table = t;
    table_size = size;
    table_used = live;
    return TRUE;
}

void ws2_socket_add(SOCKET s)
{
    AcquireSRWLockExclusive(&table_lock);
    /* Deleted slots count as used until the next growth rebuilds the table. */
    if ((table_used + 1) * 2 <= table_size || rehash())
    {
        insert(table, table_size, s);
        table_used++;
    }
    ReleaseSRWLockExclusive(&table_lock);
}

void ws2_socket_remove(SOCKET s)
{
    SIZE_T i;

    AcquireSRWLockExclusive(&table_lock);
    if (table_size)
    {
        for (i = slot_of(s, table_size); table[i]; i = (i + 1) & (table_size - 1))
            if (table[i] == s) { table[i] = DELETED; break; }
    }
    ReleaseSRWLockExclusive(&table_lock);
}

void ws2_close_all_sockets(void)
{
    SIZE_T i;

    AcquireSRWLockExclusive(&table_lock);
    for (i = 0; i < table_size; i++)
        if (table[i] > DELETED) CloseHandle((HANDLE)table[i]);
    HeapFree(GetProcessHeap(), 0, table);
    table = NULL;
    table_size = table_used = 0;
    ReleaseSRWLockExclusive(&table_lock);
}
