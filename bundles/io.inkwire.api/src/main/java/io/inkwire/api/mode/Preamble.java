package io.inkwire.api.mode;

/**
 * The 32-byte msgr2 frame preamble in clear ({@code preamble_block_t} in
 * {@code src/msg/async/frames_v2.h}): tag, segment count, each segment's logical length and
 * alignment, flags. Lengths are unsigned 32-bit values, returned as longs so a hostile
 * {@code 0xffffffff} stays visible as such.
 *
 * <p>Every frame received decodes one, so it holds the four descriptors as fields, as the wire
 * does (u32 length, u16 alignment), not in arrays: one small object per frame.
 */
public final class Preamble {

    /** {@code FRAME_EARLY_DATA_COMPRESSED}. */
    public static final int FLAG_EARLY_DATA_COMPRESSED = 0x01;

    /** The alignments of a message frame (header, front, middle, data): shared by every frame that has them. */
    private static final int[] MESSAGE_ALIGNMENTS = {Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT,
            Frame.PAGE_ALIGNMENT};

    private final int tag;
    private final int numSegments;
    private final int flags;
    private final int length0;
    private final int length1;
    private final int length2;
    private final int length3;
    /** The four u16 alignments, segment 0 in the low bits. */
    private final long alignments;

    private Preamble(int tag, int numSegments, int flags, int length0, int length1, int length2, int length3, long alignments) {
        this.tag = tag;
        this.numSegments = numSegments;
        this.flags = flags;
        this.length0 = length0;
        this.length1 = length1;
        this.length2 = length2;
        this.length3 = length3;
        this.alignments = alignments;
    }

    /**
     * A preamble with the descriptors as the wire holds them: lengths as u32 (a negative int is a
     * length of 2^31 and more), alignments as u16.
     */
    public static Preamble of(int tag, int numSegments, int flags, int length0, int length1, int length2, int length3,
                              int align0, int align1, int align2, int align3) {
        long a = (align0 & 0xffffL) | (align1 & 0xffffL) << 16 | (align2 & 0xffffL) << 32 | (align3 & 0xffffL) << 48;
        return new Preamble(tag, numSegments, flags, length0, length1, length2, length3, a);
    }

    public int tag() {
        return tag;
    }

    public int numSegments() {
        return numSegments;
    }

    public int flags() {
        return flags;
    }

    /** Segment {@code i}'s length as the wire's u32 (0 for an uncounted segment). */
    public long length(int i) {
        return i < numSegments ? rawLength(i) & 0xffffffffL : 0;
    }

    /** Segment {@code i}'s alignment (0 for an uncounted segment). */
    public int alignment(int i) {
        return i < numSegments ? rawAlignment(i) : 0;
    }

    /** The descriptor of segment {@code i} whether counted or not: for checks that uncounted ones are zero. */
    public long descriptorLength(int i) {
        return rawLength(i) & 0xffffffffL;
    }

    /** See {@link #descriptorLength}. */
    public int descriptorAlignment(int i) {
        return rawAlignment(i);
    }

    private int rawLength(int i) {
        return switch (i) {
            case 0 -> length0;
            case 1 -> length1;
            case 2 -> length2;
            case 3 -> length3;
            default -> 0;
        };
    }

    private int rawAlignment(int i) {
        return i < 0 || i >= Frame.MAX_NUM_SEGMENTS ? 0 : (int) (alignments >>> (16 * i)) & 0xffff;
    }

    public long totalLength() {
        long t = 0;
        for (int i = 0; i < numSegments; i++) {
            t += length(i);
        }
        return t;
    }

    /**
     * The counted segments' alignments as an array for {@link Frame#wrap} (never to be changed):
     * a shared one when they are a prefix of a message frame's (8, 8, 8, 4096), as nearly every
     * frame's are, else a new one.
     */
    public int[] alignmentArray() {
        boolean message = true;
        for (int i = 0; i < numSegments && message; i++) {
            message = rawAlignment(i) == MESSAGE_ALIGNMENTS[i];
        }
        if (message) {
            return MESSAGE_ALIGNMENTS;
        }
        int[] a = new int[numSegments];
        for (int i = 0; i < numSegments; i++) {
            a[i] = rawAlignment(i);
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preamble p && p.tag == tag && p.numSegments == numSegments && p.flags == flags && p.length0 == length0
                && p.length1 == length1 && p.length2 == length2 && p.length3 == length3 && p.alignments == alignments;
    }

    @Override
    public int hashCode() {
        int h = tag * 31 + numSegments;
        h = h * 31 + flags;
        h = h * 31 + length0;
        h = h * 31 + length1;
        h = h * 31 + length2;
        h = h * 31 + length3;
        return h * 31 + Long.hashCode(alignments);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Preamble{tag=").append(tag).append(" segments=[");
        for (int i = 0; i < numSegments; i++) {
            sb.append(i == 0 ? "" : ",").append(length(i)).append('/').append(alignment(i));
        }
        return sb.append("] flags=").append(flags).append('}').toString();
    }
}
