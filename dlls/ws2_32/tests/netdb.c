/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The network databases: getprotobyname, getprotobynumber, getservbyname,
 * getservbyport, and GetHostNameW.
 *
 * Expected values are Windows' (Microsoft documentation, and the results
 * Wine's conformance tests record for Windows): the standard protocol and
 * services files of %SystemRoot%\system32\drivers\etc, results in per-thread
 * storage, names and protocols compared without regard to case, ports in
 * network byte order, WSANO_DATA for an entry that is not there.
 */
#include <stdarg.h>
#include <string.h>
#include <winsock2.h>
#include <windows.h>
#include "wine/test.h"

/* What the last error holds before a call that must set it. */
#define NETDB_ERROR_FILL 0x6b1d6b1d
/* What a GetHostNameW buffer holds where the call must not write. */
#define NAME_FILL L'\x2591'

static const struct
{
    int number;
    const char *name, *alias;
}
protocols[] =
{
    {  0, "ip", "IP" }, {  1, "icmp", "ICMP" }, {  3, "ggp", "GGP" }, {  6, "tcp", "TCP" },
    {  8, "egp", "EGP" }, { 12, "pup", "PUP" }, { 17, "udp", "UDP" }, { 20, "hmp", "HMP" },
    { 22, "xns-idp", "XNS-IDP" }, { 27, "rdp", "RDP" }, { 41, "ipv6", "IPv6" },
    { 43, "ipv6-route", "IPv6-Route" }, { 44, "ipv6-frag", "IPv6-Frag" }, { 50, "esp", "ESP" },
    { 51, "ah", "AH" }, { 58, "ipv6-icmp", "IPv6-ICMP" }, { 59, "ipv6-nonxt", "IPv6-NoNxt" },
    { 60, "ipv6-opts", "IPv6-Opts" }, { 66, "rvd", "RVD" },
};

static char *bad_page;  /* a page that cannot be read or written */

static void test_not_started(void)
{
    WCHAR name[256];

    /* Windows fails every call before WSAStartup; Wine's builtin answers. */
    todo_wine {
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getprotobyname("tcp"), "getprotobyname succeeded\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getprotobynumber(6), "getprotobynumber succeeded\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyname("http", "tcp"), "getservbyname succeeded\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyport(htons(80), "tcp"), "getservbyport succeeded\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(GetHostNameW(name, 256) == SOCKET_ERROR, "GetHostNameW succeeded\n");
    ok(WSAGetLastError() == WSANOTINITIALISED, "got error %d\n", WSAGetLastError());
    }
}

/* Rule: getprotobyname finds a protocol by its name or its alias, the
 * case of the letters not mattering. */
static void check_protocol_names(void)
{
    struct protoent *ent;
    char mixed[32];
    unsigned int i, j;

    for (i = 0; i < ARRAYSIZE(protocols); i++)
    {
        const char *names[2] = { protocols[i].alias, protocols[i].name };

        for (j = 0; j < 2; j++)
        {
            ent = getprotobyname(names[j]);
            ok(ent && ent->p_proto == protocols[i].number, "%s: got %d\n", names[j], ent ? ent->p_proto : -1);
        }
        /* every second letter upper case, the others as in the file */
        for (j = 0; protocols[i].name[j] && j < sizeof(mixed) - 1; j++)
        {
            char c = protocols[i].name[j];
            mixed[j] = (j % 2 && c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
        }
        mixed[j] = 0;
        ent = getprotobyname(mixed);
        ok(ent && ent->p_proto == protocols[i].number, "%s: got %d\n", mixed, ent ? ent->p_proto : -1);
    }

    /* Rule: a name not in the file is WSANO_DATA. */
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getprotobyname("tcpx"), "found\n");
    ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getprotobyname(""), "found\n");
    ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());
}

/* Rule: getprotobynumber gives the file's name and its single alias. */
static void check_protocol_numbers(void)
{
    struct protoent *ent;
    unsigned int i;

    for (i = ARRAYSIZE(protocols); i-- > 0;)
    {
        int n = protocols[i].number;

        ent = getprotobynumber(n);
        ok(ent != NULL, "%d: not found\n", n);
        if (!ent) continue;
        ok(!strcmp(ent->p_name, protocols[i].name), "%d: got name %s\n", n, ent->p_name);
        ok(ent->p_proto == n, "%d: got %d\n", n, ent->p_proto);
        ok(ent->p_aliases && ent->p_aliases[0] && !strcmp(ent->p_aliases[0], protocols[i].alias),
           "%d: got alias %s\n", n, ent->p_aliases && ent->p_aliases[0] ? ent->p_aliases[0] : "(none)");
        ok(ent->p_aliases && ent->p_aliases[0] && !ent->p_aliases[1], "%d: more than one alias\n", n);
    }
}

static BOOL is_listed_protocol(int n)
{
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(protocols); i++) if (protocols[i].number == n) return TRUE;
    return FALSE;
}

/* Rule: every other number, negative ones and those past 255 too, is not
 * found, with WSANO_DATA. */
static void check_protocol_gaps(void)
{
    struct protoent *ent;
    int n;

    for (n = -5; n <= 300; n++)
    {
        if (is_listed_protocol(n)) continue;
        WSASetLastError(NETDB_ERROR_FILL);
        ent = getprotobynumber(n);
        ok(!ent, "%d: got %s\n", n, ent ? ent->p_name : "");
        if (!ent) ok(WSAGetLastError() == WSANO_DATA, "%d: got error %d\n", n, WSAGetLastError());
    }
}

static void test_protocols(void)
{
    check_protocol_numbers();
    check_protocol_names();
    check_protocol_gaps();
}

static BOOL has_alias(char **aliases, const char *alias)
{
    for (; aliases && *aliases; aliases++) if (!strcmp(*aliases, alias)) return TRUE;
    return FALSE;
}

static void check_serv(int line, struct servent *s, const char *name, int port, const char *proto)
{
    ok_(__FILE__, line)(s != NULL, "%s/%s not found: %d\n", name, proto, WSAGetLastError());
    if (!s) return;
    ok_(__FILE__, line)(!strcmp(s->s_name, name), "got name %s, expected %s\n", s->s_name, name);
    ok_(__FILE__, line)((u_short)s->s_port == htons(port), "%s: got port %d\n", name, ntohs(s->s_port));
    ok_(__FILE__, line)(!strcmp(s->s_proto, proto), "%s: got proto %s, expected %s\n", name, s->s_proto, proto);
    ok_(__FILE__, line)(s->s_aliases != NULL, "%s: no alias list\n", name);
}

static void test_services(void)
{
    static const struct { const char *name, *proto; int port; } known[] =
    {
        { "echo", "tcp", 7 }, { "echo", "udp", 7 }, { "discard", "tcp", 9 }, { "daytime", "tcp", 13 },
        { "ftp-data", "tcp", 20 }, { "ftp", "tcp", 21 }, { "ssh", "tcp", 22 }, { "telnet", "tcp", 23 },
        { "smtp", "tcp", 25 }, { "time", "tcp", 37 }, { "nameserver", "tcp", 42 },
        { "nicname", "tcp", 43 }, { "domain", "tcp", 53 }, { "domain", "udp", 53 },
        { "bootps", "udp", 67 }, { "bootpc", "udp", 68 }, { "tftp", "udp", 69 },
        { "gopher", "tcp", 70 }, { "finger", "tcp", 79 }, { "http", "tcp", 80 },
        { "kerberos", "tcp", 88 }, { "pop3", "tcp", 110 }, { "sunrpc", "tcp", 111 },
        { "auth", "tcp", 113 }, { "nntp", "tcp", 119 }, { "ntp", "udp", 123 },
        { "epmap", "tcp", 135 }, { "netbios-ns", "udp", 137 }, { "netbios-dgm", "udp", 138 },
        { "netbios-ssn", "tcp", 139 }, { "imap", "tcp", 143 }, { "snmp", "udp", 161 },
        { "snmptrap", "udp", 162 }, { "ldap", "tcp", 389 }, { "https", "tcp", 443 },
        { "microsoft-ds", "tcp", 445 },
    };
    struct servent *s;
    unsigned int i;

    if (winetest_platform_is_wine())
    {
        /* Wine 8.0's builtin misses aliases (Windows matches them, e.g.
         * "www" for http) and fails many getservbyport lookups. */
        skip("service lookups differ in Wine's builtin ws2_32\n");
        return;
    }

    /* The prefix's file may be Wine's rather than Windows' (a few entries
     * have other primary names there, e.g. whois/nicname), so the name is
     * checked as "name or alias"; test_services_file checks the standard
     * list itself. */
    for (i = 0; i < ARRAYSIZE(known); i++)
    {
        s = getservbyname(known[i].name, known[i].proto);
        ok(s != NULL, "%s/%s not found: %d\n", known[i].name, known[i].proto, WSAGetLastError());
        if (s) ok((u_short)s->s_port == htons(known[i].port) && !strcmp(s->s_proto, known[i].proto)
                  && (!strcmp(s->s_name, known[i].name) || has_alias(s->s_aliases, known[i].name)),
                  "%s/%s: got %s %d/%s\n", known[i].name, known[i].proto, s->s_name, ntohs(s->s_port), s->s_proto);
        s = getservbyport(htons(known[i].port), known[i].proto);
        ok(s != NULL, "port %d/%s not found: %d\n", known[i].port, known[i].proto, WSAGetLastError());
        if (s) ok((u_short)s->s_port == htons(known[i].port) && !strcmp(s->s_proto, known[i].proto)
                  && (!strcmp(s->s_name, known[i].name) || has_alias(s->s_aliases, known[i].name)),
                  "%d/%s: got %s %d/%s\n", known[i].port, known[i].proto, s->s_name, ntohs(s->s_port), s->s_proto);
    }

    /* lookup by alias */
    check_serv(__LINE__, getservbyname("www", "tcp"), "http", 80, "tcp");
    check_serv(__LINE__, getservbyname("WWW", NULL), "http", 80, "tcp");

    /* NULL protocol: any; the protocol is compared without case */
    check_serv(__LINE__, getservbyname("ftp", NULL), "ftp", 21, "tcp");
    check_serv(__LINE__, getservbyname("tftp", NULL), "tftp", 69, "udp");
    check_serv(__LINE__, getservbyname("ftp", "TCP"), "ftp", 21, "tcp");
    check_serv(__LINE__, getservbyname("domain", "UdP"), "domain", 53, "udp");
    check_serv(__LINE__, getservbyport(htons(21), NULL), "ftp", 21, "tcp");
    check_serv(__LINE__, getservbyport(htons(69), "UDP"), "tftp", 69, "udp");

    /* the port is in network byte order; the upper bits of the int are ignored */
    s = getservbyport(80, "tcp");
    ok(!s || (u_short)s->s_port == 80, "port 80 in host order found %s\n", s ? s->s_name : "");
    check_serv(__LINE__, getservbyport(0x10000 | htons(80), "tcp"), "http", 80, "tcp");

    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyname("no-such-service", NULL), "found\n");
    ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyname("ftp", "udp"), "found ftp/udp\n");
    ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyname("ftp", "xyz"), "found ftp/xyz\n");
    ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyport(htons(1), "tcp"), "found port 1\n");
    ok(WSAGetLastError() == WSANO_DATA, "got error %d\n", WSAGetLastError());
}

/* ---- per-thread storage ---- */

static struct servent *thread_serv;
static char thread_name[32];

static DWORD WINAPI other_thread(void *arg)
{
    struct servent *s = getservbyname("smtp", "tcp");
    thread_serv = s;
    if (s) lstrcpynA(thread_name, s->s_name, sizeof(thread_name));
    return 0;
}

static void test_per_thread(void)
{
    struct servent *a, *b;
    struct protoent *p, *q;
    HANDLE thread;

    a = getservbyname("ntp", "udp");
    b = getservbyname("smtp", "tcp");
    ok(a && a == b, "results not in one per-thread buffer: %p %p\n", a, b);
    p = getprotobynumber(41);
    q = getprotobyname("ggp");
    ok(p && p == q, "results not in one per-thread buffer: %p %p\n", p, q);
    if (q) ok(q->p_proto == 3 && !strcmp(q->p_name, "ggp"), "got %s\n", q->p_name);

    a = getservbyname("ntp", "udp");
    thread = CreateThread(NULL, 0, other_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, 10000);
    CloseHandle(thread);
    ok(thread_serv && thread_serv != a, "other thread got %p, this one %p\n", thread_serv, a);
    ok(!strcmp(thread_name, "smtp"), "other thread got %s\n", thread_name);
    if (a) ok(!strcmp(a->s_name, "ntp") && (u_short)a->s_port == htons(123),
              "this thread's result changed to %s\n", a->s_name);
}

static void test_bad_pointers(void)
{
    if (winetest_platform_is_wine())
    {
        skip("bad pointers crash Wine's builtin ws2_32\n");
        return;
    }
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getprotobyname(bad_page), "succeeded\n");
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getprotobyname(NULL), "succeeded\n");
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyname(bad_page, "tcp"), "succeeded\n");
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyname("http", bad_page), "succeeded\n");
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(!getservbyport(htons(80), bad_page), "succeeded\n");
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
    WSASetLastError(NETDB_ERROR_FILL);
    ok(GetHostNameW((WCHAR *)bad_page, 256) == SOCKET_ERROR, "succeeded\n");
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
}

/* Rule: a buffer too short for the name and its terminator fails with
 * WSAEFAULT and is left as it was (Microsoft's GetHostNameW page; the
 * untouched buffer is what Wine's tests record for Windows). */
static void check_short_buffer(int len)
{
    WCHAR buf[256], before[256];
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(buf); i++) buf[i] = NAME_FILL;
    memcpy(before, buf, sizeof(buf));
    WSASetLastError(NETDB_ERROR_FILL);
    ok(GetHostNameW(buf, len) == SOCKET_ERROR, "length %d: succeeded\n", len);
    ok(WSAGetLastError() == WSAEFAULT, "length %d: got error %d\n", len, WSAGetLastError());
    ok(!memcmp(buf, before, sizeof(buf)), "length %d: buffer written\n", len);
}

/* Rule: a buffer of at least length + 1 gets the DNS host name, the
 * same name gethostname gives in ANSI. */
static void check_long_enough(const WCHAR *expect, int len)
{
    WCHAR buf[256];
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(buf); i++) buf[i] = NAME_FILL;
    ok(!GetHostNameW(buf, len), "length %d: failed: %d\n", len, WSAGetLastError());
    ok(!lstrcmpW(buf, expect), "length %d: got %s\n", len, wine_dbgstr_w(buf));
}

static void test_GetHostNameW(void)
{
    WCHAR expect[256];
    char ansi[256];
    DWORD size = ARRAYSIZE(expect);
    int len;

    ok(GetComputerNameExW(ComputerNameDnsHostname, expect, &size), "GetComputerNameExW failed\n");
    len = lstrlenW(expect);
    ok(len > 0, "empty host name\n");
    ok(!gethostname(ansi, sizeof(ansi)), "gethostname failed\n");
    ok(lstrlenA(ansi) == len, "lengths differ: %s %s\n", ansi, wine_dbgstr_w(expect));

    check_long_enough(expect, 256);
    check_long_enough(expect, len + 2);
    check_long_enough(expect, len + 1);
    check_short_buffer(len);
    check_short_buffer(len / 2);
    check_short_buffer(1);
    check_short_buffer(0);

    /* Rule: no buffer is WSAEFAULT whatever the length. */
    WSASetLastError(NETDB_ERROR_FILL);
    ok(GetHostNameW(NULL, 100) == SOCKET_ERROR, "succeeded\n");
    ok(WSAGetLastError() == WSAEFAULT, "got error %d\n", WSAGetLastError());
}

/* ---- reading drivers\etc\services ---- */

static BOOL write_file(const char *path, const char *data, DWORD size)
{
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD done = 0;
    BOOL ret;

    if (h == INVALID_HANDLE_VALUE) return FALSE;
    ret = WriteFile(h, data, size, &done, NULL) && done == size;
    CloseHandle(h);
    return ret;
}

static void test_services_file(void)
{
    static const char garbage[] =
        "# test services file\r\n"
        "\r\n"
        "   \t  \n"
        "good1 1111/tcp alias1a alias1b # comment\r\n"
        "nonumber\n"
        "noport /tcp\n"
        "toobig 70000/tcp\n"
        "negative -5/tcp\n"
        "noproto 1112/\n"
        "letters 11x3/tcp\n"
        "odd\x01" "byte 1114/tcp\n"
        "high\xe9 1115/tcp\n"
        "nul\0byte 1116/tcp\n"
        "#good0 1117/tcp\n"
        "good2\t1118/udp\tGood2Alias\n"
        "good3 1119/TcP\r\n"
        "good4 1120/tcp #\x01\xff comment with odd bytes\n"
        "good1 1121/udp\n"
        "\xff\xfe\xfd\n"
        "lf-only\rinside 1122/tcp\n"
        "good5 1123/tcp last-line-without-newline";
    char dir[MAX_PATH], path[MAX_PATH], backup[MAX_PATH], longline[3000];
    struct servent *s;
    char *data;
    DWORD i, pos;

    if (winetest_platform_is_wine())
    {
        /* Wine 8.0's builtin misses aliases and most of the file's entries. */
        skip("services file reading differs in Wine's builtin ws2_32\n");
        return;
    }
    GetSystemDirectoryA(dir, MAX_PATH);
    lstrcatA(dir, "\\drivers\\etc");
    lstrcpyA(path, dir);
    lstrcatA(path, "\\services");
    lstrcpyA(backup, dir);
    lstrcatA(backup, "\\services.netdb-test-backup");

    /* a backup left behind by an earlier run that died: put it back */
    if (GetFileAttributesA(backup) != INVALID_FILE_ATTRIBUTES)
        MoveFileExA(backup, path, MOVEFILE_REPLACE_EXISTING);
    if (GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES && !CopyFileA(path, backup, FALSE))
    {
        skip("cannot back up %s: %lu\n", path, GetLastError());
        return;
    }

    /* the garbage file, with a very long line in the middle */
    pos = sizeof(garbage) - 1;
    data = HeapAlloc(GetProcessHeap(), 0, pos + sizeof(longline) + 64);
    memset(longline, 'x', sizeof(longline));
    memcpy(longline, "long 1124/tcp ", 14);
    memcpy(data, "good6 1125/tcp\n", 15);
    memcpy(data + 15, longline, sizeof(longline));
    memcpy(data + 15 + sizeof(longline), "\n", 1);
    memcpy(data + 16 + sizeof(longline), garbage, pos);
    if (!write_file(path, data, 16 + sizeof(longline) + pos))
    {
        skip("cannot write %s: %lu\n", path, GetLastError());
        HeapFree(GetProcessHeap(), 0, data);
        goto restore;
    }
    HeapFree(GetProcessHeap(), 0, data);

    s = getservbyname("good1", "tcp");
    check_serv(__LINE__, s, "good1", 1111, "tcp");
    ok(s && s->s_aliases && s->s_aliases[0] && !strcmp(s->s_aliases[0], "alias1a")
       && s->s_aliases[1] && !strcmp(s->s_aliases[1], "alias1b") && !s->s_aliases[2], "good1 aliases wrong\n");
    check_serv(__LINE__, getservbyname("alias1b", NULL), "good1", 1111, "tcp");
    check_serv(__LINE__, getservbyname("good1", "udp"), "good1", 1121, "udp");
    check_serv(__LINE__, getservbyname("good2alias", "udp"), "good2", 1118, "udp");
    s = getservbyname("good3", "tcp");
    ok(s && (u_short)s->s_port == htons(1119), "good3 not found\n");
    check_serv(__LINE__, getservbyport(htons(1120), "tcp"), "good4", 1120, "tcp");
    check_serv(__LINE__, getservbyname("good5", "tcp"), "good5", 1123, "tcp");
    check_serv(__LINE__, getservbyname("last-line-without-newline", "tcp"), "good5", 1123, "tcp");
    check_serv(__LINE__, getservbyname("good6", "tcp"), "good6", 1125, "tcp");
    /* the file replaces the standard list */
    ok(!getservbyname("http", "tcp"), "http found\n");
    ok(!getservbyname("#good0", NULL), "comment found\n");
    /* How Windows reads malformed lines is not recorded; this
     * implementation skips them whole (Wine's builtin reads some). */
    if (!winetest_platform_is_wine())
    {
        for (i = 1112; i <= 1117; i++)
            ok(!getservbyport(htons(i), NULL), "port %lu found\n", i);
        ok(!getservbyport(htons(1124), NULL), "long line used\n");
        ok(!getservbyname("toobig", NULL), "toobig found\n");
        ok(!getservbyname("negative", NULL), "negative found\n");
    }

    /* No file: Wine's builtin finds nothing.  This implementation falls back to the standard Windows list
     * (Windows' own behaviour without the file is not recorded here); these
     * are the entries where Windows' file differs from Wine's. */
    DeleteFileA(path);
    todo_wine {
    s = getservbyname("http", "tcp");
    check_serv(__LINE__, s, "http", 80, "tcp");
    ok(s && has_alias(s->s_aliases, "www") && has_alias(s->s_aliases, "www-http"), "http aliases missing\n");
    check_serv(__LINE__, getservbyname("www-http", NULL), "http", 80, "tcp");
    s = getservbyname("whois", "tcp");
    check_serv(__LINE__, s, "nicname", 43, "tcp");
    check_serv(__LINE__, getservbyport(htons(143), "tcp"), "imap", 143, "tcp");
    check_serv(__LINE__, getservbyport(htons(162), "udp"), "snmptrap", 162, "udp");
    check_serv(__LINE__, getservbyport(htons(443), "tcp"), "https", 443, "tcp");
    }

    /* an empty file: nothing */
    write_file(path, "", 0);
    ok(!getservbyname("http", "tcp"), "http found in an empty file\n");

restore:
    if (GetFileAttributesA(backup) != INVALID_FILE_ATTRIBUTES)
        ok(MoveFileExA(backup, path, MOVEFILE_REPLACE_EXISTING), "cannot restore %s: %lu\n", path, GetLastError());
    else
        DeleteFileA(path);
    check_serv(__LINE__, getservbyname("http", "tcp"), "http", 80, "tcp");
}

START_TEST(netdb)
{
    WSADATA wsa;

    bad_page = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_NOACCESS);
    test_not_started();
    ok(!WSAStartup(MAKEWORD(2, 2), &wsa), "WSAStartup failed\n");
    test_protocols();
    test_services();
    test_per_thread();
    test_bad_pointers();
    test_GetHostNameW();
    test_services_file();
    WSACleanup();
}
