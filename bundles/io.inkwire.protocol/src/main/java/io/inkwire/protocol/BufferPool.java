package io.inkwire.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap arrays received message payloads are read into, reused: an engine takes one per message
 * ({@link #take}), the message it builds holds the {@link Lease}, and the message's last
 * {@link io.inkwire.api.message.RawMessage#release()} gives the array back. A reused array is
 * neither allocated nor zeroed again — at 4 MiB a fresh array per message cost the JVM a 4 MiB
 * clear and the GC its churn.
 *
 * <p>Sizes are rounded up to size classes four to a power of two (at most 25 % over), so that
 * payloads of slightly different lengths share arrays. The pool keeps at most
 * {@code maxRetainedBytes} of free arrays (more are dropped on release) and pools arrays up to
 * {@link #MAX_POOLED_LENGTH}; larger ones are allocated per message. A lease that is never released
 * costs nothing but the reuse: its array is garbage like any other once unreachable.
 *
 * <p>{@link #takeDirect} leases native buffers instead, for payloads a socket reads into straight
 * from the kernel (crc mode's large messages: a heap array would cost a copy from the transport's
 * native read buffer); they are pooled the same way, under the same budget, on lists of their own.
 *
 * <p>Thread-safe: arrays are taken on I/O threads and given back wherever the last reference is
 * dropped.
 */
public final class BufferPool {

    /** The option bounding the free arrays a messenger keeps ({@value}), 0 to pool nothing. */
    public static final String RETAINED_OPTION = "inkwire_receive_pool_bytes";
    /** The default of {@link #RETAINED_OPTION}: 64 MiB. */
    public static final long DEFAULT_RETAINED = 64L << 20;
    /** Arrays above this are not pooled. */
    public static final int MAX_POOLED_LENGTH = 64 << 20;
    private static final int MIN_CLASS = 64;
    /** Leases not yet released, over every pool of this class loader (diagnostics and leak checks in tests). */
    private static final AtomicLong OUTSTANDING = new AtomicLong();

    private final long maxRetained;
    /** Free leases per size class; index from {@link #classIndex}. Guarded by {@code this}. */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Lease>[] free = new ArrayDeque[4 * 32];
    /** The same for direct buffers ({@link #takeDirect}). */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Lease>[] freeDirect = new ArrayDeque[4 * 32];
    private long retained;
    private long taken;
    private long reused;
    private final AtomicLong outstanding = new AtomicLong();

    public BufferPool(long maxRetainedBytes) {
        this.maxRetained = Math.max(0, maxRetainedBytes);
    }

    /** Leases taken from any pool and not yet released. */
    public static long outstandingEverywhere() {
        return OUTSTANDING.get();
    }

    /**
     * A writable heap buffer of exactly {@code length} bytes (position 0, limit {@code length}), with
     * an accessible array; its bytes are whatever the array held before.
     */
    public Lease take(int length) {
        return take(length, false);
    }

    /**
     * A direct buffer of exactly {@code length} bytes (position 0, limit {@code length}, no array),
     * at most {@link #MAX_POOLED_LENGTH}; its bytes are whatever it held before.
     */
    public Lease takeDirect(int length) {
        if (length > MAX_POOLED_LENGTH) {
            throw new IllegalArgumentException("direct receive buffers are pooled up to " + MAX_POOLED_LENGTH + " bytes, not " + length);
        }
        return take(length, true);
    }

    private Lease take(int length, boolean direct) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        int size = length > MAX_POOLED_LENGTH ? length : classSize(length);
        Lease s = null;
        if (size <= MAX_POOLED_LENGTH) {
            synchronized (this) {
                taken++;
                ArrayDeque<Lease> q = (direct ? freeDirect : free)[classIndex(size)];
                s = q == null ? null : q.pollFirst();
                if (s != null) {
                    retained -= s.capacity;
                    reused++;
                }
            }
        }
        if (s == null) {
            s = new Lease(this, direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.wrap(new byte[size]));
        } else {
            s.released = 0;
        }
        s.buffer.clear().limit(length);
        outstanding.incrementAndGet();
        OUTSTANDING.incrementAndGet();
        return s;
    }

    private void giveBack(Lease s) {
        outstanding.decrementAndGet();
        OUTSTANDING.decrementAndGet();
        int size = s.capacity;
        if (size > MAX_POOLED_LENGTH) {
            return;
        }
        synchronized (this) {
            if (retained + size > maxRetained) {
                return; // the pool is full: the array is left to the garbage collector
            }
            int i = classIndex(size);
            ArrayDeque<Lease>[] lists = s.buffer.isDirect() ? freeDirect : free;
            ArrayDeque<Lease> q = lists[i];
            if (q == null) {
                q = lists[i] = new ArrayDeque<>();
            }
            q.addFirst(s); // most recently used first: its memory is the warmest
            retained += size;
        }
    }

    /** Leases of this pool not yet released. */
    public long outstanding() {
        return outstanding.get();
    }

    /** Bytes of free arrays kept for reuse. */
    public synchronized long retainedBytes() {
        return retained;
    }

    /** Arrays asked for, and how many of them were reused rather than allocated. */
    public synchronized long[] takenAndReused() {
        return new long[] {taken, reused};
    }

    /** {@code length} rounded up to its size class: a multiple of a quarter of the power of two below it. */
    static int classSize(int length) {
        if (length <= MIN_CLASS) {
            return MIN_CLASS;
        }
        int step = Integer.highestOneBit(length - 1) >>> 2;
        long size = ((long) length + step - 1) / step * step;
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    /** Four classes per power of two: (log2 of the power, quarter). */
    private static int classIndex(int size) {
        int hb = Integer.highestOneBit(size - 1);
        int quarter = (int) ((long) size / (hb >>> 2)) - 5; // size is 5..8 quarters of hb
        return 4 * Integer.numberOfTrailingZeros(hb) + quarter;
    }

    @Override
    public String toString() {
        long[] tr = takenAndReused();
        return "BufferPool{outstanding=" + outstanding() + ", retained=" + retainedBytes() + " B, taken=" + tr[0] + ", reused=" + tr[1] + "}";
    }

    /**
     * One use of a pooled array, released once: by the message that holds it ({@link #run()} is
     * its {@code onRelease}) or by the engine when no message was built from it. The lease is the
     * pooled entry itself — the array, the buffer over it (repositioned per use) and its
     * pool — so taking a pooled array allocates nothing. A second release of one use is caught;
     * a release after the array was taken again cannot be told from the new user's, which is why
     * only a message's last reference (counted, and refused past zero) or the engine that took the
     * lease releases it.
     */
    public static final class Lease implements Runnable {
        private static final AtomicIntegerFieldUpdater<Lease> RELEASED = AtomicIntegerFieldUpdater.newUpdater(Lease.class, "released");

        private final BufferPool pool;
        private final ByteBuffer buffer;
        private final int capacity;
        /** 0 while in use, 1 once released (reset by {@link BufferPool#take} when reused). */
        private volatile int released;

        private Lease(BufferPool pool, ByteBuffer buffer) {
            this.pool = pool;
            this.buffer = buffer;
            this.capacity = buffer.capacity();
        }

        /** The leased bytes: a writable buffer (heap, or direct from {@link #takeDirect}), position 0, limit the length asked for. */
        public ByteBuffer buffer() {
            return buffer;
        }

        /** Gives the array back to the pool. */
        public void release() {
            if (!RELEASED.compareAndSet(this, 0, 1)) {
                throw new IllegalStateException("buffer lease released twice");
            }
            pool.giveBack(this);
        }

        /** {@link #release()}, as a message's {@code onRelease}. */
        @Override
        public void run() {
            release();
        }
    }
}
