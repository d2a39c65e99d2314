package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.auth.AuthException;
import io.inkwire.wire.Banner;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.wire.frame.HelloFrame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * msgr2's first phase, both roles: the banners settle the framing revision
 * ({@code ProtocolV2::_handle_peer_banner_payload}), then each side sends HELLO with its entity type
 * and the address it sees the other at ({@code ProtocolV2::handle_hello}).
 */
final class V2HelloPhase {

    private final ProtocolV2 e;

    V2HelloPhase(ProtocolV2 e) {
        this.e = e;
    }

    /** Our banner; both sides send theirs at once on connect. */
    void sendBanner() {
        ByteBuffer[] banner = {ByteBuffer.wrap(Banner.encode(e.msgr2Supported, ProtocolV2.MSGR2_REQUIRED))};
        e.transcript.sent(banner);
        e.transport.write(banner);
        e.transport.flush();
    }

    /** The peer's banner: its supported and required msgr2 features. */
    void handleBanner(long[] peer) throws ProtocolException {
        long peerSupported = peer[0];
        long peerRequired = peer[1];
        if ((peerRequired & ~e.msgr2Supported) != 0) {
            throw new ProtocolException(String.format("peer requires msgr2 features 0x%x that inkwire lacks", peerRequired & ~e.msgr2Supported));
        }
        if ((ProtocolV2.MSGR2_REQUIRED & ~peerSupported) != 0) {
            throw new ProtocolException(String.format("peer lacks required msgr2 features 0x%x", ProtocolV2.MSGR2_REQUIRED & ~peerSupported));
        }
        // rev1 framing only when both banners offer it
        e.revision = (peerSupported & e.msgr2Supported & Banner.CEPH_MSGR2_FEATURE_REVISION_1) != 0 ? 1 : 0;
        e.bannerDone(new CrcFrameCodec(e.revision, e.core.maxSegmentLength(), e.core.options().getBoolean("ms_crc_data", true)));
        if (e.role == Role.CONNECTOR) {
            e.sendControl(new HelloFrame(e.core.name().type(), e.target));
        } else {
            InetSocketAddress remote = e.transport.remoteAddress();
            e.sendControl(new HelloFrame(e.core.name().type(), new EntityAddr(AddrType.MSGR2, 0, remote.getAddress(), remote.getPort())));
        }
    }

    /** The peer's HELLO: a connector checks it reached the type it dialed; an acceptor learns the peer's type. */
    void handleHello(HelloFrame h) throws ProtocolException, AuthException {
        if (e.role == Role.CONNECTOR) {
            if (h.entityType() != e.peerType) {
                throw new ProtocolException("peer is a " + h.entityType().text() + ", expected a " + e.peerType.text());
            }
            e.learnedAddr = h.peerAddr();
        } else {
            e.peerType = h.entityType();
            e.session().peerType(e.peerType);
        }
        e.helloDone();
    }
}
