package io.inkwire.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A byte count as Ceph's {@code byte_u_t} prints it ({@code src/include/types.h}, {@code format_u}):
 * {@code 0 B}, {@code 4 KiB}, {@code 1.5 MiB}, {@code 12 GiB}: exact multiples of the unit with no
 * fraction, others with as many decimals (2, 1 or 0) as fit in 7 characters with the unit, rounded
 * as C's {@code printf} rounds the double (to nearest, ties to even).
 */
final class CephBytes {

    private static final String[] UNITS = {" B", " KiB", " MiB", " GiB", " TiB", " PiB", " EiB"};

    private CephBytes() {
    }

    static String format(long v) {
        // Ceph's value is a uint64_t
        BigDecimal value = new BigDecimal(Long.toUnsignedString(v));
        long n = v;
        int index = 0;
        while (Long.compareUnsigned(n, 1024) >= 0 && index < UNITS.length - 1) {
            n = Long.divideUnsigned(n, 1024);
            index++;
        }
        if (index == 0 || v % (1L << (10 * index)) == 0) {
            return Long.toUnsignedString(n) + UNITS[index];
        }
        double scaled = value.doubleValue() / (1L << (10 * index));
        String s = "";
        for (int decimals = 2; decimals >= 0; decimals--) {
            s = new BigDecimal(scaled).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString() + UNITS[index];
            if (s.length() <= 7) {
                break;
            }
        }
        return s;
    }
}
