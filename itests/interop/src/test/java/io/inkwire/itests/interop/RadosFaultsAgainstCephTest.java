package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkwire.api.config.CephConfig;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * inkwire's RADOS client on a cluster that fails: three real OSDs and a monitor, with daemons killed
 * ({@code SIGKILL}), frozen ({@code SIGSTOP}) and revived under I/O by {@code scripts/ceph-lab kill|revive}.
 * What must hold is what Ceph's own client promises: an acknowledged write survives, a resent write is
 * applied once (the OSD recognises the op's reqid in its PG log), no op waits past
 * {@code rados_osd_op_timeout}, ops on a deleted pool end with ENOENT, and I/O to healthy OSDs does not
 * need the monitor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RadosFaultsAgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("faults", 13392, 16881).auth("cephx").osds(3);

    static RadosClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void pools() throws Exception {
        ok(LAB.ceph("osd", "pool", "create", "rep3", "8", "8", "replicated"));
        ok(LAB.ceph("osd", "pool", "set", "rep3", "size", "3"));
        ok(LAB.ceph("osd", "pool", "set", "rep3", "min_size", "2"));
        ok(LAB.ceph("osd", "pool", "application", "enable", "rep3", "rados"));
        client = connect(CephConfig.empty());
        LAB.waitForIo("rep3");
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static RadosClient connect(CephConfig overrides) throws Exception {
        return Rados.connect(Providers.transport(), Providers.forLab(LAB.conf(), overrides).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(60));
    }

    static void ok(CephLab.Result r) {
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    static CephLab.Result rados(String... args) throws Exception {
        return LAB.rados(args);
    }


    static String osdOf(String pool, String oid) throws RadosException {
        return "osd." + client.locate(pool, "", null, oid).actingPrimary();
    }

    /** Sequential appends to one object: one in flight at a time, so their order on the OSD is known. */
    static final class Appender implements Runnable {
        final IoCtx io;
        final String oid;
        final AtomicBoolean stop;
        final ByteArrayOutputStream acknowledged = new ByteArrayOutputStream();
        volatile Throwable failure;

        Appender(IoCtx io, String oid, AtomicBoolean stop) {
            this.io = io;
            this.oid = oid;
            this.stop = stop;
        }

        @Override
        public void run() {
            try {
                for (int seq = 0; !stop.get(); seq++) {
                    byte[] record = String.format("%s %08d\n", oid, seq).getBytes(StandardCharsets.US_ASCII);
                    // no op timeout on this client: a write waits for the cluster, as Ceph's default (0) does
                    io.append(oid, ByteBuffer.wrap(record)).toCompletableFuture().get(150, TimeUnit.SECONDS);
                    acknowledged.write(record);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** Several {@link Appender}s on fresh objects, each on a thread of its own, until {@link #stopAndJoin}. */
    static final class AppendStreams {
        final List<Appender> appenders = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();

        AppendStreams(IoCtx io, String prefix, int n) throws Exception {
            for (int i = 0; i < n; i++) {
                Appender a = new Appender(io, prefix + i, stop);
                io.remove(a.oid).toCompletableFuture().handle((r, e) -> null).get();
                appenders.add(a);
                Thread t = new Thread(a, prefix + "appender-" + i);
                t.start();
                threads.add(t);
            }
        }

        /** Stops them; each must end (no append left waiting) without a failure. */
        void stopAndJoin() throws Exception {
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(160));
                assertFalse(t.isAlive(), t.getName() + " still waits for an append");
            }
            for (Appender a : appenders) {
                if (a.failure != null) {
                    throw new AssertionError(a.oid + ": an append failed", a.failure);
                }
            }
        }

        long acknowledged() {
            return appenders.stream().mapToLong(a -> a.acknowledged.size() / (a.oid.length() + " 00000000\n".length())).sum();
        }
    }

    @Test
    @Order(1)
    void an_osd_killed_under_appends_keeps_every_acknowledged_append_exactly_once() throws Exception {
        IoCtx io = client.ioCtx("rep3");
        AppendStreams streams = new AppendStreams(io, "stream-", 6);
        String victim = osdOf("rep3", "stream-0"); // the primary that stream-0 is writing to right now
        long resentBefore = client.counters().getOpsResent();
        Thread.sleep(2000);
        LAB.signal(victim, "KILL");
        Thread.sleep(8000);
        LAB.revive(victim);
        Thread.sleep(4000);
        streams.stopAndJoin();
        long resent = client.counters().getOpsResent() - resentBefore;
        assertTrue(resent > 0, "the kill of " + victim + " resent no op: it tested nothing");
        System.out.printf("%s killed and revived under 6 append streams: %d appends acknowledged, %d ops resent%n", victim,
                streams.acknowledged(), resent);
        for (Appender a : streams.appenders) {
            byte[] expected = a.acknowledged.toByteArray();
            assertTrue(expected.length > 0, a.oid + " got no append acknowledged");
            byte[] ours = bytes(io.read(a.oid, 0, 0).toCompletableFuture().get(60, TimeUnit.SECONDS));
            assertArrayEquals(expected, ours, a.oid + " as inkwire reads it: a lost or a doubled append");
            Path f = dir.resolve(a.oid);
            ok(rados("-p", "rep3", "get", a.oid, f.toString()));
            assertArrayEquals(expected, Files.readAllBytes(f), a.oid + " as Ceph's rados reads it");
        }
    }

    @Test
    @Order(2)
    void an_op_that_gets_no_reply_fails_with_ETIMEDOUT_after_rados_osd_op_timeout() throws Exception {
        try (RadosClient timed = connect(CephConfig.of(Map.of("rados_osd_op_timeout", "3")))) {
            IoCtx io = timed.ioCtx("test");
            Rados.await(io.writeFull("frozen", ByteBuffer.wrap(new byte[] {1, 2, 3})));
            String osd = "osd." + timed.locate("test", "", null, "frozen").actingPrimary();
            LAB.signal(osd, "STOP");
            try {
                for (boolean write : new boolean[] {true, false}) {
                    long t0 = System.nanoTime();
                    CompletableFuture<?> op = write
                            ? io.writeFull("frozen", ByteBuffer.wrap(new byte[] {4})).toCompletableFuture()
                            : io.read("frozen", 0, 0).toCompletableFuture();
                    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                            () -> op.get(30, TimeUnit.SECONDS));
                    double took = (System.nanoTime() - t0) / 1e9;
                    RadosException re = Rados.unwrap(e);
                    assertEquals(110, re.errno(), re.getMessage());
                    assertEquals("frozen", re.object());
                    assertTrue(took >= 2.5 && took < 15, (write ? "write" : "read") + " ended after " + took + " s, not at the 3 s timeout");
                }
            } finally {
                LAB.signal(osd, "CONT");
            }
            // thawed, the OSD reads what waited in its socket: the write that timed out in the client is
            // applied after all (ETIMEDOUT says "no answer", not "not done", as with librados)
            assertArrayEquals(new byte[] {4}, bytes(Rados.await(io.read("frozen", 0, 0))));
        }
    }

    @Test
    @Order(2)
    void an_op_unanswered_past_objecter_timeout_is_counted_laggy_and_completes_once_the_osd_thaws() throws Exception {
        try (RadosClient lagging = connect(CephConfig.of(Map.of("objecter_timeout", "2")))) {
            IoCtx io = lagging.ioCtx("rep3");
            Rados.await(io.writeFull("laggy", ByteBuffer.wrap(new byte[] {1})));
            assertEquals(0, lagging.counters().getLaggyOps());
            String osd = "osd." + lagging.locate("rep3", "", null, "laggy").actingPrimary();
            CompletableFuture<?> write;
            LAB.signal(osd, "STOP");
            try {
                write = io.writeFull("laggy", ByteBuffer.wrap(new byte[] {2})).toCompletableFuture();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (lagging.counters().getLaggyOps() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(1, lagging.counters().getLaggyOps(), "the write to the frozen " + osd + " is laggy");
                assertEquals(1, lagging.counters().getLaggyOsds());
                assertFalse(write.isDone());
            } finally {
                LAB.signal(osd, "CONT");
            }
            write.get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lagging.counters().getLaggyOps() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, lagging.counters().getLaggyOps(), "answered: laggy no longer");
            // the OSD took the MPing on the session the write was answered on, and the session lives on
            assertEquals(1, lagging.counters().getOsdSessions());
            assertArrayEquals(new byte[] {2}, bytes(Rados.await(io.read("laggy", 0, 0))));
        }
    }

    @Test
    @Order(2)
    void a_write_held_in_the_client_past_objecter_timeout_says_why_once() throws Exception {
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.inkwire.rados.internal.Objecter");
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING && r.getMessage().contains("rep3/held ")) {
                    said.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try (RadosClient held = connect(CephConfig.of(Map.of("objecter_timeout", "2")))) {
            IoCtx io = held.ioCtx("rep3");
            Rados.await(io.writeFull("held", ByteBuffer.wrap(new byte[] {1})));
            CompletableFuture<?> write;
            ok(LAB.ceph("osd", "pause")); // pauserd and pausewr
            try {
                Rados.await(held.waitForMap(mapEpoch()));
                write = io.writeFull("held", ByteBuffer.wrap(new byte[] {2})).toCompletableFuture();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (said.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(2500); // two more ticks: it is said once
                assertEquals(1, said.size(), "what the client said: " + said);
                assertTrue(said.get(0).matches("op \\d+ rep3/held .* held \\d+ ms: writes paused \\(pausewr\\), map e\\d+"), said.get(0));
                assertFalse(write.isDone());
            } finally {
                ok(LAB.ceph("osd", "unpause"));
            }
            write.get(30, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {2}, bytes(Rados.await(io.read("held", 0, 0))));
        } finally {
            log.removeHandler(h);
        }
    }

    @Test
    @Order(3)
    void ops_in_flight_on_a_pool_that_is_deleted_each_end_with_ENOENT() throws Exception {
        ok(LAB.ceph("osd", "pool", "create", "doomed", "8", "8", "replicated"));
        ok(LAB.ceph("osd", "pool", "set", "doomed", "size", "1", "--yes-i-really-mean-it"));
        LAB.waitForIo("doomed");
        Rados.await(client.waitForMap(mapEpoch()));
        IoCtx io = client.ioCtx("doomed");
        Rados.await(io.writeFull("present", ByteBuffer.wrap(new byte[] {9})));
        // pause: the ops below wait in the client (PAUSERD/PAUSEWR) while the pool goes away
        ok(LAB.ceph("osd", "pause"));
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        try {
            waitUntilPaused();
            for (int i = 0; i < 10; i++) {
                inFlight.add(io.writeFull("w" + i, ByteBuffer.wrap(new byte[] {(byte) i})).toCompletableFuture());
                inFlight.add(io.read("present", 0, 0).toCompletableFuture());
            }
            Thread.sleep(500);
            for (CompletableFuture<?> f : inFlight) {
                assertFalse(f.isDone(), "an op ended while the cluster was paused: " + f);
            }
            ok(LAB.ceph("osd", "pool", "delete", "doomed", "doomed", "--yes-i-really-really-mean-it"));
        } finally {
            ok(LAB.ceph("osd", "unpause"));
        }
        for (CompletableFuture<?> f : inFlight) {
            try {
                f.get(60, TimeUnit.SECONDS);
                fail("an op on the deleted pool succeeded");
            } catch (ExecutionException e) {
                RadosException re = Rados.unwrap(e);
                assertEquals(2, re.errno(), re.getMessage());
                assertEquals("doomed", re.pool());
            } catch (TimeoutException e) {
                fail("an op on the deleted pool still waits after 60 s");
            }
        }
        assertTrue(client.pools().stream().noneMatch(p -> p.name().equals("doomed")));
    }

    /** Until the client's map carries the pause flags (so ops made now are held in the client). */
    private static void waitUntilPaused() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String dump;
        do {
            dump = LAB.ceph("osd", "dump", "-f", "json").out();
            Thread.sleep(100);
        } while (!dump.contains("pauserd") && System.nanoTime() < until);
        assertTrue(dump.contains("pauserd"), "the map never carried pauserd");
        Rados.await(client.waitForMap(mapEpoch()));
    }

    /** The monitor's OSDMap epoch now. */
    private static long mapEpoch() throws Exception {
        CephLab.Result r = LAB.ceph("osd", "dump", "-f", "json");
        ok(r);
        return new ObjectMapper().readTree(r.out()).path("epoch").asLong();
    }

    @Test
    @Order(4)
    void io_to_healthy_osds_goes_on_while_the_monitor_is_stopped() throws Exception {
        IoCtx io = client.ioCtx("rep3");
        LAB.signal("mon.a", "STOP");
        try {
            // objects on every PG: sessions to every OSD, the ones open already and ones opened now
            long t0 = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                byte[] b = ("while the monitor sleeps " + i).getBytes(StandardCharsets.US_ASCII);
                Rados.await(io.writeFull("nomon-" + i, ByteBuffer.wrap(b)));
                assertArrayEquals(b, bytes(Rados.await(io.read("nomon-" + i, 0, 0))));
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60), "I/O crawled without the monitor");
        } finally {
            LAB.signal("mon.a", "CONT");
        }
        assertEquals(0, LAB.ceph("-s").exit(), "the monitor is back");
    }

    /**
     * A real OSD's MOSDBackoff: with {@code osd_backoff_on_peering} the primary of a PG being
     * re-peered ({@code ceph pg repeer}) tells the client to hold its ops to that PG, drops them,
     * and unblocks when the PG is active; the client must hold, then resend, and lose or double
     * nothing. Repeered until a block arrives (a bounded number of times).
     */
    @Test
    @Order(5)
    void ops_held_by_an_osds_backoff_while_a_pg_peers_are_resent_on_unblock_exactly_once() throws Exception {
        ok(LAB.ceph("config", "set", "osd", "osd_backoff_on_peering", "true"));
        try {
            IoCtx io = client.ioCtx("rep3");
            AppendStreams streams = new AppendStreams(io, "backoff-", 4);
            long before = client.counters().getBackoffsReceived();
            io.inkwire.rados.placement.ObjectPlacement where = client.locate("rep3", "", null, "backoff-0");
            String pg = where.poolId() + "." + Integer.toHexString(where.pgSeed());
            for (int round = 0; round < 30 && client.counters().getBackoffsReceived() == before; round++) {
                Thread.sleep(300);
                ok(LAB.ceph("pg", "repeer", pg));
                Thread.sleep(700);
            }
            Thread.sleep(1000);
            streams.stopAndJoin();
            long backoffs = client.counters().getBackoffsReceived() - before;
            assertTrue(backoffs > 0, "pg " + pg + " repeered 30 times and no OSD sent a backoff: nothing was tested");
            for (Appender a : streams.appenders) {
                byte[] expected = a.acknowledged.toByteArray();
                assertArrayEquals(expected, bytes(io.read(a.oid, 0, 0).toCompletableFuture().get(60, TimeUnit.SECONDS)),
                        a.oid + ": a lost or a doubled append across " + backoffs + " backoffs");
            }
            System.out.printf("pg %s repeered under 4 append streams: %d backoffs received%n", pg, backoffs);
        } finally {
            ok(LAB.ceph("config", "rm", "osd", "osd_backoff_on_peering"));
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
