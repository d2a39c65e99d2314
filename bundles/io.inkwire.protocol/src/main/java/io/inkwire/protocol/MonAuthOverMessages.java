package io.inkwire.protocol;

import io.inkwire.api.Errno;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The client side of monitor authentication over msgr1, where it runs in MAuth / MAuthReply
 * messages after the handshake ({@code MonConnection::authenticate} / {@code handle_auth},
 * {@code src/mon/MonClient.cc}; msgr2-wire.md §11.5, §13.5). It drives the same
 * {@link AuthClientSession} a msgr2 AUTH_REQUEST exchange drives:
 *
 * <ol>
 *   <li>{@link #start()}: MAuth with protocol 0 and {@code u8 1, vector<u32> methods, EntityName, u64 global_id};</li>
 *   <li>the first MAuthReply names the method the monitor chose; auth none is done with it, cephx
 *       carries its server challenge (msgr2's AUTH_REPLY_MORE) and is answered with MAuth(protocol
 *       2) holding CEPHX_GET_AUTH_SESSION_KEY (msgr2's AUTH_REQUEST_MORE);</li>
 *   <li>the next MAuthReply holds the tickets (msgr2's AUTH_DONE payload; no connection secret on msgr1).</li>
 * </ol>
 * The monitor answers {@code result = 0} both while progressing and when done, so when the
 * exchange ends is the method's knowledge: none after the first reply, the others (cephx) after
 * one challenge round. A negative result is a refusal. Single-use, not thread-safe.
 */
public final class MonAuthOverMessages implements AutoCloseable {

    /** The fields of one MAuth to send: {@code protocol} and {@code auth_payload}. */
    public record Request(int protocol, byte[] payload) {
        @Override
        public String toString() {
            return "MAuth{protocol=" + protocol + " payload=" + payload.length + "B}";
        }
    }

    private enum State { NEW, NEGOTIATING, CHALLENGED, DONE, FAILED }

    private final MessengerCore core;
    private final List<AuthProvider> methods;
    /** One session per offered method, opened at {@link #start()}; the monitor's choice is kept, the rest closed. */
    private final java.util.Map<AuthProvider, AuthClientSession> offered = new java.util.LinkedHashMap<>();
    private State state = State.NEW;
    private AuthProvider method;
    private AuthClientSession session;
    private AuthResult result;

    /** Authenticates {@code core}'s identity with a monitor, offering the methods allowed towards monitors. */
    public MonAuthOverMessages(MessengerCore core) {
        this.core = core;
        this.methods = core.allowedMethods(EntityType.MON);
    }

    /** The first MAuth: protocol {@code CEPH_AUTH_UNKNOWN} (0) listing the methods we support. */
    public Request start() throws AuthException {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        if (methods.isEmpty()) {
            throw new AuthException(AuthException.EOPNOTSUPP, "no auth method allowed towards monitors is installed");
        }
        state = State.NEGOTIATING;
        // Each method's session starts now, so the global_id we claim here and the old ticket its
        // request presents later come from one moment: another monitor session of this messenger
        // finishing in between would otherwise make us present a ticket while claiming global_id 0,
        // which a monitor refuses ("superfluous ticket", CephxServiceHandler::handle_request).
        long claimed = -1;
        try {
            for (AuthProvider p : methods) {
                AuthClientSession s = core.clientHandler(p).newSession(EntityType.MON);
                offered.put(p, s);
                long gid = checkInitialRequest(p, s.initialRequest());
                if (claimed < 0) {
                    claimed = gid;
                }
            }
        } catch (AuthException | RuntimeException e) {
            state = State.FAILED;
            closeOffered();
            throw e;
        }
        CephEncoder e = new CephEncoder(64);
        e.u8(1).u32List(methods.stream().map(AuthProvider::method).collect(Collectors.toList()))
                .entityName(core.name()).u64(claimed);
        return new Request(AuthProvider.CEPH_AUTH_UNKNOWN, e.toByteArray());
    }

    /**
     * Handles an MAuthReply's fields.
     *
     * @return the next MAuth to send, or empty when authentication is complete ({@link #result()})
     * @throws AuthException the monitor refused us (its errno), or chose a method we did not offer
     */
    public Optional<Request> handleReply(int protocol, int resultCode, long globalId, byte[] resultBl) throws AuthException {
        try {
            if (resultCode < 0) {
                throw new AuthException(resultCode, "the monitor refused authentication with "
                        + (method != null ? method.name() : "the offered methods " + names()) + " (" + Errno.of(resultCode).shortForm() + ")");
            }
            switch (state) {
                case NEGOTIATING:
                    return chosen(protocol, globalId, resultBl);
                case CHALLENGED:
                    if (protocol != method.method()) {
                        throw new AuthException(AuthException.EPERM, "the monitor switched from " + method.name() + " to method " + protocol);
                    }
                    return done(globalId, resultBl);
                default:
                    throw new AuthException(AuthException.EPERM, "unexpected MAuthReply in state " + state);
            }
        } catch (AuthException | RuntimeException e) {
            state = State.FAILED;
            closeOffered();
            closeSession();
            throw e;
        }
    }

    private Optional<Request> chosen(int protocol, long globalId, byte[] resultBl) throws AuthException {
        method = methods.stream().filter(p -> p.method() == protocol).findFirst().orElseThrow(() ->
                new AuthException(AuthException.EOPNOTSUPP, "the monitor chose auth method " + protocol + ", which we did not offer "
                        + names()));
        session = offered.remove(method);
        closeOffered();
        if (method.method() == AuthProvider.CEPH_AUTH_NONE) {
            return done(globalId, resultBl);
        }
        byte[] next = session.handleReplyMore(resultBl);
        state = State.CHALLENGED;
        return Optional.of(new Request(method.method(), next));
    }

    /**
     * The session's msgr2 AUTH_REQUEST payload ({@code u8 AUTH_MODE_MON, EntityName, u64 global_id}
     * plus method bytes) has no place on msgr1, where MAuth protocol 0 said the same; a method that
     * needs initial bytes cannot run over msgr1.
     */
    private static long checkInitialRequest(AuthProvider method, byte[] initial) throws AuthException {
        try {
            CephDecoder d = new CephDecoder(initial, method.name() + " initial request");
            if (d.u8() != AuthProvider.AUTH_MODE_MON) {
                throw new AuthException(AuthException.EINVAL, method.name() + " did not start a monitor session");
            }
            d.entityName();
            long gid = d.u64();
            if (d.hasRemaining()) {
                throw new AuthException(AuthException.EOPNOTSUPP, "auth method " + method.name() + " sends initial bytes, which MAuth over msgr1 cannot carry");
            }
            return gid;
        } catch (ProtocolException e) {
            throw new AuthException(AuthException.EINVAL, method.name() + " initial request: " + e.getMessage(), e);
        }
    }

    private void closeOffered() {
        offered.values().forEach(AuthClientSession::close);
        offered.clear();
    }

    private Optional<Request> done(long globalId, byte[] resultBl) throws AuthException {
        // msgr1 has no connection modes: no connection secret is asked for
        result = session.handleDone(globalId, 0, 0, resultBl);
        closeSession();
        state = State.DONE;
        return Optional.empty();
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    /** The chosen method, once the monitor named it. */
    public Optional<AuthProvider> method() {
        return Optional.ofNullable(method);
    }

    /** The outcome once {@link #isDone()}: our global id and the monitor session key (owned by this object, wiped by {@link #close()}). */
    public AuthResult result() {
        if (result == null) {
            throw new IllegalStateException("authentication not complete");
        }
        return result;
    }

    private String names() {
        return methods.stream().map(AuthProvider::name).collect(Collectors.toList()).toString();
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        closeOffered();
        closeSession();
        if (result != null) {
            result.destroy();
        }
    }
}
