package io.inkwire.benchmarks;

import io.inkwire.wire.Crc32c;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Crc32c} as Ceph seeds it. Seed -1 (segment crcs) is the JDK's CRC32C complemented; seed 0
 * (preamble, msgr1) runs the slicing-by-8 table below 256 bytes and the JDK plus a GF(2) seed
 * correction above. {@code jdk} is the bare {@link CRC32C} for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Crc32cBenchmark {

    @Param({"28", "4096", "65536", "4194304"})
    public int size;

    private byte[] data;
    private final CRC32C jdk = new CRC32C();

    @Setup
    public void setup() {
        data = Data.random(size);
    }

    @Benchmark
    public int seedMinusOne() {
        return Crc32c.compute(Crc32c.SEED_SEGMENT, data, 0, size);
    }

    @Benchmark
    public int seedZero() {
        return Crc32c.compute(Crc32c.SEED_ZERO, data, 0, size);
    }

    @Benchmark
    public long jdk() {
        jdk.reset();
        jdk.update(data, 0, size);
        return jdk.getValue();
    }
}
