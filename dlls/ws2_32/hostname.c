/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * gethostname and GetHostNameW: the machine's DNS host name.
 */
#include "ws2_32_private.h"

int WINAPI gethostname(char *name, int len)
{
    char host[256];
    DWORD size = sizeof(host), err;

    TRACE("%p %d\n", name, len);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!name || len <= 0 || !ws2_writable(name, len)) return ws2_fail(WSAEFAULT);
    if (!GetComputerNameExA(ComputerNameDnsHostname, host, &size)) return ws2_fail(WSAENETDOWN);
    if ((int)size + 1 > len) return ws2_fail(WSAEFAULT);
    memcpy(name, host, size + 1);
    return 0;
}

int WINAPI GetHostNameW(WCHAR *name, int len)
{
    WCHAR host[256];
    DWORD size = ARRAYSIZE(host), err;

    TRACE("%p %d\n", name, len);
    if ((err = ws2_enter_check())) return ws2_fail(err);
    if (!name || len <= 0) return ws2_fail(WSAEFAULT);
    if (!GetComputerNameExW(ComputerNameDnsHostname, host, &size)) return ws2_fail(WSAENETDOWN);
    if ((int)size + 1 > len) return ws2_fail(WSAEFAULT);
    if (!ws2_writable(name, (size + 1) * sizeof(WCHAR))) return ws2_fail(WSAEFAULT);
    memcpy(name, host, (size + 1) * sizeof(WCHAR));
    return 0;
}
