package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_STATFS_REPLY} (14), v1 ({@code src/messages/MStatfsReply.h}): the monitor's answer
 * to {@link MStatfs}, same tid. Front: the packed {@code ceph_mon_statfs_reply}
 * ({@code src/include/ceph_fs.h}): {@code ceph_fsid fsid}, {@code u64 version}, then
 * {@code ceph_statfs}: {@code u64 kb, kb_used, kb_avail, num_objects}. Not a PaxosServiceMessage.
 *
 * @param tid the request's tid
 * @param fsid the cluster
 * @param version the monitor's map version the figures come from
 * @param kb raw capacity in KiB
 * @param kbUsed raw space used in KiB
 * @param kbAvail raw space available in KiB
 * @param numObjects objects in the cluster
 */
public record MStatfsReply(long tid, UUID fsid, long version, long kb, long kbUsed, long kbAvail, long numObjects) implements CephMessage {

    public static final int CEPH_MSG_STATFS_REPLY = 14;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MStatfsReply {
        Objects.requireNonNull(fsid, "fsid");
    }

    @Override
    public int type() {
        return CEPH_MSG_STATFS_REPLY;
    }

    /** Encodes and decodes {@link MStatfsReply}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=14")
    public static final class Codec extends MessageCodecSupport<MStatfsReply> {

        public Codec() {
            super(CEPH_MSG_STATFS_REPLY, MStatfsReply.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MStatfsReply decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            return new MStatfsReply(raw.tid(), d.uuid(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64());
        }

        @Override
        protected void encodeFront(MStatfsReply m, CephEncoder e, long features) {
            e.uuid(m.fsid).u64(m.version).u64(m.kb).u64(m.kbUsed).u64(m.kbAvail).u64(m.numObjects);
        }
    }
}
