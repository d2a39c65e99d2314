package io.inkwire.wire;

import static io.inkwire.testing.Buffers.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.IntegrityException;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.frame.ControlFrames;
import io.inkwire.wire.frame.HelloFrame;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CrcFrameCodecTest {

    static final HexFormat HEX = HexFormat.of();
    static final long MAX = 1 << 20;

    static Frame decode(CrcFrameCodec c, byte[] wire) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(wire);
        Preamble p = c.decodePreamble(in.slice().limit(c.preambleBlockLength()));
        in.position(c.preambleBlockLength());
        assertEquals(wire.length - c.preambleBlockLength(), c.remainderLength(p));
        return c.decodeRemainder(p, in.slice());
    }

    @Test
    void hello_rev1_matches_the_worked_example_byte_for_byte() throws Exception {
        HelloFrame hello = new HelloFrame(EntityType.CLIENT, EntityAddr.msgr2("192.168.1.10", 3300));
        byte[] wire = join(new CrcFrameCodec(1, MAX, true).encode(hello.toFrame()));
        assertEquals(72, wire.length);
        assertEquals("08" + "010101" + "1c000000" + "02000000" + "00000000" + "10000000" + "0200" + "0ce4" + "c0a8010a"
                + "0000000000000000", HEX.formatHex(wire, 32, 68));
        assertEquals("3fbd6b06", HEX.formatHex(wire, 28, 32), "preamble crc");
        assertEquals("9e47f567", HEX.formatHex(wire, 68, 72), "payload crc");
        assertEquals(hello, ControlFrames.decode(decode(new CrcFrameCodec(1, MAX, true), wire)));
    }

    static Frame message(byte[] front, byte[] middle, byte[] data) {
        return Frame.of(17, new ByteBuffer[] {ByteBuffer.wrap(new byte[41]), ByteBuffer.wrap(front), ByteBuffer.wrap(middle),
            ByteBuffer.wrap(data)}, new int[] {8, 8, 8, 4096});
    }

    /**
     * Issue 14: encoding a MESSAGE frame allocates nothing of the codec's own (preamble, crcs,
     * epilogue and the result array are reused) and leaves the frame's buffers as they were;
     * decoding one allocates one view per payload segment (the frame, its arrays and the message
     * header's buffer are the codec's, refilled by each decode, and a preamble block like the last
     * one is the last preamble).
     * Measured per frame over many, counting what the interpreter allocates too (no escape analysis
     * assumed). Before the reuse the two directions cost about 1.9 KB per frame; decoding was 344 B
     * while the preamble kept its descriptors in two arrays, 280 B with them as fields and a frame
     * per decode, 216 B without, 168 B with the last preamble kept, 112 B with the header copied.
     */
    @Test
    void a_message_frame_round_trip_allocates_a_bounded_amount() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CrcFrameCodec tx = new CrcFrameCodec(1, MAX, true);
        CrcFrameCodec rx = new CrcFrameCodec(1, MAX, true);
        byte[] data = new byte[4096];
        new java.util.Random(14).nextBytes(data);
        Frame f = message(new byte[64], new byte[0], data);
        byte[] wire = join(tx.encode(f));
        ByteBuffer block = ByteBuffer.wrap(wire, 0, rx.preambleBlockLength());
        ByteBuffer rest = ByteBuffer.wrap(wire).slice(rx.preambleBlockLength(), wire.length - rx.preambleBlockLength());
        int frames = 20_000;
        // the least of four rounds after a warm-up: a one-off allocation of the JVM's on this thread
        // inside a round (seen once: 121 B against a steady 112 B) is not the codec's per-frame cost
        long encoded = Long.MAX_VALUE;
        long decoded = Long.MAX_VALUE;
        Frame back = null;
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < frames; i++) {
                tx.encode(f);
            }
            long t1 = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < frames; i++) {
                Preamble p = rx.decodePreamble(block.position(0));
                back = rx.decodeRemainder(p, rest.position(0));
            }
            long t2 = threads.getCurrentThreadAllocatedBytes();
            if (round > 0) {
                encoded = Math.min(encoded, (t1 - t0) / frames);
                decoded = Math.min(decoded, (t2 - t1) / frames);
            }
        }
        assertArrayEquals(wire, join(tx.encode(f)), "the frame's buffers are unmoved after many encodes");
        assertEquals(ByteBuffer.wrap(data), back.segment(3));
        assertTrue(encoded <= 64, "encode allocated " + encoded + " bytes per frame");
        assertTrue(decoded <= 120, "decode allocated " + decoded + " bytes per frame");
    }

    @Test
    void a_preamble_block_like_the_last_is_the_last_preamble_and_any_other_is_decoded_afresh() throws Exception {
        CrcFrameCodec tx = new CrcFrameCodec(1, MAX, true);
        CrcFrameCodec rx = new CrcFrameCodec(1, MAX, true);
        byte[] a = join(tx.encode(message(new byte[64], new byte[0], new byte[4096])));
        byte[] b = join(tx.encode(message(new byte[64], new byte[0], new byte[4095])));
        Preamble first = rx.decodePreamble(ByteBuffer.wrap(a, 0, 32));
        ByteBuffer again = ByteBuffer.wrap(a, 0, 32);
        assertTrue(first == rx.decodePreamble(again), "the same block: the same preamble");
        assertEquals(32, again.position(), "the block was consumed");
        Preamble other = rx.decodePreamble(ByteBuffer.wrap(b, 0, 32));
        assertEquals(4095, other.length(3), "another block: its own preamble");
        assertEquals(4096, first.length(3));
        byte[] bad = a.clone();
        bad[28] ^= 1; // the crc of a block otherwise the last good one's
        rx.decodePreamble(ByteBuffer.wrap(a, 0, 32));
        assertThrows(IntegrityException.class, () -> rx.decodePreamble(ByteBuffer.wrap(bad, 0, 32)));
        byte[] longer = a.clone();
        longer[2 + 18 + 2] = 0x10; // the data segment (le32 at 20) 16 MiB longer: over the codec's limit, crc fixed up
        LittleEndian.putLe32(ByteBuffer.wrap(longer), 28, Crc32c.compute(Crc32c.SEED_ZERO, longer, 0, 28));
        assertThrows(ProtocolException.class, () -> rx.decodePreamble(ByteBuffer.wrap(longer, 0, 32)));
    }

    @Test
    void rev1_multi_segment_layout_and_round_trip() throws Exception {
        Frame f = message(new byte[] {1, 2, 3}, new byte[0], new byte[] {9});
        byte[] wire = join(new CrcFrameCodec(1, MAX, true).encode(f));
        assertEquals(32 + 41 + 4 + 3 + 0 + 1 + 13, wire.length);
        ByteBuffer epi = ByteBuffer.wrap(wire, wire.length - 13, 13).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0e, epi.get());
        epi.getInt();
        assertEquals(0xffffffff, epi.getInt(), "a counted empty segment has crc -1");
        Frame back = decode(new CrcFrameCodec(1, MAX, true), wire);
        assertEquals(4, back.numSegments());
        assertEquals(ByteBuffer.wrap(new byte[] {9}), back.segment(3));
        assertEquals(4096, back.alignment(3));
    }

    @Test
    void trailing_empty_segments_are_not_counted() throws Exception {
        Frame f = message(new byte[] {1}, new byte[0], new byte[0]);
        byte[] wire = join(new CrcFrameCodec(1, MAX, true).encode(f));
        assertEquals(2, wire[1]);
        assertEquals(32 + 41 + 4 + 1 + 13, wire.length);
        ByteBuffer epi = ByteBuffer.wrap(wire, wire.length - 13, 13).order(ByteOrder.LITTLE_ENDIAN);
        epi.get();
        epi.getInt();
        assertEquals(0, epi.getInt(), "uncounted slot is 0");
        assertEquals(0, epi.getInt());
    }

    @Test
    void rev0_layout_and_round_trip() throws Exception {
        Frame f = message(new byte[] {1, 2, 3}, new byte[0], new byte[] {9});
        byte[] wire = join(new CrcFrameCodec(0, MAX, true).encode(f));
        assertEquals(32 + 41 + 3 + 0 + 1 + 17, wire.length);
        Frame back = decode(new CrcFrameCodec(0, MAX, true), wire);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), back.segment(1));
        byte[] control = join(new CrcFrameCodec(0, MAX, true).encode(Frame.control(Tag.ACK, ByteBuffer.wrap(new byte[8]))));
        assertEquals(32 + 8 + 17, control.length, "rev0 always has an epilogue");
    }

    @Test
    void an_aborted_rev1_frame_is_dropped() throws Exception {
        byte[] wire = join(new CrcFrameCodec(1, MAX, true).encode(message(new byte[] {1}, new byte[0], new byte[0])));
        wire[wire.length - 13] = 0x01;
        assertNull(decode(new CrcFrameCodec(1, MAX, true), wire));
    }

    @Test
    void corruption_anywhere_is_detected() throws Exception {
        byte[] wire = join(new CrcFrameCodec(1, MAX, true).encode(message(new byte[] {1, 2, 3}, new byte[] {4}, new byte[] {9})));
        for (int i = 0; i < wire.length; i++) {
            if (i == wire.length - 13) {
                continue; // late_status: only its low nibble is checked, as in Ceph (the high one is reserved)
            }
            byte[] bad = wire.clone();
            bad[i] ^= 0x10;
            assertThrows(ProtocolException.class, () -> decode(new CrcFrameCodec(1, MAX, true), bad), "flip at " + i);
        }
    }

    @Test
    void hostile_preambles_are_refused_before_reading_the_body() {
        CrcFrameCodec c = new CrcFrameCodec(1, MAX, true);
        assertThrows(ProtocolException.class, () -> c.decodePreamble(preamble(17, 1, 0x80000000L)), "2^31 segment");
        assertThrows(ProtocolException.class, () -> c.decodePreamble(preamble(17, 5, 8)), "5 segments");
        assertThrows(ProtocolException.class, () -> c.decodePreamble(preamble(0, 1, 8)), "tag 0");
        assertThrows(ProtocolException.class, () -> c.decodePreamble(preamble(99, 1, 8)), "unknown tag");
        ByteBuffer badCrc = preamble(1, 1, 8);
        badCrc.put(31, (byte) (badCrc.get(31) ^ 1));
        IntegrityException e = assertThrows(IntegrityException.class, () -> c.decodePreamble(badCrc));
        assertTrue(e.getMessage().contains("preamble crc"));
    }

    static ByteBuffer preamble(int tag, int nseg, long len0) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) tag).put((byte) nseg).putInt((int) len0).putShort((short) 8);
        b.position(28);
        b.putInt(28, Crc32c.compute(0, b.array(), 0, 28));
        return b.position(0);
    }

    @Test
    void banner_round_trip_and_v1_peer_detection() throws Exception {
        byte[] b = Banner.encode(1, 0);
        assertEquals("63657068207632" + "0a" + "1000" + "0100000000000000" + "0000000000000000", HEX.formatHex(b));
        assertEquals(16, Banner.decodePrefix(ByteBuffer.wrap(b, 0, 10)));
        assertArrayEquals(new long[] {1, 0}, Banner.decodePayload(ByteBuffer.wrap(b, 10, 16)));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Banner.decodePrefix(ByteBuffer.wrap("ceph v027\0".getBytes())));
        assertTrue(e.getMessage().contains("msgr1"), e.getMessage());
    }
}
