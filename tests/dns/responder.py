#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""A small authoritative DNS responder for the resolver tests.

usage: responder.py [--zone FILE] [--ready-file FILE] [--parent PID]
                    [--log FILE] [--no-tcp] [--minimal] ADDRESS [PORT]

Serves the fixed records of tests/dns/zone (the format is described at the
top of that file) over UDP and TCP on ADDRESS:PORT (default port 53).  It
never recurses and never talks to any other server: every query is
answered from the zone file alone.

--ready-file is created once the sockets are bound, so a caller can wait
for it; --parent makes the responder exit when that process is gone (or
when it is itself re-parented), so it never outlives whoever started it.
Exit status 2: bad arguments or zone file; 3: the address could not be
bound (for instance already in use).

Standard library only.
"""

import argparse
import ipaddress
import os
import select
import socket
import struct
import sys
import threading
import time

TYPE = {'A': 1, 'NS': 2, 'CNAME': 5, 'SOA': 6, 'PTR': 12, 'MX': 15,
        'TXT': 16, 'AAAA': 28, 'OPT': 41, 'ANY': 255}
TYPE_NAME = {v: k for k, v in TYPE.items()}
RCODE = {'NOERROR': 0, 'FORMERR': 1, 'SERVFAIL': 2, 'NXDOMAIN': 3,
         'NOTIMP': 4, 'REFUSED': 5}
RCODE_NAME = {v: k for k, v in RCODE.items()}
CLASS_IN = 1
CLASS_ANY = 255
BADVERS = 16            # extended rcode: unsupported EDNS version
OUR_UDP_SIZE = 1232     # the payload size we advertise with EDNS
SOA_TIMERS = (1, 3600, 600, 86400, 60)  # serial refresh retry expire minimum


class ZoneError(Exception):
    pass


class FormatError(Exception):
    """The query cannot be parsed."""


def canon(name):
    """Lower-case (ASCII only), no trailing dot; '' is the root."""
    name = name.rstrip('.') if name != '.' else ''
    return ''.join(c.lower() if 'A' <= c <= 'Z' else c for c in name)


def parent_of(name):
    return name.split('.', 1)[1] if '.' in name else ''


def is_below(name, apex):
    return apex == '' or name == apex or name.endswith('.' + apex)


class Record:
    """One resource record; rdata is a list of bytes and ('name', str)
    items so names can be compressed when the answer is built."""

    def __init__(self, owner, rtype, ttl, rdata):
        self.owner, self.rtype, self.ttl, self.rdata = owner, rtype, ttl, rdata


class Zone:
    def __init__(self):
        self.apexes = []        # authoritative zones
        self.records = {}       # owner -> [Record]
        self.rcodes = {}        # owner -> forced rcode
        self.delays = {}        # owner -> seconds
        self.existing = set()   # owners and their ancestors inside a zone
        self.minimal = False    # no NS in the authority section

    def load(self, path):
        ttl = 60
        pending = []
        with open(path, encoding='utf-8') as f:
            for lineno, line in enumerate(f, 1):
                fields = line.split('#', 1)[0].split()
                if not fields:
                    continue
                where = '%s:%d' % (path, lineno)
                try:
                    if fields[0] == '$TTL' and len(fields) == 2:
                        ttl = int(fields[1])
                    elif fields[0] == '$ZONE' and len(fields) == 2:
                        self.apexes.append(canon(fields[1]))
                    elif fields[0].startswith('$'):
                        raise ZoneError('unknown directive')
                    elif len(fields) < 3:
                        raise ZoneError('expected: name type data')
                    else:
                        pending.append((where, ttl, fields))
                except (ValueError, ZoneError) as e:
                    raise ZoneError('%s: %s' % (where, e))
        # Longest apex first, so the most specific zone wins.
        self.apexes.sort(key=len, reverse=True)
        for where, ttl, fields in pending:
            try:
                self.add(ttl, fields)
            except (ValueError, ZoneError) as e:
                raise ZoneError('%s: %s' % (where, e))
        for apex in self.apexes:
            self.add_record(Record(apex, TYPE['SOA'], ttl, self.soa_rdata(apex)))
            self.add_record(Record(apex, TYPE['NS'], ttl, [('name', self.ns_name(apex))]))

    @staticmethod
    def ns_name(apex):
        return ('ns.' + apex) if apex else 'ns.invalid'

    def soa_rdata(self, apex):
        hostmaster = ('hostmaster.' + apex) if apex else 'hostmaster.invalid'
        return [('name', self.ns_name(apex)), ('name', hostmaster),
                struct.pack('>IIIII', *SOA_TIMERS)]

    def add(self, ttl, fields):
        owner, kind, data = canon(fields[0]), fields[1].upper(), fields[2:]
        if self.zone_of(owner) is None:
            raise ZoneError('%s is outside every $ZONE' % owner)
        if kind == 'RCODE':
            if len(data) != 1 or data[0].upper() not in RCODE:
                raise ZoneError('RCODE takes one of ' + ', '.join(RCODE))
            self.rcodes[owner] = RCODE[data[0].upper()]
            self.mark_existing(owner)
            return
        if kind == 'DELAY':
            if len(data) != 1:
                raise ZoneError('DELAY takes a number of seconds')
            self.delays[owner] = float(data[0])
            return
        if kind == 'A' and len(data) == 1:
            rdata = [ipaddress.IPv4Address(data[0]).packed]
        elif kind == 'AAAA' and len(data) == 1:
            rdata = [ipaddress.IPv6Address(data[0]).packed]
        elif kind in ('CNAME', 'PTR', 'NS') and len(data) == 1:
            rdata = [('name', canon(data[0]))]
        elif kind == 'MX' and len(data) == 2:
            rdata = [struct.pack('>H', int(data[0])), ('name', canon(data[1]))]
        elif kind == 'TXT':
            text = ' '.join(data).encode('utf-8')
            rdata = [bytes([len(text[i:i + 255])]) + text[i:i + 255]
                     for i in range(0, max(len(text), 1), 255)]
        else:
            raise ZoneError('bad record: ' + ' '.join(fields))
        self.add_record(Record(owner, TYPE[kind], ttl, rdata))

    def add_record(self, record):
        existing = self.records.setdefault(record.owner, [])
        has_cname = any(r.rtype == TYPE['CNAME'] for r in existing)
        if existing and (has_cname or record.rtype == TYPE['CNAME']):
            raise ZoneError('%s: a CNAME owner has no other record' % record.owner)
        existing.append(record)
        self.mark_existing(record.owner)

    def mark_existing(self, owner):
        apex = self.zone_of(owner)
        name = owner
        while True:
            self.existing.add(name)
            if name == apex or not name:
                break
            name = parent_of(name)

    def zone_of(self, name):
        for apex in self.apexes:
            if is_below(name, apex):
                return apex
        return None

    def soa_for(self, name):
        """The SOA record for a negative answer about name."""
        apex = self.zone_of(name)
        if apex is None:    # outside our zones: answer as if for the root
            return Record('', TYPE['SOA'], SOA_TIMERS[4], self.soa_rdata(''))
        soa = [r for r in self.records[apex] if r.rtype == TYPE['SOA']][0]
        return Record(apex, soa.rtype, min(soa.ttl, SOA_TIMERS[4]), soa.rdata)

    def resolve(self, qname, qtype):
        """Returns (rcode, answers, authority, delay) for one question.

        A positive answer carries the zone's NS record in the authority
        section, as traditional authoritative servers send it.  This also
        keeps Wine 8.0's dnsapi working: its message parser rejects
        (DNS_ERROR_BAD_PACKET) a response whose last answer ends in an
        uncompressed name at the very end of the message, which a PTR
        answer in a reverse zone always is otherwise.  --minimal leaves
        the authority section out (to reproduce that)."""
        rcode, answers, authority, delay = self.lookup(qname, qtype)
        apex = self.zone_of(qname)
        if (rcode == RCODE['NOERROR'] and answers and not authority and not self.minimal
                and apex is not None and not (qname == apex and qtype == TYPE['NS'])):
            authority = [r for r in self.records[apex] if r.rtype == TYPE['NS']]
        return rcode, answers, authority, delay

    def lookup(self, qname, qtype):
        """The answer and negative-answer SOA, following aliases."""
        answers, authority, delay = [], [], 0.0
        name, seen = qname, {qname}
        while True:
            delay = max(delay, self.delays.get(name, 0.0))
            if name in self.rcodes:
                return self.rcodes[name], answers, authority, delay
            if self.zone_of(name) is None or name not in self.existing:
                if self.zone_of(name) is None and answers:
                    # An alias pointing out of our zones: the chain is all
                    # we know, the client has to look the target up itself.
                    return RCODE['NOERROR'], answers, authority, delay
                return RCODE['NXDOMAIN'], answers, [self.soa_for(name)], delay
            records = self.records.get(name, [])
            cname = [r for r in records if r.rtype == TYPE['CNAME']]
            if cname and qtype not in (TYPE['CNAME'], TYPE['ANY']):
                answers.append(cname[0])
                target = cname[0].rdata[0][1]
                if target in seen:      # a loop: hand out the chain as is
                    return RCODE['NOERROR'], answers, authority, delay
                seen.add(target)
                name = target
                continue
            matches = [r for r in records if qtype in (r.rtype, TYPE['ANY'])]
            if matches:
                answers.extend(matches)
            else:
                authority.append(self.soa_for(name))
            return RCODE['NOERROR'], answers, authority, delay


def read_name(msg, off):
    """Reads a possibly compressed name; returns (labels, next offset)."""
    labels, end, jumps, total = [], None, 0, 0
    while True:
        if off >= len(msg):
            raise FormatError('name runs past the message')
        length = msg[off]
        if length & 0xc0 == 0xc0:
            if off + 1 >= len(msg):
                raise FormatError('truncated pointer')
            jumps += 1
            if jumps > 64:
                raise FormatError('compression loop')
            if end is None:
                end = off + 2
            off = ((length & 0x3f) << 8) | msg[off + 1]
            continue
        if length & 0xc0:
            raise FormatError('unknown label type')
        off += 1
        if length == 0:
            break
        if off + length > len(msg):
            raise FormatError('label runs past the message')
        labels.append(bytes(msg[off:off + length]))
        total += length + 1
        if total > 255:
            raise FormatError('name too long')
        off += length
    return labels, (end if end is not None else off)


def labels_text(labels):
    """Text form for zone lookups; odd bytes stay unmatchable escapes."""
    out = []
    for label in labels:
        text = ''
        for b in label:
            c = chr(b)
            if b == 0x2e or b == 0x5c or b < 0x21 or b > 0x7e:
                text += '\\%03d' % b
            else:
                text += c
        out.append(text)
    return canon('.'.join(out))


class Builder:
    """Builds a response message, compressing names."""

    def __init__(self):
        self.buf = bytearray()
        self.offsets = {}

    def name(self, labels):
        """labels: list of bytes, original case."""
        for i in range(len(labels)):
            key = tuple(l.lower() for l in labels[i:])
            if key in self.offsets:
                self.buf += struct.pack('>H', 0xc000 | self.offsets[key])
                return
            if len(self.buf) < 0x4000:
                self.offsets[key] = len(self.buf)
            self.buf += bytes([len(labels[i])]) + labels[i]
        self.buf.append(0)

    def text_name(self, name):
        self.name([l.encode('ascii') for l in name.split('.')] if name else [])

    def record(self, record, owner_labels=None):
        if owner_labels is not None:
            self.name(owner_labels)
        else:
            self.text_name(record.owner)
        self.buf += struct.pack('>HHI', record.rtype, CLASS_IN, record.ttl)
        length_at = len(self.buf)
        self.buf += b'\0\0'
        for item in record.rdata:
            if isinstance(item, tuple):
                self.text_name(item[1])
            else:
                self.buf += item
        struct.pack_into('>H', self.buf, length_at, len(self.buf) - length_at - 2)


class Query:
    """The parts of a query the answer depends on."""

    def __init__(self, msg):
        if len(msg) < 12:
            raise ValueError('too short for a header')
        (self.id, self.flags, self.qdcount, self.ancount, self.nscount,
         self.arcount) = struct.unpack('>HHHHHH', msg[:12])
        self.qlabels = None
        self.qtype = self.qclass = None
        self.edns = None            # (udp size, version) when an OPT came
        self.error = None
        try:
            self.parse(msg)
        except FormatError as e:
            self.error = str(e)

    def parse(self, msg):
        if self.qdcount != 1:
            raise FormatError('%d questions' % self.qdcount)
        self.qlabels, off = read_name(msg, 12)
        if off + 4 > len(msg):
            raise FormatError('truncated question')
        self.qtype, self.qclass = struct.unpack('>HH', msg[off:off + 4])
        off += 4
        # Answer and authority records of a query are skipped; the
        # additional section may hold the EDNS OPT record.
        for section, count in enumerate((self.ancount, self.nscount, self.arcount)):
            for _ in range(count):
                owner, off = read_name(msg, off)
                if off + 10 > len(msg):
                    raise FormatError('truncated record')
                rtype, rclass, ttl, rdlen = struct.unpack('>HHIH', msg[off:off + 10])
                off += 10 + rdlen
                if off > len(msg):
                    raise FormatError('truncated rdata')
                if rtype == TYPE['OPT']:
                    if section != 2 or owner or self.edns is not None:
                        raise FormatError('misplaced or repeated OPT')
                    self.edns = (max(rclass, 512), (ttl >> 16) & 0xff)


def answer(zone, msg, udp):
    """Returns (response bytes or None to stay silent, delay, log text)."""
    try:
        q = Query(msg)
    except ValueError:
        return None, 0, 'runt packet ignored'
    if q.flags & 0x8000:
        return None, 0, 'response ignored'
    opcode = (q.flags >> 11) & 0xf
    rd = q.flags & 0x0100
    rcode, answers, authority, delay = RCODE['NOERROR'], [], [], 0.0
    ext_rcode = 0
    qname = labels_text(q.qlabels) if q.qlabels is not None else '?'
    if q.error:
        rcode = RCODE['FORMERR']
    elif opcode != 0:
        rcode = RCODE['NOTIMP']
    elif q.edns and q.edns[1] != 0:
        ext_rcode = BADVERS
    elif q.qclass not in (CLASS_IN, CLASS_ANY):
        rcode = RCODE['REFUSED']
    elif q.qtype in (TYPE['OPT'], 251, 252):   # OPT, IXFR, AXFR
        rcode = RCODE['NOTIMP'] if q.qtype != TYPE['OPT'] else RCODE['FORMERR']
    else:
        rcode, answers, authority, delay = zone.resolve(qname, q.qtype)

    def build(answers, authority, tc):
        b = Builder()
        flags = 0x8000 | (opcode << 11) | 0x0400 | rd | ((ext_rcode & 0xf) if ext_rcode else rcode)
        if tc:
            flags |= 0x0200
        question = q.qlabels is not None and not q.error
        b.buf += struct.pack('>HHHHHH', q.id, flags, 1 if question else 0,
                             len(answers), len(authority), 1 if q.edns else 0)
        if question:
            b.name(q.qlabels)
            b.buf += struct.pack('>HH', q.qtype, q.qclass)
        for r in answers:
            # The queried name itself keeps the question's spelling.
            same = question and r.owner == qname
            b.record(r, q.qlabels if same else None)
        for r in authority:
            b.record(r)
        if q.edns:
            b.buf += b'\0' + struct.pack('>HHIH', TYPE['OPT'], OUR_UDP_SIZE,
                                         (ext_rcode >> 4) << 24, 0)
        return bytes(b.buf)

    response = build(answers, authority, False)
    limit = min(q.edns[0], 65535) if q.edns else 512
    if udp and len(response) > limit:
        response = build([], [], True)
    log = '%s %s %s -> %s, %d answers%s' % (
        'udp' if udp else 'tcp', qname, TYPE_NAME.get(q.qtype, q.qtype),
        RCODE_NAME.get(rcode, rcode) if not ext_rcode else 'BADVERS',
        len(answers), ', delayed %gs' % delay if delay else '')
    if q.error:
        log += ' (' + q.error + ')'
    return response, delay, log


class Server:
    def __init__(self, zone, address, port, tcp, log):
        self.zone = zone
        self.log_file = log
        self.log_lock = threading.Lock()
        family = socket.AF_INET6 if ':' in address else socket.AF_INET
        # Port 0 (the self-test) picks a free port, the same for both.
        for attempt in range(1 if port else 50):
            self.udp = socket.socket(family, socket.SOCK_DGRAM)
            self.udp.bind((address, port))
            self.tcp = None
            if not tcp:
                break
            self.tcp = socket.socket(family, socket.SOCK_STREAM)
            self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                self.tcp.bind((address, self.udp.getsockname()[1]))
                break
            except OSError:
                self.udp.close()
                self.tcp.close()
                if port or attempt == 49:
                    raise
        if self.tcp:
            self.tcp.listen(16)

    def log(self, text):
        if self.log_file:
            with self.log_lock:
                self.log_file.write('%.3f %s\n' % (time.time(), text))
                self.log_file.flush()

    def send_later(self, delay, send, data):
        def run():
            time.sleep(delay)
            try:
                send(data)
            except OSError:
                pass
        threading.Thread(target=run, daemon=True).start()

    def on_udp(self):
        try:
            msg, peer = self.udp.recvfrom(65535)
        except OSError:
            return
        response, delay, text = answer(self.zone, msg, True)
        self.log('%s from %s' % (text, peer[0]))
        if response is None:
            return
        if delay:
            self.send_later(delay, lambda d: self.udp.sendto(d, peer), response)
        else:
            try:
                self.udp.sendto(response, peer)
            except OSError:
                pass

    def tcp_client(self, conn):
        """Length-prefixed queries until the client closes or idles."""
        conn.settimeout(10)
        try:
            while True:
                head = self.recv_exact(conn, 2)
                if head is None:
                    break
                msg = self.recv_exact(conn, struct.unpack('>H', head)[0])
                if msg is None:
                    break
                response, delay, text = answer(self.zone, msg, False)
                self.log(text)
                if response is None:
                    continue
                if delay:
                    time.sleep(delay)
                conn.sendall(struct.pack('>H', len(response)) + response)
        except OSError:
            pass
        finally:
            conn.close()

    @staticmethod
    def recv_exact(conn, n):
        data = b''
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def serve(self, parent):
        original_parent = os.getppid()
        sockets = [self.udp] + ([self.tcp] if self.tcp else [])
        while True:
            if parent and not alive(parent):
                return
            if parent and os.getppid() != original_parent:
                return
            ready, _, _ = select.select(sockets, [], [], 0.5)
            for s in ready:
                if s is self.udp:
                    self.on_udp()
                else:
                    try:
                        conn, _ = self.tcp.accept()
                    except OSError:
                        continue
                    threading.Thread(target=self.tcp_client, args=(conn,),
                                     daemon=True).start()


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description='Authoritative DNS responder for the tests.')
    p.add_argument('--zone', default=os.path.join(here, 'zone'))
    p.add_argument('--ready-file')
    p.add_argument('--parent', type=int, default=0)
    p.add_argument('--log')
    p.add_argument('--no-tcp', action='store_true')
    p.add_argument('--minimal', action='store_true',
                   help='no NS record in the authority section of positive answers')
    p.add_argument('address')
    p.add_argument('port', nargs='?', type=int, default=53)
    args = p.parse_args()

    zone = Zone()
    zone.minimal = args.minimal
    try:
        zone.load(args.zone)
    except (OSError, ZoneError) as e:
        print('responder: %s' % e, file=sys.stderr)
        return 2
    try:
        server = Server(zone, args.address, args.port, not args.no_tcp,
                        open(args.log, 'a') if args.log else None)
    except OSError as e:
        print('responder: cannot listen on %s port %d: %s' % (args.address, args.port, e),
              file=sys.stderr)
        return 3
    if args.ready_file:
        tmp = args.ready_file + '.tmp'
        with open(tmp, 'w') as f:
            f.write('%s %d\n' % (args.address, server.udp.getsockname()[1]))
        os.rename(tmp, args.ready_file)
    try:
        server.serve(args.parent)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
