/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * NSPStartup: mswsock as the DNS name-space provider (NSPv1, ws2spi.h).
 * Lookups are answered by our ws2_32's own DNS name space through
 * WSALookupService*, with the name space forced to NS_DNS and no provider
 * GUID, so a query never comes back to a layered name-space provider.
 * Each function returns NO_ERROR or SOCKET_ERROR with WSASetLastError,
 * as the NSP functions' documentation asks.
 */
#include "mswsock_private.h"

static int nsp_error(int code)
{
    WSASetLastError(code);
    return SOCKET_ERROR;
}

/* One NSPCleanup per successful NSPStartup; each releases its ws2_32
 * reference. */
static INT WSAAPI nsp_cleanup(GUID *provider)
{
    return WSACleanup() ? SOCKET_ERROR : NO_ERROR;
}

static INT WSAAPI nsp_lookup_begin(GUID *provider, WSAQUERYSETW *restrictions, WSASERVICECLASSINFOW *info,
                                   DWORD flags, HANDLE *lookup)
{
    WSAQUERYSETW query;

    if (!msw_readable(restrictions, sizeof(*restrictions)) || !msw_writable(lookup, sizeof(*lookup)))
        return nsp_error(WSAEFAULT);
    query = *restrictions;
    query.dwNameSpace = NS_DNS;
    query.lpNSProviderId = NULL;
    return WSALookupServiceBeginW(&query, flags, lookup) ? SOCKET_ERROR : NO_ERROR;
}

static INT WSAAPI nsp_lookup_next(HANDLE lookup, DWORD flags, DWORD *size, WSAQUERYSETW *results)
{
    return WSALookupServiceNextW(lookup, flags, size, results) ? SOCKET_ERROR : NO_ERROR;
}

static INT WSAAPI nsp_lookup_end(HANDLE lookup)
{
    return WSALookupServiceEnd(lookup) ? SOCKET_ERROR : NO_ERROR;
}

/* Registering and deregistering are no-ops in the DNS name space
 * (NSPSetService's documentation); deleting has nothing to delete. */
static INT WSAAPI nsp_set_service(GUID *provider, WSASERVICECLASSINFOW *info, WSAQUERYSETW *reg,
                                  WSAESETSERVICEOP op, DWORD flags)
{
    if (!msw_readable(reg, sizeof(*reg))) return nsp_error(WSAEINVAL);
    switch (op)
    {
    case RNRSERVICE_REGISTER:
    case RNRSERVICE_DEREGISTER:
        return NO_ERROR;
    case RNRSERVICE_DELETE:
        return nsp_error(WSASERVICE_NOT_FOUND);
    default:
        return nsp_error(WSAEINVAL);
    }
}

/* DNS keeps no service class schemas: the documented answer of a provider
 * that does not implement these is WSAEOPNOTSUPP. */
static INT WSAAPI nsp_install_class(GUID *provider, WSASERVICECLASSINFOW *info)
{
    return nsp_error(WSAEOPNOTSUPP);
}

static INT WSAAPI nsp_remove_class(GUID *provider, GUID *class_id)
{
    return nsp_error(WSAEOPNOTSUPP);
}

static INT WSAAPI nsp_get_class_info(GUID *provider, DWORD *size, WSASERVICECLASSINFOW *info)
{
    return nsp_error(WSAEOPNOTSUPP);
}

/* No control codes (SIO_NSP_NOTIFY_CHANGE) are offered for DNS lookups. */
static INT WSAAPI nsp_ioctl(HANDLE lookup, DWORD code, void *in, DWORD in_len, void *out, DWORD out_len,
                            DWORD *returned, WSACOMPLETION *completion, WSATHREADID *thread)
{
    return nsp_error(WSAEOPNOTSUPP);
}

INT WSAAPI NSPStartup(GUID *provider, NSP_ROUTINE *routines)
{
    WSADATA wsadata;
    int err;

    if (!msw_writable(routines, sizeof(*routines)))
        return nsp_error(WSAEINVAL);
    if ((err = WSAStartup(MAKEWORD(2, 2), &wsadata))) return nsp_error(err);
    routines->cbSize = sizeof(*routines);
    /* the name-space SPI of WinSock 2.2 */
    routines->dwMajorVersion = 2;
    routines->dwMinorVersion = 2;
    routines->NSPCleanup = nsp_cleanup;
    routines->NSPLookupServiceBegin = nsp_lookup_begin;
    routines->NSPLookupServiceNext = nsp_lookup_next;
    routines->NSPLookupServiceEnd = nsp_lookup_end;
    routines->NSPSetService = nsp_set_service;
    routines->NSPInstallServiceClass = nsp_install_class;
    routines->NSPRemoveServiceClass = nsp_remove_class;
    routines->NSPGetServiceClassInfo = nsp_get_class_info;
    routines->NSPIoctl = nsp_ioctl;
    return NO_ERROR;
}
