#!/usr/bin/env python3
"""Carves the MOSDMap/MOSDOp/MOSDOpReply messages of rados-put-get-crc.pcap into front/data files and index.tsv.

usage: carve_osd_messages.py PCAP OUTDIR

TCP streams are reassembled from a loopback pcap (Ethernet link type), msgr2 rev1 crc-mode frames parsed
(preamble, segment 0 + crc, segments 1..3, 13-byte epilogue) and each MESSAGE frame's segments written as
they were on the wire. Frame crcs are not checked here; the Java tests check what the segments decode to.
"""
import collections
import os
import struct
import sys

def packets(path):
    d = open(path, 'rb').read()
    magic, = struct.unpack('<I', d[:4])
    assert magic == 0xa1b2c3d4
    link, = struct.unpack('<I', d[20:24])
    off = 24
    while off < len(d):
        ts, tu, incl, orig = struct.unpack('<IIII', d[off:off+16]); off += 16
        yield d[off:off+incl]; off += incl

def tcp_streams(path):
    streams = collections.defaultdict(dict)  # (src,sport,dst,dport) -> seq -> payload
    syn = {}
    order = []
    for p in packets(path):
        eth = struct.unpack('>H', p[12:14])[0]
        if eth != 0x0800: continue
        ip = p[14:]
        ihl = (ip[0] & 0xf) * 4
        if ip[9] != 6: continue
        tot = struct.unpack('>H', ip[2:4])[0]
        src = '.'.join(map(str, ip[12:16])); dst = '.'.join(map(str, ip[16:20]))
        tcp = ip[ihl:tot]
        sport, dport, seq = struct.unpack('>HHI', tcp[:8])
        doff = (tcp[12] >> 4) * 4
        flags = tcp[13]
        key = (src, sport, dst, dport)
        if key not in syn and key not in [o for o in order]:
            order.append(key)
        if flags & 0x02:
            syn[key] = seq + 1
        payload = tcp[doff:]
        if payload:
            streams[key].setdefault(seq, payload)
    out = {}
    for key in order:
        if key not in streams: continue
        segs = streams[key]
        base = syn.get(key, min(segs))
        buf = bytearray(); cur = base
        for s in sorted(segs):
            pl = segs[s]
            if s < cur:
                pl = pl[cur - s:]
                if not pl: continue
                s = cur
            assert s == cur, ('gap', key, s, cur)
            buf += pl; cur += len(pl)
        out[key] = bytes(buf)
    return order, out

def frames(stream):
    assert stream[:8] == b'ceph v2\n', stream[:8]
    n, = struct.unpack('<H', stream[8:10])
    off = 10 + n
    while off + 32 <= len(stream):
        pre = stream[off:off+32]
        tag, nseg = pre[0], pre[1]
        lens = [struct.unpack('<I', pre[2+6*i:6+6*i])[0] for i in range(4)]
        off += 32
        segs = []
        if lens[0] > 0:
            segs.append(stream[off:off+lens[0]]); off += lens[0] + 4
        else:
            segs.append(b'')
        if nseg > 1:
            for i in range(1, nseg):
                segs.append(stream[off:off+lens[i]]); off += lens[i]
            off += 13
        while len(segs) < 4: segs.append(b'')
        yield tag, segs


PCAP, OUT = sys.argv[1], sys.argv[2]
order, st = tcp_streams(PCAP)
# OSD client ports in the order of the nine rados runs (see README.md)
runs = ['put-obj1', 'get-obj1', 'stat-obj1', 'rm-obj1', 'stat-obj1-enoent', 'put-obj2-offset', 'watch-obj2', 'rm-obj2']
names = {41: 'mosdmap', 42: 'mosdop', 43: 'mosdopreply'}
osd_ports = [k[1] for k in order if k[3] == 6800 and k in st]
mon_maps = {}
rows = []
for k in order:
    if k not in st or st[k][:8] != b'ceph v2\n':
        continue
    for tag, segs in frames(st[k]):
        if tag != 17:
            continue
        seq, tid, typ, prio, ver, pad, doff, ack, flags, compat = struct.unpack('<QQHHHIHQBH', segs[0][:39])
        if typ not in names:
            continue
        if typ == 41:
            epoch = struct.unpack("<I", segs[1][24:28])[0]  # key of the first full map (no incrementals here)
            base = 'osdmap-e%d' % epoch
            if base in mon_maps:
                continue
            mon_maps[base] = True
            stream = 'mon:%d' % k[3]
        else:
            port = k[1] if k[3] == 6800 else k[3]
            run = runs[osd_ports.index(port)]
            base = run if run != 'watch-obj2' else ('watch-obj2' if tid == 1 else 'unwatch-obj2')
            stream = '%d->%d' % (k[1], k[3])
        name = base + '.' + names[typ]
        open(os.path.join(OUT, name + '.front.bin'), 'wb').write(segs[1])
        if segs[3]:
            open(os.path.join(OUT, name + '.data.bin'), 'wb').write(segs[3])
        rows.append((name, typ, ver, compat, prio, tid, seq, len(segs[1]), len(segs[3]), stream))
with open(os.path.join(OUT, 'index.tsv'), 'w') as f:
    f.write('# name\ttype\tversion\tcompat\tpriority\ttid\tseq\tfront\tdata\tstream\n')
    for r in rows:
        f.write('\t'.join(map(str, r)) + '\n')
