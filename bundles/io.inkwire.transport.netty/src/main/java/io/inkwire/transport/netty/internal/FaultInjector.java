package io.inkwire.transport.netty.internal;

import io.inkwire.api.config.CephConfig;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cuts sockets on purpose, for tests, as Ceph's {@code ms_inject_socket_failures} does: with
 * {@code ms_inject_socket_failures = N > 0} each read event and each message write closes the socket
 * with probability 1/N. Off (0) by default. {@code inkwire_inject_socket_failures_seed} makes the
 * sequence of cuts repeatable per messenger.
 */
final class FaultInjector {

    private final long oneIn;
    private final SplittableRandom random;
    private final AtomicLong cuts = new AtomicLong();

    FaultInjector(CephConfig o) {
        this.oneIn = o.getLong("ms_inject_socket_failures", 0);
        long seed = o.getLong("inkwire_inject_socket_failures_seed", 0);
        this.random = seed != 0 ? new SplittableRandom(seed) : new SplittableRandom();
    }

    boolean cutOnRead() {
        return cut();
    }

    boolean cutOnWrite() {
        return cut();
    }

    private boolean cut() {
        if (oneIn <= 0) {
            return false;
        }
        boolean c;
        synchronized (random) {
            c = random.nextLong(oneIn) == 0;
        }
        if (c) {
            cuts.incrementAndGet();
        }
        return c;
    }

    /** How many sockets were cut so far. */
    long cuts() {
        return cuts.get();
    }
}
