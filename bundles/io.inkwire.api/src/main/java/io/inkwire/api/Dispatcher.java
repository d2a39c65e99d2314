package io.inkwire.api;

import io.inkwire.api.message.RawMessage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives what happens on a messenger's connections. Called on the connection's I/O thread:
 * implementations must not block.
 */
@ConsumerType
public interface Dispatcher {

    /** A message arrived, in order. */
    void onMessage(Connection connection, RawMessage message);

    /** A connection completed its handshake (both roles). */
    default void onReady(Connection connection) {
    }

    /** A connection closed; {@code cause} is null for an orderly close. */
    default void onClosed(Connection connection, Throwable cause) {
    }
}
