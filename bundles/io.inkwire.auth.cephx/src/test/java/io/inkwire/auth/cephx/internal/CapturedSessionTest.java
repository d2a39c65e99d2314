package io.inkwire.auth.cephx.internal;

import static io.inkwire.auth.cephx.internal.TestSupport.CIPHER;
import static io.inkwire.auth.cephx.internal.TestSupport.hex;
import static io.inkwire.auth.cephx.internal.TestSupport.logKey;
import static io.inkwire.auth.cephx.internal.TestSupport.number;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.api.config.CephConfig;
import io.inkwire.wire.CephDecoder;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The implementation against real Ceph 16.2.15 sessions (payloads carved from the lab captures). */
class CapturedSessionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:12:25Z");

    private static String keyringOf(String session) {
        String lab = session.substring(0, session.indexOf('.'));
        switch (lab) {
            case "crc": return "/captures/msgr2-crc.client.admin.keyring";
            case "secure": return "/captures/msgr2-secure.client.admin.keyring";
            default: return "/captures/rados-put-get-crc.client.admin.keyring";
        }
    }

    private static CephxKey adminKey(String session) {
        return CephxKey.of(TestSupport.keyring(keyringOf(session)).key(EntityName.CLIENT_ADMIN).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"crc.bootstrap", "crc.main", "secure.bootstrap", "secure.main", "rados.mon"})
    void the_key_proof_of_every_captured_session_recomputes(String session) throws Exception {
        long serverChallenge = ServerChallenge.decode(new CephDecoder(hex(session + ".auth_reply_more"), "t")).serverChallenge();
        CephDecoder d = new CephDecoder(hex(session + ".auth_request_more"), "t");
        assertEquals(CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY, d.u16());
        Authenticate req = Authenticate.decode(d);
        assertEquals(3, req.version());
        assertTrue(req.oldTicket().isEmpty());
        assertEquals(req.key(), KeyProof.compute(CIPHER, adminKey(session), serverChallenge, req.clientChallenge()));
    }

    @Test
    void the_proof_of_the_crc_bootstrap_session_is_the_logged_one() throws Exception {
        // frames.txt: server_challenge=0x07f2bb1881e7e863, client_challenge=0xe870193a8d53faf7 key=0x036ec5781ac6233f
        assertEquals(0x036ec5781ac6233fL, KeyProof.compute(CIPHER, adminKey("crc.bootstrap"), 0x07f2bb1881e7e863L, 0xe870193a8d53faf7L));
    }

    /** Drives our client handler over a captured monitor session with the captured client challenge. */
    private static CephxClientHandler replayMonSession(String session, String want, int conMode, int secretLength,
                                                       AuthResult[] out, long... laterRandom) throws Exception {
        CephDecoder d = new CephDecoder(hex(session + ".auth_request_more"), "t");
        d.u16();
        long clientChallenge = Authenticate.decode(d).clientChallenge();
        TestSupport.ScriptedRandom random = new TestSupport.ScriptedRandom().then(clientChallenge).then(laterRandom);
        CephxClientHandler h = new CephxClientHandler(new AuthClientConfig(EntityName.CLIENT_ADMIN,
                TestSupport.keyring(keyringOf(session)), CephConfig.empty().with(ServiceMask.WANT_KEYS_OPTION, want)),
                TestSupport.runtime(new TestSupport.TestClock(T0), random));
        AuthClientSession s = h.newSession(EntityType.MON);
        assertArrayEquals(hex(session + ".auth_request"), s.initialRequest(), "AUTH_REQUEST payload");
        assertArrayEquals(hex(session + ".auth_request_more"), s.handleReplyMore(hex(session + ".auth_reply_more")),
                "AUTH_REQUEST_MORE payload, byte for byte");
        out[0] = s.handleDone(number(session + ".auth_done.global_id"), conMode, secretLength, hex(session + ".auth_done"));
        return h;
    }

    @Test
    void crc_bootstrap_session_yields_the_logged_session_key_and_no_extra_tickets() throws Exception {
        AuthResult[] r = new AuthResult[1];
        try (CephxClientHandler h = replayMonSession("crc.bootstrap", "auth", 1, 0, r)) {
            assertArrayEquals(logKey("crc.bootstrap.log.auth"), r[0].sessionKey());
            assertEquals(0, r[0].connectionSecret().length);
            assertEquals(4138, r[0].globalId());
            assertEquals(1, number("crc.bootstrap.auth_done.con_mode"));
            assertEquals(4138, h.globalId());
            assertEquals(EntityName.CLIENT_ADMIN, r[0].entity());
            assertEquals(ServiceMask.AUTH, h.ticketMask());
        }
    }

    @Test
    void crc_main_session_yields_the_auth_key_and_three_extra_tickets() throws Exception {
        AuthResult[] r = new AuthResult[1];
        try (CephxClientHandler h = replayMonSession("crc.main", "mon osd mgr", 1, 0, r)) {
            assertArrayEquals(logKey("crc.main.log.auth"), r[0].sessionKey());
            assertEquals(0, r[0].connectionSecret().length);
            assertEquals(0x35, h.ticketMask());
            assertArrayEquals(logKey("crc.main.log.mon"), h.ticket(0x01).sessionKey.secretCopy());
            assertArrayEquals(logKey("crc.main.log.osd"), h.ticket(0x04).sessionKey.secretCopy());
            assertArrayEquals(logKey("crc.main.log.mgr"), h.ticket(0x10).sessionKey.secretCopy());
            // validities as issued: AUTH 259200 s, services 3600 s; renew after 3/4
            assertEquals(T0.plusSeconds(259200), h.ticket(ServiceMask.AUTH).expires);
            assertEquals(T0.plusSeconds(3600), h.ticket(0x04).expires);
            assertEquals(T0.plusSeconds(2700), h.ticket(0x04).renewAfter);
            assertEquals(2, h.ticket(0x04).blob.secretId());
            assertTrue(!h.needsRenewal(T0.plusSeconds(2699)));
            assertTrue(h.needsRenewal(T0.plusSeconds(2700)));
        }
    }

    @Test
    void secure_sessions_yield_a_64_byte_connection_secret() throws Exception {
        AuthResult[] r = new AuthResult[1];
        try (CephxClientHandler h = replayMonSession("secure.bootstrap", "auth", 2, 64, r)) {
            assertArrayEquals(logKey("secure.bootstrap.log.auth"), r[0].sessionKey());
            assertEquals(2, number("secure.bootstrap.auth_done.con_mode"));
            assertEquals(64, r[0].connectionSecret().length);
        }
        try (CephxClientHandler h = replayMonSession("secure.main", "mon osd mgr", 2, 64, r)) {
            assertArrayEquals(logKey("secure.main.log.auth"), r[0].sessionKey());
            assertEquals(64, r[0].connectionSecret().length);
            assertArrayEquals(logKey("secure.main.log.osd"), h.ticket(0x04).sessionKey.secretCopy());
            assertArrayEquals(logKey("secure.main.log.mgr"), h.ticket(0x10).sessionKey.secretCopy());
        }
    }

    @Test
    void a_secure_mode_wanting_more_secret_than_the_monitor_sent_fails() throws Exception {
        AuthException e = assertThrows(AuthException.class, () -> replayMonSession("crc.main", "mon osd mgr", 2, 64, new AuthResult[1]));
        assertEquals(AuthException.EACCES, e.errno());
    }

    @Test
    void osd_authorizer_with_challenge_round_is_byte_exact_and_mutually_authenticated() throws Exception {
        AuthResult[] r = new AuthResult[1];
        // the nonce the C++ client drew for the OSD (decrypted independently from the captured authorizer)
        try (CephxClientHandler h = replayMonSession("rados.mon", "mon osd mgr", 1, 0, r, 0xe1849f34b8594e60L)) {
            assertArrayEquals(logKey("rados.mon.log.auth"), r[0].sessionKey());
            assertArrayEquals(logKey("rados.mon.log.osd"), h.ticket(0x04).sessionKey.secretCopy());
            AuthClientSession osd = h.newSession(EntityType.OSD);
            assertArrayEquals(hex("rados.osd.auth_request"), osd.initialRequest(), "authorizer, have_challenge 0");
            assertArrayEquals(hex("rados.osd.auth_request_more"), osd.handleReplyMore(hex("rados.osd.auth_reply_more")),
                    "authorizer answering challenge 0xa839d0613c9aba9b");
            AuthResult done = osd.handleDone(number("rados.osd.auth_done.global_id"), 1, 0, hex("rados.osd.auth_done"));
            assertArrayEquals(logKey("rados.mon.log.osd"), done.sessionKey());
            assertEquals(4150, done.globalId());
            assertEquals(0, done.connectionSecret().length);
        }
    }

    @Test
    void an_osd_reply_to_another_nonce_fails_mutual_authentication() throws Exception {
        AuthResult[] r = new AuthResult[1];
        try (CephxClientHandler h = replayMonSession("rados.mon", "mon osd mgr", 1, 0, r)) {
            AuthClientSession osd = h.newSession(EntityType.OSD); // a fresh random nonce
            osd.initialRequest();
            osd.handleReplyMore(hex("rados.osd.auth_reply_more"));
            AuthException e = assertThrows(AuthException.class,
                    () -> osd.handleDone(4150, 1, 0, hex("rados.osd.auth_done")));
            assertEquals(AuthException.EACCES, e.errno());
            assertTrue(e.getMessage().contains("mutual authentication"));
        }
    }

    /** Our server handler, as a monitor, accepts the real client's proof when it sends the captured challenge. */
    @Test
    void our_monitor_verifies_the_captured_client_proof() throws Exception {
        TestSupport.ScriptedRandom random = new TestSupport.ScriptedRandom();
        AtomicLong ids = new AtomicLong(4137);
        CephxServerHandler mon = new CephxServerHandler(new AuthServerConfig(EntityName.parse("mon.a"),
                TestSupport.keyring("/captures/msgr2-crc.client.admin.keyring"), CephConfig.empty(), ids::incrementAndGet),
                TestSupport.runtime(new TestSupport.TestClock(T0), random));
        random.then(0x07f2bb1881e7e863L); // the challenge the real monitor sent
        AuthServerSession s = mon.newSession(EntityType.CLIENT, 0);
        AuthServerStep more = s.handle(hex("crc.bootstrap.auth_request"), false);
        assertEquals(AuthServerStep.Kind.MORE, more.kind());
        assertArrayEquals(hex("crc.bootstrap.auth_reply_more"), more.payload());
        AuthServerStep done = s.handle(hex("crc.bootstrap.auth_request_more"), true);
        assertEquals(AuthServerStep.Kind.DONE, done.kind());
        assertEquals(4138, done.result().globalId());
        assertEquals(EntityName.CLIENT_ADMIN, done.result().entity());
        assertEquals(16, done.result().sessionKey().length);
        // same shape as the real AUTH_DONE: header, one AUTH ticket, cbl of 4+20, empty extra
        assertEquals(hex("crc.bootstrap.auth_done").length, done.payload().length);
        assertNotNull(mon.toString());
    }
}
