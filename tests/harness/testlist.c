/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Test table for the harness self-test, in the shape the build generates. */
#define STANDALONE
#include "wine/test.h"

extern void func_basic_clean(void);
extern void func_context(void);
extern void func_todo(void);
extern void func_broken(void);
extern void func_win_skip(void);
extern void func_child(void);
extern void func_threads_clean(void);
extern void func_dbgstr_clean(void);
extern void func_crash(void);

const struct test winetest_testlist[] =
{
    { "basic_clean", func_basic_clean },
    { "context", func_context },
    { "todo", func_todo },
    { "broken", func_broken },
    { "win_skip", func_win_skip },
    { "child", func_child },
    { "threads_clean", func_threads_clean },
    { "dbgstr_clean", func_dbgstr_clean },
    { "crash", func_crash },
    { 0, 0 }
};
