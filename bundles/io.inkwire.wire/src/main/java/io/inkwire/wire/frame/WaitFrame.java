package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** WAIT (16): empty — a connection race the acceptor resolved against us; back off and retry. */
public record WaitFrame() implements ControlFrame {

    @Override
    public int tag() {
        return Tag.WAIT;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        // empty payload
    }

    public static WaitFrame decode(CephDecoder d) throws ProtocolException {
        return new WaitFrame();
    }
}
