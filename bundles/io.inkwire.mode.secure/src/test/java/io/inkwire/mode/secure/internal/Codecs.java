package io.inkwire.mode.secure.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: codecs, resources, and reading a byte stream frame by frame as a transport would. */
final class Codecs {

    static final long MAX_SEGMENT = 32L << 20;

    private Codecs() {
    }

    static SecureFrameCodec codec(Role role, byte[] secret) throws ProtocolException {
        return codec(role, secret, "");
    }

    static SecureFrameCodec codec(Role role, byte[] secret, String provider) throws ProtocolException {
        return new SecureFrameCodec(role, secret, MAX_SEGMENT, provider);
    }

    /** A deterministic 64-byte secret. */
    static byte[] secret(int seed) {
        byte[] s = new byte[64];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (seed * 31 + i * 7);
        }
        return s;
    }

    static byte[] resource(String name) {
        try (InputStream in = Codecs.class.getResourceAsStream("/io/inkwire/mode/secure/capture/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] secretResource(String session) {
        return HexFormat.of().parseHex(new String(resource(session + ".secret.hex"), StandardCharsets.US_ASCII).trim());
    }

    /** One frame read off a stream: the frame (null if aborted), its wire bytes and the GCM ops it took. */
    record Read(Preamble preamble, Frame frame, int wireLength, long operations) {
    }

    /** Decodes exactly one frame starting at {@code in}'s position (advancing it). */
    static Read readOne(SecureFrameCodec c, ByteBuffer in) throws ProtocolException {
        long ops = c.rxOperations();
        int start = in.position();
        ByteBuffer a = in.slice().limit(c.preambleBlockLength());
        Preamble p = c.decodePreamble(a);
        in.position(start + c.preambleBlockLength());
        long rest = c.remainderLength(p);
        ByteBuffer r = in.slice().limit((int) rest);
        Frame f = c.decodeRemainder(p, r);
        in.position(in.position() + (int) rest);
        return new Read(p, f == null ? null : f.copy(), in.position() - start, c.rxOperations() - ops); // the codec's frame is valid until its next decode
    }

    /** Decodes a whole stream, which must end on a frame boundary. */
    static List<Read> readAll(SecureFrameCodec c, byte[] stream) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(stream);
        List<Read> out = new ArrayList<>();
        while (in.hasRemaining()) {
            out.add(readOne(c, in));
        }
        assertEquals(stream.length, in.position());
        return out;
    }

    static Frame decode(SecureFrameCodec c, byte[] wire) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(wire);
        Read r = readOne(c, in);
        assertEquals(wire.length, r.wireLength(), "the frame is all of the bytes");
        return r.frame();
    }
}
