package io.inkwire.api.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fresh AES keys for runs without a keyring: what Ceph would generate, and one per entity. */
class GeneratedKeysTest {

    private static final EntityName MON = EntityName.parse("mon.");

    @Test
    void aGeneratedKeyIsAnAes128KeyCreatedNowThatSurvivesItsKeyringText() {
        long before = Instant.now().getEpochSecond();
        CryptoKey k = CryptoKey.generateAes();
        assertEquals(CryptoKey.CEPH_CRYPTO_AES, k.type());
        assertEquals(16, k.length());
        assertTrue(k.createdSec() >= before && k.createdSec() <= Instant.now().getEpochSecond(), "created " + k.createdSec());
        CryptoKey back = CryptoKey.fromBase64(k.toBase64());
        assertArrayEquals(k.secret(), back.secret());
        assertEquals(k.createdSec(), back.createdSec());
        assertEquals(k.createdNsec(), back.createdNsec());
    }

    @Test
    void everyKeyIsFresh() {
        assertFalse(Arrays.equals(CryptoKey.generateAes().secret(), CryptoKey.generateAes().secret()));
        assertFalse(Arrays.equals(new byte[16], CryptoKey.generateAes().secret()));
    }

    @Test
    void aGeneratedKeyringHoldsOneKeyPerNamedEntityAndNothingElse() {
        Keyring keys = Keyring.generated(EntityName.CLIENT_ADMIN, MON);
        CryptoKey admin = keys.key(EntityName.CLIENT_ADMIN).orElseThrow();
        assertSame(admin, keys.key(EntityName.CLIENT_ADMIN).orElseThrow(), "the same key on every look-up");
        assertFalse(Arrays.equals(admin.secret(), keys.key(MON).orElseThrow().secret()));
        assertEquals(Optional.empty(), keys.key(EntityName.parse("osd.0")));
        assertFalse(keys.origin().contains(admin.toBase64()), "no key material in the origin");
    }

    @Test
    void orElseAsksTheSecondKeyringOnlyForWhatTheFirstLacks() {
        Keyring file = Keyring.generated(EntityName.CLIENT_ADMIN);
        Keyring own = Keyring.generated(EntityName.CLIENT_ADMIN, MON);
        Keyring both = file.orElse(own);
        assertSame(file.key(EntityName.CLIENT_ADMIN).orElseThrow(), both.key(EntityName.CLIENT_ADMIN).orElseThrow());
        assertSame(own.key(MON).orElseThrow(), both.key(MON).orElseThrow());
        assertEquals(Optional.empty(), both.key(EntityName.parse("osd.0")));
        assertEquals(file.origin(), both.origin());
    }
}
