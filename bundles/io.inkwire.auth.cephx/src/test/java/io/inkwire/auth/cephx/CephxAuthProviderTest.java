package io.inkwire.auth.cephx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CephxAuthProviderTest {

    private static final CryptoKey KEY = CryptoKey.fromBase64("AQAAAAAAAAAAABAAAAECAwQFBgcICQoLDA0ODw==");
    private static final Keyring ADMIN = e -> e.equals(EntityName.CLIENT_ADMIN) ? Optional.of(KEY) : Optional.empty();

    @Test
    void service_loader_finds_cephx() {
        AuthProvider p = ServiceLoader.load(AuthProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.method() == AuthProvider.CEPH_AUTH_CEPHX).findFirst().orElseThrow();
        assertTrue(p instanceof CephxAuthProvider);
        assertEquals("cephx", p.name());
        assertTrue(p.providesConnectionSecret());
    }

    @Test
    void handlers_come_from_the_provider() throws Exception {
        AuthProvider p = new CephxAuthProvider();
        try (AuthClientHandler c = p.newClientHandler(new AuthClientConfig(EntityName.CLIENT_ADMIN, ADMIN, CephConfig.empty()));
             AuthServerHandler s = p.newServerHandler(new AuthServerConfig(EntityName.parse("mon.a"), ADMIN, CephConfig.empty(), () -> 7))) {
            assertEquals(0, c.globalId());
            assertTrue(!c.needsRenewal(java.time.Instant.now()));
            assertNotNull(c.newSession(EntityType.MON).initialRequest());
            assertNotNull(s.newSession(EntityType.CLIENT, 64));
        }
    }

    @Test
    void a_client_without_a_key_is_enoent() {
        AuthException e = assertThrows(AuthException.class, () -> new CephxAuthProvider()
                .newClientHandler(new AuthClientConfig(EntityName.parse("client.x"), ADMIN, CephConfig.empty())));
        assertEquals(AuthException.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("client.x"));
    }

    @Test
    void options_are_checked_when_the_handler_is_made() {
        AuthProvider p = new CephxAuthProvider();
        assertEquals(AuthException.EINVAL, assertThrows(AuthException.class, () -> p.newClientHandler(new AuthClientConfig(
                EntityName.CLIENT_ADMIN, ADMIN, CephConfig.empty().with("inkwire_crypto_provider", "NoSuchProvider")))).errno());
        assertEquals(AuthException.EINVAL, assertThrows(AuthException.class, () -> p.newClientHandler(new AuthClientConfig(
                EntityName.CLIENT_ADMIN, ADMIN, CephConfig.empty().with("inkwire_cephx_want_keys", "osd client")))).errno());
        assertEquals(AuthException.EINVAL, assertThrows(AuthException.class, () -> p.newServerHandler(new AuthServerConfig(
                EntityName.parse("mon.a"), ADMIN, CephConfig.empty().with("auth_service_ticket_ttl", "-5"), () -> 1))).errno());
    }
}
