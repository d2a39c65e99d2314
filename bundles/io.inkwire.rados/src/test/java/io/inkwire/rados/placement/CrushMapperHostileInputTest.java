package io.inkwire.rados.placement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.codec.osd.crush.CrushBucket;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.codec.osd.crush.CrushRule;
import io.inkwire.codec.osd.crush.CrushRuleStep;
import io.inkwire.codec.osd.crush.CrushTunables;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Maps that decode but make a mapping absurd (a choose of 10^9 replicas, tries of 2^31, empty
 * buckets, thousands of steps, a 50,000-level hierarchy, 2^31−1 devices, a bucket of the device
 * type) map in bounded time and memory: a result, or a one-line CrushMappingException once
 * {@link CrushMapper#WORK_LIMIT} is spent. Ceph's mapper ({@code src/crush/mapper.c}) would spin
 * on several of them; what it would compute for the sane ones is unchanged (CrushMapperTest).
 */
class CrushMapperHostileInputTest {

    @org.junit.jupiter.api.BeforeEach
    void oneMegabyte() {
        budget = ALLOCATION_BUDGET;
    }

    /**
     * A guard against a hang, not a speed test: the bound the mapper keeps is its count of
     * attempts ({@link CrushMapper#WORK_LIMIT}), checked by the message; the slowest case takes
     * about 0.1 s warm, and a cold JIT on a loaded 2-core machine once took past 1 s.
     */
    private static final Duration FAST = Duration.ofSeconds(10);
    /**
     * Per mapping: a megabyte, plus 1 KiB a rule step. A step's scratch arrays are short-lived and
     * C2 scalar-replaces them, but interpreted or C1 code (which code it is depends on which tests
     * ran before) allocates them: 15,000 steps once came to 3.9 MB. What must not happen is
     * allocation that grows with the hostile numbers (tries, replica counts, depth, device ids).
     */
    private static final long ALLOCATION_BUDGET = 1 << 20;
    private static final long ALLOCATION_PER_STEP = 1 << 10;
    private static long budget = ALLOCATION_BUDGET;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int HOST = 1;
    private static final int ROOT = 2;
    private static final int[] ALL_IN = fill(6, 0x10000);
    private static final int[] ALL_OUT = new int[6];

    private static int[] fill(int n, int w) {
        int[] a = new int[n];
        Arrays.fill(a, w);
        return a;
    }

    private static CrushBucket straw2(int id, int type, int... items) {
        return CrushBucket.straw2(id, type, 0, 0x10000 * items.length, items, fill(items.length, 0x10000));
    }

    private static CrushRule rule(CrushRuleStep... steps) {
        return new CrushRule(0, 0, CrushRule.TYPE_REPLICATED, 1, 10, List.of(steps));
    }

    private static CrushMap map(int maxDevices, CrushTunables tunables, CrushRule rule, CrushBucket... buckets) {
        return new CrushMap(maxDevices, buckets, new CrushRule[] {rule}, Map.of(0, "osd", HOST, "host", ROOT, "root"),
                Map.of(), Map.of(), tunables, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** root -1 over hosts -2, -3, -4, each over two OSDs. */
    private static CrushMap threeHosts(CrushTunables tunables, CrushRule rule) {
        return map(6, tunables, rule, straw2(-1, ROOT, -2, -3, -4), straw2(-2, HOST, 0, 1), straw2(-3, HOST, 2, 3),
                straw2(-4, HOST, 4, 5));
    }

    private static CrushRuleStep step(int op, int arg1, int arg2) {
        return new CrushRuleStep(op, arg1, arg2);
    }

    /** Runs the mapping within {@link #FAST} and a megabyte; returns what it returned. */
    private static <T> T bounded(ThrowingSupplier<T> mapping) {
        return assertTimeoutPreemptively(FAST, () -> {
            // once unmeasured: a first run also pays the JVM's one-off costs (class loading, the
            // bootstrap of string concatenation in the exception's message), which depend on which
            // test ran first and are not the mapper's
            mapping.get();
            long before = THREADS.getCurrentThreadAllocatedBytes();
            T out = mapping.get();
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < budget, "allocated " + allocated + " bytes, budget " + budget);
            return out;
        });
    }

    /** The mapping fails, bounded in time and allocation, with the work-limit message; returns it. */
    private static String exhausted(CrushMap m, int x, int resultMax, int[] weights) {
        String msg = bounded(() -> assertThrows(CrushMappingException.class,
                () -> CrushMapper.doRule(m, 0, x, resultMax, weights, null)).getMessage());
        assertEquals("CRUSH rule 0 on x " + x + " made more than " + CrushMapper.WORK_LIMIT + " choice attempts and item"
                + " examinations; the map's tries, replica counts or hierarchy are unreasonable", msg);
        assertFalse(msg.contains("\n"));
        return msg;
    }

    @Test
    void a_choose_of_a_billion_replicas_maps_what_the_result_can_hold() {
        CrushMap m = threeHosts(CrushTunables.JEWEL, rule(CrushRuleStep.take(-1),
                step(CrushRuleStep.CHOOSELEAF_FIRSTN, 1_000_000_000, HOST), CrushRuleStep.emit()));
        int[] out = bounded(() -> CrushMapper.doRule(m, 0, 7, 3, ALL_IN, null));
        assertEquals(3, out.length, Arrays.toString(out));
        assertEquals(3, Arrays.stream(out).map(osd -> osd / 2).distinct().count(), "one OSD per host: " + Arrays.toString(out));
        CrushMap indep = threeHosts(CrushTunables.JEWEL, rule(CrushRuleStep.take(-1),
                step(CrushRuleStep.CHOOSELEAF_INDEP, 1_000_000_000, HOST), CrushRuleStep.emit()));
        assertEquals(3, bounded(() -> CrushMapper.doRule(indep, 0, 7, 3, ALL_IN, null)).length);
    }

    @Test
    void a_billion_replicas_with_every_device_out_stops_at_the_work_limit() {
        // every rep fails, so count never reaches zero: Ceph's loop would run 10^9 reps of 51 tries
        CrushMap m = threeHosts(CrushTunables.JEWEL, rule(CrushRuleStep.take(-1),
                step(CrushRuleStep.CHOOSELEAF_FIRSTN, 1_000_000_000, HOST), CrushRuleStep.emit()));
        exhausted(m, 7, 3, ALL_OUT);
    }

    @Test
    void tries_of_two_to_the_31_on_an_empty_bucket_stop_at_the_work_limit() {
        // an empty bucket costs no item examinations: each attempt must count, or this spins 2^31 times
        CrushRule firstn = rule(step(CrushRuleStep.SET_CHOOSE_TRIES, Integer.MAX_VALUE, 0), CrushRuleStep.take(-1),
                step(CrushRuleStep.CHOOSE_FIRSTN, 3, HOST), CrushRuleStep.emit());
        exhausted(map(1, CrushTunables.JEWEL, firstn, straw2(-1, ROOT)), 1, 3, ALL_IN);
        CrushRule indep = rule(step(CrushRuleStep.SET_CHOOSE_TRIES, Integer.MAX_VALUE, 0), CrushRuleStep.take(-1),
                step(CrushRuleStep.CHOOSE_INDEP, 3, HOST), CrushRuleStep.emit());
        exhausted(map(1, CrushTunables.JEWEL, indep, straw2(-1, ROOT)), 1, 3, ALL_IN);
        // the same from the tunables: choose_total_tries 2^32−2, and argonaut's local fallback retries
        CrushTunables hugeTries = new CrushTunables(2, 0xffff_fffeL, 0xffff_fffeL, 0, 0, 0, 0,
                CrushTunables.HAMMER_ALLOWED_BUCKET_ALGS);
        CrushRule plain = rule(CrushRuleStep.take(-1), step(CrushRuleStep.CHOOSELEAF_FIRSTN, 3, HOST), CrushRuleStep.emit());
        exhausted(map(6, hugeTries, plain, straw2(-1, ROOT, -2), straw2(-2, HOST)), 1, 3, ALL_IN);
    }

    @Test
    void thousands_of_steps_share_one_work_budget() {
        List<CrushRuleStep> steps = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            steps.add(CrushRuleStep.take(-1));
            steps.add(step(CrushRuleStep.CHOOSELEAF_FIRSTN, 0, HOST));
            steps.add(CrushRuleStep.emit());
        }
        CrushMap m = threeHosts(CrushTunables.JEWEL, new CrushRule(0, 0, CrushRule.TYPE_REPLICATED, 1, 10, steps));
        budget = ALLOCATION_BUDGET + ALLOCATION_PER_STEP * steps.size();
        // all in: the first emit fills the result, the rest emit nothing more
        assertEquals(3, bounded(() -> CrushMapper.doRule(m, 0, 3, 3, ALL_IN, null)).length);
        // all out: every step fails its 51 tries, and 5000 such steps add up past the limit
        exhausted(m, 3, 3, ALL_OUT);
    }

    @Test
    void a_hierarchy_50000_levels_deep_is_descended_without_recursion() {
        int n = 50_000;
        CrushBucket[] chain = new CrushBucket[n];
        for (int i = 1; i < n; i++) {
            chain[i - 1] = straw2(-i, ROOT, -(i + 1));
        }
        chain[n - 1] = straw2(-n, HOST, 0, 1);
        CrushMap m = map(2, CrushTunables.JEWEL, rule(CrushRuleStep.take(-1),
                step(CrushRuleStep.CHOOSELEAF_FIRSTN, 1, HOST), CrushRuleStep.emit()), chain);
        int[] out = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> CrushMapper.doRule(m, 0, 5, 1, fill(2, 0x10000), null));
        assertEquals(1, out.length);
        assertTrue(out[0] == 0 || out[0] == 1, Arrays.toString(out));
    }

    @Test
    void two_to_the_31_devices_cost_nothing_beyond_the_weights_given() {
        // devices past the weight vector are out, as in is_out; nothing is sized by max_devices
        CrushMap m = map(Integer.MAX_VALUE, CrushTunables.JEWEL, rule(CrushRuleStep.take(-1),
                step(CrushRuleStep.CHOOSE_FIRSTN, 2, 0), CrushRuleStep.emit()), straw2(-1, ROOT, 0, Integer.MAX_VALUE - 1));
        assertArrayEquals(new int[] {0}, bounded(() -> CrushMapper.doRule(m, 0, 9, 2, fill(1, 0x10000), null)));
        // taking a device id beyond every bucket is legal and emits it
        CrushMap take = map(Integer.MAX_VALUE, CrushTunables.JEWEL, rule(CrushRuleStep.take(Integer.MAX_VALUE - 1),
                CrushRuleStep.emit()), straw2(-1, ROOT, 0));
        assertArrayEquals(new int[] {Integer.MAX_VALUE - 1}, bounded(() -> CrushMapper.doRule(take, 0, 9, 2, new int[0], null)));
    }

    @Test
    void a_bucket_of_the_device_type_is_out_rather_than_read_below_the_weights() {
        // Ceph's is_out would read weight[-3] for bucket -3 of type 0; here it is out, and the choice moves on
        CrushMap m = map(2, CrushTunables.JEWEL, rule(CrushRuleStep.take(-1), step(CrushRuleStep.CHOOSE_FIRSTN, 2, 0),
                CrushRuleStep.emit()), straw2(-1, ROOT, -2, -3), straw2(-2, HOST, 0, 1), straw2(-3, 0, 1));
        int[] out = bounded(() -> CrushMapper.doRule(m, 0, 11, 2, fill(2, 0x10000), null));
        for (int osd : out) {
            assertTrue(osd == 0 || osd == 1, Arrays.toString(out));
        }
    }

    @Test
    void a_tree_bucket_without_nodes_is_refused_with_a_message() {
        CrushBucket tree = CrushBucket.tree(-1, ROOT, 0, 0x10000, new int[] {0}, new int[1]);
        CrushMap m = map(1, CrushTunables.JEWEL, rule(CrushRuleStep.take(-1), step(CrushRuleStep.CHOOSE_FIRSTN, 1, 0),
                CrushRuleStep.emit()), tree);
        String msg = bounded(() -> assertThrows(CrushMappingException.class,
                () -> CrushMapper.doRule(m, 0, 1, 1, fill(1, 0x10000), null)).getMessage());
        assertEquals("tree bucket -1 has no node 0 (of 1)", msg);
    }
}
