package io.inkwire.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as a C++ program prints them, for the tools whose output inkwire mirrors
 * ({@code rados bench} in {@code src/common/obj_bencher.cc}): a {@code double} written to an
 * {@code ostream} with its default flags and precision 6 (printf's {@code %g}: six significant
 * digits, no trailing zeros, an exponent of at least two digits outside 1e-4 ≤ |x| < 1e6), and
 * printf's {@code %f} (six decimals). Rounding is glibc's: the double's exact binary value,
 * rounded half to even.
 */
final class CppFormat {

    private static final int PRECISION = 6;

    private CppFormat() {
    }

    /** {@code os << d} with the stream's defaults. */
    static String g(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(PRECISION, RoundingMode.HALF_EVEN));
        // the decimal exponent of the rounded value: 1234.5 -> 3
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= PRECISION) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String m = stripZeros(mantissa.setScale(PRECISION - 1, RoundingMode.HALF_EVEN).toPlainString());
            String e = String.valueOf(Math.abs(exponent));
            return m + (exponent < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
        }
        int decimals = Math.max(0, PRECISION - 1 - exponent);
        return stripZeros(rounded.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
    }

    /** printf's {@code %f}. */
    static String f(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return (d == 0 && 1 / d < 0) ? "-" + s : s;
    }

    /** {@code os << setw(width) << s}: right-aligned, padded with spaces, never cut. */
    static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
