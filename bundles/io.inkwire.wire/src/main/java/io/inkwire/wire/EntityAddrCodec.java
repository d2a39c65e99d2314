package io.inkwire.wire;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code entity_addr_t} and {@code entity_addrvec_t} encodings ({@code src/msg/msg_types.h},
 * {@code msg_types.cc}): the msgr2-era versioned form (marker 1), the 136-byte legacy form
 * (marker 0) and vectors (marker 2).
 */
public final class EntityAddrCodec {

    /** {@code AF_INET} as Linux numbers it (Ceph puts the Linux value on the wire). */
    public static final int AF_INET = 2;
    /** {@code AF_INET6} on Linux. */
    public static final int AF_INET6 = 10;
    /** {@code sizeof(sockaddr_in)}. */
    public static final int SOCKADDR_IN_LEN = 16;
    /** {@code sizeof(sockaddr_in6)}. */
    public static final int SOCKADDR_IN6_LEN = 28;
    /** {@code sizeof(ceph_entity_addr)}: the legacy form. */
    public static final int LEGACY_ADDR_LEN = 136;

    private EntityAddrCodec() {
    }

    /** The versioned (msgr2-era) form: marker 1, v1/compat1, len, type, nonce, sockaddr. */
    public static void encode(CephEncoder e, EntityAddr a) {
        e.u8(1).u8(1).u8(1);
        int elen = a.ip() instanceof Inet4Address ? SOCKADDR_IN_LEN : SOCKADDR_IN6_LEN;
        e.u32(12 + elen).u32(a.type().code()).u32(a.nonce() & 0xffffffffL).u32(elen);
        sockaddrAfterFamilyWithFamily(e, a, false);
    }

    /** The 136-byte legacy form (msgr1, pre-Nautilus peers): type 0, nonce, sockaddr_storage with a big-endian family. */
    public static void encodeLegacy(CephEncoder e, EntityAddr a) {
        int start = e.position();
        e.u32(0).u32(a.nonce() & 0xffffffffL);
        sockaddrAfterFamilyWithFamily(e, a, true);
        e.zeros(LEGACY_ADDR_LEN - (e.position() - start));
    }

    private static void sockaddrAfterFamilyWithFamily(CephEncoder e, EntityAddr a, boolean familyBigEndian) {
        InetAddress ip = a.ip();
        int family = ip == null ? 0 : ip instanceof Inet4Address ? AF_INET : AF_INET6;
        if (familyBigEndian) {
            e.be16(family);
        } else {
            e.u16(family);
        }
        if (ip instanceof Inet4Address) {
            e.be16(a.port()).raw(ip.getAddress()).zeros(8);
        } else if (ip instanceof Inet6Address v6) {
            e.be16(a.port()).u32(0).raw(v6.getAddress()).u32(v6.getScopeId());
        } else {
            e.zeros(SOCKADDR_IN6_LEN - 2);
        }
    }

    /** A vector: marker 2, count, each address in the versioned form. */
    public static void encodeVec(CephEncoder e, EntityAddrVec v) {
        e.u8(2).u32(v.size());
        for (EntityAddr a : v.addrs()) {
            encode(e, a);
        }
    }

    public static EntityAddr decode(CephDecoder d) throws ProtocolException {
        int marker = d.u8();
        return afterMarker(d, marker);
    }

    private static EntityAddr afterMarker(CephDecoder d, int marker) throws ProtocolException {
        if (marker == 0) {
            return decodeLegacyAfterMarker(d);
        }
        if (marker != 1) {
            throw d.error("entity_addr_t: bad marker " + marker);
        }
        int v = d.startStruct(1, "entity_addr_t");
        if (v < 1) {
            throw d.error("entity_addr_t: bad struct_v " + v);
        }
        long type = d.u32();
        int nonce = (int) d.u32();
        long elen = d.u32();
        AddrType at;
        try {
            at = AddrType.fromCode((int) type);
        } catch (IllegalArgumentException ex) {
            throw d.error("entity_addr_t: unknown type " + type);
        }
        EntityAddr a;
        if (elen == 0) {
            a = new EntityAddr(at, nonce, null, 0);
        } else {
            if (elen < 2 || elen > d.structRemaining()) {
                throw d.error("entity_addr_t: bad sockaddr length " + elen);
            }
            int family = d.u16();
            a = sockaddrTail(d, at, nonce, family, (int) elen - 2);
        }
        d.finishStruct("entity_addr_t");
        return a;
    }

    private static EntityAddr decodeLegacyAfterMarker(CephDecoder d) throws ProtocolException {
        d.skip(3); // rest of the u32 type field, whose first byte was the marker
        int nonce = (int) d.u32();
        int family = d.be16();
        EntityAddr a = sockaddrTail(d, family == 0 ? AddrType.NONE : AddrType.LEGACY, nonce, family, 126);
        return a;
    }

    /** Decodes a 136-byte legacy address (msgr1 banners and connects). */
    public static EntityAddr decodeLegacy(CephDecoder d) throws ProtocolException {
        d.u8();
        return decodeLegacyAfterMarker(d);
    }

    private static EntityAddr sockaddrTail(CephDecoder d, AddrType at, int nonce, int family, int tailLen) throws ProtocolException {
        try {
            if (family == AF_INET) {
                if (tailLen < SOCKADDR_IN_LEN - 2) {
                    throw d.error("entity_addr_t: sockaddr_in too short (" + tailLen + ")");
                }
                int port = d.be16();
                InetAddress ip = InetAddress.getByAddress(d.raw(4));
                d.skip(tailLen - 6);
                return new EntityAddr(at, nonce, ip, port);
            } else if (family == AF_INET6) {
                if (tailLen < SOCKADDR_IN6_LEN - 2) {
                    throw d.error("entity_addr_t: sockaddr_in6 too short (" + tailLen + ")");
                }
                int port = d.be16();
                d.u32(); // flowinfo
                byte[] addr = d.raw(16);
                int scope = (int) d.u32();
                d.skip(tailLen - 26);
                InetAddress ip = scope == 0 ? InetAddress.getByAddress(addr) : Inet6Address.getByAddress(null, addr, scope);
                return new EntityAddr(at, nonce, ip, port);
            } else if (family == 0) {
                d.skip(tailLen);
                return new EntityAddr(at, nonce, null, 0);
            }
            throw d.error("entity_addr_t: unsupported address family " + family);
        } catch (UnknownHostException e) {
            throw d.error("entity_addr_t: bad IP bytes");
        }
    }

    /** {@code entity_addrvec_t}: marker 2 (vector), 1 (one versioned address) or 0 (one legacy address). */
    public static EntityAddrVec decodeVec(CephDecoder d) throws ProtocolException {
        int marker = d.u8();
        if (marker == 2) {
            int n = d.count("entity_addrvec_t", 4);
            List<EntityAddr> out = new ArrayList<>(Math.min(n, 16));
            for (int i = 0; i < n; i++) {
                out.add(decode(d));
            }
            return new EntityAddrVec(out);
        }
        if (marker == 0 || marker == 1) {
            return new EntityAddrVec(List.of(afterMarker(d, marker)));
        }
        throw d.error("entity_addrvec_t: bad marker " + marker);
    }
}
