package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.Frame;
import io.inkwire.wire.Banner;
import io.inkwire.wire.Crc32c;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.wire.Preambles;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.HelloFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real acceptor on 127.0.0.1 against a raw socket speaking hostile bytes: the acceptor must close
 * the socket promptly (or at the handshake timeout, for a peer that stalls) and keep serving well
 * behaved connectors afterwards.
 */
class HostileSocketTest {

    /** Far above any of the prompt closes below, far below the default 10 s handshake timeout. */
    static final long PROMPT_MS = 5_000;

    private final BlockingQueue<RawMessage> atServer = new LinkedBlockingQueue<>();
    private Messenger server;
    private EntityAddr addr;

    @BeforeEach
    void bind() throws Exception {
        startServer(LoopbackHandshakeTest.NONE_CRC);
    }

    private void startServer(io.inkwire.api.config.CephConfig options) throws Exception {
        if (server != null) {
            server.close();
        }
        server = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(new EntityName(EntityType.MON, "a"), (c, m) -> atServer.add(m))
                .options(options).build());
        addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void garbage_banner_is_closed_at_once() throws Exception {
        byte[] got = exchange("GET / HTTP/1.1\r\nHost: inkwire\r\n\r\n".getBytes(StandardCharsets.US_ASCII), PROMPT_MS);
        assertArrayEquals(Banner.encode(1, 0), got, "the acceptor's banner, then EOF");
        assertStillServes();
    }

    @Test
    void msgr1_banner_is_closed_at_once() throws Exception {
        exchange(concat("ceph v027".getBytes(StandardCharsets.US_ASCII), new byte[200]), PROMPT_MS);
        assertStillServes();
    }

    @Test
    void preamble_announcing_a_2_gib_segment_is_closed_at_the_preamble() throws Exception {
        byte[] got = exchange(concat(Banner.encode(1, 0), preamble(Tag.HELLO, 1L << 31)), PROMPT_MS);
        assertArrayEquals(Banner.encode(1, 0), Arrays.copyOf(got, 26));
        assertEquals(Tag.HELLO, got[26], "the acceptor's HELLO came before the close");
        assertStillServes();
    }

    @Test
    void a_200_mib_message_before_authentication_is_refused_at_the_preamble() throws Exception {
        byte[] hello = join(new CrcFrameCodec(1, Long.MAX_VALUE, true).encode(new HelloFrame(EntityType.CLIENT, addr).toFrame()));
        long[] lengths = {41, 200L << 20, 0, 0};
        exchange(concat(Banner.encode(1, 0), hello, preamble(Tag.MESSAGE, 2, lengths, new int[] {8, 8, 0, 0})), PROMPT_MS);
        assertStillServes();
    }

    @Test
    void a_peer_stalling_mid_frame_is_closed_by_the_handshake_timeout() throws Exception {
        startServer(LoopbackHandshakeTest.NONE_CRC.with("ms_connection_ready_timeout", "1"));
        byte[] hello = join(new CrcFrameCodec(1, Long.MAX_VALUE, true).encode(new HelloFrame(EntityType.CLIENT, addr).toFrame()));
        long start = System.nanoTime();
        exchange(concat(Banner.encode(1, 0), Arrays.copyOf(hello, 40)), PROMPT_MS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 900, "closed after " + ms + " ms: the timeout, not the partial frame, must close it");
        assertStillServes();
    }

    // ------------------------------------------------------------------ helpers

    /** Sends {@code hostile}, then reads until the acceptor closes; fails if it does not within {@code withinMs}. */
    private byte[] exchange(byte[] hostile, long withinMs) throws IOException {
        try (Socket s = new Socket(addr.ip(), addr.port())) {
            s.setTcpNoDelay(true);
            s.getOutputStream().write(hostile);
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMs);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("the acceptor did not close the socket within " + withinMs + " ms; got " + got.size() + " bytes");
                }
                s.setSoTimeout((int) left);
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (SocketException e) {
                    return got.toByteArray(); // reset: closed with our bytes unread, as good as EOF
                }
                if (n < 0) {
                    return got.toByteArray();
                }
                got.write(buf, 0, n);
            }
        }
    }

    /** A normal inkwire connector still gets a session and a message through. */
    private void assertStillServes() throws Exception {
        atServer.clear();
        try (Messenger client = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(EntityName.CLIENT_ADMIN, (c, m) -> { }).build())) {
            Connection c = client.connect(addr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            c.send(RawMessage.builder(42).front(new byte[] {1, 2, 3}).build());
            RawMessage m = atServer.poll(10, TimeUnit.SECONDS);
            assertEquals(42, m.type());
            assertEquals(3, m.frontLength());
            c.close();
        }
    }

    static byte[] preamble(int tag, long length0) {
        return preamble(tag, 1, new long[] {length0, 0, 0, 0}, new int[] {8, 0, 0, 0});
    }

    /** A preamble with a valid crc over the given (possibly hostile) descriptors. */
    static byte[] preamble(int tag, int n, long[] lengths, int[] aligns) {
        ByteBuffer b = ByteBuffer.allocate(Preambles.PREAMBLE_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) tag).put((byte) n);
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            b.putInt((int) lengths[i]).putShort((short) aligns[i]);
        }
        b.put((byte) 0).put((byte) 0);
        b.putInt(Crc32c.compute(Crc32c.SEED_ZERO, ByteBuffer.wrap(b.array(), 0, Preambles.PREAMBLE_CRC_COVERED)));
        return b.array();
    }

    static byte[] join(ByteBuffer[] bufs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : bufs) {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
