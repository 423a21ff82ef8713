#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Self-test of tools/with-dns: inside, the private files and the responder
# answer; outside, nothing changed and no responder is left, also when the
# command fails or is killed.  Without root (no namespace) it checks the
# fallback instead: the command runs, without WS2_TEST_DNS.

root=$(cd "$(dirname "$0")/../.." && pwd)
with_dns=$root/tools/with-dns
failures=0

fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Our responders only (the script path is in their command line); read
# from /proc so that procps is not needed.
responders()
{
    for dir in /proc/[0-9]*; do
        case $( { tr '\0' ' ' <"$dir/cmdline"; } 2>/dev/null) in
        *"$root/tests/dns/responder.py"*) echo "${dir#/proc/}" ;;
        esac
    done | sort -n | tr '\n' ' '
}

before_resolv=$(cat /etc/resolv.conf 2>/dev/null)
before_hosts=$(cat /etc/hosts 2>/dev/null)
before_responders=$(responders)

# The exit status is the command's, with or without the namespace.
"$with_dns" sh -c 'exit 7' 2>/dev/null
[ $? = 7 ] || fail "exit status of the command not passed on"

addr=$("$with_dns" sh -c 'echo "$WS2_TEST_DNS"' 2>/dev/null)
if [ -z "$addr" ]; then
    msg=$("$with_dns" true 2>&1)
    [ -n "$msg" ] || fail "no reason printed when running without the private DNS"
    echo "with-dns: no private DNS here ($msg); fallback checked only"
else
    case $addr in 127.53.*.*) ;; *) fail "address $addr is not 127.53.X.Y" ;; esac
    out=$("$with_dns" sh -c '
        set -e
        grep -qx "nameserver $WS2_TEST_DNS" /etc/resolv.conf
        [ "$(grep -c "^nameserver" /etc/resolv.conf)" = 1 ]
        grep -q "^hosts: files dns" /etc/nsswitch.conf
        getent ahostsv4 v4.ws2.test | grep -q "^192\.0\.2\.1 "
        getent ahostsv4 multi.ws2.test | grep -q "^192\.0\.2\.11 "
        getent hosts unixalias.ws2.test | grep -q "^192\.0\.2\.50 "
        getent hosts 192.0.2.1 | grep -q "v4\.ws2\.test"
        ! getent hosts nothere.ws2.test
        # Nested: the same environment, not a second one.
        [ "$('"$with_dns"' sh -c "echo \$WS2_TEST_DNS")" = "$WS2_TEST_DNS" ]
        echo ok' 2>&1)
    [ "$out" = ok ] || fail "inside the environment: $out"

    # Killed from outside: the responder goes too.
    timeout -s TERM 2 "$with_dns" sleep 30 2>/dev/null
    [ $? = 124 ] || fail "timeout did not end the command"
    sleep 1
fi

[ "$(cat /etc/resolv.conf 2>/dev/null)" = "$before_resolv" ] || fail "/etc/resolv.conf changed outside"
[ "$(cat /etc/hosts 2>/dev/null)" = "$before_hosts" ] || fail "/etc/hosts changed outside"
[ "$(responders)" = "$before_responders" ] || fail "responders left behind: $(responders)"

echo "with-dns self-test: $failures failures"
[ "$failures" = 0 ]
