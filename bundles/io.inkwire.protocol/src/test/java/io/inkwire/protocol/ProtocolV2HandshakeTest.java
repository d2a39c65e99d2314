package io.inkwire.protocol;

import static io.inkwire.protocol.EngineHarness.acceptor;
import static io.inkwire.protocol.EngineHarness.connector;
import static io.inkwire.protocol.EngineHarness.options;
import static io.inkwire.protocol.EngineHarness.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.Frame;
import io.inkwire.protocol.EngineHarness.Endpoint;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.AuthBadMethodFrame;
import io.inkwire.wire.frame.AuthRequestFrame;
import io.inkwire.wire.frame.ControlFrames;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two engines joined in memory: the handshake, messages, keepalives, mode negotiation and rev0. */
class ProtocolV2HandshakeTest {

    /*
     * The first 98 bytes each side sent in msgr2-crc.pcap (Ceph 16.2.15, TCP stream 127.0.0.1:55460 -> :3300):
     * the banner (supported = REVISION_1, required = 0) and HELLO. The client's HELLO names the address it
     * dialed, the monitor's the address it saw the client at.
     */
    static final byte[] CEPH_CLIENT_BANNER_HELLO = WireBytes.hex("636570682076320a1000010000000000000000000000000000000101240000000800"
            + "00000000000000000000000000000000000000003fbd6b06080101011c00000002000000000000001000000002000ce47f0000010000000000000000"
            + "7d883e07");
    static final byte[] CEPH_MON_BANNER_HELLO = WireBytes.hex("636570682076320a1000010000000000000000000000000000000101240000000800"
            + "00000000000000000000000000000000000000003fbd6b06010101011c0000000200000000000000100000000200d8a47f0000010000000000000000"
            + "8f832e73");

    @Test
    void connector_banner_and_hello_match_ceph_byte_for_byte() {
        Endpoint c = connector(options(), 1);
        c.engine.start();
        assertArrayEquals(java.util.Arrays.copyOf(CEPH_CLIENT_BANNER_HELLO, 26), c.transport.written(), "banner before anything is read");
        c.feed(java.util.Arrays.copyOf(CEPH_MON_BANNER_HELLO, 26));
        assertArrayEquals(CEPH_CLIENT_BANNER_HELLO, c.transport.written());
    }

    @Test
    void acceptor_banner_and_hello_match_ceph_byte_for_byte() {
        Endpoint a = acceptor(options(), 2);
        a.engine.start();
        a.feed(CEPH_CLIENT_BANNER_HELLO);
        assertArrayEquals(CEPH_MON_BANNER_HELLO, a.transport.written());
        assertFalse(a.engine.isClosed());
        assertEquals(ProtocolV2.State.AUTH, a.engine.state(), "Ceph's HELLO was accepted");
    }

    @Test
    void handshake_completes_with_auth_none_and_crc_rev1() throws Exception {
        Endpoint c = connector(options(), 3);
        Endpoint a = acceptor(options(), 4);
        c.engine.start();
        a.engine.start();
        pump(c, a);

        ConnectionInfo ci = c.listener.ready;
        ConnectionInfo ai = a.listener.ready;
        assertTrue(c.engine.isReady() && a.engine.isReady());
        assertEquals(Role.CONNECTOR, ci.role());
        assertEquals(Role.ACCEPTOR, ai.role());
        for (ConnectionInfo i : List.of(ci, ai)) {
            assertEquals("msgr2", i.protocol());
            assertEquals(1, i.revision());
            assertTrue(i.summary().contains("auth=none mode=crc"), i.summary());
            assertTrue(i.lossy(), "client <-> mon is lossy");
        }
        assertEquals(EntityType.MON, ci.peerType());
        assertEquals(EntityType.CLIENT, ai.peerType());
        assertTrue(ci.peerAddrs().contains(EngineHarness.MON_ADDR), ci.peerAddrs().toString());
        assertEquals(EntityName.CLIENT_ADMIN, a.engine.authenticatedEntity());
        assertTrue(ci.globalId() > 0, "the monitor assigned a global id");
        assertEquals(ci.globalId(), ai.globalId());
        // reads really were assembled from small pieces: several chunks per onBytes on both sides
        assertTrue(a.chunks > 3 * a.onBytesCalls && c.chunks > 3 * c.onBytesCalls, a.chunks + "/" + a.onBytesCalls);

        assertEquals(List.of(Tag.HELLO, Tag.AUTH_REQUEST, Tag.AUTH_SIGNATURE, Tag.CLIENT_IDENT), tags(c));
        assertEquals(List.of(Tag.HELLO, Tag.AUTH_DONE, Tag.AUTH_SIGNATURE, Tag.SERVER_IDENT), tags(a));
        AuthRequestFrame req = (AuthRequestFrame) ControlFrames.decode(WireBytes.parseStream(c.transport.written(), 1).get(1));
        assertEquals(AuthProvider.CEPH_AUTH_NONE, req.method());
        assertEquals(List.of(1), req.preferredModes(), "auth none can only offer crc");
        assertNull(c.listener.closedCause);
        assertNull(a.listener.closedCause);
    }

    @Test
    void messages_both_ways_arrive_intact_and_in_order() {
        Endpoint c = connector(options(), 5);
        Endpoint a = acceptor(options(), 6);
        Random r = new Random(7);
        List<RawMessage> toAcceptor = new ArrayList<>();
        List<RawMessage> toConnector = new ArrayList<>();
        // queued before the handshake: sent once ready, still numbered from 1
        for (int i = 0; i < 3; i++) {
            RawMessage m = message(r, i, 1 + i);
            toAcceptor.add(m);
            c.engine.send(m);
        }
        c.engine.start();
        a.engine.start();
        pump(c, a);
        assertTrue(c.engine.isReady() && a.engine.isReady());
        for (int i = 3; i < 40; i++) {
            RawMessage m = message(r, i, 100 + i);
            toAcceptor.add(m);
            c.engine.send(m);
            RawMessage back = message(r, i + 1, 200 + i);
            toConnector.add(back);
            a.engine.send(back);
            if (i % 5 == 0) {
                pump(c, a);
            }
        }
        pump(c, a);
        assertDelivered(toAcceptor, a.listener.messages);
        assertDelivered(toConnector, c.listener.messages);
        assertNull(c.listener.closedCause);
        assertNull(a.listener.closedCause);
    }

    @Test
    void keepalive_is_answered_with_the_same_stamp() {
        Endpoint c = connector(options(), 8);
        Endpoint a = acceptor(options(), 9);
        c.engine.start();
        a.engine.start();
        pump(c, a);
        Instant sent = c.engine.sendKeepalive();
        Instant other = a.engine.sendKeepalive();
        pump(c, a);
        assertEquals(1, c.listener.keepaliveAcks.size());
        assertEquals(sent.getEpochSecond(), c.listener.keepaliveAcks.get(0)[0]);
        assertEquals(sent.getNano(), c.listener.keepaliveAcks.get(0)[1]);
        assertEquals(other.getEpochSecond(), a.listener.keepaliveAcks.get(0)[0]);
        assertEquals(other.getNano(), a.listener.keepaliveAcks.get(0)[1]);
    }

    @Test
    void orderly_close_reaches_the_peer_as_eof_after_ready() {
        Endpoint c = connector(options(), 10);
        Endpoint a = acceptor(options(), 11);
        c.engine.start();
        a.engine.start();
        pump(c, a);
        c.engine.close();
        pump(c, a);
        assertTrue(c.transport.closed && a.transport.closed);
        assertEquals(1, c.listener.closedCalls);
        assertEquals(1, a.listener.closedCalls);
        assertNull(c.listener.closedCause, "our own close is orderly");
        assertNull(a.listener.closedCause, "EOF on an established session is not an error");
    }

    @Test
    void secure_only_with_auth_none_fails_on_the_connector_before_any_auth_request() throws Exception {
        Endpoint c = connector(options("ms_mon_client_mode", "secure"), 12);
        Endpoint a = acceptor(options("ms_mon_service_mode", "secure"), 13);
        c.engine.start();
        a.engine.start();
        pump(c, a);
        AuthException e = assertInstanceOf(AuthException.class, c.listener.closedCause);
        assertTrue(e.getMessage().contains("no common connection mode: ms_mon_client_mode=[secure] with auth [none]"), e.getMessage());
        assertEquals(AuthException.EOPNOTSUPP, e.errno());
        assertEquals(List.of(Tag.HELLO), tags(c), "nothing offered: none cannot key secure mode");
        ProtocolException pe = assertInstanceOf(ProtocolException.class, a.listener.closedCause);
        assertTrue(pe.getMessage().contains("closed by the peer during the handshake"), pe.getMessage());
        assertTrue(c.transport.closed && a.transport.closed);
    }

    @Test
    void acceptor_allowing_only_secure_answers_auth_none_with_auth_bad_method() throws Exception {
        Endpoint c = connector(options(), 14);
        Endpoint a = acceptor(options("ms_mon_service_mode", "secure"), 15);
        c.engine.start();
        a.engine.start();
        pump(c, a);
        List<Frame> fromAcceptor = WireBytes.parseStream(a.transport.written(), 1);
        assertEquals(Tag.AUTH_BAD_METHOD, fromAcceptor.get(1).tag());
        AuthBadMethodFrame bad = (AuthBadMethodFrame) ControlFrames.decode(fromAcceptor.get(1));
        assertEquals(AuthProvider.CEPH_AUTH_NONE, bad.method());
        assertEquals(AuthException.EOPNOTSUPP, bad.result());
        assertEquals(List.of(AuthProvider.CEPH_AUTH_NONE), bad.allowedMethods());
        assertEquals(List.of(), bad.allowedModes(), "secure is all it allows, and none cannot serve it");
        AuthException e = assertInstanceOf(AuthException.class, c.listener.closedCause);
        assertTrue(e.getMessage().contains("no common connection mode"), e.getMessage());
        assertTrue(c.transport.closed);
    }

    @Test
    void secure_then_crc_preference_falls_back_to_crc_with_auth_none() {
        Endpoint c = connector(options("ms_mon_client_mode", "secure crc"), 16);
        Endpoint a = acceptor(options("ms_mon_service_mode", "secure crc"), 17);
        c.engine.start();
        a.engine.start();
        pump(c, a);
        assertTrue(c.engine.isReady() && a.engine.isReady());
        assertEquals("crc", c.listener.ready.mode());
    }

    @ParameterizedTest(name = "rev0-only side: {0}")
    @ValueSource(strings = {"connector", "acceptor", "both"})
    void a_peer_without_revision_1_gets_rev0_framing_and_messages_flow(String who) throws Exception {
        Endpoint c = connector(options(), 18);
        Endpoint a = acceptor(options(), 19);
        if (!who.equals("acceptor")) {
            c.engine.advertiseMsgr2Features(0);
        }
        if (!who.equals("connector")) {
            a.engine.advertiseMsgr2Features(0);
        }
        c.engine.start();
        a.engine.start();
        pump(c, a);
        assertTrue(c.engine.isReady() && a.engine.isReady(), String.valueOf(c.listener.closedCause) + " / " + a.listener.closedCause);
        assertEquals(0, c.listener.ready.revision());
        assertEquals(0, a.listener.ready.revision());
        assertEquals(0, c.engine.revision());

        Random r = new Random(20);
        List<RawMessage> sent = new ArrayList<>();
        List<RawMessage> back = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RawMessage m = message(r, i, i);
            sent.add(m);
            c.engine.send(m);
            RawMessage b = message(r, i + 3, 50 + i);
            back.add(b);
            a.engine.send(b);
        }
        pump(c, a);
        assertDelivered(sent, a.listener.messages);
        assertDelivered(back, c.listener.messages);
        // both streams parse as rev0 (17-byte epilogue after every frame, no inline segment crc)
        assertEquals(Tag.CLIENT_IDENT, WireBytes.parseStream(c.transport.written(), 0).get(3).tag());
        assertEquals(Tag.SERVER_IDENT, WireBytes.parseStream(a.transport.written(), 0).get(3).tag());
    }

    // ------------------------------------------------------------------ helpers

    private static List<Integer> tags(Endpoint e) throws ProtocolException {
        List<Integer> out = new ArrayList<>();
        for (Frame f : WireBytes.parseStream(e.transport.written(), e.engine.revision())) {
            out.add(f.tag());
        }
        return out;
    }

    /** Shape {@code i % 7}: empty, front only, middle only (inner empty front), data only, all three, 100 KB data, 4-byte data. */
    static RawMessage message(Random r, int i, long tid) {
        RawMessage.Builder b = RawMessage.builder(0x100 + i).tid(tid).version(1 + i % 3).compatVersion(1).priority(127 + i % 2);
        switch (i % 7) {
            case 0: break;
            case 1: b.front(bytes(r, 1 + r.nextInt(300))); break;
            case 2: b.middle(ByteBuffer.wrap(bytes(r, 1 + r.nextInt(50)))); break;
            case 3: b.data(bytes(r, 1 + r.nextInt(5000))); break;
            case 4: b.front(bytes(r, 17)).middle(ByteBuffer.wrap(bytes(r, 9))).data(bytes(r, 4096)); break;
            case 5: b.front(bytes(r, 8)).data(bytes(r, 100 * 1024)); break;
            default: b.data(bytes(r, 4)); break;
        }
        return b.build();
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static void assertDelivered(List<RawMessage> sent, List<RawMessage> got) {
        assertEquals(sent.size(), got.size(), "message count");
        for (int i = 0; i < sent.size(); i++) {
            RawMessage s = sent.get(i);
            RawMessage g = got.get(i);
            String at = "message " + i;
            assertEquals(i + 1, g.seq(), at + ": seq numbered from 1 in order");
            assertEquals(s.type(), g.type(), at);
            assertEquals(s.tid(), g.tid(), at);
            assertEquals(s.version(), g.version(), at);
            assertEquals(s.compatVersion(), g.compatVersion(), at);
            assertEquals(s.priority(), g.priority(), at);
            assertEquals(s.front(), g.front(), at + " front");
            assertEquals(s.middle(), g.middle(), at + " middle");
            assertEquals(s.data(), g.data(), at + " data");
        }
    }
}
