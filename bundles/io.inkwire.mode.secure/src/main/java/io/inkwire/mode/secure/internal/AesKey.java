package io.inkwire.mode.secure.internal;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The 16-byte AES key, kept in one array that {@link #destroy()} wipes ({@code SecretKeySpec}
 * cannot be wiped). Providers get a copy from {@link #getEncoded()} at each {@code init}.
 */
final class AesKey implements SecretKey {

    private static final long serialVersionUID = 1L;

    /** AES-128. */
    static final int KEY_LENGTH = 16;

    private final byte[] key;
    private volatile boolean destroyed;

    AesKey(byte[] source, int offset) {
        this.key = Arrays.copyOfRange(source, offset, offset + KEY_LENGTH);
    }

    @Override
    public String getAlgorithm() {
        return "AES";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "AesKey{" + (destroyed ? "destroyed" : "16 bytes") + "}";
    }
}
