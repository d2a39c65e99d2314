package io.inkwire.protocol;

import io.inkwire.api.IntegrityException;
import io.inkwire.wire.frame.AuthSignatureFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every byte sent and received from the first banner byte to the end of AUTH_DONE, for the
 * AUTH_SIGNATURE exchange ({@code pre_auth} in {@code src/msg/async/ProtocolV2.h}): each side
 * signs what it received and checks the peer's signature against what it sent.
 */
final class PreAuthTranscript {

    private final ByteArrayOutputStream rx = new ByteArrayOutputStream();
    private final ByteArrayOutputStream tx = new ByteArrayOutputStream();
    private boolean enabled = true;

    void received(ByteBuffer b) {
        if (enabled) {
            append(rx, b);
        }
    }

    void sent(ByteBuffer[] bufs) {
        if (enabled) {
            for (ByteBuffer b : bufs) {
                append(tx, b);
            }
        }
    }

    private static void append(ByteArrayOutputStream out, ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        if (d.hasArray()) {
            out.write(d.array(), d.arrayOffset() + d.position(), d.remaining());
        } else {
            byte[] a = new byte[d.remaining()];
            d.get(a);
            out.writeBytes(a);
        }
    }

    /** Stops recording (after AUTH_DONE). */
    void stop() {
        enabled = false;
    }

    /** Our AUTH_SIGNATURE: HMAC-SHA256(session key, received bytes); 32 zero bytes without a session key. */
    byte[] sign(byte[] sessionKey) {
        return hmac(sessionKey, rx);
    }

    /** Checks the peer's signature against HMAC-SHA256(session key, sent bytes). */
    void verify(byte[] sessionKey, byte[] peerSignature) throws IntegrityException {
        byte[] expected = hmac(sessionKey, tx);
        if (!MessageDigest.isEqual(expected, peerSignature)) {
            throw new IntegrityException("AUTH_SIGNATURE mismatch: the peer saw a different handshake (tampering, or a wrong session key)");
        }
    }

    void clear() {
        rx.reset();
        tx.reset();
        enabled = false;
    }

    private static byte[] hmac(byte[] key, ByteArrayOutputStream data) {
        if (key.length == 0) {
            return new byte[AuthSignatureFrame.SIGNATURE_LENGTH];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] bytes = data.toByteArray();
            try {
                return mac.doFinal(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
