package io.inkwire.auth.gss.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * One accepted connection's gss exchange (the sequences are in {@link GssClientSession}). A peer
 * is let in only when its AP-REQ checks out against our keys, the context is mutual and
 * confidential, its principal maps to an entity, and that entity is the one it announced (in the
 * request and, by type, in HELLO). Every refusal is an {@link AuthException} with EACCES (or
 * EPERM for a malformed payload), which the engine answers with AUTH_BAD_METHOD, and is logged
 * with its cause at WARNING; an acceptance is logged at INFO with the principal and the entity.
 */
final class GssServerSession implements AuthServerSession {

    private enum State { NEW, MUTUAL_SENT, TOKEN_SENT, DONE, FAILED }

    private final GssServerHandler handler;
    private final EntityType peerType;
    private final int connectionSecretLength;
    private State state = State.NEW;
    private boolean monitor;
    private EntityName claimed;
    private long claimedGlobalId;
    private GSSContext context;

    GssServerSession(GssServerHandler handler, EntityType peerType, int connectionSecretLength) {
        this.handler = handler;
        this.peerType = peerType;
        this.connectionSecretLength = connectionSecretLength;
    }

    @Override
    public AuthServerStep handle(byte[] payload, boolean more) throws AuthException {
        try {
            return more ? handleMore(payload) : handleRequest(payload);
        } catch (AuthException e) {
            state = State.FAILED;
            close();
            GssServerHandler.LOG.log(Level.WARNING, () -> "gss: refused " + (claimed != null ? claimed : peerType.text()) + ": " + e.getMessage().replaceFirst("^gss: ", ""));
            throw e;
        }
    }

    private AuthServerStep handleRequest(byte[] payload) throws AuthException {
        expect(State.NEW, "AUTH_REQUEST");
        CephDecoder d = new CephDecoder(payload, "gss AUTH_REQUEST");
        int mode = KrbWire.decode(d::u8, "gss AUTH_REQUEST");
        claimed = KrbWire.decode(d::entityName, "gss AUTH_REQUEST");
        claimedGlobalId = KrbWire.decode(d::u64, "gss AUTH_REQUEST");
        if (mode == AuthProvider.AUTH_MODE_MON) {
            if (!handler.isMonitor()) {
                throw new AuthException(AuthException.EACCES, "gss: " + handler.name() + " is no monitor; a monitor session (AUTH_MODE_MON) needs one");
            }
            KrbWire.expectEnd(d, "gss AUTH_REQUEST");
            monitor = true;
            state = State.MUTUAL_SENT;
            return AuthServerStep.more(KrbWire.code(new CephEncoder(2), KrbWire.GSS_MUTUAL).toByteArray());
        }
        if (mode != AuthProvider.AUTH_MODE_AUTHORIZER) {
            throw new AuthException(AuthException.EPERM, "gss: unknown auth mode " + mode);
        }
        if (!d.hasRemaining()) {
            // what Ceph's KrbAuthorizer sends, and Ceph's KrbAuthorizeHandler lets in without any check
            throw new AuthException(AuthException.EACCES, "gss: authorizer of " + claimed + " carries no Kerberos AP-REQ (Ceph's allow-all gss authorizer is not accepted)");
        }
        KrbWire.expectCode(d, KrbWire.GSS_TOKEN, "gss authorizer");
        byte[] apReq = KrbWire.tokenBlob(d, "gss authorizer (AP-REQ)");
        KrbWire.expectEnd(d, "gss authorizer");
        context = handler.newContext();
        return accept(apReq);
    }

    private AuthServerStep handleMore(byte[] payload) throws AuthException {
        if (state == State.DONE) {
            throw new AuthException(AuthException.EOPNOTSUPP, "gss: nothing to renew on an established session");
        }
        if (state != State.MUTUAL_SENT && state != State.TOKEN_SENT) {
            throw new AuthException(AuthException.EPERM, "gss: unexpected AUTH_REQUEST_MORE in state " + state);
        }
        CephDecoder d = new CephDecoder(payload, "gss AUTH_REQUEST_MORE");
        KrbWire.expectCode(d, KrbWire.GSS_TOKEN, "gss AUTH_REQUEST_MORE");
        byte[] token = KrbWire.tokenBlob(d, "gss AUTH_REQUEST_MORE");
        KrbWire.expectEnd(d, "gss AUTH_REQUEST_MORE");
        if (context == null) {
            context = handler.newContext();
        }
        return accept(token);
    }

    private AuthServerStep accept(byte[] token) throws AuthException {
        byte[] out;
        try {
            out = context.acceptSecContext(token, 0, token.length);
        } catch (GSSException e) {
            throw new AuthException(AuthException.EACCES, "gss: the Kerberos token of " + claimed + " was refused: " + GssFailure.describe(e)
                    + acceptorHint(e), e);
        }
        if (!context.isEstablished()) {
            if (out == null || out.length == 0) {
                throw new AuthException(AuthException.EPERM, "gss: the Kerberos context continues but has nothing to send");
            }
            state = State.TOKEN_SENT;
            return AuthServerStep.more(KrbWire.tokenBlob(KrbWire.code(new CephEncoder(out.length + 16), KrbWire.GSS_TOKEN), out).toByteArray());
        }
        if (!context.getMutualAuthState() || out == null || out.length == 0) {
            throw new AuthException(AuthException.EACCES, "gss: " + claimed + " did not ask for mutual authentication, which inkwire requires");
        }
        if (!context.getConfState()) {
            throw new AuthException(AuthException.EACCES, "gss: the Kerberos context with " + claimed + " offers no confidentiality");
        }
        String principal = srcName();
        EntityName entity = handler.principalMap().map(principal).orElseThrow(() -> new AuthException(AuthException.EACCES,
                "gss: Kerberos principal " + principal + " maps to no entity (gss_principal_map " + handler.principalMap() + ")"));
        if (!entity.equals(claimed)) {
            throw new AuthException(AuthException.EACCES, "gss: Kerberos principal " + principal + " is " + entity + ", but the peer claims to be " + claimed);
        }
        if (entity.type() != peerType) {
            throw new AuthException(AuthException.EACCES, "gss: Kerberos principal " + principal + " is " + entity + ", but the peer announced a "
                    + peerType.text() + " in HELLO");
        }
        long globalId = monitor ? handler.newGlobalId() : claimedGlobalId;
        byte[] master = SessionSecrets.newMaster();
        try {
            byte[] sealed = context.wrap(master, 0, master.length, new MessageProp(0, true));
            byte[] done = KrbWire.tokenBlob(KrbWire.tokenBlob(KrbWire.code(new CephEncoder(out.length + sealed.length + 16), KrbWire.GSS_TOKEN), out),
                    sealed).toByteArray();
            AuthResult result = new AuthResult(entity, globalId, SessionSecrets.sessionKey(master),
                    SessionSecrets.connectionSecret(master, connectionSecretLength));
            state = State.DONE;
            GssServerHandler.LOG.log(System.Logger.Level.INFO, () -> "gss: accepted Kerberos principal " + principal + " as " + entity
                    + (monitor ? " (monitor session, global_id " + globalId + ")" : " (authorizer, global_id " + globalId + ")"));
            return AuthServerStep.done(done, result);
        } catch (GSSException e) {
            throw new AuthException(AuthException.EACCES, "gss: cannot seal the session secret for " + claimed + ": " + GssFailure.describe(e), e);
        } finally {
            Arrays.fill(master, (byte) 0);
            close();
        }
    }

    private String srcName() throws AuthException {
        try {
            return context.getSrcName().toString();
        } catch (GSSException e) {
            throw new AuthException(AuthException.EACCES, "gss: the Kerberos context names no initiator: " + e.getMessage(), e);
        }
    }

    /** What an acceptor-side failure means for whoever reads our log. */
    private String acceptorHint(GSSException e) {
        int code = GssFailure.code(e);
        String msg = GssFailure.describe(e);
        if (code == 37) {
            return "; the initiator's clock and ours differ by more than the clock skew krb5.conf allows";
        }
        if (code == 32) {
            return "; the service ticket expired";
        }
        if (code == 31 || code == 41 || code == 44 || msg.contains("Cannot find key") || msg.contains("Checksum failed")) {
            return "; the ticket is not for our key: a ticket for another service principal, or keytab " + handler.keytab() + " is outdated";
        }
        return "";
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
                // released anyway
            }
            context = null;
        }
    }
}
