package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.cephx.CephxAuthProvider;
import io.inkwire.auth.none.NoneAuthProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Msgr1 engines joined by in-memory byte queues, fed in random 1..7-byte chunks accumulated until
 * {@link ProtocolEngine#bytesWanted()} is met, as tiny socket reads would deliver them.
 */
final class V1Harness {

    static final EntityAddr MON_V1 = EntityAddr.parse("v1:127.0.0.1:6789/0");
    static final EntityAddr OSD_V1 = EntityAddr.parse("v1:127.0.0.1:6801/4242");
    static final InetSocketAddress CLIENT_SOCKET = new InetSocketAddress(loopback(), 42064);
    static final int FEEDER_CAP = 4 << 20;

    /** Test keys of a throw-away lab (client.admin) and a general OSD service secret shared by "mon" and "osd". */
    static final String ADMIN_KEY = "AQAAAAAAAAAAABAAAAECAwQFBgcICQoLDA0ODw==";
    static final String OSD_SERVICE_KEY = "AQAAAAAAAAAAABAAEBESExQVFhcYGRobHB0eHw==";
    static final String MON_KEY = "AQAAAAAAAAAAABAAICEiIyQlJicoKSorLC0uLw==";

    private V1Harness() {
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static CephConfig options(String auth, String... extra) {
        Map<String, String> m = new HashMap<>(Map.of("auth_client_required", auth, "auth_service_required", auth,
                "auth_cluster_required", auth));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return CephConfig.of(m);
    }

    static Keyring keyring() {
        Map<EntityName, CryptoKey> keys = Map.of(
                EntityName.CLIENT_ADMIN, CryptoKey.fromBase64(ADMIN_KEY),
                EntityName.parse("osd."), CryptoKey.fromBase64(OSD_SERVICE_KEY),
                EntityName.parse("mon."), CryptoKey.fromBase64(MON_KEY));
        return e -> Optional.ofNullable(keys.get(e));
    }

    static MessengerCore core(EntityName name, CephConfig options) {
        List<AuthProvider> auth = List.of(new CephxAuthProvider(), new NoneAuthProvider());
        MessengerConfig cfg = MessengerConfig.builder(name).options(options).keyring(keyring()).authProviders(auth)
                .policies(t -> name.type() == EntityType.CLIENT ? ConnectionPolicy.lossyClient()
                        : t == EntityType.CLIENT ? ConnectionPolicy.statelessServer() : ConnectionPolicy.losslessPeer())
                .build();
        return new MessengerCore(cfg);
    }

    static Endpoint connector(MessengerCore core, EntityAddr target, EntityType peerType, long seed) {
        Endpoint e = new Endpoint(core, target.socketAddress(), CLIENT_SOCKET, seed);
        e.engine = ProtocolV1.connector(core, e.transport, e.listener, target, peerType);
        return e;
    }

    static Endpoint acceptor(MessengerCore core, EntityAddr bound, long seed) {
        core.setMyAddrs(EntityAddrVec.of(bound));
        Endpoint e = new Endpoint(core, CLIENT_SOCKET, bound.socketAddress(), seed);
        e.engine = ProtocolV1.acceptor(core, e.transport, e.listener);
        return e;
    }

    static void pump(Endpoint a, Endpoint b) {
        boolean progress = true;
        while (progress) {
            progress = a.deliverTo(b) | b.deliverTo(a);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = V1Harness.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One engine, its recording transport and listener, and the chunking feeder for its input. */
    static final class Endpoint {
        final MessengerCore core;
        final RecordingTransport transport;
        final RecordingListener listener = new RecordingListener();
        final Random random;
        ProtocolV1 engine;
        int maxWanted;
        private int delivered;
        private boolean eofSent;
        private byte[] partial;
        private int filled;

        Endpoint(MessengerCore core, InetSocketAddress remote, InetSocketAddress local, long seed) {
            this.core = core;
            this.transport = new RecordingTransport(local, remote);
            this.random = new Random(seed);
        }

        /** Feeds bytes in random chunks; returns how many were consumed before the engine closed. */
        int feed(byte[] bytes) {
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
                if (filled == want) {
                    byte[] full = partial;
                    partial = null;
                    filled = 0;
                    engine.onBytes(ByteBuffer.wrap(full));
                }
            }
            return i;
        }

        /** What this side wrote and was not delivered yet; marks it delivered. */
        byte[] drain() {
            byte[] all = transport.written();
            byte[] fresh = Arrays.copyOfRange(all, delivered, all.length);
            delivered = all.length;
            return fresh;
        }

        boolean deliverTo(Endpoint peer) {
            byte[] all = transport.written();
            boolean progress = false;
            if (all.length > delivered) {
                byte[] fresh = Arrays.copyOfRange(all, delivered, all.length);
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

    static final class RecordingTransport implements Transport {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final InetSocketAddress local;
        private final InetSocketAddress remote;
        boolean closed;

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

    static final class RecordingListener implements ProtocolListener {
        ConnectionInfo ready;
        final List<RawMessage> messages = new ArrayList<>();
        final List<long[]> keepaliveAcks = new ArrayList<>();
        Throwable closedCause;
        int closedCalls;

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
