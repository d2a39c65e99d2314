package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
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
    public static final class Codec extends MessageCodecSupport<MMonGetVersion> {

        public Codec() {
            super(CEPH_MSG_MON_GET_VERSION, MMonGetVersion.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonGetVersion decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            long handle = front.u64();
            return new MMonGetVersion(handle, front.string());
        }

        @Override
        protected void encodeFront(MMonGetVersion m, CephEncoder front, long features) {
            front.u64(m.handle).string(m.what);
        }
    }
}
