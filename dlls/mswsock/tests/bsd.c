/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mswsock's BSD helpers: dn_expand (RFC 1035 4.1.4 compression),
 * inet_network, getnetbyname, rresvport, rexec, rcmd, sethostname.
 */
#include "mswsock_test.h"

typedef int (WINAPI *dn_expand_fn)(const unsigned char *, const unsigned char *, const unsigned char *, char *, int);
typedef ULONG (WINAPI *inet_network_fn)(const char *);
typedef struct netent *(WINAPI *getnetbyname_fn)(const char *);
typedef SOCKET (WINAPI *rresvport_fn)(int *);
typedef SOCKET (WINAPI *rexec_fn)(char **, int, char *, char *, char *, int *);
typedef SOCKET (WINAPI *rcmd_fn)(char **, USHORT, char *, char *, char *, int *);
typedef int (WINAPI *sethostname_fn)(const char *, int);

/* A message of our own: a 12-byte header, then at 12 "relay.quux.test",
 * then "edge" + a pointer to "quux.test" (offset 18), then a lone pointer
 * to offset 12, then a pointer to itself, then two pointers to each other,
 * then a pointer past the end, then a label holding a dot. */
static const unsigned char message[] =
{
    0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
    5, 'r', 'e', 'l', 'a', 'y', 4, 'q', 'u', 'u', 'x', 4, 't', 'e', 's', 't', 0,   /* 12..28 */
    4, 'e', 'd', 'g', 'e', 0xc0, 18,                                              /* 29..35 */
    0xc0, 12,                                                                     /* 36 */
    0xc0, 38,                                                                     /* 38: itself */
    0xc0, 42, 0xc0, 40,                                                           /* 40, 42: a cycle */
    0xc0, 0xf0,                                                                   /* 44: past the end */
    3, 'a', '.', 'b', 0,                                                          /* 46 */
    0x40, 'x', 0,                                                                 /* 51: reserved label type */
};

static void expand_ok(dn_expand_fn expand, int offset, int want_len, const char *want)
{
    char out[64];
    int ret;

    memset(out, 0x77, sizeof(out));
    ret = expand(message, message + sizeof(message), message + offset, out, sizeof(out));
    ok(ret == want_len, "offset %d: returned %d, want %d\n", offset, ret, want_len);
    if (ret > 0) ok(!strcmp(out, want), "offset %d: %s, want %s\n", offset, out, want);
}

static void test_dn_expand(void)
{
    dn_expand_fn expand = msw_real("dn_expand");
    const unsigned char *end = message + sizeof(message);
    char out[64];

    if (!expand) return;
    /* Rule: an uncompressed name uses all its bytes, the root byte included */
    expand_ok(expand, 12, 17, "relay.quux.test");
    /* Rule: a name that ends in a pointer uses its labels and the pointer's two bytes */
    expand_ok(expand, 29, 7, "edge.quux.test");
    expand_ok(expand, 36, 2, "relay.quux.test");
    /* Rule: the root name is one zero byte, the empty name */
    expand_ok(expand, 28, 1, "");
    /* Rule: a dot inside a label is escaped in the text form */
    expand_ok(expand, 46, 5, "a\\.b");

    /* Rules: loops, pointers outside the message, reserved label types,
     * names running past the end and a full output buffer are errors */
    ok(expand(message, end, message + 38, out, sizeof(out)) == -1, "pointer to itself accepted\n");
    ok(expand(message, end, message + 40, out, sizeof(out)) == -1, "pointer cycle accepted\n");
    ok(expand(message, end, message + 44, out, sizeof(out)) == -1, "pointer past the end accepted\n");
    ok(expand(message, end, message + 51, out, sizeof(out)) == -1, "label type 0x40 accepted\n");
    ok(expand(message, message + 20, message + 12, out, sizeof(out)) == -1, "label past the end accepted\n");
    ok(expand(message, end, message + 12, out, 10) == -1, "output overflow accepted\n");
    ok(expand(message, end, message + 12, out, 16) == 17, "exactly fitting output refused\n");
}

/* Rule (inet_network(3)): one to four dotted parts, each a byte in decimal,
 * octal or hex, right-aligned in host order; anything else INADDR_NONE. */
static void test_inet_network(void)
{
    static const struct { const char *text; ULONG want; } cases[] =
    {
        {"172.16.254.1", 0xac10fe01},
        {"10.3", 0x0a03},
        {"0x7f.1", 0x7f01},
        {"012", 10},
        {"0", 0},
        {"192.0.2", 0xc00002},
        {"256.1", INADDR_NONE},
        {"1.2.3.4.5", INADDR_NONE},
        {"", INADDR_NONE},
        {"3..4", INADDR_NONE},
        {"08", INADDR_NONE},
        {"0x", INADDR_NONE},
        {"9.x", INADDR_NONE},
    };
    inet_network_fn network = msw_real("inet_network");
    unsigned int i;

    if (!network) return;
    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        ULONG got = network(cases[i].text);
        ok(got == cases[i].want, "%s: got %#lx, want %#lx\n", cases[i].text, got, cases[i].want);
    }
}

/* The networks file of the prefix, which the test extends for a moment. */
static void networks_path(char *path)
{
    GetSystemDirectoryA(path, MAX_PATH);
    lstrcatA(path, "\\drivers\\etc\\networks");
}

/* Rule: getnetbyname finds a network by name or alias in the networks
 * file; an unknown name is NULL with WSAHOST_NOT_FOUND. */
static void test_getnetbyname(void)
{
    getnetbyname_fn by_name = msw_real("getnetbyname");
    static const char extra[] = "\r\n# added by the mswsock test\r\norchardnet 10.77 grove groves # trailing\r\n";
    char path[MAX_PATH], *saved = NULL;
    struct netent *ent;
    DWORD size = 0, done;
    HANDLE file;

    if (!by_name) return;
    WSASetLastError(0);
    ent = by_name("no-such-network-k2");
    ok(!ent && WSAGetLastError() == WSAHOST_NOT_FOUND, "unknown: %p, %d\n", ent, WSAGetLastError());

    networks_path(path);
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        skip("cannot open %s: %lu\n", path, GetLastError());
        return;
    }
    size = GetFileSize(file, NULL);
    saved = HeapAlloc(GetProcessHeap(), 0, size + 1);
    ReadFile(file, saved, size, &done, NULL);
    WriteFile(file, extra, sizeof(extra) - 1, &done, NULL);
    CloseHandle(file);

    ent = by_name("orchardnet");
    ok(ent != NULL, "orchardnet not found: %d\n", WSAGetLastError());
    if (ent)
    {
        ok(!strcmp(ent->n_name, "orchardnet"), "name %s\n", ent->n_name);
        ok(ent->n_net == 0x0a4d, "net %#lx\n", (unsigned long)ent->n_net);
        ok(ent->n_addrtype == AF_INET, "type %d\n", ent->n_addrtype);
        ok(ent->n_aliases[0] && !strcmp(ent->n_aliases[0], "grove") && ent->n_aliases[1] &&
           !strcmp(ent->n_aliases[1], "groves") && !ent->n_aliases[2], "aliases wrong\n");
    }
    ent = by_name("GROVES");
    ok(ent && !strcmp(ent->n_name, "orchardnet"), "alias lookup failed\n");
    ent = by_name("trailing");
    ok(!ent, "a word of a comment was taken as an alias\n");

    /* put the file back as it was */
    file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, saved, size, &done, NULL);
    CloseHandle(file);
    HeapFree(GetProcessHeap(), 0, saved);
}

/* Rule (rresvport(3)): a socket bound to a port in 512..1023, reported in
 * *port; whether one may be bound is the host's decision, so a failure
 * must carry a binding error.  A bad pointer is WSAEFAULT. */
static void test_rresvport(void)
{
    rresvport_fn resv = msw_real("rresvport");
    struct sockaddr_in addr;
    int port = 1000, len = sizeof(addr);
    SOCKET s;

    if (!resv) return;
    WSASetLastError(0);
    s = resv(NULL);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "NULL: %d\n", WSAGetLastError());
    s = resv(&port);
    if (s == INVALID_SOCKET)
    {
        ok(WSAGetLastError() == WSAEACCES || WSAGetLastError() == WSAEADDRNOTAVAIL, "error %d\n", WSAGetLastError());
        return;
    }
    ok(port >= 512 && port <= 1000, "port %d\n", port);
    ok(!getsockname(s, LB_ADDR(&addr), &len) && ntohs(addr.sin_port) == port, "bound to %u\n", ntohs(addr.sin_port));
    closesocket(s);
}

/* A one-connection rexec server: reads the four strings, answers
 * rexec_answer, and on success sends "ok-output". */
struct rexec_server
{
    SOCKET listener;
    char answer;
    char fields[4][32];
    USHORT peer_port;
};

static DWORD WINAPI rexec_server_thread(void *arg)
{
    struct rexec_server *srv = arg;
    struct sockaddr_in peer;
    int field = 0, pos = 0, peer_len = sizeof(peer);
    SOCKET s = accept(srv->listener, LB_ADDR(&peer), &peer_len);
    char c;

    if (s == INVALID_SOCKET) return 0;
    srv->peer_port = ntohs(peer.sin_port);

    while (field < 4 && recv(s, &c, 1, 0) == 1)
    {
        if (pos < 31) srv->fields[field][pos++] = c;
        if (!c)
        {
            field++;
            pos = 0;
        }
    }
    send(s, &srv->answer, 1, 0);
    if (!srv->answer) send(s, "ok-output", 9, 0);
    else send(s, "denied\n", 7, 0);
    shutdown(s, SD_SEND);
    Sleep(100);
    closesocket(s);
    return 0;
}

/* Rule (rexec(3)): "0" (no error channel), user, password, command, each
 * zero-terminated; a zero byte back means the command runs on the returned
 * socket, anything else is a refusal. */
static void test_rexec(void)
{
    rexec_fn rx = msw_real("rexec");
    struct rexec_server srv;
    SOCKADDR_STORAGE addr;
    char host[] = "127.0.0.1", *hostp = host, buf[16];
    int len, err_fd;
    HANDLE thread;
    SOCKET s;
    int attempt;

    if (!rx) return;
    memset(&addr, 0, sizeof(addr));
    for (attempt = 0; attempt < 2; attempt++)
    {
        memset(&srv, 0, sizeof(srv));
        srv.answer = attempt ? 1 : 0;
        srv.listener = lb_listener(&addr, &len);
        thread = CreateThread(NULL, 0, rexec_server_thread, &srv, 0, NULL);
        s = rx(&hostp, ((struct sockaddr_in *)&addr)->sin_port, (char *)"walnut", (char *)"s3cret",
               (char *)"ls -l", NULL);
        if (!attempt)
        {
            ok(s != INVALID_SOCKET, "rexec failed: %d\n", WSAGetLastError());
            ok(recv(s, buf, sizeof(buf), MSG_WAITALL) == 9 && !memcmp(buf, "ok-output", 9), "no output\n");
            closesocket(s);
        }
        else
            ok(s == INVALID_SOCKET, "refused command accepted\n");
        WaitForSingleObject(thread, 5000);
        CloseHandle(thread);
        closesocket(srv.listener);
        ok(!strcmp(srv.fields[0], "0") && !strcmp(srv.fields[1], "walnut") && !strcmp(srv.fields[2], "s3cret") &&
           !strcmp(srv.fields[3], "ls -l"), "server read %s/%s/%s/%s\n", srv.fields[0], srv.fields[1],
           srv.fields[2], srv.fields[3]);
    }

    /* a separate error channel is not offered */
    WSASetLastError(0);
    s = rx(&hostp, htons(9), (char *)"walnut", (char *)"s3cret", (char *)"ls", &err_fd);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEOPNOTSUPP, "fd2p: %d\n", WSAGetLastError());
}

/* Rule (rcmd(3)): the same exchange with the local and remote user names,
 * from a reserved port (512..1023).  Whether a reserved port may be bound
 * is the host's decision under Wine: without it the bind error comes back. */
static void test_rcmd(void)
{
    rcmd_fn rc = msw_real("rcmd");
    struct rexec_server srv;
    SOCKADDR_STORAGE addr;
    char host[] = "127.0.0.1", *hostp = host, buf[16];
    int len = sizeof(addr), err_fd;
    HANDLE thread;
    SOCKET s;

    if (!rc) return;
    memset(&srv, 0, sizeof(srv));
    memset(&addr, 0, sizeof(addr));
    srv.listener = lb_listener(&addr, &len);
    thread = CreateThread(NULL, 0, rexec_server_thread, &srv, 0, NULL);
    s = rc(&hostp, ((struct sockaddr_in *)&addr)->sin_port, (char *)"maple", (char *)"birch", (char *)"uptime", NULL);
    if (s == INVALID_SOCKET)
    {
        ok(WSAGetLastError() == WSAEACCES || WSAGetLastError() == WSAEADDRNOTAVAIL, "rcmd: %d\n", WSAGetLastError());
        closesocket(srv.listener);
        WaitForSingleObject(thread, 5000);
    }
    else
    {
        ok(recv(s, buf, sizeof(buf), MSG_WAITALL) == 9 && !memcmp(buf, "ok-output", 9), "no output\n");
        closesocket(s);
        WaitForSingleObject(thread, 5000);
        closesocket(srv.listener);
        ok(srv.peer_port >= 512 && srv.peer_port <= 1023, "client port %u\n", srv.peer_port);
        ok(!strcmp(srv.fields[0], "0") && !strcmp(srv.fields[1], "maple") && !strcmp(srv.fields[2], "birch") &&
           !strcmp(srv.fields[3], "uptime"), "server read %s/%s/%s/%s\n", srv.fields[0], srv.fields[1],
           srv.fields[2], srv.fields[3]);
    }
    CloseHandle(thread);

    WSASetLastError(0);
    s = rc(&hostp, htons(514), (char *)"maple", (char *)"birch", (char *)"uptime", &err_fd);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEOPNOTSUPP, "fd2p: %d\n", WSAGetLastError());
    WSASetLastError(0);
    s = rc(NULL, htons(514), (char *)"maple", (char *)"birch", (char *)"uptime", NULL);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEFAULT, "NULL host: %d\n", WSAGetLastError());
}

/* Rule: sethostname checks its arguments (a name of len bytes). */
static void test_sethostname(void)
{
    sethostname_fn set_name = msw_real("sethostname");
    int ret;

    if (!set_name) return;
    WSASetLastError(0);
    ret = set_name(NULL, 6);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL name: %d, %d\n", ret, WSAGetLastError());
    WSASetLastError(0);
    ret = set_name("grove", -3);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "negative length: %d, %d\n", ret,
       WSAGetLastError());
    WSASetLastError(0);
    ret = set_name("grove", 0);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "empty name: %d, %d\n", ret, WSAGetLastError());
}

START_TEST(bsd)
{
    msw_start();
    test_dn_expand();
    test_inet_network();
    test_getnetbyname();
    test_rresvport();
    test_rexec();
    test_rcmd();
    test_sethostname();
    msw_finish();
}
