/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ws2echo: a small TCP echo server and client in one program.
 *
 *   ws2echo            run both: a server thread on 127.0.0.1 and a client
 *   ws2echo server P   serve on port P until the client says "quit"
 *   ws2echo client P   send a few lines to port P and check the echoes
 *
 * It also reports which ws2_32.dll answered, from the loaded module's
 * version resource, so a user can see that the replacement DLL was used.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

static void report_dll(void)
{
    char path[MAX_PATH], *desc = NULL;
    DWORD handle, size;
    UINT len;
    void *data;
    HMODULE module = GetModuleHandleA("ws2_32.dll");

    if (!module || !GetModuleFileNameA(module, path, sizeof(path)))
    {
        printf("ws2_32.dll: not loaded?\n");
        return;
    }
    size = GetFileVersionInfoSizeA(path, &handle);
    data = size ? malloc(size) : NULL;
    if (data && GetFileVersionInfoA(path, 0, size, data) &&
        VerQueryValueA(data, "\\StringFileInfo\\040904B0\\ProductName", (void **)&desc, &len))
        printf("ws2_32.dll loaded from %s: %s\n", path, desc);
    else
        printf("ws2_32.dll loaded from %s: no product name\n", path);
    free(data);
}

static int serve(SOCKET listener)
{
    char buf[512];
    SOCKET s = accept(listener, NULL, NULL);
    int n;

    if (s == INVALID_SOCKET)
    {
        printf("server: accept failed: %d\n", WSAGetLastError());
        return 1;
    }
    while ((n = recv(s, buf, sizeof(buf), 0)) > 0)
    {
        if (n == 4 && !memcmp(buf, "quit", 4)) break;
        if (send(s, buf, n, 0) != n)
        {
            printf("server: send failed: %d\n", WSAGetLastError());
            break;
        }
    }
    if (n < 0) printf("server: recv failed: %d\n", WSAGetLastError());
    closesocket(s);
    return n < 0;
}

static DWORD WINAPI server_thread(void *arg)
{
    return serve((SOCKET)arg);
}

/* Read exactly len bytes. */
static int recv_all(SOCKET s, char *buf, int len)
{
    int got = 0, n;

    while (got < len)
    {
        if ((n = recv(s, buf + got, len - got, 0)) <= 0) return -1;
        got += n;
    }
    return got;
}

static int client(unsigned short port)
{
    static const char *lines[] = { "hello", "echo over Wine's socket driver", "ws2_32" };
    struct sockaddr_in addr = { 0 };
    char buf[512];
    unsigned int i;
    int failures = 0;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    if (s == INVALID_SOCKET || connect(s, (struct sockaddr *)&addr, sizeof(addr)))
    {
        printf("client: connect failed: %d\n", WSAGetLastError());
        return 1;
    }
    for (i = 0; i < ARRAYSIZE(lines); i++)
    {
        int len = strlen(lines[i]);

        if (send(s, lines[i], len, 0) != len || recv_all(s, buf, len) != len || memcmp(buf, lines[i], len))
        {
            printf("client: echo of \"%s\" failed: %d\n", lines[i], WSAGetLastError());
            failures++;
            continue;
        }
        printf("client: sent \"%s\", got \"%.*s\" back\n", lines[i], len, buf);
    }
    send(s, "quit", 4, 0);
    closesocket(s);
    return failures != 0;
}

static SOCKET make_listener(unsigned short port, unsigned short *bound)
{
    struct sockaddr_in addr = { 0 };
    int len = sizeof(addr);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s == INVALID_SOCKET || bind(s, (struct sockaddr *)&addr, sizeof(addr)) || listen(s, 5) ||
        getsockname(s, (struct sockaddr *)&addr, &len))
    {
        printf("server: set-up failed: %d\n", WSAGetLastError());
        return INVALID_SOCKET;
    }
    *bound = ntohs(addr.sin_port);
    return s;
}

int main(int argc, char **argv)
{
    WSADATA data;
    unsigned short port = 0;
    SOCKET listener;
    HANDLE thread;
    DWORD server_result = 1;
    int ret;

    if (WSAStartup(MAKEWORD(2, 2), &data))
    {
        printf("WSAStartup failed\n");
        return 1;
    }
    report_dll();
    printf("WSAStartup: version %d.%d, \"%s\", \"%s\"\n", LOBYTE(data.wVersion), HIBYTE(data.wVersion),
           data.szDescription, data.szSystemStatus);

    if (argc == 3 && !strcmp(argv[1], "client")) ret = client(atoi(argv[2]));
    else if (argc == 3 && !strcmp(argv[1], "server"))
    {
        if ((listener = make_listener(atoi(argv[2]), &port)) == INVALID_SOCKET) return 1;
        printf("server: listening on 127.0.0.1:%u\n", port);
        ret = serve(listener);
    }
    else
    {
        if ((listener = make_listener(0, &port)) == INVALID_SOCKET) return 1;
        printf("server: listening on 127.0.0.1:%u\n", port);
        thread = CreateThread(NULL, 0, server_thread, (void *)listener, 0, NULL);
        ret = client(port);
        WaitForSingleObject(thread, 10000);
        GetExitCodeThread(thread, &server_result);
        ret |= server_result != 0;
        closesocket(listener);
    }
    WSACleanup();
    printf(ret ? "echo: FAILED\n" : "echo: OK\n");
    return ret;
}
