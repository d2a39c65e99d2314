package io.inkwire.rados.placement;

/**
 * CRUSH's hash, {@code CRUSH_HASH_RJENKINS1} ({@code src/crush/hash.c}): Robert Jenkins' 96-bit mix
 * over the arguments, a seed and two constants. All arithmetic is u32 (Java {@code int}, shifts
 * logical). Ceph returns 0 for any other hash type; {@link #hash32_2(int, int, int)} and friends
 * take the bucket's type and do the same.
 */
public final class CrushHash {

    /** {@code CRUSH_HASH_RJENKINS1}. */
    public static final int RJENKINS1 = 0;

    private static final int SEED = 1315423911;
    private static final int X = 231232;
    private static final int Y = 1232;

    private CrushHash() {
    }

    /** {@code crush_hash32_2(CRUSH_HASH_RJENKINS1, a, b)}. */
    public static int hash32_2(int a, int b) {
        int[] s = {a, b, SEED ^ a ^ b, X, Y};
        mix(s, 0, 1, 2);
        mix(s, 3, 0, 2);
        mix(s, 1, 4, 2);
        return s[2];
    }

    /** {@code crush_hash32_3(CRUSH_HASH_RJENKINS1, a, b, c)}. */
    public static int hash32_3(int a, int b, int c) {
        int[] s = {a, b, c, SEED ^ a ^ b ^ c, X, Y};
        mix(s, 0, 1, 3);
        mix(s, 2, 4, 3);
        mix(s, 5, 0, 3);
        mix(s, 1, 4, 3);
        mix(s, 5, 2, 3);
        return s[3];
    }

    /** {@code crush_hash32_4(CRUSH_HASH_RJENKINS1, a, b, c, d)}. */
    public static int hash32_4(int a, int b, int c, int d) {
        int[] s = {a, b, c, d, SEED ^ a ^ b ^ c ^ d, X, Y};
        mix(s, 0, 1, 4);
        mix(s, 2, 3, 4);
        mix(s, 0, 5, 4);
        mix(s, 6, 1, 4);
        mix(s, 2, 5, 4);
        mix(s, 6, 3, 4);
        return s[4];
    }

    /** {@code crush_hash32_5(CRUSH_HASH_RJENKINS1, a, b, c, d, e)}. */
    public static int hash32_5(int a, int b, int c, int d, int e) {
        int[] s = {a, b, c, d, e, SEED ^ a ^ b ^ c ^ d ^ e, X, Y};
        mix(s, 0, 1, 5);
        mix(s, 2, 3, 5);
        mix(s, 4, 6, 5);
        mix(s, 7, 0, 5);
        mix(s, 1, 6, 5);
        mix(s, 7, 2, 5);
        mix(s, 3, 6, 5);
        mix(s, 7, 4, 5);
        return s[5];
    }

    /** The typed forms: 0 for a hash type Ceph does not implement, as {@code crush_hash32_*} returns. */
    public static int hash32_2(int type, int a, int b) {
        return type == RJENKINS1 ? hash32_2(a, b) : 0;
    }

    public static int hash32_3(int type, int a, int b, int c) {
        return type == RJENKINS1 ? hash32_3(a, b, c) : 0;
    }

    public static int hash32_4(int type, int a, int b, int c, int d) {
        return type == RJENKINS1 ? hash32_4(a, b, c, d) : 0;
    }

    /**
     * {@code crush_hashmix(a, b, c)} on three slots of {@code s}: the nine subtract/xor-shift rounds,
     * writing all three back (the mix updates its first two arguments too).
     */
    private static void mix(int[] s, int ia, int ib, int ic) {
        int a = s[ia];
        int b = s[ib];
        int c = s[ic];
        a -= b; a -= c; a ^= c >>> 13;
        b -= c; b -= a; b ^= a << 8;
        c -= a; c -= b; c ^= b >>> 13;
        a -= b; a -= c; a ^= c >>> 12;
        b -= c; b -= a; b ^= a << 16;
        c -= a; c -= b; c ^= b >>> 5;
        a -= b; a -= c; a ^= c >>> 3;
        b -= c; b -= a; b ^= a << 10;
        c -= a; c -= b; c ^= b >>> 15;
        s[ia] = a;
        s[ib] = b;
        s[ic] = c;
    }
}
