package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The full exactly-once run of issue 4: 100,000 messages of 0 B to 1 MiB each way over a lossless
 * session, sockets cut at random at least 200 times (both directions, handshakes included), in crc
 * mode and in secure mode with cephx. Minutes long, so not part of {@code mvn verify} (the name
 * matches no Surefire pattern); run it with
 * <pre>cd bundles/io.inkwire.transport.netty && mvn -o verify -Dtest=ExactlyOnceSoak -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * {@code -Dsoak.messages=N} changes the count.
 */
class ExactlyOnceSoak {

    static final long MESSAGES = Long.getLong("soak.messages", 100_000);

    @Test
    void none_crc() throws Exception {
        ExactlyOnceRun.Result r = new ExactlyOnceRun(MESSAGES, "none", "crc", 1000, 21, 128).run(1800);
        System.out.println("SOAK lossless none+crc: " + r);
        assertTrue(r.cuts() >= 200, "only " + r.cuts() + " cuts: " + r);
    }

    @Test
    void cephx_secure() throws Exception {
        ExactlyOnceRun.Result r = new ExactlyOnceRun(MESSAGES, "cephx", "secure", 1000, 22, 128).run(1800);
        System.out.println("SOAK lossless cephx+secure: " + r);
        assertTrue(r.cuts() >= 200, "only " + r.cuts() + " cuts: " + r);
    }
}
