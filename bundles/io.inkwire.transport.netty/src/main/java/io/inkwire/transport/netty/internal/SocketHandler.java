package io.inkwire.transport.netty.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.protocol.ProtocolEngine;
import io.inkwire.protocol.ProtocolV2;
import io.inkwire.protocol.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One socket: hands its engine (msgr2 or msgr1) exactly the bytes it asks for, and is the engine's
 * {@link Transport}. Per socket it owns the handshake timer, the keepalive / dead-peer timer, the
 * reservation against the messenger's dispatch throttle, and the fault injector's cuts. Every call
 * into the engine holds the engine's lock: a msgr2 engine's session (which outlives the socket),
 * a msgr1 engine itself (its session is the socket's).
 */
final class SocketHandler extends ByteToMessageDecoder implements Transport {

    private static final System.Logger LOG = System.getLogger(SocketHandler.class.getName());

    private final NettyMessenger messenger;
    private final Timeouts timeouts;
    private ProtocolEngine engine;
    private Channel channel;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> keepaliveTimer;
    private long lastReadNanos = System.nanoTime();
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
        ch.pipeline().addLast(engine instanceof ProtocolV2 ? "inkwire-msgr2" : "inkwire-msgr1", this);
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
    public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
        lastReadNanos = System.nanoTime();
        if (messenger.faults().cutOnRead()) {
            ((ByteBuf) msg).release();
            channel.close();
            return;
        }
        super.channelRead(c, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext c, ByteBuf in, List<Object> out) {
        while (!engine.isClosed() && !paused && in.readableBytes() >= engine.bytesWanted()) {
            long ahead = engine.messageBytesAhead();
            if (ahead > 0 && reserved == 0) {
                // ms_dispatch_throttle_bytes: a message's bytes are reserved before they are read; none left → stop reading
                if (!messenger.throttle().tryAcquire(ahead)) {
                    pause();
                    break;
                }
                reserved = ahead;
            }
            // a copy the engine may keep: message payloads outlive the cumulation buffer
            byte[] chunk = new byte[engine.bytesWanted()];
            in.readBytes(chunk);
            onEngine(() -> engine.onBytes(ByteBuffer.wrap(chunk)));
            if (reserved > 0 && engine.messageBytesAhead() == 0) {
                // the message was dispatched (on this thread): its bytes are the dispatcher's no longer
                messenger.throttle().release(reserved);
                reserved = 0;
            }
        }
        if (engine.isClosed()) {
            in.skipBytes(in.readableBytes());
        } else {
            onEngine(engine::ackIfNeeded);
        }
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
        if (channel.isActive()) {
            try {
                channelRead(ctx, Unpooled.EMPTY_BUFFER); // decode what waits in the cumulation buffer
            } catch (Exception e) {
                exceptionCaught(ctx, e);
            }
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
        onEngine(engine::sendKeepalive);
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) throws Exception {
        cancelTimers();
        releaseReservation();
        onEngine(() -> engine.onTransportClosed(null));
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

    /**
     * Runs {@code r} with the engine's lock held: a msgr2 engine's current session (an acceptor may
     * switch sessions inside {@code r}), a msgr1 engine itself.
     */
    void onEngine(Runnable r) {
        Object lock = engine instanceof ProtocolV2 v2 ? v2.session() : engine;
        synchronized (lock) {
            r.run();
        }
    }

    // ------------------------------------------------------------ Transport (engine → socket)

    @Override
    public void write(ByteBuffer[] buffers) {
        if (messenger.faults().cutOnWrite()) {
            channel.close(); // the frame may or may not leave: the peer sees a cut mid-stream
        }
        channel.write(Unpooled.wrappedBuffer(buffers), channel.voidPromise());
    }

    @Override
    public void write(ByteBuffer[] buffers, CompletableFuture<Void> written) {
        if (messenger.faults().cutOnWrite()) {
            channel.close();
        }
        if (written == null) {
            channel.write(Unpooled.wrappedBuffer(buffers), channel.voidPromise());
            return;
        }
        channel.write(Unpooled.wrappedBuffer(buffers)).addListener(w -> {
            if (w.isSuccess()) {
                written.complete(null);
            } else if (!(engine instanceof ProtocolV2 v2) || v2.session().isLossy()) {
                written.completeExceptionally(w.cause());
            }
            // a failed write of a lossless session's message is sent again after the reconnect;
            // a lossy session fails the future when it closes
        });
    }

    @Override
    public void flush() {
        if (channel != null) {
            channel.flush();
        }
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
