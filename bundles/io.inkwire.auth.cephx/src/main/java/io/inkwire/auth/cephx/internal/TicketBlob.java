package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code CephXTicketBlob}: {@code u8 1, u64 secret_id, bufferlist blob}. The blob is a
 * {@link ServiceTicketInfo} encrypted with the service's secret; clients echo it back verbatim.
 */
public record TicketBlob(long secretId, byte[] blob) {

    /** What a fresh client presents as its old ticket. */
    public static final TicketBlob EMPTY = new TicketBlob(0, new byte[0]);

    public static TicketBlob decode(CephDecoder d) throws ProtocolException {
        d.u8(); // struct_v 1
        long secretId = d.u64();
        return new TicketBlob(secretId, d.bytes());
    }

    public void encode(CephEncoder e) {
        e.u8(1).u64(secretId).bytes(blob);
    }

    public boolean isEmpty() {
        return blob.length == 0;
    }

    @Override
    public String toString() {
        return "TicketBlob{secretId=" + Long.toUnsignedString(secretId) + ", blob=" + blob.length + " bytes}";
    }
}
