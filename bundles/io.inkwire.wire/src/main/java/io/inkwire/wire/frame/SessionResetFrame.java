package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** SESSION_RESET (12): {@code bool full} — the acceptor has no session to resume; a full reset also drops queued messages. */
public record SessionResetFrame(boolean full) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.SESSION_RESET;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.bool(full);
    }

    public static SessionResetFrame decode(CephDecoder d) throws ProtocolException {
        return new SessionResetFrame(d.bool());
    }
}
