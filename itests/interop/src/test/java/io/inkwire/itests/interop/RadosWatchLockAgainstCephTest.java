package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkwire.api.config.CephConfig;
import io.inkwire.codec.osd.ClsLock;
import io.inkwire.codec.osd.LockInfo;
import io.inkwire.codec.osd.LockType;
import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.codec.osd.WatchersResponse;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Notification;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.Watch;
import io.inkwire.rados.WatchCallback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch/notify and advisory locks of inkwire's RADOS client against three real OSDs, checked against
 * Ceph's own {@code rados watch}, {@code notify}, {@code listwatchers} and {@code lock …} in both
 * directions: notifications and their acks cross between the two clients, locks taken by one block the
 * other, the CLI prints what {@code rados} prints, and a watch outlives the restart of its OSD (as
 * Ceph's does: reconnected, no error) and the loss of its registration (told, then registered again).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RadosWatchLockAgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("watchlock", 13400, 16889).auth("cephx").osds(3);

    static final String POOL = "rep3";
    static final ObjectMapper JSON = new ObjectMapper();

    static RadosClient client;
    static IoCtx io;
    static long gid;

    @TempDir
    Path dir;

    @BeforeAll
    static void pool() throws Exception {
        ok(LAB.ceph("osd", "pool", "create", POOL, "8", "8", "replicated"));
        ok(LAB.ceph("osd", "pool", "set", POOL, "size", "3"));
        ok(LAB.ceph("osd", "pool", "set", POOL, "min_size", "2"));
        ok(LAB.ceph("osd", "pool", "application", "enable", POOL, "rados"));
        client = Rados.connect(Providers.transport(), Providers.forLab(LAB.conf(), CephConfig.empty()).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(60));
        io = client.ioCtx(POOL);
        gid = client.monClient().session().info().orElseThrow().globalId();
        LAB.waitForIo(POOL);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    // ------------------------------------------------------------------ watch / notify

    @Test
    @Order(1)
    void inkwire_notifies_and_cephs_rados_watch_receives_and_acks_with_its_payload() throws Exception {
        object("n1");
        try (CephWatch theirs = CephWatch.start("n1")) {
            WatchersResponse.Watcher w = single(Rados.await(io.listWatchers("n1")));
            ByteBuffer payload = ByteBuffer.wrap("from inkwire".getBytes(StandardCharsets.UTF_8));
            NotifyResult r = Rados.await(io.notify("n1", payload, Duration.ofSeconds(10)));
            assertEquals(List.of(), r.missed());
            assertEquals(1, r.acks().size(), String.valueOf(r.acks()));
            NotifyResult.Watcher who = r.acks().firstKey();
            assertEquals(new NotifyResult.Watcher(w.entityNum(), w.cookie()), who);
            // RadosWatchCtx acks with the payload it got
            assertArrayEquals("from inkwire".getBytes(StandardCharsets.UTF_8), bytes(r.acks().get(who)));
            String line = theirs.await(l -> l.startsWith("NOTIFY "));
            assertTrue(line.matches("NOTIFY cookie " + Long.toUnsignedString(w.cookie()) + " notify_id \\d+ from " + gid), line);
            // (the hexdump after it stays in rados' stdout buffer until its next line: the ack above shows the payload)
        }
    }

    @Test
    @Order(2)
    void rados_notify_reaches_an_inkwire_watch_and_its_reply_comes_back() throws Exception {
        object("n2");
        BlockingQueue<Notification> got = new LinkedBlockingQueue<>();
        ByteBuffer reply = ByteBuffer.wrap("ack from inkwire".getBytes(StandardCharsets.UTF_8));
        Watch w = Rados.await(io.watch("n2", new WatchCallback() {
            @Override
            public void onNotify(Watch watch, Notification n) {
                got.add(n);
                watch.ack(n, reply.duplicate());
            }
        }));
        try {
            CephLab.Result theirs = rados("notify", "n2", "hello");
            ok(theirs);
            Notification n = got.poll(10, TimeUnit.SECONDS);
            assertTrue(n != null, "the watch got no notification");
            assertEquals(w.cookie(), n.cookie());
            assertArrayEquals(cephString("hello"), bytes(n.payload()), "rados notify sends encode(std::string)");
            assertTrue(n.notifierGid() > 0 && n.notifierGid() != gid, "notifier " + n.notifierGid());
            assertTrue(theirs.out().startsWith("reply client." + gid + " cookie " + w.cookie() + " : 16 bytes\n"), theirs.out());
            assertTrue(theirs.out().contains("|ack from inkwire|"), theirs.out());
            // the CLI prints the same replies as rados does
            CephLab.Result mine = inkwire("notify", "n2", "hello");
            assertEquals(theirs.exit(), mine.exit(), mine.err());
            assertEquals(theirs.out(), mine.out());
            Notification second = got.poll(10, TimeUnit.SECONDS);
            assertTrue(second != null && second.notifyId() != n.notifyId(), "the CLI's notify did not arrive as a new one");
            assertTrue(w.check().compareTo(Duration.ofSeconds(30)) < 0, "check: " + w.check());
        } finally {
            Rados.await(w.unwatch());
        }
        assertEquals("", rados("listwatchers", "n2").out(), "unwatch left the watch on the OSD");
    }

    @Test
    @Order(3)
    void listwatchers_agree_between_rados_and_inkwire() throws Exception {
        object("n3");
        Watch w = Rados.await(io.watch("n3", (watch, n) -> watch.ack(n, ByteBuffer.allocate(0))));
        try (CephWatch theirs = CephWatch.start("n3")) {
            CephLab.Result r = rados("listwatchers", "n3");
            ok(r);
            CephLab.Result mine = inkwire("listwatchers", "n3");
            assertEquals(0, mine.exit(), mine.err());
            assertEquals(r.out(), mine.out());
            assertEquals(2, r.out().lines().count(), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.matches("watcher=127\\.0\\.0\\.1:\\d+/\\d+ client\\." + gid + " cookie=" + w.cookie())),
                    r.out());
            List<WatchersResponse.Watcher> api = Rados.await(io.listWatchers("n3"));
            assertTrue(api.stream().anyMatch(x -> x.entityNum() == gid && x.cookie() == w.cookie()), String.valueOf(api));
        } finally {
            Rados.await(w.unwatch());
        }
        // failures read the same
        CephLab.Result theirs = rados("listwatchers", "nothing-here");
        CephLab.Result mine = inkwire("listwatchers", "nothing-here");
        assertEquals(1, theirs.exit());
        assertEquals(theirs.exit(), mine.exit());
        assertEquals(theirs.err().strip(), mine.err().strip());
        RadosException e = assertThrows(RadosException.class, () -> Rados.await(io.watch("nothing-here", (x, n) -> { })));
        assertEquals(2, e.errno(), e.getMessage());
        theirs = withoutInput(radosCommand("watch", "nothing-here"));
        mine = withoutInput(Inkwire.command(inkwireArgs("watch", "nothing-here")));
        assertEquals(1, theirs.exit(), theirs.out() + theirs.err());
        assertEquals(theirs.exit(), mine.exit());
        assertEquals(theirs.err().strip(), mine.err().strip());
    }

    @Test
    @Order(4)
    void a_watcher_that_does_not_answer_is_reported_timed_out() throws Exception {
        object("n4");
        Watch silent = Rados.await(io.watch("n4", (watch, n) -> { }));
        try {
            NotifyResult r = Rados.await(io.notify("n4", ByteBuffer.allocate(0), Duration.ofSeconds(2)));
            assertEquals(List.of(new NotifyResult.Watcher(gid, silent.cookie())), r.missed());
            assertTrue(r.acks().isEmpty(), String.valueOf(r.acks()));
            CephLab.Result theirs = rados("notify", "n4", "anyone");
            CephLab.Result mine = inkwire("notify", "n4", "anyone");
            assertEquals(1, theirs.exit(), theirs.out() + theirs.err());
            assertEquals(theirs.exit(), mine.exit());
            assertEquals("timeout client." + gid + " cookie " + silent.cookie() + "\n", theirs.out());
            assertEquals(theirs.out(), mine.out());
            assertEquals(theirs.err(), mine.err());
        } finally {
            silent.close();
        }
    }

    @Test
    @Order(5)
    void a_watch_the_osd_dropped_is_told_and_registered_again_with_the_same_cookie() throws Exception {
        object("n5");
        BlockingQueue<RadosException> errors = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> got = new LinkedBlockingQueue<>();
        Watch w = Rados.await(io.watch("n5", new WatchCallback() {
            @Override
            public void onNotify(Watch watch, Notification n) {
                got.add(n);
                watch.ack(n, ByteBuffer.wrap(new byte[] {42}));
            }

            @Override
            public void onError(Watch watch, RadosException error) {
                errors.add(error);
            }
        }));
        try (CephWatch theirs = CephWatch.start("n5")) {
            // removing the object removes its watches: both clients are told
            ok(rados("rm", "n5"));
            RadosException e = errors.poll(20, TimeUnit.SECONDS);
            assertTrue(e != null, "no error after the watched object was removed");
            assertEquals(107, e.errno(), e.getMessage());
            assertEquals(107, assertThrows(RadosException.class, w::check).errno());
            theirs.await(l -> l.equals("ERROR cookie " + Long.toUnsignedString(theirs.cookie) + " err (107) Transport endpoint is not connected"));
            // the object is back: inkwire registers the watch again (librados would leave that to the application)
            object("n5");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    w.check();
                    break;
                } catch (RadosException stillLost) {
                    assertTrue(System.nanoTime() < until, "the watch was not registered again: " + stillLost.getMessage());
                    Thread.sleep(250);
                }
            }
            CephLab.Result listed = rados("listwatchers", "n5");
            assertEquals("watcher", listed.out().substring(0, 7), listed.out());
            assertTrue(listed.out().contains("client." + gid + " cookie=" + w.cookie() + "\n"), "the same cookie: " + listed.out());
            CephLab.Result n = rados("notify", "n5", "again");
            ok(n);
            assertTrue(n.out().startsWith("reply client." + gid + " cookie " + w.cookie() + " : 1 bytes\n"), n.out());
            assertArrayEquals(cephString("again"), bytes(got.poll(10, TimeUnit.SECONDS).payload()));
            assertEquals(List.of(), new ArrayList<>(errors), "one error told, not one per retry");
        } finally {
            Rados.await(w.unwatch());
        }
    }

    // ------------------------------------------------------------------ locks

    @Test
    @Order(6)
    void a_lock_taken_by_inkwire_is_listed_by_rados_and_blocks_its_exclusive_lock() throws Exception {
        object("l1");
        Rados.await(io.lockExclusive("l1", "lk", "ink-cookie", "", "held by inkwire", Duration.ZERO, 0));
        CephLab.Result list = rados("lock", "list", "l1");
        ok(list);
        assertEquals("{\"objname\":\"l1\",\"locks\":[{\"name\":\"lk\"}]}", list.out());
        CephLab.Result info = rados("lock", "info", "l1", "lk");
        ok(info);
        JsonNode locker = JSON.readTree(info.out()).path("lockers").path(0);
        assertEquals("exclusive", JSON.readTree(info.out()).path("type").asText());
        assertEquals("client." + gid, locker.path("name").asText());
        assertEquals("ink-cookie", locker.path("cookie").asText());
        assertEquals("held by inkwire", locker.path("description").asText());
        assertEquals("0.000000", locker.path("expiration").asText());
        for (String f : List.of("json", "json-pretty")) {
            CephLab.Result theirs = rados("-f", f, "lock", "info", "l1", "lk");
            CephLab.Result mine = inkwire("-f", f, "lock", "info", "l1", "lk");
            assertEquals(0, mine.exit(), mine.err());
            assertEquals(theirs.out(), mine.out(), "-f " + f);
        }
        assertEquals(list.out(), inkwire("lock", "list", "l1").out());

        CephLab.Result refused = rados("lock", "get", "l1", "lk", "--lock-cookie", "ceph-cookie");
        assertEquals(1, refused.exit());
        assertEquals("ERROR: failed locking: (16) Device or resource busy\nerror 16: (16) Device or resource busy\n", refused.err());
        CephLab.Result mine = inkwire("lock", "get", "l1", "lk", "--lock-cookie", "ceph-cookie");
        assertEquals(refused.exit(), mine.exit());
        assertEquals(refused.err(), mine.err());
        // the same client and cookie again: EEXIST, unless renewing
        assertEquals(17, assertThrows(RadosException.class,
                () -> Rados.await(io.lockExclusive("l1", "lk", "ink-cookie", "", "", Duration.ZERO, 0))).errno());
        Rados.await(io.lockExclusive("l1", "lk", "ink-cookie", "", "", Duration.ZERO, ClsLock.LOCK_FLAG_MAY_RENEW));
        Rados.await(io.unlock("l1", "lk", "ink-cookie"));
        ok(rados("lock", "get", "l1", "lk", "--lock-cookie", "ceph-cookie"));
        assertEquals(2, assertThrows(RadosException.class, () -> Rados.await(io.unlock("l1", "lk", "ink-cookie"))).errno());
    }

    @Test
    @Order(7)
    void a_lock_taken_by_rados_blocks_inkwire_and_lock_break_frees_it() throws Exception {
        object("l2");
        ok(rados("lock", "get", "l2", "lk", "--lock-cookie", "theirs", "--lock-tag", "t1", "--lock-description", "ceph's"));
        RadosException busy = assertThrows(RadosException.class,
                () -> Rados.await(io.lockExclusive("l2", "lk", "mine", "t1", "", Duration.ZERO, 0)));
        assertEquals(16, busy.errno(), busy.getMessage());
        LockInfo info = Rados.await(io.getLockInfo("l2", "lk"));
        assertEquals(LockType.EXCLUSIVE, info.type());
        assertEquals("t1", info.tag());
        assertEquals(1, info.lockers().size());
        LockInfo.Locker holder = info.lockers().get(0);
        assertEquals("theirs", holder.cookie());
        assertEquals("ceph's", holder.description());
        assertTrue(holder.entity().startsWith("client."), holder.entity());
        assertFalse(holder.entity().equals("client." + gid));
        // a bogus locker name, and a locker that holds nothing: rados' words and status
        for (List<String> cmd : List.of(List.of("lock", "break", "l2", "lk", "bogus", "--lock-cookie", "theirs"),
                List.of("lock", "break", "l2", "lk", "client.999999", "--lock-cookie", "theirs"),
                List.of("lock", "get", "l2", "lk", "--lock-type", "sideways"),
                List.of("lock", "get", "l2", "lk", "--lock-duration", "soon"),
                List.of("lock", "list", "nothing-here"))) {
            CephLab.Result theirs = rados(cmd.toArray(new String[0]));
            CephLab.Result mine = inkwire(cmd.toArray(new String[0]));
            assertEquals(1, theirs.exit(), cmd + ": " + theirs.err());
            assertEquals(theirs.exit(), mine.exit(), cmd + ": " + mine.err());
            assertEquals(theirs.err(), mine.err(), String.valueOf(cmd));
        }
        Rados.await(io.breakLock("l2", "lk", holder.entity(), "theirs"));
        assertEquals(List.of(), Rados.await(io.getLockInfo("l2", "lk")).lockers());
        Rados.await(io.lockExclusive("l2", "lk", "mine", "t1", "", Duration.ZERO, 0));
        // and the reverse: rados breaks inkwire's hold
        ok(rados("lock", "break", "l2", "lk", "client." + gid, "--lock-cookie", "mine"));
        assertEquals(2, assertThrows(RadosException.class, () -> Rados.await(io.unlock("l2", "lk", "mine"))).errno());
        // inkwire's CLI breaks a hold of rados' too
        ok(rados("lock", "get", "l2", "lk", "--lock-cookie", "c9"));
        String who = JSON.readTree(rados("lock", "info", "l2", "lk").out()).path("lockers").path(0).path("name").asText();
        CephLab.Result broke = inkwire("lock", "break", "l2", "lk", who, "--lock-cookie", "c9");
        assertEquals(0, broke.exit(), broke.err());
        assertEquals("[]", JSON.readTree(rados("lock", "info", "l2", "lk").out()).path("lockers").toString());
    }

    @Test
    @Order(8)
    void shared_locks_share_and_a_lock_with_a_duration_expires() throws Exception {
        object("l3");
        Rados.await(io.lockShared("l3", "sh", "a", "tag", "", Duration.ZERO, 0));
        ok(rados("lock", "get", "l3", "sh", "--lock-type", "shared", "--lock-cookie", "b", "--lock-tag", "tag"));
        assertEquals(1, rados("lock", "get", "l3", "sh", "--lock-type", "shared", "--lock-cookie", "c", "--lock-tag", "other").exit(),
                "another tag is refused");
        assertEquals(1, rados("lock", "get", "l3", "sh", "--lock-cookie", "d").exit(), "exclusive over shared is refused");
        LockInfo info = Rados.await(io.getLockInfo("l3", "sh"));
        assertEquals(LockType.SHARED, info.type());
        assertEquals(2, info.lockers().size(), String.valueOf(info));

        long before = System.currentTimeMillis() / 1000;
        Rados.await(io.lockExclusive("l3", "timed", "t", "", "", Duration.ofSeconds(3), 0));
        JsonNode l = JSON.readTree(rados("lock", "info", "l3", "timed").out()).path("lockers").path(0);
        String expiration = l.path("expiration").asText();
        assertTrue(expiration.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d{4}"), expiration);
        LockInfo.Locker mine = Rados.await(io.getLockInfo("l3", "timed")).lockers().get(0);
        assertTrue(mine.expiration().sec() >= before + 3 && mine.expiration().sec() <= before + 5, String.valueOf(mine.expiration()));
        assertEquals(1, rados("lock", "get", "l3", "timed", "--lock-cookie", "x").exit(), "held for 3 s");
        Thread.sleep(4000);
        ok(rados("lock", "get", "l3", "timed", "--lock-cookie", "x"));
    }

    @Test
    @Order(9)
    void inkwire_lock_release_breaks_the_hold_with_that_cookie() throws Exception {
        object("l4");
        CephLab.Result got = inkwire("lock", "get", "l4", "lk", "--lock-cookie", "cli", "--lock-duration", "1K");
        assertEquals(0, got.exit(), got.err());
        JsonNode l = JSON.readTree(rados("lock", "info", "l4", "lk").out()).path("lockers").path(0);
        assertEquals("cli", l.path("cookie").asText());
        CephLab.Result released = inkwire("lock", "release", "l4", "lk", "--lock-cookie", "cli");
        assertEquals(0, released.exit(), released.err());
        assertEquals("[]", JSON.readTree(rados("lock", "info", "l4", "lk").out()).path("lockers").toString());
        CephLab.Result again = inkwire("lock", "release", "l4", "lk", "--lock-cookie", "cli");
        assertEquals(1, again.exit());
        assertEquals("ERROR: failed releasing lock: (2) No such file or directory\nerror 2: (2) No such file or directory\n", again.err());
    }

    // ------------------------------------------------------------------ a cluster that moves

    @Test
    @Order(10)
    void a_watch_outlives_the_restart_of_its_primary_as_cephs_does() throws Exception {
        object("r1");
        List<RadosException> errors = Collections.synchronizedList(new ArrayList<>());
        BlockingQueue<Notification> got = new LinkedBlockingQueue<>();
        Watch w = Rados.await(io.watch("r1", new WatchCallback() {
            @Override
            public void onNotify(Watch watch, Notification n) {
                got.add(n);
                watch.ack(n, ByteBuffer.wrap("still here".getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public void onError(Watch watch, RadosException error) {
                errors.add(error);
            }
        }));
        try (CephWatch theirs = CephWatch.start("r1")) {
            int primary = client.locate(POOL, "", null, "r1").actingPrimary();
            assertBothAnswer("before", got, theirs);
            LAB.signal("osd." + primary, "KILL");
            waitUntil(() -> client.locate(POOL, "", null, "r1").actingPrimary() != primary, "the PG never left osd." + primary);
            // the watch is reconnected on the new primary, which now holds the PG
            assertBothAnswer("while down", got, theirs);
            LAB.revive("osd." + primary);
            waitUntil(() -> client.locate(POOL, "", null, "r1").actingPrimary() == primary, "the PG never came back to osd." + primary);
            assertBothAnswer("after", got, theirs);
            assertEquals(List.of(), errors, "Ceph's own watch reconnects without an error; so does inkwire's");
            assertTrue(theirs.lines().stream().noneMatch(s -> s.startsWith("ERROR")), String.join("\n", theirs.lines()));
            assertTrue(w.check().compareTo(Duration.ofSeconds(30)) < 0, "check: " + w.check());
        } finally {
            Rados.await(w.unwatch());
        }
    }

    /** A {@code rados notify} that both watchers answer: inkwire's with its reply, Ceph's with the payload. */
    private static void assertBothAnswer(String when, BlockingQueue<Notification> got, CephWatch theirs) throws Exception {
        CephLab.Result r = rados("notify", "r1", when);
        assertEquals(0, r.exit(), when + ": " + r.out() + r.err());
        assertTrue(r.out().contains("reply client." + gid + " cookie "), when + ": " + r.out());
        assertTrue(r.out().contains("|still here|"), when + ": " + r.out());
        assertTrue(r.out().contains("reply client." + theirs.gid + " cookie " + Long.toUnsignedString(theirs.cookie)), when + ": " + r.out());
        Notification n = got.poll(30, TimeUnit.SECONDS);
        assertTrue(n != null, when + ": inkwire's watch got nothing");
        assertArrayEquals(cephString(when), bytes(n.payload()), when);
        // Ceph's watcher acks with what it got: its length (4 bytes), then the text
        assertTrue(r.out().contains("|...." + when + "|"), when + ": " + r.out());
        theirs.await(l -> l.startsWith("NOTIFY cookie " + Long.toUnsignedString(theirs.cookie) + " "));
    }

    // ------------------------------------------------------------------ helpers

    /** Ceph's {@code rados watch} in the background: its stdout line by line, ended with a key press. */
    static final class CephWatch implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final long gid;
        final long cookie;

        private CephWatch(Process process, String oid) throws Exception {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        seen.add(l);
                        incoming.add(l);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "rados-watch-reader");
            reader.setDaemon(true);
            reader.start();
            await(l -> l.equals("press enter to exit..."));
            WatchersResponse.Watcher w = Rados.await(io.listWatchers(oid)).stream().filter(x -> x.entityNum() != RadosWatchLockAgainstCephTest.gid)
                    .findFirst().orElseThrow(() -> new AssertionError("rados watch is not listed"));
            this.gid = w.entityNum();
            this.cookie = w.cookie();
        }

        static CephWatch start(String oid) throws Exception {
            Process p = new ProcessBuilder("rados", "-c", LAB.conf().toString(), "-p", POOL, "watch", oid)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new CephWatch(p, oid);
        }

        /** The next line (from now on, those seen before skipped) that matches; fails after 30 s. */
        String await(Predicate<String> p) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                long left = until - System.nanoTime();
                String l = left <= 0 ? null : incoming.poll(left, TimeUnit.NANOSECONDS);
                if (l == null) {
                    throw new AssertionError("rados watch never printed the line; it printed:\n" + String.join("\n", lines()));
                }
                if (p.test(l)) {
                    return l;
                }
            }
        }

        List<String> lines() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }

        @Override
        public void close() throws Exception {
            try (OutputStream in = process.getOutputStream()) {
                in.write('\n');
            } catch (IOException gone) {
                // it ended already
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("rados watch did not exit on enter");
            }
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitUntil(Condition c, String failure) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!c.holds()) {
            assertTrue(System.nanoTime() < until, failure);
            Thread.sleep(250);
        }
    }

    /** Writes a small object (its PG must be active for a watch). */
    Path object(String oid) throws Exception {
        Path f = dir.resolve(oid);
        Files.writeString(f, "object " + oid);
        ok(rados("put", oid, f.toString()));
        return f;
    }

    static WatchersResponse.Watcher single(List<WatchersResponse.Watcher> ws) {
        assertEquals(1, ws.size(), String.valueOf(ws));
        return ws.get(0);
    }

    /** {@code encode(std::string)}: a u32 length, then the bytes. */
    static byte[] cephString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + b.length).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).put(b).array();
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    static void ok(CephLab.Result r) {
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    static List<String> radosCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of("timeout", "120", "rados", "-c", LAB.conf().toString(), "-p", POOL));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static CephLab.Result rados(String... args) throws Exception {
        return CephLab.run(radosCommand(args), 150);
    }

    static String[] inkwireArgs(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-c", LAB.conf().toString(), "rados", "-p", POOL));
        cmd.addAll(List.of(args));
        return cmd.toArray(new String[0]);
    }

    static CephLab.Result inkwire(String... args) throws Exception {
        return Inkwire.run(inkwireArgs(args));
    }

    /** Runs a command whose stdin is at its end at once (a {@code watch} that succeeded returns then). */
    static CephLab.Result withoutInput(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new CephLab.Result(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
