package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** KEEPALIVE2_ACK (19): {@code utime_t stamp} echoed from the KEEPALIVE2 it answers. */
public record Keepalive2AckFrame(long sec, int nsec) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.KEEPALIVE2_ACK;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.utime(sec, nsec);
    }

    public static Keepalive2AckFrame decode(CephDecoder d) throws ProtocolException {
        return new Keepalive2AckFrame(d.u32(), (int) d.u32());
    }
}
