package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.wire.EntityAddrCodec;

/** SESSION_RECONNECT (11): {@code entity_addrvec_t my_addrs}, {@code u64 client_cookie}, {@code u64 server_cookie}, {@code u64 global_seq}, {@code u64 connect_seq}, {@code u64 msg_seq} (the connector's in_seq). */
public record SessionReconnectFrame(EntityAddrVec addrs, long clientCookie, long serverCookie, long globalSeq, long connectSeq, long msgSeq) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.SESSION_RECONNECT;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        EntityAddrCodec.encodeVec(e, addrs);
        e.u64(clientCookie).u64(serverCookie).u64(globalSeq).u64(connectSeq).u64(msgSeq);
    }

    public static SessionReconnectFrame decode(CephDecoder d) throws ProtocolException {
        return new SessionReconnectFrame(EntityAddrCodec.decodeVec(d), d.u64(), d.u64(), d.u64(), d.u64(), d.u64());
    }
}
