package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** ACK (20): {@code u64 seq} — the highest in-order message sequence received. */
public record AckFrame(long seq) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.ACK;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u64(seq);
    }

    public static AckFrame decode(CephDecoder d) throws ProtocolException {
        return new AckFrame(d.u64());
    }
}
