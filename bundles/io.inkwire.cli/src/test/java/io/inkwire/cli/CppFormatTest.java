package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are glibc's printf("%g") and printf("%f") of the same doubles. */
class CppFormatTest {

    @Test
    void gIsSixSignificantDigitsWithoutTrailingZeros() {
        assertEquals("13.542", CppFormat.g(13.542));
        assertEquals("0.00512435", CppFormat.g(0.00512435));
        assertEquals("13.5469", CppFormat.g(13.546875));
        assertEquals("3390", CppFormat.g(3390.0));
        assertEquals("0.3", CppFormat.g(0.1 + 0.2));
        assertEquals("0.5", CppFormat.g(0.5));
        assertEquals("100", CppFormat.g(100.0));
        assertEquals("-1", CppFormat.g(-1.0));
        assertEquals("0", CppFormat.g(0.0));
        assertEquals("0.0001", CppFormat.g(0.0001));
        assertEquals("0.0001", CppFormat.g(9.999995e-05));
    }

    @Test
    void gSwitchesToAnExponentOutsideItsRange() {
        assertEquals("1.79769e+308", CppFormat.g(Double.MAX_VALUE));
        assertEquals("5e-05", CppFormat.g(5e-05));
        assertEquals("2.5e-07", CppFormat.g(2.5e-7));
        assertEquals("1.23457e+06", CppFormat.g(1234567));
        assertEquals("1.23457e+10", CppFormat.g(12345678901.0));
        assertEquals("1e+15", CppFormat.g(1e15));
        assertEquals("1e+06", CppFormat.g(999999.5), "rounding up reaches the next power of ten");
    }

    @Test
    void gRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("123456", CppFormat.g(123456.5));
        assertEquals("123458", CppFormat.g(123457.5));
    }

    @Test
    void fHasSixDecimals() {
        assertEquals("0.005124", CppFormat.f(0.00512435));
        assertEquals("0.000050", CppFormat.f(5e-05));
        assertEquals("999999.500000", CppFormat.f(999999.5));
        assertEquals("-1.000000", CppFormat.f(-1.0));
        assertEquals("0.000000", CppFormat.f(0));
        assertEquals("0.000000", CppFormat.f(2.5e-7));
    }

    @Test
    void rightPadsLikeSetw() {
        assertEquals("    0", CppFormat.right("0", 5));
        assertEquals("0.000902864", CppFormat.right("0.000902864", 9), "setw never cuts");
    }
}
