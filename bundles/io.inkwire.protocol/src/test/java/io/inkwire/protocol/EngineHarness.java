package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.mode.secure.SecureConnectionMode;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two {@link ProtocolV2} engines, or one engine and a scripted peer, joined by in-memory byte
 * queues. Bytes reach an engine in random chunks of 1..7 bytes that are accumulated until
 * {@link ProtocolV2#bytesWanted()} is met, as a socket with tiny reads would deliver them.
 */
final class EngineHarness {

    /** The address the acceptor "listens" on and the connector dials (a monitor: nonce 0). */
    static final EntityAddr MON_ADDR = EntityAddr.msgr2("127.0.0.1", 3300);
    static final InetSocketAddress CLIENT_SOCKET = new InetSocketAddress(loopback(), 55460);

    /** The most the feeder lets an engine ask for in one read; a hostile length must never get near it. */
    static final int FEEDER_CAP = 4 << 20;

    private EngineHarness() {
    }

    /** auth none + crc everywhere, plus {@code extra} (k1, v1, k2, v2, ...). */
    static CephConfig options(String... extra) {
        Map<String, String> m = new HashMap<>(Map.of("auth_client_required", "none", "auth_service_required", "none",
                "auth_cluster_required", "none", "ms_mon_client_mode", "crc", "ms_mon_service_mode", "crc",
                "ms_client_mode", "crc", "ms_service_mode", "crc", "ms_cluster_mode", "crc", "ms_mon_cluster_mode", "crc"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return CephConfig.of(m);
    }

    static MessengerCore core(EntityName name, CephConfig options) {
        return core(name, options, null);
    }

    /** As {@link #core(EntityName, CephConfig)}, with {@code policy} towards every peer type (null: the defaults). */
    static MessengerCore core(EntityName name, CephConfig options, io.inkwire.api.ConnectionPolicy policy) {
        MessengerConfig.Builder b = MessengerConfig.builder(name).options(options).authProvider(new NoneAuthProvider())
                .mode(new CrcConnectionMode()).mode(new SecureConnectionMode());
        if (policy != null) {
            b.policies(t -> policy);
        }
        return new MessengerCore(b.build());
    }

    /** A client dialing {@link #MON_ADDR}. */
    static Endpoint connector(CephConfig options, long seed) {
        Endpoint e = new Endpoint(core(EntityName.CLIENT_ADMIN, options), new InetSocketAddress(loopback(), 3300), CLIENT_SOCKET, seed);
        e.engine = ProtocolV2.connector(e.core, e.transport, e.listener, MON_ADDR, EntityType.MON);
        return e;
    }

    /** mon.a bound on {@link #MON_ADDR}, accepting from {@link #CLIENT_SOCKET}. */
    static Endpoint acceptor(CephConfig options, long seed) {
        MessengerCore core = core(new EntityName(EntityType.MON, "a"), options);
        core.setMyAddrs(EntityAddrVec.of(MON_ADDR));
        Endpoint e = new Endpoint(core, CLIENT_SOCKET, new InetSocketAddress(loopback(), 3300), seed);
        e.engine = ProtocolV2.acceptor(e.core, e.transport, e.listener);
        return e;
    }

    /** Moves bytes both ways until neither side has anything left to say; EOF follows a close. */
    static void pump(Endpoint a, Endpoint b) {
        boolean progress = true;
        while (progress) {
            progress = a.deliverTo(b) | b.deliverTo(a);
        }
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** One engine with its recording transport and listener, and the chunking feeder for its input. */
    static final class Endpoint {
        final MessengerCore core;
        final RecordingTransport transport;
        final RecordingListener listener = new RecordingListener();
        final Random random;
        ProtocolV2 engine;

        private int delivered;
        private boolean eofSent;
        private byte[] partial;
        private int filled;
        int maxWanted;
        int onBytesCalls;
        int chunks;

        Endpoint(MessengerCore core, InetSocketAddress remote, InetSocketAddress local, long seed) {
            this.core = core;
            this.transport = new RecordingTransport(local, remote);
            this.random = new Random(seed);
        }

        /** Feeds {@code bytes} in random 1..7-byte chunks; stops early (dropping the rest) once the engine closed. */
        void feed(byte[] bytes) {
            int i = 0;
            while (i < bytes.length && !engine.isClosed()) {
                int want = engine.bytesWanted();
                maxWanted = Math.max(maxWanted, want);
                if (want <= 0 || want > FEEDER_CAP) {
                    throw new AssertionError("engine asks for " + want + " bytes in state " + engine.state());
                }
                if (partial == null || partial.length != want) {
                    partial = new byte[want];
                    filled = 0;
                }
                int n = Math.min(1 + random.nextInt(7), Math.min(bytes.length - i, want - filled));
                System.arraycopy(bytes, i, partial, filled, n);
                filled += n;
                i += n;
                chunks++;
                if (filled == want) {
                    byte[] full = partial;
                    partial = null;
                    filled = 0;
                    onBytesCalls++;
                    engine.onBytes(ByteBuffer.wrap(full));
                }
            }
            if (!engine.isClosed()) {
                maxWanted = Math.max(maxWanted, engine.bytesWanted());
            }
        }

        /** Delivers what this side wrote since last time to {@code peer}; then EOF if this side closed. */
        boolean deliverTo(Endpoint peer) {
            byte[] all = transport.written();
            boolean progress = false;
            if (all.length > delivered) {
                byte[] fresh = java.util.Arrays.copyOfRange(all, delivered, all.length);
                delivered = all.length;
                peer.feed(fresh);
                progress = true;
            }
            if (transport.closed && !eofSent) {
                eofSent = true;
                peer.engine.onTransportClosed(null);
                progress = true;
            }
            return progress;
        }
    }

    /** Records everything the engine writes, and whether it closed the socket. */
    static final class RecordingTransport implements Transport {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final InetSocketAddress local;
        private final InetSocketAddress remote;
        boolean closed;
        int flushes;

        RecordingTransport(InetSocketAddress local, InetSocketAddress remote) {
            this.local = local;
            this.remote = remote;
        }

        @Override
        public void write(ByteBuffer[] buffers) {
            if (closed) {
                throw new AssertionError("write after close");
            }
            for (ByteBuffer b : buffers) {
                ByteBuffer d = b.duplicate();
                byte[] a = new byte[d.remaining()];
                d.get(a);
                out.writeBytes(a);
            }
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }

        byte[] written() {
            return out.toByteArray();
        }
    }

    /** Records the engine's events. */
    static final class RecordingListener implements ProtocolListener {
        ConnectionInfo ready;
        final List<RawMessage> messages = new ArrayList<>();
        final List<long[]> keepaliveAcks = new ArrayList<>();
        Throwable closedCause;
        int closedCalls;
        int faults;
        int remoteResets;
        int discarded;
        int resumes;

        @Override
        public void onReady(ConnectionInfo info, boolean resumed) {
            if (resumed) {
                resumes++;
            } else {
                onReady(info);
            }
        }

        @Override
        public void onFault(Throwable cause) {
            faults++;
        }

        @Override
        public void onRemoteReset() {
            remoteResets++;
        }

        @Override
        public void onDiscarded() {
            discarded++;
        }

        @Override
        public void onReady(ConnectionInfo info) {
            if (ready != null) {
                throw new AssertionError("onReady twice");
            }
            ready = info;
        }

        @Override
        public void onMessage(RawMessage message) {
            messages.add(message);
        }

        @Override
        public void onKeepaliveAck(long stampSec, int stampNsec) {
            keepaliveAcks.add(new long[] {stampSec, stampNsec});
        }

        @Override
        public void onClosed(Throwable cause) {
            closedCalls++;
            closedCause = cause;
        }
    }
}
