package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import io.inkwire.wire.message.PaxosServiceHeader;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code MSG_GETPOOLSTATSREPLY} (59), v2 ({@code src/messages/MGetPoolStatsReply.h}): the
 * monitor's answer to {@link MGetPoolStats}, same tid. Front: PaxosServiceMessage prefix,
 * {@code uuid fsid}, {@code map<string, pool_stat_t>} (pools the monitor does not know are left
 * out), then [v2] {@code bool per_pool} (the OSDs report allocation per pool, so used bytes come
 * from the store's statistics).
 *
 * @param tid the request's tid
 * @param fsid the cluster
 * @param stats by pool name
 * @param perPool whether {@link PoolStat#storeStats} is per pool
 */
public record MGetPoolStatsReply(long tid, UUID fsid, SortedMap<String, PoolStat> stats, boolean perPool) implements CephMessage {

    public static final int MSG_GETPOOLSTATSREPLY = 59;
    public static final int HEAD_VERSION = 2;
    public static final int COMPAT_VERSION = 1;
    /** The smallest pool_stat_t entry: an empty name and the struct headers with the sum's 14 compat fields. */
    private static final int MIN_ENTRY = 4 + 6 + 6 + 6 + 14 * 8;

    public MGetPoolStatsReply {
        Objects.requireNonNull(fsid, "fsid");
        stats = Collections.unmodifiableSortedMap(new TreeMap<>(stats));
    }

    @Override
    public int type() {
        return MSG_GETPOOLSTATSREPLY;
    }

    /** Encodes and decodes {@link MGetPoolStatsReply}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=59")
    public static final class Codec extends MessageCodecSupport<MGetPoolStatsReply> {

        public Codec() {
            super(MSG_GETPOOLSTATSREPLY, MGetPoolStatsReply.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MGetPoolStatsReply decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            PaxosServiceHeader.skip(d);
            UUID fsid = d.uuid();
            int n = d.count("pool_stats", MIN_ENTRY);
            SortedMap<String, PoolStat> stats = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                stats.put(d.string(), PoolStat.decode(d));
            }
            boolean perPool = raw.version() >= 2 && d.bool();
            return new MGetPoolStatsReply(raw.tid(), fsid, stats, perPool);
        }

        @Override
        protected void encodeFront(MGetPoolStatsReply m, CephEncoder e, long features) {
            PaxosServiceHeader.encode(e);
            e.uuid(m.fsid).u32(m.stats.size());
            m.stats.forEach((name, s) -> {
                e.string(name);
                s.encode(e);
            });
            e.bool(m.perPool);
        }
    }
}
