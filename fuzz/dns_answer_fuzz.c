/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for dns_answer.c: CNAME chains from arbitrary answers.
 *
 * The input is split at newlines into a pool of names; each following
 * pair of bytes of the last line picks (type, owner, target) for one
 * record.  Invariants: the chain ends at a name that owns no CNAME, never
 * passes more than DNS_CNAME_MAX names, starts with the name asked for,
 * and name comparison is symmetric.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dns_answer.h"

#define MAX_NAMES   32
#define MAX_RECORDS 64

static int owns_cname(const struct dns_rr *rr, size_t count, const char *name)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (rr[i].type == 5 && rr[i].target && dns_name_equal(rr[i].name, name)) return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned short types[] = { 1, 5, 12, 28 };
    char *copy = malloc(size + 1), *names[MAX_NAMES], *p, *recipe;
    struct dns_rr rr[MAX_RECORDS];
    const char *aliases[DNS_CNAME_MAX], *end;
    size_t name_count = 0, count = 0, alias_count, i;

    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = 0;
    for (p = copy; name_count < MAX_NAMES; )
    {
        names[name_count++] = p;
        if (!(p = strchr(p, '\n'))) break;
        *p++ = 0;
    }
    if (name_count < 2) goto done;
    recipe = names[--name_count];
    for (i = 0; recipe[i] && recipe[i + 1] && count < MAX_RECORDS; i += 2)
    {
        unsigned char a = (unsigned char)recipe[i], b = (unsigned char)recipe[i + 1];

        rr[count].type = types[a & 3];
        rr[count].name = names[(a >> 2) % name_count];
        rr[count].target = (rr[count].type == 5 || rr[count].type == 12) ? names[b % name_count] : NULL;
        count++;
    }

    end = dns_follow_cnames(rr, count, names[0], aliases, &alias_count);
    if (alias_count > DNS_CNAME_MAX) abort();
    if (end)
    {
        if (owns_cname(rr, count, end)) abort();
        if (alias_count && aliases[0] != names[0]) abort();
        if (!alias_count && end != names[0]) abort();
    }
    for (i = 0; i + 1 < name_count; i++)
        if (dns_name_equal(names[i], names[i + 1]) != dns_name_equal(names[i + 1], names[i])) abort();
done:
    free(copy);
    return 0;
}
