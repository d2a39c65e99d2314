package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Role;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.message.RawMessage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One socket's sans-I/O protocol engine, msgr2 ({@link ProtocolV2}) or msgr1 ({@link ProtocolV1}):
 * the contract between a transport and the protocol. Besides it a transport uses only the
 * {@link Session} its connection holds, the {@link ProtocolListener} it hears, the {@link Transport}
 * it implements and the messenger's {@link MessengerCore} (with {@link AddressPolicy} for what to
 * bind): no frame, no auth session, no concrete engine.
 *
 * <p>The transport makes an engine with {@link #connector} or {@link #acceptor}, calls
 * {@link #start()} once the socket is up, then repeatedly reads exactly {@link #bytesWanted()} bytes
 * into {@link #receiveBuffer()} and hands that buffer to {@link #onBytes}; the engine writes
 * through its {@link Transport} and reports
 * to its session's {@link ProtocolListener}. Every call holds the monitor of {@link #session()} (the
 * session the socket serves now: an acceptor may move to an existing session it resumes), on the
 * socket's I/O thread; the listener's events arrive the same way.
 */
public interface ProtocolEngine {

    /**
     * The engine of a new socket dialed for {@code session}, by its target's protocol: msgr1 for a
     * {@code v1:} address (a monitor session is authenticated in MAuth messages before it is
     * ready), msgr2 otherwise (which opens the session or resumes it).
     */
    static ProtocolEngine connector(MessengerCore core, Transport t, Session session) {
        return session.target().type() == AddrType.LEGACY ? ProtocolV1.connector(core, t, session, true)
                : ProtocolV2.connector(core, t, session);
    }

    /**
     * The engine of a socket accepted on an address of type {@code listening} (msgr1 on a
     * {@code v1:} port, msgr2 otherwise), with {@code provisional} as its session until the peer
     * identifies itself.
     */
    static ProtocolEngine acceptor(MessengerCore core, Transport t, Session provisional, AddrType listening) {
        return listening == AddrType.LEGACY ? ProtocolV1.acceptor(core, t, provisional, true) : ProtocolV2.acceptor(core, t, provisional);
    }

    /** Our side of the connection. */
    Role role();

    /** {@code "msgr2"} or {@code "msgr1"}, as {@link ConnectionInfo#protocol()} names it. */
    String protocol();

    /** The transport this engine writes to. */
    Transport transport();

    /** The session this socket serves now; its monitor is the lock of every call. */
    Session session();

    /** Sends what this side says first. */
    void start();

    /** How many bytes the next {@link #onBytes} call must carry (always at least 1 while open). */
    int bytesWanted();

    /**
     * Where the transport reads the next {@link #bytesWanted()} bytes: a heap buffer, position 0,
     * limit {@link #bytesWanted()}, to fill up to its limit, flip and pass to {@link #onBytes}, and
     * not to touch after that call. A message's payload lands in a pooled buffer that the message
     * built from it returns to the messenger's {@link BufferPool} on its last release; other reads
     * land in a buffer the engine reuses. A transport that gives up on a buffer before passing it
     * on (its socket closed mid-read) hands it to {@link #discardReceiveBuffer}. The default, for
     * engines that do not pool, is a fresh array. Called with the engine's lock held.
     */
    default ByteBuffer receiveBuffer() {
        return ByteBuffer.allocate(bytesWanted());
    }

    /** A buffer from {@link #receiveBuffer()} that will never reach {@link #onBytes}: back to its pool. Called with the engine's lock held. */
    default void discardReceiveBuffer(ByteBuffer b) {
    }

    /**
     * Consumes exactly {@link #bytesWanted()} bytes; a violation closes the connection and is
     * reported, not thrown. {@code in} is the {@link #receiveBuffer()} filled, or a buffer of the
     * caller's that the engine's messages may keep views of (it is never given back to a pool).
     */
    void onBytes(ByteBuffer in);

    /** Queues a message; sent at once when the session is ready, else when it becomes ready. */
    default void send(RawMessage m) {
        send(m, null);
    }

    /** As {@link #send(RawMessage)}; {@code written} (may be null) completes once the socket took the message. */
    void send(RawMessage m, CompletableFuture<Void> written);

    /**
     * Writes what waits in the session's queue, as far as the session and the socket allow
     * ({@link Transport#writable()}); nothing before the handshake completed. The transport calls
     * it after queueing on the session, and once a socket that was behind drained.
     */
    void writeQueued();

    /** Sends a keepalive stamped with the wall clock; returns the stamp. */
    Instant sendKeepalive();

    /** Closes the connection in order: the session ends (a lossless one too). */
    default void close() {
        close(null);
    }

    /** Ends the session through this socket; {@code cause} is null for an orderly close. */
    void close(Throwable cause);

    /** The socket went away under us; {@code cause} is null for an EOF. */
    void onTransportClosed(Throwable cause);

    /** Whether the handshake completed (and, on msgr1 towards a monitor, MAuth): messages flow. */
    boolean isReady();

    boolean isClosed();

    /** What was negotiated, once the handshake completed (null before). */
    ConnectionInfo info();

    /**
     * Bytes of the message whose payload is read next, held until it was dispatched (for the
     * transport's dispatch throttle); 0 when no message is being read.
     */
    default long messageBytesAhead() {
        return 0;
    }

    /** Acknowledges what arrived since the last call, where the protocol does so in batches (msgr2 lossless). */
    default void ackIfNeeded() {
    }
}
