package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a notifier learns when its notify completes: the data segment of the {@link MWatchNotify}
 * {@code CEPH_WATCH_EVENT_NOTIFY_COMPLETE} ({@code Notify::maybe_complete_notify}, {@code src/osd/Watch.cc}):
 * {@code map<pair<u64 gid, u64 cookie>, bufferlist>} of the watchers' replies, then
 * {@code vector<pair<u64 gid, u64 cookie>>} of those that did not answer in time.
 *
 * @param acks each answering watcher's reply (views into the message)
 * @param missed the watchers that timed out
 */
public record NotifyResult(SortedMap<Watcher, ByteBuffer> acks, List<Watcher> missed) {

    public NotifyResult {
        SortedMap<Watcher, ByteBuffer> sorted = new TreeMap<>();
        acks.forEach((w, bl) -> sorted.put(w, OsdWire.view(bl)));
        acks = Collections.unmodifiableSortedMap(sorted);
        missed = List.copyOf(missed);
    }

    public static NotifyResult of(Map<Watcher, ByteBuffer> acks, List<Watcher> missed) {
        return new NotifyResult(new TreeMap<>(acks), missed);
    }

    /**
     * A watch: the watcher's global id and its cookie, ordered as {@code std::pair<u64,u64>} (unsigned).
     *
     * @param gid the watching client's global id
     * @param cookie its watch cookie
     */
    public record Watcher(long gid, long cookie) implements Comparable<Watcher> {
        @Override
        public int compareTo(Watcher o) {
            int c = Long.compareUnsigned(gid, o.gid);
            return c != 0 ? c : Long.compareUnsigned(cookie, o.cookie);
        }
    }

    public static NotifyResult decode(ByteBuffer data) throws MessageDecodeException {
        return OsdWire.decode(data, "notify result", d -> {
            int n = d.count("acks", 20);
            SortedMap<Watcher, ByteBuffer> acks = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                Watcher w = new Watcher(d.u64(), d.u64());
                acks.put(w, OsdWire.bufferlist(d));
            }
            int m = d.count("missed", 16);
            List<Watcher> missed = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                missed.add(new Watcher(d.u64(), d.u64()));
            }
            return new NotifyResult(acks, missed);
        });
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            e.u32(acks.size());
            acks.forEach((w, bl) -> e.u64(w.gid).u64(w.cookie).bytes(bl));
            e.u32(missed.size());
            missed.forEach(w -> e.u64(w.gid).u64(w.cookie));
        });
    }
}
