package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/** {@code CephXServiceTicketRequest}: {@code u8 1, u32 keys} (a mask of entity types). */
public record ServiceTicketRequest(int keys) {

    public static ServiceTicketRequest decode(CephDecoder d) throws ProtocolException {
        d.u8();
        return new ServiceTicketRequest((int) d.u32());
    }

    public void encode(CephEncoder e) {
        e.u8(1).u32(Integer.toUnsignedLong(keys));
    }
}
