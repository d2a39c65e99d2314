package io.inkwire.auth.gss.internal;

import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.Arrays;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * The client half of one connection's gss exchange.
 *
 * <p>To a monitor, Ceph's sequence ({@code KrbClientHandler}, {@code KrbServiceHandler}):
 * AUTH_REQUEST {@code u8 AUTH_MODE_MON, EntityName, u64 global_id}; AUTH_REPLY_MORE
 * {@code KrbResponse GSS_MUTUAL}; AUTH_REQUEST_MORE {@code KrbRequest GSS_TOKEN, KrbTokenBlob(AP-REQ)};
 * AUTH_DONE {@code KrbResponse GSS_TOKEN, KrbTokenBlob(AP-REP)}.
 *
 * <p>To a service, inkwire's authorizer (Ceph's {@code KrbAuthorizer} is only
 * {@code u8 1, EntityName, u64 global_id} and is let in unchecked): the same three fields followed
 * by {@code KrbRequest GSS_TOKEN, KrbTokenBlob(AP-REQ)}; AUTH_DONE as above.
 *
 * <p>Both end with inkwire's extension to AUTH_DONE, a second {@code KrbTokenBlob}: the
 * acceptor's master secret sealed with the context ({@link SessionSecrets}). Further GSS rounds
 * (AUTH_REPLY_MORE with {@code GSS_TOKEN}) are answered as long as the context continues.
 */
final class GssClientSession implements AuthClientSession {

    private enum State { NEW, STARTED, TOKEN_SENT, DONE, FAILED }

    private final GssClientHandler handler;
    private final boolean monitor;
    private State state = State.NEW;
    private Subject subject;
    private GSSContext context;

    GssClientSession(GssClientHandler handler, boolean monitor) {
        this.handler = handler;
        this.monitor = monitor;
    }

    @Override
    public byte[] initialRequest() throws AuthException {
        expect(State.NEW, "AUTH_REQUEST");
        state = State.FAILED;
        CephEncoder e = new CephEncoder(monitor ? 32 : 1024);
        e.u8(monitor ? AuthProvider.AUTH_MODE_MON : AuthProvider.AUTH_MODE_AUTHORIZER).entityName(handler.name()).u64(handler.globalId());
        if (monitor) {
            state = State.STARTED;
            return e.toByteArray();
        }
        byte[] apReq = firstToken();
        KrbWire.tokenBlob(KrbWire.code(e, KrbWire.GSS_TOKEN), apReq);
        state = State.TOKEN_SENT;
        return e.toByteArray();
    }

    @Override
    public byte[] handleReplyMore(byte[] payload) throws AuthException {
        CephDecoder d = new CephDecoder(payload, "gss AUTH_REPLY_MORE");
        byte[] token;
        if (state == State.STARTED) {
            state = State.FAILED;
            KrbWire.expectCode(d, KrbWire.GSS_MUTUAL, "the monitor's first gss reply");
            KrbWire.expectEnd(d, "the monitor's first gss reply");
            token = firstToken();
        } else {
            expect(State.TOKEN_SENT, "AUTH_REPLY_MORE");
            state = State.FAILED;
            KrbWire.expectCode(d, KrbWire.GSS_TOKEN, "gss AUTH_REPLY_MORE");
            byte[] in = KrbWire.tokenBlob(d, "gss AUTH_REPLY_MORE");
            KrbWire.expectEnd(d, "gss AUTH_REPLY_MORE");
            token = step(in, "the acceptor's Kerberos token");
            if (token == null || token.length == 0) {
                throw new AuthException(AuthException.EPERM, "gss: the acceptor asked for another round, but the Kerberos context has nothing to send");
            }
        }
        state = State.TOKEN_SENT;
        return KrbWire.tokenBlob(KrbWire.code(new CephEncoder(token.length + 16), KrbWire.GSS_TOKEN), token).toByteArray();
    }

    @Override
    public AuthResult handleDone(long globalId, int conMode, int connectionSecretLength, byte[] payload) throws AuthException {
        expect(State.TOKEN_SENT, "AUTH_DONE");
        state = State.FAILED;
        try {
            CephDecoder d = new CephDecoder(payload, "gss AUTH_DONE");
            KrbWire.expectCode(d, KrbWire.GSS_TOKEN, "gss AUTH_DONE");
            byte[] apRep = KrbWire.tokenBlob(d, "gss AUTH_DONE (AP-REP)");
            byte[] sealed = KrbWire.tokenBlob(d, "gss AUTH_DONE (inkwire's sealed session secret)");
            KrbWire.expectEnd(d, "gss AUTH_DONE");
            byte[] more = step(apRep, "the acceptor's AP-REP");
            if (!context.isEstablished() || (more != null && more.length > 0)) {
                throw new AuthException(AuthException.EPERM, "gss: AUTH_DONE came before the Kerberos context was complete");
            }
            if (!context.getMutualAuthState()) {
                throw new AuthException(AuthException.EACCES, "gss: the acceptor did not prove its identity (no mutual authentication)");
            }
            byte[] master = unseal(sealed);
            try {
                if (monitor) {
                    handler.assignedGlobalId(globalId);
                }
                state = State.DONE;
                return new AuthResult(handler.name(), globalId, SessionSecrets.sessionKey(master),
                        SessionSecrets.connectionSecret(master, connectionSecretLength));
            } finally {
                Arrays.fill(master, (byte) 0);
            }
        } finally {
            close();
        }
    }

    /** Logs in if needed (the KDC, for a keytab) and makes the AP-REQ (the KDC, for a new service ticket). */
    private byte[] firstToken() throws AuthException {
        subject = handler.credentials();
        context = handler.newContext();
        try {
            return KerberosLogin.as(subject, () -> context.initSecContext(new byte[0], 0, 0));
        } catch (GSSException e) {
            GssSettings s = handler.settings();
            throw GssFailure.kdc("cannot get a ticket for service " + s.targetName() + " as " + s.clientPrincipal(), s.clientSource(),
                    handler.realm(subject), e);
        }
    }

    private byte[] step(byte[] in, String what) throws AuthException {
        try {
            return KerberosLogin.as(subject, () -> context.initSecContext(in, 0, in.length));
        } catch (GSSException e) {
            throw new AuthException(AuthException.EACCES, "gss: " + what + " was refused: " + GssFailure.describe(e), e);
        }
    }

    private byte[] unseal(byte[] sealed) throws AuthException {
        MessageProp prop = new MessageProp(0, true);
        byte[] master;
        try {
            master = context.unwrap(sealed, 0, sealed.length, prop);
        } catch (GSSException e) {
            throw new AuthException(AuthException.EACCES, "gss: cannot unseal the session secret from the acceptor: " + GssFailure.describe(e), e);
        }
        if (!prop.getPrivacy() || master.length != SessionSecrets.MASTER_LENGTH) {
            Arrays.fill(master, (byte) 0);
            throw new AuthException(AuthException.EPERM, "gss: the acceptor's session secret was not sealed with confidentiality, or is not "
                    + SessionSecrets.MASTER_LENGTH + " bytes");
        }
        return master;
    }

    private void expect(State s, String what) throws AuthException {
        if (state != s) {
            throw new AuthException(AuthException.EPERM, "gss: unexpected " + what + " in state " + state);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            try {
                context.dispose();
            } catch (GSSException e) {
                // nothing left to release
            }
            context = null;
        }
        if (state != State.DONE) {
            state = State.FAILED;
        }
    }
}
