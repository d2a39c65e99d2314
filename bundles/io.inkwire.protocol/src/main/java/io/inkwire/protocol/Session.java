package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One session with a peer, the part of a connection that outlives its sockets: the listener the
 * engines report to, the messages not yet sent and, for msgr2, cookies, {@code connect_seq}, the
 * peer's {@code global_seq}, both sequence counters and the messages sent but not yet acknowledged
 * ({@code out_queue} and {@code sent} in {@code src/msg/async/ProtocolV2.cc}).
 *
 * <p>A lossy session lives and dies with its one socket; every msgr1 session is lossy here. A
 * lossless one survives: after a fault the sent messages go back to the head of the queue and a new
 * socket's engine resumes the session with SESSION_RECONNECT, dropping what the peer already had.
 * A transport holds the session, queues on it ({@link #queue}) and ends it ({@link #close}); the
 * engine of its current socket ({@link #engine()}) writes what is queued.
 *
 * <p>Locking: every engine attached to this session, and every caller touching it, holds this
 * object's monitor. One lock per session keeps the old and the new socket of a reconnect (possibly
 * on different I/O threads) from interleaving.
 */
public final class Session {

    /**
     * One outgoing message, the sequence number it was sent with (0 until sent), and the future its
     * sender holds: it completes once the socket took the message (lossy sessions) or the peer
     * acknowledged it (lossless ones), and fails when the session ends first. One object per send,
     * made by whoever hands the message in (a transport's {@code Connection.send}, or
     * {@link #queue(RawMessage, CompletableFuture)}). It holds one reference to the message from
     * the queue until the session is done with it — written on a lossy session, acknowledged on a
     * lossless one, or dropped — and releases it then ({@link #done}), so that a message whose
     * buffers are a received message's stays valid as long as it may be (re)sent.
     */
    public static final class Outgoing extends CompletableFuture<Void> {
        final RawMessage message;
        long seq;
        /** The entry below this one in a {@link SendInbox}: the entry is its own queue node. */
        Outgoing next;

        /** Takes over one reference to {@code message} that the caller holds (retained for it). */
        public Outgoing(RawMessage message) {
            this.message = message;
        }

        /** The message's payload bytes (front, middle and data), what the session's byte budgets count; fixed, as the buffers are. */
        long bytes() {
            return (long) message.frontLength() + message.middleLength() + message.dataLength();
        }

        /** The session is done with the message: its reference is dropped (by the session, or a transport that never queued it; once). */
        public void done() {
            message.release();
        }
    }

    private final EntityAddr target;
    private EntityType peerType;
    private final ProtocolListener listener;
    /** Volatile, as {@link #closed}: the registry reads both without taking the session's lock. */
    private volatile ConnectionPolicy policy;

    long clientCookie;
    long serverCookie;
    long connectSeq;
    long peerGlobalSeq;
    long globalSeq;
    long outSeq;
    long inSeq;
    long inSeqAcked;
    EntityAddrVec peerAddrs;
    ConnectionInfo info;

    final ArrayDeque<Outgoing> outQueue = new ArrayDeque<>();
    final ArrayDeque<Outgoing> sent = new ArrayDeque<>();
    long unackedBytes;
    long queuedBytes;

    private ProtocolEngine engine;
    private volatile boolean closed;
    private boolean everReady;

    /**
     * @param target   the address we dial (null for a session a peer opened)
     * @param peerType the peer's entity type (null until an accepted peer says HELLO)
     * @param listener the application's side of the session
     */
    public Session(EntityAddr target, EntityType peerType, ConnectionPolicy policy, ProtocolListener listener) {
        this.target = target;
        this.peerType = peerType;
        this.policy = policy;
        this.listener = listener;
    }

    /**
     * A session we dial to {@code target}: on msgr2 ({@code v2:}) with the policy for the peer's
     * type; on msgr1 ({@code v1:}) lossy whatever the policy says, since the msgr1 engine keeps
     * nothing to resend on another socket.
     */
    public static Session dialing(MessengerCore core, EntityAddr target, EntityType peerType, ProtocolListener listener) {
        return new Session(target, peerType, target.type() == AddrType.LEGACY ? null : core.policy(peerType), listener);
    }

    /** The provisional session of an accepted socket, until the peer identifies itself. */
    public static Session accepted(ProtocolListener listener) {
        return new Session(null, null, null, listener);
    }

    public EntityAddr target() {
        return target;
    }

    public EntityType peerType() {
        return peerType;
    }

    void peerType(EntityType t) {
        this.peerType = t;
    }

    public ConnectionPolicy policy() {
        return policy;
    }

    void policy(ConnectionPolicy p) {
        this.policy = p;
    }

    public ProtocolListener listener() {
        return listener;
    }

    public boolean isLossy() {
        return policy == null || policy.lossy();
    }

    /** The engine on the current socket, or null between sockets. */
    public synchronized ProtocolEngine engine() {
        return engine;
    }

    synchronized void attach(ProtocolEngine e) {
        this.engine = e;
    }

    synchronized void detach(ProtocolEngine e) {
        if (engine == e) {
            engine = null;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    synchronized void markClosed() {
        closed = true;
        dropAll();
        unackedBytes = 0;
        queuedBytes = 0;
    }

    /** Whether a handshake ever completed on this session (the application has seen it ready). */
    public synchronized boolean everReady() {
        return everReady;
    }

    synchronized void markReady(ConnectionInfo i) {
        this.info = i;
        this.everReady = true;
    }

    public synchronized ConnectionInfo info() {
        return info;
    }

    /** Bytes of messages sent and not yet acknowledged (lossless), or queued and not yet sent. */
    public synchronized long unackedBytes() {
        return unackedBytes;
    }

    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Messages queued or in flight. */
    public synchronized int backlog() {
        return outQueue.size() + sent.size();
    }

    /** Whether the peer knows this session (a server cookie was exchanged): a new socket reconnects rather than identifies. */
    synchronized boolean canReconnect() {
        return !isLossy() && serverCookie != 0;
    }

    /**
     * Queues a message, whether or not a socket serves the session now (a lossless session between
     * sockets); the current engine writes it once ready ({@link ProtocolEngine#writeQueued()}).
     * {@code written} (may be null) completes as the message's {@link Outgoing} does.
     *
     * @throws IllegalStateException the session ended
     */
    public void queue(RawMessage m, CompletableFuture<Void> written) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("connection closed");
            }
            Outgoing o = new Outgoing(m.retain());
            if (written != null) {
                o.whenComplete((v, t) -> {
                    if (t == null) {
                        written.complete(null);
                    } else {
                        written.completeExceptionally(t);
                    }
                });
            }
            queue(o);
        }
    }

    /**
     * Queues {@code o}, which takes over its reference to the message; on an ended session it throws
     * and the caller still owns that reference.
     *
     * @throws IllegalStateException the session ended
     */
    public void queue(Outgoing o) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("connection closed");
            }
            outQueue.add(o);
            queuedBytes += o.bytes();
        }
    }

    /** The next queued message, taken off the queue; null when none waits. Call with the session locked. */
    Outgoing pollQueued() {
        Outgoing o = outQueue.pollFirst();
        if (o != null) {
            queuedBytes -= o.bytes();
        }
        return o;
    }

    /**
     * Ends the session ({@code cause} null for an orderly close): through the engine of its current
     * socket, else (a lossless session between sockets) here. Idempotent.
     */
    public void close(MessengerCore core, Throwable cause) {
        synchronized (this) {
            if (closed) {
                return;
            }
            ProtocolEngine e = engine;
            if (e != null) {
                e.close(cause);
            } else {
                end(core, cause);
            }
        }
    }

    /**
     * The end of the session, once its socket (if any) is closed: it is forgotten by the registry,
     * what was queued or in flight fails, and the listener hears {@code onClosed}. Called with the
     * session locked, by the engine that ends it (detached first) or by {@link #close}.
     */
    void end(MessengerCore core, Throwable cause) {
        core.sessions().unregister(this);
        List<CompletableFuture<Void>> unsent = pendingFutures();
        markClosed();
        Throwable c = cause != null ? cause : new ClosedChannelException();
        unsent.forEach(f -> f.completeExceptionally(c));
        listener.onClosed(cause);
    }

    /** Frees sent messages the peer acknowledged ({@code seq <= ack}). */
    void acked(long ack) {
        while (!sent.isEmpty() && sent.peekFirst().seq <= ack) {
            Outgoing o = sent.pollFirst();
            unackedBytes -= o.bytes();
            o.complete(null);
            o.done();
        }
    }

    /** Drops everything queued or in flight, releasing the messages. */
    private void dropAll() {
        for (Outgoing o; (o = outQueue.pollFirst()) != null; ) {
            o.done();
        }
        for (Outgoing o; (o = sent.pollFirst()) != null; ) {
            o.done();
        }
    }

    /** Futures of messages queued or in flight, not yet completed (to fail them when the session ends). */
    List<CompletableFuture<Void>> pendingFutures() {
        List<CompletableFuture<Void>> out = new java.util.ArrayList<>();
        for (Outgoing o : sent) {
            if (!o.isDone()) {
                out.add(o);
            }
        }
        for (Outgoing o : outQueue) {
            if (!o.isDone()) {
                out.add(o);
            }
        }
        return out;
    }

    /** After a fault: sent messages go back to the head of the queue, oldest first ({@code requeue_sent}). */
    void requeueSent() {
        if (sent.isEmpty()) {
            return;
        }
        outSeq -= sent.size();
        Iterator<Outgoing> it = sent.descendingIterator();
        while (it.hasNext()) {
            Outgoing o = it.next();
            outQueue.addFirst(o);
            queuedBytes += o.bytes();
        }
        sent.clear();
        unackedBytes = 0;
    }

    /** After SESSION_RECONNECT_OK: drop requeued messages the peer already has ({@code discard_requeued_up_to}). */
    void discardRequeuedUpTo(long peerInSeq) {
        while (!outQueue.isEmpty()) {
            Outgoing o = outQueue.peekFirst();
            if (o.seq == 0 || o.seq > peerInSeq) {
                break;
            }
            outQueue.pollFirst();
            queuedBytes -= o.bytes();
            o.done();
        }
        outSeq = Math.max(outSeq, peerInSeq);
    }

    /** A full reset: the peer forgot the session; everything queued or in flight is dropped ({@code reset_session}). */
    void resetFull() {
        // the messages are dropped, not sent: their senders hear so
        java.io.IOException dropped = new java.io.IOException("session reset: the peer forgot it (a restart or a reset), queued messages dropped");
        pendingFutures().forEach(f -> f.completeExceptionally(dropped));
        dropAll();
        unackedBytes = 0;
        queuedBytes = 0;
        outSeq = 0;
        inSeq = 0;
        inSeqAcked = 0;
        connectSeq = 0;
        peerGlobalSeq = 0;
        serverCookie = 0;
        clientCookie = MessengerCore.randomCookie();
    }

    /** A partial reset: a new session with the same peer, keeping the queue (messages get new sequence numbers). */
    void resetPartial() {
        requeueSent();
        for (Outgoing o : outQueue) {
            o.seq = 0;
        }
        serverCookie = 0;
        connectSeq = 0;
        inSeq = 0;
        inSeqAcked = 0;
        outSeq = 0;
    }
}
