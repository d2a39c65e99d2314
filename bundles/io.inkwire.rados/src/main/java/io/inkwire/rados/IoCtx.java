package io.inkwire.rados;

import io.inkwire.codec.osd.ClsLock;
import io.inkwire.codec.osd.LockInfo;
import io.inkwire.codec.osd.LockType;
import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.codec.osd.WatchersResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;

/**
 * Object I/O in one pool and namespace, as librados's {@code IoCtx}. Every operation is
 * asynchronous: its stage completes with the result, or exceptionally with a
 * {@link RadosException} carrying the OSD's errno and naming pool, namespace and object. Wait
 * for one with {@link Rados#await}. Cancelling a stage's {@code CompletableFuture} cancels the
 * operation where it has not been applied yet.
 *
 * <p>Instances are immutable and thread-safe; {@link #withNamespace} and {@link #withLocator}
 * return new views of the same pool.
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
}
