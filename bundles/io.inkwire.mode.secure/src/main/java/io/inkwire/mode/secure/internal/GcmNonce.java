package io.inkwire.mode.secure.internal;

import io.inkwire.api.ProtocolException;
import java.util.Arrays;
import javax.crypto.spec.GCMParameterSpec;

/**
 * One direction's 12-byte AES-GCM nonce, {@code nonce_t} in {@code src/msg/async/crypto_onwire.cc}:
 * {@code le32 fixed} + {@code le64 counter}, used verbatim as the IV. In msgr2.1 the counter grows
 * by one after every GCM operation; the fixed part never changes.
 *
 * <p>Refuses to hand out the initial nonce a second time (after 2^64 operations), as Ceph's
 * sender does ("out of nonces"): a repeated nonce under one key breaks GCM.
 */
final class GcmNonce {

    /** {@code sizeof(nonce_t)}. */
    static final int NONCE_LENGTH = 12;
    /** 128-bit tags. */
    static final int TAG_BITS = 128;

    private final byte[] iv = new byte[NONCE_LENGTH];
    private long initialCounter;
    private long counter;
    private boolean used;

    /** The nonce stored at {@code secret[offset, offset + 12)}. */
    GcmNonce(byte[] secret, int offset) {
        System.arraycopy(secret, offset, iv, 0, NONCE_LENGTH);
        initialCounter = readCounter();
        counter = initialCounter;
    }

    /** The IV for the next GCM operation; advances the counter. */
    GCMParameterSpec next() throws ProtocolException {
        if (used && counter == initialCounter) {
            throw new ProtocolException("out of nonces: the GCM counter wrapped around to its initial value");
        }
        writeCounter(counter);
        counter++;
        used = true;
        return new GCMParameterSpec(TAG_BITS, iv);
    }

    /** Operations done so far (mod 2^64). */
    long operations() {
        return counter - initialCounter;
    }

    /** Test hook: skips {@code n} operations (mod 2^64) without using them. */
    void skip(long n) {
        counter += n;
    }

    void wipe() {
        Arrays.fill(iv, (byte) 0);
        initialCounter = 0;
        counter = 0;
    }

    private long readCounter() {
        long c = 0;
        for (int i = NONCE_LENGTH - 1; i >= 4; i--) {
            c = (c << 8) | (iv[i] & 0xff);
        }
        return c;
    }

    private void writeCounter(long c) {
        for (int i = 4; i < NONCE_LENGTH; i++) {
            iv[i] = (byte) c;
            c >>>= 8;
        }
    }

    @Override
    public String toString() {
        return "GcmNonce{operations=" + operations() + "}";
    }
}
