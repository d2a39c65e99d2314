package io.inkwire.wire;

import io.inkwire.api.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code ceph_msg_header2} ({@code src/include/msgr.h}): segment 0 of a MESSAGE frame, 41 bytes,
 * packed little-endian. Segment lengths are not in it: the frame preamble carries them.
 */
public record MessageHeader2(long seq, long tid, int type, int priority, int version, int dataPrePaddingLen,
                             int dataOff, long ackSeq, int flags, int compatVersion) {

    public static final int LENGTH = 41;

    /** {@code CEPH_MSG_FOOTER_COMPLETE}. */
    public static final int CEPH_MSG_FOOTER_COMPLETE = 1;
    /** {@code CEPH_MSG_FOOTER_NOCRC}: msgr2 never computes the msgr1 data crc. */
    public static final int CEPH_MSG_FOOTER_NOCRC = 2;
    /** {@code CEPH_MSG_FOOTER_SIGNED} (msgr1 only). */
    public static final int CEPH_MSG_FOOTER_SIGNED = 4;

    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        encode(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        return b;
    }

    /**
     * Writes the 41 bytes at index 0 of {@code out}, a little-endian buffer, and sets its position
     * to 0 and its limit to 41: the engine encodes each MESSAGE header into one buffer it reuses.
     */
    public ByteBuffer encode(ByteBuffer out) {
        if (out.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("ceph_msg_header2 is little-endian");
        }
        out.clear().putLong(seq).putLong(tid).putShort((short) type).putShort((short) priority).putShort((short) version)
                .putInt(dataPrePaddingLen).putShort((short) dataOff).putLong(ackSeq).put((byte) flags)
                .putShort((short) compatVersion).putShort((short) 0);
        return out.flip();
    }

    public static MessageHeader2 decode(ByteBuffer seg0) throws ProtocolException {
        if (seg0.remaining() != LENGTH) {
            throw new ProtocolException("MESSAGE header is " + seg0.remaining() + " bytes, expected " + LENGTH);
        }
        // absolute reads: no view of a header read once per message
        int at = seg0.position();
        long seq = LittleEndian.getLe64(seg0, at);
        long tid = LittleEndian.getLe64(seg0, at + 8);
        int type = LittleEndian.getLe16(seg0, at + 16);
        int priority = LittleEndian.getLe16(seg0, at + 18);
        int version = LittleEndian.getLe16(seg0, at + 20);
        int prePad = LittleEndian.getLe32(seg0, at + 22);
        int dataOff = LittleEndian.getLe16(seg0, at + 26);
        long ackSeq = LittleEndian.getLe64(seg0, at + 28);
        int flags = seg0.get(at + 36) & 0xff;
        int compat = LittleEndian.getLe16(seg0, at + 37);
        if (prePad != 0) {
            throw new ProtocolException("MESSAGE header with data_pre_padding_len " + Integer.toUnsignedString(prePad) + " (Ceph always sends 0)");
        }
        return new MessageHeader2(seq, tid, type, priority, version, prePad, dataOff, ackSeq, flags, compat);
    }
}
