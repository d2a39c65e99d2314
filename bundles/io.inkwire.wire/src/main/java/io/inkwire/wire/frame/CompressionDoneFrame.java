package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;

/** COMPRESSION_DONE (22): {@code bool is_compress}, {@code u32 method}. */
public record CompressionDoneFrame(boolean compress, int method) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.COMPRESSION_DONE;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.bool(compress).u32(method);
    }

    public static CompressionDoneFrame decode(CephDecoder d) throws ProtocolException {
        return new CompressionDoneFrame(d.bool(), (int) d.u32());
    }
}
