package io.inkwire.auth.cephx.internal;

import static io.inkwire.auth.cephx.internal.TestSupport.exchange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.config.CephConfig;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our client against our server, in memory: a monitor, then osd.0 with the tickets it issued. */
class EndToEndTest {

    private static final int CRC = 1;
    private static final int SECURE = 2;

    private final TestSupport.TestClock clock = new TestSupport.TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final CryptoKey adminKey = TestSupport.randomKey();
    private final CryptoKey osdServiceKey = TestSupport.randomKey();
    private final AtomicLong globalIds = new AtomicLong(4099);
    private CephxServerHandler mon;
    private CephxServerHandler osd;
    private CephxClientHandler client;

    @BeforeEach
    void setUp() throws Exception {
        mon = monitor(CephConfig.empty());
        osd = new CephxServerHandler(new AuthServerConfig(EntityName.parse("osd.0"),
                new TestSupport.MapKeyring().put("osd.", osdServiceKey).put("osd.0", TestSupport.randomKey()),
                CephConfig.empty(), null), rt());
        client = client(adminKey, EntityName.CLIENT_ADMIN, CephConfig.empty());
    }

    @AfterEach
    void tearDown() {
        client.close();
        mon.close();
        osd.close();
    }

    private CephxRuntime rt() {
        return TestSupport.runtime(clock, new java.security.SecureRandom());
    }

    private CephxServerHandler monitor(CephConfig options) throws AuthException {
        // the monitor knows client.admin and the OSD service secret ("osd." = Ceph's general service secret)
        return new CephxServerHandler(new AuthServerConfig(EntityName.parse("mon.a"),
                new TestSupport.MapKeyring().put(EntityName.CLIENT_ADMIN, adminKey).put("osd.", osdServiceKey)
                        .put("mon.", TestSupport.randomKey()),
                options, globalIds::incrementAndGet), rt());
    }

    private CephxClientHandler client(CryptoKey key, EntityName name, CephConfig options) throws AuthException {
        return new CephxClientHandler(new AuthClientConfig(name, new TestSupport.MapKeyring().put(name, key), options), rt());
    }

    private AuthResult[] monSession(CephxClientHandler c, int mode, int secretLength) throws AuthException {
        return exchange(c.newSession(EntityType.MON), mon.newSession(EntityType.CLIENT, secretLength), mode, secretLength);
    }

    private AuthResult[] osdSession(CephxClientHandler c, int mode, int secretLength) throws AuthException {
        return exchange(c.newSession(EntityType.OSD), osd.newSession(EntityType.CLIENT, secretLength), mode, secretLength);
    }

    @Test
    void monitor_session_in_crc_mode() throws Exception {
        AuthResult[] r = monSession(client, CRC, 0);
        assertEquals(4100, r[0].globalId());
        assertEquals(4100, r[1].globalId());
        assertEquals(4100, client.globalId());
        assertEquals(EntityName.CLIENT_ADMIN, r[0].entity());
        assertEquals(EntityName.CLIENT_ADMIN, r[1].entity());
        assertEquals(16, r[0].sessionKey().length);
        assertArrayEquals(r[1].sessionKey(), r[0].sessionKey());
        assertEquals(0, r[0].connectionSecret().length);
        assertEquals(0, r[1].connectionSecret().length);
        assertEquals(0x35, client.ticketMask());
    }

    @Test
    void monitor_session_in_secure_mode_shares_a_64_byte_secret() throws Exception {
        AuthResult[] r = monSession(client, SECURE, 64);
        assertEquals(64, r[0].connectionSecret().length);
        assertArrayEquals(r[1].connectionSecret(), r[0].connectionSecret());
        assertFalse(Arrays.equals(new byte[64], r[0].connectionSecret()));
        AuthResult[] again = monSession(client, SECURE, 64);
        assertFalse(Arrays.equals(r[0].connectionSecret(), again[0].connectionSecret()));
        assertFalse(Arrays.equals(r[0].sessionKey(), again[0].sessionKey()));
    }

    @Test
    void a_wrong_key_is_refused_with_eacces() throws Exception {
        try (CephxClientHandler impostor = client(TestSupport.randomKey(), EntityName.CLIENT_ADMIN, CephConfig.empty())) {
            AuthException e = assertThrows(AuthException.class, () -> monSession(impostor, CRC, 0));
            assertEquals(AuthException.EACCES, e.errno());
            assertTrue(e.getMessage().contains("client.admin"), e.getMessage());
            assertFalse(e.getMessage().contains(adminKey.toBase64()));
            assertEquals(0, impostor.globalId());
        }
        assertEquals(4099, globalIds.get(), "no global id is spent on a failed proof");
    }

    @Test
    void an_unknown_entity_is_refused_with_eacces_naming_it() throws Exception {
        try (CephxClientHandler nobody = client(TestSupport.randomKey(), EntityName.parse("client.nobody"), CephConfig.empty())) {
            AuthException e = assertThrows(AuthException.class, () -> monSession(nobody, CRC, 0));
            assertEquals(AuthException.EACCES, e.errno());
            assertTrue(e.getMessage().contains("client.nobody"), e.getMessage());
        }
    }

    @Test
    void service_tickets_open_osd_sessions_with_mutual_authentication() throws Exception {
        monSession(client, SECURE, 64);
        AuthResult[] crc = osdSession(client, CRC, 0);
        assertArrayEquals(crc[1].sessionKey(), crc[0].sessionKey());
        assertArrayEquals(client.ticket(0x04).sessionKey.secretCopy(), crc[0].sessionKey());
        assertEquals(EntityName.CLIENT_ADMIN, crc[1].entity());
        assertEquals(4100, crc[1].globalId());
        assertEquals(0, crc[0].connectionSecret().length);

        AuthResult[] secure = osdSession(client, SECURE, 64);
        assertEquals(64, secure[0].connectionSecret().length);
        assertArrayEquals(secure[1].connectionSecret(), secure[0].connectionSecret());
    }

    @Test
    void the_osd_challenges_every_authorizer_and_answers_v1_in_crc_and_v2_in_secure() throws Exception {
        monSession(client, CRC, 0);
        CephxKey sessionKey = client.ticket(0x04).sessionKey.copy();
        for (int len : new int[] {0, 64}) {
            AuthClientSession c = client.newSession(EntityType.OSD);
            AuthServerSession s = osd.newSession(EntityType.CLIENT, len);
            AuthServerStep more = s.handle(c.initialRequest(), false);
            assertEquals(AuthServerStep.Kind.MORE, more.kind());
            assertEquals(32, more.payload().length, "enc_bl(CephXAuthorizeChallenge): bare ciphertext");
            AuthServerStep done = s.handle(c.handleReplyMore(more.payload()), true);
            try (CephxCipher.Plaintext p = TestSupport.CIPHER.decrypt(new io.inkwire.wire.CephDecoder(done.payload(), "t"),
                    sessionKey, "t")) {
                assertEquals(len == 0 ? 1 : 2, p.decoder().u8());
            }
            c.handleDone(done.result().globalId(), len == 0 ? CRC : SECURE, len, done.payload());
        }
    }

    @Test
    void no_ticket_for_a_service_means_no_session() throws Exception {
        try (CephxClientHandler monOnly = client(adminKey, EntityName.CLIENT_ADMIN,
                CephConfig.empty().with(ServiceMask.WANT_KEYS_OPTION, "mon"))) {
            AuthException before = assertThrows(AuthException.class, () -> monOnly.newSession(EntityType.OSD));
            assertEquals(AuthException.EACCES, before.errno());
            monSession(monOnly, CRC, 0);
            assertEquals(0x21, monOnly.ticketMask());
            AuthException after = assertThrows(AuthException.class, () -> monOnly.newSession(EntityType.OSD));
            assertTrue(after.getMessage().contains("osd"), after.getMessage());
        }
    }

    @Test
    void a_replayed_authorizer_is_refused() throws Exception {
        monSession(client, CRC, 0);
        AuthClientSession c = client.newSession(EntityType.OSD);
        byte[] first = c.initialRequest();
        AuthServerSession s = osd.newSession(EntityType.CLIENT, 0);
        byte[] answer = c.handleReplyMore(s.handle(first, false).payload());
        AuthServerStep done = s.handle(answer, true);
        c.handleDone(done.result().globalId(), CRC, 0, done.payload());

        // the same authorizer again, as a new connection: its nonce was used
        AuthException replay = assertThrows(AuthException.class, () -> osd.newSession(EntityType.CLIENT, 0).handle(first, false));
        assertEquals(AuthException.EACCES, replay.errno());
        assertTrue(replay.getMessage().contains("replayed"), replay.getMessage());
        // the answered authorizer (have_challenge = 1) as a first request fares no better
        assertEquals(AuthException.EACCES,
                assertThrows(AuthException.class, () -> osd.newSession(EntityType.CLIENT, 0).handle(answer, false)).errno());
    }

    @Test
    void an_answer_to_another_connections_challenge_is_refused() throws Exception {
        monSession(client, CRC, 0);
        AuthClientSession c = client.newSession(EntityType.OSD);
        byte[] first = c.initialRequest();
        AuthServerSession s1 = osd.newSession(EntityType.CLIENT, 0);
        AuthServerSession s2 = osd.newSession(EntityType.CLIENT, 0);
        byte[] answerToS1 = c.handleReplyMore(s1.handle(first, false).payload());
        s2.handle(first, false); // s2 draws its own challenge
        AuthException e = assertThrows(AuthException.class, () -> s2.handle(answerToS1, true));
        assertEquals(AuthException.EACCES, e.errno());
        assertTrue(e.getMessage().contains("challenge"), e.getMessage());
        // and a failed session stays failed
        assertThrows(AuthException.class, () -> s2.handle(answerToS1, true));
    }

    /**
     * Offsets of what cephx checks in an authorizer ({@link Authorizer}): the plain global_id,
     * service_id and secret_id, and the first AES block of each ciphertext, which holds the
     * AUTH_ENC_MAGIC (a flip there garbles the whole block, so the magic, deterministically).
     * The later blocks are not checked by cephx on the first request (padding aside, which
     * accepts a garbled last block about once in 256), so they are not corrupted here.
     */
    private static int[] checkedByTheFirstRound(byte[] authorizer) throws Exception {
        Authorizer a = Authorizer.decode(new CephDecoder(authorizer, "t"));
        int authorizeStart = authorizer.length - a.encryptedAuthorize().length;
        int ticketStart = authorizeStart - 4 - a.ticket().blob().length;
        return Stream.of(
                IntStream.rangeClosed(1, 12),                              // global_id, service_id
                IntStream.rangeClosed(14, 21),                             // the ticket's secret_id
                IntStream.range(ticketStart, ticketStart + 16),            // the ticket's magic block
                IntStream.range(authorizeStart, authorizeStart + 16))      // CephXAuthorize's magic block
                .flatMapToInt(r -> r).toArray();
    }

    @Test
    void a_corrupted_authorizer_is_refused() throws Exception {
        monSession(client, CRC, 0);
        byte[] good = client.newSession(EntityType.OSD).initialRequest();
        for (int at : checkedByTheFirstRound(good)) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[at] ^= (byte) (1 << bit);
                AuthException e = assertThrows(AuthException.class, () -> osd.newSession(EntityType.CLIENT, 0).handle(bad, false),
                        "bit " + bit + " of byte " + at + " flipped");
                assertEquals(AuthException.EACCES, e.errno(), e.getMessage());
            }
        }
        // the uncorrupted authorizer still passes this round: the refusals above are the corruption's
        assertEquals(AuthServerStep.Kind.MORE, osd.newSession(EntityType.CLIENT, 0).handle(good, false).kind());
        // truncated, and a hostile length field: clean EPERM, no allocation
        byte[] cut = Arrays.copyOf(good, good.length - 20);
        assertEquals(AuthException.EPERM, assertThrows(AuthException.class,
                () -> osd.newSession(EntityType.CLIENT, 0).handle(cut, false)).errno());
        int ticketStart = 1 + 8 + 4 + 1 + 8 + 4;
        byte[] hostile = good.clone();
        hostile[ticketStart - 4] = (byte) 0xff;
        hostile[ticketStart - 1] = (byte) 0x7f;
        assertEquals(AuthException.EPERM, assertThrows(AuthException.class,
                () -> osd.newSession(EntityType.CLIENT, 0).handle(hostile, false)).errno());
    }

    /**
     * The answer to the challenge is checked whole: the same ticket byte for byte, and inside the
     * CephXAuthorize the nonce, have_challenge and server_challenge + 1, which fill the last block.
     * So every bit of it counts, except the two version bytes cephx ignores (the authorizer's
     * leading u8 and CephXTicketBlob's struct_v, as cephx_verify_authorizer does).
     */
    @Test
    void a_corrupted_answer_to_the_challenge_is_refused() throws Exception {
        monSession(client, CRC, 0);
        AuthServerSession intact = osd.newSession(EntityType.CLIENT, 0);
        byte[] answer = answerTo(client.newSession(EntityType.OSD), intact);
        assertEquals(AuthServerStep.Kind.DONE, intact.handle(answer, true).kind(), "the uncorrupted answer is accepted");
        int ignoredStructV = 1 + 8 + 4;
        for (int at = 1; at < answer.length; at++) {
            if (at == ignoredStructV) {
                continue;
            }
            for (int bit = 0; bit < 8; bit++) {
                AuthServerSession s = osd.newSession(EntityType.CLIENT, 0);
                byte[] bad = answerTo(client.newSession(EntityType.OSD), s);
                bad[at] ^= (byte) (1 << bit);
                assertThrows(AuthException.class, () -> s.handle(bad, true), "bit " + bit + " of byte " + at + " flipped");
            }
        }
        // A garbled last block is refused above by its padding, except about once in 256: then the
        // fields in it must be refused by their own checks. Present each bit of them altered.
        CephxKey sessionKey = client.ticket(0x04).sessionKey; // the OSD ticket
        for (int bit = 0; bit < 129; bit++) {
            int b = bit;
            AuthServerSession s = osd.newSession(EntityType.CLIENT, 0);
            Authorizer a = Authorizer.decode(new CephDecoder(answerTo(client.newSession(EntityType.OSD), s), "t"));
            Authorize az = a.open(TestSupport.CIPHER, sessionKey);
            Authorize altered = b < 64 ? new Authorize(az.nonce() ^ 1L << b, true, az.serverChallengePlusOne())
                    : b < 128 ? new Authorize(az.nonce(), true, az.serverChallengePlusOne() ^ 1L << (b - 64))
                    : new Authorize(az.nonce(), false, az.serverChallengePlusOne());
            byte[] bad = Authorizer.build(TestSupport.CIPHER, a.globalId(), a.serviceId(), a.ticket(), sessionKey, altered);
            assertEquals(AuthException.EACCES, assertThrows(AuthException.class, () -> s.handle(bad, true), altered.toString()).errno());
        }
    }

    /** A connection's answer to its own challenge (the second authorizer). */
    private static byte[] answerTo(AuthClientSession c, AuthServerSession s) throws AuthException {
        return c.handleReplyMore(s.handle(c.initialRequest(), false).payload());
    }

    @Test
    void a_ticket_for_another_service_or_from_another_authority_is_refused() throws Exception {
        monSession(client, CRC, 0);
        // the MGR ticket presented to osd.0
        AuthException wrongService = assertThrows(AuthException.class,
                () -> exchange(client.newSession(EntityType.MGR), osd.newSession(EntityType.CLIENT, 0), CRC, 0));
        assertTrue(wrongService.getMessage().contains("mgr"), wrongService.getMessage());
        // an OSD that does not share the monitor's osd. secret cannot read the ticket
        try (CephxServerHandler stranger = new CephxServerHandler(new AuthServerConfig(EntityName.parse("osd.1"),
                new TestSupport.MapKeyring().put("osd.", TestSupport.randomKey()), CephConfig.empty(), null), rt())) {
            AuthException e = assertThrows(AuthException.class,
                    () -> exchange(client.newSession(EntityType.OSD), stranger.newSession(EntityType.CLIENT, 0), CRC, 0));
            assertEquals(AuthException.EACCES, e.errno());
        }
    }

    @Test
    void the_client_notices_a_forged_authorize_reply() throws Exception {
        monSession(client, CRC, 0);
        AuthClientSession c = client.newSession(EntityType.OSD);
        AuthServerSession s = osd.newSession(EntityType.CLIENT, 0);
        AuthServerStep done = s.handle(c.handleReplyMore(s.handle(c.initialRequest(), false).payload()), true);
        byte[] forged = done.payload().clone();
        forged[forged.length - 20] ^= 1; // last-but-one block: the nonce_plus_one
        AuthException e = assertThrows(AuthException.class, () -> c.handleDone(4100, CRC, 0, forged));
        assertEquals(AuthException.EACCES, e.errno());
    }

    @Test
    void a_reconnect_reclaims_the_global_id_with_the_old_ticket() throws Exception {
        AuthResult[] first = monSession(client, CRC, 0);
        byte[] request = client.newSession(EntityType.MON).initialRequest();
        assertEquals(4100, java.nio.ByteBuffer.wrap(request, request.length - 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        AuthResult[] second = monSession(client, SECURE, 64); // ticket_enc = 1 on this reply
        assertEquals(4100, second[0].globalId());
        assertEquals(4100, second[1].globalId());
        assertFalse(Arrays.equals(first[0].sessionKey(), second[0].sessionKey()));
        assertEquals(4100, globalIds.get());
    }

    @Test
    void a_reclaim_without_a_valid_ticket_is_refused() throws Exception {
        monSession(client, CRC, 0);
        // a restarted monitor: its AUTH secret is new, the old ticket is unreadable
        mon.close();
        mon = monitor(CephConfig.empty());
        AuthException e = assertThrows(AuthException.class, () -> monSession(client, CRC, 0));
        assertEquals(AuthException.EACCES, e.errno());
        assertTrue(e.getMessage().contains("reclaim"), e.getMessage());
    }

    @Test
    void a_fresh_start_presenting_an_old_ticket_is_einval() throws Exception {
        monSession(client, CRC, 0);
        TicketBlob old = client.ticket(ServiceMask.AUTH).blob;
        AuthServerSession s = mon.newSession(EntityType.CLIENT, 0);
        byte[] req = new CephEncoder().u8(10).entityName(EntityName.CLIENT_ADMIN).u64(0).toByteArray();
        long challenge = ServerChallenge.decode(new io.inkwire.wire.CephDecoder(s.handle(req, false).payload(), "t")).serverChallenge();
        CephEncoder more = new CephEncoder().u16(CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY);
        CephxKey k = CephxKey.of(adminKey);
        new Authenticate(3, 7, KeyProof.compute(TestSupport.CIPHER, k, challenge, 7), old, 0x20).encode(more);
        AuthException e = assertThrows(AuthException.class, () -> s.handle(more.toByteArray(), true));
        assertEquals(AuthException.EINVAL, e.errno());
    }

    @Test
    void a_non_monitor_refuses_monitor_authentication() throws Exception {
        AuthException e = assertThrows(AuthException.class,
                () -> exchange(client.newSession(EntityType.MON), osd.newSession(EntityType.CLIENT, 0), CRC, 0));
        assertEquals(AuthException.EACCES, e.errno());
        assertTrue(e.getMessage().contains("osd.0"), e.getMessage());
    }

    @Test
    void short_ticket_ttls_ask_for_renewal_after_three_quarters() throws Exception {
        mon.close();
        mon = monitor(CephConfig.empty().with("auth_service_ticket_ttl", "40").with("auth_mon_ticket_ttl", "400"));
        Instant t0 = clock.instant();
        AuthServerSession monSide = mon.newSession(EntityType.CLIENT, 0);
        exchange(client.newSession(EntityType.MON), monSide, CRC, 0);
        assertEquals(t0.plusSeconds(40), client.ticket(0x04).expires);
        assertFalse(client.needsRenewal(t0.plusSeconds(29)));
        assertTrue(client.needsRenewal(t0.plusSeconds(30)));

        // service tickets: CEPHX_GET_PRINCIPAL_SESSION_KEY with an authorizer on the AUTH ticket
        clock.advance(Duration.ofSeconds(30));
        byte[] oldOsdKey = client.ticket(0x04).sessionKey.secretCopy();
        byte[] request = client.buildRenewalRequest(clock.instant());
        assertEquals(CephxRequestHeader.CEPHX_GET_PRINCIPAL_SESSION_KEY, (request[0] & 0xff) | (request[1] & 0xff) << 8);
        AuthServerStep reply = monSide.handle(request, true);
        assertEquals(AuthServerStep.Kind.DONE, reply.kind());
        client.handleRenewalReply(0, reply.payload(), clock.instant());
        assertFalse(client.needsRenewal(clock.instant()));
        assertFalse(Arrays.equals(oldOsdKey, client.ticket(0x04).sessionKey.secretCopy()));
        assertEquals(clock.instant().plusSeconds(40), client.ticket(0x04).expires);
        osdSession(client, CRC, 0); // the renewed ticket works

        // the AUTH ticket: CEPHX_GET_AUTH_SESSION_KEY with the old ticket, same global id
        clock.advance(Duration.ofSeconds(270)); // t0 + 300 = 3/4 of 400
        assertTrue(client.needsRenewal(clock.instant()));
        byte[] oldAuthKey = client.ticket(ServiceMask.AUTH).sessionKey.secretCopy();
        request = client.buildRenewalRequest(clock.instant());
        assertEquals(CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY, (request[0] & 0xff) | (request[1] & 0xff) << 8);
        reply = monSide.handle(request, true);
        client.handleRenewalReply(0, reply.payload(), clock.instant());
        assertFalse(Arrays.equals(oldAuthKey, client.ticket(ServiceMask.AUTH).sessionKey.secretCopy()));
        assertEquals(4100, client.globalId());
        assertFalse(client.needsRenewal(clock.instant()));
        osdSession(client, CRC, 0);
        // and the renewed AUTH ticket still reclaims the global id on a new connection
        assertEquals(4100, monSession(client, CRC, 0)[1].globalId());
    }

    @Test
    void an_expired_service_ticket_is_refused_on_both_sides() throws Exception {
        mon.close();
        mon = monitor(CephConfig.empty().with("auth_service_ticket_ttl", "40"));
        monSession(client, CRC, 0);
        AuthClientSession early = client.newSession(EntityType.OSD);
        clock.advance(Duration.ofSeconds(41));
        AuthException server = assertThrows(AuthException.class,
                () -> exchange(early, osd.newSession(EntityType.CLIENT, 0), CRC, 0));
        assertTrue(server.getMessage().contains("expired"), server.getMessage());
        AuthException local = assertThrows(AuthException.class, () -> client.newSession(EntityType.OSD));
        assertTrue(local.getMessage().contains("expired"), local.getMessage());
    }

    @Test
    void a_refused_renewal_surfaces_the_monitors_errno() throws Exception {
        monSession(client, CRC, 0);
        AuthException e = assertThrows(AuthException.class, () -> client.handleRenewalReply(-13, new byte[0], clock.instant()));
        assertEquals(-13, e.errno());
        byte[] statusEperm = new CephEncoder().u16(CephxRequestHeader.CEPHX_GET_PRINCIPAL_SESSION_KEY).u32(0xffffffffL).toByteArray();
        assertEquals(AuthException.EPERM,
                assertThrows(AuthException.class, () -> client.handleRenewalReply(0, statusEperm, clock.instant())).errno());
    }

    @Test
    void renewal_requests_from_another_entity_are_refused() throws Exception {
        CryptoKey otherKey = TestSupport.randomKey();
        CephxServerHandler twoUsers = new CephxServerHandler(new AuthServerConfig(EntityName.parse("mon.a"),
                new TestSupport.MapKeyring().put(EntityName.CLIENT_ADMIN, adminKey).put("client.bob", otherKey),
                CephConfig.empty(), globalIds::incrementAndGet), rt());
        try (CephxClientHandler bob = client(otherKey, EntityName.parse("client.bob"), CephConfig.empty())) {
            AuthServerSession adminSide = twoUsers.newSession(EntityType.CLIENT, 0);
            exchange(client.newSession(EntityType.MON), adminSide, CRC, 0);
            exchange(bob.newSession(EntityType.MON), twoUsers.newSession(EntityType.CLIENT, 0), CRC, 0);
            // bob's principal request sent over admin's session
            AuthException e = assertThrows(AuthException.class,
                    () -> adminSide.handle(bob.buildRenewalRequest(clock.instant()), true));
            assertEquals(AuthException.EACCES, e.errno());
            // the session survives a refused follow-up
            assertEquals(AuthServerStep.Kind.DONE, adminSide.handle(client.buildRenewalRequest(clock.instant()), true).kind());
        } finally {
            twoUsers.close();
        }
    }

    @Test
    void nothing_secret_shows_in_tostring() throws Exception {
        AuthResult[] r = monSession(client, SECURE, 64);
        String key = HexFormat.of().formatHex(r[0].sessionKey());
        for (String s : new String[] {client.toString(), r[0].toString(), mon.toString(), String.valueOf(client.ticket(0x04))}) {
            assertFalse(s.contains(key), s);
            assertFalse(s.contains(adminKey.toBase64()), s);
        }
    }

    @Test
    void close_wipes_the_tickets() throws Exception {
        monSession(client, CRC, 0);
        CephxKey held = client.ticket(0x04).sessionKey;
        client.close();
        assertArrayEquals(new byte[16], held.secretCopy());
        assertEquals(0, client.ticketMask());
        assertThrows(AuthException.class, () -> client.newSession(EntityType.MON).initialRequest());
    }
}
