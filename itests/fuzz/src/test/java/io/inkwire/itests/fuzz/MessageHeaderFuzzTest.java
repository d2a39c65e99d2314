package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.ProtocolException;
import io.inkwire.wire.MessageHeader2;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** {@code ceph_msg_header2} on arbitrary bytes: refused clearly, or decoded and re-encoded byte for byte. */
class MessageHeaderFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void header(byte[] input) {
        MessageHeader2 h;
        try {
            h = MessageHeader2.decode(ByteBuffer.wrap(input));
        } catch (ProtocolException expected) {
            return;
        }
        // everything but the 2 reserved bytes (written as 0) comes back byte for byte
        byte[] again = h.encode();
        if (!Arrays.equals(again, 0, MessageHeader2.LENGTH - 2, input, 0, MessageHeader2.LENGTH - 2)) {
            throw new AssertionError("header " + h + " re-encodes differently");
        }
    }
}
