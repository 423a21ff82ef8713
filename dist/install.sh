#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Put this package's ws2_32.dll and mswsock.dll into a Wine prefix, or take
# them out again.
#
# usage: ./install.sh install|uninstall
#
# The prefix is $WINEPREFIX (default ~/.wine); it must exist already (run
# `wineboot -i` or any Wine program once to make one).  Needs only `wine`
# (override with $WINE) and the usual coreutils; it works from the unpacked
# package, wherever that is.
#
# install
#   64-bit prefix (it has drive_c/windows/syswow64):
#       x86_64/ws2_32.dll, x86_64/mswsock.dll -> drive_c/windows/system32
#       i386/ws2_32.dll, i386/mswsock.dll     -> drive_c/windows/syswow64
#   32-bit prefix:
#       i386/ws2_32.dll, i386/mswsock.dll     -> drive_c/windows/system32
#   Before the first install, Wine's own file in each directory is kept as
#   NAME.dll.wine-saved (an empty NAME.dll.wine-absent records that there
#   was none).  Then HKEY_CURRENT_USER\Software\Wine\DllOverrides gets
#   ws2_32=native,builtin and mswsock=native,builtin, so Wine loads these
#   DLLs instead of its builtins.
#   Installing again (a newer package, say) replaces the DLLs and keeps the
#   first saved copy.
# uninstall
#   Puts the saved files back, removes what install added, and deletes the
#   ws2_32 and mswsock override values.
#
# Exit status: 0 done, 1 error (no prefix, Wine failed), 2 usage.

set -u

prog=install.sh
key='HKEY_CURRENT_USER\Software\Wine\DllOverrides'
# The DLLs of the package, each NAME.dll in x86_64/ and i386/.
dlls="ws2_32 mswsock"
saved_ext=wine-saved
absent_ext=wine-absent

say()
{
    echo "$prog: $*"
}

die()
{
    echo "$prog: error: $*" >&2
    exit 1
}

usage()
{
    echo "usage: $0 install|uninstall" >&2
    echo "  installs into \$WINEPREFIX (now: ${WINEPREFIX:-unset, so ~/.wine})" >&2
    exit 2
}

# Where the package lies: the DLLs sit next to this script.
here=$(cd "$(dirname "$0")" && pwd) || die "cannot find the package directory"

# Quiet Wine, and no Mono/Gecko installer should a prefix update run.
run_wine()
{
    WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES="mscoree,mshtml=" "$wine" "$@"
}

# Wine writes the registry to the prefix's .reg files when its server
# stops; wait for that so a user who copies the prefix next sees the change.
settle()
{
    if command -v "$wineserver" >/dev/null 2>&1; then
        "$wineserver" -w 2>/dev/null || true
    fi
}

check_prefix()
{
    [ -d "$WINEPREFIX" ] || die "WINEPREFIX=$WINEPREFIX does not exist; make the prefix first (e.g. WINEPREFIX=$WINEPREFIX wineboot -i)"
    if [ ! -f "$WINEPREFIX/system.reg" ] || [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
        die "$WINEPREFIX is not a Wine prefix (no system.reg or drive_c/windows/system32)"
    fi
    command -v "$wine" >/dev/null 2>&1 || die "'$wine' not found: install Wine or set WINE"
}

# The directory/DLL pairs for this prefix, one "DIR ARCH" per line.
targets()
{
    windir=$WINEPREFIX/drive_c/windows
    if [ -d "$windir/syswow64" ]; then
        echo "$windir/system32 x86_64"
        echo "$windir/syswow64 i386"
    else
        echo "$windir/system32 i386"
    fi
}

install_one()
{
    dir=$1 arch=$2 dll=$3
    src=$here/$arch/$dll.dll
    dst=$dir/$dll.dll

    [ -f "$src" ] || die "$src is missing from the package"
    # Keep Wine's file only the first time: later it would be ours.
    if [ ! -e "$dst.$saved_ext" ] && [ ! -e "$dst.$absent_ext" ]; then
        if [ -e "$dst" ]; then
            cp -p "$dst" "$dst.$saved_ext" || die "cannot save $dst"
        else
            : >"$dst.$absent_ext" || die "cannot write in $dir"
        fi
    fi
    # Through a temporary name, so an interrupted copy leaves no half DLL.
    cp "$src" "$dst.new" && mv -f "$dst.new" "$dst" || die "cannot copy $src to $dst"
    say "$arch $dll.dll -> $dst"
}

uninstall_one()
{
    dir=$1 arch=$2 dll=$3
    dst=$dir/$dll.dll

    if [ -e "$dst.$saved_ext" ]; then
        mv -f "$dst.$saved_ext" "$dst" || die "cannot restore $dst"
        say "restored Wine's $dst"
    elif [ -e "$dst.$absent_ext" ]; then
        rm -f "$dst" "$dst.$absent_ext" || die "cannot remove $dst"
        say "removed $dst (the prefix had none before)"
    else
        say "nothing of ours in $dir, left it alone"
    fi
}

do_install()
{
    targets | while read -r dir arch; do
        for dll in $dlls; do
            install_one "$dir" "$arch" "$dll" || exit 1
        done
    done || exit 1
    for dll in $dlls; do
        # Wine's chatter on stderr only matters when the command fails.
        out=$(run_wine reg add "$key" /v "$dll" /t REG_SZ /d native,builtin /f 2>&1) ||
            die "'wine reg add' failed: the DLLs are copied but Wine will not use them: $out"
    done
    settle
    say "set $key: ws2_32=native,builtin mswsock=native,builtin"
    say "installed ws2_32 $(package_version) into $WINEPREFIX"
}

do_uninstall()
{
    targets | while read -r dir arch; do
        for dll in $dlls; do
            uninstall_one "$dir" "$arch" "$dll" || exit 1
        done
    done || exit 1
    for dll in $dlls; do
        if run_wine reg query "$key" /v "$dll" >/dev/null 2>&1; then
            run_wine reg delete "$key" /v "$dll" /f >/dev/null 2>&1
            if run_wine reg query "$key" /v "$dll" >/dev/null 2>&1; then
                die "could not delete the $dll value under $key"
            fi
            say "removed the $dll override"
        else
            say "no $dll override to remove"
        fi
    done
    settle
    say "uninstalled ws2_32 from $WINEPREFIX"
}

package_version()
{
    # The package directory is named ws2_32-VERSION.
    case ${here##*/} in
    ws2_32-*) echo "${here##*/ws2_32-}" ;;
    *) echo "(unknown version)" ;;
    esac
}

[ $# = 1 ] || usage
wine=${WINE:-wine}
wineserver=${WINESERVER:-wineserver}
WINEPREFIX=${WINEPREFIX:-$HOME/.wine}
case $WINEPREFIX in /*) ;; *) WINEPREFIX=$PWD/$WINEPREFIX ;; esac
export WINEPREFIX

case $1 in
install) check_prefix; do_install ;;
uninstall) check_prefix; do_uninstall ;;
-h|--help|help) usage ;;
*) echo "$prog: unknown command '$1'" >&2; usage ;;
esac
