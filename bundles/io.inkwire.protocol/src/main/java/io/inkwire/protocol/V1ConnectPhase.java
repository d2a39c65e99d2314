package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.wire.v1.BannerV1;
import io.inkwire.wire.v1.ConnectMessage;
import io.inkwire.wire.v1.ConnectReply;
import io.inkwire.wire.v1.MsgrTag;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * msgr1's handshake on the connector ({@code ProtocolV1::handle_server_banner_and_identify},
 * {@code send_connect_message}, {@code handle_connect_reply_2}): checks that the server is who we
 * dialed, sends CONNECT with the auth method's authorizer (none towards a monitor), and follows the
 * reply — READY or SEQ, a challenge or a retry (CONNECT again), or a refusal.
 */
final class V1ConnectPhase {

    private final ProtocolV1 e;
    private boolean gotBadAuthorizer;
    private boolean gotChallenge;
    private byte[] authorizer = new byte[0];
    private ConnectReply reply;

    V1ConnectPhase(ProtocolV1 e) {
        this.e = e;
    }

    /** Our banner, alone: a msgr2 peer sends only 26 bytes and waits, so reading 281 would hang. */
    void sendBanner() {
        e.write(BannerV1.encodeClientBanner());
        e.expect(ProtocolV1.ReadStep.SERVER_BANNER, BannerV1.LENGTH);
    }

    /** The server's address and ours as it sees us, after its banner. */
    void handleServerAddrs(ByteBuffer in) throws ProtocolException, AuthException {
        EntityAddr target = e.target;
        EntityAddr server = BannerV1.decodeAddr(in);
        EntityAddr meAsSeen = BannerV1.decodeAddr(in);
        // ProtocolV1::handle_server_banner_and_identify: the peer must be who we dialed; a blank IP with
        // the same port and nonce is tolerated (a daemon bound to the wildcard address)
        boolean samePortNonce = server.port() == target.port() && (server.nonce() == target.nonce() || target.nonce() == 0);
        if (!samePortNonce || (!server.isBlank() && !server.ip().equals(target.ip()))) {
            throw new ProtocolException("wrong peer at " + target + ": it announced " + server.withType(AddrType.LEGACY));
        }
        if (meAsSeen.isBlank()) {
            throw new ProtocolException("the server at " + target + " did not say which address it sees us at");
        }
        e.peerAddrs = EntityAddrVec.of(server.isBlank() ? target : server.withType(AddrType.LEGACY));
        EntityAddr mine = e.core.myAddrs().legacy().orElse(new EntityAddr(AddrType.LEGACY, e.core.nonce(), meAsSeen.ip(), 0));
        e.write(BannerV1.encodeAddr(mine));
        e.connecting();
        e.connectSeq = 0;
        e.globalSeq = e.core.nextGlobalSeq();
        buildAuthorizer();
        sendConnect();
    }

    /** A monitor gets no authorizer (MAuth follows READY); any other service the first allowed method's. */
    private void buildAuthorizer() throws AuthException {
        e.auth.closeClient();
        authorizer = new byte[0];
        e.method = null;
        if (e.peerType == EntityType.MON) {
            return;
        }
        List<AuthProvider> methods = e.core.allowedMethods(e.peerType);
        if (methods.isEmpty()) {
            throw new AuthException(AuthException.EOPNOTSUPP, "no auth method allowed towards a " + e.peerType.text()
                    + " is installed (installed: " + e.core.config().authProviders().stream().map(AuthProvider::name).toList() + ")");
        }
        e.method = methods.get(0);
        AuthClientSession s = e.auth.startClient(e.core.clientHandler(e.method).newSession(e.peerType));
        authorizer = s.initialRequest();
    }

    private void sendConnect() throws ProtocolException {
        if (++e.connectAttempts > ProtocolV1.MAX_CONNECT_ATTEMPTS) {
            throw new ProtocolException("msgr1 handshake with " + e.target + " did not settle after " + ProtocolV1.MAX_CONNECT_ATTEMPTS
                    + " connect attempts");
        }
        MessengerCore core = e.core;
        e.lossy = core.policy(e.peerType).lossy();
        ConnectMessage c = new ConnectMessage(CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, core.name().type().code(), e.globalSeq,
                e.connectSeq, ProtocolV1.protoVersion(core.name().type(), e.peerType, true), e.method == null ? 0 : e.method.method(),
                authorizer.length, e.lossy ? ConnectMessage.CEPH_MSG_CONNECT_LOSSY : 0);
        e.write(c.encode(), authorizer);
        e.transport.flush();
        e.expect(ProtocolV1.ReadStep.CONNECT_REPLY, ConnectReply.LENGTH);
    }

    void handleConnectReply(ConnectReply r) throws ProtocolException, AuthException {
        reply = r;
        if (r.authorizerLength() > e.core.maxControlFrameLength()) {
            throw new ProtocolException("connect reply announces a " + r.authorizerLength() + "-byte authorizer reply, over the limit of "
                    + e.core.maxControlFrameLength());
        }
        if (r.authorizerLength() > 0) {
            e.expect(ProtocolV1.ReadStep.REPLY_AUTHORIZER, (int) r.authorizerLength());
        } else {
            handleReplyAuthorizer(new byte[0]);
        }
    }

    void handleReplyAuthorizer(byte[] authReply) throws ProtocolException, AuthException {
        ConnectReply r = reply;
        String peer = e.peerType.text();
        switch (r.tag()) {
            case MsgrTag.READY:
            case MsgrTag.SEQ:
                complete(r, authReply);
                break;
            case MsgrTag.CHALLENGE_AUTHORIZER:
                if (e.auth.client() == null || gotChallenge) {
                    throw new ProtocolException("the " + peer + " sent " + (gotChallenge ? "a second " : "an unexpected ") + "CHALLENGE_AUTHORIZER");
                }
                gotChallenge = true;
                authorizer = e.auth.client().handleReplyMore(authReply);
                sendConnect();
                break;
            case MsgrTag.BADAUTHORIZER:
                if (e.method == null || gotBadAuthorizer) {
                    throw new AuthException(AuthException.EACCES, "the " + peer + " at " + e.target + " refused our "
                            + (e.method == null ? "connect without an authorizer" : e.method.name() + " authorizer") + " (BADAUTHORIZER)");
                }
                // ProtocolV1::handle_connect_reply_2: one retry with a fresh authorizer (tickets may have been renewed)
                gotBadAuthorizer = true;
                gotChallenge = false;
                buildAuthorizer();
                sendConnect();
                break;
            case MsgrTag.RESETSESSION:
                // the server lost our session: start a new one (nothing is queued for resend on our side)
                e.connectSeq = 0;
                e.outSeq = 0;
                e.inSeq = 0;
                sendConnect();
                break;
            case MsgrTag.RETRY_GLOBAL:
                e.globalSeq = Math.max(e.core.nextGlobalSeq(), r.globalSeq() + 1);
                sendConnect();
                break;
            case MsgrTag.RETRY_SESSION:
                if (r.connectSeq() <= e.connectSeq) {
                    throw new ProtocolException("RETRY_SESSION with connect_seq " + r.connectSeq() + ", not above ours (" + e.connectSeq + ")");
                }
                e.connectSeq = r.connectSeq();
                sendConnect();
                break;
            case MsgrTag.WAIT:
                throw new ProtocolException("the " + peer + " at " + e.target + " answered WAIT: it is connecting to us at the "
                        + "same time (connection race); this connection gives way");
            case MsgrTag.BADPROTOVER:
                throw new ProtocolException("the " + peer + " at " + e.target + " refused protocol version "
                        + ProtocolV1.protoVersion(e.core.name().type(), e.peerType, true) + " (BADPROTOVER; it speaks " + r.protocolVersion() + ")");
            case MsgrTag.FEATURES:
                throw new ProtocolException(String.format("the %s at %s requires features 0x%x that inkwire does not advertise (FEATURES)",
                        peer, e.target, r.features() & ~CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT));
            default:
                throw new ProtocolException("unknown connect reply tag " + r.tag());
        }
    }

    /** READY or SEQ: what the session is, and the method's last step with the authorizer reply. */
    private void complete(ConnectReply r, byte[] authReply) throws ProtocolException, AuthException {
        long missing = CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT & ~r.features();
        if (missing != 0) {
            throw new ProtocolException(String.format("the %s lacks required features 0x%x", e.peerType.text(), missing));
        }
        e.features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & r.features();
        e.msgAuth = (e.features & CephFeatures.MSG_AUTH) != 0;
        e.lossy = (r.flags() & ConnectMessage.CEPH_MSG_CONNECT_LOSSY) != 0;
        e.connectSeq = r.connectSeq();
        e.globalId = e.core.globalId();
        AuthClientSession client = e.auth.client();
        if (client != null) {
            AuthResult result = client.handleDone(e.globalId, 0, 0, authReply);
            try {
                e.startSigning(result);
                e.globalId = result.globalId();
            } finally {
                result.destroy();
            }
            e.auth.closeClient();
        }
        if (r.tag() == MsgrTag.SEQ) {
            e.seqExchange();
        } else {
            e.becomeReady();
        }
    }
}
