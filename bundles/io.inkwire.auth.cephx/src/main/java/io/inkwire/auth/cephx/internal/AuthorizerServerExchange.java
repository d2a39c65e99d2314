package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Instant;
import java.util.Arrays;

/**
 * A service's check of a cephx authorizer (CephxProtocol.cc cephx_verify_authorizer), always with
 * the challenge round of CEPHX_V2:
 * <ol>
 *   <li>AUTH_REQUEST: open the ticket with our service secret, match the global id, check expiry,
 *       decrypt CephXAuthorize → AUTH_REPLY_MORE: enc_bl(CephXAuthorizeChallenge);</li>
 *   <li>AUTH_REQUEST_MORE: the same ticket and nonce, have_challenge with server_challenge + 1 →
 *       AUTH_DONE: encrypt(CephXAuthorizeReply{nonce + 1, connection secret}) (v2 when a secret
 *       is due, else v1).</li>
 * </ol>
 * An accepted nonce goes into the handler's replay cache; presenting it again fails.
 */
final class AuthorizerServerExchange {

    private final CephxServerHandler handler;
    private final CephxRuntime rt;
    private final EntityType peerType;
    private final int connectionSecretLength;
    private Authorizer first;
    private ServiceTicketInfo info;
    private long nonce;
    private long challenge;

    AuthorizerServerExchange(CephxServerHandler handler, EntityType peerType, int connectionSecretLength) {
        this.handler = handler;
        this.rt = handler.runtime();
        this.peerType = peerType;
        this.connectionSecretLength = connectionSecretLength;
    }

    AuthServerStep start(byte[] payload) throws ProtocolException, AuthException {
        CephDecoder d = new CephDecoder(payload, "cephx authorizer");
        first = Authorizer.decode(d);
        int ours = handler.name().type().code();
        if (first.serviceId() != ours) {
            throw new AuthException(AuthException.EACCES, "cephx: an authorizer for service " + ServiceMask.name(first.serviceId())
                    + " was presented to " + handler.name());
        }
        info = handler.tickets().open(first.serviceId(), first.ticket());
        AuthTicket t = info.ticket();
        if (t.globalId() != first.globalId()) {
            throw new AuthException(AuthException.EACCES, "cephx: authorizer global_id mismatch: declared "
                    + first.globalId() + ", ticket of " + t.name() + " has " + t.globalId());
        }
        if (!rt.clock().instant().isBefore(t.expires().toInstant())) {
            throw new AuthException(AuthException.EACCES, "cephx: the " + ServiceMask.name(first.serviceId())
                    + " ticket of " + t.name() + " expired");
        }
        if (peerType != null && t.name().type() != peerType) {
            throw new AuthException(AuthException.EACCES, "cephx: " + t.name() + " announced itself as a " + peerType.text());
        }
        Authorize az = first.open(rt.cipher(), info.sessionKey());
        nonce = az.nonce();
        if (handler.replays().seen(t.globalId(), nonce)) {
            throw new AuthException(AuthException.EACCES, "cephx: replayed authorizer from " + t.name() + " (nonce already used)");
        }
        // always challenge, whatever the first authorizer claims (cephx_verify_authorizer)
        challenge = rt.nonZeroLong();
        return AuthServerStep.more(rt.cipher().encBl(info.sessionKey(), new AuthorizeChallenge(challenge)::encode));
    }

    AuthServerStep finish(byte[] payload, boolean more) throws AuthException {
        if (!more) {
            throw new AuthException(AuthException.EPERM, "cephx: a second AUTH_REQUEST during the authorizer challenge");
        }
        Authorizer a;
        try {
            a = Authorizer.decode(new CephDecoder(payload, "cephx authorizer"));
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        if (a.globalId() != first.globalId() || a.serviceId() != first.serviceId()
                || a.ticket().secretId() != first.ticket().secretId() || !Arrays.equals(a.ticket().blob(), first.ticket().blob())) {
            throw new AuthException(AuthException.EACCES, "cephx: the answer to the challenge carries another ticket");
        }
        Authorize az = a.open(rt.cipher(), info.sessionKey());
        if (!az.haveChallenge() || az.serverChallengePlusOne() != challenge + 1 || az.nonce() != nonce) {
            throw new AuthException(AuthException.EACCES, "cephx: " + info.ticket().name() + " did not answer the authorizer challenge");
        }
        Instant now = rt.clock().instant();
        if (!handler.replays().firstUse(info.ticket().globalId(), nonce, info.ticket().expires().toInstant(), now)) {
            throw new AuthException(AuthException.EACCES, "cephx: replayed authorizer from " + info.ticket().name() + " (nonce already used)");
        }
        byte[] secret = new byte[connectionSecretLength];
        rt.random().nextBytes(secret);
        try {
            CephEncoder e = new CephEncoder(128);
            rt.cipher().encrypt(e, info.sessionKey(), new AuthorizeReply(nonce + 1, secret)::encode);
            return AuthServerStep.done(e.toByteArray(),
                    new AuthResult(info.ticket().name(), info.ticket().globalId(), info.sessionKey().secretCopy(), secret.clone()));
        } finally {
            Arrays.fill(secret, (byte) 0);
            close();
        }
    }

    void close() {
        if (info != null) {
            info.sessionKey().destroy();
        }
    }
}
