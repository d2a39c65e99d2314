package io.inkwire.auth.cephx.internal;

import static io.inkwire.auth.cephx.internal.TestSupport.CIPHER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.auth.AuthException;
import io.inkwire.wire.CephEncoder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CephxCipherTest {

    private static final CephxKey KEY_00_0F = CephxKey.ofSecret(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));

    @Test
    void key_proof_matches_the_spec_example() {
        // msgr2-wire.md 11.3: secret 00..0f, server 0x0123456789abcdef, client 0x1122334455667788
        assertEquals(0xa6f690b5390e30fdL, KeyProof.compute(CIPHER, KEY_00_0F, 0x0123456789abcdefL, 0x1122334455667788L));
    }

    @Test
    void enc_bl_is_aes_cbc_with_the_ceph_iv_over_version_magic_body() {
        // expected bytes computed independently (python cryptography) for the same envelope
        byte[] c = CIPHER.encBl(KEY_00_0F, e -> e.u64(0x0123456789abcdefL).u64(0x1122334455667788L));
        assertEquals("9276ff7d45812e1904a7effda3f01148bf9cf74b3b4131689cdd116d351449bc", HexFormat.of().formatHex(c));
    }

    @Test
    void encrypt_prefixes_the_length_and_round_trips() throws Exception {
        CephEncoder out = new CephEncoder();
        CIPHER.encrypt(out, KEY_00_0F, e -> e.string("hello"));
        byte[] wire = out.toByteArray();
        assertEquals(32, wire[0]); // 1 + 8 + 4 + 5 = 18 bytes of plaintext -> two blocks
        assertEquals(36, wire.length);
        try (CephxCipher.Plaintext p = CIPHER.decrypt(new io.inkwire.wire.CephDecoder(wire, "t"), KEY_00_0F, "t")) {
            assertEquals("hello", p.decoder().string());
        }
    }

    @Test
    void a_block_aligned_plaintext_gains_a_full_padding_block() throws Exception {
        byte[] raw = CIPHER.encryptRaw(KEY_00_0F, new byte[0], 0, 0);
        assertEquals("7ee5cf4e557c533d502404fc3b64d7e9", HexFormat.of().formatHex(raw));
        assertEquals(32, CIPHER.encryptRaw(KEY_00_0F, new byte[16], 0, 16).length);
        assertArrayEquals(new byte[16], CIPHER.decryptRaw(KEY_00_0F, CIPHER.encryptRaw(KEY_00_0F, new byte[16], 0, 16), "t"));
    }

    @Test
    void a_wrong_key_is_eacces_without_key_material_in_the_message() {
        byte[] c = CIPHER.encBl(KEY_00_0F, e -> e.u64(42));
        CephxKey other = CephxKey.ofSecret(new byte[16]);
        AuthException e = assertThrows(AuthException.class, () -> CIPHER.decBl(other, c, "thing").close());
        assertEquals(AuthException.EACCES, e.errno());
        assertTrue(e.getMessage().contains("thing"));
        assertTrue(!e.getMessage().contains("000102"));
    }

    @Test
    void ciphertext_that_is_not_whole_blocks_is_refused() {
        assertEquals(AuthException.EACCES, assertThrows(AuthException.class, () -> CIPHER.decryptRaw(KEY_00_0F, new byte[15], "t")).errno());
        assertEquals(AuthException.EACCES, assertThrows(AuthException.class, () -> CIPHER.decryptRaw(KEY_00_0F, new byte[0], "t")).errno());
    }

    @Test
    void a_hostile_length_prefix_is_a_clean_eperm() {
        byte[] wire = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3};
        AuthException e = assertThrows(AuthException.class,
                () -> CIPHER.decrypt(new io.inkwire.wire.CephDecoder(wire, "t"), KEY_00_0F, "t"));
        assertEquals(AuthException.EPERM, e.errno());
    }

    @Test
    void the_crypto_provider_option_selects_an_installed_provider() throws Exception {
        CephxCipher sun = CephxCipher.forProvider("SunJCE");
        assertArrayEquals(CIPHER.encBl(KEY_00_0F, e -> e.u8(7)), sun.encBl(KEY_00_0F, e -> e.u8(7)));
        AuthException e = assertThrows(AuthException.class, () -> CephxCipher.forProvider("NoSuchProvider"));
        assertEquals(AuthException.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("NoSuchProvider"));
    }

    @Test
    void keys_never_print_their_secret_and_are_wiped_on_destroy() {
        CephxKey k = CephxKey.ofSecret(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10"));
        assertTrue(k.toString().contains("redacted"));
        assertTrue(!k.toString().contains("0102"));
        k.destroy();
        assertArrayEquals(new byte[16], k.secretCopy());
    }
}
