package io.inkwire.itests.interop;

import static io.inkwire.testing.Buffers.join;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A test double for the wire, not for the crypto: it wraps the real secure mode and changes the
 * bytes one MESSAGE frame leaves with — one flipped bit, or the previous frame's bytes sent again.
 */
final class TamperingMode implements ConnectionMode {

    static final long TAMPER_TID = 666;

    /** What to do to the frame of message {@link #TAMPER_TID}. */
    record Action(int flipOffset, boolean replays) {
        /** Flip bit 2 of the byte at {@code offset} (negative: from the end). */
        static Action flip(int offset) {
            return new Action(offset, false);
        }

        /** Send the frame, then the previous frame's bytes again. */
        static Action replaying() {
            return new Action(0, true);
        }
    }

    private final ConnectionMode real;
    private final Action action;

    TamperingMode(ConnectionMode real, Action action) {
        this.real = real;
        this.action = action;
    }

    @Override
    public int id() {
        return real.id();
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public int connectionSecretLength() {
        return real.connectionSecretLength();
    }

    @Override
    public boolean supportsRevision(int revision) {
        return real.supportsRevision(revision);
    }

    @Override
    public FrameCodec newFrameCodec(FrameCodecContext context) throws ProtocolException {
        FrameCodec codec = real.newFrameCodec(context);
        return new FrameCodec() {
            private byte[] previous;

            @Override
            public int preambleBlockLength() {
                return codec.preambleBlockLength();
            }

            @Override
            public Preamble decodePreamble(ByteBuffer block) throws ProtocolException {
                return codec.decodePreamble(block);
            }

            @Override
            public long remainderLength(Preamble preamble) {
                return codec.remainderLength(preamble);
            }

            @Override
            public Frame decodeRemainder(Preamble preamble, ByteBuffer rest) throws ProtocolException {
                return codec.decodeRemainder(preamble, rest);
            }

            @Override
            public ByteBuffer[] encode(Frame frame) throws ProtocolException {
                byte[] wire = join(codec.encode(frame));
                boolean target = frame.tag() == 17 && frame.segment(0).order(ByteOrder.LITTLE_ENDIAN).getLong(8) == TAMPER_TID;
                byte[] before = previous;
                previous = wire.clone();
                if (!target) {
                    return new ByteBuffer[] {ByteBuffer.wrap(wire)};
                }
                if (action.replays()) {
                    return new ByteBuffer[] {ByteBuffer.wrap(wire), ByteBuffer.wrap(before)};
                }
                int at = action.flipOffset() >= 0 ? action.flipOffset() : wire.length + action.flipOffset();
                wire[at] ^= 0x04;
                return new ByteBuffer[] {ByteBuffer.wrap(wire)};
            }

            @Override
            public void close() {
                codec.close();
            }
        };
    }
}
