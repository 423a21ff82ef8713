/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The WinSock 1.1 name service API of nspapi.h: EnumProtocols,
 * GetTypeByName/GetNameByType, GetAddressByName, GetService/SetService.
 * Errors go through SetLastError, as their documentation says; the values
 * are the Win32 error codes it names, and WSAEFAULT for a pointer that
 * cannot be used (the rule of every WinSock function here).
 */
#include "mswsock_private.h"

/* ---- service types: svcguid.h's TCP and UDP port GUIDs --------------- */

/* svcguid.h: a TCP service is {0x0009pppp, 0, rr, C0 00 00 00 00 00 00 46},
 * a UDP one the same with 0x000A; pppp is the port. */
static const BYTE svcid_tail[8] = {0xc0, 0, 0, 0, 0, 0, 0, 0x46};

static void make_port_guid(GUID *guid, BOOL udp, USHORT port)
{
    guid->Data1 = ((udp ? 0x000aUL : 0x0009UL) << 16) | port;
    guid->Data2 = 0;
    guid->Data3 = 0;
    memcpy(guid->Data4, svcid_tail, sizeof(svcid_tail));
}

/* The port and transport of a TCP/UDP service GUID; FALSE for others. */
static BOOL parse_port_guid(const GUID *guid, BOOL *udp, USHORT *port)
{
    DWORD kind = guid->Data1 >> 16;

    if ((kind != 0x0009 && kind != 0x000a) || guid->Data2 || memcmp(guid->Data4, svcid_tail, 8))
        return FALSE;
    *udp = kind == 0x000a;
    *port = (USHORT)(guid->Data1 & 0xffff);
    return TRUE;
}

/* GetTypeByName: a service known to the services database by name is the
 * GUID of its port, TCP preferred; anything else is "unknown type". */
static INT type_by_name(const char *name, GUID *type)
{
    struct servent *ent;
    BOOL udp = FALSE;

    if (!(ent = getservbyname(name, "tcp")))
    {
        udp = TRUE;
        ent = getservbyname(name, "udp");
    }
    if (!ent)
    {
        SetLastError(ERROR_SERVICE_DOES_NOT_EXIST);
        return SOCKET_ERROR;
    }
    make_port_guid(type, udp, ntohs(ent->s_port));
    return 0;
}

INT WINAPI GetTypeByNameA(char *name, GUID *type)
{
    if (msw_strlen(name) < 0 || !msw_writable(type, sizeof(*type)))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    return type_by_name(name, type);
}

INT WINAPI GetTypeByNameW(WCHAR *name, GUID *type)
{
    char narrow[256];

    if (msw_wcslen(name) < 0 || !msw_writable(type, sizeof(*type)))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (!WideCharToMultiByte(CP_ACP, 0, name, -1, narrow, sizeof(narrow), NULL, NULL))
    {
        SetLastError(ERROR_SERVICE_DOES_NOT_EXIST);
        return SOCKET_ERROR;
    }
    return type_by_name(narrow, type);
}

/* The name of a TCP/UDP port GUID's service, or NULL with the error set. */
static const char *name_by_type(const GUID *type)
{
    struct servent *ent;
    USHORT port;
    BOOL udp;

    if (!msw_readable(type, sizeof(*type)))
    {
        SetLastError(WSAEFAULT);
        return NULL;
    }
    if (!parse_port_guid(type, &udp, &port) || !(ent = getservbyport(htons(port), udp ? "udp" : "tcp")))
    {
        SetLastError(ERROR_SERVICE_DOES_NOT_EXIST);
        return NULL;
    }
    return ent->s_name;
}

/* GetNameByType: dwNameLength is the buffer's size in bytes. */
INT WINAPI GetNameByTypeA(GUID *type, char *name, DWORD size)
{
    const char *found = name_by_type(type);
    SIZE_T len;

    if (!found) return SOCKET_ERROR;
    len = strlen(found) + 1;
    if (!msw_writable(name, size ? size : 1))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (len > size)
    {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return SOCKET_ERROR;
    }
    memcpy(name, found, len);
    return 0;
}

INT WINAPI GetNameByTypeW(GUID *type, WCHAR *name, DWORD size)
{
    const char *found = name_by_type(type);
    int len;

    if (!found) return SOCKET_ERROR;
    len = MultiByteToWideChar(CP_ACP, 0, found, -1, NULL, 0);
    if (!msw_writable(name, size ? size : 1))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (len <= 0 || (DWORD)len * sizeof(WCHAR) > size)
    {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return SOCKET_ERROR;
    }
    MultiByteToWideChar(CP_ACP, 0, found, -1, name, len);
    return 0;
}

/* ---- EnumProtocols: PROTOCOL_INFO from the WinSock 2 catalog --------- */

/* XP1_* (WinSock 2) to XP_* (nspapi.h) service flags: the first ten bits
 * agree; multipoint support is what XP_SUPPORTS_MULTICAST meant. */
static DWORD service_flags(DWORD xp1)
{
    DWORD flags = xp1 & 0x3ff;

    if (xp1 & XP1_SUPPORT_MULTIPOINT) flags |= XP_SUPPORTS_MULTICAST;
    return flags;
}

static BOOL protocol_wanted(const INT *protocols, int protocol)
{
    if (!protocols) return TRUE;
    for (; *protocols; protocols++)
        if (*protocols == protocol) return TRUE;
    return FALSE;
}

/* The base protocols of the catalog (layered entries and chains are not
 * transports); a heap block the caller frees, *count entries. */
static WSAPROTOCOL_INFOW *catalog_protocols(DWORD *count)
{
    WSAPROTOCOL_INFOW *all = NULL;
    DWORD size = 0;
    int n, i, kept = 0;

    if (WSAEnumProtocolsW(NULL, NULL, &size) != SOCKET_ERROR || WSAGetLastError() != WSAENOBUFS)
        return NULL;
    if (!(all = msw_alloc(size))) return NULL;
    if ((n = WSAEnumProtocolsW(NULL, all, &size)) == SOCKET_ERROR)
    {
        msw_free(all);
        return NULL;
    }
    for (i = 0; i < n; i++)
        if (all[i].ProtocolChain.ChainLen == BASE_PROTOCOL) all[kept++] = all[i];
    *count = kept;
    return all;
}

/* Both forms share this: the array first, the names after it.  unicode
 * selects PROTOCOL_INFOW (the two layouts differ only in the name). */
static INT enum_protocols(const INT *protocols, void *buffer, DWORD *size, BOOL unicode)
{
    WSAPROTOCOL_INFOW *cat;
    DWORD count = 0, i, needed, entries = 0, names = 0, used;
    SIZE_T entry_size = unicode ? sizeof(PROTOCOL_INFOW) : sizeof(PROTOCOL_INFOA);
    int name_len;
    char *strings;

    if (!msw_writable(size, sizeof(*size)) || (protocols && !msw_readable(protocols, sizeof(*protocols))))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (!(cat = catalog_protocols(&count)))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return SOCKET_ERROR;
    }
    for (i = 0; i < count; i++)
    {
        if (!protocol_wanted(protocols, cat[i].iProtocol)) continue;
        entries++;
        name_len = unicode ? (int)((lstrlenW(cat[i].szProtocol) + 1) * sizeof(WCHAR))
                           : WideCharToMultiByte(CP_ACP, 0, cat[i].szProtocol, -1, NULL, 0, NULL, NULL);
        names += name_len;
    }
    needed = entries * entry_size + names;
    if (!buffer || *size < needed || !msw_writable(buffer, needed))
    {
        msw_free(cat);
        *size = needed;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return SOCKET_ERROR;
    }

    strings = (char *)buffer + entries * entry_size;
    used = 0;
    for (i = 0, entries = 0; i < count; i++)
    {
        PROTOCOL_INFOW *out = (PROTOCOL_INFOW *)((char *)buffer + entries * entry_size);

        if (!protocol_wanted(protocols, cat[i].iProtocol)) continue;
        entries++;
        out->dwServiceFlags = service_flags(cat[i].dwServiceFlags1);
        out->iAddressFamily = cat[i].iAddressFamily;
        out->iMaxSockAddr = cat[i].iMaxSockAddr;
        out->iMinSockAddr = cat[i].iMinSockAddr;
        out->iSocketType = cat[i].iSocketType;
        out->iProtocol = cat[i].iProtocol;
        out->dwMessageSize = cat[i].dwMessageSize;
        out->lpProtocol = (WCHAR *)(strings + used);
        if (unicode)
        {
            name_len = (lstrlenW(cat[i].szProtocol) + 1) * sizeof(WCHAR);
            memcpy(strings + used, cat[i].szProtocol, name_len);
        }
        else
            name_len = WideCharToMultiByte(CP_ACP, 0, cat[i].szProtocol, -1, strings + used,
                                           names - used, NULL, NULL);
        used += name_len;
    }
    msw_free(cat);
    *size = needed;
    return entries;
}

INT WINAPI EnumProtocolsA(INT *protocols, void *buffer, DWORD *size)
{
    return enum_protocols(protocols, buffer, size, FALSE);
}

INT WINAPI EnumProtocolsW(INT *protocols, void *buffer, DWORD *size)
{
    return enum_protocols(protocols, buffer, size, TRUE);
}

/* ---- GetAddressByName ---------------------------------------------------- */

/* What a service type asks for: a port and a transport, or (the host name
 * types of svcguid.h) just addresses, for both transports. */
static BOOL service_target(const GUID *type, USHORT *port, int *socktype)
{
    static const GUID hostname = SVCID_HOSTNAME, byname = SVCID_INET_HOSTADDRBYNAME;
    BOOL udp;

    if (parse_port_guid(type, &udp, port))
    {
        *socktype = udp ? SOCK_DGRAM : SOCK_STREAM;
        return TRUE;
    }
    if (IsEqualGUID(type, &hostname) || IsEqualGUID(type, &byname))
    {
        *port = 0;
        *socktype = 0;
        return TRUE;
    }
    return FALSE;
}

/*
 * GetAddressByName resolves lpServiceName through getaddrinfo (the DNS
 * and hosts name spaces) and returns CSADDR_INFO entries followed by the
 * socket addresses they point to.  With RES_SERVICE the addresses are the
 * ones to bind (the local side); otherwise the remote side to connect to,
 * with a wildcard local address of the same family.  Aliases are not
 * reported: the alias buffer, if any, receives an empty string.
 */
static INT address_by_name(DWORD ns, GUID *type, const char *name, INT *protocols, DWORD resolution,
                           SERVICE_ASYNC_INFO *async, void *buffer, DWORD *size,
                           void *aliases, DWORD *alias_size, BOOL unicode)
{
    struct addrinfo hints, *res = NULL, *ai;
    CSADDR_INFO *out;
    char port[12], *addrs;
    USHORT port_num;
    int socktype, count = 0, err;
    DWORD needed = 0;

    if (async)
    {
        SetLastError(ERROR_INVALID_PARAMETER);  /* reserved: must be NULL */
        return SOCKET_ERROR;
    }
    if (!msw_readable(type, sizeof(*type)) || !msw_writable(size, sizeof(*size)))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (ns != NS_DEFAULT && ns != NS_DNS && ns != NS_TCPIP_HOSTS && ns != NS_TCPIP_LOCAL && ns != NS_ALL)
    {
        SetLastError(ERROR_SERVICE_NOT_FOUND);
        return SOCKET_ERROR;
    }
    if (!service_target(type, &port_num, &socktype))
    {
        SetLastError(ERROR_SERVICE_DOES_NOT_EXIST);
        return SOCKET_ERROR;
    }
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = socktype;
    if (resolution & RES_SERVICE) hints.ai_flags = AI_PASSIVE;
    msw_utoa(port_num, port);
    if ((err = getaddrinfo(name && *name ? name : NULL, port, &hints, &res)))
    {
        SetLastError(err == WSAHOST_NOT_FOUND || err == WSANO_DATA ? ERROR_SERVICE_NOT_FOUND : err);
        return SOCKET_ERROR;
    }
    for (ai = res; ai; ai = ai->ai_next)
    {
        if (protocols && !protocol_wanted(protocols, ai->ai_protocol)) continue;
        count++;
        needed += sizeof(CSADDR_INFO) + 2 * ai->ai_addrlen;
    }
    if (!count)
    {
        freeaddrinfo(res);
        SetLastError(ERROR_SERVICE_NOT_FOUND);
        return SOCKET_ERROR;
    }
    if (!buffer || *size < needed || !msw_writable(buffer, needed))
    {
        freeaddrinfo(res);
        *size = needed;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return SOCKET_ERROR;
    }

    out = buffer;
    addrs = (char *)(out + count);
    for (ai = res; ai; ai = ai->ai_next)
    {
        SOCKET_ADDRESS *resolved, *other;

        if (protocols && !protocol_wanted(protocols, ai->ai_protocol)) continue;
        resolved = (resolution & RES_SERVICE) ? &out->LocalAddr : &out->RemoteAddr;
        other = (resolution & RES_SERVICE) ? &out->RemoteAddr : &out->LocalAddr;
        memcpy(addrs, ai->ai_addr, ai->ai_addrlen);
        resolved->lpSockaddr = (struct sockaddr *)addrs;
        resolved->iSockaddrLength = ai->ai_addrlen;
        addrs += ai->ai_addrlen;
        /* the other side: the same family, any address, any port */
        memset(addrs, 0, ai->ai_addrlen);
        ((struct sockaddr *)addrs)->sa_family = ai->ai_family;
        other->lpSockaddr = (struct sockaddr *)addrs;
        other->iSockaddrLength = ai->ai_addrlen;
        addrs += ai->ai_addrlen;
        out->iSocketType = ai->ai_socktype;
        out->iProtocol = ai->ai_protocol;
        out++;
    }
    freeaddrinfo(res);
    *size = needed;

    if (aliases && msw_writable(alias_size, sizeof(*alias_size)) && *alias_size)
    {
        DWORD unit = unicode ? sizeof(WCHAR) : 1;
        if (*alias_size >= unit && msw_writable(aliases, unit)) memset(aliases, 0, unit);
        *alias_size = unit;
    }
    return count;
}

INT WINAPI GetAddressByNameA(DWORD ns, GUID *type, char *name, INT *protocols, DWORD resolution,
                             SERVICE_ASYNC_INFO *async, void *buffer, DWORD *size,
                             char *aliases, DWORD *alias_size)
{
    if (name && msw_strlen(name) < 0)
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    return address_by_name(ns, type, name, protocols, resolution, async, buffer, size,
                           aliases, alias_size, FALSE);
}

INT WINAPI GetAddressByNameW(DWORD ns, GUID *type, WCHAR *name, INT *protocols, DWORD resolution,
                             SERVICE_ASYNC_INFO *async, void *buffer, DWORD *size,
                             WCHAR *aliases, DWORD *alias_size)
{
    char narrow[1025];

    if (name && msw_wcslen(name) < 0)
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (name && !WideCharToMultiByte(CP_UTF8, 0, name, -1, narrow, sizeof(narrow), NULL, NULL))
    {
        SetLastError(ERROR_INVALID_PARAMETER);  /* longer than any DNS name */
        return SOCKET_ERROR;
    }
    return address_by_name(ns, type, name ? narrow : NULL, protocols, resolution, async, buffer, size,
                           aliases, alias_size, TRUE);
}

/* ---- GetService / SetService -------------------------------------------- */

/*
 * The name spaces behind these (DNS, the hosts file) hold no registered
 * service instances: registering in DNS is a no-op (NSPSetService's
 * documentation), and nothing can be added to the hosts file through
 * this API.  So GetService finds no service (ERROR_SERVICE_NOT_FOUND),
 * SetService's register/deregister/flush succeed without effect in those
 * name spaces, and adding or deleting a service type is not supported.
 */
static INT get_service(DWORD ns, const GUID *type, DWORD props, void *buffer, DWORD *size,
                       SERVICE_ASYNC_INFO *async)
{
    if (async)
    {
        SetLastError(ERROR_INVALID_PARAMETER);  /* reserved: must be NULL */
        return SOCKET_ERROR;
    }
    if (!msw_readable(type, sizeof(*type)) || !msw_writable(size, sizeof(*size)))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    SetLastError(ERROR_SERVICE_NOT_FOUND);
    return SOCKET_ERROR;
}

INT WINAPI GetServiceA(DWORD ns, GUID *type, char *name, DWORD props, void *buffer, DWORD *size,
                       SERVICE_ASYNC_INFO *async)
{
    if (msw_strlen(name) < 0)
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    return get_service(ns, type, props, buffer, size, async);
}

INT WINAPI GetServiceW(DWORD ns, GUID *type, WCHAR *name, DWORD props, void *buffer, DWORD *size,
                       SERVICE_ASYNC_INFO *async)
{
    if (msw_wcslen(name) < 0)
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    return get_service(ns, type, props, buffer, size, async);
}

static INT set_service(DWORD ns, DWORD operation, void *info, SERVICE_ASYNC_INFO *async, DWORD *status)
{
    if (async)
    {
        SetLastError(ERROR_INVALID_PARAMETER);  /* reserved: must be NULL */
        return SOCKET_ERROR;
    }
    if (!msw_writable(status, sizeof(*status)) || !msw_readable(info, sizeof(SERVICE_INFOA)))
    {
        SetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    *status = 0;
    if (ns != NS_DEFAULT && ns != NS_DNS && ns != NS_ALL)
    {
        SetLastError(ERROR_NOT_SUPPORTED);
        return SOCKET_ERROR;
    }
    switch (operation)
    {
    case SERVICE_REGISTER:
    case SERVICE_DEREGISTER:
    case SERVICE_FLUSH:
        return 0;
    case SERVICE_ADD_TYPE:
    case SERVICE_DELETE_TYPE:
        SetLastError(ERROR_NOT_SUPPORTED);
        return SOCKET_ERROR;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return SOCKET_ERROR;
    }
}

INT WINAPI SetServiceA(DWORD ns, DWORD operation, DWORD flags, SERVICE_INFOA *info,
                       SERVICE_ASYNC_INFO *async, DWORD *status)
{
    return set_service(ns, operation, info, async, status);
}

INT WINAPI SetServiceW(DWORD ns, DWORD operation, DWORD flags, SERVICE_INFOW *info,
                       SERVICE_ASYNC_INFO *async, DWORD *status)
{
    return set_service(ns, operation, info, async, status);
}
