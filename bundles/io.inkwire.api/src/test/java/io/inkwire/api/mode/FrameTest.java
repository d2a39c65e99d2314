package io.inkwire.api.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameTest {

    private static final int[] ALIGN = {8, 8, 8, 4096};

    @Test
    void wrap_takes_the_buffers_as_they_are_and_counts_up_to_the_last_non_empty_segment() {
        byte[] data = {1, 2, 3, 4, 5};
        ByteBuffer[] segments = {ByteBuffer.wrap(new byte[] {9}), null, ByteBuffer.allocate(0), ByteBuffer.wrap(data, 1, 3)};
        Frame f = Frame.wrap(17, segments, ALIGN);
        assertEquals(4, f.numSegments(), "inner empty segments are kept");
        assertEquals(0, f.segmentLength(1));
        assertEquals(0, f.segment(2).remaining());
        assertEquals(3, f.segmentLength(3));
        assertEquals(ByteBuffer.wrap(new byte[] {2, 3, 4}), f.segment(3), "from the buffer's position to its limit");
        data[1] = 42;
        assertEquals(42, f.segment(3).get(), "not copied");
        assertEquals(4096, f.alignment(3));
        assertEquals(4, f.totalLength());

        Frame trailing = Frame.wrap(17, new ByteBuffer[] {ByteBuffer.wrap(new byte[] {9}), null, null, ByteBuffer.allocate(0)}, ALIGN);
        assertEquals(1, trailing.numSegments(), "trailing empty segments are not counted");
        assertEquals(0, trailing.alignment(1));
        assertEquals(0, trailing.segment(3).remaining());
        assertThrows(IllegalArgumentException.class, () -> Frame.wrap(1, new ByteBuffer[5], new int[5]));
        assertThrows(IllegalArgumentException.class, () -> Frame.wrap(1, new ByteBuffer[2], new int[1]));
    }

    @Test
    void of_keeps_slices_of_its_own() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {1, 2, 3});
        Frame f = Frame.of(5, new ByteBuffer[] {b}, new int[] {8});
        b.position(2); // the caller's buffer moving does not move the frame's segment
        assertEquals(3, f.segmentLength(0));
        f.segment(0).get(); // nor does a view's
        assertEquals(3, f.segment(0).remaining());
    }
}
