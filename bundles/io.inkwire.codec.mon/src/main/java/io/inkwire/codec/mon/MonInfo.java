package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import io.inkwire.wire.StdString;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One monitor of a {@link MonMap}: Ceph's {@code mon_info_t} ({@code src/mon/MonMap.h}).
 *
 * <p>Encoded as Pacific does it: {@code ENCODE_START(5, 1)} with name, public_addrs, priority,
 * weight and crush_loc. Decoding reads any struct_v with compat ≤ 1 and skips what it does not know
 * (v6 adds {@code time_added}, which inkwire does not keep).
 *
 * @param name the monitor's id ({@code a} in {@code mon.a})
 * @param publicAddrs the addresses clients reach it at, v2 first by convention
 * @param priority {@code u16} election/connection priority (lower is preferred)
 * @param weight {@code u16} weight for clients choosing a monitor
 * @param crushLoc stretch-mode CRUSH location, sorted by key as Ceph's {@code std::map}
 */
public record MonInfo(String name, EntityAddrVec publicAddrs, int priority, int weight, Map<String, String> crushLoc) {

    /** The {@code mon_info_t} struct_v a Pacific monitor writes. */
    public static final int STRUCT_V = 5;
    /** Its compat version. */
    public static final int STRUCT_COMPAT = 1;
    /** Newest struct_v whose fields are known here (v6 added {@code time_added}). */
    static final int STRUCT_V_KNOWN = 6;

    public MonInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicAddrs, "publicAddrs");
        checkU16(priority, "priority");
        checkU16(weight, "weight");
        SortedMap<String, String> sorted = new TreeMap<>(StdString.ORDER);
        sorted.putAll(crushLoc);
        crushLoc = Collections.unmodifiableSortedMap(sorted);
    }

    /** A monitor with priority 0, weight 0 and no CRUSH location, as {@code monmaptool --addv} makes one. */
    public MonInfo(String name, EntityAddrVec publicAddrs) {
        this(name, publicAddrs, 0, 0, Map.of());
    }

    private static void checkU16(int v, String what) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(what + " out of u16 range: " + v);
        }
    }

    void encode(CephEncoder e) {
        e.startStruct(STRUCT_V, STRUCT_COMPAT);
        e.string(name);
        EntityAddrCodec.encodeVec(e, publicAddrs);
        e.u16(priority).u16(weight);
        e.stringMap(crushLoc);
        e.finishStruct();
    }

    static MonInfo decode(CephDecoder d) throws ProtocolException {
        int v = d.startStruct(STRUCT_V_KNOWN, "mon_info_t");
        String name = d.string();
        EntityAddrVec addrs = EntityAddrCodec.decodeVec(d);
        int priority = v >= 2 ? d.u16() : 0;
        int weight = v >= 4 ? d.u16() : 0;
        Map<String, String> crushLoc = v >= 5 ? d.stringMap() : Map.of();
        d.finishStruct("mon_info_t"); // v6 time_added and anything newer
        return new MonInfo(name, addrs, priority, weight, crushLoc);
    }
}
