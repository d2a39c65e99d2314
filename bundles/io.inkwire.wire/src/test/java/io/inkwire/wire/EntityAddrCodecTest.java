package io.inkwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import org.junit.jupiter.api.Test;

class EntityAddrCodecTest {

    private static EntityAddr roundTrip(EntityAddr a) throws ProtocolException {
        CephEncoder e = new CephEncoder();
        EntityAddrCodec.encode(e, a);
        CephDecoder d = new CephDecoder(e.toByteArray(), "test");
        EntityAddr back = EntityAddrCodec.decode(d);
        d.expectEnd();
        return back;
    }

    @Test
    void ipv4_and_ipv6_round_trip_in_the_versioned_form() throws Exception {
        for (String s : new String[] {"v2:127.0.0.1:3300/0", "v1:10.0.0.1:6789/12345", "v2:[::1]:3300/7", "[fe80::1:2]:0/99"}) {
            EntityAddr a = EntityAddr.parse(s);
            assertEquals(a, roundTrip(a), s);
        }
        CephEncoder e = new CephEncoder();
        EntityAddrCodec.encode(e, EntityAddr.parse("v2:127.0.0.1:3300/0"));
        assertEquals(35, e.position(), "IPv4 entity_addr_t");
        e = new CephEncoder();
        EntityAddrCodec.encode(e, EntityAddr.parse("v2:[::1]:3300/0"));
        assertEquals(47, e.position(), "IPv6 entity_addr_t");
    }

    @Test
    void legacy_form_is_136_bytes_and_round_trips() throws Exception {
        for (String s : new String[] {"v1:127.0.0.1:6789/0", "v1:[::1]:6789/3"}) {
            CephEncoder e = new CephEncoder();
            EntityAddrCodec.encodeLegacy(e, EntityAddr.parse(s));
            assertEquals(EntityAddrCodec.LEGACY_ADDR_LEN, e.position());
            assertEquals(EntityAddr.parse(s), EntityAddrCodec.decodeLegacy(new CephDecoder(e.toByteArray(), "legacy")), s);
        }
    }

    @Test
    void vectors_round_trip_and_print_as_ceph_prints_them() throws Exception {
        EntityAddrVec v = EntityAddrVec.parse("[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]");
        CephEncoder e = new CephEncoder();
        EntityAddrCodec.encodeVec(e, v);
        assertEquals(1 + 4 + 35 + 35, e.position());
        EntityAddrVec back = EntityAddrCodec.decodeVec(new CephDecoder(e.toByteArray(), "vec"));
        assertEquals(v, back);
        assertEquals("[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]", back.toString());
    }

    @Test
    void hostile_addresses_fail_cleanly() {
        assertThrows(ProtocolException.class, () -> EntityAddrCodec.decodeVec(new CephDecoder(new byte[] {2, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, "vec")));
        assertThrows(ProtocolException.class, () -> EntityAddrCodec.decode(new CephDecoder(new byte[] {7}, "addr")));
        byte[] badLen = {1, 1, 1, 12, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0, 0, 0};
        assertThrows(ProtocolException.class, () -> EntityAddrCodec.decode(new CephDecoder(badLen, "addr")));
    }
}
