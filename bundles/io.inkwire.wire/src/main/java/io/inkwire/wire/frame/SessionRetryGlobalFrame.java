package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** SESSION_RETRY_GLOBAL (14): {@code u64 global_seq} — reconnect with a global_seq above this one. */
public record SessionRetryGlobalFrame(long globalSeq) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.SESSION_RETRY_GLOBAL;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u64(globalSeq);
    }

    public static SessionRetryGlobalFrame decode(CephDecoder d) throws ProtocolException {
        return new SessionRetryGlobalFrame(d.u64());
    }
}
