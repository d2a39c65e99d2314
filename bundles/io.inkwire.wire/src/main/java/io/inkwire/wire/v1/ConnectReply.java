package io.inkwire.wire.v1;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;

/**
 * {@code struct ceph_msg_connect_reply} (26 bytes, packed, little-endian): the server's answer to a
 * {@link ConnectMessage}; {@code authorizerLength} bytes of authorizer reply follow it.
 *
 * @param tag              a {@link MsgrTag} (READY, SEQ, RETRY_*, RESETSESSION, WAIT, BAD*, FEATURES, CHALLENGE_AUTHORIZER)
 * @param features         READY/SEQ: the server's supported features; errors: what it requires
 * @param globalSeq        the server's global_seq (RETRY_GLOBAL: the value to exceed)
 * @param connectSeq       READY: the client's connect_seq + 1; RETRY_SESSION: the value to use
 * @param protocolVersion  the server's {@code CEPH_*_PROTOCOL}
 * @param authorizerLength bytes of authorizer reply that follow, unsigned
 * @param flags            {@link ConnectMessage#CEPH_MSG_CONNECT_LOSSY} when the server's policy is lossy
 */
public record ConnectReply(int tag, long features, long globalSeq, long connectSeq, int protocolVersion,
                           long authorizerLength, int flags) {

    /** {@code sizeof(struct ceph_msg_connect_reply)}. */
    public static final int LENGTH = 26;

    public byte[] encode() {
        CephEncoder e = new CephEncoder(LENGTH);
        e.u8(tag).u64(features).u32(globalSeq).u32(connectSeq).u32(protocolVersion).u32(authorizerLength).u8(flags);
        return e.toByteArray();
    }

    /** Decodes the 26 bytes at the buffer's position. */
    public static ConnectReply decode(ByteBuffer in) throws ProtocolException {
        CephDecoder d = new CephDecoder(in, "ceph_msg_connect_reply");
        if (d.remaining() != LENGTH) {
            throw new ProtocolException("ceph_msg_connect_reply: " + d.remaining() + " bytes, expected " + LENGTH);
        }
        return new ConnectReply(d.u8(), d.u64(), d.u32(), d.u32(), d.s32(), d.u32(), d.u8());
    }
}
