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
 * encode: the returned buffers reference the frame's.
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

    private final int revision;
    private final long maxSegmentLength;
    private final boolean checkCrc;

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

    @Override
    public Preamble decodePreamble(ByteBuffer block) throws ProtocolException {
        return Preambles.decode(block, maxSegmentLength);
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
        ByteBuffer in = rest.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() != remainderLength(p)) {
            throw new ProtocolException("frame remainder is " + in.remaining() + " bytes, expected " + remainderLength(p));
        }
        int n = p.numSegments();
        ByteBuffer[] segs = new ByteBuffer[n];
        int[] align = new int[n];
        for (int i = 0; i < n; i++) {
            align[i] = p.alignment(i);
        }
        if (revision == 1) {
            if (p.length(0) > 0) {
                segs[0] = take(in, (int) p.length(0));
                verify(0, segs[0], in.getInt(), p);
            } else {
                segs[0] = ByteBuffer.allocate(0);
            }
            if (n > 1) {
                for (int i = 1; i < n; i++) {
                    segs[i] = take(in, (int) p.length(i));
                }
                int lateStatus = in.get() & 0xff;
                int[] crcs = {in.getInt(), in.getInt(), in.getInt()};
                int status = lateStatus & FRAME_LATE_STATUS_ABORTED_MASK;
                if (status != FRAME_LATE_STATUS_COMPLETE && status != FRAME_LATE_STATUS_ABORTED) {
                    throw new ProtocolException(String.format("frame %s: bad late_status 0x%02x", Tag.name(p.tag()), lateStatus));
                }
                for (int i = 1; i < n; i++) {
                    verify(i, segs[i], crcs[i - 1], p);
                }
                if (status == FRAME_LATE_STATUS_ABORTED) {
                    return null;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                segs[i] = take(in, (int) p.length(i));
            }
            int lateFlags = in.get() & 0xff;
            int[] crcs = {in.getInt(), in.getInt(), in.getInt(), in.getInt()};
            for (int i = 0; i < n; i++) {
                verify(i, segs[i], crcs[i], p);
            }
            if ((lateFlags & FRAME_LATE_FLAG_ABORTED) != 0) {
                return null;
            }
        }
        return Frame.of(p.tag(), segs, align);
    }

    private static ByteBuffer take(ByteBuffer in, int len) {
        ByteBuffer s = in.slice().limit(len);
        in.position(in.position() + len);
        return s;
    }

    private void verify(int i, ByteBuffer seg, int wireCrc, Preamble p) throws IntegrityException {
        if (!checkCrc) {
            return;
        }
        int crc = Crc32c.compute(Crc32c.SEED_SEGMENT, seg);
        if (crc != wireCrc) {
            throw new IntegrityException(String.format("frame %s: segment %d crc mismatch: got 0x%08x, computed 0x%08x",
                    Tag.name(p.tag()), i, wireCrc, crc));
        }
    }

    private int crc(ByteBuffer seg) {
        return checkCrc ? Crc32c.compute(Crc32c.SEED_SEGMENT, seg) : 0;
    }

    @Override
    public ByteBuffer[] encode(Frame frame) {
        Preamble p = Preambles.of(frame, 0);
        byte[] preamble = Preambles.encode(p);
        int n = frame.numSegments();
        if (revision == 0) {
            ByteBuffer[] out = new ByteBuffer[n + 2];
            out[0] = ByteBuffer.wrap(preamble);
            ByteBuffer epi = ByteBuffer.allocate(EPILOGUE_REV0_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            epi.put((byte) 0);
            for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
                epi.putInt(i < n ? crc(frame.segment(i)) : 0);
            }
            for (int i = 0; i < n; i++) {
                out[1 + i] = frame.segment(i);
            }
            out[n + 1] = epi.flip();
            return out;
        }
        ByteBuffer[] out = new ByteBuffer[n > 1 ? n + 3 : 3];
        int k = 0;
        out[k++] = ByteBuffer.wrap(preamble);
        ByteBuffer seg0 = frame.segment(0);
        if (seg0.hasRemaining()) {
            out[k++] = seg0;
            out[k++] = ByteBuffer.allocate(SEGMENT_CRC_LENGTH).order(ByteOrder.LITTLE_ENDIAN).putInt(0, crc(seg0));
        }
        if (n > 1) {
            ByteBuffer epi = ByteBuffer.allocate(EPILOGUE_REV1_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            epi.put((byte) FRAME_LATE_STATUS_COMPLETE);
            for (int i = 1; i < Frame.MAX_NUM_SEGMENTS; i++) {
                if (i < n) {
                    out[k++] = frame.segment(i);
                }
                epi.putInt(i < n ? crc(frame.segment(i)) : 0);
            }
            out[k++] = epi.flip();
        }
        return k == out.length ? out : java.util.Arrays.copyOf(out, k);
    }

    @Override
    public void close() {
        // no key material
    }
}
