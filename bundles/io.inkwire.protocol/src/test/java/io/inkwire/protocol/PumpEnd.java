package io.inkwire.protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * One end of an in-memory socket: an engine (msgr2 or msgr1) with its recording transport and
 * listener. Bytes reach the engine in random chunks of 1..7 bytes that are accumulated until
 * {@link ProtocolEngine#bytesWanted()} is met, as a socket with tiny reads would deliver them.
 * {@link EngineHarness} and {@link V1Harness} make the ends; {@link #pump} joins two.
 *
 * @param <E> the engine's type, so that tests reach its protocol's own test hooks
 */
class PumpEnd<E extends ProtocolEngine> {

    /** The most the feeder lets an engine ask for in one read; a hostile length must never get near it. */
    static final int FEEDER_CAP = 4 << 20;

    final MessengerCore core;
    final RecordingTransport transport;
    final RecordingListener listener = new RecordingListener();
    final Random random;
    E engine;
    /** Read into the engine's own buffers ({@link ProtocolEngine#receiveBuffer()}), as the Netty transport does, instead of fresh arrays. */
    boolean pooled;
    int maxWanted;
    int onBytesCalls;
    int chunks;

    private int delivered;
    private boolean eofSent;
    private byte[] partial;
    private int filled;
    private ByteBuffer engineBuffer;

    PumpEnd(MessengerCore core, InetSocketAddress remote, InetSocketAddress local, long seed) {
        this.core = core;
        this.transport = new RecordingTransport(local, remote);
        this.random = new Random(seed);
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Moves bytes both ways until neither side has anything left to say; EOF follows a close. */
    static void pump(PumpEnd<?> a, PumpEnd<?> b) {
        boolean progress = true;
        while (progress) {
            progress = a.deliverTo(b) | b.deliverTo(a);
        }
    }

    /** Feeds {@code bytes} in random 1..7-byte chunks; returns how many were consumed before the engine closed (the rest is dropped). */
    int feed(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && !engine.isClosed()) {
            int want = engine.bytesWanted();
            maxWanted = Math.max(maxWanted, want);
            if (want <= 0 || want > FEEDER_CAP) {
                throw new AssertionError("engine asks for " + want + " bytes: " + engine);
            }
            if (pooled) {
                if (engineBuffer == null) {
                    engineBuffer = engine.receiveBuffer();
                }
                int n = Math.min(1 + random.nextInt(7), Math.min(bytes.length - i, engineBuffer.remaining()));
                engineBuffer.put(bytes, i, n);
                i += n;
                chunks++;
                if (!engineBuffer.hasRemaining()) {
                    ByteBuffer full = engineBuffer.flip();
                    engineBuffer = null;
                    onBytesCalls++;
                    engine.onBytes(full);
                }
                continue;
            }
            if (partial == null || partial.length != want) {
                partial = new byte[want];
                filled = 0;
            }
            int n = Math.min(1 + random.nextInt(7), Math.min(bytes.length - i, want - filled));
            System.arraycopy(bytes, i, partial, filled, n);
            filled += n;
            i += n;
            chunks++;
            if (filled == want) {
                byte[] full = partial;
                partial = null;
                filled = 0;
                onBytesCalls++;
                engine.onBytes(ByteBuffer.wrap(full));
            }
        }
        if (!engine.isClosed()) {
            maxWanted = Math.max(maxWanted, engine.bytesWanted());
        }
        return i;
    }

    /** What this side wrote and was not delivered yet; marks it delivered. */
    byte[] drain() {
        byte[] all = transport.written();
        byte[] fresh = Arrays.copyOfRange(all, delivered, all.length);
        delivered = all.length;
        return fresh;
    }

    /** The socket under this end is gone mid-read: a buffer the engine gave for it goes back. */
    void abandonRead() {
        if (engineBuffer != null) {
            engine.discardReceiveBuffer(engineBuffer);
            engineBuffer = null;
        }
    }

    /** Delivers what this side wrote since last time to {@code peer}; then EOF if this side closed. */
    boolean deliverTo(PumpEnd<?> peer) {
        byte[] fresh = drain();
        boolean progress = false;
        if (fresh.length > 0) {
            peer.feed(fresh);
            progress = true;
        }
        if (transport.closed && !eofSent) {
            eofSent = true;
            peer.engine.onTransportClosed(null);
            progress = true;
        }
        return progress;
    }
}
