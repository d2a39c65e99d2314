package io.inkwire.wire.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The shared frame, driven through a message shaped like MOSDOp: v8/compat 3, priority 63, tid, a data segment split by the front. */
class MessageCodecSupportTest {

    /** Front: {@code string name}, {@code u32 payload_len}, [v8] {@code u32 epoch}; data: the payload. */
    record MTestOp(long tid, int priority, String name, long epoch, byte[] payload) implements CephMessage {
        static final int TYPE = 42;

        MTestOp {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty object name");
            }
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    static final class Codec extends MessageCodecSupport<MTestOp> {
        Codec() {
            super(MTestOp.TYPE, MTestOp.class, 8, 3);
        }

        @Override
        protected MTestOp decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            String name = front.string();
            long len = front.u32();
            long epoch = raw.version() >= 8 ? front.u32() : 0;
            if (len != raw.dataLength()) {
                throw front.error("payload_len " + len + " but " + raw.dataLength() + " data bytes");
            }
            return new MTestOp(raw.tid(), raw.priority(), name, epoch, bytes(raw.data()));
        }

        @Override
        protected void encodeFront(MTestOp m, CephEncoder front, long features) {
            front.string(m.name()).u32(m.payload().length).u32(m.epoch());
        }

        @Override
        protected ByteBuffer data(MTestOp m) {
            return ByteBuffer.wrap(m.payload());
        }

        @Override
        protected int priority(MTestOp m) {
            return m.priority();
        }
    }

    private static final Codec CODEC = new Codec();
    private static final byte[] FRONT = HexFormat.of().parseHex("040000006f626a310300000008000000");

    private static RawMessage received(int version, int compat, byte[] front, byte[] data) {
        return RawMessage.builder(MTestOp.TYPE).version(version).compatVersion(compat).tid(5).priority(63)
                .front(front).data(data).build();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static MessageDecodeException refused(RawMessage raw) {
        return assertThrows(MessageDecodeException.class, () -> CODEC.decode(raw, 0));
    }

    @Test
    void encode_stamps_the_header_and_writes_front_and_data() {
        RawMessage raw = CODEC.encode(new MTestOp(5, 63, "obj1", 8, new byte[] {1, 2, 3}), 0);
        assertEquals(42, raw.type());
        assertEquals(8, raw.version());
        assertEquals(3, raw.compatVersion());
        assertEquals(63, raw.priority());
        assertEquals(5, raw.tid());
        assertEquals(0, raw.dataOff());
        assertEquals(0, raw.middleLength());
        assertArrayEquals(FRONT, bytes(raw.front()));
        assertArrayEquals(new byte[] {1, 2, 3}, bytes(raw.data()));
        assertEquals(42, CODEC.type());
        assertEquals(MTestOp.class, CODEC.messageClass());
    }

    @Test
    void decode_reads_the_front_the_header_and_the_data() throws Exception {
        MTestOp m = CODEC.decode(received(8, 3, FRONT, new byte[] {1, 2, 3}), 0);
        assertEquals(5, m.tid());
        assertEquals(63, m.priority());
        assertEquals("obj1", m.name());
        assertEquals(8, m.epoch());
        assertArrayEquals(new byte[] {1, 2, 3}, m.payload());
    }

    @Test
    void an_older_version_leaves_out_what_it_lacked() throws Exception {
        MTestOp m = CODEC.decode(received(7, 3, Arrays.copyOf(FRONT, 12), new byte[3]), 0);
        assertEquals(0, m.epoch());
    }

    @Test
    void bytes_a_newer_sender_appended_are_ignored() throws Exception {
        byte[] longer = Arrays.copyOf(FRONT, FRONT.length + 9);
        assertEquals("obj1", CODEC.decode(received(9, 3, longer, new byte[3]), 0).name());
    }

    @Test
    void a_compat_version_newer_than_head_is_refused_before_the_front_is_read() {
        String m = refused(received(9, 9, new byte[0], new byte[0])).getMessage();
        assertEquals("MTestOp: compat_version 9 is newer than version 8 understood here", m);
    }

    @Test
    void every_truncation_of_the_front_is_a_decode_exception_naming_the_message() {
        for (int n = 0; n < FRONT.length; n++) {
            MessageDecodeException e = refused(received(8, 3, Arrays.copyOf(FRONT, n), new byte[3]));
            assertTrue(e.getMessage().startsWith("MTestOp: "), e.getMessage());
            assertInstanceOf(ProtocolException.class, e.getCause());
        }
    }

    @Test
    void the_decoders_own_errors_keep_their_text() {
        MessageDecodeException e = refused(received(8, 3, FRONT, new byte[2]));
        assertEquals("MTestOp: payload_len 3 but 2 data bytes", e.getMessage());
    }

    @Test
    void a_value_the_message_refuses_is_a_decode_exception_not_a_runtime_one() {
        byte[] noName = HexFormat.of().parseHex("000000000000000008000000");
        MessageDecodeException e = refused(received(8, 3, noName, new byte[0]));
        assertEquals("MTestOp: empty object name", e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void the_default_frame_has_no_data_and_the_default_priority() {
        MessageCodecSupport<MTestOp> plain = new MessageCodecSupport<>(MTestOp.TYPE, MTestOp.class, 1, 1) {
            @Override
            protected MTestOp decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
                return new MTestOp(raw.tid(), raw.priority(), front.string(), 0, new byte[0]);
            }

            @Override
            protected void encodeFront(MTestOp m, CephEncoder front, long features) {
                front.string(m.name());
            }
        };
        RawMessage raw = plain.encode(new MTestOp(0, 63, "x", 0, new byte[] {9}), 0);
        assertEquals(RawMessage.CEPH_MSG_PRIO_DEFAULT, raw.priority());
        assertEquals(0, raw.dataLength());
        assertEquals(1, raw.version());
        assertEquals(1, raw.compatVersion());
        assertArrayEquals(new byte[] {1, 0, 0, 0, 'x'}, bytes(raw.front()));
    }

    @Test
    void versions_out_of_order_are_a_programming_error() {
        assertThrows(IllegalArgumentException.class, () -> new MessageCodecSupport<MTestOp>(42, MTestOp.class, 2, 3) {
            @Override
            protected MTestOp decodeFront(CephDecoder front, RawMessage raw, long features) {
                return null;
            }

            @Override
            protected void encodeFront(MTestOp m, CephEncoder front, long features) {
            }
        });
    }
}
