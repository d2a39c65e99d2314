package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_OSD_BACKOFF} (61), v1 ({@code src/messages/MOSDBackoff.h}): an OSD asks a client to
 * hold ops to a range of a PG, and lets them go. Front: {@code spg_t pgid}, {@code u32 map_epoch},
 * {@code u8 op}, {@code u64 id}, {@code hobject_t begin}, {@code hobject_t end}. On {@link #CEPH_OSD_BACKOFF_OP_BLOCK}
 * the client stops sending ops for objects in [begin, end) (just {@code begin} when equal) on that
 * session and answers {@link #ackBlock()}; on {@link #CEPH_OSD_BACKOFF_OP_UNBLOCK} it sends them again
 * ({@code Objecter::handle_osd_backoff}). Only sent to clients with the OSD_BACKOFF feature.
 *
 * @param pgid the PG
 * @param mapEpoch the OSD's epoch when it blocked
 * @param op {@code CEPH_OSD_BACKOFF_OP_*}
 * @param id the backoff's id within the session
 * @param begin the first object held
 * @param end the end of the range (exclusive), or {@code begin} for a single object
 */
public record MOSDBackoff(SpgId pgid, long mapEpoch, int op, long id, HObject begin, HObject end) implements CephMessage {

    /** {@code CEPH_MSG_OSD_BACKOFF}. */
    public static final int CEPH_MSG_OSD_BACKOFF = 61;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;
    public static final int CEPH_OSD_BACKOFF_OP_BLOCK = 1;
    public static final int CEPH_OSD_BACKOFF_OP_ACK_BLOCK = 2;
    public static final int CEPH_OSD_BACKOFF_OP_UNBLOCK = 3;

    public MOSDBackoff {
        Objects.requireNonNull(pgid, "pgid");
        OsdWire.u32(mapEpoch, "map_epoch");
        if (op < 0 || op > 0xff) {
            throw new IllegalArgumentException("backoff op out of u8 range: " + op);
        }
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
    }

    @Override
    public int type() {
        return CEPH_MSG_OSD_BACKOFF;
    }

    /** The client's answer to a BLOCK: the same PG, epoch, id and range. */
    public MOSDBackoff ackBlock() {
        return new MOSDBackoff(pgid, mapEpoch, CEPH_OSD_BACKOFF_OP_ACK_BLOCK, id, begin, end);
    }

    public static String opName(int op) {
        return switch (op) {
            case CEPH_OSD_BACKOFF_OP_BLOCK -> "block";
            case CEPH_OSD_BACKOFF_OP_ACK_BLOCK -> "ack-block";
            case CEPH_OSD_BACKOFF_OP_UNBLOCK -> "unblock";
            default -> "???";
        };
    }

    @Override
    public String toString() {
        return "MOSDBackoff{" + pgid + " " + opName(op) + " id " + id + " [" + begin + "," + end + ") e" + mapEpoch + "}";
    }

    /** Encodes and decodes {@link MOSDBackoff}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=61")
    public static final class Codec extends MessageCodecSupport<MOSDBackoff> {

        public Codec() {
            super(CEPH_MSG_OSD_BACKOFF, MOSDBackoff.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MOSDBackoff decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            SpgId pgid = SpgId.decode(d);
            long epoch = d.u32();
            int op = d.u8();
            long id = d.u64();
            HObject begin = HObject.decode(d);
            return new MOSDBackoff(pgid, epoch, op, id, begin, HObject.decode(d));
        }

        @Override
        protected void encodeFront(MOSDBackoff m, CephEncoder e, long features) {
            m.pgid.encode(e);
            e.u32(m.mapEpoch).u8(m.op).u64(m.id);
            m.begin.encode(e);
            m.end.encode(e);
        }

        /** The ack travels at the priority of the ops it releases ({@code Objecter::handle_osd_backoff}). */
        @Override
        protected int priority(MOSDBackoff m) {
            return MOSDOp.OSD_CLIENT_OP_PRIORITY;
        }
    }
}
