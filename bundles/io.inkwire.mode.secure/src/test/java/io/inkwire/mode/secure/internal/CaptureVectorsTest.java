package io.inkwire.mode.secure.internal;

import static io.inkwire.mode.secure.internal.Codecs.codec;
import static io.inkwire.mode.secure.internal.Codecs.readAll;
import static io.inkwire.mode.secure.internal.Codecs.resource;
import static io.inkwire.mode.secure.internal.Codecs.secretResource;
import static io.inkwire.testing.Buffers.bytes;
import static io.inkwire.testing.Buffers.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inkwire.api.IntegrityException;
import io.inkwire.api.Role;
import io.inkwire.api.mode.Frame;
import io.inkwire.mode.secure.internal.Codecs.Read;
import io.inkwire.wire.Tag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec against a real Ceph 16.2.15 secure-mode session (resources/.../capture/README.md):
 * every frame after AUTH_DONE, both directions, both TCP sessions of the capture.
 */
class CaptureVectorsTest {

    /**
     * One expected frame: tag, segment lengths, bytes on the wire, GCM operations and, for
     * MESSAGE frames, the header2 type and seq. Lengths and order agree with the client's debug
     * log of that run (e.g. {@code mon_command_ack … 54+0+332}); wire sizes add up to the
     * captured byte counts.
     */
    record Expect(int tag, long[] lengths, int wire, int ops, int type, long seq) {
        static Expect control(int tag, long length, int wire, int ops) {
            return new Expect(tag, new long[] {length}, wire, ops, -1, -1);
        }

        static Expect message(int type, long seq, int wire, int ops, long... lengths) {
            return new Expect(Tag.MESSAGE, lengths, wire, ops, type, seq);
        }
    }

    static final int MON_MAP = 4;
    static final int MON_GET_MAP = 5;
    static final int MON_SUBSCRIBE = 15;
    static final int OSD_MAP = 41;
    static final int MON_COMMAND = 50;
    static final int MON_COMMAND_ACK = 51;
    static final int CONFIG = 62;
    static final int MGR_MAP = 0x704;

    static final List<Expect> SESSION0_S2C = List.of(
            Expect.control(Tag.AUTH_SIGNATURE, 32, 96, 1),
            Expect.control(Tag.SERVER_IDENT, 123, 192, 2),
            Expect.message(MON_MAP, 1, 336, 2, 41, 205),
            Expect.message(CONFIG, 2, 144, 2, 41, 4),
            Expect.message(MON_MAP, 3, 336, 2, 41, 205));

    static final List<Expect> SESSION0_C2S = List.of(
            Expect.control(Tag.AUTH_SIGNATURE, 32, 96, 1),
            Expect.control(Tag.CLIENT_IDENT, 123, 192, 2),
            Expect.message(MON_GET_MAP, 1, 96, 1, 41),
            Expect.message(MON_SUBSCRIBE, 2, 176, 2, 41, 48));

    static final List<Expect> SESSION1_S2C = List.of(
            Expect.control(Tag.AUTH_SIGNATURE, 32, 96, 1),
            Expect.control(Tag.SERVER_IDENT, 123, 192, 2),
            Expect.message(MON_MAP, 1, 336, 2, 41, 205),
            Expect.message(CONFIG, 2, 144, 2, 41, 4),
            Expect.message(MON_MAP, 3, 336, 2, 41, 205),
            Expect.message(MGR_MAP, 4, 624, 2, 41, 495),
            Expect.message(OSD_MAP, 5, 1776, 2, 41, 1644),
            Expect.message(MON_COMMAND_ACK, 6, 73488, 2, 41, 72, 0, 73271),
            Expect.message(MON_COMMAND_ACK, 7, 528, 2, 41, 54, 0, 332));

    static final List<Expect> SESSION1_C2S = List.of(
            Expect.control(Tag.AUTH_SIGNATURE, 32, 96, 1),
            Expect.control(Tag.CLIENT_IDENT, 123, 192, 2),
            Expect.message(MON_GET_MAP, 1, 96, 1, 41),
            Expect.message(MON_SUBSCRIBE, 2, 176, 2, 41, 48),
            Expect.message(MON_SUBSCRIBE, 3, 160, 2, 41, 29),
            Expect.message(MON_SUBSCRIBE, 4, 160, 2, 41, 29),
            Expect.message(MON_COMMAND, 5, 208, 2, 41, 80),
            Expect.message(MON_COMMAND, 6, 192, 2, 41, 62));

    static void check(List<Expect> expected, List<Read> reads) {
        assertEquals(expected.size(), reads.size(), "frames");
        for (int i = 0; i < reads.size(); i++) {
            Expect e = expected.get(i);
            Read r = reads.get(i);
            Frame f = r.frame();
            String at = "frame " + i;
            assertNotNull(f, at);
            assertEquals(e.tag(), f.tag(), at + " tag");
            assertEquals(e.lengths().length, f.numSegments(), at + " segments");
            for (int s = 0; s < e.lengths().length; s++) {
                assertEquals(e.lengths()[s], f.segmentLength(s), at + " segment " + s);
                assertEquals(s == 3 ? Frame.PAGE_ALIGNMENT : Frame.DEFAULT_ALIGNMENT, f.alignment(s), at + " alignment " + s);
            }
            assertEquals(e.wire(), r.wireLength(), at + " bytes on the wire");
            assertEquals(e.ops(), r.operations(), at + " GCM operations");
            assertEquals(e.ops(), SecureRev1Layout.gcmOperations(r.preamble()), at + " GCM operations by the layout");
            if (e.tag() == Tag.MESSAGE) {
                ByteBuffer header = f.segment(0).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(e.seq(), header.getLong(0), at + " header2.seq");
                assertEquals(e.type(), header.getShort(16) & 0xffff, at + " header2.type");
            }
        }
    }

    /** Decrypts both directions with the role that receives them and re-encodes with the role that sent them. */
    static void session(String name, List<Expect> s2cExpected, List<Expect> c2sExpected, String provider) throws Exception {
        byte[] secret = secretResource(name);
        byte[] s2c = resource(name + ".s2c.bin");
        byte[] c2s = resource(name + ".c2s.bin");

        try (SecureFrameCodec client = codec(Role.CONNECTOR, secret, provider);
             SecureFrameCodec server = codec(Role.ACCEPTOR, secret, provider)) {
            // from copies: the codec decrypts a frame's remainder in place, and the capture is compared with below
            List<Read> fromServer = readAll(client, s2c.clone());
            List<Read> fromClient = readAll(server, c2s.clone());
            check(s2cExpected, fromServer);
            check(c2sExpected, fromClient);
            assertEquals(s2cExpected.stream().mapToInt(Expect::ops).sum(), client.rxOperations());
            assertEquals(c2sExpected.stream().mapToInt(Expect::ops).sum(), server.rxOperations());

            // GCM is deterministic for a key and nonce: fresh senders reproduce the capture exactly.
            try (SecureFrameCodec mon = codec(Role.ACCEPTOR, secret, provider);
                 SecureFrameCodec cli = codec(Role.CONNECTOR, secret, provider)) {
                assertArrayEquals(s2c, encodeAll(mon, fromServer), name + " mon -> client ciphertext");
                assertArrayEquals(c2s, encodeAll(cli, fromClient), name + " client -> mon ciphertext");
            }
        }
    }

    static byte[] encodeAll(SecureFrameCodec sender, List<Read> frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Read r : frames) {
            out.writeBytes(join(sender.encode(r.frame())));
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "provider \"{0}\"")
    @ValueSource(strings = {"", "BC"})
    void bootstrap_session_every_frame_decrypts_and_reencodes_byte_for_byte(String provider) throws Exception {
        session("session0", SESSION0_S2C, SESSION0_C2S, provider);
    }

    @ParameterizedTest(name = "provider \"{0}\"")
    @ValueSource(strings = {"", "BC"})
    void main_session_every_frame_decrypts_and_reencodes_byte_for_byte(String provider) throws Exception {
        session("session1", SESSION1_S2C, SESSION1_C2S, provider);
    }

    @ParameterizedTest(name = "provider \"{0}\"")
    @ValueSource(strings = {"", "BC"})
    void decrypted_payloads_are_what_ceph_sent(String provider) throws Exception {
        byte[] secret = secretResource("session1");
        try (SecureFrameCodec client = codec(Role.CONNECTOR, secret, provider)) {
            List<Read> reads = readAll(client, resource("session1.s2c.bin"));
            // `ceph -s` output travels as the data segment of the last MON_COMMAND_ACK
            assertArrayEquals(resource("status.txt"), bytes(reads.get(8).frame().segment(3)));
            // the 73271-byte get_command_descriptions answer is JSON
            byte[] descriptions = bytes(reads.get(7).frame().segment(3));
            assertEquals('{', descriptions[0]);
            assertEquals('}', descriptions[descriptions.length - 1]);
            // SERVER_IDENT of a mon bound to v2 and v1: addrvec marker 2, two addresses
            ByteBuffer ident = reads.get(1).frame().segment(0).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(2, ident.get(0));
            assertEquals(2, ident.getInt(1));
        }
    }

    @ParameterizedTest(name = "provider \"{0}\"")
    @ValueSource(strings = {"", "BC"})
    void the_wrong_role_cannot_read_a_direction(String provider) throws Exception {
        byte[] secret = secretResource("session0");
        byte[] s2c = resource("session0.s2c.bin");
        try (SecureFrameCodec server = codec(Role.ACCEPTOR, secret, provider)) {
            IntegrityException e = assertThrows(IntegrityException.class,
                    () -> server.decodePreamble(ByteBuffer.wrap(s2c, 0, 96)));
            assertEquals(true, e.getMessage().startsWith("secure frame authentication failed"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "provider \"{0}\"")
    @ValueSource(strings = {"", "BC"})
    void a_corrupted_capture_byte_is_caught_and_nothing_of_the_frame_is_delivered(String provider) throws Exception {
        byte[] secret = secretResource("session1");
        byte[] s2c = resource("session1.s2c.bin");
        // corrupt one byte inside the data segment of the 73 KB MON_COMMAND_ACK (frame 7)
        int frame7 = SESSION1_S2C.subList(0, 7).stream().mapToInt(Expect::wire).sum();
        byte[] bad = Arrays.copyOf(s2c, s2c.length);
        bad[frame7 + 96 + 40_000] ^= 0x20;
        try (SecureFrameCodec client = codec(Role.CONNECTOR, secret, provider)) {
            ByteBuffer in = ByteBuffer.wrap(bad);
            for (int i = 0; i < 7; i++) {
                Codecs.readOne(client, in);
            }
            assertThrows(IntegrityException.class, () -> Codecs.readOne(client, in));
        }
    }
}
