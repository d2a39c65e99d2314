package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.config.CephConfig;
import io.inkwire.monclient.MonClient;
import io.inkwire.monclient.MonCommandResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * cephx against a real monitor and OSD (modes "crc secure", service tickets living 30 s so that a
 * test can watch them being renewed).
 */
class CephxMonitorAndOsdTest {

    static final int TICKET_TTL = 30;

    @RegisterExtension
    static final CephLab LAB = CephLab.create("cephx", 13310, 16799).auth("cephx").mode("crc secure").osd().serviceTicketTtl(TICKET_TTL);

    private static String conf() {
        return LAB.conf().toString();
    }

    @Test
    void status_with_cephx_reports_the_cluster_and_the_monitor_logs_the_entity() throws Exception {
        CephLab.Result r = Inkwire.run("-c", conf(), "-k", LAB.adminKeyring().toString(), "status", "-f", "json", "-v");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"fsid\":\"" + LAB.ceph("fsid").out().trim() + "\""), r.out());
        assertTrue(r.err().contains("auth=cephx"), r.err());
        Matcher gid = Pattern.compile("peer_type=mon global_id=(\\d+)").matcher(r.err());
        assertTrue(gid.find(), r.err());
        // the monitor's audit log names the authenticated entity and the global id it gave us
        String expected = "from='client." + gid.group(1) + " ";
        String log = LAB.monLog();
        assertTrue(log.contains(expected) && log.contains("entity='client.admin' cmd=[{\"prefix\":\"status\",\"format\":\"json\"}]"),
                "mon log lacks " + expected);
    }

    @Test
    void the_mode_options_choose_secure_or_crc() throws Exception {
        CephLab.Result secure = Inkwire.run("-c", conf(), "--ms_mon_client_mode=secure", "-v", "status");
        assertEquals(0, secure.exit(), secure.err());
        assertTrue(secure.err().contains("auth=cephx mode=secure"), secure.err());
        CephLab.Result crc = Inkwire.run("-c", conf(), "--ms_mon_client_mode", "crc", "-v", "status");
        assertEquals(0, crc.exit(), crc.err());
        assertTrue(crc.err().contains("auth=cephx mode=crc"), crc.err());
    }

    /**
     * The secure mode's GCM warm-up (a quarter of a CPU second) starts with the first session that
     * may carry object data: an OSD's, not a monitor's. Seen from outside by whether the JVM ever
     * loads the warm-up's class.
     */
    @Test
    void a_secure_monitor_session_does_not_warm_up_gcm_and_a_secure_osd_session_does() throws Exception {
        CephLab.Result mon = CephLab.run(withClassLoading(Inkwire.command("-c", conf(), "--ms_mon_client_mode=secure", "-v",
                "-f", "json", "status")), 120);
        assertEquals(0, mon.exit(), mon.err());
        assertTrue(mon.err().contains("auth=cephx mode=secure peer_type=mon"), mon.err());
        assertTrue(mon.out().contains("io.inkwire.mode.secure.internal.SecureFrameCodec "), "secure mode ran");
        assertFalse(mon.out().contains(GCM_WARM_UP), "no warm-up for a monitor session");

        CephLab.Result osd = CephLab.run(withClassLoading(Inkwire.command("-c", conf(), "--ms_mon_client_mode=secure", "-v",
                "--ms_client_mode", "secure", "tell", "osd.0", "{\"prefix\": \"version\"}")), 120);
        assertEquals(0, osd.exit(), osd.err());
        assertTrue(osd.err().contains("mode=secure peer_type=osd"), osd.err());
        assertTrue(osd.out().contains(GCM_WARM_UP), "the OSD session started the warm-up");
    }

    private static final String GCM_WARM_UP = "io.inkwire.mode.secure.internal.GcmWarmUp ";

    /** The command with the JVM logging each class it loads to stdout. */
    private static List<String> withClassLoading(List<String> cmd) {
        List<String> c = new ArrayList<>(cmd);
        c.add(1, "-Xlog:class+load=info");
        return c;
    }

    @Test
    void a_wrong_key_an_unknown_entity_and_a_keyring_without_the_entity_fail_clearly(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("wrong.keyring");
        Files.writeString(wrong, "[client.admin]\n\tkey = AQAAAAAAAAAAABAAAAECAwQFBgcICQoLDA0ODw==\n"
                + "[client.nobody]\n\tkey = AQAAAAAAAAAAABAAAAECAwQFBgcICQoLDA0ODw==\n");
        long start = System.nanoTime();
        CephLab.Result wrongKey = Inkwire.run("-c", conf(), "-k", wrong.toString(), "--client_mount_timeout", "20", "status");
        assertEquals(13, wrongKey.exit(), wrongKey.err());
        assertTrue(wrongKey.err().contains("authentication refused by the mon (EACCES -13)"), wrongKey.err());

        CephLab.Result unknown = Inkwire.run("-c", conf(), "-k", wrong.toString(), "-n", "client.nobody", "--client_mount_timeout", "20", "status");
        assertEquals(13, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("client.nobody"), unknown.err());

        CephLab.Result missing = Inkwire.run("-c", conf(), "-k", LAB.adminKeyring().toString(), "--id", "bob", "--client_mount_timeout", "20",
                "status");
        assertNotEquals(0, missing.exit());
        assertTrue(missing.err().contains("client.bob") && missing.err().contains(LAB.adminKeyring().toString()), missing.err());
        for (CephLab.Result r : List.of(wrongKey, unknown, missing)) {
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "all three fail fast, not at the mount timeout");
    }

    @Test
    void tell_reaches_the_osd_with_the_authorizer_in_crc_and_secure_mode() throws Exception {
        for (String mode : new String[] {"crc", "secure"}) {
            CephLab.Result r = Inkwire.run("-c", conf(), "-v", "--ms_client_mode", mode, "tell", "osd.0", "{\"prefix\": \"version\"}");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("\"version\": \"16.2.15\""), r.out());
            assertTrue(r.err().matches("(?s).*peer=v2:127\\.0\\.0\\.1:\\d+/\\d+ proto=msgr2 rev=1 auth=cephx mode=" + mode + " peer_type=osd.*"), r.err());
        }
    }

    @Test
    void a_corrupted_authorizer_is_rejected_by_the_osd() throws Exception {
        MessengerConfig cfg = Providers.forLab(LAB.conf(), CephConfig.empty()).build();
        List<AuthProvider> corrupting = new ArrayList<>();
        for (AuthProvider p : cfg.authProviders()) {
            corrupting.add(p.name().equals("cephx") ? new CorruptingProvider(p) : p);
        }
        cfg = MessengerConfig.builder(cfg.name()).options(cfg.options()).keyring(cfg.keyring()).authProviders(corrupting)
                .modes(cfg.modes()).codecs(cfg.codecs()).build();
        try (MonClient mc = MonClient.connect(Providers.transport(), cfg, Providers.monitors(LAB.conf()), Duration.ofSeconds(30))) {
            EntityAddr osd = osdAddress(mc);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> mc.messenger().connect(osd, EntityType.OSD).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof AuthException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("refused by the osd"), e.getCause().getMessage());
        }
    }

    @Test
    void a_monitor_session_renews_its_tickets_and_keeps_working() throws Exception {
        MessengerConfig cfg = Providers.forLab(LAB.conf(), CephConfig.empty()).build();
        try (MonClient mc = MonClient.connect(Providers.transport(), cfg, Providers.monitors(LAB.conf()), Duration.ofSeconds(30))) {
            Instant start = Instant.now();
            EntityAddr osd = osdAddress(mc);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TICKET_TTL + 20);
            while (mc.ticketRenewals() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertTrue(mc.ticketRenewals() > 0, "no ticket renewal within " + (TICKET_TTL + 20) + " s");
            // past the first tickets' lifetime: the session and a new OSD connection still work
            while (Duration.between(start, Instant.now()).getSeconds() <= TICKET_TTL + 1) {
                Thread.sleep(500);
            }
            MonCommandResult r = mc.command("{\"prefix\": \"fsid\"}", new byte[0]).get(30, TimeUnit.SECONDS);
            assertEquals(mc.fsid().toString(), r.outputText().trim());
            Connection c = mc.messenger().connect(osd, EntityType.OSD).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(c.isOpen());
            c.close();
        }
    }

    private static EntityAddr osdAddress(MonClient mc) throws Exception {
        MonCommandResult found = mc.commandOrThrow("{\"prefix\": \"osd find\", \"id\": 0, \"format\": \"json\"}", new byte[0], Duration.ofSeconds(30));
        Matcher m = Pattern.compile("\\{\"type\":\"v2\",\"addr\":\"([^\"]+)\",\"nonce\":(\\d+)\\}").matcher(found.outputText());
        assertTrue(m.find(), found.outputText());
        return EntityAddr.parse("v2:" + m.group(1) + "/" + m.group(2), AddrType.MSGR2);
    }

    /**
     * cephx, except that every authorizer sent to an OSD (the first and the one answering the OSD's
     * challenge) has one bit flipped in the first cipher block of its encrypted CephXAuthorize. CBC
     * garbles that whole plaintext block, which holds the struct version and the magic the OSD
     * checks ({@code CephxProtocol.cc} decode_decrypt), so the OSD refuses every time; a flip in the
     * last block would only garble the padding, which Ceph's decrypt trims without checking
     * ({@code src/auth/Crypto.cc}).
     */
    private static final class CorruptingProvider implements AuthProvider {
        private final AuthProvider real;

        CorruptingProvider(AuthProvider real) {
            this.real = real;
        }

        /**
         * The authorizer is {@code u8 mode, u64 global_id, u32 service_id, CephXTicketBlob (u8 v,
         * u64 secret_id, u32 len, blob), u32 len, ciphertext}; flips the lowest bit of the
         * ciphertext's second byte (first AES block).
         */
        static byte[] corruptFirstCipherBlock(byte[] b) {
            ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int ticketLen = in.getInt(1 + 8 + 4 + 1 + 8);
            int encLenAt = 1 + 8 + 4 + 1 + 8 + 4 + ticketLen;
            int encLen = in.getInt(encLenAt);
            if (encLen < 16 || encLenAt + 4 + encLen != b.length) {
                throw new AssertionError("not an authorizer: " + b.length + " bytes, ticket " + ticketLen + ", encrypted " + encLen);
            }
            b[encLenAt + 4 + 1] ^= 0x01;
            return b;
        }

        @Override
        public int method() {
            return real.method();
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public boolean providesConnectionSecret() {
            return real.providesConnectionSecret();
        }

        @Override
        public AuthServerHandler newServerHandler(AuthServerConfig config) throws AuthException {
            return real.newServerHandler(config);
        }

        @Override
        public AuthClientHandler newClientHandler(AuthClientConfig config) throws AuthException {
            AuthClientHandler h = real.newClientHandler(config);
            return new AuthClientHandler() {
                @Override
                public AuthClientSession newSession(EntityType peerType) throws AuthException {
                    AuthClientSession s = h.newSession(peerType);
                    if (peerType == EntityType.MON) {
                        return s;
                    }
                    return new AuthClientSession() {
                        @Override
                        public byte[] initialRequest() throws AuthException {
                            return corruptFirstCipherBlock(s.initialRequest());
                        }

                        @Override
                        public byte[] handleReplyMore(byte[] payload) throws AuthException {
                            return corruptFirstCipherBlock(s.handleReplyMore(payload));
                        }

                        @Override
                        public AuthResult handleDone(long globalId, int conMode, int len, byte[] payload) throws AuthException {
                            return s.handleDone(globalId, conMode, len, payload);
                        }

                        @Override
                        public void close() {
                            s.close();
                        }
                    };
                }

                @Override
                public long globalId() {
                    return h.globalId();
                }

                @Override
                public boolean needsRenewal(Instant now) {
                    return h.needsRenewal(now);
                }

                @Override
                public byte[] buildRenewalRequest(Instant now) throws AuthException {
                    return h.buildRenewalRequest(now);
                }

                @Override
                public void handleRenewalReply(int result, byte[] payload, Instant now) throws AuthException {
                    h.handleRenewalReply(result, payload, now);
                }

                @Override
                public void close() {
                    h.close();
                }
            };
        }
    }
}
