/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * gethostbyname and gethostbyaddr, and the hostent layout that they, the
 * WSAAsyncGetHostBy* functions and WSALookupServiceNext's BLOB share.
 */
#include "resolve.h"

/* ---- hostent layout ---- */

/* hostent, then the alias pointers, the address pointers, the addresses,
 * and the strings, in one block. */
SIZE_T ws2_hostent_pack(const struct ws2_hostinfo *info, int family, void *buf, SIZE_T size, BOOL offsets)
{
    const SIZE_T addr_len = family == AF_INET6 ? 16 : 4;
    unsigned int addr_count = 0, i, n;
    SIZE_T needed, name_len;
    struct hostent *he = buf;
    char **aliases, **addr_list, *addrs, *strings;
    char *base = buf;

    for (i = 0; i < info->addr_count; i++)
        if (info->addrs[i].family == family) addr_count++;
    needed = sizeof(struct hostent);
    needed += (info->alias_count + 1 + addr_count + 1) * sizeof(char *);
    needed += addr_count * addr_len;
    name_len = strlen(info->name) + 1;
    needed += name_len;
    for (i = 0; i < info->alias_count; i++) needed += strlen(info->aliases[i]) + 1;
    if (!buf || size < needed) return needed;

    aliases = (char **)(he + 1);
    addr_list = aliases + info->alias_count + 1;
    addrs = (char *)(addr_list + addr_count + 1);
    strings = addrs + addr_count * addr_len;

#define PLACE(p) ((char *)(offsets ? (char *)((p) - base) : (p)))
    memcpy(strings, info->name, name_len);
    he->h_name = PLACE(strings);
    strings += name_len;
    for (i = 0; i < info->alias_count; i++)
    {
        SIZE_T len = strlen(info->aliases[i]) + 1;

        memcpy(strings, info->aliases[i], len);
        aliases[i] = PLACE(strings);
        strings += len;
    }
    aliases[i] = NULL;
    for (i = n = 0; i < info->addr_count; i++)
    {
        if (info->addrs[i].family != family) continue;
        memcpy(addrs + n * addr_len, info->addrs[i].bytes, addr_len);
        addr_list[n] = PLACE(addrs + n * addr_len);
        n++;
    }
    addr_list[n] = NULL;
    he->h_aliases = (char **)PLACE((char *)aliases);
    he->h_addr_list = (char **)PLACE((char *)addr_list);
#undef PLACE
    he->h_addrtype = (short)family;
    he->h_length = (short)addr_len;
    return needed;
}

/* ---- per-thread results ---- */

struct hostent_buffer
{
    SIZE_T size;
    char data[];
};

/* Packs info into the thread's hostent buffer, growing it as needed. */
static struct hostent *thread_hostent(const struct ws2_hostinfo *info, int family, DWORD *err)
{
    struct ws2_thread *thread = ws2_get_thread();
    struct hostent_buffer *buffer;
    SIZE_T needed;

    *err = WSA_NOT_ENOUGH_MEMORY;
    if (!thread) return NULL;
    needed = ws2_hostent_pack(info, family, NULL, 0, FALSE);
    buffer = thread->hostent;
    if (!buffer || buffer->size < needed)
    {
        /* Round up so that most later results fit without a new block. */
        SIZE_T size = needed < 1024 ? 1024 : needed;

        if (!(buffer = HeapAlloc(GetProcessHeap(), 0, sizeof(*buffer) + size))) return NULL;
        buffer->size = size;
        HeapFree(GetProcessHeap(), 0, thread->hostent);
        thread->hostent = buffer;
    }
    ws2_hostent_pack(info, family, buffer->data, buffer->size, FALSE);
    *err = 0;
    return (struct hostent *)buffer->data;
}

static struct hostent *fail_null(DWORD error)
{
    SetLastError(error);
    return NULL;
}

/* ---- exports ---- */

struct hostent * WINAPI gethostbyname(const char *name)
{
    struct ws2_hostinfo *info;
    struct hostent *he;
    struct ws2_addr addr;
    DWORD err, saved;

    TRACE("%p\n", name);
    if ((err = ws2_enter_check())) return fail_null(err);
    if (name && ws2_string_length(name) < 0) return fail_null(WSAEFAULT);
    /* Only IPv4 is returned; an IPv6 address string is no host name. */
    if (name && ws2_parse_numeric_host(name, FALSE, &addr) && addr.family == AF_INET6)
        return fail_null(WSANO_DATA);
    saved = GetLastError();
    err = ws2_resolve_name(name, AF_INET, WS2_RESOLVE_LOOSE_IPV4, &info);
    if (err) return fail_null(err);
    he = thread_hostent(info, AF_INET, &err);
    ws2_hostinfo_free(info);
    if (!he) return fail_null(err);
    SetLastError(saved);    /* success leaves the last error alone */
    return he;
}

struct hostent * WINAPI gethostbyaddr(const char *addr, int len, int type)
{
    struct ws2_hostinfo *info;
    struct ws2_addr query;
    struct hostent *he;
    DWORD err, saved;

    TRACE("%p %d %d\n", addr, len, type);
    if ((err = ws2_enter_check())) return fail_null(err);
    if (type != AF_INET && type != AF_INET6) return fail_null(WSAEAFNOSUPPORT);
    if (type == AF_INET6 && len != 16) return fail_null(WSAEINVAL);
    if (type == AF_INET && len < 4) return fail_null(WSAEFAULT);
    if (!addr || !ws2_readable(addr, type == AF_INET ? 4 : 16)) return fail_null(WSAEFAULT);

    memset(&query, 0, sizeof(query));
    query.family = (USHORT)type;
    memcpy(query.bytes, addr, type == AF_INET ? 4 : 16);
    saved = GetLastError();
    if ((err = ws2_resolve_address(&query, 0, &info))) return fail_null(err);
    he = thread_hostent(info, type, &err);
    ws2_hostinfo_free(info);
    if (!he) return fail_null(err);
    SetLastError(saved);
    return he;
}
