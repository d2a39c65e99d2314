package io.inkwire.codec.osd.map;

import io.inkwire.api.ProtocolException;
import io.inkwire.codec.osd.PgId;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.StdString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The containers the OSDMap encodings share, each count checked against what remains. */
final class MapWire {

    /** The smallest encoded entity_addrvec_t: marker 2 and a zero count. */
    static final int MIN_ADDRVEC = 5;

    private MapWire() {
    }

    /** {@code interval_set<u64>}: u32 n, then n × (u64 start, u64 length); sorted unsigned. */
    static SortedMap<Long, Long> intervalSet(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 16);
        TreeMap<Long, Long> out = new TreeMap<>(Long::compareUnsigned);
        for (int i = 0; i < n; i++) {
            out.put(d.u64(), d.u64());
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void intervalSet(CephEncoder e, Map<Long, Long> set) {
        e.u32(set.size());
        set.forEach((start, len) -> e.u64(start).u64(len));
    }

    /** {@code map<s64, interval_set<snapid_t>>}. */
    static SortedMap<Long, SortedMap<Long, Long>> poolIntervals(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 12);
        TreeMap<Long, SortedMap<Long, Long>> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(d.u64(), intervalSet(d, what));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void poolIntervals(CephEncoder e, Map<Long, SortedMap<Long, Long>> m) {
        e.u32(m.size());
        m.forEach((pool, set) -> {
            e.u64(pool);
            intervalSet(e, set);
        });
    }

    /** {@code map<string,string>}, in {@code std::string} order. */
    static SortedMap<String, String> stringMap(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        TreeMap<String, String> out = new TreeMap<>(StdString.ORDER);
        for (int i = 0; i < n; i++) {
            out.put(d.string(), d.string());
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** {@code map<string, map<string,string>>} (erasure code profiles). */
    static SortedMap<String, SortedMap<String, String>> profiles(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        TreeMap<String, SortedMap<String, String>> out = new TreeMap<>(StdString.ORDER);
        for (int i = 0; i < n; i++) {
            out.put(d.string(), stringMap(d, what));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void profiles(CephEncoder e, Map<String, ? extends Map<String, String>> m) {
        e.u32(m.size());
        m.forEach((name, kv) -> e.string(name).stringMap(kv));
    }

    /** {@code vector<u32>} as int bits, each length checked. */
    static int[] u32Vector(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 4);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.s32();
        }
        return out;
    }

    /** {@code vector<u8>} widened (pre-v5 osd_state). */
    static int[] u8Vector(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.u8();
        }
        return out;
    }

    static void u32Vector(CephEncoder e, int[] v) {
        e.u32(v.length);
        for (int x : v) {
            e.u32(x);
        }
    }

    /** {@code vector<s32>} as an unmodifiable list. */
    static List<Integer> s32List(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 4);
        Integer[] out = new Integer[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.s32();
        }
        return List.of(out);
    }

    static void s32List(CephEncoder e, List<Integer> v) {
        e.u32(v.size());
        v.forEach(e::u32);
    }

    /** {@code map<pg_t, vector<s32>>} (pg_temp, pg_upmap). */
    static SortedMap<PgId, List<Integer>> pgOsdLists(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, PgId.ENCODED_LENGTH + 4);
        TreeMap<PgId, List<Integer>> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(PgId.decode(d), s32List(d, what));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void pgOsdLists(CephEncoder e, Map<PgId, List<Integer>> m) {
        e.u32(m.size());
        m.forEach((pg, osds) -> {
            pg.encode(e);
            s32List(e, osds);
        });
    }

    /** {@code map<pg_t, s32>} (primary_temp). */
    static SortedMap<PgId, Integer> pgOsd(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, PgId.ENCODED_LENGTH + 4);
        TreeMap<PgId, Integer> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(PgId.decode(d), d.s32());
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void pgOsd(CephEncoder e, Map<PgId, Integer> m) {
        e.u32(m.size());
        m.forEach((pg, osd) -> {
            pg.encode(e);
            e.u32(osd);
        });
    }

    /** {@code map<pg_t, vector<pair<s32,s32>>>} (pg_upmap_items). */
    static SortedMap<PgId, List<UpmapItem>> pgUpmapItems(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, PgId.ENCODED_LENGTH + 4);
        TreeMap<PgId, List<UpmapItem>> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            PgId pg = PgId.decode(d);
            int m = d.count(what + " pairs", 8);
            List<UpmapItem> items = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                items.add(new UpmapItem(d.s32(), d.s32()));
            }
            out.put(pg, List.copyOf(items));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void pgUpmapItems(CephEncoder e, Map<PgId, List<UpmapItem>> m) {
        e.u32(m.size());
        m.forEach((pg, items) -> {
            pg.encode(e);
            e.u32(items.size());
            items.forEach(it -> e.u32(it.from()).u32(it.to()));
        });
    }

    /** {@code set<pg_t>}. */
    static SortedSet<PgId> pgSet(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, PgId.ENCODED_LENGTH);
        TreeSet<PgId> out = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            out.add(PgId.decode(d));
        }
        return Collections.unmodifiableSortedSet(out);
    }

    static void pgSet(CephEncoder e, SortedSet<PgId> s) {
        e.u32(s.size());
        s.forEach(pg -> pg.encode(e));
    }

    /** {@code map<s32, u32>} (new_state, new_weight, new_primary_affinity). */
    static SortedMap<Integer, Long> osdU32(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        TreeMap<Integer, Long> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(d.s32(), d.u32());
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** {@code map<s32, u8>} (pre-v5 new_state). */
    static SortedMap<Integer, Long> osdU8(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 5);
        TreeMap<Integer, Long> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(d.s32(), (long) d.u8());
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void osdU32(CephEncoder e, Map<Integer, Long> m) {
        e.u32(m.size());
        m.forEach((osd, v) -> e.u32(osd).u32(v));
    }
}
