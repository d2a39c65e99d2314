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
import io.inkwire.wire.frame.SessionResetFrame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
public final class ProtocolV2 {

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
    private final ProtocolListener listener;
    private final EntityAddr target;
    private final PreAuthTranscript transcript = new PreAuthTranscript();
    private final ArrayDeque<RawMessage> pending = new ArrayDeque<>();

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

    private long outSeq;
    private long inSeq;
    private long features;
    private boolean lossy;
    private ConnectionInfo info;

    private ProtocolV2(Role role, MessengerCore core, Transport transport, ProtocolListener listener, EntityAddr target,
                       EntityType peerType) {
        this.role = role;
        this.core = core;
        this.transport = transport;
        this.listener = listener;
        this.target = target;
        this.peerType = peerType;
    }

    /** The engine of a connection we dialed to {@code target}, a peer of type {@code peerType}. */
    public static ProtocolV2 connector(MessengerCore core, Transport t, ProtocolListener l, EntityAddr target, EntityType peerType) {
        return new ProtocolV2(Role.CONNECTOR, core, t, l, target, peerType);
    }

    /** The engine of a connection we accepted. */
    public static ProtocolV2 acceptor(MessengerCore core, Transport t, ProtocolListener l) {
        return new ProtocolV2(Role.ACCEPTOR, core, t, l, null, null);
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
                    }
                    break;
                case REMAINDER:
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
                    sendClientIdent();
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

    // ---------------------------------------------------------------- SESSION

    private void sendClientIdent() throws ProtocolException {
        ConnectionPolicy policy = core.policy(peerType);
        lossy = policy.lossy();
        EntityAddrVec mine = core.myAddrs();
        if (mine.isEmpty()) {
            // a client that does not listen: type ANY, the IP the peer saw, port 0, our nonce (as Ceph and the kernel do)
            mine = EntityAddrVec.of(new EntityAddr(AddrType.ANY, core.nonce(), learnedAddr.ip(), 0));
        }
        sendControl(new ClientIdentFrame(mine, target, globalId == 0 ? -1 : globalId, core.nextGlobalSeq(),
                CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT,
                lossy ? CephFeatures.CEPH_MSG_CONNECT_LOSSY : 0, lossy ? 0 : MessengerCore.randomCookie()));
    }

    private void handleSessionConnector(ControlFrame c) throws ProtocolException {
        if (c instanceof ServerIdentFrame s) {
            if (!matchesAny(s.addrs(), target)) {
                throw new ProtocolException("peer's addresses " + s.addrs() + " do not include the address we dialed, " + target);
            }
            long missing = CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT & ~s.supportedFeatures();
            if (missing != 0) {
                throw new ProtocolException(String.format("peer lacks required features 0x%x", missing));
            }
            features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & s.supportedFeatures();
            lossy = (s.flags() & CephFeatures.CEPH_MSG_CONNECT_LOSSY) != 0;
            becomeReady(s.addrs(), target);
        } else if (c instanceof IdentMissingFeaturesFrame m) {
            throw new ProtocolException(String.format("the %s requires features 0x%x that inkwire does not advertise", peerType.text(), m.features()));
        } else {
            throw new ProtocolException(Tag.name(c.tag()) + " in reply to CLIENT_IDENT: session resets and retries are not supported on a "
                    + (lossy ? "lossy" : "lossless") + " session yet");
        }
    }

    private void handleSessionAcceptor(ControlFrame c) throws ProtocolException {
        if (c instanceof SessionReconnectFrame) {
            // no session survives here to be resumed: tell the peer to start a new one
            sendControl(new SessionResetFrame(true));
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
        lossy = core.policy(peerType).lossy();
        long gid = core.name().type() == EntityType.MON ? 0 : core.globalId();
        EntityAddrVec announce = mine.isEmpty() ? EntityAddrVec.of(ci.targetAddr()) : mine;
        sendControl(new ServerIdentFrame(announce, gid, core.nextGlobalSeq(), CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT,
                CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT, lossy ? CephFeatures.CEPH_MSG_CONNECT_LOSSY : 0,
                lossy ? 0 : MessengerCore.randomCookie()));
        InetSocketAddress remote = transport.remoteAddress();
        becomeReady(ci.addrs(), new EntityAddr(AddrType.MSGR2, ci.addrs().get(0).nonce(), remote.getAddress(), remote.getPort()));
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

    private void becomeReady(EntityAddrVec peerAddrs, EntityAddr peerAddr) {
        state = State.READY;
        closeClientAuth();
        closeServerAuth();
        info = new ConnectionInfo(role, "msgr2", revision, peerAddr, peerAddrs, peerType, authenticatedEntity, method.name(), mode.name(), globalId,
                features, lossy);
        listener.onReady(info);
        while (!pending.isEmpty() && state == State.READY) {
            writeMessage(pending.poll());
        }
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
            listener.onKeepaliveAck(k.sec(), k.nsec());
        } else if (c instanceof AckFrame) {
            // lossy sessions keep no sent messages; lossless resend queues come with session recovery
        } else {
            throw new ProtocolException("unexpected " + Tag.name(c.tag()) + " frame on an established session");
        }
    }

    private void handleMessage(Frame f) throws ProtocolException {
        MessageHeader2 h = MessageHeader2.decode(f.segment(0));
        if (h.seq() <= inSeq) {
            return; // a duplicate after a reconnect: already delivered
        }
        inSeq = h.seq();
        RawMessage m = RawMessage.builder(h.type()).version(h.version()).compatVersion(h.compatVersion()).priority(h.priority())
                .tid(h.tid()).seq(h.seq()).dataOff(h.dataOff()).flags(h.flags())
                .front(f.segment(1)).middle(f.segment(2)).data(f.segment(3)).build();
        listener.onMessage(m);
    }

    /** Queues a message; sent at once when the session is ready, else when it becomes ready. */
    public void send(RawMessage m) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("connection closed");
        }
        if (state != State.READY) {
            pending.add(m);
            return;
        }
        writeMessage(m);
        transport.flush();
    }

    private void writeMessage(RawMessage m) {
        MessageHeader2 h = new MessageHeader2(++outSeq, m.tid(), m.type(), m.priority(), m.version(), 0, m.dataOff(), inSeq,
                MessageHeader2.CEPH_MSG_FOOTER_COMPLETE | MessageHeader2.CEPH_MSG_FOOTER_NOCRC, m.compatVersion());
        Frame f = Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(h.encode()), m.front(), m.middle(), m.data()},
                new int[] {Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.PAGE_ALIGNMENT});
        try {
            transport.write(codec.encode(f));
        } catch (ProtocolException e) {
            fail(e);
        }
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

    /** Closes the connection in order. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        shutdown();
        listener.onClosed(null);
    }

    /** The socket went away under us. */
    public void onTransportClosed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        shutdown();
        listener.onClosed(cause != null ? cause
                : was == State.READY ? null : new ProtocolException("connection closed by the peer during the handshake (state " + was + ")"));
    }

    private void fail(Exception cause) {
        if (state == State.CLOSED) {
            return;
        }
        shutdown();
        listener.onClosed(cause);
    }

    private void shutdown() {
        state = State.CLOSED;
        pending.clear();
        closeClientAuth();
        closeServerAuth();
        transcript.clear();
        Arrays.fill(sessionKey, (byte) 0);
        if (codec != null) {
            codec.close();
        }
        transport.close();
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
