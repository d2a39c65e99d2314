package io.inkwire.transport.netty.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.protocol.ProtocolListener;
import io.inkwire.protocol.ProtocolV2;
import io.inkwire.protocol.Session;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Connection} the application holds: one session with a peer. A lossy session lives on
 * one socket. A lossless session outlives its sockets: when one fails, the side that dialed dials
 * again (after {@code ms_initial_backoff}, doubling up to {@code ms_max_backoff}) and the new
 * socket resumes the session; the application keeps this object throughout.
 *
 * <p>{@link #send} never blocks and never takes another connection's lock: it queues, and the
 * queue is drained on the I/O thread of the current socket, so frames leave in the order they
 * were encoded (which secure mode's nonces require).
 */
public final class NettyConnection implements Connection, ProtocolListener {

    private static final System.Logger LOG = System.getLogger(NettyConnection.class.getName());

    private final NettyMessenger messenger;
    private final Session session;
    private final EventLoop home;
    private final CompletableFuture<Connection> readyFuture;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> waitingForReady = new ArrayList<>();
    private final List<CompletableFuture<Long>> keepalives = new ArrayList<>();
    private final ConcurrentLinkedQueue<Object[]> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final long firstDialNanos = System.nanoTime();
    private volatile ConnectionInfo info;
    private long backoffMillis;
    private int sockets;
    private ScheduledFuture<?> standbyTimer;
    private Throwable lastFault;

    private NettyConnection(NettyMessenger messenger, EntityAddr target, EntityType peerType, EventLoop home,
                            CompletableFuture<Connection> ready) {
        this.messenger = messenger;
        this.home = home;
        this.readyFuture = ready;
        this.session = new Session(target, peerType, target == null ? null : messenger.core().policy(peerType), this);
    }

    /** A session we dial; {@link #dial()} opens its first socket. */
    static NettyConnection connector(NettyMessenger m, EntityAddr target, EntityType peerType, EventLoop home, CompletableFuture<Connection> ready) {
        return new NettyConnection(m, target, peerType, home, ready);
    }

    /** The provisional session of an accepted socket, and that socket's handler. */
    static SocketHandler acceptor(NettyMessenger m, EventLoop home) {
        SocketHandler h = new SocketHandler(m);
        NettyConnection c = new NettyConnection(m, null, null, home, new CompletableFuture<>());
        ProtocolV2 engine = ProtocolV2.acceptor(m.core(), h, c.session);
        h.engine(engine);
        m.register(c);
        return h;
    }

    Session session() {
        return session;
    }

    EventLoop home() {
        return home;
    }

    /** Opens a socket for this (connector) session: a new session or a resumed one, the engine decides. */
    void dial() {
        if (session.isClosed()) {
            return;
        }
        SocketHandler h = new SocketHandler(messenger);
        synchronized (session) {
            h.engine(ProtocolV2.connector(messenger.core(), h, session));
        }
        messenger.dial(this, h);
    }

    /** The dial itself failed (refused, unreachable). */
    void dialFailed(SocketHandler h, Throwable cause) {
        h.onEngine(() -> h.engine().onTransportClosed(cause));
    }

    // ------------------------------------------------------------ ProtocolListener (engine → application), session locked

    @Override
    public void onReady(ConnectionInfo i, boolean resumed) {
        this.info = i;
        sockets++;
        backoffMillis = 0;
        lastFault = null;
        ProtocolV2 e = session.engine();
        cancelStandby();
        messenger.handlerOf(e).ifPresent(SocketHandler::handshakeDone);
        LOG.log(System.Logger.Level.DEBUG, () -> (resumed ? "session resumed: " : "connection ready: ") + i.summary());
        if (!resumed) {
            dispatcher().onReady(this);
        }
        readyFuture.complete(this);
        for (CompletableFuture<Void> f : waitingForReady) {
            f.complete(null);
        }
        waitingForReady.clear();
        drainInboxLocked();
    }

    @Override
    public void onMessage(RawMessage message) {
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
    public void onFault(Throwable cause) {
        lastFault = cause;
        keepalives.forEach(f -> f.completeExceptionally(cause));
        keepalives.clear();
        LOG.log(System.Logger.Level.DEBUG, () -> "socket fault on " + this + ": " + cause);
        if (session.everReady()) {
            dispatcher().onFault(this, cause);
        }
        if (session.target() == null) {
            scheduleStandbyExpiry();
            return;
        }
        boolean waited = false;
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstDialNanos);
        if (!session.everReady() && elapsedMs > messenger.timeouts().handshakeMillis()) {
            // a lossless session that never came up gives up after ms_connection_ready_timeout
            home.execute(() -> ProtocolV2.closeSession(messenger.core(), session, cause));
            return;
        }
        long delay;
        if (cause instanceof io.inkwire.api.ProtocolException && String.valueOf(cause.getMessage()).contains("WAIT")) {
            waited = true;
        }
        Timeouts t = messenger.timeouts();
        if (waited) {
            delay = t.maxBackoffMillis();
        } else if (session.info() != null && backoffMillis == 0) {
            delay = 0; // it was up: redial at once, back off only if that fails too
            backoffMillis = t.initialBackoffMillis();
        } else {
            delay = backoffMillis == 0 ? t.initialBackoffMillis() : backoffMillis;
            backoffMillis = Math.min(t.maxBackoffMillis(), Math.max(1, delay * 2));
        }
        home.schedule(this::dial, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onRemoteReset() {
        LOG.log(System.Logger.Level.DEBUG, () -> "peer reset session " + this);
        dispatcher().onRemoteReset(this);
    }

    @Override
    public void onDiscarded() {
        messenger.unregister(this);
    }

    @Override
    public void onClosed(Throwable cause) {
        cancelStandby();
        messenger.unregister(this);
        Throwable c = cause != null ? cause : new ClosedChannelException();
        readyFuture.completeExceptionally(c);
        waitingForReady.forEach(f -> f.completeExceptionally(c));
        waitingForReady.clear();
        keepalives.forEach(f -> f.completeExceptionally(c));
        keepalives.clear();
        for (Object[] queued; (queued = inbox.poll()) != null; ) {
            @SuppressWarnings("unchecked")
            CompletableFuture<Void> f = (CompletableFuture<Void>) queued[1];
            f.completeExceptionally(c);
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

    private void scheduleStandbyExpiry() {
        long ms = messenger.timeouts().standbyMillis();
        if (ms <= 0 || standbyTimer != null) {
            return;
        }
        Throwable why = lastFault;
        standbyTimer = home.schedule(() -> {
            synchronized (session) {
                if (session.engine() == null && !session.isClosed()) {
                    ProtocolV2.closeSession(messenger.core(), session, new java.io.IOException(
                            "peer did not reconnect within inkwire_standby_timeout (" + ms + " ms) after: " + why));
                }
            }
        }, ms, TimeUnit.MILLISECONDS);
    }

    private void cancelStandby() {
        if (standbyTimer != null) {
            standbyTimer.cancel(false);
            standbyTimer = null;
        }
    }

    // ------------------------------------------------------------ Connection (application → engine)

    @Override
    public Optional<ConnectionInfo> info() {
        return Optional.ofNullable(info);
    }

    @Override
    public CompletionStage<Void> send(RawMessage message) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (session.isClosed()) {
            f.completeExceptionally(new ClosedChannelException());
            return f;
        }
        inbox.add(new Object[] {message, f});
        if (Thread.holdsLock(session)) {
            drainInboxLocked(); // from our own dispatcher: in line, in order
        } else if (drainScheduled.compareAndSet(false, true)) {
            executor().execute(this::drainInbox);
        }
        return f;
    }

    /** The I/O thread of the current socket (writes must be encoded and written there, in order), else home. */
    private EventLoop executor() {
        ProtocolV2 e = session.engine();
        return e == null ? home : messenger.handlerOf(e).map(h -> h.channel() == null ? home : h.channel().eventLoop()).orElse(home);
    }

    private void drainInbox() {
        drainScheduled.set(false);
        ProtocolV2 e = session.engine();
        if (e != null) {
            EventLoop loop = executor();
            if (!loop.inEventLoop()) {
                if (drainScheduled.compareAndSet(false, true)) {
                    loop.execute(this::drainInbox); // the session moved to a socket on another loop
                }
                return;
            }
        }
        synchronized (session) {
            drainInboxLocked();
        }
    }

    private void drainInboxLocked() {
        ProtocolV2 e = session.engine();
        boolean any = false;
        for (Object[] q; (q = inbox.poll()) != null; ) {
            RawMessage m = (RawMessage) q[0];
            @SuppressWarnings("unchecked")
            CompletableFuture<Void> f = (CompletableFuture<Void>) q[1];
            try {
                ProtocolV2.queue(session, m, f);
                any = true;
            } catch (IllegalStateException closed) {
                f.completeExceptionally(new ClosedChannelException());
            }
        }
        if (any && e != null && e.isReady()) {
            e.writeQueued();
            messenger.handlerOf(e).ifPresent(SocketHandler::flush);
        }
    }

    @Override
    public CompletionStage<Long> keepalive() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        long start = System.nanoTime();
        executor().execute(() -> {
            synchronized (session) {
                ProtocolV2 e = session.engine();
                if (e == null || !e.isReady()) {
                    f.completeExceptionally(new IllegalStateException("connection not ready"));
                    return;
                }
                keepalives.add(f);
                e.sendKeepalive();
            }
        });
        return f.thenApply(end -> end - start);
    }

    @Override
    public void close() {
        executor().execute(() -> ProtocolV2.closeSession(messenger.core(), session, null));
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public boolean isOpen() {
        ProtocolV2 e = session.engine();
        return !session.isClosed() && e != null && !e.isClosed();
    }

    /** How many sockets completed a handshake for this session (1 + reconnects). */
    public int sockets() {
        synchronized (session) {
            return sockets;
        }
    }

    @Override
    public String toString() {
        ConnectionInfo i = info;
        return "NettyConnection{" + (i != null ? i.summary() : "handshaking") + "}";
    }
}
