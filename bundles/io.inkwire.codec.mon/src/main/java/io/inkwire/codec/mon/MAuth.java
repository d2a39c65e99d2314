package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import io.inkwire.wire.message.PaxosServiceHeader;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_AUTH} (17), v1 ({@code src/messages/MAuth.h}): PaxosServiceMessage prefix,
 * {@code u32 protocol}, {@code bufferlist auth_payload}, {@code u32 monmap_epoch}. Carries cephx to a
 * monitor: the whole negotiation on msgr1, ticket renewal and service tickets on both messengers.
 * The kernel omits {@code monmap_epoch}; it decodes as 0 then.
 *
 * @param protocol {@link #CEPH_AUTH_UNKNOWN} while negotiating, then the chosen method
 * @param authPayload the method's bytes (cephx request header + body); never printed
 * @param monmapEpoch the sender's monmap epoch ({@code u32})
 */
public record MAuth(int protocol, byte[] authPayload, long monmapEpoch) implements CephMessage {

    /** {@code CEPH_MSG_AUTH}. */
    public static final int CEPH_MSG_AUTH = 17;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;
    /** {@code CEPH_AUTH_UNKNOWN}: the first MAuth, listing supported methods. */
    public static final int CEPH_AUTH_UNKNOWN = 0;
    /** {@code CEPH_AUTH_NONE}. */
    public static final int CEPH_AUTH_NONE = 1;
    /** {@code CEPH_AUTH_CEPHX}. */
    public static final int CEPH_AUTH_CEPHX = 2;

    public MAuth {
        authPayload = authPayload.clone();
        if (monmapEpoch < 0 || monmapEpoch > 0xffffffffL) {
            throw new IllegalArgumentException("monmapEpoch out of u32 range: " + monmapEpoch);
        }
    }

    @Override
    public byte[] authPayload() {
        return authPayload.clone();
    }

    @Override
    public int type() {
        return CEPH_MSG_AUTH;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MAuth m && protocol == m.protocol && monmapEpoch == m.monmapEpoch
                && Arrays.equals(authPayload, m.authPayload);
    }

    @Override
    public int hashCode() {
        return (protocol * 31 + Long.hashCode(monmapEpoch)) * 31 + Arrays.hashCode(authPayload);
    }

    /** Lengths only: the payload holds cephx proofs and tickets. */
    @Override
    public String toString() {
        return "MAuth{protocol=" + protocol + " payload=" + authPayload.length + "B monmap_epoch=" + monmapEpoch + "}";
    }

    /** Encodes and decodes {@link MAuth}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=17")
    public static final class Codec extends MessageCodecSupport<MAuth> {

        public Codec() {
            super(CEPH_MSG_AUTH, MAuth.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MAuth decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            PaxosServiceHeader.skip(front);
            int protocol = front.s32();
            byte[] payload = front.bytes();
            long epoch = front.hasRemaining() ? front.u32() : 0; // MAuth::decode_payload: absent from the kernel
            return new MAuth(protocol, payload, epoch);
        }

        @Override
        protected void encodeFront(MAuth m, CephEncoder front, long features) {
            PaxosServiceHeader.encode(front);
            front.u32(m.protocol).bytes(m.authPayload).u32(m.monmapEpoch);
        }
    }
}
