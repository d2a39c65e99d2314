package io.inkwire.wire.v1;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;

/**
 * {@code struct ceph_msg_connect} (33 bytes, packed, little-endian), sent by the client after the
 * greeting and again after each retry reply; {@code authorizerLength} authorizer bytes follow it.
 *
 * @param features          the client's supported CEPH_FEATURE_* bits
 * @param hostType          the client's entity type ({@code CEPH_ENTITY_TYPE_*})
 * @param globalSeq         the client messenger's connection counter
 * @param connectSeq        0 for a new session, else the session's connect attempts
 * @param protocolVersion   {@code CEPH_*_PROTOCOL} the client expects of the server
 * @param authorizerProtocol {@code CEPH_AUTH_*} of the authorizer that follows (0: none present)
 * @param authorizerLength  bytes of authorizer that follow, unsigned
 * @param flags             {@link #CEPH_MSG_CONNECT_LOSSY}
 */
public record ConnectMessage(long features, int hostType, long globalSeq, long connectSeq, int protocolVersion,
                             int authorizerProtocol, long authorizerLength, int flags) {

    /** {@code sizeof(struct ceph_msg_connect)}. */
    public static final int LENGTH = 33;
    /** {@code CEPH_MSG_CONNECT_LOSSY}: the client wants a lossy session. */
    public static final int CEPH_MSG_CONNECT_LOSSY = 1;

    public byte[] encode() {
        CephEncoder e = new CephEncoder(LENGTH);
        e.u64(features).u32(hostType).u32(globalSeq).u32(connectSeq).u32(protocolVersion).u32(authorizerProtocol)
                .u32(authorizerLength).u8(flags);
        return e.toByteArray();
    }

    /** Decodes the 33 bytes at the buffer's position. */
    public static ConnectMessage decode(ByteBuffer in) throws ProtocolException {
        CephDecoder d = new CephDecoder(in, "ceph_msg_connect");
        if (d.remaining() != LENGTH) {
            throw new ProtocolException("ceph_msg_connect: " + d.remaining() + " bytes, expected " + LENGTH);
        }
        return new ConnectMessage(d.u64(), d.s32(), d.u32(), d.u32(), d.s32(), d.s32(), d.u32(), d.u8());
    }
}
