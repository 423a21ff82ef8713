/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The protocol and services databases (getprotobyname, getprotobynumber,
 * getservbyname, getservbyport).
 *
 * The databases are %SystemRoot%\system32\drivers\etc\protocol and
 * ...\services, read on every call as Windows does, so edits take effect at
 * once; when a file cannot be read the built-in copy below is used.  Results
 * live in per-thread storage: a later call on the same thread overwrites
 * them, other threads are unaffected.
 */
#include "ws2_32_private.h"
#include "netdb_parse.h"

#define NETDB_FILE_MAX  (4 * 1024 * 1024)   /* larger files are not read */

/* The standard Windows protocol file. */
static const char default_protocol[] =
    "ip          0   IP\n"
    "icmp        1   ICMP\n"
    "ggp         3   GGP\n"
    "tcp         6   TCP\n"
    "egp         8   EGP\n"
    "pup         12  PUP\n"
    "udp         17  UDP\n"
    "hmp         20  HMP\n"
    "xns-idp     22  XNS-IDP\n"
    "rdp         27  RDP\n"
    "ipv6        41  IPv6\n"
    "ipv6-route  43  IPv6-Route\n"
    "ipv6-frag   44  IPv6-Frag\n"
    "esp         50  ESP\n"
    "ah          51  AH\n"
    "ipv6-icmp   58  IPv6-ICMP\n"
    "ipv6-nonxt  59  IPv6-NoNxt\n"
    "ipv6-opts   60  IPv6-Opts\n"
    "rvd         66  RVD\n";

/* The well-known entries of the standard Windows services file. */
static const char default_services[] =
    "echo 7/tcp\n"
    "echo 7/udp\n"
    "discard 9/tcp sink null\n"
    "discard 9/udp sink null\n"
    "systat 11/tcp users\n"
    "systat 11/udp users\n"
    "daytime 13/tcp\n"
    "daytime 13/udp\n"
    "qotd 17/tcp quote\n"
    "qotd 17/udp quote\n"
    "chargen 19/tcp ttytst source\n"
    "chargen 19/udp ttytst source\n"
    "ftp-data 20/tcp\n"
    "ftp 21/tcp\n"
    "ssh 22/tcp\n"
    "telnet 23/tcp\n"
    "smtp 25/tcp mail\n"
    "time 37/tcp timserver\n"
    "time 37/udp timserver\n"
    "rlp 39/udp resource\n"
    "nameserver 42/tcp name\n"
    "nameserver 42/udp name\n"
    "nicname 43/tcp whois\n"
    "domain 53/tcp\n"
    "domain 53/udp\n"
    "bootps 67/udp dhcps\n"
    "bootpc 68/udp dhcpc\n"
    "tftp 69/udp\n"
    "gopher 70/tcp\n"
    "finger 79/tcp\n"
    "http 80/tcp www www-http\n"
    "hosts2-ns 81/tcp\n"
    "hosts2-ns 81/udp\n"
    "kerberos 88/tcp krb5 kerberos-sec\n"
    "kerberos 88/udp krb5 kerberos-sec\n"
    "hostname 101/tcp hostnames\n"
    "iso-tsap 102/tcp\n"
    "rtelnet 107/tcp\n"
    "pop2 109/tcp postoffice\n"
    "pop3 110/tcp\n"
    "sunrpc 111/tcp rpcbind portmap\n"
    "sunrpc 111/udp rpcbind portmap\n"
    "auth 113/tcp ident tap\n"
    "uucp-path 117/tcp\n"
    "sqlserv 118/tcp\n"
    "nntp 119/tcp usenet\n"
    "ntp 123/udp\n"
    "epmap 135/tcp loc-srv\n"
    "epmap 135/udp loc-srv\n"
    "netbios-ns 137/tcp nbname\n"
    "netbios-ns 137/udp nbname\n"
    "netbios-dgm 138/udp nbdatagram\n"
    "netbios-ssn 139/tcp nbsession\n"
    "imap 143/tcp imap4\n"
    "sql-net 150/tcp\n"
    "sqlsrv 156/tcp\n"
    "pcmail-srv 158/tcp\n"
    "snmp 161/udp\n"
    "snmptrap 162/udp snmp-trap\n"
    "print-srv 170/tcp\n"
    "bgp 179/tcp\n"
    "irc 194/tcp\n"
    "ipx 213/udp\n"
    "rtsps 322/tcp\n"
    "rtsps 322/udp\n"
    "mftp 349/tcp\n"
    "mftp 349/udp\n"
    "ldap 389/tcp\n"
    "https 443/tcp MCom\n"
    "https 443/udp MCom\n"
    "microsoft-ds 445/tcp\n"
    "microsoft-ds 445/udp\n"
    "kpasswd 464/tcp\n"
    "kpasswd 464/udp\n"
    "isakmp 500/udp ike\n"
    "crs 507/tcp\n"
    "crs 507/udp\n"
    "exec 512/tcp\n"
    "biff 512/udp comsat\n"
    "login 513/tcp\n"
    "who 513/udp whod\n"
    "cmd 514/tcp shell\n"
    "syslog 514/udp\n"
    "printer 515/tcp spooler\n"
    "talk 517/udp\n"
    "ntalk 518/udp\n"
    "efs 520/tcp\n"
    "router 520/udp route routed\n"
    "ulp 522/tcp\n"
    "ulp 522/udp\n"
    "timed 525/udp timeserver\n"
    "tempo 526/tcp newdate\n"
    "irc-serv 529/tcp\n"
    "irc-serv 529/udp\n"
    "courier 530/tcp rpc\n"
    "conference 531/tcp chat\n"
    "netnews 532/tcp readnews\n"
    "netwall 533/udp\n"
    "uucp 540/tcp uucpd\n"
    "klogin 543/tcp\n"
    "kshell 544/tcp krcmd\n"
    "dhcpv6-client 546/tcp\n"
    "dhcpv6-client 546/udp\n"
    "dhcpv6-server 547/tcp\n"
    "dhcpv6-server 547/udp\n"
    "afpovertcp 548/tcp\n"
    "afpovertcp 548/udp\n"
    "new-rwho 550/udp new-who\n"
    "rtsp 554/tcp\n"
    "rtsp 554/udp\n"
    "remotefs 556/tcp rfs rfs_server\n"
    "rmonitor 560/udp rmonitord\n"
    "monitor 561/udp\n"
    "nntps 563/tcp snntp\n"
    "nntps 563/udp snntp\n"
    "whoami 565/tcp\n"
    "whoami 565/udp\n"
    "ms-shuttle 568/tcp\n"
    "ms-shuttle 568/udp\n"
    "ms-rome 569/tcp\n"
    "ms-rome 569/udp\n"
    "http-rpc-epmap 593/tcp\n"
    "http-rpc-epmap 593/udp\n"
    "hmmp-ind 612/tcp\n"
    "hmmp-ind 612/udp\n"
    "hmmp-op 613/tcp\n"
    "hmmp-op 613/udp\n"
    "ldaps 636/tcp sldap\n"
    "doom 666/tcp\n"
    "doom 666/udp\n"
    "msexch-routing 691/tcp\n"
    "msexch-routing 691/udp\n"
    "kerberos-adm 749/tcp\n"
    "kerberos-adm 749/udp\n"
    "kerberos-iv 750/udp\n"
    "mdbs_daemon 800/tcp\n"
    "mdbs_daemon 800/udp\n"
    "ftps-data 989/tcp\n"
    "ftps 990/tcp\n"
    "telnets 992/tcp\n"
    "imaps 993/tcp\n"
    "ircs 994/tcp\n"
    "pop3s 995/tcp spop3\n"
    "pop3s 995/udp spop3\n"
    "kpop 1109/tcp\n"
    "nfsd-status 1110/tcp\n"
    "nfsd-keepalive 1110/udp\n"
    "nfa 1155/tcp\n"
    "nfa 1155/udp\n"
    "activesync 1034/tcp\n"
    "opsmgr 1270/tcp\n"
    "opsmgr 1270/udp\n"
    "ms-sql-s 1433/tcp\n"
    "ms-sql-s 1433/udp\n"
    "ms-sql-m 1434/tcp\n"
    "ms-sql-m 1434/udp\n"
    "ms-sna-server 1477/tcp\n"
    "ms-sna-server 1477/udp\n"
    "ms-sna-base 1478/tcp\n"
    "ms-sna-base 1478/udp\n"
    "wins 1512/tcp\n"
    "wins 1512/udp\n"
    "ingreslock 1524/tcp ingres\n"
    "stt 1607/tcp\n"
    "stt 1607/udp\n"
    "l2tp 1701/udp\n"
    "pptconference 1711/tcp\n"
    "pptconference 1711/udp\n"
    "pptp 1723/tcp\n"
    "msiccp 1731/tcp\n"
    "msiccp 1731/udp\n"
    "remote-winsock 1745/tcp\n"
    "remote-winsock 1745/udp\n"
    "ms-streaming 1755/tcp\n"
    "ms-streaming 1755/udp\n"
    "msmq 1801/tcp\n"
    "msmq 1801/udp\n"
    "radius 1812/udp\n"
    "radacct 1813/udp\n"
    "msnp 1863/tcp\n"
    "msnp 1863/udp\n"
    "ssdp 1900/tcp\n"
    "ssdp 1900/udp\n"
    "close-combat 1944/tcp\n"
    "close-combat 1944/udp\n"
    "nfsd 2049/udp nfs\n"
    "knetd 2053/tcp\n"
    "mzap 2106/tcp\n"
    "mzap 2106/udp\n"
    "qwave 2177/tcp\n"
    "qwave 2177/udp\n"
    "directplay 2234/tcp\n"
    "directplay 2234/udp\n"
    "ms-olap3 2382/tcp\n"
    "ms-olap3 2382/udp\n"
    "ms-olap4 2383/tcp\n"
    "ms-olap4 2383/udp\n"
    "ms-olap1 2393/tcp\n"
    "ms-olap1 2393/udp\n"
    "ms-olap2 2394/tcp\n"
    "ms-olap2 2394/udp\n"
    "ms-theater 2460/tcp\n"
    "ms-theater 2460/udp\n"
    "wlbs 2504/tcp\n"
    "wlbs 2504/udp\n"
    "ms-v-worlds 2525/tcp\n"
    "ms-v-worlds 2525/udp\n"
    "sms-rcinfo 2701/tcp\n"
    "sms-rcinfo 2701/udp\n"
    "sms-xfer 2702/tcp\n"
    "sms-xfer 2702/udp\n"
    "sms-chat 2703/tcp\n"
    "sms-chat 2703/udp\n"
    "sms-remctrl 2704/tcp\n"
    "sms-remctrl 2704/udp\n"
    "msolap-ptp2 2725/tcp\n"
    "msolap-ptp2 2725/udp\n"
    "icslap 2869/tcp\n"
    "icslap 2869/udp\n"
    "cifs 3020/tcp\n"
    "cifs 3020/udp\n"
    "xbox 3074/tcp\n"
    "xbox 3074/udp\n"
    "ms-dotnetster 3126/tcp\n"
    "ms-dotnetster 3126/udp\n"
    "ms-rule-engine 3132/tcp\n"
    "ms-rule-engine 3132/udp\n"
    "msft-gc 3268/tcp\n"
    "msft-gc 3268/udp\n"
    "msft-gc-ssl 3269/tcp\n"
    "msft-gc-ssl 3269/udp\n"
    "ms-cluster-net 3343/tcp\n"
    "ms-cluster-net 3343/udp\n"
    "ms-wbt-server 3389/tcp\n"
    "ms-wbt-server 3389/udp\n"
    "ms-la 3535/tcp\n"
    "ms-la 3535/udp\n"
    "pnrp-port 3540/tcp\n"
    "pnrp-port 3540/udp\n"
    "teredo 3544/tcp\n"
    "teredo 3544/udp\n"
    "p2pgroup 3587/tcp\n"
    "p2pgroup 3587/udp\n"
    "ws-discovery 3702/udp\n"
    "ws-discovery 3702/tcp\n"
    "dvcprov-port 3776/tcp\n"
    "dvcprov-port 3776/udp\n"
    "msfw-control 3847/tcp\n"
    "msdts1 3882/tcp\n"
    "sdp-portmapper 3935/tcp\n"
    "sdp-portmapper 3935/udp\n"
    "net-device 4350/tcp\n"
    "net-device 4350/udp\n"
    "ipsec-msft 4500/tcp\n"
    "ipsec-msft 4500/udp\n"
    "llmnr 5355/tcp\n"
    "llmnr 5355/udp\n"
    "rrac 5678/tcp\n"
    "rrac 5678/udp\n"
    "dccm 5679/tcp\n"
    "dccm 5679/udp\n"
    "ms-licensing 5720/tcp\n"
    "ms-licensing 5720/udp\n"
    "directplay8 6073/tcp\n"
    "directplay8 6073/udp\n"
    "man 9535/tcp\n"
    "rasadv 9753/tcp\n"
    "rasadv 9753/udp\n"
    "imip-channels 11320/tcp\n"
    "imip-channels 11320/udp\n"
    "directplaysrvr 47624/tcp\n"
    "directplaysrvr 47624/udp\n";

/* ---- per-thread results ---- */

/* The largest entry: a line holds at most NETDB_LINE_MAX bytes, and its
 * fields with one NUL each fit in the line plus one byte (fields are
 * separated by blanks; a service's protocol is the tail of its port/proto
 * field), so a struct, a full alias array and the line always fit. */
#define NETDB_RESULT_MAX  (sizeof(struct servent) + (NETDB_ALIASES_MAX + 1) * sizeof(char *) + NETDB_LINE_MAX + 8)

struct netdb_thread
{
    /* Separate slots: a service lookup leaves the last protoent alone. */
    void *proto[NETDB_RESULT_MAX / sizeof(void *) + 1];
    void *serv[NETDB_RESULT_MAX / sizeof(void *) + 1];
};

/* The thread's result block, kept with the rest of its Winsock state and
 * freed with it when the thread ends. */
static struct netdb_thread *get_netdb_thread(void)
{
    struct ws2_thread *thread = ws2_get_thread();

    if (!thread) return NULL;
    if (!thread->netdb) thread->netdb = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(struct netdb_thread));
    return thread->netdb;
}

/* ---- reading the files ---- */

/* The file's contents in a heap block, or NULL when it cannot be read. */
static char *read_database(const WCHAR *file, DWORD *size)
{
    static const WCHAR dir[] = L"\\drivers\\etc\\";
    WCHAR path[MAX_PATH + 32];
    UINT len = GetSystemDirectoryW(path, MAX_PATH);

    if (!len || len >= MAX_PATH) return NULL;
    memcpy(path + len, dir, sizeof(dir));
    len += ARRAYSIZE(dir) - 1;
    while (*file && len < ARRAYSIZE(path) - 1) path[len++] = *file++;
    path[len] = 0;
    return ws2_read_file(path, NETDB_FILE_MAX, size);
}

/* What a lookup wants: a name (matched against name and aliases) or a
 * number, and for services optionally a protocol. */
struct netdb_query
{
    const char *name;
    unsigned int number;
    const char *proto;
};

static BOOL line_matches(const char *line, const struct netdb_line *entry, const struct netdb_query *q)
{
    size_t i;

    if (q->proto && !netdb_token_equal(line, &entry->proto, q->proto)) return FALSE;
    if (!q->name) return entry->number == q->number;
    if (netdb_token_equal(line, &entry->name, q->name)) return TRUE;
    for (i = 0; i < entry->alias_count; i++)
        if (netdb_token_equal(line, &entry->aliases[i], q->name)) return TRUE;
    return FALSE;
}

static void *fail_null(DWORD error)
{
    SetLastError(error);
    return NULL;
}

static char *copy_token(char **dst, const char *line, const struct netdb_token *token)
{
    char *start = *dst;

    memcpy(start, line + token->start, token->len);
    start[token->len] = 0;
    *dst = start + token->len + 1;
    return start;
}

/* Scans the database for the first line matching the query. */
static DWORD find_entry(enum netdb_kind kind, const struct netdb_query *q, struct ws2_netdb_entry *out)
{
    const char *text;
    char *data;
    DWORD size = 0;
    size_t pos = 0, start, len;
    BOOL found = FALSE;

    data = read_database(kind == NETDB_PROTOCOL ? L"protocol" : L"services", &size);
    if (data) text = data;
    else if (kind == NETDB_PROTOCOL)
    {
        text = default_protocol;
        size = sizeof(default_protocol) - 1;
    }
    else
    {
        text = default_services;
        size = sizeof(default_services) - 1;
    }

    while (!found && netdb_next_line(text, size, &pos, &start, &len))
    {
        if (!netdb_parse_line(kind, text + start, len, &out->fields)) continue;
        if (!line_matches(text + start, &out->fields, q)) continue;
        /* the parser refuses lines longer than NETDB_LINE_MAX */
        memcpy(out->line, text + start, len);
        out->line[len] = 0;
        out->kind = kind;
        found = TRUE;
    }
    if (data) HeapFree(GetProcessHeap(), 0, data);
    return found ? 0 : WSANO_DATA;
}

DWORD ws2_netdb_find_protocol(const char *name, int number, struct ws2_netdb_entry *entry)
{
    struct netdb_query q = { name, (unsigned int)number, NULL };

    if (!name && (number < 0 || number > 255)) return WSANO_DATA;
    return find_entry(NETDB_PROTOCOL, &q, entry);
}

DWORD ws2_netdb_find_service(const char *name, int port, const char *proto, struct ws2_netdb_entry *entry)
{
    /* port is in network byte order; only its low 16 bits count */
    struct netdb_query q = { name, ntohs((u_short)port), proto };

    return find_entry(NETDB_SERVICES, &q, entry);
}

/* Layout: the struct, the alias pointer array (aligned, as the struct's
 * size is a multiple of a pointer's), then the strings: name, aliases,
 * and for a service its protocol. */
SIZE_T ws2_netdb_pack(const struct ws2_netdb_entry *entry, void *buf, SIZE_T size)
{
    const struct netdb_line *f = &entry->fields;
    SIZE_T head = entry->kind == NETDB_PROTOCOL ? sizeof(struct protoent) : sizeof(struct servent);
    SIZE_T needed = head + (f->alias_count + 1) * sizeof(char *) + f->name.len + 1;
    char **aliases = (char **)((char *)buf + head);
    char *strings = (char *)(aliases + f->alias_count + 1), *name;
    size_t i;

    for (i = 0; i < f->alias_count; i++) needed += f->aliases[i].len + 1;
    if (entry->kind == NETDB_SERVICES) needed += f->proto.len + 1;
    if (needed > size) return needed;

    name = copy_token(&strings, entry->line, &f->name);
    for (i = 0; i < f->alias_count; i++) aliases[i] = copy_token(&strings, entry->line, &f->aliases[i]);
    aliases[i] = NULL;
    if (entry->kind == NETDB_PROTOCOL)
    {
        struct protoent *p = buf;

        p->p_name = name;
        p->p_aliases = aliases;
        p->p_proto = (short)f->number;
    }
    else
    {
        struct servent *s = buf;

        s->s_name = name;
        s->s_aliases = aliases;
        s->s_port = htons((u_short)f->number);
        s->s_proto = copy_token(&strings, entry->line, &f->proto);
    }
    return needed;
}

/* Packs a found entry into the thread's slot; NULL (error set) otherwise. */
static void *thread_result(DWORD err, const struct ws2_netdb_entry *entry)
{
    struct netdb_thread *t;
    void *slot;

    if (err) return fail_null(err);
    if (!(t = get_netdb_thread())) return fail_null(WSA_NOT_ENOUGH_MEMORY);
    slot = entry->kind == NETDB_PROTOCOL ? (void *)t->proto : (void *)t->serv;
    /* cannot fail: the slot holds the largest entry (NETDB_RESULT_MAX) */
    if (ws2_netdb_pack(entry, slot, sizeof(t->proto)) > sizeof(t->proto)) return fail_null(WSANO_DATA);
    return slot;
}

/* Checks an optional string argument: FALSE if it cannot be read. */
static BOOL string_ok(const char *s, BOOL optional)
{
    if (!s) return optional;
    return ws2_string_length(s) >= 0;
}

/* ---- exports ---- */

struct protoent * WINAPI getprotobyname(const char *name)
{
    struct ws2_netdb_entry entry;
    DWORD err;

    TRACE("%p\n", name);
    if ((err = ws2_enter_check())) return fail_null(err);
    if (!string_ok(name, FALSE)) return fail_null(WSAEFAULT);
    return thread_result(ws2_netdb_find_protocol(name, 0, &entry), &entry);
}

struct protoent * WINAPI getprotobynumber(int number)
{
    struct ws2_netdb_entry entry;
    DWORD err;

    TRACE("%d\n", number);
    if ((err = ws2_enter_check())) return fail_null(err);
    return thread_result(ws2_netdb_find_protocol(NULL, number, &entry), &entry);
}

struct servent * WINAPI getservbyname(const char *name, const char *proto)
{
    struct ws2_netdb_entry entry;
    DWORD err;

    TRACE("%p %p\n", name, proto);
    if ((err = ws2_enter_check())) return fail_null(err);
    if (!string_ok(name, FALSE) || !string_ok(proto, TRUE)) return fail_null(WSAEFAULT);
    return thread_result(ws2_netdb_find_service(name, 0, proto, &entry), &entry);
}

struct servent * WINAPI getservbyport(int port, const char *proto)
{
    struct ws2_netdb_entry entry;
    DWORD err;

    TRACE("%d %p\n", port, proto);
    if ((err = ws2_enter_check())) return fail_null(err);
    if (!string_ok(proto, TRUE)) return fail_null(WSAEFAULT);
    return thread_result(ws2_netdb_find_service(NULL, port, proto, &entry), &entry);
}

/* ---- for getaddrinfo and getnameinfo, which must not touch the
 * thread's getservby* result ---- */

BOOL ws2_service_port(const char *name, const char *proto, USHORT *port)
{
    struct ws2_netdb_entry *entry = HeapAlloc(GetProcessHeap(), 0, sizeof(*entry));
    BOOL found;

    if (!entry) return FALSE;
    if ((found = !ws2_netdb_find_service(name, 0, proto, entry))) *port = (USHORT)entry->fields.number;
    HeapFree(GetProcessHeap(), 0, entry);
    return found;
}

BOOL ws2_service_name(USHORT port, const char *proto, char *name, size_t size)
{
    struct ws2_netdb_entry *entry = HeapAlloc(GetProcessHeap(), 0, sizeof(*entry));
    BOOL found = FALSE;

    if (!entry) return FALSE;
    if (!ws2_netdb_find_service(NULL, htons(port), proto, entry) && entry->fields.name.len < size)
    {
        memcpy(name, entry->line + entry->fields.name.start, entry->fields.name.len);
        name[entry->fields.name.len] = 0;
        found = TRUE;
    }
    HeapFree(GetProcessHeap(), 0, entry);
    return found;
}
