package io.inkwire.benchmarks;

import io.inkwire.api.mode.Frame;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Shared inputs: deterministic random bytes and a MESSAGE frame as the engine builds one. */
final class Data {

    /** {@code Tag::MESSAGE}. */
    static final int TAG_MESSAGE = 17;

    private Data() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    /** Header (41 bytes), empty front and middle, {@code size} bytes of data: a typical data message. */
    static Frame messageFrame(int size) {
        return Frame.of(TAG_MESSAGE,
                new ByteBuffer[] {ByteBuffer.wrap(random(41)), null, null, ByteBuffer.wrap(random(size)).asReadOnlyBuffer()},
                new int[] {Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.PAGE_ALIGNMENT});
    }

    /** Gathers encoded buffers into one, as the receiving socket would present them. */
    static ByteBuffer gather(ByteBuffer[] parts) {
        int n = 0;
        for (ByteBuffer b : parts) {
            n += b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (ByteBuffer b : parts) {
            out.put(b.duplicate());
        }
        return out.flip();
    }
}
