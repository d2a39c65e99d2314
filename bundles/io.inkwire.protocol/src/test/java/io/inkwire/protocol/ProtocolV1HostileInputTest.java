package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.v1.BannerV1;
import io.inkwire.wire.v1.ConnectMessage;
import io.inkwire.wire.v1.ConnectReply;
import io.inkwire.wire.v1.MessageHeaderV1;
import io.inkwire.wire.v1.MsgrTag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A scripted peer: every reply tag a server can send a msgr1 client, every refusal an acceptor
 * gives, and hostile input (bad banner, oversized lengths, bad crcs, unknown tags) ending the
 * connection with a clear error after a bounded allocation.
 */
class ProtocolV1HostileInputTest {

    private static final long FEATURES = CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT;
    /** No read the engine asks for may exceed this while the peer is hostile. */
    private static final int BOUNDED = 64 * 1024;

    private static byte[] serverGreeting() {
        return BannerV1.encodeServer(V1Harness.MON_V1, new EntityAddr(AddrType.LEGACY, 0, V1Harness.loopback(), 42064));
    }

    private static V1Harness.Endpoint clientToMon(long seed) {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.MON_V1, EntityType.MON, seed);
        c.engine.start();
        c.feed(serverGreeting());
        return c;
    }

    private static byte[] reply(int tag, long gseq, long cseq) {
        return new ConnectReply(tag, FEATURES, gseq, cseq, ProtocolV1.CEPH_MONC_PROTOCOL, 0, 1).encode();
    }

    /** The last connect message the client wrote. */
    private static ConnectMessage lastConnect(V1Harness.Endpoint c) throws ProtocolException {
        byte[] out = c.transport.written();
        return ConnectMessage.decode(ByteBuffer.wrap(out, out.length - ConnectMessage.LENGTH, ConnectMessage.LENGTH));
    }

    private static void assertClosedWith(V1Harness.Endpoint e, String text) {
        assertTrue(e.engine.isClosed(), "engine still open");
        assertTrue(e.transport.closed, "socket not closed");
        assertTrue(e.listener.closedCause != null && e.listener.closedCause.getMessage().contains(text),
                "expected '" + text + "' in " + e.listener.closedCause);
        assertTrue(e.maxWanted <= BOUNDED, "engine asked for " + e.maxWanted + " bytes");
    }

    // ------------------------------------------------------------------ reply tags, connector side

    @Test
    void ready_without_seq_exchange() {
        V1Harness.Endpoint c = clientToMon(1);
        c.feed(reply(MsgrTag.READY, 9, 1));
        assertTrue(c.engine.isReady());
    }

    @Test
    void retry_global_resetsession_and_retry_session_make_the_client_connect_again() throws Exception {
        V1Harness.Endpoint c = clientToMon(2);
        assertEquals(1, lastConnect(c).globalSeq());
        c.feed(reply(MsgrTag.RETRY_GLOBAL, 100, 0));
        assertEquals(101, lastConnect(c).globalSeq());
        c.feed(reply(MsgrTag.RETRY_SESSION, 0, 5));
        assertEquals(5, lastConnect(c).connectSeq());
        c.feed(reply(MsgrTag.RESETSESSION, 0, 0));
        assertEquals(0, lastConnect(c).connectSeq());
        c.feed(reply(MsgrTag.SEQ, 7, 1));
        c.feed(new byte[8]);
        assertTrue(c.engine.isReady());
    }

    @Test
    void endless_retries_are_cut_off() {
        V1Harness.Endpoint c = clientToMon(3);
        for (int i = 0; i < 20 && !c.engine.isClosed(); i++) {
            c.feed(reply(MsgrTag.RETRY_GLOBAL, 0, 0));
        }
        assertClosedWith(c, "did not settle after 8 connect attempts");
    }

    @Test
    void wait_badprotover_features_badauthorizer_and_a_stray_challenge_end_the_connection() {
        V1Harness.Endpoint c = clientToMon(4);
        c.feed(reply(MsgrTag.WAIT, 0, 0));
        assertClosedWith(c, "WAIT");

        c = clientToMon(5);
        c.feed(reply(MsgrTag.BADPROTOVER, 0, 0));
        assertClosedWith(c, "BADPROTOVER");

        c = clientToMon(6);
        c.feed(new ConnectReply(MsgrTag.FEATURES, FEATURES | (1L << 63), 0, 0, 15, 0, 0).encode());
        assertClosedWith(c, "requires features 0x8000000000000000");

        c = clientToMon(7);
        c.feed(reply(MsgrTag.BADAUTHORIZER, 0, 0));
        assertClosedWith(c, "BADAUTHORIZER");
        assertInstanceOf(AuthException.class, c.listener.closedCause);

        c = clientToMon(8);
        c.feed(reply(MsgrTag.CHALLENGE_AUTHORIZER, 0, 0));
        assertClosedWith(c, "CHALLENGE_AUTHORIZER");

        c = clientToMon(9);
        c.feed(reply(99, 0, 0));
        assertClosedWith(c, "unknown connect reply tag 99");
    }

    @Test
    void a_peer_lacking_required_features_is_refused() {
        V1Harness.Endpoint c = clientToMon(10);
        c.feed(new ConnectReply(MsgrTag.READY, FEATURES & ~CephFeatures.MSG_ADDR2, 0, 1, 15, 0, 1).encode());
        assertClosedWith(c, "lacks required features");
    }

    // ------------------------------------------------------------------ hostile bytes

    @Test
    void bad_banners_are_named() {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.MON_V1, EntityType.MON, 20);
        c.engine.start();
        byte[] v2 = new byte[BannerV1.SERVER_GREETING_LENGTH];
        System.arraycopy("ceph v2\n".getBytes(StandardCharsets.US_ASCII), 0, v2, 0, 8);
        c.feed(v2);
        assertClosedWith(c, "peer speaks msgr2");

        V1Harness.Endpoint m = V1Harness.acceptor(V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("none")), V1Harness.MON_V1, 21);
        m.engine.start();
        byte[] junk = new byte[BannerV1.CLIENT_GREETING_LENGTH];
        System.arraycopy("GET / HTTP".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 9);
        m.feed(junk);
        assertClosedWith(m, "bad msgr1 banner 'GET / HTT'");
    }

    @Test
    void a_msgr2_port_is_recognised_from_its_26_byte_banner_without_waiting_for_more() {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.MON_V1, EntityType.MON, 19);
        c.engine.start();
        c.feed(io.inkwire.wire.Banner.encode(1, 0)); // all a msgr2 acceptor says before it waits for our banner
        assertClosedWith(c, "peer speaks msgr2");
    }

    @Test
    void the_wrong_peer_at_the_address_is_refused() {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.MON_V1, EntityType.MON, 22);
        c.engine.start();
        c.feed(BannerV1.encodeServer(V1Harness.MON_V1.withPort(6790), new EntityAddr(AddrType.LEGACY, 0, V1Harness.loopback(), 1)));
        assertClosedWith(c, "wrong peer at v1:127.0.0.1:6789/0");
    }

    @Test
    void oversized_authorizer_lengths_are_refused_before_reading_them() {
        V1Harness.Endpoint c = clientToMon(23);
        c.feed(new ConnectReply(MsgrTag.READY, FEATURES, 0, 1, 15, 0xffffffffL, 1).encode());
        assertClosedWith(c, "4294967295-byte authorizer reply");

        V1Harness.Endpoint m = acceptorAfterGreeting(24);
        m.feed(new ConnectMessage(FEATURES, 8, 1, 0, 15, 2, 0x7fffffffL, 1).encode());
        assertClosedWith(m, "2147483647-byte authorizer");
    }

    private static V1Harness.Endpoint acceptorAfterGreeting(long seed) {
        V1Harness.Endpoint m = V1Harness.acceptor(V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("none")), V1Harness.MON_V1, seed);
        m.engine.start();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(BannerV1.encodeClientBanner());
        b.writeBytes(BannerV1.encodeAddr(new EntityAddr(AddrType.LEGACY, 77, V1Harness.loopback(), 0)));
        m.feed(b.toByteArray());
        return m;
    }

    private static byte[] sentReply(V1Harness.Endpoint m) {
        byte[] out = m.transport.written();
        return java.util.Arrays.copyOfRange(out, BannerV1.SERVER_GREETING_LENGTH, BannerV1.SERVER_GREETING_LENGTH + ConnectReply.LENGTH);
    }

    @Test
    void acceptor_refusals_badprotover_features_resetsession() throws Exception {
        V1Harness.Endpoint m = acceptorAfterGreeting(25);
        m.feed(new ConnectMessage(FEATURES, 8, 1, 0, 24 /* OSDC: wrong for a monitor */, 0, 0, 1).encode());
        assertEquals(MsgrTag.BADPROTOVER, ConnectReply.decode(ByteBuffer.wrap(sentReply(m))).tag());
        assertTrue(!m.engine.isClosed(), "the client may try again");

        m = acceptorAfterGreeting(26);
        m.feed(new ConnectMessage(FEATURES & ~CephFeatures.MSG_ADDR2, 8, 1, 0, 15, 0, 0, 1).encode());
        ConnectReply r = ConnectReply.decode(ByteBuffer.wrap(sentReply(m)));
        assertEquals(MsgrTag.FEATURES, r.tag());
        assertEquals(CephFeatures.MSG_ADDR2, r.features() & CephFeatures.MSG_ADDR2);

        m = acceptorAfterGreeting(27);
        m.feed(new ConnectMessage(FEATURES, 8, 1, 3, 15, 0, 0, 1).encode());
        assertEquals(MsgrTag.RESETSESSION, ConnectReply.decode(ByteBuffer.wrap(sentReply(m))).tag());

        m = acceptorAfterGreeting(28);
        m.feed(new ConnectMessage(FEATURES, 0x40, 1, 0, 15, 0, 0, 1).encode());
        assertClosedWith(m, "unknown entity type 64");
    }

    /** A client session with the monitor, ready; returns the client endpoint fed by a scripted monitor. */
    private static V1Harness.Endpoint readyClient(long seed) {
        V1Harness.Endpoint c = clientToMon(seed);
        c.feed(reply(MsgrTag.READY, 9, 1));
        assertTrue(c.engine.isReady());
        return c;
    }

    private static byte[] header(long seq, long front, long middle, long data) {
        return new MessageHeaderV1(seq, 0, 18, 196, 1, front, middle, data, 0, 1, 0, 1, 0).encode();
    }

    @Test
    void unknown_tags_on_an_established_session() {
        V1Harness.Endpoint c = readyClient(30);
        c.feed(new byte[] {0x42});
        assertClosedWith(c, "unexpected msgr1 tag tag 66");

        c = readyClient(31);
        c.feed(new byte[] {MsgrTag.SEQ});
        assertClosedWith(c, "unexpected msgr1 tag SEQ");
    }

    @Test
    void oversized_message_lengths_are_refused_at_the_header() {
        V1Harness.Endpoint c = readyClient(32);
        c.feed(new byte[] {MsgrTag.MSG});
        c.feed(header(1, 0xffffffffL, 0, 0));
        assertClosedWith(c, "exceeds the segment limit");
    }

    @Test
    void bad_header_crc_and_bad_payload_crcs() {
        V1Harness.Endpoint c = readyClient(33);
        byte[] h = header(1, 4, 0, 0);
        h[0] ^= 1;
        c.feed(new byte[] {MsgrTag.MSG});
        c.feed(h);
        assertClosedWith(c, "header crc mismatch");

        c = readyClient(34);
        c.feed(new byte[] {MsgrTag.MSG});
        c.feed(header(1, 4, 0, 0));
        c.feed(new byte[] {1, 2, 3, 4});
        c.feed(footer(0x12345678, 0, 0, 1));
        assertClosedWith(c, "front crc mismatch");

        c = readyClient(35);
        c.feed(new byte[] {MsgrTag.MSG});
        c.feed(header(1, 0, 0, 0));
        c.feed(footer(0, 0, 0, 0));
        assertClosedWith(c, "aborted by its sender");
    }

    private static byte[] footer(int frontCrc, int middleCrc, int dataCrc, int flags) {
        return new CephEncoder(21).u32(frontCrc & 0xffffffffL).u32(middleCrc & 0xffffffffL).u32(dataCrc & 0xffffffffL).u64(0).u8(flags)
                .toByteArray();
    }

    @Test
    void random_garbage_after_the_handshake_never_allocates_beyond_the_limits() {
        java.util.Random r = new java.util.Random(99);
        for (int i = 0; i < 200; i++) {
            V1Harness.Endpoint c = readyClient(100 + i);
            byte[] junk = new byte[r.nextInt(400) + 1];
            r.nextBytes(junk);
            junk[0] = (byte) (1 + r.nextInt(16));
            c.feed(junk);
            assertTrue(c.maxWanted <= BOUNDED, "asked for " + c.maxWanted);
            if (c.engine.isClosed()) {
                assertTrue(c.listener.closedCause instanceof ProtocolException || c.listener.closedCause == null,
                        String.valueOf(c.listener.closedCause));
            }
        }
    }

    @Test
    void a_keepalive2_is_answered_with_the_same_stamp() {
        V1Harness.Endpoint c = readyClient(40);
        ByteBuffer ka = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        ka.put((byte) MsgrTag.KEEPALIVE2).putInt(1234).putInt(5678);
        int before = c.transport.written().length;
        c.feed(ka.array());
        byte[] out = c.transport.written();
        assertEquals(before + 9, out.length);
        assertEquals(MsgrTag.KEEPALIVE2_ACK, out[before]);
        assertEquals(1234, ByteBuffer.wrap(out, before + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }
}
