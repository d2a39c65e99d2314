package io.inkwire.wire.message;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.wire.CephDecoder;
import java.nio.ByteBuffer;

/**
 * Decodes received bytes the way a message is decoded: a front segment, or a payload a message
 * carries on its own (an OSD op's output, a map inside a bufferlist). Whatever the reader fails
 * with, a truncation or bad length ({@link ProtocolException}) or a value a constructor refuses
 * ({@link IllegalArgumentException}), leaves as a {@link MessageDecodeException} naming what was
 * read, so a hostile peer causes nothing else.
 */
public final class PayloadDecoder {

    /** Reads one value from a decoder. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(CephDecoder d) throws ProtocolException;
    }

    private PayloadDecoder() {
    }

    /**
     * Reads {@code payload} from its position to its limit with {@code reader}; {@code payload} is
     * not moved. Bytes the reader leaves are ignored.
     *
     * @param what names the payload in error messages ("MOSDOp", "stat output", …)
     */
    public static <T> T decode(ByteBuffer payload, String what, Reader<T> reader) throws MessageDecodeException {
        try {
            return reader.read(new CephDecoder(payload, what));
        } catch (MessageDecodeException e) {
            throw e;
        } catch (ProtocolException e) {
            throw new MessageDecodeException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MessageDecodeException(what + ": " + e.getMessage(), e);
        }
    }
}
