/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The TCP/IP helper entry points (WSH*, wsahelp.h) for IPv4 (Tcpip4_) and
 * IPv6 (Tcpip6_).  On Windows, msafd calls these to learn about addresses
 * and to drive a TDI transport.  The address functions are pure and are
 * implemented; the ones that act on a helper socket context (OpenSocket,
 * Notify, Get/SetSocketInformation, Ioctl, JoinLeaf) need a TDI transport,
 * which our sockets do not use, so they return WSAEOPNOTSUPP.
 * WSH functions return their WinSock error code (0 = NO_ERROR).
 */
#include "mswsock_private.h"

/* wsahelp.h's types (facts of the helper interface). */
typedef enum
{
    SockaddrAddressInfoNormal,
    SockaddrAddressInfoWildcard,
    SockaddrAddressInfoBroadcast,
    SockaddrAddressInfoLoopback
} SOCKADDR_ADDRESS_INFO;

typedef enum
{
    SockaddrEndpointInfoNormal,
    SockaddrEndpointInfoWildcard,
    SockaddrEndpointInfoReserved
} SOCKADDR_ENDPOINT_INFO;

typedef struct
{
    SOCKADDR_ADDRESS_INFO AddressInfo;
    SOCKADDR_ENDPOINT_INFO EndpointInfo;
} SOCKADDR_INFO;

typedef struct
{
    DWORD AddressFamily;
    DWORD SocketType;
    DWORD Protocol;
} WINSOCK_MAPPING_ROW;

typedef struct
{
    DWORD Rows;
    DWORD Columns;
    WINSOCK_MAPPING_ROW Mapping[1];
} WINSOCK_MAPPING;

/* The catalog GUIDs of the TCP/IP providers (the same as ws2_32's). */
static const GUID tcpip4_guid = {0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}};
static const GUID tcpip6_guid = {0xf9eab0c0, 0x26d4, 0x11d0, {0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4}};

static int sockaddr_size(int family)
{
    return family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
}

/* ---- address classification ------------------------------------------- */

static INT get_sockaddr_type(int family, const struct sockaddr *addr, DWORD len, SOCKADDR_INFO *info)
{
    USHORT port;

    if (!msw_readable(addr, sizeof(addr->sa_family)) || !msw_writable(info, sizeof(*info)))
        return WSAEFAULT;
    if (addr->sa_family != family) return WSAEAFNOSUPPORT;
    if (len < (DWORD)sockaddr_size(family) || !msw_readable(addr, sockaddr_size(family))) return WSAEFAULT;

    if (family == AF_INET)
    {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;
        ULONG a = ntohl(sin->sin_addr.s_addr);

        port = ntohs(sin->sin_port);
        info->AddressInfo = a == INADDR_ANY ? SockaddrAddressInfoWildcard
                          : a == INADDR_BROADCAST ? SockaddrAddressInfoBroadcast
                          : (a >> 24) == 127 ? SockaddrAddressInfoLoopback
                          : SockaddrAddressInfoNormal;
    }
    else
    {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)addr;
        static const BYTE any[16], loop[16] = {[15] = 1};

        port = ntohs(sin6->sin6_port);
        info->AddressInfo = !memcmp(&sin6->sin6_addr, any, 16) ? SockaddrAddressInfoWildcard
                          : !memcmp(&sin6->sin6_addr, loop, 16) ? SockaddrAddressInfoLoopback
                          : SockaddrAddressInfoNormal;
    }
    /* Ports below 1024 are the well-known, privileged ones. */
    info->EndpointInfo = !port ? SockaddrEndpointInfoWildcard
                       : port < 1024 ? SockaddrEndpointInfoReserved
                       : SockaddrEndpointInfoNormal;
    return NO_ERROR;
}

/* Fills *addr (room *len) with family's any-address, port 0 - or, for
 * broadcast, 255.255.255.255. */
static INT fill_sockaddr(int family, BOOL broadcast, struct sockaddr *addr, INT *len)
{
    int size = sockaddr_size(family);

    if (!msw_writable(len, sizeof(*len))) return WSAEFAULT;
    if (*len < size || !msw_writable(addr, size)) return WSAEFAULT;
    memset(addr, 0, size);
    addr->sa_family = family;
    if (broadcast) ((struct sockaddr_in *)addr)->sin_addr.s_addr = htonl(INADDR_BROADCAST);
    *len = size;
    return NO_ERROR;
}

/* ---- the mapping and protocol tables ------------------------------------ */

static DWORD get_winsock_mapping(int family, WINSOCK_MAPPING *mapping, DWORD size)
{
    /* The triples this transport accepts: protocol 0 means the default. */
    static const WINSOCK_MAPPING_ROW rows[] =
    {
        {0, SOCK_STREAM, 0},
        {0, SOCK_STREAM, IPPROTO_TCP},
        {0, SOCK_DGRAM, 0},
        {0, SOCK_DGRAM, IPPROTO_UDP},
    };
    DWORD count = ARRAYSIZE(rows), needed = FIELD_OFFSET(WINSOCK_MAPPING, Mapping[count]), i;

    if (mapping && size >= needed && msw_writable(mapping, needed))
    {
        mapping->Rows = count;
        mapping->Columns = 3;
        for (i = 0; i < count; i++)
        {
            mapping->Mapping[i] = rows[i];
            mapping->Mapping[i].AddressFamily = family;
        }
    }
    return needed;
}

/* The catalog's entries of one family, kept for the process's lifetime
 * because WSHGetWSAProtocolInfo hands out a pointer to them. */
static WSAPROTOCOL_INFOW *family_protocols[2];
static DWORD family_counts[2];

static INT get_wsa_protocol_info(int family, WSAPROTOCOL_INFOW **info, DWORD *entries)
{
    int index = family == AF_INET ? 0 : 1, n, i, kept = 0;
    INT families[] = {IPPROTO_TCP, IPPROTO_UDP, 0};
    WSAPROTOCOL_INFOW *all;
    DWORD size = 0;

    if (!msw_writable(info, sizeof(*info)) || !msw_writable(entries, sizeof(*entries))) return WSAEFAULT;
    if (!family_protocols[index])
    {
        if (WSAEnumProtocolsW(families, NULL, &size) != SOCKET_ERROR || WSAGetLastError() != WSAENOBUFS)
            return WSAGetLastError() ? WSAGetLastError() : WSAEINVAL;
        if (!(all = msw_alloc(size))) return WSA_NOT_ENOUGH_MEMORY;
        if ((n = WSAEnumProtocolsW(families, all, &size)) == SOCKET_ERROR)
        {
            msw_free(all);
            return WSAGetLastError();
        }
        for (i = 0; i < n; i++)
            if (all[i].iAddressFamily == family && all[i].ProtocolChain.ChainLen == BASE_PROTOCOL)
                all[kept++] = all[i];
        family_counts[index] = kept;
        if (InterlockedCompareExchangePointer((void **)&family_protocols[index], all, NULL))
            msw_free(all);      /* another thread was first */
    }
    *info = family_protocols[index];
    *entries = family_counts[index];
    return NO_ERROR;
}

/* WSHEnumProtocols: EnumProtocolsW's layout, this family's entries only. */
static INT enum_protocols(int family, INT *protocols, WCHAR *key, void *buffer, DWORD *size)
{
    PROTOCOL_INFOW *list;
    DWORD all_size, i, kept = 0;
    INT n;

    if (!msw_writable(size, sizeof(*size))) return SOCKET_ERROR;
    all_size = *size;
    n = EnumProtocolsW(protocols, buffer, &all_size);
    if (n == SOCKET_ERROR)
    {
        *size = all_size;
        return SOCKET_ERROR;
    }
    /* Compact the entries in place; their name pointers stay valid. */
    list = buffer;
    for (i = 0; i < (DWORD)n; i++)
        if (list[i].iAddressFamily == family) list[kept++] = list[i];
    *size = all_size;
    return kept;
}

/* ---- address strings ---------------------------------------------------- */

static INT address_to_string(int family, SOCKADDR *addr, INT len, WSAPROTOCOL_INFOW *info,
                             WCHAR *str, DWORD *str_len)
{
    if (!msw_readable(addr, sizeof(addr->sa_family))) return WSAEFAULT;
    if (addr->sa_family != family) return WSAEINVAL;
    return WSAAddressToStringW(addr, len, NULL, str, str_len) ? WSAGetLastError() : NO_ERROR;
}

static INT string_to_address(int family, WCHAR *str, DWORD af, WSAPROTOCOL_INFOW *info,
                             SOCKADDR *addr, INT *len)
{
    if ((int)af != family) return WSAEINVAL;
    return WSAStringToAddressW(str, af, NULL, addr, len) ? WSAGetLastError() : NO_ERROR;
}

/* ---- the exports ---------------------------------------------------------- */

#define WSH_PAIR(prefix, family) \
INT WINAPI prefix##_WSHGetSockaddrType(struct sockaddr *addr, DWORD len, SOCKADDR_INFO *info) \
{ return get_sockaddr_type(family, addr, len, info); } \
INT WINAPI prefix##_WSHGetWildcardSockaddr(void *ctx, struct sockaddr *addr, INT *len) \
{ return fill_sockaddr(family, FALSE, addr, len); } \
DWORD WINAPI prefix##_WSHGetWinsockMapping(WINSOCK_MAPPING *mapping, DWORD size) \
{ return get_winsock_mapping(family, mapping, size); } \
INT WINAPI prefix##_WSHGetWSAProtocolInfo(WCHAR *name, WSAPROTOCOL_INFOW **info, DWORD *entries) \
{ return get_wsa_protocol_info(family, info, entries); } \
INT WINAPI prefix##_WSHEnumProtocols(INT *protocols, WCHAR *key, void *buffer, DWORD *size) \
{ return enum_protocols(family, protocols, key, buffer, size); } \
INT WINAPI prefix##_WSHAddressToString(SOCKADDR *addr, INT len, WSAPROTOCOL_INFOW *info, WCHAR *str, \
                                       DWORD *str_len) \
{ return address_to_string(family, addr, len, info, str, str_len); } \
INT WINAPI prefix##_WSHStringToAddress(WCHAR *str, DWORD af, WSAPROTOCOL_INFOW *info, SOCKADDR *addr, \
                                       INT *len) \
{ return string_to_address(family, str, af, info, addr, len); } \
INT WINAPI prefix##_WSHOpenSocket(INT *af, INT *type, INT *protocol, void *device, void **ctx, \
                                  DWORD *events) \
{ return WSAEOPNOTSUPP; } \
INT WINAPI prefix##_WSHOpenSocket2(INT *af, INT *type, INT *protocol, GROUP group, DWORD flags, \
                                   void *device, void **ctx, DWORD *events) \
{ return WSAEOPNOTSUPP; } \
INT WINAPI prefix##_WSHNotify(void *ctx, SOCKET s, HANDLE addr_obj, HANDLE conn_obj, DWORD event) \
{ return WSAEOPNOTSUPP; } \
INT WINAPI prefix##_WSHGetSocketInformation(void *ctx, SOCKET s, HANDLE addr_obj, HANDLE conn_obj, \
                                            INT level, INT name, char *value, INT *len) \
{ return WSAEOPNOTSUPP; } \
INT WINAPI prefix##_WSHSetSocketInformation(void *ctx, SOCKET s, HANDLE addr_obj, HANDLE conn_obj, \
                                            INT level, INT name, char *value, INT len) \
{ return WSAEOPNOTSUPP; } \
INT WINAPI prefix##_WSHIoctl(void *ctx, SOCKET s, HANDLE addr_obj, HANDLE conn_obj, DWORD code, \
                             void *in, DWORD in_len, void *out, DWORD out_len, DWORD *returned, \
                             WSAOVERLAPPED *ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE done, BOOL *needs) \
{ return WSAEOPNOTSUPP; } \
INT WINAPI prefix##_WSHJoinLeaf(void *ctx, SOCKET s, HANDLE addr_obj, HANDLE conn_obj, void *leaf_ctx, \
                                SOCKET leaf, struct sockaddr *addr, DWORD len, WSABUF *caller, \
                                WSABUF *callee, QOS *sqos, QOS *gqos, DWORD flags) \
{ return WSAEOPNOTSUPP; }

WSH_PAIR(Tcpip4, AF_INET)
WSH_PAIR(Tcpip6, AF_INET6)

/* Only IPv4 has a broadcast address. */
INT WINAPI Tcpip4_WSHGetBroadcastSockaddr(void *ctx, struct sockaddr *addr, INT *len)
{
    return fill_sockaddr(AF_INET, TRUE, addr, len);
}

static INT provider_guid(const GUID *which, GUID *guid)
{
    if (!msw_writable(guid, sizeof(*guid))) return WSAEFAULT;
    *guid = *which;
    return NO_ERROR;
}

INT WINAPI Tcpip4_WSHGetProviderGuid(WCHAR *name, GUID *guid)
{
    return provider_guid(&tcpip4_guid, guid);
}

INT WINAPI Tcpip6_WSHGetProviderGuid(WCHAR *name, GUID *guid)
{
    return provider_guid(&tcpip6_guid, guid);
}
