package io.inkwire.api.auth;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An auth method (Ceph's {@code CEPH_AUTH_*}): {@code none} (1), {@code cephx} (2) and, as a
 * bundle of its own, {@code gss} (4, Kerberos; {@code io.inkwire.auth.gss}).
 *
 * <p>Registered as an OSGi service with the properties {@code inkwire.auth.method} (the number) and
 * {@code inkwire.auth.name}, or found with {@link java.util.ServiceLoader}. Which methods a
 * connection offers and accepts is decided by the {@code auth_*_required} options.
 *
 * <h2>Writing a provider (e.g. Kerberos/GSS)</h2>
 * A provider implements three things, and nothing in the protocol engine changes:
 * <ol>
 *   <li>{@link AuthClientHandler}: per client identity. {@link AuthClientHandler#newSession}
 *       returns an {@link AuthClientSession} whose {@code initialRequest} is the AUTH_REQUEST
 *       payload (to a monitor it starts with {@code u8 AUTH_MODE_MON}, the EntityName and the
 *       global id, then method bytes; for GSS the initial token), whose {@code handleReplyMore}
 *       answers each AUTH_REPLY_MORE (further GSS tokens), and whose {@code handleDone} returns an
 *       {@link AuthResult} with the session key (keys AUTH_SIGNATURE) and, when the chosen mode
 *       asks for one, a connection secret of the requested length (e.g. derived from the GSS
 *       context's key).</li>
 *   <li>{@link AuthServerHandler}: per acceptor. Its {@link AuthServerSession#handle} consumes
 *       each request and answers {@link AuthServerStep#more} or {@link AuthServerStep#done}, or
 *       throws {@link AuthException} with the errno for AUTH_BAD_METHOD.</li>
 *   <li>This interface: the method number and name, and the two factories.</li>
 * </ol>
 * Secrets never appear in {@code toString()}, logs or exception messages.
 *
 * <h2>What the gss provider showed</h2>
 * The Kerberos provider was written against this SPI with no change to it, and learned:
 * <ul>
 *   <li>A method whose own exchange yields no connection secret (Kerberos has none of Ceph's
 *       length) may carry one in its AUTH_DONE payload and derive both keys from it (gss seals a
 *       fresh secret with the GSS context and derives the AUTH_SIGNATURE key and the mode's secret
 *       with HKDF-SHA256).</li>
 *   <li>Authorizers (service connections, {@code AUTH_MODE_AUTHORIZER}) are one round trip: the
 *       whole proof (gss: the AP-REQ) goes in the first request.</li>
 *   <li>Handlers run on the connection's I/O thread: a provider that must reach an outside service
 *       (a KDC) on the first use of an identity blocks that thread until its own timeouts expire, so
 *       it should bound them tightly (gss: short krb5.conf timeouts, TCP).</li>
 *   <li>An acceptor reports the authenticated entity only; a method with a richer identity (a
 *       Kerberos principal) logs it itself.</li>
 * </ul>
 */
@ConsumerType
public interface AuthProvider {

    /** {@code CEPH_AUTH_UNKNOWN}. */
    int CEPH_AUTH_UNKNOWN = 0;
    /** {@code CEPH_AUTH_NONE}. */
    int CEPH_AUTH_NONE = 1;
    /** {@code CEPH_AUTH_CEPHX}. */
    int CEPH_AUTH_CEPHX = 2;
    /** {@code CEPH_AUTH_GSS}. */
    int CEPH_AUTH_GSS = 4;

    /** {@code AUTH_MODE_AUTHORIZER}: the request carries an authorizer for a service. */
    int AUTH_MODE_AUTHORIZER = 1;
    /** {@code AUTH_MODE_MON}: the request opens a session with a monitor. */
    int AUTH_MODE_MON = 10;

    /** The wire value ({@code CEPH_AUTH_*}). */
    int method();

    /** The name used in the {@code auth_*_required} options. */
    String name();

    /** Whether this method yields a session key and connection secret (so secure mode can use it). */
    boolean providesConnectionSecret();

    AuthClientHandler newClientHandler(AuthClientConfig config) throws AuthException;

    AuthServerHandler newServerHandler(AuthServerConfig config) throws AuthException;
}
