/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The persistent Winsock catalogs: the transport catalog (Protocol_Catalog9)
 * and the name-space catalog (NameSpace_Catalog5), kept in the prefix's
 * registry under HKLM\SYSTEM\CurrentControlSet\Services\WinSock2\Parameters
 * with Windows' layout, so every process of the prefix sees them:
 *
 *   Protocol_Catalog9\Catalog_Entries[64]\000000000001  PackedCatalogItem
 *       (REG_BINARY: the provider path as MAX_PATH ANSI characters, then
 *       the WSAPROTOCOL_INFOW)
 *   NameSpace_Catalog5\Catalog_Entries[64]\000000000001  LibraryPath,
 *       DisplayString, ProviderId, AddressFamily, SupportedNameSpace,
 *       Enabled, Version, StoresServiceClassInfo, ProviderInfo
 *
 * Catalog_Entries is the 32-bit catalog, Catalog_Entries64 the 64-bit one
 * (Windows' names); a process uses its own and the "32" exports of 64-bit
 * code reach the 32-bit one.  Keys are opened with KEY_WOW64_64KEY so both
 * kinds of process read the same keys.
 *
 * A catalog that was never changed is not in the registry at all: readers
 * then see the base entries (protocol.c, nsp.c), so a fresh prefix behaves
 * as before.  The first change writes the whole catalog, base entries
 * included, as Windows keeps it; a change that brings it back to exactly
 * the base entries removes the key again.
 *
 * Concurrency: every read and every read-modify-write of the catalogs
 * holds one named mutex (CATALOG_MUTEX), so two processes installing at
 * once serialise instead of interleaving their rewrites of the keys.
 * Each write also bumps Serial_Access_Num; WSAProviderConfigChange
 * compares it to tell a change from a spurious registry notification.
 */
/* MinGW-w64 declares these two with the A/W-neutral LPWSAPROTOCOL_INFO;
 * Windows' take WSAPROTOCOL_INFOW, so keep its prototypes out of the way. */
#define WSCInstallProviderAndChains mingw_WSCInstallProviderAndChains
#define WSCInstallProviderAndChains64_32 mingw_WSCInstallProviderAndChains64_32
#include "catalog.h"
#undef WSCInstallProviderAndChains
#undef WSCInstallProviderAndChains64_32

#define PARAMS_KEY   L"SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters"
#define PROTO_KEY    PARAMS_KEY L"\\Protocol_Catalog9"
#define NS_KEY       PARAMS_KEY L"\\NameSpace_Catalog5"
#define CATALOG_MUTEX L"ws2_32 Winsock2 catalog lock"

#ifdef _WIN64
#define NATIVE_ENTRIES L"Catalog_Entries64"
#define NATIVE_COUNT   L"Num_Catalog_Entries64"
#else
#define NATIVE_ENTRIES L"Catalog_Entries"
#define NATIVE_COUNT   L"Num_Catalog_Entries"
#endif

/* The packed item: the path as MAX_PATH ANSI characters, then the info. */
#define PACKED_PATH_SIZE MAX_PATH
#define PACKED_SIZE (PACKED_PATH_SIZE + sizeof(WSAPROTOCOL_INFOW))

/* An upper bound for caller-given entry counts: far more than any real
 * catalog holds, small enough that sizes cannot overflow. */
#define MAX_CALLER_ENTRIES 4096

static const WCHAR *entries_name(BOOL cat32)
{
    return cat32 ? L"Catalog_Entries" : NATIVE_ENTRIES;
}

static const WCHAR *count_name(BOOL cat32)
{
    return cat32 ? L"Num_Catalog_Entries" : NATIVE_COUNT;
}

static void *cat_alloc(SIZE_T size)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size ? size : 1);
}

static void cat_free(void *p)
{
    if (p) HeapFree(GetProcessHeap(), 0, p);
}

static BOOL same_guid(const GUID *a, const GUID *b)
{
    return !memcmp(a, b, sizeof(GUID));
}

/* ---- the lock ---- */

static HANDLE catalog_lock(void)
{
    DWORD error = GetLastError();
    HANDLE mutex = CreateMutexW(NULL, FALSE, CATALOG_MUTEX);

    /* CreateMutexW sets the last error even when it succeeds; a successful
     * Winsock call must leave it as it was */
    SetLastError(error);

    /* an abandoned lock only means a writer died; the keys it left are
     * whole values, so carry on */
    if (mutex) WaitForSingleObject(mutex, INFINITE);
    return mutex;
}

static void catalog_unlock(HANDLE mutex)
{
    if (!mutex) return;
    ReleaseMutex(mutex);
    CloseHandle(mutex);
}

/* ---- the caller's strings ---- */

/* Copies the caller's wide string into buf (size chars with the NUL).
 * WSAEFAULT if unreadable, WSAEINVAL if it does not fit. */
static DWORD copy_caller_string(const WCHAR *s, WCHAR *buf, SIZE_T size)
{
    SIZE_T i;

    if (!s) return WSAEFAULT;
    for (i = 0; i < size; i++)
    {
        if (!ws2_copy(&buf[i], &s[i], sizeof(WCHAR))) return WSAEFAULT;
        if (!buf[i]) return 0;
    }
    return WSAEINVAL;
}

/* ---- registry helpers ----
 * The DLL imports only kernel32 and ntdll, so the keys are reached through
 * ntdll's registry calls; these structures and prototypes are the
 * documented ones (wdm.h), which MinGW-w64's user-mode headers lack. */

typedef struct
{
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataLength;
    UCHAR Data[1];
} CAT_KEY_VALUE_PARTIAL_INFORMATION;     /* KeyValuePartialInformation (2) */

typedef struct
{
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG NameLength;
    WCHAR Name[1];
} CAT_KEY_BASIC_INFORMATION;             /* KeyBasicInformation (0) */

NTSTATUS NTAPI NtCreateKey(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, ULONG, PUNICODE_STRING, ULONG, PULONG);
NTSTATUS NTAPI NtOpenKey(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES);
NTSTATUS NTAPI NtQueryValueKey(HANDLE, PUNICODE_STRING, int, PVOID, ULONG, PULONG);
NTSTATUS NTAPI NtSetValueKey(HANDLE, PUNICODE_STRING, ULONG, ULONG, PVOID, ULONG);
NTSTATUS NTAPI NtDeleteValueKey(HANDLE, PUNICODE_STRING);
NTSTATUS NTAPI NtDeleteKey(HANDLE);
NTSTATUS NTAPI NtEnumerateKey(HANDLE, ULONG, int, PVOID, ULONG, PULONG);
NTSTATUS NTAPI NtNotifyChangeKey(HANDLE, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK, ULONG, BOOLEAN,
                                 PVOID, ULONG, BOOLEAN);

typedef HANDLE HREGKEY;

static void init_name(UNICODE_STRING *str, const WCHAR *s)
{
    str->Buffer = (WCHAR *)s;
    str->Length = lstrlenW(s) * sizeof(WCHAR);
    str->MaximumLength = str->Length + sizeof(WCHAR);
}

/* Opens (or creates) name below root, or below \Registry\Machine when
 * root is NULL; NULL on failure. */
static HREGKEY key_open(HREGKEY root, const WCHAR *name, BOOL create)
{
    WCHAR full[160];
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING str;
    HANDLE key;
    NTSTATUS status;

    if (!root)
    {
        lstrcpyW(full, L"\\Registry\\Machine\\");
        if (lstrlenW(name) >= (int)ARRAYSIZE(full) - lstrlenW(full)) return NULL;
        lstrcatW(full, name);
        name = full;
    }
    init_name(&str, name);
    InitializeObjectAttributes(&attr, &str, OBJ_CASE_INSENSITIVE, root, NULL);
    if (create)
        status = NtCreateKey(&key, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &attr, 0, NULL, 0, NULL);
    else
        status = NtOpenKey(&key, KEY_READ | KEY_WOW64_64KEY, &attr);
    return status ? NULL : key;
}

static HREGKEY open_key(const WCHAR *path, BOOL create)
{
    return key_open(NULL, path, create);
}

static void key_close(HREGKEY key)
{
    if (key) NtClose(key);
}

/* Reads a value of up to *size bytes into data (or just its size when
 * data is NULL); FALSE if it is missing or larger. */
static BOOL value_get(HREGKEY key, const WCHAR *name, DWORD *type, void *data, DWORD *size)
{
    CAT_KEY_VALUE_PARTIAL_INFORMATION *info;
    ULONG len = FIELD_OFFSET(CAT_KEY_VALUE_PARTIAL_INFORMATION, Data) + (data ? *size : 0), got;
    UNICODE_STRING str;
    NTSTATUS status;
    BOOL ok;

    if (!(info = cat_alloc(len))) return FALSE;
    init_name(&str, name);
    status = NtQueryValueKey(key, &str, 2, info, len, &got);
    ok = !status || (!data && status == STATUS_BUFFER_OVERFLOW);
    if (ok)
    {
        *type = info->Type;
        if (data) memcpy(data, info->Data, info->DataLength);
        *size = info->DataLength;
    }
    cat_free(info);
    return ok;
}

static BOOL value_set(HREGKEY key, const WCHAR *name, DWORD type, const void *data, DWORD size)
{
    UNICODE_STRING str;

    init_name(&str, name);
    return !NtSetValueKey(key, &str, 0, type, (void *)data, size);
}

static void value_delete(HREGKEY key, const WCHAR *name)
{
    UNICODE_STRING str;

    init_name(&str, name);
    NtDeleteValueKey(key, &str);
}

/* The name of the index'th subkey (chars with the NUL); FALSE past the end. */
static BOOL key_enum(HREGKEY key, DWORD index, WCHAR *name, DWORD chars)
{
    char buffer[FIELD_OFFSET(CAT_KEY_BASIC_INFORMATION, Name) + 64 * sizeof(WCHAR)];
    CAT_KEY_BASIC_INFORMATION *info = (CAT_KEY_BASIC_INFORMATION *)buffer;
    ULONG got;

    if (NtEnumerateKey(key, index, 0, info, sizeof(buffer), &got)) return FALSE;
    if (info->NameLength / sizeof(WCHAR) >= chars) return FALSE;
    memcpy(name, info->Name, info->NameLength);
    name[info->NameLength / sizeof(WCHAR)] = 0;
    return TRUE;
}

static DWORD key_count_subkeys(HREGKEY key)
{
    WCHAR name[64];
    DWORD n = 0;

    while (key_enum(key, n, name, ARRAYSIZE(name))) n++;
    return n;
}

/* Deletes name below parent with everything under it. */
static void key_delete_tree(HREGKEY parent, const WCHAR *name)
{
    WCHAR child[64];
    HREGKEY key;

    if (!(key = key_open(parent, name, TRUE))) return;
    while (key_enum(key, 0, child, ARRAYSIZE(child)))
    {
        HREGKEY sub = key_open(key, child, TRUE);

        if (!sub) break;
        NtClose(sub);
        key_delete_tree(key, child);
        /* stop rather than loop if a child refuses to go */
        if ((sub = key_open(key, child, FALSE)))
        {
            NtClose(sub);
            break;
        }
    }
    NtDeleteKey(key);
    NtClose(key);
}

static DWORD get_dword(HREGKEY key, const WCHAR *name, DWORD def)
{
    DWORD value, type, size = sizeof(value);

    if (!value_get(key, name, &type, &value, &size) || type != REG_DWORD || size != sizeof(value))
        return def;
    return value;
}

static BOOL set_dword(HREGKEY key, const WCHAR *name, DWORD value)
{
    return value_set(key, name, REG_DWORD, &value, sizeof(value));
}

static void get_string(HREGKEY key, const WCHAR *name, WCHAR *buf, DWORD chars)
{
    DWORD type, size = (chars - 1) * sizeof(WCHAR);

    memset(buf, 0, chars * sizeof(WCHAR));
    if (!value_get(key, name, &type, buf, &size) || (type != REG_SZ && type != REG_EXPAND_SZ))
        memset(buf, 0, chars * sizeof(WCHAR));
    buf[chars - 1] = 0;
}

static BOOL set_string(HREGKEY key, const WCHAR *name, const WCHAR *s)
{
    return value_set(key, name, REG_SZ, s, (lstrlenW(s) + 1) * sizeof(WCHAR));
}

/* "000000000001" and on: the entry's number, zero-padded to 12 digits. */
static void entry_key_name(unsigned int index, WCHAR *name)
{
    unsigned int n = index + 1;
    int i;

    for (i = 11; i >= 0; i--, n /= 10) name[i] = '0' + n % 10;
    name[12] = 0;
}

/* Appends src to the size-char buffer dst, cutting it short to fit. */
static void append(WCHAR *dst, SIZE_T size, const WCHAR *src)
{
    SIZE_T len = lstrlenW(dst);

    while (*src && len + 1 < size) dst[len++] = *src++;
    dst[len] = 0;
}

/* The path of a catalog's entries key below HKLM. */
static void entries_path(const WCHAR *catalog, BOOL cat32, WCHAR *path, SIZE_T size)
{
    path[0] = 0;
    append(path, size, catalog);
    append(path, size, L"\\");
    append(path, size, entries_name(cat32));
}

/* Serial_Access_Num of a catalog key, bumped on each write. */
static void bump_serial(HREGKEY key)
{
    set_dword(key, L"Serial_Access_Num", get_dword(key, L"Serial_Access_Num", 0) + 1);
}

/* ---- reading and writing one catalog's entries ----
 * Both catalogs keep one numbered subkey per entry below
 * CATALOG\Catalog_Entries[64], the count in Num_Catalog_Entries[64] and a
 * serial bumped on each write; only what an entry holds differs. */

typedef BOOL (*read_entry_fn)(HREGKEY entries, const WCHAR *name, void *item);
typedef BOOL (*write_entry_fn)(HREGKEY entries, unsigned int index, const void *item);

/* The stored entries, in catalog order, into *items (count in *count).
 * 0 with *items NULL when the catalog was never written: the caller then
 * has its base entries. */
static DWORD read_entries_locked(const WCHAR *catalog, BOOL cat32, SIZE_T item_size, read_entry_fn read_one,
                                 void **items, unsigned int *count)
{
    WCHAR path[128], name[32];
    DWORD subkeys, i;
    HREGKEY entries;
    BYTE *out;

    *items = NULL;
    *count = 0;
    entries_path(catalog, cat32, path, ARRAYSIZE(path));
    if (!(entries = open_key(path, FALSE))) return 0;
    if (!(subkeys = key_count_subkeys(entries)))
    {
        key_close(entries);
        return 0;
    }
    if (!(out = cat_alloc(subkeys * item_size)))
    {
        key_close(entries);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    /* the zero-padded numbers enumerate in catalog order */
    for (i = 0; i < subkeys; i++)
    {
        if (!key_enum(entries, i, name, ARRAYSIZE(name))) break;
        if (read_one(entries, name, out + *count * item_size)) (*count)++;
    }
    key_close(entries);
    *items = out;
    return 0;
}

/* Replaces the stored entries; a list that is exactly the base entries
 * (is_base) removes the key, so the catalog reads as never written. */
static DWORD write_entries_locked(const WCHAR *catalog, BOOL cat32, BOOL is_base, const void *items,
                                  unsigned int count, SIZE_T item_size, write_entry_fn write_one)
{
    HREGKEY root, entries;
    unsigned int i;
    BOOL ok = TRUE;

    if (!(root = open_key(catalog, TRUE))) return WSANO_RECOVERY;
    key_delete_tree(root, entries_name(cat32));
    if (!is_base)
    {
        if (!(entries = key_open(root, entries_name(cat32), TRUE))) ok = FALSE;
        else
        {
            for (i = 0; ok && i < count; i++) ok = write_one(entries, i, (const BYTE *)items + i * item_size);
            key_close(entries);
        }
        if (ok) set_dword(root, count_name(cat32), count);
    }
    else value_delete(root, count_name(cat32));
    bump_serial(root);
    key_close(root);
    return ok ? 0 : WSANO_RECOVERY;
}

/* ---- the transport catalog ---- */

static DWORD base_protocol_list(struct ws2_protocol_list *list)
{
    list->count = ws2_base_protocols(NULL);
    if (!(list->items = cat_alloc(list->count * sizeof(*list->items)))) return WSA_NOT_ENOUGH_MEMORY;
    ws2_base_protocols(list->items);
    return 0;
}

static BOOL read_packed(HREGKEY entries, const WCHAR *name, void *out)
{
    struct ws2_protocol_item *item = out;
    BYTE packed[PACKED_SIZE];
    DWORD type = 0, size = sizeof(packed);
    char path[PACKED_PATH_SIZE];
    HREGKEY key;
    BOOL ok;

    if (!(key = key_open(entries, name, FALSE))) return FALSE;
    ok = value_get(key, L"PackedCatalogItem", &type, packed, &size) && type == REG_BINARY &&
         size == sizeof(packed);
    if (ok)
    {
        memset(item, 0, sizeof(*item));
        memcpy(path, packed, sizeof(path));
        path[sizeof(path) - 1] = 0;
        MultiByteToWideChar(CP_ACP, 0, path, -1, item->path, MAX_PATH);
        memcpy(&item->info, packed + PACKED_PATH_SIZE, sizeof(item->info));
        item->info.szProtocol[WSAPROTOCOL_LEN] = 0;
        /* our own value: the categories WSCSetProviderInfo stored */
        item->categories = get_dword(key, L"LspCategories", 0);
    }
    key_close(key);
    return ok;
}

static DWORD read_protocols_locked(BOOL cat32, struct ws2_protocol_list *list)
{
    DWORD err = read_entries_locked(PROTO_KEY, cat32, sizeof(*list->items), read_packed,
                                    (void **)&list->items, &list->count);

    if (!err && !list->items) return base_protocol_list(list);
    return err;
}

DWORD ws2_protocols_read(BOOL cat32, struct ws2_protocol_list *list)
{
    HANDLE lock = catalog_lock();
    DWORD ret = read_protocols_locked(cat32, list);

    catalog_unlock(lock);
    return ret;
}

void ws2_protocols_free(struct ws2_protocol_list *list)
{
    cat_free(list->items);
    list->items = NULL;
    list->count = 0;
}

static BOOL protocols_are_base(const struct ws2_protocol_list *list)
{
    struct ws2_protocol_list base;
    BOOL same;

    if (base_protocol_list(&base)) return FALSE;
    same = base.count == list->count &&
           !memcmp(base.items, list->items, list->count * sizeof(*list->items));
    ws2_protocols_free(&base);
    return same;
}

static BOOL write_packed(HREGKEY entries, unsigned int index, const void *in)
{
    const struct ws2_protocol_item *item = in;
    BYTE packed[PACKED_SIZE];
    WCHAR name[32];
    HREGKEY key;
    BOOL ok;

    memset(packed, 0, sizeof(packed));
    WideCharToMultiByte(CP_ACP, 0, item->path, -1, (char *)packed, PACKED_PATH_SIZE - 1, NULL, NULL);
    memcpy(packed + PACKED_PATH_SIZE, &item->info, sizeof(item->info));
    entry_key_name(index, name);
    if (!(key = key_open(entries, name, TRUE))) return FALSE;
    ok = value_set(key, L"PackedCatalogItem", REG_BINARY, packed, sizeof(packed));
    if (ok && item->categories) ok = set_dword(key, L"LspCategories", item->categories);
    key_close(key);
    return ok;
}

static DWORD write_protocols_locked(BOOL cat32, const struct ws2_protocol_list *list)
{
    DWORD err = write_entries_locked(PROTO_KEY, cat32, protocols_are_base(list), list->items, list->count,
                                     sizeof(*list->items), write_packed);

    ws2_provider_catalog_changed();     /* our next WSASocket sees it at once */
    return err;
}

/* The next catalog entry ID: above every ID in use in either catalog and
 * above every ID handed out before (Next_Catalog_Entry_ID). */
static DWORD next_entry_id_locked(const struct ws2_protocol_list *a, const struct ws2_protocol_list *b)
{
    DWORD next = 0;
    unsigned int i;
    HREGKEY proto;

    if ((proto = open_key(PROTO_KEY, FALSE)))
    {
        next = get_dword(proto, L"Next_Catalog_Entry_ID", 0);
        key_close(proto);
    }
    for (i = 0; i < a->count; i++) next = max(next, a->items[i].info.dwCatalogEntryId + 1);
    if (b) for (i = 0; i < b->count; i++) next = max(next, b->items[i].info.dwCatalogEntryId + 1);
    return next;
}

static void store_next_entry_id_locked(DWORD next)
{
    HREGKEY proto;

    if (!(proto = open_key(PROTO_KEY, TRUE))) return;
    set_dword(proto, L"Next_Catalog_Entry_ID", next);
    key_close(proto);
}

static const struct ws2_protocol_item *find_entry(const struct ws2_protocol_list *list, DWORD id)
{
    unsigned int i;

    for (i = 0; i < list->count; i++)
        if (list->items[i].info.dwCatalogEntryId == id) return &list->items[i];
    return NULL;
}

static BOOL has_provider(const struct ws2_protocol_list *list, const GUID *id)
{
    unsigned int i;

    for (i = 0; i < list->count; i++)
        if (same_guid(&list->items[i].info.ProviderId, id)) return TRUE;
    return FALSE;
}

/* Room for n more entries; FALSE when out of memory. */
static BOOL grow_list(struct ws2_protocol_list *list, unsigned int n)
{
    struct ws2_protocol_item *items = cat_alloc((list->count + n) * sizeof(*items));

    if (!items) return FALSE;
    if (list->count) memcpy(items, list->items, list->count * sizeof(*items));
    cat_free(list->items);
    list->items = items;
    return TRUE;
}

/* A chain is valid when its length is within MAX_PROTOCOL_CHAIN
 * (WSAPROTOCOLCHAIN's array) and each entry it names is already in the
 * catalog, ending in a base protocol (a chain "consists of one or more
 * layered protocols on top of a base protocol": WSAPROTOCOLCHAIN docs). */
static BOOL chain_valid(const struct ws2_protocol_list *list, const WSAPROTOCOLCHAIN *chain)
{
    const struct ws2_protocol_item *base;
    int i;

    if (chain->ChainLen < LAYERED_PROTOCOL || chain->ChainLen > MAX_PROTOCOL_CHAIN) return FALSE;
    if (chain->ChainLen <= BASE_PROTOCOL) return TRUE;
    for (i = 0; i < chain->ChainLen; i++)
        if (!find_entry(list, chain->ChainEntries[i])) return FALSE;
    base = find_entry(list, chain->ChainEntries[chain->ChainLen - 1]);
    return base->info.ProtocolChain.ChainLen == BASE_PROTOCOL;
}

/* What every install checks first (WSCInstallProvider docs: WSAEFAULT for
 * arguments outside the address space, WSAEINVAL for invalid ones): the
 * GUID, a path that fits a catalog entry and is not empty, and a readable
 * non-empty list, copied to *copy. */
static DWORD read_install_args(const GUID *provider, const WCHAR *path, const WSAPROTOCOL_INFOW *infos,
                               DWORD count, GUID *id, WCHAR *path_copy, WSAPROTOCOL_INFOW **copy)
{
    DWORD err;

    *copy = NULL;
    if (!provider || !ws2_copy(id, provider, sizeof(*id))) return WSAEFAULT;
    if ((err = copy_caller_string(path, path_copy, MAX_PATH))) return err;
    if (!path_copy[0]) return WSAEINVAL;
    if (!count || count > MAX_CALLER_ENTRIES) return WSAEINVAL;
    if (!infos) return WSAEFAULT;
    if (!(*copy = cat_alloc(count * sizeof(**copy)))) return WSA_NOT_ENOUGH_MEMORY;
    if (!ws2_copy(*copy, infos, count * sizeof(**copy)))
    {
        cat_free(*copy);
        *copy = NULL;
        return WSAEFAULT;
    }
    return 0;
}

/* Appends the caller's entries to one catalog with the IDs given. */
static DWORD install_into(BOOL cat32, const GUID *id, const WCHAR *path, const WSAPROTOCOL_INFOW *infos,
                          DWORD count, const DWORD *ids)
{
    struct ws2_protocol_list list;
    DWORD err, i;

    if ((err = read_protocols_locked(cat32, &list))) return err;
    /* WSANO_RECOVERY when "the provider is already installed"
     * (WSCInstallProvider docs) */
    if (has_provider(&list, id)) err = WSANO_RECOVERY;
    for (i = 0; !err && i < count; i++)
        if (!chain_valid(&list, &infos[i].ProtocolChain)) err = WSAEINVAL;
    if (!err && !grow_list(&list, count)) err = WSA_NOT_ENOUGH_MEMORY;
    for (i = 0; !err && i < count; i++)
    {
        struct ws2_protocol_item *item = &list.items[list.count++];

        memset(item, 0, sizeof(*item));
        lstrcpynW(item->path, path, MAX_PATH);
        item->info = infos[i];
        item->info.ProviderId = *id;
        item->info.dwCatalogEntryId = ids[i];
        item->info.szProtocol[WSAPROTOCOL_LEN] = 0;
    }
    if (!err) err = write_protocols_locked(cat32, &list);
    ws2_protocols_free(&list);
    return err;
}

/* Checks against one catalog without writing (both catalogs are checked
 * before either is written, so a 64_32 install is all or nothing). */
static DWORD check_install(BOOL cat32, const GUID *id, const WSAPROTOCOL_INFOW *infos, DWORD count)
{
    struct ws2_protocol_list list;
    DWORD err, i;

    if ((err = read_protocols_locked(cat32, &list))) return err;
    if (has_provider(&list, id)) err = WSANO_RECOVERY;
    for (i = 0; !err && i < count; i++)
        if (!chain_valid(&list, &infos[i].ProtocolChain)) err = WSAEINVAL;
    ws2_protocols_free(&list);
    return err;
}

static DWORD install_provider(const GUID *provider, const WCHAR *path, const WCHAR *path32,
                              const WSAPROTOCOL_INFOW *infos, DWORD count, BOOL native, BOOL cat32)
{
    WCHAR path_copy[MAX_PATH], path32_copy[MAX_PATH];
    struct ws2_protocol_list a = {0}, b = {0};
    WSAPROTOCOL_INFOW *copy;
    DWORD err, next, i, *ids = NULL;
    HANDLE lock;
    GUID id;

    if ((err = read_install_args(provider, path, infos, count, &id, path_copy, &copy))) return err;
    if (path32 && (err = copy_caller_string(path32, path32_copy, MAX_PATH)))
    {
        cat_free(copy);
        return err;
    }
    if (!path32) lstrcpyW(path32_copy, path_copy);
    if (!(ids = cat_alloc(count * sizeof(*ids))))
    {
        cat_free(copy);
        return WSA_NOT_ENOUGH_MEMORY;
    }

    lock = catalog_lock();
    if (native) err = check_install(FALSE, &id, copy, count);
    if (!err && cat32) err = check_install(TRUE, &id, copy, count);
    if (!err && !(err = read_protocols_locked(FALSE, &a)) && !(err = read_protocols_locked(TRUE, &b)))
    {
        next = next_entry_id_locked(&a, &b);
        for (i = 0; i < count; i++) ids[i] = next++;
        if (native) err = install_into(FALSE, &id, path_copy, copy, count, ids);
        if (!err && cat32) err = install_into(TRUE, &id, path32_copy, copy, count, ids);
        if (!err) store_next_entry_id_locked(next);
    }
    catalog_unlock(lock);

    ws2_protocols_free(&a);
    ws2_protocols_free(&b);
    cat_free(ids);
    cat_free(copy);
    return err;
}

/* ---- the Ex/Ex2 exports' catalog target ----
 * Windows 8 added Ex/Ex2 forms of ten catalog exports with no public
 * documentation.  What is known: the i386 import library's stack sizes
 * give each the arguments of its documented sibling plus one pointer
 * (WSCInstallProviderEx two); Windows' own caller, mswsock's catalog
 * migration during setup, passes a "target information" block there, a
 * DWORD, a DWORD selecting the catalog and a pointer, and re-issues a call
 * for the "WOW catalog" by setting the second DWORD to 4.  So:
 *   - no block: the process's own catalog, as the documented sibling;
 *   - selector 4: the 32-bit catalog (the "32" exports' catalog);
 *   - selector 2: the 64-bit catalog, which only 64-bit code can reach;
 *   - any other selector, or a block whose pointer is set (it names the
 *     setup target, an offline system we cannot write): WSAEINVAL;
 *   - an unreadable block: WSAEFAULT. */
struct catalog_target
{
    DWORD unknown;
    DWORD selector;
    void *image;
};

DWORD ws2_target_catalog(const void *target, BOOL *cat32)
{
    struct catalog_target t;

    *cat32 = FALSE;
    if (!target) return 0;
    if (!ws2_copy(&t, target, sizeof(t))) return WSAEFAULT;
    if (t.image) return WSAEINVAL;
    if (t.selector == 4)
    {
        *cat32 = TRUE;
        return 0;
    }
#ifdef _WIN64
    if (t.selector == 2) return 0;
#endif
    return WSAEINVAL;
}

/* Every SPI function reports through lpErrno; without a usable lpErrno
 * there is nowhere to say why (WSAEFAULT: "lpErrno is not in a valid part
 * of the user address space", WSCDeinstallProvider docs). */
static int spi_result(LPINT err, DWORD code)
{
    if (!code) return 0;
    if (err) ws2_copy(err, &code, sizeof(*err));
    return SOCKET_ERROR;
}

static BOOL spi_errno_ok(LPINT err)
{
    return err && ws2_writable(err, sizeof(*err));
}

int WINAPI WSCInstallProvider(LPGUID provider, const WCHAR *path, const LPWSAPROTOCOL_INFOW infos,
                              DWORD count, LPINT err)
{
    TRACE("(%p, %p, %p, %lu, %p)\n", provider, path, infos, count, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    /* the process's own catalog: on 64-bit Windows the 64-bit one only (docs) */
    return spi_result(err, install_provider(provider, path, NULL, infos, count, TRUE, FALSE));
}

/* The seventh argument is passed on by Windows' setup code from its own
 * caller; what it means is not known, and nothing here depends on it. */
int WINAPI WSCInstallProviderEx(LPGUID provider, const WCHAR *path, const LPWSAPROTOCOL_INFOW infos,
                                DWORD count, LPINT err, const void *target, void *reserved)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %p, %p, %lu, %p, %p, %p)\n", provider, path, infos, count, err, target, reserved);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    if ((code = ws2_target_catalog(target, &cat32))) return spi_result(err, code);
    return spi_result(err, install_provider(provider, path, NULL, infos, count, !cat32, cat32));
}

#ifdef _WIN64
/* Installs into both the 32-bit and the 64-bit catalog (docs), with the
 * same path in each. */
int WINAPI WSCInstallProvider64_32(LPGUID provider, const WCHAR *path, const LPWSAPROTOCOL_INFOW infos,
                                   DWORD count, LPINT err)
{
    TRACE("(%p, %p, %p, %lu, %p)\n", provider, path, infos, count, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    return spi_result(err, install_provider(provider, path, NULL, infos, count, TRUE, TRUE));
}
#endif

/* ---- WSCInstallProviderAndChains ---- */

/* The base entry a chain is built on: the first base protocol of the
 * catalog matching the family, type and protocol of the caller's entry
 * (the members the docs say are examined). */
static const struct ws2_protocol_item *chain_base(const struct ws2_protocol_list *list,
                                                  const WSAPROTOCOL_INFOW *want)
{
    unsigned int i;

    for (i = 0; i < list->count; i++)
    {
        const WSAPROTOCOL_INFOW *info = &list->items[i].info;

        if (info->ProtocolChain.ChainLen != BASE_PROTOCOL) continue;
        if (info->iAddressFamily == want->iAddressFamily && info->iSocketType == want->iSocketType &&
            info->iProtocol == want->iProtocol)
            return &list->items[i];
    }
    return NULL;
}

/* Builds the entries to add to one catalog: the "dummy" layered entry
 * (ChainLen 0, named lspname, dwServiceFlags as its service flags) and one
 * two-link chain per caller entry, whose ChainEntries[0] is the dummy's
 * ID and ChainEntries[1] the base entry (docs).  The chains go to the
 * start of the catalog, the dummy after them. */
static DWORD add_chains_locked(BOOL cat32, const GUID *id, const WCHAR *path, const WCHAR *lspname,
                               DWORD service_flags, const WSAPROTOCOL_INFOW *infos, DWORD count,
                               DWORD first_id)
{
    struct ws2_protocol_list list, out = {0};
    struct ws2_protocol_item *item;
    DWORD err, i;

    if ((err = read_protocols_locked(cat32, &list))) return err;
    if (has_provider(&list, id)) err = WSANO_RECOVERY;
    for (i = 0; !err && i < count; i++)
        if (!chain_base(&list, &infos[i])) err = WSAEINVAL;
    if (!err && !(out.items = cat_alloc((list.count + count + 1) * sizeof(*out.items))))
        err = WSA_NOT_ENOUGH_MEMORY;

    for (i = 0; !err && i < count; i++)
    {
        const struct ws2_protocol_item *base = chain_base(&list, &infos[i]);

        item = &out.items[out.count++];
        memset(item, 0, sizeof(*item));
        lstrcpynW(item->path, path, MAX_PATH);
        item->info = base->info;
        item->info.ProviderId = *id;
        item->info.dwCatalogEntryId = first_id + 1 + i;
        item->info.ProtocolChain.ChainLen = 2;
        item->info.ProtocolChain.ChainEntries[0] = first_id;
        item->info.ProtocolChain.ChainEntries[1] = base->info.dwCatalogEntryId;
        /* named after the LSP and the entry below it */
        item->info.szProtocol[0] = 0;
        append(item->info.szProtocol, WSAPROTOCOL_LEN + 1, lspname);
        append(item->info.szProtocol, WSAPROTOCOL_LEN + 1, L" over [");
        append(item->info.szProtocol, WSAPROTOCOL_LEN + 1, base->info.szProtocol);
        append(item->info.szProtocol, WSAPROTOCOL_LEN + 1, L"]");
    }
    if (!err)
    {
        item = &out.items[out.count++];
        memset(item, 0, sizeof(*item));
        lstrcpynW(item->path, path, MAX_PATH);
        item->info = infos[0];
        item->info.dwServiceFlags1 = service_flags;
        item->info.ProviderId = *id;
        item->info.dwCatalogEntryId = first_id;
        item->info.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
        memset(item->info.ProtocolChain.ChainEntries, 0, sizeof(item->info.ProtocolChain.ChainEntries));
        lstrcpynW(item->info.szProtocol, lspname, WSAPROTOCOL_LEN + 1);

        memcpy(out.items + out.count, list.items, list.count * sizeof(*list.items));
        out.count += list.count;
        err = write_protocols_locked(cat32, &out);
    }
    ws2_protocols_free(&out);
    ws2_protocols_free(&list);
    return err;
}

/* Whether path is "%windir%\\system32\\<dllname>": the one 64-bit path that
 * also serves 32-bit processes (through WOW64's system32 redirection). */
static BOOL in_system32(const WCHAR *path)
{
    static const WCHAR prefix[] = L"%windir%\\system32\\";
    const WCHAR *name = path + ARRAYSIZE(prefix) - 1;

    if (lstrlenW(path) <= (int)ARRAYSIZE(prefix) - 1) return FALSE;
    if (CompareStringOrdinal(path, ARRAYSIZE(prefix) - 1, prefix, ARRAYSIZE(prefix) - 1, TRUE) != CSTR_EQUAL)
        return FALSE;
    for (; *name; name++) if (*name == '\\' || *name == '/') return FALSE;
    return TRUE;
}

static DWORD install_and_chains(const GUID *provider, const WCHAR *path, const WCHAR *path32,
                                const WCHAR *lspname, DWORD service_flags, const WSAPROTOCOL_INFOW *infos,
                                DWORD count, DWORD *entry_id, BOOL both)
{
    WCHAR path_copy[MAX_PATH], path32_copy[MAX_PATH], name[WSAPROTOCOL_LEN + 1];
    struct ws2_protocol_list a = {0}, b = {0};
    WSAPROTOCOL_INFOW *copy;
    DWORD err, first;
    HANDLE lock;
    GUID id;

    if ((err = read_install_args(provider, path, infos, count, &id, path_copy, &copy))) return err;
    if (!err) err = copy_caller_string(lspname, name, ARRAYSIZE(name));
    if (!err && path32) err = copy_caller_string(path32, path32_copy, MAX_PATH);
    /* WSCInstallProviderAndChains64_32 without a 32-bit path: the 64-bit
     * one must be %windir%\\system32\\<dllname>, "otherwise, the call fails
     * with WSAEINVAL" (docs) */
    if (!err && both && !path32 && !in_system32(path_copy)) err = WSAEINVAL;
    if (!path32) lstrcpyW(path32_copy, path_copy);
    /* the catalog entry ID is optional ([out, optional]) */
    if (!err && entry_id && !ws2_writable(entry_id, sizeof(*entry_id))) err = WSAEFAULT;
    if (err)
    {
        cat_free(copy);
        return err;
    }

    lock = catalog_lock();
    if (!(err = read_protocols_locked(FALSE, &a)) && !(err = read_protocols_locked(TRUE, &b)))
    {
        first = next_entry_id_locked(&a, &b);
        err = add_chains_locked(FALSE, &id, path_copy, name, service_flags, copy, count, first);
        if (!err && both) err = add_chains_locked(TRUE, &id, path32_copy, name, service_flags, copy, count, first);
        if (!err) store_next_entry_id_locked(first + count + 1);
        if (!err && entry_id) *entry_id = first;
    }
    catalog_unlock(lock);

    ws2_protocols_free(&a);
    ws2_protocols_free(&b);
    cat_free(copy);
    return err;
}

int WINAPI WSCInstallProviderAndChains(LPGUID provider, const LPWSTR path, const LPWSTR lspname,
                                       DWORD service_flags, LPWSAPROTOCOL_INFOW infos, DWORD count,
                                       LPDWORD entry_id, LPINT err)
{
    TRACE("(%p, %p, %p, %#lx, %p, %lu, %p, %p)\n", provider, path, lspname,
          service_flags, infos, count, entry_id, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    return spi_result(err, install_and_chains(provider, path, NULL, lspname, service_flags, infos, count,
                                              entry_id, FALSE));
}

#ifdef _WIN64
int WINAPI WSCInstallProviderAndChains64_32(LPGUID provider, const LPWSTR path, const LPWSTR path32,
                                            const LPWSTR lspname, DWORD service_flags,
                                            LPWSAPROTOCOL_INFOW infos, DWORD count, LPDWORD entry_id,
                                            LPINT err)
{
    TRACE("(%p, %p, %p, %p, %#lx, %p, %lu, %p, %p)\n", provider, path, path32,
          lspname, service_flags, infos, count, entry_id, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    return spi_result(err, install_and_chains(provider, path, path32, lspname, service_flags, infos, count,
                                              entry_id, TRUE));
}
#endif

/* ---- deinstall, update, order ---- */

static DWORD deinstall(BOOL cat32, const GUID *provider)
{
    struct ws2_protocol_list list;
    unsigned int i, kept = 0;
    DWORD err;
    HANDLE lock;
    GUID id;

    if (!provider || !ws2_copy(&id, provider, sizeof(id))) return WSAEFAULT;
    lock = catalog_lock();
    if (!(err = read_protocols_locked(cat32, &list)))
    {
        for (i = 0; i < list.count; i++)
            if (!same_guid(&list.items[i].info.ProviderId, &id)) list.items[kept++] = list.items[i];
        /* "lpProviderId does not specify a valid provider": WSAEINVAL (docs) */
        if (kept == list.count) err = WSAEINVAL;
        else
        {
            list.count = kept;
            err = write_protocols_locked(cat32, &list);
        }
        ws2_protocols_free(&list);
    }
    catalog_unlock(lock);
    return err;
}

int WINAPI WSCDeinstallProvider(LPGUID provider, LPINT err)
{
    TRACE("(%p, %p)\n", provider, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    return spi_result(err, deinstall(FALSE, provider));
}

#ifdef _WIN64
int WINAPI WSCDeinstallProvider32(LPGUID provider, LPINT err)
{
    TRACE("(%p, %p)\n", provider, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    return spi_result(err, deinstall(TRUE, provider));
}
#endif

int WINAPI WSCDeinstallProviderEx(LPGUID provider, LPINT err, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %p, %p)\n", provider, err, target);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    if ((code = ws2_target_catalog(target, &cat32))) return spi_result(err, code);
    return spi_result(err, deinstall(cat32, provider));
}

/* WSCUpdateProvider replaces the provider's path and the entries the
 * caller lists, matched by dwCatalogEntryId; each must be an entry of that
 * provider (an unknown provider: WSAEINVAL, as for WSCDeinstallProvider).
 * The IDs and the provider GUID stay. */
static DWORD update(BOOL cat32, const GUID *provider, const WCHAR *path, const WSAPROTOCOL_INFOW *infos,
                    DWORD count)
{
    WCHAR path_copy[MAX_PATH];
    struct ws2_protocol_list list;
    WSAPROTOCOL_INFOW *copy;
    unsigned int i, j;
    DWORD err;
    HANDLE lock;
    GUID id;

    if ((err = read_install_args(provider, path, infos, count, &id, path_copy, &copy))) return err;
    lock = catalog_lock();
    if (!(err = read_protocols_locked(cat32, &list)))
    {
        if (!has_provider(&list, &id)) err = WSAEINVAL;
        for (j = 0; !err && j < count; j++)
        {
            for (i = 0; i < list.count; i++)
                if (list.items[i].info.dwCatalogEntryId == copy[j].dwCatalogEntryId) break;
            if (i == list.count || !same_guid(&list.items[i].info.ProviderId, &id) ||
                !chain_valid(&list, &copy[j].ProtocolChain))
                err = WSAEINVAL;
        }
        for (j = 0; !err && j < count; j++)
        {
            for (i = 0; i < list.count; i++)
                if (list.items[i].info.dwCatalogEntryId == copy[j].dwCatalogEntryId) break;
            list.items[i].info = copy[j];
            list.items[i].info.ProviderId = id;
            list.items[i].info.szProtocol[WSAPROTOCOL_LEN] = 0;
        }
        for (i = 0; !err && i < list.count; i++)
            if (same_guid(&list.items[i].info.ProviderId, &id)) lstrcpynW(list.items[i].path, path_copy, MAX_PATH);
        if (!err) err = write_protocols_locked(cat32, &list);
        ws2_protocols_free(&list);
    }
    catalog_unlock(lock);
    cat_free(copy);
    return err;
}

int WINAPI WSCUpdateProvider(LPGUID provider, const WCHAR *path, const LPWSAPROTOCOL_INFOW infos,
                             DWORD count, LPINT err)
{
    TRACE("(%p, %p, %p, %lu, %p)\n", provider, path, infos, count, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    return spi_result(err, update(FALSE, provider, path, infos, count));
}

#ifdef _WIN64
int WINAPI WSCUpdateProvider32(LPGUID provider, const WCHAR *path, const LPWSAPROTOCOL_INFOW infos,
                               DWORD count, LPINT err)
{
    TRACE("(%p, %p, %p, %lu, %p)\n", provider, path, infos, count, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    return spi_result(err, update(TRUE, provider, path, infos, count));
}
#endif

int WINAPI WSCUpdateProviderEx(LPGUID provider, const WCHAR *path, const LPWSAPROTOCOL_INFOW infos,
                               DWORD count, LPINT err, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %p, %p, %lu, %p, %p)\n", provider, path, infos, count, err, target);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    if ((code = ws2_target_catalog(target, &cat32))) return spi_result(err, code);
    return spi_result(err, update(cat32, provider, path, infos, count));
}

/* WSCWriteProviderOrder returns the error itself.  It fails with
 * WSAEINVAL, changing nothing, when the count is not the number of
 * entries, or an ID is unknown or appears twice (docs' list of failure
 * cases); the docs list no WSAEFAULT, so an unreadable array is one of
 * the "invalid arguments" too. */
static int write_order(BOOL cat32, const DWORD *ids, DWORD count)
{
    struct ws2_protocol_list list, out = {0};
    DWORD err, *copy;
    unsigned int i, j;
    HANDLE lock;

    if (!ids || !count || count > MAX_CALLER_ENTRIES) return WSAEINVAL;
    if (!(copy = cat_alloc(count * sizeof(*copy)))) return WSA_NOT_ENOUGH_MEMORY;
    if (!ws2_copy(copy, ids, count * sizeof(*copy)))
    {
        cat_free(copy);
        return WSAEINVAL;
    }
    lock = catalog_lock();
    if (!(err = read_protocols_locked(cat32, &list)))
    {
        if (count != list.count) err = WSAEINVAL;
        else if (!(out.items = cat_alloc(count * sizeof(*out.items)))) err = WSA_NOT_ENOUGH_MEMORY;
        for (i = 0; !err && i < count; i++)
        {
            const struct ws2_protocol_item *item = find_entry(&list, copy[i]);

            for (j = 0; j < i; j++) if (copy[j] == copy[i]) break;
            if (!item || j < i) err = WSAEINVAL;
            else out.items[out.count++] = *item;
        }
        if (!err) err = write_protocols_locked(cat32, &out);
        ws2_protocols_free(&out);
        ws2_protocols_free(&list);
    }
    catalog_unlock(lock);
    cat_free(copy);
    return err;
}

int WINAPI WSCWriteProviderOrder(LPDWORD ids, DWORD count)
{
    TRACE("(%p, %lu)\n", ids, count);
    return write_order(FALSE, ids, count);
}

#ifdef _WIN64
int WINAPI WSCWriteProviderOrder32(LPDWORD ids, DWORD count)
{
    TRACE("(%p, %lu)\n", ids, count);
    return write_order(TRUE, ids, count);
}
#endif

int WINAPI WSCWriteProviderOrderEx(LPDWORD ids, DWORD count, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %lu, %p)\n", ids, count, target);
    if ((code = ws2_target_catalog(target, &cat32))) return code;
    return write_order(cat32, ids, count);
}

/* Stores the LSP categories of every entry of a provider (protocol.c's
 * WSCSetProviderInfo). */
DWORD ws2_catalog_set_categories(BOOL cat32, const GUID *id, DWORD categories)
{
    struct ws2_protocol_list list;
    unsigned int i;
    BOOL found = FALSE;
    DWORD err;
    HANDLE lock = catalog_lock();

    if (!(err = read_protocols_locked(cat32, &list)))
    {
        for (i = 0; i < list.count; i++)
        {
            if (!same_guid(&list.items[i].info.ProviderId, id)) continue;
            list.items[i].categories = categories;
            found = TRUE;
        }
        err = found ? write_protocols_locked(cat32, &list) : WSANO_RECOVERY;
        ws2_protocols_free(&list);
    }
    catalog_unlock(lock);
    return err;
}

/* ---- the name-space catalog ---- */

static DWORD base_ns_list(struct ws2_ns_list *list)
{
    list->count = ws2_base_name_spaces(NULL);
    if (!(list->items = cat_alloc(list->count * sizeof(*list->items)))) return WSA_NOT_ENOUGH_MEMORY;
    ws2_base_name_spaces(list->items);
    return 0;
}

void ws2_ns_free(struct ws2_ns_list *list)
{
    unsigned int i;

    for (i = 0; i < list->count; i++) cat_free(list->items[i].blob);
    cat_free(list->items);
    list->items = NULL;
    list->count = 0;
}

static BOOL read_ns_entry(HREGKEY entries, const WCHAR *name, void *out)
{
    struct ws2_ns_item *item = out;
    DWORD type = 0, size = sizeof(item->id);
    HREGKEY key;
    BOOL ok;

    memset(item, 0, sizeof(*item));
    if (!(key = key_open(entries, name, FALSE))) return FALSE;
    ok = value_get(key, L"ProviderId", &type, &item->id, &size) && type == REG_BINARY &&
         size == sizeof(item->id);
    get_string(key, L"DisplayString", item->name, MAX_PATH);
    get_string(key, L"LibraryPath", item->path, MAX_PATH);
    item->family = get_dword(key, L"AddressFamily", 0);
    item->name_space = get_dword(key, L"SupportedNameSpace", 0);
    item->enabled = get_dword(key, L"Enabled", 1) != 0;
    item->version = get_dword(key, L"Version", 0);
    item->stores_class_info = get_dword(key, L"StoresServiceClassInfo", 0) != 0;
    if (ok && value_get(key, L"ProviderInfo", &type, NULL, &size) && type == REG_BINARY && size)
    {
        if ((item->blob = cat_alloc(size)) && value_get(key, L"ProviderInfo", &type, item->blob, &size))
            item->blob_size = size;
        else
        {
            cat_free(item->blob);
            item->blob = NULL;
        }
    }
    key_close(key);
    return ok;
}

static DWORD read_ns_locked(BOOL cat32, struct ws2_ns_list *list)
{
    DWORD err = read_entries_locked(NS_KEY, cat32, sizeof(*list->items), read_ns_entry,
                                    (void **)&list->items, &list->count);

    if (!err && !list->items) return base_ns_list(list);
    return err;
}

DWORD ws2_ns_read(BOOL cat32, struct ws2_ns_list *list)
{
    HANDLE lock = catalog_lock();
    DWORD ret = read_ns_locked(cat32, list);

    catalog_unlock(lock);
    return ret;
}

static BOOL ns_item_equal(const struct ws2_ns_item *a, const struct ws2_ns_item *b)
{
    return same_guid(&a->id, &b->id) && a->name_space == b->name_space && a->version == b->version &&
           a->family == b->family && a->enabled == b->enabled &&
           a->stores_class_info == b->stores_class_info && !lstrcmpW(a->name, b->name) &&
           !lstrcmpW(a->path, b->path) && a->blob_size == b->blob_size &&
           (!a->blob_size || !memcmp(a->blob, b->blob, a->blob_size));
}

static BOOL ns_are_base(const struct ws2_ns_list *list)
{
    struct ws2_ns_list base;
    unsigned int i;
    BOOL same;

    if (base_ns_list(&base)) return FALSE;
    same = base.count == list->count;
    for (i = 0; same && i < list->count; i++) same = ns_item_equal(&base.items[i], &list->items[i]);
    ws2_ns_free(&base);
    return same;
}

static BOOL write_ns_entry(HREGKEY entries, unsigned int index, const void *in)
{
    const struct ws2_ns_item *item = in;
    WCHAR name[32];
    HREGKEY key;
    BOOL ok;

    entry_key_name(index, name);
    if (!(key = key_open(entries, name, TRUE))) return FALSE;
    ok = set_string(key, L"LibraryPath", item->path) && set_string(key, L"DisplayString", item->name) &&
         value_set(key, L"ProviderId", REG_BINARY, &item->id, sizeof(item->id)) &&
         set_dword(key, L"AddressFamily", item->family) &&
         set_dword(key, L"SupportedNameSpace", item->name_space) &&
         set_dword(key, L"Enabled", item->enabled) && set_dword(key, L"Version", item->version) &&
         set_dword(key, L"StoresServiceClassInfo", item->stores_class_info);
    if (ok && item->blob_size)
        ok = value_set(key, L"ProviderInfo", REG_BINARY, item->blob, item->blob_size);
    key_close(key);
    return ok;
}

static DWORD write_ns_locked(BOOL cat32, const struct ws2_ns_list *list)
{
    return write_entries_locked(NS_KEY, cat32, ns_are_base(list), list->items, list->count,
                                sizeof(*list->items), write_ns_entry);
}

static int ns_find(const struct ws2_ns_list *list, const GUID *id)
{
    unsigned int i;

    for (i = 0; i < list->count; i++)
        if (same_guid(&list->items[i].id, id)) return i;
    return -1;
}

/* WSCInstallNameSpace(Ex) and the 32-bit twins.  The docs' error table
 * has no WSAEFAULT: missing arguments are "invalid" (WSAEINVAL); an
 * installed GUID is WSANO_RECOVERY ("the provider is already
 * installed"). */
static DWORD install_ns(BOOL cat32, const WCHAR *ident, const WCHAR *path, DWORD name_space, DWORD version,
                        const GUID *provider, const BLOB *blob)
{
    struct ws2_ns_list list;
    struct ws2_ns_item item;
    struct ws2_ns_item *items;
    BLOB b = {0};
    DWORD err;
    HANDLE lock;

    memset(&item, 0, sizeof(item));
    if (!ident || !path || !provider) return WSAEINVAL;
    if ((err = copy_caller_string(ident, item.name, MAX_PATH))) return err;
    if ((err = copy_caller_string(path, item.path, MAX_PATH))) return err;
    if (!item.path[0]) return WSAEINVAL;
    if (!ws2_copy(&item.id, provider, sizeof(item.id))) return WSAEFAULT;
    if (blob && !ws2_copy(&b, blob, sizeof(b))) return WSAEFAULT;
    if (b.cbSize)
    {
        if (!b.pBlobData || b.cbSize > 0x10000) return WSAEINVAL;
        if (!(item.blob = cat_alloc(b.cbSize))) return WSA_NOT_ENOUGH_MEMORY;
        if (!ws2_copy(item.blob, b.pBlobData, b.cbSize))
        {
            cat_free(item.blob);
            return WSAEFAULT;
        }
        item.blob_size = b.cbSize;
    }
    item.name_space = name_space;
    item.version = version;
    item.enabled = TRUE;

    lock = catalog_lock();
    if (!(err = read_ns_locked(cat32, &list)))
    {
        if (ns_find(&list, &item.id) >= 0) err = WSANO_RECOVERY;
        else if (!(items = cat_alloc((list.count + 1) * sizeof(*items)))) err = WSA_NOT_ENOUGH_MEMORY;
        else
        {
            memcpy(items, list.items, list.count * sizeof(*items));
            items[list.count] = item;
            item.blob = NULL;   /* the list owns it now */
            cat_free(list.items);
            list.items = items;
            list.count++;
            err = write_ns_locked(cat32, &list);
        }
        ws2_ns_free(&list);
    }
    catalog_unlock(lock);
    cat_free(item.blob);
    return err;
}

/* The name-space functions report through the thread's last error. */
static INT ns_result(DWORD err)
{
    if (!err) return 0;
    SetLastError(err);
    return SOCKET_ERROR;
}

INT WINAPI WSCInstallNameSpace(LPWSTR ident, LPWSTR path, DWORD name_space, DWORD version, LPGUID provider)
{
    TRACE("(%p, %p, %lu, %lu, %p)\n", ident, path, name_space, version, provider);
    return ns_result(install_ns(FALSE, ident, path, name_space, version, provider, NULL));
}

INT WINAPI WSCInstallNameSpaceEx(LPWSTR ident, LPWSTR path, DWORD name_space, DWORD version,
                                 LPGUID provider, LPBLOB info)
{
    TRACE("(%p, %p, %lu, %lu, %p, %p)\n", ident, path, name_space, version,
          provider, info);
    return ns_result(install_ns(FALSE, ident, path, name_space, version, provider, info));
}

INT WINAPI WSCInstallNameSpaceEx2(LPWSTR ident, LPWSTR path, DWORD name_space, DWORD version,
                                  LPGUID provider, LPBLOB info, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %p, %lu, %lu, %p, %p, %p)\n", ident, path, name_space, version,
          provider, info, target);
    if ((code = ws2_target_catalog(target, &cat32))) return ns_result(code);
    return ns_result(install_ns(cat32, ident, path, name_space, version, provider, info));
}

#ifdef _WIN64
INT WINAPI WSCInstallNameSpace32(LPWSTR ident, LPWSTR path, DWORD name_space, DWORD version, LPGUID provider)
{
    TRACE("(%p, %p, %lu, %lu, %p)\n", ident, path, name_space, version, provider);
    return ns_result(install_ns(TRUE, ident, path, name_space, version, provider, NULL));
}

INT WINAPI WSCInstallNameSpaceEx32(LPWSTR ident, LPWSTR path, DWORD name_space, DWORD version,
                                   LPGUID provider, LPBLOB info)
{
    TRACE("(%p, %p, %lu, %lu, %p, %p)\n", ident, path, name_space, version,
          provider, info);
    return ns_result(install_ns(TRUE, ident, path, name_space, version, provider, info));
}
#endif

/* Uninstall (remove != 0) or enable/disable one provider; an unknown
 * provider is WSAEINVAL ("the name-space provider identifier is invalid",
 * WSCUnInstallNameSpace and WSCEnableNSProvider docs). */
static DWORD change_ns(BOOL cat32, const GUID *provider, BOOL remove, BOOL enable)
{
    struct ws2_ns_list list;
    DWORD err;
    HANDLE lock;
    GUID id;
    int i;

    if (!provider) return WSAEINVAL;
    if (!ws2_copy(&id, provider, sizeof(id))) return WSAEFAULT;
    lock = catalog_lock();
    if (!(err = read_ns_locked(cat32, &list)))
    {
        if ((i = ns_find(&list, &id)) < 0) err = WSAEINVAL;
        else
        {
            if (remove)
            {
                cat_free(list.items[i].blob);
                memmove(&list.items[i], &list.items[i + 1], (list.count - i - 1) * sizeof(list.items[0]));
                list.count--;
            }
            else list.items[i].enabled = enable != 0;
            err = write_ns_locked(cat32, &list);
        }
        ws2_ns_free(&list);
    }
    catalog_unlock(lock);
    return err;
}

INT WINAPI WSCUnInstallNameSpace(LPGUID provider)
{
    TRACE("(%p)\n", provider);
    return ns_result(change_ns(FALSE, provider, TRUE, FALSE));
}

INT WINAPI WSCEnableNSProvider(LPGUID provider, BOOL enable)
{
    TRACE("(%p, %d)\n", provider, enable);
    return ns_result(change_ns(FALSE, provider, FALSE, enable));
}

INT WINAPI WSCUnInstallNameSpaceEx2(LPGUID provider, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %p)\n", provider, target);
    if ((code = ws2_target_catalog(target, &cat32))) return ns_result(code);
    return ns_result(change_ns(cat32, provider, TRUE, FALSE));
}

#ifdef _WIN64
INT WINAPI WSCUnInstallNameSpace32(LPGUID provider)
{
    TRACE("(%p)\n", provider);
    return ns_result(change_ns(TRUE, provider, TRUE, FALSE));
}

INT WINAPI WSCEnableNSProvider32(LPGUID provider, BOOL enable)
{
    TRACE("(%p, %d)\n", provider, enable);
    return ns_result(change_ns(TRUE, provider, FALSE, enable));
}
#endif

/* WSCWriteNameSpaceOrder: the same rules as WSCWriteProviderOrder, with
 * provider GUIDs (sporder.h). */
static int write_ns_order(BOOL cat32, const GUID *ids, DWORD count)
{
    struct ws2_ns_list list;
    struct ws2_ns_item *items = NULL;
    unsigned int i, j;
    GUID *copy;
    DWORD err;
    HANDLE lock;
    int k;

    if (!ids || !count || count > MAX_CALLER_ENTRIES) return WSAEINVAL;
    if (!(copy = cat_alloc(count * sizeof(*copy)))) return WSA_NOT_ENOUGH_MEMORY;
    if (!ws2_copy(copy, ids, count * sizeof(*copy)))
    {
        cat_free(copy);
        return WSAEINVAL;
    }
    lock = catalog_lock();
    if (!(err = read_ns_locked(cat32, &list)))
    {
        if (count != list.count) err = WSAEINVAL;
        else if (!(items = cat_alloc(count * sizeof(*items)))) err = WSA_NOT_ENOUGH_MEMORY;
        for (i = 0; !err && i < count; i++)
        {
            for (j = 0; j < i; j++) if (same_guid(&copy[j], &copy[i])) break;
            if (j < i || (k = ns_find(&list, &copy[i])) < 0) err = WSAEINVAL;
            else items[i] = list.items[k];
        }
        if (!err)
        {
            /* the same items (blobs included) in the new order */
            cat_free(list.items);
            list.items = items;
            items = NULL;
            err = write_ns_locked(cat32, &list);
        }
        cat_free(items);
        ws2_ns_free(&list);
    }
    catalog_unlock(lock);
    cat_free(copy);
    return err;
}

int WINAPI WSCWriteNameSpaceOrder(LPGUID ids, DWORD count)
{
    TRACE("(%p, %lu)\n", ids, count);
    return write_ns_order(FALSE, ids, count);
}

#ifdef _WIN64
int WINAPI WSCWriteNameSpaceOrder32(LPGUID ids, DWORD count)
{
    TRACE("(%p, %lu)\n", ids, count);
    return write_ns_order(TRUE, ids, count);
}
#endif

/* ---- WSAProviderConfigChange ---- */

/* The catalogs' combined change counter. */
static DWORD catalog_serial(void)
{
    DWORD serial = 0;
    HREGKEY key;

    if ((key = open_key(PROTO_KEY, FALSE)))
    {
        serial += get_dword(key, L"Serial_Access_Num", 0);
        key_close(key);
    }
    if ((key = open_key(NS_KEY, FALSE)))
    {
        serial += get_dword(key, L"Serial_Access_Num", 0);
        key_close(key);
    }
    return serial;
}

/* A notification handle is an event of ours; the table holds the serial
 * each one last reported. */
struct notify_handle
{
    HANDLE handle;
    DWORD serial;
};

static SRWLOCK notify_lock = SRWLOCK_INIT;
static struct notify_handle *notify_handles;
static unsigned int notify_count, notify_size;

static int notify_find(HANDLE handle)
{
    unsigned int i;

    for (i = 0; i < notify_count; i++)
        if (notify_handles[i].handle == handle) return i;
    return -1;
}

static DWORD notify_new(HANDLE *out)
{
    HANDLE handle;
    DWORD err = 0;

    if (!(handle = CreateEventW(NULL, TRUE, FALSE, NULL))) return WSA_NOT_ENOUGH_MEMORY;
    AcquireSRWLockExclusive(&notify_lock);
    if (notify_count == notify_size)
    {
        unsigned int size = notify_size ? notify_size * 2 : 8;
        struct notify_handle *grown = cat_alloc(size * sizeof(*grown));

        if (!grown) err = WSA_NOT_ENOUGH_MEMORY;
        else
        {
            if (notify_count) memcpy(grown, notify_handles, notify_count * sizeof(*grown));
            cat_free(notify_handles);
            notify_handles = grown;
            notify_size = size;
        }
    }
    if (!err)
    {
        notify_handles[notify_count].handle = handle;
        notify_handles[notify_count].serial = catalog_serial();
        notify_count++;
    }
    ReleaseSRWLockExclusive(&notify_lock);
    if (err) CloseHandle(handle);
    else *out = handle;
    return err;
}

/* Blocks until the catalogs' serial differs from *seen, then stores the
 * new one.  The registry watch is armed before each comparison, so a
 * change between the two is not lost. */
static void wait_for_change(DWORD *seen)
{
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    static IO_STATUS_BLOCK io;  /* the watch's status is never read */
    DWORD now;
    HREGKEY key;

    for (;;)
    {
        key = open_key(PARAMS_KEY, TRUE);
        if (key && event)
            NtNotifyChangeKey(key, event, NULL, NULL, &io, REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET,
                              TRUE, NULL, 0, TRUE);
        if ((now = catalog_serial()) != *seen)
        {
            if (key) key_close(key);
            break;
        }
        if (key && event) WaitForSingleObject(event, INFINITE);
        else Sleep(500);    /* no watch to be had: poll */
        if (key) key_close(key);
    }
    *seen = now;
    if (event) CloseHandle(event);
}

struct change_wait
{
    HANDLE handle;
    DWORD serial;
    WSAOVERLAPPED *overlapped;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
    HANDLE thread;      /* the caller's thread, for the completion routine */
};

static void CALLBACK run_completion(ULONG_PTR arg)
{
    struct change_wait *w = (struct change_wait *)arg;

    w->routine(0, 0, w->overlapped, 0);
    CloseHandle(w->thread);
    cat_free(w);
}

static void store_serial(HANDLE handle, DWORD serial)
{
    int i;

    AcquireSRWLockExclusive(&notify_lock);
    if ((i = notify_find(handle)) >= 0) notify_handles[i].serial = serial;
    ReleaseSRWLockExclusive(&notify_lock);
}

static DWORD WINAPI change_worker(void *arg)
{
    struct change_wait *w = arg;

    wait_for_change(&w->serial);
    store_serial(w->handle, w->serial);
    w->overlapped->Internal = 0;
    w->overlapped->InternalHigh = 0;
    if (w->routine)
    {
        /* completion routines run as APCs on the thread that asked */
        if (QueueUserAPC(run_completion, w->thread, (ULONG_PTR)w)) return 0;
        CloseHandle(w->thread);
    }
    else if (w->overlapped->hEvent) SetEvent(w->overlapped->hEvent);
    cat_free(w);
    return 0;
}

INT WINAPI WSAProviderConfigChange(LPHANDLE handle, LPWSAOVERLAPPED overlapped,
                                   LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct change_wait *w;
    HANDLE h;
    DWORD err, serial;
    int i;

    TRACE("(%p, %p, %p)\n", handle, overlapped, routine);

    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!handle || !ws2_copy(&h, handle, sizeof(h))) return ws2_fail(WSAEFAULT);

    /* the first call (a NULL handle) returns a new handle at once (docs) */
    if (!h)
    {
        if ((err = notify_new(&h))) return ws2_fail(err);
        if (!ws2_copy(handle, &h, sizeof(h)))
        {
            AcquireSRWLockExclusive(&notify_lock);
            if ((i = notify_find(h)) >= 0) notify_handles[i] = notify_handles[--notify_count];
            ReleaseSRWLockExclusive(&notify_lock);
            CloseHandle(h);
            return ws2_fail(WSAEFAULT);
        }
        return 0;
    }

    AcquireSRWLockExclusive(&notify_lock);
    i = notify_find(h);
    serial = i >= 0 ? notify_handles[i].serial : 0;
    ReleaseSRWLockExclusive(&notify_lock);
    /* a handle this function did not return: WSA_INVALID_HANDLE (docs) */
    if (i < 0) return ws2_fail(WSA_INVALID_HANDLE);

    if (!overlapped)
    {
        /* later calls complete only once the catalogs changed since the
         * previous one (docs); without overlapped I/O that blocks */
        wait_for_change(&serial);
        store_serial(h, serial);
        return 0;
    }

    if (!ws2_writable(overlapped, sizeof(*overlapped))) return ws2_fail(WSAEFAULT);
    if (!(w = cat_alloc(sizeof(*w)))) return ws2_fail(WSA_NOT_ENOUGH_MEMORY);
    w->handle = h;
    w->serial = serial;
    w->overlapped = overlapped;
    w->routine = routine;
    if (routine && !DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &w->thread,
                                    0, FALSE, DUPLICATE_SAME_ACCESS))
    {
        cat_free(w);
        return ws2_fail(WSA_NOT_ENOUGH_MEMORY);
    }
    overlapped->Internal = STATUS_PENDING;
    overlapped->InternalHigh = 0;
    if (!QueueUserWorkItem(change_worker, w, WT_EXECUTELONGFUNCTION))
    {
        if (w->thread) CloseHandle(w->thread);
        cat_free(w);
        return ws2_fail(WSA_NOT_ENOUGH_MEMORY);
    }
    /* WSA_IO_PENDING: "the overlapped operation has been successfully
     * initiated and completion will be indicated at a later time" (docs) */
    return ws2_fail(WSA_IO_PENDING);
}

/* ---- service classes (svcclass.c keeps their schema here) ---- */

#define CLASSES_KEY PARAMS_KEY L"\\ServiceClasses"

/* The value name of a class: its GUID in registry form. */
static void class_value_name(const GUID *id, WCHAR *name)
{
    static const WCHAR hex[] = L"0123456789ABCDEF";
    const BYTE *b = id->Data4;
    WCHAR *p = name;
    int i;

    *p++ = '{';
    for (i = 28; i >= 0; i -= 4) *p++ = hex[(id->Data1 >> i) & 0xf];
    *p++ = '-';
    for (i = 12; i >= 0; i -= 4) *p++ = hex[(id->Data2 >> i) & 0xf];
    *p++ = '-';
    for (i = 12; i >= 0; i -= 4) *p++ = hex[(id->Data3 >> i) & 0xf];
    *p++ = '-';
    for (i = 0; i < 8; i++)
    {
        if (i == 2) *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 0xf];
    }
    *p++ = '}';
    *p = 0;
}

DWORD ws2_class_write(const GUID *id, const void *data, DWORD size, BOOL replace)
{
    WCHAR name[40];
    HREGKEY key;
    HANDLE lock;
    DWORD type, old, err = 0;

    class_value_name(id, name);
    lock = catalog_lock();
    if (!(key = open_key(CLASSES_KEY, TRUE))) err = WSANO_RECOVERY;
    else if (!replace && value_get(key, name, &type, NULL, &old)) err = WSAEALREADY;
    else if (!value_set(key, name, REG_BINARY, data, size)) err = WSANO_RECOVERY;
    key_close(key);
    catalog_unlock(lock);
    return err;
}

DWORD ws2_class_read(const GUID *id, BYTE **data, DWORD *size)
{
    WCHAR name[40];
    HREGKEY key;
    HANDLE lock;
    DWORD type, err = WSATYPE_NOT_FOUND;

    *data = NULL;
    class_value_name(id, name);
    lock = catalog_lock();
    if ((key = open_key(CLASSES_KEY, FALSE)) && value_get(key, name, &type, NULL, size))
    {
        if (!(*data = cat_alloc(*size ? *size : 1))) err = WSA_NOT_ENOUGH_MEMORY;
        else if (value_get(key, name, &type, *data, size)) err = 0;
    }
    key_close(key);
    catalog_unlock(lock);
    if (err)
    {
        cat_free(*data);
        *data = NULL;
    }
    return err;
}

DWORD ws2_class_delete(const GUID *id)
{
    WCHAR name[40];
    HREGKEY key;
    HANDLE lock;
    DWORD type, size, err = WSATYPE_NOT_FOUND;

    class_value_name(id, name);
    lock = catalog_lock();
    if ((key = open_key(CLASSES_KEY, TRUE)) && value_get(key, name, &type, NULL, &size))
    {
        value_delete(key, name);
        err = 0;
    }
    key_close(key);
    catalog_unlock(lock);
    return err;
}

/* ---- application categories ----
 * WSCSetApplicationCategory / WSCGetApplicationCategory: the LSP categories
 * an application (its path, plus the command-line arguments that tell its
 * instances apart) permits.  Kept below Parameters\AppId_Catalog, one
 * subkey per application, named after a hash of path and arguments, with
 * AppFullPath, AppArgs and PermittedLspCategories; a colliding name moves
 * on to the next number. */

#define APPID_KEY PARAMS_KEY L"\\AppId_Catalog"
#define APP_TEXT_MAX 1024

struct app_id
{
    WCHAR path[APP_TEXT_MAX];
    WCHAR args[APP_TEXT_MAX];
};

/* Copies a counted caller string (len chars, no NUL). */
static DWORD copy_counted(const WCHAR *s, DWORD len, WCHAR *buf)
{
    if (len >= APP_TEXT_MAX) return WSAEINVAL;
    if (len && !ws2_copy(buf, s, len * sizeof(WCHAR))) return WSAEFAULT;
    buf[len] = 0;
    return 0;
}

/* Path is required (a NULL or empty one is invalid); Extra is optional,
 * but a length without a string is invalid (WSCGetApplicationCategory
 * docs: WSAEINVAL for invalid arguments, WSAEFAULT for unreadable ones). */
static DWORD read_app_id(const WCHAR *path, DWORD path_len, const WCHAR *extra, DWORD extra_len,
                         struct app_id *app)
{
    DWORD err;

    if (!path || !path_len) return WSAEINVAL;
    if (!extra && extra_len) return WSAEINVAL;
    if ((err = copy_counted(path, path_len, app->path))) return err;
    return copy_counted(extra, extra ? extra_len : 0, app->args);
}

static DWORD app_hash(const struct app_id *app)
{
    DWORD h = 0x811c9dc5;
    const WCHAR *s;

    /* paths compare without regard to case */
    for (s = app->path; *s; s++) h = (h ^ (*s >= 'A' && *s <= 'Z' ? *s + 32 : *s)) * 0x01000193;
    h = (h ^ '|') * 0x01000193;
    for (s = app->args; *s; s++) h = (h ^ *s) * 0x01000193;
    return h;
}

static void hex_name(DWORD value, WCHAR *name)
{
    int i;

    for (i = 7; i >= 0; i--, value >>= 4) name[i] = L"0123456789ABCDEF"[value & 15];
    name[8] = 0;
}

/* Opens the application's subkey of appids (creating it when asked);
 * NULL when it has none. */
static HREGKEY app_key(HREGKEY appids, const struct app_id *app, BOOL create)
{
    WCHAR name[16], stored_path[APP_TEXT_MAX], stored_args[APP_TEXT_MAX];
    DWORD h = app_hash(app);
    HREGKEY key;
    int probe;

    for (probe = 0; probe < 16; probe++, h++)
    {
        hex_name(h, name);
        /* opened for writing when asked to create: Set updates it */
        if (!(key = key_open(appids, name, create))) return NULL;
        get_string(key, L"AppFullPath", stored_path, APP_TEXT_MAX);
        get_string(key, L"AppArgs", stored_args, APP_TEXT_MAX);
        if (!stored_path[0])
        {
            /* a fresh key: this application's from now on */
            if (create && set_string(key, L"AppFullPath", app->path) && set_string(key, L"AppArgs", app->args))
                return key;
            key_close(key);
            return NULL;
        }
        if (!lstrcmpiW(stored_path, app->path) && !lstrcmpW(stored_args, app->args)) return key;
        key_close(key);
    }
    return NULL;
}

int WINAPI WSCGetApplicationCategory(LPCWSTR path, DWORD path_len, LPCWSTR extra, DWORD extra_len,
                                     DWORD *categories, LPINT err)
{
    struct app_id *app;
    HREGKEY appids, key = NULL;
    DWORD code, value = 0;
    HANDLE lock;

    TRACE("(%p, %lu, %p, %lu, %p, %p)\n", path, path_len, extra, extra_len, categories, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    if (!(app = cat_alloc(sizeof(*app)))) return spi_result(err, WSA_NOT_ENOUGH_MEMORY);
    code = read_app_id(path, path_len, extra, extra_len, app);
    if (!code && (!categories || !ws2_writable(categories, sizeof(*categories)))) code = WSAEFAULT;
    if (!code)
    {
        lock = catalog_lock();
        if ((appids = open_key(APPID_KEY, FALSE)))
        {
            if ((key = app_key(appids, app, FALSE)))
            {
                value = get_dword(key, L"PermittedLspCategories", 0);
                key_close(key);
            }
            key_close(appids);
        }
        catalog_unlock(lock);
        /* an application nobody classified: WSASERVICE_NOT_FOUND (docs) */
        if (!key) code = WSASERVICE_NOT_FOUND;
        else ws2_copy(categories, &value, sizeof(value));
    }
    cat_free(app);
    return spi_result(err, code);
}

/* pPrevPermLspCat receives what was permitted before (0 for an
 * application not classified yet); it may be NULL.  Setting 0 drops the
 * application's entry: permitting nothing is what an unclassified
 * application gets, and it leaves no residue behind. */
int WINAPI WSCSetApplicationCategory(LPCWSTR path, DWORD path_len, LPCWSTR extra, DWORD extra_len,
                                     DWORD categories, DWORD *previous, LPINT err)
{
    struct app_id *app;
    HREGKEY appids, key;
    DWORD code, before = 0;
    HANDLE lock;

    TRACE("(%p, %lu, %p, %lu, %#lx, %p, %p)\n", path, path_len, extra, extra_len, categories, previous, err);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    if (!(app = cat_alloc(sizeof(*app)))) return spi_result(err, WSA_NOT_ENOUGH_MEMORY);
    code = read_app_id(path, path_len, extra, extra_len, app);
    if (!code && previous && !ws2_writable(previous, sizeof(*previous))) code = WSAEFAULT;
    if (!code)
    {
        lock = catalog_lock();
        code = WSANO_RECOVERY;
        if ((appids = open_key(APPID_KEY, TRUE)))
        {
            if ((key = app_key(appids, app, TRUE)))
            {
                before = get_dword(key, L"PermittedLspCategories", 0);
                if (!categories)
                {
                    NtDeleteKey(key);
                    code = 0;
                }
                else if (set_dword(key, L"PermittedLspCategories", categories)) code = 0;
                key_close(key);
            }
            key_close(appids);
        }
        catalog_unlock(lock);
        if (!code && previous) ws2_copy(previous, &before, sizeof(before));
    }
    cat_free(app);
    return spi_result(err, code);
}

/* Both bitnesses share the application table, so a target only has to be
 * one ws2_target_catalog accepts. */
int WINAPI WSCGetApplicationCategoryEx(LPCWSTR path, DWORD path_len, LPCWSTR extra, DWORD extra_len,
                                       DWORD *categories, LPINT err, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %lu, %p, %lu, %p, %p, %p)\n", path, path_len, extra, extra_len, categories, err, target);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    if ((code = ws2_target_catalog(target, &cat32))) return spi_result(err, code);
    return WSCGetApplicationCategory(path, path_len, extra, extra_len, categories, err);
}

int WINAPI WSCSetApplicationCategoryEx(LPCWSTR path, DWORD path_len, LPCWSTR extra, DWORD extra_len,
                                       DWORD categories, DWORD *previous, LPINT err, const void *target)
{
    BOOL cat32;
    DWORD code;

    TRACE("(%p, %lu, %p, %lu, %#lx, %p, %p, %p)\n", path, path_len, extra, extra_len, categories,
          previous, err, target);
    if (!spi_errno_ok(err)) return SOCKET_ERROR;
    if ((code = ws2_target_catalog(target, &cat32))) return spi_result(err, code);
    return WSCSetApplicationCategory(path, path_len, extra, extra_len, categories, previous, err);
}
