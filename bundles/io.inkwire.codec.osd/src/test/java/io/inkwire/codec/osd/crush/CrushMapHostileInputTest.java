package io.inkwire.codec.osd.crush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hostile CRUSH blob (from a monitor, inside an OSDMap or an incremental) costs a one-line
 * {@link ProtocolException}, within a second and without allocating what its counts claim: loops in
 * the hierarchy, directly or through other buckets, counts of 2^31−1 over a short buffer, absurd
 * step counts. What is merely big but well-formed (2^31−1 devices, thousands of steps, a chain of
 * 50,000 buckets) decodes, just as fast. The mapping side of the same maps is CrushMapperHostileInputTest.
 */
class CrushMapHostileInputTest {

    private static final long ALLOCATION_BUDGET = 1 << 20;
    private static final Duration FAST = Duration.ofSeconds(1);
    /** For the 50,000-bucket maps: linear work, but run cold. */
    private static final Duration SLOWER = Duration.ofSeconds(2);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int CHOOSE_FIRSTN = 2;
    private static final int TAKE = 1;
    private static final int EMIT = 4;

    /** Decoding fails with a one-line ProtocolException, quickly, without allocating much; returns the message. */
    private static String refused(byte[] blob) {
        return assertTimeoutPreemptively(FAST, () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            ProtocolException e = assertThrows(ProtocolException.class, () -> CrushMap.decode(blob));
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated + " bytes");
            assertTrue(e.getMessage().startsWith("CrushMap: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return e.getMessage();
        });
    }

    private static CrushMap decodes(byte[] blob) {
        return assertTimeoutPreemptively(FAST, () -> CrushMap.decode(blob));
    }

    @Test
    void a_bucket_holding_itself_is_refused() {
        byte[] blob = new CrushBlob(1, 0, 2).straw2(-1, 1, 0, -1, 1).noNames().bytes();
        String m = refused(blob);
        assertEquals("CrushMap: bucket -1 holds bucket -1, which contains it (a loop in the hierarchy)", m);
    }

    @Test
    void a_bucket_holding_an_ancestor_through_two_levels_is_refused() {
        // root -1 → -2 → -3 → -1, each level also holding a device
        byte[] blob = new CrushBlob(3, 0, 3).straw2(-1, 3, -2, 0).straw2(-2, 2, -3, 1).straw2(-3, 1, -1, 2)
                .noNames().bytes();
        String m = refused(blob);
        assertTrue(m.contains("(a loop in the hierarchy)"), m);
        // the loop is found wherever the walk starts: here from a bucket outside it
        byte[] entry = new CrushBlob(4, 0, 1).straw2(-1, 4, -2).straw2(-2, 3, -3).straw2(-3, 2, -4).straw2(-4, 1, -2, 0)
                .noNames().bytes();
        assertTrue(refused(entry).contains("bucket -4 holds bucket -2, which contains it"));
    }

    @Test
    void a_bucket_shared_by_two_parents_is_not_a_loop() {
        // -1 holds -2 and -3, both hold -4: a diamond, as shadow trees and multi-root maps have
        CrushMap m = decodes(new CrushBlob(4, 0, 2).straw2(-1, 3, -2, -3).straw2(-2, 2, -4).straw2(-3, 2, -4)
                .straw2(-4, 1, 0, 1).noNames().bytes());
        assertEquals(4, m.maxBuckets());
    }

    @Test
    void a_loop_at_the_end_of_a_chain_of_50000_buckets_is_refused_without_recursion() {
        // deep enough to overflow a recursive walk's stack; the budget allows for a cold JIT on a busy machine
        int n = 50_000;
        CrushBlob chain = new CrushBlob(n, 0, 1);
        for (int i = 1; i < n; i++) {
            chain.straw2(-i, 1, -(i + 1));
        }
        byte[] noLoop = chain.straw2(-n, 1, 0).noNames().bytes();
        assertEquals(n, assertTimeoutPreemptively(SLOWER, () -> CrushMap.decode(noLoop)).maxBuckets());

        CrushBlob looped = new CrushBlob(n, 0, 1);
        for (int i = 1; i < n; i++) {
            looped.straw2(-i, 1, -(i + 1));
        }
        String m = assertTimeoutPreemptively(SLOWER, () -> assertThrows(ProtocolException.class,
                () -> CrushMap.decode(looped.straw2(-n, 1, -1).noNames().bytes())).getMessage());
        assertEquals("CrushMap: bucket -" + n + " holds bucket -1, which contains it (a loop in the hierarchy)", m);
    }

    @Test
    void an_item_count_of_two_to_the_31_over_a_short_buffer_is_refused() {
        String m = refused(new CrushBlob(1, 0, 1).bucketHead(5, -1, 1, 0x7fff_ffffL).u32(0).u32(0).bytes());
        assertTrue(m.contains("bucket -1 items count 2147483647 exceeds"), m);
        refused(new CrushBlob(1, 0, 1).bucketHead(5, -1, 1, 0xffff_ffffL).u32(0).bytes());
        // a count that fits the items but not the straw2 weights after them
        CrushBlob half = new CrushBlob(1, 0, 1).bucketHead(5, -1, 1, 1000);
        for (int i = 0; i < 1000; i++) {
            half.u32(0);
        }
        assertTrue(refused(half.bytes()).contains("1000 s32 do not fit"));
        // list and straw buckets: two u32 per item
        refused(new CrushBlob(1, 0, 1).bucketHead(2, -1, 1, 3).u32(0).u32(1).u32(2).u32(0x10000).bytes());
        // a tree announcing 255 nodes with none present
        refused(new CrushBlob(1, 0, 1).treeWithNodeCount(-1, 255).bytes());
    }

    @Test
    void max_buckets_or_max_rules_of_two_to_the_31_are_refused() {
        String m = refused(new CrushBlob(0x7fff_ffffL, 0, 1).u32(0).u32(0).bytes());
        assertTrue(m.contains("max_buckets 2147483647 does not fit"), m);
        assertTrue(refused(new CrushBlob(0x8000_0000L, 0, 1).bytes()).contains("max_buckets -2147483648"));
        m = refused(new CrushBlob(0, 0x7fff_ffffL, 1).u32(0).u32(0).bytes());
        assertTrue(m.contains("max_rules 2147483647 does not fit"), m);
        refused(new CrushBlob(0, 0xffff_ffffL, 1).u32(0).bytes());
    }

    @Test
    void max_devices_is_recomputed_from_the_items_as_crush_finalize_does() {
        // the wire's max_devices is thrown away: 2^31−1 costs nothing, and neither does a negative one
        long before = THREADS.getCurrentThreadAllocatedBytes();
        CrushMap huge = decodes(new CrushBlob(1, 0, 0x7fff_ffffL).straw2(-1, 1, 0, 1).noNames().bytes());
        assertEquals(2, huge.maxDevices());
        assertTrue(THREADS.getCurrentThreadAllocatedBytes() - before < ALLOCATION_BUDGET);
        assertEquals(2, decodes(new CrushBlob(1, 0, -1).straw2(-1, 1, 1, 0).noNames().bytes()).maxDevices());
        // one more than the highest device, wherever it is; without devices, none
        assertEquals(0x7fff_ffff, decodes(new CrushBlob(2, 0, 1).straw2(-1, 2, -2).straw2(-2, 1, 0x7fff_fffe).noNames()
                .bytes()).maxDevices());
        assertEquals(0, decodes(new CrushBlob(1, 0, 5).straw2(-1, 1).noNames().bytes()).maxDevices());
        // an item of 2^31−1 (CRUSH_ITEM_NONE) does not wrap it negative
        assertEquals(Integer.MAX_VALUE, decodes(new CrushBlob(1, 0, 1).straw2(-1, 1, 0x7fff_ffff).noNames().bytes())
                .maxDevices());
    }

    @Test
    void a_rule_of_two_to_the_32_steps_is_refused_and_one_of_5000_decodes() {
        String m = refused(new CrushBlob(0, 1, 1).rule(0xffff_ffffL).bytes());
        assertTrue(m.contains("rule 0: 4294967295 steps do not fit"), m);
        refused(new CrushBlob(0, 1, 1).rule(0x7fff_ffffL, TAKE, -1, 0).noNames().bytes());

        int[] steps = new int[5000 * 3];
        int[][] cycle = {{TAKE, -1, 0}, {CHOOSE_FIRSTN, 1_000_000_000, 0}, {EMIT, 0, 0}};
        for (int i = 0; i < 5000; i++) {
            System.arraycopy(cycle[i % 3], 0, steps, i * 3, 3);
        }
        CrushMap map = decodes(new CrushBlob(1, 1, 1).straw2(-1, 1, 0).rule(5000, steps).noNames().bytes());
        assertEquals(5000, map.rule(0).steps().size());
    }

    @Test
    void name_and_choose_args_counts_beyond_the_buffer_are_refused() {
        assertTrue(refused(new CrushBlob(0, 0, 1).u32(0x7fff_ffff).bytes()).contains("type names count 2147483647"));
        // a name whose length exceeds what is left
        refused(new CrushBlob(0, 0, 1).u32(1).u32(0).u32(0x7fff_ffff).bytes());
        // after the tunables: class_map, class_name, class_bucket, then the choose_args sets
        assertTrue(refused(withTunables().u32(0x7fff_ffff).bytes()).contains("class_map count 2147483647"));
        CrushBlob sets = withTunables().u32(0).u32(0).u32(0).u32(1);
        sets.e.u64(-1).u32(0x7fff_ffff);
        assertTrue(refused(sets.bytes()).contains("count 2147483647"));
        // one entry, for bucket index 0, with 2^31 weight-set positions
        CrushBlob positions = withTunables().u32(0).u32(0).u32(0).u32(1);
        positions.e.u64(-1).u32(1).u32(0).u32(0x7fff_ffff).zeros(8);
        assertTrue(refused(positions.bytes()).contains("weight_set_positions count 2147483647"));
    }

    @Test
    void an_empty_name_behind_a_64_bit_key_reads_back_after_encoding() throws Exception {
        // decode_32_or_64_string_map: key −1, a zero "length" (the key's upper half), then the real length 0
        byte[] blob = new CrushBlob(1, 0, 1).straw2(-1, 1, 0).u32(0) // no type names
                .u32(2).u32(-1).u32(0).u32(0).u32(0).u32(0).u32(0) // item names -1 and 0, both empty
                .u32(0).bytes(); // no rule names
        CrushMap m = decodes(blob);
        assertEquals("", m.itemNames().get(-1));
        assertEquals("", m.itemNames().get(0), "a second entry read right after it");
        // written back, an empty name takes the 64-bit form again: the plain one would be misread
        assertEquals(m, CrushMap.decode(m.encode()));
    }

    /** One straw2 bucket, no rules, no names, and the jewel tunables: what follows is the optional tail. */
    private static CrushBlob withTunables() {
        CrushBlob b = new CrushBlob(1, 0, 1).straw2(-1, 1, 0).noNames();
        b.e.u32(0).u32(0).u32(50).u32(1).u8(1).u8(1).u32(0x36).u8(1);
        return b;
    }
}
