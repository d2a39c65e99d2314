package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.wire.frame.AuthBadMethodFrame;
import io.inkwire.wire.frame.AuthDoneFrame;
import io.inkwire.wire.frame.AuthReplyMoreFrame;
import io.inkwire.wire.frame.AuthRequestFrame;
import io.inkwire.wire.frame.AuthRequestMoreFrame;
import io.inkwire.wire.frame.ControlFrame;
import java.util.List;
import java.util.stream.Collectors;

/**
 * msgr2's auth phase on the acceptor ({@code ProtocolV2::handle_auth_request},
 * {@code _handle_auth_request}, {@code handle_auth_request_more}): picks the method and the first
 * mode of the peer's preference that we allow, runs the method's rounds, and answers AUTH_DONE or,
 * for a method, mode or credential we refuse, AUTH_BAD_METHOD with what we allow (the peer may
 * try again, {@link ProtocolV2#MAX_AUTH_ATTEMPTS} times).
 */
final class V2AuthServerPhase {

    private final ProtocolV2 e;
    private int authAttempts;

    V2AuthServerPhase(ProtocolV2 e) {
        this.e = e;
    }

    void handle(ControlFrame c) throws ProtocolException, AuthException {
        AuthServerStep step;
        if (c instanceof AuthRequestFrame req) {
            if (++authAttempts > ProtocolV2.MAX_AUTH_ATTEMPTS) {
                throw new ProtocolException("peer sent " + ProtocolV2.MAX_AUTH_ATTEMPTS + " AUTH_REQUESTs without agreeing on a method");
            }
            List<AuthProvider> allowed = e.core.allowedMethods(e.peerType);
            AuthProvider p = allowed.stream().filter(a -> a.method() == req.method()).findFirst().orElse(null);
            ConnectionMode chosen = p == null ? null : preferred(req.preferredModes(), e.core.allowedModes(e.peerType, p));
            if (p == null || chosen == null) {
                sendBadMethod(req.method(), AuthException.EOPNOTSUPP, allowed);
                return;
            }
            e.auth.closeServer();
            e.method = p;
            e.mode = chosen;
            AuthServerSession s = e.auth.startServer(e.core.serverHandler(p).newSession(e.peerType, chosen.connectionSecretLength()));
            try {
                step = s.handle(req.payload(), false);
            } catch (AuthException ex) {
                sendBadMethod(req.method(), ex.errno(), allowed);
                return;
            }
        } else if (c instanceof AuthRequestMoreFrame more) {
            if (e.auth.server() == null) {
                throw new ProtocolException("AUTH_REQUEST_MORE before AUTH_REQUEST");
            }
            try {
                step = e.auth.server().handle(more.payload(), true);
            } catch (AuthException ex) {
                sendBadMethod(e.method.method(), ex.errno(), e.core.allowedMethods(e.peerType));
                return;
            }
        } else {
            e.expect(c, AuthRequestFrame.class);
            return;
        }
        if (step.kind() == AuthServerStep.Kind.MORE) {
            e.sendControl(new AuthReplyMoreFrame(step.payload()));
            return;
        }
        AuthResult r = step.result();
        e.globalId = r.globalId();
        e.authenticatedEntity = r.entity();
        e.sendControl(new AuthDoneFrame(r.globalId(), e.mode.id(), step.payload()));
        e.authDone(e.mode, r);
    }

    /** The first of the peer's preferred modes that we allow, or null. */
    private static ConnectionMode preferred(List<Integer> theirs, List<ConnectionMode> ours) {
        for (int id : theirs) {
            for (ConnectionMode m : ours) {
                if (m.id() == id) {
                    return m;
                }
            }
        }
        return null;
    }

    private void sendBadMethod(int requested, int errno, List<AuthProvider> allowed) throws ProtocolException {
        List<Integer> methods = allowed.stream().map(AuthProvider::method).collect(Collectors.toList());
        List<Integer> modes = allowed.isEmpty() ? List.of()
                : e.core.allowedModes(e.peerType, allowed.get(0)).stream().map(ConnectionMode::id).collect(Collectors.toList());
        e.auth.closeServer();
        e.sendControl(new AuthBadMethodFrame(requested, errno, methods, modes));
    }
}
