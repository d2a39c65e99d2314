package io.inkwire.mode.secure.internal;

import io.inkwire.api.IntegrityException;
import io.inkwire.api.ProtocolException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * One direction of a secure connection: one {@link Cipher}, the shared key and this direction's
 * nonce. Every GCM operation (one {@code init} with the next nonce through one {@code doFinal})
 * consumes one nonce, so the ciphers are re-initialised per block, never re-created.
 */
final class GcmChannel {

    /** {@code CEPH_GCM_TAG_LEN}. */
    static final int TAG_LENGTH = GcmNonce.TAG_BITS / 8;

    private static final byte[] ZEROS = new byte[16];

    private final Cipher cipher;
    private final AesKey key;
    private final GcmNonce nonce;
    private final int mode;

    /**
     * @param mode {@link Cipher#ENCRYPT_MODE} for tx, {@link Cipher#DECRYPT_MODE} for rx
     */
    GcmChannel(Cipher cipher, AesKey key, GcmNonce nonce, int mode) {
        this.cipher = cipher;
        this.key = key;
        this.nonce = nonce;
        this.mode = mode;
    }

    long operations() {
        return nonce.operations();
    }

    GcmNonce nonce() {
        return nonce;
    }

    // ---- tx: begin, any number of update/zeros, end ----

    /** Starts one encryption with the next nonce. */
    void begin() throws ProtocolException {
        try {
            cipher.init(mode, key, nonce.next());
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("cannot initialise AES-GCM", e);
        }
    }

    /** Encrypts {@code in}'s remaining bytes to {@code out}. */
    void update(ByteBuffer in, ByteBuffer out) throws ProtocolException {
        try {
            cipher.update(in, out);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("AES-GCM encryption failed", e);
        }
    }

    /** Encrypts {@code n} zero bytes (segment padding, 0..15 bytes at a time). */
    void zeros(int n, ByteBuffer out) throws ProtocolException {
        int left = n;
        while (left > 0) {
            int k = Math.min(left, ZEROS.length);
            update(ByteBuffer.wrap(ZEROS, 0, k), out);
            left -= k;
        }
    }

    /** Encrypts {@code last} and appends the 16-byte tag. */
    void end(ByteBuffer last, ByteBuffer out) throws ProtocolException {
        try {
            cipher.doFinal(last, out);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("AES-GCM encryption failed", e);
        }
    }

    // ---- rx: one call per block ----

    /**
     * Decrypts and authenticates one block ({@code ciphertext || tag}, all of {@code in}) with the
     * next nonce into {@code out}. On a bad tag nothing in {@code out} may be used.
     *
     * @param what names the block in the error message
     */
    void open(ByteBuffer in, ByteBuffer out, String what) throws ProtocolException {
        GCMParameterSpec iv = nonce.next();
        try {
            cipher.init(mode, key, iv);
            cipher.doFinal(in, out);
        } catch (AEADBadTagException e) {
            throw new IntegrityException("secure frame authentication failed (" + what + ")", e);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("AES-GCM decryption failed (" + what + ")", e);
        }
    }

    /** Wipes the nonce and overwrites the provider's key schedule with an all-zero key. */
    void wipe() {
        nonce.wipe();
        try {
            cipher.init(Cipher.DECRYPT_MODE, new AesKey(ZEROS, 0), new GCMParameterSpec(GcmNonce.TAG_BITS, new byte[GcmNonce.NONCE_LENGTH]));
        } catch (GeneralSecurityException | RuntimeException e) {
            // best effort: the cipher is dropped with the codec anyway
        }
    }
}
