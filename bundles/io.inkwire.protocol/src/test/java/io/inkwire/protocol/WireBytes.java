package io.inkwire.protocol;

import static io.inkwire.testing.Buffers.join;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.wire.Banner;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.wire.Preambles;
import io.inkwire.wire.frame.ControlFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Crafts msgr2 crc-mode bytes for scripted peers, and parses what an engine wrote. */
final class WireBytes {

    private WireBytes() {
    }

    static byte[] banner() {
        return Banner.encode(ProtocolV2.MSGR2_SUPPORTED, 0);
    }

    static byte[] banner(long supported, long required) {
        return Banner.encode(supported, required);
    }

    /** A control frame in crc mode, rev1 unless told. */
    static byte[] frame(ControlFrame c) {
        return frame(c.toFrame(), 1);
    }

    static byte[] frame(Frame f, int revision) {
        return join(new CrcFrameCodec(revision, Long.MAX_VALUE, true).encode(f));
    }

    /** A frame with one raw control segment (any payload, even a malformed one). */
    static byte[] rawControl(int tag, byte[] payload) {
        return frame(Frame.control(tag, ByteBuffer.wrap(payload)), 1);
    }

    /** 32 preamble bytes with a valid crc over whatever fields are given (descriptors past n included). */
    static byte[] preamble(int tag, int numSegments, long[] lengths, int[] aligns, int flags) {
        // Preambles.encode writes only counted descriptors: lay the fields out by hand to reach the others
        ByteBuffer b = ByteBuffer.allocate(Preambles.PREAMBLE_LENGTH).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) tag).put((byte) numSegments);
        for (int i = 0; i < 4; i++) {
            b.putInt((int) lengths[i]).putShort((short) aligns[i]);
        }
        b.put((byte) flags).put((byte) 0);
        b.putInt(io.inkwire.wire.Crc32c.compute(io.inkwire.wire.Crc32c.SEED_ZERO, ByteBuffer.wrap(b.array(), 0, Preambles.PREAMBLE_CRC_COVERED)));
        return b.array();
    }

    static byte[] preamble(int tag, long length0) {
        return preamble(tag, 1, new long[] {length0, 0, 0, 0}, new int[] {8, 0, 0, 0}, 0);
    }

    /** The AUTH_REQUEST payload of a real auth none client session. */
    static byte[] noneAuthPayload(EntityName who) {
        try {
            return new NoneAuthProvider().newClientHandler(new AuthClientConfig(who, Keyring.empty(), CephConfig.empty()))
                    .newSession(EntityType.MON).initialRequest();
        } catch (AuthException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A copy with byte {@code at} (negative: from the end) XORed with {@code mask}. */
    static byte[] flip(byte[] in, int at, int mask) {
        byte[] out = in.clone();
        int i = at < 0 ? out.length + at : at;
        out[i] ^= (byte) mask;
        return out;
    }

    static byte[] truncate(byte[] in, int length) {
        return java.util.Arrays.copyOf(in, length);
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replaceAll("\\s", ""));
    }

    /** Splits a crc-mode stream (banner first) into its frames; stops at an incomplete tail. */
    static List<Frame> parseStream(byte[] stream, int revision) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(stream);
        int len = Banner.decodePrefix(in.slice(0, Banner.PREFIX_AND_LENGTH));
        in.position(Banner.PREFIX_AND_LENGTH + len);
        CrcFrameCodec codec = new CrcFrameCodec(revision, Long.MAX_VALUE, true);
        List<Frame> frames = new ArrayList<>();
        while (in.remaining() >= Preambles.PREAMBLE_LENGTH) {
            Preamble p = codec.decodePreamble(in);
            int rest = (int) codec.remainderLength(p);
            if (in.remaining() < rest) {
                break;
            }
            ByteBuffer r = in.slice(in.position(), rest);
            in.position(in.position() + rest);
            Frame f = codec.decodeRemainder(p, r);
            frames.add(f == null ? null : f.copy()); // the codec's frame is valid until its next decode
        }
        return frames;
    }
}
