package io.inkwire.api.message;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Ceph message as the messenger moves it: the header fields of {@code ceph_msg_header2} that
 * belong to the message (type, versions, priority, tid, data offset, flags) and its three payload
 * segments front, middle and data. Sequence numbers are the session's business: {@link #seq()} is
 * set on received messages and ignored on sent ones.
 *
 * <p>The payload buffers are read-only views; a message of a type no codec knows is delivered as
 * this raw form, intact.
 *
 * <h2>Who owns the bytes</h2>
 * <ul>
 * <li><b>Sent messages</b>: the messenger reads the caller's buffers and keeps no reference once
 * the send stage has completed; until then the caller must not change them. Nothing is copied to
 * stage a checksum or a seal: frame codecs work on the caller's buffers as they are written.</li>
 * <li><b>Received messages</b> are lent to the dispatcher: their buffers are valid during
 * {@link io.inkwire.api.Dispatcher#onMessage} and, once it returns, go back to the messenger,
 * which may reuse them. A dispatcher that keeps the message, or anything decoded from it that
 * still views its buffers, past the callback calls {@link #retain()} there and {@link #release()}
 * when done; a message built by an application has no owner and both calls only count.</li>
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

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final int type;
    private final int version;
    private final int compatVersion;
    private final int priority;
    private final long tid;
    private final long seq;
    private final int dataOff;
    private final int flags;
    private final ByteBuffer front;
    private final ByteBuffer middle;
    private final ByteBuffer data;
    /** Run once when the last reference is released; null for messages no messenger owns. */
    private final Runnable onRelease;
    private final AtomicInteger refs = new AtomicInteger(1);

    private RawMessage(Builder b) {
        this.type = b.type;
        this.version = b.version;
        this.compatVersion = b.compatVersion == 0 ? b.version : b.compatVersion;
        this.priority = b.priority;
        this.tid = b.tid;
        this.seq = b.seq;
        this.dataOff = b.dataOff;
        this.flags = b.flags;
        this.front = view(b.front);
        this.middle = view(b.middle);
        this.data = view(b.data);
        this.onRelease = b.onRelease;
    }

    private static ByteBuffer view(ByteBuffer b) {
        return b == null ? EMPTY : b.slice().asReadOnlyBuffer();
    }

    public static Builder builder(int type) {
        return new Builder(type);
    }

    /** A builder holding this message's fields. */
    public Builder toBuilder() {
        return new Builder(type).version(version).compatVersion(compatVersion).priority(priority).tid(tid)
                .seq(seq).dataOff(dataOff).flags(flags).front(front).middle(middle).data(data);
    }

    public int type() {
        return type;
    }

    public int version() {
        return version;
    }

    public int compatVersion() {
        return compatVersion;
    }

    public int priority() {
        return priority;
    }

    public long tid() {
        return tid;
    }

    /** The sequence number the sender gave this message in its session (received messages only). */
    public long seq() {
        return seq;
    }

    public int dataOff() {
        return dataOff;
    }

    /** The msgr1 footer flags carried in {@code ceph_msg_header2.flags}. */
    public int flags() {
        return flags;
    }

    /** A fresh read-only view of the front segment. */
    public ByteBuffer front() {
        return front.duplicate();
    }

    public ByteBuffer middle() {
        return middle.duplicate();
    }

    public ByteBuffer data() {
        return data.duplicate();
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
        refs.updateAndGet(n -> {
            if (n <= 0) {
                throw new IllegalStateException("retain of a released message: " + this);
            }
            return n + 1;
        });
        return this;
    }

    /**
     * Drops one reference; the last one returns the buffers to their owner.
     *
     * @return true when this call released the last reference
     * @throws IllegalStateException when the message was already released
     */
    public boolean release() {
        int n = refs.decrementAndGet();
        if (n < 0) {
            refs.incrementAndGet();
            throw new IllegalStateException("release of a released message: " + this);
        }
        if (n == 0 && onRelease != null) {
            onRelease.run();
        }
        return n == 0;
    }

    /** References held: 1 while lent to a dispatcher, more while retained, 0 once released. */
    public int refCount() {
        return refs.get();
    }

    @Override
    public String toString() {
        return "RawMessage{type=" + type + " v" + version + "/" + compatVersion + " tid=" + tid + " seq=" + seq
                + " front=" + frontLength() + " middle=" + middleLength() + " data=" + dataLength() + "}";
    }

    /** Builds a {@link RawMessage}. Priority defaults to {@link #CEPH_MSG_PRIO_DEFAULT}. */
    public static final class Builder {
        private final int type;
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

        private Builder(int type) {
            if (type < 0 || type > 0xffff) {
                throw new IllegalArgumentException("message type out of range: " + type);
            }
            this.type = type;
        }

        public Builder version(int v) {
            this.version = v;
            return this;
        }

        /** 0 means "same as version", as Ceph's {@code Message::encode} does. */
        public Builder compatVersion(int v) {
            this.compatVersion = v;
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
            this.dataOff = d;
            return this;
        }

        public Builder flags(int f) {
            this.flags = f;
            return this;
        }

        public Builder front(ByteBuffer b) {
            this.front = b;
            return this;
        }

        public Builder front(byte[] b) {
            return front(ByteBuffer.wrap(b));
        }

        public Builder middle(ByteBuffer b) {
            this.middle = b;
            return this;
        }

        public Builder data(ByteBuffer b) {
            this.data = b;
            return this;
        }

        public Builder data(byte[] b) {
            return data(ByteBuffer.wrap(b));
        }

        /**
         * For messengers: what returns the buffers to their pool once the last reference is
         * released (see the class comment).
         */
        public Builder onRelease(Runnable r) {
            this.onRelease = r;
            return this;
        }

        public RawMessage build() {
            Objects.checkIndex(priority, 256);
            return new RawMessage(this);
        }
    }
}
