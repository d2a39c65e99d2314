package io.inkwire.api.mode;

/**
 * The 32-byte msgr2 frame preamble in clear ({@code preamble_block_t} in
 * {@code src/msg/async/frames_v2.h}): tag, segment count, each segment's logical length and
 * alignment, flags. Lengths are unsigned 32-bit values held in longs so a hostile
 * {@code 0xffffffff} stays visible as such.
 */
public record Preamble(int tag, int numSegments, long[] lengths, int[] alignments, int flags) {

    /** {@code FRAME_EARLY_DATA_COMPRESSED}. */
    public static final int FLAG_EARLY_DATA_COMPRESSED = 0x01;

    public long length(int i) {
        return i < numSegments ? lengths[i] : 0;
    }

    public int alignment(int i) {
        return i < numSegments ? alignments[i] : 0;
    }

    public long totalLength() {
        long t = 0;
        for (int i = 0; i < numSegments; i++) {
            t += lengths[i];
        }
        return t;
    }
}
