package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import io.inkwire.wire.message.PaxosServiceHeader;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_POOLOP_REPLY} (48), v1 ({@code src/messages/MPoolOpReply.h}): the monitor's answer to an
 * {@link MPoolOp}, same tid. Front: PaxosServiceMessage prefix, {@code uuid fsid}, {@code u32 replyCode}
 * (0 or a negative errno), {@code u32 epoch} (the osdmap epoch that carries the change: the client
 * waits for it before calling the op done), {@code bool} + optional {@code bufferlist response_data}
 * (a new self-managed snap id, encoded u64).
 *
 * @param tid the pool op's tid
 * @param fsid the cluster
 * @param replyCode 0 or a negative errno
 * @param epoch the osdmap epoch with the change
 * @param responseData what the op returns (empty when none)
 */
public record MPoolOpReply(long tid, UUID fsid, int replyCode, long epoch, ByteBuffer responseData) implements CephMessage {

    /** {@code CEPH_MSG_POOLOP_REPLY}. */
    public static final int CEPH_MSG_POOLOP_REPLY = 48;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MPoolOpReply {
        Objects.requireNonNull(fsid, "fsid");
        OsdWire.u32(epoch, "epoch");
        responseData = OsdWire.view(responseData);
    }

    @Override
    public int type() {
        return CEPH_MSG_POOLOP_REPLY;
    }

    @Override
    public ByteBuffer responseData() {
        return responseData.duplicate();
    }

    /**
     * The self-managed snap id a {@code POOL_OP_CREATE_UNMANAGED_SNAP} reply carries: its data is
     * {@code encode(snapid_t)}, one little-endian u64 ({@code OSDMonitor::prepare_pool_op}).
     *
     * @throws MessageDecodeException when the data is not exactly one u64
     */
    public long snapId() throws MessageDecodeException {
        if (responseData.remaining() != Long.BYTES) {
            throw new MessageDecodeException("pool op reply data of " + responseData.remaining()
                    + " bytes is not a snap id (8 bytes)");
        }
        return responseData.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Encodes and decodes {@link MPoolOpReply}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=48")
    public static final class Codec extends MessageCodecSupport<MPoolOpReply> {

        public Codec() {
            super(CEPH_MSG_POOLOP_REPLY, MPoolOpReply.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MPoolOpReply decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            PaxosServiceHeader.skip(d);
            UUID fsid = d.uuid();
            int replyCode = d.s32();
            long epoch = d.u32();
            ByteBuffer data = d.bool() ? OsdWire.bufferlist(d) : OsdWire.empty();
            return new MPoolOpReply(raw.tid(), fsid, replyCode, epoch, data);
        }

        @Override
        protected void encodeFront(MPoolOpReply m, CephEncoder e, long features) {
            PaxosServiceHeader.encode(e);
            e.uuid(m.fsid).u32(m.replyCode).u32(m.epoch).bool(m.responseData.hasRemaining());
            if (m.responseData.hasRemaining()) {
                e.bytes(m.responseData);
            }
        }
    }
}
