package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_MON_GET_VERSION} (19), v1 ({@code src/messages/MMonGetVersion.h}): asks for the
 * newest epoch of one map. The reply ({@link MMonGetVersionReply}) echoes {@code handle}.
 *
 * @param handle a client-chosen id matching the reply (not the header tid)
 * @param what the map: "osdmap", "monmap", "mdsmap", "fsmap", …
 */
public record MMonGetVersion(long handle, String what) implements CephMessage {

    /** {@code CEPH_MSG_MON_GET_VERSION}. */
    public static final int CEPH_MSG_MON_GET_VERSION = 19;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MMonGetVersion {
        Objects.requireNonNull(what, "what");
    }

    @Override
    public int type() {
        return CEPH_MSG_MON_GET_VERSION;
    }

    /** Encodes and decodes {@link MMonGetVersion}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=19")
    public static final class Codec implements MessageCodec<MMonGetVersion> {

        @Override
        public int type() {
            return CEPH_MSG_MON_GET_VERSION;
        }

        @Override
        public Class<MMonGetVersion> messageClass() {
            return MMonGetVersion.class;
        }

        @Override
        public MMonGetVersion decode(RawMessage raw, long features) throws ProtocolException {
            MonWire.checkCompat(raw, "MMonGetVersion", HEAD_VERSION);
            CephDecoder d = MonWire.front(raw, "MMonGetVersion");
            long handle = d.u64();
            return new MMonGetVersion(handle, d.string());
        }

        @Override
        public RawMessage encode(MMonGetVersion m, long features) {
            CephEncoder e = new CephEncoder();
            e.u64(m.handle).string(m.what);
            return MonWire.header(CEPH_MSG_MON_GET_VERSION, HEAD_VERSION, COMPAT_VERSION).front(MonWire.front(e)).build();
        }
    }
}
