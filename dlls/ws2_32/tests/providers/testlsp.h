/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the test LSP (testlsp.c) counts; tests/lsp.c reads the counts
 * through lsp_get_counts. */
#ifndef TESTLSP_H
#define TESTLSP_H

enum lsp_count
{
    LSP_COUNT_SOCKET,
    LSP_COUNT_ACCEPT,
    LSP_COUNT_CONNECT,
    LSP_COUNT_SEND,
    LSP_COUNT_RECV,
    LSP_COUNT_CLOSE,
    LSP_COUNT_SETSOCKOPT,
    LSP_COUNT_SELECT,
    LSP_COUNT_CLEANUP,
    LSP_COUNT_MAX
};

#endif
