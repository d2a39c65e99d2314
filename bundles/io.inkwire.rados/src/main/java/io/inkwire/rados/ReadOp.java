package io.inkwire.rados;

import io.inkwire.codec.osd.ClsLock;
import io.inkwire.codec.osd.HObject;
import io.inkwire.codec.osd.LockInfo;
import io.inkwire.codec.osd.OmapKeys;
import io.inkwire.codec.osd.OmapVals;
import io.inkwire.codec.osd.OsdFlags;
import io.inkwire.codec.osd.OsdOp;
import io.inkwire.codec.osd.PgNlsResponse;
import io.inkwire.codec.osd.SnapsResponse;
import io.inkwire.codec.osd.SparseReadResult;
import io.inkwire.codec.osd.WatchersResponse;
import io.inkwire.codec.osd.XattrMap;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;

/**
 * A compound read: several ops on one object in one request, as librados's
 * {@code ObjectReadOperation}. Each method adds an op and returns the slot its result lands in.
 * The operation fails as a whole when an op without {@link #failOk()} fails; the per-op return
 * values are in the slots either way.
 */
public final class ReadOp extends CompoundOp {

    /** {@code CEPH_OSD_OP_READ}: up to {@code length} bytes from {@code offset} (0 = to the end). */
    public OpSlot<ByteBuffer> read(long offset, long length) {
        return add(OsdOp.read(offset, length), out -> out);
    }

    /**
     * Reads up to {@code into.remaining()} bytes from {@code offset} into {@code into}, from its
     * position on (the buffer's position and limit are left as they are): the slot holds how many
     * bytes came. The data is copied once, from the receive buffer, which then goes back to its pool
     * at once: no allocation per read, as librados's {@code rados_read} into a caller's buffer.
     */
    public OpSlot<Integer> read(long offset, ByteBuffer into) {
        ByteBuffer target = into.duplicate();
        return addCopying(OsdOp.read(offset, target.remaining()), out -> {
            int n = out.remaining();
            if (n > target.remaining()) {
                throw new io.inkwire.api.message.MessageDecodeException("the OSD returned " + n + " bytes for a read of " + target.remaining());
            }
            target.duplicate().put(out.duplicate());
            return n;
        });
    }

    /**
     * Up to {@code length} bytes from {@code offset} (0 = to the end), left in the receive buffer
     * they arrived in: the slot's {@link LeasedBytes} are read without a copy and closed to give
     * the buffer back. If the operation as a whole fails, a filled slot's lease is still the
     * caller's to close.
     */
    public OpSlot<LeasedBytes> readLeased(long offset, long length) {
        return addCopying(OsdOp.read(offset, length), this::lease);
    }

    /** {@code CEPH_OSD_OP_SPARSE_READ}: the extents that hold data, and their bytes. */
    public OpSlot<SparseReadResult> sparseRead(long offset, long length) {
        return add(OsdOp.sparseRead(offset, length), SparseReadResult::decode);
    }

    /** {@code CEPH_OSD_OP_STAT}: size and mtime. */
    public OpSlot<ObjectStat> stat() {
        return addCopying(OsdOp.stat(), out -> {
            io.inkwire.codec.osd.ObjectStat s = io.inkwire.codec.osd.ObjectStat.decode(out);
            return new ObjectStat(s.size(), Instant.ofEpochSecond(s.mtime().sec(), s.mtime().nsec()));
        });
    }

    /**
     * {@code CEPH_OSD_OP_LIST_SNAPS}: the object's clones. The OSD answers it only at snap id
     * {@code CEPH_SNAPDIR} ({@link IoCtx#listSnaps} sends it so).
     */
    public OpSlot<SnapsResponse> listSnaps() {
        return add(OsdOp.listSnaps(), SnapsResponse::decode);
    }

    /** {@code CEPH_OSD_OP_GETXATTR}. */
    public OpSlot<ByteBuffer> getXattr(String name) {
        return add(OsdOp.getXattr(name), out -> out);
    }

    /** {@code CEPH_OSD_OP_GETXATTRS}: every xattr. */
    public OpSlot<SortedMap<String, ByteBuffer>> getXattrs() {
        return add(OsdOp.getXattrs(), out -> XattrMap.decode(out).entries());
    }

    /** {@code CEPH_OSD_OP_OMAPGETVALS}: up to {@code max} pairs after {@code startAfter} whose keys start with {@code prefix}. */
    public OpSlot<OmapVals> omapGetVals(String startAfter, String prefix, long max) {
        return add(OsdOp.omapGetVals(startAfter, prefix, max), OmapVals::decode);
    }

    /** {@code CEPH_OSD_OP_OMAPGETKEYS}. */
    public OpSlot<OmapKeys> omapGetKeys(String startAfter, long max) {
        return add(OsdOp.omapGetKeys(startAfter, max), OmapKeys::decode);
    }

    /** {@code CEPH_OSD_OP_OMAPGETVALSBYKEYS}. */
    public OpSlot<SortedMap<String, ByteBuffer>> omapGetValsByKeys(Collection<String> keys) {
        return add(OsdOp.omapGetValsByKeys(keys), out -> XattrMap.decode(out).entries());
    }

    /** {@code CEPH_OSD_OP_OMAPGETHEADER}. */
    public OpSlot<ByteBuffer> omapGetHeader() {
        return add(OsdOp.omapGetHeader(), out -> out);
    }

    /** {@code CEPH_OSD_OP_ASSERT_VER}: fails with ERANGE/EOVERFLOW unless the object is at {@code version}. */
    public OpSlot<Void> assertVersion(long version) {
        return add(OsdOp.assertVersion(version), null);
    }

    /** {@code CEPH_OSD_OP_ASSERT_EXISTS}: ENOENT unless the object exists. */
    public OpSlot<Void> assertExists() {
        return add(OsdOp.assertExists(), null);
    }

    /** {@code CEPH_OSD_OP_CMPXATTR} on the xattr's bytes; ECANCELED when the comparison fails. */
    public OpSlot<Void> cmpXattr(String name, int cmpOp, ByteBuffer value) {
        return add(OsdOp.cmpXattr(name, cmpOp, value), null);
    }

    /** {@code CEPH_OSD_OP_CMPEXT}: {@code -MAX_ERRNO - offset} of the first mismatch. */
    public OpSlot<Void> cmpExt(long offset, ByteBuffer expected) {
        return add(OsdOp.cmpExt(offset, expected), null);
    }

    /** {@code CEPH_OSD_OP_CALL} of an object class method that reads. */
    public OpSlot<ByteBuffer> exec(String cls, String method, ByteBuffer input) {
        return add(OsdOp.call(cls, method, input), out -> out);
    }

    /** {@code CEPH_OSD_OP_LIST_WATCHERS}: the object's watchers, as the OSD lists them. */
    public OpSlot<List<WatchersResponse.Watcher>> listWatchers() {
        return add(OsdOp.listWatchers(), out -> WatchersResponse.decode(out).watchers());
    }

    /**
     * {@code CEPH_OSD_OP_NOTIFY} with the notification cookie {@code cookie}; the slot gets the OSD's
     * notify id. Low level: the watchers' replies go to the client that sent it, which routes them by
     * cookie; {@link IoCtx#notify} sends this op and collects them.
     */
    public OpSlot<Long> notify(long cookie, long timeoutSeconds, ByteBuffer payload) {
        return addCopying(OsdOp.notify(cookie, timeoutSeconds, payload), OsdOp::notifyId);
    }

    /** {@code CEPH_OSD_OP_NOTIFY_ACK}: a watcher's answer to notification {@code notifyId}. */
    public OpSlot<Void> notifyAck(long notifyId, long cookie, ByteBuffer reply) {
        return add(OsdOp.notifyAck(notifyId, cookie, reply), null);
    }

    /** {@code lock.get_info}: who holds advisory lock {@code name}, its type and tag ({@code rados lock info}). */
    public OpSlot<LockInfo> lockInfo(String name) {
        return add(ClsLock.getInfo(name), LockInfo::decode);
    }

    /** {@code lock.list_locks}: the names of the object's advisory locks ({@code rados lock list}). */
    public OpSlot<List<String>> listLocks() {
        return add(ClsLock.listLocks(), ClsLock::lockNames);
    }

    /**
     * {@code CEPH_OSD_OP_PGNLS}: up to {@code max} objects of a PG after {@code cursor}. A PG op:
     * only {@link IoCtx#list} sends it, aimed at a PG rather than an object.
     */
    public OpSlot<PgNlsResponse> pgNls(int max, HObject cursor) {
        return add(OsdOp.pgnls(max, cursor, 0), PgNlsResponse::decode);
    }

    /** The last op added may fail without failing the others ({@code CEPH_OSD_OP_FLAG_FAILOK}). */
    public ReadOp failOk() {
        failOkOnLast();
        return this;
    }

    /** Reads may go to any replica ({@code CEPH_OSD_FLAG_BALANCE_READS}). */
    public ReadOp balanceReads() {
        addFlags(OsdFlags.CEPH_OSD_FLAG_BALANCE_READS);
        return this;
    }

    /** Reads go to the nearest replica ({@code CEPH_OSD_FLAG_LOCALIZE_READS}). */
    public ReadOp localizeReads() {
        addFlags(OsdFlags.CEPH_OSD_FLAG_LOCALIZE_READS);
        return this;
    }
}
