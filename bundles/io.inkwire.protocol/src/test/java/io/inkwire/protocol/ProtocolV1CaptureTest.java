package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact against a real session: Ceph 16.2.15's {@code ceph -s} over msgr1 to a v1-only
 * monitor (captures/msgr1-cephx.*). Offsets: client stream = banner 9, addr 136, connect 33,
 * le64 in_seq, KEEPALIVE2 (9), MSG MAuth (135) …; monitor stream = greeting 281, connect reply 26,
 * le64 in_seq, KEEPALIVE2_ACK (9), ten messages.
 */
class ProtocolV1CaptureTest {

    private static final byte[] CLIENT = V1Harness.resource("/captures/msgr1-cephx.client-to-mon.bin");
    private static final byte[] MON = V1Harness.resource("/captures/msgr1-cephx.mon-to-client.bin");

    private static byte[] range(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    @Test
    void connector_speaks_as_the_ceph_client_did() {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("cephx")),
                V1Harness.MON_V1, EntityType.MON, 1);
        c.engine.start();
        assertArrayEquals(range(CLIENT, 0, 9), c.transport.written(), "banner");

        c.feed(range(MON, 0, 281));
        byte[] out = c.transport.written();
        // our address: type 0, our nonce, AF_INET, port 0, the IP the monitor saw — all but the random nonce as Ceph wrote it
        byte[] addr = range(out, 9, 145);
        byte[] expectedAddr = range(CLIENT, 9, 145);
        System.arraycopy(addr, 4, expectedAddr, 4, 4);
        assertArrayEquals(expectedAddr, addr, "legacy address");
        assertArrayEquals(range(CLIENT, 145, 178), range(out, 145, 178), "ceph_msg_connect: features, CLIENT, gseq 1, cseq 0, proto 15, no authorizer, LOSSY");

        c.feed(range(MON, 281, 315)); // SEQ reply, then the monitor's le64 in_seq
        assertArrayEquals(range(CLIENT, 178, 186), range(c.transport.written(), 178, 186), "our le64 in_seq");
        assertTrue(c.engine.isReady());
        assertEquals("msgr1", c.listener.ready.protocol());
        assertEquals("legacy", c.listener.ready.mode());
        assertEquals("mauth", c.listener.ready.authMethod());
        assertTrue(c.listener.ready.lossy());
        assertEquals("v1:127.0.0.1:6789/0", c.listener.ready.peerAddrs().toString());

        // the first MAuth, sent before we have a global id (src client.-1): identical header, front and footer
        byte[] front = range(CLIENT, 195 + 1 + 53, 195 + 1 + 53 + 60);
        c.engine.send(RawMessage.builder(17).version(1).compatVersion(1).priority(127).front(front).build());
        byte[] all = c.transport.written();
        assertArrayEquals(range(CLIENT, 195, 330), range(all, 186, all.length), "MSG MAuth: tag, header + crc, front, footer");

        c.feed(range(MON, 315, MON.length));
        assertNull(c.listener.closedCause);
        assertFalse(c.engine.isClosed());
        assertEquals(1, c.listener.keepaliveAcks.size());
        ByteBuffer stamp = ByteBuffer.wrap(CLIENT, 187, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(stamp.getInt() & 0xffffffffL, c.listener.keepaliveAcks.get(0)[0]);
        List<Integer> types = c.listener.messages.stream().map(RawMessage::type).collect(Collectors.toList());
        assertEquals(List.of(18, 18, 4, 18, 62, 4, 1796, 41, 51, 51), types);
        RawMessage statusReply = c.listener.messages.get(9);
        assertEquals(10, statusReply.seq());
        assertEquals(2, statusReply.tid());
        assertEquals(333, statusReply.dataLength());
        assertEquals(73271, c.listener.messages.get(8).dataLength());
    }

    @Test
    void acceptor_greets_and_answers_as_the_ceph_monitor_did() {
        V1Harness.Endpoint m = V1Harness.acceptor(V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("cephx")),
                V1Harness.MON_V1, 2);
        m.engine.start();
        assertArrayEquals(range(MON, 0, 281), m.transport.written(), "banner, our address, the client's as we see it");

        m.feed(range(CLIENT, 0, 178));
        byte[] out = m.transport.written();
        byte[] reply = range(out, 281, 307);
        byte[] expected = range(MON, 281, 307);
        System.arraycopy(reply, 9, expected, 9, 4); // the monitor's global_seq counter (43 there) is its own
        assertArrayEquals(expected, reply, "SEQ reply: features, connect_seq 1, proto 15, LOSSY");
        assertArrayEquals(range(MON, 307, 315), range(out, 307, 315), "our le64 in_seq");

        m.feed(range(CLIENT, 178, CLIENT.length));
        assertNull(m.listener.closedCause);
        assertTrue(m.engine.isReady());
        out = m.transport.written();
        assertArrayEquals(range(MON, 315, 324), range(out, 315, 324), "KEEPALIVE2_ACK echoing the client's stamp");
        assertEquals(324, out.length, "a lossy session sends no ACKs");
        List<Integer> types = m.listener.messages.stream().map(RawMessage::type).collect(Collectors.toList());
        assertEquals(List.of(17, 17, 17, 15, 15, 15, 50, 50), types);
        assertArrayEquals(range(CLIENT, 195 + 54, 195 + 54 + 60), bytes(m.listener.messages.get(0).front()));
        assertEquals(EntityType.CLIENT, m.listener.ready.peerType());
        assertEquals("v1:127.0.0.1:0/948857447", m.listener.ready.peerAddrs().toString(), "the address the client announced, nonce included");
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
