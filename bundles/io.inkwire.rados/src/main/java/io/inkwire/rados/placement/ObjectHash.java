package io.inkwire.rados.placement;

import java.nio.charset.StandardCharsets;

/**
 * {@code ceph_str_hash} ({@code src/common/ceph_hash.cc}): the hash of an object name (or locator
 * key) that picks its PG, by the pool's {@code object_hash}.
 */
public final class ObjectHash {

    /** {@code CEPH_STR_HASH_LINUX}: the Linux dcache hash. */
    public static final int LINUX = 1;
    /** {@code CEPH_STR_HASH_RJENKINS}: Bob Jenkins' lookup2, every pool's default. */
    public static final int RJENKINS = 2;

    /** The separator {@code pg_pool_t::hash_key} puts between a namespace and the name. */
    static final byte NAMESPACE_SEPARATOR = 037;

    private ObjectHash() {
    }

    /** {@code ceph_str_hash(type, s)}; −1 (0xffffffff) for an unknown type, as Ceph returns. */
    public static int hash(int type, byte[] s) {
        return switch (type) {
            case LINUX -> linux(s);
            case RJENKINS -> rjenkins(s);
            default -> -1;
        };
    }

    /**
     * {@code pg_pool_t::hash_key}: the hash of {@code key} alone, or of {@code nspace + '\037' + key}
     * when a namespace is set. Strings are hashed as their UTF-8 bytes, as Ceph's std::string holds them.
     */
    public static int hashKey(int type, String key, String nspace) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (nspace == null || nspace.isEmpty()) {
            return hash(type, k);
        }
        byte[] ns = nspace.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[ns.length + 1 + k.length];
        System.arraycopy(ns, 0, buf, 0, ns.length);
        buf[ns.length] = NAMESPACE_SEPARATOR;
        System.arraycopy(k, 0, buf, ns.length + 1, k.length);
        return hash(type, buf);
    }

    /** {@code ceph_str_hash_linux}: {@code hash = (hash + (c << 4) + (c >> 4)) * 11} per byte. */
    public static int linux(byte[] s) {
        int hash = 0;
        for (byte b : s) {
            int c = b & 0xff;
            hash = (hash + (c << 4) + (c >> 4)) * 11;
        }
        return hash;
    }

    /** {@code ceph_str_hash_rjenkins}: lookup2 over 12-byte blocks, the length folded into c. */
    public static int rjenkins(byte[] k) {
        int a = 0x9e3779b9;
        int b = a;
        int c = 0;
        int i = 0;
        int len = k.length;
        while (len >= 12) {
            a += le32(k, i);
            b += le32(k, i + 4);
            c += le32(k, i + 8);
            int[] m = mix(a, b, c);
            a = m[0];
            b = m[1];
            c = m[2];
            i += 12;
            len -= 12;
        }
        c += k.length;
        // the last 0…11 bytes: into a, then b, then c's upper three bytes (its low byte holds the length)
        switch (len) {
            case 11: c += (k[i + 10] & 0xff) << 24; // fall through
            case 10: c += (k[i + 9] & 0xff) << 16; // fall through
            case 9: c += (k[i + 8] & 0xff) << 8; // fall through
            case 8: b += (k[i + 7] & 0xff) << 24; // fall through
            case 7: b += (k[i + 6] & 0xff) << 16; // fall through
            case 6: b += (k[i + 5] & 0xff) << 8; // fall through
            case 5: b += k[i + 4] & 0xff; // fall through
            case 4: a += (k[i + 3] & 0xff) << 24; // fall through
            case 3: a += (k[i + 2] & 0xff) << 16; // fall through
            case 2: a += (k[i + 1] & 0xff) << 8; // fall through
            case 1: a += k[i] & 0xff; // fall through
            default: break;
        }
        return mix(a, b, c)[2];
    }

    private static int le32(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }

    /** The same nine-line mix as CRUSH's rjenkins1. */
    private static int[] mix(int a, int b, int c) {
        a -= b; a -= c; a ^= c >>> 13;
        b -= c; b -= a; b ^= a << 8;
        c -= a; c -= b; c ^= b >>> 13;
        a -= b; a -= c; a ^= c >>> 12;
        b -= c; b -= a; b ^= a << 16;
        c -= a; c -= b; c ^= b >>> 5;
        a -= b; a -= c; a ^= c >>> 3;
        b -= c; b -= a; b ^= a << 10;
        c -= a; c -= b; c ^= b >>> 15;
        return new int[] {a, b, c};
    }
}
