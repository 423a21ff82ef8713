/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The few C library routines the DLL needs.  ws2_32 imports only ntdll and
 * kernel32, and MinGW's libntdll.a does not carry ntdll's C runtime exports,
 * so the compiler's implicit memcpy/memset calls land here.
 */
#include <stddef.h>

/* Keep GCC from turning these loops back into calls to themselves. */
#pragma GCC optimize ("no-tree-loop-distribute-patterns")

/* x86 reads and writes unaligned words at full speed; the attribute tells
 * GCC these may alias anything. */
typedef size_t __attribute__((may_alias, aligned(1))) word;

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    for (; n >= sizeof(word); n -= sizeof(word), d += sizeof(word), s += sizeof(word))
        *(word *)d = *(const word *)s;
    while (n--) *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s)
        while (n--) *d++ = *s++;
    else
        while (n--) d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    word w = (unsigned char)c * (word)0x0101010101010101ull;

    for (; n >= sizeof(word); n -= sizeof(word), d += sizeof(word))
        *(word *)d = w;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y) return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p) p++;
    return p - s;
}
