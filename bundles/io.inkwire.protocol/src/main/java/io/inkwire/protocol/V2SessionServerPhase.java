package io.inkwire.protocol;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
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
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * msgr2's session phase on the acceptor ({@code ProtocolV2::handle_client_ident},
 * {@code handle_existing_connection}, {@code reuse_connection}, {@code handle_reconnect},
 * {@code send_server_ident}): a CLIENT_IDENT opens a session, continues one the peer had opened
 * before, or meets the session we are dialing to it ourselves (a connection race, decided by
 * address); a SESSION_RECONNECT resumes a session, or is told why not (reset, retry, WAIT).
 */
final class V2SessionServerPhase {

    /** What a lossless CLIENT_IDENT made of a session with the same peer. */
    enum Existing {
        /** None: this socket's own session is registered and opened. */
        NONE,
        /** This socket took over the existing session (reuse_connection). */
        REUSED,
        /** The existing session wins a connection race: the peer was told to WAIT. */
        WAIT,
        /** This is an older attempt of the peer than the one the existing session has: the socket is dropped. */
        STALE
    }

    private final ProtocolV2 e;
    /** This acceptor told the peer to WAIT (or dropped its stale attempt): the socket's end is no fault. */
    private boolean sentWait;

    V2SessionServerPhase(ProtocolV2 e) {
        this.e = e;
    }

    boolean sentWait() {
        return sentWait;
    }

    void handle(ControlFrame c) throws ProtocolException {
        if (c instanceof SessionReconnectFrame r) {
            handleReconnect(r);
        } else {
            handleClientIdent(e.expect(c, ClientIdentFrame.class));
        }
    }

    private void handleClientIdent(ClientIdentFrame ci) throws ProtocolException {
        MessengerCore core = e.core;
        if (ci.addrs().isEmpty() || ci.addrs().addrs().stream().allMatch(EntityAddr::isBlank)) {
            throw new ProtocolException("CLIENT_IDENT without an address");
        }
        EntityAddrVec mine = core.myAddrs();
        if (!mine.isEmpty() && !matchesAny(mine, ci.targetAddr())) {
            throw new ProtocolException("CLIENT_IDENT targets " + ci.targetAddr() + ", which is not one of our addresses " + mine);
        }
        long required = CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT | CephFeatures.MSG_ADDR2;
        long missing = required & ~ci.supportedFeatures();
        if (missing != 0) {
            e.sendControl(new IdentMissingFeaturesFrame(missing));
            return;
        }
        e.features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & ci.supportedFeatures();
        ConnectionPolicy policy = core.policy(e.peerType);
        // a lossy peer gets a lossy session whatever our policy says, as Ceph's acceptor does
        e.lossy = policy.lossy() || (ci.flags() & CephFeatures.CEPH_MSG_CONNECT_LOSSY) != 0 || ci.clientCookie() == 0;
        EntityAddrVec announce = mine.isEmpty() ? EntityAddrVec.of(ci.targetAddr()) : mine;
        boolean reused = false;
        if (!e.lossy) {
            Existing x = handleExistingSession(ci, policy);
            if (x == Existing.WAIT || x == Existing.STALE) {
                return;
            }
            reused = x == Existing.REUSED;
        }
        Session session = e.session();
        synchronized (session) {
            // the application already saw a session it had at rest or in use; one we were still dialing is new to it
            boolean resumed = reused && session.everReady();
            if (!reused) {
                session.policy(e.lossy ? ConnectionPolicy.statelessServer() : policy);
                session.connectSeq = 0;
            }
            session.clientCookie = e.lossy ? 0 : ci.clientCookie();
            // a fresh server cookie for every establishment, a reused session's too (send_server_ident)
            session.serverCookie = e.lossy ? 0 : MessengerCore.randomCookie();
            session.peerGlobalSeq = ci.globalSeq();
            session.peerAddrs = ci.addrs();
            long gid = core.name().type() == EntityType.MON ? 0 : core.globalId();
            session.globalSeq = core.nextGlobalSeq();
            e.sendControl(new ServerIdentFrame(announce, gid, session.globalSeq, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT,
                    CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT, e.lossy ? CephFeatures.CEPH_MSG_CONNECT_LOSSY : 0, session.serverCookie));
            e.becomeReady(ci.addrs(), peerSocketAddr(ci.addrs()), resumed);
        }
    }

    /**
     * CLIENT_IDENT from a peer we may already have a session with ({@code handle_existing_connection}
     * in {@code src/msg/async/ProtocolV2.cc}). The session found may be one the peer opened before
     * (interrupted establishment, or a restart: another client cookie) or the one we are dialing
     * to it ourselves (a connection race, decided by address).
     */
    private Existing handleExistingSession(ClientIdentFrame ci, ConnectionPolicy policy) throws ProtocolException {
        while (true) {
            Session existing = e.core.sessions().registerIfAbsent(ci.addrs(), ci.clientCookie(), e.session());
            if (existing == null) {
                return Existing.NONE;
            }
            synchronized (existing) {
                if (existing.isClosed()) {
                    e.core.sessions().unregister(existing);
                    continue; // it ended meanwhile: this one takes its place
                }
                if (existing.peerGlobalSeq > ci.globalSeq()) {
                    // the existing session came from a later attempt of this peer (e.g. the winner of a race we already settled)
                    sentWait = true;
                    e.endSession(null); // dropped quietly: the peer's older attempt lost to a newer one it already made
                    return Existing.STALE;
                }
                boolean cookiesSet = existing.serverCookie != 0 && existing.clientCookie != 0;
                if (cookiesSet && existing.clientCookie != ci.clientCookie()) {
                    // a session under another cookie: the peer restarted, or reset its side of it
                    if (policy.resetcheck()) {
                        existing.resetFull();
                        existing.listener().onRemoteReset();
                    }
                    reuse(existing);
                    return Existing.REUSED;
                }
                ProtocolEngine live = existing.engine();
                boolean readyOrStandby = live != null ? live.isReady() : existing.everReady();
                if (existing.clientCookie == ci.clientCookie() || readyOrStandby) {
                    // establishment interrupted between CLIENT_IDENT and SERVER_IDENT, or a session at rest: continue it here
                    reuse(existing);
                    return Existing.REUSED;
                }
                // a connection race: our own connector to this peer is still handshaking
                if (peerAddrLower(ci.addrs()) || existing.policy().server()) {
                    reuse(existing);
                    return Existing.REUSED;
                }
                sentWait = true;
                e.sendControl(new WaitFrame());
                return Existing.WAIT;
            }
        }
    }

    /**
     * This socket takes over {@code existing} as a new establishment of it ({@code reuse_connection}
     * followed by {@code send_server_ident}): what it had sent goes out again under new sequence
     * numbers, since the peer starts counting from zero.
     */
    private void reuse(Session existing) {
        adopt(existing);
        existing.requeueSent();
        existing.outQueue.forEach(o -> o.seq = 0);
        existing.outSeq = 0;
        existing.inSeq = 0;
        existing.inSeqAcked = 0;
        existing.connectSeq = 0;
    }

    /** The server side of 10.2: resume the session the peer names, or tell it why not ({@code handle_reconnect}). */
    private void handleReconnect(SessionReconnectFrame r) throws ProtocolException {
        if (r.addrs().isEmpty() || r.addrs().addrs().stream().allMatch(EntityAddr::isBlank)) {
            throw new ProtocolException("SESSION_RECONNECT without an address");
        }
        ConnectionPolicy policy = e.core.policy(e.peerType);
        if (policy.lossy()) {
            // we keep no lossy session to resume: the peer starts a new one
            e.sendControl(new SessionResetFrame(true));
            return;
        }
        Session existing = e.core.sessions().find(r.addrs(), r.clientCookie());
        if (existing == null) {
            // none at all: a full reset; a client we know under another cookie: as a cookie mismatch
            boolean otherCookie = e.core.sessions().knowsPeer(r.addrs());
            e.sendControl(new SessionResetFrame(!otherCookie || policy.resetcheck()));
            return;
        }
        synchronized (existing) {
            if (existing.isClosed()) {
                e.sendControl(new SessionResetFrame(true));
                return;
            }
            if (existing.clientCookie != r.clientCookie()) {
                // we reset the session since (or the peer's cookie is from another life of it)
                e.sendControl(new SessionResetFrame(policy.resetcheck()));
                return;
            }
            if (existing.serverCookie == 0) {
                // we dialed, and never saw SERVER_IDENT while the peer did: resume the establishment
                e.sendControl(new SessionResetFrame(false));
                return;
            }
            if (existing.peerGlobalSeq > r.globalSeq()) {
                e.sendControl(new SessionRetryGlobalFrame(existing.peerGlobalSeq));
                return;
            }
            if (existing.connectSeq > r.connectSeq()) {
                e.sendControl(new SessionRetryFrame(existing.connectSeq));
                return;
            }
            if (existing.connectSeq == r.connectSeq() && existing.target() != null && !existing.policy().server() && !peerAddrLower(r.addrs())) {
                // both sides reconnect at once: the attempt from the lower address wins, the higher one waits
                sentWait = true;
                e.sendControl(new WaitFrame());
                return;
            }
            adopt(existing);
            existing.connectSeq = r.connectSeq();
            existing.peerGlobalSeq = r.globalSeq();
            existing.peerAddrs = r.addrs();
            existing.requeueSent();
            existing.discardRequeuedUpTo(r.msgSeq());
            e.features = existing.info() != null ? existing.info().features() : CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT;
            e.lossy = false;
            e.sendControl(new SessionReconnectOkFrame(existing.inSeq));
            e.becomeReady(r.addrs(), peerSocketAddr(r.addrs()), true);
        }
    }

    /** The peer as this socket sees it: its IP and port, with the nonce of the addresses it announced. */
    private EntityAddr peerSocketAddr(EntityAddrVec announced) {
        InetSocketAddress remote = e.transport.remoteAddress();
        return new EntityAddr(AddrType.MSGR2, announced.get(0).nonce(), remote.getAddress(), remote.getPort());
    }

    /**
     * This socket takes over {@code existing} ({@code reuse_connection}): the socket that served it
     * is closed without a fault, and the provisional session of this socket is dropped.
     */
    private void adopt(Session existing) {
        // only lossless msgr2 sessions are registered, so whatever served the session was a ProtocolV2
        if (existing.engine() instanceof ProtocolV2 old && old != e) {
            old.retire();
        }
        Session provisional = e.session();
        provisional.detach(e);
        e.core.sessions().unregister(provisional);
        e.session(existing);
        existing.attach(e);
        provisional.listener().onDiscarded();
    }

    /** Whether the peer's msgr2 address sorts before ours (Ceph compares {@code msgr2_addr()}): its attempt wins a race. */
    private boolean peerAddrLower(EntityAddrVec peer) {
        EntityAddr mine = e.core.myAddrs().msgr2().orElse(null);
        EntityAddr theirs = peer.msgr2().orElse(null);
        return mine == null || theirs == null || compareAddr(theirs, mine) < 0;
    }

    /** Ceph's {@code entity_addr_t} order as far as two msgr2 addresses differ: ip bytes, port, nonce. */
    static int compareAddr(EntityAddr a, EntityAddr b) {
        int c = Arrays.compareUnsigned(a.ip().getAddress(), b.ip().getAddress());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.port(), b.port());
        return c != 0 ? c : Integer.compareUnsigned(a.nonce(), b.nonce());
    }

    /** Ceph compares addresses byte-wise; a nonce of 0 on the dialing side means "any instance". */
    static boolean matchesAny(EntityAddrVec addrs, EntityAddr a) {
        for (EntityAddr x : addrs.addrs()) {
            if (x.type() == a.type() && x.port() == a.port() && Objects.equals(x.ip(), a.ip())
                    && (x.nonce() == a.nonce() || a.nonce() == 0 || x.nonce() == 0)) {
                return true;
            }
        }
        return false;
    }
}
