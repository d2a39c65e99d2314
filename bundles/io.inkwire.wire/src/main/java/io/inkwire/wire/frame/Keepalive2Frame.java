package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** KEEPALIVE2 (18): {@code utime_t stamp} — the sender's clock, echoed in KEEPALIVE2_ACK. */
public record Keepalive2Frame(long sec, int nsec) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.KEEPALIVE2;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.utime(sec, nsec);
    }

    public static Keepalive2Frame decode(CephDecoder d) throws ProtocolException {
        return new Keepalive2Frame(d.u32(), (int) d.u32());
    }
}
