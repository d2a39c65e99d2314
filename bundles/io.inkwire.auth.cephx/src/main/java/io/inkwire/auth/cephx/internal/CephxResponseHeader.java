package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/** {@code CephXResponseHeader}: {@code u16 request_type, s32 status}. */
public record CephxResponseHeader(int requestType, int status) {

    public static CephxResponseHeader decode(CephDecoder d) throws ProtocolException {
        return new CephxResponseHeader(d.u16(), d.s32());
    }

    public void encode(CephEncoder e) {
        e.u16(requestType).u32(status);
    }
}
