package io.inkwire.rados.internal;

import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.rados.PoolInfo;
import java.util.List;
import java.util.Optional;

/**
 * What the request engine reads of an OSDMap: pools, flags, OSD addresses and placement. One
 * adapter implements it over the decoded map ({@link OsdMapView}); the engine never sees the
 * map's encoding.
 */
interface MapView {

    long epoch();

    /** {@code CEPH_OSDMAP_PAUSERD}. */
    boolean pauseReads();

    /** {@code CEPH_OSDMAP_PAUSEWR}. */
    boolean pauseWrites();

    /** {@code CEPH_OSDMAP_FULL} (pre-Luminous cluster-wide full). */
    boolean full();

    Optional<Pool> pool(long id);

    Optional<Pool> pool(String name);

    List<PoolInfo> pools();

    /** The pool's snapshot state, when the map has the pool. */
    Optional<PoolSnaps> poolSnaps(long id);

    /** Where an object of a pool lives. */
    Placed place(Pool pool, String nspace, String key, String oid);

    /** Where a PG (by its actual seed) lives, for PG ops such as listing. */
    Placed placePg(Pool pool, int seed);

    /** The OSD's public (client-facing) addresses, when it exists and is up. */
    Optional<EntityAddrVec> upAddrs(int osd);

    /** A pool as the engine needs it; {@code lastForceOpResend} as Ceph's {@code get_last_force_op_resend()}. */
    record Pool(long id, String name, boolean erasure, int size, int minSize, int pgNum, int pgpNum,
                long lastForceOpResend, boolean full, long readTier, long writeTier) {
    }

    /**
     * A pool's snapshots ({@code pg_pool_t}): its mode ({@code FLAG_POOL_SNAPS}, {@code
     * FLAG_SELFMANAGED_SNAPS}; neither before the first snapshot), {@code snap_seq}, and the pool
     * snapshots by ascending id.
     */
    record PoolSnaps(boolean poolSnapsMode, boolean selfManagedMode, long seq, List<io.inkwire.rados.PoolSnap> snaps) {
        public PoolSnaps {
            snaps = List.copyOf(snaps);
        }
    }

    /**
     * One placement: the raw object hash, the actual PG seed ({@code stable_mod}), the up and
     * acting sets with their primaries (−1 for none).
     */
    record Placed(int rawHash, int seed, List<Integer> up, int upPrimary, List<Integer> acting, int actingPrimary) {
    }
}
