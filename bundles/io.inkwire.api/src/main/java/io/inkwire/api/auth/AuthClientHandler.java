package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityType;
import java.time.Instant;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One identity's client-side auth state across connections (Ceph's {@code AuthClientHandler}):
 * the global id and, for ticket-based methods, the tickets a monitor session obtained and that
 * service connections use for their authorizers.
 *
 * <p>Thread-safe: connections on different I/O threads call it.
 */
@ConsumerType
public interface AuthClientHandler extends AutoCloseable {

    /**
     * Starts the exchange for a new connection.
     *
     * @param peerType {@link EntityType#MON} for a monitor session (AUTH_MODE_MON), anything else
     *                 for a service connection (AUTH_MODE_AUTHORIZER)
     * @throws AuthException when nothing can be offered (e.g. no ticket for that service yet)
     */
    AuthClientSession newSession(EntityType peerType) throws AuthException;

    /** The global id the monitors gave us, 0 before the first monitor session. */
    long globalId();

    /**
     * Whether tickets need renewing at {@code now} (an established monitor session asks on each
     * tick). Methods without tickets answer false.
     */
    default boolean needsRenewal(Instant now) {
        return false;
    }

    /**
     * The payload of an MAuth request that renews tickets over an established monitor session
     * ({@code CEPHX_GET_AUTH_SESSION_KEY} / {@code CEPHX_GET_PRINCIPAL_SESSION_KEY}).
     */
    default byte[] buildRenewalRequest(Instant now) throws AuthException {
        throw new AuthException(AuthException.EOPNOTSUPP, "this auth method has nothing to renew");
    }

    /** Handles the MAuthReply to {@link #buildRenewalRequest}. */
    default void handleRenewalReply(int result, byte[] payload, Instant now) throws AuthException {
        throw new AuthException(AuthException.EOPNOTSUPP, "this auth method has nothing to renew");
    }

    /** Wipes keys and tickets. */
    @Override
    void close();
}
