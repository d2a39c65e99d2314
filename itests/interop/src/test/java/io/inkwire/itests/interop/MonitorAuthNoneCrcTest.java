package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.config.CephConfig;
import io.inkwire.codec.mon.MonMap;
import io.inkwire.monclient.MonClient;
import io.inkwire.monclient.MonCommandResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** inkwire against a real Ceph 16.2 monitor with auth none and crc mode. */
class MonitorAuthNoneCrcTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("none-crc", 13300, 16789).auth("none").mode("crc");

    private static String fsidOf(String json) {
        Matcher m = Pattern.compile("\"fsid\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(json);
        assertTrue(m.find(), "no fsid in " + json);
        return m.group(1);
    }

    @Test
    void status_json_has_the_fsid_ceph_reports_and_verbose_shows_the_negotiation() throws Exception {
        CephLab.Result ceph = LAB.ceph("fsid");
        assertEquals(0, ceph.exit(), ceph.err());
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "status", "-f", "json", "-v");
        assertEquals(0, r.exit(), r.err());
        assertEquals(ceph.out().trim(), fsidOf(r.out()));
        assertTrue(r.err().contains("proto=msgr2 rev=1 auth=none mode=crc"), r.err());
        assertTrue(r.err().contains("peer=v2:127.0.0.1:13300/0"), r.err());
    }

    @Test
    void status_plain_is_what_ceph_s_prints() throws Exception {
        CephLab.Result ceph = LAB.ceph("-s");
        CephLab.Result r = Inkwire.run("status", "-c", LAB.conf().toString());
        assertEquals(0, r.exit(), r.err());
        // the same report, up to the ages that tick between the two calls
        String normalize = "\\(age [^)]*\\)";
        assertEquals(ceph.out().replaceAll(normalize, "(age)"), r.out().replaceAll(normalize, "(age)"));
    }

    @Test
    void mon_commands_answer_as_they_do_for_the_ceph_cli() throws Exception {
        String conf = LAB.conf().toString();
        CephLab.Result mine = Inkwire.run("-c", conf, "mon-command", "{\"prefix\": \"mon dump\", \"format\": \"json\"}");
        CephLab.Result theirs = LAB.ceph("mon", "dump", "-f", "json");
        assertEquals(0, mine.exit(), mine.err());
        assertEquals(theirs.out().trim(), mine.out().trim());
        assertTrue(mine.err().contains("dumped monmap epoch 1"), "status string on stderr: " + mine.err());

        assertEquals(0, Inkwire.run("-c", conf, "mon-command", "{\"prefix\": \"config-key set\", \"key\": \"inkwire/test\", \"val\": \"hello\"}").exit());
        CephLab.Result get = Inkwire.run("-c", conf, "mon-command", "{\"prefix\": \"config-key get\", \"key\": \"inkwire/test\"}");
        assertEquals("hello", get.out().trim());
        assertEquals("hello", LAB.ceph("config-key", "get", "inkwire/test").out().trim());

        CephLab.Result osd = Inkwire.run("-c", conf, "-f", "json", "mon-command", "{\"prefix\": \"osd dump\"}");
        assertEquals(fsidOf(LAB.ceph("osd", "dump", "-f", "json").out()), fsidOf(osd.out()));
    }

    @Test
    void a_monitor_error_is_its_errno_and_status_line() throws Exception {
        CephLab.Result theirs = LAB.ceph("osd", "pool", "get", "nosuchpool", "size");
        CephLab.Result mine = Inkwire.run("-c", LAB.conf().toString(), "mon-command",
                "{\"prefix\": \"osd pool get\", \"pool\": \"nosuchpool\", \"var\": \"size\"}");
        assertNotEquals(0, mine.exit());
        assertEquals(theirs.exit(), mine.exit(), "same exit status as the ceph CLI (the errno)");
        assertTrue(mine.err().contains("unrecognized pool 'nosuchpool'"), mine.err());
        assertEquals("", mine.out());
    }

    @Test
    void the_monitor_client_fetches_the_monmap() throws Exception {
        MessengerConfig cfg = Providers.forLab(LAB.conf(), CephConfig.empty()).build();
        try (MonClient mc = MonClient.connect(Providers.transport(), cfg, Providers.monitors(LAB.conf()), Duration.ofSeconds(30))) {
            MonMap map = mc.monMap();
            assertEquals(LAB.ceph("fsid").out().trim(), map.fsid().toString());
            assertEquals(1, map.mons().size());
            assertEquals("a", map.mons().get(0).name());
            assertEquals("[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]", map.mons().get(0).publicAddrs().toString());
            String dump = LAB.ceph("mon", "dump").out();
            assertTrue(dump.contains(map.dumpLines().get(map.dumpLines().size() - 1)), dump + " vs " + map.dumpLines());
            MonCommandResult r = mc.command("{\"prefix\": \"fsid\"}", new byte[0]).get(30, TimeUnit.SECONDS);
            assertEquals(map.fsid().toString(), r.outputText().trim());
            assertTrue(mc.session().keepalive().toCompletableFuture().get(10, TimeUnit.SECONDS) > 0, "the monitor answers KEEPALIVE2");
        }
    }

    @Test
    void a_refused_auth_method_fails_fast_with_a_clear_error() throws Exception {
        long start = System.nanoTime();
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "--auth_client_required", "cephx", "-k", LAB.adminKeyring().toString(),
                "--client_mount_timeout", "20", "status");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("no common auth method"), r.err());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "did not wait for the mount timeout");
    }

    @Test
    void an_unreachable_monitor_times_out_with_a_clear_error() throws Exception {
        long start = System.nanoTime();
        CephLab.Result r = Inkwire.run("-m", "v2:127.0.0.1:1", "--client_mount_timeout", "3", "status");
        assertEquals(110, r.exit(), r.err());
        assertTrue(r.err().contains("no monitor answered within 3 s"), r.err());
        assertTrue(r.err().contains("connection refused"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
    }
}
