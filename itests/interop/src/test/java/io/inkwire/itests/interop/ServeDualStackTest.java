package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MPing;
import io.inkwire.config.Keyrings;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./inkwire serve} bound with msgr2 and msgr1 on 127.0.0.1 and ::1 ({@code ms_bind_ipv6})
 * prints its address vector in Ceph's syntax and serves four cephx connectors at once — v1 and v2,
 * IPv4 and IPv6 — and a whole CLI monitor session over msgr1 on ::1 (MAuth, monmap, command).
 */
class ServeDualStackTest {

    /** Removed by JUnit after {@code @AfterAll} has stopped serve: no run leaves files in /tmp. */
    @TempDir
    static Path dir;
    static Path keyring;
    static Process serve;
    static Path serveOut;
    static Path serveErr;
    static int[] ports = new int[4];
    static EntityAddrVec printed;

    @BeforeAll
    static void startServe() throws Exception {
        keyring = dir.resolve("keyring");
        Files.writeString(keyring, "[client.admin]\n\tkey = " + CryptoKey.generateAes().toBase64() + "\n");
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
        }
        String bind = "[v2:127.0.0.1:" + ports[0] + ",v1:127.0.0.1:" + ports[1] + ",v2:[::1]:" + ports[2] + ",v1:[::1]:" + ports[3] + "]";
        serveOut = dir.resolve("serve.out");
        serveErr = dir.resolve("serve.err");
        serve = new ProcessBuilder(Inkwire.command("serve", "--bind", bind, "-c", emptyConf().toString(), "-k", keyring.toString(), "--ms_bind_ipv6=true",
                "--auth_service_required", "cephx", "--ms_mon_service_mode", "secure crc"))
                .redirectOutput(serveOut.toFile()).redirectError(serveErr.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(serveOut).contains("serving") && System.nanoTime() < until && serve.isAlive()) {
            Thread.sleep(100);
        }
        String out = Files.readString(serveOut);
        String expected = "[v2:127.0.0.1:" + ports[0] + "/0,v2:[::1]:" + ports[2] + "/0,v1:127.0.0.1:" + ports[1] + "/0,v1:[::1]:" + ports[3] + "/0]";
        assertTrue(out.contains("inkwire: serving mon.inkwire at " + expected + " fsid "), "serve: " + out + Files.readString(serveErr));
        printed = EntityAddrVec.parse(expected);
    }

    /** A ceph.conf with nothing in it: everything comes from the command line. */
    private static Path emptyConf() throws java.io.IOException {
        Path conf = dir.resolve("empty.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "");
        }
        return conf;
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.destroy();
            assertTrue(serve.waitFor(20, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
    }

    @Test
    void four_cephx_connectors_v1_and_v2_over_ipv4_and_ipv6_are_served_at_once() throws Exception {
        CephConfig options = CephConfig.of(Map.of("keyring", keyring.toString(), "auth_client_required", "cephx",
                "ms_mon_client_mode", "secure crc"));
        Map<Connection, CompletableFuture<RawMessage>> pongs = new ConcurrentHashMap<>();
        Dispatcher d = (c, m) -> {
            if (m.type() == MPing.CEPH_MSG_PING) {
                pongs.computeIfAbsent(c, k -> new CompletableFuture<>()).complete(m);
            }
        };
        MessengerConfig config = MessengerConfig.builder(EntityName.CLIENT_ADMIN).options(options)
                .keyring(Keyrings.resolve(options, EntityName.CLIENT_ADMIN)).authProviders(Providers.auth()).modes(Providers.modes())
                .codecs(Providers.codecs()).dispatcher(d).build();
        try (Messenger client = Providers.transport().create(config)) {
            List<CompletableFuture<Connection>> dialing = new ArrayList<>();
            for (EntityAddr a : printed.addrs()) {
                dialing.add(client.connect(a, EntityType.MON).toCompletableFuture());
            }
            List<Connection> open = new ArrayList<>();
            for (int k = 0; k < dialing.size(); k++) {
                Connection c = dialing.get(k).get(30, TimeUnit.SECONDS);
                ConnectionInfo i = c.info().orElseThrow();
                EntityAddr a = printed.get(k);
                assertEquals(a.type() == AddrType.LEGACY ? "msgr1" : "msgr2", i.protocol(), i.summary());
                assertEquals("cephx", i.authMethod(), i.summary());
                assertEquals(a, i.peerAddr(), i.summary());
                open.add(c);
            }
            for (Connection c : open) {
                c.send(Providers.codecs().encode(new MPing(), c.info().orElseThrow().features()));
            }
            for (Connection c : open) {
                pongs.computeIfAbsent(c, k -> new CompletableFuture<>()).get(20, TimeUnit.SECONDS);
                assertTrue(c.isOpen(), "all four stay open together: " + c);
            }
        }
        String log = Files.readString(serveErr);
        for (String peer : new String[] {"v1:127.0.0.1:", "v1:[::1]:"}) {
            assertTrue(log.matches("(?s).*accepted peer=" + java.util.regex.Pattern.quote(peer)
                    + "\\d+/\\d+ proto=msgr1 rev=0 auth=cephx mode=legacy peer_type=client peer_name=client\\.admin global_id=[1-9].*"), log);
        }
        assertTrue(log.contains("proto=msgr2 rev=1 auth=cephx mode=secure peer_type=client"), log);
    }

    @Test
    void a_cli_monitor_session_over_msgr1_on_ipv6() throws Exception {
        CephLab.Result r = Inkwire.run("--conf", emptyConf().toString(), "-k", keyring.toString(), "-m", "v1:[::1]:" + ports[3], "--ms_bind_msgr2=false",
                "--client_mount_timeout", "30", "-v", "status");
        assertEquals(95, r.exit(), "EOPNOTSUPP from serve's minimal monitor: " + r.out() + r.err());
        assertTrue(r.err().contains("connected peer=v1:[::1]:" + ports[3] + "/0 proto=msgr1 rev=0 auth=cephx mode=legacy peer_type=mon"), r.err());
        assertTrue(r.err().contains("not supported by inkwire serve"), r.err());
    }
}
