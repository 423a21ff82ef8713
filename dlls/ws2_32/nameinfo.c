/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * getnameinfo and GetNameInfoW: an address and port back to host and
 * service names.
 */
#include "resolve.h"
#include "addrtext.h"

#define NI_KNOWN_FLAGS (NI_NOFQDN | NI_NUMERICHOST | NI_NAMEREQD | NI_NUMERICSERV | NI_DGRAM)

/* What both forms produce, in ASCII, before copying out. */
struct name_answer
{
    char host[NI_MAXHOST];
    char serv[NI_MAXSERV];
};

/* Checks the socket address; 0 with *addr and *port filled, or the error. */
static DWORD read_sockaddr(const SOCKADDR *sa, socklen_t len, struct ws2_addr *addr, USHORT *port)
{
    if (!sa || len < (socklen_t)sizeof(sa->sa_family) || !ws2_readable(sa, sizeof(sa->sa_family)))
        return WSAEFAULT;
    memset(addr, 0, sizeof(*addr));
    if (sa->sa_family == AF_INET)
    {
        const SOCKADDR_IN *sin = (const SOCKADDR_IN *)sa;

        if (len < (socklen_t)sizeof(*sin) || !ws2_readable(sa, sizeof(*sin))) return WSAEFAULT;
        addr->family = AF_INET;
        memcpy(addr->bytes, &sin->sin_addr, 4);
        *port = ntohs(sin->sin_port);
        return 0;
    }
    if (sa->sa_family == AF_INET6)
    {
        const SOCKADDR_IN6 *sin6 = (const SOCKADDR_IN6 *)sa;

        if (len < (socklen_t)sizeof(*sin6) || !ws2_readable(sa, sizeof(*sin6))) return WSAEFAULT;
        addr->family = AF_INET6;
        memcpy(addr->bytes, &sin6->sin6_addr, 16);
        addr->scope_id = sin6->sin6_scope_id;
        *port = ntohs(sin6->sin6_port);
        return 0;
    }
    return WSAEAFNOSUPPORT;
}

static void numeric_host(const struct ws2_addr *addr, char *out)
{
    if (addr->family == AF_INET) ws2_format_ipv4(addr->bytes, 0, out);
    else ws2_format_ipv6(addr->bytes, addr->scope_id, 0, out);
}

static char fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* The length of name's first label if that label is this machine's name,
 * else len. */
static size_t short_local_name(const char *name, size_t len)
{
    char own[256];
    size_t i;

    ws2_local_host_name(own, sizeof(own));
    for (i = 0; i < len && name[i] != '.'; i++)
        if (fold(name[i]) != fold(own[i])) return len;
    return own[i] ? len : i;
}

/* The host part: a name, or the numeric form when asked for or when no
 * name is known (unless NI_NAMEREQD). */
static DWORD host_text(const struct ws2_addr *addr, int flags, char *out)
{
    struct ws2_hostinfo *info;
    size_t len;
    DWORD err;

    if (flags & NI_NUMERICHOST)
    {
        numeric_host(addr, out);
        return 0;
    }
    err = ws2_resolve_address(addr, 0, &info);
    if (err)
    {
        if (flags & NI_NAMEREQD) return err == WSANO_DATA ? WSAHOST_NOT_FOUND : err;
        numeric_host(addr, out);
        return 0;
    }
    len = strlen(info->name);
    /* NI_NOFQDN: a local host's name is its first label only. */
    if (flags & NI_NOFQDN) len = short_local_name(info->name, len);
    if (len >= NI_MAXHOST) len = NI_MAXHOST - 1;
    memcpy(out, info->name, len);
    out[len] = 0;
    ws2_hostinfo_free(info);
    return 0;
}

static void service_text(USHORT port, int flags, char *out)
{
    char digits[8];
    int n = 0;

    if (!(flags & NI_NUMERICSERV) && ws2_service_name(port, (flags & NI_DGRAM) ? "udp" : "tcp", out, NI_MAXSERV))
        return;
    do digits[n++] = (char)('0' + port % 10); while (port /= 10);
    while (n) *out++ = digits[--n];
    *out = 0;
}

/* The common part of both forms, up to the text in ASCII. */
static DWORD lookup(const SOCKADDR *sa, socklen_t len, BOOL want_host, DWORD host_len, BOOL want_serv,
                    DWORD serv_len, int flags, struct name_answer *answer)
{
    struct ws2_addr addr;
    USHORT port;
    DWORD err;

    if ((err = read_sockaddr(sa, len, &addr, &port))) return err;
    if (!want_host && !want_serv) return WSAHOST_NOT_FOUND;
    if ((want_host && !host_len) || (want_serv && !serv_len)) return WSAEINVAL;
    if (flags & ~NI_KNOWN_FLAGS) return WSAEINVAL;
    if (want_host && (err = host_text(&addr, flags, answer->host))) return err;
    if (want_serv) service_text(port, flags, answer->serv);
    return 0;
}

static int finish(DWORD err)
{
    SetLastError(err);
    return err;
}

int WINAPI getnameinfo(const SOCKADDR *sa, socklen_t len, char *host, DWORD host_len, char *serv,
                       DWORD serv_len, int flags)
{
    struct name_answer answer;
    DWORD err;

    TRACE("%p %d %p %lu %p %lu %#x\n", sa, len, host, host_len, serv, serv_len, flags);
    if ((err = ws2_enter_check())) return finish(err);
    if ((err = lookup(sa, len, !!host, host_len, !!serv, serv_len, flags, &answer))) return finish(err);
    /* A result that does not fit is the caller's buffer fault. */
    if (host && (strlen(answer.host) >= host_len || !ws2_writable(host, strlen(answer.host) + 1)))
        return finish(WSAEFAULT);
    if (serv && (strlen(answer.serv) >= serv_len || !ws2_writable(serv, strlen(answer.serv) + 1)))
        return finish(WSAEFAULT);
    if (host) memcpy(host, answer.host, strlen(answer.host) + 1);
    if (serv) memcpy(serv, answer.serv, strlen(answer.serv) + 1);
    return finish(0);
}

static void ascii_to_wide(const char *s, WCHAR *out)
{
    while ((*out++ = (unsigned char)*s++))
        ;
}

int WINAPI GetNameInfoW(const SOCKADDR *sa, socklen_t len, WCHAR *host, DWORD host_len, WCHAR *serv,
                        DWORD serv_len, int flags)
{
    struct name_answer answer;
    SIZE_T host_chars, serv_chars;
    DWORD err;

    TRACE("%p %d %p %lu %p %lu %#x\n", sa, len, host, host_len, serv, serv_len, flags);
    if ((err = ws2_enter_check())) return finish(err);
    if ((err = lookup(sa, len, !!host, host_len, !!serv, serv_len, flags, &answer))) return finish(err);
    host_chars = strlen(answer.host) + 1;
    serv_chars = strlen(answer.serv) + 1;
    if (host && (host_chars > host_len || !ws2_writable(host, host_chars * sizeof(WCHAR))))
        return finish(WSAEFAULT);
    if (serv && (serv_chars > serv_len || !ws2_writable(serv, serv_chars * sizeof(WCHAR))))
        return finish(WSAEFAULT);
    if (host) ascii_to_wide(answer.host, host);
    if (serv) ascii_to_wide(answer.serv, serv);
    return finish(0);
}
