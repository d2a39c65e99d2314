package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.api.config.CephConfig;
import io.inkwire.codec.osd.OsdOp;
import io.inkwire.protocol.BufferPool;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.LeasedBytes;
import io.inkwire.rados.ListCursor;
import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectPage;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import io.inkwire.rados.WriteOp;
import io.inkwire.rados.placement.ObjectPlacement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * inkwire's RADOS client against three real OSDs and a mgr (Pacific's mgr carries pg_num changes
 * out), checked against Ceph's own {@code rados} and
 * {@code ceph osd map} in both directions: a replicated pool of size 3 with pg_num 12 (not a
 * power of two), the size-1 pool {@code test}, and an erasure-coded pool (k=2, m=1; write_full
 * and append only).
 */
class RadosAgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("rados", 13390, 16879).auth("cephx").osds(3).mgr();

    static final List<String> POOLS = List.of("rep3", "test", "ec21");
    static final int[] SIZES = {0, 1, 4095, (4 << 20) + 1, 64 << 20};
    static final ObjectMapper JSON = new ObjectMapper();

    static RadosClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void pools() throws Exception {
        ok(LAB.ceph("osd", "pool", "create", "rep3", "12", "12", "replicated"));
        ok(LAB.ceph("osd", "pool", "set", "rep3", "size", "3"));
        ok(LAB.ceph("osd", "erasure-code-profile", "set", "k2m1", "k=2", "m=1", "crush-failure-domain=host"));
        ok(LAB.ceph("osd", "pool", "create", "ec21", "8", "8", "erasure", "k2m1"));
        for (String p : List.of("rep3", "ec21")) {
            ok(LAB.ceph("osd", "pool", "application", "enable", p, "rados"));
        }
        client = Rados.connect(Providers.transport(), Providers.forLab(LAB.conf(), CephConfig.empty()).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(60));
        for (String p : POOLS) {
            LAB.waitForIo(p);
        }
    }


    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static CephLab.Result rados(String... args) throws Exception {
        return LAB.rados(args);
    }

    static CephLab.Result inkwire(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-c", LAB.conf().toString()));
        cmd.addAll(List.of(args));
        return Inkwire.run(cmd.toArray(new String[0]));
    }

    static void ok(CephLab.Result r) {
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /**
     * {@code rados df}: the figures are the monitor's digest of what the mgr collects every few
     * seconds, so each comparison takes both tools' output back to back and is tried again (a
     * bounded number of times) while a refresh falls between them.
     */
    @Test
    void df_prints_what_rados_df_prints_in_plain_and_json() throws Exception {
        IoCtx io = client.ioCtx("test");
        for (int i = 0; i < 3; i++) {
            Rados.await(io.writeFull("df-" + i, ByteBuffer.wrap(random(10_000 + i, i))));
        }
        // the API: librados's get_pool_stats fields, as rados df -f json prints them
        JsonNode theirs = null;
        java.util.SortedMap<String, io.inkwire.rados.PoolUsage> mine = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            theirs = JSON.readTree(rados("df", "-f", "json").out());
            mine = Rados.await(client.poolStats(POOLS));
            if (theirs.path("pools").findValues("name").size() > 0 && sameUsage(theirs, mine) && mine.get("test").numObjects() >= 3) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(sameUsage(theirs, mine), theirs + "\n" + mine);
        assertTrue(mine.get("test").numObjects() >= 3, "the three objects are counted: " + mine.get("test"));
        io.inkwire.rados.ClusterUsage total = Rados.await(client.clusterStat());
        assertTrue(total.kb() > 0 && total.kbAvail() > 0, total.toString());

        // the CLI, plain and JSON, and with -p
        for (List<String> args : List.of(List.of("df"), List.of("df", "-f", "json"), List.of("-p", "test", "df"))) {
            CephLab.Result r = null;
            CephLab.Result ours = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                ours = inkwire(cat(List.of("rados"), args));
                r = rados(args.toArray(new String[0]));
                if (r.out().equals(ours.out())) {
                    break;
                }
                Thread.sleep(1000);
            }
            ok(r);
            assertEquals(0, ours.exit(), ours.err());
            assertEquals(r.out(), ours.out(), String.join(" ", args));
        }
        CephLab.Result r = rados("-p", "nosuch", "df");
        CephLab.Result ours = inkwire("rados", "-p", "nosuch", "df");
        assertEquals(r.exit(), ours.exit(), r.err() + ours.err());
        assertTrue(ours.err().contains("error opening pool nosuch: (2) No such file or directory"), ours.err());
        for (int i = 0; i < 3; i++) {
            Rados.await(io.remove("df-" + i));
        }
    }

    private static String[] cat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new String[0]);
    }

    /** Each pool of the API's answer has rados df's figures. */
    private static boolean sameUsage(JsonNode df, java.util.SortedMap<String, io.inkwire.rados.PoolUsage> mine) {
        int seen = 0;
        for (JsonNode p : df.path("pools")) {
            io.inkwire.rados.PoolUsage u = mine.get(p.path("name").asText());
            if (u == null) {
                continue;
            }
            seen++;
            if (u.numBytes() != p.path("size_bytes").asLong() || u.numKb() != p.path("size_kb").asLong()
                    || u.numObjects() != p.path("num_objects").asLong() || u.numObjectCopies() != p.path("num_object_copies").asLong()
                    || u.numObjectsDegraded() != p.path("num_objects_degraded").asLong() || u.numRd() != p.path("read_ops").asLong()
                    || u.numRdKb() * 1024 != p.path("read_bytes").asLong() || u.numWr() != p.path("write_ops").asLong()
                    || u.numWrKb() * 1024 != p.path("write_bytes").asLong()) {
                return false;
            }
        }
        return seen == POOLS.size();
    }

    @Test
    void objects_written_by_inkwire_are_read_by_rados_and_the_reverse() throws Exception {
        for (String pool : POOLS) {
            IoCtx io = client.ioCtx(pool);
            for (int size : SIZES) {
                long seed = 31L * size + pool.hashCode();
                byte[] data = random(size, seed);
                String mine = "ink-" + size;
                Rados.await(io.writeFull(mine, ByteBuffer.wrap(data)));
                Path got = dir.resolve(pool + "-" + mine);
                ok(rados("-p", pool, "get", mine, got.toString()));
                assertArrayEquals(data, Files.readAllBytes(got), pool + "/" + mine + " read by rados (seed " + seed + ")");

                String theirs = "ceph-" + size;
                Path src = dir.resolve(pool + "-" + theirs);
                Files.write(src, random(size, seed + 1));
                ok(rados("-p", pool, "put", theirs, src.toString()));
                assertArrayEquals(Files.readAllBytes(src), bytes(Rados.await(io.read(theirs, 0, 0))), pool + "/" + theirs);
                assertEquals(size, Rados.await(io.stat(theirs)).size());
                String statLine = rados("-p", pool, "stat", mine).out().strip();
                assertTrue(statLine.endsWith("size " + size), statLine);
                Rados.await(io.remove(mine));
                ok(rados("-p", pool, "rm", theirs));
            }
        }
    }

    /**
     * {@link IoCtx#readLeased}: the bytes of objects {@code rados put} wrote, read in the receive
     * buffers they arrived in (crc mode reads payloads of 64 KiB and more into pooled native
     * memory), which stay out of the pool while leased and go back when the leases are closed; a
     * read of a missing object fails with ENOENT and holds nothing.
     */
    @Test
    void a_leased_read_returns_what_rados_wrote_and_gives_its_buffer_back_when_closed() throws Exception {
        for (String pool : POOLS) {
            IoCtx io = client.ioCtx(pool);
            List<byte[]> written = new ArrayList<>();
            for (int size : SIZES) {
                byte[] data = random(size, 17L * size + pool.hashCode());
                Path src = dir.resolve(pool + "-leased-" + size);
                Files.write(src, data);
                ok(rados("-p", pool, "put", "leased-" + size, src.toString()));
                written.add(data);
            }
            long before = BufferPool.outstandingEverywhere();
            List<LeasedBytes> leases = new ArrayList<>();
            for (int i = 0; i < SIZES.length; i++) {
                LeasedBytes lease = Rados.await(io.readLeased("leased-" + SIZES[i], 0, 0));
                leases.add(lease);
                assertEquals(SIZES[i], lease.length(), pool);
                assertArrayEquals(written.get(i), bytes(lease.data()), pool + "/leased-" + SIZES[i]);
            }
            long held = BufferPool.outstandingEverywhere();
            assertTrue(held - before >= SIZES.length, "each lease holds its receive buffer: " + before + " -> " + held);
            leases.forEach(LeasedBytes::close);
            assertTrue(outstandingFallsTo(held - SIZES.length),
                    "closed leases give their buffers back: " + held + " -> " + BufferPool.outstandingEverywhere());

            long beforeMissing = BufferPool.outstandingEverywhere();
            ExecutionException missing = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> io.readLeased("leased-missing", 0, 0).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertEquals(2, assertInstanceOf(RadosException.class, missing.getCause()).errno(), pool);
            assertTrue(outstandingFallsTo(beforeMissing), "a failed read keeps no buffer");
            for (int size : SIZES) {
                ok(rados("-p", pool, "rm", "leased-" + size));
            }
        }
    }

    /** Whether the receive buffers out fall to {@code n} within 5 s (a last dispatch may still be running). */
    private static boolean outstandingFallsTo(long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (BufferPool.outstandingEverywhere() > n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return BufferPool.outstandingEverywhere() <= n;
    }

    @Test
    void the_cli_prints_what_rados_prints() throws Exception {
        Path f = Files.write(dir.resolve("f"), random(10_000, 7));
        ok(inkwire("rados", "-p", "rep3", "put", "cli1", f.toString()));
        ok(rados("-p", "rep3", "setomapval", "cli1", "k1", "value1"));
        ok(rados("-p", "rep3", "setomapval", "cli1", "k2", "a".repeat(70)));
        ok(inkwire("rados", "-p", "rep3", "setomapval", "cli1", "k3", "z".repeat(33)));
        ok(inkwire("rados", "-p", "rep3", "setxattr", "cli1", "color", "blue"));
        ok(rados("-p", "rep3", "setxattr", "cli1", "shape", "round"));
        for (List<String> cmd : List.of(List.of("stat", "cli1"), List.of("listomapkeys", "cli1"), List.of("listomapvals", "cli1"),
                List.of("getomapval", "cli1", "k2"), List.of("getxattr", "cli1", "color"), List.of("getxattr", "cli1", "shape"),
                List.of("listxattr", "cli1"), List.of("getomapheader", "cli1"), List.of("lspools"))) {
            List<String> args = new ArrayList<>(List.of("-p", "rep3"));
            args.addAll(cmd);
            CephLab.Result theirs = rados(args.toArray(new String[0]));
            List<String> ours = new ArrayList<>(List.of("rados"));
            ours.addAll(args);
            CephLab.Result mine = inkwire(ours.toArray(new String[0]));
            assertEquals(theirs.exit(), mine.exit(), cmd + ": " + mine.err());
            assertEquals(theirs.out(), mine.out(), String.valueOf(cmd));
        }
        // failures: the same line on stderr and the same exit status
        for (List<String> cmd : List.of(List.of("stat", "nothing"), List.of("get", "nothing", "-"), List.of("rm", "nothing"),
                List.of("getxattr", "cli1", "nope"), List.of("create", "cli1"))) {
            List<String> args = new ArrayList<>(List.of("-p", "rep3"));
            args.addAll(cmd);
            CephLab.Result theirs = rados(args.toArray(new String[0]));
            List<String> ours = new ArrayList<>(List.of("rados"));
            ours.addAll(args);
            CephLab.Result mine = inkwire(ours.toArray(new String[0]));
            assertEquals(theirs.exit(), mine.exit(), cmd + ": " + mine.err());
            assertEquals(theirs.err().strip(), mine.err().strip(), String.valueOf(cmd));
        }
        Path back = dir.resolve("back");
        ok(inkwire("rados", "-p", "rep3", "get", "cli1", back.toString()));
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(back));
    }

    @Test
    void listings_match_in_a_namespace_and_across_all_of_them() throws Exception {
        IoCtx io = client.ioCtx("rep3");
        Path f = Files.writeString(dir.resolve("x"), "x");
        for (int i = 0; i < 60; i++) {
            String ns = i % 3 == 0 ? "" : "ns" + (i % 3);
            if (i % 2 == 0) {
                Rados.await(io.withNamespace(ns).writeFull("ls-" + i, ByteBuffer.wrap(new byte[] {1})));
            } else {
                ok(rados("-p", "rep3", "-N", ns, "put", "ls-" + i, f.toString()));
            }
        }
        for (List<String> flags : List.<List<String>>of(List.of(), List.of("-N", "ns1"), List.of("--all"))) {
            List<String> args = new ArrayList<>(List.of("-p", "rep3"));
            args.addAll(flags);
            args.add("ls");
            CephLab.Result theirs = rados(args.toArray(new String[0]));
            List<String> ours = new ArrayList<>(List.of("rados"));
            ours.addAll(args);
            CephLab.Result mine = inkwire(ours.toArray(new String[0]));
            ok(mine);
            assertEquals(new TreeSet<>(theirs.out().lines().toList()), new TreeSet<>(mine.out().lines().toList()), String.valueOf(flags));
        }
        // the API pages with a resumable cursor: small pages give the same set as one big one
        TreeSet<String> paged = new TreeSet<>();
        Optional<ListCursor> at = Optional.of(ListCursor.START);
        int pages = 0;
        while (at.isPresent()) {
            ObjectPage p = Rados.await(io.listAllNamespaces(at.get(), 7));
            assertTrue(p.entries().size() <= 7);
            for (ObjectEntry e : p.entries()) {
                paged.add(e.namespace() + "\t" + e.name());
            }
            at = p.next();
            pages++;
        }
        assertEquals(new TreeSet<>(rados("-p", "rep3", "ls", "--all").out().lines().toList()), paged);
        assertTrue(pages >= 9, "60+ objects in pages of 7: " + pages);
    }

    @Test
    void a_compound_write_with_a_failing_guard_applies_nothing() throws Exception {
        IoCtx io = client.ioCtx("rep3");
        Rados.await(io.writeFull("guarded", ByteBuffer.wrap("before".getBytes(StandardCharsets.UTF_8))));
        Rados.await(io.setXattr("guarded", "v", ByteBuffer.wrap("1".getBytes(StandardCharsets.UTF_8))));

        WriteOp op = new WriteOp();
        op.cmpXattr("v", OsdOp.CEPH_OSD_CMPXATTR_OP_EQ, ByteBuffer.wrap("2".getBytes(StandardCharsets.UTF_8)));
        op.writeFull(ByteBuffer.wrap("after".getBytes(StandardCharsets.UTF_8)));
        op.setXattr("v", ByteBuffer.wrap("3".getBytes(StandardCharsets.UTF_8)));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> io.operate("guarded", op).toCompletableFuture().get(60, TimeUnit.SECONDS));
        RadosException r = assertInstanceOf(RadosException.class, e.getCause());
        assertEquals(125, r.errno(), "ECANCELED from the failed cmpxattr: " + r.getMessage());
        ok(rados("-p", "rep3", "get", "guarded", dir.resolve("g").toString()));
        assertEquals("before", Files.readString(dir.resolve("g")), "nothing of the write was applied");
        assertEquals("1", rados("-p", "rep3", "getxattr", "guarded", "v").out());

        // a passing guard: every op applies, per-op return values as the OSD set them
        WriteOp pass = new WriteOp();
        OpSlot<Void> guard = pass.cmpXattr("v", OsdOp.CEPH_OSD_CMPXATTR_OP_EQ,
                ByteBuffer.wrap("1".getBytes(StandardCharsets.UTF_8)));
        pass.writeFull(ByteBuffer.wrap("after".getBytes(StandardCharsets.UTF_8)));
        long version = Rados.await(io.operate("guarded", pass)).version();
        assertTrue(guard.rval() >= 0, "rval " + guard.rval());
        assertEquals("after", new String(bytes(Rados.await(io.read("guarded", 0, 0))), StandardCharsets.UTF_8));

        // assert_version: the version just returned passes, another one fails and nothing is read
        ReadOp check = new ReadOp();
        check.assertVersion(version);
        OpSlot<ByteBuffer> data = check.read(0, 0);
        Rados.await(io.operate("guarded", check));
        assertEquals("after", new String(bytes(data.get()), StandardCharsets.UTF_8));
        ReadOp stale = new ReadOp();
        stale.assertVersion(version - 1);
        stale.read(0, 0);
        RadosException old = assertInstanceOf(RadosException.class, assertThrows(() -> io.operate("guarded", stale)));
        assertTrue(old.errno() == 34 || old.errno() == 75, "ERANGE or EOVERFLOW: " + old.getMessage());
    }

    private static Throwable assertThrows(java.util.concurrent.Callable<java.util.concurrent.CompletionStage<?>> c) throws Exception {
        try {
            c.call().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void placement_equals_ceph_osd_map_also_after_the_map_changes() throws Exception {
        comparePlacement(2000);
        long before = client.counters().getMapsApplied();
        // pool ids by name: the mgr's own pool (device_health_metrics) comes first
        long rep3 = client.pools().stream().filter(p -> p.name().equals("rep3")).findFirst().orElseThrow().id();
        ok(LAB.ceph("osd", "pg-upmap-items", rep3 + ".3", "0", "1"));
        ok(LAB.ceph("osd", "pg-upmap", rep3 + ".4", "1", "2", "0"));
        ok(LAB.ceph("osd", "primary-affinity", "osd.1", "0.5"));
        ok(LAB.ceph("osd", "out", "2"));
        long epoch = JSON.readTree(LAB.ceph("osd", "dump", "-f", "json").out()).get("epoch").asLong();
        // the map may move on after the dump (peering OSDs ask for pg_temp): the client has this epoch or a later one
        long has = Rados.await(client.waitForMap(epoch));
        assertTrue(has >= epoch, "the client has e" + has + ", the monitor had e" + epoch);
        assertTrue(client.counters().getMapsApplied() > before, "the client applied the new maps");
        comparePlacement(2000);
        ok(LAB.ceph("osd", "in", "2"));
    }

    @Test
    void a_pg_num_increase_splits_pgs_under_io_and_the_client_follows_by_incrementals() throws Exception {
        ok(LAB.ceph("osd", "pool", "create", "split", "12", "12", "replicated"));
        ok(LAB.ceph("osd", "pool", "set", "split", "size", "3"));
        ok(LAB.ceph("osd", "pool", "application", "enable", "split", "rados"));
        LAB.waitForIo("split");
        Rados.await(client.waitForMap(poolState("split")[2]));
        IoCtx io = client.ioCtx("split");
        int objects = 120;
        for (int i = 0; i < objects; i++) {
            Rados.await(io.writeFull("split-" + i, ByteBuffer.wrap(("v0 of split-" + i).getBytes(StandardCharsets.UTF_8))));
        }
        long fullBefore = client.counters().getFullMapsApplied();
        long appliedBefore = client.counters().getMapsApplied();
        ok(LAB.ceph("osd", "pool", "set", "split", "pg_num", "20"));
        // I/O all through the split (the mgr raises pg_num, then pgp_num): every op lands and reads back
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        int round = 0;
        long[] state;
        do {
            for (int i = 0; i < objects; i += 7) {
                byte[] v = ("v" + (round + 1) + " of split-" + i).getBytes(StandardCharsets.UTF_8);
                Rados.await(io.writeFull("split-" + i, ByteBuffer.wrap(v)));
                assertArrayEquals(v, bytes(Rados.await(io.read("split-" + i, 0, 0))), "split-" + i + " in round " + round);
            }
            round++;
            state = poolState("split");
            assertTrue(System.nanoTime() < until, "pg_num/pgp_num never reached 20: " + state[0] + "/" + state[1]);
        } while (state[0] != 20 || state[1] != 20);
        Rados.await(client.waitForMap(state[2]));
        assertEquals(20, client.pools().stream().filter(p -> p.name().equals("split")).findFirst().orElseThrow().pgNum());
        assertTrue(client.counters().getMapsApplied() > appliedBefore, "no map applied during the split");
        assertEquals(fullBefore, client.counters().getFullMapsApplied(), "the split came as incrementals, no full map was refetched");
        comparePlacement(List.of("split"), 2000);
        for (int i = 0; i < objects; i++) {
            String oid = "split-" + i;
            byte[] mine = bytes(Rados.await(io.read(oid, 0, 0)));
            Path f = dir.resolve(oid);
            ok(rados("-p", "split", "get", oid, f.toString()));
            assertArrayEquals(Files.readAllBytes(f), mine, oid + ": inkwire and rados read the same after the split");
        }
        System.out.printf("split 12 -> 20 PGs under I/O: %d rounds, %d maps applied, %d ops resent%n", round,
                client.counters().getMapsApplied() - appliedBefore, client.counters().getOpsResent());
    }

    /**
     * Until the monitor's OSDMap epoch has not moved for three seconds (after a change, peering
     * OSDs keep asking for pg_temp for a while), and the client has that epoch.
     */
    private static void waitForQuietMap() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long epoch = poolState("rep3")[2];
        long since = System.nanoTime();
        while (System.nanoTime() - since < TimeUnit.SECONDS.toNanos(3) && System.nanoTime() < until) {
            Thread.sleep(500);
            long now = poolState("rep3")[2];
            if (now != epoch) {
                epoch = now;
                since = System.nanoTime();
            }
        }
        Rados.await(client.waitForMap(epoch));
    }

    /** {@code pg_num}, {@code pgp_num} of a pool and the map's epoch, as the monitor has them now. */
    private static long[] poolState(String pool) throws Exception {
        CephLab.Result r = LAB.ceph("osd", "dump", "-f", "json");
        ok(r);
        JsonNode dump = JSON.readTree(r.out());
        for (JsonNode p : dump.get("pools")) {
            if (p.get("pool_name").asText().equals(pool)) {
                return new long[] {p.get("pg_num").asLong(), p.get("pg_placement_num").asLong(), dump.get("epoch").asLong()};
            }
        }
        throw new AssertionError("no pool " + pool + " in the map");
    }

    /**
     * The monitor's {@code osd map} (what {@code ceph osd map} asks and prints, sent through Ceph's
     * python3-rados binding by {@code osd-map-many.py} so that thousands of names take seconds)
     * against {@link RadosClient#locate}, for names in every pool: in the default namespace, in
     * others, and with locator keys (placed by the key, so the monitor is asked for the key).
     * Returns how many names were compared at one epoch.
     */
    private int comparePlacement(int perPool) throws Exception {
        return comparePlacement(POOLS, perPool);
    }

    private int comparePlacement(List<String> pools, int perPool) throws Exception {
        waitForQuietMap();
        record Name(String pool, String ns, String key, String oid) {
        }
        List<Name> names = new ArrayList<>();
        StringBuilder in = new StringBuilder();
        for (String pool : pools) {
            for (int i = 0; i < perPool; i++) {
                String oid = "obj-" + i + "-" + pool;
                String ns = i % 4 == 0 ? "ns" + (i % 7) : "";
                String key = i % 5 == 1 ? "key-" + (i % 11) : "";
                names.add(new Name(pool, ns, key, oid));
                in.append(pool).append('\t').append(ns).append('\t').append(key.isEmpty() ? oid : key).append('\n');
            }
        }
        String[] lines = monitorOsdMap(in.toString()).split("\n");
        assertEquals(names.size(), lines.length);
        int compared = 0;
        for (int i = 0; i < names.size(); i++) {
            Name n = names.get(i);
            JsonNode theirs = JSON.readTree(lines[i]);
            long epoch = theirs.get("epoch").asLong();
            Rados.await(client.waitForMap(epoch));
            ObjectPlacement mine = client.locate(n.pool(), n.ns(), n.key(), n.oid());
            String what = n + " at e" + mine.epoch();
            if (mine.epoch() != epoch) {
                continue; // the map moved on between the two; the next name compares again
            }
            assertEquals(theirs.get("raw_pgid").asText(), mine.poolId() + "." + Integer.toHexString(mine.rawHash()), what);
            assertEquals(theirs.get("pgid").asText(), mine.poolId() + "." + Integer.toHexString(mine.pgSeed()), what);
            assertEquals(ints(theirs.get("up")), mine.up(), what);
            assertEquals(theirs.get("up_primary").asInt(), mine.upPrimary(), what);
            assertEquals(ints(theirs.get("acting")), mine.acting(), what);
            assertEquals(theirs.get("acting_primary").asInt(), mine.actingPrimary(), what);
            compared++;
        }
        assertTrue(compared >= names.size() * 3 / 4, "compared " + compared + " placements (the rest saw the map move)");
        return compared;
    }

    /**
     * The monitor's answers to {@code osd map} for "POOL TAB NAMESPACE TAB OBJECT" lines, one JSON line
     * each, from Ceph's python3-rados binding ({@code osd-map-many.py}).
     */
    private String monitorOsdMap(String tsv) throws Exception {
        Path script = dir.resolve("osd-map-many.py");
        try (var res = getClass().getResourceAsStream("/osd-map-many.py")) {
            Files.copy(res, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path input = Files.writeString(Files.createTempFile(dir, "names", ".tsv"), tsv);
        CephLab.Result r = CephLab.run(List.of("sh", "-c", "/usr/bin/python3 " + script + " " + LAB.conf() + " < " + input), 300);
        ok(r);
        return r.out();
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void the_osd_map_command_prints_what_ceph_prints() throws Exception {
        StringBuilder names = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String oid = "cli-map-" + i;
            names.append(oid).append('\n');
            expected.append(LAB.ceph("osd", "map", "rep3", oid).out());
        }
        Path in = Files.writeString(dir.resolve("names"), names.toString());
        CephLab.Result mine = CephLab.run(List.of("sh", "-c", String.join(" ", Inkwire.command("-c", LAB.conf().toString(),
                "osd-map", "rep3", "-")) + " < " + in), 120);
        ok(mine);
        // the epoch is the same unless the map moved between the calls
        assertEquals(expected.toString().replaceAll("osdmap e\\d+", "e"), mine.out().replaceAll("osdmap e\\d+", "e"));
        // thousands of names in one process, -f json: each line what the monitor answers `ceph osd map … -f json`
        StringBuilder many = new StringBuilder();
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            many.append("many-").append(i).append('\n');
            tsv.append("rep3\t\tmany-").append(i).append('\n');
        }
        Path manyIn = Files.writeString(dir.resolve("many"), many.toString());
        String theirsMany = monitorOsdMap(tsv.toString());
        CephLab.Result mineMany = CephLab.run(List.of("sh", "-c", String.join(" ", Inkwire.command("-c", LAB.conf().toString(),
                "osd-map", "rep3", "-", "-f", "json")) + " < " + manyIn), 120);
        ok(mineMany);
        assertEquals(3000, mineMany.out().lines().count());
        assertEquals(theirsMany.replaceAll("\"epoch\":\\d+", "e"), mineMany.out().replaceAll("\"epoch\":\\d+", "e"));
        CephLab.Result ns = inkwire("osd-map", "rep3", "x", "-N", "space", "-f", "json");
        ok(ns);
        assertEquals(((ObjectNode) JSON.readTree(LAB.ceph("osd", "map", "rep3", "x", "space", "-f", "json").out())).without("epoch"),
                ((ObjectNode) JSON.readTree(ns.out())).without("epoch"));
    }

    @Test
    void xattrs_and_omap_written_by_one_are_read_by_the_other() throws Exception {
        IoCtx io = client.ioCtx("test").withNamespace("kv");
        Rados.await(io.create("kv1", false));
        Rados.await(io.setXattr("kv1", "mine", ByteBuffer.wrap("from inkwire".getBytes(StandardCharsets.UTF_8))));
        Rados.await(io.omapSet("kv1", Map.of("ik", ByteBuffer.wrap("iv".getBytes(StandardCharsets.UTF_8)))));
        ok(rados("-p", "test", "-N", "kv", "setxattr", "kv1", "theirs", "from rados"));
        ok(rados("-p", "test", "-N", "kv", "setomapval", "kv1", "rk", "rv"));
        assertEquals("from inkwire", rados("-p", "test", "-N", "kv", "getxattr", "kv1", "mine").out());
        assertTrue(rados("-p", "test", "-N", "kv", "getomapval", "kv1", "ik").out().contains("|iv|"));
        assertEquals("from rados", new String(bytes(Rados.await(io.getXattr("kv1", "theirs"))), StandardCharsets.UTF_8));
        assertEquals(List.of("mine", "theirs"), new ArrayList<>(Rados.await(io.getXattrs("kv1")).keySet()));
        var vals = Rados.await(io.omapGetValsByKeys("kv1", List.of("ik", "rk")));
        assertEquals("rv", new String(bytes(vals.get("rk")), StandardCharsets.UTF_8));
        Rados.await(io.omapRmKeys("kv1", List.of("rk")));
        assertEquals("ik\n", rados("-p", "test", "-N", "kv", "listomapkeys", "kv1").out());
        RadosException missing = assertInstanceOf(RadosException.class, assertThrows(() -> io.getXattr("kv1", "nope")));
        assertEquals(61, missing.errno(), "ENODATA");
        assertEquals("kv", missing.namespace());
        assertEquals("kv1", missing.object());
    }
}
