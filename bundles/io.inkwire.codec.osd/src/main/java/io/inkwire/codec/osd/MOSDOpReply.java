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
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_OSD_OPREPLY} (43), v8 compat 2 ({@code src/messages/MOSDOpReply.h}): an OSD's answer
 * to an {@link MOSDOp}, matched by header tid. Front: {@code object_t oid}, {@code pg_t pgid},
 * {@code s64 flags}, {@code s32 result}, {@code eversion_t bad_replay_version},
 * {@code u32 osdmap_epoch}, {@code u32 n} + n × {@code ceph_osd_op}, {@code s32 retry_attempt},
 * n × {@code s32 rval}, {@code eversion_t replay_version}, {@code u64 user_version},
 * {@code bool do_redirect} (+ {@code request_redirect_t}), {@code blkin_trace_info}. The data segment
 * holds the ops' outputs back to back, each op's {@code payload_len} bytes.
 *
 * <p>Versions 2 to 8 are decoded as {@code decode_payload} does (v3 added retry_attempt, v4 rvals and
 * out data, v5 replay/user versions, v6 an always-present redirect, v7 do_redirect, v8 the trace);
 * v8 is written.
 *
 * @param tid the request's tid
 * @param oid the object
 * @param pgid the actual PG
 * @param flags the request's flags with the ack bits replaced by what this reply is ({@code ACK|ONDISK})
 * @param result 0 or a negative errno for the request as a whole
 * @param badReplayVersion the version old clients read ({@code set_reply_versions})
 * @param osdmapEpoch the OSD's map epoch
 * @param ops the request's ops with their rvals and outputs
 * @param retryAttempt the request's retry_attempt echoed (−1 from an old OSD)
 * @param replayVersion the PG log version of a write
 * @param userVersion the object's version as users see it (librados' {@code get_last_version})
 * @param redirect where to send the request instead, when the OSD redirects it
 * @param trace zeros unless tracing
 */
public record MOSDOpReply(long tid, String oid, PgId pgid, long flags, int result, EVersion badReplayVersion,
        long osdmapEpoch, List<OsdOp> ops, int retryAttempt, EVersion replayVersion, long userVersion,
        Optional<RequestRedirect> redirect, BlkinTrace trace) implements CephMessage {

    /** {@code CEPH_MSG_OSD_OPREPLY}. */
    public static final int CEPH_MSG_OSD_OPREPLY = 43;
    public static final int HEAD_VERSION = 8;
    public static final int COMPAT_VERSION = 2;

    public MOSDOpReply {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(pgid, "pgid");
        Objects.requireNonNull(badReplayVersion, "badReplayVersion");
        OsdWire.u32(osdmapEpoch, "osdmap_epoch");
        ops = List.copyOf(ops);
        Objects.requireNonNull(replayVersion, "replayVersion");
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(trace, "trace");
    }

    @Override
    public int type() {
        return CEPH_MSG_OSD_OPREPLY;
    }

    /** {@code CEPH_OSD_FLAG_ONDISK} is set: the write is durable on every replica. */
    public boolean isOnDisk() {
        return (flags & OsdFlags.CEPH_OSD_FLAG_ONDISK) != 0;
    }

    /** The data segment: the ops' outputs concatenated. */
    public ByteBuffer data() {
        List<ByteBuffer> outputs = new ArrayList<>(ops.size());
        ops.forEach(o -> outputs.add(o.output()));
        return OsdOp.concat(outputs);
    }

    @Override
    public String toString() {
        return "MOSDOpReply{tid=" + tid + " " + oid + " " + pgid + " " + ops + " v" + replayVersion + " uv" + userVersion
                + " = " + result + " flags=0x" + Long.toHexString(flags) + " e" + osdmapEpoch
                + redirect.map(r -> " redirect " + r).orElse("") + "}";
    }

    /** Encodes and decodes {@link MOSDOpReply}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=43")
    public static final class Codec extends MessageCodecSupport<MOSDOpReply> {

        public Codec() {
            super(CEPH_MSG_OSD_OPREPLY, MOSDOpReply.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MOSDOpReply decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            int v = raw.version();
            if (v < 2) {
                // the packed ceph_osd_reply_head of peers without PGID64; nothing since bobtail sends it
                throw d.error("version " + v + " (ceph_osd_reply_head) is not decoded here");
            }
            String oid = d.string();
            PgId pgid = PgId.decode(d);
            long flags = d.u64();
            int result = d.s32();
            EVersion badReplayVersion = EVersion.decode(d);
            long epoch = d.u32();
            int n = d.count("ops", OsdOp.ENCODED_LENGTH);
            List<OsdOp.Header> headers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                headers.add(OsdOp.Header.decode(d));
            }
            int retry = v >= 3 ? d.s32() : -1;
            int[] rvals = new int[n];
            List<ByteBuffer> outputs;
            if (v >= 4) {
                if ((long) n * 4 > d.remaining()) {
                    throw d.error(n + " rvals exceed the " + d.remaining() + " bytes left");
                }
                for (int i = 0; i < n; i++) {
                    rvals[i] = d.s32();
                }
                outputs = OsdOp.split(raw.data(), headers, d);
            } else {
                outputs = java.util.Collections.nCopies(n, OsdWire.empty());
            }
            EVersion replayVersion = badReplayVersion;
            long userVersion = badReplayVersion.version();
            if (v >= 5) {
                replayVersion = EVersion.decode(d);
                userVersion = d.u64();
            }
            Optional<RequestRedirect> redirect = Optional.empty();
            if (v == 6) {
                RequestRedirect r = RequestRedirect.decode(d);
                redirect = isEmpty(r) ? Optional.empty() : Optional.of(r);
            } else if (v >= 7 && d.bool()) {
                redirect = Optional.of(RequestRedirect.decode(d));
            }
            BlkinTrace trace = v >= 8 ? BlkinTrace.decode(d) : BlkinTrace.NONE;
            List<OsdOp> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ops.add(headers.get(i).reply(rvals[i], outputs.get(i)));
            }
            return new MOSDOpReply(raw.tid(), oid, pgid, flags, result, badReplayVersion, epoch, ops, retry,
                    replayVersion, userVersion, redirect, trace);
        }

        /** {@code request_redirect_t::empty}: no pool and no object. */
        private static boolean isEmpty(RequestRedirect r) {
            return r.locator().pool() == -1 && r.object().isEmpty();
        }

        @Override
        protected void encodeFront(MOSDOpReply m, CephEncoder e, long features) {
            e.string(m.oid);
            m.pgid.encode(e);
            e.u64(m.flags).u32(m.result);
            m.badReplayVersion.encode(e);
            e.u32(m.osdmapEpoch).u32(m.ops.size());
            for (OsdOp op : m.ops) {
                op.encodeHeader(e, op.output().remaining());
            }
            e.u32(m.retryAttempt);
            m.ops.forEach(op -> e.u32(op.rval()));
            m.replayVersion.encode(e);
            e.u64(m.userVersion).bool(m.redirect.isPresent());
            m.redirect.ifPresent(r -> r.encode(e));
            m.trace.encode(e);
        }

        @Override
        protected ByteBuffer data(MOSDOpReply m) {
            return m.data();
        }
    }
}
