#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# WINEDEBUG reaches our DLL's messages under both channel names users type:
# "ws2_32" and "winsock" (Wine's channel for its own ws2_32), with Wine's
# rules: a class prefix picks one class, items apply left to right, "-"
# turns off.  Runs the echo demo (built by make) once per setting and
# counts our trace lines (":ws2_32:" with class "trace") on stderr.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
exe=programs/ws2echo/x86_64-windows/ws2echo.exe
[ -f "$exe" ] || { echo "FAIL: $exe not built"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0

# expect SETTING yes|no: whether trace lines of ours appear.
expect()
{
    WINEDEBUG=$1 tools/ws2run "$exe" > "$scratch/out" 2> "$scratch/err"
    n=$(grep -a -c "^[0-9a-f]*:trace:ws2_32:" "$scratch/err")
    if { [ "$2" = yes ] && [ "$n" -gt 0 ]; } || { [ "$2" = no ] && [ "$n" = 0 ]; }; then
        echo "ok: WINEDEBUG=$1: $n trace lines"
    else
        echo "FAIL: WINEDEBUG=$1: $n trace lines, expected $2"
        fail=1
    fi
}

expect "+winsock" yes
expect "+ws2_32" yes
expect "trace+winsock" yes
expect "fixme-all,+winsock" yes
expect "warn+winsock" no
expect "+winsock,-ws2_32" no
expect "+ws2_32,trace-winsock" no
expect "-all" no
exit $fail
