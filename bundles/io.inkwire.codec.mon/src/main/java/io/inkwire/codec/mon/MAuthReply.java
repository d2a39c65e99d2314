package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.util.Arrays;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_AUTH_REPLY} (18), v1 ({@code src/messages/MAuthReply.h}): {@code u32 protocol},
 * {@code s32 result}, {@code u64 global_id}, {@code bufferlist result_bl}, {@code string result_msg}.
 *
 * @param protocol the method the monitor chose
 * @param result 0 while progressing or done, a negative errno on failure
 * @param globalId the global id the monitor assigned
 * @param resultBl the method's reply (cephx challenge, tickets); never printed
 * @param resultMsg a human-readable note, usually empty
 */
public record MAuthReply(int protocol, int result, long globalId, byte[] resultBl, String resultMsg) implements CephMessage {

    /** {@code CEPH_MSG_AUTH_REPLY}. */
    public static final int CEPH_MSG_AUTH_REPLY = 18;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MAuthReply {
        resultBl = resultBl.clone();
        Objects.requireNonNull(resultMsg, "resultMsg");
    }

    @Override
    public byte[] resultBl() {
        return resultBl.clone();
    }

    @Override
    public int type() {
        return CEPH_MSG_AUTH_REPLY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MAuthReply m && protocol == m.protocol && result == m.result && globalId == m.globalId
                && resultMsg.equals(m.resultMsg) && Arrays.equals(resultBl, m.resultBl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, result, globalId, resultMsg) * 31 + Arrays.hashCode(resultBl);
    }

    /** Lengths only: the result holds tickets and session keys. */
    @Override
    public String toString() {
        return "MAuthReply{protocol=" + protocol + " result=" + result + " global_id=" + globalId
                + " result_bl=" + resultBl.length + "B msg='" + resultMsg + "'}";
    }

    /** Encodes and decodes {@link MAuthReply}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=18")
    public static final class Codec extends MessageCodecSupport<MAuthReply> {

        public Codec() {
            super(CEPH_MSG_AUTH_REPLY, MAuthReply.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MAuthReply decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            int protocol = front.s32();
            int result = front.s32();
            long globalId = front.u64();
            byte[] resultBl = front.bytes();
            return new MAuthReply(protocol, result, globalId, resultBl, front.string());
        }

        @Override
        protected void encodeFront(MAuthReply m, CephEncoder front, long features) {
            front.u32(m.protocol).u32(m.result).u64(m.globalId).bytes(m.resultBl).string(m.resultMsg);
        }
    }
}
