/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Which Wine the tests run on, for expectations that depend on Wine's
 * socket driver (wineserver and ntdll), which our DLL uses as well: a gap
 * that a later Wine closed must be a todo only on the Wines that have it.
 */
#ifndef WS2_TESTS_WINEVERSION_H
#define WS2_TESTS_WINEVERSION_H

#include <stdlib.h>
#include <windows.h>

/* TRUE when running on Wine MAJOR.MINOR or newer; FALSE on older Wines
 * and on Windows (no wine_get_version in ntdll). */
static inline BOOL on_wine_at_least(int major, int minor)
{
    const char *(CDECL *get_version)(void);
    const char *text;
    char *end;
    long have_major, have_minor = 0;

    get_version = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version");
    if (!get_version || !(text = get_version())) return FALSE;
    have_major = strtol(text, &end, 10);
    if (*end == '.') have_minor = strtol(end + 1, NULL, 10);
    if (have_major != major) return have_major > major;
    return have_minor >= minor;
}

/* TRUE on Wine MAJOR.MINOR or newer and on Windows, whose behaviour every
 * check states. */
static inline BOOL wine_version_at_least(int major, int minor)
{
    return !GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") ||
           on_wine_at_least(major, minor);
}

/* A gap of Wine's socket driver that Wine MAJOR.MINOR closed: a todo on
 * older Wines only, so a driver that does what Windows does never fails. */
#define todo_driver_before(major, minor) todo_if(!wine_version_at_least(major, minor))

/* A gap that Wine MAJOR.MINOR's driver opened: a todo from that version on. */
#define todo_driver_since(major, minor) todo_if(on_wine_at_least(major, minor))

/* The same for Wine's builtin ws2_32 alone (WINETEST_PLATFORM=wine): a gap
 * its ws2_32 of MAJOR.MINOR closed, and one that version opened.  Our DLL
 * runs with WINETEST_PLATFORM=windows, where neither is a todo. */
#define todo_wine_before(major, minor) todo_wine_if(!on_wine_at_least(major, minor))
#define todo_wine_since(major, minor) todo_wine_if(on_wine_at_least(major, minor))

#endif
