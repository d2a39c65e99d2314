package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.v1.MessageFooterV1;
import io.inkwire.wire.v1.MsgrTag;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two inkwire msgr1 engines talking in memory: monitor sessions, cephx authorizers and signatures, keepalives, close. */
class ProtocolV1SessionTest {

    private static RawMessage message(int type, String front, byte[] data) {
        return RawMessage.builder(type).version(3).compatVersion(2).tid(7).front(front.getBytes(StandardCharsets.UTF_8)).data(data).build();
    }

    @Test
    void client_and_monitor_exchange_messages_keepalives_and_close() {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.MON_V1, EntityType.MON, 11);
        V1Harness.Endpoint m = V1Harness.acceptor(V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("none")), V1Harness.MON_V1, 12);
        c.engine.send(message(50, "queued before ready", new byte[0]));
        c.engine.start();
        m.engine.start();
        V1Harness.pump(c, m);
        assertTrue(c.engine.isReady(), String.valueOf(c.listener.closedCause));
        assertTrue(m.engine.isReady(), String.valueOf(m.listener.closedCause));
        assertEquals(Role.ACCEPTOR, m.listener.ready.role());
        assertEquals("msgr1", m.listener.ready.protocol());
        assertEquals(EntityType.MON, c.listener.ready.peerType());

        byte[] data = new byte[100_000];
        new java.util.Random(5).nextBytes(data);
        c.engine.send(message(51, "with data", data));
        m.engine.send(message(52, "from the monitor", new byte[0]));
        c.engine.sendKeepalive();
        V1Harness.pump(c, m);
        assertEquals(2, m.listener.messages.size());
        RawMessage first = m.listener.messages.get(0);
        assertEquals(50, first.type());
        assertEquals(1, first.seq());
        RawMessage second = m.listener.messages.get(1);
        assertEquals(3, second.version());
        assertEquals(2, second.compatVersion());
        assertEquals(7, second.tid());
        assertArrayEquals(data, ProtocolV1CaptureTest.bytes(second.data()));
        assertEquals(MessageFooterV1.CEPH_MSG_FOOTER_COMPLETE, second.flags() & 7, "no signature without an authorizer");
        assertEquals(1, c.listener.messages.size());
        assertEquals(1, c.listener.keepaliveAcks.size());

        c.engine.close();
        V1Harness.pump(c, m);
        assertTrue(m.engine.isClosed());
        assertNull(m.listener.closedCause, "CLOSE is an orderly end");
        assertEquals(1, m.listener.closedCalls);
    }

    @Test
    void cephx_over_mauth_then_an_osd_authorizer_with_a_challenge_and_signed_messages() throws Exception {
        MessengerCore client = V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("cephx"));
        MessengerCore mon = V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("cephx"));
        try (MonAuthOverMessages auth = new MonAuthOverMessages(client);
             MonAuthServerOverMessages server = new MonAuthServerOverMessages(mon, EntityType.CLIENT)) {
            MonAuthOverMessages.Request req = auth.start();
            assertEquals(0, req.protocol());
            int rounds = 0;
            Optional<MonAuthOverMessages.Request> next = Optional.of(req);
            while (next.isPresent()) {
                MonAuthServerOverMessages.Reply r = server.handle(next.get().protocol(), next.get().payload());
                assertEquals(0, r.result(), r.message());
                next = auth.handleReply(r.protocol(), r.result(), r.globalId(), r.resultBl());
                rounds++;
            }
            assertEquals(2, rounds, "protocol 0 → challenge, CEPHX_GET_AUTH_SESSION_KEY → tickets");
            assertTrue(auth.isDone());
            assertTrue(server.isAuthenticated());
            assertEquals(Optional.of(EntityName.CLIENT_ADMIN), server.entity());
            assertEquals(server.globalId(), auth.result().globalId());
            assertEquals(server.globalId(), client.globalId());
        }

        MessengerCore osd = V1Harness.core(EntityName.parse("osd.0"), V1Harness.options("cephx"));
        V1Harness.Endpoint c = V1Harness.connector(client, V1Harness.OSD_V1, EntityType.OSD, 21);
        V1Harness.Endpoint o = V1Harness.acceptor(osd, V1Harness.OSD_V1, 22);
        c.engine.start();
        o.engine.start();
        V1Harness.pump(c, o);
        assertTrue(c.engine.isReady(), String.valueOf(c.listener.closedCause));
        assertTrue(o.engine.isReady(), String.valueOf(o.listener.closedCause));
        assertEquals(MsgrTag.CHALLENGE_AUTHORIZER, o.transport.written()[281], "the OSD challenged the first authorizer (CEPHX_V2)");
        assertEquals("cephx", c.listener.ready.authMethod());
        assertEquals(EntityName.CLIENT_ADMIN, o.listener.ready.peerName());
        assertEquals(client.globalId(), o.listener.ready.globalId());

        c.engine.send(message(50, "{\"prefix\": \"version\"}", new byte[0]));
        o.engine.send(message(51, "reply", new byte[] {1, 2, 3}));
        V1Harness.pump(c, o);
        assertEquals(MessageFooterV1.CEPH_MSG_FOOTER_SIGNED, o.listener.messages.get(0).flags() & MessageFooterV1.CEPH_MSG_FOOTER_SIGNED);
        assertEquals(MessageFooterV1.CEPH_MSG_FOOTER_SIGNED, c.listener.messages.get(0).flags() & MessageFooterV1.CEPH_MSG_FOOTER_SIGNED);

        // a flipped signature bit is refused
        c.engine.send(message(50, "tampered", new byte[0]));
        byte[] bytes = c.drain();
        bytes[bytes.length - 2] ^= 1; // inside footer.sig
        o.feed(bytes);
        assertTrue(o.engine.isClosed());
        assertTrue(o.listener.closedCause.getMessage().contains("bad cephx signature"), o.listener.closedCause.getMessage());
    }

    @Test
    void an_osd_refuses_a_client_without_an_authorizer_twice_then_the_client_gives_up() {
        // the client allows only "none", the OSD only cephx: BADAUTHORIZER, one retry, then EACCES
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.OSD_V1, EntityType.OSD, 31);
        V1Harness.Endpoint o = V1Harness.acceptor(V1Harness.core(EntityName.parse("osd.0"), V1Harness.options("cephx")), V1Harness.OSD_V1, 32);
        c.engine.start();
        o.engine.start();
        V1Harness.pump(c, o);
        assertInstanceOf(AuthException.class, c.listener.closedCause);
        assertTrue(c.listener.closedCause.getMessage().contains("BADAUTHORIZER"), c.listener.closedCause.getMessage());
        assertFalse(o.engine.isReady());
        assertTrue(o.engine.isClosed());
        long badReplies = countTag(o.transport.written(), 281);
        assertEquals(2, badReplies);
    }

    /** Counts BADAUTHORIZER connect replies in an acceptor's output after its greeting (replies carry no authorizer here). */
    private static long countTag(byte[] out, int from) {
        long n = 0;
        for (int i = from; i + 26 <= out.length; i += 26) {
            if (out[i] == MsgrTag.BADAUTHORIZER) {
                n++;
            }
        }
        return n;
    }

    @Test
    void auth_none_authorizer_to_an_osd() {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.OSD_V1, EntityType.OSD, 41);
        V1Harness.Endpoint o = V1Harness.acceptor(V1Harness.core(EntityName.parse("osd.0"), V1Harness.options("none")), V1Harness.OSD_V1, 42);
        c.engine.start();
        o.engine.start();
        V1Harness.pump(c, o);
        assertTrue(o.engine.isReady(), String.valueOf(o.listener.closedCause));
        assertEquals("none", o.listener.ready.authMethod());
        assertEquals(EntityName.CLIENT_ADMIN, o.listener.ready.peerName());
    }
}
