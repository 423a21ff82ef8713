/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The hosts files: %SystemRoot%\system32\drivers\etc\hosts in the prefix,
 * then the host's /etc/hosts reached through Wine's Unix path mapping
 * (kernel32's wine_get_dos_file_name; absent on Windows, where that step
 * is skipped).  Read on every lookup, so edits take effect at once.
 */
#include "resolve_private.h"
#include "addrtext.h"
#include "netdb_parse.h"

#define HOSTS_FILE_MAX  (16 * 1024 * 1024)   /* larger files are not read */

typedef WCHAR * (CDECL *dos_name_fn)(const char *);

static INIT_ONCE paths_once = INIT_ONCE_STATIC_INIT;
static WCHAR prefix_hosts[MAX_PATH + 32];
static WCHAR *unix_hosts;   /* heap, from wine_get_dos_file_name; kept for the process */

static BOOL CALLBACK find_paths(INIT_ONCE *once, void *param, void **context)
{
    static const WCHAR tail[] = L"\\drivers\\etc\\hosts";
    UINT len = GetSystemDirectoryW(prefix_hosts, MAX_PATH);
    dos_name_fn dos_name;

    if (len && len < MAX_PATH) memcpy(prefix_hosts + len, tail, sizeof(tail));
    else prefix_hosts[0] = 0;

    dos_name = (dos_name_fn)(void *)GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "wine_get_dos_file_name");
    if (dos_name) unix_hosts = dos_name("/etc/hosts");
    return TRUE;
}

/* One line's address, if it is a numeric address. */
static BOOL line_address(const char *line, const struct netdb_line *entry, struct ws2_addr *addr)
{
    char text[64];

    if (entry->addr.len >= sizeof(text)) return FALSE;
    memcpy(text, line + entry->addr.start, entry->addr.len);
    text[entry->addr.len] = 0;
    return ws2_parse_numeric_host(text, FALSE, addr);
}

static BOOL line_has_name(const char *line, const struct netdb_line *entry, const char *name)
{
    size_t i;

    if (netdb_token_equal(line, &entry->name, name)) return TRUE;
    for (i = 0; i < entry->alias_count; i++)
        if (netdb_token_equal(line, &entry->aliases[i], name)) return TRUE;
    return FALSE;
}

/* Reads one file; for each entry line calls fn, which returns TRUE to stop. */
typedef BOOL (*hosts_line_fn)(const char *line, const struct netdb_line *entry,
                              const struct ws2_addr *addr, void *context);

static void scan_file(const WCHAR *path, hosts_line_fn fn, void *context)
{
    size_t pos = 0, start, len;
    struct netdb_line entry;
    struct ws2_addr addr;
    DWORD size;
    char *data;

    if (!path || !path[0] || !(data = ws2_read_file(path, HOSTS_FILE_MAX, &size))) return;
    while (netdb_next_line(data, size, &pos, &start, &len))
    {
        if (!netdb_parse_line(NETDB_HOSTS, data + start, len, &entry)) continue;
        if (!line_address(data + start, &entry, &addr)) continue;
        if (fn(data + start, &entry, &addr, context)) break;
    }
    HeapFree(GetProcessHeap(), 0, data);
}

struct name_query
{
    const char *name;
    int family;
    struct ws2_builder *b;
};

/* Every line naming the host adds its address: Windows loads each name of
 * the file as a record of its own, so the name asked for is the result's
 * name (an alias does not lead to the line's first name). */
static BOOL add_if_named(const char *line, const struct netdb_line *entry,
                         const struct ws2_addr *addr, void *context)
{
    struct name_query *q = context;

    if (q->family != AF_UNSPEC && addr->family != q->family) return FALSE;
    if (!line_has_name(line, entry, q->name)) return FALSE;
    ws2_builder_add_addr(q->b, addr);
    return FALSE;
}

BOOL ws2_hosts_lookup_name(const char *name, int family, struct ws2_builder *b)
{
    struct name_query q = { name, family, b };
    const WCHAR *files[2];
    unsigned int i;

    InitOnceExecuteOnce(&paths_once, find_paths, NULL, NULL);
    files[0] = prefix_hosts;
    files[1] = unix_hosts;
    for (i = 0; i < 2; i++)
    {
        scan_file(files[i], add_if_named, &q);
        if (b->addr_count) return ws2_builder_set_name(b, name, strlen(name));
    }
    return FALSE;
}

struct addr_query
{
    const struct ws2_addr *addr;
    struct ws2_builder *b;
    BOOL found;
};

/* The first line with the address names it. */
static BOOL name_if_address(const char *line, const struct netdb_line *entry,
                            const struct ws2_addr *addr, void *context)
{
    struct addr_query *q = context;

    if (addr->family != q->addr->family) return FALSE;
    if (memcmp(addr->bytes, q->addr->bytes, addr->family == AF_INET ? 4 : 16)) return FALSE;
    q->found = ws2_builder_set_name(q->b, line + entry->name.start, entry->name.len);
    return TRUE;
}

BOOL ws2_hosts_lookup_address(const struct ws2_addr *addr, struct ws2_builder *b)
{
    struct addr_query q = { addr, b, FALSE };

    InitOnceExecuteOnce(&paths_once, find_paths, NULL, NULL);
    scan_file(prefix_hosts, name_if_address, &q);
    if (!q.found) scan_file(unix_hosts, name_if_address, &q);
    return q.found;
}
