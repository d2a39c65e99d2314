package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.config.CephConfig;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.RadosStriper;
import io.inkwire.rados.striper.StripeLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * inkwire's striper against Ceph's libradosstriper ({@code rados --striper}) on a real OSD: objects
 * written by one read back byte for byte by the other in both directions (0 B, 1 B, one stripe unit,
 * 100 MiB + 3 B, and a non-default layout that exercises the mapping), the same raw pieces and xattrs,
 * the same stat, ls, rm and truncate, the striper.lock honoured, and a 1 GiB upload from a stream by
 * the CLI in a JVM capped at 256 MiB of heap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RadosStriperAgainstCephTest {

    /** 3 GiB of memstore: the 1 GiB upload and the rest fit (memstore keeps it in RAM until removed). */
    @RegisterExtension
    static final CephLab LAB = CephLab.create("striper", 13440, 16940).auth("cephx").osds(1).memstoreBytes(3L << 30);

    static final String POOL = "test";
    static final long[] SIZES = {0, 1, 4 << 20, (100L << 20) + 3};

    static RadosClient client;
    static IoCtx io;
    static RadosStriper striper;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws Exception {
        client = Rados.connect(Providers.transport(), Providers.forLab(LAB.conf(), CephConfig.empty()).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(60));
        io = client.ioCtx(POOL);
        striper = RadosStriper.create(io);
        LAB.waitForIo(POOL);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void objects_put_by_rados_striper_read_back_identical_through_inkwire() throws Exception {
        for (long size : SIZES) {
            String soid = "theirs-" + size;
            Path f = file(size, size + 1);
            ok(rados("--striper", "put", soid, f.toString()));
            ByteArrayDigest got = new ByteArrayDigest();
            assertEquals(size, striper.download(soid, got.out));
            assertEquals(sha256(f), got.hex(), soid);
            ObjectStat st = Rados.await(striper.stat(soid));
            assertEquals(size, st.size());
            // one read through the async API too: the last 10 bytes (or all)
            long from = Math.max(0, size - 10);
            byte[] tail = bytes(Rados.await(striper.read(soid, from, 100)));
            assertArrayEquals(slice(f, from, (int) (size - from)), tail, soid);
            // the CLI's stat line is rados --striper's
            CephLab.Result theirs = rados("--striper", "stat", soid);
            CephLab.Result mine = inkwire("--striper", "stat", soid);
            ok(theirs);
            assertEquals(theirs.out(), mine.out(), mine.err());
            assertTrue(theirs.out().endsWith(", size " + size + "\n"), theirs.out());
            // and so are the bytes of the CLI's get
            Path back = dir.resolve("back-" + size);
            ok(inkwire("--striper", "get", soid, back.toString()));
            assertEquals(sha256(f), sha256(back));
        }
    }

    @Test
    @Order(2)
    void objects_uploaded_by_inkwire_read_back_identical_through_rados_striper() throws Exception {
        for (long size : SIZES) {
            String soid = "mine-" + size;
            Path f = file(size, 1000 + size);
            try (InputStream in = Files.newInputStream(f)) {
                assertEquals(size, striper.upload(soid, in));
            }
            Path back = dir.resolve("theirs-" + size);
            ok(rados("--striper", "get", soid, back.toString()));
            assertEquals(sha256(f), sha256(back), soid);
            CephLab.Result st = rados("--striper", "stat", soid);
            ok(st);
            assertTrue(st.out().endsWith(", size " + size + "\n"), st.out());
        }
        // the raw layout is libradosstriper's: pieces NAME.%016x, 4 MiB each, xattrs on the first as decimal strings
        TreeSet<String> raw = rawObjects("mine-" + SIZES[3] + ".");
        assertEquals(26, raw.size(), String.valueOf(raw));
        assertTrue(raw.contains("mine-104857603.0000000000000000") && raw.contains("mine-104857603.0000000000000019"), raw.toString());
        String head = "mine-104857603.0000000000000000";
        assertEquals("4194304", rados("getxattr", head, "striper.layout.object_size").out());
        assertEquals("4194304", rados("getxattr", head, "striper.layout.stripe_unit").out());
        assertEquals("1", rados("getxattr", head, "striper.layout.stripe_count").out());
        assertEquals("104857603", rados("getxattr", head, "striper.size").out());
        CephLab.Result last = rados("stat", "mine-104857603.0000000000000019");
        assertTrue(last.out().endsWith(", size 3\n"), last.out());
        // the write of 0 bytes made an object too, of size 0, as write_full of nothing does
        assertEquals("0", rados("getxattr", "mine-0.0000000000000000", "striper.size").out());
        // and no locker is left behind (cls_lock keeps the lock's name with no holders, as after Ceph's own put)
        CephLab.Result info = rados("lock", "info", head, "striper.lock", "-f", "json");
        ok(info);
        assertTrue(info.out().contains("\"lockers\":[]"), info.out());
        assertEquals(rados("lock", "list", "theirs-1.0000000000000000").out().replace("theirs-1", "mine-1"),
                rados("lock", "list", "mine-1.0000000000000000").out());
    }

    @Test
    @Order(3)
    void a_non_default_layout_maps_as_cephs_striper_maps_it() throws Exception {
        StripeLayout l = new StripeLayout(65536, 3, 131072);
        RadosStriper s = striper.withLayout(l).withMaxInFlight(4);
        int size = 1_000_003; // 2 object sets and some: objects 0..5 full, then into set 2
        Path f = file(size, 77);
        try (InputStream in = Files.newInputStream(f)) {
            s.upload("odd", in);
        }
        Path back = dir.resolve("odd");
        ok(rados("--striper", "get", "odd", back.toString()));
        assertEquals(sha256(f), sha256(back));
        assertEquals("65536", rados("getxattr", "odd.0000000000000000", "striper.layout.stripe_unit").out());
        assertEquals("3", rados("getxattr", "odd.0000000000000000", "striper.layout.stripe_count").out());
        // 1000003 = 15 units + 16963: units 0..14 and a partial 15th, objects of set 2 are 6, 7, 8
        assertEquals(9, rawObjects("odd.").size());
        // a write at an odd offset across stripe units, by inkwire, read by Ceph and by inkwire
        byte[] patch = new byte[200_000];
        new Random(5).nextBytes(patch);
        Rados.await(s.write("odd", ByteBuffer.wrap(patch), 65_000));
        byte[] expect = Files.readAllBytes(f);
        System.arraycopy(patch, 0, expect, 65_000, patch.length);
        ok(rados("--striper", "get", "odd", back.toString()));
        assertArrayEquals(expect, Files.readAllBytes(back));
        assertArrayEquals(Arrays.copyOfRange(expect, 60_000, 300_000), bytes(Rados.await(s.read("odd", 60_000, 240_000))));
        // appends go to the end, as Ceph reads it
        Rados.await(s.append("odd", ByteBuffer.wrap("tail".getBytes(StandardCharsets.US_ASCII))));
        ok(rados("--striper", "get", "odd", back.toString()));
        byte[] got = Files.readAllBytes(back);
        assertEquals(size + 4, got.length);
        assertEquals("tail", new String(got, size, 4, StandardCharsets.US_ASCII));
    }

    @Test
    @Order(4)
    void ls_lists_the_striped_objects_as_rados_striper_ls() throws Exception {
        CephLab.Result theirs = rados("--striper", "ls");
        CephLab.Result mine = inkwire("--striper", "ls");
        ok(theirs);
        assertEquals(0, mine.exit(), mine.err());
        assertEquals(sorted(theirs.out()), sorted(mine.out()));
        assertTrue(sorted(theirs.out()).containsAll(List.of("theirs-0", "mine-104857603", "odd")), theirs.out());
        assertTrue(sorted(theirs.out()).stream().noneMatch(n -> n.contains(".000")), theirs.out());
    }

    @Test
    @Order(5)
    void rm_by_one_leaves_no_piece_for_the_other() throws Exception {
        // Ceph removes what inkwire wrote
        ok(rados("--striper", "rm", "mine-104857603"));
        assertEquals(new TreeSet<>(), rawObjects("mine-104857603."));
        // inkwire removes what Ceph wrote, and what it wrote with its odd layout
        Rados.await(striper.remove("theirs-104857603"));
        assertEquals(new TreeSet<>(), rawObjects("theirs-104857603."));
        ok(inkwire("--striper", "rm", "odd"));
        assertEquals(new TreeSet<>(), rawObjects("odd."));
        CephLab.Result gone = rados("--striper", "stat", "theirs-104857603");
        assertNotEquals(0, gone.exit());
        RadosException e = assertThrowsRados(() -> Rados.await(striper.stat("mine-104857603")));
        assertEquals(2, e.errno());
        CephLab.Result mineGone = inkwire("--striper", "stat", "theirs-104857603");
        assertEquals(gone.exit(), mineGone.exit());
        assertEquals(gone.err().trim(), mineGone.err().trim());
    }

    @Test
    @Order(6)
    void truncate_by_one_reads_back_through_the_other() throws Exception {
        Path f = file(10L << 20, 9);
        ok(rados("--striper", "put", "cut", f.toString()));
        long to = (5L << 20) + 1;
        Rados.await(striper.truncate("cut", to));
        Path back = dir.resolve("cut");
        ok(rados("--striper", "get", "cut", back.toString()));
        assertArrayEquals(slice(f, 0, (int) to), Files.readAllBytes(back));
        assertEquals(Set2("cut.0000000000000000", "cut.0000000000000001"), rawObjects("cut."));
        // Ceph truncates (and grows: sparse, zeros) what inkwire reads
        ok(rados("--striper", "truncate", "cut", "1000"));
        assertArrayEquals(slice(f, 0, 1000), bytes(Rados.await(striper.read("cut", 0, 1 << 20))));
        ok(rados("--striper", "truncate", "cut", String.valueOf(9L << 20)));
        ByteArrayDigest got = new ByteArrayDigest();
        assertEquals(9L << 20, striper.download("cut", got.out));
        byte[] expect = new byte[9 << 20];
        System.arraycopy(slice(f, 0, 1000), 0, expect, 0, 1000);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expect)), got.hex());
        // the CLI's truncate too
        ok(inkwire("--striper", "truncate", "cut", "10"));
        assertTrue(rados("--striper", "stat", "cut").out().endsWith(", size 10\n"));
        ok(rados("--striper", "rm", "cut"));
        assertEquals(new TreeSet<>(), rawObjects("cut."));
    }

    @Test
    @Order(7)
    void xattrs_live_on_the_first_object_and_listxattr_hides_the_stripers_own() throws Exception {
        Rados.await(striper.setXattr("theirs-1", "color", ByteBuffer.wrap("blue".getBytes(StandardCharsets.UTF_8))));
        assertEquals("blue", rados("--striper", "getxattr", "theirs-1", "color").out());
        ok(rados("--striper", "setxattr", "theirs-1", "shape", "round"));
        assertEquals("round", new String(bytes(Rados.await(striper.getXattr("theirs-1", "shape"))), StandardCharsets.UTF_8));
        CephLab.Result theirs = rados("--striper", "listxattr", "theirs-1");
        assertEquals("color\nshape\n", theirs.out());
        assertEquals(theirs.out(), inkwire("--striper", "listxattr", "theirs-1").out());
        assertEquals(List.of("color", "shape"), new ArrayList<>(Rados.await(striper.getXattrs("theirs-1")).keySet()));
    }

    @Test
    @Order(8)
    void a_striper_lock_held_exclusive_by_ceph_blocks_inkwires_write() throws Exception {
        ok(rados("--striper", "put", "locked", file(10, 3).toString()));
        ok(rados("lock", "get", "locked.0000000000000000", "striper.lock", "--lock-type", "exclusive", "--lock-cookie", "c1"));
        RadosException e = assertThrowsRados(() -> Rados.await(striper.write("locked", ByteBuffer.wrap(new byte[5]), 0)));
        assertEquals(16, e.errno(), e.getMessage()); // EBUSY
        e = assertThrowsRados(() -> Rados.await(striper.read("locked", 0, 5)));
        assertEquals(16, e.errno());
        // and inkwire's shared hold during a write shows in lock info to Ceph as libradosstriper's (tag "Tag")
        ok(rados("rm", "locked.0000000000000000"));
    }

    @Test
    @Order(9)
    void a_one_gib_upload_from_a_stream_by_the_cli_keeps_the_heap_under_256_mib() throws Exception {
        long size = 1L << 30;
        List<String> cmd = new ArrayList<>(Inkwire.command("-c", LAB.conf().toString(), "rados", "-p", POOL, "--striper", "put", "big", "-"));
        Path gcLog = dir.resolve("gc.log");
        cmd.add(1, "-Xmx256m");
        cmd.add(2, "-Xlog:gc:file=" + gcLog);
        Path err = dir.resolve("put.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        long t0 = System.nanoTime();
        try (OutputStream to = p.getOutputStream()) {
            byte[] chunk = new byte[1 << 20];
            Random r = new Random(42);
            for (long at = 0; at < size; at += chunk.length) {
                r.nextBytes(chunk);
                sent.update(chunk);
                to.write(chunk);
            }
        }
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the upload did not end in 600 s");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, p.exitValue(), Files.readString(err));
        // the heap the JVM had in use before each collection: its peak
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (\\d+)M->\\d+M\\(").matcher(Files.readString(gcLog));
        long peak = 0;
        int gcs = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            gcs++;
        }
        assertTrue(gcs > 0, "no collection logged");
        assertTrue(peak < 256, "peak heap " + peak + " MiB");
        System.out.printf("1 GiB striped upload by the CLI under -Xmx256m: %.1f s (%.0f MiB/s), peak heap %d MiB over %d GCs%n",
                seconds, 1024 / seconds, peak, gcs);
        assertTrue(rados("--striper", "stat", "big").out().endsWith(", size " + size + "\n"));
        assertEquals(256, rawObjects("big.").size());
        // Ceph's striper reads it back identical, streamed into a digest
        Process get = new ProcessBuilder("timeout", "600", "rados", "-c", LAB.conf().toString(), "-p", POOL, "--striper", "get", "big", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        MessageDigest got = MessageDigest.getInstance("SHA-256");
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = get.getInputStream()) {
                byte[] b = new byte[1 << 20];
                long n = 0;
                int k;
                while ((k = in.read(b)) > 0) {
                    got.update(b, 0, k);
                    n += k;
                }
                return n;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(get.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, get.exitValue());
        assertEquals(size, read.get(60, TimeUnit.SECONDS));
        assertArrayEquals(sent.digest(), got.digest());
        ok(rados("--striper", "rm", "big"));
        assertEquals(new TreeSet<>(), rawObjects("big."));
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    static RadosException assertThrowsRados(Call c) throws Exception {
        try {
            c.run();
        } catch (RadosException e) {
            return e;
        }
        throw new AssertionError("no RadosException");
    }

    static TreeSet<String> Set2(String... names) {
        return new TreeSet<>(List.of(names));
    }

    /** The raw RADOS objects (plain {@code rados ls}) whose name starts with {@code prefix}. */
    static TreeSet<String> rawObjects(String prefix) throws Exception {
        CephLab.Result r = rados("ls");
        ok(r);
        return r.out().lines().filter(n -> n.startsWith(prefix)).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> sorted(String lines) {
        return lines.lines().sorted().toList();
    }

    Path file(long size, long seed) throws IOException {
        Path f = dir.resolve("data-" + size + "-" + seed);
        Random r = new Random(seed);
        try (OutputStream o = Files.newOutputStream(f)) {
            byte[] b = new byte[1 << 20];
            for (long left = size; left > 0; left -= b.length) {
                r.nextBytes(b);
                o.write(b, 0, (int) Math.min(b.length, left));
            }
        }
        return f;
    }

    static byte[] slice(Path f, long from, int n) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining() && ch.read(b, from + b.position()) > 0) {
                // reads until full
            }
            return b.array();
        }
    }

    static String sha256(Path f) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(f)) {
            byte[] b = new byte[1 << 20];
            int n;
            while ((n = in.read(b)) > 0) {
                d.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** A sink that keeps only the SHA-256 of what went through it. */
    static final class ByteArrayDigest {
        final MessageDigest d;
        final OutputStream out;

        ByteArrayDigest() throws Exception {
            d = MessageDigest.getInstance("SHA-256");
            out = new DigestOutputStream(OutputStream.nullOutputStream(), d);
        }

        String hex() {
            return HexFormat.of().formatHex(d.digest());
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    static void ok(CephLab.Result r) {
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    static CephLab.Result rados(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("timeout", "300", "rados", "-c", LAB.conf().toString(), "-p", POOL));
        cmd.addAll(List.of(args));
        CephLab.Result r = CephLab.run(cmd, 330);
        List<String> a = List.of(args);
        if (diedInItsShutdown(r) && (!a.contains("rm") || a.contains("--striper"))) {
            // libradosstriper 16.2's RadosStriperImpl is reference-counted and holds a librados::Rados of
            // its own (src/libradosstriper/RadosStriperImpl.cc); when its last reference goes in an aio
            // completion, the RadosClient is torn down on an io_context_pool thread, after the tool has
            // done its work. That thread then joins itself (std::thread::join throws EDEADLK, the tool
            // aborts: a `--striper get` in the fresh-clone CI of ab4e4d5) or reads the config being torn
            // down (SIGSEGV in AsyncConnection::_stop under Rados::~Rados: a `--striper rm` in that of
            // 6783de7). That is Ceph's bug, not a verdict on inkwire's bytes, so such a run is done again,
            // once; every check of the output stays as it is. A striped rm may run twice: the tool's
            // `--striper rm` of an object that is gone exits 0 (16.2.15), and each rm here is followed by
            // a check that no piece is left. A plain rm is never run twice: its second run would fail.
            System.err.println("rados " + String.join(" ", args) + ": died in its own shutdown; run once more");
            r = CephLab.run(cmd, 330);
        }
        return r;
    }

    /**
     * The tool died while tearing down the client libradosstriper held: SIGABRT because a thread of its
     * io_context_pool joined itself, or SIGSEGV in that thread under {@code Rados::~Rados}.
     */
    static boolean diedInItsShutdown(CephLab.Result r) {
        String err = r.err();
        return err.contains("io_context_pool")
                && (r.exit() == 128 + 6 && err.contains("Resource deadlock avoided")
                        || r.exit() == 128 + 11 && err.contains("Rados::~Rados") && err.contains("libradosstriper"));
    }

    static CephLab.Result inkwire(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-c", LAB.conf().toString(), "rados", "-p", POOL));
        cmd.addAll(List.of(args));
        return Inkwire.run(cmd.toArray(new String[0]));
    }
}
