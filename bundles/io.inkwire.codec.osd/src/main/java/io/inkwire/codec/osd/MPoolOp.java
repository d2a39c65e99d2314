package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import io.inkwire.wire.message.PaxosServiceHeader;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_POOLOP} (49), v4 compat 2 ({@code src/messages/MPoolOp.h}): a pool operation sent to
 * the monitor, answered by {@link MPoolOpReply} with the same tid. Front: PaxosServiceMessage prefix
 * (its version = the sender's last seen osdmap epoch), {@code uuid fsid}, {@code u32 pool}, {@code u32 op},
 * {@code u64 auid} (obsolete, 0), {@code u64 snapid}, {@code string name}, {@code u8 pad},
 * {@code s16 crush_rule}. librados creates and deletes pools this way ({@code Objecter::create_pool},
 * {@code _do_delete_pool}: name "delete" as the confirmation) and manages pool snapshots.
 *
 * @param tid the Objecter's pool-op id (header tid)
 * @param osdmapEpoch the sender's latest osdmap epoch (paxos version)
 * @param fsid the cluster
 * @param pool the pool id (0 for create)
 * @param op {@code POOL_OP_*}
 * @param snapId the snapshot for the snap ops
 * @param name the pool name (create), the snap name (snap ops), "delete" (delete)
 * @param crushRule the crush rule for create, or 0 (−1 from a v2 sender)
 */
public record MPoolOp(long tid, long osdmapEpoch, UUID fsid, long pool, long op, long snapId, String name, int crushRule)
        implements CephMessage {

    /** {@code CEPH_MSG_POOLOP}. */
    public static final int CEPH_MSG_POOLOP = 49;
    public static final int HEAD_VERSION = 4;
    public static final int COMPAT_VERSION = 2;

    public static final int POOL_OP_CREATE = 0x01;
    public static final int POOL_OP_DELETE = 0x02;
    public static final int POOL_OP_AUID_CHANGE = 0x03;
    public static final int POOL_OP_CREATE_SNAP = 0x11;
    public static final int POOL_OP_DELETE_SNAP = 0x12;
    public static final int POOL_OP_CREATE_UNMANAGED_SNAP = 0x21;
    public static final int POOL_OP_DELETE_UNMANAGED_SNAP = 0x22;

    public MPoolOp {
        Objects.requireNonNull(fsid, "fsid");
        OsdWire.u32(pool, "pool");
        OsdWire.u32(op, "op");
        Objects.requireNonNull(name, "name");
        if (crushRule < Short.MIN_VALUE || crushRule > Short.MAX_VALUE) {
            throw new IllegalArgumentException("crush_rule out of s16 range: " + crushRule);
        }
    }

    /** Pool creation with {@code crushRule} (librados' default, 0… as the caller sets). */
    public static MPoolOp create(long tid, long osdmapEpoch, UUID fsid, String poolName, int crushRule) {
        return new MPoolOp(tid, osdmapEpoch, fsid, 0, POOL_OP_CREATE, 0, poolName, crushRule);
    }

    /** Pool deletion, as {@code Objecter::_do_delete_pool} sends it. */
    public static MPoolOp delete(long tid, long osdmapEpoch, UUID fsid, long pool) {
        return new MPoolOp(tid, osdmapEpoch, fsid, pool, POOL_OP_DELETE, 0, "delete", 0);
    }

    /** A pool snapshot named {@code snapName} ({@code Objecter::create_pool_snap}). */
    public static MPoolOp createSnap(long tid, long osdmapEpoch, UUID fsid, long pool, String snapName) {
        return new MPoolOp(tid, osdmapEpoch, fsid, pool, POOL_OP_CREATE_SNAP, 0, snapName, 0);
    }

    /** Removal of pool snapshot {@code snapName} ({@code Objecter::delete_pool_snap}). */
    public static MPoolOp deleteSnap(long tid, long osdmapEpoch, UUID fsid, long pool, String snapName) {
        return new MPoolOp(tid, osdmapEpoch, fsid, pool, POOL_OP_DELETE_SNAP, 0, snapName, 0);
    }

    /** A new self-managed snap id; the reply's data carries it ({@code Objecter::allocate_selfmanaged_snap}). */
    public static MPoolOp createUnmanagedSnap(long tid, long osdmapEpoch, UUID fsid, long pool) {
        return new MPoolOp(tid, osdmapEpoch, fsid, pool, POOL_OP_CREATE_UNMANAGED_SNAP, 0, "", 0);
    }

    /** Removal of self-managed snap {@code snapId} ({@code Objecter::delete_selfmanaged_snap}). */
    public static MPoolOp deleteUnmanagedSnap(long tid, long osdmapEpoch, UUID fsid, long pool, long snapId) {
        return new MPoolOp(tid, osdmapEpoch, fsid, pool, POOL_OP_DELETE_UNMANAGED_SNAP, snapId, "", 0);
    }

    @Override
    public int type() {
        return CEPH_MSG_POOLOP;
    }

    /** Encodes and decodes {@link MPoolOp}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=49")
    public static final class Codec extends MessageCodecSupport<MPoolOp> {

        public Codec() {
            super(CEPH_MSG_POOLOP, MPoolOp.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MPoolOp decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            long version = d.u64();
            d.s16(); // deprecated_session_mon
            d.u64(); // deprecated_session_mon_tid
            UUID fsid = d.uuid();
            long pool = d.u32();
            String name = raw.version() < 2 ? d.string() : null;
            long op = d.u32();
            d.u64(); // auid, obsolete
            long snapId = d.u64();
            if (raw.version() >= 2) {
                name = d.string();
            }
            int crushRule = -1;
            if (raw.version() >= 3) {
                int pad = d.u8();
                crushRule = raw.version() >= 4 ? d.s16() : pad;
            }
            return new MPoolOp(raw.tid(), version, fsid, pool, op, snapId, name, crushRule);
        }

        @Override
        protected void encodeFront(MPoolOp m, CephEncoder e, long features) {
            PaxosServiceHeader.encode(e, m.osdmapEpoch);
            e.uuid(m.fsid).u32(m.pool).u32(m.op).u64(0).u64(m.snapId).string(m.name).u8(0).u16(m.crushRule);
        }
    }
}
