package io.inkwire.auth.cephx.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.config.CephConfig;

/**
 * The cephx acceptor side (CephxServiceHandler + the authorizer check of a service).
 *
 * <ul>
 *   <li>As a monitor ({@code config.name()} is a {@code mon.*} and {@code config.globalIds()} is
 *       set): AUTH_MODE_MON requests — server challenge, proof of the entity's keyring key, global
 *       id assignment or reclaim, the AUTH ticket, the connection secret and the requested service
 *       tickets; later, on the same session, MAuth renewals (see {@link CephxServerSession}).</li>
 *   <li>As any service: AUTH_MODE_AUTHORIZER requests for tickets of our own type, with the
 *       challenge round, mutual authentication and a nonce replay cache.</li>
 * </ul>
 * Ticket lifetimes come from {@code auth_mon_ticket_ttl} (the AUTH ticket) and
 * {@code auth_service_ticket_ttl} (the others). Service secrets: see {@link ServiceSecrets}.
 * Thread-safe.
 */
public final class CephxServerHandler implements AuthServerHandler {

    private final AuthServerConfig config;
    private final CephxRuntime rt;
    private final ServiceSecrets secrets;
    private final TicketAuthority tickets;
    private final ReplayCache replays = new ReplayCache();
    private final double monTicketTtl;
    private final double serviceTicketTtl;

    public CephxServerHandler(AuthServerConfig config, CephxRuntime runtime) throws AuthException {
        this.config = config;
        this.rt = runtime;
        CephConfig o = config.options() == null ? CephConfig.empty() : config.options();
        try {
            this.monTicketTtl = positive(o.getSeconds("auth_mon_ticket_ttl", 259200), "auth_mon_ticket_ttl");
            this.serviceTicketTtl = positive(o.getSeconds("auth_service_ticket_ttl", 3600), "auth_service_ticket_ttl");
        } catch (IllegalArgumentException e) {
            throw new AuthException(AuthException.EINVAL, "cephx: " + e.getMessage());
        }
        this.secrets = new ServiceSecrets(config.keyring(), runtime);
        this.tickets = new TicketAuthority(runtime, secrets);
    }

    private static double positive(double v, String option) {
        if (!(v > 0) || v > 0xffffffffL) {
            throw new IllegalArgumentException("option " + option + " must be a positive number of seconds, got " + v);
        }
        return v;
    }

    @Override
    public AuthServerSession newSession(EntityType peerType, int connectionSecretLength) {
        return new CephxServerSession(this, peerType, connectionSecretLength);
    }

    EntityName name() {
        return config.name();
    }

    AuthServerConfig config() {
        return config;
    }

    CephxRuntime runtime() {
        return rt;
    }

    TicketAuthority tickets() {
        return tickets;
    }

    ReplayCache replays() {
        return replays;
    }

    /** Whether we act as a monitor: only then are AUTH_MODE_MON requests served. */
    boolean isMonitor() {
        return config.globalIds() != null && config.name().type() == EntityType.MON;
    }

    long newGlobalId() {
        return config.globalIds().getAsLong();
    }

    /** Ticket lifetime in seconds: the AUTH ticket lives auth_mon_ticket_ttl, the others auth_service_ticket_ttl. */
    double ttl(int serviceId) {
        return serviceId == ServiceMask.AUTH ? monTicketTtl : serviceTicketTtl;
    }

    @Override
    public void close() {
        secrets.destroy();
    }

    @Override
    public String toString() {
        return "CephxServerHandler{" + config.name() + "}";
    }
}
