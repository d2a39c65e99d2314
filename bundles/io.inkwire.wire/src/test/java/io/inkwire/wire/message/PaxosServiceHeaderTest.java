package io.inkwire.wire.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PaxosServiceHeaderTest {

    @Test
    void a_client_sends_version_then_session_mon_minus_one_and_tid_zero() throws Exception {
        CephEncoder e = new CephEncoder();
        PaxosServiceHeader.encode(e, 8);
        PaxosServiceHeader.encode(e);
        byte[] b = e.toByteArray();
        assertArrayEquals(HexFormat.of().parseHex("0800000000000000" + "ffff" + "0000000000000000"
                + "0000000000000000" + "ffff" + "0000000000000000"), b);

        CephDecoder d = new CephDecoder(b, "test");
        PaxosServiceHeader.skip(d);
        assertEquals(18, d.position());
    }
}
