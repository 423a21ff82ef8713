/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The persistent Winsock catalogs (catalog.c): the transport catalog read
 * by protocol.c and the name-space catalog read by nsp.c.
 */
#ifndef WS2_CATALOG_H
#define WS2_CATALOG_H

#include "ws2_32_private.h"

/* One transport catalog entry: what Windows keeps per entry (the provider
 * path and the WSAPROTOCOL_INFOW), plus the LSP categories. */
struct ws2_protocol_item
{
    WCHAR path[MAX_PATH];
    WSAPROTOCOL_INFOW info;
    DWORD categories;
};

struct ws2_protocol_list
{
    unsigned int count;
    struct ws2_protocol_item *items;
};

/* One name-space catalog entry. */
struct ws2_ns_item
{
    GUID id;
    DWORD name_space;
    DWORD version;
    DWORD family;
    BOOL enabled;
    BOOL stores_class_info;
    WCHAR name[MAX_PATH];
    WCHAR path[MAX_PATH];
    DWORD blob_size;
    BYTE *blob;         /* the provider-specific BLOB, or NULL */
};

struct ws2_ns_list
{
    unsigned int count;
    struct ws2_ns_item *items;
};

/* The base entries a catalog holds when nothing was ever installed; they
 * stay defined where they are used (protocol.c, nsp.c).  Each returns the
 * count and fills items when it is not NULL. */
unsigned int ws2_base_protocols(struct ws2_protocol_item *items);
unsigned int ws2_base_name_spaces(struct ws2_ns_item *items);

/* Snapshots of a catalog: cat32 selects the 32-bit catalog, otherwise the
 * process's own.  0 or a WSA error code. */
DWORD ws2_protocols_read(BOOL cat32, struct ws2_protocol_list *list);
void ws2_protocols_free(struct ws2_protocol_list *list);
DWORD ws2_ns_read(BOOL cat32, struct ws2_ns_list *list);
void ws2_ns_free(struct ws2_ns_list *list);

/* The catalog the trailing "target" argument of the Ex/Ex2 exports
 * (WSCEnumProtocolsEx, WSCInstallProviderEx, ...) names: 0 with *cat32
 * set, or the WSA error to report.  See catalog.c for what is known of it. */
DWORD ws2_target_catalog(const void *target, BOOL *cat32);

/* Stores the LSP categories of every entry of provider id; 0, or
 * WSANO_RECOVERY when it has none. */
DWORD ws2_catalog_set_categories(BOOL cat32, const GUID *id, DWORD categories);

/* Service class schemas (svcclass.c's packed form), by class id: 0 or
 * WSAEALREADY (write without replace), WSATYPE_NOT_FOUND, a WSA error.
 * ws2_class_read's *data is freed with HeapFree. */
DWORD ws2_class_write(const GUID *id, const void *data, DWORD size, BOOL replace);
DWORD ws2_class_read(const GUID *id, BYTE **data, DWORD *size);
DWORD ws2_class_delete(const GUID *id);

#endif
