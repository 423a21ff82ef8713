/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The network database files (drivers\etc\protocol and drivers\etc\services):
 * splitting a file into lines and a line into its fields.  Plain C with no
 * Windows dependencies, so it can also be built natively (for fuzzing).
 *
 * Formats, one entry a line, fields separated by blanks or tabs, '#' starts
 * a comment that runs to the end of the line:
 *     protocol:  name number [alias ...]
 *     services:  name port/protocol [alias ...]
 *     hosts:     address name [alias ...]
 * A line that does not fit (bad number, missing field, control or non-ASCII
 * bytes, longer than NETDB_LINE_MAX, too many aliases) is skipped; it never
 * affects the lines around it.
 */
#ifndef WS2_NETDB_PARSE_H
#define WS2_NETDB_PARSE_H

#include <stddef.h>

#define NETDB_LINE_MAX     1024   /* longer lines are ignored */
#define NETDB_ALIASES_MAX  35     /* lines with more aliases are ignored */

/* A piece of the line: offset and length. */
struct netdb_token
{
    size_t start, len;
};

struct netdb_line
{
    struct netdb_token name;
    struct netdb_token proto;       /* services only: the text after '/' */
    struct netdb_token addr;        /* hosts only: the address text, unchecked */
    unsigned int number;            /* protocol number, or port (host order); 0 for hosts */
    size_t alias_count;
    struct netdb_token aliases[NETDB_ALIASES_MAX];
};

enum netdb_kind
{
    NETDB_PROTOCOL,     /* number 0-255 */
    NETDB_SERVICES,     /* port/proto, port 0-65535 */
    NETDB_HOSTS,        /* address first, then the name */
};

/* Finds the next line of buf[0..size) at or after *pos.  Returns 0 at the
 * end; else 1 with *start and *len set to the line without its line break
 * ("\n", "\r\n" or a last line without one) and *pos moved past it. */
int netdb_next_line(const char *buf, size_t size, size_t *pos, size_t *start, size_t *len);

/* Parses one line (without its line break).  Returns 1 and fills *out for
 * an entry, 0 for a blank, comment or malformed line. */
int netdb_parse_line(enum netdb_kind kind, const char *line, size_t len, struct netdb_line *out);

/* ASCII case-insensitive comparison of a token with a NUL-terminated string. */
int netdb_token_equal(const char *line, const struct netdb_token *token, const char *s);

#endif
