package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Exactly-once, in order, across cut sockets: the small version of the soak run
 * ({@link ExactlyOnceSoak}), in both crc and secure mode.
 */
class LosslessExactlyOnceTest {

    @Test
    void none_crc_5000_messages_survive_at_least_30_cuts() throws Exception {
        ExactlyOnceRun.Result r = new ExactlyOnceRun(5_000, "none", "crc", 300, 11, 64).run(120);
        System.out.println("lossless none+crc: " + r);
        assertTrue(r.cuts() >= 30, "only " + r.cuts() + " cuts: " + r);
        assertTrue(r.reconnects() >= 15, "only " + r.reconnects() + " reconnects: " + r);
    }

    @Test
    void cephx_secure_2000_messages_survive_at_least_30_cuts() throws Exception {
        ExactlyOnceRun.Result r = new ExactlyOnceRun(2_000, "cephx", "secure", 120, 12, 64).run(120);
        System.out.println("lossless cephx+secure: " + r);
        assertTrue(r.cuts() >= 30, "only " + r.cuts() + " cuts: " + r);
        assertTrue(r.reconnects() >= 15, "only " + r.reconnects() + " reconnects: " + r);
    }
}
