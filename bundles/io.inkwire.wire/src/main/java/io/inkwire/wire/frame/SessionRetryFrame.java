package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** SESSION_RETRY (13): {@code u64 connect_seq} — reconnect again with a connect_seq above this one. */
public record SessionRetryFrame(long connectSeq) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.SESSION_RETRY;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u64(connectSeq);
    }

    public static SessionRetryFrame decode(CephDecoder d) throws ProtocolException {
        return new SessionRetryFrame(d.u64());
    }
}
