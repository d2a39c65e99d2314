package io.inkwire.wire.v1;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Crc32c;
import java.nio.ByteBuffer;

/**
 * {@code struct ceph_msg_header} (53 bytes, packed, little-endian), after the MSG tag. Its last field
 * is the crc32c (seed 0) of the 49 bytes before it.
 *
 * @param seq           the sender's message sequence number in this session
 * @param tid           transaction id
 * @param type          message type ({@code CEPH_MSG_*})
 * @param priority      {@code CEPH_MSG_PRIO_*}
 * @param version       encoding version of the payload
 * @param frontLength   unsigned
 * @param middleLength  unsigned
 * @param dataLength    unsigned
 * @param dataOff       sender's page offset of the data (u16)
 * @param srcType       the sender's entity type
 * @param srcNum        the sender's entity number (its global id, {@code -1} before it has one)
 * @param compatVersion oldest version able to decode the payload
 * @param crc           the header crc as received (or as {@link #encode()} computes it)
 */
public record MessageHeaderV1(long seq, long tid, int type, int priority, int version, long frontLength, long middleLength,
                              long dataLength, int dataOff, int srcType, long srcNum, int compatVersion, int crc) {

    /** {@code sizeof(struct ceph_msg_header)}. */
    public static final int LENGTH = 53;
    /** The bytes the header crc covers. */
    public static final int CRC_COVERED = LENGTH - 4;

    /** The encoding, with the crc computed over it (the {@code crc} field of this record is ignored). */
    public byte[] encode() {
        CephEncoder e = new CephEncoder(LENGTH);
        e.u64(seq).u64(tid).u16(type).u16(priority).u16(version).u32(frontLength).u32(middleLength).u32(dataLength)
                .u16(dataOff).u8(srcType).u64(srcNum).u16(compatVersion).u16(0);
        byte[] head = e.toByteArray();
        int c = Crc32c.compute(Crc32c.SEED_ZERO, head, 0, CRC_COVERED);
        byte[] out = java.util.Arrays.copyOf(head, LENGTH);
        out[49] = (byte) c;
        out[50] = (byte) (c >>> 8);
        out[51] = (byte) (c >>> 16);
        out[52] = (byte) (c >>> 24);
        return out;
    }

    /** The crc of an encoded header (over its first 49 bytes). */
    public static int computeCrc(byte[] encoded) {
        return Crc32c.compute(Crc32c.SEED_ZERO, encoded, 0, CRC_COVERED);
    }

    /**
     * Decodes 53 bytes; with {@code checkCrc} a crc mismatch is a {@link ProtocolException}
     * ({@code ms_crc_header}).
     */
    public static MessageHeaderV1 decode(ByteBuffer in, boolean checkCrc) throws ProtocolException {
        if (in.remaining() != LENGTH) {
            throw new ProtocolException("ceph_msg_header: " + in.remaining() + " bytes, expected " + LENGTH);
        }
        ByteBuffer dup = in.duplicate();
        CephDecoder d = new CephDecoder(in, "ceph_msg_header");
        MessageHeaderV1 h = new MessageHeaderV1(d.u64(), d.u64(), d.u16(), d.u16(), d.u16(), d.u32(), d.u32(), d.u32(), d.u16(),
                d.u8(), d.u64(), d.u16(), skipReserved(d));
        if (checkCrc) {
            ByteBuffer covered = dup.slice(dup.position(), CRC_COVERED);
            int computed = Crc32c.compute(Crc32c.SEED_ZERO, covered);
            if (computed != h.crc) {
                throw new ProtocolException(String.format("msgr1 message header crc mismatch: got 0x%08x, computed 0x%08x", h.crc, computed));
            }
        }
        return h;
    }

    private static int skipReserved(CephDecoder d) throws ProtocolException {
        d.u16(); // reserved
        return d.s32();
    }

    /** The three payload lengths together (each an unsigned 32-bit value). */
    public long payloadLength() {
        return frontLength + middleLength + dataLength;
    }
}
