package io.inkwire.transport.netty;

import static io.inkwire.testing.Buffers.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.addr.AddrType;
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
import io.inkwire.wire.v1.BannerV1;
import io.inkwire.wire.v1.ConnectMessage;
import io.inkwire.wire.v1.MessageFooterV1;
import io.inkwire.wire.v1.MessageHeaderV1;
import io.inkwire.wire.v1.MsgrTag;
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
 * A real acceptor on 127.0.0.1, bound with msgr2 and msgr1 on two ports, against a raw socket
 * speaking hostile bytes to either: the acceptor must close the socket promptly (or at the
 * handshake timeout, for a peer that stalls) and keep serving well behaved connectors afterwards.
 */
class HostileSocketTest {

    /** Far above any of the prompt closes below, far below the default 10 s handshake timeout. */
    static final long PROMPT_MS = 5_000;

    private final BlockingQueue<RawMessage> atServer = new LinkedBlockingQueue<>();
    private Messenger server;
    private EntityAddr addr;
    private EntityAddr v1addr;

    @BeforeEach
    void bind() throws Exception {
        startServer(LoopbackHandshakeTest.NONE_CRC);
    }

    private void startServer(io.inkwire.api.config.CephConfig options) throws Exception {
        if (server != null) {
            server.close();
        }
        server = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(new EntityName(EntityType.MON, "a"), (c, m) -> atServer.add(m.copy()))
                .options(options).build());
        EntityAddrVec bound = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0), EntityAddr.msgr2("127.0.0.1", 0).withType(AddrType.LEGACY)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        addr = bound.msgr2().orElseThrow();
        v1addr = bound.legacy().orElseThrow();
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

    @Test
    void two_hundred_hostile_peers_at_once_leave_the_heap_bounded_and_the_acceptor_serving() throws Exception {
        startServer(LoopbackHandshakeTest.NONE_CRC.with("ms_connection_ready_timeout", "2"));
        byte[] hello = join(new CrcFrameCodec(1, Long.MAX_VALUE, true).encode(new HelloFrame(EntityType.CLIENT, addr).toFrame()));
        byte[][] scripts = {
            concat(Banner.encode(1, 0), preamble(Tag.HELLO, 1L << 31)),                                       // a 2 GiB segment
            concat(Banner.encode(1, 0), hello, preamble(Tag.MESSAGE, 2, new long[] {41, 200L << 20, 0, 0}, new int[] {8, 8, 0, 0})),
            concat(Banner.encode(1, 0), Arrays.copyOf(hello, 40)),                                          // stalls mid-frame
            "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        };
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        java.util.List<Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket(addr.ip(), addr.port());
                s.getOutputStream().write(scripts[i % scripts.length]);
                open.add(s);
            }
            assertStillServes();
            long during = rt.totalMemory() - rt.freeMemory();
            // every hostile socket must be closed by the acceptor, the stalled ones by the 2 s handshake timeout
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Socket s : open) {
                s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                try {
                    InputStream in = s.getInputStream();
                    while (in.read(new byte[4096]) >= 0) {
                        // drain until EOF
                    }
                } catch (SocketException reset) {
                    // closed with our bytes unread
                }
            }
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            System.out.printf("hostile x200: heap %d MiB before, %d MiB during, %d MiB after%n", before >> 20, during >> 20, after >> 20);
            assertTrue(during - before < 64L << 20, "heap grew by " + ((during - before) >> 20) + " MiB for 200 hostile peers");
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        assertStillServes();
    }

    // ------------------------------------------------------------------ msgr1 port

    /** Features of a hostile msgr1 client: what inkwire supports, without RECONNECT_SEQ (READY comes back, no SEQ exchange). */
    private static final long V1_FEATURES = 0x3f01cfbdfffdffffL & ~(1L << 6);
    /** The server's greeting and its READY connect reply (26 bytes, no authorizer). */
    private static final int V1_GREETING_AND_READY = BannerV1.SERVER_GREETING_LENGTH + 26;

    @Test
    void msgr1_port_bad_banner_is_closed_at_the_banner() throws Exception {
        byte[] got = exchange(v1addr, concat("ceph v099".getBytes(StandardCharsets.US_ASCII), new byte[200]), PROMPT_MS);
        assertEquals(BannerV1.SERVER_GREETING_LENGTH, got.length, "the acceptor's greeting, then EOF");
        assertArrayEquals("ceph v027".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(got, 9));
        assertStillServesV1();
    }

    @Test
    void msgr1_port_closes_a_msgr2_connector_with_a_clear_error() throws Exception {
        try (Messenger client = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(EntityName.CLIENT_ADMIN, (c, m) -> { }).build())) {
            java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> client.connect(v1addr.withType(AddrType.MSGR2), EntityType.MON).toCompletableFuture().get(PROMPT_MS, TimeUnit.MILLISECONDS));
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("msgr1"), e.getCause().toString());
            // and the other way round: a msgr1 connector at the msgr2 port
            e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> client.connect(addr.withType(AddrType.LEGACY), EntityType.MON).toCompletableFuture().get(PROMPT_MS, TimeUnit.MILLISECONDS));
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("msgr2"), e.getCause().toString());
        }
        assertStillServesV1();
    }

    @Test
    void msgr1_connect_announcing_a_2_gib_authorizer_is_closed_at_the_connect() throws Exception {
        byte[] connect = new ConnectMessage(V1_FEATURES, EntityType.CLIENT.code(), 1, 0, 15, 2, 0x7fffffffL, 1).encode();
        byte[] got = exchange(v1addr, concat(v1Greeting(), connect), PROMPT_MS);
        assertEquals(BannerV1.SERVER_GREETING_LENGTH, got.length, "no reply to the connect, only EOF");
        assertStillServesV1();
    }

    @Test
    void msgr1_message_announcing_a_2_gib_front_is_closed_at_the_header() throws Exception {
        byte[] header = new MessageHeaderV1(1, 1, 42, 127, 1, 0x7fffffffL, 0, 0, 0, EntityType.CLIENT.code(), -1, 1, 0).encode();
        byte[] got = exchange(v1addr, concat(v1Ready(), new byte[] {(byte) MsgrTag.MSG}, header), PROMPT_MS);
        assertEquals(V1_GREETING_AND_READY, got.length);
        assertStillServesV1();
    }

    @Test
    void msgr1_message_with_a_bad_header_crc_is_closed() throws Exception {
        byte[] header = new MessageHeaderV1(1, 1, 42, 127, 1, 3, 0, 0, 0, EntityType.CLIENT.code(), -1, 1, 0).encode();
        header[52] ^= 1;
        exchange(v1addr, concat(v1Ready(), new byte[] {(byte) MsgrTag.MSG}, header, new byte[] {1, 2, 3}, new byte[21]), PROMPT_MS);
        assertStillServesV1();
    }

    @Test
    void msgr1_message_with_a_bad_front_crc_is_closed() throws Exception {
        byte[] header = new MessageHeaderV1(1, 1, 42, 127, 1, 3, 0, 0, 0, EntityType.CLIENT.code(), -1, 1, 0).encode();
        byte[] front = {1, 2, 3};
        int crc = Crc32c.compute(Crc32c.SEED_ZERO, ByteBuffer.wrap(front));
        byte[] footer = new MessageFooterV1(crc ^ 1, 0, 0, 0, MessageFooterV1.CEPH_MSG_FOOTER_COMPLETE).encode(true);
        exchange(v1addr, concat(v1Ready(), new byte[] {(byte) MsgrTag.MSG}, header, front, footer), PROMPT_MS);
        assertStillServesV1();
    }

    @Test
    void msgr1_unknown_tag_after_ready_is_closed() throws Exception {
        byte[] got = exchange(v1addr, concat(v1Ready(), new byte[] {(byte) 99}), PROMPT_MS);
        assertEquals(V1_GREETING_AND_READY, got.length, "greeting and READY, then EOF");
        assertStillServesV1();
    }

    @Test
    void msgr1_peer_stalling_in_the_connect_is_closed_by_the_handshake_timeout() throws Exception {
        startServer(LoopbackHandshakeTest.NONE_CRC.with("ms_connection_ready_timeout", "1"));
        long start = System.nanoTime();
        byte[] connect = new ConnectMessage(V1_FEATURES, EntityType.CLIENT.code(), 1, 0, 15, 0, 0, 1).encode();
        exchange(v1addr, concat(v1Greeting(), Arrays.copyOf(connect, 20)), PROMPT_MS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 900, "closed after " + ms + " ms: the timeout, not the partial connect, must close it");
        assertStillServesV1();
    }

    @Test
    void msgr1_monitor_session_that_never_sends_mauth_is_closed_by_the_handshake_timeout() throws Exception {
        startServer(LoopbackHandshakeTest.NONE_CRC.with("ms_connection_ready_timeout", "1"));
        long start = System.nanoTime();
        byte[] got = exchange(v1addr, v1Ready(), PROMPT_MS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(V1_GREETING_AND_READY, got.length);
        assertTrue(ms >= 900, "closed after " + ms + " ms: READY without MAuth is no session yet");
        assertStillServesV1();
    }

    @Test
    void two_hundred_hostile_msgr1_peers_at_once_leave_the_heap_bounded_and_the_acceptor_serving() throws Exception {
        startServer(LoopbackHandshakeTest.NONE_CRC.with("ms_connection_ready_timeout", "2"));
        byte[][] scripts = {
            concat(v1Greeting(), new ConnectMessage(V1_FEATURES, EntityType.CLIENT.code(), 1, 0, 15, 2, 0x7fffffffL, 1).encode()),
            concat(v1Ready(), new byte[] {(byte) MsgrTag.MSG},
                    new MessageHeaderV1(1, 1, 42, 127, 1, 1 << 30, 1 << 30, 0, 0, EntityType.CLIENT.code(), -1, 1, 0).encode()),
            concat(v1Greeting(), new byte[10]),                                                            // stalls in the connect
            "ceph v2\n\0\0".getBytes(StandardCharsets.US_ASCII),
        };
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        java.util.List<Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket(v1addr.ip(), v1addr.port());
                s.getOutputStream().write(scripts[i % scripts.length]);
                open.add(s);
            }
            assertStillServesV1();
            long during = rt.totalMemory() - rt.freeMemory();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Socket s : open) {
                s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                try {
                    InputStream in = s.getInputStream();
                    while (in.read(new byte[4096]) >= 0) {
                        // drain until EOF
                    }
                } catch (SocketException reset) {
                    // closed with our bytes unread
                }
            }
            System.out.printf("hostile msgr1 x200: heap %d MiB before, %d MiB during%n", before >> 20, during >> 20);
            assertTrue(during - before < 64L << 20, "heap grew by " + ((during - before) >> 20) + " MiB for 200 hostile msgr1 peers");
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        assertStillServesV1();
    }

    /** A client's banner and address. */
    private static byte[] v1Greeting() {
        return concat(BannerV1.encodeClientBanner(), BannerV1.encodeAddr(new EntityAddr(AddrType.LEGACY, 1234, EntityAddr.msgr2("127.0.0.1", 0).ip(), 0)));
    }

    /** Greeting and a connect the monitor accepts with READY (no authorizer: MAuth would follow). */
    private static byte[] v1Ready() {
        return concat(v1Greeting(), new ConnectMessage(V1_FEATURES, EntityType.CLIENT.code(), 1, 0, 15, 0, 0, 1).encode());
    }

    /** A msgr1 inkwire connector still gets an authenticated monitor session and a message through. */
    private void assertStillServesV1() throws Exception {
        atServer.clear();
        try (Messenger client = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(EntityName.CLIENT_ADMIN, (c, m) -> { }).build())) {
            Connection c = client.connect(v1addr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals("msgr1", c.info().orElseThrow().protocol());
            assertEquals("none", c.info().orElseThrow().authMethod(), "authenticated with MAuth before it was handed over");
            c.send(RawMessage.builder(42).front(new byte[] {1, 2, 3}).build());
            RawMessage m = atServer.poll(10, TimeUnit.SECONDS);
            assertEquals(42, m.type());
            assertEquals(3, m.frontLength());
            c.close();
        }
        assertStillServes();
    }

    // ------------------------------------------------------------------ helpers

    private byte[] exchange(byte[] hostile, long withinMs) throws IOException {
        return exchange(addr, hostile, withinMs);
    }

    /** Sends {@code hostile} to {@code to}, then reads until the acceptor closes; fails if it does not within {@code withinMs}. */
    private static byte[] exchange(EntityAddr to, byte[] hostile, long withinMs) throws IOException {
        try (Socket s = new Socket(to.ip(), to.port())) {
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

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
