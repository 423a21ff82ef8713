#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""A small authoritative DNS responder for the resolver tests.

usage: responder.py [--zone FILE] [--ready-file FILE] [--parent PID]
                    [--log FILE] [--no-tcp] [--minimal] ADDRESS [PORT]

Serves the zones of tests/dns/zone/*.zone, RFC 1035 master files (the
README there says how they are served), over UDP and TCP on ADDRESS:PORT
(default port 53).  --zone names that directory or one master file.  It
never recurses and never talks to any other server: every query is
answered from the zones and the RULES below alone; a name outside them
all gets REFUSED (the root zone among ours holds every name).

dnspython (Debian: python3-dnspython) parses the zone file and the queries
and renders the responses, compressing names.  When the python3 that
started this script cannot import it, the script runs itself again with
Debian's /usr/bin/python3.

--ready-file is created once the sockets are bound, so a caller can wait
for it; --parent makes the responder exit when that process is gone (or
when it is itself re-parented), so it never outlives whoever started it.
--minimal leaves the NS record out of positive answers (see
AUTHORITY_NS_RULE).  Exit status 2: bad arguments, bad zone file or no
dnspython; 3: the address could not be bound (for instance already in
use).
"""

import os
import sys

SYSTEM_PYTHON = '/usr/bin/python3'

try:
    import dns.exception
    import dns.flags
    import dns.message
    import dns.name
    import dns.rcode
    import dns.rdataclass
    import dns.rdatatype
    import dns.rrset
    import dns.zone
except ImportError:
    # A python3 of its own (pyenv, a venv) does not see Debian's package.
    if (os.access(SYSTEM_PYTHON, os.X_OK)
            and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON)):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    print('responder: dnspython is missing (Debian: apt-get install python3-dnspython, '
          'or tools/install-deps)', file=sys.stderr)
    sys.exit(2)

import argparse
import select
import socket
import struct
import threading
import time

IN = dns.rdataclass.IN
OUR_UDP_SIZE = 1232     # the payload size we advertise with EDNS
PLAIN_UDP_SIZE = 512    # a UDP answer without EDNS is at most this long


class Rule:
    """Something a master file cannot say about one name: every query for
    it (or through an alias to it) gets a fixed rcode, and/or its answer
    is sent late."""

    def __init__(self, name, rcode=None, delay=0.0):
        self.name = dns.name.from_text(name)
        self.rcode = rcode
        self.delay = delay


RULES = [
    # A resolver's "server failure" and "refused" paths.
    Rule('servfail.ws2.test', rcode=dns.rcode.SERVFAIL),
    Rule('refused.ws2.test', rcode=dns.rcode.REFUSED),
    # For cancellation and timeout tests: 3 s is longer than the callers'
    # short waits but shorter than the resolvers' per-try timeout.  The
    # server keeps answering other queries meanwhile.
    Rule('slow.ws2.test', delay=3.0),
]

# AUTHORITY_NS_RULE: a positive answer carries the NS record of the
# queried name's zone in the authority section, as traditional
# authoritative servers send it.  It also keeps Wine 8.0's dnsapi working:
# its message parser rejects (DNS_ERROR_BAD_PACKET) a response whose last
# answer ends in an uncompressed name at the very end of the message,
# which a PTR answer in a reverse zone always is otherwise.  The NS record
# after it ends in a compressed name.  --minimal turns the rule off (to
# reproduce the problem).


class ZoneError(Exception):
    pass


class Answer:
    def __init__(self, rcode=dns.rcode.NOERROR):
        self.rcode = rcode
        self.answer = []        # RRsets, the alias chain first
        self.authority = []
        self.delay = 0.0

    def count(self):
        return sum(len(rrset) for rrset in self.answer)


class Zones:
    """The zones of the master files, each a dnspython zone.  An answer
    comes from the deepest zone whose apex is at or above the name."""

    def __init__(self, path, authority_ns=True):
        if os.path.isdir(path):
            files = sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith('.zone'))
        else:
            files = [path]
        self.zones = {}
        for f in files:
            try:
                # The origin is the file's first $ORIGIN; its SOA and NS
                # are checked to be there.
                zone = dns.zone.from_file(f, origin=None, relativize=False)
            except (OSError, ValueError, dns.exception.DNSException) as e:
                raise ZoneError('%s: %s' % (f, e))
            if zone.origin in self.zones:
                raise ZoneError('%s: a second zone %s' % (f, zone.origin))
            self.zones[zone.origin] = zone
        if not self.zones:
            raise ZoneError('%s: no *.zone file' % path)
        # Deepest apex first, so the most specific zone wins.
        self.apexes = sorted(self.zones, key=len, reverse=True)
        self.authority_ns = authority_ns
        self.rules = {rule.name: rule for rule in RULES}
        # A name exists when it owns records or has an owner below it in
        # the same zone (an empty non-terminal).
        self.existing = set()
        for apex, zone in self.zones.items():
            for owner in zone.nodes:
                name = owner
                while name != apex:
                    self.existing.add(name)
                    name = name.parent()
            self.existing.add(apex)

    def zone_of(self, name):
        """The zone a name belongs to, or None outside them all."""
        for apex in self.apexes:
            if name.is_subdomain(apex):
                return self.zones[apex]
        return None

    def negative_soa(self, zone):
        """The SOA for a negative answer from zone; its TTL is the lesser
        of the record's and its minimum field (RFC 2308)."""
        soa = zone.get_rdataset(zone.origin, dns.rdatatype.SOA)
        rrset = self.rrset(zone.origin, soa)
        rrset.update_ttl(min(soa.ttl, soa[0].minimum))
        return rrset

    def resolve(self, qname, qtype):
        """The answer to one question."""
        result = self.follow(qname, qtype)
        if (self.authority_ns and result.rcode == dns.rcode.NOERROR and result.answer
                and not result.authority):
            self.add_authority_ns(result, qname, qtype)
        return result

    def follow(self, qname, qtype):
        """The records for one question, following aliases inside our
        zones.  Records owned by the queried name keep the question's
        spelling."""
        result = Answer()
        name, seen = qname, {qname}
        while True:
            rule = self.rules.get(name)
            if rule:
                result.delay = max(result.delay, rule.delay)
                if rule.rcode is not None:
                    result.rcode = rule.rcode
                    return result
            zone = self.zone_of(name)
            if zone is None:
                # Only an alias leads here when there is no root zone:
                # the chain is all we know, the client looks further.
                if not result.answer:
                    result.rcode = dns.rcode.REFUSED
                return result
            if name not in self.existing:
                result.rcode = dns.rcode.NXDOMAIN
                result.authority.append(self.negative_soa(zone))
                return result
            node = zone.get_node(name)
            rdatasets = node.rdatasets if node else []
            cname = [r for r in rdatasets if r.rdtype == dns.rdatatype.CNAME]
            if cname and qtype not in (dns.rdatatype.CNAME, dns.rdatatype.ANY):
                result.answer.append(self.rrset(name, cname[0]))
                target = cname[0][0].target
                if target in seen:      # a loop: hand out the chain as is
                    return result
                seen.add(target)
                name = target
                continue
            matches = [r for r in rdatasets if qtype in (r.rdtype, dns.rdatatype.ANY)]
            result.answer.extend(self.rrset(name, r) for r in matches)
            if not matches:
                result.authority.append(self.negative_soa(zone))
            return result

    def add_authority_ns(self, result, qname, qtype):
        """AUTHORITY_NS_RULE, with the zone of the queried name."""
        zone = self.zone_of(qname)
        if zone and not (qname == zone.origin and qtype == dns.rdatatype.NS):
            ns = zone.get_rdataset(zone.origin, dns.rdatatype.NS)
            result.authority.append(self.rrset(zone.origin, ns))

    @staticmethod
    def rrset(owner, rdataset):
        rrset = dns.rrset.RRset(owner, IN, rdataset.rdtype)
        rrset.update(rdataset)
        return rrset


def bare_reply(qid, flags, rcode):
    """A reply of a header only, for a query we cannot or will not read."""
    reply = dns.message.Message(id=qid)
    reply.flags = dns.flags.QR | dns.flags.AA | (flags & (dns.flags.RD | 0x7800))
    reply.set_rcode(rcode)
    return reply


def answer(zones, wire, udp):
    """Returns (response bytes or None to stay silent, delay, log text)."""
    if len(wire) < 12:
        return None, 0, 'runt packet ignored'
    qid, flags = struct.unpack('>HH', wire[:4])
    if flags & dns.flags.QR:
        return None, 0, 'response ignored'
    delay, count, what = 0.0, 0, '?'
    opcode = (flags >> 11) & 0xf
    query = None
    if opcode != 0:
        reply, note = bare_reply(qid, flags, dns.rcode.NOTIMP), ' (opcode %d)' % opcode
    else:
        try:
            query = dns.message.from_wire(wire, ignore_trailing=True)
            note = '' if len(query.question) == 1 else ' (%d questions)' % len(query.question)
        except (dns.exception.DNSException, ValueError) as e:
            note = ' (%s)' % (str(e) or type(e).__name__)
        if note:
            query = None
            reply = bare_reply(qid, flags, dns.rcode.FORMERR)
    if query:
        question = query.question[0]
        what = '%s %s' % (question.name.to_text(omit_final_dot=True).lower(),
                          dns.rdatatype.to_text(question.rdtype))
        reply = dns.message.make_response(query, our_payload=OUR_UDP_SIZE)
        reply.flags |= dns.flags.AA
        if query.edns > 0:
            reply.set_rcode(dns.rcode.BADVERS)
        elif question.rdclass not in (IN, dns.rdataclass.ANY):
            reply.set_rcode(dns.rcode.REFUSED)
        elif question.rdtype == dns.rdatatype.OPT:
            reply.set_rcode(dns.rcode.FORMERR)
        elif question.rdtype in (dns.rdatatype.AXFR, dns.rdatatype.IXFR):
            reply.set_rcode(dns.rcode.NOTIMP)
        else:
            result = zones.resolve(question.name, question.rdtype)
            reply.set_rcode(result.rcode)
            reply.answer, reply.authority = result.answer, result.authority
            delay, count = result.delay, result.count()
    limit = 65535
    if udp:
        limit = max(query.payload, PLAIN_UDP_SIZE) if query and query.edns >= 0 else PLAIN_UDP_SIZE
    # Records of one type keep their file order (the tests rely on it);
    # dnspython would shuffle them.
    try:
        data = reply.to_wire(max_size=limit, want_shuffle=False)
    except dns.exception.TooBig:
        reply.answer, reply.authority = [], []
        reply.flags |= dns.flags.TC
        data = reply.to_wire(max_size=limit, want_shuffle=False)
    log = '%s %s -> %s, %d answers%s%s' % (
        'udp' if udp else 'tcp', what, dns.rcode.to_text(reply.rcode()), count,
        ', delayed %gs' % delay if delay else '', note)
    return data, delay, log


class Server:
    def __init__(self, zones, address, port, tcp, log):
        self.zones = zones
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

    def on_udp(self):
        try:
            wire, peer = self.udp.recvfrom(65535)
        except OSError:
            return
        data, delay, text = answer(self.zones, wire, True)
        self.log('%s from %s' % (text, peer[0]))
        if data is None:
            return

        def send():
            time.sleep(delay)
            try:
                self.udp.sendto(data, peer)
            except OSError:
                pass
        if delay:
            # A late answer must not hold up the others.
            threading.Thread(target=send, daemon=True).start()
        else:
            send()

    def tcp_client(self, conn):
        """Length-prefixed queries until the client closes or idles."""
        conn.settimeout(10)
        try:
            while True:
                head = self.recv_exact(conn, 2)
                wire = head and self.recv_exact(conn, struct.unpack('>H', head)[0])
                if wire is None:
                    break
                data, delay, text = answer(self.zones, wire, False)
                self.log(text)
                if data is None:
                    continue
                time.sleep(delay)
                conn.sendall(struct.pack('>H', len(data)) + data)
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
            if parent and (not alive(parent) or os.getppid() != original_parent):
                return
            ready, _, _ = select.select(sockets, [], [], 0.5)
            for s in ready:
                if s is self.udp:
                    self.on_udp()
                    continue
                try:
                    conn, _ = self.tcp.accept()
                except OSError:
                    continue
                threading.Thread(target=self.tcp_client, args=(conn,), daemon=True).start()


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

    try:
        zones = Zones(args.zone, authority_ns=not args.minimal)
    except ZoneError as e:
        print('responder: %s' % e, file=sys.stderr)
        return 2
    try:
        server = Server(zones, args.address, args.port, not args.no_tcp,
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
