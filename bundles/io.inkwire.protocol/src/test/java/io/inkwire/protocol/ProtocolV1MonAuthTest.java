package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.cephx.CephxAuthProvider;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * msgr1 engines as a messenger makes them ({@link ProtocolEngine#connector}, {@link ProtocolEngine#acceptor}):
 * a monitor session runs MAuth inside the engine ({@link V1MonAuthPhase}) and is ready only once
 * authenticated, with the method and global id MAuth established.
 */
class ProtocolV1MonAuthTest {

    private static RawMessage message(String front) {
        return RawMessage.builder(50).front(front.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void a_monitor_session_is_ready_after_cephx_in_mauth_and_the_application_sees_no_mauth() {
        V1Harness.Endpoint c = V1Harness.messengerConnector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("cephx")),
                V1Harness.MON_V1, EntityType.MON, 51);
        V1Harness.Endpoint m = V1Harness.messengerAcceptor(V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("cephx")),
                V1Harness.MON_V1, 52);
        c.engine.send(message("queued before ready"));
        c.engine.start();
        m.engine.start();
        V1Harness.pump(c, m);

        assertTrue(c.engine.isReady(), String.valueOf(c.listener.closedCause));
        assertTrue(m.engine.isReady(), String.valueOf(m.listener.closedCause));
        ConnectionInfo ci = c.listener.ready;
        ConnectionInfo mi = m.listener.ready;
        assertEquals("cephx", ci.authMethod(), "the method MAuth chose, not \"mauth\"");
        assertEquals("cephx", mi.authMethod());
        assertTrue(ci.globalId() > 0, ci.summary());
        assertEquals(ci.globalId(), mi.globalId(), "the global id the monitor gave is the one the client holds");
        assertEquals(EntityName.CLIENT_ADMIN, mi.peerName(), "the monitor knows whom it authenticated");
        assertEquals(ci, c.engine.info());

        // the client's two MAuths (protocol 0, then the cephx session key request) went first, under seq 1 and 2
        assertEquals(1, m.listener.messages.size(), "MAuth never reaches the application");
        RawMessage first = m.listener.messages.get(0);
        assertEquals(50, first.type());
        assertEquals(3, first.seq());
        assertEquals(0, c.listener.messages.size(), "nor does MAuthReply");
    }

    @Test
    void a_monitor_refusing_the_key_ends_the_session_before_it_is_ready() {
        CryptoKey wrong = CryptoKey.fromBase64("AQAAAAAAAAAAABAAUFFSU1RVVldYWVpbXF1eXw==");
        MessengerCore client = new MessengerCore(MessengerConfig.builder(EntityName.CLIENT_ADMIN).options(V1Harness.options("cephx"))
                .keyring(e -> e.equals(EntityName.CLIENT_ADMIN) ? Optional.of(wrong) : Optional.empty())
                .authProvider(new CephxAuthProvider()).build());
        V1Harness.Endpoint c = V1Harness.messengerConnector(client, V1Harness.MON_V1, EntityType.MON, 53);
        V1Harness.Endpoint m = V1Harness.messengerAcceptor(V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("cephx")),
                V1Harness.MON_V1, 54);
        c.engine.start();
        m.engine.start();
        V1Harness.pump(c, m);

        assertTrue(c.engine.isClosed());
        assertNull(c.listener.ready, "never ready");
        assertEquals(1, c.listener.closedCalls);
        AuthException e = assertInstanceOf(AuthException.class, c.listener.closedCause);
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertNull(m.listener.ready, "the monitor never handed the session over either");
        assertFalse(m.engine.isReady());
    }
}
