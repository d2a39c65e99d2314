package io.inkwire.testing;

import java.nio.ByteBuffer;

/**
 * Test support shared by every module's tests (the api module's test-jar, {@code io/inkwire/testing}
 * only): what an encoder wrote, as one array.
 */
public final class Buffers {

    private Buffers() {
    }

    /** The remaining bytes of each buffer, in order; the buffers' positions are left as they were. */
    public static byte[] join(ByteBuffer... parts) {
        int n = 0;
        for (ByteBuffer b : parts) {
            n = Math.addExact(n, b.remaining());
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (ByteBuffer b : parts) {
            out.put(b.duplicate());
        }
        return out.array();
    }

    /** The remaining bytes of one buffer; its position is left as it was. */
    public static byte[] bytes(ByteBuffer b) {
        return join(b);
    }
}
