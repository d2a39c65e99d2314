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
    /**
     * From this many bytes a block goes through the provider's ByteBuffer entry point: JDK 17 runs
     * large array inputs without its GCM intrinsic until their own call path is compiled (seconds
     * of 0.1 GB/s), while its ByteBuffer path is warm as soon as small blocks have been through it.
     * Smaller blocks take the array entry point, which is faster for them.
     */
    static final int BUFFER_API_FROM = 64 << 10;

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

    /** The name of the JCA provider doing the work. */
    String provider() {
        return cipher.getProvider().getName();
    }

    GcmNonce nonce() {
        return nonce;
    }

    // ---- tx: one call per block ----

    /**
     * Encrypts {@code buf[off, off + len)} in place with the next nonce, in one {@code doFinal},
     * and writes the 16-byte tag right after it; returns {@code len + 16}.
     */
    int seal(byte[] buf, int off, int len) throws ProtocolException {
        try {
            cipher.init(mode, key, nonce.next());
            return inPlace(buf, off, len, len + TAG_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("AES-GCM encryption failed", e);
        }
    }

    private int inPlace(byte[] buf, int off, int len, int room) throws GeneralSecurityException {
        if (len < BUFFER_API_FROM) {
            return cipher.doFinal(buf, off, len, buf, off);
        }
        return cipher.doFinal(ByteBuffer.wrap(buf, off, len), ByteBuffer.wrap(buf, off, room));
    }

    // ---- rx: one call per block ----

    /**
     * Decrypts and authenticates {@code buf[off, off + len)} ({@code ciphertext || tag}) in place
     * with the next nonce; returns the plaintext length ({@code len - 16}). On a bad tag nothing in
     * that range may be used.
     */
    int openInPlace(byte[] buf, int off, int len, String what) throws ProtocolException {
        GCMParameterSpec iv = nonce.next();
        try {
            cipher.init(mode, key, iv);
            return inPlace(buf, off, len, len);
        } catch (AEADBadTagException e) {
            throw new IntegrityException("secure frame authentication failed (" + what + ")", e);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("AES-GCM decryption failed (" + what + ")", e);
        }
    }

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
