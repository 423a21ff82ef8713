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
#include <svcguid.h>
#include "catalog.h"
#include "resolve.h"

struct ws2_nsp
{
    struct ws2_nsp *next;
    GUID id;
    HMODULE module;
    NSP_ROUTINE routine;
};

/* An NSPv2 provider this process advertised (WSAAdvertiseProvider); the
 * lookups using it hold references. */
struct advertised
{
    struct advertised *next;
    LONG refs;
    GUID id;
    NSPV2_ROUTINE routine;
    BOOL started;               /* NSPv2Startup ran (session below) */
    void *session;
};

static struct advertised *advertised;

/* One provider of a lookup: a version-1 one (nsp) or an advertised
 * version-2 one (v2). */
struct nsp_part
{
    struct ws2_nsp *nsp;
    struct advertised *v2;
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

static unsigned int count_advertised(void)
{
    struct advertised *a;
    unsigned int n = 0;

    AcquireSRWLockShared(&nsp_lock);
    for (a = advertised; a; a = a->next) n++;
    ReleaseSRWLockShared(&nsp_lock);
    return n;
}

static void advertised_release(struct advertised *a)
{
    GUID id;

    if (InterlockedDecrement(&a->refs)) return;
    id = a->id;
    if (a->started && a->routine.NSPv2Cleanup) a->routine.NSPv2Cleanup(&id, a->session);
    HeapFree(GetProcessHeap(), 0, a);
}

/* The advertised version-2 providers the query concerns (by id, or by the
 * name space their catalog entry has) take part too; WSAQUERYSET2W is
 * WSAQUERYSETW without the class id.  Windows makes no asynchronous calls
 * to them (documented with WSAProviderCompleteAsyncCall), so every call
 * here is synchronous and no async handle is passed. */
static void begin_advertised(struct ws2_nsp_lookup *l, unsigned int room, const WSAQUERYSETW *query,
                             const GUID *provider, DWORD name_space, DWORD flags)
{
    struct advertised *a, *list[64];
    unsigned int i, n = 0;
    WSAQUERYSET2W q2;
    HANDLE handle;
    DWORD ns;
    GUID id;

    AcquireSRWLockShared(&nsp_lock);
    for (a = advertised; a && n < ARRAYSIZE(list); a = a->next)
    {
        InterlockedIncrement(&a->refs);
        list[n++] = a;
    }
    ReleaseSRWLockShared(&nsp_lock);

    memset(&q2, 0, sizeof(q2));
    q2.dwSize = sizeof(q2);
    /* MinGW-w64 types some WSAQUERYSET2W strings as LPTSTR; they are WCHAR
     * strings (ws2spi.h's W structure). */
    q2.lpszServiceInstanceName = (void *)query->lpszServiceInstanceName;
    q2.lpVersion = query->lpVersion;
    q2.lpszComment = query->lpszComment;
    q2.dwNameSpace = query->dwNameSpace;
    q2.lpNSProviderId = query->lpNSProviderId;
    q2.lpszContext = (void *)query->lpszContext;
    q2.dwNumberOfProtocols = query->dwNumberOfProtocols;
    q2.lpafpProtocols = query->lpafpProtocols;
    q2.lpszQueryString = query->lpszQueryString;
    q2.dwNumberOfCsAddrs = query->dwNumberOfCsAddrs;
    q2.lpcsaBuffer = query->lpcsaBuffer;
    q2.dwOutputFlags = query->dwOutputFlags;
    q2.lpBlob = query->lpBlob;
    for (i = 0; i < n; i++)
    {
        a = list[i];
        id = a->id;
        if (provider ? !same_id(provider, &id)
                     : (name_space != NS_ALL && (!ws2_nsp_name_space(&id, &ns) || ns != name_space)))
            goto next;
        AcquireSRWLockExclusive(&nsp_lock);
        if (!a->started && (!a->routine.NSPv2Startup || !a->routine.NSPv2Startup(&id, &a->session)))
            a->started = TRUE;
        ReleaseSRWLockExclusive(&nsp_lock);
        if (!a->started || l->count >= room) goto next;
        if (a->routine.NSPv2LookupServiceBegin(&id, &q2, flags, a->session, &handle)) goto next;
        l->parts[l->count].v2 = a;
        l->parts[l->count++].handle = handle;
        continue;     /* the part keeps the reference */
    next:
        advertised_release(a);
    }
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
    n += count_advertised();
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
    if (l) begin_advertised(l, n, query, provider, name_space, flags);
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

static void set_from_v2(WSAQUERYSETW *w, const WSAQUERYSET2W *v2)
{
    memset(w, 0, sizeof(*w));
    w->dwSize = sizeof(*w);
    w->lpszServiceInstanceName = (WCHAR *)v2->lpszServiceInstanceName;
    w->lpVersion = v2->lpVersion;
    w->lpszComment = v2->lpszComment;
    w->dwNameSpace = v2->dwNameSpace;
    w->lpNSProviderId = v2->lpNSProviderId;
    w->lpszContext = (WCHAR *)v2->lpszContext;
    w->dwNumberOfProtocols = v2->dwNumberOfProtocols;
    w->lpafpProtocols = v2->lpafpProtocols;
    w->lpszQueryString = v2->lpszQueryString;
    w->dwNumberOfCsAddrs = v2->dwNumberOfCsAddrs;
    w->lpcsaBuffer = v2->lpcsaBuffer;
    w->dwOutputFlags = v2->dwOutputFlags;
    w->lpBlob = v2->lpBlob;
}

/* Fetch the next answer of the lookup's providers into l->pending. */
static DWORD fetch(struct ws2_nsp_lookup *l, DWORD flags)
{
    DWORD size = 1024, err;
    WSAQUERYSETW *buf;

    while (l->current < l->count)
    {
        struct nsp_part *part = &l->parts[l->current];

        if (!(buf = HeapAlloc(GetProcessHeap(), 0, size + sizeof(*buf)))) return WSA_NOT_ENOUGH_MEMORY;
        if (part->v2)
        {
            /* The version-2 answer goes after a WSAQUERYSETW made of it. */
            WSAQUERYSET2W *v2 = (WSAQUERYSET2W *)(buf + 1);

            if (!part->v2->routine.NSPv2LookupServiceNextEx(NULL, part->handle, flags & ~LUP_FLUSHPREVIOUS,
                                                            &size, v2))
            {
                set_from_v2(buf, v2);
                l->pending = buf;
                return 0;
            }
        }
        else if (!part->nsp->routine.NSPLookupServiceNext(part->handle, flags & ~LUP_FLUSHPREVIOUS, &size, buf))
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
    for (i = 0; i < l->count; i++)
    {
        if (l->parts[i].v2)
        {
            l->parts[i].v2->routine.NSPv2LookupServiceEnd(l->parts[i].handle);
            advertised_release(l->parts[i].v2);
        }
        else l->parts[i].nsp->routine.NSPLookupServiceEnd(l->parts[i].handle);
    }
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

/* ---- what several installed providers are told ---- */

/* Every installed, enabled provider the call concerns, loaded; *count of
 * them in a heap array (free with HeapFree), or NULL. */
static struct ws2_nsp **concerned(const GUID *provider, DWORD name_space, unsigned int *count)
{
    struct ws2_ns_list list;
    struct ws2_nsp **out = NULL, *n;
    unsigned int i;

    *count = 0;
    if (ws2_ns_read(FALSE, &list)) return NULL;
    if (list.count && (out = HeapAlloc(GetProcessHeap(), 0, list.count * sizeof(*out))))
        for (i = 0; i < list.count; i++)
            if (wanted(&list.items[i], provider, name_space) && !is_base_ns(&list.items[i].id) &&
                (n = load_nsp(&list.items[i])))
                out[(*count)++] = n;
    ws2_ns_free(&list);
    return out;
}

BOOL ws2_nsp_name_space(const GUID *provider, DWORD *name_space)
{
    struct ws2_ns_list list;
    unsigned int i;
    BOOL found = FALSE;

    if (ws2_ns_read(FALSE, &list)) return FALSE;
    for (i = 0; i < list.count && !found; i++)
        if (same_id(&list.items[i].id, provider))
        {
            *name_space = list.items[i].name_space;
            found = TRUE;
        }
    ws2_ns_free(&list);
    return found;
}

void ws2_nsp_class_installed(WSASERVICECLASSINFOW *info)
{
    struct ws2_nsp **all;
    unsigned int i, n;
    GUID id;

    if (!(all = concerned(NULL, NS_ALL, &n))) return;
    for (i = 0; i < n; i++)
    {
        id = all[i]->id;
        if (all[i]->routine.NSPInstallServiceClass) all[i]->routine.NSPInstallServiceClass(&id, info);
    }
    HeapFree(GetProcessHeap(), 0, all);
}

void ws2_nsp_class_removed(const GUID *class_id)
{
    struct ws2_nsp **all;
    unsigned int i, n;
    GUID id, c = *class_id;

    if (!(all = concerned(NULL, NS_ALL, &n))) return;
    for (i = 0; i < n; i++)
    {
        id = all[i]->id;
        if (all[i]->routine.NSPRemoveServiceClass) all[i]->routine.NSPRemoveServiceClass(&id, &c);
    }
    HeapFree(GetProcessHeap(), 0, all);
}

/* ---- WSASetService ---- */

/* A UTF-16 copy of an ANSI string; NULL stays NULL. */
static DWORD widen(const char *s, WCHAR **out)
{
    SSIZE_T len;
    int chars;

    *out = NULL;
    if (!s) return 0;
    if ((len = ws2_string_length(s)) < 0) return WSAEFAULT;
    chars = MultiByteToWideChar(CP_ACP, 0, s, len + 1, NULL, 0);
    if (!(*out = HeapAlloc(GetProcessHeap(), 0, chars * sizeof(WCHAR)))) return WSA_NOT_ENOUGH_MEMORY;
    MultiByteToWideChar(CP_ACP, 0, s, len + 1, *out, chars);
    return 0;
}

static DWORD set_service(const void *set, WSAESETSERVICEOP op, DWORD flags, BOOL ansi)
{
    const WSAQUERYSETA *a = set;
    WCHAR *strings[4] = { NULL, NULL, NULL, NULL };
    struct ws2_nsp **all;
    unsigned int i, n;
    WSAQUERYSETW w;
    DWORD err, ns;
    GUID provider, id;
    BOOL by_id = FALSE, base = FALSE;

    if ((err = ws2_enter_check())) return err;
    if (!set) return WSAEINVAL;
    if (!ws2_readable(set, sizeof(DWORD))) return WSAEFAULT;
    if (((const WSAQUERYSETW *)set)->dwSize < sizeof(WSAQUERYSETW)) return WSAEINVAL;
    if (!ws2_readable(set, sizeof(WSAQUERYSETW))) return WSAEFAULT;
    if (op != RNRSERVICE_REGISTER && op != RNRSERVICE_DEREGISTER && op != RNRSERVICE_DELETE) return WSAEINVAL;
    /* The service's name and class are required (documented: "one or
     * more required parameters were invalid or missing"). */
    if (!a->lpszServiceInstanceName || !a->lpServiceClassId) return WSAEINVAL;
    w = *(const WSAQUERYSETW *)set;
    if (ansi)
    {
        if ((err = widen(a->lpszServiceInstanceName, &strings[0])) || (err = widen(a->lpszComment, &strings[1])) ||
            (err = widen(a->lpszContext, &strings[2])) || (err = widen(a->lpszQueryString, &strings[3])))
            goto done;
        w.lpszServiceInstanceName = strings[0];
        w.lpszComment = strings[1];
        w.lpszContext = strings[2];
        w.lpszQueryString = strings[3];
    }
    if (w.lpNSProviderId)
    {
        if (!ws2_copy(&provider, w.lpNSProviderId, sizeof(provider)))
        {
            err = WSAEFAULT;
            goto done;
        }
        by_id = TRUE;
    }
    ns = w.dwNameSpace;
    /* Our own DNS provider registers nothing: documented as a no-op for
     * the DNS name space. */
    if (by_id ? (ws2_nsp_name_space(&provider, &ns) && is_base_ns(&provider))
              : (ns == NS_ALL || ns == NS_DNS))
        base = TRUE;
    all = concerned(by_id ? &provider : NULL, by_id ? NS_ALL : w.dwNameSpace, &n);
    if (!n && !base) err = WSAEINVAL;   /* no provider has that name space */
    for (i = 0; i < n && !err; i++)
    {
        id = all[i]->id;
        if (!all[i]->routine.NSPSetService) continue;
        if (all[i]->routine.NSPSetService(&id, NULL, &w, op, flags)) err = GetLastError();
    }
    HeapFree(GetProcessHeap(), 0, all);
done:
    for (i = 0; i < ARRAYSIZE(strings); i++) HeapFree(GetProcessHeap(), 0, strings[i]);
    return err;
}

INT WINAPI WSASetServiceA(LPWSAQUERYSETA set, WSAESETSERVICEOP op, DWORD flags)
{
    DWORD err;

    TRACE("%p %d %#lx\n", set, op, flags);
    if ((err = set_service(set, op, flags, TRUE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSASetServiceW(LPWSAQUERYSETW set, WSAESETSERVICEOP op, DWORD flags)
{
    DWORD err;

    TRACE("%p %d %#lx\n", set, op, flags);
    if ((err = set_service(set, op, flags, FALSE))) return ws2_fail(err);
    return 0;
}

/* ---- WSANSPIoctl on a lookup's providers ---- */

DWORD ws2_nsp_ioctl(struct ws2_nsp_lookup *l, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                    DWORD *returned, WSACOMPLETION *completion)
{
    WSATHREADID thread = { GetCurrentThread(), 0 };
    unsigned int i;

    /* The first provider of the lookup that has the call answers it. */
    for (i = 0; l && i < l->count; i++)
    {
        if (!l->parts[i].nsp || !l->parts[i].nsp->routine.NSPIoctl) continue;
        if (l->parts[i].nsp->routine.NSPIoctl(l->parts[i].handle, code, in, in_size, out, out_size, returned,
                                              completion, &thread))
            return GetLastError();
        return 0;
    }
    /* Documented: a provider without the function, our own among them. */
    return WSAEOPNOTSUPP;
}

/* ---- NSPv2 providers advertised by this process ---- */


/* Documented as taking a pointer to the NSPV2_ROUTINE; MinGW-w64's
 * prototype has one more level of pointer, which is only its spelling. */
INT WINAPI WSAAdvertiseProvider(const GUID *id, const LPCNSPV2_ROUTINE *routine_arg)
{
    const NSPV2_ROUTINE *routine = (const NSPV2_ROUTINE *)routine_arg;
    struct advertised *a;
    DWORD err, ns;
    GUID copy;

    TRACE("%p %p\n", id, routine);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!id || !routine) return ws2_fail(WSAEINVAL);
    if (!ws2_copy(&copy, id, sizeof(copy)) || !ws2_readable(routine, sizeof(*routine))) return ws2_fail(WSAEFAULT);
    /* Documented: name resolution at least. */
    if (!routine->NSPv2LookupServiceBegin || !routine->NSPv2LookupServiceNextEx || !routine->NSPv2LookupServiceEnd)
        return ws2_fail(WSAEINVAL);
    /* Documented: the provider must be one the catalog has. */
    if (!ws2_nsp_name_space(&copy, &ns)) return ws2_fail(WSAEINVALIDPROVIDER);
    if (!(a = HeapAlloc(GetProcessHeap(), 0, sizeof(*a)))) return ws2_fail(WSA_NOT_ENOUGH_MEMORY);
    a->refs = 1;
    a->id = copy;
    a->routine = *routine;
    a->started = FALSE;
    a->session = NULL;
    AcquireSRWLockExclusive(&nsp_lock);
    a->next = advertised;
    advertised = a;
    ReleaseSRWLockExclusive(&nsp_lock);
    return 0;
}

INT WINAPI WSAUnadvertiseProvider(const GUID *id)
{
    struct advertised **prev, *a;
    DWORD err;
    GUID copy;

    TRACE("%p\n", id);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!id) return ws2_fail(WSAEINVAL);
    if (!ws2_copy(&copy, id, sizeof(copy))) return ws2_fail(WSAEFAULT);
    AcquireSRWLockExclusive(&nsp_lock);
    for (prev = &advertised; (a = *prev); prev = &a->next)
        if (same_id(&a->id, &copy))
        {
            *prev = a->next;
            break;
        }
    ReleaseSRWLockExclusive(&nsp_lock);
    /* One not advertised here is not a provider we know of. */
    if (!a) return ws2_fail(WSAEINVALIDPROVIDER);
    advertised_release(a);      /* lookups using it keep it until they end */
    return 0;
}

/* ---- GetAddrInfoEx through installed providers ---- */

BOOL ws2_nsp_installed(const GUID *provider, DWORD name_space)
{
    struct ws2_ns_list list;
    unsigned int i;
    BOOL found = FALSE;

    if (ws2_ns_read(FALSE, &list)) return FALSE;
    for (i = 0; i < list.count && !found; i++)
        found = wanted(&list.items[i], provider, name_space) && !is_base_ns(&list.items[i].id);
    ws2_ns_free(&list);
    return found;
}

/* Appends the remote addresses of family (AF_UNSPEC: any) in one answer. */
static DWORD take_addresses(const WSAQUERYSETW *set, int family, struct ws2_addr **addrs, unsigned int *count)
{
    struct ws2_addr *grown;
    DWORD i;

    for (i = 0; i < set->dwNumberOfCsAddrs; i++)
    {
        const SOCKADDR *sa = set->lpcsaBuffer[i].RemoteAddr.lpSockaddr;
        int len = set->lpcsaBuffer[i].RemoteAddr.iSockaddrLength;
        struct ws2_addr a;

        if (!sa) continue;
        memset(&a, 0, sizeof(a));
        if (sa->sa_family == AF_INET && len >= (int)sizeof(SOCKADDR_IN))
            memcpy(a.bytes, &((const SOCKADDR_IN *)sa)->sin_addr, 4);
        else if (sa->sa_family == AF_INET6 && len >= (int)sizeof(SOCKADDR_IN6))
        {
            memcpy(a.bytes, &((const SOCKADDR_IN6 *)sa)->sin6_addr, 16);
            a.scope_id = ((const SOCKADDR_IN6 *)sa)->sin6_scope_id;
        }
        else continue;
        a.family = sa->sa_family;
        if (family != AF_UNSPEC && a.family != family) continue;
        if (!(grown = *addrs ? HeapReAlloc(GetProcessHeap(), 0, *addrs, (*count + 1) * sizeof(a))
                             : HeapAlloc(GetProcessHeap(), 0, sizeof(a))))
            return WSA_NOT_ENOUGH_MEMORY;
        *addrs = grown;
        (*addrs)[(*count)++] = a;
    }
    return 0;
}

DWORD ws2_nsp_resolve(const char *name, int family, DWORD name_space, const GUID *provider,
                      struct ws2_addr **addrs, unsigned int *count)
{
    GUID host_class = SVCID_HOSTNAME;
    struct ws2_nsp_lookup *l;
    WSAQUERYSETW q, *buf = NULL;
    WCHAR wname[256];
    DWORD err = 0, len, size = 2048;

    *addrs = NULL;
    *count = 0;
    if (!name || !MultiByteToWideChar(CP_ACP, 0, name, -1, wname, ARRAYSIZE(wname))) return WSAHOST_NOT_FOUND;
    memset(&q, 0, sizeof(q));
    q.dwSize = sizeof(q);
    q.lpszServiceInstanceName = wname;
    q.lpServiceClassId = &host_class;
    q.dwNameSpace = name_space;
    q.lpNSProviderId = (GUID *)provider;
    if (ws2_nsp_begin(&q, provider, name_space, LUP_RETURN_ADDR | LUP_RETURN_NAME, &l) || !l)
        return WSAHOST_NOT_FOUND;
    while (!err)
    {
        if (!buf && !(buf = HeapAlloc(GetProcessHeap(), 0, size))) err = WSA_NOT_ENOUGH_MEMORY;
        else if ((err = ws2_nsp_next(l, 0, (len = size, &len), buf, FALSE)) == WSAEFAULT && len > size)
        {
            HeapFree(GetProcessHeap(), 0, buf);
            buf = NULL;
            size = len;
            err = 0;
        }
        else if (!err) err = take_addresses(buf, family, addrs, count);
    }
    HeapFree(GetProcessHeap(), 0, buf);
    ws2_nsp_end(l);
    if (err == WSA_NOT_ENOUGH_MEMORY)
    {
        HeapFree(GetProcessHeap(), 0, *addrs);
        *addrs = NULL;
        *count = 0;
        return err;
    }
    return *count ? 0 : WSAHOST_NOT_FOUND;
}
