package io.inkwire.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** What the engine needs from the I/O layer of one connection. Called on the connection's I/O thread. */
public interface Transport {

    /** Writes the buffers, in order, after everything written before. */
    void write(ByteBuffer[] buffers);

    /** Flushes what was written. */
    void flush();

    /** Closes the socket. */
    void close();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();
}
