package io.inkwire.rados;

import io.inkwire.api.addr.EntityType;
import io.inkwire.codec.osd.ClsLock;
import io.inkwire.codec.osd.LockType;
import io.inkwire.codec.osd.OsdFlags;
import io.inkwire.codec.osd.OsdOp;
import io.inkwire.codec.osd.UTime;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A compound write: several ops on one object applied all or none, as librados's
 * {@code ObjectWriteOperation}. Guards ({@link #assertExists()}, {@link #assertVersion},
 * {@link #cmpXattr}, {@link #cmpExt}) placed first make the whole operation conditional. The
 * buffers handed in are read when the request is sent and must not change until the operation
 * completes.
 */
public final class WriteOp extends CompoundOp {

    public OpSlot<Void> write(long offset, ByteBuffer data) {
        return add(OsdOp.write(offset, data), null);
    }

    /** Replaces the object's whole content ({@code CEPH_OSD_OP_WRITEFULL}). */
    public OpSlot<Void> writeFull(ByteBuffer data) {
        return add(OsdOp.writeFull(data), null);
    }

    public OpSlot<Void> append(ByteBuffer data) {
        return add(OsdOp.append(data), null);
    }

    public OpSlot<Void> truncate(long size) {
        return add(OsdOp.truncate(size), null);
    }

    public OpSlot<Void> zero(long offset, long length) {
        return add(OsdOp.zero(offset, length), null);
    }

    /** Creates the object; with {@code exclusive}, EEXIST when it exists. */
    public OpSlot<Void> create(boolean exclusive) {
        return add(OsdOp.create(exclusive), null);
    }

    public OpSlot<Void> remove() {
        return add(OsdOp.delete(), null);
    }

    public OpSlot<Void> setXattr(String name, ByteBuffer value) {
        return add(OsdOp.setXattr(name, value), null);
    }

    public OpSlot<Void> rmXattr(String name) {
        return add(OsdOp.rmXattr(name), null);
    }

    public OpSlot<Void> omapSet(Map<String, ByteBuffer> values) {
        return add(OsdOp.omapSetVals(values), null);
    }

    public OpSlot<Void> omapRmKeys(Collection<String> keys) {
        return add(OsdOp.omapRmKeys(keys), null);
    }

    /** Removes the keys in [{@code begin}, {@code end}). */
    public OpSlot<Void> omapRmRange(String begin, String end) {
        return add(OsdOp.omapRmKeyRange(begin, end), null);
    }

    public OpSlot<Void> omapClear() {
        return add(OsdOp.omapClear(), null);
    }

    public OpSlot<Void> omapSetHeader(ByteBuffer header) {
        return add(OsdOp.omapSetHeader(header), null);
    }

    public OpSlot<Void> assertExists() {
        return add(OsdOp.assertExists(), null);
    }

    public OpSlot<Void> assertVersion(long version) {
        return add(OsdOp.assertVersion(version), null);
    }

    /** ECANCELED (and nothing applied) unless the xattr compares as asked ({@code CEPH_OSD_CMPXATTR_OP_*}). */
    public OpSlot<Void> cmpXattr(String name, int cmpOp, ByteBuffer value) {
        return add(OsdOp.cmpXattr(name, cmpOp, value), null);
    }

    /** {@link #cmpXattr} in u64 mode: the xattr read as a decimal number, compared with {@code value} (librados's {@code cmpxattr(name, op, uint64_t)}). */
    public OpSlot<Void> cmpXattr(String name, int cmpOp, long value) {
        return add(OsdOp.cmpXattr(name, cmpOp, value), null);
    }

    public OpSlot<Void> cmpExt(long offset, ByteBuffer expected) {
        return add(OsdOp.cmpExt(offset, expected), null);
    }

    /** {@code CEPH_OSD_OP_CALL} of an object class method that writes. */
    public OpSlot<ByteBuffer> exec(String cls, String method, ByteBuffer input) {
        return add(OsdOp.call(cls, method, input), out -> out);
    }

    /** Rolls the object back to a pool or self-managed snapshot. */
    public OpSlot<Void> rollback(long snapId) {
        return add(OsdOp.rollback(snapId), null);
    }

    /**
     * {@code CEPH_OSD_OP_WATCH} ({@code CEPH_OSD_WATCH_OP_*}: watch, reconnect, ping, unwatch) with
     * {@code cookie}. Low level: {@link IoCtx#watch} sends these and keeps the watch alive.
     */
    public OpSlot<Void> watch(long cookie, int watchOp, long gen, long timeoutSeconds) {
        return add(OsdOp.watch(cookie, watchOp, gen, timeoutSeconds), null);
    }

    /**
     * Takes advisory lock {@code name} ({@code lock.lock}): EBUSY when another locker holds it, EEXIST
     * when this client holds it with this cookie already (unless {@code flags} has
     * {@link ClsLock#LOCK_FLAG_MAY_RENEW}). A zero or null {@code duration} never expires.
     */
    public OpSlot<Void> lock(String name, LockType type, String cookie, String tag, String description, Duration duration,
                             int flags) {
        Duration d = duration == null ? Duration.ZERO : duration;
        if (d.isNegative()) {
            throw new IllegalArgumentException("a lock duration cannot be negative: " + d);
        }
        return add(ClsLock.lock(name, type, cookie, tag, description, new UTime(d.getSeconds(), d.getNano()), flags), null);
    }

    /** Releases this client's hold on lock {@code name} taken with {@code cookie} ({@code lock.unlock}); ENOENT if none. */
    public OpSlot<Void> unlock(String name, String cookie) {
        return add(ClsLock.unlock(name, cookie), null);
    }

    /**
     * Removes another client's hold on lock {@code name} ({@code lock.break_lock}).
     *
     * @param locker the holder as {@code rados lock info} names it, {@code client.4147}
     * @throws IllegalArgumentException {@code locker} is not {@code TYPE.NUMBER}
     */
    public OpSlot<Void> breakLock(String name, String locker, String cookie) {
        int dot = locker.indexOf('.');
        EntityType type;
        long num;
        try {
            type = EntityType.fromText(dot < 0 ? locker : locker.substring(0, dot));
            num = Long.parseLong(locker.substring(dot + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a locker name (TYPE.NUMBER, e.g. client.4147): " + locker);
        }
        return add(ClsLock.breakLock(name, type.code(), num, cookie), null);
    }

    /** The write goes through even when the pool or cluster is full ({@code CEPH_OSD_FLAG_FULL_TRY}). */
    public WriteOp fullTry() {
        addFlags(OsdFlags.CEPH_OSD_FLAG_FULL_TRY);
        return this;
    }
}
