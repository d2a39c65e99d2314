package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.wire.CephDecoder;

/**
 * The client half of cephx towards a service (OSD, MGR, MDS; msgr2 AUTH_MODE_AUTHORIZER):
 * <ol>
 *   <li>AUTH_REQUEST: the authorizer over the service ticket, have_challenge = 0;</li>
 *   <li>AUTH_REPLY_MORE: enc_bl(CephXAuthorizeChallenge) → AUTH_REQUEST_MORE: the same authorizer
 *       with have_challenge = 1 and server_challenge + 1 (same nonce);</li>
 *   <li>AUTH_DONE: encrypt(CephXAuthorizeReply): nonce + 1 proves the service read our ticket
 *       (mutual authentication) and carries the connection secret in secure mode.</li>
 * </ol>
 */
final class ServiceClientSession implements AuthClientSession {

    private enum State { NEW, REQUESTED, CHALLENGED, DONE, FAILED }

    private final CephxRuntime rt;
    private final EntityName name;
    private final long globalId;
    private final int serviceId;
    private final TicketBlob ticket;
    private final CephxKey sessionKey;
    private final long nonce;
    private State state = State.NEW;

    ServiceClientSession(CephxRuntime rt, EntityName name, long globalId, int serviceId, TicketBlob ticket,
                         CephxKey sessionKey, long nonce) {
        this.rt = rt;
        this.name = name;
        this.globalId = globalId;
        this.serviceId = serviceId;
        this.ticket = ticket;
        this.sessionKey = sessionKey;
        this.nonce = nonce;
    }

    @Override
    public byte[] initialRequest() throws AuthException {
        expect(State.NEW, "AUTH_REQUEST");
        state = State.REQUESTED;
        return Authorizer.build(rt.cipher(), globalId, serviceId, ticket, sessionKey, new Authorize(nonce, false, 0));
    }

    @Override
    public byte[] handleReplyMore(byte[] payload) throws AuthException {
        expect(State.REQUESTED, "AUTH_REPLY_MORE");
        state = State.FAILED;
        AuthorizeChallenge ch;
        try (CephxCipher.Plaintext p = rt.cipher().decBl(sessionKey, payload, "authorizer challenge")) {
            ch = AuthorizeChallenge.decode(p.decoder());
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        state = State.CHALLENGED;
        return Authorizer.build(rt.cipher(), globalId, serviceId, ticket, sessionKey,
                new Authorize(nonce, true, ch.serverChallenge() + 1));
    }

    @Override
    public AuthResult handleDone(long doneGlobalId, int conMode, int connectionSecretLength, byte[] payload) throws AuthException {
        if (state != State.REQUESTED && state != State.CHALLENGED) {
            throw new AuthException(AuthException.EPERM, "cephx: unexpected AUTH_DONE in state " + state);
        }
        state = State.FAILED;
        try {
            AuthorizeReply reply;
            try (CephxCipher.Plaintext p = rt.cipher().decrypt(new CephDecoder(payload, "cephx authorize reply"),
                    sessionKey, "authorize reply")) {
                reply = AuthorizeReply.decode(p.decoder());
            } catch (ProtocolException e) {
                throw Malformed.of(e);
            }
            if (reply.noncePlusOne() != nonce + 1) {
                java.util.Arrays.fill(reply.connectionSecret(), (byte) 0);
                throw new AuthException(AuthException.EACCES, "cephx: the " + ServiceMask.name(serviceId)
                        + " failed mutual authentication (wrong nonce in CephXAuthorizeReply)");
            }
            byte[] secret = MonClientSession.fit(reply.connectionSecret(), connectionSecretLength);
            state = State.DONE;
            return new AuthResult(name, globalId, sessionKey.secretCopy(), secret);
        } finally {
            close();
        }
    }

    private void expect(State s, String what) throws AuthException {
        if (state != s) {
            throw new AuthException(AuthException.EPERM, "cephx: unexpected " + what + " in state " + state);
        }
    }

    @Override
    public void close() {
        sessionKey.destroy();
        if (state != State.DONE) {
            state = State.FAILED;
        }
    }
}
