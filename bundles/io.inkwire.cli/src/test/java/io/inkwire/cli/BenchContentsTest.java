package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BenchContentsTest {

    @Test
    void anOpIsItsNumberThenNulThenZs() {
        byte[] b = new BenchContents(64).newBuffer(42);
        byte[] expected = new byte[64];
        Arrays.fill(expected, (byte) 'z');
        byte[] text = "I'm the               42th op!".getBytes(StandardCharsets.US_ASCII);
        assertEquals(30, text.length);
        System.arraycopy(text, 0, expected, 0, 30);
        expected[30] = 0;
        assertArrayEquals(expected, b);
    }

    @Test
    void aShortOpKeepsWhatSnprintfFits() {
        byte[] b = new BenchContents(8).newBuffer(7);
        assertArrayEquals(new byte[] {'I', '\'', 'm', ' ', 't', 'h', 'e', 0}, b);
        assertEquals(0, new BenchContents(0).newBuffer(3).length);
    }

    @Test
    void restampingReusesTheBuffer() {
        BenchContents c = new BenchContents(4096);
        byte[] b = c.newBuffer(1);
        c.stamp(b, 123456);
        assertArrayEquals(c.newBuffer(123456), b);
    }

    @Test
    void readsAreCheckedAgainstTheirOp() {
        BenchContents c = new BenchContents(4096);
        assertTrue(c.matches(ByteBuffer.wrap(c.newBuffer(9)), 9));
        assertFalse(c.matches(ByteBuffer.wrap(c.newBuffer(9)), 10), "another op's data");
        byte[] tail = c.newBuffer(9);
        tail[4095] = 'y';
        assertFalse(c.matches(ByteBuffer.wrap(tail), 9), "a changed byte at the end");
        assertFalse(c.matches(ByteBuffer.wrap(c.newBuffer(9), 0, 4000), 9), "short read");
        ByteBuffer offset = ByteBuffer.allocate(5000).position(100);
        offset.put(c.newBuffer(9)).flip().position(100);
        assertTrue(c.matches(offset, 9), "a buffer that does not start at 0");
    }

    @Test
    void aLargeReadIsCheckedInEveryPiece() {
        int size = 4 << 20; // compared in 16 KiB pieces
        BenchContents c = new BenchContents(size);
        ByteBuffer direct = c.newDirectBuffer(77);
        assertTrue(c.matches(direct.duplicate(), 77));
        for (int at : new int[] {31, (16 << 10) + 30, (16 << 10) + 31, (64 << 10) + 31, size / 2 + 5, size - 1}) {
            ByteBuffer changed = c.newDirectBuffer(77);
            changed.put(at, (byte) 'y');
            assertFalse(c.matches(changed, 77), "a byte changed at " + at);
        }
        byte[] heap = c.newBuffer(77);
        assertTrue(c.matches(ByteBuffer.wrap(heap), 77));
        heap[3 * (64 << 10) + 1] = 0;
        assertFalse(c.matches(ByteBuffer.wrap(heap), 77), "a heap read with a changed byte");
    }
}
