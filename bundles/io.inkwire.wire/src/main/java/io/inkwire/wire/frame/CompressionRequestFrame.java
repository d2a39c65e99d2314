package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;
import java.util.List;

/** COMPRESSION_REQUEST (21): {@code bool is_compress}, {@code vector<u32> preferred_methods}. Only when both banners advertise COMPRESSION, which inkwire does not (yet). */
public record CompressionRequestFrame(boolean compress, List<Integer> preferredMethods) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.COMPRESSION_REQUEST;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.bool(compress).u32List(preferredMethods);
    }

    public static CompressionRequestFrame decode(CephDecoder d) throws ProtocolException {
        return new CompressionRequestFrame(d.bool(), d.u32List());
    }
}
