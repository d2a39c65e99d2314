package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;
import java.util.List;

/** AUTH_REQUEST (2): {@code u32 method}, {@code vector<u32> preferred_modes} (most preferred first), {@code bufferlist auth_payload}. */
public record AuthRequestFrame(int method, List<Integer> preferredModes, byte[] payload) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.AUTH_REQUEST;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u32(method).u32List(preferredModes).bytes(payload);
    }

    public static AuthRequestFrame decode(CephDecoder d) throws ProtocolException {
        return new AuthRequestFrame((int) d.u32(), d.u32List(), d.bytes());
    }
}
