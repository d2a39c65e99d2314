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
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(seq).putLong(tid).putShort((short) type).putShort((short) priority).putShort((short) version)
                .putInt(dataPrePaddingLen).putShort((short) dataOff).putLong(ackSeq).put((byte) flags)
                .putShort((short) compatVersion).putShort((short) 0);
        return b.array();
    }

    public static MessageHeader2 decode(ByteBuffer seg0) throws ProtocolException {
        if (seg0.remaining() != LENGTH) {
            throw new ProtocolException("MESSAGE header is " + seg0.remaining() + " bytes, expected " + LENGTH);
        }
        ByteBuffer b = seg0.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long seq = b.getLong();
        long tid = b.getLong();
        int type = b.getShort() & 0xffff;
        int priority = b.getShort() & 0xffff;
        int version = b.getShort() & 0xffff;
        int prePad = b.getInt();
        int dataOff = b.getShort() & 0xffff;
        long ackSeq = b.getLong();
        int flags = b.get() & 0xff;
        int compat = b.getShort() & 0xffff;
        if (prePad != 0) {
            throw new ProtocolException("MESSAGE header with data_pre_padding_len " + Integer.toUnsignedString(prePad) + " (Ceph always sends 0)");
        }
        return new MessageHeader2(seq, tid, type, priority, version, prePad, dataOff, ackSeq, flags, compat);
    }
}
