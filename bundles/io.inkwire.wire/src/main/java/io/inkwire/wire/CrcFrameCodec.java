package io.inkwire.wire;

import io.inkwire.api.IntegrityException;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * msgr2 crc-mode framing, revision 1 and revision 0 ({@code src/msg/async/frames_v2.h}).
 *
 * <pre>
 * rev1: preamble(32) [seg0 + le32 crc(seg0)] [seg1..3 + epilogue(13): u8 late_status, 3 x le32 crc]
 * rev0: preamble(32) seg0..3 epilogue(17): u8 late_flags, 4 x le32 crc
 * </pre>
 * Segment crcs use seed -1 ({@link Crc32c#SEED_SEGMENT}); the preamble crc seed 0. Every frame before
 * AUTH_DONE uses this codec, whatever mode is negotiated afterwards. Segments are not copied on
 * encode: the returned buffers reference the frame's, beside the codec's own for the rest.
 */
public final class CrcFrameCodec implements FrameCodec {

    /** {@code FRAME_LATE_STATUS_COMPLETE} (rev1, low nibble). */
    public static final int FRAME_LATE_STATUS_COMPLETE = 0x0e;
    /** {@code FRAME_LATE_STATUS_ABORTED} (rev1, low nibble). */
    public static final int FRAME_LATE_STATUS_ABORTED = 0x01;
    /** Mask of the status nibble. */
    public static final int FRAME_LATE_STATUS_ABORTED_MASK = 0x0f;
    /** {@code FRAME_LATE_FLAG_ABORTED} (rev0). */
    public static final int FRAME_LATE_FLAG_ABORTED = 0x01;
    /** rev1 epilogue: late_status + 3 crcs. */
    public static final int EPILOGUE_REV1_LENGTH = 13;
    /** rev0 epilogue: late_flags + 4 crcs. */
    public static final int EPILOGUE_REV0_LENGTH = 17;
    /** The inline crc after segment 0 in rev1. */
    public static final int SEGMENT_CRC_LENGTH = 4;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final int revision;
    private final long maxSegmentLength;
    private final boolean checkCrc;
    /** What {@link #encode} writes besides the segments, reused frame after frame (see there). */
    private final ByteBuffer preambleOut = ByteBuffer.allocate(Preambles.PREAMBLE_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer segment0CrcOut = ByteBuffer.allocate(SEGMENT_CRC_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer epilogueOut = ByteBuffer.allocate(EPILOGUE_REV0_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    /** Result arrays by length, reused ({@link #outArray}). */
    private final ByteBuffer[][] outArrays = new ByteBuffer[Frame.MAX_NUM_SEGMENTS + 4][];
    /** What {@link #decodeRemainder} returns, refilled by each call. */
    private final DecodedFrames decoded = new DecodedFrames();
    /** The preamble {@link #decodePreamble} decoded last, and its 32 bytes as four little-endian words. */
    private Preamble lastPreamble;
    private long lastBlock0;
    private long lastBlock1;
    private long lastBlock2;
    private long lastBlock3;

    /**
     * @param revision         0 or 1
     * @param maxSegmentLength a longer announced segment is refused before anything is read
     * @param checkCrc         {@code ms_crc_data}: when false, crcs are written as 0 and not checked
     */
    public CrcFrameCodec(int revision, long maxSegmentLength, boolean checkCrc) {
        if (revision != 0 && revision != 1) {
            throw new IllegalArgumentException("msgr2 revision " + revision);
        }
        this.revision = revision;
        this.maxSegmentLength = maxSegmentLength;
        this.checkCrc = checkCrc;
    }

    public int revision() {
        return revision;
    }

    @Override
    public int preambleBlockLength() {
        return Preambles.PREAMBLE_LENGTH;
    }

    /**
     * A block byte for byte the last one (crc included) is the last preamble: a preamble is a value,
     * and a steady stream (the same op, reply after reply) repeats its shape, so most frames of one
     * then cost no preamble object. The four words are compared before anything else is read.
     */
    @Override
    public Preamble decodePreamble(ByteBuffer block) throws ProtocolException {
        int at = block.position();
        if (lastPreamble != null && block.remaining() >= Preambles.PREAMBLE_LENGTH
                && LittleEndian.getLe64(block, at) == lastBlock0 && LittleEndian.getLe64(block, at + 8) == lastBlock1
                && LittleEndian.getLe64(block, at + 16) == lastBlock2 && LittleEndian.getLe64(block, at + 24) == lastBlock3) {
            block.position(at + Preambles.PREAMBLE_LENGTH);
            return lastPreamble;
        }
        Preamble p = Preambles.decode(block, maxSegmentLength); // throws on a bad block, which is not kept
        lastBlock0 = LittleEndian.getLe64(block, at);
        lastBlock1 = LittleEndian.getLe64(block, at + 8);
        lastBlock2 = LittleEndian.getLe64(block, at + 16);
        lastBlock3 = LittleEndian.getLe64(block, at + 24);
        lastPreamble = p;
        return p;
    }

    @Override
    public long remainderLength(Preamble p) {
        if (revision == 0) {
            return p.totalLength() + EPILOGUE_REV0_LENGTH;
        }
        long n = p.length(0) > 0 ? p.length(0) + SEGMENT_CRC_LENGTH : 0;
        if (p.numSegments() > 1) {
            n += p.length(1) + p.length(2) + p.length(3) + EPILOGUE_REV1_LENGTH;
        }
        return n;
    }

    @Override
    public Frame decodeRemainder(Preamble p, ByteBuffer rest) throws ProtocolException {
        if (rest.remaining() != remainderLength(p)) {
            throw new ProtocolException("frame remainder is " + rest.remaining() + " bytes, expected " + remainderLength(p));
        }
        // one view per segment, which the frame keeps; crcs and the epilogue are read in place
        int at = rest.position();
        int n = p.numSegments();
        ByteBuffer[] segs = decoded.segments();
        if (revision == 1) {
            if (p.length(0) > 0) {
                segs[0] = decoded.segmentZero(p, rest, at, (int) p.length(0));
                at += (int) p.length(0);
                verify(0, segs[0], LittleEndian.getLe32(rest, at), p);
                at += SEGMENT_CRC_LENGTH;
            }
            if (n > 1) {
                for (int i = 1; i < n; i++) {
                    segs[i] = take(rest, at, (int) p.length(i));
                    at += (int) p.length(i);
                }
                int lateStatus = rest.get(at) & 0xff;
                int status = lateStatus & FRAME_LATE_STATUS_ABORTED_MASK;
                if (status != FRAME_LATE_STATUS_COMPLETE && status != FRAME_LATE_STATUS_ABORTED) {
                    throw new ProtocolException(String.format("frame %s: bad late_status 0x%02x", Tag.name(p.tag()), lateStatus));
                }
                for (int i = 1; i < n; i++) {
                    verify(i, segs[i], LittleEndian.getLe32(rest, at + 1 + 4 * (i - 1)), p);
                }
                if (status == FRAME_LATE_STATUS_ABORTED) {
                    return null;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                segs[i] = i == 0 ? decoded.segmentZero(p, rest, at, (int) p.length(0)) : take(rest, at, (int) p.length(i));
                at += (int) p.length(i);
            }
            int lateFlags = rest.get(at) & 0xff;
            for (int i = 0; i < n; i++) {
                verify(i, segs[i], LittleEndian.getLe32(rest, at + 1 + 4 * i), p);
            }
            if ((lateFlags & FRAME_LATE_FLAG_ABORTED) != 0) {
                return null;
            }
        }
        rest.position(rest.limit());
        return decoded.frame(p);
    }

    /** A view of {@code len} bytes at {@code at} of {@code in} (null, an empty segment, for none). */
    private static ByteBuffer take(ByteBuffer in, int at, int len) {
        return len == 0 ? null : in.slice(at, len);
    }

    private void verify(int i, ByteBuffer seg, int wireCrc, Preamble p) throws IntegrityException {
        if (!checkCrc) {
            return;
        }
        int crc = Crc32c.compute(Crc32c.SEED_SEGMENT, seg == null ? EMPTY : seg);
        if (crc != wireCrc) {
            throw new IntegrityException(String.format("frame %s: segment %d crc mismatch: got 0x%08x, computed 0x%08x",
                    Tag.name(p.tag()), i, wireCrc, crc));
        }
    }

    private int crc(ByteBuffer seg) {
        return checkCrc ? Crc32c.compute(Crc32c.SEED_SEGMENT, seg) : 0;
    }

    /**
     * The preamble, the inline crc and the epilogue are written into buffers this codec reuses, and
     * the result is an array it reuses: both are valid until the next call (the transport copies
     * them out before the engine encodes again). The segments are the frame's own buffers.
     */
    @Override
    public ByteBuffer[] encode(Frame frame) {
        int n = frame.numSegments();
        Preambles.encode(frame, 0, preambleOut.clear());
        preambleOut.flip();
        if (revision == 0) {
            ByteBuffer[] out = outArray(n + 2);
            out[0] = preambleOut;
            epilogueOut.clear().put((byte) 0);
            for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
                epilogueOut.putInt(i < n ? crc(frame.segmentAsHeld(i)) : 0);
                if (i < n) {
                    out[1 + i] = frame.segmentAsHeld(i);
                }
            }
            out[n + 1] = epilogueOut.flip();
            return out;
        }
        ByteBuffer seg0 = frame.segmentAsHeld(0);
        ByteBuffer[] out = outArray((seg0.hasRemaining() ? 3 : 1) + (n > 1 ? n : 0));
        int k = 0;
        out[k++] = preambleOut;
        if (seg0.hasRemaining()) {
            out[k++] = seg0;
            out[k++] = segment0CrcOut.clear().putInt(crc(seg0)).flip();
        }
        if (n > 1) {
            epilogueOut.clear().put((byte) FRAME_LATE_STATUS_COMPLETE);
            for (int i = 1; i < Frame.MAX_NUM_SEGMENTS; i++) {
                if (i < n) {
                    out[k++] = frame.segmentAsHeld(i);
                }
                epilogueOut.putInt(i < n ? crc(frame.segmentAsHeld(i)) : 0);
            }
            out[k++] = epilogueOut.flip();
        }
        return out;
    }

    /** The reused result array of {@code length} buffers (3 to 7 of them, by revision and segments). */
    private ByteBuffer[] outArray(int length) {
        ByteBuffer[] a = outArrays[length];
        if (a == null) {
            a = new ByteBuffer[length];
            outArrays[length] = a;
        }
        return a;
    }

    /** Segments are sliced and checksummed where they are, heap or native: no copy either way. */
    @Override
    public boolean readsDirectBuffers() {
        return true;
    }

    @Override
    public void close() {
        // no key material
    }
}
