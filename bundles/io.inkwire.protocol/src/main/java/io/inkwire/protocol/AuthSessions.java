package io.inkwire.protocol;

import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthServerSession;

/**
 * The auth method's sessions of one socket's handshake, msgr2's or msgr1's: the client side's (we
 * dialed) and the server side's (we accepted). Each is closed when another replaces it, when the
 * peer is refused, once the handshake is done, and when the socket ends, so that no key material
 * outlives the exchange. Not thread-safe: the engine's.
 */
final class AuthSessions implements AutoCloseable {

    private AuthClientSession client;
    private AuthServerSession server;

    /** The client session in flight, or null. */
    AuthClientSession client() {
        return client;
    }

    /** The server session in flight, or null. */
    AuthServerSession server() {
        return server;
    }

    /** {@code s} replaces the client session in flight (which is closed). */
    AuthClientSession startClient(AuthClientSession s) {
        closeClient();
        client = s;
        return s;
    }

    /** {@code s} replaces the server session in flight (which is closed). */
    AuthServerSession startServer(AuthServerSession s) {
        closeServer();
        server = s;
        return s;
    }

    void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    void closeServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        closeClient();
        closeServer();
    }
}
