package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MAuth;
import io.inkwire.codec.mon.MAuthReply;
import java.util.Optional;

/**
 * The MAuth / MAuthReply exchange of a msgr1 monitor session, which msgr2 does inside its
 * handshake ({@code MonConnection::authenticate}, {@code src/mon/MonClient.cc};
 * {@code AuthMonitor::prep_auth}, {@code src/mon/AuthMonitor.cc}). The engine runs it between its
 * handshake and READY, so that on both protocols a monitor connection is authenticated when it is
 * ready, with the method and global id in its {@link ConnectionInfo}.
 *
 * <p>Client side: {@link #start} sends the first MAuth, each MAuthReply gets the next, until done.
 * Monitor side: each MAuth is answered; the client is authenticated after the method's last step,
 * and later MAuths on the session (ticket renewals) keep being answered here. Not thread-safe.
 */
final class V1MonAuthPhase implements AutoCloseable {

    private static final MAuth.Codec MAUTH = new MAuth.Codec();
    private static final MAuthReply.Codec MAUTH_REPLY = new MAuthReply.Codec();

    private final ProtocolV1 e;
    private final MonAuthOverMessages client;
    private final MonAuthServerOverMessages server;
    /** The client is authenticated: later MAuthReplies (ticket renewals the application asked for) are the application's. */
    private boolean done;

    private V1MonAuthPhase(ProtocolV1 e, MonAuthOverMessages client, MonAuthServerOverMessages server) {
        this.e = e;
        this.client = client;
        this.server = server;
    }

    /**
     * The exchange a session needs after its handshake: ours when we dialed a monitor; the
     * client's when we are a monitor and the peer connected without an authorizer; else none (null).
     */
    static V1MonAuthPhase forSession(ProtocolV1 e) {
        if (e.role == Role.CONNECTOR && e.peerType == EntityType.MON) {
            return new V1MonAuthPhase(e, new MonAuthOverMessages(e.core), null);
        }
        if (e.role == Role.ACCEPTOR && e.core.name().type() == EntityType.MON && e.method == null) {
            return new V1MonAuthPhase(e, null, new MonAuthServerOverMessages(e.core, e.peerType));
        }
        return null;
    }

    /** Client side: the first MAuth; the monitor side waits for the client's. */
    void start() throws AuthException {
        if (client != null) {
            MonAuthOverMessages.Request r = client.start();
            send(MAUTH.encode(new MAuth(r.protocol(), r.payload(), 0), e.features));
        }
    }

    /** Whether {@code m} belongs to this exchange: MAuthReply until the client is done; every MAuth on the monitor side. */
    boolean wants(RawMessage m) {
        return client != null ? !done && m.type() == MAuthReply.CEPH_MSG_AUTH_REPLY : m.type() == MAuth.CEPH_MSG_AUTH;
    }

    /**
     * Handles one message {@link #wants} accepted, answering it.
     *
     * @param i the engine's connection info from its handshake
     * @return the connection info with what MAuth established once the session just became
     *         authenticated, else null
     * @throws AuthException the monitor refused us (client side)
     * @throws ProtocolException the message does not decode
     */
    ConnectionInfo handle(RawMessage m, ConnectionInfo i) throws AuthException, ProtocolException {
        long features = e.features;
        if (client != null) {
            MAuthReply reply = MAUTH_REPLY.decode(m, features);
            Optional<MonAuthOverMessages.Request> next = client.handleReply(reply.protocol(), reply.result(), reply.globalId(), reply.resultBl());
            if (next.isPresent()) {
                send(MAUTH.encode(new MAuth(next.get().protocol(), next.get().payload(), 0), features));
                return null;
            }
            done = true;
            return new ConnectionInfo(i.role(), i.protocol(), i.revision(), i.peerAddr(), i.peerAddrs(), i.peerType(), i.peerName(),
                    client.method().map(AuthProvider::name).orElse(i.authMethod()), i.mode(), client.result().globalId(), i.features(),
                    i.lossy());
        }
        MAuth request = MAUTH.decode(m, features);
        boolean before = server.isAuthenticated();
        MonAuthServerOverMessages.Reply r = server.handle(request.protocol(), request.authPayload());
        send(MAUTH_REPLY.encode(new MAuthReply(r.protocol(), r.result(), r.globalId(), r.resultBl(), r.message()), features));
        if (before || !server.isAuthenticated()) {
            return null;
        }
        return new ConnectionInfo(i.role(), i.protocol(), i.revision(), i.peerAddr(), i.peerAddrs(), i.peerType(),
                server.entity().orElse(i.peerName()), server.method().map(AuthProvider::name).orElse(i.authMethod()), i.mode(),
                server.globalId(), i.features(), i.lossy());
    }

    /** Written at once, ahead of what the application queued (which waits for READY). */
    private void send(RawMessage m) {
        e.ready.writeMessage(m, null);
        e.transport.flush();
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
