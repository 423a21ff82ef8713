/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Installed name-space providers (NSPs) in WSALookupService*.
 *
 * Our own DNS and NLA answers are nsp.c's.  A query that names an installed,
 * enabled provider (lpNSProviderId), its name space, or NS_ALL also goes to
 * that provider: its DLL is loaded once, NSPStartup fills its NSP_ROUTINE,
 * and the lookup keeps one provider handle per provider that accepted
 * NSPLookupServiceBegin.  Next asks them in catalog order after nsp.c's own
 * results.  A provider's answer is fetched into our buffer first and kept
 * until the caller's buffer takes it, so a WSAEFAULT "too small" loses
 * nothing; it is then copied out whole, in UTF-16 or converted to ANSI.
 */
#include "ws2_32_private.h"
#include "catalog.h"

struct ws2_nsp
{
    struct ws2_nsp *next;
    GUID id;
    HMODULE module;
    NSP_ROUTINE routine;
};

struct nsp_part
{
    struct ws2_nsp *nsp;
    HANDLE handle;
};

struct ws2_nsp_lookup
{
    unsigned int count, current;
    WSAQUERYSETW *pending;      /* fetched, not yet handed out */
    struct nsp_part parts[1];
};

static SRWLOCK nsp_lock = SRWLOCK_INIT;
static struct ws2_nsp *nsps;

static BOOL same_id(const GUID *a, const GUID *b)
{
    return !memcmp(a, b, sizeof(*a));
}

static BOOL is_base_ns(const GUID *id)
{
    struct ws2_ns_item base[8];
    unsigned int i, count = ws2_base_name_spaces(NULL);
    BOOL found = FALSE;

    if (count > ARRAYSIZE(base)) count = ARRAYSIZE(base);
    ws2_base_name_spaces(base);
    for (i = 0; i < count; i++)
    {
        if (same_id(&base[i].id, id)) found = TRUE;
        HeapFree(GetProcessHeap(), 0, base[i].blob);
    }
    return found;
}

static struct ws2_nsp *load_nsp(const struct ws2_ns_item *item)
{
    WCHAR expanded[MAX_PATH];
    struct ws2_nsp *n, *other;
    LPNSPSTARTUP startup;
    GUID id = item->id;

    AcquireSRWLockShared(&nsp_lock);
    for (n = nsps; n; n = n->next)
        if (same_id(&n->id, &item->id)) break;
    ReleaseSRWLockShared(&nsp_lock);
    if (n) return n;

    if (!ExpandEnvironmentStringsW(item->path, expanded, ARRAYSIZE(expanded))) return NULL;
    if (!(n = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*n)))) return NULL;
    n->id = item->id;
    n->routine.cbSize = sizeof(n->routine);
    if (!(n->module = LoadLibraryW(expanded)) ||
        !(startup = (LPNSPSTARTUP)GetProcAddress(n->module, "NSPStartup")) ||
        startup(&id, &n->routine) || !n->routine.NSPLookupServiceBegin ||
        !n->routine.NSPLookupServiceNext || !n->routine.NSPLookupServiceEnd)
    {
        WARN("name-space provider %lu failed to start\n", item->name_space);
        if (n->module) FreeLibrary(n->module);
        HeapFree(GetProcessHeap(), 0, n);
        return NULL;
    }
    AcquireSRWLockExclusive(&nsp_lock);
    for (other = nsps; other; other = other->next)
        if (same_id(&other->id, &n->id)) break;
    if (!other)
    {
        n->next = nsps;
        nsps = n;
    }
    ReleaseSRWLockExclusive(&nsp_lock);
    if (other)
    {
        if (n->routine.NSPCleanup) n->routine.NSPCleanup(&id);
        FreeLibrary(n->module);
        HeapFree(GetProcessHeap(), 0, n);
        n = other;
    }
    return n;
}

/* Whether the query concerns catalog entry item. */
static BOOL wanted(const struct ws2_ns_item *item, const GUID *provider, DWORD name_space)
{
    if (!item->enabled) return FALSE;
    if (provider) return same_id(provider, &item->id);
    return name_space == NS_ALL || name_space == item->name_space;
}

DWORD ws2_nsp_begin(WSAQUERYSETW *query, const GUID *provider, DWORD name_space, DWORD flags,
                    struct ws2_nsp_lookup **ret)
{
    struct ws2_nsp_lookup *l = NULL;
    struct ws2_ns_list list;
    unsigned int i, n = 0;
    struct ws2_nsp *nsp;
    HANDLE handle;
    GUID id;

    *ret = NULL;
    if (ws2_ns_read(FALSE, &list)) return 0;
    for (i = 0; i < list.count; i++)
        if (wanted(&list.items[i], provider, name_space) && !is_base_ns(&list.items[i].id)) n++;
    if (n && !(l = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, offsetof(struct ws2_nsp_lookup, parts[n]))))
    {
        ws2_ns_free(&list);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    for (i = 0; n && i < list.count; i++)
    {
        if (!wanted(&list.items[i], provider, name_space) || is_base_ns(&list.items[i].id)) continue;
        if (!(nsp = load_nsp(&list.items[i]))) continue;
        id = nsp->id;
        if (nsp->routine.NSPLookupServiceBegin(&id, query, NULL, flags, &handle)) continue;
        l->parts[l->count].nsp = nsp;
        l->parts[l->count++].handle = handle;
    }
    ws2_ns_free(&list);
    if (l && !l->count)
    {
        HeapFree(GetProcessHeap(), 0, l);
        l = NULL;
    }
    *ret = l;
    return 0;
}

/* ---- copying a result out ---- */

struct pack
{
    BYTE *base;         /* NULL: only measure */
    SIZE_T used;
};

static void *pack_take(struct pack *p, SIZE_T size, SIZE_T align)
{
    void *at;

    p->used = (p->used + align - 1) & ~(align - 1);
    at = p->base ? p->base + p->used : NULL;
    p->used += size;
    return at;
}

static void *pack_bytes(struct pack *p, const void *src, SIZE_T size, SIZE_T align)
{
    void *at;

    if (!src) return NULL;
    if ((at = pack_take(p, size, align))) memcpy(at, src, size);
    return at ? at : (void *)1;
}

static void *pack_string(struct pack *p, const WCHAR *s, BOOL ansi)
{
    int len;
    void *at;

    if (!s) return NULL;
    if (!ansi) return pack_bytes(p, s, (lstrlenW(s) + 1) * sizeof(WCHAR), sizeof(WCHAR));
    len = WideCharToMultiByte(CP_ACP, 0, s, -1, NULL, 0, NULL, NULL);
    if ((at = pack_take(p, len, 1))) WideCharToMultiByte(CP_ACP, 0, s, -1, at, len, NULL, NULL);
    return at ? at : (void *)1;
}

/* Lay out a provider's result as one block: sizes on a measuring pass
 * (p->base NULL), the copy on the second.  The A and W query sets differ
 * only in their string pointers. */
static void pack_queryset(struct pack *p, const WSAQUERYSETW *src, BOOL ansi)
{
    WSAQUERYSETW *dst = pack_take(p, sizeof(*dst), sizeof(void *));
    CSADDR_INFO *addrs;
    BLOB *blob = NULL;
    DWORD i;

    if (dst) *dst = *src;
    if (dst) dst->dwSize = sizeof(*dst);
#define SET(field, value) do { void *v_ = (value); if (dst) dst->field = v_; } while (0)
    SET(lpszServiceInstanceName, pack_string(p, src->lpszServiceInstanceName, ansi));
    SET(lpServiceClassId, pack_bytes(p, src->lpServiceClassId, sizeof(GUID), 4));
    SET(lpVersion, pack_bytes(p, src->lpVersion, sizeof(WSAVERSION), 4));
    SET(lpszComment, pack_string(p, src->lpszComment, ansi));
    SET(lpNSProviderId, pack_bytes(p, src->lpNSProviderId, sizeof(GUID), 4));
    SET(lpszContext, pack_string(p, src->lpszContext, ansi));
    SET(lpafpProtocols, src->dwNumberOfProtocols ?
        pack_bytes(p, src->lpafpProtocols, src->dwNumberOfProtocols * sizeof(AFPROTOCOLS), 4) : NULL);
    SET(lpszQueryString, pack_string(p, src->lpszQueryString, ansi));
    addrs = src->dwNumberOfCsAddrs ?
        pack_bytes(p, src->lpcsaBuffer, src->dwNumberOfCsAddrs * sizeof(CSADDR_INFO), sizeof(void *)) : NULL;
    SET(lpcsaBuffer, addrs);
    for (i = 0; addrs && i < src->dwNumberOfCsAddrs; i++)
    {
        const CSADDR_INFO *from = &src->lpcsaBuffer[i];
        void *local = pack_bytes(p, from->LocalAddr.lpSockaddr, from->LocalAddr.iSockaddrLength, sizeof(void *));
        void *remote = pack_bytes(p, from->RemoteAddr.lpSockaddr, from->RemoteAddr.iSockaddrLength, sizeof(void *));

        if (!p->base) continue;
        addrs[i].LocalAddr.lpSockaddr = local;
        addrs[i].RemoteAddr.lpSockaddr = remote;
    }
    if (src->lpBlob)
    {
        blob = pack_bytes(p, src->lpBlob, sizeof(BLOB), sizeof(void *));
        SET(lpBlob, blob);
        if (p->base) blob->pBlobData = pack_bytes(p, src->lpBlob->pBlobData, src->lpBlob->cbSize, sizeof(void *));
        else pack_bytes(p, src->lpBlob->pBlobData, src->lpBlob->cbSize, sizeof(void *));
    }
#undef SET
}

/* Fetch the next answer of the lookup's providers into l->pending. */
static DWORD fetch(struct ws2_nsp_lookup *l, DWORD flags)
{
    DWORD size = 1024, err;
    WSAQUERYSETW *buf;

    while (l->current < l->count)
    {
        struct nsp_part *part = &l->parts[l->current];

        if (!(buf = HeapAlloc(GetProcessHeap(), 0, size))) return WSA_NOT_ENOUGH_MEMORY;
        if (!part->nsp->routine.NSPLookupServiceNext(part->handle, flags & ~LUP_FLUSHPREVIOUS, &size, buf))
        {
            l->pending = buf;
            return 0;
        }
        err = GetLastError();
        HeapFree(GetProcessHeap(), 0, buf);
        if (err == WSAEFAULT && size > 1024 && size < 0x1000000) continue;     /* again, with room */
        if (err != WSA_E_NO_MORE && err != WSAENOMORE && err != WSASERVICE_NOT_FOUND && err != WSANO_DATA)
            return err;
        l->current++;
        size = 1024;
    }
    return WSA_E_NO_MORE;
}

DWORD ws2_nsp_next(struct ws2_nsp_lookup *l, DWORD flags, DWORD *len, void *results, BOOL ansi)
{
    struct pack p = { NULL, 0 };
    DWORD err;

    if (!l->pending && (err = fetch(l, flags))) return err;
    pack_queryset(&p, l->pending, ansi);
    if (!results || *len < p.used)
    {
        *len = p.used;
        /* LUP_FLUSHPREVIOUS: the answer that did not fit is dropped. */
        if (flags & LUP_FLUSHPREVIOUS)
        {
            HeapFree(GetProcessHeap(), 0, l->pending);
            l->pending = NULL;
        }
        return WSAEFAULT;
    }
    if (!ws2_writable(results, p.used)) return WSAEFAULT;
    p.base = results;
    p.used = 0;
    pack_queryset(&p, l->pending, ansi);
    HeapFree(GetProcessHeap(), 0, l->pending);
    l->pending = NULL;
    return 0;
}

void ws2_nsp_end(struct ws2_nsp_lookup *l)
{
    unsigned int i;

    if (!l) return;
    for (i = 0; i < l->count; i++) l->parts[i].nsp->routine.NSPLookupServiceEnd(l->parts[i].handle);
    HeapFree(GetProcessHeap(), 0, l->pending);
    HeapFree(GetProcessHeap(), 0, l);
}

/* The last WSACleanup: each provider's NSPCleanup, then unload it. */
void ws2_nsp_cleanup(void)
{
    struct ws2_nsp *n, *next;
    GUID id;

    AcquireSRWLockExclusive(&nsp_lock);
    n = nsps;
    nsps = NULL;
    ReleaseSRWLockExclusive(&nsp_lock);
    for (; n; n = next)
    {
        next = n->next;
        id = n->id;
        if (n->routine.NSPCleanup) n->routine.NSPCleanup(&id);
        FreeLibrary(n->module);
        HeapFree(GetProcessHeap(), 0, n);
    }
}
