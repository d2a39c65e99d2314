package io.inkwire.monclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.api.Errno;
import org.junit.jupiter.api.Test;

/** A failed command reads as the monitor's status line and the errno in the project's one wording. */
class MonCommandExceptionTest {

    @Test
    void statusLineAndErrno() {
        MonCommandException e = new MonCommandException(-2, "pool 'nope' does not exist");
        assertEquals("pool 'nope' does not exist (ENOENT -2)", e.getMessage());
        assertEquals(-2, e.r());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void noStatusLineGivesTheErrnosText() {
        assertEquals("the monitor refused the command: Operation not supported (EOPNOTSUPP -95)",
                new MonCommandException(-95, "").getMessage());
        assertEquals("the monitor refused the command: Unknown error 4095 (errno -4095)",
                new MonCommandException(-4095, null).getMessage());
    }
}
