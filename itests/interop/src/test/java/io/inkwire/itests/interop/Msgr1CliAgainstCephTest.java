package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.config.CephConfig;
import io.inkwire.monclient.MonClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The product over msgr1 against a real Ceph 16.2 monitor and OSD bound to v1 only (cephx): the
 * CLI's {@code status} (MonClient on msgr1, authenticated with MAuth by the transport), {@code tell
 * osd.0} (the OSD's v1 address from {@code osd find}, the cephx authorizer inside the msgr1
 * connect, an MCommand answered), the MonClient API, and a wrong key refused.
 */
class Msgr1CliAgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("v1only", 13370, 16859).auth("cephx").msgr("v1").osd();

    private static final Pattern MON_LINE = Pattern.compile(
            "connected peer=v1:127\\.0\\.0\\.1:16859/0 proto=msgr1 rev=0 auth=cephx mode=legacy peer_type=mon global_id=(\\d+)");

    @Test
    void status_runs_over_msgr1_with_cephx() throws Exception {
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-v", "status", "-f", "json");
        assertEquals(0, r.exit(), r.out() + r.err());
        String fsid = LAB.ceph("fsid").out().trim();
        assertTrue(r.out().contains("\"fsid\":\"" + fsid + "\""), r.out());
        Matcher m = MON_LINE.matcher(r.err());
        assertTrue(m.find(), r.err());
        assertTrue(Long.parseLong(m.group(1)) > 0, "MAuth gave us a global id: " + r.err());
        assertFalse(r.err().contains("proto=msgr2"), "a v1-only monitor is never tried over msgr2: " + r.err());
    }

    @Test
    void tell_osd_finds_the_v1_address_and_runs_the_cephx_authorizer_over_msgr1() throws Exception {
        CephLab.Result find = Inkwire.run("-c", LAB.conf().toString(), "mon-command", "{\"prefix\": \"osd find\", \"id\": 0}", "-f", "json");
        assertEquals(0, find.exit(), find.out() + find.err());
        assertTrue(find.out().contains("{\"type\":\"v1\",\"addr\":\"127.0.0.1:"), find.out());
        assertFalse(find.out().contains("\"type\":\"v2\""), find.out());

        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-v", "tell", "osd.0", "{\"prefix\": \"version\"}");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\"version\": \"16.2"), r.out());
        assertTrue(MON_LINE.matcher(r.err()).find(), r.err());
        assertTrue(Pattern.compile("connected peer=v1:127\\.0\\.0\\.1:\\d+/\\d+ proto=msgr1 rev=0 auth=cephx mode=legacy peer_type=osd global_id=[1-9]")
                .matcher(r.err()).find(), r.err());
    }

    @Test
    void the_monclient_api_keeps_a_msgr1_session_alive_and_runs_commands() throws Exception {
        try (MonClient mc = MonClient.connect(Providers.transport(), Providers.forLab(LAB.conf(), CephConfig.empty()).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(30))) {
            Connection s = mc.session();
            ConnectionInfo i = s.info().orElseThrow();
            assertEquals("msgr1", i.protocol());
            assertEquals("cephx", i.authMethod());
            assertTrue(i.lossy(), "msgr1 sessions are lossy");
            assertEquals(mc.fsid().toString(), LAB.ceph("fsid").out().trim());
            assertTrue(s.keepalive().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS) > 0, "KEEPALIVE2_ACK came back");
            for (int n = 0; n < 3; n++) {
                String key = "inkwire/msgr1/" + n;
                mc.commandOrThrow("{\"prefix\": \"config-key set\", \"key\": \"" + key + "\", \"val\": \"v" + n + "\"}", new byte[0],
                        Duration.ofSeconds(20));
                assertEquals("v" + n, LAB.ceph("config-key", "get", key).out().trim());
            }
        }
    }

    @Test
    void a_wrong_key_is_refused_by_the_monitor_over_mauth() throws Exception {
        Path wrong = Files.createTempFile("inkwire-v1-wrong", ".keyring");
        try {
            Files.writeString(wrong, "[client.admin]\n\tkey = AQAAAAAAAAAAABAAAAECAwQFBgcICQoLDA0ODw==\n");
            CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-k", wrong.toString(), "--client_mount_timeout", "20", "status");
            assertEquals(13, r.exit(), "EACCES: " + r.out() + r.err());
            assertTrue(r.err().contains("refused"), r.err());
        } finally {
            Files.deleteIfExists(wrong);
        }
    }
}
