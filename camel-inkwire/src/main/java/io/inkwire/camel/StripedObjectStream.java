package io.inkwire.camel;

import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.RadosStriper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * A striped object's data read {@code chunkSize} bytes at a time as the stream is consumed (each
 * read a libradosstriper read: shared lock, pieces in parallel, unlock), holding one chunk. Like
 * {@link RadosObjectStream} it is its own {@link StreamCache}: {@link #reset()} reads again from the
 * cluster, so Camel's stream caching copies nothing.
 */
public final class StripedObjectStream extends InputStream implements StreamCache {

    private final RadosStriper striper;
    private final String soid;
    private final long size;
    private final int chunkSize;
    private ByteBuffer chunk = ByteBuffer.allocate(0);
    private long chunkStart;
    private long mark;

    StripedObjectStream(RadosStriper striper, String soid, long size, int chunkSize) {
        this.striper = striper;
        this.soid = soid;
        this.size = size;
        this.chunkSize = chunkSize;
    }

    /** The striped object this stream reads. */
    public String objectName() {
        return soid;
    }

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

    @Override
    public void reset() {
        chunk = ByteBuffer.allocate(0);
        chunkStart = mark;
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        transferTo(os);
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new StripedObjectStream(striper, soid, size, chunkSize);
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

    private boolean fill() throws IOException {
        if (chunk.hasRemaining()) {
            return true;
        }
        long at = position();
        if (at >= size) {
            return false;
        }
        ByteBuffer next;
        try {
            next = Rados.await(striper.read(soid, at, (int) Math.min(chunkSize, size - at)));
        } catch (RadosException e) {
            throw new IOException("reading striped " + striper.ioCtx().pool() + "/" + soid + " at " + at + ": " + e.error().cephStyle(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading striped " + striper.ioCtx().pool() + "/" + soid);
        }
        if (!next.hasRemaining()) {
            throw new IOException("reading striped " + striper.ioCtx().pool() + "/" + soid + " at " + at + ": it ended before its size " + size);
        }
        chunk = next.slice();
        chunkStart = at;
        return true;
    }
}
