package io.inkwire.transport.netty.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.protocol.ProtocolEngine;
import io.inkwire.protocol.ProtocolListener;
import io.inkwire.protocol.Session;
import io.inkwire.protocol.SendInbox;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Connection} the application holds: one session with a peer, over msgr2 or msgr1 —
 * the engine of each socket ({@link ProtocolEngine}) speaks the protocol; this class knows only the
 * session and its sockets. A lossy session (every msgr1 one) lives on one socket. A lossless
 * session outlives its sockets: when one fails, the side that dialed dials again (after
 * {@code ms_initial_backoff}, doubling up to {@code ms_max_backoff}) and the new socket resumes the
 * session; the application keeps this object throughout.
 *
 * <p>{@link #send} never blocks and never takes a lock the I/O thread holds: it queues, and the
 * queue is drained on the I/O thread of the current socket, so frames leave in the order they
 * were encoded (which secure mode's nonces require). No method the application calls waits for the
 * session's lock, and the dispatcher and every future the application holds run outside it
 * ({@link DispatchQueue}), so an application may hold its own locks while calling in and take
 * them in its dispatcher.
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
    private final SendInbox inbox = new SendInbox();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainInbox;
    private final DispatchQueue events;
    private final long firstDialNanos = System.nanoTime();
    private volatile ConnectionInfo info;
    /** The I/O thread of the socket serving the session (home until one is up): where sends are drained. */
    private volatile EventLoop loop;
    /** Set once the session ended: later sends fail at once. */
    private volatile boolean closed;
    /** Whether a socket serves the session, handshaking or ready (for {@link #isOpen()} without the session's lock). */
    private volatile boolean up;
    private volatile int sockets;
    private long backoffMillis;
    private ScheduledFuture<?> standbyTimer;
    private Throwable lastFault;

    private NettyConnection(NettyMessenger messenger, EntityAddr target, EntityType peerType, EventLoop home,
                            CompletableFuture<Connection> ready) {
        this.messenger = messenger;
        this.home = home;
        this.loop = home;
        this.readyFuture = ready;
        this.events = new DispatchQueue(this, messenger.core().config().dispatcher());
        this.session = target == null ? Session.accepted(this) : Session.dialing(messenger.core(), target, peerType, this);
    }

    /** A session we dial; {@link #dial()} opens its first socket. */
    static NettyConnection connector(NettyMessenger m, EntityAddr target, EntityType peerType, EventLoop home, CompletableFuture<Connection> ready) {
        return new NettyConnection(m, target, peerType, home, ready);
    }

    /** The provisional session of a socket accepted on an address of type {@code listening}, and that socket's handler. */
    static SocketHandler acceptor(NettyMessenger m, EventLoop home, AddrType listening) {
        SocketHandler h = new SocketHandler(m);
        NettyConnection c = new NettyConnection(m, null, null, home, new CompletableFuture<>());
        h.engine(ProtocolEngine.acceptor(m.core(), h, c.session, listening));
        c.up = true;
        m.register(c);
        return h;
    }

    Session session() {
        return session;
    }

    /** Completes with this connection once its session is first ready, exceptionally if it never will be. */
    CompletableFuture<Connection> readyFuture() {
        return readyFuture;
    }

    /** Runs what the engine raised for the application; the caller holds no engine lock. */
    void deliverEvents() {
        events.deliver();
    }

    /** Runs {@code r} with the session locked, then what it raised for the application, unlocked. */
    private void locked(Runnable r) {
        synchronized (session) {
            r.run();
        }
        events.deliver();
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
            if (session.engine() != null) {
                return; // a socket the peer dialed took the session over meanwhile (it won a connection race)
            }
            h.engine(ProtocolEngine.connector(messenger.core(), h, session));
        }
        up = true;
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
        ProtocolEngine e = session.engine();
        cancelStandby();
        messenger.handlerOf(e).ifPresent(h -> {
            h.handshakeDone();
            if (h.channel() != null) {
                loop = h.channel().eventLoop();
            }
        });
        up = true;
        LOG.log(System.Logger.Level.DEBUG, () -> (resumed ? "session resumed: " : "connection ready: ") + i.summary());
        if (!resumed) {
            events.run(() -> dispatcher().onReady(this));
        }
        List<CompletableFuture<Void>> waiting = List.copyOf(waitingForReady);
        waitingForReady.clear();
        events.run(() -> {
            readyFuture.complete(this);
            waiting.forEach(f -> f.complete(null));
        });
        drainInboxLocked();
    }

    @Override
    public void onMessage(RawMessage message) {
        events.message(message);
    }

    @Override
    public void onKeepaliveAck(long stampSec, int stampNsec) {
        long now = System.nanoTime();
        if (!keepalives.isEmpty()) {
            CompletableFuture<Long> f = keepalives.remove(0);
            events.run(() -> f.complete(now));
        }
    }

    @Override
    public void onFault(Throwable cause) {
        lastFault = cause;
        up = false;
        loop = home;
        List<CompletableFuture<Long>> pings = List.copyOf(keepalives);
        keepalives.clear();
        LOG.log(System.Logger.Level.DEBUG, () -> "socket fault on " + this + ": " + cause);
        boolean tell = session.everReady();
        events.run(() -> {
            pings.forEach(f -> f.completeExceptionally(cause));
            if (tell) {
                dispatcher().onFault(this, cause);
            }
        });
        if (session.target() == null) {
            scheduleStandbyExpiry();
            return;
        }
        boolean waited = false;
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstDialNanos);
        if (!session.everReady() && elapsedMs > messenger.timeouts().handshakeMillis()) {
            // a lossless session that never came up gives up after ms_connection_ready_timeout
            home.execute(() -> locked(() -> session.close(messenger.core(), cause)));
            return;
        }
        long delay;
        if (cause instanceof ProtocolException && String.valueOf(cause.getMessage()).contains("WAIT")) {
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
        events.run(() -> dispatcher().onRemoteReset(this));
    }

    @Override
    public void onDiscarded() {
        messenger.unregister(this);
    }

    @Override
    public void onClosed(Throwable cause) {
        closed = true;
        up = false;
        cancelStandby();
        messenger.unregister(this);
        Throwable c = cause != null ? cause : new ClosedChannelException();
        List<CompletableFuture<Void>> waiting = List.copyOf(waitingForReady);
        waitingForReady.clear();
        List<CompletableFuture<Long>> pings = List.copyOf(keepalives);
        keepalives.clear();
        boolean tell = info != null || cause != null;
        events.run(() -> {
            readyFuture.completeExceptionally(c);
            waiting.forEach(f -> f.completeExceptionally(c));
            pings.forEach(f -> f.completeExceptionally(c));
            failInbox(c);
            if (tell) {
                dispatcher().onClosed(this, cause);
            }
            if (cause == null) {
                closeFuture.complete(null);
            } else {
                closeFuture.completeExceptionally(cause);
            }
        });
    }

    /** Fails sends that will never reach the engine (the session ended). */
    private void failInbox(Throwable c) {
        for (Session.Outgoing o = inbox.takeAll(); o != null; ) {
            Session.Outgoing next = SendInbox.next(o);
            o.done();
            o.completeExceptionally(c);
            o = next;
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
        standbyTimer = home.schedule(() -> locked(() -> {
            if (session.engine() == null && !session.isClosed()) {
                session.close(messenger.core(), new java.io.IOException(
                        "peer did not reconnect within inkwire_standby_timeout (" + ms + " ms) after: " + why));
            }
        }), ms, TimeUnit.MILLISECONDS);
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

    /**
     * Retains the message before it returns (the dispatcher that sends a received message from its
     * callback releases its own reference right after): this reference goes with it to the I/O
     * thread, which hands it to the session. What the caller gets back is the session's own entry
     * for the message ({@link Session.Outgoing}, a future): one object per send.
     */
    @Override
    public CompletionStage<Void> send(RawMessage message) {
        if (closed) {
            return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        Session.Outgoing o = new Session.Outgoing(message.retain());
        inbox.add(o);
        if (closed) {
            failInbox(new ClosedChannelException()); // raced with the end of the session: nobody drains any more
        } else if (drainScheduled.compareAndSet(false, true)) {
            // even from our own dispatcher on the I/O thread: the drain then runs right after the
            // current read, and one flush covers every message the read's dispatches sent
            loop.execute(drainTask);
        }
        return o;
    }

    /** On an I/O thread: moves the sends to the session and writes them (one flush for the batch). */
    private void drainInbox() {
        drainScheduled.set(false);
        EventLoop l = loop;
        if (!l.inEventLoop()) {
            if (drainScheduled.compareAndSet(false, true)) {
                l.execute(drainTask); // the session moved to a socket on another loop
            }
            return;
        }
        locked(this::drainInboxLocked);
    }

    private void drainInboxLocked() {
        ProtocolEngine e = session.engine();
        boolean any = false;
        for (Session.Outgoing o = inbox.takeAll(); o != null; ) {
            Session.Outgoing next = SendInbox.next(o);
            try {
                session.queue(o); // with the message's reference
                any = true;
            } catch (IllegalStateException closed) {
                o.done();
                Session.Outgoing f = o;
                events.run(() -> f.completeExceptionally(new ClosedChannelException()));
            }
            o = next;
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
        loop.execute(() -> locked(() -> {
            ProtocolEngine e = session.engine();
            if (e == null || !e.isReady()) {
                events.run(() -> f.completeExceptionally(new IllegalStateException("connection not ready")));
                return;
            }
            keepalives.add(f);
            e.sendKeepalive();
            messenger.handlerOf(e).ifPresent(h -> {
                h.markActive(); // asked for by the application (MonClient's ping): the connection is in use
                h.flush();
            });
        }));
        return f.thenApply(end -> end - start);
    }

    @Override
    public void close() {
        loop.execute(() -> locked(() -> session.close(messenger.core(), null)));
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public boolean isOpen() {
        return !closed && up;
    }

    /** How many sockets completed a handshake for this session (1 + reconnects). */
    public int sockets() {
        return sockets;
    }

    @Override
    public String toString() {
        ConnectionInfo i = info;
        return "NettyConnection{" + (i != null ? i.summary() : "handshaking") + "}";
    }
}
