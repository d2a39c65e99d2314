package io.inkwire.camel;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * An object's data read chunk by chunk as the stream is consumed, holding one chunk at a time.
 * Every read after the first asserts the object's version ({@code CEPH_OSD_OP_ASSERT_VER}), so
 * an object rewritten while it is streamed fails the stream instead of mixing two contents.
 *
 * <p>It is its own {@link StreamCache}: the data stays in the cluster and {@link #reset()} starts
 * over from the first byte, so Camel's stream caching (on by default) neither copies it into
 * memory nor spools it to disk.
 */
public final class RadosObjectStream extends InputStream implements StreamCache {

    private static final int ERANGE = 34;
    private static final int EOVERFLOW = 75;

    private final IoCtx io;
    private final String oid;
    private final long size;
    private final long version;
    private final int chunkSize;
    private ByteBuffer chunk;
    /** Where {@link #chunk} starts in the object. */
    private long chunkStart;
    private long mark;

    RadosObjectStream(IoCtx io, String oid, long size, long version, int chunkSize, ByteBuffer firstChunk) {
        this.io = io;
        this.oid = oid;
        this.size = size;
        this.version = version;
        this.chunkSize = chunkSize;
        this.chunk = firstChunk == null ? ByteBuffer.allocate(0) : firstChunk.slice();
        this.chunkStart = 0;
    }

    /** The object this stream reads. */
    public String objectName() {
        return oid;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return chunk.get() & 0xff;
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
    public long skip(long n) throws IOException {
        long target = Math.min(size, position() + Math.max(0, n));
        long skipped = target - position();
        seek(target);
        return skipped;
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

    /** Back to the mark (the beginning unless {@link #mark} was called); the data is read again from the cluster. */
    @Override
    public void reset() {
        seek(mark);
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        transferTo(os);
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new RadosObjectStream(io, oid, size, version, chunkSize, null);
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

    private void seek(long pos) {
        if (pos >= chunkStart && pos <= chunkStart + chunk.limit()) {
            chunk.position((int) (pos - chunkStart));
        } else {
            chunk = ByteBuffer.allocate(0);
            chunkStart = pos;
        }
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
        ReadOp op = new ReadOp();
        if (version > 0) {
            op.assertVersion(version);
        }
        OpSlot<ByteBuffer> data = op.read(at, Math.min(chunkSize, size - at));
        try {
            Rados.await(io.operate(oid, op));
        } catch (RadosException e) {
            // assert_ver fails with ERANGE (older) or EOVERFLOW (newer) (PrimaryLogPG::do_osd_ops, CEPH_OSD_OP_ASSERT_VER)
            String why = e.errno() == ERANGE || e.errno() == EOVERFLOW ? " (the object changed while it was being read)" : "";
            throw new IOException("reading " + io.pool() + "/" + oid + " at " + at + ": " + e.error().cephStyle() + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading " + io.pool() + "/" + oid);
        }
        ByteBuffer next = data.get();
        if (!next.hasRemaining()) {
            throw new IOException("reading " + io.pool() + "/" + oid + " at " + at + ": the object ended before its size " + size);
        }
        chunk = next.slice();
        chunkStart = at;
        return true;
    }
}
