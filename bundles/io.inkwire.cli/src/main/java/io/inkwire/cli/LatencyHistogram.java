package io.inkwire.cli;

/**
 * A log-linear histogram of non-negative values (nanoseconds here): exact below 64, above that 64
 * sub-buckets per power of two, so any percentile is within 1/64 (1.6 %) of the true value. Fixed
 * size (3,712 counters), no allocation per record. Not thread-safe: one writer, read after the
 * writer stopped, or merge per-thread instances.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    void merge(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /**
     * The value at quantile {@code q} (0..1): the highest value of the bucket holding it, capped at
     * the maximum recorded; 0 when empty.
     */
    long percentile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, upperBound(i));
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
        int sub = (int) (v >>> (e - SUB_BITS)) & (SUB - 1);
        return (e - SUB_BITS + 1) * SUB + sub;
    }

    static long lowerBound(int index) {
        if (index < SUB) {
            return index;
        }
        int e = index / SUB + SUB_BITS - 1;
        int sub = index % SUB;
        return ((long) (SUB + sub)) << (e - SUB_BITS);
    }

    static long upperBound(int index) {
        return index + 1 < BUCKETS ? lowerBound(index + 1) - 1 : Long.MAX_VALUE;
    }
}
