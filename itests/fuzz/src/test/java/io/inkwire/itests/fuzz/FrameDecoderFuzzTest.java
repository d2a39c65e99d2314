package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.CrcFrameCodec;
import java.nio.ByteBuffer;

/**
 * The crc frame decoder (rev0 and rev1) on arbitrary bytes: a preamble, then what it announces.
 * Only {@link ProtocolException} (and its subclass IntegrityException) may come out, and the
 * decoder must never ask for more than the segment limit allows.
 */
class FrameDecoderFuzzTest {

    static final long LIMIT = 1 << 16;

    @FuzzTest(maxDuration = "10s")
    void frames(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int revision = input[0] & 1;
        boolean checkCrc = (input[0] & 2) == 0; // also reach past the crc checks
        ByteBuffer in = ByteBuffer.wrap(input, 1, input.length - 1).slice();
        CrcFrameCodec codec = new CrcFrameCodec(revision, LIMIT, checkCrc);
        try {
            while (in.remaining() >= codec.preambleBlockLength()) {
                ByteBuffer block = in.slice().limit(codec.preambleBlockLength());
                in.position(in.position() + codec.preambleBlockLength());
                Preamble p = codec.decodePreamble(block);
                long rest = codec.remainderLength(p);
                if (rest < 0 || rest > 4 * (LIMIT + 64)) {
                    throw new AssertionError("remainder of " + rest + " bytes passed a segment limit of " + LIMIT);
                }
                if (in.remaining() < rest) {
                    return;
                }
                ByteBuffer r = in.slice().limit((int) rest);
                in.position(in.position() + (int) rest);
                codec.decodeRemainder(p, r);
            }
        } catch (ProtocolException expected) {
            // a clear refusal is the right answer to bad bytes
        } finally {
            codec.close();
        }
    }
}
