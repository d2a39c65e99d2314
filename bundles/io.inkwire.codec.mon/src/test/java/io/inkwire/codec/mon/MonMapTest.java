package io.inkwire.codec.mon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MonMap encoding rules beyond the captured one-monitor map: ordering, older struct versions, stretch fields. */
class MonMapTest {

    private static final UUID FSID = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

    private static MonInfo mon(String name, String addrs) {
        return new MonInfo(name, EntityAddrVec.parse(addrs));
    }

    /** Three monitors whose rank order (c, a, b) differs from the name order mon_info is encoded in. */
    private static MonMap threeMons() {
        return MonMap.of(FSID, 7, T, List.of(
                mon("c", "[v2:10.0.0.3:3300/0,v1:10.0.0.3:6789/0]"),
                mon("a", "[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0]"),
                new MonInfo("b", EntityAddrVec.parse("v2:10.0.0.2:3300/0"), 3, 10, Map.of("host", "h2", "datacenter", "dc1"))));
    }

    @Test
    void round_trips_with_ranks_kept_apart_from_the_name_order() throws Exception {
        MonMap map = threeMons();
        byte[] bytes = map.encode();
        MonMap back = MonMap.decode(bytes);

        assertEquals(map, back);
        assertEquals(List.of("c", "a", "b"), back.ranks());
        assertEquals(10, back.mon("b").orElseThrow().weight());
        // mon_info is a std::map: the first key encoded is "a"
        CephDecoder d = new CephDecoder(bytes, "t");
        d.startStruct(9, "MonMap");
        d.skip(16 + 4 + 8 + 8 + 14 + 14);
        assertEquals(3, d.u32());
        assertEquals("a", d.string());
    }

    @Test
    void starts_with_version_9_compat_6_and_a_length_covering_the_rest() {
        byte[] bytes = threeMons().encode();
        assertEquals(9, bytes[0]);
        assertEquals(6, bytes[1]);
        int len = (bytes[2] & 0xff) | (bytes[3] & 0xff) << 8 | (bytes[4] & 0xff) << 16 | (bytes[5] & 0xff) << 24;
        assertEquals(bytes.length - 6, len);
    }

    @Test
    void prints_crush_locations_and_stretch_fields_as_ceph_does() {
        MonMap stretched = new MonMap(FSID, 2, T, T, MonMap.PACIFIC_PERSISTENT_FEATURES, 0, threeMons().mons(), 16,
                Set.of(4), MonMap.ELECTION_CONNECTIVITY, Set.of("c", "a"), true, "c", Set.of());
        List<String> lines = stretched.dumpLines(ZoneOffset.UTC);
        assertEquals(List.of(
                "epoch 2",
                "fsid 11111111-2222-3333-4444-555555555555",
                "last_changed 2023-11-14T22:13:20.123456+0000",
                "created 2023-11-14T22:13:20.123456+0000",
                "min_mon_release 16 (pacific)",
                "election_strategy: 3",
                "stretch_mode_enabled 1",
                "tiebreaker_mon c",
                "disallowed_leaders a,c",
                "0: [v2:10.0.0.3:3300/0,v1:10.0.0.3:6789/0] mon.c",
                "1: [v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0] mon.a",
                "2: v2:10.0.0.2:3300/0 mon.b; crush_location {datacenter=dc1,host=h2}"), lines);
        assertEquals(stretched, roundTrip(stretched));
    }

    @Test
    void prints_times_under_ten_years_as_relative_seconds() {
        MonMap empty = MonMap.of(FSID, 0, Instant.ofEpochSecond(0), List.of());
        assertTrue(empty.dumpLines(ZoneOffset.UTC).contains("created 0.000000"));
        assertEquals(empty, roundTrip(empty));
    }

    private static MonMap roundTrip(MonMap m) {
        try {
            return MonMap.decode(m.encode());
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    /** Hand-encodes a map of struct_v {@code v} with one monitor "x", fields up to what v has, plus {@code extra}. */
    private static byte[] legacyLayout(int v, int compat, int monInfoV, byte[] extra) {
        CephEncoder e = new CephEncoder();
        e.startStruct(v, compat);
        e.uuid(FSID).u32(3).utime(1_700_000_000L, 5).utime(1_600_000_000L, 6);
        e.startStruct(1, 1).u64(MonMap.FEATURE_KRAKEN | MonMap.FEATURE_LUMINOUS | MonMap.FEATURE_NAUTILUS).finishStruct();
        e.startStruct(1, 1).u64(0).finishStruct();
        e.u32(1).string("x");
        e.startStruct(monInfoV, 1).string("x");
        EntityAddrCodec.encodeVec(e, EntityAddrVec.parse("v2:1.2.3.4:3300/0"));
        if (monInfoV >= 2) {
            e.u16(1);
        }
        if (monInfoV >= 4) {
            e.u16(2);
        }
        if (monInfoV >= 5) {
            e.stringMap(Map.of());
        }
        if (monInfoV >= 6) {
            e.utime(42, 0); // time_added
        }
        e.finishStruct();
        e.stringList(List.of("x"));
        if (v >= 7) {
            e.u8(15);
        }
        if (v >= 8) {
            e.u32(0).u8(2).stringList(List.of("x"));
        }
        if (v >= 9) {
            e.bool(false).string("").stringList(List.of());
        }
        e.raw(extra);
        e.finishStruct();
        return e.toByteArray();
    }

    @Test
    void decodes_a_version_6_map_inferring_min_mon_release_from_features() throws Exception {
        MonMap m = MonMap.decode(legacyLayout(6, 6, 4, new byte[0]));
        assertEquals(14, m.minMonRelease()); // NAUTILUS is the newest feature bit set
        assertEquals(MonMap.ELECTION_CLASSIC, m.electionStrategy());
        assertEquals(1, m.mons().get(0).priority());
        assertEquals(2, m.mons().get(0).weight());
    }

    @Test
    void decodes_versions_7_and_8() throws Exception {
        assertEquals(15, MonMap.decode(legacyLayout(7, 6, 5, new byte[0])).minMonRelease());
        MonMap v8 = MonMap.decode(legacyLayout(8, 6, 5, new byte[0]));
        assertEquals(MonMap.ELECTION_DISALLOW, v8.electionStrategy());
        assertEquals(Set.of("x"), v8.disallowedLeaders());
    }

    @Test
    void skips_unknown_trailing_fields_of_a_newer_map_and_mon_info() throws Exception {
        byte[] bytes = legacyLayout(10, 6, 7, new byte[] {1, 2, 3, 4, 5});
        MonMap m = MonMap.decode(bytes);
        assertEquals("x", m.mons().get(0).name());
        assertEquals(3, m.epoch());
        // and the same map followed by more data: the decoder stops at the struct end
        CephDecoder d = new CephDecoder(concat(bytes, new byte[] {9, 9}), "t");
        MonMap.decode(d);
        assertEquals(2, d.remaining());
    }

    @Test
    void decodes_mon_info_version_6_skipping_time_added() throws Exception {
        MonMap m = MonMap.decode(legacyLayout(9, 6, 6, new byte[0]));
        assertEquals(new MonInfo("x", EntityAddrVec.parse("v2:1.2.3.4:3300/0"), 1, 2, Map.of()), m.mons().get(0));
    }

    @Test
    void refuses_pre_nautilus_layouts() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MonMap.decode(legacyLayout(5, 3, 5, new byte[0])));
        assertTrue(e.getMessage().contains("struct_v 5"), e.getMessage());
    }

    @Test
    void refuses_a_compat_newer_than_9() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MonMap.decode(legacyLayout(11, 10, 5, new byte[0])));
        assertTrue(e.getMessage().contains("compat version 10"), e.getMessage());
    }

    @Test
    void refuses_ranks_that_do_not_name_the_monitors() {
        CephEncoder e = new CephEncoder();
        e.startStruct(9, 6).uuid(FSID).u32(1).utime(0, 0).utime(0, 0);
        e.startStruct(1, 1).u64(0).finishStruct().startStruct(1, 1).u64(0).finishStruct();
        e.u32(1).string("x");
        new MonInfo("x", EntityAddrVec.parse("v2:1.2.3.4:3300/0")).encode(e);
        e.stringList(List.of("y"));
        e.u8(16).u32(0).u8(1).u32(0).bool(false).string("").u32(0).finishStruct();
        ProtocolException ex = assertThrows(ProtocolException.class, () -> MonMap.decode(e.toByteArray()));
        assertTrue(ex.getMessage().contains("'y'"), ex.getMessage());
    }

    @Test
    void rejects_values_that_do_not_fit_the_wire_types() {
        assertThrows(IllegalArgumentException.class, () -> MonMap.of(FSID, 1L << 32, T, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MonInfo("a", EntityAddrVec.parse("v2:1.2.3.4:3300"), 70000, 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> MonMap.of(FSID, 1, T, List.of(mon("a", "v2:1.1.1.1:3300"), mon("a", "v2:1.1.1.2:3300"))));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
