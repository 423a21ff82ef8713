/*
 * The few C library routines the DLL needs.  ws2_32 imports only ntdll and
 * kernel32, and MinGW's libntdll.a does not carry ntdll's C runtime exports,
 * so the compiler's implicit memcpy/memset calls land here.
 */
#include <stddef.h>

/* Keep GCC from turning these loops back into calls to themselves. */
#pragma GCC optimize ("no-tree-loop-distribute-patterns")

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
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
