package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_OSD_MAP} (41), v4 compat 3 ({@code src/messages/MOSDMap.h}): OSD maps from a monitor
 * (answering an "osdmap" subscription) or from an OSD (to a client behind it). Front: {@code uuid fsid},
 * {@code map<u32 epoch, bufferlist> incremental_maps}, {@code map<u32 epoch, bufferlist> maps} (full),
 * (v2) {@code u32 cluster_osdmap_trim_lower_bound} (formerly oldest_map) and {@code u32 newest_map},
 * (v4) {@code map<s64 pool, interval_set<snapid>> gap_removed_snaps} (unused since Octopus, sent empty).
 * The maps stay encoded here, as views into the message: {@code io.inkwire.codec.osd.map} decodes them.
 *
 * @param fsid the cluster
 * @param incrementalMaps epoch → encoded {@code OSDMap::Incremental}
 * @param fullMaps epoch → encoded {@code OSDMap}
 * @param oldestMap the oldest epoch the sender keeps (a lower bound of its trimming)
 * @param newestMap the newest epoch the sender has
 * @param gapRemovedSnaps pool → (snap → length) intervals, from pre-Octopus senders
 */
public record MOSDMap(UUID fsid, SortedMap<Long, ByteBuffer> incrementalMaps, SortedMap<Long, ByteBuffer> fullMaps,
        long oldestMap, long newestMap, SortedMap<Long, SortedMap<Long, Long>> gapRemovedSnaps) implements CephMessage {

    /** {@code CEPH_MSG_OSD_MAP}. */
    public static final int CEPH_MSG_OSD_MAP = 41;
    public static final int HEAD_VERSION = 4;
    public static final int COMPAT_VERSION = 3;

    public MOSDMap {
        Objects.requireNonNull(fsid, "fsid");
        incrementalMaps = epochMap(incrementalMaps);
        fullMaps = epochMap(fullMaps);
        OsdWire.u32(oldestMap, "oldest_map");
        OsdWire.u32(newestMap, "newest_map");
        SortedMap<Long, SortedMap<Long, Long>> gaps = new TreeMap<>();
        gapRemovedSnaps.forEach((pool, set) -> {
            SortedMap<Long, Long> s = new TreeMap<>(Long::compareUnsigned);
            s.putAll(set);
            gaps.put(pool, Collections.unmodifiableSortedMap(s));
        });
        gapRemovedSnaps = Collections.unmodifiableSortedMap(gaps);
    }

    /** Maps as a monitor sends them today: no gap_removed_snaps. */
    public static MOSDMap of(UUID fsid, Map<Long, ByteBuffer> incrementalMaps, Map<Long, ByteBuffer> fullMaps,
            long oldestMap, long newestMap) {
        return new MOSDMap(fsid, new TreeMap<>(incrementalMaps), new TreeMap<>(fullMaps), oldestMap, newestMap,
                new TreeMap<>());
    }

    private static SortedMap<Long, ByteBuffer> epochMap(Map<Long, ByteBuffer> maps) {
        SortedMap<Long, ByteBuffer> out = new TreeMap<>();
        maps.forEach((epoch, bl) -> out.put(OsdWire.u32(epoch, "epoch"), OsdWire.view(bl)));
        return Collections.unmodifiableSortedMap(out);
    }

    @Override
    public int type() {
        return CEPH_MSG_OSD_MAP;
    }

    /** The lowest epoch carried (full or incremental), 0 when none: {@code get_first}. */
    public long firstEpoch() {
        long f = fullMaps.isEmpty() ? 0 : fullMaps.firstKey();
        long i = incrementalMaps.isEmpty() ? 0 : incrementalMaps.firstKey();
        return f == 0 ? i : i == 0 ? f : Math.min(f, i);
    }

    /** The highest epoch carried, 0 when none: {@code get_last}. */
    public long lastEpoch() {
        long f = fullMaps.isEmpty() ? 0 : fullMaps.lastKey();
        long i = incrementalMaps.isEmpty() ? 0 : incrementalMaps.lastKey();
        return Math.max(f, i);
    }

    @Override
    public String toString() {
        return "MOSDMap{" + firstEpoch() + ".." + lastEpoch() + " full=" + fullMaps.keySet() + " inc="
                + incrementalMaps.keySet() + " src has " + oldestMap + ".." + newestMap + "}";
    }

    /** Encodes and decodes {@link MOSDMap}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=41")
    public static final class Codec extends MessageCodecSupport<MOSDMap> {

        public Codec() {
            super(CEPH_MSG_OSD_MAP, MOSDMap.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MOSDMap decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            UUID fsid = d.uuid();
            SortedMap<Long, ByteBuffer> incrementals = maps(d, "incremental maps");
            SortedMap<Long, ByteBuffer> fulls = maps(d, "full maps");
            long oldest = 0;
            long newest = 0;
            if (raw.version() >= 2) {
                oldest = d.u32();
                newest = d.u32();
            }
            SortedMap<Long, SortedMap<Long, Long>> gaps = new TreeMap<>();
            if (raw.version() >= 4) {
                int pools = d.count("gap_removed_snaps", 12);
                for (int i = 0; i < pools; i++) {
                    long pool = d.u64();
                    int n = d.count("removed snap intervals", 16);
                    SortedMap<Long, Long> set = new TreeMap<>(Long::compareUnsigned);
                    for (int j = 0; j < n; j++) {
                        set.put(d.u64(), d.u64());
                    }
                    gaps.put(pool, set);
                }
            }
            return new MOSDMap(fsid, incrementals, fulls, oldest, newest, gaps);
        }

        private static SortedMap<Long, ByteBuffer> maps(CephDecoder d, String what) throws ProtocolException {
            int n = d.count(what, 8);
            SortedMap<Long, ByteBuffer> out = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                long epoch = d.u32();
                out.put(epoch, OsdWire.bufferlist(d));
            }
            return out;
        }

        @Override
        protected void encodeFront(MOSDMap m, CephEncoder e, long features) {
            e.uuid(m.fsid);
            for (SortedMap<Long, ByteBuffer> maps : java.util.List.of(m.incrementalMaps, m.fullMaps)) {
                e.u32(maps.size());
                maps.forEach((epoch, bl) -> e.u32(epoch).bytes(bl));
            }
            e.u32(m.oldestMap).u32(m.newestMap).u32(m.gapRemovedSnaps.size());
            m.gapRemovedSnaps.forEach((pool, set) -> {
                e.u64(pool).u32(set.size());
                set.forEach((start, len) -> e.u64(start).u64(len));
            });
        }
    }
}
