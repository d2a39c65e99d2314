package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
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
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Crc32c;
import io.inkwire.wire.v1.BannerV1;
import io.inkwire.wire.v1.CephTimespec;
import io.inkwire.wire.v1.ConnectMessage;
import io.inkwire.wire.v1.ConnectReply;
import io.inkwire.wire.v1.MessageFooterV1;
import io.inkwire.wire.v1.MessageHeaderV1;
import io.inkwire.wire.v1.MsgrTag;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One msgr1 ("ceph v027") connection's protocol state machine, in either role
 * ({@code src/msg/async/ProtocolV1.cc}; msgr2-wire.md §13). The same sans-I/O shape as
 * {@link ProtocolV2}: the transport feeds exactly {@link #bytesWanted()} bytes to {@link #onBytes},
 * the engine writes through {@link Transport} and reports through {@link ProtocolListener}; any
 * violation — a wrong banner, a bad crc, an unknown tag, a length over a limit — closes the
 * connection with a {@link ProtocolException}.
 *
 * <pre>
 * connector: banner → (server banner, server addr, our addr as seen) → our addr, CONNECT [+ authorizer]
 *            → CONNECT_REPLY [+ authorizer reply]: READY | SEQ (+ le64 each way)
 *              | CHALLENGE_AUTHORIZER / RETRY_SESSION / RETRY_GLOBAL / RESETSESSION (→ CONNECT again)
 *              | WAIT / BADPROTOVER / BADAUTHORIZER (twice) / FEATURES (fatal)
 * acceptor:  banner, our addr, peer addr → (client banner, client addr) → CONNECT … → reply
 * then:      tag stream — MSG (header, front, middle, data, footer), ACK, KEEPALIVE, KEEPALIVE2(_ACK), CLOSE
 * </pre>
 *
 * <p>Authentication: towards a monitor the connect carries no authorizer and the client
 * authenticates afterwards with MAuth messages ({@link MonAuthOverMessages}); towards any other
 * service it carries the auth method's authorizer ({@link AuthClientSession#initialRequest()}),
 * a cephx challenge is answered through {@link AuthClientSession#handleReplyMore}, and READY's
 * authorizer reply completes it ({@link AuthClientSession#handleDone}). A cephx authorizer keys
 * the per-message signatures of {@link CephxMessageSigner}.
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

    enum State { NEW, BANNER, CONNECTING, SEQ_EXCHANGE, READY, CLOSED }

    /** A message waiting for READY, and what to complete once the socket took it. */
    private record Queued(RawMessage message, CompletableFuture<Void> written) {
    }

    private enum ReadStep {
        SERVER_BANNER, SERVER_ADDRS, CLIENT_BANNER, CLIENT_ADDR, CONNECT, CONNECT_AUTHORIZER, CONNECT_REPLY, REPLY_AUTHORIZER, PEER_SEQ,
        TAG, MSG_HEADER, MSG_PAYLOAD, MSG_FOOTER, ACK_SEQ, KEEPALIVE2_STAMP, KEEPALIVE2_ACK_STAMP
    }

    private final Role role;
    private final MessengerCore core;
    private final Transport transport;
    private final ProtocolListener listener;
    private final EntityAddr target;
    private final ArrayDeque<Queued> pending = new ArrayDeque<>();

    private State state = State.NEW;
    private ReadStep step;
    private int want;

    private EntityType peerType;
    private EntityAddr peerAddr;
    private EntityAddrVec peerAddrs;
    private int connectAttempts;
    private long globalSeq;
    private long connectSeq;
    private boolean gotBadAuthorizer;
    private boolean gotChallenge;

    // connector: the authorizer in flight; acceptor: the connect being answered
    private AuthProvider method;
    private AuthClientSession clientAuth;
    private byte[] authorizer = new byte[0];
    private ConnectReply reply;
    private ConnectMessage connect;
    private AuthServerSession serverAuth;
    private byte[] pendingAuthorizerReply = new byte[0];
    private AuthResult pendingResult;

    private CephxMessageSigner signer;
    private long globalId;
    private EntityName authenticatedEntity;
    private long features;
    private boolean msgAuth;
    private boolean lossy;
    private long outSeq;
    private long inSeq;
    private ConnectionInfo info;

    private MessageHeaderV1 header;
    private ByteBuffer payload;

    private ProtocolV1(Role role, MessengerCore core, Transport transport, ProtocolListener listener, EntityAddr target,
                       EntityType peerType) {
        this.role = role;
        this.core = core;
        this.transport = transport;
        this.listener = listener;
        this.target = target;
        this.peerType = peerType;
    }

    /** The engine of a connection we dialed to {@code target} (a {@code v1:} address), a peer of type {@code peerType}. */
    public static ProtocolV1 connector(MessengerCore core, Transport t, ProtocolListener l, EntityAddr target, EntityType peerType) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(peerType, "peerType");
        return new ProtocolV1(Role.CONNECTOR, core, t, l, target, peerType);
    }

    /** The engine of a connection we accepted on a msgr1 port. */
    public static ProtocolV1 acceptor(MessengerCore core, Transport t, ProtocolListener l) {
        return new ProtocolV1(Role.ACCEPTOR, core, t, l, null, null);
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
        return want;
    }

    /** The payload length of the message being read (from its header until it was dispatched), else 0. */
    @Override
    public long messageBytesAhead() {
        MessageHeaderV1 h = header;
        return h == null ? 0 : h.payloadLength();
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
            write(BannerV1.encodeClientBanner());
            // the banner alone first: a msgr2 peer sends only 26 bytes and waits, so reading 281 would hang
            expect(ReadStep.SERVER_BANNER, BannerV1.LENGTH);
        } else {
            InetSocketAddress remote = transport.remoteAddress();
            write(BannerV1.encodeServer(myLegacyAddr(), new EntityAddr(AddrType.LEGACY, 0, remote.getAddress(), remote.getPort())));
            expect(ReadStep.CLIENT_BANNER, BannerV1.LENGTH);
        }
        transport.flush();
    }

    /**
     * Our msgr1 address as an acceptor: the bound v1 address this socket came in on (a messenger
     * bound on 127.0.0.1 and ::1 has two; the peer checks that we announce the one it dialed), else
     * the socket's local address.
     */
    private EntityAddr myLegacyAddr() {
        InetSocketAddress local = transport.localAddress();
        for (EntityAddr a : core.myAddrs().addrs()) {
            if (a.type() == AddrType.LEGACY && a.port() == local.getPort() && (a.isBlank() || a.ip().equals(local.getAddress()))) {
                return a;
            }
        }
        return new EntityAddr(AddrType.LEGACY, core.nonce(), local.getAddress(), local.getPort());
    }

    private void expect(ReadStep s, int n) {
        step = s;
        want = n;
    }

    @Override
    public void onBytes(ByteBuffer in) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (in.remaining() != want) {
                throw new IllegalArgumentException("engine wants " + want + " bytes, got " + in.remaining());
            }
            in = in.slice().order(ByteOrder.LITTLE_ENDIAN);
            switch (step) {
                case SERVER_BANNER:
                    BannerV1.checkBanner(in);
                    expect(ReadStep.SERVER_ADDRS, BannerV1.SERVER_GREETING_LENGTH - BannerV1.LENGTH);
                    break;
                case SERVER_ADDRS: handleServerAddrs(in); break;
                case CLIENT_BANNER:
                    BannerV1.checkBanner(in);
                    expect(ReadStep.CLIENT_ADDR, BannerV1.CLIENT_GREETING_LENGTH - BannerV1.LENGTH);
                    break;
                case CLIENT_ADDR: handleClientAddr(in); break;
                case CONNECT: handleConnect(ConnectMessage.decode(in)); break;
                case CONNECT_AUTHORIZER: handleConnectAuthorizer(bytes(in)); break;
                case CONNECT_REPLY: handleConnectReply(ConnectReply.decode(in)); break;
                case REPLY_AUTHORIZER: handleReplyAuthorizer(bytes(in)); break;
                case PEER_SEQ: handlePeerSeq(in.getLong()); break;
                case TAG: handleTag(in.get() & 0xff); break;
                case MSG_HEADER: handleHeader(in); break;
                case MSG_PAYLOAD:
                    payload = in;
                    expect(ReadStep.MSG_FOOTER, MessageFooterV1.length(msgAuth));
                    break;
                case MSG_FOOTER: handleFooter(MessageFooterV1.decode(in, msgAuth)); break;
                case ACK_SEQ:
                    in.getLong(); // lossy sessions keep no sent messages to trim; lossless resend comes with session recovery
                    readTag();
                    break;
                case KEEPALIVE2_STAMP:
                    write(new byte[] {(byte) MsgrTag.KEEPALIVE2_ACK}, CephTimespec.decode(in).encode());
                    transport.flush();
                    readTag();
                    break;
                case KEEPALIVE2_ACK_STAMP:
                    CephTimespec t = CephTimespec.decode(in);
                    readTag();
                    listener.onKeepaliveAck(t.sec(), (int) t.nsec());
                    break;
                default:
                    throw new IllegalStateException(step.name());
            }
        } catch (ProtocolException | AuthException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProtocolException("internal error handling msgr1 peer data: " + e, e));
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.remaining()];
        in.get(b);
        return b;
    }

    // ---------------------------------------------------------------- connector handshake

    private void handleServerAddrs(ByteBuffer in) throws ProtocolException, AuthException {
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
        peerAddrs = EntityAddrVec.of(server.isBlank() ? target : server.withType(AddrType.LEGACY));
        EntityAddr mine = core.myAddrs().legacy().orElse(new EntityAddr(AddrType.LEGACY, core.nonce(), meAsSeen.ip(), 0));
        write(BannerV1.encodeAddr(mine));
        state = State.CONNECTING;
        connectSeq = 0;
        globalSeq = core.nextGlobalSeq();
        buildAuthorizer();
        sendConnect();
    }

    /** A monitor gets no authorizer (MAuth follows READY); any other service the first allowed method's. */
    private void buildAuthorizer() throws AuthException {
        closeClientAuth();
        authorizer = new byte[0];
        method = null;
        if (peerType == EntityType.MON) {
            return;
        }
        List<AuthProvider> methods = core.allowedMethods(peerType);
        if (methods.isEmpty()) {
            throw new AuthException(AuthException.EOPNOTSUPP, "no auth method allowed towards a " + peerType.text()
                    + " is installed (installed: " + core.config().authProviders().stream().map(AuthProvider::name).toList() + ")");
        }
        method = methods.get(0);
        clientAuth = core.clientHandler(method).newSession(peerType);
        authorizer = clientAuth.initialRequest();
    }

    private void sendConnect() throws ProtocolException {
        if (++connectAttempts > MAX_CONNECT_ATTEMPTS) {
            throw new ProtocolException("msgr1 handshake with " + target + " did not settle after " + MAX_CONNECT_ATTEMPTS + " connect attempts");
        }
        lossy = core.policy(peerType).lossy();
        ConnectMessage c = new ConnectMessage(CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, core.name().type().code(), globalSeq,
                connectSeq, protoVersion(core.name().type(), peerType, true), method == null ? 0 : method.method(), authorizer.length,
                lossy ? ConnectMessage.CEPH_MSG_CONNECT_LOSSY : 0);
        write(c.encode(), authorizer);
        transport.flush();
        expect(ReadStep.CONNECT_REPLY, ConnectReply.LENGTH);
    }

    private void handleConnectReply(ConnectReply r) throws ProtocolException, AuthException {
        reply = r;
        if (r.authorizerLength() > core.maxControlFrameLength()) {
            throw new ProtocolException("connect reply announces a " + r.authorizerLength() + "-byte authorizer reply, over the limit of "
                    + core.maxControlFrameLength());
        }
        if (r.authorizerLength() > 0) {
            expect(ReadStep.REPLY_AUTHORIZER, (int) r.authorizerLength());
        } else {
            handleReplyAuthorizer(new byte[0]);
        }
    }

    private void handleReplyAuthorizer(byte[] authReply) throws ProtocolException, AuthException {
        ConnectReply r = reply;
        switch (r.tag()) {
            case MsgrTag.READY:
            case MsgrTag.SEQ:
                completeConnector(r, authReply);
                break;
            case MsgrTag.CHALLENGE_AUTHORIZER:
                if (clientAuth == null || gotChallenge) {
                    throw new ProtocolException("the " + peerType.text() + " sent " + (gotChallenge ? "a second " : "an unexpected ")
                            + "CHALLENGE_AUTHORIZER");
                }
                gotChallenge = true;
                authorizer = clientAuth.handleReplyMore(authReply);
                sendConnect();
                break;
            case MsgrTag.BADAUTHORIZER:
                if (method == null || gotBadAuthorizer) {
                    throw new AuthException(AuthException.EACCES, "the " + peerType.text() + " at " + target + " refused our "
                            + (method == null ? "connect without an authorizer" : method.name() + " authorizer") + " (BADAUTHORIZER)");
                }
                // ProtocolV1::handle_connect_reply_2: one retry with a fresh authorizer (tickets may have been renewed)
                gotBadAuthorizer = true;
                gotChallenge = false;
                buildAuthorizer();
                sendConnect();
                break;
            case MsgrTag.RESETSESSION:
                // the server lost our session: start a new one (nothing is queued for resend on our side)
                connectSeq = 0;
                outSeq = 0;
                inSeq = 0;
                sendConnect();
                break;
            case MsgrTag.RETRY_GLOBAL:
                globalSeq = Math.max(core.nextGlobalSeq(), r.globalSeq() + 1);
                sendConnect();
                break;
            case MsgrTag.RETRY_SESSION:
                if (r.connectSeq() <= connectSeq) {
                    throw new ProtocolException("RETRY_SESSION with connect_seq " + r.connectSeq() + ", not above ours (" + connectSeq + ")");
                }
                connectSeq = r.connectSeq();
                sendConnect();
                break;
            case MsgrTag.WAIT:
                throw new ProtocolException("the " + peerType.text() + " at " + target + " answered WAIT: it is connecting to us at the "
                        + "same time (connection race); this connection gives way");
            case MsgrTag.BADPROTOVER:
                throw new ProtocolException("the " + peerType.text() + " at " + target + " refused protocol version "
                        + protoVersion(core.name().type(), peerType, true) + " (BADPROTOVER; it speaks " + r.protocolVersion() + ")");
            case MsgrTag.FEATURES:
                throw new ProtocolException(String.format("the %s at %s requires features 0x%x that inkwire does not advertise (FEATURES)",
                        peerType.text(), target, r.features() & ~CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT));
            default:
                throw new ProtocolException("unknown connect reply tag " + r.tag());
        }
    }

    private void completeConnector(ConnectReply r, byte[] authReply) throws ProtocolException, AuthException {
        long missing = CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT & ~r.features();
        if (missing != 0) {
            throw new ProtocolException(String.format("the %s lacks required features 0x%x", peerType.text(), missing));
        }
        features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & r.features();
        msgAuth = (features & CephFeatures.MSG_AUTH) != 0;
        lossy = (r.flags() & ConnectMessage.CEPH_MSG_CONNECT_LOSSY) != 0;
        connectSeq = r.connectSeq();
        globalId = core.globalId();
        if (clientAuth != null) {
            AuthResult result = clientAuth.handleDone(globalId, 0, 0, authReply);
            try {
                startSigning(result);
                globalId = result.globalId();
            } finally {
                result.destroy();
            }
            closeClientAuth();
        }
        if (r.tag() == MsgrTag.SEQ) {
            state = State.SEQ_EXCHANGE;
            expect(ReadStep.PEER_SEQ, 8);
        } else {
            becomeReady();
        }
    }

    private void handlePeerSeq(long peerSeq) throws ProtocolException {
        if (role == Role.CONNECTOR) {
            // the highest of our messages the server has: nothing of ours survives a new connection to resend
            write(new CephEncoder(8).u64(inSeq).toByteArray());
        } else if (peerSeq < 0) {
            throw new ProtocolException("bad in_seq " + Long.toUnsignedString(peerSeq) + " in the SEQ exchange");
        }
        becomeReady();
    }

    // ---------------------------------------------------------------- acceptor handshake

    private void handleClientAddr(ByteBuffer in) throws ProtocolException {
        EntityAddr client = BannerV1.decodeAddr(in);
        InetSocketAddress remote = transport.remoteAddress();
        // ProtocolV1::handle_client_banner: a blank IP is replaced by the socket's, keeping the port
        EntityAddr a = client.isBlank() ? new EntityAddr(AddrType.LEGACY, client.nonce(), remote.getAddress(), client.port())
                : client.withType(AddrType.LEGACY);
        peerAddrs = EntityAddrVec.of(a);
        peerAddr = new EntityAddr(AddrType.LEGACY, client.nonce(), remote.getAddress(), remote.getPort());
        state = State.CONNECTING;
        expect(ReadStep.CONNECT, ConnectMessage.LENGTH);
    }

    private void handleConnect(ConnectMessage c) throws ProtocolException, AuthException {
        if (++connectAttempts > MAX_CONNECT_ATTEMPTS) {
            throw new ProtocolException("msgr1 peer " + peerAddr + " sent more than " + MAX_CONNECT_ATTEMPTS + " connect messages");
        }
        connect = c;
        if (c.authorizerLength() > core.maxControlFrameLength()) {
            throw new ProtocolException("connect announces a " + c.authorizerLength() + "-byte authorizer, over the limit of "
                    + core.maxControlFrameLength());
        }
        if (c.authorizerLength() > 0) {
            expect(ReadStep.CONNECT_AUTHORIZER, (int) c.authorizerLength());
        } else {
            handleConnectAuthorizer(new byte[0]);
        }
    }

    /** ProtocolV1::handle_connect_message_2 in its order: protocol version, features, authorizer, session, reply. */
    private void handleConnectAuthorizer(byte[] auth) throws ProtocolException, AuthException {
        ConnectMessage c = connect;
        EntityType type;
        try {
            type = EntityType.fromCode(c.hostType());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("connect from an unknown entity type " + c.hostType());
        }
        if (peerType != null && peerType != type) {
            throw new ProtocolException("peer changed its entity type from " + peerType.text() + " to " + type.text() + " between connects");
        }
        peerType = type;
        EntityType me = core.name().type();
        int ourProto = protoVersion(me, peerType, false);
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
        features = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & c.features();
        msgAuth = (features & CephFeatures.MSG_AUTH) != 0;
        lossy = core.policy(peerType).lossy();
        connectSeq = c.connectSeq() + 1;
        if (pendingResult != null) {
            try {
                startSigning(pendingResult);
            } finally {
                pendingResult.destroy();
                pendingResult = null;
            }
        }
        // a client that knows RECONNECT_SEQ gets SEQ (then both send their in_seq), as a 16.2 mon answers a new client
        boolean seq = (c.features() & CephFeatures.RECONNECT_SEQ) != 0;
        sendReply(seq ? MsgrTag.SEQ : MsgrTag.READY, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, connectSeq, pendingAuthorizerReply);
        pendingAuthorizerReply = new byte[0];
        if (seq) {
            write(new CephEncoder(8).u64(inSeq).toByteArray());
            transport.flush();
            state = State.SEQ_EXCHANGE;
            expect(ReadStep.PEER_SEQ, 8);
        } else {
            becomeReady();
        }
    }

    /**
     * Checks the connect's authorizer with the method's server handler. Returns false when a reply
     * (BADAUTHORIZER or CHALLENGE_AUTHORIZER) was sent and the next connect is awaited.
     */
    private boolean verifyAuthorizer(ConnectMessage c, byte[] auth) throws ProtocolException, AuthException {
        List<AuthProvider> allowed = core.allowedMethods(peerType);
        if (c.authorizerProtocol() == 0) {
            // a monitor authenticates its clients with MAuth after the handshake; elsewhere only "none" lets a peer in bare
            boolean ok = core.name().type() == EntityType.MON
                    || allowed.stream().anyMatch(p -> p.method() == AuthProvider.CEPH_AUTH_NONE);
            if (!ok) {
                sendReply(MsgrTag.BADAUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
                return false;
            }
            // a monitor: the session is authenticated by the MAuth exchange that follows (auth "mauth" until then)
            method = core.name().type() == EntityType.MON ? null
                    : allowed.stream().filter(p -> p.method() == AuthProvider.CEPH_AUTH_NONE).findFirst().orElse(null);
            return true;
        }
        AuthProvider p = allowed.stream().filter(x -> x.method() == c.authorizerProtocol()).findFirst().orElse(null);
        if (p == null || (method != null && method != p)) {
            closeServerAuth();
            sendReply(MsgrTag.BADAUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
            return false;
        }
        boolean more = serverAuth != null;
        if (serverAuth == null) {
            method = p;
            serverAuth = core.serverHandler(p).newSession(peerType, 0);
        }
        AuthServerStep s;
        try {
            s = serverAuth.handle(auth, more);
        } catch (AuthException e) {
            closeServerAuth();
            method = null;
            sendReply(MsgrTag.BADAUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, new byte[0]);
            return false;
        }
        if (s.kind() == AuthServerStep.Kind.MORE) {
            sendReply(MsgrTag.CHALLENGE_AUTHORIZER, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, s.payload());
            return false;
        }
        pendingResult = s.result();
        pendingAuthorizerReply = s.payload();
        globalId = pendingResult.globalId();
        authenticatedEntity = pendingResult.entity();
        closeServerAuth();
        return true;
    }

    private void sendReply(int tag, long replyFeatures, long replyConnectSeq, byte[] authReply) {
        ConnectReply r = new ConnectReply(tag, replyFeatures, core.nextGlobalSeq(), replyConnectSeq,
                protoVersion(core.name().type(), peerType, false), authReply.length,
                core.policy(peerType).lossy() ? ConnectMessage.CEPH_MSG_CONNECT_LOSSY : 0);
        write(r.encode(), authReply);
        transport.flush();
        if (tag != MsgrTag.READY && tag != MsgrTag.SEQ) {
            expect(ReadStep.CONNECT, ConnectMessage.LENGTH);
        }
    }

    // ---------------------------------------------------------------- both

    /** Signatures (msgr2-wire.md §11.8) when a cephx authorizer was used, MSG_AUTH is shared and cephx_sign_messages is on. */
    private void startSigning(AuthResult result) {
        if (method != null && method.method() == AuthProvider.CEPH_AUTH_CEPHX && msgAuth
                && core.options().getBoolean("cephx_sign_messages", true) && result.sessionKey().length > 0) {
            signer = new CephxMessageSigner(result.sessionKey(), (features & CephFeatures.CEPHX_V2) != 0);
        }
    }

    private void becomeReady() {
        state = State.READY;
        closeClientAuth();
        closeServerAuth();
        String auth = method != null ? method.name() : AUTH_IN_MESSAGES;
        EntityAddr peer = role == Role.CONNECTOR ? target : peerAddr;
        info = new ConnectionInfo(role, "msgr1", 0, peer, peerAddrs, peerType, authenticatedEntity, auth, MODE_LEGACY, globalId,
                features, lossy);
        readTag();
        listener.onReady(info, false);
        while (!pending.isEmpty() && state == State.READY) {
            Queued q = pending.poll();
            writeMessage(q.message(), q.written());
        }
        if (state == State.READY) {
            transport.flush();
        }
    }

    private void readTag() {
        expect(ReadStep.TAG, 1);
    }

    private void handleTag(int tag) throws ProtocolException {
        switch (tag) {
            case MsgrTag.MSG:
                expect(ReadStep.MSG_HEADER, MessageHeaderV1.LENGTH);
                break;
            case MsgrTag.ACK:
                expect(ReadStep.ACK_SEQ, 8);
                break;
            case MsgrTag.KEEPALIVE:
                readTag();
                break;
            case MsgrTag.KEEPALIVE2:
                expect(ReadStep.KEEPALIVE2_STAMP, CephTimespec.LENGTH);
                break;
            case MsgrTag.KEEPALIVE2_ACK:
                expect(ReadStep.KEEPALIVE2_ACK_STAMP, CephTimespec.LENGTH);
                break;
            case MsgrTag.CLOSE:
                // the peer is closing in order: so do we
                shutdown();
                listener.onClosed(null);
                break;
            default:
                throw new ProtocolException("unexpected msgr1 tag " + MsgrTag.name(tag) + " on an established session");
        }
    }

    private void handleHeader(ByteBuffer in) throws ProtocolException {
        MessageHeaderV1 h = MessageHeaderV1.decode(in, core.options().getBoolean("ms_crc_header", true));
        long max = core.maxSegmentLength();
        if (h.frontLength() > max || h.middleLength() > max || h.dataLength() > max) {
            throw new ProtocolException("msgr1 message type " + h.type() + " with front/middle/data of " + h.frontLength() + "/"
                    + h.middleLength() + "/" + h.dataLength() + " bytes exceeds the segment limit of " + max);
        }
        if (h.payloadLength() > Integer.MAX_VALUE - 64) {
            throw new ProtocolException("msgr1 message of " + h.payloadLength() + " bytes is too large");
        }
        header = h;
        if (h.payloadLength() == 0) {
            payload = ByteBuffer.allocate(0);
            expect(ReadStep.MSG_FOOTER, MessageFooterV1.length(msgAuth));
        } else {
            expect(ReadStep.MSG_PAYLOAD, (int) h.payloadLength());
        }
    }

    private void handleFooter(MessageFooterV1 f) throws ProtocolException {
        MessageHeaderV1 h = header;
        ByteBuffer front = payload.slice(0, (int) h.frontLength());
        ByteBuffer middle = payload.slice((int) h.frontLength(), (int) h.middleLength());
        ByteBuffer data = payload.slice((int) (h.frontLength() + h.middleLength()), (int) h.dataLength());
        header = null;
        payload = null;
        if ((f.flags() & MessageFooterV1.CEPH_MSG_FOOTER_COMPLETE) == 0) {
            throw new ProtocolException("msgr1 message seq " + h.seq() + " was aborted by its sender (footer without COMPLETE)");
        }
        if (core.options().getBoolean("ms_crc_header", true)) {
            checkCrc("front", front, f.frontCrc(), h);
            checkCrc("middle", middle, f.middleCrc(), h);
        }
        if ((f.flags() & MessageFooterV1.CEPH_MSG_FOOTER_NOCRC) == 0 && core.options().getBoolean("ms_crc_data", true)) {
            checkCrc("data", data, f.dataCrc(), h);
        }
        if (signer != null) {
            long expected = signer.sign(h.crc(), f, h.frontLength(), h.middleLength(), h.dataLength(), h.seq());
            if (expected != f.sig()) {
                throw new ProtocolException("msgr1 message seq " + h.seq() + " type " + h.type() + " has a bad cephx signature"
                        + ((f.flags() & MessageFooterV1.CEPH_MSG_FOOTER_SIGNED) == 0 ? " (the sender did not sign it)" : ""));
            }
        }
        readTag();
        if (h.seq() <= inSeq) {
            return; // a duplicate after a reconnect: already delivered
        }
        inSeq = h.seq();
        RawMessage m = RawMessage.builder(h.type()).version(h.version()).compatVersion(h.compatVersion()).priority(h.priority() & 0xff)
                .tid(h.tid()).seq(h.seq()).dataOff(h.dataOff()).flags(f.flags()).front(front).middle(middle).data(data).build();
        if (!lossy) {
            write(new byte[] {(byte) MsgrTag.ACK}, new CephEncoder(8).u64(inSeq).toByteArray());
            transport.flush();
        }
        listener.onMessage(m);
    }

    private static void checkCrc(String what, ByteBuffer b, int expected, MessageHeaderV1 h) throws ProtocolException {
        int got = Crc32c.compute(Crc32c.SEED_ZERO, b);
        if (got != expected) {
            throw new ProtocolException(String.format("msgr1 message seq %d type %d: %s crc mismatch (footer 0x%08x, computed 0x%08x)",
                    h.seq(), h.type(), what, expected, got));
        }
    }

    @Override
    public void send(RawMessage m) {
        send(m, null);
    }

    /**
     * Queues a message; {@code written} (may be null) completes when the socket took it, or
     * exceptionally if the connection closes first. msgr1 sessions here are lossy: nothing is kept
     * for a resend on another socket.
     */
    public void send(RawMessage m, CompletableFuture<Void> written) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("connection closed");
        }
        if (state != State.READY) {
            pending.add(new Queued(m, written));
            return;
        }
        writeMessage(m, written);
        if (state == State.READY) {
            transport.flush();
        }
    }

    /** The header's src: our type and global id ({@code -1} before a monitor gave us one; a monitor is rank 0). */
    private long srcNum() {
        if (core.name().type() == EntityType.MON) {
            return 0;
        }
        long gid = role == Role.CONNECTOR && globalId != 0 ? globalId : core.globalId();
        return gid == 0 ? -1 : gid;
    }

    private void writeMessage(RawMessage m, CompletableFuture<Void> written) {
        try {
            long seq = ++outSeq;
            MessageHeaderV1 h = new MessageHeaderV1(seq, m.tid(), m.type(), m.priority(), m.version(), m.frontLength(), m.middleLength(),
                    m.dataLength(), m.dataOff() & 0xffff, core.name().type().code(), srcNum(), m.compatVersion(), 0);
            byte[] head = h.encode();
            int headerCrc = MessageHeaderV1.computeCrc(head);
            boolean crcData = core.options().getBoolean("ms_crc_data", true);
            int flags = MessageFooterV1.CEPH_MSG_FOOTER_COMPLETE | (crcData ? 0 : MessageFooterV1.CEPH_MSG_FOOTER_NOCRC);
            MessageFooterV1 f = new MessageFooterV1(Crc32c.compute(Crc32c.SEED_ZERO, m.front()), Crc32c.compute(Crc32c.SEED_ZERO, m.middle()),
                    crcData ? Crc32c.compute(Crc32c.SEED_ZERO, m.data()) : 0, 0, flags);
            if (signer != null) {
                long sig = signer.sign(headerCrc, f, m.frontLength(), m.middleLength(), m.dataLength(), seq);
                f = new MessageFooterV1(f.frontCrc(), f.middleCrc(), f.dataCrc(), sig, flags | MessageFooterV1.CEPH_MSG_FOOTER_SIGNED);
            }
            transport.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {(byte) MsgrTag.MSG}), ByteBuffer.wrap(head), m.front(), m.middle(),
                m.data(), ByteBuffer.wrap(f.encode(msgAuth))}, written);
        } catch (ProtocolException e) {
            fail(e);
        }
    }

    /** KEEPALIVE2 with the wall clock when the peer knows it (MSGR_KEEPALIVE2), else a bare KEEPALIVE that nobody answers. */
    @Override
    public Instant sendKeepalive() {
        Instant now = Instant.now();
        if (state == State.READY) {
            if ((features & CephFeatures.MSGR_KEEPALIVE2) != 0) {
                write(new byte[] {(byte) MsgrTag.KEEPALIVE2}, new CephTimespec(now.getEpochSecond(), now.getNano()).encode());
            } else {
                write(new byte[] {(byte) MsgrTag.KEEPALIVE});
            }
            transport.flush();
        }
        return now;
    }

    private void write(byte[]... parts) {
        ByteBuffer[] bufs = new ByteBuffer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bufs[i] = ByteBuffer.wrap(parts[i]);
        }
        transport.write(bufs);
    }

    // ---------------------------------------------------------------- closing

    /** Closes in order: a CLOSE tag on an established session, then the socket. */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.READY) {
            write(new byte[] {(byte) MsgrTag.CLOSE});
            transport.flush();
        }
        shutdown();
        listener.onClosed(null);
    }

    @Override
    public void onTransportClosed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        shutdown();
        listener.onClosed(cause != null ? cause
                : was == State.READY ? null : new ProtocolException("msgr1 connection closed by the peer during the handshake (state " + was + ")"));
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
        want = 1;
        for (Queued q; (q = pending.poll()) != null; ) {
            if (q.written() != null) {
                q.written().completeExceptionally(new ClosedChannelException());
            }
        }
        header = null;
        payload = null;
        closeClientAuth();
        closeServerAuth();
        if (pendingResult != null) {
            pendingResult.destroy();
            pendingResult = null;
        }
        if (signer != null) {
            signer.destroy();
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
}
