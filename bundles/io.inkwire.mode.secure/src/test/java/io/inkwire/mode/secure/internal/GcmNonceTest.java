package io.inkwire.mode.secure.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GcmNonceTest {

    static final HexFormat HEX = HexFormat.of();

    static GcmNonce nonce(String hex12) {
        byte[] secret = new byte[64];
        System.arraycopy(HEX.parseHex(hex12), 0, secret, 16, 12);
        return new GcmNonce(secret, 16);
    }

    @Test
    void the_counter_is_a_little_endian_u64_after_a_fixed_le32() throws ProtocolException {
        GcmNonce n = nonce("a1a2a3a4" + "feffffff00000000");
        assertEquals("a1a2a3a4" + "feffffff00000000", HEX.formatHex(n.next().getIV()));
        assertEquals("a1a2a3a4" + "ffffffff00000000", HEX.formatHex(n.next().getIV()));
        assertEquals("a1a2a3a4" + "0000000001000000", HEX.formatHex(n.next().getIV()), "carry into byte 8");
        assertEquals(3, n.operations());
    }

    @Test
    void the_counter_wraps_modulo_2_to_the_64_without_touching_the_fixed_part() throws ProtocolException {
        GcmNonce n = nonce("01020304" + "ffffffffffffffff");
        assertEquals("01020304" + "ffffffffffffffff", HEX.formatHex(n.next().getIV()));
        assertEquals("01020304" + "0000000000000000", HEX.formatHex(n.next().getIV()));
    }

    @Test
    void the_initial_nonce_is_never_handed_out_twice() throws ProtocolException {
        GcmNonce n = nonce("01020304" + "0500000000000000");
        byte[] first = n.next().getIV();
        n.skip(-2);
        assertEquals("01020304" + "0400000000000000", HEX.formatHex(n.next().getIV()));
        ProtocolException e = assertThrows(ProtocolException.class, n::next);
        assertTrue(e.getMessage().startsWith("out of nonces"));
        assertArrayEquals(HEX.parseHex("01020304" + "0500000000000000"), first);
    }

    @Test
    void wipe_and_toString_do_not_leak_the_nonce() throws ProtocolException {
        GcmNonce n = nonce("deadbeef" + "0102030405060708");
        assertFalse(n.toString().contains("deadbeef"));
        n.wipe();
        assertEquals("000000000000000000000000", HEX.formatHex(n.next().getIV()));
    }

    @Test
    void the_key_wipes_its_bytes() {
        byte[] secret = Codecs.secret(3);
        AesKey k = new AesKey(secret, 0);
        assertArrayEquals(java.util.Arrays.copyOf(secret, 16), k.getEncoded());
        assertEquals("AES", k.getAlgorithm());
        assertEquals("RAW", k.getFormat());
        k.destroy();
        assertTrue(k.isDestroyed());
        assertThrows(IllegalStateException.class, k::getEncoded);
        assertFalse(k.toString().contains(HEX.formatHex(secret, 0, 4)));
    }
}
