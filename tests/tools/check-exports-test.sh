#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Test of tools/check-exports: builds throwaway DLLs from the real spec (one
# empty function per export, the .def made by winebuild, as the real build
# does), checks that the untouched set passes, then tampers with copies of
# the spec, .def and DLL and checks that each tampering is caught with a
# message naming the culprit.  Nothing in the repository is modified.
#
# usage: tests/tools/check-exports-test.sh

set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=$root/dlls/ws2_32/ws2_32.spec
check=$root/tools/check-exports
tmp=$(mktemp -d /tmp/check-exports-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

failures=0

fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}

triplet()  # triplet ARCH
{
    case $1 in x86_64) echo x86_64-w64-mingw32 ;; i386) echo i686-w64-mingw32 ;; esac
}

make_def()  # make_def ARCH SPEC OUT.def
{
    local m=-m64
    [ "$1" = i386 ] && m=-m32
    winebuild --def $m -E "$2" -o "$3" --target "$(triplet "$1")"
}

# make_dll ARCH DEF OUT.dll [extra link args]: an empty function per export,
# stdcall with the argument bytes the .def decoration asks for.
make_dll()
{
    local arch=$1 def=$2 out=$3 entry=DllEntry
    shift 3
    python3 - "$def" >"$out.c" <<'PY'
import re, sys
in_exports = False
for line in open(sys.argv[1]):
    words = line.split(";", 1)[0].split()
    if words == ["EXPORTS"]:
        in_exports = True
    elif in_exports and words:
        name, _, size = words[0].partition("@")
        args = ", ".join("int a%d" % i for i in range(int(size or 0) // 4)) or "void"
        print("void __stdcall %s(%s) { }" % (name, args))
print("unsigned long __stdcall GetTickCount(void);")
print("int __stdcall DllEntry(void *a, unsigned long b, void *c) { return GetTickCount() != 1; }")
PY
    [ "$arch" = i386 ] && entry=_DllEntry@12
    "$(triplet "$arch")-gcc" -w -shared -nostdlib -o "$out" "$out.c" "$def" \
        -Wl,--kill-at -Wl,-e,"$entry" "$@" -lkernel32
}

reference()  # reference ARCH
{
    case $1 in
    x86_64) echo /usr/x86_64-w64-mingw32/lib/libws2_32.a ;;
    i386)   echo /usr/i686-w64-mingw32/lib/libws2_32.a ;;
    esac
}

# expect ARCH RESULT SPEC DEF DLL TEXT...: RESULT is pass or fail; every
# TEXT must appear in the output.
expect()
{
    local arch=$1 want=$2 spec=$3 def=$4 dll=$5 rc text
    shift 5
    "$check" --arch "$arch" --spec "$spec" --def "$def" --dll "$dll" \
        --reference "$(reference "$arch")" >"$tmp/out" 2>&1
    rc=$?
    case $want/$rc in
    pass/0|fail/1) ;;
    *) fail "$arch: expected $want, exit code $rc [$*]"; sed 's/^/    /' "$tmp/out" | cut -c1-200 ;;
    esac
    for text in "$@"; do
        grep -qF -- "$text" "$tmp/out" || { fail "$arch: output lacks '$text'"; sed 's/^/    /' "$tmp/out" | cut -c1-200; }
    done
    echo "ok: $arch $want ${*:-(clean)}"
}

test_arch()  # test_arch ARCH
{
    local a=$1 d=$tmp/$1
    mkdir -p "$d"

    make_def "$a" "$spec" "$d/good.def" && make_dll "$a" "$d/good.def" "$d/good.dll" ||
        { fail "$a: cannot build the reference DLL"; return; }
    expect "$a" pass "$spec" "$d/good.def" "$d/good.dll" "$a: "

    # (a)+(f) a name dropped from the spec: the DLL built from it lacks it.
    grep -v 'WSAPoll' "$spec" >"$d/nopoll.spec"
    make_def "$a" "$d/nopoll.spec" "$d/nopoll.def" && make_dll "$a" "$d/nopoll.def" "$d/nopoll.dll"
    expect "$a" fail "$d/nopoll.spec" "$d/nopoll.def" "$d/nopoll.dll" \
        "exports of Windows missing from the DLL: WSAPoll"

    # (f) the spec has an extra entry the DLL does not export.
    { cat "$spec"; echo "@ stub NotAWinsockFunction"; } >"$d/extra.spec"
    expect "$a" fail "$d/extra.spec" "$d/good.def" "$d/good.dll" \
        "spec entries not exported by the DLL: NotAWinsockFunction"

    # (a) the DLL exports a name Windows does not have.
    { cat "$spec"; echo "@ stdcall NotAWinsockFunction(long)"; } >"$d/extra.spec"
    make_def "$a" "$d/extra.spec" "$d/extra.def" && make_dll "$a" "$d/extra.def" "$d/extra.dll"
    expect "$a" fail "$d/extra.spec" "$d/extra.def" "$d/extra.dll" \
        "DLL exports that Windows does not have: NotAWinsockFunction"

    # (b) a classic ordinal moved.
    sed 's/^1 stdcall accept(/@ stdcall accept(/' "$spec" >"$d/ord.spec"
    make_def "$a" "$d/ord.spec" "$d/ord.def" && make_dll "$a" "$d/ord.def" "$d/ord.dll"
    expect "$a" fail "$d/ord.spec" "$d/ord.def" "$d/ord.dll" "(b) ordinals: accept is " \
        "spec line"

    # (d) an import beyond ntdll/kernel32.
    make_dll "$a" "$d/good.def" "$d/imp.dll" -luser32 -Wl,--undefined=GetTickCount \
        -Wl,-u,"$([ "$a" = i386 ] && echo _)MessageBeep$([ "$a" = i386 ] && echo @4)"
    expect "$a" fail "$spec" "$d/good.def" "$d/imp.dll" \
        "imports other than ntdll.dll and kernel32.dll: USER32.dll"

    # (e) Wine's builtin marker in the DOS stub.
    cp "$d/good.dll" "$d/builtin.dll"
    printf 'Wine builtin DLL' | dd of="$d/builtin.dll" bs=1 seek=64 conv=notrunc status=none
    expect "$a" fail "$spec" "$d/good.def" "$d/builtin.dll" "(e) builtin"

    # Wrong architecture of DLL.
    local other=i386
    [ "$a" = i386 ] && other=x86_64
    [ -f "$tmp/$other/good.dll" ] &&
        expect "$a" fail "$spec" "$d/good.def" "$tmp/$other/good.dll" "format:"
}

test_arch x86_64
test_arch i386

# (c) i386 only: a wrong stdcall size in the .def.
d=$tmp/i386
sed 's/^  accept@12 /  accept@16 /' "$d/good.def" >"$d/size.def"
expect i386 fail "$spec" "$d/size.def" "$d/good.dll" "accept@16 in the .def, Windows has accept@12"

# (c) the .def lost a name the DLL still exports.
grep -v '^  bind@' "$d/good.def" >"$d/nobind.def"
expect i386 fail "$spec" "$d/nobind.def" "$d/good.dll" "exported by the DLL but not in the .def: bind"

# (f) -arch=win64 entries are not expected on i386 ...
sed 's/-arch=win64 //' "$spec" >"$d/allarch.spec"
expect i386 fail "$d/allarch.spec" "$d/good.def" "$d/good.dll" \
    "spec entries not exported by the DLL: WSCDeinstallProvider32"
# ... but are on x86_64.
sed '/-arch=win64/d' "$spec" >"$tmp/x86_64/no64.spec"
expect x86_64 fail "$tmp/x86_64/no64.spec" "$tmp/x86_64/good.def" "$tmp/x86_64/good.dll" \
    "DLL exports not in the spec: WSCDeinstallProvider32"

if [ "$failures" -ne 0 ]; then
    echo "check-exports test: $failures problem(s)"
    exit 1
fi
echo "check-exports test: all checks passed"
