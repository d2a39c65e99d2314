package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.v1.BannerV1;
import io.inkwire.wire.v1.ConnectMessage;
import io.inkwire.wire.v1.ConnectReply;
import io.inkwire.wire.v1.MsgrTag;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * msgr1's handshake on the acceptor ({@code ProtocolV1::handle_client_banner},
 * {@code handle_connect_message_2}): learns the client's address, then answers each CONNECT in
 * Ceph's order — protocol version, features, authorizer, session — with a refusal, a challenge, or
 * READY / SEQ. No session is kept across sockets: a client resuming one is told RESETSESSION.
 */
final class V1AcceptPhase {

    private final ProtocolV1 e;
    private ConnectMessage connect;
    private byte[] pendingAuthorizerReply = new byte[0];
    private AuthResult pendingResult;

    V1AcceptPhase(ProtocolV1 e) {
        this.e = e;
    }

    /** Our banner, our address, and the client's as we see it. */
    void sendBanner() {
        InetSocketAddress remote = e.transport.remoteAddress();
        e.write(BannerV1.encodeServer(myLegacyAddr(), new EntityAddr(AddrType.LEGACY, 0, remote.getAddress(), remote.getPort())));
        e.expect(ProtocolV1.ReadStep.CLIENT_BANNER, BannerV1.LENGTH);
    }

    /**
     * Our msgr1 address: the bound v1 address this socket came in on (a messenger bound on
     * 127.0.0.1 and ::1 has two; the peer checks that we announce the one it dialed), else the
     * socket's local address.
     */
    private EntityAddr myLegacyAddr() {
        InetSocketAddress local = e.transport.localAddress();
        for (EntityAddr a : e.core.myAddrs().addrs()) {
            if (a.type() == AddrType.LEGACY && a.port() == local.getPort() && (a.isBlank() || a.ip().equals(local.getAddress()))) {
                return a;
            }
        }
        return new EntityAddr(AddrType.LEGACY, e.core.nonce(), local.getAddress(), local.getPort());
    }

    /** The client's address, after its banner. */
    void handleClientAddr(ByteBuffer in) throws ProtocolException {
        EntityAddr client = BannerV1.decodeAddr(in);
        InetSocketAddress remote = e.transport.remoteAddress();
        // ProtocolV1::handle_client_banner: a blank IP is replaced by the socket's, keeping the port
        EntityAddr a = client.isBlank() ? new EntityAddr(AddrType.LEGACY, client.nonce(), remote.getAddress(), client.port())
                : client.withType(AddrType.LEGACY);
        e.peerAddrs = EntityAddrVec.of(a);
        e.peerAddr = new EntityAddr(AddrType.LEGACY, client.nonce(), remote.getAddress(), remote.getPort());
        e.connecting();
        e.expect(ProtocolV1.ReadStep.CONNECT, ConnectMessage.LENGTH);
    }

    void handleConnect(ConnectMessage c) throws ProtocolException, AuthException {
        if (++e.connectAttempts > ProtocolV1.MAX_CONNECT_ATTEMPTS) {
            throw new ProtocolException("msgr1 peer " + e.peerAddr + " sent more than " + ProtocolV1.MAX_CONNECT_ATTEMPTS + " connect messages");
        }
        connect = c;
        if (c.authorizerLength() > e.core.maxControlFrameLength()) {
            throw new ProtocolException("connect announces a " + c.authorizerLength() + "-byte authorizer, over the limit of "
                    + e.core.maxControlFrameLength());
        }
        if (c.authorizerLength() > 0) {
            e.expect(ProtocolV1.ReadStep.CONNECT_AUTHORIZER, (int) c.authorizerLength());
        } else {
            handleConnectAuthorizer(new byte[0]);
        }
    }

    /** ProtocolV1::handle_connect_message_2 in its order: protocol version, features, authorizer, session, reply. */
    void handleConnectAuthorizer(byte[] auth) throws ProtocolException, AuthException {
        ConnectMessage c = connect;
        EntityType type;
        try {
            type = EntityType.fromCode(c.hostType());
        } catch (IllegalArgumentException ex) {
            throw new ProtocolException("connect from an unknown entity type " + c.hostType());
        }
        if (e.peerType != null && e.peerType != type) {
            throw new ProtocolException("peer changed its entity type from " + e.peerType.text() + " to " + type.text() + " between connects");
        }
        e.peerType = type;
        e.session().peerType(type);
        int ourProto = ProtocolV1.protoVersion(e.core.name().type(), type, false);
        if (c.protocolVersion() != ourProto) {
            sendReply(MsgrTag.BADPROTOVER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
            return;
        }
        long required = CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT;
        if (c.authorizerProtocol() == AuthProvider.CEPH_AUTH_CEPHX) {
            required |= CephFeatures.MSG_AUTH; // signatures need the 21-byte footer
        }
        if ((required & ~c.features()) != 0) {
            sendReply(MsgrTag.FEATURES, (c.features() & CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT) | required, 0, new byte[0]);
            return;
        }
        if (!verifyAuthorizer(c, auth)) {
            return;
        }
        if (c.connectSeq() > 0) {
            // we keep no session across connections: tell the peer to start a new one (ProtocolV1: "we reset, they don't know")
            sendReply(MsgrTag.RESETSESSION, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
            return;
        }
        e.features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & c.features();
        e.msgAuth = (e.features & CephFeatures.MSG_AUTH) != 0;
        e.lossy = e.core.policy(type).lossy();
        e.connectSeq = c.connectSeq() + 1;
        if (pendingResult != null) {
            try {
                e.startSigning(pendingResult);
            } finally {
                pendingResult.destroy();
                pendingResult = null;
            }
        }
        // a client that knows RECONNECT_SEQ gets SEQ (then both send their in_seq), as a 16.2 mon answers a new client
        boolean seq = (c.features() & CephFeatures.RECONNECT_SEQ) != 0;
        sendReply(seq ? MsgrTag.SEQ : MsgrTag.READY, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, e.connectSeq, pendingAuthorizerReply);
        pendingAuthorizerReply = new byte[0];
        if (seq) {
            e.write(new CephEncoder(8).u64(e.inSeq).toByteArray());
            e.transport.flush();
            e.seqExchange();
        } else {
            e.becomeReady();
        }
    }

    /**
     * Checks the connect's authorizer with the method's server handler. Returns false when a reply
     * (BADAUTHORIZER or CHALLENGE_AUTHORIZER) was sent and the next connect is awaited.
     */
    private boolean verifyAuthorizer(ConnectMessage c, byte[] auth) throws ProtocolException, AuthException {
        MessengerCore core = e.core;
        List<AuthProvider> allowed = core.allowedMethods(e.peerType);
        if (c.authorizerProtocol() == 0) {
            // a monitor authenticates its clients with MAuth after the handshake; elsewhere only "none" lets a peer in bare
            boolean ok = core.name().type() == EntityType.MON
                    || allowed.stream().anyMatch(p -> p.method() == AuthProvider.CEPH_AUTH_NONE);
            if (!ok) {
                sendReply(MsgrTag.BADAUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
                return false;
            }
            // a monitor: the session is authenticated by the MAuth exchange that follows (auth "mauth" until then)
            e.method = core.name().type() == EntityType.MON ? null
                    : allowed.stream().filter(p -> p.method() == AuthProvider.CEPH_AUTH_NONE).findFirst().orElse(null);
            return true;
        }
        AuthProvider p = allowed.stream().filter(x -> x.method() == c.authorizerProtocol()).findFirst().orElse(null);
        if (p == null || (e.method != null && e.method != p)) {
            e.auth.closeServer();
            sendReply(MsgrTag.BADAUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
            return false;
        }
        boolean more = e.auth.server() != null;
        if (!more) {
            e.method = p;
            e.auth.startServer(core.serverHandler(p).newSession(e.peerType, 0));
        }
        AuthServerSession server = e.auth.server();
        AuthServerStep s;
        try {
            s = server.handle(auth, more);
        } catch (AuthException ex) {
            e.auth.closeServer();
            e.method = null;
            sendReply(MsgrTag.BADAUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
            return false;
        }
        if (s.kind() == AuthServerStep.Kind.MORE) {
            sendReply(MsgrTag.CHALLENGE_AUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, s.payload());
            return false;
        }
        pendingResult = s.result();
        pendingAuthorizerReply = s.payload();
        e.globalId = pendingResult.globalId();
        e.authenticatedEntity = pendingResult.entity();
        e.auth.closeServer();
        return true;
    }

    private void sendReply(int tag, long replyFeatures, long replyConnectSeq, byte[] authReply) {
        MessengerCore core = e.core;
        ConnectReply r = new ConnectReply(tag, replyFeatures, core.nextGlobalSeq(), replyConnectSeq,
                ProtocolV1.protoVersion(core.name().type(), e.peerType, false), authReply.length,
                core.policy(e.peerType).lossy() ? ConnectMessage.CEPH_MSG_CONNECT_LOSSY : 0);
        e.write(r.encode(), authReply);
        e.transport.flush();
        if (tag != MsgrTag.READY && tag != MsgrTag.SEQ) {
            e.expect(ProtocolV1.ReadStep.CONNECT, ConnectMessage.LENGTH);
        }
    }

    /** Wipes what a verified authorizer left for the reply (the socket ends). */
    void clear() {
        if (pendingResult != null) {
            pendingResult.destroy();
            pendingResult = null;
        }
    }
}
