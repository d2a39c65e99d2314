package io.inkwire.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** What the engine needs from the I/O layer of one connection. Called on the connection's I/O thread. */
public interface Transport {

    /**
     * Writes the buffers, in order, after everything written before. Their bytes are taken (copied
     * or written) before this returns: the engine and its codec reuse the buffers and the array for
     * the next frame.
     */
    void write(ByteBuffer[] buffers);

    /**
     * Writes a message's buffers; {@code written} (may be null) completes when the socket took
     * them, exceptionally if it never will.
     */
    default void write(ByteBuffer[] buffers, CompletableFuture<Void> written) {
        write(buffers);
        if (written != null) {
            written.complete(null);
        }
    }

    /**
     * As {@link #write(ByteBuffer[], CompletableFuture)}, except that the transport may keep
     * referencing large direct buffers among {@code buffers} instead of copying them. Returns
     * whether it did: the caller then keeps those buffers unchanged until the transport runs
     * {@code released}, once it let go of them (written, or failed); when it returns false it ran
     * nothing and kept nothing. The default copies.
     */
    default boolean writeReferencing(ByteBuffer[] buffers, CompletableFuture<Void> written, Runnable released) {
        write(buffers, written);
        return false;
    }

    /** Flushes what was written. */
    void flush();

    /**
     * Whether the socket takes more messages now. While it does not, the engine keeps messages in
     * its session's queue (unencoded, uncopied) and the transport calls
     * {@link ProtocolEngine#writeQueued()} once it drained. Control frames are always written.
     */
    default boolean writable() {
        return true;
    }

    /** Closes the socket. */
    void close();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();
}
