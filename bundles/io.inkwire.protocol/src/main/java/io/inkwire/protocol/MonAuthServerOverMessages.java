package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The monitor side of MAuth on one msgr1 session ({@code AuthMonitor::prep_auth},
 * {@code src/mon/AuthMonitor.cc}): answers MAuth protocol 0 by choosing a method and starting its
 * {@link AuthServerSession} with the msgr2-style request {@code u8 AUTH_MODE_MON, EntityName,
 * u64 global_id}; later MAuths with that method's number continue it. After authentication, further
 * MAuths (ticket renewals, service tickets) go to the same session as follow-ups.
 *
 * <p>The method is the first of ours (the {@code auth_service_required} order) that the client
 * lists. Not thread-safe: one per session.
 */
public final class MonAuthServerOverMessages implements AutoCloseable {

    /** The fields of one MAuthReply to send. */
    public record Reply(int protocol, int result, long globalId, byte[] resultBl, String message) {
        @Override
        public String toString() {
            return "MAuthReply{protocol=" + protocol + " result=" + result + " global_id=" + globalId + " result_bl=" + resultBl.length
                    + "B msg='" + message + "'}";
        }
    }

    private final MessengerCore core;
    private final List<AuthProvider> ours;
    private AuthProvider method;
    private AuthServerSession session;
    private AuthResult result;
    private long globalId;

    /** Serves the clients of {@code core} (a monitor identity), offering the methods allowed towards clients. */
    public MonAuthServerOverMessages(MessengerCore core, io.inkwire.api.addr.EntityType peerType) {
        this.core = core;
        this.ours = core.allowedMethods(peerType);
    }

    /** Answers one MAuth; a refusal is an MAuthReply with a negative result, not an exception. */
    public Reply handle(int protocol, byte[] payload) {
        try {
            if (protocol == AuthProvider.CEPH_AUTH_UNKNOWN) {
                return start(payload);
            }
            if (method == null || protocol != method.method() || session == null) {
                return refuse(protocol, AuthException.EINVAL, "MAuth with protocol " + protocol + " before negotiation");
            }
            AuthServerStep step = session.handle(payload, true);
            return answer(step);
        } catch (AuthException e) {
            if (result == null) {
                closeSession();
            }
            return refuse(protocol, e.errno(), e.getMessage());
        } catch (ProtocolException e) {
            closeSession();
            return refuse(protocol, AuthException.EINVAL, "malformed MAuth: " + e.getMessage());
        }
    }

    private Reply start(byte[] payload) throws ProtocolException, AuthException {
        if (session != null || result != null) {
            throw new AuthException(AuthException.EINVAL, "a second MAuth negotiation on one session");
        }
        CephDecoder d = new CephDecoder(payload, "MAuth protocol 0 payload");
        int v = d.u8();
        if (v != 1) {
            throw new AuthException(AuthException.EINVAL, "MAuth protocol 0 payload version " + v);
        }
        List<Integer> offered = d.u32List();
        EntityName who = d.entityName();
        long gid = d.u64();
        method = ours.stream().filter(p -> offered.contains(p.method())).findFirst().orElseThrow(() ->
                new AuthException(AuthException.EOPNOTSUPP, "no common auth method: the client offers " + offered + ", we allow "
                        + ours.stream().map(AuthProvider::name).collect(Collectors.toList())));
        session = core.serverHandler(method).newSession(who.type(), 0);
        byte[] request = new CephEncoder(32).u8(AuthProvider.AUTH_MODE_MON).entityName(who).u64(gid).toByteArray();
        return answer(session.handle(request, false));
    }

    private Reply answer(AuthServerStep step) {
        if (step.kind() == AuthServerStep.Kind.DONE && step.result() != null) {
            if (result != null) {
                result.destroy();
            }
            result = step.result();
            globalId = result.globalId();
        }
        return new Reply(method.method(), 0, globalId, step.payload(), "");
    }

    private Reply refuse(int protocol, int errno, String why) {
        return new Reply(method != null ? method.method() : protocol, errno < 0 ? errno : -errno, 0, new byte[0], why);
    }

    /** The method chosen for this client, once its first MAuth was answered. */
    public Optional<AuthProvider> method() {
        return Optional.ofNullable(method);
    }

    /** Whether the client has authenticated. */
    public boolean isAuthenticated() {
        return result != null;
    }

    /** The authenticated entity, once {@link #isAuthenticated()}. */
    public Optional<EntityName> entity() {
        return Optional.ofNullable(result).map(AuthResult::entity);
    }

    public long globalId() {
        return globalId;
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        closeSession();
        if (result != null) {
            result.destroy();
        }
    }
}
