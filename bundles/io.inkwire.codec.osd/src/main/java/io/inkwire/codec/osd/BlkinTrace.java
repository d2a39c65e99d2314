package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code blkin_trace_info} ({@code src/common/zipkin_trace.h}, written by {@code Message::encode_trace}):
 * three raw u64s. Clients without tracing send zeros.
 */
public record BlkinTrace(long traceId, long spanId, long parentSpanId) {

    public static final BlkinTrace NONE = new BlkinTrace(0, 0, 0);
    public static final int ENCODED_LENGTH = 24;

    public static BlkinTrace decode(CephDecoder d) throws ProtocolException {
        return new BlkinTrace(d.u64(), d.u64(), d.u64());
    }

    public void encode(CephEncoder e) {
        e.u64(traceId).u64(spanId).u64(parentSpanId);
    }
}
