package io.inkwire.wire.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {

    @Test
    void reads_from_the_position_and_leaves_the_buffer_where_it_was() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 7, 0, 0, 0, 1});
        b.position(1);
        long read = PayloadDecoder.decode(b, "stat output", d -> d.u32());
        assertEquals(7, read);
        assertEquals(1, b.position());
    }

    @Test
    void a_truncation_is_a_decode_exception_naming_the_payload() {
        MessageDecodeException e = assertThrows(MessageDecodeException.class,
                () -> PayloadDecoder.decode(ByteBuffer.wrap(new byte[3]), "stat output", d -> d.u64()));
        assertEquals("stat output: truncated reading u64 (need 8 bytes, 3 left)", e.getMessage());
        assertInstanceOf(ProtocolException.class, e.getCause());
    }

    @Test
    void a_refused_value_is_a_decode_exception_and_one_already_is_kept() {
        MessageDecodeException e = assertThrows(MessageDecodeException.class,
                () -> PayloadDecoder.decode(ByteBuffer.allocate(0), "watchers", d -> {
                    throw new IllegalArgumentException("negative cookie");
                }));
        assertEquals("watchers: negative cookie", e.getMessage());
        MessageDecodeException own = new MessageDecodeException("as is");
        assertEquals(own, assertThrows(MessageDecodeException.class,
                () -> PayloadDecoder.decode(ByteBuffer.allocate(0), "x", d -> {
                    throw own;
                })));
    }
}
