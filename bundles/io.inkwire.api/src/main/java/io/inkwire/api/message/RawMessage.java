package io.inkwire.api.message;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A Ceph message as the messenger moves it: the header fields of {@code ceph_msg_header2} that
 * belong to the message (type, versions, priority, tid, data offset, flags) and its three payload
 * segments front, middle and data. Sequence numbers are the session's business: {@link #seq()} is
 * set on received messages and ignored on sent ones.
 *
 * <p>{@link #front()}, {@link #middle()} and {@link #data()} hand out read-only views; a message of
 * a type no codec knows is delivered as this raw form, intact.
 *
 * <h2>Who owns the bytes</h2>
 * A message is reference-counted: it is created holding one reference, {@link #retain()} adds one,
 * {@link #release()} drops one, and when the last is dropped the buffers go back to their owner.
 * <ul>
 * <li><b>Received messages</b> are lent to the dispatcher: their segments are views of a pooled
 * receive buffer, valid during {@link io.inkwire.api.Dispatcher#onMessage}; the messenger releases
 * the message once the callback returned, and the buffer is then reused for another message. So a
 * dispatcher that only reads the message in its callback, decodes it, or answers it, does nothing
 * special. A dispatcher that keeps the message, or anything that still views its buffers (a
 * decoded message's views, a {@code ByteBuffer} from {@link #data()}), past the callback calls
 * {@link #retain()} in the callback and {@link #release()} when it is done; or it keeps a
 * {@link #copy()}. Using a message's buffers after its last release reads another message's bytes.
 * A retained message that is never released is not lost: its buffer is left to the garbage
 * collector instead of going back to the pool (the application may hand bytes to code that cannot
 * release them that way, at the cost of the pooling).</li>
 * <li><b>Sent messages</b>: {@link io.inkwire.api.Connection#send} retains the message for as long
 * as the messenger needs its buffers — until it was written (lossy sessions) or acknowledged by the
 * peer (lossless sessions, which may send it again after a reconnect) — and releases it then; the
 * caller must not change the buffers meanwhile. Nothing is copied to stage a checksum or a seal:
 * frame codecs read the caller's buffers as they are given ({@link #segments}), so a writable heap
 * buffer is checksummed in place.</li>
 * <li><b>Messages built from another's buffers</b>: {@link #toBuilder()} builds a message that
 * shares the reference count of the message it came from (retaining or releasing either counts for
 * both), so an answer built with it — or a received message sent on as it is — keeps the received
 * buffers alive until the messenger has written it. A message built with {@link #builder(int)}
 * from views of a received message does not; retain the received one for as long as the new one
 * is in flight, or build with {@link #toBuilder()}.</li>
 * <li>A message built by an application has no owner: its count starts at 1, nobody needs to
 * release it, and retain/release only count.</li>
 * </ul>
 */
public final class RawMessage {

    /** {@code CEPH_MSG_PRIO_LOW}. */
    public static final int CEPH_MSG_PRIO_LOW = 64;
    /** {@code CEPH_MSG_PRIO_DEFAULT}. */
    public static final int CEPH_MSG_PRIO_DEFAULT = 127;
    /** {@code CEPH_MSG_PRIO_HIGH}. */
    public static final int CEPH_MSG_PRIO_HIGH = 196;
    /** {@code CEPH_MSG_PRIO_HIGHEST}. */
    public static final int CEPH_MSG_PRIO_HIGHEST = 255;

    /** Every empty segment: nothing can be read from it or written to it, so one instance serves all. */
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final AtomicIntegerFieldUpdater<RawMessage> REFS = AtomicIntegerFieldUpdater.newUpdater(RawMessage.class, "refs");

    // The header fields at their width on the wire (u16, flags u8), read back unsigned: a message
    // object is 64 bytes instead of 80, and every message sent or received makes one.
    private final short type;
    private final short version;
    private final short compatVersion;
    private final short priority;
    private final long tid;
    private final long seq;
    private final short dataOff;
    private final byte flags;
    /** The segments as given (one slice each, writable when the caller's buffer was): read, never written. */
    private final ByteBuffer front;
    private final ByteBuffer middle;
    private final ByteBuffer data;
    /** Run once when the last reference is released; null for messages no messenger owns. */
    private final Runnable onRelease;
    /** The message whose count this one shares ({@link #toBuilder()}); {@code this} for a message of its own. */
    private final RawMessage counted;
    /** References held, on {@link #counted} (updated through {@link #REFS}). */
    private volatile int refs = 1;

    /**
     * Scalars, not the builder: the JIT may not inline this constructor, and a builder passed to it
     * would then escape and be allocated. The builder takes its views as the segments are set, so
     * that {@link Builder#build()} stays small enough to be inlined where it is called, and a
     * message built in one expression allocates no builder (escape analysis replaces it).
     */
    private RawMessage(int type, int version, int compatVersion, int priority, long tid, long seq, int dataOff, int flags,
                       ByteBuffer front, ByteBuffer middle, ByteBuffer data, Runnable onRelease, RawMessage sharing) {
        this.type = (short) type;
        this.version = (short) version;
        this.compatVersion = (short) (compatVersion == 0 ? version : compatVersion);
        this.priority = (short) priority;
        this.tid = tid;
        this.seq = seq;
        this.dataOff = (short) dataOff;
        this.flags = (byte) flags;
        this.front = front;
        this.middle = middle;
        this.data = data;
        this.onRelease = onRelease;
        this.counted = onRelease == null && sharing != null ? sharing.counted : this;
    }

    /** A segment as the builder holds it (already a view, or given): the shared empty buffer for none. */
    private static ByteBuffer orEmpty(ByteBuffer b) {
        return b == null || !b.hasRemaining() ? EMPTY : b;
    }

    /** What a builder keeps of a segment it is given: a view of its remaining bytes, or the buffer itself ({@code asGiven}). */
    private static ByteBuffer view(ByteBuffer b, boolean asGiven) {
        return b == null || !b.hasRemaining() ? EMPTY : asGiven ? b : b.slice();
    }

    public static Builder builder(int type) {
        return new Builder(type);
    }

    /**
     * A builder holding this message's fields and buffers. What it builds shares this message's
     * reference count (unless given an {@link Builder#onRelease} of its own): while either is
     * retained, this message's buffers stay valid (see the class comment).
     */
    public Builder toBuilder() {
        Builder b = new Builder(type()).version(version()).compatVersion(compatVersion()).priority(priority()).tid(tid)
                .seq(seq).dataOff(dataOff()).flags(flags());
        // this message's own buffers, not views of them: nothing moves their positions or writes to them
        b.front = front;
        b.middle = middle;
        b.data = data;
        b.sharing = this;
        return b;
    }

    /**
     * A message with the same fields and its own heap copies of the segments, owned by nobody: what a
     * dispatcher keeps when it would rather not retain the received message.
     */
    public RawMessage copy() {
        return new Builder(type()).version(version()).compatVersion(compatVersion()).priority(priority()).tid(tid).seq(seq)
                .dataOff(dataOff()).flags(flags()).front(copyOf(front)).middle(copyOf(middle)).data(copyOf(data)).build();
    }

    private static ByteBuffer copyOf(ByteBuffer b) {
        if (!b.hasRemaining()) {
            return null;
        }
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return ByteBuffer.wrap(a);
    }

    public int type() {
        return type & 0xffff;
    }

    public int version() {
        return version & 0xffff;
    }

    public int compatVersion() {
        return compatVersion & 0xffff;
    }

    public int priority() {
        return priority & 0xffff;
    }

    public long tid() {
        return tid;
    }

    /** The sequence number the sender gave this message in its session (received messages only). */
    public long seq() {
        return seq;
    }

    public int dataOff() {
        return dataOff & 0xffff;
    }

    /** The msgr1 footer flags carried in {@code ceph_msg_header2.flags}. */
    public int flags() {
        return flags & 0xff;
    }

    /** A fresh read-only view of the front segment (see the class comment for how long it is valid). */
    public ByteBuffer front() {
        return readOnly(front);
    }

    /** A fresh read-only view of the middle segment. */
    public ByteBuffer middle() {
        return readOnly(middle);
    }

    /** A fresh read-only view of the data segment (see the class comment for how long it is valid). */
    public ByteBuffer data() {
        return readOnly(data);
    }

    private static ByteBuffer readOnly(ByteBuffer b) {
        return b == EMPTY ? EMPTY : b.asReadOnlyBuffer();
    }

    /**
     * For messengers and frame codecs: puts front, middle and data as this message holds them in
     * {@code out[offset]}, {@code out[offset + 1]} and {@code out[offset + 2]}, allocating nothing.
     * Unlike {@link #front()} these are not read-only views: a checksum or a cipher reads their
     * arrays in place (the JDK copies a read-only heap buffer before it can checksum it). They are
     * this message's own buffers: read them through duplicates, never write to them, never move
     * their position or limit.
     */
    public void segments(ByteBuffer[] out, int offset) {
        out[offset] = front;
        out[offset + 1] = middle;
        out[offset + 2] = data;
    }

    public int frontLength() {
        return front.remaining();
    }

    public int middleLength() {
        return middle.remaining();
    }

    public int dataLength() {
        return data.remaining();
    }

    /**
     * Keeps this message's buffers valid past the dispatcher callback, until a matching
     * {@link #release()}.
     *
     * @throws IllegalStateException when the message was already released
     */
    public RawMessage retain() {
        RawMessage c = counted;
        for (int n = c.refs; ; n = c.refs) {
            if (n <= 0) {
                throw new IllegalStateException("retain of a released message: " + this);
            }
            if (REFS.compareAndSet(c, n, n + 1)) {
                return this;
            }
        }
    }

    /**
     * Drops one reference; the last one returns the buffers to their owner.
     *
     * @return true when this call released the last reference
     * @throws IllegalStateException when the message was already released
     */
    public boolean release() {
        RawMessage c = counted;
        for (int n = c.refs; ; n = c.refs) {
            if (n <= 0) {
                throw new IllegalStateException("release of a released message: " + this);
            }
            if (REFS.compareAndSet(c, n, n - 1)) {
                if (n == 1 && c.onRelease != null) {
                    c.onRelease.run();
                }
                return n == 1;
            }
        }
    }

    /**
     * References held: 1 while lent to a dispatcher, more while retained or in flight, 0 once
     * released (shared with the message this one was built from by {@link #toBuilder()}).
     */
    public int refCount() {
        return counted.refs;
    }

    @Override
    public String toString() {
        return "RawMessage{type=" + type() + " v" + version() + "/" + compatVersion() + " tid=" + tid + " seq=" + seq
                + " front=" + frontLength() + " middle=" + middleLength() + " data=" + dataLength() + "}";
    }

    /** Builds a {@link RawMessage}. Priority defaults to {@link #CEPH_MSG_PRIO_DEFAULT}. */
    public static final class Builder {
        private int type;
        private int version = 1;
        private int compatVersion;
        private int priority = CEPH_MSG_PRIO_DEFAULT;
        private long tid;
        private long seq;
        private int dataOff;
        private int flags;
        private ByteBuffer front;
        private ByteBuffer middle;
        private ByteBuffer data;
        private Runnable onRelease;
        /** {@link #segmentsAsGiven()}: keep the caller's buffers instead of a slice of each. The segments are views (or given) as set. */
        private boolean asGiven;
        /** Set by {@link RawMessage#toBuilder()}: the message whose count the built one shares. */
        private RawMessage sharing;

        private Builder(int type) {
            this.type = checkType(type);
        }

        private static int checkType(int type) {
            return checkU16("message type", type);
        }

        /** The header's u16 fields: a value the wire cannot carry fails here, not as a truncated field on the wire. */
        private static int checkU16(String what, int v) {
            return checkUnsigned(what, v, 0xffff);
        }

        private static int checkUnsigned(String what, int v, int max) {
            if (v < 0 || v > max) {
                throw new IllegalArgumentException(what + " out of range (0-" + max + "): " + v);
            }
            return v;
        }

        /** Another message type (an answer built with {@link RawMessage#toBuilder()}, say). */
        public Builder type(int t) {
            this.type = checkType(t);
            return this;
        }

        public Builder version(int v) {
            this.version = checkU16("version", v);
            return this;
        }

        /** 0 means "same as version", as Ceph's {@code Message::encode} does. */
        public Builder compatVersion(int v) {
            this.compatVersion = checkU16("compat version", v);
            return this;
        }

        public Builder priority(int p) {
            this.priority = p;
            return this;
        }

        public Builder tid(long t) {
            this.tid = t;
            return this;
        }

        public Builder seq(long s) {
            this.seq = s;
            return this;
        }

        public Builder dataOff(int d) {
            this.dataOff = checkU16("data offset", d);
            return this;
        }

        public Builder flags(int f) {
            this.flags = checkUnsigned("message flags", f, 0xff);
            return this;
        }

        public Builder front(ByteBuffer b) {
            this.front = view(b, asGiven);
            return this;
        }

        public Builder front(byte[] b) {
            return front(ByteBuffer.wrap(b));
        }

        public Builder middle(ByteBuffer b) {
            this.middle = view(b, asGiven);
            return this;
        }

        public Builder data(ByteBuffer b) {
            this.data = view(b, asGiven);
            return this;
        }

        public Builder data(byte[] b) {
            return data(ByteBuffer.wrap(b));
        }

        /**
         * For messengers: what returns the buffers to their pool once the last reference is
         * released (see the class comment). A message given one has a count of its own.
         */
        public Builder onRelease(Runnable r) {
            this.onRelease = r;
            return this;
        }

        /**
         * For messengers: the message keeps front, middle and data set after this call as given
         * instead of taking a slice of each, saving a view per segment on every message received.
         * The caller hands the buffers over: nothing may move their positions or limits, or write to
         * them, afterwards.
         */
        public Builder segmentsAsGiven() {
            this.asGiven = true;
            return this;
        }

        public RawMessage build() {
            Objects.checkIndex(priority, 256);
            return new RawMessage(type, version, compatVersion, priority, tid, seq, dataOff, flags, orEmpty(front),
                    orEmpty(middle), orEmpty(data), onRelease, sharing);
        }
    }
}
