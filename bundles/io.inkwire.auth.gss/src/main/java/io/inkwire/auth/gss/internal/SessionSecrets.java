package io.inkwire.auth.gss.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * inkwire's extension to Ceph's gss method, which derives no keys at all: the acceptor draws a
 * fresh 32-byte master secret per connection and sends it sealed with the established Kerberos
 * context ({@code GSSContext.wrap} with confidentiality, so only the peer holding the context key
 * reads it). Both sides expand it with HKDF-SHA256 (RFC 5869): the 32-byte session key that keys
 * AUTH_SIGNATURE, and the connection secret the mode asked for (secure mode's AES-GCM keys and nonces).
 *
 * <p>Drawn by the acceptor rather than taken from the Kerberos session key, so that a replayed
 * AP-REQ can never make an acceptor reuse a connection secret (GCM nonce reuse).
 */
final class SessionSecrets {

    /** Bytes of the master secret the acceptor seals. */
    static final int MASTER_LENGTH = 32;
    /** Bytes of the AUTH_SIGNATURE key. */
    static final int SESSION_KEY_LENGTH = 32;

    private static final byte[] SALT = "inkwire gss v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SESSION_KEY_INFO = "session key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_SECRET_INFO = "connection secret".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_OUTPUT = 255 * 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionSecrets() {
    }

    static byte[] newMaster() {
        byte[] m = new byte[MASTER_LENGTH];
        RANDOM.nextBytes(m);
        return m;
    }

    static byte[] sessionKey(byte[] master) {
        return expand(extract(SALT, master), SESSION_KEY_INFO, SESSION_KEY_LENGTH);
    }

    static byte[] connectionSecret(byte[] master, int length) {
        if (length == 0) {
            return new byte[0];
        }
        return expand(extract(SALT, master), CONNECTION_SECRET_INFO, length);
    }

    /** HKDF-Extract: PRK = HMAC-SHA256(salt, ikm). */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt, ikm);
    }

    /** HKDF-Expand: T(i) = HMAC-SHA256(PRK, T(i-1) | info | i), the first {@code length} bytes. */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_OUTPUT) {
            throw new IllegalArgumentException("HKDF-SHA256 yields 0.." + MAX_OUTPUT + " bytes, not " + length);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int done = 0;
            for (int i = 1; done < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                Arrays.fill(t, (byte) 0);
                t = mac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            Arrays.fill(t, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an empty salt is HMAC with a zero key of the hash length (RFC 5869 §2.2)
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
