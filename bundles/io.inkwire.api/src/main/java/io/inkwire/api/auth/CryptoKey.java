package io.inkwire.api.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Ceph {@code CryptoKey}: a key type, its creation time and the secret. {@link #toString()}
 * never shows the secret; {@link #destroy()} wipes it.
 *
 * <p>Encoding (keyrings, tickets): {@code u16 type} + {@code utime_t created} + {@code u16 len} + secret.
 */
public final class CryptoKey {

    /** {@code CEPH_CRYPTO_NONE}. */
    public static final int CEPH_CRYPTO_NONE = 0;
    /** {@code CEPH_CRYPTO_AES}. */
    public static final int CEPH_CRYPTO_AES = 1;

    private final int type;
    private final long createdSec;
    private final int createdNsec;
    private final byte[] secret;

    public CryptoKey(int type, long createdSec, int createdNsec, byte[] secret) {
        this.type = type;
        this.createdSec = createdSec;
        this.createdNsec = createdNsec;
        this.secret = secret.clone();
    }

    /** Bytes of an AES-128 secret, what Ceph generates ({@code CryptoKey::create}, {@code ceph-authtool --gen-key}). */
    public static final int AES_SECRET_LENGTH = 16;

    /**
     * A fresh random AES-128 key created now, as {@code ceph-authtool --gen-key} makes one: for a run
     * with no keyring (the demo, a standalone acceptor's own secret, tests).
     */
    public static CryptoKey generateAes() {
        byte[] secret = new byte[AES_SECRET_LENGTH];
        RandomSource.SECURE.nextBytes(secret);
        Instant now = Instant.now();
        try {
            return new CryptoKey(CEPH_CRYPTO_AES, now.getEpochSecond(), now.getNano(), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Created on first use: most programs only read keys. */
    private static final class RandomSource {
        static final SecureRandom SECURE = new SecureRandom();
    }

    /** Decodes the base64 text of a keyring's {@code key = ...} line. */
    public static CryptoKey fromBase64(String text) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed key: not base64");
        }
        try {
            if (raw.length < 12) {
                throw new IllegalArgumentException("malformed key: " + raw.length + " bytes, a CryptoKey has at least 12");
            }
            int type = (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
            long sec = (raw[2] & 0xffL) | (raw[3] & 0xffL) << 8 | (raw[4] & 0xffL) << 16 | (raw[5] & 0xffL) << 24;
            int nsec = (raw[6] & 0xff) | (raw[7] & 0xff) << 8 | (raw[8] & 0xff) << 16 | (raw[9] & 0xff) << 24;
            int len = (raw[10] & 0xff) | (raw[11] & 0xff) << 8;
            if (len != raw.length - 12) {
                throw new IllegalArgumentException("malformed key: secret length " + len + " but " + (raw.length - 12) + " bytes follow");
            }
            if (type == CEPH_CRYPTO_AES && len < 16) {
                throw new IllegalArgumentException("malformed key: an AES key needs 16 bytes, got " + len);
            }
            if (type != CEPH_CRYPTO_AES && type != CEPH_CRYPTO_NONE) {
                throw new IllegalArgumentException("malformed key: unknown key type " + type);
            }
            return new CryptoKey(type, sec, nsec, Arrays.copyOfRange(raw, 12, raw.length));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public int type() {
        return type;
    }

    public long createdSec() {
        return createdSec;
    }

    public int createdNsec() {
        return createdNsec;
    }

    /** A copy of the secret; the caller wipes it after use. */
    public byte[] secret() {
        return secret.clone();
    }

    public int length() {
        return secret.length;
    }

    /** The keyring text form ({@code AQ...==}). */
    public String toBase64() {
        byte[] raw = new byte[12 + secret.length];
        raw[0] = (byte) type;
        raw[1] = (byte) (type >> 8);
        for (int i = 0; i < 4; i++) {
            raw[2 + i] = (byte) (createdSec >> (8 * i));
            raw[6 + i] = (byte) (createdNsec >> (8 * i));
        }
        raw[10] = (byte) secret.length;
        raw[11] = (byte) (secret.length >> 8);
        System.arraycopy(secret, 0, raw, 12, secret.length);
        try {
            return Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public void destroy() {
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "CryptoKey{type=" + type + ", length=" + secret.length + ", secret=<redacted>}";
    }
}
