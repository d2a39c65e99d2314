package io.inkwire.codec.osd.crush;

/** {@code CRUSH_BUCKET_*} ({@code src/crush/crush.h}): how a bucket picks one of its items. */
public enum CrushBucketAlg {
    /** Items of equal weight; a hashed permutation picks one. */
    UNIFORM(1, "uniform"),
    /** A linked list walked from the tail, each item's share of the remaining weight. */
    LIST(2, "list"),
    /** A binary tree of weights descended by hash. */
    TREE(3, "tree"),
    /** Legacy straw: highest hash times a precomputed straw length. */
    STRAW(4, "straw"),
    /** Straw2: highest ln(hash)/weight, the default since Hammer. */
    STRAW2(5, "straw2");

    private final int code;
    private final String cephName;

    CrushBucketAlg(int code, String cephName) {
        this.code = code;
        this.cephName = cephName;
    }

    /** The {@code alg} byte/word on the wire. */
    public int code() {
        return code;
    }

    /** {@code crush_bucket_alg_name}. */
    public String cephName() {
        return cephName;
    }

    /** The algorithm for a wire code, or null when Ceph knows none by that number. */
    public static CrushBucketAlg fromCode(long code) {
        for (CrushBucketAlg a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }
}
