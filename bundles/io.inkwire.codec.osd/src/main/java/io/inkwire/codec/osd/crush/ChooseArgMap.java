package io.inkwire.codec.osd.crush;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One choose_args set ({@code crush_choose_arg_map}): the {@link ChooseArg} of each straw2 bucket
 * that has one, keyed by bucket index ({@code -1 - bucket id}). Kept sparse: a map names only the
 * buckets it changes.
 */
public final class ChooseArgMap {

    private final SortedMap<Integer, ChooseArg> byBucketIndex;

    public ChooseArgMap(Map<Integer, ChooseArg> byBucketIndex) {
        this.byBucketIndex = Collections.unmodifiableSortedMap(new TreeMap<>(byBucketIndex));
    }

    /** The choose_arg of the bucket at {@code bucketIndex}, or null. */
    public ChooseArg forBucketIndex(int bucketIndex) {
        return byBucketIndex.get(bucketIndex);
    }

    /** The choose_arg of bucket {@code bucketId} (negative), or null. */
    public ChooseArg forBucket(int bucketId) {
        return byBucketIndex.get(-1 - bucketId);
    }

    /** Every entry, by bucket index. */
    public SortedMap<Integer, ChooseArg> entries() {
        return byBucketIndex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChooseArgMap m && byBucketIndex.equals(m.byBucketIndex);
    }

    @Override
    public int hashCode() {
        return byBucketIndex.hashCode();
    }

    @Override
    public String toString() {
        return byBucketIndex.toString();
    }
}
