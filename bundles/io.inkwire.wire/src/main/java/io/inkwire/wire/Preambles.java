package io.inkwire.wire;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.IntegrityException;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
        int n = frame.numSegments();
        long[] lengths = new long[Frame.MAX_NUM_SEGMENTS];
        int[] align = new int[Frame.MAX_NUM_SEGMENTS];
        for (int i = 0; i < n; i++) {
            lengths[i] = frame.segmentLength(i);
            align[i] = frame.alignment(i);
        }
        return new Preamble(frame.tag(), n, lengths, align, flags);
    }

    /** Writes the 32 bytes at {@code out}'s position (advancing it). */
    public static void encode(Preamble p, ByteBuffer out) {
        ByteBuffer b = out.slice().order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) p.tag()).put((byte) p.numSegments());
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            b.putInt(i < p.numSegments() ? (int) p.length(i) : 0);
            b.putShort((short) (i < p.numSegments() ? p.alignment(i) : 0));
        }
        b.put((byte) p.flags()).put((byte) 0);
        int crc = Crc32c.compute(Crc32c.SEED_ZERO, b.duplicate().flip().limit(PREAMBLE_CRC_COVERED));
        b.putInt(crc);
        out.position(out.position() + PREAMBLE_LENGTH);
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
        ByteBuffer b = in.slice().limit(PREAMBLE_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        int expected = Crc32c.compute(Crc32c.SEED_ZERO, b.duplicate().limit(PREAMBLE_CRC_COVERED));
        int actual = b.getInt(PREAMBLE_CRC_COVERED);
        if (expected != actual) {
            throw new IntegrityException(String.format("frame preamble crc mismatch: got 0x%08x, computed 0x%08x", actual, expected));
        }
        int tag = b.get() & 0xff;
        int n = b.get() & 0xff;
        long[] lengths = new long[Frame.MAX_NUM_SEGMENTS];
        int[] align = new int[Frame.MAX_NUM_SEGMENTS];
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            lengths[i] = b.getInt() & 0xffffffffL;
            align[i] = b.getShort() & 0xffff;
        }
        int flags = b.get() & 0xff;
        in.position(in.position() + PREAMBLE_LENGTH);
        if (!Tag.isKnown(tag)) {
            throw new ProtocolException("frame with unknown tag " + tag);
        }
        if (n < 1 || n > Frame.MAX_NUM_SEGMENTS) {
            throw new ProtocolException("frame " + Tag.name(tag) + " with " + n + " segments (1.." + Frame.MAX_NUM_SEGMENTS + " allowed)");
        }
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            if (i >= n && (lengths[i] != 0 || align[i] != 0)) {
                throw new ProtocolException("frame " + Tag.name(tag) + ": descriptor of uncounted segment " + i + " is not zero");
            }
            if (lengths[i] > maxSegmentLength) {
                throw new ProtocolException("frame " + Tag.name(tag) + ": segment " + i + " length " + lengths[i]
                        + " exceeds the limit of " + maxSegmentLength + " bytes");
            }
        }
        if (n > 1 && lengths[n - 1] == 0) {
            throw new ProtocolException("frame " + Tag.name(tag) + ": last counted segment " + (n - 1) + " is empty");
        }
        if ((flags & ~Preamble.FLAG_EARLY_DATA_COMPRESSED) != 0) {
            throw new ProtocolException("frame " + Tag.name(tag) + ": unknown preamble flags 0x" + Integer.toHexString(flags));
        }
        if ((flags & Preamble.FLAG_EARLY_DATA_COMPRESSED) != 0) {
            throw new ProtocolException("frame " + Tag.name(tag) + " is compressed, but compression was not negotiated");
        }
        return new Preamble(tag, n, lengths, align, flags);
    }
}
