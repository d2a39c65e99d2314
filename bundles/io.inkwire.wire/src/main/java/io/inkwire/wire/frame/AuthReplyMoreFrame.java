package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** AUTH_REPLY_MORE (4): {@code bufferlist auth_payload} — the auth method's next challenge. */
public record AuthReplyMoreFrame(byte[] payload) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.AUTH_REPLY_MORE;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.bytes(payload);
    }

    public static AuthReplyMoreFrame decode(CephDecoder d) throws ProtocolException {
        return new AuthReplyMoreFrame(d.bytes());
    }
}
