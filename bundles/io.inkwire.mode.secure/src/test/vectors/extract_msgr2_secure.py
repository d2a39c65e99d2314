"""Offline: reassemble the msgr2-secure.pcap TCP sessions, derive each session's connection
secret from AUTH_DONE with the client.admin key, and write the post-AUTH_DONE ciphertext.

Usage: python3 extract_msgr2_secure.py OUT_DIR   (reads the capture and keyring from shared/captures)"""
import struct, base64, sys, os, json
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

CAP = '/work/shared/captures/msgr2-secure.pcap'
KEYRING = '/work/shared/captures/msgr2-secure.client.admin.keyring'
OUT = sys.argv[1]
MAGIC = 0xff009cad8826aa55
IV = b'cephsageyudagreg'

def read_pcap(path):
    d = open(path, 'rb').read()
    magic, vmaj, vmin, tz, sig, snap, link = struct.unpack('<IHHiIII', d[:24])
    assert magic == 0xa1b2c3d4 and link == 1, (hex(magic), link)
    off = 24
    while off < len(d):
        ts, tus, incl, orig = struct.unpack('<IIII', d[off:off+16]); off += 16
        yield d[off:off+incl]; off += incl

streams = {}  # (sport,dport) -> {seq: payload}
isn = {}
order = []
for pkt in read_pcap(CAP):
    if struct.unpack('>H', pkt[12:14])[0] != 0x0800: continue
    ip = pkt[14:]; ihl = (ip[0] & 15) * 4; tot = struct.unpack('>H', ip[2:4])[0]
    if ip[9] != 6: continue
    tcp = ip[ihl:tot]
    sport, dport, seq = struct.unpack('>HHI', tcp[:8]); doff = (tcp[12] >> 4) * 4; flags = tcp[13]
    key = (sport, dport)
    if flags & 0x02:
        isn[key] = seq + 1
        if key not in order: order.append(key)
    payload = tcp[doff:]
    if payload:
        streams.setdefault(key, {})[seq] = payload

def assemble(key):
    segs = streams.get(key, {}); base = isn[key]; out = bytearray()
    for seq in sorted(segs, key=lambda s: (s - base) & 0xffffffff):
        rel = (seq - base) & 0xffffffff; p = segs[seq]
        if rel > len(out): raise Exception('gap in %s at %d' % (key, len(out)))
        out += p[len(out) - rel:]
    return bytes(out)

kr = open(KEYRING).read().split('key = ')[1].split()[0]
ck = base64.b64decode(kr); assert struct.unpack('<H', ck[:2])[0] == 1
client_secret = ck[12:12 + struct.unpack('<H', ck[10:12])[0]]

def cbc_dec(key, ct):
    d = Cipher(algorithms.AES(key[:16]), modes.CBC(IV)).decryptor()
    pt = d.update(ct) + d.finalize()
    return pt[:-min(pt[-1], 16)]

def dec_envelope(key, ct):
    pt = cbc_dec(key, ct)
    assert pt[0] == 1 and struct.unpack('<Q', pt[1:9])[0] == MAGIC
    return pt[9:]

class R:
    def __init__(s, b): s.b = b; s.o = 0
    def take(s, n): v = s.b[s.o:s.o+n]; assert len(v) == n; s.o += n; return v
    def u8(s): return s.take(1)[0]
    def u16(s): return struct.unpack('<H', s.take(2))[0]
    def u32(s): return struct.unpack('<I', s.take(4))[0]
    def u64(s): return struct.unpack('<Q', s.take(8))[0]
    def blob(s): return s.take(s.u32())

def crc_frames(buf, off):
    """rev1 crc frames from off; yields (start, end, tag, seg0)."""
    while off + 32 <= len(buf):
        tag, n = buf[off], buf[off+1]
        lens = [struct.unpack('<I', buf[off+2+6*i:off+6+6*i])[0] for i in range(4)]
        end = off + 32 + (lens[0] + 4 if lens[0] else 0)
        if n > 1: end += sum(lens[1:n]) + 13
        yield off, end, tag, buf[off+32:off+32+lens[0]]
        off = end

result = []
for idx, c2s_key in enumerate([k for k in order if k[1] == 3300]):
    s2c_key = (c2s_key[1], c2s_key[0])
    c2s, s2c = assemble(c2s_key), assemble(s2c_key)
    secret = None; s2c_start = None
    for start, end, tag, seg0 in crc_frames(s2c, 26):
        if tag == 6:  # AUTH_DONE
            r = R(seg0); gid = r.u64(); mode = r.u32(); payload = R(r.blob())
            assert payload.u16() == 0x0100 and payload.u32() == 0
            assert payload.u8() == 1
            num = payload.u32(); assert num == 1
            svc = payload.u32(); assert payload.u8() == 1
            st = R(dec_envelope(client_secret, payload.blob()))
            assert st.u8() == 1; ktype = st.u16(); st.take(8); session_key = st.take(st.u16())
            enc = payload.u8(); tb = payload.blob()
            cbl = R(payload.blob()); inner = cbl.blob()
            sec = R(dec_envelope(session_key, inner)); secret = sec.take(sec.u32())
            assert len(secret) == 64
            s2c_start = end
            break
    # C->S: cleartext up to the last crc frame (AUTH_REQUEST_MORE), then secure
    c2s_start = None
    for start, end, tag, seg0 in crc_frames(c2s, 26):
        if tag == 5:
            c2s_start = end; break
    name = 'session%d' % idx
    open(os.path.join(OUT, name + '.secret.hex'), 'w').write(secret.hex() + '\n')
    open(os.path.join(OUT, name + '.s2c.bin'), 'wb').write(s2c[s2c_start:])
    open(os.path.join(OUT, name + '.c2s.bin'), 'wb').write(c2s[c2s_start:])
    print(name, c2s_key, 'global_id', gid, 'mode', mode, 'svc', hex(svc), 'session key len', len(session_key),
          's2c secure bytes', len(s2c) - s2c_start, 'c2s secure bytes', len(c2s) - c2s_start,
          'session_key', session_key.hex())
