package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import io.inkwire.wire.Tag;

/**
 * HELLO (1): {@code u8 entity_type}, {@code entity_addr_t peer_addr} — the connector sends the
 * address it dialed, the acceptor the connector's address as seen on the socket.
 */
public record HelloFrame(EntityType entityType, EntityAddr peerAddr) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.HELLO;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u8(entityType.code());
        EntityAddrCodec.encode(e, peerAddr);
    }

    public static HelloFrame decode(CephDecoder d) throws ProtocolException {
        int type = d.u8();
        EntityType t;
        try {
            t = EntityType.fromCode(type);
        } catch (IllegalArgumentException e) {
            throw d.error("unknown entity type " + type);
        }
        return new HelloFrame(t, EntityAddrCodec.decode(d));
    }
}
