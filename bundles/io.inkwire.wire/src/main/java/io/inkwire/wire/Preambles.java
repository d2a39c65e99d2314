package io.inkwire.wire;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.IntegrityException;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;

/**
 * The 32-byte preamble ({@code preamble_block_t}, {@code src/msg/async/frames_v2.h}): tag,
 * num_segments, four {le32 length, le16 alignment}, flags, reserved, le32 crc32c(seed 0) of the
 * first 28 bytes. Same layout in every mode and revision; secure mode encrypts it.
 */
public final class Preambles {

    public static final int PREAMBLE_LENGTH = 32;
    /** Bytes covered by the preamble crc. */
    public static final int PREAMBLE_CRC_COVERED = 28;

    private Preambles() {
    }

    /** The preamble of {@code frame} with the logical segment lengths. */
    public static Preamble of(Frame frame, int flags) {
        return Preamble.of(frame.tag(), frame.numSegments(), flags,
                frame.segmentLength(0), frame.segmentLength(1), frame.segmentLength(2), frame.segmentLength(3),
                frame.alignment(0), frame.alignment(1), frame.alignment(2), frame.alignment(3));
    }

    /** Writes the 32 bytes at {@code out}'s position (advancing it). */
    public static void encode(Preamble p, ByteBuffer out) {
        int at = out.position();
        out.put(at, (byte) p.tag()).put(at + 1, (byte) p.numSegments());
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            LittleEndian.putLe32(out, at + 2 + 6 * i, (int) p.length(i));
            LittleEndian.putLe16(out, at + 6 + 6 * i, p.alignment(i));
        }
        finish(out, at, p.flags());
    }

    /**
     * Writes the preamble of {@code frame} (its logical segment lengths) at {@code out}'s
     * position, advancing it: what {@code encode(of(frame, flags), out)} writes, with nothing
     * allocated on the way — the crc and secure codecs do this once per message.
     */
    public static void encode(Frame frame, int flags, ByteBuffer out) {
        int at = out.position();
        int n = frame.numSegments();
        out.put(at, (byte) frame.tag()).put(at + 1, (byte) n);
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            LittleEndian.putLe32(out, at + 2 + 6 * i, i < n ? frame.segmentLength(i) : 0);
            LittleEndian.putLe16(out, at + 6 + 6 * i, i < n ? frame.alignment(i) : 0);
        }
        finish(out, at, flags);
    }

    /** Flags, the reserved byte and the crc of the 28 bytes before it; moves past the preamble. */
    private static void finish(ByteBuffer out, int at, int flags) {
        out.put(at + 26, (byte) flags).put(at + 27, (byte) 0);
        LittleEndian.putLe32(out, at + PREAMBLE_CRC_COVERED, crcCovered(out, at));
        out.position(at + PREAMBLE_LENGTH);
    }

    /** crc32c (seed 0) of the 28 bytes at {@code at}, without a view when the buffer has an array. */
    private static int crcCovered(ByteBuffer buf, int at) {
        if (buf.hasArray()) {
            return Crc32c.compute(Crc32c.SEED_ZERO, buf.array(), buf.arrayOffset() + at, PREAMBLE_CRC_COVERED);
        }
        return Crc32c.compute(Crc32c.SEED_ZERO, buf.duplicate().limit(at + PREAMBLE_CRC_COVERED).position(at));
    }

    public static byte[] encode(Preamble p) {
        ByteBuffer b = ByteBuffer.allocate(PREAMBLE_LENGTH);
        encode(p, b);
        return b.array();
    }

    /**
     * Decodes and checks the 32 bytes at {@code in}'s position (advancing it): crc, a known tag,
     * 1..4 segments, zero descriptors past num_segments, no segment over {@code maxSegmentLength},
     * and a non-empty last counted segment.
     */
    public static Preamble decode(ByteBuffer in, long maxSegmentLength) throws ProtocolException {
        // absolute reads, whatever the buffer's byte order: no view of a block read once per frame
        int at = in.position();
        if (in.remaining() < PREAMBLE_LENGTH) {
            throw new ProtocolException("frame preamble is " + in.remaining() + " bytes, expected " + PREAMBLE_LENGTH);
        }
        int expected = crcCovered(in, at);
        int actual = LittleEndian.getLe32(in, at + PREAMBLE_CRC_COVERED);
        if (expected != actual) {
            throw new IntegrityException(String.format("frame preamble crc mismatch: got 0x%08x, computed 0x%08x", actual, expected));
        }
        int tag = in.get(at) & 0xff;
        int n = in.get(at + 1) & 0xff;
        int flags = in.get(at + 26) & 0xff;
        Preamble p = Preamble.of(tag, n, flags,
                LittleEndian.getLe32(in, at + 2), LittleEndian.getLe32(in, at + 8), LittleEndian.getLe32(in, at + 14), LittleEndian.getLe32(in, at + 20),
                LittleEndian.getLe16(in, at + 6), LittleEndian.getLe16(in, at + 12), LittleEndian.getLe16(in, at + 18), LittleEndian.getLe16(in, at + 24));
        in.position(at + PREAMBLE_LENGTH);
        if (!Tag.isKnown(tag)) {
            throw new ProtocolException("frame with unknown tag " + tag);
        }
        if (n < 1 || n > Frame.MAX_NUM_SEGMENTS) {
            throw new ProtocolException("frame " + Tag.name(tag) + " with " + n + " segments (1.." + Frame.MAX_NUM_SEGMENTS + " allowed)");
        }
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            long length = p.descriptorLength(i);
            if (i >= n && (length != 0 || p.descriptorAlignment(i) != 0)) {
                throw new ProtocolException("frame " + Tag.name(tag) + ": descriptor of uncounted segment " + i + " is not zero");
            }
            if (length > maxSegmentLength) {
                throw new ProtocolException("frame " + Tag.name(tag) + ": segment " + i + " length " + length
                        + " exceeds the limit of " + maxSegmentLength + " bytes");
            }
        }
        if (n > 1 && p.length(n - 1) == 0) {
            throw new ProtocolException("frame " + Tag.name(tag) + ": last counted segment " + (n - 1) + " is empty");
        }
        if ((flags & ~Preamble.FLAG_EARLY_DATA_COMPRESSED) != 0) {
            throw new ProtocolException("frame " + Tag.name(tag) + ": unknown preamble flags 0x" + Integer.toHexString(flags));
        }
        if ((flags & Preamble.FLAG_EARLY_DATA_COMPRESSED) != 0) {
            throw new ProtocolException("frame " + Tag.name(tag) + " is compressed, but compression was not negotiated");
        }
        return p;
    }
}
