package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import org.osgi.service.component.annotations.Component;

/** {@code CEPH_MSG_PING} (2), v1: an empty liveness probe either side may send ({@code src/messages/MPing.h}). */
public record MPing() implements CephMessage {

    /** {@code CEPH_MSG_PING}. */
    public static final int CEPH_MSG_PING = 2;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    @Override
    public int type() {
        return CEPH_MSG_PING;
    }

    /** Encodes and decodes {@link MPing}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=2")
    public static final class Codec implements MessageCodec<MPing> {

        @Override
        public int type() {
            return CEPH_MSG_PING;
        }

        @Override
        public Class<MPing> messageClass() {
            return MPing.class;
        }

        @Override
        public MPing decode(RawMessage raw, long features) throws ProtocolException {
            MonWire.checkCompat(raw, "MPing", HEAD_VERSION);
            return new MPing();
        }

        @Override
        public RawMessage encode(MPing m, long features) {
            return MonWire.header(CEPH_MSG_PING, HEAD_VERSION, COMPAT_VERSION).build();
        }
    }
}
