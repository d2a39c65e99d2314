package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Ceph 16.2 monitor, built without gss as Debian's is, when inkwire offers
 * {@code auth_client_required = gss cephx}: the monitor answers AUTH_BAD_METHOD to method 4 and
 * inkwire goes on with cephx at once, without touching Kerberos (no KDC, no krb5.conf here).
 */
class GssFallbackAgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("gss-fallback", 13360, 16849).auth("cephx");

    static final CephConfig GSS_FIRST = CephConfig.of(Map.of("auth_client_required", "gss cephx", "client_mount_timeout", "20"));

    @Test
    void the_cli_offering_gss_first_falls_back_to_cephx_at_once() throws Exception {
        long start = System.nanoTime();
        CephLab.Result r = CephLab.run(GssAgainstKdcTest.cli(List.of(), "-c", LAB.conf().toString(), "-v",
                "--auth_client_required", "gss cephx", "--client_mount_timeout", "20", "status"), 90);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("connected peer=v2:127.0.0.1:13360/0 proto=msgr2 rev=1 auth=cephx"), r.err());
        assertTrue(r.out().contains("HEALTH_"), r.out());
        assertTrue(seconds < 15, "took " + seconds + " s");
    }

    @Test
    void a_messenger_with_gss_installed_and_preferred_negotiates_cephx_with_the_monitor() throws Exception {
        assertTrue(Providers.auth().stream().anyMatch(p -> p.name().equals("gss")), "gss is installed");
        try (Messenger m = Providers.transport().create(Providers.forLab(LAB.conf(), GSS_FIRST).build())) {
            Connection c = m.connect(EntityAddr.msgr2("127.0.0.1", LAB.portV2()), EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals("cephx", c.info().orElseThrow().authMethod());
        }
    }
}
