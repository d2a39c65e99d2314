package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTheBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1000); // 1 µs .. 100 ms
        }
        assertEquals(100_000, h.count());
        assertEquals(50_000_000, h.percentile(0.5), 50_000_000 / 64.0);
        assertEquals(99_000_000, h.percentile(0.99), 99_000_000 / 64.0);
        assertEquals(99_900_000, h.percentile(0.999), 99_900_000 / 64.0);
        assertEquals(100_000_000, h.percentile(1.0));
        assertEquals(100_000_000, h.max());
    }

    @Test
    void bucketsTileTheRangeWithoutGaps() {
        for (int i = 0; i < 3000; i++) {
            assertEquals(LatencyHistogram.upperBound(i) + 1, LatencyHistogram.lowerBound(i + 1));
            assertEquals(i, LatencyHistogram.index(LatencyHistogram.lowerBound(i)));
            assertEquals(i, LatencyHistogram.index(LatencyHistogram.upperBound(i)));
        }
        assertTrue(LatencyHistogram.index(Long.MAX_VALUE) < 64 * 58);
    }

    @Test
    void mergeAddsCounts() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(1_000_000);
        a.merge(b);
        assertEquals(2, a.count());
        assertEquals(10, a.percentile(0.5));
        assertEquals(1_000_000, a.percentile(1.0));
    }
}
