package io.inkwire.api;

import io.inkwire.api.message.RawMessage;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One session with a peer. Thread-safe: {@link #send} may be called from any thread; messages
 * are sent in the order of the calls.
 */
public interface Connection {

    /** What was negotiated; empty until the handshake completes. */
    Optional<ConnectionInfo> info();

    /**
     * Queues a message. The stage completes when the message was written to the socket, or
     * exceptionally when the connection closed before that. The messenger retains the message
     * ({@link RawMessage#retain()}) before this returns and releases it once it no longer needs its
     * buffers: after writing it, or on a lossless session once the peer acknowledged it. So a
     * dispatcher may send a received message (or one built with its {@link RawMessage#toBuilder()})
     * from its callback as it is.
     */
    CompletionStage<Void> send(RawMessage message);

    /** Sends a KEEPALIVE2; the stage completes with the round trip in nanoseconds when its ACK arrives. */
    CompletionStage<Long> keepalive();

    /** Closes the connection; pending sends fail. */
    void close();

    /** Completes when the connection is closed, exceptionally with the cause of a fault. */
    CompletionStage<Void> closeFuture();

    boolean isOpen();
}
