package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code MSG_COMMAND} (97), v1 ({@code src/messages/MCommand.h}): a "tell" command sent straight to
 * a daemon (an OSD, a monitor): {@code uuid fsid}, {@code vector<string> cmd}; optional input in the
 * data segment; the header tid matches the {@link MCommandReply}.
 */
public record MCommand(long tid, UUID fsid, List<String> cmd, byte[] input) implements CephMessage {

    /** {@code MSG_COMMAND}. */
    public static final int MSG_COMMAND = 97;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MCommand {
        Objects.requireNonNull(fsid, "fsid");
        cmd = List.copyOf(cmd);
        input = input.clone();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    @Override
    public int type() {
        return MSG_COMMAND;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MCommand m && tid == m.tid && fsid.equals(m.fsid) && cmd.equals(m.cmd) && Arrays.equals(input, m.input);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, fsid, cmd) * 31 + Arrays.hashCode(input);
    }

    @Override
    public String toString() {
        return "MCommand{tid=" + tid + " cmd=" + cmd + " input=" + input.length + "B}";
    }

    /** Encodes and decodes {@link MCommand}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=97")
    public static final class Codec extends MessageCodecSupport<MCommand> {

        public Codec() {
            super(MSG_COMMAND, MCommand.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MCommand decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            return new MCommand(raw.tid(), front.uuid(), front.stringList(), bytes(raw.data()));
        }

        @Override
        protected void encodeFront(MCommand m, CephEncoder front, long features) {
            front.uuid(m.fsid).stringList(m.cmd);
        }

        @Override
        protected ByteBuffer data(MCommand m) {
            return ByteBuffer.wrap(m.input);
        }
    }
}
