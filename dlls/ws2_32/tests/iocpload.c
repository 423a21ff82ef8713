/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Load: an overlapped echo server on one completion port.
 *
 * The server keeps LOAD_SLOTS connection slots; each slot is an AcceptEx,
 * then one outstanding WSARecv at a time (so at most LOAD_SLOTS receives
 * are pending), an overlapped WSASend of what came in, and a new AcceptEx
 * once the client has gone.  A few worker threads drain the one port.
 * Clients on LOAD_SLOTS threads make LOAD_CONNECTIONS connections in all,
 * each exchanging messages of many sizes and checking every byte that comes
 * back.  After a warm-up round the load runs LOAD_ROUNDS times; the
 * handle count must not grow, and neither the heap nor the private memory
 * may grow in every round, so a leak of a handle or of a few dozen bytes
 * per connection shows.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include "wine/test.h"
#include "loopback.h"

#define LOAD_CONNECTIONS 500
#define LOAD_ROUNDS      3
#define LOAD_WARMUP      250
#define LOAD_SLOTS       64
#define LOAD_WORKERS     4
#define LOAD_MESSAGES    3
#define LOAD_MAX_MESSAGE 24000
#define LOAD_STOP_KEY    ((ULONG_PTR)0x5107)

enum slot_state { SLOT_ACCEPTING, SLOT_RECEIVING, SLOT_SENDING, SLOT_DONE };

struct slot
{
    OVERLAPPED ov;              /* first: the OVERLAPPED is the slot */
    enum slot_state state;
    SOCKET s;
    WSABUF wsabuf;
    DWORD to_send, sent;
    char addresses[2 * (sizeof(SOCKADDR_IN) + 16)];
    char buf[8192];
};

struct server
{
    HANDLE port;
    SOCKET listener;
    LPFN_ACCEPTEX acceptex;
    volatile LONG stopping;
    LONG accepted;
    LONG errors;
    DWORD first_error;
    const char *first_error_what;
    LONG done_slots;
    struct slot slots[LOAD_SLOTS];
};

static void server_error(struct server *srv, const char *what, DWORD error)
{
    if (InterlockedIncrement(&srv->errors) == 1)
    {
        srv->first_error = error;
        srv->first_error_what = what;
    }
}

static void slot_finish(struct server *srv, struct slot *slot)
{
    if (slot->s != INVALID_SOCKET) closesocket(slot->s);
    slot->s = INVALID_SOCKET;
    slot->state = SLOT_DONE;
    InterlockedIncrement(&srv->done_slots);
}

static void post_accept(struct server *srv, struct slot *slot)
{
    DWORD bytes;

    if (srv->stopping)
    {
        slot_finish(srv, slot);
        return;
    }
    slot->s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (slot->s == INVALID_SOCKET)
    {
        server_error(srv, "socket", WSAGetLastError());
        slot_finish(srv, slot);
        return;
    }
    memset(&slot->ov, 0, sizeof(slot->ov));
    slot->state = SLOT_ACCEPTING;
    if (!srv->acceptex(srv->listener, slot->s, slot->addresses, 0, sizeof(SOCKADDR_IN) + 16,
                       sizeof(SOCKADDR_IN) + 16, &bytes, &slot->ov)
        && WSAGetLastError() != ERROR_IO_PENDING)
    {
        if (!srv->stopping) server_error(srv, "AcceptEx", WSAGetLastError());
        slot_finish(srv, slot);
    }
}

static void post_recv(struct server *srv, struct slot *slot)
{
    DWORD flags = 0;

    memset(&slot->ov, 0, sizeof(slot->ov));
    slot->state = SLOT_RECEIVING;
    slot->wsabuf.buf = slot->buf;
    slot->wsabuf.len = sizeof(slot->buf);
    if (WSARecv(slot->s, &slot->wsabuf, 1, NULL, &flags, &slot->ov, NULL)
        && WSAGetLastError() != WSA_IO_PENDING)
    {
        server_error(srv, "WSARecv", WSAGetLastError());
        closesocket(slot->s);
        post_accept(srv, slot);
    }
}

static void post_send(struct server *srv, struct slot *slot)
{
    memset(&slot->ov, 0, sizeof(slot->ov));
    slot->state = SLOT_SENDING;
    slot->wsabuf.buf = slot->buf + slot->sent;
    slot->wsabuf.len = slot->to_send - slot->sent;
    if (WSASend(slot->s, &slot->wsabuf, 1, NULL, 0, &slot->ov, NULL)
        && WSAGetLastError() != WSA_IO_PENDING)
    {
        server_error(srv, "WSASend", WSAGetLastError());
        closesocket(slot->s);
        post_accept(srv, slot);
    }
}

/* One completion: move the slot on to its next operation. */
static void slot_completed(struct server *srv, struct slot *slot, BOOL success, DWORD bytes)
{
    DWORD error = success ? 0 : GetLastError();

    switch (slot->state)
    {
    case SLOT_ACCEPTING:
        if (!success)
        {
            /* The listener closed under a pending AcceptEx ends it. */
            if (!srv->stopping) server_error(srv, "AcceptEx completion", error);
            slot_finish(srv, slot);
            return;
        }
        InterlockedIncrement(&srv->accepted);
        if (setsockopt(slot->s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT,
                       (char *)&srv->listener, sizeof(srv->listener)))
            server_error(srv, "SO_UPDATE_ACCEPT_CONTEXT", WSAGetLastError());
        if (!CreateIoCompletionPort((HANDLE)slot->s, srv->port, 0, 0))
        {
            server_error(srv, "CreateIoCompletionPort", GetLastError());
            closesocket(slot->s);
            post_accept(srv, slot);
            return;
        }
        post_recv(srv, slot);
        return;
    case SLOT_RECEIVING:
        if (!success || !bytes)
        {
            /* The client closed (or reset): this slot serves the next one. */
            if (!success) server_error(srv, "WSARecv completion", error);
            closesocket(slot->s);
            post_accept(srv, slot);
            return;
        }
        slot->to_send = bytes;
        slot->sent = 0;
        post_send(srv, slot);
        return;
    case SLOT_SENDING:
        if (!success)
        {
            server_error(srv, "WSASend completion", error);
            closesocket(slot->s);
            post_accept(srv, slot);
            return;
        }
        slot->sent += bytes;
        if (slot->sent < slot->to_send) post_send(srv, slot);
        else post_recv(srv, slot);
        return;
    case SLOT_DONE:
        server_error(srv, "completion on a finished slot", 0);
        return;
    }
}

static DWORD WINAPI server_worker(void *arg)
{
    struct server *srv = arg;
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes;
    BOOL success;

    for (;;)
    {
        ov = NULL;
        success = GetQueuedCompletionStatus(srv->port, &bytes, &key, &ov, 30000);
        if (!ov)
        {
            if (key != LOAD_STOP_KEY) server_error(srv, "GetQueuedCompletionStatus", GetLastError());
            return 0;
        }
        slot_completed(srv, (struct slot *)ov, success, bytes);
    }
}

/* ---- the clients ---- */

struct clients
{
    SOCKADDR_STORAGE addr;
    int addr_len;
    LONG next;                  /* the next connection number to make */
    LONG total;                 /* how many to make */
    LONG completed;
    LONG mismatches;
    LONG errors;
    DWORD first_error;
    const char *first_error_what;
};

static void client_error(struct clients *c, const char *what, DWORD error)
{
    if (InterlockedIncrement(&c->errors) == 1)
    {
        c->first_error = error;
        c->first_error_what = what;
    }
}

/* Message k of connection n: a size and contents of its own. */
static int message_size(LONG n, int k)
{
    return 1 + (int)(((unsigned)n * 2719u + (unsigned)k * 6007u) % LOAD_MAX_MESSAGE);
}

static unsigned char message_byte(LONG n, int k, int i)
{
    return (unsigned char)(n * 13 + k * 101 + i * 7 + (i >> 8));
}

static BOOL send_all(SOCKET s, const char *p, int len)
{
    int n;

    while (len > 0)
    {
        if ((n = send(s, p, len, 0)) <= 0) return FALSE;
        p += n;
        len -= n;
    }
    return TRUE;
}

static int recv_all(SOCKET s, char *p, int len)
{
    int got = 0, n;

    while (got < len)
    {
        if ((n = recv(s, p + got, len - got, 0)) <= 0) return n < 0 ? -1 : got;
        got += n;
    }
    return got;
}

static void client_connection(struct clients *c, LONG n, char *out, char *in)
{
    DWORD timeout = 20000;
    SOCKET s;
    int k, i, size;

    if ((s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET)
    {
        client_error(c, "socket", WSAGetLastError());
        return;
    }
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));
    if (connect(s, (struct sockaddr *)&c->addr, c->addr_len))
    {
        client_error(c, "connect", WSAGetLastError());
        closesocket(s);
        return;
    }
    for (k = 0; k < LOAD_MESSAGES; k++)
    {
        size = message_size(n, k);
        for (i = 0; i < size; i++) out[i] = message_byte(n, k, i);
        if (!send_all(s, out, size))
        {
            client_error(c, "send", WSAGetLastError());
            break;
        }
        memset(in, 0, size);
        if (recv_all(s, in, size) != size)
        {
            client_error(c, "recv", WSAGetLastError());
            break;
        }
        if (memcmp(in, out, size)) InterlockedIncrement(&c->mismatches);
    }
    /* The server sees the end of the stream and closes its side. */
    shutdown(s, SD_SEND);
    if (k == LOAD_MESSAGES && recv(s, in, 1, 0) != 0) client_error(c, "end of stream", WSAGetLastError());
    closesocket(s);
    InterlockedIncrement(&c->completed);
}

static DWORD WINAPI client_thread(void *arg)
{
    struct clients *c = arg;
    char *out = malloc(LOAD_MAX_MESSAGE), *in = malloc(LOAD_MAX_MESSAGE);
    LONG n;

    while ((n = InterlockedIncrement(&c->next) - 1) < c->total)
        client_connection(c, n, out, in);
    free(out);
    free(in);
    return 0;
}

/* ---- one round ---- */

static LPFN_ACCEPTEX get_acceptex(SOCKET s)
{
    GUID guid = WSAID_ACCEPTEX;
    LPFN_ACCEPTEX fn = NULL;
    DWORD size = 0;

    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &fn, sizeof(fn),
                 &size, NULL, NULL))
        return NULL;
    return fn;
}

/* Serve `connections` connections; FALSE (reported) if the round could not run. */
static BOOL run_round(LONG connections)
{
    struct server *srv = calloc(1, sizeof(*srv));
    struct clients *c = calloc(1, sizeof(*c));
    HANDLE workers[LOAD_WORKERS], client_threads[LOAD_SLOTS];
    DWORD wait;
    int i;

    srv->listener = lb_listener(&c->addr, &c->addr_len);
    ok(srv->listener != INVALID_SOCKET, "no listener: %d\n", WSAGetLastError());
    srv->acceptex = get_acceptex(srv->listener);
    ok(srv->acceptex != NULL, "no AcceptEx: %d\n", WSAGetLastError());
    srv->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, LOAD_WORKERS);
    ok(srv->port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    if (srv->listener == INVALID_SOCKET || !srv->acceptex || !srv->port
        || !CreateIoCompletionPort((HANDLE)srv->listener, srv->port, 0, 0))
    {
        if (srv->listener != INVALID_SOCKET) closesocket(srv->listener);
        if (srv->port) CloseHandle(srv->port);
        free(srv);
        free(c);
        return FALSE;
    }
    for (i = 0; i < LOAD_WORKERS; i++) workers[i] = CreateThread(NULL, 0, server_worker, srv, 0, NULL);
    for (i = 0; i < LOAD_SLOTS; i++)
    {
        srv->slots[i].s = INVALID_SOCKET;
        post_accept(srv, &srv->slots[i]);
    }

    c->total = connections;
    for (i = 0; i < LOAD_SLOTS; i++) client_threads[i] = CreateThread(NULL, 0, client_thread, c, 0, NULL);
    wait = WaitForMultipleObjects(LOAD_SLOTS, client_threads, TRUE, 240000);
    ok(wait < WAIT_OBJECT_0 + LOAD_SLOTS, "the clients did not finish: %lu, %ld of %ld connections done\n",
       wait, c->completed, connections);
    for (i = 0; i < LOAD_SLOTS; i++) CloseHandle(client_threads[i]);

    ok(c->completed == connections, "%ld of %ld connections completed\n", c->completed, connections);
    ok(!c->errors, "%ld client errors, the first in %s: %lu\n", c->errors,
       c->first_error_what ? c->first_error_what : "-", c->first_error);
    ok(!c->mismatches, "%ld echoes differed from what was sent\n", c->mismatches);

    /* Closing the listener ends the AcceptEx calls still pending; every
     * slot must come to an end through the port. */
    srv->stopping = 1;
    closesocket(srv->listener);
    for (i = 0; i < 200 && srv->done_slots < LOAD_SLOTS; i++) Sleep(50);
    ok(srv->done_slots == LOAD_SLOTS, "%ld of %d slots ended after the listener closed\n",
       srv->done_slots, LOAD_SLOTS);
    for (i = 0; i < LOAD_WORKERS; i++) PostQueuedCompletionStatus(srv->port, 0, LOAD_STOP_KEY, NULL);
    wait = WaitForMultipleObjects(LOAD_WORKERS, workers, TRUE, 30000);
    ok(wait < WAIT_OBJECT_0 + LOAD_WORKERS, "the workers did not stop: %lu\n", wait);
    for (i = 0; i < LOAD_WORKERS; i++) CloseHandle(workers[i]);

    ok(srv->accepted == connections, "the server accepted %ld of %ld connections\n", srv->accepted, connections);
    ok(!srv->errors, "%ld server errors, the first in %s: %lu\n", srv->errors,
       srv->first_error_what ? srv->first_error_what : "-", srv->first_error);
    CloseHandle(srv->port);
    free(srv);
    free(c);
    return TRUE;
}

/* What a leak would grow.  GetProcessHandleCount and the private-usage
 * counters are not filled in under every Wine, so both are counted here:
 * open handles by asking about each small handle value, the bytes in use in
 * the process heap (which the DLL allocates from) by walking it, and
 * committed private memory by walking the address space. */
struct usage
{
    DWORD handles;
    size_t heap_busy;
    size_t committed;
};

static DWORD count_handles(void)
{
    DWORD flags, count = 0;
    ULONG_PTR value;

    for (value = 4; value < 0x10000; value += 4)
        if (GetHandleInformation((HANDLE)value, &flags)) count++;
    return count;
}

static size_t heap_busy_bytes(HANDLE heap)
{
    PROCESS_HEAP_ENTRY entry;
    size_t busy = 0;

    if (!HeapLock(heap)) return 0;
    entry.lpData = NULL;
    while (HeapWalk(heap, &entry))
        if (entry.wFlags & PROCESS_HEAP_ENTRY_BUSY) busy += entry.cbData;
    HeapUnlock(heap);
    return busy;
}

static size_t committed_private_bytes(void)
{
    MEMORY_BASIC_INFORMATION info;
    const char *p = NULL;
    size_t total = 0;

    while (VirtualQuery(p, &info, sizeof(info)) == sizeof(info))
    {
        if (info.State == MEM_COMMIT && info.Type == MEM_PRIVATE) total += info.RegionSize;
        p = (const char *)info.BaseAddress + info.RegionSize;
        if (!p) break;
    }
    return total;
}

static void measure(struct usage *u)
{
    u->handles = count_handles();
    u->heap_busy = heap_busy_bytes(GetProcessHeap());
    u->committed = committed_private_bytes();
}

/* Growth from a to b, 0 when it shrank. */
static size_t grew(size_t a, size_t b)
{
    return b > a ? b - a : 0;
}

START_TEST(iocpload)
{
    struct usage first, prev, now;
    size_t heap_growth = (size_t)-1, committed_growth = (size_t)-1;
    WSADATA data;
    int i;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    /* The first round brings every lazily made structure into being
     * (threads' state, the driver's, the heap's free lists).  After it,
     * memory kept per connection grows in every round, while a cached
     * block (seen: 56 KiB, Wine's) is held after some rounds and not
     * others: so the check is on the smallest growth of three rounds. */
    if (!run_round(LOAD_WARMUP)) return;
    measure(&first);
    prev = first;
    for (i = 0; i < LOAD_ROUNDS; i++)
    {
        if (!run_round(LOAD_CONNECTIONS)) return;
        measure(&now);
        trace("round %d: handles %lu -> %lu, heap in use %zu -> %zu, committed private %zu -> %zu\n", i,
              prev.handles, now.handles, prev.heap_busy, now.heap_busy, prev.committed, now.committed);
        heap_growth = min(heap_growth, grew(prev.heap_busy, now.heap_busy));
        committed_growth = min(committed_growth, grew(prev.committed, now.committed));
        prev = now;
    }
    ok(first.handles > 0 && first.heap_busy > 0 && first.committed > 0,
       "nothing measured: %lu handles, %zu heap bytes, %zu committed\n",
       first.handles, first.heap_busy, first.committed);
    /* A handle kept per connection would show as thousands. */
    ok(now.handles <= first.handles + 4, "handles grew from %lu to %lu over %d connections\n",
       first.handles, now.handles, LOAD_ROUNDS * LOAD_CONNECTIONS);
    /* 32 bytes kept per connection would be 16,000 in every round. */
    ok(heap_growth <= 12 * 1024, "the process heap grew by at least %zu bytes in every round of %d connections\n",
       heap_growth, LOAD_CONNECTIONS);
    /* Looser: thread stacks and the heap's own growth come and go. */
    ok(committed_growth <= 2 * 1024 * 1024,
       "committed private memory grew by at least %zu bytes in every round of %d connections\n",
       committed_growth, LOAD_CONNECTIONS);
    WSACleanup();
}
