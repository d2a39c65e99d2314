package io.inkwire.api.auth;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The client half of one connection's auth exchange: AUTH_REQUEST, zero or more
 * AUTH_REPLY_MORE / AUTH_REQUEST_MORE rounds, AUTH_DONE. Driven by the protocol engine from the
 * connection's I/O thread.
 */
@ConsumerType
public interface AuthClientSession extends AutoCloseable {

    /** The AUTH_REQUEST payload: for a monitor it starts with {@code AUTH_MODE_MON}; for a service it is the authorizer. */
    byte[] initialRequest() throws AuthException;

    /** Answers an AUTH_REPLY_MORE with the next AUTH_REQUEST_MORE payload. */
    byte[] handleReplyMore(byte[] payload) throws AuthException;

    /**
     * Completes the exchange with the AUTH_DONE payload; verifies the server (mutual auth) where
     * the method can.
     *
     * @param globalId the global id the server assigned
     * @param conMode  the connection mode the server chose
     * @param connectionSecretLength how many secret bytes that mode needs
     */
    AuthResult handleDone(long globalId, int conMode, int connectionSecretLength, byte[] payload) throws AuthException;

    /** Wipes what the session holds. */
    @Override
    void close();
}
