#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Self-test of include/wine/test.h: builds tests/harness/{selftest,testlist}.c
# for x86_64 and i386, runs the x86_64 build under wine with several
# WINETEST_* settings and compares summary lines, messages and exit codes
# with what the harness promises.  The i386 build is compiled only, and run
# only when this wine can start 32-bit programs.
#
# usage: tests/harness/run-selftest.sh   (WINEPREFIX defaults to /tmp/pfx-harness)

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d /tmp/harness-selftest.XXXXXX)
trap 'rm -rf "$out"' EXIT

export WINEPREFIX=${WINEPREFIX:-/tmp/pfx-harness}
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
unset WINETEST_PLATFORM WINETEST_ALLOW_BROKEN WINETEST_DEBUG

failures=0

# at TEXT: "selftest.c:LINE" of the first source line containing TEXT, so
# the expectations survive edits of selftest.c.
at()
{
    echo "selftest.c:$(grep -nF -- "$1" "$here/selftest.c" | head -n 1 | cut -d: -f1)"
}

fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}

build()  # build ARCH-TRIPLET OUTPUT
{
    "$1-gcc" -Wall -Wextra -Werror -O2 -I"$root/include" -o "$2" \
        "$here/selftest.c" "$here/testlist.c"
}

# run_unit EXE "ENV..." UNIT EXPECTED-EXIT "expected line" ...
# Every expected line must occur verbatim in the output.
run_unit()
{
    local exe=$1 envs=$2 unit=$3 want_rc=$4 rc line
    shift 4
    env $envs wine "$exe" "$unit" >"$out/log" 2>&1
    rc=$?
    [ "$rc" = "$want_rc" ] || fail "$unit [$envs]: exit code $rc, expected $want_rc"
    for line in "$@"; do
        grep -qxF -- "$line" "$out/log" || fail "$unit [$envs]: missing line: $line"
    done
    echo "ran $unit [${envs:-defaults}]: exit $rc"
}

check_exe()  # check_exe EXE
{
    local exe=$1 names

    # No arguments: the list of units after "Valid test names:".
    names=$(wine "$exe" 2>/dev/null | tr -d '\r' | sed -n '/^Valid test names:/,$p' | sed 1d | tr -d ' ' | tr '\n' ' ')
    [ "$names" = "basic_clean context todo broken win_skip child threads_clean dbgstr_clean crash " ] ||
        fail "test list is '$names'"
    wine "$exe" no_such_test >/dev/null 2>&1 && fail "unknown test name accepted"
    wine "$exe" no_such_test 2>&1 | tr -d '\r' | grep -qxF "Fatal: test 'no_such_test' does not exist." ||
        fail "unknown test name: no Fatal line"

    run_unit "$exe" "" basic_clean 0 \
        "$(at 'trace("trace line'): trace line 42" \
        "place.c:9: direct trace" \
        "$(at 'skip("skipping'): Tests skipped: skipping something here" \
        "basic_clean: 5 tests executed (0 marked as todo, 0 failures), 1 skipped."
    run_unit "$exe" "WINETEST_DEBUG=0" basic_clean 0 \
        "basic_clean: 5 tests executed (0 marked as todo, 0 failures), 1 skipped."
    grep -q "trace line" "$out/log" && fail "trace printed with WINETEST_DEBUG=0"
    run_unit "$exe" "WINETEST_REPORT_SUCCESS=1" basic_clean 0 \
        "$(at '"plain check'): Test succeeded: plain check" \
        "basic_clean: 5 tests executed (0 marked as todo, 0 failures), 1 skipped."

    run_unit "$exe" "" context 6 \
        "$(at '"first failure'): Test failed: outer 1: inner: first failure" \
        "$(at '"second failure'): Test failed: outer 1: second failure" \
        "$(at '"third failure'): Test failed: third failure, no newline" \
        "$(at '"deep failure'): Test failed: $(seq -f 'L%g: ' 0 15 | tr -d '\n')deep failure" \
        "$(at '"after deep pops'): Test failed: after deep pops" \
        "helper.c:77: Test failed: reported through ok_" \
        "context: 7 tests executed (0 marked as todo, 6 failures), 0 skipped."

    run_unit "$exe" "WINETEST_PLATFORM=windows" todo 2 \
        "$(at '"fails in todo_wine'): Test failed: fails in todo_wine" \
        "$(at '"fails in todo_if(1)'): Test marked todo: fails in todo_if(1)" \
        "$(at '"fails after nested'): Test failed: fails after nested block" \
        "todo: 6 tests executed (1 marked as todo, 2 failures), 0 skipped."
    run_unit "$exe" "WINETEST_PLATFORM=wine" todo 1 \
        "$(at '"fails in todo_wine'): Test marked todo: fails in todo_wine" \
        "$(at '"passes in todo_wine\n'): Test succeeded inside todo block: passes in todo_wine" \
        "$(at '"fails in todo_if(1)'): Test marked todo: fails in todo_if(1)" \
        "$(at '"fails after nested'): Test marked todo: fails after nested block" \
        "todo: 6 tests executed (3 marked as todo, 1 failures), 0 skipped."
    run_unit "$exe" "WINETEST_PLATFORM=wine WINETEST_DEBUG=0" todo 1 \
        "$(at '"passes in todo_wine\n'): Test succeeded inside todo block: passes in todo_wine" \
        "todo: 6 tests executed (3 marked as todo, 1 failures), 0 skipped."
    grep -q "Test marked todo" "$out/log" && fail "todo printed with WINETEST_DEBUG=0"

    run_unit "$exe" "" broken 1 \
        "$(at 'broken(1) not accepted'): Test failed: broken(1) not accepted" \
        "broken: 4 tests executed (0 marked as todo, 1 failures), 0 skipped."
    run_unit "$exe" "WINETEST_ALLOW_BROKEN=1" broken 0 \
        "broken: 4 tests executed (0 marked as todo, 0 failures), 0 skipped."
    run_unit "$exe" "WINETEST_PLATFORM=wine WINETEST_ALLOW_BROKEN=1" broken 1 \
        "broken: 4 tests executed (0 marked as todo, 1 failures), 0 skipped."

    run_unit "$exe" "" win_skip 0 \
        "$(at 'win_skip("feature'): Tests skipped: feature missing" \
        "win_skip: 1 tests executed (0 marked as todo, 0 failures), 1 skipped."
    run_unit "$exe" "WINETEST_PLATFORM=wine" win_skip 1 \
        "$(at 'win_skip("feature'): Test failed: feature missing" \
        "win_skip: 2 tests executed (0 marked as todo, 1 failures), 0 skipped."

    # The good child passes, the bad one fails twice, the third crashes:
    # one failure in the parent for each of the last two.
    run_unit "$exe" "" child 2 \
        "child: 3 tests executed (0 marked as todo, 0 failures), 0 skipped." \
        "$(at '"child failure 1'): Test failed: child failure 1" \
        "child: 3 tests executed (0 marked as todo, 2 failures), 0 skipped." \
        "$(at 'wait_child_process(pi'): Test failed: bad child: 2 failures in child process" \
        "$(at '"child failure 2'): this is the last test seen before the exception" \
        "$(at 'wait_child_process(pi'): Test failed: crash child: unhandled exception 0xc0000005 in child process" \
        "child: 6 tests executed (0 marked as todo, 2 failures), 0 skipped."
    [ "$(tail -n 1 "$out/log")" = "child: 6 tests executed (0 marked as todo, 2 failures), 0 skipped." ] ||
        fail "child: parent summary is not the last line"
    grep -q '^child: unhandled exception 0xc0000005 at ' "$out/log" || fail "child: no exception line from the crashing child"

    run_unit "$exe" "" threads_clean 0 \
        "threads_clean: 4005 tests executed (1000 marked as todo, 0 failures), 0 skipped."
    [ "$(grep -c '^selftest.c:[0-9]*: Test marked todo: thread 0: thread todo$' "$out/log")" = 1000 ] ||
        fail "threads_clean: todo lines garbled or lost"
    grep -q 'thread [123]: thread todo' "$out/log" && fail "threads_clean: todo state leaked between threads"

    run_unit "$exe" "" dbgstr_clean 0 \
        "dbgstr_clean: 45 tests executed (0 marked as todo, 0 failures), 0 skipped."

    # Unix only sees the low 8 bits of 0xc0000005.
    run_unit "$exe" "" crash 5 \
        "$(at '"before the crash'): this is the last test seen before the exception"
    grep -q '^crash: unhandled exception 0xc0000005 at ' "$out/log" || fail "crash: no exception line"
    grep -q 'tests executed' "$out/log" && fail "crash: summary printed after a crash"
}

build x86_64-w64-mingw32 "$out/selftest64.exe" || fail "x86_64 build"
build i686-w64-mingw32 "$out/selftest32.exe" || fail "i386 build"

[ -f "$out/selftest64.exe" ] && check_exe "$out/selftest64.exe"

if [ -f "$out/selftest32.exe" ]; then
    # Debian's wine64-only install runs 32-bit programs as a silent no-op
    # with exit code 0, so look for the test list, not the exit code.
    if wine "$out/selftest32.exe" 2>/dev/null | grep -q '^Valid test names:'; then
        check_exe "$out/selftest32.exe"
    else
        echo "SKIP: i386 self-test built but not run: this wine cannot run 32-bit programs"
    fi
fi

if [ "$failures" -ne 0 ]; then
    echo "harness self-test: $failures problem(s)"
    exit 1
fi
echo "harness self-test: all checks passed"
