package io.inkwire.api.mode;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One msgr2 frame in clear: a tag and one to four segments with their alignments. Buffers are
 * read through {@link #segment(int)} as independent views.
 */
public final class Frame {

    /** {@code MAX_NUM_SEGMENTS} in {@code src/msg/async/frames_v2.h}. */
    public static final int MAX_NUM_SEGMENTS = 4;
    /** The alignment of control segments and of a message's header, front and middle. */
    public static final int DEFAULT_ALIGNMENT = 8;
    /** {@code CEPH_PAGE_SIZE}: the alignment Ceph asks for a message's data segment. */
    public static final int PAGE_ALIGNMENT = 4096;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final int tag;
    private final ByteBuffer[] segments;
    private final int[] alignments;

    private Frame(int tag, ByteBuffer[] segments, int[] alignments) {
        this.tag = tag;
        this.segments = segments;
        this.alignments = alignments;
    }

    /** A control frame: one segment with the default alignment. */
    public static Frame control(int tag, ByteBuffer payload) {
        return new Frame(tag, new ByteBuffer[] {payload.slice()}, new int[] {DEFAULT_ALIGNMENT});
    }

    /**
     * A frame with up to four segments. Trailing empty segments are dropped (the wire's
     * {@code num_segments} counts up to the last non-empty one), inner empty ones are kept.
     */
    public static Frame of(int tag, ByteBuffer[] segments, int[] alignments) {
        if (segments.length < 1 || segments.length > MAX_NUM_SEGMENTS || alignments.length != segments.length) {
            throw new IllegalArgumentException("a frame has 1.." + MAX_NUM_SEGMENTS + " segments, each with an alignment");
        }
        int n = segments.length;
        while (n > 1 && (segments[n - 1] == null || !segments[n - 1].hasRemaining())) {
            n--;
        }
        ByteBuffer[] s = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            s[i] = segments[i] == null ? EMPTY : segments[i].slice();
        }
        return new Frame(tag, s, Arrays.copyOf(alignments, n));
    }

    public int tag() {
        return tag;
    }

    public int numSegments() {
        return segments.length;
    }

    /** A fresh view of segment {@code i}; an empty buffer for an uncounted one. */
    public ByteBuffer segment(int i) {
        return i < segments.length ? segments[i].duplicate() : EMPTY.duplicate();
    }

    public int segmentLength(int i) {
        return i < segments.length ? segments[i].remaining() : 0;
    }

    public int alignment(int i) {
        return i < alignments.length ? alignments[i] : 0;
    }

    /** Bytes over all segments. */
    public long totalLength() {
        long t = 0;
        for (ByteBuffer b : segments) {
            t += b.remaining();
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Frame{tag=").append(tag).append(" segments=[");
        for (int i = 0; i < segments.length; i++) {
            sb.append(i == 0 ? "" : ",").append(segments[i].remaining());
        }
        return sb.append("]}").toString();
    }
}
