package io.inkwire.rados.internal;

import io.inkwire.codec.osd.HObject;
import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.codec.osd.PgNlsResponse;
import io.inkwire.codec.osd.SnapsResponse;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ListCursor;
import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectPage;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.PoolSnap;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import io.inkwire.rados.SnapContext;
import io.inkwire.rados.Watch;
import io.inkwire.rados.WatchCallback;
import io.inkwire.rados.WriteOp;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An {@link IoCtx}: a pool, a namespace and a locator key over the engine. */
final class IoCtxImpl implements IoCtx {

    /** {@code librados::all_nspaces}: the namespace that lists every namespace. */
    static final String ALL_NSPACES = "\u0001";

    private final Objecter objecter;
    private final long poolId;
    private final String pool;
    private final String nspace;
    private final String locator;
    /** The snapshot reads are at ({@code IoCtxImpl::snap_seq} in librados). */
    private final long readSnap;
    /** The self-managed write snap context; null when none was set. */
    private final SnapContext snapc;

    IoCtxImpl(Objecter objecter, long poolId, String pool, String nspace, String locator) {
        this(objecter, poolId, pool, nspace, locator, SNAP_HEAD, null);
    }

    private IoCtxImpl(Objecter objecter, long poolId, String pool, String nspace, String locator, long readSnap,
                      SnapContext snapc) {
        this.objecter = objecter;
        this.poolId = poolId;
        this.pool = pool;
        this.nspace = nspace;
        this.locator = locator;
        this.readSnap = readSnap;
        this.snapc = snapc;
    }

    @Override
    public String pool() {
        return pool;
    }

    @Override
    public long poolId() {
        return poolId;
    }

    @Override
    public String namespace() {
        return nspace;
    }

    @Override
    public String locator() {
        return locator;
    }

    @Override
    public IoCtx withNamespace(String ns) {
        return new IoCtxImpl(objecter, poolId, pool, ns == null ? "" : ns, locator, readSnap, snapc);
    }

    @Override
    public IoCtx withLocator(String key) {
        return new IoCtxImpl(objecter, poolId, pool, nspace, key == null ? "" : key, readSnap, snapc);
    }

    @Override
    public long readSnap() {
        return readSnap;
    }

    @Override
    public IoCtx withReadSnap(long snapId) {
        return new IoCtxImpl(objecter, poolId, pool, nspace, locator, snapId, snapc);
    }

    @Override
    public IoCtx withWriteSnapContext(SnapContext context) {
        return new IoCtxImpl(objecter, poolId, pool, nspace, locator, readSnap, context);
    }

    @Override
    public Optional<SnapContext> writeSnapContext() {
        if (snapc != null) {
            return Optional.of(snapc);
        }
        // pg_pool_t::get_snap_context: snap_seq and the pool snaps, newest first
        return objecter.mapView().poolSnaps(poolId).filter(MapView.PoolSnaps::poolSnapsMode).map(p -> {
            List<Long> ids = new ArrayList<>(p.snaps().size());
            p.snaps().forEach(s -> ids.add(0, s.id()));
            return new SnapContext(p.seq(), ids);
        });
    }

    @Override
    public CompletionStage<OperationResult> operate(String oid, WriteOp op) {
        if (readSnap != SNAP_HEAD) {
            // IoCtxImpl::operate: a context reading at a snapshot does not write
            return CompletableFuture.failedFuture(new RadosException(30, pool, nspace, oid, null));
        }
        return mutate(oid, op);
    }

    /** A write to the head (librados's mutate: snapid CEPH_NOSNAP) under the write snap context. */
    private CompletionStage<OperationResult> mutate(String oid, WriteOp op) {
        return objecter.submit(poolId, pool, nspace, locator, oid, op, true, -1, true, SNAP_HEAD, writeSnapContext().orElse(null));
    }

    @Override
    public CompletionStage<OperationResult> operate(String oid, ReadOp op) {
        return objecter.submit(poolId, pool, nspace, locator, oid, op, false, -1, true, readSnap, null);
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    public List<PoolSnap> snapList() throws RadosException {
        return poolSnaps().snaps();
    }

    @Override
    public PoolSnap snapLookup(String name) throws RadosException {
        return SnapOps.find(poolSnaps(), name).orElseThrow(() -> new RadosException(2, pool, nspace, null, "snapshot " + name));
    }

    private MapView.PoolSnaps poolSnaps() throws RadosException {
        return objecter.mapView().poolSnaps(poolId).orElseThrow(() -> new RadosException(2, pool, nspace, null, "pool " + pool));
    }

    @Override
    public CompletionStage<PoolSnap> snapCreate(String name) {
        return new SnapOps(objecter).createPoolSnap(poolId, pool, Objects.requireNonNull(name, "name"));
    }

    @Override
    public CompletionStage<Void> snapRemove(String name) {
        return new SnapOps(objecter).removePoolSnap(poolId, pool, Objects.requireNonNull(name, "name"));
    }

    @Override
    public CompletionStage<Void> snapRollback(String oid, String snapName) {
        PoolSnap snap;
        try {
            snap = snapLookup(snapName);
        } catch (RadosException e) {
            return CompletableFuture.failedFuture(e);
        }
        return selfManagedSnapRollback(oid, snap.id());
    }

    @Override
    public CompletionStage<Void> selfManagedSnapRollback(String oid, long snapId) {
        // selfmanaged_snap_rollback_object mutates directly: allowed from a view reading at a snapshot too
        WriteOp op = new WriteOp();
        op.rollback(snapId);
        return mutate(oid, op).thenApply(r -> null);
    }

    @Override
    public CompletionStage<Long> selfManagedSnapCreate() {
        return new SnapOps(objecter).createSelfManagedSnap(poolId, pool);
    }

    @Override
    public CompletionStage<Void> selfManagedSnapRemove(long snapId) {
        return new SnapOps(objecter).removeSelfManagedSnap(poolId, pool, snapId);
    }

    @Override
    public CompletionStage<SnapsResponse> listSnaps(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<SnapsResponse> snaps = op.listSnaps();
        return objecter.submit(poolId, pool, nspace, locator, oid, op, false, -1, true, SNAP_DIR, null)
                .thenApply(r -> snaps.get());
    }

    @Override
    public CompletionStage<Watch> watch(String oid, Duration timeout, WatchCallback callback) {
        Objects.requireNonNull(callback, "callback");
        long seconds;
        try {
            seconds = timeoutSeconds(timeout, "watch timeout");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new RadosException(22, pool, nspace, oid, e.getMessage()));
        }
        return objecter.lingers().watch(this, oid, seconds, callback);
    }

    @Override
    public CompletionStage<NotifyResult> notify(String oid, ByteBuffer payload, Duration timeout) {
        long seconds;
        try {
            seconds = timeoutSeconds(timeout, "notify timeout");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new RadosException(22, pool, nspace, oid, e.getMessage()));
        }
        return objecter.lingers().notify(this, oid, payload, seconds);
    }

    /** Whole seconds, a fraction counted as one more (librados truncates; 0 would mean the OSD's default); 0 for none. */
    private static long timeoutSeconds(Duration timeout, String what) {
        if (timeout == null || timeout.isZero()) {
            return 0;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(what + " cannot be negative: " + timeout);
        }
        long s = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        if (s > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " out of u32 seconds: " + timeout);
        }
        return s;
    }

    @Override
    public CompletionStage<ObjectPage> list(ListCursor cursor, int max) {
        return listing(nspace, cursor, max);
    }

    @Override
    public CompletionStage<ObjectPage> listAllNamespaces(ListCursor cursor, int max) {
        return listing(ALL_NSPACES, cursor, max);
    }

    /**
     * PGNLS over the PGs in order from the cursor's, as {@code Objecter::_nlist_submit} walks
     * them: a PG is done when the OSD answers 1 or with no entries; a page ends when it holds
     * {@code max} entries or the last PG is done.
     */
    private CompletionStage<ObjectPage> listing(String ns, ListCursor cursor, int max) {
        if (max <= 0) {
            return CompletableFuture.failedFuture(new RadosException(22, pool, nspace, null, "page size " + max));
        }
        CompletableFuture<ObjectPage> page = new CompletableFuture<>();
        step(ns, cursor, max, new ArrayList<>(), page);
        return page;
    }

    private void step(String ns, ListCursor at, int max, List<ObjectEntry> got, CompletableFuture<ObjectPage> page) {
        int pgNum = objecter.pgNum(poolId);
        if (pgNum < 0) {
            page.completeExceptionally(new RadosException(2, pool, nspace, null, "pool " + pool));
            return;
        }
        if (at.pgSeed() >= pgNum) {
            page.complete(new ObjectPage(got, Optional.empty()));
            return;
        }
        HObject from = at.position().length == 0 ? HObject.MIN : decodeCursor(at.position());
        ReadOp op = new ReadOp();
        OpSlot<PgNlsResponse> listed = op.pgNls(max - got.size(), from);
        objecter.submit(poolId, pool, ns, "", "", op, false, at.pgSeed()).whenComplete((r, e) -> {
            if (e != null) {
                page.completeExceptionally(io.inkwire.rados.Rados.unwrap(e));
                return;
            }
            PgNlsResponse resp;
            try {
                resp = listed.get();
            } catch (RuntimeException bad) {
                page.completeExceptionally(new RadosException(5, pool, nspace, null, "PGNLS reply: " + bad.getMessage()));
                return;
            }
            for (PgNlsResponse.Entry en : resp.entries()) {
                got.add(new ObjectEntry(en.nspace(), en.oid(), en.locator()));
            }
            // the OSD ends a PG with result 1 (PrimaryLogPG's PGNLS); an empty page is not the end:
            // the OSD skips other namespaces' objects and may return none before the PG is done.
            // A handle that does not move would loop: taken as the end too.
            byte[] nextPosition = encodeCursor(resp.handle());
            boolean stuck = resp.entries().isEmpty() && java.util.Arrays.equals(nextPosition, at.position());
            boolean pgDone = r.result() == 1 || resp.handle().max() || stuck;
            ListCursor next = pgDone ? new ListCursor(at.pgSeed() + 1, new byte[0]) : new ListCursor(at.pgSeed(), nextPosition);
            if (got.size() >= max) {
                page.complete(new ObjectPage(got, next.pgSeed() >= pgNum ? Optional.empty() : Optional.of(next)));
            } else {
                step(ns, next, max, got, page);
            }
        });
    }

    private static byte[] encodeCursor(HObject h) {
        CephEncoder e = new CephEncoder(64);
        h.encode(e);
        return e.toByteArray();
    }

    private static HObject decodeCursor(byte[] b) {
        try {
            return HObject.decode(new CephDecoder(ByteBuffer.wrap(b), "listing cursor"));
        } catch (io.inkwire.api.ProtocolException e) {
            throw new IllegalArgumentException("not a listing cursor: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "IoCtx{" + pool + (nspace.isEmpty() ? "" : "/" + nspace)
                + (readSnap == SNAP_HEAD ? "" : "@" + Long.toUnsignedString(readSnap)) + "}";
    }
}
