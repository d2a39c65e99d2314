package io.inkwire.codec.osd.crush;

/**
 * The map-wide CRUSH tunables ({@code struct crush_map} fields, {@code src/crush/crush.h}), and the
 * named profiles of {@code CrushWrapper::set_tunables_*}.
 *
 * <p>Maps encoded before a tunable existed decode with the legacy (argonaut) values for it.
 *
 * @param chooseLocalTries collision retries in the same bucket ({@code choose_local_tries})
 * @param chooseLocalFallbackTries exhaustive-permutation retries in the same bucket
 * @param chooseTotalTries descent attempts (one fewer than the tries the mapper makes)
 * @param chooseleafDescendOnce 1: a chooseleaf recursion gets one try
 * @param chooseleafVaryR 0, or the shift of r passed to chooseleaf recursions
 * @param chooseleafStable 1: firstn chooseleaf recursions start at rep 0
 * @param strawCalcVersion how straw lengths were computed (only matters when building maps)
 * @param allowedBucketAlgs a bit per {@link CrushBucketAlg} code a map may use
 */
public record CrushTunables(long chooseLocalTries, long chooseLocalFallbackTries, long chooseTotalTries,
                            long chooseleafDescendOnce, int chooseleafVaryR, int chooseleafStable,
                            int strawCalcVersion, long allowedBucketAlgs) {

    /** {@code CRUSH_LEGACY_ALLOWED_BUCKET_ALGS}: uniform, list and straw. */
    public static final long LEGACY_ALLOWED_BUCKET_ALGS = (1 << 1) | (1 << 2) | (1 << 4);
    /** The legacy set plus straw2 (Hammer and later). */
    public static final long HAMMER_ALLOWED_BUCKET_ALGS = LEGACY_ALLOWED_BUCKET_ALGS | (1 << 5);

    /** {@code set_tunables_argonaut} (= legacy). */
    public static final CrushTunables ARGONAUT = new CrushTunables(2, 5, 19, 0, 0, 0, 0, LEGACY_ALLOWED_BUCKET_ALGS);
    /** {@code set_tunables_bobtail}. */
    public static final CrushTunables BOBTAIL = new CrushTunables(0, 0, 50, 1, 0, 0, 0, LEGACY_ALLOWED_BUCKET_ALGS);
    /** {@code set_tunables_firefly}. */
    public static final CrushTunables FIREFLY = new CrushTunables(0, 0, 50, 1, 1, 0, 0, LEGACY_ALLOWED_BUCKET_ALGS);
    /** {@code set_tunables_hammer}. */
    public static final CrushTunables HAMMER = new CrushTunables(0, 0, 50, 1, 1, 0, 0, HAMMER_ALLOWED_BUCKET_ALGS);
    /** {@code set_tunables_jewel} (= optimal in Pacific), with straw_calc_version 1 as new maps get it. */
    public static final CrushTunables JEWEL = new CrushTunables(0, 0, 50, 1, 1, 1, 1, HAMMER_ALLOWED_BUCKET_ALGS);

    public CrushTunables {
        checkU32(chooseLocalTries, "choose_local_tries");
        checkU32(chooseLocalFallbackTries, "choose_local_fallback_tries");
        checkU32(chooseTotalTries, "choose_total_tries");
        checkU32(chooseleafDescendOnce, "chooseleaf_descend_once");
        checkU8(chooseleafVaryR, "chooseleaf_vary_r");
        checkU8(chooseleafStable, "chooseleaf_stable");
        checkU8(strawCalcVersion, "straw_calc_version");
        checkU32(allowedBucketAlgs, "allowed_bucket_algs");
    }

    /**
     * The profile name {@code ceph osd crush show-tunables} reports ({@code CrushWrapper::dump_tunables}):
     * jewel, hammer, firefly, bobtail, argonaut, or "unknown".
     */
    public String profile() {
        for (CrushTunables t : new CrushTunables[] {JEWEL, HAMMER, FIREFLY, BOBTAIL, ARGONAUT}) {
            if (sameProfile(t)) {
                return t == JEWEL ? "jewel" : t == HAMMER ? "hammer" : t == FIREFLY ? "firefly"
                        : t == BOBTAIL ? "bobtail" : "argonaut";
            }
        }
        return "unknown";
    }

    /** {@code has_*_tunables}: every choose tunable and the allowed algorithms equal (straw_calc_version aside). */
    private boolean sameProfile(CrushTunables t) {
        return chooseLocalTries == t.chooseLocalTries && chooseLocalFallbackTries == t.chooseLocalFallbackTries
                && chooseTotalTries == t.chooseTotalTries && chooseleafDescendOnce == t.chooseleafDescendOnce
                && chooseleafVaryR == t.chooseleafVaryR && chooseleafStable == t.chooseleafStable
                && allowedBucketAlgs == t.allowedBucketAlgs;
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " out of u32 range: " + v);
        }
    }

    private static void checkU8(int v, String what) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(what + " out of u8 range: " + v);
        }
    }
}
