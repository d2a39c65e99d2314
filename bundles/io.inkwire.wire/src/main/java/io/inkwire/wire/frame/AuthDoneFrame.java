package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** AUTH_DONE (6): {@code u64 global_id}, {@code u32 con_mode}, {@code bufferlist auth_payload}. The last frame before both sides switch to the chosen mode. */
public record AuthDoneFrame(long globalId, int conMode, byte[] payload) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.AUTH_DONE;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u64(globalId).u32(conMode).bytes(payload);
    }

    public static AuthDoneFrame decode(CephDecoder d) throws ProtocolException {
        return new AuthDoneFrame(d.u64(), (int) d.u32(), d.bytes());
    }
}
