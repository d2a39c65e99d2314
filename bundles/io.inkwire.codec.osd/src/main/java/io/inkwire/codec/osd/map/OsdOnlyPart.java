package io.inkwire.codec.osd.map;

import io.inkwire.wire.CephEncoder;
import java.util.Arrays;

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
