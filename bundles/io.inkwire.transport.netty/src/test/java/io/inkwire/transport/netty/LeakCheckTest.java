package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.cephx.CephxAuthProvider;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.mode.secure.SecureConnectionMode;
import io.inkwire.protocol.BufferPool;
import io.inkwire.transport.netty.internal.NettyMessenger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ownership of received buffers, end to end over loopback sockets: a dispatcher that does
 * nothing special leaks nothing and its messages' buffers are reused; one that retains a message
 * and never releases it is caught by {@link LeakCheck}, as is a Netty buffer nobody released.
 */
class LeakCheckTest {

    private static final EntityName SERVER = new EntityName(EntityType.MON, "leaks");

    @Test
    void every_test_of_this_module_runs_inside_the_check_and_netty_tracks_every_buffer(org.junit.jupiter.api.TestInfo info) {
        assertTrue(LeakCheck.paranoid(), "surefire sets io.netty.leakDetection.level=paranoid");
        assertTrue(String.valueOf(LeakCheck.current()).contains("every_test_of_this_module_runs_inside_the_check"),
                "LeakCheck is registered for every test (junit-platform.properties + META-INF/services): " + LeakCheck.current());
    }

    /**
     * Answers (built from the request with toBuilder, so the answer holds the request's buffers
     * until written), one-way messages, both modes, sizes across the pool's classes and a large one:
     * every receive buffer is back once the messengers are closed, and most were reused.
     */
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({"none, crc, msgr2", "cephx, secure, msgr2", "cephx, crc, msgr1"})
    void a_dispatcher_that_does_nothing_special_leaks_nothing(String auth, String mode, String protocol) throws Exception {
        long before = BufferPool.outstandingEverywhere();
        Dispatcher echo = (c, m) -> c.send(m.toBuilder().type(m.type() + 1).build());
        BlockingQueue<byte[]> back = new LinkedBlockingQueue<>();
        Dispatcher client = (c, m) -> back.add(bytes(m.data())); // read in the callback: nothing kept
        Keyring keys = Keyring.generated(EntityName.CLIENT_ADMIN, SERVER);
        int[] sizes = {1, 100, 4096, 4097, 65536, 1 << 20, 4 << 20, 4096, 100, 1};
        Random r = new Random(11);
        try (NettyMessenger server = (NettyMessenger) new NettyMessengerFactory().create(config(SERVER, auth, mode, keys, echo));
             Messenger c = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, auth, mode, keys, client))) {
            EntityAddr addr = server.bind(EntityAddrVec.of(protocol.equals("msgr2") ? EntityAddr.msgr2("127.0.0.1", 0)
                    : EntityAddr.parse("v1:127.0.0.1:0"))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection conn = c.connect(addr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int round = 0; round < 3; round++) {
                for (int size : sizes) {
                    byte[] data = new byte[size];
                    r.nextBytes(data);
                    conn.send(RawMessage.builder(0x7300).front(new byte[] {(byte) round}).data(data).build());
                    assertArrayEquals(data, back.poll(20, TimeUnit.SECONDS), size + " bytes came back intact");
                }
            }
            long[] takenAndReused = server.core().receiveBuffers().takenAndReused();
            assertTrue(takenAndReused[0] >= 3 * sizes.length, java.util.Arrays.toString(takenAndReused));
            assertTrue(takenAndReused[1] >= 2 * sizes.length,
                    "the second and third round of each size reuse a buffer: " + server.core().receiveBuffers());
        }
        LeakCheck.verify(before);
        assertEquals(before, BufferPool.outstandingEverywhere());
    }

    @Test
    void a_dispatcher_that_retains_and_never_releases_is_caught() throws Exception {
        long before = BufferPool.outstandingEverywhere();
        List<RawMessage> kept = new CopyOnWriteArrayList<>();
        Dispatcher hoarder = (c, m) -> kept.add(m.retain()); // and never a release
        try (Messenger server = new NettyMessengerFactory().create(config(SERVER, "none", "crc", Keyring.empty(), hoarder));
             Messenger client = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, "none", "crc", Keyring.empty(), (c, m) -> { }))) {
            EntityAddr addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection c = client.connect(addr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                c.send(RawMessage.builder(0x7300).tid(i).data(new byte[5000]).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (kept.size() < 3 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        }
        assertEquals(3, kept.size());
        AssertionError e = assertThrows(AssertionError.class, () -> LeakCheck.verify(before));
        assertTrue(e.getMessage().startsWith("3 received message(s) never released"), e.getMessage());
        kept.forEach(m -> assertEquals(1, m.refCount(), "the transport released its reference; ours is left"));
        kept.forEach(RawMessage::release);
        LeakCheck.verify(before); // released late is released: nothing left
    }

    @Test
    void a_netty_buffer_nobody_released_is_caught() throws Exception {
        LeakCheck.leakOneNettyBuffer();
        AssertionError e = assertThrows(AssertionError.class, () -> LeakCheck.verify(BufferPool.outstandingEverywhere()));
        assertTrue(e.getMessage().contains("Netty buffer(s) leaked"), e.getMessage());
        LeakCheck.reset(); // reported once, and dealt with: the test's own after-each check passes
    }

    @Test
    void a_received_message_sent_on_as_it_is_stays_valid_until_written() throws Exception {
        long before = BufferPool.outstandingEverywhere();
        // the relay forwards what it gets to a third messenger, from its callback, with no retain of its own
        BlockingQueue<byte[]> atSink = new LinkedBlockingQueue<>();
        try (Messenger sink = new NettyMessengerFactory().create(config(new EntityName(EntityType.OSD, "1"), "none", "crc", Keyring.empty(),
                (c, m) -> atSink.add(bytes(m.data()))))) {
            EntityAddr sinkAddr = sink.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection[] onward = new Connection[1];
            Dispatcher relay = (c, m) -> onward[0].send(m);
            try (Messenger hop = new NettyMessengerFactory().create(config(SERVER, "none", "crc", Keyring.empty(), relay));
                 Messenger client = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, "none", "crc", Keyring.empty(), (c, m) -> { }))) {
                onward[0] = hop.connect(sinkAddr, EntityType.OSD).toCompletableFuture().get(10, TimeUnit.SECONDS);
                EntityAddr hopAddr = hop.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
                Connection c = client.connect(hopAddr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
                byte[][] sent = new byte[50][];
                Random r = new Random(5);
                for (int i = 0; i < sent.length; i++) {
                    sent[i] = new byte[3000 + i];
                    r.nextBytes(sent[i]);
                    c.send(RawMessage.builder(0x7300).tid(i).data(sent[i]).build()); // a burst: buffers are reused while others are in flight
                }
                for (byte[] s : sent) {
                    assertArrayEquals(s, atSink.poll(20, TimeUnit.SECONDS));
                }
            }
        }
        LeakCheck.verify(before);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static MessengerConfig config(EntityName name, String auth, String mode, Keyring keys, Dispatcher d) {
        CephConfig options = CephConfig.of(Map.of("auth_client_required", auth, "auth_service_required", auth,
                "auth_cluster_required", auth, "ms_mon_client_mode", mode, "ms_mon_service_mode", mode,
                "ms_client_mode", mode, "ms_service_mode", mode, "ms_cluster_mode", mode));
        return MessengerConfig.builder(name).options(options).keyring(keys)
                .authProvider(new NoneAuthProvider()).authProvider(new CephxAuthProvider())
                .mode(new CrcConnectionMode()).mode(new SecureConnectionMode()).dispatcher(d).build();
    }
}
