package io.inkwire.wire;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C as Ceph computes it ({@code ceph_crc32c(seed, buf, len)}): the reflected Castagnoli CRC
 * with the register initialised to {@code seed} and no final inversion.
 *
 * <p>With seed {@code 0xffffffff} (written {@code -1} in Ceph, used for msgr2 segment crcs) the
 * result is the bitwise NOT of the standard CRC-32C, so the JDK's intrinsic {@link CRC32C} does the
 * bulk work. Other seeds (0 for the preamble and all msgr1 crcs) run through a slicing-by-8 table,
 * or — when the input is large — through the JDK after converting the seed: the CRC register is
 * linear, so {@code crc(seed, x) = crc(-1, x) ^ crc(seed ^ -1, zeros(len))}, and the zeros term
 * is computed in O(log n) with GF(2) operators for 2^k zero bytes, built once.
 *
 * <p>No call allocates: a read-only heap buffer (how {@code RawMessage} hands out its segments),
 * whose array the JDK's {@code CRC32C.update(ByteBuffer)} cannot reach and would copy through a
 * fresh temporary array, is copied in slices through one scratch array per thread instead.
 */
public final class Crc32c {

    /** The seed Ceph uses for msgr2 segment crcs ({@code -1}). */
    public static final int SEED_SEGMENT = 0xffffffff;
    /** The seed Ceph uses for the msgr2 preamble and msgr1 crcs. */
    public static final int SEED_ZERO = 0;

    private static final int POLY = 0x82F63B78;
    private static final int[][] TABLE = new int[8][256];
    /** Above this many bytes the JDK intrinsic plus a seed correction beats the table. */
    private static final int JDK_THRESHOLD = 256;
    /** {@code ZEROS[k]}: the operator advancing the register over 2^k zero bytes. */
    private static final int[][] ZEROS = new int[64][];
    /** Slices of read-only heap buffers are staged here: small enough to stay in the L1/L2 cache. */
    private static final int SCRATCH_LENGTH = 16 << 10;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_LENGTH]);

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            TABLE[0][i] = c;
        }
        for (int i = 0; i < 256; i++) {
            for (int t = 1; t < 8; t++) {
                TABLE[t][i] = (TABLE[t - 1][i] >>> 8) ^ TABLE[0][TABLE[t - 1][i] & 0xff];
            }
        }
        int[] bit = new int[32]; // the operator for one zero bit
        bit[0] = POLY;
        for (int n = 1; n < 32; n++) {
            bit[n] = 1 << (n - 1);
        }
        int[] two = gf2Square(bit);
        int[] four = gf2Square(two);
        ZEROS[0] = gf2Square(four);
        for (int k = 1; k < ZEROS.length; k++) {
            ZEROS[k] = gf2Square(ZEROS[k - 1]);
        }
    }

    private Crc32c() {
    }

    /** {@code ceph_crc32c(seed, b[off..off+len))}. */
    public static int compute(int seed, byte[] b, int off, int len) {
        if (seed == SEED_SEGMENT || len >= JDK_THRESHOLD) {
            CRC32C c = new CRC32C();
            c.update(b, off, len);
            return fromJdk(seed, (int) c.getValue(), len);
        }
        return table(seed, b, off, len);
    }

    public static int compute(int seed, byte[] b) {
        return compute(seed, b, 0, b.length);
    }

    /** {@code ceph_crc32c(seed, ...)} over the remaining bytes of {@code buf}; its position is not moved. */
    public static int compute(int seed, ByteBuffer buf) {
        int len = buf.remaining();
        if (buf.hasArray()) {
            return compute(seed, buf.array(), buf.arrayOffset() + buf.position(), len);
        }
        if (buf.isDirect()) {
            if (seed == SEED_SEGMENT || len >= JDK_THRESHOLD) {
                CRC32C c = new CRC32C();
                c.update(buf.duplicate());
                return fromJdk(seed, (int) c.getValue(), len);
            }
        }
        // read-only heap (or a direct buffer below the threshold): staged slice by slice, no garbage
        byte[] scratch = SCRATCH.get();
        ByteBuffer src = buf.duplicate();
        if (seed == SEED_SEGMENT || len >= JDK_THRESHOLD) {
            CRC32C c = new CRC32C();
            while (src.hasRemaining()) {
                int n = Math.min(scratch.length, src.remaining());
                src.get(scratch, 0, n);
                c.update(scratch, 0, n);
            }
            return fromJdk(seed, (int) c.getValue(), len);
        }
        src.get(scratch, 0, len);
        return table(seed, scratch, 0, len);
    }

    /** Continues a crc over more bytes: {@code ceph_crc32c(crcSoFar, more)}. */
    public static int update(int crcSoFar, ByteBuffer more) {
        return compute(crcSoFar, more);
    }

    private static int fromJdk(int seed, int jdkCrc, int len) {
        // JDK value = ~crc(-1, x); crc(seed, x) = crc(-1, x) ^ shift(seed ^ -1, len)
        int crcMinus1 = ~jdkCrc;
        return seed == SEED_SEGMENT ? crcMinus1 : crcMinus1 ^ zerosShift(seed ^ SEED_SEGMENT, len);
    }

    private static int table(int crc, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            int lo = crc ^ ((b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24);
            crc = TABLE[7][lo & 0xff] ^ TABLE[6][(lo >>> 8) & 0xff] ^ TABLE[5][(lo >>> 16) & 0xff] ^ TABLE[4][lo >>> 24]
                    ^ TABLE[3][b[i + 4] & 0xff] ^ TABLE[2][b[i + 5] & 0xff] ^ TABLE[1][b[i + 6] & 0xff] ^ TABLE[0][b[i + 7] & 0xff];
            i += 8;
        }
        while (i < end) {
            crc = (crc >>> 8) ^ TABLE[0][(crc ^ b[i++]) & 0xff];
        }
        return crc;
    }

    /** The register {@code r} after {@code len} zero bytes, in O(log len) (GF(2) operators, as zlib's crc32_combine). */
    static int zerosShift(int r, long len) {
        for (int k = 0; len != 0 && r != 0; k++, len >>>= 1) {
            if ((len & 1) != 0) {
                r = gf2Times(ZEROS[k], r);
            }
        }
        return r;
    }

    private static int gf2Times(int[] mat, int vec) {
        int sum = 0;
        int i = 0;
        while (vec != 0) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
            vec >>>= 1;
            i++;
        }
        return sum;
    }

    private static int[] gf2Square(int[] mat) {
        int[] square = new int[32];
        for (int n = 0; n < 32; n++) {
            square[n] = gf2Times(mat, mat[n]);
        }
        return square;
    }
}
