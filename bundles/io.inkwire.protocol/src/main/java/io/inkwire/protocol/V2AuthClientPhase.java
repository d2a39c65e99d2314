package io.inkwire.protocol;

import io.inkwire.api.Errno;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.wire.frame.AuthBadMethodFrame;
import io.inkwire.wire.frame.AuthDoneFrame;
import io.inkwire.wire.frame.AuthReplyMoreFrame;
import io.inkwire.wire.frame.AuthRequestFrame;
import io.inkwire.wire.frame.AuthRequestMoreFrame;
import io.inkwire.wire.frame.ControlFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * msgr2's auth phase on the connector ({@code ProtocolV2::send_auth_request},
 * {@code handle_auth_bad_method}, {@code handle_auth_reply_more}, {@code handle_auth_done}): offers
 * the allowed methods in order with the modes each can serve, answers the method's rounds, and
 * takes the mode AUTH_DONE picked. A refusal names what each side allows.
 */
final class V2AuthClientPhase {

    private final ProtocolV2 e;
    private List<AuthProvider> methodsLeft;
    private List<ConnectionMode> offeredModes = List.of();

    V2AuthClientPhase(ProtocolV2 e) {
        this.e = e;
    }

    /** Sends the first AUTH_REQUEST. */
    void start() throws ProtocolException, AuthException {
        methodsLeft = new ArrayList<>(e.core.allowedMethods(e.peerType));
        sendAuthRequest(null);
    }

    void handle(ControlFrame c) throws ProtocolException, AuthException {
        if (c instanceof AuthBadMethodFrame bad) {
            if (bad.result() == AuthException.EACCES || bad.result() == AuthException.EPERM) {
                throw noCommonAuth(bad);
            }
            sendAuthRequest(bad);
        } else if (c instanceof AuthReplyMoreFrame more) {
            e.sendControl(new AuthRequestMoreFrame(e.auth.client().handleReplyMore(more.payload())));
        } else if (c instanceof AuthDoneFrame done) {
            ConnectionMode chosen = offeredModes.stream().filter(m -> m.id() == done.conMode()).findFirst()
                    .orElseThrow(() -> new ProtocolException("AUTH_DONE picked connection mode " + done.conMode() + ", which we did not offer"));
            AuthResult r = e.auth.client().handleDone(done.globalId(), done.conMode(), chosen.connectionSecretLength(), done.payload());
            e.globalId = done.globalId();
            e.authDone(chosen, r);
        } else {
            e.expect(c, AuthDoneFrame.class);
        }
    }

    /** Sends AUTH_REQUEST with the next method the peer may accept; {@code bad} is the last refusal. */
    private void sendAuthRequest(AuthBadMethodFrame bad) throws ProtocolException, AuthException {
        while (!methodsLeft.isEmpty()) {
            AuthProvider p = methodsLeft.remove(0);
            List<ConnectionMode> modes = e.core.allowedModes(e.peerType, p);
            if (bad != null) {
                if (!bad.allowedMethods().contains(p.method())) {
                    continue;
                }
                modes = modes.stream().filter(m -> bad.allowedModes().contains(m.id())).collect(Collectors.toList());
            }
            if (modes.isEmpty()) {
                continue;
            }
            e.auth.closeClient();
            e.method = p;
            offeredModes = modes;
            AuthClientSession s = e.auth.startClient(e.core.clientHandler(p).newSession(e.peerType));
            byte[] payload = s.initialRequest();
            e.sendControl(new AuthRequestFrame(p.method(), modes.stream().map(ConnectionMode::id).collect(Collectors.toList()), payload));
            return;
        }
        throw noCommonAuth(bad);
    }

    private AuthException noCommonAuth(AuthBadMethodFrame bad) {
        MessengerCore core = e.core;
        List<String> ours = core.allowedMethods(e.peerType).stream().map(AuthProvider::name).collect(Collectors.toList());
        String modeOption = AuthPolicy.modeOption(core.name().type(), e.peerType);
        String peer = e.peerType.text();
        if (bad == null) {
            if (ours.isEmpty()) {
                return new AuthException(AuthException.EOPNOTSUPP, "no auth method to offer: " + AuthPolicy.methodOption(core.name().type(), e.peerType)
                        + "=" + AuthPolicy.methods(core.options(), core.name().type(), e.peerType) + ", installed " + installedMethods());
            }
            return new AuthException(AuthException.EOPNOTSUPP, "no common connection mode: " + modeOption + "="
                    + AuthPolicy.modes(core.options(), core.name().type(), e.peerType) + " with auth " + ours + ", installed modes " + installedModes());
        }
        String errno = Errno.of(bad.result()).shortForm();
        if (bad.result() == AuthException.EACCES || bad.result() == AuthException.EPERM) {
            return new AuthException(bad.result(), "authentication refused by the " + peer + " (" + errno + "): wrong key, unknown entity "
                    + core.name() + ", or no caps");
        }
        boolean methodShared = ours.stream().anyMatch(n -> core.authProvider(n).map(p -> bad.allowedMethods().contains(p.method())).orElse(false));
        if (!methodShared) {
            return new AuthException(bad.result(), "no common auth method: we offer " + ours + ", the " + peer + " allows "
                    + methodNames(bad.allowedMethods()) + " (" + errno + ")");
        }
        return new AuthException(bad.result(), "no common connection mode: we offer " + modeOption + "="
                + AuthPolicy.modes(core.options(), core.name().type(), e.peerType) + ", the " + peer + " allows "
                + modeNames(bad.allowedModes()) + " (" + errno + ")");
    }

    // ---------------------------------------------------------------- names for errors

    private String installedMethods() {
        return e.core.config().authProviders().stream().map(AuthProvider::name).collect(Collectors.toList()).toString();
    }

    private String installedModes() {
        return e.core.config().modes().stream().map(ConnectionMode::name).collect(Collectors.toList()).toString();
    }

    private String methodNames(List<Integer> ids) {
        return ids.stream().map(id -> e.core.authProvider(id).map(AuthProvider::name).orElse(methodName(id))).collect(Collectors.toList()).toString();
    }

    private String modeNames(List<Integer> ids) {
        return ids.stream().map(id -> e.core.mode(id).map(ConnectionMode::name).orElse(id == 1 ? "crc" : id == 2 ? "secure" : "mode " + id))
                .collect(Collectors.toList()).toString();
    }

    private static String methodName(int id) {
        switch (id) {
            case AuthProvider.CEPH_AUTH_NONE: return "none";
            case AuthProvider.CEPH_AUTH_CEPHX: return "cephx";
            case AuthProvider.CEPH_AUTH_GSS: return "gss";
            default: return "method " + id;
        }
    }
}
