package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.cephx.CephxAuthProvider;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.mode.secure.SecureConnectionMode;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * msgr1 through the Netty transport, both roles in one JVM over real sockets: one acceptor bound
 * with msgr2 and msgr1 on 127.0.0.1 and ::1 serves four connectors at once (v1 and v2, IPv4 and
 * IPv6) with cephx, the msgr1 monitor sessions authenticated with MAuth before they are handed
 * over; a wrong key is refused.
 */
class Msgr1LoopbackTest {

    private static final EntityName MON = new EntityName(EntityType.MON, "x");

    static CephConfig cephx(String... more) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("auth_cluster_required", "cephx", "auth_service_required", "cephx",
                "auth_client_required", "cephx", "ms_mon_client_mode", "secure crc", "ms_mon_service_mode", "secure crc",
                "ms_client_mode", "crc", "ms_service_mode", "crc"));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return CephConfig.of(m);
    }

    static MessengerConfig config(EntityName name, Keyring keys, CephConfig options, Dispatcher d) {
        return MessengerConfig.builder(name).options(options).keyring(keys).authProvider(new NoneAuthProvider())
                .authProvider(new CephxAuthProvider()).mode(new CrcConnectionMode()).mode(new SecureConnectionMode()).dispatcher(d).build();
    }

    @Test
    void one_acceptor_on_v1_and_v2_over_ipv4_and_ipv6_serves_four_cephx_connectors_at_once() throws Exception {
        Keyring keys = Keyring.generated(EntityName.CLIENT_ADMIN, MON);
        Dispatcher echo = (c, m) -> c.send(m.toBuilder().type(m.type() + 1).build());
        Map<Long, BlockingQueue<RawMessage>> back = new ConcurrentHashMap<>();
        Dispatcher atClient = (c, m) -> back.computeIfAbsent(m.tid() >> 16, k -> new LinkedBlockingQueue<>()).add(m.copy());
        try (Messenger server = new NettyMessengerFactory().create(config(MON, keys, cephx("ms_bind_ipv6", "true"), echo));
             Messenger client = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, keys, cephx(), atClient))) {
            EntityAddrVec bound = server.bind(EntityAddrVec.parse("[v2:127.0.0.1:0,v1:127.0.0.1:0,v2:[::1]:0,v1:[::1]:0]"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(4, bound.addrs().size(), bound.toString());
            assertEquals(2, bound.addrs().stream().filter(a -> a.type() == AddrType.LEGACY).count(), bound.toString());
            assertEquals(2, bound.addrs().stream().filter(a -> a.isIpv6()).count(), bound.toString());
            assertTrue(bound.toString().startsWith("[v2:127.0.0.1:"), bound.toString());
            assertTrue(bound.toString().contains(",v1:[::1]:"), bound.toString());
            assertEquals(bound, server.boundAddrs());

            List<CompletableFuture<Connection>> dialing = new ArrayList<>();
            for (EntityAddr a : bound.addrs()) {
                dialing.add(client.connect(a, EntityType.MON).toCompletableFuture());
            }
            byte[] data = new byte[65_536];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7);
            }
            for (int k = 0; k < dialing.size(); k++) {
                Connection c = dialing.get(k).get(20, TimeUnit.SECONDS);
                EntityAddr a = bound.get(k);
                ConnectionInfo i = c.info().orElseThrow();
                assertEquals(a.type() == AddrType.LEGACY ? "msgr1" : "msgr2", i.protocol(), i.summary());
                assertEquals("cephx", i.authMethod(), i.summary());
                assertEquals(a.type() == AddrType.LEGACY ? "legacy" : "secure", i.mode(), i.summary());
                assertTrue(i.globalId() > 0, i.summary());
                assertEquals(a.isIpv6(), i.peerAddr().ip() instanceof Inet6Address, i.summary());
                for (int n = 1; n <= 20; n++) {
                    c.send(RawMessage.builder(1000).tid(((long) k << 16) | n).front(new byte[] {(byte) n}).data(data).build());
                }
            }
            for (long k = 0; k < dialing.size(); k++) {
                BlockingQueue<RawMessage> q = back.computeIfAbsent(k, x -> new LinkedBlockingQueue<>());
                for (int n = 1; n <= 20; n++) {
                    RawMessage m = q.poll(20, TimeUnit.SECONDS);
                    assertTrue(m != null, "echo " + n + " over " + bound.get((int) k));
                    assertEquals((k << 16) | n, m.tid(), "in order over " + bound.get((int) k));
                    byte[] d = new byte[m.dataLength()];
                    m.data().get(d);
                    assertArrayEquals(data, d);
                }
            }
            for (CompletableFuture<Connection> f : dialing) {
                Connection c = f.get();
                assertTrue(c.keepalive().toCompletableFuture().get(10, TimeUnit.SECONDS) > 0);
                c.close();
                c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void a_wrong_key_is_refused_over_mauth() throws Exception {
        Keyring serverKeys = Keyring.generated(EntityName.CLIENT_ADMIN, MON);
        Keyring wrong = Keyring.generated(EntityName.CLIENT_ADMIN);
        try (Messenger server = new NettyMessengerFactory().create(config(MON, serverKeys, cephx(), (c, m) -> { }));
             Messenger client = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, wrong, cephx(), (c, m) -> { }))) {
            EntityAddr v1 = server.bind(EntityAddrVec.parse("v1:127.0.0.1:0")).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            assertEquals(AddrType.LEGACY, v1.type());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.connect(v1, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof AuthException, e.getCause().toString());
            assertTrue(e.getCause().getMessage().contains("refused"), e.getCause().getMessage());
        }
    }

    @Test
    void a_protocol_less_bind_becomes_v2_and_v1_on_the_next_port_as_ms_bind_says() throws Exception {
        try (Messenger both = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(MON, (c, m) -> { }).build());
             Messenger v2only = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(MON, (c, m) -> { })
                     .options(LoopbackHandshakeTest.NONE_CRC.with("ms_bind_msgr1", "false")).build())) {
            int port = freePortPair();
            EntityAddrVec b = both.bind(EntityAddrVec.parse("127.0.0.1:" + port, AddrType.ANY)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals("[v2:127.0.0.1:" + port + "/0,v1:127.0.0.1:" + (port + 1) + "/0]", b.toString());
            EntityAddrVec o = v2only.bind(EntityAddrVec.parse("127.0.0.1:0", AddrType.ANY)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1, o.addrs().size(), o.toString());
            assertEquals(AddrType.MSGR2, o.get(0).type());
        }
    }

    /** A port P with P and P + 1 free right now. */
    private static int freePortPair() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                int p = s.getLocalPort();
                if (p < 65535) {
                    try (java.net.ServerSocket t = new java.net.ServerSocket(p + 1)) {
                        return p;
                    } catch (java.io.IOException busy) {
                        // try another
                    }
                }
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }
}
