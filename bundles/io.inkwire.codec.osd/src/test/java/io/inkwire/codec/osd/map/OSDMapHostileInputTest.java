package io.inkwire.codec.osd.map;

import static io.inkwire.codec.osd.map.MapBlobs.full;
import static io.inkwire.codec.osd.map.MapBlobs.fullHead;
import static io.inkwire.codec.osd.map.MapBlobs.fullTail;
import static io.inkwire.codec.osd.map.MapBlobs.incremental;
import static io.inkwire.codec.osd.map.MapBlobs.incrementalHead;
import static io.inkwire.codec.osd.map.MapBlobs.upToMaxOsd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.wire.CephEncoder;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile lengths in a full OSDMap or an incremental (a pool count, a pg_temp count, max_osd or
 * new_max_osd of 2^31−1, over a buffer of a few bytes) fail fast with a one-line
 * MessageDecodeException, without allocating what they claim.
 */
class OSDMapHostileInputTest {

    private static final long ALLOCATION_BUDGET = 1 << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long HUGE = 0x7fff_ffffL;

    private static String refused(Executable decode) {
        return assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            MessageDecodeException e = assertThrows(MessageDecodeException.class, decode);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated + " bytes");
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return e.getMessage();
        });
    }

    private static String refusedFull(byte[] blob) {
        String m = refused(() -> OSDMap.decode(blob));
        assertTrue(m.startsWith("OSDMap"), m);
        return m;
    }

    private static String refusedIncremental(byte[] blob) {
        String m = refused(() -> OSDMapIncremental.decode(blob));
        assertTrue(m.startsWith("OSDMap::Incremental"), m);
        return m;
    }

    @Test
    void the_helpers_write_a_map_and_an_incremental_that_decode() throws Exception {
        // so that each refusal below is the lie's doing, not the helper's
        OSDMap m = OSDMap.decode(full(e -> fullTail(upToMaxOsd(e, 1).u32(1).u32(0).u32(1).u32(0).u32(1).u8(2).u32(0))));
        assertEquals(1, m.maxOsd());
        assertEquals(5, m.epoch());
        OSDMapIncremental inc = OSDMapIncremental.decode(incremental(e -> emptyIncrementalTail(incrementalHead(e, 4))));
        assertEquals(4, inc.newMaxOsd());
        assertEquals(4, m.apply(inc).maxOsd());
    }

    @Test
    void a_pool_count_of_two_to_the_31_over_a_short_buffer_is_refused() {
        String m = refusedFull(full(e -> fullHead(e).u32(HUGE).zeros(16)));
        assertTrue(m.contains("pools count 2147483647 exceeds"), m);
        assertTrue(refusedFull(full(e -> fullHead(e).u32(0).u32(HUGE).zeros(16))).contains("pool names count 2147483647"));
    }

    @Test
    void a_pg_temp_count_of_two_to_the_31_over_a_short_buffer_is_refused() {
        String m = refusedFull(full(e -> upToMaxOsd(e, 0).u32(0).u32(0).u32(0).u32(HUGE).zeros(8)));
        assertTrue(m.contains("pg_temp count 2147483647 exceeds"), m);
        // one entry whose OSD list is 2^31 long
        String list = refusedFull(full(e -> {
            upToMaxOsd(e, 0).u32(0).u32(0).u32(0).u32(1);
            new PgId(1, 0).encode(e);
            e.u32(HUGE).zeros(8);
        }));
        assertTrue(list.contains("pg_temp count 2147483647"), list);
        assertTrue(refusedFull(full(e -> upToMaxOsd(e, 0).u32(0).u32(0).u32(0).u32(0).u32(HUGE).zeros(8)))
                .contains("primary_temp count 2147483647"));
        assertTrue(refusedFull(full(e -> upToMaxOsd(e, 0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(HUGE).zeros(4)))
                .contains("bufferlist length count 2147483647"));
    }

    @Test
    void max_osd_of_two_to_the_31_is_refused_before_any_per_osd_vector() {
        String m = refusedFull(full(e -> upToMaxOsd(e, HUGE).u32(0).u32(0).u32(0)));
        assertTrue(m.contains("max_osd 2147483647 exceeds the limit of 1048576 OSDs"), m);
        assertTrue(refusedFull(full(e -> upToMaxOsd(e, 0x8000_0000L))).contains("max_osd is negative"));
        // vectors whose counts lie
        assertTrue(refusedFull(full(e -> upToMaxOsd(e, 3).u32(HUGE).zeros(12))).contains("osd_state count 2147483647"));
        assertTrue(refusedFull(full(e -> upToMaxOsd(e, 3).u32(0).u32(HUGE).zeros(12))).contains("osd_weight count 2147483647"));
        assertTrue(refusedFull(full(e -> upToMaxOsd(e, 3).u32(0).u32(0).u32(HUGE).zeros(12))).contains("client addrs count 2147483647"));
        // a plausible max_osd the vectors do not back
        String unbacked = refusedFull(full(e -> fullTail(upToMaxOsd(e, 1000).u32(0).u32(0).u32(0))));
        assertEquals("OSDMap: max_osd 1000 but 0 states, 0 weights, 0 address vectors", unbacked);
    }

    @Test
    void an_incremental_new_max_osd_of_two_to_the_31_is_refused_before_the_map_grows() {
        String m = refusedIncremental(incremental(e -> emptyIncrementalTail(incrementalHead(e, (int) HUGE))));
        assertEquals("OSDMap::Incremental: new_max_osd 2147483647 exceeds the limit of 1048576 OSDs", m);
        // negative values mean "unchanged", as in OSDMap::apply_incremental
        assertDoesNotThrow(() -> OSDMapIncremental.decode(incremental(e -> emptyIncrementalTail(incrementalHead(e, -7)))));
    }

    @Test
    void incremental_counts_of_two_to_the_31_over_a_short_buffer_are_refused() {
        assertTrue(refusedIncremental(incremental(e -> incrementalHead(e, -1).u32(HUGE).zeros(16)))
                .contains("new_pools count 2147483647"));
        assertTrue(refusedIncremental(incremental(e -> incrementalHead(e, -1).u32(0).u32(0).u32(0).u32(HUGE).zeros(16)))
                .contains("new_up_client count 2147483647"));
        assertTrue(refusedIncremental(incremental(e -> incrementalHead(e, -1).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0)
                .u32(HUGE).zeros(16))).contains("new_pg_temp count 2147483647"));
        // the embedded full map and CRUSH map announce 2^31 bytes
        assertTrue(refusedIncremental(incremental(e -> e.uuid(MapBlobs.FSID).u32(6).utime(0, 0).u64(-1).u32(-1).u32(HUGE)
                .zeros(16))).contains("bufferlist length count 2147483647"));
    }

    @Test
    void an_incremental_naming_osds_beyond_max_osd_is_refused_and_leaves_the_map_as_it_was() throws Exception {
        OSDMap base = OSDMap.builder().fsid(MapBlobs.FSID).epoch(5).crush(CrushMap.decode(MapBlobs.emptyCrush()))
                .maxOsd(3).build();
        OSDMapIncremental.Builder b = OSDMapIncremental.builder(MapBlobs.FSID, 6);
        b.newWeight.put(Integer.MAX_VALUE, 0x10000L);
        OSDMapIncremental inc = b.build();
        String m = refused(() -> base.apply(inc));
        assertEquals("OSDMap::Incremental e6: new_weight names osd." + Integer.MAX_VALUE + " outside max_osd 3", m);
        assertEquals(3, base.maxOsd());
        assertThrows(IllegalArgumentException.class, () -> OSDMapIncremental.builder(MapBlobs.FSID, 6)
                .newMaxOsd(Integer.MAX_VALUE).build());
    }

    /** Every count after new_max_osd zero, then last up/in change. */
    private static CephEncoder emptyIncrementalTail(CephEncoder e) {
        for (int i = 0; i < 17; i++) {
            e.u32(0); // new_pools … new_purged_snaps
        }
        return e.utime(0, 0).utime(0, 0);
    }

    private static void assertDoesNotThrow(Executable x) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(x);
    }
}
