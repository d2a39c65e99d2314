package io.inkwire.rados;

import io.inkwire.codec.osd.ClsLock;
import io.inkwire.codec.osd.LockInfo;
import io.inkwire.codec.osd.LockType;
import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.codec.osd.SnapsResponse;
import io.inkwire.codec.osd.WatchersResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;

/**
 * Object I/O in one pool and namespace, as librados's {@code IoCtx}. Every operation is
 * asynchronous: its stage completes with the result, or exceptionally with a
 * {@link RadosException} carrying the OSD's errno and naming pool, namespace and object. Wait
 * for one with {@link Rados#await}. Cancelling a stage's {@code CompletableFuture} cancels the
 * operation where it has not been applied yet.
 *
 * <p>Instances are immutable and thread-safe; {@link #withNamespace}, {@link #withLocator},
 * {@link #withReadSnap} and {@link #withWriteSnapContext} return new views of the same pool.
 */
public interface IoCtx {

    String pool();

    long poolId();

    /** The namespace ops go to; "" is the default one. */
    String namespace();

    /** The locator key placing objects (their name when empty). */
    String locator();

    /** This pool, namespace {@code ns}. */
    IoCtx withNamespace(String ns);

    /** This pool and namespace, objects placed by {@code key} instead of their names. */
    IoCtx withLocator(String key);

    /** Runs a compound write on one object. */
    CompletionStage<OperationResult> operate(String oid, WriteOp op);

    /** Runs a compound read on one object. */
    CompletionStage<OperationResult> operate(String oid, ReadOp op);

    /**
     * One page of the pool's objects in this namespace (or every namespace, see
     * {@link #listAllNamespaces}), at most {@code max} entries, from {@code cursor}.
     */
    CompletionStage<ObjectPage> list(ListCursor cursor, int max);

    /** The same listing over every namespace ({@code rados ls --all}). */
    CompletionStage<ObjectPage> listAllNamespaces(ListCursor cursor, int max);

    // --- single ops, each one MOSDOp ---

    /** Up to {@code length} bytes from {@code offset}; 0 reads to the end. */
    default CompletionStage<ByteBuffer> read(String oid, long offset, long length) {
        ReadOp op = new ReadOp();
        OpSlot<ByteBuffer> data = op.read(offset, length);
        return operate(oid, op).thenApply(r -> data.get());
    }

    /**
     * Up to {@code into.remaining()} bytes from {@code offset}, copied into {@code into} from its
     * position (position and limit unchanged); completes with the number of bytes read. The receive
     * buffer is reused at once: the form to use for repeated reads of large objects.
     */
    default CompletionStage<Integer> read(String oid, long offset, ByteBuffer into) {
        ReadOp op = new ReadOp();
        OpSlot<Integer> n = op.read(offset, into);
        return operate(oid, op).thenApply(r -> n.get());
    }

    /**
     * Up to {@code length} bytes from {@code offset} (0 = to the end), left in the receive buffer
     * they arrived in: no copy, and the buffer is pooled again when the caller closes the
     * {@link LeasedBytes}. The form for large reads at full speed.
     */
    default CompletionStage<LeasedBytes> readLeased(String oid, long offset, long length) {
        ReadOp op = new ReadOp();
        OpSlot<LeasedBytes> data = op.readLeased(offset, length);
        return operate(oid, op).whenComplete((r, t) -> {
            if (t != null && data.isFilled() && data.rval() >= 0) {
                data.get().close(); // the read op succeeded but the operation did not: nobody else gets the lease
            }
        }).thenApply(r -> data.get());
    }

    default CompletionStage<Void> write(String oid, ByteBuffer data, long offset) {
        WriteOp op = new WriteOp();
        op.write(offset, data);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> writeFull(String oid, ByteBuffer data) {
        WriteOp op = new WriteOp();
        op.writeFull(data);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> append(String oid, ByteBuffer data) {
        WriteOp op = new WriteOp();
        op.append(data);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> truncate(String oid, long size) {
        WriteOp op = new WriteOp();
        op.truncate(size);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> zero(String oid, long offset, long length) {
        WriteOp op = new WriteOp();
        op.zero(offset, length);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> create(String oid, boolean exclusive) {
        WriteOp op = new WriteOp();
        op.create(exclusive);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> remove(String oid) {
        WriteOp op = new WriteOp();
        op.remove();
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<ObjectStat> stat(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<ObjectStat> st = op.stat();
        return operate(oid, op).thenApply(r -> st.get());
    }

    default CompletionStage<ByteBuffer> getXattr(String oid, String name) {
        ReadOp op = new ReadOp();
        OpSlot<ByteBuffer> v = op.getXattr(name);
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> setXattr(String oid, String name, ByteBuffer value) {
        WriteOp op = new WriteOp();
        op.setXattr(name, value);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> rmXattr(String oid, String name) {
        WriteOp op = new WriteOp();
        op.rmXattr(name);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<SortedMap<String, ByteBuffer>> getXattrs(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<SortedMap<String, ByteBuffer>> v = op.getXattrs();
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> omapSet(String oid, Map<String, ByteBuffer> values) {
        WriteOp op = new WriteOp();
        op.omapSet(values);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<SortedMap<String, ByteBuffer>> omapGetValsByKeys(String oid, Collection<String> keys) {
        ReadOp op = new ReadOp();
        OpSlot<SortedMap<String, ByteBuffer>> v = op.omapGetValsByKeys(keys);
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> omapRmKeys(String oid, Collection<String> keys) {
        WriteOp op = new WriteOp();
        op.omapRmKeys(keys);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> omapClear(String oid) {
        WriteOp op = new WriteOp();
        op.omapClear();
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<ByteBuffer> omapGetHeader(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<ByteBuffer> v = op.omapGetHeader();
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> omapSetHeader(String oid, ByteBuffer header) {
        WriteOp op = new WriteOp();
        op.omapSetHeader(header);
        return operate(oid, op).thenApply(r -> null);
    }

    /** Calls an object class method ({@code rados_exec}); read-write. */
    default CompletionStage<ByteBuffer> exec(String oid, String cls, String method, ByteBuffer input) {
        WriteOp op = new WriteOp();
        OpSlot<ByteBuffer> out = op.exec(cls, method, input);
        return operate(oid, op).thenApply(r -> out.get());
    }

    // --- watch/notify (linger ops) ---

    /** {@link #watch(String, Duration, WatchCallback)} with the OSD's {@code osd_client_watch_timeout}. */
    default CompletionStage<Watch> watch(String oid, WatchCallback callback) {
        return watch(oid, null, callback);
    }

    /**
     * Watches an object ({@code watch2}/{@code watch3}): the stage completes once the OSD registered the
     * watch (ENOENT when the object does not exist). The client then keeps it as Ceph's Objecter keeps
     * a linger op: it pings the OSD every {@code objecter_tick_interval}, re-registers it with the same
     * cookie ({@code CEPH_OSD_WATCH_OP_RECONNECT}) after a session reset or when a new map moves the
     * object's PG, and tells {@code callback} of errors. Beyond librados, a watch the OSD has dropped
     * (ENOTCONN: the object was deleted, the watch timed out there) is registered again with the same
     * cookie at each ping interval until it takes, as librbd's watcher re-watches; an error that says the
     * client may no longer act (a blocklisted client, a deleted pool) ends that.
     *
     * @param timeout how long the OSD keeps the watch without a ping (null: {@code osd_client_watch_timeout})
     */
    CompletionStage<Watch> watch(String oid, Duration timeout, WatchCallback callback);

    /**
     * Notifies the object's watchers ({@code notify2}) and collects their replies: the stage completes
     * when every watcher answered or {@code timeout} passed, with the replies by watcher and, in
     * {@link NotifyResult#missed()}, those that did not answer in time (librados returns ETIMEDOUT with
     * the same reply then). It fails with the OSD's error otherwise (ENOENT: no such object).
     *
     * @param timeout how long the OSD waits for the watchers (null: {@code client_notify_timeout})
     */
    CompletionStage<NotifyResult> notify(String oid, ByteBuffer payload, Duration timeout);

    /** Answers notification {@code notifyId} received by the watch with {@code cookie} ({@code notify_ack}). */
    default CompletionStage<Void> notifyAck(String oid, long notifyId, long cookie, ByteBuffer reply) {
        ReadOp op = new ReadOp();
        op.notifyAck(notifyId, cookie, reply);
        return operate(oid, op).thenApply(r -> null);
    }

    /** The object's watchers ({@code list_watchers}). */
    default CompletionStage<List<WatchersResponse.Watcher>> listWatchers(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<List<WatchersResponse.Watcher>> w = op.listWatchers();
        return operate(oid, op).thenApply(r -> w.get());
    }

    // --- advisory locks (cls_lock) ---

    /**
     * Takes advisory lock {@code name} on the object exclusively ({@code rados_lock_exclusive}, with
     * the tag {@code rados lock get} gives too); the object is created if need be. EBUSY when another
     * locker holds it, EEXIST when this client holds it with this cookie already and {@code flags} lacks
     * {@link ClsLock#LOCK_FLAG_MAY_RENEW}. A zero or null {@code duration} never expires.
     */
    default CompletionStage<Void> lockExclusive(String oid, String name, String cookie, String tag, String description,
                                                Duration duration, int flags) {
        return lock(oid, name, LockType.EXCLUSIVE, cookie, tag, description, duration, flags);
    }

    /** Takes advisory lock {@code name} shared ({@code rados_lock_shared}): EBUSY when held exclusive or with another tag. */
    default CompletionStage<Void> lockShared(String oid, String name, String cookie, String tag, String description,
                                             Duration duration, int flags) {
        return lock(oid, name, LockType.SHARED, cookie, tag, description, duration, flags);
    }

    private CompletionStage<Void> lock(String oid, String name, LockType type, String cookie, String tag, String description,
                                       Duration duration, int flags) {
        WriteOp op = new WriteOp();
        try {
            op.lock(name, type, cookie, tag, description, duration, flags);
        } catch (IllegalArgumentException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(new RadosException(22, pool(), namespace(), oid, e.getMessage()));
        }
        return operate(oid, op).thenApply(r -> null);
    }

    /** Releases this client's hold on lock {@code name} taken with {@code cookie} ({@code rados_unlock}); ENOENT if none. */
    default CompletionStage<Void> unlock(String oid, String name, String cookie) {
        WriteOp op = new WriteOp();
        op.unlock(name, cookie);
        return operate(oid, op).thenApply(r -> null);
    }

    /**
     * Breaks another client's hold on lock {@code name} ({@code rados_break_lock}).
     *
     * @param locker the holder as {@link LockInfo.Locker#entity()} names it: {@code client.4147} (EINVAL otherwise)
     */
    default CompletionStage<Void> breakLock(String oid, String name, String locker, String cookie) {
        WriteOp op = new WriteOp();
        try {
            op.breakLock(name, locker, cookie);
        } catch (IllegalArgumentException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(new RadosException(22, pool(), namespace(), oid, e.getMessage()));
        }
        return operate(oid, op).thenApply(r -> null);
    }

    /** Lock {@code name}'s type, tag and holders ({@code rados_list_lockers}); type NONE and no holders when nobody holds it. */
    default CompletionStage<LockInfo> getLockInfo(String oid, String name) {
        ReadOp op = new ReadOp();
        OpSlot<LockInfo> info = op.lockInfo(name);
        return operate(oid, op).thenApply(r -> info.get());
    }

    /** The names of the object's advisory locks ({@code rados::cls::lock::list_locks}, what {@code rados lock list} shows). */
    default CompletionStage<List<String>> listLocks(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<List<String>> names = op.listLocks();
        return operate(oid, op).thenApply(r -> names.get());
    }

    // --- snapshots ---

    /** {@code CEPH_NOSNAP}: reads see the head, the object as it is now. */
    long SNAP_HEAD = io.inkwire.codec.osd.HObject.NOSNAP;
    /** {@code CEPH_SNAPDIR}: the snap id {@link #listSnaps} reads at. */
    long SNAP_DIR = -1L;

    /** The snapshot reads of this view see ({@link #SNAP_HEAD} unless {@link #withReadSnap} chose one). */
    long readSnap();

    /**
     * This pool and namespace, reads at snapshot {@code snapId} ({@code snap_set_read}): a pool snap's
     * id ({@link PoolSnap#id()}) or a self-managed one; {@link #SNAP_HEAD} for the head. A read at a
     * snapshot the object did not exist at, or one that is removed, fails with ENOENT. Writes through a
     * view at a snapshot fail with EROFS, as librados's ({@link #snapRollback} and
     * {@link #selfManagedSnapRollback} excepted); listings list the head.
     */
    IoCtx withReadSnap(long snapId);

    /**
     * This pool and namespace, writes under a self-managed snap context ({@code
     * selfmanaged_snap_set_write_ctx}): {@code seq} and the snapshots, newest first.
     *
     * @throws IllegalArgumentException for a context librados calls invalid (EINVAL), see {@link SnapContext}
     */
    default IoCtx withWriteSnapContext(long seq, List<Long> snaps) {
        return withWriteSnapContext(new SnapContext(seq, snaps));
    }

    /** {@link #withWriteSnapContext(long, List)} with a context made already; null for none. */
    IoCtx withWriteSnapContext(SnapContext snapc);

    /**
     * The snap context writes go with: the one set by {@link #withWriteSnapContext}, else, in a pool in
     * pool-snapshot mode, the pool's (its snap_seq and snaps, newest first, from the current map; the
     * OSD applies the pool's in that mode whatever the client sends), else none.
     */
    Optional<SnapContext> writeSnapContext();

    /**
     * The pool's snapshots in the current map, by id ({@code snap_list}): empty for a pool with none or in
     * self-managed mode. ENOENT when the pool is gone.
     */
    List<PoolSnap> snapList() throws RadosException;

    /** The pool snapshot named {@code name} ({@code snap_lookup}); ENOENT when there is none. */
    PoolSnap snapLookup(String name) throws RadosException;

    /**
     * Makes pool snapshot {@code name} through the monitor ({@code POOL_OP_CREATE_SNAP}, {@code
     * rados mksnap}); the stage completes once the client's map has it, with the snapshot. EEXIST when
     * the pool has one by that name; the monitor's EINVAL for a pool in self-managed mode.
     */
    CompletionStage<PoolSnap> snapCreate(String name);

    /**
     * Removes pool snapshot {@code name} ({@code POOL_OP_DELETE_SNAP}, {@code rados rmsnap}); completes once
     * the client's map no longer lists it. ENOENT when there is none.
     */
    CompletionStage<Void> snapRemove(String name);

    /**
     * Rolls the object back to pool snapshot {@code snapName} ({@code snap_rollback}, {@code rados
     * rollback}): a write of {@code CEPH_OSD_OP_ROLLBACK}. ENOENT when the pool has no such snapshot.
     */
    CompletionStage<Void> snapRollback(String oid, String snapName);

    /**
     * Allocates a self-managed snap id from the monitor ({@code POOL_OP_CREATE_UNMANAGED_SNAP}); completes
     * with it once the client's map shows the change. The pool is in self-managed mode from then on; the
     * monitor's EINVAL for a pool with pool snapshots.
     */
    CompletionStage<Long> selfManagedSnapCreate();

    /**
     * Removes self-managed snap {@code snapId} ({@code POOL_OP_DELETE_UNMANAGED_SNAP}); the OSDs trim its
     * clones in the background. Completes once the client's map shows the removal.
     */
    CompletionStage<Void> selfManagedSnapRemove(long snapId);

    /**
     * Rolls the object back to self-managed snap {@code snapId} ({@code selfmanaged_snap_rollback}),
     * a write under this view's snap context.
     */
    default CompletionStage<Void> selfManagedSnapRollback(String oid, long snapId) {
        WriteOp op = new WriteOp();
        op.rollback(snapId);
        return operate(oid, op).thenApply(r -> null);
    }

    /**
     * The object's clones and the snapshots each serves ({@code list_snaps}, {@code rados listsnaps}):
     * read at {@link #SNAP_DIR} whatever this view's read snap; the head last, clone id {@link #SNAP_HEAD}.
     */
    CompletionStage<SnapsResponse> listSnaps(String oid);
}
