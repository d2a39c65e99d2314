package io.inkwire.cli;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.LeasedBytes;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * {@code rados bench SECONDS write|seq|rand} over inkwire's asynchronous {@link IoCtx}, as
 * {@code ObjBencher::aio_bench} runs it ({@code src/common/obj_bencher.cc}) so that either tool
 * reads and removes what the other wrote: {@code -t} ops always in flight, each write op
 * {@code n} putting {@link BenchContents} of op {@code n} at offset {@code op_size * (n %
 * ops_per_object)} of object {@code n / ops_per_object}; after a write, the
 * {@link BenchMetadata} record; seq reads the ops back in order until time is up or every object
 * was read once, rand reads random ones until time is up, both checking each read's contents.
 * Ceph's lines (and with {@code -f json} its JSON), to the byte; the JSON adds what Ceph's does
 * not have: latency percentiles ({@code p50_latency}, {@code p99_latency}, {@code p999_latency})
 * and the process's CPU seconds while the ops ran ({@code cpu_seconds}). Methods return 0 or a
 * negative errno, as Ceph's do.
 */
final class RadosBencher {

    enum Operation { WRITE, SEQ, RAND }

    /** What one run is asked to do; sizes of a read come from the write's metadata. */
    record Params(Operation operation, int seconds, int concurrent, long opSize, long objectSize, long maxObjects,
            boolean cleanup, String runName, boolean noVerify) {
    }

    private static final int ENOENT = 2;
    private static final int EIO = 5;
    private static final int ENOMEM = 12;
    private static final int EINVAL = 22;

    private final IoCtx io;
    private final PrintStream out;
    private final PrintStream err;
    private final CephJsonStream json;
    private final BenchObjectNames names;
    private final BenchCleaner cleaner;
    private final int pid;
    /** Bytes the run's buffers may take (each op in flight holds one). */
    private final long bufferBudget;

    RadosBencher(IoCtx io, PrintStream out, PrintStream err, CephJsonStream json, BenchObjectNames names, int pid, long bufferBudget) {
        this.io = io;
        this.out = out;
        this.err = err;
        this.json = json;
        this.names = names;
        this.cleaner = new BenchCleaner(out, err, names);
        this.pid = pid;
        this.bufferBudget = bufferBudget;
    }

    int run(Params p) throws InterruptedException {
        if (p.concurrent() <= 0) {
            return -EINVAL;
        }
        String meta = BenchMetadata.name(p.runName());
        long opSize = p.opSize();
        long objectSize = p.objectSize();
        BenchMetadata previous = null;
        if (p.operation() != Operation.WRITE) {
            BenchMetadata.Fetched f = BenchMetadata.fetch(io, meta, err);
            if (f.r() < 0) {
                if (f.r() == -ENOENT) {
                    err.println("Must write data before running a read benchmark!");
                }
                return f.r();
            }
            previous = f.metadata();
            opSize = previous.opSize();
            objectSize = previous.objectSize();
        }
        if (opSize > Integer.MAX_VALUE - 8 || opSize * p.concurrent() > bufferBudget) {
            err.println("benchmark buffers of " + p.concurrent() + " x " + opSize + " bytes would not fit in this JVM's heap ("
                    + bufferBudget + " bytes for them): use a smaller -b or -t");
            return -ENOMEM;
        }
        BenchData data = new BenchData(opSize, objectSize);
        BenchContents contents = new BenchContents((int) opSize);
        if (json != null) {
            json.openObject("bench");
        }
        int r;
        try {
            r = switch (p.operation()) {
                case WRITE -> write(p, data, contents, meta);
                case SEQ -> read(p, data, contents, previous, false);
                case RAND -> read(p, data, contents, previous, true);
            };
            if (r == 0 && p.operation() == Operation.WRITE && p.cleanup()) {
                r = cleanUpAfterWrite(p, meta);
            }
        } finally {
            if (json != null) {
                json.closeAll().flush(out);
                out.println();
            }
        }
        return r;
    }

    private int write(Params p, BenchData data, BenchContents contents, String meta) throws InterruptedException {
        int n = p.concurrent();
        if (json == null) {
            out.println("Maintaining " + n + " concurrent writes of " + data.opSize + " bytes to objects of size " + data.objectSize
                    + " for up to " + p.seconds() + " seconds or " + p.maxObjects() + " objects");
            out.println("Object prefix: " + names.prefix(pid));
        } else {
            json.string("concurrent_ios", String.valueOf(n)).string("object_size", String.valueOf(data.objectSize))
                    .string("op_size", String.valueOf(data.opSize)).string("seconds_to_run", String.valueOf(p.seconds()))
                    .string("max_objects", String.valueOf(p.maxObjects())).string("object_prefix", names.prefix(pid));
        }
        long perObject = data.opSize == 0 ? 1 : data.objectSize / data.opSize;
        ByteBuffer[] buffers = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            buffers[i] = contents.newDirectBuffer(i);
        }
        AioSlots slots = new AioSlots(n);
        Clock clock = new Clock(data, "write_stat");
        for (int i = 0; i < n; i++) {
            submitWrite(slots, i, i, buffers[i], data, perObject);
        }
        long stop = data.startNanos + p.seconds() * 1_000_000_000L;
        long opLimit = data.opSize != 0 && p.maxObjects() != 0 ? (data.objectSize * p.maxObjects() + data.opSize - 1) / data.opSize : 0;
        int r = 0;
        while (p.seconds() != 0 && System.nanoTime() < stop) {
            AioSlots.Done d = slots.take();
            if (d.r() != 0) {
                r = d.r();
                break;
            }
            int next;
            synchronized (data) {
                next = data.started;
            }
            contents.stamp(buffers[d.slot()], next);
            data.finished(slots.latency(d));
            submitWrite(slots, d.slot(), next, buffers[d.slot()], data, perObject);
            if (opLimit != 0 && next + 1 >= opLimit) {
                break;
            }
        }
        r = r != 0 ? r : drain(slots, data, null);
        Clock.Ended ended = clock.stop();
        if (r != 0) {
            return r;
        }
        writeSummary(data, ended.seconds(), ended.cpuSeconds());
        long objects = (data.finished + perObject - 1) / perObject;
        try {
            new BenchMetadata(data.objectSize, (int) objects, pid, data.opSize).store(io, meta);
        } catch (RadosException e) {
            // Ceph ignores this failure (sync_write's result is dropped); a later seq would not find the run
            err.println("error writing " + meta + ": " + e.error().cephStyle());
        }
        return 0;
    }

    /** A run's clock, its process-CPU meter and its status printer, started and stopped together. */
    private final class Clock {
        record Ended(double seconds, double cpuSeconds) {
        }

        private final BenchData data;
        private final BenchStatusPrinter printer;
        private final ResourceMeter.Snapshot cpu;

        Clock(BenchData data, String printerName) {
            this.data = data;
            this.printer = new BenchStatusPrinter(data, out, json, printerName);
            this.cpu = ResourceMeter.now();
            data.begin();
            printer.start();
        }

        /** Stops the clock and waits for the printer to notice (up to a second, as Ceph's pthread_join). */
        Ended stop() throws InterruptedException {
            Ended e = new Ended(data.elapsed(System.nanoTime()), ResourceMeter.now().since(cpu).cpuSeconds());
            data.done();
            printer.join();
            return e;
        }
    }

    private void submitWrite(AioSlots slots, int slot, int op, ByteBuffer buffer, BenchData data, long perObject) {
        String oid = names.object(pid, op / perObject);
        long offset = data.opSize * (op % perObject);
        slots.submit(slot, () -> io.write(oid, buffer.duplicate(), offset));
        data.started();
    }

    private int read(Params p, BenchData data, BenchContents contents, BenchMetadata md, boolean random) throws InterruptedException {
        int n = p.concurrent();
        int numObjects = md.numObjects();
        if (random && numObjects == 0) {
            err.println("benchmark metadata names no objects to read");
            return -EINVAL;
        }
        long perObject = md.opsPerObject();
        ReadCheck check = new ReadCheck(n, p.noVerify() ? null : contents);
        AioSlots slots = new AioSlots(n);
        Clock clock = new Clock(data, random ? "rand_read_stat" : "seq_read_stat");
        for (int i = 0; i < n; i++) {
            submitRead(slots, i, i, md, data, perObject, check);
        }
        long stop = data.startNanos + p.seconds() * 1_000_000_000L;
        int r = 0;
        while (p.seconds() != 0 && System.nanoTime() < stop) {
            int next;
            synchronized (data) {
                if (!random && numObjects <= data.started) {
                    break;
                }
                next = random ? ThreadLocalRandom.current().nextInt(numObjects) : data.started;
            }
            AioSlots.Done d = slots.take();
            if (d.r() < 0) {
                err.println("read got " + d.r());
                r = d.r();
                break;
            }
            check.accept(d);
            data.finished(slots.latency(d));
            submitRead(slots, d.slot(), next, md, data, perObject, check);
        }
        r = r != 0 ? r : drain(slots, data, check);
        Clock.Ended ended = clock.stop();
        if (r != 0) {
            return r;
        }
        readSummary(data, ended.seconds(), ended.cpuSeconds());
        return check.errors > 0 ? -EIO : 0;
    }

    private void submitRead(AioSlots slots, int slot, int op, BenchMetadata md, BenchData data, long perObject, ReadCheck check) {
        String oid = names.object(md.pid(), op / perObject);
        long offset = data.opSize * (op % perObject);
        check.expect(slot, op, oid);
        slots.submit(slot, () -> io.readLeased(oid, offset, data.opSize));
        data.started();
    }

    /**
     * Checks each read against the op that wrote it ("is not correct!"), unless verification is off.
     * Each read is checked where it arrived, in the client's receive buffer, which then goes back
     * to its pool: no copy, as ObjBencher checks the bufferlist librados received.
     */
    private final class ReadCheck implements Consumer<AioSlots.Done> {
        private final int[] op;
        private final String[] oid;
        private final BenchContents contents;
        int errors;

        ReadCheck(int slots, BenchContents contents) {
            this.op = new int[slots];
            this.oid = new String[slots];
            this.contents = contents;
        }

        void expect(int slot, int n, String name) {
            op[slot] = n;
            oid[slot] = name;
        }

        @Override
        public void accept(AioSlots.Done d) {
            try (LeasedBytes got = (LeasedBytes) d.value()) {
                if (contents != null && !contents.matches(got.data(), op[d.slot()])) {
                    err.println(oid[d.slot()] + " is not correct!");
                    errors++;
                }
            }
        }
    }

    /** Waits for what is still in flight, each completion handed to {@code each} (a read's check). */
    private int drain(AioSlots slots, BenchData data, Consumer<AioSlots.Done> each) throws InterruptedException {
        while (true) {
            synchronized (data) {
                if (data.finished >= data.started) {
                    return 0;
                }
            }
            AioSlots.Done d = slots.take();
            if (d.r() < 0) {
                if (each != null) {
                    err.println("read got " + d.r());
                }
                return d.r();
            }
            data.finished(slots.latency(d));
            if (each != null) {
                each.accept(d);
            }
        }
    }

    private int cleanUpAfterWrite(Params p, String meta) throws InterruptedException {
        BenchMetadata.Fetched f = BenchMetadata.fetch(io, meta, err);
        if (f.r() < 0) {
            if (f.r() == -ENOENT) {
                err.println("Should never happen: bench metadata missing for current run!");
            }
            return f.r();
        }
        long start = System.nanoTime();
        out.println("Cleaning up (deleting benchmark objects)");
        int r = cleaner.removeRun(io, f.metadata().numObjects(), f.metadata().pid(), p.concurrent());
        if (r != 0) {
            return r;
        }
        out.println("Clean up completed and total clean up time :" + CppFormat.g((System.nanoTime() - start) / 1e9));
        try {
            Rados.await(io.remove(meta));
            return 0;
        } catch (RadosException e) {
            return -e.errno();
        }
    }

    /** One summary line: its label in plain text and key in JSON, with the value as each prints it. */
    private record Line(String label, String key, String plain, String json) {
        static Line of(String label, String key, long v) {
            return new Line(label, key, String.valueOf(v), String.valueOf(v));
        }

        static Line of(String label, String key, double v) {
            return new Line(label, key, CppFormat.g(v), CppFormat.f(v));
        }
    }

    /** The write summary; labels padded to 24 columns, as write_bench prints them. */
    private void writeSummary(BenchData d, double seconds, double cpuSeconds) {
        synchronized (d) {
            summary(24, d, cpuSeconds, List.of(
                    Line.of("Total time run", "total_time_run", seconds),
                    Line.of("Total writes made", "total_writes_made", d.finished),
                    Line.of("Write size", "write_size", d.opSize),
                    Line.of("Object size", "object_size", d.objectSize),
                    Line.of("Bandwidth (MB/sec)", "bandwidth", d.bandwidth(d.finished, seconds)),
                    Line.of("Stddev Bandwidth", "stddev_bandwidth", d.bandwidthStddev()),
                    Line.of("Max bandwidth (MB/sec)", "max_bandwidth", d.maxBandwidth),
                    Line.of("Min bandwidth (MB/sec)", "min_bandwidth", d.minBandwidth),
                    Line.of("Average IOPS", "average_iops", (int) (d.finished / seconds)),
                    // Ceph's JSON passes this double to a %d (undefined, garbage in practice); its whole part here
                    new Line("Stddev IOPS", "stddev_iops", CppFormat.g(d.iopsStddev()), String.valueOf((int) d.iopsStddev())),
                    Line.of("Max IOPS", "max_iops", d.maxIops),
                    Line.of("Min IOPS", "min_iops", d.minIops),
                    Line.of("Average Latency(s)", "average_latency", d.avgLatency),
                    Line.of("Stddev Latency(s)", "stddev_latency", d.latencyStddev()),
                    Line.of("Max latency(s)", "max_latency", d.maxLatency),
                    Line.of("Min latency(s)", "min_latency", d.minLatency)));
        }
    }

    /** The seq and rand summary; labels padded to 22 columns, as the read benches print them. */
    private void readSummary(BenchData d, double seconds, double cpuSeconds) {
        synchronized (d) {
            summary(22, d, cpuSeconds, List.of(
                    Line.of("Total time run", "total_time_run", seconds),
                    Line.of("Total reads made", "total_reads_made", d.finished),
                    Line.of("Read size", "read_size", d.opSize),
                    Line.of("Object size", "object_size", d.objectSize),
                    Line.of("Bandwidth (MB/sec)", "bandwidth", d.bandwidth(d.finished, seconds)),
                    Line.of("Average IOPS", "average_iops", (int) (d.finished / seconds)),
                    Line.of("Stddev IOPS", "stddev_iops", d.iopsStddev()),
                    Line.of("Max IOPS", "max_iops", d.maxIops),
                    Line.of("Min IOPS", "min_iops", d.minIops),
                    Line.of("Average Latency(s)", "average_latency", d.avgLatency),
                    Line.of("Max latency(s)", "max_latency", d.maxLatency),
                    Line.of("Min latency(s)", "min_latency", d.minLatency)));
        }
    }

    private void summary(int width, BenchData d, double cpuSeconds, List<Line> lines) {
        for (Line l : lines) {
            if (json == null) {
                String label = l.label() + ":";
                out.println(label + " ".repeat(Math.max(1, width - label.length())) + l.plain());
            } else {
                json.string(l.key(), l.json());
            }
        }
        if (json != null) {
            extras(d, cpuSeconds);
        }
    }

    /**
     * inkwire's additions to Ceph's JSON: per-op latency percentiles (seconds), and the CPU the
     * whole process (every thread: I/O, JIT, GC) spent while the ops ran.
     */
    private void extras(BenchData d, double cpuSeconds) {
        json.string("p50_latency", CppFormat.f(d.latencyPercentile(0.50)))
                .string("p99_latency", CppFormat.f(d.latencyPercentile(0.99)))
                .string("p999_latency", CppFormat.f(d.latencyPercentile(0.999)))
                .string("cpu_seconds", CppFormat.f(cpuSeconds));
    }
}
