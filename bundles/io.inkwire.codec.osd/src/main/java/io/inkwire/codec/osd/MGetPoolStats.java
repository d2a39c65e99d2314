package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import io.inkwire.wire.message.PaxosServiceHeader;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code MSG_GETPOOLSTATS} (58), v1 ({@code src/messages/MGetPoolStats.h}): a client asks the
 * monitor for the statistics of some pools ({@code rados df}, librados's {@code get_pool_stats}),
 * answered by {@link MGetPoolStatsReply} with the same tid. Front: PaxosServiceMessage prefix,
 * {@code uuid fsid}, {@code list<string> pools}.
 *
 * @param tid matches the reply
 * @param fsid the cluster
 * @param pools the pools' names
 */
public record MGetPoolStats(long tid, UUID fsid, List<String> pools) implements CephMessage {

    public static final int MSG_GETPOOLSTATS = 58;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MGetPoolStats {
        Objects.requireNonNull(fsid, "fsid");
        pools = List.copyOf(pools);
    }

    @Override
    public int type() {
        return MSG_GETPOOLSTATS;
    }

    /** Encodes and decodes {@link MGetPoolStats}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=58")
    public static final class Codec extends MessageCodecSupport<MGetPoolStats> {

        public Codec() {
            super(MSG_GETPOOLSTATS, MGetPoolStats.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MGetPoolStats decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            PaxosServiceHeader.skip(d);
            UUID fsid = d.uuid();
            return new MGetPoolStats(raw.tid(), fsid, d.stringList());
        }

        @Override
        protected void encodeFront(MGetPoolStats m, CephEncoder e, long features) {
            PaxosServiceHeader.encode(e);
            e.uuid(m.fsid).stringList(m.pools);
        }
    }
}
