package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_OSD_OP} (42), v8 compat 3 ({@code src/messages/MOSDOp.h}, the encoding for peers with
 * RESEND_ON_SPLIT): one request of one or more ops on one object. Front, field by field:
 * {@code spg_t pgid} (the actual PG), {@code u32 hash} (the raw object hash), {@code u32 osdmap_epoch},
 * {@code u32 flags}, {@code osd_reqid_t reqid}, {@code blkin_trace_info} — what the OSD decodes up
 * front — then {@code u32 client_inc}, {@code utime_t mtime}, {@code object_locator_t},
 * {@code object_t oid}, {@code u16 n} + n × {@code ceph_osd_op}, {@code u64 snapid},
 * {@code u64 snap_seq}, {@code vector<u64> snaps}, {@code s32 retry_attempt}, {@code u64 features}.
 * The data segment is the ops' inputs back to back. Sent at priority
 * {@link #OSD_CLIENT_OP_PRIORITY}; the header tid is the Objecter's op id, the OSD's duplicate key.
 *
 * @param tid the client's op id (header tid); a resend keeps it
 * @param pgid the actual PG ({@code stable_mod} of the hash), with the EC shard
 * @param hash the raw object hash ({@code ceph_str_hash_rjenkins}), not reduced by pg_num
 * @param osdmapEpoch the map epoch the target was computed with, {@code u32}
 * @param flags {@code CEPH_OSD_FLAG_*} ({@link OsdFlags})
 * @param reqid {@link OsdReqId#EMPTY} from a client
 * @param trace zeros unless tracing
 * @param clientInc the client incarnation (0)
 * @param mtime the modification time a write stamps; zero for reads
 * @param locator pool, namespace, key (or hash for PG ops)
 * @param oid the object name ("" for PG ops)
 * @param ops the ops, executed in order, all or nothing for writes
 * @param snapId {@link HObject#NOSNAP} for the head, a snap id to read a snapshot
 * @param snapSeq the write snap context's seq
 * @param snaps the write snap context's snaps, descending
 * @param retryAttempt 0 on the first send, then 1, 2, … ({@code CEPH_OSD_FLAG_RETRY} set with it)
 * @param features the client's feature bits
 */
public record MOSDOp(long tid, SpgId pgid, int hash, long osdmapEpoch, int flags, OsdReqId reqid, BlkinTrace trace,
        int clientInc, UTime mtime, ObjectLocator locator, String oid, List<OsdOp> ops, long snapId, long snapSeq,
        List<Long> snaps, int retryAttempt, long features) implements CephMessage {

    /** {@code CEPH_MSG_OSD_OP}. */
    public static final int CEPH_MSG_OSD_OP = 42;
    public static final int HEAD_VERSION = 8;
    public static final int COMPAT_VERSION = 3;
    /** {@code osd_client_op_priority}: the header priority the Objecter gives client ops (verified against a capture). */
    public static final int OSD_CLIENT_OP_PRIORITY = 63;

    public MOSDOp {
        Objects.requireNonNull(pgid, "pgid");
        OsdWire.u32(osdmapEpoch, "osdmap_epoch");
        Objects.requireNonNull(reqid, "reqid");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(oid, "oid");
        ops = List.copyOf(ops);
        if (ops.size() > 0xffff) {
            throw new IllegalArgumentException("at most 65535 ops in one MOSDOp, not " + ops.size());
        }
        snaps = List.copyOf(snaps);
    }

    /**
     * A first attempt as librados sends it: empty reqid, no trace, client_inc 0, the head, an empty
     * snap context, retry 0.
     */
    public static MOSDOp of(long tid, SpgId pgid, int hash, long osdmapEpoch, int flags, UTime mtime,
            ObjectLocator locator, String oid, List<OsdOp> ops, long features) {
        return new MOSDOp(tid, pgid, hash, osdmapEpoch, flags, OsdReqId.EMPTY, BlkinTrace.NONE, 0, mtime, locator, oid,
                ops, HObject.NOSNAP, 0, List.of(), 0, features);
    }

    /**
     * A PG-wide request (PGNLS) as {@code Objecter::pg_read} shapes it: no object name, the PG seed as
     * both the hash and the locator's hash ({@code MOSDOp::get_object_locator} for an empty name), the
     * namespace to list ({@link ObjectLocator#ALL_NSPACES} for all) and {@code CEPH_OSD_FLAG_PGOP}
     * added to {@code flags} (pg_read itself adds READ and IGNORE_OVERLAY).
     */
    public static MOSDOp forPg(long tid, SpgId pgid, long osdmapEpoch, int flags, String nspace, List<OsdOp> ops,
            long features) {
        int seed = pgid.pgid().seed();
        ObjectLocator locator = new ObjectLocator(pgid.pgid().pool(), "", nspace, Integer.toUnsignedLong(seed));
        return new MOSDOp(tid, pgid, seed, osdmapEpoch, flags | OsdFlags.CEPH_OSD_FLAG_PGOP, OsdReqId.EMPTY,
                BlkinTrace.NONE, 0, UTime.ZERO, locator, "", ops, HObject.NOSNAP, 0, List.of(), 0, features);
    }

    @Override
    public int type() {
        return CEPH_MSG_OSD_OP;
    }

    /** The same request sent again ({@code MOSDOp::set_retry_attempt}): RETRY set when {@code attempt > 0}. */
    public MOSDOp withRetryAttempt(int attempt) {
        int f = attempt > 0 ? flags | OsdFlags.CEPH_OSD_FLAG_RETRY : flags & ~OsdFlags.CEPH_OSD_FLAG_RETRY;
        return new MOSDOp(tid, pgid, hash, osdmapEpoch, f, reqid, trace, clientInc, mtime, locator, oid, ops, snapId,
                snapSeq, snaps, attempt, features);
    }

    /**
     * The same request at snapshot {@code readSnap} ({@link HObject#NOSNAP}: the head) under the write
     * snap context {@code seq} + {@code snapContext} (descending), as {@code Objecter::_prepare_osd_op}
     * copies an op's snapid and snapc into the message.
     */
    public MOSDOp withSnaps(long readSnap, long seq, List<Long> snapContext) {
        return new MOSDOp(tid, pgid, hash, osdmapEpoch, flags, reqid, trace, clientInc, mtime, locator, oid, ops, readSnap,
                seq, snapContext, retryAttempt, features);
    }

    /** The same request aimed again: a new PG (split, EC shard) and the epoch it was computed with. */
    public MOSDOp withTarget(SpgId newPgid, long newEpoch) {
        return new MOSDOp(tid, newPgid, hash, newEpoch, flags, reqid, trace, clientInc, mtime, locator, oid, ops, snapId,
                snapSeq, snaps, retryAttempt, features);
    }

    /** The data segment: the ops' inputs concatenated (the input itself when only one op has one). */
    public ByteBuffer data() {
        List<ByteBuffer> inputs = new ArrayList<>(ops.size());
        ops.forEach(o -> inputs.add(o.input()));
        return OsdOp.concat(inputs);
    }

    @Override
    public String toString() {
        return "MOSDOp{tid=" + tid + " " + pgid + " " + locator + " " + oid + " " + ops + " e" + osdmapEpoch
                + " flags=0x" + Integer.toHexString(flags) + (retryAttempt > 0 ? " RETRY=" + retryAttempt : "") + "}";
    }

    /** Encodes and decodes {@link MOSDOp}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=42")
    public static final class Codec extends MessageCodecSupport<MOSDOp> {

        public Codec() {
            super(CEPH_MSG_OSD_OP, MOSDOp.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MOSDOp decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            if (raw.version() != HEAD_VERSION) {
                // v7 and older are only sent to peers lacking RESEND_ON_SPLIT; an OSD never sends MOSDOp to a client
                throw d.error("version " + raw.version() + " is not decoded here (only v" + HEAD_VERSION + ")");
            }
            SpgId pgid = SpgId.decode(d);
            int hash = d.s32();
            long epoch = d.u32();
            int flags = d.s32();
            OsdReqId reqid = OsdReqId.decode(d);
            BlkinTrace trace = BlkinTrace.decode(d);
            int clientInc = d.s32();
            UTime mtime = UTime.decode(d);
            ObjectLocator locator = ObjectLocator.decode(d);
            String oid = d.string();
            int n = d.u16();
            if ((long) n * OsdOp.ENCODED_LENGTH > d.remaining()) {
                throw d.error("op count " + n + " exceeds the " + d.remaining() + " bytes left");
            }
            List<OsdOp.Header> headers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                headers.add(OsdOp.Header.decode(d));
            }
            long snapId = d.u64();
            long snapSeq = d.u64();
            List<Long> snaps = OsdWire.u64List(d, "snaps");
            int retry = d.s32();
            long peerFeatures = d.u64();
            List<ByteBuffer> inputs = OsdOp.split(raw.data(), headers, d);
            List<OsdOp> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ops.add(headers.get(i).request(inputs.get(i)));
            }
            return new MOSDOp(raw.tid(), pgid, hash, epoch, flags, reqid, trace, clientInc, mtime, locator, oid, ops,
                    snapId, snapSeq, snaps, retry, peerFeatures);
        }

        @Override
        protected void encodeFront(MOSDOp m, CephEncoder e, long features) {
            m.pgid.encode(e);
            e.u32(m.hash).u32(m.osdmapEpoch).u32(m.flags);
            m.reqid.encode(e);
            m.trace.encode(e);
            e.u32(m.clientInc);
            m.mtime.encode(e);
            m.locator.encode(e);
            e.string(m.oid);
            e.u16(m.ops.size());
            for (OsdOp op : m.ops) {
                op.encodeHeader(e, op.input().remaining());
            }
            e.u64(m.snapId).u64(m.snapSeq);
            OsdWire.u64List(e, m.snaps);
            e.u32(m.retryAttempt).u64(m.features);
        }

        @Override
        protected ByteBuffer data(MOSDOp m) {
            return m.data();
        }

        @Override
        protected int priority(MOSDOp m) {
            return OSD_CLIENT_OP_PRIORITY;
        }
    }
}
