#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The whole tree (both DLLs, both test programs, the demo program) builds
# from a clean clone with "./configure && make" and the compilers say
# nothing: no warning on x86_64 or i386.  Builds the committed tree in a
# scratch clone (MAKEFLAGS=-j2 unless set).
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

git clone -q "$root" "$scratch/tree" || exit 1
cd "$scratch/tree" || exit 1
./configure > /dev/null || { echo "FAIL: ./configure"; exit 1; }
make ${MAKEFLAGS:--j2} > "$scratch/build.log" 2>&1
status=$?
fail=0
if [ $status != 0 ]; then
    echo "FAIL: make exited with $status"
    tail -n 20 "$scratch/build.log"
    fail=1
fi
for arch in x86_64 i386; do
    [ -f "dlls/ws2_32/$arch-windows/ws2_32.dll" ] || { echo "FAIL: no $arch DLL"; fail=1; }
done
if grep -q "warning:" "$scratch/build.log"; then
    echo "FAIL: the build warns:"
    grep -B4 "warning:" "$scratch/build.log" | head -n 40
    fail=1
else
    echo "ok: no warnings on either architecture"
fi
exit $fail
