package io.inkwire.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BuffersTest {

    @Test
    void joinsWhatRemainsAndMovesNothing() {
        ByteBuffer a = ByteBuffer.wrap(new byte[] {9, 1, 2});
        a.get();
        ByteBuffer b = ByteBuffer.allocateDirect(2).put(new byte[] {3, 4}).flip();
        ByteBuffer empty = ByteBuffer.allocate(0);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Buffers.join(a, empty, b));
        assertEquals(1, a.position());
        assertEquals(0, b.position());
        assertArrayEquals(new byte[] {1, 2}, Buffers.bytes(a));
        assertArrayEquals(new byte[0], Buffers.join());
    }
}
