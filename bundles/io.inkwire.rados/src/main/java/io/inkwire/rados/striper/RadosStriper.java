package io.inkwire.rados.striper;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.internal.RadosStriperImpl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;

/**
 * Striped objects in one pool and namespace, as libradosstriper's {@code RadosStriper}: the same
 * object names ({@code NAME.0000000000000000}, …), layout xattrs ({@code striper.layout.object_size},
 * {@code striper.layout.stripe_unit}, {@code striper.layout.stripe_count}, decimal strings) and size
 * xattr ({@code striper.size}) on the first object, and the same {@code striper.lock} advisory lock:
 * shared while data is read or written, exclusive while the object is removed or truncated. The
 * layout set here applies to objects this striper creates; existing objects keep the layout stored
 * with them.
 *
 * <p>Instances are immutable and thread-safe. The asynchronous operations complete with a
 * {@link RadosException}; the streaming ones ({@link #upload}, {@link #download}) block the caller and
 * keep at most {@link #maxInFlight()} stripe-unit pieces in memory and on the wire.
 */
public interface RadosStriper {

    /** Stripe-unit pieces a streaming operation keeps in flight unless told otherwise. */
    int DEFAULT_MAX_IN_FLIGHT = 8;

    /** A striper over {@code io}, with libradosstriper's default layout (4 MiB, 1, 4 MiB). */
    static RadosStriper create(IoCtx io) {
        return new RadosStriperImpl(io, StripeLayout.DEFAULT, DEFAULT_MAX_IN_FLIGHT);
    }

    IoCtx ioCtx();

    StripeLayout layout();

    /** This striper, new objects created with {@code layout} ({@code set_object_layout_*}). */
    RadosStriper withLayout(StripeLayout layout);

    int maxInFlight();

    /** This striper, streaming with at most {@code pieces} stripe units in flight. */
    RadosStriper withMaxInFlight(int pieces);

    /** Writes {@code data} at {@code offset}, creating the object, growing its size to cover the write. */
    CompletionStage<Void> write(String soid, ByteBuffer data, long offset);

    /** Truncates the object to 0 (if it exists) and writes {@code data} ({@code write_full}). */
    CompletionStage<Void> writeFull(String soid, ByteBuffer data);

    /** Writes {@code data} at the object's end, creating it if need be. */
    CompletionStage<Void> append(String soid, ByteBuffer data);

    /** Up to {@code length} bytes from {@code offset}, fewer at the end; missing pieces read as zeros (sparse objects). */
    CompletionStage<ByteBuffer> read(String soid, long offset, int length);

    /** The size (from {@code striper.size}) and the first object's mtime. */
    CompletionStage<ObjectStat> stat(String soid);

    /** Removes every piece, the first one last (under the exclusive lock). */
    CompletionStage<Void> remove(String soid);

    /** Shrinks (removing and truncating pieces) or grows (the size xattr only: sparse) the object to {@code size}. */
    CompletionStage<Void> truncate(String soid, long size);

    CompletionStage<ByteBuffer> getXattr(String soid, String name);

    CompletionStage<Void> setXattr(String soid, String name, ByteBuffer value);

    CompletionStage<Void> rmXattr(String soid, String name);

    /** The user's xattrs: the first object's, without the striper's own ({@code striper.*}, {@code lock.striper.lock}). */
    CompletionStage<SortedMap<String, ByteBuffer>> getXattrs(String soid);

    /**
     * Replaces the object with the content of {@code src} (as {@code write_full}), read piece by piece
     * and written with up to {@link #maxInFlight()} pieces in flight, the size xattr raised ahead of
     * each piece as libradosstriper raises it ahead of a write. Blocks until all is written.
     *
     * @return the bytes written
     */
    long upload(String soid, InputStream src) throws RadosException, IOException, InterruptedException;

    /**
     * Writes the object's content to {@code dst}, reading up to {@link #maxInFlight()} pieces ahead,
     * in order. Blocks until all is written.
     *
     * @return the bytes written
     */
    long download(String soid, OutputStream dst) throws RadosException, IOException, InterruptedException;
}
