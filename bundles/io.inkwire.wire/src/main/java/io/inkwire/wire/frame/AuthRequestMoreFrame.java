package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** AUTH_REQUEST_MORE (5): {@code bufferlist auth_payload} — the connector's answer to a challenge. */
public record AuthRequestMoreFrame(byte[] payload) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.AUTH_REQUEST_MORE;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.bytes(payload);
    }

    public static AuthRequestMoreFrame decode(CephDecoder d) throws ProtocolException {
        return new AuthRequestMoreFrame(d.bytes());
    }
}
