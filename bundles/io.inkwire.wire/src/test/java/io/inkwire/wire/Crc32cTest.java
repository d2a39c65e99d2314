package io.inkwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    private static int crc(int seed, String s) {
        return Crc32c.compute(seed, s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void matches_cephs_own_unit_test_vectors() {
        // src/test/common/test_crc32c.cc
        assertEquals(4119623852L, crc(0, "foo bar baz") & 0xffffffffL);
        assertEquals(881700046L, crc(1234, "foo bar baz") & 0xffffffffL);
        assertEquals(2360230088L, crc(0, "whiz bang boom") & 0xffffffffL);
        assertEquals(3743019208L, crc(5678, "whiz bang boom") & 0xffffffffL);
    }

    @Test
    void seed_minus_one_is_the_complement_of_standard_crc32c() {
        assertEquals(0x1CF96D7C, crc(-1, "123456789"));
    }

    @Test
    void table_and_jdk_paths_agree_for_every_seed_and_length() {
        Random r = new Random(42);
        for (int len : new int[] {0, 1, 7, 8, 9, 255, 256, 257, 4096, 100_000}) {
            byte[] b = new byte[len];
            r.nextBytes(b);
            for (int seed : new int[] {0, -1, 1234, 0x5a5a5a5a}) {
                int slow = bitwise(seed, b);
                assertEquals(slow, Crc32c.compute(seed, b), "len " + len + " seed " + seed);
                assertEquals(slow, Crc32c.compute(seed, ByteBuffer.allocateDirect(len).put(b).flip()), "direct len " + len);
                // RawMessage hands out read-only heap views: staged through the scratch array, in slices above its size
                ByteBuffer readOnly = ByteBuffer.wrap(b).asReadOnlyBuffer();
                assertEquals(slow, Crc32c.compute(seed, readOnly), "read-only len " + len);
                assertEquals(0, readOnly.position(), "the position is not moved");
            }
        }
    }

    @Test
    void update_chains_like_ceph() {
        byte[] a = "foo ".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "bar baz".getBytes(StandardCharsets.US_ASCII);
        assertEquals(crc(0, "foo bar baz"), Crc32c.update(Crc32c.compute(0, a), ByteBuffer.wrap(b)));
    }

    @Test
    void the_zeros_operator_matches_feeding_zero_bytes() {
        for (long len : new long[] {1, 2, 3, 255, 256, 4096, 65_537, 1 << 20}) {
            for (int reg : new int[] {1, -1, 0x12345678}) {
                assertEquals(bitwise(reg, new byte[(int) len]), Crc32c.zerosShift(reg, len), "len " + len + " reg " + reg);
            }
        }
        assertEquals(0, Crc32c.zerosShift(0, 1L << 40), "zero stays zero");
        assertEquals(7, Crc32c.zerosShift(7, 0));
    }

    private static int bitwise(int crc, byte[] b) {
        for (byte x : b) {
            crc ^= x & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return crc;
    }
}
