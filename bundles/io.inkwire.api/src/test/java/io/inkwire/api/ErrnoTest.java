package io.inkwire.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrnoTest {

    /** Expected texts are glibc 2.36's strerror (Debian 12), what Ceph's tools print on Linux. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|EPERM|Operation not permitted",
            "2|ENOENT|No such file or directory",
            "4|EINTR|Interrupted system call",
            "11|EAGAIN|Resource temporarily unavailable",
            "13|EACCES|Permission denied",
            "16|EBUSY|Device or resource busy",
            "17|EEXIST|File exists",
            "22|EINVAL|Invalid argument",
            "27|EFBIG|File too large",
            "28|ENOSPC|No space left on device",
            "34|ERANGE|Numerical result out of range",
            "35|EDEADLK|Resource deadlock avoided",
            "39|ENOTEMPTY|Directory not empty",
            "61|ENODATA|No data available",
            "75|EOVERFLOW|Value too large for defined data type",
            "85|ERESTART|Interrupted system call should be restarted",
            "95|EOPNOTSUPP|Operation not supported",
            "108|ESHUTDOWN|Cannot send after transport endpoint shutdown",
            "110|ETIMEDOUT|Connection timed out",
            "111|ECONNREFUSED|Connection refused",
            "122|EDQUOT|Disk quota exceeded",
            "125|ECANCELED|Operation canceled",
            "133|EHWPOISON|Memory page has hardware error",
    })
    void nameAndGlibcText(int number, String name, String text) {
        for (int n : new int[] {number, -number}) {
            Errno e = Errno.of(n);
            assertEquals(number, e.number());
            assertEquals(name, e.name());
            assertEquals(text, e.strerror());
            assertTrue(e.known());
        }
    }

    @Test
    void theTwoPrintedForms() {
        assertEquals("(2) No such file or directory", Errno.of(-2).cephStyle());
        assertEquals("EACCES -13", Errno.of(-13).shortForm());
        assertEquals("EOPNOTSUPP -95", Errno.of(95).shortForm());
        assertEquals("ENOENT (2) No such file or directory", Errno.ENOENT.toString());
    }

    @Test
    void cephNamesAreLinuxAliases() {
        assertSame(Errno.of(108), Errno.EBLOCKLISTED);
        assertEquals("ESHUTDOWN", Errno.EBLOCKLISTED.name());
        assertSame(Errno.of(-85), Errno.EOLDSNAPC);
    }

    @Test
    void numbersLinuxDoesNotDefineAreGlibcsUnknownError() {
        for (int n : new int[] {41, 58, 134, 4095}) {
            Errno e = Errno.of(-n);
            assertFalse(e.known(), "errno " + n);
            assertEquals("Unknown error " + n, e.strerror());
            assertEquals("(" + n + ") Unknown error " + n, e.cephStyle());
            assertEquals("errno -" + n, e.shortForm());
            assertEquals(e, Errno.of(n));
        }
        assertEquals("Unknown error -2147483648", Errno.of(Integer.MIN_VALUE).strerror());
        assertEquals("Success", Errno.of(0).strerror());
    }

    @Test
    void everyNumberUpTo133ButTheTwoGapsHasOneDistinctName() {
        Set<String> names = new HashSet<>();
        for (int n = 1; n <= 133; n++) {
            Errno e = Errno.of(n);
            assertEquals(n != 41 && n != 58, e.known(), "errno " + n);
            if (e.known()) {
                assertTrue(e.name().matches("E[A-Z0-9]+"), e.name());
                assertTrue(names.add(e.name()), "duplicate " + e.name());
                assertFalse(e.strerror().startsWith("Unknown"), e.name());
            }
        }
        assertEquals(131, names.size());
    }
}
