package io.inkwire.itests.interop;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.protocol.MessengerCore;
import io.inkwire.protocol.ProtocolListener;
import io.inkwire.protocol.ProtocolV1;
import io.inkwire.protocol.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * A blocking-socket driver for one {@link ProtocolV1} connector, without Netty: it proves the
 * engine against real daemons independently of the transport. Single-threaded: every call reads
 * from the socket on the caller's thread until what it waits for arrived.
 */
final class Msgr1SocketClient implements AutoCloseable, ProtocolListener {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ProtocolV1 engine;
    private final ArrayDeque<RawMessage> inbox = new ArrayDeque<>();
    private ConnectionInfo info;
    private Throwable closedCause;
    private boolean closed;

    Msgr1SocketClient(MessengerCore core, EntityAddr target, EntityType peerType, Duration timeout) throws IOException {
        socket = new Socket();
        socket.connect(target.socketAddress(), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        engine = ProtocolV1.connector(core, new SocketTransport(), this, target, peerType);
        engine.start();
    }

    /** Reads until the handshake completed. */
    ConnectionInfo awaitReady() throws IOException {
        while (info == null) {
            step();
        }
        return info;
    }

    void send(RawMessage m) {
        engine.send(m);
    }

    /** Reads until a message matching {@code p} arrived; earlier ones are dropped. */
    RawMessage await(Predicate<RawMessage> p) throws IOException {
        while (true) {
            while (!inbox.isEmpty()) {
                RawMessage m = inbox.poll();
                if (p.test(m)) {
                    return m;
                }
            }
            step();
        }
    }

    private void step() throws IOException {
        if (closed) {
            throw new IOException("msgr1 connection closed: " + closedCause, closedCause);
        }
        byte[] chunk = in.readNBytes(engine.bytesWanted());
        if (chunk.length < engine.bytesWanted()) {
            engine.onTransportClosed(null);
            throw new IOException("EOF from the peer: " + closedCause, closedCause);
        }
        engine.onBytes(ByteBuffer.wrap(chunk));
    }

    @Override
    public void onReady(ConnectionInfo i) {
        info = i;
    }

    @Override
    public void onMessage(RawMessage message) {
        inbox.add(message);
    }

    @Override
    public void onKeepaliveAck(long stampSec, int stampNsec) {
    }

    @Override
    public void onClosed(Throwable cause) {
        closed = true;
        closedCause = cause;
    }

    @Override
    public void close() throws IOException {
        if (!engine.isClosed()) {
            engine.close();
        }
        socket.close();
    }

    private final class SocketTransport implements Transport {
        @Override
        public void write(ByteBuffer[] buffers) {
            try {
                for (ByteBuffer b : buffers) {
                    ByteBuffer d = b.duplicate();
                    byte[] a = new byte[d.remaining()];
                    d.get(a);
                    out.write(a);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) socket.getRemoteSocketAddress();
        }
    }
}
