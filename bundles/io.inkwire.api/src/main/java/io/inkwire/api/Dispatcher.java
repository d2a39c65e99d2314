package io.inkwire.api;

import io.inkwire.api.message.RawMessage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives what happens on a messenger's connections. Called on the connection's I/O thread:
 * implementations must not block.
 */
@ConsumerType
public interface Dispatcher {

    /**
     * A message arrived, in order. It is lent for this call: the messenger releases it once the
     * call returned and reuses its buffers. Keeping it, or views of its buffers, longer takes a
     * {@link RawMessage#retain()} here and a {@link RawMessage#release()} when done (see
     * {@link RawMessage}).
     */
    void onMessage(Connection connection, RawMessage message);

    /** A connection completed its handshake (both roles). */
    default void onReady(Connection connection) {
    }

    /**
     * The socket under a lossless connection failed (a cut, a protocol error, or the peer fell
     * silent past {@code inkwire_connection_dead_timeout}). The connection survives: the side that
     * dialed reconnects and every unacknowledged message is sent again; nothing is lost. A lossy
     * connection is closed instead ({@link #onClosed}).
     */
    default void onFault(Connection connection, Throwable cause) {
    }

    /**
     * The peer had forgotten our lossless session (it restarted, or reset it): messages queued or
     * in flight were dropped, and the connection continues as a new session (Ceph's
     * {@code ms_handle_remote_reset}).
     */
    default void onRemoteReset(Connection connection) {
    }

    /** A connection closed; {@code cause} is null for an orderly close. */
    default void onClosed(Connection connection, Throwable cause) {
    }
}
