package io.inkwire.auth.gss.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.wire.CephEncoder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the acceptor refuses before any Kerberos token is looked at (no KDC, no keytab needed). */
class GssServerSessionTest {

    static final EntityName ALICE = EntityName.parse("client.alice");

    @TempDir
    Path dir;

    GssServerHandler handler(EntityName self, boolean globalIds) throws Exception {
        CephConfig o = CephConfig.of(Map.of("gss_ktab_service_file", dir.resolve("missing.keytab").toString(), "gss_target_name", "ceph@localhost"));
        AtomicLong ids = new AtomicLong(5000);
        return new GssServerHandler(new AuthServerConfig(self, Keyring.empty(), o, globalIds ? ids::getAndIncrement : null), k -> null);
    }

    static byte[] request(int mode) {
        return new CephEncoder().u8(mode).entityName(ALICE).u64(0).toByteArray();
    }

    @Test
    void cephs_allow_all_authorizer_without_a_kerberos_token_is_refused() throws Exception {
        try (GssServerHandler h = handler(EntityName.parse("osd.0"), false);
             AuthServerSession s = h.newSession(EntityType.CLIENT, 0)) {
            AuthException e = assertThrows(AuthException.class, () -> s.handle(request(AuthProvider.AUTH_MODE_AUTHORIZER), false));
            assertEquals(AuthException.EACCES, e.errno());
            assertTrue(e.getMessage().contains("carries no Kerberos AP-REQ"), e.getMessage());
        }
    }

    @Test
    void a_monitor_answers_the_first_request_with_gss_mutual_as_ceph_does() throws Exception {
        try (GssServerHandler h = handler(EntityName.parse("mon.a"), true);
             AuthServerSession s = h.newSession(EntityType.CLIENT, 0)) {
            AuthServerStep step = s.handle(request(AuthProvider.AUTH_MODE_MON), false);
            assertEquals(AuthServerStep.Kind.MORE, step.kind());
            assertArrayEquals(new byte[] {0x00, 0x01}, step.payload(), "KrbResponse{GSS_MUTUAL}");
            // the token round needs the service keytab, which is missing here: refused, naming the file
            byte[] token = KrbWire.tokenBlob(KrbWire.code(new CephEncoder(), KrbWire.GSS_TOKEN), new byte[] {1, 2, 3}).toByteArray();
            AuthException e = assertThrows(AuthException.class, () -> s.handle(token, true));
            assertEquals(AuthException.EACCES, e.errno());
            assertTrue(e.getMessage().contains("missing.keytab"), e.getMessage());
        }
    }

    @Test
    void a_monitor_session_to_a_non_monitor_is_refused() throws Exception {
        try (GssServerHandler h = handler(EntityName.parse("osd.0"), true);
             AuthServerSession s = h.newSession(EntityType.CLIENT, 0)) {
            assertEquals(AuthException.EACCES, assertThrows(AuthException.class, () -> s.handle(request(AuthProvider.AUTH_MODE_MON), false)).errno());
        }
    }

    @Test
    void malformed_and_out_of_order_payloads_are_eperm() throws Exception {
        try (GssServerHandler h = handler(EntityName.parse("mon.a"), true)) {
            for (byte[] bad : new byte[][] {new byte[0], {10}, {10, 8, 0, 0, 0}, request(7),
                new CephEncoder().u8(AuthProvider.AUTH_MODE_MON).entityName(ALICE).u64(0).u8(0).toByteArray()}) {
                try (AuthServerSession s = h.newSession(EntityType.CLIENT, 0)) {
                    assertEquals(AuthException.EPERM, assertThrows(AuthException.class, () -> s.handle(bad, false)).errno());
                }
            }
            try (AuthServerSession s = h.newSession(EntityType.CLIENT, 0)) {
                assertEquals(AuthException.EPERM, assertThrows(AuthException.class, () -> s.handle(new byte[] {0, 2}, true)).errno(),
                        "AUTH_REQUEST_MORE first");
            }
            try (AuthServerSession s = h.newSession(EntityType.CLIENT, 0)) {
                s.handle(request(AuthProvider.AUTH_MODE_MON), false);
                assertEquals(AuthException.EPERM, assertThrows(AuthException.class, () -> s.handle(request(AuthProvider.AUTH_MODE_MON), false)).errno(),
                        "a second AUTH_REQUEST");
            }
        }
    }
}
