package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * {@code MSG_COMMAND_REPLY} (98), v1 ({@code src/messages/MCommandReply.h}): {@code s32 r},
 * {@code string rs}; the output is the data segment; matched to its {@link MCommand} by header tid.
 */
public record MCommandReply(long tid, int r, String rs, byte[] output) implements CephMessage {

    /** {@code MSG_COMMAND_REPLY}. */
    public static final int MSG_COMMAND_REPLY = 98;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MCommandReply {
        Objects.requireNonNull(rs, "rs");
        output = output.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    public String outputText() {
        return new String(output, StandardCharsets.UTF_8);
    }

    @Override
    public int type() {
        return MSG_COMMAND_REPLY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MCommandReply m && tid == m.tid && r == m.r && rs.equals(m.rs) && Arrays.equals(output, m.output);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, r, rs) * 31 + Arrays.hashCode(output);
    }

    @Override
    public String toString() {
        return "MCommandReply{tid=" + tid + " r=" + r + " rs='" + rs + "' output=" + output.length + "B}";
    }

    /** Encodes and decodes {@link MCommandReply}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=98")
    public static final class Codec extends MessageCodecSupport<MCommandReply> {

        public Codec() {
            super(MSG_COMMAND_REPLY, MCommandReply.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MCommandReply decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            return new MCommandReply(raw.tid(), front.s32(), front.string(), bytes(raw.data()));
        }

        @Override
        protected void encodeFront(MCommandReply m, CephEncoder front, long features) {
            front.u32(m.r).string(m.rs);
        }

        @Override
        protected ByteBuffer data(MCommandReply m) {
            return ByteBuffer.wrap(m.output);
        }
    }
}
