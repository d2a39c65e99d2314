package io.inkwire.codec.osd.crush;

import java.util.List;

/**
 * One CRUSH rule ({@code struct crush_rule} with its legacy {@code crush_rule_mask}).
 *
 * @param id the rule's slot in the map (the pool's {@code crush_rule} names it)
 * @param ruleset the legacy ruleset byte; Luminous and later keep it equal to the id
 * @param type {@link #TYPE_REPLICATED} or {@link #TYPE_ERASURE} (compared with the pool type)
 * @param minSize the legacy minimum result size the rule was meant for
 * @param maxSize the legacy maximum result size
 * @param steps the steps, in order
 */
public record CrushRule(int id, int ruleset, int type, int minSize, int maxSize, List<CrushRuleStep> steps) {

    /** {@code CEPH_PG_TYPE_REPLICATED} / {@code pg_pool_t::TYPE_REPLICATED}. */
    public static final int TYPE_REPLICATED = 1;
    /** {@code pg_pool_t::TYPE_ERASURE}. */
    public static final int TYPE_ERASURE = 3;

    public CrushRule {
        checkU8(ruleset, "ruleset");
        checkU8(type, "type");
        checkU8(minSize, "min_size");
        checkU8(maxSize, "max_size");
        steps = List.copyOf(steps);
    }

    private static void checkU8(int v, String what) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(what + " out of u8 range: " + v);
        }
    }
}
