package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.Frame;
import io.inkwire.protocol.EngineHarness.Endpoint;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.wire.MessageHeader2;
import io.inkwire.wire.Tag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MESSAGE frames the engine writes from a message's own buffers ({@link RawMessage#segments},
 * {@link Frame#wrap}) are byte for byte what the crc codec makes of the message's read-only views
 * gathered by {@link Frame#of}, in both revisions, whatever the caller's buffers are (writable,
 * read-only, sliced out of a larger array, empty).
 */
class MessageFrameBytesTest {

    private static final int[] ALIGNMENTS = {Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.PAGE_ALIGNMENT};

    @ParameterizedTest(name = "rev{0}")
    @ValueSource(ints = {0, 1})
    void messages_go_out_as_the_codec_frames_their_views(int revision) throws Exception {
        Endpoint c = EngineHarness.connector(EngineHarness.options(), 3);
        Endpoint a = EngineHarness.acceptor(EngineHarness.options(), 4);
        if (revision == 0) {
            c.engine.advertiseMsgr2Features(0);
        }
        c.engine.start();
        a.engine.start();
        EngineHarness.pump(c, a);
        assertTrue(c.engine.isReady() && c.engine.revision() == revision);

        byte[] big = new byte[10_000];
        new java.util.Random(9).nextBytes(big);
        RawMessage[] messages = {
            RawMessage.builder(0x7300).tid(5).version(3).compatVersion(2).priority(RawMessage.CEPH_MSG_PRIO_HIGH).dataOff(4096)
                    .front(new byte[] {1, 2, 3}).middle(ByteBuffer.wrap(new byte[] {4})).data(big).build(),
            RawMessage.builder(0x7301).data(ByteBuffer.wrap(big, 100, 5000).asReadOnlyBuffer()).build(),
            RawMessage.builder(0x7302).front(ByteBuffer.wrap(big, 7, 9)).build(),
            RawMessage.builder(0x7303).build(),
        };
        CrcFrameCodec reference = new CrcFrameCodec(revision, 1 << 24, true);
        long seq = 0;
        for (RawMessage m : messages) {
            c.engine.send(m);
            MessageHeader2 h = new MessageHeader2(++seq, m.tid(), m.type(), m.priority(), m.version(), 0, m.dataOff(), 0,
                    MessageHeader2.CEPH_MSG_FOOTER_COMPLETE | MessageHeader2.CEPH_MSG_FOOTER_NOCRC, m.compatVersion());
            Frame views = Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(h.encode()), m.front(), m.middle(), m.data()}, ALIGNMENTS);
            assertArrayEquals(gather(reference.encode(views)), c.drain(), m.toString());
        }
    }

    private static byte[] gather(ByteBuffer[] parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : parts) {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }
}
