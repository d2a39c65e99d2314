package io.inkwire.api.auth;

import org.osgi.annotation.versioning.ConsumerType;

/** The server half of one connection's auth exchange. */
@ConsumerType
public interface AuthServerSession extends AutoCloseable {

    /**
     * Handles the AUTH_REQUEST payload ({@code more == false}) or an AUTH_REQUEST_MORE payload.
     *
     * @throws AuthException the peer is refused; its errno goes into AUTH_BAD_METHOD
     */
    AuthServerStep handle(byte[] payload, boolean more) throws AuthException;

    @Override
    void close();
}
