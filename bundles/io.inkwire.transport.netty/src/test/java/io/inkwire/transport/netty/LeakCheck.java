package io.inkwire.transport.netty;

import io.inkwire.protocol.BufferPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaked: a received message never released (its pooled receive buffer is still
 * out when the test's messengers are closed: {@link BufferPool#outstandingEverywhere()}), or a Netty
 * buffer never released (Netty's {@link ResourceLeakDetector}, at {@code paranoid} in this module's
 * surefire configuration, tracks every buffer; its reports are collected here instead of only
 * logged). Registered for every test of the module through {@code META-INF/services} and
 * {@code junit-platform.properties}; {@link LeakCheckTest} shows that it catches both.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {

    /** Leak reports of Netty's detectors since the last {@link #reset}. */
    private static final List<String> NETTY_LEAKS = new ArrayList<>();

    static {
        // before any buffer class asks the factory for its detector (this runs when JUnit loads the extension)
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    /** The test the check is running around (set before each test): proof that it is registered. */
    private static volatile String current;

    private long outstandingBefore;

    @Override
    public void beforeEach(ExtensionContext context) {
        current = context.getUniqueId();
        outstandingBefore = BufferPool.outstandingEverywhere();
        reset();
    }

    /** The test this check runs around now. */
    static String current() {
        return current;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        verify(outstandingBefore);
    }

    /** Forgets Netty leak reports collected so far. */
    static void reset() {
        synchronized (NETTY_LEAKS) {
            NETTY_LEAKS.clear();
        }
    }

    /**
     * Throws an {@link AssertionError} when receive buffers are still out beyond {@code baseline}
     * (after waiting a little: the last dispatch may still be running on an I/O thread) or Netty
     * reported a leaked buffer.
     */
    static void verify(long baseline) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long out = BufferPool.outstandingEverywhere() - baseline;
        while (out > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            out = BufferPool.outstandingEverywhere() - baseline;
        }
        List<String> netty = nettyLeaks();
        if (out > 0 || !netty.isEmpty()) {
            throw new AssertionError((out > 0 ? out + " received message(s) never released: their receive buffers are still out of the pool. " : "")
                    + (netty.isEmpty() ? "" : netty.size() + " Netty buffer(s) leaked:\n" + String.join("\n", netty)));
        }
    }

    /** Collects garbage and has Netty's detectors report what it found unreleased. */
    static List<String> nettyLeaks() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            // a tracked allocation is when a detector reports what the collector found
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
        }
        synchronized (NETTY_LEAKS) {
            return List.copyOf(NETTY_LEAKS);
        }
    }

    /** A detector that records what it would log. */
    private static final class Recording<T> extends ResourceLeakDetector<T> {
        @SuppressWarnings("deprecation")
        Recording(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval, Long.MAX_VALUE);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record(resourceType + " leaked:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record(resourceType + " leaked (no record)");
            super.reportUntracedLeak(resourceType);
        }

        private static void record(String leak) {
            synchronized (NETTY_LEAKS) {
                NETTY_LEAKS.add(leak);
            }
        }
    }

    /** Whether Netty tracks every buffer in this JVM (the surefire configuration sets it). */
    static boolean paranoid() {
        return ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID;
    }

    /** A Netty buffer dropped without a release, for {@link LeakCheckTest}. */
    static void leakOneNettyBuffer() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        b.writeLong(42);
    }
}
