package io.inkwire.transport.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 whose current connections can be made mute: bytes still arrive from
 * both ends but are swallowed, so each side sees a peer that completed its handshake and then fell
 * silent, with the socket still open. Connections made after {@link #mute()} pass bytes again.
 * It notes when it last passed bytes to the client of each connection, so a test can tell how
 * long the client has heard nothing.
 */
final class MuteProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    private static final class Pair {
        final Socket a;
        final Socket b;
        volatile boolean muted;
        /** When bytes last left for {@code a} (the dialing side), taken before the write: its last read is no earlier. */
        volatile long lastToDialerNanos = System.nanoTime();

        Pair(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }
    }

    MuteProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "mute-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** When the {@code i}-th connection (from 0, in accept order) last passed bytes to its dialer ({@link System#nanoTime()}). */
    long lastToDialerNanos(int i) {
        return pairs.get(i).lastToDialerNanos;
    }

    /** Every connection open now swallows what it gets from here on. */
    void mute() {
        pairs.forEach(p -> p.muted = true);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(target.getAddress(), target.getPort());
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                Pair p = new Pair(in, out);
                pairs.add(p);
                copy(p, in, out);
                copy(p, out, in);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void copy(Pair p, Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 << 10];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                for (int n; (n = i.read(buf)) >= 0; ) {
                    if (!p.muted) {
                        if (to == p.a) {
                            p.lastToDialerNanos = System.nanoTime();
                        }
                        o.write(buf, 0, n);
                        o.flush();
                    }
                }
            } catch (IOException e) {
                // one side went away: the other follows
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "mute-proxy-copy");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pair p : pairs) {
            closeQuietly(p.a);
            closeQuietly(p.b);
        }
    }
}
