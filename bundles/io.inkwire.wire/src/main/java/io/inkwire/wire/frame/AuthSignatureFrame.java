package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;
import java.util.Arrays;

/**
 * AUTH_SIGNATURE (7): 32 raw bytes (a {@code sha256_digest_t}, no length prefix) — HMAC-SHA256 keyed
 * with the session key over every byte received before it (the pre-auth transcript).
 */
public record AuthSignatureFrame(byte[] signature) implements ControlFrame {

    public static final int SIGNATURE_LENGTH = 32;

    public AuthSignatureFrame {
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("AUTH_SIGNATURE is " + SIGNATURE_LENGTH + " bytes");
        }
    }

    @Override
    public int tag() {
        return Tag.AUTH_SIGNATURE;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.raw(signature);
    }

    public static AuthSignatureFrame decode(CephDecoder d) throws ProtocolException {
        return new AuthSignatureFrame(d.raw(SIGNATURE_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSignatureFrame f && Arrays.equals(signature, f.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "AuthSignatureFrame[32 bytes]";
    }
}
