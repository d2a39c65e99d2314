package io.inkwire.auth.cephx;

import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.auth.cephx.internal.CephxClientHandler;
import io.inkwire.auth.cephx.internal.CephxRuntime;
import io.inkwire.auth.cephx.internal.CephxServerHandler;
import io.inkwire.api.annotations.InkwireAuthProvider;
import org.osgi.service.component.annotations.Component;

/**
 * The cephx auth method ({@code CEPH_AUTH_CEPHX} = 2): monitor authentication with tickets,
 * authorizers towards services, ticket renewal, and the acceptor side for an inkwire acting as a
 * monitor or as a service. Yields a session key and a connection secret, so secure mode can use it.
 *
 * <p>Options read: {@code inkwire_crypto_provider} (JCA provider for AES, empty = JDK default),
 * {@code inkwire_cephx_want_keys} (client: services to get tickets for, default
 * {@code mon osd mgr}), {@code auth_mon_ticket_ttl} and {@code auth_service_ticket_ttl} (server).
 * Stateless: every handler owns its own keys and tickets.
 */
@InkwireAuthProvider(value = "cephx", method = AuthProvider.CEPH_AUTH_CEPHX)
@Component(service = AuthProvider.class, property = {"inkwire.auth.method:Integer=2", "inkwire.auth.name=cephx"})
public final class CephxAuthProvider implements AuthProvider {

    public CephxAuthProvider() {
    }

    @Override
    public int method() {
        return CEPH_AUTH_CEPHX;
    }

    @Override
    public String name() {
        return "cephx";
    }

    @Override
    public boolean providesConnectionSecret() {
        return true;
    }

    /**
     * A client handler for {@code config.name()}; its key must be in {@code config.keyring()}
     * (else {@link AuthException} ENOENT).
     */
    @Override
    public AuthClientHandler newClientHandler(AuthClientConfig config) throws AuthException {
        return new CephxClientHandler(config, CephxRuntime.from(config.options()));
    }

    /**
     * A server handler for {@code config.name()}. It serves AUTH_MODE_MON only when that name is a
     * monitor and {@code config.globalIds()} is set; it accepts authorizers for its own entity type.
     */
    @Override
    public AuthServerHandler newServerHandler(AuthServerConfig config) throws AuthException {
        return new CephxServerHandler(config, CephxRuntime.from(config.options()));
    }

    @Override
    public String toString() {
        return "CephxAuthProvider{method=2, name=cephx}";
    }
}
