package io.inkwire.codec.osd.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The blocklist read out of the kept OSD-only parts of a full map and of an incremental. */
class OsdOnlyPartBlocklistTest {

    static final EntityAddr CLIENT = EntityAddr.parse("any:127.0.0.1:0/3710147553");
    static final EntityAddr HOST = EntityAddr.parse("any:127.0.0.2:0/0");

    @Test
    void aFullMapsBlocklistFollowsTheHeartbeatAddressesAndOsdInfo() throws Exception {
        CephEncoder e = new CephEncoder(256);
        e.startStruct(9, 1);
        e.u32(2).u8(2).u32(0).u8(2).u32(0); // hb_back_addrs: two empty vectors
        e.u32(2).u8(1).zeros(24).u8(1).zeros(24); // osd_info
        e.u32(2);
        EntityAddrCodec.encode(e, CLIENT);
        e.u32(1_700_000_000L).u32(5);
        EntityAddrCodec.encode(e, HOST);
        e.u32(1_700_000_001L).u32(0);
        e.zeros(40); // what follows (cluster_addrs, …) is not read
        e.finishStruct();
        Map<EntityAddr, Long> bl = new OsdOnlyPart(9, e.toByteArray()).blocklist();
        assertEquals(Map.of(CLIENT, 1_700_000_000_000_000_005L, HOST, 1_700_000_001_000_000_000L), bl);
    }

    @Test
    void theMinimalPartHasNoBlocklist() throws Exception {
        assertTrue(OsdOnlyPart.minimal(3).blocklist().isEmpty());
    }

    @Test
    void anIncrementalAddsAndRemoves() throws Exception {
        CephEncoder e = new CephEncoder(256);
        e.startStruct(7, 1);
        e.u32(1).u32(0).u8(2).u32(0); // new_hb_back_up: osd.0 → an empty vector
        e.u32(1).u32(0).u32(7); // new_up_thru
        e.u32(1).u32(1).u32(3).u32(4); // new_last_clean_interval
        e.u32(0); // new_lost
        e.u32(1);
        EntityAddrCodec.encode(e, CLIENT);
        e.u32(10).u32(0);
        e.u32(1);
        EntityAddrCodec.encode(e, HOST);
        e.zeros(16);
        e.finishStruct();
        OsdOnlyPart.BlocklistChanges c = new OsdOnlyPart(7, e.toByteArray()).blocklistChanges();
        assertEquals(Map.of(CLIENT, 10_000_000_000L), c.added());
        assertEquals(List.of(HOST), c.removed());
    }

    @Test
    void anAbsurdCountIsRefused() {
        CephEncoder e = new CephEncoder(64);
        e.startStruct(9, 1);
        e.u32(0).u32(0).u32(0x7fffffff);
        e.finishStruct();
        assertThrows(ProtocolException.class, () -> new OsdOnlyPart(9, e.toByteArray()).blocklist());
    }
}
