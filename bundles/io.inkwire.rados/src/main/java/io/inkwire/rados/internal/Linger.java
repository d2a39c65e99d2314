package io.inkwire.rados.internal;

import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.codec.osd.OsdFlags;
import io.inkwire.rados.CompoundOp;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.Rados;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A linger op ({@code Objecter::LingerOp}): a registration with an OSD that outlives the op that
 * made it (a watch, or a notify waiting for its watchers). It keeps its own target, so that it is
 * registered again where its object's PG goes ({@code _recalc_linger_op_target}) or when its session
 * resets ({@code _kick_requests}); each registration is a new op that is never resent itself
 * ({@code should_resend = false}). Guarded by the engine's lock.
 */
abstract class Linger {

    final LingerOps owner;
    /** The linger id, which is also the cookie the OSD knows it by. */
    final long id;
    final IoCtx io;
    final String oid;

    /** Where its ops go; null before the first registration or while its pool is gone. */
    Target target;
    Optional<EntityAddrVec> addrs = Optional.empty();
    /** The registration (or reconnect) op last sent. */
    CompletableFuture<OperationResult> registration;
    /** {@code register_gen}: counts reconnects; a ping carries it, and an answer to an older one is ignored. */
    long registerGen;
    /** Unregistered ({@code linger_cancel}): nothing more is sent or told (read by the callback thread too). */
    volatile boolean canceled;

    Linger(LingerOps owner, long id, IoCtx io, String oid) {
        this.owner = owner;
        this.id = id;
        this.io = io;
        this.oid = oid;
    }

    /** The op that (re-)registers this linger now. */
    abstract CompoundOp registrationOp();

    /** Whether the registration is a write (a watch) or a read (a notify). */
    abstract boolean write();

    /** The answer to registration op {@code op}, the current one; {@code done} runs after the lock. */
    abstract void registered(CompoundOp op, long sentNanos, OperationResult result, Throwable failure, List<Runnable> done);

    /** Its pool is gone from the map. */
    abstract void poolGone(List<Runnable> done);

    /** Once a second. */
    void tick(long now, List<Runnable> done) {
    }

    /** Holds a session open to its OSD (an established watch). */
    boolean holdsSession() {
        return false;
    }

    /** Sends the registration anew, cancelling the one in flight ({@code Objecter::_send_linger}). Under the lock. */
    final void send() {
        if (canceled) {
            return;
        }
        CompletableFuture<OperationResult> previous = registration;
        registration = null;
        if (previous != null && !previous.isDone()) {
            previous.cancel(false); // "repeat send: cancel old registration op, if any"
        }
        MapView m = owner.map();
        if (m != null) {
            aim(m);
        }
        CompoundOp op = registrationOp();
        long sent = System.nanoTime();
        CompletableFuture<OperationResult> f = owner.submit(this, op, write());
        registration = f;
        f.whenComplete((r, e) -> owner.locked(done -> {
            if (registration == f && !canceled && !f.isCancelled()) {
                registered(op, sent, r, e, done);
            }
        }));
    }

    /** No registration op waits for an answer. */
    final boolean idle() {
        return registration == null || registration.isDone();
    }

    /**
     * Aims at map {@code m}; true when that is another OSD, a new interval of the PG, a forced resend
     * ({@code last_force_op_resend}) or new addresses of the OSD than before. Under the lock.
     */
    final boolean aim(MapView m) {
        Optional<MapView.Pool> pool = m.pool(io.poolId());
        if (pool.isEmpty()) {
            target = null;
            return false;
        }
        // its ops take the pool's overlay (Tiering): aim where they go
        long tier = Tiering.overlay(pool.get(), write() ? OsdFlags.CEPH_OSD_FLAG_WRITE : OsdFlags.CEPH_OSD_FLAG_READ);
        Optional<MapView.Pool> aimed = tier == pool.get().id() ? pool : m.pool(tier);
        if (aimed.isEmpty()) {
            target = null;
            return false;
        }
        MapView.Pool p = aimed.get();
        Target next = Target.of(m, p, m.place(p, io.namespace(), io.locator(), oid));
        Optional<EntityAddrVec> a = next.osd() < 0 ? Optional.empty() : m.upAddrs(next.osd());
        boolean changed = target == null || target.needsResendAt(next) || pool.get().lastForceOpResend() > target.epoch()
                || !a.equals(addrs);
        target = next;
        addrs = a;
        return changed;
    }

    /** The OSD its ops go to, −1 for none. */
    final int osd() {
        return target == null ? Target.NO_OSD : target.osd();
    }

    /** The positive errno of a failed stage. */
    static int errno(Throwable failure) {
        return Rados.unwrap(failure).errno();
    }
}
