/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading small configuration files (hosts, protocol, services) whole.
 */
#include "ws2_32_private.h"

char *ws2_read_file(const WCHAR *path, DWORD max_size, DWORD *size)
{
    LARGE_INTEGER file_size;
    HANDLE handle;
    char *data = NULL;
    DWORD done = 0, got;

    *size = 0;
    handle = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (handle == INVALID_HANDLE_VALUE) return NULL;
    if (GetFileSizeEx(handle, &file_size) && file_size.QuadPart <= max_size
            && (data = HeapAlloc(GetProcessHeap(), 0, file_size.LowPart + 1)))
    {
        while (done < file_size.LowPart
               && ReadFile(handle, data + done, file_size.LowPart - done, &got, NULL) && got)
            done += got;
        if (done != file_size.LowPart)
        {
            HeapFree(GetProcessHeap(), 0, data);
            data = NULL;
        }
        else data[done] = 0;
    }
    CloseHandle(handle);
    *size = done;
    return data;
}
