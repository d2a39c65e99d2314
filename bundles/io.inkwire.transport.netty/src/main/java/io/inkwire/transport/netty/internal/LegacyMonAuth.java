package io.inkwire.transport.netty.internal;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MAuth;
import io.inkwire.codec.mon.MAuthReply;
import io.inkwire.protocol.MessengerCore;
import io.inkwire.protocol.MonAuthOverMessages;
import io.inkwire.protocol.MonAuthServerOverMessages;
import java.util.Optional;

/**
 * The MAuth / MAuthReply exchange of a msgr1 monitor session, which msgr2 does inside its
 * handshake ({@code MonConnection::authenticate}, {@code src/mon/MonClient.cc}; {@code
 * AuthMonitor::prep_auth}, {@code src/mon/AuthMonitor.cc}). The transport runs it between the
 * engine's READY and handing the connection to the application, so that on both protocols a
 * monitor connection is authenticated when it is ready.
 *
 * <p>Client side: {@link #start} gives the first MAuth, each MAuthReply the next, until done.
 * Monitor side: each MAuth is answered; the client is authenticated after the method's last step,
 * and later MAuths on the session (ticket renewals) keep being answered here. Not thread-safe.
 */
final class LegacyMonAuth implements AutoCloseable {

    private static final MAuth.Codec MAUTH = new MAuth.Codec();
    private static final MAuthReply.Codec MAUTH_REPLY = new MAuthReply.Codec();

    /** One step: the message to send back (may be null) and whether the session just became authenticated. */
    record Step(RawMessage send, boolean authenticated) {
    }

    private final MonAuthOverMessages client;
    private final MonAuthServerOverMessages server;
    private boolean done;

    private LegacyMonAuth(MonAuthOverMessages client, MonAuthServerOverMessages server) {
        this.client = client;
        this.server = server;
    }

    /** We dialed a monitor: authenticate our identity. */
    static LegacyMonAuth client(MessengerCore core) {
        return new LegacyMonAuth(new MonAuthOverMessages(core), null);
    }

    /** We are a monitor and a peer connected without an authorizer: authenticate it. */
    static LegacyMonAuth server(MessengerCore core, EntityType peerType) {
        return new LegacyMonAuth(null, new MonAuthServerOverMessages(core, peerType));
    }

    /** The first MAuth (client side). */
    RawMessage start(long features) throws AuthException {
        MonAuthOverMessages.Request r = client.start();
        return MAUTH.encode(new MAuth(r.protocol(), r.payload(), 0), features);
    }

    /** Whether {@code m} belongs to this exchange: MAuthReply until the client is done; every MAuth on the monitor side. */
    boolean wants(RawMessage m) {
        return client != null ? !done && m.type() == MAuthReply.CEPH_MSG_AUTH_REPLY : m.type() == MAuth.CEPH_MSG_AUTH;
    }

    /**
     * Handles one message {@link #wants} accepted.
     *
     * @throws AuthException the monitor refused us (client side)
     * @throws ProtocolException the message does not decode
     */
    Step handle(RawMessage m, long features) throws AuthException, ProtocolException {
        if (client != null) {
            MAuthReply reply = MAUTH_REPLY.decode(m, features);
            Optional<MonAuthOverMessages.Request> next = client.handleReply(reply.protocol(), reply.result(), reply.globalId(), reply.resultBl());
            if (next.isPresent()) {
                return new Step(MAUTH.encode(new MAuth(next.get().protocol(), next.get().payload(), 0), features), false);
            }
            done = true;
            return new Step(null, true);
        }
        MAuth request = MAUTH.decode(m, features);
        boolean before = server.isAuthenticated();
        MonAuthServerOverMessages.Reply r = server.handle(request.protocol(), request.authPayload());
        RawMessage out = MAUTH_REPLY.encode(new MAuthReply(r.protocol(), r.result(), r.globalId(), r.resultBl(), r.message()), features);
        boolean now = !before && server.isAuthenticated();
        done |= now;
        return new Step(out, now);
    }

    /** The engine's connection info with what MAuth established: the method, the global id, the peer's entity (monitor side). */
    ConnectionInfo authenticated(ConnectionInfo i) {
        if (client != null) {
            return new ConnectionInfo(i.role(), i.protocol(), i.revision(), i.peerAddr(), i.peerAddrs(), i.peerType(), i.peerName(),
                    client.method().map(AuthProvider::name).orElse(i.authMethod()), i.mode(), client.result().globalId(), i.features(),
                    i.lossy());
        }
        return new ConnectionInfo(i.role(), i.protocol(), i.revision(), i.peerAddr(), i.peerAddrs(), i.peerType(),
                server.entity().orElse(i.peerName()), server.method().map(AuthProvider::name).orElse(i.authMethod()), i.mode(),
                server.globalId(), i.features(), i.lossy());
    }

    Role role() {
        return client != null ? Role.CONNECTOR : Role.ACCEPTOR;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        } else {
            server.close();
        }
    }
}
