package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.wire.Banner;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.AuthSignatureFrame;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.ControlFrames;
import io.inkwire.wire.frame.HelloFrame;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One msgr2 connection's protocol state machine, in either role ({@code src/msg/async/ProtocolV2.cc}),
 * driven as every {@link ProtocolEngine} is. Every violation — a frame that is not valid in the
 * current state, a bad crc, a length over a limit — closes the connection with a
 * {@link ProtocolException}. Not thread-safe: call it from the connection's I/O thread only.
 *
 * <pre>
 * connector: BANNER → HELLO → AUTH (→ AUTH_BAD_METHOD retry | AUTH_REPLY_MORE rounds) → AUTH_DONE
 *            → AUTH_SIGN → SESSION (CLIENT_IDENT / SERVER_IDENT) → READY
 * acceptor:  BANNER → HELLO → AUTH (AUTH_REQUEST, AUTH_REQUEST_MORE) → AUTH_SIGN → SESSION → READY
 * </pre>
 *
 * <p>This class is the state machine: the state, the reads (banner, preamble, frame remainder), the
 * dispatch of each frame to the phase of the state, the moves between states and the end of the
 * socket. Each phase handles its frames: {@link V2HelloPhase} (banner and HELLO),
 * {@link V2AuthClientPhase} and {@link V2AuthServerPhase}, {@link V2SignaturePhase},
 * {@link V2SessionClientPhase} and {@link V2SessionServerPhase}, {@link V2ReadyPhase}.
 */
public final class ProtocolV2 implements ProtocolEngine {

    /** The msgr2 features inkwire supports: revision 1 framing (rev0 is spoken to peers without it). */
    public static final long MSGR2_SUPPORTED = Banner.CEPH_MSGR2_FEATURE_REVISION_1;
    /** The msgr2 features inkwire requires: none, so that a rev0-only peer can still talk. */
    public static final long MSGR2_REQUIRED = 0;
    /** AUTH_REQUESTs an acceptor answers on one connection before giving up on the peer. */
    static final int MAX_AUTH_ATTEMPTS = 8;

    enum State { NEW, BANNER, HELLO, AUTH, AUTH_SIGN, SESSION, READY, CLOSED }

    final Role role;
    final MessengerCore core;
    final Transport transport;
    final EntityAddr target;
    final PreAuthTranscript transcript = new PreAuthTranscript();
    final AuthSessions auth = new AuthSessions();
    /** The session this socket serves; an acceptor swaps its provisional one for an existing session it resumes. */
    private Session session;

    final V2HelloPhase hello = new V2HelloPhase(this);
    private final V2AuthClientPhase authClient = new V2AuthClientPhase(this);
    private final V2AuthServerPhase authServer = new V2AuthServerPhase(this);
    private final V2SignaturePhase signature = new V2SignaturePhase(this);
    private final V2SessionClientPhase sessionClient = new V2SessionClientPhase(this);
    private final V2SessionServerPhase sessionServer = new V2SessionServerPhase(this);
    private final V2ReadyPhase ready = new V2ReadyPhase(this);

    private final V2FrameReader reader = new V2FrameReader(this);
    private final ReceiveBuffers rx;
    /** The lease of the bytes {@link #onBytes} is handling, until a message takes it ({@link #takeReceivedLease}). */
    private BufferPool.Lease received;
    private State state = State.NEW;
    private ConnectionInfo info;

    // What the phases settle, in the order they settle it.
    /** Banner: the msgr2 features we advertise, and the framing revision both offer. */
    long msgr2Supported = MSGR2_SUPPORTED;
    int revision;
    /** HELLO: the peer's type (the connector knows it from the start) and the address it sees us at. */
    EntityType peerType;
    EntityAddr learnedAddr;
    /** Auth: the method and mode agreed on, the global id, and the entity an acceptor authenticated. */
    AuthProvider method;
    ConnectionMode mode;
    long globalId;
    EntityName authenticatedEntity;
    /** Session: the features both sides have, and whether the session is lossy. */
    long features;
    boolean lossy;

    private ProtocolV2(Role role, MessengerCore core, Transport transport, Session session) {
        this.role = role;
        this.core = core;
        this.transport = transport;
        this.session = session;
        this.target = session.target();
        this.peerType = session.peerType();
        this.rx = new ReceiveBuffers(core.receiveBuffers());
        session.attach(this);
    }

    /** The engine of a connection we dialed to {@code target}, a peer of type {@code peerType}: a new session with the policy for that type. */
    public static ProtocolV2 connector(MessengerCore core, Transport t, ProtocolListener l, EntityAddr target, EntityType peerType) {
        return connector(core, t, new Session(target, peerType, core.policy(peerType), l));
    }

    /**
     * The engine of a new socket for {@code session} (ours, dialed to its target): resumes it with
     * SESSION_RECONNECT when the peer knows it, else opens it with CLIENT_IDENT.
     */
    public static ProtocolV2 connector(MessengerCore core, Transport t, Session session) {
        if (session.target() == null) {
            throw new IllegalArgumentException("a session the peer opened cannot be dialed");
        }
        return new ProtocolV2(Role.CONNECTOR, core, t, session);
    }

    /** The engine of a connection we accepted, with a provisional session reporting to {@code l}. */
    public static ProtocolV2 acceptor(MessengerCore core, Transport t, ProtocolListener l) {
        return acceptor(core, t, Session.accepted(l));
    }

    /** The engine of a connection we accepted, with {@code provisional} as its session until the peer identifies itself. */
    public static ProtocolV2 acceptor(MessengerCore core, Transport t, Session provisional) {
        return new ProtocolV2(Role.ACCEPTOR, core, t, provisional);
    }

    @Override
    public String protocol() {
        return "msgr2";
    }

    @Override
    public Transport transport() {
        return transport;
    }

    /** The session this socket currently serves (an acceptor may move to an existing session it resumes). */
    @Override
    public Session session() {
        return session;
    }

    /** This socket now serves {@code s} (an acceptor resuming an existing session). */
    void session(Session s) {
        this.session = s;
    }

    ProtocolListener listener() {
        return session.listener();
    }

    @Override
    public Role role() {
        return role;
    }

    State state() {
        return state;
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
        return reader.want();
    }

    /** A MESSAGE frame's remainder goes to a pooled buffer its message keeps; everything else to the socket's reused one. */
    @Override
    public ByteBuffer receiveBuffer() {
        FrameCodec c = reader.codec();
        return rx.next(reader.want(), reader.messageBytesAhead() > 0, c != null && c.readsDirectBuffers());
    }

    @Override
    public ConnectionInfo info() {
        return info;
    }

    /** The entity the acceptor authenticated (null on the connector side). */
    public EntityName authenticatedEntity() {
        return authenticatedEntity;
    }

    /** Whether this socket ended because the peer asked us to WAIT (the connector backs off longer). */
    public boolean waitRequested() {
        return sessionClient.waitRequested();
    }

    /** Test hook: the revision the banners agreed on. */
    int revision() {
        return revision;
    }

    /** Test hook: the msgr2 features our banner advertises (e.g. 0 to speak rev0 only); call before {@link #start()}. */
    void advertiseMsgr2Features(long supported) {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        this.msgr2Supported = supported;
    }

    /** Sends our banner; both sides do so at once on connect. */
    @Override
    public void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        state = State.BANNER;
        hello.sendBanner();
    }

    // ---------------------------------------------------------------- reading and dispatch

    @Override
    public void discardReceiveBuffer(ByteBuffer b) {
        rx.discard(b);
    }

    /**
     * Consumes exactly {@link #bytesWanted()} bytes. A protocol violation closes the connection and
     * is reported to the listener (and not thrown).
     */
    @Override
    public void onBytes(ByteBuffer in) {
        BufferPool.Lease lease = rx.claim(in);
        if (state == State.CLOSED) {
            if (lease != null) {
                lease.release();
            }
            return;
        }
        received = lease;
        try {
            if (in.remaining() != reader.want()) {
                throw new IllegalArgumentException("engine wants " + reader.want() + " bytes, got " + in.remaining());
            }
            if (state.ordinal() < State.AUTH_SIGN.ordinal()) {
                transcript.received(in);
            }
            reader.read(in);
        } catch (ProtocolException | AuthException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProtocolException("internal error handling peer data: " + e, e));
        } finally {
            BufferPool.Lease unused = takeReceivedLease();
            if (unused != null) {
                unused.release(); // no message took the bytes: a duplicate, an aborted frame, an error
            }
        }
    }

    /** The lease of the bytes being handled, for the message built from them (null when they are not pooled). */
    BufferPool.Lease takeReceivedLease() {
        BufferPool.Lease l = received;
        received = null;
        return l;
    }

    /** The one dispatch: each frame goes to the phase of the current state (and role). */
    void handleFrame(Frame f) throws ProtocolException, AuthException {
        if (f.tag() == Tag.MESSAGE) {
            ready.handleMessage(f); // only READY gets here: the reader refuses a MESSAGE preamble before
            return;
        }
        ControlFrame c = ControlFrames.decode(f);
        switch (state) {
            case HELLO -> hello.handleHello(expect(c, HelloFrame.class));
            case AUTH -> {
                if (role == Role.CONNECTOR) {
                    authClient.handle(c);
                } else {
                    authServer.handle(c);
                }
            }
            case AUTH_SIGN -> signature.handle(expect(c, AuthSignatureFrame.class));
            case SESSION -> {
                if (role == Role.CONNECTOR) {
                    sessionClient.handle(c);
                } else {
                    sessionServer.handle(c);
                }
            }
            case READY -> ready.handleControl(c);
            default -> throw new ProtocolException("frame " + Tag.name(f.tag()) + " in state " + state);
        }
    }

    /** {@code c} as a {@code type}, or the violation of receiving it in this state. */
    <T extends ControlFrame> T expect(ControlFrame c, Class<T> type) throws ProtocolException {
        if (!type.isInstance(c)) {
            throw new ProtocolException("unexpected " + Tag.name(c.tag()) + " frame in state " + state + " (" + role.name().toLowerCase() + ")");
        }
        return type.cast(c);
    }

    // ---------------------------------------------------------------- moves between states

    /** Banners exchanged: frames follow, in crc mode until auth picks one. */
    void bannerDone(FrameCodec crc) {
        reader.use(crc);
        state = State.HELLO;
    }

    /** HELLO exchanged: the connector opens the auth exchange, the acceptor awaits it. */
    void helloDone() throws ProtocolException, AuthException {
        state = State.AUTH;
        if (role == Role.CONNECTOR) {
            authClient.start();
        }
    }

    /** AUTH_DONE sent or received: the negotiated mode takes over, and each side signs the exchange. */
    void authDone(ConnectionMode chosen, AuthResult r) throws ProtocolException {
        signature.start(chosen, r);
    }

    /** The negotiated mode's codec frames both directions from here (AUTH_SIGNATURE first). */
    void switchCodec(FrameCodec negotiated) {
        reader.use(negotiated);
        state = State.AUTH_SIGN;
    }

    /** AUTH_SIGNATURE verified: the connector identifies itself (or resumes), the acceptor awaits that. */
    void signatureDone() throws ProtocolException {
        state = State.SESSION;
        if (role == Role.CONNECTOR) {
            sessionClient.start();
        }
    }

    /** Called with the session locked. {@code resumed}: an existing session continues on this socket. */
    void becomeReady(EntityAddrVec peerAddrs, EntityAddr peerAddr, boolean resumed) {
        state = State.READY;
        auth.close();
        info = new ConnectionInfo(role, "msgr2", revision, peerAddr, peerAddrs, peerType, authenticatedEntity, method.name(), mode.name(), globalId,
                features, lossy);
        session.markReady(info);
        listener().onReady(info, resumed);
        writeQueued();
        transport.flush();
    }

    /** The codec of the current mode (crc until AUTH_DONE). */
    FrameCodec codec() {
        return reader.codec();
    }

    void sendControl(ControlFrame c) throws ProtocolException {
        ByteBuffer[] bufs = reader.codec().encode(c.toFrame());
        transcript.sent(bufs);
        transport.write(bufs);
        transport.flush();
    }

    // ---------------------------------------------------------------- messages (the READY phase's)

    @Override
    public void send(RawMessage m, CompletableFuture<Void> written) {
        ready.send(m, written);
    }

    /** Writes queued messages while the unacked-bytes budget allows (lossless) — call with the session locked. */
    @Override
    public void writeQueued() {
        ready.writeQueued();
    }

    @Override
    public void ackIfNeeded() {
        ready.ackIfNeeded();
    }

    @Override
    public long messageBytesAhead() {
        return reader.messageBytesAhead();
    }

    @Override
    public Instant sendKeepalive() {
        return ready.sendKeepalive();
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close(Throwable cause) {
        synchronized (session) {
            if (state == State.CLOSED && session.isClosed()) {
                return;
            }
            endSession(cause);
        }
    }

    @Override
    public void onTransportClosed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        if (sessionServer.sentWait()) {
            synchronized (session) {
                endSession(null); // the peer lost a connection race and hung up, as it should
            }
            return;
        }
        fail(cause != null ? cause
                : was == State.READY ? null : new ProtocolException("connection closed by the peer during the handshake (state " + was + ")"));
    }

    /**
     * Ends this socket. A lossless session that the peer may resume outlives it: its sent
     * messages are requeued and the listener hears {@code onFault}; otherwise the session ends
     * and the listener hears {@code onClosed}. Authentication failures always end the session.
     */
    void fail(Throwable cause) {
        synchronized (session) {
            if (state == State.CLOSED) {
                return;
            }
            boolean keep = !session.isLossy() && !session.isClosed() && !(cause instanceof AuthException) && !sessionClient.fatal()
                    && (role == Role.CONNECTOR || session.serverCookie != 0) && session.engine() == this;
            if (!keep) {
                endSession(cause);
                return;
            }
            state = State.CLOSED;
            session.detach(this);
            session.requeueSent();
            releaseSocketState();
            transport.close();
            listener().onFault(cause != null ? cause : new ClosedChannelException());
        }
    }

    /** Closes this socket and ends its session. Called with the session locked. */
    void endSession(Throwable cause) {
        state = State.CLOSED;
        releaseSocketState();
        transport.close();
        session.detach(this);
        session.end(core, cause);
    }

    /** Closes this socket because a newer one took over its session: no fault is reported. */
    void retire() {
        if (state == State.CLOSED) {
            return;
        }
        session.detach(this);
        state = State.CLOSED;
        releaseSocketState();
        transport.close();
    }

    private void releaseSocketState() {
        auth.close();
        transcript.clear();
        signature.clear();
        reader.close();
    }

    @Override
    public String toString() {
        return "ProtocolV2{" + role.name().toLowerCase() + " " + state + "}";
    }
}
