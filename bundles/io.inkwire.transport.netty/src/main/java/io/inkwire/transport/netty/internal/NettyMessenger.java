package io.inkwire.transport.netty.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.protocol.MessengerCore;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A messenger on Netty NIO: connections are multiplexed on a small event loop group; each socket's
 * engine runs on its channel's loop.
 */
public final class NettyMessenger implements Messenger {

    private final MessengerCore core;
    private final EventLoopGroup group;
    private final Set<NettyConnection> connections = ConcurrentHashMap.newKeySet();
    private final List<Channel> listeners = new ArrayList<>();
    private volatile boolean closed;

    public NettyMessenger(MessengerConfig config) {
        this.core = new MessengerCore(config);
        int threads = (int) config.options().getLong("ms_async_op_threads", Math.min(3, Runtime.getRuntime().availableProcessors()));
        this.group = new NioEventLoopGroup(Math.max(1, threads), new DefaultThreadFactory("inkwire-" + config.name(), true));
    }

    public MessengerCore core() {
        return core;
    }

    @Override
    public EntityName name() {
        return core.name();
    }

    /** How long a handshake may take ({@code ms_connection_ready_timeout}, Ceph's default 10 s). */
    long handshakeTimeoutMillis() {
        return (long) (core.options().getSeconds("ms_connection_ready_timeout", 10) * 1000);
    }

    @Override
    public CompletionStage<Connection> connect(EntityAddr addr, EntityType peerType) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("messenger closed"));
            return result;
        }
        if (addr.type() != AddrType.MSGR2) {
            result.completeExceptionally(new ProtocolException("cannot connect to " + addr + ": only msgr2 (v2:) addresses are supported by this transport"));
            return result;
        }
        if (addr.isBlank()) {
            result.completeExceptionally(new ProtocolException("cannot connect to a blank address"));
            return result;
        }
        NettyConnection conn = NettyConnection.connector(this, addr, peerType, result);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, handshakeTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        conn.attach(ch);
                    }
                });
        b.connect(addr.socketAddress()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Throwable c = f.cause();
                String why = c instanceof ConnectException ? "connection refused" : String.valueOf(c.getMessage());
                result.completeExceptionally(new ConnectException("cannot connect to " + addr + ": " + why));
            }
        });
        return result;
    }

    @Override
    public CompletionStage<EntityAddrVec> bind(EntityAddrVec addrs) {
        CompletableFuture<EntityAddrVec> result = new CompletableFuture<>();
        List<EntityAddr> bound = new ArrayList<>();
        try {
            for (EntityAddr a : addrs.addrs()) {
                if (a.type() != AddrType.MSGR2) {
                    throw new ProtocolException("cannot bind " + a + ": this transport serves msgr2 (v2:) only");
                }
                ServerBootstrap sb = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                NettyConnection.acceptor(NettyMessenger.this).attach(ch);
                            }
                        });
                Channel ch = sb.bind(a.socketAddress()).syncUninterruptibly().channel();
                synchronized (listeners) {
                    listeners.add(ch);
                }
                InetSocketAddress local = (InetSocketAddress) ch.localAddress();
                bound.add(new EntityAddr(a.type(), core.nonce(), local.getAddress(), local.getPort()));
            }
            EntityAddrVec v = new EntityAddrVec(bound);
            core.setMyAddrs(v);
            result.complete(v);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public EntityAddrVec boundAddrs() {
        return core.myAddrs();
    }

    @Override
    public Optional<AuthClientHandler> authClientHandler(int method) {
        return core.existingClientHandler(method);
    }

    void register(NettyConnection c) {
        connections.add(c);
    }

    void unregister(NettyConnection c) {
        connections.remove(c);
    }

    /** Connections currently open (handshaking or ready). */
    public Set<NettyConnection> connections() {
        return Set.copyOf(connections);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (listeners) {
            listeners.forEach(Channel::close);
        }
        for (NettyConnection c : connections) {
            c.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        core.close();
    }
}
