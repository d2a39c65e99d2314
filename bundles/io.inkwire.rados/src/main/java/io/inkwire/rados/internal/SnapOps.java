package io.inkwire.rados.internal;

import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.MPoolOp;
import io.inkwire.codec.osd.MPoolOpReply;
import io.inkwire.monclient.MonClient;
import io.inkwire.rados.PoolSnap;
import io.inkwire.rados.RadosException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

/**
 * Snapshot management through the monitor, as {@code Objecter::create_pool_snap},
 * {@code delete_pool_snap}, {@code allocate_selfmanaged_snap} and {@code delete_selfmanaged_snap} do it
 * ({@code src/osdc/Objecter.cc}): an {@link MPoolOp}, answered by an {@link MPoolOpReply} naming the
 * osdmap epoch that carries the change; the op is done once the client has that map
 * ({@code handle_pool_op_reply} waits for it), so a snapshot just made is listed and a removed one is not.
 * Pool snapshots are checked against the current map first, as the Objecter does: EEXIST for a name in
 * use, ENOENT for one that is not. The monitor's own refusals (EINVAL when a pool would mix pool and
 * self-managed snapshots, EPERM, …) come back as it sent them. Bounded by {@code rados_mon_op_timeout}.
 */
final class SnapOps {

    private final Objecter objecter;

    SnapOps(Objecter objecter) {
        this.objecter = objecter;
    }

    CompletionStage<PoolSnap> createPoolSnap(long poolId, String pool, String name) {
        String what = "pool " + pool + " snapshot " + name;
        Optional<MapView.PoolSnaps> now = objecter.mapView().poolSnaps(poolId);
        if (now.isEmpty()) {
            return CompletableFuture.failedFuture(new RadosException(2, pool, null, null, "pool " + pool));
        }
        if (find(now.get(), name).isPresent()) {
            return CompletableFuture.failedFuture(new RadosException(17, pool, null, null, what));
        }
        return poolOp(pool, what, (tid, fsid, epoch) -> MPoolOp.createSnap(tid, epoch, fsid, poolId, name)).thenCompose(r -> {
            Optional<PoolSnap> made = objecter.mapView().poolSnaps(poolId).flatMap(s -> find(s, name));
            return made.isPresent() ? CompletableFuture.completedFuture(made.get())
                    : CompletableFuture.failedFuture(new RadosException(2, pool, null, null, what + " (removed meanwhile)"));
        });
    }

    CompletionStage<Void> removePoolSnap(long poolId, String pool, String name) {
        String what = "pool " + pool + " snapshot " + name;
        Optional<MapView.PoolSnaps> now = objecter.mapView().poolSnaps(poolId);
        if (now.isEmpty()) {
            return CompletableFuture.failedFuture(new RadosException(2, pool, null, null, "pool " + pool));
        }
        if (find(now.get(), name).isEmpty()) {
            return CompletableFuture.failedFuture(new RadosException(2, pool, null, null, what));
        }
        return poolOp(pool, what, (tid, fsid, epoch) -> MPoolOp.deleteSnap(tid, epoch, fsid, poolId, name)).thenApply(r -> null);
    }

    CompletionStage<Long> createSelfManagedSnap(long poolId, String pool) {
        String what = "pool " + pool + " self-managed snap";
        return poolOp(pool, what, (tid, fsid, epoch) -> MPoolOp.createUnmanagedSnap(tid, epoch, fsid, poolId)).thenCompose(r -> {
            try {
                return CompletableFuture.completedFuture(r.snapId());
            } catch (MessageDecodeException e) {
                return CompletableFuture.failedFuture(new RadosException(5, pool, null, null, what + ": " + e.getMessage()));
            }
        });
    }

    CompletionStage<Void> removeSelfManagedSnap(long poolId, String pool, long snapId) {
        String what = "pool " + pool + " self-managed snap " + Long.toUnsignedString(snapId);
        return poolOp(pool, what, (tid, fsid, epoch) -> MPoolOp.deleteUnmanagedSnap(tid, epoch, fsid, poolId, snapId))
                .thenApply(r -> null);
    }

    static Optional<PoolSnap> find(MapView.PoolSnaps snaps, String name) {
        return snaps.snaps().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Builds a pool op from its tid, the cluster's fsid and the client's map epoch. */
    @FunctionalInterface
    private interface Build {
        CephMessage build(long tid, java.util.UUID fsid, long epoch);
    }

    /** Sends the op; completes with the reply once the client's map has the epoch it names. */
    private CompletionStage<MPoolOpReply> poolOp(String pool, String what, Build build) {
        MonClient mon = objecter.monClient();
        long epoch = objecter.osdMapEpoch();
        LongFunction<CephMessage> message = tid -> build.build(tid, mon.fsid(), epoch);
        CompletableFuture<MPoolOpReply> request = mon.request(message, MPoolOpReply.CEPH_MSG_POOLOP_REPLY, MPoolOpReply.class);
        CompletableFuture<MPoolOpReply> done = new CompletableFuture<>();
        objecter.monOp(request, pool, what).whenComplete((r, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else if (r.replyCode() < 0) {
                done.completeExceptionally(new RadosException(r.replyCode(), pool, null, null, what));
            } else {
                objecter.waitForMap(r.epoch()).whenComplete((got, t) -> {
                    if (t != null) {
                        done.completeExceptionally(t); // the client closed first
                    } else {
                        done.complete(r);
                    }
                });
            }
        });
        return done;
    }
}
