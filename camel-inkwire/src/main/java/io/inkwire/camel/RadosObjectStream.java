package io.inkwire.camel;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import java.io.IOException;
import java.io.InterruptedIOException;
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
public final class RadosObjectStream extends ChunkedObjectStream {

    private static final int ERANGE = 34;
    private static final int EOVERFLOW = 75;

    private final IoCtx io;
    private final String oid;
    private final long version;

    RadosObjectStream(IoCtx io, String oid, long size, long version, int chunkSize, ByteBuffer firstChunk) {
        super(size, chunkSize, firstChunk);
        this.io = io;
        this.oid = oid;
        this.version = version;
    }

    @Override
    public String objectName() {
        return oid;
    }

    @Override
    public long skip(long n) throws IOException {
        long target = Math.min(size, position() + Math.max(0, n));
        long skipped = target - position();
        seek(target);
        return skipped;
    }

    /** Back to the mark (the beginning unless {@link #mark} was called); the data is read again from the cluster. */
    @Override
    public void reset() {
        seek(markedPosition());
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new RadosObjectStream(io, oid, size, version, chunkSize, null);
    }

    @Override
    protected ByteBuffer readChunk(long at, int length) throws IOException {
        ReadOp op = new ReadOp();
        if (version > 0) {
            op.assertVersion(version);
        }
        OpSlot<ByteBuffer> data = op.read(at, length);
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
        return next;
    }
}
