#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# A fresh clone has no Makefile (./configure writes it): "make check" as the
# very first command must still find its rules, and "./configure && make"
# must keep working.  Clones the committed tree into a scratch directory and
# asks make what it would run (-n: rules that remake the Makefile itself
# still run, so configure does).
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0

expect()
{
    if [ "$1" = 0 ]; then echo "ok: $2"; else echo "FAIL: $2"; fail=1; fi
}

git clone -q "$root" "$scratch/first" || exit 1
cd "$scratch/first" || exit 1
[ ! -e Makefile ]; expect $? "the clone has no Makefile"
out=$(make -n check 2>&1)
echo "$out" | grep -q "^sh tests/check-all$"; expect $? "make check on a fresh clone reaches tests/check-all"
[ -f Makefile ]; expect $? "make check wrote Makefile through ./configure"
echo "$out" | grep -q "No rule to make target"; [ $? != 0 ]; expect $? "no 'No rule to make target'"

git clone -q "$root" "$scratch/second" || exit 1
cd "$scratch/second" || exit 1
./configure > /dev/null; expect $? "./configure"
out=$(make -n 2>&1)
echo "$out" | grep -q "ws2_32.dll"; expect $? "make after ./configure builds the DLL"
echo "$out" | grep -q "^\./configure$"; [ $? != 0 ]; expect $? "make after ./configure does not configure again"

# A changed Makefile.in reaches the Makefile without a manual ./configure.
sleep 1
echo "# touched" >> Makefile.in
make -n > /dev/null 2>&1
grep -q "^# touched$" Makefile; expect $? "a newer Makefile.in rewrites Makefile"
exit $fail
