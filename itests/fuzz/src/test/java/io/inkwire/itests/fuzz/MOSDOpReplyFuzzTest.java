package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.osd.MOSDOpReply;
import java.util.Arrays;

/**
 * The MOSDOpReply decoder (v2…v8, ops, rvals, out data split by payload_len, redirect) on arbitrary
 * bytes: only a MessageDecodeException may come out, and what decodes encodes (as v8) to a message
 * that decodes to the same reply. Input layout: byte 0 picks the header version (2 + b % 7), bytes 1–2
 * (little-endian) the data segment's length, then the data segment, then the front.
 */
class MOSDOpReplyFuzzTest {

    private static final MOSDOpReply.Codec CODEC = new MOSDOpReply.Codec();

    @FuzzTest(maxDuration = "10s")
    void mosdOpReply(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int version = 2 + (input[0] & 0xff) % 7;
        int dataLength = Math.min((input[1] & 0xff) | (input[2] & 0xff) << 8, input.length - 3);
        byte[] data = Arrays.copyOfRange(input, 3, 3 + dataLength);
        byte[] front = Arrays.copyOfRange(input, 3 + dataLength, input.length);
        RawMessage raw = RawMessage.builder(MOSDOpReply.CEPH_MSG_OSD_OPREPLY).version(version).compatVersion(2).tid(1)
                .front(front).data(data).build();
        MOSDOpReply reply;
        try {
            reply = CODEC.decode(raw, 0);
        } catch (MessageDecodeException expected) {
            return;
        }
        MOSDOpReply again;
        try {
            again = CODEC.decode(CODEC.encode(reply, 0), 0);
        } catch (MessageDecodeException e) {
            throw new AssertionError("re-encoded " + reply + " does not decode", e);
        }
        if (!again.equals(reply)) {
            throw new AssertionError(reply + " re-encodes to " + again);
        }
    }
}
