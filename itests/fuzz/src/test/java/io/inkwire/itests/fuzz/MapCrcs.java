package io.inkwire.itests.fuzz;

import io.inkwire.wire.Crc32c;

/**
 * Rewrites the crcs an encoded OSDMap or incremental carries ({@code OSDMap::encode}: crc32c, seed
 * −1, of every byte but the crc itself), so that the fuzzer's mutations reach the fields behind them
 * instead of all dying at the crc check. The crc sits at the wrapper struct's end as Ceph writes it
 * (full map: the last u32; incremental: inc_crc, then full_crc); inputs shaped otherwise are left as
 * they are. The check itself is unit-tested in codec.osd.
 */
final class MapCrcs {

    private MapCrcs() {
    }

    /** A full map's crc fixed, or {@code in} itself when it is too short or older than struct_v 8. */
    static byte[] fixFull(byte[] in) {
        int end = wrapperEnd(in, 4);
        if (end < 0) {
            return in;
        }
        byte[] out = in.clone();
        int crcAt = end - 4;
        putLe(out, crcAt, Crc32c.compute(Crc32c.SEED_SEGMENT, out, 0, crcAt));
        return out;
    }

    /** An incremental's inc_crc fixed (it covers full_crc after it too), or {@code in} itself. */
    static byte[] fixIncremental(byte[] in) {
        int end = wrapperEnd(in, 8);
        if (end < 0) {
            return in;
        }
        byte[] out = in.clone();
        int crcAt = end - 8;
        int crc = Crc32c.compute(Crc32c.SEED_SEGMENT, out, 0, crcAt);
        crc = Crc32c.compute(crc, out, crcAt + 4, 4);
        putLe(out, crcAt, crc);
        return out;
    }

    /** Where the ENCODE_START(8, 7) wrapper ends, or −1 when there is no v8 wrapper of at least {@code tail} bytes. */
    private static int wrapperEnd(byte[] in, int tail) {
        if (in.length < 6 || (in[0] & 0xff) < 8) {
            return -1;
        }
        long len = (in[2] & 0xffL) | (in[3] & 0xffL) << 8 | (in[4] & 0xffL) << 16 | (in[5] & 0xffL) << 24;
        long end = 6 + len;
        return len < tail || end > in.length ? -1 : (int) end;
    }

    private static void putLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
