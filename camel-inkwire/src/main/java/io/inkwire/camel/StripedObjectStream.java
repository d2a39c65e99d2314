package io.inkwire.camel;

import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.RadosStriper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * A striped object's data read {@code chunkSize} bytes at a time as the stream is consumed (each
 * read a libradosstriper read: shared lock, pieces in parallel, unlock), holding one chunk. Like
 * {@link RadosObjectStream} it is its own {@link StreamCache}: {@link #reset()} reads again from the
 * cluster, so Camel's stream caching copies nothing.
 */
public final class StripedObjectStream extends ChunkedObjectStream {

    private final RadosStriper striper;
    private final String soid;

    StripedObjectStream(RadosStriper striper, String soid, long size, int chunkSize) {
        super(size, chunkSize, null);
        this.striper = striper;
        this.soid = soid;
    }

    /** The striped object this stream reads. */
    @Override
    public String objectName() {
        return soid;
    }

    @Override
    public void reset() {
        restartAt(markedPosition());
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new StripedObjectStream(striper, soid, size, chunkSize);
    }

    @Override
    protected ByteBuffer readChunk(long at, int length) throws IOException {
        ByteBuffer next;
        try {
            next = Rados.await(striper.read(soid, at, length));
        } catch (RadosException e) {
            throw new IOException("reading striped " + striper.ioCtx().pool() + "/" + soid + " at " + at + ": " + e.error().cephStyle(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading striped " + striper.ioCtx().pool() + "/" + soid);
        }
        if (!next.hasRemaining()) {
            throw new IOException("reading striped " + striper.ioCtx().pool() + "/" + soid + " at " + at + ": it ended before its size " + size);
        }
        return next;
    }
}
