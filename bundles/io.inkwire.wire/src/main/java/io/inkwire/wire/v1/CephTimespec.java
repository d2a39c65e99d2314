package io.inkwire.wire.v1;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;

/**
 * {@code struct ceph_timespec} (le32 sec, le32 nsec): the payload of KEEPALIVE2 and KEEPALIVE2_ACK.
 *
 * @param sec  seconds, unsigned 32-bit
 * @param nsec nanoseconds, unsigned 32-bit
 */
public record CephTimespec(long sec, long nsec) {

    public static final int LENGTH = 8;

    public byte[] encode() {
        return new CephEncoder(LENGTH).u32(sec & 0xffffffffL).u32(nsec & 0xffffffffL).toByteArray();
    }

    public static CephTimespec decode(ByteBuffer in) throws ProtocolException {
        CephDecoder d = new CephDecoder(in, "ceph_timespec");
        return new CephTimespec(d.u32(), d.u32());
    }
}
