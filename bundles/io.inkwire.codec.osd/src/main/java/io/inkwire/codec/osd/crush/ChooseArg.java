package io.inkwire.codec.osd.crush;

import java.util.Arrays;

/**
 * The choose_args of one straw2 bucket ({@code struct crush_choose_arg}, {@code src/crush/crush.h}):
 * weight sets that replace the bucket's item weights (one per result position, the last one
 * serving the positions beyond), and ids that replace its item ids in the hash.
 */
public final class ChooseArg {

    private final int[][] weightSets;
    private final int[] ids;

    /**
     * @param weightSets {@code weight_set[position][item]}, 16.16 unsigned; may be empty
     * @param ids replacement item ids, or an empty array for none
     */
    public ChooseArg(int[][] weightSets, int[] ids) {
        this.weightSets = new int[weightSets.length][];
        for (int i = 0; i < weightSets.length; i++) {
            this.weightSets[i] = weightSets[i].clone();
        }
        this.ids = ids.clone();
    }

    /** {@code weight_set_positions}. */
    public int weightSetPositions() {
        return weightSets.length;
    }

    /** How many weights position {@code position}'s set holds. */
    public int weightSetSize(int position) {
        return weightSets[position].length;
    }

    /** The weight of item {@code i} at {@code position}, 16.16 unsigned. */
    public long weight(int position, int i) {
        return Integer.toUnsignedLong(weightSets[position][i]);
    }

    /** {@code ids_size}: 0 when the bucket's own ids are hashed. */
    public int idsSize() {
        return ids.length;
    }

    /** The id hashed in place of item {@code i}. */
    public int id(int i) {
        return ids[i];
    }

    /** This choose_arg with each weight set resized to {@code n} (zero-padded), as {@code update_choose_args} repairs them. */
    ChooseArg resizedTo(int n) {
        int[][] ws = new int[weightSets.length][];
        for (int p = 0; p < ws.length; p++) {
            ws[p] = Arrays.copyOf(weightSets[p], n);
        }
        return new ChooseArg(ws, ids);
    }

    int[][] weightSetsRaw() {
        return weightSets;
    }

    int[] idsRaw() {
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChooseArg c && Arrays.deepEquals(weightSets, c.weightSets) && Arrays.equals(ids, c.ids);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(weightSets) + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "choose_arg weight_set " + Arrays.deepToString(weightSets) + " ids " + Arrays.toString(ids);
    }
}
