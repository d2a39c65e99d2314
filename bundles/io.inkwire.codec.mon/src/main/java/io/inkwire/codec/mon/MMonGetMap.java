package io.inkwire.codec.mon;

import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_MON_GET_MAP} (5), v1, empty: asks the monitor for its {@link MMonMap}. The C++
 * MonClient sends it first on every msgr2 mon session ({@code src/messages/MMonGetMap.h}).
 */
public record MMonGetMap() implements CephMessage {

    /** {@code CEPH_MSG_MON_GET_MAP}. */
    public static final int CEPH_MSG_MON_GET_MAP = 5;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    @Override
    public int type() {
        return CEPH_MSG_MON_GET_MAP;
    }

    /** Encodes and decodes {@link MMonGetMap}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=5")
    public static final class Codec extends MessageCodecSupport<MMonGetMap> {

        public Codec() {
            super(CEPH_MSG_MON_GET_MAP, MMonGetMap.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonGetMap decodeFront(CephDecoder front, RawMessage raw, long features) {
            return new MMonGetMap();
        }

        @Override
        protected void encodeFront(MMonGetMap m, CephEncoder front, long features) {
        }
    }
}
