package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * One pool's statistics as the monitor sends them in {@link MGetPoolStatsReply}: Ceph's
 * {@code pool_stat_t} (v7, compat 5; {@code src/osd/osd_types.cc}), which wraps an
 * {@code object_stat_collection_t} (v2) around an {@code object_stat_sum_t} (v20, compat 14) and
 * carries the object store's {@code store_statfs_t} (v1). Only what {@code rados df} and librados's
 * {@code rados_pool_stat_t} read is kept; the other counters of the sum (scrub, recovery, cache
 * tiering, …) are read past.
 *
 * <p>{@code object_stat_sum_t} is written by Ceph as a raw copy of the C struct on little-endian
 * hosts; its fields are declared in encoding order (28 {@code int64}, 4 {@code int32}, then
 * {@code int64} again), so the field-by-field reading below is the same bytes.
 */
public record PoolStat(long numBytes, long numObjects, long numObjectClones, long numObjectCopies, long numObjectsMissingOnPrimary,
        long numObjectsDegraded, long numObjectsUnfound, long numRd, long numRdKb, long numWr, long numWrKb, long numBytesHitSetArchive,
        long numOmapBytes, long logSize, long ondiskLogSize, int up, int acting, StoreStatfs storeStats, long numStoreStats) {

    /** Ceph's {@code store_statfs_t}: what the object store allocated and holds for the pool. */
    public record StoreStatfs(long total, long available, long internallyReserved, long allocated, long dataStored, long dataCompressed,
            long dataCompressedAllocated, long dataCompressedOriginal, long omapAllocated, long internalMetadata) {

        public static final StoreStatfs ZERO = new StoreStatfs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        static StoreStatfs decode(CephDecoder d) throws ProtocolException {
            d.startStruct(1, "store_statfs_t");
            StoreStatfs s = new StoreStatfs(d.u64(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64(), d.u64());
            d.finishStruct("store_statfs_t");
            return s;
        }

        void encode(CephEncoder e) {
            e.startStruct(1, 1).u64(total).u64(available).u64(internallyReserved).u64(allocated).u64(dataStored).u64(dataCompressed)
                    .u64(dataCompressedAllocated).u64(dataCompressedOriginal).u64(omapAllocated).u64(internalMetadata).finishStruct();
        }
    }

    // object_stat_sum_t: the int64 counters between the ones kept (indexes in declaration order)
    private static final int SKIPPED_AFTER_WR_KB = 11;      // num_scrub_errors .. num_objects_misplaced
    private static final int SKIPPED_AFTER_HIT_SET = 5 * 8 + 4 * 4 + 2 * 8; // num_flush .. num_objects_missing

    /**
     * What librados reports as a pool's used bytes ({@code Rados::get_pool_stats}): the store's
     * allocation when the cluster reports per pool, else the sum's bytes; plus omap the same way.
     */
    public long allocatedBytes(boolean perPool) {
        long data = perPool ? storeStats.allocated() : numBytes + numBytesHitSetArchive;
        long omap = perPool ? storeStats.omapAllocated() : numOmapBytes;
        return data + omap;
    }

    public static PoolStat decode(CephDecoder d) throws ProtocolException {
        int v = d.startStruct(5, "pool_stat_t");
        if (v < 5) {
            throw d.error("pool_stat_t v" + v + " predates the versioned encoding (v5)");
        }
        d.startStruct(2, "object_stat_collection_t");
        int sv = d.startStruct(20, "object_stat_sum_t");
        if (sv < 14) {
            throw d.error("object_stat_sum_t v" + sv + " is older than its compat 14");
        }
        long bytes = d.u64();
        long objects = d.u64();
        long clones = d.u64();
        long copies = d.u64();
        long missingOnPrimary = d.u64();
        long degraded = d.u64();
        long unfound = d.u64();
        long rd = d.u64();
        long rdKb = d.u64();
        long wr = d.u64();
        long wrKb = d.u64();
        d.skip(SKIPPED_AFTER_WR_KB * 8L);
        long bytesHitSet = d.u64();
        d.skip(SKIPPED_AFTER_HIT_SET);
        long omapBytes = 0;
        if (sv >= 19) {
            d.skip(3 * 8L); // num_legacy_snapsets (16), num_large_omap_objects (17), num_objects_manifest (18)
            omapBytes = d.u64();
        }
        d.finishStruct("object_stat_sum_t");
        d.finishStruct("object_stat_collection_t"); // and the legacy per-category map after the sum
        long logSize = d.u64();
        long ondiskLogSize = d.u64();
        int up = 0;
        int acting = 0;
        if (v >= 6) {
            up = d.s32();
            acting = d.s32();
        }
        StoreStatfs store = StoreStatfs.ZERO;
        long numStoreStats = 0;
        if (v >= 7) {
            store = StoreStatfs.decode(d);
            numStoreStats = d.u32();
        }
        d.finishStruct("pool_stat_t");
        return new PoolStat(bytes, objects, clones, copies, missingOnPrimary, degraded, unfound, rd, rdKb, wr, wrKb, bytesHitSet, omapBytes,
                logSize, ondiskLogSize, up, acting, store, numStoreStats);
    }

    /** As a Pacific monitor writes it (v7, sum v20), the counters not kept as zeros. */
    public void encode(CephEncoder e) {
        e.startStruct(7, 5);
        e.startStruct(2, 2);
        e.startStruct(20, 14);
        e.u64(numBytes).u64(numObjects).u64(numObjectClones).u64(numObjectCopies).u64(numObjectsMissingOnPrimary).u64(numObjectsDegraded)
                .u64(numObjectsUnfound).u64(numRd).u64(numRdKb).u64(numWr).u64(numWrKb);
        e.zeros(SKIPPED_AFTER_WR_KB * 8);
        e.u64(numBytesHitSetArchive);
        e.zeros(SKIPPED_AFTER_HIT_SET + 3 * 8);
        e.u64(numOmapBytes);
        e.zeros(2 * 8); // num_omap_keys, num_objects_repaired
        e.finishStruct();
        e.u32(0); // the legacy per-category sums: none
        e.finishStruct();
        e.u64(logSize).u64(ondiskLogSize).u32(up).u32(acting);
        storeStats.encode(e);
        e.u32(numStoreStats);
        e.finishStruct();
    }
}
