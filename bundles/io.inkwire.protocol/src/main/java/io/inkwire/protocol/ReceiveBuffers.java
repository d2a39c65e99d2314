package io.inkwire.protocol;

import java.nio.ByteBuffer;

/**
 * Where one socket's reads land ({@link ProtocolEngine#receiveBuffer()}): a message's payload in a
 * buffer leased from the messenger's {@link BufferPool}, which the message built from it holds until
 * its last release; everything else (preambles, control frames, msgr1 headers and tags) in one
 * array this socket reuses, since the engine decodes those before {@code onBytes} returns and keeps
 * no view of them. Used under the engine's lock, like the engine.
 */
final class ReceiveBuffers {

    /** Reads up to this size reuse the socket's array; longer non-message reads (rare, large control frames) get their own. */
    private static final int REUSED_MAX = 64 << 10;
    /**
     * Payloads from this size on go to a direct buffer when the codec allows: the transport then reads
     * all but their first piece (which comes with the preamble) straight into it. Smaller ones stay on
     * the heap, where decoding a message's front is cheaper and there is little copy to save.
     */
    static final int DIRECT_MIN = 64 << 10;

    private final BufferPool pool;
    private ByteBuffer reused = ByteBuffer.allocate(0);
    /** The pooled buffer handed out last, until {@link #claim} or {@link #close}. */
    private BufferPool.Lease pending;

    ReceiveBuffers(BufferPool pool) {
        this.pool = pool;
    }

    /** A buffer for the next {@code length} bytes; {@code payload}: a message's, to be kept by the message. */
    ByteBuffer next(int length, boolean payload) {
        return next(length, payload, false);
    }

    /**
     * As {@link #next(int, boolean)}; {@code direct}: the codec reads a direct buffer as well as a
     * heap one, so a large payload goes to a direct buffer the transport can read the socket into
     * with no copy of its own ({@code post_rx_buffer} in Ceph's messenger serves the same end).
     */
    ByteBuffer next(int length, boolean payload, boolean direct) {
        drop();
        if (payload) {
            pending = direct && length >= DIRECT_MIN && length <= BufferPool.MAX_POOLED_LENGTH ? pool.takeDirect(length) : pool.take(length);
            return pending.buffer();
        }
        if (length > REUSED_MAX) {
            return ByteBuffer.allocate(length);
        }
        if (reused.capacity() < length) {
            reused = ByteBuffer.allocate(Math.max(length, 256));
        }
        return reused.clear().limit(length);
    }

    /**
     * The lease of {@code in} when it is the pooled buffer handed out last (the caller owns it now),
     * else null: {@code in} is a reused buffer or the transport's own.
     */
    BufferPool.Lease claim(ByteBuffer in) {
        BufferPool.Lease l = pending;
        if (l == null) {
            return null;
        }
        pending = null;
        if (l.buffer() == in) {
            return l;
        }
        l.release(); // the transport read into a buffer of its own
        return null;
    }

    /**
     * Gives back {@code b}, handed out and never passed to {@code onBytes} (the socket closed
     * mid-read). Only the transport knows when it stopped filling a buffer, so closing the engine
     * does not take it back by itself: a socket retired by another thread may still be copying into it.
     */
    void discard(ByteBuffer b) {
        BufferPool.Lease l = pending;
        if (l != null && l.buffer() == b) {
            pending = null;
            l.release();
        }
    }

    private void drop() {
        BufferPool.Lease l = pending;
        if (l != null) {
            pending = null;
            l.release();
        }
    }
}
