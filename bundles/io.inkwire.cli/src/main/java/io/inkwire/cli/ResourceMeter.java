package io.inkwire.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the JVM spent between two moments: process CPU time (every thread: both ends of an
 * in-process run, the GC and the JIT), bytes allocated by all live threads
 * ({@code com.sun.management.ThreadMXBean}), and GC collections.
 */
final class ResourceMeter {

    /** One reading. */
    record Snapshot(long nanoTime, long cpuNanos, long allocatedBytes, long gcCount, long gcMillis) {

        /** What was spent from {@code earlier} to this reading. */
        Usage since(Snapshot earlier) {
            return new Usage((nanoTime - earlier.nanoTime) / 1e9, (cpuNanos - earlier.cpuNanos) / 1e9,
                    Math.max(0, allocatedBytes - earlier.allocatedBytes), gcCount - earlier.gcCount, gcMillis - earlier.gcMillis);
        }
    }

    /** Spent over an interval. */
    record Usage(double seconds, double cpuSeconds, long allocatedBytes, long gcCount, long gcMillis) {
    }

    private ResourceMeter() {
    }

    static Snapshot now() {
        long cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuTime();
        }
        long allocated = 0;
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            if (!threads.isThreadAllocatedMemoryEnabled()) {
                threads.setThreadAllocatedMemoryEnabled(true);
            }
            for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                if (b > 0) {
                    allocated += b;
                }
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshot(System.nanoTime(), cpu, allocated, gcCount, gcMillis);
    }
}
