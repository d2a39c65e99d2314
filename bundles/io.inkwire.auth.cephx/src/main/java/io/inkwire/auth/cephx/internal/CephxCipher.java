package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * cephx symmetric encryption ({@code src/auth/Crypto.cc}, {@code CephxProtocol.h}
 * encode_encrypt / decode_decrypt): AES-128-CBC, the fixed IV {@code cephsageyudagreg} on every
 * call, PKCS#7 padding, over the envelope {@code u8 1, le64 AUTH_ENC_MAGIC, body}.
 *
 * <p>Two forms: {@link #encBl} is the bare ciphertext ({@code encode_encrypt_enc_bl}),
 * {@link #encrypt} prefixes it with a u32 length ({@code encode_encrypt}, a bufferlist field).
 * Plaintexts that held key material are wiped after use (best effort: the JCA's own key schedule
 * copies cannot be reached). Thread-safe: a {@link Cipher} is made per call.
 */
public final class CephxCipher {

    /** {@code AUTH_ENC_MAGIC}. */
    public static final long AUTH_ENC_MAGIC = 0xff009cad8826aa55L;
    /** {@code CEPH_AES_IV}. */
    static final byte[] CEPH_AES_IV = "cephsageyudagreg".getBytes(StandardCharsets.US_ASCII);
    static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final int BLOCK = 16;
    /** Large enough that the plaintext encoders never grow (growth would leave unwiped copies behind). */
    private static final int PLAIN_CAPACITY = 512;

    private final Provider provider;

    private CephxCipher(Provider provider) {
        this.provider = provider;
    }

    /**
     * The cipher for the {@code inkwire_crypto_provider} option: empty means the JDK's default
     * provider, otherwise the name of an installed JCA provider (e.g. {@code BC}).
     */
    public static CephxCipher forProvider(String providerName) throws AuthException {
        Provider p = null;
        if (providerName != null && !providerName.isBlank()) {
            p = Security.getProvider(providerName.trim());
            if (p == null) {
                throw new AuthException(AuthException.EINVAL,
                        "inkwire_crypto_provider: no JCA provider named '" + providerName.trim() + "' is installed");
            }
        }
        CephxCipher c = new CephxCipher(p);
        try {
            c.newCipher(); // fail now, not at the first handshake, if the provider lacks AES/CBC
        } catch (GeneralSecurityException e) {
            throw new AuthException(AuthException.EINVAL, "crypto provider cannot do " + TRANSFORMATION, e);
        }
        return c;
    }

    private Cipher newCipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(TRANSFORMATION) : Cipher.getInstance(TRANSFORMATION, provider);
    }

    /** Raw AES-CBC encryption of {@code plain} (no envelope). */
    public byte[] encryptRaw(CephxKey key, byte[] plain, int off, int len) {
        try {
            Cipher c = newCipher();
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.secretBytes(), 0, CephxKey.AES_KEY_BYTES, "AES"),
                    new IvParameterSpec(CEPH_AES_IV));
            return c.doFinal(plain, off, len);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e); // a configuration fault, not the peer's
        }
    }

    /** Raw AES-CBC decryption; a wrong key or a mangled ciphertext is an {@link AuthException} (EACCES). */
    public byte[] decryptRaw(CephxKey key, byte[] cipher, String what) throws AuthException {
        if (cipher.length == 0 || cipher.length % BLOCK != 0) {
            throw new AuthException(AuthException.EACCES,
                    "cephx: " + what + ": ciphertext of " + cipher.length + " bytes is not a whole number of AES blocks");
        }
        try {
            Cipher c = newCipher();
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.secretBytes(), 0, CephxKey.AES_KEY_BYTES, "AES"),
                    new IvParameterSpec(CEPH_AES_IV));
            return c.doFinal(cipher);
        } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw new AuthException(AuthException.EACCES, "cephx: " + what + ": decryption failed (wrong key or corrupted data)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC decryption failed", e);
        }
    }

    /** {@code encode_encrypt_enc_bl}: the ciphertext of {@code u8 1, le64 magic, body}. */
    public byte[] encBl(CephxKey key, Consumer<CephEncoder> body) {
        CephEncoder plain = new CephEncoder(PLAIN_CAPACITY);
        plain.u8(1).u64(AUTH_ENC_MAGIC);
        body.accept(plain);
        ByteBuffer view = plain.toByteBuffer();
        try {
            return encryptRaw(key, view.array(), view.arrayOffset(), view.remaining());
        } finally {
            wipe(view);
        }
    }

    /** {@code encode_encrypt}: {@link #encBl} as a bufferlist field (u32 length + ciphertext). */
    public void encrypt(CephEncoder out, CephxKey key, Consumer<CephEncoder> body) {
        out.bytes(encBl(key, body));
    }

    /**
     * {@code decode_decrypt_enc_bl}: decrypts, checks the magic (the leading version byte is
     * ignored, as C++ does) and returns the body. Close it to wipe the plaintext.
     */
    public Plaintext decBl(CephxKey key, byte[] cipher, String what) throws AuthException {
        byte[] plain = decryptRaw(key, cipher, what);
        CephDecoder d = new CephDecoder(plain, "cephx " + what);
        try {
            d.u8();
            if (d.u64() != AUTH_ENC_MAGIC) {
                throw new AuthException(AuthException.EACCES, "cephx: " + what + ": bad magic after decryption (wrong key?)");
            }
        } catch (ProtocolException e) {
            Arrays.fill(plain, (byte) 0);
            throw new AuthException(AuthException.EACCES, "cephx: " + what + ": decrypted envelope too short");
        } catch (AuthException e) {
            Arrays.fill(plain, (byte) 0);
            throw e;
        }
        return new Plaintext(plain, d);
    }

    /** {@code decode_decrypt}: reads a bufferlist field from {@code in} and decrypts it as {@link #decBl}. */
    public Plaintext decrypt(CephDecoder in, CephxKey key, String what) throws AuthException {
        byte[] cipher;
        try {
            cipher = in.bytes();
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        return decBl(key, cipher, what);
    }

    private static void wipe(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            b.put(i, (byte) 0);
        }
    }

    /** A decrypted body: read it through {@link #decoder()}, then close to wipe it. */
    public static final class Plaintext implements AutoCloseable {
        private final byte[] bytes;
        private final CephDecoder decoder;

        Plaintext(byte[] bytes, CephDecoder decoder) {
            this.bytes = bytes;
            this.decoder = decoder;
        }

        public CephDecoder decoder() {
            return decoder;
        }

        @Override
        public void close() {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
