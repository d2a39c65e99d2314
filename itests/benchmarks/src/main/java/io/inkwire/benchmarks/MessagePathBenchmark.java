package io.inkwire.benchmarks;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.cephx.CephxAuthProvider;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.mode.secure.SecureConnectionMode;
import io.inkwire.protocol.MessengerCore;
import io.inkwire.protocol.ProtocolEngine;
import io.inkwire.protocol.ProtocolListener;
import io.inkwire.protocol.ProtocolV2;
import io.inkwire.protocol.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One message through the whole msgr2 path of a lossy session, both ends in one thread and no
 * socket: the connector's engine queues it, builds its MESSAGE frame and encodes it with the
 * mode's codec, the "socket" copies the encoded buffers into one direct buffer (as the Netty
 * transport copies them into its pooled direct write buffers), and the acceptor's engine reads it
 * back into the buffers it gives for each chunk ({@link ProtocolEngine#receiveBuffer()}, as the
 * Netty transport does), decodes it and hands it to its listener, which releases it as a messenger
 * does once its dispatcher returned. Run with {@code -prof gc}: {@code gc.alloc.rate.norm}
 * is what the messenger allocates per message beyond the caller's payload (the message is built
 * once).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessagePathBenchmark {

    @Param({"4096", "4194304"})
    public int size;

    @Param({"crc", "secure"})
    public String mode;

    private static final EntityName MON = new EntityName(EntityType.MON, "a");
    private static final EntityAddr MON_ADDR = EntityAddr.msgr2("127.0.0.1", 3300);

    private Pipe toServer;
    private Pipe toClient;
    private ProtocolEngine client;
    private ProtocolEngine server;
    private Received received;
    private RawMessage message;

    @Setup
    public void setup() {
        String auth = mode.equals("secure") ? "cephx" : "none";
        Map<String, String> o = new HashMap<>();
        for (String k : new String[] {"auth_client_required", "auth_service_required", "auth_cluster_required"}) {
            o.put(k, auth);
        }
        for (String k : new String[] {"ms_mon_client_mode", "ms_mon_service_mode", "ms_client_mode", "ms_service_mode"}) {
            o.put(k, mode);
        }
        CephConfig options = CephConfig.of(o);
        Keyring keys = Keyring.generated(EntityName.CLIENT_ADMIN, MON);
        MessengerCore clientCore = core(EntityName.CLIENT_ADMIN, options, keys);
        MessengerCore serverCore = core(MON, options, keys);
        serverCore.setMyAddrs(EntityAddrVec.of(MON_ADDR));
        InetSocketAddress clientSocket = new InetSocketAddress("127.0.0.1", 55460);
        InetSocketAddress serverSocket = new InetSocketAddress("127.0.0.1", 3300);
        int capacity = size + (1 << 20);
        toServer = new Pipe(capacity, clientSocket, serverSocket);
        toClient = new Pipe(capacity, serverSocket, clientSocket);
        received = new Received();
        client = ProtocolV2.connector(clientCore, toServer, new Received(), MON_ADDR, EntityType.MON);
        server = ProtocolV2.acceptor(serverCore, toClient, received);
        start(client);
        start(server);
        for (int i = 0; i < 100 && !(client.isReady() && server.isReady()); i++) {
            toServer.deliverTo(server);
            toClient.deliverTo(client);
        }
        if (!client.isReady() || !server.isReady()) {
            throw new IllegalStateException("handshake did not complete: " + client + " / " + server);
        }
        // JDK 17 runs GCM on large inputs without its intrinsic until the calling code is compiled:
        // small messages compile it first (see SecureFrameBenchmark); crc gets the same warm-up
        message = RawMessage.builder(0x7300).data(ByteBuffer.wrap(Data.random(4096))).build();
        for (int i = 0; i < 30_000; i++) {
            deliverOne(4096);
        }
        message = RawMessage.builder(0x7300).data(ByteBuffer.wrap(Data.random(size))).build();
    }

    private static MessengerCore core(EntityName name, CephConfig options, Keyring keys) {
        return new MessengerCore(MessengerConfig.builder(name).options(options).keyring(keys)
                .authProvider(new NoneAuthProvider()).authProvider(new CephxAuthProvider())
                .mode(new CrcConnectionMode()).mode(new SecureConnectionMode()).build());
    }

    private static void start(ProtocolEngine e) {
        synchronized (e.session()) {
            e.start();
        }
    }

    @TearDown
    public void tearDown() {
        client.close();
        server.close();
    }

    @Benchmark
    public RawMessage send() throws ProtocolException {
        return deliverOne(size);
    }

    private RawMessage deliverOne(int expected) {
        client.send(message);
        toServer.deliverTo(server);
        RawMessage m = received.last;
        if (m == null || m.dataLength() != expected) {
            throw new IllegalStateException("message not delivered: " + m + " closed " + received.closed);
        }
        received.last = null;
        return m;
    }

    /** One direction of the in-memory socket: what one engine wrote, read back by the other in the chunks it asks for. */
    private static final class Pipe implements Transport {
        private final ByteBuffer wire;
        private final InetSocketAddress local;
        private final InetSocketAddress remote;

        Pipe(int capacity, InetSocketAddress local, InetSocketAddress remote) {
            this.wire = ByteBuffer.allocateDirect(capacity);
            this.local = local;
            this.remote = remote;
        }

        /** Copies the buffers before returning, positions left as they were (as the Netty transport does). */
        @Override
        public void write(ByteBuffer[] buffers) {
            for (ByteBuffer b : buffers) {
                int p = b.position();
                wire.put(b);
                b.position(p);
            }
        }

        /** Hands {@code to} everything written so far, one chunk of {@link ProtocolEngine#bytesWanted()} at a time. */
        void deliverTo(ProtocolEngine to) {
            wire.flip();
            while (wire.remaining() >= to.bytesWanted() && !to.isClosed()) {
                ByteBuffer chunk;
                synchronized (to.session()) {
                    chunk = to.receiveBuffer(); // a message's payload: pooled, back when the message is released
                }
                int limit = wire.limit();
                wire.limit(wire.position() + chunk.remaining());
                chunk.put(wire);
                wire.limit(limit);
                synchronized (to.session()) {
                    to.onBytes(chunk.flip());
                }
            }
            wire.compact(); // a partial chunk waits for the rest
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }
    }

    /** Keeps the last message, released as a messenger releases it after its dispatcher returned. */
    private static final class Received implements ProtocolListener {
        RawMessage last;
        Throwable closed;

        @Override
        public void onMessage(RawMessage m) {
            last = m;
            m.release();
        }

        @Override
        public void onKeepaliveAck(long stampSec, int stampNsec) {
        }

        @Override
        public void onClosed(Throwable cause) {
            closed = cause == null ? new IllegalStateException("closed") : cause;
        }
    }
}
