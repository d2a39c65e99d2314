package io.inkwire.rados;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Bytes a read returned, on loan from the messenger's receive buffer: no copy is made between the
 * socket (or the decryption) and {@link #data()}. {@link #close()} gives the buffer back to its
 * pool, where the next message is read into it; the bytes, and every view taken of them, are
 * invalid from then on. Closing twice does nothing. A lease that is never closed loses nothing but
 * the reuse: its buffer is left to the garbage collector.
 *
 * <p>This is the form for reading large objects at full speed: librados reads into the
 * bufferlist its messenger received, and so does this. {@link IoCtx#read(String, long, ByteBuffer)}
 * copies once into a buffer of the caller's; {@link IoCtx#read(String, long, long)} hands out a
 * view and gives up the buffer's reuse.
 */
public final class LeasedBytes implements AutoCloseable {

    private static final AtomicIntegerFieldUpdater<LeasedBytes> CLOSED = AtomicIntegerFieldUpdater.newUpdater(LeasedBytes.class, "closed");

    private final ByteBuffer data;
    private final Runnable release;
    private volatile int closed;

    /** A lease of {@code data} (read-only from here on); {@code release} runs once, at the first {@link #close()}. */
    LeasedBytes(ByteBuffer data, Runnable release) {
        this.data = data.asReadOnlyBuffer();
        this.release = release;
    }

    /** Bytes nobody lends (a copy, a constant, nothing): {@link #close()} only ends their use. */
    public static LeasedBytes of(ByteBuffer data) {
        return new LeasedBytes(data, () -> { });
    }

    /**
     * The bytes, read-only, from the view's position to its limit (a fresh view per call).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public ByteBuffer data() {
        if (closed != 0) {
            throw new IllegalStateException("the read's buffer was given back (close() was called)");
        }
        return data.duplicate();
    }

    /** How many bytes the read returned. */
    public int length() {
        return data.remaining();
    }

    /** Gives the buffer back to its pool; later calls do nothing. */
    @Override
    public void close() {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return "LeasedBytes{" + data.remaining() + " B" + (closed != 0 ? ", closed" : "") + "}";
    }
}
