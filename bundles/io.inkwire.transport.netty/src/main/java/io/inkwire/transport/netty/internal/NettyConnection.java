package io.inkwire.transport.netty.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.protocol.ProtocolListener;
import io.inkwire.protocol.ProtocolV2;
import io.inkwire.protocol.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One socket: a Netty handler that hands the engine exactly the bytes it asks for, and the
 * {@link Connection} the application holds. Everything touching the engine runs on the channel's
 * event loop; {@link #send} from another thread hops onto it.
 */
public final class NettyConnection extends ByteToMessageDecoder implements Connection, ProtocolListener {

    private static final System.Logger LOG = System.getLogger(NettyConnection.class.getName());

    private final NettyMessenger messenger;
    private final ProtocolV2 engine;
    private final CompletableFuture<Connection> readyFuture;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> waitingForReady = new ArrayList<>();
    private final List<CompletableFuture<Long>> keepalives = new ArrayList<>();
    private volatile ConnectionInfo info;
    private Channel channel;
    private ChannelFuture lastWrite;
    private ScheduledFuture<?> handshakeTimer;

    private NettyConnection(NettyMessenger messenger, EntityAddr target, EntityType peerType, CompletableFuture<Connection> ready) {
        this.messenger = messenger;
        this.readyFuture = ready;
        Transport socket = new SocketTransport();
        this.engine = target == null ? ProtocolV2.acceptor(messenger.core(), socket, this)
                : ProtocolV2.connector(messenger.core(), socket, this, target, peerType);
    }

    static NettyConnection connector(NettyMessenger m, EntityAddr target, EntityType peerType, CompletableFuture<Connection> ready) {
        return new NettyConnection(m, target, peerType, ready);
    }

    static NettyConnection acceptor(NettyMessenger m) {
        return new NettyConnection(m, null, null, new CompletableFuture<>());
    }

    void attach(Channel ch) {
        this.channel = ch;
        ch.pipeline().addLast("inkwire-msgr2", this);
    }

    // ------------------------------------------------------------ Netty side

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        messenger.register(this);
        long timeout = messenger.handshakeTimeoutMillis();
        handshakeTimer = ctx.executor().schedule(() -> {
            if (!engine.isReady() && !engine.isClosed()) {
                engine.onTransportClosed(new ProtocolException("handshake with " + channel.remoteAddress() + " did not complete within "
                        + timeout + " ms"));
            }
        }, timeout, TimeUnit.MILLISECONDS);
        engine.start();
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!engine.isClosed() && in.readableBytes() >= engine.bytesWanted()) {
            // a copy the engine may keep: message payloads outlive the cumulation buffer
            byte[] chunk = new byte[engine.bytesWanted()];
            in.readBytes(chunk);
            engine.onBytes(ByteBuffer.wrap(chunk));
        }
        if (engine.isClosed()) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        engine.onTransportClosed(null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        engine.onTransportClosed(cause instanceof IOException ? cause : new IOException(cause.toString(), cause));
    }

    /** The engine's view of the socket. */
    private final class SocketTransport implements Transport {
        @Override
        public void write(ByteBuffer[] buffers) {
            lastWrite = channel.write(Unpooled.wrappedBuffer(buffers));
        }

        @Override
        public void flush() {
            channel.flush();
        }

        @Override
        public void close() {
            channel.close();
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) channel.localAddress();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) channel.remoteAddress();
        }
    }

    // ------------------------------------------------------------ ProtocolListener (engine → application)

    @Override
    public void onReady(ConnectionInfo i) {
        this.info = i;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "connection ready: " + i.summary());
        messenger.core().config().dispatcher().onReady(this);
        readyFuture.complete(this);
        for (CompletableFuture<Void> f : waitingForReady) {
            f.complete(null);
        }
        waitingForReady.clear();
    }

    @Override
    public void onMessage(RawMessage message) {
        messenger.core().config().dispatcher().onMessage(this, message);
    }

    @Override
    public void onKeepaliveAck(long stampSec, int stampNsec) {
        long now = System.nanoTime();
        if (!keepalives.isEmpty()) {
            keepalives.remove(0).complete(now);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        messenger.unregister(this);
        Throwable c = cause != null ? cause : new ClosedChannelException();
        readyFuture.completeExceptionally(c);
        waitingForReady.forEach(f -> f.completeExceptionally(c));
        waitingForReady.clear();
        keepalives.forEach(f -> f.completeExceptionally(c));
        keepalives.clear();
        if (info != null || cause != null) {
            messenger.core().config().dispatcher().onClosed(this, cause);
        }
        if (cause == null) {
            closeFuture.complete(null);
        } else {
            closeFuture.completeExceptionally(cause);
        }
    }

    // ------------------------------------------------------------ Connection (application → engine)

    @Override
    public Optional<ConnectionInfo> info() {
        return Optional.ofNullable(info);
    }

    @Override
    public CompletionStage<Void> send(RawMessage message) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        onLoop(() -> {
            if (engine.isClosed()) {
                f.completeExceptionally(new ClosedChannelException());
                return;
            }
            boolean ready = engine.isReady();
            engine.send(message);
            if (!ready) {
                waitingForReady.add(f);
            } else if (lastWrite != null) {
                lastWrite.addListener(w -> {
                    if (w.isSuccess()) {
                        f.complete(null);
                    } else {
                        f.completeExceptionally(w.cause());
                    }
                });
            } else {
                f.complete(null);
            }
        });
        return f;
    }

    @Override
    public CompletionStage<Long> keepalive() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        long start = System.nanoTime();
        onLoop(() -> {
            if (!engine.isReady()) {
                f.completeExceptionally(new IllegalStateException("connection not ready"));
                return;
            }
            keepalives.add(f);
            engine.sendKeepalive();
        });
        return f.thenApply(end -> end - start);
    }

    @Override
    public void close() {
        onLoop(engine::close);
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public boolean isOpen() {
        return !engine.isClosed() && channel != null && channel.isActive();
    }

    private void onLoop(Runnable r) {
        if (channel == null) {
            r.run();
        } else if (channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    @Override
    public String toString() {
        return "NettyConnection{" + (info != null ? info.summary() : "handshaking") + "}";
    }
}
