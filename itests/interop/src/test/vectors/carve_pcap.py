#!/usr/bin/env python3
"""Carves the TCP payload streams of a pcap into one file per direction of each connection.

usage: carve_pcap.py CAPTURE.pcap OUTDIR PORT
Writes OUTDIR/<name>.s<N>.c2s.bin and .s2c.bin for every TCP connection to PORT, in order of
appearance (N = 0, 1, ...). Standard library only; handles classic pcap with Ethernet or Linux
"cooked" (SLL) link types and IPv4. Retransmissions are dropped by sequence number.
"""
import os
import struct
import sys


def packets(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    linktype = struct.unpack(endian + 'I', data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
        yield linktype, data[off + 16:off + 16 + incl]
        off += 16 + incl


def tcp_segments(path):
    for linktype, pkt in packets(path):
        if linktype == 1:        # Ethernet
            if struct.unpack('>H', pkt[12:14])[0] != 0x0800:
                continue
            ip = pkt[14:]
        elif linktype == 113:    # Linux cooked
            ip = pkt[16:]
        elif linktype == 276:    # Linux cooked v2
            ip = pkt[20:]
        else:
            raise SystemExit('unsupported link type %d' % linktype)
        if ip[0] >> 4 != 4 or ip[9] != 6:
            continue
        ihl = (ip[0] & 0xf) * 4
        total = struct.unpack('>H', ip[2:4])[0]
        tcp = ip[ihl:total]
        sport, dport, seq = struct.unpack('>HHI', tcp[:8])
        doff = (tcp[12] >> 4) * 4
        yield sport, dport, seq, tcp[doff:]


def main():
    pcap, outdir, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    name = os.path.basename(pcap).rsplit('.', 1)[0]
    conns = {}
    order = []
    for sport, dport, seq, payload in tcp_segments(pcap):
        if port not in (sport, dport):
            continue
        client = sport if dport == port else dport
        if client not in conns:
            conns[client] = {'c2s': {}, 's2c': {}}
            order.append(client)
        direction = 'c2s' if dport == port else 's2c'
        if payload:
            conns[client][direction].setdefault(seq, payload)
    os.makedirs(outdir, exist_ok=True)
    for n, client in enumerate(order):
        for direction, segs in conns[client].items():
            stream = b''.join(segs[s] for s in sorted(segs))
            with open(os.path.join(outdir, '%s.s%d.%s.bin' % (name, n, direction)), 'wb') as f:
                f.write(stream)
            print('%s stream %d %s: %d bytes' % (name, n, direction, len(stream)))


if __name__ == '__main__':
    main()
