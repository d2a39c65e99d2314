package io.inkwire.cli;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The record {@code rados bench write} leaves in {@code benchmark_last_metadata} (or the
 * {@code --run-name} object) for {@code seq}, {@code rand} and {@code cleanup} to find what it
 * wrote ({@code ObjBencher::write_bench} and {@code fetch_bench_metadata} in
 * {@code src/common/obj_bencher.cc}): little-endian {@code u64 object_size}, {@code s32
 * num_objects}, {@code s32 pid} (the writer's, part of every object name), {@code u64 op_size}.
 * Records of tools older than op_size have 16 bytes; op_size is then the object size.
 *
 * @param objectSize bytes per object
 * @param numObjects how many objects the write made
 * @param pid the writing process, as it appears in the object names
 * @param opSize bytes per write (a divisor of objectSize)
 */
record BenchMetadata(long objectSize, int numObjects, int pid, long opSize) {

    /** The default record's name, {@code BENCH_LASTRUN_METADATA}. */
    static final String DEFAULT_NAME = "benchmark_last_metadata";
    /** What {@code fetch_bench_metadata} reads: {@code sizeof(int) * 2 + sizeof(size_t) * 2}. */
    static final int LENGTH = 24;
    private static final int OLD_LENGTH = 16;
    private static final int ENOENT = 2;
    private static final int EINVAL = 22;

    /** {@code --run-name}, else the default record. */
    static String name(String runName) {
        return runName == null || runName.isEmpty() ? DEFAULT_NAME : runName;
    }

    ByteBuffer encode() {
        return ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(objectSize).putInt(numObjects).putInt(pid).putLong(opSize).flip();
    }

    /**
     * Decodes a record as read (up to {@link #LENGTH} bytes); empty when it is not one, which
     * Ceph's decoder would die on: too short, or sizes a bench cannot have written (negative, an
     * op larger than its object).
     */
    static Optional<BenchMetadata> decode(ByteBuffer b) {
        ByteBuffer d = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (d.remaining() < OLD_LENGTH) {
            return Optional.empty();
        }
        long objectSize = d.getLong();
        int numObjects = d.getInt();
        int pid = d.getInt();
        long opSize = d.remaining() >= 8 ? d.getLong() : objectSize;
        if (objectSize < 0 || opSize < 0 || numObjects < 0 || (opSize > 0 && objectSize / opSize == 0)) {
            return Optional.empty();
        }
        return Optional.of(new BenchMetadata(objectSize, numObjects, pid, opSize));
    }

    /** A record read from the pool, or why there is none: r is 0 or a negative errno. */
    record Fetched(int r, BenchMetadata metadata) {
    }

    /**
     * Reads a record ({@code sync_read} of {@link #LENGTH} bytes): ENOENT when the object is
     * missing or empty (Ceph treats an empty one as missing), EINVAL, with a line on
     * {@code err}, when it holds something else.
     */
    static Fetched fetch(IoCtx io, String name, PrintStream err) throws InterruptedException {
        ByteBuffer b;
        try {
            b = Rados.await(io.read(name, 0, LENGTH));
        } catch (RadosException e) {
            return new Fetched(-e.errno(), null);
        }
        if (!b.hasRemaining()) {
            return new Fetched(-ENOENT, null);
        }
        Optional<BenchMetadata> md = decode(b);
        if (md.isEmpty()) {
            err.println("benchmark metadata " + name + " is not what rados bench writes (" + b.remaining() + " bytes)");
            return new Fetched(-EINVAL, null);
        }
        return new Fetched(0, md.get());
    }

    /** Replaces the record ({@code sync_write}: a write_full). */
    void store(IoCtx io, String name) throws RadosException, InterruptedException {
        Rados.await(io.writeFull(name, encode()));
    }

    /** Ops per object ({@code writes_per_object}); 1 for zero-length ops, as Ceph guards it. */
    long opsPerObject() {
        return opSize == 0 ? 1 : objectSize / opSize;
    }
}
