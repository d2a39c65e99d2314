package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.transport.netty.internal.NettyMessenger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two OSD messengers with a lossless peer policy, bound on 127.0.0.1, each calling connect() to the
 * other at the same moment (Ceph's connection race, msgr2-wire.md §10.3): whatever the
 * interleaving, each side ends with one session over one socket, and every message crosses once,
 * in order.
 */
class PeerRaceTest {

    private static final int ROUNDS = 50;
    private static final int MESSAGES = 20;

    static final CephConfig OPTIONS = CephConfig.of(Map.ofEntries(Map.entry("auth_cluster_required", "none"),
            Map.entry("auth_service_required", "none"), Map.entry("auth_client_required", "none"), Map.entry("ms_cluster_mode", "crc"),
            Map.entry("ms_service_mode", "crc"), Map.entry("ms_client_mode", "crc"), Map.entry("ms_async_op_threads", "1"),
            // a WAIT backs off ms_max_backoff: short here so that a lost race costs little
            Map.entry("ms_initial_backoff", "0.01"), Map.entry("ms_max_backoff", "0.2")));

    /** One side: what it received, in order, and what went wrong. */
    static final class Side implements Dispatcher {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger ready = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onMessage(Connection c, RawMessage m) {
            String t = new String(bytes(m), StandardCharsets.UTF_8);
            received.add(t);
            if (t.equals("fin")) {
                done.countDown();
            }
        }

        @Override
        public void onReady(Connection c) {
            ready.incrementAndGet();
        }

        @Override
        public void onRemoteReset(Connection c) {
            failure.compareAndSet(null, new AssertionError("remote reset: the session was lost"));
        }

        @Override
        public void onClosed(Connection c, Throwable cause) {
            if (c.info().isPresent()) {
                failure.compareAndSet(null, new AssertionError("an established connection closed", cause));
            }
        }
    }

    static NettyMessenger osd(String id, Dispatcher d) {
        MessengerConfig cfg = MessengerConfig.builder(new EntityName(EntityType.OSD, id)).options(OPTIONS).authProvider(new NoneAuthProvider())
                .mode(new CrcConnectionMode()).dispatcher(d).policies(t -> ConnectionPolicy.losslessPeer()).build();
        return (NettyMessenger) new NettyMessengerFactory().create(cfg);
    }

    @Test
    void two_peers_dialing_each_other_at_once_end_with_one_session_and_exactly_once_delivery() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Side sa = new Side();
            Side sb = new Side();
            try (NettyMessenger a = osd("0", sa); NettyMessenger b = osd("1", sb)) {
                EntityAddr aAddr = a.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
                EntityAddr bAddr = b.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Connection> fromA = CompletableFuture.supplyAsync(() -> dialAndSend(a, bAddr, "a", together));
                CompletableFuture<Connection> fromB = CompletableFuture.supplyAsync(() -> dialAndSend(b, aAddr, "b", together));
                Connection ca = fromA.get(20, TimeUnit.SECONDS);
                Connection cb = fromB.get(20, TimeUnit.SECONDS);
                assertTrue(sa.done.await(20, TimeUnit.SECONDS), "round " + round + ": a got everything from b: " + sa.received);
                assertTrue(sb.done.await(20, TimeUnit.SECONDS), "round " + round + ": b got everything from a: " + sb.received);

                assertNull(sa.failure.get(), "round " + round);
                assertNull(sb.failure.get(), "round " + round);
                assertEquals(expected("b"), sa.received, "round " + round + ": once each, in order");
                assertEquals(expected("a"), sb.received, "round " + round + ": once each, in order");
                assertEquals(1, sa.ready.get(), "round " + round + ": a saw one session come up");
                assertEquals(1, sb.ready.get(), "round " + round + ": b saw one session come up");
                assertEquals(1, a.resumableSessions(), "round " + round + ": one session with b");
                assertEquals(1, b.resumableSessions(), "round " + round + ": one session with a");
                assertTrue(ca.isOpen() && cb.isOpen());
                // connect() again returns the session there is (Ceph's connect_to)
                assertSame(ca, a.connect(bAddr, EntityType.OSD).toCompletableFuture().get(5, TimeUnit.SECONDS));
                // the losing socket's leftovers go away: one connection per side
                assertTrue(eventually(() -> a.connections().size() == 1 && b.connections().size() == 1),
                        "round " + round + ": " + a.connections() + " / " + b.connections());
            }
        }
    }

    private static Connection dialAndSend(NettyMessenger from, EntityAddr to, String who, CyclicBarrier together) {
        try {
            together.await(10, TimeUnit.SECONDS);
            Connection c = from.connect(to, EntityType.OSD).toCompletableFuture().get(20, TimeUnit.SECONDS);
            for (String t : expected(who)) {
                c.send(RawMessage.builder(0x7001).front(t.getBytes(StandardCharsets.UTF_8)).build());
            }
            return c;
        } catch (Exception e) {
            throw new AssertionError(who + " could not connect", e);
        }
    }

    private static List<String> expected(String who) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            out.add(who + i);
        }
        out.add("fin");
        return out;
    }

    private static byte[] bytes(RawMessage m) {
        byte[] b = new byte[m.front().remaining()];
        m.front().duplicate().get(b);
        return b;
    }

    /** Polls a condition the transport reaches asynchronously (a socket's end), for at most 5 s. */
    private static boolean eventually(java.util.function.BooleanSupplier c) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
