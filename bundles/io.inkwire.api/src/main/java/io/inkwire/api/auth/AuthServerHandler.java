package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityType;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An acceptor's server-side auth state for one method (keyring, service secrets, replay caches).
 * Thread-safe.
 */
@ConsumerType
public interface AuthServerHandler extends AutoCloseable {

    /**
     * Starts the exchange for one accepted connection.
     *
     * @param peerType              the entity type the peer announced in HELLO
     * @param connectionSecretLength bytes of connection secret the chosen mode needs
     */
    AuthServerSession newSession(EntityType peerType, int connectionSecretLength);

    @Override
    void close();
}
