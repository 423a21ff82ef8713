/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for the network database parser
 * (dlls/ws2_32/netdb_parse.c).  Built natively with clang, see fuzz/run.
 *
 * The input is a whole file.  It is split with netdb_next_line and every
 * line is parsed as each kind of file (protocol, services, hosts).
 * Invariants that must hold are checked and a broken one calls abort():
 *   - lines follow each other: each starts where the previous one's line
 *     break ended, holds no '\n', ends at a "\n", "\r\n" or the end of the
 *     input (a last '\r' there is dropped too), and the walk ends exactly
 *     at the end;
 *   - a parsed entry agrees field by field with a small independent model
 *     of the documented format (netdb_parse.h), and a line is accepted
 *     exactly when the model accepts it;
 *   - every token lies inside the line, before any '#', is not empty and
 *     holds only printable ASCII other than blanks; tokens are in order and
 *     do not overlap; numbers are in range (protocol 0-255, port 0-65535,
 *     0 for hosts) and equal the decimal text;
 *   - the result does not depend on what the output structure held before;
 *   - netdb_token_equal matches a token with its own text in any ASCII
 *     case and rejects a longer or shorter string.
 * Each line is parsed from an exact-size heap copy, so a read past its
 * length is caught by AddressSanitizer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netdb_parse.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static const enum netdb_kind kinds[] = { NETDB_PROTOCOL, NETDB_SERVICES, NETDB_HOSTS };

/* ---- The model: the format as netdb_parse.h documents it ---- */

struct model
{
    size_t count;
    struct netdb_token tokens[NETDB_ALIASES_MAX + 2];
};

static int model_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int model_field(unsigned char c)
{
    return c >= 0x21 && c <= 0x7e && c != '#';
}

/* Fields up to the comment; 0 when the line is to be skipped. */
static int model_split(const char *line, size_t len, struct model *m)
{
    size_t i = 0;

    m->count = 0;
    if (len > NETDB_LINE_MAX) return 0;
    while (i < len && line[i] != '#')
    {
        if (model_blank((unsigned char)line[i])) { i++; continue; }
        if (!model_field((unsigned char)line[i])) return 0;
        if (m->count == NETDB_ALIASES_MAX + 2) return 0;
        m->tokens[m->count].start = i;
        while (i < len && model_field((unsigned char)line[i])) i++;
        m->tokens[m->count].len = i - m->tokens[m->count].start;
        m->count++;
    }
    for (; i < len; i++) if (!line[i]) return 0;
    return m->count >= 2;
}

/* All digits, value <= max. */
static int model_number(const char *s, size_t len, unsigned long max, unsigned long *value)
{
    size_t i;

    *value = 0;
    if (!len) return 0;
    for (i = 0; i < len; i++)
    {
        if (s[i] < '0' || s[i] > '9') return 0;
        *value = *value * 10 + (unsigned long)(s[i] - '0');
        if (*value > max) return 0;
    }
    return 1;
}

static int same_token(const struct netdb_token *a, const struct netdb_token *b)
{
    return a->start == b->start && a->len == b->len;
}

/* ---- Checks on the parser's output ---- */

/* comment: where the line's first '#' is (len if none). */
static void check_token(const char *line, size_t len, size_t comment, const struct netdb_token *t)
{
    size_t i;

    CHECK(t->len > 0);
    CHECK(t->start < len && t->len <= len - t->start);
    CHECK(t->start + t->len <= comment);
    for (i = 0; i < t->len; i++) CHECK(model_field((unsigned char)line[t->start + i]));
}

static char ascii_flip(char c)
{
    if (c >= 'a' && c <= 'z') return (char)(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z') return (char)(c - 'A' + 'a');
    return c;
}

static void check_token_equal(const char *line, const struct netdb_token *t)
{
    static char text[NETDB_LINE_MAX + 2];
    size_t i;

    CHECK(t->len <= NETDB_LINE_MAX);
    memcpy(text, line + t->start, t->len);
    text[t->len] = 0;
    CHECK(netdb_token_equal(line, t, text));
    for (i = 0; i < t->len; i++) text[i] = ascii_flip(text[i]);
    CHECK(netdb_token_equal(line, t, text));
    text[t->len] = 'x';
    text[t->len + 1] = 0;
    CHECK(!netdb_token_equal(line, t, text));
    text[t->len - 1] = 0;
    CHECK(!netdb_token_equal(line, t, text));
}

static void check_entry(enum netdb_kind kind, const char *line, size_t len,
                        const struct netdb_line *out, const struct model *m)
{
    const struct netdb_token *second = &m->tokens[1];
    const char *hash = memchr(line, '#', len);
    size_t comment = hash ? (size_t)(hash - line) : len;
    unsigned long value;
    size_t k;

    CHECK(len <= NETDB_LINE_MAX);
    CHECK(out->alias_count <= NETDB_ALIASES_MAX);
    CHECK(out->alias_count + 2 == m->count);
    for (k = 0; k < out->alias_count; k++)
    {
        check_token(line, len, comment, &out->aliases[k]);
        CHECK(same_token(&out->aliases[k], &m->tokens[k + 2]));
        check_token_equal(line, &out->aliases[k]);
    }
    /* In order, apart: a separator between any two tokens. */
    for (k = 1; k < m->count; k++)
        CHECK(m->tokens[k].start > m->tokens[k - 1].start + m->tokens[k - 1].len);

    check_token(line, len, comment, &out->name);
    check_token_equal(line, &out->name);
    switch (kind)
    {
    case NETDB_PROTOCOL:
        CHECK(same_token(&out->name, &m->tokens[0]));
        CHECK(model_number(line + second->start, second->len, 255, &value));
        CHECK(out->number == value && out->number <= 255);
        CHECK(out->proto.len == 0 && out->addr.len == 0);
        break;
    case NETDB_SERVICES:
    {
        size_t slash = 0;

        CHECK(same_token(&out->name, &m->tokens[0]));
        while (slash < second->len && line[second->start + slash] != '/') slash++;
        CHECK(slash > 0 && slash + 1 < second->len);
        CHECK(model_number(line + second->start, slash, 65535, &value));
        CHECK(out->number == value && out->number <= 65535);
        check_token(line, len, comment, &out->proto);
        CHECK(out->proto.start == second->start + slash + 1);
        CHECK(out->proto.start + out->proto.len == second->start + second->len);
        CHECK(!memchr(line + out->proto.start, '/', out->proto.len));
        check_token_equal(line, &out->proto);
        CHECK(out->addr.len == 0);
        break;
    }
    case NETDB_HOSTS:
        check_token(line, len, comment, &out->addr);
        CHECK(same_token(&out->addr, &m->tokens[0]));
        CHECK(same_token(&out->name, &m->tokens[1]));
        check_token_equal(line, &out->addr);
        CHECK(out->number == 0 && out->proto.len == 0);
        break;
    }
}

/* Whether the model accepts the line as this kind of entry. */
static int model_accepts(enum netdb_kind kind, const char *line, const struct model *m)
{
    const struct netdb_token *second = &m->tokens[1];
    unsigned long value;
    size_t slash = 0;

    switch (kind)
    {
    case NETDB_PROTOCOL:
        return model_number(line + second->start, second->len, 255, &value);
    case NETDB_SERVICES:
        while (slash < second->len && line[second->start + slash] != '/') slash++;
        if (slash == second->len || !model_number(line + second->start, slash, 65535, &value)) return 0;
        return slash + 1 < second->len &&
               !memchr(line + second->start + slash + 1, '/', second->len - slash - 1);
    case NETDB_HOSTS:
        return 1;
    }
    return 0;
}

static void parse_line(const char *line, size_t len)
{
    struct netdb_line a, b;
    struct model m;
    int split, ret, ret2;
    size_t i;

    split = model_split(line, len, &m);
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
    {
        memset(&a, 0x00, sizeof(a));
        memset(&b, 0xff, sizeof(b));
        ret = netdb_parse_line(kinds[i], line, len, &a);
        ret2 = netdb_parse_line(kinds[i], line, len, &b);
        CHECK(ret == 0 || ret == 1);
        CHECK(ret == ret2);
        CHECK(ret == (split && model_accepts(kinds[i], line, &m)));
        if (!ret) continue;
        /* Fully determined: the same whatever the structure held. */
        CHECK(same_token(&a.name, &b.name) && same_token(&a.proto, &b.proto));
        CHECK(same_token(&a.addr, &b.addr) && a.number == b.number);
        CHECK(a.alias_count == b.alias_count);
        CHECK(!memcmp(a.aliases, b.aliases, a.alias_count * sizeof(a.aliases[0])));
        check_entry(kinds[i], line, len, &a, &m);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t pos = 0, start, len, lines = 0, prev;
    char *buf, *line;

    /* An exact-size heap copy with no terminator: the parser takes lengths. */
    if (!(buf = malloc(size ? size : 1))) return 0;
    memcpy(buf, data, size);

    for (;;)
    {
        prev = pos;
        if (!netdb_next_line(buf, size, &pos, &start, &len))
        {
            CHECK(prev >= size && pos == prev);
            break;
        }
        CHECK(start == prev);
        CHECK(len <= size - start);
        CHECK(!memchr(buf + start, '\n', len));
        CHECK(pos > prev && pos <= size);
        if (start + len < size)
        {
            /* The break: "\n" or "\r\n" (or a lone '\r' ending the
             * input), and nothing else is skipped. */
            if (buf[start + len] == '\r' && start + len + 1 == size)
            {
                CHECK(pos == size);
            }
            else if (buf[start + len] == '\r')
            {
                CHECK(buf[start + len + 1] == '\n');
                CHECK(pos == start + len + 2);
            }
            else
            {
                CHECK(buf[start + len] == '\n');
                CHECK(pos == start + len + 1);
            }
        }
        else
        {
            CHECK(pos == size);
        }
        CHECK(++lines <= size);

        if ((line = malloc(len ? len : 1)))
        {
            memcpy(line, buf + start, len);
            parse_line(line, len);
            free(line);
        }
    }
    free(buf);
    return 0;
}
