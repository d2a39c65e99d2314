package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cluster whose every ms_*mode option is "secure": AES-128-GCM to the monitor and to the OSD. */
class SecureOnlyClusterTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("secure", 13320, 16809).auth("cephx").mode("secure").osd();

    @Test
    void status_runs_in_secure_mode() throws Exception {
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-v", "status", "-f", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("proto=msgr2 rev=1 auth=cephx mode=secure"), r.err());
        assertTrue(r.out().contains(LAB.ceph("fsid").out().trim()));
    }

    @Test
    void a_crc_only_client_finds_no_common_connection_mode() throws Exception {
        long start = System.nanoTime();
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "--ms_mon_client_mode=crc", "--client_mount_timeout", "20", "status");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("no common connection mode"), r.err());
        assertTrue(r.err().contains("allows [secure]"), r.err());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "fails at once, not at the mount timeout");
    }

    @Test
    void the_osd_speaks_secure_mode_after_the_authorizer() throws Exception {
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-v", "tell", "osd.0", "{\"prefix\": \"version\"}");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"release\": \"pacific\""), r.out());
        assertTrue(r.err().matches("(?s).*auth=cephx mode=secure peer_type=osd.*"), r.err());
    }
}
