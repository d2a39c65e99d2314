package io.inkwire.transport.netty.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.protocol.ProtocolListener;
import io.inkwire.protocol.ProtocolV1;
import io.netty.channel.EventLoop;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A msgr1 connection: one {@link ProtocolV1} engine on one socket. msgr1 sessions are
 * <b>lossy</b> here: when the socket fails the connection closes (pending sends fail) and the
 * application opens a new one; there is no reconnect with {@code connect_seq} and no resend of
 * unacknowledged messages ({@code ProtocolV1}'s lossless mode), which Ceph uses between daemons
 * only. An accepted peer that tries to resume a session is told RESETSESSION.
 *
 * <p>A monitor session authenticates in messages after the engine's READY ({@link LegacyMonAuth});
 * only then is the connection ready for the application, with the negotiated method and global id
 * in its {@link ConnectionInfo}, as on msgr2.
 *
 * <p>Every call into the engine runs on the socket's event loop with the engine locked; listener
 * callbacks arrive the same way.
 */
final class LegacyConnection implements Connection, ProtocolListener {

    private static final System.Logger LOG = System.getLogger(LegacyConnection.class.getName());

    /** An application message held until the connection is ready. */
    private record Held(RawMessage message, CompletableFuture<Void> written) {
    }

    private final NettyMessenger messenger;
    private final EventLoop home;
    private final SocketHandler handler;
    private final ProtocolV1 engine;
    private final CompletableFuture<Connection> readyFuture;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final List<CompletableFuture<Long>> keepalives = new ArrayList<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private LegacyMonAuth monAuth;
    private volatile ConnectionInfo info;
    private volatile boolean closed;

    private LegacyConnection(NettyMessenger messenger, EventLoop home, EntityAddr target, EntityType peerType,
                             CompletableFuture<Connection> ready) {
        this.messenger = messenger;
        this.home = home;
        this.readyFuture = ready;
        this.handler = new SocketHandler(messenger);
        this.engine = target != null ? ProtocolV1.connector(messenger.core(), handler, this, target, peerType)
                : ProtocolV1.acceptor(messenger.core(), handler, this);
        handler.engine(engine);
    }

    /** Dials {@code target} (a v1 address) on {@code home}; {@code ready} completes once the connection is usable. */
    static LegacyConnection connector(NettyMessenger m, EntityAddr target, EntityType peerType, EventLoop home,
                                      CompletableFuture<Connection> ready) {
        LegacyConnection c = new LegacyConnection(m, home, target, peerType, ready);
        m.register(c);
        home.execute(() -> m.openSocket(target, home, c.handler, cause -> c.handler.onEngine(() -> c.engine.onTransportClosed(cause))));
        return c;
    }

    /** The connection of a socket accepted on a msgr1 port, and that socket's handler. */
    static SocketHandler acceptor(NettyMessenger m, EventLoop home) {
        LegacyConnection c = new LegacyConnection(m, home, null, null, new CompletableFuture<>());
        m.register(c);
        return c.handler;
    }

    // ------------------------------------------------------------ ProtocolListener (engine → application), engine locked

    @Override
    public void onReady(ConnectionInfo i, boolean resumed) {
        try {
            if (i.role() == Role.CONNECTOR && i.peerType() == EntityType.MON) {
                monAuth = LegacyMonAuth.client(messenger.core());
                engine.send(monAuth.start(i.features()));
                return;
            }
            if (i.role() == Role.ACCEPTOR && messenger.core().name().type() == EntityType.MON
                    && ProtocolV1.AUTH_IN_MESSAGES.equals(i.authMethod())) {
                monAuth = LegacyMonAuth.server(messenger.core(), i.peerType());
                return; // the client's MAuth comes next
            }
        } catch (AuthException e) {
            engine.onTransportClosed(e);
            return;
        }
        handOver(i);
    }

    /** The connection is the application's from now on. */
    private void handOver(ConnectionInfo i) {
        info = i;
        handler.handshakeDone();
        LOG.log(System.Logger.Level.DEBUG, () -> "connection ready: " + i.summary());
        dispatcher().onReady(this);
        readyFuture.complete(this);
        for (Held h; (h = held.poll()) != null; ) {
            sendLocked(h.message(), h.written());
        }
    }

    @Override
    public void onMessage(RawMessage message) {
        if (monAuth != null && monAuth.wants(message)) {
            ConnectionInfo i = engine.info();
            try {
                LegacyMonAuth.Step step = monAuth.handle(message, i.features());
                if (step.send() != null) {
                    engine.send(step.send());
                }
                if (step.authenticated()) {
                    ConnectionInfo authenticated = monAuth.authenticated(i);
                    if (monAuth.role() == Role.CONNECTOR) {
                        monAuth.close(); // its session key lives on in the messenger's auth handler
                        monAuth = null;
                    }
                    handOver(authenticated);
                }
            } catch (AuthException | ProtocolException e) {
                engine.onTransportClosed(e);
            }
            return;
        }
        if (info == null) {
            // nothing but MAuth is due before the monitor session is authenticated
            LOG.log(System.Logger.Level.DEBUG, () -> "dropping message type " + message.type() + " received before authentication on " + this);
            return;
        }
        dispatcher().onMessage(this, message);
    }

    @Override
    public void onKeepaliveAck(long stampSec, int stampNsec) {
        long now = System.nanoTime();
        if (!keepalives.isEmpty()) {
            keepalives.remove(0).complete(now);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        closed = true;
        messenger.unregister(this);
        if (monAuth != null) {
            monAuth.close();
            monAuth = null;
        }
        Throwable c = cause != null ? cause : new ClosedChannelException();
        readyFuture.completeExceptionally(c);
        keepalives.forEach(f -> f.completeExceptionally(c));
        keepalives.clear();
        for (Held h; (h = held.poll()) != null; ) {
            h.written().completeExceptionally(c);
        }
        if (info != null || cause != null) {
            dispatcher().onClosed(this, cause);
        }
        if (cause == null) {
            closeFuture.complete(null);
        } else {
            closeFuture.completeExceptionally(cause);
        }
    }

    private Dispatcher dispatcher() {
        return messenger.core().config().dispatcher();
    }

    // ------------------------------------------------------------ Connection (application → engine)

    @Override
    public Optional<ConnectionInfo> info() {
        return Optional.ofNullable(info);
    }

    @Override
    public CompletionStage<Void> send(RawMessage message) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new ClosedChannelException());
            return f;
        }
        onLoop(() -> sendLocked(message, f));
        return f;
    }

    private void sendLocked(RawMessage message, CompletableFuture<Void> f) {
        if (closed) {
            f.completeExceptionally(new ClosedChannelException());
        } else if (info == null) {
            held.add(new Held(message, f));
        } else {
            try {
                engine.send(message, f);
            } catch (IllegalStateException e) {
                f.completeExceptionally(new ClosedChannelException());
            }
        }
    }

    @Override
    public CompletionStage<Long> keepalive() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        long start = System.nanoTime();
        onLoop(() -> {
            if (info == null || !engine.isReady()) {
                f.completeExceptionally(new IllegalStateException("connection not ready"));
                return;
            }
            keepalives.add(f);
            engine.sendKeepalive();
        });
        return f.thenApply(end -> end - start);
    }

    @Override
    public void close() {
        onLoop(engine::close);
    }

    /** Runs {@code r} on the socket's loop with the engine locked: in line from there (our own dispatcher), else queued. */
    private void onLoop(Runnable r) {
        if (home.inEventLoop()) {
            synchronized (engine) {
                r.run();
            }
        } else {
            home.execute(() -> {
                synchronized (engine) {
                    r.run();
                }
            });
        }
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public boolean isOpen() {
        return !closed && info != null;
    }

    @Override
    public String toString() {
        ConnectionInfo i = info;
        return "LegacyConnection{" + (i != null ? i.summary() : "handshaking") + "}";
    }
}
