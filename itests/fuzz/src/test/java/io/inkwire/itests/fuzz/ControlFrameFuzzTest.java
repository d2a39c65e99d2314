package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.Frame;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.ControlFrames;
import java.nio.ByteBuffer;

/**
 * Every control frame decoder (HELLO … WAIT, by tag) on arbitrary payloads. A payload that
 * decodes must re-encode to a frame that decodes to the same value (after one normalising round trip); anything else must be a
 * {@link ProtocolException}.
 */
class ControlFrameFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void controlFrames(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int tag = 1 + (input[0] & 0xff) % 22;
        ByteBuffer payload = ByteBuffer.wrap(input, 1, input.length - 1).slice();
        ControlFrame c;
        try {
            c = ControlFrames.decode(Frame.control(tag, payload));
        } catch (ProtocolException expected) {
            return;
        }
        try {
            // one round trip may normalise (an IPv4-mapped IPv6 address becomes IPv4, as InetAddress does);
            // after that, encoding and decoding must be a fixed point
            ControlFrame once = ControlFrames.decode(c.toFrame());
            ControlFrame twice = ControlFrames.decode(once.toFrame());
            if (!twice.equals(once) && !c.getClass().getSimpleName().startsWith("Auth")) {
                throw new AssertionError("re-encoding " + once + " decodes to " + twice);
            }
        } catch (ProtocolException e) {
            throw new AssertionError("a decoded " + c + " does not decode after re-encoding: " + e.getMessage(), e);
        }
    }
}
