package io.inkwire.mode.secure.internal;

import static io.inkwire.mode.secure.internal.Codecs.codec;
import static io.inkwire.mode.secure.internal.Codecs.decode;
import static io.inkwire.mode.secure.internal.Codecs.secret;
import static io.inkwire.testing.Buffers.bytes;
import static io.inkwire.testing.Buffers.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.IntegrityException;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.Tag;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecureFrameCodecTest {

    static final byte[] SECRET = secret(7);

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Frame control(int tag, byte[] payload) {
        return Frame.control(tag, ByteBuffer.wrap(payload));
    }

    static Frame message(byte[] front, byte[] middle, ByteBuffer data) {
        return Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(random(41, 1)), ByteBuffer.wrap(front), ByteBuffer.wrap(middle), data},
                new int[] {8, 8, 8, 4096});
    }

    /** 1 + [padded(len0) > 48] + [num_segments > 1], computed here from the spec's rule. */
    static int expectedOperations(Frame f) {
        int pad0 = (f.segmentLength(0) + 15) & ~15;
        return 1 + (pad0 > 48 ? 1 : 0) + (f.numSegments() > 1 ? 1 : 0);
    }

    static void assertSameFrame(Frame expected, Frame actual) {
        assertNotNull(actual);
        assertEquals(expected.tag(), actual.tag());
        assertEquals(expected.numSegments(), actual.numSegments());
        for (int i = 0; i < expected.numSegments(); i++) {
            assertEquals(expected.segment(i), actual.segment(i), "segment " + i);
            assertEquals(expected.alignment(i), actual.alignment(i), "alignment " + i);
        }
    }

    /** Sends {@code f} connector → acceptor and acceptor → connector; checks sizes, content and nonce use. */
    static void roundTrip(Frame f, String provider) throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET, provider);
             SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET, provider)) {
            for (int dir = 0; dir < 2; dir++) {
                SecureFrameCodec tx = dir == 0 ? client : server;
                SecureFrameCodec rx = dir == 0 ? server : client;
                long txOps = tx.txOperations();
                long rxOps = rx.rxOperations();
                byte[] wire = join(tx.encode(f));
                Preamble p = io.inkwire.wire.Preambles.of(f, 0);
                assertEquals(SecureRev1Layout.frameLength(p), wire.length);
                assertEquals(expectedOperations(f), tx.txOperations() - txOps, "tx nonces per frame");
                ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip(); // as a socket read gives it
                Codecs.Read r = Codecs.readOne(rx, direct);
                assertEquals(wire.length, r.wireLength());
                assertEquals(expectedOperations(f), rx.rxOperations() - rxOps, "rx nonces per frame");
                assertSameFrame(f, r.frame());
            }
        }
    }

    @ParameterizedTest(name = "{0} byte control payload")
    @ValueSource(ints = {0, 1, 15, 16, 17, 47, 48, 49, 63, 64, 65, 123, 4096})
    void control_frames_round_trip_around_the_inline_boundary(int length) throws Exception {
        roundTrip(control(Tag.AUTH_DONE, random(length, length)), "");
    }

    @Test
    void wire_size_of_a_control_frame_follows_the_inline_area() throws Exception {
        try (SecureFrameCodec c = codec(Role.CONNECTOR, SECRET)) {
            assertEquals(96, join(c.encode(control(Tag.WAIT, new byte[0]))).length);
            assertEquals(96, join(c.encode(control(Tag.AUTH_SIGNATURE, new byte[32]))).length);
            assertEquals(96, join(c.encode(control(Tag.AUTH_DONE, new byte[48]))).length);
            assertEquals(96 + 16 + 16, join(c.encode(control(Tag.AUTH_DONE, new byte[49]))).length);
            assertEquals(192, join(c.encode(control(Tag.SERVER_IDENT, new byte[123]))).length);
        }
    }

    @ParameterizedTest(name = "provider \"{0}\"")
    @ValueSource(strings = {"", "BC"})
    void messages_round_trip_with_4KiB_1MiB_and_16MiB_data(String provider) throws Exception {
        roundTrip(message(random(100, 2), new byte[0], ByteBuffer.wrap(random(4096, 3))), provider);
        roundTrip(message(random(1, 4), random(3, 5), ByteBuffer.allocateDirect(1 << 20).put(random(1 << 20, 6)).flip()), provider);
        roundTrip(message(random(5000, 7), random(17, 8), ByteBuffer.wrap(random(16 << 20, 9))), provider);
    }

    @Test
    void messages_with_trailing_and_inner_empty_segments() throws Exception {
        roundTrip(message(new byte[0], new byte[0], ByteBuffer.allocate(0)), ""); // header only: 1 segment, 1 nonce
        roundTrip(message(random(5, 10), new byte[0], ByteBuffer.allocate(0)), "");
        roundTrip(message(new byte[0], new byte[0], ByteBuffer.wrap(random(9, 11))), "");
    }

    @Test
    void many_frames_in_a_row_keep_both_nonce_sequences_in_step() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
            long expected = 0;
            for (int i = 0; i < 200; i++) {
                Frame f = i % 3 == 0 ? control(Tag.KEEPALIVE2, random(8, i))
                        : message(random(i * 7, i), new byte[0], ByteBuffer.wrap(random(i * 13 % 300, i)));
                expected += expectedOperations(f);
                assertSameFrame(f, decode(server, join(client.encode(f))));
            }
            assertEquals(expected, client.txOperations());
            assertEquals(expected, server.rxOperations());
            assertEquals(0, client.rxOperations());
            assertEquals(0, server.txOperations());
        }
    }

    @Test
    void read_only_segments_seal_like_writable_ones_and_the_reused_buffer_carries_no_stale_bytes() throws Exception {
        // RawMessage hands out read-only views; sizes on both sides of the in-place ByteBuffer threshold
        for (int size : new int[] {GcmChannel.BUFFER_API_FROM + 5, 4096, 3, 200_000}) {
            byte[] data = random(size, size);
            Frame writable = message(random(41, 1), new byte[0], ByteBuffer.wrap(data));
            Frame readOnly = message(random(41, 1), new byte[0], ByteBuffer.wrap(data).asReadOnlyBuffer());
            try (SecureFrameCodec a = codec(Role.CONNECTOR, SECRET);
                 SecureFrameCodec b = codec(Role.CONNECTOR, SECRET)) {
                b.encode(message(random(41, 2), random(7, 3), ByteBuffer.wrap(random(300_000, 4)))); // dirties b's buffer: 2 nonces
                byte[] ping1 = join(a.encode(control(Tag.KEEPALIVE2, random(8, 5)))); // a spends the same 2 nonces on small frames
                byte[] ping2 = join(a.encode(control(Tag.KEEPALIVE2, random(8, 6))));
                byte[] wire = join(a.encode(writable));
                assertArrayEquals(wire, join(b.encode(readOnly)), "size " + size);
                try (SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
                    decode(server, ping1);
                    decode(server, ping2);
                    assertSameFrame(writable, decode(server, wire)); // decrypted in place in wire
                }
            }
        }
    }

    @Test
    void the_codec_output_equals_an_independent_sealing_of_the_documented_layout() throws Exception {
        byte[] seg0 = random(100, 12);
        byte[] seg1 = random(20, 13);
        Frame f = Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(seg0), ByteBuffer.wrap(seg1)}, new int[] {8, 8});
        byte[] pre = RawSealer.preamble(Tag.MESSAGE, new long[] {100, 20}, new int[] {8, 8});
        byte[] b = new byte[112 - 48];
        System.arraycopy(seg0, 48, b, 0, 52);
        byte[] c = new byte[32 + 16];
        System.arraycopy(seg1, 0, c, 0, 20);
        c[32] = 0x0e;
        byte[] expected = new RawSealer(SECRET, 28).block(RawSealer.blockA(pre, seg0)).block(b).block(c).wire();
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET)) {
            assertArrayEquals(expected, join(client.encode(f)));
        }
    }

    @Test
    void flipping_any_bit_of_any_block_or_tag_is_an_integrity_failure() throws Exception {
        Frame f = Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(random(100, 14)), ByteBuffer.wrap(random(20, 15))},
                new int[] {8, 8});
        byte[] wire;
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET)) {
            wire = join(client.encode(f));
        }
        assertEquals(96 + 80 + 64, wire.length); // A, B (64 + tag), C (32 + epilogue 16 + tag)
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] bad = wire.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            try (SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
                ByteBuffer in = ByteBuffer.wrap(bad);
                if (bit / 8 < 96) {
                    assertThrows(IntegrityException.class, () -> server.decodePreamble(in.slice(0, 96)), "bit " + bit);
                } else {
                    Preamble p = server.decodePreamble(in.slice(0, 96));
                    IntegrityException e = assertThrows(IntegrityException.class,
                            () -> server.decodeRemainder(p, in.slice(96, wire.length - 96)), "bit " + bit);
                    assertTrue(e.getMessage().startsWith("secure frame authentication failed"));
                }
            }
        }
    }

    @Test
    void a_replayed_or_reordered_frame_is_an_integrity_failure() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
            byte[] first = join(client.encode(control(Tag.KEEPALIVE2, random(8, 16))));
            byte[] second = join(client.encode(control(Tag.KEEPALIVE2, random(8, 17))));
            decode(server, first);
            assertThrows(IntegrityException.class, () -> decode(server, first));
            try (SecureFrameCodec other = codec(Role.ACCEPTOR, SECRET)) {
                assertThrows(IntegrityException.class, () -> decode(other, second));
            }
        }
    }

    @Test
    void a_frame_sealed_for_the_other_direction_is_an_integrity_failure() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec client2 = codec(Role.CONNECTOR, SECRET)) {
            byte[] wire = join(client.encode(control(Tag.KEEPALIVE2, new byte[8])));
            assertThrows(IntegrityException.class, () -> decode(client2, wire));
        }
        byte[] otherKey = SECRET.clone();
        otherKey[0] ^= 1;
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec server = codec(Role.ACCEPTOR, otherKey)) {
            byte[] wire = join(client.encode(control(Tag.KEEPALIVE2, new byte[8])));
            assertThrows(IntegrityException.class, () -> decode(server, wire));
        }
    }

    /** Loads and links the decode path so that allocation measurements see only the decode itself. */
    static void warmUp() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
            decode(client, join(server.encode(control(Tag.AUTH_DONE, new byte[100]))));
        }
    }

    /**
     * HotSpot's per-thread allocation counter, by reflection: tests are compiled inside the
     * module, which does not read java.management.
     */
    static long allocatedBytes() throws Exception {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
    }

    @Test
    void an_authentic_preamble_with_a_huge_segment_is_refused_before_anything_is_allocated() throws Exception {
        byte[] pre = RawSealer.preamble(Tag.MESSAGE, new long[] {41, 1L << 31}, new int[] {8, 8});
        byte[] wire = new RawSealer(SECRET, 16).block(RawSealer.blockA(pre, new byte[41])).wire();
        warmUp();
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET)) {
            long before = allocatedBytes();
            ProtocolException e = assertThrows(ProtocolException.class, () -> client.decodePreamble(ByteBuffer.wrap(wire)));
            long allocated = allocatedBytes() - before;
            assertFalse(e instanceof IntegrityException, e.toString());
            assertTrue(e.getMessage().contains("2147483648") && e.getMessage().contains("exceeds"), e.getMessage());
            assertTrue(allocated < (1 << 20), "allocated " + allocated + " bytes");
        }
    }

    @Test
    void segments_that_cannot_fit_one_block_are_refused_even_without_a_length_limit() throws Exception {
        long max = 0xffffffffL;
        byte[] pre = RawSealer.preamble(Tag.MESSAGE, new long[] {41, max, max, max}, new int[] {8, 8, 8, 4096});
        byte[] wire = new RawSealer(SECRET, 16).block(RawSealer.blockA(pre, new byte[41])).wire();
        warmUp();
        try (SecureFrameCodec client = new SecureFrameCodec(Role.CONNECTOR, SECRET, Long.MAX_VALUE, "")) {
            long before = allocatedBytes();
            ProtocolException e = assertThrows(ProtocolException.class, () -> client.decodePreamble(ByteBuffer.wrap(wire)));
            assertTrue(allocatedBytes() - before < (1 << 20));
            assertTrue(e.getMessage().contains("too large"), e.getMessage());
        }
        byte[] pre0 = RawSealer.preamble(Tag.AUTH_DONE, new long[] {0xfffffff0L}, new int[] {8});
        byte[] wire0 = new RawSealer(SECRET, 16).block(RawSealer.blockA(pre0, new byte[48])).wire();
        try (SecureFrameCodec client = new SecureFrameCodec(Role.CONNECTOR, SECRET, Long.MAX_VALUE, "")) {
            assertThrows(ProtocolException.class, () -> client.decodePreamble(ByteBuffer.wrap(wire0)));
        }
    }

    @Test
    void the_segment_limit_is_applied_to_the_decrypted_preamble() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec server = new SecureFrameCodec(Role.ACCEPTOR, SECRET, 1000, "")) {
            byte[] wire = join(client.encode(control(Tag.AUTH_REQUEST, new byte[1001])));
            ProtocolException e = assertThrows(ProtocolException.class, () -> server.decodePreamble(ByteBuffer.wrap(wire, 0, 96)));
            assertFalse(e instanceof IntegrityException);
        }
    }

    @Test
    void short_blocks_and_a_truncated_remainder_are_protocol_errors() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
            assertThrows(ProtocolException.class, () -> server.decodePreamble(ByteBuffer.allocate(95)));
            assertEquals(0, server.rxOperations(), "a short block costs no nonce");
            byte[] wire = join(client.encode(control(Tag.AUTH_DONE, new byte[500])));
            Preamble p = server.decodePreamble(ByteBuffer.wrap(wire, 0, 96));
            assertEquals(wire.length - 96, server.remainderLength(p));
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> server.decodeRemainder(p, ByteBuffer.wrap(wire, 96, wire.length - 97)));
            assertFalse(e instanceof IntegrityException);
        }
    }

    @Test
    void decodeRemainder_needs_its_own_preamble() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET);
             SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
            Preamble foreign = io.inkwire.wire.Preambles.of(control(Tag.WAIT, new byte[0]), 0);
            assertThrows(IllegalStateException.class, () -> server.decodeRemainder(foreign, ByteBuffer.allocate(0)));
            byte[] wire = join(client.encode(control(Tag.WAIT, new byte[0])));
            Preamble p = server.decodePreamble(ByteBuffer.wrap(wire));
            assertEquals(0, server.remainderLength(p));
            assertEquals(0, server.decodeRemainder(p, ByteBuffer.allocate(0)).segmentLength(0));
            assertThrows(IllegalStateException.class, () -> server.decodeRemainder(p, ByteBuffer.allocate(0)), "only once");
        }
    }

    @Test
    void an_aborted_frame_is_dropped_and_its_nonces_stay_spent() throws Exception {
        byte[] header = random(41, 18);
        byte[] front = random(20, 19);
        long[] lengths = {41, 20};
        int[] align = {8, 8};
        byte[] c = new byte[32 + 16];
        System.arraycopy(front, 0, c, 0, 20);
        c[32] = 0x01; // FRAME_LATE_STATUS_ABORTED
        byte[] cOk = c.clone();
        cOk[32] = 0x0e;
        byte[] preamble = RawSealer.preamble(Tag.MESSAGE, lengths, align);
        byte[] wire = new RawSealer(SECRET, 16)
                .block(RawSealer.blockA(preamble, header)).block(c)
                .block(RawSealer.blockA(preamble, header)).block(cOk)
                .wire();
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET)) {
            ByteBuffer in = ByteBuffer.wrap(wire);
            Codecs.Read aborted = Codecs.readOne(client, in);
            assertNull(aborted.frame());
            assertEquals(2, aborted.operations());
            Frame f = Codecs.readOne(client, in).frame();
            assertArrayEquals(header, bytes(f.segment(0)));
            assertArrayEquals(front, bytes(f.segment(1)));
        }
    }

    @Test
    void an_unknown_late_status_is_a_protocol_error() throws Exception {
        byte[] c = new byte[16 + 16];
        c[16] = 0x05;
        byte[] preamble = RawSealer.preamble(Tag.MESSAGE, new long[] {41, 3}, new int[] {8, 8});
        byte[] wire = new RawSealer(SECRET, 16).block(RawSealer.blockA(preamble, new byte[41])).block(c).wire();
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET)) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> decode(client, wire));
            assertTrue(e.getMessage().contains("late_status 0x05"), e.getMessage());
        }
    }

    @Test
    void the_sender_refuses_to_wrap_back_to_its_initial_nonce() throws Exception {
        try (SecureFrameCodec client = codec(Role.CONNECTOR, SECRET)) {
            Frame f = control(Tag.KEEPALIVE2, new byte[8]);
            client.encode(f);
            client.txChannel().nonce().skip(-2); // pretend 2^64 - 1 operations have been done
            client.encode(f); // the last nonce before the initial one
            ProtocolException e = assertThrows(ProtocolException.class, () -> client.encode(f));
            assertTrue(e.getMessage().startsWith("out of nonces"), e.getMessage());
        }
    }

    @Test
    void a_closed_codec_is_unusable_and_never_shows_its_secret() throws Exception {
        SecureFrameCodec c = codec(Role.CONNECTOR, SECRET);
        String hex = HexFormat.of().formatHex(SECRET, 0, 16);
        assertFalse(c.toString().contains(hex));
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.encode(control(Tag.WAIT, new byte[0])));
        assertThrows(IllegalStateException.class, () -> c.decodePreamble(ByteBuffer.allocate(96)));
        assertTrue(c.toString().contains("closed"));
    }

    @Test
    void a_secret_shorter_than_key_and_nonces_is_refused() {
        assertThrows(ProtocolException.class, () -> new SecureFrameCodec(Role.CONNECTOR, new byte[39], 1 << 20, ""));
        assertThrows(ProtocolException.class, () -> new SecureFrameCodec(Role.CONNECTOR, new byte[0], 1 << 20, ""));
    }

    @Test
    void a_secret_of_exactly_40_bytes_is_enough() throws Exception {
        byte[] s = java.util.Arrays.copyOf(SECRET, 40);
        try (SecureFrameCodec client = new SecureFrameCodec(Role.CONNECTOR, s, 1 << 20, "");
             SecureFrameCodec server = codec(Role.ACCEPTOR, SECRET)) {
            Frame f = control(Tag.ACK, random(8, 20));
            assertSameFrame(f, decode(server, join(client.encode(f))));
        }
    }
}
