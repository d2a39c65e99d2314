package io.inkwire.camel;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.WriteOp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Writes data to an object in chunks, as {@code rados put} and {@code rados append} do
 * (src/tools/rados/rados.cc): put replaces the object with its first chunk (write_full, so an
 * empty body makes an empty object) and writes the rest at their offsets; append appends each
 * chunk. One chunk is in flight at a time, so a stream of any size needs one chunk of memory.
 * A source that fails midway leaves the chunks written so far, as the tool does.
 */
final class ObjectWriter {

    /** What was written: the bytes and the object's version after the last op. */
    record Written(long bytes, long version) {
    }

    private ObjectWriter() {
    }

    static Written put(IoCtx io, String oid, InputStream src, int chunkSize) throws RadosException, IOException, InterruptedException {
        return write(io, oid, new StreamChunks(src, chunkSize), false);
    }

    static Written put(IoCtx io, String oid, byte[] data, int chunkSize) throws RadosException, InterruptedException {
        return write(io, oid, new ArrayChunks(data, chunkSize), false);
    }

    static Written append(IoCtx io, String oid, InputStream src, int chunkSize) throws RadosException, IOException, InterruptedException {
        return write(io, oid, new StreamChunks(src, chunkSize), true);
    }

    static Written append(IoCtx io, String oid, byte[] data, int chunkSize) throws RadosException, InterruptedException {
        return write(io, oid, new ArrayChunks(data, chunkSize), true);
    }

    private static <E extends Exception> Written write(IoCtx io, String oid, Chunks<E> chunks, boolean append)
            throws RadosException, InterruptedException, E {
        long at = 0;
        long version = 0;
        boolean first = true;
        ByteBuffer piece;
        while ((piece = chunks.next()) != null) {
            if (!first && !piece.hasRemaining()) {
                break;
            }
            WriteOp op = new WriteOp();
            int n = piece.remaining();
            if (append) {
                if (n == 0) {
                    break; // appending nothing is no op at all
                }
                op.append(piece);
            } else if (first) {
                op.writeFull(piece);
            } else {
                op.write(at, piece);
            }
            OperationResult r = Rados.await(io.operate(oid, op));
            version = r.version();
            at += n;
            first = false;
        }
        return new Written(at, version);
    }

    /** The source's next piece, empty once at the end (the first call may return an empty piece), null after that. */
    private interface Chunks<E extends Exception> {
        ByteBuffer next() throws E;
    }

    /** Slices of an array, no copy. */
    private static final class ArrayChunks implements Chunks<RuntimeException> {
        private final byte[] data;
        private final int chunkSize;
        private int at;
        private boolean done;

        ArrayChunks(byte[] data, int chunkSize) {
            this.data = data;
            this.chunkSize = chunkSize;
        }

        @Override
        public ByteBuffer next() {
            if (done) {
                return null;
            }
            int n = Math.min(chunkSize, data.length - at);
            ByteBuffer b = ByteBuffer.wrap(data, at, n);
            at += n;
            done = at >= data.length;
            return b;
        }
    }

    /** A stream read into one buffer, reused for every chunk (each op has completed before the next read). */
    private static final class StreamChunks implements Chunks<IOException> {
        private final InputStream src;
        private final byte[] buf;
        private boolean done;

        StreamChunks(InputStream src, int chunkSize) {
            this.src = src;
            this.buf = new byte[chunkSize];
        }

        @Override
        public ByteBuffer next() throws IOException {
            if (done) {
                return null;
            }
            int n = src.readNBytes(buf, 0, buf.length);
            done = n < buf.length;
            return ByteBuffer.wrap(buf, 0, n);
        }
    }
}
