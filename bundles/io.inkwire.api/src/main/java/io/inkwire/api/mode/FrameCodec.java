package io.inkwire.api.mode;

import io.inkwire.api.ProtocolException;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns frames into wire bytes and back for one direction pair of one connection, in one mode
 * and revision. Not thread-safe: a connection drives it from its I/O thread.
 *
 * <p>Reading is two steps so that a transport never holds more than the peer has announced and
 * the codec has checked: read {@link #preambleBlockLength()} bytes and pass them to
 * {@link #decodePreamble}; then read {@link #remainderLength} bytes and pass them to
 * {@link #decodeRemainder}. Both steps verify integrity (crc or AEAD tag) before anything is
 * returned.
 */
@ConsumerType
public interface FrameCodec extends AutoCloseable {

    /** Bytes of the first block of every frame: 32 in crc mode, 96 in rev1 secure mode. */
    int preambleBlockLength();

    /**
     * Decodes and verifies the first block of a frame.
     *
     * @param block exactly {@link #preambleBlockLength()} bytes
     * @throws ProtocolException bad crc/tag, a segment count outside 1..4, a length over the limit
     */
    Preamble decodePreamble(ByteBuffer block) throws ProtocolException;

    /** How many bytes follow the first block for this preamble. */
    long remainderLength(Preamble preamble);

    /**
     * Decodes and verifies the rest of the frame. The frame may be the codec's own, valid until the
     * next call (a codec then allocates no frame per frame): take what is to be kept
     * ({@link Frame#copy()}, or the segments' buffers, which stay valid as {@code rest}'s bytes do)
     * before decoding the next.
     * A MESSAGE frame's segment 0, the message's header that the engine reads in place, may be
     * the codec's own buffer too.
     *
     * @param rest exactly {@link #remainderLength} bytes
     * @return the frame in clear, or {@code null} when the sender aborted it (late_status ABORTED)
     */
    Frame decodeRemainder(Preamble preamble, ByteBuffer rest) throws ProtocolException;

    /**
     * Encodes one frame; the returned buffers are written in order (a gathering write).
     * The frame's buffers may be referenced, not copied, by the result: read the returned buffers
     * without moving their positions (absolute reads, or through duplicates). The returned array, and
     * buffers of the codec's own in it, may be reused by the next call: write or copy them out
     * before encoding the next frame (a codec then allocates nothing per frame).
     */
    ByteBuffer[] encode(Frame frame) throws ProtocolException;

    /**
     * Whether {@link #decodeRemainder} reads a direct buffer as cheaply as a heap one. When it does,
     * a messenger may read large frames from the socket straight into native memory, with no copy
     * to a heap array; a codec that needs an array (to decrypt in place, say) answers false.
     */
    default boolean readsDirectBuffers() {
        return false;
    }

    /** Wipes key material. */
    @Override
    void close();
}
