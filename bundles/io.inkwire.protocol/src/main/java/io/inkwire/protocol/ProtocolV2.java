package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.Banner;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.wire.MessageHeader2;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.AckFrame;
import io.inkwire.wire.frame.AuthBadMethodFrame;
import io.inkwire.wire.frame.AuthDoneFrame;
import io.inkwire.wire.frame.AuthReplyMoreFrame;
import io.inkwire.wire.frame.AuthRequestFrame;
import io.inkwire.wire.frame.AuthRequestMoreFrame;
import io.inkwire.wire.frame.AuthSignatureFrame;
import io.inkwire.wire.frame.ClientIdentFrame;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.ControlFrames;
import io.inkwire.wire.frame.HelloFrame;
import io.inkwire.wire.frame.IdentMissingFeaturesFrame;
import io.inkwire.wire.frame.Keepalive2AckFrame;
import io.inkwire.wire.frame.Keepalive2Frame;
import io.inkwire.wire.frame.ServerIdentFrame;
import io.inkwire.wire.frame.SessionReconnectFrame;
import io.inkwire.wire.frame.SessionReconnectOkFrame;
import io.inkwire.wire.frame.SessionResetFrame;
import io.inkwire.wire.frame.SessionRetryFrame;
import io.inkwire.wire.frame.SessionRetryGlobalFrame;
import io.inkwire.wire.frame.WaitFrame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * One msgr2 connection's protocol state machine, in either role ({@code src/msg/async/ProtocolV2.cc}).
 *
 * <p>Sans-I/O: the transport calls {@link #start()} once the socket is up, then repeatedly reads
 * exactly {@link #bytesWanted()} bytes and hands them to {@link #onBytes}. The engine writes through
 * {@link Transport} and reports through {@link ProtocolListener}. Every violation — a frame that is
 * not valid in the current state, a bad crc, a length over a limit — closes the connection with a
 * {@link ProtocolException}. Not thread-safe: call it from the connection's I/O thread only.
 *
 * <pre>
 * connector: BANNER → HELLO → AUTH (→ AUTH_BAD_METHOD retry | AUTH_REPLY_MORE rounds) → AUTH_DONE
 *            → AUTH_SIGN → SESSION (CLIENT_IDENT / SERVER_IDENT) → READY
 * acceptor:  BANNER → HELLO → AUTH (AUTH_REQUEST, AUTH_REQUEST_MORE) → AUTH_SIGN → SESSION → READY
 * </pre>
 */
public final class ProtocolV2 implements ProtocolEngine {

    /** The msgr2 features inkwire supports: revision 1 framing (rev0 is spoken to peers without it). */
    public static final long MSGR2_SUPPORTED = Banner.CEPH_MSGR2_FEATURE_REVISION_1;
    /** The msgr2 features inkwire requires: none, so that a rev0-only peer can still talk. */
    public static final long MSGR2_REQUIRED = 0;
    /** AUTH_REQUESTs an acceptor answers on one connection before giving up on the peer. */
    static final int MAX_AUTH_ATTEMPTS = 8;

    enum State { NEW, BANNER, HELLO, AUTH, AUTH_SIGN, SESSION, READY, CLOSED }

    private enum ReadStep { BANNER_PREFIX, BANNER_PAYLOAD, PREAMBLE, REMAINDER }

    private final Role role;
    private final MessengerCore core;
    private final Transport transport;
    private final EntityAddr target;
    private final PreAuthTranscript transcript = new PreAuthTranscript();
    /** The session this socket serves; an acceptor swaps its provisional one for an existing session it resumes. */
    private Session session;

    private State state = State.NEW;
    private ReadStep step = ReadStep.BANNER_PREFIX;
    private int want = Banner.PREFIX_AND_LENGTH;
    private Preamble preamble;
    private FrameCodec codec;
    private int revision;
    private long msgr2Supported = MSGR2_SUPPORTED;

    private EntityType peerType;
    private EntityAddr learnedAddr;
    private List<AuthProvider> methodsLeft;
    private AuthProvider method;
    private List<ConnectionMode> offeredModes = List.of();
    private AuthClientSession clientAuth;
    private AuthServerSession serverAuth;
    private ConnectionMode mode;
    private byte[] sessionKey = new byte[0];
    private long globalId;
    private int authAttempts;
    private EntityName authenticatedEntity;

    private long features;
    private boolean lossy;
    private ConnectionInfo info;
    /** The MESSAGE frame whose segments are being read: its length, for the transport's dispatch throttle; 0 otherwise. */
    private long messageBytesAhead;
    /** Why the session layer ended this socket without a fault of the peer (WAIT); null otherwise. */
    private boolean waitRequested;
    /** This acceptor told the peer to WAIT (or dropped its stale attempt): the socket's end is no fault. */
    private boolean sentWait;
    private boolean connectorSentIdent;
    /** The failure at hand ends the session even if it is lossless (a reconnect could not fix it). */
    private boolean fatal;

    private ProtocolV2(Role role, MessengerCore core, Transport transport, Session session) {
        this.role = role;
        this.core = core;
        this.transport = transport;
        this.session = session;
        this.target = session.target();
        this.peerType = session.peerType();
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
        return acceptor(core, t, new Session(null, null, null, l));
    }

    /** The engine of a connection we accepted, with {@code provisional} as its session until the peer identifies itself. */
    public static ProtocolV2 acceptor(MessengerCore core, Transport t, Session provisional) {
        return new ProtocolV2(Role.ACCEPTOR, core, t, provisional);
    }

    /** The transport this engine writes to. */
    public Transport transport() {
        return transport;
    }

    /** The session this socket currently serves (an acceptor may move to an existing session it resumes). */
    public Session session() {
        return session;
    }

    private ProtocolListener listener() {
        return session.listener();
    }

    public Role role() {
        return role;
    }

    State state() {
        return state;
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** How many bytes the next {@link #onBytes} call must carry. */
    public int bytesWanted() {
        return want;
    }

    /** Test hook: the msgr2 features our banner advertises (e.g. 0 to speak rev0 only); call before {@link #start()}. */
    void advertiseMsgr2Features(long supported) {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        this.msgr2Supported = supported;
    }

    /** Sends our banner; both sides do so at once on connect. */
    public void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        state = State.BANNER;
        ByteBuffer[] banner = {ByteBuffer.wrap(Banner.encode(msgr2Supported, MSGR2_REQUIRED))};
        transcript.sent(banner);
        transport.write(banner);
        transport.flush();
    }

    /**
     * Consumes exactly {@link #bytesWanted()} bytes. A protocol violation closes the connection and
     * is reported to the listener (and not thrown).
     */
    public void onBytes(ByteBuffer in) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (in.remaining() != want) {
                throw new IllegalArgumentException("engine wants " + want + " bytes, got " + in.remaining());
            }
            if (state.ordinal() < State.AUTH_SIGN.ordinal()) {
                transcript.received(in);
            }
            switch (step) {
                case BANNER_PREFIX:
                    want = Banner.decodePrefix(in);
                    step = ReadStep.BANNER_PAYLOAD;
                    break;
                case BANNER_PAYLOAD:
                    handleBanner(Banner.decodePayload(in));
                    break;
                case PREAMBLE:
                    preamble = codec.decodePreamble(in);
                    checkFrameLimits(preamble);
                    long rest = codec.remainderLength(preamble);
                    if (rest == 0) {
                        handleFrame(codec.decodeRemainder(preamble, ByteBuffer.allocate(0)));
                    } else {
                        want = (int) rest;
                        step = ReadStep.REMAINDER;
                        messageBytesAhead = preamble.tag() == Tag.MESSAGE ? rest : 0;
                    }
                    break;
                case REMAINDER:
                    messageBytesAhead = 0;
                    Frame f = codec.decodeRemainder(preamble, in);
                    readNextFrame();
                    if (f != null) {
                        handleFrame(f);
                    }
                    break;
                default:
                    throw new IllegalStateException(step.name());
            }
        } catch (ProtocolException | AuthException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProtocolException("internal error handling peer data: " + e, e));
        }
    }

    private void readNextFrame() {
        step = ReadStep.PREAMBLE;
        want = codec.preambleBlockLength();
    }

    private void checkFrameLimits(Preamble p) throws ProtocolException {
        // refused at the preamble, so that an unauthenticated peer cannot make us buffer a message-sized frame
        if (p.tag() == Tag.MESSAGE && state != State.READY) {
            throw new ProtocolException("MESSAGE frame in state " + state + " (before the handshake completed)");
        }
        if (p.tag() == Tag.MESSAGE && p.totalLength() > core.maxMessageLength()) {
            throw new ProtocolException("MESSAGE frame of " + p.totalLength() + " bytes exceeds the message limit of " + core.maxMessageLength()
                    + " (" + MessengerCore.MAX_MESSAGE_OPTION + ")");
        }
        if (p.tag() != Tag.MESSAGE && p.totalLength() > core.maxControlFrameLength()) {
            throw new ProtocolException(Tag.name(p.tag()) + " frame of " + p.totalLength() + " bytes exceeds the control frame limit of "
                    + core.maxControlFrameLength());
        }
        if (codec.remainderLength(p) > Integer.MAX_VALUE - 64) {
            throw new ProtocolException("frame of " + p.totalLength() + " bytes is too large");
        }
    }

    private void handleBanner(long[] peer) throws ProtocolException {
        long peerSupported = peer[0];
        long peerRequired = peer[1];
        if ((peerRequired & ~msgr2Supported) != 0) {
            throw new ProtocolException(String.format("peer requires msgr2 features 0x%x that inkwire lacks", peerRequired & ~msgr2Supported));
        }
        if ((MSGR2_REQUIRED & ~peerSupported) != 0) {
            throw new ProtocolException(String.format("peer lacks required msgr2 features 0x%x", MSGR2_REQUIRED & ~peerSupported));
        }
        // rev1 framing only when both banners offer it
        revision = (peerSupported & msgr2Supported & Banner.CEPH_MSGR2_FEATURE_REVISION_1) != 0 ? 1 : 0;
        codec = new CrcFrameCodec(revision, core.maxSegmentLength(), core.options().getBoolean("ms_crc_data", true));
        readNextFrame();
        state = State.HELLO;
        if (role == Role.CONNECTOR) {
            sendControl(new HelloFrame(core.name().type(), target));
        } else {
            InetSocketAddress remote = transport.remoteAddress();
            sendControl(new HelloFrame(core.name().type(), new EntityAddr(AddrType.MSGR2, 0, remote.getAddress(), remote.getPort())));
        }
    }

    private void handleFrame(Frame f) throws ProtocolException, AuthException {
        if (f.tag() == Tag.MESSAGE) {
            if (state != State.READY) {
                throw new ProtocolException("MESSAGE frame in state " + state + " (before the handshake completed)");
            }
            handleMessage(f);
            return;
        }
        ControlFrame c = ControlFrames.decode(f);
        switch (state) {
            case HELLO:
                expect(c, HelloFrame.class);
                handleHello((HelloFrame) c);
                break;
            case AUTH:
                if (role == Role.CONNECTOR) {
                    handleAuthConnector(c);
                } else {
                    handleAuthAcceptor(c);
                }
                break;
            case AUTH_SIGN:
                expect(c, AuthSignatureFrame.class);
                transcript.verify(sessionKey, ((AuthSignatureFrame) c).signature());
                transcript.clear();
                state = State.SESSION;
                if (role == Role.CONNECTOR) {
                    synchronized (session) {
                        if (session.canReconnect()) {
                            session.connectSeq++;
                            sendReconnect();
                        } else {
                            sendClientIdent();
                        }
                    }
                }
                break;
            case SESSION:
                if (role == Role.CONNECTOR) {
                    handleSessionConnector(c);
                } else {
                    handleSessionAcceptor(c);
                }
                break;
            case READY:
                handleReadyControl(c);
                break;
            default:
                throw new ProtocolException("frame " + Tag.name(f.tag()) + " in state " + state);
        }
    }

    private void expect(ControlFrame c, Class<? extends ControlFrame> type) throws ProtocolException {
        if (!type.isInstance(c)) {
            throw new ProtocolException("unexpected " + Tag.name(c.tag()) + " frame in state " + state + " (" + role.name().toLowerCase() + ")");
        }
    }

    // ---------------------------------------------------------------- HELLO

    private void handleHello(HelloFrame h) throws ProtocolException, AuthException {
        if (role == Role.CONNECTOR) {
            if (h.entityType() != peerType) {
                throw new ProtocolException("peer is a " + h.entityType().text() + ", expected a " + peerType.text());
            }
            learnedAddr = h.peerAddr();
            state = State.AUTH;
            methodsLeft = new ArrayList<>(core.allowedMethods(peerType));
            sendAuthRequest(null);
        } else {
            peerType = h.entityType();
            session.peerType(peerType);
            state = State.AUTH;
        }
    }

    // ---------------------------------------------------------------- AUTH, connector

    /** Sends AUTH_REQUEST with the next method the peer may accept; {@code bad} is the last refusal. */
    private void sendAuthRequest(AuthBadMethodFrame bad) throws ProtocolException, AuthException {
        while (!methodsLeft.isEmpty()) {
            AuthProvider p = methodsLeft.remove(0);
            List<ConnectionMode> modes = core.allowedModes(peerType, p);
            if (bad != null) {
                if (!bad.allowedMethods().contains(p.method())) {
                    continue;
                }
                modes = modes.stream().filter(m -> bad.allowedModes().contains(m.id())).collect(Collectors.toList());
            }
            if (modes.isEmpty()) {
                continue;
            }
            closeClientAuth();
            method = p;
            offeredModes = modes;
            clientAuth = core.clientHandler(p).newSession(peerType);
            byte[] payload = clientAuth.initialRequest();
            sendControl(new AuthRequestFrame(p.method(), modes.stream().map(ConnectionMode::id).collect(Collectors.toList()), payload));
            return;
        }
        throw noCommonAuth(bad);
    }

    private AuthException noCommonAuth(AuthBadMethodFrame bad) {
        List<String> ours = core.allowedMethods(peerType).stream().map(AuthProvider::name).collect(Collectors.toList());
        String modeOption = AuthPolicy.modeOption(core.name().type(), peerType);
        if (bad == null) {
            if (ours.isEmpty()) {
                return new AuthException(AuthException.EOPNOTSUPP, "no auth method to offer: " + AuthPolicy.methodOption(core.name().type(), peerType)
                        + "=" + AuthPolicy.methods(core.options(), core.name().type(), peerType) + ", installed " + installedMethods());
            }
            return new AuthException(AuthException.EOPNOTSUPP, "no common connection mode: " + modeOption + "="
                    + AuthPolicy.modes(core.options(), core.name().type(), peerType) + " with auth " + ours + ", installed modes " + installedModes());
        }
        if (bad.result() == AuthException.EACCES || bad.result() == AuthException.EPERM) {
            return new AuthException(bad.result(), "authentication refused by the " + peerType.text() + " (" + errnoName(bad.result())
                    + "): wrong key, unknown entity " + core.name() + ", or no caps");
        }
        boolean methodShared = ours.stream().anyMatch(n -> core.authProvider(n).map(p -> bad.allowedMethods().contains(p.method())).orElse(false));
        if (!methodShared) {
            return new AuthException(bad.result(), "no common auth method: we offer " + ours + ", the " + peerType.text() + " allows "
                    + methodNames(bad.allowedMethods()) + " (" + errnoName(bad.result()) + ")");
        }
        return new AuthException(bad.result(), "no common connection mode: we offer " + modeOption + "="
                + AuthPolicy.modes(core.options(), core.name().type(), peerType) + ", the " + peerType.text() + " allows "
                + modeNames(bad.allowedModes()) + " (" + errnoName(bad.result()) + ")");
    }

    private void handleAuthConnector(ControlFrame c) throws ProtocolException, AuthException {
        if (c instanceof AuthBadMethodFrame bad) {
            if (bad.result() == AuthException.EACCES || bad.result() == AuthException.EPERM) {
                throw noCommonAuth(bad);
            }
            sendAuthRequest(bad);
        } else if (c instanceof AuthReplyMoreFrame more) {
            sendControl(new AuthRequestMoreFrame(clientAuth.handleReplyMore(more.payload())));
        } else if (c instanceof AuthDoneFrame done) {
            ConnectionMode chosen = offeredModes.stream().filter(m -> m.id() == done.conMode()).findFirst()
                    .orElseThrow(() -> new ProtocolException("AUTH_DONE picked connection mode " + done.conMode() + ", which we did not offer"));
            AuthResult r = clientAuth.handleDone(done.globalId(), done.conMode(), chosen.connectionSecretLength(), done.payload());
            globalId = done.globalId();
            switchMode(chosen, r);
        } else {
            expect(c, AuthDoneFrame.class);
        }
    }

    // ---------------------------------------------------------------- AUTH, acceptor

    private void handleAuthAcceptor(ControlFrame c) throws ProtocolException, AuthException {
        AuthServerStep step;
        if (c instanceof AuthRequestFrame req) {
            if (++authAttempts > MAX_AUTH_ATTEMPTS) {
                throw new ProtocolException("peer sent " + MAX_AUTH_ATTEMPTS + " AUTH_REQUESTs without agreeing on a method");
            }
            List<AuthProvider> allowed = core.allowedMethods(peerType);
            AuthProvider p = allowed.stream().filter(a -> a.method() == req.method()).findFirst().orElse(null);
            ConnectionMode chosen = null;
            if (p != null) {
                List<ConnectionMode> ours = core.allowedModes(peerType, p);
                for (int id : req.preferredModes()) {
                    chosen = ours.stream().filter(m -> m.id() == id).findFirst().orElse(null);
                    if (chosen != null) {
                        break;
                    }
                }
            }
            if (p == null || chosen == null) {
                sendBadMethod(req.method(), AuthException.EOPNOTSUPP, allowed);
                return;
            }
            closeServerAuth();
            method = p;
            mode = chosen;
            serverAuth = core.serverHandler(p).newSession(peerType, chosen.connectionSecretLength());
            try {
                step = serverAuth.handle(req.payload(), false);
            } catch (AuthException e) {
                sendBadMethod(req.method(), e.errno(), allowed);
                return;
            }
        } else if (c instanceof AuthRequestMoreFrame more) {
            if (serverAuth == null) {
                throw new ProtocolException("AUTH_REQUEST_MORE before AUTH_REQUEST");
            }
            try {
                step = serverAuth.handle(more.payload(), true);
            } catch (AuthException e) {
                sendBadMethod(method.method(), e.errno(), core.allowedMethods(peerType));
                return;
            }
        } else {
            expect(c, AuthRequestFrame.class);
            return;
        }
        if (step.kind() == AuthServerStep.Kind.MORE) {
            sendControl(new AuthReplyMoreFrame(step.payload()));
            return;
        }
        AuthResult r = step.result();
        globalId = r.globalId();
        authenticatedEntity = r.entity();
        sendControl(new AuthDoneFrame(r.globalId(), mode.id(), step.payload()));
        switchMode(mode, r);
    }

    /** The entity the acceptor authenticated (null on the connector side). */
    public EntityName authenticatedEntity() {
        return authenticatedEntity;
    }

    private void sendBadMethod(int requested, int errno, List<AuthProvider> allowed) throws ProtocolException {
        List<Integer> methods = allowed.stream().map(AuthProvider::method).collect(Collectors.toList());
        List<Integer> modes = allowed.isEmpty() ? List.of()
                : core.allowedModes(peerType, allowed.get(0)).stream().map(ConnectionMode::id).collect(Collectors.toList());
        closeServerAuth();
        sendControl(new AuthBadMethodFrame(requested, errno, methods, modes));
    }

    /** After AUTH_DONE both directions use the negotiated mode; AUTH_SIGNATURE is its first frame. */
    private void switchMode(ConnectionMode chosen, AuthResult r) throws ProtocolException {
        mode = chosen;
        transcript.stop();
        byte[] secret = r.connectionSecret();
        try {
            if (secret.length < chosen.connectionSecretLength()) {
                throw new ProtocolException("auth method " + method.name() + " gave a " + secret.length + "-byte connection secret; mode "
                        + chosen.name() + " needs " + chosen.connectionSecretLength());
            }
            FrameCodec next = chosen.newFrameCodec(new FrameCodecContext(role, revision, secret, core.maxSegmentLength(), core.options()));
            codec.close();
            codec = next;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        sessionKey = r.sessionKey().clone();
        r.destroy();
        readNextFrame();
        state = State.AUTH_SIGN;
        sendControl(new AuthSignatureFrame(transcript.sign(sessionKey)));
    }

    // ---------------------------------------------------------------- SESSION, connector

    private void sendClientIdent() throws ProtocolException {
        ConnectionPolicy policy = session.policy();
        lossy = policy.lossy();
        if (!lossy && session.clientCookie == 0) {
            session.clientCookie = MessengerCore.randomCookie();
        }
        session.globalSeq = core.nextGlobalSeq();
        connectorSentIdent = true;
        sendControl(new ClientIdentFrame(myAddrsForPeer(), target, globalId == 0 ? -1 : globalId, session.globalSeq,
                CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT,
                lossy ? CephFeatures.CEPH_MSG_CONNECT_LOSSY : 0, lossy ? 0 : session.clientCookie));
    }

    /** SESSION_RECONNECT for a lossless session the peer knows; {@code global_seq} is re-drawn per attempt. */
    private void sendReconnect() throws ProtocolException {
        lossy = false;
        session.globalSeq = core.nextGlobalSeq();
        connectorSentIdent = false;
        sendControl(new SessionReconnectFrame(myAddrsForPeer(), session.clientCookie, session.serverCookie, session.globalSeq,
                session.connectSeq, session.inSeq));
    }

    private EntityAddrVec myAddrsForPeer() {
        EntityAddrVec mine = core.myAddrs();
        if (mine.isEmpty()) {
            // a client that does not listen: type ANY, the IP the peer saw, port 0, our nonce (as Ceph and the kernel do)
            mine = EntityAddrVec.of(new EntityAddr(AddrType.ANY, core.nonce(), learnedAddr.ip(), 0));
        }
        return mine;
    }

    private void handleSessionConnector(ControlFrame c) throws ProtocolException, AuthException {
        synchronized (session) {
            if (c instanceof ServerIdentFrame s) {
                if (!connectorSentIdent) {
                    throw new ProtocolException("SERVER_IDENT in reply to SESSION_RECONNECT");
                }
                if (!matchesAny(s.addrs(), target)) {
                    throw new ProtocolException("peer's addresses " + s.addrs() + " do not include the address we dialed, " + target);
                }
                long missing = CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT & ~s.supportedFeatures();
                if (missing != 0) {
                    throw new ProtocolException(String.format("peer lacks required features 0x%x", missing));
                }
                features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & s.supportedFeatures();
                lossy = (s.flags() & CephFeatures.CEPH_MSG_CONNECT_LOSSY) != 0;
                if (lossy != session.isLossy()) {
                    session.policy(lossy ? ConnectionPolicy.lossyClient() : ConnectionPolicy.losslessClient());
                }
                session.serverCookie = lossy ? 0 : s.serverCookie();
                session.peerGlobalSeq = s.globalSeq();
                session.peerAddrs = s.addrs();
                // after a SESSION_RESET the application keeps its connection: it heard onRemoteReset, not a second onReady
                becomeReady(s.addrs(), target, session.everReady());
            } else if (c instanceof SessionReconnectOkFrame ok) {
                if (connectorSentIdent) {
                    throw new ProtocolException("SESSION_RECONNECT_OK in reply to CLIENT_IDENT");
                }
                // the peer has everything up to msg_seq: what we requeued up to there is not sent again
                session.discardRequeuedUpTo(ok.msgSeq());
                ConnectionInfo was = session.info();
                features = was != null ? was.features() : features;
                becomeReady(session.peerAddrs != null ? session.peerAddrs : EntityAddrVec.of(target), target, true);
            } else if (c instanceof SessionResetFrame r) {
                if (lossy) {
                    throw new ProtocolException("SESSION_RESET on a lossy session");
                }
                requireReconnecting(c);
                if (r.full()) {
                    session.resetFull();
                    listener().onRemoteReset();
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
                core.advanceGlobalSeq(r.globalSeq());
                sendReconnect();
            } else if (c instanceof WaitFrame) {
                // the peer's own connection to us wins the race: back off, then try again
                waitRequested = true;
                throw new ProtocolException("the " + peerType.text() + " asked us to WAIT (connection race)");
            } else if (c instanceof IdentMissingFeaturesFrame m) {
                fatal = true; // retrying cannot help
                throw new ProtocolException(String.format("the %s requires features 0x%x that inkwire does not advertise", peerType.text(), m.features()));
            } else {
                throw new ProtocolException("unexpected " + Tag.name(c.tag()) + " in reply to " + (connectorSentIdent ? "CLIENT_IDENT" : "SESSION_RECONNECT"));
            }
        }
    }

    private void requireReconnecting(ControlFrame c) throws ProtocolException {
        if (connectorSentIdent) {
            throw new ProtocolException(Tag.name(c.tag()) + " in reply to CLIENT_IDENT");
        }
    }

    /** Whether this socket ended because the peer asked us to WAIT (the connector backs off longer). */
    public boolean waitRequested() {
        return waitRequested;
    }

    // ---------------------------------------------------------------- SESSION, acceptor

    private void handleSessionAcceptor(ControlFrame c) throws ProtocolException {
        if (c instanceof SessionReconnectFrame r) {
            handleReconnect(r);
            return;
        }
        expect(c, ClientIdentFrame.class);
        ClientIdentFrame ci = (ClientIdentFrame) c;
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
            sendControl(new IdentMissingFeaturesFrame(missing));
            return;
        }
        features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & ci.supportedFeatures();
        ConnectionPolicy policy = core.policy(peerType);
        // a lossy peer gets a lossy session whatever our policy says, as Ceph's acceptor does
        lossy = policy.lossy() || (ci.flags() & CephFeatures.CEPH_MSG_CONNECT_LOSSY) != 0 || ci.clientCookie() == 0;
        EntityAddrVec announce = mine.isEmpty() ? EntityAddrVec.of(ci.targetAddr()) : mine;
        boolean reused = false;
        if (!lossy) {
            Existing e = handleExistingSession(ci, policy);
            if (e == Existing.WAIT || e == Existing.STALE) {
                return;
            }
            reused = e == Existing.REUSED;
        }
        synchronized (session) {
            // the application already saw a session it had at rest or in use; one we were still dialing is new to it
            boolean resumed = reused && session.everReady();
            if (!reused) {
                session.policy(lossy ? ConnectionPolicy.statelessServer() : policy);
                session.connectSeq = 0;
            }
            session.clientCookie = lossy ? 0 : ci.clientCookie();
            // a fresh server cookie for every establishment, a reused session's too (send_server_ident)
            session.serverCookie = lossy ? 0 : MessengerCore.randomCookie();
            session.peerGlobalSeq = ci.globalSeq();
            session.peerAddrs = ci.addrs();
            long gid = core.name().type() == EntityType.MON ? 0 : core.globalId();
            session.globalSeq = core.nextGlobalSeq();
            sendControl(new ServerIdentFrame(announce, gid, session.globalSeq, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT,
                    CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT, lossy ? CephFeatures.CEPH_MSG_CONNECT_LOSSY : 0, session.serverCookie));
            InetSocketAddress remote = transport.remoteAddress();
            becomeReady(ci.addrs(), new EntityAddr(AddrType.MSGR2, ci.addrs().get(0).nonce(), remote.getAddress(), remote.getPort()), resumed);
        }
    }

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

    /**
     * CLIENT_IDENT from a peer we may already have a session with ({@code handle_existing_connection}
     * in {@code src/msg/async/ProtocolV2.cc}). The session found may be one the peer opened before
     * (interrupted establishment, or a restart: another client cookie) or the one we are dialing
     * to it ourselves (a connection race, decided by address).
     */
    private Existing handleExistingSession(ClientIdentFrame ci, ConnectionPolicy policy) throws ProtocolException {
        while (true) {
            Session existing = core.sessions().registerIfAbsent(ci.addrs(), ci.clientCookie(), session);
            if (existing == null) {
                return Existing.NONE;
            }
            synchronized (existing) {
                if (existing.isClosed()) {
                    core.sessions().unregister(existing);
                    continue; // it ended meanwhile: this one takes its place
                }
                if (existing.peerGlobalSeq > ci.globalSeq()) {
                    // the existing session came from a later attempt of this peer (e.g. the winner of a race we already settled)
                    staleAttempt();
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
                ProtocolV2 live = existing.engine();
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
                sendControl(new WaitFrame());
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

    /** Drops this socket quietly: the peer's older attempt lost to a newer one it already made. */
    private void staleAttempt() {
        sentWait = true;
        endSession(null);
    }

    /** The server side of 10.2: resume the session the peer names, or tell it why not ({@code handle_reconnect}). */
    private void handleReconnect(SessionReconnectFrame r) throws ProtocolException {
        if (r.addrs().isEmpty() || r.addrs().addrs().stream().allMatch(EntityAddr::isBlank)) {
            throw new ProtocolException("SESSION_RECONNECT without an address");
        }
        ConnectionPolicy policy = core.policy(peerType);
        if (policy.lossy()) {
            // we keep no lossy session to resume: the peer starts a new one
            sendControl(new SessionResetFrame(true));
            return;
        }
        Session existing = core.sessions().find(r.addrs(), r.clientCookie());
        if (existing == null) {
            // none at all: a full reset; a client we know under another cookie: as a cookie mismatch
            boolean otherCookie = core.sessions().knowsPeer(r.addrs());
            sendControl(new SessionResetFrame(!otherCookie || policy.resetcheck()));
            return;
        }
        synchronized (existing) {
            if (existing.isClosed()) {
                sendControl(new SessionResetFrame(true));
                return;
            }
            if (existing.clientCookie != r.clientCookie()) {
                // we reset the session since (or the peer's cookie is from another life of it)
                sendControl(new SessionResetFrame(policy.resetcheck()));
                return;
            }
            if (existing.serverCookie == 0) {
                // we dialed, and never saw SERVER_IDENT while the peer did: resume the establishment
                sendControl(new SessionResetFrame(false));
                return;
            }
            if (existing.peerGlobalSeq > r.globalSeq()) {
                sendControl(new SessionRetryGlobalFrame(existing.peerGlobalSeq));
                return;
            }
            if (existing.connectSeq > r.connectSeq()) {
                sendControl(new SessionRetryFrame(existing.connectSeq));
                return;
            }
            if (existing.connectSeq == r.connectSeq() && existing.target() != null && !existing.policy().server() && !peerAddrLower(r.addrs())) {
                // both sides reconnect at once: the attempt from the lower address wins, the higher one waits
                sentWait = true;
                sendControl(new WaitFrame());
                return;
            }
            adopt(existing);
            existing.connectSeq = r.connectSeq();
            existing.peerGlobalSeq = r.globalSeq();
            existing.peerAddrs = r.addrs();
            existing.requeueSent();
            existing.discardRequeuedUpTo(r.msgSeq());
            features = existing.info() != null ? existing.info().features() : CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT;
            lossy = false;
            sendControl(new SessionReconnectOkFrame(existing.inSeq));
            InetSocketAddress remote = transport.remoteAddress();
            becomeReady(r.addrs(), new EntityAddr(AddrType.MSGR2, r.addrs().get(0).nonce(), remote.getAddress(), remote.getPort()), true);
        }
    }

    /** Whether the peer's msgr2 address sorts before ours (Ceph compares {@code msgr2_addr()}): its attempt wins a race. */
    private boolean peerAddrLower(EntityAddrVec peer) {
        EntityAddr mine = core.myAddrs().msgr2().orElse(null);
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

    /**
     * This socket takes over {@code existing} ({@code reuse_connection}): the socket that served it
     * is closed without a fault, and the provisional session of this socket is dropped.
     */
    private void adopt(Session existing) {
        ProtocolV2 old = existing.engine();
        if (old != null && old != this) {
            old.retire();
        }
        Session provisional = session;
        provisional.detach(this);
        core.sessions().unregister(provisional);
        session = existing;
        existing.attach(this);
        provisional.listener().onDiscarded();
    }

    /** Closes this socket because a newer one took over its session: no fault is reported. */
    private void retire() {
        if (state == State.CLOSED) {
            return;
        }
        session.detach(this);
        state = State.CLOSED;
        releaseSocketState();
        transport.close();
    }

    /** Ceph compares addresses byte-wise; a nonce of 0 on the dialing side means "any instance". */
    private static boolean matchesAny(EntityAddrVec addrs, EntityAddr a) {
        for (EntityAddr x : addrs.addrs()) {
            if (x.type() == a.type() && x.port() == a.port() && java.util.Objects.equals(x.ip(), a.ip())
                    && (x.nonce() == a.nonce() || a.nonce() == 0 || x.nonce() == 0)) {
                return true;
            }
        }
        return false;
    }

    /** Called with the session locked. {@code resumed}: an existing session continues on this socket. */
    private void becomeReady(EntityAddrVec peerAddrs, EntityAddr peerAddr, boolean resumed) {
        state = State.READY;
        closeClientAuth();
        closeServerAuth();
        info = new ConnectionInfo(role, "msgr2", revision, peerAddr, peerAddrs, peerType, authenticatedEntity, method.name(), mode.name(), globalId,
                features, lossy);
        session.markReady(info);
        listener().onReady(info, resumed);
        writeQueued();
        transport.flush();
    }

    public ConnectionInfo info() {
        return info;
    }

    // ---------------------------------------------------------------- READY

    private void handleReadyControl(ControlFrame c) throws ProtocolException {
        if (c instanceof Keepalive2Frame k) {
            sendControl(new Keepalive2AckFrame(k.sec(), k.nsec()));
        } else if (c instanceof Keepalive2AckFrame k) {
            listener().onKeepaliveAck(k.sec(), k.nsec());
        } else if (c instanceof AckFrame a) {
            synchronized (session) {
                session.acked(a.seq());
                writeQueued(); // acknowledged bytes may make room under the unacked limit
            }
        } else {
            throw new ProtocolException("unexpected " + Tag.name(c.tag()) + " frame on an established session");
        }
    }

    private void handleMessage(Frame f) throws ProtocolException {
        MessageHeader2 h = MessageHeader2.decode(f.segment(0));
        synchronized (session) {
            if (!lossy) {
                session.acked(h.ackSeq());
            }
            if (h.seq() <= session.inSeq) {
                return; // a duplicate after a reconnect: already delivered
            }
            session.inSeq = h.seq();
            RawMessage m = RawMessage.builder(h.type()).version(h.version()).compatVersion(h.compatVersion()).priority(h.priority())
                    .tid(h.tid()).seq(h.seq()).dataOff(h.dataOff()).flags(h.flags())
                    .front(f.segment(1)).middle(f.segment(2)).data(f.segment(3)).build();
            listener().onMessage(m);
            if (!lossy) {
                writeQueued(); // the piggy-backed ack may have made room
            }
        }
    }

    /**
     * Queues a message; it is written at once when the session is ready, else when it becomes
     * ready. {@code written} completes once its bytes went to the transport (the transport may
     * complete it later, when the socket took them).
     */
    public void send(RawMessage m) {
        send(m, null);
    }

    /** As {@link #send(RawMessage)}, completing {@code written} when the message went to the socket. */
    public void send(RawMessage m, CompletableFuture<Void> written) {
        synchronized (session) {
            if (session.isClosed() || (state == State.CLOSED && session.isLossy())) {
                throw new IllegalStateException("connection closed");
            }
            queue(session, m, written);
            if (state == State.READY && session.engine() == this) {
                writeQueued();
                transport.flush();
            }
        }
    }

    /** Queues on a session that may have no socket right now (a lossless session between sockets). */
    public static void queue(Session s, RawMessage m, CompletableFuture<Void> written) {
        synchronized (s) {
            if (s.isClosed()) {
                throw new IllegalStateException("connection closed");
            }
            s.enqueue(m);
            s.outQueue.peekLast().written = written;
        }
    }

    /** Writes queued messages while the unacked-bytes budget allows (lossless) — call with the session locked. */
    public void writeQueued() {
        if (state != State.READY || session.engine() != this) {
            return;
        }
        long budget = core.maxUnackedBytes();
        while (!session.outQueue.isEmpty()) {
            Session.Outgoing o = session.outQueue.peekFirst();
            if (!lossy && session.unackedBytes > 0 && session.unackedBytes + o.bytes > budget) {
                break; // back-pressure: the peer must acknowledge before more goes out
            }
            if (!transport.writable()) {
                break; // the socket is behind: the transport calls again once it drained (no frames pile up in its buffers)
            }
            session.outQueue.pollFirst();
            session.queuedBytes -= o.bytes;
            o.seq = ++session.outSeq;
            if (!lossy) {
                session.sent.add(o);
                session.unackedBytes += o.bytes;
            }
            writeMessage(o);
            if (state == State.CLOSED) {
                return;
            }
        }
    }

    /** Header, front, middle, data: the alignments of a MESSAGE frame's segments (Frame.of copies them). */
    private static final int[] MESSAGE_ALIGNMENTS = {Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.PAGE_ALIGNMENT};

    private void writeMessage(Session.Outgoing o) {
        RawMessage m = o.message;
        session.inSeqAcked = session.inSeq;
        MessageHeader2 h = new MessageHeader2(o.seq, m.tid(), m.type(), m.priority(), m.version(), 0, m.dataOff(), session.inSeq,
                MessageHeader2.CEPH_MSG_FOOTER_COMPLETE | MessageHeader2.CEPH_MSG_FOOTER_NOCRC, m.compatVersion());
        Frame f = Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(h.encode()), m.front(), m.middle(), m.data()}, MESSAGE_ALIGNMENTS);
        try {
            // a lossless message's future may see several writes (resends); completing it is idempotent
            transport.write(codec.encode(f), o.written);
        } catch (ProtocolException e) {
            fail(e);
        }
    }

    /**
     * Sends an ACK when messages arrived since we last told the peer and nothing is going back
     * (lossless sessions only, as {@code ProtocolV2::handle_message} does). The transport calls it
     * after each batch of reads.
     */
    @Override
    public void ackIfNeeded() {
        synchronized (session) {
            if (state != State.READY || lossy || session.engine() != this || session.inSeq <= session.inSeqAcked) {
                return;
            }
            session.inSeqAcked = session.inSeq;
            try {
                sendControl(new AckFrame(session.inSeq));
            } catch (ProtocolException e) {
                fail(e);
            }
        }
    }

    /** Bytes of the MESSAGE frame whose segments are read next (for the dispatch throttle); 0 when none is. */
    @Override
    public long messageBytesAhead() {
        return messageBytesAhead;
    }

    /** Sends a KEEPALIVE2 stamped with the wall clock; returns the stamp. */
    public Instant sendKeepalive() {
        Instant now = Instant.now();
        if (state == State.READY) {
            try {
                sendControl(new Keepalive2Frame(now.getEpochSecond(), now.getNano()));
            } catch (ProtocolException e) {
                fail(e);
            }
        }
        return now;
    }

    private void sendControl(ControlFrame c) throws ProtocolException {
        ByteBuffer[] bufs = codec.encode(c.toFrame());
        transcript.sent(bufs);
        transport.write(bufs);
        transport.flush();
    }

    // ---------------------------------------------------------------- closing

    /** Closes the connection in order: the session ends (a lossless one too). */
    public void close() {
        synchronized (session) {
            if (state == State.CLOSED && session.isClosed()) {
                return;
            }
            endSession(null);
        }
    }

    /** The socket went away under us. */
    public void onTransportClosed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        if (sentWait) {
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
    private void fail(Throwable cause) {
        synchronized (session) {
            if (state == State.CLOSED) {
                return;
            }
            boolean keep = !session.isLossy() && !session.isClosed() && !(cause instanceof AuthException) && !fatal
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
            listener().onFault(cause != null ? cause : new java.nio.channels.ClosedChannelException());
        }
    }

    private void endSession(Throwable cause) {
        state = State.CLOSED;
        releaseSocketState();
        transport.close();
        core.sessions().unregister(session);
        List<CompletableFuture<Void>> unsent = session.pendingFutures();
        session.detach(this);
        session.markClosed();
        Throwable c = cause != null ? cause : new java.nio.channels.ClosedChannelException();
        unsent.forEach(f -> f.completeExceptionally(c));
        listener().onClosed(cause);
    }

    /**
     * Ends a session that has no socket right now (a lossless session between reconnects), or
     * through its current socket's engine.
     */
    public static void closeSession(MessengerCore core, Session s, Throwable cause) {
        synchronized (s) {
            if (s.isClosed()) {
                return;
            }
            ProtocolV2 e = s.engine();
            if (e != null) {
                e.endSession(cause);
                return;
            }
            core.sessions().unregister(s);
            Throwable c = cause != null ? cause : new java.nio.channels.ClosedChannelException();
            List<CompletableFuture<Void>> unsent = s.pendingFutures();
            s.markClosed();
            unsent.forEach(f -> f.completeExceptionally(c));
            s.listener().onClosed(cause);
        }
    }

    private void releaseSocketState() {
        closeClientAuth();
        closeServerAuth();
        transcript.clear();
        Arrays.fill(sessionKey, (byte) 0);
        if (codec != null) {
            codec.close();
        }
    }

    private void closeClientAuth() {
        if (clientAuth != null) {
            clientAuth.close();
            clientAuth = null;
        }
    }

    private void closeServerAuth() {
        if (serverAuth != null) {
            serverAuth.close();
            serverAuth = null;
        }
    }

    // ---------------------------------------------------------------- names for errors

    private String installedMethods() {
        return core.config().authProviders().stream().map(AuthProvider::name).collect(Collectors.toList()).toString();
    }

    private String installedModes() {
        return core.config().modes().stream().map(ConnectionMode::name).collect(Collectors.toList()).toString();
    }

    private String methodNames(List<Integer> ids) {
        return ids.stream().map(id -> core.authProvider(id).map(AuthProvider::name).orElse(methodName(id))).collect(Collectors.toList()).toString();
    }

    private String modeNames(List<Integer> ids) {
        return ids.stream().map(id -> core.mode(id).map(ConnectionMode::name).orElse(id == 1 ? "crc" : id == 2 ? "secure" : "mode " + id))
                .collect(Collectors.toList()).toString();
    }

    private static String methodName(int id) {
        switch (id) {
            case AuthProvider.CEPH_AUTH_NONE: return "none";
            case AuthProvider.CEPH_AUTH_CEPHX: return "cephx";
            case AuthProvider.CEPH_AUTH_GSS: return "gss";
            default: return "method " + id;
        }
    }

    static String errnoName(int errno) {
        switch (errno) {
            case AuthException.EACCES: return "EACCES -13";
            case AuthException.EPERM: return "EPERM -1";
            case AuthException.EOPNOTSUPP: return "EOPNOTSUPP -95";
            case AuthException.EINVAL: return "EINVAL -22";
            default: return "errno " + errno;
        }
    }

    /** Test hook: the revision the banners agreed on. */
    int revision() {
        return revision;
    }
}
