package io.inkwire.cli;

import io.inkwire.rados.Rados;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * A fixed number of slots, each with at most one operation in flight, and the queue their
 * completions arrive on: what {@code ObjBencher} does with its array of librados completions,
 * here over {@link CompletionStage}s. Completions are timed where they happen (the client's
 * thread) and handed to the one thread that drives the benchmark, so no user code runs on the
 * client's threads and a throttled submit can never block them.
 */
final class AioSlots {

    /** One finished op: its slot, when it finished, 0 or a negative errno, and what the op's stage completed with. */
    record Done(int slot, long nanos, int r, Object value) {
    }

    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private final long[] startNanos;

    AioSlots(int slots) {
        this.startNanos = new long[slots];
    }

    int size() {
        return startNanos.length;
    }

    /** Issues an op for {@code slot}, its latency counted from now (before it is encoded and sent). */
    void submit(int slot, Supplier<? extends CompletionStage<?>> issue) {
        startNanos[slot] = System.nanoTime();
        issue.get().whenComplete((v, t) -> done.add(new Done(slot, System.nanoTime(), t == null ? 0 : -Rados.unwrap(t).errno(), v)));
    }

    /** The next op to finish, in the order they finish. */
    Done take() throws InterruptedException {
        return done.take();
    }

    /** Seconds from the submit of the op in {@code d}'s slot to its completion. */
    double latency(Done d) {
        return (d.nanos - startNanos[d.slot]) / 1e9;
    }
}
