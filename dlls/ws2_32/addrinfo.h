/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the getaddrinfo family (addrinfo.c, addrinfo_async.c) shares.
 */
#ifndef WS2_ADDRINFO_H
#define WS2_ADDRINFO_H

#include "ws2_32_private.h"

/* One query, whatever form it came in. */
struct ws2_ai_query
{
    int flags, family, socktype, protocol;
    const char *node;       /* ASCII (IDN names in punycode); NULL = none */
    const char *service;    /* NULL = none */
    /* Heap copies node and service point to, if they are not the caller's
     * own strings; freed by ws2_ai_query_clear. */
    char *node_copy, *service_copy;
    /* GetAddrInfoEx's name space and provider (NS_ALL and none for the
     * others): installed name-space providers answer what is theirs. */
    DWORD name_space;
    BOOL has_provider;
    GUID provider;
};

DWORD ws2_ai_check_hints(struct ws2_ai_query *q, int flags, int family, int socktype, int protocol,
                         BOOL extra_fields_set);
DWORD ws2_ai_read_hints_ex(struct ws2_ai_query *q, const ADDRINFOEXW *hints);
DWORD ws2_ai_check_namespace(DWORD name_space, const GUID *provider);
/* Records the name space and provider ws2_ai_check_namespace accepted. */
void ws2_ai_set_namespace(struct ws2_ai_query *q, DWORD name_space, const GUID *provider);
/* Converts the W forms' node and service into q (hints first: the flags
 * decide the IDN handling). */
DWORD ws2_ai_query_from_wide(struct ws2_ai_query *q, const WCHAR *node, const WCHAR *service);
/* The same for the ANSI forms, in two steps: the strings are checked
 * (WSAEFAULT) before the hints are read, then converted.  ASCII strings
 * are used where they are, so the query must not outlive the caller's
 * strings (synchronous calls only). */
DWORD ws2_ai_check_ansi(const char *node, const char *service, SIZE_T *node_len);
DWORD ws2_ai_query_from_ansi(struct ws2_ai_query *q, const char *node, SIZE_T node_len, const char *service);
DWORD ws2_ai_host_from_wide(const WCHAR *name, int flags, char **out);
void ws2_ai_query_clear(struct ws2_ai_query *q);
/* Resolves q into a list of ADDRINFOA/W (ex FALSE) or ADDRINFOEXA/W. */
DWORD ws2_ai_resolve(const struct ws2_ai_query *q, BOOL ex, BOOL wide, void **result);
void ws2_ai_free_list(void *list, BOOL ex);
SSIZE_T ws2_wide_length(const WCHAR *s);

#endif
