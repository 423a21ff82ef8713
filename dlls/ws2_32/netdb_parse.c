/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Line parser for the network database files; see netdb_parse.h.
 */
#include "netdb_parse.h"

int netdb_next_line(const char *buf, size_t size, size_t *pos, size_t *start, size_t *len)
{
    size_t p = *pos, end;

    if (p >= size) return 0;
    end = p;
    while (end < size && buf[end] != '\n') end++;
    *start = p;
    *len = end - p;
    if (*len && buf[end - 1] == '\r') (*len)--;
    *pos = end < size ? end + 1 : end;
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Printable ASCII other than the blank: what a field may contain. */
static int is_field_char(char c)
{
    unsigned char u = (unsigned char)c;
    return u > 0x20 && u < 0x7f;
}

/* Decimal digits only, no sign, value <= max. */
static int parse_number(const char *s, size_t len, unsigned int max, unsigned int *out)
{
    unsigned int value = 0;
    size_t i;

    if (!len) return 0;
    for (i = 0; i < len; i++)
    {
        if (s[i] < '0' || s[i] > '9') return 0;
        value = value * 10 + (unsigned int)(s[i] - '0');
        if (value > max) return 0;
    }
    *out = value;
    return 1;
}

int netdb_parse_line(enum netdb_kind kind, const char *line, size_t len, struct netdb_line *out)
{
    struct netdb_token tokens[NETDB_ALIASES_MAX + 2];
    size_t count = 0, i = 0, k;

    if (len > NETDB_LINE_MAX) return 0;

    /* Split into fields up to the comment; any odd byte rejects the line. */
    while (i < len && line[i] != '#')
    {
        if (is_blank(line[i]) || line[i] == '\r') { i++; continue; }
        if (!is_field_char(line[i])) return 0;
        if (count == sizeof(tokens) / sizeof(tokens[0])) return 0;
        tokens[count].start = i;
        while (i < len && is_field_char(line[i]) && line[i] != '#') i++;
        tokens[count].len = i - tokens[count].start;
        count++;
        if (i < len && !is_blank(line[i]) && line[i] != '#' && line[i] != '\r') return 0;
    }
    /* The comment may hold anything but a NUL. */
    for (; i < len; i++) if (!line[i]) return 0;

    if (count < 2) return 0;
    out->name = tokens[0];
    out->addr.start = out->addr.len = 0;
    out->number = 0;
    if (kind == NETDB_HOSTS)
    {
        out->addr = tokens[0];
        out->name = tokens[1];
        out->proto.start = out->proto.len = 0;
    }
    else if (kind == NETDB_PROTOCOL)
    {
        if (!parse_number(line + tokens[1].start, tokens[1].len, 255, &out->number)) return 0;
        out->proto.start = out->proto.len = 0;
    }
    else
    {
        const char *field = line + tokens[1].start;
        size_t slash = 0;

        while (slash < tokens[1].len && field[slash] != '/') slash++;
        if (slash == tokens[1].len || slash + 1 == tokens[1].len) return 0;
        if (!parse_number(field, slash, 65535, &out->number)) return 0;
        out->proto.start = tokens[1].start + slash + 1;
        out->proto.len = tokens[1].len - slash - 1;
        for (k = 0; k < out->proto.len; k++)
            if (line[out->proto.start + k] == '/') return 0;
    }
    out->alias_count = count - 2;
    for (k = 2; k < count; k++) out->aliases[k - 2] = tokens[k];
    return 1;
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int netdb_token_equal(const char *line, const struct netdb_token *token, const char *s)
{
    size_t i;

    for (i = 0; i < token->len; i++)
        if (!s[i] || lower(line[token->start + i]) != lower(s[i])) return 0;
    return !s[token->len];
}
