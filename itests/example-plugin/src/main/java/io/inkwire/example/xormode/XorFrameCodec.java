package io.inkwire.example.xormode;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;

/**
 * crc framing under a repeating-key XOR: each direction keeps its own position in the key stream,
 * so the two peers stay in step as long as every byte is processed in order (the transport
 * guarantees that). The crc checks still run on the clear bytes, so a peer with another key fails
 * with a crc error rather than with garbage.
 */
final class XorFrameCodec implements FrameCodec {

    private final FrameCodec crc;
    private final byte[] key;
    private long txPos;
    private long rxPos;

    XorFrameCodec(FrameCodec crc, byte[] key) {
        this.crc = crc;
        this.key = key.clone();
    }

    @Override
    public int preambleBlockLength() {
        return crc.preambleBlockLength();
    }

    @Override
    public Preamble decodePreamble(ByteBuffer block) throws ProtocolException {
        return crc.decodePreamble(unmask(block));
    }

    @Override
    public long remainderLength(Preamble preamble) {
        return crc.remainderLength(preamble);
    }

    @Override
    public Frame decodeRemainder(Preamble preamble, ByteBuffer rest) throws ProtocolException {
        return crc.decodeRemainder(preamble, unmask(rest));
    }

    @Override
    public ByteBuffer[] encode(Frame frame) throws ProtocolException {
        ByteBuffer[] clear = crc.encode(frame);
        ByteBuffer[] out = new ByteBuffer[clear.length];
        for (int i = 0; i < clear.length; i++) {
            // copy: the clear buffers may be the caller's segments, which we must not change
            ByteBuffer src = clear[i].duplicate();
            ByteBuffer dst = ByteBuffer.allocate(src.remaining());
            while (src.hasRemaining()) {
                dst.put((byte) (src.get() ^ key[(int) (txPos++ % key.length)]));
            }
            out[i] = dst.flip();
        }
        return out;
    }

    /** A clear copy of received bytes; the input is consumed. */
    private ByteBuffer unmask(ByteBuffer in) {
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(in.order());
        while (in.hasRemaining()) {
            out.put((byte) (in.get() ^ key[(int) (rxPos++ % key.length)]));
        }
        return out.flip();
    }

    @Override
    public void close() {
        java.util.Arrays.fill(key, (byte) 0);
        crc.close();
    }
}
