package io.inkwire.camel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.camel.StreamCache;

/**
 * What {@link RadosObjectStream} and {@link StripedObjectStream} share: an object of known size read
 * {@code chunkSize} bytes at a time as the stream is consumed, one chunk held; its own
 * {@link StreamCache}, the data staying in the cluster ({@link #reset()} reads again from there),
 * so Camel's stream caching copies nothing. Subclasses say how a chunk is read.
 */
abstract class ChunkedObjectStream extends InputStream implements StreamCache {

    protected final long size;
    protected final int chunkSize;
    private ByteBuffer chunk;
    /** Where {@link #chunk} starts in the object. */
    private long chunkStart;
    private long mark;

    ChunkedObjectStream(long size, int chunkSize, ByteBuffer firstChunk) {
        this.size = size;
        this.chunkSize = chunkSize;
        this.chunk = firstChunk == null ? ByteBuffer.allocate(0) : firstChunk.slice();
    }

    /** The object this stream reads. */
    public abstract String objectName();

    /** {@code length} bytes from {@code at}, at least one (an object shorter than its size is an error). */
    protected abstract ByteBuffer readChunk(long at, int length) throws IOException;

    @Override
    public int read() throws IOException {
        return fill() ? chunk.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.remaining());
        chunk.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return chunk.remaining();
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readlimit) {
        mark = position();
    }

    /** Back to the mark; what is read again comes from the cluster (StreamCache's reset throws nothing). */
    @Override
    public abstract void reset();

    /** The position {@link #mark} recorded (0 unless it was called). */
    protected long markedPosition() {
        return mark;
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        transferTo(os);
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public long length() {
        return size;
    }

    @Override
    public long position() {
        return chunkStart + chunk.position();
    }

    /** Moves to {@code pos}, inside the chunk held when it is there, else with the next read from the cluster. */
    protected void seek(long pos) {
        if (pos >= chunkStart && pos <= chunkStart + chunk.limit()) {
            chunk.position((int) (pos - chunkStart));
        } else {
            restartAt(pos);
        }
    }

    /** Drops the chunk held: the next read at {@code pos} goes to the cluster. */
    protected void restartAt(long pos) {
        chunk = ByteBuffer.allocate(0);
        chunkStart = pos;
    }

    /** True when a byte is available, reading the next chunk when the current one is used up. */
    private boolean fill() throws IOException {
        if (chunk.hasRemaining()) {
            return true;
        }
        long at = position();
        if (at >= size) {
            return false;
        }
        chunk = readChunk(at, (int) Math.min(chunkSize, size - at)).slice();
        chunkStart = at;
        return true;
    }
}
