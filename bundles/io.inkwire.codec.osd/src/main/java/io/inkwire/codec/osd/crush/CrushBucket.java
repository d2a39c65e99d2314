package io.inkwire.codec.osd.crush;

import java.util.Arrays;
import java.util.Objects;

/**
 * One CRUSH bucket ({@code struct crush_bucket} and its per-algorithm tail, {@code src/crush/crush.h}).
 *
 * <p>Items are device ids (≥ 0) or bucket ids (&lt; 0). Weights are 16.16 fixed point, unsigned
 * ({@code 0x10000} = 1.0), returned as {@code long}. Only the arrays the bucket's algorithm encodes
 * are present: {@link #itemWeight(int)} works for every algorithm ({@code uniform} repeats its single
 * weight, {@code tree} reads its leaf nodes), {@link #sumWeight(int)} only for {@code list},
 * {@link #straw(int)} only for {@code straw}, {@link #nodeWeight(int)} only for {@code tree}.
 */
public final class CrushBucket {

    /** {@code CRUSH_HASH_RJENKINS1}, the only hash Ceph implements. */
    public static final int HASH_RJENKINS1 = 0;

    private final int id;
    private final int type;
    private final CrushBucketAlg alg;
    private final int hash;
    private final int weight;
    private final int[] items;
    private final int uniformItemWeight;
    private final int[] itemWeights;
    private final int[] sumWeights;
    private final int[] straws;
    private final int[] nodeWeights;

    private CrushBucket(int id, int type, CrushBucketAlg alg, int hash, int weight, int[] items,
                        int uniformItemWeight, int[] itemWeights, int[] sumWeights, int[] straws, int[] nodeWeights) {
        if (id >= 0) {
            throw new IllegalArgumentException("bucket ids are negative: " + id);
        }
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("bucket type out of u16 range: " + type);
        }
        if (hash < 0 || hash > 0xff) {
            throw new IllegalArgumentException("bucket hash out of u8 range: " + hash);
        }
        this.id = id;
        this.type = type;
        this.alg = Objects.requireNonNull(alg, "alg");
        this.hash = hash;
        this.weight = weight;
        this.items = items.clone();
        this.uniformItemWeight = uniformItemWeight;
        this.itemWeights = sized(itemWeights, items.length, "item weights");
        this.sumWeights = sized(sumWeights, items.length, "sum weights");
        this.straws = sized(straws, items.length, "straws");
        this.nodeWeights = nodeWeights == null ? null : nodeWeights.clone();
        if (nodeWeights != null && nodeWeights.length > 0xff) {
            throw new IllegalArgumentException("a tree bucket has at most 255 nodes: " + nodeWeights.length);
        }
    }

    private static int[] sized(int[] a, int n, String what) {
        if (a == null) {
            return null;
        }
        if (a.length != n) {
            throw new IllegalArgumentException(what + ": " + a.length + " for " + n + " items");
        }
        return a.clone();
    }

    /** A uniform bucket: every item weighs {@code itemWeight}. */
    public static CrushBucket uniform(int id, int type, int hash, int weight, int[] items, int itemWeight) {
        return new CrushBucket(id, type, CrushBucketAlg.UNIFORM, hash, weight, items, itemWeight, null, null, null, null);
    }

    /** A list bucket with each item's weight and the running sum up to it. */
    public static CrushBucket list(int id, int type, int hash, int weight, int[] items, int[] itemWeights, int[] sumWeights) {
        return new CrushBucket(id, type, CrushBucketAlg.LIST, hash, weight, items, 0,
                Objects.requireNonNull(itemWeights), Objects.requireNonNull(sumWeights), null, null);
    }

    /** A tree bucket with its node weights (leaves at odd indexes: item i is node 2i+1). */
    public static CrushBucket tree(int id, int type, int hash, int weight, int[] items, int[] nodeWeights) {
        return new CrushBucket(id, type, CrushBucketAlg.TREE, hash, weight, items, 0, null, null, null,
                Objects.requireNonNull(nodeWeights));
    }

    /** A legacy straw bucket with item weights and straw lengths. */
    public static CrushBucket straw(int id, int type, int hash, int weight, int[] items, int[] itemWeights, int[] straws) {
        return new CrushBucket(id, type, CrushBucketAlg.STRAW, hash, weight, items, 0,
                Objects.requireNonNull(itemWeights), null, Objects.requireNonNull(straws), null);
    }

    /** A straw2 bucket with item weights. */
    public static CrushBucket straw2(int id, int type, int hash, int weight, int[] items, int[] itemWeights) {
        return new CrushBucket(id, type, CrushBucketAlg.STRAW2, hash, weight, items, 0,
                Objects.requireNonNull(itemWeights), null, null, null);
    }

    /** The bucket id (negative); its slot in the map is {@code -1 - id}. */
    public int id() {
        return id;
    }

    /** The CRUSH type id (host, rack, root …, as the map's type names say). */
    public int type() {
        return type;
    }

    public CrushBucketAlg alg() {
        return alg;
    }

    /** The hash function id ({@link #HASH_RJENKINS1}). */
    public int hash() {
        return hash;
    }

    /** The bucket's total weight, 16.16 unsigned. */
    public long weight() {
        return Integer.toUnsignedLong(weight);
    }

    /** How many items the bucket holds. */
    public int size() {
        return items.length;
    }

    /** The item at {@code pos}. */
    public int item(int pos) {
        return items[pos];
    }

    /** A copy of the items, in position order. */
    public int[] items() {
        return items.clone();
    }

    /** The weight of the item at {@code pos}, 16.16 unsigned ({@code crush_get_bucket_item_weight}). */
    public long itemWeight(int pos) {
        Objects.checkIndex(pos, items.length);
        return switch (alg) {
            case UNIFORM -> Integer.toUnsignedLong(uniformItemWeight);
            case TREE -> {
                int node = 2 * pos + 1;
                yield node < nodeWeights.length ? Integer.toUnsignedLong(nodeWeights[node]) : 0;
            }
            default -> Integer.toUnsignedLong(itemWeights[pos]);
        };
    }

    /** A uniform bucket's single item weight. */
    public long uniformItemWeight() {
        requireAlg(CrushBucketAlg.UNIFORM);
        return Integer.toUnsignedLong(uniformItemWeight);
    }

    /** A list bucket's running weight sum at {@code pos}. */
    public long sumWeight(int pos) {
        requireAlg(CrushBucketAlg.LIST);
        return Integer.toUnsignedLong(sumWeights[pos]);
    }

    /** A legacy straw bucket's straw length at {@code pos}. */
    public long straw(int pos) {
        requireAlg(CrushBucketAlg.STRAW);
        return Integer.toUnsignedLong(straws[pos]);
    }

    /** A tree bucket's node count ({@code u8 num_nodes}). */
    public int numNodes() {
        requireAlg(CrushBucketAlg.TREE);
        return nodeWeights.length;
    }

    /** A tree bucket's weight of node {@code n}. */
    public long nodeWeight(int n) {
        requireAlg(CrushBucketAlg.TREE);
        return Integer.toUnsignedLong(nodeWeights[n]);
    }

    private void requireAlg(CrushBucketAlg a) {
        if (alg != a) {
            throw new IllegalStateException("bucket " + id + " is " + alg.cephName() + ", not " + a.cephName());
        }
    }

    /** The raw per-algorithm arrays for the encoder, not copied. */
    int[] itemWeightsRaw() {
        return itemWeights;
    }

    int[] sumWeightsRaw() {
        return sumWeights;
    }

    int[] strawsRaw() {
        return straws;
    }

    int[] nodeWeightsRaw() {
        return nodeWeights;
    }

    int uniformItemWeightRaw() {
        return uniformItemWeight;
    }

    int weightRaw() {
        return weight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrushBucket b && id == b.id && type == b.type && alg == b.alg && hash == b.hash
                && weight == b.weight && uniformItemWeight == b.uniformItemWeight && Arrays.equals(items, b.items)
                && Arrays.equals(itemWeights, b.itemWeights) && Arrays.equals(sumWeights, b.sumWeights)
                && Arrays.equals(straws, b.straws) && Arrays.equals(nodeWeights, b.nodeWeights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id + alg.hashCode()) + Arrays.hashCode(items);
    }

    @Override
    public String toString() {
        return "bucket " + id + " " + alg.cephName() + " type " + type + " items " + Arrays.toString(items);
    }
}
