package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.Frame;
import io.inkwire.protocol.EngineHarness.Endpoint;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.ControlFrames;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lossless peers for session tests: OSD messengers "bound" on 127.0.0.1 and sockets between them,
 * joined in memory by {@link EngineHarness} endpoints. Each peer keeps one session with the other,
 * as Ceph does.
 */
final class Peers {

    private Peers() {
    }

    /** One messenger: an OSD listening (in name) at 127.0.0.1:port, with its session towards the other peer. */
    static final class Peer {
        final MessengerCore core;
        final EntityAddr addr;
        final RecordingListener listener = new RecordingListener();
        Session session;

        Peer(String id, int port, ConnectionPolicy policy) {
            core = EngineHarness.core(new EntityName(EntityType.OSD, id), EngineHarness.options(), policy);
            addr = new EntityAddr(AddrType.MSGR2, core.nonce(), EngineHarness.loopback(), port);
            core.setMyAddrs(EntityAddrVec.of(addr));
        }

        /** Its session with {@code other} as {@code connect()} would get it: the existing one, else a new one it dials. */
        Session dial(Peer other) {
            session = core.sessions().dial(core, other.addr, EntityType.OSD,
                    () -> new Session(other.addr, EntityType.OSD, core.policy(EntityType.OSD), listener));
            return session;
        }

        /** Queues {@code texts} on its session, sent when a socket serves it. */
        void queue(String... texts) {
            for (String t : texts) {
                session.queue(message(t), null);
            }
        }

        List<String> received() {
            List<String> out = new ArrayList<>();
            for (RawMessage m : listener.messages) {
                out.add(text(m));
            }
            return out;
        }
    }

    private static int nextPort = 41000;

    /** One TCP connection: {@code from}'s connector engine for its session, and {@code to}'s acceptor with a provisional session. */
    record Socket(Endpoint c, Endpoint a) {
        /** Delivers what the connector wrote so far (then EOF if it closed). */
        boolean toAcceptor() {
            return c.deliverTo(a);
        }

        boolean toConnector() {
            return a.deliverTo(c);
        }

        /** A cut: both ends see their socket fail. */
        void cut() {
            c.engine.onTransportClosed(new java.io.IOException("cut"));
            a.engine.onTransportClosed(new java.io.IOException("cut"));
        }
    }

    static Socket socket(Peer from, Peer to, long seed) {
        int ephemeral = nextPort++;
        InetSocketAddress listening = new InetSocketAddress(EngineHarness.loopback(), to.addr.port());
        InetSocketAddress dialing = new InetSocketAddress(EngineHarness.loopback(), ephemeral);
        Endpoint c = new Endpoint(from.core, listening, dialing, seed);
        synchronized (from.session) {
            c.engine = ProtocolV2.connector(from.core, c.transport, from.session);
        }
        Endpoint a = new Endpoint(to.core, dialing, listening, seed + 1);
        a.engine = ProtocolV2.acceptor(to.core, a.transport, a.listener);
        c.engine.start();
        a.engine.start();
        return new Socket(c, a);
    }

    /** Moves bytes on every socket until none moves. */
    static void pumpAll(Socket... sockets) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Socket s : sockets) {
                progress |= s.toAcceptor();
                progress |= s.toConnector();
            }
        }
    }

    /**
     * Advances the sockets in lock step until every connector has sent its identification
     * (CLIENT_IDENT or SESSION_RECONNECT) and no acceptor has read it yet: the moment two peers'
     * attempts cross on the wire.
     */
    static void untilIdentsCross(Socket... sockets) {
        for (int round = 0; round < 20; round++) {
            boolean all = true;
            for (Socket s : sockets) {
                all &= s.c.engine.state() == ProtocolV2.State.SESSION;
            }
            if (all) {
                for (Socket s : sockets) {
                    assertEquals(false, s.a.engine.isReady() || s.a.engine.isClosed(), "the acceptor has not read the identification yet");
                }
                return;
            }
            for (Socket s : sockets) {
                s.toAcceptor();
            }
            for (Socket s : sockets) {
                s.toConnector();
            }
        }
        throw new AssertionError("the connectors never reached the session phase");
    }

    /** The control frames an endpoint wrote (crc mode throughout), decoded. */
    static List<ControlFrame> controlFrames(Endpoint e) throws ProtocolException {
        List<ControlFrame> out = new ArrayList<>();
        for (Frame f : WireBytes.parseStream(e.transport.written(), 1)) {
            if (f.tag() != io.inkwire.wire.Tag.MESSAGE) {
                out.add(ControlFrames.decode(f));
            }
        }
        return out;
    }

    static <T extends ControlFrame> List<T> framesOf(Endpoint e, Class<T> type) throws ProtocolException {
        List<T> out = new ArrayList<>();
        for (ControlFrame c : controlFrames(e)) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
        }
        return out;
    }

    static boolean wrote(Endpoint e, Predicate<ControlFrame> p) throws ProtocolException {
        return controlFrames(e).stream().anyMatch(p);
    }

    static RawMessage message(String text) {
        return RawMessage.builder(0x7001).front(text.getBytes(StandardCharsets.UTF_8)).build();
    }

    static String text(RawMessage m) {
        byte[] b = new byte[m.front().remaining()];
        m.front().duplicate().get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
