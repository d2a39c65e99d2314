package io.inkwire.transport.netty.internal;

import java.util.ArrayDeque;

/**
 * Bounds the bytes of incoming messages held at once across all of a messenger's sockets, as
 * Ceph's {@code ms_dispatch_throttle_bytes} (default 100 MiB) does: a socket reserves a message's
 * bytes when its preamble announces them, before reading them, and releases them once the
 * dispatcher returned. A socket that cannot reserve stops reading (Netty autoRead off) until bytes
 * are released, so a fast sender meets TCP back-pressure instead of filling the heap. One message
 * larger than the whole budget passes alone.
 */
final class DispatchThrottle {

    private final long max;
    private final ArrayDeque<Runnable> waiters = new ArrayDeque<>();
    private long used;
    private long peak;

    DispatchThrottle(long max) {
        this.max = max <= 0 ? Long.MAX_VALUE : max;
    }

    synchronized boolean tryAcquire(long bytes) {
        if (used > 0 && used + bytes > max) {
            return false;
        }
        used += bytes;
        peak = Math.max(peak, used);
        return true;
    }

    void release(long bytes) {
        Runnable[] wake;
        synchronized (this) {
            used -= bytes;
            if (waiters.isEmpty()) {
                return; // the common case, once per message: nothing to wake, nothing to allocate
            }
            wake = waiters.toArray(new Runnable[0]);
            waiters.clear();
        }
        for (Runnable r : wake) {
            r.run();
        }
    }

    /** Runs {@code r} (once) the next time bytes are released; at once if nothing is held. */
    void await(Runnable r) {
        synchronized (this) {
            if (used > 0) {
                waiters.add(r);
                return;
            }
        }
        r.run();
    }

    synchronized long used() {
        return used;
    }

    /** The most bytes held at once so far. */
    synchronized long peak() {
        return peak;
    }
}
