package io.inkwire.api.mode;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One msgr2 frame in clear: a tag and one to four segments with their alignments. Buffers are
 * read through {@link #segment(int)} as independent views. {@link #of} takes its own slices of the
 * caller's buffers; {@link #wrap} takes the caller's arrays and buffers as they are, for the engine
 * and the codecs, which build one frame per message and should not allocate a view per segment
 * twice over — nor a frame per message: a frame made by {@link #wrap} reads its arrays each time it
 * is asked, so one frame over arrays its owner refills serves every message.
 */
public final class Frame {

    /** {@code MAX_NUM_SEGMENTS} in {@code src/msg/async/frames_v2.h}. */
    public static final int MAX_NUM_SEGMENTS = 4;
    /** The alignment of control segments and of a message's header, front and middle. */
    public static final int DEFAULT_ALIGNMENT = 8;
    /** {@code CEPH_PAGE_SIZE}: the alignment Ceph asks for a message's data segment. */
    public static final int PAGE_ALIGNMENT = 4096;

    /** Every empty segment: with no bytes to read or write, one instance serves all. */
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int[] CONTROL_ALIGNMENT = {DEFAULT_ALIGNMENT};

    private final int tag;
    /** The segments; null entries, and trailing empty ones ({@link #count()}), are empty. Never handed out. */
    private final ByteBuffer[] segments;
    private final int[] alignments;

    private Frame(int tag, ByteBuffer[] segments, int[] alignments) {
        this.tag = tag;
        this.segments = segments;
        this.alignments = alignments;
    }

    /** The segments up to the last non-empty one (at least one), as the wire's {@code num_segments} counts them. */
    private int count() {
        int n = segments.length;
        while (n > 1 && (segments[n - 1] == null || !segments[n - 1].hasRemaining())) {
            n--;
        }
        return n;
    }

    /** A control frame: one segment with the default alignment. */
    public static Frame control(int tag, ByteBuffer payload) {
        return new Frame(tag, new ByteBuffer[] {payload.slice()}, CONTROL_ALIGNMENT);
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

    /**
     * A frame over {@code segments} and {@code alignments} as they are: neither array is copied and
     * no buffer is sliced (a null entry is an empty segment). Each segment is what its buffer holds
     * from its position to its limit. The caller hands them over: it must not change the arrays, the
     * buffers' bytes or their positions and limits while the frame is in use. Trailing empty
     * segments are not counted, as with {@link #of}. The frame reads the arrays whenever it is
     * asked, not once: between uses their owner may fill them with the next frame's segments.
     */
    public static Frame wrap(int tag, ByteBuffer[] segments, int[] alignments) {
        if (segments.length < 1 || segments.length > MAX_NUM_SEGMENTS || alignments.length < segments.length) {
            throw new IllegalArgumentException("a frame has 1.." + MAX_NUM_SEGMENTS + " segments, each with an alignment");
        }
        return new Frame(tag, segments, alignments);
    }

    /**
     * A frame of its own with heap copies of this one's segments: what to keep of a frame a codec
     * decoded, which is valid only until its next decode ({@link FrameCodec#decodeRemainder}).
     */
    public Frame copy() {
        int n = count();
        ByteBuffer[] s = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            ByteBuffer b = segment(i);
            byte[] a = new byte[b.remaining()];
            b.get(a);
            s[i] = ByteBuffer.wrap(a);
        }
        return new Frame(tag, s, Arrays.copyOf(alignments, n));
    }

    public int tag() {
        return tag;
    }

    public int numSegments() {
        return count();
    }

    /** A fresh view of segment {@code i}; an empty buffer for an empty or uncounted one. */
    public ByteBuffer segment(int i) {
        ByteBuffer b = i < segments.length ? segments[i] : null; // a trailing empty one is empty either way
        return b == null || !b.hasRemaining() ? EMPTY : b.duplicate();
    }

    /**
     * Segment {@code i} as the frame holds it, not a view (an empty buffer for an empty or uncounted
     * one): for codecs and engines, which read a frame once per message and should not allocate a
     * view per segment to do so. It is the frame's own buffer: read it with absolute gets, copy it,
     * or take a slice to keep; never write to it or move its position or limit.
     */
    public ByteBuffer segmentAsHeld(int i) {
        ByteBuffer b = i < segments.length ? segments[i] : null; // a trailing empty one is empty either way
        return b == null || !b.hasRemaining() ? EMPTY : b;
    }

    public int segmentLength(int i) {
        ByteBuffer b = i < segments.length ? segments[i] : null; // a trailing empty one is empty either way
        return b == null ? 0 : b.remaining();
    }

    public int alignment(int i) {
        return i < count() ? alignments[i] : 0;
    }

    /** Bytes over all segments. */
    public long totalLength() {
        long t = 0;
        for (int i = 0, n = count(); i < n; i++) {
            t += segmentLength(i);
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Frame{tag=").append(tag).append(" segments=[");
        for (int i = 0, n = count(); i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(segmentLength(i));
        }
        return sb.append("]}").toString();
    }
}
