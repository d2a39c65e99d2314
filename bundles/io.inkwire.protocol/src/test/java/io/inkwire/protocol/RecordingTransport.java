package io.inkwire.protocol;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Records everything an engine writes, and whether it closed the socket. */
final class RecordingTransport implements Transport {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    boolean closed;
    int flushes;

    RecordingTransport(InetSocketAddress local, InetSocketAddress remote) {
        this.local = local;
        this.remote = remote;
    }

    @Override
    public void write(ByteBuffer[] buffers) {
        if (closed) {
            throw new AssertionError("write after close");
        }
        for (ByteBuffer b : buffers) {
            ByteBuffer d = b.duplicate();
            byte[] a = new byte[d.remaining()];
            d.get(a);
            out.writeBytes(a);
        }
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    byte[] written() {
        return out.toByteArray();
    }
}
