package io.inkwire.rados.internal;

import io.inkwire.codec.osd.OsdOp;
import io.inkwire.rados.CompoundOp;
import io.inkwire.rados.OperationResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One operation in the engine ({@code Objecter::Op}): what to do to which object, where it was
 * last sent, and the stage its caller holds. Guarded by the engine's lock, except the result.
 */
final class Op {

    final long tid;
    final long poolId;
    final String poolName;
    final String nspace;
    final String key;
    final String oid;
    final CompoundOp compound;
    final List<OsdOp> ops;
    final boolean write;
    /** {@code CEPH_OSD_FLAG_*} as sent, before RETRY. */
    int flags;
    /** A PG op (listing) aims at this seed instead of an object's PG; −1 for object ops. */
    final int pgSeed;
    final long inputBytes;
    final CompletableFuture<OperationResult> result = new CompletableFuture<>();

    /** Where it went last; null before the first targeting. */
    Target target;
    /** The session it waits on; null while paused or homeless. */
    OsdSession session;
    /** {@code retry_attempt}: 0 for the first send, +1 for each resend. */
    int attempts = -1;
    /** When it was last sent ({@code Op::stamp}), for {@code objecter_timeout}. */
    long sentNanos;
    /** Reported laggy since it was last sent, or held since it was parked (said once each time). */
    boolean laggy;
    /** Why it is homeless (null while on a session), and since when, for the tick to say if it waits long. */
    String heldBecause;
    long heldSinceNanos;
    /** Held by a paused cluster or pool (PAUSERD/PAUSEWR/FULL) or a backoff. */
    boolean paused;
    /** The map epoch the op was submitted at; ENOENT for a missing pool is only final once the map is newer. */
    final long submittedEpoch;
    ScheduledFuture<?> timeout;
    /**
     * False for a linger's registration, reconnect or ping ({@code Op::should_resend} in Ceph): once sent
     * it is never sent again; where another op would be resent it is dropped, uncompleted, and its
     * linger sends a new one ({@link LingerOps#dropped}).
     */
    boolean resend = true;
    /** The snapshot a read is at ({@code MOSDOp} snapid); the head unless the op's IoCtx reads at a snap. */
    long snapId = io.inkwire.codec.osd.HObject.NOSNAP;
    /** The snap context a write goes with; null for none (seq 0, no snaps). */
    io.inkwire.rados.SnapContext snapc;
    /** Where an OSD's redirect sent it ({@link Tiering#redirected}); null while it goes where its locator and the overlay say. */
    Tiering.Aim redirect;
    /** Redirects followed so far, at most {@link Tiering#MAX_REDIRECTS}. */
    int redirects;

    Op(long tid, long poolId, String poolName, String nspace, String key, String oid, CompoundOp compound, boolean write,
       int flags, int pgSeed, long submittedEpoch) {
        this.tid = tid;
        this.poolId = poolId;
        this.poolName = poolName;
        this.nspace = nspace;
        this.key = key;
        this.oid = oid;
        this.compound = compound;
        this.ops = compound.ops();
        this.write = write;
        this.flags = flags;
        this.pgSeed = pgSeed;
        this.inputBytes = compound.inputBytes();
        this.submittedEpoch = submittedEpoch;
    }

    /** Its object in pool {@code pool} (the base pool or a tier of it), unless a redirect named another. */
    Tiering.Aim aim(long pool) {
        return redirect != null ? redirect : new Tiering.Aim(pool, key, nspace, oid);
    }

    @Override
    public String toString() {
        return "op " + tid + " " + poolName + "/" + (nspace.isEmpty() ? "" : nspace + "/") + oid + " " + ops;
    }
}
