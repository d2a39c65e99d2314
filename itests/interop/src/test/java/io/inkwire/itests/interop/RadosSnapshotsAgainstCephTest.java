package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.inkwire.api.config.CephConfig;
import io.inkwire.codec.osd.SnapsResponse;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.PoolSnap;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.SnapContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pool and self-managed snapshots of inkwire's RADOS client against a real Ceph 16.2 cluster, checked
 * both ways against Ceph's own {@code rados}: a snapshot made by one is listed and read at by the other,
 * a rollback by one reads back through the other, self-managed snaps keep the data a snap context
 * preserved, and the CLI prints what {@code rados} prints for mksnap/lssnap/rmsnap/rollback/listsnaps
 * and {@code -s SNAP}, errors and exit statuses included.
 */
class RadosSnapshotsAgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("snaps", 13430, 16930).auth("cephx").osds(1);

    /** The lab's pool (size 1): pool snapshots. */
    static final String POOL = "test";
    /** Self-managed snapshots: a pool of its own, a pool cannot have both kinds. */
    static final String SELF = "selfsnaps";

    static RadosClient client;
    static IoCtx io;
    static IoCtx self;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws Exception {
        ok(LAB.ceph("osd", "pool", "create", SELF, "8", "8", "replicated"));
        ok(LAB.ceph("osd", "pool", "set", SELF, "size", "1", "--yes-i-really-mean-it"));
        ok(LAB.ceph("osd", "pool", "application", "enable", SELF, "rados"));
        LAB.waitForIo(POOL);
        LAB.waitForIo(SELF);
        client = Rados.connect(Providers.transport(), Providers.forLab(LAB.conf(), CephConfig.empty()).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(60));
        io = client.ioCtx(POOL);
        self = client.ioCtx(SELF);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    // ------------------------------------------------------------------ pool snapshots

    @Test
    void a_snapshot_made_by_rados_is_listed_and_read_at_by_inkwire() throws Exception {
        put("r1", "before rados mksnap");
        ok(rados("mksnap", "rsnap"));
        put("r1", "after rados mksnap, longer");
        // the client's map learns of the snapshot by its subscription: wait for the epoch that has it
        client.waitForMap(mapEpoch()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        PoolSnap snap = io.snapLookup("rsnap");
        assertTrue(io.snapList().contains(snap), io.snapList().toString());
        String listed = rados("lssnap").out();
        assertTrue(listed.contains(Long.toUnsignedString(snap.id()) + "\trsnap\t"), listed);
        assertEquals("before rados mksnap", text(Rados.await(io.withReadSnap(snap.id()).read("r1", 0, 0))));
        assertEquals("after rados mksnap, longer", text(Rados.await(io.read("r1", 0, 0))));
        assertEquals(19, Rados.await(io.withReadSnap(snap.id()).stat("r1")).size());
        // the pool is in pool-snap mode now: writes go with the pool's snap context
        assertEquals(snap.id(), io.writeSnapContext().orElseThrow().snaps().get(0));
    }

    @Test
    void a_snapshot_made_by_inkwire_is_listed_and_read_at_by_rados() throws Exception {
        write("i1", "before inkwire mksnap");
        PoolSnap snap = Rados.await(io.snapCreate("isnap"));
        assertEquals("isnap", snap.name());
        // the stage completed once the client had the map with it: Ceph's tool sees it at once too
        String listed = rados("lssnap").out();
        assertTrue(listed.contains(Long.toUnsignedString(snap.id()) + "\tisnap\t"), listed);
        write("i1", "after inkwire mksnap");
        CephLab.Result got = rados("-s", "isnap", "get", "i1", "-");
        ok(got);
        assertEquals("selected snap " + Long.toUnsignedString(snap.id()) + " 'isnap'\nbefore inkwire mksnap", got.out());
        assertEquals("after inkwire mksnap", rados("get", "i1", "-").out());
        // and the clone is there for both to see
        SnapsResponse clones = Rados.await(io.listSnaps("i1"));
        assertEquals(2, clones.clones().size(), clones.toString());
        assertEquals(List.of(snap.id()), clones.clones().get(0).snaps());
        assertEquals(IoCtx.SNAP_HEAD, clones.clones().get(1).cloneId());
    }

    @Test
    void an_object_rolled_back_by_one_reads_back_old_content_through_the_other() throws Exception {
        write("rb", "version one");
        PoolSnap snap = Rados.await(io.snapCreate("rbsnap"));
        write("rb", "version two");
        ok(rados("rollback", "rb", "rbsnap"));
        assertEquals("version one", text(Rados.await(io.read("rb", 0, 0))), "rados rolled back, inkwire reads");

        write("rb", "version three");
        Rados.await(io.snapRollback("rb", "rbsnap"));
        assertEquals("version one", rados("get", "rb", "-").out(), "inkwire rolled back, rados reads");
        assertEquals("version one", text(Rados.await(io.withReadSnap(snap.id()).read("rb", 0, 0))));
    }

    @Test
    void a_removed_pool_snapshot_is_gone_for_both() throws Exception {
        write("gone", "kept by the snapshot");
        PoolSnap snap = Rados.await(io.snapCreate("short-lived"));
        write("gone", "head");
        Rados.await(io.snapRemove("short-lived"));
        // removal completes once the client's map no longer has it
        assertFalse(io.snapList().stream().anyMatch(s -> s.name().equals("short-lived")), io.snapList().toString());
        assertErrno(2, () -> CompletableStage.of(() -> io.snapLookup("short-lived")));
        assertFalse(rados("lssnap").out().contains("short-lived"));
        assertEquals(1, rados("-s", "short-lived", "get", "gone", "-").exit());
        assertEventuallyGone(io.withReadSnap(snap.id()), "gone");
    }

    @Test
    void snapshot_errors_come_back_with_cephs_errnos() throws Exception {
        Rados.await(io.snapCreate("dup"));
        assertErrno(17, () -> io.snapCreate("dup"));
        assertErrno(2, () -> io.snapRemove("no-such-snap"));
        assertErrno(2, () -> io.snapRollback("anything", "no-such-snap"));
        // a view reading at a snapshot does not write (librados: EROFS)
        PoolSnap dup = io.snapLookup("dup");
        assertErrno(30, () -> io.withReadSnap(dup.id()).writeFull("ro", ByteBuffer.wrap(new byte[] {1})));
        // a pool with pool snapshots cannot have self-managed ones: the monitor says EINVAL
        assertErrno(22, () -> io.selfManagedSnapCreate());
        // and the other way round
        Rados.await(self.selfManagedSnapCreate());
        assertErrno(22, () -> self.snapCreate("pool-snap-in-a-self-managed-pool"));
        assertEquals(List.of(), self.snapList());
    }

    // ------------------------------------------------------------------ self-managed snapshots

    @Test
    void self_managed_snaps_keep_what_a_snap_context_preserved() throws Exception {
        Rados.await(self.writeFull("sm", utf8("old data")));
        long a = Rados.await(self.selfManagedSnapCreate());
        IoCtx writer = self.withWriteSnapContext(a, List.of(a));
        assertEquals(new SnapContext(a, List.of(a)), writer.writeSnapContext().orElseThrow());
        Rados.await(writer.writeFull("sm", utf8("new data, longer")));

        assertEquals("old data", text(Rados.await(self.withReadSnap(a).read("sm", 0, 0))), "the clone");
        assertEquals("new data, longer", text(Rados.await(self.read("sm", 0, 0))), "the head");

        SnapsResponse clones = Rados.await(self.listSnaps("sm"));
        assertEquals(2, clones.clones().size(), clones.toString());
        assertEquals(a, clones.clones().get(0).cloneId());
        assertEquals(List.of(a), clones.clones().get(0).snaps());
        assertEquals(8, clones.clones().get(0).size());
        assertEquals(IoCtx.SNAP_HEAD, clones.clones().get(1).cloneId());
        assertEquals(16, clones.clones().get(1).size());
        // Ceph's rados lists the same clones, and the CLI prints what it prints
        CephLab.Result theirs = rados(SELF, "listsnaps", "sm");
        ok(theirs);
        assertTrue(theirs.out().contains(Long.toUnsignedString(a) + "\t" + Long.toUnsignedString(a) + "\t8\t[]\n"), theirs.out());
        assertSame(theirs, inkwire(SELF, "listsnaps", "sm"));

        // a second snap: the context grows newest first; reading at each snap gives its data
        long b = Rados.await(self.selfManagedSnapCreate());
        assertTrue(Long.compareUnsigned(b, a) > 0, a + " then " + b);
        IoCtx writer2 = self.withWriteSnapContext(b, List.of(b, a));
        Rados.await(writer2.writeFull("sm", utf8("newest")));
        assertEquals("new data, longer", text(Rados.await(self.withReadSnap(b).read("sm", 0, 0))));
        assertEquals("old data", text(Rados.await(self.withReadSnap(a).read("sm", 0, 0))));

        // rollback to a: the head reads as it did then
        Rados.await(writer2.selfManagedSnapRollback("sm", a));
        assertEquals("old data", text(Rados.await(self.read("sm", 0, 0))));
        assertEquals("old data", rados(SELF, "get", "sm", "-").out(), "Ceph's rados reads the rolled back head");

        // removing a snap: reading at it is ENOENT once the OSD has trimmed it
        Rados.await(self.selfManagedSnapRemove(a));
        assertEventuallyGone(self.withReadSnap(a), "sm");
        assertEquals("new data, longer", text(Rados.await(self.withReadSnap(b).read("sm", 0, 0))), "b keeps its clone");
    }

    @Test
    void an_invalid_write_snap_context_is_refused_before_anything_is_sent() {
        assertThrows(() -> self.withWriteSnapContext(3, List.of(1L, 2L)));
        assertThrows(() -> self.withWriteSnapContext(1, List.of(2L)));
    }

    // ------------------------------------------------------------------ the CLI against rados

    @Test
    void mksnap_lssnap_rmsnap_print_what_rados_prints() throws Exception {
        CephLab.Result made = rados("mksnap", "cli1");
        ok(made);
        CephLab.Result removed = rados("rmsnap", "cli1");
        ok(removed);
        assertSame(made, inkwire("mksnap", "cli1"));
        assertSame(rados("lssnap"), inkwire("lssnap"));
        assertSame(rados("mksnap", "cli1"), inkwire("mksnap", "cli1"), "EEXIST");
        assertSame(removed, inkwire("rmsnap", "cli1"));
        assertSame(rados("rmsnap", "cli1"), inkwire("rmsnap", "cli1"), "ENOENT");
        assertSame(rados("lssnap"), inkwire("lssnap"));
        assertSame(rados(SELF, "lssnap"), inkwire(SELF, "lssnap"), "no pool snaps: 0 snaps");
    }

    @Test
    void rollback_listsnaps_and_reads_at_a_snap_print_what_rados_prints() throws Exception {
        write("c1", "the snapshot's");
        ok(rados("mksnap", "cli2"));
        write("c1", "the head's, longer");
        assertSame(rados("-s", "cli2", "get", "c1", "-"), inkwire("-s", "cli2", "get", "c1", "-"));
        assertSame(rados("--snap", "cli2", "stat", "c1"), inkwire("--snap", "cli2", "stat", "c1"));
        assertSame(rados("-s", "cli2", "stat", "not-there"), inkwire("-s", "cli2", "stat", "not-there"));
        assertSame(rados("-s", "no-such-snap", "get", "c1", "-"), inkwire("-s", "no-such-snap", "get", "c1", "-"));
        Path f = Files.writeString(dir.resolve("v"), "x");
        assertSame(rados("-s", "cli2", "put", "c1", f.toString()), inkwire("-s", "cli2", "put", "c1", f.toString()), "EROFS");
        assertSame(rados("listsnaps", "c1"), inkwire("listsnaps", "c1"));
        assertSame(rados("listsnaps", "not-there"), inkwire("listsnaps", "not-there"));

        CephLab.Result theirs = rados("rollback", "c1", "cli2");
        ok(theirs);
        write("c1", "the head's again");
        assertSame(theirs, inkwire("rollback", "c1", "cli2"));
        assertEquals("the snapshot's", rados("get", "c1", "-").out());
        assertSame(rados("rollback", "c1", "no-such-snap"), inkwire("rollback", "c1", "no-such-snap"));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Reads at a removed snapshot until the OSD says ENOENT: it trims a removed snap's clones in the
     * background (no event tells the client when), so this polls, at most 60 s.
     */
    private static void assertEventuallyGone(IoCtx at, String oid) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Rados.await(at.read(oid, 0, 0));
            } catch (RadosException e) {
                assertEquals(2, e.errno(), e.getMessage());
                return;
            }
            if (System.nanoTime() > until) {
                fail("a read at removed snap " + Long.toUnsignedString(at.readSnap()) + " of " + oid + " still succeeds");
            }
            Thread.sleep(250);
        }
    }

    @FunctionalInterface
    interface Op {
        CompletionStage<?> run() throws Exception;
    }

    /** Turns a synchronous call that throws RadosException into a stage, for {@link #assertErrno}. */
    static final class CompletableStage {
        interface Call {
            Object call() throws RadosException;
        }

        static CompletionStage<?> of(Call c) {
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(c.call());
            } catch (RadosException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }
    }

    private static void assertErrno(int errno, Op op) throws Exception {
        try {
            Rados.await(op.run());
        } catch (RadosException e) {
            assertEquals(errno, e.errno(), e.getMessage());
            return;
        }
        fail("expected errno " + errno);
    }

    private static void assertThrows(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }

    /** The same exit status, stdout and stderr. */
    private static void assertSame(CephLab.Result theirs, CephLab.Result mine) {
        assertSame(theirs, mine, "");
    }

    private static void assertSame(CephLab.Result theirs, CephLab.Result mine, String what) {
        assertEquals(theirs.exit(), mine.exit(), what + " exit; rados: " + theirs.err() + " inkwire: " + mine.err());
        assertEquals(theirs.out(), mine.out(), what + " stdout");
        assertEquals(theirs.err().strip(), mine.err().strip(), what + " stderr");
    }

    private long mapEpoch() throws Exception {
        CephLab.Result r = LAB.ceph("osd", "dump", "-f", "json");
        ok(r);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("epoch").asLong();
    }

    private void put(String oid, String content) throws Exception {
        Path f = Files.writeString(dir.resolve(oid + ".in"), content);
        ok(rados("put", oid, f.toString()));
    }

    private static void write(String oid, String content) throws Exception {
        Rados.await(io.writeFull(oid, utf8(content)));
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    static void ok(CephLab.Result r) {
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    /** Ceph's rados on {@link #POOL}, or on {@link #SELF} when that comes first. */
    static CephLab.Result rados(String... args) throws Exception {
        String pool = POOL;
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals(SELF)) {
            pool = SELF;
            rest.remove(0);
        }
        List<String> cmd = new ArrayList<>(List.of("timeout", "120", "rados", "-c", LAB.conf().toString(), "-p", pool));
        cmd.addAll(rest);
        return CephLab.run(cmd, 150);
    }

    /** The inkwire CLI on {@link #POOL}, or on {@link #SELF} when that comes first. */
    static CephLab.Result inkwire(String... args) throws Exception {
        String pool = POOL;
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals(SELF)) {
            pool = SELF;
            rest.remove(0);
        }
        List<String> cmd = new ArrayList<>(List.of("-c", LAB.conf().toString(), "rados", "-p", pool));
        cmd.addAll(rest);
        return Inkwire.run(cmd.toArray(new String[0]));
    }
}
