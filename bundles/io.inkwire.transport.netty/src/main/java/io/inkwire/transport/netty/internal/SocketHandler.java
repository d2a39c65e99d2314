package io.inkwire.transport.netty.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.protocol.ProtocolEngine;
import io.inkwire.protocol.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One socket: hands its engine (msgr2 or msgr1, it does not matter here) exactly the bytes it asks
 * for, and is the engine's {@link Transport}. Per socket it owns the handshake timer, the keepalive
 * / dead-peer timer, the reservation against the messenger's dispatch throttle, and the fault
 * injector's cuts. Every call into the engine holds the engine's lock, the session it serves (which
 * may outlive the socket); what the engine raised for the application runs after that lock is
 * released ({@link DispatchQueue}).
 *
 * <p>Receiving: the engine is handed each chunk it asks for (a preamble, a frame's remainder) in
 * the buffer it gives for it ({@link ProtocolEngine#receiveBuffer()}: a message's payload in a
 * pooled array the message returns on its last release, everything else in one array the engine
 * reuses): Netty's read buffers are copied into it once, as they arrive, and released at once — no
 * cumulation buffer, however large the frame; a large crc-mode payload is read into its direct
 * buffer by the socket itself ({@link PayloadReadAllocator}). Sending: frames are copied into pooled
 * native pieces, except a lossy session's large direct payloads, which go as they are
 * ({@link #writeReferencing}); writes are gathered and flushed once per read batch or drain
 * ({@link FlushConsolidationHandler}).
 */
final class SocketHandler extends ChannelInboundHandlerAdapter implements Transport {

    /** Flushes that may be held back while a read batch is processed before one is forced through. */
    private static final int FLUSHES_PER_BATCH = 256;
    /**
     * Largest native buffer one write takes. Measured on the 4 MiB run: 1 MiB pieces kept emptying
     * and freeing Netty's 4 MiB pool chunks (each new one zeroed and faulted in), 32 KiB pieces cost
     * more per byte; 256 KiB pieces stay in warm chunks.
     */
    static final int WRITE_PIECE = 256 << 10;
    /**
     * Bytes written but not yet taken by the socket above which the engine stops encoding messages
     * ({@link #writable()}), and below which it resumes. Messages wait in the session's queue as the
     * application gave them instead of as native copies: a fast sender of large messages then
     * cycles a few megabytes of pooled buffers that stay mapped and warm, rather than growing and
     * shrinking Netty's pool (fresh pages to fault in and zero for every message) — the 4 MiB stall
     * of issue 8. The kernel's socket buffer keeps the wire busy while the next frame is encoded.
     */
    static final int WRITE_HIGH_WATER = 2 << 20;
    /** The least of a payload still to come for a socket read to go straight into its buffer (a smaller rest is copied). */
    static final int DIRECT_READ_MIN = 16 << 10;
    /** The least size of a direct buffer the socket writes as it is rather than copying ({@link #writeReferencing}). */
    static final int REFERENCE_MIN = 64 << 10;
    static final int WRITE_LOW_WATER = 512 << 10;

    private static final System.Logger LOG = System.getLogger(SocketHandler.class.getName());

    private final NettyMessenger messenger;
    private final Timeouts timeouts;
    private ProtocolEngine engine;
    private Channel channel;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> keepaliveTimer;
    private final Runnable writeWaitingTask = this::writeWaiting;
    /** The futures of messages written from the event loop, oldest first ({@link #write(ByteBuffer[], CompletableFuture)}). */
    private final ArrayDeque<CompletableFuture<Void>> writtenInOrder = new ArrayDeque<>();
    /** How many of {@link #writtenInOrder}, the newest, no marker covers yet: the next {@link #flush()} writes one. */
    private int unmarked;
    private long lastReadNanos = System.nanoTime();
    /** The last message read or written, or keepalive the application asked for (ms_connection_idle_timeout). */
    private volatile long lastActiveNanos = System.nanoTime();
    /** The engine's buffer for the chunk it asked for, being filled up to its limit; null between chunks. */
    private ByteBuffer chunk;
    /**
     * The buffer over {@link #chunk} socket reads are offered ({@link #payloadReadTarget()}): one per
     * chunk, not per read (a 4 MiB payload takes dozens), unreleasable, its indices set before each
     * read; {@link #chunkTargetOf} is the chunk it wraps, from {@link #chunkTargetBase} on.
     */
    private ByteBuf chunkTarget;
    private ByteBuffer chunkTargetOf;
    private int chunkTargetBase;
    /** Bytes read but not yet consumed while the throttle pauses us (retained; rarely more than one read). */
    private ByteBuf stash;
    /** Bytes of the MESSAGE being read that the dispatch throttle granted us; released once it was dispatched. */
    private long reserved;
    private boolean paused;
    private boolean handshakeDone;

    SocketHandler(NettyMessenger messenger) {
        this.messenger = messenger;
        this.timeouts = messenger.timeouts();
    }

    void engine(ProtocolEngine e) {
        this.engine = e;
    }

    ProtocolEngine engine() {
        return engine;
    }

    Channel channel() {
        return channel;
    }

    void attach(Channel ch) {
        this.channel = ch;
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(WRITE_LOW_WATER, WRITE_HIGH_WATER));
        ch.config().setRecvByteBufAllocator(new PayloadReadAllocator(ch.config().getRecvByteBufAllocator(), this));
        ch.pipeline().addLast("inkwire-flush", new FlushConsolidationHandler(FLUSHES_PER_BATCH, true));
        ch.pipeline().addLast("inkwire-" + engine.protocol(), this);
    }

    // ------------------------------------------------------------ Netty side

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        this.ctx = c;
    }

    @Override
    public void channelActive(ChannelHandlerContext c) throws Exception {
        long timeout = timeouts.handshakeMillis();
        handshakeTimer = c.executor().schedule(() -> {
            // the connection's own handshake, which for a msgr1 monitor session includes MAuth after the engine's READY
            if (!handshakeDone && !engine.isClosed()) {
                onEngine(() -> engine.onTransportClosed(new ProtocolException("handshake with " + channel.remoteAddress() + " did not complete within "
                        + timeout + " ms")));
            }
        }, timeout, TimeUnit.MILLISECONDS);
        if (timeouts.keepaliveMillis() > 0) {
            keepaliveTimer = c.executor().scheduleWithFixedDelay(this::tick, timeouts.keepaliveMillis(), timeouts.keepaliveMillis(),
                    TimeUnit.MILLISECONDS);
        }
        onEngine(engine::start);
        super.channelActive(c);
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        lastReadNanos = System.nanoTime();
        if (messenger.faults().cutOnRead()) {
            in.release();
            channel.close();
            return;
        }
        if (stash != null) {
            in = stash(in);
            if (paused) {
                return;
            }
            stash = null;
        }
        try {
            feed(in);
        } finally {
            if (in.isReadable() && paused && !engine.isClosed()) {
                stash = in; // resumed later; keeps our reference
            } else {
                in.release();
            }
        }
        ProtocolEngine e = engine;
        synchronized (lock()) {
            e.ackIfNeeded();
        }
        afterEngine(null);
    }

    /** Appends {@code in} to the bytes held while paused. */
    private ByteBuf stash(ByteBuf in) {
        CompositeByteBuf all;
        if (stash instanceof CompositeByteBuf cb) {
            all = cb;
        } else {
            all = channel.alloc().compositeBuffer(Integer.MAX_VALUE);
            all.addComponent(true, stash);
        }
        all.addComponent(true, in);
        stash = all;
        return all;
    }

    /** Hands the engine every chunk {@code in} completes; stops early when the throttle pauses reading. */
    private void feed(ByteBuf in) {
        while (!engine.isClosed() && !paused && in.isReadable()) {
            if (chunk == null) {
                long ahead = engine.messageBytesAhead();
                if (ahead > 0) {
                    lastActiveNanos = System.nanoTime(); // a message's payload is coming
                }
                if (ahead > 0 && reserved == 0) {
                    // ms_dispatch_throttle_bytes: a message's bytes are reserved before they are read; none left → stop reading
                    if (!messenger.throttle().tryAcquire(ahead)) {
                        pause();
                        return;
                    }
                    reserved = ahead;
                }
                synchronized (lock()) {
                    chunk = engine.receiveBuffer();
                }
            }
            int n = Math.min(chunk.remaining(), in.readableBytes());
            if (in == chunkTarget) {
                // the socket read straight into the chunk: its bytes are in place already
                chunk.position(chunk.position() + n);
                in.skipBytes(n);
                messenger.countReadIntoPayload(n);
            } else {
                int limit = chunk.limit();
                chunk.limit(chunk.position() + n);
                in.readBytes(chunk);
                chunk.limit(limit);
            }
            if (chunk.hasRemaining()) {
                return; // the rest comes with later reads
            }
            ByteBuffer full = chunk.flip();
            chunk = null;
            chunkTarget = null;
            chunkTargetOf = null;
            Object before = listenerOf(engine);
            synchronized (lock()) {
                engine.onBytes(full);
            }
            afterEngine(before);
            if (reserved > 0 && engine.messageBytesAhead() == 0) {
                // the message was dispatched (on this thread): its bytes are the dispatcher's no longer
                messenger.throttle().release(reserved);
                reserved = 0;
            }
        }
    }

    /**
     * For {@link PayloadReadAllocator}, on the event loop before each socket read: a buffer over the
     * rest of the chunk being filled when that chunk is a direct payload buffer with at least
     * {@link #DIRECT_READ_MIN} bytes to go and nothing read earlier waits to be fed first; else null.
     * The buffer does not own the memory, and releasing it does nothing: Netty releases what it read
     * into after each read, and the same buffer serves every read of the chunk.
     */
    ByteBuf payloadReadTarget() {
        ByteBuffer c = chunk;
        if (c == null || !c.isDirect() || c.remaining() < DIRECT_READ_MIN || stash != null || paused) {
            return null;
        }
        if (chunkTargetOf != c) {
            chunkTargetOf = c;
            chunkTargetBase = c.position();
            chunkTarget = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(c.slice(chunkTargetBase, c.remaining())));
        }
        int filled = c.position() - chunkTargetBase;
        return chunkTarget.setIndex(filled, filled); // the read lands after what earlier reads filled
    }

    private void pause() {
        paused = true;
        channel.config().setAutoRead(false);
        messenger.throttle().await(() -> channel.eventLoop().execute(this::resume));
    }

    private void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        channel.config().setAutoRead(true);
        if (channel.isActive() && stash != null) {
            ByteBuf held = stash;
            stash = null;
            channelRead(ctx, held); // decode what was read while paused
        }
    }

    /** Keepalive on an interval; a peer silent for longer than the dead timeout is a fault. */
    private void tick() {
        if (!engine.isReady()) {
            return;
        }
        long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReadNanos);
        if (timeouts.deadMillis() > 0 && silentMs >= timeouts.deadMillis()) {
            onEngine(() -> engine.onTransportClosed(new ProtocolException("peer " + channel.remoteAddress() + " silent for " + silentMs
                    + " ms (inkwire_connection_dead_timeout " + timeouts.deadMillis() + " ms): connection declared dead")));
            return;
        }
        long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActiveNanos);
        if (timeouts.idleMillis() > 0 && idleMs >= timeouts.idleMillis() && engine.session().isLossy()) {
            // Ceph closes a connection idle this long; a lossy session ends with it (a lossless one would only reconnect)
            onEngine(() -> engine.onTransportClosed(new java.net.SocketTimeoutException("no message to or from " + channel.remoteAddress() + " for "
                    + idleMs + " ms (ms_connection_idle_timeout " + timeouts.idleMillis() + " ms): idle connection closed")));
            return;
        }
        onEngine(engine::sendKeepalive);
    }

    /** Counts as activity for {@code ms_connection_idle_timeout} (a keepalive the application asked for). */
    void markActive() {
        lastActiveNanos = System.nanoTime();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) throws Exception {
        cancelTimers();
        releaseReservation();
        if (stash != null) {
            stash.release();
            stash = null;
        }
        ByteBuffer unfinished = chunk;
        chunk = null;
        chunkTarget = null;
        chunkTargetOf = null;
        failUnmarked();
        onEngine(() -> {
            if (unfinished != null) {
                engine.discardReceiveBuffer(unfinished);
            }
            engine.onTransportClosed(null);
        });
        super.channelInactive(c);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        onEngine(() -> engine.onTransportClosed(cause instanceof IOException ? cause : new IOException(cause.toString(), cause)));
    }

    private void cancelTimers() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
    }

    private void releaseReservation() {
        if (reserved > 0) {
            messenger.throttle().release(reserved);
            reserved = 0;
        }
        paused = false;
    }

    void handshakeDone() {
        handshakeDone = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
    }

    /** Runs {@code r} with the engine's lock held: its current session (an acceptor may switch sessions inside {@code r}). */
    void onEngine(Runnable r) {
        Object before = listenerOf(engine);
        synchronized (lock()) {
            r.run();
        }
        afterEngine(before);
    }

    /** The engine's lock: the session it serves now. */
    private Object lock() {
        return engine.session();
    }

    private static Object listenerOf(ProtocolEngine e) {
        return e.session().listener();
    }

    /**
     * With the lock released: runs what the engine raised for the application, for the session it
     * serves now and for {@code before}, the one it served before the call (an acceptor may have
     * moved to a session it resumed).
     */
    private void afterEngine(Object before) {
        Object now = listenerOf(engine);
        if (before != null && before != now && before instanceof NettyConnection b) {
            b.deliverEvents();
        }
        if (now instanceof NettyConnection c) {
            c.deliverEvents();
        }
    }

    // ------------------------------------------------------------ Transport (engine → socket)

    @Override
    public void write(ByteBuffer[] buffers) {
        write(buffers, null);
    }

    /**
     * Copies the buffers, before returning, into pooled direct buffers of at most
     * {@link #WRITE_PIECE} bytes and queues those: the caller may reuse its buffers at once (secure
     * mode seals every frame in one reused array). A socket write needs native memory anyway —
     * Netty would copy a heap buffer into a direct one here all the same — so this is the one copy
     * between the engine's buffers and the kernel; the pieces leave in one gathering write per flush,
     * and a large frame never needs a frame-sized native allocation.
     */
    @Override
    public void write(ByteBuffer[] buffers, CompletableFuture<Void> written) {
        write(buffers, written, null);
    }

    /**
     * As {@link #write(ByteBuffer[], CompletableFuture)}, but a direct buffer of at least
     * {@link #REFERENCE_MIN} bytes (a message's payload the application holds in native memory) goes
     * to the socket as it is, in order between the copied pieces: no copy but the kernel's.
     * {@code released} runs once Netty let go of every buffer referenced so (written, or failed).
     */
    @Override
    public boolean writeReferencing(ByteBuffer[] buffers, CompletableFuture<Void> written, Runnable released) {
        int referenced = 0;
        for (ByteBuffer b : buffers) {
            referenced += referenceable(b) ? 1 : 0;
        }
        if (referenced == 0) {
            write(buffers, written, null);
            return false;
        }
        write(buffers, written, new Countdown(referenced, released));
        return true;
    }

    private static boolean referenceable(ByteBuffer b) {
        return b.isDirect() && b.remaining() >= REFERENCE_MIN;
    }

    /** Writes runs of copied buffers and, when {@code references} is given, referenced ones between them. */
    private void write(ByteBuffer[] buffers, CompletableFuture<Void> written, Countdown references) {
        if (messenger.faults().cutOnWrite()) {
            channel.close(); // the frame may or may not leave: the peer sees a cut mid-stream
        }
        int from = 0;
        if (references != null) {
            for (int i = 0; i < buffers.length; i++) {
                if (referenceable(buffers[i])) {
                    copyOut(buffers, from, i, null);
                    from = i + 1;
                    messenger.countWrittenInPlace(buffers[i].remaining());
                    send(new Referenced(Unpooled.wrappedBuffer(buffers[i]), references), from == buffers.length ? written : null);
                }
            }
            if (from == buffers.length) {
                return;
            }
        }
        copyOut(buffers, from, buffers.length, written);
    }

    /** Copies {@code buffers[from..to)} into pooled pieces and writes them; the last carries {@code written}. */
    private void copyOut(ByteBuffer[] buffers, int from, int to, CompletableFuture<Void> written) {
        long left = 0;
        for (int k = from; k < to; k++) {
            left += buffers[k].remaining();
        }
        if (left == 0) {
            if (written != null) {
                send(Unpooled.EMPTY_BUFFER, written);
            }
            return;
        }
        ByteBufAllocator alloc = channel.alloc();
        int i = from;
        int done = 0; // bytes of buffers[i] already copied (positions are left as they were: no view per buffer)
        do {
            int piece = (int) Math.min(left, WRITE_PIECE);
            ByteBuf out = alloc.directBuffer(piece, piece);
            while (out.isWritable()) {
                ByteBuffer src = buffers[i];
                int n = Math.min(src.remaining() - done, out.writableBytes());
                int position = src.position();
                int limit = src.limit();
                src.limit(position + done + n).position(position + done);
                out.writeBytes(src);
                src.limit(limit).position(position);
                done += n;
                if (done == src.remaining()) {
                    i++;
                    done = 0;
                }
            }
            left -= piece;
            send(out, left > 0 ? null : written);
        } while (left > 0);
    }

    /** Queues {@code out}; with {@code written}, completes it once the socket took everything up to it. */
    private void send(ByteBuf out, CompletableFuture<Void> written) {
        if (written == null) {
            channel.write(out, channel.voidPromise());
        } else if (channel.eventLoop().inEventLoop()) {
            // Netty completes a channel's writes in the order they were made: the empty marker the
            // next flush writes completes the futures of every message before it, one promise per
            // flush instead of one per message
            writtenInOrder.add(written);
            unmarked++;
            channel.write(out, channel.voidPromise());
        } else {
            channel.write(out).addListener(w -> completeWritten(written, w));
        }
    }

    /** Runs its task when the last of {@code count} referenced buffers of one message was released. */
    private static final class Countdown {
        private final java.util.concurrent.atomic.AtomicInteger left;
        private final Runnable released;

        Countdown(int count, Runnable released) {
            this.left = new java.util.concurrent.atomic.AtomicInteger(count);
            this.released = released;
        }

        void one() {
            if (left.decrementAndGet() == 0) {
                released.run();
            }
        }
    }

    /**
     * A message's own buffer on its way to the socket, as the one component of a composite: Netty
     * releases it once written (or failed), and that counts down. A composite because it takes any
     * buffer Netty wraps a direct {@code ByteBuffer} in, read-only ones included, and leaves
     * nothing but its own deallocation to override.
     */
    private static final class Referenced extends CompositeByteBuf {
        private final Countdown references;

        Referenced(ByteBuf buf, Countdown references) {
            super(buf.alloc(), true, 1, buf);
            this.references = references;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            references.one();
        }
    }

    /**
     * The socket closed: the messages written since the last flush will never be covered by a
     * marker. A lossy session's futures fail, as a failed write's would; a lossless session sends
     * them again on the next socket. (Marked ones were failed by their marker when Netty failed the
     * pending writes, before this.)
     */
    private void failUnmarked() {
        unmarked = 0;
        boolean lossy = engine.session().isLossy();
        for (CompletableFuture<Void> f; (f = writtenInOrder.poll()) != null; ) {
            if (lossy) {
                f.completeExceptionally(new java.nio.channels.ClosedChannelException());
            }
        }
    }

    private void completeWritten(CompletableFuture<Void> written, Future<?> w) {
        if (w.isSuccess()) {
            written.complete(null);
        } else if (engine.session().isLossy()) {
            written.completeExceptionally(w.cause());
        }
        // a failed write of a lossless session's message is sent again after the reconnect;
        // a lossy session fails the future when it closes
    }

    @Override
    public boolean writable() {
        return channel == null || channel.isWritable();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) throws Exception {
        if (channel.isWritable()) {
            // Never in line: Netty raises this inside a write or flush (a write that crosses the high
            // mark makes FlushConsolidationHandler flush, which may drain below the low mark at once),
            // and encoding the next frame there would interleave it with the one being written —
            // and overwrite secure mode's reused frame buffer while it is being copied.
            c.executor().execute(writeWaitingTask);
        }
        super.channelWritabilityChanged(c);
    }

    /** Writes what waited for the socket to drain, from a task of its own. */
    private void writeWaiting() {
        if (channel.isWritable()) {
            onEngine(() -> {
                engine.writeQueued();
                flush();
            });
        }
    }

    @Override
    public void flush() {
        if (channel == null) {
            return;
        }
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::flush); // the marker's count belongs to the event loop
            return;
        }
        if (unmarked > 0) {
            int n = unmarked;
            unmarked = 0;
            channel.write(Unpooled.EMPTY_BUFFER).addListener(w -> {
                for (int i = 0; i < n; i++) {
                    CompletableFuture<Void> f = writtenInOrder.poll();
                    if (f != null) { // null: the socket closed and channelInactive failed them already
                        completeWritten(f, w);
                    }
                }
            });
        }
        channel.flush();
    }

    @Override
    public void close() {
        cancelTimers();
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public String toString() {
        return "SocketHandler{" + channel + "}";
    }

    static void debug(String s) {
        LOG.log(System.Logger.Level.DEBUG, s);
    }
}
