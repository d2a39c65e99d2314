package io.inkwire.wire;

import io.inkwire.api.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The msgr2 banner: {@code "ceph v2\n"}, a le16 payload length (16), then le64 supported and le64
 * required msgr2 features ({@code src/msg/async/ProtocolV2.cc} _banner_exchange). Both sides send
 * it at once on connect.
 */
public final class Banner {

    /** {@code CEPH_BANNER_V2_PREFIX}. */
    public static final byte[] CEPH_BANNER_V2_PREFIX = "ceph v2\n".getBytes(StandardCharsets.US_ASCII);
    /** The msgr1 banner {@code CEPH_BANNER}, to tell a v1 peer apart. */
    public static final byte[] CEPH_BANNER_V1 = "ceph v027".getBytes(StandardCharsets.US_ASCII);
    /** Prefix plus the le16 length. */
    public static final int PREFIX_AND_LENGTH = 10;
    /** The payload Ceph sends: two le64 words. */
    public static final int PAYLOAD_LENGTH = 16;
    /** A longer payload is tolerated (only the first 16 bytes are read) up to this bound. */
    public static final int MAX_PAYLOAD_LENGTH = 4096;

    /** {@code CEPH_MSGR2_FEATURE_REVISION_1}: msgr2.1 framing. */
    public static final long CEPH_MSGR2_FEATURE_REVISION_1 = 1L;
    /** {@code CEPH_MSGR2_FEATURE_COMPRESSION}: on-wire compression negotiation. */
    public static final long CEPH_MSGR2_FEATURE_COMPRESSION = 1L << 1;

    private Banner() {
    }

    public static byte[] encode(long supported, long required) {
        ByteBuffer b = ByteBuffer.allocate(PREFIX_AND_LENGTH + PAYLOAD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put(CEPH_BANNER_V2_PREFIX).putShort((short) PAYLOAD_LENGTH).putLong(supported).putLong(required);
        return b.array();
    }

    /** Checks the first 10 bytes and returns the payload length to read next. */
    public static int decodePrefix(ByteBuffer ten) throws ProtocolException {
        ByteBuffer b = ten.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] p = new byte[8];
        b.get(p);
        if (!java.util.Arrays.equals(p, CEPH_BANNER_V2_PREFIX)) {
            if (java.util.Arrays.equals(p, java.util.Arrays.copyOf(CEPH_BANNER_V1, 8))) {
                throw new ProtocolException("peer speaks msgr1 (banner \"ceph v027\"), not msgr2: use its v1: address");
            }
            throw new ProtocolException("not a msgr2 banner: " + printable(p));
        }
        int len = b.getShort() & 0xffff;
        if (len < PAYLOAD_LENGTH || len > MAX_PAYLOAD_LENGTH) {
            throw new ProtocolException("msgr2 banner payload length " + len + " outside " + PAYLOAD_LENGTH + ".." + MAX_PAYLOAD_LENGTH);
        }
        return len;
    }

    /** Decodes the payload into {supported, required}. */
    public static long[] decodePayload(ByteBuffer payload) {
        ByteBuffer b = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getLong(), b.getLong()};
    }

    private static String printable(byte[] p) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte c : p) {
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c & 0xff));
        }
        return sb.append('"').toString();
    }
}
