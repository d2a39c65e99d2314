package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Load: one acceptor holding {@code load.connections} (default 2,000) lossless sessions from
 * inkwire connectors, each exchanging {@code load.rounds} request/reply pairs, checked in order.
 * Reports the heap per idle connection (both ends live in this JVM: the figure is per pair) and
 * the threads in use. Not part of {@code mvn verify}; run it with
 * <pre>ulimit -n 65536; cd bundles/io.inkwire.transport.netty &&
 * mvn -o verify -Dtest=ConnectionLoadSoak -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class ConnectionLoadSoak {

    static final int CONNECTIONS = Integer.getInteger("load.connections", 2_000);
    static final int ROUNDS = Integer.getInteger("load.rounds", 20);

    @Test
    void an_acceptor_holds_2000_connections_exchanging_messages() throws Exception {
        AtomicLong served = new AtomicLong();
        AtomicLong replies = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Dispatcher echo = new Dispatcher() {
            @Override
            public void onMessage(Connection c, RawMessage m) {
                served.incrementAndGet();
                c.send(m.toBuilder().type(m.type() + 1).middle(null).data((java.nio.ByteBuffer) null).build());
            }

            @Override
            public void onClosed(Connection c, Throwable cause) {
                if (cause != null) {
                    failure.compareAndSet(null, cause);
                }
            }
        };
        MessengerConfig.Builder sb = LoopbackHandshakeTest.config(new EntityName(EntityType.MON, "load"), echo)
                .policies(p -> ConnectionPolicy.statefulServer());
        MessengerConfig.Builder cb = LoopbackHandshakeTest.config(EntityName.CLIENT_ADMIN, (c, m) -> replies.incrementAndGet())
                .policies(p -> ConnectionPolicy.losslessClient());
        int threadsBefore = Thread.getAllStackTraces().size();
        try (Messenger server = new NettyMessengerFactory().create(sb.build());
             Messenger client = new NettyMessengerFactory().create(cb.build())) {
            EntityAddr addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            long heapBefore = settledHeap();
            long start = System.nanoTime();
            List<CompletableFuture<Connection>> pending = new ArrayList<>();
            List<Connection> conns = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                pending.add(client.connect(addr, EntityType.MON).toCompletableFuture());
                if (pending.size() == 200) {
                    for (CompletableFuture<Connection> f : pending) {
                        conns.add(f.get(60, TimeUnit.SECONDS));
                    }
                    pending.clear();
                }
            }
            for (CompletableFuture<Connection> f : pending) {
                conns.add(f.get(60, TimeUnit.SECONDS));
            }
            double connectSecs = (System.nanoTime() - start) / 1e9;
            long exchangeStart = System.nanoTime();
            for (int r = 0; r < ROUNDS; r++) {
                for (int i = 0; i < conns.size(); i++) {
                    conns.get(i).send(RawMessage.builder(0x7100).tid(r).front(new byte[] {(byte) i, (byte) (i >> 8), (byte) r}).build());
                }
                long want = (long) (r + 1) * conns.size();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (replies.get() < want && System.nanoTime() < until && failure.get() == null) {
                    Thread.sleep(5);
                }
                assertEquals(want, replies.get(), "replies after round " + r);
            }
            double exchangeSecs = (System.nanoTime() - exchangeStart) / 1e9;
            assertEquals((long) ROUNDS * CONNECTIONS, served.get(), "every request served once");
            assertEquals(null, failure.get(), "no connection failed");
            long heapIdle = settledHeap();
            int threads = Thread.getAllStackTraces().size();
            long open = conns.stream().filter(Connection::isOpen).count();
            assertEquals(CONNECTIONS, open, "all connections still open");
            System.out.printf("LOAD %d lossless connections: connected in %.1f s; %d request/reply pairs in %.1f s (%.0f msg/s); "
                    + "heap per idle connection (both ends) %.1f KiB; threads %d before, %d with all connections open (%d more)%n",
                    CONNECTIONS, connectSecs, (long) ROUNDS * CONNECTIONS, exchangeSecs, 2.0 * ROUNDS * CONNECTIONS / exchangeSecs,
                    (heapIdle - heapBefore) / 1024.0 / CONNECTIONS, threadsBefore, threads, threads - threadsBefore);
            assertTrue(threads - threadsBefore < 32, "no thread per connection: " + (threads - threadsBefore) + " more threads");
            conns.forEach(Connection::close);
        }
    }

    private static long settledHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
