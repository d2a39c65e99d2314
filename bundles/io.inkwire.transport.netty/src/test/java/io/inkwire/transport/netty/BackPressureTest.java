package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.transport.netty.internal.NettyMessenger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fast senders against a slow dispatcher: with {@code ms_dispatch_throttle_bytes} at 2 MiB the
 * acceptor never holds more than that (plus one message) of incoming message bytes at once,
 * across all its sockets; the senders are slowed by TCP instead, and nothing is lost.
 */
class BackPressureTest {

    @Test
    void the_dispatch_throttle_bounds_the_bytes_held_across_sockets() throws Exception {
        AtomicLong got = new AtomicLong();
        int message = 256 << 10;
        int perConnection = 40;
        int connections = 6;
        try (NettyMessenger server = (NettyMessenger) new NettyMessengerFactory().create(LoopbackHandshakeTest.config(
                new EntityName(EntityType.MON, "a"), (c, m) -> {
                    try {
                        Thread.sleep(2); // a slow consumer
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    got.incrementAndGet();
                }).options(LoopbackHandshakeTest.NONE_CRC.with("ms_dispatch_throttle_bytes", Integer.toString(2 << 20))).build());
             Messenger client = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(EntityName.CLIENT_ADMIN, (c, m) -> { }).build())) {
            EntityAddr addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            List<Connection> conns = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                conns.add(client.connect(addr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
            byte[] payload = new byte[message];
            for (int k = 0; k < perConnection; k++) {
                for (Connection c : conns) {
                    c.send(RawMessage.builder(0x7200).tid(k).data(payload).build());
                }
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.get() < (long) perConnection * connections && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals((long) perConnection * connections, got.get(), "every message dispatched");
            long peak = server.dispatchThrottlePeak();
            assertTrue(peak > 0, "the throttle saw the messages");
            assertTrue(peak <= (2 << 20) + message + 4096, "held " + peak + " bytes at once, over the 2 MiB throttle");
        }
    }
}
