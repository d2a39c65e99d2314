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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that holds every byte until {@link #open()}: connections are accepted
 * (and made to the target) at once, so a test knows a peer has dialed before anything of its
 * handshake gets through. It tells how many connections it carried, which are still open, and how
 * many bytes crossed. A connection ends, both ways, when either end closes it.
 */
final class GateProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Semaphore accepted = new Semaphore(0);
    private final List<Link> links = new CopyOnWriteArrayList<>();

    /** One proxied connection. */
    private static final class Link {
        final Socket in;
        final Socket out;
        final AtomicLong forwarded = new AtomicLong();
        volatile boolean ended;

        Link(Socket in, Socket out) {
            this.in = in;
            this.out = out;
        }

        void end() {
            ended = true;
            closeQuietly(in);
            closeQuietly(out);
        }
    }

    GateProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "gate-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Lets bytes through, on the connections open now and on later ones. */
    void open() {
        gate.countDown();
    }

    /** Waits until {@code n} connections were accepted in all. */
    boolean awaitAccepted(int n, long seconds) throws InterruptedException {
        if (!accepted.tryAcquire(n, seconds, TimeUnit.SECONDS)) {
            return false;
        }
        accepted.release(n);
        return true;
    }

    /** Connections accepted so far. */
    int accepted() {
        return links.size();
    }

    /** Connections neither end has closed. */
    long openConnections() {
        return links.stream().filter(l -> !l.ended).count();
    }

    /** Bytes forwarded on the connections still open, both ways. */
    long forwardedOnOpenConnections() {
        return links.stream().filter(l -> !l.ended).mapToLong(l -> l.forwarded.get()).sum();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(target.getAddress(), target.getPort());
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                Link l = new Link(in, out);
                links.add(l);
                accepted.release();
                copy(l, in, out);
                copy(l, out, in);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void copy(Link l, Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 << 10];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                for (int n; (n = i.read(buf)) >= 0; ) {
                    gate.await();
                    l.forwarded.addAndGet(n); // before the write: the far end may act on these bytes before it returns
                    o.write(buf, 0, n);
                    o.flush();
                }
            } catch (IOException e) {
                // one end went away: the other follows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                l.end();
            }
        }, "gate-proxy-copy");
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
        gate.countDown();
        server.close();
        links.forEach(Link::end);
    }
}
