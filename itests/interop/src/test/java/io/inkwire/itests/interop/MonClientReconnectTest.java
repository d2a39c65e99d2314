package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.config.CephConfig;
import io.inkwire.monclient.MonClient;
import io.inkwire.monclient.MonCommandResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lossy monitor session that loses its socket mid-command: a TCP proxy between inkwire and a real
 * cephx monitor cuts the connection as the command goes out (the command never reaches the
 * monitor). The monitor client must open a new session and send the command again, and the
 * command must complete.
 */
class MonClientReconnectTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("faults", 13340, 16829).auth("cephx");

    @Test
    void commands_cut_off_mid_flight_complete_on_a_new_session() throws Exception {
        try (TcpProxy proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", LAB.portV2()))) {
            CephConfig overrides = CephConfig.of(Map.of(
                    // dial the proxy, while CLIENT_IDENT still names the monitor's own address
                    "inkwire_dial_redirect", "127.0.0.1:" + LAB.portV2() + "=127.0.0.1:" + proxy.port(),
                    "mon_client_hunt_interval", "0.2"));
            try (MonClient mc = MonClient.connect(Providers.transport(), Providers.forLab(LAB.conf(), overrides).build(),
                    Providers.monitors(LAB.conf()), Duration.ofSeconds(30))) {
                assertEquals(0, mc.command("{\"prefix\": \"fsid\"}", new byte[0]).get(30, TimeUnit.SECONDS).r());
                assertEquals(1, proxy.accepted(), "the session runs through the proxy");

                for (int i = 1; i <= 3; i++) {
                    proxy.cutOnNextRequest();
                    String json = "{\"prefix\": \"config-key set\", \"key\": \"inkwire/fault\", \"val\": \"survived-" + i + "\"}";
                    MonCommandResult r = mc.command(json, new byte[0]).get(60, TimeUnit.SECONDS);
                    assertEquals(0, r.r(), r.rs());
                    assertEquals("survived-" + i, LAB.ceph("config-key", "get", "inkwire/fault").out().trim(),
                            "the re-sent command reached the monitor");
                }
                assertTrue(proxy.cuts() >= 3, "the proxy cut " + proxy.cuts() + " times");
                assertTrue(mc.reconnects() >= 3, "new sessions: " + mc.reconnects());
                assertEquals(1 + mc.reconnects(), proxy.accepted(), "one socket per session, each a new session");
            }
        }
    }
}
