package io.inkwire.wire;

import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a frame codec's {@code decodeRemainder} hands out, reused from frame to frame (the
 * {@link io.inkwire.api.mode.FrameCodec} contract: valid until the next decode): the segment and
 * alignment arrays, one {@link Frame} per tag over them (a wrapped frame reads its arrays when
 * asked), and the buffer a MESSAGE frame's header is copied into. A codec decoding a frame
 * allocates no more than the views of its payload segments.
 */
public final class DecodedFrames {

    /** Tags are below this (the highest, {@code COMPRESSION_DONE}, is 22); others get a frame each. */
    private static final int TAGS = 32;
    /** Room for {@code ceph_msg_header2} (41 bytes) and its padding. */
    private static final int MESSAGE_HEADER_ROOM = 64;

    private final ByteBuffer[] segments = new ByteBuffer[Frame.MAX_NUM_SEGMENTS];
    private final int[] alignments = new int[Frame.MAX_NUM_SEGMENTS];
    private final Frame[] byTag = new Frame[TAGS];
    private final ByteBuffer messageHeader = ByteBuffer.allocate(MESSAGE_HEADER_ROOM);

    /** The segment array to fill for the next frame, emptied. */
    public ByteBuffer[] segments() {
        Arrays.fill(segments, null);
        return segments;
    }

    /**
     * Segment 0 of the frame {@code p} announces, {@code len} bytes of {@code src} from {@code at}:
     * a MESSAGE frame's is the message's header ({@code ceph_msg_header2}), which the engine reads
     * in place and keeps nothing of, so it is copied into this object's buffer rather than viewed;
     * any other frame's is a view (null when empty).
     */
    public ByteBuffer segmentZero(Preamble p, ByteBuffer src, int at, int len) {
        if (p.tag() == Tag.MESSAGE && len <= MESSAGE_HEADER_ROOM) {
            return messageHeader.clear().put(0, src, at, len).limit(len);
        }
        return len == 0 ? null : src.slice(at, len);
    }

    /** The frame over {@link #segments()}, with {@code p}'s tag and alignments: one object per tag. */
    public Frame frame(Preamble p) {
        for (int i = 0; i < Frame.MAX_NUM_SEGMENTS; i++) {
            alignments[i] = i < p.numSegments() ? p.alignment(i) : 0;
        }
        int tag = p.tag();
        if (tag < 0 || tag >= TAGS) {
            return Frame.wrap(tag, segments, alignments);
        }
        Frame f = byTag[tag];
        if (f == null) {
            f = byTag[tag] = Frame.wrap(tag, segments, alignments);
        }
        return f;
    }
}
