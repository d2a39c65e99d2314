package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;

/**
 * One accepted connection's cephx exchange. The first byte of the AUTH_REQUEST payload picks the
 * flow (Auth.h): 10..19 a monitor session ({@link MonServerExchange}), 1..9 an authorizer
 * ({@link AuthorizerServerExchange}).
 *
 * <p>After a monitor session is DONE, further {@code handle(payload, true)} calls take the
 * cephx payloads of MAuth messages on that session (protocol 2): CEPHX_GET_AUTH_SESSION_KEY
 * renewals and CEPHX_GET_PRINCIPAL_SESSION_KEY service ticket requests; each answers
 * {@link AuthServerStep#done} whose payload is the MAuthReply {@code result_bl}. A refused
 * follow-up throws but leaves the session usable.
 */
final class CephxServerSession implements AuthServerSession {

    private final CephxServerHandler handler;
    private final EntityType peerType;
    private final int connectionSecretLength;
    private MonServerExchange mon;
    private AuthorizerServerExchange authorizer;
    private boolean failed;
    private boolean authorized;

    CephxServerSession(CephxServerHandler handler, EntityType peerType, int connectionSecretLength) {
        this.handler = handler;
        this.peerType = peerType;
        this.connectionSecretLength = connectionSecretLength;
    }

    @Override
    public AuthServerStep handle(byte[] payload, boolean more) throws AuthException {
        if (failed) {
            throw new AuthException(AuthException.EPERM, "cephx: this auth exchange already failed");
        }
        if (mon != null && mon.isDone()) {
            if (!more) {
                throw new AuthException(AuthException.EPERM, "cephx: a second AUTH_REQUEST on an authenticated session");
            }
            return mon.followUp(payload);
        }
        try {
            if (mon != null) {
                return mon.authenticate(payload, more);
            }
            if (authorizer != null) {
                if (authorized) {
                    throw new AuthException(AuthException.EPERM, "cephx: the authorizer exchange is already complete");
                }
                AuthServerStep step = authorizer.finish(payload, more);
                authorized = true;
                return step;
            }
            return start(payload, more);
        } catch (AuthException | RuntimeException e) {
            failed = true;
            close();
            throw e;
        }
    }

    private AuthServerStep start(byte[] payload, boolean more) throws AuthException {
        if (more) {
            throw new AuthException(AuthException.EPERM, "cephx: AUTH_REQUEST_MORE before AUTH_REQUEST");
        }
        if (payload.length == 0) {
            throw new AuthException(AuthException.EPERM, "cephx: empty AUTH_REQUEST payload");
        }
        int mode = payload[0] & 0xff;
        try {
            if (mode >= AuthProvider.AUTH_MODE_MON && mode <= MonServerExchange.AUTH_MODE_MON_MAX) {
                mon = new MonServerExchange(handler, peerType, connectionSecretLength);
                return mon.start(payload);
            }
            if (mode >= AuthProvider.AUTH_MODE_AUTHORIZER && mode <= Authorizer.AUTH_MODE_AUTHORIZER_MAX) {
                authorizer = new AuthorizerServerExchange(handler, peerType, connectionSecretLength);
                return authorizer.start(payload);
            }
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        throw new AuthException(AuthException.EPERM, "cephx: unknown auth mode " + mode);
    }

    @Override
    public void close() {
        if (mon != null) {
            mon.close();
        }
        if (authorizer != null) {
            authorizer.close();
        }
    }
}
