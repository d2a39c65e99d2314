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
import java.util.OptionalLong;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_STATFS} (13), v2 ({@code src/messages/MStatfs.h}): a client asks the monitor for
 * the cluster's usage (librados's {@code cluster_stat}, the totals of {@code rados df}), answered by
 * {@link MStatfsReply} with the same tid. Front: PaxosServiceMessage prefix, {@code uuid fsid}, [v2]
 * {@code optional<int64> data_pool} (CephFS asks for its data pool only).
 *
 * @param tid matches the reply
 * @param fsid the cluster
 * @param dataPool a pool to report on alone, or empty for the whole cluster
 */
public record MStatfs(long tid, UUID fsid, OptionalLong dataPool) implements CephMessage {

    public static final int CEPH_MSG_STATFS = 13;
    public static final int HEAD_VERSION = 2;
    public static final int COMPAT_VERSION = 1;

    public MStatfs {
        Objects.requireNonNull(fsid, "fsid");
        Objects.requireNonNull(dataPool, "dataPool");
    }

    @Override
    public int type() {
        return CEPH_MSG_STATFS;
    }

    /** Encodes and decodes {@link MStatfs}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=13")
    public static final class Codec extends MessageCodecSupport<MStatfs> {

        public Codec() {
            super(CEPH_MSG_STATFS, MStatfs.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MStatfs decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            PaxosServiceHeader.skip(d);
            UUID fsid = d.uuid();
            OptionalLong pool = raw.version() >= 2 && d.bool() ? OptionalLong.of(d.u64()) : OptionalLong.empty();
            return new MStatfs(raw.tid(), fsid, pool);
        }

        @Override
        protected void encodeFront(MStatfs m, CephEncoder e, long features) {
            PaxosServiceHeader.encode(e);
            e.uuid(m.fsid).bool(m.dataPool.isPresent());
            m.dataPool.ifPresent(e::u64);
        }
    }
}
