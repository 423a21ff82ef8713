/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mswsock's setup and service entry points.  Microsoft documents none of
 * them beyond their names; what each does here is the safe reading of
 * that name under our design, stated with each.
 */
#include "mswsock_private.h"

/*
 * MigrateWinsockConfiguration(Ex): called by Windows setup to carry an old
 * WinSock catalog over an upgrade.  Our catalog is built by ws2_32 itself
 * and there is no older configuration to carry: nothing to do, success.
 */
DWORD WINAPI MigrateWinsockConfiguration(DWORD phase, void *callback, void *context)
{
    return NO_ERROR;
}

DWORD WINAPI MigrateWinsockConfigurationEx(DWORD phase, DWORD flags, void *callback, void *context,
                                           void *reserved)
{
    return NO_ERROR;
}

/*
 * NPLoadNameSpaces: the WinSock 1.1 name-space loader behind GetAddressByName
 * and friends, reporting the name spaces it loaded.  Ours resolve through
 * ws2_32 directly (service.c) and load no WinSock 1.1 name-space DLLs, so
 * it reports none: zero entries, nothing written.
 */
INT WINAPI NPLoadNameSpaces(DWORD *version, void *routines, DWORD *size)
{
    return 0;
}

/*
 * StartWsdpService / StopWsdpService: the Winsock Direct path service for
 * SAN providers.  No such provider exists here: starting fails with
 * ERROR_NOT_SUPPORTED, stopping has nothing to stop and succeeds.
 */
DWORD WINAPI StartWsdpService(void)
{
    return ERROR_NOT_SUPPORTED;
}

DWORD WINAPI StopWsdpService(void)
{
    return NO_ERROR;
}

/*
 * GetSocketErrorMessageW: its one argument and its result are not
 * documented.  We do not guess at a buffer layout: it returns NULL (no
 * message) and sets ERROR_CALL_NOT_IMPLEMENTED.
 */
WCHAR * WINAPI GetSocketErrorMessageW(DWORD code)
{
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return NULL;
}
