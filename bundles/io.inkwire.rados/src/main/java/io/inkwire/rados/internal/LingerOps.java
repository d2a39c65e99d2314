package io.inkwire.rados.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.osd.MWatchNotify;
import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.rados.CompoundOp;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Notification;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.Watch;
import io.inkwire.rados.WatchCallback;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The client's linger ops (watches and notifies), as {@code Objecter}'s {@code linger_ops}: registered
 * by id (the cookie), told by the engine of map changes, session resets, dropped registrations and
 * ticks, and of the OSD's {@link MWatchNotify}s, which it routes by cookie. Watch callbacks run on one
 * thread of their own ({@code finish_strand}), in order. State is guarded by the engine's lock.
 */
final class LingerOps {

    private static final System.Logger LOG = System.getLogger(LingerOps.class.getName());

    private final Objecter objecter;
    private final ReentrantLock lock;
    private final Map<Long, Linger> lingers = new TreeMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final MWatchNotify.Codec codec = new MWatchNotify.Codec();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inkwire-watch-callbacks");
        t.setDaemon(true);
        return t;
    });
    /** {@code objecter_tick_interval}: how often a healthy watch is pinged (and a broken one registered again). */
    final long pingIntervalNanos;
    /** {@code client_notify_timeout}: a notify's timeout when the caller gives none. */
    final long notifyTimeoutSeconds;

    LingerOps(Objecter objecter, ReentrantLock lock, CephConfig options) {
        this.objecter = objecter;
        this.lock = lock;
        this.pingIntervalNanos = (long) (Math.max(0.1, options.getSeconds("objecter_tick_interval", 5)) * 1e9);
        this.notifyTimeoutSeconds = Math.max(1, (long) options.getSeconds("client_notify_timeout", 10));
    }

    // ------------------------------------------------------------------ the API's entry points

    CompletableFuture<Watch> watch(IoCtx io, String oid, long timeoutSeconds, WatchCallback callback) {
        WatchLinger w = new WatchLinger(this, lastId.incrementAndGet(), io, oid, timeoutSeconds, callback);
        start(w);
        return w.established;
    }

    CompletableFuture<NotifyResult> notify(IoCtx io, String oid, ByteBuffer payload, long timeoutSeconds) {
        NotifyLinger n = new NotifyLinger(this, lastId.incrementAndGet(), io, oid, copy(payload),
                timeoutSeconds > 0 ? timeoutSeconds : notifyTimeoutSeconds);
        start(n);
        return n.result;
    }

    private void start(Linger l) {
        locked(done -> {
            lingers.put(l.id, l);
            l.send();
        });
    }

    // ------------------------------------------------------------------ the engine's hooks, under its lock

    /** A registration op of a linger was dropped instead of resent: send the linger again. */
    void dropped(CompletableFuture<OperationResult> op) {
        for (Linger l : List.copyOf(lingers.values())) {
            if (l.registration == op) {
                l.send();
            }
        }
    }

    /** A new map: lingers whose target changed register again there ({@code _scan_requests}); gone pools end them. */
    void mapChanged() {
        MapView m = objecter.mapView();
        List<Runnable> done = new ArrayList<>();
        for (Linger l : List.copyOf(lingers.values())) {
            if (m.pool(l.io.poolId()).isEmpty()) {
                l.poolGone(done);
            } else if (l.aim(m)) {
                l.send();
            }
        }
        later(done);
    }

    /** The session to {@code osd} reset: its lingers register again ({@code _kick_requests}, {@code _linger_ops_resend}). */
    void sessionReset(int osd) {
        for (Linger l : List.copyOf(lingers.values())) {
            if (l.osd() == osd && l.idle()) {
                l.send();
            }
        }
    }

    /** Once a second: pings and retries. */
    void tick(long now) {
        List<Runnable> done = new ArrayList<>();
        for (Linger l : List.copyOf(lingers.values())) {
            l.tick(now, done);
        }
        later(done);
    }

    /** A watch is established on {@code osd}: its session is not idle. */
    boolean holds(int osd) {
        for (Linger l : lingers.values()) {
            if (l.osd() == osd && l.holdsSession()) {
                return true;
            }
        }
        return false;
    }

    /** The client closes: pending watches and notifies fail with ESHUTDOWN, no callback runs after this. */
    void shutdown(List<Runnable> done) {
        for (Linger l : List.copyOf(lingers.values())) {
            if (l instanceof WatchLinger w) {
                w.shutdown(done);
            } else if (l instanceof NotifyLinger n) {
                n.shutdown(done);
            }
        }
        lingers.clear();
        done.add(callbacks::shutdownNow);
    }

    /** {@code handle_watch_notify}: an OSD's MWatchNotify, to the linger its cookie names. */
    void handle(RawMessage message, long features) throws ProtocolException {
        MWatchNotify m = codec.decode(message, features);
        locked(done -> {
            Linger l = lingers.get(m.cookie());
            if (l == null || l.canceled) {
                LOG.log(System.Logger.Level.DEBUG, () -> "no linger for " + m);
                return;
            }
            if (m.opcode() == MWatchNotify.CEPH_WATCH_EVENT_DISCONNECT) {
                if (l instanceof WatchLinger w) {
                    w.disconnected(done);
                }
            } else if (l instanceof NotifyLinger n) {
                if (m.opcode() == MWatchNotify.CEPH_WATCH_EVENT_NOTIFY_COMPLETE) {
                    n.completed(m, done);
                }
            } else if (l instanceof WatchLinger w && m.opcode() == MWatchNotify.CEPH_WATCH_EVENT_NOTIFY) {
                // the payload views the message, which is only lent to us: the callback gets a copy
                w.notified(new Notification(m.notifyId(), m.cookie(), m.notifierGid(), copy(m.payload())));
            }
        });
    }

    // ------------------------------------------------------------------ for the lingers

    MapView map() {
        return objecter.mapView();
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Sends a linger's op: never resent by the engine ({@link Op#resend}). */
    CompletableFuture<OperationResult> submit(Linger l, CompoundOp op, boolean write) {
        return objecter.submit(l.io.poolId(), l.io.pool(), l.io.namespace(), l.io.locator(), l.oid, op, write, -1, false);
    }

    void remove(Linger l) {
        lingers.remove(l.id, l);
    }

    /** Runs {@code body} under the lock, then what it left in its list. */
    void locked(Consumer<List<Runnable>> body) {
        List<Runnable> done = new ArrayList<>();
        lock.lock();
        try {
            body.accept(done);
        } finally {
            lock.unlock();
        }
        done.forEach(Runnable::run);
    }

    /** Queues a watch callback on the callback thread. */
    void callback(Runnable r) {
        try {
            callbacks.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "a watch callback failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // the client is closing: no callback runs any more
        }
    }

    /** Completions that must not run under the engine's lock: off to the callback thread, in order. */
    private void later(List<Runnable> done) {
        done.forEach(this::callback);
    }

    static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate());
        return c.flip().asReadOnlyBuffer();
    }
}
