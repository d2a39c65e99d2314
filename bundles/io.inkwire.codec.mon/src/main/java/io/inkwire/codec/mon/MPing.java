package io.inkwire.codec.mon;

import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
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
    public static final class Codec extends MessageCodecSupport<MPing> {

        public Codec() {
            super(CEPH_MSG_PING, MPing.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MPing decodeFront(CephDecoder front, RawMessage raw, long features) {
            return new MPing();
        }

        @Override
        protected void encodeFront(MPing m, CephEncoder front, long features) {
        }
    }
}
