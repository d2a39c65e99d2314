package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.wire.EntityAddrCodec;

/** SERVER_IDENT (9): {@code entity_addrvec_t my_addrs}, {@code s64 gid}, {@code u64 global_seq}, {@code u64 supported_features}, {@code u64 required_features}, {@code u64 flags}, {@code u64 server_cookie} (0 on lossy sessions). */
public record ServerIdentFrame(EntityAddrVec addrs, long gid, long globalSeq, long supportedFeatures, long requiredFeatures, long flags, long serverCookie) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.SERVER_IDENT;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        EntityAddrCodec.encodeVec(e, addrs);
        e.u64(gid).u64(globalSeq).u64(supportedFeatures).u64(requiredFeatures).u64(flags).u64(serverCookie);
    }

    public static ServerIdentFrame decode(CephDecoder d) throws ProtocolException {
        return new ServerIdentFrame(EntityAddrCodec.decodeVec(d), d.u64(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64());
    }
}
