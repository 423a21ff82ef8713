#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Self-test of tests/dns/responder.py: starts it on 127.0.0.1 at a free
port (no root needed) and checks every record of tests/dns/zone/*.zone,
over UDP and TCP, plus the protocol details the resolvers under test rely
on (question echoed, AA, SOA in negative answers, NS in positive ones,
compressed names in the query, EDNS, the delayed name not blocking
others); then a second one with a zone file of its own for --zone,
--minimal, --no-tcp and truncation.  The messages are built and read here
by hand, independently of the dnspython the responder uses.  Exit status 0 when
everything holds; each failed check prints one line."""

import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
A, NS, CNAME, SOA, PTR, TXT, AAAA, OPT, ANY = 1, 2, 5, 6, 12, 16, 28, 41, 255
NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED = 0, 1, 2, 3, 4, 5

failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print('FAIL: ' + what)


def encode_name(name):
    out = b''
    for label in name.rstrip('.').split('.'):
        if label:
            out += bytes([len(label)]) + label.encode('ascii')
    return out + b'\0'


def query(name, qtype, qid=0x1234, edns=None, flags=0x0100):
    msg = struct.pack('>HHHHHH', qid, flags, 1, 0, 0, 1 if edns else 0)
    msg += encode_name(name) + struct.pack('>HH', qtype, 1)
    if edns:
        msg += b'\0' + struct.pack('>HHIH', OPT, edns[0], edns[1] << 16, 0)
    return msg


def read_name(msg, off):
    labels, end = [], None
    for _ in range(128):
        n = msg[off]
        if n >= 0xc0:
            if end is None:
                end = off + 2
            off = ((n & 0x3f) << 8) | msg[off + 1]
            continue
        off += 1
        if not n:
            return '.'.join(labels), (end if end is not None else off)
        labels.append(msg[off:off + n].decode('latin-1'))
        off += n
    raise ValueError('pointer loop in response')


def parse(msg):
    """Returns a dict: id, flags, rcode, question, and sections of
    (name, type, ttl, data) with data decoded for the usual types."""
    qid, flags, qd, an, ns, ar = struct.unpack('>HHHHHH', msg[:12])
    off, questions = 12, []
    for _ in range(qd):
        name, off = read_name(msg, off)
        questions.append((name,) + struct.unpack('>HH', msg[off:off + 4]))
        off += 4
    sections = []
    for count in (an, ns, ar):
        records = []
        for _ in range(count):
            name, off = read_name(msg, off)
            rtype, rclass, ttl, rdlen = struct.unpack('>HHIH', msg[off:off + 10])
            off += 10
            rdata = msg[off:off + rdlen]
            if rtype == A:
                data = socket.inet_ntop(socket.AF_INET, rdata)
            elif rtype == AAAA:
                data = socket.inet_ntop(socket.AF_INET6, rdata)
            elif rtype in (CNAME, PTR, NS):
                data = read_name(msg, off)[0]
            elif rtype == SOA:
                mname, o = read_name(msg, off)
                rname, o = read_name(msg, o)
                data = (mname, rname) + struct.unpack('>IIIII', msg[o:o + 20])
            elif rtype == OPT:
                data = (rclass, ttl)
            else:
                data = rdata
            records.append((name, rtype, ttl, data))
            off += rdlen
        sections.append(records)
    return {'id': qid, 'flags': flags, 'rcode': flags & 0xf, 'question': questions,
            'answer': sections[0], 'authority': sections[1], 'additional': sections[2],
            'length': len(msg), 'end': off}


def udp_exchange(port, msg, timeout=5):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    s.sendto(msg, ('127.0.0.1', port))
    data, _ = s.recvfrom(65535)
    s.close()
    return data


def tcp_exchange(port, msg):
    s = socket.create_connection(('127.0.0.1', port), timeout=5)
    s.sendall(struct.pack('>H', len(msg)) + msg)
    data = b''
    while len(data) < 2 or len(data) < 2 + struct.unpack('>H', data[:2])[0]:
        chunk = s.recv(65535)
        if not chunk:
            break
        data += chunk
    s.close()
    return data[2:]


def answers(r):
    return [(n.lower(), t, d) for n, t, _, d in r['answer']]


def expect(port, name, qtype, rcode, records, exchange=udp_exchange, soa=None):
    """records: expected answer list of (owner, type, data), in order.
    soa: the apex whose SOA the authority section holds alone."""
    what = '%s type %d' % (name, qtype)
    r = parse(exchange(port, query(name, qtype)))
    check(r['id'] == 0x1234, what + ': id echoed')
    check(r['flags'] & 0x8000, what + ': QR set')
    check(r['flags'] & 0x0400, what + ': AA set')
    check(r['flags'] & 0x0100, what + ': RD echoed')
    check(not r['flags'] & 0x0200, what + ': not truncated')
    check(r['question'] == [(name, qtype, 1)], what + ': question echoed, got %r' % r['question'])
    check(r['rcode'] == rcode, what + ': rcode %d, got %d' % (rcode, r['rcode']))
    check(answers(r) == records, what + ': answers %r, got %r' % (records, answers(r)))
    check(r['end'] == r['length'], what + ': no trailing bytes')
    if soa is not None:
        auth = [(n, t) for n, t, _, _ in r['authority']]
        check(auth == [(soa, SOA)], what + ': SOA of %r in authority, got %r' % (soa, auth))
    return r


def run_tests(port):
    for exchange in (udp_exchange, tcp_exchange):
        expect(port, 'v4.ws2.test', A, NOERROR, [('v4.ws2.test', A, '192.0.2.1')], exchange)
        expect(port, 'v4.ws2.test', AAAA, NOERROR, [], exchange, soa='ws2.test')
    expect(port, 'multi.ws2.test', A, NOERROR,
           [('multi.ws2.test', A, '192.0.2.10'), ('multi.ws2.test', A, '192.0.2.11')])
    expect(port, 'v6.ws2.test', AAAA, NOERROR, [('v6.ws2.test', AAAA, '2001:db8::1')])
    expect(port, 'v6.ws2.test', A, NOERROR, [], soa='ws2.test')
    expect(port, 'dual.ws2.test', A, NOERROR, [('dual.ws2.test', A, '192.0.2.20')])
    expect(port, 'dual.ws2.test', AAAA, NOERROR, [('dual.ws2.test', AAAA, '2001:db8::20')])
    expect(port, 'alias2.ws2.test', A, NOERROR,
           [('alias2.ws2.test', CNAME, 'alias.ws2.test'),
            ('alias.ws2.test', CNAME, 'dual.ws2.test'),
            ('dual.ws2.test', A, '192.0.2.20')])
    expect(port, 'alias.ws2.test', AAAA, NOERROR,
           [('alias.ws2.test', CNAME, 'dual.ws2.test'), ('dual.ws2.test', AAAA, '2001:db8::20')])
    expect(port, 'alias.ws2.test', CNAME, NOERROR, [('alias.ws2.test', CNAME, 'dual.ws2.test')])
    expect(port, 'loop1.ws2.test', A, NOERROR,
           [('loop1.ws2.test', CNAME, 'loop2.ws2.test'), ('loop2.ws2.test', CNAME, 'loop1.ws2.test')])
    expect(port, 'xn--bcher-kva.ws2.test', A, NOERROR, [('xn--bcher-kva.ws2.test', A, '192.0.2.30')])
    expect(port, 'noaddr.ws2.test', A, NOERROR, [], soa='ws2.test')
    expect(port, 'noaddr.ws2.test', AAAA, NOERROR, [], soa='ws2.test')
    r = expect(port, 'noaddr.ws2.test', TXT, NOERROR,
               [('noaddr.ws2.test', TXT, b'\x20this name has no address records')])
    expect(port, 'servfail.ws2.test', A, SERVFAIL, [])
    expect(port, 'refused.ws2.test', AAAA, REFUSED, [])
    expect(port, 'missing.ws2.test', A, NXDOMAIN, [], soa='ws2.test')
    expect(port, 'a.b.missing.ws2.test', AAAA, NXDOMAIN, [], soa='ws2.test')
    expect(port, 'example.com', A, NXDOMAIN, [], soa='')
    expect(port, 'localhost', A, NXDOMAIN, [], soa='')
    expect(port, '1.2.0.192.in-addr.arpa', PTR, NOERROR, [('1.2.0.192.in-addr.arpa', PTR, 'v4.ws2.test')])
    expect(port, '20.2.0.192.in-addr.arpa', PTR, NOERROR, [('20.2.0.192.in-addr.arpa', PTR, 'dual.ws2.test')])
    v6 = '.'.join(reversed('20010db8' + '0' * 23 + '1')) + '.ip6.arpa'
    expect(port, v6, PTR, NOERROR, [(v6, PTR, 'v6.ws2.test')])
    expect(port, '99.2.0.192.in-addr.arpa', PTR, NXDOMAIN, [], soa='2.0.192.in-addr.arpa')
    expect(port, '1.1.168.192.in-addr.arpa', PTR, NXDOMAIN, [], soa='')
    r = expect(port, 'ws2.test', SOA, NOERROR, [('ws2.test', SOA, ('ns.ws2.test', 'hostmaster.ws2.test', 1, 3600, 600, 86400, 60))])
    # Positive answers name the zone's server in the authority section
    # (Wine 8.0's dnsapi needs the answer not to end the message).
    for name, qtype, apex in (('1.2.0.192.in-addr.arpa', PTR, '2.0.192.in-addr.arpa'),
                              ('alias2.ws2.test', A, 'ws2.test')):
        r = parse(udp_exchange(port, query(name, qtype)))
        auth = [(n, t, d) for n, t, _, d in r['authority']]
        check(auth == [(apex, NS, 'ns.' + apex)], '%s: NS in authority, got %r' % (name, auth))
    # The question's spelling is kept; lookups ignore case.
    r = parse(udp_exchange(port, query('V4.WS2.Test', A)))
    check(r['question'] == [('V4.WS2.Test', A, 1)], 'mixed case question echoed')
    check([(n, d) for n, _, _, d in r['answer']] == [('V4.WS2.Test', '192.0.2.1')],
          'mixed case answer, got %r' % r['answer'])
    # The chain of a CNAME loop is a positive answer too: it names the
    # zone's server like the others.
    r = parse(udp_exchange(port, query('loop2.ws2.test', AAAA)))
    check([(n, t) for n, t, _, _ in r['authority']] == [('ws2.test', NS)],
          'loop: NS in authority, got %r' % r['authority'])
    # Empty non-terminals exist within their zone; names above a zone's
    # apex belong to the root zone, where they do not.
    ent = '0.' * 23 + '8.b.d.0.1.0.0.2.ip6.arpa'
    expect(port, ent, PTR, NOERROR, [], soa='8.b.d.0.1.0.0.2.ip6.arpa')
    expect(port, '0.192.in-addr.arpa', PTR, NXDOMAIN, [], soa='')
    expect(port, 'test', SOA, NXDOMAIN, [], soa='')
    # A name's CNAME itself, and everything it owns with ANY, without
    # following the alias.
    expect(port, 'alias2.ws2.test', ANY, NOERROR, [('alias2.ws2.test', CNAME, 'alias.ws2.test')])
    expect(port, 'dual.ws2.test', ANY, NOERROR,
           [('dual.ws2.test', A, '192.0.2.20'), ('dual.ws2.test', AAAA, '2001:db8::20')])
    # Other classes than IN (here CHAOS) are refused; zone transfers are
    # not implemented.
    r = parse(udp_exchange(port, query('v4.ws2.test', A)[:-2] + struct.pack('>H', 3)))
    check(r['rcode'] == REFUSED and not r['answer'], 'class CH: %r' % r)
    r = parse(tcp_exchange(port, query('ws2.test', 252)))
    check(r['rcode'] == NOTIMP and not r['answer'], 'AXFR: %r' % r)
    # No recursion desired: same answer, RD clear, RA never set.
    r = parse(udp_exchange(port, query('v4.ws2.test', A, flags=0)))
    check(r['flags'] & 0x0180 == 0, 'RD/RA clear, flags %#x' % r['flags'])
    check(len(r['answer']) == 1, 'RD clear still answered')

    # EDNS: answered, with an OPT back; an unknown version gets BADVERS.
    r = parse(udp_exchange(port, query('dual.ws2.test', AAAA, edns=(4096, 0))))
    check(r['rcode'] == NOERROR and len(r['answer']) == 1, 'EDNS query answered: %r' % r)
    check([t for _, t, _, _ in r['additional']] == [OPT], 'OPT in the response: %r' % r['additional'])
    r = parse(udp_exchange(port, query('dual.ws2.test', AAAA, edns=(4096, 1))))
    check(r['rcode'] == 0 and r['additional'] and r['additional'][0][2] >> 24 == 1,
          'EDNS version 1 gets BADVERS: %r' % r)

    # Compressed names in the query: records after the question whose
    # owners point back into it, one whole, one after a label of its own.
    msg = struct.pack('>HHHHHH', 7, 0x0100, 1, 0, 0, 3)
    msg += encode_name('v4.ws2.test') + struct.pack('>HH', A, 1)
    msg += b'\0' + struct.pack('>HHIH', OPT, 1232, 0, 0)
    msg += struct.pack('>H', 0xc00c) + struct.pack('>HHIH', TXT, 1, 0, 0)
    msg += b'\x05extra' + struct.pack('>H', 0xc000 | 15) + struct.pack('>HHIH', TXT, 1, 0, 0)
    r = parse(udp_exchange(port, msg))
    check(r['id'] == 7 and r['rcode'] == NOERROR, 'compressed query: %r' % r)
    check(r['question'] == [('v4.ws2.test', A, 1)], 'compressed question decoded: %r' % r['question'])
    check([d for _, _, _, d in r['answer']] == ['192.0.2.1'], 'compressed query answered: %r' % r['answer'])
    # A pointer must lead to a prior occurrence (RFC 1035 4.1.4): a
    # question ending in a pointer to bytes after it gets FORMERR.
    msg = struct.pack('>HHHHHH', 9, 0x0100, 1, 0, 0, 0)
    msg += b'\x02v4' + struct.pack('>H', 0xc000 | 21) + struct.pack('>HH', A, 1)
    msg += encode_name('ws2.test')
    r = parse(udp_exchange(port, msg))
    check(r['id'] == 9 and r['rcode'] == FORMERR and not r['question'], 'forward pointer: %r' % r)

    # Malformed: a pointer loop and a truncated question get FORMERR;
    # runts and responses are ignored; other opcodes get NOTIMP.
    msg = struct.pack('>HHHHHH', 8, 0, 1, 0, 0, 0) + struct.pack('>H', 0xc00c) + struct.pack('>HH', A, 1)
    r = parse(udp_exchange(port, msg))
    check(r['id'] == 8 and r['rcode'] == FORMERR and not r['question'], 'pointer loop: %r' % r)
    r = parse(udp_exchange(port, query('v4.ws2.test', A)[:-3]))
    check(r['rcode'] == FORMERR, 'truncated question: %r' % r)
    r = parse(udp_exchange(port, query('v4.ws2.test', A, flags=0x2800)))
    check(r['rcode'] == NOTIMP, 'opcode 5 (UPDATE): %r' % r)
    for junk in (b'\x12', query('v4.ws2.test', A, flags=0x8000)):
        try:
            udp_exchange(port, junk, timeout=0.5)
            check(False, 'no answer to %r' % junk)
        except socket.timeout:
            check(True, '')

    # The slow name: answered after about 3 s, while others are answered
    # at once.
    slow = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    slow.settimeout(10)
    start = time.monotonic()
    slow.sendto(query('slow.ws2.test', A, qid=99), ('127.0.0.1', port))
    r = parse(udp_exchange(port, query('v4.ws2.test', A)))
    check(time.monotonic() - start < 1 and len(r['answer']) == 1, 'v4 answered while slow is pending')
    r = parse(tcp_exchange(port, query('multi.ws2.test', A)))
    check(time.monotonic() - start < 1 and len(r['answer']) == 2, 'TCP answered while slow is pending')
    r = parse(slow.recvfrom(65535)[0])
    elapsed = time.monotonic() - start
    check(2.9 <= elapsed < 4.5, 'slow answered after %.2f s' % elapsed)
    check(r['id'] == 99 and [d for _, _, _, d in r['answer']] == ['192.0.2.40'], 'slow answer: %r' % r)


# A zone of its own for the options: big.tc.example has more addresses
# than fit in 512 bytes.
OWN_ZONE = """$ORIGIN tc.example.
$TTL 30
@ SOA ns hostmaster 7 3600 600 86400 30
@ NS ns
one A 198.51.100.1
""" + ''.join('big A 198.51.100.%d\n' % i for i in range(100, 140))


def run_option_tests(port):
    """--zone with one file, --minimal, --no-tcp, and truncation."""
    r = expect(port, 'one.tc.example', A, NOERROR, [('one.tc.example', A, '198.51.100.1')])
    check(not r['authority'], '--minimal: no NS in authority, got %r' % r['authority'])
    r = expect(port, 'two.tc.example', A, NXDOMAIN, [], soa='tc.example')
    check(r['authority'] and r['authority'][0][2] == 30, 'negative TTL: %r' % r['authority'])
    # Outside the only zone served: not ours to answer.
    expect(port, 'v4.ws2.test', A, REFUSED, [])
    # Too long for plain UDP: an empty answer with TC, which EDNS avoids.
    r = parse(udp_exchange(port, query('big.tc.example', A)))
    check(r['flags'] & 0x0200 and not r['answer'] and r['rcode'] == NOERROR,
          'big answer over UDP truncated: %r' % r)
    r = parse(udp_exchange(port, query('big.tc.example', A, edns=(4096, 0))))
    check(not r['flags'] & 0x0200 and len(r['answer']) == 40,
          'big answer with EDNS: %d answers, flags %#x' % (len(r['answer']), r['flags']))
    try:
        tcp_exchange(port, query('one.tc.example', A))
        check(False, '--no-tcp: TCP answered')
    except OSError:
        check(True, '')


def start_responder(tmp, tag, extra):
    """Returns (process, port, log path); port is None if it did not start."""
    ready = os.path.join(tmp, tag + '.ready')
    log = os.path.join(tmp, tag + '.log')
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, 'responder.py'), '--ready-file', ready,
                             '--parent', str(os.getpid()), '--log', log] + extra + ['127.0.0.1', '0'])
    for _ in range(100):
        if os.path.exists(ready) or proc.poll() is not None:
            break
        time.sleep(0.05)
    if not os.path.exists(ready):
        print('FAIL: responder %s did not start' % tag)
        return proc, None, log
    return proc, int(open(ready).read().split()[1]), log


def main():
    tmp = tempfile.mkdtemp(prefix='ws2-dns-test-')
    zone = os.path.join(tmp, 'own.zone')
    with open(zone, 'w') as f:
        f.write(OWN_ZONE)
    logs = []
    for tag, extra, tests in (('default', [], run_tests),
                              ('options', ['--zone', zone, '--minimal', '--no-tcp'], run_option_tests)):
        proc, port, log = start_responder(tmp, tag, extra)
        logs.append(log)
        try:
            if port is None:
                return 1
            tests(port)
        finally:
            proc.terminate()
            proc.wait()
    if failures:
        for log in logs:
            print('--- responder log %s:' % log)
            print(open(log).read())
    if failures:
        print('--- responder log:')
        print(open(log).read())
    else:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
    print('responder self-test: %d checks, %d failures' % (checks, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
