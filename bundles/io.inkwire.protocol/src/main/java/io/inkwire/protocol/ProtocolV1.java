package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.v1.BannerV1;
import io.inkwire.wire.v1.CephTimespec;
import io.inkwire.wire.v1.ConnectMessage;
import io.inkwire.wire.v1.ConnectReply;
import io.inkwire.wire.v1.MessageFooterV1;
import io.inkwire.wire.v1.MsgrTag;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One msgr1 ("ceph v027") connection's protocol state machine, in either role
 * ({@code src/msg/async/ProtocolV1.cc}; msgr2-wire.md §13), driven as every {@link ProtocolEngine}
 * is. Any violation — a wrong banner, a bad crc, an unknown tag, a length over a limit — closes the
 * connection with a {@link ProtocolException}.
 *
 * <pre>
 * connector: banner → (server banner, server addr, our addr as seen) → our addr, CONNECT [+ authorizer]
 *            → CONNECT_REPLY [+ authorizer reply]: READY | SEQ (+ le64 each way)
 *              | CHALLENGE_AUTHORIZER / RETRY_SESSION / RETRY_GLOBAL / RESETSESSION (→ CONNECT again)
 *              | WAIT / BADPROTOVER / BADAUTHORIZER (twice) / FEATURES (fatal)
 * acceptor:  banner, our addr, peer addr → (client banner, client addr) → CONNECT … → reply
 * then:      [MON_AUTH: MAuth / MAuthReply] → tag stream — MSG (header, front, middle, data, footer),
 *            ACK, KEEPALIVE, KEEPALIVE2(_ACK), CLOSE
 * </pre>
 *
 * <p>Authentication: towards a monitor the connect carries no authorizer and the client
 * authenticates afterwards in MAuth messages ({@link V1MonAuthPhase}, when the engine was made with
 * {@code monAuth}; else the caller runs {@link MonAuthOverMessages} itself); towards any other
 * service it carries the auth method's authorizer ({@link AuthClientSession#initialRequest()}),
 * a cephx challenge is answered through {@link AuthClientSession#handleReplyMore}, and READY's
 * authorizer reply completes it ({@link AuthClientSession#handleDone}). A cephx authorizer keys
 * the per-message signatures of {@link CephxMessageSigner}.
 *
 * <p>This class is the state machine: the state, the read steps and their dispatch, and the end of
 * the socket. The phases: {@link V1ConnectPhase} (connector handshake), {@link V1AcceptPhase}
 * (acceptor handshake), {@link V1MonAuthPhase} (MAuth), {@link V1ReadyPhase} (the tag stream).
 * msgr1 sessions are lossy here: the session lives and dies with its socket.
 */
public final class ProtocolV1 implements ProtocolEngine {

    /** {@code CEPH_OSD_PROTOCOL}, {@code CEPH_MDS_PROTOCOL}, {@code CEPH_MON_PROTOCOL}: between daemons of one type. */
    public static final int CEPH_OSD_PROTOCOL = 10;
    public static final int CEPH_MDS_PROTOCOL = 12;
    public static final int CEPH_MON_PROTOCOL = 13;
    /** {@code CEPH_OSDC_PROTOCOL}, {@code CEPH_MDSC_PROTOCOL}, {@code CEPH_MONC_PROTOCOL}: a client of that service. */
    public static final int CEPH_OSDC_PROTOCOL = 24;
    public static final int CEPH_MDSC_PROTOCOL = 32;
    public static final int CEPH_MONC_PROTOCOL = 15;

    /** Connect messages one connection may exchange before we call the peer hostile (retries, challenge, bad authorizer). */
    static final int MAX_CONNECT_ATTEMPTS = 8;
    /** The name {@link ConnectionInfo#mode()} carries on msgr1, as the kernel's {@code ms_mode=legacy}. */
    public static final String MODE_LEGACY = "legacy";
    /** The name {@link ConnectionInfo#authMethod()} carries when the connect had no authorizer (a monitor session: MAuth follows). */
    public static final String AUTH_IN_MESSAGES = "mauth";

    enum State { NEW, BANNER, CONNECTING, SEQ_EXCHANGE, MON_AUTH, READY, CLOSED }

    enum ReadStep {
        SERVER_BANNER, SERVER_ADDRS, CLIENT_BANNER, CLIENT_ADDR, CONNECT, CONNECT_AUTHORIZER, CONNECT_REPLY, REPLY_AUTHORIZER, PEER_SEQ,
        TAG, MSG_HEADER, MSG_PAYLOAD, MSG_FOOTER, ACK_SEQ, KEEPALIVE2_STAMP, KEEPALIVE2_ACK_STAMP
    }

    final Role role;
    final MessengerCore core;
    final Transport transport;
    final EntityAddr target;
    final AuthSessions auth = new AuthSessions();
    private final Session session;
    /** Whether a monitor session runs MAuth in this engine before it is ready. */
    private final boolean monAuth;
    private final V1ConnectPhase connect = new V1ConnectPhase(this);
    private final V1AcceptPhase accept = new V1AcceptPhase(this);
    final V1ReadyPhase ready = new V1ReadyPhase(this);
    private V1MonAuthPhase mauth;

    private final ReceiveBuffers rx;
    private State state = State.NEW;
    private ReadStep step;
    private int want;
    private ConnectionInfo info;

    // What the handshake settles (both roles).
    EntityType peerType;
    EntityAddr peerAddr;
    EntityAddrVec peerAddrs;
    int connectAttempts;
    long globalSeq;
    long connectSeq;
    AuthProvider method;
    CephxMessageSigner signer;
    long globalId;
    EntityName authenticatedEntity;
    long features;
    boolean msgAuth;
    boolean lossy;
    long outSeq;
    long inSeq;

    private ProtocolV1(Role role, MessengerCore core, Transport transport, Session session, boolean monAuth) {
        this.role = role;
        this.core = core;
        this.transport = transport;
        this.session = session;
        this.target = session.target();
        this.peerType = session.peerType();
        this.monAuth = monAuth;
        this.rx = new ReceiveBuffers(core.receiveBuffers());
        session.attach(this);
    }

    /** The bare engine of a connection we dialed to {@code target} (a {@code v1:} address): a monitor session's MAuth is the caller's. */
    public static ProtocolV1 connector(MessengerCore core, Transport t, ProtocolListener l, EntityAddr target, EntityType peerType) {
        return connector(core, t, new Session(target, peerType, null, l), false);
    }

    /**
     * The engine of a socket dialed for {@code session} (its target a {@code v1:} address);
     * {@code monAuth}: a monitor session authenticates in MAuth here before it is ready, as a
     * messenger's connection must.
     */
    public static ProtocolV1 connector(MessengerCore core, Transport t, Session session, boolean monAuth) {
        Objects.requireNonNull(session.target(), "target");
        Objects.requireNonNull(session.peerType(), "peerType");
        return new ProtocolV1(Role.CONNECTOR, core, t, session, monAuth);
    }

    /** The bare engine of a connection we accepted on a msgr1 port. */
    public static ProtocolV1 acceptor(MessengerCore core, Transport t, ProtocolListener l) {
        return acceptor(core, t, Session.accepted(l), false);
    }

    /** The engine of a socket accepted on a msgr1 port; {@code monAuth}: a monitor authenticates its clients in MAuth here. */
    public static ProtocolV1 acceptor(MessengerCore core, Transport t, Session provisional, boolean monAuth) {
        return new ProtocolV1(Role.ACCEPTOR, core, t, provisional, monAuth);
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public String protocol() {
        return "msgr1";
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public Session session() {
        return session;
    }

    ProtocolListener listener() {
        return session.listener();
    }

    @Override
    public boolean isReady() {
        return state == State.READY;
    }

    @Override
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    @Override
    public int bytesWanted() {
        return want;
    }

    /** A message's front, middle and data go to a pooled buffer the message keeps; everything else to the socket's reused one. */
    @Override
    public ByteBuffer receiveBuffer() {
        return rx.next(want, step == ReadStep.MSG_PAYLOAD);
    }

    /** The payload length of the message being read (from its header until it was dispatched), else 0. */
    @Override
    public long messageBytesAhead() {
        return ready.messageBytesAhead();
    }

    @Override
    public ConnectionInfo info() {
        return info;
    }

    /** The entity the acceptor authenticated through an authorizer (null on the connector side or without one). */
    public EntityName authenticatedEntity() {
        return authenticatedEntity;
    }

    /**
     * {@code AsyncMessenger::get_proto_version}: between daemons of one type their cluster protocol,
     * else the protocol of the service side ({@code connect}: the peer is the service).
     */
    static int protoVersion(EntityType me, EntityType peer, boolean connect) {
        if (me == peer) {
            switch (me) {
                case OSD: return CEPH_OSD_PROTOCOL;
                case MDS: return CEPH_MDS_PROTOCOL;
                case MON: return CEPH_MON_PROTOCOL;
                default: return 0;
            }
        }
        switch (connect ? peer : me) {
            case OSD: return CEPH_OSDC_PROTOCOL;
            case MDS: return CEPH_MDSC_PROTOCOL;
            case MON: return CEPH_MONC_PROTOCOL;
            default: return 0;
        }
    }

    @Override
    public void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        state = State.BANNER;
        if (role == Role.CONNECTOR) {
            connect.sendBanner();
        } else {
            accept.sendBanner();
        }
        transport.flush();
    }

    /** The next read: {@code n} bytes for step {@code s}. */
    void expect(ReadStep s, int n) {
        step = s;
        want = n;
    }

    // ---------------------------------------------------------------- reading and dispatch

    @Override
    public void discardReceiveBuffer(ByteBuffer b) {
        rx.discard(b);
    }

    /** The one dispatch: each read step's bytes go to the phase that asked for them. */
    @Override
    public void onBytes(ByteBuffer in) {
        BufferPool.Lease lease = rx.claim(in);
        if (state == State.CLOSED) {
            if (lease != null) {
                lease.release();
            }
            return;
        }
        try {
            if (in.remaining() != want) {
                throw new IllegalArgumentException("engine wants " + want + " bytes, got " + in.remaining());
            }
            in = in.slice().order(ByteOrder.LITTLE_ENDIAN);
            switch (step) {
                case SERVER_BANNER -> {
                    BannerV1.checkBanner(in);
                    expect(ReadStep.SERVER_ADDRS, BannerV1.SERVER_GREETING_LENGTH - BannerV1.LENGTH);
                }
                case SERVER_ADDRS -> connect.handleServerAddrs(in);
                case CLIENT_BANNER -> {
                    BannerV1.checkBanner(in);
                    expect(ReadStep.CLIENT_ADDR, BannerV1.CLIENT_GREETING_LENGTH - BannerV1.LENGTH);
                }
                case CLIENT_ADDR -> accept.handleClientAddr(in);
                case CONNECT -> accept.handleConnect(ConnectMessage.decode(in));
                case CONNECT_AUTHORIZER -> accept.handleConnectAuthorizer(bytes(in));
                case CONNECT_REPLY -> connect.handleConnectReply(ConnectReply.decode(in));
                case REPLY_AUTHORIZER -> connect.handleReplyAuthorizer(bytes(in));
                case PEER_SEQ -> handlePeerSeq(in.getLong());
                case TAG -> ready.handleTag(in.get() & 0xff);
                case MSG_HEADER -> ready.handleHeader(in);
                case MSG_PAYLOAD -> {
                    ready.handlePayload(in, lease); // held until the footer is checked, then the message's
                    lease = null;
                }
                case MSG_FOOTER -> ready.handleFooter(MessageFooterV1.decode(in, msgAuth));
                case ACK_SEQ -> {
                    in.getLong(); // lossy sessions keep no sent messages to trim; lossless resend comes with session recovery
                    readTag();
                }
                case KEEPALIVE2_STAMP -> ready.handleKeepalive2(CephTimespec.decode(in));
                case KEEPALIVE2_ACK_STAMP -> ready.handleKeepalive2Ack(CephTimespec.decode(in));
                default -> throw new IllegalStateException(step.name());
            }
        } catch (ProtocolException | AuthException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProtocolException("internal error handling msgr1 peer data: " + e, e));
        } finally {
            if (lease != null) {
                lease.release(); // pooled bytes no step kept (a closed engine's, a length mismatch)
            }
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.remaining()];
        in.get(b);
        return b;
    }

    // ---------------------------------------------------------------- moves between states

    /** Banners and addresses exchanged: the connect messages follow. */
    void connecting() {
        state = State.CONNECTING;
    }

    /** A SEQ reply: both sides send their le64 in_seq before the tag stream. */
    void seqExchange() {
        state = State.SEQ_EXCHANGE;
        expect(ReadStep.PEER_SEQ, 8);
    }

    private void handlePeerSeq(long peerSeq) throws ProtocolException, AuthException {
        if (role == Role.CONNECTOR) {
            // the highest of our messages the server has: nothing of ours survives a new connection to resend
            write(new CephEncoder(8).u64(inSeq).toByteArray());
        } else if (peerSeq < 0) {
            throw new ProtocolException("bad in_seq " + Long.toUnsignedString(peerSeq) + " in the SEQ exchange");
        }
        becomeReady();
    }

    /** Signatures (msgr2-wire.md §11.8) when a cephx authorizer was used, MSG_AUTH is shared and cephx_sign_messages is on. */
    void startSigning(AuthResult result) {
        if (method != null && method.method() == AuthProvider.CEPH_AUTH_CEPHX && msgAuth
                && core.options().getBoolean("cephx_sign_messages", true) && result.sessionKey().length > 0) {
            signer = new CephxMessageSigner(result.sessionKey(), (features & CephFeatures.CEPHX_V2) != 0);
        }
    }

    /** The handshake completed: the tag stream starts, after MAuth for a monitor session. */
    void becomeReady() throws AuthException {
        auth.close();
        String authName = method != null ? method.name() : AUTH_IN_MESSAGES;
        EntityAddr peer = role == Role.CONNECTOR ? target : peerAddr;
        info = new ConnectionInfo(role, "msgr1", 0, peer, peerAddrs, peerType, authenticatedEntity, authName, MODE_LEGACY, globalId,
                features, lossy);
        readTag();
        mauth = monAuth ? V1MonAuthPhase.forSession(this) : null;
        if (mauth != null) {
            state = State.MON_AUTH;
            mauth.start();
            return;
        }
        handOver(info);
    }

    /** The session is the application's from now on: it hears READY, and what waited is written. */
    private void handOver(ConnectionInfo i) {
        state = State.READY;
        info = i;
        listener().onReady(i, false);
        writeQueued();
        if (state == State.READY) {
            transport.flush();
        }
    }

    void readTag() {
        expect(ReadStep.TAG, 1);
    }

    /** A message arrived in order: MAuth's, or the application's once the session is ready. */
    void deliver(RawMessage m) throws AuthException, ProtocolException {
        if (mauth != null && mauth.wants(m)) {
            ConnectionInfo authenticated;
            try {
                authenticated = mauth.handle(m, info); // decoded, nothing kept
            } finally {
                m.release();
            }
            if (authenticated != null) {
                if (role == Role.CONNECTOR) {
                    mauth.close(); // its session key lives on in the messenger's auth handler
                    mauth = null;
                }
                handOver(authenticated);
            }
            return;
        }
        if (state == State.MON_AUTH) {
            m.release();
            return; // nothing but MAuth is due before the monitor session is authenticated
        }
        listener().onMessage(m);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Queues a message; {@code written} (may be null) completes when the socket took it, or
     * exceptionally if the connection closes first. msgr1 sessions here are lossy: nothing is kept
     * for a resend on another socket.
     */
    @Override
    public void send(RawMessage m, CompletableFuture<Void> written) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("connection closed");
        }
        session.queue(m, written);
        writeQueued();
        if (state == State.READY) {
            transport.flush();
        }
    }

    /** Writes what waits in the session's queue once the session is ready (msgr1 keeps no back-pressure of its own). */
    @Override
    public void writeQueued() {
        for (Session.Outgoing o; state == State.READY && (o = session.pollQueued()) != null; ) {
            try {
                ready.writeMessage(o.message, o);
            } finally {
                o.done(); // copied by the transport; msgr1 sessions never resend
            }
        }
    }

    /** KEEPALIVE2 with the wall clock when the peer knows it (MSGR_KEEPALIVE2), else a bare KEEPALIVE that nobody answers. */
    @Override
    public Instant sendKeepalive() {
        Instant now = Instant.now();
        if (state == State.READY) {
            ready.sendKeepalive(now);
        }
        return now;
    }

    void write(byte[]... parts) {
        ByteBuffer[] bufs = new ByteBuffer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bufs[i] = ByteBuffer.wrap(parts[i]);
        }
        transport.write(bufs);
    }

    // ---------------------------------------------------------------- closing

    /** Closes in order: a CLOSE tag on an established session, then the socket. */
    @Override
    public void close(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        if (cause == null && (state == State.READY || state == State.MON_AUTH)) {
            write(new byte[] {(byte) MsgrTag.CLOSE});
            transport.flush();
        }
        end(cause);
    }

    @Override
    public void onTransportClosed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        end(cause != null ? cause : was == State.READY || was == State.MON_AUTH ? null
                : new ProtocolException("msgr1 connection closed by the peer during the handshake (state " + was + ")"));
    }

    void fail(Exception cause) {
        if (state == State.CLOSED) {
            return;
        }
        end(cause);
    }

    /** Closes the socket and ends the session (what was queued fails); {@code cause} null for an orderly end. */
    void end(Throwable cause) {
        state = State.CLOSED;
        want = 1;
        ready.clear();
        accept.clear();
        auth.close();
        if (mauth != null) {
            mauth.close();
            mauth = null;
        }
        if (signer != null) {
            signer.destroy();
        }
        transport.close();
        session.detach(this);
        session.end(core, cause);
    }

    @Override
    public String toString() {
        return "ProtocolV1{" + role.name().toLowerCase() + " " + state + "}";
    }
}
