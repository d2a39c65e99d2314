package io.inkwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StdStringTest {

    @Test
    void orders_as_unsigned_utf8_bytes_not_as_utf16_units() {
        // U+FFFF sorts before U+1D11E in UTF-8, after its surrogate pair in String.compareTo
        assertTrue(StdString.ORDER.compare("\uffff", "\ud834\udd1e") < 0);
        assertTrue("\uffff".compareTo("\ud834\udd1e") > 0);
        assertTrue(StdString.ORDER.compare("Z", "a") < 0);
        assertTrue(StdString.ORDER.compare("a", "ab") < 0);
        assertEquals(0, StdString.ORDER.compare("mon", "mon"));
    }

    @Test
    void agrees_with_byte_order_on_random_strings() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        int[] alphabet = {'a', 'b', 0xe9, 0x7ff, 0x800, 0xfffd, 0xffff, 0x10000, 0x1d11e, 0x10ffff};
        for (int i = 0; i < 20_000; i++) {
            String a = random(rnd, alphabet);
            String b = random(rnd, alphabet);
            int bytes = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertEquals(bytes, Integer.signum(StdString.ORDER.compare(a, b)), "seed " + seed + ": " + a + " vs " + b);
        }
    }

    private static String random(Random rnd, int[] alphabet) {
        StringBuilder s = new StringBuilder();
        for (int n = rnd.nextInt(4); n > 0; n--) {
            s.appendCodePoint(alphabet[rnd.nextInt(alphabet.length)]);
        }
        return s.toString();
    }
}
