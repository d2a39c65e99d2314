package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.wire.EntityAddrCodec;

/** CLIENT_IDENT (8): {@code entity_addrvec_t my_addrs}, {@code entity_addr_t target_addr}, {@code s64 gid}, {@code u64 global_seq}, {@code u64 supported_features}, {@code u64 required_features}, {@code u64 flags} (bit0 CEPH_MSG_CONNECT_LOSSY), {@code u64 client_cookie}. */
public record ClientIdentFrame(EntityAddrVec addrs, EntityAddr targetAddr, long gid, long globalSeq, long supportedFeatures, long requiredFeatures, long flags, long clientCookie) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.CLIENT_IDENT;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        EntityAddrCodec.encodeVec(e, addrs);
        EntityAddrCodec.encode(e, targetAddr);
        e.u64(gid).u64(globalSeq).u64(supportedFeatures).u64(requiredFeatures).u64(flags).u64(clientCookie);
    }

    public static ClientIdentFrame decode(CephDecoder d) throws ProtocolException {
        return new ClientIdentFrame(EntityAddrCodec.decodeVec(d), EntityAddrCodec.decode(d), d.u64(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64());
    }
}
