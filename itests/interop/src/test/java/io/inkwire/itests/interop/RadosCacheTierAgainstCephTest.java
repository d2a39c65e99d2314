package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.config.CephConfig;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache tiering against a real Ceph 16.2 cluster: inkwire's ops take a base pool's overlay
 * ({@code read_tier}/{@code write_tier}, set by {@code ceph osd tier set-overlay}) and follow the
 * redirects a cache tier answers with, and Ceph's {@code rados} reads what inkwire wrote through the
 * overlay and the other way round.
 *
 * <p>Which cache mode redirects in Pacific ({@code PrimaryLogPG::maybe_handle_cache_detail}): writeback
 * promotes or proxies, proxy/readproxy proxy, and forward/readforward are deprecated and proxy too; only
 * readonly answers a write of an object it does not hold with {@code do_cache_redirect} (the op's
 * locator with the base pool, {@code tier_of}). So: a writeback pair shows the overlay (writes land in
 * the cache pool), a readonly pair shows redirects (writes sent to the cache land in the base pool).
 */
class RadosCacheTierAgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("tier", 13460, 16960).auth("cephx").osds(1);

    /** A writeback cache over a base pool: the overlay. */
    static final String WB_BASE = "wbbase";
    static final String WB_CACHE = "wbcache";
    /** A readonly cache over a base pool: writes are redirected to the base. */
    static final String RO_BASE = "robase";
    static final String RO_CACHE = "rocache";

    static RadosClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        for (String pool : List.of(WB_BASE, WB_CACHE, RO_BASE, RO_CACHE)) {
            ok(LAB.ceph("osd", "pool", "create", pool, "8", "8", "replicated"));
            ok(LAB.ceph("osd", "pool", "set", pool, "size", "1", "--yes-i-really-mean-it"));
            ok(LAB.ceph("osd", "pool", "application", "enable", pool, "rados"));
        }
        ok(LAB.ceph("osd", "tier", "add", WB_BASE, WB_CACHE));
        ok(LAB.ceph("osd", "tier", "cache-mode", WB_CACHE, "writeback"));
        ok(LAB.ceph("osd", "tier", "set-overlay", WB_BASE, WB_CACHE));
        ok(LAB.ceph("osd", "tier", "add", RO_BASE, RO_CACHE));
        ok(LAB.ceph("osd", "tier", "cache-mode", RO_CACHE, "readonly", "--yes-i-really-mean-it"));
        ok(LAB.ceph("osd", "tier", "set-overlay", RO_BASE, RO_CACHE));
        for (String pool : List.of(WB_BASE, WB_CACHE, RO_BASE, RO_CACHE)) {
            LAB.waitForIo(pool);
        }
        client = Rados.connect(Providers.transport(), Providers.forLab(LAB.conf(), CephConfig.empty()).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(60));
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void writes_through_the_overlay_land_in_the_cache_pool_and_read_back_through_either_client() throws Exception {
        IoCtx io = client.ioCtx(WB_BASE);
        Rados.await(io.writeFull("wb-ink", utf8("written by inkwire through the overlay")));
        // write_tier: the object is in the cache pool (dirty, not flushed), which Ceph's rados lists directly
        assertTrue(lines(rados("-p", WB_CACHE, "ls")).contains("wb-ink"), "the cache pool holds it");
        assertEquals("written by inkwire through the overlay", rados("-p", WB_BASE, "get", "wb-ink", "-").out());

        Path f = Files.writeString(dir.resolve("wb"), "written by rados through the overlay");
        ok(rados("-p", WB_BASE, "put", "wb-rados", f.toString()));
        assertFalse(lines(rados("-p", WB_BASE, "ls")).contains("wb-rados"), "not flushed to the base pool yet");
        // read_tier: inkwire reads it where it is, in the cache (the base pool alone does not have it)
        assertEquals("written by rados through the overlay", text(Rados.await(io.read("wb-rados", 0, 0))));
        assertEquals(36, Rados.await(io.stat("wb-rados")).size());
    }

    @Test
    void writes_a_readonly_cache_redirects_go_to_the_base_pool() throws Exception {
        IoCtx io = client.ioCtx(RO_BASE);
        long resentBefore = client.counters().getOpsResent();
        for (int i = 0; i < 4; i++) {
            Rados.await(io.writeFull("ro-ink-" + i, utf8("redirected write " + i)));
        }
        // the append is redirected too, and applied once: the base pool's OSD sees one op per reqid
        Rados.await(io.append("ro-ink-0", utf8(", appended")));
        // each write went to the cache tier first (write_tier), was redirected, and was sent again
        long resent = client.counters().getOpsResent() - resentBefore;
        assertTrue(resent >= 5, "5 redirected writes, " + resent + " resent");

        // the writes are in the base pool, not the cache (which a readonly cache only fills by promoting reads)
        List<String> base = lines(rados("-p", RO_BASE, "ls"));
        List<String> cache = lines(rados("-p", RO_CACHE, "ls"));
        for (int i = 0; i < 4; i++) {
            assertTrue(base.contains("ro-ink-" + i), base.toString());
            assertFalse(cache.contains("ro-ink-" + i), cache.toString());
        }
        assertEquals("redirected write 0, appended", rados("-p", RO_BASE, "get", "ro-ink-0", "-").out());
        assertEquals("redirected write 3", rados("-p", RO_BASE, "get", "ro-ink-3", "-").out());

        // the other way: Ceph's rados is redirected the same way; inkwire reads through the cache (a promotion)
        Path f = Files.writeString(dir.resolve("ro"), "written by rados, redirected");
        ok(rados("-p", RO_BASE, "put", "ro-rados", f.toString()));
        assertFalse(lines(rados("-p", RO_CACHE, "ls")).contains("ro-rados"));
        assertEquals("written by rados, redirected", text(Rados.await(io.read("ro-rados", 0, 0))));
        assertEquals("redirected write 0, appended", text(Rados.await(io.read("ro-ink-0", 0, 0))));
    }

    // ------------------------------------------------------------------ helpers

    private static CephLab.Result rados(String... args) throws Exception {
        return LAB.rados(args);
    }

    private static List<String> lines(CephLab.Result r) {
        ok(r);
        return Arrays.asList(r.out().split("\n"));
    }

    private static void ok(CephLab.Result r) {
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.UTF_8);
    }
}
