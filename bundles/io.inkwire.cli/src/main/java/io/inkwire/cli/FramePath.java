package io.inkwire.cli;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * A mode's frame path without sockets: one thread seals a MESSAGE frame (41-byte header, data
 * segment of the message size) with a connector's codec and opens it with the acceptor's, as a
 * sender and receiver would. For secure mode this is what to compare with raw GCM seal + open.
 */
final class FramePath {

    /** {@code Tag::MESSAGE} in {@code src/msg/async/frames_v2.h}. */
    static final int TAG_MESSAGE = 17;
    static final int HEADER_LENGTH = 41;

    private final FrameCodec tx;
    private final FrameCodec rx;
    private final Frame frame;
    private final ByteBuffer wire;
    private final int size;

    FramePath(ConnectionMode mode, int size, CephConfig options) throws ProtocolException {
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        long maxSegment = Math.max(size, 1 << 20);
        this.tx = mode.newFrameCodec(new FrameCodecContext(Role.CONNECTOR, 1, secret, maxSegment, options));
        this.rx = mode.newFrameCodec(new FrameCodecContext(Role.ACCEPTOR, 1, secret, maxSegment, options));
        java.util.Arrays.fill(secret, (byte) 0);
        this.size = size;
        this.frame = Frame.of(TAG_MESSAGE,
                new ByteBuffer[] {ByteBuffer.wrap(new byte[HEADER_LENGTH]), null, null, ByteBuffer.wrap(MachineLimits.randomBytes(size))},
                new int[] {Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.PAGE_ALIGNMENT});
        this.wire = ByteBuffer.allocate(size + 64 * 1024);
    }

    /**
     * Seals and opens one frame. The sealed buffers are gathered into one wire buffer as a
     * socket would deliver them (a copy crc mode pays on top of its crcs; secure mode's encoder
     * already returns one buffer).
     */
    void roundTrip() throws ProtocolException {
        ByteBuffer[] out = tx.encode(frame);
        ByteBuffer in;
        if (out.length == 1) {
            in = out[0];
        } else {
            wire.clear();
            for (ByteBuffer b : out) {
                // absolute: the codec hands out the frame's own buffers, whose positions must not move
                wire.put(wire.position(), b, b.position(), b.remaining()).position(wire.position() + b.remaining());
            }
            in = wire.flip();
        }
        Preamble p = rx.decodePreamble(in.slice(0, rx.preambleBlockLength()));
        int rest = (int) rx.remainderLength(p);
        Frame f = rx.decodeRemainder(p, in.slice(rx.preambleBlockLength(), rest));
        if (f == null || f.segmentLength(3) != size) {
            throw new IllegalStateException("frame path: the frame did not survive the round trip");
        }
    }

    /** Message bytes per second (GB/s) of {@link #roundTrip} over {@code seconds}. */
    double measure(double seconds) throws ProtocolException {
        long bytes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            roundTrip();
            bytes += size;
        } while ((now = System.nanoTime()) < end);
        return bytes / ((now - start) / 1e9) / 1e9;
    }

    void close() {
        tx.close();
        rx.close();
    }
}
