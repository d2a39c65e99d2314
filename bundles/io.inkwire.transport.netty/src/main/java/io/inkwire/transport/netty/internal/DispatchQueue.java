package io.inkwire.transport.netty.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.message.RawMessage;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application callbacks of one connection — dispatcher calls and the completion of futures
 * the application holds — in the order the engine raised them, run only after the engine's lock
 * is released. The engine raises them with its session locked; running application code there
 * would let an application that takes its own lock in its dispatcher, and calls into the
 * connection while holding that lock on another thread, deadlock against the I/O thread. Ceph's
 * messenger dispatches outside its connection lock for the same reason
 * ({@code ProtocolV2::handle_message} in {@code src/msg/async/ProtocolV2.cc} unlocks the
 * connection around {@code ms_fast_dispatch}, or hands the message to the DispatchQueue thread).
 *
 * <p>{@link #deliver()} is called by whoever released the lock; one thread delivers at a time, so
 * callbacks never overlap and never reorder, even while the session moves between sockets on two
 * I/O threads. A dispatcher that throws is logged; later callbacks still run.
 *
 * <p>A message is lent to the dispatcher: this queue holds the reference the engine handed over
 * and releases it once {@link Dispatcher#onMessage} returned (or threw), which gives its receive
 * buffer back to the pool unless the dispatcher retained the message.
 */
final class DispatchQueue {

    private static final System.Logger LOG = System.getLogger(DispatchQueue.class.getName());

    private final Connection connection;
    private final Dispatcher dispatcher;
    /**
     * RawMessage (to {@link Dispatcher#onMessage}) or Runnable (anything else), in order: what waits
     * (guarded by this queue's monitor), and the batch being delivered. The deliverer swaps the two
     * and runs the batch without the monitor: no node per event, as a linked queue would allocate.
     */
    private ArrayDeque<Object> pending = new ArrayDeque<>();
    private ArrayDeque<Object> batch = new ArrayDeque<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    DispatchQueue(Connection connection, Dispatcher dispatcher) {
        this.connection = connection;
        this.dispatcher = dispatcher;
    }

    /** Queues a message for the dispatcher. */
    void message(RawMessage m) {
        synchronized (this) {
            pending.add(m);
        }
    }

    /** Queues any other callback. */
    void run(Runnable r) {
        synchronized (this) {
            pending.add(r);
        }
    }

    private synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Runs what is queued, unless another thread is doing so (it will run this too). Call without the engine's lock. */
    void deliver() {
        // a thread that queued while another delivered finds the flag set and leaves; the deliverer
        // looks again after clearing it, so nothing queued is left behind
        while (hasPending() && delivering.compareAndSet(false, true)) {
            ArrayDeque<Object> events;
            synchronized (this) {
                events = pending;
                pending = batch; // empty: every batch is run to its end (or put back, below)
                batch = events;
            }
            try {
                for (Object e; (e = events.poll()) != null; ) {
                    try {
                        if (e instanceof RawMessage m) {
                            try {
                                dispatcher.onMessage(connection, m);
                            } finally {
                                m.release();
                            }
                        } else {
                            ((Runnable) e).run();
                        }
                    } catch (RuntimeException t) {
                        LOG.log(System.Logger.Level.WARNING, "dispatcher of " + connection + " threw", t);
                    }
                }
            } finally {
                if (!events.isEmpty()) { // an Error left the batch: what is left goes first next time
                    synchronized (this) {
                        for (Object e; (e = events.pollLast()) != null; ) {
                            pending.addFirst(e);
                        }
                    }
                }
                delivering.set(false);
            }
        }
    }
}
