package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Role;
import io.inkwire.api.message.RawMessage;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One connection's sans-I/O protocol engine, msgr2 ({@link ProtocolV2}) or msgr1
 * ({@link ProtocolV1}). The transport calls {@link #start()} once the socket is up, then repeatedly
 * reads exactly {@link #bytesWanted()} bytes and hands them to {@link #onBytes}; the engine writes
 * through its {@link Transport} and reports through its {@link ProtocolListener}. Not thread-safe:
 * call it from the connection's I/O thread only.
 */
public interface ProtocolEngine {

    /** Our side of the connection. */
    Role role();

    /** Sends what this side says first. */
    void start();

    /** How many bytes the next {@link #onBytes} call must carry (always at least 1 while open). */
    int bytesWanted();

    /** Consumes exactly {@link #bytesWanted()} bytes; a violation closes the connection and is reported, not thrown. */
    void onBytes(ByteBuffer in);

    /** Queues a message; sent at once when the session is ready, else when it becomes ready. */
    void send(RawMessage m);

    /** Sends a keepalive stamped with the wall clock; returns the stamp. */
    Instant sendKeepalive();

    /** Closes the connection in order. */
    void close();

    /** The socket went away under us; {@code cause} is null for an EOF. */
    void onTransportClosed(Throwable cause);

    boolean isReady();

    boolean isClosed();

    /** What was negotiated, once ready (null before). */
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
