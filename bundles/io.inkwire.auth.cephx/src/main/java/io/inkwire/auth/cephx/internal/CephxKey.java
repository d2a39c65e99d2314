package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Instant;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A cephx AES key as it travels inside tickets ({@code CryptoKey}: {@code u16 type},
 * {@code utime_t created}, {@code u16 len}, secret). Owns its secret array; {@link #destroy()}
 * wipes it. Never prints the secret.
 */
public final class CephxKey {

    /** AES-128: Ceph uses the first 16 bytes of a longer secret. */
    public static final int AES_KEY_BYTES = 16;

    private final int type;
    private final long createdSec;
    private final int createdNsec;
    private final byte[] secret;

    private CephxKey(int type, long createdSec, int createdNsec, byte[] secret) {
        this.type = type;
        this.createdSec = createdSec;
        this.createdNsec = createdNsec;
        this.secret = secret;
    }

    /** A copy of a keyring key; fails unless it is an AES key. */
    public static CephxKey of(CryptoKey key) {
        if (key.type() != CryptoKey.CEPH_CRYPTO_AES || key.length() < AES_KEY_BYTES) {
            throw new IllegalArgumentException("cephx needs an AES key of at least 16 bytes, got " + key);
        }
        return new CephxKey(key.type(), key.createdSec(), key.createdNsec(), key.secret());
    }

    /** A fresh random session or service key ({@code KeyServer::generate_secret}). */
    public static CephxKey generate(RandomGenerator random, Instant now) {
        byte[] s = new byte[AES_KEY_BYTES];
        random.nextBytes(s);
        return new CephxKey(CryptoKey.CEPH_CRYPTO_AES, now.getEpochSecond(), now.getNano(), s);
    }

    /** For tests: a key over the given secret bytes (copied). */
    public static CephxKey ofSecret(byte[] secret) {
        return new CephxKey(CryptoKey.CEPH_CRYPTO_AES, 0, 0, secret.clone());
    }

    public static CephxKey decode(CephDecoder d) throws ProtocolException {
        int type = d.u16();
        long sec = d.u32();
        int nsec = (int) d.u32();
        int len = d.u16();
        if (type != CryptoKey.CEPH_CRYPTO_AES) {
            throw d.error("session key of type " + type + ", cephx expects AES (1)");
        }
        if (len < AES_KEY_BYTES) {
            throw d.error("AES session key of " + len + " bytes, need " + AES_KEY_BYTES);
        }
        return new CephxKey(type, sec, nsec, d.raw(len));
    }

    public void encode(CephEncoder e) {
        e.u16(type).utime(createdSec, createdNsec).u16(secret.length).raw(secret);
    }

    /** The secret itself, for the cipher; callers never keep or expose it. */
    byte[] secretBytes() {
        return secret;
    }

    /** A copy of the 16 key bytes, owned by the caller (e.g. {@code AuthResult.sessionKey()}). */
    public byte[] secretCopy() {
        return Arrays.copyOf(secret, AES_KEY_BYTES);
    }

    public CephxKey copy() {
        return new CephxKey(type, createdSec, createdNsec, secret.clone());
    }

    public boolean sameSecret(CephxKey other) {
        return java.security.MessageDigest.isEqual(secret, other.secret);
    }

    public void destroy() {
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "CephxKey{type=" + type + ", length=" + secret.length + ", secret=<redacted>}";
    }
}
