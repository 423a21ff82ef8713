/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading a DNS answer once dnsapi has parsed it: following the CNAME chain
 * from the name asked for to the name that owns the addresses.  Plain C
 * with no Windows dependencies, so it can also be built natively (for
 * fuzzing).
 */
#ifndef WS2_DNS_ANSWER_H
#define WS2_DNS_ANSWER_H

#include <stddef.h>

#define DNS_CNAME_MAX  16   /* longer chains (or loops) are not followed */

/* One answer record, with its names already in ASCII. */
struct dns_rr
{
    const char *name;       /* owner */
    unsigned short type;    /* 1 A, 5 CNAME, 28 AAAA, 12 PTR, ... */
    const char *target;     /* CNAME and PTR: the name pointed to */
};

/* Names compare without regard to ASCII case or one trailing dot. */
int dns_name_equal(const char *a, const char *b);

/*
 * Follows CNAME records from qname.  Returns the final name (qname itself
 * when there is no CNAME), or NULL for a loop or a chain longer than
 * DNS_CNAME_MAX; aliases[0..*alias_count) receives the names passed
 * through (qname first), at most DNS_CNAME_MAX of them.
 */
const char *dns_follow_cnames(const struct dns_rr *rr, size_t count, const char *qname,
                              const char **aliases, size_t *alias_count);

#endif
