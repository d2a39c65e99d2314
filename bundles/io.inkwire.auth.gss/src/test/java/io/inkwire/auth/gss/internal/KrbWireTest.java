package io.inkwire.auth.gss.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.auth.AuthException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KrbWireTest {

    @Test
    void request_code_and_token_blob_are_laid_out_as_ceph_encodes_them() throws Exception {
        // KrbRequest{GSS_TOKEN} = le16 0x0200; KrbTokenBlob = u8 1, le32 length, token
        byte[] b = KrbWire.tokenBlob(KrbWire.code(new CephEncoder(), KrbWire.GSS_TOKEN), new byte[] {(byte) 0xaa, (byte) 0xbb}).toByteArray();
        assertEquals("0002" + "01" + "02000000" + "aabb", HexFormat.of().formatHex(b));
        CephDecoder d = new CephDecoder(b, "test");
        KrbWire.expectCode(d, KrbWire.GSS_TOKEN, "test");
        assertArrayEquals(new byte[] {(byte) 0xaa, (byte) 0xbb}, KrbWire.tokenBlob(d, "test"));
        KrbWire.expectEnd(d, "test");
        assertEquals("0001", HexFormat.of().formatHex(KrbWire.code(new CephEncoder(), KrbWire.GSS_MUTUAL).toByteArray()));
    }

    @Test
    void a_wrong_code_a_bad_blob_and_truncation_are_eperm() {
        byte[] mutual = KrbWire.code(new CephEncoder(), KrbWire.GSS_MUTUAL).toByteArray();
        AuthException e = assertThrows(AuthException.class, () -> KrbWire.expectCode(new CephDecoder(mutual, "x"), KrbWire.GSS_TOKEN, "reply"));
        assertEquals(AuthException.EPERM, e.errno());
        assertTrue(e.getMessage().contains("GSS_TOKEN"), e.getMessage());

        byte[] badValue = HexFormat.of().parseHex("0201000000aa");
        assertEquals(AuthException.EPERM, assertThrows(AuthException.class, () -> KrbWire.tokenBlob(new CephDecoder(badValue, "x"), "blob")).errno());
        byte[] truncated = HexFormat.of().parseHex("01ff000000aa");
        assertEquals(AuthException.EPERM, assertThrows(AuthException.class, () -> KrbWire.tokenBlob(new CephDecoder(truncated, "x"), "blob")).errno());
        byte[] empty = HexFormat.of().parseHex("0100000000");
        assertEquals(AuthException.EPERM, assertThrows(AuthException.class, () -> KrbWire.tokenBlob(new CephDecoder(empty, "x"), "blob")).errno());
        byte[] huge = HexFormat.of().parseHex("01ffffff7f");
        assertEquals(AuthException.EPERM, assertThrows(AuthException.class, () -> KrbWire.tokenBlob(new CephDecoder(huge, "x"), "blob")).errno(),
                "a length beyond the payload allocates nothing");
    }
}
