package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopbackHandshakeTest {

    static final CephConfig NONE_CRC = CephConfig.of(Map.of("auth_client_required", "none", "auth_service_required", "none",
            "auth_cluster_required", "none", "ms_mon_client_mode", "crc", "ms_mon_service_mode", "crc",
            "ms_client_mode", "crc", "ms_service_mode", "crc"));

    static MessengerConfig.Builder config(EntityName name, Dispatcher d) {
        return MessengerConfig.builder(name).options(NONE_CRC).authProvider(new NoneAuthProvider()).mode(new CrcConnectionMode())
                .dispatcher(d);
    }

    @Test
    void connector_and_acceptor_handshake_and_exchange_messages_both_ways() throws Exception {
        BlockingQueue<RawMessage> atServer = new LinkedBlockingQueue<>();
        BlockingQueue<RawMessage> atClient = new LinkedBlockingQueue<>();
        Dispatcher echo = (c, m) -> {
            atServer.add(m.copy()); // kept past the callback: a copy (the received buffers go back to the pool)
            c.send(m.toBuilder().type(m.type() + 1).build()); // its buffers, held until written
        };
        try (Messenger server = new NettyMessengerFactory().create(config(new EntityName(EntityType.MON, "a"), echo).build());
             Messenger client = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, (c, m) -> atClient.add(m.copy())).build())) {
            EntityAddrVec bound = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            EntityAddr target = bound.get(0);
            assertEquals(0, target.nonce(), "a monitor is reached at nonce 0");
            Connection c = client.connect(target, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            ConnectionInfo info = c.info().orElseThrow();
            assertTrue(info.summary().contains("proto=msgr2 rev=1 auth=none mode=crc"), info.summary());
            assertTrue(info.lossy(), "a client's session with a monitor is lossy");
            assertTrue(info.globalId() > 0, "the acceptor handed out a global id");

            byte[] data = new byte[100_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            for (int i = 1; i <= 20; i++) {
                c.send(RawMessage.builder(1000).tid(i).front(new byte[] {(byte) i}).data(data).build());
            }
            for (int i = 1; i <= 20; i++) {
                RawMessage got = atServer.poll(10, TimeUnit.SECONDS);
                assertEquals(i, got.tid());
                assertEquals(i, got.seq(), "in order, numbered from 1");
                RawMessage back = atClient.poll(10, TimeUnit.SECONDS);
                assertEquals(1001, back.type());
                assertEquals(i, back.tid());
                byte[] d = new byte[back.dataLength()];
                back.data().get(d);
                assertArrayEquals(data, d);
            }
            long rtt = c.keepalive().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(rtt > 0);
            c.close();
            c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_empty_message_and_a_message_with_only_data_survive() throws Exception {
        BlockingQueue<RawMessage> atServer = new LinkedBlockingQueue<>();
        try (Messenger server = new NettyMessengerFactory().create(config(new EntityName(EntityType.OSD, "0"), (c, m) -> atServer.add(m.copy())).build());
             Messenger client = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, (c, m) -> { }).build())) {
            EntityAddr target = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get().get(0);
            Connection c = client.connect(target, EntityType.OSD).toCompletableFuture().get(10, TimeUnit.SECONDS);
            c.send(RawMessage.builder(7).build());
            c.send(RawMessage.builder(8).data(ByteBuffer.wrap(new byte[] {42})).build());
            RawMessage empty = atServer.poll(10, TimeUnit.SECONDS);
            assertEquals(0, empty.frontLength() + empty.middleLength() + empty.dataLength());
            RawMessage dataOnly = atServer.poll(10, TimeUnit.SECONDS);
            assertEquals(1, dataOnly.dataLength());
            assertEquals(42, dataOnly.data().get());
        }
    }
}
