package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** IDENT_MISSING_FEATURES (10): {@code u64} the CEPH feature bits the acceptor requires and the connector lacks. */
public record IdentMissingFeaturesFrame(long features) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.IDENT_MISSING_FEATURES;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u64(features);
    }

    public static IdentMissingFeaturesFrame decode(CephDecoder d) throws ProtocolException {
        return new IdentMissingFeaturesFrame(d.u64());
    }
}
