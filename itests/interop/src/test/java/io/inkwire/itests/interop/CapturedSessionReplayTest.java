package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import io.inkwire.config.KeyringFile;
import io.inkwire.wire.Banner;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.AuthDoneFrame;
import io.inkwire.wire.frame.AuthReplyMoreFrame;
import io.inkwire.wire.frame.AuthSignatureFrame;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.ControlFrames;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two msgr2 crc sessions of a real {@code ceph -s} (Ceph 16.2.15, captured on loopback): every
 * frame in both directions decodes with inkwire's codec and re-encodes to the same bytes, and the
 * AUTH_SIGNATUREs are the HMAC of the pre-auth transcript under the session key that inkwire's
 * cephx recovers from the captured AUTH_DONE with the client's keyring.
 */
class CapturedSessionReplayTest {

    record WireFrame(int offset, int end, Frame frame) {
    }

    static byte[] resource(String name) throws Exception {
        try (InputStream in = CapturedSessionReplayTest.class.getResourceAsStream("/captures/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** Parses a captured stream: the 26-byte banner, then rev1 crc frames to the last byte. */
    static List<WireFrame> parse(byte[] stream) throws Exception {
        assertArrayEquals(Banner.encode(1, 0), Arrays.copyOf(stream, 26), "a Pacific banner: supported REVISION_1, required none");
        CrcFrameCodec codec = new CrcFrameCodec(1, 1 << 24, true);
        List<WireFrame> out = new ArrayList<>();
        int at = 26;
        while (at < stream.length) {
            Preamble p = codec.decodePreamble(ByteBuffer.wrap(stream, at, 32));
            int rest = (int) codec.remainderLength(p);
            Frame f = codec.decodeRemainder(p, ByteBuffer.wrap(stream, at + 32, rest));
            out.add(new WireFrame(at, at + 32 + rest, f == null ? null : f.copy())); // the codec's frame is valid until its next decode
            at += 32 + rest;
        }
        assertEquals(stream.length, at, "parsed to the last byte");
        return out;
    }

    static byte[] encode(Frame f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : new CrcFrameCodec(1, 1 << 24, true).encode(f)) {
            byte[] a = new byte[b.remaining()];
            b.get(b.position(), a); // absolute: the buffers may be the frame's own
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    @Test
    void every_captured_frame_decodes_and_reencodes_byte_for_byte() throws Exception {
        int controlFrames = 0;
        for (String s : new String[] {"s0.c2s", "s0.s2c", "s1.c2s", "s1.s2c"}) {
            byte[] stream = resource("msgr2-crc." + s + ".bin");
            for (WireFrame w : parse(stream)) {
                byte[] captured = Arrays.copyOfRange(stream, w.offset(), w.end());
                Frame f = w.frame();
                if (f.tag() != Tag.MESSAGE) {
                    ControlFrame c = ControlFrames.decode(f);
                    assertArrayEquals(captured, encode(c.toFrame()), s + " " + Tag.name(f.tag()) + " at +" + w.offset());
                    controlFrames++;
                } else {
                    assertArrayEquals(captured, encode(f), s + " MESSAGE at +" + w.offset());
                }
            }
        }
        assertEquals(4 * 5, controlFrames, "HELLO, three AUTH_* frames and an IDENT per direction and session");
    }

    @Test
    void auth_signatures_are_the_hmac_of_the_pre_auth_transcript_under_the_session_key(@TempDir Path dir) throws Exception {
        Path keyring = dir.resolve("capture.keyring");
        Files.write(keyring, resource("msgr2-crc.client.admin.keyring"));
        AuthProvider cephx = Providers.auth().stream().filter(p -> p.name().equals("cephx")).findFirst().orElseThrow();
        for (String session : new String[] {"s0", "s1"}) {
            byte[] c2s = resource("msgr2-crc." + session + ".c2s.bin");
            byte[] s2c = resource("msgr2-crc." + session + ".s2c.bin");
            List<WireFrame> fromClient = parse(c2s);
            List<WireFrame> fromServer = parse(s2c);
            WireFrame challenge = find(fromServer, Tag.AUTH_REPLY_MORE);
            WireFrame done = find(fromServer, Tag.AUTH_DONE);
            WireFrame requestMore = find(fromClient, Tag.AUTH_REQUEST_MORE);

            AuthClientSession client = cephx.newClientHandler(new AuthClientConfig(EntityName.CLIENT_ADMIN, KeyringFile.read(keyring),
                    CephConfig.empty())).newSession(EntityType.MON);
            client.initialRequest();
            client.handleReplyMore(((AuthReplyMoreFrame) ControlFrames.decode(challenge.frame())).payload());
            AuthDoneFrame d = (AuthDoneFrame) ControlFrames.decode(done.frame());
            AuthResult r = client.handleDone(d.globalId(), d.conMode(), 0, d.payload());
            byte[] key = r.sessionKey();
            assertEquals(16, key.length);

            byte[] clientSig = ((AuthSignatureFrame) ControlFrames.decode(find(fromClient, Tag.AUTH_SIGNATURE).frame())).signature();
            byte[] serverSig = ((AuthSignatureFrame) ControlFrames.decode(find(fromServer, Tag.AUTH_SIGNATURE).frame())).signature();
            // the client signs what it received up to the end of AUTH_DONE; the monitor what it received up to AUTH_REQUEST_MORE
            assertArrayEquals(clientSig, hmac(key, Arrays.copyOf(s2c, done.end())), session + ": client's AUTH_SIGNATURE");
            assertArrayEquals(serverSig, hmac(key, Arrays.copyOf(c2s, requestMore.end())), session + ": monitor's AUTH_SIGNATURE");
        }
    }

    static WireFrame find(List<WireFrame> frames, int tag) {
        return frames.stream().filter(w -> w.frame().tag() == tag).findFirst().orElseThrow(() -> new AssertionError("no " + Tag.name(tag)));
    }

    static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
