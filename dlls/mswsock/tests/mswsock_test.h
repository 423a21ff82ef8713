/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Shared by the mswsock conformance tests: mswsock's functions are looked
 * up at run time, because Wine's builtin mswsock lacks many exports (the
 * program must still load) and has others only as stubs that raise an
 * exception when called.  msw_ours() tells our DLL from Wine's: ours has
 * the TCP/IP helper exports, Wine's has none.  A check of a function that
 * Wine's DLL does not implement is skipped there, saying so.
 */
#ifndef MSWSOCK_TEST_H
#define MSWSOCK_TEST_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <ws2spi.h>
#include <nspapi.h>
#include <svcguid.h>
#include <windows.h>

#include "wine/test.h"
#include "loopback.h"

static HMODULE msw_module;

static inline void msw_start(void)
{
    WSADATA data;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    msw_module = LoadLibraryA("mswsock.dll");
    ok(msw_module != NULL, "mswsock.dll did not load: %lu\n", GetLastError());
}

static inline void msw_finish(void)
{
    if (msw_module) FreeLibrary(msw_module);
    WSACleanup();
}

static inline BOOL msw_ours(void)
{
    return msw_module && GetProcAddress(msw_module, "Tcpip4_WSHGetSockaddrType") != NULL;
}

/* The export, or NULL (skipped with the reason) when the DLL under test is
 * Wine's and does not implement it. */
static inline void *msw_real(const char *name)
{
    void *fn = msw_module ? (void *)GetProcAddress(msw_module, name) : NULL;

    if (!msw_ours())
    {
        skip("%s: Wine's mswsock has no working %s (missing or a stub that raises)\n",
             fn ? "stub" : "missing", name);
        return NULL;
    }
    ok(fn != NULL, "%s is not exported\n", name);
    return fn;
}

/* The export whatever DLL is under test (Wine implements it too). */
static inline void *msw_any(const char *name)
{
    void *fn = msw_module ? (void *)GetProcAddress(msw_module, name) : NULL;

    ok(fn != NULL, "%s is not exported\n", name);
    return fn;
}

#endif
