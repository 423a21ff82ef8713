/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSAGetQOSByName: a QOS structure from a named template, or the list of
 * the template names.
 *
 * The documented rules: a WSABUF whose buf holds a non-empty name fills
 * *lpQOS from that template; one whose buf holds an empty string receives
 * the names, each NUL-terminated, the list ended by an empty name, in the
 * len bytes of buf, and lpQOS is then ignored.  A name that is no template
 * is WSAEINVAL (WSPGetQOSByName's documentation); bad pointers and a
 * buffer too small are WSAEFAULT; WSAENOTSOCK and WSANOTINITIALISED as
 * for every socket function.
 *
 * The template names are the ones Windows' QoS provider has always listed
 * (the ITU audio and video codecs).  The numbers in them are not
 * documented; ours describe each codec's nominal stream: its bit rate in
 * bytes per second, one packet (20 ms of audio, one video frame at the
 * codec's usual rate) as bucket and largest packet.
 */
#include "ws2_32_private.h"
#include <qos.h>

static const struct qos_template
{
    const char *name;
    ULONG rate;         /* bytes per second */
    ULONG packet;       /* bytes */
    SERVICETYPE service;
}
templates[] =
{
    { "G711",     8000,  160,   SERVICETYPE_GUARANTEED },    /* 64 kbit/s */
    { "G723.1",   800,   24,    SERVICETYPE_GUARANTEED },    /* 6.4 kbit/s */
    { "G729",     1000,  20,    SERVICETYPE_GUARANTEED },    /* 8 kbit/s */
    { "GSM6.10",  1650,  33,    SERVICETYPE_GUARANTEED },    /* 13.2 kbit/s */
    { "H261CIF",  16000, 1600,  SERVICETYPE_CONTROLLEDLOAD }, /* 128 kbit/s, 10 frames/s */
    { "H261QCIF", 8000,  800,   SERVICETYPE_CONTROLLEDLOAD }, /* 64 kbit/s */
    { "H263CIF",  16000, 1600,  SERVICETYPE_CONTROLLEDLOAD },
    { "H263QCIF", 8000,  800,   SERVICETYPE_CONTROLLEDLOAD },
};

static BOOL fail(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The template called name[0..len), case-insensitively; NULL if none. */
static const struct qos_template *find_template(const char *name, SIZE_T len)
{
    SIZE_T i, j;

    for (i = 0; i < ARRAYSIZE(templates); i++)
    {
        const char *t = templates[i].name;

        for (j = 0; j < len && t[j] && lower(t[j]) == lower(name[j]); j++);
        if (j == len && !t[j]) return &templates[i];
    }
    return NULL;
}

static void fill_flowspec(FLOWSPEC *spec, const struct qos_template *t)
{
    spec->TokenRate = t->rate;
    spec->TokenBucketSize = t->packet;
    spec->PeakBandwidth = QOS_NOT_SPECIFIED;
    spec->Latency = QOS_NOT_SPECIFIED;
    spec->DelayVariation = QOS_NOT_SPECIFIED;
    spec->ServiceType = t->service;
    spec->MaxSduSize = t->packet;
    spec->MinimumPolicedSize = t->packet;
}

/* Every name with its NUL, then the empty name. */
static BOOL list_templates(const WSABUF *name)
{
    char list[128];
    SIZE_T size = 0, i, len;

    for (i = 0; i < ARRAYSIZE(templates); i++)
    {
        len = strlen(templates[i].name) + 1;
        memcpy(list + size, templates[i].name, len);
        size += len;
    }
    list[size++] = 0;
    if (name->len < size) return fail(WSAEFAULT);
    if (!ws2_copy(name->buf, list, size)) return fail(WSAEFAULT);
    return TRUE;
}

BOOL WINAPI WSAGetQOSByName(SOCKET s, LPWSABUF name, LPQOS qos)
{
    struct ws2_provider *p;
    const struct qos_template *t;
    struct ws2_socket info;
    WSABUF request;
    SSIZE_T len;
    char first;
    QOS result;
    DWORD err;

    TRACE("%#Ix %p %p\n", s, name, qos);
    if ((p = ws2_provider_of(s))) return ws2_lsp_qos_by_name(p, s, name, qos);
    if ((err = ws2_enter_socket(s, &info))) return fail(err);
    if (!name || !ws2_copy(&request, name, sizeof(request))) return fail(WSAEFAULT);
    if (!request.buf || !ws2_copy(&first, request.buf, 1)) return fail(WSAEFAULT);
    if (!first) return list_templates(&request);

    /* The name ends at its NUL or at the end of the buffer. */
    if ((len = ws2_string_length(request.buf)) < 0 && !ws2_readable(request.buf, request.len))
        return fail(WSAEFAULT);
    if (len < 0 || (ULONG)len > request.len) len = request.len;
    if (!qos) return fail(WSAEFAULT);
    if (!(t = find_template(request.buf, len))) return fail(WSAEINVAL);
    memset(&result, 0, sizeof(result));
    fill_flowspec(&result.SendingFlowspec, t);
    fill_flowspec(&result.ReceivingFlowspec, t);
    if (!ws2_copy(qos, &result, sizeof(result))) return fail(WSAEFAULT);
    return TRUE;
}
