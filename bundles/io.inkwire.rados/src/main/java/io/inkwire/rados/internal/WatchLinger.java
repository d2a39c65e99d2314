package io.inkwire.rados.internal;

import io.inkwire.codec.osd.OsdOp;
import io.inkwire.rados.CompoundOp;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Notification;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.Watch;
import io.inkwire.rados.WatchCallback;
import io.inkwire.rados.WriteOp;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A watch: the linger that {@code IoCtx.watch} registers, as Ceph's Objecter and librados keep it
 * ({@code linger_watch}, {@code _linger_commit}, {@code _linger_reconnect}, {@code _send_linger_ping},
 * {@code _linger_ping}, {@code linger_check} in {@code src/osdc/Objecter.cc}; the kernel's
 * {@code net/ceph/osd_client.c} does the same): the first registration is a WATCH; once the OSD took
 * it, every later one is a RECONNECT with the same cookie and a new {@code register_gen}; a PING goes
 * out every ping interval while the watch is healthy. A failed ping or reconnect, or a DISCONNECT from
 * the OSD, is the watch's error (ENOENT told as ENOTCONN, {@code _normalize_watch_error}), told to the
 * callback once. Beyond Ceph's client, a watch in error is registered again at each ping interval
 * (a WATCH when the OSD no longer has it, else a RECONNECT) until one takes, and is healthy again.
 */
final class WatchLinger extends Linger implements Watch {

    static final int ENOENT = 2;
    static final int ENOTCONN = 107;
    static final int ESHUTDOWN = 108;
    static final int EBLOCKLISTED = ESHUTDOWN;
    static final int ECANCELED = 125;

    private final WatchCallback callback;
    private final long timeoutSeconds;
    final CompletableFuture<Watch> established = new CompletableFuture<>();

    /** The OSD took a WATCH of ours: the next registration is a RECONNECT. */
    private boolean registered;
    /** What the registration in flight is. */
    private boolean reconnecting;
    /** The positive errno that broke the watch, 0 while healthy ({@code last_error}). */
    private int lastError;
    /** Re-registration stopped: the client may not act (blocklisted) or the pool is gone. */
    private boolean ended;
    /** When the OSD last confirmed the watch: the send time of the registration or ping it answered. */
    private long validThruNanos;
    private long lastPingNanos;
    private long lastRetryNanos;
    /** Notifications queued for the callback, by arrival time ({@code watch_pending_async}). */
    private final ArrayDeque<Long> pendingCallbacks = new ArrayDeque<>();
    private CompletableFuture<Void> unwatched;

    WatchLinger(LingerOps owner, long id, IoCtx io, String oid, long timeoutSeconds, WatchCallback callback) {
        super(owner, id, io, oid);
        this.timeoutSeconds = timeoutSeconds;
        this.callback = callback;
    }

    @Override
    boolean write() {
        return true; // CEPH_OSD_FLAG_WRITE, as linger_watch sets it
    }

    @Override
    CompoundOp registrationOp() {
        WriteOp op = new WriteOp();
        reconnecting = registered;
        if (registered) {
            op.watch(id, OsdOp.CEPH_OSD_WATCH_OP_RECONNECT, ++registerGen, 0);
        } else {
            op.watch(id, OsdOp.CEPH_OSD_WATCH_OP_WATCH, registerGen, timeoutSeconds);
        }
        return op;
    }

    @Override
    void registered(CompoundOp op, long sentNanos, OperationResult result, Throwable failure, List<Runnable> done) {
        if (failure == null) {
            registered = true;
            lastError = 0;
            if (!reconnecting) {
                validThruNanos = sentNanos;
            }
            if (!established.isDone()) {
                done.add(() -> established.complete(this));
            }
            return;
        }
        int errno = errno(failure);
        if (!established.isDone()) {
            // the first registration failed: no watch ("if (r < 0) linger_cancel")
            canceled = true;
            owner.remove(this);
            RadosException e = failure instanceof RadosException re ? re : Rados.unwrap(failure);
            done.add(() -> established.completeExceptionally(e));
            return;
        }
        error(errno, done);
    }

    /** Records an error of the watch; only the first since it was healthy reaches the callback. Under the lock. */
    private void error(int errno, List<Runnable> done) {
        int e = errno == ENOENT ? ENOTCONN : errno;
        if (e == ENOTCONN) {
            registered = false; // the OSD has no such watch: only a new WATCH brings it back
        }
        if (e == EBLOCKLISTED) {
            ended = true; // a blocklisted client must not act: no more registrations of its own accord
        }
        boolean first = lastError == 0;
        lastError = e;
        if (first) {
            lastRetryNanos = System.nanoTime();
            RadosException ex = new RadosException(e, io.pool(), io.namespace(), oid, "watch " + Long.toUnsignedString(id) + " on " + oid);
            owner.callback(() -> {
                if (!canceled) {
                    callback.onError(this, ex);
                }
            });
        }
    }

    @Override
    void poolGone(List<Runnable> done) {
        if (!established.isDone()) {
            return; // the registration op itself ends with ENOENT
        }
        ended = true;
        error(ENOENT, done);
    }

    @Override
    void tick(long now, List<Runnable> done) {
        if (canceled || !established.isDone() || !idle()) {
            return;
        }
        if (lastError != 0) {
            if (!ended && now - lastRetryNanos >= owner.pingIntervalNanos) {
                lastRetryNanos = now;
                send();
            }
        } else if (registered && osd() >= 0 && now - lastPingNanos >= owner.pingIntervalNanos) {
            ping(now);
        }
    }

    /** {@code _send_linger_ping}: a PING with the current {@code register_gen}. Under the lock. */
    private void ping(long now) {
        lastPingNanos = now;
        long gen = registerGen;
        WriteOp op = new WriteOp();
        op.watch(id, OsdOp.CEPH_OSD_WATCH_OP_PING, gen, 0);
        CompletableFuture<OperationResult> f = owner.submit(this, op, true);
        f.whenComplete((r, e) -> owner.locked(done -> {
            if (canceled || gen != registerGen || f.isCancelled()) {
                return; // an answer for an older registration ("ignoring old gen")
            }
            if (e == null) {
                validThruNanos = Math.max(validThruNanos, now);
            } else if (lastError == 0) {
                error(errno(e), done);
            }
        }));
    }

    @Override
    boolean holdsSession() {
        return !canceled && established.isDone();
    }

    /** A CEPH_WATCH_EVENT_DISCONNECT: the OSD dropped the watch. Under the lock. */
    void disconnected(List<Runnable> done) {
        if (lastError == 0) {
            error(ENOTCONN, done);
        } else {
            registered = false;
        }
    }

    /** A CEPH_WATCH_EVENT_NOTIFY for this watch. Under the lock. */
    void notified(Notification n) {
        if (canceled) {
            return;
        }
        pendingCallbacks.add(System.nanoTime());
        owner.callback(() -> {
            try {
                if (!canceled) {
                    callback.onNotify(this, n);
                }
            } finally {
                owner.locked(done -> pendingCallbacks.poll());
            }
        });
    }

    /** Ends the watch at shutdown. Under the lock. */
    void shutdown(List<Runnable> done) {
        canceled = true;
        if (!established.isDone()) {
            RadosException e = new RadosException(ESHUTDOWN, io.pool(), io.namespace(), oid, "client shut down");
            done.add(() -> established.completeExceptionally(e));
        }
    }

    // ------------------------------------------------------------------ Watch

    @Override
    public String oid() {
        return oid;
    }

    @Override
    public long cookie() {
        return id;
    }

    @Override
    public Duration check() throws RadosException {
        long stamp;
        int error;
        owner.lock().lock();
        try {
            error = lastError;
            stamp = pendingCallbacks.isEmpty() ? validThruNanos : Math.min(validThruNanos, pendingCallbacks.peek());
        } finally {
            owner.lock().unlock();
        }
        if (error != 0) {
            throw new RadosException(error, io.pool(), io.namespace(), oid, "watch " + Long.toUnsignedString(id) + " on " + oid);
        }
        return Duration.ofNanos(Math.max(0, System.nanoTime() - stamp));
    }

    @Override
    public CompletionStage<Void> ack(Notification notification, ByteBuffer reply) {
        return io.notifyAck(oid, notification.notifyId(), notification.cookie(), reply);
    }

    @Override
    public CompletionStage<Void> unwatch() {
        CompletableFuture<Void> f;
        owner.lock().lock();
        try {
            if (unwatched != null) {
                return unwatched;
            }
            unwatched = f = new CompletableFuture<>();
            canceled = true;
            owner.remove(this);
            if (registration != null && !registration.isDone()) {
                registration.cancel(false);
            }
        } finally {
            owner.lock().unlock();
        }
        // a plain write, resent like any other (IoCtxImpl::unwatch: linger_cancel, then the UNWATCH op)
        WriteOp op = new WriteOp();
        op.watch(id, OsdOp.CEPH_OSD_WATCH_OP_UNWATCH, 0, 0);
        io.operate(oid, op).whenComplete((r, e) -> {
            if (e != null) {
                f.completeExceptionally(Rados.unwrap(e));
            } else {
                f.complete(null);
            }
        });
        return f;
    }

    @Override
    public void close() {
        unwatch();
    }

    @Override
    public String toString() {
        return "watch " + Long.toUnsignedString(id) + " on " + io.pool() + "/" + oid + (lastError != 0 ? " (errno " + lastError + ")" : "");
    }
}
