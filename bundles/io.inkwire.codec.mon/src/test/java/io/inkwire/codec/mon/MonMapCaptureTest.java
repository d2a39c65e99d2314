package io.inkwire.codec.mon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.message.RawMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The MonMaps a real 16.2.15 monitor sent, decoded, re-encoded byte for byte and printed as Ceph prints them. */
class MonMapCaptureTest {

    private final MMonMap.Codec codec = new MMonMap.Codec();

    private MMonMap decodeCaptured(String name) throws Exception {
        return codec.decode(Captured.received(MMonMap.CEPH_MSG_MON_MAP, 1, 1, 0, name), 0);
    }

    @Test
    void decodes_the_msgr2_monmap() throws Exception {
        MonMap map = decodeCaptured("msgr2-crc.mmonmap.front.bin").monMap();

        assertEquals(Captured.MSGR2_CRC_FSID, map.fsid()); // = msgr2-crc.status.txt "id:" and ceph.conf fsid
        assertEquals(1, map.epoch());
        assertEquals(List.of("a"), map.ranks());
        MonInfo a = map.mons().get(0);
        assertEquals("a", a.name());
        assertEquals("[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]", a.publicAddrs().toString());
        assertEquals(EntityAddrVec.parse("[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]"), a.publicAddrs());
        assertEquals(AddrType.MSGR2, a.publicAddrs().get(0).type());
        assertEquals(0, a.priority());
        assertEquals(0, a.weight());
        assertEquals(Map.of(), a.crushLoc());
        assertEquals(Instant.ofEpochSecond(1795313536L, 144131593), map.lastChanged());
        assertEquals(map.lastChanged(), map.created());
        assertEquals(MonMap.PACIFIC_PERSISTENT_FEATURES, map.persistentFeatures());
        assertEquals(0xffL, map.persistentFeatures());
        assertEquals(0, map.optionalFeatures());
        assertEquals(MonMap.CEPH_RELEASE_PACIFIC, map.minMonRelease());
        assertEquals(MonMap.ELECTION_CLASSIC, map.electionStrategy());
        assertEquals(Set.of(), map.removedRanks());
        assertEquals(Set.of(), map.disallowedLeaders());
        assertEquals(false, map.stretchModeEnabled());
        assertEquals("", map.tiebreakerMon());
        assertEquals(Set.of(), map.stretchMarkedDownMons());
        assertEquals(0, map.rank("a"));
        assertEquals(-1, map.rank("b"));
    }

    @Test
    void keeps_the_received_monmap_bytes() throws Exception {
        byte[] front = Captured.bytes("msgr2-crc.mmonmap.front.bin");
        MMonMap m = decodeCaptured("msgr2-crc.mmonmap.front.bin");
        // the front is u32 length + the MonMap encoding
        assertArrayEquals(java.util.Arrays.copyOfRange(front, 4, front.length), m.monMapBytes());
    }

    @Test
    void reencodes_the_msgr2_monmap_byte_for_byte() throws Exception {
        byte[] front = Captured.bytes("msgr2-crc.mmonmap.front.bin");
        MonMap map = decodeCaptured("msgr2-crc.mmonmap.front.bin").monMap();

        MMonMap rebuilt = MMonMap.of(map);
        RawMessage raw = codec.encode(rebuilt, 0);
        assertArrayEquals(front, Captured.front(raw));
        assertEquals(MMonMap.CEPH_MSG_MON_MAP, raw.type());
        assertEquals(1, raw.version());
        assertEquals(1, raw.compatVersion());
        assertEquals(map, MonMap.decode(map.encode()));
        assertEquals(rebuilt, decodeCaptured("msgr2-crc.mmonmap.front.bin"));
    }

    @Test
    void an_acceptor_map_built_from_scratch_matches_the_pacific_encoding() throws Exception {
        MonMap captured = decodeCaptured("msgr2-crc.mmonmap.front.bin").monMap();
        MonMap built = MonMap.of(Captured.MSGR2_CRC_FSID, 1, captured.created(),
                List.of(new MonInfo("a", EntityAddrVec.parse("[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]"))));

        assertEquals(captured, built);
        assertArrayEquals(Captured.bytes("msgr2-crc.mmonmap.front.bin"), Captured.front(codec.encode(MMonMap.of(built), 0)));
    }

    @Test
    void decodes_and_reencodes_the_msgr1_only_monmap() throws Exception {
        byte[] front = Captured.bytes("msgr1-cephx.mmonmap.front.bin");
        MonMap map = decodeCaptured("msgr1-cephx.mmonmap.front.bin").monMap();

        assertEquals(Captured.MSGR1_CEPHX_FSID, map.fsid()); // = msgr1-cephx.ceph.conf fsid
        assertEquals(1, map.epoch());
        assertEquals("v1:127.0.0.1:6789/0", map.mons().get(0).publicAddrs().toString());
        assertEquals(1, map.mons().get(0).publicAddrs().size());
        assertArrayEquals(front, Captured.front(codec.encode(MMonMap.of(map), 0)));
    }

    @Test
    void prints_like_ceph_mon_dump() throws Exception {
        MonMap map = decodeCaptured("msgr2-crc.mmonmap.front.bin").monMap();
        // the layout MonClient logs under "dump:" in msgr2-crc.client.log (that log is of an earlier lab run:
        // other fsid and times); fsid and times here are the pcap's
        assertEquals(List.of(
                "epoch 1",
                "fsid 5d61cf2f-dd45-4db4-b861-446e1c12ef84",
                "last_changed 2026-11-22T02:12:16.144131+0000",
                "created 2026-11-22T02:12:16.144131+0000",
                "min_mon_release 16 (pacific)",
                "election_strategy: 1",
                "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.a"), map.dumpLines(ZoneOffset.UTC));
        assertTrue(map.dumpLines(ZoneOffset.ofHours(2)).contains("created 2026-11-22T04:12:16.144131+0200"));
    }
}
