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
    char *node;         /* ASCII (IDN names in punycode), heap; NULL = none */
    char *service;      /* heap; NULL = none */
};

DWORD ws2_ai_check_hints(struct ws2_ai_query *q, int flags, int family, int socktype, int protocol,
                         BOOL extra_fields_set);
DWORD ws2_ai_read_hints_ex(struct ws2_ai_query *q, const ADDRINFOEXW *hints);
DWORD ws2_ai_check_namespace(DWORD name_space, const GUID *provider);
/* Converts the W forms' node and service into q (hints first: the flags
 * decide the IDN handling). */
DWORD ws2_ai_query_from_wide(struct ws2_ai_query *q, const WCHAR *node, const WCHAR *service);
DWORD ws2_ai_host_from_wide(const WCHAR *name, int flags, char **out);
DWORD ws2_ai_host_from_ansi(const char *name, int flags, char **out);
void ws2_ai_query_clear(struct ws2_ai_query *q);
/* Resolves q into a list of ADDRINFOA/W (ex FALSE) or ADDRINFOEXA/W. */
DWORD ws2_ai_resolve(const struct ws2_ai_query *q, BOOL ex, BOOL wide, void **result);
void ws2_ai_free_list(void *list, BOOL ex);
SSIZE_T ws2_wide_length(const WCHAR *s);

#endif
