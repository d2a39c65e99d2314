package io.inkwire.api;

import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientHandler;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A messenger: one identity that connects to peers and, once bound, accepts connections from
 * them. Create one with a {@link MessengerFactory}.
 */
public interface Messenger extends AutoCloseable {

    EntityName name();

    /**
     * Connects to a peer. The stage completes once the handshake is done (banner, hello, auth,
     * ident) or exceptionally with the reason it failed.
     *
     * @param addr     a {@code v2:} address (or {@code v1:} where msgr1 is available)
     * @param peerType what the peer is; decides the auth mode (monitor or authorizer) and the
     *                 mode options ({@code ms_mon_client_mode} vs {@code ms_client_mode})
     */
    CompletionStage<Connection> connect(EntityAddr addr, EntityType peerType);

    /** Binds the acceptor on these addresses (port 0 picks a free port); completes with the bound vector. */
    CompletionStage<EntityAddrVec> bind(EntityAddrVec addrs);

    /** The addresses bound, empty if not bound. */
    EntityAddrVec boundAddrs();

    /**
     * Our client-side auth state for a method, once a connection has used it: the monitor client
     * renews tickets through it over its established session.
     */
    Optional<AuthClientHandler> authClientHandler(int method);

    /** Closes every connection and the acceptor. */
    @Override
    void close();
}
