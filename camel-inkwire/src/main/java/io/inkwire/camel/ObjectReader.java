package io.inkwire.camel;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import java.nio.ByteBuffer;

/** Reads an object for a message: stat and the first chunk in one request, the rest streamed on demand. */
final class ObjectReader {

    private ObjectReader() {
    }

    /**
     * The object's size, mtime and version and, with {@code withData}, its data: a byte[] when the
     * object is at most {@code chunkSize} bytes, else a stream that reads the remaining chunks as
     * it is consumed (holding one chunk at a time).
     */
    static ObjectContent read(IoCtx io, String oid, int chunkSize, boolean withData) throws RadosException, InterruptedException {
        ReadOp op = new ReadOp();
        OpSlot<ObjectStat> stat = op.stat();
        OpSlot<ByteBuffer> data = withData ? op.read(0, chunkSize) : null;
        OperationResult r = Rados.await(io.operate(oid, op));
        ObjectStat s = stat.get();
        Object body = null;
        if (withData) {
            ByteBuffer first = data.get();
            if (s.size() <= chunkSize) {
                body = bytes(first);
            } else {
                body = new RadosObjectStream(io, oid, s.size(), r.version(), chunkSize, first);
            }
        }
        return new ObjectContent(body, s.size(), s.mtime(), r.version());
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
