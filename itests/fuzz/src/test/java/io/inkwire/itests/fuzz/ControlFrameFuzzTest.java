package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.Frame;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.ControlFrames;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

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
            if (!sameContent(once, twice)) {
                throw new AssertionError("re-encoding " + once + " (" + hex(once) + ") decodes to " + twice + " (" + hex(twice) + ")");
            }
        } catch (ProtocolException e) {
            throw new AssertionError("a decoded " + c + " does not decode after re-encoding: " + e.getMessage(), e);
        }
    }

    /** A frame's payload in hex, for messages (a record prints a byte[] as its identity). */
    static String hex(ControlFrame f) {
        ByteBuffer b = f.toFrame().segment(0);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return java.util.HexFormat.of().formatHex(a);
    }

    /**
     * Equality by content: the frames are records, and a record compares a {@code byte[]}
     * component (the AUTH_* payloads, the signature) by reference, so components are compared one
     * by one, arrays by their bytes.
     */
    static boolean sameContent(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a == null || b == null || !a.getClass().isRecord() || a.getClass() != b.getClass()) {
            return Objects.equals(a, b);
        }
        try {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                if (!sameContent(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b))) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the components of " + a.getClass(), e);
        }
    }
}
