package io.inkwire.codec.mon;

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
 * {@code CEPH_MSG_MON_SUBSCRIBE_ACK} (16), v1 ({@code src/messages/MMonSubscribeAck.h}):
 * {@code u32 interval}, {@code uuid fsid}. Monitors send it only to peers without the
 * MON_STATEFUL_SUB feature, telling them how often to renew their subscriptions.
 *
 * @param intervalSeconds renewal interval ({@code u32})
 * @param fsid the cluster id
 */
public record MMonSubscribeAck(long intervalSeconds, UUID fsid) implements CephMessage {

    /** {@code CEPH_MSG_MON_SUBSCRIBE_ACK}. */
    public static final int CEPH_MSG_MON_SUBSCRIBE_ACK = 16;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MMonSubscribeAck {
        if (intervalSeconds < 0 || intervalSeconds > 0xffffffffL) {
            throw new IllegalArgumentException("interval out of u32 range: " + intervalSeconds);
        }
        Objects.requireNonNull(fsid, "fsid");
    }

    @Override
    public int type() {
        return CEPH_MSG_MON_SUBSCRIBE_ACK;
    }

    /** Encodes and decodes {@link MMonSubscribeAck}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=16")
    public static final class Codec extends MessageCodecSupport<MMonSubscribeAck> {

        public Codec() {
            super(CEPH_MSG_MON_SUBSCRIBE_ACK, MMonSubscribeAck.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonSubscribeAck decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            long interval = front.u32();
            return new MMonSubscribeAck(interval, front.uuid());
        }

        @Override
        protected void encodeFront(MMonSubscribeAck m, CephEncoder front, long features) {
            front.u32(m.intervalSeconds).uuid(m.fsid);
        }
    }
}
