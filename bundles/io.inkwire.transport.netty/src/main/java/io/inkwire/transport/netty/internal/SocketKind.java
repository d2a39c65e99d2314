package io.inkwire.transport.netty.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Which Netty socket implementation a messenger uses: the native epoll transport where its library
 * loads (Linux x86_64: fewer copies and system calls per write, edge-triggered reads), else NIO. The
 * option {@code inkwire_native_transport=false} forces NIO. Every channel of a messenger is of the
 * kind its event loop group was made for.
 */
enum SocketKind {
    EPOLL, NIO;

    /** The kind to use: epoll when {@code allowed} and available, else NIO. */
    static SocketKind choose(boolean allowed) {
        return allowed && EpollProbe.AVAILABLE ? EPOLL : NIO;
    }

    EventLoopGroup newGroup(int threads, ThreadFactory factory) {
        return this == EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Loads the epoll classes only when asked: in OSGi their bundle is an optional import. */
    private static final class EpollProbe {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            try {
                return Epoll.isAvailable();
            } catch (LinkageError e) {
                return false; // the classes or the native library are not there: NIO
            }
        }
    }
}
