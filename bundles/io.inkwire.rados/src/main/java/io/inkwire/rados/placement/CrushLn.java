package io.inkwire.rados.placement;

/**
 * {@code crush_ln} ({@code src/crush/mapper.c}): 2^44·log2(x+1) in fixed point, for the straw2 draw.
 * The input is a 16-bit hash; the result fits 49 bits.
 */
final class CrushLn {

    private CrushLn() {
    }

    static long ln(int xin) {
        int x = xin + 1;
        int iexpon = 15;
        // normalize so bit 15 (or 16, for 0x10000) is set, in one shift
        if ((x & 0x18000) == 0) {
            int bits = Integer.numberOfLeadingZeros(x & 0x1ffff) - 16;
            x <<= bits;
            iexpon = 15 - bits;
        }
        int index1 = (x >> 8) << 1;
        long rh = CrushLnTable.RH_LH[index1 - 256]; // ≈ 2^56/index1
        long lh = CrushLnTable.RH_LH[index1 + 1 - 256]; // ≈ 2^48·log2(index1/256)
        // u64 product (x·RH reaches 2^63 for x = 0x10000): the logical shift keeps it exact
        long xl64 = ((long) x * rh) >>> 48;
        long result = (long) iexpon << (12 + 32);
        lh += CrushLnTable.LL[(int) (xl64 & 0xff)]; // ≈ 2^48·log2(1 + index2/2^15)
        lh >>>= 48 - 12 - 32;
        return result + lh;
    }
}
