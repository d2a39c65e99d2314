package io.inkwire.camel;

import io.inkwire.codec.osd.OmapVals;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import io.inkwire.rados.WriteOp;
import java.nio.ByteBuffer;
import java.util.SortedMap;

/**
 * Moves an object the way RADOS allows from a client: copies its data (in chunks), xattrs, omap
 * header and omap to the destination, then removes the source. Every read of the source and the
 * final remove assert the version the consumer read, so an object rewritten meanwhile is left in
 * place (ERANGE/EOVERFLOW) instead of being lost. A failure after the copy leaves both objects.
 */
final class ObjectMover {

    /** Omap entries per read of the source. */
    private static final int OMAP_PAGE = 1000;

    private ObjectMover() {
    }

    static void move(IoCtx from, String oid, long version, IoCtx to, String target, int chunkSize)
            throws RadosException, InterruptedException {
        // first request: the xattrs, the omap header and the first chunk, written to the target as one write_full
        ReadOp head = guarded(version);
        OpSlot<SortedMap<String, ByteBuffer>> xattrs = head.getXattrs();
        OpSlot<ByteBuffer> omapHeader = head.omapGetHeader();
        head.failOk(); // an erasure-coded pool has no omap (EOPNOTSUPP): then there is none to copy
        OpSlot<ByteBuffer> firstChunk = head.read(0, chunkSize);
        Rados.await(from.operate(oid, head));
        WriteOp create = new WriteOp();
        ByteBuffer chunk = firstChunk.get();
        int n = chunk.remaining();
        create.writeFull(chunk);
        xattrs.get().forEach(create::setXattr);
        boolean hasOmap = omapHeader.rval() >= 0;
        if (hasOmap && omapHeader.get().hasRemaining()) {
            create.omapSetHeader(omapHeader.get());
        }
        Rados.await(to.operate(target, create));

        long at = n;
        while (n == chunkSize) {
            ReadOp op = guarded(version);
            OpSlot<ByteBuffer> next = op.read(at, chunkSize);
            Rados.await(from.operate(oid, op));
            chunk = next.get();
            n = chunk.remaining();
            if (n == 0) {
                break;
            }
            Rados.await(to.write(target, chunk, at));
            at += n;
        }

        String after = "";
        while (hasOmap) {
            ReadOp op = guarded(version);
            OpSlot<OmapVals> page = op.omapGetVals(after, "", OMAP_PAGE);
            Rados.await(from.operate(oid, op));
            OmapVals vals = page.get();
            if (!vals.values().isEmpty()) {
                Rados.await(to.omapSet(target, vals.values()));
                after = vals.values().lastKey();
            }
            if (vals.values().isEmpty() || !vals.more(OMAP_PAGE)) {
                break;
            }
        }
        remove(from, oid, version);
    }

    /** Removes the object unless it changed since {@code version} was read. */
    static void remove(IoCtx io, String oid, long version) throws RadosException, InterruptedException {
        WriteOp op = new WriteOp();
        if (version > 0) {
            op.assertVersion(version);
        }
        op.remove();
        Rados.await(io.operate(oid, op));
    }

    private static ReadOp guarded(long version) {
        ReadOp op = new ReadOp();
        if (version > 0) {
            op.assertVersion(version);
        }
        return op;
    }
}
