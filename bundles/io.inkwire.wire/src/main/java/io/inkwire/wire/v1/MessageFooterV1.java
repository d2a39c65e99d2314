package io.inkwire.wire.v1;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;

/**
 * {@code struct ceph_msg_footer} (21 bytes) or, when {@code CEPH_FEATURE_MSG_AUTH} is not
 * negotiated, {@code struct ceph_msg_footer_old} (13 bytes, no signature): the crcs (seed 0) of
 * front, middle and data, the cephx message signature, and flags.
 *
 * @param frontCrc  crc32c of the front
 * @param middleCrc crc32c of the middle
 * @param dataCrc   crc32c of the data (0 with {@link #CEPH_MSG_FOOTER_NOCRC})
 * @param sig       the message signature ({@link #CEPH_MSG_FOOTER_SIGNED}); 0 in the old footer
 * @param flags     {@code CEPH_MSG_FOOTER_*}
 */
public record MessageFooterV1(int frontCrc, int middleCrc, int dataCrc, long sig, int flags) {

    /** {@code sizeof(struct ceph_msg_footer)}. */
    public static final int LENGTH = 21;
    /** {@code sizeof(struct ceph_msg_footer_old)}. */
    public static final int OLD_LENGTH = 13;
    /** {@code CEPH_MSG_FOOTER_COMPLETE}: the sender did not abort the message. */
    public static final int CEPH_MSG_FOOTER_COMPLETE = 1;
    /** {@code CEPH_MSG_FOOTER_NOCRC}: the data crc was not computed. */
    public static final int CEPH_MSG_FOOTER_NOCRC = 2;
    /** {@code CEPH_MSG_FOOTER_SIGNED}: {@link #sig} is valid. */
    public static final int CEPH_MSG_FOOTER_SIGNED = 4;

    /** The footer length for the negotiated features. */
    public static int length(boolean msgAuth) {
        return msgAuth ? LENGTH : OLD_LENGTH;
    }

    public byte[] encode(boolean msgAuth) {
        CephEncoder e = new CephEncoder(LENGTH);
        e.u32(frontCrc & 0xffffffffL).u32(middleCrc & 0xffffffffL).u32(dataCrc & 0xffffffffL);
        if (msgAuth) {
            e.u64(sig);
        }
        e.u8(flags);
        return e.toByteArray();
    }

    public static MessageFooterV1 decode(ByteBuffer in, boolean msgAuth) throws ProtocolException {
        int want = length(msgAuth);
        if (in.remaining() != want) {
            throw new ProtocolException("ceph_msg_footer: " + in.remaining() + " bytes, expected " + want);
        }
        CephDecoder d = new CephDecoder(in, "ceph_msg_footer");
        int front = d.s32();
        int middle = d.s32();
        int data = d.s32();
        long sig = msgAuth ? d.u64() : 0;
        return new MessageFooterV1(front, middle, data, sig, d.u8());
    }
}
