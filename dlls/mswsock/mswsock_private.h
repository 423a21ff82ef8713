/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mswsock.dll: what the families of exports share.  Everything here works
 * on top of our ws2_32's exports; mswsock never talks to the driver.
 */
#ifndef MSWSOCK_PRIVATE_H
#define MSWSOCK_PRIVATE_H

#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <ws2spi.h>
#include <nspapi.h>
#include <svcguid.h>
#include <windows.h>

/* TRUE if the caller's [p, p+len) is committed memory we may read / write
 * (main.c).  A NULL pointer is never accessible, even for len 0. */
BOOL msw_readable(const void *p, SIZE_T len);
BOOL msw_writable(void *p, SIZE_T len);
/* The length of a caller's string, or -1 if it is not readable to its end. */
SSIZE_T msw_strlen(const char *s);
SSIZE_T msw_wcslen(const WCHAR *s);

/* Heap helpers on the process heap. */
static inline void *msw_alloc(SIZE_T size) { return HeapAlloc(GetProcessHeap(), 0, size); }
static inline void msw_free(void *p) { if (p) HeapFree(GetProcessHeap(), 0, p); }

/* A zero-terminated copy of a narrow string as UTF-16 (CP_ACP), or NULL. */
WCHAR *msw_strdup_aw(const char *s);

/* Decimal text of v (buf: 12 bytes). */
char *msw_utoa(ULONG v, char *buf);

/* The per-thread buffer behind getnetbyname's result (bsd.c). */
void msw_thread_detach(void);
extern DWORD msw_tls_slot;

/* The mswsock.dll module handle. */
extern HINSTANCE msw_instance;

#endif
