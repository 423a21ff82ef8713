/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CNAME chains in DNS answers; see dns_answer.h.
 */
#include "dns_answer.h"

static char fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int dns_name_equal(const char *a, const char *b)
{
    while (*a && *b && fold(*a) == fold(*b)) a++, b++;
    if (*a == '.' && !a[1]) a++;
    if (*b == '.' && !b[1]) b++;
    return !*a && !*b;
}

/* The CNAME record owned by name, or NULL. */
static const struct dns_rr *find_cname(const struct dns_rr *rr, size_t count, const char *name)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (rr[i].type == 5 && rr[i].target && rr[i].name && dns_name_equal(rr[i].name, name))
            return &rr[i];
    return NULL;
}

const char *dns_follow_cnames(const struct dns_rr *rr, size_t count, const char *qname,
                              const char **aliases, size_t *alias_count)
{
    const char *name = qname;
    const struct dns_rr *cname;

    *alias_count = 0;
    while ((cname = find_cname(rr, count, name)))
    {
        /* A chain this long is either a loop or not worth following. */
        if (*alias_count == DNS_CNAME_MAX) return NULL;
        aliases[(*alias_count)++] = name;
        name = cname->target;
    }
    return name;
}
