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
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two OSD messengers with a lossless peer policy, bound on 127.0.0.1, each calling connect() to the
 * other (Ceph's connection race, msgr2-wire.md §10.3). Each dial goes through a {@link GateProxy}
 * that holds its bytes until both peers have dialed, so every round is a race: both sessions are
 * handshaking when the first CLIENT_IDENT arrives. The gates then open in a different order per
 * round. Whatever the interleaving, the race ends as Ceph's {@code handle_existing_connection}
 * settles it: the socket the lower address dialed carries the session and the other is dropped
 * (the higher side is told to WAIT, or its socket is replaced); each side ends with one session
 * over that one socket, and every message crosses once, in order.
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
        final CountDownLatch after = new CountDownLatch(1);

        @Override
        public void onMessage(Connection c, RawMessage m) {
            String t = new String(bytes(m), StandardCharsets.UTF_8);
            received.add(t);
            if (t.equals("fin")) {
                done.countDown();
            } else if (t.equals("after")) {
                after.countDown();
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

    static NettyMessenger osd(String id, Dispatcher d, String dialRedirect) {
        MessengerConfig cfg = MessengerConfig.builder(new EntityName(EntityType.OSD, id))
                .options(OPTIONS.with("inkwire_dial_redirect", dialRedirect)).authProvider(new NoneAuthProvider())
                .mode(new CrcConnectionMode()).dispatcher(d).policies(t -> ConnectionPolicy.losslessPeer()).build();
        return (NettyMessenger) new NettyMessengerFactory().create(cfg);
    }

    /** Gate opening orders, one per round in turn. */
    private enum Opening { LOWER_FIRST, HIGHER_FIRST, BOTH }

    /**
     * Two messengers, each dialing the other through a closed gate. a's port is chosen first (b's
     * redirect must name it before b exists); should something else take it meanwhile, a new pair
     * is made.
     */
    private static final class Pair implements AutoCloseable {
        final Side sa = new Side();
        final Side sb = new Side();
        NettyMessenger a;
        NettyMessenger b;
        GateProxy toA;
        GateProxy toB;
        EntityAddr aAddr;
        EntityAddr bAddr;

        static Pair open() throws Exception {
            for (int attempt = 1; ; attempt++) {
                Pair p = new Pair();
                try {
                    int aPort = freePort();
                    p.toA = new GateProxy(new InetSocketAddress("127.0.0.1", aPort));
                    p.b = osd("1", p.sb, "127.0.0.1:" + aPort + "=127.0.0.1:" + p.toA.port());
                    p.bAddr = p.b.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
                    p.toB = new GateProxy(p.bAddr.socketAddress());
                    p.a = osd("0", p.sa, "127.0.0.1:" + p.bAddr.port() + "=127.0.0.1:" + p.toB.port());
                    p.aAddr = p.a.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", aPort))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
                    return p;
                } catch (ExecutionException e) {
                    p.close();
                    if (attempt == 5) {
                        throw e;
                    }
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        /** Ceph's order of the two addresses (ip, port, nonce; the ip is the same). */
        boolean aIsLower() {
            return aAddr.port() != bAddr.port() ? aAddr.port() < bAddr.port() : Integer.compareUnsigned(aAddr.nonce(), bAddr.nonce()) < 0;
        }

        @Override
        public void close() throws IOException {
            for (AutoCloseable c : new AutoCloseable[] {a, b, toA, toB}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception e) {
                    // the next one still closes
                }
            }
        }
    }

    @Test
    void two_peers_dialing_each_other_at_once_end_with_one_session_and_exactly_once_delivery() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Opening opening = Opening.values()[round % Opening.values().length];
            String at = "round " + round + " (" + opening + "): ";
            try (Pair p = Pair.open()) {
                NettyMessenger a = p.a;
                NettyMessenger b = p.b;
                CompletableFuture<Connection> fromA = CompletableFuture.supplyAsync(() -> dialAndSend(a, p.bAddr, "a"));
                CompletableFuture<Connection> fromB = CompletableFuture.supplyAsync(() -> dialAndSend(b, p.aAddr, "b"));
                // both have dialed, and nothing of either handshake has reached the other: a race
                assertTrue(p.toB.awaitAccepted(1, 10) && p.toA.awaitAccepted(1, 10), at + "both peers dialed");
                // a's dial goes through toB: the lower side's gate is the one its own dial crosses
                GateProxy lower = p.aIsLower() ? p.toB : p.toA;
                GateProxy higher = p.aIsLower() ? p.toA : p.toB;
                switch (opening) {
                    case LOWER_FIRST -> {
                        lower.open();
                        Thread.sleep(10);
                        higher.open();
                    }
                    case HIGHER_FIRST -> {
                        higher.open();
                        Thread.sleep(10);
                        lower.open();
                    }
                    case BOTH -> {
                        lower.open();
                        higher.open();
                    }
                }
                Connection ca = fromA.get(20, TimeUnit.SECONDS);
                Connection cb = fromB.get(20, TimeUnit.SECONDS);
                Side sa = p.sa;
                Side sb = p.sb;
                assertTrue(sa.done.await(20, TimeUnit.SECONDS), at + "a got everything from b: " + sa.received);
                assertTrue(sb.done.await(20, TimeUnit.SECONDS), at + "b got everything from a: " + sb.received);

                assertNull(sa.failure.get(), at);
                assertNull(sb.failure.get(), at);
                assertEquals(expected("b"), sa.received, at + "once each, in order");
                assertEquals(expected("a"), sb.received, at + "once each, in order");
                assertEquals(1, sa.ready.get(), at + "a saw one session come up");
                assertEquals(1, sb.ready.get(), at + "b saw one session come up");
                assertEquals(1, a.resumableSessions(), at + "one session with b");
                assertEquals(1, b.resumableSessions(), at + "one session with a");
                assertTrue(ca.isOpen() && cb.isOpen());
                // connect() again returns the session there is (Ceph's connect_to)
                assertSame(ca, a.connect(p.bAddr, EntityType.OSD).toCompletableFuture().get(5, TimeUnit.SECONDS));
                // the losing socket's leftovers go away: one connection per side
                assertTrue(eventually(() -> a.connections().size() == 1 && b.connections().size() == 1),
                        at + a.connections() + " / " + b.connections());

                // the race was settled by address: the higher side's socket was dropped, the lower side's carries the session
                assertTrue(eventually(() -> higher.openConnections() == 0 && lower.openConnections() == 1),
                        at + "open sockets dialed by the lower side " + lower.openConnections() + " (of " + lower.accepted()
                                + "), by the higher side " + higher.openConnections() + " (of " + higher.accepted() + ")");
                long carried = lower.forwardedOnOpenConnections();
                ca.send(RawMessage.builder(0x7001).front("after".getBytes(StandardCharsets.UTF_8)).build());
                assertTrue(sb.after.await(20, TimeUnit.SECONDS), at + "b got a message sent after the race");
                assertTrue(lower.forwardedOnOpenConnections() > carried, at + "it crossed the lower side's socket");
            }
        }
    }

    private static Connection dialAndSend(NettyMessenger from, EntityAddr to, String who) {
        try {
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
