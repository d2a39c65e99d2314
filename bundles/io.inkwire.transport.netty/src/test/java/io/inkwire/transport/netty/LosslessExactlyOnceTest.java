package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Exactly-once, in order, across cut sockets: the small version of the soak run
 * ({@link ExactlyOnceSoak}), in both crc and secure mode. Each run has a fixed seed (contents and
 * both fault injectors), named in every failure. The lower bound on cuts holds whatever the
 * timing: with seed 11 the two injector streams have 28 + 22 hits among their first 5,000 draws
 * at 1 in 300, with seed 12 14 + 18 among their first 2,000 at 1 in 120, and each side draws at
 * least once per message it writes.
 */
class LosslessExactlyOnceTest {

    @Test
    void none_crc_5000_messages_survive_at_least_30_cuts() throws Exception {
        ExactlyOnceRun run = new ExactlyOnceRun(5_000, "none", "crc", 300, 11, 64);
        ExactlyOnceRun.Result r = run.run(120);
        System.out.println(run + ": " + r);
        assertTrue(r.cuts() >= 30, run + ": only " + r.cuts() + " cuts: " + r);
        assertTrue(r.reconnects() >= 15, run + ": only " + r.reconnects() + " reconnects: " + r);
    }

    @Test
    void cephx_secure_2000_messages_survive_at_least_30_cuts() throws Exception {
        ExactlyOnceRun run = new ExactlyOnceRun(2_000, "cephx", "secure", 120, 12, 64);
        ExactlyOnceRun.Result r = run.run(120);
        System.out.println(run + ": " + r);
        assertTrue(r.cuts() >= 30, run + ": only " + r.cuts() + " cuts: " + r);
        assertTrue(r.reconnects() >= 15, run + ": only " + r.reconnects() + " reconnects: " + r);
    }
}
