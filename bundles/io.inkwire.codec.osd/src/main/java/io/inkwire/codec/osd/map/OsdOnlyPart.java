package io.inkwire.codec.osd.map;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OSD-only part of a full OSDMap (heartbeat and cluster addresses, osd_info, blocklist, uuids,
 * xinfo, full ratios, release requirements …), kept as encoded: a client does not read it, and
 * keeping its bytes lets a decoded map encode back to the same bytes (and the same crc).
 *
 * @param version its struct_v (7 for Nautilus, 9+ for Pacific with stretch mode fields)
 * @param bytes the whole struct, header included
 */
public record OsdOnlyPart(int version, byte[] bytes) {

    public OsdOnlyPart {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * A valid Nautilus-layout (v7) part for {@code maxOsd} OSDs with nothing known about them: empty
     * address vectors, zero osd_info/uuid/xinfo, no blocklist, zero ratios, release requirements
     * "unknown" (so a decoder adds no flags of its own).
     */
    static OsdOnlyPart minimal(int maxOsd) {
        CephEncoder e = new CephEncoder(64 + maxOsd * 80);
        e.startStruct(7, 1);
        emptyAddrVecs(e, maxOsd); // hb_back_addrs
        e.u32(maxOsd);
        for (int i = 0; i < maxOsd; i++) {
            e.u8(1).zeros(24); // osd_info_t v1: six epochs
        }
        e.u32(0); // blocklist
        emptyAddrVecs(e, maxOsd); // cluster_addrs
        e.u32(0).string(""); // cluster_snapshot_epoch, cluster_snapshot
        e.u32(maxOsd).zeros(16 * maxOsd); // osd_uuid
        e.u32(maxOsd);
        for (int i = 0; i < maxOsd; i++) {
            e.startStruct(3, 1).zeros(28).finishStruct(); // osd_xinfo_t: down_stamp, laggy p/interval, features, old_weight
        }
        emptyAddrVecs(e, maxOsd); // hb_front_addrs
        e.zeros(12); // nearfull, full, backfillfull ratios (floats)
        e.u8(0).u8(0); // require_min_compat_client, require_osd_release
        e.u32(0); // removed_snaps_queue
        e.finishStruct();
        return new OsdOnlyPart(7, e.toByteArray());
    }

    private static void emptyAddrVecs(CephEncoder e, int n) {
        e.u32(n);
        for (int i = 0; i < n; i++) {
            e.u8(2).u32(0);
        }
    }

    /**
     * The full map's {@code blocklist} (address → expiry, nanoseconds since the epoch), read from
     * the kept bytes: it follows {@code hb_back_addrs} and {@code osd_info} ({@code OSDMap::encode},
     * src/osd/OSDMap.cc). The client checks its own address against it ({@code is_blocklisted}).
     */
    public Map<EntityAddr, Long> blocklist() throws ProtocolException {
        CephDecoder d = new CephDecoder(bytes, "OSDMap osd-only part");
        d.startStruct(255, "OSDMap osd-only part");
        int n = d.count("hb_back_addrs", 1);
        for (int i = 0; i < n; i++) {
            EntityAddrCodec.decodeVec(d);
        }
        n = d.count("osd_info", 25);
        d.skip(25L * n); // osd_info_t: struct_v and six epochs
        return addrTimes(d, "blocklist");
    }

    /**
     * An incremental's {@code new_blocklist} and {@code old_blocklist}, read from the kept bytes of
     * its OSD-only part: after {@code new_hb_back_up}, {@code new_up_thru},
     * {@code new_last_clean_interval} and {@code new_lost} ({@code OSDMap::Incremental::encode}).
     */
    public BlocklistChanges blocklistChanges() throws ProtocolException {
        CephDecoder d = new CephDecoder(bytes, "OSDMap::Incremental osd-only part");
        d.startStruct(255, "OSDMap::Incremental osd-only part");
        int n = d.count("new_hb_back_up", 5);
        for (int i = 0; i < n; i++) {
            d.s32();
            EntityAddrCodec.decodeVec(d);
        }
        d.skip(8L * d.count("new_up_thru", 8));
        d.skip(12L * d.count("new_last_clean_interval", 12));
        d.skip(8L * d.count("new_lost", 8));
        Map<EntityAddr, Long> added = addrTimes(d, "new_blocklist");
        n = d.count("old_blocklist", 1);
        List<EntityAddr> removed = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            removed.add(EntityAddrCodec.decode(d));
        }
        return new BlocklistChanges(added, List.copyOf(removed));
    }

    /** What an incremental adds to the blocklist (address → expiry in ns) and removes from it. */
    public record BlocklistChanges(Map<EntityAddr, Long> added, List<EntityAddr> removed) {
    }

    private static Map<EntityAddr, Long> addrTimes(CephDecoder d, String field) throws ProtocolException {
        int n = d.count(field, 9);
        Map<EntityAddr, Long> out = new LinkedHashMap<>(Math.min(n, 1024) * 2);
        for (int i = 0; i < n; i++) {
            EntityAddr a = EntityAddrCodec.decode(d);
            out.put(a, d.utimeNanos());
        }
        return out;
    }

    void encodeTo(CephEncoder e) {
        e.raw(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OsdOnlyPart p && version == p.version && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(bytes);
    }
}
