package io.inkwire.auth.gss.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SessionSecretsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hkdf_matches_rfc_5869_test_case_1() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = SessionSecrets.extract(salt, ikm);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", HEX.formatHex(prk));
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(SessionSecrets.expand(prk, info, 42)));
    }

    @Test
    void hkdf_matches_rfc_5869_test_case_3_empty_salt_and_info() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] prk = SessionSecrets.extract(new byte[0], ikm);
        assertEquals("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", HEX.formatHex(prk));
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                HEX.formatHex(SessionSecrets.expand(prk, new byte[0], 42)));
    }

    @Test
    void both_sides_derive_the_same_keys_from_one_master_and_different_ones_from_another() {
        byte[] master = SessionSecrets.newMaster();
        assertEquals(SessionSecrets.MASTER_LENGTH, master.length);
        assertArrayEquals(SessionSecrets.sessionKey(master), SessionSecrets.sessionKey(master.clone()));
        assertArrayEquals(SessionSecrets.connectionSecret(master, 64), SessionSecrets.connectionSecret(master.clone(), 64));
        assertEquals(32, SessionSecrets.sessionKey(master).length);
        assertEquals(0, SessionSecrets.connectionSecret(master, 0).length);
        // the connection secret is not the session key stretched: the labels separate them
        assertFalse(Arrays.equals(SessionSecrets.sessionKey(master), Arrays.copyOf(SessionSecrets.connectionSecret(master, 64), 32)));
        assertFalse(Arrays.equals(SessionSecrets.sessionKey(master), SessionSecrets.sessionKey(SessionSecrets.newMaster())));
    }

    @Test
    void an_impossible_length_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> SessionSecrets.connectionSecret(new byte[32], 255 * 32 + 1));
    }
}
