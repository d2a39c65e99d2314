package io.inkwire.codec.osd.crush;

/**
 * One rule step ({@code struct crush_rule_step}: u32 op, s32 arg1, s32 arg2).
 *
 * <p>For the choose steps {@code arg1} is the number of items (≤ 0: the result size plus arg1) and
 * {@code arg2} the bucket type wanted (0 = device); for {@code TAKE} arg1 is the item to start from;
 * the {@code SET_*} steps override a tunable for the rest of the rule with arg1.
 */
public record CrushRuleStep(int op, int arg1, int arg2) {

    /** {@code CRUSH_RULE_NOOP}. */
    public static final int NOOP = 0;
    /** {@code CRUSH_RULE_TAKE}: start from item arg1. */
    public static final int TAKE = 1;
    /** {@code CRUSH_RULE_CHOOSE_FIRSTN}. */
    public static final int CHOOSE_FIRSTN = 2;
    /** {@code CRUSH_RULE_CHOOSE_INDEP}. */
    public static final int CHOOSE_INDEP = 3;
    /** {@code CRUSH_RULE_EMIT}: append the working set to the result. */
    public static final int EMIT = 4;
    /** {@code CRUSH_RULE_CHOOSELEAF_FIRSTN}. */
    public static final int CHOOSELEAF_FIRSTN = 6;
    /** {@code CRUSH_RULE_CHOOSELEAF_INDEP}. */
    public static final int CHOOSELEAF_INDEP = 7;
    /** {@code CRUSH_RULE_SET_CHOOSE_TRIES}. */
    public static final int SET_CHOOSE_TRIES = 8;
    /** {@code CRUSH_RULE_SET_CHOOSELEAF_TRIES}. */
    public static final int SET_CHOOSELEAF_TRIES = 9;
    /** {@code CRUSH_RULE_SET_CHOOSE_LOCAL_TRIES}. */
    public static final int SET_CHOOSE_LOCAL_TRIES = 10;
    /** {@code CRUSH_RULE_SET_CHOOSE_LOCAL_FALLBACK_TRIES}. */
    public static final int SET_CHOOSE_LOCAL_FALLBACK_TRIES = 11;
    /** {@code CRUSH_RULE_SET_CHOOSELEAF_VARY_R}. */
    public static final int SET_CHOOSELEAF_VARY_R = 12;
    /** {@code CRUSH_RULE_SET_CHOOSELEAF_STABLE}. */
    public static final int SET_CHOOSELEAF_STABLE = 13;

    /** A {@code TAKE} step. */
    public static CrushRuleStep take(int item) {
        return new CrushRuleStep(TAKE, item, 0);
    }

    /** An {@code EMIT} step. */
    public static CrushRuleStep emit() {
        return new CrushRuleStep(EMIT, 0, 0);
    }

    /** The op as a u32. */
    public long opUnsigned() {
        return Integer.toUnsignedLong(op);
    }
}
