package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_MON_GET_VERSION_REPLY} (20), v2 compat 2 ({@code src/messages/MMonGetVersionReply.h}):
 * {@code u64 handle}, {@code u64 version}, [v2] {@code u64 oldest_version} (0 when a v1 peer sent it).
 *
 * @param handle the {@link MMonGetVersion#handle()} answered
 * @param version the newest epoch of the map
 * @param oldestVersion the oldest epoch the monitor still has
 */
public record MMonGetVersionReply(long handle, long version, long oldestVersion) implements CephMessage {

    /** {@code CEPH_MSG_MON_GET_VERSION_REPLY}. */
    public static final int CEPH_MSG_MON_GET_VERSION_REPLY = 20;
    public static final int HEAD_VERSION = 2;
    /** The class leaves compat 0, which {@code Message::encode} turns into the head version. */
    public static final int COMPAT_VERSION = 2;

    @Override
    public int type() {
        return CEPH_MSG_MON_GET_VERSION_REPLY;
    }

    /** Encodes and decodes {@link MMonGetVersionReply}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=20")
    public static final class Codec extends MessageCodecSupport<MMonGetVersionReply> {

        public Codec() {
            super(CEPH_MSG_MON_GET_VERSION_REPLY, MMonGetVersionReply.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonGetVersionReply decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            long handle = front.u64();
            long version = front.u64();
            long oldest = raw.version() >= 2 ? front.u64() : 0;
            return new MMonGetVersionReply(handle, version, oldest);
        }

        @Override
        protected void encodeFront(MMonGetVersionReply m, CephEncoder front, long features) {
            front.u64(m.handle).u64(m.version).u64(m.oldestVersion);
        }
    }
}
