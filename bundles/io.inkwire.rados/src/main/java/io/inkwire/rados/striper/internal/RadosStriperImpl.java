package io.inkwire.rados.striper.internal;

import io.inkwire.codec.osd.LockType;
import io.inkwire.codec.osd.OsdOp;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.LeasedBytes;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import io.inkwire.rados.WriteOp;
import io.inkwire.rados.striper.ObjectExtent;
import io.inkwire.rados.striper.RadosStriper;
import io.inkwire.rados.striper.StripeLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * libradosstriper's operations ({@code src/libradosstriper/RadosStriperImpl.cc}) over an IoCtx:
 * the first object carries the layout and size xattrs and the {@code striper.lock} lock; data
 * operations take the lock shared (tag {@code Tag}), remove and truncate exclusive (tag ""), each
 * with a fresh UUID cookie, released when the operation ends.
 */
public final class RadosStriperImpl implements RadosStriper {

    static final String XATTR_STRIPE_UNIT = "striper.layout.stripe_unit";
    static final String XATTR_STRIPE_COUNT = "striper.layout.stripe_count";
    static final String XATTR_OBJECT_SIZE = "striper.layout.object_size";
    static final String XATTR_SIZE = "striper.size";
    /** RADOS_LOCK_NAME. */
    static final String LOCK_NAME = "striper.lock";
    /** The tag openStripedObjectForRead/Write give the shared lock. */
    static final String SHARED_TAG = "Tag";
    /** cls_lock keeps a lock in the xattr {@code lock.NAME}; getxattrs hides it as libradosstriper does. */
    static final String LOCK_XATTR = "lock." + LOCK_NAME;

    static final int ENOENT = 2;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ECANCELED = 125;

    /** How often a write retries create-then-lock when another client removes the object in between. */
    private static final int OPEN_ATTEMPTS = 3;

    private final IoCtx io;
    private final StripeLayout layout;
    private final int maxInFlight;

    public RadosStriperImpl(IoCtx io, StripeLayout layout, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one piece in flight: " + maxInFlight);
        }
        this.io = io;
        this.layout = layout;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public IoCtx ioCtx() {
        return io;
    }

    @Override
    public StripeLayout layout() {
        return layout;
    }

    @Override
    public RadosStriper withLayout(StripeLayout l) {
        return new RadosStriperImpl(io, l, maxInFlight);
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public RadosStriper withMaxInFlight(int pieces) {
        return new RadosStriperImpl(io, layout, pieces);
    }

    static String first(String soid) {
        return StripeLayout.objectName(soid, 0);
    }

    static int errno(Throwable t) {
        return Rados.unwrap(t).errno();
    }

    private <T> CompletableFuture<T> fail(int errno, String soid, String what) {
        return CompletableFuture.failedFuture(new RadosException(errno, io.pool(), io.namespace(), soid, what));
    }

    private static ByteBuffer text(long v) {
        return ByteBuffer.wrap(Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The object's layout and size as its first object's xattrs hold them. */
    record Stored(StripeLayout layout, long size) {
    }

    /** An opened striped object: its stored layout, its size before this operation, the lock cookie held. */
    record Open(StripeLayout layout, long size, String cookie) {
    }

    // ------------------------------------------------------------------ open / lock

    private CompletableFuture<Void> lockFirst(String soid, LockType type, String cookie) {
        WriteOp op = new WriteOp();
        op.assertExists();
        op.lock(LOCK_NAME, type, cookie, type == LockType.SHARED ? SHARED_TAG : "", "", null, 0);
        return io.operate(first(soid), op).toCompletableFuture().thenApply(r -> null);
    }

    private CompletableFuture<Void> unlock(String soid, String cookie) {
        // the result is ignored, as libradosstriper ignores it: there is nothing to do about it
        return io.unlock(first(soid), LOCK_NAME, cookie).toCompletableFuture().handle((r, t) -> null);
    }

    /** {@code internal_get_layout_and_size}: the four xattrs, each a decimal string; ENOENT when one is missing, EINVAL when unreadable. */
    private CompletableFuture<Stored> stored(String soid) {
        return io.getXattrs(first(soid)).toCompletableFuture().thenCompose(x -> {
            try {
                long su = number(x, XATTR_STRIPE_UNIT);
                long sc = number(x, XATTR_STRIPE_COUNT);
                long os = number(x, XATTR_OBJECT_SIZE);
                long size = number(x, XATTR_SIZE);
                return CompletableFuture.completedFuture(new Stored(new StripeLayout((int) su, (int) sc, (int) os), size));
            } catch (Missing e) {
                return fail(ENOENT, soid, soid + ": no " + e.getMessage());
            } catch (IllegalArgumentException e) {
                return fail(EINVAL, soid, soid + ": " + e.getMessage());
            }
        });
    }

    private static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String name) {
            super(name, null, false, false);
        }
    }

    private static long number(SortedMap<String, ByteBuffer> x, String name) throws Missing {
        ByteBuffer v = x.get(name);
        if (v == null) {
            throw new Missing(name);
        }
        return parse(name, v);
    }

    static long parse(String name, ByteBuffer v) {
        byte[] b = new byte[v.remaining()];
        v.duplicate().get(b);
        String s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a size: " + s);
        }
    }

    /** {@code createAndOpenStripedObject}: the first object made with this striper's layout and the size, EEXIST being fine; then opened. */
    private CompletableFuture<Open> createAndOpen(String soid, long size, boolean absolute, int attempts) {
        WriteOp op = new WriteOp();
        op.create(true);
        op.setXattr(XATTR_OBJECT_SIZE, text(layout.objectSize()));
        op.setXattr(XATTR_STRIPE_UNIT, text(layout.stripeUnit()));
        op.setXattr(XATTR_STRIPE_COUNT, text(layout.stripeCount()));
        op.setXattr(XATTR_SIZE, text(absolute ? size : 0));
        return io.operate(first(soid), op).toCompletableFuture().handle((r, t) -> t == null || errno(t) == EEXIST ? null : t)
                .thenCompose(t -> t != null ? CompletableFuture.<Open>failedFuture(t) : openForWrite(soid, size, absolute, attempts - 1));
    }

    /**
     * {@code openStripedObjectForWrite}: the shared lock (creating the object when it does not exist),
     * then the size raised to {@code size} (or by it, when not {@code absolute}) unless it is larger
     * already (cmpxattr u64 GT; ECANCELED means "larger already").
     */
    private CompletableFuture<Open> openForWrite(String soid, long size, boolean absolute, int attempts) {
        String cookie = java.util.UUID.randomUUID().toString();
        return lockFirst(soid, LockType.SHARED, cookie).handle((r, t) -> t).thenCompose(t -> {
            if (t != null) {
                if (errno(t) == ENOENT && attempts > 0) {
                    // created now: its size before this write is 0
                    return createAndOpen(soid, size, absolute, attempts).thenApply(o -> new Open(o.layout(), 0, o.cookie()));
                }
                return CompletableFuture.failedFuture(t);
            }
            return unlockOnFailure(soid, cookie, stored(soid).thenCompose(s -> {
                long newSize = absolute ? size : size + s.size();
                return raiseSize(soid, newSize).thenApply(v -> new Open(s.layout(), s.size(), cookie));
            }));
        });
    }

    /** The size xattr set to {@code newSize} unless it is larger already. */
    CompletableFuture<Void> raiseSize(String soid, long newSize) {
        WriteOp raise = new WriteOp();
        raise.cmpXattr(XATTR_SIZE, OsdOp.CEPH_OSD_CMPXATTR_OP_GT, newSize);
        raise.setXattr(XATTR_SIZE, text(newSize));
        return io.operate(first(soid), raise).toCompletableFuture().handle((r, t) -> t == null || errno(t) == ECANCELED ? null : t)
                .thenCompose(RadosStriperImpl::rethrow);
    }

    static CompletableFuture<Void> rethrow(Throwable t) {
        return t == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(t);
    }

    /** {@code stage}, the lock released when it fails. */
    private <T> CompletableFuture<T> unlockOnFailure(String soid, String cookie, CompletableFuture<T> stage) {
        return stage.handle((v, t) -> t).thenCompose(t -> t == null ? stage : unlock(soid, cookie).thenCompose(x -> CompletableFuture.<T>failedFuture(t)));
    }

    /** {@code stage}, then the lock released whatever it ended with; the stage's outcome stays. */
    private <T> CompletableFuture<T> thenUnlock(String soid, String cookie, CompletableFuture<T> stage) {
        return stage.handle((v, t) -> t).thenCompose(t -> unlock(soid, cookie).thenCompose(x -> stage));
    }

    /** {@code openStripedObjectForRead}: the shared lock on an existing object, then its layout and size. */
    private CompletableFuture<Open> openForRead(String soid) {
        String cookie = java.util.UUID.randomUUID().toString();
        return lockFirst(soid, LockType.SHARED, cookie)
                .thenCompose(v -> unlockOnFailure(soid, cookie, stored(soid).thenApply(s -> new Open(s.layout(), s.size(), cookie))));
    }

    // ------------------------------------------------------------------ data

    @Override
    public CompletionStage<Void> write(String soid, ByteBuffer data, long offset) {
        if (offset < 0) {
            return fail(EINVAL, soid, soid + ": negative offset");
        }
        ByteBuffer d = data.duplicate();
        return createAndOpen(soid, offset + d.remaining(), true, OPEN_ATTEMPTS)
                .thenCompose(o -> thenUnlock(soid, o.cookie(), writeExtents(soid, o.layout(), d, offset)));
    }

    @Override
    public CompletionStage<Void> append(String soid, ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        return openForWrite(soid, d.remaining(), false, OPEN_ATTEMPTS)
                .thenCompose(o -> thenUnlock(soid, o.cookie(), writeExtents(soid, o.layout(), d, o.size())));
    }

    @Override
    public CompletionStage<Void> writeFull(String soid, ByteBuffer data) {
        return truncateIfExists(soid).thenCompose(v -> write(soid, data, 0));
    }

    private CompletableFuture<Void> truncateIfExists(String soid) {
        return truncate(soid, 0).toCompletableFuture().handle((v, t) -> t == null || errno(t) == ENOENT ? null : t)
                .thenCompose(RadosStriperImpl::rethrow);
    }

    /** {@code internal_aio_write}: one write per object, all in flight together. */
    private CompletableFuture<Void> writeExtents(String soid, StripeLayout l, ByteBuffer data, long offset) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (ObjectExtent ex : l.fileToExtents(offset, data.remaining())) {
            ByteBuffer piece = gather(data, ex);
            writes.add(io.write(StripeLayout.objectName(soid, ex.objectNo()), piece, ex.offset()).toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]));
    }

    /** The bytes of {@code data} that go to one object, in object order: a slice when they are contiguous. */
    static ByteBuffer gather(ByteBuffer data, ObjectExtent ex) {
        int base = data.position();
        if (ex.bufferExtents().size() == 1) {
            ObjectExtent.BufferExtent b = ex.bufferExtents().get(0);
            return data.duplicate().position(base + (int) b.offset()).limit(base + (int) (b.offset() + b.length())).slice();
        }
        ByteBuffer out = ByteBuffer.allocate((int) ex.length());
        for (ObjectExtent.BufferExtent b : ex.bufferExtents()) {
            out.put(data.duplicate().position(base + (int) b.offset()).limit(base + (int) (b.offset() + b.length())));
        }
        return out.flip();
    }

    @Override
    public CompletionStage<ByteBuffer> read(String soid, long offset, int length) {
        if (offset < 0 || length < 0) {
            return fail(EINVAL, soid, soid + ": negative offset or length");
        }
        return openForRead(soid).thenCompose(o -> thenUnlock(soid, o.cookie(), readRange(soid, o, offset, length)));
    }

    private CompletableFuture<ByteBuffer> readRange(String soid, Open o, long offset, int length) {
        int n = offset >= o.size() ? 0 : (int) Math.min(length, o.size() - offset);
        byte[] out = new byte[n];
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (ObjectExtent ex : o.layout().fileToExtents(offset, n)) {
            reads.add(readPiece(soid, ex).thenAccept(got -> {
                try (got) {
                    scatter(got.data(), ex, out);
                }
            }));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> ByteBuffer.wrap(out));
    }

    /**
     * One object's extent, in the buffer it was received in (close it once copied out); a missing
     * object reads as nothing (a sparse striped object), as rados_req_read_complete takes ENOENT.
     */
    CompletableFuture<LeasedBytes> readPiece(String soid, ObjectExtent ex) {
        return io.readLeased(StripeLayout.objectName(soid, ex.objectNo()), ex.offset(), ex.length()).toCompletableFuture()
                .handle((b, t) -> t == null ? CompletableFuture.completedFuture(b)
                        : errno(t) == ENOENT ? CompletableFuture.completedFuture(LeasedBytes.of(ByteBuffer.allocate(0)))
                        : CompletableFuture.<LeasedBytes>failedFuture(t))
                .thenCompose(f -> f);
    }

    /** An object's bytes into the caller's buffer; what the object lacks stays zero. */
    static void scatter(ByteBuffer got, ObjectExtent ex, byte[] out) {
        ByteBuffer g = got.duplicate();
        for (ObjectExtent.BufferExtent b : ex.bufferExtents()) {
            int take = (int) Math.min(b.length(), g.remaining());
            g.get(out, (int) b.offset(), take);
        }
    }

    // ------------------------------------------------------------------ stat / remove / truncate

    @Override
    public CompletionStage<ObjectStat> stat(String soid) {
        ReadOp op = new ReadOp();
        OpSlot<ObjectStat> st = op.stat();
        OpSlot<ByteBuffer> size = op.getXattr(XATTR_SIZE);
        return io.operate(first(soid), op).toCompletableFuture().thenCompose(r -> {
            try {
                return CompletableFuture.completedFuture(new ObjectStat(parse(XATTR_SIZE, size.get()), st.get().mtime()));
            } catch (IllegalArgumentException e) {
                return fail(EINVAL, soid, soid + ": " + e.getMessage());
            }
        });
    }

    @Override
    public CompletionStage<Void> remove(String soid) {
        String cookie = java.util.UUID.randomUUID().toString();
        return lockFirst(soid, LockType.EXCLUSIVE, cookie).thenCompose(v -> unlockOnFailure(soid, cookie, pieceCount(soid)
                .thenCompose(n -> {
                    // the others first, in reverse order, then the first (and its lock with it): removal done means all gone
                    List<CompletableFuture<Void>> rms = new ArrayList<>();
                    for (long i = n - 1; i >= 1; i--) {
                        rms.add(removeIfExists(StripeLayout.objectName(soid, i)));
                    }
                    return CompletableFuture.allOf(rms.toArray(new CompletableFuture<?>[0]));
                })
                .thenCompose(v2 -> io.remove(first(soid)).toCompletableFuture())));
    }

    /**
     * The pieces to remove: counted from the size and the stored layout (libradosstriper counts with
     * its own layout, which is the same for objects written with the default one); without a size
     * xattr, by probing the objects in turn until one is missing, as it does.
     */
    private CompletableFuture<Long> pieceCount(String soid) {
        return stored(soid).thenApply(s -> s.layout().objectCount(s.size())).handle((n, t) -> t == null ? CompletableFuture.completedFuture(n)
                : probe(soid, 0)).thenCompose(f -> f);
    }

    private CompletableFuture<Long> probe(String soid, long from) {
        return io.stat(StripeLayout.objectName(soid, from)).toCompletableFuture().handle((s, t) -> t == null)
                .thenCompose(exists -> exists ? probe(soid, from + 1) : CompletableFuture.completedFuture(from));
    }

    private CompletableFuture<Void> removeIfExists(String oid) {
        return io.remove(oid).toCompletableFuture().handle((v, t) -> t == null || errno(t) == ENOENT ? null : t).thenCompose(RadosStriperImpl::rethrow);
    }

    @Override
    public CompletionStage<Void> truncate(String soid, long size) {
        if (size < 0) {
            return fail(EINVAL, soid, soid + ": negative size");
        }
        String cookie = java.util.UUID.randomUUID().toString();
        return lockFirst(soid, LockType.EXCLUSIVE, cookie).thenCompose(v -> thenUnlock(soid, cookie, stored(soid).thenCompose(s -> {
            if (size < s.size()) {
                return shrink(soid, s, size).thenCompose(x -> io.setXattr(first(soid), XATTR_SIZE, text(size)).toCompletableFuture());
            } else if (size > s.size()) {
                // sparse objects: growing is the size xattr alone
                return io.setXattr(first(soid), XATTR_SIZE, text(size)).toCompletableFuture();
            }
            return CompletableFuture.<Void>completedFuture(null);
        })));
    }

    /**
     * {@code RadosStriperImpl::truncate}: objects of the object sets past the new end removed, those of
     * the set the new end falls in truncated to their share (removed when that is nothing, the first
     * object always kept), starting from the last object the old size reached.
     */
    private CompletableFuture<Void> shrink(String soid, Stored s, long size) {
        StripeLayout l = s.layout();
        long sc = l.stripeCount();
        long truncSet = size / l.objectSize() / sc;
        long lastSet = s.size() / l.objectSize() / sc;
        List<CompletableFuture<Void>> ops = new ArrayList<>();
        boolean exists = false;
        for (long objectNo = (lastSet + 1) * sc - 1; objectNo >= (truncSet + 1) * sc; objectNo--) {
            exists = exists || s.size() > (objectNo / sc) * l.period() + (objectNo % sc) * l.stripeUnit();
            if (exists) {
                ops.add(removeIfExists(StripeLayout.objectName(soid, objectNo)));
            }
        }
        for (long objectNo = (truncSet + 1) * sc - 1; objectNo >= truncSet * sc; objectNo--) {
            exists = exists || s.size() > (objectNo / sc) * l.objectSize() + (objectNo % sc) * l.stripeUnit();
            if (exists) {
                long newSize = l.objectTruncateSize(objectNo, size);
                String oid = StripeLayout.objectName(soid, objectNo);
                ops.add(newSize > 0 || objectNo == 0 ? io.truncate(oid, newSize).toCompletableFuture() : removeIfExists(oid));
            }
        }
        return CompletableFuture.allOf(ops.toArray(new CompletableFuture<?>[0]));
    }

    // ------------------------------------------------------------------ xattrs (on the first object)

    @Override
    public CompletionStage<ByteBuffer> getXattr(String soid, String name) {
        return io.getXattr(first(soid), name);
    }

    @Override
    public CompletionStage<Void> setXattr(String soid, String name, ByteBuffer value) {
        return io.setXattr(first(soid), name, value);
    }

    @Override
    public CompletionStage<Void> rmXattr(String soid, String name) {
        return io.rmXattr(first(soid), name);
    }

    @Override
    public CompletionStage<SortedMap<String, ByteBuffer>> getXattrs(String soid) {
        return io.getXattrs(first(soid)).thenApply(x -> {
            SortedMap<String, ByteBuffer> user = new TreeMap<>(x);
            for (String own : List.of(XATTR_STRIPE_UNIT, XATTR_STRIPE_COUNT, XATTR_OBJECT_SIZE, XATTR_SIZE, LOCK_XATTR)) {
                user.remove(own);
            }
            return user;
        });
    }

    // ------------------------------------------------------------------ streaming

    @Override
    public long upload(String soid, InputStream src) throws RadosException, IOException, InterruptedException {
        Rados.await(truncateIfExists(soid));
        Open o = Rados.await(createAndOpen(soid, 0, true, OPEN_ATTEMPTS));
        try {
            return new StripedUpload(this, soid, o.layout(), maxInFlight).run(src);
        } finally {
            Rados.await(unlock(soid, o.cookie()));
        }
    }

    @Override
    public long download(String soid, OutputStream dst) throws RadosException, IOException, InterruptedException {
        Open o = Rados.await(openForRead(soid));
        try {
            return new StripedDownload(this, soid, o.layout(), o.size(), maxInFlight).run(dst);
        } finally {
            Rados.await(unlock(soid, o.cookie()));
        }
    }
}
