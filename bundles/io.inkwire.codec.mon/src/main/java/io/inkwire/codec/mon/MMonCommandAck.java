package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import io.inkwire.wire.message.PaxosServiceHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * {@code MSG_MON_COMMAND_ACK} (51), v1 ({@code src/messages/MMonCommandAck.h}): PaxosServiceMessage
 * prefix, {@code s32 r}, {@code string rs}, {@code vector<string> cmd} (the command echoed); the
 * command's output is the <em>data</em> segment. Matched to its {@link MMonCommand} by header tid.
 *
 * @param tid the command id (header tid)
 * @param r 0 on success, a negative errno otherwise
 * @param rs the status line ({@code ceph} prints it on stderr)
 * @param cmd the command echoed back
 * @param output the command's output (stdout of {@code ceph})
 */
public record MMonCommandAck(long tid, int r, String rs, List<String> cmd, byte[] output) implements CephMessage {

    /** {@code MSG_MON_COMMAND_ACK}. */
    public static final int MSG_MON_COMMAND_ACK = 51;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MMonCommandAck {
        Objects.requireNonNull(rs, "rs");
        cmd = List.copyOf(cmd);
        output = output.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    /** The output as UTF-8 text. */
    public String outputText() {
        return new String(output, StandardCharsets.UTF_8);
    }

    @Override
    public int type() {
        return MSG_MON_COMMAND_ACK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MMonCommandAck m && tid == m.tid && r == m.r && rs.equals(m.rs) && cmd.equals(m.cmd)
                && Arrays.equals(output, m.output);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, r, rs, cmd) * 31 + Arrays.hashCode(output);
    }

    /** Without the output, which may hold keys ({@code auth get}). */
    @Override
    public String toString() {
        return "MMonCommandAck{tid=" + tid + " r=" + r + " rs='" + rs + "' cmd=" + cmd + " output=" + output.length + "B}";
    }

    /** Encodes and decodes {@link MMonCommandAck}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=51")
    public static final class Codec extends MessageCodecSupport<MMonCommandAck> {

        public Codec() {
            super(MSG_MON_COMMAND_ACK, MMonCommandAck.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonCommandAck decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            PaxosServiceHeader.skip(front);
            int r = front.s32();
            String rs = front.string();
            List<String> cmd = front.stringList();
            return new MMonCommandAck(raw.tid(), r, rs, cmd, bytes(raw.data()));
        }

        @Override
        protected void encodeFront(MMonCommandAck m, CephEncoder front, long features) {
            PaxosServiceHeader.encode(front);
            front.u32(m.r).string(m.rs).stringList(m.cmd);
        }

        @Override
        protected ByteBuffer data(MMonCommandAck m) {
            return ByteBuffer.wrap(m.output);
        }
    }
}
