/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Installed transport providers and layered service providers (LSPs).
 *
 * Windows' ws2_32 sends every call on a socket to the provider that made
 * it, through the WSPPROC_TABLE the provider's WSPStartup filled.  Our own
 * AFD code is the base provider and is reached directly, without a table:
 * a socket goes through a loaded provider only when the catalog entry it
 * was made from is not one of the base entries (a protocol chain headed by
 * an LSP, or a third-party transport).
 *
 * Which handle belongs to which provider is learnt from the provider
 * itself: it files each socket it returns through the upcalls
 * WPUModifyIFSHandle (a handle from the provider below, kept as it is) or
 * WPUCreateSocketHandle (a handle made for it, with a context), which call
 * ws2_provider_file.  That one table of filed handles serves both the
 * dispatch here and the upcalls' questions (upcall.c).
 *
 * The provider below an LSP is reached through its own WSPStartup; for our
 * base entries that is mswsock.dll, whose WSP functions call this DLL's
 * exports on the same handle.  Those calls must reach the base code, not
 * the LSP again, so while a thread runs inside a provider the exports do
 * not dispatch (ws2_thread.provider_depth).
 */
#include "ws2_32_private.h"
#include "catalog.h"

struct ws2_provider
{
    struct ws2_provider *next;
    DWORD catalog_id;           /* the entry WSPStartup was called for */
    DWORD layer_id;             /* a chain's top layer; else catalog_id */
    HMODULE module;
    WSPDATA data;
    WSPPROC_TABLE procs;
};

/* A handle filed through the upcalls (or returned by a provider), and the
 * loaded provider its calls go to: NULL when none is loaded here (a Wah
 * helper's handle, an entry not loaded, or after the last WSACleanup). */
struct provider_handle
{
    struct provider_handle *next;
    SOCKET socket;
    struct ws2_provider *provider;
    struct ws2_handle_filing filing;
};

#define HANDLE_BUCKETS 64

static SRWLOCK provider_lock = SRWLOCK_INIT;
static struct ws2_provider *providers;
static struct provider_handle *handles[HANDLE_BUCKETS];
/* Filed handles; while 0 no export needs to look. */
static LONG handle_count;

static unsigned int bucket(SOCKET s)
{
    return (unsigned int)(((ULONG_PTR)s >> 2) % HANDLE_BUCKETS);
}

/* ---- entering and leaving a provider ---- */

static BOOL enter_provider(void)
{
    struct ws2_thread *t = ws2_get_thread();

    if (!t) return FALSE;
    t->provider_depth++;
    return TRUE;
}

static void leave_provider(void)
{
    struct ws2_thread *t = ws2_peek_thread();

    if (t) t->provider_depth--;
}

/* A WSP call's result as an export gives it: the error in the thread's
 * last error. */
static int result(int ret, int err)
{
    if (ret == SOCKET_ERROR) SetLastError(err);
    return ret;
}

/* ---- the handle map ---- */

static struct provider_handle *find_handle_locked(SOCKET s)
{
    struct provider_handle *h;

    for (h = handles[bucket(s)]; h; h = h->next)
        if (h->socket == s) return h;
    return NULL;
}

/* The record of s, made if there is none (NULL when out of memory). */
static struct provider_handle *get_handle_locked(SOCKET s)
{
    struct provider_handle *h;

    if ((h = find_handle_locked(s))) return h;
    if (!(h = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*h)))) return NULL;
    h->socket = s;
    h->next = handles[bucket(s)];
    handles[bucket(s)] = h;
    InterlockedIncrement(&handle_count);
    return h;
}

BOOL ws2_provider_file(SOCKET s, DWORD catalog_id, DWORD_PTR context, BOOL ifs)
{
    struct provider_handle *h;
    struct ws2_provider *p;

    AcquireSRWLockExclusive(&provider_lock);
    /* An LSP files its handles under its layered entry, a transport under
     * its own entry. */
    for (p = providers; p; p = p->next)
        if (p->catalog_id == catalog_id || p->layer_id == catalog_id) break;
    /* A handle value filed again (its first owner closed it without
     * telling us, and the value was reused): the new filing wins. */
    if ((h = get_handle_locked(s)))
    {
        h->provider = p;
        h->filing.catalog_id = catalog_id;
        h->filing.context = context;
        h->filing.ifs = ifs;
    }
    ReleaseSRWLockExclusive(&provider_lock);
    TRACE("%#Ix -> entry %lu%s\n", s, catalog_id, ifs ? "" : " (non-IFS)");
    return h != NULL;
}

/* A handle a provider returned without filing it still belongs to that
 * provider; a filing it has (the provider below made it) stays. */
static void route_handle(SOCKET s, struct ws2_provider *p)
{
    struct provider_handle *h;

    AcquireSRWLockExclusive(&provider_lock);
    if ((h = find_handle_locked(s))) h->provider = p;
    else if ((h = get_handle_locked(s)))
    {
        h->provider = p;
        h->filing.catalog_id = p->catalog_id;
        h->filing.ifs = TRUE;
    }
    ReleaseSRWLockExclusive(&provider_lock);
}

BOOL ws2_provider_filing(SOCKET s, struct ws2_handle_filing *filing)
{
    struct provider_handle *h;

    if (!handle_count) return FALSE;
    AcquireSRWLockShared(&provider_lock);
    if ((h = find_handle_locked(s))) *filing = h->filing;
    ReleaseSRWLockShared(&provider_lock);
    return h != NULL;
}

/* Takes s's record out (only a non-IFS one when nonifs_only); FALSE if
 * there was none to take. */
static BOOL remove_handle(SOCKET s, BOOL nonifs_only)
{
    struct provider_handle **prev, *h;

    if (!handle_count) return FALSE;
    AcquireSRWLockExclusive(&provider_lock);
    for (prev = &handles[bucket(s)]; (h = *prev); prev = &h->next)
    {
        if (h->socket != s) continue;
        if (nonifs_only && h->filing.ifs) h = NULL;
        else
        {
            *prev = h->next;
            InterlockedDecrement(&handle_count);
        }
        break;
    }
    ReleaseSRWLockExclusive(&provider_lock);
    HeapFree(GetProcessHeap(), 0, h);
    return h != NULL;
}

BOOL ws2_provider_unfile_nonifs(SOCKET s)
{
    return remove_handle(s, TRUE);
}

void ws2_provider_unregister(SOCKET s)
{
    remove_handle(s, FALSE);
}

struct ws2_provider *ws2_provider_of(SOCKET s)
{
    struct ws2_provider *p = NULL;
    struct provider_handle *h;
    struct ws2_thread *t;

    if (!handle_count) return NULL;
    if ((t = ws2_peek_thread()) && t->provider_depth) return NULL;
    AcquireSRWLockShared(&provider_lock);
    if ((h = find_handle_locked(s))) p = h->provider;
    ReleaseSRWLockShared(&provider_lock);
    return p;
}

static BOOL is_base_entry(DWORD id)
{
    struct ws2_protocol_item base[16];
    unsigned int i, count = ws2_base_protocols(NULL);

    if (count > ARRAYSIZE(base)) return FALSE;
    ws2_base_protocols(base);
    for (i = 0; i < count; i++)
        if (base[i].info.dwCatalogEntryId == id) return TRUE;
    return FALSE;
}

/* ---- whether anything was installed ---- */

/* WSASocket must not read the registry each time: a registry notification
 * on the transport catalog bumps change_count from a thread-pool wait, and
 * the catalog is read again only after a change. */
static INIT_ONCE watch_once = INIT_ONCE_STATIC_INIT;
static HANDLE watch_key;
static HANDLE watch_event;
static IO_STATUS_BLOCK watch_io;
static volatile LONG change_count;
static volatile LONG known_count = -1;
static volatile LONG known_installed;

NTSTATUS NTAPI NtCreateKey(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, ULONG, PUNICODE_STRING, ULONG, PULONG);
NTSTATUS NTAPI NtNotifyChangeKey(HANDLE, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK, ULONG, BOOLEAN,
                                 PVOID, ULONG, BOOLEAN);

static BOOL arm_watch(void)
{
    NTSTATUS status = NtNotifyChangeKey(watch_key, watch_event, NULL, NULL, &watch_io,
                                        REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET, TRUE, NULL, 0, TRUE);

    return status == STATUS_PENDING || !status;
}

static void CALLBACK catalog_changed(void *context, BOOLEAN timed_out)
{
    InterlockedIncrement(&change_count);
    arm_watch();
}

static BOOL CALLBACK start_watch(INIT_ONCE *once, void *param, void **context)
{
    static const WCHAR name[] =
        L"\\Registry\\Machine\\SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters\\Protocol_Catalog9";
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING str;
    HANDLE wait;

    str.Buffer = (WCHAR *)name;
    str.Length = sizeof(name) - sizeof(WCHAR);
    str.MaximumLength = sizeof(name);
    InitializeObjectAttributes(&attr, &str, OBJ_CASE_INSENSITIVE, NULL, NULL);
    if (NtCreateKey(&watch_key, KEY_NOTIFY | KEY_WOW64_64KEY, &attr, 0, NULL, 0, NULL))
    {
        watch_key = NULL;   /* no watch: every WSASocket reads the catalog */
        return TRUE;
    }
    if (!(watch_event = CreateEventW(NULL, FALSE, FALSE, NULL)) ||
        !RegisterWaitForSingleObject(&wait, watch_event, catalog_changed, NULL, INFINITE, 0) || !arm_watch())
    {
        NtClose(watch_key);
        watch_key = NULL;
    }
    return TRUE;
}

/* This process wrote the catalog: the next WSASocket reads it without
 * waiting for the notification. */
void ws2_provider_catalog_changed(void)
{
    InterlockedIncrement(&change_count);
}

/* Whether the catalog holds anything but the base entries. */
static BOOL catalog_has_installs(void)
{
    struct ws2_protocol_list list;
    LONG seen;
    BOOL installed = FALSE;
    unsigned int i;

    InitOnceExecuteOnce(&watch_once, start_watch, NULL, NULL);
    seen = change_count;
    if (watch_key && seen == known_count) return known_installed;
    if (ws2_protocols_read(FALSE, &list)) return FALSE;
    for (i = 0; i < list.count && !installed; i++)
        installed = !is_base_entry(list.items[i].info.dwCatalogEntryId);
    ws2_protocols_free(&list);
    known_installed = installed;
    MemoryBarrier();
    known_count = seen;
    return installed;
}

/* ---- loading ---- */

static const struct ws2_protocol_item *find_entry(const struct ws2_protocol_list *list, DWORD id)
{
    unsigned int i;

    for (i = 0; i < list->count; i++)
        if (list->items[i].info.dwCatalogEntryId == id) return &list->items[i];
    return NULL;
}

/* Whether entry e can make a socket of (af, type, protocol): the rule
 * WSASocket uses to pick the first entry of the catalog. */
static BOOL entry_matches(const WSAPROTOCOL_INFOW *e, int af, int type, int protocol)
{
    if (e->ProtocolChain.ChainLen == LAYERED_PROTOCOL) return FALSE;
    if (af != AF_UNSPEC && e->iAddressFamily != af) return FALSE;
    if (type && e->iSocketType != type) return FALSE;
    if (protocol && (protocol < e->iProtocol || protocol > e->iProtocol + e->iProtocolMaxOffset)) return FALSE;
    return TRUE;
}

/* The DLL serving entry e: its own for a base entry, the top layer's for a
 * chain. */
static const WCHAR *provider_path(const struct ws2_protocol_list *list, const struct ws2_protocol_item *e)
{
    const struct ws2_protocol_item *top;

    if (e->info.ProtocolChain.ChainLen <= BASE_PROTOCOL) return e->path;
    if (!(top = find_entry(list, e->info.ProtocolChain.ChainEntries[0]))) return NULL;
    return top->path;
}

static struct ws2_provider *find_loaded(DWORD catalog_id)
{
    struct ws2_provider *p;

    AcquireSRWLockShared(&provider_lock);
    for (p = providers; p; p = p->next)
        if (p->catalog_id == catalog_id) break;
    ReleaseSRWLockShared(&provider_lock);
    return p;
}

/* Load the provider of entry e and call its WSPStartup; 0 or the error. */
static DWORD load_provider(const struct ws2_protocol_list *list, const struct ws2_protocol_item *e,
                           struct ws2_provider **ret)
{
    WSAPROTOCOL_INFOW info = e->info;
    WCHAR expanded[MAX_PATH];
    const WCHAR *path;
    struct ws2_provider *p, *other;
    LPWSPSTARTUP startup;
    int err;

    if ((*ret = find_loaded(e->info.dwCatalogEntryId))) return 0;
    if (!(path = provider_path(list, e))) return WSAEPROVIDERFAILEDINIT;
    if (!ExpandEnvironmentStringsW(path, expanded, ARRAYSIZE(expanded))) return WSAEPROVIDERFAILEDINIT;
    if (!(p = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*p)))) return WSAENOBUFS;
    p->catalog_id = e->info.dwCatalogEntryId;
    p->layer_id = e->info.ProtocolChain.ChainLen > BASE_PROTOCOL ? e->info.ProtocolChain.ChainEntries[0]
                                                                 : p->catalog_id;
    if (!(p->module = LoadLibraryW(expanded)))
    {
        WARN("entry %lu: cannot load its DLL: %lu\n", p->catalog_id, GetLastError());
        HeapFree(GetProcessHeap(), 0, p);
        return WSAEPROVIDERFAILEDINIT;
    }
    if (!(startup = (LPWSPSTARTUP)GetProcAddress(p->module, "WSPStartup")))
    {
        FreeLibrary(p->module);
        HeapFree(GetProcessHeap(), 0, p);
        return WSAEPROVIDERFAILEDINIT;
    }
    enter_provider();
    err = startup(MAKEWORD(2, 2), &p->data, &info, *ws2_upcall_table(), &p->procs);
    leave_provider();
    if (err || LOBYTE(p->data.wVersion) < 2 || !p->procs.lpWSPSocket || !p->procs.lpWSPCloseSocket)
    {
        WARN("entry %lu: WSPStartup failed: %d\n", p->catalog_id, err);
        FreeLibrary(p->module);
        HeapFree(GetProcessHeap(), 0, p);
        return err == WSAVERNOTSUPPORTED ? WSAVERNOTSUPPORTED : WSAEPROVIDERFAILEDINIT;
    }
    AcquireSRWLockExclusive(&provider_lock);
    for (other = providers; other; other = other->next)
        if (other->catalog_id == p->catalog_id) break;
    if (!other)
    {
        p->next = providers;
        providers = p;
    }
    ReleaseSRWLockExclusive(&provider_lock);
    if (other)
    {
        /* Another thread loaded it meanwhile: keep one. */
        if (p->procs.lpWSPCleanup)
        {
            enter_provider();
            p->procs.lpWSPCleanup(&err);
            leave_provider();
        }
        FreeLibrary(p->module);
        HeapFree(GetProcessHeap(), 0, p);
        p = other;
    }
    *ret = p;
    return 0;
}

/* The catalog entry WSASocket would use: the one info names, else the
 * first that matches; NULL when none does. */
static const struct ws2_protocol_item *choose_entry(const struct ws2_protocol_list *list, int af, int type,
                                                    int protocol, const WSAPROTOCOL_INFOW *info)
{
    unsigned int i;

    if (info) return find_entry(list, info->dwCatalogEntryId);
    for (i = 0; i < list->count; i++)
        if (entry_matches(&list->items[i].info, af, type, protocol)) return &list->items[i];
    return NULL;
}

BOOL ws2_provider_socket(int af, int type, int protocol, WSAPROTOCOL_INFOW *info, GROUP group,
                         DWORD flags, SOCKET *ret)
{
    const struct ws2_protocol_item *e;
    struct ws2_protocol_list list;
    struct ws2_provider *p;
    struct ws2_thread *t;
    SOCKET s;
    DWORD err;
    int wsp_err = 0;

    if ((t = ws2_peek_thread()) && t->provider_depth) return FALSE;
    if (!catalog_has_installs()) return FALSE;
    if (ws2_protocols_read(FALSE, &list)) return FALSE;
    e = choose_entry(&list, af, type, protocol, info);
    if (!e || is_base_entry(e->info.dwCatalogEntryId))
    {
        ws2_protocols_free(&list);
        return FALSE;
    }
    TRACE("entry %lu\n", e->info.dwCatalogEntryId);
    err = load_provider(&list, e, &p);
    if (!err)
    {
        WSAPROTOCOL_INFOW chosen = e->info;

        enter_provider();
        s = p->procs.lpWSPSocket(af, type, protocol, &chosen, group, flags, &wsp_err);
        leave_provider();
        if (s == INVALID_SOCKET) err = wsp_err ? wsp_err : WSAEPROVIDERFAILEDINIT;
        /* A provider that did not register its handle still owns it. */
        else if (ws2_provider_of(s) != p) route_handle(s, p);
    }
    ws2_protocols_free(&list);
    if (err)
    {
        SetLastError(err);
        *ret = INVALID_SOCKET;
    }
    else
    {
        SetLastError(0);
        *ret = s;
    }
    return TRUE;
}

/* The last WSACleanup: every provider's WSPCleanup, then unload it. */
void ws2_provider_cleanup(void)
{
    struct provider_handle *h;
    struct ws2_provider *p;
    unsigned int i;
    int err;

    AcquireSRWLockExclusive(&provider_lock);
    p = providers;
    providers = NULL;
    /* The filings stay (the handles are still open, and a provider loaded
     * again may ask about them); only the providers go. */
    for (i = 0; i < HANDLE_BUCKETS; i++)
        for (h = handles[i]; h; h = h->next) h->provider = NULL;
    ReleaseSRWLockExclusive(&provider_lock);
    while (p)
    {
        struct ws2_provider *next = p->next;

        if (p->procs.lpWSPCleanup)
        {
            enter_provider();
            p->procs.lpWSPCleanup(&err);
            leave_provider();
        }
        FreeLibrary(p->module);
        HeapFree(GetProcessHeap(), 0, p);
        p = next;
    }
}

/* ---- the calls, one per export ---- */

SOCKET ws2_lsp_accept(struct ws2_provider *p, SOCKET s, struct sockaddr *addr, int *len,
                      LPCONDITIONPROC condition, DWORD_PTR data)
{
    SOCKET ret;
    int err = 0;

    enter_provider();
    ret = p->procs.lpWSPAccept(s, addr, len, condition, data, &err);
    leave_provider();
    if (ret == INVALID_SOCKET) SetLastError(err);
    else if (ws2_provider_of(ret) != p) route_handle(ret, p);
    return ret;
}

int ws2_lsp_bind(struct ws2_provider *p, SOCKET s, const struct sockaddr *addr, int len)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPBind(s, addr, len, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_closesocket(struct ws2_provider *p, SOCKET s)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPCloseSocket(s, &err);
    leave_provider();
    if (!ret) ws2_provider_unregister(s);
    return result(ret, err);
}

int ws2_lsp_connect(struct ws2_provider *p, SOCKET s, const struct sockaddr *addr, int len,
                    WSABUF *caller_data, WSABUF *callee_data, QOS *sqos, QOS *gqos)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPConnect(s, addr, len, caller_data, callee_data, sqos, gqos, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_getpeername(struct ws2_provider *p, SOCKET s, struct sockaddr *addr, int *len)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPGetPeerName(s, addr, len, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_getsockname(struct ws2_provider *p, SOCKET s, struct sockaddr *addr, int *len)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPGetSockName(s, addr, len, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_getsockopt(struct ws2_provider *p, SOCKET s, int level, int name, char *value, int *len)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPGetSockOpt(s, level, name, value, len, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_setsockopt(struct ws2_provider *p, SOCKET s, int level, int name, const char *value, int len)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPSetSockOpt(s, level, name, value, len, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_ioctl(struct ws2_provider *p, SOCKET s, DWORD code, void *in, DWORD in_size, void *out,
                  DWORD out_size, DWORD *returned, WSAOVERLAPPED *overlapped,
                  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    WSATHREADID thread = { GetCurrentThread(), 0 };
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPIoctl(s, code, in, in_size, out, out_size, returned, overlapped, routine,
                              routine ? &thread : NULL, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_listen(struct ws2_provider *p, SOCKET s, int backlog)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPListen(s, backlog, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_recv(struct ws2_provider *p, SOCKET s, WSABUF *buffers, DWORD count, DWORD *received,
                 DWORD *flags, BOOL recvfrom, struct sockaddr *from, int *fromlen, WSAOVERLAPPED *overlapped,
                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    WSATHREADID thread = { GetCurrentThread(), 0 };
    int ret, err = 0;

    enter_provider();
    if (recvfrom)
        ret = p->procs.lpWSPRecvFrom(s, buffers, count, received, flags, from, fromlen, overlapped, routine,
                                     routine ? &thread : NULL, &err);
    else
        ret = p->procs.lpWSPRecv(s, buffers, count, received, flags, overlapped, routine,
                                 routine ? &thread : NULL, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_send(struct ws2_provider *p, SOCKET s, WSABUF *buffers, DWORD count, DWORD *sent, DWORD flags,
                 BOOL sendto, const struct sockaddr *to, int tolen, WSAOVERLAPPED *overlapped,
                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    WSATHREADID thread = { GetCurrentThread(), 0 };
    int ret, err = 0;

    enter_provider();
    if (sendto)
        ret = p->procs.lpWSPSendTo(s, buffers, count, sent, flags, to, tolen, overlapped, routine,
                                   routine ? &thread : NULL, &err);
    else
        ret = p->procs.lpWSPSend(s, buffers, count, sent, flags, overlapped, routine,
                                 routine ? &thread : NULL, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_shutdown(struct ws2_provider *p, SOCKET s, int how)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPShutdown(s, how, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_disconnect(struct ws2_provider *p, SOCKET s, WSABUF *data, BOOL receiving)
{
    int ret, err = 0;

    enter_provider();
    if (receiving) ret = p->procs.lpWSPRecvDisconnect(s, data, &err);
    else ret = p->procs.lpWSPSendDisconnect(s, data, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_event_select(struct ws2_provider *p, SOCKET s, WSAEVENT event, LONG events)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPEventSelect(s, event, events, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_enum_network_events(struct ws2_provider *p, SOCKET s, WSAEVENT event, WSANETWORKEVENTS *events)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPEnumNetworkEvents(s, event, events, &err);
    leave_provider();
    return result(ret, err);
}

int ws2_lsp_async_select(struct ws2_provider *p, SOCKET s, HWND window, UINT message, LONG events)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPAsyncSelect(s, window, message, events, &err);
    leave_provider();
    return result(ret, err);
}

BOOL ws2_lsp_overlapped_result(struct ws2_provider *p, SOCKET s, WSAOVERLAPPED *overlapped, DWORD *bytes,
                               BOOL wait, DWORD *flags)
{
    int err = 0;
    BOOL ret;

    enter_provider();
    ret = p->procs.lpWSPGetOverlappedResult(s, overlapped, bytes, wait, flags, &err);
    leave_provider();
    if (!ret) SetLastError(err);
    return ret;
}

/* select: a set holding a provider's socket goes to that provider's
 * WSPSelect (Windows documents that one select may not mix providers). */
struct ws2_provider *ws2_provider_of_sets(const fd_set *r, const fd_set *w, const fd_set *x)
{
    const fd_set *sets[3] = { r, w, x };
    struct ws2_provider *p;
    unsigned int i, j;

    if (!handle_count) return NULL;
    for (i = 0; i < 3; i++)
    {
        if (!sets[i] || !ws2_readable(sets[i], sizeof(u_int))) continue;
        for (j = 0; j < sets[i]->fd_count && j < FD_SETSIZE; j++)
            if (ws2_readable(&sets[i]->fd_array[j], sizeof(SOCKET)) && (p = ws2_provider_of(sets[i]->fd_array[j])))
                return p;
    }
    return NULL;
}

int ws2_lsp_select(struct ws2_provider *p, int n, fd_set *r, fd_set *w, fd_set *x, const struct timeval *timeout)
{
    int ret, err = 0;

    enter_provider();
    ret = p->procs.lpWSPSelect(n, r, w, x, (struct timeval *)timeout, &err);
    leave_provider();
    return result(ret, err);
}

/* send, sendto, recv and recvfrom take one buffer: the provider a WSABUF. */
int ws2_lsp_send_buffer(struct ws2_provider *p, SOCKET s, const char *buf, int len, int flags,
                        const struct sockaddr *to, int tolen)
{
    WSABUF wb;
    DWORD sent = 0;

    wb.buf = (char *)buf;
    wb.len = len;
    if (ws2_lsp_send(p, s, &wb, 1, &sent, flags, to != NULL, to, tolen, NULL, NULL)) return SOCKET_ERROR;
    return sent;
}

int ws2_lsp_recv_buffer(struct ws2_provider *p, SOCKET s, char *buf, int len, int flags,
                        struct sockaddr *from, int *fromlen)
{
    WSABUF wb;
    DWORD received = 0, f = flags;

    wb.buf = buf;
    wb.len = len;
    if (ws2_lsp_recv(p, s, &wb, 1, &received, &f, from || fromlen, from, fromlen, NULL, NULL)) return SOCKET_ERROR;
    return received;
}

/* ioctlsocket's commands are WSAIoctl's: FIONBIO takes its value, the
 * others return one. */
int ws2_lsp_ioctlsocket(struct ws2_provider *p, SOCKET s, LONG cmd, u_long *argp)
{
    DWORD returned = 0;

    if ((ULONG)cmd == FIONBIO) return ws2_lsp_ioctl(p, s, cmd, argp, sizeof(*argp), NULL, 0, &returned, NULL, NULL);
    return ws2_lsp_ioctl(p, s, cmd, NULL, 0, argp, sizeof(*argp), &returned, NULL, NULL);
}

/* WSASendMsg has no WSP entry: a provider offers it as an extension
 * function. */
int ws2_lsp_sendmsg(struct ws2_provider *p, SOCKET s, WSAMSG *msg, DWORD flags, DWORD *sent,
                    WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    GUID guid = WSAID_WSASENDMSG;
    LPFN_WSASENDMSG func = NULL;
    DWORD returned;

    if (ws2_lsp_ioctl(p, s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &func, sizeof(func),
                      &returned, NULL, NULL))
        return SOCKET_ERROR;
    return func(s, msg, flags, sent, overlapped, routine);
}

int ws2_lsp_duplicate(struct ws2_provider *p, SOCKET s, DWORD pid, void *info, BOOL ansi)
{
    WSAPROTOCOL_INFOW w;
    int ret, err = 0;

    if (!info || !ws2_writable(info, ansi ? sizeof(WSAPROTOCOL_INFOA) : sizeof(w))) return ws2_fail(WSAEFAULT);
    enter_provider();
    ret = p->procs.lpWSPDuplicateSocket(s, pid, &w, &err);
    leave_provider();
    if (ret) return result(ret, err);
    if (ansi) ws2_protocol_info_w_to_a(&w, info);
    else memcpy(info, &w, sizeof(w));
    return 0;
}

SOCKET ws2_lsp_join_leaf(struct ws2_provider *p, SOCKET s, const struct sockaddr *addr, int len,
                         WSABUF *caller_data, WSABUF *callee_data, QOS *sqos, QOS *gqos, DWORD flags)
{
    SOCKET ret;
    int err = 0;

    enter_provider();
    ret = p->procs.lpWSPJoinLeaf(s, addr, len, caller_data, callee_data, sqos, gqos, flags, &err);
    leave_provider();
    if (ret == INVALID_SOCKET) SetLastError(err);
    return ret;
}

BOOL ws2_lsp_qos_by_name(struct ws2_provider *p, SOCKET s, WSABUF *name, QOS *qos)
{
    int err = 0;
    BOOL ret;

    enter_provider();
    ret = p->procs.lpWSPGetQOSByName(s, name, qos, &err);
    leave_provider();
    if (!ret) SetLastError(err);
    return ret;
}
