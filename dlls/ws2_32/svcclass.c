/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Service classes: WSAInstallServiceClassA/W, WSARemoveServiceClass,
 * WSAGetServiceClassInfoA/W and WSAGetServiceClassNameByClassIdA/W.
 *
 * A class schema (its name and one value per name space) is kept in the
 * prefix registry beside the catalogs (catalog.c), so every process sees
 * it, and each installed name-space provider that can is told of it.  The
 * registry holds a packed copy: the class name, then per name space its
 * value name, name space, value type and value, each led by its sizes.
 */
#include "ws2_32_private.h"
#include "catalog.h"

struct packed_head
{
    DWORD name_chars;   /* with the NUL */
    DWORD count;
};

struct packed_info
{
    DWORD name_chars;
    DWORD name_space;
    DWORD value_type;
    DWORD value_size;
};

/* ---- the caller's schema, checked and in UTF-16 ---- */

struct class_info
{
    GUID id;
    WCHAR *name;
    DWORD count;
    WSANSCLASSINFOW *infos;     /* names are heap copies */
};

static void class_free(struct class_info *c)
{
    DWORD i;

    for (i = 0; c->infos && i < c->count; i++) HeapFree(GetProcessHeap(), 0, c->infos[i].lpszName);
    HeapFree(GetProcessHeap(), 0, c->infos);
    HeapFree(GetProcessHeap(), 0, c->name);
}

/* A heap UTF-16 copy of the caller's string; NULL is an error here. */
static DWORD copy_name(const void *s, BOOL ansi, WCHAR **out)
{
    SSIZE_T len;
    int chars;

    *out = NULL;
    if (!s) return WSAEINVAL;
    if (ansi)
    {
        if ((len = ws2_string_length(s)) < 0) return WSAEFAULT;
        chars = MultiByteToWideChar(CP_ACP, 0, s, len + 1, NULL, 0);
        if (!(*out = HeapAlloc(GetProcessHeap(), 0, chars * sizeof(WCHAR)))) return WSA_NOT_ENOUGH_MEMORY;
        MultiByteToWideChar(CP_ACP, 0, s, len + 1, *out, chars);
        return 0;
    }
    for (len = 0;; len++)
    {
        if (!ws2_readable((const WCHAR *)s + len, sizeof(WCHAR))) return WSAEFAULT;
        if (!((const WCHAR *)s)[len]) break;
    }
    if (!(*out = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR)))) return WSA_NOT_ENOUGH_MEMORY;
    memcpy(*out, s, (len + 1) * sizeof(WCHAR));
    return 0;
}

/* WSASERVICECLASSINFOA and W differ only in their string types, and so
 * do their WSANSCLASSINFOs. */
static DWORD read_class(const WSASERVICECLASSINFOW *info, BOOL ansi, struct class_info *c)
{
    DWORD i, err;

    memset(c, 0, sizeof(*c));
    if (!info) return WSAEINVAL;
    if (!ws2_readable(info, sizeof(*info))) return WSAEFAULT;
    if (!info->lpServiceClassId) return WSAEINVAL;
    if (!ws2_copy(&c->id, info->lpServiceClassId, sizeof(c->id))) return WSAEFAULT;
    if ((err = copy_name(info->lpszServiceClassName, ansi, &c->name))) return err;
    if (info->dwCount && !info->lpClassInfos) return WSAEINVAL;
    if (info->dwCount > 1024) return WSAEINVAL;
    if (info->dwCount && !ws2_readable(info->lpClassInfos, info->dwCount * sizeof(*info->lpClassInfos)))
        return WSAEFAULT;
    if (info->dwCount && !(c->infos = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY,
                                                info->dwCount * sizeof(*c->infos))))
        return WSA_NOT_ENOUGH_MEMORY;
    c->count = info->dwCount;
    for (i = 0; i < c->count; i++)
    {
        const WSANSCLASSINFOW *in = &info->lpClassInfos[i];

        c->infos[i] = *in;
        c->infos[i].lpszName = NULL;
        if ((err = copy_name(in->lpszName, ansi, &c->infos[i].lpszName))) return err;
        if (in->dwValueSize && (!in->lpValue || !ws2_readable(in->lpValue, in->dwValueSize)))
            return in->lpValue ? WSAEFAULT : WSAEINVAL;
        if (in->dwValueSize > 0x10000) return WSAEINVAL;
    }
    return 0;
}

/* ---- the packed form ---- */

static void put(BYTE **p, const void *data, SIZE_T size, SIZE_T *total)
{
    if (*p)
    {
        memcpy(*p, data, size);
        *p += size;
    }
    *total += size;
}

/* The packed schema into buf (NULL: measure); the size. */
static SIZE_T pack_class(const struct class_info *c, BYTE *buf)
{
    struct packed_head head = { lstrlenW(c->name) + 1, c->count };
    SIZE_T total = 0;
    BYTE *p = buf;
    DWORD i;

    put(&p, &head, sizeof(head), &total);
    put(&p, c->name, head.name_chars * sizeof(WCHAR), &total);
    for (i = 0; i < c->count; i++)
    {
        struct packed_info pi;

        pi.name_chars = lstrlenW(c->infos[i].lpszName) + 1;
        pi.name_space = c->infos[i].dwNameSpace;
        pi.value_type = c->infos[i].dwValueType;
        pi.value_size = c->infos[i].dwValueSize;
        put(&p, &pi, sizeof(pi), &total);
        put(&p, c->infos[i].lpszName, pi.name_chars * sizeof(WCHAR), &total);
        if (pi.value_size) put(&p, c->infos[i].lpValue, pi.value_size, &total);
    }
    return total;
}

/* A packed schema read back; FALSE when it is damaged. */
struct unpacked
{
    const WCHAR *name;
    DWORD count;
    const BYTE *infos;      /* the first packed_info */
    const BYTE *end;
};

static BOOL take(const BYTE **p, const BYTE *end, void *out, SIZE_T size)
{
    if ((SIZE_T)(end - *p) < size) return FALSE;
    if (out) memcpy(out, *p, size);
    *p += size;
    return TRUE;
}

static BOOL unpack_head(const BYTE *data, DWORD size, struct unpacked *u)
{
    const BYTE *p = data, *end = data + size;
    struct packed_head head;

    if (!take(&p, end, &head, sizeof(head)) || !head.name_chars) return FALSE;
    u->name = (const WCHAR *)p;
    if (!take(&p, end, NULL, head.name_chars * sizeof(WCHAR))) return FALSE;
    u->count = head.count;
    u->infos = p;
    u->end = end;
    return TRUE;
}

/* The next packed per-name-space value; FALSE at a damaged one. */
static BOOL next_info(const BYTE **p, const BYTE *end, struct packed_info *pi, const WCHAR **name,
                      const BYTE **value)
{
    if (!take(p, end, pi, sizeof(*pi))) return FALSE;
    *name = (const WCHAR *)*p;
    if (!pi->name_chars || !take(p, end, NULL, pi->name_chars * sizeof(WCHAR))) return FALSE;
    *value = *p;
    return take(p, end, NULL, pi->value_size);
}

/* ---- laying a schema out in the caller's buffer ---- */

struct out
{
    BYTE *base;     /* NULL: measure */
    SIZE_T used;
};

static void *out_take(struct out *o, SIZE_T size, SIZE_T align)
{
    void *at;

    o->used = (o->used + align - 1) & ~(align - 1);
    at = o->base ? o->base + o->used : NULL;
    o->used += size;
    return at;
}

static void *out_string(struct out *o, const WCHAR *s, BOOL ansi)
{
    void *at;
    int len;

    if (!ansi)
    {
        len = (lstrlenW(s) + 1) * sizeof(WCHAR);
        if ((at = out_take(o, len, sizeof(WCHAR)))) memcpy(at, s, len);
        return at;
    }
    len = WideCharToMultiByte(CP_ACP, 0, s, -1, NULL, 0, NULL, NULL);
    if ((at = out_take(o, len, 1))) WideCharToMultiByte(CP_ACP, 0, s, -1, at, len, NULL, NULL);
    return at;
}

/* The schema with only name_space's values (all when NS_ALL). */
static void layout(struct out *o, const GUID *id, const struct unpacked *u, DWORD name_space, BOOL ansi)
{
    WSASERVICECLASSINFOW *info = out_take(o, sizeof(*info), sizeof(void *));
    WSANSCLASSINFOW *infos;
    const BYTE *p = u->infos, *value;
    struct packed_info pi;
    const WCHAR *name;
    DWORD i, n = 0;
    GUID *guid;

    for (i = 0; i < u->count && next_info(&p, u->end, &pi, &name, &value); i++)
        if (name_space == NS_ALL || pi.name_space == name_space) n++;
    guid = out_take(o, sizeof(*guid), 4);
    infos = out_take(o, n * sizeof(*infos), sizeof(void *));
    if (info)
    {
        *guid = *id;
        info->lpServiceClassId = guid;
        info->dwCount = n;
        info->lpClassInfos = n ? infos : NULL;
    }
    name = out_string(o, u->name, ansi);
    if (info) info->lpszServiceClassName = (WCHAR *)name;
    p = u->infos;
    for (i = 0, n = 0; i < u->count && next_info(&p, u->end, &pi, &name, &value); i++)
    {
        void *s, *v;

        if (name_space != NS_ALL && pi.name_space != name_space) continue;
        s = out_string(o, name, ansi);
        v = pi.value_size ? out_take(o, pi.value_size, sizeof(void *)) : NULL;
        if (!infos) continue;
        infos[n].lpszName = s;
        infos[n].dwNameSpace = pi.name_space;
        infos[n].dwValueType = pi.value_type;
        infos[n].dwValueSize = pi.value_size;
        infos[n].lpValue = v;
        if (v) memcpy(v, value, pi.value_size);
        n++;
    }
}

/* ---- the exports ---- */

static DWORD install_class(const WSASERVICECLASSINFOW *info, BOOL ansi)
{
    WSASERVICECLASSINFOW w;
    struct class_info c;
    BYTE *packed = NULL;
    SIZE_T size;
    DWORD err;

    if ((err = ws2_enter_check())) return err;
    if (!(err = read_class(info, ansi, &c)))
    {
        size = pack_class(&c, NULL);
        if (!(packed = HeapAlloc(GetProcessHeap(), 0, size))) err = WSA_NOT_ENOUGH_MEMORY;
        else
        {
            pack_class(&c, packed);
            /* Documented: a class already there is WSAEALREADY; remove it
             * first to change it. */
            err = ws2_class_write(&c.id, packed, size, FALSE);
        }
    }
    if (!err)
    {
        w.lpServiceClassId = &c.id;
        w.lpszServiceClassName = c.name;
        w.dwCount = c.count;
        w.lpClassInfos = c.infos;
        ws2_nsp_class_installed(&w);
    }
    HeapFree(GetProcessHeap(), 0, packed);
    class_free(&c);
    return err;
}

INT WINAPI WSAInstallServiceClassA(LPWSASERVICECLASSINFOA info)
{
    DWORD err;

    TRACE("%p\n", info);
    if ((err = install_class((const WSASERVICECLASSINFOW *)info, TRUE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSAInstallServiceClassW(LPWSASERVICECLASSINFOW info)
{
    DWORD err;

    TRACE("%p\n", info);
    if ((err = install_class(info, FALSE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSARemoveServiceClass(LPGUID id)
{
    GUID copy;
    DWORD err;

    TRACE("%p\n", id);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!id) return ws2_fail(WSAEINVAL);
    if (!ws2_copy(&copy, id, sizeof(copy))) return ws2_fail(WSAEFAULT);
    /* Documented: a class that is not installed is WSATYPE_NOT_FOUND. */
    if ((err = ws2_class_delete(&copy))) return ws2_fail(err);
    ws2_nsp_class_removed(&copy);
    return 0;
}

static DWORD class_info(const GUID *provider, const GUID *id, DWORD *size, void *info, BOOL ansi)
{
    struct out o = { NULL, 0 };
    struct unpacked u;
    GUID p, c;
    DWORD err, name_space, have;
    BYTE *data;

    if ((err = ws2_enter_check())) return err;
    if (!provider || !id || !size) return WSAEINVAL;
    if (!ws2_copy(&p, provider, sizeof(p)) || !ws2_copy(&c, id, sizeof(c)) ||
        !ws2_copy(&have, size, sizeof(have)) || !ws2_writable(size, sizeof(*size)))
        return WSAEFAULT;
    /* The provider must be in the name-space catalog; it is asked for
     * the values of its own name space. */
    if (!ws2_nsp_name_space(&p, &name_space)) return WSAEINVAL;
    if ((err = ws2_class_read(&c, &data, &have))) return err;
    if (!unpack_head(data, have, &u))
    {
        HeapFree(GetProcessHeap(), 0, data);
        return WSATYPE_NOT_FOUND;
    }
    layout(&o, &c, &u, name_space, ansi);
    if (*size < o.used || !info)
    {
        *size = o.used;
        err = WSAEFAULT;
    }
    else if (!ws2_writable(info, o.used)) err = WSAEFAULT;
    else
    {
        o.base = info;
        o.used = 0;
        layout(&o, &c, &u, name_space, ansi);
        *size = o.used;
    }
    HeapFree(GetProcessHeap(), 0, data);
    return err;
}

INT WINAPI WSAGetServiceClassInfoA(LPGUID provider, LPGUID id, LPDWORD size, LPWSASERVICECLASSINFOA info)
{
    DWORD err;

    TRACE("%p %p %p %p\n", provider, id, size, info);
    if ((err = class_info(provider, id, size, info, TRUE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSAGetServiceClassInfoW(LPGUID provider, LPGUID id, LPDWORD size, LPWSASERVICECLASSINFOW info)
{
    DWORD err;

    TRACE("%p %p %p %p\n", provider, id, size, info);
    if ((err = class_info(provider, id, size, info, FALSE))) return ws2_fail(err);
    return 0;
}

/* *len is in characters, with the NUL. */
static DWORD class_name(const GUID *id, void *name, DWORD *len, BOOL ansi)
{
    struct unpacked u;
    DWORD err, have, size, needed;
    GUID c;
    BYTE *data;

    if ((err = ws2_enter_check())) return err;
    if (!id) return WSA_INVALID_PARAMETER;
    if (!len) return WSAEFAULT;
    if (!ws2_copy(&c, id, sizeof(c)) || !ws2_copy(&have, len, sizeof(have)) || !ws2_writable(len, sizeof(*len)))
        return WSAEFAULT;
    /* Documented: a valid id with no class behind it is WSANO_DATA. */
    if (ws2_class_read(&c, &data, &size)) return WSANO_DATA;
    if (!unpack_head(data, size, &u)) err = WSANO_DATA;
    else
    {
        needed = ansi ? WideCharToMultiByte(CP_ACP, 0, u.name, -1, NULL, 0, NULL, NULL) : lstrlenW(u.name) + 1;
        if (!name || have < needed)
        {
            *len = needed;
            err = WSAEFAULT;
        }
        else if (!ws2_writable(name, ansi ? needed : needed * sizeof(WCHAR))) err = WSAEFAULT;
        else
        {
            if (ansi) WideCharToMultiByte(CP_ACP, 0, u.name, -1, name, needed, NULL, NULL);
            else memcpy(name, u.name, needed * sizeof(WCHAR));
            *len = needed;
        }
    }
    HeapFree(GetProcessHeap(), 0, data);
    return err;
}

INT WINAPI WSAGetServiceClassNameByClassIdA(LPGUID id, LPSTR name, LPDWORD len)
{
    DWORD err;

    TRACE("%p %p %p\n", id, name, len);
    if ((err = class_name(id, name, len, TRUE))) return ws2_fail(err);
    return 0;
}

INT WINAPI WSAGetServiceClassNameByClassIdW(LPGUID id, LPWSTR name, LPDWORD len)
{
    DWORD err;

    TRACE("%p %p %p\n", id, name, len);
    if ((err = class_name(id, name, len, FALSE))) return ws2_fail(err);
    return 0;
}
