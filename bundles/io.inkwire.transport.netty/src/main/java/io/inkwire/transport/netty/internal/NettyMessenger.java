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
import io.inkwire.protocol.AddressPolicy;
import io.inkwire.protocol.MessengerCore;
import io.inkwire.protocol.ProtocolEngine;
import io.inkwire.protocol.Session;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A messenger on Netty (native epoll where it loads, NIO otherwise; {@link SocketKind}): connections
 * are multiplexed on a small event loop group; each socket's engine runs on its channel's loop. A
 * {@code v2:} address is spoken with msgr2 (lossy or lossless), a {@code v1:} address with msgr1
 * (lossy): the protocol engine picks by address ({@link ProtocolEngine#connector},
 * {@link ProtocolEngine#acceptor}); the application holds a {@link NettyConnection} either way. An
 * acceptor listens on each address of its bound vector with that address's protocol — as in Ceph,
 * v1 and v2 have their own ports — expanding protocol-less addresses as
 * {@code ms_bind_msgr1}/{@code ms_bind_msgr2}/{@code ms_bind_ipv4}/{@code ms_bind_ipv6} say
 * ({@link AddressPolicy#bindable}).
 */
public final class NettyMessenger implements Messenger {

    private final MessengerCore core;
    private final EventLoopGroup group;
    /** epoll or NIO: the group's kind, which every channel of this messenger must match. */
    private final SocketKind sockets;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final List<Channel> listeners = new ArrayList<>();
    private final Timeouts timeouts;
    private final FaultInjector faults;
    private final DispatchThrottle throttle;
    private volatile boolean closed;

    private final java.util.concurrent.atomic.LongAdder bytesReadIntoPayloads = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder bytesWrittenInPlace = new java.util.concurrent.atomic.LongAdder();

    public NettyMessenger(MessengerConfig config) {
        this.core = new MessengerCore(config);
        int threads = (int) config.options().getLong("ms_async_op_threads", Math.min(3, Runtime.getRuntime().availableProcessors()));
        this.sockets = SocketKind.choose(config.options().getBoolean("inkwire_native_transport", true));
        this.group = sockets.newGroup(Math.max(1, threads), new DefaultThreadFactory("inkwire-" + config.name(), true));
        this.timeouts = Timeouts.from(config.options());
        this.faults = new FaultInjector(config.options());
        this.throttle = new DispatchThrottle(config.options().getLong("ms_dispatch_throttle_bytes", 100L << 20));
    }

    Timeouts timeouts() {
        return timeouts;
    }

    FaultInjector faults() {
        return faults;
    }

    DispatchThrottle throttle() {
        return throttle;
    }

    /** The socket implementation in use: {@code epoll} (native) or {@code nio}. */
    public String socketKind() {
        return sockets.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Sockets cut by the fault injector ({@code ms_inject_socket_failures}) so far. */
    public long injectedFaults() {
        return faults.cuts();
    }

    /** Payload bytes the sockets read straight into message buffers, with no copy of their own ({@link PayloadReadAllocator}). */
    public long bytesReadIntoPayloads() {
        return bytesReadIntoPayloads.sum();
    }

    void countReadIntoPayload(int n) {
        bytesReadIntoPayloads.add(n);
    }

    /** Payload bytes the sockets wrote from the application's own direct buffers, with no copy ({@code writeReferencing}). */
    public long bytesWrittenInPlace() {
        return bytesWrittenInPlace.sum();
    }

    void countWrittenInPlace(int n) {
        bytesWrittenInPlace.add(n);
    }

    /** The most message bytes held at once under {@code ms_dispatch_throttle_bytes}. */
    public long dispatchThrottlePeak() {
        return throttle.peak();
    }

    /** Accepted lossless sessions kept for their peers to resume. */
    public int resumableSessions() {
        return core.sessions().size();
    }

    /** The socket handler behind an engine. */
    Optional<SocketHandler> handlerOf(ProtocolEngine e) {
        return e != null && e.transport() instanceof SocketHandler h ? Optional.of(h) : Optional.empty();
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
        return timeouts.handshakeMillis();
    }

    @Override
    public CompletionStage<Connection> connect(EntityAddr addr, EntityType peerType) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("messenger closed"));
            return result;
        }
        if (addr.type() != AddrType.MSGR2 && addr.type() != AddrType.LEGACY) {
            result.completeExceptionally(new ProtocolException("cannot connect to " + addr + ": give a v2: (msgr2) or v1: (msgr1) address"));
            return result;
        }
        if (addr.isBlank()) {
            result.completeExceptionally(new ProtocolException("cannot connect to a blank address"));
            return result;
        }
        NettyConnection[] made = new NettyConnection[1];
        Session s = core.sessions().dial(core, addr, peerType, () -> {
            made[0] = NettyConnection.connector(this, addr, peerType, group.next(), result);
            return made[0].session();
        });
        if (made[0] == null && s.listener() instanceof NettyConnection existing) {
            // one lossless session per peer, as Ceph's connect_to: the one we or the peer opened already
            existing.readyFuture().whenComplete((c, t) -> {
                if (t != null) {
                    result.completeExceptionally(t);
                } else {
                    result.complete(c);
                }
            });
            return result;
        }
        NettyConnection conn = made[0];
        register(conn);
        conn.home().execute(conn::dial);
        return result;
    }

    /**
     * Where to dial for {@code addr}: its own socket address, unless {@code inkwire_dial_redirect}
     * ({@code ip:port=ip:port,...}) sends it elsewhere — through a port forward or a test proxy —
     * while the session still names {@code addr} as its target (CLIENT_IDENT's target_addr).
     */
    InetSocketAddress socketFor(EntityAddr addr) {
        for (String pair : core.options().getList("inkwire_dial_redirect")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            InetSocketAddress from = hostPort(pair.substring(0, eq));
            if (from.getPort() == addr.port() && from.getAddress() != null && from.getAddress().equals(addr.ip())) {
                return hostPort(pair.substring(eq + 1));
            }
        }
        return addr.socketAddress();
    }

    private static InetSocketAddress hostPort(String s) {
        int colon = s.lastIndexOf(':');
        return new InetSocketAddress(s.substring(0, colon).trim(), Integer.parseInt(s.substring(colon + 1).trim()));
    }

    /** Opens one socket for {@code conn}, on its home loop (all its sockets share one I/O thread). */
    void dial(NettyConnection conn, SocketHandler h) {
        openSocket(conn.session().target(), conn.home(), h, cause -> conn.dialFailed(h, cause));
    }

    /** Dials {@code addr} on {@code loop} with {@code h} as the socket's handler; {@code failed} hears why a dial failed. */
    private void openSocket(EntityAddr addr, EventLoop loop, SocketHandler h, Consumer<Throwable> failed) {
        Bootstrap b = new Bootstrap().group(loop).channel(sockets.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, handshakeTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        h.attach(ch);
                    }
                });
        b.connect(socketFor(addr)).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Throwable c = f.cause();
                String why = c instanceof ConnectException ? "connection refused" : String.valueOf(c.getMessage());
                failed.accept(new ConnectException("cannot connect to " + addr + ": " + why));
            }
        });
    }

    @Override
    public CompletionStage<EntityAddrVec> bind(EntityAddrVec addrs) {
        CompletableFuture<EntityAddrVec> result = new CompletableFuture<>();
        List<EntityAddr> bound = new ArrayList<>();
        try {
            for (EntityAddr a : AddressPolicy.bindable(core.options(), addrs).addrs()) {
                AddrType listening = a.type();
                ServerBootstrap sb = new ServerBootstrap().group(group).channel(sockets.serverChannel())
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                NettyConnection.acceptor(NettyMessenger.this, ch.eventLoop(), listening).attach(ch);
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

    void register(Connection c) {
        connections.add(c);
    }

    void unregister(Connection c) {
        connections.remove(c);
    }

    /** Connections currently open (handshaking or ready), msgr2 and msgr1. */
    public Set<Connection> connections() {
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
        for (Connection c : connections) {
            c.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        core.close();
    }
}
