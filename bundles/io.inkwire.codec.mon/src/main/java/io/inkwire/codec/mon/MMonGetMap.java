package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
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
    public static final class Codec implements MessageCodec<MMonGetMap> {

        @Override
        public int type() {
            return CEPH_MSG_MON_GET_MAP;
        }

        @Override
        public Class<MMonGetMap> messageClass() {
            return MMonGetMap.class;
        }

        @Override
        public MMonGetMap decode(RawMessage raw, long features) throws ProtocolException {
            MonWire.checkCompat(raw, "MMonGetMap", HEAD_VERSION);
            return new MMonGetMap();
        }

        @Override
        public RawMessage encode(MMonGetMap m, long features) {
            return MonWire.header(CEPH_MSG_MON_GET_MAP, HEAD_VERSION, COMPAT_VERSION).build();
        }
    }
}
