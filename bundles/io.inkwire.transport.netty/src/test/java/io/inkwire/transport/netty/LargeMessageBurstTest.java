package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.inkwire.transport.netty.internal.NettyMessenger;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A burst of messages far larger than the socket's write buffer marks, sent at once: the engine
 * holds them back while the socket drains and resumes when it did (a task of its own, never inside
 * Netty's write or flush), so frames never interleave and secure mode's reused frame buffer is
 * never overwritten while it is copied out. Every byte arrives, in order, and the session stays up.
 */
class LargeMessageBurstTest {

    @ParameterizedTest(name = "{0} + {1}, direct buffers: {2}")
    @CsvSource({"none, crc, false", "cephx, secure, false", "none, crc, true", "cephx, secure, true"})
    void a_burst_of_large_messages_arrives_whole_and_in_order(String auth, String mode, boolean direct) throws Exception {
        int count = 24;
        int size = (3 << 20) + 5; // above the high water mark, and not a multiple of the write pieces
        BlockingQueue<RawMessage> got = new LinkedBlockingQueue<>();
        EntityName serverName = new EntityName(EntityType.MON, "burst");
        Keyring keys = Keyring.generated(EntityName.CLIENT_ADMIN, serverName);
        try (NettyMessenger server = (NettyMessenger) new NettyMessengerFactory().create(config(serverName, auth, mode, keys, (c, m) -> got.add(m.retain())));
             NettyMessenger client = (NettyMessenger) new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, auth, mode, keys, (c, m) -> { }))) {
            EntityAddr addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection c = client.connect(addr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(c.info().orElseThrow().summary().contains("mode=" + mode), c.info().orElseThrow().summary());
            byte[][] sent = new byte[count][];
            RawMessage[] messages = new RawMessage[count];
            Random r = new Random(7);
            for (int i = 0; i < count; i++) {
                sent[i] = new byte[size];
                r.nextBytes(sent[i]);
                ByteBuffer data = direct ? ByteBuffer.allocateDirect(size).put(sent[i]).flip() : ByteBuffer.wrap(sent[i]);
                messages[i] = RawMessage.builder(0x7300).tid(i + 1).data(data).build();
                c.send(messages[i]);
            }
            for (int i = 0; i < count; i++) {
                RawMessage m = got.poll(60, TimeUnit.SECONDS);
                assertNotNull(m, "message " + (i + 1) + " of " + count + " arrived");
                assertEquals(i + 1, m.tid());
                byte[] data = new byte[m.dataLength()];
                m.data().get(data);
                assertArrayEquals(sent[i], data, "message " + (i + 1));
                // crc mode reads large payloads into native buffers, secure mode (which decrypts in an array) into heap ones
                assertEquals(mode.equals("crc"), m.data().isDirect(), "message " + (i + 1) + " in a direct buffer");
                m.release(); // retained in the dispatcher: ours to give back (LeakCheck checks every buffer went back)
            }
            assertTrue(c.isOpen());
            // crc mode writes an application's direct payload as it is (the session is lossy: nothing
            // is kept for a resend) and lets go of the message once the socket wrote it
            long inPlace = client.bytesWrittenInPlace();
            assertTrue(c.info().orElseThrow().lossy(), "a client's session with a monitor is lossy");
            assertEquals(direct && mode.equals("crc") ? (long) count * size : 0, inPlace);
            for (RawMessage m : messages) {
                for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); m.refCount() > 1 && System.nanoTime() < end; ) {
                    Thread.sleep(10);
                }
                assertEquals(1, m.refCount(), "the messenger dropped its reference to " + m);
            }
            // in crc mode the socket read all but the first piece of each payload straight into its buffer
            long readInPlace = server.bytesReadIntoPayloads();
            if (mode.equals("crc")) {
                assertTrue(readInPlace > (long) count * (size - (1 << 20)), readInPlace + " of " + (long) count * size + " payload bytes read in place");
            } else {
                assertEquals(0, readInPlace);
            }
        }
    }

    private static MessengerConfig config(EntityName name, String auth, String mode, Keyring keys, Dispatcher d) {
        CephConfig options = CephConfig.of(Map.of("auth_client_required", auth, "auth_service_required", auth,
                "auth_cluster_required", auth, "ms_mon_client_mode", mode, "ms_mon_service_mode", mode,
                "ms_client_mode", mode, "ms_service_mode", mode));
        return MessengerConfig.builder(name).options(options).keyring(keys)
                .authProvider(new NoneAuthProvider()).authProvider(new CephxAuthProvider())
                .mode(new CrcConnectionMode()).mode(new SecureConnectionMode()).dispatcher(d).build();
    }
}
