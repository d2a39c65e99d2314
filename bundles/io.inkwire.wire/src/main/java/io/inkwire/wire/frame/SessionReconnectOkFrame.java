package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** SESSION_RECONNECT_OK (15): {@code u64 msg_seq} — the last message the acceptor received; resend what follows. */
public record SessionReconnectOkFrame(long msgSeq) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.SESSION_RECONNECT_OK;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u64(msgSeq);
    }

    public static SessionReconnectOkFrame decode(CephDecoder d) throws ProtocolException {
        return new SessionReconnectOkFrame(d.u64());
    }
}
