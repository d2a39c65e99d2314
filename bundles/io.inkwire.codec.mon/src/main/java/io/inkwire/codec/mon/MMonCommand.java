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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code MSG_MON_COMMAND} (50), v1 ({@code src/messages/MMonCommand.h}): PaxosServiceMessage prefix,
 * {@code uuid fsid}, {@code vector<string> cmd}; optional input in the <em>data</em> segment. The
 * command id travels in the header {@code tid}; the {@link MMonCommandAck} carries it back.
 *
 * @param tid the command id (header tid), matched by the ack; 0 lets C++ match the oldest command
 * @param fsid the cluster fsid from the monmap; a wrong one is answered with −EPERM "wrong fsid"
 * @param cmd the command, normally one JSON object such as {@code {"prefix": "status", "format": "json"}}
 * @param input bytes for commands that read input ({@code -i file}); empty when none
 */
public record MMonCommand(long tid, UUID fsid, List<String> cmd, byte[] input) implements CephMessage {

    /** {@code MSG_MON_COMMAND}. */
    public static final int MSG_MON_COMMAND = 50;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MMonCommand {
        Objects.requireNonNull(fsid, "fsid");
        cmd = List.copyOf(cmd);
        input = input.clone();
    }

    /** A command with tid 0; give it its id with {@link #withTid(long)}. */
    public MMonCommand(UUID fsid, List<String> cmd, byte[] input) {
        this(0, fsid, cmd, input);
    }

    /** One JSON command without input. */
    public static MMonCommand of(long tid, UUID fsid, String jsonCommand) {
        return new MMonCommand(tid, fsid, List.of(jsonCommand), new byte[0]);
    }

    public MMonCommand withTid(long newTid) {
        return new MMonCommand(newTid, fsid, cmd, input);
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    @Override
    public int type() {
        return MSG_MON_COMMAND;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MMonCommand m && tid == m.tid && fsid.equals(m.fsid) && cmd.equals(m.cmd)
                && Arrays.equals(input, m.input);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, fsid, cmd) * 31 + Arrays.hashCode(input);
    }

    /** The command and the input's length; the input itself may be a secret (e.g. {@code auth import}). */
    @Override
    public String toString() {
        return "MMonCommand{tid=" + tid + " fsid=" + fsid + " cmd=" + cmd + " input=" + input.length + "B}";
    }

    /** Encodes and decodes {@link MMonCommand}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=50")
    public static final class Codec extends MessageCodecSupport<MMonCommand> {

        public Codec() {
            super(MSG_MON_COMMAND, MMonCommand.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonCommand decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            PaxosServiceHeader.skip(front);
            UUID fsid = front.uuid();
            List<String> cmd = front.stringList();
            return new MMonCommand(raw.tid(), fsid, cmd, bytes(raw.data()));
        }

        @Override
        protected void encodeFront(MMonCommand m, CephEncoder front, long features) {
            PaxosServiceHeader.encode(front);
            front.uuid(m.fsid).stringList(m.cmd);
        }

        @Override
        protected ByteBuffer data(MMonCommand m) {
            return ByteBuffer.wrap(m.input);
        }
    }
}
