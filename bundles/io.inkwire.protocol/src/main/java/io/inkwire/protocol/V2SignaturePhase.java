package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.wire.frame.AuthSignatureFrame;
import java.util.Arrays;

/**
 * The end of msgr2's auth phase, both roles: after AUTH_DONE the negotiated mode frames both
 * directions, and each side signs what it received before it with the session key
 * ({@code ProtocolV2::handle_auth_signature}; msgr2-wire.md §8), so that a tampered pre-auth
 * exchange (a downgraded method or mode) is caught.
 */
final class V2SignaturePhase {

    private final ProtocolV2 e;
    private byte[] sessionKey = new byte[0];

    V2SignaturePhase(ProtocolV2 e) {
        this.e = e;
    }

    /** After AUTH_DONE both directions use {@code chosen}; AUTH_SIGNATURE is its first frame. */
    void start(ConnectionMode chosen, AuthResult r) throws ProtocolException {
        e.mode = chosen;
        e.transcript.stop();
        byte[] secret = r.connectionSecret();
        FrameCodec next;
        try {
            if (secret.length < chosen.connectionSecretLength()) {
                throw new ProtocolException("auth method " + e.method.name() + " gave a " + secret.length + "-byte connection secret; mode "
                        + chosen.name() + " needs " + chosen.connectionSecretLength());
            }
            next = chosen.newFrameCodec(new FrameCodecContext(e.role, e.revision, secret, e.core.maxSegmentLength(), e.core.options(),
                    e.peerType));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        e.switchCodec(next);
        sessionKey = r.sessionKey().clone();
        r.destroy();
        e.sendControl(new AuthSignatureFrame(e.transcript.sign(sessionKey)));
    }

    /** The peer's signature over what we sent before AUTH_SIGNATURE. */
    void handle(AuthSignatureFrame f) throws ProtocolException, AuthException {
        e.transcript.verify(sessionKey, f.signature());
        e.transcript.clear();
        e.signatureDone();
    }

    /** Wipes the session key (the socket ends). */
    void clear() {
        Arrays.fill(sessionKey, (byte) 0);
    }
}
