package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.ClientIdentFrame;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.IdentMissingFeaturesFrame;
import io.inkwire.wire.frame.ServerIdentFrame;
import io.inkwire.wire.frame.SessionReconnectFrame;
import io.inkwire.wire.frame.SessionReconnectOkFrame;
import io.inkwire.wire.frame.SessionResetFrame;
import io.inkwire.wire.frame.SessionRetryFrame;
import io.inkwire.wire.frame.SessionRetryGlobalFrame;
import io.inkwire.wire.frame.WaitFrame;

/**
 * msgr2's session phase on the connector ({@code ProtocolV2::send_client_ident},
 * {@code send_reconnect}, {@code handle_server_ident}, {@code handle_reconnect_ok},
 * {@code handle_session_reset}, {@code handle_session_retry(_global)}, {@code handle_wait}): opens
 * the session with CLIENT_IDENT, or resumes one the peer knows with SESSION_RECONNECT, and follows
 * the peer's answer — ready, a reset, a retry with newer counters, or WAIT when the peer's own
 * connection to us wins a race.
 */
final class V2SessionClientPhase {

    private final ProtocolV2 e;
    private boolean sentIdent;
    /** The peer asked us to WAIT: this socket ends, and the connector backs off longer. */
    private boolean waitRequested;
    /** The failure at hand ends the session even if it is lossless (a reconnect could not fix it). */
    private boolean fatal;

    V2SessionClientPhase(ProtocolV2 e) {
        this.e = e;
    }

    boolean waitRequested() {
        return waitRequested;
    }

    boolean fatal() {
        return fatal;
    }

    /** Identifies us: SESSION_RECONNECT when the peer knows the session, else CLIENT_IDENT. */
    void start() throws ProtocolException {
        Session session = e.session();
        synchronized (session) {
            if (session.canReconnect()) {
                session.connectSeq++;
                sendReconnect();
            } else {
                sendClientIdent();
            }
        }
    }

    private void sendClientIdent() throws ProtocolException {
        Session session = e.session();
        ConnectionPolicy policy = session.policy();
        e.lossy = policy.lossy();
        if (!e.lossy && session.clientCookie == 0) {
            session.clientCookie = MessengerCore.randomCookie();
        }
        session.globalSeq = e.core.nextGlobalSeq();
        sentIdent = true;
        e.sendControl(new ClientIdentFrame(myAddrsForPeer(), e.target, e.globalId == 0 ? -1 : e.globalId, session.globalSeq,
                CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT,
                e.lossy ? CephFeatures.CEPH_MSG_CONNECT_LOSSY : 0, e.lossy ? 0 : session.clientCookie));
    }

    /** SESSION_RECONNECT for a lossless session the peer knows; {@code global_seq} is re-drawn per attempt. */
    private void sendReconnect() throws ProtocolException {
        Session session = e.session();
        e.lossy = false;
        session.globalSeq = e.core.nextGlobalSeq();
        sentIdent = false;
        e.sendControl(new SessionReconnectFrame(myAddrsForPeer(), session.clientCookie, session.serverCookie, session.globalSeq,
                session.connectSeq, session.inSeq));
    }

    private EntityAddrVec myAddrsForPeer() {
        EntityAddrVec mine = e.core.myAddrs();
        if (mine.isEmpty()) {
            // a client that does not listen: type ANY, the IP the peer saw, port 0, our nonce (as Ceph and the kernel do)
            mine = EntityAddrVec.of(new EntityAddr(AddrType.ANY, e.core.nonce(), e.learnedAddr.ip(), 0));
        }
        return mine;
    }

    void handle(ControlFrame c) throws ProtocolException {
        Session session = e.session();
        EntityAddr target = e.target;
        synchronized (session) {
            if (c instanceof ServerIdentFrame s) {
                if (!sentIdent) {
                    throw new ProtocolException("SERVER_IDENT in reply to SESSION_RECONNECT");
                }
                if (!V2SessionServerPhase.matchesAny(s.addrs(), target)) {
                    throw new ProtocolException("peer's addresses " + s.addrs() + " do not include the address we dialed, " + target);
                }
                long missing = CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT & ~s.supportedFeatures();
                if (missing != 0) {
                    throw new ProtocolException(String.format("peer lacks required features 0x%x", missing));
                }
                e.features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & s.supportedFeatures();
                e.lossy = (s.flags() & CephFeatures.CEPH_MSG_CONNECT_LOSSY) != 0;
                if (e.lossy != session.isLossy()) {
                    session.policy(e.lossy ? ConnectionPolicy.lossyClient() : ConnectionPolicy.losslessClient());
                }
                session.serverCookie = e.lossy ? 0 : s.serverCookie();
                session.peerGlobalSeq = s.globalSeq();
                session.peerAddrs = s.addrs();
                // after a SESSION_RESET the application keeps its connection: it heard onRemoteReset, not a second onReady
                e.becomeReady(s.addrs(), target, session.everReady());
            } else if (c instanceof SessionReconnectOkFrame ok) {
                if (sentIdent) {
                    throw new ProtocolException("SESSION_RECONNECT_OK in reply to CLIENT_IDENT");
                }
                // the peer has everything up to msg_seq: what we requeued up to there is not sent again
                session.discardRequeuedUpTo(ok.msgSeq());
                ConnectionInfo was = session.info();
                e.features = was != null ? was.features() : e.features;
                e.becomeReady(session.peerAddrs != null ? session.peerAddrs : EntityAddrVec.of(target), target, true);
            } else if (c instanceof SessionResetFrame r) {
                if (e.lossy) {
                    throw new ProtocolException("SESSION_RESET on a lossy session");
                }
                requireReconnecting(c);
                if (r.full()) {
                    session.resetFull();
                    e.listener().onRemoteReset();
                } else {
                    session.resetPartial();
                }
                sendClientIdent();
            } else if (c instanceof SessionRetryFrame r) {
                requireReconnecting(c);
                session.connectSeq = r.connectSeq() + 1;
                sendReconnect();
            } else if (c instanceof SessionRetryGlobalFrame r) {
                requireReconnecting(c);
                e.core.advanceGlobalSeq(r.globalSeq());
                sendReconnect();
            } else if (c instanceof WaitFrame) {
                // the peer's own connection to us wins the race: back off, then try again
                waitRequested = true;
                throw new ProtocolException("the " + e.peerType.text() + " asked us to WAIT (connection race)");
            } else if (c instanceof IdentMissingFeaturesFrame m) {
                fatal = true; // retrying cannot help
                throw new ProtocolException(String.format("the %s requires features 0x%x that inkwire does not advertise", e.peerType.text(), m.features()));
            } else {
                throw new ProtocolException("unexpected " + Tag.name(c.tag()) + " in reply to " + (sentIdent ? "CLIENT_IDENT" : "SESSION_RECONNECT"));
            }
        }
    }

    private void requireReconnecting(ControlFrame c) throws ProtocolException {
        if (sentIdent) {
            throw new ProtocolException(Tag.name(c.tag()) + " in reply to CLIENT_IDENT");
        }
    }
}
