/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The BSD-style helpers mswsock exports, each as its Unix manual page
 * describes it, with WinSock's error reporting (WSASetLastError).
 */
#include "mswsock_private.h"

/* ---- dn_expand: RFC 1035 section 4.1.4 name decompression ------------- */

/* A label byte as it appears in the presentation form: the two characters
 * with a meaning there ('.' and '\\') are escaped, and so is anything that
 * is not printable ASCII, as \DDD. */
static int put_label_byte(char *out, int pos, int size, unsigned char c)
{
    int need = (c == '.' || c == '\\') ? 2 : (c <= 0x20 || c >= 0x7f) ? 4 : 1;

    if (pos + need >= size) return -1;
    if (need == 1)
        out[pos] = c;
    else if (need == 2)
    {
        out[pos] = '\\';
        out[pos + 1] = c;
    }
    else
    {
        out[pos] = '\\';
        out[pos + 1] = '0' + c / 100;
        out[pos + 2] = '0' + c / 10 % 10;
        out[pos + 3] = '0' + c % 10;
    }
    return pos + need;
}

/*
 * Expands the possibly compressed name at src, inside the message
 * [msg, eom), into dst (size bytes, dotted, zero-terminated).  Returns the
 * number of bytes the name occupies at src (a compression pointer counts
 * as its two bytes), or -1 if the name is malformed, runs past eom, loops,
 * or does not fit.
 */
int WINAPI dn_expand(const unsigned char *msg, const unsigned char *eom,
                     const unsigned char *src, char *dst, int size)
{
    const unsigned char *p = src;
    int consumed = -1, pos = 0, hops = 0, i;
    LONG_PTR msg_len;

    if (!msg || !eom || !src || !dst || size <= 0 || eom <= msg || src < msg || src >= eom)
    {
        WSASetLastError(WSAEINVAL);
        return -1;
    }
    msg_len = eom - msg;
    for (;;)
    {
        unsigned char len;

        if (p >= eom) goto bad;
        len = *p;
        if ((len & 0xc0) == 0xc0)
        {
            /* A pointer: two bytes, 14 bits of offset from msg.  Each hop
             * must make progress through a finite message, so more hops
             * than the message has bytes means a loop. */
            if (p + 1 >= eom) goto bad;
            if (consumed < 0) consumed = p + 2 - src;
            p = msg + (((len & 0x3f) << 8) | p[1]);
            if (p >= eom || ++hops > msg_len) goto bad;
            continue;
        }
        if (len & 0xc0) goto bad;      /* 0x40 and 0x80: reserved label types */
        if (!len) break;
        if (p + 1 + len > eom) goto bad;
        if (pos)
        {
            if (pos + 1 >= size) goto bad;
            dst[pos++] = '.';
        }
        for (i = 1; i <= len; i++)
            if ((pos = put_label_byte(dst, pos, size, p[i])) < 0) goto bad;
        p += 1 + len;
    }
    if (consumed < 0) consumed = p + 1 - src;
    dst[pos] = 0;
    return consumed;

bad:
    WSASetLastError(WSAEMSGSIZE);
    return -1;
}

/* ---- inet_network ------------------------------------------------------ */

/* One part of a dotted number: decimal, 0-prefixed octal or 0x-prefixed
 * hexadecimal, as inet_network(3) reads it.  Returns the character after
 * it, or NULL if there is no valid number. */
static const char *network_part(const char *s, ULONG *value)
{
    ULONG base = 10, v = 0, digit;
    BOOL any = FALSE;

    if (*s == '0')
    {
        base = 8;
        any = TRUE;             /* a lone "0" is zero */
        s++;
        if (*s == 'x' || *s == 'X')
        {
            base = 16;
            any = FALSE;
            s++;
        }
    }
    for (;; s++)
    {
        if (*s >= '0' && *s <= '9') digit = *s - '0';
        else if (base == 16 && *s >= 'a' && *s <= 'f') digit = *s - 'a' + 10;
        else if (base == 16 && *s >= 'A' && *s <= 'F') digit = *s - 'A' + 10;
        else break;
        if (digit >= base) return NULL;
        v = v * base + digit;
        if (v > 0xff) return NULL;
        any = TRUE;
    }
    if (!any) return NULL;
    *value = v;
    return s;
}

/* inet_network(3): "a", "a.b", "a.b.c" or "a.b.c.d", each part a byte,
 * as a network number in host byte order with the parts right-aligned
 * ("10.3" is 0x0a03); INADDR_NONE if the text is not such a number. */
ULONG WINAPI inet_network(const char *cp)
{
    ULONG result = 0, part;
    int parts = 0;
    SSIZE_T len = msw_strlen(cp);

    if (len < 0)
    {
        WSASetLastError(WSAEFAULT);
        return INADDR_NONE;
    }
    while (*cp == ' ' || *cp == '\t') cp++;
    for (;;)
    {
        if (!(cp = network_part(cp, &part))) return INADDR_NONE;
        if (++parts > 4) return INADDR_NONE;
        result = (result << 8) | part;
        if (*cp != '.') break;
        cp++;
    }
    while (*cp == ' ' || *cp == '\t' || *cp == '\n') cp++;
    return *cp ? INADDR_NONE : result;
}

/* ---- getnetbyname: the networks file ---------------------------------- */

#define NET_MAX_ALIASES 15

/* One thread's result, as the BSD interface returns a pointer to storage
 * that stays valid until the thread's next call. */
struct net_result
{
    struct netent ent;
    char *aliases[NET_MAX_ALIASES + 1];
    char line[512];
};

void msw_thread_detach(void)
{
    if (msw_tls_slot == TLS_OUT_OF_INDEXES) return;
    msw_free(TlsGetValue(msw_tls_slot));
    TlsSetValue(msw_tls_slot, NULL);
}

static struct net_result *thread_result(void)
{
    struct net_result *r = TlsGetValue(msw_tls_slot);

    if (!r && (r = msw_alloc(sizeof(*r)))) TlsSetValue(msw_tls_slot, r);
    return r;
}

/* The whole file %SystemRoot%\system32\drivers\etc\networks, or NULL. */
static char *read_networks_file(void)
{
    char path[MAX_PATH];
    HANDLE file;
    DWORD size, got = 0;
    char *text = NULL;
    UINT n = GetSystemDirectoryA(path, MAX_PATH);

    if (!n || n + 24 >= MAX_PATH) return NULL;
    lstrcatA(path, "\\drivers\\etc\\networks");
    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return NULL;
    size = GetFileSize(file, NULL);
    if (size != INVALID_FILE_SIZE && size < (1u << 20) && (text = msw_alloc(size + 1)))
    {
        if (!ReadFile(file, text, size, &got, NULL)) got = 0;
        text[got] = 0;
    }
    CloseHandle(file);
    return text;
}

static BOOL is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Splits line (already copied into r->line) into words; fills r->ent if
 * it names "name" as its first word or an alias.  Returns TRUE on a match. */
static BOOL match_network_line(struct net_result *r, const char *name)
{
    char *words[NET_MAX_ALIASES + 2], *p = r->line;
    int count = 0, i;
    BOOL hit = FALSE;

    if ((p = strchr(r->line, '#'))) *p = 0;
    p = r->line;
    while (*p && count < NET_MAX_ALIASES + 2)
    {
        while (is_blank(*p)) p++;
        if (!*p) break;
        words[count++] = p;
        while (*p && !is_blank(*p)) p++;
        if (*p) *p++ = 0;
    }
    if (count < 2) return FALSE;
    for (i = 0; i < count && !hit; i++)
        if (i != 1 && !lstrcmpiA(words[i], name)) hit = TRUE;
    if (!hit) return FALSE;

    r->ent.n_name = words[0];
    r->ent.n_addrtype = AF_INET;
    r->ent.n_net = inet_network(words[1]);
    for (i = 2; i < count; i++) r->aliases[i - 2] = words[i];
    r->aliases[count - 2] = NULL;
    r->ent.n_aliases = r->aliases;
    return r->ent.n_net != INADDR_NONE;
}

/* getnetbyname(3) over the networks file of the system directory; NULL
 * with WSAHOST_NOT_FOUND (BSD's HOST_NOT_FOUND, which is WinSock's h_errno)
 * when no entry names the network or there is no file. */
struct netent * WINAPI getnetbyname(const char *name)
{
    struct net_result *r;
    char *text, *line, *next;
    struct netent *found = NULL;

    if (msw_strlen(name) < 0)
    {
        WSASetLastError(WSAEFAULT);
        return NULL;
    }
    if (!(r = thread_result()))
    {
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (!(text = read_networks_file()))
    {
        WSASetLastError(WSAHOST_NOT_FOUND);
        return NULL;
    }
    for (line = text; line && *line && !found; line = next)
    {
        SIZE_T len;

        if ((next = strchr(line, '\n'))) *next++ = 0;
        len = strlen(line);
        if (len >= sizeof(r->line)) continue;
        memcpy(r->line, line, len + 1);
        if (match_network_line(r, name)) found = &r->ent;
    }
    msw_free(text);
    if (!found) WSASetLastError(WSAHOST_NOT_FOUND);
    return found;
}

/* ---- remote shell helpers ---------------------------------------------- */

/* rresvport(3): a TCP socket bound to a reserved port (512..1023), trying
 * from *port downwards; *port receives the port it got.  Under Wine the
 * host decides whether an unprivileged process may bind these ports; when
 * none can be bound the error of the last attempt is returned. */
SOCKET WINAPI rresvport(int *port)
{
    struct sockaddr_in sin;
    SOCKET s;
    int p;

    if (!msw_writable(port, sizeof(*port)))
    {
        WSASetLastError(WSAEFAULT);
        return INVALID_SOCKET;
    }
    if ((s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET) return INVALID_SOCKET;
    p = (*port >= 512 && *port < 1024) ? *port : 1023;
    for (; p >= 512; p--)
    {
        memset(&sin, 0, sizeof(sin));
        sin.sin_family = AF_INET;
        sin.sin_port = htons(p);
        if (!bind(s, (struct sockaddr *)&sin, sizeof(sin)))
        {
            *port = p;
            return s;
        }
        if (WSAGetLastError() != WSAEADDRINUSE) break;
    }
    p = WSAGetLastError();
    closesocket(s);
    WSASetLastError(p == WSAEADDRINUSE ? WSAEADDRNOTAVAIL : p);
    return INVALID_SOCKET;
}

/* Writes the zero-terminated s on the socket; FALSE on failure. */
static BOOL send_string(SOCKET s, const char *str)
{
    int len = strlen(str) + 1, sent;

    while (len > 0)
    {
        if ((sent = send(s, str, len, 0)) <= 0) return FALSE;
        str += sent;
        len -= sent;
    }
    return TRUE;
}

/* Binds s to a free reserved port (1023 down to 512), as rresvport. */
static BOOL bind_reserved(SOCKET s, int family)
{
    SOCKADDR_STORAGE addr;
    int port, len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);

    for (port = 1023; port >= 512; port--)
    {
        memset(&addr, 0, sizeof(addr));
        addr.ss_family = family;
        /* the port sits at the same offset in both address layouts */
        ((struct sockaddr_in *)&addr)->sin_port = htons(port);
        if (!bind(s, (struct sockaddr *)&addr, len)) return TRUE;
        if (WSAGetLastError() != WSAEADDRINUSE) return FALSE;
    }
    WSASetLastError(WSAEADDRNOTAVAIL);
    return FALSE;
}

/*
 * The exchange rexec(3) and rcmd(3) share: connect to host:port (network
 * byte order), from a reserved port for rcmd; send the port of a separate
 * error channel (we ask for none: "0") and three zero-terminated strings;
 * the server answers one byte, 0 when the command runs on this connection,
 * else 1 and a message (a refusal: WSAECONNREFUSED).
 */
static SOCKET remote_command(const char *host, USHORT port, BOOL reserved, const char *first,
                             const char *second, const char *cmd)
{
    struct addrinfo hints, *res = NULL, *ai;
    SOCKET s = INVALID_SOCKET;
    char port_text[12], answer;
    int err;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    msw_utoa(ntohs(port), port_text);
    if ((err = getaddrinfo(host, port_text, &hints, &res)))
    {
        WSASetLastError(err);
        return INVALID_SOCKET;
    }
    for (ai = res; ai; ai = ai->ai_next)
    {
        if ((s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol)) == INVALID_SOCKET) continue;
        if ((!reserved || bind_reserved(s, ai->ai_family)) && !connect(s, ai->ai_addr, ai->ai_addrlen)) break;
        err = WSAGetLastError();
        closesocket(s);
        s = INVALID_SOCKET;
        WSASetLastError(err);
    }
    freeaddrinfo(res);
    if (s == INVALID_SOCKET) return INVALID_SOCKET;

    if (!send_string(s, "0") || !send_string(s, first) || !send_string(s, second) ||
        !send_string(s, cmd) || recv(s, &answer, 1, 0) != 1)
        goto failed;
    if (answer)
    {
        WSASetLastError(WSAECONNREFUSED);
        goto failed;
    }
    return s;

failed:
    err = WSAGetLastError();
    closesocket(s);
    WSASetLastError(err ? err : WSAECONNABORTED);
    return INVALID_SOCKET;
}

/* Checks rexec/rcmd's strings; FALSE with WSAEFAULT or WSAEOPNOTSUPP. */
static BOOL remote_args_ok(char **ahost, const char *a, const char *b, const char *cmd, int *fd2p)
{
    if (!msw_readable(ahost, sizeof(*ahost)) || msw_strlen(*ahost) < 0 || msw_strlen(a) < 0 ||
        msw_strlen(b) < 0 || msw_strlen(cmd) < 0)
    {
        WSASetLastError(WSAEFAULT);
        return FALSE;
    }
    /* a separate error channel (a second connection back to us) is not
     * offered: stderr comes on the main connection */
    if (fd2p)
    {
        WSASetLastError(WSAEOPNOTSUPP);
        return FALSE;
    }
    return TRUE;
}

/* rexec(3): user and password authenticate; *ahost is left as given. */
SOCKET WINAPI rexec(char **ahost, int rport, char *user, char *passwd, char *cmd, int *fd2p)
{
    if (!remote_args_ok(ahost, user, passwd, cmd, fd2p)) return INVALID_SOCKET;
    return remote_command(*ahost, (USHORT)rport, FALSE, user, passwd, cmd);
}

/* rcmd(3): the local and remote user names, from a reserved port, which
 * is the server's proof of the client's identity.  Whether this process
 * may bind one is the host's decision under Wine (usually only root):
 * otherwise the bind error (WSAEACCES) is the result. */
SOCKET WINAPI rcmd(char **ahost, USHORT inport, char *locuser, char *remuser, char *cmd, int *fd2p)
{
    if (!remote_args_ok(ahost, locuser, remuser, cmd, fd2p)) return INVALID_SOCKET;
    return remote_command(*ahost, inport, TRUE, locuser, remuser, cmd);
}

/* s_perror: perror(3) for WinSock errors: "str: message" on stderr. */
void WINAPI s_perror(const char *str, int err)
{
    char text[256], line[400];
    HANDLE out = GetStdHandle(STD_ERROR_HANDLE);
    DWORD written, n;

    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, err, 0,
                       text, sizeof(text), NULL);
    while (n && (text[n - 1] == '\n' || text[n - 1] == '\r')) text[--n] = 0;
    if (!n)
    {
        lstrcpyA(text, "error ");
        msw_utoa(err, text + 6);
    }
    line[0] = 0;
    if (msw_strlen(str) > 0 && msw_strlen(str) < 100)
    {
        lstrcatA(line, str);
        lstrcatA(line, ": ");
    }
    lstrcatA(line, text);
    lstrcatA(line, "\n");
    if (out && out != INVALID_HANDLE_VALUE) WriteFile(out, line, strlen(line), &written, NULL);
}

/* sethostname(2): sets the computer's DNS host name (what gethostname
 * returns after the next restart, as SetComputerNameEx documents). */
int WINAPI sethostname(const char *name, int len)
{
    char buf[256];
    DWORD err;

    if (len < 0 || len >= (int)sizeof(buf))
    {
        WSASetLastError(WSAEINVAL);
        return SOCKET_ERROR;
    }
    if (!msw_readable(name, len ? len : 1))
    {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    memcpy(buf, name, len);
    buf[len] = 0;
    if (!buf[0])
    {
        WSASetLastError(WSAEINVAL);
        return SOCKET_ERROR;
    }
    if (SetComputerNameExA(ComputerNamePhysicalDnsHostname, buf)) return 0;
    err = GetLastError();
    WSASetLastError(err == ERROR_ACCESS_DENIED ? WSAEACCES : WSAEINVAL);
    return SOCKET_ERROR;
}
