package io.inkwire.codec.osd.map;

import io.inkwire.wire.CephEncoder;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Test helper: OSDMap and incremental encodings written field by field ({@code OSDMap::encode},
 * {@code OSDMap::Incremental::encode} in {@code src/osd/OSDMap.cc}), so that any count can lie. The
 * wrapper is struct_v 7, the last one without a crc, which the decoders still read: a hostile count
 * is then reached without forging a crc first.
 */
final class MapBlobs {

    static final UUID FSID = UUID.fromString("b4b8fc06-7d11-4dc8-a7fa-a747a8add4e5");

    private MapBlobs() {
    }

    /** A CRUSH map with no buckets, rules, devices or names. */
    static byte[] emptyCrush() {
        return new CephEncoder().u32(0x00010000).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).toByteArray();
    }

    /** A full map: wrapper v7 around a v9 client part holding what {@code client} writes, then an empty OSD-only part. */
    static byte[] full(Consumer<CephEncoder> client) {
        CephEncoder e = new CephEncoder().startStruct(7, 7).startStruct(9, 1);
        client.accept(e);
        return e.finishStruct().startStruct(1, 1).finishStruct().finishStruct().toByteArray();
    }

    /** fsid, epoch 5, created, modified. */
    static CephEncoder fullHead(CephEncoder e) {
        return e.uuid(FSID).u32(5).utime(0, 0).utime(0, 0);
    }

    /** No pools, no names, pool_max 0, flags 0, then max_osd as given. */
    static CephEncoder upToMaxOsd(CephEncoder e, long maxOsd) {
        return fullHead(e).u32(0).u32(0).u32(0).u32(0).u32(maxOsd);
    }

    /** Everything after the per-OSD vectors, empty: pg_temp … last_in_change. */
    static CephEncoder fullTail(CephEncoder e) {
        e.u32(0).u32(0).u32(0).bytes(emptyCrush()); // pg_temp, primary_temp, primary affinity, crush
        e.u32(0).u32(0).u32(0).u32(0); // erasure code profiles, pg_upmap, pg_upmap_items, crush_version
        return e.u32(0).u32(0).utime(0, 0).utime(0, 0); // new removed/purged snaps, last up/in change
    }

    /** An incremental: wrapper v7 around a v8 client part holding what {@code client} writes, then an empty OSD-only part. */
    static byte[] incremental(Consumer<CephEncoder> client) {
        CephEncoder e = new CephEncoder().startStruct(7, 7).startStruct(8, 1);
        client.accept(e);
        return e.finishStruct().startStruct(1, 1).finishStruct().finishStruct().toByteArray();
    }

    /** fsid, epoch 6, modified, new_pool_max and new_flags unchanged, no full map, no CRUSH, new_max_osd as given. */
    static CephEncoder incrementalHead(CephEncoder e, int newMaxOsd) {
        return e.uuid(FSID).u32(6).utime(0, 0).u64(-1).u32(-1).u32(0).u32(0).u32(newMaxOsd);
    }
}
